//! `cargo xtask check-times`: what each cargo feature of the generated crate costs its users
//! at compile time, against the whole crate.
//!
//! The crate is generated from a corpus into a scratch directory, its dependencies are built
//! once (untimed), and then `cargo check` runs for all features, for none, for each feature
//! alone, and for all features again, each after touching `src/lib.rs` and with
//! `CARGO_INCREMENTAL=0`. Without that, whichever feature set was checked last reuses its
//! incremental state and the others do not, which made the whole crate look faster than one
//! area (13.9 s against 14.8 s). Every check must pass with no warning: a feature that does
//! not compile alone, or warns, is a defect of the generator, and the command fails.
//!
//! The times are measurements, printed with the share of the whole crate; nothing fails
//! because of a time.

use crate::write;
use anyhow::{bail, Context, Result};
use docs_codegen::emit::{emit_crate, EmitOptions, Feature};
use docs_codegen::{build_schema, collect_sources};
use std::collections::BTreeMap;
use std::ffi::OsString;
use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Instant, SystemTime};

/// The share of the whole crate's check time one area may take.
pub const AREA_TARGET: f64 = 0.10;

/// The command line of `cargo xtask check-times`, as given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Args {
    pub docs: Option<OsString>,
    pub out: Option<OsString>,
    /// Only these features (besides all and none); empty means every feature.
    pub features: Vec<String>,
    pub markdown: bool,
}

/// What one `cargo check` builds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Checked {
    /// `--all-features`: the whole crate, which the others are measured against.
    All,
    /// `--no-default-features`: the common modules alone.
    None,
    /// `--no-default-features --features F`: a feature by name, and what it turns on (a split
    /// area's parts or groups; a group's needs, which its check includes, as a user's would).
    Feature(String, Feature),
}

/// One timed `cargo check`.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    /// How the check is shown: `all features (first)`, `none`, or a feature's name.
    pub label: String,
    pub checked: Checked,
    pub seconds: f64,
    pub warnings: usize,
    pub errors: usize,
}

/// Runs `cargo check` of `checked` on the crate in `dir`, after touching `src/lib.rs`, without
/// incremental compilation, into `target`.
fn check(dir: &Path, target: &Path, checked: &Checked) -> Result<(f64, usize, usize)> {
    let lib = dir.join("src/lib.rs");
    std::fs::File::options()
        .write(true)
        .open(&lib)
        .and_then(|f| f.set_modified(SystemTime::now()))
        .with_context(|| format!("cannot touch {}", lib.display()))?;
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command
        .arg("check")
        .arg("--quiet")
        .arg("--message-format=short")
        .arg("--manifest-path")
        .arg(dir.join("Cargo.toml"))
        .env("CARGO_INCREMENTAL", "0")
        .env("CARGO_TARGET_DIR", target)
        .stdin(Stdio::null());
    match checked {
        Checked::All => command.arg("--all-features"),
        Checked::None => command.arg("--no-default-features"),
        Checked::Feature(name, _) => command.args(["--no-default-features", "--features", name]),
    };
    let start = Instant::now();
    let output = command.output().context("cannot run cargo check")?;
    let seconds = start.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let (warnings, errors) = count_messages(&stderr);
    if !output.status.success() && errors == 0 {
        bail!("cargo check failed ({}):\n{stderr}", output.status);
    }
    if warnings + errors > 0 {
        eprint!("{stderr}");
    }
    Ok((seconds, warnings, errors))
}

/// Warnings and errors in `cargo check --message-format=short` output: one line each,
/// `path:line:col: warning: ...` (summary lines name no place and are not counted).
pub fn count_messages(stderr: &str) -> (usize, usize) {
    let mut counts = (0, 0);
    for line in stderr.lines() {
        let Some((place, rest)) = line.split_once(": ") else { continue };
        if place.rsplit(':').take(2).all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())) {
            if rest.starts_with("warning") {
                counts.0 += 1;
            } else if rest.starts_with("error") {
                counts.1 += 1;
            }
        }
    }
    counts
}

/// The whole crate's check time: the mean of the first and last all-features checks.
fn whole(checks: &[Check]) -> f64 {
    let all: Vec<f64> = checks.iter().filter(|c| c.checked == Checked::All).map(|c| c.seconds).collect();
    if all.is_empty() {
        0.0
    } else {
        all.iter().sum::<f64>() / all.len() as f64
    }
}

