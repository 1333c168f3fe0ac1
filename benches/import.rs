//! The 1,000,000-row contacts import against the `sqlite3` shell, measured in the same run.
//!
//! A deterministic contacts CSV (~115 MB: names in six languages, emails, phones, companies,
//! titles, cities, addresses) is generated once under `target/bench-data/`. Then:
//!
//! - baseline: the `sqlite3` command-line shell `.import`s the file into a fresh database and
//!   builds the indexes Kith keeps on contacts (name, email, phone, company) and a trigram
//!   full-text table over the same columns (Debian's shell is too old for the tokenizer's
//!   `remove_diacritics` option, so the baseline's tokenizer is plain `trigram`);
//! - Kith: `kith import contact FILE --json` into a fresh database: detect the encoding and
//!   delimiter, map, clean (E.164 phones, emails), match duplicates against the database and
//!   the file, write contacts and companies with their change log and search index;
//! - floor: the baseline's rows written by SQL alone into Kith's schema (contact, change log,
//!   search document, full-text row) in one transaction — what any import into this schema costs
//!   before a single value is read, cleaned or matched.
//!
//! Both run as child processes; peak memory is the child's `VmHWM`. Printed: seconds, rows/s,
//! peak MB, the ratio Kith / baseline (goal ≤ 1.0) and peak memory against the 500 MB goal.
//! Figures are printed, never asserted. `KITH_BENCH_ROWS=100000` runs a smaller file.

use std::fmt::Write as _;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use kith::rng::SplitMix64;

const ROWS: usize = 1_000_000;
/// Rows when the bench binary runs as a test (`cargo test --benches`).
const TEST_ROWS: usize = 2_000;
const GOAL_RATIO: f64 = 1.0;
const GOAL_PEAK_MB: f64 = 500.0;
/// Bump when the generated file changes, so a stale cached file is never reused.
const GENERATOR: u32 = 1;

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

/// Picks from `items` the way the generated file has always been made (the low bits of the
/// next number), so a cached file stays valid.
fn pick<'a>(rng: &mut SplitMix64, items: &[&'a str]) -> &'a str {
    items[(rng.next_u64() % items.len() as u64) as usize]
}

fn generate(path: &Path, rows: usize) -> std::io::Result<()> {
    let tmp = path.with_extension("tmp");
    let mut out = BufWriter::new(std::fs::File::create(&tmp)?);
    writeln!(
        out,
        "First Name,Last Name,E-mail Address,Mobile Phone,Company,Job Title,City,Country,Street"
    )?;
    let mut rng = SplitMix64::new(42);
    let mut line = String::new();
    for i in 0..rows {
        line.clear();
        let (first, last) = (pick(&mut rng, FIRST), pick(&mut rng, LAST));
        let _ = write!(
            line,
            "{first},{last},customer{i}@mail{}.example.com,+86 139 {:04} {:04},\"Trading Co {}, Ltd\",{},{},{},\"{} {}, Unit {}\"",
            i % 97,
            i / 10_000,
            i % 10_000,
            i % 20_000,
            pick(&mut rng, TITLES),
            pick(&mut rng, CITIES),
            ["DE", "FR", "ES", "CN", "US", "JP"][i % 6],
            rng.next_u64() % 999 + 1,
            pick(&mut rng, STREETS),
            rng.next_u64() % 300 + 1,
        );
        writeln!(out, "{line}")?;
    }
    out.flush()?;
    drop(out);
    std::fs::rename(tmp, path)
}

