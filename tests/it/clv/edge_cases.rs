//! Bad and extreme inputs: never NaN, never a panic, and errors a user can read.

use super::common;

use chrono::{Days, NaiveDate};
use common::{TRUTH, simulate};
use kith::analytics::clv::{
    BgNbd, ClvError, ClvOptions, FitOptions, GammaGamma, MIN_REPEAT_CUSTOMERS, OrderPoint, Period,
    Rfm, Summary, clv, customer_clv, fit_bgnbd, fit_gamma_gamma, summarize,
};
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

fn order(id: &str, date: NaiveDate, amount: f64) -> OrderPoint {
    OrderPoint {
        customer_id: id.to_owned(),
        date,
        amount,
    }
}

fn rfm(x: u32, tx: f64, t: f64, m: f64) -> Rfm {
    Rfm {
        frequency: x,
        recency: tx,
        age: t,
        monetary_value: m,
    }
}

fn opts() -> FitOptions {
    FitOptions::default()
}

/// Every number a fitted model reports must be finite, and predictions sane.
fn assert_sane(bg: &BgNbd, customers: &[Rfm]) {
    for v in [bg.r, bg.alpha, bg.a, bg.b] {
        assert!(
            v.is_finite() && v > 0.0,
            "parameters must be finite and positive: {bg:?}"
        );
    }
    for c in customers {
        let p = bg.p_alive(c).expect("valid customer");
        assert!(
            (0.0..=1.0).contains(&p),
            "P(alive) must be a probability, got {p} for {c:?}"
        );
        for t in [0.0, 1.0, 52.0, 520.0] {
            let e = bg.expected_purchases(c, t).expect("valid");
            assert!(
                e.is_finite() && e >= 0.0,
                "E[Y({t})] must be finite and ≥ 0, got {e} for {c:?}"
            );
        }
    }
}

#[test]
fn no_customers() {
    let summary = summarize(&[], day(2026, 1, 1), Period::Days);
    assert!(summary.customers.is_empty(), "no orders, no customers");
    let err = fit_bgnbd(&summary.rfm(), Period::Days, &opts()).expect_err("nothing to fit");
    assert_eq!(
        err,
        ClvError::NotEnoughRepeatCustomers {
            model: "BG/NBD",
            needed: MIN_REPEAT_CUSTOMERS,
            have: 0
        }
    );
    let text = err.to_string();
    assert!(
        text.contains("needs at least 5 customers with a repeat purchase; you have 0"),
        "the message must tell the user what is missing: {text}"
    );
    let err = fit_gamma_gamma(&[], &opts()).expect_err("nothing to fit");
    assert!(matches!(
        err,
        ClvError::NotEnoughRepeatCustomers {
            model: "Gamma-Gamma",
            have: 0,
            ..
        }
    ));
    // Scoring an empty summary is fine and empty.
    let bg = BgNbd::new(0.25, 4.0, 0.8, 2.5, Period::Days).expect("valid");
    let gg = GammaGamma::new(6.0, 4.0, 15.0).expect("valid");
    let options = ClvOptions {
        horizon_days: 90.0,
        monthly_discount_rate: 0.01,
    };
    assert!(
        clv(&bg, &gg, &summary, &options)
            .expect("empty is fine")
            .is_empty()
    );
}

