//! Numbers, money and yes/no as people and exports write them: any grouping and decimal
//! convention, currency symbols, codes and words, yes and no in five languages.
//!
//! Conventions chosen here (each has a test):
//! - Amounts: one `.` or `,` followed by exactly three digits, with 1–3 digits (not `0`)
//!   before it, is a thousands separator (`1,234` and `1.234` are 1234); any other single
//!   separator is the decimal mark (`1,5` is 1.50). Spaces and apostrophes only group
//!   thousands. Extra decimals are refused unless they are zeros.
//! - `¥`, `￥` and `元` are Chinese yuan (CNY): Kith's users write yuan far more often than
//!   yen, and `円`, `JP¥` or `JPY` name the yen unambiguously. `kr` alone is accepted but
//!   names no currency (it is Swedish, Norwegian, Danish or Icelandic); `$` is USD unless
//!   qualified (`C$`, `A$`, `HK$`, `NT$`, `S$`, `R$`, `Mex$`).

use super::nfkc;
use crate::kinds::CURRENCIES;

/// Currency names, symbols and codes beyond the ISO codes of [`CURRENCIES`] (which are
/// matched in any case). Keys are lower case without dots or spaces.
const CURRENCY_WORDS: &[(&str, &str)] = &[
    ("$", "USD"),
    ("us$", "USD"),
    ("u$s", "USD"),
    ("美元", "USD"),
    ("€", "EUR"),
    ("欧元", "EUR"),
    ("歐元", "EUR"),
    ("£", "GBP"),
    ("英镑", "GBP"),
    ("英鎊", "GBP"),
    ("¥", "CNY"),
    ("元", "CNY"),
    ("rmb", "CNY"),
    ("cn¥", "CNY"),
    ("人民币", "CNY"),
    ("人民幣", "CNY"),
    ("块", "CNY"),
    ("円", "JPY"),
    ("jp¥", "JPY"),
    ("日元", "JPY"),
    ("日圓", "JPY"),
    ("fr", "CHF"),
    ("sfr", "CHF"),
    ("c$", "CAD"),
    ("ca$", "CAD"),
    ("can$", "CAD"),
    ("a$", "AUD"),
    ("au$", "AUD"),
    ("hk$", "HKD"),
    ("港币", "HKD"),
    ("港幣", "HKD"),
    ("港元", "HKD"),
    ("nt$", "TWD"),
    ("新台币", "TWD"),
    ("新台幣", "TWD"),
    ("s$", "SGD"),
    ("₩", "KRW"),
    ("원", "KRW"),
    ("₹", "INR"),
    ("zł", "PLN"),
    ("zl", "PLN"),
    ("kč", "CZK"),
    ("kc", "CZK"),
    ("r$", "BRL"),
    ("mex$", "MXN"),
];

/// Currency words that name no single currency: accepted, but give no currency.
const AMBIGUOUS_CURRENCY: &[&str] = &["kr", "skr"];

/// The currency a unit text names: `Ok(None)` when it names none (empty, or ambiguous `kr`).
pub(crate) fn currency_of(unit: &str) -> Result<Option<&'static str>, ()> {
    let key: String = unit
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '.')
        .flat_map(char::to_lowercase)
        .collect();
    if key.is_empty() || AMBIGUOUS_CURRENCY.contains(&key.as_str()) {
        return Ok(None);
    }
    if let Some(code) = CURRENCIES.iter().find(|c| c.eq_ignore_ascii_case(&key)) {
        return Ok(Some(code));
    }
    CURRENCY_WORDS
        .iter()
        .find(|(word, _)| *word == key)
        .map(|(_, code)| Some(*code))
        .ok_or(())
}

/// A number as written: its sign, the digits around it, and any unit text.
struct Written<'a> {
    negative: bool,
    core: &'a str,
    unit: String,
}

