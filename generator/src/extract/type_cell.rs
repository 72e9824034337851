//! Type cells: what writers put in a table's Type column, read into one [`TypeRef`].

use crate::ir::edm;
use crate::page::Inline;

/// What a type cell says the type is.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TypeRef {
    /// An `Edm.*` primitive.
    Primitive(&'static str),
    /// A named type as written (`identitySet`, `microsoft.graph.identitySet`).
    Named(String),
    /// "Enumeration": an enum the cell does not name.
    Enumeration,
    /// Text that names no type; kept for the diagnostic.
    Unknown(String),
}

impl TypeRef {
    /// How the cell is shown in messages.
    pub fn display(&self) -> String {
        match self {
            TypeRef::Primitive(p) => p.trim_start_matches("Edm.").to_string(),
            TypeRef::Named(n) => n.clone(),
            TypeRef::Enumeration => "Enumeration".to_string(),
            TypeRef::Unknown(t) => t.clone(),
        }
    }
}

/// Reads a type cell: primitives and their synonyms, links, `X collection`,
/// `Collection(X)`, bare or qualified type names, `Enumeration`.
pub fn parse_type_cell(cell: &Inline) -> (TypeRef, bool) {
    let text = cell.text.trim().trim_matches(['*', '`']).trim();
    let (inner, collection) = strip_collection(text);
    // A link names the type exactly ("[identitySet](identityset.md) collection").
    if let Some(link) = cell.links.iter().find(|l| !l.text.trim().is_empty()) {
        let name = link.text.trim().trim_matches('`');
        if let Some(p) = primitive(name) {
            return (TypeRef::Primitive(p), collection);
        }
        if is_type_name(name) {
            return (TypeRef::Named(name.trim_start_matches('#').to_string()), collection);
        }
    }
    (parse_type_text(inner), collection)
}

/// The types a cell offers as alternatives, "[appHostedMediaConfig](...) or
/// [serviceHostedMediaConfig](...)": the value is one of them, so the property's type is
/// what they have in common (settled once bases are known). Empty unless two or more linked
/// names are joined by "or".
pub fn alternatives(cell: &Inline) -> Vec<String> {
    if cell.links.is_empty() {
        // Plain text: "appHostedMediaConfig or serviceHostedMediaConfig".
        let parts: Vec<&str> = cell.text.split(" or ").map(|p| p.trim().trim_matches(['`', '*'])).collect();
        return if parts.len() >= 2 && parts.iter().all(|p| is_type_name(p)) {
            parts.into_iter().map(str::to_string).collect()
        } else {
            Vec::new()
        };
    }
    let names: Vec<&str> =
        cell.links.iter().map(|l| l.text.trim().trim_matches('`')).filter(|n| is_type_name(n)).collect();
    if names.len() < 2 {
        return Vec::new();
    }
    // Between consecutive names only "or" (and commas): "[a], [b] or [c]".
    let mut rest = cell.text.as_str();
    for (i, name) in names.iter().enumerate() {
        let Some(at) = rest.find(name) else { return Vec::new() };
        if i > 0 {
            let between = rest[..at].trim().trim_matches(',').trim().to_ascii_lowercase();
            if between != "or" && !between.is_empty() {
                return Vec::new();
            }
            if between.is_empty() && i == names.len() - 1 {
                return Vec::new();
            }
        }
        rest = &rest[at + name.len()..];
    }
    names.into_iter().map(str::to_string).collect()
}

/// A type written as text: primitive synonym, `Enumeration`, or a type name.
pub fn parse_type_text(text: &str) -> TypeRef {
    let text = text.trim().trim_matches(['*', '`']).trim();
    // `[x][]` (a reference link with no definition) or `[x](x.md` (a link missing its `)`).
    let text = match (text.strip_prefix('['), text.find(']')) {
        (Some(_), Some(end)) if end > 1 => &text[1..end],
        _ => text,
    };
    // `string (url)`, `String (identifier)`: the qualifier in parentheses is prose.
    let text = match text.find(" (") {
        Some(i) if text.ends_with(')') && primitive(&text[..i]).is_some() => &text[..i],
        _ => text,
    };
    if let Some(p) = primitive(text) {
        return TypeRef::Primitive(p);
    }
    let lower = text.to_ascii_lowercase();
    if matches!(lower.as_str(), "enumeration" | "enum" | "string enumeration" | "enumeration (string)") {
        return TypeRef::Enumeration;
    }
    let name = text.trim_start_matches('#');
    if is_type_name(name) {
        return TypeRef::Named(name.to_string());
    }
    TypeRef::Unknown(text.to_string())
}

