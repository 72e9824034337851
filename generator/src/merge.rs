//! Merging: the facts of every page -> one [`Schema`], settling disagreements by precedence.
//!
//! Precedence, documented once here and cited by the `conflict` diagnostics:
//! 1. a resource page's own table outranks a table on an API page, which outranks an example;
//! 2. at equal rank, a named type outranks a primitive, which outranks `Enumeration`, which
//!    outranks `String`; and a property described as `String`/`Enumeration` with "Possible
//!    values are: ..." takes the enum type another place names, whatever the rank;
//! 3. at equal rank and specificity, the first place in path order wins.
//!
//! Names are matched case-insensitively (the docs write `useraccountinformation` in
//! annotations and `userAccountInformation` in tables); the camel-case spelling is kept.

mod bases;
mod examples;
pub use examples::is_schematic;
mod names;
mod paths;
mod predict;
mod short_names;
mod subareas;
mod type_map;

use crate::diagnostics::{Code, Diagnostic, Sink};
use crate::extract::{PageFacts, Place, Precedence, PropFact, TypeRef};
use crate::ir::{self, BodyRef, EnumMember, Schema, TypeDef, TypeKind};
use names::{Names, Spelling};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use type_map::TypeMap;

/// One candidate declaration of a property, from a table row or an example.
#[derive(Debug, Clone)]
struct Candidate {
    /// Resolved: an `Edm.*` name, a type key (lower-cased qualified name), or `None` for "Enumeration".
    target: Target,
    collection: bool,
    navigation: bool,
    nullable: bool,
    description: Option<String>,
    possible_values: Vec<String>,
    place: Place,
    precedence: Precedence,
    /// How the docs wrote the type, for messages.
    written: String,
    /// The enum type this `String`/`Enumeration` with listed values turned out to be.
    enum_type: Option<String>,
    /// Type keys of a "[a] or [b]" cell: the target becomes what they have in common.
    alternatives: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Target {
    Primitive(&'static str),
    Named(String),
    Enumeration,
}

impl Target {
    /// Lower is more specific: named type, other primitive, Enumeration, String, untyped.
    fn specificity(&self) -> u8 {
        match self {
            Target::Named(_) => 0,
            Target::Primitive(p) if *p == ir::edm::UNTYPED => 4,
            Target::Primitive(p) if *p == ir::edm::STRING => 3,
            Target::Primitive(_) => 1,
            Target::Enumeration => 2,
        }
    }
}

/// Everything known about one type while merging.
#[derive(Debug, Default)]
struct TypeBuilder {
    description: Option<(Precedence, Place, String)>,
    entity_hint: bool,
    is_abstract: bool,
    is_enum: bool,
    /// An enum whose members a page lists as a definition (members table or values section).
    declared_members: bool,
    /// Values carry keys of their own (`openType`): examples say nothing about properties.
    open_type: bool,
    /// Its resource page has a property table: that table is the definition.
    resource_table: bool,
    /// A resource page describes it: a structured type, never an enum made of listed values.
    resource_page: bool,
    /// The pages whose examples or representations show a property of this type holding a
    /// string, number or boolean (`"values": "json"`): with no properties, and on
    /// [`CORROBORATING_PAGES`] pages or more, it is any JSON value.
    scalar_pages: BTreeSet<crate::page::PagePath>,
    /// For an open type: the types its examples' property values have (a named type's key or
    /// an `Edm` name; `null` and objects without `@odata.type` say nothing), and whether some
    /// value was an array (then it is no map of one type); and the pages that showed values
    /// ([`CORROBORATING_PAGES`] are needed).
    open_values: BTreeSet<String>,
    open_arrays: bool,
    open_pages: BTreeSet<crate::page::PagePath>,
    /// Per declared property: the pages whose examples show it holding one value (not an
    /// array) and those showing an array. When [`CORROBORATING_PAGES`] pages or more show the
    /// other shape than the table says, and none the table's, the examples are right:
    /// Presence's `availability`, "string collection" in its table, is `"Away"` in its
    /// representation and in every response; `chatMessage.hostedContents`, one
    /// `chatMessageHostedContent` in its table, is an array in every request.
    value_shapes: BTreeMap<String, ValueShapes>,
    /// Declared by a table row somewhere (so examples are checked against it, not added to it).
    from_tables: bool,
    /// Property names in first-seen order (by precedence, then place).
    prop_order: Vec<String>,
    props: BTreeMap<String, Vec<Candidate>>,
    members: Vec<EnumMember>,
    sources: BTreeSet<Place>,
    /// The area of the most authoritative page that declares the type: by precedence, then
    /// the type's own page (see [`is_home_page`]) before others, then place.
    /// A page of no area counts only when it is the type's own (whose "no area" then stands).
    area: Option<(AreaRank, Place, Option<String>)>,
}

/// How a page's claim to file a type under its area ranks (lower first): its precedence, and
/// whether it is some other page than the type's own.
type AreaRank = (Precedence, bool);

/// Whether the page whose file name (without extension) is `stem` is named after the type
/// `name` (in `ns` unless qualified): `resources/user.md` for `user`,
/// `resources/callrecords-callrecord.md` for `microsoft.graph.callRecords.callRecord`. Other
/// pages describe types too: Intune's `intune-devices-user.md` lists the properties of `user`
/// its workload adds, and sorts first.
fn is_home_page(stem: &str, name: &str, ns: &str) -> bool {
    let name = name.trim().trim_start_matches('#');
    let (ns, local) = name.rsplit_once('.').unwrap_or((ns, name));
    if stem.eq_ignore_ascii_case(local) {
        return true;
    }
    let last = ns.rsplit('.').next().unwrap_or(ns);
    stem.split_once('-')
        .is_some_and(|(prefix, rest)| prefix.eq_ignore_ascii_case(last) && rest.eq_ignore_ascii_case(local))
}

/// See [`TypeBuilder::value_shapes`].
///
/// Pages are numbered ([`Merger::pages`]): the sets are filled for every key of every example,
/// and numbers are compared and copied for much less than paths.
#[derive(Debug, Default)]
struct ValueShapes {
    single: BTreeSet<PageNo>,
    array: BTreeSet<PageNo>,
    /// The pages whose examples (not a type's own representation, written with its tables)
    /// use the property's name at all, whatever the value: see
    /// `examples::rename_collections_the_examples_pluralise`.
    named: BTreeSet<PageNo>,
}

/// A page's number: its place in [`Merger::pages`], whose order is the paths' order.
type PageNo = u32;

impl ValueShapes {
    /// The pages whose examples contradict a table's collection-ness, when they are
    /// [`CORROBORATING_PAGES`] or more and no example agrees with the table.
    fn contradicting(&self, collection: bool) -> Option<&BTreeSet<PageNo>> {
        let (against, agreeing) = if collection { (&self.single, &self.array) } else { (&self.array, &self.single) };
        (agreeing.is_empty() && against.len() >= CORROBORATING_PAGES).then_some(against)
    }
}

impl Merger {
    /// The number of the page at `path` (the pages are sorted and unique); `PageNo::MAX` for a
    /// path that is no page's (examples have no other places).
    fn page_no(&self, path: &str) -> PageNo {
        self.pages.binary_search_by(|p| p.as_str().cmp(path)).map_or(PageNo::MAX, |i| i as PageNo)
    }

    /// The area a page files what it defines under: its `ms.prod` (`area`), or `area/part`
    /// when its file name gives the part of a split area (see [`subareas`]).
    fn area_at(&self, page: &str, area: &str) -> String {
        self.area_paths.get(page).cloned().unwrap_or_else(|| area.to_string())
    }

    /// The path of page `n`.
    fn page(&self, n: PageNo) -> &str {
        self.pages.get(n as usize).map_or("", crate::page::PagePath::as_str)
    }
}

impl TypeBuilder {
    /// Offers the area of the page at `place` (whose file name is `stem`) for the type `name`
    /// (see [`TypeBuilder::area`]).
    fn offer_area(
        &mut self,
        area: &Option<String>,
        precedence: Precedence,
        place: &Place,
        stem: &str,
        name: &str,
        ns: &str,
    ) {
        if self.area.as_ref().is_some_and(|((p, _), _, _)| *p < precedence) {
            return;
        }
        let home = is_home_page(stem, name, ns);
        if area.is_none() && !home {
            return;
        }
        let rank = (precedence, !home);
        if self.area.as_ref().is_none_or(|(r, pl, _)| (rank, place) < (*r, pl)) {
            self.area = Some((rank, place.clone(), area.clone()));
        }
    }

    fn add_candidate(&mut self, name: &str, c: Candidate) {
        let list = match self.props.get_mut(name) {
            Some(list) => list,
            None => {
                self.prop_order.push(name.to_string());
                self.props.entry(name.to_string()).or_default()
            }
        };
        if !list.iter().any(|x| x.place == c.place && x.target == c.target) {
            list.push(c);
        }
    }

    /// Adds members in order. A member already present (matched ignoring case, as the docs
    /// write `None` in prose for the `none` their tables list) keeps its spelling; its value
    /// and description are the first non-empty ones given.
    fn add_members(&mut self, members: &[EnumMember]) {
        for m in members {
            match self.members.iter_mut().find(|x| x.name.eq_ignore_ascii_case(&m.name)) {
                Some(x) => {
                    x.value = x.value.or(m.value);
                    if x.description.as_deref().is_none_or(str::is_empty) {
                        x.description.clone_from(&m.description);
                    }
                }
                None => self.members.push(m.clone()),
            }
        }
    }
}

/// The lower-cased members of the enum types pages define, and which of those enums have
/// each member, kept between the calls of [`Merger::enum_with_members`] (one per property with
/// listed values) so that each call looks only at the enums having its values.
///
/// Members are only ever appended, and never renamed (see [`TypeBuilder::add_members`]): an
/// enum is indexed again when it has more members than it had when indexed.
#[derive(Default)]
struct EnumIndex {
    /// Whether every defined enum has been indexed once.
    built: bool,
    /// Type key -> (how many members the set was made from, their lower-cased names).
    sets: BTreeMap<String, (usize, BTreeSet<String>)>,
    /// Lower-cased member name -> the enums having it.
    having: BTreeMap<String, BTreeSet<String>>,
}

impl EnumIndex {
    /// Indexes `key`'s members, unless they are indexed already.
    fn refresh(&mut self, key: &str, members: &[EnumMember]) {
        if self.sets.get(key).is_some_and(|(n, _)| *n == members.len()) {
            return;
        }
        let set: BTreeSet<String> = members.iter().map(|m| m.name.to_ascii_lowercase()).collect();
        for name in &set {
            let enums = self.having.entry(name.clone()).or_default();
            if !enums.contains(key) {
                enums.insert(key.to_string());
            }
        }
        self.sets.insert(key.to_string(), (members.len(), set));
    }
}

/// How many pages must show a property-less type holding scalars, or an open type's values,
/// before it becomes any JSON or a map: one page's slip (`"system": false` for an object) is
/// not enough.
const CORROBORATING_PAGES: usize = 2;

/// The schema under construction.
#[derive(Default)]
struct Merger {
    names: Names,
    types: TypeMap,
    bases: BTreeMap<String, String>,
    /// (type an example's `@odata.type` names, type its place declares) -> the pages showing
    /// it, where the two differ: evidence for [`bases::from_examples`].
    typed_slots: BTreeMap<(String, String), BTreeSet<crate::page::PagePath>>,
    /// (type, key) -> where examples show a key no table of the type declares; reported once
    /// the renames they justify are made (see `examples::report_undeclared_keys`).
    undeclared_keys: BTreeMap<(String, String), BTreeSet<Place>>,
    /// Normalised path template (`/communications/calls/{}`) -> the type of the object it
    /// addresses, as the API pages show it (see `paths::type_at`).
    addressed: BTreeMap<String, String>,
    /// Types whose base is the root only because they are entities ([`bases::attach_to_root`]):
    /// what the API's addresses say may replace it.
    assumed_bases: BTreeSet<String>,
    /// Every page's path, in order: a [`PageNo`] indexes it.
    pages: Vec<crate::page::PagePath>,
    /// (type, property) -> the type the owner's own JSON representation names for it with a
    /// bare `{"@odata.type": "x"}` (see [`Merger::represented_types`]).
    represented: BTreeMap<(String, String), String>,
    /// Page path -> `area/part` for the pages of areas their file names split into parts
    /// (see [`subareas`]).
    area_paths: BTreeMap<String, String>,
    sink: Sink,
}

/// The nearest type in the lineage of every one of `alternatives` (at least one).
fn common_ancestor(bases: &BTreeMap<String, String>, alternatives: &[String]) -> Option<String> {
    let lines: Vec<Vec<String>> = alternatives.iter().map(|a| bases::lineage(bases, a)).collect();
    lines[0].iter().find(|x| lines[1..].iter().all(|l| l.contains(x))).cloned()
}

/// Merges all pages' facts. Deterministic: the result does not depend on the order of `facts`.
pub fn merge(facts: Vec<PageFacts>) -> Schema {
    merge_overlapping(facts, |_| ()).0
}

/// What a merge no longer needs once the schema is built: every page's facts and every
/// builder. Freeing them takes a while (about 12 ms on the Graph reference), so dropping this
/// hands them to a pool worker; a caller with parallel work to do right after the merge
/// (serialising the schema) holds it until that is done, so that the work has every core.
pub struct Leftovers(Option<Box<dyn Send>>);

impl Drop for Leftovers {
    fn drop(&mut self) {
        if let Some(leftovers) = self.0.take() {
            rayon::spawn(move || drop(leftovers));
        }
    }
}

/// [`merge`], returning with the schema what it leaves, to be dropped when the caller's next
/// parallel stage is done (see [`Leftovers`]), and calling `with_endpoints` on the endpoints
/// as soon as they are final (they are the schema's, unchanged), on a pool worker while the
/// merge goes on with the types: most of the merge runs on one core, and the caller's work on
/// the endpoints (serialising them) can use another meanwhile. Returns what `with_endpoints`
/// returned. The schema is the same.
pub fn merge_overlapping<R: Send>(
    mut facts: Vec<PageFacts>,
    with_endpoints: impl FnOnce(&[ir::Endpoint]) -> R + Send,
) -> (Schema, Leftovers, R) {
    facts.sort_by(|a, b| a.path.cmp(&b.path));
    short_names::name_pages_as_referenced(&mut facts);
    let mut pages: Vec<crate::page::PagePath> = facts.iter().map(|f| f.path.clone()).collect();
    pages.dedup();
    let area_paths = subareas::area_paths(&facts);
    let mut m = Merger { pages, area_paths, ..Merger::default() };
    for f in &mut facts {
        m.sink.extend(std::mem::take(&mut f.diagnostics));
        m.names.add_namespace(&f.namespace);
    }
    m.register(&facts);
    m.check_mentions(&facts);
    m.collect_props(&facts);
    let root = bases::key_root(&mut m, &facts);
    bases::resolve(&mut m, &facts, root.as_ref());
    // What the rest of the merge no longer reads is freed on a pool worker meanwhile: merge
    // runs on one core, and freeing everything at the end kept the other core busy just as
    // emission starts.
    let read: Vec<_> = facts
        .iter_mut()
        .map(|f| {
            use std::mem::take;
            (
                take(&mut f.types),
                take(&mut f.props),
                take(&mut f.bases),
                take(&mut f.ancestry),
                take(&mut f.enums),
                take(&mut f.mentions),
            )
        })
        .collect();
    rayon::spawn(move || drop(read));
    let endpoints = m.endpoints(&mut facts);
    // The merge goes on on this worker; another takes `with_endpoints` once it is free.
    let ((types, examples), early) =
        rayon::join(|| m.types_and_examples(&facts, &endpoints, root), || with_endpoints(&endpoints));
    let mut diagnostics: Vec<Diagnostic> = m.sink.take();
    diagnostics.sort();
    diagnostics.dedup();
    // Freeing every page's facts and every builder takes a while: a pool worker does it when
    // the caller is done with its next stage (see `Leftovers`).
    (Schema { types, endpoints, diagnostics, examples }, Leftovers(Some(Box::new((facts, m)))), early)
}

impl Merger {
    /// The rest of the merge once the endpoints are final: the types (settled against the
    /// endpoints, the API paths and the examples) and the concrete examples.
    fn types_and_examples(
        &mut self,
        facts: &[PageFacts],
        endpoints: &[ir::Endpoint],
        root: Option<String>,
    ) -> (Vec<TypeDef>, Vec<ir::Example>) {
        let m = self;
        let entities = m.entity_keys(endpoints);
        if let Some(root) = &root {
            bases::attach_to_root(m, root, &entities);
        }
        m.settle_alternatives();
        paths::add_from_paths(m, facts, &entities);
        // Relationships that only API paths show make their targets entities too.
        if let Some(root) = &root {
            let entities = m.entity_keys(endpoints);
            bases::attach_to_root(m, root, &entities);
        }
        examples::apply(m, facts);
        examples::rename_collections_the_examples_pluralise(m);
        examples::report_undeclared_keys(m);
        bases::from_examples(m);
        bases::from_locations(m, facts);
        bases::from_casts(m, endpoints);
        m.drop_inherited_duplicates();
        let entity_keys = m.entity_keys(endpoints);
        m.report_name_collisions();
        let types = m.build_types(&entity_keys);
        let examples = examples::concrete(m, facts, &types);
        (types, examples)
    }
}

impl Merger {
    /// Every type some page defines: resource pages, table owners, enum lists, ancestors.
    fn register(&mut self, facts: &[PageFacts]) {
        for f in facts {
            let ns = f.namespace.as_str();
            let stem = file_stem(&f.path);
            for t in &f.types {
                let rank = if t.spelled_exactly { names::Rank::ResourcePage } else { names::Rank::Table };
                let key = self.names.declare(&t.name, ns, rank);
                let b = self.types.entry_or_default(key);
                b.sources.insert(t.place.clone());
                b.offer_area(&f.area, t.precedence, &t.place, stem, &t.name, ns);
                b.entity_hint |= t.entity;
                b.is_abstract |= t.is_abstract;
                b.open_type |= t.open_type;
                b.resource_table |= t.has_table;
                b.resource_page |= t.resource;
                if let Some(d) = &t.description {
                    if b.description.as_ref().is_none_or(|(p, pl, _)| (t.precedence, &t.place) < (*p, pl)) {
                        b.description = Some((t.precedence, t.place.clone(), d.clone()));
                    }
                }
            }
            for p in &f.props {
                let key = self.names.declare(&p.owner, ns, names::Rank::Table);
                let b = self.types.entry_or_default(key);
                b.from_tables = true;
                b.sources.insert(p.place.clone());
                b.offer_area(&f.area, p.precedence, &p.place, stem, &p.owner, ns);
            }
            for e in &f.enums {
                let key = self.names.declare(&e.name, ns, names::Rank::Table);
                let b = self.types.entry_or_default(key);
                b.is_enum = true;
                b.declared_members = true;
                b.sources.insert(e.place.clone());
                b.offer_area(&f.area, Precedence::Resource, &e.place, stem, &e.name, ns);
                b.add_members(&e.members);
            }
            for a in &f.ancestry {
                for anc in &a.ancestors {
                    let key = self.names.declare(anc, ns, names::Rank::Table);
                    self.types.entry_or_default(key);
                }
            }
            for base in &f.bases {
                let key = self.names.declare(&base.base, ns, names::Rank::Table);
                self.types.entry_or_default(key);
            }
            // Named type cells give spellings (not definitions).
            for p in &f.props {
                if let TypeRef::Named(n) = &p.type_ref {
                    self.names.spell(n, ns, names::Rank::Table);
                }
            }
        }
    }

    /// `@odata.type` values with a namespace no page declares: mapped to the page's namespace.
    fn check_mentions(&mut self, facts: &[PageFacts]) {
        for f in facts {
            for mention in f.mentions.iter().filter(|m| m.odata_type) {
                let written = mention.name.trim().trim_start_matches('#');
                if let Some((ns, last)) = written.rsplit_once('.') {
                    if !self.names.knows_namespace(ns) {
                        let mapped = format!("{}.{last}", f.namespace);
                        self.sink.push(
                            &mention.place.file,
                            mention.place.pos,
                            Code::OddODataType,
                            format!("`@odata.type` `{}` names namespace `{ns}`, which no page declares; it was read as `{mapped}`", mention.name),
                        );
                    }
                }
            }
        }
    }

    /// Table rows become property candidates; enum types get the members the rows list.
    fn collect_props(&mut self, facts: &[PageFacts]) {
        let mut all: Vec<(&PropFact, &str)> =
            facts.iter().flat_map(|f| f.props.iter().map(move |p| (p, f.namespace.as_str()))).collect();
        all.sort_by(|a, b| (a.0.precedence, &a.0.place).cmp(&(b.0.precedence, &b.0.place)));
        // Names are resolved and candidates built for every row at once, on the pool; the
        // rows are then applied in order, recording the spellings in the order `resolve`
        // would have (owner, type, alternatives), since the first spellings rank first.
        let names = &self.names;
        let prepared: Vec<(&PropFact, Spelling, Vec<Spelling>, Candidate)> = all
            .par_iter()
            .map(|&(p, ns)| {
                let owner = names.prepare(&p.owner, ns);
                let mut spellings = Vec::with_capacity(1 + p.alternatives.len());
                let (target, written) = match &p.type_ref {
                    TypeRef::Primitive(x) => (Target::Primitive(x), p.type_ref.display()),
                    TypeRef::Named(n) => {
                        let s = names.prepare(n, ns);
                        let key = s.key.clone();
                        spellings.push(s);
                        (Target::Named(key), n.clone())
                    }
                    TypeRef::Enumeration => (Target::Enumeration, "Enumeration".to_string()),
                    TypeRef::Unknown(t) => (Target::Primitive(ir::edm::UNTYPED), t.clone()),
                };
                let alternatives: Vec<String> = p
                    .alternatives
                    .iter()
                    .map(|a| {
                        let s = names.prepare(a, ns);
                        let key = s.key.clone();
                        spellings.push(s);
                        key
                    })
                    .collect();
                let c = Candidate {
                    target,
                    collection: p.collection,
                    navigation: p.navigation,
                    nullable: p.nullable,
                    description: p.description.clone(),
                    possible_values: p.possible_values.clone(),
                    place: p.place.clone(),
                    precedence: p.precedence,
                    written,
                    enum_type: None,
                    alternatives,
                };
                (p, owner, spellings, c)
            })
            .collect();
        for (p, owner, spellings, c) in prepared {
            let owner = self.names.record(owner, names::Rank::Table);
            // A resource page's table is the type's definition: rows on API pages that it
            // does not list are parameters or create-only fields, reported and left out.
            if p.precedence == Precedence::Request
                && self.types.get(&owner).is_some_and(|t| t.resource_table && !t.props.contains_key(&p.name))
            {
                self.sink.push(
                    &p.place.file,
                    p.place.pos,
                    Code::UndeclaredRequestProperty,
                    format!(
                        "`{}` is a request-body row for `{}`, whose resource page does not list it; it was not added",
                        p.name,
                        self.names.display(&owner)
                    ),
                );
                continue;
            }
            for s in spellings {
                self.names.record(s, names::Rank::Table);
            }
            self.types.entry_or_default(owner).add_candidate(&p.name, c);
        }
        let represented = self.represented_types(facts);
        self.settle_enums(&represented);
        self.represented = represented;
    }

    /// What each type's own JSON representation names as a property's type with a bare
    /// `{"@odata.type": "x"}` value, by (type, property).
    fn represented_types(&mut self, facts: &[PageFacts]) -> BTreeMap<(String, String), String> {
        let mut out = BTreeMap::new();
        for f in facts {
            let ns = f.namespace.as_str();
            for ex in f.examples.iter().filter(|e| e.representation) {
                let (Some(root), serde_json::Value::Object(obj)) = (&ex.type_name, &ex.value) else { continue };
                let root = self.names.resolve(root, ns);
                for (key, value) in obj {
                    let serde_json::Value::Object(inner) = value else { continue };
                    if let (1, Some(serde_json::Value::String(named))) = (inner.len(), inner.get("@odata.type")) {
                        let named = self.names.resolve(named.trim_start_matches('#'), ns);
                        out.entry((root.clone(), key.clone())).or_insert(named);
                    }
                }
            }
        }
        out
    }

    /// Properties with listed values: the enum type they name (here or elsewhere) gets the
    /// members; `Enumeration` with no name anywhere gets a made-up name and a diagnostic.
    /// A `String` whose values are listed and which the type's JSON representation gives a
    /// type that no page defines (`"status": {"@odata.type": "microsoft.graph.workbookOperationStatus"}`)
    /// is that enum: the representation names it and the table lists its members.
    fn settle_enums(&mut self, represented: &BTreeMap<(String, String), String>) {
        let owners: Vec<String> = self.types.keys().cloned().collect();
        let mut enums = EnumIndex::default();
        for owner in owners {
            let prop_names: Vec<String> = self.types[owner.as_str()].prop_order.clone();
            for prop in prop_names {
                // Most properties list no values: they are passed over without copying.
                if !self.types[owner.as_str()].props[&prop]
                    .iter()
                    .any(|c| c.target == Target::Enumeration || !c.possible_values.is_empty())
                {
                    continue;
                }
                let cands = self.types[owner.as_str()].props[&prop].clone();
                let values: Vec<String> = {
                    let mut v: Vec<String> = Vec::new();
                    for c in &cands {
                        for x in &c.possible_values {
                            if !v.contains(x) {
                                v.push(x.clone());
                            }
                        }
                    }
                    v
                };
                let enumish = cands.iter().any(|c| c.target == Target::Enumeration) || !values.is_empty();
                if !enumish {
                    continue;
                }
                // Values listed for a property whose type a resource page describes (a range's
                // `valueTypes` of type `Json`) are prose about the data: the type stays structured.
                let structured = |k: &String| self.types.get(k).is_some_and(|t| t.resource_page && !t.declared_members);
                if cands.iter().any(|c| matches!(&c.target, Target::Named(k) if structured(k))) {
                    continue;
                }
                let named = cands.iter().find_map(|c| match &c.target {
                    Target::Named(k) if !self.types.get(k).is_some_and(|t| t.from_tables) => Some(k.clone()),
                    _ => None,
                });
                let undefined = |k: &String| {
                    self.types.get(k).is_none_or(|t| !t.from_tables && !t.resource_page && !t.declared_members)
                };
                let named = named.or_else(|| {
                    let listed =
                        cands.iter().any(|c| c.target == Target::Primitive(ir::edm::STRING)) && !values.is_empty();
                    represented.get(&(owner.clone(), prop.clone())).filter(|k| listed && undefined(k)).cloned()
                });
                let enum_key = match named {
                    Some(k) => k,
                    None if cands.iter().any(|c| c.target == Target::Enumeration) => {
                        let first = &cands[0];
                        let (ns, _) = ir::split_qualified(&owner);
                        let key = self.names.invent(&prop, &owner, ns);
                        let shown = self.names.display(&key);
                        self.sink.push(
                            &first.place.file,
                            first.place.pos,
                            Code::UnnamedEnum,
                            format!("`{prop}` is an enumeration the docs never name; it was named `{shown}`"),
                        );
                        key
                    }
                    // `String` with listed values and no enum named here: the enum some page
                    // defines with exactly those values, if there is one; else it stays a string.
                    None => match self.enum_with_members(&values, &prop, &owner, &mut enums) {
                        Some(k) => k,
                        None => continue,
                    },
                };
                let b = self.types.entry_or_default(enum_key.clone());
                b.is_enum = true;
                let listed: Vec<EnumMember> =
                    values.iter().map(|v| EnumMember { name: v.clone(), value: None, description: None }).collect();
                b.add_members(&listed);
                if b.declared_members {
                    enums.refresh(&enum_key, &b.members);
                }
                for c in &cands {
                    b.sources.insert(c.place.clone());
                }
                for c in self.types.get_mut(&owner).and_then(|t| t.props.get_mut(&prop)).into_iter().flatten() {
                    if matches!(c.target, Target::Enumeration)
                        || (c.target == Target::Primitive(ir::edm::STRING) && !c.possible_values.is_empty())
                    {
                        c.enum_type = Some(enum_key.clone());
                    }
                }
            }
        }
    }

    /// The enum type some page defines whose members include every listed value (compared
    /// case-insensitively; at least two values, and at least half its members): the smallest
    /// such enum; when several are
    /// equally small, the one whose name contains the property's name, else the one in the
    /// owner's namespace (`callRecords.modality` and `modality` for a `microsoft.graph` type);
    /// `None` if still unsure.
    fn enum_with_members(&self, values: &[String], prop: &str, owner: &str, enums: &mut EnumIndex) -> Option<String> {
        if values.len() < 2 {
            return None;
        }
        if !enums.built {
            for (k, t) in self.types.iter().filter(|(_, t)| t.is_enum && t.declared_members) {
                enums.refresh(k, &t.members);
            }
            enums.built = true;
        }
        let wanted: BTreeSet<String> = values.iter().map(|v| v.to_ascii_lowercase()).collect();
        // The enums having every value are among those having the rarest one (none when a
        // value is no enum's member).
        let rarest = wanted.iter().map(|v| enums.having.get(v)).min_by_key(|e| e.map_or(0, BTreeSet::len))??;
        // A few values out of a much larger enum (`accepted` and `declined` of `responseType`'s
        // six members) say little: the values must be at least half the enum's members,
        // `unknownFutureValue` aside.
        let fits: Vec<(&String, usize)> = rarest
            .iter()
            .filter_map(|k| {
                let have = &enums.sets.get(k)?.1;
                let members = have.len() - usize::from(have.contains("unknownfuturevalue"));
                (wanted.is_subset(have) && wanted.len() * 2 >= members).then_some((k, have.len()))
            })
            .collect();
        let smallest = fits.iter().map(|(_, n)| *n).min()?;
        let best: Vec<&String> = fits.iter().filter(|(_, n)| *n == smallest).map(|(k, _)| *k).collect();
        let prop = prop.to_ascii_lowercase();
        let named: Vec<&String> = best.iter().copied().filter(|k| ir::split_qualified(k).1.contains(&prop)).collect();
        let pool = if named.is_empty() { best } else { named };
        if let [one] = pool.as_slice() {
            return Some((*one).clone());
        }
        let ns = ir::split_qualified(owner).0;
        let local: Vec<&String> = pool.into_iter().filter(|k| ir::split_qualified(k).0 == ns).collect();
        match local.as_slice() {
            [one] => Some((*one).clone()),
            _ => None,
        }
    }

    /// "[appHostedMediaConfig] or [serviceHostedMediaConfig]": the property holds either, so
    /// its type is their nearest common ancestor (`mediaConfig`), when they have one. When
    /// none is known but the owner's JSON representation names another struct type for the
    /// property (`"mediaConfig": {"@odata.type": "#microsoft.graph.mediaConfig"}`), that is
    /// the declared type and each alternative is a kind of it (OData polymorphism): an
    /// alternative with no base, or only the root it was given for being an entity, derives
    /// from it. Else the first one named.
    fn settle_alternatives(&mut self) {
        let mut adopted: BTreeSet<(String, String)> = BTreeSet::new();
        for (owner, t) in self.types.iter() {
            for (prop, cands) in &t.props {
                for c in cands.iter().filter(|c| c.alternatives.len() >= 2) {
                    if common_ancestor(&self.bases, &c.alternatives).is_some() {
                        continue;
                    }
                    let Some(declared) = self.represented.get(&(owner.clone(), prop.clone())) else { continue };
                    let is_struct = self.types.get(declared).is_some_and(|d| !d.is_enum);
                    let fits = |a: &String| {
                        bases::lineage(&self.bases, a).contains(declared)
                            || (!self.bases.contains_key(a) || self.assumed_bases.contains(a))
                                && !bases::lineage(&self.bases, declared).contains(a)
                    };
                    if is_struct && !c.alternatives.contains(declared) && c.alternatives.iter().all(fits) {
                        for a in &c.alternatives {
                            if !bases::lineage(&self.bases, a).contains(declared) {
                                adopted.insert((a.clone(), declared.clone()));
                            }
                        }
                    }
                }
            }
        }
        // An alternative shown as a kind of two different types is left as it was.
        let mut per_type: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (a, d) in adopted {
            per_type.entry(a).or_default().push(d);
        }
        for (a, ds) in per_type {
            if let [d] = ds.as_slice() {
                if !bases::lineage(&self.bases, d).contains(&a) {
                    self.bases.insert(a.clone(), d.clone());
                    self.assumed_bases.remove(&a);
                }
            }
        }
        let bases = &self.bases;
        for t in self.types.values_mut_unordered() {
            for c in t.props.values_mut().flatten().filter(|c| c.alternatives.len() >= 2) {
                match common_ancestor(bases, &c.alternatives) {
                    Some(common) => c.target = Target::Named(common),
                    // Plain text "a or b" read as no type at all: the first one named, as a link would give.
                    None if c.target == Target::Primitive(ir::edm::UNTYPED) => {
                        c.target = Target::Named(c.alternatives[0].clone())
                    }
                    None => {}
                }
            }
        }
    }

    /// Names that become the same Rust identifier (`displayName`, `DisplayName` and
    /// `display_name` in one type; types `fooBar` and `FooBar` in one namespace): the emitter
    /// numbers all but one (`display_name_2`) and keeps every JSON name through serde; this
    /// says so where the docs wrote them.
    fn report_name_collisions(&mut self) {
        // Each type's fields are named on their own: in parallel, in key order.
        let this = &*self;
        let keys: Vec<&String> = self.types.keys().collect();
        let mut diags: Vec<(Place, String)> = keys
            .par_iter()
            .flat_map_iter(|key| {
                let t = &this.types[key.as_str()];
                let mut found = Vec::new();
                let mut seen: BTreeMap<String, &String> = BTreeMap::new();
                for name in &t.prop_order {
                    let ident = crate::naming::field_ident(name);
                    if let Some(first) = seen.get(&ident) {
                        if let Some(c) = t.props.get(name).and_then(|c| c.first()) {
                            found.push((
                                c.place.clone(),
                                format!(
                                    "properties `{first}` and `{name}` of `{}` are both `{ident}` in Rust; \
                                     one gets a numbered name, and both keep their JSON names",
                                    this.names.display(key)
                                ),
                            ));
                        }
                    } else {
                        seen.insert(ident, name);
                    }
                }
                found
            })
            .collect();
        let mut types: BTreeMap<(String, String), String> = BTreeMap::new();
        for (key, t) in self.types.iter() {
            let shown = self.names.display(key);
            let (ns, local) = ir::split_qualified(&shown);
            let ident = crate::naming::type_ident(local);
            match types.get(&(ns.to_string(), ident.clone())) {
                Some(first) => {
                    if let Some(place) = t.sources.iter().next() {
                        diags.push((
                            place.clone(),
                            format!(
                                "types `{first}` and `{shown}` are both `{ident}` in Rust; one gets a \
                                 numbered name, and both keep their names in `@odata.type`"
                            ),
                        ));
                    }
                }
                None => {
                    types.insert((ns.to_string(), ident), shown.clone());
                }
            }
        }
        for (place, message) in diags {
            self.sink.push(&place.file, place.pos, Code::NameCollision, message);
        }
    }

    /// A property that an ancestor declares is the ancestor's, not the derived type's.
    fn drop_inherited_duplicates(&mut self) {
        let keys: Vec<String> = self.types.keys().cloned().collect();
        for key in keys {
            let ancestors = bases::ancestors(&self.bases, &key);
            let inherited: BTreeSet<String> =
                ancestors.iter().filter_map(|a| self.types.get(a)).flat_map(|t| t.props.keys().cloned()).collect();
            if let Some(t) = self.types.get_mut(&key) {
                for name in &inherited {
                    if t.props.remove(name).is_some() {
                        t.prop_order.retain(|n| n != name);
                    }
                }
            }
        }
    }

    /// Endpoints from API pages, named after their titles. Pages that share a title ("List
    /// tasks" on six pages) are told apart by their own file names (`planner_bucket_list_tasks`),
    /// so that a page added later renames no other endpoint; pages still alike after that are
    /// named after their whole file names, and only what is still shared then is numbered, in
    /// path order.
    ///
    /// The facts' example URLs, query options and headers move into the endpoints: nothing
    /// after this reads them.
    fn endpoints(&mut self, facts: &mut [PageFacts]) -> Vec<ir::Endpoint> {
        let titled: Vec<String> = facts
            .iter()
            .filter_map(|f| f.endpoint.as_ref().map(|e| endpoint_name(e.title.as_deref(), &f.path)))
            .collect();
        let words = self.type_words();
        let paths: Vec<&str> = facts.iter().filter(|f| f.endpoint.is_some()).map(|f| f.path.as_str()).collect();
        let qualified = rename_shared(titled, &paths, |name, path| qualified_endpoint_name(name, path, &words));
        // Pages whose file words before the verb say nothing new ("Get educationUser" in
        // `educationuser-get.md` and `educationuser-get-user.md`) are named after the whole file.
        let names = rename_shared(qualified, &paths, |_, path| file_endpoint_name(path, &words));
        let mut out: Vec<ir::Endpoint> = Vec::new();
        let mut used: BTreeMap<String, usize> = BTreeMap::new();
        for (f, base_name) in facts.iter_mut().filter(|f| f.endpoint.is_some()).zip(names) {
            let Some(e) = &mut f.endpoint else { continue };
            let ns = f.namespace.as_str();
            let n = used.entry(base_name.clone()).or_insert(0);
            *n += 1;
            let name = if *n == 1 { base_name } else { format!("{base_name}_{n}") };
            let body = |x: &Option<(String, bool)>, names: &mut Names| {
                x.as_ref().map(|(t, c)| {
                    let key = names.resolve(t, ns);
                    BodyRef { type_name: names.display(&key), collection: *c }
                })
            };
            out.push(ir::Endpoint {
                name,
                title: e.title.clone(),
                description: e.description.clone(),
                method: e.method.clone(),
                paths: e.paths.clone(),
                request_body: body(&e.request_body, &mut self.names).or_else(|| {
                    // "Update user" names the body when nothing else does, if `user` is a type.
                    let key = self.names.resolve(e.updated_type.as_deref()?, ns);
                    let def = self.types.get(&key).filter(|t| !t.is_enum)?;
                    def.from_tables.then(|| BodyRef { type_name: self.names.display(&key), collection: false })
                }),
                response_body: body(&e.response_body, &mut self.names),
                success_status: e.success_status.unwrap_or(200),
                sources: vec![e.place.source()],
                area: f.area.as_deref().map(|a| self.area_at(&f.path, a)),
                query_options: std::mem::take(&mut e.query_options),
                request_headers: std::mem::take(&mut e.request_headers),
                example_urls: std::mem::take(&mut e.example_urls),
            });
        }
        out.sort_by(|a, b| a.name.cmp(&b.name));
        out
    }

    /// Every type's name in lower case -> the same name in snake case (`plannerbucket` ->
    /// `planner_bucket`): how a file name's run-together words split.
    fn type_words(&self) -> BTreeMap<String, String> {
        use heck::ToSnakeCase;
        let mut words = BTreeMap::new();
        for key in self.types.keys() {
            let shown = self.names.display(key);
            let (_, simple) = ir::split_qualified(&shown);
            words.entry(simple.to_ascii_lowercase()).or_insert_with(|| simple.to_snake_case());
        }
        words
    }

    /// Types that are entities: said so by their page, the target of a relationship, created by
    /// a POST that answers 201, or addressed by key; and every type on an inheritance chain with
    /// one (OData requires it).
    fn entity_keys(&self, endpoints: &[ir::Endpoint]) -> BTreeSet<String> {
        let mut set: BTreeSet<String> =
            self.types.iter().filter(|(_, t)| t.entity_hint && !t.is_enum).map(|(k, _)| k.clone()).collect();
        // What a relationship points to is an entity (OData navigation targets have keys), and
        // so is what has one: the docs give relationships to entity types only.
        for (owner, t) in self.types.iter() {
            for c in t.props.values().flatten().filter(|c| c.navigation) {
                if let Target::Named(k) = &c.target {
                    if self.types.get(k).is_some_and(|t| !t.is_enum) {
                        set.insert(k.clone());
                        set.insert(owner.clone());
                    }
                }
            }
        }
        for e in endpoints {
            let keyed =
                e.paths.iter().any(|p| p.trim_end_matches('/').rsplit('/').next().is_some_and(|s| s.contains('{')));
            // A single object the API reads on its own, carrying the key: an entity (a
            // complex value read by path, such as `mailboxSettings`, has no key).
            let keyed_get = e.method == "GET"
                && e.response_body.as_ref().is_some_and(|b| {
                    !b.collection
                        && self.types.get(&b.type_name.to_ascii_lowercase()).is_some_and(|t| t.props.contains_key("id"))
                });
            if e.success_status == 201 || keyed || keyed_get {
                for b in [&e.response_body, &e.request_body].into_iter().flatten() {
                    let key = b.type_name.to_ascii_lowercase();
                    if self.types.get(&key).is_some_and(|t| !t.is_enum) {
                        set.insert(key);
                    }
                }
            }
        }
        // Propagate along inheritance, both ways, to a fixed point.
        loop {
            let before = set.len();
            for (derived, base) in &self.bases {
                if set.contains(derived) || set.contains(base) {
                    set.insert(derived.clone());
                    set.insert(base.clone());
                }
            }
            if set.len() == before {
                return set;
            }
        }
    }

    /// The final types, each property settled by precedence with conflicts reported.
    fn build_types(&mut self, entities: &BTreeSet<String>) -> Vec<TypeDef> {
        let keys: Vec<String> = self.types.keys().cloned().collect();
        // Types that declare nothing and are on no inheritance chain: candidates for any-JSON
        // values and open maps, on the evidence of at least `CORROBORATING_PAGES` pages.
        let bases: BTreeSet<&String> = self.bases.values().collect();
        let lone = |k: &String| {
            let b = &self.types[k.as_str()];
            !b.is_enum && b.props.is_empty() && !self.bases.contains_key(k) && !bases.contains(k)
        };
        let any_json: BTreeSet<String> = keys
            .iter()
            .filter(|k| {
                lone(k) && self.types[k.as_str()].scalar_pages.len() >= CORROBORATING_PAGES && !entities.contains(*k)
            })
            .cloned()
            .collect();
        // Open types whose examples give every value one type.
        let map_values: BTreeMap<String, String> = keys
            .iter()
            .filter(|k| lone(k))
            .filter_map(|k| {
                let b = &self.types[k.as_str()];
                if !b.open_type || b.open_arrays || b.open_pages.len() < CORROBORATING_PAGES {
                    return None;
                }
                let [one] = b.open_values.iter().collect::<Vec<_>>()[..] else { return None };
                let shown = if ir::edm::is_primitive(one) { one.clone() } else { self.names.display(one) };
                Some((k.clone(), shown))
            })
            .collect();
        // Each type is settled on its own, reading the merger only: in parallel, the
        // diagnostics kept in key order.
        let this = &*self;
        let built: Vec<(TypeDef, Vec<Diagnostic>)> = keys
            .par_iter()
            .map(|key| {
                let b = &this.types[key];
                let kind = if b.is_enum {
                    TypeKind::Enum
                } else if entities.contains(key) {
                    TypeKind::Entity
                } else {
                    TypeKind::Complex
                };
                let mut properties = Vec::new();
                let mut diags = Vec::new();
                if kind != TypeKind::Enum {
                    for name in &b.prop_order {
                        if let Some(cands) = b.props.get(name) {
                            let shapes = b.value_shapes.get(name);
                            properties.push(this.settle_property(key, name, cands, shapes, &mut diags));
                        }
                    }
                }
                let flags = kind == TypeKind::Enum && is_flags(&b.members);
                let def = TypeDef {
                    name: this.names.display(key),
                    kind,
                    base: if kind == TypeKind::Enum {
                        None
                    } else {
                        this.bases.get(key).map(|k| this.names.display(k))
                    },
                    is_abstract: b.is_abstract,
                    description: b.description.as_ref().map(|(_, _, d)| d.clone()),
                    properties,
                    members: if kind == TypeKind::Enum { b.members.clone() } else { Vec::new() },
                    flags,
                    sources: sources_of(b.sources.iter()),
                    area: b.area.as_ref().and_then(|(_, place, a)| Some(this.area_at(&place.file, a.as_deref()?))),
                    any_json: any_json.contains(key),
                    map_values: map_values.get(key).cloned(),
                };
                (def, diags)
            })
            .collect();
        let mut out = Vec::with_capacity(built.len());
        for (def, diags) in built {
            self.sink.extend(diags);
            out.push(def);
        }
        out.sort_by(|a, b| a.name.cmp(&b.name));
        out
    }

    /// Picks one declaration of a property and reports every place that disagrees with it.
    fn settle_property(
        &self,
        owner: &str,
        name: &str,
        cands: &[Candidate],
        shapes: Option<&ValueShapes>,
        diags: &mut Vec<Diagnostic>,
    ) -> ir::Property {
        let mut sorted: Vec<&Candidate> = cands.iter().collect();
        sorted.sort_by(|a, b| {
            (a.precedence, a.target.specificity(), &a.place).cmp(&(b.precedence, b.target.specificity(), &b.place))
        });
        let winner = sorted[0];
        // A named enum anywhere beats `String`/`Enumeration` with listed values.
        let enum_key = cands.iter().find_map(|c| c.enum_type.clone());
        let resolved = |c: &Candidate| -> String {
            match (&c.enum_type, &c.target) {
                (Some(k), _) => k.clone(),
                (None, Target::Named(k)) => k.clone(),
                (None, Target::Primitive(p)) => p.to_string(),
                (None, Target::Enumeration) => ir::edm::STRING.to_string(),
            }
        };
        let chosen = match &enum_key {
            Some(k) if matches!(winner.target, Target::Enumeration | Target::Primitive(_)) => k.clone(),
            _ => resolved(winner),
        };
        // The declaration that decided: the one naming the enum, else the winner.
        let decl: &Candidate = match &enum_key {
            Some(k) => sorted.iter().copied().find(|c| c.target == Target::Named(k.clone())).unwrap_or(winner),
            None => winner,
        };
        let shown = |k: &str| if ir::edm::is_primitive(k) { k.to_string() } else { self.names.display(k) };
        for c in &sorted {
            if c.precedence == Precedence::Example || (c.target == decl.target && c.collection == decl.collection) {
                continue;
            }
            let why = if enum_key.is_some() {
                "a named enum type outranks `String` or `Enumeration` with listed values"
            } else if c.precedence != decl.precedence {
                "a resource page outranks an API page's table"
            } else {
                "a more specific type outranks a less specific one, then the first place in path order"
            };
            diags.push(Diagnostic::new(
                &c.place.file,
                c.place.pos,
                Code::Conflict,
                format!(
                    "`{}.{name}` is typed `{}{}` here but `{}{}` at {}; `{}{}` was used ({why})",
                    self.names.display(owner),
                    c.written,
                    if c.collection { " collection" } else { "" },
                    decl.written,
                    if decl.collection { " collection" } else { "" },
                    decl.place.cite(),
                    shown(&chosen),
                    if decl.collection { " collection" } else { "" },
                ),
            ));
        }
        if !ir::edm::is_primitive(&chosen) && !self.types.contains_key(&chosen) {
            diags.push(Diagnostic::new(
                &winner.place.file,
                winner.place.pos,
                Code::UnknownType,
                format!(
                    "`{}.{name}` is typed `{}`, which no page defines; the generated field holds any JSON value",
                    self.names.display(owner),
                    shown(&chosen)
                ),
            ));
        }
        // The fullest description at the best rank that has one (placeholders are already gone).
        let description = sorted
            .iter()
            .filter(|c| c.description.is_some())
            .min_by_key(|c| (c.precedence, std::cmp::Reverse(c.description.as_ref().map_or(0, String::len)), &c.place))
            .and_then(|c| c.description.clone());
        let type_name = shown(&chosen);
        let mut collection = decl.collection;
        if let Some(pages) = shapes.and_then(|s| s.contradicting(collection)) {
            collection = !collection;
            let pages: Vec<&str> = pages.iter().map(|&n| self.page(n)).collect();
            diags.push(Diagnostic::new(
                &decl.place.file,
                decl.place.pos,
                Code::Conflict,
                format!(
                    "`{}.{name}` is typed `{}{}` here, but the examples on {} pages ({}) show it holding {} \
                     and none shows {}; it was read as {}",
                    self.names.display(owner),
                    decl.written,
                    if decl.collection { " collection" } else { "" },
                    pages.len(),
                    pages.join(", "),
                    if collection { "an array" } else { "one value" },
                    if collection { "one value" } else { "an array" },
                    if collection { format!("a collection of `{type_name}`") } else { format!("one `{type_name}`") },
                ),
            ));
        }
        ir::Property {
            name: name.to_string(),
            type_name,
            collection,
            nullable: decl.nullable,
            navigation: cands.iter().any(|c| c.navigation),
            description,
            sources: sources_of(cands.iter().map(|c| &c.place).collect::<BTreeSet<_>>().into_iter()),
        }
    }
}

/// `path:line` of each place, in path and line order, each line once.
fn sources_of<'a>(places: impl Iterator<Item = &'a Place>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in places {
        let s = p.source();
        if out.last() != Some(&s) {
            out.push(s);
        }
    }
    out
}

/// Members whose values are distinct powers of two (and at least two of them) make flags.
///
/// A member valued `0` is compatible with flags (Graph's flags enums often have `none = 0`:
/// no flag set) when the others are powers of two. `0, 1, 2` and `1, 2` are also how a plain
/// enum counts, though, so some value must skip a count (be `4` or more) to tell flags apart.
/// Values come only from a members table's `Value` column: every member must have one.
fn is_flags(members: &[EnumMember]) -> bool {
    let values: Vec<i64> = members.iter().filter_map(|m| m.value).collect();
    let nonzero: Vec<i64> = values.iter().copied().filter(|v| *v != 0).collect();
    let mut distinct = values.clone();
    distinct.sort_unstable();
    distinct.dedup();
    values.len() == members.len()
        && distinct.len() == values.len()
        && nonzero.len() >= 2
        && nonzero.iter().all(|v| *v > 0 && (v & (v - 1)) == 0)
        && nonzero.iter().any(|v| *v >= 4)
}

/// A shared endpoint name told apart by the page's file name, which the docs spell
/// `[area-]resource-verb[-object]` (`plannerbucket-list-tasks.md`,
/// `intune-mam-user-create.md`): the words before the verb that the title does not already
/// say go first (`planner_bucket_list_tasks`, `intune_mam_create_user`). The first word is
/// always kept: it is what the pages differ in. A file word that is a type's name in lower
/// case is split as the type's name is (`plannerbucket` -> `planner_bucket`, from `words`:
/// lower-case name -> snake case). Only the page's own name is used, so adding a page never
/// renames another one.
fn qualified_endpoint_name(base: &str, path: &str, words: &BTreeMap<String, String>) -> String {
    const FILE_VERBS: &[&str] = &["get", "list", "post", "create", "update", "delete", "add", "remove", "put", "patch"];
    let stem = file_stem(path).to_ascii_lowercase();
    let segments: Vec<&str> = stem.split(|c: char| !c.is_ascii_alphanumeric()).filter(|s| !s.is_empty()).collect();
    let verb_at = segments.iter().skip(1).position(|s| FILE_VERBS.contains(s)).map_or(segments.len(), |i| i + 1);
    let before = &segments[..verb_at];
    // Title words each account for one file word at most: runs of several words first
    // (`devicemanagement` is "device management"), then single words, singular or plural
    // (`users` is "user"), so that `devices` in `intune-devices-devicemanagement-get` stays.
    let title: Vec<&str> = base.split('_').filter(|w| !w.is_empty()).collect();
    let mut used = vec![false; title.len()];
    let mut said = vec![false; before.len()];
    for min_run in [2, 1] {
        for (i, segment) in before.iter().enumerate().skip(1) {
            if said[i] {
                continue;
            }
            let found = (0..title.len()).find_map(|start| {
                (start + min_run..=title.len()).find_map(|end| {
                    let joined = title[start..end].concat();
                    let matches = joined == *segment
                        || segment.strip_suffix('s') == Some(joined.as_str())
                        || joined.strip_suffix('s') == Some(*segment);
                    (matches && !used[start..end].contains(&true)).then_some(start..end)
                })
            });
            if let Some(run) = found {
                used[run].fill(true);
                said[i] = true;
            }
        }
    }
    let kept: Vec<String> = before
        .iter()
        .zip(&said)
        .filter(|(_, said)| !**said)
        .map(|(s, _)| words.get(*s).cloned().unwrap_or_else(|| s.to_string()))
        .collect();
    if kept.is_empty() {
        base.to_string()
    } else {
        format!("{}_{base}", kept.join("_"))
    }
}

/// The file name of `path` without its extension (`api/user-get.md` -> `user-get`), with `/`
/// or `\\` between directories.
fn file_stem(path: &str) -> &str {
    let file = path.rsplit(['/', '\\']).next().unwrap_or(path);
    file.rsplit_once('.').map_or(file, |(s, _)| s)
}

/// `names` (one per page, `paths` in the same order) with each name that several pages share
/// replaced by what `rename` makes of it and the page's path.
fn rename_shared(names: Vec<String>, paths: &[&str], rename: impl Fn(&str, &str) -> String) -> Vec<String> {
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for name in &names {
        *count.entry(name).or_insert(0) += 1;
    }
    names
        .iter()
        .zip(paths)
        .map(|(name, path)| if count[name.as_str()] > 1 { rename(name, path) } else { name.clone() })
        .collect()
}

/// An endpoint named after its page's file (`educationuser-get-user.md` ->
/// `education_user_get_user`): file names are unique where titles and their qualified forms are
/// not. Run-together words split as the type they name does (`words`, as for
/// [`qualified_endpoint_name`]).
fn file_endpoint_name(path: &str, words: &BTreeMap<String, String>) -> String {
    let stem = file_stem(path).to_ascii_lowercase();
    let parts: Vec<String> = stem
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|s| !s.is_empty())
        .map(|s| words.get(s).cloned().unwrap_or_else(|| s.to_string()))
        .collect();
    if parts.is_empty() {
        "endpoint".to_string()
    } else {
        parts.join("_")
    }
}

