//! Base types: said outright (`baseType`, "Inherits from") or inferred from which ancestors
//! a table's "Inherited from" rows name, and in what order.

use super::Merger;
use crate::diagnostics::Code;
use crate::extract::{BaseClaim, PageFacts, Place};
use std::collections::{BTreeMap, BTreeSet};

/// The root of the entity hierarchy, as the docs show it: a type that declares nothing but
/// the key property (`keyProperty` of the resource annotations, `id` by default) and that
/// "Inherited from" rows of the key name most often, at least twice. (Intermediate types such
/// as a family's common base are cited for the key too, but they declare more than the key.)
/// In Graph that is `entity`; nothing here knows the name.
pub(super) fn key_root(m: &mut Merger, facts: &[PageFacts]) -> Option<String> {
    let mut keys: BTreeMap<&str, usize> = BTreeMap::new();
    for t in facts.iter().flat_map(|f| &f.types) {
        if let Some(k) = &t.key_property {
            *keys.entry(k.as_str()).or_default() += 1;
        }
    }
    let key = keys.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).map_or("id", |(k, _)| *k).to_string();
    let mut cited: BTreeMap<String, usize> = BTreeMap::new();
    for f in facts {
        for p in f.props.iter().filter(|p| p.inherited && p.name == key) {
            *cited.entry(m.names.resolve(&p.owner, &f.namespace)).or_default() += 1;
        }
    }
    let only_key = |t: &str| m.types.get(t).is_some_and(|b| b.props.keys().all(|p| *p == key));
    cited
        .into_iter()
        .filter(|(t, n)| *n >= 2 && only_key(t))
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(k, _)| k)
}

/// Entity types for which no page states or implies a base derive from the root: the docs
/// leave `Inherits from entity` unsaid on most pages, and OData entity types all have a key,
/// which the root declares.
pub(super) fn attach_to_root(m: &mut Merger, root: &str, entities: &BTreeSet<String>) {
    for t in entities {
        if t == root || m.bases.contains_key(t) || m.types.get(t).is_none_or(|b| b.is_enum) {
            continue;
        }
        if ancestors(&m.bases, root).contains(t) {
            continue;
        }
        m.bases.insert(t.clone(), root.to_string());
        m.assumed_bases.insert(t.clone());
    }
}

/// A base no page states, read from examples: a value whose `@odata.type` names `T` where its
/// property is declared as `D` is a `T` standing in for a `D` (Graph's polymorphism), and when
/// `T` is also named as a kind of `D` (its name is `D`'s with words in front: `userIdentity`
/// in an `identity` property), `T` derives from `D`. The name alone is not enough
/// (`physicalOfficeAddress` is no `physicalAddress`), nor is the slot (a `chatMessage` as a
/// notification's `resourceData`): both must agree. Only a struct type with no base at all
/// gets one, the same from every example, and never one that would close a cycle.
pub(super) fn from_examples(m: &mut Merger) {
    let mut found = Found::new();
    for (t, d) in m.typed_slots.keys() {
        let local = |k: &str| crate::ir::split_qualified(k).1.to_ascii_lowercase();
        let (tl, dl) = (local(t), local(d));
        if tl.len() > dl.len() && tl.ends_with(&dl) {
            found.entry(t.clone()).or_default().entry(d.clone()).or_default();
        }
    }
    adopt(m, found, Evidence::Slot);
}

/// Derived type -> each base the evidence names -> the first place that shows it (none for
/// example slots, whose evidence is not reported).
type Found = BTreeMap<String, BTreeMap<String, Option<Place>>>;

/// Records that `place` shows `t` where a `d` belongs, keeping the first place in path order.
fn note(found: &mut Found, t: String, d: String, place: Place) {
    let first = found.entry(t).or_default().entry(d).or_default();
    if first.as_ref().is_none_or(|p| place < *p) {
        *first = Some(place);
    }
}

/// `path:line` (a schema `sources` entry) as a place, at the line's first column.
fn place_of(source: &str) -> Option<Place> {
    let (file, line) = source.rsplit_once(':')?;
    Some(Place { file: file.into(), pos: crate::diagnostics::Pos::new(line.parse().ok()?, 1) })
}