/// `X collection`, `Collection(X)`, `Collection of X`, `X[]` -> (X, true).
fn strip_collection(text: &str) -> (&str, bool) {
    let lower = text.to_ascii_lowercase();
    if lower.starts_with("collection(") && text.ends_with(')') {
        return (&text["collection(".len()..text.len() - 1], true);
    }
    if let Some(rest) = lower.strip_prefix("collection of ") {
        return (text[text.len() - rest.len()..].trim(), true);
    }
    for suffix in [" collection", " collections", "[]"] {
        // `[x][]` is a reference link, not an array.
        if lower.ends_with(suffix) && !(suffix == "[]" && text.starts_with('[')) {
            return (text[..text.len() - suffix.len()].trim(), true);
        }
    }
    (text, false)
}

/// The `Edm` type a writer means by a primitive's name or synonym, ignoring white space and
/// ASCII case. Called on every type cell and every string of every example body, so the name
/// is lower-cased into a buffer on the stack: every name it knows is ASCII and at most 14
/// bytes, so anything longer, or not ASCII, is none of them.
pub fn primitive(text: &str) -> Option<&'static str> {
    const LONGEST: usize = 16;
    let mut buf = [0u8; LONGEST];
    let mut len = 0;
    for c in text.trim().trim_start_matches("Edm.").chars().filter(|c| !c.is_whitespace()) {
        if !c.is_ascii() || len == LONGEST {
            return None;
        }
        buf[len] = c.to_ascii_lowercase() as u8;
        len += 1;
    }
    // ASCII bytes, so always UTF-8.
    let t = std::str::from_utf8(&buf[..len]).ok()?;
    Some(match t {
        "string" | "str" | "url" | "uri" | "text" => edm::STRING,
        "boolean" | "bool" => edm::BOOLEAN,
        "int32" | "int" | "integer" | "number" => edm::INT32,
        "int64" | "long" | "bigint" => edm::INT64,
        "int16" | "short" => edm::INT16,
        "byte" => edm::BYTE,
        "sbyte" => edm::SBYTE,
        "double" | "float" => edm::DOUBLE,
        "single" => edm::SINGLE,
        "decimal" => edm::DECIMAL,
        "datetimeoffset" | "datetime" | "timestamp" => edm::DATE_TIME_OFFSET,
        "date" => edm::DATE,
        "timeofday" | "time" => edm::TIME_OF_DAY,
        "duration" | "timespan" => edm::DURATION,
        "guid" | "uuid" => edm::GUID,
        "binary" | "base64" | "base64binary" => edm::BINARY,
        "stream" => edm::STREAM,
        "untyped" => edm::UNTYPED,
        _ => return None,
    })
}

