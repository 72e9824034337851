//! Rules that read the docs' prose conventions: "Inherited from", "Possible values are",
//! "a JSON representation of the X object", "returns a `201 Created` response code".
//!
//! They work on plain text (markup already removed), so Markdown and plain-text pages agree.

use crate::page::Inline;

/// The ancestor named by "Inherited from X" in a property's description.
pub fn inherited_from(text: &str) -> Option<String> {
    inherited_from_in(&Inline::plain(text))
}

/// The ancestor named by "Inherited from X" in a description cell (its link, if it has one).
pub fn inherited_from_in(inline: &Inline) -> Option<String> {
    name_after_phrase(inline, &["inherited from "])
}

/// The type name right after the first of `phrases` (matched case-insensitively): the linked
/// name when a link follows the phrase; otherwise the next word, if it reads as a name, not
/// prose. "Inherits from the [userAgent]" skips `the`; in "inherited from another scope" and
/// "inherits from base policy type" nothing is taken: a lower-case word followed by more words.
pub fn name_after_phrase(inline: &Inline, phrases: &[&str]) -> Option<String> {
    let (at, phrase) =
        phrases.iter().filter_map(|p| find_ascii_ci(&inline.text, p.as_bytes()).map(|i| (i, *p))).min()?;
    let mut rest = inline.text[at + phrase.len()..].trim_start();
    // Articles and the words writers put before the name ("inherits from base class [x]").
    let mut articled = false;
    'skip: loop {
        for lead in ["the ", "a ", "an ", "base class ", "base type ", "base resource ", "abstract "] {
            if rest.len() >= lead.len()
                && rest.is_char_boundary(lead.len())
                && rest[..lead.len()].eq_ignore_ascii_case(lead)
            {
                rest = rest[lead.len()..].trim_start();
                articled |= matches!(lead, "the " | "a " | "an ");
                continue 'skip;
            }
        }
        break;
    }
    let rest = rest.trim_start_matches(['*', '`', '[']);
    // The link that starts here, whole: `[teamsApp]` must not match "teamsAppInstallation".
    if let Some(link) = inline
        .links
        .iter()
        .filter(|l| {
            let t = l.text.trim().trim_matches(['*', '`']);
            !t.is_empty()
                && rest.starts_with(t)
                && !rest[t.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '_')
        })
        .max_by_key(|l| l.text.trim().len())
    {
        let t = link.text.trim().trim_matches(['*', '`']).to_string();
        if super::type_cell::is_type_name(&t) {
            return Some(t);
        }
        // "[Conditional Access Session Control](conditionalaccesssessioncontrol.md)": the page
        // linked to is named after the type.
        let target = link.target.split(['#', '?']).next().unwrap_or("");
        let stem = target.rsplit('/').next().and_then(|f| f.strip_suffix(".md")).unwrap_or("");
        return super::type_cell::is_type_name(stem).then(|| stem.to_string());
    }
    // Plain text keeps a link's words but not its target: "Inherits from Conditional Access
    // Session Control." names `conditionalAccessSessionControl`.
    if let Some(name) = title_case_name(rest) {
        return Some(name);
    }
    let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '_')).unwrap_or(rest.len());
    let raw = &rest[..end];
    let word = raw.trim_end_matches('.');
    let after = rest[end..].trim_start().to_ascii_lowercase();
    // The sentence's full stop ends up in `raw` (dots are allowed in qualified names).
    let closes = raw.ends_with('.') || after.is_empty() || after.starts_with(['.', ',', ')', ';', '`', '*']);
    let ends_phrase =
        closes || ["type", "resource", "entity", "class", "object", "complex"].iter().any(|w| after.starts_with(w));
    let capitalised = word.chars().any(|c| c.is_ascii_uppercase());
    // After an article, an unlinked lower-case word is a common noun: "if it is inherited from
    // an ancestor." names no type.
    if articled && !capitalised {
        return None;
    }
    // A pronoun or adverb ends the phrase in prose: "policies inherit from here.", "inherits
    // from it." name no type.
    if !capitalised && PRO_FORMS.iter().any(|p| word.eq_ignore_ascii_case(p)) {
        return None;
    }
    let looks_like_name = capitalised || closes;
    // A camel-case word is a type name whatever follows ("derived from baseItem and inherits ...").
    let camel = word.starts_with(|c: char| c.is_ascii_lowercase()) && word.chars().any(|c| c.is_ascii_uppercase());
    ((ends_phrase && looks_like_name || camel) && super::type_cell::is_type_name(word) && !word.contains(".."))
        .then(|| word.to_string())
}

