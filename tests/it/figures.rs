//! The analytics' stored figures: one refresh with progress, every customer's figures listed,
//! sorted and filtered in the contacts list, deal scores kept with their factors, the stored
//! reports the dashboard reads, and a refresh on its own connection leaving reads free.

use std::sync::mpsc;
use std::time::Duration;

use chrono::NaiveDate;
use kith::analytics::rfm::RfmNote;
use kith::analytics::segments::{ClusterName, SegmentNote};
use kith::analytics::{self, RefreshStep, STORED_ROWS, ValueNote};
use kith::demo::{self, DemoOptions, REFERENCE_DATE};
use kith::model::Said;
use kith::store::MetricSet;
use kith::{Error, Kind, ListQuery, Page, Store};

use crate::{Fixture, kith};

fn reference_day() -> Option<NaiveDate> {
    Some(NaiveDate::parse_from_str(REFERENCE_DATE, "%Y-%m-%d").unwrap())
}

/// A demo workspace of `contacts` with every analysis stored.
fn analysed(contacts: usize) -> Fixture {
    let mut f = Fixture::new();
    demo::fill(
        &mut f.store,
        &DemoOptions {
            contacts,
            seed: 11,
            reference: None,
        },
    )
    .unwrap();
    analytics::refresh(&mut f.store, reference_day(), &mut |_| {}).unwrap();
    f
}

fn contacts(store: &Store, sort: Option<&str>, desc: bool, filters: &[(&str, &str)]) -> Page {
    let mut q = ListQuery {
        sort: sort.map(String::from),
        desc,
        limit: 1000,
        ..ListQuery::default()
    };
    for (k, v) in filters {
        q.filters.insert((*k).into(), (*v).into());
    }
    store.list_records(Kind::Contact, &q).unwrap()
}

#[test]
fn a_refresh_reports_each_step_in_order_and_its_progress_only_grows_to_one() {
    let mut f = Fixture::new();
    demo::fill(
        &mut f.store,
        &DemoOptions {
            contacts: 300,
            seed: 5,
            reference: None,
        },
    )
    .unwrap();
    let mut seen = Vec::new();
    let summary = analytics::refresh(&mut f.store, reference_day(), &mut |p| {
        seen.push((p.step, p.index, p.total, p.fraction));
    })
    .unwrap();
    let steps: Vec<RefreshStep> = seen.iter().map(|s| s.0).fold(Vec::new(), |mut v, s| {
        if v.last() != Some(&s) {
            v.push(s);
        }
        v
    });
    assert_eq!(steps, RefreshStep::ALL, "every step once, in order");
    assert!(
        seen.windows(2).all(|w| w[1].3 >= w[0].3),
        "the fraction never goes back: {seen:?}"
    );
    assert_eq!(seen.first().map(|s| s.3), Some(0.0));
    assert!((seen.last().unwrap().3 - 1.0).abs() < 1e-9, "ends at 1");
    assert!(seen.iter().all(|s| s.2 == 4 && (1..=4).contains(&s.1)));
    assert!(
        seen.iter().filter(|s| s.0 == RefreshStep::Segments).count() > 2,
        "k-means reports between its start and end (one report per k tried)"
    );
    assert!(summary.customers > 0 && summary.valued == summary.customers);
    assert!(summary.open_deals > 0);
    assert_eq!(summary.took.len(), 4);
}

#[test]
fn the_contacts_list_carries_each_customers_figures_and_sorts_by_them() {
    let f = analysed(300);
    let by_value = contacts(&f.store, Some("clv_365"), true, &[]);
    let values: Vec<Option<f64>> = by_value
        .rows
        .iter()
        .map(|r| by_value.figures.get(&r.id).and_then(|x| x.clv_365))
        .collect();
    let valued = values.iter().take_while(|v| v.is_some()).count();
    assert!(valued > 50, "the valued customers come first: {valued}");
    assert!(
        values[valued..].iter().all(Option::is_none),
        "contacts without a value come last, not mixed in"
    );
    let numbers: Vec<f64> = values.iter().flatten().copied().collect();
    assert!(
        numbers.windows(2).all(|w| w[0] >= w[1]),
        "highest value first"
    );
    // Ascending keeps the contacts without a value last too.
    let up = contacts(&f.store, Some("clv_365"), false, &[]);
    let first = up.figures.get(&up.rows[0].id).and_then(|x| x.clv_365);
    assert_eq!(first, numbers.last().copied(), "lowest value first");

    // Each row's figures are the contact's own stored ones.
    let row = &by_value.rows[0];
    let own = f.store.customer_metrics(&row.id).unwrap().unwrap();
    let shown = &by_value.figures[&row.id];
    assert_eq!(shown.clv_365, own.clv_365);
    assert_eq!(shown.rfm_segment, own.rfm_segment);
    assert_eq!(shown.cluster, own.cluster);
    assert_eq!(
        shown.rfm,
        Some(format!(
            "{}{}{}",
            own.r.unwrap(),
            own.f.unwrap(),
            own.m.unwrap()
        ))
    );
    // Other kinds carry no figures.
    let deals = f
        .store
        .list_records(Kind::Deal, &ListQuery::default())
        .unwrap();
    assert!(!deals.rows.is_empty() && deals.figures.is_empty());
}

