//! Import cleaning: every cleaner with the forms people write, and the refusals with their
//! messages. Outputs must pass `values::parse_field` for their field type, so the import
//! validates through the same path as forms.

use kith::Kind;
use kith::import::clean::{
    CleanContext, DateOrder, DateProfile, clean_bool, clean_date, clean_datetime, clean_email,
    clean_for_field, clean_money, clean_number, clean_phone, profile_dates, split_name,
};
use kith::values::parse_field;

fn field(kind: Kind, name: &str) -> &'static kith::model::FieldDef {
    kind.def()
        .field(name)
        .unwrap_or_else(|| panic!("{kind} has a field {name}"))
}

// ------------------------------------------------------------------------------ date orders

#[test]
fn date_order_reads_names_and_patterns() {
    let cases = [
        ("ymd", DateOrder::Ymd),
        ("DMY", DateOrder::Dmy),
        ("Mdy", DateOrder::Mdy),
        ("YYYY-MM-DD", DateOrder::Ymd),
        ("DD/MM/YYYY", DateOrder::Dmy),
        ("MM/DD/YYYY", DateOrder::Mdy),
        ("DD.MM.YYYY", DateOrder::Dmy),
        ("d/m/yy", DateOrder::Dmy),
    ];
    for (text, want) in cases {
        assert_eq!(
            text.parse::<DateOrder>(),
            Ok(want),
            "'{text}' names the {want} order"
        );
    }
}

#[test]
fn date_order_refusal_lists_the_accepted_forms() {
    for text in ["", "ydm", "DD/MM", "YYYY-MM-DD hh:mm", "day first"] {
        let err = text.parse::<DateOrder>().unwrap_err();
        for form in [
            "ymd",
            "dmy",
            "mdy",
            "YYYY-MM-DD",
            "DD/MM/YYYY",
            "MM/DD/YYYY",
        ] {
            assert!(
                err.contains(form),
                "the refusal of '{text}' must list {form}: {err}"
            );
        }
    }
}

#[test]
fn date_order_serialises_in_lower_case() {
    assert_eq!(
        serde_json::to_string(&DateOrder::Dmy).unwrap(),
        "\"dmy\"",
        "the UI sends and receives the order as its lower-case name"
    );
    assert_eq!(
        serde_json::from_str::<DateOrder>("\"mdy\"").unwrap(),
        DateOrder::Mdy,
        "and reads it back"
    );
}

// ---------------------------------------------------------------------------- profile_dates

fn profile(values: &[&str]) -> DateProfile {
    profile_dates(values.iter().copied())
}

#[test]
fn iso_dates_profile_as_ymd() {
    let p = profile(&[
        "2024-03-01",
        "2024/12/31",
        "",
        "20240105",
        "2024-03-01 14:30",
    ]);
    assert_eq!(p.order, Some(DateOrder::Ymd), "ISO dates decide year-first");
    assert!(!p.ambiguous, "ISO dates are never ambiguous");
    assert!(p.examples.is_empty(), "no ambiguity, no examples");
}

#[test]
fn a_first_part_over_12_decides_dmy() {
    let p = profile(&["01/03/2024", "25/12/2024", "02/03/2024"]);
    assert_eq!(
        p.order,
        Some(DateOrder::Dmy),
        "25/12 can only be day/month, so the column is day/month/year"
    );
    assert!(
        !p.ambiguous,
        "one deciding value settles the ambiguous ones"
    );
}

#[test]
fn a_second_part_over_12_decides_mdy() {
    let p = profile(&["01/03/2024", "12/25/2024"]);
    assert_eq!(p.order, Some(DateOrder::Mdy), "12/25 can only be month/day");
    assert!(!p.ambiguous, "decided");
}

#[test]
fn dotted_dates_decide_dmy() {
    let p = profile(&["3.1.2024", "01.02.2024"]);
    assert_eq!(
        p.order,
        Some(DateOrder::Dmy),
        "dotted year-last dates are day.month.year wherever they are written"
    );
}

