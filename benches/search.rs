//! Search latency at 1,000,000 contacts, against the naive approach measured in the same run.
//!
//! The database is built once by `kith::demo::fill` and cached under
//! `target/bench-data/`, keyed by contact count, schema version and generator version, so a
//! stale cache is never reused. `KITH_BENCH_CONTACTS=20000 cargo bench --bench search` runs
//! quickly on a smaller database. Figures are printed (median per query, ratio to the
//! baseline, PASS/FAIL against the 10 ms goal), never asserted.
//!
//! Baselines, on a plain SQLite connection to the same file: `LIKE '%q%'` over contact names,
//! emails and phones — `first 20` stops at the first 20 matches (cheap for common queries, a
//! full scan for rare ones), `sorted 20` returns the first 20 by name as a list would (always
//! a full scan). The engine's search ranks its hits, so `sorted 20` is the like-for-like one.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, SamplingMode};
use kith::Store;
use kith::demo::{self, DemoOptions, GENERATOR_VERSION};
use rusqlite::{Connection, OpenFlags, params};

/// Contacts in the benchmark database unless `KITH_BENCH_CONTACTS` says otherwise.
const CONTACTS: usize = 1_000_000;
/// Contacts when the bench binary runs as a test (`cargo test --benches`).
const TEST_CONTACTS: usize = 2_000;
/// Type-ahead must answer within this.
const GOAL: Duration = Duration::from_millis(10);
const LIMIT: usize = 20;

/// (what a user types, query).
const QUERIES: &[(&str, &str)] = &[
    ("1-char Chinese surname", "李"),
    ("2-char Chinese name", "王芳"),
    ("2 chars in a company name", "茶叶"),
    ("Latin prefix (3)", "smi"),
    ("Latin prefix (2)", "ma"),
    ("mid-word substring", "mith"),
    ("email fragment", "163.com"),
    ("phone fragment", "13812"),
    ("miss", "zqxjv"),
];

const NAIVE_WHERE: &str = "deleted_at IS NULL AND (
        coalesce(first_name, '') || ' ' || coalesce(last_name, '') LIKE ?1
        OR coalesce(last_name, '') || coalesce(first_name, '') LIKE ?1
        OR email LIKE ?1 OR phone LIKE ?1)";

fn naive_sql(sorted: bool) -> String {
    let order = if sorted {
        " ORDER BY last_name, first_name"
    } else {
        ""
    };
    format!("SELECT id FROM contact WHERE {NAIVE_WHERE}{order} LIMIT {LIMIT}")
}

fn naive(conn: &Connection, sql: &str, q: &str) -> usize {
    let mut stmt = conn.prepare_cached(sql).expect("naive query prepares");
    let rows = stmt
        .query_map(params![format!("%{q}%")], |r| r.get::<_, String>(0))
        .expect("naive query runs");
    rows.count()
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"))
}

/// The cached benchmark database for `contacts`, built if missing.
fn database(contacts: usize) -> PathBuf {
    let dir = target_dir().join("bench-data");
    let name = format!(
        "search-{contacts}-schema{}-gen{GENERATOR_VERSION}.db",
        kith::store::schema_version()
    );
    let path = dir.join(&name);
    if path.exists() {
        println!("search bench: using cached {}", path.display());
        return path;
    }
    std::fs::create_dir_all(&dir).expect("create target/bench-data");
    // Databases of other schema or generator versions are never used again, and a million
    // contacts take gigabytes: they go before a new one is built.
    let prefix = format!("search-{contacts}-");
    for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        let stale = entry.file_name().to_string_lossy().into_owned();
        if stale.starts_with(&prefix) && stale != name {
            let _ = std::fs::remove_file(entry.path());
        }
    }
    let building = dir.join(format!("{name}.building"));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", building.display()));
    }
    println!(
        "search bench: building {} with {contacts} demo contacts (once; cached afterwards)",
        path.display()
    );
    let started = Instant::now();
    let summary = {
        let mut store = Store::open(&building).expect("open the benchmark database");
        let mut last = Instant::now();
        demo::fill_with_progress(
            &mut store,
            &DemoOptions::with_contacts(contacts),
            &mut |done, total| {
                if last.elapsed() >= Duration::from_secs(10) || done == total {
                    last = Instant::now();
                    let secs = started.elapsed().as_secs_f64();
                    eprintln!(
                        "  {done}/{total} records ({:.0}%) after {secs:.0} s",
                        100.0 * done as f64 / total.max(1) as f64
                    );
                }
            },
        )
        .expect("demo data fills the benchmark database")
        // Dropping the store closes it, which checkpoints and removes the WAL.
    };
    let secs = started.elapsed().as_secs_f64();
    std::fs::rename(&building, &path).expect("move the finished database into place");
    println!(
        "search bench: built {contacts} contacts ({} records) in {secs:.1} s — {:.0} contacts/s, \
         {:.0} records/s",
        summary.records(),
        contacts as f64 / secs,
        summary.records() as f64 / secs
    );
    path
}