#[test]
fn contacts_filter_by_lead_score_and_value_with_comparisons() {
    let f = analysed(300);
    let all = contacts(&f.store, Some("lead_score"), true, &[]);
    let scores: Vec<u8> = all
        .rows
        .iter()
        .filter_map(|r| all.figures.get(&r.id).and_then(|x| x.lead_score))
        .collect();
    assert!(!scores.is_empty(), "contacts with open deals have a score");
    let cut = scores[scores.len() / 2];
    let high = contacts(
        &f.store,
        None,
        false,
        &[("lead_score", &format!(">= {cut}"))],
    );
    assert_eq!(
        high.total as usize,
        scores.iter().filter(|s| **s >= cut).count(),
        "the filter finds every contact at or above {cut}"
    );
    assert!(
        high.rows
            .iter()
            .all(|r| high.figures[&r.id].lead_score >= Some(cut))
    );
    let low = contacts(&f.store, None, false, &[("lead_score", &format!("<{cut}"))]);
    assert_eq!(
        (low.total + high.total) as usize,
        scores.len(),
        "< and >= split the scored contacts"
    );
    let exact = contacts(&f.store, None, false, &[("lead_score", &cut.to_string())]);
    assert_eq!(
        exact.total as usize,
        scores.iter().filter(|s| **s == cut).count()
    );
    let rich = contacts(
        &f.store,
        None,
        false,
        &[("clv_365", ">1000"), ("rfm_segment", "Champions")],
    );
    assert!(rich.rows.iter().all(|r| {
        let x = &rich.figures[&r.id];
        x.clv_365.unwrap() > 1000.0 && x.rfm_segment.as_deref() == Some("Champions")
    }));

    let mut q = ListQuery::default();
    q.filters.insert("lead_score".into(), "high".into());
    match f.store.list_records(Kind::Contact, &q) {
        Err(Error::Validation { issues }) => {
            assert_eq!(issues[0].field, "lead_score");
            assert!(
                issues[0].reason.contains("'high' is not a number"),
                "{issues:?}"
            );
        }
        other => panic!("a filter that is not a number is refused: {other:?}"),
    }
}

#[test]
fn every_open_deal_keeps_its_score_and_a_contact_the_best_of_its_deals() {
    let mut f = Fixture::new();
    demo::fill(
        &mut f.store,
        &DemoOptions {
            contacts: 300,
            seed: 3,
            reference: None,
        },
    )
    .unwrap();
    let view = analytics::lead_scores(&mut f.store, reference_day()).unwrap();
    assert_eq!(view.open_deals, view.deals.len());
    let mut best = std::collections::HashMap::<String, u8>::new();
    for d in &view.deals {
        let stored = analytics::deal_score(&f.store, &d.score.deal_id)
            .unwrap()
            .expect("every open deal's score is stored");
        assert_eq!(stored.deal.score, d.score, "the same score and factors");
        assert_eq!(stored.method, view.method);
        let deal = f.store.get_record(Kind::Deal, &d.score.deal_id).unwrap();
        if let Some(kith::Value::Text(c)) = deal.values.get("contact_id") {
            let b = best.entry(c.clone()).or_default();
            *b = (*b).max(d.score.score);
        }
    }
    for (contact, score) in &best {
        let figures = f.store.customer_metrics(contact).unwrap().unwrap();
        assert_eq!(
            figures.lead_score,
            Some(*score),
            "the best of its open deals"
        );
        assert_eq!(figures.scores_as_of, reference_day());
    }
    // A closed deal has no stored score.
    let won = contacts_of_kind(&f.store, Kind::Deal, "stage", "won");
    assert!(analytics::deal_score(&f.store, &won).unwrap().is_none());
}

fn contacts_of_kind(store: &Store, kind: Kind, field: &str, value: &str) -> String {
    let mut q = ListQuery::default();
    q.filters.insert(field.into(), value.into());
    store.list_records(kind, &q).unwrap().rows[0].id.clone()
}

