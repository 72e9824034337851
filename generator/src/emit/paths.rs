//! Path templates (`/users/{id | userPrincipalName}/profile/account`): their parameters, how
//! to build them, and what each alternative of an endpoint's constructor is called.
//!
//! Constructor names come from the part of each path that is not shared by all alternatives:
//! the common tail (compared with parameters blanked out) is dropped, keeping at least the
//! first literal segment of every path, and the literal words left make the name. So
//! `/me/profile/account` and `/users/{id}/profile/account` give `me` and `users`, and a
//! single path `/me/profile/account/$ref` gives `me`. When that leaves two alternatives with the
//! same name or none, the parameters are added (`users_by_id`), then the whole path is used,
//! and only if even that does not tell them apart are they called `path_1`, `path_2`, ...

use crate::naming::{self, Case, Scope};
use std::collections::{BTreeMap, BTreeSet};

/// Parameter names the constructors use for their own arguments and locals.
pub(crate) const RESERVED_PARAMS: &[&str] = &["base_url", "body", "uri"];
/// Associated functions every endpoint has besides its constructors.
pub(crate) const RESERVED_CONSTRUCTORS: &[&str] = &["parse_response"];

/// A piece of a path template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Piece {
    /// Text copied into the URI, already percent-encoded where the template had characters a
    /// URI cannot hold.
    Literal(String),
    /// A `{...}` placeholder: index into [`PathTemplate::params`].
    Param(usize),
}

/// One path parameter of a constructor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Param {
    /// The placeholder as written, braces included: `{id | userPrincipalName}`.
    pub placeholder: String,
    /// The argument's identifier: `id_or_user_principal_name`.
    pub ident: String,
}

/// One parsed path alternative.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PathTemplate {
    /// The template as the docs give it.
    pub raw: String,
    /// What the constructor appends to the base URL, in order.
    pub pieces: Vec<Piece>,
    pub params: Vec<Param>,
    /// The constructor's identifier.
    pub constructor: String,
}

/// A segment between slashes (or the query), split into literal text and placeholders.
#[derive(Debug, Clone)]
struct Segment {
    parts: Vec<Part>,
    /// Part of the query string rather than the path.
    query: bool,
}

#[derive(Debug, Clone)]
enum Part {
    Text(String),
    Placeholder(String),
}

impl Segment {
    /// Compared across alternatives to find the common tail: placeholders blanked out.
    fn shape(&self) -> String {
        self.parts
            .iter()
            .map(|p| match p {
                Part::Text(t) => t.as_str(),
                Part::Placeholder(_) => "{}",
            })
            .collect()
    }

    fn literal_words(&self) -> String {
        let words: Vec<&str> = self
            .parts
            .iter()
            .filter_map(|p| match p {
                Part::Text(t) => Some(t.as_str()),
                Part::Placeholder(_) => None,
            })
            .collect();
        words.join(" ")
    }

    fn has_literal_word(&self) -> bool {
        has_word(&self.literal_words())
    }

    fn words_with_params(&self) -> String {
        let words: Vec<String> = self
            .parts
            .iter()
            .map(|p| match p {
                Part::Text(t) => t.clone(),
                Part::Placeholder(inner) => format!("by {}", param_words(inner)),
            })
            .collect();
        words.join(" ")
    }
}

fn has_word(text: &str) -> bool {
    text.chars().any(|c| c.is_ascii_alphanumeric())
}

/// `id | userPrincipalName` -> `id or userPrincipalName`.
fn param_words(inner: &str) -> String {
    let alternatives: Vec<&str> = inner.split('|').map(str::trim).filter(|a| has_word(a)).collect();
    alternatives.join(" or ")
}

/// Splits `text` into literal text and `{...}` or `<...>` placeholders (an unclosed `{` is
/// text).
fn split_parts(text: &str) -> Vec<Part> {
    let mut parts = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find(['{', '<']) {
        let closing = if rest[open..].starts_with('{') { '}' } else { '>' };
        let Some(close) = rest[open..].find(closing).map(|c| open + c) else {
            break;
        };
        if open > 0 {
            parts.push(Part::Text(rest[..open].to_string()));
        }
        parts.push(Part::Placeholder(rest[open + 1..close].to_string()));
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        parts.push(Part::Text(rest.to_string()));
    }
    parts
}

