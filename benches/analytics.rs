//! Analytics against their goals, measured in the same run:
//!
//! - segmentation of 100,000 customers: Kith's k-means (k = 5, 10 k-means++ starts) against
//!   scikit-learn's `KMeans(n_clusters=5, n_init=10)` on the same standardised features (a
//!   deterministic mixture of five lognormal customer groups); goal: time ratio ≤ 1.0 and
//!   inertia no more than 0.5 % above scikit-learn's. scikit-learn runs from a virtual
//!   environment under `target/bench-venv`, made by `scripts/bench_sklearn.py` when missing.
//! - BG/NBD + Gamma-Gamma fitted on 25,000 customers simulated from the models; goal < 0.5 s.
//!
//! Figures are printed, never asserted. Best of three runs on each side.

#[path = "../tests/it/clv/common.rs"]
#[allow(dead_code)]
mod common;

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use kith::analytics::clv::{FitOptions, Period, fit_bgnbd, fit_gamma_gamma};
use kith::analytics::segments::{CustomerValues, KMeansOptions, feature_matrix, kmeans};

const CUSTOMERS: usize = 100_000;
const K: usize = 5;
const N_INIT: usize = 10;
const REPEATS: usize = 3;
const CLV_CUSTOMERS: usize = 25_000;
const CLV_GOAL_SECONDS: f64 = 0.5;

/// SplitMix64: the same data on every platform.
struct Gen(u64);

impl Gen {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn uniform(&mut self) -> f64 {
        ((self.next_u64() >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    }
    fn lognormal(&mut self, median: f64, sigma: f64) -> f64 {
        let (u1, u2) = (self.uniform(), self.uniform());
        let normal = (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos();
        median * (sigma * normal).exp()
    }
}

/// Five customer groups: (share, recency median days, σ, orders median, σ, spend per order
/// median, σ): best, regulars, new, lapsing regulars, lapsed one-off buyers.
const GROUPS: [(f64, f64, f64, f64, f64, f64, f64); 5] = [
    (0.10, 8.0, 0.6, 14.0, 0.35, 90.0, 0.5),
    (0.20, 35.0, 0.6, 6.0, 0.4, 55.0, 0.5),
    (0.25, 12.0, 0.7, 1.0, 0.3, 40.0, 0.6),
    (0.20, 220.0, 0.5, 5.0, 0.5, 60.0, 0.5),
    (0.25, 520.0, 0.4, 1.3, 0.35, 30.0, 0.6),
];

fn customers(n: usize) -> Vec<CustomerValues> {
    let mut g = Gen(2024);
    (0..n)
        .map(|i| {
            let u = g.uniform();
            let mut acc = 0.0;
            let mut group = GROUPS[GROUPS.len() - 1];
            for candidate in GROUPS {
                acc += candidate.0;
                if u < acc {
                    group = candidate;
                    break;
                }
            }
            let (_, rm, rs, om, os, sm, ss) = group;
            let orders = g.lognormal(om, os).round().max(1.0);
            CustomerValues {
                id: format!("c{i}"),
                recency_days: g.lognormal(rm, rs).round().min(3650.0),
                orders,
                spend: (orders * g.lognormal(sm, ss) * 100.0).round() / 100.0,
                extra: Vec::new(),
            }
        })
        .collect()
}

fn best_of<T>(repeats: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut best = f64::INFINITY;
    let mut out = None;
    for _ in 0..repeats {
        let start = Instant::now();
        let value = f();
        best = best.min(start.elapsed().as_secs_f64());
        out = Some(value);
    }
    (best, out.expect("at least one run"))
}

fn verdict(ok: bool) -> &'static str {
    if ok { "PASS" } else { "FAIL" }
}

fn segmentation(data_dir: &Path) {
    let data = customers(CUSTOMERS);
    let m = feature_matrix(&data, &[]).expect("finite features");
    let dims = m.columns.len();
    let csv = data_dir.join("kmeans-features.csv");
    let mut text = m.columns.join(",") + "\n";
    for row in m.values.chunks_exact(dims) {
        let cells: Vec<String> = row.iter().map(|v| format!("{v:?}")).collect();
        text.push_str(&cells.join(","));
        text.push('\n');
    }
    std::fs::write(&csv, text).expect("write the feature matrix");
    let options = KMeansOptions {
        n_init: N_INIT,
        seed: 0,
        ..KMeansOptions::default()
    };
    let (ours, fit) = best_of(REPEATS, || {
        kmeans(&m.values, dims, K, &options).expect("fits")
    });
    println!(
        "  kith k-means           {ours:>8.3} s  inertia {:.4}  ({CUSTOMERS} customers, k {K}, \
         {N_INIT} starts)",
        fit.inertia
    );
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/bench_sklearn.py");
    let out = Command::new("python3")
        .arg(script)
        .arg(&csv)
        .args([K.to_string(), N_INIT.to_string(), REPEATS.to_string()])
        .output();
    let out = match out {
        Ok(o) if o.status.success() => o,
        Ok(o) => {
            println!(
                "  scikit-learn: SKIPPED ({})",
                String::from_utf8_lossy(&o.stderr)
                    .lines()
                    .last()
                    .unwrap_or("failed")
            );
            return;
        }
        Err(e) => {
            println!("  scikit-learn: SKIPPED (no python3: {e})");
            return;
        }
    };
    let line = String::from_utf8_lossy(&out.stdout);
    let v: serde_json::Value =
        serde_json::from_str(line.trim().lines().last().unwrap_or("{}")).expect("one JSON line");
    let (theirs, inertia) = (
        v["seconds"].as_f64().unwrap_or(f64::NAN),
        v["inertia"].as_f64().unwrap_or(f64::NAN),
    );
    println!(
        "  scikit-learn {} KMeans {theirs:>6.3} s  inertia {inertia:.4}",
        v["version"].as_str().unwrap_or("?")
    );
    let ratio = ours / theirs;
    let gap = (fit.inertia / inertia - 1.0) * 100.0;
    println!(
        "  ratio kith/scikit-learn {ratio:.2} (goal ≤ 1.0): {}",
        verdict(ratio <= 1.0)
    );
    println!(
        "  inertia {gap:+.4} % against scikit-learn (goal ≤ +0.5 %): {}",
        verdict(gap <= 0.5)
    );
}

fn lifetime_value() {
    let data = common::simulate(CLV_CUSTOMERS, common::TRUTH, (39.0, 39.0), 7);
    let opts = FitOptions::default();
    let (seconds, _) = best_of(REPEATS, || {
        let bg = fit_bgnbd(&data, Period::Weeks, &opts).expect("fits");
        let gg = fit_gamma_gamma(&data, &opts).expect("fits");
        (bg, gg)
    });
    println!(
        "  BG/NBD + Gamma-Gamma fit, {CLV_CUSTOMERS} customers {seconds:>6.3} s (goal < \
         {CLV_GOAL_SECONDS} s): {}",
        verdict(seconds < CLV_GOAL_SECONDS)
    );
}

fn main() {
    let data_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    std::fs::create_dir_all(&data_dir).expect("create target/bench-data");
    println!("analytics bench: segmentation");
    segmentation(&data_dir);
    println!("analytics bench: lifetime value");
    lifetime_value();
}
