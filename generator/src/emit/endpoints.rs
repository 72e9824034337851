//! `src/endpoints.rs` and `src/endpoints/<area>.rs`: one unit struct per operation, with its
//! method, documented success status and path templates as constants, one request constructor
//! per path alternative and a `parse_response` function. No I/O: the caller sends the
//! `http::Request` however it likes.
//!
//! Each endpoint is in the module of its page's area (behind that area's feature, except
//! `common`); one whose request or response type lives in another area also needs that area's
//! feature (`#[cfg(all(...))]`), so a body type never changes with the features.

use super::docs::{code, doc_lines, inner_doc_attrs};
use super::format::{ident, render_file, render_text_file};
use super::layout::{string_literal, type_text, Lines};
use super::models::area_module_decl;
use super::paths::{parse_paths, PathTemplate, Piece};
use super::plan::{Area, Plan};
use super::EmitError;
use crate::ir::{edm, BodyRef, Endpoint};
use crate::naming::{self, Case, Scope};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// Beyond this many arguments a constructor gets `#[allow(clippy::too_many_arguments)]`:
/// deep paths have many parameters and splitting them up would hide the path.
const CLIPPY_MAX_ARGUMENTS: usize = 7;

/// An endpoint, its area (a group of a split area shares the area's module with the others)
/// and its type identifier.
type Named<'e, 'p> = (&'e Endpoint, &'p Area, String);

/// `src/endpoints.rs` and one file per area: relative path -> content.
pub(crate) fn files(plan: &Plan<'_>, endpoints: &[Endpoint]) -> Result<BTreeMap<String, String>, EmitError> {
    // Made on the thread that prints it: tokens are not `Send`.
    let docs = || {
        inner_doc_attrs(
            "One unit struct per operation of the API, in one module per product area and \
         re-exported here. The operations of an area other than `common` exist only with its \
         cargo feature, and one whose body type is in another area needs that feature too.\n\n\
         Each has `METHOD`, `SUCCESS_STATUS` and `PATHS`; one constructor per path alternative \
         that takes the base URL (e.g. `https://graph.microsoft.com/v1.0`), the path parameters \
         and the body and returns a [`crate::runtime::RequestBuilder`], which takes the query \
         options (`.select(..)`, `.top(..)`) and headers (`.header_prefer(..)`) the docs list \
         for the operation and `.build()`s the `http::Request`; and `parse_response`, which turns the \
         `http::Response` into the documented type or a [`crate::runtime::ResponseError`]. \
         Sending the request (and authenticating it) is up to the caller.",
        )
    };
    let mut scope = Scope::new(Case::UpperCamel);
    let wishes =
        endpoints.iter().enumerate().map(|(i, e)| ((e.name.as_str(), i), naming::type_ident(&e.name))).collect();
    // Area module -> (area, endpoints sorted by name, then input position for duplicates).
    let mut by_area: BTreeMap<&str, (&Area, Vec<Named<'_, '_>>)> = BTreeMap::new();
    for ((_, i), type_ident) in scope.assign(wishes) {
        let Some(endpoint) = endpoints.get(i) else { continue };
        let area = plan.endpoint_area(endpoint);
        by_area.entry(area.module.as_str()).or_insert_with(|| (area, Vec::new())).1.push((endpoint, area, type_ident));
    }
    let mut areas: Vec<&Area> = by_area.values().map(|(area, _)| *area).collect();
    areas.sort_by_key(|a| (a.feature.is_some(), a.module.as_str()));
    // Files are rendered in parallel (their items too, see `render_text_file`).
    let (root, files) = rayon::join(
        || render_file("src/endpoints.rs", docs(), &areas, |area| area_module_decl(area, "endpoints", "operations")),
        || {
            by_area
                .into_par_iter()
                .map(|(_, (area, named))| {
                    let path = format!("src/endpoints/{}.rs", naming::unraw(&area.module));
                    let text = match (&area.feature, &area.docs_name) {
                        _ if area.group_of.is_some() => {
                            format!("Operations of {}.", area.split_note().unwrap_or_default())
                        }
                        (Some(feature), Some(name)) => format!(
                            "Operations of the {} area: compiled with the {} feature.",
                            code(name),
                            code(feature)
                        ),
                        _ => "Operations the docs file under no area: always compiled.".to_string(),
                    };
                    let file =
                        render_text_file(&path, inner_doc_attrs(&text), &named, |(endpoint, own, type_ident)| {
                            endpoint_item(plan, endpoint, own, type_ident)
                        })?;
                    Ok((path, file))
                })
                .collect::<Result<BTreeMap<String, String>, EmitError>>()
        },
    );
    let mut out = files?;
    out.insert("src/endpoints.rs".to_string(), root?);
    Ok(out)
}

