//! docs-codegen: REST API reference pages in, a typed Rust crate out.
//!
//! The pipeline, one module per stage:
//! [`read`] (bytes -> [`page::Page`], Markdown or plain text) -> [`extract`] (page -> facts)
//! -> [`merge`] (facts of all pages -> [`ir::Schema`]) -> [`emit`] (schema -> formatted Rust files).
//! Pages are read and extracted independently and in parallel; the schema is the contract
//! between the two halves.

pub mod diagnostics;
pub mod emit;
pub mod extract;
pub mod ir;
pub mod json;
pub mod merge;
pub mod naming;
pub mod page;
pub mod pipeline;
pub mod read;

pub use diagnostics::{Code, Diagnostic, Severity};
pub use ir::Schema;
pub use pipeline::{
    bare_markdown_pass, build_schema, build_schema_with_progress, collect_sources, read_and_extract,
    read_and_extract_with_progress, schema_json, schema_json_with, SourceFile,
};
