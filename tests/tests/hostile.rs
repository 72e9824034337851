//! Bad input never breaks the generator: the hostile corpus of `tests/hostile/` (one small
//! page per case) plus the huge cases generated here (a 20,000-row table, nesting 5,000 deep,
//! 1,000-character names, invalid UTF-8, NUL bytes, a BOM with CRLF, 20,000 unterminated
//! comments). Every case asserts its diagnostic and where it is; every case alone leaves the
//! seed pages generating; one crate is generated from all the small cases and the seeds and
//! compiled; and the output does not depend on page order or thread count.

mod common;

use common::*;
use docs_codegen::emit::{emit_crate, EmitOptions, GeneratedCrate};
use docs_codegen::{Code, Schema, SourceFile};
use std::path::Path;
use std::time::{Duration, Instant};

/// The committed cases, shown as `tests/hostile/<name>`.
fn committed() -> Vec<SourceFile> {
    let (files, diags) =
        docs_codegen::collect_sources(&root().join("tests/hostile"), "tests/hostile").expect("readable");
    assert!(diags.is_empty(), "{diags:?}");
    assert!(files.len() >= 25, "{} cases", files.len());
    files
}

fn page(path: &str, bytes: impl Into<Vec<u8>>) -> SourceFile {
    SourceFile { path: format!("gen/{path}"), bytes: bytes.into() }
}

/// A resource page of type `name` with `body` after its title.
fn resource(name: &str, body: &str) -> String {
    format!("---\ntitle: \"{name} resource type\"\ndoc_type: resourcePageType\n---\n\n# {name} resource type\n\nNamespace: microsoft.graph\n\n{body}")
}

fn table(rows: &str) -> String {
    format!("## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n{rows}")
}

/// Cases small enough to compile: generated because their bytes would not survive git (or
/// an editor) as they are.
fn generated_small() -> Vec<SourceFile> {
    let long_type = format!("long{}", "Name".repeat(249));
    let long_prop = format!("p{}", "roperty".repeat(142));
    vec![
        page("invalid_utf8.md", [b"\xff\xfe".as_slice(), &resource("badBytes", &table("|a~|String|One.|\n")).replace('~', "\u{1}").into_bytes().iter().map(|&b| if b == 1 { 0xc3 } else { b }).collect::<Vec<u8>>()].concat()),
        page("nul.md", resource("nulBytes", &table("|a\0b|String|One.\0|\n"))),
        page(
            "bom_crlf.md",
            format!("\u{feff}{}", resource("bomCrlf", &table("|a|String|One.|\n|b|Int32|Two.|\n"))).replace('\n', "\r\n"),
        ),
        // Classic Mac line ends: a lone `\r` ends a line, before a fence too.
        page(
            "lone_cr.md",
            resource(
                "loneCr",
                &format!(
                    "{}\n## JSON representation\n\n<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.loneCr\" }} -->\n\n```json\n{{\n  \"a\": \"x\",\n  \"b\": ?\n}}\n```\n",
                    table("|a|String|One.|\n|b|Int32|Two.|\n")
                ),
            )
            .replace('\n', "\r"),
        ),
        page(
            "long_names.md",
            resource(&long_type, &table(&format!("|{long_prop}|String|Long.|\n|self|[{long_type}]({long_type}.md)|Itself.|\n"))),
        ),
        page("deep_front_matter.md", format!("---\n{}\n---\n\n# deepYaml resource type\n", (0..5000).map(|i| format!("{}k:", " ".repeat(i))).collect::<Vec<_>>().join("\n"))),
        page("deep_blockquote.md", resource("deepQuote", &format!("{} x\n\n{}", ">".repeat(5000), table("|a|String|One.|\n")))),
        page(
            "deep_list.md",
            resource("deepList", &format!("{}\n{}", (0..5000).map(|i| format!("{}- x\n", " ".repeat(2 * i))).collect::<String>(), table("|a|String|One.|\n"))),
        ),
        page("deep_inline.md", resource("deepInline", &format!("{}x{}\n\n{}", "*[".repeat(5000), "](y)*".repeat(5000), table("|a|String|One.|\n")))),
        page(
            "deep_json.md",
            resource(
                "deepJson",
                &format!(
                    "{}\n## JSON representation\n\n<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.deepJson\" }} -->\n\n```json\n{}1{}\n```\n",
                    table("|a|String|One.|\n"),
                    "{\"a\": [".repeat(5000),
                    "]}".repeat(5000)
                ),
            ),
        ),
        page("deep_annotation.md", resource("deepAnnotation", &format!("<!-- {{ \"a\": {} -->\n```json\n{{}}\n```\n\n{}", "[".repeat(5000), table("|a|String|One.|\n")))),
    ]
}

