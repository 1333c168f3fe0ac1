//! Shared test helpers: a reproducible RNG, planted data and the adjusted Rand index.

use kith::analytics::segments::CustomerValues;

/// SplitMix64: reproducible test data on every platform.
pub struct Gen(pub u64);

impl Gen {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn uniform(&mut self) -> f64 {
        ((self.next_u64() >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    }
    pub fn normal(&mut self) -> f64 {
        let (u1, u2) = (self.uniform(), self.uniform());
        (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
    }
}

/// Gaussian blobs: `per` points around each centre with standard deviation `sigma`.
/// Returns the row-major points and the true label of each.
pub fn blobs(centres: &[&[f64]], per: usize, sigma: f64, seed: u64) -> (Vec<f64>, Vec<usize>) {
    let mut g = Gen(seed);
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
    let mut g = Gen(seed);
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
    let mut g = Gen(seed);
    (0..n)
        .map(|i| {
            let lapsed = g.uniform() < 0.4;
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
