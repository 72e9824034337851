//! Text helpers shared by both readers: decoding bytes, turning byte offsets into
//! line/column positions, and normalising whitespace in inline text.

use crate::diagnostics::Pos;
use std::borrow::Cow;

/// The UTF-8 byte order mark, which some editors put at the start of a file.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Bytes decoded to text, with what was wrong with them.
#[derive(Debug, Clone)]
pub struct Decoded<'a> {
    /// The text, BOM removed, invalid sequences and NUL characters replaced by U+FFFD, lone
    /// `\r` line ends made `\n` (see [`lone_cr_as_lf`]): the bytes themselves when they needed
    /// nothing replaced (nearly every page).
    pub text: Cow<'a, str>,
    /// Byte offset (in `text`) of the first invalid sequence, and how many there were.
    pub invalid: Option<(usize, usize)>,
    /// Byte offset (in `text`) of the first NUL character, and how many there were.
    pub nul: Option<(usize, usize)>,
}

/// Decodes `bytes` as UTF-8, lossily, dropping a leading BOM.
///
/// Every invalid sequence becomes one U+FFFD, so line numbers stay those of the original file
/// and a column moves by at most one per bad sequence before it on the same line.
///
/// NUL characters are replaced by U+FFFD too (as CommonMark asks), so that no NUL reaches the
/// generated sources; that keeps every column, as both are one character.
pub fn decode(bytes: &[u8]) -> Decoded<'_> {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let (mut text, invalid) = match std::str::from_utf8(bytes) {
        Ok(s) => (Cow::Borrowed(s), None),
        Err(e) => {
            let count = bytes.utf8_chunks().filter(|c| !c.invalid().is_empty()).count();
            let valid = e.valid_up_to();
            (String::from_utf8_lossy(bytes), Some((valid, count)))
        }
    };
    let nul = memchr::memchr(0, text.as_bytes()).map(|first| (first, text.matches('\0').count()));
    if nul.is_some() {
        text = Cow::Owned(text.replace('\0', "\u{FFFD}"));
    }
    if let Cow::Owned(fixed) = lone_cr_as_lf(&text) {
        text = Cow::Owned(fixed);
    }
    Decoded { text, invalid, nul }
}

/// `text` with every lone `\r` (one not followed by `\n`: classic Mac line ends) made `\n`,
/// byte for byte, so that every offset and column stays. CommonMark ends a line at a lone
/// `\r` too, but pulldown-cmark 0.13 opens no fenced code block after one, and the rest of
/// such a page was lost. Borrowed when there is none (no page of the Graph reference has one).
pub fn lone_cr_as_lf(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut lone = memchr::memchr_iter(b'\r', bytes).filter(|&i| bytes.get(i + 1) != Some(&b'\n')).peekable();
    if lone.peek().is_none() {
        return Cow::Borrowed(text);
    }
    let mut fixed = bytes.to_vec();
    for i in lone {
        fixed[i] = b'\n';
    }
    // One ASCII byte for another keeps the text UTF-8; the fallback only avoids a panic path.
    Cow::Owned(String::from_utf8(fixed).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

/// Byte offsets of line starts, to turn any byte offset into a 1-based line and column.
///
/// Lines end at `\n`, `\r\n` or a lone `\r`, as CommonMark has it.
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    /// The last offset looked up, the index of its line and its position: readers ask in
    /// increasing order, so counting on from there keeps many cells on one very long line
    /// linear, and an offset on the same line needs no search.
    last: std::cell::Cell<(usize, usize, Pos)>,
}

impl<'a> LineIndex<'a> {
    /// Indexes `text`.
    pub fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        // memchr finds the terminators a word at a time; pages are mostly long lines.
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
                starts.push(i + 1);
            }
        }
        LineIndex { text, starts, last: std::cell::Cell::new((0, 0, Pos::new(1, 1))) }
    }

    /// The position of byte `offset`; offsets past the end or inside a character are clamped.
    pub fn pos(&self, offset: usize) -> Pos {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let (last_offset, last_line, last_pos) = self.last.get();
        let on_last_line = self.starts.get(last_line).is_some_and(|&s| s <= offset)
            && self.starts.get(last_line + 1).is_none_or(|&next| offset < next);
        let line_idx =
            if on_last_line { last_line } else { self.starts.partition_point(|&s| s <= offset).saturating_sub(1) };
        let start = self.starts.get(line_idx).copied().unwrap_or(0).min(offset);
        let (from, base) =
            if last_offset >= start && last_offset <= offset { (last_offset, last_pos.column) } else { (start, 1) };
        let counted = self.text.get(from..offset).map_or(0, |s| s.chars().count());
        let pos = Pos::new(to_u32(line_idx + 1), base.saturating_add(to_u32(counted)));
        self.last.set((offset, line_idx, pos));
        pos
    }

    /// The position of the first non-whitespace character at or after `offset`, before `end`;
    /// `offset` itself when there is none. Cells and list items start after their padding.
    pub fn pos_skipping_space(&self, offset: usize, end: usize) -> Pos {
        let end = end.min(self.text.len());
        let skipped = self
            .text
            .get(offset..end)
            .and_then(|s| s.char_indices().find(|(_, c)| !c.is_whitespace()))
            .map_or(offset, |(i, _)| offset + i);
        self.pos(skipped)
    }
}