/// Cases too big to compile quickly: checked through the pipeline and emission only.
fn generated_huge() -> Vec<SourceFile> {
    vec![
        page(
            "rows_20000.md",
            resource(
                "hugeTable",
                &table(&(0..20_000).map(|i| format!("|p{i}|String|Row {i}.|\n")).collect::<String>()),
            ),
        ),
        page(
            "comments_20000.md",
            resource("manyComments", &format!("{}\n{}", table("|a|String|One.|\n"), "<!--\n\n".repeat(20_000))),
        ),
        page("columns_20000.md", resource("wideTable", &table(&format!("|a|String|{}\n", "x|".repeat(20_000))))),
        page(
            "plain_rows_20000.txt",
            format!(
                "plainHuge resource type\n\nNamespace: microsoft.graph\n\nProperties\n\nProperty Type Description\n{}",
                (0..20_000).map(|i| format!("p{i} String Row {i}.\n")).collect::<String>()
            ),
        ),
    ]
}

/// Builds the schema on a fresh pool of `threads` threads.
fn schema_with(sources: &[SourceFile], threads: usize) -> Schema {
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("thread pool");
    pool.install(|| docs_codegen::build_schema(sources))
}

fn emit(schema: &Schema) -> GeneratedCrate {
    emit_crate(schema, &EmitOptions { crate_name: "hostile-models".into(), ..Default::default() })
        .expect("emission never fails on docs input")
}

/// (file, code, line, column) that every run over the corpus must report.
const EXPECTED: &[(&str, Code, u32, u32)] = &[
    ("tests/hostile/annotation_bad_json.md", Code::BadAnnotation, 14, 1),
    ("tests/hostile/annotation_unterminated.md", Code::BadAnnotation, 20, 1),
    ("tests/hostile/comment_unterminated.md", Code::Unterminated, 18, 1),
    ("tests/hostile/fence_unterminated.md", Code::Unterminated, 20, 1),
    ("tests/hostile/front_matter_unterminated.md", Code::FrontMatter, 1, 1),
    ("tests/hostile/inheritance_cycle_b.md", Code::InheritanceCycle, 8, 1),
    ("tests/hostile/json_invalid.md", Code::JsonInvalid, 23, 17),
    ("tests/hostile/path_traversal.md", Code::OddODataType, 12, 1),
    ("tests/hostile/path_traversal.md", Code::UnknownTypeCell, 26, 9),
    ("tests/hostile/path_traversal.md", Code::UnknownTypeCell, 27, 8),
    ("tests/hostile/ragged_table.md", Code::UnknownTypeCell, 18, 1),
    ("tests/hostile/unknown_type_link.md", Code::UnknownType, 16, 1),
    ("tests/hostile/unknown_type_link.md", Code::UnknownType, 17, 1),
    ("gen/invalid_utf8.md", Code::InvalidUtf8, 1, 1),
    ("gen/invalid_utf8.md", Code::BadTableRow, 14, 2),
    ("gen/nul.md", Code::InvalidUtf8, 14, 3),
    ("gen/nul.md", Code::BadTableRow, 14, 2),
    // Found only if the fence after the lone `\r` line ends opens, and placed as in the LF page.
    ("gen/lone_cr.md", Code::JsonInvalid, 24, 8),
    ("gen/deep_front_matter.md", Code::FrontMatter, 67, 1),
    ("gen/deep_json.md", Code::JsonInvalid, 21, 448),
    ("gen/deep_annotation.md", Code::BadAnnotation, 10, 1),
    // Leading digits and non-ASCII are property names (JSON keys); annotations are not.
    ("tests/hostile/keywords.md", Code::AnnotationRow, 30, 2),
    ("tests/hostile/keywords.md", Code::AnnotationRow, 31, 2),
    ("tests/hostile/json_keys.md", Code::BadTableRow, 21, 2),
    ("tests/hostile/json_keys.md", Code::AnnotationRow, 22, 2),
    ("tests/hostile/json_keys.md", Code::AnnotationRow, 23, 2),
    ("tests/hostile/json_keys.md", Code::AnnotationRow, 24, 2),
    ("tests/hostile/keywords.md", Code::UndeclaredExampleKey, 40, 1),
];

