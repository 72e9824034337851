//! The plain-text reader: pages copied from the rendered site, with no markup left.
//!
//! It rebuilds the blocks the Markdown form would give, from the shape of the lines alone:
//! the first line is the title, short lines standing alone are section headings, lines whose
//! words are known column names start tables, request and status lines start HTTP code, and
//! brackets are counted to find where a JSON body ends.

use super::text::{collapse_ws, json_end, to_u32};
use crate::diagnostics::Pos;
use crate::page::{Annotation, Block, BlockKind, Cell, CodeBlock, Inline, Row, Table};

/// Reads plain text into blocks. Never fails; what it cannot place becomes a paragraph.
pub fn read(text: &str) -> Vec<Block> {
    let lines: Vec<Line<'_>> =
        super::text::lines_with_offsets(text).into_iter().map(|(offset, text)| Line { offset, text }).collect();
    let mut reader =
        Reader { src: text, lines, blocks: Vec::new(), sections: Sections::default(), awaiting_representation: false };
    reader.run();
    reader.blocks
}

#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    /// Byte offset of the line in the text.
    offset: usize,
    text: &'a str,
}

impl Line<'_> {
    fn trimmed(&self) -> &str {
        self.text.trim()
    }

    fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// HTTP methods a request line can start with.
const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/// Section names the docs use at level 2. Used only to tell when an examples section ends;
/// any short line standing alone is a heading whether it is listed here or not.
const TOP_SECTIONS: &[&str] = &[
    "permissions",
    "http request",
    "optional query parameters",
    "query parameters",
    "path parameters",
    "function parameters",
    "parameters",
    "request headers",
    "optional request headers",
    "request body",
    "response",
    "response headers",
    "properties",
    "relationships",
    "json representation",
    "methods",
    "functions",
    "members",
    "see also",
    "remarks",
    "prerequisites",
    "errors",
    "error responses",
    "next steps",
];

/// Column names of the docs' tables, lower-case. A line made only of these (two or more) is
/// a table header. Longer names are tried first, so `Property name` beats `Property`.
const COLUMNS: &[&str] = &[
    "permissions (from least to most privileged)",
    "permissions (from most to least privileged)",
    "delegated (work or school account)",
    "delegated (personal microsoft account)",
    "least privileged permissions",
    "higher privileged permissions",
    "relationship name",
    "parameter name",
    "property name",
    "query parameter",
    "permission type",
    "supported resource",
    "required (y/n)",
    "default value",
    "int value",
    "return type",
    "status code",
    "http method",
    "common task",
    "rest resources",
    "use cases",
    "see also",
    "application",
    "description",
    "relationship",
    "permissions",
    "permission",
    "parameter",
    "property",
    "required?",
    "required",
    "function",
    "default",
    "example",
    "header",
    "member",
    "method",
    "notes",
    "value",
    "name",
    "path",
    "type",
];

/// Multi-word type names as the rendered site may show them in a type column.
const MULTI_WORD_TYPES: &[&[&str]] = &[&["date", "time", "offset"], &["time", "of", "day"], &["date", "only"]];

/// Sections of an API page whose own sub-headings (`Get message in a channel` under `HTTP
/// request`, `Response for getting the photo` under `Response`, `Permissions for chat` under
/// `Permissions`) are level 3 in the Markdown form: what follows them still belongs to the section.
const API_SECTIONS: &[&str] = &[
    "permissions",
    "http request",
    "optional query parameters",
    "query parameters",
    "path parameters",
    "function parameters",
    "parameters",
    "request headers",
    "optional request headers",
    "request body",
    "response",
    "response headers",
];

/// The [`TOP_SECTIONS`] name a heading is, also with a plural `s` (`HTTP Requests`) or a gloss
/// in parentheses (`HTTP request (to upload a new file)`).
fn top_section(lower: &str) -> Option<&'static str> {
    TOP_SECTIONS.iter().copied().find(|name| {
        lower.strip_prefix(name).is_some_and(|rest| rest.is_empty() || rest == "s" || rest.starts_with(" ("))
    })
}

/// Where a reader is in the page's sections, for heading levels.
#[derive(Debug, Default)]
struct Sections {
    /// Inside `Examples` / `Example`.
    in_examples: bool,
    /// The examples section is plural, so `Example 1: ...` lines are sub-headings.
    plural: bool,
    /// Inside a numbered example, so `Request`/`Response` are one level deeper.
    in_example: bool,
    /// Inside one of the [`API_SECTIONS`] (outside the examples): its name.
    api_section: Option<&'static str>,
    /// The page groups its request sections under variant headings (`List a group's drives`,
    /// then `HTTP request`): headings that are no known section are level 2 from then on.
    variants: bool,
}