/// Separates sign, digits and unit: `-€5`, `(12.00)`, `99,90 €`, `12.00-`, `US$ 1,234`.
fn written(text: &str) -> Option<Written<'_>> {
    let first = text.find(|c: char| c.is_ascii_digit())?;
    let last = text.rfind(|c: char| c.is_ascii_digit())?;
    let mut start = first;
    if let Some(c) = text[..first].chars().next_back()
        && (c == '.' || c == ',')
    {
        start -= 1;
    }
    let (prefix, core, suffix) = (&text[..start], &text[start..=last], &text[last + 1..]);
    let mut minus = 0;
    let mut parens = (0, 0);
    let mut unit = String::new();
    for (i, part) in [prefix, suffix].into_iter().enumerate() {
        let mut rest = String::new();
        for c in part.chars() {
            match c {
                '-' | '−' | '–' => minus += 1,
                '+' => {}
                '(' if i == 0 => parens.0 += 1,
                ')' if i == 1 => parens.1 += 1,
                _ => rest.push(c),
            }
        }
        let rest = rest.trim();
        if !rest.is_empty() {
            if !unit.is_empty() {
                unit.push(' ');
            }
            unit.push_str(rest);
        }
    }
    let accounting = match parens {
        (0, 0) => false,
        (1, 1) => true,
        _ => return None,
    };
    if minus > 1 || (minus == 1 && accounting) {
        return None;
    }
    Some(Written {
        negative: minus == 1 || accounting,
        core,
        unit,
    })
}

/// Splits digits with grouping and decimal marks into (integer digits, fraction digits).
fn digits(core: &str) -> Result<(String, String), &'static str> {
    let mut groups: Vec<String> = vec![String::new()];
    let mut seps: Vec<char> = Vec::new();
    for c in core.chars() {
        if c.is_ascii_digit() {
            if let Some(g) = groups.last_mut() {
                g.push(c);
            }
        } else if matches!(c, '.' | ',' | ' ' | '\'' | '’' | '_') {
            let leading = groups.len() == 1 && groups[0].is_empty() && matches!(c, '.' | ',');
            if groups.last().is_some_and(String::is_empty) && !leading {
                return Err("has separators in a row");
            }
            seps.push(if c == '’' { '\'' } else { c });
            groups.push(String::new());
        } else {
            return Err("has characters that are not digits");
        }
    }
    let decimal = match seps.last() {
        Some(&c @ ('.' | ',')) => {
            let same = seps.iter().filter(|&&s| s == c).count();
            let others = seps.iter().any(|&s| s != c);
            let after = groups.last().map_or(0, String::len);
            let first = &groups[0];
            if same > 1 {
                None
            } else if others
                || after != 3
                || !(1..=3).contains(&first.len())
                || first.starts_with('0')
            {
                Some(seps.len() - 1)
            } else {
                None
            }
        }
        _ => None,
    };
    let int_groups = match decimal {
        Some(i) => &groups[..=i],
        None => &groups[..],
    };
    let thousands: Vec<char> = match decimal {
        Some(i) => seps[..i].to_vec(),
        None => seps.clone(),
    };
    if let Some(&t) = thousands.first() {
        if thousands.iter().any(|&s| s != t) || decimal.is_some_and(|i| seps[i] == t) {
            return Err("mixes separators");
        }
        let ok =
            (1..=3).contains(&int_groups[0].len()) && int_groups[1..].iter().all(|g| g.len() == 3);
        if !ok {
            return Err("has digit groups that are not thousands");
        }
    }
    let int: String = int_groups.concat();
    let frac = match decimal {
        Some(i) => groups[i + 1].clone(),
        None => String::new(),
    };
    Ok((int, frac))
}

