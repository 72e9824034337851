//! The whole pipeline on one page: read, extract, merge, emit. Emission failing is a bug in
//! the generator (docs problems are diagnostics), and every generated path must be a plain
//! relative path inside the crate.
#![no_main]

use docs_codegen::emit::{emit_crate, EmitOptions};
use docs_codegen::SourceFile;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let source = SourceFile { path: "docs/fuzz.md".to_string(), bytes: data.to_vec() };
    let schema = docs_codegen::build_schema(&[source]);
    let generated = match emit_crate(&schema, &EmitOptions::default()) {
        Ok(generated) => generated,
        Err(e) => panic!("emission failed: {e}"),
    };
    for path in generated.files.keys() {
        let plain = path.split('/').all(|part| {
            !part.is_empty()
                && part != "."
                && part != ".."
                && part.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b))
        });
        assert!(plain, "unsafe generated path {path:?}");
    }
});
