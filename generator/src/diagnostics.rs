//! Diagnostics: every problem the generator finds in the docs, with where and what was done about it.

use serde::{Deserialize, Serialize};
use std::fmt;

pub mod render;

/// How bad a finding is. Errors mean part of a page could not be used at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

macro_rules! codes {
    ($( $(#[$doc:meta])* $variant:ident = $text:literal, $sev:ident; )*) => {
        /// Every kind of finding has a stable code, so docs CI can count, filter and deny them.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum Code {
            $( $(#[$doc])* #[serde(rename = $text)] $variant, )*
        }

        impl Code {
            /// The code as printed: kebab-case, stable across releases.
            pub fn as_str(self) -> &'static str {
                match self { $( Code::$variant => $text, )* }
            }

            /// The severity a finding of this code has.
            pub fn severity(self) -> Severity {
                match self { $( Code::$variant => Severity::$sev, )* }
            }

            /// Every code, for documentation and summaries.
            pub const ALL: &'static [Code] = &[ $( Code::$variant, )* ];
        }
    };
}

codes! {
    /// A file could not be read at all.
    Io = "io", Error;
    /// Bytes that are not UTF-8; the file was read lossily.
    InvalidUtf8 = "invalid-utf8", Warning;
    /// Front matter that is not valid YAML or not closed.
    FrontMatter = "front-matter", Warning;
    /// An HTML-comment annotation before a code block that is not valid JSON.
    BadAnnotation = "bad-annotation", Warning;
    /// A JSON body had a trailing comma; it was accepted.
    JsonTrailingComma = "json-trailing-comma", Warning;
    /// A JSON body had a comment; it was ignored.
    JsonComment = "json-comment", Warning;
    /// A JSON body could not be parsed even leniently; it was not used.
    JsonInvalid = "json-invalid", Warning;
    /// An HTML comment or a code fence that is never closed (ended early, or read to the end).
    Unterminated = "unterminated", Warning;
    /// A table delimiter row with tabs, which Markdown tables do not allow; read as spaces.
    TabInTable = "tab-in-table", Warning;
    /// A table row whose cells could not be read as a property.
    BadTableRow = "bad-table-row", Warning;
    /// A table row naming an OData annotation (`@odata.type`, `members@odata.bind`), not a
    /// property; it was not made one.
    AnnotationRow = "annotation-row", Warning;
    /// A type cell that names no known primitive or type.
    UnknownTypeCell = "unknown-type-cell", Warning;
    /// An `@odata.type` that is not of the form `#namespace.type`; mapped to its last segment.
    OddODataType = "odd-odata-type", Warning;
    /// Two places disagree about a type, property or base; one was chosen by precedence.
    Conflict = "conflict", Warning;
    /// A link or reference to a type that no page defines.
    UnknownType = "unknown-type", Warning;
    /// An enum whose name the docs never give; a name was made up.
    UnnamedEnum = "unnamed-enum", Warning;
    /// A key in an example that no table declares for that type.
    UndeclaredExampleKey = "undeclared-example-key", Warning;
    /// A request-body row for a type whose resource page does not list it.
    UndeclaredRequestProperty = "undeclared-request-property", Warning;
    /// An example request URL that matches none of the page's path templates.
    UrlMismatch = "url-mismatch", Warning;
    /// An `HTTP request` section with no usable path line.
    NoHttpRequest = "no-http-request", Warning;
    /// An example response that no request example precedes.
    ResponseWithoutRequest = "response-without-request", Warning;
    /// An endpoint page whose success status could not be found.
    NoStatus = "no-status", Warning;
    /// An example of one object wrapped in `{"value": {...}}` (the Intune pages' habit; the
    /// service sends the object itself); it was read as the object inside.
    WrappedExample = "wrapped-example", Warning;
    CollectionMismatch = "collection-mismatch", Warning;
    /// An inheritance cycle; the base link that closes it was dropped.
    InheritanceCycle = "inheritance-cycle", Warning;
    /// An inheritance chain longer than the generator accepts; it was cut.
    DeepInheritance = "deep-inheritance", Warning;
    /// A page from which nothing at all could be extracted.
    EmptyPage = "empty-page", Warning;
    /// Two items whose Rust names collide after case conversion; one was renamed.
    NameCollision = "name-collision", Warning;
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A 1-based line and column in a source file (columns count characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

impl Pos {
    /// A position; both parts 1-based.
    pub const fn new(line: u32, column: u32) -> Self {
        Pos { line, column }
    }
}

/// One finding: what is wrong, where, and what the generator did about it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Diagnostic {
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub severity: Severity,
    pub code: Code,
    pub message: String,
}

impl Diagnostic {
    /// A finding at `pos` in `file`, with the code's own severity.
    pub fn new(file: &str, pos: Pos, code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.to_string(),
            line: pos.line,
            column: pos.column,
            severity: code.severity(),
            code,
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: {}[{}]: {}", self.file, self.line, self.column, self.severity, self.code, self.message)
    }
}

/// Collects findings while one page (or the merge) is processed.
#[derive(Debug, Default, Clone)]
pub struct Sink {
    items: Vec<Diagnostic>,
}

impl Sink {
    /// Records a finding.
    pub fn push(&mut self, file: &str, pos: Pos, code: Code, message: impl Into<String>) {
        self.items.push(Diagnostic::new(file, pos, code, message));
    }

    /// Takes all findings, leaving the sink empty.
    pub fn take(&mut self) -> Vec<Diagnostic> {
        std::mem::take(&mut self.items)
    }

    /// Adds findings gathered elsewhere.
    pub fn extend(&mut self, items: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(items);
    }

    /// True when nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

/// One line per code with its count, most frequent first, for the end of a run.
pub fn summary(diags: &[Diagnostic]) -> String {
    let mut counts: std::collections::BTreeMap<(Severity, Code), usize> = Default::default();
    for d in diags {
        *counts.entry((d.severity, d.code)).or_default() += 1;
    }
    let errors = diags.iter().filter(|d| d.severity == Severity::Error).count();
    let warnings = diags.len() - errors;
    let mut parts: Vec<((Severity, Code), usize)> = counts.into_iter().collect();
    parts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let by_code: Vec<String> = parts.iter().map(|((_, c), n)| format!("{c}: {n}")).collect();
    if by_code.is_empty() {
        format!("{errors} errors, {warnings} warnings")
    } else {
        format!("{errors} errors, {warnings} warnings ({})", by_code.join(", "))
    }
}
