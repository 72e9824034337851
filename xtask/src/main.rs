//! Repository tasks, run as `cargo xtask <command>` (an alias in `.cargo/config.toml`).
//!
//! Arguments are parsed with `lexopt` rather than `clap`: it has no dependencies and builds
//! in about a second, so `cargo xtask` stays quick from a clean target directory, and a
//! handful of flags do not need derive macros. The usage text below is kept by hand.

use anyhow::{anyhow, bail, Result};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use xtask::{bench, check_times, codegen, fidelity, fuzz, render_plain};

const USAGE: &str = "\
Usage: cargo xtask <COMMAND>

Commands:
  codegen   Regenerate the generated crate from the docs (see `cargo xtask codegen --help`)
  fidelity  Score the schema of the docs against an official CSDL (see `cargo xtask fidelity --help`)
  render-plain
            Render Markdown pages as the docs site's plain text (see `cargo xtask render-plain --help`)
  bench     Time the generator on the Graph reference against a bare pulldown-cmark pass
            (see `cargo xtask bench --help`)
  check-times
            Time `cargo check` of the generated crate for each feature against all of them
            (see `cargo xtask check-times --help`)
  fuzz      Build and run the fuzz targets for a bounded time (see `cargo xtask fuzz --help`)
  help      Print this help
";

const CODEGEN_USAGE: &str = "\
Usage: cargo xtask codegen [OPTIONS]

Reads every *.md and *.txt page under the docs directory, prints every diagnostic to
stderr with a summary line, and writes the generated crate and/or the schema. Only files
whose content changed are written; generated .rs/.toml files that are no longer generated
are removed (target/ and Cargo.lock are left alone).

Options:
  --docs DIR          Docs to read, recursively [default: docs/ in the workspace]
  --out DIR           Where to write the generated crate [default: generated/ in the
                      workspace, unless only --ir is given]
  --ir FILE           Also write the intermediate schema to FILE as pretty JSON
  --crate-name NAME   Package name of the generated crate [default: graph-models]
  --check             Write nothing; print a diff and exit 1 if the outputs are stale
  --deny-warnings     Fail, writing nothing, if the docs produce any diagnostic
  --loopback-tests    Also give the crate tests/loopback.rs: the docs' example requests
                      built by the stubs, sent with reqwest to a local axum server that
                      answers with the example responses (adds those dev-dependencies)
  --diagnostics-format human|json|sarif
                      human (default): one line each on stderr, and on a terminal the
                      source line with a caret under the spot (colour unless NO_COLOR);
                      json or sarif (SARIF 2.1.0): one document on stdout, for tools
  -h, --help          Print this help

A progress bar shows on stderr when it is a terminal, CI is unset or empty, and there are
200 or more pages. Paths given on the command line are relative to the current directory.
Exit status: 0 when the outputs were written (or are up to date with --check), 1 when
they could not be (or are stale), 2 for a usage error.
";

const FIDELITY_USAGE: &str = "\
Usage: cargo xtask fidelity --metadata CSDL.xml [OPTIONS]

Builds the schema of the docs (as `codegen` does, writing nothing) and scores it against an
official OData CSDL document (`$metadata`), which only this command reads. Only official
types that the docs document count: those with a resources/<name>.md page (a type outside
the root namespace: resources/<namespace>-<name>.md), and enums named in a heading or in a
line `<name> values` / `<name> enum type`. Prints, with targets:
  1. type recall              documented official types we have (qualified name, any case)
  2. kind accuracy            matched types whose kind class agrees (struct vs enum)
  3. base accuracy            matched struct types whose base type agrees
  4. property recall          official structural properties (inherited too) we have
  5. property type accuracy   recalled properties whose type and collection-ness agree
  6. property precision       our properties (inherited too) that exist officially
  7. navigation recall        official navigation properties we have
  8. enum member recall       official members of matched enums we have
and the time the docs took to read and build.

