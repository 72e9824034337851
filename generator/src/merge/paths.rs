//! Properties that only the API pages show: `GET /users/{id}/joinedTeams` answering a
//! collection of `team` says that `user` (what `GET /users/{id}` answers) has a `joinedTeams`
//! relationship. Resource pages often leave such relationships out of their tables.

use super::{Candidate, Merger, Target};
use crate::extract::{PageFacts, Place, Precedence};
use std::collections::{BTreeMap, BTreeSet};

/// A path template with every `{...}` placeholder made the same and letters lower-cased.
fn normalise(path: &str) -> String {
    let mut out = String::new();
    let mut depth = 0u32;
    for c in path.trim_end_matches('/').chars() {
        match c {
            '{' => {
                if depth == 0 {
                    out.push_str("{}");
                }
                depth += 1;
            }
            '}' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c.to_ascii_lowercase()),
            _ => {}
        }
    }
    out
}

/// A last segment that can name a property: letters and digits only (no `$value`, no
/// function call, no namespace-qualified action).
fn property_segment(path: &str) -> Option<(&str, &str)> {
    let path = path.trim_end_matches('/');
    let (prefix, last) = path.rsplit_once('/')?;
    let ok = !prefix.is_empty()
        && last.starts_with(|c: char| c.is_ascii_lowercase())
        && last.chars().all(|c| c.is_ascii_alphanumeric());
    ok.then_some((prefix, last))
}

/// What one operation says about the object at the end of its paths.
struct PathFact {
    paths: Vec<String>,
    /// The type of the object (or collection) the paths end at.
    target: String,
    collection: bool,
    /// The paths address exactly this object (GET of one object, PATCH, PUT).
    addresses: bool,
    place: Place,
}

/// Adds the properties that API paths imply, to the types their prefixes address.
///
/// `GET /x/{id}` answering one `T` says `/x/{}` addresses a `T`; `GET`, `PATCH`, `PUT` on
/// `/x/{id}/seg` and `POST` creating under it (a collection: it posts and answers the same
/// type) say `T` has a property `seg`.
/// Paths listed together on one page are the same operation, so `/me/seg` and
/// `/users/{id}/seg` on one page make `/me` and `/users/{}` address the same type.
pub(super) fn add_from_paths(m: &mut Merger, facts: &[PageFacts], entities: &BTreeSet<String>) {
    let mut ops: Vec<PathFact> = Vec::new();
    for f in facts {
        let Some(e) = &f.endpoint else { continue };
        let (body, collection, addresses) = match e.method.as_str() {
            // A path ending in a key addresses one object, whatever the prose says.
            "GET" => match &e.response_body {
                Some((t, c)) => {
                    let keyed = e.paths.iter().all(|p| p.trim_end_matches('/').ends_with('}'));
                    (t, *c && !keyed, !*c || keyed)
                }
                None => continue,
            },
            "PATCH" | "PUT" => match e.request_body.as_ref().or(e.response_body.as_ref()) {
                Some((t, false)) => (t, false, true),
                _ => continue,
            },
            // Creation posts the object it answers (`POST /me/events` with an event);
            // actions (`POST /me/messages/{id}/copy`) take parameters instead.
            "POST" if e.success_status == Some(201) => match (&e.request_body, &e.response_body) {
                (Some((req, false)), Some((t, false))) if req.eq_ignore_ascii_case(t) => (t, true, false),
                _ => continue,
            },
            _ => continue,
        };
        let target = m.names.resolve(body, &f.namespace);
        if m.types.get(&target).is_none_or(|b| b.is_enum) {
            continue;
        }
        ops.push(PathFact { paths: e.paths.clone(), target, collection, addresses, place: e.place.clone() });
    }
    // Template -> every type an operation shows there, in page order.
    let mut every: BTreeMap<String, Vec<&String>> = BTreeMap::new();
    for op in ops.iter().filter(|o| o.addresses) {
        for p in &op.paths {
            let seen = every.entry(normalise(p)).or_default();
            if !seen.contains(&&op.target) {
                seen.push(&op.target);
            }
        }
    }
    // Properties go to the type the first page shows; an address resolves to what they share.
    let mut addressed: BTreeMap<String, String> =
        every.iter().map(|(t, types)| (t.clone(), types[0].clone())).collect();
    m.addressed = every.iter().filter_map(|(t, types)| Some((t.clone(), common_ancestor(m, types)?))).collect();
    // Prefixes that one page lists side by side address the same type.
    for _ in 0..2 {
        for op in &ops {
            let prefixes: Vec<String> =
                op.paths.iter().filter_map(|p| property_segment(p).map(|(prefix, _)| normalise(prefix))).collect();
            if let Some(t) = prefixes.iter().find_map(|p| addressed.get(p).cloned()) {
                for p in prefixes {
                    addressed.entry(p).or_insert_with(|| t.clone());
                }
            }
        }
    }
    for op in ops {
        for path in &op.paths {
            let Some((prefix, segment)) = property_segment(path) else { continue };
            let Some(owner) = addressed.get(&normalise(prefix)).cloned() else { continue };
            add_property(m, &owner, segment, &op, entities);
        }
    }
}

