//! Checks against independent reference values. Every constant in `reference/values.rs` was
//! produced by `tests/data/clv/clv_reference.py` (scipy implementations of the papers' formulas,
//! each cross-checked there against the `lifetimes` 0.11.3 package and, for conditional
//! expectations, against numerical integration). Regenerate with
//! `.venv/bin/python tests/data/clv/clv_reference.py > tests/it/clv/values.rs`.

use super::common;

use super::values::*;
use chrono::NaiveDate;
use common::{assert_rel, cdnow};
use kith::analytics::clv::{
    BgNbd, ClvOptions, FitOptions, GammaGamma, OrderPoint, Period, Rfm, customer_clv, fit_bgnbd,
    fit_gamma_gamma, summarize,
};

fn hand(i: usize) -> Rfm {
    let (x, tx, t) = HAND_CUSTOMERS[i];
    Rfm {
        frequency: x,
        recency: tx,
        age: t,
        monetary_value: 0.0,
    }
}

fn hand_model(set: usize) -> BgNbd {
    let (r, alpha, a, b) = PARAM_SETS[set];
    BgNbd::new(r, alpha, a, b, Period::Weeks).expect("valid parameters")
}

#[test]
fn bgnbd_log_likelihood_matches_paper_formula() {
    let data: Vec<Rfm> = (0..HAND_CUSTOMERS.len()).map(hand).collect();
    for &(set, want) in HAND_LOG_LIKELIHOOD {
        let got = hand_model(set).log_likelihood(&data).expect("valid data");
        // Same formula, both in f64: only rounding may differ.
        assert_rel(
            got,
            want,
            1e-12,
            &format!("BG/NBD log-likelihood, parameter set {set}"),
        );
    }
}

#[test]
fn p_alive_matches_eq_13() {
    for &(set, customer, want) in HAND_P_ALIVE {
        let got = hand_model(set)
            .p_alive(&hand(customer))
            .expect("valid customer");
        assert!(
            (got - want).abs() < 1e-13,
            "P(alive) for set {set}, customer {customer}: got {got}, want {want}"
        );
    }
}

#[test]
fn conditional_expected_purchases_match_eq_10() {
    // Includes a < 1, a > 1, a + b < 1 with x = 0 (where eq. 10's 2F1 has c < 0), x = 50, and
    // t up to 52 weeks (t/(α+T) up to 104, far outside the plain hypergeometric series' disk).
    for &(set, customer, t, want) in HAND_EXPECTED {
        let got = hand_model(set)
            .expected_purchases(&hand(customer), t)
            .expect("valid input");
        assert_rel(
            got,
            want,
            1e-9,
            &format!("E[Y({t})] for set {set}, customer {customer}"),
        );
    }
}

#[test]
fn unconditional_expected_purchases_match_eq_9() {
    for &(set, t, want) in HAND_UNCONDITIONAL {
        let got = hand_model(set)
            .expected_purchases_new_customer(t)
            .expect("valid t");
        assert_rel(got, want, 1e-9, &format!("E[X({t})] for set {set}"));
    }
}

