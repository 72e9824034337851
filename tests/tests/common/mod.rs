//! Helpers shared by the end-to-end tests.
#![allow(dead_code)]

use docs_codegen::ir::{Property, Schema, TypeDef};
use docs_codegen::SourceFile;
use std::path::{Path, PathBuf};

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ has a parent").to_path_buf()
}

/// `../shared` beside the checkout, when it is there.
pub fn shared() -> Option<PathBuf> {
    let p = root().join("../shared");
    p.is_dir().then_some(p)
}

/// Every seed page in `docs/`, shown as `docs/<name>`.
pub fn docs_sources() -> Vec<SourceFile> {
    let (files, diags) = docs_codegen::collect_sources(&root().join("docs"), "docs").expect("docs/ is readable");
    assert!(diags.is_empty(), "{diags:?}");
    files
}

/// One file of `docs/` by its name.
pub fn doc(name: &str) -> SourceFile {
    docs_sources().into_iter().find(|f| f.path == format!("docs/{name}")).unwrap_or_else(|| panic!("no docs/{name}"))
}

/// The type with this qualified name, or a failure naming what the schema has.
pub fn ty<'a>(schema: &'a Schema, name: &str) -> &'a TypeDef {
    schema.type_def(name).unwrap_or_else(|| {
        panic!("no type {name}; have {:?}", schema.types.iter().map(|t| &t.name).collect::<Vec<_>>())
    })
}

/// The property of a type, or a failure naming what the type has.
pub fn prop<'a>(t: &'a TypeDef, name: &str) -> &'a Property {
    t.properties.iter().find(|p| p.name == name).unwrap_or_else(|| {
        panic!("{} has no property {name}; has {:?}", t.name, t.properties.iter().map(|p| &p.name).collect::<Vec<_>>())
    })
}

/// (name, type, collection) of every own property, in order.
pub fn shape(t: &TypeDef) -> Vec<(String, String, bool)> {
    t.properties.iter().map(|p| (p.name.clone(), p.type_name.clone(), p.collection)).collect()
}

/// The JSON bodies of a page's example request and response (in that order), as the page writes them.
pub fn example_bodies(file: &SourceFile) -> (Option<String>, Option<String>) {
    use docs_codegen::page::BlockKind;
    let page = docs_codegen::read::read_page(&file.path, &file.bytes);
    let mut request = None;
    let mut response = None;
    for block in &page.blocks {
        let BlockKind::Code(code) = &block.kind else { continue };
        let text = code.text.trim_start();
        // The body starts on the first line that opens an object.
        let Some(start) = text.lines().position(|l| l.trim_start().starts_with('{')) else { continue };
        let body = text.lines().skip(start).collect::<Vec<_>>().join("\n");
        if text.starts_with("HTTP/") {
            response.get_or_insert(body);
        } else if text.starts_with("POST ") || text.starts_with("PATCH ") || text.starts_with("PUT ") {
            request.get_or_insert(body);
        }
    }
    (request, response)
}

/// Leniently parsed example JSON (the docs' trailing commas removed).
pub fn lenient_json(text: &str) -> serde_json::Value {
    let mut sink = docs_codegen::diagnostics::Sink::default();
    let origin = docs_codegen::json::Origin { file: "example", start: docs_codegen::diagnostics::Pos::new(1, 1) };
    docs_codegen::json::parse_lenient(text, origin, &mut sink).expect("example body is JSON")
}