/// What a template that several types' pages address is known to hold: Intune's
/// `/deviceAppManagement/mobileApps/{id}` answers an `androidLobApp` on one page and an
/// `iosLobApp` on the next, so it addresses their nearest common ancestor, `mobileApp`. A
/// root that merely tops every lineage (`entity`) says nothing, unless a page addresses it.
fn common_ancestor(m: &Merger, types: &[&String]) -> Option<String> {
    let lines: Vec<Vec<String>> = types.iter().map(|t| super::bases::lineage(&m.bases, t)).collect();
    let (first, rest) = lines.split_first()?;
    let common = first.iter().find(|x| rest.iter().all(|l| l.contains(x)))?;
    let topmost = !m.bases.contains_key(common);
    (!topmost || types.contains(&common) || types.len() == 1).then(|| common.clone())
}

/// The type of the object at a concrete path (`/communications/calls/57da.../operations/0fe0...`,
/// as a `Location` header gives it); `None` when the path ends at a collection (see
/// [`slot_at`]).
pub(super) fn type_at(m: &Merger, path: &str) -> Option<String> {
    slot_at(m, path).and_then(|(ty, collection)| (!collection).then_some(ty))
}

/// What a path addresses, and whether it is a collection of it: the longest prefix that an
/// operation's path template addresses, then, segment by segment, the property of that name
/// along the type's lineage, a key after a collection choosing one of its items, and a type
/// cast (`.../microsoft.graph.group`) the type it names. `None` when a segment is not known.
/// Placeholders (`{id}`) in `path` stand for keys as concrete values do.
pub(super) fn slot_at(m: &Merger, path: &str) -> Option<(String, bool)> {
    let segs: Vec<String> =
        path.trim_matches('/').split('/').filter(|s| !s.is_empty()).map(str::to_ascii_lowercase).collect();
    // Every template is tried for each prefix length: compared segment by segment as split,
    // without collecting each into a vector.
    let matches = |template: &str, n: usize| {
        let mut t = template.trim_start_matches('/').split('/');
        segs[..n].iter().all(|s| t.next().is_some_and(|t| t == "{}" || t == s)) && t.next().is_none()
    };
    let (start, owner) = (1..=segs.len())
        .rev()
        .find_map(|n| m.addressed.iter().find(|(t, _)| matches(t, n)).map(|(_, ty)| (n, ty.clone())))?;
    let (mut ty, mut collection) = (owner, false);
    for seg in &segs[start..] {
        if let Some(cast) = cast_target(m, seg) {
            ty = cast;
            continue;
        }
        if collection {
            collection = false;
            continue;
        }
        let chain = super::bases::lineage(&m.bases, &ty);
        let (next, many) = chain.iter().find_map(|t| {
            let b = m.types.get(t)?;
            let (_, cands) = b.props.iter().find(|(k, _)| k.eq_ignore_ascii_case(seg))?;
            cands.iter().find_map(|c| match &c.target {
                Target::Named(k) => Some((k.clone(), c.collection)),
                _ => None,
            })
        })?;
        (ty, collection) = (next, many);
    }
    Some((ty, collection))
}

