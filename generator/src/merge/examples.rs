//! JSON examples: they define the types no table describes (`identitySet`, `localeInfo`, ...)
//! and are checked against the types tables do describe.
//!
//! Placeholders tell types: `"String"`, `"Double"`, `true`, `"String (timestamp)"`; real sample
//! values tell them too (`"2020-07-06T06:34:12Z"` is a DateTimeOffset). An object's
//! `@odata.type` names its type; without one, the property's type known from elsewhere does.

use super::names::Rank;
use super::{bases, Candidate, Merger, Target};
use crate::diagnostics::Code;
use crate::extract::{type_cell::primitive, ExampleFact, PageFacts, Place, Precedence};
use crate::ir::edm;
use rayon::prelude::*;
use serde_json::{Map, Value};
use std::collections::BTreeSet;

/// Walks every example (until nothing new is learnt) adding what example-only types hold.
pub(super) fn apply(m: &mut Merger, facts: &[PageFacts]) {
    let mut examples: Vec<(&ExampleFact, &str)> =
        facts.iter().flat_map(|f| f.examples.iter().map(move |e| (e, f.namespace.as_str()))).collect();
    examples.sort_by(|a, b| a.0.place.cmp(&b.0.place));
    // Each example's page number, looked up once rather than on every pass, and once per page:
    // the examples are in order of place, so a page's examples come together.
    let mut last: Option<(&str, super::PageNo)> = None;
    let page_nos: Vec<super::PageNo> = examples
        .iter()
        .map(|(ex, _)| match last {
            Some((file, n)) if file == &*ex.place.file => n,
            _ => {
                let n = m.page_no(&ex.place.file);
                last = Some((&ex.place.file, n));
                n
            }
        })
        .collect();
    // Nested objects without `@odata.type` can only be typed once another example has told
    // the property's type, so walk until a pass learns nothing (bounded: depth of nesting).
    // A pass over an example whose objects all had a type that tables (not examples) gave
    // adds nothing the pass before did not: only the other examples are walked again.
    let mut pending: Vec<bool> = vec![true; examples.len()];
    // The walk reads bases and never changes them: each type's lineage is worked out once.
    let mut lineages = Lineages::default();
    for _ in 0..8 {
        let before = count(m);
        for (((ex, ns), pending), &page) in examples.iter().zip(pending.iter_mut()).zip(&page_nos) {
            if !*pending {
                continue;
            }
            let root = ex.type_name.as_deref().map(|t| m.names.resolve(t, ns));
            if ex.representation {
                if let Some(root) = &root {
                    add_representation_keys(m, &mut lineages, ex, root, ns);
                }
            }
            let mut cx = Walk {
                ns,
                place: &ex.place,
                page,
                representation: ex.representation,
                unsettled: false,
                lineages: &mut lineages,
            };
            walk_body(m, &ex.value, root, ex.collection, &mut cx);
            *pending = cx.unsettled;
        }
        if count(m) == before {
            break;
        }
    }
}

/// Collection properties the examples name otherwise: a table's singular name
/// (`signIn.appliedConditionalAccessPolicy`, a collection) where examples on
/// [`CORROBORATING_PAGES`] pages or more write its plural (`appliedConditionalAccessPolicies`)
/// under the same type and no example but the type's own representation (written with the
/// table) writes the table's name. Collections are named in the plural, so the examples show
/// the name the service sends; it replaces the table's, and that is reported.
pub(super) fn rename_collections_the_examples_pluralise(m: &mut Merger) {
    let mut renames: Vec<(String, String, String, BTreeSet<String>)> = Vec::new();
    for ((ty, key), places) in &m.undeclared_keys {
        let pages: BTreeSet<String> = places.iter().map(|p| p.file.to_string()).collect();
        if pages.len() < super::CORROBORATING_PAGES {
            continue;
        }
        let chain = bases::lineage(&m.bases, ty);
        let found = chain.iter().find_map(|owner| {
            let b = m.types.get(owner)?;
            let singular = b.props.iter().find(|(name, cands)| {
                plural_of(name).contains(key)
                    && !cands.is_empty()
                    && cands.iter().all(|c| c.collection)
                    && !b.props.contains_key(key)
            })?;
            Some((owner.clone(), singular.0.clone()))
        });
        let Some((owner, singular)) = found else { continue };
        let named =
            m.types.get(&owner).and_then(|b| b.value_shapes.get(&singular)).is_some_and(|s| !s.named.is_empty());
        if named {
            continue;
        }
        renames.push((owner, singular, key.clone(), pages));
    }
    for (owner, singular, plural, pages) in renames {
        let Some(b) = m.types.get_mut(&owner) else { continue };
        let Some(cands) = b.props.remove(&singular) else { continue };
        for name in b.prop_order.iter_mut().filter(|n| **n == singular) {
            *name = plural.clone();
        }
        let first = cands.iter().min_by_key(|c| (c.precedence, &c.place)).map(|c| c.place.clone());
        b.props.insert(plural.clone(), cands);
        if let Some(place) = first {
            let shown = m.names.display(&owner);
            let pages: Vec<&str> = pages.iter().map(String::as_str).collect();
            m.sink.push(
                &place.file,
                place.pos,
                Code::Conflict,
                format!(
                    "`{shown}.{singular}` is a collection that the examples on {} pages ({}) name `{plural}`, \
                     and none names it as the table does; `{plural}` was used",
                    pages.len(),
                    pages.join(", ")
                ),
            );
        }
        let ty_keys: Vec<(String, String)> = m.undeclared_keys.keys().filter(|(_, k)| *k == plural).cloned().collect();
        for k in ty_keys {
            let chain = bases::lineage(&m.bases, &k.0);
            if chain.contains(&owner) {
                m.undeclared_keys.remove(&k);
            }
        }
    }
}

/// `policy` -> `policies`, `item` -> `items`, `address` -> `addresses`.
fn plural_of(name: &str) -> Vec<String> {
    let mut out = vec![format!("{name}s"), format!("{name}es")];
    if let Some(stem) = name.strip_suffix('y') {
        out.push(format!("{stem}ies"));
    }
    out
}

/// Reports the example keys no table declares (after the renames the examples justify).
pub(super) fn report_undeclared_keys(m: &mut Merger) {
    let undeclared = std::mem::take(&mut m.undeclared_keys);
    for ((ty, key), places) in undeclared {
        let shown = m.names.display(&ty);
        for place in places {
            m.sink.push(
                &place.file,
                place.pos,
                Code::UndeclaredExampleKey,
                format!(
                    "example key `{key}` is not declared for `{shown}` by any table; it was not added to the schema"
                ),
            );
        }
    }
}

