//! The numeric kernel behind [`super`]: a seeded PRNG, greedy k-means++ seeding,
//! Hamerly-accelerated Lloyd iterations, best-of-`n_init` over threads, and the silhouette.
//!
//! Every hot loop is generic over the number of columns `D` (a const), so the per-distance
//! loop is fully unrolled; [`super`] dispatches a runtime column count to `D` in `1..=16`.
//! Points are a row-major `&[[f64; D]]` view of one flat `Vec<f64>`.
//!
//! # Lloyd with Hamerly's bounds
//!
//! Hamerly (2010) keeps, per point `i` with centre `a(i)`: an upper bound `u(i) ≥ ‖xᵢ − c_a‖`
//! and a lower bound `l(i) ≤ min_{j≠a} ‖xᵢ − c_j‖`; per centre `s(j) = ½ min_{j'≠j} ‖c_j − c_j'‖`.
//! When `u(i) ≤ max(s(a), l(i))` the assignment cannot change and no distance is computed.
//! After centres move by `δ_j`, `u(i) += δ_a` and `l(i) −= max_{j≠a} δ_j` keep the bounds
//! valid. The assignments are exactly Lloyd's; only distance evaluations are skipped.
//! Cluster sums are updated incrementally when a point moves.
//!
//! Iteration `t`: centres ← means of the current labels (M), bounds updated, labels ←
//! nearest centre (E). Stop when no label changed (strict convergence) or when the summed
//! squared centre shift `Σ_j δ_j² ≤ tol_abs` (scikit-learn's rule, `tol_abs = tol · mean
//! column variance`), or after `max_iter` iterations. Labels are therefore always the nearest
//! centres of the returned centroids, as in scikit-learn after its final E-step.
//!
//! An empty cluster is re-seeded with the point farthest from its own centre (taken from a
//! cluster with more than one point), as scikit-learn does.

// Index loops over `0..D` read as the formulas do and unroll fully for a const `D`.
#![allow(clippy::needless_range_loop)]

use std::sync::atomic::{AtomicUsize, Ordering};

/// xoshiro256++ seeded through SplitMix64: small, fast, and fixed forever, so a seed gives
/// the same segments on every platform and after any dependency upgrade (unlike `rand`'s
/// `SmallRng`, whose algorithm may change between versions).
#[derive(Debug, Clone)]
pub(crate) struct Rng {
    s: [u64; 4],
}

/// One SplitMix64 step: a good 64-bit mixer for deriving seeds.
pub(crate) fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A seed derived from `seed` and a stream number (a start, a k, a purpose).
pub(crate) fn derive_seed(seed: u64, stream: u64) -> u64 {
    let mut s = seed ^ stream.wrapping_mul(0xD1B5_4A32_D192_ED03);
    splitmix64(&mut s)
}

impl Rng {
    pub(crate) fn new(seed: u64) -> Rng {
        let mut sm = seed;
        Rng {
            s: [
                splitmix64(&mut sm),
                splitmix64(&mut sm),
                splitmix64(&mut sm),
                splitmix64(&mut sm),
            ],
        }
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        let s = &mut self.s;
        let result = s[0].wrapping_add(s[3]).rotate_left(23).wrapping_add(s[0]);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        result
    }

    /// Uniform in `[0, 1)`.
    pub(crate) fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform in `0..n` (`n > 0`), by multiply-shift (bias < n / 2⁶⁴).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }
}

#[inline(always)]
fn sq_dist<const D: usize>(a: &[f64; D], b: &[f64; D]) -> f64 {
    let mut s = 0.0;
    for t in 0..D {
        let d = a[t] - b[t];
        s += d * d;
    }
    s
}

/// Index of the nearest centre, its squared distance, and the second-smallest squared
/// distance (`f64::INFINITY` with one centre). Ties go to the lower index.
#[inline(always)]
fn nearest2<const D: usize>(p: &[f64; D], centers: &[[f64; D]]) -> (usize, f64, f64) {
    let (mut best, mut d1, mut d2) = (0, f64::INFINITY, f64::INFINITY);
    for (j, c) in centers.iter().enumerate() {
        let d = sq_dist(p, c);
        if d < d1 {
            d2 = d1;
            d1 = d;
            best = j;
        } else if d < d2 {
            d2 = d;
        }
    }
    (best, d1, d2)
}

/// Population variance of each column, averaged over the columns.
pub(crate) fn mean_column_variance<const D: usize>(x: &[[f64; D]]) -> f64 {
    if x.is_empty() {
        return 0.0;
    }
    let n = x.len() as f64;
    let mut mean = [0.0; D];
    for p in x {
        for t in 0..D {
            mean[t] += p[t];
        }
    }
    for m in &mut mean {
        *m /= n;
    }
    let mut var = 0.0;
    for p in x {
        var += sq_dist(p, &mean);
    }
    var / n / D as f64
}