/// How a body is passed in or handed back.
enum Body {
    /// No body.
    None,
    /// `Edm.Stream`: raw bytes.
    Bytes,
    /// JSON of this type (`Page<T>` for a collection response), as text.
    Json(String),
}

/// One operation: its unit struct, the `impl` with its constants, constructors and
/// `parse_response`, its query option markers and its header setters, written as text (see
/// [`super::layout`]).
fn endpoint_item(plan: &Plan<'_>, endpoint: &Endpoint, area: &Area, type_ident: &str) -> Result<String, EmitError> {
    let item = endpoint.name.as_str();
    let name = ident(type_ident, item)?.to_string();
    let paths = parse_paths(&endpoint.paths);
    let method_upper = endpoint.method.to_ascii_uppercase();
    let method = method_upper.as_str();
    let status = endpoint.success_status;

    let patched = plan.patched_type(endpoint).and_then(|info| Some((info, plan.patch.get(info.def.name.as_str())?)));
    let request = match patched {
        Some((info, patch)) => Body::Json(format!("&{}", type_text(&plan.item_path(info, patch, None)?))),
        None => request_body(plan, endpoint.request_body.as_ref())?,
    };
    let response = response_body(plan, endpoint.response_body.as_ref())?;

    let mut text = match endpoint.title.as_deref() {
        Some(t) if !doc_lines(t).is_empty() => t.to_string(),
        _ => format!("The {} operation.", code(&endpoint.name)),
    };
    if let Some(d) = endpoint.description.as_deref() {
        if !doc_lines(d).is_empty() {
            text.push_str("\n\n");
            text.push_str(d);
        }
    }
    text.push_str("\n\n");
    for path in &paths {
        text.push_str(&format!("- {}\n", code(&format!("{method} {}", path.raw))));
    }
    text.push_str(&format!(
        "\nRequest body: {}. Response body: {}. Documented success status: `{status}`.",
        body_doc(plan, endpoint.request_body.as_ref()),
        body_doc(plan, endpoint.response_body.as_ref()),
    ));
    if let Some((info, patch)) = patched {
        text.push_str(&format!(
            " The body is passed as {}: a property can be left out, cleared (sent as `null`) or set.",
            plan.doc_link_named(info, patch, &code(patch))
        ));
    }
    let mut needed: BTreeSet<&str> = [&endpoint.request_body, &endpoint.response_body]
        .into_iter()
        .flatten()
        .filter_map(|body| plan.feature_of(&body.type_name))
        .collect();
    let own_feature = area.feature.as_deref();
    // A group of a split area shares the area's module, which no feature gates: its own
    // feature goes on the item.
    let given = match area.group_of {
        Some(_) => {
            needed.extend(own_feature);
            None
        }
        None => own_feature,
    };
    let cfg = Plan::cfg_line(&needed, given);
    let others: Vec<String> = needed.iter().filter(|f| Some(**f) != own_feature).map(|f| code(f)).collect();
    if !others.is_empty() {
        text.push_str(&format!(
            " Needs the {} feature{} as well (for the body type).",
            others.join(" and "),
            if others.len() > 1 { "s" } else { "" }
        ));
    }
    let (response_type, parse) = match &response {
        Body::None => ("()".to_string(), "crate::runtime::parse_empty(response)"),
        Body::Bytes => ("Vec<u8>".to_string(), "crate::runtime::parse_bytes(response)"),
        Body::Json(ty) => (ty.clone(), "crate::runtime::parse_json(response)"),
    };
    let parse_doc = format!(
        "Reads the response: on any 2xx status, {}; otherwise the service's error object \
         ([`crate::runtime::ResponseError::Graph`]) or the status and body \
         ([`crate::runtime::ResponseError::Status`]).",
        match endpoint.response_body {
            None => "nothing (the body, if any, is ignored)".to_string(),
            Some(_) => format!("the body as {}", body_doc(plan, endpoint.response_body.as_ref())),
        }
    );

    // A group's operation shows its group's feature on docs.rs, as an area's module does.
    let doc_cfg = area.group_of.as_ref().and(own_feature).map(super::layout::doc_cfg_line);
    let mut out = Lines::default();
    out.docs(&doc_lines(&text));
    out.cfg(cfg.as_deref());
    out.cfg(doc_cfg.as_deref());
    out.line(0, "#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]");
    out.line(0, &format!("pub struct {name};"));
    out.cfg(cfg.as_deref());
    out.open(&format!("impl {name}"));
    out.docs(&doc_lines("The HTTP method."));
    out.line(0, &format!("pub const METHOD: &str = {};", string_literal(method)));
    out.docs(&doc_lines("The success status the docs give; `parse_response` accepts any 2xx status."));
    out.line(0, &format!("pub const SUCCESS_STATUS: u16 = {status};"));
    out.docs(&doc_lines("The path templates, in documentation order: one constructor each."));
    let raw_paths: Vec<String> = paths.iter().map(|p| string_literal(&p.raw)).collect();
    out.array("pub const PATHS: &[&str] = &", &raw_paths, ";");
    for p in &paths {
        constructor(&mut out, item, method, p, &request)?;
    }
    out.docs(&doc_lines(&parse_doc));
    out.signature(
        "pub fn parse_response",
        &["response: http::Response<Vec<u8>>".to_string()],
        &format!("Result<{response_type}, crate::runtime::ResponseError>"),
    );
    out.line(0, parse);
    out.close();
    out.close();
    query_option_impls(&mut out, endpoint, &name, cfg.as_deref());
    header_methods(&mut out, endpoint, &name, item, cfg.as_deref())?;
    Ok(out.into_text())
}