/// The table and the verdict: the largest area (a feature that is no split area's, with what
/// it needs) against [`AREA_TARGET`]. A split area's feature, which turns its parts or groups
/// on, is shown but not judged: its parts are the areas.
pub fn render(checks: &[Check], markdown: bool) -> String {
    let whole = whole(checks);
    let share = |c: &Check| if whole > 0.0 && c.checked != Checked::All { c.seconds / whole } else { f64::NAN };
    let mut out = String::new();
    if markdown {
        out.push_str("| features | check time | share of all features | warnings |\n|---|---:|---:|---:|\n");
    }
    for c in checks {
        let shown = match &c.checked {
            Checked::Feature(name, f) if !f.parts.is_empty() => format!("{name} (and its {} parts)", f.parts.len()),
            Checked::Feature(name, f) if !f.needs.is_empty() => format!("{name} (+{} it needs)", f.needs.len()),
            _ => c.label.clone(),
        };
        let pct = share(c);
        let pct = if pct.is_nan() { String::new() } else { format!("{:.1}%", pct * 100.0) };
        let warnings = c.warnings + c.errors;
        if markdown {
            let shown = if matches!(c.checked, Checked::Feature(..)) { format!("`{shown}`") } else { shown };
            let _ = writeln!(out, "| {shown} | {:.2} s | {pct} | {warnings} |", c.seconds);
        } else {
            let _ = writeln!(out, "  {shown:<48} {:>7.2} s {pct:>7} {warnings:>3} warning(s)", c.seconds);
        }
    }
    let largest = checks
        .iter()
        .filter(|c| matches!(&c.checked, Checked::Feature(_, f) if f.parts.is_empty()))
        .max_by(|a, b| a.seconds.total_cmp(&b.seconds));
    let _ = writeln!(out);
    match largest {
        Some(c) if whole > 0.0 => {
            let pct = c.seconds / whole;
            let verdict = if pct <= AREA_TARGET { "met" } else { "MISSED" };
            let _ = writeln!(
                out,
                "largest area: {}, {:.2} s of {:.2} s for all features ({:.1}%), target <= {:.0}%: {verdict}",
                c.label,
                c.seconds,
                whole,
                pct * 100.0,
                AREA_TARGET * 100.0
            );
        }
        _ => {
            let _ = writeln!(out, "largest area: none (the crate has no area features)");
        }
    }
    out
}

/// Generates the crate of `docs` in `dir`, as `codegen --out` would (diagnostics not printed),
/// and gives its features.
fn generate(docs: &Path, dir: &Path) -> Result<BTreeMap<String, Feature>> {
    let shown = docs.to_string_lossy();
    let (sources, _) = collect_sources(docs, &shown).with_context(|| format!("cannot read the docs in `{shown}`"))?;
    let schema = build_schema(&sources);
    let generated = emit_crate(&schema, &EmitOptions::default()).context("cannot generate the crate")?;
    let plan = write::plan(dir, &generated.files)?;
    write::apply(dir, &plan)?;
    Ok(generated.features)
}