/// The number of distinct rows in `x` (bitwise, with −0 = +0), counting no further than `cap`.
pub(crate) fn count_distinct<const D: usize>(x: &[[f64; D]], cap: usize) -> usize {
    let mut seen: std::collections::HashSet<[u64; D]> = std::collections::HashSet::new();
    for p in x {
        if seen.len() >= cap {
            break;
        }
        // Adding 0.0 turns −0.0 into +0.0, so the two compare equal bitwise.
        seen.insert(p.map(|v| (v + 0.0).to_bits()));
    }
    seen.len()
}

/// Greedy k-means++ (Arthur & Vassilvitskii 2007, with scikit-learn's greedy variant): the
/// first centre is a uniform draw; each next one is the best, by resulting potential
/// `Σ min_j ‖x − c_j‖²`, of `2 + ⌊ln k⌋` candidates drawn with probability ∝ D(x)².
/// Needs at least `k` distinct points (checked by the caller) to give `k` distinct centres.
fn init_plus_plus<const D: usize>(x: &[[f64; D]], k: usize, rng: &mut Rng) -> Vec<[f64; D]> {
    let n = x.len();
    let trials = 2 + (k as f64).ln().floor() as usize;
    let mut centers = Vec::with_capacity(k);
    let first = x[rng.below(n)];
    centers.push(first);
    let mut closest: Vec<f64> = x.iter().map(|p| sq_dist(p, &first)).collect();
    let mut cumulative = vec![0.0; n];
    let mut candidates: Vec<(usize, [f64; D])> = Vec::with_capacity(trials);
    let mut potentials = vec![0.0; trials];
    while centers.len() < k {
        let mut total = 0.0;
        for (c, &d) in cumulative.iter_mut().zip(&closest) {
            total += d;
            *c = total;
        }
        candidates.clear();
        for _ in 0..trials {
            let idx = if total > 0.0 {
                let r = rng.next_f64() * total;
                // First point whose cumulative weight passes r: a point with D(x)² > 0.
                let i = cumulative.partition_point(|&c| c <= r);
                if i < n {
                    i
                } else {
                    closest.iter().rposition(|&d| d > 0.0).unwrap_or(n - 1)
                }
            } else {
                rng.below(n)
            };
            candidates.push((idx, x[idx]));
        }
        // One pass scores every candidate: the potential if it became the next centre.
        potentials.fill(0.0);
        for (p, &d) in x.iter().zip(&closest) {
            for (pot, (_, c)) in potentials.iter_mut().zip(&candidates) {
                *pot += d.min(sq_dist(p, c));
            }
        }
        // The lowest potential wins; the earlier draw on a tie.
        let best = (1..trials).fold(0, |b, t| if potentials[t] < potentials[b] { t } else { b });
        let c = candidates[best].1;
        for (p, d) in x.iter().zip(&mut closest) {
            *d = d.min(sq_dist(p, &c));
        }
        centers.push(c);
    }
    centers
}

/// One k-means run's outcome.
#[derive(Debug, Clone)]
pub(crate) struct Run<const D: usize> {
    pub(crate) labels: Vec<u32>,
    pub(crate) centers: Vec<[f64; D]>,
    pub(crate) inertia: f64,
    pub(crate) n_iter: usize,
}

/// Per-point Hamerly state, kept together so one pass streams one array.
#[derive(Debug, Clone, Copy, Default)]
struct Bounds {
    /// Upper bound on the distance to the assigned centre.
    upper: f64,
    /// Lower bound on the distance to every other centre.
    lower: f64,
    /// The assigned centre.
    label: u32,
}

/// Working state of one Hamerly run.
struct State<const D: usize> {
    pts: Vec<Bounds>,
    sums: Vec<[f64; D]>,
    counts: Vec<usize>,
}

/// Moves a point's contribution from cluster `from` to cluster `to`.
#[inline(always)]
fn transfer<const D: usize>(
    sums: &mut [[f64; D]],
    counts: &mut [usize],
    p: &[f64; D],
    from: usize,
    to: usize,
) {
    for t in 0..D {
        sums[from][t] -= p[t];
        sums[to][t] += p[t];
    }
    counts[from] -= 1;
    counts[to] += 1;
}

