//! Parameter recovery on data simulated from the models themselves (seeded, so deterministic),
//! and the fit-time check for 25,000 customers.

use super::common;

use std::time::Instant;

use common::{TRUTH, assert_rel, simulate};
use kith::analytics::clv::{FitOptions, Period, fit_bgnbd, fit_gamma_gamma};

#[test]
fn bgnbd_recovers_simulated_parameters() {
    // 50,000 customers observed for 39 weeks (the CDNOW design). With CDNOW's 2,357 customers the
    // standard errors are about 5 % (r), 9 % (α), 23 % (a), 29 % (b); with 50,000 they shrink by
    // √(2357/50000) ≈ 0.22, to ≤ 6.5 %. A 15 % tolerance is over 2 standard errors for every
    // parameter and still catches a wrong likelihood or a stalled optimiser.
    let data = simulate(50_000, TRUTH, (39.0, 39.0), 20_260_101);
    let model =
        fit_bgnbd(&data, Period::Weeks, &FitOptions::default()).expect("simulated data fit");
    println!(
        "BG/NBD fit: r={:.4} α={:.4} a={:.4} b={:.4}",
        model.r, model.alpha, model.a, model.b
    );
    assert_rel(model.r, TRUTH.r, 0.15, "r");
    assert_rel(model.alpha, TRUTH.alpha, 0.15, "alpha");
    assert_rel(model.a, TRUTH.a, 0.15, "a");
    assert_rel(model.b, TRUTH.b, 0.15, "b");
}

#[test]
fn bgnbd_recovers_parameters_with_staggered_cohorts_and_days() {
    // Customers who joined at different times (age 1–52 weeks), expressed in days: α scales by 7,
    // the shapes are unit-free.
    let mut data = simulate(40_000, TRUTH, (1.0, 52.0), 7);
    for c in &mut data {
        c.recency *= 7.0;
        c.age *= 7.0;
    }
    let model = fit_bgnbd(&data, Period::Days, &FitOptions::default()).expect("fit");
    println!(
        "BG/NBD (days) fit: r={:.4} α={:.4} a={:.4} b={:.4}",
        model.r, model.alpha, model.a, model.b
    );
    assert_rel(model.r, TRUTH.r, 0.15, "r");
    assert_rel(model.alpha, TRUTH.alpha * 7.0, 0.15, "alpha (days)");
    assert_rel(model.a, TRUTH.a, 0.15, "a");
    assert_rel(model.b, TRUTH.b, 0.15, "b");
}

#[test]
fn gamma_gamma_recovers_simulated_parameters() {
    // Spend simulated for the repeat buyers of 50,000 BG/NBD customers (~19,000 of them).
    let data = simulate(50_000, TRUTH, (39.0, 39.0), 99);
    let repeat = data.iter().filter(|c| c.frequency > 0).count();
    assert!(
        repeat > 15_000,
        "simulation should give plenty of repeat buyers, got {repeat}"
    );
    let model = fit_gamma_gamma(&data, &FitOptions::default()).expect("fit");
    println!(
        "Gamma-Gamma fit on {repeat}: p={:.4} q={:.4} v={:.4}",
        model.p, model.q, model.v
    );
    assert_rel(model.p, TRUTH.p, 0.10, "p");
    assert_rel(model.q, TRUTH.q, 0.10, "q");
    assert_rel(model.v, TRUTH.v, 0.15, "v");
    // The population mean spend p·v/(q−1) is what CLV really uses; it is estimated much better.
    let mean = model.population_mean_spend().expect("q > 1");
    assert_rel(
        mean,
        TRUTH.p * TRUTH.v / (TRUTH.q - 1.0),
        0.05,
        "population mean spend",
    );
}

/// `cargo test --release --test simulation -- --ignored --nocapture` prints the fit time.
#[test]
#[ignore = "timing: run in release mode"]
fn fit_25k_customers_is_fast() {
    let data = simulate(25_000, TRUTH, (1.0, 52.0), 2026);
    // Warm-up (page in code and data), then the best of three.
    let _ = fit_bgnbd(&data, Period::Weeks, &FitOptions::default());
    let mut best = f64::INFINITY;
    for _ in 0..3 {
        let start = Instant::now();
        let bg = fit_bgnbd(&data, Period::Weeks, &FitOptions::default()).expect("fit");
        let gg = fit_gamma_gamma(&data, &FitOptions::default()).expect("fit");
        let elapsed = start.elapsed().as_secs_f64();
        best = best.min(elapsed);
        println!(
            "25,000 customers: BG/NBD ({} iterations) + Gamma-Gamma ({} iterations) in {:.1} ms",
            bg.fit.map_or(0, |f| f.iterations),
            gg.fit.map_or(0, |f| f.iterations),
            elapsed * 1e3
        );
    }
    if !cfg!(debug_assertions) {
        assert!(
            best < 0.5,
            "fitting 25,000 customers must take well under 0.5 s, took {best:.3} s"
        );
    }
}
