//! Opening databases: new, foreign, corrupt, newer.
