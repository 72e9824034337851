//! The page model: what a reader makes of one file, Markdown or plain text alike.
//!
//! Extraction only ever sees this model, so both forms of a page give the same schema.
//! Every element keeps the 1-based line and column where it starts, for diagnostics.

pub use crate::diagnostics::Pos;
use std::collections::BTreeMap;
use std::sync::Arc;

/// A page's path as shown in diagnostics and `sources`, shared by everything that cites the
/// page: a page gives hundreds of facts, each with its place, and they point to one copy of
/// the path instead of each holding its own. Compares, orders and hashes as the path.
#[derive(Clone, Default)]
pub struct PagePath(Arc<str>);

impl PagePath {
    /// The path as a string slice.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for PagePath {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl From<&str> for PagePath {
    fn from(path: &str) -> Self {
        PagePath(Arc::from(path))
    }
}

impl PartialEq for PagePath {
    fn eq(&self, other: &Self) -> bool {
        // The places of one page share one path: most comparisons end here.
        Arc::ptr_eq(&self.0, &other.0) || self.0 == other.0
    }
}

impl Eq for PagePath {}

impl PartialOrd for PagePath {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for PagePath {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        if Arc::ptr_eq(&self.0, &other.0) {
            std::cmp::Ordering::Equal
        } else {
            self.0.cmp(&other.0)
        }
    }
}

impl std::hash::Hash for PagePath {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        // As the text, so that equal paths in separate allocations hash alike.
        (*self.0).hash(state)
    }
}

impl std::fmt::Debug for PagePath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&*self.0, f)
    }
}

impl std::fmt::Display for PagePath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

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
    pub path: PagePath,
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

#[cfg(test)]
mod tests {
    use super::PagePath;
    use std::collections::{BTreeSet, HashSet};

    #[test]
    fn a_page_path_compares_orders_and_hashes_as_its_text() {
        let a = PagePath::from("api/user-get.md");
        let shared = a.clone();
        // Equal text in another allocation: equal, whether or not the pointers are.
        let copy = PagePath::from(String::from("api/user-get.md").as_str());
        let later = PagePath::from("api/user-list.md");
        assert_eq!(a, shared);
        assert_eq!(a, copy);
        assert_ne!(a, later);
        assert_eq!(a.cmp(&copy), std::cmp::Ordering::Equal);
        assert_eq!(a.cmp(&later), "api/user-get.md".cmp("api/user-list.md"));
        assert_eq!(later.cmp(&a), std::cmp::Ordering::Greater);
        assert!(&*a == "api/user-get.md");
        assert_eq!(a.as_str(), "api/user-get.md");
        assert_eq!(a.to_string(), "api/user-get.md");
        assert_eq!(format!("{a:?}"), "\"api/user-get.md\"");
        let set: BTreeSet<PagePath> = [later.clone(), copy.clone(), a.clone()].into_iter().collect();
        assert_eq!(set.iter().map(PagePath::as_str).collect::<Vec<_>>(), ["api/user-get.md", "api/user-list.md"]);
        // Hashed as the text, so an equal path in another allocation finds it.
        let hashed: HashSet<PagePath> = [a, later].into_iter().collect();
        assert!(hashed.contains(&PagePath::from("api/user-get.md")) && hashed.contains(&copy));
    }
}