impl Sections {
    /// Whether a heading here could be the title of a variant of the operation (see `level`).
    fn may_open_variant(&self) -> bool {
        !self.in_examples && !self.variants && self.api_section.is_some()
    }

    /// The level a heading with this text has, as the Markdown form would write it.
    /// `opens_request` tells that the next heading after it is `HTTP request`: then it is
    /// not a sub-heading of the section it stands in but the title of a variant of the
    /// operation, holding its own request sections.
    fn level(&mut self, heading: &str, opens_request: bool) -> u8 {
        let lower = heading.to_lowercase();
        let first_word = lower.split_whitespace().next().unwrap_or("");
        let sub = if self.in_example { 4 } else { 3 };
        if first_word == "examples" {
            *self = Sections { in_examples: true, plural: true, ..Sections::default() };
            2
        } else if first_word == "example" {
            if self.in_examples && self.plural {
                self.in_example = true;
                3
            } else {
                *self = Sections { in_examples: true, plural: false, ..Sections::default() };
                2
            }
        } else if !self.in_examples {
            if let Some(top) = top_section(&lower) {
                self.api_section = API_SECTIONS.contains(&top).then_some(top);
                2
            } else if self.api_section.is_some_and(|section| lower.starts_with(section)) {
                // `Permissions for chat` under `Permissions`.
                3
            } else if opens_request {
                self.variants = true;
                self.api_section = None;
                2
            } else if self.api_section.is_some() && !self.variants {
                3
            } else {
                2
            }
        } else if lower == "request" || lower == "response" {
            sub
        } else if let Some(top) = top_section(&lower) {
            // An example's own `HTTP request` / `Request body` headings are its sub-headings.
            if API_SECTIONS.contains(&top) {
                return sub;
            }
            *self = Sections::default();
            2
        } else {
            self.in_example = true;
            3
        }
    }
}

struct Reader<'a> {
    src: &'a str,
    lines: Vec<Line<'a>>,
    blocks: Vec<Block>,
    sections: Sections,
    /// In a `JSON representation` section whose JSON block has not been seen yet.
    awaiting_representation: bool,
}

impl<'a> Reader<'a> {
    fn run(&mut self) {
        let mut i = 0;
        let mut titled = false;
        while let Some(line) = self.lines.get(i).copied() {
            if line.is_blank() {
                i += 1;
                continue;
            }
            let pos = line_pos(i, line.text);
            let t = line.trimmed();
            if !titled {
                titled = true;
                self.push(pos, BlockKind::Heading { level: 1, text: Inline::plain(collapse_ws(t)) });
                i += 1;
            } else if is_request_line(t) || is_status_line(t) {
                i = self.http_block(i);
            } else if starts_json(t) {
                i = self.json_block(i);
            } else if let Some(table) = self.table_at(i) {
                i = table;
            } else if self.standalone(i) && looks_like_heading(t) {
                let opens_request = self.sections.may_open_variant() && self.next_heading_is_http_request(i);
                let level = self.sections.level(t, opens_request);
                if level <= 2 {
                    self.awaiting_representation = top_section(&t.to_lowercase()) == Some("json representation");
                }
                self.push(pos, BlockKind::Heading { level, text: Inline::plain(collapse_ws(t)) });
                i += 1;
            } else {
                i = self.paragraph(i);
            }
        }
    }

    fn push(&mut self, pos: Pos, kind: BlockKind) {
        self.blocks.push(Block { pos, kind });
    }

    fn is_blank_at(&self, i: usize) -> bool {
        self.lines.get(i).is_none_or(Line::is_blank)
    }

    /// A line with a blank line (or the start or end of the page) on both sides.
    fn standalone(&self, i: usize) -> bool {
        (i == 0 || self.is_blank_at(i - 1)) && self.is_blank_at(i + 1)
    }

    /// Whether a paragraph so far says the page's type inherits the properties of another
    /// ("X inherits all the properties of the Y resource", "... inherits the properties from Y,
    /// and includes the following additional properties").
    fn says_inherits_properties(&self) -> bool {
        self.blocks.iter().any(|b| match &b.kind {
            BlockKind::Paragraph(p) => {
                let t = p.text.to_ascii_lowercase();
                t.contains("inherits") && t.contains("properties")
            }
            _ => false,
        })
    }

