//! Analytics over a real database: what counts as a purchase, lifetime value on the demo
//! workspace, and thin or odd data explained instead of NaN.

use chrono::NaiveDate;
use kith::analytics::{self, ValueNote, ValueOptions};
use kith::demo::{self, DemoOptions, REFERENCE_DATE};
use kith::model::Said;
use kith::{Kind, Store};

use crate::{Fixture, input, kith};

fn as_of(day: &str) -> ValueOptions {
    ValueOptions {
        as_of: Some(NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap()),
        ..ValueOptions::default()
    }
}

fn contact(store: &mut Store, name: &str) -> String {
    store
        .create_record(Kind::Contact, &input(&[("first_name", name)]))
        .unwrap()
        .id
}

fn order(store: &mut Store, contact: &str, number: &str, day: &str, total: &str, status: &str) {
    store
        .create_record(
            Kind::Order,
            &input(&[
                ("number", number),
                ("contact_id", contact),
                ("ordered_on", day),
                ("total", total),
                ("status", status),
            ]),
        )
        .unwrap();
}

#[test]
fn purchases_leave_out_drafts_cancelled_and_refunded_orders_and_count_them() {
    let mut f = Fixture::new();
    let ann = contact(&mut f.store, "Ann");
    order(&mut f.store, &ann, "1", "2026-01-05", "100", "paid");
    order(&mut f.store, &ann, "2", "2026-02-05", "50", "draft");
    order(&mut f.store, &ann, "3", "2026-03-05", "70", "cancelled");
    order(&mut f.store, &ann, "4", "2026-04-05", "80", "refunded");
    order(&mut f.store, &ann, "5", "2026-05-05", "90", "delivered");
    let p = f.store.purchases().unwrap();
    let amounts: Vec<f64> = p.orders.iter().map(|o| o.amount).collect();
    assert_eq!(
        amounts,
        vec![100.0, 90.0],
        "only orders whose sale stands are purchases, in major units"
    );
    assert_eq!(p.not_sales, 3, "the three others are counted, not dropped");
}

#[test]
fn no_orders_gives_an_explanation_not_an_error() {
    let mut f = Fixture::new();
    let r = analytics::customer_value(&mut f.store, &as_of("2026-11-01")).unwrap();
    assert!(r.values.is_empty() && r.purchase_model.is_none());
    assert_eq!(
        r.notes[0].code,
        ValueNote::NoPurchases,
        "the first note says why there is nothing: {:?}",
        r.notes
    );
    assert!(r.notes[0].text.contains("no purchases"), "the CLI's words");
}

#[test]
fn a_model_that_cannot_be_fitted_is_said_in_the_errors_words_with_its_code() {
    use kith::analytics::clv::ClvError;
    let errors = [
        ClvError::NotEnoughRepeatCustomers {
            model: "BG/NBD",
            needed: 2,
            have: 0,
        },
        ClvError::NoVariation {
            model: "Gamma-Gamma",
        },
        ClvError::NoObservationTime,
        ClvError::NotIdentifiable {
            model: "BG/NBD",
            parameter: "a",
            direction: "zero",
        },
        ClvError::DidNotConverge {
            model: "BG/NBD",
            iterations: 500,
        },
    ];
    for e in &errors {
        let note = ValueNote::from(e);
        assert!(
            !matches!(note, ValueNote::FitFailed { .. }),
            "each way a fit fails has its own code, which the window says: {e:?}"
        );
        assert_eq!(
            note.to_string(),
            e.to_string(),
            "the CLI prints the error's own words"
        );
    }
    let json = serde_json::to_value(Said::new(ValueNote::from(&errors[3]))).unwrap();
    assert_eq!(
        json["code"],
        serde_json::json!({ "code": "not_identifiable", "model": "BG/NBD", "parameter": "a", "direction": "zero" }),
        "the window reads the code tagged, with its values"
    );
}