/// Where a walk is (the page's namespace and the example's place), and whether it met an
/// object whose type nothing told yet, or only examples did (which a later pass may change).
struct Walk<'a> {
    ns: &'a str,
    place: &'a Place,
    /// The number of `place`'s page.
    page: super::PageNo,
    /// The example is a type's own JSON representation (written with its tables).
    representation: bool,
    unsettled: bool,
    lineages: &'a mut Lineages,
}

/// Each type's lineage, kept for a walk that does not change bases.
#[derive(Default)]
struct Lineages(rustc_hash::FxHashMap<String, std::rc::Rc<Lineage>>);

impl Lineages {
    fn of(&mut self, m: &Merger, ty: &str) -> std::rc::Rc<Lineage> {
        if let Some(chain) = self.0.get(ty) {
            return chain.clone();
        }
        let chain = std::rc::Rc::new(Lineage::of(m, ty));
        self.0.insert(ty.to_string(), chain.clone());
        chain
    }
}

/// A type and its ancestors ([`bases::lineage`]), with where each one's builder is: the walk
/// looks them up for every key of every object.
struct Lineage {
    keys: Vec<String>,
    /// [`TypeMap::slot`](super::type_map::TypeMap::slot) of each key when the lineage was
    /// worked out; a type with no builder then is looked up by key (the walk may add it).
    slots: Vec<Option<usize>>,
}

impl Lineage {
    fn of(m: &Merger, ty: &str) -> Lineage {
        let keys = bases::lineage(&m.bases, ty);
        let slots = keys.iter().map(|k| m.types.slot(k)).collect();
        Lineage { keys, slots }
    }

    /// Whether some type of the lineage declares `key`.
    fn declares(&self, m: &Merger, key: &str) -> bool {
        (0..self.keys.len()).any(|i| self.slot(m, i).is_some_and(|slot| m.types.at(slot).props.contains_key(key)))
    }

    /// Where the builder of the `i`th type is, if it has one.
    fn slot(&self, m: &Merger, i: usize) -> Option<usize> {
        self.slots[i].or_else(|| m.types.slot(&self.keys[i]))
    }
}

/// Top-level keys of a type's own JSON representation that no table declares become
/// properties (typed from their placeholder values), each reported: the tables are incomplete
/// more often than the representation is wrong.
fn add_representation_keys(m: &mut Merger, lineages: &mut Lineages, ex: &ExampleFact, root: &str, ns: &str) {
    let obj = match &ex.value {
        Value::Object(o) => o,
        Value::Array(items) => match items.first() {
            Some(Value::Object(o)) => o,
            _ => return,
        },
        _ => return,
    };
    if m.types.get(root).is_none_or(|t| t.is_enum || t.open_type) {
        return;
    }
    let chain = lineages.of(m, root);
    for (key, value) in obj {
        // Properties are lower camel case; capitalised keys are data (policy definitions).
        if crate::json::is_annotation(key)
            || !crate::extract::text::is_identifier(key)
            || !key.starts_with(|c: char| c.is_ascii_lowercase())
        {
            continue;
        }
        if chain.declares(m, key) {
            continue;
        }
        // A bare number says too little (`10` may be an Int32, an Int64 or a Double) to add a
        // property the tables leave out.
        if value.is_number() {
            continue;
        }
        let Some((target, collection)) = infer(m, value, ns, &ex.place) else { continue };
        if m.types.get(root).is_some_and(|t| t.from_tables) {
            m.sink.push(
                &ex.place.file,
                ex.place.pos,
                Code::UndeclaredExampleKey,
                format!(
                    "key `{key}` of the JSON representation of `{}` is in no table; it was added as a property",
                    m.names.display(root)
                ),
            );
        }
        let c = example_candidate(m, target, collection, &ex.place);
        if let Some(b) = m.types.get_mut(root) {
            b.add_candidate(key, c);
        }
    }
}

/// A property declaration that an example makes: the lowest rank, typed by its value.
fn example_candidate(m: &Merger, target: Target, collection: bool, place: &Place) -> Candidate {
    let written = match &target {
        Target::Named(k) => m.names.display(k),
        Target::Primitive(p) => p.to_string(),
        Target::Enumeration => "Enumeration".to_string(),
    };
    Candidate {
        target,
        collection,
        navigation: false,
        nullable: true,
        description: None,
        possible_values: Vec::new(),
        place: place.clone(),
        precedence: Precedence::Example,
        written,
        enum_type: None,
        alternatives: Vec::new(),
    }
}

/// The concrete examples (sample values, not placeholders) whose type is a struct of the
/// schema, each with its predicted behaviour in the generated models.
///
/// The types are finished: each example is read against them alone, so all are read in
/// parallel (each worker with a predictor of its own, which memoises field maps) and come
/// back in order.
pub(super) fn concrete(m: &Merger, facts: &[PageFacts], types: &[crate::ir::TypeDef]) -> Vec<crate::ir::Example> {
    let predictor = super::predict::Predictor::new(types);
    let maps = predictor.shared();
    let mut examples: Vec<(&ExampleFact, &str)> =
        facts.iter().flat_map(|f| f.examples.iter().map(move |e| (e, f.namespace.as_str()))).collect();
    examples.sort_by(|a, b| a.0.place.cmp(&b.0.place));
    examples
        .into_par_iter()
        .map_init(|| super::predict::Predictor::worker(&maps), |predictor, (ex, ns)| check(m, predictor, ex, ns))
        .flatten_iter()
        .collect()
}

/// One example read as its type, with the behaviour predicted; `None` for a schematic body or
/// one whose type is no struct of the schema.
fn check(
    m: &Merger,
    predictor: &super::predict::Predictor<'_>,
    ex: &ExampleFact,
    ns: &str,
) -> Option<crate::ir::Example> {
    if is_schematic(&ex.value) {
        return None;
    }
    let root_type =
        |v: &Value| v.get("@odata.type").and_then(Value::as_str).map(|t| t.trim().trim_start_matches('#').to_string());
    let written = ex.type_name.clone().or_else(|| root_type(&ex.value))?;
    let key = m.names.key_of(&written, ns);
    let mut def = predictor.struct_type(&m.names.display(&key))?;
    // The example's own annotation may name a type derived from the one the prose names.
    if let Some(narrower) = ex.annotated.as_ref().and_then(|t| {
        let key = m.names.key_of(t, ns);
        predictor.struct_type(&m.names.display(&key))
    }) {
        if predictor.derives_from(narrower, &def.name) {
            def = narrower;
        }
    }
    // The body's shape decides between one value and a page, as the walk above does.
    let collection = match &ex.value {
        Value::Object(obj) if ex.collection => matches!(obj.get("value"), Some(Value::Array(_))),
        Value::Object(obj) => super::predict::is_page(obj) && !predictor.declares(def, "value"),
        Value::Array(_) => true,
        _ => ex.collection,
    };
    // One object in Intune's `{"value": {...}}` is the object inside (see `walk_body`).
    let value = match &ex.value {
        Value::Object(obj) if !collection && !predictor.declares(def, "value") => {
            wrapped_object(obj).unwrap_or(&ex.value)
        }
        _ => &ex.value,
    };
    // A root naming a type derived from the declared one is read as that type.
    if !collection {
        if let Some(derived) = root_type(value).and_then(|t| predictor.struct_type(&t)) {
            if derived.name != def.name && predictor.derives_from(derived, &def.name) {
                def = derived;
            }
        }
    }
    let mut example = crate::ir::Example {
        type_name: def.name.clone(),
        collection,
        source: ex.place.source(),
        value: value.clone(),
        deserializes: true,
        fully_typed: true,
        reasons: Vec::new(),
    };
    predictor.predict(def, collection, value, &mut example);
    Some(example)
}

