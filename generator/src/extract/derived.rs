//! What a base type's page says derives from it: a "Derived types" section (a table or a list
//! of links), or a sentence ("the derived types are [a] and [b]", "[x] types inherit from this
//! type", "is the base resource for the following derived types:" and the list after it).
//!
//! Such a list may name descendants as well as direct children (`teleconferenceDeviceMediaQuality`
//! lists `...ScreenSharingQuality`, a child of one of its children), so these are claims of
//! ancestry, settled at merge time by taking the deepest ancestor listed.

use super::{BaseClaim, BaseFact, Place};
use crate::page::{BlockKind, Inline, Page};

/// Sentences that introduce the types deriving from the described one, with where the names
/// stand relative to the phrase.
const AFTER: &[&str] = &[
    "derived types are",
    "derived types include",
    "following derived types",
    "base type for",
    "base class for",
    "base resource for",
    "base entity for",
    "base type of the following",
];
const BEFORE: &[&str] = &["inherit from this type", "inherits from this type", "derive from this type"];

/// Whether `text` holds a word every phrase of [`AFTER`] and [`BEFORE`] (and "derive from")
/// has: the sentences that may name derived types, a few of all a page's paragraphs.
fn may_name_derived(text: &str) -> bool {
    use super::text::has_ascii_ci;
    has_ascii_ci(text, b"deriv") || has_ascii_ci(text, b"inherit") || has_ascii_ci(text, b"base ")
}

/// The heading of a section that lists derived types.
fn is_listing_heading(text: &str) -> bool {
    let t = text.trim().to_ascii_lowercase();
    t == "derived types" || t == "derived resources" || t == "subtypes"
}

/// Listings on the page of `base`: one fact per derived type named.
pub fn listed_derived(page: &Page, base: &str) -> Vec<BaseFact> {
    let mut out = Vec::new();
    let mut push = |name: &str, pos| {
        let name = name.trim().trim_matches(['*', '`']);
        if super::type_cell::is_type_name(name) && !name.eq_ignore_ascii_case(base) {
            out.push(BaseFact {
                derived: name.to_string(),
                base: base.to_string(),
                claim: BaseClaim::Listed,
                place: Place { file: page.path.clone(), pos },
            });
        }
    };
    // Level of the open "Derived types" heading; or true when a sentence ended with ':' and
    // its list follows.
    let mut section: Option<u8> = None;
    let mut list_follows = false;
    for block in &page.blocks {
        match &block.kind {
            BlockKind::Heading { level, text } => {
                list_follows = false;
                if is_listing_heading(&text.text) {
                    section = Some(*level);
                } else if section.is_some_and(|l| *level <= l) {
                    section = None;
                }
            }
            BlockKind::Table(table) if section.is_some() || list_follows => {
                for row in &table.rows {
                    if let Some(cell) = row.cells.first() {
                        let name = cell.content.links.first().map_or(cell.content.text.as_str(), |l| l.text.as_str());
                        push(name, cell.pos);
                    }
                }
                list_follows = false;
            }
            BlockKind::Paragraph(inline) => {
                if section.is_some() || list_follows {
                    if let Some(name) = leading_name(inline) {
                        push(&name, block.pos);
                        continue;
                    }
                    list_follows = false;
                    if section.is_some() {
                        continue;
                    }
                }
                for name in named_in_sentence(inline) {
                    push(&name, block.pos);
                }
                list_follows = inline.text.trim_end().ends_with(':') && introduces_derived(&inline.text);
            }
            BlockKind::Code(_) => list_follows = false,
            _ => {}
        }
    }
    out
}

/// A list item that starts with a type name: its link, or (plain text) its first word when
/// that reads as a type name in the docs' camel case (`fileAttachment for ...`).
fn leading_name(inline: &Inline) -> Option<String> {
    let text = inline.text.trim_start_matches(['-', '*', '`', ' ', '\t']);
    if let Some(link) = inline.links.first() {
        let t = link.text.trim().trim_matches(['*', '`']);
        return (!t.is_empty() && text.starts_with(t)).then(|| t.to_string());
    }
    let word: String = text.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '.').collect();
    let word = word.trim_end_matches('.');
    camel_name(word).then(|| word.to_string())
}

/// True when the sentence introduces derived types (whatever follows it).
fn introduces_derived(text: &str) -> bool {
    if !may_name_derived(text) {
        return false;
    }
    let lower = text.to_ascii_lowercase();
    AFTER.iter().any(|p| lower.contains(p))
        || (lower.contains("derive from") && lower.contains("include"))
        || (lower.contains("derived types") && lower.contains("following"))
}

