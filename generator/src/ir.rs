//! The intermediate schema: the contract between reading the docs and emitting code.
//!
//! Language-neutral and serialisable (`--ir` writes it as JSON). Everything is sorted
//! (types by name, properties in docs order, endpoints by name) so output is deterministic.

use crate::diagnostics::Diagnostic;
use serde::{Deserialize, Serialize};

/// The whole schema of a docs tree.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Schema {
    /// Entity, complex and enum types, sorted by qualified name.
    pub types: Vec<TypeDef>,
    /// Endpoints, sorted by name.
    pub endpoints: Vec<Endpoint>,
    /// Every finding, sorted by file, line, column.
    pub diagnostics: Vec<Diagnostic>,
    /// The concrete JSON examples whose type is known, with how each is predicted to behave
    /// in the generated models; sorted by source.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<Example>,
}

/// A concrete JSON example (sample values, not placeholders) of a known type: the generated
/// crate's tests check that it behaves as predicted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Example {
    /// The qualified name of the struct type the example is read as (the root's
    /// `@odata.type` when it names a type derived from the declared one).
    #[serde(rename = "type")]
    pub type_name: String,
    /// A collection: an array of items or a page (`{"value": [...], "@odata.nextLink": ...}`).
    pub collection: bool,
    /// `path:line` of the JSON block.
    pub source: String,
    pub value: serde_json::Value,
    /// Whether the value is predicted to deserialise into the type.
    pub deserializes: bool,
    /// Whether every key is predicted to land in a declared field and the value to serialise
    /// back unchanged.
    pub fully_typed: bool,
    /// Why it does not deserialise or is not fully typed (empty when it is).
    pub reasons: Vec<String>,
}

/// What kind of type a definition is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TypeKind {
    /// Addressable, has a key (`id`); derives from `entity` in Graph.
    Entity,
    /// A structured value with no identity of its own.
    Complex,
    /// A closed set of string values (open to values added later in the generated code).
    Enum,
}

/// One named type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TypeDef {
    /// Namespace-qualified name, e.g. `microsoft.graph.userAccountInformation`.
    pub name: String,
    pub kind: TypeKind,
    /// Qualified name of the base type, if any.
    pub base: Option<String>,
    #[serde(rename = "abstract")]
    pub is_abstract: bool,
    /// Free of placeholders ("TODO"); `None` when the docs give none.
    pub description: Option<String>,
    /// The type's own properties (inherited ones are reached through `base`).
    pub properties: Vec<Property>,
    /// Enum members, in docs order (empty for struct-like types).
    pub members: Vec<EnumMember>,
    /// Whether the enum's members combine as flags (`"a,b"`).
    pub flags: bool,
    /// `path:line` of every place that describes the type.
    pub sources: Vec<String>,
    /// The product area the docs file the type under (front matter `ms.prod`), for grouping
    /// generated code behind cargo features; `None` when the docs do not say. For an area
    /// whose pages' file names give its parts (`intune-apps-mobileapp.md`), `area/part`
    /// (`intune/apps`), the part of the page that defines the type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
    /// Values of the type are any JSON value, not only objects: a complex type that declares
    /// no property, has no base and no derived type, and that the docs show holding a value
    /// that is not an object (Excel's `Json`: `"values": "json"`, `[["Hello", "100"]]`). An
    /// emitter gives it its dynamic JSON type; a struct would reject every such value.
    #[serde(default, skip_serializing_if = "is_false")]
    pub any_json: bool,
    /// An open type whose property names the client chooses (user ids, GUIDs, URLs) and whose
    /// values are all of one type, as its examples show: that type (`plannerChecklistItems`
    /// maps GUIDs to `microsoft.graph.plannerChecklistItem`, `plannerUserIds` user ids to
    /// `Edm.Boolean`). An emitter makes it a map; `None` for every other type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub map_values: Option<String>,
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// One property of an entity or complex type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Property {
    /// The JSON name, exactly as on the wire.
    pub name: String,
    /// `Edm.*` primitive or a qualified type name.
    #[serde(rename = "type")]
    pub type_name: String,
    pub collection: bool,
    pub nullable: bool,
    /// A relationship (navigation property) rather than a structural one.
    pub navigation: bool,
    pub description: Option<String>,
    /// `path:line` of every place that declares the property.
    pub sources: Vec<String>,
}

/// One enum member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnumMember {
    /// The wire value.
    pub name: String,
    /// The numeric value when the docs give one (flags enums).
    pub value: Option<i64>,
    pub description: Option<String>,
}

