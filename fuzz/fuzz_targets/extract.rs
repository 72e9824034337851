//! Table and JSON extraction: the lenient JSON parser on the raw input, then the facts of the
//! page read from it (property tables, type cells, enums, HTTP blocks, examples).
#![no_main]

use docs_codegen::diagnostics::{Pos, Sink};
use docs_codegen::json::{parse_lenient, Origin};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut sink = Sink::default();
    let value = parse_lenient(&text, Origin { file: "fuzz.json", start: Pos::new(1, 1) }, &mut sink);
    // Strict JSON is taken as it is, with nothing to report.
    if let Ok(strict) = serde_json::from_str::<serde_json::Value>(&text) {
        assert_eq!(value.as_ref(), Some(&strict));
        assert!(sink.is_empty(), "strict JSON was reported: {:?}", sink.take());
    }
    let page = docs_codegen::read::read_page("fuzz.md", data);
    let _facts = docs_codegen::extract::extract_page(&page);
});