/// A base no page states, read from where the API says an object lives: a response whose
/// `Location` header is `/communications/calls/{id}/operations/{id}` shows an object of a
/// call's `operations`, declared `commsOperation`; when its `@odata.type` (or the response's
/// type) is `playPromptOperation`, that is a kind of `commsOperation` (an OData entity at an
/// address of type `D` is a `D`). The address is the API's own word, so unlike a property
/// slot it needs no agreement of names.
pub(super) fn from_locations(m: &mut Merger, facts: &[PageFacts]) {
    let mut found = Found::new();
    for f in facts {
        for e in f.examples.iter().filter(|e| !e.collection) {
            let Some(location) = &e.location else { continue };
            // An empty body shows no object to place.
            if !e.value.as_object().is_some_and(|o| o.keys().any(|k| !crate::json::is_annotation(k))) {
                continue;
            }
            let said = e.value.get("@odata.type").and_then(|t| t.as_str()).map(|t| t.trim().trim_start_matches('#'));
            let Some(shown) = said.or(e.annotated.as_deref()).or(e.type_name.as_deref()) else { continue };
            let shown = m.names.resolve(shown, &f.namespace);
            if let Some(at) = super::paths::type_at(m, location).filter(|at| *at != shown) {
                note(&mut found, shown, at, e.place.clone());
            }
        }
    }
    adopt(m, found, Evidence::Address);
}

/// A base no page states, read from a type cast in an API path: in
/// `GET /users/{id}/memberOf/microsoft.graph.group` the cast segment narrows a collection of
/// `directoryObject` (what `memberOf` holds) to its `group`s, and OData casts only to derived
/// types, so `group` derives from `directoryObject`. Operation paths and example URLs count
/// alike.
pub(super) fn from_casts(m: &mut Merger, endpoints: &[crate::ir::Endpoint]) {
    let mut found = Found::new();
    let urls = endpoints.iter().flat_map(|e| {
        let source = e.sources.first().map(String::as_str).unwrap_or_default();
        let paths = e.paths.iter().map(move |p| (p.as_str(), source));
        let examples =
            e.example_urls.iter().map(|u| (u.url.split(['?', '#']).next().unwrap_or_default(), u.source.as_str()));
        paths.chain(examples)
    });
    for (path, source) in urls {
        let path = path.to_ascii_lowercase();
        for (i, _) in path.match_indices('/').skip(1) {
            let seg = path[i + 1..].split('/').next().unwrap_or("");
            let Some(cast) = super::paths::cast_target(m, seg) else { continue };
            if let Some((at, _)) = super::paths::slot_at(m, &path[..i]).filter(|(at, _)| *at != cast) {
                if let Some(place) = place_of(source) {
                    note(&mut found, cast, at, place);
                }
            }
        }
    }
    adopt(m, found, Evidence::Address);
}

/// What a base read from the API's behaviour rests on.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Evidence {
    /// An example value in a property slot, with names that agree: enough for a type no
    /// page gives a base at all.
    Slot,
    /// An address the API gives (a `Location` header, a type cast): enough also to refine
    /// the root an entity was given only for being an entity.
    Address,
}

/// Gives each struct type with no base the one base its evidence names, unless the evidence
/// disagrees or the base would close a cycle. Evidence of an address also replaces the base
/// [`attach_to_root`] assumed, and where it contradicts a base the pages state, or names two
/// bases, that is reported (`conflict`) and nothing changes.
fn adopt(m: &mut Merger, found: Found, evidence: Evidence) {
    let is_struct = |m: &Merger, k: &String| m.types.get(k).is_some_and(|b| !b.is_enum);
    for (t, ds) in found {
        if !is_struct(m, &t) {
            continue;
        }
        let shown = |m: &Merger, k: &str| m.names.display(k);
        // Only an address is firm enough for its contradictions to be worth a report.
        let report = evidence == Evidence::Address;
        if ds.len() > 1 && report {
            let cited: Vec<String> =
                ds.iter().filter_map(|(d, p)| Some(format!("`{}` ({})", shown(m, d), p.as_ref()?.cite()))).collect();
            if let Some(place) = ds.values().flatten().min().cloned() {
                m.sink.push(
                    &place.file,
                    place.pos,
                    Code::Conflict,
                    format!(
                        "the API shows `{}` where {} are expected; no base was inferred from that",
                        shown(m, &t),
                        cited.join(" and ")
                    ),
                );
            }
            continue;
        }
        let mut ds = ds.into_iter();
        let (Some((d, place)), None) = (ds.next(), ds.next()) else { continue };
        let open = !m.bases.contains_key(&t) || (evidence == Evidence::Address && m.assumed_bases.contains(&t));
        if !open {
            let stated = m.bases.get(&t).cloned().unwrap_or_default();
            if let (Some(place), false, true) = (place, lineage(&m.bases, &t).contains(&d), report) {
                m.sink.push(
                    &place.file,
                    place.pos,
                    Code::Conflict,
                    format!(
                        "the API shows `{}` where `{}` is expected, but its pages say it derives from `{}`; \
                         `{}` was kept",
                        shown(m, &t),
                        shown(m, &d),
                        shown(m, &stated),
                        shown(m, &stated)
                    ),
                );
            }
            continue;
        }
        if !is_struct(m, &d) || lineage(&m.bases, &d).contains(&t) {
            continue;
        }
        m.assumed_bases.remove(&t);
        m.bases.insert(t, d);
    }
}