#[test]
fn undecided_numeric_dates_are_ambiguous_with_examples() {
    let p = profile(&[
        "01/03/2024",
        "02/04/2024",
        "05/06/2024",
        "07/08/2024",
        "1 March 2024",
    ]);
    assert_eq!(p.order, None, "nothing says which part is the day");
    assert!(p.ambiguous, "the user must choose a date format");
    assert_eq!(
        p.examples,
        vec!["01/03/2024", "02/04/2024", "05/06/2024"],
        "up to 3 values show the ambiguity"
    );
}

#[test]
fn conflicting_dates_are_ambiguous_with_examples_of_each() {
    let p = profile(&["25/12/2024", "12/25/2024", "01/03/2024"]);
    assert_eq!(p.order, None, "the column contradicts itself");
    assert!(p.ambiguous, "conflicting evidence is ambiguous");
    assert!(
        p.examples.contains(&"25/12/2024".to_string())
            && p.examples.contains(&"12/25/2024".to_string()),
        "the examples show both readings: {:?}",
        p.examples
    );
}

#[test]
fn month_names_and_cjk_dates_decide_nothing() {
    let p = profile(&[
        "3 March 2024",
        "2024年3月1日",
        "March 3, 2024",
        "not a date",
        "",
    ]);
    assert_eq!(
        p,
        DateProfile {
            order: None,
            ambiguous: false,
            examples: vec![]
        },
        "named months and 年月日 are unambiguous but say nothing about numeric order"
    );
}

#[test]
fn same_day_and_month_is_not_ambiguous() {
    let p = profile(&["01/01/2024", "12/12/2023"]);
    assert!(!p.ambiguous, "01/01 reads the same either way");
}

// ------------------------------------------------------------------------------- clean_date

#[test]
fn dates_in_many_forms() {
    let cases: &[(&str, Option<DateOrder>, &str)] = &[
        ("2024-03-01", None, "2024-03-01"),
        ("2024/3/1", None, "2024-03-01"),
        ("2024.03.01", None, "2024-03-01"),
        ("20240301", None, "2024-03-01"),
        (" 2024-03-01 00:00:00 ", None, "2024-03-01"),
        ("01/03/2024", Some(DateOrder::Dmy), "2024-03-01"),
        ("03/01/2024", Some(DateOrder::Mdy), "2024-03-01"),
        ("1-3-24", Some(DateOrder::Dmy), "2024-03-01"),
        ("24/03/01", Some(DateOrder::Ymd), "2024-03-01"),
        ("25/12/2024", None, "2024-12-25"),
        ("12/25/2024", None, "2024-12-25"),
        ("3.1.2024", None, "2024-01-03"),
        ("03.01.24", None, "2024-01-03"),
        ("2024年3月1日", None, "2024-03-01"),
        ("2024年3月1号", None, "2024-03-01"),
        ("２０２４年３月１日", None, "2024-03-01"),
        ("2024年3月1日 星期五", None, "2024-03-01"),
        ("3 March 2024", None, "2024-03-03"),
        ("March 3, 2024", None, "2024-03-03"),
        ("Mar 3 2024", None, "2024-03-03"),
        ("march 3rd, 2024", None, "2024-03-03"),
        ("3. März 2024", None, "2024-03-03"),
        ("3. Maerz 2024", None, "2024-03-03"),
        ("3 mars 2024", None, "2024-03-03"),
        ("1er février 2024", None, "2024-02-01"),
        ("3 de marzo de 2024", None, "2024-03-03"),
        ("3 DE MARZO DE 2024", None, "2024-03-03"),
        ("15 août 2023", None, "2023-08-15"),
        ("15 aout 2023", None, "2023-08-15"),
        ("1 dic. 2024", None, "2024-12-01"),
        ("Mon, 3 Mar 2024", None, "2024-03-03"),
        ("Montag, 4. März 2024", None, "2024-03-04"),
        ("2024 March 3", None, "2024-03-03"),
        ("3 Mar 69", None, "2069-03-03"),
        ("3 Mar 70", None, "1970-03-03"),
        ("01/02/99", Some(DateOrder::Dmy), "1999-02-01"),
        ("01/02/00", Some(DateOrder::Dmy), "2000-02-01"),
        ("29/02/2024", Some(DateOrder::Dmy), "2024-02-29"),
    ];
    for (raw, order, want) in cases {
        assert_eq!(
            clean_date(raw, *order).as_deref(),
            Ok(*want),
            "'{raw}' with order {order:?} is {want}"
        );
        let out = clean_date(raw, *order).unwrap();
        assert!(
            parse_field(field(Kind::Contact, "birthday"), &out).is_ok(),
            "'{out}' must pass the form validation"
        );
    }
}

