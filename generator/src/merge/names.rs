//! Type names across pages: qualification, case-insensitive identity, the best spelling.

use crate::extract::DEFAULT_NAMESPACE;
use rustc_hash::{FxHashMap, FxHashSet};
use std::borrow::Cow;
use std::collections::BTreeSet;

/// How authoritative a spelling is; lower wins, before the spelling's shape counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rank {
    ResourcePage = 0,
    Table = 1,
    Example = 2,
}

/// How a type name is cased, best first: the docs write types in camel case (`identitySet`),
/// single words in lower case (`identity`); lower-cased compounds (`identityset`) come from
/// annotations and capitalised ones (`Identity`) from prose at the start of a sentence.
fn shape(simple: &str) -> u8 {
    let first_lower = simple.starts_with(|c: char| c.is_ascii_lowercase());
    let has_upper = simple.chars().any(|c| c.is_ascii_uppercase());
    match (first_lower, has_upper) {
        (true, true) => 0,
        (true, false) => 1,
        _ => 2,
    }
}

/// A reference resolved to a key, with its qualified spelling, not yet recorded.
#[derive(Debug, Clone)]
pub struct Spelling {
    /// The lower-cased qualified name.
    pub key: String,
    spelled: String,
}

/// Every type name seen: keys are lower-cased qualified names.
#[derive(Debug, Default)]
pub struct Names {
    /// Lower-cased namespace -> as the pages write it.
    namespaces: FxHashMap<String, String>,
    /// Key -> best spelling so far: (rank, shape, order seen, spelling).
    spellings: FxHashMap<String, (Rank, u8, usize, String)>,
    /// Keys of types some page defines.
    defined: FxHashSet<String>,
    /// Lower-cased simple name -> keys with that simple name.
    by_simple: FxHashMap<String, BTreeSet<String>>,
    seen: usize,
}

impl Names {
    /// Records a namespace a page declares.
    pub fn add_namespace(&mut self, ns: &str) {
        self.namespaces.entry(ns.to_ascii_lowercase()).or_insert_with(|| ns.to_string());
    }

    /// Whether any page declares `ns` (the default namespace is always known).
    pub fn knows_namespace(&self, ns: &str) -> bool {
        let lower = lowered(ns);
        lower == DEFAULT_NAMESPACE || self.namespaces.contains_key(lower.as_ref())
    }

    /// `written` as a qualified name: its own namespace if a page declares it, else `page_ns`.
    fn qualify(&self, written: &str, page_ns: &str) -> String {
        let w = written.trim().trim_start_matches('#');
        match w.rsplit_once('.') {
            Some((ns, last)) => {
                let lower = lowered(ns);
                let shown = self.namespaces.get(lower.as_ref());
                if shown.is_some() || lower == DEFAULT_NAMESPACE {
                    dotted(shown.map_or(ns, String::as_str), last)
                } else {
                    dotted(page_ns, last)
                }
            }
            None => dotted(page_ns, w),
        }
    }

    /// Records a spelling of a name without defining the type.
    pub fn spell(&mut self, written: &str, page_ns: &str, rank: Rank) -> String {
        let q = self.qualify(written, page_ns);
        self.record(Spelling { key: q.to_ascii_lowercase(), spelled: q }, rank)
    }

    /// Records a spelling [`Names::prepare`] worked out; returns its key. Spellings are
    /// ranked by the order they are recorded in, so recording them in the order the
    /// references come keeps [`Names::resolve`]'s result.
    pub fn record(&mut self, spelling: Spelling, rank: Rank) -> String {
        let Spelling { key, spelled: q } = spelling;
        let (_, simple) = crate::ir::split_qualified(&q);
        self.seen += 1;
        let cand = (rank, shape(simple), self.seen, q);
        // Looked up before inserting: most names are seen many times, and the key and the
        // spelling need copying only the first time.
        match self.spellings.get_mut(&key) {
            // A resource page names its own type; elsewhere the shape says more than the rank.
            Some(e) => {
                let order = |c: &(Rank, u8, usize, String)| (c.0 != Rank::ResourcePage, c.1, c.0, c.2);
                if order(&cand) < order(e) {
                    *e = cand;
                }
            }
            None => {
                self.spellings.insert(key.clone(), cand);
            }
        }
        key
    }

    /// Records that a page defines the type; returns its key.
    pub fn declare(&mut self, written: &str, page_ns: &str, rank: Rank) -> String {
        let key = self.spell(written, page_ns, rank);
        if !self.defined.contains(&key) {
            self.defined.insert(key.clone());
            let (_, simple) = crate::ir::split_qualified(&key);
            self.by_simple.entry(simple.to_string()).or_default().insert(key.clone());
        }
        key
    }

    /// The key a reference on a page in `page_ns` means: the same namespace if defined
    /// there, else the one namespace that defines it (the default namespace first).
    pub fn resolve(&mut self, written: &str, page_ns: &str) -> String {
        let spelling = self.prepare(written, page_ns);
        self.record(spelling, Rank::Table)
    }

