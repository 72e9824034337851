//! The docs' example exchanges over loopback (issue 4): the crate generated from the profile
//! pages (`../shared/corpus/graph-profile`) with its loopback test (`EmitOptions::loopback_tests`,
//! `cargo xtask codegen --loopback-tests`) is written to `target/loopback/crate`, and its
//! `cargo test --test loopback` is run: every example request the stubs can build is sent with
//! reqwest to a local axum server answering with the example response, and checked on both
//! sides (method, path, query, body; what `parse_response` reads), and the crate with that test
//! is linted with `cargo clippy --all-targets -- -D warnings`. Skipped, saying so, when
//! `../shared` is absent.

mod common;

use docs_codegen::emit::{emit_crate, EmitOptions};
use std::path::Path;
use std::process::Command;
use std::time::Instant;

/// Exchanges sent on graph-profile as last measured (66 of 102 example requests; the others are
/// skipped with their reasons, all for schematic bodies). It may only rise.
const SENT_FLOOR: usize = 66;

/// Writes `content` to `path` unless it is already there, so a rerun recompiles nothing.
fn write_if_changed(path: &Path, content: &str) {
    if std::fs::read_to_string(path).is_ok_and(|old| old == content) {
        return;
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("create the crate's directories");
    }
    std::fs::write(path, content).expect("write a generated file");
}

#[test]
fn profile_examples_over_loopback() {
    let Some(docs) = common::shared().map(|s| s.join("corpus/graph-profile")).filter(|d| d.is_dir()) else {
        eprintln!("skipped: ../shared/corpus/graph-profile is absent (the loopback test needs the profile pages)");
        return;
    };
    let started = Instant::now();
    let (sources, read_diags) = docs_codegen::collect_sources(&docs, "graph-profile").expect("the profile pages");
    assert!(read_diags.is_empty(), "{read_diags:?}");
    let schema = docs_codegen::build_schema(&sources);
    let options = EmitOptions { crate_name: "graph-models".into(), loopback_tests: true };
    let generated = emit_crate(&schema, &options).expect("the crate emits");
    assert!(generated.files.contains_key("tests/loopback.rs") && generated.files.contains_key("tests/loopback.json"));
    assert!(generated.files["Cargo.toml"].contains("[dev-dependencies]\naxum = "));

    let root = common::root();
    let dir = root.join("target/loopback/crate");
    // Files an earlier generator wrote and this one does not are stale: start over then.
    let stale = ["src", "tests"].iter().any(|sub| {
        walk(&dir.join(sub)).iter().any(|f| {
            let relative = f.strip_prefix(&dir).unwrap_or(f).to_string_lossy().replace('\\', "/");
            !generated.files.contains_key(&relative)
        })
    });
    if stale {
        std::fs::remove_dir_all(dir.join("src")).ok();
        std::fs::remove_dir_all(dir.join("tests")).ok();
    }
    for (path, content) in &generated.files {
        write_if_changed(&dir.join(path), content);
    }
    // Beside `.ci/run`'s build of generated/ and the emitter's test crate: the models' dependencies
    // are compiled once, and the workspace's own lock is never waited on.
    let target = root.join("target/generated");
    let cargo = |args: &[&str]| {
        Command::new(env!("CARGO"))
            .args(args)
            .current_dir(&dir)
            .env("CARGO_TARGET_DIR", &target)
            .env_remove("RUSTFLAGS")
            .output()
            .unwrap_or_else(|e| panic!("cannot run cargo {args:?}: {e}"))
    };
    let output = cargo(&["test", "--quiet", "--test", "loopback"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    eprintln!("cargo test --test loopback in {}: {:.1}s", dir.display(), started.elapsed().as_secs_f64());
    assert!(output.status.success(), "the loopback test failed:\n{stdout}\n{stderr}");
    let summary =
        stdout.lines().find(|l| l.starts_with("loopback: ")).unwrap_or_else(|| panic!("no summary:\n{stdout}"));
    eprintln!("{summary}");
    let sent: usize = summary
        .strip_prefix("loopback: ")
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no count in `{summary}`"));
    assert!(sent >= SENT_FLOOR, "{sent} exchanges sent, fewer than the {SENT_FLOOR} of before: {summary}");

    // The test code is generated too, and users who opt in compile it: it must lint clean.
    let started = Instant::now();
    let clippy = cargo(&["clippy", "--quiet", "--all-targets", "--", "-D", "warnings"]);
    eprintln!("cargo clippy --all-targets in {}: {:.1}s", dir.display(), started.elapsed().as_secs_f64());
    assert!(clippy.status.success(), "clippy warned:\n{}", String::from_utf8_lossy(&clippy.stderr));
}

/// Every file under `dir` (none when it does not exist).
fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else { return out };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}
