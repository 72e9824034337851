//! API pages: the operation (method, path templates, bodies, status) and its examples.

use super::http::{
    example_path, example_target, is_service_url, matches_template, parse_message, request_lines, HttpMessage,
};
use super::sections::{intro, Outline, PageKind};
use super::text::{representation_of, response_type, success_status};
use super::{EndpointFact, ExampleFact, PageFacts, Place, TypeMention};
use crate::diagnostics::{Code, Pos, Sink};
use crate::json::{parse_lenient, Origin};
use crate::page::{BlockKind, CodeBlock, Page};

/// Fills `facts.endpoint` and the page's examples, for API pages.
pub fn extract_endpoint(page: &Page, outline: &Outline, facts: &mut PageFacts, sink: &mut Sink) {
    if outline.kind != PageKind::Api {
        return;
    }
    let place = |pos: Pos| Place { file: page.path.clone(), pos };
    let mut method = None;
    let mut paths: Vec<String> = Vec::new();
    let mut request_body = None;
    let mut no_request_body = false;
    let mut response_body = None;
    // Where the prose names the response body.
    let mut response_pos = None;
    let mut status = None;
    let mut http_section_pos = None;
    let in_http_request = http_request_blocks(page, outline);
    let mut query = QueryOptions::default();
    let mut request_headers: Vec<String> = Vec::new();
    for (i, block) in page.blocks.iter().enumerate() {
        let section = outline.section[i].as_str();
        if section.starts_with("optional query parameters") || section == "query parameters" {
            query.read(&block.kind);
        }
        if section.starts_with("request headers") {
            if let BlockKind::Table(table) = &block.kind {
                for name in
                    table.rows.iter().filter_map(|r| r.cells.first()).filter_map(|c| header_name(&c.content.text))
                {
                    if !request_headers.iter().any(|h| h.eq_ignore_ascii_case(&name)) {
                        request_headers.push(name);
                    }
                }
            }
        }
        match &block.kind {
            BlockKind::Heading { .. } if in_http_request[i] && http_section_pos.is_none() => {
                http_section_pos = Some(block.pos);
            }
            BlockKind::Code(code) if in_http_request[i] => {
                for (m, target, _) in request_lines(&code.text, code.content_pos) {
                    if method.get_or_insert_with(|| m.clone()) == &m {
                        let path = if target.contains("://") { example_path(&target) } else { target };
                        // `policies/tokenLifetimePolicies`: the leading slash is sometimes left out.
                        let path = if path.starts_with('/') { path } else { format!("/{path}") };
                        if !paths.contains(&path) {
                            paths.push(path);
                        }
                    }
                }
            }
            BlockKind::Paragraph(inline) if section.starts_with("request body") => {
                let lower = inline.text.to_ascii_lowercase();
                if lower.contains("do not supply a request body") || lower.contains("don't supply a request body") {
                    no_request_body = true;
                }
                if request_body.is_none() {
                    request_body = representation_of(&inline.text).map(|b| linked_type(inline, b));
                }
            }
            BlockKind::Paragraph(inline) if section == "response" || section == "responses" => {
                if status.is_none() {
                    status = success_status(&inline.text);
                }
                if response_body.is_none() {
                    response_body = response_type_loose(&inline.text).map(|b| linked_type(inline, b));
                    response_pos = response_body.as_ref().map(|_| block.pos);
                }
            }
            _ => {}
        }
    }
    if no_request_body {
        request_body = None;
    }
    let Some(method) = method else {
        let pos = http_section_pos.unwrap_or(Pos::new(1, 1));
        sink.push(
            &page.path,
            pos,
            Code::NoHttpRequest,
            "API page has no `METHOD /path` line under `HTTP request`; no endpoint was generated for it",
        );
        examples(page, outline, &[], &request_body, &response_body, facts, sink);
        return;
    };
    let seen = examples(page, outline, &paths, &request_body, &response_body, facts, sink);
    if let (Some((type_name, true)), Some(pos)) = (&response_body, response_pos) {
        if let Some(why) = one_not_many(&method, &paths, &seen) {
            sink.push(
                &page.path,
                pos,
                Code::CollectionMismatch,
                format!(
                    "the response is described as a collection of `{type_name}`, but every example response shows \
                     one and {why}; it was read as one `{type_name}`"
                ),
            );
            response_body = Some((type_name.clone(), false));
            for &i in &seen.response_examples {
                if let Some(example) = facts.examples.get_mut(i) {
                    example.collection = false;
                }
            }
        }
    }
    if response_body.is_none() {
        response_body = seen.response_type;
    }
    if request_body.is_none() && !no_request_body {
        // No prose names the body: the example request's own `@odata.type` does.
        request_body = seen.request_odata_type.map(|t| (t, false));
    }
    // The update pages often name what they change only in their title ("Update user").
    let updated_type = (request_body.is_none() && !no_request_body && method == "PATCH")
        .then(|| outline.title.as_deref().and_then(updated_type))
        .flatten();
    let example_status = seen.status;
    let success_status = status.or(example_status);
    if success_status.is_none() {
        sink.push(
            &page.path,
            http_section_pos.unwrap_or(Pos::new(1, 1)),
            Code::NoStatus,
            "no success status in the Response section or the example response; 200 was assumed",
        );
    }
    facts.endpoint = Some(EndpointFact {
        title: outline.title.clone().and_then(|t| super::text::without_placeholders(&t)),
        description: intro(page),
        method,
        paths,
        request_body,
        updated_type,
        response_body,
        success_status: Some(success_status.unwrap_or(200)),
        place: place(http_section_pos.unwrap_or(Pos::new(1, 1))),
        query_options: query.options(),
        request_headers,
        example_urls: seen.example_urls,
    });
}

