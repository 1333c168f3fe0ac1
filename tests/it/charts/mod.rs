//! The dashboard charts: SVG snapshots on fixed data, empty and invalid inputs, text escaping,
//! PNG export with CJK glyphs, and a fuzz over odd inputs.

mod render;
