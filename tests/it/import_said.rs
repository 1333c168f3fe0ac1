//! The import's words carry codes the window says in its language: a file's warnings
//! (`ReadNote`), the report's notes (`ImportNote`) and why each row was skipped, rejected or
//! matched (`RowReason`), beside the English the CLI prints, which stays as it was. A batch's
//! kept rows keep their code in the store.

use std::path::Path;
use std::sync::atomic::AtomicBool;

use kith::IssueCode;
use kith::import::{
    self, ImportNote, ImportOptions, ImportReport, MatchBy, MatchedRecord, Outcome, ReadNote,
    RowReason,
};
use kith::{Kind, Store};

use crate::Fixture;

/// A title row, a placeholder, a row too wide, a totals row, a row already imported, and a
/// row with nothing that identifies anyone.
const FILE: &str = "Customer list 2024\n\
First Name,Last Name,Email,Phone,Company\n\
Ann,Lee,ann@example.com,,\n\
Wei,Zhang,n/a,,\n\
Bob,Fake,bob@x.com,a,b,c,d\n\
Total,,,,3\n\
Ann,Lee,ann@example.com,,\n\
,,,call me,\n";

fn run(store: &mut Store, path: &Path) -> ImportReport {
    import::run(
        store,
        path,
        Kind::Contact,
        &ImportOptions::default(),
        &mut |_| {},
        &AtomicBool::new(false),
    )
    .unwrap_or_else(|e| panic!("import failed: {e}"))
}

fn reason(report: &ImportReport, line: u64) -> (Outcome, &RowReason, &str) {
    let row = report
        .rows
        .iter()
        .find(|r| r.line == line)
        .unwrap_or_else(|| panic!("line {line} is listed: {:#?}", report.rows));
    (row.outcome, &row.reason.code, row.reason.text.as_str())
}

#[test]
fn the_reports_words_carry_their_codes_beside_the_english() {
    let mut f = Fixture::new();
    let path = f.dir.path().join("list.csv");
    std::fs::write(&path, FILE).unwrap();
    let r = run(&mut f.store, &path);

    // The file's warning: the title row passed over above the header.
    assert_eq!(
        r.warnings
            .iter()
            .map(|w| (&w.code, w.text.as_str()))
            .collect::<Vec<_>>(),
        [(
            &ReadNote::SkippedAboveHeader {
                count: 1,
                first: 1,
                last: 1,
                sheet: false
            },
            "1 row above the header (line 1) was skipped"
        )],
        "the title row is said by its code, in the same English as before"
    );
    // The report's note: the placeholder read as empty.
    assert_eq!(
        r.notes
            .iter()
            .map(|n| (&n.code, n.text.as_str()))
            .collect::<Vec<_>>(),
        [(
            &ImportNote::Placeholders {
                header: "Email".into(),
                count: 1,
                seen: vec!["n/a".into()]
            },
            "Email: 1 placeholder ('n/a') read as empty"
        )],
        "the placeholder note names its column, count and text as values"
    );

    // The rows: a row too wide is rejected, a totals row skipped, a repeat of an earlier row
    // skipped as up to date, a row that identifies no one refused with its issue's code.
    assert_eq!(
        reason(&r, 5),
        (
            Outcome::Rejected,
            &RowReason::CellCount {
                cells: 7,
                columns: 5
            },
            "has 7 cells but the header has 5 columns"
        )
    );
    assert_eq!(
        reason(&r, 6),
        (Outcome::Skipped, &RowReason::TotalRow, "total row")
    );
    assert_eq!(
        reason(&r, 7),
        (
            Outcome::Skipped,
            &RowReason::UpToDate(MatchedRecord {
                title: "Ann Lee".into(),
                from_line: Some(3),
                by: MatchBy::Email,
                score: 100,
            }),
            "already up to date: same as 'Ann Lee' from line 3 (by email)"
        ),
        "the match is named by its record, line and key"
    );
    let (outcome, code, text) = reason(&r, 8);
    assert_eq!(outcome, Outcome::Rejected);
    match code {
        RowReason::Refused { issues } => {
            assert!(
                matches!(
                    issues.as_slice(),
                    [issue] if matches!(issue.code, Some(IssueCode::NothingIdentifies { .. }))
                ),
                "the refusal keeps its issue's own code: {issues:?}"
            );
            assert!(text.starts_with("row: nothing identifies anyone"), "{text}");
        }
        other => panic!("line 8 is refused for its values: {other:?}"),
    }

    // Kept with the batch: each skipped or rejected row with its code, read back from the
    // store as it was written.
    let kept = f.store.import_rows(r.batch.as_deref().unwrap()).unwrap();
    assert_eq!(
        kept.iter()
            .map(|k| (k.line, k.reason.as_str(), k.code.clone()))
            .collect::<Vec<_>>(),
        r.rows
            .iter()
            .filter(|row| matches!(row.outcome, Outcome::Skipped | Outcome::Rejected))
            .map(|row| (
                row.line,
                row.reason.text.as_str(),
                Some(row.reason.code.clone())
            ))
            .collect::<Vec<_>>(),
        "the stored rows keep their English and their code"
    );
    assert_eq!(kept.len(), 4, "lines 5 to 8: {kept:#?}");
}

#[test]
fn said_words_serialize_as_text_beside_a_tagged_code() {
    let said: kith::model::Said<RowReason> = RowReason::CellCount {
        cells: 7,
        columns: 5,
    }
    .into();
    assert_eq!(
        serde_json::to_value(&said).unwrap(),
        serde_json::json!({
            "text": "has 7 cells but the header has 5 columns",
            "code": { "code": "cell_count", "cells": 7, "columns": 5 }
        }),
        "the UI reads the code's tag and values beside the English"
    );
    let matched = RowReason::Duplicate(MatchedRecord {
        title: "Ann Lee".into(),
        from_line: None,
        by: MatchBy::Name,
        score: 91,
    });
    let json = serde_json::to_value(&matched).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "code": "duplicate", "title": "Ann Lee", "from_line": null, "by": "name", "score": 91
        }),
        "a match's fields sit beside its tag"
    );
    assert_eq!(
        serde_json::from_value::<RowReason>(json).unwrap(),
        matched,
        "a stored code reads back as written"
    );
    assert_eq!(
        matched.to_string(),
        "duplicate of 'Ann Lee' (by a similar name (score 91))"
    );
}