#[test]
fn cdnow_fit_reproduces_published_bgnbd() {
    let data = cdnow();
    assert_eq!(data.len(), 2357, "the CDNOW cohort has 2357 customers");
    let at_published = BgNbd::new(0.243, 4.414, 0.793, 2.426, Period::Weeks)
        .expect("valid")
        .log_likelihood(&data)
        .expect("valid data");
    assert_rel(
        at_published,
        CDNOW_LL_AT_PUBLISHED,
        1e-12,
        "LL at the published parameters",
    );

    let model = fit_bgnbd(&data, Period::Weeks, &FitOptions::default()).expect("CDNOW fits");
    let (r, alpha, a, b) = CDNOW_BGNBD_MLE;
    // Both optimisers converge tightly; the maximum is flat, so allow 1e-4 in parameters.
    assert_rel(model.r, r, 1e-4, "r");
    assert_rel(model.alpha, alpha, 1e-4, "alpha");
    assert_rel(model.a, a, 1e-4, "a");
    assert_rel(model.b, b, 1e-4, "b");
    // The paper (Fader, Hardie & Lee 2005, Table/section 5): r = 0.243, α = 4.414, a = 0.793,
    // b = 2.426, LL = −9582.4.
    for (got, published) in [
        (model.r, 0.243),
        (model.alpha, 4.414),
        (model.a, 0.793),
        (model.b, 2.426),
    ] {
        assert!(
            (got - published).abs() <= 0.0006,
            "published estimate {published}, got {got}"
        );
    }
    let info = model.fit.expect("a fitted model records its fit");
    assert!(
        info.log_likelihood >= CDNOW_BGNBD_MAX_LL - 1e-6,
        "our maximum ({}) must be at least scipy's ({CDNOW_BGNBD_MAX_LL})",
        info.log_likelihood
    );
    assert!(
        (info.log_likelihood - (-9582.4)).abs() < 0.05,
        "published LL is −9582.4"
    );
    assert_eq!(
        (info.customers, info.repeat_customers),
        (2357, 946),
        "CDNOW: 946 customers bought again"
    );
}

#[test]
fn cdnow_penalised_fit_matches_lifetimes_objective() {
    let options = FitOptions {
        penalizer: CDNOW_PENALIZER,
        ..FitOptions::default()
    };
    let model = fit_bgnbd(&cdnow(), Period::Weeks, &options).expect("penalised fit");
    let (r, alpha, a, b) = CDNOW_BGNBD_PENALISED;
    // The penalty (lifetimes' definition) shrinks the parameters a lot; we must land on the
    // same minimum of the same objective.
    assert_rel(model.r, r, 1e-4, "penalised r");
    assert_rel(model.alpha, alpha, 1e-4, "penalised alpha");
    assert_rel(model.a, a, 1e-4, "penalised a");
    assert_rel(model.b, b, 1e-4, "penalised b");
}

#[test]
fn cdnow_predictions_match_reference_and_paper() {
    let data = cdnow();
    let (r, alpha, a, b) = CDNOW_BGNBD_MLE;
    let model = BgNbd::new(r, alpha, a, b, Period::Weeks).expect("valid");
    for &(i, t, want, alive) in CDNOW_PREDICTIONS {
        let got = model.expected_purchases(&data[i], t).expect("valid");
        assert_rel(got, want, 1e-9, &format!("CDNOW customer {i}, E[Y({t})]"));
        let p = model.p_alive(&data[i]).expect("valid");
        assert!(
            (p - alive).abs() < 1e-13,
            "CDNOW customer {i}: P(alive) {p} vs {alive}"
        );
    }
    // The paper's worked example: x = 2, t_x = 30.43, T = 38.86 expects 1.226 purchases in the
    // next 39 weeks.
    let first = model.expected_purchases(&data[0], 39.0).expect("valid");
    assert!(
        (first - 1.226).abs() < 0.0005,
        "paper's example gives 1.226, got {first}"
    );
}

#[test]
fn cdnow_gamma_gamma_fit_matches_reference() {
    let data = cdnow();
    let published = GammaGamma::new(6.25, 3.74, 15.44).expect("valid");
    assert_rel(
        published.log_likelihood(&data).expect("valid"),
        CDNOW_GG_LL_AT_PUBLISHED,
        1e-12,
        "Gamma-Gamma LL at the published parameters",
    );
    let model = fit_gamma_gamma(&data, &FitOptions::default()).expect("fits");
    let (p, q, v) = CDNOW_GG_MLE;
    assert_rel(model.p, p, 1e-4, "p");
    assert_rel(model.q, q, 1e-4, "q");
    assert_rel(model.v, v, 1e-4, "v");
    let info = model.fit.expect("fit info");
    assert_eq!(
        info.customers, CDNOW_GG_REPEAT_CUSTOMERS,
        "only x ≥ 1 customers are used"
    );
    assert!(
        info.log_likelihood >= CDNOW_GG_MAX_LL - 1e-6,
        "LL {} below scipy's",
        info.log_likelihood
    );
    // Published (Fader, Hardie & Lee, "RFM and CLV"): p = 6.25, q = 3.74, v = 15.44.
    for (got, want) in [(model.p, 6.25), (model.q, 3.74), (model.v, 15.44)] {
        assert!((got - want).abs() < 0.01, "published {want}, got {got}");
    }
    let fixed = GammaGamma::new(p, q, v).expect("valid");
    for &(i, want) in CDNOW_SPEND {
        let got = fixed
            .expected_spend(data[i].frequency, data[i].monetary_value)
            .expect("defined");
        assert_rel(
            got,
            want,
            1e-12,
            &format!("expected spend of CDNOW customer {i}"),
        );
    }
}