/// English words that stand for something said elsewhere, which an unlinked lower-case word
/// after "inherits from" can be instead of a type's name.
const PRO_FORMS: &[&str] = &[
    "here", "there", "it", "this", "that", "these", "those", "them", "which", "one", "another", "others", "above",
    "below",
];

/// Two to five capitalised words closing the sentence (or followed by "type", "resource", ...),
/// read as the title-cased name of a type: "Conditional Access Session Control." ->
/// `conditionalAccessSessionControl`.
fn title_case_name(rest: &str) -> Option<String> {
    let mut words = Vec::new();
    let mut tail = rest;
    loop {
        let end = tail.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(tail.len());
        let word = &tail[..end];
        let capitalised = word.len() >= 2
            && word.starts_with(|c: char| c.is_ascii_uppercase())
            && word[1..].chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
        if !capitalised {
            break;
        }
        words.push(word);
        tail = &tail[end..];
        match tail.strip_prefix(' ') {
            Some(t) if t.starts_with(|c: char| c.is_ascii_uppercase()) => tail = t,
            _ => break,
        }
    }
    let after = tail.trim_start().to_ascii_lowercase();
    let closes = after.is_empty()
        || after.starts_with(['.', ',', ')', ';'])
        || ["type", "resource", "entity", "class", "object"].iter().any(|w| after.starts_with(w));
    if !(2..=5).contains(&words.len()) || !closes {
        return None;
    }
    let mut name = words[0].to_ascii_lowercase();
    for w in &words[1..] {
        name.push_str(w);
    }
    Some(name)
}

/// The values a description lists after "Possible values are:" (or "Possible values:").
///
/// Items are separated by commas, semicolons, "and" and "or"; an item may carry a gloss
/// (`x (what it means)`, `x - what it means`). A plain word followed by another word is
/// prose ("Possible values are listed in the following table"): it ends the list and is
/// dropped. The list ends with its sentence. `unknownFutureValue` is kept: it is a real
/// member of Graph enums; `null` is not (it is the absence of a value).
pub fn possible_values(text: &str) -> Vec<String> {
    values_after_marker(text, &[])
}

/// [`possible_values`] of a table cell, using its code spans: when the list is written as
/// code spans, any prose around them is a gloss (`` `standard` - Channel inherits ...; ``),
/// and a plain word is a member only where it could not be prose (`` `sis`, `manual. ``).
pub fn possible_values_in(cell: &crate::page::Inline) -> Vec<String> {
    values_after_marker(&cell.text, &cell.code_spans)
}

/// Where the list of possible values starts in `text` (after the marker and its colon).
///
/// The marker is "possible", "supported", "allowed", "valid", "following" or a count
/// ("two" to "six"), then "values" (or "value", a slip the docs make), then "are", "is",
/// "include" or a colon: "Supported values are: `a`, `b`", "Allowed values: `a`, `b`",
/// "The possible value are `a`, `b`", "Currently supports only two values: `a` or `b`".
fn values_start(text: &str) -> Option<usize> {
    const QUALIFIERS: [&str; 10] =
        ["possible ", "supported ", "allowed ", "valid ", "following ", "two ", "three ", "four ", "five ", "six "];
    // Most descriptions list nothing: tell them without allocating.
    if !has_ascii_ci(text, b"value") {
        return None;
    }
    let lower = text.to_ascii_lowercase();
    // Each "value" right after a qualifier: one search for the word, not one per qualifier.
    let at = memchr::memmem::find_iter(lower.as_bytes(), b"value")
        .filter(|&at| QUALIFIERS.iter().any(|q| lower[..at].ends_with(q)))
        .filter_map(|at| marker_end(&lower, at))
        .min()?;
    Some(at + (text.len() - at - text[at..].trim_start_matches([':', ' ']).len()))
}

/// Where the marker ends, when "values" (or "value") and then a verb follow byte `after` of
/// `lower`; the verb must be a whole word ("is" but not "isolated", "are" but not "area").
fn marker_end(lower: &str, after: usize) -> Option<usize> {
    const VERBS: [&str; 4] = ["are", "is", "include", ":"];
    let rest = &lower[after..];
    let rest = rest.strip_prefix("values").or_else(|| rest.strip_prefix("value"))?;
    let trimmed = rest.trim_start_matches(' ');
    let verb = VERBS.iter().find(|v| trimmed.starts_with(**v))?;
    let end = lower.len() - trimmed.len() + verb.len();
    let cut_word = verb.chars().all(char::is_alphabetic) && lower[end..].starts_with(|c: char| c.is_alphanumeric());
    (!cut_word).then_some(end)
}