/// Settles every type's base into `m.bases` (keys), reporting conflicts and cycles.
pub(super) fn resolve(m: &mut Merger, facts: &[PageFacts], root: Option<&String>) {
    let mut explicit: BTreeMap<String, Vec<(String, Place)>> = BTreeMap::new();
    let mut inferred: BTreeMap<String, Vec<(String, Place)>> = BTreeMap::new();
    let mut listed: BTreeMap<String, Vec<(String, Place)>> = BTreeMap::new();
    for f in facts {
        let ns = f.namespace.as_str();
        for b in &f.bases {
            let d = m.names.resolve(&b.derived, ns);
            let base = m.names.resolve(&b.base, ns);
            if d != base {
                let target = match b.claim {
                    BaseClaim::Stated => &mut explicit,
                    BaseClaim::Listed => &mut listed,
                };
                target.entry(d).or_default().push((base, b.place.clone()));
            }
        }
    }
    for f in facts {
        let ns = f.namespace.as_str();
        for a in &f.ancestry {
            let derived = m.names.resolve(&a.derived, ns);
            let ancestors: Vec<String> =
                a.ancestors.iter().map(|x| m.names.resolve(x, ns)).filter(|x| *x != derived).collect();
            let edges = chain_edges(
                &derived,
                &ancestors,
                a.grouped,
                explicit.get(&derived).and_then(|v| v.first()).map(|(b, _)| b),
                root,
            );
            for (d, b) in edges {
                inferred.entry(d).or_default().push((b, a.place.clone()));
            }
        }
    }
    let mut bases = BTreeMap::new();
    for (derived, mut cands) in explicit {
        cands.sort_by(|a, b| a.1.cmp(&b.1));
        report_disagreements(m, &derived, &cands, "said outright; the first place in path order wins");
        bases.insert(derived, cands[0].0.clone());
    }
    for (derived, mut cands) in inferred {
        if bases.contains_key(&derived) {
            continue;
        }
        // The base most tables imply wins; ties go to the first place in path order.
        cands.sort_by(|a, b| a.1.cmp(&b.1));
        let votes = |base: &String| cands.iter().filter(|(b, _)| b == base).count();
        let best = cands.iter().map(|(b, _)| (votes(b), b)).max_by(|a, b| a.0.cmp(&b.0)).map(|(_, b)| b.clone());
        if let Some(best) = best {
            let at = cands.iter().position(|(b, _)| *b == best).unwrap_or(0);
            cands.swap(0, at);
            cands[1..].sort_by(|a, b| a.1.cmp(&b.1));
        }
        report_disagreements(
            m,
            &derived,
            &cands,
            "inferred from \"Inherited from\" rows; the base most tables imply wins, then the first place in path order",
        );
        bases.insert(derived, cands[0].0.clone());
    }
    apply_listings(m, &mut bases, listed);
    break_cycles(m, &mut bases);
    cap_depth(m, &mut bases);
    m.bases = bases;
}