#[test]
fn ambiguous_numeric_dates_are_refused_without_an_order() {
    let err = clean_date("01/03/2024", None).unwrap_err().to_string();
    assert!(
        err.contains("01/03/2024") && err.contains("choose a date format"),
        "an ambiguous date names itself and asks for a date format: {err}"
    );
}

#[test]
fn an_explicit_order_that_does_not_fit_is_refused() {
    let err = clean_date("12/25/2024", Some(DateOrder::Dmy))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("12/25/2024") && err.contains("not a valid calendar date"),
        "month 25 does not exist: {err}"
    );
}

#[test]
fn invalid_dates_are_refused_naming_the_value() {
    for (raw, order, why) in [
        (
            "31/02/2024",
            Some(DateOrder::Dmy),
            "not a valid calendar date",
        ),
        ("2023-02-29", None, "not a valid calendar date"),
        ("2024-13-01", None, "not a valid calendar date"),
        ("32 March 2024", None, "not a valid calendar date"),
        ("3 March", None, "has no year"),
        ("March 2024", None, "has no day"),
        ("3月1日", None, "has no year"),
        ("soon", None, "is not a date"),
        ("3 Smarch 2024", None, "is not a date"),
        ("2024-03-01 25:00", None, "is not a date"),
        ("1/2/3/4", None, "is not a date"),
        ("3 March 202", None, "is not a date"),
        ("3 March 5", None, "is not a date"),
        ("1/2/3", None, "is not a date"),
        ("01032024", None, "is not a date"),
    ] {
        let err = clean_date(raw, order).unwrap_err().to_string();
        assert!(
            err.contains(raw) && err.contains(why),
            "'{raw}' is refused with '{why}': {err}"
        );
    }
}

// --------------------------------------------------------------------------- clean_datetime

#[test]
fn datetimes_in_many_forms() {
    let cases: &[(&str, Option<DateOrder>, &str)] = &[
        ("2024-03-01 14:30", None, "2024-03-01T14:30:00Z"),
        ("2024-03-01T14:30:05", None, "2024-03-01T14:30:05Z"),
        ("2024-03-01T14:30:05Z", None, "2024-03-01T14:30:05Z"),
        ("2024-03-01T14:30:05+08:00", None, "2024-03-01T06:30:05Z"),
        ("2024-03-01T01:00:00-05:00", None, "2024-03-01T06:00:00Z"),
        ("2024-03-01 14:30 +0200", None, "2024-03-01T12:30:00Z"),
        ("2024-03-01 14:30 UTC+8", None, "2024-03-01T06:30:00Z"),
        ("2024-03-01 14:30:05.123", None, "2024-03-01T14:30:05Z"),
        (
            "01/03/2024 2:30 PM",
            Some(DateOrder::Dmy),
            "2024-03-01T14:30:00Z",
        ),
        (
            "03/01/2024 2:30 pm",
            Some(DateOrder::Mdy),
            "2024-03-01T14:30:00Z",
        ),
        (
            "3/1/2024 12:05 a.m.",
            Some(DateOrder::Mdy),
            "2024-03-01T00:05:00Z",
        ),
        (
            "3/1/2024 12:05 PM",
            Some(DateOrder::Mdy),
            "2024-03-01T12:05:00Z",
        ),
        ("2024年3月1日 14時30分", None, "2024-03-01T14:30:00Z"),
        ("2024年3月1日 下午2点30分", None, "2024-03-01T14:30:00Z"),
        ("2024年3月1日14:30", None, "2024-03-01T14:30:00Z"),
        ("3. März 2024 14:30", None, "2024-03-03T14:30:00Z"),
        ("March 3, 2024 at 9:15 AM", None, "2024-03-03T09:15:00Z"),
        (
            "Mon, 04 Mar 2024 14:30:05 +0100",
            None,
            "2024-03-04T13:30:05Z",
        ),
        ("2024-03-01", None, "2024-03-01T00:00:00Z"),
        ("1 March 2024", None, "2024-03-01T00:00:00Z"),
    ];
    for (raw, order, want) in cases {
        let got = clean_datetime(raw, *order);
        assert_eq!(got.as_deref(), Ok(*want), "'{raw}' is {want}");
        assert!(
            parse_field(field(Kind::Activity, "occurred_at"), want).is_ok(),
            "'{want}' must pass the form validation"
        );
    }
}