Options:
  --metadata FILE   The official CSDL XML document (required)
  --docs DIR        Docs to read, recursively [default: docs/ in the workspace]
  --json FILE       Also write the figures to FILE as JSON
  --misses FILE     Also write every missed item, per metric, sorted by name, to FILE
  --enforce         Exit 1 if any metric misses its target
  -h, --help        Print this help

Exit status: 0 when the figures were printed (whatever they are, unless --enforce), 1 when
they could not be computed (or a target is missed with --enforce), 2 for a usage error.
";

const RENDER_PLAIN_USAGE: &str = "\
Usage: cargo xtask render-plain --docs DIR --out DIR

Renders every *.md page under the docs directory (recursively) as the text a reader gets by
copying the rendered documentation site (as seed docs/001_*.txt was made): no front matter,
annotations, table pipes, fences or link targets; DocFX tabs other than HTTP and includes
dropped. Each page is written to the same relative path under --out with .txt for .md
(api/user-get.md -> api/user-get.txt); files already up to date are not rewritten.

Options:
  --docs DIR   Markdown pages to render, recursively (required)
  --out DIR    Where to write the .txt files (required; created if missing)
  -h, --help   Print this help

Exit status: 0 when every page was rendered, 1 when some could not be read or written,
2 for a usage error.
";

const BENCH_USAGE: &str = "\
Usage: cargo xtask bench [OPTIONS]

Measures the generator on a corpus, and on the same corpus replicated N times, against one
bare pulldown-cmark pass over the same files (all cores, reading the files included) taken
in the same run. Prints a table of each stage's time (walk + read, read + extract, merge,
schema -> JSON, diagnostics, emit + format, write; and, in a profile run, read, extract and
formatting apart), the ratios to the bare pass next to their targets (schema alone, as
`codegen --ir FILE` without --out: <= 3x; end to end, as `codegen --out DIR` into an empty
DIR: <= 8x), each job's CPU time over all its threads (Linux only) and the ratio it would
have with every core busy throughout (below a missed target: more of the work in parallel
could meet it; above: only less work can), each job's peak memory (target <= 1 GiB end to
end) and how many files a rerun with nothing changed rewrote (target 0), then one line per
target.

Each job runs in a child process of its own (this program again), so the peak resident set
size it reports (VmHWM, Linux only) is its own. The files are read untimed right before every
job (a warm page cache for each). The jobs run round-robin: one warm-up round, shown but not
counted, then --runs rounds; the table shows the fastest run of each stage and of the total,
and the highest peak. Replicated copies (copy-1/, copy-2/, ... hard links or copies in the
scratch directory) are distinct files that define the same types again: fine for timing, but
the types do not grow N times. The figures are measurements: the exit status does not depend
on them. Build with optimisations (the dev profile of this workspace has them) and run on an
otherwise idle machine.

Options:
  --docs DIR     Corpus to read, recursively [default: ../shared/corpus/graph-v1.0,
                 next to the workspace]
  --times N      Corpus sizes to measure, as replication factors: repeat the flag or give a
                 list [default: 1,3]
  --runs N       Runs of each job after the warm-up; the best is shown [default: 5]
  --out DIR      Scratch directory for the replicated corpora, the schemas and the generated
                 crates, kept afterwards [default: a temporary directory, removed at the end]
  --markdown     Also print the table as Markdown (for the README)
  -h, --help     Print this help

Exit status: 0 when the figures were printed (whatever they are), 1 when a job failed, 2 for
a usage error.
";

const CHECK_TIMES_USAGE: &str = "\
Usage: cargo xtask check-times [OPTIONS]

