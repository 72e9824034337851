//! `cargo xtask fuzz [--secs N] [--runs N [--seed N]] [TARGET...]`: builds the cargo-fuzz targets of `fuzz/` with
//! libFuzzer's coverage instrumentation on the stable toolchain and runs each for a bounded time.
//!
//! This is what `cargo fuzz run TARGET -s none` does, without needing cargo-fuzz installed or
//! a nightly toolchain: the instrumentation (`-Cpasses=sancov-module` and LLVM's
//! sanitizer-coverage options) is made of stable `-C` flags; only the sanitizers need nightly,
//! and the generator is safe Rust, so none is used. The build goes to `target/fuzz/` (its
//! own target directory: the flags differ from the workspace's), with `--target HOST` so the
//! flags reach neither build scripts nor proc macros.
//!
//! Each run starts from `target/fuzz/corpus/TARGET` (kept between runs, so later runs go
//! deeper) seeded with `docs/` and `tests/hostile/`; a crash is saved under
//! `target/fuzz/artifacts/TARGET/` and fails the command. Turn it into a regression test in
//! `tests/tests/hostile.rs` (or a unit test), then re-run.

use anyhow::{bail, Context, Result};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

/// The fuzz targets of `fuzz/Cargo.toml`.
pub const TARGETS: &[&str] = &["read_page", "extract", "pipeline"];

/// The coverage instrumentation cargo-fuzz uses, all stable flags, and `--cfg fuzzing`.
const RUSTFLAGS: &[&str] = &[
    "-Cpasses=sancov-module",
    "-Cllvm-args=-sanitizer-coverage-level=4",
    "-Cllvm-args=-sanitizer-coverage-inline-8bit-counters",
    "-Cllvm-args=-sanitizer-coverage-pc-table",
    "-Cllvm-args=-sanitizer-coverage-trace-compares",
    "--cfg",
    "fuzzing",
];

pub const USAGE: &str = "\
Usage: cargo xtask fuzz [OPTIONS] [TARGET...]

Builds the fuzz targets of fuzz/ with libFuzzer's coverage instrumentation (stable toolchain,
no sanitizer) and runs each for a bounded time. Targets: read_page, extract, pipeline [default: all]

  --secs N        Seconds to run each target [default: 60]
  --runs N        Stop each target after N inputs (as well as after --secs), with a fixed
                  random seed (libFuzzer still explores somewhat differently from run to run);
                  `.ci/run` uses `--secs 60 --runs 5000`
  --seed N        The random seed with --runs [default: 1]
  --build-only    Build the targets, run nothing
";

/// What `cargo xtask fuzz` was asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Args {
    pub secs: u64,
    /// Inputs per target, with `seed`: a reproducible run.
    pub runs: Option<u64>,
    pub seed: u64,
    pub targets: Vec<String>,
    pub build_only: bool,
}

impl Default for Args {
    fn default() -> Self {
        Args { secs: 60, runs: None, seed: 1, targets: Vec::new(), build_only: false }
    }
}

/// Parses the arguments after `fuzz`; `Ok(None)` for `--help`.
pub fn parse(args: &[OsString]) -> Result<Option<Args>> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_args(args.iter().cloned());
    let mut a = Args::default();
    while let Some(arg) = parser.next()? {
        match arg {
            Short('h') | Long("help") => return Ok(None),
            Long("secs") => {
                let v = parser.value()?.string()?;
                a.secs = v.parse().with_context(|| format!("--secs takes a number of seconds, not `{v}`"))?;
            }
            Long("runs") => {
                let v = parser.value()?.string()?;
                a.runs = Some(v.parse().with_context(|| format!("--runs takes a number of inputs, not `{v}`"))?);
            }
            Long("seed") => {
                let v = parser.value()?.string()?;
                a.seed = v.parse().with_context(|| format!("--seed takes a number, not `{v}`"))?;
            }
            Long("build-only") => a.build_only = true,
            Value(v) => {
                let v = v.string()?;
                if !TARGETS.contains(&v.as_str()) {
                    bail!("unknown fuzz target `{v}` (have: {})", TARGETS.join(", "));
                }
                a.targets.push(v);
            }
            other => return Err(other.unexpected().into()),
        }
    }
    if a.targets.is_empty() {
        a.targets = TARGETS.iter().map(|t| t.to_string()).collect();
    }
    Ok(Some(a))
}

