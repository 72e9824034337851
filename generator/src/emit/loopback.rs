//! `tests/loopback.json` and `tests/loopback.rs` (only with [`super::EmitOptions::loopback_tests`]):
//! the docs' example exchanges sent over loopback. For each example request whose URL fits one
//! of its endpoint's path templates, the test builds the request with the endpoint's stub (path
//! parameters and query options taken from the URL, the body being the example's request body
//! read as the stub's request type), sends it with a real HTTP client (reqwest) to a local
//! server (axum) that answers with the example response, and checks on the server side the
//! method, path, query and body, and on the client side what `parse_response` makes of the
//! answer. Exchanges that cannot be sent are listed with the reason, and counted in the summary
//! line `loopback: N exchanges sent (...), M skipped (...)`.

use super::format::{ident, match_or_none, render_file};
use super::paths::{parse_paths, PathTemplate, Piece};
use super::plan::Plan;
use super::EmitError;
use crate::ir::{edm, Endpoint, ExampleUrl, Schema};
use crate::naming::{self, Case, Scope};
use proc_macro2::TokenStream;
use quote::quote;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// What the generated crate's `Cargo.toml` gets on top: the test target (a plain `main`, so the
/// summary line is printed whatever the harness captures) and the client, server and runtime
/// it needs, with no default features (plain HTTP on 127.0.0.1: no TLS, no HTTP/2).
pub(crate) const MANIFEST_SECTIONS: &str = "\n# The loopback test (`cargo xtask codegen --loopback-tests`).\n\
[[test]]\nname = \"loopback\"\npath = \"tests/loopback.rs\"\nharness = false\n\n\
[dev-dependencies]\n\
axum = { version = \"0.8\", default-features = false, features = [\"http1\", \"tokio\"] }\n\
reqwest = { version = \"0.13\", default-features = false }\n\
tokio = { version = \"1\", default-features = false, features = [\"net\", \"rt\"] }\n";

/// The harness, after the generated dispatch (and before the JSON comparison).
const TEMPLATE: &str = include_str!("loopback.rs.txt");

/// One exchange the test sends, as `tests/loopback.json` lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
struct Exchange {
    /// `path:line` of the example request: the key of its stub in the generated dispatch.
    source: String,
    endpoint: String,
    method: String,
    /// Relative to the service root, query string kept: what the server must receive after
    /// the base URL's `/v1.0` (percent-decoded on both sides).
    url: String,
    /// `null` when the request has no body.
    request_body: serde_json::Value,
    status: u16,
    /// `null` when the response has no body.
    response_body: serde_json::Value,
    /// What `parse_response` must make of the answer: `round-trip` (read, and written back as
    /// the same JSON), `deserializes` (read; the examples test predicts it not fully typed),
    /// `fails` (a decode error, as the examples test predicts) or `empty` (the endpoint
    /// documents no response body, so none is read).
    expect: &'static str,
}

/// An example request that is not sent, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
struct Skip {
    source: String,
    endpoint: String,
    reason: String,
}

#[derive(Debug, Serialize)]
struct Data {
    exchanges: Vec<Exchange>,
    skipped: Vec<Skip>,
}

/// How an exchange's stub is called: constructor, path parameter values, builder calls.
#[derive(Debug)]
struct Call {
    constructor: String,
    params: Vec<String>,
    query: Vec<QueryCall>,
    body: BodyShape,
}