/// Settles what bases' pages list as derived from them. A listing names an ancestor, maybe
/// not the direct base, so of the ancestors listing a type the deepest is its base (each
/// listing is consistent with it). A listing refines a base that is an ancestor of the one
/// listed ("Inherits from entity" beside a listing by `directoryObject`, itself an entity);
/// it does not override a base stated on the type's own page that it contradicts: that is
/// reported as a conflict. Listings naming a type no page defines are ignored.
fn apply_listings(
    m: &mut Merger,
    bases: &mut BTreeMap<String, String>,
    listed: BTreeMap<String, Vec<(String, Place)>>,
) {
    let listed: BTreeMap<String, Vec<(String, Place)>> = listed
        .into_iter()
        .filter(|(d, _)| m.types.get(d).is_some_and(|t| !t.is_enum))
        .map(|(d, mut c)| {
            c.retain(|(b, _)| m.types.get(b).is_some_and(|t| !t.is_enum));
            c.sort_by(|a, b| a.1.cmp(&b.1));
            (d, c)
        })
        .filter(|(_, c)| !c.is_empty())
        .collect();
    // Tentative edges from listings alone, so that depth among listed ancestors can be judged
    // through one another (`a` lists `b` and `c`; `b` lists `c`: `c`'s base is `b`).
    let mut with_listed = bases.clone();
    for _ in 0..2 {
        for (d, cands) in &listed {
            if let Some(deepest) = deepest(&with_listed, cands) {
                with_listed.insert(d.clone(), deepest);
            }
        }
    }
    for (d, cands) in &listed {
        let Some(best) = deepest(&with_listed, cands) else { continue };
        match bases.get(d) {
            None => {
                bases.insert(d.clone(), best);
            }
            Some(current) if *current == best => {}
            Some(current) => {
                let best_line = ancestors(&with_listed, &best);
                if best_line.contains(current) {
                    bases.insert(d.clone(), best);
                } else if !ancestors(bases, current).contains(&best) {
                    let place = cands.iter().find(|(b, _)| *b == best).map(|(_, p)| p.clone());
                    if let Some(place) = place {
                        m.sink.push(
                            &place.file,
                            place.pos,
                            Code::Conflict,
                            format!(
                                "`{}` is listed here as derived from `{}`, but its own page says its base is `{}`; \
                                 `{}` was used (a type's own page outranks its base's listing)",
                                m.names.display(d),
                                m.names.display(&best),
                                m.names.display(current),
                                m.names.display(current)
                            ),
                        );
                    }
                }
            }
        }
    }
}

/// Of the listed ancestors, the one every other is an ancestor of (the deepest); when they do
/// not form one line, the first in path order.
fn deepest(bases: &BTreeMap<String, String>, cands: &[(String, Place)]) -> Option<String> {
    let names: BTreeSet<&String> = cands.iter().map(|(b, _)| b).collect();
    names
        .iter()
        .find(|c| {
            let line = ancestors(bases, c);
            names.iter().all(|o| o == *c || line.contains(o))
        })
        .map(|c| (*c).clone())
        .or_else(|| cands.first().map(|(b, _)| b.clone()))
}

/// Edges (derived, base) that one table's inherited rows imply.
///
/// The root of the hierarchy (see [`key_root`]) is the topmost ancestor wherever its rows
/// stand. Rows of other ancestors come root-first when each ancestor's rows are grouped
/// (`id` from `entity`, then `itemFacet`'s rows): the last group is the direct base. When
/// the page states the direct base and one other ancestor appears, that one is the base's base.
fn chain_edges(
    derived: &str,
    ancestors: &[String],
    grouped: bool,
    stated_base: Option<&String>,
    root: Option<&String>,
) -> Vec<(String, String)> {
    if let Some(root) = root.filter(|r| ancestors.contains(r) && ancestors.len() > 1) {
        let mut ordered = vec![root.clone()];
        ordered.extend(ancestors.iter().filter(|a| *a != root).cloned());
        let grouped = grouped || ordered.len() == 2;
        return chain_edges(derived, &ordered, grouped, stated_base, None);
    }
    let mut edges = Vec::new();
    match (ancestors.len(), grouped, stated_base) {
        (0, _, _) => {}
        (1, _, _) => edges.push((derived.to_string(), ancestors[0].clone())),
        (_, true, _) => {
            let mut child = derived.to_string();
            for a in ancestors.iter().rev() {
                edges.push((child.clone(), a.clone()));
                child = a.clone();
            }
        }
        (_, false, Some(base)) => {
            let others: Vec<&String> = ancestors.iter().filter(|a| *a != base).collect();
            if others.len() == 1 {
                edges.push((base.clone(), others[0].clone()));
            }
        }
        _ => {}
    }
    edges
}

