//! Extraction: one [`Page`] -> the facts it states about types and endpoints.
//!
//! A page is read in isolation (so pages run in parallel); names stay as the page writes
//! them and are resolved across pages by [`crate::merge`]. Every fact keeps its place.

mod derived;
mod endpoint;
mod enums;
mod http;
mod sections;
pub(crate) use sections::STATED_BASE_PHRASES;
mod tables;
pub mod text;
pub mod type_cell;

use crate::diagnostics::{Diagnostic, Pos, Sink};
use crate::page::{Block, BlockKind, Page};
pub use type_cell::TypeRef;

/// The namespace a page is in when it does not say.
pub const DEFAULT_NAMESPACE: &str = "microsoft.graph";

/// How much a source is trusted when pages disagree; lower wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precedence {
    /// A resource page's own `Properties`/`Relationships` table or JSON representation annotation.
    Resource = 0,
    /// A table on an API page (request body), or a resource page describing an ancestor's rows.
    Request = 1,
    /// A JSON example.
    Example = 2,
}

/// A place in a file: for `sources` and diagnostics.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Place {
    pub file: crate::page::PagePath,
    pub pos: Pos,
}

impl Place {
    /// `path:line`, as the schema's `sources` lists it.
    pub fn source(&self) -> String {
        format!("{}:{}", self.file, self.pos.line)
    }

    /// `path:line:col`, as messages cite other places.
    pub fn cite(&self) -> String {
        format!("{}:{}:{}", self.file, self.pos.line, self.pos.column)
    }
}

/// One property as one table row declares it.
#[derive(Debug, Clone)]
pub struct PropFact {
    /// The type the row belongs to, as written (unqualified or qualified).
    pub owner: String,
    pub name: String,
    pub type_ref: TypeRef,
    pub collection: bool,
    pub navigation: bool,
    pub nullable: bool,
    /// Cleaned: no placeholders, no "Inherited from" sentence.
    pub description: Option<String>,
    /// Values listed by "Possible values are: ..." in the description.
    pub possible_values: Vec<String>,
    pub place: Place,
    pub precedence: Precedence,
    /// The row says "Inherited from X" (and `owner` is X).
    pub inherited: bool,
    /// "[a] or [b]": the types the value may be, when the cell offers a choice.
    pub alternatives: Vec<String>,
}

/// A statement that a type derives from another.
#[derive(Debug, Clone)]
pub struct BaseFact {
    pub derived: String,
    pub base: String,
    /// Who says so, which decides how much it weighs.
    pub claim: BaseClaim,
    pub place: Place,
}

/// Where a [`BaseFact`] comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BaseClaim {
    /// The derived type's own page: the annotation's `baseType`, "Inherits from [x]".
    Stated,
    /// The base's page lists the derived type ("Derived types"). Such lists may name
    /// descendants further down, so `base` is an ancestor, not necessarily the direct base.
    Listed,
}

/// The ancestors a table's "Inherited from" rows name, in the order their rows appear.
#[derive(Debug, Clone)]
pub struct AncestryFact {
    pub derived: String,
    /// Ancestors in order of their first row.
    pub ancestors: Vec<String>,
    /// True when each ancestor's rows are contiguous (so the order is root-first evidence).
    pub grouped: bool,
    pub place: Place,
}

/// A type a page describes or mentions with authority (resource page, annotation).
#[derive(Debug, Clone)]
pub struct TypeFact {
    pub name: String,
    pub description: Option<String>,
    /// The page says the type has a key (`keyProperty`) or relationships.
    pub entity: bool,
    /// The key property the resource annotation names (`keyProperty`), if any.
    pub key_property: Option<String>,
    /// The name is spelled as the resource annotation spells it, not taken from the title.
    pub spelled_exactly: bool,
    /// The annotation says `openType`: values carry keys of their own choosing.
    pub open_type: bool,
    /// The page has a `Properties` or `Relationships` table with rows for the type.
    pub has_table: bool,
    /// A resource page (not an enum page): the type is structured, so values listed on a
    /// property of this type describe its data, not members of an enum.
    pub resource: bool,
    pub is_abstract: bool,
    pub place: Place,
    pub precedence: Precedence,
}

/// An enum's members as some part of a page lists them.
#[derive(Debug, Clone)]
pub struct EnumFact {
    pub name: String,
    pub members: Vec<crate::ir::EnumMember>,
    pub place: Place,
}

/// A JSON body whose type the page tells.
#[derive(Debug, Clone)]
pub struct ExampleFact {
    /// The type, as written; `None` when only the body's own `@odata.type` can tell.
    pub type_name: Option<String>,
    pub collection: bool,
    pub value: serde_json::Value,
    pub place: Place,
    /// The JSON representation on the type's own resource page: its top-level keys are the
    /// type's properties, even those its tables leave out.
    pub representation: bool,
    /// The type the example's own annotation names when the page's prose names another
    /// (`memberOf` returns directoryObjects; an example of `memberOf/microsoft.graph.group` is
    /// annotated `group`): the example is of that type if it derives from `type_name`.
    pub annotated: Option<String>,
    /// Where a 200 or 201 response's `Location` header says the object it shows lives, as a
    /// path from the service root: an address whose type the API paths know.
    pub location: Option<String>,
}