/// `Create userAccountInformation` -> `create_user_account_information`; the file stem when untitled.
fn endpoint_name(title: Option<&str>, path: &str) -> String {
    use heck::ToSnakeCase;
    let raw = title.filter(|t| !t.trim().is_empty()).map(str::to_string).unwrap_or_else(|| file_stem(path).to_string());
    let cleaned: String = raw.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' }).collect();
    let snake = cleaned.to_snake_case();
    if snake.is_empty() {
        "endpoint".to_string()
    } else {
        snake
    }
}

#[cfg(test)]
mod tests {
    use crate::pipeline::{build_schema, SourceFile};

    #[test]
    fn a_type_is_filed_under_the_area_of_its_own_page() {
        // Intune's page on `user` sorts before `user.md` and lists only the properties its
        // workload adds; the type is the users area's, as its own page is.
        let page = |area: &str, rows: &str| {
            format!(
                "---\nms.prod: {area}\n---\n# user resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n\
                 | Property | Type | Description |\n|:--|:--|:--|\n{rows}"
            )
        };
        let schema = build_schema(&[
            SourceFile {
                path: "resources/intune-devices-user.md".into(),
                bytes: page("intune", "| deviceEnrollmentLimit | Int32 | The limit. |\n").into_bytes(),
            },
            SourceFile {
                path: "resources/user.md".into(),
                bytes: page("users", "| displayName | String | The name. |\n").into_bytes(),
            },
        ]);
        let user = schema.types.iter().find(|t| t.name == "microsoft.graph.user").expect("user");
        assert_eq!(user.area.as_deref(), Some("users"), "{user:?}");
        assert_eq!(user.properties.len(), 2, "{user:?}");

        // Its own page filing it under no area (`ms.prod: ""`) stands too: Teams' page on the
        // type, first in order, does not make it Teams'.
        let identity_set = |area: &str| {
            format!(
                "---\nms.prod: \"{area}\"\n---\n# identitySet resource type\n\nNamespace: microsoft.graph\n\n\
                 ## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| user | String | Who. |\n"
            )
        };
        let schema = build_schema(&[
            SourceFile {
                path: "resources/chat-identityset.md".into(),
                bytes: identity_set("microsoft-teams").into_bytes(),
            },
            SourceFile { path: "resources/identityset.md".into(), bytes: identity_set("").into_bytes() },
        ]);
        let set = schema.types.iter().find(|t| t.name == "microsoft.graph.identitySet").expect("identitySet");
        assert_eq!(set.area, None, "{set:?}");
    }

