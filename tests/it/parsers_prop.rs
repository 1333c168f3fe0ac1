//! Property tests of every parser of user data: arbitrary Unicode (digits and separators mixed
//! with any character, and any string at all) never panics a `clean_*` parser, `split_name`,
//! `values::parse_field` for any field, a list filter's value (`--where`, saved views), an
//! import's column mapping (sent, or saved), or the file reader on arbitrary bytes; and every value Kith writes reads back as itself (a cleaned
//! value cleaned again is unchanged, and CSV formula neutralising is undone exactly).

use std::io::Write;

use kith::import::clean::{
    CleanContext, DateOrder, clean_bool, clean_date, clean_datetime, clean_email, clean_for_field,
    clean_money, clean_number, clean_phone, split_name,
};
use kith::import::read::{self, ReadOptions};
use kith::import::{clean, country, mapping};
use kith::model::{FieldDef, FieldType};
use kith::{Kind, export, values};
use proptest::prelude::*;

/// Digits and date, time, number and phone separators with a few arbitrary characters in
/// between: the shapes where a parser computes offsets.
fn cellish() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9 ./:+-]{0,12}\\PC{0,3}[0-9:+é-]{0,6}",
        "[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{1,2}:[0-9]{2}(:[0-9]{2})? ?(Z|UTC|GMT)?[+−-]?[0-9é:]{0,5}",
        "[0-9]{4}-0[1-9]-1[0-9] 1[0-9]:[0-5][0-9] ?[+-][0-9]{0,2}[éß€中]{1,2}[0-9]{0,2}",
        "[0-9]{1,2}[./-][0-9]{1,2}[./-][0-9]{2,4}( [0-9]{1,2}(:[0-9]{2})? ?(am|pm|AM|PM)?)?",
        "[(+-]?[$€£¥]? ?[0-9]{1,3}([ ,.'][0-9]{3}){0,3}([.,][0-9]{0,4})? ?(EUR|元|kr|%)?[)-]?",
        "(\\+|00|tel:)?[0-9 ()./-]{3,18}( ?(x|ext\\.?|#|转) ?[0-9]{1,8})?",
        "[A-Za-z.' -]{0,10}[,]?[A-Za-z ]{0,10}",
        "(mailto:)?[a-zA-Z0-9._%+-]{0,8}@?[a-zA-Z0-9.-]{0,8}(\\.[a-z]{0,3})?",
        any::<String>(),
    ]
}

fn countries() -> impl Strategy<Value = Option<&'static str>> {
    prop_oneof![
        Just(None),
        Just(Some("DE")),
        Just(Some("US")),
        Just(Some("CN")),
        Just(Some("zz")),
    ]
}

fn orders() -> impl Strategy<Value = Option<DateOrder>> {
    prop_oneof![
        Just(None),
        Just(Some(DateOrder::Dmy)),
        Just(Some(DateOrder::Mdy)),
        Just(Some(DateOrder::Ymd)),
    ]
}