/// Types the cases must still produce, despite what is wrong with their pages.
const TYPES: &[&str] = &[
    "microsoft.graph.keywordHolder",
    "microsoft.graph.jsonKeys",
    "microsoft.graph.hostileDescriptions",
    "microsoft.graph.treeNode",
    "microsoft.graph.mutualB",
    "microsoft.graph.cycleA",
    "microsoft.graph.cycleB",
    "microsoft.graph.linkHolder",
    "microsoft.graph.raggedTable",
    "microsoft.graph.unclosedFront",
    "microsoft.graph.badAnnotation",
    "microsoft.graph.openAnnotation",
    "microsoft.graph.openComment",
    "microsoft.graph.openFence",
    "microsoft.graph.badJson",
    "microsoft.graph.fooBar",
    "microsoft.graph.foo_bar",
    "microsoft.graph.Option",
    "microsoft.graph.Self",
    "microsoft.graph.plainHostile",
    "microsoft.graph.badBytes",
    "microsoft.graph.nulBytes",
    "microsoft.graph.bomCrlf",
    "microsoft.graph.loneCr",
    "microsoft.graph.deepQuote",
    "microsoft.graph.deepList",
    "microsoft.graph.deepInline",
    "microsoft.graph.deepJson",
    "microsoft.graph.deepAnnotation",
    // The seeds.
    "microsoft.graph.userAccountInformation",
    "microsoft.graph.profile",
];

fn small_corpus() -> Vec<SourceFile> {
    let mut all = committed();
    all.extend(generated_small());
    all.extend(docs_sources());
    all
}

#[test]
fn every_case_reports_its_diagnostic_where_it_is() {
    let schema = docs_codegen::build_schema(&small_corpus());
    let found: Vec<(&str, Code, u32, u32)> =
        schema.diagnostics.iter().map(|d| (d.file.as_str(), d.code, d.line, d.column)).collect();
    let shown = || schema.diagnostics.iter().map(|d| format!("{d}\n")).collect::<String>();
    for expected in EXPECTED {
        assert!(found.contains(expected), "missing {expected:?}; have:\n{}", shown());
    }
    for name in TYPES {
        ty(&schema, name);
    }
    // JSON keys that are not Rust identifiers are properties under their exact names;
    // annotation rows are not properties at all.
    let names = |t: &str| ty(&schema, t).properties.iter().map(|p| p.name.clone()).collect::<Vec<_>>();
    assert_eq!(names("microsoft.graph.jsonKeys"), ["3dModel", "größe", "Ærø_2"]);
    let holder = names("microsoft.graph.keywordHolder");
    for name in ["2faMethod", "naïveCafé", "日本語"] {
        assert!(holder.iter().any(|n| n == name), "no `{name}` in {holder:?}");
    }
    assert!(!holder.iter().any(|n| n.contains('@')), "{holder:?}");
    // Every position is inside its file (lines end at `\n`, `\r\n` or a lone `\r`).
    for source in small_corpus() {
        let text = String::from_utf8_lossy(&source.bytes).replace("\r\n", "\n").replace('\r', "\n");
        let lines = text.split('\n').count() as u32;
        for d in schema.diagnostics.iter().filter(|d| d.file == source.path) {
            assert!(d.line >= 1 && d.line <= lines && d.column >= 1, "{d} is outside the file ({lines} lines)");
        }
    }
    // Odd bytes and line endings leave the table readable.
    assert_eq!(shape(ty(&schema, "microsoft.graph.bomCrlf")).len(), 2);
    assert_eq!(shape(ty(&schema, "microsoft.graph.loneCr")).len(), 2);
    // The ragged rows are skipped or typed as any value; the good ones stay.
    let ragged: Vec<String> = shape(ty(&schema, "microsoft.graph.raggedTable")).into_iter().map(|p| p.0).collect();
    assert!(ragged.contains(&"ok".to_string()) && ragged.contains(&"last".to_string()), "{ragged:?}");
    // The type called `../../x` keeps its name in the schema (only the emitter makes paths).
    assert!(
        schema.types.iter().any(|t| t.name.contains("/x")),
        "{:?}",
        schema.types.iter().map(|t| &t.name).collect::<Vec<_>>()
    );
}