    /// Whether the next line after line `i` that reads as a heading is `HTTP request`.
    fn next_heading_is_http_request(&self, i: usize) -> bool {
        (i + 1..self.lines.len())
            .filter(|&j| self.standalone(j))
            .map(|j| self.lines[j].trimmed())
            .find(|t| looks_like_heading(t) && !is_request_line(t) && !is_status_line(t))
            .is_some_and(|t| top_section(&t.to_lowercase()) == Some("http request"))
    }

    /// Consecutive lines up to a blank line or the start of code, joined into one paragraph.
    fn paragraph(&mut self, start: usize) -> usize {
        let mut parts = Vec::new();
        let mut i = start;
        while let Some(line) = self.lines.get(i) {
            let t = line.trimmed();
            if t.is_empty() || (i > start && (is_request_line(t) || is_status_line(t) || starts_json(t))) {
                break;
            }
            parts.push(t);
            i += 1;
        }
        let text = collapse_ws(&parts.join(" "));
        let pos = self.lines.get(start).map_or(Pos::new(1, 1), |l| line_pos(start, l.text));
        self.push(pos, BlockKind::Paragraph(Inline::plain(text)));
        i.max(start + 1)
    }

    /// Request lines (several in an `HTTP request` section) or a status line, then header
    /// lines, then optionally a JSON body: one `http` code block, as the Markdown fence holds.
    fn http_block(&mut self, start: usize) -> usize {
        let mut end = start + 1;
        if self.lines.get(start).is_some_and(|l| is_request_line(l.trimmed())) {
            while self.lines.get(end).is_some_and(|l| is_request_line(l.trimmed())) {
                end += 1;
            }
        }
        while self.lines.get(end).is_some_and(|l| is_header_line(l.trimmed())) {
            end += 1;
        }
        let mut body = end;
        while self.lines.get(body).is_some_and(Line::is_blank) {
            body += 1;
        }
        if self.lines.get(body).is_some_and(|l| starts_json(l.trimmed())) {
            end = self.json_end_line(body) + 1;
        }
        self.push_code(start, end, "http");
        end
    }

    /// A JSON value standing alone (a resource's JSON representation): a `json` code block.
    ///
    /// The first one under a `JSON representation` heading is the resource's representation,
    /// which the Markdown form marks with a `{ "blockType": "resource" }` annotation (all but a
    /// handful of the v1.0 reference's resource pages do); the block gets that annotation, so
    /// both forms read it alike. Nothing else of the annotation (type name, key, base) is
    /// guessed: the site does not show it. Not on a page that says its type inherits the
    /// properties of another: its representation shows the inherited keys too, and which keys
    /// those are is known only through the base, which the annotation (`baseType`) tells in
    /// Markdown and the plain page may leave to prose.
    fn json_block(&mut self, start: usize) -> usize {
        let end = self.json_end_line(start) + 1;
        self.push_code(start, end, "json");
        if std::mem::take(&mut self.awaiting_representation) && !self.says_inherits_properties() {
            if let Some(Block { pos, kind: BlockKind::Code(code) }) = self.blocks.last_mut() {
                let mut fields = serde_json::Map::new();
                fields.insert("blockType".to_string(), serde_json::Value::String("resource".to_string()));
                code.annotation = Some(Annotation { pos: *pos, fields });
            }
        }
        end
    }

    /// The index of the line where the JSON value starting on line `start` closes; the last
    /// line of the page when its brackets never balance.
    fn json_end_line(&self, start: usize) -> usize {
        let last = self.lines.len().saturating_sub(1);
        let Some(from) = self.lines.get(start).map(|l| l.offset) else {
            return last;
        };
        match self.src.get(from..).and_then(json_end) {
            Some(end) => {
                let close = from + end.saturating_sub(1);
                self.lines.partition_point(|l| l.offset <= close).saturating_sub(1).max(start)
            }
            None => last,
        }
    }

    /// Lines `start..end` as a code block, trailing blank lines left out.
    fn push_code(&mut self, start: usize, end: usize, lang: &str) {
        let end = end.min(self.lines.len());
        let mut last = end;
        while last > start && self.is_blank_at(last - 1) {
            last -= 1;
        }
        let text: Vec<&str> = self.lines[start..last].iter().map(|l| l.text.trim_end()).collect();
        let pos = self.lines.get(start).map_or(Pos::new(1, 1), |l| line_pos(start, l.text));
        let code =
            CodeBlock { lang: Some(lang.to_string()), text: text.join("\n"), content_pos: pos, annotation: None };
        self.push(pos, BlockKind::Code(code));
    }

