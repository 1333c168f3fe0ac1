//! Analytics against their goals, measured in the same run:
//!
//! - segmentation of 100,000 customers: Kith's k-means (k = 5, 10 k-means++ starts) against
//!   scikit-learn's `KMeans(n_clusters=5, n_init=10)` on the same standardised features (a
//!   deterministic mixture of five lognormal customer groups); goal: time ratio ≤ 1.0 and
//!   inertia no more than 0.5 % above scikit-learn's. scikit-learn runs from a virtual
//!   environment under `target/bench-venv`, made by `scripts/bench_sklearn.py` when missing.
//! - BG/NBD + Gamma-Gamma fitted on 25,000 customers simulated from the models; goal < 0.5 s.
//! - every dashboard chart drawn from a database of 1,000,000 orders (100,000 customers, with
//!   deals, feedback and tickets; written once by SQL under `target/bench-data/`) after the
//!   analyses have run and stored their results; goal < 100 ms each. The analyses' own times
//!   on that database are printed too.
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
use kith::rng::SplitMix64;

const CUSTOMERS: usize = 100_000;
const K: usize = 5;
const N_INIT: usize = 10;
const REPEATS: usize = 3;
const CLV_CUSTOMERS: usize = 25_000;
const CLV_GOAL_SECONDS: f64 = 0.5;

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
    let mut g = SplitMix64::new(2024);
    (0..n)
        .map(|i| {
            let u = g.unit();
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

/// Bump when the generated chart database changes.
const CHART_DB_VERSION: u32 = 4;
const ORDERS: u64 = 1_000_000;
const CHART_GOAL_MS: f64 = 100.0;

/// A database with `ORDERS` orders of 100,000 customers over two years before 2026-11-01,
/// 20,000 deals, 50,000 feedback entries and 30,000 tickets, written by SQL in one go.
fn chart_database(data_dir: &Path) -> std::path::PathBuf {
    let path = data_dir.join(format!(
        "charts-{ORDERS}-v{CHART_DB_VERSION}-schema{}.db",
        kith::store::schema_version()
    ));
    if path.exists() {
        return path;
    }
    for entry in std::fs::read_dir(data_dir).into_iter().flatten().flatten() {
        let stale = entry.file_name().to_string_lossy().into_owned();
        if stale.starts_with("charts-") && entry.path() != path {
            let _ = std::fs::remove_file(entry.path());
        }
    }
    let tmp = path.with_extension("tmp");
    let _ = std::fs::remove_file(&tmp);
    eprintln!("analytics bench: writing {}", path.display());
    drop(kith::Store::open(&tmp).expect("create the chart database"));
    let conn = rusqlite::Connection::open(&tmp).expect("open it");
    let sql = format!(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; BEGIN;
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
         INSERT INTO contact (id, created_at, updated_at, updated_by, first_name, last_name, city)
           SELECT printf('c%06d', i), '2024-01-01T00:00:00Z', 'x', 'bench', 'First' || i, 'Last',
                  CASE i % 7 WHEN 0 THEN '上海' WHEN 1 THEN 'Berlin' WHEN 2 THEN 'New York'
                    WHEN 3 THEN '北京' WHEN 4 THEN 'Paris' WHEN 5 THEN 'München' ELSE 'Osaka' END
           FROM n;
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {ORDERS})
         INSERT INTO orders (id, created_at, updated_at, updated_by, number, contact_id,
                             ordered_on, status, total, currency)
           SELECT printf('o%07d', i), '2024-01-01T00:00:00Z', 'x', 'bench', 'N' || i,
                  printf('c%06d', 1 + (i * 7919 + (i * i) % 65537) % 100000),
                  -- Each customer buys within a window of their own (they start and stop at
                  -- different times), as the lifetime-value models expect.
                  date('2026-11-01', '-' || max(0, (730 - ((1 + (i * 7919 + (i * i) % 65537) % 100000) * 37) % 730)
                       - ((i * 104729) % (30 + ((1 + (i * 7919 + (i * i) % 65537) % 100000) * 101) % 600))) || ' days'),
                  CASE WHEN i % 50 = 0 THEN 'cancelled' ELSE 'paid' END,
                  1000 + (i * 48271) % 90000, 'USD'
           FROM n;
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
         INSERT INTO deal (id, created_at, updated_at, updated_by, title, contact_id, stage,
                           value, expected_close, closed_on)
           SELECT printf('d%06d', i), '2024-01-01T00:00:00Z', 'x', 'bench', 'Deal ' || i,
                  printf('c%06d', 1 + i % 100000),
                  CASE i % 6 WHEN 0 THEN 'lead' WHEN 1 THEN 'qualified' WHEN 2 THEN 'proposal'
                    WHEN 3 THEN 'negotiation' WHEN 4 THEN 'won' ELSE 'lost' END,
                  100000 + (i * 7919) % 900000,
                  date('2026-11-01', '+' || (i % 180) || ' days'),
                  CASE WHEN i % 6 >= 4 THEN date('2026-11-01', '-' || (i % 700) || ' days') END
           FROM n;
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50000)
         INSERT INTO feedback (id, created_at, updated_at, updated_by, contact_id, rating, nps,
                               received_at)
           SELECT printf('f%06d', i), '2024-01-01T00:00:00Z', 'x', 'bench',
                  printf('c%06d', 1 + i % 100000), 1 + i % 5, i % 11,
                  date('2026-11-01', '-' || (i % 730) || ' days')
           FROM n;
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 30000)
         INSERT INTO ticket (id, created_at, updated_at, updated_by, subject, contact_id, status,
                             category, opened_at)
           SELECT printf('t%06d', i), '2024-01-01T00:00:00Z', 'x', 'bench', 'Ticket ' || i,
                  printf('c%06d', 1 + i % 100000), 'open',
                  CASE i % 5 WHEN 0 THEN 'shipping' WHEN 1 THEN 'billing' WHEN 2 THEN '退货'
                    WHEN 3 THEN 'technical' ELSE 'account' END,
                  date('2026-11-01', '-' || (i % 730) || ' days')
           FROM n;
         COMMIT; PRAGMA optimize;"
    );
    conn.execute_batch(&sql).expect("write the chart database");
    drop(conn);
    std::fs::rename(&tmp, &path).expect("keep the chart database");
    path
}

