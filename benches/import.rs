//! The contacts import and a purchase-log import against the `sqlite3` shell, measured in the
//! same run.
//!
//! A deterministic contacts CSV (~116 MB at 1,000,000 rows: names in six languages, emails,
//! phones, one of 80 companies per row with a skewed (Zipf-like) spread so that a few companies
//! have very many contacts, titles, cities, addresses, tags on three rows in four, notes and a
//! date) is generated once under `target/bench-data/`, at two sizes (a tenth of the rows, and
//! all of them) so that the growth of the time with the rows is visible. For each size:
//!
//! - baseline: the `sqlite3` command-line shell `.import`s the file into a fresh database and
//!   builds the indexes Kith keeps on contacts (name, a unique email, phone, company) and a
//!   trigram full-text table over the same columns (Debian's shell is too old for the
//!   tokenizer's `remove_diacritics` option, so the baseline's tokenizer is plain `trigram`);
//! - Kith: `kith import contact FILE --json` into a fresh database: detect the encoding and
//!   delimiter, map, clean (E.164 phones, emails, dates), match duplicates against the database
//!   and the file, write contacts, companies and tags with their change log and search index;
//! - floor (full size only): the baseline's rows written by SQL alone into Kith's schema
//!   (contact, change log, full-text row) in one transaction — what any import
//!   into this schema costs before a single value is read, cleaned or matched.
//!
//! Then a purchase log shaped like CDNOW's (70,000 rows, 23,570 customers:
//! `customer_id,order_date,quantity,amount`) is imported as orders with no options, and
//! loaded by the shell (`.import` and an index on the customer) for comparison.
//!
//! Every import runs as a child process; peak memory is the child's `VmHWM`. Printed: seconds,
//! rows/s, peak MB, the ratio Kith / shell (goal ≤ 2.0), the database size ratio (Kith's file
//! with its WAL checkpointed, against the shell's), the growth from the small to the full size,
//! and peak memory against the 500 MB goal. Figures are printed, never asserted.
//! `KITH_BENCH_ROWS=100000` runs a smaller file (and a tenth of it); `KITH_BENCH_KITH=PATH` times
//! another build of the `kith` CLI (an earlier commit's, for before/after figures).

use std::fmt::Write as _;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use kith::rng::SplitMix64;

const ROWS: usize = 1_000_000;
/// Rows when the bench binary runs as a test (`cargo test --benches`).
const TEST_ROWS: usize = 2_000;
const GOAL_RATIO: f64 = 2.0;
const GOAL_PEAK_MB: f64 = 500.0;
/// Bump when the generated file changes, so a stale cached file is never reused.
const GENERATOR: u32 = 2;
/// Companies in the contacts file; company `k` is drawn with weight 1/(k+1).
const COMPANIES: usize = 80;
/// Rows and customers of the purchase log (CDNOW's full cohort).
const ORDER_ROWS: usize = 70_000;
const CUSTOMERS: usize = 23_570;
/// Purchase-log rows when the bench binary runs as a test.
const TEST_ORDER_ROWS: usize = 700;

const FIRST: &[&str] = &[
    "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "Wei", "Fang",
    "Ming", "Hans", "Anna", "Jürgen", "Pierre", "Marie", "Hélène", "José", "Lucía", "Sakura", "明",
    "芳", "伟", "娜",
];
const LAST: &[&str] = &[
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Garcia",
    "Miller",
    "Wang",
    "Li",
    "Zhang",
    "Liu",
    "Müller",
    "Schmidt",
    "Martin",
    "Bernard",
    "López",
    "Martínez",
    "Chen",
    "Yang",
    "Tanaka",
    "王",
    "李",
    "张",
    "刘",
    "陈",
];
const CITIES: &[&str] = &[
    "Berlin", "Paris", "Madrid", "Shanghai", "Beijing", "New York", "London", "München", "Lyon",
    "Sevilla", "杭州", "Osaka",
];
const TITLES: &[&str] = &[
    "Owner",
    "Sales Manager",
    "Buyer",
    "CEO",
    "Engineer",
    "采购经理",
];
const STREETS: &[&str] = &[
    "Main St",
    "Hauptstraße",
    "Rue de Rivoli",
    "Calle Mayor",
    "南京路",
];

