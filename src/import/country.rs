//! Countries as spreadsheets name them: the ISO 3166 code of a country column's value or of the
//! country at the end (or, in Chinese, at the start) of an address, the order in which a
//! country writes numeric dates, and the country of a system locale.
//!
//! Why a table of our own: phone numbers written without a country code are read in their
//! row's country, and real files name that country in the user's language (`France`,
//! `Frankreich`, `法国`, `Deutschland`, `中国`, `中華民國`). The crates that map names to ISO
//! codes know English names only; this table adds the German, French, Spanish and Chinese
//! (simplified and traditional) names and the native ones for the countries Kith's users
//! trade with most. A name it does not know reads as no country (the default applies).
//! Pure functions, except `system_country`, which asks the operating system for its locale.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::clean::DateOrder;
use crate::values::fold;

/// ISO 3166 alpha-2 and alpha-3 codes with the names a spreadsheet may use (folded: lower
/// case, accents removed, as [`fold`] writes them).
const COUNTRIES: &[(&str, &str, &[&str])] = &[
    (
        "CN",
        "CHN",
        &[
            "china",
            "prc",
            "people's republic of china",
            "中国",
            "中國",
            "中华人民共和国",
            "中華人民共和國",
            "chine",
            "volksrepublik china",
        ],
    ),
    (
        "HK",
        "HKG",
        &["hong kong", "hongkong", "香港", "中国香港", "中國香港"],
    ),
    (
        "TW",
        "TWN",
        &["taiwan", "台湾", "台灣", "臺灣", "中華民國", "中华民国"],
    ),
    ("MO", "MAC", &["macau", "macao", "澳门", "澳門"]),
    ("JP", "JPN", &["japan", "日本", "japon", "japón"]),
    (
        "KR",
        "KOR",
        &[
            "south korea",
            "korea",
            "republic of korea",
            "韩国",
            "韓國",
            "大韩民国",
            "대한민국",
            "한국",
            "sudkorea",
            "coree du sud",
            "corea del sur",
        ],
    ),
    (
        "SG",
        "SGP",
        &["singapore", "新加坡", "singapur", "singapour"],
    ),
    (
        "MY",
        "MYS",
        &["malaysia", "马来西亚", "馬來西亞", "malaisie", "malasia"],
    ),
    (
        "TH",
        "THA",
        &["thailand", "泰国", "泰國", "thailande", "tailandia"],
    ),
    ("VN", "VNM", &["vietnam", "viet nam", "越南"]),
    (
        "PH",
        "PHL",
        &[
            "philippines",
            "菲律宾",
            "菲律賓",
            "philippinen",
            "filipinas",
        ],
    ),
    (
        "ID",
        "IDN",
        &["indonesia", "印度尼西亚", "印尼", "indonesien", "indonesie"],
    ),
    ("IN", "IND", &["india", "印度", "indien", "inde"]),
    (
        "AU",
        "AUS",
        &[
            "australia",
            "澳大利亚",
            "澳洲",
            "澳大利亞",
            "australien",
            "australie",
        ],
    ),
    (
        "NZ",
        "NZL",
        &[
            "new zealand",
            "新西兰",
            "紐西蘭",
            "neuseeland",
            "nouvelle-zelande",
            "nueva zelanda",
        ],
    ),
    (
        "US",
        "USA",
        &[
            "united states",
            "united states of america",
            "usa",
            "u.s.a.",
            "u.s.",
            "america",
            "美国",
            "美國",
            "vereinigte staaten",
            "etats-unis",
            "estados unidos",
        ],
    ),
    ("CA", "CAN", &["canada", "加拿大", "kanada"]),
    ("MX", "MEX", &["mexico", "墨西哥", "mexiko", "mexique"]),
    (
        "BR",
        "BRA",
        &["brazil", "brasil", "巴西", "brasilien", "bresil"],
    ),
    (
        "AR",
        "ARG",
        &["argentina", "阿根廷", "argentinien", "argentine"],
    ),
    ("CL", "CHL", &["chile", "智利", "chili"]),
    (
        "CO",
        "COL",
        &["colombia", "哥伦比亚", "kolumbien", "colombie"],
    ),
    (
        "GB",
        "GBR",
        &[
            "united kingdom",
            "uk",
            "u.k.",
            "great britain",
            "britain",
            "england",
            "scotland",
            "wales",
            "英国",
            "英國",
            "grossbritannien",
            "großbritannien",
            "vereinigtes konigreich",
            "royaume-uni",
            "reino unido",
        ],
    ),
    (
        "IE",
        "IRL",
        &[
            "ireland",
            "爱尔兰",
            "愛爾蘭",
            "irland",
            "irlande",
            "irlanda",
        ],
    ),
    (
        "FR",
        "FRA",
        &["france", "法国", "法國", "frankreich", "francia"],
    ),
    (
        "DE",
        "DEU",
        &[
            "germany",
            "deutschland",
            "德国",
            "德國",
            "allemagne",
            "alemania",
            "germania",
            "brd",
        ],
    ),
    (
        "AT",
        "AUT",
        &[
            "austria",
            "osterreich",
            "österreich",
            "奥地利",
            "奧地利",
            "autriche",
        ],
    ),
    (
        "CH",
        "CHE",
        &[
            "switzerland",
            "schweiz",
            "suisse",
            "svizzera",
            "瑞士",
            "suiza",
        ],
    ),
    (
        "IT",
        "ITA",
        &["italy", "italia", "意大利", "義大利", "italien", "italie"],
    ),
    (
        "ES",
        "ESP",
        &["spain", "espana", "españa", "西班牙", "spanien", "espagne"],
    ),
    ("PT", "PRT", &["portugal", "葡萄牙"]),
    (
        "NL",
        "NLD",
        &[
            "netherlands",
            "the netherlands",
            "holland",
            "nederland",
            "荷兰",
            "荷蘭",
            "niederlande",
            "pays-bas",
            "paises bajos",
        ],
    ),
    (
        "BE",
        "BEL",
        &[
            "belgium",
            "belgie",
            "belgique",
            "比利时",
            "比利時",
            "belgien",
            "belgica",
        ],
    ),
    (
        "LU",
        "LUX",
        &["luxembourg", "luxemburg", "卢森堡", "盧森堡"],
    ),
    (
        "DK",
        "DNK",
        &[
            "denmark",
            "danmark",
            "丹麦",
            "丹麥",
            "danemark",
            "dinamarca",
        ],
    ),
    (
        "SE",
        "SWE",
        &["sweden", "sverige", "瑞典", "schweden", "suede", "suecia"],
    ),
    (
        "NO",
        "NOR",
        &["norway", "norge", "挪威", "norwegen", "norvege", "noruega"],
    ),
    (
        "FI",
        "FIN",
        &[
            "finland",
            "suomi",
            "芬兰",
            "芬蘭",
            "finnland",
            "finlande",
            "finlandia",
        ],
    ),
    (
        "PL",
        "POL",
        &[
            "poland", "polska", "波兰", "波蘭", "polen", "pologne", "polonia",
        ],
    ),
    (
        "CZ",
        "CZE",
        &[
            "czech republic",
            "czechia",
            "cesko",
            "česko",
            "捷克",
            "tschechien",
            "republique tcheque",
        ],
    ),
    (
        "HU",
        "HUN",
        &[
            "hungary",
            "magyarorszag",
            "匈牙利",
            "ungarn",
            "hongrie",
            "hungria",
        ],
    ),
    (
        "GR",
        "GRC",
        &[
            "greece",
            "hellas",
            "希腊",
            "希臘",
            "griechenland",
            "grece",
            "grecia",
        ],
    ),
    (
        "TR",
        "TUR",
        &[
            "turkey",
            "turkiye",
            "türkiye",
            "土耳其",
            "turkei",
            "türkei",
            "turquie",
            "turquia",
        ],
    ),
    (
        "RU",
        "RUS",
        &[
            "russia",
            "russian federation",
            "россия",
            "俄罗斯",
            "俄羅斯",
            "russland",
            "russie",
            "rusia",
        ],
    ),
    (
        "UA",
        "UKR",
        &["ukraine", "україна", "乌克兰", "烏克蘭", "ucrania"],
    ),
    ("IL", "ISR", &["israel", "以色列"]),
    (
        "AE",
        "ARE",
        &[
            "united arab emirates",
            "uae",
            "阿联酋",
            "阿聯酋",
            "vereinigte arabische emirate",
            "emirats arabes unis",
        ],
    ),
    (
        "SA",
        "SAU",
        &[
            "saudi arabia",
            "沙特阿拉伯",
            "沙特",
            "saudi-arabien",
            "arabie saoudite",
        ],
    ),
    (
        "EG",
        "EGY",
        &["egypt", "埃及", "agypten", "ägypten", "egypte"],
    ),
    (
        "ZA",
        "ZAF",
        &[
            "south africa",
            "南非",
            "sudafrika",
            "südafrika",
            "afrique du sud",
        ],
    ),
    ("NG", "NGA", &["nigeria", "尼日利亚", "尼日利亞"]),
    ("KE", "KEN", &["kenya", "肯尼亚", "肯亞", "kenia"]),
];

