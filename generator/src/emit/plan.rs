//! Decisions made once for the whole schema before any code is written: which module and
//! identifier each type gets, which fields each struct has after flattening its base chain,
//! and which fields must be boxed to break a recursive type.

use super::format::ident;
use super::split::{self, SplitArea};
use super::EmitError;
use crate::ir::{edm, split_qualified, Endpoint, Property, Schema, TypeDef, TypeKind};
use crate::naming::{self, Case, Scope};
use proc_macro2::TokenStream;
use quote::quote;
use rayon::prelude::*;
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
    /// Any JSON value (see [`TypeDef::any_json`]): an alias of `serde_json::Value`.
    Value,
    /// An open type whose client-named properties all have one type (see
    /// [`TypeDef::map_values`]): an alias of `runtime::OpenMap<V>`.
    Map,
}

/// Where one type lives in the generated crate.
#[derive(Debug, Clone)]
pub(crate) struct TypeInfo<'s> {
    pub def: &'s TypeDef,
    /// The module identifier of the type's namespace, under `models`.
    pub module: String,
    /// The key of the type's area in [`Plan::areas`] (`None`: common), after adoption.
    pub area: Option<String>,
    /// The type's identifier within its namespace (unique there, so the namespace module can
    /// re-export every area module with a glob).
    pub ident: String,
    pub shape: Shape,
}

/// A product area: a module under each namespace module (and under `endpoints`) and, except for
/// the common area, a cargo feature of the generated crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Area {
    /// The module identifier: `identity_and_sign_in`, `common`.
    pub module: String,
    /// The cargo feature (`identity-and-sign-in`); `None` for the common area, which is always
    /// compiled.
    pub feature: Option<String>,
    /// The area as the docs name it (`ms.prod`, or `ms.prod/part` for a part of a split
    /// area), for doc comments; `None` for common.
    pub docs_name: Option<String>,
    /// For an area split into parts (`intune`) or groups: the features of its parts, which its
    /// own feature turns on, so that enabling the area still enables all of it.
    pub parts: Vec<String>,
    /// For a group of a split area: the features of the groups its types refer to, which its
    /// own feature turns on (see [`split`]).
    pub needs: Vec<String>,
    /// For a group of an area split for its weight: that area (its docs name and feature).
    /// The group has no module of its own: its items are in the area's module, each behind the
    /// group's feature, and the module itself is always declared. One file per area, not per
    /// group, keeps the crate's file count (and the time to write it) as it was.
    pub group_of: Option<(String, String)>,
}

impl Area {
    /// For a group of a split area, what the docs of the area's module say about it (after "the
    /// X of"): "the `intune/deviceconfig` area, which is split into groups: each is behind its
    /// group's feature, and `intune-deviceconfig` turns them all on".
    pub(crate) fn split_note(&self) -> Option<String> {
        let (name, feature) = self.group_of.as_ref()?;
        Some(format!(
            "the {} area, which is split into groups: each is behind its group's feature, and {} turns them \
             all on",
            super::docs::code(name),
            super::docs::code(feature)
        ))
    }
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
    /// Area key (the normalised docs name, or a group of a split area; `None`: common) ->
    /// module and feature. Always holds the common area.
    pub areas: BTreeMap<Option<String>, Area>,
    /// Each area split into groups because it was too heavy for one feature (see
    /// [`split`]) -> its groups.
    pub split: BTreeMap<String, SplitArea>,
    /// Qualified name -> placement.
    pub types: BTreeMap<&'s str, TypeInfo<'s>>,
    /// Qualified name of each struct -> its flattened fields, root base first.
    pub fields: BTreeMap<&'s str, Vec<FlatField<'s>>>,
    /// Qualified name of each struct with derived struct types (at most [`MAX_VARIANTS`]) ->
    /// the enum that reads a value as the derived type its `@odata.type` names.
    pub poly: BTreeMap<&'s str, Poly<'s>>,
    /// Qualified name of each struct that a PATCH endpoint takes as its body -> the identifier
    /// of its patch struct (`UserPatch`, in the type's module), whose fields tell absent, `null`
    /// and a value apart so that a caller can clear a property.
    pub patch: BTreeMap<&'s str, String>,
}