/// `impl crate::runtime::options::Select for X {}`, ...: one per query option the page
/// documents, each giving the endpoint's request builder its method.
fn query_option_impls(out: &mut Lines, endpoint: &Endpoint, name: &str, cfg: Option<&str>) {
    for option in &endpoint.query_options {
        let marker = match option.as_str() {
            "$select" => "Select",
            "$expand" => "Expand",
            "$filter" => "Filter",
            "$orderby" => "OrderBy",
            "$search" => "Search",
            "$count" => "Count",
            "$top" => "Top",
            "$skip" => "Skip",
            "$skiptoken" => "SkipToken",
            "$format" => "Format",
            _ => continue,
        };
        out.cfg(cfg);
        out.empty_trait_impl(&format!("crate::runtime::options::{marker}"), name);
    }
}

/// `header_prefer(value)`, ...: one method per request header the page documents, on the
/// endpoint's request builder.
fn header_methods(
    out: &mut Lines,
    endpoint: &Endpoint,
    name: &str,
    item: &str,
    cfg: Option<&str>,
) -> Result<(), EmitError> {
    if endpoint.request_headers.is_empty() {
        return Ok(());
    }
    let mut scope = Scope::new(Case::Snake);
    let wishes = endpoint
        .request_headers
        .iter()
        .enumerate()
        .map(|(i, header)| (i, naming::fn_ident(&format!("header {}", header.replace('-', " ")))))
        .collect();
    let idents = scope.assign(wishes);
    out.cfg(cfg);
    out.open_impl_generic("crate::runtime::RequestBuilder", name);
    for (i, header) in endpoint.request_headers.iter().enumerate() {
        let Some(method) = idents.get(&i) else { continue };
        let method = ident(method, item)?;
        out.docs(&doc_lines(&format!(
            "Sets the {} request header, which the docs list for this operation.",
            code(header)
        )));
        out.signature(&format!("pub fn {method}"), &["self".to_string(), "value: &str".to_string()], "Self");
        out.call("self.header", &[string_literal(header), "value".to_string()], "");
        out.close();
    }
    out.close();
    Ok(())
}

/// The argument type of a request body: borrowed (`&str`, `&[T]`, `&T`). (A PATCH of a struct
/// takes its patch struct instead, see [`Plan::patched_type`].)
fn request_body(plan: &Plan<'_>, body: Option<&BodyRef>) -> Result<Body, EmitError> {
    let Some(body) = body else {
        return Ok(Body::None);
    };
    if is_stream(&body.type_name) && !body.collection {
        return Ok(Body::Bytes);
    }
    let value = type_text(&plan.value_type(&body.type_name, None)?);
    Ok(Body::Json(if body.collection {
        format!("&[{value}]")
    } else if body.type_name.eq_ignore_ascii_case(edm::STRING) {
        "&str".to_string()
    } else {
        format!("&{value}")
    }))
}