/// Saturating conversion for line and column numbers of absurdly large files.
pub fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Collapses every run of whitespace to one space and trims the ends, as rendered text reads.
pub fn collapse_ws(s: &str) -> String {
    collapse_ascii_ws(s).unwrap_or_else(|| {
        let mut out = String::with_capacity(s.len());
        for word in s.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
        out
    })
}

/// [`collapse_ws`] of text the caller owns: returned as it is when there is nothing to
/// collapse (most inline text: ASCII words one space apart), without a copy.
pub fn collapse_ws_owned(s: String) -> String {
    if is_collapsed_ascii(s.as_bytes()) {
        s
    } else {
        collapse_ws(&s)
    }
}

/// Whether `bytes` are ASCII that [`collapse_ws`] leaves as they are: no whitespace but single
/// spaces between other characters.
///
/// Control characters count as not collapsed (the caller then collapses, which is right for
/// them too). Written as two folds without early exits, which the compiler vectorises.
fn is_collapsed_ascii(bytes: &[u8]) -> bool {
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    // Every byte printable ASCII (a space or 0x21..=0x7e) ...
    let printable = bytes.iter().fold(true, |ok, &b| ok & (b.wrapping_sub(b' ') < 0x5f));
    // ... and no two spaces in a row.
    let double =
        bytes.iter().zip(bytes.iter().skip(1)).fold(false, |found, (&a, &b)| found | ((a == b' ') & (b == b' ')));
    printable && !double
}

/// [`collapse_ws`] of ASCII text (`char::is_whitespace` of an ASCII character is a space, tab,
/// line feed, vertical tab, form feed or carriage return); `None` at the first byte that is not
/// ASCII. Text between runs that need collapsing is copied at once: in most inline text that is
/// all of it.
fn collapse_ascii_ws(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r');
    let mut out = String::with_capacity(s.len());
    let mut i = bytes.iter().position(|&b| !space(b)).unwrap_or(bytes.len());
    let mut start = i;
    while let Some(&b) = bytes.get(i) {
        if !b.is_ascii() {
            return None;
        }
        // One space between two words is kept as it is.
        if !space(b) || (b == b' ' && bytes.get(i + 1).is_some_and(|&next| !space(next))) {
            i += 1;
            continue;
        }
        out.push_str(&s[start..i]);
        while bytes.get(i).is_some_and(|&b| space(b)) {
            i += 1;
        }
        if i < bytes.len() {
            out.push(' ');
        }
        start = i;
    }
    out.push_str(&s[start..]);
    Some(out)
}

/// The lines of `text` without their terminators (`\n`, `\r\n` or a lone `\r`), each with its
/// byte offset, numbered as [`LineIndex`] numbers them.
pub fn lines_with_offsets(text: &str) -> Vec<(usize, &str)> {
    Lines::new(text).collect()
}

/// [`lines_with_offsets`] one at a time, for readers that stop early (front matter).
#[derive(Debug, Clone)]
pub struct Lines<'a> {
    text: &'a str,
    /// Where the next line starts; `None` once the last line (possibly empty) was returned.
    start: Option<usize>,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str) -> Self {
        Lines { text, start: Some(0) }
    }
}

impl<'a> Iterator for Lines<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        let start = self.start?;
        let bytes = self.text.as_bytes();
        match bytes[start..].iter().position(|&b| b == b'\n' || b == b'\r') {
            Some(len) => {
                let end = start + len;
                let next = if bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n') { end + 2 } else { end + 1 };
                self.start = Some(next);
                Some((start, &self.text[start..end]))
            }
            None => {
                self.start = None;
                Some((start, &self.text[start..]))
            }
        }
    }
}

