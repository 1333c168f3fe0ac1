//! Nothing lost, nothing locked: two writers at once, files only the user can read.

use std::path::Path;

use kith::{Kind, Store};

/// A contacts CSV of `n` people whose emails start with `prefix`.
fn people(path: &Path, prefix: &str, n: usize) {
    let mut text = String::from("First Name,Last Name,E-mail Address\n");
    for i in 0..n {
        text.push_str(&format!("P{i},{prefix}{i},{prefix}{i}@example.com\n"));
    }
    std::fs::write(path, text).unwrap();
}

#[test]
fn two_imports_into_one_database_at_once_both_land() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kith.db");
    let (a, b) = (dir.path().join("a.csv"), dir.path().join("b.csv"));
    people(&a, "alpha", 20_000);
    people(&b, "beta", 20_000);
    // Both start on a database that does not exist yet: creating and migrating it races too.
    let spawn = |file: &Path| {
        std::process::Command::new(env!("CARGO_BIN_EXE_kith"))
            .arg("--db")
            .arg(&db)
            .args(["import", "contact"])
            .arg(file)
            .arg("--json")
            .env_remove("KITH_DB")
            .env("LANG", "C.UTF-8")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let runs = [spawn(&a), spawn(&b)].map(|c| c.wait_with_output().unwrap());
    for run in &runs {
        assert!(
            run.status.success(),
            "both imports succeed: {}",
            String::from_utf8_lossy(&run.stderr)
        );
    }
    let waited = runs
        .iter()
        .filter(|r| String::from_utf8_lossy(&r.stderr).contains("another Kith is writing"))
        .count();
    assert!(waited >= 1, "the second writer said it was waiting");
    let store = Store::open(&db).unwrap();
    let contacts = store
        .counts()
        .unwrap()
        .into_iter()
        .find(|(k, _)| *k == Kind::Contact)
        .unwrap()
        .1;
    assert_eq!(contacts, 40_000);
}

#[cfg(unix)]
#[test]
fn the_database_and_its_companions_are_the_users_alone() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kith.db");
    let mut store = Store::open(&db).unwrap();
    store
        .create_record(Kind::Contact, &crate::input(&[("first_name", "Ann")]))
        .unwrap();
    for suffix in ["", "-wal", "-shm"] {
        let file = dir.path().join(format!("kith.db{suffix}"));
        assert_eq!(
            kith::files::shared_bits(&file).unwrap(),
            0,
            "{} is 0600",
            file.display()
        );
    }
    drop(store);
    // A database made before Kith kept it private is made private when opened.
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).unwrap();
    drop(Store::open(&db).unwrap());
    assert_eq!(kith::files::shared_bits(&db).unwrap(), 0);
}

#[cfg(unix)]
#[test]
fn exports_and_rejects_files_are_the_users_alone() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kith.db");
    let people = dir.path().join("people.csv");
    std::fs::write(&people, "first_name,email\nAnn,ann@example.com\n,\n").unwrap();
    let rejects = dir.path().join("rejects.csv");
    let run = crate::kith(
        &db,
        &[
            "import",
            "contact",
            people.to_str().unwrap(),
            "--rejects",
            rejects.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut files = vec![rejects];
    for ext in ["csv", "xlsx", "vcf"] {
        let out = dir.path().join(format!("contacts.{ext}"));
        let run = crate::kith(&db, &["export", "contact", out.to_str().unwrap()]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        files.push(out);
    }
    for file in files {
        assert_eq!(
            kith::files::shared_bits(&file).unwrap(),
            0,
            "{} is 0600",
            file.display()
        );
    }
}

/// A file that cannot be written is refused naming it, with why as a code (the window says
/// it in its language), and nothing is left behind.
#[test]
fn an_export_into_a_missing_folder_is_refused_with_its_code() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("kith.db")).unwrap();
    let out = dir.path().join("gone").join("contacts.csv");
    let e = kith::export::export(
        &store,
        Kind::Contact,
        &out,
        &kith::export::ExportOptions::default(),
    )
    .expect_err("the folder does not exist");
    let report = e.report();
    assert_eq!(report.code, kith::ErrorCode::Io);
    let io = report
        .io
        .expect("an io error's report names the file and the problem");
    assert_eq!(io.path, out.display().to_string());
    assert_eq!(io.problem, kith::IoProblem::NotFound);
    assert!(report.message.starts_with(&io.path), "{}", report.message);
    assert!(!out.exists());
}
