//! RFM scoring and the R×F segment map.

use super::common;

use chrono::{Days, NaiveDate};
use kith::analytics::rfm::{
    CustomerOrders, RfmNote, RfmReport, Segment, THIN_DATA_BELOW, quintile_scores, score_rfm,
};

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 30).expect("valid date")
}

/// A customer whose last order was `days_ago` days before [`as_of`].
fn customer(id: &str, days_ago: u64, orders: u32, spend_cents: i64) -> CustomerOrders {
    CustomerOrders {
        id: id.to_owned(),
        last_order: as_of() - Days::new(days_ago),
        orders,
        spend_cents,
    }
}

fn by_id<'a>(report: &'a RfmReport, id: &str) -> &'a kith::analytics::rfm::RfmScore {
    report
        .customers
        .iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("customer {id} must be in the report"))
}

#[test]
fn quintile_scores_table() {
    let cases: &[(&str, &[i64], &[u8])] = &[
        ("one value is neutral", &[7], &[3]),
        ("all tied is neutral", &[4, 4, 4, 4], &[3, 3, 3, 3]),
        ("two values span the scale", &[1, 2], &[1, 5]),
        ("three values", &[1, 2, 3], &[1, 3, 5]),
        ("four values", &[1, 2, 3, 4], &[1, 2, 4, 5]),
        (
            "five values, one per quintile",
            &[1, 2, 3, 4, 5],
            &[1, 2, 3, 4, 5],
        ),
        (
            "ten values, exactly two per quintile",
            &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
            &[1, 1, 2, 2, 3, 3, 4, 4, 5, 5],
        ),
        (
            "input order does not matter",
            &[30, 10, 50, 20, 40],
            &[3, 1, 5, 2, 4],
        ),
        (
            "a tie block takes the quintile of its middle",
            &[10, 20, 20, 30, 40],
            &[1, 2, 2, 4, 5],
        ),
        (
            "60 % one-time buyers still score 1, and the repeat buyers share 2–5",
            &[1, 1, 1, 1, 1, 1, 2, 2, 3, 4],
            &[1, 1, 1, 1, 1, 1, 2, 2, 4, 5],
        ),
        (
            "a lowest tie within one quintile keeps the ranks against everyone",
            &[1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
            &[1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 5],
        ),
        (
            "negative values rank like any other",
            &[-500, 0, 500],
            &[1, 3, 5],
        ),
        ("empty input", &[], &[]),
    ];
    for (why, keys, want) in cases {
        assert_eq!(
            quintile_scores(keys),
            *want,
            "{why}: scores follow p = (mean rank − 1)/(n − 1), score = min(5, 1 + ⌊5p⌋)"
        );
    }
}

#[test]
fn mostly_one_time_buyers_still_fill_every_frequency_score() {
    // A small shop's usual shape: 58 % buy once, then fewer and fewer buy more often.
    let mut orders = Vec::new();
    for (count, customers) in [
        (1, 580),
        (2, 150),
        (3, 80),
        (4, 60),
        (5, 40),
        (8, 50),
        (15, 40),
    ] {
        orders.extend(std::iter::repeat_n(count, customers));
    }
    let scores = quintile_scores(&orders);
    let used = |s: u8| scores.iter().filter(|&&x| x == s).count();
    assert_eq!(used(1), 580, "every one-time buyer scores F = 1");
    for s in 2..=5 {
        assert!(
            used(s) > 0,
            "F = {s} is used: repeat buyers spread over 2–5 (counts 1–5: {:?})",
            (1..=5).map(used).collect::<Vec<_>>()
        );
    }
    // So the segments that need F 2–3 exist: recent repeat buyers of 2–3 orders are
    // Potential Loyalists, not Loyal customers.
    let customers: Vec<CustomerOrders> = orders
        .iter()
        .enumerate()
        .map(|(i, &n)| customer(&format!("c{i}"), (i % 97) as u64, n, 1_000 * i64::from(n)))
        .collect();
    let report = score_rfm(&customers, as_of());
    let potential = report
        .customers
        .iter()
        .filter(|c| c.segment == Segment::PotentialLoyalists)
        .count();
    assert!(
        potential > 0,
        "some recent 2–3-order buyers are Potential Loyalists"
    );
}

#[test]
fn exact_quintile_boundaries_with_100_values() {
    let keys: Vec<u32> = (0..100).collect();
    let scores = quintile_scores(&keys);
    for (i, &s) in scores.iter().enumerate() {
        let want = (i / 20 + 1) as u8;
        assert_eq!(
            s, want,
            "with 100 distinct values, rank {i} must fall in quintile {want}: exactly 20 per score"
        );
    }
}

#[test]
fn same_value_same_score_and_monotone() {
    let mut g = common::Gen::new(7);
    let keys: Vec<u64> = (0..997).map(|_| g.next_u64() % 40).collect();
    let scores = quintile_scores(&keys);
    for i in 0..keys.len() {
        for j in 0..keys.len() {
            if keys[i] == keys[j] {
                assert_eq!(scores[i], scores[j], "equal values must get equal scores");
            } else if keys[i] < keys[j] {
                assert!(
                    scores[i] <= scores[j],
                    "a larger value must never score lower ({} < {} but {} > {})",
                    keys[i],
                    keys[j],
                    scores[i],
                    scores[j]
                );
            }
        }
    }
    for q in 1..=5u8 {
        let count = scores.iter().filter(|&&s| s == q).count();
        assert!(
            (150..=250).contains(&count),
            "with 40 evenly spread values each quintile holds about a fifth, got {count} for {q}"
        );
    }
}

#[test]
fn recency_frequency_monetary_point_the_right_way() {
    let customers: Vec<CustomerOrders> = (0..5u32)
        .map(|i| {
            customer(
                &format!("c{i}"),
                u64::from(i) * 30,
                5 - i,
                1_000 * i64::from(i),
            )
        })
        .collect();
    let report = score_rfm(&customers, as_of());
    let rs: Vec<(u32, u8, u8, u8)> = report
        .customers
        .iter()
        .map(|c| (c.recency_days, c.r, c.f, c.m))
        .collect();
    assert_eq!(
        rs,
        [
            (0, 5, 5, 1),
            (30, 4, 4, 2),
            (60, 3, 3, 3),
            (90, 2, 2, 4),
            (120, 1, 1, 5)
        ],
        "fewer days since the last order, more orders and more spend must each score higher"
    );
}

#[test]
fn orders_after_as_of_count_as_today() {
    let future = CustomerOrders {
        id: "f".into(),
        last_order: as_of() + Days::new(3),
        orders: 1,
        spend_cents: 100,
    };
    let report = score_rfm(&[future, customer("t", 0, 1, 100)], as_of());
    assert_eq!(
        report.customers[0].recency_days, 0,
        "an order dated after as_of must clamp to 0 days, not go negative"
    );
    assert_eq!(
        report.customers[0].r, report.customers[1].r,
        "a future-dated order ties with one placed today"
    );
}

#[test]
fn monetary_ties_are_broken_by_frequency() {
    let customers = [
        customer("few", 10, 1, 5_000),
        customer("many", 10, 4, 5_000),
        customer("many2", 10, 4, 5_000),
        customer("low", 10, 1, 1_000),
        customer("high", 10, 1, 9_000),
    ];
    let report = score_rfm(&customers, as_of());
    let m = |id| by_id(&report, id).m;
    assert!(
        m("many") > m("few"),
        "equal spend over more orders must rank higher on M (frequency breaks monetary ties)"
    );
    assert_eq!(
        m("many"),
        m("many2"),
        "equal spend and equal orders must share an M score"
    );
    assert_eq!((m("low"), m("high")), (1, 5), "spend still decides first");
}

#[test]
fn thin_data_messages() {
    let seven: Vec<CustomerOrders> = (0..7)
        .map(|i| customer(&format!("c{i}"), i * 3, 1 + i as u32, 100 * i as i64))
        .collect();
    let said = |r: RfmReport| r.thin_data.map(|n| (n.code, n.text));
    assert_eq!(
        said(score_rfm(&seven, as_of())),
        Some((
            RfmNote::FewCustomers { customers: 7 },
            "only 7 customers with orders: scores are rough".to_owned()
        )),
        "fewer than {THIN_DATA_BELOW} customers must be flagged in words the CLI prints and a \
         code the window says"
    );
    assert_eq!(
        said(score_rfm(&seven[..1], as_of())),
        Some((
            RfmNote::FewCustomers { customers: 1 },
            "only 1 customer with orders: scores are rough".to_owned()
        ))
    );
    let twenty: Vec<CustomerOrders> = (0..20)
        .map(|i| customer(&format!("c{i}"), i, 1, 100))
        .collect();
    assert_eq!(
        score_rfm(&twenty, as_of()).thin_data,
        None,
        "{THIN_DATA_BELOW} customers are enough for quintiles"
    );
}

#[test]
fn zero_customers_is_a_clear_empty_report() {
    let report = score_rfm(&[], as_of());
    assert!(report.customers.is_empty());
    let thin = report.thin_data.as_ref().expect("no customers is said");
    assert_eq!(
        (&thin.code, thin.text.as_str()),
        (
            &RfmNote::NoCustomers,
            "no customers with orders yet: nothing to score"
        )
    );
    assert_eq!(
        report.segments.len(),
        10,
        "all ten segments are listed, with zero counts"
    );
    assert!(report.segments.iter().all(|s| s.count == 0));

    let no_orders = score_rfm(&[customer("x", 3, 0, 0)], as_of());
    assert!(
        no_orders.customers.is_empty(),
        "a customer with 0 orders has nothing to score"
    );
    assert_eq!(no_orders.skipped_without_orders, 1);
}

#[test]
fn tiny_inputs_score_sensibly() {
    let one = score_rfm(&[customer("a", 5, 2, 100)], as_of());
    let a = &one.customers[0];
    assert_eq!(
        (a.r, a.f, a.m, a.segment),
        (3, 3, 3, Segment::NeedAttention),
        "a lone customer cannot be ranked: neutral 3s, not 'best' or 'worst'"
    );
    let two = score_rfm(
        &[customer("old", 300, 1, 100), customer("new", 1, 9, 900)],
        as_of(),
    );
    assert_eq!(by_id(&two, "new").segment, Segment::Champions);
    assert_eq!(by_id(&two, "old").segment, Segment::Hibernating);
}

#[test]
fn every_cell_maps_to_exactly_one_segment() {
    // The published cells, as (segment, R range, F range), with the R4 F4–5 overlap resolved
    // to Loyal as the published regex table does.
    type Range = (u8, u8);
    let cells: [(Segment, Range, Range); 10] = [
        (Segment::Champions, (5, 5), (4, 5)),
        (Segment::Loyal, (3, 4), (4, 5)),
        (Segment::PotentialLoyalists, (4, 5), (2, 3)),
        (Segment::NewCustomers, (5, 5), (1, 1)),
        (Segment::Promising, (4, 4), (1, 1)),
        (Segment::NeedAttention, (3, 3), (3, 3)),
        (Segment::AboutToSleep, (3, 3), (1, 2)),
        (Segment::AtRisk, (1, 2), (3, 4)),
        (Segment::CantLose, (1, 2), (5, 5)),
        (Segment::Hibernating, (1, 2), (1, 2)),
    ];
    let mut seen = std::collections::HashSet::new();
    for r in 1..=5u8 {
        for f in 1..=5u8 {
            let matching: Vec<Segment> = cells
                .iter()
                .filter(|(_, rr, fr)| (rr.0..=rr.1).contains(&r) && (fr.0..=fr.1).contains(&f))
                .map(|(s, _, _)| *s)
                .collect();
            assert_eq!(
                matching.len(),
                1,
                "cell R{r} F{f} must belong to exactly one segment, got {matching:?}"
            );
            assert_eq!(
                Segment::from_scores(r, f),
                matching[0],
                "from_scores must agree with the published table at R{r} F{f}"
            );
            seen.insert(matching[0]);
        }
    }
    assert_eq!(seen.len(), 10, "all ten segments must be reachable");
}

#[test]
fn segments_have_unique_labels_and_one_line_descriptions() {
    let labels: std::collections::HashSet<&str> = Segment::ALL.iter().map(|s| s.label()).collect();
    assert_eq!(labels.len(), 10);
    for s in Segment::ALL {
        let d = s.description();
        assert!(
            !d.is_empty() && !d.contains('\n') && d.len() <= 80,
            "{} needs a one-line UI description (≤ 80 chars): {d:?}",
            s.label()
        );
    }
}

#[test]
fn named_segment_examples() {
    // Ten customers, distinct recency (0..9 × 40 days) and frequency chosen per case.
    let spec: &[(&str, u64, u32, Segment)] = &[
        ("champion", 0, 50, Segment::Champions),
        ("new", 40, 1, Segment::NewCustomers),
        ("promising", 80, 2, Segment::Promising),
        ("loyal", 120, 40, Segment::Loyal),
        ("attention", 160, 20, Segment::NeedAttention),
        ("sleepy", 200, 3, Segment::AboutToSleep),
        ("at_risk", 240, 30, Segment::AtRisk),
        ("cant_lose", 280, 45, Segment::CantLose),
        ("hibernating", 320, 4, Segment::Hibernating),
        ("at_risk_long_ago", 360, 5, Segment::AtRisk),
    ];
    let customers: Vec<CustomerOrders> = spec
        .iter()
        .map(|&(id, days, orders, _)| customer(id, days, orders, 1_000))
        .collect();
    let report = score_rfm(&customers, as_of());
    for &(id, _, _, want) in spec {
        let c = by_id(&report, id);
        assert_eq!(
            c.segment,
            want,
            "{id} (R{} F{}) must be {}",
            c.r,
            c.f,
            want.label()
        );
    }
    let counted: usize = report.segments.iter().map(|s| s.count).sum();
    assert_eq!(
        counted, 10,
        "segment counts must add up to the customers scored"
    );
    let json = serde_json::to_string(&report).expect("report serialises");
    assert!(
        json.contains("\"segment\":\"cant_lose\""),
        "segments serialise in snake_case"
    );
}