fn charts(data_dir: &Path) {
    use kith::analytics::{self, dashboard};
    let path = chart_database(data_dir);
    let work = data_dir.join("charts-work.db");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", work.display()));
    }
    std::fs::copy(&path, &work).expect("copy the chart database");
    let mut store = kith::Store::open(&work).expect("open the chart database");
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 1);
    // The whole recompute the app runs after an import: RFM, segments, value, lead scores.
    let summary = analytics::refresh(&mut store, day, &mut |_| {}).expect("refresh");
    for t in &summary.took {
        println!(
            "  {:<40} {:>8.2} s",
            format!(
                "{} ({})",
                t.step.label(),
                match t.step {
                    analytics::RefreshStep::Scores => format!("{} open deals", summary.open_deals),
                    _ => format!("{} customers", summary.customers),
                }
            ),
            t.ms as f64 / 1000.0
        );
    }
    // The contacts list by a stored figure: the first page, and the count behind a filter.
    for (what, sort, filter) in [
        ("list by value, first page", Some("clv_365"), None),
        ("list lead score >= 50", None, Some(("lead_score", ">=50"))),
        (
            "list At Risk by RFM",
            Some("rfm"),
            Some(("rfm_segment", "At Risk")),
        ),
    ] {
        let mut q = kith::ListQuery {
            sort: sort.map(String::from),
            desc: true,
            limit: 100,
            ..kith::ListQuery::default()
        };
        if let Some((k, v)) = filter {
            q.filters.insert(k.into(), v.into());
        }
        // Once: a second call would find the total in the list's cache.
        let start = Instant::now();
        let page = store.list_records(kith::Kind::Contact, &q).expect("list");
        let seconds = start.elapsed().as_secs_f64();
        println!(
            "  {what:<40} {:>8.1} ms  ({} of {})",
            seconds * 1000.0,
            page.rows.len(),
            page.total
        );
    }
    let opts = dashboard::ChartOptions {
        to: day,
        ..dashboard::ChartOptions::default()
    };
    let mut worst: f64 = 0.0;
    for (name, title) in dashboard::CHARTS {
        let (seconds, svg) = best_of(REPEATS, || {
            dashboard::chart_svg(&mut store, name, &opts).expect("chart")
        });
        let ms = seconds * 1000.0;
        worst = worst.max(ms);
        println!(
            "  chart {name:<14} {ms:>8.1} ms  ({} KB SVG: {title})",
            svg.len() / 1024
        );
    }
    println!(
        "  slowest chart {worst:.1} ms (goal < {CHART_GOAL_MS:.0} ms each): {}",
        verdict(worst < CHART_GOAL_MS)
    );
    drop(store);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", work.display()));
    }
}

fn main() {
    let data_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    std::fs::create_dir_all(&data_dir).expect("create target/bench-data");
    println!("analytics bench: segmentation");
    segmentation(&data_dir);
    println!("analytics bench: lifetime value");
    lifetime_value();
    println!("analytics bench: dashboard charts from {ORDERS} orders");
    charts(&data_dir);
}