const TAGS: &[&str] = &[
    "vip",
    "lead",
    "customer",
    "partner",
    "newsletter",
    "trade fair 2025",
    "supplier",
    "wholesale",
    "重点客户",
    "Messe",
];
const NOTES: &[&str] = &[
    "Met at the trade fair; prefers email",
    "Call back after the holidays",
    "Asked for the new price list",
    "老客户，每年采购两次",
    "Sends orders by fax, confirm by phone",
    "Rückruf erbeten",
    "",
];

/// The contacts file. Company `k` of [`COMPANIES`] is drawn with weight 1/(k+1), so the first
/// one holds about a fifth of the rows; three rows in four carry 1–3 tags.
fn generate(path: &Path, rows: usize) -> std::io::Result<()> {
    let tmp = path.with_extension("tmp");
    let mut out = BufWriter::new(std::fs::File::create(&tmp)?);
    writeln!(
        out,
        "First Name,Last Name,E-mail Address,Mobile Phone,Company,Job Title,City,Country,Street,\
         Tags,Notes,Birthday"
    )?;
    let mut rng = SplitMix64::new(42);
    let weights: Vec<u32> = (0..COMPANIES).map(|k| 1_000_000 / (k as u32 + 1)).collect();
    let mut line = String::new();
    for i in 0..rows {
        line.clear();
        let (first, last) = (*rng.pick(FIRST), *rng.pick(LAST));
        let company = rng.weighted(&weights);
        let _ = write!(
            line,
            "{first},{last},customer{i}@mail{}.example.com,+86 139 {:04} {:04},\"Trading Co {company}, Ltd\",{},{},{},\"{} {}, Unit {}\",",
            i % 97,
            i / 10_000,
            i % 10_000,
            rng.pick(TITLES),
            rng.pick(CITIES),
            ["DE", "FR", "ES", "CN", "US", "JP"][i % 6],
            rng.below(999) + 1,
            rng.pick(STREETS),
            rng.below(300) + 1,
        );
        if i % 4 != 3 {
            let mut tags: Vec<&str> = Vec::new();
            for _ in 0..rng.range(1, 3) {
                let t = *rng.pick(TAGS);
                if !tags.contains(&t) {
                    tags.push(t);
                }
            }
            let _ = write!(line, "\"{}\"", tags.join(", "));
        }
        let _ = write!(
            line,
            ",\"{}\",{}-{:02}-{:02}",
            rng.pick(NOTES),
            rng.range(1950, 2005),
            rng.range(1, 12),
            rng.range(1, 28)
        );
        writeln!(out, "{line}")?;
    }
    out.flush()?;
    drop(out);
    std::fs::rename(tmp, path)
}

/// A purchase log shaped like CDNOW's: every customer buys first in the first quarter, a few
/// buy again and again (repeat purchases drawn skewed toward the first customers) until the
/// next 18 months; one row per purchase, by customer and date, with no order number.
fn generate_orders(path: &Path, rows: usize) -> std::io::Result<()> {
    let customers = (rows * CUSTOMERS / ORDER_ROWS).max(1);
    let mut rng = SplitMix64::new(1997);
    let day = |d: i64| {
        chrono::NaiveDate::from_ymd_opt(1997, 1, 1).expect("a date") + chrono::Duration::days(d)
    };
    let mut purchases: Vec<(usize, i64)> = (0..customers).map(|c| (c, rng.range(0, 89))).collect();
    while purchases.len() < rows {
        let c = rng.skewed(customers, 2.5);
        purchases.push((c, rng.range(0, 545)));
    }
    purchases.sort_unstable();
    let tmp = path.with_extension("tmp");
    let mut out = BufWriter::new(std::fs::File::create(&tmp)?);
    writeln!(out, "customer_id,order_date,quantity,amount")?;
    for (c, d) in purchases {
        let quantity = rng.skewed(6, 2.0) + 1;
        let cents = quantity as i64 * rng.range(899, 1799);
        writeln!(
            out,
            "{:05},{},{quantity},{}.{:02}",
            c + 1,
            day(d).format("%Y-%m-%d"),
            cents / 100,
            cents % 100
        )?;
    }
    out.flush()?;
    drop(out);
    std::fs::rename(tmp, path)
}