/// A money amount in hundredths, and the currency if the text names one (an ISO code such
/// as `EUR` or `chf`, or `$ US$ € £ ¥ ￥ 元 RMB Fr. C$ HK$ 円 ₩ ₹ zł kr …`; see the module
/// notes for `¥` and `kr`). Accepts `1.234,56`, `1 234,56` (also with no-break or narrow
/// no-break spaces), `12,800.50`, `12'800.50`, `￥980`, `€99,90`, `99,90 €`, `-€5`,
/// `(12.00)` (accounting negative), `100元`; `1,234` and `1.234` are 1234 (a single
/// separator followed by exactly three digits groups thousands) and `1,5` is 1.50. More than
/// 2 decimals are refused unless the extra ones are zeros (`12.345,678` is refused); so is an
/// amount too large to store, or a unit that is not a currency Kith knows.
pub fn clean_money(raw: &str) -> Result<(i64, Option<&'static str>), String> {
    let text = nfkc(raw);
    let text = text.trim();
    let shown = raw.trim();
    let bad = |why: &str| format!("'{shown}' is not an amount ({why})");
    let w = written(text).ok_or_else(|| bad("expected e.g. 1234.56, 1.234,56 € or $99"))?;
    let currency = currency_of(&w.unit).map_err(|()| {
        format!(
            "'{shown}' has a currency Kith does not know ('{}'; Kith knows {})",
            w.unit,
            CURRENCIES.join(", ")
        )
    })?;
    let (int, frac) = digits(w.core).map_err(bad)?;
    let cents_text = if frac.len() > 2 {
        if frac[2..].bytes().any(|b| b != b'0') {
            return Err(format!("'{shown}' has more than 2 decimal places"));
        }
        &frac[..2]
    } else {
        frac.as_str()
    };
    let too_large = || format!("'{shown}' is too large");
    let int = int.trim_start_matches('0');
    let whole: i64 = if int.is_empty() {
        0
    } else {
        int.parse().map_err(|_| too_large())?
    };
    let cents: i64 = format!("{cents_text:0<2}")
        .parse()
        .map_err(|_| bad("bad decimals"))?;
    let total = whole
        .checked_mul(100)
        .and_then(|w| w.checked_add(cents))
        .ok_or_else(too_large)?;
    Ok((if w.negative { -total } else { total }, currency))
}

/// A plain number, with either decimal convention (`1.234,5`, `1,234.5`, `1234,5`) and the
/// thousands rule of [`clean_money`] (`1,234` is 1234). Also `-5`, `(5)`, `25%` (which is 25:
/// Kith stores percentages as numbers of percent) and `1.5e3`.
pub fn clean_number(raw: &str) -> Result<f64, String> {
    let text = nfkc(raw);
    let text = text.trim();
    let shown = raw.trim();
    let bad = || format!("'{shown}' is not a number");
    let text = text.strip_suffix('%').map(str::trim_end).unwrap_or(text);
    if text.contains(['e', 'E'])
        && let Ok(n) = text.parse::<f64>()
    {
        return if n.is_finite() { Ok(n) } else { Err(bad()) };
    }
    let w = written(text).ok_or_else(bad)?;
    if !w.unit.is_empty() {
        return Err(bad());
    }
    let (int, frac) = digits(w.core).map_err(|why| format!("'{shown}' is not a number ({why})"))?;
    let n: f64 = format!("{}.{}", if int.is_empty() { "0" } else { &int }, frac)
        .trim_end_matches('.')
        .parse()
        .map_err(|_| bad())?;
    if !n.is_finite() {
        return Err(bad());
    }
    Ok(if w.negative { -n } else { n })
}

/// Yes or no, in English, German, French, Spanish and Chinese: yes/no, y/n, true/false,
/// 1/0, on/off, x (yes; an empty cell is the caller's), ja/nein, oui/non, sí/si/no,
/// vrai/faux, verdadero/falso, wahr/falsch, 是/否, 对/错, 有/无, 真/假, ✓/✔/☑/✗/✘/☐.
pub fn clean_bool(raw: &str) -> Result<bool, String> {
    let key = super::fold(nfkc(raw).trim());
    let key = key.trim_end_matches('.');
    const YES: &[&str] = &[
        "yes",
        "y",
        "true",
        "t",
        "1",
        "on",
        "x",
        "done",
        "ja",
        "j",
        "wahr",
        "oui",
        "vrai",
        "si",
        "verdadero",
        "是",
        "对",
        "對",
        "有",
        "真",
        "✓",
        "✔",
        "☑",
        "✅",
    ];
    const NO: &[&str] = &[
        "no", "n", "false", "f", "0", "off", "nein", "falsch", "non", "faux", "falso", "否", "错",
        "錯", "无", "無", "没有", "沒有", "假", "✗", "✘", "☐", "❌",
    ];
    if YES.contains(&key) {
        Ok(true)
    } else if NO.contains(&key) {
        Ok(false)
    } else {
        Err(format!("'{}' is not yes or no", raw.trim()))
    }
}
