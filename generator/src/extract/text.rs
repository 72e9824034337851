//! Rules that read the docs' prose conventions: "Inherited from", "Possible values are",
//! "a JSON representation of the X object", "returns a `201 Created` response code".
//!
//! They work on plain text (markup already removed), so Markdown and plain-text pages agree.

/// The ancestor named by "Inherited from X" in a property's description.
pub fn inherited_from(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let at = lower.find("inherited from ")? + "inherited from ".len();
    let name = identifier_at(&text[at..])?;
    Some(name.to_string())
}

/// The values a description lists after "Possible values are:" (or "Possible values:").
///
/// The list ends at the first item that is not a single identifier-like word, or at the
/// sentence's end. `unknownFutureValue` is kept: it is a real member of Graph enums.
pub fn possible_values(text: &str) -> Vec<String> {
    let lower = text.to_ascii_lowercase();
    let markers = ["possible values are:", "possible values are", "possible values:", "the possible values are"];
    let Some(start) = markers.iter().filter_map(|m| lower.find(m).map(|i| i + m.len())).min() else {
        return Vec::new();
    };
    let rest = text[start..].trim_start_matches([':', ' ']);
    // The list ends with its sentence: a dot followed by white space or the end.
    let end = rest
        .char_indices()
        .find(|&(i, c)| c == '.' && rest[i + 1..].chars().next().is_none_or(char::is_whitespace))
        .map_or(rest.len(), |(i, _)| i);
    let mut values = Vec::new();
    let words =
        rest[..end].split(|c: char| matches!(c, ',' | ';' | '|') || c.is_whitespace()).filter(|w| !w.is_empty());
    for word in words.filter(|w| !matches!(*w, "and" | "or")) {
        let v = word.trim_matches(|c: char| matches!(c, '`' | '\'' | '"' | '*'));
        if !is_identifier(v) {
            break;
        }
        values.push(v.to_string());
    }
    values
}

/// The type in "a JSON representation of the X object" (request bodies).
pub fn representation_of(text: &str) -> Option<(String, bool)> {
    let lower = text.to_ascii_lowercase();
    for marker in [
        "json representation of the ",
        "json representation for the ",
        "json representation of a ",
        "json representation of an ",
        "json representation of ",
    ] {
        if let Some(i) = lower.find(marker) {
            return object_phrase(&text[i + marker.len()..]);
        }
    }
    None
}

/// The status code in "returns a `201 Created` response code" (or the first 2xx code named).
pub fn success_status(text: &str) -> Option<u16> {
    let lower = text.to_ascii_lowercase();
    let from = lower.find("return").unwrap_or(0);
    text[from..]
        .split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 3)
        .filter_map(|w| w.parse::<u16>().ok())
        .find(|code| (200..300).contains(code))
}

/// The type in "... and a [X] object in the response body" / "a collection of X objects".
pub fn response_type(text: &str) -> Option<(String, bool)> {
    let lower = text.to_ascii_lowercase();
    if !lower.contains("response body") {
        return None;
    }
    let code_end = lower.find("response code").map_or(0, |i| i + "response code".len());
    let tail = &text[code_end..];
    let tail_lower = &lower[code_end..];
    for marker in ["collection of ", " and an ", " and a ", " and the ", " and "] {
        if let Some(i) = tail_lower.find(marker) {
            let after = &tail[i + marker.len()..];
            if marker == "collection of " {
                return object_phrase(after).map(|(n, _)| (n, true));
            }
            if let Some(found) = object_phrase(after) {
                return Some(found);
            }
        }
    }
    None
}

/// "X object", "X objects", "X collection", "collection of X" -> (X, collection?).
fn object_phrase(text: &str) -> Option<(String, bool)> {
    let text = text.trim_start();
    let lower = text.to_ascii_lowercase();
    if let Some(rest) = lower.strip_prefix("collection of ") {
        let off = text.len() - rest.len();
        return object_phrase(&text[off..]).map(|(n, _)| (n, true));
    }
    let name = identifier_at(text)?;
    let after = text[name.len()..].trim_start().to_ascii_lowercase();
    let collection = after.starts_with("objects") || after.starts_with("collection") || after.starts_with("resources");
    let singular = after.starts_with("object")
        || after.starts_with("resource")
        || after.starts_with("entity")
        || after.starts_with("type");
    if collection || singular || after.is_empty() || after.starts_with(['.', ',', ' ']) {
        Some((name.to_string(), collection))
    } else {
        None
    }
}

