//! Fidelity of the schema built from the whole v1.0 corpus (`../shared/corpus/graph-v1.0`)
//! against the official CSDL (`../shared/oracle/graph-v1.0-metadata.xml`), twice: from the
//! Markdown pages, and from the same pages rendered as the docs site's plain text
//! (`xtask::render_plain`, the form of seed 001). Both runs count the same documented types:
//! the documented-ness index is built from the Markdown pages in both.
//!
//! Two kinds of assertion, kept apart:
//! - `*_meets_the_issue_targets`: every metric reaches its target (`xtask::fidelity::TARGETS`).
//!   Ignored until the targets are met; run them with `cargo test --test fidelity -- --ignored`.
//! - `*_does_not_regress`: every metric stays at or above the floors below.
//!
//! Every test prints the figures (`cargo test --test fidelity -- --nocapture` shows them) and
//! skips, saying so, when `../shared` is not present. With `FIDELITY_MISSES=DIR` in the
//! environment, every missed item of each run is written to `DIR/markdown.txt` and `DIR/plain.txt`.

mod common;

use common::*;
use docs_codegen::{build_schema, collect_sources, SourceFile};
use rayon::prelude::*;
use std::sync::OnceLock;
use std::time::Instant;
use xtask::fidelity::{score_with_index, Csdl, DocsIndex, Metric, Scores};
use xtask::render_plain;

/// The least each metric may be, in percent, for the schema built from the Markdown pages:
/// the figures last measured, rounded down to one decimal (type recall 937/937, kind 937/937,
/// base 303/334, property recall 3586/3720, property types 3510/3586, precision 3981/4061,
/// navigation 395/423, enum members 1610/1647).
/// These floors only ever go up: raise them when extraction improves, never lower them to
/// make a change pass.
const MARKDOWN_FLOORS: [(Metric, f64); 8] = [
    (Metric::TypeRecall, 99.9),
    (Metric::KindAccuracy, 100.0),
    (Metric::BaseAccuracy, 90.7),
    (Metric::PropertyRecall, 96.3),
    (Metric::PropertyTypeAccuracy, 97.8),
    (Metric::PropertyPrecision, 98.0),
    (Metric::NavigationRecall, 93.3),
    (Metric::EnumMemberRecall, 97.7),
];

/// The same for the schema built from the plain-text rendering of the pages (measured: 937/937,
/// 937/937, 271/334, 3572/3720, 3496/3572, 3967/4040, 395/423, 1610/1647). These floors, too,
/// only ever go up.
const PLAIN_FLOORS: [(Metric, f64); 8] = [
    (Metric::TypeRecall, 100.0),
    (Metric::KindAccuracy, 100.0),
    (Metric::BaseAccuracy, 81.1),
    (Metric::PropertyRecall, 96.0),
    (Metric::PropertyTypeAccuracy, 97.8),
    (Metric::PropertyPrecision, 98.1),
    (Metric::NavigationRecall, 93.3),
    (Metric::EnumMemberRecall, 97.7),
];

/// The scores of both runs, computed once for all the tests of this file.
struct Runs {
    markdown: Scores,
    plain: Scores,
    /// How the runs went: pages, types and times, for the printout.
    summary: String,
}

fn runs() -> Option<&'static Runs> {
    static RUNS: OnceLock<Option<Runs>> = OnceLock::new();
    RUNS.get_or_init(|| {
        let shared = shared()?;
        let started = Instant::now();
        let xml = std::fs::read_to_string(shared.join("oracle/graph-v1.0-metadata.xml")).expect("the CSDL is readable");
        let csdl = Csdl::parse(&xml).expect("the CSDL parses");
        let csdl_secs = started.elapsed().as_secs_f64();

        let started = Instant::now();
        let (sources, unreadable) =
            collect_sources(&shared.join("corpus/graph-v1.0"), "").expect("the corpus is readable");
        assert!(unreadable.is_empty(), "{unreadable:?}");
        let texts: Vec<(String, String)> =
            sources.iter().map(|s| (s.path.clone(), String::from_utf8_lossy(&s.bytes).into_owned())).collect();
        let read_secs = started.elapsed().as_secs_f64();

        // Documented types: resource pages and enum headings of the Markdown form, for both runs
        // (plain text has no `#` headings, so its own index would count fewer enums).
        let index = DocsIndex::from_pages(texts.iter().cloned());

        let started = Instant::now();
        let md_schema = build_schema(&sources);
        let markdown = score_with_index(&md_schema, &csdl, &index);
        let md_secs = started.elapsed().as_secs_f64();

        let started = Instant::now();
        let plain_sources: Vec<SourceFile> = texts
            .par_iter()
            .map(|(path, text)| {
                if render_plain::is_markdown_path(path) {
                    SourceFile { path: render_plain::txt_path(path), bytes: render_plain::render(text).into_bytes() }
                } else {
                    SourceFile { path: path.clone(), bytes: text.clone().into_bytes() }
                }
            })
            .collect();
        let render_secs = started.elapsed().as_secs_f64();
        let started = Instant::now();
        let plain_schema = build_schema(&plain_sources);
        let plain = score_with_index(&plain_schema, &csdl, &index);
        let plain_secs = started.elapsed().as_secs_f64();

        let summary = format!(
            "corpus graph-v1.0: {} pages, read in {read_secs:.2}s; CSDL parsed in {csdl_secs:.2}s\n\
             markdown: {} types, {} endpoints; build+score {md_secs:.2}s\n\
             plain text: rendered in {render_secs:.2}s; {} types, {} endpoints; build+score {plain_secs:.2}s\n",
            sources.len(),
            md_schema.types.len(),
            md_schema.endpoints.len(),
            plain_schema.types.len(),
            plain_schema.endpoints.len(),
        );
        // `FIDELITY_MISSES=DIR` also writes every missed item of each run, to compare them.
        if let Some(dir) = std::env::var_os("FIDELITY_MISSES") {
            let dir = std::path::PathBuf::from(dir);
            std::fs::create_dir_all(&dir).expect("FIDELITY_MISSES is a writable directory");
            for (name, scores) in [("markdown.txt", &markdown), ("plain.txt", &plain)] {
                let header = format!("graph-v1.0 {name}\n{summary}");
                std::fs::write(dir.join(name), scores.misses_report(&header)).expect("misses report written");
            }
        }
        Some(Runs { markdown, plain, summary })
    })
    .as_ref()
}

