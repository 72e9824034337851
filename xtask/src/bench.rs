//! `cargo xtask bench`: how fast the generator is on a real corpus, measured against one bare
//! pulldown-cmark pass over the same files in the same run, and how much memory it needs.
//!
//! Every measured job ([`JobKind`]) runs in a child process of its own (the xtask binary run
//! again as the internal `bench-job` command, see [`run_in_child`]), so that the peak resident
//! set size it reports (`VmHWM` from `/proc/self/status`, read by the child after its work) is
//! that job's alone. The child prints its figures as `key value` lines ([`Figures`]). Jobs run
//! round-robin, one warm-up round that is not counted and then `--runs` rounds, so load that
//! comes and goes hits them alike; the table shows the fastest run of each stage and of the
//! total (so the stages need not add up exactly to the total) and the highest peak.
//!
//! The figures are measurements, not assertions: nothing here fails because of a timing.

use crate::write;
use anyhow::{bail, Context, Result};
use docs_codegen::emit::{emit_crate, EmitOptions};
use docs_codegen::{bare_markdown_pass, collect_sources, read_and_extract, schema_json_with};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::ffi::OsString;
use std::fmt::Write as _;
use std::fs;
use std::hint::black_box;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Instant, SystemTime};

/// The corpus measured unless `--docs` says otherwise, relative to the workspace root.
pub const DEFAULT_CORPUS: &str = "../shared/corpus/graph-v1.0";
/// How many times over the corpus is measured unless `--times` says otherwise.
pub const DEFAULT_TIMES: &[usize] = &[1, 3];
/// Runs of each job unless `--runs` says otherwise.
pub const DEFAULT_RUNS: usize = 5;
/// Schema alone (`--ir` without `--out`): at most this many times the bare pass.
pub const SCHEMA_TARGET: f64 = 3.0;
/// End to end (`--out`): at most this many times the bare pass.
pub const END_TO_END_TARGET: f64 = 8.0;
/// Peak memory for the whole reference, in MiB.
pub const MEMORY_TARGET_MIB: f64 = 1024.0;

/// The command line of `cargo xtask bench`, as given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Args {
    pub docs: Option<OsString>,
    /// Replication factors; empty means [`DEFAULT_TIMES`].
    pub times: Vec<usize>,
    pub runs: usize,
    pub out: Option<OsString>,
    pub markdown: bool,
}

impl Default for Args {
    fn default() -> Self {
        Args { docs: None, times: Vec::new(), runs: DEFAULT_RUNS, out: None, markdown: false }
    }
}

/// Parses a `--times` value: one factor or a comma-separated list, each from 1 to 100.
pub fn parse_times(value: &str) -> Result<Vec<usize>> {
    value
        .split(',')
        .map(|part| match part.trim().parse::<usize>() {
            Ok(n @ 1..=100) => Ok(n),
            _ => bail!("--times takes whole numbers from 1 to 100 (`{value}`)"),
        })
        .collect()
}

/// Parses a `--runs` value: 1 to 50.
pub fn parse_runs(value: &str) -> Result<usize> {
    match value.trim().parse::<usize>() {
        Ok(n @ 1..=50) => Ok(n),
        _ => bail!("--runs takes a whole number from 1 to 50 (`{value}`)"),
    }
}

/// What one measured child process does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobKind {
    /// Walk and read every file, then one bare pulldown-cmark pass over each, on all cores.
    Baseline,
    /// `codegen --ir FILE` without `--out`: sources -> schema -> pretty JSON -> FILE.
    Schema,
    /// `codegen --out DIR`: sources -> schema -> diagnostics -> crate -> DIR.
    Codegen,
    /// The stages apart, for a profile: read all pages, then extract all, merge, emit, and
    /// format the emitted files again on their own.
    Profile,
}

impl JobKind {
    pub const ALL: [JobKind; 4] = [JobKind::Baseline, JobKind::Schema, JobKind::Codegen, JobKind::Profile];

    pub fn name(self) -> &'static str {
        match self {
            JobKind::Baseline => "baseline",
            JobKind::Schema => "schema",
            JobKind::Codegen => "codegen",
            JobKind::Profile => "profile",
        }
    }

    pub fn from_name(name: &str) -> Option<JobKind> {
        JobKind::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// One measured job: what, on which docs, writing where (the schema file for
/// [`JobKind::Schema`], the crate directory for [`JobKind::Codegen`]; nothing otherwise).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    pub kind: JobKind,
    pub docs: PathBuf,
    pub out: Option<PathBuf>,
}

impl Job {
    /// The arguments of the internal command that runs this job.
    pub fn to_args(&self) -> Vec<OsString> {
        let mut args: Vec<OsString> =
            vec!["bench-job".into(), self.kind.name().into(), "--docs".into(), self.docs.clone().into()];
        if let Some(out) = &self.out {
            args.extend(["--out".into(), out.clone().into()]);
        }
        args
    }
}

/// A job's figures: `t_*` keys are seconds, `peak_mib` is the peak resident set size in MiB,
/// the rest are counts.
pub type Figures = BTreeMap<String, f64>;