/// A plausible type name: an identifier, optionally namespace-qualified.
pub fn is_type_name(s: &str) -> bool {
    !s.is_empty() && s.len() <= 200 && s.split('.').all(super::text::is_identifier)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::Link;

    fn cell(text: &str) -> Inline {
        Inline::plain(text)
    }

    fn linked(name: &str, after: &str) -> Inline {
        Inline {
            text: format!("{name}{after}"),
            links: vec![Link { text: name.into(), target: format!("../resources/{}.md", name.to_lowercase()) }],
            code_spans: vec![],
        }
    }

    #[test]
    fn primitives_and_synonyms() {
        assert_eq!(parse_type_cell(&cell("String")), (TypeRef::Primitive(edm::STRING), false));
        assert_eq!(parse_type_cell(&cell("DateTimeOffset")), (TypeRef::Primitive(edm::DATE_TIME_OFFSET), false));
        assert_eq!(parse_type_cell(&cell("Date Time Offset")), (TypeRef::Primitive(edm::DATE_TIME_OFFSET), false));
        assert_eq!(parse_type_cell(&cell("Int")), (TypeRef::Primitive(edm::INT32), false));
        assert_eq!(parse_type_cell(&cell("Edm.Int64")), (TypeRef::Primitive(edm::INT64), false));
        assert_eq!(parse_type_cell(&cell("String collection")), (TypeRef::Primitive(edm::STRING), true));
        assert_eq!(parse_type_cell(&cell("Collection(Edm.Guid)")), (TypeRef::Primitive(edm::GUID), true));
    }

    /// Lower-cased on the stack, the name means what the lower-cased copy of it meant: white
    /// space (Unicode too) is ignored, non-ASCII letters and names longer than any primitive's
    /// are none.
    #[test]
    fn primitives_are_read_without_copying_the_name() {
        fn by_copy(text: &str) -> Option<String> {
            let t: String = text.trim().trim_start_matches("Edm.").chars().filter(|c| !c.is_whitespace()).collect();
            primitive(&t.to_ascii_lowercase()).map(str::to_string)
        }
        for w in [
            "",
            "String",
            " STRING ",
            "Edm.Int64",
            "Edm. Int64",
            "edm.Int64",
            "Edm.Edm.Int64",
            "Date Time Offset",
            "date\u{a0}time\u{2003}offset",
            "DateTimeOffset",
            "DateTimeOffsets",
            "datetimeoffsetdatetimeoffset",
            "Base64Binary",
            "Int32",
            "ínt32",
            "int32é",
            "Time Of Day",
            "bool",
            "Boolean ",
            "uuid",
            "GUID",
            "0123456789abcdef",
            "0123456789abcdefg",
            "a string",
            "timestamp",
            "Stream",
            "untyped",
        ] {
            assert_eq!(primitive(w).map(str::to_string), by_copy(w), "{w:?}");
        }
        assert_eq!(primitive("date\u{a0}time\u{2003}offset"), Some(edm::DATE_TIME_OFFSET));
        assert_eq!(primitive(" edm.Int64"), None, "the prefix is Edm. as written");
    }

    #[test]
    fn named_types_links_and_collections() {
        assert_eq!(parse_type_cell(&linked("identitySet", "")), (TypeRef::Named("identitySet".into()), false));
        let two = |between: &str| Inline {
            text: format!("aConfig{between}bConfig"),
            links: vec![
                Link { text: "aConfig".into(), target: "a.md".into() },
                Link { text: "bConfig".into(), target: "b.md".into() },
            ],
            code_spans: Vec::new(),
        };
        assert_eq!(alternatives(&two(" or ")), ["aConfig", "bConfig"]);
        assert!(alternatives(&two(" and ")).is_empty());
        assert!(alternatives(&two(", ")).is_empty());
        assert!(alternatives(&linked("identitySet", "")).is_empty());
        assert_eq!(alternatives(&cell("aConfig or bConfig")), ["aConfig", "bConfig"]);
        assert!(alternatives(&cell("The a or the b")).is_empty());
        assert_eq!(parse_type_cell(&linked("webAccount", " collection")), (TypeRef::Named("webAccount".into()), true));
        assert_eq!(parse_type_cell(&cell("allowedAudiences")), (TypeRef::Named("allowedAudiences".into()), false));
        assert_eq!(
            parse_type_cell(&cell("Collection(microsoft.graph.identity)")),
            (TypeRef::Named("microsoft.graph.identity".into()), true)
        );
        assert_eq!(parse_type_cell(&cell("Enumeration")), (TypeRef::Enumeration, false));
        assert!(matches!(parse_type_cell(&cell("see below")).0, TypeRef::Unknown(_)));
        assert_eq!(parse_type_cell(&cell("string (url)")), (TypeRef::Primitive(edm::STRING), false));
        assert_eq!(parse_type_cell(&cell("[driveItem][]")), (TypeRef::Named("driveItem".into()), false));
        assert_eq!(
            parse_type_cell(&cell("[itemReference][] collection")),
            (TypeRef::Named("itemReference".into()), true)
        );
        assert_eq!(
            parse_type_cell(&cell("[invitedUserMessageInfo](invitedusermessageinfo.md")),
            (TypeRef::Named("invitedUserMessageInfo".into()), false)
        );
    }
}
