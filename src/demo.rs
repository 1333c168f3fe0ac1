//! Deterministic demo data across every entity: people and companies in six languages, two
//! years of orders with a realistic repeat-purchase skew, deals in every stage with the
//! activities that moved them (won deals worked to the end, lost ones gone quiet), other
//! activities, tickets with follow-ups, campaigns with responses, feedback in English and
//! Chinese, relationships, tags and custom fields.
//!
//! Invariants: the same seed and options give the same content — ids and write times differ,
//! but every date in the content is anchored to one reference day (by default
//! [`REFERENCE_DATE`]; the day is an option, never read from the wall clock here),
//! and every random draw comes from a seeded generator (one independent stream per phase, so
//! batch sizes never change the data). Every record is written through the public write path
//! ([`Writer::create`], [`Writer::tag`]) in batched transactions, so validation, the change log
//! and the search index see exactly what a user's writes produce.

use std::collections::{BTreeMap, HashSet};

use chrono::{Datelike, NaiveDate, TimeDelta};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::kinds::{MEMBER_STATUSES, ORDER_STATUSES};
use crate::model::{Input, Kind};
use crate::store::{Store, Writer};

/// The day the demo data is "current" at unless told otherwise: orders cover the two years
/// before it, open deals close after it. Fixed so that the same seed always gives the same data
/// (tests and benchmarks); a user's demo is made current at the day it is created.
pub const REFERENCE_DATE: &str = "2026-11-01";

/// Version of the generator's output: bump it whenever the same seed would give other data
/// (caches of generated databases, such as the search benchmark's, are keyed by it).
pub const GENERATOR_VERSION: u32 = 3;

const MINUTES_A_DAY: i64 = 24 * 60;

/// Records written per transaction (a transaction is one HLC reading and one commit).
const BATCH: usize = 4_000;

/// How many days of order history the data covers.
const HISTORY_DAYS: i64 = 730;

/// What to generate.
#[derive(Debug, Clone)]
pub struct DemoOptions {
    /// Number of contacts; other entities scale with it.
    pub contacts: usize,
    /// Seed: the same seed and options give the same data.
    pub seed: u64,
    /// The day the data is current at; `None`: [`REFERENCE_DATE`]. A user's demo workspace is
    /// made current at the day it is created, so its pipeline and recent orders look alive.
    pub reference: Option<NaiveDate>,
}

impl DemoOptions {
    /// Options for `contacts` contacts with the default seed, current at [`REFERENCE_DATE`].
    pub fn with_contacts(contacts: usize) -> DemoOptions {
        DemoOptions {
            contacts,
            seed: 42,
            reference: None,
        }
    }

    /// The same options, current at `day`.
    pub fn current_at(self, day: NaiveDate) -> DemoOptions {
        DemoOptions {
            reference: Some(day),
            ..self
        }
    }
}

/// What [`fill`] wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DemoSummary {
    /// The seed the data was generated from.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub seed: u64,
    /// The day the data is anchored to ([`DemoOptions::reference`]).
    pub reference_date: String,
    /// Records created, per kind.
    #[cfg_attr(feature = "ts", ts(type = "{ [key in string]?: number }"))]
    pub counts: BTreeMap<Kind, u64>,
    /// Tags put on records.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub tagged: u64,
    /// Custom-field values set.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub custom_values: u64,
}

impl DemoSummary {
    /// Records created, all kinds together.
    pub fn records(&self) -> u64 {
        self.counts.values().sum()
    }
}

/// Fills the store with demo data (see [`fill_with_progress`]).
pub fn fill(store: &mut Store, options: &DemoOptions) -> Result<DemoSummary> {
    fill_with_progress(store, options, &mut |_, _| {})
}

/// Fills the store with demo data, calling `progress(records written, records planned)` after
/// every transaction. Its writes are attributed to origin `demo`; the store's own origin is
/// restored afterwards.
pub fn fill_with_progress(
    store: &mut Store,
    options: &DemoOptions,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<DemoSummary> {
    let previous = store.origin().to_string();
    store.set_origin("demo");
    let written = write_all(store, options, progress);
    store.set_origin(&previous);
    written
}

fn write_all(
    store: &mut Store,
    options: &DemoOptions,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<DemoSummary> {
    let mut generator = Generator::plan(options)?;
    let mut progress = Progress {
        done: 0,
        total: generator.planned_records(),
        report: progress,
    };
    (progress.report)(0, progress.total);
    generator.write_products(store, &mut progress)?;
    generator.write_companies(store, &mut progress)?;
    generator.write_contacts(store, &mut progress)?;
    generator.write_relationships(store, &mut progress)?;
    generator.write_campaigns(store, &mut progress)?;
    generator.write_orders(store, &mut progress)?;
    generator.write_deals(store, &mut progress)?;
    generator.write_tickets(store, &mut progress)?;
    generator.write_activities(store, &mut progress)?;
    generator.write_campaign_members(store, &mut progress)?;
    generator.write_feedback(store, &mut progress)?;
    Ok(generator.summary)
}

// ---------------------------------------------------------------------------------------------
// Randomness

use crate::rng::SplitMix64 as Rng;

/// FNV-1a: a stable hash for the set of emails already used.
fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xCBF2_9CE4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01B3)
    })
}

// ---------------------------------------------------------------------------------------------
// Languages, places and names

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lang {
    En,
    Zh,
    De,
    Fr,
    Es,
    Ja,
}

const LANGS: [Lang; 6] = [Lang::En, Lang::Zh, Lang::De, Lang::Fr, Lang::Es, Lang::Ja];
/// Share of contacts and companies per language, in percent.
const LANG_WEIGHTS: [u32; 6] = [30, 28, 12, 10, 10, 10];

impl Lang {
    fn index(self) -> usize {
        self as usize
    }

    /// The value of the `Preferred language` custom field.
    fn language(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Zh => "Chinese",
            Lang::De => "German",
            Lang::Fr => "French",
            Lang::Es => "Spanish",
            Lang::Ja => "Japanese",
        }
    }

    /// Picks the text for this language from a per-language table.
    fn of<T: Copy>(self, table: [T; 6]) -> T {
        table[self.index()]
    }
}

struct City {
    name: &'static str,
    /// ASCII name for domains.
    ascii: &'static str,
    country: &'static str,
    lang: Lang,
    /// Telephone area code.
    area: &'static str,
}

const fn city(
    name: &'static str,
    ascii: &'static str,
    country: &'static str,
    lang: Lang,
    area: &'static str,
) -> City {
    City {
        name,
        ascii,
        country,
        lang,
        area,
    }
}

const US: &str = "United States";
const UK: &str = "United Kingdom";
const MX: &str = "Mexico";

static CITIES: &[City] = &[
    city("New York", "newyork", US, Lang::En, "212"),
    city("San Francisco", "sf", US, Lang::En, "415"),
    city("Chicago", "chicago", US, Lang::En, "312"),
    city("Boston", "boston", US, Lang::En, "617"),
    city("Seattle", "seattle", US, Lang::En, "206"),
    city("Austin", "austin", US, Lang::En, "512"),
    city("London", "london", UK, Lang::En, "20"),
    city("Manchester", "manchester", UK, Lang::En, "161"),
    city("Edinburgh", "edinburgh", UK, Lang::En, "131"),
    city("北京", "beijing", "China", Lang::Zh, "10"),
    city("上海", "shanghai", "China", Lang::Zh, "21"),
    city("杭州", "hangzhou", "China", Lang::Zh, "571"),
    city("深圳", "shenzhen", "China", Lang::Zh, "755"),
    city("广州", "guangzhou", "China", Lang::Zh, "20"),
    city("成都", "chengdu", "China", Lang::Zh, "28"),
    city("南京", "nanjing", "China", Lang::Zh, "25"),
    city("苏州", "suzhou", "China", Lang::Zh, "512"),
    city("厦门", "xiamen", "China", Lang::Zh, "592"),
    city("Berlin", "berlin", "Germany", Lang::De, "30"),
    city("München", "muenchen", "Germany", Lang::De, "89"),
    city("Hamburg", "hamburg", "Germany", Lang::De, "40"),
    city("Frankfurt am Main", "frankfurt", "Germany", Lang::De, "69"),
    city("Köln", "koeln", "Germany", Lang::De, "221"),
    city("Stuttgart", "stuttgart", "Germany", Lang::De, "711"),
    city("Düsseldorf", "duesseldorf", "Germany", Lang::De, "211"),
    city("Paris", "paris", "France", Lang::Fr, "1"),
    city("Lyon", "lyon", "France", Lang::Fr, "4"),
    city("Marseille", "marseille", "France", Lang::Fr, "4"),
    city("Toulouse", "toulouse", "France", Lang::Fr, "5"),
    city("Bordeaux", "bordeaux", "France", Lang::Fr, "5"),
    city("Lille", "lille", "France", Lang::Fr, "3"),
    city("Nantes", "nantes", "France", Lang::Fr, "2"),
    city("Madrid", "madrid", "Spain", Lang::Es, "91"),
    city("Barcelona", "barcelona", "Spain", Lang::Es, "93"),
    city("Valencia", "valencia", "Spain", Lang::Es, "96"),
    city("Sevilla", "sevilla", "Spain", Lang::Es, "95"),
    city("Bilbao", "bilbao", "Spain", Lang::Es, "94"),
    city("Ciudad de México", "cdmx", MX, Lang::Es, "55"),
    city("Guadalajara", "guadalajara", MX, Lang::Es, "33"),
    city("Monterrey", "monterrey", MX, Lang::Es, "81"),
    city("東京", "tokyo", "Japan", Lang::Ja, "3"),
    city("大阪", "osaka", "Japan", Lang::Ja, "6"),
    city("横浜", "yokohama", "Japan", Lang::Ja, "45"),
    city("名古屋", "nagoya", "Japan", Lang::Ja, "52"),
    city("京都", "kyoto", "Japan", Lang::Ja, "75"),
    city("福岡", "fukuoka", "Japan", Lang::Ja, "92"),
    city("札幌", "sapporo", "Japan", Lang::Ja, "11"),
];

