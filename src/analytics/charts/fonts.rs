//! Fonts for PNG export: the system fonts resvg draws with, CJK included.

use super::*;

/// The system font database, loaded once, and the sans-serif family chosen for it.
pub(super) struct Fonts {
    pub(super) db: Arc<fontdb::Database>,
    pub(super) sans_family: String,
}

/// usvg options for PNG export: the system fonts, our sans-serif default, CJK-first fallback.
pub(super) fn png_options() -> usvg::Options<'static> {
    let fonts = system_fonts();
    let mut options = usvg::Options {
        fontdb: fonts.db.clone(),
        font_family: fonts.sans_family.clone(),
        ..usvg::Options::default()
    };
    options.font_resolver.select_fallback = cjk_first_fallback();
    options
}

/// Families preferred for CJK characters, Simplified Chinese first.
pub(super) const CJK_FAMILIES: [&str; 8] = [
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "WenQuanYi Micro Hei",
    "Noto Sans CJK JP",
    "Noto Sans CJK TC",
];

pub(super) fn system_fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| {
        let mut db = fontdb::Database::new();
        db.load_system_fonts();
        let has = |name: &str| {
            db.faces()
                .any(|f| f.families.iter().any(|(n, _)| n == name))
        };
        let sans = [
            "Noto Sans",
            "Segoe UI",
            "Helvetica Neue",
            "Arial",
            "DejaVu Sans",
            "Liberation Sans",
        ]
        .into_iter()
        .chain(CJK_FAMILIES)
        .find(|f| has(f))
        .unwrap_or("sans-serif")
        .to_string();
        db.set_sans_serif_family(sans.clone());
        Fonts {
            db: Arc::new(db),
            sans_family: sans,
        }
    })
}

/// Font fallback that tries the CJK families in [`CJK_FAMILIES`] order for wide (East Asian)
/// characters before any other font, so Chinese text gets Simplified Chinese glyph forms
/// rather than those of the first CJK face in the database (often Japanese). A family that
/// lacks the character is skipped by usvg, which asks again with it marked used.
pub(super) fn cjk_first_fallback() -> usvg::FallbackSelectionFn<'static> {
    let default = usvg::FontResolver::default_fallback_selector();
    Box::new(move |c, used, db| {
        if c.width() == Some(2) {
            for family in CJK_FAMILIES {
                let families = [fontdb::Family::Name(family)];
                let query = fontdb::Query {
                    families: &families,
                    ..Default::default()
                };
                if let Some(id) = db.query(&query)
                    && !used.contains(&id)
                {
                    return Some(id);
                }
            }
        }
        default(c, used, db)
    })
}