fn segments(raw: &str) -> Vec<Segment> {
    let (path, query) = match raw.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (raw, None),
    };
    let mut out: Vec<Segment> = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| Segment { parts: split_parts(&function_arguments_as_placeholders(s)), query: false })
        .collect();
    if let Some(query) = query {
        out.push(Segment { parts: split_parts(query), query: true });
    }
    out
}

/// A function call's arguments are values the caller gives, whatever the docs wrote for them:
/// `rowsAbove(count=n)` -> `rowsAbove(count={count})`, `filterByCurrentUser(on='parameterValue')`
/// -> `filterByCurrentUser(on='{on}')`; placeholders already there stay (`(id='{id}')`,
/// `(address='<address>')`), and so does anything that is not `name(key=value, ...)`.
fn function_arguments_as_placeholders(segment: &str) -> String {
    let Some(open) = segment.find('(') else { return segment.to_string() };
    let (name, args) = (&segment[..open], &segment[open + 1..]);
    let Some(args) = args.strip_suffix(')') else { return segment.to_string() };
    if name.is_empty() || name.contains(['{', '<']) || args.trim().is_empty() || args.contains(['(', ')']) {
        return segment.to_string();
    }
    let mut out = Vec::new();
    for arg in args.split(',') {
        let Some((key, value)) = arg.split_once('=') else { return segment.to_string() };
        let (key, value) = (key.trim(), value.trim());
        let is_key = !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !is_key {
            return segment.to_string();
        }
        if value.contains(['{', '<']) {
            out.push(format!("{key}={value}"));
        } else if value.len() >= 2 && value.starts_with('\'') && value.ends_with('\'') {
            out.push(format!("{key}='{{{key}}}'"));
        } else {
            out.push(format!("{key}={{{key}}}"));
        }
    }
    format!("{name}({})", out.join(","))
}