    #[test]
    fn a_types_own_page_is_named_after_it() {
        use super::{file_stem, is_home_page};
        let home = |path: &str, name: &str, ns: &str| is_home_page(file_stem(path), name, ns);
        assert_eq!(file_stem("docs\\resources\\user.md"), "user");
        assert!(home("docs/resources/user.md", "user", "microsoft.graph"));
        assert!(home("resources/User.txt", "microsoft.graph.user", "other"));
        assert!(home("resources/callrecords-callrecord.md", "callRecord", "microsoft.graph.callRecords"));
        assert!(home("resources/callrecords-callrecord.md", "#microsoft.graph.callRecords.callRecord", "x"));
        assert!(!home("resources/intune-devices-user.md", "user", "microsoft.graph"));
        assert!(!home("resources/users.md", "user", "microsoft.graph"));
        assert!(!home("resources/graph-user.md", "user", "microsoft.graph.callRecords"));
    }

    #[test]
    fn values_listed_for_a_property_of_a_resource_type_do_not_make_it_an_enum() {
        // Excel's `valueTypes` is of type `Json` (a resource page) and lists the kinds of cell
        // value; `kind` names an enum no page defines, so the listed values are its members.
        let json = "# Json resource type\n\nNamespace: microsoft.graph\n\nRepresents data returned in JSON format\n\n\
            ## Properties\n|Property|Type|Description|\n|:---|:---|:---|\n\n## JSON Representation\n\n\
            <!--{\n  \"blockType\": \"resource\",\n  \"@odata.type\": \"microsoft.graph.Json\"\n}-->\n\
            ```json\n{\n  \"@odata.type\": \"microsoft.graph.Json\"\n}\n```\n";
        let range = "# range resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n\
            | Property | Type | Description |\n|:--|:--|:--|\n\
            | valueTypes | [Json](json.md) | The type of data of each cell. The possible values are: `Unknown`, `Empty`, `String`. |\n\
            | kind | rangeKind | The kind. Possible values are: `cells`, `rows`. |\n";
        let schema = build_schema(&[
            SourceFile { path: "resources/json.md".into(), bytes: json.as_bytes().to_vec() },
            SourceFile { path: "resources/range.md".into(), bytes: range.as_bytes().to_vec() },
        ]);
        let ty =
            |n: &str| schema.types.iter().find(|t| t.name == n).unwrap_or_else(|| panic!("{n}: {:?}", schema.types));
        let json = ty("microsoft.graph.Json");
        assert_ne!(json.kind, crate::ir::TypeKind::Enum, "{json:?}");
        assert!(json.members.is_empty(), "{json:?}");
        let kind = ty("microsoft.graph.rangeKind");
        assert_eq!(kind.kind, crate::ir::TypeKind::Enum);
        assert_eq!(kind.members.iter().map(|m| m.name.as_str()).collect::<Vec<_>>(), ["cells", "rows"]);
    }

