//! `cargo xtask codegen`: docs -> schema -> generated crate (and/or the schema as JSON).

use crate::write;
use anyhow::{bail, Context, Result};
use docs_codegen::diagnostics::{self, Diagnostic};
use docs_codegen::emit::{emit_crate, EmitOptions};
use docs_codegen::{build_schema_with_progress, collect_sources, schema_json_with, SourceFile};
use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The package name of the generated crate unless `--crate-name` says otherwise.
pub const DEFAULT_CRATE_NAME: &str = "graph-models";

/// How many diff lines `--check` prints per output before cutting.
const MAX_DIFF_LINES: usize = 400;

/// The command line of `cargo xtask codegen`, as given (paths not yet resolved).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Args {
    pub docs: Option<OsString>,
    pub out: Option<OsString>,
    pub ir: Option<OsString>,
    pub crate_name: String,
    pub check: bool,
    pub deny_warnings: bool,
    /// Also emit the generated crate's loopback test (`--loopback-tests`).
    pub loopback_tests: bool,
    /// How diagnostics are printed: human (stderr), or JSON / SARIF (stdout) for tools.
    pub diagnostics_format: diagnostics::render::Format,
}

impl Default for Args {
    fn default() -> Self {
        Args {
            docs: None,
            out: None,
            ir: None,
            crate_name: DEFAULT_CRATE_NAME.to_string(),
            check: false,
            deny_warnings: false,
            loopback_tests: false,
            diagnostics_format: diagnostics::render::Format::Human,
        }
    }
}

/// A path to use and how to show it: as the user typed it, or workspace-relative for defaults.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub path: PathBuf,
    pub shown: String,
}

/// Where to read from and write to, after defaults.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Targets {
    pub docs: Location,
    pub out: Option<Location>,
    pub ir: Option<Location>,
}

impl Args {
    /// Applies the defaults: `docs/` and, unless only `--ir` is given, `generated/`, both in
    /// the workspace `root`. Paths the user gave stay relative to the current directory.
    pub fn targets(&self, root: &Path) -> Targets {
        let given = |p: &OsString| Location { path: PathBuf::from(p), shown: p.to_string_lossy().into_owned() };
        let docs =
            self.docs.as_ref().map(given).unwrap_or_else(|| Location { path: root.join("docs"), shown: "docs".into() });
        let out = match (&self.out, &self.ir) {
            (Some(o), _) => Some(given(o)),
            (None, Some(_)) => None,
            (None, None) => Some(Location { path: root.join("generated"), shown: "generated/".into() }),
        };
        Targets { docs, out, ir: self.ir.as_ref().map(given) }
    }

    /// The command that regenerates what `--check` checks: these arguments without `--check`.
    pub fn rerun_command(&self) -> String {
        let mut cmd = String::from("cargo xtask codegen");
        for (flag, value) in [("--docs", &self.docs), ("--out", &self.out), ("--ir", &self.ir)] {
            if let Some(v) = value {
                cmd.push_str(&format!(" {flag} {}", shell_quote(&v.to_string_lossy())));
            }
        }
        if self.crate_name != DEFAULT_CRATE_NAME {
            cmd.push_str(&format!(" --crate-name {}", shell_quote(&self.crate_name)));
        }
        if self.loopback_tests {
            cmd.push_str(" --loopback-tests");
        }
        cmd
    }
}

fn shell_quote(s: &str) -> String {
    let plain = !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "-_./+=:@%,".contains(c));
    if plain {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

/// A crate name cargo accepts: ASCII letters, digits, `-` and `_`, starting with a letter.
pub fn check_crate_name(name: &str) -> Result<()> {
    let ok = name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !ok {
        bail!("--crate-name `{name}` is not a valid package name (ASCII letters, digits, `-`, `_`; starting with a letter)");
    }
    Ok(())
}

/// What one run produces, before anything touches the disk.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outputs {
    /// The generated crate's files, when an output directory is wanted.
    pub crate_files: Option<BTreeMap<String, String>>,
    /// The schema as pretty JSON, when `--ir` is given.
    pub ir_json: Option<String>,
}