    /// A table starting at line `start`, if that line is a header followed by a row;
    /// returns the index after its last row.
    fn table_at(&mut self, start: usize) -> Option<usize> {
        let header_line = self.lines.get(start)?;
        let columns = header_columns(header_line.text)?;
        if self.is_blank_at(start + 1) {
            return None;
        }
        let names: Vec<String> = columns.iter().map(|&(a, b)| lower_words(header_line.text, a, b)).collect();
        let header: Vec<Cell> = columns.iter().map(|&(a, b)| cell(start, header_line.text, a, b)).collect();
        let mut rows = Vec::new();
        let mut i = start + 1;
        while let Some(line) = self.lines.get(i).filter(|l| !l.is_blank()) {
            rows.push(split_row(i, line.text, &names));
            i += 1;
        }
        let pos = line_pos(start, header_line.text);
        self.push(pos, BlockKind::Table(Table { header, rows }));
        Some(i)
    }
}

/// The position of a line's first non-blank character (line `i` counted from 0).
fn line_pos(i: usize, line: &str) -> Pos {
    let indent = line.chars().take_while(|c| c.is_whitespace()).count();
    Pos::new(to_u32(i + 1), to_u32(indent + 1))
}

/// The position of byte `at` of line `i`.
fn pos_in_line(i: usize, line: &str, at: usize) -> Pos {
    let col = line.get(..at).map_or(0, |s| s.chars().count()) + 1;
    Pos::new(to_u32(i + 1), to_u32(col))
}

/// `GET /me`, `POST https://graph.microsoft.com/...`: a method, a space, a path or URL; or a
/// path written without its leading slash (`GET policies/claimsMappingPolicies`,
/// `GET ../onenote/pages/{id}/content`): one word holding a `/`, nothing after it but the
/// protocol, so prose ("POST to branding/localizations to create ...") is not taken.
fn is_request_line(t: &str) -> bool {
    let Some((method, rest)) = t.split_once(' ') else {
        return false;
    };
    let rest = rest.trim_start();
    if !METHODS.contains(&method) {
        return false;
    }
    if rest.starts_with('/') || rest.starts_with("http") || rest.starts_with('{') {
        return true;
    }
    let mut words = rest.split_whitespace();
    let target = words.next().unwrap_or("");
    let tail_ok = match words.next() {
        None => true,
        Some(w) => w.starts_with("HTTP/") && words.next().is_none(),
    };
    tail_ok && target.contains('/') && target.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '.')
}

/// `HTTP/1.1 201 Created`, `HTTP/1.1 204 No Content`.
fn is_status_line(t: &str) -> bool {
    let mut words = t.split_whitespace();
    let proto = words.next().unwrap_or("");
    let status = words.next().unwrap_or("");
    proto.starts_with("HTTP/") && status.len() == 3 && status.bytes().all(|b| b.is_ascii_digit())
}