fn report_disagreements(m: &mut Merger, derived: &str, cands: &[(String, Place)], how: &str) {
    let (winner, wplace) = &cands[0];
    let mut reported = BTreeSet::new();
    for (base, place) in &cands[1..] {
        if base != winner && reported.insert(base.clone()) {
            m.sink.push(
                &place.file,
                place.pos,
                Code::Conflict,
                format!(
                    "`{}` derives from `{}` here but from `{}` at {}; `{}` was used ({how})",
                    m.names.display(derived),
                    m.names.display(base),
                    m.names.display(winner),
                    wplace.cite(),
                    m.names.display(winner)
                ),
            );
        }
    }
}

/// Drops the base link that closes a cycle, with a diagnostic; in key order, so deterministic.
fn break_cycles(m: &mut Merger, bases: &mut BTreeMap<String, String>) {
    let keys: Vec<String> = bases.keys().cloned().collect();
    for start in keys {
        let mut seen = BTreeSet::new();
        let mut cur = start.clone();
        seen.insert(cur.clone());
        while let Some(next) = bases.get(&cur).cloned() {
            if !seen.insert(next.clone()) {
                bases.remove(&cur);
                let (file, pos) = first_place(m, &cur);
                m.sink.push(
                    &file,
                    pos,
                    Code::InheritanceCycle,
                    format!(
                        "inheritance cycle through `{}`; its base `{}` was dropped",
                        m.names.display(&cur),
                        m.names.display(&next)
                    ),
                );
                break;
            }
            cur = next;
        }
    }
}

/// The most ancestors a type may have. Graph's deepest chains have five or six; a page whose
/// rows name thousands of ancestors in turn would make every derived struct repeat every
/// ancestor's fields (quadratic output), so longer chains are cut.
const MAX_DEPTH: usize = 32;

/// Cuts every chain longer than [`MAX_DEPTH`] at its `MAX_DEPTH`-th ancestor, with a
/// diagnostic; in key order, so deterministic. Runs after cycles are broken.
fn cap_depth(m: &mut Merger, bases: &mut BTreeMap<String, String>) {
    let keys: Vec<String> = bases.keys().cloned().collect();
    for start in keys {
        let mut cur = start.clone();
        let mut depth = 0;
        while let Some(next) = bases.get(&cur).cloned() {
            depth += 1;
            if depth > MAX_DEPTH {
                bases.remove(&cur);
                let (file, pos) = first_place(m, &start);
                m.sink.push(
                    &file,
                    pos,
                    Code::DeepInheritance,
                    format!(
                        "`{}` has more than {MAX_DEPTH} ancestors; the chain was cut above `{}` (its base `{}` was dropped)",
                        m.names.display(&start),
                        m.names.display(&cur),
                        m.names.display(&next)
                    ),
                );
                break;
            }
            cur = next;
        }
    }
}

/// Where a diagnostic about type `key` points: the first place that defines it.
fn first_place(m: &Merger, key: &str) -> (String, crate::diagnostics::Pos) {
    let place = m.types.get(key).and_then(|t| t.sources.iter().next().cloned());
    place.map_or((String::new(), crate::diagnostics::Pos::new(1, 1)), |p| (p.file.to_string(), p.pos))
}

/// `key` and then its ancestors, nearest first: where a type's properties may be declared.
pub(super) fn lineage(bases: &BTreeMap<String, String>, key: &str) -> Vec<String> {
    std::iter::once(key.to_string()).chain(ancestors(bases, key)).collect()
}