/// Runs `cargo xtask codegen`. `root` is the workspace root (defaults live there).
pub fn run(args: &Args, root: &Path) -> Result<ExitCode> {
    check_crate_name(&args.crate_name)?;
    let targets = args.targets(root);

    let docs = &targets.docs;
    if !docs.path.is_dir() {
        if docs.path.exists() {
            bail!("the docs directory `{}` is not a directory", docs.shown);
        }
        bail!("the docs directory `{}` does not exist", docs.shown);
    }
    let (sources, read_diags) = collect_sources(&docs.path, &docs.shown)
        .with_context(|| format!("cannot read the docs in `{}`", docs.shown))?;
    let progress = Progress::new(sources.len());
    // What the merge leaves is freed once the schema is serialised and the crate emitted:
    // freeing it sooner took one of the cores those parallel stages use.
    // With `--ir`, the endpoints are serialised while the merge settles the types.
    let (mut schema, leftovers, endpoints_json) = build_schema_with_progress(
        &sources,
        &|| progress.page_done(),
        &|| progress.stage("merging"),
        targets.ir.is_some(),
    );
    progress.clear();
    if !read_diags.is_empty() {
        // Files that could not be read are findings too: keep them in the schema (and the IR).
        schema.diagnostics.extend(read_diags);
        schema.diagnostics.sort();
    }

    report_diagnostics(
        &schema.diagnostics,
        &sources,
        args.diagnostics_format,
        &format!(
            "codegen: {}, {}, {}; ",
            count(sources.len(), "page"),
            count(schema.types.len(), "type"),
            count(schema.endpoints.len(), "endpoint"),
        ),
    );
    eprintln!("{}", endpoint_coverage(&sources, &schema));
    if args.deny_warnings && !schema.diagnostics.is_empty() {
        bail!(
            "--deny-warnings: the docs produced {} (listed above); nothing was {}",
            count(schema.diagnostics.len(), "diagnostic"),
            if args.check { "checked" } else { "written" }
        );
    }

    let mut outputs = Outputs::default();
    let progress = Progress::spinner(sources.len());
    if targets.out.is_some() {
        progress.stage("generating the crate");
        let options = EmitOptions { crate_name: args.crate_name.clone(), loopback_tests: args.loopback_tests };
        let generated = emit_crate(&schema, &options).context("cannot generate the crate")?;
        outputs.crate_files = Some(generated.files);
    }
    if targets.ir.is_some() {
        progress.stage("serialising the schema");
        outputs.ir_json = Some(schema_json_with(&schema, endpoints_json).context("cannot serialise the schema")?);
    }
    drop(leftovers);
    progress.clear();

    // With JSON or SARIF on stdout, what was written is said on stderr, keeping stdout one document.
    let mut report: Box<dyn std::io::Write> = match args.diagnostics_format {
        diagnostics::render::Format::Human => Box::new(std::io::stdout().lock()),
        _ => Box::new(std::io::stderr().lock()),
    };
    if args.check {
        let stale = check(&targets, &outputs, &mut report)?;
        if stale.is_empty() {
            return Ok(ExitCode::SUCCESS);
        }
        for shown in stale {
            eprintln!("{shown} is stale: run `{}`", args.rerun_command());
        }
        Ok(ExitCode::FAILURE)
    } else {
        sync(&targets, &outputs, &mut report)?;
        Ok(ExitCode::SUCCESS)
    }
}

/// From how many pages on a run shows progress: below, a run takes well under a second.
const PROGRESS_MIN_PAGES: usize = 200;

/// Whether to draw progress: on a terminal only (stderr: stdout may carry JSON or SARIF, and a
/// log or pipe would fill with redraws), not under CI (`CI` set and not empty), and only for
/// corpora large enough to take a while.
pub fn progress_wanted(pages: usize, stderr_is_terminal: bool, ci: Option<&std::ffi::OsStr>) -> bool {
    pages >= PROGRESS_MIN_PAGES && stderr_is_terminal && ci.is_none_or(|v| v.is_empty())
}

/// A progress bar (or spinner) on stderr, or nothing when [`progress_wanted`] says no.
struct Progress(Option<indicatif::ProgressBar>);

impl Progress {
    fn wanted(pages: usize) -> bool {
        use std::io::IsTerminal;
        progress_wanted(pages, std::io::stderr().is_terminal(), std::env::var_os("CI").as_deref())
    }

