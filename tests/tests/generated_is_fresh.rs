//! `generated/` is exactly what `cargo xtask codegen` makes of `docs/` (as rust-analyzer's
//! xtask does it: a stale committed file fails the tests with the command that fixes it).

mod common;

use common::*;
use docs_codegen::emit::{emit_crate, EmitOptions};
use std::collections::BTreeSet;
use std::path::Path;

/// Relative paths of the committed generated files (build output aside).
fn committed(dir: &Path, rel: &str, out: &mut BTreeSet<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let rel_path = if rel.is_empty() { name.clone() } else { format!("{rel}/{name}") };
        if rel.is_empty() && (name == "target" || name == "Cargo.lock") {
            continue;
        }
        if entry.path().is_dir() {
            committed(&entry.path(), &rel_path, out);
        } else {
            out.insert(rel_path);
        }
    }
}

#[test]
fn generated_crate_is_up_to_date() {
    let schema = docs_codegen::build_schema(&docs_sources());
    let krate = emit_crate(&schema, &EmitOptions::default()).expect("emission succeeds");
    let dir = root().join("generated");
    let mut stale = Vec::new();
    for (path, content) in &krate.files {
        match std::fs::read_to_string(dir.join(path)) {
            Ok(on_disk) if on_disk == *content => {}
            Ok(_) => stale.push(format!("{path}: differs")),
            Err(_) => stale.push(format!("{path}: missing")),
        }
    }
    let mut on_disk = BTreeSet::new();
    committed(&dir, "", &mut on_disk);
    for path in on_disk {
        if !krate.files.contains_key(&path) {
            stale.push(format!("{path}: no longer generated"));
        }
    }
    assert!(stale.is_empty(), "generated/ is stale: run `cargo xtask codegen`\n  {}", stale.join("\n  "));
}