type Samples = Rc<RefCell<BTreeMap<(&'static str, usize), Vec<f64>>>>;

/// Runs `f` under criterion and keeps each sample's mean time per call (seconds).
fn measure(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    samples: &Samples,
    variant: &'static str,
    index: usize,
    mut f: impl FnMut() -> usize,
) {
    let (label, query) = QUERIES[index];
    let samples = Rc::clone(samples);
    group.bench_function(
        BenchmarkId::new(variant, format!("{label}: {query}")),
        |b| {
            b.iter_custom(|iters| {
                let start = Instant::now();
                for _ in 0..iters {
                    std::hint::black_box(f());
                }
                let elapsed = start.elapsed();
                samples
                    .borrow_mut()
                    .entry((variant, index))
                    .or_default()
                    .push(elapsed.as_secs_f64() / iters.max(1) as f64);
                elapsed
            });
        },
    );
}

fn median(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let mid = v.len() / 2;
    Some(if v.len().is_multiple_of(2) {
        (v[mid - 1] + v[mid]) / 2.0
    } else {
        v[mid]
    })
}

/// `text` padded to `width` terminal columns (CJK characters take two).
fn left(text: &str, width: usize) -> String {
    let used: usize = text
        .chars()
        .map(|c| if kith::values::is_cjk(c) { 2 } else { 1 })
        .sum();
    format!("{text}{}", " ".repeat(width.saturating_sub(used)))
}

fn ms(seconds: Option<f64>) -> String {
    seconds.map_or_else(|| "-".into(), |s| format!("{:.3} ms", s * 1e3))
}

fn main() {
    let bench_mode = std::env::args().any(|a| a == "--bench");
    let contacts = std::env::var("KITH_BENCH_CONTACTS")
        .ok()
        .and_then(|v| v.replace('_', "").parse().ok())
        .unwrap_or(if bench_mode { CONTACTS } else { TEST_CONTACTS });
    let path = database(contacts);
    let store = Store::open(&path).expect("open the benchmark database");
    let plain = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .expect("open a plain SQLite connection");
    let (first_sql, sorted_sql) = (naive_sql(false), naive_sql(true));
    let stored: i64 = plain
        .query_row(
            "SELECT count(*) FROM contact WHERE deleted_at IS NULL",
            [],
            |r| r.get(0),
        )
        .expect("count contacts");
    println!("search bench: {stored} contacts in {}", path.display());

    let mut criterion = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .configure_from_args();
    let samples: Samples = Rc::default();
    {
        let mut group = criterion.benchmark_group(format!("search_{contacts}"));
        for (i, (_, q)) in QUERIES.iter().enumerate() {
            measure(&mut group, &samples, "engine", i, || {
                store.search(q, LIMIT, None).expect("search").len()
            });
        }
        group.finish();
        // Full scans take long per call: flat sampling keeps it to ~20 calls per query.
        let mut group = criterion.benchmark_group(format!("naive_like_{contacts}"));
        group.sampling_mode(SamplingMode::Flat);
        for (i, (_, q)) in QUERIES.iter().enumerate() {
            measure(&mut group, &samples, "first_20", i, || {
                naive(&plain, &first_sql, q)
            });
            measure(&mut group, &samples, "sorted_20", i, || {
                naive(&plain, &sorted_sql, q)
            });
        }
        group.finish();
    }
    criterion.final_summary();

    let samples = samples.borrow();
    let get = |variant: &'static str, i: usize| samples.get(&(variant, i)).and_then(|v| median(v));
    println!();
    println!(
        "search latency at {stored} contacts (median; Store::search(q, {LIMIT}, None) vs SQL LIKE '%q%')"
    );
    println!(
        "{} {:>5} {:>12} {:>13} {:>13} {:>13} {:>13}  goal",
        left("query", 32),
        "hits",
        "engine",
        "LIKE first20",
        "LIKE sorted20",
        "eng/first20",
        "eng/sorted20"
    );
    let mut slowest: Option<(f64, &str)> = None;
    let mut measured = 0;
    for (i, (label, q)) in QUERIES.iter().enumerate() {
        let engine = get("engine", i);
        let first = get("first_20", i);
        let sorted = get("sorted_20", i);
        let hits = store.search(q, LIMIT, None).map_or(0, |h| h.len());
        let ratio = |base: Option<f64>| match (engine, base) {
            (Some(e), Some(b)) if b > 0.0 => format!("{:.4}", e / b),
            _ => "-".into(),
        };
        let verdict = match engine {
            Some(e) if e <= GOAL.as_secs_f64() => "PASS",
            Some(_) => "FAIL",
            None => "-",
        };
        if let Some(e) = engine {
            measured += 1;
            if slowest.is_none_or(|(s, _)| e > s) {
                slowest = Some((e, label));
            }
        }
        println!(
            "{} {hits:>5} {:>12} {:>13} {:>13} {:>13} {:>13}  {verdict}",
            left(&format!("{label}: {q}"), 32),
            ms(engine),
            ms(first),
            ms(sorted),
            ratio(first),
            ratio(sorted)
        );
    }
    match slowest {
        Some((s, label)) if measured == QUERIES.len() => {
            let verdict = if s <= GOAL.as_secs_f64() {
                "PASS"
            } else {
                "FAIL"
            };
            println!(
                "{verdict}: slowest median {:.3} ms ({label}) against the {} ms goal at {stored} \
                 contacts",
                s * 1e3,
                GOAL.as_millis()
            );
        }
        _ => println!("(not every query was measured: no PASS/FAIL verdict)"),
    }
}