Generates the crate of a corpus into a scratch directory, builds its dependencies once
(untimed), then times `cargo check` for all features, for none, for each feature alone and
for all features again, each after touching src/lib.rs and with CARGO_INCREMENTAL=0 (so no
check reuses another's incremental state). Prints each time with its share of the whole
crate (the mean of the two all-features checks) and a verdict on the largest area against
the target (at most 10%). A split area's feature, which turns on its parts (`intune`), is
shown but not judged: its parts are the areas. Every check must pass with no warning.

Options:
  --docs DIR         Corpus to generate the crate from [default: ../shared/corpus/graph-v1.0,
                     next to the workspace]
  --out DIR          Scratch directory for the crate (crate/) and its build (target/), kept
                     afterwards [default: a temporary directory, removed at the end]
  --features LIST    Only these features, comma-separated (repeatable), besides all and none
  --markdown         Print the table as Markdown (for the README)
  -h, --help         Print this help

Takes a few minutes on graph-v1.0 (52 features). Exit status: 0 when every check passed
with no warning (whatever the times), 1 when one failed or warned, 2 for a usage error.
";

/// What the command line asks for.
#[derive(Debug, PartialEq, Eq)]
enum Command {
    Help(&'static str),
    Codegen(codegen::Args),
    Fidelity(fidelity::Args),
    RenderPlain(render_plain::Args),
    Bench(bench::Args),
    CheckTimes(check_times::Args),
    /// The internal `bench-job KIND --docs DIR [--out PATH]`: one measured job, figures on stdout.
    BenchJob(bench::Job),
}

fn parse(args: impl IntoIterator<Item = std::ffi::OsString>) -> Result<Command> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_args(args);
    let command = match parser.next()? {
        None => bail!("no command given"),
        Some(Short('h') | Long("help")) => return Ok(Command::Help(USAGE)),
        Some(Value(v)) => v.string()?,
        Some(other) => return Err(other.unexpected().into()),
    };
    match command.as_str() {
        "help" => Ok(Command::Help(USAGE)),
        "codegen" => {
            let mut a = codegen::Args::default();
            let mut crate_name = None;
            while let Some(arg) = parser.next()? {
                match arg {
                    Short('h') | Long("help") => return Ok(Command::Help(CODEGEN_USAGE)),
                    Long("docs") => set_once(&mut a.docs, "--docs", parser.value()?)?,
                    Long("out") => set_once(&mut a.out, "--out", parser.value()?)?,
                    Long("ir") => set_once(&mut a.ir, "--ir", parser.value()?)?,
                    Long("crate-name") => set_once(&mut crate_name, "--crate-name", parser.value()?.string()?)?,
                    Long("check") => a.check = true,
                    Long("deny-warnings") => a.deny_warnings = true,
                    Long("loopback-tests") => a.loopback_tests = true,
                    Long("diagnostics-format") => {
                        a.diagnostics_format = parser.value()?.string()?.parse().map_err(anyhow::Error::msg)?
                    }
                    other => return Err(other.unexpected().into()),
                }
            }
            if let Some(name) = crate_name {
                a.crate_name = name;
            }
            Ok(Command::Codegen(a))
        }
        "fidelity" => {
            let mut a = fidelity::Args::default();
            while let Some(arg) = parser.next()? {
                match arg {
                    Short('h') | Long("help") => return Ok(Command::Help(FIDELITY_USAGE)),
                    Long("docs") => set_once(&mut a.docs, "--docs", parser.value()?)?,
                    Long("metadata") => set_once(&mut a.metadata, "--metadata", parser.value()?)?,
                    Long("json") => set_once(&mut a.json, "--json", parser.value()?)?,
                    Long("misses") => set_once(&mut a.misses, "--misses", parser.value()?)?,
                    Long("enforce") => a.enforce = true,
                    other => return Err(other.unexpected().into()),
                }
            }
            if a.metadata.is_none() {
                bail!("--metadata FILE is required");
            }
            Ok(Command::Fidelity(a))
        }
        "render-plain" => {
            let mut a = render_plain::Args::default();
            while let Some(arg) = parser.next()? {
                match arg {
                    Short('h') | Long("help") => return Ok(Command::Help(RENDER_PLAIN_USAGE)),
                    Long("docs") => set_once(&mut a.docs, "--docs", parser.value()?)?,
                    Long("out") => set_once(&mut a.out, "--out", parser.value()?)?,
                    other => return Err(other.unexpected().into()),
                }
            }
            if a.docs.is_none() || a.out.is_none() {
                bail!("--docs DIR and --out DIR are required");
            }
            Ok(Command::RenderPlain(a))
        }
        "bench" => {
            let mut a = bench::Args::default();
            let mut runs = None;
            while let Some(arg) = parser.next()? {
                match arg {
                    Short('h') | Long("help") => return Ok(Command::Help(BENCH_USAGE)),
                    Long("docs") => set_once(&mut a.docs, "--docs", parser.value()?)?,
                    Long("times") => a.times.extend(bench::parse_times(&parser.value()?.string()?)?),
                    Long("runs") => set_once(&mut runs, "--runs", bench::parse_runs(&parser.value()?.string()?)?)?,
                    Long("out") => set_once(&mut a.out, "--out", parser.value()?)?,
                    Long("markdown") => a.markdown = true,
                    other => return Err(other.unexpected().into()),
                }
            }
            if let Some(runs) = runs {
                a.runs = runs;
            }
            Ok(Command::Bench(a))
        }
        "check-times" => {
            let mut a = check_times::Args::default();
            while let Some(arg) = parser.next()? {
                match arg {
                    Short('h') | Long("help") => return Ok(Command::Help(CHECK_TIMES_USAGE)),
                    Long("docs") => set_once(&mut a.docs, "--docs", parser.value()?)?,
                    Long("out") => set_once(&mut a.out, "--out", parser.value()?)?,
                    Long("features") => a.features.extend(
                        parser.value()?.string()?.split(',').map(str::trim).filter(|f| !f.is_empty()).map(String::from),
                    ),
                    Long("markdown") => a.markdown = true,
                    other => return Err(other.unexpected().into()),
                }
            }
            Ok(Command::CheckTimes(a))
        }
        "bench-job" => {
            let mut kind = None;
            let mut docs = None;
            let mut out = None;
            while let Some(arg) = parser.next()? {
                match arg {
                    Value(v) if kind.is_none() => {
                        let name = v.string()?;
                        kind = Some(bench::JobKind::from_name(&name).ok_or_else(|| anyhow!("unknown job `{name}`"))?);
                    }
                    Long("docs") => set_once(&mut docs, "--docs", parser.value()?)?,
                    Long("out") => set_once(&mut out, "--out", parser.value()?)?,
                    other => return Err(other.unexpected().into()),
                }
            }
            let (Some(kind), Some(docs)) = (kind, docs) else { bail!("bench-job KIND --docs DIR [--out PATH]") };
            Ok(Command::BenchJob(bench::Job { kind, docs: docs.into(), out: out.map(PathBuf::from) }))
        }
        other => bail!("unknown command `{other}`"),
    }
}

fn set_once<T>(slot: &mut Option<T>, flag: &str, value: T) -> Result<()> {
    if slot.is_some() {
        bail!("{flag} given more than once");
    }
    *slot = Some(value);
    Ok(())
}

/// The workspace root: the parent of this package's directory.
fn workspace_root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().unwrap_or(manifest_dir).to_path_buf()
}