/// One piece of the text after the marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok<'a> {
    /// A code span's text.
    Code(&'a str),
    /// A word of prose (quotes, backticks and emphasis left on).
    Word(&'a str),
    /// `,`, `;`, `|`, "and", "or", "and/or".
    Sep,
    /// A parenthesised remark, skipped whole.
    Paren,
    /// A dash or colon standing alone: what follows glosses the item before it.
    Dash,
    /// A sentence's end: a dot followed by white space or the end of the text.
    End,
}

/// The byte ranges of `spans` in `text`, found in order.
fn span_ranges(text: &str, spans: &[String]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut cursor = 0;
    for s in spans.iter().filter(|s| !s.is_empty()) {
        if let Some(i) = text[cursor..].find(s.as_str()) {
            out.push((cursor + i, cursor + i + s.len()));
            cursor += i + s.len();
        }
    }
    out
}

/// Splits `text[from..]` into [`Tok`]s; code spans are the ranges in `spans`.
fn tokens<'a>(text: &'a str, from: usize, spans: &[(usize, usize)]) -> Vec<Tok<'a>> {
    let mut out = Vec::new();
    let mut spans = spans.iter().copied().filter(|&(a, _)| a >= from).peekable();
    let ends_word = |c: char| c.is_whitespace() || matches!(c, ',' | ';' | '|' | '(' | ')');
    let mut i = from;
    while let Some(c) = text[i..].chars().next() {
        while spans.peek().is_some_and(|&(a, _)| a < i) {
            spans.next(); // inside a parenthesised remark
        }
        if let Some(&(a, b)) = spans.peek() {
            if a == i {
                out.push(Tok::Code(&text[a..b]));
                i = b;
                spans.next();
                continue;
            }
        }
        let next_is_gap = text[i + c.len_utf8()..].chars().next().is_none_or(char::is_whitespace);
        match c {
            _ if c.is_whitespace() => i += c.len_utf8(),
            ',' | ';' | '|' => {
                out.push(Tok::Sep);
                i += 1;
            }
            '(' => {
                let mut depth = 0usize;
                let close = text[i..].char_indices().find_map(|(k, ch)| {
                    match ch {
                        '(' => depth += 1,
                        ')' => depth -= 1,
                        _ => {}
                    }
                    (depth == 0).then_some(i + k)
                });
                let Some(close) = close else {
                    out.push(Tok::End);
                    break;
                };
                out.push(Tok::Paren);
                i = close + 1;
            }
            '-' | '\u{2013}' | '\u{2014}' | ':' if next_is_gap => {
                out.push(Tok::Dash);
                i += c.len_utf8();
            }
            '.' if next_is_gap => {
                out.push(Tok::End);
                i += 1;
            }
            _ => {
                let limit = spans.peek().map_or(text.len(), |&(a, _)| a);
                let len = text[i..limit].find(ends_word).unwrap_or(limit - i).max(c.len_utf8());
                let word = &text[i..i + len];
                i += len;
                let gap = text[i..].chars().next().is_none_or(char::is_whitespace);
                let (word, end) = match word.strip_suffix('.') {
                    Some(w) if gap && !w.is_empty() => (w, Some(Tok::End)),
                    _ => match word.strip_suffix(':') {
                        Some(w) if !w.is_empty() => (w, Some(Tok::Dash)),
                        _ => (word, None),
                    },
                };
                if matches!(word.to_ascii_lowercase().as_str(), "and" | "or" | "and/or") {
                    out.push(Tok::Sep);
                } else {
                    out.push(Tok::Word(word));
                }
                out.extend(end);
            }
        }
    }
    out
}