/// Both runs' figures side by side.
fn side_by_side(runs: &Runs) -> String {
    let mut out = format!("{:<24} {:>9} {:>11}  {:>7}\n", "metric", "markdown", "plain text", "target");
    for m in Metric::ALL {
        out.push_str(&format!(
            "{:<24} {:>8.1}% {:>10.1}%  {:>6}%\n",
            m.label(),
            runs.markdown.get(m).percent(),
            runs.plain.get(m).percent(),
            m.target()
        ));
    }
    out
}

/// Prints what the run gave; `None` (after saying why) when `../shared` is not present.
fn scores(plain: bool) -> Option<(&'static Runs, &'static Scores)> {
    let Some(runs) = runs() else {
        eprintln!("skipped: ../shared is not present, so neither the corpus nor the official CSDL is at hand");
        return None;
    };
    let (form, scores) = if plain { ("plain-text rendering", &runs.plain) } else { ("Markdown", &runs.markdown) };
    eprintln!("{}\nfidelity of the {form} of graph-v1.0:\n{}", runs.summary, scores.table());
    eprintln!("{}", side_by_side(runs));
    Some((runs, scores))
}

/// The metrics below their floor, one readable line each.
fn below_floors(scores: &Scores, floors: &[(Metric, f64)]) -> Vec<String> {
    floors
        .iter()
        .filter(|(m, floor)| scores.get(*m).percent() < *floor)
        .map(|(m, floor)| format!("{}: {} is below the floor {floor:.1}%", m.label(), scores.get(*m)))
        .collect()
}

#[test]
fn floors_are_sane() {
    for floors in [MARKDOWN_FLOORS, PLAIN_FLOORS] {
        assert_eq!(floors.map(|(m, _)| m), Metric::ALL, "one floor per metric, in report order");
        for (m, floor) in floors {
            assert!((0.0..=100.0).contains(&floor), "{}: {floor}", m.label());
            assert_eq!((floor * 10.0).round() / 10.0, floor, "{}: one decimal", m.label());
        }
    }
}

#[test]
#[ignore = "targets not met yet: see the table; run with --ignored"]
fn fidelity_meets_the_issue_targets() {
    let Some((_, scores)) = scores(false) else { return };
    assert!(scores.meets_targets(), "targets missed (Markdown):\n{}", scores.table());
}

#[test]
fn fidelity_does_not_regress() {
    let Some((_, scores)) = scores(false) else { return };
    let below = below_floors(scores, &MARKDOWN_FLOORS);
    assert!(below.is_empty(), "Markdown fidelity regressed:\n{}\n\n{}", below.join("\n"), scores.table());
}

#[test]
#[ignore = "targets not met yet: see the table; run with --ignored"]
fn plain_text_fidelity_meets_the_issue_targets() {
    let Some((_, scores)) = scores(true) else { return };
    assert!(scores.meets_targets(), "targets missed (plain text):\n{}", scores.table());
}

#[test]
fn plain_text_fidelity_does_not_regress() {
    let Some((_, scores)) = scores(true) else { return };
    let below = below_floors(scores, &PLAIN_FLOORS);
    assert!(below.is_empty(), "plain-text fidelity regressed:\n{}\n\n{}", below.join("\n"), scores.table());
}