    #[test]
    fn a_string_with_listed_values_is_the_enum_that_fits_them_best() {
        // Two namespaces define `modality` with the same members; a `microsoft.graph` type's
        // `String` listing some of them is the `microsoft.graph` one. "Supports only two
        // values" lists values as "Possible values" does.
        let enums = |ns: &str| {
            format!(
                "# Enum values\n\nNamespace: {ns}\n\n### modality values\n\n|Member|\n|:---|\n|audio|\n|video|\n|data|\n\n\
                 ### addedAction values\n\n|Member|\n|:---|\n|none|\n|assignIfOpen|\n\n\
                 ### responseType values\n\n|Member|\n|:---|\n|none|\n|organizer|\n|tentativelyAccepted|\n\
                 |accepted|\n|declined|\n|notResponded|\n|unknownFutureValue|\n"
            )
        };
        let stream = "# mediaStream resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n\
            | Property | Type | Description |\n|:--|:--|:--|\n\
            | mediaType | String | The media type. The possible value are `audio`, `video`. |\n\
            | onAdd | String | Currently supports only two values: `none` or `assignIfOpen`. |\n\
            | state | String | Possible values are: `accepted`, `declined`. |\n\
            | answer | String | Possible values are: `tentativelyAccepted`, `accepted`, `declined`. |\n";
        let schema = build_schema(&[
            SourceFile {
                path: "resources/enums-callrecords.md".into(),
                bytes: enums("microsoft.graph.callRecords").into(),
            },
            SourceFile { path: "resources/enums.md".into(), bytes: enums("microsoft.graph").into() },
            SourceFile { path: "resources/mediastream.md".into(), bytes: stream.as_bytes().to_vec() },
        ]);
        let stream = schema.types.iter().find(|t| t.name == "microsoft.graph.mediaStream").expect("mediaStream");
        let ty = |p: &str| stream.properties.iter().find(|x| x.name == p).map(|x| x.type_name.clone());
        assert_eq!(ty("mediaType").as_deref(), Some("microsoft.graph.modality"), "{stream:?}");
        // `addedAction` is defined alike in both namespaces too: the owner's namespace decides.
        assert_eq!(ty("onAdd").as_deref(), Some("microsoft.graph.addedAction"), "{stream:?}");
        // Two values of a six-member enum say too little to be it; three (half) are enough.
        assert_eq!(ty("state").as_deref(), Some("Edm.String"), "{stream:?}");
        assert_eq!(ty("answer").as_deref(), Some("microsoft.graph.responseType"), "{stream:?}");
    }