const BASELINE_SQL: &str = "\
.mode csv
.import '{FILE}' contact_raw
CREATE INDEX raw_name ON contact_raw (\"Last Name\" COLLATE NOCASE, \"First Name\" COLLATE NOCASE);
CREATE INDEX raw_email ON contact_raw (\"E-mail Address\");
CREATE INDEX raw_phone ON contact_raw (\"Mobile Phone\");
CREATE INDEX raw_company ON contact_raw (\"Company\" COLLATE NOCASE);
CREATE VIRTUAL TABLE raw_fts USING fts5 (name, email, phone, company, body, content = '', tokenize = 'trigram');
INSERT INTO raw_fts (rowid, name, email, phone, company, body)
  SELECT rowid, \"First Name\" || ' ' || \"Last Name\", \"E-mail Address\", \"Mobile Phone\", \"Company\",
         \"Job Title\" || ' ' || \"City\"
  FROM contact_raw;
";

/// The rows of the baseline's table written by SQL alone into Kith's schema, as one
/// transaction: each contact with its change-log entry, search document and full-text row
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
INSERT INTO search_doc (kind, entity_id, title, subtitle, name_key)
  SELECT 'contact', id, first_name || ' ' || last_name, email || ' · ' || city,
         lower(first_name || ' ' || last_name)
  FROM contact;
INSERT INTO search_fts (rowid, name, email, phone, company, body, short)
  SELECT d.rowid, d.title, c.email, c.phone, c.address, c.job_title || ' ' || c.city, ''
  FROM search_doc d JOIN contact c ON c.id = d.entity_id;
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

fn main() {
    let as_test =
        std::env::args().any(|a| a == "--test") || !std::env::args().any(|a| a == "--bench");
    let rows = std::env::var("KITH_BENCH_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if as_test { TEST_ROWS } else { ROWS });
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    std::fs::create_dir_all(&data).expect("create target/bench-data");
    let csv = data.join(format!("contacts-{rows}-gen{GENERATOR}.csv"));
    if !csv.exists() {
        eprintln!("import bench: writing {}", csv.display());
        generate(&csv, rows).expect("write the contacts CSV");
    }
    let size_mb = std::fs::metadata(&csv).map_or(0.0, |m| m.len() as f64 / 1e6);
    println!(
        "import bench: {rows} rows, {size_mb:.0} MB CSV ({})",
        csv.display()
    );

    if Command::new("sqlite3").arg("--version").output().is_err() {
        println!(
            "import bench: SKIPPED — no sqlite3 shell for the baseline (make deps installs it)"
        );
        return;
    }
    let base_db = fresh(&data, "import-baseline.db");
    let mut base = Command::new("sqlite3");
    base.arg(&base_db);
    let script = BASELINE_SQL.replace("{FILE}", &csv.display().to_string());
    let (base_time, base_peak, out) = measure(base, Some(script));
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "the sqlite3 baseline failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );

    let floor_db = fresh(&data, "import-floor.db");
    let floor_time = floor(&floor_db, &base_db);

    let kith_db = fresh(&data, "import-kith.db");
    let mut kith = Command::new(env!("CARGO_BIN_EXE_kith"));
    kith.arg("--db")
        .arg(&kith_db)
        .args(["--json", "import", "contact"])
        .arg(&csv);
    let (kith_time, kith_peak, out) = measure(kith, None);
    assert!(
        out.status.success(),
        "kith import failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("the import prints one JSON document");
    let counts = &report["counts"];
    assert_eq!(counts["rows"], rows, "every row is accounted for: {counts}");
    assert_eq!(counts["created"], rows, "{counts}");

    let per_sec = |t: Duration| rows as f64 / t.as_secs_f64();
    println!(
        "  sqlite3 .import + indexes + FTS  {:>8.1} s  {:>9.0} rows/s  peak {:>6.0} MB",
        base_time.as_secs_f64(),
        per_sec(base_time),
        base_peak
    );
    println!(
        "  kith import (clean, match, write) {:>7.1} s  {:>9.0} rows/s  peak {:>6.0} MB",
        kith_time.as_secs_f64(),
        per_sec(kith_time),
        kith_peak
    );
    println!(
        "  SQL alone into Kith's schema     {:>8.1} s  {:>9.0} rows/s  (floor: ratio {:.2})",
        floor_time.as_secs_f64(),
        per_sec(floor_time),
        floor_time.as_secs_f64() / base_time.as_secs_f64()
    );
    let ratio = kith_time.as_secs_f64() / base_time.as_secs_f64();
    let verdict = |ok: bool| if ok { "PASS" } else { "FAIL" };
    println!(
        "  ratio kith/baseline {ratio:.2} (goal ≤ {GOAL_RATIO:.1}): {}",
        verdict(ratio <= GOAL_RATIO)
    );
    println!(
        "  peak memory {kith_peak:.0} MB (goal < {GOAL_PEAK_MB:.0} MB): {}",
        verdict(kith_peak < GOAL_PEAK_MB)
    );
    for db in [base_db, floor_db, kith_db] {
        let _ = std::fs::remove_file(&db);
        let _ = std::fs::remove_file(format!("{}-wal", db.display()));
        let _ = std::fs::remove_file(format!("{}-shm", db.display()));
    }
}