/// The struct type a type-cast segment (`microsoft.graph.group`, lower-cased) names, if it
/// is one.
pub(super) fn cast_target(m: &Merger, seg: &str) -> Option<String> {
    let is_cast = seg.contains('.') && seg.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_');
    (is_cast && m.types.get(seg).is_some_and(|b| !b.is_enum)).then(|| seg.to_string())
}

fn add_property(m: &mut Merger, owner: &str, segment: &str, op: &PathFact, entities: &BTreeSet<String>) {
    if owner == op.target && !op.collection {
        return;
    }
    let chain = super::bases::lineage(&m.bases, owner);
    let known =
        chain.iter().any(|t| m.types.get(t).is_some_and(|b| b.props.keys().any(|k| k.eq_ignore_ascii_case(segment))));
    if known {
        return;
    }
    let c = Candidate {
        target: Target::Named(op.target.clone()),
        collection: op.collection,
        navigation: entities.contains(&op.target),
        nullable: true,
        description: None,
        possible_values: Vec::new(),
        place: op.place.clone(),
        precedence: Precedence::Request,
        written: m.names.display(&op.target),
        enum_type: None,
        alternatives: Vec::new(),
    };
    if let Some(b) = m.types.get_mut(owner) {
        b.add_candidate(segment, c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_normalise_and_split() {
        assert_eq!(normalise("/users/{id | userPrincipalName}/joinedTeams/"), "/users/{}/joinedteams");
        assert_eq!(property_segment("/users/{id}/joinedTeams"), Some(("/users/{id}", "joinedTeams")));
        assert_eq!(property_segment("/me/photo/$value"), None);
        assert_eq!(property_segment("/reports/getEmailActivityCounts(period='D7')"), None);
        assert_eq!(property_segment("/users/{id}/microsoft.graph.delta"), None);
        assert_eq!(property_segment("/me"), None);
    }

    fn named(target: &str, collection: bool) -> Candidate {
        Candidate {
            target: Target::Named(target.into()),
            collection,
            navigation: true,
            nullable: true,
            description: None,
            possible_values: Vec::new(),
            place: Place { file: "x.md".into(), pos: crate::diagnostics::Pos::new(1, 1) },
            precedence: Precedence::Resource,
            written: target.into(),
            enum_type: None,
            alternatives: Vec::new(),
        }
    }

    #[test]
    fn concrete_paths_resolve_through_properties_and_keys() {
        let mut m = Merger::default();
        m.types.entry_or_default("call".into()).add_candidate("operations", named("operation", true));
        m.types.entry_or_default("operation".into());
        m.types.entry_or_default("base".into()).add_candidate("owner", named("call", false));
        m.types.entry_or_default("derived".into());
        m.bases.insert("derived".into(), "base".into());
        m.addressed.insert("/communications/calls/{}".into(), "call".into());
        m.addressed.insert("/things/{}".into(), "derived".into());
        assert_eq!(type_at(&m, "/communications/calls/57da/operations/0fe0").as_deref(), Some("operation"));
        assert_eq!(type_at(&m, "/Communications/Calls/57da").as_deref(), Some("call"));
        // The collection itself is no one object; an unknown segment is no type.
        assert_eq!(type_at(&m, "/communications/calls/57da/operations"), None);
        assert_eq!(type_at(&m, "/communications/calls/57da/participants/1"), None);
        // Properties are found along the base chain.
        assert_eq!(type_at(&m, "/things/1/owner/operations/2").as_deref(), Some("operation"));
        assert_eq!(type_at(&m, "/elsewhere/1"), None);
        // Templates resolve too, and a cast names the type it casts to.
        assert_eq!(slot_at(&m, "/communications/calls/{id}/operations"), Some(("operation".into(), true)));
        m.types.entry_or_default("microsoft.graph.special".into());
        assert_eq!(
            slot_at(&m, "/communications/calls/{id}/operations/microsoft.graph.special"),
            Some(("microsoft.graph.special".into(), true))
        );
    }
}
