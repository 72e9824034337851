//! Repository tasks behind `cargo xtask`: the command line lives in `main.rs`, the work here,
//! so tests can call it.
//!
//! - [`codegen`]: docs -> schema -> generated crate (with [`write`] for the file system side).
//! - [`fidelity`]: scores the schema against an official OData CSDL document.

pub mod codegen;
pub mod fidelity;
pub mod write;