#[test]
fn one_time_buyers_only_say_the_model_needs_repeat_purchases() {
    let mut f = Fixture::new();
    for (i, name) in ["Ann", "Bob", "Cai"].iter().enumerate() {
        let id = contact(&mut f.store, name);
        order(
            &mut f.store,
            &id,
            &i.to_string(),
            "2026-03-01",
            "10",
            "paid",
        );
    }
    let r = analytics::customer_value(&mut f.store, &as_of("2026-11-01")).unwrap();
    assert_eq!((r.customers, r.repeat_customers), (3, 0));
    assert!(r.values.is_empty(), "no model, so no made-up values");
    assert!(
        matches!(
            &r.notes[0].code,
            ValueNote::NotEnoughRepeatCustomers { have: 0, needed, .. } if *needed > 0
        ),
        "the note names what is missing, with how many there are: {:?}",
        r.notes
    );
    assert!(
        r.notes[0].text.contains("repeat purchase"),
        "the CLI's words"
    );
}

#[test]
fn demo_workspace_gets_a_finite_value_for_every_customer() {
    let mut f = Fixture::new();
    demo::fill(
        &mut f.store,
        &DemoOptions {
            contacts: 300,
            seed: 7,
            reference: None,
        },
    )
    .unwrap();
    let r = analytics::customer_value(&mut f.store, &as_of(REFERENCE_DATE)).unwrap();
    assert!(
        r.purchase_model.is_some() && r.spend_model.is_some(),
        "two years of demo orders fit both models: {:?}",
        r.notes
    );
    assert_eq!(
        r.values.len(),
        r.customers,
        "every customer with a purchase is valued"
    );
    for v in &r.values {
        assert!(
            (0.0..=1.0).contains(&v.p_alive)
                && [
                    v.purchases_90,
                    v.purchases_365,
                    v.spend_per_purchase,
                    v.clv_90,
                    v.clv_365
                ]
                .iter()
                .all(|x| x.is_finite() && *x >= 0.0),
            "finite, non-negative figures for {}: {v:?}",
            v.name
        );
        assert!(
            v.purchases_365 >= v.purchases_90 && v.clv_365 >= v.clv_90,
            "a longer horizon never expects less: {v:?}"
        );
    }
    assert!(
        r.values.windows(2).all(|w| w[0].clv_365 >= w[1].clv_365),
        "most valuable first"
    );
    assert!(
        r.values
            .iter()
            .all(|v| !v.name.is_empty() && v.name != "(deleted contact)")
    );
}

#[test]
fn cli_analyze_clv_prints_a_table_and_json() {
    let mut f = Fixture::new();
    demo::fill(
        &mut f.store,
        &DemoOptions {
            contacts: 150,
            seed: 3,
            reference: None,
        },
    )
    .unwrap();
    let text = kith(
        &f.path(),
        &["analyze", "clv", "--as-of", REFERENCE_DATE, "--limit", "5"],
    );
    assert_eq!(text.code, 0, "{}", text.stderr);
    assert!(text.stdout.contains("CLV 365 d") && text.stdout.contains("Purchase model"));
    let json = kith(
        &f.path(),
        &["analyze", "clv", "--as-of", REFERENCE_DATE, "--json"],
    );
    let v: serde_json::Value = serde_json::from_str(&json.stdout).expect("one JSON document");
    assert_eq!(v["as_of"], REFERENCE_DATE);
    assert!(v["values"].as_array().is_some_and(|a| !a.is_empty()));
    let bad = kith(&f.path(), &["analyze", "clv", "--as-of", "yesterday"]);
    assert_eq!(
        bad.code, 1,
        "a bad date is invalid input (exit 1, as for every validation error)"
    );
    assert!(bad.stderr.contains("yesterday"), "{}", bad.stderr);
}