#[test]
fn stored_reports_keep_the_first_rows_and_the_full_counts() {
    let mut f = analysed(400);
    let clv = analytics::stored_report(&mut f.store, "clv")
        .unwrap()
        .unwrap();
    let report: serde_json::Value = serde_json::from_str(&clv.report).unwrap();
    let customers = report["customers"].as_u64().unwrap() as usize;
    let values = report["values"].as_array().unwrap();
    assert!(
        customers > STORED_ROWS,
        "the demo has more customers than a report keeps"
    );
    assert_eq!(values.len(), STORED_ROWS);
    assert_eq!(clv.as_of, reference_day().unwrap());
    let rfm: serde_json::Value = serde_json::from_str(
        &analytics::stored_report(&mut f.store, "rfm")
            .unwrap()
            .unwrap()
            .report,
    )
    .unwrap();
    assert_eq!(rfm["scored"].as_u64().unwrap() as usize, customers);
    assert_eq!(rfm["customers"].as_array().unwrap().len(), STORED_ROWS);
    let segments: serde_json::Value = serde_json::from_str(
        &analytics::stored_report(&mut f.store, "segments")
            .unwrap()
            .unwrap()
            .report,
    )
    .unwrap();
    assert!(segments["assignments"].as_array().unwrap().is_empty());
    assert!(!segments["clusters"].as_array().unwrap().is_empty());
    assert!(
        analytics::stored_report(&mut f.store, "scores")
            .unwrap()
            .is_some()
    );
    match analytics::stored_report(&mut f.store, "churn") {
        Err(Error::Validation { issues }) => {
            assert!(
                issues[0].reason.contains("rfm, segments, clv, scores"),
                "{issues:?}"
            );
        }
        other => panic!("an unknown analysis is refused: {other:?}"),
    }
    let mut fresh = Fixture::new();
    assert!(
        analytics::stored_report(&mut fresh.store, "clv")
            .unwrap()
            .is_none()
    );
}

#[test]
fn a_contacts_figures_carry_its_clusters_name_as_a_code() {
    let f = analysed(200);
    let page = contacts(&f.store, None, false, &[]);
    let mut seen = 0;
    for row in &page.rows {
        let Some(figures) = analytics::stored_figures(&f.store, &row.id).unwrap() else {
            continue;
        };
        match (&figures.figures.cluster, &figures.cluster_code) {
            (Some(name), Some(code)) => {
                assert_eq!(
                    &code.to_string(),
                    name,
                    "the code says the name the figure stores, which the list filters by"
                );
                seen += 1;
            }
            (None, None) => {}
            other => panic!("a cluster and its code go together: {other:?}"),
        }
    }
    assert!(seen > 0, "the demo's customers are in clusters");
    assert!(
        analytics::stored_figures(&Fixture::new().store, "nobody")
            .unwrap()
            .is_none(),
        "no figures before any run"
    );
}

/// The name of a stored segment report's first cluster.
fn report_cluster_name(report: &str) -> String {
    let report: serde_json::Value = serde_json::from_str(report).unwrap();
    report["clusters"][0]["name"].as_str().unwrap().to_owned()
}