#[rustfmt::skip]
const EN_FIRST: &[&str] = &[
    "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David",
    "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah",
    "Charles", "Karen", "Daniel", "Emily", "Matthew", "Olivia", "Anthony", "Emma", "Mark",
    "Sophia", "Andrew", "Grace", "Joshua", "Chloe", "Ryan", "Hannah", "Kevin", "Megan", "Brian",
    "Rachel", "Oliver", "Amelia",
];
#[rustfmt::skip]
const EN_LAST: &[&str] = &[
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson",
    "Taylor", "Thomas", "Moore", "Jackson", "Martin", "Lee", "Thompson", "White", "Harris",
    "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Green",
    "Baker", "Adams", "Nelson", "Hill", "Campbell", "Mitchell", "Roberts", "Carter", "Phillips",
    "Evans", "Turner", "Smithson", "Goldsmith", "Hammond", "Marshall", "Mason", "Matthews",
    "O'Brien", "McDonald",
];
/// Chinese family names by frequency, with pinyin.
#[rustfmt::skip]
const ZH_FAMILY: &[(&str, &str)] = &[
    ("王", "wang"), ("李", "li"), ("张", "zhang"), ("刘", "liu"), ("陈", "chen"), ("杨", "yang"),
    ("黄", "huang"), ("赵", "zhao"), ("吴", "wu"), ("周", "zhou"), ("徐", "xu"), ("孙", "sun"),
    ("马", "ma"), ("朱", "zhu"), ("胡", "hu"), ("郭", "guo"), ("何", "he"), ("高", "gao"), ("林", "lin"),
    ("罗", "luo"), ("郑", "zheng"), ("梁", "liang"), ("谢", "xie"), ("宋", "song"), ("唐", "tang"),
    ("许", "xu"), ("韩", "han"), ("冯", "feng"), ("邓", "deng"), ("曹", "cao"), ("彭", "peng"),
    ("曾", "zeng"), ("萧", "xiao"), ("田", "tian"), ("董", "dong"), ("袁", "yuan"), ("潘", "pan"),
    ("于", "yu"), ("蒋", "jiang"), ("蔡", "cai"), ("余", "yu"), ("杜", "du"), ("叶", "ye"),
    ("程", "cheng"), ("苏", "su"), ("魏", "wei"), ("吕", "lyu"), ("丁", "ding"), ("任", "ren"),
    ("沈", "shen"), ("欧阳", "ouyang"), ("司马", "sima"),
];
/// Characters of Chinese given names, with pinyin.
#[rustfmt::skip]
const ZH_GIVEN: &[(&str, &str)] = &[
    ("明", "ming"), ("芳", "fang"), ("伟", "wei"), ("娜", "na"), ("敏", "min"), ("静", "jing"),
    ("丽", "li"), ("强", "qiang"), ("磊", "lei"), ("军", "jun"), ("洋", "yang"), ("勇", "yong"),
    ("艳", "yan"), ("杰", "jie"), ("娟", "juan"), ("涛", "tao"), ("超", "chao"), ("秀", "xiu"),
    ("霞", "xia"), ("平", "ping"), ("刚", "gang"), ("桂", "gui"), ("英", "ying"), ("华", "hua"),
    ("建", "jian"), ("国", "guo"), ("文", "wen"), ("婷", "ting"), ("雪", "xue"), ("慧", "hui"),
    ("晓", "xiao"), ("宇", "yu"), ("浩", "hao"), ("鹏", "peng"), ("辉", "hui"), ("玲", "ling"),
    ("红", "hong"), ("梅", "mei"), ("兰", "lan"), ("志", "zhi"), ("俊", "jun"), ("佳", "jia"),
    ("欣", "xin"), ("怡", "yi"), ("子", "zi"), ("轩", "xuan"), ("涵", "han"), ("博", "bo"), ("然", "ran"),
    ("琳", "lin"), ("晨", "chen"), ("睿", "rui"), ("思", "si"), ("雨", "yu"), ("嘉", "jia"),
    ("诗", "shi"), ("海", "hai"), ("东", "dong"), ("春", "chun"), ("立", "li"),
];
#[rustfmt::skip]
const DE_FIRST: &[&str] = &[
    "Jürgen", "Klaus", "Stefan", "Thomas", "Andreas", "Michael", "Wolfgang", "Uwe", "Sabine",
    "Petra", "Monika", "Ursula", "Katrin", "Anja", "Julia", "Lena", "Lukas", "Felix", "Jonas",
    "Maximilian", "Sophie", "Hannah", "Björn", "Jörg", "Günter", "Dörte", "Tobias", "Franziska",
];
#[rustfmt::skip]
const DE_LAST: &[&str] = &[
    "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz",
    "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann",
    "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt",
    "Werner", "Krause", "Meier", "Lehmann", "Köhler", "Groß",
];
#[rustfmt::skip]
const FR_FIRST: &[&str] = &[
    "Jean", "Pierre", "Michel", "Philippe", "Alain", "Nicolas", "François", "Laurent", "Julien",
    "Mathieu", "Marie", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Céline", "Amélie", "Chloé",
    "Léa", "Manon", "Camille", "Hélène", "Gaëlle", "Théo", "Hugo", "Louis", "Clément", "Benoît",
];
#[rustfmt::skip]
const FR_LAST: &[&str] = &[
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
    "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
    "Vincent", "Fournier", "Morel", "Girard", "André", "Lefebvre", "Mercier", "Dupont", "Lambert",
    "Bonnet", "François", "Faure",
];
#[rustfmt::skip]
const ES_FIRST: &[&str] = &[
    "José", "Antonio", "Manuel", "Francisco", "Juan", "David", "Javier", "Carlos", "Miguel",
    "Alejandro", "Pablo", "Sergio", "María", "Carmen", "Ana", "Isabel", "Laura", "Lucía", "Marta",
    "Cristina", "Paula", "Elena", "Sofía", "Raquel", "Iñigo", "Begoña", "Núria", "Andrés",
];
#[rustfmt::skip]
const ES_LAST: &[&str] = &[
    "García", "Rodríguez", "González", "Fernández", "López", "Martínez", "Sánchez", "Pérez",
    "Gómez", "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Muñoz", "Álvarez",
    "Romero", "Alonso", "Gutiérrez", "Navarro", "Torres", "Domínguez", "Vázquez", "Ramos",
    "Castillo", "Ortega", "Núñez",
];
/// Japanese family names by frequency, with romaji.
#[rustfmt::skip]
const JA_FAMILY: &[(&str, &str)] = &[
    ("佐藤", "sato"), ("鈴木", "suzuki"), ("高橋", "takahashi"), ("田中", "tanaka"), ("伊藤", "ito"),
    ("渡辺", "watanabe"), ("山本", "yamamoto"), ("中村", "nakamura"), ("小林", "kobayashi"),
    ("加藤", "kato"), ("吉田", "yoshida"), ("山田", "yamada"), ("松田", "matsuda"), ("山口", "yamaguchi"),
    ("松本", "matsumoto"), ("井上", "inoue"), ("木村", "kimura"), ("林", "hayashi"), ("斎藤", "saito"),
    ("清水", "shimizu"),
];
#[rustfmt::skip]
const JA_GIVEN: &[(&str, &str)] = &[
    ("翔太", "shota"), ("大輔", "daisuke"), ("健一", "kenichi"), ("拓也", "takuya"), ("直樹", "naoki"),
    ("誠", "makoto"), ("浩", "hiroshi"), ("隆", "takashi"), ("蓮", "ren"), ("悠真", "yuma"),
    ("陽菜", "hina"), ("美咲", "misaki"), ("由美", "yumi"), ("恵子", "keiko"), ("裕子", "yuko"), ("愛", "ai"),
    ("結衣", "yui"), ("さくら", "sakura"), ("真由美", "mayumi"), ("花子", "hanako"),
];

/// A person's name in its own script and in ASCII (for email addresses).
struct Person {
    first: String,
    last: String,
    first_ascii: String,
    last_ascii: String,
}

/// Lower-case ASCII letters and digits of a Latin-script name (`Jürgen` → `juergen`).
fn ascii(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            'a'..='z' | '0'..='9' => out.push(c),
            'ä' | 'æ' => out.push_str("ae"),
            'ö' | 'œ' => out.push_str("oe"),
            'ü' => out.push_str("ue"),
            'ß' => out.push_str("ss"),
            'à' | 'á' | 'â' | 'ã' | 'å' => out.push('a'),
            'è' | 'é' | 'ê' | 'ë' => out.push('e'),
            'ì' | 'í' | 'î' | 'ï' => out.push('i'),
            'ò' | 'ó' | 'ô' | 'õ' => out.push('o'),
            'ù' | 'ú' | 'û' => out.push('u'),
            'ç' => out.push('c'),
            'ñ' => out.push('n'),
            _ => {}
        }
    }
    out
}

fn person(rng: &mut Rng, lang: Lang) -> Person {
    let western = |rng: &mut Rng, first: &[&str], last: &[&str]| {
        let f = first[rng.skewed(first.len(), 1.4)];
        let l = last[rng.skewed(last.len(), 1.8)];
        Person {
            first: f.to_string(),
            last: l.to_string(),
            first_ascii: ascii(f),
            last_ascii: ascii(l),
        }
    };
    match lang {
        Lang::En => western(rng, EN_FIRST, EN_LAST),
        Lang::De => western(rng, DE_FIRST, DE_LAST),
        Lang::Fr => western(rng, FR_FIRST, FR_LAST),
        Lang::Es => western(rng, ES_FIRST, ES_LAST),
        Lang::Zh => {
            let (family, family_py) = ZH_FAMILY[rng.skewed(ZH_FAMILY.len(), 2.2)];
            let chars = if rng.chance(0.35) { 1 } else { 2 };
            let mut given = String::new();
            let mut given_py = String::new();
            let first = rng.below(ZH_GIVEN.len());
            // Two different characters (reduplicated names like 磊磊 are nicknames).
            let second = (first + 1 + rng.below(ZH_GIVEN.len() - 1)) % ZH_GIVEN.len();
            for &i in [first, second].iter().take(chars) {
                let (c, py) = ZH_GIVEN[i];
                given.push_str(c);
                given_py.push_str(py);
            }
            Person {
                first: given,
                last: family.to_string(),
                first_ascii: given_py,
                last_ascii: family_py.to_string(),
            }
        }
        Lang::Ja => {
            let (family, family_ro) = JA_FAMILY[rng.skewed(JA_FAMILY.len(), 1.6)];
            let (given, given_ro) = *rng.pick(JA_GIVEN);
            Person {
                first: given.to_string(),
                last: family.to_string(),
                first_ascii: given_ro.to_string(),
                last_ascii: family_ro.to_string(),
            }
        }
    }
}

/// Free-mail domains people use, by country.
fn free_domains(country: &str) -> &'static [&'static str] {
    match country {
        US => &[
            "gmail.com",
            "outlook.com",
            "yahoo.com",
            "icloud.com",
            "hotmail.com",
            "aol.com",
        ],
        UK => &[
            "gmail.com",
            "outlook.com",
            "btinternet.com",
            "hotmail.co.uk",
            "yahoo.co.uk",
        ],
        "China" => &[
            "qq.com",
            "163.com",
            "126.com",
            "sina.com",
            "foxmail.com",
            "aliyun.com",
        ],
        "Germany" => &["gmx.de", "web.de", "t-online.de", "gmail.com", "posteo.de"],
        "France" => &["orange.fr", "free.fr", "laposte.net", "gmail.com", "sfr.fr"],
        "Spain" => &[
            "gmail.com",
            "hotmail.es",
            "yahoo.es",
            "telefonica.net",
            "outlook.es",
        ],
        MX => &["gmail.com", "hotmail.com", "prodigy.net.mx", "outlook.com"],
        _ => &[
            "yahoo.co.jp",
            "gmail.com",
            "docomo.ne.jp",
            "ezweb.ne.jp",
            "icloud.com",
        ],
    }
}

/// The local part of an email address for a person.
fn email_local(rng: &mut Rng, lang: Lang, p: &Person, business: bool, domain: &str) -> String {
    let (f, l) = (&p.first_ascii, &p.last_ascii);
    let f0 = &f[..1];
    if domain == "qq.com" && rng.chance(0.6) {
        // QQ numbers: most qq.com addresses are digits.
        let len = rng.range(5, 9) as usize;
        return format!("{}{}", rng.range(1, 9), rng.digits(len));
    }
    if business {
        return match (lang, rng.below(4)) {
            (Lang::Zh, 0 | 1) => format!("{l}{f}"),
            (_, 0 | 1) => format!("{f}.{l}"),
            (_, 2) => format!("{f0}{l}"),
            _ => f.to_string(),
        };
    }
    let year = rng.range(60, 105) % 100;
    match rng.below(7) {
        0 | 1 => format!("{f}.{l}"),
        2 => format!("{f}{l}{}", rng.range(1, 99)),
        3 => format!("{f0}.{l}"),
        4 if lang == Lang::Zh => format!("{l}{f}{year:02}"),
        4 => format!("{f}_{l}"),
        5 => format!("{l}.{f}{year:02}"),
        _ => format!("{f}{}", rng.range(100, 9999)),
    }
}

fn landline(rng: &mut Rng, city: &City) -> String {
    let a = city.area;
    match city.country {
        US => format!("+1 ({a}) 555-{}", rng.digits(4)),
        UK if a == "20" => format!("+44 20 7946 {}", rng.digits(4)),
        UK => format!("+44 {a} 496 {}", rng.digits(4)),
        "China" => format!(
            "+86 {a} {}{} {}",
            rng.range(2, 8),
            rng.digits(3),
            rng.digits(4)
        ),
        "Germany" => format!("+49 {a} {}{}", rng.range(2, 9), rng.digits(6)),
        "France" => format!(
            "+33 {a} {} {} {} {}",
            rng.digits(2),
            rng.digits(2),
            rng.digits(2),
            rng.digits(2)
        ),
        "Spain" => format!(
            "+34 {a}{} {} {}",
            rng.digits(1),
            rng.digits(3),
            rng.digits(3)
        ),
        MX => format!("+52 {a} {} {}", rng.digits(4), rng.digits(4)),
        _ if a.len() == 1 => format!("+81 {a}-{}-{}", rng.digits(4), rng.digits(4)),
        _ => format!("+81 {a}-{}-{}", rng.digits(3), rng.digits(4)),
    }
}

fn mobile(rng: &mut Rng, city: &City) -> String {
    match city.country {
        US => format!("+1 ({}) 555-{}", city.area, rng.digits(4)),
        UK => format!("+44 7700 900{}", rng.digits(3)),
        "China" => {
            let prefix = rng.pick(&[
                "138", "139", "137", "136", "135", "150", "151", "158", "159", "186", "187", "188",
                "189", "133", "177", "180",
            ]);
            format!("+86 {prefix} {} {}", rng.digits(4), rng.digits(4))
        }
        "Germany" => {
            let prefix = rng.pick(&["151", "152", "157", "160", "170", "171", "176"]);
            format!("+49 {prefix} {}", rng.digits(8))
        }
        "France" => format!(
            "+33 {} {} {} {} {}",
            rng.range(6, 7),
            rng.digits(2),
            rng.digits(2),
            rng.digits(2),
            rng.digits(2)
        ),
        "Spain" => format!("+34 6{} {} {}", rng.digits(2), rng.digits(3), rng.digits(3)),
        MX => format!("+52 {} {} {}", city.area, rng.digits(4), rng.digits(4)),
        _ => format!(
            "+81 {}-{}-{}",
            rng.pick(&["90", "80", "70"]),
            rng.digits(4),
            rng.digits(4)
        ),
    }
}