/// Countries whose people write numeric dates month first (`12/9/1906` is 9 December).
const MONTH_FIRST: &[&str] = &[
    "US", "PH", "FM", "MH", "PW", "GU", "PR", "AS", "VI", "MP", "UM",
];

/// The ISO 3166 alpha-2 code of a country written as a name (in English, German, French,
/// Spanish, Chinese or its own language) or as an alpha-2 or alpha-3 code (`France`, `法国`,
/// `Deutschland`, `de`, `DEU`); `None` when the text names no country Kith knows.
pub fn country_code(text: &str) -> Option<&'static str> {
    let key = fold(text.trim().trim_end_matches(['.', ',', ';']).trim());
    if key.is_empty() || key.chars().count() > 60 {
        return None;
    }
    static BY_NAME: LazyLock<HashMap<String, &'static str>> = LazyLock::new(|| {
        let mut map = HashMap::new();
        for (a2, a3, names) in COUNTRIES {
            map.insert(a2.to_ascii_lowercase(), *a2);
            map.insert(a3.to_ascii_lowercase(), *a2);
            for name in *names {
                map.insert(fold(name.trim_end_matches('.')), *a2);
            }
        }
        map
    });
    BY_NAME.get(&key).copied()
}

/// The country an address names: its last line or last comma-separated part (`…, 75008 Paris,
/// France`, Google's "Address 1 - Formatted" ends with the country on its own line), or, as
/// Chinese addresses are written largest first, a country name at its start
/// (`中国北京市朝阳区…`). Codes alone are not read from an address (`… Ste 400, CA` is a
/// state, not Canada).
pub fn country_in_address(address: &str) -> Option<&'static str> {
    let last = address
        .lines()
        .map(str::trim)
        .rfind(|l| !l.is_empty())?
        .rsplit([',', '，'])
        .map(str::trim)
        .find(|p| !p.is_empty())?;
    let named = |t: &str| country_code(t).filter(|_| t.chars().count() > 3 || !t.is_ascii());
    if let Some(code) = named(last) {
        return Some(code);
    }
    let start = address.trim_start();
    COUNTRIES.iter().find_map(|(a2, _, names)| {
        names
            .iter()
            .filter(|n| n.chars().any(crate::values::is_cjk))
            .any(|n| start.starts_with(n))
            .then_some(*a2)
    })
}