#[test]
fn rfm_segments_and_clv_are_stored_per_customer() {
    let mut f = Fixture::new();
    demo::fill(
        &mut f.store,
        &DemoOptions {
            contacts: 300,
            seed: 11,
            reference: None,
        },
    )
    .unwrap();
    let day = Some(NaiveDate::parse_from_str(REFERENCE_DATE, "%Y-%m-%d").unwrap());
    let rfm = analytics::rfm_scores(&mut f.store, day).unwrap();
    let seg = analytics::customer_segments(&mut f.store, day, Some(3)).unwrap();
    let clv = analytics::customer_value(&mut f.store, &as_of(REFERENCE_DATE)).unwrap();
    assert_eq!(seg.segmentation.k, 3, "k as asked");
    let counted: usize = rfm.segments.iter().map(|s| s.count).sum();
    assert_eq!(
        counted,
        rfm.customers.len(),
        "every scored customer is in one segment"
    );
    let best = &rfm.customers[0];
    let stored = f
        .store
        .customer_metrics(&best.score.id)
        .unwrap()
        .expect("stored");
    assert_eq!(
        stored.rfm_segment.as_deref(),
        Some(best.score.segment.label())
    );
    assert_eq!(
        stored.rfm_segment_description.as_deref(),
        Some(best.score.segment.description()),
        "the segment is explained with the figures"
    );
    assert_eq!(stored.r, Some(best.score.r));
    assert_eq!(
        stored.spend,
        Some(best.score.monetary_cents as f64 / 100.0),
        "spend in major units"
    );
    let cluster = stored.cluster.as_deref().expect("a cluster name");
    assert!(
        seg.segmentation.clusters.iter().any(|c| c.name == cluster),
        "the stored cluster is one of the run's: {cluster}"
    );
    let valued = clv
        .values
        .iter()
        .find(|v| v.contact_id == best.score.id)
        .unwrap();
    assert_eq!(stored.clv_365, Some(valued.clv_365));
    assert!(f.store.analytics_run("segments").unwrap().is_some());

    // With no orders at all the runs explain themselves instead of failing.
    let mut empty = Fixture::new();
    let again = analytics::rfm_scores(&mut empty.store, day).unwrap();
    assert!(again.customers.is_empty() && again.thin_data.is_some());
    let seg = analytics::customer_segments(&mut empty.store, day, None).unwrap();
    assert!(seg.segmentation.clusters.is_empty() && !seg.segmentation.notes.is_empty());
}

#[test]
fn cli_analyze_rfm_and_segments() {
    let mut f = Fixture::new();
    demo::fill(
        &mut f.store,
        &DemoOptions {
            contacts: 150,
            seed: 5,
            reference: None,
        },
    )
    .unwrap();
    let rfm = kith(&f.path(), &["analyze", "rfm", "--as-of", REFERENCE_DATE]);
    assert_eq!(rfm.code, 0, "{}", rfm.stderr);
    for segment in ["Champions", "Hibernating", "Can't Lose"] {
        assert!(
            rfm.stdout.contains(segment),
            "every segment is listed: {segment}"
        );
    }
    let seg = kith(
        &f.path(),
        &["analyze", "segments", "--as-of", REFERENCE_DATE, "--json"],
    );
    assert_eq!(seg.code, 0, "{}", seg.stderr);
    let v: serde_json::Value = serde_json::from_str(&seg.stdout).unwrap();
    let k = v["k"].as_u64().unwrap();
    assert!(
        (2..=8).contains(&k),
        "k chosen by silhouette within 2..8: {k}"
    );
    assert_eq!(v["clusters"].as_array().unwrap().len() as u64, k);
}

fn deal(store: &mut Store, title: &str, pairs: &[(&str, &str)]) -> String {
    let mut all = vec![("title", title)];
    all.extend_from_slice(pairs);
    store.create_record(Kind::Deal, &input(&all)).unwrap().id
}

#[test]
fn forecast_weighs_open_deals_by_stage_and_puts_won_revenue_in_its_month() {
    let mut f = Fixture::new();
    let s = &mut f.store;
    deal(
        s,
        "A",
        &[
            ("stage", "proposal"),
            ("value", "1000"),
            ("expected_close", "2026-12-10"),
        ],
    );
    deal(
        s,
        "B",
        &[
            ("stage", "lead"),
            ("value", "500"),
            ("expected_close", "2026-12-20"),
        ],
    );
    deal(s, "C", &[("stage", "negotiation"), ("value", "200")]);
    for (month, value) in [
        ("2026-08-05", "100"),
        ("2026-09-05", "200"),
        ("2026-10-05", "300"),
    ] {
        deal(
            s,
            month,
            &[("stage", "won"), ("value", value), ("closed_on", month)],
        );
    }
    let v = analytics::forecast(&f.store, as_of("2026-11-01").as_of).unwrap();
    let dec = v
        .months
        .iter()
        .find(|m| m.month == "2026-12")
        .expect("December is there");
    assert_eq!(dec.deals, 2);
    assert!(
        (dec.weighted - (1000.0 * 0.5 + 500.0 * 0.1)).abs() < 1e-9,
        "value × stage probability: {}",
        dec.weighted
    );
    assert_eq!(
        v.undated_deals, 1,
        "the deal without a close date is counted, not placed"
    );
    let won: Vec<f64> = v
        .months
        .iter()
        .filter(|m| m.month.as_str() <= "2026-10")
        .map(|m| m.won)
        .collect();
    assert_eq!(won, vec![100.0, 200.0, 300.0]);
    let slope = v.trend_per_month.expect("three months give a trend");
    assert!(
        (slope - 100.0).abs() < 1e-9,
        "won revenue grows 100 a month: {slope}"
    );
    assert!(
        v.months.iter().any(|m| m.month == "2026-11"),
        "months are contiguous"
    );
}