/// `Content-Type: application/json`: a one-word name, a colon and a value.
fn is_header_line(t: &str) -> bool {
    let Some((name, value)) = t.split_once(':') else {
        return false;
    };
    !name.is_empty()
        && !value.trim().is_empty()
        && name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// A line that opens a JSON object or array.
fn starts_json(t: &str) -> bool {
    if t.starts_with('{') {
        return true;
    }
    match t.strip_prefix('[') {
        Some(rest) => {
            let rest = rest.trim_start();
            rest.is_empty() || rest.starts_with(['{', '[', '"', ']']) || rest.starts_with(|c: char| c.is_ascii_digit())
        }
        None => false,
    }
}

/// A short line that reads like a section title: few words, no sentence punctuation at the
/// end, not a `Name: value` line, and not the label the site prints on a note box
/// (`> [!NOTE]` renders as a line `Note`), which would cut a section in two.
fn looks_like_heading(t: &str) -> bool {
    const BOX_LABELS: [&str; 5] = ["note", "important", "tip", "caution", "warning"];
    // A line that says what the type derives from (as extraction reads it), or introduces what
    // follows ("Here is a JSON representation of the resource"), is a sentence that lost its
    // period on the site.
    const OPENERS: [&str; 4] = ["here is ", "here are ", "here's ", "the following "];
    let lower = t.trim().to_lowercase();
    if BOX_LABELS.contains(&lower.as_str())
        || crate::extract::STATED_BASE_PHRASES.iter().any(|p| lower.contains(p))
        || OPENERS.iter().any(|p| lower.starts_with(p))
    {
        return false;
    }
    let words = t.split_whitespace().count();
    let limit = if t.to_lowercase().starts_with("example") { 20 } else { 8 };
    let single_word_key = t.split_once(": ").is_some_and(|(k, _)| !k.contains(' '));
    words <= limit
        && t.chars().count() <= 160
        && t.starts_with(|c: char| c.is_alphanumeric())
        && !t.ends_with(['.', ':', ';', ',', '!', '?'])
        && !single_word_key
}

/// Byte ranges of the whitespace-separated words of a line.
fn word_spans(line: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in line.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                spans.push((s, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push((s, line.len()));
    }
    spans
}

/// The columns of a header line as byte ranges, if all its words are known column names
/// and there are at least two columns.
fn header_columns(line: &str) -> Option<Vec<(usize, usize)>> {
    const MAX_HEADER_WORDS: usize = 24;
    if line.split_whitespace().nth(MAX_HEADER_WORDS).is_some() {
        return None;
    }
    let words = word_spans(line);
    let lower: Vec<String> = words.iter().map(|&(a, b)| line[a..b].to_lowercase()).collect();
    let mut columns = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let n = COLUMNS.iter().find_map(|name| {
            let parts: Vec<&str> = name.split(' ').collect();
            let fits = lower.get(i..i + parts.len()).is_some_and(|w| w.iter().zip(&parts).all(|(a, b)| a == b));
            fits.then_some(parts.len())
        })?;
        columns.push((words[i].0, words[i + n - 1].1));
        i += n;
    }
    (columns.len() >= 2).then_some(columns)
}

/// The words of `line[a..b]`, lower-case, one space apart.
fn lower_words(line: &str, a: usize, b: usize) -> String {
    collapse_ws(&line.get(a..b).unwrap_or("").to_lowercase())
}

/// A cell holding `line[a..b]` of line `i`.
fn cell(i: usize, line: &str, a: usize, b: usize) -> Cell {
    Cell { pos: pos_in_line(i, line, a), content: Inline::plain(collapse_ws(line.get(a..b).unwrap_or(""))) }
}

/// Splits a row into as many cells as the header has columns, by what each column holds.
fn split_row(i: usize, line: &str, columns: &[String]) -> Row {
    let words = word_spans(line);
    let first = columns.first().map_or("", String::as_str);
    let bounds = if first.starts_with("permission") || first == "supported resource" {
        permission_cells(line, &words, columns.len())
    } else if matches!(first, "method" | "function") {
        method_cells(line, &words, columns)
    } else {
        named_cells(line, &words, columns)
    };
    let cells = bounds
        .into_iter()
        .map(|(a, b)| match (words.get(a), b.checked_sub(1).and_then(|l| words.get(l))) {
            (Some(&(s, _)), Some(&(_, e))) if a < b => cell(i, line, s, e),
            _ => Cell { pos: pos_in_line(i, line, line.len()), content: Inline::default() },
        })
        .collect();
    Row { pos: line_pos(i, line), cells }
}

/// Word-index ranges for a row whose first cell is one word (a property, parameter or
/// header name): the name, then a type (for `Type`/`Return type` columns), one word for
/// each other middle column, and the rest for the last.
fn named_cells(line: &str, words: &[(usize, usize)], columns: &[String]) -> Vec<(usize, usize)> {
    let mut bounds = Vec::with_capacity(columns.len());
    let mut at = 0;
    for (c, name) in columns.iter().enumerate() {
        let end = if c + 1 == columns.len() {
            words.len()
        } else if c > 0 && name.ends_with("type") {
            at + type_len(line, &words[at.min(words.len())..])
        } else {
            at + 1
        };
        let end = end.min(words.len()).max(at.min(words.len()));
        bounds.push((at.min(words.len()), end));
        at = end;
    }
    bounds
}

/// How many words the type at the start of `words` takes: a multi-word primitive, a word
/// followed by `collection`, or one word (`Collection(x)` included).
fn type_len(line: &str, words: &[(usize, usize)]) -> usize {
    let lower: Vec<String> = words.iter().take(3).map(|&(a, b)| line[a..b].to_lowercase()).collect();
    if let Some(n) = MULTI_WORD_TYPES
        .iter()
        .find(|t| lower.len() >= t.len() && lower.iter().zip(t.iter()).all(|(a, b)| a == b))
        .map(|t| t.len())
    {
        let collection = lower.get(n).is_some_and(|w| w == "collection");
        return n + usize::from(collection);
    }
    let first = match lower.get(1) {
        _ if lower.is_empty() => return 0,
        Some(w) if w == "collection" => 2,
        // `Collection of String`.
        Some(w) if w == "of" && lower[0] == "collection" && lower.len() > 2 => 3,
        _ => 1,
    };
    // `appHostedMediaConfig or serviceHostedMediaConfig`: a choice of camel-case type names
    // (prose after a type starts lower-case but is not camel case).
    let mut n = first;
    while words.get(n).is_some_and(|&(a, b)| &line[a..b] == "or")
        && words.get(n + 1).is_some_and(|&(a, b)| is_camel_type(&line[a..b]))
        && is_camel_type(&line[words[0].0..words[0].1])
    {
        n += 2;
    }
    n
}

/// A camel-case type name as the docs spell them: `serviceHostedMediaConfig`.
fn is_camel_type(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_lowercase())
        && word.chars().any(|c| c.is_ascii_uppercase())
        && word.chars().all(|c| c.is_ascii_alphanumeric() || c == '.')
}

