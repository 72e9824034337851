//! Repository tasks behind `cargo xtask`: the command line lives in `main.rs`, the work here,
//! so tests can call it.
//!
//! - [`bench`]: times the generator against a bare pulldown-cmark pass (`cargo xtask bench`).
//! - [`check_times`]: what each feature of the generated crate costs to check, against the whole.
//! - [`codegen`]: docs -> schema -> generated crate (with [`write`] for the file system side).
//! - [`fidelity`]: scores the schema against an official OData CSDL document.
//! - [`fuzz`]: builds and runs the fuzz targets of `fuzz/` on the stable toolchain.
//! - [`render_plain`]: renders Markdown pages as the rendered site's plain text.

pub mod bench;
pub mod check_times;
pub mod codegen;
pub mod fidelity;
pub mod fuzz;
pub mod render_plain;
pub mod write;