/// A body made of placeholders (`"String"`, `"String (identifier)"`, `"a | b"`) rather than
/// sample values: it informs the schema, not the tests.
pub fn is_schematic(value: &Value) -> bool {
    match value {
        Value::String(s) => is_placeholder(s),
        Value::Array(items) => items.iter().any(is_schematic),
        Value::Object(obj) => obj.iter().any(|(k, v)| k != "@odata.type" && is_schematic(v)),
        _ => false,
    }
}

/// Called on every string of every example body: it compares ignoring ASCII case in place
/// rather than lower-casing a copy of each.
fn is_placeholder(s: &str) -> bool {
    let t = s.trim();
    let b = t.as_bytes();
    let starts = |prefix: &[u8]| b.len() >= prefix.len() && b[..prefix.len()].eq_ignore_ascii_case(prefix);
    primitive(t).is_some()
        || (starts(b"string") && matches!(b.get(6), None | Some(b' ' | b'(')))
        || starts(b"datetimeoffset")
        || starts(b"edm.")
        || starts(b"collection(")
        || (t.contains(" | ") && !t.contains('\n'))
        // `"datetime-value"`, `"customerId-value"`, `"base64-contentBytes-value"`.
        || (b.len() >= 6 && b[b.len() - 6..].eq_ignore_ascii_case(b"-value") && !t.contains(char::is_whitespace))
}

fn count(m: &Merger) -> usize {
    m.types.values_unordered().map(|t| t.props.values().map(Vec::len).sum::<usize>() + 1).sum()
}

const MAX_DEPTH: usize = 64;

fn walk_body(m: &mut Merger, value: &Value, declared: Option<String>, collection: bool, cx: &mut Walk<'_>) {
    // One object in Intune's `{"value": {...}}`: the object inside is the body.
    if let (Value::Object(obj), Some(ty), false) = (value, declared.as_deref(), collection) {
        if let Some(inner) = wrapped_object(obj).filter(|_| !declares_value(m, ty)) {
            m.sink.push(
                &cx.place.file,
                cx.place.pos,
                Code::WrappedExample,
                format!(
                    "the example wraps one `{}` in {{\"value\": ...}}; it was read as the object inside",
                    m.names.display(ty)
                ),
            );
            return walk_value(m, inner, declared, cx, 0);
        }
    }
    match value {
        // A page of a collection: `value` holds the items, the other keys are annotations
        // (`@odata.nextLink`); pages say so, or wrap a body the prose calls one object.
        // A type with a `value` property of its own (`commsNotifications`) is not a page.
        Value::Object(obj)
            if collection
                || declared.is_none()
                || (super::predict::is_page(obj) && !declared.as_deref().is_some_and(|d| declares_value(m, d))) =>
        {
            match obj.get("value") {
                Some(Value::Array(items)) => items.iter().for_each(|v| walk_value(m, v, declared.clone(), cx, 0)),
                _ => walk_value(m, value, declared, cx, 0),
            }
        }
        _ => walk_value(m, value, declared, cx, 0),
    }
}

/// `{"value": {...}}`, annotations aside: how the Intune pages show a response of one object.
/// Only an object under `value` counts (an array makes a page).
pub(super) fn wrapped_object(obj: &Map<String, Value>) -> Option<&Value> {
    let inner = obj.get("value").filter(|v| v.is_object())?;
    obj.keys().all(|k| k == "value" || crate::json::is_annotation(k)).then_some(inner)
}

/// Whether `ty` or a base declares a property named `value` (then `{"value": {...}}` is the
/// type itself, not a wrapper).
fn declares_value(m: &Merger, ty: &str) -> bool {
    bases::lineage(&m.bases, ty).iter().any(|t| m.types.get(t).is_some_and(|b| b.props.contains_key("value")))
}

fn walk_value(m: &mut Merger, value: &Value, declared: Option<String>, cx: &mut Walk<'_>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    match value {
        Value::Array(items) => items.iter().for_each(|v| walk_value(m, v, declared.clone(), cx, depth + 1)),
        Value::Object(obj) => walk_object(m, obj, declared, cx, depth + 1),
        _ => {}
    }
}

/// The type an `@odata.type` value names, registered as defined by an example.
fn odata_type(m: &mut Merger, obj: &Map<String, Value>, ns: &str, place: &Place) -> Option<String> {
    let t = crate::json::odata_type_field(obj)?.as_str()?.trim().trim_start_matches('#');
    if !crate::extract::type_cell::is_type_name(t) {
        return None;
    }
    let key = m.names.declare(t, ns, Rank::Example);
    // Every pass of `apply` sees the same objects again: copy the key and the place only
    // when they are new.
    let sources = match m.types.get_mut(&key) {
        Some(b) => &mut b.sources,
        None => &mut m.types.entry_or_default(key.clone()).sources,
    };
    note(sources, place);
    Some(key)
}

/// Adds `item` to `set` unless it is there, copying it only when new: every pass of
/// [`apply`] notes the same places again.
fn note<T: Ord + Clone>(set: &mut BTreeSet<T>, item: &T) {
    // Examples are walked in order of place: the item is most often the greatest already.
    if set.last() != Some(item) && !set.contains(item) {
        set.insert(item.clone());
    }
}

