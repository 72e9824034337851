//! Emission: [`Schema`] -> the files of a standalone Rust crate, formatted.
//!
//! The generated crate (relative paths):
//!
//! - `Cargo.toml` (its own `[workspace]`, so it builds wherever it is written) and `.gitignore`;
//! - `src/lib.rs`: crate docs and the three modules below;
//! - `src/models.rs` + `src/models/<namespace>.rs` + `src/models/<namespace>/<area>.rs`: one
//!   struct per entity or complex type (inherited properties flattened in, every field an
//!   `Option`, unknown keys kept in `additional_data`), one open enum or flags set per enum
//!   type; each namespace module re-exports its area modules, and the default namespace
//!   (`microsoft.graph`) is re-exported at `models::`;
//! - `src/endpoints.rs` + `src/endpoints/<area>.rs`: one unit struct per operation with request
//!   constructors and `parse_response`, re-exported at `endpoints::`;
//! - `src/runtime.rs`: fixed support code (`Duration`, `Binary`, `Page`, errors, helpers).
//!
//! Areas (front matter `ms.prod`) become cargo features, one each (kebab case), plus `full`
//! for all of them, which is the default. Types and endpoints the docs file under no area are
//! in the `common` modules, always compiled; an unfiled type that only one area needs moves to
//! that area. A reference from one area to a type of another is behind the other's feature
//! (a field then falls back to `additional_data`; an endpoint needs both features), so every
//! combination of features compiles and enabling one only ever adds items.
//!
//! Every name goes through [`crate::naming`]; every `.rs` file is built from `quote!` tokens,
//! parsed with `syn` item by item (a failure is [`EmitError::InvalidCode`] naming the item) and
//! printed with `prettyplease`. All iteration is over sorted maps, so the output is a pure
//! function of the schema.

mod cargo_toml;
mod docs;
mod endpoints;
mod enums;
mod examples;
mod format;
mod layout;
mod loopback;
mod models;
mod paths;
mod plan;
mod runtime;
mod split;
#[cfg(test)]
mod tests;

use crate::ir::Schema;
use docs::code;
use plan::Plan;
use quote::quote;
use std::collections::BTreeMap;

/// What to call the generated crate and how to describe it.
#[derive(Debug, Clone)]
pub struct EmitOptions {
    /// The package name, e.g. `graph-models`.
    pub crate_name: String,
    /// Also emit `tests/loopback.rs` (+ `tests/loopback.json` and the dev-dependencies reqwest,
    /// axum and tokio): the docs' example exchanges sent over loopback to a local server that
    /// answers with the example responses. Off by default, so the crate's users do not build
    /// those dependencies.
    pub loopback_tests: bool,
}

impl Default for EmitOptions {
    fn default() -> Self {
        EmitOptions { crate_name: "graph-models".to_string(), loopback_tests: false }
    }
}

/// The generated crate: relative path (forward slashes) -> file content.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GeneratedCrate {
    pub files: BTreeMap<String, String>,
    /// Its cargo features (but `default` and `full`), by name, as `Cargo.toml` declares them:
    /// for tools that measure or document them without parsing the manifest.
    pub features: BTreeMap<String, Feature>,
}

/// What a cargo feature of the generated crate turns on, and why.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Feature {
    /// The parts or groups of a split area: its feature is all of them, not an area of its own.
    pub parts: Vec<String>,
    /// For a group of an area too heavy for one feature: the groups its types refer to, so
    /// that its structs are whole with it alone.
    pub needs: Vec<String>,
}

/// Why emission failed (a bug in the generator, never a docs problem: those are diagnostics).
#[derive(Debug, thiserror::Error)]
pub enum EmitError {
    #[error("generated code for {item} does not parse as Rust: {message}")]
    InvalidCode { item: String, message: String },
    #[error("`{name}` is not a valid package name (ASCII letters, digits, `-` and `_`, starting with a letter)")]
    InvalidCrateName { name: String },
}

/// Emits the crate for `schema`.
pub fn emit_crate(schema: &Schema, options: &EmitOptions) -> Result<GeneratedCrate, EmitError> {
    let mut files = BTreeMap::new();
    let plan = Plan::new(schema);
    let features: BTreeMap<String, Feature> = plan
        .areas
        .values()
        .filter_map(|a| Some((a.feature.clone()?, Feature { parts: a.parts.clone(), needs: a.needs.clone() })))
        .collect();
    let mut manifest = cargo_toml::manifest(&options.crate_name, &features)?;
    if options.loopback_tests {
        manifest.push_str(loopback::MANIFEST_SECTIONS);
        files.extend(loopback::files(&plan, schema, &options.crate_name)?);
    }
    files.insert("Cargo.toml".to_string(), manifest);
    files.insert(".gitignore".to_string(), cargo_toml::GITIGNORE.to_string());
    files.insert("rustfmt.toml".to_string(), cargo_toml::RUSTFMT_TOML.to_string());
    files.insert("src/lib.rs".to_string(), lib_rs(&plan, schema)?);
    files.insert("src/runtime.rs".to_string(), runtime::file());
    // The three parts are independent: rendered at once, the pool's cores stay busy.
    let (models, (endpoints, examples)) = rayon::join(
        || models::files(&plan),
        || {
            rayon::join(
                || endpoints::files(&plan, &schema.endpoints),
                || examples::files(&plan, &schema.examples, &options.crate_name),
            )
        },
    );
    files.extend(models?);
    files.extend(endpoints?);
    files.extend(examples?);
    Ok(GeneratedCrate { files, features })
}