const BASELINE_SQL: &str = "\
.mode csv
.import '{FILE}' contact_raw
CREATE INDEX raw_name ON contact_raw (\"Last Name\" COLLATE NOCASE, \"First Name\" COLLATE NOCASE);
CREATE UNIQUE INDEX raw_email ON contact_raw (\"E-mail Address\");
CREATE INDEX raw_phone ON contact_raw (\"Mobile Phone\");
CREATE INDEX raw_company ON contact_raw (\"Company\" COLLATE NOCASE);
CREATE VIRTUAL TABLE raw_fts USING fts5 (name, email, phone, company, body, content = '', tokenize = 'trigram');
INSERT INTO raw_fts (rowid, name, email, phone, company, body)
  SELECT rowid, \"First Name\" || ' ' || \"Last Name\", \"E-mail Address\", \"Mobile Phone\", \"Company\",
         \"Job Title\" || ' ' || \"City\"
  FROM contact_raw;
";

/// The rows of the baseline's table written by SQL alone into Kith's schema, as one
/// transaction: each contact with its change-log entry and full-text row
/// (no reading, cleaning, matching or companies). No import can be faster than this on the
/// same schema, so it shows how much of the gap to the baseline the schema itself accounts for.
const FLOOR_SQL: &str = "
INSERT INTO contact (id, created_at, updated_at, updated_by, first_name, last_name, email, phone,
                     job_title, city, country, address)
  SELECT printf('019a%04x-0000-7000-8000-%012x', rowid / 65536, rowid), 'c', 'u', 'd',
         \"First Name\", \"Last Name\", \"E-mail Address\", \"Mobile Phone\", \"Job Title\",
         \"City\", \"Country\", \"Street\"
  FROM raw.contact_raw;
INSERT INTO change_set (clock, at, device, origin) VALUES ('c', 'a', 'd', 'floor');
INSERT INTO change_log (set_id, entity, entity_id, field)
  SELECT (SELECT max(id) FROM change_set), 'contact', id, '*' FROM contact;
INSERT INTO search_fts (rowid, name, email, phone, company, body, short)
  SELECT rowid * 4, char(57345, 57345) || lower(first_name || ' ' || last_name) || char(57346),
         email, phone, address, job_title || ' ' || city, ''
  FROM contact;
";

fn floor(db: &Path, base_db: &Path) -> Duration {
    drop(kith::Store::open(db).expect("create the floor database"));
    let start = Instant::now();
    let conn = rusqlite::Connection::open(db).expect("open the floor database");
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -196608;",
    )
    .expect("set up the floor connection");
    conn.execute("ATTACH ?1 AS raw", [base_db.display().to_string()])
        .expect("attach the baseline");
    conn.execute_batch(&format!("BEGIN; {FLOOR_SQL} COMMIT;"))
        .expect("write the floor rows");
    drop(conn);
    start.elapsed()
}

/// Runs a child to the end; returns its wall time and peak resident memory in MB.
fn measure(mut cmd: Command, stdin: Option<String>) -> (Duration, f64, std::process::Output) {
    let start = Instant::now();
    let mut child = cmd
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the child process");
    if let Some(text) = stdin {
        let mut pipe = child.stdin.take().expect("stdin");
        std::thread::spawn(move || {
            let _ = pipe.write_all(text.as_bytes());
        });
    }
    let pid = child.id();
    let peak = std::thread::spawn(move || {
        // VmHWM is the high-water mark; the last reading before the process goes is the peak.
        let mut peak_kb = 0u64;
        let status = format!("/proc/{pid}/status");
        while let Ok(text) = std::fs::read_to_string(&status) {
            if let Some(kb) = text
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            {
                peak_kb = peak_kb.max(kb);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        peak_kb
    });
    let output = child.wait_with_output().expect("wait for the child");
    let elapsed = start.elapsed();
    let peak_kb = peak.join().unwrap_or(0);
    (elapsed, peak_kb as f64 / 1024.0, output)
}

fn fresh(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    path
}

/// The size of a database file with its WAL checkpointed into it (and whatever WAL is left).
fn db_bytes(path: &Path) -> u64 {
    if let Ok(conn) = rusqlite::Connection::open(path) {
        let _ = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
    }
    let len = |p: String| std::fs::metadata(p).map_or(0, |m| m.len());
    len(path.display().to_string()) + len(format!("{}-wal", path.display()))
}

fn remove_db(db: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
}

/// One run of the sqlite3 shell on a script; its time and peak memory.
fn shell(db: &Path, script: String) -> (Duration, f64) {
    let mut cmd = Command::new("sqlite3");
    cmd.arg(db);
    let (time, peak, out) = measure(cmd, Some(script));
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "the sqlite3 baseline failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (time, peak)
}

/// One `kith import` into a fresh database; its time, peak memory and JSON report.
fn kith_import(db: &Path, kind: &str, file: &Path, mapping: Option<&Path>) -> KithRun {
    // `KITH_BENCH_KITH` runs another build of the CLI (an earlier one, for before/after figures).
    let bin =
        std::env::var("KITH_BENCH_KITH").unwrap_or_else(|_| env!("CARGO_BIN_EXE_kith").into());
    let mut cmd = Command::new(bin);
    cmd.arg("--db").arg(db).args(["--json", "import", kind]);
    if let Some(m) = mapping {
        cmd.arg("--mapping").arg(m);
    }
    cmd.arg(file);
    let (time, peak, out) = measure(cmd, None);
    let report = if out.status.success() {
        serde_json::from_slice(&out.stdout).map_err(|e| e.to_string())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).trim().to_string())
    };
    KithRun { time, peak, report }
}

struct KithRun {
    time: Duration,
    peak: f64,
    report: Result<serde_json::Value, String>,
}

/// The figures of one contacts size.
struct SizeRun {
    rows: usize,
    base: Duration,
    kith: Duration,
    kith_peak: f64,
    size_ratio: f64,
}

fn contacts_at(data: &Path, rows: usize, with_floor: bool) -> SizeRun {
    let csv = data.join(format!("contacts-{rows}-gen{GENERATOR}.csv"));
    if !csv.exists() {
        eprintln!("import bench: writing {}", csv.display());
        generate(&csv, rows).expect("write the contacts CSV");
    }
    let size_mb = std::fs::metadata(&csv).map_or(0.0, |m| m.len() as f64 / 1e6);
    println!(
        "import bench: {rows} contacts, {size_mb:.0} MB CSV ({})",
        csv.display()
    );

    let base_db = fresh(data, "import-baseline.db");
    let script = BASELINE_SQL.replace("{FILE}", &csv.display().to_string());
    let (base_time, base_peak) = shell(&base_db, script);
    let base_bytes = db_bytes(&base_db);

    let floor_time = with_floor.then(|| {
        let floor_db = fresh(data, "import-floor.db");
        let t = floor(&floor_db, &base_db);
        remove_db(&floor_db);
        t
    });

    let kith_db = fresh(data, "import-kith.db");
    let run = kith_import(&kith_db, "contact", &csv, None);
    let report = run
        .report
        .unwrap_or_else(|e| panic!("kith import failed: {e}"));
    let counts = &report["counts"];
    assert_eq!(counts["rows"], rows, "every row is accounted for: {counts}");
    assert_eq!(counts["created"], rows, "{counts}");
    let kith_bytes = db_bytes(&kith_db);

    let per_sec = |t: Duration| rows as f64 / t.as_secs_f64();
    let mb = |b: u64| b as f64 / 1e6;
    println!(
        "  sqlite3 .import + indexes + FTS   {:>8.1} s  {:>9.0} rows/s  peak {:>6.0} MB  db {:>7.0} MB",
        base_time.as_secs_f64(),
        per_sec(base_time),
        base_peak,
        mb(base_bytes)
    );
    println!(
        "  kith import (clean, match, write) {:>8.1} s  {:>9.0} rows/s  peak {:>6.0} MB  db {:>7.0} MB",
        run.time.as_secs_f64(),
        per_sec(run.time),
        run.peak,
        mb(kith_bytes)
    );
    if let Some(t) = floor_time {
        println!(
            "  SQL alone into Kith's schema      {:>8.1} s  {:>9.0} rows/s  (floor: ratio {:.2})",
            t.as_secs_f64(),
            per_sec(t),
            t.as_secs_f64() / base_time.as_secs_f64()
        );
    }
    let ratio = run.time.as_secs_f64() / base_time.as_secs_f64();
    let size_ratio = kith_bytes as f64 / base_bytes.max(1) as f64;
    println!(
        "  ratio kith/shell {ratio:.2} (goal ≤ {GOAL_RATIO:.1}): {}   database size kith/shell {size_ratio:.2}",
        verdict(ratio <= GOAL_RATIO)
    );
    remove_db(&base_db);
    remove_db(&kith_db);
    SizeRun {
        rows,
        base: base_time,
        kith: run.time,
        kith_peak: run.peak,
        size_ratio,
    }
}

fn verdict(ok: bool) -> &'static str {
    if ok { "PASS" } else { "FAIL" }
}

const ORDERS_BASELINE_SQL: &str = "\
.mode csv
.import '{FILE}' order_raw
CREATE INDEX raw_customer ON order_raw (customer_id);
CREATE INDEX raw_date ON order_raw (order_date);
";

/// The purchase log as orders, imported as a user would: with no options (the customer
/// column links each order to its contact, created when new; each order gets a generated
/// number); returns Kith's rows per second.
fn orders(data: &Path, rows: usize) -> Option<f64> {
    let csv = data.join(format!("orders-{rows}-gen{GENERATOR}.csv"));
    if !csv.exists() {
        eprintln!("import bench: writing {}", csv.display());
        generate_orders(&csv, rows).expect("write the purchase log");
    }
    let kith_db = fresh(data, "import-orders-kith.db");
    let run = kith_import(&kith_db, "order", &csv, None);
    println!(
        "import bench: purchase log, {rows} rows, {} customers ({})",
        (rows * CUSTOMERS / ORDER_ROWS).max(1),
        csv.display()
    );
    let base_db = fresh(data, "import-orders-baseline.db");
    let (base_time, base_peak) = shell(
        &base_db,
        ORDERS_BASELINE_SQL.replace("{FILE}", &csv.display().to_string()),
    );
    let per_sec = |t: Duration| rows as f64 / t.as_secs_f64();
    let report = match run.report {
        Ok(r) => r,
        Err(e) => {
            println!("  kith import order FAILED: {e}");
            return None;
        }
    };
    let counts = &report["counts"];
    assert_eq!(counts["rows"], rows, "every row is accounted for: {counts}");
    let kith_bytes = db_bytes(&kith_db);
    let base_bytes = db_bytes(&base_db);
    println!(
        "  sqlite3 .import + indexes         {:>8.1} s  {:>9.0} rows/s  peak {:>6.0} MB  db {:>7.1} MB",
        base_time.as_secs_f64(),
        per_sec(base_time),
        base_peak,
        base_bytes as f64 / 1e6
    );
    println!(
        "  kith import order (no options)    {:>8.1} s  {:>9.0} rows/s  peak {:>6.0} MB  db {:>7.1} MB",
        run.time.as_secs_f64(),
        per_sec(run.time),
        run.peak,
        kith_bytes as f64 / 1e6
    );
    println!("  counts {counts}; linked {}", report["linked"]);
    remove_db(&base_db);
    remove_db(&kith_db);
    Some(per_sec(run.time))
}

fn main() {
    let as_test =
        std::env::args().any(|a| a == "--test") || !std::env::args().any(|a| a == "--bench");
    let rows = std::env::var("KITH_BENCH_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if as_test { TEST_ROWS } else { ROWS });
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    std::fs::create_dir_all(&data).expect("create target/bench-data");
    if Command::new("sqlite3").arg("--version").output().is_err() {
        println!(
            "import bench: SKIPPED — no sqlite3 shell for the baseline (make deps installs it)"
        );
        return;
    }
    let small = contacts_at(&data, (rows / 10).max(1), false);
    let full = contacts_at(&data, rows, true);
    let x = |a: f64, b: f64| if b > 0.0 { a / b } else { 0.0 };
    println!(
        "  growth: x{:.0} rows → x{:.1} time for kith (x{:.1} for the shell); database size ratio {:.2} → {:.2}",
        x(full.rows as f64, small.rows as f64),
        x(full.kith.as_secs_f64(), small.kith.as_secs_f64()),
        x(full.base.as_secs_f64(), small.base.as_secs_f64()),
        small.size_ratio,
        full.size_ratio
    );
    println!(
        "  peak memory {:.0} MB (goal < {GOAL_PEAK_MB:.0} MB): {}",
        full.kith_peak,
        verdict(full.kith_peak < GOAL_PEAK_MB)
    );
    let contacts_per_sec = full.rows as f64 / full.kith.as_secs_f64();
    let order_rows = if as_test { TEST_ORDER_ROWS } else { ORDER_ROWS };
    if let Some(orders_per_sec) = orders(&data, order_rows) {
        println!(
            "  orders {orders_per_sec:.0} rows/s against contacts {contacts_per_sec:.0} rows/s (goal: at least as many): {}",
            verdict(orders_per_sec >= contacts_per_sec)
        );
    }
}