#[test]
fn bad_datetimes_are_refused_naming_the_value() {
    for (raw, why) in [
        ("2024-03-01 14:61", "has a time"),
        ("2024-03-01 13:00 PM", "has a time"),
        ("2024-03-01 14:30 Mars time", "has a time"),
        ("01/03/2024 14:30", "choose a date format"),
        ("yesterday 14:30", "is not a date"),
    ] {
        let err = clean_datetime(raw, None).unwrap_err().to_string();
        assert!(
            err.contains(raw) && err.contains(why),
            "'{raw}' is refused with '{why}': {err}"
        );
    }
}

// ------------------------------------------------------------------------------ clean_phone

#[test]
fn phones_with_a_default_country_become_e164() {
    let cases = [
        ("13812345678", "CN", "+8613812345678"),
        ("138 1234 5678", "cn", "+8613812345678"),
        ("010-12345678", "CN", "+861012345678"),
        ("１３８１２３４５６７８", "CN", "+8613812345678"),
        ("030 12345678", "DE", "+493012345678"),
        ("0151 23456789", "de", "+4915123456789"),
        ("(650) 253-0000", "US", "+16502530000"),
        ("650.253.0000", "US", "+16502530000"),
        ("020 7946 0018", "GB", "+442079460018"),
        ("+44 20 7946 0958", "US", "+442079460958"),
        ("0049 30 12345678", "US", "+493012345678"),
        ("+86 138 1234 5678", "DE", "+8613812345678"),
    ];
    for (raw, country, want) in cases {
        assert_eq!(
            clean_phone(raw, Some(country)).as_deref(),
            Ok(want),
            "'{raw}' in {country} is {want}"
        );
        assert!(
            parse_field(field(Kind::Contact, "phone"), want).is_ok(),
            "E.164 passes the form validation"
        );
    }
}

#[test]
fn international_phones_need_no_default_country() {
    let cases = [
        ("+86 138 1234 5678", "+8613812345678"),
        ("+1 (650) 253-0000", "+16502530000"),
        ("0044 20 7946 0958", "+442079460958"),
        ("tel:+1-650-253-0000", "+16502530000"),
        ("+49 (0)30 12345678", "+493012345678"),
    ];
    for (raw, want) in cases {
        assert_eq!(
            clean_phone(raw, None).as_deref(),
            Ok(want),
            "'{raw}' carries its country: {want}"
        );
        // A default country (a row's own, say) changes nothing in a number that has its
        // country code: a US default once made valid Chinese mobiles invalid.
        for country in ["US", "CA", "DE", "FR", "CN", "JP", "GB", "BR", "IN", "AU"] {
            assert_eq!(
                clean_phone(raw, Some(country)).as_deref(),
                Ok(want),
                "'{raw}' read with {country} as the default"
            );
        }
    }
    assert_eq!(
        clean_phone("+86 139 0000 0004", Some("US")).as_deref(),
        Ok("+8613900000004")
    );
}

#[test]
fn national_phones_without_a_country_are_kept_as_typed() {
    assert_eq!(
        clean_phone("  030   1234 5678 ", None).as_deref(),
        Ok("030 1234 5678"),
        "without a country Kith cannot know the prefix: it keeps the number, whitespace tidied"
    );
    assert_eq!(
        clean_phone("555-0100", None).as_deref(),
        Ok("555-0100"),
        "no country, no validity check: not refused"
    );
    let err = clean_phone("call me", None).unwrap_err().to_string();
    assert!(
        err.contains("call me"),
        "what values::parse_phone refuses is still refused: {err}"
    );
}

