//! Companies: industries and names as each language makes them.

use super::*;

pub(super) struct Industry {
    pub(super) en: &'static str,
    /// The industry word in each language's company names (English, Chinese, German, French,
    /// Spanish, Japanese).
    pub(super) words: [&'static str; 6],
    pub(super) slug: &'static str,
    /// Whether its customers buy wholesale.
    pub(super) wholesale: bool,
}

pub(super) const fn industry(
    en: &'static str,
    words: [&'static str; 6],
    slug: &'static str,
    wholesale: bool,
) -> Industry {
    Industry {
        en,
        words,
        slug,
        wholesale,
    }
}

#[rustfmt::skip]
pub(super) static INDUSTRIES: &[Industry] = &[
    industry("Tea & Beverages", ["Tea", "茶叶", "Teehandel", "Thés", "Tés", "製茶"], "tea", true),
    industry("Electronics", ["Electronics", "电子科技", "Elektronik", "Électronique", "Electrónica", "電機"], "electronics", false),
    industry("Trading", ["Trading", "贸易", "Handel", "Négoce", "Comercial", "商事"], "trading", true),
    industry("Food", ["Foods", "食品", "Feinkost", "Alimentation", "Alimentación", "食品"], "foods", true),
    industry("Textiles", ["Textiles", "纺织", "Textil", "Textiles", "Textil", "繊維"], "textiles", false),
    industry("Furniture", ["Furniture", "家具", "Möbel", "Meubles", "Muebles", "家具"], "furniture", false),
    industry("Logistics", ["Logistics", "物流", "Logistik", "Logistique", "Logística", "運輸"], "logistics", false),
    industry("Pharmaceuticals", ["Pharma", "医药", "Pharma", "Pharma", "Farmacéutica", "製薬"], "pharma", false),
    industry("Software", ["Software", "网络科技", "Software", "Logiciels", "Software", "情報システム"], "soft", false),
    industry("Machinery", ["Machinery", "机械制造", "Maschinenbau", "Mécanique", "Maquinaria", "機械"], "machinery", false),
    industry("Retail", ["Retail", "商贸", "Einzelhandel", "Distribution", "Distribuciones", "販売"], "retail", true),
    industry("Consulting", ["Consulting", "咨询", "Beratung", "Conseil", "Consultoría", "コンサルティング"], "consulting", false),
    industry("Cosmetics", ["Cosmetics", "化妆品", "Kosmetik", "Cosmétiques", "Cosmética", "化粧品"], "beauty", false),
    industry("Construction", ["Construction", "建筑工程", "Bau", "Construction", "Construcciones", "建設"], "construction", false),
];

/// Brand characters of Chinese company names, with pinyin.
#[rustfmt::skip]
pub(super) const ZH_BRAND: &[(&str, &str)] = &[
    ("华", "hua"), ("美", "mei"), ("东", "dong"), ("方", "fang"), ("恒", "heng"), ("通", "tong"),
    ("宏", "hong"), ("达", "da"), ("金", "jin"), ("源", "yuan"), ("瑞", "rui"), ("丰", "feng"),
    ("鑫", "xin"), ("盛", "sheng"), ("泰", "tai"), ("安", "an"), ("新", "xin"), ("光", "guang"),
    ("天", "tian"), ("海", "hai"), ("龙", "long"), ("凯", "kai"), ("康", "kang"), ("联", "lian"),
    ("信", "xin"), ("德", "de"), ("汇", "hui"), ("嘉", "jia"), ("永", "yong"), ("百", "bai"),
    ("佳", "jia"), ("正", "zheng"), ("和", "he"), ("中", "zhong"), ("创", "chuang"), ("博", "bo"),
    ("远", "yuan"), ("腾", "teng"), ("祥", "xiang"), ("富", "fu"),
];
#[rustfmt::skip]
pub(super) const EN_ADJ: &[&str] = &[
    "Blue", "Northern", "Golden", "Silver", "Summit", "Pacific", "Atlantic", "Evergreen", "Red",
    "Bright", "Granite", "Cedar", "Iron", "Liberty", "Pioneer", "Eagle", "Harbor", "River", "Oak",
    "Maple",
];
#[rustfmt::skip]
pub(super) const EN_NOUN: &[&str] = &[
    "Harbor", "Ridge", "Peak", "Bay", "Valley", "Bridge", "Field", "Stone", "Point", "Creek",
    "Gate", "Rock", "Line", "Wind", "Star",
];
#[rustfmt::skip]
pub(super) const DE_PREFIX: &[&str] = &[
    "Nord", "Süd", "Rhein", "Alpen", "Elb", "Isar", "Spree", "Main", "Ost", "West",
];
#[rustfmt::skip]
pub(super) const DE_SUFFIX: &[&str] = &[
    "licht", "werk", "stern", "tal", "blick", "feld", "berg", "haus",
];
#[rustfmt::skip]
pub(super) const JA_BRAND: &[(&str, &str)] = &[
    ("サクラ", "sakura"), ("ミドリ", "midori"), ("ヤマト", "yamato"), ("アサヒ", "asahi"), ("フジ", "fuji"),
    ("ヒカリ", "hikari"), ("コスモ", "cosmo"), ("ミライ", "mirai"), ("ニッポン", "nippon"), ("トーワ", "towa"),
];

pub(super) struct CompanyPlan {
    pub(super) name: String,
    pub(super) domain: String,
    pub(super) lang: Lang,
    pub(super) city: u16,
    pub(super) industry: u8,
}

pub(super) fn company_tld(city: &City) -> &'static str {
    match city.country {
        US => "com",
        UK => "co.uk",
        "China" => "com.cn",
        "Germany" => "de",
        "France" => "fr",
        "Spain" => "es",
        MX => "com.mx",
        _ => "co.jp",
    }
}

/// Two different names for a partnership (`Smith & Jones`).
pub(super) fn two(rng: &mut Rng, names: &[&'static str]) -> (&'static str, &'static str) {
    let a = rng.below(names.len());
    let b = (a + 1 + rng.below(names.len() - 1)) % names.len();
    (names[a], names[b])
}

/// A company's name and web domain.
pub(super) fn company_name(
    rng: &mut Rng,
    lang: Lang,
    city: &City,
    ind: &Industry,
) -> (String, String) {
    let word = lang.of(ind.words);
    let tld = company_tld(city);
    let slug = ind.slug;
    let (name, domain) = match lang {
        Lang::Zh => {
            let suffix = rng.pick(&["有限公司", "有限公司", "有限公司", "股份有限公司"]);
            if rng.chance(0.15) {
                (
                    format!("{}{word}{suffix}", city.name),
                    format!("{}{slug}", city.ascii),
                )
            } else {
                let (a, a_py) = *rng.pick(ZH_BRAND);
                let (b, b_py) = *rng.pick(ZH_BRAND);
                (
                    format!("{}{a}{b}{word}{suffix}", city.name),
                    format!("{a_py}{b_py}{slug}"),
                )
            }
        }
        Lang::Ja => {
            let (family, romaji) = JA_FAMILY[rng.below(JA_FAMILY.len())];
            match rng.below(3) {
                0 => (
                    format!("{family}{word}株式会社"),
                    format!("{romaji}-{slug}"),
                ),
                1 => {
                    let (brand, brand_ro) = *rng.pick(JA_BRAND);
                    (
                        format!("株式会社{brand}{word}"),
                        format!("{brand_ro}-{slug}"),
                    )
                }
                _ => (
                    format!("{}{word}株式会社", city.name),
                    format!("{}-{slug}", city.ascii),
                ),
            }
        }
        Lang::En => {
            let suffix = if city.country == UK {
                *rng.pick(&["Ltd", "Ltd", "plc"])
            } else {
                *rng.pick(&["Inc.", "LLC", "Co.", "Group"])
            };
            if rng.chance(0.6) {
                let (a, n) = (*rng.pick(EN_ADJ), *rng.pick(EN_NOUN));
                (
                    format!("{a} {n} {word} {suffix}"),
                    format!("{}{}{slug}", ascii(a), ascii(n)),
                )
            } else {
                let (a, b) = two(rng, EN_LAST);
                (
                    format!("{a} & {b} {word} {suffix}"),
                    format!("{}{}", ascii(a), ascii(b)),
                )
            }
        }
        Lang::De => match rng.below(3) {
            0 => {
                let l = *rng.pick(DE_LAST);
                (format!("{l} {word} GmbH"), format!("{}-{slug}", ascii(l)))
            }
            1 => {
                let (a, b) = two(rng, DE_LAST);
                (
                    format!("{a} & {b} KG"),
                    format!("{}-{}", ascii(a), ascii(b)),
                )
            }
            _ => {
                let (p, s) = (*rng.pick(DE_PREFIX), *rng.pick(DE_SUFFIX));
                let legal = rng.pick(&["GmbH", "AG", "GmbH & Co. KG"]);
                (
                    format!("{p}{s} {word} {legal}"),
                    format!("{}{s}-{slug}", ascii(p)),
                )
            }
        },
        Lang::Fr => {
            let l = *rng.pick(FR_LAST);
            let name = match rng.below(4) {
                0 => format!("{word} {l} SARL"),
                1 => format!("{l} et Fils"),
                2 => format!("Maison {l}"),
                _ => format!("{l} & Associés SAS"),
            };
            (name, format!("{}-{slug}", ascii(l)))
        }
        Lang::Es => {
            let l = *rng.pick(ES_LAST);
            let legal = if city.country == MX {
                "S.A. de C.V."
            } else {
                *rng.pick(&["S.L.", "S.A."])
            };
            let name = match rng.below(4) {
                0 => format!("{word} {l} {legal}"),
                1 => format!("{l} y Asociados {legal}"),
                2 => format!("Grupo {l} {legal}"),
                _ => format!("{l} Hermanos {legal}"),
            };
            (name, format!("{}-{slug}", ascii(l)))
        }
    };
    (name, format!("{domain}.{tld}"))
}
