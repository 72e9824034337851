//! `tests/examples.json` and `tests/examples.rs`: the docs' concrete JSON examples as tests of
//! the models. Each example is read as its type (through a generated dispatch on the type
//! name) and must behave as the generator predicted: deserialise or not, be fully typed or
//! not. The test prints `examples: N checked, D deserialized, F fully typed` and fails, listing
//! them, on the examples that behave otherwise.

use super::format::{ident, match_or_none, render_file};
use super::plan::{Plan, Shape};
use super::EmitError;
use crate::ir::Example;
use quote::quote;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// The harness, after the generated dispatch: its types and checks, the JSON comparison
/// (shared with the loopback test), then `main`.
const TEMPLATE: &str = include_str!("examples.rs.txt");
/// `difference(a, b, at)`: where two JSON values differ, key order, number formatting, `null`
/// members and the spelling of dates, durations, flags and base64 aside.
pub(crate) const JSON_DIFFERENCE: &str = include_str!("json_difference.rs.txt");
const MAIN: &str = include_str!("examples_main.rs.txt");

/// The test target's section of `Cargo.toml`: a plain `main`, so the summary line is printed
/// whatever the test harness captures.
pub(crate) const TEST_TARGET: &str = "[[test]]\nname = \"examples\"\npath = \"tests/examples.rs\"\nharness = false\n";

/// `tests/examples.json` (one example a line) and `tests/examples.rs`.
pub(crate) fn files(
    plan: &Plan<'_>,
    examples: &[Example],
    crate_name: &str,
) -> Result<BTreeMap<String, String>, EmitError> {
    let (json, harness) = rayon::join(
        || {
            let lines: Vec<String> =
                examples.par_iter().map(|e| serde_json::to_string(e).unwrap_or_else(|_| "null".to_string())).collect();
            if lines.is_empty() {
                "[]\n".to_string()
            } else {
                format!("[\n{}\n]\n", lines.join(",\n"))
            }
        },
        || harness(plan, examples, crate_name),
    );
    let mut out = BTreeMap::new();
    out.insert("tests/examples.json".to_string(), json);
    out.insert("tests/examples.rs".to_string(), harness?);
    Ok(out)
}

fn harness(plan: &Plan<'_>, examples: &[Example], crate_name: &str) -> Result<String, EmitError> {
    let names: BTreeSet<&str> = examples.iter().map(|e| e.type_name.as_str()).collect();
    let docs = super::docs::inner_doc_attrs(
        "The docs' concrete JSON examples (`tests/examples.json`), each read as its type and \
         checked against the behaviour the generator predicted: `cargo test` prints \
         `examples: N checked, D deserialized, F fully typed` and fails on any example that \
         deserialises or is fully typed otherwise than predicted.",
    );
    // Without examples, or with their types' features off, nothing calls the checks.
    let docs = quote! { #docs #![allow(dead_code)] };
    let rendered = render_file("tests/examples.rs", docs, &["dispatch"], |_| {
        let krate = ident(&crate_name.replace('-', "_"), crate_name)?;
        let mut arms = Vec::new();
        for name in &names {
            let name = *name;
            let Some(info) = plan.types.get(name).filter(|i| i.shape == Shape::Struct) else { continue };
            let module = ident(&info.module, name)?;
            let area = plan.area(&info.area);
            let area_module = ident(&area.module, name)?;
            // A base type with derived types is read through its enum, like a field of it.
            let ty = ident(plan.poly.get(name).map_or(info.ident.as_str(), |p| p.ident.as_str()), name)?;
            let cfg = match &area.feature {
                Some(feature) => quote!(#[cfg(feature = #feature)]),
                None => quote!(),
            };
            arms.push(quote! {
                #cfg
                #name => Some(check::<#krate::models::#module::#area_module::#ty>),
            });
        }
        let body = match_or_none(&ident("name", "dispatch")?, &arms);
        Ok((
            "dispatch".to_string(),
            quote! {
                use #krate::runtime::{Page, UnknownKeys};

                /// Checks one example read as the type of this qualified name; `None` when the
                /// type is unknown or its feature is off.
                #[allow(clippy::type_complexity, clippy::match_single_binding)]
                fn checker(name: &str) -> Option<fn(&serde_json::Value, bool) -> Outcome> {
                    #body
                }
            },
        ))
    })?;
    Ok(format!("{rendered}{TEMPLATE}{JSON_DIFFERENCE}{MAIN}"))
}
