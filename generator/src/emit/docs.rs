//! Doc comments: descriptions from the docs become `#[doc = "..."]` attributes.
//!
//! The text reaches the generated code as string literals built by `quote`, or as `///` lines
//! printed the way prettyplease prints those literals (see [`splice_docs`]); a line never holds a
//! line break, so nothing in it (`*/`, `"`, `compile_error!(...)`, `</doc>`) can escape into
//! code. What remains is Markdown that rustdoc and clippy read, so each description is also made
//! inert there:
//!
//! - no code blocks, hence no doctests: lines are trimmed (no indented blocks) and runs of three
//!   or more backticks or tildes are backslash-escaped (no fences);
//! - no lazy list continuations (`clippy::doc_lazy_continuation`): a line that does not start a
//!   list item, table row, heading or quote is joined to the line before it;
//! - no characters rustc rejects in comments: control characters become spaces, and the
//!   bidirectional-override characters (`text_direction_codepoint_in_comment`) are dropped.

use proc_macro2::TokenStream;
use quote::quote;
use std::borrow::Cow;
use std::cell::RefCell;

/// `#[doc = "..."]` attributes for `text`.
pub(crate) fn doc_attrs(text: &str) -> TokenStream {
    attrs_of(&doc_lines(text))
}

/// `#[doc = "..."]` attributes for lines [`doc_lines`] already made.
///
/// While [`with_doc_table`] runs on this thread, the lines go to its table instead and one
/// placeholder attribute (`#[doc = "\0N"]`) stands for them: `syn` then parses one short
/// literal rather than a long one per line, which halved the parse time of the doc-heavy
/// endpoint files, and [`splice_docs`] puts the lines back into the printed text.
fn attrs_of(lines: &[String]) -> TokenStream {
    let placeholder = DOC_TABLES.with(|tables| {
        let mut tables = tables.borrow_mut();
        let table = tables.last_mut()?;
        // Only lines prettyplease prints as plain `///` lines can be printed without it.
        if lines.is_empty() || !lines.iter().all(|l| prints_as_line_comment(l)) {
            return None;
        }
        table.push(lines.to_vec());
        Some(format!("{PLACEHOLDER}{}", table.len() - 1))
    });
    match placeholder {
        Some(p) => quote! { #[doc = #p] },
        None => quote! { #( #[doc = #lines] )* },
    }
}

/// Starts a placeholder: no doc line has it, since [`doc_lines`] turns control characters
/// into spaces.
const PLACEHOLDER: char = '\0';

thread_local! {
    /// The doc lines of the items being generated on this thread, innermost call last (a
    /// stack, so that a nested call on the same thread keeps its own numbering).
    static DOC_TABLES: RefCell<Vec<Vec<Vec<String>>>> = const { RefCell::new(Vec::new()) };
}

/// The lines prettyplease prints as `///` plus the line: one line, not starting with `/`.
fn prints_as_line_comment(line: &str) -> bool {
    !line.contains('\n') && !line.starts_with('/') && !line.starts_with(PLACEHOLDER)
}

/// Runs `generate` with doc lines collected into a table of their own (see [`attrs_of`]);
/// returns what it returned and the table, for [`splice_docs`].
pub(crate) fn with_doc_table<R>(generate: impl FnOnce() -> R) -> (R, Vec<Vec<String>>) {
    /// Pops the table even if `generate` unwinds, so the stack stays balanced.
    struct Pop;
    impl Drop for Pop {
        fn drop(&mut self) {
            DOC_TABLES.with(|t| t.borrow_mut().pop());
        }
    }
    DOC_TABLES.with(|t| t.borrow_mut().push(Vec::new()));
    let pop = Pop;
    let out = generate();
    let table = DOC_TABLES.with(|t| t.borrow_mut().last_mut().map(std::mem::take)).unwrap_or_default();
    drop(pop);
    (out, table)
}

/// Replaces each placeholder line of printed code (`///\0N`, at any indentation) with the
/// doc lines of entry `N` of `table`, printed as prettyplease prints a `#[doc]` attribute:
/// `///`, the line without trailing spaces, at the placeholder's indentation.
pub(crate) fn splice_docs(text: &str, table: &[Vec<String>]) -> String {
    if table.is_empty() {
        return text.to_string();
    }
    let marker = format!("///{PLACEHOLDER}");
    let mut out = String::with_capacity(text.len() + table.iter().flatten().map(|l| l.len() + 8).sum::<usize>());
    for line in text.split_inclusive('\n') {
        let body = line.trim_start();
        let entry = body
            .strip_prefix(marker.as_str())
            .and_then(|n| n.trim_end().parse::<usize>().ok())
            .and_then(|n| table.get(n));
        match entry {
            Some(lines) => {
                let indent = &line[..line.len() - body.len()];
                for doc in lines {
                    out.push_str(indent);
                    out.push_str("///");
                    out.push_str(doc.trim_end_matches(' '));
                    out.push('\n');
                }
            }
            None => out.push_str(line),
        }
    }
    out
}

/// `#![doc = "..."]` attributes: the inner doc comment of a file.
pub(crate) fn inner_doc_attrs(text: &str) -> TokenStream {
    let lines = doc_lines(text);
    quote! { #( #![doc = #lines] )* }
}

/// The doc lines of a description, or of `fallback` when the docs give none.
pub(crate) fn described_lines(description: Option<&str>, fallback: &str) -> Vec<String> {
    // The description's lines are made once: whether it has words, and the lines.
    match description.map(doc_lines) {
        Some(lines) if !lines.is_empty() => lines,
        _ => doc_lines(fallback),
    }
}

/// The docs' description when it has any text left once cleaned, else `fallback` ("The
/// `x` property."): every generated item has a doc comment.
pub(crate) fn description_or(description: Option<&str>, fallback: impl FnOnce() -> String) -> String {
    match description {
        Some(d) if !doc_lines(d).is_empty() => d.to_string(),
        _ => fallback(),
    }
}

/// `text` as inline code, whatever backticks it holds.
pub(crate) fn code(text: &str) -> String {
    if text.contains('`') {
        format!("`` {} ``", text.replace("``", "` `"))
    } else {
        format!("`{text}`")
    }
}

/// The lines of the doc comment for `text`, each starting with a space (blank between
/// paragraphs), with nothing rustdoc could run as a doctest. Empty when `text` has no words.
pub(crate) fn doc_lines(text: &str) -> Vec<String> {
    let cleaned = clean_chars(text);
    let mut out: Vec<String> = Vec::new();
    // Whether the last line of `out` belongs to a paragraph still open, and whether a blank
    // line closed one (the separator is written when the next paragraph starts).
    let (mut open, mut closed) = (false, false);
    for line in cleaned.split('\n') {
        let line = line.trim();
        if line.is_empty() {
            closed |= open;
            open = false;
            continue;
        }
        let line = escape_fences(line);
        match out.last_mut() {
            Some(previous) if open && !starts_block(&line) => {
                previous.push(' ');
                previous.push_str(&line);
            }
            _ => {
                if std::mem::take(&mut closed) {
                    out.push(String::new());
                }
                let mut first = String::with_capacity(line.len() + 1);
                first.push(' ');
                first.push_str(&line);
                out.push(first);
                open = true;
            }
        }
    }
    out
}

/// Newlines normalised to `\n`, other control characters to spaces, bidi overrides dropped.
///
/// One pass into a buffer of the right size (this runs on every description of the crate):
/// a `\r` right before a `\n` is dropped, which is what replacing `\r\n` by `\n` first does.
fn clean_chars(text: &str) -> Cow<'_, str> {
    // Most descriptions are printable ASCII and line feeds: nothing to change.
    if text.bytes().all(|b| b == b'\n' || (b' '..=b'~').contains(&b)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            c if is_bidi_control(c) => {}
            '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{85}' => out.push('\n'),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// The characters rustc's `text_direction_codepoint_in_comment` lint denies.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whether a line begins a Markdown block that must stay on its own line.
fn starts_block(line: &str) -> bool {
    if line.starts_with(['|', '#', '>']) {
        return true;
    }
    if let Some(rest) = line.strip_prefix(['-', '*', '+']) {
        return rest.starts_with(' ');
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && (line[digits..].starts_with(". ") || line[digits..].starts_with(") "))
}

/// Backslash-escapes every run of three or more backticks or tildes, so no fence can open.
fn escape_fences(line: &str) -> Cow<'_, str> {
    // Most lines have no run to escape: found by looking only at their backticks and tildes.
    let bytes = line.as_bytes();
    let has_run = memchr::memchr2_iter(b'`', b'~', bytes)
        .any(|i| bytes.get(i + 1) == Some(&bytes[i]) && bytes.get(i + 2) == Some(&bytes[i]));
    if !has_run {
        return Cow::Borrowed(line);
    }
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let run = chars[i..].iter().take_while(|&&d| d == c).count();
        let escape = (c == '`' || c == '~') && run >= 3;
        for _ in 0..run {
            if escape {
                out.push('\\');
            }
            out.push(c);
        }
        i += run;
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_and_lines() {
        assert_eq!(doc_lines("One.\nStill one.\n\n\nTwo."), [" One. Still one.", "", " Two."]);
        assert!(doc_lines("  \n\t\n").is_empty());
    }

    #[test]
    fn indented_code_is_flattened() {
        assert_eq!(doc_lines("Example:\n\n    let x = 1;\n    panic!()"), [" Example:", "", " let x = 1; panic!()"]);
    }

    #[test]
    fn fences_are_escaped() {
        let lines = doc_lines("```rust\nfn main() {}\n```\n~~~\nx\n~~~");
        assert_eq!(lines, [" \\`\\`\\`rust fn main() {} \\`\\`\\` \\~\\~\\~ x \\~\\~\\~"]);
        assert_eq!(doc_lines("inline `code` and ``two``"), [" inline `code` and ``two``"]);
        // Mixed marks are no run; a run at the very end is.
        assert_eq!(doc_lines("a ``~ b ~~` c"), [" a ``~ b ~~` c"]);
        assert_eq!(doc_lines("end ````"), [" end \\`\\`\\`\\`"]);
    }

    #[test]
    fn list_items_keep_their_lines_and_swallow_continuations() {
        let lines = doc_lines("Values:\n- me\n  continued\n- family\n1. first\n|a|b|");
        assert_eq!(lines, [" Values:", " - me continued", " - family", " 1. first", " |a|b|"]);
    }

    #[test]
    fn hostile_characters_are_neutralised() {
        let lines = doc_lines("a\u{202E}b\r\nc\u{0}d\te */ \" compile_error!(\"x\") </doc>");
        assert_eq!(lines, [" ab c d e */ \" compile_error!(\"x\") </doc>"]);
        // Lines never start with `/` or `!`, which would change the comment kind.
        assert_eq!(doc_lines("/ x\n\n! y"), [" / x", "", " ! y"]);
    }

    #[test]
    fn code_spans_survive_backticks() {
        assert_eq!(code("a"), "`a`");
        assert_eq!(code("a`b"), "`` a`b ``");
    }
}