impl<const D: usize> State<D> {
    /// Re-seeds every empty cluster with the point farthest from its centre. Returns whether
    /// anything moved. The centre itself moves at the next M-step, so the bounds stay valid.
    fn relocate_empty(&mut self, x: &[[f64; D]], centers: &[[f64; D]]) -> bool {
        let mut moved = false;
        for j in 0..centers.len() {
            if self.counts[j] > 0 {
                continue;
            }
            let far = x
                .iter()
                .zip(&self.pts)
                .enumerate()
                .filter(|(_, (_, b))| self.counts[b.label as usize] > 1)
                .map(|(i, (p, b))| (sq_dist(p, &centers[b.label as usize]), i))
                .fold(None, |acc: Option<(f64, usize)>, cand| match acc {
                    Some(a) if a.0 >= cand.0 => Some(a),
                    _ => Some(cand),
                });
            let Some((_, i)) = far else { continue };
            let from = self.pts[i].label as usize;
            transfer(&mut self.sums, &mut self.counts, &x[i], from, j);
            self.pts[i] = Bounds {
                upper: sq_dist(&x[i], &centers[j]).sqrt(),
                lower: 0.0,
                label: j as u32,
            };
            moved = true;
        }
        moved
    }
}

/// Lloyd's iterations from `centers`, accelerated with Hamerly's bounds.
fn lloyd<const D: usize>(
    x: &[[f64; D]],
    mut centers: Vec<[f64; D]>,
    max_iter: usize,
    tol_abs: f64,
) -> Run<D> {
    let k = centers.len();
    let mut st = State {
        pts: Vec::with_capacity(x.len()),
        sums: vec![[0.0; D]; k],
        counts: vec![0; k],
    };
    for p in x {
        let (best, d1, d2) = nearest2(p, &centers);
        st.pts.push(Bounds {
            upper: d1.sqrt(),
            lower: d2.sqrt(),
            label: best as u32,
        });
        for t in 0..D {
            st.sums[best][t] += p[t];
        }
        st.counts[best] += 1;
    }
    let mut relocated = st.relocate_empty(x, &centers);

    let mut shift = vec![0.0; k];
    let mut lower_drop = vec![0.0; k];
    let mut half_gap = vec![0.0; k];
    let mut n_iter = 0;
    for _ in 0..max_iter {
        n_iter += 1;
        // M-step: centres to the means of their clusters.
        let mut shift_total = 0.0;
        for j in 0..k {
            if st.counts[j] == 0 {
                shift[j] = 0.0;
                continue;
            }
            let inv = 1.0 / st.counts[j] as f64;
            let new = st.sums[j].map(|s| s * inv);
            let d2 = sq_dist(&new, &centers[j]);
            shift[j] = d2.sqrt();
            shift_total += d2;
            centers[j] = new;
        }
        // A point of cluster a: its lower bound drops by the largest shift of another centre.
        for a in 0..k {
            lower_drop[a] = (0..k)
                .filter(|&j| j != a)
                .map(|j| shift[j])
                .fold(0.0, f64::max);
        }
        for j in 0..k {
            let mut m = f64::INFINITY;
            for j2 in 0..k {
                if j2 != j {
                    m = m.min(sq_dist(&centers[j], &centers[j2]));
                }
            }
            half_gap[j] = 0.5 * m.sqrt();
        }
        // E-step with bounds.
        let mut changed = 0usize;
        let State { pts, sums, counts } = &mut st;
        for (p, b) in x.iter().zip(pts.iter_mut()) {
            let a = b.label as usize;
            b.upper += shift[a];
            b.lower -= lower_drop[a];
            let bound = half_gap[a].max(b.lower);
            if b.upper <= bound {
                continue;
            }
            b.upper = sq_dist(p, &centers[a]).sqrt();
            if b.upper <= bound {
                continue;
            }
            let (best, d1, d2) = nearest2(p, &centers);
            b.upper = d1.sqrt();
            b.lower = d2.sqrt();
            if best != a {
                transfer(sums, counts, p, a, best);
                b.label = best as u32;
                changed += 1;
            }
        }
        relocated = st.relocate_empty(x, &centers);
        if !relocated && (changed == 0 || shift_total <= tol_abs) {
            break;
        }
    }
    if relocated {
        // Stopped by max_iter right after re-seeding: give the re-seeded clusters their means.
        for j in 0..k {
            if st.counts[j] > 0 {
                let inv = 1.0 / st.counts[j] as f64;
                centers[j] = st.sums[j].map(|s| s * inv);
            }
        }
    }

    let labels: Vec<u32> = st.pts.iter().map(|b| b.label).collect();
    let inertia = x
        .iter()
        .zip(&labels)
        .map(|(p, &l)| sq_dist(p, &centers[l as usize]))
        .sum();
    Run {
        labels,
        centers,
        inertia,
        n_iter,
    }
}