    /// [`Names::resolve`] without recording the spelling (see [`Names::record`]): it reads
    /// only what declaring names changes, so many references can be prepared at once.
    pub fn prepare(&self, written: &str, page_ns: &str) -> Spelling {
        let (w, ns) = self.resolution(written, page_ns);
        let q = self.qualify(w, &ns);
        Spelling { key: q.to_ascii_lowercase(), spelled: q }
    }

    /// The key [`Names::resolve`] gives, without recording the spelling: for reading the
    /// finished types, whose names must not change any more.
    pub fn key_of(&self, written: &str, page_ns: &str) -> String {
        self.prepare(written, page_ns).key
    }

    /// The name as written and the namespace to read it in (see [`Names::resolve`]).
    fn resolution<'a>(&self, written: &'a str, page_ns: &'a str) -> (&'a str, Cow<'a, str>) {
        let w = written.trim().trim_start_matches('#');
        if w.contains('.') {
            return (w, Cow::Borrowed(page_ns));
        }
        let mut local = dotted(page_ns, w);
        local.make_ascii_lowercase();
        if !self.defined.contains(&local) {
            let simple = lowered(w);
            if let Some(keys) = self.by_simple.get(simple.as_ref()) {
                let default = dotted(DEFAULT_NAMESPACE, &simple);
                let pick = if keys.contains(&default) { Some(default) } else { keys.iter().next().cloned() };
                if let Some(k) = pick {
                    let (ns, _) = crate::ir::split_qualified(&k);
                    let ns = self.namespaces.get(ns).cloned().unwrap_or_else(|| ns.to_string());
                    return (w, Cow::Owned(ns));
                }
            }
        }
        (w, Cow::Borrowed(page_ns))
    }

    /// A new type name for an enum the docs do not name: the property's name if free, else
    /// the owner's simple name followed by the property's.
    pub fn invent(&mut self, prop: &str, owner_key: &str, ns: &str) -> String {
        let ns_shown = self.namespaces.get(ns).cloned().unwrap_or_else(|| ns.to_string());
        let first = format!("{ns_shown}.{prop}");
        if !self.defined.contains(&first.to_ascii_lowercase())
            && !self.spellings.contains_key(&first.to_ascii_lowercase())
        {
            return self.declare(&first, &ns_shown, Rank::Table);
        }
        let owner = self.display(owner_key);
        let (_, simple) = crate::ir::split_qualified(&owner);
        let mut upper = prop.to_string();
        if let Some(c) = upper.get_mut(0..1) {
            c.make_ascii_uppercase();
        }
        self.declare(&format!("{ns_shown}.{simple}{upper}"), &ns_shown, Rank::Table)
    }

    /// The spelling to show for a key.
    pub fn display(&self, key: &str) -> String {
        self.spellings.get(key).map_or_else(|| key.to_string(), |s| s.3.clone())
    }
}

/// `namespace.name`. Names are qualified for every reference the merge meets (every example
/// object with an `@odata.type`, on every pass of the walk): joined directly, not through
/// `format!`'s machinery.
fn dotted(namespace: &str, name: &str) -> String {
    let mut out = String::with_capacity(namespace.len() + 1 + name.len());
    out.push_str(namespace);
    out.push('.');
    out.push_str(name);
    out
}

/// `s` in lower case, copied only when it has an upper-case letter (namespaces rarely do).
fn lowered(s: &str) -> Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(s.to_ascii_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camel_case_spelling_wins_over_lower_case() {
        let mut n = Names::default();
        let a = n.spell("microsoft.graph.useraccountinformation", "microsoft.graph", Rank::Table);
        let b = n.declare("userAccountInformation", "microsoft.graph", Rank::Table);
        let c = n.spell("UserAccountInformation", "microsoft.graph", Rank::Table);
        assert_eq!(a, b);
        assert_eq!(b, c);
        assert_eq!(n.display(&a), "microsoft.graph.userAccountInformation");
    }

    #[test]
    fn a_resource_page_spelling_wins_and_single_words_stay_lower_case() {
        let mut n = Names::default();
        let k = n.spell("Identity", "microsoft.graph", Rank::Table);
        n.spell("identity", "microsoft.graph", Rank::Example);
        assert_eq!(n.display(&k), "microsoft.graph.identity");
        let k = n.spell("IPv6Range", "microsoft.graph", Rank::ResourcePage);
        n.spell("iPv6Range", "microsoft.graph", Rank::Table);
        assert_eq!(n.display(&k), "microsoft.graph.IPv6Range");
    }

    #[test]
    fn unknown_namespace_maps_to_page_namespace() {
        let mut n = Names::default();
        let k = n.resolve("#Microsoft.Fast.PI.ViewGenerator.V2.Profile.Models.profile", "microsoft.graph");
        assert_eq!(k, "microsoft.graph.profile");
    }

    #[test]
    fn references_find_types_in_other_namespaces() {
        let mut n = Names::default();
        n.add_namespace("microsoft.graph.callRecords");
        n.declare("session", "microsoft.graph.callRecords", Rank::ResourcePage);
        assert_eq!(n.resolve("session", "microsoft.graph"), "microsoft.graph.callrecords.session");
        assert_eq!(n.display("microsoft.graph.callrecords.session"), "microsoft.graph.callRecords.session");
        assert_eq!(n.resolve("identitySet", "microsoft.graph.callRecords"), "microsoft.graph.callrecords.identityset");
    }
}