fn walk_object(m: &mut Merger, obj: &Map<String, Value>, declared: Option<String>, cx: &mut Walk<'_>, depth: usize) {
    let (ns, place) = (cx.ns, cx.place);
    let said = odata_type(m, obj, ns, place);
    // A value, not a representation's `{"@odata.type": "x"}` placeholder (which only says what
    // the property's type is, and sometimes contradicts its table).
    let is_value = obj.keys().any(|k| k != "@odata.type");
    if let (Some(said), Some(declared), true) = (&said, &declared, is_value) {
        if said != declared {
            note(m.typed_slots.entry((said.clone(), declared.clone())).or_default(), &place.file);
        }
    }
    let Some(ty) = said.or(declared) else {
        cx.unsettled = true;
        return;
    };
    let Some(tb) = m.types.get(&ty) else {
        cx.unsettled = true;
        return;
    };
    if tb.is_enum {
        return;
    }
    let documented = tb.from_tables;
    let open = tb.open_type;
    if open {
        note_open_values(m, &ty, obj, ns, place);
    }
    let chain = cx.lineages.of(m, &ty);
    for (key, value) in obj {
        if crate::json::is_annotation(key) {
            continue;
        }
        // The first type along the chain that declares the key, and the named type the key
        // has from there on (the types before it do not have the key), in one look along the
        // chain; a null value says nothing of the named type, so none is looked for.
        let (declared_at, mut nested) = declared_along(m, &chain, key, !value.is_null());
        if let Some(owner) = declared_at.filter(|_| documented).and_then(|i| chain.slot(m, i)) {
            note_value_shape(m, owner, key, value, cx.page, cx.representation);
        }
        let add_here = !open
            && key.starts_with(|c: char| c.is_ascii_lowercase())
            && match declared_at {
                // More evidence for an example-only type's own property (the lineage's first
                // type is `ty`; no ancestor is).
                Some(i) => !documented && i == 0,
                None if documented => {
                    // A later representation may still declare it (see `add_representation_keys`).
                    cx.unsettled = true;
                    note(m.undeclared_keys.entry((ty.clone(), key.clone())).or_default(), place);
                    continue;
                }
                None => true,
            };
        if add_here {
            if let Some((target, collection)) = infer(m, value, ns, place) {
                let c = example_candidate(m, target, collection, place);
                if let Some(b) = m.types.get_mut(&ty) {
                    b.add_candidate(key, c);
                    note(&mut b.sources, place);
                    // `ty` (the chain's first) declares the key now: look again.
                    if !value.is_null() {
                        nested = declared_along(m, &chain, key, true).1;
                    }
                }
            }
        }
        if matches!(value, Value::String(_) | Value::Number(_) | Value::Bool(_)) {
            // A scalar where a named type is declared: if that type has no properties, its
            // values are not objects (see `TypeDef::any_json`).
            if let Some((nested, _)) = &nested {
                if let Some(b) = m.types.get_mut(nested).filter(|b| !b.is_enum) {
                    note(&mut b.scalar_pages, &place.file);
                }
            }
        }
        if matches!(value, Value::Object(_) | Value::Array(_)) {
            // A type only examples tell may be told differently by a later example.
            if nested.as_ref().is_none_or(|(_, precedence)| *precedence == Precedence::Example) {
                cx.unsettled = true;
            }
            walk_value(m, value, nested.map(|(k, _)| k), cx, depth);
        }
    }
}

/// What an example shows of a declared property (see `TypeBuilder::value_shapes`): that it
/// uses the name, and whether the value is an array or one value. `null` says neither, nor
/// does a placeholder that names a collection (`"Collection(String)"`, `"String collection"`).
/// Called for every key of every example on every pass of [`apply`]: it allocates only what
/// is new.
fn note_value_shape(m: &mut Merger, owner: usize, key: &str, value: &Value, page: super::PageNo, representation: bool) {
    let single = match value {
        Value::Null => None,
        Value::Array(_) => Some(false),
        Value::String(s) if crate::extract::text::has_ascii_ci(s, b"collection") => None,
        _ => Some(true),
    };
    let b = m.types.at_mut(owner);
    let shapes = match b.value_shapes.get_mut(key) {
        Some(shapes) => shapes,
        None => b.value_shapes.entry(key.to_string()).or_default(),
    };
    // Examples are walked in order of place, so on the first pass a page already noted is the
    // last one in its set: checked before searching the set.
    let note = |pages: &mut BTreeSet<super::PageNo>| {
        if pages.last() != Some(&page) {
            pages.insert(page);
        }
    };
    if !representation {
        note(&mut shapes.named);
    }
    match single {
        Some(true) => note(&mut shapes.single),
        Some(false) => note(&mut shapes.array),
        None => {}
    }
}

/// What the values of an open type's properties are (see `TypeBuilder::open_values`).
fn note_open_values(m: &mut Merger, ty: &str, obj: &Map<String, Value>, ns: &str, place: &Place) {
    let mut seen = Vec::new();
    let mut arrays = false;
    for (_, value) in obj.iter().filter(|(k, _)| !crate::json::is_annotation(k)) {
        match value {
            Value::Null => {}
            Value::Array(_) => arrays = true,
            _ => match infer(m, value, ns, place) {
                Some((Target::Named(k), _)) => seen.push(k),
                Some((Target::Primitive(p), _)) if p != edm::UNTYPED => seen.push(p.to_string()),
                _ => {}
            },
        }
    }
    if let Some(b) = m.types.get_mut(ty) {
        b.open_arrays |= arrays;
        if !seen.is_empty() {
            note(&mut b.open_pages, &place.file);
        }
        for s in seen {
            if !b.open_values.contains(&s) {
                b.open_values.insert(s);
            }
        }
    }
}

/// Where along `chain` the first type that declares `key` is, and, when `named` is asked
/// for, the named type the key has from there (by the best candidate naming one, of the
/// first type whose candidates name one) and that candidate's precedence: one look along the
/// chain answers both, which the walk asks for nearly every key of every example.
fn declared_along(
    m: &Merger,
    chain: &Lineage,
    key: &str,
    named: bool,
) -> (Option<usize>, Option<(String, Precedence)>) {
    let mut declared_at = None;
    for i in 0..chain.keys.len() {
        let Some(cands) = chain.slot(m, i).and_then(|slot| m.types.at(slot).props.get(key)) else { continue };
        declared_at.get_or_insert(i);
        if !named {
            break;
        }
        if let Some(found) = best_named(cands) {
            return (declared_at, Some(found));
        }
    }
    (declared_at, None)
}

/// The named type of the best of `cands` that names one, and that candidate's precedence.
fn best_named(cands: &[Candidate]) -> Option<(String, Precedence)> {
    let best = cands
        .iter()
        .filter(|c| matches!(c.target, Target::Named(_)))
        .min_by(|a, b| (a.precedence, &a.place).cmp(&(b.precedence, &b.place)))?;
    match &best.target {
        Target::Named(k) => Some((k.clone(), best.precedence)),
        _ => None,
    }
}

/// What a value in an example says about its property's type; `None` for nothing at all.
fn infer(m: &mut Merger, value: &Value, ns: &str, place: &Place) -> Option<(Target, bool)> {
    Some(match value {
        Value::Null => (Target::Primitive(edm::UNTYPED), false),
        Value::Bool(_) => (Target::Primitive(edm::BOOLEAN), false),
        Value::Number(n) => match n.as_i64() {
            Some(i) if i32::try_from(i).is_ok() => (Target::Primitive(edm::INT32), false),
            Some(_) => (Target::Primitive(edm::INT64), false),
            None => (Target::Primitive(edm::DOUBLE), false),
        },
        Value::String(s) => (Target::Primitive(placeholder_type(s)), false),
        Value::Object(obj) => match odata_type(m, obj, ns, place) {
            Some(k) => (Target::Named(k), false),
            None => (Target::Primitive(edm::UNTYPED), false),
        },
        Value::Array(items) => {
            let first = items.iter().find(|v| !v.is_null());
            match first.map(|v| infer(m, v, ns, place)) {
                Some(Some((t, _))) => (t, true),
                _ => (Target::Primitive(edm::UNTYPED), true),
            }
        }
    })
}