#[test]
fn one_customer() {
    let orders = [
        order("a", day(2025, 1, 1), 10.0),
        order("a", day(2025, 3, 1), 20.0),
    ];
    let summary = summarize(&orders, day(2025, 12, 31), Period::Days);
    assert_eq!(summary.customers.len(), 1);
    let err = fit_bgnbd(&summary.rfm(), Period::Days, &opts())
        .expect_err("one customer cannot be fitted");
    assert!(
        matches!(err, ClvError::NotEnoughRepeatCustomers { have: 1, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("you have 1"), "{err}");
}

#[test]
fn all_purchases_on_one_day_means_no_repeat_purchases() {
    // 200 customers, each with several orders, all on the same day: one purchase each.
    let mut orders = Vec::new();
    for i in 0..200 {
        for k in 0..3 {
            orders.push(order(&format!("c{i}"), day(2025, 6, 1), 5.0 + f64::from(k)));
        }
    }
    let summary = summarize(&orders, day(2025, 12, 31), Period::Weeks);
    assert_eq!(summary.customers.len(), 200);
    assert!(
        summary.customers.iter().all(|c| c.rfm.frequency == 0),
        "same-day orders are one purchase"
    );
    let err = fit_bgnbd(&summary.rfm(), Period::Weeks, &opts()).expect_err("no repeat purchases");
    assert_eq!(
        err,
        ClvError::NotEnoughRepeatCustomers {
            model: "BG/NBD",
            needed: MIN_REPEAT_CUSTOMERS,
            have: 0
        },
        "without any repeat purchase neither rates nor dropout can be estimated"
    );
    let err = fit_gamma_gamma(&summary.rfm(), &opts()).expect_err("no repeat spend");
    assert!(
        matches!(err, ClvError::NotEnoughRepeatCustomers { have: 0, .. }),
        "{err}"
    );
}

#[test]
fn everyone_identical() {
    let same = vec![rfm(3, 20.0, 30.0, 25.0); 1000];
    let err = fit_bgnbd(&same, Period::Weeks, &opts()).expect_err("no variation");
    assert_eq!(
        err,
        ClvError::NoVariation { model: "BG/NBD" },
        "identical rows cannot show heterogeneity"
    );
    let err = fit_gamma_gamma(&same, &opts()).expect_err("no variation");
    assert_eq!(
        err,
        ClvError::NoVariation {
            model: "Gamma-Gamma"
        }
    );
    assert!(
        err.to_string()
            .contains("exactly the same purchase history"),
        "{err}"
    );
}

#[test]
fn nearly_identical_data_errors_or_fits_but_never_nan() {
    // Two kinds of customer only: the likelihood may have no interior maximum. Whatever happens
    // must be a finite model or a readable error, with and without a penalizer.
    let mut data = vec![rfm(2, 10.0, 20.0, 30.0); 50];
    data.extend(vec![rfm(0, 0.0, 20.0, 0.0); 50]);
    for penalizer in [0.0, 0.001, 0.1] {
        let options = FitOptions {
            penalizer,
            ..opts()
        };
        match fit_bgnbd(&data, Period::Weeks, &options) {
            Ok(bg) => assert_sane(&bg, &data),
            Err(e) => assert!(!e.to_string().is_empty(), "error must explain itself"),
        }
    }
    let err = fit_gamma_gamma(&data, &opts()).expect_err("50 identical spenders: no variation");
    assert_eq!(
        err,
        ClvError::NoVariation {
            model: "Gamma-Gamma"
        }
    );
}

#[test]
fn random_small_data_sets_never_produce_nan() {
    // 300 random small data sets (0–40 customers, 0–6 repeat purchases, ages 0–60 weeks).
    let mut rng = StdRng::seed_from_u64(5);
    let mut fitted = 0;
    for _ in 0..300 {
        let n = rng.random_range(0..40);
        let data: Vec<Rfm> = (0..n)
            .map(|_| {
                let age = rng.random_range(0.0..60.0);
                let x = rng.random_range(0..7u32);
                let tx = if x > 0 {
                    rng.random_range(0.0..=age)
                } else {
                    0.0
                };
                rfm(
                    x,
                    tx,
                    age,
                    if x > 0 {
                        rng.random_range(1.0..100.0)
                    } else {
                        0.0
                    },
                )
            })
            .collect();
        let penalizer = if rng.random::<bool>() { 0.0 } else { 0.01 };
        let options = FitOptions {
            penalizer,
            ..opts()
        };
        match fit_bgnbd(&data, Period::Weeks, &options) {
            Ok(bg) => {
                fitted += 1;
                assert_sane(&bg, &data);
                let ll = bg.fit.expect("fit info").log_likelihood;
                assert!(ll.is_finite(), "log-likelihood must be finite");
            }
            Err(e) => assert!(
                !matches!(e, ClvError::InvalidCustomer { .. }),
                "valid rows must not be rejected: {e}"
            ),
        }
        match fit_gamma_gamma(&data, &options) {
            Ok(gg) => {
                for c in &data {
                    if let Ok(s) = gg.expected_spend(c.frequency, c.monetary_value) {
                        assert!(
                            s.is_finite() && s > 0.0,
                            "expected spend must be finite: {gg:?}"
                        );
                    }
                }
            }
            Err(e) => assert!(!e.to_string().is_empty()),
        }
    }
    assert!(
        fitted > 50,
        "most larger random data sets should be fittable, only {fitted} were"
    );
}

#[test]
fn customer_with_10000_orders() {
    // 10,000 orders on 10,000 consecutive days, plus 10,000 more that fall on days already used.
    let start = day(1998, 1, 1);
    let mut orders: Vec<OrderPoint> = (0..10_000)
        .map(|i| order("whale", start + Days::new(i), 12.5))
        .collect();
    orders.extend((0..10_000).map(|i| order("whale", start + Days::new(i % 100), 1.0)));
    let end = start + Days::new(10_000);
    let summary = summarize(&orders, end, Period::Days);
    let whale = summary.customers[0].rfm;
    assert_eq!(
        whale.frequency, 9_999,
        "10,000 purchase days = 9,999 repeat purchases"
    );
    assert_eq!((whale.recency, whale.age), (9_999.0, 10_000.0));
    // Days 1–99 carry 100 extra orders each... no: day i%100 for i<10,000 → each of days 0–99
    // gets 100 extra 1.0 orders; repeat days 1–99 add 99·100 to the repeat total.
    let want = (9_999.0 * 12.5 + 99.0 * 100.0) / 9_999.0;
    assert!(
        (whale.monetary_value - want).abs() < 1e-9,
        "monetary {}",
        whale.monetary_value
    );

    // Fit a population (in days) that includes the whale.
    let mut data = simulate(5_000, TRUTH, (1.0, 52.0), 11);
    for c in &mut data {
        c.recency *= 7.0;
        c.age *= 7.0;
    }
    data.push(whale);
    let bg = fit_bgnbd(&data, Period::Days, &opts()).expect("a whale must not break the fit");
    let gg = fit_gamma_gamma(&data, &opts()).expect("fit");
    assert_sane(&bg, &[whale]);
    let p = bg.p_alive(&whale).expect("valid");
    assert!(
        p > 0.99,
        "someone who bought every day up to yesterday is alive, got {p}"
    );
    let next_year = bg.expected_purchases(&whale, 365.0).expect("valid");
    // About one purchase a day, shrunk slightly towards dropping out.
    assert!(
        (250.0..=370.0).contains(&next_year),
        "whale's next-year purchases: {next_year}"
    );
    let value = customer_clv(
        &bg,
        &gg,
        &whale,
        &ClvOptions {
            horizon_days: 365.0,
            monthly_discount_rate: 0.01,
        },
    )
    .expect("valid");
    assert!(value.is_finite() && value > 0.0, "whale CLV {value}");
    // And a row given directly with x = 10,000 in a short time.
    let direct = rfm(10_000, 300.0, 365.0, 20.0);
    assert_sane(&bg, &[direct]);
}

#[test]
fn orders_after_calibration_end_are_ignored_and_counted() {
    let end = day(2025, 6, 30);
    let orders = [
        order("a", day(2025, 1, 1), 10.0),
        order("a", day(2025, 6, 30), 10.0), // on the end date: counts
        order("a", day(2025, 7, 1), 99.0),  // after: ignored
        order("b", day(2026, 1, 1), 50.0),  // only future orders: not a customer yet
        order("c", day(2025, 2, 1), f64::NAN),
    ];
    let summary = summarize(&orders, end, Period::Days);
    assert_eq!(
        summary.stats.orders_after_end, 2,
        "two orders are after the end"
    );
    assert_eq!(
        summary.stats.orders_invalid_amount, 1,
        "NaN amounts are skipped and counted"
    );
    assert_eq!(summary.stats.orders_used, 2);
    assert_eq!(
        summary.stats.customers_without_purchase, 2,
        "b had only a future order and c only an invalid one"
    );
    let ids: Vec<&str> = summary
        .customers
        .iter()
        .map(|c| c.customer_id.as_str())
        .collect();
    assert_eq!(ids, ["a"], "b has no order up to the end, c none valid");
    assert_eq!(summary.customers[0].rfm, rfm(1, 180.0, 180.0, 10.0));
}

#[test]
fn refunds_net_within_a_day_and_refund_days_are_not_purchases() {
    let end = day(2025, 12, 31);
    let orders = [
        order("a", day(2025, 1, 10), 100.0),
        order("a", day(2025, 1, 10), -30.0), // same-day partial refund: day nets to 70
        order("a", day(2025, 2, 10), 40.0),
        order("a", day(2025, 2, 10), -40.0), // fully refunded day: not a purchase
        order("a", day(2025, 3, 10), -25.0), // refund-only day: not a purchase
        order("a", day(2025, 4, 10), 0.1),
        order("a", day(2025, 4, 10), 0.2),
        order("a", day(2025, 4, 10), -0.3), // nets to ~5e-17: rounding noise counts as zero
        order("a", day(2025, 5, 10), 20.0),
        order("b", day(2025, 3, 1), 0.0), // a free order alone is not a purchase
    ];
    let summary = summarize(&orders, end, Period::Weeks);
    assert_eq!(
        summary.stats.nonpositive_days, 4,
        "Feb 10, Mar 10, Apr 10 (a) and Mar 1 (b)"
    );
    assert_eq!(
        summary.stats.customers_without_purchase, 1,
        "b never bought anything"
    );
    let a = &summary.customers[0];
    assert_eq!(
        (a.first_purchase, a.last_purchase),
        (day(2025, 1, 10), day(2025, 5, 10))
    );
    assert_eq!(a.rfm.frequency, 1, "only Jan 10 and May 10 are purchases");
    assert!(
        (a.rfm.recency - 120.0 / 7.0).abs() < 1e-12,
        "weeks are days / 7, not rounded"
    );
    assert!((a.rfm.age - 355.0 / 7.0).abs() < 1e-12);
    assert_eq!(
        a.rfm.monetary_value, 20.0,
        "mean of repeat purchases, first excluded"
    );
}

#[test]
fn invalid_inputs_are_reported_not_propagated() {
    let mut data = simulate(2_000, TRUTH, (39.0, 39.0), 3);
    data[7].frequency = 1;
    data[7].recency = f64::NAN;
    let err = fit_bgnbd(&data, Period::Weeks, &opts()).expect_err("NaN recency");
    assert!(
        matches!(err, ClvError::InvalidCustomer { index: 7, .. }),
        "{err}"
    );
    data[7].recency = data[7].age + 1.0;
    let err = fit_bgnbd(&data, Period::Weeks, &opts()).expect_err("recency after age");
    assert!(err.to_string().contains("customer #7"), "{err}");
    data[7].recency = 0.0;
    data[3].monetary_value = f64::INFINITY;
    assert!(matches!(
        fit_gamma_gamma(&data, &opts()),
        Err(ClvError::InvalidCustomer { index: 3, .. })
    ));
    let bad = FitOptions {
        penalizer: -1.0,
        ..opts()
    };
    assert!(matches!(
        fit_bgnbd(&data, Period::Weeks, &bad),
        Err(ClvError::InvalidInput {
            name: "penalizer",
            ..
        })
    ));
    assert!(
        BgNbd::new(0.0, 1.0, 1.0, 1.0, Period::Days).is_err(),
        "r must be > 0"
    );
    assert!(
        GammaGamma::new(1.0, f64::NAN, 1.0).is_err(),
        "q must be finite"
    );
    let bg = BgNbd::new(0.25, 4.0, 0.8, 2.5, Period::Weeks).expect("valid");
    assert!(
        bg.expected_purchases(&rfm(1, 1.0, 2.0, 5.0), -1.0).is_err(),
        "negative horizon"
    );
    assert!(
        bg.expected_purchases(&rfm(1, 1.0, 2.0, 5.0), f64::NAN)
            .is_err(),
        "NaN horizon"
    );
    let gg = GammaGamma::new(6.0, 4.0, 15.0).expect("valid");
    let bad_rate = ClvOptions {
        horizon_days: 90.0,
        monthly_discount_rate: f64::NAN,
    };
    assert!(customer_clv(&bg, &gg, &rfm(1, 1.0, 2.0, 5.0), &bad_rate).is_err());
    // A summary in days cannot be scored with a model in weeks.
    let summary = Summary {
        period: Period::Days,
        ..summarize(&[], day(2025, 1, 1), Period::Days)
    };
    let options = ClvOptions {
        horizon_days: 90.0,
        monthly_discount_rate: 0.0,
    };
    assert!(matches!(
        clv(&bg, &gg, &summary, &options),
        Err(ClvError::InvalidInput {
            name: "summary",
            ..
        })
    ));
}

#[test]
fn heavy_tailed_spend_reports_undefined_mean() {
    // q ≤ 1: the population mean spend is infinite; a customer with history still has one.
    let gg = GammaGamma::new(2.0, 0.8, 10.0).expect("valid");
    assert_eq!(
        gg.population_mean_spend(),
        Err(ClvError::UndefinedMeanSpend { q: 0.8 })
    );
    let s = gg.expected_spend(3, 20.0).expect("p·x + q > 1");
    assert!((s - 2.0 * (10.0 + 60.0) / (6.0 + 0.8 - 1.0)).abs() < 1e-12);
}

#[test]
fn predictions_behave() {
    let bg = BgNbd::new(0.25, 4.0, 0.8, 2.5, Period::Weeks).expect("valid");
    let c = rfm(3, 20.0, 39.0, 30.0);
    // Monotone in t, zero at t = 0, and a customer seen at T = 0 with no repeats is a new customer.
    let mut previous = 0.0;
    for t in [0.0, 1e-9, 0.5, 1.0, 10.0, 52.0, 520.0, 5_200.0] {
        let e = bg.expected_purchases(&c, t).expect("valid");
        assert!(
            e >= previous,
            "E[Y(t)] must not decrease in t ({e} < {previous} at t = {t})"
        );
        previous = e;
    }
    assert_eq!(bg.expected_purchases(&c, 0.0).expect("valid"), 0.0);
    let new = bg.expected_purchases_new_customer(52.0).expect("valid");
    let via_rfm = bg
        .expected_purchases(&rfm(0, 0.0, 0.0, 0.0), 52.0)
        .expect("valid");
    assert!(
        (new - via_rfm).abs() < 1e-14,
        "E[X(t)] is E[Y(t)] at x = 0, T = 0"
    );
    // Longer silence → lower P(alive).
    let recent = bg.p_alive(&rfm(3, 38.0, 39.0, 0.0)).expect("valid");
    let silent = bg.p_alive(&rfm(3, 5.0, 39.0, 0.0)).expect("valid");
    assert!(
        recent > silent,
        "a customer silent for 34 weeks is less likely alive ({silent} ≥ {recent})"
    );
    // a = 1 exactly is where eq. 10 divides by zero; our series is continuous there.
    let at_one = BgNbd::new(0.25, 4.0, 1.0, 2.5, Period::Weeks).expect("valid");
    let near = BgNbd::new(0.25, 4.0, 1.0 + 1e-7, 2.5, Period::Weeks).expect("valid");
    let (e1, e2) = (
        at_one.expected_purchases(&c, 52.0).expect("valid"),
        near.expected_purchases(&c, 52.0).expect("valid"),
    );
    assert!(
        e1.is_finite() && (e1 - e2).abs() < 1e-6,
        "continuity at a = 1: {e1} vs {e2}"
    );
    // Huge horizons stay finite.
    let far = bg.expected_purchases(&c, 1e7).expect("valid");
    assert!(far.is_finite(), "E[Y(1e7)] must be finite, got {far}");
}

#[test]
fn clv_discounting_and_serialisation() {
    let data = simulate(5_000, TRUTH, (39.0, 39.0), 17);
    let bg = fit_bgnbd(&data, Period::Weeks, &opts()).expect("fit");
    let gg = fit_gamma_gamma(&data, &opts()).expect("fit");
    let c = rfm(4, 30.0, 39.0, 40.0);
    let plain = |h, d| {
        customer_clv(
            &bg,
            &gg,
            &c,
            &ClvOptions {
                horizon_days: h,
                monthly_discount_rate: d,
            },
        )
        .expect("valid")
    };
    let undiscounted = plain(365.0, 0.0);
    let expected = bg.expected_purchases(&c, 365.0 / 7.0).expect("valid")
        * gg.expected_spend(4, 40.0).expect("valid");
    assert!(
        (undiscounted - expected).abs() < 1e-9 * expected,
        "d = 0: CLV = E[Y(H)]·E[M]"
    );
    assert!(
        plain(365.0, 0.01) < undiscounted,
        "discounting lowers value"
    );
    assert!(
        plain(365.0, 0.05) < plain(365.0, 0.01),
        "more discounting lowers it more"
    );
    assert!(
        plain(90.0, 0.01) < plain(365.0, 0.01),
        "a longer horizon is worth more"
    );
    assert_eq!(plain(0.0, 0.01), 0.0, "no time, no value");

    let json = serde_json::to_string(&bg).expect("serialisable");
    assert!(
        json.contains("\"alpha\"") && json.contains("\"period\":\"weeks\""),
        "{json}"
    );
    let back: BgNbd = serde_json::from_str(&json).expect("round trip");
    assert_eq!(back, bg, "a stored model reloads unchanged");
    let end = day(2025, 6, 30);
    let summary = summarize(
        &[
            order("a", day(2025, 1, 1), 5.0),
            order("a", day(2025, 3, 1), 7.0),
        ],
        end,
        Period::Weeks,
    );
    let values = clv(
        &bg,
        &gg,
        &summary,
        &ClvOptions {
            horizon_days: 90.0,
            monthly_discount_rate: 0.01,
        },
    )
    .expect("valid");
    let json = serde_json::to_string(&values).expect("serialisable");
    assert!(
        json.contains("\"customer_id\":\"a\"") && json.contains("\"p_alive\""),
        "{json}"
    );
    serde_json::to_string(&summary).expect("summary serialisable");
}
