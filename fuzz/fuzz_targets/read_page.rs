//! The page reader on any bytes: form detection, decoding, front matter, annotations, the
//! Markdown and plain-text readers. It must never panic, and every position it reports must
//! lie inside the file.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let page = docs_codegen::read::read_page("fuzz.md", data);
    // Lines end at `\n`, `\r\n` or a lone `\r`, as CommonMark (and the reader) has it.
    let breaks =
        data.iter().enumerate().filter(|&(i, &b)| b == b'\n' || (b == b'\r' && data.get(i + 1) != Some(&b'\n')));
    let lines = breaks.count() as u32 + 1;
    for d in &page.diagnostics {
        assert!(d.line >= 1 && d.line <= lines.max(1), "{d} is outside the file ({lines} lines)");
        assert!(d.column >= 1, "{d}");
    }
    for block in &page.blocks {
        assert!(block.pos.line >= 1 && block.pos.line <= lines.max(1), "{block:?} is outside the file");
    }
});
