//! Shared helpers for the integration tests: a seeded BG/NBD + Gamma-Gamma simulator and the
//! CDNOW data loader.

use kith::analytics::clv::Rfm;
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use rand_distr::{Beta, Distribution, Gamma};

/// True parameters of a simulation.
#[derive(Clone, Copy, Debug)]
pub struct Truth {
    pub r: f64,
    pub alpha: f64,
    pub a: f64,
    pub b: f64,
    pub p: f64,
    pub q: f64,
    pub v: f64,
}

pub const TRUTH: Truth = Truth {
    r: 0.25,
    alpha: 4.0,
    a: 0.8,
    b: 2.5,
    p: 6.0,
    q: 4.0,
    v: 15.0,
};

/// Draws `n` customers from BG/NBD (times in weeks) with ages uniform in `ages`, and a mean
/// spend per repeat purchase from Gamma-Gamma. Deterministic for a given seed.
pub fn simulate(n: usize, truth: Truth, ages: (f64, f64), seed: u64) -> Vec<Rfm> {
    let mut rng = StdRng::seed_from_u64(seed);
    let rate = Gamma::new(truth.r, 1.0 / truth.alpha).expect("valid gamma");
    let dropout = Beta::new(truth.a, truth.b).expect("valid beta");
    let nu = Gamma::new(truth.q, 1.0 / truth.v).expect("valid gamma");
    (0..n)
        .map(|_| {
            let age = ages.0 + (ages.1 - ages.0) * rng.random::<f64>();
            let lambda: f64 = rate.sample(&mut rng);
            let p: f64 = dropout.sample(&mut rng);
            let (mut t, mut x, mut tx) = (0.0, 0u32, 0.0);
            if lambda > 0.0 {
                loop {
                    t += -(1.0 - rng.random::<f64>()).ln() / lambda;
                    if t >= age {
                        break;
                    }
                    x += 1;
                    tx = t;
                    if rng.random::<f64>() < p {
                        break;
                    }
                }
            }
            let monetary_value = if x > 0 {
                let nu: f64 = nu.sample(&mut rng);
                let total = Gamma::new(truth.p * f64::from(x), 1.0 / nu).expect("valid gamma");
                let sum: f64 = total.sample(&mut rng);
                sum / f64::from(x)
            } else {
                0.0
            };
            Rfm {
                frequency: x,
                recency: tx,
                age,
                monetary_value,
            }
        })
        .collect()
}

/// The CDNOW cohort summary shipped with `lifetimes` (weeks; zbar = mean repeat spend).
pub fn cdnow() -> Vec<Rfm> {
    let text = include_str!("../../data/clv/cdnow_customers_summary_with_transactions.csv");
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let f: Vec<&str> = line.trim().split(',').collect();
            Rfm {
                frequency: f[1].parse().expect("x"),
                recency: f[2].parse().expect("t_x"),
                age: f[3].parse().expect("T"),
                monetary_value: f[4].parse().expect("zbar"),
            }
        })
        .collect()
}

/// |got − want| ≤ rel·|want|, with a message.
pub fn assert_rel(got: f64, want: f64, rel: f64, what: &str) {
    assert!(
        got.is_finite() && (got - want).abs() <= rel * want.abs(),
        "{what}: got {got}, want {want} (relative tolerance {rel:e}, off by {:e})",
        ((got - want) / want).abs()
    );
}