/// How a query parameter of an example URL is set on the request builder.
#[derive(Debug, Clone, PartialEq)]
enum QueryCall {
    /// A typed method of a documented option: `select(&["a", "b"])`, `top(3)`, `count(true)`.
    List(&'static str, Vec<String>),
    Text(&'static str, String),
    Number(&'static str, u32),
    Bool(&'static str, bool),
    /// `.query(name, value)`: an option the page does not document, or a value the typed
    /// method does not take.
    Generic(String, String),
}

/// How the example's request body is passed to the constructor.
#[derive(Debug, Clone, Copy, PartialEq)]
enum BodyShape {
    None,
    /// `&T`: the type is inferred from the constructor's parameter.
    One,
    /// `&[T]`.
    Many,
    /// `&str` (`Edm.String`).
    Text,
}

/// `tests/loopback.json` and `tests/loopback.rs`.
pub(crate) fn files(plan: &Plan<'_>, schema: &Schema, crate_name: &str) -> Result<BTreeMap<String, String>, EmitError> {
    let predictions: BTreeMap<&str, (bool, bool)> =
        schema.examples.iter().map(|e| (e.source.as_str(), (e.deserializes, e.fully_typed))).collect();
    let type_idents = endpoint_type_idents(&schema.endpoints);
    let mut data = Data { exchanges: Vec::new(), skipped: Vec::new() };
    let mut arms: Vec<Arm> = Vec::new();
    for (i, endpoint) in schema.endpoints.iter().enumerate() {
        let Some(type_ident) = type_idents.get(&i) else { continue };
        let templates = parse_paths(&endpoint.paths);
        let features = endpoint_features(plan, endpoint);
        for example in &endpoint.example_urls {
            let planned = plan_exchange(endpoint, &templates, example, &predictions);
            let (exchange, call) = match planned {
                Ok(planned) => planned,
                Err(reason) => {
                    data.skipped.push(Skip { source: example.source.clone(), endpoint: endpoint.name.clone(), reason });
                    continue;
                }
            };
            arms.push(Arm {
                type_ident: type_ident.clone(),
                features: features.clone(),
                source: exchange.source.clone(),
                endpoint: exchange.endpoint.clone(),
                call,
            });
            data.exchanges.push(exchange);
        }
    }
    let json = serde_json::to_string_pretty(&data).unwrap_or_else(|_| "{}".to_string());
    let mut out = BTreeMap::new();
    out.insert("tests/loopback.json".to_string(), format!("{json}\n"));
    out.insert("tests/loopback.rs".to_string(), harness(crate_name, &arms)?);
    Ok(out)
}

/// The endpoints' type identifiers, assigned as `endpoints::files` assigns them.
fn endpoint_type_idents(endpoints: &[Endpoint]) -> BTreeMap<usize, String> {
    let mut scope = Scope::new(Case::UpperCamel);
    let wishes =
        endpoints.iter().enumerate().map(|(i, e)| ((e.name.as_str(), i), naming::type_ident(&e.name))).collect();
    scope.assign(wishes).into_iter().map(|((_, i), type_ident)| (i, type_ident)).collect()
}

/// The features the endpoint needs: its area's and its body types'.
fn endpoint_features(plan: &Plan<'_>, endpoint: &Endpoint) -> BTreeSet<String> {
    let mut needed: BTreeSet<String> = [&endpoint.request_body, &endpoint.response_body]
        .into_iter()
        .flatten()
        .filter_map(|body| plan.feature_of(&body.type_name).map(String::from))
        .collect();
    needed.extend(plan.endpoint_area(endpoint).feature.clone());
    needed
}

/// One arm of the generated dispatch (plain data: tokens are made on the rendering thread).
#[derive(Debug)]
struct Arm {
    type_ident: String,
    features: BTreeSet<String>,
    source: String,
    endpoint: String,
    call: Call,
}

/// What to send and expect for one example, or why it cannot be sent.
fn plan_exchange(
    endpoint: &Endpoint,
    templates: &[PathTemplate],
    example: &ExampleUrl,
    predictions: &BTreeMap<&str, (bool, bool)>,
) -> Result<(Exchange, Call), String> {
    let schematic = crate::merge::is_schematic;
    if !example.matches {
        return Err("the URL matches none of the path templates".into());
    }
    if !example.method.eq_ignore_ascii_case(&endpoint.method) {
        return Err("the example's method is not the endpoint's".into());
    }
    let Some(response) = &example.response else {
        return Err("no example response follows the request".into());
    };
    let (path, query) = example.url.split_once('?').unwrap_or((&example.url, ""));
    let Some((template, params)) =
        templates.iter().filter(|t| !t.raw.contains('?')).find_map(|t| bind(path, t).map(|params| (t, params)))
    else {
        let reason = if templates.iter().any(|t| t.raw.contains('?')) {
            "the path template carries a query string"
        } else {
            "the URL fits a template only through a docs convention (`/me` for `/users/{id}`, letter case, a type cast)"
        };
        return Err(reason.into());
    };
    let body = match &endpoint.request_body {
        None if example.body.is_some() => return Err("the example sends a body the endpoint does not take".into()),
        None => BodyShape::None,
        Some(b) if b.type_name.eq_ignore_ascii_case(edm::STREAM) && !b.collection => {
            return Err("a raw-byte request body".into())
        }
        Some(_) if example.body.is_none() => return Err("the example request has no JSON body".into()),
        Some(_) if example.body.as_ref().is_some_and(schematic) => {
            return Err("the example request body is schematic (placeholders)".into())
        }
        Some(b) if b.collection => BodyShape::Many,
        Some(b) if b.type_name.eq_ignore_ascii_case(edm::STRING) => BodyShape::Text,
        Some(_) => BodyShape::One,
    };
    if !(200..300).contains(&response.status) {
        return Err("an error response".into());
    }
    let expect = match (&endpoint.response_body, &response.body) {
        (_, Some(body)) if schematic(body) => {
            return Err("the example response body is schematic (placeholders)".into())
        }
        (None, _) => "empty",
        (Some(b), _) if b.type_name.eq_ignore_ascii_case(edm::STREAM) && !b.collection => {
            return Err("a raw-byte response body".into())
        }
        (Some(_), None) => return Err("the example response has no body, but the endpoint documents one".into()),
        (Some(_), Some(_)) => match predictions.get(response.source.as_str()) {
            Some((false, _)) => "fails",
            Some((true, false)) => "deserializes",
            Some((true, true)) | None => "round-trip",
        },
    };
    let query = query_calls(endpoint, query);
    let exchange = Exchange {
        source: example.source.clone(),
        endpoint: endpoint.name.clone(),
        method: endpoint.method.to_ascii_uppercase(),
        url: example.url.clone(),
        request_body: example.body.clone().filter(|_| body != BodyShape::None).unwrap_or(serde_json::Value::Null),
        status: response.status,
        response_body: response.body.clone().unwrap_or(serde_json::Value::Null),
        expect,
    };
    Ok((exchange, Call { constructor: template.constructor.clone(), params, query, body }))
}

/// The path parameter values that make `template` build `path` exactly (both compared
/// percent-decoded, literal text case-sensitively; a value is never empty and holds no `/`),
/// in the constructor's order; `None` when it cannot. The first fit wins: `/a/{x}/b/{y}` and
/// `/a/1/b/2` give `["1", "2"]`.
pub(crate) fn bind(path: &str, template: &PathTemplate) -> Option<Vec<String>> {
    enum Seg {
        Lit(String),
        Param,
    }
    let segs: Vec<Seg> = template
        .pieces
        .iter()
        .map(|p| match p {
            Piece::Literal(text) => Seg::Lit(percent_decode(text)),
            Piece::Param(_) => Seg::Param,
        })
        .collect();
    fn walk(rest: &str, segs: &[Seg], out: &mut Vec<String>) -> bool {
        match segs.split_first() {
            None => rest.is_empty(),
            Some((Seg::Lit(lit), tail)) => rest.strip_prefix(lit.as_str()).is_some_and(|r| walk(r, tail, out)),
            Some((Seg::Param, tail)) => {
                let limit = rest.find('/').unwrap_or(rest.len());
                for end in (1..=limit).filter(|e| rest.is_char_boundary(*e)) {
                    out.push(rest[..end].to_string());
                    if walk(&rest[end..], tail, out) {
                        return true;
                    }
                    out.pop();
                }
                false
            }
        }
    }
    let mut values = Vec::new();
    walk(&percent_decode(path), &segs, &mut values).then_some(values)
}

/// `%XX` decoded (invalid escapes and non-UTF-8 results kept as written).
pub(crate) fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1).and_then(|b| hex(*b)), bytes.get(i + 2).and_then(|b| hex(*b))) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

/// The builder calls for a query string (`$select=a,b&$top=3`), in its order: the typed method
/// where the page documents the option and the value fits it, else `.query(name, value)`.
fn query_calls(endpoint: &Endpoint, query: &str) -> Vec<QueryCall> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            let (name, value) = (percent_decode(name), percent_decode(value));
            let documented = endpoint.query_options.contains(&name);
            let typed = match name.as_str() {
                _ if !documented => None,
                "$select" => Some(QueryCall::List("select", value.split(',').map(String::from).collect())),
                "$expand" => Some(QueryCall::List("expand", vec![value.clone()])),
                "$orderby" => Some(QueryCall::List("order_by", vec![value.clone()])),
                "$filter" => Some(QueryCall::Text("filter", value.clone())),
                "$search" => Some(QueryCall::Text("search", value.clone())),
                "$skiptoken" => Some(QueryCall::Text("skip_token", value.clone())),
                "$format" => Some(QueryCall::Text("format", value.clone())),
                "$top" => value.parse().ok().map(|n| QueryCall::Number("top", n)),
                "$skip" => value.parse().ok().map(|n| QueryCall::Number("skip", n)),
                "$count" => value.parse().ok().map(|b| QueryCall::Bool("count", b)),
                _ => None,
            };
            typed.unwrap_or(QueryCall::Generic(name, value))
        })
        .collect()
}

