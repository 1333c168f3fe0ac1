//! Shared test helpers: a reproducible RNG, planted data and the adjusted Rand index.

use kith::analytics::segments::CustomerValues;

/// Reproducible test data on every platform.
pub use kith::rng::SplitMix64 as Gen;

/// Gaussian blobs: `per` points around each centre with standard deviation `sigma`.
/// Returns the row-major points and the true label of each.
pub fn blobs(centres: &[&[f64]], per: usize, sigma: f64, seed: u64) -> (Vec<f64>, Vec<usize>) {
    let mut g = Gen::new(seed);
    let mut points = Vec::new();
    let mut truth = Vec::new();
    // Interleave the groups so that input order says nothing about the clusters.
    for _ in 0..per {
        for (label, c) in centres.iter().enumerate() {
            for &v in c.iter() {
                points.push(v + sigma * g.normal());
            }
            truth.push(label);
        }
    }
    (points, truth)
}

/// Customers planted in groups: each group is (recency days, orders, spend) medians, with
/// multiplicative lognormal noise of `sigma`. Returns the customers and their true group.
pub fn planted_customers(
    groups: &[(f64, f64, f64)],
    per: usize,
    sigma: f64,
    seed: u64,
) -> (Vec<CustomerValues>, Vec<usize>) {
    let mut g = Gen::new(seed);
    let mut out = Vec::new();
    let mut truth = Vec::new();
    for i in 0..per {
        for (label, &(r, o, s)) in groups.iter().enumerate() {
            let mut noisy = |v: f64| v * (sigma * g.normal()).exp();
            out.push(CustomerValues {
                id: format!("g{label}-{i}"),
                recency_days: noisy(r),
                orders: noisy(o),
                spend: noisy(s),
                extra: Vec::new(),
            });
            truth.push(label);
        }
    }
    (out, truth)
}

/// A skewed, overlapping RFM-like population (no clear clusters), `n` customers.
pub fn rfm_like(n: usize, seed: u64) -> Vec<CustomerValues> {
    let mut g = Gen::new(seed);
    (0..n)
        .map(|i| {
            let lapsed = g.unit() < 0.4;
            let recency = if lapsed { 400.0 } else { 30.0 } * (0.8 * g.normal()).exp();
            let orders = (3.0 * (0.7 * g.normal()).exp()).round().max(1.0);
            let spend = orders * 50.0 * (0.6 * g.normal()).exp();
            CustomerValues {
                id: format!("c{i}"),
                recency_days: recency.round(),
                orders,
                spend,
                extra: Vec::new(),
            }
        })
        .collect()
}

fn choose2(x: usize) -> f64 {
    (x * x.saturating_sub(1)) as f64 / 2.0
}

/// Adjusted Rand index of two labelings (1 = identical partitions up to renaming).
pub fn adjusted_rand_index(a: &[usize], b: &[usize]) -> f64 {
    assert_eq!(a.len(), b.len());
    let ka = a.iter().max().map_or(0, |m| m + 1);
    let kb = b.iter().max().map_or(0, |m| m + 1);
    let mut table = vec![vec![0usize; kb]; ka];
    for (&x, &y) in a.iter().zip(b) {
        table[x][y] += 1;
    }
    let index: f64 = table.iter().flatten().map(|&c| choose2(c)).sum();
    let rows: f64 = table.iter().map(|r| choose2(r.iter().sum())).sum();
    let cols: f64 = (0..kb)
        .map(|j| choose2(table.iter().map(|r| r[j]).sum()))
        .sum();
    let total = choose2(a.len());
    let expected = rows * cols / total;
    let max = (rows + cols) / 2.0;
    if max == expected {
        1.0
    } else {
        (index - expected) / (max - expected)
    }
}