/// How people in `country` (ISO alpha-2, any case) write a numeric date whose day and month
/// could be swapped: month first in the United States and a few others, day first elsewhere
/// (year-first dates are never ambiguous).
pub fn date_order_of(country: &str) -> DateOrder {
    if MONTH_FIRST
        .iter()
        .any(|c| c.eq_ignore_ascii_case(country.trim()))
    {
        DateOrder::Mdy
    } else {
        DateOrder::Dmy
    }
}

/// The country of a locale name as operating systems give it (`de-DE`, `en_US.UTF-8`,
/// `zh-Hans-CN`, `fr_FR@euro`); `None` without a region (`C`, `POSIX`, `en`).
pub fn country_of_locale(locale: &str) -> Option<String> {
    let name = locale.split(['.', '@']).next()?;
    name.split(['-', '_'])
        .skip(1)
        .find(|part| part.len() == 2 && part.chars().all(|c| c.is_ascii_alphabetic()))
        .map(str::to_ascii_uppercase)
}

/// The country of this system's locale (`LANG=de_DE.UTF-8` → `DE`), if it names one: the
/// default country of an import when the user gives none.
pub fn system_country() -> Option<String> {
    sys_locale::get_locale().and_then(|l| country_of_locale(&l))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_many_languages_name_one_country() {
        for (text, code) in [
            ("France", Some("FR")),
            ("frankreich", Some("FR")),
            ("法国", Some("FR")),
            ("Deutschland", Some("DE")),
            ("中国", Some("CN")),
            ("中華民國", Some("TW")),
            ("United States of America", Some("US")),
            ("Österreich", Some("AT")),
            ("de", Some("DE")),
            ("DEU", Some("DE")),
            ("Atlantis", None),
            ("", None),
        ] {
            assert_eq!(country_code(text), code, "{text} names {code:?}");
        }
    }

    #[test]
    fn an_address_names_its_country_at_its_end_or_chinese_start() {
        for (address, code) in [
            ("12 rue de la Paix\n75002 Paris\nFrance", Some("FR")),
            ("Hauptstr. 5, 10115 Berlin, Deutschland", Some("DE")),
            ("中国北京市朝阳区建国路88号", Some("CN")),
            ("1 Infinite Loop, Cupertino, CA", None),
            (
                "1 Infinite Loop\nCupertino CA 95014\nUnited States",
                Some("US"),
            ),
            ("", None),
        ] {
            assert_eq!(country_in_address(address), code, "{address:?}");
        }
    }

    #[test]
    fn locales_give_their_region() {
        for (locale, country) in [
            ("de_DE.UTF-8", Some("DE")),
            ("en-US", Some("US")),
            ("zh-Hans-CN", Some("CN")),
            ("fr_FR@euro", Some("FR")),
            ("C", None),
            ("en", None),
        ] {
            assert_eq!(country_of_locale(locale).as_deref(), country, "{locale}");
        }
        assert_eq!(date_order_of("us"), DateOrder::Mdy);
        assert_eq!(date_order_of("DE"), DateOrder::Dmy);
    }
}