#[test]
fn a_report_stored_before_notes_had_codes_is_rerun_when_read() {
    // A workspace of one-time buyers: every analysis has notes (thin RFM data, one segment, no
    // lifetime-value model).
    let mut f = Fixture::new();
    demo::fill(
        &mut f.store,
        &DemoOptions {
            contacts: 12,
            seed: 5,
            reference: None,
        },
    )
    .unwrap();
    analytics::refresh(&mut f.store, reference_day(), &mut |_| {}).unwrap();
    // Store each report as an older version wrote it: notes as plain words, no name codes.
    for (set, name) in [
        (MetricSet::Rfm, "rfm"),
        (MetricSet::Segments, "segments"),
        (MetricSet::Clv, "clv"),
    ] {
        let run = f.store.analytics_run(name).unwrap().unwrap();
        let mut old: serde_json::Value = serde_json::from_str(&run.report).unwrap();
        let words = |note: &serde_json::Value| note["text"].clone();
        if let Some(thin) = old.get_mut("thin_data").filter(|t| !t.is_null()) {
            *thin = words(thin);
        }
        if let Some(notes) = old.get_mut("notes").and_then(|n| n.as_array_mut()) {
            for note in notes.iter_mut() {
                *note = words(note);
            }
        }
        if let Some(clusters) = old.get_mut("clusters").and_then(|c| c.as_array_mut()) {
            for cluster in clusters.iter_mut() {
                cluster.as_object_mut().unwrap().remove("code");
            }
        }
        f.store
            .save_metrics(set, run.as_of, &[], &old.to_string())
            .unwrap();
    }
    let clv = analytics::stored_report(&mut f.store, "clv")
        .unwrap()
        .unwrap();
    assert_eq!(
        clv.as_of,
        reference_day().unwrap(),
        "rerun as of its own day"
    );
    let report: serde_json::Value = serde_json::from_str(&clv.report).unwrap();
    let notes: Vec<Said<ValueNote>> = serde_json::from_value(report["notes"].clone())
        .expect("the rerun report's notes read as coded notes");
    assert!(!notes.is_empty(), "one-time buyers give the value notes");
    let segments = analytics::stored_report(&mut f.store, "segments")
        .unwrap()
        .unwrap();
    let report: serde_json::Value = serde_json::from_str(&segments.report).unwrap();
    let notes: Vec<Said<SegmentNote>> =
        serde_json::from_value(report["notes"].clone()).expect("coded segment notes");
    let codes: Vec<ClusterName> = report["clusters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| serde_json::from_value(c["code"].clone()).expect("each cluster has its code"))
        .collect();
    assert!(!codes.is_empty(), "{notes:?}");
    let rfm = analytics::stored_report(&mut f.store, "rfm")
        .unwrap()
        .unwrap();
    let report: serde_json::Value = serde_json::from_str(&rfm.report).unwrap();
    let thin: Option<Said<RfmNote>> =
        serde_json::from_value(report["thin_data"].clone()).expect("coded thin-data note");
    assert!(thin.is_some(), "12 customers are thin data");
    let first = report_cluster_name(&segments.report);
    assert!(
        contacts(&f.store, None, false, &[("cluster", &first)]).total > 0,
        "the rerun stored every customer's cluster again, by its English name"
    );
    // A current report is returned as stored, not rerun.
    let again = analytics::stored_report(&mut f.store, "clv")
        .unwrap()
        .unwrap();
    assert_eq!(again.computed_at, clv.computed_at);
    assert_eq!(again.report, clv.report);
}

#[test]
fn a_refresh_on_its_own_connection_leaves_the_app_connection_free_to_read() {
    let mut f = Fixture::new();
    demo::fill(
        &mut f.store,
        &DemoOptions {
            contacts: 300,
            seed: 9,
            reference: None,
        },
    )
    .unwrap();
    let mut own = f.store.reopen().unwrap().expect("a file database reopens");
    let (started_tx, started) = mpsc::channel();
    let (read_tx, read) = mpsc::channel::<()>();
    let worker = std::thread::spawn(move || {
        let mut signalled = false;
        analytics::refresh(&mut own, reference_day(), &mut |p| {
            // Midway through k-means (RFM already saved), let the app read, and wait for it.
            if p.step == RefreshStep::Segments && !signalled {
                signalled = true;
                started_tx.send(()).unwrap();
                read.recv_timeout(Duration::from_secs(60))
                    .expect("the app's read finished while the refresh was running");
            }
        })
    });
    started
        .recv_timeout(Duration::from_secs(120))
        .expect("the refresh reached k-means");
    let page = contacts(&f.store, Some("rfm_segment"), false, &[]);
    assert_eq!(page.total, 300, "the list reads while the refresh runs");
    assert!(
        !page.figures.is_empty(),
        "and already sees the RFM scores the refresh saved"
    );
    read_tx.send(()).unwrap();
    let summary = worker.join().unwrap().unwrap();
    assert_eq!(summary.took.len(), 4);
    // What the refresh stored is what the app connection reads.
    assert!(
        analytics::stored_report(&mut f.store, "scores")
            .unwrap()
            .is_some()
    );
}

#[test]
fn cli_analyze_all_stores_figures_the_contact_list_shows() {
    let f = Fixture::new();
    let db = f.path();
    drop(f.store);
    let out = kith(
        &db,
        &["demo", "--contacts", "200", "--as-of", REFERENCE_DATE],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains(REFERENCE_DATE), "{}", out.stdout);
    let out = kith(&db, &["analyze", "all", "--as-of", REFERENCE_DATE]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("customers scored"), "{}", out.stdout);
    assert!(
        out.stderr.contains("Lead scores (4 of 4)"),
        "progress on stderr: {}",
        out.stderr
    );
    let out = kith(
        &db,
        &[
            "contact", "list", "--sort", "clv_365", "--desc", "--limit", "3",
        ],
    );
    assert!(
        out.stdout.contains("Value (1 y)") && out.stdout.contains("Lead score"),
        "{}",
        out.stdout
    );
    let out = kith(&db, &["contact", "list", "--where", "clv_365=lots"]);
    assert_ne!(out.code, 0);
    assert!(
        out.stderr.contains("clv_365") && out.stderr.contains("'lots'"),
        "{}",
        out.stderr
    );
}