    #[test]
    fn alternatives_derive_from_the_type_the_representation_names() {
        // Plain text has no `baseType`: "a or b" in the type cell, with the representation
        // naming `mediaConfig`, says both are kinds of it.
        let config = |name: &str| {
            format!(
                "{name} resource type\n\nNamespace: microsoft.graph\n\nProperties\n\n\
                 Property Type Description\nblob String The blob.\n\nJSON representation\n\n{{\n  \"blob\": \"String\"\n}}\n"
            )
        };
        let call = "call resource type\n\nNamespace: microsoft.graph\n\nProperties\n\n\
            Property Type Description\n\
            mediaConfig appHostedMediaConfig or serviceHostedMediaConfig The media configuration. Required.\n\
            ringTone toneFile or chimeFile The ring tone.\n\n\
            JSON representation\n\n{\n  \"mediaConfig\": {\"@odata.type\": \"#microsoft.graph.mediaConfig\"},\n  \"ringTone\": \"String\"\n}\n";
        let files: Vec<SourceFile> = [
            ("resources/call.txt", call.to_string()),
            ("resources/mediaconfig.txt", config("mediaConfig")),
            ("resources/apphostedmediaconfig.txt", config("appHostedMediaConfig")),
            ("resources/servicehostedmediaconfig.txt", config("serviceHostedMediaConfig")),
            ("resources/tonefile.txt", config("toneFile")),
            ("resources/chimefile.txt", config("chimeFile")),
        ]
        .into_iter()
        .map(|(path, text)| SourceFile { path: path.into(), bytes: text.into_bytes() })
        .collect();
        let schema = build_schema(&files);
        let ty = |n: &str| schema.types.iter().find(|t| t.name == format!("microsoft.graph.{n}")).expect(n);
        let call = ty("call");
        let prop = |p: &str| call.properties.iter().find(|x| x.name == p).map(|x| x.type_name.clone());
        assert_eq!(prop("mediaConfig").as_deref(), Some("microsoft.graph.mediaConfig"), "{call:?}");
        assert_eq!(ty("appHostedMediaConfig").base.as_deref(), Some("microsoft.graph.mediaConfig"));
        assert_eq!(ty("serviceHostedMediaConfig").base.as_deref(), Some("microsoft.graph.mediaConfig"));
        // Without a representation naming another type, the first alternative stands.
        assert_eq!(prop("ringTone").as_deref(), Some("microsoft.graph.toneFile"), "{call:?}");
        assert_eq!(ty("chimeFile").base, None);
        assert_eq!(ty("mediaConfig").base, None);
    }