/// Per block: whether it is under an `HTTP request` heading, a level-2 section or, on pages
/// that document several variants each in its own section (`## Get a user's OneDrive` /
/// `### HTTP request`), a level-3 one.
fn http_request_blocks(page: &Page, outline: &Outline) -> Vec<bool> {
    let mut sub: Option<String> = None;
    let mut last_section: Option<&str> = None;
    page.blocks
        .iter()
        .enumerate()
        .map(|(i, block)| {
            let section = outline.section[i].as_str();
            if last_section != Some(section) {
                sub = None;
                last_section = Some(section);
            }
            if let BlockKind::Heading { level: 3, text } = &block.kind {
                if !text.links.iter().any(|l| l.target.starts_with("#tab/")) {
                    sub = Some(text.text.trim().to_ascii_lowercase());
                }
            }
            section.starts_with("http request") || sub.as_deref().is_some_and(|s| s.starts_with("http request"))
        })
        .collect()
}

/// `Prefer: outlook.timezone` -> `Prefer`: the header a `Request headers` row names, if the
/// cell holds a header name.
fn header_name(cell: &str) -> Option<String> {
    let name = cell.split(':').next().unwrap_or("").trim().trim_matches(['`', '*']);
    let ok = name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && !matches!(name.to_ascii_lowercase().as_str(), "name" | "header" | "none");
    ok.then(|| name.to_string())
}

/// What an `Optional query parameters` section says: the system query options it names in
/// sentences that do not deny them, or that the method "supports the OData query parameters"
/// without naming any.
#[derive(Debug, Default)]
struct QueryOptions {
    named: Vec<String>,
    denied: Vec<String>,
    supports_all: bool,
}

impl QueryOptions {
    fn read(&mut self, kind: &BlockKind) {
        match kind {
            BlockKind::Paragraph(inline) => {
                for sentence in inline.text.split(". ") {
                    let lower = sentence.to_ascii_lowercase();
                    let negative = lower.contains(" not ") || lower.contains("n't ") || lower.contains("not supported");
                    let options = option_mentions(sentence);
                    if negative {
                        self.denied.extend(options);
                    } else if options.is_empty() {
                        if lower.contains("supports") && lower.contains("query parameters") {
                            self.supports_all = true;
                        }
                    } else {
                        self.named.extend(options);
                    }
                }
            }
            BlockKind::Table(table) => {
                for cell in table.rows.iter().filter_map(|r| r.cells.first()) {
                    self.named.extend(option_mentions(&cell.content.text));
                }
            }
            _ => {}
        }
    }

    /// The options, in the order of [`crate::ir::QUERY_OPTIONS`].
    fn options(&self) -> Vec<String> {
        let named: Vec<&String> = self.named.iter().filter(|o| !self.denied.contains(o)).collect();
        crate::ir::QUERY_OPTIONS
            .iter()
            .filter(|o| {
                if named.is_empty() {
                    self.supports_all && self.denied.is_empty()
                } else {
                    named.iter().any(|n| n == *o)
                }
            })
            .map(|o| o.to_string())
            .collect()
    }
}