#[test]
fn extensions_are_kept_after_the_number() {
    let cases = [
        ("650-253-0000 ext. 123", Some("US"), "+16502530000 x123"),
        ("+1 650 253 0000 x123", None, "+16502530000 x123"),
        ("(650) 253-0000 #45", Some("US"), "+16502530000 x45"),
        ("030 12345678 Durchwahl 12", Some("DE"), "+493012345678 x12"),
        ("010-12345678转8001", Some("CN"), "+861012345678 x8001"),
        ("010-12345678 分机 8001", Some("CN"), "+861012345678 x8001"),
    ];
    for (raw, country, want) in cases {
        let got = clean_phone(raw, country);
        assert_eq!(got.as_deref(), Ok(want), "'{raw}' keeps its extension");
        assert!(
            parse_field(field(Kind::Contact, "phone"), want).is_ok(),
            "'{want}' passes the form validation"
        );
    }
}

#[test]
fn a_bare_extension_marker_adds_nothing() {
    assert_eq!(
        clean_phone("(650) 253-0000 x", Some("US")).as_deref(),
        Ok("+16502530000"),
        "an 'x' with no digits is not an extension"
    );
}

#[test]
fn two_numbers_in_one_cell_are_refused_not_halved() {
    for (raw, country) in [
        ("138 1234 5678 / 139 8765 4321", Some("CN")),
        ("030 1234567; 0171 7654321", Some("DE")),
        ("+49 30 12345678 | +49 171 1234567", None),
    ] {
        let err = clean_phone(raw, country).unwrap_err().to_string();
        assert!(
            err.contains(raw) && err.contains("more than one phone number"),
            "keeping only the first number would drop the second silently: {err}"
        );
    }
}

#[test]
fn invalid_phones_are_refused_naming_value_and_country() {
    for (raw, country, place) in [
        ("555-0100", Some("US"), "US"),
        ("12345", Some("CN"), "CN"),
        ("07700 900123", Some("GB"), "GB"),
        ("+49 1", None, "+49"),
        ("+1 555 0100", None, "+1"),
    ] {
        let err = clean_phone(raw, country).unwrap_err().to_string();
        assert!(
            err.contains(raw) && err.contains(place),
            "'{raw}' is refused naming the value and {place}: {err}"
        );
    }
    let err = clean_phone("030 12345678", Some("Germany"))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("Germany") && err.contains("country code"),
        "a default country that is not an ISO code is named: {err}"
    );
}

// ------------------------------------------------------------------------------ clean_email

#[test]
fn emails_are_unwrapped_and_lower_cased() {
    let cases = [
        ("  Ada@Example.COM ", "ada@example.com"),
        ("mailto:ada@example.com", "ada@example.com"),
        ("MAILTO:Ada@Example.com?subject=Hi", "ada@example.com"),
        ("Ada Lovelace <ada@example.com>", "ada@example.com"),
        ("\"Lovelace, Ada\" <ADA@example.com>", "ada@example.com"),
        ("<ada@example.com>", "ada@example.com"),
        ("ａｄａ＠ｅｘａｍｐｌｅ.ｃｏｍ", "ada@example.com"),
        ("ada@example.com;", "ada@example.com"),
    ];
    for (raw, want) in cases {
        assert_eq!(clean_email(raw).as_deref(), Ok(want), "'{raw}' is {want}");
    }
}

#[test]
fn bad_emails_are_refused_naming_the_value() {
    for (raw, why) in [
        ("ada at example.com", "not a valid email"),
        ("ada@localhost", "not a valid email"),
        ("Ada <>", "not a valid email"),
        ("a@b.com, c@d.com", "more than one"),
    ] {
        let err = clean_email(raw).unwrap_err().to_string();
        assert!(
            err.contains(raw) && err.contains(why),
            "'{raw}' is refused with '{why}': {err}"
        );
    }
}

// ------------------------------------------------------------------------------- split_name