    #[test]
    fn a_page_titled_by_a_short_name_takes_the_name_the_references_give() {
        // Plain text: "ChartAxes resource type" is what the chart's table calls
        // `WorkbookChartAxes`. `itemBody` is referenced by its own name elsewhere, so an
        // undefined `educationItemBody` does not take its page.
        let resource = |title: &str, rows: &str| {
            format!(
                "{title} resource type\n\nNamespace: microsoft.graph\n\nProperties\n\n\
                 Property Type Description\n{rows}\n\nJSON representation\n\n{{\n  \"x\": \"String\"\n}}\n"
            )
        };
        let files: Vec<SourceFile> = [
            ("resources/chart.txt", resource("chart", "axes WorkbookChartAxes The axes.\nx String X.")),
            ("resources/chartaxes.txt", resource("ChartAxes", "x String X.\nlabel String The label.")),
            ("resources/itembody.txt", resource("itemBody", "x String X.\ncontent String The content.")),
            ("resources/message.txt", resource("message", "body itemBody The body.\nx String X.")),
            ("resources/feedback.txt", resource("feedback", "text educationItemBody The text.\nx String X.")),
        ]
        .into_iter()
        .map(|(path, text)| SourceFile { path: path.into(), bytes: text.into_bytes() })
        .collect();
        let schema = build_schema(&files);
        let names: Vec<&str> = schema.types.iter().map(|t| t.name.as_str()).collect();
        assert!(names.contains(&"microsoft.graph.WorkbookChartAxes"), "{names:?}");
        assert!(!names.contains(&"microsoft.graph.ChartAxes"), "{names:?}");
        let axes = schema.types.iter().find(|t| t.name == "microsoft.graph.WorkbookChartAxes").expect("axes");
        assert!(axes.properties.iter().any(|p| p.name == "label"), "{axes:?}");
        let body = schema.types.iter().find(|t| t.name == "microsoft.graph.itemBody").expect("itemBody");
        assert!(body.properties.iter().any(|p| p.name == "content"), "{body:?}");
        assert!(!schema
            .types
            .iter()
            .any(|t| t.name == "microsoft.graph.educationItemBody" && !t.properties.is_empty()));
    }