/// The identifier (letters, digits, `_`, `.`) at the start of `text`, without a trailing dot.
fn identifier_at(text: &str) -> Option<&str> {
    let text = text.trim_start_matches(['`', '*', '[']);
    let end = text.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.')).unwrap_or(text.len());
    let name = text[..end].trim_end_matches('.');
    (!name.is_empty() && name.starts_with(|c: char| c.is_ascii_alphabetic())).then_some(name)
}

/// Letters, digits and `_`, starting with a letter or `_`.
pub fn is_identifier(s: &str) -> bool {
    !s.is_empty()
        && s.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A description fit for doc comments: no placeholder sentences ("TODO ..."), no
/// "Inherited from X" sentence (the property now sits on X), white space collapsed.
pub fn clean_description(text: &str) -> Option<String> {
    let text = collapse_ws(text);
    let mut kept = Vec::new();
    for sentence in sentences(&text) {
        let lower = sentence.to_ascii_lowercase();
        if lower.contains("todo") || lower.trim_start().starts_with("inherited from") {
            continue;
        }
        kept.push(sentence.trim());
    }
    let out = kept.join(" ").trim().to_string();
    (!out.is_empty()).then_some(out)
}

/// Text with any sentence holding a placeholder removed; `None` if nothing is left.
pub fn without_placeholders(text: &str) -> Option<String> {
    let text = collapse_ws(text);
    let kept: Vec<&str> =
        sentences(&text).filter(|s| !s.to_ascii_lowercase().contains("todo")).map(str::trim).collect();
    let out = kept.join(" ").trim().to_string();
    (!out.is_empty()).then_some(out)
}

/// Splits after `. ` (keeping the dot), leaving dots inside names (`microsoft.graph`) alone.
fn sentences(text: &str) -> impl Iterator<Item = &str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'.' && bytes.get(i + 1).is_none_or(|n| *n == b' ') {
            out.push(&text[start..=i]);
            start = i + 1;
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out.into_iter().filter(|s| !s.trim().is_empty())
}

/// Runs of white space become one space; ends trimmed.
pub fn collapse_ws(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inherited_from_names_the_ancestor() {
        assert_eq!(
            inherited_from("TODO: Add Description Inherited from itemFacet. Possible values").as_deref(),
            Some("itemFacet")
        );
        assert_eq!(inherited_from("Identifier. Inherited from entity").as_deref(), Some("entity"));
        assert_eq!(inherited_from("Nothing here."), None);
    }

    #[test]
    fn possible_values_are_read_from_prose() {
        let t = "Inherited from itemFacet. Possible values are: me, family, contacts, groupMembers, organization, federatedOrganizations, everyone, unknownFutureValue.";
        assert_eq!(
            possible_values(t),
            [
                "me",
                "family",
                "contacts",
                "groupMembers",
                "organization",
                "federatedOrganizations",
                "everyone",
                "unknownFutureValue"
            ]
        );
        assert_eq!(possible_values("Possible values are: `a`, `b` and `c`. More text, here."), ["a", "b", "c"]);
        assert_eq!(possible_values("Possible values are: a, b, or c"), ["a", "b", "c"]);
        assert!(possible_values("No list.").is_empty());
    }

    #[test]
    fn request_and_response_phrases() {
        assert_eq!(
            representation_of(
                "In the request body, supply a JSON representation of the userAccountInformation object."
            ),
            Some(("userAccountInformation".into(), false))
        );
        assert_eq!(
            representation_of("supply a JSON representation for the webAccount object."),
            Some(("webAccount".into(), false))
        );
        let r = "If successful, this method returns a 201 Created response code and a userAccountInformation object in the response body.";
        assert_eq!(success_status(r), Some(201));
        assert_eq!(response_type(r), Some(("userAccountInformation".into(), false)));
        let c = "If successful, this method returns a 200 OK response code and a collection of webAccount objects in the response body.";
        assert_eq!(response_type(c), Some(("webAccount".into(), true)));
        assert_eq!(success_status("If successful, this method returns 204 No Content response code."), Some(204));
    }

    #[test]
    fn descriptions_lose_placeholders_and_inheritance_notes() {
        assert_eq!(clean_description("TODO: Add Description Inherited from entity"), None);
        assert_eq!(
            clean_description("TODO: Add Description Inherited from itemFacet. Possible values are: me, family."),
            Some("Possible values are: me, family.".into())
        );
        assert_eq!(
            clean_description("The audiences. Inherited from itemFacet. Possible values are: me."),
            Some("The audiences. Possible values are: me.".into())
        );
        assert_eq!(
            clean_description("Uses microsoft.graph.user objects."),
            Some("Uses microsoft.graph.user objects.".into())
        );
    }
}