/// The dispatch arm of one exchange: its stub, keyed by the example's source.
fn arm(krate: &proc_macro2::Ident, arm: &Arm) -> Result<TokenStream, EmitError> {
    let call = &arm.call;
    let name = ident(&arm.type_ident, &arm.endpoint)?;
    let features: BTreeSet<&str> = arm.features.iter().map(String::as_str).collect();
    let cfg = Plan::cfg_attr(&features, None);
    let constructor = ident(&call.constructor, &arm.endpoint)?;
    let params = &call.params;
    let calls = call.query.iter().map(|q| {
        let method = |m: &str| proc_macro2::Ident::new(m, proc_macro2::Span::call_site());
        match q {
            QueryCall::List(m, values) => {
                let m = method(m);
                quote!(.#m(&[#(#values),*]))
            }
            QueryCall::Text(m, value) => {
                let m = method(m);
                quote!(.#m(#value))
            }
            QueryCall::Number(m, n) => {
                let m = method(m);
                quote!(.#m(#n))
            }
            QueryCall::Bool(m, b) => {
                let m = method(m);
                quote!(.#m(#b))
            }
            QueryCall::Generic(n, value) => quote!(.query(#n, #value)),
        }
    });
    let (read_body, body_arg, body_param) = match call.body {
        BodyShape::None => (quote!(), quote!(), quote!(_body)),
        BodyShape::One => (quote!(let body = json(body)?;), quote!(&body), quote!(body)),
        BodyShape::Many => (quote!(let body: Vec<_> = json(body)?;), quote!(body.as_slice()), quote!(body)),
        BodyShape::Text => (quote!(let body: String = json(body)?;), quote!(&body), quote!(body)),
    };
    let source = &arm.source;
    Ok(quote! {
        #cfg
        #source => Some(Stub {
            build: |base, #body_param| {
                #read_body
                built(#krate::endpoints::#name::#constructor(base, #(#params,)* #body_arg) #(#calls)* .build())
            },
            parse: |response| parsed(#krate::endpoints::#name::parse_response(response)),
        }),
    })
}

fn harness(crate_name: &str, arms: &[Arm]) -> Result<String, EmitError> {
    let docs = super::docs::inner_doc_attrs(
        "The docs' example exchanges (`tests/loopback.json`) over loopback: each request is built \
         by its endpoint's stub, sent with reqwest to a local axum server that answers with the \
         example response, and checked on both sides. Prints `loopback: N exchanges sent (...), \
         M skipped (...)` and fails listing every mismatch.",
    );
    // With the features of every exchange off, nothing calls the helpers.
    let docs = quote! { #docs #![allow(dead_code)] };
    let rendered = render_file("tests/loopback.rs", docs, &["dispatch"], |_| {
        let krate = ident(&crate_name.replace('-', "_"), crate_name)?;
        let arms: Vec<TokenStream> = arms.iter().map(|a| arm(&krate, a)).collect::<Result<_, _>>()?;
        let body = match_or_none(&ident("source", "dispatch")?, &arms);
        Ok((
            "dispatch".to_string(),
            quote! {
                use #krate::runtime::ResponseError;

                /// The stub of the exchange whose example request is at `source`; `None` when its
                /// endpoint's features are off.
                #[allow(clippy::match_single_binding)]
                fn stub(source: &str) -> Option<Stub> {
                    #body
                }
            },
        ))
    })?;
    Ok(format!("{rendered}{TEMPLATE}{}", super::examples::JSON_DIFFERENCE))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn template(raw: &str) -> PathTemplate {
        parse_paths(&[raw.to_string()]).remove(0)
    }

    #[test]
    fn parameters_come_from_the_url() {
        let t = template("/users/{id | userPrincipalName}/profile/addresses/{id}");
        assert_eq!(
            bind("/users/{userId}/profile/addresses/{id}", &t),
            Some(vec!["{userId}".to_string(), "{id}".to_string()])
        );
        assert_eq!(
            bind("/users/a%40b.com/profile/addresses/42", &t),
            Some(vec!["a@b.com".to_string(), "42".to_string()])
        );
        // `/me` is `/users/{id}` only by convention: the stub would send another path.
        assert_eq!(bind("/me/profile/addresses/42", &t), None);
        assert_eq!(bind("/users/x/profile/Addresses/42", &t), None);
        assert_eq!(bind("/users//profile/addresses/42", &t), None);
        assert_eq!(bind("/users/x/profile/addresses/42/more", &t), None);
        assert_eq!(bind("/me/profile/account", &template("/me/profile/account")), Some(vec![]));
        // Parameters inside a segment: OData keys and function arguments.
        assert_eq!(bind("/users(id='a b')", &template("/users(id='{id}')")), Some(vec!["a b".to_string()]));
        assert_eq!(
            bind("/range/rowsAbove(count=2)", &template("/range/rowsAbove(count=n)")),
            Some(vec!["2".to_string()])
        );
    }

    #[test]
    fn query_options_use_the_typed_methods_the_page_documents() {
        let endpoint = Endpoint {
            name: "list".into(),
            title: None,
            description: None,
            method: "GET".into(),
            paths: vec!["/me/events".into()],
            request_body: None,
            response_body: None,
            success_status: 200,
            sources: Vec::new(),
            area: None,
            query_options: vec!["$select".into(), "$top".into(), "$count".into()],
            request_headers: Vec::new(),
            example_urls: Vec::new(),
        };
        assert_eq!(
            query_calls(&endpoint, "$select=subject,start&$top=3&$count=maybe&$filter=a%20eq%201"),
            [
                QueryCall::List("select", vec!["subject".into(), "start".into()]),
                QueryCall::Number("top", 3),
                QueryCall::Generic("$count".into(), "maybe".into()),
                QueryCall::Generic("$filter".into(), "a eq 1".into()),
            ]
        );
    }

    #[test]
    fn exchanges_are_sent_or_skipped_with_a_reason() {
        let body = |t: &str| Some(crate::ir::BodyRef { type_name: t.into(), collection: false });
        let endpoint = Endpoint {
            name: "update".into(),
            title: None,
            description: None,
            method: "PATCH".into(),
            paths: vec!["/me/things/{id}".into(), "/users/{id}/things/{id}".into()],
            request_body: body("microsoft.graph.thing"),
            response_body: body("microsoft.graph.thing"),
            success_status: 200,
            sources: Vec::new(),
            area: None,
            query_options: Vec::new(),
            request_headers: Vec::new(),
            example_urls: Vec::new(),
        };
        let templates = parse_paths(&endpoint.paths);
        let example = |url: &str, body: serde_json::Value, response: Option<serde_json::Value>| ExampleUrl {
            url: url.into(),
            matches: true,
            method: "PATCH".into(),
            source: "api/x.md:10".into(),
            body: Some(body),
            response: Some(crate::ir::ExampleResponse { status: 200, body: response, source: "api/x.md:20".into() }),
        };
        let predictions = BTreeMap::from([("api/x.md:20", (true, false))]);
        let plan = |e: &ExampleUrl| plan_exchange(&endpoint, &templates, e, &predictions);
        let good = example("/users/u1/things/t1", serde_json::json!({"a": 1}), Some(serde_json::json!({"id": "t1"})));
        let (exchange, call) = plan(&good).expect("sent");
        assert_eq!(
            (call.constructor.as_str(), call.params.as_slice()),
            ("users", &["u1".to_string(), "t1".into()][..])
        );
        assert_eq!(exchange.expect, "deserializes");
        assert_eq!(call.body, BodyShape::One);
        let reason = |e: &ExampleUrl| plan(e).err().unwrap_or_default();
        assert!(reason(&example("/me/things/1", serde_json::json!({"a": "String"}), None))
            .contains("request body is schematic"));
        assert!(reason(&example("/me/things/1", serde_json::json!({}), Some(serde_json::json!({"d": "Date"}))))
            .contains("response body is schematic"));
        assert!(reason(&example("/me/things/1", serde_json::json!({}), None)).contains("has no body"));
        assert!(reason(&ExampleUrl { response: None, ..good.clone() }).contains("no example response"));
        assert!(reason(&ExampleUrl { matches: false, ..good.clone() }).contains("matches none"));
        assert!(reason(&ExampleUrl { method: "POST".into(), ..good.clone() }).contains("method"));
    }
}