    fn api_page(title: &str, path: &str) -> String {
        format!("---\ntitle: \"{title}\"\n---\n\n# {title}\n\nNamespace: microsoft.graph\n\n## HTTP request\n\n```http\nGET {path}\n```\n")
    }

    fn endpoint_names(pages: &[(&str, String)]) -> Vec<(String, String)> {
        let files: Vec<SourceFile> =
            pages.iter().map(|(p, text)| SourceFile { path: (*p).into(), bytes: text.as_bytes().to_vec() }).collect();
        let schema = build_schema(&files);
        let mut names: Vec<(String, String)> = schema
            .endpoints
            .iter()
            .map(|e| (e.sources[0].split(':').next().unwrap_or_default().to_string(), e.name.clone()))
            .collect();
        names.sort();
        names
    }

    #[test]
    fn pages_that_share_a_title_are_named_after_their_own_files() {
        let bucket = "# plannerBucket resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n\
            | Property | Type | Description |\n|:--|:--|:--|\n| name | String | The name. |\n";
        let mut pages = vec![
            ("resources/plannerbucket.md", bucket.to_string()),
            ("api/planner-list-tasks.md", api_page("List tasks", "/planner/tasks")),
            ("api/plannerbucket-list-tasks.md", api_page("List tasks", "/planner/buckets/{id}/tasks")),
            ("api/user-get.md", api_page("Get user", "/users/{id}")),
        ];
        let before = endpoint_names(&pages);
        assert_eq!(
            before,
            [
                ("api/planner-list-tasks.md".to_string(), "planner_list_tasks".to_string()),
                ("api/plannerbucket-list-tasks.md".to_string(), "planner_bucket_list_tasks".to_string()),
                ("api/user-get.md".to_string(), "get_user".to_string()),
            ]
        );
        // A third page with the same title, sorting first, renames neither of the others.
        pages.push(("api/a-list-tasks.md", api_page("List tasks", "/a/tasks")));
        let after = endpoint_names(&pages);
        assert_eq!(after[0], ("api/a-list-tasks.md".to_string(), "a_list_tasks".to_string()));
        assert_eq!(after[1..], before[..]);
    }