/// A type reference whose spelling must be checked across pages (odd `@odata.type`s, links).
#[derive(Debug, Clone)]
pub struct TypeMention {
    pub name: String,
    pub place: Place,
    /// An `@odata.type` value rather than a table cell or link.
    pub odata_type: bool,
}

impl TypeMention {
    /// The mention of the type an `@odata.type` value at `place` names: `Collection(X)`, which
    /// response annotations write for a list of X, names X.
    pub fn odata_type(value: &str, place: Place) -> Self {
        TypeMention { name: collection_of(value).0.to_string(), place, odata_type: true }
    }
}

/// An `@odata.type` value as the type it names and whether it says a collection:
/// `Collection(microsoft.graph.site)` -> (`microsoft.graph.site`, true); `#x` -> (`#x`, false).
/// Surrounding spaces are trimmed, a `#` is kept.
pub(crate) fn collection_of(value: &str) -> (&str, bool) {
    let t = value.trim();
    match t.strip_prefix("Collection(").and_then(|x| x.strip_suffix(')')) {
        Some(inner) => (inner.trim(), true),
        None => (t, false),
    }
}

/// What an API page says about its operation.
#[derive(Debug, Clone)]
pub struct EndpointFact {
    pub title: Option<String>,
    pub description: Option<String>,
    pub method: String,
    pub paths: Vec<String>,
    pub request_body: Option<(String, bool)>,
    /// The type an "Update x" title names, for a PATCH whose page names no body type
    /// otherwise; the merge uses it when a type of that name exists.
    pub updated_type: Option<String>,
    pub response_body: Option<(String, bool)>,
    pub success_status: Option<u16>,
    pub place: Place,
    /// The OData system query options the page documents, `$`-prefixed and lower-case.
    pub query_options: Vec<String>,
    /// The names of the request headers the page's table lists, in docs order.
    pub request_headers: Vec<String>,
    /// Each example request to the service: its target relative to the service root, whether
    /// it matches one of `paths`, its body and the example response paired with it.
    pub example_urls: Vec<crate::ir::ExampleUrl>,
}

/// Everything one page says, before pages are merged.
#[derive(Debug, Clone, Default)]
pub struct PageFacts {
    pub path: crate::page::PagePath,
    pub namespace: String,
    /// The product area (`ms.prod`), lower-cased; `None` when empty or a placeholder.
    pub area: Option<String>,
    pub types: Vec<TypeFact>,
    pub props: Vec<PropFact>,
    pub bases: Vec<BaseFact>,
    pub ancestry: Vec<AncestryFact>,
    pub enums: Vec<EnumFact>,
    pub examples: Vec<ExampleFact>,
    pub mentions: Vec<TypeMention>,
    pub endpoint: Option<EndpointFact>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Extracts the facts of one page.
pub fn extract_page(page: &Page) -> PageFacts {
    let mut sink = Sink::default();
    sink.extend(page.diagnostics.iter().cloned());
    let namespace = page_namespace(&page.blocks).unwrap_or_else(|| DEFAULT_NAMESPACE.to_string());
    let area = page
        .front_matter
        .get("ms.prod")
        .map(|a| a.trim().trim_matches(['"', '\'']).trim().to_ascii_lowercase())
        .filter(|a| {
            !a.is_empty() && !a.contains("todo") && a.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        });
    let mut facts = PageFacts { path: page.path.clone(), namespace, area, ..Default::default() };
    let outline = sections::Outline::of(page);
    tables::extract_tables(page, &outline, &mut facts, &mut sink);
    enums::extract_enums(page, &outline, &mut facts, &mut sink);
    sections::extract_resource(page, &outline, &mut facts, &mut sink);
    endpoint::extract_endpoint(page, &outline, &mut facts, &mut sink);
    let mut diags = sink.take();
    diags.sort();
    diags.dedup();
    facts.diagnostics = diags;
    facts
}

/// The `Namespace: x` line near the top of a page.
fn page_namespace(blocks: &[Block]) -> Option<String> {
    blocks.iter().take(12).find_map(|b| match &b.kind {
        BlockKind::Paragraph(inline) => {
            let rest = inline.text.trim().strip_prefix("Namespace:")?;
            let ns = rest.split_whitespace().next()?;
            let ns = ns.trim_end_matches('.');
            (!ns.is_empty() && ns.chars().all(|c| c.is_ascii_alphanumeric() || c == '.')).then(|| ns.to_string())
        }
        _ => None,
    })
}