/// The return type of `parse_response` for a response body.
fn response_body(plan: &Plan<'_>, body: Option<&BodyRef>) -> Result<Body, EmitError> {
    let Some(body) = body else {
        return Ok(Body::None);
    };
    if is_stream(&body.type_name) && !body.collection {
        return Ok(Body::Bytes);
    }
    let value = type_text(&plan.value_type(&body.type_name, None)?);
    Ok(Body::Json(if body.collection { format!("crate::runtime::Page<{value}>") } else { value }))
}

fn single_char(text: &str) -> Option<char> {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

fn is_stream(type_name: &str) -> bool {
    type_name.eq_ignore_ascii_case(edm::STREAM)
}

/// A body type in words, for docs: a link to the generated type where there is one.
fn body_doc(plan: &Plan<'_>, body: Option<&BodyRef>) -> String {
    let Some(body) = body else {
        return "none".to_string();
    };
    let one = match plan.resolve(&body.type_name) {
        Some(info) if !edm::is_primitive(&body.type_name) => plan.doc_link(info, &code(&info.ident)),
        _ if is_stream(&body.type_name) => "raw bytes".to_string(),
        _ => code(&body.type_name),
    };
    if body.collection {
        format!("a collection of {one}")
    } else {
        one
    }
}

/// One request constructor: the path's parameters in, the URI built piece by piece.
fn constructor(out: &mut Lines, item: &str, method: &str, path: &PathTemplate, body: &Body) -> Result<(), EmitError> {
    let fn_name = ident(&path.constructor, item)?;
    let params: Vec<String> =
        path.params.iter().map(|p| ident(&p.ident, item).map(|i| i.to_string())).collect::<Result<_, _>>()?;
    let mut text = format!(
        "Starts the {} request: add query options and headers, then `.build()` it.",
        code(&format!("{method} {}", path.raw))
    );
    if !path.params.is_empty() {
        text.push_str("\n\nPath parameters, percent-encoded when substituted:\n");
        for param in &path.params {
            text.push_str(&format!("- {}: {}\n", code(naming::unraw(&param.ident)), code(&param.placeholder)));
        }
    }
    out.docs(&doc_lines(&text));
    let arguments = 1 + params.len() + usize::from(!matches!(body, Body::None));
    if arguments > CLIPPY_MAX_ARGUMENTS {
        out.line(0, "#[allow(clippy::too_many_arguments)]");
    }
    let mut signature: Vec<String> = vec!["base_url: &str".to_string()];
    signature.extend(params.iter().map(|p| format!("{p}: &str")));
    let request = "crate::runtime::RequestBuilder::new(Self::METHOD, uri)";
    let build = match body {
        Body::None => request.to_string(),
        Body::Bytes => {
            signature.push("body: &[u8]".to_string());
            format!("{request}.bytes_body(body)")
        }
        Body::Json(ty) => {
            signature.push(format!("body: {ty}"));
            format!("{request}.json_body(body)")
        }
    };
    out.signature(&format!("pub fn {fn_name}"), &signature, "crate::runtime::RequestBuilder<Self>");
    let binding = if path.pieces.is_empty() { "uri" } else { "mut uri" };
    out.call(&format!("let {binding} = crate::runtime::base_url"), &["base_url".to_string()], ";");
    for piece in &path.pieces {
        match piece {
            Piece::Literal(text) => match single_char(text) {
                // `clippy::single_char_add_str` wants `push` for one character.
                Some(c) => out.call("uri.push", &[proc_macro2::Literal::character(c).to_string()], ";"),
                None => out.call("uri.push_str", &[string_literal(text)], ";"),
            },
            Piece::Param(i) => {
                let param = params.get(*i).ok_or_else(|| EmitError::InvalidCode {
                    item: item.to_string(),
                    message: format!("path parameter {i} of `{}` has no argument", path.raw),
                })?;
                out.call("crate::runtime::push_param", &["&mut uri".to_string(), param.clone()], ";");
            }
        }
    }
    out.line(0, &build);
    out.close();
    Ok(())
}