#[test]
fn huge_cases_stay_fast_and_are_read() {
    for source in generated_huge() {
        let started = Instant::now();
        let schema = docs_codegen::build_schema(std::slice::from_ref(&source));
        let generated = emit(&schema);
        let took = started.elapsed();
        eprintln!("{}: {took:?}, {} types, {} files", source.path, schema.types.len(), generated.files.len());
        assert!(took < Duration::from_secs(60), "{} took {took:?}", source.path);
        assert!(!schema.types.is_empty(), "{}", source.path);
    }
    let schema = docs_codegen::build_schema(&generated_huge());
    assert_eq!(ty(&schema, "microsoft.graph.hugeTable").properties.len(), 20_000);
    assert_eq!(ty(&schema, "microsoft.graph.plainHuge").properties.len(), 20_000);
    let capped: Vec<_> = schema
        .diagnostics
        .iter()
        .filter(|d| d.file == "gen/comments_20000.md" && d.message.contains("the rest of the page was skipped"))
        .collect();
    assert_eq!(capped.len(), 1, "{:?}", schema.diagnostics);
}

/// A bad page is reported and skipped in part or whole: every other page still generates.
#[test]
fn every_case_alone_leaves_the_other_pages_generating() {
    let seeds = docs_sources();
    let reference = docs_codegen::build_schema(&seeds);
    let reference_names: Vec<&str> = reference.types.iter().map(|t| t.name.as_str()).collect();
    for case in committed().into_iter().chain(generated_small()).chain(generated_huge()) {
        let mut sources = seeds.clone();
        sources.push(case.clone());
        let schema = docs_codegen::build_schema(&sources);
        for name in &reference_names {
            assert!(schema.type_def(name).is_some(), "with {}: {name} is gone", case.path);
        }
        assert_eq!(schema.endpoints.len(), reference.endpoints.len(), "with {}", case.path);
    }
}

#[test]
fn output_is_the_same_whatever_the_order_and_threads() {
    let sources = small_corpus();
    let reference = schema_with(&sources, 1);
    let reference_json = serde_json::to_string(&reference).expect("serialises");
    let reference_crate = emit(&reference);
    let mut shuffled = sources.clone();
    // A fixed pseudo-random shuffle (xorshift), so a failure reproduces.
    let mut state = 0x9e37_79b9_7f4a_7c15_u64;
    for i in (1..shuffled.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        shuffled.swap(i, (state % (i as u64 + 1)) as usize);
    }
    let mut reversed = sources.clone();
    reversed.reverse();
    for (order, threads) in [(&shuffled, 1), (&reversed, 2), (&shuffled, 3), (&sources, 4)] {
        let schema = schema_with(order, threads);
        assert_eq!(serde_json::to_string(&schema).expect("serialises"), reference_json, "{threads} threads");
        assert!(emit(&schema) == reference_crate, "{threads} threads: the crate differs");
    }
}

