//! Pages titled by a short name: "ChartAxes resource type" describes the type every other page
//! calls `WorkbookChartAxes`. Markdown says so in the resource annotation; plain text copied
//! from the site has only the title, so the page's type and the references to it would be two
//! types, one with the properties and one with none.

use crate::extract::{PageFacts, TypeRef};
use std::collections::{BTreeMap, BTreeSet};

/// Renames, on its own page, a type named only by its title (`ChartAxes`) after the one type
/// the other pages reference but no page defines whose name is the title's with words in front
/// (`WorkbookChartAxes`, "Workbook" ending where a capital starts). Only when the short name
/// is the API's name nowhere else: no other page references it (`itemBody` is referenced
/// everywhere, so an undefined `educationItemBody` never takes its page), one page defines
/// it, and one undefined name fits it (the longest short name that fits is taken).
pub(super) fn name_pages_as_referenced(facts: &mut [PageFacts]) {
    let qualified = |name: &str, ns: &str| {
        let name = name.trim().trim_start_matches('#');
        if name.contains('.') {
            name.to_ascii_lowercase()
        } else {
            format!("{ns}.{name}").to_ascii_lowercase()
        }
    };
    let mut defined: BTreeSet<String> = BTreeSet::new();
    // Short name -> the pages that define it by title alone, with the name as each writes it.
    let mut titled: BTreeMap<String, Vec<(usize, &str)>> = BTreeMap::new();
    // Names as pages write them: most references name a defined type that way, and those are
    // passed over without building keys, unless the type is one a title named.
    let mut defined_as_written: rustc_hash::FxHashSet<&str> = Default::default();
    let mut titled_as_written: rustc_hash::FxHashSet<&str> = Default::default();
    for (i, f) in facts.iter().enumerate() {
        for t in &f.types {
            let key = qualified(&t.name, &f.namespace);
            if t.resource && !t.spelled_exactly {
                titled.entry(key.clone()).or_default().push((i, &t.name));
                titled_as_written.insert(&t.name);
            }
            defined.insert(key);
            defined_as_written.insert(&t.name);
        }
        defined.extend(f.enums.iter().map(|e| qualified(&e.name, &f.namespace)));
    }
    if titled.is_empty() {
        return;
    }
    // Referenced name -> its first spelling, and the pages referencing it.
    let mut referenced: BTreeMap<String, (String, BTreeSet<usize>)> = BTreeMap::new();
    for (i, f) in facts.iter().enumerate() {
        for p in &f.props {
            let named = match &p.type_ref {
                TypeRef::Named(n) => Some(n),
                _ => None,
            };
            for n in named.into_iter().chain(&p.alternatives) {
                if defined_as_written.contains(n.as_str()) && !titled_as_written.contains(n.as_str()) {
                    continue;
                }
                let entry =
                    referenced.entry(qualified(n, &f.namespace)).or_insert_with(|| (n.clone(), BTreeSet::new()));
                entry.1.insert(i);
            }
        }
    }
    // Short name -> the undefined names that fit it.
    let mut fits: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (key, (spelled, _)) in referenced.iter().filter(|(k, _)| !defined.contains(*k)) {
        let (ns, local) = key.rsplit_once('.').unwrap_or(("", key));
        let longest = titled
            .keys()
            .filter(|short| {
                let (short_ns, short_local) = short.rsplit_once('.').unwrap_or(("", short));
                // Where the short name starts in the reference as written: at a capital.
                let at_word = spelled.len().checked_sub(short_local.len()).and_then(|i| spelled.get(i..));
                short_ns == ns
                    && local.len() > short_local.len()
                    && local.ends_with(short_local)
                    && at_word.is_some_and(|w| w.starts_with(|c: char| c.is_ascii_uppercase()))
            })
            .max_by_key(|short| short.len());
        if let Some(short) = longest {
            fits.entry(short.as_str()).or_default().push(key.as_str());
        }
    }
    let mut renames: Vec<(usize, String, String)> = Vec::new();
    for (short, longs) in fits {
        let ([long], [(page, written)]) = (longs.as_slice(), titled[short].as_slice()) else { continue };
        let elsewhere = referenced.get(short).is_some_and(|(_, pages)| pages.iter().any(|p| p != page));
        if !elsewhere {
            renames.push((*page, written.to_string(), referenced[*long].0.clone()));
        }
    }
    for (page, from, to) in renames {
        rename(&mut facts[page], &from, &to);
    }
}

/// Every name of the page's facts that is `from`, as written, becomes `to`.
fn rename(f: &mut PageFacts, from: &str, to: &str) {
    let fix = |s: &mut String| {
        if s == from {
            *s = to.to_string();
        }
    };
    for t in &mut f.types {
        fix(&mut t.name);
    }
    for p in &mut f.props {
        fix(&mut p.owner);
        if let TypeRef::Named(n) = &mut p.type_ref {
            fix(n);
        }
        p.alternatives.iter_mut().for_each(fix);
    }
    for b in &mut f.bases {
        fix(&mut b.derived);
        fix(&mut b.base);
    }
    for a in &mut f.ancestry {
        fix(&mut a.derived);
        a.ancestors.iter_mut().for_each(fix);
    }
    for e in &mut f.examples {
        e.type_name.iter_mut().for_each(fix);
        e.annotated.iter_mut().for_each(fix);
    }
    for m in &mut f.mentions {
        fix(&mut m.name);
    }
}