/// Ancestors of `key`, nearest first; safe on cycles.
pub(super) fn ancestors(bases: &BTreeMap<String, String>, key: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    let mut cur = key;
    while let Some(b) = bases.get(cur) {
        if b == key || !seen.insert(b.as_str()) {
            break;
        }
        out.push(b.clone());
        cur = b;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn chains_deeper_than_the_limit_are_cut() {
        let mut m = Merger::default();
        let mut bases: BTreeMap<String, String> = (0..100).map(|i| (format!("t{i}"), format!("t{}", i + 1))).collect();
        cap_depth(&mut m, &mut bases);
        for i in 0..100 {
            assert!(ancestors(&bases, &format!("t{i}")).len() <= MAX_DEPTH);
        }
        let diags = m.sink.take();
        assert!(!diags.is_empty() && diags.iter().all(|d| d.code == Code::DeepInheritance));
        // A chain within the limit is left alone.
        let mut short: BTreeMap<String, String> = (0..5).map(|i| (format!("t{i}"), format!("t{}", i + 1))).collect();
        let before = short.clone();
        cap_depth(&mut m, &mut short);
        assert_eq!(short, before);
    }

    #[test]
    fn addresses_refine_an_assumed_root_and_slots_do_not() {
        let mut m = Merger::default();
        for t in ["entity", "operation", "playop", "stated", "other", "slotted"] {
            m.types.entry_or_default(t.into());
        }
        m.bases.insert("operation".into(), "entity".into());
        m.bases.insert("stated".into(), "other".into());
        attach_to_root(&mut m, "entity", &["playop".to_string(), "slotted".to_string()].into());
        assert!(m.assumed_bases.contains("playop"));
        let at = |line: u32| Some(Place { file: "api/x.md".into(), pos: crate::diagnostics::Pos::new(line, 1) });
        let found = |pairs: &[(&str, &[&str])]| -> Found {
            let places = |ds: &[&str]| ds.iter().enumerate().map(|(i, d)| (d.to_string(), at(i as u32 + 1))).collect();
            pairs.iter().map(|(t, ds)| (t.to_string(), places(ds))).collect()
        };
        adopt(&mut m, found(&[("slotted", &["operation"])]), Evidence::Slot);
        assert_eq!(m.bases["slotted"], "entity");
        adopt(&mut m, found(&[("playop", &["operation"]), ("stated", &["operation"])]), Evidence::Address);
        assert_eq!(m.bases["playop"], "operation");
        assert!(!m.assumed_bases.contains("playop"));
        // A base a page states stays; evidence that disagrees with itself places nothing; no cycle.
        assert_eq!(m.bases["stated"], "other");
        adopt(&mut m, found(&[("slotted", &["operation", "other"])]), Evidence::Address);
        assert_eq!(m.bases["slotted"], "entity");
        adopt(&mut m, found(&[("operation", &["playop"])]), Evidence::Address);
        assert_eq!(m.bases["operation"], "entity");
        // Each contradiction of an address is reported where it shows: the stated base of
        // `stated`, the two bases of `slotted`, `operation`'s own base; a slot reports nothing.
        let diags = m.sink.take();
        assert_eq!(diags.len(), 3, "{diags:?}");
        assert!(diags.iter().all(|d| d.code == Code::Conflict && d.file == "api/x.md"), "{diags:?}");
        assert!(diags[0].message.contains("`stated` where `operation` is expected"), "{diags:?}");
        assert!(diags[0].message.contains("derives from `other`; `other` was kept"), "{diags:?}");
        assert!(diags[1].message.contains("`operation` (api/x.md:1:1) and `other` (api/x.md:2:1)"), "{diags:?}");
        assert!(diags[2].message.contains("`operation` where `playop` is expected"), "{diags:?}");
    }

    #[test]
    fn grouped_rows_give_a_root_first_chain() {
        let e = chain_edges("uai", &s(&["entity", "itemfacet"]), true, None, None);
        assert_eq!(e, vec![("uai".into(), "itemfacet".into()), ("itemfacet".into(), "entity".into())]);
    }

    #[test]
    fn ungrouped_rows_use_the_stated_base() {
        let base = "itemfacet".to_string();
        let e = chain_edges("uai", &s(&["itemfacet", "entity"]), false, Some(&base), None);
        assert_eq!(e, vec![("itemfacet".into(), "entity".into())]);
        assert!(chain_edges("uai", &s(&["itemfacet", "entity"]), false, None, None).is_empty());
    }

    #[test]
    fn the_root_is_topmost_wherever_its_rows_stand() {
        let root = "entity".to_string();
        let e = chain_edges("school", &s(&["educationorganization", "entity"]), true, None, Some(&root));
        assert_eq!(
            e,
            vec![("school".into(), "educationorganization".into()), ("educationorganization".into(), "entity".into())]
        );
        let e = chain_edges("uai", &s(&["itemfacet", "entity"]), false, None, Some(&root));
        assert_eq!(e, vec![("uai".into(), "itemfacet".into()), ("itemfacet".into(), "entity".into())]);
    }
}