fn values_after_marker(text: &str, code_spans: &[String]) -> Vec<String> {
    let Some(start) = values_start(text) else {
        return Vec::new();
    };
    let toks = tokens(text, start, &span_ranges(text, code_spans));
    let code_mode = toks.iter().any(|t| matches!(t, Tok::Code(_)));
    let at = |k: usize| toks.get(k).copied();
    let mut values: Vec<String> = Vec::new();
    // Once an item carries a prose gloss, a separator only ends the gloss when an item follows
    // that is clearly one: a code span, or (plain text) a word glossed the same way.
    let mut glossy = false;
    let clear_item = |k: usize| match at(k) {
        Some(Tok::Code(_)) => true,
        Some(Tok::Word(_)) => !code_mode && matches!(at(k + 1), Some(Tok::Dash | Tok::Paren)),
        _ => false,
    };
    let mut i = 0;
    'items: loop {
        while at(i) == Some(Tok::Sep) {
            i += 1;
        }
        let (item, code) = match at(i) {
            Some(Tok::Code(c)) => (c, true),
            Some(Tok::Word(w)) => (w, false),
            _ => break,
        };
        if !code {
            let ok = match at(i + 1) {
                None | Some(Tok::Sep | Tok::End) => !glossy,
                Some(Tok::Paren | Tok::Dash) => !code_mode,
                Some(Tok::Word(_) | Tok::Code(_)) => false,
            };
            if !ok {
                break;
            }
        }
        let v = item.trim_matches(|c: char| matches!(c, '`' | '\'' | '"' | '*'));
        if is_identifier(v) && v != "null" && !values.iter().any(|x| x == v) {
            values.push(v.to_string());
        }
        i += 1;
        let mut dashed = false;
        loop {
            match at(i) {
                None => break 'items,
                Some(Tok::Sep) => {
                    i += 1;
                    if !glossy {
                        continue 'items;
                    }
                    let mut k = i;
                    while at(k) == Some(Tok::Sep) {
                        k += 1;
                    }
                    if clear_item(k) {
                        i = k;
                        continue 'items;
                    }
                }
                Some(Tok::Paren) => i += 1,
                Some(Tok::Dash) => {
                    dashed = true;
                    glossy = true;
                    i += 1;
                }
                Some(Tok::End) => {
                    // `a` - does this. `b` - does that.: glossed items may be sentences of their own.
                    if dashed && matches!(at(i + 1), Some(Tok::Code(_) | Tok::Word(_))) && at(i + 2) == Some(Tok::Dash)
                    {
                        i += 1;
                        continue 'items;
                    }
                    break 'items;
                }
                Some(Tok::Word(_) | Tok::Code(_)) => {
                    if !(code || dashed) {
                        break 'items;
                    }
                    glossy = true;
                    i += 1;
                }
            }
        }
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
    // Most descriptions have nothing to drop (see `without_sentences`).
    if !has_ascii_ci(&text, b"todo") && !has_ascii_ci(&text, b"inherited from") {
        return (!text.is_empty()).then_some(text);
    }
    without_sentences(&text, |lower| lower.contains("todo") || lower.trim_start().starts_with("inherited from"))
}

/// Text with any sentence holding a placeholder removed; `None` if nothing is left.
pub fn without_placeholders(text: &str) -> Option<String> {
    let text = collapse_ws(text);
    if !has_ascii_ci(&text, b"todo") {
        return (!text.is_empty()).then_some(text);
    }
    without_sentences(&text, |lower| lower.contains("todo"))
}

/// Collapsed `text` without the sentences `drop` (given each one lower-cased) picks; `None`
/// if nothing is left. Dropping none gives `text` back: each sentence ends at ". ", and the
/// one space that the split takes the join puts back.
fn without_sentences(text: &str, drop: impl Fn(&str) -> bool) -> Option<String> {
    let kept: Vec<&str> = sentences(text).filter(|s| !drop(&s.to_ascii_lowercase())).map(str::trim).collect();
    let out = kept.join(" ").trim().to_string();
    (!out.is_empty()).then_some(out)
}

/// Whether `text` contains `needle` (lower-case ASCII), ignoring ASCII case, without
/// lower-casing a copy of `text`.
pub(crate) fn has_ascii_ci(text: &str, needle: &[u8]) -> bool {
    find_ascii_ci(text, needle).is_some()
}