/// Where a JSON value that starts at the first `{` or `[` of `text` ends: the byte offset just
/// past the bracket that balances it, counting brackets outside strings only. `None` when the
/// text has no opening bracket or ends before the brackets balance.
pub fn json_end(text: &str) -> Option<usize> {
    let open = text.find(['{', '['])?;
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (i, c) in text[open..].char_indices() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '{' | '[' => depth += 1,
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(open + i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lone_carriage_returns_become_line_feeds_in_place() {
        assert!(matches!(lone_cr_as_lf("a\nb\r\nc"), Cow::Borrowed("a\nb\r\nc")));
        assert_eq!(lone_cr_as_lf("a\rb"), "a\nb");
        assert_eq!(lone_cr_as_lf("a\r"), "a\n");
        assert_eq!(lone_cr_as_lf("\r\r\n\r"), "\n\r\n\n");
        assert_eq!(lone_cr_as_lf("é\rü"), "é\nü");
        // Decoding keeps the offsets: the bad byte is still reported where it was.
        let d = decode(b"a\rb\xFF\rc");
        assert_eq!(d.text, "a\nb\u{FFFD}\nc");
        assert_eq!(d.invalid, Some((3, 1)));
        let positions = LineIndex::new(&d.text);
        assert_eq!(positions.pos(3), Pos::new(2, 2));
    }

    #[test]
    fn decode_strips_bom_and_reports_invalid_bytes() {
        let d = decode(b"\xEF\xBB\xBFab\ncd\xFF\xFEe");
        assert_eq!(d.text, "ab\ncd\u{FFFD}\u{FFFD}e");
        assert_eq!(d.invalid, Some((5, 2)));
        let d = decode(b"a\0b\0");
        assert_eq!(d.text, "a\u{FFFD}b\u{FFFD}");
        assert_eq!(d.nul, Some((1, 2)));
        let ok = decode(b"plain");
        assert_eq!(ok.text, "plain");
        assert!(ok.invalid.is_none());
    }

    #[test]
    fn positions_count_chars_and_all_line_endings() {
        let text = "ab\r\ncé\rx\ny";
        let idx = LineIndex::new(text);
        assert_eq!(idx.pos(0), Pos::new(1, 1));
        assert_eq!(idx.pos(4), Pos::new(2, 1));
        // `x` after a lone CR is on line 3; `é` is one column even though two bytes.
        let x = text.find('x').unwrap_or(0);
        assert_eq!(idx.pos(x), Pos::new(3, 1));
        let y = text.find('y').unwrap_or(0);
        assert_eq!(idx.pos(y), Pos::new(4, 1));
        // Inside `é` and past the end: clamped, no panic.
        assert_eq!(idx.pos(6), Pos::new(2, 2));
        assert_eq!(idx.pos(1000), Pos::new(4, 2));
    }

    #[test]
    fn lines_split_like_the_index() {
        let lines: Vec<&str> = lines_with_offsets("a\r\nb\rc\n").into_iter().map(|(_, l)| l).collect();
        assert_eq!(lines, vec!["a", "b", "c", ""]);
        assert_eq!(collapse_ws("  a \t b\n c  "), "a b c");
        // The ASCII path splits where `split_whitespace` does, vertical tab and form feed included.
        for s in
            ["", " ", "a", " a", "a ", "a\x0bb\x0c\rc", "x\r\n\r\ny", "a  b\t\tc ", "\x0b", "a b c", " a b ", "a \tb"]
        {
            let words: Vec<&str> = s.split_whitespace().collect();
            assert_eq!(collapse_ws(s), words.join(" "), "{s:?}");
        }
        assert_eq!(collapse_ws(" caf\u{e9}\u{a0} ok\u{2003}x "), "caf\u{e9} ok x");
        // Owned text gives the same, collapsed or not.
        for s in [
            "",
            " ",
            "a",
            "a b",
            "a  b",
            " a",
            "a ",
            "a\tb",
            "caf\u{e9} ok",
            "a\u{a0}b",
            "x\x0by",
            "a b c",
            "a\x01b",
            "~\x7f",
        ] {
            assert_eq!(collapse_ws_owned(s.to_string()), collapse_ws(s), "{s:?}");
        }
        // Not ASCII after text that was collapsed already: the whole is collapsed again.
        assert_eq!(collapse_ws("a  b\u{a0}\u{a0}c d"), "a b c d");
    }

    #[test]
    fn json_end_counts_brackets_outside_strings() {
        assert_eq!(json_end("x {\"a\": \"}]\\\"\", \"b\": [1]} y"), Some(25));
        assert_eq!(json_end("{ \"a\": 1"), None);
        assert_eq!(json_end("no json"), None);
    }
}