#[test]
fn lead_scores_are_rule_based_with_few_closed_deals_and_learned_with_enough() {
    let mut f = Fixture::new();
    deal(
        &mut f.store,
        "Open",
        &[("stage", "proposal"), ("value", "100")],
    );
    deal(&mut f.store, "Won", &[("stage", "won"), ("value", "100")]);
    let v = analytics::lead_scores(&mut f.store, None).unwrap();
    let json = serde_json::to_value(&v).unwrap();
    assert!(
        json["method"].to_string().contains("rule"),
        "two deals cannot train a model: {}",
        json["method"]
    );
    assert_eq!(v.deals.len(), 1, "only open deals are scored");
    assert!(v.deals[0].score.rule_based && v.deals[0].score.score <= 100);

    // 24 closed deals, won ones with meetings: enough to learn from.
    for i in 0..24 {
        let won = i % 2 == 0;
        let id = deal(
            &mut f.store,
            &format!("Closed {i}"),
            &[
                ("stage", if won { "won" } else { "lost" }),
                ("value", "100"),
            ],
        );
        for _ in 0..if won { 3 } else { 0 } {
            f.store
                .create_record(
                    Kind::Activity,
                    &input(&[("kind", "meeting"), ("subject", "Visit"), ("deal_id", &id)]),
                )
                .unwrap();
        }
    }
    let v = analytics::lead_scores(&mut f.store, None).unwrap();
    assert!(
        matches!(
            v.method,
            kith::analytics::lead_score::ScoreMethod::Learned { .. }
        ),
        "12 won and 12 lost deals are enough to learn from: {:?}",
        v.method
    );
    assert!(!v.deals.is_empty());
    assert!(
        v.deals
            .windows(2)
            .all(|w| w[0].score.score >= w[1].score.score),
        "highest first"
    );
    assert!(
        v.deals
            .iter()
            .all(|d| !d.score.raised_by.is_empty() || !d.score.lowered_by.is_empty()),
        "every score comes with its factors"
    );
}

#[test]
fn satisfaction_counts_csat_and_nps_and_surfaces_negative_text() {
    let mut f = Fixture::new();
    let empty = analytics::satisfaction_report(&f.store, None, 90).unwrap();
    assert_eq!(empty.csat.overall.responses, 0);
    assert!(empty.csat.overall.average.is_none(), "no made-up average");
    let s = &mut f.store;
    for (rating, nps, comment) in [
        ("5", "10", "Excellent service, very helpful team"),
        ("4", "9", "Good quality"),
        ("1", "2", "The package arrived damaged and nobody answered"),
        ("2", "6", "物流太慢了，很不满意"),
        ("1", "0", "The package arrived damaged and nobody answered"),
    ] {
        s.create_record(
            Kind::Feedback,
            &input(&[
                ("rating", rating),
                ("nps", nps),
                ("comment", comment),
                ("received_at", "2026-10-20"),
            ]),
        )
        .unwrap();
    }
    let v = analytics::satisfaction_report(&f.store, as_of("2026-11-01").as_of, 90).unwrap();
    assert_eq!(v.csat.overall.average, Some(2.6));
    assert_eq!(
        v.nps.overall.nps,
        Some(-20.0),
        "2 promoters, 3 detractors of 5"
    );
    assert_eq!(
        v.sentiment_counts[0] + v.sentiment_counts[1] + v.sentiment_counts[2],
        5,
        "every text counted, repeats too"
    );
    let damaged: Vec<_> = v
        .most_negative
        .iter()
        .filter(|t| t.text.contains("damaged"))
        .collect();
    assert_eq!(damaged.len(), 1, "a repeated complaint is listed once");
    assert_eq!(damaged[0].times, 2, "with how often it was said");
    let negative: Vec<&str> = v.most_negative.iter().map(|t| t.text.as_str()).collect();
    assert!(
        negative.iter().any(|t| t.contains("damaged"))
            && negative.iter().any(|t| t.contains("不满意")),
        "negative English and Chinese feedback is surfaced: {negative:?}"
    );
    assert!(
        v.classifier_note.is_some(),
        "no categorised tickets: says why there are no suggestions"
    );
}