/// Percent-encodes what a URI cannot hold; keeps `$ref`, `('...')`, `?`, `=`, `&`, `%XX`.
fn encode_literal(text: &str) -> String {
    const KEEP: &str = "-._~!$&'()*+,;=:@/?%";
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || KEEP.contains(c) {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for byte in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    out
}

/// Parses the alternatives of one endpoint (duplicates dropped) and names their constructors.
pub(crate) fn parse_paths(raw_paths: &[String]) -> Vec<PathTemplate> {
    let mut seen = BTreeSet::new();
    let raws: Vec<&str> = raw_paths.iter().map(String::as_str).filter(|p| seen.insert(*p)).collect();
    let parsed: Vec<Vec<Segment>> = raws.iter().map(|r| segments(r)).collect();
    let names = constructor_names(&parsed);
    raws.iter()
        .zip(&parsed)
        .enumerate()
        .map(|(i, (raw, segs))| {
            let (pieces, params) = pieces_and_params(segs);
            PathTemplate {
                raw: raw.to_string(),
                pieces,
                params,
                constructor: names.get(&i).cloned().unwrap_or_else(|| format!("path_{}", i + 1)),
            }
        })
        .collect()
}

fn pieces_and_params(segs: &[Segment]) -> (Vec<Piece>, Vec<Param>) {
    // Placeholders in order, with the literal words just before them (used to tell apart
    // repeated names: `/groups/{id}/events/{id}` -> `groups_id`, `events_id`).
    let mut placeholders: Vec<(String, String)> = Vec::new();
    let mut context = String::new();
    for seg in segs {
        for part in &seg.parts {
            match part {
                Part::Text(t) if has_word(t) => context = t.clone(),
                Part::Text(_) => {}
                Part::Placeholder(inner) => placeholders.push((inner.clone(), context.clone())),
            }
        }
    }
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for (inner, _) in &placeholders {
        *counts.entry(naming::field_ident(&param_words(inner))).or_default() += 1;
    }
    let mut scope = Scope::new(Case::Snake);
    for reserved in RESERVED_PARAMS {
        scope.reserve(reserved);
    }
    let wishes = placeholders
        .iter()
        .enumerate()
        .map(|(i, (inner, context))| {
            let plain = naming::field_ident(&param_words(inner));
            if counts.get(&plain).copied().unwrap_or(0) > 1 && has_word(context) {
                (i, naming::field_ident(&format!("{context} {}", param_words(inner))))
            } else {
                (i, plain)
            }
        })
        .collect();
    let idents = scope.assign(wishes);
    let params = placeholders
        .iter()
        .enumerate()
        .map(|(i, (inner, _))| Param {
            placeholder: format!("{{{inner}}}"),
            ident: idents.get(&i).cloned().unwrap_or_default(),
        })
        .collect();

    let mut pieces: Vec<Piece> = Vec::new();
    let push_text = |pieces: &mut Vec<Piece>, text: &str| {
        if let Some(Piece::Literal(last)) = pieces.last_mut() {
            last.push_str(&encode_literal(text));
        } else {
            pieces.push(Piece::Literal(encode_literal(text)));
        }
    };
    let mut next_param = 0;
    for seg in segs {
        push_text(&mut pieces, if seg.query { "?" } else { "/" });
        for part in &seg.parts {
            match part {
                Part::Text(t) => push_text(&mut pieces, t),
                Part::Placeholder(_) => {
                    pieces.push(Piece::Param(next_param));
                    next_param += 1;
                }
            }
        }
    }
    (pieces, params)
}

/// How much of a path a constructor name is made of; tried in this order.
#[derive(Debug, Clone, Copy)]
enum Naming {
    /// The literal words of the path before the shared tail: `me`, `users`.
    Words,
    /// The same with the parameters: `users_by_id`.
    WordsAndParams,
    /// Everything, query included.
    WholePath,
}

impl Naming {
    /// The words naming a path whose first `keep` segments are its own.
    ///
    /// The query string (`?startDateTime={start}`) says how, not where: only the last resort
    /// names a constructor after it.
    fn words(self, segs: &[Segment], keep: usize) -> String {
        let own: Vec<Segment> = segs.iter().take(keep).filter(|s| !s.query).cloned().collect();
        match self {
            Naming::Words => words_of(&own, Segment::literal_words),
            Naming::WordsAndParams => words_of(&own, Segment::words_with_params),
            Naming::WholePath => words_of(segs, Segment::words_with_params),
        }
    }
}

/// Constructor identifiers by path index; see the module docs for the rules.
fn constructor_names(paths: &[Vec<Segment>]) -> BTreeMap<usize, String> {
    let keep = kept_segments(paths);
    let mut wishes: Vec<(usize, String)> = (0..paths.len()).map(|i| (i, format!("path_{}", i + 1))).collect();
    for rule in [Naming::Words, Naming::WordsAndParams, Naming::WholePath] {
        let words: Vec<String> = paths.iter().zip(&keep).map(|(segs, keep)| rule.words(segs, *keep)).collect();
        let idents: Vec<String> = words.iter().map(|w| naming::fn_ident(w)).collect();
        let distinct: BTreeSet<&str> = idents.iter().map(|i| naming::unraw(i)).collect();
        if words.iter().all(|w| has_word(w)) && distinct.len() == idents.len() {
            wishes = idents.into_iter().enumerate().collect();
            break;
        }
    }
    let mut scope = Scope::new(Case::Snake);
    for reserved in RESERVED_CONSTRUCTORS {
        scope.reserve(reserved);
    }
    scope.assign(wishes)
}

fn words_of(segs: &[Segment], words: fn(&Segment) -> String) -> String {
    let parts: Vec<String> = segs.iter().map(words).filter(|w| has_word(w)).collect();
    parts.join(" ")
}

/// How many leading segments of each path name its constructor: all but the tail every path
/// shares, and never fewer than reach the path's first literal segment.
fn kept_segments(paths: &[Vec<Segment>]) -> Vec<usize> {
    let shared_tail = match paths.split_first() {
        Some((first, rest)) => {
            let mut n = 0;
            while n < first.len()
                && rest.iter().all(|p| n < p.len() && p[p.len() - 1 - n].shape() == first[first.len() - 1 - n].shape())
            {
                n += 1;
            }
            n
        }
        None => 0,
    };
    paths
        .iter()
        .map(|segs| {
            let minimum = segs.iter().position(|s| !s.query && s.has_literal_word()).map_or(segs.len(), |p| p + 1);
            segs.len().saturating_sub(shared_tail).max(minimum)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(paths: &[&str]) -> Vec<String> {
        let owned: Vec<String> = paths.iter().map(|p| p.to_string()).collect();
        parse_paths(&owned).into_iter().map(|p| p.constructor).collect()
    }

    #[test]
    fn names_come_from_what_differs() {
        assert_eq!(names(&["/me/profile/account", "/users/{id | userPrincipalName}/profile/account"]), ["me", "users"]);
        assert_eq!(names(&["/me/events", "/me/calendar/events"]), ["me", "me_calendar"]);
        assert_eq!(
            names(&[
                "/me/drive/root/children",
                "/drives/{drive-id}/root/children",
                "/groups/{group-id}/drive/root/children",
            ]),
            ["me_drive", "drives", "groups_drive"]
        );
        assert_eq!(names(&["/me/profile/account/$ref"]), ["me"]);
        assert_eq!(names(&["/users"]), ["users"]);
    }

    #[test]
    fn parameters_tell_apart_what_words_cannot() {
        assert_eq!(
            names(&["/users/{id}", "/users/{userPrincipalName}"]),
            ["users_by_id", "users_by_user_principal_name"]
        );
    }

    #[test]
    fn fallback_names_only_when_nothing_differs() {
        assert_eq!(names(&["/{a}", "/{b}"]), ["by_a", "by_b"]);
        // Two spellings of one path: nothing tells them apart.
        assert_eq!(names(&["/{x}", "/{x}/"]), ["path_1", "path_2"]);
    }

    #[test]
    fn reserved_and_keyword_names() {
        assert_eq!(names(&["/parse_response"]), ["parse_response_2"]);
        assert_eq!(names(&["/$ref"]), ["r#ref"]);
        assert_eq!(names(&["/self"]), ["self_"]);
    }

    #[test]
    fn params_are_named_and_deduplicated() {
        let p = parse_paths(&["/groups/{id}/calendar/events/{id}/$value".to_string()]);
        let idents: Vec<&str> = p[0].params.iter().map(|p| p.ident.as_str()).collect();
        assert_eq!(idents, ["groups_id", "events_id"]);
        let p = parse_paths(&["/users/{id | userPrincipalName}/x/{body}".to_string()]);
        let idents: Vec<&str> = p[0].params.iter().map(|p| p.ident.as_str()).collect();
        assert_eq!(idents, ["id_or_user_principal_name", "body_2"]);
        assert_eq!(p[0].params[0].placeholder, "{id | userPrincipalName}");
    }

    fn pieces_of(raw: &str) -> (Vec<Piece>, Vec<String>) {
        let p = parse_paths(&[raw.to_string()]).remove(0);
        (p.pieces, p.params.into_iter().map(|p| p.ident).collect())
    }

    #[test]
    fn every_placeholder_syntax_of_the_docs_is_a_parameter() {
        let lit = |s: &str| Piece::Literal(s.to_string());
        // `{x-id}` and `{id | userPrincipalName}`.
        assert_eq!(
            pieces_of("/users/{id | userPrincipalName}/chats/{chat-id}/members"),
            (
                vec![lit("/users/"), Piece::Param(0), lit("/chats/"), Piece::Param(1), lit("/members")],
                vec!["id_or_user_principal_name".to_string(), "chat_id".to_string()]
            )
        );
        // `<x>` as the workbook pages write it.
        assert_eq!(
            pieces_of("/me/drive/items/{id}/workbook/worksheets/{id|name}/range(address='<address>')"),
            (
                vec![
                    lit("/me/drive/items/"),
                    Piece::Param(0),
                    lit("/workbook/worksheets/"),
                    Piece::Param(1),
                    lit("/range(address='"),
                    Piece::Param(2),
                    lit("')")
                ],
                vec!["id".to_string(), "id_or_name".to_string(), "address".to_string()]
            )
        );
        // OData key syntax.
        assert_eq!(
            pieces_of("/users(id='{id}')"),
            (vec![lit("/users(id='"), Piece::Param(0), lit("')")], vec!["id".to_string()])
        );
        // Function calls: every argument is a parameter, whatever the docs wrote for its value.
        assert_eq!(pieces_of("/me/calendar/getSchedule").0, [lit("/me/calendar/getSchedule")]);
        assert_eq!(
            pieces_of("/me/drive/items/{id}/workbook/worksheets/{id}/range/rowsAbove(count=n)"),
            (
                vec![
                    lit("/me/drive/items/"),
                    Piece::Param(0),
                    lit("/workbook/worksheets/"),
                    Piece::Param(1),
                    lit("/range/rowsAbove(count="),
                    Piece::Param(2),
                    lit(")")
                ],
                vec!["items_id".to_string(), "worksheets_id".to_string(), "count".to_string()]
            )
        );
        assert_eq!(pieces_of("/reports/getEmailActivityCounts(period='{period_value}')").1, ["period_value"]);
        assert_eq!(
            pieces_of("/users/{id | userPrincipalName}/reminderView(startDateTime=startDateTime-value,endDateTime=endDateTime-value)"),
            (
                vec![
                    lit("/users/"),
                    Piece::Param(0),
                    lit("/reminderView(startDateTime="),
                    Piece::Param(1),
                    lit(",endDateTime="),
                    Piece::Param(2),
                    lit(")")
                ],
                vec![
                    "id_or_user_principal_name".to_string(),
                    "start_date_time".to_string(),
                    "end_date_time".to_string()
                ]
            )
        );
        assert_eq!(
            pieces_of("/identityGovernance/appConsent/appConsentRequests/filterByCurrentUser(on='parameterValue')").0,
            [
                lit("/identityGovernance/appConsent/appConsentRequests/filterByCurrentUser(on='"),
                Piece::Param(0),
                lit("')")
            ]
        );
        // `$ref`, `$value`, `$count` stay as written.
        assert_eq!(pieces_of("/groups/{id}/members/$ref").0, [lit("/groups/"), Piece::Param(0), lit("/members/$ref")]);
        assert_eq!(pieces_of("/me/photo/$value").0, [lit("/me/photo/$value")]);
        assert_eq!(pieces_of("/users/$count").0, [lit("/users/$count")]);
        assert_eq!(pieces_of("/me/drive/root/delta()").0, [lit("/me/drive/root/delta()")]);
    }

    #[test]
    fn constructor_names_are_unique_for_each_syntax() {
        assert_eq!(
            names(&["/me/photo/$value", "/users/{id | userPrincipalName}/photo/$value", "/groups/{id}/photo/$value"]),
            ["me", "users", "groups"]
        );
        assert_eq!(names(&["/users/$count", "/groups/$count"]), ["users", "groups"]);
        assert_eq!(
            names(&["/me/drive/root/search(q='{search-text}')", "/drives/{drive-id}/root/search(q='{search-text}')"]),
            ["me_drive", "drives"]
        );
    }

    #[test]
    fn pieces_keep_odata_syntax_and_encode_the_rest() {
        let p = parse_paths(&["/me/events/{id}/$ref".to_string()]);
        assert_eq!(
            p[0].pieces,
            [Piece::Literal("/me/events/".into()), Piece::Param(0), Piece::Literal("/$ref".into())]
        );
        let p = parse_paths(&["/reminderView(startDateTime='{start}')?$count=true&x=a b".to_string()]);
        assert_eq!(
            p[0].pieces,
            [
                Piece::Literal("/reminderView(startDateTime='".into()),
                Piece::Param(0),
                Piece::Literal("')?$count=true&x=a%20b".into())
            ]
        );
        let p = parse_paths(&["/a/{unclosed".to_string()]);
        assert_eq!(p[0].pieces, [Piece::Literal("/a/%7Bunclosed".into())]);
        assert!(p[0].params.is_empty());
    }
}