/// The whole command: parse, build, run. What `main` calls for `cargo xtask fuzz ...`.
pub fn main(args: &[OsString], root: &Path) -> ExitCode {
    let result = match parse(args) {
        Ok(None) => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Ok(Some(a)) => run(&a, root),
        Err(e) => {
            eprintln!("error: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    result.unwrap_or_else(|e| {
        eprintln!("error: {e:#}");
        ExitCode::FAILURE
    })
}

/// One target's run, from libFuzzer's final statistics.
#[derive(Debug, Clone, PartialEq)]
pub struct RunReport {
    pub target: String,
    pub secs: f64,
    pub executions: Option<u64>,
    pub crashed: bool,
}

/// Builds the targets, then runs each for `args.secs` seconds; fails on the first crash.
pub fn run(args: &Args, root: &Path) -> Result<ExitCode> {
    let target_dir = root.join("target").join("fuzz");
    let host = host_triple()?;
    let started = Instant::now();
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .current_dir(root)
        .args(["build", "--release", "--manifest-path", "fuzz/Cargo.toml", "--target", &host])
        .args(args.targets.iter().flat_map(|t| ["--bin", t.as_str()]))
        .env("CARGO_TARGET_DIR", &target_dir)
        .env("RUSTFLAGS", RUSTFLAGS.join(" "))
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .env_remove("CARGO_BUILD_TARGET")
        .status()
        .context("cannot run cargo to build the fuzz targets")?;
    if !status.success() {
        bail!("building the fuzz targets failed");
    }
    eprintln!("fuzz: targets built in {:.0}s", started.elapsed().as_secs_f64());
    if args.build_only {
        return Ok(ExitCode::SUCCESS);
    }
    let bin_dir = target_dir.join(&host).join("release");
    let mut reports = Vec::new();
    for target in &args.targets {
        let report = run_target(root, &bin_dir, &target_dir, target, args)?;
        let crashed = report.crashed;
        reports.push(report);
        if crashed {
            break;
        }
    }
    println!("{}", summary(&reports));
    if reports.iter().any(|r| r.crashed) {
        let dir = target_dir.join("artifacts");
        eprintln!(
            "fuzz: a target crashed; the input is in {}. Reproduce with `{}/TARGET FILE`, then add it to tests/tests/hostile.rs.",
            dir.display(),
            bin_dir.display()
        );
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

fn run_target(root: &Path, bin_dir: &Path, target_dir: &Path, target: &str, args: &Args) -> Result<RunReport> {
    let secs = args.secs;
    let reproducible: Vec<String> =
        args.runs.map(|n| vec![format!("-runs={n}"), format!("-seed={}", args.seed)]).unwrap_or_default();
    let corpus = target_dir.join("corpus").join(target);
    let artifacts = target_dir.join("artifacts").join(target);
    for dir in [&corpus, &artifacts] {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let seeds: Vec<PathBuf> = ["docs", "tests/hostile"].iter().map(|d| root.join(d)).filter(|d| d.is_dir()).collect();
    let mut artifact_prefix = artifacts.into_os_string();
    artifact_prefix.push("/");
    let mut prefix_arg = OsString::from("-artifact_prefix=");
    prefix_arg.push(&artifact_prefix);
    eprintln!("fuzz: running {target} for {secs}s");
    let started = Instant::now();
    let output = Command::new(bin_dir.join(target))
        .current_dir(root)
        .arg(format!("-max_total_time={secs}"))
        .args(&reproducible)
        // A page taking seconds is a hang; memory past 2 GB is a runaway.
        .args(["-timeout=10", "-rss_limit_mb=2048", "-max_len=65536", "-print_final_stats=1"])
        .arg(prefix_arg)
        .arg(&corpus)
        .args(&seeds)
        .stdout(std::process::Stdio::inherit())
        .stderr(std::process::Stdio::piped())
        .output()
        .with_context(|| format!("cannot run the fuzz target {target} (built?)"))?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    let crashed = !output.status.success();
    if crashed {
        eprint!("{stderr}");
    } else {
        // The last lines: libFuzzer's progress and final statistics.
        let tail: Vec<&str> = stderr.lines().rev().take(12).collect();
        for line in tail.iter().rev() {
            eprintln!("{line}");
        }
    }
    Ok(RunReport {
        target: target.to_string(),
        secs: started.elapsed().as_secs_f64(),
        executions: executions(&stderr),
        crashed,
    })
}

/// `stat::number_of_executed_units: N` from libFuzzer's final statistics.
pub fn executions(stderr: &str) -> Option<u64> {
    stderr
        .lines()
        .rev()
        .find_map(|l| l.trim().strip_prefix("stat::number_of_executed_units:"))
        .and_then(|n| n.trim().parse().ok())
}

/// One line per target: how long it ran, how many inputs, and whether it crashed.
pub fn summary(reports: &[RunReport]) -> String {
    reports
        .iter()
        .map(|r| {
            let runs = r.executions.map_or("? inputs".to_string(), |n| format!("{n} inputs"));
            let verdict = if r.crashed { "CRASHED" } else { "no crash" };
            format!("fuzz {}: {:.0}s, {runs}, {verdict}", r.target, r.secs)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The host's target triple, from `rustc -vV`.
fn host_triple() -> Result<String> {
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let out = Command::new(rustc).arg("-vV").output().context("cannot run rustc -vV")?;
    let text = String::from_utf8_lossy(&out.stdout);
    text.lines().find_map(|l| l.strip_prefix("host: ")).map(|h| h.trim().to_string()).context("rustc -vV names no host")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(args: &[&str]) -> Result<Option<Args>> {
        parse(&args.iter().map(OsString::from).collect::<Vec<_>>())
    }

    #[test]
    fn parses_secs_and_targets() {
        let all: Vec<String> = TARGETS.iter().map(|t| t.to_string()).collect();
        assert_eq!(p(&[]).unwrap(), Some(Args { targets: all.clone(), ..Args::default() }));
        assert_eq!(
            p(&["--secs", "30", "pipeline"]).unwrap(),
            Some(Args { secs: 30, targets: vec!["pipeline".into()], ..Args::default() })
        );
        assert_eq!(
            p(&["--runs", "5000", "--seed", "7"]).unwrap(),
            Some(Args { runs: Some(5000), seed: 7, targets: all, ..Args::default() })
        );
        assert_eq!(p(&["--help"]).unwrap(), None);
        assert!(p(&["nope"]).is_err());
        assert!(p(&["--secs", "x"]).is_err());
        assert!(p(&["--runs", "x"]).is_err());
    }

    #[test]
    fn reads_libfuzzer_statistics() {
        let stderr = "#1024\tpulse  cov: 10\nDone 52340 runs in 31 second(s)\nstat::number_of_executed_units: 52340\nstat::average_exec_per_sec:     1688\n";
        assert_eq!(executions(stderr), Some(52340));
        let r = RunReport { target: "read_page".into(), secs: 31.2, executions: Some(52340), crashed: false };
        assert_eq!(summary(&[r]), "fuzz read_page: 31s, 52340 inputs, no crash");
    }
}
