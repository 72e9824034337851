//! Repository tasks behind `cargo xtask`: the command line lives in `main.rs`, the work here,
//! so tests can call it.
//!
//! - [`codegen`]: docs -> schema -> generated crate (with [`write`] for the file system side).
//! - [`fidelity`]: scores the schema against an official OData CSDL document.
//! - [`render_plain`]: renders Markdown pages as the rendered site's plain text.

pub mod codegen;
pub mod fidelity;
pub mod render_plain;
pub mod write;