/// The system query options a text names: `$select`, `$orderBy`, or the bare `select` /
/// `expand` some pages write before "query parameter".
fn option_mentions(text: &str) -> Vec<String> {
    let words = text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '$'));
    words
        .filter_map(|w| {
            let lower = w.to_ascii_lowercase();
            let with_dollar = if lower.starts_with('$') { lower } else { format!("${lower}") };
            let known = crate::ir::QUERY_OPTIONS.contains(&with_dollar.as_str());
            // Bare words only count when they cannot be prose: `select` and `expand`.
            (known && (w.starts_with('$') || matches!(with_dollar.as_str(), "$select" | "$expand" | "$orderby")))
                .then_some(with_dollar)
        })
        .collect()
}

/// The response type as [`response_type`] reads it, also when a participle or adjective stands
/// before the type's name, as the docs write it for most operations: "and the requested X
/// objects", "and a new X object", "and an updated X object", "and
/// the newly created X resource", "and an instance of the X resource in the body"; "a list of X
/// objects" is a collection of X.
fn response_type_loose(text: &str) -> Option<(String, bool)> {
    const FILLERS: &[(&str, &str)] = &[
        (" and the list of ", " and a collection of "),
        (" and a list of ", " and a collection of "),
        (" the newly created ", " the "),
        (" the requested ", " the "),
        (" the created ", " the "),
        (" the updated ", " the "),
        (" the restored ", " the "),
        (" the single ", " the "),
        (" the new ", " the "),
        (" a new ", " a "),
        (" an updated ", " a "),
        (" an instance of the ", " a "),
        (" in the body", " in the response body"),
    ];
    response_type(text)
        .or_else(|| {
            let mut loose = text.to_string();
            for (filler, plain) in FILLERS {
                // Most fillers are not there: the text is copied only for those that are.
                if loose.contains(filler) {
                    loose = loose.replacen(filler, plain, 1);
                }
            }
            (loose != text).then(|| response_type(&loose)).flatten()
        })
        .or_else(|| returns_collection_of(text))
}

/// "This method returns a collection of X resources (that ...)": the collection the operation
/// answers with, said without naming the response body.
fn returns_collection_of(text: &str) -> Option<(String, bool)> {
    const MARKER: &str = "returns a collection of ";
    let at = text.to_ascii_lowercase().find(MARKER)? + MARKER.len();
    let mut words = text[at..].split_whitespace();
    let name = words.next()?.trim_matches(['`', '*']);
    let noun = words.next()?.trim_end_matches(['.', ',']).to_ascii_lowercase();
    (matches!(noun.as_str(), "resources" | "objects") && super::type_cell::is_type_name(name))
        .then(|| (name.to_string(), true))
}

/// When the phrase's word is the text of a link to a resource page (`[tabs](../resources/teamstab.md)`),
/// the page names the type: its file stem, which matches the type name but for letter case.
fn linked_type(inline: &crate::page::Inline, (name, collection): (String, bool)) -> (String, bool) {
    let page = inline.links.iter().find(|l| l.text.trim().trim_matches(['`', '*']) == name).and_then(|l| {
        let target = l.target.split(['#', '?']).next().unwrap_or("");
        let file = target.rsplit('/').next()?;
        let stem = file.strip_suffix(".md")?;
        let in_resources = target.contains("resources/") || !target.contains('/');
        (in_resources && super::type_cell::is_type_name(stem) && !stem.eq_ignore_ascii_case(&name))
            .then(|| stem.to_string())
    });
    (page.unwrap_or(name), collection)
}

/// What the examples tell about the operation when its prose does not.
#[derive(Debug, Default)]
struct ExampleSummary {
    /// The status line of the first example response.
    status: Option<u16>,
    /// The response annotation's `@odata.type` and `isCollection`.
    response_type: Option<(String, bool)>,
    /// The top-level `@odata.type` of the first example request body.
    request_odata_type: Option<String>,
    /// Every example request to the service, whether it matches a path template, and the
    /// example response paired with it.
    example_urls: Vec<crate::ir::ExampleUrl>,
    /// The first response annotation's `isCollection` (or `Collection(...)`), when it says.
    said_collection: Option<bool>,
    /// How many example response bodies show one object, and how many a page or an array.
    single_bodies: usize,
    many_bodies: usize,
    /// The response examples recorded (indices into `PageFacts::examples`).
    response_examples: Vec<usize>,
}

