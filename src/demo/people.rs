//! Languages and places, and the people who live there: names in six languages (with their Latin
//! spellings), emails, phones and street addresses as each country writes them.

use super::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Lang {
    En,
    Zh,
    De,
    Fr,
    Es,
    Ja,
}

pub(super) const LANGS: [Lang; 6] = [Lang::En, Lang::Zh, Lang::De, Lang::Fr, Lang::Es, Lang::Ja];
/// Share of contacts and companies per language, in percent.
pub(super) const LANG_WEIGHTS: [u32; 6] = [30, 28, 12, 10, 10, 10];

impl Lang {
    pub(super) fn index(self) -> usize {
        self as usize
    }

    /// The value of the `Preferred language` custom field.
    pub(super) fn language(self) -> &'static str {
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
    pub(super) fn of<T: Copy>(self, table: [T; 6]) -> T {
        table[self.index()]
    }
}

pub(super) struct City {
    pub(super) name: &'static str,
    /// ASCII name for domains.
    pub(super) ascii: &'static str,
    pub(super) country: &'static str,
    pub(super) lang: Lang,
    /// Telephone area code.
    pub(super) area: &'static str,
}

pub(super) const fn city(
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

pub(super) const US: &str = "United States";
pub(super) const UK: &str = "United Kingdom";
pub(super) const MX: &str = "Mexico";

pub(super) static CITIES: &[City] = &[
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
pub(super) const EN_FIRST: &[&str] = &[
    "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David",
    "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah",
    "Charles", "Karen", "Daniel", "Emily", "Matthew", "Olivia", "Anthony", "Emma", "Mark",
    "Sophia", "Andrew", "Grace", "Joshua", "Chloe", "Ryan", "Hannah", "Kevin", "Megan", "Brian",
    "Rachel", "Oliver", "Amelia",
];
#[rustfmt::skip]
pub(super) const EN_LAST: &[&str] = &[
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson",
    "Taylor", "Thomas", "Moore", "Jackson", "Martin", "Lee", "Thompson", "White", "Harris",
    "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Green",
    "Baker", "Adams", "Nelson", "Hill", "Campbell", "Mitchell", "Roberts", "Carter", "Phillips",
    "Evans", "Turner", "Smithson", "Goldsmith", "Hammond", "Marshall", "Mason", "Matthews",
    "O'Brien", "McDonald",
];
/// Chinese family names by frequency, with pinyin.
#[rustfmt::skip]
pub(super) const ZH_FAMILY: &[(&str, &str)] = &[
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
pub(super) const ZH_GIVEN: &[(&str, &str)] = &[
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
pub(super) const DE_FIRST: &[&str] = &[
    "Jürgen", "Klaus", "Stefan", "Thomas", "Andreas", "Michael", "Wolfgang", "Uwe", "Sabine",
    "Petra", "Monika", "Ursula", "Katrin", "Anja", "Julia", "Lena", "Lukas", "Felix", "Jonas",
    "Maximilian", "Sophie", "Hannah", "Björn", "Jörg", "Günter", "Dörte", "Tobias", "Franziska",
];
#[rustfmt::skip]
pub(super) const DE_LAST: &[&str] = &[
    "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz",
    "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann",
    "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt",
    "Werner", "Krause", "Meier", "Lehmann", "Köhler", "Groß",
];
#[rustfmt::skip]
pub(super) const FR_FIRST: &[&str] = &[
    "Jean", "Pierre", "Michel", "Philippe", "Alain", "Nicolas", "François", "Laurent", "Julien",
    "Mathieu", "Marie", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Céline", "Amélie", "Chloé",
    "Léa", "Manon", "Camille", "Hélène", "Gaëlle", "Théo", "Hugo", "Louis", "Clément", "Benoît",
];
#[rustfmt::skip]
pub(super) const FR_LAST: &[&str] = &[
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
    "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
    "Vincent", "Fournier", "Morel", "Girard", "André", "Lefebvre", "Mercier", "Dupont", "Lambert",
    "Bonnet", "François", "Faure",
];
#[rustfmt::skip]
pub(super) const ES_FIRST: &[&str] = &[
    "José", "Antonio", "Manuel", "Francisco", "Juan", "David", "Javier", "Carlos", "Miguel",
    "Alejandro", "Pablo", "Sergio", "María", "Carmen", "Ana", "Isabel", "Laura", "Lucía", "Marta",
    "Cristina", "Paula", "Elena", "Sofía", "Raquel", "Iñigo", "Begoña", "Núria", "Andrés",
];
#[rustfmt::skip]
pub(super) const ES_LAST: &[&str] = &[
    "García", "Rodríguez", "González", "Fernández", "López", "Martínez", "Sánchez", "Pérez",
    "Gómez", "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Muñoz", "Álvarez",
    "Romero", "Alonso", "Gutiérrez", "Navarro", "Torres", "Domínguez", "Vázquez", "Ramos",
    "Castillo", "Ortega", "Núñez",
];
/// Japanese family names by frequency, with romaji.
#[rustfmt::skip]
pub(super) const JA_FAMILY: &[(&str, &str)] = &[
    ("佐藤", "sato"), ("鈴木", "suzuki"), ("高橋", "takahashi"), ("田中", "tanaka"), ("伊藤", "ito"),
    ("渡辺", "watanabe"), ("山本", "yamamoto"), ("中村", "nakamura"), ("小林", "kobayashi"),
    ("加藤", "kato"), ("吉田", "yoshida"), ("山田", "yamada"), ("松田", "matsuda"), ("山口", "yamaguchi"),
    ("松本", "matsumoto"), ("井上", "inoue"), ("木村", "kimura"), ("林", "hayashi"), ("斎藤", "saito"),
    ("清水", "shimizu"),
];
#[rustfmt::skip]
pub(super) const JA_GIVEN: &[(&str, &str)] = &[
    ("翔太", "shota"), ("大輔", "daisuke"), ("健一", "kenichi"), ("拓也", "takuya"), ("直樹", "naoki"),
    ("誠", "makoto"), ("浩", "hiroshi"), ("隆", "takashi"), ("蓮", "ren"), ("悠真", "yuma"),
    ("陽菜", "hina"), ("美咲", "misaki"), ("由美", "yumi"), ("恵子", "keiko"), ("裕子", "yuko"), ("愛", "ai"),
    ("結衣", "yui"), ("さくら", "sakura"), ("真由美", "mayumi"), ("花子", "hanako"),
];

/// A person's name in its own script and in ASCII (for email addresses).
pub(super) struct Person {
    pub(super) first: String,
    pub(super) last: String,
    pub(super) first_ascii: String,
    pub(super) last_ascii: String,
}

/// Lower-case ASCII letters and digits of a Latin-script name (`Jürgen` → `juergen`).
pub(super) fn ascii(text: &str) -> String {
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

pub(super) fn person(rng: &mut Rng, lang: Lang) -> Person {
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
pub(super) fn free_domains(country: &str) -> &'static [&'static str] {
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
pub(super) fn email_local(
    rng: &mut Rng,
    lang: Lang,
    p: &Person,
    business: bool,
    domain: &str,
) -> String {
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

pub(super) fn landline(rng: &mut Rng, city: &City) -> String {
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

pub(super) fn mobile(rng: &mut Rng, city: &City) -> String {
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

pub(super) fn street_address(rng: &mut Rng, city: &City) -> String {
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