/// The primitive a string in an example stands for: a placeholder naming the type
/// (`"Double"`, `"String (timestamp)"`) or a sample whose form tells it (dates, times, durations).
pub fn placeholder_type(s: &str) -> &'static str {
    let t = s.trim();
    if let Some(p) = primitive(t) {
        return p;
    }
    let lower = t.to_ascii_lowercase();
    if lower.starts_with("datetimeoffset") {
        return edm::DATE_TIME_OFFSET;
    }
    // `"String (timestamp)"`, `"String (ISO 8601 duration)"`: the gloss names the format.
    if let Some(gloss) = lower.strip_prefix("string (").and_then(|g| g.strip_suffix(')')) {
        let has = |w: &str| gloss.split(|c: char| !c.is_ascii_alphanumeric()).any(|x| x == w);
        return if has("duration") {
            edm::DURATION
        } else if has("timestamp") || gloss.contains("date-time") || has("datetime") || has("datetimeoffset") {
            edm::DATE_TIME_OFFSET
        } else if has("date") {
            edm::DATE
        } else if has("time") || has("timeofday") {
            edm::TIME_OF_DAY
        } else if has("guid") || has("uuid") {
            edm::GUID
        } else if has("binary") || has("base64") {
            edm::BINARY
        } else {
            edm::STRING
        };
    }
    if lower.starts_with("string") {
        return edm::STRING;
    }
    let b = t.as_bytes();
    let digits = |r: std::ops::Range<usize>| r.clone().all(|i| b.get(i).is_some_and(u8::is_ascii_digit));
    let is_date = b.len() >= 10 && digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10);
    if is_date && b.len() == 10 {
        return edm::DATE;
    }
    if is_date && matches!(b.get(10), Some(b'T') | Some(b't')) && b.len() >= 16 {
        return edm::DATE_TIME_OFFSET;
    }
    if b.len() >= 8
        && digits(0..2)
        && b[2] == b':'
        && digits(3..5)
        && b[5] == b':'
        && digits(6..8)
        && t[8..].chars().all(|c| c == '.' || c.is_ascii_digit())
    {
        return edm::TIME_OF_DAY;
    }
    let d = t.strip_prefix('-').unwrap_or(t);
    if d.len() >= 3
        && d.starts_with('P')
        && d[1..].chars().all(|c| c.is_ascii_digit() || "YMWDTHS.".contains(c))
        && d.chars().any(|c| c.is_ascii_digit())
    {
        return edm::DURATION;
    }
    edm::STRING
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `declared_along` gives what it replaced: the first type along the chain that declares
    /// the key, and `named_type_of` of the chain from there. Keys declared at each level, by
    /// primitives only, by named types of every precedence, by several candidates on several
    /// pages, and by none; every lineage from each type of a three-level chain.
    #[test]
    fn one_look_along_the_chain_finds_what_two_did() {
        let mut m = Merger::default();
        let place = |file: &str, line: u32| Place {
            file: crate::page::PagePath::from(file),
            pos: crate::diagnostics::Pos::new(line, 1),
        };
        let cand = |m: &Merger, target: Target, precedence: Precedence, place: Place| {
            let mut c = example_candidate(m, target, false, &place);
            c.precedence = precedence;
            c
        };
        for (derived, base) in [("g.c", "g.b"), ("g.b", "g.a")] {
            m.bases.insert(derived.to_string(), base.to_string());
        }
        // Owner, key, what the candidate names, its precedence, and its page and line.
        type Row = (&'static str, &'static str, Target, Precedence, (&'static str, u32));
        let rows: &[Row] = &[
            // Only a primitive where first declared, a named type further up.
            ("g.b", "k1", Target::Primitive(edm::STRING), Precedence::Resource, ("b.md", 3)),
            ("g.a", "k1", Target::Named("g.x".into()), Precedence::Request, ("a.md", 9)),
            // Named where first declared, by several candidates: the best by precedence, then place.
            ("g.c", "k2", Target::Named("g.y".into()), Precedence::Example, ("c.md", 1)),
            ("g.c", "k2", Target::Named("g.z".into()), Precedence::Request, ("d.md", 5)),
            ("g.c", "k2", Target::Named("g.w".into()), Precedence::Request, ("c.md", 7)),
            ("g.c", "k2", Target::Primitive(edm::INT32), Precedence::Resource, ("a.md", 1)),
            ("g.a", "k2", Target::Named("g.v".into()), Precedence::Resource, ("a.md", 2)),
            // Declared at the top only.
            ("g.a", "k3", Target::Named("g.u".into()), Precedence::Example, ("e.md", 4)),
            // Primitives only, at two levels.
            ("g.c", "k4", Target::Primitive(edm::BOOLEAN), Precedence::Resource, ("c.md", 2)),
            ("g.a", "k4", Target::Enumeration, Precedence::Request, ("a.md", 8)),
        ];
        for t in ["g.a", "g.b", "g.c"] {
            m.types.entry_or_default(t.to_string());
        }
        for (owner, key, target, precedence, (file, line)) in rows {
            let c = cand(&m, target.clone(), *precedence, place(file, *line));
            m.types.entry_or_default(owner.to_string()).add_candidate(key, c);
        }
        // The reference: the two lookups `declared_along` replaced, by key along the chain.
        let named_type_of = |m: &Merger, chain: &[String], key: &str| {
            chain.iter().filter_map(|t| m.types.get(t)?.props.get(key)).find_map(|cands| best_named(cands))
        };
        let mut checked = 0;
        for ty in ["g.a", "g.b", "g.c", "g.undeclared"] {
            let chain = Lineage::of(&m, ty);
            for key in ["k1", "k2", "k3", "k4", "k5"] {
                let keys = &chain.keys;
                let at = keys.iter().position(|t| m.types.get(t).is_some_and(|b| b.props.contains_key(key)));
                let named = at.and_then(|i| named_type_of(&m, &keys[i..], key));
                assert_eq!(declared_along(&m, &chain, key, true), (at, named.clone()), "{ty}.{key}");
                assert_eq!(declared_along(&m, &chain, key, false), (at, None), "{ty}.{key}");
                checked += usize::from(named.is_some());
            }
        }
        // Every lineage but the undeclared type's finds a named type for k1, k2 and k3.
        assert_eq!(checked, 9);
        // A type given a builder after the lineage was worked out is found by its key.
        m.bases.insert("g.d".to_string(), "g.e".to_string());
        m.types.entry_or_default("g.d".to_string());
        let late = Lineage::of(&m, "g.d");
        assert_eq!(late.slots, [m.types.slot("g.d"), None]);
        let c = cand(&m, Target::Named("g.t".into()), Precedence::Resource, place("e.md", 2));
        m.types.entry_or_default("g.e".to_string()).add_candidate("k6", c);
        assert_eq!(declared_along(&m, &late, "k6", true), (Some(1), Some(("g.t".to_string(), Precedence::Resource))));
        let chain = Lineage::of(&m, "g.c");
        assert_eq!(declared_along(&m, &chain, "k2", true).1, Some(("g.w".to_string(), Precedence::Request)));
        assert_eq!(declared_along(&m, &chain, "k1", true), (Some(1), Some(("g.x".to_string(), Precedence::Request))));
    }

    #[test]
    fn schematic_bodies_are_told_from_samples() {
        let schematic = |v: Value| is_schematic(&v);
        assert!(schematic(serde_json::json!({"id": "String (identifier)"})));
        assert!(schematic(serde_json::json!({"a": {"b": ["String"]}})));
        assert!(schematic(serde_json::json!({"kind": "user | group"})));
        assert!(schematic(serde_json::json!({"sentDateTime": "datetime-value"})));
        assert!(schematic(serde_json::json!({"n": "Int32"})));
        assert!(!schematic(
            serde_json::json!({"@odata.type": "#microsoft.graph.user", "displayName": "Popov", "n": 3})
        ));
        assert!(!schematic(serde_json::json!({"value": [{"id": "db789417-4ccb-41d1-a0a9-47b01a09ea49"}]})));
    }

    /// The in-place comparisons say what lower-casing a copy said, on strings chosen to sit on
    /// every edge: case, white space (Unicode too), non-ASCII letters, lengths around each
    /// prefix and suffix.
    #[test]
    fn placeholders_are_told_ignoring_ascii_case_in_place() {
        fn by_lowered_copy(s: &str) -> bool {
            let t = s.trim();
            let lower = t.to_ascii_lowercase();
            primitive(t).is_some()
                || lower.strip_prefix("string").is_some_and(|r| r.is_empty() || r.starts_with([' ', '(']))
                || lower.starts_with("datetimeoffset")
                || lower.starts_with("edm.")
                || lower.starts_with("collection(")
                || (t.contains(" | ") && !t.contains('\n'))
                || (lower.ends_with("-value") && !t.contains(char::is_whitespace))
        }
        let words = [
            "",
            " ",
            "string",
            "STRING",
            "String",
            "Strings",
            "string ",
            " String (identifier)",
            "string(x)",
            "strinG\u{a0}x",
            "strin",
            "stringé",
            "DateTimeOffset",
            "datetimeoffsetX",
            "dateTimeOffse",
            "Edm.Int32",
            "EDM.",
            "edm",
            "Collection(Edm.String)",
            "collection",
            "COLLECTION(",
            "a | b",
            "a |\nb",
            "datetime-value",
            "customerId-VALUE",
            "-value",
            "value",
            "x -value",
            "x-valu",
            "é-value",
            "ünïcode",
            "Int 32",
            "int\u{2003}32",
            "Edm.\u{a0}Guid",
            "GUID",
            "guíd",
            "base64Binary",
            "date time offset",
            "timeofday",
            "TimeOfDayy",
            "a-very-long-name-that-is-no-primitive",
            "Popov",
            "db789417-4ccb-41d1-a0a9-47b01a09ea49",
        ];
        for w in words {
            assert_eq!(is_placeholder(w), by_lowered_copy(w), "{w:?}");
        }
    }

    #[test]
    fn placeholders_and_samples() {
        assert_eq!(placeholder_type("String"), edm::STRING);
        assert_eq!(placeholder_type("Double"), edm::DOUBLE);
        assert_eq!(placeholder_type("String (timestamp)"), edm::DATE_TIME_OFFSET);
        assert_eq!(placeholder_type("String (identifier)"), edm::STRING);
        assert_eq!(placeholder_type("String (ISO 8601 duration)"), edm::DURATION);
        assert_eq!(placeholder_type("String (date)"), edm::DATE);
        assert_eq!(placeholder_type("String (time of day)"), edm::TIME_OF_DAY);
        assert_eq!(placeholder_type("Id value"), edm::STRING);
        assert_eq!(placeholder_type("https://example.com/webUrl/"), edm::STRING);
        assert_eq!(placeholder_type("2017-01-01T00:00:46.1697867+03:00"), edm::DATE_TIME_OFFSET);
        assert_eq!(placeholder_type("2020-07-06"), edm::DATE);
        assert_eq!(placeholder_type("08:30:00.0000000"), edm::TIME_OF_DAY);
        assert_eq!(placeholder_type("PT1H30M"), edm::DURATION);
        assert_eq!(placeholder_type("Popov"), edm::STRING);
        assert_eq!(placeholder_type("db789417-4ccb-41d1-a0a9-47b01a09ea49"), edm::STRING);
    }

    #[test]
    fn one_object_wrapped_in_value_is_the_object_inside() {
        use crate::pipeline::{build_schema, SourceFile};
        let resource = "# widget resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n\
            | Property | Type | Description |\n|:--|:--|:--|\n| name | String | The name. |\n| size | Int32 | The size. |\n";
        let api = |body: &str| {
            format!(
                "# Get widget\n\nNamespace: microsoft.graph\n\n## HTTP request\n\n```http\nGET /widgets/{{id}}\n```\n\n\
                 ## Response\n\nIf successful, this method returns a `200 OK` response code and a [widget](../resources/widget.md) object in the response body.\n\n\
                 ## Example\n\n### Request\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"get_widget\" }} -->\n```http\nGET https://graph.microsoft.com/v1.0/widgets/1\n```\n\n\
                 ### Response\n\n<!-- {{ \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.widget\" }} -->\n\
                 ```http\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n{body}\n```\n"
            )
        };
        let schema_for = |body: &str| {
            build_schema(&[
                SourceFile { path: "resources/widget.md".into(), bytes: resource.as_bytes().to_vec() },
                SourceFile { path: "api/widget-get.md".into(), bytes: api(body).into_bytes() },
            ])
        };
        let wrapped = schema_for(r##"{"value": {"@odata.type": "#microsoft.graph.widget", "name": "w", "size": 3}}"##);
        let example = wrapped.examples.iter().find(|e| e.type_name == "microsoft.graph.widget").expect("example");
        assert_eq!(
            example.value,
            serde_json::json!({"@odata.type": "#microsoft.graph.widget", "name": "w", "size": 3})
        );
        assert!(example.fully_typed && !example.collection, "{example:?}");
        let told: Vec<_> = wrapped.diagnostics.iter().filter(|d| d.code == Code::WrappedExample).collect();
        assert_eq!(told.len(), 1, "{:?}", wrapped.diagnostics);
        assert!(told[0].message.contains("read as the object inside"));
        // A page (an array under `value`) and a plain object are what they say.
        let page = schema_for(r#"{"value": [{"name": "w"}]}"#);
        assert!(page.examples.iter().all(|e| e.collection || e.type_name != "microsoft.graph.widget"));
        assert!(page.diagnostics.iter().all(|d| d.code != Code::WrappedExample));
        let plain = schema_for(r#"{"name": "w", "size": 3}"#);
        assert!(plain.diagnostics.iter().all(|d| d.code != Code::WrappedExample));
    }

    #[test]
    fn an_example_annotated_with_a_derived_type_is_of_that_type() {
        use crate::pipeline::{build_schema, SourceFile};
        let base = "# thing resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n\
            | Property | Type | Description |\n|:--|:--|:--|\n| id | String | The id. |\n";
        let derived = "# gadget resource type\n\nNamespace: microsoft.graph\n\nInherits from [thing](thing.md).\n\n## Properties\n\n\
            | Property | Type | Description |\n|:--|:--|:--|\n| size | Int32 | The size. |\n";
        let other = "# widget resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n\
            | Property | Type | Description |\n|:--|:--|:--|\n| size | Int32 | The size. |\n";
        let api = |annotated: &str| {
            format!(
                "# List things\n\nNamespace: microsoft.graph\n\n## HTTP request\n\n```http\nGET /things\n```\n\n\
                 ## Response\n\nIf successful, this method returns a `200 OK` response code and a collection of [thing](../resources/thing.md) objects in the response body.\n\n\
                 ## Example\n\n### Request\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"list_things\" }} -->\n```http\nGET https://graph.microsoft.com/v1.0/things\n```\n\n\
                 ### Response\n\n<!-- {{ \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.{annotated}\", \"isCollection\": true }} -->\n\
                 ```http\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n{{\"value\": [{{\"id\": \"1\", \"size\": 3}}]}}\n```\n"
            )
        };
        let example_for = |annotated: &str| {
            let schema = build_schema(&[
                SourceFile { path: "resources/thing.md".into(), bytes: base.as_bytes().to_vec() },
                SourceFile { path: "resources/gadget.md".into(), bytes: derived.as_bytes().to_vec() },
                SourceFile { path: "resources/widget.md".into(), bytes: other.as_bytes().to_vec() },
                SourceFile { path: "api/thing-list.md".into(), bytes: api(annotated).into_bytes() },
            ]);
            schema.examples.into_iter().find(|e| e.source.contains("thing-list")).expect("the example is checked")
        };
        // The prose says things; the annotation says gadgets, which are things: gadgets they are.
        let narrowed = example_for("gadget");
        assert_eq!(narrowed.type_name, "microsoft.graph.gadget");
        assert!(narrowed.collection && narrowed.fully_typed, "{narrowed:?}");
        // An annotation naming an unrelated type is not believed over the prose.
        let unrelated = example_for("widget");
        assert_eq!(unrelated.type_name, "microsoft.graph.thing");
        assert!(!unrelated.fully_typed, "{unrelated:?}");
    }

    /// The schema of `pages` (path, Markdown).
    fn schema_of(pages: &[(&str, String)]) -> crate::ir::Schema {
        use crate::pipeline::{build_schema, SourceFile};
        let files: Vec<SourceFile> = pages
            .iter()
            .map(|(path, text)| SourceFile { path: (*path).into(), bytes: text.clone().into_bytes() })
            .collect();
        build_schema(&files)
    }

    /// A resource page: the rows (`| name | type | description |`) and, when given, the JSON
    /// representation.
    fn resource(name: &str, intro: &str, rows: &[&str], representation: Option<&str>) -> String {
        let mut page = format!(
            "# {name} resource type\n\nNamespace: microsoft.graph\n\n{intro}\n\n## Properties\n\n\
             | Property | Type | Description |\n|:--|:--|:--|\n"
        );
        for row in rows {
            page.push_str(row);
            page.push('\n');
        }
        if let Some(json) = representation {
            page.push_str(&format!(
                "\n## JSON representation\n\n<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.{name}\" }} -->\n```json\n{json}\n```\n"
            ));
        }
        page
    }

    /// An API page getting one `ty` at `path`, whose response example is `body`.
    fn get_page(ty: &str, path: &str, body: &str) -> String {
        format!(
            "# Get {ty}\n\nNamespace: microsoft.graph\n\n## HTTP request\n\n```http\nGET {path}\n```\n\n\
             ## Response\n\nIf successful, this method returns a `200 OK` response code and a [{ty}](../resources/{ty}.md) object in the response body.\n\n\
             ## Example\n\n### Request\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"get_{ty}\" }} -->\n```http\nGET https://graph.microsoft.com/v1.0{path}\n```\n\n\
             ### Response\n\n<!-- {{ \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.{ty}\" }} -->\n\
             ```http\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n{body}\n```\n"
        )
    }

    fn property<'s>(schema: &'s crate::ir::Schema, ty: &str, name: &str) -> Option<&'s crate::ir::Property> {
        schema.types.iter().find(|t| t.name == ty)?.properties.iter().find(|p| p.name == name)
    }

    #[test]
    fn examples_on_two_pages_settle_collection_ness_against_the_table() {
        let presence = resource(
            "presence",
            "A presence.",
            &["| availability | string collection | The availability. |", "| tags | String | The tags. |"],
            None,
        );
        let one = get_page("presence", "/me/presence", r#"{"availability": "Away", "tags": ["a", "b"]}"#);
        let two = get_page("presence", "/users/{id}/presence", r#"{"availability": "Busy", "tags": ["c"]}"#);
        let schema = schema_of(&[
            ("resources/presence.md", presence.clone()),
            ("api/presence-get.md", one.clone()),
            ("api/presence-get-user.md", two),
        ]);
        let availability = property(&schema, "microsoft.graph.presence", "availability").expect("availability");
        let tags = property(&schema, "microsoft.graph.presence", "tags").expect("tags");
        assert!(!availability.collection && tags.collection, "{availability:?} {tags:?}");
        let told: Vec<&str> = schema
            .diagnostics
            .iter()
            .filter(|d| d.code == Code::Conflict && d.file == "resources/presence.md")
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(told.len(), 2, "{told:?}");
        assert!(told.iter().any(|m| m.contains("`microsoft.graph.presence.availability`") && m.contains("one value")));
        assert!(told.iter().all(|m| m.contains("on 2 pages")), "{told:?}");
        // One page is not enough, nor are two when another example agrees with the table.
        let single = schema_of(&[("resources/presence.md", presence.clone()), ("api/presence-get.md", one.clone())]);
        assert!(property(&single, "microsoft.graph.presence", "availability").expect("availability").collection);
        let agreeing = get_page("presence", "/me/presence/x", r#"{"availability": ["Away"]}"#);
        let mixed = schema_of(&[
            ("resources/presence.md", presence),
            ("api/presence-get.md", one),
            ("api/presence-get-user.md", get_page("presence", "/users/{id}/presence", r#"{"availability": "Busy"}"#)),
            ("api/presence-get-x.md", agreeing),
        ]);
        assert!(property(&mixed, "microsoft.graph.presence", "availability").expect("availability").collection);
    }

    #[test]
    fn a_representation_naming_an_undefined_type_for_listed_values_names_the_enum() {
        let operation = resource(
            "workbookOperation",
            "An operation.",
            &["| status | String | The status. Possible values are: `notStarted`, `running`, `completed`. |"],
            Some(r#"{"status": {"@odata.type": "microsoft.graph.workbookOperationStatus"}}"#),
        );
        // Another enum with exactly these members: without the representation it would be used.
        let enums = "# Enum values\n\nNamespace: microsoft.graph\n\n### operationStatus values\n\n|Member|\n|:---|\n|notStarted|\n|running|\n|completed|\n";
        let schema =
            schema_of(&[("resources/workbookoperation.md", operation), ("resources/enums.md", enums.to_string())]);
        let status = property(&schema, "microsoft.graph.workbookOperation", "status").expect("status");
        assert_eq!(status.type_name, "microsoft.graph.workbookOperationStatus");
        let def = schema.types.iter().find(|t| t.name == "microsoft.graph.workbookOperationStatus").expect("the enum");
        assert_eq!(def.kind, crate::ir::TypeKind::Enum);
        let members: Vec<&str> = def.members.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(members, ["notStarted", "running", "completed"]);
    }

    #[test]
    fn a_value_standing_in_for_the_type_its_name_ends_with_derives_from_it() {
        let identity = resource("identity", "An identity.", &["| displayName | String | The name. |"], None);
        let user_identity = resource("userIdentity", "A user.", &["| ipAddress | String | The address. |"], None);
        let gadget = resource("gadget", "A gadget.", &["| size | Int32 | The size. |"], None);
        let holder = resource("decision", "A decision.", &["| principal | [identity](identity.md) | Who. |"], None);
        let schema_with = |principal: &str| {
            schema_of(&[
                ("resources/identity.md", identity.clone()),
                ("resources/useridentity.md", user_identity.clone()),
                ("resources/gadget.md", gadget.clone()),
                ("resources/decision.md", holder.clone()),
                (
                    "api/decision-get.md",
                    get_page("decision", "/decisions/{id}", &format!(r#"{{"principal": {principal}}}"#)),
                ),
            ])
        };
        let base_of = |schema: &crate::ir::Schema, ty: &str| {
            schema.types.iter().find(|t| t.name == ty).and_then(|t| t.base.clone())
        };
        let schema =
            schema_with(r##"{"@odata.type": "#microsoft.graph.userIdentity", "displayName": "A", "ipAddress": "1"}"##);
        assert_eq!(base_of(&schema, "microsoft.graph.userIdentity").as_deref(), Some("microsoft.graph.identity"));
        let example = schema.examples.iter().find(|e| e.source.contains("decision-get")).expect("example");
        assert!(example.fully_typed, "{example:?}");
        // A value of a type whose name says nothing of the slot's type proves no inheritance.
        let schema = schema_with(r##"{"@odata.type": "#microsoft.graph.gadget", "size": 1}"##);
        assert_eq!(base_of(&schema, "microsoft.graph.gadget"), None);
        // Nor does a representation's placeholder, which only names a property's type.
        let schema = schema_with(r##"{"@odata.type": "#microsoft.graph.userIdentity"}"##);
        assert_eq!(base_of(&schema, "microsoft.graph.userIdentity"), None);
    }

    #[test]
    fn a_collection_the_examples_name_in_the_plural_takes_that_name() {
        let policy = resource("appliedPolicy", "A policy.", &["| id | String | The id. |"], None);
        let sign_in = resource(
            "signIn",
            "A sign-in.",
            &["| appliedPolicy | [appliedPolicy](appliedpolicy.md) collection | The policies. |"],
            Some(r#"{"appliedPolicy": [{"@odata.type": "microsoft.graph.appliedPolicy"}]}"#),
        );
        let body = r#"{"appliedPolicies": [{"id": "1"}]}"#;
        let pages = |n: usize| {
            let mut pages =
                vec![("resources/appliedpolicy.md", policy.clone()), ("resources/signin.md", sign_in.clone())];
            let paths = [("api/signin-get.md", "/signIns/{id}"), ("api/signin-get-2.md", "/auditLogs/signIns/{id}")];
            for (path, url) in &paths[..n] {
                pages.push((path, get_page("signIn", url, body)));
            }
            schema_of(&pages)
        };
        let schema = pages(2);
        let renamed = property(&schema, "microsoft.graph.signIn", "appliedPolicies").expect("renamed");
        assert!(renamed.collection && renamed.type_name == "microsoft.graph.appliedPolicy", "{renamed:?}");
        assert!(property(&schema, "microsoft.graph.signIn", "appliedPolicy").is_none());
        assert!(schema
            .diagnostics
            .iter()
            .any(|d| d.code == Code::Conflict && d.message.contains("`appliedPolicies` was used")));
        assert!(schema.diagnostics.iter().all(|d| d.code != Code::UndeclaredExampleKey), "{:?}", schema.diagnostics);
        assert!(schema.examples.iter().filter(|e| e.source.starts_with("api/")).all(|e| e.fully_typed));
        // On one page it may be a slip of that page: the table stands, the key is reported.
        let schema = pages(1);
        assert!(property(&schema, "microsoft.graph.signIn", "appliedPolicy").is_some());
        assert!(schema
            .diagnostics
            .iter()
            .any(|d| d.code == Code::UndeclaredExampleKey && d.message.contains("`appliedPolicies`")));
    }

    #[test]
    fn a_type_with_a_value_property_of_its_own_is_not_a_page() {
        let notification =
            resource("notification", "A notification.", &["| changeType | String | The change. |"], None);
        let batch = resource(
            "notifications",
            "Notifications in one batch.",
            &["| value | [notification](notification.md) collection | The notifications. |"],
            None,
        );
        let body = r##"{"@odata.type": "#microsoft.graph.notifications", "value": [{"@odata.type": "#microsoft.graph.notification", "changeType": "deleted"}]}"##;
        let schema = schema_of(&[
            ("resources/notification.md", notification),
            ("resources/notifications.md", batch),
            ("api/notifications-get.md", get_page("notifications", "/notifications", body)),
        ]);
        let example = schema.examples.iter().find(|e| e.source.starts_with("api/")).expect("example");
        assert_eq!(example.type_name, "microsoft.graph.notifications");
        assert!(!example.collection && example.fully_typed, "{example:?}");
    }
}