#[test]
fn names_split_into_first_and_last() {
    let cases = [
        ("Robert Smith", "Robert", "Smith"),
        ("Smith, Robert", "Robert", "Smith"),
        ("  Robert   Smith ", "Robert", "Smith"),
        ("Robert J. Smith", "Robert J.", "Smith"),
        ("Smith, Robert J.", "Robert J.", "Smith"),
        ("Mr. Robert Smith", "Robert", "Smith"),
        ("Dr Robert Smith", "Robert", "Smith"),
        ("Prof. Dr. Hans Müller", "Hans", "Müller"),
        ("Herr Hans Müller", "Hans", "Müller"),
        ("Frau Anna Schmidt", "Anna", "Schmidt"),
        ("M. Jean Dupont", "Jean", "Dupont"),
        ("Mme Marie Curie", "Marie", "Curie"),
        ("Sr. Juan García", "Juan", "García"),
        ("Sra. Ana López", "Ana", "López"),
        ("Ms Smith", "", "Smith"),
        ("Robert Smith Jr.", "Robert", "Smith Jr."),
        ("Robert Smith, Jr.", "Robert", "Smith Jr."),
        ("Smith, Robert, Jr.", "Robert", "Smith Jr."),
        ("Martin Luther King III", "Martin Luther", "King III"),
        ("Ludwig van Beethoven", "Ludwig", "van Beethoven"),
        ("Juan de la Cruz", "Juan", "de la Cruz"),
        ("Ursula von der Leyen", "Ursula", "von der Leyen"),
        ("Robert De Niro", "Robert", "De Niro"),
        ("José Ortega y Gasset", "José", "Ortega y Gasset"),
        ("van Beethoven, Ludwig", "Ludwig", "van Beethoven"),
        ("李明", "明", "李"),
        ("王小明", "小明", "王"),
        ("欧阳娜娜", "娜娜", "欧阳"),
        ("司马相如", "相如", "司马"),
        ("諸葛亮明", "亮明", "諸葛"),
        ("山田 太郎", "太郎", "山田"),
        ("王小明先生", "小明", "王"),
        ("王先生", "", "王"),
        ("李女士", "", "李"),
        ("山田様", "", "山田"),
        ("约翰·史密斯", "约翰", "史密斯"),
        ("김민수", "민수", "김"),
        ("Madonna", "Madonna", ""),
        ("", "", ""),
    ];
    for (full, first, last) in cases {
        assert_eq!(
            split_name(full),
            (first.to_string(), last.to_string()),
            "'{full}' is first '{first}', last '{last}'"
        );
    }
}

// ------------------------------------------------------------------------------ clean_money

#[test]
fn amounts_in_many_forms() {
    let cases: &[(&str, i64, Option<&str>)] = &[
        ("1234.56", 123_456, None),
        ("1.234,56", 123_456, None),
        ("1 234,56", 123_456, None),
        ("1\u{a0}234,56", 123_456, None),
        ("1\u{202f}234,56 €", 123_456, Some("EUR")),
        ("12,800.50", 1_280_050, None),
        ("12'800.50", 1_280_050, None),
        ("CHF 12’800.50", 1_280_050, Some("CHF")),
        ("Fr. 12.50", 1_250, Some("CHF")),
        ("￥980", 98_000, Some("CNY")),
        ("¥980", 98_000, Some("CNY")),
        ("100元", 10_000, Some("CNY")),
        ("RMB 1,000", 100_000, Some("CNY")),
        ("980円", 98_000, Some("JPY")),
        ("€99,90", 9_990, Some("EUR")),
        ("99,90 €", 9_990, Some("EUR")),
        ("99,90 EUR", 9_990, Some("EUR")),
        ("eur 5", 500, Some("EUR")),
        ("£5", 500, Some("GBP")),
        ("$1,234.50", 123_450, Some("USD")),
        ("US$ 10", 1_000, Some("USD")),
        ("HK$ 10", 1_000, Some("HKD")),
        ("-€5", -500, Some("EUR")),
        ("€-5", -500, Some("EUR")),
        ("(12.00)", -1_200, None),
        ("($12.00)", -1_200, Some("USD")),
        ("12.00-", -1_200, None),
        ("−7,5", -750, None),
        ("1,234", 123_400, None),
        ("1.234", 123_400, None),
        ("1.234.567", 123_456_700, None),
        ("1,234,567.89", 123_456_789, None),
        ("1,5", 150, None),
        ("0,5", 50, None),
        (".5", 50, None),
        ("0.500", 50, None),
        ("12.30", 1_230, None),
        ("100 kr", 10_000, None),
        ("0", 0, None),
    ];
    for (raw, cents, currency) in cases {
        assert_eq!(
            clean_money(raw),
            Ok((*cents, *currency)),
            "'{raw}' is {cents} hundredths in {currency:?}"
        );
    }
}