fn street_address(rng: &mut Rng, city: &City) -> String {
    let n = rng.range(1, 220);
    match city.country {
        US => format!(
            "{} {} {}",
            rng.range(10, 9800),
            rng.pick(&[
                "Main",
                "Oak",
                "Maple",
                "Cedar",
                "Park",
                "Washington",
                "Lake",
                "Hill",
                "Pine",
                "Market",
                "Elm"
            ]),
            rng.pick(&["St", "Ave", "Blvd", "Rd"])
        ),
        UK => format!(
            "{n} {} {}",
            rng.pick(&[
                "High", "Station", "Church", "Victoria", "Mill", "Queen's", "Park"
            ]),
            rng.pick(&["Street", "Road", "Lane"])
        ),
        "China" => format!(
            "{}{n}号",
            rng.pick(&[
                "中山路",
                "人民路",
                "解放路",
                "建设路",
                "长江路",
                "文三路",
                "南京东路",
                "深南大道",
                "天府大道",
                "延安西路"
            ])
        ),
        "Germany" => format!(
            "{} {}",
            rng.pick(&[
                "Hauptstraße",
                "Bahnhofstraße",
                "Schillerstraße",
                "Goethestraße",
                "Lindenweg",
                "Gartenstraße",
                "Königsallee",
                "Friedrichstraße"
            ]),
            rng.range(1, 120)
        ),
        "France" => format!(
            "{} {}",
            rng.range(1, 150),
            rng.pick(&[
                "rue de la Paix",
                "avenue Victor Hugo",
                "boulevard Haussmann",
                "rue de la République",
                "place Bellecour",
                "rue du Faubourg Saint-Honoré",
                "cours Mirabeau"
            ])
        ),
        "Spain" | MX => format!(
            "{} {}",
            rng.pick(&[
                "Calle Mayor",
                "Avenida de la Constitución",
                "Paseo de Gracia",
                "Gran Vía",
                "Calle de Alcalá",
                "Avenida Reforma",
                "Calle Colón"
            ]),
            rng.range(1, 200)
        ),
        _ => format!(
            "{}{}-{}-{}",
            rng.pick(&[
                "丸の内",
                "銀座",
                "梅田",
                "栄",
                "天神",
                "大通西",
                "六本木",
                "四条通"
            ]),
            rng.range(1, 9),
            rng.range(1, 30),
            rng.range(1, 20)
        ),
    }
}

// ---------------------------------------------------------------------------------------------
// Companies