/// Word-index ranges for a permissions row: the permission type (`Delegated (...)` is
/// several words), then permission lists (a known phrase such as `Not supported.`, or words
/// joined by trailing commas), the last column taking the rest.
fn permission_cells(line: &str, words: &[(usize, usize)], n: usize) -> Vec<(usize, usize)> {
    let text = |k: usize| words.get(k).map_or("", |&(a, b)| &line[a..b]);
    let mut first = 1.min(words.len());
    if text(0).eq_ignore_ascii_case("delegated") && text(1).starts_with('(') {
        first = (1..words.len()).find(|&k| text(k).ends_with(')')).map_or(words.len(), |k| k + 1);
    }
    let mut bounds = vec![(0, first)];
    let mut at = first;
    for c in 1..n {
        let end = if c + 1 == n { words.len() } else { permission_list_end(&text, at, words.len()) };
        bounds.push((at, end));
        at = end;
    }
    bounds
}

/// Where a permission list starting at word `at` ends (exclusive).
fn permission_list_end<'s>(text: &impl Fn(usize) -> &'s str, at: usize, len: usize) -> usize {
    const PHRASES: &[&[&str]] = &[&["not", "supported."], &["not", "available."], &["not", "applicable."]];
    for phrase in PHRASES {
        if phrase.iter().enumerate().all(|(k, w)| text(at + k).eq_ignore_ascii_case(w)) {
            return (at + phrase.len()).min(len);
        }
    }
    let mut end = at;
    while end < len {
        end += 1;
        if !text(end - 1).ends_with(',') {
            break;
        }
    }
    end
}

/// Word-index ranges for a methods row, whose first cell (`List users`) has spaces: the
/// return type is the first word after it that looks like a type. When none does, the
/// whole line goes in the first cell.
fn method_cells(line: &str, words: &[(usize, usize)], columns: &[String]) -> Vec<(usize, usize)> {
    let text = |k: usize| words.get(k).map_or("", |&(a, b)| &line[a..b]);
    let type_at = (1..words.len()).find(|&k| looks_like_type(text(k), text(k + 1)));
    let mut bounds = Vec::with_capacity(columns.len());
    match type_at {
        Some(k) if columns.len() >= 3 => {
            let len = type_len(line, &words[k..]);
            bounds.push((0, k));
            bounds.push((k, k + len));
            bounds.push((k + len, words.len()));
        }
        _ => bounds.push((0, words.len())),
    }
    while bounds.len() < columns.len() {
        bounds.push((words.len(), words.len()));
    }
    bounds.truncate(columns.len());
    bounds
}