#[test]
fn amounts_with_three_decimals_are_refused() {
    for raw in ["12.345,678", "1234,567", "0.125"] {
        let err = clean_money(raw).unwrap_err();
        assert!(
            err.contains(raw) && err.contains("more than 2 decimal places"),
            "'{raw}' would lose money if rounded: {err}"
        );
    }
}

#[test]
fn bad_amounts_are_refused_naming_the_value() {
    for (raw, why) in [
        ("", "not an amount"),
        ("free", "not an amount"),
        ("12 34", "not an amount"),
        ("1,23,456.00", "not an amount"),
        ("1.234,567.8", "not an amount"),
        ("12..5", "not an amount"),
        ("--5", "not an amount"),
        ("(5", "not an amount"),
        ("5 apples", "currency Kith does not know"),
        ("5 RUB", "currency Kith does not know"),
        ("92233720368547758.08", "too large"),
        ("99999999999999999999", "too large"),
    ] {
        let err = clean_money(raw).unwrap_err();
        assert!(
            err.contains(raw) && err.contains(why),
            "'{raw}' is refused with '{why}': {err}"
        );
    }
}

// ------------------------------------------------------------------------------ clean_number

#[test]
fn numbers_with_either_decimal_convention() {
    let cases = [
        ("1234", 1234.0),
        ("1.234,5", 1234.5),
        ("1,234.5", 1234.5),
        ("1234,5", 1234.5),
        ("1,234", 1234.0),
        ("1.234", 1234.0),
        ("0,125", 0.125),
        ("-2.5", -2.5),
        ("(3)", -3.0),
        ("25%", 25.0),
        ("25 %", 25.0),
        ("1.5e3", 1500.0),
        ("1 000 000", 1_000_000.0),
    ];
    for (raw, want) in cases {
        assert_eq!(clean_number(raw), Ok(want), "'{raw}' is {want}");
    }
}

#[test]
fn bad_numbers_are_refused_naming_the_value() {
    for raw in ["", "many", "€5", "1.2.3,4,5", "NaN", "inf", "1e999"] {
        let err = clean_number(raw).unwrap_err();
        assert!(
            err.contains(raw) && err.contains("not a number"),
            "'{raw}' is not a number: {err}"
        );
    }
}

// -------------------------------------------------------------------------------- clean_bool

#[test]
fn yes_and_no_in_five_languages() {
    let yes = [
        "yes",
        "Y",
        "TRUE",
        "1",
        "x",
        "X",
        "ja",
        "Ja",
        "wahr",
        "oui",
        "vrai",
        "sí",
        "Si",
        "verdadero",
        "是",
        "对",
        "有",
        "✓",
        "✔",
    ];
    let no = [
        "no", "N", "false", "0", "nein", "falsch", "non", "faux", "falso", "否", "错", "无", "✗",
        "✘",
    ];
    for raw in yes {
        assert_eq!(clean_bool(raw), Ok(true), "'{raw}' means yes");
    }
    for raw in no {
        assert_eq!(clean_bool(raw), Ok(false), "'{raw}' means no");
    }
    let err = clean_bool("maybe").unwrap_err();
    assert!(
        err.contains("maybe") && err.contains("yes or no"),
        "anything else is refused: {err}"
    );
}

// -------------------------------------------------------------------------- clean_for_field