/// Stage times, each from the previous mark (`t_NAME`), and the CPU time of each stage
/// (`t_cpu_NAME`, all threads) and of the whole (`t_cpu`).
struct Clock {
    start: Instant,
    last: Instant,
    cpu_start: Option<f64>,
    cpu_last: Option<f64>,
}

impl Clock {
    fn new() -> Clock {
        let now = Instant::now();
        let cpu = cpu_seconds();
        Clock { start: now, last: now, cpu_start: cpu, cpu_last: cpu }
    }

    fn stage(&mut self, figures: &mut Figures, name: &str) {
        let now = Instant::now();
        figures.insert(format!("t_{name}"), (now - self.last).as_secs_f64());
        self.last = now;
        let cpu = cpu_seconds();
        if let (Some(last), Some(cpu)) = (self.cpu_last, cpu) {
            figures.insert(format!("t_cpu_{name}"), cpu - last);
        }
        self.cpu_last = cpu;
    }

    fn total(&self, figures: &mut Figures) {
        figures.insert("t_total".into(), self.start.elapsed().as_secs_f64());
        if let (Some(start), Some(end)) = (self.cpu_start, cpu_seconds()) {
            figures.insert("t_cpu".into(), end - start);
        }
    }
}

/// The CPU time this process has had so far, user and system, summed over its threads, in
/// seconds (the first field of each `/proc/self/task/*/schedstat`, in nanoseconds), where the
/// system says it. A thread that has ended is no longer counted; the jobs run on rayon's pool,
/// whose threads last as long as the process. Over the wall time and the threads, it tells how
/// far a job could go by keeping every core busy, and how far only by doing less.
fn cpu_seconds() -> Option<f64> {
    let mut nanos: u64 = 0;
    for entry in fs::read_dir("/proc/self/task").ok()? {
        // A thread that ended since the listing has no file any more.
        let Ok(text) = fs::read_to_string(entry.ok()?.path().join("schedstat")) else { continue };
        nanos += text.split_whitespace().next()?.parse::<u64>().ok()?;
    }
    Some(nanos as f64 / 1e9)
}

/// Runs `job` in this process and returns its figures, the peak memory of this process
/// included (meaningful when the process ran nothing else: see [`run_in_child`]).
pub fn run_job(job: &Job) -> Result<Figures> {
    let mut f = Figures::new();
    let mut clock = Clock::new();
    let shown = job.docs.to_string_lossy();
    let (sources, read_diags) =
        collect_sources(&job.docs, &shown).with_context(|| format!("cannot read the docs in `{shown}`"))?;
    clock.stage(&mut f, "collect");
    f.insert("pages".into(), sources.len() as f64);
    f.insert("bytes".into(), sources.iter().map(|s| s.bytes.len()).sum::<usize>() as f64);
    match job.kind {
        JobKind::Baseline => {
            let events = bare_markdown_pass(&sources);
            clock.stage(&mut f, "parse");
            f.insert("events".into(), black_box(events) as f64);
        }
        JobKind::Schema | JobKind::Codegen => {
            let facts = read_and_extract(&sources);
            clock.stage(&mut f, "read_extract");
            // As `codegen` does: with the schema alone, the endpoints are serialised during the
            // merge; what the merge leaves is freed after the next stage.
            let (mut schema, leftovers, endpoints_json) = docs_codegen::merge::merge_overlapping(facts, |endpoints| {
                (job.kind == JobKind::Schema).then(|| docs_codegen::pipeline::endpoints_json(endpoints))
            });
            if !read_diags.is_empty() {
                schema.diagnostics.extend(read_diags);
                schema.diagnostics.sort();
            }
            clock.stage(&mut f, "merge");
            f.insert("types".into(), schema.types.len() as f64);
            f.insert("endpoints".into(), schema.endpoints.len() as f64);
            f.insert("diagnostics".into(), schema.diagnostics.len() as f64);
            if job.kind == JobKind::Schema {
                let json = schema_json_with(&schema, endpoints_json).context("cannot serialise the schema")?;
                drop(leftovers);
                clock.stage(&mut f, "ir_json");
                if let Some(path) = &job.out {
                    write::write_if_changed(path, json.as_bytes())?;
                }
                clock.stage(&mut f, "ir_write");
            } else {
                // What `codegen` prints on stderr, rendered but not printed (a terminal's speed
                // is not the generator's).
                let mut report = String::new();
                for d in &schema.diagnostics {
                    let _ = writeln!(report, "{d}");
                }
                report.push_str(&docs_codegen::diagnostics::summary(&schema.diagnostics));
                black_box(&report);
                clock.stage(&mut f, "diagnostics");
                let generated = emit_crate(&schema, &EmitOptions::default()).context("cannot generate the crate")?;
                drop(leftovers);
                clock.stage(&mut f, "emit");
                f.insert("files".into(), generated.files.len() as f64);
                if let Some(out) = &job.out {
                    let plan = write::plan(out, &generated.files)?;
                    let applied = write::apply(out, &plan)?;
                    f.insert("written".into(), applied.written as f64);
                    f.insert("removed".into(), applied.removed as f64);
                    f.insert("unchanged".into(), plan.unchanged as f64);
                }
                clock.stage(&mut f, "write");
            }
        }
        JobKind::Profile => {
            let pages: Vec<_> = sources.par_iter().map(|s| docs_codegen::read::read_page(&s.path, &s.bytes)).collect();
            clock.stage(&mut f, "read");
            let facts: Vec<_> = pages.par_iter().map(docs_codegen::extract::extract_page).collect();
            clock.stage(&mut f, "extract");
            drop(pages);
            let schema = docs_codegen::merge::merge(facts);
            clock.stage(&mut f, "merge");
            let generated = emit_crate(&schema, &EmitOptions::default()).context("cannot generate the crate")?;
            clock.stage(&mut f, "emit");
            // Formatting happens inside emission, item by item on the rayon workers; doing it
            // again on the emitted files (parse included) shows what it costs.
            let formatted: usize = generated
                .files
                .par_iter()
                .filter(|(path, _)| path.ends_with(".rs"))
                .map(|(path, text)| {
                    syn::parse_file(text)
                        .map(|file| prettyplease::unparse(&file).len())
                        .with_context(|| format!("emitted {path} does not parse"))
                })
                .sum::<Result<usize>>()?;
            black_box(formatted);
            clock.stage(&mut f, "format");
        }
    }
    clock.total(&mut f);
    f.insert("threads".into(), rayon::current_num_threads() as f64);
    if let Some(kib) = peak_rss_kib() {
        f.insert("peak_mib".into(), kib as f64 / 1024.0);
    }
    Ok(f)
}

