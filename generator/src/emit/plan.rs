//! Decisions made once for the whole schema before any code is written: which module and
//! identifier each type gets, which fields each struct has after flattening its base chain,
//! and which fields must be boxed to break a recursive type.

use super::format::ident;
use super::EmitError;
use crate::ir::{edm, split_qualified, Property, Schema, TypeDef, TypeKind};
use crate::naming::{self, Case, Scope};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::{BTreeMap, BTreeSet};

/// The namespace re-exported at `models::` when the schema has it.
const PREFERRED_NAMESPACE: &str = "microsoft.graph";

/// Field identifiers every struct uses for its own bookkeeping.
pub(crate) const ODATA_TYPE_FIELD: &str = "odata_type";
pub(crate) const ADDITIONAL_DATA_FIELD: &str = "additional_data";

/// What Rust item a type becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// Entity and complex types.
    Struct,
    /// A plain enum with an `Other(String)` catch-all.
    Enum,
    /// A flags enum: a struct of booleans that (de)serialises as `"a,b"`.
    Flags,
}

/// Where one type lives in the generated crate.
#[derive(Debug, Clone)]
pub(crate) struct TypeInfo<'s> {
    pub def: &'s TypeDef,
    /// The module identifier of the type's namespace, under `models`.
    pub module: String,
    /// The type's identifier within that module.
    pub ident: String,
    pub shape: Shape,
}

/// A field of a struct after flattening: its own or an inherited property.
#[derive(Debug, Clone)]
pub(crate) struct FlatField<'s> {
    pub property: &'s Property,
    /// The type that declares the property (the struct itself or one of its bases).
    pub declared_in: &'s TypeDef,
    pub ident: String,
    /// Whether the field is `Option<Box<T>>` because it closes a cycle of inline fields.
    pub boxed: bool,
}

/// Everything the item emitters need to know about names and types.
#[derive(Debug)]
pub(crate) struct Plan<'s> {
    /// The namespace whose types are re-exported at `models::`.
    pub default_namespace: String,
    /// Namespace -> module identifier.
    pub modules: BTreeMap<String, String>,
    /// Qualified name -> placement.
    pub types: BTreeMap<&'s str, TypeInfo<'s>>,
    /// Qualified name of each struct -> its flattened fields, root base first.
    pub fields: BTreeMap<&'s str, Vec<FlatField<'s>>>,
}

impl<'s> Plan<'s> {
    pub(crate) fn new(schema: &'s Schema) -> Self {
        let mut defs: BTreeMap<&'s str, &'s TypeDef> = BTreeMap::new();
        for def in &schema.types {
            defs.entry(def.name.as_str()).or_insert(def);
        }
        let default_namespace = choose_default_namespace(&defs);

        let mut by_namespace: BTreeMap<&str, Vec<&'s TypeDef>> = BTreeMap::new();
        for def in defs.values() {
            by_namespace.entry(split_qualified(&def.name).0).or_default().push(def);
        }
        let mut module_scope = Scope::new(Case::Snake);
        // `models::models` would trip `clippy::module_inception`.
        module_scope.reserve("models");
        let modules = module_scope.assign_names(by_namespace.keys().copied(), naming::module_ident);

        let mut types = BTreeMap::new();
        for (namespace, members) in &by_namespace {
            let module = modules.get(*namespace).cloned().unwrap_or_default();
            let mut scope = Scope::new(Case::UpperCamel);
            let wishes =
                members.iter().map(|d| (d.name.as_str(), naming::type_ident(split_qualified(&d.name).1))).collect();
            let idents = scope.assign(wishes);
            for def in members {
                let ident = idents.get(def.name.as_str()).cloned().unwrap_or_default();
                let shape = match (def.kind, def.flags) {
                    (TypeKind::Enum, true) => Shape::Flags,
                    (TypeKind::Enum, false) => Shape::Enum,
                    _ => Shape::Struct,
                };
                types.insert(def.name.as_str(), TypeInfo { def, module: module.clone(), ident, shape });
            }
        }

        let mut plan = Plan { default_namespace, modules, types, fields: BTreeMap::new() };
        plan.fields = plan.flatten_all();
        plan.mark_boxed();
        plan
    }

