//! The page model: what a reader makes of one file, Markdown or plain text alike.
//!
//! Extraction only ever sees this model, so both forms of a page give the same schema.
//! Every element keeps the 1-based line and column where it starts, for diagnostics.

pub use crate::diagnostics::Pos;
use std::collections::BTreeMap;

/// Which way the page was written; told from its content, never from its file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageForm {
    /// Markdown source as in the docs repository.
    Markdown,
    /// Text copied from the rendered site: no table syntax, no fences, no annotations.
    PlainText,
}

/// One input file, read.
#[derive(Debug, Clone)]
pub struct Page {
    /// The path as shown in diagnostics and `sources`.
    pub path: String,
    pub form: PageForm,
    /// Front matter keys and their scalar values (empty for plain text).
    pub front_matter: BTreeMap<String, String>,
    /// The blocks of the page, in document order.
    pub blocks: Vec<Block>,
    /// What the reader found wrong (bad encoding, unterminated front matter, bad annotations).
    pub diagnostics: Vec<crate::diagnostics::Diagnostic>,
}

/// A block-level element and where it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub pos: Pos,
    pub kind: BlockKind,
}

/// The block-level elements extraction cares about.
#[derive(Debug, Clone, PartialEq)]
pub enum BlockKind {
    /// A heading; level 1 is the page title. Docs' tab headings (`# [HTTP](#tab/http)`) are kept as headings.
    Heading { level: u8, text: Inline },
    /// A paragraph or a list item's text.
    Paragraph(Inline),
    /// A table: header cells and rows.
    Table(Table),
    /// A code block, with the annotation comment that precedes it if any.
    Code(CodeBlock),
}

/// Inline text with the markup removed, keeping the links and code spans it held.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Inline {
    /// Plain text: emphasis and link syntax removed, code span text kept without backticks.
    pub text: String,
    /// Links in order of appearance.
    pub links: Vec<Link>,
    /// The text of each code span, in order.
    pub code_spans: Vec<String>,
}

impl Inline {
    /// Inline text with no links or code spans.
    pub fn plain(text: impl Into<String>) -> Self {
        Inline { text: text.into(), links: Vec::new(), code_spans: Vec::new() }
    }
}

/// A Markdown link: `[text](target)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub text: String,
    pub target: String,
}

/// A table. Plain-text tables are split into cells by the reader as best it can.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub header: Vec<Cell>,
    pub rows: Vec<Row>,
}

/// A table row.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub pos: Pos,
    pub cells: Vec<Cell>,
}

/// A table cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub pos: Pos,
    pub content: Inline,
}

/// A code block: fenced in Markdown, recognised by its content in plain text.
#[derive(Debug, Clone, PartialEq)]
pub struct CodeBlock {
    /// The fence's language (`http`, `json`, ...), lower-cased; for plain text, what the content looks like.
    pub lang: Option<String>,
    /// The content, lines joined with `\n`.
    pub text: String,
    /// Where the first line of content starts.
    pub content_pos: Pos,
    /// The `<!-- { ... } -->` annotation right before the block, if any.
    pub annotation: Option<Annotation>,
}

/// The JSON object of an HTML-comment annotation (`blockType`, `name`, `@odata.type`, ...).
#[derive(Debug, Clone, PartialEq)]
pub struct Annotation {
    pub pos: Pos,
    pub fields: serde_json::Map<String, serde_json::Value>,
}

impl Annotation {
    /// A string field, if present and a string.
    pub fn str(&self, key: &str) -> Option<&str> {
        self.fields.get(key).and_then(|v| v.as_str())
    }

    /// A boolean field; `"true"` strings count, as the docs write both.
    pub fn bool(&self, key: &str) -> Option<bool> {
        match self.fields.get(key)? {
            serde_json::Value::Bool(b) => Some(*b),
            serde_json::Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    }
}