/// The most derived types a polymorphic enum lists; a base with more (`entity`) is read as
/// itself, its derived types' properties kept in `additional_data`.
pub(crate) const MAX_VARIANTS: usize = 64;

/// The enum for a base type with derived types: `AnyDirectoryObject`.
#[derive(Debug, Clone)]
pub(crate) struct Poly<'s> {
    /// The enum's identifier, in the base type's module.
    pub ident: String,
    /// The variant holding the base type itself (the fallback).
    pub base_variant: String,
    /// Each derived type (qualified name) and its variant, by name.
    pub variants: Vec<(&'s str, String)>,
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
                    _ if def.any_json => Shape::Value,
                    _ if def.map_values.is_some() => Shape::Map,
                    _ => Shape::Struct,
                };
                let area = area_key(def.area.as_deref());
                types.insert(def.name.as_str(), TypeInfo { def, module: module.clone(), area, ident, shape });
            }
        }

        let mut plan = Plan {
            default_namespace,
            modules,
            areas: BTreeMap::new(),
            split: BTreeMap::new(),
            types,
            fields: BTreeMap::new(),
            poly: BTreeMap::new(),
            patch: BTreeMap::new(),
        };
        plan.fields = plan.flatten_all();
        plan.poly = plan.polymorphic();
        plan.patch = plan.patchable(&schema.endpoints);
        plan.mark_boxed();
        plan.adopt_unfiled(&schema.endpoints);
        let mut taken: BTreeSet<String> = plan.types.values().filter_map(|t| t.area.clone()).collect();
        taken.extend(schema.endpoints.iter().filter_map(|e| area_key(e.area.as_deref())));
        let split = split::split_heavy_areas(&mut plan, &taken);
        plan.split = split.areas;
        let mut keys: BTreeSet<String> = plan.types.values().filter_map(|t| t.area.clone()).collect();
        keys.extend(schema.endpoints.iter().filter_map(|e| plan.endpoint_area_key(e)));
        plan.areas = name_areas(&keys, &plan.modules, &plan.split, &split.needs);
        plan.keep_maps_within_their_area();
        plan
    }

    /// A map whose values are of a type behind another feature stays a struct (its entries in
    /// `additional_data`): the alias would not compile without that feature.
    fn keep_maps_within_their_area(&mut self) {
        let mut structs = Vec::new();
        for (name, info) in &self.types {
            let Some(values) = info.def.map_values.as_deref().filter(|_| info.shape == Shape::Map) else { continue };
            let own = self.area(&info.area).feature.as_deref();
            if self.feature_of(values).is_some_and(|f| Some(f) != own) {
                structs.push(*name);
            }
        }
        for name in structs {
            if let Some(info) = self.types.get_mut(name) {
                info.shape = Shape::Struct;
            }
        }
    }

    /// The area of a type or endpoint the docs file under `area` (common when they do not).
    pub(crate) fn area(&self, area: &Option<String>) -> &Area {
        self.areas.get(area).or_else(|| self.areas.get(&None)).unwrap_or(&COMMON_AREA)
    }

    /// The area of an endpoint, from its page.
    pub(crate) fn endpoint_area(&self, endpoint: &Endpoint) -> &Area {
        self.area(&self.endpoint_area_key(endpoint))
    }

    /// The key of an endpoint's area: its page's, or in an area split into groups, the group of
    /// the type it returns (else takes) when that type is of the area, and the shared group
    /// otherwise.
    fn endpoint_area_key(&self, endpoint: &Endpoint) -> Option<String> {
        let key = area_key(endpoint.area.as_deref())?;
        let Some(split) = self.split.get(&key) else { return Some(key) };
        let group = [&endpoint.response_body, &endpoint.request_body]
            .into_iter()
            .flatten()
            .filter(|body| !edm::is_primitive(&body.type_name))
            .filter_map(|body| self.resolve(&body.type_name)?.area.clone())
            .find(|area| split.groups.contains(area));
        Some(group.unwrap_or_else(|| split.shared.clone()))
    }

    /// The feature a reference to `type_name` needs, if it names a generated type outside the
    /// common area.
    pub(crate) fn feature_of(&self, type_name: &str) -> Option<&str> {
        if edm::is_primitive(type_name) {
            return None;
        }
        let info = self.resolve(type_name)?;
        // Fields of an any-JSON type are `serde_json::Value`, which every feature has.
        if info.shape == Shape::Value {
            return None;
        }
        self.area(&info.area).feature.as_deref()
    }

    /// The `#[cfg(...)]` line for an item that needs `features` (sorted, deduplicated by the
    /// caller's set), leaving out `given`: the feature its module is already behind. `None`
    /// when nothing is left.
    pub(crate) fn cfg_line(features: &BTreeSet<&str>, given: Option<&str>) -> Option<String> {
        let needed: Vec<String> = features
            .iter()
            .filter(|f| Some(**f) != given)
            .map(|f| format!("feature = {}", super::layout::string_literal(f)))
            .collect();
        match needed.as_slice() {
            [] => None,
            [one] => Some(format!("#[cfg({one})]")),
            many => Some(format!("#[cfg(all({}))]", many.join(", "))),
        }
    }

    /// [`Plan::cfg_line`] as tokens (empty when no feature is needed), for code still built
    /// with `quote`. The line is always valid Rust, so it always parses.
    pub(crate) fn cfg_attr(features: &BTreeSet<&str>, given: Option<&str>) -> TokenStream {
        Self::cfg_line(features, given).and_then(|line| line.parse().ok()).unwrap_or_default()
    }

    /// Moves each type the docs file under no area into the one area that needs it, when
    /// exactly one does: through fields of its types or bodies of its endpoints, directly or by
    /// way of other such types. A type needed by several areas, by the common area (an endpoint
    /// with no area) or by nothing stays common. Placement never decides whether the crate
    /// compiles (a reference across areas is gated either way); it keeps the common area, which
    /// every build compiles, small.
    fn adopt_unfiled(&mut self, endpoints: &'s [Endpoint]) {
        // Referrer -> referenced type, for every reference that is a Rust dependency (bases are
        // flattened, so they are not).
        let mut edges: Vec<(Referrer<'s>, &'s str)> = Vec::new();
        for (name, fields) in &self.fields {
            for field in fields {
                if let Some(target) = self.resolve(&field.property.type_name) {
                    edges.push((Referrer::Type(name), target.def.name.as_str()));
                }
            }
        }
        for endpoint in endpoints {
            for body in [&endpoint.request_body, &endpoint.response_body].into_iter().flatten() {
                if edm::is_primitive(&body.type_name) {
                    continue;
                }
                if let Some(target) = self.resolve(&body.type_name) {
                    edges.push((Referrer::Endpoint(area_key(endpoint.area.as_deref())), target.def.name.as_str()));
                }
            }
        }
        let unfiled = |plan: &Plan<'s>, name: &str| plan.types.get(name).is_some_and(|t| t.area.is_none());
        // Unfiled type -> the areas (`None`: common) that need it.
        let mut needed: BTreeMap<&'s str, BTreeSet<Option<String>>> = BTreeMap::new();
        for (from, to) in &edges {
            if !unfiled(self, to) {
                continue;
            }
            let demand = match from {
                Referrer::Endpoint(area) => Some(area.clone()),
                Referrer::Type(name) if unfiled(self, name) => None,
                Referrer::Type(name) => self.types.get(*name).map(|t| t.area.clone()),
            };
            let set = needed.entry(to).or_default();
            set.extend(demand);
        }
        // Needs flow from an unfiled type to the unfiled types it refers to.
        let internal: Vec<(&'s str, &'s str)> = edges
            .iter()
            .filter_map(|(from, to)| match from {
                Referrer::Type(name) if unfiled(self, name) && unfiled(self, to) && name != to => Some((*name, *to)),
                _ => None,
            })
            .collect();
        loop {
            let mut changed = false;
            for (from, to) in &internal {
                let add: Vec<Option<String>> =
                    needed.get(from).map(|s| s.iter().cloned().collect()).unwrap_or_default();
                let set = needed.entry(to).or_default();
                for area in add {
                    changed |= set.insert(area);
                }
            }
            if !changed {
                break;
            }
        }
        for (name, areas) in needed {
            if let (Some(Some(area)), 1) = (areas.iter().next(), areas.len()) {
                if let Some(info) = self.types.get_mut(name) {
                    info.area = Some(area.clone());
                }
            }
        }
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

    /// An enum for every struct with between one and [`MAX_VARIANTS`] derived struct types.
    fn polymorphic(&self) -> BTreeMap<&'s str, Poly<'s>> {
        let mut derived: BTreeMap<&'s str, Vec<&'s str>> = BTreeMap::new();
        for (name, info) in &self.types {
            if info.shape != Shape::Struct {
                continue;
            }
            let chain = self.chain(info.def);
            for base in &chain[..chain.len() - 1] {
                derived.entry(base.name.as_str()).or_default().push(name);
            }
        }
        let mut taken: BTreeSet<(String, String)> =
            self.types.values().map(|i| (i.module.clone(), naming::unraw(&i.ident).to_string())).collect();
        let mut out = BTreeMap::new();
        for (base, list) in derived {
            let Some(info) = self.types.get(base) else { continue };
            if list.is_empty() || list.len() > MAX_VARIANTS {
                continue;
            }
            let ident = unique_in_module(&mut taken, &info.module, &format!("Any{}", naming::unraw(&info.ident)));
            let mut scope = Scope::new(Case::UpperCamel);
            let base_variant = naming::unraw(&info.ident).to_string();
            scope.reserve(&base_variant);
            let wishes = list
                .iter()
                .filter_map(|d| self.types.get(d).map(|t| (*d, naming::unraw(&t.ident).to_string())))
                .collect();
            let idents = scope.assign(wishes);
            let variants = list.iter().filter_map(|d| Some((*d, idents.get(d)?.clone()))).collect();
            out.insert(base, Poly { ident, base_variant, variants });
        }
        out
    }

    /// The struct type `endpoint` patches: its single request body when the method is PATCH.
    pub(crate) fn patched_type(&self, endpoint: &Endpoint) -> Option<&TypeInfo<'s>> {
        let body = endpoint.request_body.as_ref().filter(|b| !b.collection)?;
        if !endpoint.method.eq_ignore_ascii_case("PATCH") {
            return None;
        }
        self.resolve(&body.type_name).filter(|t| t.shape == Shape::Struct)
    }

    /// A patch struct for every struct type a PATCH endpoint takes as its (single) body, named
    /// `<Type>Patch`, suffixed when that is taken in the module.
    fn patchable(&self, endpoints: &[Endpoint]) -> BTreeMap<&'s str, String> {
        let bodies: BTreeSet<&'s str> =
            endpoints.iter().filter_map(|e| self.patched_type(e)).map(|t| t.def.name.as_str()).collect();
        let mut taken: BTreeSet<(String, String)> =
            self.types.values().map(|i| (i.module.clone(), naming::unraw(&i.ident).to_string())).collect();
        for (base, poly) in &self.poly {
            if let Some(info) = self.types.get(base) {
                taken.insert((info.module.clone(), poly.ident.clone()));
            }
        }
        let mut out = BTreeMap::new();
        for name in bodies {
            let Some(info) = self.types.get(name) else { continue };
            out.insert(
                name,
                unique_in_module(&mut taken, &info.module, &format!("{}Patch", naming::unraw(&info.ident))),
            );
        }
        out
    }

    /// Each struct's fields, worked out in parallel (each names its fields anew).
    fn flatten_all(&self) -> BTreeMap<&'s str, Vec<FlatField<'s>>> {
        let structs: Vec<(&&'s str, &TypeInfo<'s>)> =
            self.types.iter().filter(|(_, info)| info.shape == Shape::Struct).collect();
        structs.into_par_iter().map(|(name, info)| (*name, self.flatten(info.def))).collect()
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
    /// the file of `from` (`None`: from outside `models`, so always a full path).
    ///
    /// `Edm.Stream` maps to `String` here: in JSON a stream property carries at most a link or
    /// opaque text; stream *bodies* are raw bytes and handled by the endpoint emitter.
    pub(crate) fn value_type(&self, type_name: &str, from: Option<&TypeInfo<'s>>) -> Result<TokenStream, EmitError> {
        if edm::is_primitive(type_name) {
            return Ok(primitive_type(type_name));
        }
        match self.resolve(type_name) {
            // Not the alias: `serde_json::Value` needs no feature (see `feature_of`).
            Some(info) if info.shape == Shape::Value => Ok(quote!(serde_json::Value)),
            Some(info) => self.type_path(info, from),
            None => Ok(quote!(serde_json::Value)),
        }
    }

    /// The path to a generated type from the file of `from`: bare within the same namespace and
    /// area, else the full path through the module that defines it
    /// (`crate::models::microsoft_graph::outlook::Message`), which holds whatever the glob
    /// re-exports do.
    pub(crate) fn type_path(&self, info: &TypeInfo<'s>, from: Option<&TypeInfo<'s>>) -> Result<TokenStream, EmitError> {
        self.item_path(info, &info.ident, from)
    }

    /// The path to the polymorphic enum of a base type (see [`Plan::poly`]), like
    /// [`Plan::type_path`]; the type itself when it has none.
    pub(crate) fn poly_path(&self, info: &TypeInfo<'s>, from: Option<&TypeInfo<'s>>) -> Result<TokenStream, EmitError> {
        match self.poly.get(info.def.name.as_str()) {
            Some(poly) => self.item_path(info, &poly.ident, from),
            None => self.type_path(info, from),
        }
    }

    /// The path to `item`, an item in the module of `info` (the type itself, its polymorphic
    /// enum or its patch struct), from the file of `from`: bare within the same namespace and
    /// area, else through the module that defines it.
    pub(crate) fn item_path(
        &self,
        info: &TypeInfo<'s>,
        item: &str,
        from: Option<&TypeInfo<'s>>,
    ) -> Result<TokenStream, EmitError> {
        let ty = ident(item, &info.def.name)?;
        if from.is_some_and(|f| f.module == info.module && f.area == info.area) {
            return Ok(quote!(#ty));
        }
        let module = ident(&info.module, &info.def.name)?;
        let area = ident(&self.area(&info.area).module, &info.def.name)?;
        Ok(quote!(crate::models::#module::#area::#ty))
    }

    /// An intra-doc link to a generated type, showing `text` (already Markdown, e.g. a code
    /// span): ``[`user`](crate::models::microsoft_graph::users::User)``.
    pub(crate) fn doc_link(&self, info: &TypeInfo<'s>, text: &str) -> String {
        self.doc_link_named(info, &info.ident, text)
    }

    /// An intra-doc link to `item`, an item beside the type in its module (its patch struct).
    pub(crate) fn doc_link_named(&self, info: &TypeInfo<'s>, item: &str, text: &str) -> String {
        format!("[{text}](crate::models::{}::{}::{item})", info.module, self.area(&info.area).module)
    }
}

/// `stem` if no item of `module` is called that yet, else `stem2`, `stem3`, ...; recorded in
/// `taken` (module, identifier), which holds every item identifier given so far.
fn unique_in_module(taken: &mut BTreeSet<(String, String)>, module: &str, stem: &str) -> String {
    let mut ident = stem.to_string();
    let mut n = 2;
    while !taken.insert((module.to_string(), ident.clone())) {
        ident = format!("{stem}{n}");
        n += 1;
    }
    ident
}

/// The common area, for lookups that find nothing (the plan always holds it).
static COMMON_AREA: Area = Area {
    module: String::new(),
    feature: None,
    docs_name: None,
    parts: Vec::new(),
    needs: Vec::new(),
    group_of: None,
};

/// What refers to a type, for [`Plan::adopt_unfiled`].
#[derive(Debug, Clone, PartialEq, Eq)]
enum Referrer<'s> {
    /// A struct (by qualified name).
    Type(&'s str),
    /// An endpoint in this area.
    Endpoint(Option<String>),
}

/// The module of the types and endpoints the docs file under no area.
pub(crate) const COMMON_MODULE: &str = "common";
/// The feature that turns every area on.
pub(crate) const FULL_FEATURE: &str = "full";

/// The key of an area: the docs' name trimmed and lower-cased (`ms.prod` values are
/// lower-case, but a stray capital must not make a second feature); blank is no area.
pub(crate) fn area_key(area: Option<&str>) -> Option<String> {
    let area = area?.trim();
    if area.is_empty() {
        None
    } else {
        Some(area.to_ascii_lowercase())
    }
}

/// A module identifier and a feature for every area in `keys` (the areas of the plan's types
/// and endpoints), the areas they are parts or groups of, and the common area. Module names are
/// unique among areas and never `common`, a crate module, a namespace module (`x::x` trips
/// `clippy::module_inception`) or a name whose feature would be `full` or `default`. The
/// feature is the module name in kebab case (`identity-and-sign-in`), which is one-to-one with
/// module names. The groups of an area split for its weight (`split`) share its module and
/// have features of their own, which turn on those of the groups in `needs`.
fn name_areas(
    keys: &BTreeSet<String>,
    namespace_modules: &BTreeMap<String, String>,
    split: &BTreeMap<String, SplitArea>,
    needs: &BTreeMap<String, BTreeSet<String>>,
) -> BTreeMap<Option<String>, Area> {
    // Group key -> the key of the area it is a group of.
    let group_of: BTreeMap<&str, &str> =
        split.iter().flat_map(|(area, s)| s.groups.iter().map(move |g| (g.as_str(), area.as_str()))).collect();
    let mut keys = keys.clone();
    // A split area (`intune/apps`, `intune/mam`) is also an area of its own, whose feature
    // turns on its parts' (and which holds what its pages not named by part define); so is an
    // area split into groups (`intune/deviceconfig`).
    let wholes: Vec<String> =
        keys.iter().flat_map(|k| k.match_indices('/').map(|(i, _)| k[..i].to_string()).collect::<Vec<_>>()).collect();
    keys.extend(wholes);
    let mut scope = Scope::new(Case::Snake);
    for reserved in [COMMON_MODULE, FULL_FEATURE, "default", "models", "endpoints", "runtime"] {
        scope.reserve(reserved);
    }
    for module in namespace_modules.values() {
        scope.reserve(module);
    }
    let modules = scope.assign_names(keys.iter().map(String::as_str), naming::module_ident);
    let mut areas = BTreeMap::new();
    areas.insert(
        None,
        Area {
            module: COMMON_MODULE.to_string(),
            feature: None,
            docs_name: None,
            parts: Vec::new(),
            needs: Vec::new(),
            group_of: None,
        },
    );
    let features: BTreeMap<&str, String> = modules
        .iter()
        .map(|(key, module)| (key.as_str(), naming::unraw(module).trim_start_matches('_').replace('_', "-")))
        .collect();
    for (key, module) in &modules {
        let feature = features.get(key.as_str()).cloned();
        let needs = needs.get(key).into_iter().flatten().filter_map(|k| features.get(k.as_str()).cloned()).collect();
        let (module, group_of) = match group_of.get(key.as_str()) {
            Some(whole) => (
                modules.get(*whole).cloned().unwrap_or_else(|| module.clone()),
                Some((whole.to_string(), features.get(whole).cloned().unwrap_or_default())),
            ),
            None => (module.clone(), None),
        };
        areas.insert(
            Some(key.clone()),
            Area { module, feature, docs_name: Some(key.clone()), parts: Vec::new(), needs, group_of },
        );
    }
    // Each key is a part of the key before its last `/`.
    for (key, feature) in &features {
        let Some((whole, _)) = key.rsplit_once('/') else { continue };
        if let Some(area) = areas.get_mut(&Some(whole.to_string())) {
            area.parts.push(feature.clone());
        }
    }
    areas
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

    fn typed(name: &str, area: Option<&str>, fields: &[(&str, &str)]) -> TypeDef {
        TypeDef {
            name: format!("microsoft.graph.{name}"),
            kind: TypeKind::Complex,
            base: None,
            is_abstract: false,
            description: None,
            properties: fields
                .iter()
                .map(|(n, t)| Property {
                    name: n.to_string(),
                    type_name: format!("microsoft.graph.{t}"),
                    collection: false,
                    nullable: true,
                    navigation: false,
                    description: None,
                    sources: Vec::new(),
                })
                .collect(),
            members: Vec::new(),
            flags: false,
            sources: Vec::new(),
            area: area.map(str::to_string),
            any_json: false,
            map_values: None,
        }
    }

    #[test]
    fn area_names_are_unique_valid_and_normalised() {
        let mut schema = Schema::default();
        for (i, area) in
            ["common", "full", "Outlook", " outlook ", "2fa", "type", "Identity-and-Sign-In", "", "microsoft.graph"]
                .iter()
                .enumerate()
        {
            schema.types.push(typed(&format!("t{i}"), Some(area), &[]));
        }
        let plan = Plan::new(&schema);
        let named: Vec<(Option<&str>, &str, Option<&str>)> =
            plan.areas.iter().map(|(k, a)| (k.as_deref(), a.module.as_str(), a.feature.as_deref())).collect();
        assert_eq!(
            named,
            [
                (None, "common", None),
                (Some("2fa"), "_2fa", Some("2fa")),
                (Some("common"), "common_2", Some("common-2")),
                (Some("full"), "full_2", Some("full-2")),
                (Some("identity-and-sign-in"), "identity_and_sign_in", Some("identity-and-sign-in")),
                (Some("microsoft.graph"), "microsoft_graph_2", Some("microsoft-graph-2")),
                (Some("outlook"), "outlook", Some("outlook")),
                (Some("type"), "r#type", Some("type")),
            ]
        );
    }

    #[test]
    fn unfiled_types_move_to_the_one_area_that_needs_them() {
        let schema = Schema {
            types: vec![
                typed("a", Some("mail"), &[("x", "x"), ("shared", "shared"), ("self", "a")]),
                typed("b", Some("teams"), &[("shared", "shared")]),
                typed("cycle", None, &[("y", "y")]),
                typed("lonely", None, &[("z", "z")]),
                typed("shared", None, &[]),
                typed("x", None, &[("y", "y")]),
                typed("y", None, &[("x", "x")]),
                typed("z", None, &[]),
            ],
            ..Schema::default()
        };
        let plan = Plan::new(&schema);
        let area = |name: &str| plan.types.get(format!("microsoft.graph.{name}").as_str()).and_then(|t| t.area.clone());
        assert_eq!(area("x").as_deref(), Some("mail"));
        assert_eq!(area("y").as_deref(), Some("mail"), "through x, and a cycle ends");
        assert_eq!(area("shared"), None, "two areas");
        assert_eq!(area("lonely"), None, "needed by nothing");
        assert_eq!(area("z"), None, "needed by a common type");
        assert_eq!(area("cycle"), None);
        assert_eq!(area("b").as_deref(), Some("teams"));
    }

    #[test]
    fn deep_chains_do_not_overflow() {
        let n = 200_000;
        let adjacency: Vec<Vec<usize>> = (0..n).map(|i| vec![(i + 1) % n]).collect();
        let c = strongly_connected_components(&adjacency);
        assert!(c.iter().all(|&x| x == c[0]));
    }
}