#[test]
fn clean_for_field_gives_text_parse_field_accepts() {
    let ctx = CleanContext {
        default_country: Some("DE".into()),
        date_order: Some(DateOrder::Dmy),
    };
    let cases: &[(Kind, &str, &str, &str)] = &[
        (Kind::Deal, "value", "1.234,56 €", "1234.56"),
        (Kind::Deal, "value", "(5)", "-5.00"),
        (Kind::Activity, "done", "ja", "true"),
        (Kind::Activity, "done", "否", "false"),
        (Kind::Contact, "birthday", "01/03/1990", "1990-03-01"),
        (
            Kind::Activity,
            "occurred_at",
            "01/03/2024 14:30",
            "2024-03-01T14:30:00Z",
        ),
        (Kind::Contact, "phone", "030 12345678", "+493012345678"),
        (
            Kind::Contact,
            "email",
            "Ada <ADA@example.com>",
            "ada@example.com",
        ),
        (Kind::Company, "employees", "1.200", "1200"),
        (Kind::Deal, "probability", "25%", "25"),
        (Kind::OrderLine, "quantity", "2,5", "2.5"),
        (Kind::Contact, "city", "  Berlin ", "Berlin"),
        (Kind::Contact, "notes", "", ""),
        (Kind::Deal, "stage", "Closed Won", "won"),
        (Kind::Deal, "stage", "closedwon", "won"),
        (Kind::Deal, "stage", "Proposal/Price Quote", "proposal"),
        (Kind::Deal, "stage", "NEGOTIATION", "negotiation"),
        (Kind::Deal, "stage", "赢单", "won"),
        (Kind::Ticket, "status", "In Progress", "in_progress"),
        (Kind::Ticket, "status", "open", "new"),
        (Kind::Ticket, "status", "Pending", "waiting"),
        (Kind::Ticket, "status", "处理中", "in_progress"),
        (Kind::Ticket, "status", "Gelöst", "resolved"),
        (Kind::Ticket, "priority", "dringend", "urgent"),
        (Kind::Ticket, "priority", "Medium", "normal"),
        (Kind::Activity, "kind", "Phone call", "call"),
        (Kind::Activity, "kind", "Réunion", "meeting"),
        (Kind::Activity, "kind", "To-do", "task"),
        (Kind::Order, "status", "Completed", "delivered"),
        (Kind::Order, "status", "canceled", "cancelled"),
        (Kind::Campaign, "status", "Completed", "completed"),
        (Kind::Campaign, "channel", "Direct mail", "direct_mail"),
        (Kind::Contact, "source", "Web", "website"),
        (Kind::Deal, "source", "Web", "inbound"),
        (Kind::Deal, "currency", "€", "EUR"),
        (Kind::Deal, "currency", "rmb", "CNY"),
        (Kind::Deal, "currency", "usd", "USD"),
        (Kind::Feedback, "channel", "In person", "in_person"),
    ];
    for (kind, name, raw, want) in cases {
        let def = field(*kind, name);
        let got = clean_for_field(def, raw, &ctx);
        assert_eq!(
            got.as_deref(),
            Ok(*want),
            "{kind}.{name} '{raw}' cleans to '{want}'"
        );
        assert!(
            parse_field(def, want).is_ok(),
            "{kind}.{name}: '{want}' must pass the form validation"
        );
    }
}

#[test]
fn unknown_choices_pass_through_for_parse_field_to_refuse() {
    let ctx = CleanContext::default();
    let def = field(Kind::Deal, "stage");
    assert_eq!(
        clean_for_field(def, " Someday ", &ctx).as_deref(),
        Ok("Someday"),
        "an unknown choice is returned trimmed and unchanged"
    );
    let err = parse_field(def, "Someday").unwrap_err().to_string();
    assert!(
        err.contains("lead"),
        "so parse_field names the choices: {err}"
    );
    assert_eq!(
        clean_for_field(field(Kind::Ticket, "status"), "won", &ctx).as_deref(),
        Ok("won"),
        "a synonym for another field's choice (deal stage) is not used for a ticket status"
    );
}

#[test]
fn clean_for_field_refusals_name_the_value() {
    let ctx = CleanContext::default();
    for (kind, name, raw) in [
        (Kind::Company, "employees", "12.5"),
        (Kind::Company, "employees", "lots"),
        (Kind::Deal, "value", "12.345,678"),
        (Kind::Activity, "done", "perhaps"),
        (Kind::Contact, "birthday", "01/03/1990"),
        (Kind::Contact, "email", "nobody"),
    ] {
        let err = clean_for_field(field(kind, name), raw, &ctx)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains(raw),
            "{kind}.{name} '{raw}' is refused naming it: {err}"
        );
    }
}

#[test]
fn clean_context_round_trips_as_json() {
    let ctx: CleanContext =
        serde_json::from_str(r#"{"default_country":"CN","date_order":"dmy"}"#).unwrap();
    assert_eq!(
        ctx,
        CleanContext {
            default_country: Some("CN".into()),
            date_order: Some(DateOrder::Dmy)
        },
        "the UI sends the import's cleaning choices as JSON"
    );
    let empty: CleanContext = serde_json::from_str("{}").unwrap();
    assert_eq!(empty, CleanContext::default(), "every choice is optional");
}