/// Why a response the prose calls a collection is one object, if the page shows it: every
/// example response body is one object (not `{"value": [...]}`), there is at least one, and
/// either the response annotation says `"isCollection": false` or the operation is a GET
/// whose every path ends in a key segment (`/chats/{chat-id}`), which addresses one item.
fn one_not_many(method: &str, paths: &[String], seen: &ExampleSummary) -> Option<&'static str> {
    if seen.single_bodies == 0 || seen.many_bodies > 0 || seen.said_collection == Some(true) {
        return None;
    }
    if seen.said_collection == Some(false) {
        return Some("the response annotation says `\"isCollection\": false`");
    }
    let keyed = !paths.is_empty() && paths.iter().all(|p| p.trim_end_matches('/').ends_with('}'));
    (method.eq_ignore_ascii_case("GET") && keyed)
        .then_some("every path of the GET ends in a key, which addresses one item")
}

/// Reads the example blocks: checks request URLs against `paths`, records typed bodies and
/// `@odata.type` mentions.
fn examples(
    page: &Page,
    outline: &Outline,
    paths: &[String],
    request_type: &Option<(String, bool)>,
    response_type: &Option<(String, bool)>,
    facts: &mut PageFacts,
    sink: &mut Sink,
) -> ExampleSummary {
    let in_http_request = http_request_blocks(page, outline);
    let sections = &outline.section;
    let mut seen = ExampleSummary::default();
    // Whether the page has shown a request example yet: a response before any is reported.
    let mut request_seen = false;
    // The example request (index into `seen.example_urls`) the next response answers: the last
    // request shown, unless a response or a request that is not recorded came after it.
    let mut awaiting: Option<usize> = None;
    for (i, block) in page.blocks.iter().enumerate() {
        let BlockKind::Code(code) = &block.kind else { continue };
        let message = parse_message(&code.text, code.content_pos);
        let block_type = code.annotation.as_ref().and_then(|a| a.str("blockType")).unwrap_or("");
        // `### HTTP request` inside an example holds the example's request; some pages annotate
        // their one request line as the example.
        if in_http_request[i] {
            request_seen |= (block_type == "request" || sections[i].starts_with("example"))
                && matches!(message, Some(HttpMessage::Request { .. }));
            continue;
        }
        // A request shown only in an ignored block or an interactive fence is still a request.
        let interactive = code.lang.as_deref().is_some_and(|l| l.starts_with("msgraph"));
        if (block_type == "ignored" || interactive) && !matches!(message, Some(HttpMessage::Response { .. })) {
            request_seen = true;
        }
        if block_type == "ignored" || block_type == "resource" {
            // What follows an ignored request answers that request, not an earlier one.
            if block_type == "ignored" && matches!(message, Some(HttpMessage::Request { .. })) {
                awaiting = None;
            }
            continue;
        }
        if let Some(a) = &code.annotation {
            if let Some(t) = a.str("@odata.type") {
                facts.mentions.push(TypeMention::odata_type(t, Place { file: page.path.clone(), pos: a.pos }));
            }
        }
        record_odata_mentions(page, code, facts);
        let Some(message) = message else { continue };
        match message {
            HttpMessage::Request { method, target, target_pos, body } => {
                request_seen = true;
                let path = example_path(&target);
                let service = is_service_url(&target);
                let matches = paths.iter().any(|t| matches_template(&path, t));
                awaiting = None;
                if service && !paths.is_empty() {
                    awaiting = Some(seen.example_urls.len());
                    seen.example_urls.push(crate::ir::ExampleUrl {
                        url: example_target(&target),
                        matches,
                        method,
                        source: format!("{}:{}", page.path, target_pos.line),
                        body: None,
                        response: None,
                    });
                }
                if service && !paths.is_empty() && !matches {
                    sink.push(
                        &page.path,
                        target_pos,
                        Code::UrlMismatch,
                        format!(
                            "example request URL `{target}` matches none of the page's path templates ({}); the example is kept for its body only",
                            paths.iter().map(|p| format!("`{p}`")).collect::<Vec<_>>().join(", ")
                        ),
                    );
                }
                if let Some(body) = body {
                    let origin = Origin { file: &page.path, start: body.start };
                    if let Some(value) = parse_lenient(&body.text, origin, sink) {
                        if let Some(url) = awaiting.and_then(|i| seen.example_urls.get_mut(i)) {
                            url.body = Some(value.clone());
                        }
                        if seen.request_odata_type.is_none() {
                            seen.request_odata_type = value
                                .get("@odata.type")
                                .and_then(|t| t.as_str())
                                .map(|t| t.trim().trim_start_matches('#').to_string())
                                .filter(|t| super::type_cell::is_type_name(t));
                        }
                        let (type_name, collection) = match request_type {
                            Some((t, c)) => (Some(t.clone()), *c),
                            None => (None, value.is_array()),
                        };
                        facts.examples.push(ExampleFact {
                            type_name,
                            collection,
                            value,
                            place: Place { file: page.path.clone(), pos: body.start },
                            representation: false,
                            annotated: None,
                            location: None,
                        });
                    }
                }
            }
            HttpMessage::Response { status: s, location, body } => {
                if !request_seen {
                    sink.push(
                        &page.path,
                        block.pos,
                        Code::ResponseWithoutRequest,
                        "example response with no request example before it on the page; it is kept as an \
                         example of the response type only",
                    );
                }
                seen.status.get_or_insert(s);
                // The response of the request shown last; `body` is filled in below.
                let answered = awaiting.take().and_then(|i| seen.example_urls.get_mut(i)).map(|url| {
                    let source = format!("{}:{}", page.path, body.as_ref().map_or(block.pos, |b| b.start).line);
                    url.response.insert(crate::ir::ExampleResponse { status: s, body: None, source })
                });
                // `Collection(microsoft.graph.site)` says both the type and the collection.
                let odata_type = code.annotation.as_ref().and_then(|a| a.str("@odata.type")).map(super::collection_of);
                let is_collection = code.annotation.as_ref().and_then(|a| a.bool("isCollection"));
                let annotated = odata_type.and_then(|(t, wrapped)| {
                    let t = t.trim_start_matches('#');
                    super::type_cell::is_type_name(t)
                        .then(|| (t.to_string(), wrapped || is_collection.unwrap_or(false)))
                });
                if seen.response_type.is_none() {
                    seen.response_type = annotated.clone();
                }
                if seen.said_collection.is_none() {
                    seen.said_collection = odata_type.filter(|(_, wrapped)| *wrapped).map(|_| true).or(is_collection);
                }
                if let Some(body) = body {
                    let origin = Origin { file: &page.path, start: body.start };
                    if let Some(value) = parse_lenient(&body.text, origin, sink) {
                        match &value {
                            serde_json::Value::Object(obj)
                                if !matches!(obj.get("value"), Some(serde_json::Value::Array(_))) =>
                            {
                                seen.single_bodies += 1
                            }
                            serde_json::Value::Object(_) | serde_json::Value::Array(_) => seen.many_bodies += 1,
                            _ => {}
                        }
                        seen.response_examples.push(facts.examples.len());
                        if let Some(response) = answered {
                            response.body = Some(value.clone());
                        }
                        let own = annotated.as_ref().map(|(t, _)| t.clone());
                        let (type_name, collection) = match response_type.clone().or(annotated) {
                            Some((t, c)) => (Some(t), c),
                            None => (None, false),
                        };
                        facts.examples.push(ExampleFact {
                            annotated: own.filter(|t| type_name.as_ref() != Some(t)),
                            type_name,
                            collection,
                            value,
                            place: Place { file: page.path.clone(), pos: body.start },
                            representation: false,
                            // A 202's `Location` is a status monitor, not the object shown.
                            location: location
                                .filter(|l| matches!(s, 200 | 201) && is_service_url(l))
                                .map(|l| example_path(&l)),
                        });
                    }
                }
            }
        }
    }
    seen
}

