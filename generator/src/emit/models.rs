//! `src/models.rs`, `src/models/<namespace>.rs` and `src/models/<namespace>/<area>.rs`: one
//! struct per entity or complex type, one enum (or flags set) per enum type, each in the module
//! of its area; the namespace module declares the area modules (each but `common` behind its
//! feature) and re-exports their items.
//!
//! A field whose type lives in another area exists only when that area's feature is on
//! (`#[cfg(feature = "...")]`): without it the property is not dropped but kept in
//! `additional_data` like any undescribed property. So enabling a feature only ever adds
//! fields and never changes a field's type, which keeps features additive.

use super::docs::{code, description_or, doc_attrs, doc_lines, inner_doc_attrs};
use super::format::{ident, pretty, render_file, render_text_file, space_items};
use super::layout::{string_literal, type_text, Lines};
use super::plan::{Area, FlatField, Plan, Poly, Shape, TypeInfo, ADDITIONAL_DATA_FIELD, ODATA_TYPE_FIELD};
use super::{enums, EmitError};
use crate::ir::{split_qualified, TypeKind};
use crate::naming;
use proc_macro2::TokenStream;
use quote::quote;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// `src/models.rs`, one file per namespace and one per namespace and area: relative path ->
/// content.
pub(crate) fn files(plan: &Plan<'_>) -> Result<BTreeMap<String, String>, EmitError> {
    /// One file to write: a namespace module, or one area of a namespace.
    enum Job<'p, 'a> {
        Namespace(&'p str, Vec<&'p Area>),
        Area(&'p str, &'p Area, Vec<&'p TypeInfo<'a>>),
    }
    let mut jobs: Vec<(String, Job<'_, '_>)> = Vec::new();
    for (namespace, module) in &plan.modules {
        // Area module identifier -> the types of this namespace in that area, by identifier.
        let mut by_area: BTreeMap<&str, (&Area, BTreeMap<&str, &TypeInfo<'_>>)> = BTreeMap::new();
        for info in plan.types.values().filter(|i| &i.module == module) {
            let area = plan.area(&info.area);
            by_area.entry(area.module.as_str()).or_insert_with(|| (area, BTreeMap::new())).1.insert(&info.ident, info);
        }
        let areas: Vec<&Area> = by_area.values().map(|(area, _)| *area).collect();
        jobs.push((format!("src/models/{}.rs", naming::unraw(module)), Job::Namespace(namespace, areas)));
        for (area, members) in by_area.into_values() {
            let path = format!("src/models/{}/{}.rs", naming::unraw(module), naming::unraw(&area.module));
            jobs.push((path, Job::Area(namespace, area, members.into_values().collect())));
        }
    }
    // Files are independent: they are rendered in parallel (their items too, see
    // `render_text_file`), so a small file never leaves a core idle while a large one ends.
    let (root, files) = rayon::join(
        || models_rs(plan),
        || {
            jobs.into_par_iter()
                .map(|(path, job)| {
                    let text = match &job {
                        Job::Namespace(namespace, areas) => namespace_file(namespace, areas)?,
                        Job::Area(namespace, area, members) => area_file(plan, &path, namespace, area, members)?,
                    };
                    Ok((path, text))
                })
                .collect::<Result<BTreeMap<String, String>, EmitError>>()
        },
    );
    let mut out = files?;
    out.insert("src/models.rs".to_string(), root?);
    Ok(out)
}

fn models_rs(plan: &Plan<'_>) -> Result<String, EmitError> {
    let mut text = String::from(
        "The types of the API: one module per namespace, named after it \
         (`microsoft.graph.callRecords` -> `microsoft_graph_call_records`).",
    );
    if plan.modules.contains_key(&plan.default_namespace) {
        text.push_str(&format!(
            "\n\nThe types of the default namespace, {}, are also re-exported here.",
            code(&plan.default_namespace)
        ));
    }
    let docs = inner_doc_attrs(&text);
    /// What `src/models.rs` holds, in order.
    enum Entry<'p> {
        Module(&'p String, &'p String),
        ReExport,
        Namespaces,
    }
    let mut entries: Vec<Entry<'_>> = plan.modules.iter().map(|(n, m)| Entry::Module(n, m)).collect();
    if plan.modules.contains_key(&plan.default_namespace) {
        entries.push(Entry::ReExport);
    }
    entries.push(Entry::Namespaces);
    render_file("src/models.rs", docs, &entries, |entry| match entry {
        Entry::Module(namespace, module) => {
            let module_ident = ident(module, namespace)?;
            let doc = doc_attrs(&format!("The {} namespace.", code(namespace)));
            Ok((namespace.to_string(), quote! { #doc pub mod #module_ident; }))
        }
        Entry::ReExport => {
            let module = plan.modules.get(&plan.default_namespace).map(String::as_str).unwrap_or_default();
            let module_ident = ident(module, &plan.default_namespace)?;
            // Without features, a namespace whose types are all in areas is empty.
            Ok(("re-export".to_string(), quote! { #[allow(unused_imports)] pub use self::#module_ident::*; }))
        }
        Entry::Namespaces => {
            let names = plan.modules.keys();
            let doc = doc_attrs(
                "The namespaces of these types. An `@odata.type` in any other (the docs' examples \
                 write `Microsoft.Teams.GraphSvc.aadUserNotificationRecipient`) names the type of that \
                 name in the namespace expected where it stands: see [`crate::runtime::odata_type_name`].",
            );
            Ok(("namespaces".to_string(), quote! { #doc pub const NAMESPACES: &[&str] = &[#(#names),*]; }))
        }
    })
}

/// The namespace module: its area modules and a glob re-export of each, `common` first, then
/// by name; every other area behind its feature.
fn namespace_file(namespace: &str, areas: &[&Area]) -> Result<String, EmitError> {
    let docs = inner_doc_attrs(&format!(
        "Types of the {} namespace, in one module per product area and re-exported here. \
         The types of an area other than `common` exist only with its cargo feature.",
        code(namespace)
    ));
    let mut ordered: Vec<&Area> = areas.to_vec();
    ordered.sort_by_key(|a| (a.feature.is_some(), a.module.as_str()));
    render_file(namespace, docs, &ordered, |area| area_module_decl(area, namespace, "types"))
}

/// `pub mod x;` and `pub use self::x::*;`, behind the area's feature when it has one. The
/// re-export allows `unused_imports`: an area whose every item needs another area's feature
/// is empty without it.
pub(crate) fn area_module_decl(area: &Area, parent: &str, what: &str) -> Result<(String, TokenStream), EmitError> {
    let module = ident(&area.module, parent)?;
    let (cfg, doc_cfg, text) = match (&area.feature, &area.docs_name) {
        // Always declared: each item inside is behind its group's feature.
        _ if area.group_of.is_some() => {
            (quote!(), quote!(), format!("The {what} of {}.", area.split_note().unwrap_or_default()))
        }
        (Some(feature), Some(name)) => (
            quote!(#[cfg(feature = #feature)]),
            quote!(#[cfg_attr(docsrs, doc(cfg(feature = #feature)))]),
            format!("The {what} of the {} area (feature {}).", code(name), code(feature)),
        ),
        _ => (quote!(), quote!(), format!("The {what} of no single area: always compiled.")),
    };
    let docs = doc_attrs(&text);
    let tokens = quote! {
        #docs
        #cfg
        #doc_cfg
        pub mod #module;
        #cfg
        #[allow(unused_imports)]
        pub use self::#module::*;
    };
    Ok((format!("{parent}::{}", area.module), tokens))
}

/// The types of one namespace in one area.
fn area_file(
    plan: &Plan<'_>,
    path: &str,
    namespace: &str,
    area: &Area,
    members: &[&TypeInfo<'_>],
) -> Result<String, EmitError> {
    let text = match (&area.feature, &area.docs_name) {
        _ if area.group_of.is_some() => {
            format!("Types of the {} namespace in {}.", code(namespace), area.split_note().unwrap_or_default())
        }
        (Some(feature), Some(name)) => format!(
            "Types of the {} namespace in the {} area: compiled with the {} feature.",
            code(namespace),
            code(name),
            code(feature)
        ),
        _ => format!("Types of the {} namespace that belong to no single area: always compiled.", code(namespace)),
    };
    render_text_file(path, inner_doc_attrs(&text), members, |info| {
        let name = || info.def.name.clone();
        let mut text = String::new();
        match info.shape {
            Shape::Struct => {
                text.push_str(&struct_item(plan, info)?);
                if let Some(poly) = plan.poly.get(info.def.name.as_str()) {
                    text.push_str(&poly_item(plan, info, poly)?);
                }
                if let Some(patch) = plan.patch.get(info.def.name.as_str()) {
                    text.push_str(&patch_item(plan, info, patch)?);
                }
            }
            Shape::Enum => text.push_str(&enums::enum_item(info)?),
            Shape::Flags => text.push_str(&enums::flags_item(info)?),
            Shape::Value => text.push_str(&pretty(|| Ok((name(), value_item(info)?)))?),
            Shape::Map => text.push_str(&pretty(|| Ok((name(), map_item(plan, info)?)))?),
        }
        // A type of a group shares its area's module: its items are behind the group's feature.
        let own = plan.area(&info.area);
        match (&own.group_of, own.feature.as_deref()) {
            (Some(_), Some(feature)) => Ok(super::layout::gate_items(&space_items(&text), feature)),
            _ => Ok(text),
        }
    })
}

/// A type whose values are any JSON value: an alias, so that the docs' name stays usable.
fn value_item(info: &TypeInfo<'_>) -> Result<TokenStream, EmitError> {
    let def = info.def;
    let mut text = description_or(def.description.as_deref(), || {
        format!("The {} complex type.", code(split_qualified(&def.name).1))
    });
    text.push_str(&format!(
        "\n\nGenerated from the {} complex type. The docs give it no properties and show it \
         holding values that are not objects, so it is any JSON value.",
        code(&def.name)
    ));
    let docs = doc_attrs(&text);
    let name = ident(&info.ident, &def.name)?;
    Ok(quote! {
        #docs
        pub type #name = serde_json::Value;
    })
}

/// An open type whose client-named properties all have one type: an alias of the runtime's map.
fn map_item(plan: &Plan<'_>, info: &TypeInfo<'_>) -> Result<TokenStream, EmitError> {
    let def = info.def;
    let values = def.map_values.as_deref().unwrap_or(crate::ir::edm::UNTYPED);
    let mut text = description_or(def.description.as_deref(), || {
        format!("The {} complex type.", code(split_qualified(&def.name).1))
    });
    text.push_str(&format!(
        "\n\nGenerated from the {} open type: the client names its properties, and every value the \
         docs show is {}, so it is a map from property name to value (`None`, JSON `null`, removes \
         a property in an update).",
        code(&def.name),
        code(split_qualified(values).1)
    ));
    let docs = doc_attrs(&text);
    let name = ident(&info.ident, &def.name)?;
    let value = plan.value_type(values, Some(info))?;
    Ok(quote! {
        #docs
        pub type #name = crate::runtime::OpenMap<#value>;
    })
}

/// The struct for an entity or complex type, inherited properties included, and its
/// `UnknownKeys` impl, written as text (see [`super::layout`]).
fn struct_item(plan: &Plan<'_>, info: &TypeInfo<'_>) -> Result<String, EmitError> {
    let def = info.def;
    let local = split_qualified(&def.name).1;
    let kind = match def.kind {
        TypeKind::Entity => "entity type",
        _ => "complex type",
    };
    let mut text = description_or(def.description.as_deref(), || format!("The {} {kind}.", code(local)));
    text.push_str(&format!("\n\nGenerated from the {} {kind}.", code(&def.name)));
    let chain = plan.chain(def);
    if chain.len() > 1 {
        let bases: Vec<String> = chain[..chain.len() - 1]
            .iter()
            .rev()
            .filter_map(|b| plan.types.get(b.name.as_str()))
            .map(|b| plan.doc_link(b, &code(split_qualified(&b.def.name).1)))
            .collect();
        text.push_str(&format!(
            " Derives from {}: the inherited properties are fields of this struct too.",
            bases.join(", which derives from ")
        ));
    }
    if def.is_abstract {
        text.push_str(
            " Abstract: the service sends one of the derived types, named by `odata_type`; \
             properties of the derived type end up in `additional_data`.",
        );
    }
    let name = ident(&info.ident, &def.name)?;
    let odata_type = ident(ODATA_TYPE_FIELD, &def.name)?;
    let additional = ident(ADDITIONAL_DATA_FIELD, &def.name)?;
    let flat = plan.fields.get(def.name.as_str()).map(Vec::as_slice).unwrap_or_default();

    let mut out = Lines::default();
    out.docs(&doc_lines(&text));
    out.line(0, "#[derive(Debug, Clone, Default, PartialEq)]");
    out.open(&format!("pub struct {name}"));
    out.docs(&doc_lines(&format!(
        "The OData type name (`@odata.type`), e.g. {}: says which derived type a value is; \
         set it when sending a derived type where a base type is expected.",
        code(&format!("#{}", def.name))
    )));
    out.line(0, &format!("pub {odata_type}: Option<String>,"));
    let mut wire = vec![WireField::odata_type(&odata_type.to_string())];
    for f in flat {
        wire.push(field(&mut out, plan, info, f)?);
    }
    out.docs(&doc_lines("Properties the docs do not describe, kept so that they survive a round trip."));
    out.line(0, &format!("pub {additional}: serde_json::Map<String, serde_json::Value>,"));
    out.close();
    object_impls(&mut out, &name.to_string(), &wire, &additional.to_string());

    let nested = nested_unknown_keys(plan, info, flat)?;
    out.open_trait_impl("", "crate::runtime::UnknownKeys", &name.to_string());
    if !nested.is_empty() {
        // The last `let` may be the only one when the field is behind a feature.
        out.line(0, "#[allow(clippy::let_and_return)]");
    }
    out.open("fn unknown_keys(&self) -> usize");
    let count_unknown = format!("crate::runtime::count_unknown(&self.{additional})");
    if nested.is_empty() {
        out.line(0, &count_unknown);
    } else {
        out.line(0, &format!("let count = {count_unknown};"));
        for (cfg, field) in nested {
            out.cfg(cfg.as_deref());
            out.binary_call(
                "let count = count",
                "+",
                "crate::runtime::UnknownKeys::unknown_keys",
                &[format!("&self.{field}")],
                ";",
            );
        }
        out.line(0, "count");
    }
    out.close();
    out.close();
    Ok(out.into_text())
}

/// For each field whose type is a struct (only those can hold unknown keys): the `cfg` line
/// of the field's feature, if any, and the field's identifier, for a `let count = count + ...;`.
fn nested_unknown_keys(
    plan: &Plan<'_>,
    owner: &TypeInfo<'_>,
    flat: &[FlatField<'_>],
) -> Result<Vec<(Option<String>, String)>, EmitError> {
    let own_feature = plan.area(&owner.area).feature.as_deref();
    let mut out = Vec::new();
    for field in flat {
        let property = field.property;
        // Structs, and maps of structs, can hold unknown keys.
        let holds_unknown = |name: &str| plan.resolve(name).is_some_and(|t| t.shape == Shape::Struct);
        let counted = match plan.resolve(&property.type_name) {
            Some(t) if t.shape == Shape::Map => t.def.map_values.as_deref().is_some_and(holds_unknown),
            _ => holds_unknown(&property.type_name),
        };
        if !counted {
            continue;
        }
        let needed: BTreeSet<&str> = plan.feature_of(&property.type_name).into_iter().collect();
        let name = ident(&field.ident, &format!("{}.{}", owner.def.name, property.name))?;
        out.push((Plan::cfg_line(&needed, own_feature), name.to_string()));
    }
    Ok(out)
}

/// Writes a struct field with its docs; returns what its `Serialize` and `Object` impls need.
fn field(
    out: &mut Lines,
    plan: &Plan<'_>,
    owner: &TypeInfo<'_>,
    field: &FlatField<'_>,
) -> Result<WireField, EmitError> {
    let property = field.property;
    let mut text =
        description_or(property.description.as_deref(), || format!("The {} property.", code(&property.name)));
    if field.declared_in.name != owner.def.name && !text.to_lowercase().contains("inherited from") {
        text.push_str(&format!("\n\nInherited from {}.", code(split_qualified(&field.declared_in.name).1)));
    }
    if property.navigation {
        text.push_str("\n\nA relationship: present only when requested with `$expand`.");
    }
    let own_feature = plan.area(&owner.area).feature.as_deref();
    let needed: BTreeSet<&str> = plan.feature_of(&property.type_name).into_iter().collect();
    if let Some(feature) = needed.iter().find(|f| Some(**f) != own_feature) {
        text.push_str(&format!(
            "\n\nOnly with the {} feature, which has the type; without it the value is kept in \
             `additional_data`.",
            code(feature)
        ));
    }
    out.docs(&doc_lines(&text));
    let FieldParts { wire, ty } = field_parts(plan, owner, field)?;
    out.cfg(wire.cfg.as_deref());
    out.ty(0, &format!("pub {}: ", wire.name), &format!("Option<{ty}>"), ",");
    Ok(wire)
}

/// What a struct field and the matching patch field share, as text.
struct FieldParts {
    wire: WireField,
    /// The value type inside the `Option` (or `Patch`): `Vec<T>`, `Box<T>`, `T`.
    ty: String,
}

/// A field as the `Serialize` and `Object` impls of its struct read and write it.
struct WireField {
    /// `#[cfg(feature = ...)]` when the value's type is in another area.
    cfg: Option<String>,
    /// The field's identifier.
    name: String,
    /// The JSON key.
    json_name: String,
}

impl WireField {
    /// The `odata_type` field every struct starts with, read and written as `@odata.type`.
    fn odata_type(name: &str) -> Self {
        WireField { cfg: None, name: name.to_string(), json_name: "@odata.type".to_string() }
    }
}

fn field_parts(plan: &Plan<'_>, owner: &TypeInfo<'_>, field: &FlatField<'_>) -> Result<FieldParts, EmitError> {
    let property = field.property;
    let item = format!("{}.{}", owner.def.name, property.name);
    let own_feature = plan.area(&owner.area).feature.as_deref();
    let needed: BTreeSet<&str> = plan.feature_of(&property.type_name).into_iter().collect();
    let cfg = Plan::cfg_line(&needed, own_feature);
    let name = ident(&field.ident, &item)?.to_string();
    let value = match plan.resolve(&property.type_name).filter(|t| plan.poly.contains_key(t.def.name.as_str())) {
        Some(target) => plan.poly_path(target, Some(owner))?,
        None => plan.value_type(&property.type_name, Some(owner))?,
    };
    let value = type_text(&value);
    let ty = if property.collection {
        format!("Vec<{value}>")
    } else if field.boxed {
        format!("Box<{value}>")
    } else {
        value
    };
    Ok(FieldParts { wire: WireField { cfg, name, json_name: property.name.clone() }, ty })
}

/// The `Serialize`, `Deserialize` and `runtime::Object` impls of a model or patch
/// struct, written out: each field a line of `serialize` and an arm of `read_property`, the
/// rest in the runtime (`ObjectWriter`, `read_object`, `read_unknown`). serde's derive writes
/// several items per field, which made `cargo check` of the graph-v1.0 crate about three times
/// as long; the JSON is the same (fields in declaration order, absent ones left out, then
/// `additional_data`).
fn object_impls(out: &mut Lines, name: &str, fields: &[WireField], additional: &str) {
    out.open_serialize(name);
    // A receiver of at most four letters keeps prettyplease from breaking `map.property(`.
    out.line(0, "let mut map = crate::runtime::ObjectWriter::new(serializer)?;");
    for f in fields {
        let args = [string_literal(&f.json_name), format!("&self.{}", f.name)];
        out.attributed_call(f.cfg.as_deref(), "map.property", &args, ";");
    }
    out.line(0, &format!("map.end(&self.{additional})"));
    out.close();
    out.close();

    out.open_deserialize(name);
    out.line(0, "crate::runtime::read_object(deserializer)");
    out.close();
    out.close();

    out.open_trait_impl("", "crate::runtime::Object", name);
    out.line(0, &format!("const NAME: &'static str = {};", string_literal(naming::unraw(name))));
    out.signature(
        "fn read_property<'de, A: serde::de::MapAccess<'de>>",
        &["&mut self".to_string(), "key: std::borrow::Cow<'de, str>".to_string(), "map: &mut A".to_string()],
        "Result<(), A::Error>",
    );
    out.line(0, "use crate::runtime::read_value as read;");
    out.open("match &*key");
    for f in fields {
        out.cfg(f.cfg.as_deref());
        out.call_arm(&string_literal(&f.json_name), "read", &["map".to_string(), format!("&mut self.{}", f.name)]);
    }
    out.call_arm(
        "_",
        "crate::runtime::read_unknown",
        &[format!("&mut self.{additional}"), "key".to_string(), "map".to_string()],
    );
    out.close();
    out.close();
    out.close();
}

/// The patch struct of a type a PATCH endpoint takes (see [`Plan::patch`]): the same fields,
/// each a `Patch` (absent, `null` or a value) instead of an `Option`, and a conversion from the
/// model that sends what is set. Relationships (navigation properties) are left out: Graph
/// changes them through their own requests or `@odata.bind` annotations, and none of the 263
/// PATCH bodies of the graph-v1.0 examples sends one. Written as text (see [`super::layout`]).
fn patch_item(plan: &Plan<'_>, info: &TypeInfo<'_>, patch: &str) -> Result<String, EmitError> {
    let def = info.def;
    let local = split_qualified(&def.name).1;
    let model = ident(&info.ident, &def.name)?.to_string();
    let name = ident(patch, &def.name)?.to_string();
    let odata_type = ident(ODATA_TYPE_FIELD, &def.name)?;
    let additional = ident(ADDITIONAL_DATA_FIELD, &def.name)?;
    let flat = plan.fields.get(def.name.as_str()).map(Vec::as_slice).unwrap_or_default();
    let structural = flat.iter().filter(|f| !f.property.navigation);

    let mut out = Lines::default();
    out.docs(&doc_lines(&format!(
        "Changes to a {} for a PATCH request: each property is left as it is \
         ([`Patch::Absent`](crate::runtime::Patch::Absent), the default), cleared \
         ([`Patch::Null`](crate::runtime::Patch::Null), sent as `null`) or set \
         ([`Patch::Value`](crate::runtime::Patch::Value)). `From<{}>` sends the fields that are \
         `Some`. Relationships are not fields: they change through requests of their own (an \
         `x@odata.bind` annotation can go in `additional_data`).",
        code(local),
        naming::unraw(&info.ident)
    )));
    out.line(0, "#[derive(Debug, Clone, Default, PartialEq)]");
    out.open(&format!("pub struct {name}"));
    out.docs(&doc_lines("The OData type name (`@odata.type`), when patching a derived type through a base."));
    out.line(0, &format!("pub {odata_type}: Option<String>,"));
    let mut wire = vec![WireField::odata_type(&odata_type.to_string())];
    for field in structural {
        let FieldParts { wire: field_wire, ty } = field_parts(plan, info, field)?;
        out.docs(&doc_lines(&format!(
            "The {} property (see [`{}`]).",
            code(&field.property.name),
            naming::unraw(&info.ident)
        )));
        out.cfg(field_wire.cfg.as_deref());
        out.ty(0, &format!("pub {}: ", field_wire.name), &format!("crate::runtime::Patch<{ty}>"), ",");
        wire.push(field_wire);
    }
    out.docs(&doc_lines("Properties the docs do not describe, sent as they are."));
    out.line(0, &format!("pub {additional}: serde_json::Map<String, serde_json::Value>,"));
    out.close();
    object_impls(&mut out, &name, &wire, &additional.to_string());

    out.open_trait_impl("", &format!("From<{model}>"), &name);
    out.signature("fn from", &[format!("value: {model}")], "Self");
    out.open(&name);
    out.line(0, &format!("{odata_type}: value.{odata_type},"));
    // `odata_type` (the first) was moved above.
    for f in &wire[1..] {
        out.cfg(f.cfg.as_deref());
        out.chain(&format!("{}: value", f.name), &[format!(".{}", f.name), ".into()".to_string()], ",");
    }
    out.line(0, &format!("{additional}: value.{additional},"));
    out.close();
    out.close();
    out.close();
    Ok(out.into_text())
}

/// The enum that reads a value of a base type as the derived type its `@odata.type` names,
/// falling back to the base type itself (a type added to the API later, or none named).
/// Written as text (see [`super::layout`]).
fn poly_item(plan: &Plan<'_>, info: &TypeInfo<'_>, poly: &Poly<'_>) -> Result<String, EmitError> {
    let def = info.def;
    let (namespace, local) = split_qualified(&def.name);
    let name = ident(&poly.ident, &def.name)?.to_string();
    let base = ident(&poly.base_variant, &def.name)?.to_string();
    let base_ty = ident(&info.ident, &def.name)?.to_string();
    let own_feature = plan.area(&info.area).feature.as_deref();
    /// A derived type: its variant, `cfg` line, wire name, path and docs.
    struct Variant {
        ident: String,
        cfg: Option<String>,
        wire: String,
        path: String,
        docs: Vec<String>,
    }
    let mut variants = Vec::new();
    for (derived, variant) in &poly.variants {
        let Some(target) = plan.types.get(derived) else { continue };
        let needed: BTreeSet<&str> = plan.feature_of(derived).into_iter().collect();
        variants.push(Variant {
            ident: ident(variant, derived)?.to_string(),
            cfg: Plan::cfg_line(&needed, own_feature),
            wire: derived.to_string(),
            path: type_text(&plan.type_path(target, Some(info))?),
            docs: doc_lines(&format!(
                "The derived type {} (`@odata.type` {}).",
                plan.doc_link(target, &code(&target.ident)),
                code(&format!("#{derived}"))
            )),
        });
    }

    let mut out = Lines::default();
    out.docs(&doc_lines(&format!(
        "A {} or a value of a type derived from it: read as the derived type its `@odata.type` \
         names, else (no `@odata.type`, the base type's own, or a type added to the API later) as \
         {}.\n\nGenerated from the {} type and the types that derive from it.",
        code(local),
        plan.doc_link(info, &code(&info.ident)),
        code(&def.name)
    )));
    out.line(0, "#[derive(Debug, Clone, PartialEq)]");
    out.open(&format!("pub enum {name}"));
    out.docs(&doc_lines(&format!("The base type {} itself, or a derived type this crate does not know.", code(local))));
    out.tuple_variant(&base, &format!("Box<{base_ty}>"));
    for v in &variants {
        out.docs(&v.docs);
        out.cfg(v.cfg.as_deref());
        out.tuple_variant(&v.ident, &format!("Box<{}>", v.path));
    }
    out.close();

    // `match self` over the variants, each arm calling `call` with the boxed value.
    let by_variant = |out: &mut Lines, call: &str| {
        out.open("match self");
        out.arm(&format!("Self::{base}(value)"), call);
        for v in &variants {
            out.cfg(v.cfg.as_deref());
            out.arm(&format!("Self::{}(value)", v.ident), call);
        }
        out.close();
    };
    out.open_serialize(&name);
    by_variant(&mut out, "serde::Serialize::serialize(value.as_ref(), serializer)");
    out.close();
    out.close();

    out.open_deserialize(&name);
    out.line(0, "use serde::de::Error as _;");
    out.call("let value = <serde_json::Value as serde::Deserialize>::deserialize", &["deserializer".to_string()], "?;");
    out.line(0, "let named = value");
    out.line(1, ".get(\"@odata.type\")");
    out.line(1, ".and_then(serde_json::Value::as_str)");
    out.line(1, ".map(|name| crate::runtime::odata_type_name(");
    out.line(2, "name,");
    out.line(2, &format!("{},", string_literal(namespace)));
    out.line(2, "crate::models::NAMESPACES,");
    out.line(1, "));");
    out.open("match named.as_deref()");
    let read_as = |out: &mut Lines, pat: &str, variant: &str| {
        out.open_arm(pat);
        out.line(0, "serde_json::from_value(value)");
        let map = format!(".map(|v| Self::{variant}(Box::new(v)))");
        if out.fits(1, &map) {
            out.line(1, &map);
        } else {
            out.line(1, &format!(".map(|v| Self::{variant}("));
            out.line(2, "Box::new(v),");
            out.line(1, "))");
        }
        out.line(1, ".map_err(D::Error::custom)");
        out.close();
    };
    for v in &variants {
        out.cfg(v.cfg.as_deref());
        read_as(&mut out, &format!("Some({})", string_literal(&v.wire)), &v.ident);
    }
    read_as(&mut out, "_", &base);
    out.close();
    out.close();
    out.close();

    out.open_trait_impl("", "crate::runtime::UnknownKeys", &name);
    out.open("fn unknown_keys(&self) -> usize");
    by_variant(&mut out, "crate::runtime::UnknownKeys::unknown_keys(value.as_ref())");
    out.close();
    out.close();
    Ok(out.into_text())
}
