//! Snapshots of the schema and of the generated Rust, for each seed page alone and for all
//! five together. Review changes with `cargo insta review`; never accept them unread.

mod common;

use common::*;
use docs_codegen::emit::{emit_crate, EmitOptions};
use docs_codegen::SourceFile;

/// The schema as `--ir` writes it.
fn schema_text(sources: &[SourceFile]) -> String {
    serde_json::to_string_pretty(&docs_codegen::build_schema(sources)).expect("schema serialises")
}

/// The generated Rust, file by file. The runtime and manifest are the same for every input
/// (and byte-checked against generated/ by the staleness test), so they are left out here.
fn rust_text(sources: &[SourceFile]) -> String {
    let schema = docs_codegen::build_schema(sources);
    let krate = emit_crate(&schema, &EmitOptions::default()).expect("emission succeeds");
    let mut out = String::new();
    for (path, content) in &krate.files {
        if path == "src/runtime.rs" || path == "Cargo.toml" || path == ".gitignore" || path == "rustfmt.toml" {
            continue;
        }
        out.push_str(&format!("===== {path} =====\n{content}\n"));
    }
    out
}

fn snapshot_name(file: &str) -> String {
    file.trim_start_matches("docs/").split('_').next().unwrap_or(file).to_string()
}

#[test]
fn each_seed_alone() {
    for source in docs_sources() {
        let name = snapshot_name(&source.path);
        let one = [source];
        insta::assert_snapshot!(format!("schema_seed_{name}"), schema_text(&one));
        insta::assert_snapshot!(format!("rust_seed_{name}"), rust_text(&one));
    }
}

#[test]
fn all_five_seeds() {
    let all = docs_sources();
    insta::assert_snapshot!("schema_all_seeds", schema_text(&all));
    insta::assert_snapshot!("rust_all_seeds", rust_text(&all));
}