/// Every field of every kind (so every field type, choice list and integer range).
fn all_fields() -> Vec<&'static FieldDef> {
    Kind::ALL
        .iter()
        .flat_map(|k| k.def().fields.iter())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn dates_and_times_never_panic_and_read_back(raw in cellish(), order in orders()) {
        if let Ok(date) = clean_date(&raw, order) {
            prop_assert_eq!(
                clean_date(&date, None), Ok(date.clone()),
                "a cleaned date is canonical: cleaning it again changes nothing"
            );
            prop_assert!(values::parse_date(&date).is_ok(), "a cleaned date {} is valid", date);
        }
        if let Ok(instant) = clean_datetime(&raw, order) {
            prop_assert_eq!(
                clean_datetime(&instant, None), Ok(instant.clone()),
                "a cleaned instant is canonical: cleaning it again changes nothing"
            );
            prop_assert!(
                values::parse_datetime(&instant).is_ok(),
                "a cleaned instant {} is valid", instant
            );
        }
    }

    #[test]
    fn times_never_panic_and_read_back(
        raw in cellish(),
        hour in 0u32..24,
        minute in 0u32..60,
        pm in any::<bool>(),
    ) {
        if let Ok(time) = values::parse_time(&raw) {
            prop_assert_eq!(values::parse_time(&time), Ok(time.clone()), "{} is canonical", time);
        }
        let plain = format!("{hour}:{minute:02}");
        prop_assert_eq!(values::parse_time(&plain), Ok(format!("{hour:02}:{minute:02}")));
        let twelve = if hour % 12 == 0 { 12 } else { hour % 12 };
        let said = format!("{twelve}:{minute:02} {}", if pm { "pm" } else { "am" });
        let want = (twelve % 12) + if pm { 12 } else { 0 };
        prop_assert_eq!(values::parse_time(&said), Ok(format!("{want:02}:{minute:02}")));
    }

    #[test]
    fn numbers_and_money_never_panic_and_read_back(raw in cellish()) {
        if let Ok((cents, _)) = clean_money(&raw) {
            let text = format!(
                "{}{}.{:02}",
                if cents < 0 { "-" } else { "" },
                cents.unsigned_abs() / 100,
                cents.unsigned_abs() % 100
            );
            prop_assert_eq!(
                clean_money(&text).map(|(c, _)| c), Ok(cents),
                "an amount written as Kith writes it reads back as the same hundredths"
            );
        }
        if let Ok(n) = clean_number(&raw) {
            prop_assert!(n.is_finite(), "a cleaned number is finite");
            prop_assert_eq!(
                clean_number(&values::decimal_text(n)), Ok(n),
                "a number written as Kith writes it reads back as itself"
            );
        }
    }

    #[test]
    fn phones_emails_booleans_and_names_never_panic(raw in cellish(), country in countries()) {
        // A number written with its country code reads the same whatever the default country.
        if clean::has_country_code(&raw) && country.is_some_and(|c| c != "zz") {
            prop_assert_eq!(clean_phone(&raw, country), clean_phone(&raw, Some("US")), "{:?}", raw);
        }
        if let Ok(phone) = clean_phone(&raw, country) {
            prop_assert_eq!(
                clean_phone(&phone, country), Ok(phone),
                "a cleaned phone is canonical: cleaning it again changes nothing"
            );
        }
        if let Ok(email) = clean_email(&raw) {
            prop_assert_eq!(
                clean_email(&email), Ok(email),
                "a cleaned email is canonical: cleaning it again changes nothing"
            );
        }
        if let Ok(b) = clean_bool(&raw) {
            prop_assert_eq!(clean_bool(&b.to_string()), Ok(b), "true/false read back");
        }
        let _ = split_name(&raw);
        let _ = (country::country_code(&raw), country::country_in_address(&raw));
        let _ = country::country_of_locale(&raw);
    }

    #[test]
    fn every_field_cleans_and_parses_without_panicking(raw in cellish(), country in countries()) {
        let ctx = CleanContext {
            default_country: country.map(str::to_string),
            date_order: None,
        };
        for def in all_fields() {
            let _ = values::parse_field(def, &raw);
            let Ok(clean) = clean_for_field(def, &raw, &ctx) else { continue };
            prop_assert_eq!(
                clean_for_field(def, &clean, &ctx), Ok(clean.clone()),
                "field {}: a cleaned value is canonical", def.name
            );
            let typed = matches!(
                def.ty,
                FieldType::Date | FieldType::Datetime | FieldType::Time | FieldType::Money
                    | FieldType::Decimal | FieldType::Bool | FieldType::Email
            );
            if typed {
                prop_assert!(
                    values::parse_field(def, &clean).is_ok(),
                    "field {}: the cleaned value {:?} is valid", def.name, clean
                );
            }
        }
    }

    #[test]
    fn decimals_as_kith_writes_them_read_back(n in any::<f64>().prop_filter("finite", |n| n.is_finite())) {
        prop_assert_eq!(
            clean_number(&values::decimal_text(n)), Ok(n),
            "an exported decimal ({}) imports as the same number, never as a thousands group",
            values::decimal_text(n)
        );
    }

    #[test]
    fn csv_neutralising_is_undone_exactly(cell in any::<String>()) {
        let safe = export::neutralize(&cell);
        let back = export::unneutralize(&safe).into_owned();
        prop_assert_eq!(
            back, cell,
            "export then import gives back the cell"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn the_reader_never_panics_on_arbitrary_bytes(
        bytes in prop_oneof![
            proptest::collection::vec(any::<u8>(), 1..600),
            "[a-z,;\"\t\r\n0-9é]{1,200}".prop_map(String::into_bytes),
            "BEGIN:VCARD\r\n[A-Z;=:\"\\\\ \r\n0-9é-]{0,200}".prop_map(String::into_bytes),
        ],
        ext in prop_oneof![Just("csv"), Just("txt"), Just("vcf"), Just("xls"), Just("xlsx")],
    ) {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join(format!("any.{ext}"));
        std::fs::File::create(&path)
            .and_then(|mut f| f.write_all(&bytes))
            .expect("write the file");
        if let Ok(source) = read::open(&path, &ReadOptions::default()) {
            let width = source.info().headers.len();
            for row in source {
                let Ok(row) = row else { break };
                if row.status == read::RowStatus::Data {
                    prop_assert_eq!(row.cells.len(), width, "a data row has one cell per column");
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// The forgiving cleaners of an import: placeholders, empty dates, year-less birthdays,
    /// multi-line text and cells holding several phones never panic, and what they give is
    /// canonical.
    #[test]
    fn forgiving_cleaners_never_panic(raw in cellish(), order in orders()) {
        let _ = clean::is_empty_date(&raw);
        // ASCII text takes a shortcut in folding and in placeholder checks: it must agree
        // with the general path (the same text with a non-ASCII character beside it).
        if raw.is_ascii() {
            let wide = format!("{raw}\u{00E9}");
            prop_assert_eq!(values::fold(&raw) + "e", values::fold(&wide));
            let fullwidth: String = raw
                .chars()
                .map(|c| match c {
                    '!'..='~' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
                    _ => c,
                })
                .collect();
            prop_assert_eq!(
                clean::is_placeholder(&raw),
                clean::is_placeholder(&fullwidth),
                "{:?} and its full-width form {:?}", raw, fullwidth
            );
        } else {
            let _ = clean::is_placeholder(&raw);
        }
        let _ = clean::phone_parts(&raw).count();
        let _ = values::parse_month_day(&raw);
        for multi_line in [false, true] {
            let text = clean::clean_text(&raw, multi_line);
            prop_assert_eq!(
                clean::clean_text(&text, multi_line), text.clone(),
                "clean text is canonical"
            );
            if !multi_line {
                prop_assert!(!text.contains('\n'), "single-line text has no line break: {:?}", text);
            }
        }
        if let Ok(day) = clean::clean_anniversary(&raw, order) {
            prop_assert_eq!(
                clean::clean_anniversary(&day, None), Ok(day),
                "a cleaned birthday is canonical"
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// An import reads a date it calls order-free before the whole file has decided its date
    /// columns' order: such a value must read the same under every order (as a date, a date
    /// and time, and a birthday), or an import would depend on when the pass ended.
    #[test]
    fn order_free_dates_read_the_same_in_every_order(
        raw in prop_oneof![
            "[0-9]{4}-[0-9]{1,2}\\PC{0,12}",
            "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}[ T/.-]?[0-9/.:-]{0,10}",
            "[0 /.:-]{1,10}",
            cellish(),
        ]
    ) {
        if clean::date_order_free(&raw) {
            let read = |order| (
                clean_date(&raw, order),
                clean_datetime(&raw, order),
                clean::clean_anniversary(&raw, order),
            );
            let free = read(None);
            for order in [DateOrder::Dmy, DateOrder::Mdy, DateOrder::Ymd] {
                prop_assert_eq!(&read(Some(order)), &free, "{:?} read {:?}", raw, order);
            }
        }
    }

    /// A column's profile made one value at a time is the profile of all of them, whatever
    /// the values (it keeps only a few examples).
    #[test]
    fn a_date_profile_keeps_a_few_examples(values in proptest::collection::vec(cellish(), 0..40)) {
        let profile = clean::profile_dates(values.iter().map(String::as_str));
        prop_assert!(profile.examples.len() <= 3);
        prop_assert_eq!(profile.ambiguous, !profile.examples.is_empty());
        prop_assert!(!(profile.ambiguous && profile.order.is_some()));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// A whole import (a dry run, so every row goes through cleaning, the row's country,
    /// several values in one cell, placeholders, matching and the store's rules) of rows made
    /// of arbitrary cells never panics and accounts for every row.
    #[test]
    fn an_import_of_arbitrary_cells_never_panics(
        rows in proptest::collection::vec(proptest::collection::vec(cellish(), 7), 1..6),
        country in countries(),
    ) {
        let f = crate::Fixture::new();
        let mut store = f.store;
        let path = f.dir.path().join("any.csv");
        let mut w = csv::Writer::from_path(&path).expect("write the file");
        w.write_record(["Name", "E-mail", "Phone", "Birthday", "Address", "Country", "Tags"])
            .expect("header");
        for row in &rows {
            w.write_record(row).expect("row");
        }
        w.flush().expect("flush");
        drop(w);
        let opts = kith::import::ImportOptions {
            dry_run: true,
            default_country: country.map(str::to_string),
            ..Default::default()
        };
        let report = kith::import::run(
            &mut store,
            &path,
            Kind::Contact,
            &opts,
            &mut |_| {},
            &std::sync::atomic::AtomicBool::new(false),
        );
        prop_assert!(report.is_ok(), "a well-formed CSV imports: {:?}", report.err());
        let counts = report.map(|r| r.counts).unwrap_or_default();
        prop_assert!(counts.adds_up(), "every row is accounted for: {:?}", counts);
        prop_assert_eq!(counts.rows, rows.len() as u64, "one outcome per row");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// A search query is user text too: any string at all (quotes, FTS5 operators, the index's
    /// own private-use markers, CJK) answers without a panic or an error.
    #[test]
    fn a_search_of_any_text_never_panics_or_fails(
        query in prop_oneof![
            "\\PC{0,12}",
            "[\"*^:()a-z李明茶叶 \u{E000}-\u{E004}\u{F0000}-\u{F0002}-]{0,10}",
        ],
    ) {
        let mut store = kith::Store::open_in_memory().unwrap();
        let company = store
            .create_record(Kind::Company, &crate::input(&[("name", "杭州茶叶有限公司")]))
            .unwrap();
        store
            .create_record(
                Kind::Contact,
                &crate::input(&[("first_name", "明"), ("last_name", "李"), ("company_id", &company.id)]),
            )
            .unwrap();
        prop_assert!(store.search(&query, 20, None).is_ok());
    }
}

/// A list filter's value as people type it in `--where` or a saved view: ranges, comparisons,
/// several choices, `none`, dates in any form, and any text at all.
fn filter_value() -> impl Strategy<Value = String> {
    prop_oneof![
        "(<=|>=|<|>)?\\PC{0,8}",
        "\\PC{0,6}\\.\\.\\PC{0,6}",
        "[a-z_]{0,10}(\\|[a-z_|]{0,10}){0,3}",
        "[0-9./-]{0,10}(\\.\\.[0-9./-]{0,10})?",
        "(none|NONE| |\\|\\||\\.\\.|\\.\\.\\.)",
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// A list filtered by any field of any kind (or a tag, or a name no kind has) with any
    /// value answers a page or refuses the value naming the field: never a panic, never a
    /// database error.
    #[test]
    fn a_list_filtered_by_any_value_answers_or_names_the_field(
        kind_index in 0..Kind::ALL.len(),
        field_index in any::<prop::sample::Index>(),
        raw in filter_value(),
    ) {
        let kind = Kind::ALL[kind_index];
        let mut names: Vec<&str> = kind.def().fields.iter().map(|f| f.name).collect();
        names.extend(["tag", "review", "no_such_field"]);
        let name = names[field_index.index(names.len())];
        let mut store = kith::Store::open_in_memory().unwrap();
        store
            .create_record(Kind::Contact, &crate::input(&[("first_name", "明"), ("last_name", "李")]))
            .unwrap();
        let query = kith::ListQuery {
            filters: [(name.to_string(), raw.clone())].into(),
            ..Default::default()
        };
        match store.list_records(kind, &query) {
            Ok(page) => prop_assert!(page.total >= page.rows.len() as u64),
            Err(kith::Error::Validation { issues }) => prop_assert!(
                issues.iter().any(|issue| issue.field == name),
                "the refusal of {name}={raw:?} names the field: {issues:?}"
            ),
            Err(other) => prop_assert!(false, "{name}={raw:?} on {kind}: {other}"),
        }
    }
}

/// A mapping's target as a user or a script may send it: one of the kind's, `ignore`, a custom
/// field with an odd name, or any text.
fn mapping_target(kind: Kind) -> impl Strategy<Value = String> {
    let known: Vec<String> = mapping::targets(kind).into_iter().map(|t| t.key).collect();
    prop_oneof![
        proptest::sample::select(known),
        Just("ignore".to_string()),
        cellish().prop_map(|name| format!("custom.{name}")),
        cellish(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// A mapping as the window or a script sends it (columns past the file, a header changed,
    /// a column twice, targets the kind lacks, odd custom names) is checked without a panic:
    /// accepted only when every column is mapped exactly once, else refused with each reason
    /// coded in the window's words.
    #[test]
    fn any_mapping_is_checked_without_panicking(
        (kind, targets) in (0..Kind::ALL.len()).prop_flat_map(|i| {
            let kind = Kind::ALL[i];
            (Just(kind), proptest::collection::vec(mapping_target(kind), 8))
        }),
        headers in proptest::collection::vec(cellish(), 0..6),
        picks in proptest::collection::vec(
            (0usize..8, any::<bool>(), any::<prop::sample::Index>()),
            0..8,
        ),
    ) {
        let mapping: Vec<mapping::ColumnMap> = picks
            .iter()
            .map(|(column, same_header, target)| mapping::ColumnMap {
                column: *column,
                header: match headers.get(*column) {
                    Some(h) if *same_header => h.clone(),
                    _ => "changed".into(),
                },
                target: targets[target.index(targets.len())].clone(),
                source: mapping::MapSource::User,
            })
            .collect();
        match mapping::check_mapping(kind, &headers, &mapping) {
            Ok(()) => {
                let mut columns: Vec<usize> = mapping.iter().map(|m| m.column).collect();
                columns.sort_unstable();
                prop_assert_eq!(columns, (0..headers.len()).collect::<Vec<_>>());
            }
            Err(issues) => {
                prop_assert!(!issues.is_empty());
                for issue in &issues {
                    let code = issue.code.as_ref();
                    prop_assert!(code.is_some(), "every refusal is coded: {:?}", issue);
                    prop_assert_eq!(code.map(ToString::to_string), Some(issue.reason.clone()));
                }
            }
        }
        // The same headers and targets as a saved mapping apply, or are refused, as plainly.
        let saved = mapping::SavedMapping {
            name: "saved".into(),
            kind,
            columns: headers
                .iter()
                .zip(&targets)
                .map(|(h, t)| (h.clone(), t.clone()))
                .collect(),
        };
        match mapping::apply_saved(kind, &headers, &saved) {
            Ok(map) => prop_assert_eq!(map.len(), headers.len()),
            Err(issues) => prop_assert!(issues.iter().all(|i| i.code.is_some()), "{:?}", issues),
        }
    }
}