/// Settings of one best-of-`n_init` fit, already validated.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FitSettings {
    pub(crate) k: usize,
    pub(crate) n_init: usize,
    pub(crate) max_iter: usize,
    pub(crate) tol: f64,
    pub(crate) seed: u64,
    pub(crate) threads: usize,
}

/// Runs `n_init` seeded k-means++ starts (spread over `threads` threads) and keeps the one
/// with the lowest inertia; equal inertias go to the lower start index, so the result does
/// not depend on thread scheduling. Returns the run and its start index.
pub(crate) fn best_of<const D: usize>(x: &[[f64; D]], s: FitSettings) -> (Run<D>, usize) {
    let tol_abs = s.tol * mean_column_variance(x);
    let one = |start: usize| {
        let mut rng = Rng::new(derive_seed(s.seed, start as u64));
        let init = init_plus_plus(x, s.k, &mut rng);
        lloyd(x, init, s.max_iter, tol_abs)
    };
    let better = |a: (Run<D>, usize), b: (Run<D>, usize)| {
        if (b.0.inertia, b.1) < (a.0.inertia, a.1) {
            b
        } else {
            a
        }
    };
    let threads = s.threads.clamp(1, s.n_init.max(1));
    if threads == 1 {
        let mut best = (one(0), 0);
        for start in 1..s.n_init {
            best = better(best, (one(start), start));
        }
        return best;
    }
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut best: Option<(Run<D>, usize)> = None;
                    loop {
                        let start = next.fetch_add(1, Ordering::Relaxed);
                        if start >= s.n_init {
                            break best;
                        }
                        let run = (one(start), start);
                        best = Some(match best {
                            Some(b) => better(b, run),
                            None => run,
                        });
                    }
                })
            })
            .collect();
        let mut best: Option<(Run<D>, usize)> = None;
        for h in handles {
            let got = match h.join() {
                Ok(got) => got,
                Err(panic) => std::panic::resume_unwind(panic),
            };
            if let Some(run) = got {
                best = Some(match best {
                    Some(b) => better(b, run),
                    None => run,
                });
            }
        }
        // n_init ≥ 1 and every start ran, so some thread returned a run; fall back to a
        // direct run rather than panic if that invariant were ever broken.
        best.unwrap_or_else(|| (one(0), 0))
    })
}

/// `m` indices of `0..n` drawn without replacement (all of them when `n ≤ m`), sorted.
pub(crate) fn sample_indices(n: usize, m: usize, seed: u64) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..n).collect();
    if n > m {
        let mut rng = Rng::new(seed);
        for i in 0..m {
            let j = i + rng.below(n - i);
            idx.swap(i, j);
        }
        idx.truncate(m);
        idx.sort_unstable();
    }
    idx
}

/// Mean silhouette over the points `sample` (Rousseeuw 1987) with Euclidean distances:
/// `s(i) = (b − a) / max(a, b)`, `a` = mean distance to the other members of its own
/// cluster, `b` = smallest mean distance to another cluster's members, distances taken
/// within the sample only; a point alone in its cluster scores 0 (scikit-learn's
/// convention). `None` when the sample holds fewer than two clusters.
pub(crate) fn silhouette<const D: usize>(
    x: &[[f64; D]],
    labels: &[u32],
    sample: &[usize],
) -> Option<f64> {
    let k = labels.iter().map(|&l| l as usize + 1).max().unwrap_or(0);
    let m = sample.len();
    let lab: Vec<usize> = sample.iter().map(|&i| labels[i] as usize).collect();
    let pts: Vec<[f64; D]> = sample.iter().map(|&i| x[i]).collect();
    let mut counts = vec![0usize; k];
    for &l in &lab {
        counts[l] += 1;
    }
    if counts.iter().filter(|&&c| c > 0).count() < 2 {
        return None;
    }
    let mut sums = vec![0.0; m * k];
    for a in 0..m {
        let (pa, la) = (&pts[a], lab[a]);
        for b in a + 1..m {
            let d = sq_dist(pa, &pts[b]).sqrt();
            sums[a * k + lab[b]] += d;
            sums[b * k + la] += d;
        }
    }
    let mut total = 0.0;
    for a in 0..m {
        let own = lab[a];
        if counts[own] < 2 {
            continue;
        }
        let row = &sums[a * k..(a + 1) * k];
        let within = row[own] / (counts[own] - 1) as f64;
        let nearest = (0..k)
            .filter(|&c| c != own && counts[c] > 0)
            .map(|c| row[c] / counts[c] as f64)
            .fold(f64::INFINITY, f64::min);
        let denom = within.max(nearest);
        if denom > 0.0 {
            total += (nearest - within) / denom;
        }
    }
    Some(total / m as f64)
}
