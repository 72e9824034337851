//! `cargo xtask fidelity`: scores the schema the generator builds from a docs tree against an
//! official OData CSDL (`$metadata`) document.
//!
//! Only this command (and tests calling [`score`]) reads the metadata; the generator never does.
//! [`csdl`] parses the metadata, [`score`](mod@score) computes the eight metrics, [`report`]
//! renders them.

pub mod csdl;
pub mod report;
pub mod score;

pub use csdl::{Csdl, CsdlKind, CsdlType, Error};
pub use score::{score, score_with_index, DocsIndex, Metric, Ratio, Scores, TARGETS};

use anyhow::{bail, Context, Result};
use docs_codegen::{build_schema, collect_sources};
use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// The command line of `cargo xtask fidelity`, as given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Args {
    pub docs: Option<OsString>,
    pub metadata: Option<OsString>,
    pub json: Option<OsString>,
    pub misses: Option<OsString>,
    pub enforce: bool,
}

/// Runs `cargo xtask fidelity`, printing the table on `stdout`. `root` is the workspace root
/// (the default docs directory lives there). Exit status 1 only with `--enforce` and a missed target.
pub fn run(args: &Args, root: &Path, stdout: &mut dyn Write) -> Result<ExitCode> {
    let Some(metadata) = &args.metadata else { bail!("--metadata is required") };
    let (docs, docs_shown) = match &args.docs {
        Some(d) => (PathBuf::from(d), d.to_string_lossy().into_owned()),
        None => (root.join("docs"), "docs".to_string()),
    };
    let metadata_shown = metadata.to_string_lossy();
    if !docs.is_dir() {
        bail!("the docs directory `{docs_shown}` does not exist or is not a directory");
    }

    let started = Instant::now();
    let xml = std::fs::read_to_string(metadata).with_context(|| format!("cannot read `{metadata_shown}`"))?;
    let csdl = Csdl::parse(&xml).with_context(|| format!("`{metadata_shown}` is not usable CSDL"))?;
    let csdl_secs = started.elapsed().as_secs_f64();
    let count = |k: CsdlKind| csdl.types.values().filter(|t| t.kind == k).count();
    writeln!(
        stdout,
        "metadata {metadata_shown}: {} types ({} entity, {} complex, {} enum) parsed in {csdl_secs:.2}s",
        csdl.types.len(),
        count(CsdlKind::Entity),
        count(CsdlKind::Complex),
        count(CsdlKind::Enum),
    )?;

    let started = Instant::now();
    // Sources relative to the docs directory (`resources/user.md:10`) keep the report short.
    let (sources, _unreadable) =
        collect_sources(&docs, "").with_context(|| format!("cannot read the docs in `{docs_shown}`"))?;
    let schema = build_schema(&sources);
    let docs_secs = started.elapsed().as_secs_f64();
    writeln!(
        stdout,
        "docs {docs_shown}: {} pages -> {} types, {} endpoints; read+build took {docs_secs:.2}s",
        sources.len(),
        schema.types.len(),
        schema.endpoints.len(),
    )?;

    let scores = score(&schema, &csdl, &docs);
    writeln!(stdout)?;
    write!(stdout, "{}", scores.table())?;

    if let Some(path) = &args.json {
        let mut value = scores.to_json();
        value["docs"] = docs_shown.clone().into();
        value["metadata"] = metadata_shown.to_string().into();
        value["pages"] = sources.len().into();
        value["schema_types"] = schema.types.len().into();
        value["docs_seconds"] = ((docs_secs * 1000.0).round() / 1000.0).into();
        let mut text = serde_json::to_string_pretty(&value)?;
        text.push('\n');
        std::fs::write(path, text).with_context(|| format!("cannot write `{}`", path.to_string_lossy()))?;
        writeln!(stdout, "figures written to {}", path.to_string_lossy())?;
    }
    if let Some(path) = &args.misses {
        let header = format!(
            "fidelity of the schema built from `{docs_shown}` ({} pages, {} types) against `{metadata_shown}`\n\
sources are relative to `{docs_shown}`\n",
            sources.len(),
            schema.types.len()
        );
        std::fs::write(path, scores.misses_report(&header))
            .with_context(|| format!("cannot write `{}`", path.to_string_lossy()))?;
        writeln!(stdout, "misses written to {}", path.to_string_lossy())?;
    }
    stdout.flush()?;
    Ok(if args.enforce && !scores.meets_targets() { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSDL: &str = r#"<Schema Namespace="n" Alias="a">
        <EntityType Name="thing"><Property Name="id" Type="Edm.String"/><Property Name="size" Type="Edm.Int64"/></EntityType>
        <EnumType Name="mood"><Member Name="calm" Value="0"/><Member Name="angry" Value="1"/></EnumType>
    </Schema>"#;

    /// A docs tree whose `thing` page gives one of the two properties.
    fn fixture() -> (tempfile::TempDir, Args) {
        let dir = tempfile::tempdir().unwrap();
        let docs = dir.path().join("docs");
        std::fs::create_dir_all(docs.join("resources")).unwrap();
        std::fs::write(
            docs.join("resources/thing.md"),
            "# thing resource type\n\nNamespace: n\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| id | String | The id. |\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("meta.xml"), CSDL).unwrap();
        let args = Args {
            docs: Some(docs.into()),
            metadata: Some(dir.path().join("meta.xml").into()),
            json: Some(dir.path().join("out/../f.json").into()),
            misses: Some(dir.path().join("misses.txt").into()),
            enforce: false,
        };
        (dir, args)
    }

    #[test]
    fn run_prints_the_table_and_writes_json_and_misses() {
        let (dir, args) = fixture();
        std::fs::create_dir_all(dir.path().join("out")).unwrap();
        let mut out = Vec::new();
        let code = run(&args, dir.path(), &mut out).unwrap();
        assert_eq!(code, ExitCode::SUCCESS);
        let out = String::from_utf8(out).unwrap();
        assert!(out.contains("2 types (1 entity, 0 complex, 1 enum)"), "{out}");
        assert!(out.contains("read+build took"), "{out}");
        assert!(out.contains("metric "), "{out}");
        for m in Metric::ALL {
            assert!(out.contains(m.label()), "{out}");
        }
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.path().join("f.json")).unwrap()).unwrap();
        assert_eq!(json["metrics"]["type_recall"]["den"], 1, "{json}");
        assert_eq!(json["pages"], 1);
        assert!(json["docs_seconds"].is_number());
        let misses = std::fs::read_to_string(dir.path().join("misses.txt")).unwrap();
        assert!(misses.contains("== 4. property recall"), "{misses}");
        assert!(misses.contains("n.thing.size: official Edm.Int64; ours: absent"), "{misses}");
    }

    #[test]
    fn enforce_fails_on_a_missed_target_and_bad_inputs_are_errors() {
        let (dir, mut args) = fixture();
        args.json = None;
        args.misses = None;
        args.enforce = true;
        let mut out = Vec::new();
        assert_eq!(run(&args, dir.path(), &mut out).unwrap(), ExitCode::FAILURE);

        let bad = Args { metadata: Some(dir.path().join("nope.xml").into()), ..args.clone() };
        assert!(run(&bad, dir.path(), &mut Vec::new()).unwrap_err().to_string().contains("nope.xml"));
        std::fs::write(dir.path().join("bad.xml"), "<Schema Namespace=\"n\"><EntityType/></Schema>").unwrap();
        let bad = Args { metadata: Some(dir.path().join("bad.xml").into()), ..args.clone() };
        let err = format!("{:#}", run(&bad, dir.path(), &mut Vec::new()).unwrap_err());
        assert!(err.contains("not usable CSDL") && err.contains("1:23"), "{err}");
        let bad = Args { docs: Some(dir.path().join("none").into()), ..args };
        assert!(run(&bad, dir.path(), &mut Vec::new()).is_err());
    }
}
