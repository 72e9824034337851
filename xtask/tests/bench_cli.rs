//! `cargo xtask bench` through the real binary on the five seed pages: the jobs run in child
//! processes (the internal `bench-job` command) and report their figures back. Cheap, and
//! no timing is checked: only that the table is complete and the rerun rewrote nothing.

use std::path::Path;
use std::process::Command;

#[test]
fn bench_runs_its_jobs_in_child_processes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let scratch = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["bench", "--times", "1,2", "--runs", "1", "--docs"])
        .arg(root.join("docs"))
        .arg("--out")
        .arg(scratch.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&output.stderr));
    for expected in [
        "x1 run 1/1: baseline",
        "total / baseline (target <= 3x)",
        "peak memory (target <= 1024 MiB)",
        "rerun with nothing changed: 0 file(s) rewritten or removed, 0 modification time(s) changed, target 0: met",
    ] {
        assert!(stdout.contains(expected), "missing {expected:?} in\n{stdout}");
    }
    if Path::new("/proc/self/status").exists() {
        let peak = stdout.lines().find(|l| l.contains("peak memory (target")).unwrap();
        assert!(!peak.contains("n/a"), "each child reports its peak: {peak}");
    }
    assert!(scratch.path().join("crate-x2/Cargo.toml").is_file());
    assert!(scratch.path().join("schema-x1.json").is_file());
}