    /// A bar counting the pages read and extracted.
    fn new(pages: usize) -> Self {
        if !Self::wanted(pages) {
            return Progress(None);
        }
        let bar = indicatif::ProgressBar::with_draw_target(Some(pages as u64), indicatif::ProgressDrawTarget::stderr());
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{spinner} {msg:<10} [{bar:30}] {pos}/{len} pages ({elapsed})")
        {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message("reading");
        bar.enable_steady_tick(std::time::Duration::from_millis(100));
        Progress(Some(bar))
    }

    /// A spinner for the stages that have no count.
    fn spinner(pages: usize) -> Self {
        if !Self::wanted(pages) {
            return Progress(None);
        }
        let bar = indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::stderr());
        if let Ok(style) = indicatif::ProgressStyle::with_template("{spinner} {msg} ({elapsed})") {
            bar.set_style(style);
        }
        bar.enable_steady_tick(std::time::Duration::from_millis(100));
        Progress(Some(bar))
    }

    fn page_done(&self) {
        if let Some(bar) = &self.0 {
            bar.inc(1);
        }
    }

    fn stage(&self, what: &'static str) {
        if let Some(bar) = &self.0 {
            bar.set_message(what);
        }
    }

    /// Removes the bar, before anything else is printed.
    fn clear(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

/// `endpoints: P of Q api pages, U of V example URLs match`: how many API pages gave an
/// endpoint, and how many of their example requests to the service fit a path template of
/// their page (each of the others has a `url-mismatch` diagnostic).
///
/// The API pages are the pages in a directory named `api` (as the Graph docs file them) when
/// there are any, else the pages that gave an endpoint or a `no-http-request` diagnostic.
pub fn endpoint_coverage(sources: &[docs_codegen::SourceFile], schema: &docs_codegen::Schema) -> String {
    use std::collections::BTreeSet;
    let file_of = |source: &str| source.rsplit_once(':').map_or(source, |(f, _)| f).to_string();
    let with_endpoint: BTreeSet<String> =
        schema.endpoints.iter().flat_map(|e| e.sources.iter().map(|s| file_of(s))).collect();
    let in_api_dir: BTreeSet<String> = sources
        .iter()
        .filter(|s| Path::new(&s.path).parent().and_then(|p| p.file_name()).is_some_and(|n| n == "api"))
        .map(|s| s.path.clone())
        .collect();
    let api_pages = if in_api_dir.is_empty() {
        let no_request =
            schema.diagnostics.iter().filter(|d| d.code == docs_codegen::Code::NoHttpRequest).map(|d| d.file.clone());
        with_endpoint.iter().cloned().chain(no_request).collect()
    } else {
        in_api_dir
    };
    let pages_with = api_pages.iter().filter(|p| with_endpoint.contains(*p)).count();
    let urls = schema.endpoints.iter().flat_map(|e| &e.example_urls);
    let (matching, total) = urls.fold((0, 0), |(m, t), u| (m + usize::from(u.matches), t + 1));
    let percent = |n: usize, d: usize| if d == 0 { 100.0 } else { n as f64 * 100.0 / d as f64 };
    format!(
        "endpoints: {pages_with} of {} api pages ({:.1}%), {matching} of {total} example URLs match ({:.1}%)",
        api_pages.len(),
        percent(pages_with, api_pages.len()),
        percent(matching, total)
    )
}

fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// The diagnostics in the chosen format, then the summary line on stderr. Human: one line each
/// on stderr; on a terminal also the source line with a caret under the spot, in colour unless
/// `NO_COLOR` is set. JSON and SARIF: one document on stdout, for tools.
fn report_diagnostics(diags: &[Diagnostic], sources: &[SourceFile], format: diagnostics::render::Format, prefix: &str) {
    use diagnostics::render::{self, Format};
    use std::fmt::Write as _;
    use std::io::{IsTerminal, Write as _};
    // Rendered whole and written at once: stderr is unbuffered, and a thousand diagnostics
    // printed one piece at a time were ten thousand system calls.
    let mut text = String::new();
    match format {
        Format::Human if std::io::stderr().is_terminal() => {
            let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
            let with_diagnostics: std::collections::BTreeSet<&str> = diags.iter().map(|d| d.file.as_str()).collect();
            let texts: std::collections::BTreeMap<&str, String> = sources
                .iter()
                .filter(|s| with_diagnostics.contains(s.path.as_str()))
                .map(|s| (s.path.as_str(), String::from_utf8_lossy(&s.bytes).into_owned()))
                .collect();
            for d in diags {
                let _ = writeln!(
                    text,
                    "{}",
                    render::with_snippet(d, texts.get(d.file.as_str()).map(String::as_str), color)
                );
            }
        }
        Format::Human => {
            for d in diags {
                let _ = writeln!(text, "{d}");
            }
        }
        Format::Json => println!("{:#}", render::to_json(diags)),
        Format::Sarif => println!("{:#}", render::to_sarif(diags, "docs-codegen", env!("CARGO_PKG_VERSION"))),
    }
    let _ = writeln!(text, "{prefix}{}", diagnostics::summary(diags));
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// Writes the outputs that changed and removes stale generated files; says what it did on
/// `stdout`.
pub fn sync(targets: &Targets, outputs: &Outputs, stdout: &mut dyn std::io::Write) -> Result<()> {
    if let (Some(out), Some(_)) = (&targets.out, &outputs.crate_files) {
        // An earlier run that stopped midway may have left the output moved aside.
        for said in write::recover(&out.path).with_context(|| format!("cannot recover `{}`", out.shown))? {
            eprintln!("codegen: {said}");
        }
    }
    // Check every path (and read what is there) before writing anything.
    let crate_plan = match (&targets.out, &outputs.crate_files) {
        (Some(out), Some(files)) => Some((out, write::plan(&out.path, files)?)),
        _ => None,
    };
    if let Some((out, plan)) = crate_plan {
        let applied = write::apply(&out.path, &plan).with_context(|| format!("cannot update `{}`", out.shown))?;
        if let Some((old, why)) = &applied.left_over {
            eprintln!(
                "warning: cannot remove the previous output, moved to {}: {why}; the next run does",
                old.display()
            );
        }
        let total = plan.unchanged + applied.written;
        if plan.is_up_to_date() {
            let _ = writeln!(stdout, "{} is up to date ({})", out.shown, count(total, "file"));
        } else {
            let _ = writeln!(
                stdout,
                "{}: {} written, {} removed, {} unchanged",
                out.shown,
                count(applied.written, "file"),
                applied.removed,
                plan.unchanged
            );
        }
    }
    if let (Some(ir), Some(json)) = (&targets.ir, &outputs.ir_json) {
        let wrote = write::write_if_changed(&ir.path, json.as_bytes())?;
        let _ = writeln!(stdout, "{}: {}", ir.shown, if wrote { "written" } else { "up to date" });
    }
    Ok(())
}

/// Compares the outputs with what is on disk, printing a diff of whatever differs on
/// `stdout`. Writes no file. Returns the display names of the stale outputs.
pub fn check(targets: &Targets, outputs: &Outputs, stdout: &mut dyn std::io::Write) -> Result<Vec<String>> {
    let mut stale = Vec::new();
    if let (Some(out), Some(files)) = (&targets.out, &outputs.crate_files) {
        let (staging, old) = write::leftovers(&out.path)?;
        for (path, _) in staging.iter().chain(&old) {
            eprintln!("codegen: {} was left by an interrupted run; a run without --check tidies it up", path.display());
        }
        let plan = write::plan(&out.path, files)?;
        if plan.is_up_to_date() {
            let _ = writeln!(stdout, "{} is up to date", out.shown);
        } else {
            let _ = writeln!(stdout, "{} differs from what the docs generate:", out.shown);
            let _ = write!(stdout, "{}", write::render_diff(&plan.changes, &out.shown, MAX_DIFF_LINES));
            stale.push(out.shown.clone());
        }
    }
    if let (Some(ir), Some(json)) = (&targets.ir, &outputs.ir_json) {
        let change = match std::fs::read(&ir.path) {
            Ok(old) if old == json.as_bytes() => None,
            Ok(old) => Some(write::Change::Modified { path: ir.shown.clone(), old, new: json.as_bytes() }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                Some(write::Change::Missing { path: ir.shown.clone(), new: json.as_bytes() })
            }
            Err(e) => return Err(e).with_context(|| format!("cannot read `{}`", ir.shown)),
        };
        match change {
            None => {
                let _ = writeln!(stdout, "{} is up to date", ir.shown);
            }
            Some(change) => {
                let _ = writeln!(stdout, "{} differs from the schema of the docs:", ir.shown);
                let _ = write!(stdout, "{}", write::render_diff(&[change], "", MAX_DIFF_LINES));
                stale.push(ir.shown.clone());
            }
        }
    }
    let _ = stdout.flush();
    Ok(stale)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(s: &str) -> Option<OsString> {
        Some(OsString::from(s))
    }

    #[test]
    fn defaults_live_in_the_workspace_root() {
        let root = Path::new("/ws");
        let t = Args::default().targets(root);
        assert_eq!(t.docs, Location { path: "/ws/docs".into(), shown: "docs".into() });
        assert_eq!(t.out, Some(Location { path: "/ws/generated".into(), shown: "generated/".into() }));
        assert_eq!(t.ir, None);
    }

    #[test]
    fn only_ir_means_no_crate() {
        let t = Args { ir: os("schema.json"), ..Args::default() }.targets(Path::new("/ws"));
        assert_eq!(t.out, None);
        assert_eq!(t.ir, Some(Location { path: "schema.json".into(), shown: "schema.json".into() }));
        let t = Args { ir: os("s.json"), out: os("../o"), ..Args::default() }.targets(Path::new("/ws"));
        assert_eq!(t.out, Some(Location { path: "../o".into(), shown: "../o".into() }));
    }

    #[test]
    fn user_paths_are_shown_as_typed() {
        let t = Args { docs: os("../shared/corpus/"), ..Args::default() }.targets(Path::new("/ws"));
        assert_eq!(t.docs, Location { path: "../shared/corpus/".into(), shown: "../shared/corpus/".into() });
    }

    #[test]
    fn rerun_command_repeats_the_non_default_arguments() {
        assert_eq!(Args { check: true, ..Args::default() }.rerun_command(), "cargo xtask codegen");
        let a = Args {
            docs: os("my docs"),
            out: os("out"),
            ir: os("ir.json"),
            crate_name: "x".into(),
            check: true,
            deny_warnings: true,
            loopback_tests: true,
            diagnostics_format: diagnostics::render::Format::Json,
        };
        assert_eq!(
            a.rerun_command(),
            "cargo xtask codegen --docs 'my docs' --out out --ir ir.json --crate-name x --loopback-tests"
        );
    }

    #[test]
    fn progress_only_on_a_terminal_outside_ci_for_large_corpora() {
        use std::ffi::OsStr;
        assert!(progress_wanted(3341, true, None));
        assert!(progress_wanted(3341, true, Some(OsStr::new(""))));
        assert!(!progress_wanted(3341, false, None), "not a terminal");
        assert!(!progress_wanted(3341, true, Some(OsStr::new("true"))), "CI");
        assert!(!progress_wanted(5, true, None), "a handful of pages");
    }

    #[test]
    fn crate_names_are_checked() {
        assert!(check_crate_name("graph-models").is_ok());
        assert!(check_crate_name("g2_x").is_ok());
        for bad in ["", "1abc", "a b", "../x", "a/b"] {
            assert!(check_crate_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn check_then_sync_then_check() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("gen");
        let ir = dir.path().join("ir/schema.json");
        let targets = Targets {
            docs: Location { path: dir.path().into(), shown: "docs".into() },
            out: Some(Location { path: out.clone(), shown: "gen/".into() }),
            ir: Some(Location { path: ir.clone(), shown: "ir/schema.json".into() }),
        };
        let outputs = Outputs {
            crate_files: Some([("src/lib.rs".to_string(), "// lib\n".to_string())].into_iter().collect()),
            ir_json: Some("{}\n".into()),
        };
        let mut said = Vec::new();
        assert_eq!(check(&targets, &outputs, &mut said).unwrap(), ["gen/", "ir/schema.json"]);
        let said = String::from_utf8(said).unwrap();
        assert!(said.contains("+++ gen/src/lib.rs\t(generated)\n@@ -0,0 +1 @@\n+// lib\n"), "{said}");
        assert!(said.contains("+++ ir/schema.json\t(generated)"), "{said}");
        assert!(!out.exists() && !ir.exists(), "check writes nothing");

        let mut said = Vec::new();
        sync(&targets, &outputs, &mut said).unwrap();
        assert_eq!(
            String::from_utf8(said).unwrap(),
            "gen/: 1 file written, 0 removed, 0 unchanged\nir/schema.json: written\n"
        );
        assert_eq!(std::fs::read_to_string(out.join("src/lib.rs")).unwrap(), "// lib\n");
        assert_eq!(std::fs::read_to_string(&ir).unwrap(), "{}\n");

        let mut said = Vec::new();
        assert!(check(&targets, &outputs, &mut said).unwrap().is_empty());
        assert_eq!(String::from_utf8(said).unwrap(), "gen/ is up to date\nir/schema.json is up to date\n");
        let mut said = Vec::new();
        sync(&targets, &outputs, &mut said).unwrap();
        assert_eq!(String::from_utf8(said).unwrap(), "gen/ is up to date (1 file)\nir/schema.json: up to date\n");
    }
}