/// Runs `cargo xtask bench` with its jobs in child processes of a copy of this program, so
/// that a rebuild during the run (cargo replaces `target/*/xtask`) cannot mix two versions of
/// the generator in one table.
fn bench_with_a_copy_of_this_program(args: &bench::Args) -> Result<ExitCode> {
    let this = std::env::current_exe()?;
    let dir = tempfile::Builder::new().prefix("xtask-bench-exe-").tempdir()?;
    let exe = dir.path().join(this.file_name().unwrap_or("xtask".as_ref()));
    std::fs::copy(&this, &exe)?;
    let runner = |job: &bench::Job| bench::run_in_child(&exe, job);
    bench::run(args, &workspace_root(), &mut std::io::stdout().lock(), &runner)
}

/// mimalloc instead of the system allocator: the generator makes millions of small strings
/// and maps on every core, and glibc's allocator was a quarter of its profile.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args: Vec<_> = std::env::args_os().skip(1).collect();
    // `fuzz` parses its own arguments (see `cargo xtask fuzz --help`).
    if args.first().is_some_and(|a| a == "fuzz") {
        return fuzz::main(&args[1..], &workspace_root());
    }
    let command = match parse(args.clone()) {
        Ok(c) => c,
        Err(e) => {
            let usage = match args.first().and_then(|a| a.to_str()) {
                Some("codegen") => CODEGEN_USAGE,
                Some("fidelity") => FIDELITY_USAGE,
                Some("render-plain") => RENDER_PLAIN_USAGE,
                Some("bench") => BENCH_USAGE,
                Some("check-times") => CHECK_TIMES_USAGE,
                _ => USAGE,
            };
            eprintln!("error: {e}\n\n{usage}");
            return ExitCode::from(2);
        }
    };
    // The whole command runs on a worker of rayon's pool, not on the main thread beside it:
    // the sequential parts (merge) then run on a thread that allocated half the pages' facts,
    // and no third thread competes with the pool's for the cores. `codegen --out` on v1.0,
    // release, `perf stat -r 15` twice each: 0.299 and 0.297 s -> 0.286 and 0.290 s.
    let result = rayon::scope(|_| run(command));
    result.unwrap_or_else(|e| {
        eprintln!("error: {e:#}");
        ExitCode::FAILURE
    })
}