#[test]
fn clv_matches_lifetimes_customer_lifetime_value() {
    let (r, alpha, a, b) = CLV_BG_DAYS;
    let model = BgNbd::new(r, alpha, a, b, Period::Days).expect("valid");
    let (p, q, v) = CLV_GG;
    let spend = GammaGamma::new(p, q, v).expect("valid");
    for &(i, horizon_days, rate, want) in CLV_VALUES {
        let (x, tx, t, m) = CLV_CUSTOMERS[i];
        let customer = Rfm {
            frequency: x,
            recency: tx,
            age: t,
            monetary_value: m,
        };
        let options = ClvOptions {
            horizon_days,
            monthly_discount_rate: rate,
        };
        let got = customer_clv(&model, &spend, &customer, &options).expect("valid");
        assert_rel(
            got,
            want,
            1e-8,
            &format!("CLV of customer {i} over {horizon_days} days at {rate}"),
        );
    }
}

fn cdnow_sample_orders() -> Vec<OrderPoint> {
    include_str!("../../data/clv/CDNOW_sample.txt")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let f: Vec<&str> = line.split_whitespace().collect();
            OrderPoint {
                customer_id: f[0].to_owned(),
                date: NaiveDate::parse_from_str(f[2], "%Y%m%d").expect("date"),
                amount: f[4].parse().expect("amount"),
            }
        })
        .collect()
}

#[test]
fn summary_matches_lifetimes_summary_data_from_transaction_data() {
    let orders = cdnow_sample_orders();
    let end = NaiveDate::parse_from_str(SAMPLE_END, "%Y-%m-%d").expect("date");
    let summary = summarize(&orders, end, Period::Days);
    assert_eq!(
        summary.stats.orders_after_end, SAMPLE_ORDERS_AFTER_END,
        "orders after the end"
    );
    assert_eq!(
        summary.stats.nonpositive_days, SAMPLE_NONPOSITIVE_DAYS,
        "zero-amount days"
    );
    assert_eq!(
        summary.stats.customers_without_purchase, 8,
        "the 8 customers whose only order in the sample is free are not customers yet"
    );
    assert_eq!(summary.customers.len(), SAMPLE_CUSTOMERS, "customers");
    let rfm = summary.rfm();
    let sums = rfm.iter().fold((0.0, 0.0, 0.0, 0.0), |s, c| {
        (
            s.0 + f64::from(c.frequency),
            s.1 + c.recency,
            s.2 + c.age,
            s.3 + c.monetary_value,
        )
    });
    let (x, tx, t, m) = SAMPLE_TOTALS;
    assert_eq!(
        (sums.0, sums.1, sums.2),
        (x, tx, t),
        "Σx, Σt_x, ΣT must match exactly"
    );
    assert_rel(sums.3, m, 1e-12, "Σ monetary value");
    for &(id, x, tx, t, m) in SAMPLE_ROWS {
        let row = summary
            .customers
            .iter()
            .find(|c| c.customer_id == id)
            .expect("customer present");
        assert_eq!(
            (row.rfm.frequency, row.rfm.recency, row.rfm.age),
            (x, tx, t),
            "customer {id}: x, t_x, T"
        );
        assert!(
            (row.rfm.monetary_value - m).abs() < 1e-9,
            "customer {id}: monetary value"
        );
    }
}