/// Where `needle` (lower-case ASCII) first starts in `text`, ignoring ASCII case: what
/// `text.to_ascii_lowercase().find(needle)` gives, without the copy or a searcher per call
/// (these run on every description cell). Candidates are found with `memchr2` on the first
/// byte's two cases.
pub(crate) fn find_ascii_ci(text: &str, needle: &[u8]) -> Option<usize> {
    let hay = text.as_bytes();
    let (&first, rest) = needle.split_first()?;
    memchr::memchr2_iter(first.to_ascii_lowercase(), first.to_ascii_uppercase(), hay)
        .find(|&i| hay.get(i + 1..i + needle.len()).is_some_and(|w| w.eq_ignore_ascii_case(rest)))
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

/// Runs of white space become one space; ends trimmed (the reader's, which has a fast path
/// for ASCII text).
pub use crate::read::text::collapse_ws;

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
        assert_eq!(
            inherited_from("A reference to the ancestor, if it is inherited from an ancestor. Read-only."),
            None
        );
        assert_eq!(inherited_from("Inherited from the itemFacet.").as_deref(), Some("itemFacet"));
    }

    #[test]
    fn a_stated_base_is_the_whole_link_its_page_or_its_words() {
        use crate::page::Link;
        let phrases = ["inherits from ", "derived from "];
        let linked = |text: &str, links: &[(&str, &str)]| Inline {
            text: text.to_string(),
            links: links.iter().map(|(t, u)| Link { text: t.to_string(), target: u.to_string() }).collect(),
            code_spans: Vec::new(),
        };
        // The whole link: `teamsApp` earlier in the paragraph is a prefix, not the base.
        let p = linked(
            "Represents a teamsApp installed. This type inherits from teamsAppInstallation.",
            &[("teamsApp", "teamsapp.md"), ("teamsAppInstallation", "teamsappinstallation.md")],
        );
        assert_eq!(name_after_phrase(&p, &phrases).as_deref(), Some("teamsAppInstallation"));
        let p = linked(
            "Inherits from base class identityUserFlow.",
            &[("identityUserFlow", "../resources/identityuserflow.md")],
        );
        assert_eq!(name_after_phrase(&p, &phrases).as_deref(), Some("identityUserFlow"));
        // Link words that are not a name: the linked page's name.
        let p = linked(
            "Inherits from Conditional Access Session Control.",
            &[("Conditional Access Session Control", "conditionalaccesssessioncontrol.md")],
        );
        assert_eq!(name_after_phrase(&p, &phrases).as_deref(), Some("conditionalaccesssessioncontrol"));
        // Plain text: the words alone, and a camel-case word whatever follows it.
        let p = Inline::plain("Session control. Inherits from Conditional Access Session Control.");
        assert_eq!(name_after_phrase(&p, &phrases).as_deref(), Some("conditionalAccessSessionControl"));
        let p = Inline::plain("The drive resource is derived from baseItem and inherits properties from it.");
        assert_eq!(name_after_phrase(&p, &phrases).as_deref(), Some("baseItem"));
        let p = Inline::plain("It inherits from base policy type, and always exists.");
        assert_eq!(name_after_phrase(&p, &phrases), None);
        let p = Inline::plain("Settings are inherited from Azure Active Directory in some tenants.");
        assert_eq!(name_after_phrase(&p, &["inherited from "]), None);
        // A pronoun or adverb closing the sentence is no name; a lower-case name is.
        let p = Inline::plain("Compliance policies are platform specific and inherit from here. ");
        assert_eq!(name_after_phrase(&p, &phrases), None);
        let p = Inline::plain("Each kind inherits from it.");
        assert_eq!(name_after_phrase(&p, &phrases), None);
        let p = Inline::plain("Inherits from entity.");
        assert_eq!(name_after_phrase(&p, &phrases).as_deref(), Some("entity"));
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
        // Other words for the same list, and the docs' slips.
        assert_eq!(possible_values("The supported values are: `created`, `updated`."), ["created", "updated"]);
        assert_eq!(possible_values("Allowed values: `a`, `b`."), ["a", "b"]);
        assert_eq!(possible_values("The media type. The possible value are `unknown`, `audio`."), ["unknown", "audio"]);
        assert_eq!(possible_values("Valid values include `x` and `y`."), ["x", "y"]);
        assert_eq!(
            possible_values("Currently supports only two values: `none` or `assignIfOpen`."),
            ["none", "assignIfOpen"]
        );
        assert_eq!(possible_values("Can be one of the following values: `a`, `b`."), ["a", "b"]);
        // Words that only start like the marker are not it.
        assert!(possible_values("Supported values isolated here: a, b.").is_empty());
        assert!(possible_values("Possible valuesets are `a`.").is_empty());
        // The first marker counts, wherever "value" came before it without a qualifier.
        assert_eq!(possible_values("The value is set once. Possible values are: `a`, `b`."), ["a", "b"]);
        assert_eq!(possible_values("Supported values: `x`. Allowed values: `y`."), ["x"]);
    }

    fn cell(markdown_like: &str) -> crate::page::Inline {
        // Code spans as the Markdown reader gives them: text without backticks, spans listed.
        let spans: Vec<String> = markdown_like.split('`').skip(1).step_by(2).map(str::to_string).collect();
        crate::page::Inline { text: markdown_like.replace('`', ""), links: vec![], code_spans: spans }
    }

    #[test]
    fn prose_after_the_marker_is_not_a_list() {
        let t = "Specifies the type of participants. Possible values are listed in the following table. Optional.";
        assert!(possible_values(t).is_empty());
        assert!(possible_values_in(&cell(t)).is_empty());
        assert!(possible_values("Possible values are described below.").is_empty());
    }

    #[test]
    fn code_spans_with_glosses() {
        let t = "The type of the channel. Possible values are: `standard` - Channel inherits the list of members of the parent team; `private` - Channel can have members that are a subset of all the members on the parent team.";
        assert_eq!(possible_values_in(&cell(t)), ["standard", "private"]);
        let t = "Possible values are: `any`, `deviceBasedPush` (passwordless only), `push`.";
        assert_eq!(possible_values_in(&cell(t)), ["any", "deviceBasedPush", "push"]);
        let t = "Possible values: `application` for application permissions (e.g. app roles), or `delegated` for delegated permissions. The value `delegatedUserConsentable` indicates more.";
        assert_eq!(possible_values_in(&cell(t)), ["application", "delegated"]);
        let t = "Possible values are:`submitted` \u{2014} Submitted and under review. `published` \u{2014} Approved. `rejected` \u{2014} Rejected.";
        assert_eq!(possible_values_in(&cell(t)), ["submitted", "published", "rejected"]);
    }

    #[test]
    fn code_span_lists_end_with_their_sentence() {
        let t = "Possible values are: `none`, `adminsAndGuestInviters`, `everyone`.  `everyone` is the default. Supports `$filter` (`eq`, `ne`, `NOT`, `in`).";
        assert_eq!(possible_values_in(&cell(t)), ["none", "adminsAndGuestInviters", "everyone"]);
        let t = "Possible values are `Focused` and `Other`, which indicate whether the user";
        assert_eq!(possible_values_in(&cell(t)), ["Focused", "Other"]);
        let t = "Possible values are: `Private`, `Public`, `HiddenMembership`, or empty (which is interpreted as `Public`).";
        assert_eq!(possible_values_in(&cell(t)), ["Private", "Public", "HiddenMembership"]);
        let t = "Possible values are: `null` (default value), `NotDisabled`, and `Other` (reasons may include a, b, or c). Supports `$filter` (`eq`).";
        assert_eq!(possible_values_in(&cell(t)), ["NotDisabled", "Other"]);
        // An unclosed backtick leaves a plain word that can only be an item.
        let c = crate::page::Inline {
            text: "Possible values are: sis, `manual.".into(),
            links: vec![],
            code_spans: vec!["sis".into()],
        };
        assert_eq!(possible_values_in(&c), ["sis", "manual"]);
        // Spans before the marker are not members.
        let t = "Use `x` here. Possible values are: `a`, `b`.";
        assert_eq!(possible_values_in(&cell(t)), ["a", "b"]);
    }

    #[test]
    fn plain_text_lists_are_read_conservatively() {
        let t = "Possible values are: standard - Channel inherits the list of members of the parent team; private - Channel can have members that are a subset of all the members on the parent team.";
        assert_eq!(possible_values(t), ["standard", "private"]);
        let t = "Possible values are: discovery (Discovery Service), notification (Notification Service), and registration (Registration Service). Read-only.";
        assert_eq!(possible_values(t), ["discovery", "notification", "registration"]);
        let t = "Possible values: application for application permissions (e.g. app roles), or delegated for delegated permissions.";
        assert!(possible_values(t).is_empty());
        assert_eq!(possible_values("Possible values are: a, b and c. Possible values are: d."), ["a", "b", "c"]);
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
    }

    #[test]
    fn descriptions_with_nothing_to_drop_come_back_collapsed() {
        for text in [
            "",
            "One.",
            "One. Two.  Three",
            " Ends with a dot. ",
            "a. . b",
            "Dots in microsoft.graph.user and 1.5 stay. Next.",
            "Tabs\tand\nlines. Caf\u{e9}\u{a0}ok.",
        ] {
            let collapsed = collapse_ws(text);
            let by_sentences = without_sentences(&collapsed, |_| false);
            assert_eq!(clean_description(text), by_sentences, "{text:?}");
            assert_eq!(without_placeholders(text), by_sentences, "{text:?}");
        }
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