/// An HTTP operation, from one API page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Endpoint {
    /// Unique, stable, readable: from the page's title, e.g. `create_user_account_information`.
    pub name: String,
    /// The page title, for doc comments.
    pub title: Option<String>,
    pub description: Option<String>,
    /// Upper-case HTTP method.
    pub method: String,
    /// Every path template of the `HTTP request` block, in docs order.
    pub paths: Vec<String>,
    pub request_body: Option<BodyRef>,
    pub response_body: Option<BodyRef>,
    pub success_status: u16,
    pub sources: Vec<String>,
    /// The product area of the endpoint's page (front matter `ms.prod`), as
    /// [`TypeDef::area`] gives it (`area/part` for a page of a split area).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
    /// The OData system query options the page documents (`$select`, `$filter`, `$top`, ...),
    /// lower-case, in the order of [`QUERY_OPTIONS`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub query_options: Vec<String>,
    /// The request headers the page documents (`Authorization`, `Prefer`, `ConsistencyLevel`,
    /// ...), as spelt in its first mention, in docs order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub request_headers: Vec<String>,
    /// The page's example requests to the service, in docs order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub example_urls: Vec<ExampleUrl>,
}

/// The OData system query options (OData 4.01, part 2, section 5.1), in the order the schema
/// lists them.
pub const QUERY_OPTIONS: &[&str] =
    &["$select", "$expand", "$filter", "$orderby", "$search", "$count", "$top", "$skip", "$skiptoken", "$format"];

/// An example request of an API page: its URL, and the exchange the docs show (the request's
/// method and JSON body, and the example response that follows it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExampleUrl {
    /// Relative to the service root, query string kept: `/me/events?$top=3`.
    pub url: String,
    /// Whether it matches one of the endpoint's path templates (when not, a `url-mismatch`
    /// diagnostic says so).
    pub matches: bool,
    /// The example's method (upper case).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub method: String,
    /// `path:line` of the request line.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    /// The request's JSON body as the docs write it (placeholders included; JSON that does not
    /// parse even leniently is left out).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<serde_json::Value>,
    /// The example response shown after the request (before the next request), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<ExampleResponse>,
}

/// The example response of an [`ExampleUrl`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExampleResponse {
    pub status: u16,
    /// The JSON body as the docs write it; `None` when there is none (`204 No Content`) or it
    /// is not JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<serde_json::Value>,
    /// `path:line` of the body (the [`Example::source`] of the same body), or of the block
    /// when there is no body.
    pub source: String,
}

/// The type of a request or response body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BodyRef {
    #[serde(rename = "type")]
    pub type_name: String,
    pub collection: bool,
}

/// The OData primitive type names the schema uses.
pub mod edm {
    pub const STRING: &str = "Edm.String";
    pub const BOOLEAN: &str = "Edm.Boolean";
    pub const INT32: &str = "Edm.Int32";
    pub const INT64: &str = "Edm.Int64";
    pub const INT16: &str = "Edm.Int16";
    pub const BYTE: &str = "Edm.Byte";
    pub const SBYTE: &str = "Edm.SByte";
    pub const DOUBLE: &str = "Edm.Double";
    pub const SINGLE: &str = "Edm.Single";
    pub const DECIMAL: &str = "Edm.Decimal";
    pub const DATE_TIME_OFFSET: &str = "Edm.DateTimeOffset";
    pub const DATE: &str = "Edm.Date";
    pub const TIME_OF_DAY: &str = "Edm.TimeOfDay";
    pub const DURATION: &str = "Edm.Duration";
    pub const GUID: &str = "Edm.Guid";
    pub const BINARY: &str = "Edm.Binary";
    pub const STREAM: &str = "Edm.Stream";
    /// Any JSON value: used where the docs do not say which type.
    pub const UNTYPED: &str = "Edm.Untyped";

    /// True for names in the `Edm` namespace.
    pub fn is_primitive(name: &str) -> bool {
        name.starts_with("Edm.")
    }
}

impl Schema {
    /// The type with this qualified name.
    pub fn type_def(&self, name: &str) -> Option<&TypeDef> {
        self.types.binary_search_by(|t| t.name.as_str().cmp(name)).ok().map(|i| &self.types[i])
    }
}

/// Splits `microsoft.graph.user` into (`microsoft.graph`, `user`).
pub fn split_qualified(name: &str) -> (&str, &str) {
    match name.rfind('.') {
        Some(i) => (&name[..i], &name[i + 1..]),
        None => ("", name),
    }
}
