//! Records: validation, create/update/delete, history, tags, custom fields, lists.
