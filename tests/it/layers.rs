//! The engine's modules form a ladder: each uses only modules on lower rungs (see "Layers" in
//! ARCHITECTURE.md). This test reads every `crate::…` path in the engine's code and fails on
//! one that points sideways or up, naming the file and the line.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The rungs, lowest first. A module may use only modules of lower rungs.
const LADDER: &[&[&str]] = &[
    &["model", "clock", "walltime", "files", "rng"],
    &["error"],
    &["kinds"],
    &["values"],
    &["store"],
    &["analytics", "demo"],
    &["export", "workspace", "today", "board", "tickets"],
    &["campaigns"],
    &["import"],
];

fn rung(module: &str) -> Option<usize> {
    LADDER.iter().position(|r| r.contains(&module))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The names `lib.rs` re-exports at the crate root, with the module each comes from
/// (`crate::Error` is `error`'s).
fn root_names(lib: &str) -> BTreeMap<String, String> {
    let mut names = BTreeMap::new();
    let mut rest = lib;
    while let Some(at) = rest.find("pub use ") {
        let stmt = &rest[at + 8..];
        let end = stmt.find(';').unwrap();
        let (module, list) = stmt[..end].split_once("::").unwrap();
        for name in list.trim_matches(|c| c == '{' || c == '}').split(',') {
            let name = name.trim();
            if !name.is_empty() {
                names.insert(name.to_string(), module.trim().to_string());
            }
        }
        rest = &stmt[end..];
    }
    names
}

/// The top-level modules a line of code names through `crate::` (`crate::store::X`,
/// `crate::{model, values}`, `crate::Error`).
fn named(code: &str, roots: &BTreeMap<String, String>) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + 7..];
        let idents: Vec<&str> = if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            group[..end]
                .split(',')
                .map(|s| s.trim().split("::").next().unwrap_or(""))
                .collect()
        } else {
            let end = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            vec![&rest[..end]]
        };
        for ident in idents.into_iter().filter(|i| !i.is_empty()) {
            out.push(roots.get(ident).cloned().unwrap_or(ident.to_string()));
        }
    }
    out
}

#[test]
fn the_engines_modules_form_a_ladder() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let roots = root_names(&std::fs::read_to_string(src.join("lib.rs")).unwrap());
    assert!(
        roots.get("Store").is_some_and(|m| m == "store"),
        "{roots:?}"
    );
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut wrong = Vec::new();
    let mut seen = 0;
    for path in files {
        let rel = path.strip_prefix(&src).unwrap();
        let first = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        let module = first.trim_end_matches(".rs").to_string();
        if module == "lib" || module == "bin" {
            continue;
        }
        let from = rung(&module).unwrap_or_else(|| {
            panic!(
                "{} is in no rung of the ladder: place `{module}` in LADDER",
                rel.display()
            )
        });
        let text = std::fs::read_to_string(&path).unwrap();
        for (n, line) in text.lines().enumerate() {
            // Code only: a comment (and a doc link in it) is no dependency.
            let code = line.split("//").next().unwrap_or("");
            for to in named(code, &roots) {
                seen += 1;
                if to == module {
                    continue;
                }
                match rung(&to) {
                    Some(r) if r < from => {}
                    _ => wrong.push(format!(
                        "src/{}:{}: `{module}` uses `{to}`, which is not on a lower rung",
                        rel.display(),
                        n + 1
                    )),
                }
            }
        }
    }
    assert!(seen > 100, "the engine's crate paths were read ({seen})");
    assert!(
        wrong.is_empty(),
        "arrows that do not point down:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_ladder_test_sees_an_arrow_up() {
    let roots = root_names("pub use error::{Error, Result};\npub use store::Store;");
    assert_eq!(
        named(
            "use crate::{model, values::fold}; let s: crate::Store;",
            &roots
        ),
        ["model", "values", "store"]
    );
    assert_eq!(named("type Err = crate::Error;", &roots), ["error"]);
    assert!(rung("store") > rung("values") && rung("import") > rung("store"));
}