#[test]
fn cli_analyze_scores_forecast_and_satisfaction_run_on_the_demo() {
    let mut f = Fixture::new();
    demo::fill(
        &mut f.store,
        &DemoOptions {
            contacts: 150,
            seed: 9,
            reference: None,
        },
    )
    .unwrap();
    for (what, expect) in [
        ("scores", "Lead scores"),
        ("forecast", "weighted pipeline"),
        ("satisfaction", "CSAT"),
    ] {
        let run = kith(&f.path(), &["analyze", what, "--as-of", REFERENCE_DATE]);
        assert_eq!(run.code, 0, "{what}: {}", run.stderr);
        assert!(run.stdout.contains(expect), "{what}: {}", run.stdout);
        let json = kith(
            &f.path(),
            &["analyze", what, "--as-of", REFERENCE_DATE, "--json"],
        );
        assert!(
            serde_json::from_str::<serde_json::Value>(&json.stdout).is_ok(),
            "{what} --json prints one JSON document"
        );
        assert!(!json.stdout.contains("NaN"), "{what}: never NaN");
    }
}

#[test]
fn contacts_can_be_listed_by_segment_and_cluster() {
    let mut f = Fixture::new();
    demo::fill(
        &mut f.store,
        &DemoOptions {
            contacts: 200,
            seed: 4,
            reference: None,
        },
    )
    .unwrap();
    let day = Some(NaiveDate::parse_from_str(REFERENCE_DATE, "%Y-%m-%d").unwrap());
    let rfm = analytics::rfm_scores(&mut f.store, day).unwrap();
    let seg = analytics::customer_segments(&mut f.store, day, Some(2)).unwrap();
    let champions = rfm
        .segments
        .iter()
        .find(|s| s.label == "Champions")
        .map_or(0, |s| s.count);
    let list = |store: &Store, field: &str, value: &str| {
        let mut q = kith::ListQuery {
            limit: 1000,
            ..kith::ListQuery::default()
        };
        q.filters.insert(field.into(), value.into());
        store.list_records(Kind::Contact, &q).unwrap()
    };
    let page = list(&f.store, "rfm_segment", "Champions");
    assert_eq!(
        page.total as usize, champions,
        "the list filter finds every champion"
    );
    let first = &seg.segmentation.clusters[0];
    assert_eq!(
        list(&f.store, "cluster", &first.name).total as usize,
        first.size
    );
    assert_eq!(list(&f.store, "rfm_segment", "No such segment").total, 0);
}

#[test]
fn a_campaign_can_target_a_segment_once() {
    let mut f = Fixture::new();
    demo::fill(
        &mut f.store,
        &DemoOptions {
            contacts: 150,
            seed: 8,
            reference: None,
        },
    )
    .unwrap();
    let day = Some(NaiveDate::parse_from_str(REFERENCE_DATE, "%Y-%m-%d").unwrap());
    let rfm = analytics::rfm_scores(&mut f.store, day).unwrap();
    let (label, count) = rfm
        .segments
        .iter()
        .filter(|s| s.count > 0)
        .map(|s| (s.label, s.count))
        .next()
        .expect("a segment with customers");
    let campaign = f
        .store
        .create_record(
            Kind::Campaign,
            &input(&[("name", "Win back"), ("starts_on", "2026-11-02")]),
        )
        .unwrap()
        .id;
    let first = f
        .store
        .target_campaign(&campaign, kith::store::MetricColumn::RfmSegment, label)
        .unwrap();
    assert_eq!(
        (first.in_segment, first.added),
        (count as u64, count as u64)
    );
    let again = kith(
        &f.path(),
        &["analyze", "target", &campaign, "--segment", label, "--json"],
    );
    assert_eq!(again.code, 0, "{}", again.stderr);
    let v: serde_json::Value = serde_json::from_str(&again.stdout).unwrap();
    assert_eq!(v["added"], 0, "members are not invited twice");
    assert_eq!(v["already_members"], count as u64);
    let bad = kith(
        &f.path(),
        &["analyze", "target", "nope", "--segment", label],
    );
    assert_ne!(bad.code, 0, "an unknown campaign is refused");
}

