//! A time of day as people type it and spreadsheets write it: `14:30`, `9.30`, `14h30`,
//! `2:30 pm`, `下午2点半`, `0930`, `14:30:00`. Stored `HH:MM` on the 24-hour clock; seconds
//! are dropped (a due time is to the minute).

use super::nfkc;

/// Parses a time of day into `HH:MM` (24-hour).
pub fn parse_time(text: &str) -> Result<String, String> {
    let bad = || format!("'{text}' is not a time of day (expected HH:MM, e.g. 14:30)");
    let folded = nfkc(text.trim()).to_lowercase();
    let (meridiem, core) = split_meridiem(&folded);
    let (hour, minute) = clock(core.trim()).ok_or_else(bad)?;
    let hour = match meridiem {
        None if hour <= 23 => hour,
        Some(Meridiem::Am) if (1..=12).contains(&hour) => hour % 12,
        Some(Meridiem::Pm) if (1..=12).contains(&hour) => hour % 12 + 12,
        // 下午 and 晚上 are also said of a time already on the 24-hour clock (下午14点).
        Some(Meridiem::Pm) if (13..=23).contains(&hour) => hour,
        _ => return Err(bad()),
    };
    if minute > 59 {
        return Err(bad());
    }
    Ok(format!("{hour:02}:{minute:02}"))
}

#[derive(Clone, Copy)]
enum Meridiem {
    Am,
    Pm,
}

/// Chinese words before the time, English letters after it.
const BEFORE: [(&str, Meridiem); 7] = [
    ("凌晨", Meridiem::Am),
    ("早上", Meridiem::Am),
    ("上午", Meridiem::Am),
    ("中午", Meridiem::Pm),
    ("下午", Meridiem::Pm),
    ("傍晚", Meridiem::Pm),
    ("晚上", Meridiem::Pm),
];
const AFTER: [(&str, Meridiem); 4] = [
    ("a.m.", Meridiem::Am),
    ("p.m.", Meridiem::Pm),
    ("am", Meridiem::Am),
    ("pm", Meridiem::Pm),
];

fn split_meridiem(text: &str) -> (Option<Meridiem>, &str) {
    for (word, m) in BEFORE {
        if let Some(rest) = text.strip_prefix(word) {
            return (Some(m), rest);
        }
    }
    for (word, m) in AFTER {
        if let Some(rest) = text.strip_suffix(word) {
            return (Some(m), rest);
        }
    }
    (None, text)
}

/// Hour and minute of `9:30`, `9.30`, `9h30`, `9h`, `9点`, `9点半`, `9时30分`, `0930`, `9`
/// (seconds allowed and dropped: `09:30:00`). Numbers only, no range check beyond two digits.
fn clock(text: &str) -> Option<(u32, u32)> {
    let number = |s: &str| -> Option<u32> {
        (!s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    if let Some((hour, rest)) = text.split_once(['点', '时']) {
        let minute = match rest.trim() {
            "" | "整" => 0,
            "半" => 30,
            m => number(m.strip_suffix('分').unwrap_or(m).trim())?,
        };
        return Some((number(hour.trim())?, minute));
    }
    if let Some((hour, minute)) = text.split_once('h') {
        let minute = if minute.is_empty() {
            0
        } else {
            number(minute)?
        };
        return Some((number(hour.trim())?, minute));
    }
    let mut parts = text.split([':', '.']);
    let hour = parts.next()?.trim();
    match (parts.next(), parts.next(), parts.next()) {
        (None, ..) if hour.len() == 4 && hour.bytes().all(|b| b.is_ascii_digit()) => {
            Some((number(&hour[..2])?, number(&hour[2..])?))
        }
        (None, ..) => Some((number(hour)?, 0)),
        (Some(minute), seconds, None) => {
            if let Some(s) = seconds {
                number(s.trim()).filter(|s| *s <= 59)?;
            }
            let minute = minute.trim();
            (minute.len() == 2).then_some(())?;
            Some((number(hour)?, number(minute)?))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::parse_time;

    #[test]
    fn times_as_people_and_spreadsheets_write_them() {
        for (input, stored) in [
            ("14:30", "14:30"),
            ("9:05", "09:05"),
            ("09:30:00", "09:30"),
            ("9.30", "09:30"),
            ("14h30", "14:30"),
            ("14h", "14:00"),
            ("0930", "09:30"),
            ("7", "07:00"),
            ("2:30 pm", "14:30"),
            ("2:30PM", "14:30"),
            ("12 am", "00:00"),
            ("12:15 p.m.", "12:15"),
            ("下午2点半", "14:30"),
            ("上午9点", "09:00"),
            ("14点30分", "14:30"),
            ("晚上8时", "20:00"),
            ("下午14点", "14:00"),
            ("１４：３０", "14:30"),
            ("0:00", "00:00"),
            ("23:59", "23:59"),
        ] {
            assert_eq!(parse_time(input).as_deref(), Ok(stored), "{input}");
        }
    }

    #[test]
    fn what_is_not_a_time_is_refused_with_the_text() {
        for input in [
            "24:00",
            "12:60",
            "0 am",
            "9:5",
            "noon",
            "12:30:75",
            "1:2:3:4",
            "930",
            "",
            "x",
            "下午",
            "2023-01-01",
        ] {
            let refused = parse_time(input).unwrap_err();
            assert!(
                refused.contains("is not a time of day"),
                "{input}: {refused}"
            );
        }
    }
}