    #[test]
    fn pages_alike_even_by_their_file_words_before_the_verb_are_named_after_their_files() {
        let user = "# educationUser resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n\
            | Property | Type | Description |\n|:--|:--|:--|\n| id | String | The id. |\n";
        let pages = vec![
            ("resources/educationuser.md", user.to_string()),
            ("api/educationuser-get.md", api_page("Get educationUser", "/education/users/{id}")),
            ("api/educationuser-get-user.md", api_page("Get educationUser", "/education/users/{id}/user")),
        ];
        assert_eq!(
            endpoint_names(&pages),
            [
                ("api/educationuser-get-user.md".to_string(), "education_user_get_user".to_string()),
                ("api/educationuser-get.md".to_string(), "education_user_get".to_string()),
            ]
        );
    }

    #[test]
    fn a_qualified_name_keeps_the_file_words_the_title_does_not_say() {
        let words: std::collections::BTreeMap<String, String> =
            [("devicemanagement", "device_management"), ("user", "user")]
                .into_iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect();
        let q = |base: &str, path: &str| super::qualified_endpoint_name(base, path, &words);
        // `devices` stays: "device" in the title is part of `devicemanagement`.
        assert_eq!(
            q("get_device_management", "api/intune-devices-devicemanagement-get.md"),
            "intune_devices_get_device_management"
        );
        // The verb and what follows it are the title's business; the plural is the title's word.
        assert_eq!(q("create_user", "api/intune-mam-user-create.md"), "intune_mam_create_user");
        assert_eq!(q("add_attachment", "api/post-post-attachments.md"), "post_add_attachment");
        // The first word is kept even when the title says it: it is what such pages differ in.
        assert_eq!(q("list_users", "api/user-list.md"), "user_list_users");
        assert_eq!(q("list_users", "docs\\api\\user-list.md"), "user_list_users");
    }

    #[test]
    fn a_property_less_type_shown_holding_scalars_on_two_pages_is_any_json() {
        let json = "# Json resource type\n\nNamespace: microsoft.graph\n\nRepresents data returned in JSON format\n\n\
            ## Properties\n\nNone.\n";
        let facet = "# root resource type\n\nNamespace: microsoft.graph\n\nThe root facet.\n\n## Properties\n\nNone.\n";
        let holder = |name: &str, values: &str| {
            format!(
                "# {name} resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n\
                 | Property | Type | Description |\n|:--|:--|:--|\n\
                 | values | [Json](json.md) | The values. |\n| root | [root](root.md) | The root. |\n\n\
                 ## JSON representation\n\n<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.{name}\" }} -->\n\
                 ```json\n{{\n  \"values\": {values},\n  \"root\": \"root\"\n}}\n```\n"
            )
        };
        let files = |pages: &[(&str, String)]| {
            pages
                .iter()
                .map(|(p, t)| SourceFile { path: (*p).into(), bytes: t.as_bytes().to_vec() })
                .collect::<Vec<_>>()
        };
        let mut pages = vec![
            ("resources/json.md", json.to_string()),
            ("resources/root.md", facet.to_string()),
            ("resources/range.md", holder("range", "\"json\"")),
        ];
        let any = |pages: &[(&str, String)]| -> Vec<String> {
            build_schema(&files(pages)).types.into_iter().filter(|t| t.any_json).map(|t| t.name).collect()
        };
        // One page is not enough: it may be that page's slip (`"root": "root"` here).
        assert!(any(&pages).is_empty());
        pages.push(("resources/tablerow.md", holder("tableRow", "\"json\"")));
        // Two pages: `Json` holds values that are not objects; `root` too, by the same
        // evidence; a type with properties never does.
        assert_eq!(any(&pages), ["microsoft.graph.Json", "microsoft.graph.root"]);
        pages.push((
            "resources/identity.md",
            "# identity resource type\n\nNamespace: microsoft.graph\n\n\
            ## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| id | String | The id. |\n"
                .to_string(),
        ));
        pages.push(("resources/a.md", holder("a", "\"json\"").replace("[root](root.md)", "[identity](identity.md)")));
        pages.push(("resources/b.md", holder("b", "\"json\"").replace("[root](root.md)", "[identity](identity.md)")));
        assert_eq!(any(&pages), ["microsoft.graph.Json", "microsoft.graph.root"]);
    }

    #[test]
    fn an_open_type_whose_values_have_one_type_on_two_pages_is_a_map() {
        let open = |name: &str, value: &str| {
            format!(
                "# {name} resource type\n\nNamespace: microsoft.graph\n\nAn open type.\n\n## Properties\n\nNone.\n\n\
                 ## JSON representation\n\n<!-- {{ \"blockType\": \"resource\", \"openType\": true, \
                 \"@odata.type\": \"microsoft.graph.{name}\" }} -->\n```json\n{{\n  \"String-value\": {value}\n}}\n```\n"
            )
        };
        let item = "# checklistItem resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n\
            | Property | Type | Description |\n|:--|:--|:--|\n| title | String | The title. |\n";
        let details = |values: &str| {
            format!(
                "# details resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n\
                 | Property | Type | Description |\n|:--|:--|:--|\n\
                 | checklist | [checklist](checklist.md) | The items. |\n| shared | [userIds](userids.md) | Shared. |\n\
                 | bag | [bag](bag.md) | Anything. |\n\n\
                 ## JSON representation\n\n<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.details\" }} -->\n\
                 ```json\n{{\n  \"checklist\": {{\"d280\": {{\"@odata.type\": \"microsoft.graph.checklistItem\", \"title\": \"x\"}}, \"e1\": null}},\n\
                 \"shared\": {{\"u1\": true}},\n  \"bag\": {values}\n}}\n```\n"
            )
        };
        let pages = [
            ("resources/checklistitem.md", item.to_string()),
            ("resources/checklist.md", open("checklist", "{\"@odata.type\": \"microsoft.graph.checklistItem\"}")),
            // Said in words, with no `openType` annotation: the same.
            (
                "resources/userids.md",
                open("userIds", "true")
                    .replace("An open type.", "This is an _open type_.")
                    .replace("\"openType\": true, ", ""),
            ),
            ("resources/bag.md", open("bag", "\"String\"")),
            ("resources/details.md", details("{\"a\": \"x\", \"b\": true}")),
        ];
        let files: Vec<SourceFile> =
            pages.iter().map(|(p, t)| SourceFile { path: (*p).into(), bytes: t.as_bytes().to_vec() }).collect();
        let maps: Vec<(String, String)> =
            build_schema(&files).types.into_iter().filter_map(|t| Some((t.name, t.map_values?))).collect();
        // `bag` holds a string on one page and a boolean on another: no one type, no map.
        assert_eq!(
            maps,
            [
                ("microsoft.graph.checklist".to_string(), "microsoft.graph.checklistItem".to_string()),
                ("microsoft.graph.userIds".to_string(), "Edm.Boolean".to_string()),
            ]
        );
    }
}