/// Names a sentence gives as derived types: the links after an introducing phrase (or before
/// "inherit from this type"); with no links (plain text), the camel-case words there.
fn named_in_sentence(inline: &Inline) -> Vec<String> {
    if !may_name_derived(&inline.text) {
        return Vec::new();
    }
    let lower = inline.text.to_ascii_lowercase();
    let span = if let Some((at, p)) = AFTER.iter().filter_map(|p| lower.find(p).map(|i| (i, *p))).min() {
        // "base class for apply actions in the [x] of [y]": a "base ... for" phrase names
        // types only when a name follows it at once.
        let rest = inline.text[at + p.len()..].trim_start().trim_start_matches(['*', '`']);
        let named_at_once = inline.links.iter().any(|l| !l.text.trim().is_empty() && rest.starts_with(l.text.trim()))
            || inline.links.is_empty()
                && rest.split(|c: char| !c.is_ascii_alphanumeric()).next().is_some_and(camel_name);
        if p.starts_with("base ") && !named_at_once {
            return Vec::new();
        }
        at + p.len()..inline.text.len()
    } else if let Some(at) = lower.find("derive from").filter(|_| lower.contains("include")) {
        // "Resources that derive from **baseItem** include: ..." — names follow "include".
        lower[at..].find("include").map_or(at, |i| at + i)..inline.text.len()
    } else if let Some(at) = BEFORE.iter().filter_map(|p| lower.find(p)).min() {
        0..at
    } else {
        return Vec::new();
    };
    let within = &inline.text[span];
    // Links whose text appears in the span, in order.
    if !inline.links.is_empty() {
        let mut names = Vec::new();
        let mut from = 0;
        for link in &inline.links {
            let t = link.text.trim().trim_matches(['*', '`']);
            if t.is_empty() {
                continue;
            }
            if let Some(i) = within[from..].find(t) {
                from += i + t.len();
                names.push(t.to_string());
            }
        }
        return names;
    }
    within
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '.'))
        .map(|w| w.trim_end_matches('.'))
        .filter(|w| camel_name(w))
        .map(str::to_string)
        .collect()
}

/// A word that reads as a type name rather than prose: an identifier starting lower-case with
/// an upper-case letter inside (`fileAttachment`), the docs' spelling of type names.
fn camel_name(word: &str) -> bool {
    super::type_cell::is_type_name(word)
        && word.starts_with(|c: char| c.is_ascii_lowercase())
        && word.chars().skip(1).any(|c| c.is_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_phrase_passes_the_filter() {
        for phrase in AFTER.iter().chain(BEFORE).chain(&["derive from", "derived types"]) {
            assert!(may_name_derived(&phrase.to_ascii_uppercase()), "{phrase}");
        }
        assert!(!may_name_derived("The user's display name."));
    }

    fn page(text: &str) -> Page {
        crate::read::read_page("resources/x.md", text.as_bytes())
    }

    fn derived(text: &str, base: &str) -> Vec<String> {
        listed_derived(&page(text), base).into_iter().map(|f| f.derived).collect()
    }

    #[test]
    fn a_derived_types_section_lists_its_table_rows() {
        let text = "# a resource type\n\n## Properties\n\n|Property|Type|Description|\n|---|---|---|\n|x|String|X.|\n\n\
                    ### Derived types\n\n| Type | Description |\n|:--|:--|\n| [b](b.md) | B. |\n| [cThing](c.md) | C. |\n\n\
                    ## JSON representation\n\n| [d](d.md) | no |\n";
        assert_eq!(derived(text, "a"), ["b", "cThing"]);
    }

    #[test]
    fn a_sentence_names_the_derived_types_after_its_phrase() {
        let text = "# a resource type\n\nThe result. This is a base class; the derived types are [b](b.md), \
                    [c](c.md), and [d](d.md).\n";
        assert_eq!(derived(text, "a"), ["b", "c", "d"]);
        let text = "# a resource type\n\n[serviceEndpoint](s.md) types inherit from this type.\n";
        assert_eq!(derived(text, "a"), ["serviceEndpoint"]);
        let text = "# a resource type\n\n**a** is the base type for [b](b.md) and [c](c.md).\n";
        assert_eq!(derived(text, "a"), ["b", "c"]);
        let text = "# a resource type\n\nRepresents a base class for apply actions in the [b](b.md) of a [c](c.md).\n";
        assert!(derived(text, "a").is_empty());
        let text = "# a resource type\n\n[serviceEndpoint](s.md) types inherit from this type.\n";
        assert_eq!(derived(text, "a"), ["serviceEndpoint"]);
    }

    #[test]
    fn a_sentence_ending_in_a_colon_takes_the_list_after_it() {
        let text = "# a resource type\n\nOne of [other](o.md).\n\n**a** is the base resource for the following derived types:\n\n\
                    - [fileAttachment](f.md) for files\n- [itemAttachment](i.md) for items\n\nThe end with [zed](z.md).\n";
        assert_eq!(derived(text, "a"), ["fileAttachment", "itemAttachment"]);
    }

    #[test]
    fn plain_text_takes_camel_case_words() {
        let text = "a resource type\n\nThis is a base class; the derived types are educationFeedbackOutcome, \
                    educationPointsOutcome, and the rubric one.\n";
        let p = crate::read::read_page("resources/x.txt", text.as_bytes());
        let names: Vec<String> = listed_derived(&p, "a").into_iter().map(|f| f.derived).collect();
        assert_eq!(names, ["educationFeedbackOutcome", "educationPointsOutcome"]);
    }

    #[test]
    fn prose_about_bases_names_nothing() {
        let text = "# a resource type\n\nThe **a** type is the base type for many other directory entity types.\n\n\
                    This is a base class that other user flows inherit from.\n";
        assert!(derived(text, "a").is_empty());
    }
}
