//! Base types: said outright (`baseType`, "Inherits from") or inferred from which ancestors
//! a table's "Inherited from" rows name, and in what order.

use super::Merger;
use crate::diagnostics::Code;
use crate::extract::{PageFacts, Place};
use std::collections::{BTreeMap, BTreeSet};

/// Settles every type's base into `m.bases` (keys), reporting conflicts and cycles.
pub(super) fn resolve(m: &mut Merger, facts: &[PageFacts]) {
    let mut explicit: BTreeMap<String, Vec<(String, Place)>> = BTreeMap::new();
    let mut inferred: BTreeMap<String, Vec<(String, Place)>> = BTreeMap::new();
    for f in facts {
        let ns = f.namespace.as_str();
        for b in &f.bases {
            let d = m.names.resolve(&b.derived, ns);
            let base = m.names.resolve(&b.base, ns);
            if d != base {
                let target = if b.explicit { &mut explicit } else { &mut inferred };
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
        cands.sort_by(|a, b| a.1.cmp(&b.1));
        report_disagreements(
            m,
            &derived,
            &cands,
            "inferred from \"Inherited from\" rows; the first place in path order wins",
        );
        bases.insert(derived, cands[0].0.clone());
    }
    break_cycles(m, &mut bases);
    m.bases = bases;
}

/// Edges (derived, base) that one table's inherited rows imply.
///
/// Rows of different ancestors come root-first when each ancestor's rows are grouped
/// (`id` from `entity`, then `itemFacet`'s rows): the last group is the direct base. When
/// the page states the direct base and one other ancestor appears, that one is the base's base.
fn chain_edges(
    derived: &str,
    ancestors: &[String],
    grouped: bool,
    stated_base: Option<&String>,
) -> Vec<(String, String)> {
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
                let place = m.types.get(&cur).and_then(|t| t.sources.iter().next().cloned());
                let (file, pos) =
                    place.map_or((String::new(), crate::diagnostics::Pos::new(1, 1)), |p| (p.file, p.pos));
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

/// Ancestors of `key`, nearest first; safe on cycles.
pub(super) fn ancestors(bases: &BTreeMap<String, String>, key: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = key;
    while let Some(b) = bases.get(cur) {
        if b == key || out.contains(b) {
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
    fn grouped_rows_give_a_root_first_chain() {
        let e = chain_edges("uai", &s(&["entity", "itemfacet"]), true, None);
        assert_eq!(e, vec![("uai".into(), "itemfacet".into()), ("itemfacet".into(), "entity".into())]);
    }

    #[test]
    fn ungrouped_rows_use_the_stated_base() {
        let base = "itemfacet".to_string();
        let e = chain_edges("uai", &s(&["itemfacet", "entity"]), false, Some(&base));
        assert_eq!(e, vec![("itemfacet".into(), "entity".into())]);
        assert!(chain_edges("uai", &s(&["itemfacet", "entity"]), false, None).is_empty());
    }
}