/// The peak resident set size of this process in KiB (`VmHWM`), where the system says it.
fn peak_rss_kib() -> Option<u64> {
    let status = fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.trim_start_matches("VmHWM:").trim().trim_end_matches("kB").trim().parse().ok()
}

/// Writes `figures` as the child's answer: one `key value` line each.
pub fn print_figures(figures: &Figures, out: &mut dyn Write) -> Result<()> {
    for (key, value) in figures {
        writeln!(out, "{key} {value}")?;
    }
    out.flush()?;
    Ok(())
}

/// Reads what [`print_figures`] wrote.
pub fn parse_figures(text: &str) -> Result<Figures> {
    let mut figures = Figures::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let Some((key, value)) = line.split_once(' ') else { bail!("unexpected line from a bench job: `{line}`") };
        let value: f64 = value.trim().parse().with_context(|| format!("unexpected line from a bench job: `{line}`"))?;
        figures.insert(key.to_string(), value);
    }
    Ok(figures)
}

/// Runs `job` in a child process of `exe` (this xtask binary) and reads its figures.
pub fn run_in_child(exe: &Path, job: &Job) -> Result<Figures> {
    let output = Command::new(exe)
        .args(job.to_args())
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .with_context(|| format!("cannot run {}", exe.display()))?;
    if !output.status.success() {
        bail!("the {} job on `{}` failed ({})", job.kind.name(), job.docs.display(), output.status);
    }
    parse_figures(&String::from_utf8_lossy(&output.stdout))
}

/// The best of several runs: the smallest of each time, the largest peak, the last count.
pub fn combine(runs: &[Figures]) -> Figures {
    let mut best = Figures::new();
    for figures in runs {
        for (key, &value) in figures {
            let slot = best.entry(key.clone()).or_insert(value);
            if key.starts_with("t_") {
                *slot = slot.min(value);
            } else if key == "peak_mib" {
                *slot = slot.max(value);
            } else {
                *slot = value;
            }
        }
    }
    best
}

/// Everything measured on one corpus size.
#[derive(Debug, Clone, Default)]
pub struct Column {
    pub times: usize,
    pub baseline: Figures,
    pub schema: Figures,
    pub codegen: Figures,
    pub profile: Figures,
    /// The codegen job run again (`--runs` times) into the directory of the last run, nothing
    /// changed; `written` counts the files rewritten or removed by the worst of them.
    pub rerun: Figures,
    /// Files in that directory whose modification time a rerun changed (all reruns together).
    pub rerun_touched: usize,
}