/// Every `"@odata.type": "..."` in a block, with the position of its value.
fn record_odata_mentions(page: &Page, code: &CodeBlock, facts: &mut PageFacts) {
    const KEY: &str = "\"@odata.type\"";
    let text = code.text.as_str();
    let bytes = text.as_bytes();
    // The key is searched in the whole block at once (most lines of an example have none),
    // then read on its line: the first on each line counts, as a line is read once.
    let (mut line_no, mut counted_to, mut last_line) = (0usize, 0usize, None);
    for at in memchr::memmem::find_iter(bytes, KEY) {
        line_no += memchr::memchr_iter(b'\n', &bytes[counted_to..at]).count();
        counted_to = at;
        if last_line == Some(line_no) {
            continue;
        }
        last_line = Some(line_no);
        let line_start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1);
        let line_end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |i| at + i);
        let line = text[line_start..line_end].trim_end_matches('\r');
        let key = at - line_start;
        let rest = &line[key + KEY.len()..];
        let Some(colon) = rest.find(':') else { continue };
        let after = &rest[colon + 1..];
        let Some(q1) = after.find('"') else { continue };
        let Some(q2) = after[q1 + 1..].find('"') else { continue };
        let value = &after[q1 + 1..q1 + 1 + q2];
        let byte_col = key + KEY.len() + colon + 1 + q1;
        let col = line[..byte_col].chars().count() as u32;
        let pos = if line_no == 0 {
            Pos::new(code.content_pos.line, code.content_pos.column + col)
        } else {
            Pos::new(code.content_pos.line + line_no as u32, col + 1)
        };
        facts.mentions.push(TypeMention::odata_type(value, Place { file: page.path.clone(), pos }));
    }
}