#[test]
fn every_dashboard_chart_draws_on_the_demo_and_explains_itself_when_empty() {
    use kith::analytics::dashboard::{self, CHARTS, ChartOptions};
    let opts = ChartOptions {
        to: as_of(REFERENCE_DATE).as_of,
        ..ChartOptions::default()
    };
    let mut empty = Fixture::new();
    for (name, _) in CHARTS {
        let svg = dashboard::chart_svg(&mut empty.store, name, &opts).unwrap();
        assert!(
            svg.contains("<svg") && !svg.contains("NaN"),
            "{name}: an SVG"
        );
        assert!(
            svg.contains("No ") || svg.contains("no "),
            "{name}: an empty database gives a chart that says why, not a blank one"
        );
    }
    let mut f = Fixture::new();
    demo::fill(
        &mut f.store,
        &DemoOptions {
            contacts: 200,
            seed: 12,
            reference: None,
        },
    )
    .unwrap();
    for (name, _) in CHARTS {
        let svg = dashboard::chart_svg(&mut f.store, name, &opts).unwrap();
        assert!(
            svg.contains("<svg") && svg.contains("<rect"),
            "{name}: drawn"
        );
        assert!(
            !svg.contains("NaN") && !svg.contains("inf"),
            "{name}: never NaN"
        );
    }
    let places = dashboard::chart_svg(&mut f.store, "places", &opts).unwrap();
    assert!(
        places.chars().any(kith::values::is_cjk),
        "Chinese city names of the demo reach the chart"
    );
    let err = dashboard::chart_svg(&mut f.store, "pie", &opts).unwrap_err();
    assert!(
        err.to_string().contains("revenue"),
        "the error lists the charts: {err}"
    );
    let backwards = ChartOptions {
        from: as_of("2026-11-01").as_of,
        to: as_of("2026-01-01").as_of,
        ..ChartOptions::default()
    };
    assert!(dashboard::chart_svg(&mut f.store, "revenue", &backwards).is_err());
}