/// The crate docs on features: what is always there, and one line per area feature with what
/// it adds.
fn features_doc(plan: &Plan<'_>, schema: &Schema) -> String {
    // Area module -> (types, endpoints).
    // By feature: the groups of a split area share its module.
    let mut counts: BTreeMap<Option<&str>, (usize, usize)> = BTreeMap::new();
    for info in plan.types.values() {
        counts.entry(plan.area(&info.area).feature.as_deref()).or_default().0 += 1;
    }
    for endpoint in &schema.endpoints {
        counts.entry(plan.endpoint_area(endpoint).feature.as_deref()).or_default().1 += 1;
    }
    let count = |feature: Option<&str>| counts.get(&feature).copied().unwrap_or_default();
    let (common_types, common_endpoints) = count(None);
    let mut text = format!(
        "# Features\n\n\
         Each product area of the docs (`ms.prod`) is a cargo feature; `{full}`, the default, \
         enables all of them. To compile only what you use, depend with \
         `default-features = false` and name the areas. The `common` modules are always \
         compiled (types: {common_types}, operations: {common_endpoints}): what the docs file \
         under no area, unless only one area uses it (then it is in that area). A field whose \
         type belongs to a disabled area is left out, its value kept in `additional_data`; an \
         operation whose body type belongs to a disabled area is left out. So enabling a \
         feature only ever adds items.",
        full = plan::FULL_FEATURE,
    );
    let areas: Vec<&plan::Area> = plan.areas.values().filter(|a| a.feature.is_some()).collect();
    if areas.iter().any(|a| !a.parts.is_empty()) {
        text.push_str(
            " An area whose pages' file names give its parts (`<area>-<part>-<name>.md`) is split \
             into them, a feature each; the area's own feature turns them all on.",
        );
    }
    if !plan.split.is_empty() {
        text.push_str(&format!(
            " An area too heavy for one feature (more than 1/{} of the crate's fields and enum members) \
             is split into groups: one per entity type (`<area>-<type>`), with the complex types and \
             enums only it uses, and `<area>-shared` for the rest. A group's feature turns on the \
             groups its types refer to, so its structs are whole; the area's own feature turns them \
             all on.",
            split::HEAVY_DIVISOR
        ));
    }
    if !areas.is_empty() {
        text.push_str("\n\n| Feature | Types | Operations |\n|---|---|---|");
        for area in areas {
            let (types, endpoints) = count(area.feature.as_deref());
            let feature = area.feature.as_deref().unwrap_or_default();
            if !area.needs.is_empty() {
                // A group of an area split for its weight, and the groups it needs.
                let needs: Vec<String> = area.needs.iter().map(|p| code(p)).collect();
                text.push_str(&format!("\n| `{feature}` (turns on: {}) | {types} | {endpoints} |", needs.join(", ")));
            } else if area.parts.is_empty() {
                text.push_str(&format!("\n| `{feature}` | {types} | {endpoints} |"));
            } else {
                // A split area: its own items, and the parts it turns on.
                let parts: Vec<String> = area.parts.iter().map(|p| code(p)).collect();
                text.push_str(&format!(
                    "\n| `{feature}` (and its parts: {}) | {types} | {endpoints} |",
                    parts.join(", ")
                ));
            }
        }
    }
    text
}

fn lib_rs(plan: &Plan<'_>, schema: &Schema) -> Result<String, EmitError> {
    let namespaces: Vec<String> = plan.modules.keys().map(|n| code(n)).collect();
    let re_export = if plan.modules.contains_key(&plan.default_namespace) {
        format!("; the types of {} are also re-exported at `models::`", code(&plan.default_namespace))
    } else {
        String::new()
    };
    let text = format!(
        "Typed models and request builders for the API described by the reference pages.\n\n\
         - [`models`]: {} types in {} namespace(s) ({}){re_export}.\n\
         - [`endpoints`]: {} operations; each builds an `http::Request` and reads the \
         `http::Response`, sending is up to you.\n\
         - [`runtime`]: support types (`Duration`, `Binary`, `Page`, errors).\n\n\
         Every field is an `Option` (the API returns what `$select` asks for), inherited \
         properties are fields of the derived struct, and unknown properties and enum values \
         are kept, so a value read and written back is unchanged.\n\n\
         {}\n\n\
         Generated by docs-codegen: do not edit, run `cargo xtask codegen`.",
        plan.types.len(),
        plan.modules.len(),
        namespaces.join(", "),
        schema.endpoints.len(),
        features_doc(plan, schema),
    );
    let crate_docs = docs::inner_doc_attrs(&text);
    let inner = quote! {
        #crate_docs
        #![cfg_attr(docsrs, feature(doc_cfg))]
        #![warn(missing_docs)]
        // Descriptions come from the docs as they are: they may hold bare URLs, HTML-like
        // text or links to pages that are not items. Rustdoc may say so; the code is fine.
        #![allow(rustdoc::bare_urls, rustdoc::broken_intra_doc_links, rustdoc::invalid_html_tags)]
    };
    format::render_file("src/lib.rs", inner, &["modules"], |name| {
        let modules = quote! {
            pub mod endpoints;
            pub mod models;
            pub mod runtime;
        };
        Ok((name.to_string(), modules))
    })
}