/// A word that names a return type: `None`, a primitive, `Collection(x)`, a camelCase name,
/// or any word followed by `collection`.
fn looks_like_type(word: &str, next: &str) -> bool {
    const PRIMITIVES: &[&str] =
        &["None", "String", "Boolean", "Int32", "Int64", "Double", "DateTimeOffset", "Stream", "Binary", "Guid"];
    let camel = word.starts_with(|c: char| c.is_ascii_lowercase())
        && word.chars().any(|c| c.is_ascii_uppercase())
        && word.chars().all(|c| c.is_ascii_alphanumeric() || c == '.');
    PRIMITIVES.contains(&word) || word.starts_with("Collection(") || camel || next.eq_ignore_ascii_case("collection")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(row: &Row) -> Vec<&str> {
        row.cells.iter().map(|c| c.content.text.as_str()).collect()
    }

    fn table(blocks: &[Block]) -> Option<&Table> {
        blocks.iter().find_map(|b| match &b.kind {
            BlockKind::Table(t) => Some(t),
            _ => None,
        })
    }

    #[test]
    fn enum_member_tables_with_an_int_value_column() {
        // `| Member | Int value | Description |` in enums.md, as the site renders it.
        let text =
            "x values\n\nMember Int value Description\nNone 0 Default value.\nOverride 1 Sender has overridden it.\n";
        let blocks = read(text);
        let t = table(&blocks).expect("a table");
        assert_eq!(
            t.header.iter().map(|c| c.content.text.as_str()).collect::<Vec<_>>(),
            ["Member", "Int value", "Description"]
        );
        assert_eq!(cells(&t.rows[1]), ["Override", "1", "Sender has overridden it."]);
    }

    #[test]
    fn property_rows_split_by_column_kind() {
        let text = "Title\n\nProperty Type Description\nid String The id.\nnames String collection Names\nwhen Date Time Offset When it was.\nkids Collection(child) Children.\nempty Int32\nroles Collection of String The roles.\n";
        let blocks = read(text);
        let t = table(&blocks).map(|t| t.rows.clone()).unwrap_or_default();
        assert_eq!(cells(&t[0]), ["id", "String", "The id."]);
        assert_eq!(cells(&t[1]), ["names", "String collection", "Names"]);
        assert_eq!(cells(&t[2]), ["when", "Date Time Offset", "When it was."]);
        assert_eq!(cells(&t[3]), ["kids", "Collection(child)", "Children."]);
        assert_eq!(cells(&t[4]), ["empty", "Int32", ""]);
        assert_eq!(cells(&t[5]), ["roles", "Collection of String", "The roles."]);
        assert_eq!(t[1].cells[1].pos, Pos::new(5, 7));
    }

    #[test]
    fn permission_and_method_rows() {
        let text = "T\n\nPermission type Least privileged permissions Higher privileged permissions\nDelegated (work or school account) User.Read, User.Write Directory.All\nApplication Not supported. Not supported.\nDelegated (broken\n\nMethod Return type Description\nList users user collection Get users.\nCreate x\n";
        let blocks = read(text);
        let tables: Vec<&Table> = blocks
            .iter()
            .filter_map(|b| match &b.kind {
                BlockKind::Table(t) => Some(t),
                _ => None,
            })
            .collect();
        assert_eq!(tables.len(), 2);
        let p = &tables[0].rows;
        assert_eq!(cells(&p[0]), ["Delegated (work or school account)", "User.Read, User.Write", "Directory.All"]);
        assert_eq!(cells(&p[1]), ["Application", "Not supported.", "Not supported."]);
        assert_eq!(p[2].cells.len(), 3);
        assert_eq!(cells(&tables[1].rows[0]), ["List users", "user collection", "Get users."]);
        assert_eq!(cells(&tables[1].rows[1]), ["Create x", "", ""]);
    }

    #[test]
    fn http_and_json_blocks() {
        let text = "T\n\nGET /a\nGET /b/{id}\n\nRequest\n\nPOST https://x/y\nContent-Type: application/json\n\n{\n  \"a\": \"}\",\n}\n\nHTTP/1.1 204 No Content\n\n{\n  \"open\": [\n";
        let blocks = read(text);
        let code: Vec<&CodeBlock> = blocks
            .iter()
            .filter_map(|b| match &b.kind {
                BlockKind::Code(c) => Some(c),
                _ => None,
            })
            .collect();
        assert_eq!(code.len(), 3, "{code:?}");
        assert_eq!(code[0].text, "GET /a\nGET /b/{id}");
        assert_eq!(code[1].text, "POST https://x/y\nContent-Type: application/json\n\n{\n  \"a\": \"}\",\n}");
        assert_eq!(code[1].content_pos, Pos::new(8, 1));
        // A body may follow a blank line; this one never closes, so it ends with the page.
        assert_eq!(code[2].text, "HTTP/1.1 204 No Content\n\n{\n  \"open\": [");
        assert_eq!(code[2].lang.as_deref(), Some("http"));
    }

    #[test]
    fn request_lines_without_a_leading_slash() {
        assert!(is_request_line("GET policies/claimsMappingPolicies"));
        assert!(is_request_line("GET ../onenote/pages/{id}/content"));
        assert!(is_request_line("DELETE appCatalogs/teamsApps/{appId} HTTP/1.1"));
        assert!(!is_request_line("POST to branding/localizations to create a new localization."));
        assert!(!is_request_line("GET risky users GET https://graph.microsoft.com/v1.0/identityProtection/riskyUsers"));
        assert!(!is_request_line("GET scenario Supported resources Response body"));
        let blocks = read("T\n\nHTTP request\n\nGET auditLogs/signIns\n");
        assert!(matches!(&blocks[2].kind, BlockKind::Code(c) if c.text == "GET auditLogs/signIns"), "{blocks:?}");
    }

    #[test]
    fn sub_headings_keep_request_lines_in_their_section() {
        let text = "Get message\n\nHTTP request\n\nGet message in a channel\n\nGET /teams/{id}/messages/{id}\n\nGet message in a chat\n\nGET /chats/{id}/messages/{id}\n\nOptional query parameters\n\nNone.\n";
        let blocks = read(text);
        let levels: Vec<(u8, &str)> = blocks
            .iter()
            .filter_map(|b| match &b.kind {
                BlockKind::Heading { level, text } => Some((*level, text.text.as_str())),
                _ => None,
            })
            .collect();
        assert_eq!(
            levels,
            [
                (1, "Get message"),
                (2, "HTTP request"),
                (3, "Get message in a channel"),
                (3, "Get message in a chat"),
                (2, "Optional query parameters")
            ]
        );
        // Variants each holding an `HTTP request` section are level 2, as in Markdown.
        let text = "List drives\n\nPermissions\n\nSome.\n\nList a group's drives\n\nTo list them, ask.\n\nHTTP request\n\nGET /groups/{id}/drives\n\nList a site's drives\n\nGET /sites/{id}/drives\n";
        let levels: Vec<u8> = read(text)
            .iter()
            .filter_map(|b| match &b.kind {
                BlockKind::Heading { level, .. } => Some(*level),
                _ => None,
            })
            .collect();
        assert_eq!(levels, [1, 2, 2, 2, 2]);
    }

    #[test]
    fn the_json_representation_is_marked_as_the_resource_block() {
        let annotated = |text: &str| -> Vec<Option<String>> {
            read(text)
                .iter()
                .filter_map(|b| match &b.kind {
                    BlockKind::Code(c) => {
                        Some(c.annotation.as_ref().and_then(|a| a.str("blockType")).map(str::to_string))
                    }
                    _ => None,
                })
                .collect()
        };
        let page = "x resource type\n\nProperties\n\nProperty Type Description\nid String The id.\n\nJSON representation\n\nHere it is.\n\n{\n  \"id\": \"String\"\n}\n\n{\n  \"other\": 1\n}\n\nExample\n\n{\n  \"id\": \"1\"\n}\n";
        assert_eq!(annotated(page), [Some("resource".to_string()), None, None]);
        // Not when the page says the type inherits another's properties: the representation
        // then also shows keys that belong to the base.
        let derived = page.replace("Here it is.", "x inherits all the properties of the y resource.");
        assert_eq!(annotated(&derived), [None, None, None]);
    }

    #[test]
    fn headings_and_levels() {
        let mut s = Sections::default();
        assert_eq!(s.level("Response", false), 2);
        assert_eq!(s.level("Examples", false), 2);
        assert_eq!(s.level("Example 1: Get it", false), 3);
        assert_eq!(s.level("Request", false), 4);
        assert_eq!(s.level("See also", false), 2);
        assert_eq!(s.level("Example", false), 2);
        assert_eq!(s.level("Request", false), 3);
        // Sub-headings of an API section are level 3; a known section name, also plural or
        // with a gloss, is level 2 again.
        let mut s = Sections::default();
        assert_eq!(s.level("HTTP Requests", false), 2);
        assert_eq!(s.level("Get message in a chat", false), 3);
        assert_eq!(s.level("HTTP request (to upload a new file)", false), 2);
        assert_eq!(s.level("Permissions", false), 2);
        assert_eq!(s.level("Permissions for chat", true), 3);
        assert_eq!(s.level("Methods", false), 2);
        assert_eq!(s.level("Chat management", false), 2);
        // A heading whose next heading is `HTTP request` titles a variant; from then on
        // unknown headings are level 2.
        let mut s = Sections::default();
        assert_eq!(s.level("Permissions", false), 2);
        assert_eq!(s.level("List a group's drives", true), 2);
        assert_eq!(s.level("HTTP request", false), 2);
        assert_eq!(s.level("List a site's drives", false), 2);
        // An example's own `HTTP request` heading stays inside the example.
        let mut s = Sections::default();
        assert_eq!(s.level("Example", false), 2);
        assert_eq!(s.level("HTTP request", false), 3);
        assert_eq!(s.level("Response", false), 3);
        assert!(looks_like_heading("JSON representation"));
        assert!(!looks_like_heading("Important"));
        assert!(!looks_like_heading("Note"));
        assert!(!looks_like_heading("Namespace: microsoft.graph"));
        assert!(!looks_like_heading("This is a sentence."));
        assert!(!looks_like_heading("Inherits from ipRange"));
        assert!(!looks_like_heading("Here is a JSON representation of the resource"));
        assert!(!looks_like_heading(
            "Global service US Government L4 US Government L5 (DOD) China operated by 21Vianet"
        ));
    }
}