/// Runs `cargo xtask bench`. `root` is the workspace root; `runner` runs one job (in a child
/// process: [`run_in_child`]; tests may run jobs in-process with [`run_job`]).
pub fn run(
    args: &Args,
    root: &Path,
    stdout: &mut dyn Write,
    runner: &dyn Fn(&Job) -> Result<Figures>,
) -> Result<ExitCode> {
    let (docs, docs_shown) = match &args.docs {
        Some(d) => (PathBuf::from(d), d.to_string_lossy().into_owned()),
        None => (root.join(DEFAULT_CORPUS), DEFAULT_CORPUS.to_string()),
    };
    if !docs.is_dir() {
        bail!("the docs directory `{docs_shown}` does not exist or is not a directory (give one with --docs DIR)");
    }
    let times: Vec<usize> = if args.times.is_empty() { DEFAULT_TIMES.to_vec() } else { args.times.clone() };
    let _temp; // Removed when dropped, at the end.
    let scratch = match &args.out {
        Some(out) => {
            let out = PathBuf::from(out);
            fs::create_dir_all(&out).with_context(|| format!("cannot create {}", out.display()))?;
            out
        }
        None => {
            let dir = tempfile::Builder::new()
                .prefix("xtask-bench-")
                .tempdir()
                .context("cannot make a temporary directory")?;
            let path = dir.path().to_path_buf();
            _temp = dir;
            path
        }
    };

    writeln!(stdout, "bench: {docs_shown}, times {}, best of {} run(s) each", join(&times), args.runs)?;
    writeln!(stdout, "machine: {}", machine())?;
    writeln!(stdout, "date: {} UTC; load average before: {}", utc_now(), load_average())?;
    stdout.flush()?;

    let mut columns = Vec::new();
    for &n in &times {
        let corpus = if n == 1 {
            docs.clone()
        } else {
            let dir = scratch.join(format!("corpus-x{n}"));
            replicate(&docs, &dir, n)?;
            dir
        };
        let ir = scratch.join(format!("schema-x{n}.json"));
        let crate_dir = scratch.join(format!("crate-x{n}"));
        let job = |kind, out: Option<&Path>| Job { kind, docs: corpus.clone(), out: out.map(Path::to_path_buf) };
        let mut runs: BTreeMap<&str, Vec<Figures>> = BTreeMap::new();
        // Round 0 is a warm-up, shown but not counted: the first process of each kind ran
        // every stage two to three times slower than the next (baseline 122-158 ms against
        // 49-54 ms), faulting in the binary's code and data, which a system that pages out what
        // it finds cold (see `warm_page_cache`) may have evicted since the last run.
        for run in 0..=args.runs {
            if run == 0 {
                write!(stdout, "  x{n} warm-up (not counted):")?;
            } else {
                write!(stdout, "  x{n} run {run}/{}:", args.runs)?;
            }
            stdout.flush()?;
            for kind in JobKind::ALL {
                warm_page_cache(&corpus)?;
                // Each run writes from scratch, as a first `codegen` would.
                let out = match kind {
                    JobKind::Schema => {
                        remove_if_present(&ir)?;
                        Some(ir.as_path())
                    }
                    JobKind::Codegen => {
                        remove_if_present(&crate_dir)?;
                        Some(crate_dir.as_path())
                    }
                    _ => None,
                };
                let figures = runner(&job(kind, out))?;
                write!(stdout, " {} {}", kind.name(), ms(figures.get("t_total").copied()))?;
                stdout.flush()?;
                if run > 0 {
                    runs.entry(kind.name()).or_default().push(figures);
                }
            }
            writeln!(stdout)?;
        }
        // The rerun, as many times: the same codegen into the directory the last run wrote.
        let mut reruns = Vec::new();
        let mut rerun_touched = 0;
        let mut rewritten = 0.0f64;
        for _ in 0..args.runs {
            warm_page_cache(&corpus)?;
            let before = mtimes(&crate_dir)?;
            let figures = runner(&job(JobKind::Codegen, Some(&crate_dir)))?;
            let after = mtimes(&crate_dir)?;
            rerun_touched += after.iter().filter(|(path, time)| before.get(*path) != Some(time)).count()
                + before.keys().filter(|path| !after.contains_key(*path)).count();
            let count = |key: &str| figures.get(key).copied().unwrap_or_default();
            rewritten = rewritten.max(count("written") + count("removed"));
            reruns.push(figures);
        }
        let mut rerun = combine(&reruns);
        // The counts of the worst rerun, not of the last.
        rerun.insert("written".into(), rewritten);
        rerun.insert("removed".into(), 0.0);
        let best = |name: &str| combine(runs.get(name).map(Vec::as_slice).unwrap_or_default());
        columns.push(Column {
            times: n,
            baseline: best("baseline"),
            schema: best("schema"),
            codegen: best("codegen"),
            profile: best("profile"),
            rerun,
            rerun_touched,
        });
    }

    writeln!(stdout, "load average after: {}", load_average())?;
    writeln!(stdout)?;
    let rows = table(&columns);
    write!(stdout, "{}", render_text(&columns, &rows))?;
    if args.markdown {
        writeln!(stdout)?;
        write!(stdout, "{}", render_markdown(&columns, &rows))?;
    }
    writeln!(stdout)?;
    for line in verdicts(&columns) {
        writeln!(stdout, "{line}")?;
    }
    if times.iter().any(|&n| n > 1) {
        writeln!(
            stdout,
            "note: a replicated corpus is the same pages again under copy-1/, copy-2/, ...: distinct files \
             that define the same types, so merging meets each type N times and keeps one (the endpoints and \
             diagnostics are repeated); it measures how the stages scale, not a bigger API."
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// One line of the table: a section heading, or a label and one value per column.
#[derive(Debug, Clone, PartialEq)]
pub enum Row {
    Section(String),
    Line(String, Vec<String>),
}

fn ms(seconds: Option<f64>) -> String {
    match seconds {
        Some(s) if s * 1000.0 >= 10.0 => format!("{:.0} ms", s * 1000.0),
        Some(s) => format!("{:.1} ms", s * 1000.0),
        None => "n/a".into(),
    }
}

fn mib(value: Option<f64>) -> String {
    value.map(|v| format!("{v:.0} MiB")).unwrap_or_else(|| "n/a".into())
}

fn verdict(met: bool) -> &'static str {
    if met {
        "met"
    } else {
        "MISSED"
    }
}

fn ratio(job: &Figures, baseline: &Figures) -> Option<f64> {
    Some(job.get("t_total")? / baseline.get("t_total")?)
}

/// The ratio `job` would have to the bare pass if it kept every rayon thread busy from start
/// to end: its CPU time spread over the threads, against the bare pass's wall time. A target
/// below it cannot be met by running the same work more in parallel, only by less work.
fn busy_ratio(job: &Figures, baseline: &Figures) -> Option<f64> {
    let threads = job.get("threads").copied().filter(|&n| n >= 1.0)?;
    Some(job.get("t_cpu")? / threads / baseline.get("t_total")?)
}

fn count(figures: &Figures, key: &str) -> usize {
    figures.get(key).copied().unwrap_or_default() as usize
}

/// The rows of the table, from the figures of each column.
pub fn table(columns: &[Column]) -> Vec<Row> {
    let line = |label: &str, value: &dyn Fn(&Column) -> String| {
        Row::Line(label.to_string(), columns.iter().map(value).collect())
    };
    let time = |label: &str, pick: fn(&Column) -> &Figures, key: &str| {
        let key = format!("t_{key}");
        line(label, &|c: &Column| ms(pick(c).get(&key).copied()))
    };
    let ratio_row = |label: &str, pick: fn(&Column) -> &Figures, target: f64| {
        line(label, &|c: &Column| match ratio(pick(c), &c.baseline) {
            Some(r) => format!("{r:.2}x {}", verdict(r <= target)),
            None => "n/a".into(),
        })
    };
    let busy_row = |pick: fn(&Column) -> &Figures| {
        line("CPU time / threads / baseline (every core busy)", &|c: &Column| match busy_ratio(pick(c), &c.baseline) {
            Some(r) => format!("{r:.2}x"),
            None => "n/a".into(),
        })
    };
    let peak = |label: &str, pick: fn(&Column) -> &Figures, with_target: bool| {
        line(label, &|c: &Column| {
            let v = pick(c).get("peak_mib").copied();
            match v {
                Some(v) if with_target => format!("{} {}", mib(Some(v)), verdict(v <= MEMORY_TARGET_MIB)),
                _ => mib(v),
            }
        })
    };
    vec![
        line("pages", &|c| count(&c.baseline, "pages").to_string()),
        line("input", &|c| format!("{:.1} MiB", c.baseline.get("bytes").copied().unwrap_or_default() / 1048576.0)),
        line("rayon threads", &|c| count(&c.baseline, "threads").to_string()),
        Row::Section("bare pulldown-cmark pass (the baseline)".into()),
        time("walk + read files", |c| &c.baseline, "collect"),
        time("parse (pulldown-cmark, tables on)", |c| &c.baseline, "parse"),
        time("total", |c| &c.baseline, "total"),
        time("CPU time (all threads)", |c| &c.baseline, "cpu"),
        peak("peak memory", |c| &c.baseline, false),
        Row::Section("schema alone (codegen --ir FILE, no --out)".into()),
        time("walk + read files", |c| &c.schema, "collect"),
        time("read + extract (pages in parallel)", |c| &c.schema, "read_extract"),
        time("merge", |c| &c.schema, "merge"),
        time("schema -> pretty JSON", |c| &c.schema, "ir_json"),
        time("write the JSON", |c| &c.schema, "ir_write"),
        time("total", |c| &c.schema, "total"),
        ratio_row("total / baseline (target <= 3x)", |c| &c.schema, SCHEMA_TARGET),
        time("CPU time (all threads)", |c| &c.schema, "cpu"),
        busy_row(|c| &c.schema),
        peak("peak memory", |c| &c.schema, false),
        Row::Section("end to end (codegen --out DIR, DIR empty)".into()),
        time("walk + read files", |c| &c.codegen, "collect"),
        time("read + extract (pages in parallel)", |c| &c.codegen, "read_extract"),
        time("merge", |c| &c.codegen, "merge"),
        time("diagnostics (rendered, not printed)", |c| &c.codegen, "diagnostics"),
        time("emit + format (items in parallel)", |c| &c.codegen, "emit"),
        time("write (plan + apply)", |c| &c.codegen, "write"),
        time("total", |c| &c.codegen, "total"),
        ratio_row("total / baseline (target <= 8x)", |c| &c.codegen, END_TO_END_TARGET),
        time("CPU time (all threads)", |c| &c.codegen, "cpu"),
        busy_row(|c| &c.codegen),
        peak("peak memory (target <= 1024 MiB)", |c| &c.codegen, true),
        line("types / endpoints / diagnostics", &|c| {
            format!(
                "{} / {} / {}",
                count(&c.codegen, "types"),
                count(&c.codegen, "endpoints"),
                count(&c.codegen, "diagnostics")
            )
        }),
        line("files written", &|c| count(&c.codegen, "written").to_string()),
        Row::Section("rerun (codegen --out DIR again, nothing changed; --runs times)".into()),
        line("files rewritten or removed (target 0)", &|c| {
            let n = count(&c.rerun, "written") + count(&c.rerun, "removed");
            format!("{n} of {} {}", count(&c.rerun, "files"), verdict(n == 0))
        }),
        line("modification times changed", &|c| c.rerun_touched.to_string()),
        time("total", |c| &c.rerun, "total"),
        Row::Section("profile (one more process: all pages read, then all extracted)".into()),
        time("read (page model)", |c| &c.profile, "read"),
        time("extract", |c| &c.profile, "extract"),
        time("merge", |c| &c.profile, "merge"),
        time("emit + format", |c| &c.profile, "emit"),
        time("format alone (syn::parse_file + prettyplease)", |c| &c.profile, "format"),
        peak("peak memory (all page models at once)", |c| &c.profile, false),
    ]
}

fn headers(columns: &[Column]) -> Vec<String> {
    columns.iter().map(|c| format!("x{}", c.times)).collect()
}

/// The table as aligned text.
pub fn render_text(columns: &[Column], rows: &[Row]) -> String {
    let heads = headers(columns);
    // Section titles stand on lines of their own: only the labels set the width.
    let label_width = rows
        .iter()
        .filter_map(|r| match r {
            Row::Section(_) => None,
            Row::Line(l, _) => Some(l.len() + 2),
        })
        .max()
        .unwrap_or(0);
    let widths: Vec<usize> = (0..columns.len())
        .map(|i| {
            rows.iter()
                .filter_map(|r| match r {
                    Row::Line(_, values) => values.get(i).map(String::len),
                    Row::Section(_) => None,
                })
                .chain([heads[i].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = format!("{:label_width$}", "");
    for (head, width) in heads.iter().zip(&widths) {
        out.push_str(&format!("  {head:>width$}"));
    }
    out.push('\n');
    for row in rows {
        match row {
            Row::Section(title) => out.push_str(&format!("{title}\n")),
            Row::Line(label, values) => {
                let indented = if label_width > 0 { format!("  {label}") } else { label.clone() };
                out.push_str(&format!("{indented:label_width$}"));
                for (value, width) in values.iter().zip(&widths) {
                    out.push_str(&format!("  {value:>width$}"));
                }
                out.push('\n');
            }
        }
    }
    out
}

/// The table as Markdown (for the README).
pub fn render_markdown(columns: &[Column], rows: &[Row]) -> String {
    let heads = headers(columns);
    let mut out = format!("| stage | {} |\n|---|{}\n", heads.join(" | "), "---:|".repeat(heads.len()));
    for row in rows {
        match row {
            Row::Section(title) => {
                out.push_str(&format!("| **{title}** |{}\n", " |".repeat(heads.len())));
            }
            Row::Line(label, values) => out.push_str(&format!("| {label} | {} |\n", values.join(" | "))),
        }
    }
    out
}

/// One line per target, for the whole corpus once (the first column if none is x1).
pub fn verdicts(columns: &[Column]) -> Vec<String> {
    let Some(c) = columns.iter().find(|c| c.times == 1).or(columns.first()) else { return Vec::new() };
    let mut lines = vec![format!("targets (x{}):", c.times)];
    let mut ratio_line = |what: &str, job: &Figures, target: f64| {
        lines.push(match ratio(job, &c.baseline) {
            Some(r) => format!(
                "  {what}: {r:.2}x the bare pass, target <= {target}x: {}{}",
                verdict(r <= target),
                busy_note(r, busy_ratio(job, &c.baseline), target)
            ),
            None => format!("  {what}: n/a"),
        })
    };
    ratio_line("schema alone", &c.schema, SCHEMA_TARGET);
    ratio_line("end to end", &c.codegen, END_TO_END_TARGET);
    lines.push(match c.codegen.get("peak_mib") {
        Some(&v) => format!(
            "  peak memory (end to end): {v:.0} MiB, target <= {MEMORY_TARGET_MIB} MiB: {}",
            verdict(v <= MEMORY_TARGET_MIB)
        ),
        None => "  peak memory: n/a (no /proc/self/status)".to_string(),
    });
    let rewritten = count(&c.rerun, "written") + count(&c.rerun, "removed");
    lines.push(format!(
        "  rerun with nothing changed: {rewritten} file(s) rewritten or removed, {} modification time(s) changed, \
         target 0: {}",
        c.rerun_touched,
        verdict(rewritten == 0 && c.rerun_touched == 0)
    ));
    lines
}

/// For a missed target, whether keeping every core busy could meet it or only less work
/// can; nothing for a met one, or without a CPU time.
fn busy_note(ratio: f64, busy: Option<f64>, target: f64) -> String {
    match busy {
        Some(busy) if ratio > target => {
            let needs = if busy > target { "less work" } else { "more of the work in parallel, or less work" };
            format!(" (with every core busy throughout: {busy:.2}x; it needs {needs})")
        }
        _ => String::new(),
    }
}

fn join(times: &[usize]) -> String {
    times.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(",")
}

fn remove_if_present(path: &Path) -> Result<()> {
    let result = if path.is_dir() { fs::remove_dir_all(path) } else { fs::remove_file(path) };
    match result {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(e).with_context(|| format!("cannot remove {}", path.display()))
        }
        _ => Ok(()),
    }
}

/// Every file under `dir` (relative path -> modification time).
fn mtimes(dir: &Path) -> Result<BTreeMap<PathBuf, SystemTime>> {
    let mut found = BTreeMap::new();
    for path in files_under(dir)? {
        let time = fs::metadata(&path)
            .and_then(|m| m.modified())
            .with_context(|| format!("cannot stat {}", path.display()))?;
        found.insert(path, time);
    }
    Ok(found)
}

/// Every regular file under `dir`, recursively (symbolic links are not followed).
fn files_under(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        for entry in fs::read_dir(&d).with_context(|| format!("cannot list {}", d.display()))? {
            let entry = entry.with_context(|| format!("cannot list {}", d.display()))?;
            let kind = entry.file_type()?;
            if kind.is_dir() {
                pending.push(entry.path());
            } else if kind.is_file() {
                found.push(entry.path());
            }
        }
    }
    found.sort();
    Ok(found)
}

/// One untimed read of every file of `corpus`, right before a job, so that every job finds
/// the pages in the page cache. Once per corpus was not enough: a system that pages out memory
/// it finds cold (this machine runs DAMON's `pageout` scheme) evicted pages between jobs, and
/// the walk + read stage of a job took 20 to 80 ms on the same files, depending on the run.
fn warm_page_cache(corpus: &Path) -> Result<()> {
    let (warm, _) = collect_sources(corpus, "").with_context(|| format!("cannot read {}", corpus.display()))?;
    drop(black_box(warm));
    Ok(())
}

/// Makes `dest` hold `times` copies of `src` side by side (`copy-1/`, `copy-2/`, ...), each
/// file hard-linked where the file system allows it and copied otherwise. Whatever was in
/// `dest` is replaced.
pub fn replicate(src: &Path, dest: &Path, times: usize) -> Result<()> {
    remove_if_present(dest)?;
    let files = files_under(src)?;
    for i in 1..=times {
        let copy = dest.join(format!("copy-{i}"));
        for file in &files {
            let rel = file.strip_prefix(src).unwrap_or(file);
            let target = copy.join(rel);
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
            }
            if fs::hard_link(file, &target).is_err() {
                fs::copy(file, &target)
                    .with_context(|| format!("cannot copy {} to {}", file.display(), target.display()))?;
            }
        }
    }
    Ok(())
}

/// CPU model, logical CPUs and memory, as far as the system says.
fn machine() -> String {
    let cpus = std::thread::available_parallelism().map(|n| n.get().to_string()).unwrap_or_else(|_| "?".into());
    let model = fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, m)| m.trim().to_string())
        })
        .unwrap_or_else(|| std::env::consts::ARCH.to_string());
    let memory = fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|t| {
            let line = t.lines().find(|l| l.starts_with("MemTotal:"))?.to_string();
            let kib: f64 = line.trim_start_matches("MemTotal:").trim().trim_end_matches("kB").trim().parse().ok()?;
            Some(format!(", {:.1} GiB RAM", kib / 1048576.0))
        })
        .unwrap_or_default();
    format!("{model}, {cpus} logical CPU(s){memory}, {}", std::env::consts::OS)
}