/// Names from the docs never become paths unsanitised: every generated path is a plain
/// relative one, and a run writes only inside `--out`; `--check` writes nothing.
#[test]
fn hostile_names_never_become_paths_and_nothing_is_written_outside_out() {
    let dir = std::env::temp_dir().join(format!("docs-codegen-hostile-paths-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let docs = dir.join("docs");
    std::fs::create_dir_all(&docs).expect("create docs");
    for case in committed() {
        let name = Path::new(&case.path).file_name().expect("file name");
        std::fs::write(docs.join(name), &case.bytes).expect("write case");
    }
    // A namespace and a type made of path syntax, declared in the one place a page may.
    std::fs::write(
        docs.join("namespace_traversal.md"),
        "# ../../../escaped resource type\n\nNamespace: ../../..\n\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"#../../../escaped\" } -->\n\n```json\n{ \"a\": \"String\" }\n```\n",
    )
    .expect("write case");
    let schema = docs_codegen::build_schema(&docs_codegen::collect_sources(&docs, "docs").expect("readable").0);
    let generated = emit(&schema);
    for path in generated.files.keys() {
        xtask::write::check_rel_path(path).unwrap_or_else(|e| panic!("{e}"));
        let plain = path.split('/').all(|p| p.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b)));
        assert!(plain && !path.contains(".."), "{path}");
    }

    let out = dir.join("nested/out");
    let args = |check: bool| xtask::codegen::Args {
        docs: Some(docs.clone().into()),
        out: Some(out.clone().into()),
        check,
        ..xtask::codegen::Args::default()
    };
    let before = listing(&dir);
    let code = xtask::codegen::run(&args(true), &root()).expect("check runs");
    assert_eq!(format!("{code:?}"), format!("{:?}", std::process::ExitCode::FAILURE), "stale: exit 1");
    assert_eq!(listing(&dir), before, "--check wrote something");
    xtask::codegen::run(&args(false), &root()).expect("codegen runs");
    let after = listing(&dir);
    let new: Vec<&String> = after.iter().filter(|p| !before.contains(p)).collect();
    assert!(!new.is_empty());
    for p in new {
        assert!(p.starts_with("nested/out/") || p == "nested" || p == "nested/out", "written outside --out: {p}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Every path under `dir`, relative, sorted.
fn listing(dir: &Path) -> Vec<String> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            out.push(path.strip_prefix(base).expect("under base").to_string_lossy().replace('\\', "/"));
            if path.is_dir() {
                walk(base, &path, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// One crate from every small case and the seeds, checked by cargo: keywords, names that
/// cannot be raw, leading digits, non-ASCII, collisions after case conversion, prelude
/// names, hostile descriptions, recursive types, an inheritance cycle, unknown links and a
/// type called `../../x` all compile. Set `DOCS_CODEGEN_KEEP_EMITTED=1` to keep the crate.
#[test]
fn the_crate_of_the_hostile_corpus_compiles() {
    use std::process::Command;
    let schema = docs_codegen::build_schema(&small_corpus());
    let generated = emit(&schema);
    let models = generated
        .files
        .iter()
        .filter(|(p, _)| p.starts_with("src/models"))
        .map(|(_, c)| c.as_str())
        .collect::<String>();
    let dir = std::env::temp_dir().join(format!("docs-codegen-hostile-crate-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for (path, content) in &generated.files {
        let full = dir.join(path);
        std::fs::create_dir_all(full.parent().expect("parent")).expect("create dir");
        std::fs::write(&full, content).expect("write file");
    }
    // The sanitising cases really are in it.
    for needle in [
        "pub r#type: Option<String>",
        "pub r#match: Option<String>",
        "pub r#gen: Option<String>",
        "pub self_: Option<String>",
        "pub super_: Option<String>",
        "pub crate_: Option<String>",
        "pub r#in: Option<String>",
        "\"display_name\" => read(map, &mut self.",
        "\"DisplayName\" => read(map, &mut self.",
        "\"Self\" => read(map, &mut self.",
        "\"_\" => read(map, &mut self.",
        "\"2faMethod\" => read(map, &mut self.",
        "\"naïveCafé\" => read(map, &mut self.",
        "\"日本語\" => read(map, &mut self.",
        "\"3dModel\" => read(map, &mut self.",
        "\"größe\" => read(map, &mut self.",
        "\"Ærø_2\" => read(map, &mut self.",
        "pub struct OptionType",
        "pub struct SelfType",
        "pub struct DefaultType",
        "pub struct FooBar",
        "Box<",
        "compile_error!",
    ] {
        assert!(models.contains(needle), "no `{needle}` in the models");
    }
    // Shared with the emitter's compile test and `.ci/run`: the dependencies build once.
    let target = root().join("target").join("generated");
    let output = Command::new(env!("CARGO"))
        .args(["check", "--quiet", "--all-targets"])
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", &target)
        .env_remove("RUSTFLAGS")
        .output()
        .expect("run cargo");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "the hostile crate does not compile ({}):\n{stderr}", dir.display());
    assert!(!stderr.contains("warning"), "the hostile crate warns ({}):\n{stderr}", dir.display());
    if std::env::var_os("DOCS_CODEGEN_KEEP_EMITTED").is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
}