/// One parsed command, run.
fn run(command: Command) -> Result<ExitCode> {
    match command {
        Command::Help(text) => {
            print!("{text}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Codegen(args) => codegen::run(&args, &workspace_root()),
        Command::Fidelity(args) => fidelity::run(&args, &workspace_root(), &mut std::io::stdout().lock()),
        Command::RenderPlain(args) => render_plain::run(&args, &mut std::io::stdout().lock()),
        Command::Bench(args) => bench_with_a_copy_of_this_program(&args),
        Command::CheckTimes(args) => check_times::run(&args, &workspace_root(), &mut std::io::stdout().lock()),
        Command::BenchJob(job) => bench::run_job(&job)
            .and_then(|figures| bench::print_figures(&figures, &mut std::io::stdout().lock()))
            .map(|()| ExitCode::SUCCESS),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(args: &[&str]) -> Result<Command> {
        parse(args.iter().map(Into::into))
    }

    #[test]
    fn parses_codegen_flags() {
        let c = p(&[
            "codegen",
            "--docs",
            "d",
            "--out=o",
            "--ir",
            "i.json",
            "--crate-name",
            "x",
            "--check",
            "--deny-warnings",
            "--loopback-tests",
            "--diagnostics-format",
            "sarif",
        ])
        .unwrap();
        assert_eq!(
            c,
            Command::Codegen(codegen::Args {
                docs: Some("d".into()),
                out: Some("o".into()),
                ir: Some("i.json".into()),
                crate_name: "x".into(),
                check: true,
                deny_warnings: true,
                loopback_tests: true,
                diagnostics_format: docs_codegen::diagnostics::render::Format::Sarif,
            })
        );
        assert_eq!(p(&["codegen"]).unwrap(), Command::Codegen(codegen::Args::default()));
        assert!(p(&["codegen", "--diagnostics-format", "xml"]).is_err());
    }

    #[test]
    fn help_and_errors() {
        assert_eq!(p(&["--help"]).unwrap(), Command::Help(USAGE));
        assert_eq!(p(&["help"]).unwrap(), Command::Help(USAGE));
        assert_eq!(p(&["codegen", "-h"]).unwrap(), Command::Help(CODEGEN_USAGE));
        assert!(p(&[]).is_err());
        assert!(p(&["build"]).is_err());
        assert!(p(&["codegen", "--bogus"]).is_err());
        assert!(p(&["codegen", "--out"]).is_err());
        assert!(p(&["codegen", "stray"]).is_err());
        assert!(p(&["codegen", "--out", "a", "--out", "b"]).is_err());
    }

    #[test]
    fn parses_fidelity_flags() {
        let c =
            p(&["fidelity", "--docs", "d", "--metadata=m.xml", "--json", "f.json", "--misses", "m.txt", "--enforce"])
                .unwrap();
        assert_eq!(
            c,
            Command::Fidelity(fidelity::Args {
                docs: Some("d".into()),
                metadata: Some("m.xml".into()),
                json: Some("f.json".into()),
                misses: Some("m.txt".into()),
                enforce: true,
            })
        );
        assert_eq!(
            p(&["fidelity", "--metadata", "m"]).unwrap(),
            Command::Fidelity(fidelity::Args { metadata: Some("m".into()), ..fidelity::Args::default() })
        );
        assert_eq!(p(&["fidelity", "--help"]).unwrap(), Command::Help(FIDELITY_USAGE));
        assert!(p(&["fidelity"]).is_err(), "--metadata is required");
        assert!(p(&["fidelity", "--metadata", "a", "--metadata", "b"]).is_err());
        assert!(p(&["fidelity", "--metadata", "a", "--bogus"]).is_err());
    }

    #[test]
    fn parses_bench_flags() {
        assert_eq!(p(&["bench"]).unwrap(), Command::Bench(bench::Args::default()));
        assert_eq!(
            p(&["bench", "--docs", "d", "--times", "1,3", "--times=10", "--runs", "5", "--out", "o", "--markdown"])
                .unwrap(),
            Command::Bench(bench::Args {
                docs: Some("d".into()),
                times: vec![1, 3, 10],
                runs: 5,
                out: Some("o".into()),
                markdown: true,
            })
        );
        assert_eq!(p(&["bench", "--help"]).unwrap(), Command::Help(BENCH_USAGE));
        assert!(p(&["bench", "--times", "0"]).is_err());
        assert!(p(&["bench", "--runs", "1", "--runs", "2"]).is_err());
        assert!(p(&["bench", "stray"]).is_err());
        assert_eq!(
            p(&["bench-job", "schema", "--docs", "d", "--out", "s.json"]).unwrap(),
            Command::BenchJob(bench::Job {
                kind: bench::JobKind::Schema,
                docs: "d".into(),
                out: Some("s.json".into())
            })
        );
        assert!(p(&["bench-job", "--docs", "d"]).is_err(), "the kind is required");
        assert!(p(&["bench-job", "nonsense", "--docs", "d"]).is_err());
        assert!(p(&["bench-job", "baseline"]).is_err(), "--docs is required");
    }

    #[test]
    fn parses_check_times_flags() {
        assert_eq!(p(&["check-times"]).unwrap(), Command::CheckTimes(check_times::Args::default()));
        assert_eq!(
            p(&[
                "check-times",
                "--docs",
                "d",
                "--out=o",
                "--features",
                "users, outlook",
                "--features=intune",
                "--markdown"
            ])
            .unwrap(),
            Command::CheckTimes(check_times::Args {
                docs: Some("d".into()),
                out: Some("o".into()),
                features: vec!["users".into(), "outlook".into(), "intune".into()],
                markdown: true,
            })
        );
        assert_eq!(p(&["check-times", "-h"]).unwrap(), Command::Help(CHECK_TIMES_USAGE));
        assert!(p(&["check-times", "--out", "a", "--out", "b"]).is_err());
        assert!(p(&["check-times", "stray"]).is_err());
    }

    #[test]
    fn parses_render_plain_flags() {
        assert_eq!(
            p(&["render-plain", "--docs", "d", "--out=o"]).unwrap(),
            Command::RenderPlain(render_plain::Args { docs: Some("d".into()), out: Some("o".into()) })
        );
        assert_eq!(p(&["render-plain", "-h"]).unwrap(), Command::Help(RENDER_PLAIN_USAGE));
        assert!(p(&["render-plain", "--docs", "d"]).is_err(), "--out is required");
        assert!(p(&["render-plain", "--out", "o"]).is_err(), "--docs is required");
        assert!(p(&["render-plain", "--docs", "a", "--docs", "b", "--out", "o"]).is_err());
        assert!(p(&["render-plain", "--docs", "a", "--out", "o", "--bogus"]).is_err());
    }
}