/// The 1, 5 and 15 minute load averages, where the system says them.
fn load_average() -> String {
    fs::read_to_string("/proc/loadavg")
        .map(|t| t.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "n/a".into())
}

/// The current UTC date and time, `YYYY-MM-DD HH:MM`.
fn utc_now() -> String {
    let secs = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    let (days, rest) = ((secs / 86400) as i64, secs % 86400);
    // Days since 1970-01-01 -> civil date (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02} {:02}:{:02}", rest / 3600, rest % 3600 / 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workspace_root() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
    }

    #[test]
    fn times_and_runs_are_checked() {
        assert_eq!(parse_times("3").unwrap(), [3]);
        assert_eq!(parse_times("1, 3,10").unwrap(), [1, 3, 10]);
        for bad in ["", "0", "x", "1,,2", "101", "-1"] {
            assert!(parse_times(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_runs("5").unwrap(), 5);
        assert!(parse_runs("0").is_err() && parse_runs("51").is_err() && parse_runs("a").is_err());
    }

    #[test]
    fn jobs_round_trip_through_arguments_and_figures() {
        let job = Job { kind: JobKind::Codegen, docs: "d".into(), out: Some("o".into()) };
        assert_eq!(job.to_args(), ["bench-job", "codegen", "--docs", "d", "--out", "o"]);
        for kind in JobKind::ALL {
            assert_eq!(JobKind::from_name(kind.name()), Some(kind));
        }
        let figures: Figures = [("t_total".to_string(), 0.125), ("pages".to_string(), 5.0)].into_iter().collect();
        let mut text = Vec::new();
        print_figures(&figures, &mut text).unwrap();
        assert_eq!(parse_figures(&String::from_utf8(text).unwrap()).unwrap(), figures);
        assert!(parse_figures("nonsense").is_err());
    }

    #[test]
    fn the_best_run_is_the_fastest_and_the_peak_the_highest() {
        let run = |t: f64, peak: f64| -> Figures {
            [("t_total".to_string(), t), ("peak_mib".to_string(), peak), ("pages".to_string(), 3.0)]
                .into_iter()
                .collect()
        };
        let best = combine(&[run(2.0, 10.0), run(1.0, 30.0), run(3.0, 20.0)]);
        assert_eq!(best["t_total"], 1.0);
        assert_eq!(best["peak_mib"], 30.0);
        assert_eq!(best["pages"], 3.0);
    }

    /// The CPU time over the threads against the bare pass tells whether a missed target needs
    /// more parallel work or less work; a met target says nothing more.
    #[test]
    fn a_missed_target_says_whether_busy_cores_would_meet_it() {
        let figures = |pairs: &[(&str, f64)]| -> Figures { pairs.iter().map(|&(k, v)| (k.to_string(), v)).collect() };
        let baseline = figures(&[("t_total", 0.05)]);
        let column = |schema: Figures, codegen: Figures| Column {
            times: 1,
            baseline: baseline.clone(),
            schema,
            codegen,
            ..Column::default()
        };
        // 0.25 s of wall time and 0.4 s of CPU on 2 threads: at best 0.2 s, 4x.
        let slow = figures(&[("t_total", 0.25), ("t_cpu", 0.4), ("threads", 2.0)]);
        assert!((busy_ratio(&slow, &baseline).unwrap() - 4.0).abs() < 1e-9);
        // 0.25 s of wall time but only 0.2 s of CPU: 2x with both threads busy.
        let idle = figures(&[("t_total", 0.25), ("t_cpu", 0.2), ("threads", 2.0)]);
        let fast = figures(&[("t_total", 0.3), ("t_cpu", 0.5), ("threads", 2.0)]);
        let lines = verdicts(&[column(slow.clone(), fast.clone())]);
        assert_eq!(
            lines[1],
            "  schema alone: 5.00x the bare pass, target <= 3x: MISSED \
             (with every core busy throughout: 4.00x; it needs less work)"
        );
        assert_eq!(lines[2], "  end to end: 6.00x the bare pass, target <= 8x: met");
        let lines = verdicts(&[column(idle, fast)]);
        assert!(
            lines[1].ends_with(
                "(with every core busy throughout: 2.00x; it needs more of the work in parallel, or less work)"
            ),
            "{}",
            lines[1]
        );
        // Without a CPU time (no /proc), the ratio alone.
        assert!(busy_ratio(&figures(&[("t_total", 0.25), ("threads", 2.0)]), &baseline).is_none());
        let rows = table(&[column(slow, figures(&[]))]);
        assert!(
            rows.contains(&Row::Line("CPU time / threads / baseline (every core busy)".into(), vec!["4.00x".into()]))
        );
        assert!(rows.contains(&Row::Line("CPU time (all threads)".into(), vec!["400 ms".into()])));
    }

    #[test]
    fn replicas_are_distinct_files() {
        let dir = tempfile::tempdir().unwrap();
        let src = dir.path().join("src");
        fs::create_dir_all(src.join("api")).unwrap();
        fs::write(src.join("a.md"), "# A\n").unwrap();
        fs::write(src.join("api/b.md"), "# B\n").unwrap();
        let dest = dir.path().join("x3");
        replicate(&src, &dest, 3).unwrap();
        let files = files_under(&dest).unwrap();
        assert_eq!(files.len(), 6);
        assert_eq!(fs::read_to_string(dest.join("copy-3/api/b.md")).unwrap(), "# B\n");
        replicate(&src, &dest, 2).unwrap();
        assert_eq!(files_under(&dest).unwrap().len(), 4, "a second replication replaces the first");
    }

    /// The whole command on the seed pages, jobs in this process: cheap, and no timing is
    /// checked, only that every figure is there and the rerun rewrote nothing.
    #[test]
    fn bench_runs_on_the_seed_pages() {
        let scratch = tempfile::tempdir().unwrap();
        let root = workspace_root();
        let args = Args {
            docs: Some(root.join("docs").into()),
            times: vec![1, 2],
            runs: 1,
            out: Some(scratch.path().into()),
            markdown: true,
        };
        let mut out = Vec::new();
        let status = run(&args, &root, &mut out, &run_job).unwrap();
        assert_eq!(status, ExitCode::SUCCESS);
        let out = String::from_utf8(out).unwrap();
        for expected in [
            "bare pulldown-cmark pass (the baseline)",
            "total / baseline (target <= 3x)",
            "total / baseline (target <= 8x)",
            "CPU time / threads / baseline (every core busy)",
            "| **end to end (codegen --out DIR, DIR empty)** | | |",
            "rerun with nothing changed: 0 file(s) rewritten or removed, 0 modification time(s) changed, target 0: met",
            "note: a replicated corpus",
            "  x1 warm-up (not counted): baseline ",
            "  x1 run 1/1: baseline ",
            "  x2 warm-up (not counted): baseline ",
        ] {
            assert!(out.contains(expected), "missing {expected:?} in\n{out}");
        }
        let pages = out.lines().find(|l| l.starts_with("  pages")).unwrap();
        assert_eq!(pages.split_whitespace().collect::<Vec<_>>(), ["pages", "5", "10"], "{out}");
        assert!(!out.contains("n/a") || !Path::new("/proc/self/status").exists(), "{out}");
        assert!(scratch.path().join("crate-x2/src/lib.rs").is_file());
        assert!(scratch.path().join("corpus-x2/copy-2").is_dir());
    }
}