    /// The type a reference names: exact qualified name, else (for a bare name) the same name
    /// in the default namespace.
    pub(crate) fn resolve(&self, name: &str) -> Option<&TypeInfo<'s>> {
        if let Some(info) = self.types.get(name) {
            return Some(info);
        }
        if !name.contains('.') {
            let qualified = format!("{}.{name}", self.default_namespace);
            return self.types.get(qualified.as_str());
        }
        None
    }

    /// The base chain of `def`, root first, ending with `def` itself (a loop or an unknown
    /// base ends the chain).
    pub(crate) fn chain(&self, def: &'s TypeDef) -> Vec<&'s TypeDef> {
        let mut chain = vec![def];
        let mut seen: BTreeSet<&str> = BTreeSet::from([def.name.as_str()]);
        let mut current = def;
        while let Some(base) = current.base.as_deref().and_then(|b| self.resolve(b)) {
            if base.shape != Shape::Struct || !seen.insert(base.def.name.as_str()) {
                break;
            }
            chain.push(base.def);
            current = base.def;
        }
        chain.reverse();
        chain
    }

    fn flatten_all(&self) -> BTreeMap<&'s str, Vec<FlatField<'s>>> {
        let mut out = BTreeMap::new();
        for (name, info) in &self.types {
            if info.shape == Shape::Struct {
                out.insert(*name, self.flatten(info.def));
            }
        }
        out
    }

    /// Own and inherited properties, root base first; a property redeclared lower in the chain
    /// keeps its place but takes the most derived declaration. `@odata.type` is left to the
    /// field every struct has anyway.
    fn flatten(&self, def: &'s TypeDef) -> Vec<FlatField<'s>> {
        let mut order: Vec<&'s str> = Vec::new();
        let mut latest: BTreeMap<&'s str, (&'s Property, &'s TypeDef)> = BTreeMap::new();
        for declaring in self.chain(def) {
            for property in &declaring.properties {
                if property.name == "@odata.type" {
                    continue;
                }
                if latest.insert(property.name.as_str(), (property, declaring)).is_none() {
                    order.push(property.name.as_str());
                }
            }
        }
        let mut scope = Scope::new(Case::Snake);
        scope.reserve(ODATA_TYPE_FIELD);
        scope.reserve(ADDITIONAL_DATA_FIELD);
        let idents = scope.assign_names(order.iter().copied(), naming::field_ident);
        order
            .iter()
            .filter_map(|name| {
                let (property, declared_in) = latest.get(name)?;
                Some(FlatField {
                    property,
                    declared_in,
                    ident: idents.get(*name).cloned().unwrap_or_default(),
                    boxed: false,
                })
            })
            .collect()
    }

    /// Boxes every inline (non-collection) field whose struct type is in the same strongly
    /// connected component as the struct holding it: those are the fields that would make a
    /// type infinitely large. (`Vec` already has a fixed size, so collections never count.)
    fn mark_boxed(&mut self) {
        let names: Vec<&'s str> = self.fields.keys().copied().collect();
        let index: BTreeMap<&str, usize> = names.iter().enumerate().map(|(i, n)| (*n, i)).collect();
        let target = |plan: &Plan<'s>, field: &FlatField<'s>| -> Option<usize> {
            if field.property.collection {
                return None;
            }
            let info = plan.resolve(&field.property.type_name)?;
            index.get(info.def.name.as_str()).copied()
        };
        let adjacency: Vec<Vec<usize>> = names
            .iter()
            .map(|n| {
                let fields = self.fields.get(n).map(Vec::as_slice).unwrap_or_default();
                fields.iter().filter_map(|f| target(self, f)).collect()
            })
            .collect();
        let component = strongly_connected_components(&adjacency);
        let mut boxed: Vec<(&'s str, usize)> = Vec::new();
        for (from, name) in names.iter().enumerate() {
            for (i, field) in self.fields.get(name).map(Vec::as_slice).unwrap_or_default().iter().enumerate() {
                if let Some(to) = target(self, field) {
                    if component[from] == component[to] {
                        boxed.push((name, i));
                    }
                }
            }
        }
        for (name, i) in boxed {
            if let Some(field) = self.fields.get_mut(name).and_then(|f| f.get_mut(i)) {
                field.boxed = true;
            }
        }
    }

    /// The Rust type of a value of `type_name` (not wrapped in `Option` or `Vec`), as seen from
    /// `from_module` (`None`: from outside `models`, so always a full path).
    ///
    /// `Edm.Stream` maps to `String` here: in JSON a stream property carries at most a link or
    /// opaque text; stream *bodies* are raw bytes and handled by the endpoint emitter.
    pub(crate) fn value_type(&self, type_name: &str, from_module: Option<&str>) -> Result<TokenStream, EmitError> {
        if edm::is_primitive(type_name) {
            return Ok(primitive_type(type_name));
        }
        match self.resolve(type_name) {
            Some(info) => self.type_path(info, from_module),
            None => Ok(quote!(serde_json::Value)),
        }
    }

    /// The path to a generated type from `from_module` (bare within the same module).
    pub(crate) fn type_path(&self, info: &TypeInfo<'s>, from_module: Option<&str>) -> Result<TokenStream, EmitError> {
        let ty = ident(&info.ident, &info.def.name)?;
        if from_module == Some(info.module.as_str()) {
            return Ok(quote!(#ty));
        }
        let module = ident(&info.module, &info.def.name)?;
        Ok(quote!(crate::models::#module::#ty))
    }

    /// An intra-doc link to a generated type, showing `text` (already Markdown, e.g. a code
    /// span): ``[`user`](crate::models::microsoft_graph::User)``.
    pub(crate) fn doc_link(&self, info: &TypeInfo<'s>, text: &str) -> String {
        format!("[{text}](crate::models::{}::{})", info.module, info.ident)
    }
}

/// The Rust type of an `Edm` primitive; unknown primitives become `serde_json::Value`.
fn primitive_type(name: &str) -> TokenStream {
    let is = |candidate: &str| name.eq_ignore_ascii_case(candidate);
    if is(edm::STRING) || is(edm::STREAM) {
        quote!(String)
    } else if is(edm::BOOLEAN) {
        quote!(bool)
    } else if is(edm::INT32) {
        quote!(i32)
    } else if is(edm::INT64) {
        quote!(i64)
    } else if is(edm::INT16) {
        quote!(i16)
    } else if is(edm::BYTE) {
        quote!(u8)
    } else if is(edm::SBYTE) {
        quote!(i8)
    } else if is(edm::DOUBLE) || is(edm::DECIMAL) {
        quote!(f64)
    } else if is(edm::SINGLE) {
        quote!(f32)
    } else if is(edm::DATE_TIME_OFFSET) {
        quote!(chrono::DateTime<chrono::FixedOffset>)
    } else if is(edm::DATE) {
        quote!(chrono::NaiveDate)
    } else if is(edm::TIME_OF_DAY) {
        quote!(chrono::NaiveTime)
    } else if is(edm::DURATION) {
        quote!(crate::runtime::Duration)
    } else if is(edm::GUID) {
        quote!(uuid::Uuid)
    } else if is(edm::BINARY) {
        quote!(crate::runtime::Binary)
    } else {
        quote!(serde_json::Value)
    }
}

/// `microsoft.graph` when present, else the namespace with the most types (then by name).
fn choose_default_namespace(defs: &BTreeMap<&str, &TypeDef>) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for name in defs.keys() {
        *counts.entry(split_qualified(name).0).or_default() += 1;
    }
    if counts.contains_key(PREFERRED_NAMESPACE) {
        return PREFERRED_NAMESPACE.to_string();
    }
    counts
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(ns, _)| ns.to_string())
        .unwrap_or_else(|| PREFERRED_NAMESPACE.to_string())
}

/// Tarjan's algorithm without recursion (schemas have thousands of types): the component
/// number of each node.
fn strongly_connected_components(adjacency: &[Vec<usize>]) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let n = adjacency.len();
    let mut index = vec![UNSEEN; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut component = vec![UNSEEN; n];
    let mut stack = Vec::new();
    let mut next_index = 0;
    let mut next_component = 0;
    for root in 0..n {
        if index[root] != UNSEEN {
            continue;
        }
        index[root] = next_index;
        low[root] = next_index;
        next_index += 1;
        stack.push(root);
        on_stack[root] = true;
        let mut calls: Vec<(usize, usize)> = vec![(root, 0)];
        while let Some(&(v, edge)) = calls.last() {
            if let Some(&w) = adjacency[v].get(edge) {
                if let Some(top) = calls.last_mut() {
                    top.1 += 1;
                }
                if index[w] == UNSEEN {
                    index[w] = next_index;
                    low[w] = next_index;
                    next_index += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    calls.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            calls.pop();
            if let Some(&(parent, _)) = calls.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component[w] = next_component;
                    if w == v {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_find_cycles_and_self_loops() {
        // 0 -> 1 -> 0 (pair), 2 -> 2 (self), 3 -> 0 (not in a cycle)
        let c = strongly_connected_components(&[vec![1], vec![0], vec![2], vec![0]]);
        assert_eq!(c[0], c[1]);
        assert_ne!(c[0], c[2]);
        assert_ne!(c[3], c[0]);
        assert_ne!(c[3], c[2]);
    }

    #[test]
    fn deep_chains_do_not_overflow() {
        let n = 200_000;
        let adjacency: Vec<Vec<usize>> = (0..n).map(|i| vec![(i + 1) % n]).collect();
        let c = strongly_connected_components(&adjacency);
        assert!(c.iter().all(|&x| x == c[0]));
    }
}