struct Industry {
    en: &'static str,
    /// The industry word in each language's company names (English, Chinese, German, French,
    /// Spanish, Japanese).
    words: [&'static str; 6],
    slug: &'static str,
    /// Whether its customers buy wholesale.
    wholesale: bool,
}

const fn industry(
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
static INDUSTRIES: &[Industry] = &[
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
const ZH_BRAND: &[(&str, &str)] = &[
    ("华", "hua"), ("美", "mei"), ("东", "dong"), ("方", "fang"), ("恒", "heng"), ("通", "tong"),
    ("宏", "hong"), ("达", "da"), ("金", "jin"), ("源", "yuan"), ("瑞", "rui"), ("丰", "feng"),
    ("鑫", "xin"), ("盛", "sheng"), ("泰", "tai"), ("安", "an"), ("新", "xin"), ("光", "guang"),
    ("天", "tian"), ("海", "hai"), ("龙", "long"), ("凯", "kai"), ("康", "kang"), ("联", "lian"),
    ("信", "xin"), ("德", "de"), ("汇", "hui"), ("嘉", "jia"), ("永", "yong"), ("百", "bai"),
    ("佳", "jia"), ("正", "zheng"), ("和", "he"), ("中", "zhong"), ("创", "chuang"), ("博", "bo"),
    ("远", "yuan"), ("腾", "teng"), ("祥", "xiang"), ("富", "fu"),
];
#[rustfmt::skip]
const EN_ADJ: &[&str] = &[
    "Blue", "Northern", "Golden", "Silver", "Summit", "Pacific", "Atlantic", "Evergreen", "Red",
    "Bright", "Granite", "Cedar", "Iron", "Liberty", "Pioneer", "Eagle", "Harbor", "River", "Oak",
    "Maple",
];
#[rustfmt::skip]
const EN_NOUN: &[&str] = &[
    "Harbor", "Ridge", "Peak", "Bay", "Valley", "Bridge", "Field", "Stone", "Point", "Creek",
    "Gate", "Rock", "Line", "Wind", "Star",
];
#[rustfmt::skip]
const DE_PREFIX: &[&str] = &[
    "Nord", "Süd", "Rhein", "Alpen", "Elb", "Isar", "Spree", "Main", "Ost", "West",
];
#[rustfmt::skip]
const DE_SUFFIX: &[&str] = &[
    "licht", "werk", "stern", "tal", "blick", "feld", "berg", "haus",
];
#[rustfmt::skip]
const JA_BRAND: &[(&str, &str)] = &[
    ("サクラ", "sakura"), ("ミドリ", "midori"), ("ヤマト", "yamato"), ("アサヒ", "asahi"), ("フジ", "fuji"),
    ("ヒカリ", "hikari"), ("コスモ", "cosmo"), ("ミライ", "mirai"), ("ニッポン", "nippon"), ("トーワ", "towa"),
];

struct CompanyPlan {
    name: String,
    domain: String,
    lang: Lang,
    city: u16,
    industry: u8,
}

fn company_tld(city: &City) -> &'static str {
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
fn two(rng: &mut Rng, names: &[&'static str]) -> (&'static str, &'static str) {
    let a = rng.below(names.len());
    let b = (a + 1 + rng.below(names.len() - 1)) % names.len();
    (names[a], names[b])
}

/// A company's name and web domain.
fn company_name(rng: &mut Rng, lang: Lang, city: &City, ind: &Industry) -> (String, String) {
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

// ---------------------------------------------------------------------------------------------
// Products, jobs and texts

struct Product {
    name: &'static str,
    sku: &'static str,
    /// Price in cents (USD).
    price: i64,
    category: &'static str,
    description: &'static str,
}

const fn product(
    name: &'static str,
    sku: &'static str,
    price: i64,
    category: &'static str,
    description: &'static str,
) -> Product {
    Product {
        name,
        sku,
        price,
        category,
        description,
    }
}

/// The catalogue, most popular first.
#[rustfmt::skip]
static PRODUCTS: &[Product] = &[
    product("龙井绿茶 West Lake Longjing 250g", "TEA-LJ-250", 3800, "Tea",
            "Pre-Qingming green tea from Hangzhou, pan-fired by hand."),
    product("Wireless Earbuds Pro", "ELE-EAR-PRO", 8900, "Electronics",
            "Active noise cancelling, 30 h battery with the case."),
    product("铁观音 Tieguanyin Oolong 200g", "TEA-TGY-200", 2950, "Tea",
            "Lightly roasted oolong from Anxi, Fujian."),
    product("USB-C Charger 65W", "ELE-CHG-65", 3500, "Electronics",
            "GaN charger with two USB-C ports and one USB-A."),
    product("Jasmine Silver Needle 100g", "TEA-JSN-100", 2490, "Tea",
            "White tea buds scented seven times with fresh jasmine."),
    product("Power Bank 20000mAh", "ELE-PB-20K", 3900, "Electronics",
            "Fast-charging power bank with a display."),
    product("普洱茶饼 Aged Pu-erh Cake 357g", "TEA-PE-357", 6400, "Tea",
            "Ripe pu-erh pressed in 2016, Menghai."),
    product("Keemun Black Tea 200g", "TEA-KM-200", 1980, "Tea",
            "Classic Anhui black tea with a hint of smoke."),
    product("Bluetooth Speaker Mini", "ELE-SPK-MINI", 4500, "Electronics",
            "Waterproof pocket speaker, 12 h playback."),
    product("Matcha Uji Premium 30g", "TEA-MT-030", 3200, "Tea",
            "Ceremonial-grade matcha from Uji, Kyoto."),
    product("Earl Grey Loose Leaf 250g", "TEA-EG-250", 1450, "Tea",
            "Ceylon black tea with natural bergamot oil."),
    product("Celadon Tea Cup Set (6)", "TW-CUP-6", 5800, "Teaware",
            "Six hand-glazed celadon cups from Longquan."),
    product("Smart Watch S2", "ELE-SW-S2", 14900, "Electronics",
            "Heart rate, GPS and a 7-day battery."),
    product("Glass Gongfu Tea Set", "TW-GF-GLS", 4600, "Teaware",
            "Heat-resistant glass gaiwan, pitcher and four cups."),
    product("Tea Gift Box Deluxe", "GFT-TEA-DLX", 8800, "Gifts",
            "Four teas in a lacquered gift box — a favourite for festivals."),
    product("Mechanical Keyboard K8", "ELE-KB-K8", 9900, "Electronics",
            "Hot-swappable switches, Bluetooth and USB-C."),
    product("Yixing Clay Teapot", "TW-YX-200", 12000, "Teaware",
            "Zisha clay teapot, 200 ml, handmade in Yixing."),
    product("Electric Kettle 1.7L", "HOME-KTL-17", 4999, "Home",
            "Variable temperature kettle for green, white and black teas."),
    product("Chamomile Herbal Infusion 100g", "TEA-CH-100", 990, "Tea",
            "Whole chamomile flowers, caffeine free."),
    product("4K Webcam", "ELE-CAM-4K", 7900, "Electronics",
            "4K webcam with autofocus and a privacy shutter."),
    product("Noise-Cancelling Headphones", "ELE-HP-NC", 21900, "Electronics",
            "Over-ear headphones with adaptive noise cancelling."),
    product("Portable SSD 1TB", "ELE-SSD-1T", 10900, "Electronics",
            "USB-C portable SSD, 1,050 MB/s."),
    product("Bamboo Tea Tray", "TW-TRAY-BMB", 7200, "Teaware",
            "Bamboo tray with a drainage drawer."),
    product("Leather Notebook A5", "OFF-NB-A5", 2400, "Office",
            "Refillable A5 notebook in vegetable-tanned leather."),
    product("Fountain Pen Classic", "OFF-PEN-CL", 6500, "Office",
            "Steel nib fountain pen with a converter."),
    product("Desk Organizer Bamboo", "OFF-ORG-BMB", 2900, "Office",
            "Five-compartment bamboo desk organizer."),
    product("Silk Scarf", "GFT-SCF-SLK", 5500, "Gifts",
            "Mulberry silk scarf from Suzhou, 90 × 90 cm."),
    product("Ceramic Vase", "GFT-VAS-CER", 4200, "Gifts",
            "Jingdezhen porcelain vase, blue and white."),
    product("Installation Service", "SVC-INSTALL", 15000, "Services",
            "On-site installation and setup."),
    product("Annual Maintenance Plan", "SVC-MAINT-1Y", 29900, "Services",
            "One year of maintenance and priority support."),
];

/// Job titles in each language.
const JOB_TITLES: [&[&str]; 6] = [
    &[
        "CEO",
        "Founder",
        "Sales Manager",
        "Purchasing Manager",
        "Operations Director",
        "Office Manager",
        "Marketing Lead",
        "Account Executive",
        "Procurement Specialist",
        "CFO",
        "Buyer",
        "Store Manager",
    ],
    &[
        "总经理",
        "销售经理",
        "采购经理",
        "市场总监",
        "财务主管",
        "运营经理",
        "行政助理",
        "技术总监",
        "采购专员",
        "店长",
    ],
    &[
        "Geschäftsführer",
        "Vertriebsleiter",
        "Einkaufsleiterin",
        "Marketingleiter",
        "Buchhalterin",
        "Projektmanager",
        "Einkäufer",
        "Prokurist",
    ],
    &[
        "Directeur général",
        "Responsable des achats",
        "Directrice commerciale",
        "Chef de projet",
        "Comptable",
        "Responsable marketing",
        "Gérant",
    ],
    &[
        "Director general",
        "Jefe de compras",
        "Directora comercial",
        "Gerente de ventas",
        "Responsable de logística",
        "Contable",
    ],
    &[
        "代表取締役",
        "営業部長",
        "購買課長",
        "マーケティング担当",
        "総務部",
        "経理担当",
        "店長",
        "技術部長",
    ],
];

/// Short notes on a contact, in each language.
const CONTACT_NOTES: [&[&str]; 6] = [
    &[
        "Prefers email over phone.",
        "Met at the spring trade fair.",
        "Asks for samples before every large order.",
        "Only available in the mornings.",
    ],
    &[
        "喜欢绿茶，每季度采购一次。",
        "展会上认识的，对新品很感兴趣。",
        "请用微信联系，不常看邮件。",
        "春节前需要礼盒报价。",
    ],
    &[
        "Bevorzugt Kontakt per E-Mail.",
        "Auf der Messe in Frankfurt kennengelernt.",
    ],
    &[
        "Préfère être contacté par e-mail.",
        "Rencontré au salon de Paris.",
    ],
    &[
        "Prefiere el contacto por correo.",
        "Conocido en la feria de Madrid.",
    ],
    &["メールでの連絡を希望。", "展示会で名刺交換。"],
];

const DEAL_TITLES: [&[&str]; 6] = [
    &[
        "Annual supply contract",
        "Pilot order",
        "Quarterly restock",
        "Corporate gifts",
        "Office equipment upgrade",
        "Wholesale tea program",
        "Service renewal",
    ],
    &[
        "年度采购合同",
        "试销订单",
        "季度补货",
        "企业礼品定制",
        "办公设备升级",
        "茶叶批发合作",
        "服务续约",
    ],
    &[
        "Rahmenvertrag",
        "Pilotbestellung",
        "Nachbestellung",
        "Firmengeschenke",
        "Büroausstattung",
    ],
    &[
        "Contrat annuel",
        "Commande pilote",
        "Réassort trimestriel",
        "Cadeaux d'entreprise",
        "Renouvellement du service",
    ],
    &[
        "Contrato anual de suministro",
        "Pedido piloto",
        "Reposición trimestral",
        "Regalos corporativos",
        "Renovación del servicio",
    ],
    &[
        "年間供給契約",
        "試験発注",
        "四半期補充",
        "法人ギフト",
        "保守契約更新",
    ],
];

/// The deal sources the demo draws from (the deal kind's `source` choice also has `other`).
const DEAL_SOURCES: [&str; 5] = ["inbound", "outbound", "referral", "campaign", "partner"];

const LOST_REASONS: &[&str] = &[
    "Price too high",
    "Chose a competitor",
    "No budget",
    "Bad timing",
    "No response",
    "Product not a fit",
];

const ACTIVITY_KINDS: [&str; 5] = ["call", "email", "meeting", "note", "task"];

/// Activity subjects by kind (as in [`ACTIVITY_KINDS`]) and language.
const ACTIVITY_SUBJECTS: [[&[&str]; 6]; 5] = [
    [
        &[
            "Intro call",
            "Follow-up call about the quote",
            "Call about delivery dates",
            "Check-in call",
        ],
        &["初次电话沟通", "电话沟通报价", "确认发货时间", "回访客户"],
        &["Erstgespräch", "Rückruf wegen Angebot"],
        &["Appel de découverte", "Relance téléphonique du devis"],
        &["Llamada inicial", "Seguimiento del presupuesto"],
        &["初回電話", "見積もりの確認電話"],
    ],
    [
        &[
            "Sent price list",
            "Sent quote",
            "Shared the catalogue",
            "Thank-you email",
        ],
        &["发送价格表", "发送报价单", "发送产品目录", "感谢邮件"],
        &["Preisliste gesendet", "Angebot verschickt"],
        &["Envoi de la grille tarifaire", "Devis envoyé"],
        &["Enviada la lista de precios", "Presupuesto enviado"],
        &["価格表を送付", "見積書を送付"],
    ],
    [
        &[
            "Product demo",
            "Quarterly review",
            "Site visit",
            "Lunch meeting",
        ],
        &["产品演示", "季度业务回顾", "实地拜访", "商务午餐"],
        &["Produktvorführung", "Quartalsgespräch"],
        &["Démonstration produit", "Revue trimestrielle"],
        &["Demostración de producto", "Reunión trimestral"],
        &["製品デモ", "四半期レビュー"],
    ],
    [
        &[
            "Prefers green tea samples",
            "Budget approved for next quarter",
            "Decision maker is the CFO",
            "Interested in the wholesale program",
        ],
        &[
            "偏好绿茶样品",
            "下季度预算已批准",
            "决策人是财务总监",
            "对批发计划感兴趣",
        ],
        &[
            "Budget für nächstes Quartal genehmigt",
            "Interesse am Großhandel",
        ],
        &[
            "Budget validé pour le prochain trimestre",
            "Intéressé par le programme de gros",
        ],
        &[
            "Presupuesto aprobado para el próximo trimestre",
            "Interesado en venta al por mayor",
        ],
        &["来期の予算が承認済み", "卸売プログラムに関心あり"],
    ],
    [
        &[
            "Send samples",
            "Prepare proposal",
            "Schedule demo",
            "Follow up on invoice",
        ],
        &["寄送样品", "准备方案", "安排演示", "跟进发票"],
        &["Muster verschicken", "Angebot vorbereiten"],
        &["Envoyer des échantillons", "Préparer la proposition"],
        &["Enviar muestras", "Preparar la propuesta"],
        &["サンプルを送る", "提案書を準備"],
    ],
];

/// A note's body: the subject, then a sentence naming a product.
/// A note's body names one of the products (the better sellers more often).
fn note_about_product(rng: &mut Rng, input: &mut Input, kind: usize, lang: Lang, subject: &str) {
    if ACTIVITY_KINDS[kind] == "note" {
        let product = PRODUCTS[rng.skewed(PRODUCTS.len(), 1.5)].name;
        put(input, "body", note_body(lang, subject, product));
    }
}

fn note_body(lang: Lang, subject: &str, product: &str) -> String {
    match lang {
        Lang::Zh => format!("{subject}。提到了{product}，询问批量折扣。"),
        Lang::De => format!("{subject}. Fragte nach {product} und Mengenrabatt."),
        Lang::Fr => format!("{subject}. A demandé {product} et une remise sur volume."),
        Lang::Es => format!("{subject}. Preguntó por {product} y descuentos por volumen."),
        Lang::Ja => format!("{subject}。{product}について数量割引の問い合わせあり。"),
        Lang::En => format!("{subject}. Mentioned {product} and asked about volume discounts."),
    }
}

const TICKET_CATEGORIES: [&str; 6] = [
    "billing",
    "shipping",
    "product defect",
    "account",
    "returns",
    "technical",
];

/// Ticket subjects by category (as in [`TICKET_CATEGORIES`]) and language.
const TICKET_SUBJECTS: [[&[&str]; 6]; 6] = [
    [
        &[
            "Charged twice for my order",
            "Invoice shows the wrong amount",
            "Need a VAT invoice",
        ],
        &["订单被重复扣款", "发票金额不对", "需要开增值税发票"],
        &["Doppelte Abbuchung", "Rechnung mit falschem Betrag"],
        &["Débité deux fois", "Facture incorrecte"],
        &["Cobro duplicado", "Factura con importe incorrecto"],
        &["二重請求されました", "請求書の金額が違う"],
    ],
    [
        &[
            "Package hasn't arrived",
            "Tracking number not working",
            "Delivery was late",
        ],
        &["快递一直没到", "物流单号查不到", "发货太慢了"],
        &[
            "Paket nicht angekommen",
            "Sendungsverfolgung funktioniert nicht",
        ],
        &["Colis non reçu", "Numéro de suivi invalide"],
        &[
            "El paquete no ha llegado",
            "El número de seguimiento no funciona",
        ],
        &["荷物が届かない", "追跡番号が無効"],
    ],
    [
        &[
            "Item arrived broken",
            "Product stopped working",
            "Missing parts in the box",
        ],
        &["收到的商品破损", "产品用了几天就坏了", "包装里少了配件"],
        &[
            "Ware beschädigt angekommen",
            "Gerät funktioniert nicht mehr",
        ],
        &["Article arrivé cassé", "Le produit ne fonctionne plus"],
        &["El artículo llegó roto", "El producto dejó de funcionar"],
        &["商品が破損していた", "製品が動かなくなった"],
    ],
    [
        &[
            "Can't log in to my account",
            "Please update my email address",
            "Reset my password",
        ],
        &["账号登录不上", "请帮我修改邮箱", "忘记密码"],
        &["Kann mich nicht anmelden", "Bitte E-Mail-Adresse ändern"],
        &["Impossible de me connecter", "Changer mon adresse e-mail"],
        &["No puedo iniciar sesión", "Cambiar mi correo electrónico"],
        &["ログインできない", "メールアドレスを変更したい"],
    ],
    [
        &[
            "How do I return an item?",
            "Refund not received yet",
            "Exchange for a different colour",
        ],
        &["怎么申请退货？", "退款还没到账", "想换一个颜色"],
        &[
            "Wie kann ich zurücksenden?",
            "Erstattung noch nicht erhalten",
        ],
        &["Comment retourner un article ?", "Remboursement non reçu"],
        &["¿Cómo devuelvo un artículo?", "No he recibido el reembolso"],
        &["返品の方法を知りたい", "返金がまだ届かない"],
    ],
    [
        &[
            "Bluetooth won't pair",
            "Firmware update failed",
            "Charger overheats",
        ],
        &["蓝牙连接不上", "固件升级失败", "充电器发烫"],
        &[
            "Bluetooth-Kopplung klappt nicht",
            "Firmware-Update fehlgeschlagen",
        ],
        &["Le Bluetooth ne s'appaire pas", "Échec de la mise à jour"],
        &["El Bluetooth no se empareja", "Falló la actualización"],
        &["Bluetoothが接続できない", "ファームウェア更新に失敗"],
    ],
];

fn ticket_description(lang: Lang, subject: &str, order: Option<&str>) -> String {
    let order = order.unwrap_or_default();
    match (lang, order.is_empty()) {
        (Lang::Zh, false) => format!("客户反馈：{subject}。订单号 {order}。"),
        (Lang::Zh, true) => format!("客户反馈：{subject}。"),
        (_, false) => format!("Customer reports: {subject}. Order {order}."),
        (_, true) => format!("Customer reports: {subject}."),
    }
}

fn follow_up_prefix(lang: Lang) -> &'static str {
    lang.of([
        "Follow-up: ",
        "跟进：",
        "Nachfassen: ",
        "Suivi : ",
        "Seguimiento: ",
        "フォローアップ：",
    ])
}

/// Campaign names (`{Y}` is the year) with their channel.
const CAMPAIGNS: &[(&str, &str)] = &[
    ("Spring Tea Festival {Y}", "email"),
    ("Black Friday {Y}", "ads"),
    ("双十一大促 {Y}", "social"),
    ("春节礼盒 {Y}", "email"),
    ("Trade Fair Frankfurt {Y}", "event"),
    ("Salon du Thé Paris {Y}", "event"),
    ("Webinar: Smart Office {Y}", "email"),
    ("Back to School {Y}", "ads"),
    ("中秋节礼品 {Y}", "direct_mail"),
    ("Summer Sale {Y}", "email"),
    ("Customer Appreciation Day {Y}", "phone"),
    ("お中元キャンペーン {Y}", "direct_mail"),
    ("Feria de Madrid {Y}", "event"),
    ("Newsletter {Y}", "email"),
];

const CAMPAIGN_RESPONSES: [&[&str]; 6] = [
    &[
        "Interested, please send a quote.",
        "Can you call me next week?",
        "Please send the catalogue.",
        "Not now, maybe next quarter.",
    ],
    &[
        "请发一下价格表。",
        "有兴趣，下周电话联系。",
        "请寄一份样品。",
        "暂时不需要，谢谢。",
    ],
    &[
        "Bitte rufen Sie mich an.",
        "Bitte senden Sie mir ein Angebot.",
    ],
    &[
        "Merci de m'envoyer un devis.",
        "Rappelez-moi la semaine prochaine.",
    ],
    &[
        "Envíenme un presupuesto, por favor.",
        "Llámenme la próxima semana.",
    ],
    &["見積もりをお願いします。", "来週お電話ください。"],
];

/// Feedback comments by language (English, Chinese) and sentiment (negative, neutral,
/// positive), so on-device sentiment analysis has something to find.
const FEEDBACK_COMMENTS: [[&[&str]; 3]; 2] = [
    [
        &[
            "Terrible experience, the package arrived damaged.",
            "Very disappointed, the product stopped working after a week.",
            "Support never answered my emails.",
            "Overpriced and poor quality.",
            "Delivery took three weeks, unacceptable.",
            "The tea tasted stale.",
        ],
        &[
            "It's okay, delivery was a bit slow.",
            "Average quality for the price.",
            "Fine, but the packaging could be better.",
            "Does the job.",
        ],
        &[
            "Great quality, fast delivery!",
            "Excellent service, will order again.",
            "The tea is fresh and fragrant. Love it.",
            "Very helpful support team.",
            "Works perfectly, highly recommend.",
            "Beautiful packaging, a perfect gift.",
        ],
    ],
    [
        &[
            "质量太差了，用了一周就坏了。",
            "物流太慢，等了半个月才到。",
            "客服态度很差，问题一直没解决。",
            "收到的商品有破损，非常失望。",
            "价格太贵，不值这个价。",
            "茶叶不新鲜，味道很差。",
        ],
        &[
            "还行，就是发货有点慢。",
            "一般般，和描述差不多。",
            "包装可以再好一点。",
            "中规中矩。",
        ],
        &[
            "质量很好，物流很快，非常满意！",
            "茶叶很新鲜，香气浓郁，会回购。",
            "客服态度很好，耐心解答问题。",
            "包装精美，送人很有面子。",
            "性价比高，推荐购买。",
            "老客户了，一直很放心。",
        ],
    ],
];

// ---------------------------------------------------------------------------------------------
// The plan

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Segment {
    Prospect,
    OneTime,
    Occasional,
    Regular,
    Loyal,
}

#[derive(Clone, Copy)]
struct Profile {
    lang: Lang,
    city: u16,
    company: Option<u32>,
    segment: Segment,
    wholesale: bool,
    /// The contact record has an email address, a phone number, a job title.
    email: bool,
    phone: bool,
    job_title: bool,
}

impl Profile {
    /// A contact a seller can reach and knows the role of.
    fn reachable(&self) -> bool {
        self.email && self.phone && self.job_title
    }
}

struct OrderPlan {
    contact: u32,
    days_ago: u16,
    lines: u8,
    /// Number within its year, in date order.
    seq: u32,
    /// Index into [`ORDER_STATUSES`], drawn when the order is written.
    status: u8,
}

#[derive(Clone, Copy)]
enum RelKind {
    Colleague,
    Manager,
    Owner,
    FormerEmployee,
    Spouse,
    Family,
    Friend,
    Referral,
    Advisor,
}

struct RelPlan {
    contact: u32,
    /// Another contact, or a company for `Owner` and `FormerEmployee`.
    other: u32,
    kind: RelKind,
}

/// How a deal was going at its end: its close, or the reference day for an open deal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Heat {
    /// Worked in its last days, with meetings and calls in its last weeks.
    Hot,
    /// Last touched one to three weeks before, mostly by email.
    Warm,
    /// Gone quiet for weeks.
    Cold,
}

impl Heat {
    /// Weights of call, email and meeting for the deal's last activities.
    fn kinds(self) -> &'static [u32] {
        match self {
            Heat::Hot => &[35, 30, 35],
            Heat::Warm => &[30, 55, 15],
            Heat::Cold => &[35, 65],
        }
    }
}

/// A deal, drawn before anything is written (its activities count toward the planned total).
#[derive(Clone, Copy)]
struct DealPlan {
    contact: u32,
    /// Index into [`DEAL_STAGES`](crate::kinds::DEAL_STAGES): the stage it is in now.
    stage: u8,
    /// The open stage a closed deal was won or lost from (an open deal's own stage).
    from_stage: u8,
    /// Index into the [`DEAL_TITLES`] of the contact's language.
    title: u8,
    /// In whole dollars.
    value: i64,
    /// Index into [`DEAL_SOURCES`].
    source: u8,
    /// Days before the reference day it is (or was) expected to close; negative: after it.
    expected_close: i64,
    /// Days before the reference day it was won or lost.
    closed: Option<i64>,
    /// Index into [`LOST_REASONS`].
    lost_reason: u8,
    /// Index into the note subjects of the contact's language.
    note: Option<u8>,
}

/// One activity about a deal.
#[derive(Clone, Copy)]
struct Touch {
    /// Index into [`Generator::deals`].
    deal: u32,
    /// Index into [`ACTIVITY_KINDS`].
    kind: u8,
    /// Its day, days before the reference day (negative: planned after it).
    days_ago: i16,
    /// The first activity of the deal: work on it began.
    opening: bool,
}

struct TicketInfo {
    id: u128,
    contact: u32,
    category: u8,
    subject: u8,
    opened_days_ago: i64,
    resolved: bool,
}

struct CampaignInfo {
    id: u128,
    starts_days_ago: i64,
    planned: bool,
}

struct Progress<'p> {
    done: u64,
    total: u64,
    report: &'p mut dyn FnMut(u64, u64),
}

impl Progress<'_> {
    fn advance(&mut self, records: u64) {
        self.done += records;
        (self.report)(self.done, self.total);
    }
}