/// Runs the command: prints the table as it goes, then the verdict. Exit status 1 when a check
/// failed or warned.
pub fn run(args: &Args, root: &Path, stdout: &mut dyn Write) -> Result<ExitCode> {
    let docs = args.docs.as_ref().map_or_else(|| root.join(crate::bench::DEFAULT_CORPUS), PathBuf::from);
    if !docs.is_dir() {
        bail!("the docs directory `{}` does not exist", docs.display());
    }
    let scratch;
    let out = match &args.out {
        Some(out) => PathBuf::from(out),
        None => {
            scratch = tempfile::Builder::new().prefix("xtask-check-times-").tempdir()?;
            scratch.path().to_path_buf()
        }
    };
    let dir = out.join("crate");
    let target = out.join("target");
    let mut features = generate(&docs, &dir)?;
    if !args.features.is_empty() {
        for wanted in &args.features {
            if !features.contains_key(wanted) {
                bail!("the generated crate has no feature `{wanted}`");
            }
        }
        features.retain(|name, _| args.features.contains(name));
    }
    writeln!(
        stdout,
        "check-times: {} ({} features), `CARGO_INCREMENTAL=0 cargo check` after touching src/lib.rs, \
         in {}",
        docs.display(),
        features.len(),
        dir.display()
    )?;
    writeln!(stdout, "building the dependencies (untimed) ...")?;
    stdout.flush()?;
    check(&dir, &target, &Checked::All)?;
    let mut runs: Vec<(String, Checked)> =
        vec![("all features (first)".into(), Checked::All), ("none".into(), Checked::None)];
    runs.extend(features.into_iter().map(|(name, f)| (name.clone(), Checked::Feature(name, f))));
    runs.push(("all features (last)".into(), Checked::All));
    let mut checks = Vec::new();
    for (label, checked) in runs {
        let (seconds, warnings, errors) = check(&dir, &target, &checked)?;
        writeln!(stdout, "  {label:<48} {seconds:>7.2} s {:>3} warning(s)", warnings + errors)?;
        stdout.flush()?;
        checks.push(Check { label, checked, seconds, warnings, errors });
    }
    writeln!(stdout, "\nresults:")?;
    write!(stdout, "{}", render(&checks, args.markdown))?;
    let bad: Vec<&str> = checks.iter().filter(|c| c.warnings + c.errors > 0).map(|c| c.label.as_str()).collect();
    if bad.is_empty() {
        Ok(ExitCode::SUCCESS)
    } else {
        writeln!(stdout, "warnings or errors with: {}", bad.join(", "))?;
        Ok(ExitCode::FAILURE)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_with_a_place_are_counted() {
        let stderr = "src/models/x.rs:3:5: warning: unused import: `self::x::*`\n\
                      warning: `graph-models` (lib) generated 1 warning\n\
                      src/lib.rs:10:1: error[E0433]: failed to resolve\n\
                      error: could not compile `graph-models`\n";
        assert_eq!(count_messages(stderr), (1, 1));
        assert_eq!(count_messages(""), (0, 0));
    }

    #[test]
    fn the_largest_area_is_judged_and_split_areas_are_not() {
        let feature = |name: &str, parts: &[&str]| {
            Checked::Feature(
                name.into(),
                Feature { parts: parts.iter().map(|p| p.to_string()).collect(), needs: Vec::new() },
            )
        };
        let c = |label: &str, checked: Checked, seconds: f64| Check {
            label: label.into(),
            checked,
            seconds,
            warnings: 0,
            errors: 0,
        };
        let checks = vec![
            c("all features (first)", Checked::All, 31.0),
            c("none", Checked::None, 0.7),
            c("intune", feature("intune", &["intune-apps", "intune-mam"]), 12.0),
            c("intune-apps", feature("intune-apps", &[]), 5.0),
            c("users", feature("users", &[]), 0.9),
            c("all features (last)", Checked::All, 29.0),
        ];
        let text = render(&checks, false);
        assert!(
            text.contains(
                "largest area: intune-apps, 5.00 s of 30.00 s for all features (16.7%), target <= 10%: MISSED"
            ),
            "{text}"
        );
        assert!(text.contains("intune (and its 2 parts)"), "{text}");
        // A group of an area split for its weight is judged with the groups it needs.
        let group = Feature { parts: Vec::new(), needs: vec!["intune-apps-shared".into()] };
        let mut grouped = checks.clone();
        grouped.insert(4, c("intune-apps-app", Checked::Feature("intune-apps-app".into(), group), 6.0));
        let text = render(&grouped, false);
        assert!(text.contains("intune-apps-app (+1 it needs)"), "{text}");
        assert!(text.contains("largest area: intune-apps-app, 6.00 s of 30.00 s"), "{text}");
        let markdown = render(
            &checks[..2].iter().cloned().chain([checks[4].clone(), checks[5].clone()]).collect::<Vec<_>>(),
            true,
        );
        assert!(markdown.starts_with("| features | check time | share of all features | warnings |\n"), "{markdown}");
        assert!(markdown.contains("| `users` | 0.90 s | 3.0% | 0 |"), "{markdown}");
        assert!(markdown.contains("largest area: users, 0.90 s of 30.00 s for all features (3.0%), target <= 10%: met"));
    }
}
