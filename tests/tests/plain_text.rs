//! A page copied as plain text from the rendered site gives the same schema as its Markdown
//! source: seed 001 is the plain-text form of the beta page `profile-post-accounts.md`.

mod common;

use common::*;
use docs_codegen::ir::Schema;
use docs_codegen::SourceFile;

/// The schema without where things came from: what both forms must agree on. The area comes
/// from front matter (`ms.prod`), which the rendered site does not show, so it is left out too.
fn essence(s: &Schema) -> serde_json::Value {
    let mut v = serde_json::to_value(s).expect("schema serialises");
    v.as_object_mut().expect("object").remove("diagnostics");
    // Each example's `path:line`, and each example exchange's (request and response).
    if let Some(examples) = v.get_mut("examples").and_then(serde_json::Value::as_array_mut) {
        examples.iter_mut().filter_map(serde_json::Value::as_object_mut).for_each(|e| {
            e.remove("source");
        });
    }
    for endpoint in v.get_mut("endpoints").and_then(serde_json::Value::as_array_mut).into_iter().flatten() {
        for url in endpoint.get_mut("example_urls").and_then(serde_json::Value::as_array_mut).into_iter().flatten() {
            url.as_object_mut().map(|u| u.remove("source"));
            url.get_mut("response").and_then(serde_json::Value::as_object_mut).map(|r| r.remove("source"));
        }
    }
    strip_sources(&mut v);
    v
}

fn strip_sources(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(m) => {
            m.remove("sources");
            m.remove("area");
            m.values_mut().for_each(strip_sources);
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(strip_sources),
        _ => {}
    }
}

#[test]
fn seed_001_matches_its_markdown_source() {
    let Some(shared) = shared() else {
        eprintln!("skipped: ../shared is not present, so the Markdown form of seed 001 is not at hand");
        return;
    };
    let md_path = shared.join("corpus/graph-profile/api/profile-post-accounts.md");
    let markdown =
        SourceFile { path: "profile-post-accounts.md".into(), bytes: std::fs::read(&md_path).expect("corpus page") };
    let plain = doc("001_80bea5d8a108aa88.txt");
    let from_md = docs_codegen::build_schema(&[markdown]);
    let from_plain = docs_codegen::build_schema(&[plain]);
    assert!(!from_plain.types.is_empty() && !from_plain.endpoints.is_empty());
    assert_eq!(
        serde_json::to_string_pretty(&essence(&from_plain)).unwrap(),
        serde_json::to_string_pretty(&essence(&from_md)).unwrap()
    );
    // Both report the example's trailing comma, each at its own line.
    for s in [&from_md, &from_plain] {
        assert!(s.diagnostics.iter().any(|d| d.code == docs_codegen::Code::JsonTrailingComma), "{:#?}", s.diagnostics);
    }
}