/// Phase streams: each phase draws from its own generator.
mod stream {
    pub const PLAN: u64 = 1;
    pub const ORDER_PLAN: u64 = 2;
    pub const PRODUCTS: u64 = 3;
    pub const COMPANIES: u64 = 4;
    pub const CONTACTS: u64 = 5;
    pub const RELATIONSHIPS: u64 = 6;
    pub const CAMPAIGNS: u64 = 7;
    pub const ORDERS: u64 = 8;
    pub const DEALS: u64 = 9;
    pub const TICKETS: u64 = 10;
    pub const ACTIVITIES: u64 = 11;
    pub const MEMBERS: u64 = 12;
    pub const FEEDBACK: u64 = 13;
    pub const DETAILS: u64 = 14;
}

struct Generator {
    seed: u64,
    reference: NaiveDate,
    n: usize,
    companies: Vec<CompanyPlan>,
    profiles: Vec<Profile>,
    orders: Vec<OrderPlan>,
    relationships: Vec<RelPlan>,
    deals: Vec<DealPlan>,
    touches: Vec<Touch>,
    ticket_count: usize,
    activity_count: usize,
    follow_up_count: usize,
    campaign_count: usize,
    member_count: usize,
    feedback_count: usize,
    product_ids: Vec<u128>,
    company_ids: Vec<u128>,
    contact_ids: Vec<u128>,
    order_ids: Vec<u128>,
    deal_ids: Vec<u128>,
    tickets: Vec<TicketInfo>,
    campaigns: Vec<CampaignInfo>,
    pending_tags: Vec<(Kind, u128, &'static str)>,
    summary: DemoSummary,
}

fn pack(id: &str) -> Result<u128> {
    uuid::Uuid::parse_str(id)
        .map(|u| u.as_u128())
        .map_err(|e| Error::invalid("id", format!("demo: unexpected record id {id}: {e}")))
}

fn unpack(id: u128) -> String {
    uuid::Uuid::from_u128(id).hyphenated().to_string()
}

fn money(cents: i64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

fn put(input: &mut Input, key: &str, value: impl Into<String>) {
    input.insert(key.to_string(), value.into());
}

/// Runs `each(writer, unit)` for `0..units`, `per_tx` units per transaction; `each` returns
/// how many records it created.
fn batched(
    store: &mut Store,
    units: usize,
    per_tx: usize,
    progress: &mut Progress<'_>,
    mut each: impl FnMut(&mut Writer<'_>, usize) -> Result<u64>,
) -> Result<()> {
    let mut start = 0;
    while start < units {
        let end = (start + per_tx.max(1)).min(units);
        let written = store.write(|w| {
            let mut written = 0;
            for unit in start..end {
                written += each(w, unit)?;
            }
            Ok(written)
        })?;
        progress.advance(written);
        start = end;
    }
    Ok(())
}

impl Generator {
    /// Links a record to a contact and, when it has one, the contact's company.
    fn put_party(&self, input: &mut Input, contact: u32, company: Option<u32>) {
        put(
            input,
            "contact_id",
            unpack(self.contact_ids[contact as usize]),
        );
        if let Some(c) = company {
            put(input, "company_id", unpack(self.company_ids[c as usize]));
        }
    }

    /// Draws everything later phases need to agree on: companies, each contact's language,
    /// company and customer segment, the relationships, and every order's date and size.
    fn plan(options: &DemoOptions) -> Result<Generator> {
        let n = options.contacts;
        let seed = options.seed;
        let reference = match options.reference {
            Some(day) => day,
            None => NaiveDate::parse_from_str(REFERENCE_DATE, "%Y-%m-%d")
                .map_err(|e| Error::invalid("reference_date", e.to_string()))?,
        };
        let mut cities_by_lang: [Vec<u16>; 6] = Default::default();
        for (i, c) in CITIES.iter().enumerate() {
            cities_by_lang[c.lang.index()].push(i as u16);
        }
        let mut rng = Rng::stream(seed, stream::PLAN);

        let company_count = n.div_ceil(8);
        let mut companies = Vec::with_capacity(company_count);
        let mut companies_by_lang: [Vec<u32>; 6] = Default::default();
        for c in 0..company_count {
            let lang = LANGS[rng.weighted(&LANG_WEIGHTS)];
            let city = *rng.pick(&cities_by_lang[lang.index()]);
            let industry = rng.below(INDUSTRIES.len());
            let (name, domain) = company_name(
                &mut rng,
                lang,
                &CITIES[city as usize],
                &INDUSTRIES[industry],
            );
            companies_by_lang[lang.index()].push(c as u32);
            companies.push(CompanyPlan {
                name,
                domain,
                lang,
                city,
                industry: industry as u8,
            });
        }

        let mut profiles = Vec::with_capacity(n);
        let mut relationships = Vec::new();
        let mut last_at_company = vec![u32::MAX; company_count];
        let mut contacts_by_lang: [Vec<u32>; 6] = Default::default();
        for i in 0..n {
            let lang = LANGS[rng.weighted(&LANG_WEIGHTS)];
            let company = if company_count > 0 && rng.chance(0.8) {
                let own = &companies_by_lang[lang.index()];
                Some(if !own.is_empty() && rng.chance(0.9) {
                    // A few companies employ many of the contacts, most only one or two.
                    own[rng.skewed(own.len(), 2.0)]
                } else {
                    rng.below(company_count) as u32
                })
            } else {
                None
            };
            let city = match company.map(|c| &companies[c as usize]) {
                Some(c) if c.lang == lang && rng.chance(0.85) => c.city,
                _ => *rng.pick(&cities_by_lang[lang.index()]),
            };
            let segment = [
                Segment::Prospect,
                Segment::OneTime,
                Segment::Occasional,
                Segment::Regular,
                Segment::Loyal,
            ][rng.weighted(&[55, 25, 12, 6, 2])];
            let wholesale = company
                .is_some_and(|c| INDUSTRIES[companies[c as usize].industry as usize].wholesale)
                && segment >= Segment::Occasional
                && rng.chance(0.6);
            let me = i as u32;
            if let Some(c) = company {
                let previous = last_at_company[c as usize];
                if previous != u32::MAX {
                    let r = rng.unit();
                    if r < 0.15 {
                        relationships.push(RelPlan {
                            contact: me,
                            other: previous,
                            kind: RelKind::Colleague,
                        });
                    } else if r < 0.21 {
                        relationships.push(RelPlan {
                            contact: me,
                            other: previous,
                            kind: RelKind::Manager,
                        });
                    }
                } else if rng.chance(0.12) {
                    relationships.push(RelPlan {
                        contact: me,
                        other: c,
                        kind: RelKind::Owner,
                    });
                }
                last_at_company[c as usize] = me;
            }
            if company_count > 1 && rng.chance(0.02) {
                relationships.push(RelPlan {
                    contact: me,
                    other: rng.below(company_count) as u32,
                    kind: RelKind::FormerEmployee,
                });
            }
            let peers = &contacts_by_lang[lang.index()];
            if !peers.is_empty() {
                let r = rng.unit();
                let kind = if r < 0.015 {
                    Some(RelKind::Spouse)
                } else if r < 0.025 {
                    Some(RelKind::Family)
                } else if r < 0.045 {
                    Some(RelKind::Friend)
                } else if r < 0.065 {
                    Some(RelKind::Referral)
                } else if r < 0.07 {
                    Some(RelKind::Advisor)
                } else {
                    None
                };
                if let Some(kind) = kind {
                    relationships.push(RelPlan {
                        contact: me,
                        other: *rng.pick(peers),
                        kind,
                    });
                }
            }
            contacts_by_lang[lang.index()].push(me);
            profiles.push(Profile {
                lang,
                city,
                company,
                segment,
                wholesale,
                email: false,
                phone: false,
                job_title: false,
            });
        }
        if n > 0 && profiles.iter().all(|p| p.segment == Segment::Prospect) {
            profiles[0].segment = Segment::OneTime;
        }
        // Drawn here, not when the contacts are written, so that deals can prefer contacts
        // with complete details (see [`plan_deals`]).
        let mut details = Rng::stream(seed, stream::DETAILS);
        for p in &mut profiles {
            p.email = details.chance(0.92);
            p.phone = details.chance(0.8);
            p.job_title = p.company.is_some() && details.chance(0.85);
        }

        let orders = plan_orders(seed, reference, &profiles);
        let (deals, touches) = plan_deals(seed, &profiles);
        let ticket_count = n.div_ceil(10);
        let campaign_count = if n == 0 { 0 } else { (n / 2_500).clamp(4, 150) };
        Ok(Generator {
            seed,
            reference,
            n,
            companies,
            profiles,
            orders,
            relationships,
            deals,
            touches,
            ticket_count,
            activity_count: n * 3 / 10,
            follow_up_count: ticket_count * 2 / 5,
            campaign_count,
            member_count: n * 2 / 5,
            feedback_count: n.div_ceil(8),
            product_ids: Vec::new(),
            company_ids: Vec::new(),
            contact_ids: Vec::new(),
            order_ids: Vec::new(),
            deal_ids: Vec::new(),
            tickets: Vec::new(),
            campaigns: Vec::new(),
            pending_tags: Vec::new(),
            summary: DemoSummary {
                seed,
                reference_date: reference.format("%Y-%m-%d").to_string(),
                ..DemoSummary::default()
            },
        })
    }

    fn planned_records(&self) -> u64 {
        let lines: u64 = self.orders.iter().map(|o| u64::from(o.lines)).sum();
        [
            if self.n == 0 { 0 } else { PRODUCTS.len() },
            self.companies.len(),
            self.n,
            self.relationships.len(),
            self.campaign_count,
            self.orders.len(),
            self.deals.len(),
            self.ticket_count,
            self.activity_count + self.touches.len() + self.follow_up_count,
            self.member_count,
            self.feedback_count,
        ]
        .iter()
        .map(|c| *c as u64)
        .sum::<u64>()
            + lines
    }

    fn date(&self, days_ago: i64) -> NaiveDate {
        self.reference - TimeDelta::days(days_ago)
    }

    /// `YYYY-MM-DD`, `days_ago` days before the reference date (negative: after it).
    fn day(&self, days_ago: i64) -> String {
        let d = self.date(days_ago);
        format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
    }

    /// An RFC 3339 instant on that day at `minute` minutes past midnight UTC.
    fn instant(&self, days_ago: i64, minute: i64) -> String {
        let minute = minute.clamp(0, MINUTES_A_DAY - 1);
        format!(
            "{}T{:02}:{:02}:00Z",
            self.day(days_ago),
            minute / 60,
            minute % 60
        )
    }

    /// An RFC 3339 instant `minutes` after midnight of the reference date (negative: before).
    fn instant_at(&self, minutes: i64) -> String {
        self.instant(
            -minutes.div_euclid(MINUTES_A_DAY),
            minutes.rem_euclid(MINUTES_A_DAY),
        )
    }

    /// A minute of the working day (08:00–18:00).
    fn work_minute(rng: &mut Rng) -> i64 {
        rng.range(8 * 60, 18 * 60 - 1) / 5 * 5
    }

    fn create(&mut self, w: &mut Writer<'_>, kind: Kind, input: &Input) -> Result<String> {
        let id = w.create(kind, input)?;
        *self.summary.counts.entry(kind).or_default() += 1;
        self.summary.custom_values +=
            input.keys().filter(|k| k.starts_with("custom.")).count() as u64;
        Ok(id)
    }

    /// Queues a tag for [`Generator::write_tags`].
    fn tag(&mut self, kind: Kind, id: u128, tag: &'static str) {
        self.pending_tags.push((kind, id, tag));
    }

    /// Writes the queued tags, in transactions of their own. (Tagging in the transactions that
    /// create the records would be slower: `Writer::tag` runs an INSERT … SELECT, whose
    /// statement savepoint makes FTS5 flush its pending terms to disk each time, so the
    /// search index would get one tiny segment per tag and spend its time merging them.)
    fn write_tags(&mut self, store: &mut Store) -> Result<()> {
        let pending = std::mem::take(&mut self.pending_tags);
        for chunk in pending.chunks(BATCH) {
            store.write(|w| {
                for (kind, id, tag) in chunk {
                    w.tag(*kind, &unpack(*id), tag)?;
                }
                Ok(())
            })?;
        }
        self.summary.tagged += pending.len() as u64;
        Ok(())
    }

    fn write_products(&mut self, store: &mut Store, progress: &mut Progress<'_>) -> Result<()> {
        if self.n == 0 {
            return Ok(());
        }
        let mut rng = Rng::stream(self.seed, stream::PRODUCTS);
        batched(store, PRODUCTS.len(), BATCH, progress, |w, i| {
            let p = &PRODUCTS[i];
            let mut input = Input::new();
            put(&mut input, "name", p.name);
            put(&mut input, "sku", p.sku);
            put(&mut input, "price", money(p.price));
            put(&mut input, "currency", "USD");
            put(&mut input, "category", p.category);
            put(&mut input, "description", p.description);
            // A couple of discontinued items, as in every real catalogue.
            put(
                &mut input,
                "active",
                if i >= 27 && rng.chance(0.5) {
                    "no"
                } else {
                    "yes"
                },
            );
            let id = self.create(w, Kind::Product, &input)?;
            self.product_ids.push(pack(&id)?);
            Ok(1)
        })
    }

    fn write_companies(&mut self, store: &mut Store, progress: &mut Progress<'_>) -> Result<()> {
        let mut rng = Rng::stream(self.seed, stream::COMPANIES);
        let count = self.companies.len();
        batched(store, count, BATCH, progress, |w, i| {
            let plan = &self.companies[i];
            let city = &CITIES[plan.city as usize];
            let industry = &INDUSTRIES[plan.industry as usize];
            let mut input = Input::new();
            put(&mut input, "name", plan.name.as_str());
            put(&mut input, "industry", industry.en);
            put(&mut input, "domain", plan.domain.as_str());
            put(
                &mut input,
                "website",
                format!("https://www.{}", plan.domain),
            );
            let mailbox = rng.pick(&["info", "sales", "contact", "service", "office"]);
            put(&mut input, "email", format!("{mailbox}@{}", plan.domain));
            put(&mut input, "phone", landline(&mut rng, city));
            if rng.chance(0.7) {
                put(&mut input, "address", street_address(&mut rng, city));
            }
            put(&mut input, "city", city.name);
            put(&mut input, "country", city.country);
            let employees = (10f64.powf(rng.unit() * 3.7) as i64).max(1);
            put(&mut input, "employees", employees.to_string());
            if rng.chance(0.6) {
                let terms = rng.pick(&["Net 30", "Net 30", "Net 60", "Net 15", "Prepaid", "COD"]);
                put(&mut input, "custom.Payment terms", *terms);
            }
            let key_account = rng.chance(0.05);
            let id = pack(&self.create(w, Kind::Company, &input)?)?;
            if key_account {
                self.tag(Kind::Company, id, "key account");
            }
            self.company_ids.push(id);
            Ok(1)
        })?;
        self.write_tags(store)
    }

    fn write_contacts(&mut self, store: &mut Store, progress: &mut Progress<'_>) -> Result<()> {
        let mut rng = Rng::stream(self.seed, stream::CONTACTS);
        let mut emails: HashSet<u64> = HashSet::with_capacity(self.n);
        let orders_of = {
            let mut counts = vec![0u16; self.n];
            for o in &self.orders {
                counts[o.contact as usize] = counts[o.contact as usize].saturating_add(1);
            }
            counts
        };
        batched(store, self.n, BATCH, progress, |w, i| {
            let p = self.profiles[i];
            let city = &CITIES[p.city as usize];
            let company = p.company.map(|c| &self.companies[c as usize]);
            let who = person(&mut rng, p.lang);
            let mut input = Input::new();
            put(&mut input, "first_name", who.first.as_str());
            put(&mut input, "last_name", who.last.as_str());
            if p.email {
                let business = company.is_some() && rng.chance(0.6);
                let domain = match company {
                    Some(c) if business => c.domain.as_str(),
                    _ => *rng.pick(free_domains(city.country)),
                };
                let local = email_local(&mut rng, p.lang, &who, business, domain);
                let mut email = format!("{local}@{domain}");
                let mut n = 2;
                while !emails.insert(fnv(&email)) {
                    email = format!("{local}{n}@{domain}");
                    n += 1;
                }
                put(&mut input, "email", email);
            }
            if p.phone {
                let phone = if rng.chance(0.7) {
                    mobile(&mut rng, city)
                } else {
                    landline(&mut rng, city)
                };
                put(&mut input, "phone", phone);
            }
            if let Some(c) = p.company {
                put(
                    &mut input,
                    "company_id",
                    unpack(self.company_ids[c as usize]),
                );
                if p.job_title {
                    let titles = JOB_TITLES[p.lang.index()];
                    put(&mut input, "job_title", *rng.pick(titles));
                }
            }
            put(&mut input, "city", city.name);
            put(&mut input, "country", city.country);
            if rng.chance(0.3) {
                put(&mut input, "address", street_address(&mut rng, city));
            }
            if p.lang == Lang::En && rng.chance(0.02) {
                put(
                    &mut input,
                    "website",
                    format!("https://{}{}.com", who.first_ascii, who.last_ascii),
                );
            }
            if rng.chance(0.25) {
                let birthday = NaiveDate::from_ymd_opt(
                    rng.range(1955, 2003) as i32,
                    rng.range(1, 12) as u32,
                    rng.range(1, 28) as u32,
                )
                .unwrap_or(self.reference);
                put(
                    &mut input,
                    "birthday",
                    birthday.format("%Y-%m-%d").to_string(),
                );
            }
            let source = [
                "referral", "website", "event", "campaign", "cold", "import", "other",
            ][rng.weighted(&[22, 30, 14, 12, 8, 12, 2])];
            put(&mut input, "source", source);
            if rng.chance(0.05) {
                put(
                    &mut input,
                    "notes",
                    *rng.pick(CONTACT_NOTES[p.lang.index()]),
                );
            }
            if rng.chance(0.5) {
                put(&mut input, "custom.Preferred language", p.lang.language());
            }
            if p.lang == Lang::Zh && rng.chance(0.35) {
                let wechat = if rng.chance(0.5) {
                    format!("wxid_{}", rng.digits(10))
                } else {
                    format!("{}{}{}", who.last_ascii, who.first_ascii, rng.range(1, 999))
                };
                put(&mut input, "custom.WeChat", wechat);
            }
            let newsletter = rng.chance(0.12);
            let id = pack(&self.create(w, Kind::Contact, &input)?)?;
            let orders = orders_of[i];
            if p.segment == Segment::Loyal {
                self.tag(Kind::Contact, id, "VIP");
            }
            if p.wholesale {
                self.tag(Kind::Contact, id, "wholesale");
            }
            if orders >= 5 && p.lang == Lang::Zh {
                self.tag(Kind::Contact, id, "老客户");
            }
            if orders >= 5 && p.lang == Lang::De {
                self.tag(Kind::Contact, id, "Stammkunde");
            }
            if newsletter {
                self.tag(Kind::Contact, id, "newsletter");
            }
            self.contact_ids.push(id);
            Ok(1)
        })?;
        self.write_tags(store)
    }

    fn write_relationships(
        &mut self,
        store: &mut Store,
        progress: &mut Progress<'_>,
    ) -> Result<()> {
        let mut rng = Rng::stream(self.seed, stream::RELATIONSHIPS);
        let count = self.relationships.len();
        batched(store, count, BATCH, progress, |w, i| {
            let rel = &self.relationships[i];
            let mut input = Input::new();
            put(
                &mut input,
                "contact_id",
                unpack(self.contact_ids[rel.contact as usize]),
            );
            let (kind, to_company) = match rel.kind {
                RelKind::Colleague => ("colleague", false),
                RelKind::Manager => ("manager", false),
                RelKind::Owner => ("owner", true),
                RelKind::FormerEmployee => ("former_employee", true),
                RelKind::Spouse => ("spouse", false),
                RelKind::Family => ("family", false),
                RelKind::Friend => ("friend", false),
                RelKind::Referral => ("referral", false),
                RelKind::Advisor => ("advisor", false),
            };
            put(&mut input, "kind", kind);
            if to_company {
                put(
                    &mut input,
                    "company_id",
                    unpack(self.company_ids[rel.other as usize]),
                );
            } else {
                put(
                    &mut input,
                    "other_contact_id",
                    unpack(self.contact_ids[rel.other as usize]),
                );
            }
            let started = match rel.kind {
                RelKind::Spouse => rng.range(365, 30 * 365),
                RelKind::Family => rng.range(3650, 40 * 365),
                RelKind::Referral => rng.range(10, HISTORY_DAYS),
                _ => rng.range(30, 12 * 365),
            };
            put(&mut input, "started_on", self.day(started));
            if matches!(rel.kind, RelKind::FormerEmployee) {
                put(
                    &mut input,
                    "ended_on",
                    self.day(rng.range(1, started.max(2) - 1)),
                );
            }
            if matches!(rel.kind, RelKind::Referral) && rng.chance(0.5) {
                put(&mut input, "notes", "Referred by a happy customer.");
            }
            self.create(w, Kind::Relationship, &input)?;
            Ok(1)
        })
    }

    fn write_campaigns(&mut self, store: &mut Store, progress: &mut Progress<'_>) -> Result<()> {
        let mut rng = Rng::stream(self.seed, stream::CAMPAIGNS);
        let count = self.campaign_count;
        let mut names: HashSet<String> = HashSet::new();
        batched(store, count, BATCH, progress, |w, k| {
            // Spread over the history and two months beyond the reference date.
            let span = HISTORY_DAYS + 60;
            let starts = HISTORY_DAYS - (k as i64 * span) / count.max(1) as i64 - rng.range(0, 10);
            let ends = starts - rng.range(7, 45);
            let (template, channel) = CAMPAIGNS[k % CAMPAIGNS.len()];
            let year = self.date(starts).year().to_string();
            let mut name = template.replace("{Y}", &year);
            if template.starts_with("Newsletter") {
                name = format!("Newsletter {}", self.date(starts).format("%B %Y"));
            }
            let mut unique = name.clone();
            let mut n = 2;
            while !names.insert(unique.clone()) {
                unique = format!("{name} ({n})");
                n += 1;
            }
            let status = if starts < 0 {
                "planned"
            } else if ends > 0 {
                if rng.chance(0.06) {
                    "cancelled"
                } else {
                    "completed"
                }
            } else {
                "active"
            };
            let mut input = Input::new();
            put(&mut input, "name", unique);
            put(&mut input, "channel", channel);
            put(&mut input, "status", status);
            put(&mut input, "starts_on", self.day(starts));
            put(&mut input, "ends_on", self.day(ends));
            put(&mut input, "budget", money(rng.range(5, 200) * 10_000));
            put(&mut input, "currency", "USD");
            let id = self.create(w, Kind::Campaign, &input)?;
            self.campaigns.push(CampaignInfo {
                id: pack(&id)?,
                starts_days_ago: starts,
                planned: status == "planned",
            });
            Ok(1)
        })
    }

    fn write_orders(&mut self, store: &mut Store, progress: &mut Progress<'_>) -> Result<()> {
        let mut rng = Rng::stream(self.seed, stream::ORDERS);
        let count = self.orders.len();
        self.order_ids.reserve(count);
        batched(store, count, BATCH / 3, progress, |w, k| {
            let (contact, days_ago, lines, seq) = {
                let o = &self.orders[k];
                (o.contact, i64::from(o.days_ago), o.lines, o.seq)
            };
            let p = self.profiles[contact as usize];
            let status = if rng.chance(0.04) {
                5 // cancelled
            } else if days_ago > 10 && rng.chance(0.03) {
                6 // refunded
            } else if days_ago <= 1 {
                [0, 1, 2][rng.weighted(&[5, 45, 50])]
            } else if days_ago <= 7 {
                [2, 3][rng.below(2)]
            } else if rng.chance(0.98) {
                4 // delivered
            } else {
                3
            };
            self.orders[k].status = status as u8;
            let channel = if p.wholesale && rng.chance(0.8) {
                "wholesale"
            } else {
                ["online", "store", "marketplace", "phone", "other"]
                    [rng.weighted(&[55, 18, 15, 8, 4])]
            };
            let mut input = Input::new();
            let year = self.date(days_ago).year();
            let number = format!("SO-{year}-{seq:06}");
            put(&mut input, "number", number.as_str());
            put(
                &mut input,
                "contact_id",
                unpack(self.contact_ids[contact as usize]),
            );
            if let Some(c) = p.company
                && (p.wholesale || rng.chance(0.3))
            {
                put(
                    &mut input,
                    "company_id",
                    unpack(self.company_ids[c as usize]),
                );
            }
            put(&mut input, "ordered_on", self.day(days_ago));
            put(&mut input, "status", ORDER_STATUSES[status]);
            put(&mut input, "currency", "USD");
            put(&mut input, "channel", channel);
            if rng.chance(0.02) {
                let note = if p.lang == Lang::Zh {
                    *rng.pick(&["请开发票", "周末送货", "礼品包装"])
                } else {
                    *rng.pick(&[
                        "Gift wrap, please",
                        "Leave at the front desk",
                        "Invoice to accounts",
                    ])
                };
                put(&mut input, "notes", note);
            }
            let order_id = self.create(w, Kind::Order, &input)?;
            for _ in 0..lines {
                let product = if p.wholesale && rng.chance(0.6) {
                    // Wholesale buyers restock tea and teaware.
                    *rng.pick(&[0usize, 2, 4, 6, 7, 9, 10, 11, 14])
                } else {
                    rng.skewed(PRODUCTS.len(), 1.7)
                };
                let quantity = if p.wholesale {
                    rng.range(2, 12) * 5
                } else {
                    [1, 2, 3, 4, 6][rng.weighted(&[78, 14, 4, 2, 2])]
                };
                let mut price = PRODUCTS[product].price;
                if p.wholesale {
                    price = price * 80 / 100;
                } else if rng.chance(0.08) {
                    price = price * 90 / 100;
                }
                let mut line = Input::new();
                put(&mut line, "order_id", order_id.as_str());
                put(&mut line, "product_id", unpack(self.product_ids[product]));
                put(&mut line, "description", PRODUCTS[product].name);
                put(&mut line, "quantity", quantity.to_string());
                put(&mut line, "unit_price", money(price));
                self.create(w, Kind::OrderLine, &line)?;
            }
            self.order_ids.push(pack(&order_id)?);
            Ok(1 + u64::from(lines))
        })
    }

    fn write_deals(&mut self, store: &mut Store, progress: &mut Progress<'_>) -> Result<()> {
        let count = self.deals.len();
        batched(store, count, BATCH, progress, |w, d| {
            let plan = self.deals[d];
            let p = self.profiles[plan.contact as usize];
            let template = DEAL_TITLES[p.lang.index()][plan.title as usize];
            let title = match p.company {
                Some(c) => format!("{template} – {}", self.companies[c as usize].name),
                None => template.to_string(),
            };
            let mut input = Input::new();
            put(&mut input, "title", title);
            self.put_party(&mut input, plan.contact, p.company);
            // A closed deal is created in the stage it was closed from, then won or lost (as
            // in the app), so its history knows where in the pipeline it ended.
            let (open_stage, _) = crate::kinds::DEAL_STAGES[plan.from_stage as usize];
            put(&mut input, "stage", open_stage);
            put(&mut input, "value", money(plan.value * 100));
            put(&mut input, "currency", "USD");
            put(&mut input, "expected_close", self.day(plan.expected_close));
            put(&mut input, "source", DEAL_SOURCES[plan.source as usize]);
            if let Some(note) = plan.note {
                put(
                    &mut input,
                    "notes",
                    ACTIVITY_SUBJECTS[3][p.lang.index()][note as usize],
                );
            }
            let id = self.create(w, Kind::Deal, &input)?;
            if let Some(closed) = plan.closed {
                let (stage_name, _) = crate::kinds::DEAL_STAGES[plan.stage as usize];
                let mut close = Input::new();
                put(&mut close, "stage", stage_name);
                put(&mut close, "closed_on", self.day(closed));
                if stage_name == "lost" {
                    put(
                        &mut close,
                        "lost_reason",
                        LOST_REASONS[plan.lost_reason as usize],
                    );
                }
                w.update(Kind::Deal, &id, &close)?;
            }
            self.deal_ids.push(pack(&id)?);
            Ok(1)
        })
    }

    fn write_tickets(&mut self, store: &mut Store, progress: &mut Progress<'_>) -> Result<()> {
        let mut rng = Rng::stream(self.seed, stream::TICKETS);
        let count = self.ticket_count;
        batched(store, count, BATCH, progress, |w, t| {
            let order = if !self.orders.is_empty() && rng.chance(0.8) {
                Some(rng.below(self.orders.len()))
            } else {
                None
            };
            let (contact, opened) = match order {
                Some(o) => {
                    let plan = &self.orders[o];
                    let days = i64::from(plan.days_ago);
                    (plan.contact, (days - rng.range(1, 20)).max(0))
                }
                None => (rng.below(self.n) as u32, rng.range(0, HISTORY_DAYS - 1)),
            };
            let p = self.profiles[contact as usize];
            // The first few tickets cover every category; then shipping and defects dominate.
            let category = if t < TICKET_CATEGORIES.len() {
                t
            } else if order.is_some() {
                rng.weighted(&[12, 32, 22, 4, 18, 12])
            } else {
                [0, 3, 5][rng.weighted(&[35, 45, 20])]
            };
            let subjects = TICKET_SUBJECTS[category][p.lang.index()];
            let subject_index = rng.below(subjects.len());
            let subject = subjects[subject_index];
            let mut priority = ["low", "normal", "high", "urgent"][rng.weighted(&[20, 55, 20, 5])];
            if category == 2 && priority == "normal" && rng.chance(0.4) {
                priority = "high";
            }
            let status = if t < 4 {
                ["open", "pending", "resolved", "closed"][t]
            } else if opened >= 14 {
                ["resolved", "closed", "pending", "open"][rng.weighted(&[55, 40, 3, 2])]
            } else {
                ["open", "pending", "resolved", "closed"][rng.weighted(&[45, 30, 20, 5])]
            };
            let resolved = status == "resolved" || status == "closed";
            let opened_minute = rng.range(0, MINUTES_A_DAY - 1);
            let order_number = order.map(|o| {
                let plan = &self.orders[o];
                let year = self.date(i64::from(plan.days_ago)).year();
                format!("SO-{year}-{:06}", plan.seq)
            });
            let mut input = Input::new();
            put(&mut input, "subject", subject);
            put(
                &mut input,
                "description",
                ticket_description(p.lang, subject, order_number.as_deref()),
            );
            put(
                &mut input,
                "contact_id",
                unpack(self.contact_ids[contact as usize]),
            );
            if let Some(c) = p.company
                && rng.chance(0.5)
            {
                put(
                    &mut input,
                    "company_id",
                    unpack(self.company_ids[c as usize]),
                );
            }
            if let Some(o) = order {
                put(&mut input, "order_id", unpack(self.order_ids[o]));
            }
            put(&mut input, "status", status);
            put(&mut input, "priority", priority);
            put(&mut input, "category", TICKET_CATEGORIES[category]);
            put(&mut input, "opened_at", self.instant(opened, opened_minute));
            if resolved {
                // Resolved within hours or days, never after the reference day.
                let opened_at = -opened * MINUTES_A_DAY + opened_minute;
                let resolved_at =
                    (opened_at + rng.range(30, 10 * MINUTES_A_DAY)).min(MINUTES_A_DAY - 1);
                put(&mut input, "resolved_at", self.instant_at(resolved_at));
            } else {
                put(&mut input, "follow_up_on", self.day(-rng.range(1, 7)));
            }
            let id = self.create(w, Kind::Ticket, &input)?;
            self.tickets.push(TicketInfo {
                id: pack(&id)?,
                contact,
                category: category as u8,
                subject: subject_index as u8,
                opened_days_ago: opened,
                resolved,
            });
            Ok(1)
        })
    }

    fn write_activities(&mut self, store: &mut Store, progress: &mut Progress<'_>) -> Result<()> {
        let mut rng = Rng::stream(self.seed, stream::ACTIVITIES);
        let general = self.activity_count;
        let about_deals = general + self.touches.len();
        let units = about_deals + self.follow_up_count;
        batched(store, units, BATCH, progress, |w, a| {
            let input = if a < general {
                self.activity(&mut rng, a)
            } else if a < about_deals {
                self.deal_activity(&mut rng, self.touches[a - general])
            } else {
                self.follow_up(&mut rng)
            };
            self.create(w, Kind::Activity, &input)?;
            Ok(1)
        })
    }

    /// A call, email, meeting, note or task with a contact, about no deal.
    fn activity(&self, rng: &mut Rng, a: usize) -> Input {
        let contact = rng.below(self.n) as u32;
        let p = self.profiles[contact as usize];
        let kind = if a < ACTIVITY_KINDS.len() {
            a
        } else {
            rng.weighted(&[30, 30, 13, 12, 15])
        };
        let subject = *rng.pick(ACTIVITY_SUBJECTS[kind][p.lang.index()]);
        let mut input = Input::new();
        put(&mut input, "kind", ACTIVITY_KINDS[kind]);
        put(&mut input, "subject", subject);
        self.put_party(&mut input, contact, p.company);
        let days_ago = rng.range(0, HISTORY_DAYS - 1);
        if ACTIVITY_KINDS[kind] == "task" {
            let due = days_ago.min(120) - rng.range(0, 45);
            put(&mut input, "due_on", self.day(due));
            let done = if due > 0 {
                rng.chance(0.8)
            } else {
                rng.chance(0.1)
            };
            put(&mut input, "done", if done { "yes" } else { "no" });
            if done {
                put(
                    &mut input,
                    "occurred_at",
                    self.instant(due.max(0), Generator::work_minute(rng)),
                );
            }
        } else {
            put(
                &mut input,
                "occurred_at",
                self.instant(days_ago, Generator::work_minute(rng)),
            );
        }
        note_about_product(rng, &mut input, kind, p.lang, subject);
        input
    }

    /// An activity of a deal's timeline (see [`plan_deals`]).
    fn deal_activity(&self, rng: &mut Rng, touch: Touch) -> Input {
        let deal = &self.deals[touch.deal as usize];
        let p = self.profiles[deal.contact as usize];
        let kind = usize::from(touch.kind);
        let subjects = ACTIVITY_SUBJECTS[kind][p.lang.index()];
        // Each kind's first subject opens a deal: an intro call, a price list, a demo.
        let subject = if touch.opening {
            subjects[0]
        } else {
            *rng.pick(subjects)
        };
        let mut input = Input::new();
        put(&mut input, "kind", ACTIVITY_KINDS[kind]);
        put(&mut input, "subject", subject);
        self.put_party(&mut input, deal.contact, p.company);
        put(
            &mut input,
            "deal_id",
            unpack(self.deal_ids[touch.deal as usize]),
        );
        let days_ago = i64::from(touch.days_ago);
        if ACTIVITY_KINDS[kind] == "task" {
            // A deal's to-dos are its next steps: coming up, or overdue when it went quiet.
            put(&mut input, "due_on", self.day(days_ago));
            put(&mut input, "done", "no");
        } else {
            put(
                &mut input,
                "occurred_at",
                self.instant(days_ago, Generator::work_minute(rng)),
            );
        }
        note_about_product(rng, &mut input, kind, p.lang, subject);
        input
    }

    /// A call, email or task following up a ticket.
    fn follow_up(&self, rng: &mut Rng) -> Input {
        let ticket = &self.tickets[rng.below(self.tickets.len())];
        let p = self.profiles[ticket.contact as usize];
        let subject =
            TICKET_SUBJECTS[ticket.category as usize][p.lang.index()][ticket.subject as usize];
        let kind = ["call", "email", "task"][rng.weighted(&[35, 40, 25])];
        let mut input = Input::new();
        put(&mut input, "kind", kind);
        put(
            &mut input,
            "subject",
            format!("{}{subject}", follow_up_prefix(p.lang)),
        );
        put(
            &mut input,
            "contact_id",
            unpack(self.contact_ids[ticket.contact as usize]),
        );
        put(&mut input, "ticket_id", unpack(ticket.id));
        let days_ago = (ticket.opened_days_ago - rng.range(0, 3)).max(0);
        if kind == "task" {
            put(&mut input, "due_on", self.day(ticket.opened_days_ago - 2));
            put(
                &mut input,
                "done",
                if ticket.resolved { "yes" } else { "no" },
            );
            if ticket.resolved {
                put(
                    &mut input,
                    "occurred_at",
                    self.instant(days_ago, Generator::work_minute(rng)),
                );
            }
        } else {
            put(
                &mut input,
                "occurred_at",
                self.instant(days_ago, Generator::work_minute(rng)),
            );
        }
        input
    }

    fn write_campaign_members(
        &mut self,
        store: &mut Store,
        progress: &mut Progress<'_>,
    ) -> Result<()> {
        let mut rng = Rng::stream(self.seed, stream::MEMBERS);
        let k = self.campaigns.len();
        if k == 0 || self.n == 0 {
            return Ok(());
        }
        // Member j of campaign c: contacts are visited in a per-campaign permutation
        // (i = a·j + b mod n with a coprime to n), so no contact is invited twice to one campaign.
        let n = self.n as u64;
        let per: Vec<usize> = (0..k)
            .map(|c| (self.member_count / k + usize::from(c < self.member_count % k)).min(self.n))
            .collect();
        let mut slots: Vec<(usize, u64, u64)> = Vec::with_capacity(k);
        for &members in &per {
            let mut a = rng.range(1, (n as i64).max(1)) as u64;
            while gcd(a, n) != 1 {
                a = a % n + 1;
            }
            slots.push((members, a, rng.below(self.n) as u64));
        }
        let units: usize = per.iter().sum();
        let mut campaign = 0;
        let mut j = 0u64;
        batched(store, units, BATCH, progress, |w, _| {
            while j as usize >= slots[campaign].0 {
                campaign += 1;
                j = 0;
            }
            let (_, a, b) = slots[campaign];
            let contact =
                ((u128::from(a) * u128::from(j) + u128::from(b)) % u128::from(n)) as usize;
            j += 1;
            let info = &self.campaigns[campaign];
            let p = self.profiles[contact];
            let status = if info.planned {
                "invited"
            } else {
                MEMBER_STATUSES[rng.weighted(&[6, 36, 25, 15, 8, 5, 5])]
            };
            let mut input = Input::new();
            put(&mut input, "campaign_id", unpack(info.id));
            put(&mut input, "contact_id", unpack(self.contact_ids[contact]));
            put(&mut input, "status", status);
            if matches!(status, "responded" | "converted" | "unsubscribed") {
                let at = (info.starts_days_ago - rng.range(1, 20)).max(0);
                put(
                    &mut input,
                    "responded_at",
                    self.instant(at, Generator::work_minute(&mut rng)),
                );
            }
            if matches!(status, "responded" | "converted") {
                put(
                    &mut input,
                    "response",
                    *rng.pick(CAMPAIGN_RESPONSES[p.lang.index()]),
                );
            }
            self.create(w, Kind::CampaignMember, &input)?;
            Ok(1)
        })
    }

    fn write_feedback(&mut self, store: &mut Store, progress: &mut Progress<'_>) -> Result<()> {
        let mut rng = Rng::stream(self.seed, stream::FEEDBACK);
        let count = self.feedback_count;
        batched(store, count, BATCH, progress, |w, _| {
            let source = rng.weighted(&[65, 25, 10]);
            let mut input = Input::new();
            let (contact, received, after_ticket) = match source {
                0 if !self.orders.is_empty() => {
                    let o = rng.below(self.orders.len());
                    let plan = &self.orders[o];
                    put(&mut input, "order_id", unpack(self.order_ids[o]));
                    let days = (i64::from(plan.days_ago) - rng.range(3, 20)).max(0);
                    (plan.contact, days, false)
                }
                1 if !self.tickets.is_empty() => {
                    let t = &self.tickets[rng.below(self.tickets.len())];
                    put(&mut input, "ticket_id", unpack(t.id));
                    let days = (t.opened_days_ago - rng.range(1, 12)).max(0);
                    (t.contact, days, true)
                }
                _ => (
                    rng.below(self.n) as u32,
                    rng.range(0, HISTORY_DAYS - 1),
                    false,
                ),
            };
            let p = self.profiles[contact as usize];
            // Unhappy customers are over-represented among those who had a ticket.
            let weights: &[u32] = if after_ticket {
                &[15, 12, 18, 25, 30]
            } else {
                &[7, 7, 14, 30, 42]
            };
            let rating = rng.weighted(weights) as i64 + 1;
            let nps = match rating {
                5 => rng.range(9, 10),
                4 => rng.range(7, 9),
                3 => rng.range(5, 7),
                2 => rng.range(2, 5),
                _ => rng.range(0, 3),
            };
            let shape = rng.weighted(&[80, 10, 10]);
            if shape != 1 {
                put(&mut input, "rating", rating.to_string());
            }
            if shape != 2 {
                put(&mut input, "nps", nps.to_string());
            }
            if rng.chance(0.75) || shape != 0 {
                let chinese = p.lang == Lang::Zh && rng.chance(0.9);
                let sentiment = match rating {
                    4 | 5 => 2,
                    3 => 1,
                    _ => 0,
                };
                let pool = FEEDBACK_COMMENTS[usize::from(chinese)][sentiment];
                let first = rng.below(pool.len());
                let mut comment = pool[first].to_string();
                if rng.chance(0.4) {
                    let second = (first + 1 + rng.below(pool.len() - 1)) % pool.len();
                    if !chinese {
                        comment.push(' ');
                    }
                    comment.push_str(pool[second]);
                }
                put(&mut input, "comment", comment);
            }
            let channel = ["survey", "email", "review", "chat", "phone", "in_person"]
                [rng.weighted(&[40, 15, 25, 10, 6, 4])];
            put(&mut input, "channel", channel);
            put(
                &mut input,
                "contact_id",
                unpack(self.contact_ids[contact as usize]),
            );
            put(
                &mut input,
                "received_at",
                self.instant(received, rng.range(0, MINUTES_A_DAY - 1)),
            );
            self.create(w, Kind::Feedback, &input)?;
            Ok(1)
        })
    }
}

fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// Every order's customer, date and size. Customers are segmented: most buy once or never, a
/// few buy every few weeks; some repeat customers stopped buying a while ago (churn), so
/// recency, frequency and lifetime value have something to tell apart. Orders are numbered
/// per year in date order.
fn plan_orders(seed: u64, reference: NaiveDate, profiles: &[Profile]) -> Vec<OrderPlan> {
    let mut rng = Rng::stream(seed, stream::ORDER_PLAN);
    let mut orders = Vec::new();
    let mut days: Vec<i64> = Vec::new();
    for (i, p) in profiles.iter().enumerate() {
        let (count, earliest) = match p.segment {
            Segment::Prospect => (0, 0),
            Segment::OneTime => (1, 0),
            Segment::Occasional => (rng.range(2, 4), 30),
            Segment::Regular => (rng.range(5, 9), 120),
            Segment::Loyal => (rng.range(10, 30), 200),
        };
        days.clear();
        if count == 1 {
            days.push(rng.range(0, HISTORY_DAYS - 1));
        } else if count > 1 {
            let start = rng.range(earliest, HISTORY_DAYS - 1);
            let end = if rng.chance(0.35) {
                rng.range(45, (start - 20).max(45)).min(start)
            } else {
                rng.range(0, 20).min(start)
            };
            days.push(start);
            days.push(end);
            for _ in 2..count {
                days.push(rng.range(end, start));
            }
        }
        for &d in &days {
            let lines = [1u8, 2, 3, 4, 5][rng.weighted(&[55, 25, 12, 5, 3])];
            orders.push(OrderPlan {
                contact: i as u32,
                days_ago: d as u16,
                lines,
                seq: 0,
                status: 0,
            });
        }
    }
    orders.sort_by_key(|o| (std::cmp::Reverse(o.days_ago), o.contact));
    let mut year = 0;
    let mut seq = 0;
    for o in &mut orders {
        let y = (reference - TimeDelta::days(i64::from(o.days_ago))).year();
        if y != year {
            year = y;
            seq = 0;
        }
        seq += 1;
        o.seq = seq;
    }
    orders
}

/// A random contact, preferring one who works at a company (deals are mostly B2B).
fn business_contact(rng: &mut Rng, profiles: &[Profile]) -> u32 {
    let mut i = rng.below(profiles.len());
    for _ in 0..3 {
        if profiles[i].company.is_some() {
            break;
        }
        i = rng.below(profiles.len());
    }
    i as u32
}

/// How busy open deals are, per stage: weights of hot, warm and cold.
const OPEN_HEAT: [[u32; 3]; 4] = [[25, 35, 40], [35, 35, 30], [45, 30, 25], [55, 30, 15]];

/// Every deal and the activities about it. A deal's timeline runs from its first activity (when
/// work on it began) to its close, or to the reference day for an open deal, and relates to its
/// outcome the way real pipelines do: won deals were mostly closed from proposal or negotiation
/// and worked to the end (meetings and calls in their last weeks); most lost deals went quiet
/// weeks before they were given up, from any stage, and took longer; a few were lost after a
/// last meeting. Open deals spread over ages, stages and engagement (later stages busier), some
/// with a meeting or call planned after the reference day and a to-do. Big deals are lost a
/// little more often; referrals and inbound leads are won more often than outbound ones.
/// Nothing is certain: every feature overlaps between won and lost deals.
fn plan_deals(seed: u64, profiles: &[Profile]) -> (Vec<DealPlan>, Vec<Touch>) {
    let mut rng = Rng::stream(seed, stream::DEALS);
    // Two years of deals: most are closed by now, a third are still open.
    let count = (profiles.len() * 3).div_ceil(16);
    let mut deals = Vec::with_capacity(count);
    let mut touches: Vec<Touch> = Vec::with_capacity(count * 6);
    for d in 0..count {
        // The first six deals walk the pipeline so that every stage has one.
        let stage = if d < 6 {
            d
        } else {
            rng.weighted(&[12, 9, 7, 5, 30, 37])
        };
        let (open, won) = (stage < 4, stage == 4);
        let mut contact = business_contact(&mut rng, profiles);
        // Won deals more often had a contact with an email, a phone and a job title.
        for _ in 0..2 {
            if !won || profiles[contact as usize].reachable() || rng.chance(0.5) {
                break;
            }
            contact = business_contact(&mut rng, profiles);
        }
        let p = profiles[contact as usize];
        let from_stage = if open {
            stage
        } else if won {
            rng.weighted(&[6, 14, 32, 48])
        } else {
            rng.weighted(&[22, 28, 28, 22])
        };
        let heat_weights: &[u32] = match (open, won) {
            (true, _) => &OPEN_HEAT[stage],
            (false, true) => &[62, 28, 10],
            (false, false) => &[16, 30, 54],
        };
        let heat = [Heat::Hot, Heat::Warm, Heat::Cold][rng.weighted(heat_weights)];
        let title = rng.below(DEAL_TITLES[p.lang.index()].len()) as u8;
        let mut value = (8.3 + rng.normal()).exp();
        if p.wholesale {
            value *= 3.0;
        }
        if stage == 5 {
            value *= 1.25;
        }
        let value = ((value.clamp(200.0, 500_000.0) / 50.0).round() as i64) * 50;
        let source_weights: &[u32] = match stage {
            4 => &[30, 20, 24, 13, 13],
            5 => &[27, 31, 14, 18, 10],
            _ => &[30, 25, 20, 15, 10],
        };
        let source = rng.weighted(source_weights) as u8;
        // Days from the last activity to the end, and from the first one to the end.
        let quiet = match heat {
            Heat::Hot => rng.range(0, 5),
            Heat::Warm => rng.range(4, 24),
            Heat::Cold => rng.range(18, 120),
        };
        let (median, sigma) = match (open, won) {
            (true, _) => ([15.0, 30.0, 45.0, 60.0][from_stage], 0.8),
            (false, true) => ([20.0, 35.0, 50.0, 60.0][from_stage], 0.6),
            (false, false) => ([25.0, 40.0, 55.0, 70.0][from_stage], 0.8),
        };
        let length = (rng.lognormal(median, sigma).round() as i64)
            .clamp(3, 400)
            .max(quiet + rng.range(3, 15));
        let end = if open {
            0
        } else {
            rng.range(1, (HISTORY_DAYS - length).max(1))
        };
        let start = end + length;
        let last = end + quiet;

        let deal = d as u32;
        let mut touch = |kind: usize, days_ago: i64, opening: bool| {
            touches.push(Touch {
                deal,
                kind: kind as u8,
                days_ago: days_ago as i16,
                opening,
            });
        };
        touch(rng.weighted(&[45, 40, 15]), start, true);
        // Work in between: more of it, and more meetings, the further the deal got.
        let span = start - last;
        if span >= 2 {
            let between = ((span as f64 / 20.0 * (0.5 + rng.unit())).round() as i64
                + from_stage as i64)
                .min(8);
            let meetings = 20 + 5 * from_stage as u32;
            for _ in 0..between {
                let kind = rng.weighted(&[32, 33, meetings, 15]);
                touch(kind, rng.range(last + 1, start - 1), false);
            }
        }
        if span > 0 {
            touch(rng.weighted(heat.kinds()), last, false);
        }
        // The final stretch of a live deal: meetings and calls in its last weeks.
        let stretch = match heat {
            Heat::Hot => rng.range(1, 4),
            Heat::Warm => rng.range(0, 1),
            Heat::Cold => 0,
        };
        for _ in 0..stretch {
            touch(
                rng.weighted(heat.kinds()),
                rng.range(last, (last + 21).min(start)),
                false,
            );
        }
        let expected_close = if open {
            // The next steps of an open deal: a meeting or call planned, a to-do.
            let planned = match heat {
                Heat::Hot => 0.85,
                Heat::Warm => 0.5,
                Heat::Cold => 0.0,
            };
            if rng.chance(planned) {
                touch(rng.weighted(&[45, 0, 55]), -rng.range(1, 14), false);
                if heat == Heat::Hot && rng.chance(0.5) {
                    touch(rng.weighted(&[45, 0, 55]), -rng.range(8, 28), false);
                }
            }
            if rng.chance(0.5) {
                let due = match heat {
                    Heat::Cold => rng.range(3, 45),
                    _ => -rng.range(1, 14),
                };
                touch(4, due, false);
            }
            match heat {
                Heat::Hot => -rng.range(5, 45),
                Heat::Warm => -rng.range(-10, 75),
                Heat::Cold => rng.range(-60, 45),
            }
        } else {
            (end + rng.range(-30, 30)).max(0)
        };
        // Deals that went quiet were mostly given up for want of an answer or a budget.
        let reasons: &[u32] = if heat == Heat::Cold {
            &[10, 10, 20, 25, 30, 5]
        } else {
            &[30, 35, 10, 5, 0, 20]
        };
        let lost_reason = rng.weighted(reasons) as u8;
        let note = if rng.chance(0.1) {
            Some(rng.below(ACTIVITY_SUBJECTS[3][p.lang.index()].len()) as u8)
        } else {
            None
        };
        deals.push(DealPlan {
            contact,
            stage: stage as u8,
            from_stage: from_stage as u8,
            title,
            value,
            source,
            expected_close,
            closed: (!open).then_some(end),
            lost_reason,
            note,
        });
    }
    (deals, touches)
}