#[test]
fn cli_chart_writes_svg_and_png_and_refuses_other_files() {
    let mut f = Fixture::new();
    demo::fill(
        &mut f.store,
        &DemoOptions {
            contacts: 120,
            seed: 6,
            reference: None,
        },
    )
    .unwrap();
    let svg = f.dir.path().join("revenue.svg");
    let png = f.dir.path().join("places.png");
    let run = kith(
        &f.path(),
        &["chart", "revenue", "--out", svg.to_str().unwrap()],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(std::fs::read_to_string(&svg).unwrap().starts_with("<svg"));
    let run = kith(
        &f.path(),
        &[
            "chart",
            "places",
            "--out",
            png.to_str().unwrap(),
            "--to",
            REFERENCE_DATE,
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let bytes = std::fs::read(&png).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "a PNG file");
    let bad = kith(&f.path(), &["chart", "revenue", "--out", "chart.txt"]);
    assert_eq!(bad.code, 1);
    assert!(bad.stderr.contains(".svg or .png"), "{}", bad.stderr);
}

#[test]
fn cli_chart_draws_its_words_in_the_language_asked() {
    let mut f = Fixture::new();
    demo::fill(
        &mut f.store,
        &DemoOptions {
            contacts: 120,
            seed: 6,
            reference: None,
        },
    )
    .unwrap();
    let draw = |lang: Option<&str>, file: &str| {
        let out = f.dir.path().join(file);
        let mut args = vec!["chart", "funnel", "--out", out.to_str().unwrap()];
        args.extend(["--to", REFERENCE_DATE]);
        if let Some(lang) = lang {
            args.extend(["--lang", lang]);
        }
        let run = kith(&f.path(), &args);
        assert_eq!(run.code, 0, "{}", run.stderr);
        std::fs::read(&out).unwrap()
    };
    let zh = String::from_utf8(draw(Some("zh"), "funnel-zh.svg")).unwrap();
    assert!(
        zh.contains("线索") && zh.contains("个商机"),
        "stages and deal counts in Chinese"
    );
    assert!(
        !zh.contains("deal") && !zh.contains(">Lead<"),
        "no English words"
    );
    let en = String::from_utf8(draw(None, "funnel.svg")).unwrap();
    assert!(
        en.contains(" deal") && !en.contains("商机"),
        "English by default"
    );
    assert_eq!(
        en,
        String::from_utf8(draw(Some("en"), "funnel-en.svg")).unwrap()
    );
    let png = draw(Some("zh"), "funnel-zh.png");
    assert_eq!(
        &png[..8],
        b"\x89PNG\r\n\x1a\n",
        "a Chinese chart exports as PNG"
    );
    let bad = kith(
        &f.path(),
        &["chart", "funnel", "--out", "x.svg", "--lang", "fr"],
    );
    assert_eq!(bad.code, 2, "clap refuses a language it does not know");
    assert!(
        bad.stderr.contains("en, zh"),
        "and names the ones there are: {}",
        bad.stderr
    );
}

#[test]
fn revenue_by_month_follows_every_order_write() {
    let mut f = Fixture::new();
    let ann = contact(&mut f.store, "Ann");
    order(&mut f.store, &ann, "1", "2026-01-05", "100", "paid");
    order(&mut f.store, &ann, "2", "2026-01-20", "50", "paid");
    order(&mut f.store, &ann, "3", "2026-02-05", "70", "cancelled");
    let months = |s: &Store| s.revenue_by_month("2026-01", "2026-12").unwrap();
    assert_eq!(months(&f.store), vec![("2026-01".to_string(), 150.0)]);
    let find = |s: &Store, number: &str| {
        let mut q = kith::ListQuery::default();
        q.filters.insert("number".into(), number.into());
        s.list_records(Kind::Order, &q).unwrap().rows[0].id.clone()
    };
    let second = find(&f.store, "2");
    f.store
        .update_record(
            Kind::Order,
            &second,
            &input(&[("ordered_on", "2026-03-01")]),
        )
        .unwrap();
    let cancelled = find(&f.store, "3");
    f.store
        .update_record(Kind::Order, &cancelled, &input(&[("status", "paid")]))
        .unwrap();
    let first = find(&f.store, "1");
    f.store.delete_record(Kind::Order, &first).unwrap();
    assert_eq!(
        months(&f.store),
        vec![
            ("2026-01".to_string(), 0.0),
            ("2026-02".to_string(), 70.0),
            ("2026-03".to_string(), 50.0)
        ],
        "moved, re-statused and deleted orders move their revenue with them"
    );
}

/// Runs every analysis and draws every chart; nothing may fail, panic or say NaN.
fn everything_runs(store: &mut Store, case: &str) {
    use kith::analytics::dashboard::{self, CHARTS, ChartOptions};
    let day = as_of("2026-11-01").as_of;
    let rfm = analytics::rfm_scores(store, day).unwrap();
    let seg = analytics::customer_segments(store, day, None).unwrap();
    let clv = analytics::customer_value(store, &as_of("2026-11-01")).unwrap();
    let scores = analytics::lead_scores(store, day).unwrap();
    let forecast = analytics::forecast(store, day).unwrap();
    let sat = analytics::satisfaction_report(store, day, 90).unwrap();
    let kpis = dashboard::kpis(store, day).unwrap();
    let json = serde_json::to_string(&(&rfm, &seg, &clv, &scores, &forecast, &sat, &kpis)).unwrap();
    assert!(
        !json.contains("NaN") && !json.contains("inf"),
        "{case}: {json}"
    );
    assert!(
        clv.purchase_model.is_some() || !clv.notes.is_empty(),
        "{case}: no lifetime value comes with the reason"
    );
    for (name, _) in CHARTS {
        let opts = ChartOptions {
            to: day,
            ..ChartOptions::default()
        };
        let svg = dashboard::chart_svg(store, name, &opts).unwrap();
        assert!(!svg.contains("NaN"), "{case}: chart {name}");
    }
}

#[test]
fn odd_data_gives_results_or_reasons_never_nan() {
    // One customer with one order.
    let mut f = Fixture::new();
    let ann = contact(&mut f.store, "Ann");
    order(&mut f.store, &ann, "1", "2026-05-01", "10", "paid");
    everything_runs(&mut f.store, "one customer");

    // Everyone bought on the same day; refunds (negative totals) and free orders; orders
    // dated after the analysis day.
    let mut f = Fixture::new();
    for i in 0..30 {
        let id = contact(&mut f.store, &format!("C{i}"));
        order(
            &mut f.store,
            &id,
            &format!("a{i}"),
            "2026-03-03",
            "25",
            "paid",
        );
        order(
            &mut f.store,
            &id,
            &format!("r{i}"),
            "2026-03-03",
            "-25",
            "paid",
        );
        order(
            &mut f.store,
            &id,
            &format!("z{i}"),
            "2026-04-04",
            "0",
            "paid",
        );
        order(
            &mut f.store,
            &id,
            &format!("f{i}"),
            "2027-01-01",
            "40",
            "placed",
        );
    }
    everything_runs(&mut f.store, "same day, refunds, future orders");

    // One customer with 10,000 orders among a few ordinary ones; every deal won.
    let mut f = Fixture::new();
    let big = contact(&mut f.store, "Big");
    f.store
        .write(|w| {
            for i in 0..10_000u32 {
                let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap()
                    - chrono::Days::new(u64::from(i % 700));
                w.create(
                    Kind::Order,
                    &input(&[
                        ("number", &format!("big{i}")),
                        ("contact_id", &big),
                        ("ordered_on", &day.to_string()),
                        ("total", "12.5"),
                        ("status", "paid"),
                    ]),
                )?;
            }
            Ok(())
        })
        .unwrap();
    for i in 0..12 {
        let id = contact(&mut f.store, &format!("Small {i}"));
        order(
            &mut f.store,
            &id,
            &format!("s{i}"),
            "2026-01-15",
            "30",
            "paid",
        );
        order(
            &mut f.store,
            &id,
            &format!("t{i}"),
            &format!("2026-0{}-10", 2 + i % 7),
            "30",
            "paid",
        );
        deal(
            &mut f.store,
            &format!("D{i}"),
            &[("stage", "won"), ("value", "100")],
        );
    }
    deal(
        &mut f.store,
        "Open",
        &[("stage", "proposal"), ("value", "100")],
    );
    everything_runs(&mut f.store, "10,000 orders, all deals won");
    let scores = analytics::lead_scores(&mut f.store, None).unwrap();
    let method = serde_json::to_string(&scores.method).unwrap();
    assert!(
        method.contains("lost") || method.contains("rule"),
        "all deals won: the rule-based score says why: {method}"
    );
}

#[test]
fn a_store_with_a_fixed_day_makes_its_analyses_on_that_day_not_today() {
    // The UI's recorded answers rely on it: recorded on any day, they read the same.
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("kith.db")).unwrap();
    demo::fill(&mut store, &DemoOptions::with_contacts(30)).unwrap();
    let day: NaiveDate = REFERENCE_DATE.parse().unwrap();
    store.set_today(Some(day));
    assert_eq!(store.today(), day);
    let kpis = analytics::dashboard::kpis(&store, None).unwrap();
    assert_eq!(
        kpis.as_of, day,
        "an analysis without a day is made on the store's"
    );
    let forecast = |s: &Store, as_of| serde_json::to_value(analytics::forecast(s, as_of).unwrap());
    assert_eq!(
        forecast(&store, None).unwrap(),
        forecast(&store, Some(day)).unwrap()
    );
    // The app runs long writes on a second connection: it keeps the day.
    let other = store.reopen().unwrap().expect("a file store reopens");
    assert_eq!(other.today(), day);
    store.set_today(None);
    assert_eq!(
        store.today(),
        analytics::today(),
        "without a fixed day, today is the wall's"
    );
}