/// The type an update page's title names: `Update educationClass` gives `educationClass`.
/// Only a single word shaped like a type name (a lower-case letter first, then letters and
/// digits), so that "Update a user's photo" or "Update group settings" give nothing.
fn updated_type(title: &str) -> Option<String> {
    let title = title.trim();
    let rest = title.get(..7).filter(|p| p.eq_ignore_ascii_case("update "))?;
    let name = title[rest.len()..].trim().trim_matches('`');
    let mut chars = name.chars();
    (chars.next()?.is_ascii_lowercase() && chars.all(|c| c.is_ascii_alphanumeric()) && name != "a" && name != "an")
        .then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use crate::extract::extract_page;
    use crate::read::read_page;

    const PAGE: &str = "---\ntitle: \"Update widget\"\ndoc_type: apiPageType\n---\n\n# Update widget\n\nNamespace: microsoft.graph\n\nUpdate a widget.\n\n## HTTP request\n\n```http\nPATCH /widgets/{id}\n```\n\n## Request body\n\nIn the request body, supply the values to update.\n\n## Response\n\nIf successful, this method returns a `204 No Content` response code.\n\n## Example\n\n<!-- { \"blockType\": \"request\", \"name\": \"update_widget\" } -->\n```http\nPATCH https://graph.microsoft.com/v1.0/widgets/42\nContent-type: application/json\n\n{\n  \"@odata.type\": \"#microsoft.graph.widget\",\n  \"size\": 3\n}\n```\n\n<!-- { \"blockType\": \"response\" } -->\n```http\nHTTP/1.1 204 No Content\n```\n";

    #[test]
    fn odata_types_in_examples_are_mentioned_where_they_stand() {
        // Two keys on one line (the first counts), CRLF line ends, a key with no value.
        let body =
            "{\r\n  \"@odata.type\": \"#microsoft.graph.a\", \"x\": {\"@odata.type\": \"#microsoft.graph.b\"},\r\n  \
                    \"y\": {\"@odata.type\":\r\n  \"@odata.type\": \"#microsoft.graph.c\"}\r\n}";
        let page = PAGE.replace("{\n  \"@odata.type\": \"#microsoft.graph.widget\",\n  \"size\": 3\n}", body);
        let facts = extract_page(&read_page("update.md", page.as_bytes()));
        let found: Vec<(&str, u32, u32)> = facts
            .mentions
            .iter()
            .filter(|m| m.odata_type)
            .map(|m| (m.name.as_str(), m.place.pos.line, m.place.pos.column))
            .collect();
        let first = found.first().map_or(0, |f| f.1);
        assert_eq!(
            found,
            [("#microsoft.graph.a", first, 18), ("#microsoft.graph.c", first + 2, 18)],
            "{:#?}",
            facts.mentions
        );
    }

    #[test]
    fn a_collection_the_examples_show_as_one_object_is_one_object() {
        let page = |path: &str, annotation: &str, body: &str| {
            format!(
                "---\ntitle: \"Get widget\"\n---\n\n# Get widget\n\nNamespace: microsoft.graph\n\n## HTTP request\n\n\
                 ```http\nGET {path}\n```\n\n## Response\n\nIf successful, this method returns a `200 OK` response code and a \
                 collection of [widget](../resources/widget.md) objects in the response body.\n\n## Example\n\n\
                 <!-- {{ \"blockType\": \"request\", \"name\": \"get_widget\" }} -->\n```http\nGET https://graph.microsoft.com/v1.0{path}\n```\n\n\
                 <!-- {{ \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.widget\"{annotation} }} -->\n\
                 ```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{body}\n```\n"
            )
        };
        let read = |text: String| {
            let facts = extract_page(&read_page("api/widget-get.md", text.as_bytes()));
            let response = facts.endpoint.as_ref().and_then(|e| e.response_body.clone());
            let told: Vec<String> = facts
                .diagnostics
                .iter()
                .filter(|d| d.code == crate::Code::CollectionMismatch)
                .map(|d| format!("{}:{}: {}", d.line, d.column, d.message))
                .collect();
            let collection = facts.examples.iter().map(|e| e.collection).collect::<Vec<_>>();
            (response.map(|r| r.1), told, collection)
        };
        let one = r#"{"id": "1", "size": 3}"#;
        // A GET of one item by its key: one object, said where the prose is.
        let (collection, told, examples) = read(page("/widgets/{widget-id}", "", one));
        assert_eq!((collection, examples), (Some(false), vec![false]));
        assert_eq!(told.len(), 1, "{told:?}");
        assert!(told[0].starts_with("17:1: the response is described as a collection of `widget`"), "{told:?}");
        assert!(told[0].contains("ends in a key"), "{told:?}");
        // Or the annotation says so.
        let (collection, told, _) = read(page("/widgets/{widget-id}/parts", ", \"isCollection\": false", one));
        assert_eq!(collection, Some(false));
        assert!(told.len() == 1 && told[0].contains("`\"isCollection\": false`"), "{told:?}");
        // A list whose one example shows one item is still a list; so is a page, or a
        // collection the annotation states.
        for (path, annotation, body) in [
            ("/widgets", "", one),
            ("/widgets/{widget-id}", "", r#"{"value": [{"id": "1"}]}"#),
            ("/widgets/{widget-id}", ", \"isCollection\": true", one),
        ] {
            let (collection, told, _) = read(page(path, annotation, body));
            assert_eq!(collection, Some(true), "{path} {annotation} {body}");
            assert!(told.is_empty(), "{told:?}");
        }
    }

    #[test]
    fn a_collection_annotation_mentions_the_type_it_lists() {
        let page = PAGE.replace(
            "<!-- { \"blockType\": \"response\" } -->",
            "<!-- { \"blockType\": \"response\", \"@odata.type\": \" Collection(microsoft.graph.widget)\" } -->",
        );
        let facts = extract_page(&read_page("update.md", page.as_bytes()));
        let annotated: Vec<&str> = facts
            .mentions
            .iter()
            .filter(|m| m.odata_type && !m.name.starts_with('#'))
            .map(|m| m.name.as_str())
            .collect();
        assert_eq!(annotated, ["microsoft.graph.widget"], "{:#?}", facts.mentions);
    }

    #[test]
    fn request_body_type_falls_back_to_the_examples_odata_type() {
        let facts = extract_page(&read_page("update.md", PAGE.as_bytes()));
        let e = facts.endpoint.expect("an endpoint");
        assert_eq!(e.method, "PATCH");
        assert_eq!(e.paths, ["/widgets/{id}"]);
        assert_eq!(e.request_body, Some(("microsoft.graph.widget".to_string(), false)));
        assert_eq!(e.response_body, None);
        assert_eq!(e.success_status, Some(204));
        assert_eq!(e.title.as_deref(), Some("Update widget"));
        assert!(facts.diagnostics.is_empty(), "{:#?}", facts.diagnostics);
    }

    #[test]
    fn an_update_page_names_its_body_type_in_its_title() {
        let page = PAGE.replace("  \"@odata.type\": \"#microsoft.graph.widget\",\n", "");
        let e = extract_page(&read_page("update.md", page.as_bytes())).endpoint.expect("an endpoint");
        assert_eq!((e.request_body, e.updated_type.as_deref()), (None, Some("widget")));
        // Named by the example: the title is not needed.
        let e = extract_page(&read_page("update.md", PAGE.as_bytes())).endpoint.expect("an endpoint");
        assert_eq!(e.updated_type, None);
        use super::updated_type;
        assert_eq!(updated_type("Update educationClass").as_deref(), Some("educationClass"));
        assert_eq!(updated_type("update `plannerTask`").as_deref(), Some("plannerTask"));
        for title in
            ["Update a user's photo", "Update group settings", "Update", "Update Widget", "Updated x", "Update a"]
        {
            assert_eq!(updated_type(title), None, "{title}");
        }
    }

    #[test]
    fn response_types_behind_participles_and_without_the_words_response_body() {
        use super::response_type_loose as r;
        let t = |n: &str, c: bool| Some((n.to_string(), c));
        assert_eq!(
            r("If successful, this method returns a 200 OK response code and the requested offerShiftRequest objects in the response body."),
            t("offerShiftRequest", true)
        );
        assert_eq!(
            r("If successful, this method returns a 201 Created response code and a new chat object in the response body."),
            t("chat", false)
        );
        assert_eq!(
            r("If successful, this method returns a 200 OK response code and a list of teamsApp objects in the response body."),
            t("teamsApp", true)
        );
        assert_eq!(
            r("If successful, this method returns a 201 Created response code and an instance of the teamsTab resource in the body."),
            t("teamsTab", false)
        );
        assert_eq!(
            r("This method returns a collection of site resources that the user is following."),
            t("site", true)
        );
        // "and updated X object" is left alone: such a 200 is often the alternative to a 204.
        assert_eq!(r("It returns 204 No Content. With a Prefer header, a 200 OK response code and updated plannerTask object in the response body."), None);
        assert_eq!(r("This method returns a collection of the items that match."), None);
    }

    #[test]
    fn example_requests_are_paired_with_the_responses_that_follow_them() {
        let facts = extract_page(&read_page("update.md", PAGE.as_bytes()));
        let e = facts.endpoint.expect("an endpoint");
        assert_eq!(
            e.example_urls,
            [crate::ir::ExampleUrl {
                url: "/widgets/42".into(),
                matches: true,
                method: "PATCH".into(),
                source: "update.md:30".into(),
                body: Some(serde_json::json!({"@odata.type": "#microsoft.graph.widget", "size": 3})),
                response: Some(crate::ir::ExampleResponse { status: 204, body: None, source: "update.md:40".into() }),
            }]
        );
        // Two examples: each response answers the request before it, with its body and the
        // body's line; a request to another host is not an example of the API, and the
        // response after it answers nothing.
        let second = "\n### Example 2\n\n<!-- { \"blockType\": \"request\" } -->\n```http\nGET https://graph.microsoft.com/v1.0/widgets/7?$select=size\n```\n\n<!-- { \"blockType\": \"response\" } -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{\"size\": 1}\n```\n\n<!-- { \"blockType\": \"request\" } -->\n```http\nPOST https://bot.contoso.com/api/calls\n```\n\n<!-- { \"blockType\": \"response\" } -->\n```http\nHTTP/1.1 202 Accepted\n```\n";
        let page = format!("{PAGE}{second}").replace("PATCH /widgets/{id}", "PATCH /widgets/{id}\nGET /widgets/{id}");
        let facts = extract_page(&read_page("update.md", page.as_bytes()));
        let urls = facts.endpoint.expect("an endpoint").example_urls;
        assert_eq!(urls.len(), 2, "{urls:#?}");
        assert_eq!(
            (urls[1].url.as_str(), urls[1].method.as_str(), &urls[1].body),
            ("/widgets/7?$select=size", "GET", &None)
        );
        let response = urls[1].response.as_ref().expect("the second response");
        assert_eq!(response.status, 200);
        assert_eq!(response.body, Some(serde_json::json!({"size": 1})));
        assert_eq!(response.source, "update.md:57");
    }

    #[test]
    fn a_page_without_a_path_line_is_reported() {
        let page = PAGE.replace("PATCH /widgets/{id}", "(see below)");
        let facts = extract_page(&read_page("update.md", page.as_bytes()));
        assert!(facts.endpoint.is_none());
        assert!(
            facts.diagnostics.iter().any(|d| d.code == crate::Code::NoHttpRequest && d.line == 12),
            "{:#?}",
            facts.diagnostics
        );
    }

    #[test]
    fn a_response_with_no_request_is_reported() {
        let reported = |page: &str| {
            let facts = extract_page(&read_page("update.md", page.as_bytes()));
            facts.diagnostics.iter().filter(|d| d.code == crate::Code::ResponseWithoutRequest).count()
        };
        assert_eq!(reported(PAGE), 0);
        let start = PAGE.find("<!-- { \"blockType\": \"request\"").unwrap();
        let end = PAGE.find("<!-- { \"blockType\": \"response\"").unwrap();
        let without_request = format!("{}{}", &PAGE[..start], &PAGE[end..]);
        assert_eq!(reported(&without_request), 1);
        // A request shown only in an ignored block still counts.
        let ignored =
            PAGE.replace("\"blockType\": \"request\", \"name\": \"update_widget\"", "\"blockType\": \"ignored\"");
        assert_eq!(reported(&ignored), 0);
    }
}
