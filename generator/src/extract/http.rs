//! HTTP code blocks: request lines, status lines, headers and the JSON body after them.

use crate::diagnostics::Pos;

/// HTTP methods the docs use.
const METHODS: &[&str] = &["GET", "POST", "PATCH", "PUT", "DELETE", "HEAD", "OPTIONS"];

/// A JSON body inside an HTTP block, and where it starts in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    pub text: String,
    pub start: Pos,
}

/// An HTTP message as an example shows it.
#[derive(Debug, Clone, PartialEq)]
pub enum HttpMessage {
    Request {
        method: String,
        target: String,
        target_pos: Pos,
        body: Option<Body>,
    },
    /// `location` is the `Location` header's value: where the object the response is about
    /// lives (a created entity, a long-running operation).
    Response {
        status: u16,
        location: Option<String>,
        body: Option<Body>,
    },
}

/// `METHOD target` at the start of a line, if it is one.
pub fn request_line(line: &str) -> Option<(String, String)> {
    let line = line.trim();
    let (method, rest) = line.split_once(char::is_whitespace)?;
    let method = method.to_ascii_uppercase();
    if !METHODS.contains(&method.as_str()) {
        return None;
    }
    let target = rest.trim();
    let target = target.strip_suffix("HTTP/1.1").unwrap_or(target).trim();
    (!target.is_empty()).then(|| (method, target.to_string()))
}

/// Every `METHOD path` line of an `HTTP request` block, with its position.
pub fn request_lines(text: &str, start: Pos) -> Vec<(String, String, Pos)> {
    text.lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let (method, target) = request_line(line)?;
            let col = line.len() - line.trim_start().len();
            Some((method, target, line_pos(start, i, col)))
        })
        .collect()
}

/// Position of (0-based line, 0-based byte column) inside a block starting at `start`.
fn line_pos(start: Pos, line: usize, col: usize) -> Pos {
    if line == 0 {
        Pos::new(start.line, start.column + col as u32)
    } else {
        Pos::new(start.line + line as u32, col as u32 + 1)
    }
}

/// Reads an example block: a request or a response, its headers skipped, its body kept.
pub fn parse_message(text: &str, start: Pos) -> Option<HttpMessage> {
    let mut lines = text.lines().enumerate().skip_while(|(_, l)| l.trim().is_empty());
    let (first_no, first) = lines.next()?;
    let first = first.trim();
    let head = if let Some(rest) = first.strip_prefix("HTTP/") {
        let status = rest.split_whitespace().nth(1)?.parse().ok()?;
        Head::Response(status)
    } else if let Some((method, target)) = request_line(first) {
        let col = text.lines().nth(first_no).map_or(0, |l| l.len() - l.trim_start().len() + method.len() + 1);
        Head::Request(method, target, line_pos(start, first_no, col))
    } else {
        // A bare JSON block or prose: not an HTTP message.
        return None;
    };
    // Headers run until a blank line or the body's first bracket.
    let mut body_line = None;
    let mut location = None;
    for (no, line) in lines {
        let t = line.trim();
        if t.starts_with(['{', '[']) {
            body_line = Some(no);
            break;
        }
        if t.is_empty() {
            continue;
        }
        let Some((name, value)) = t.split_once(':') else {
            // Not a header: a non-JSON body (text, binary placeholder).
            break;
        };
        if name.trim().eq_ignore_ascii_case("location") {
            location.get_or_insert_with(|| value.trim().to_string());
        }
    }
    let body = body_line
        .map(|no| Body { text: text.lines().skip(no).collect::<Vec<_>>().join("\n"), start: line_pos(start, no, 0) });
    Some(match head {
        Head::Response(status) => HttpMessage::Response { status, location, body },
        Head::Request(method, target, target_pos) => HttpMessage::Request { method, target, target_pos, body },
    })
}

enum Head {
    Response(u16),
    Request(String, String, Pos),
}

/// The path of an example URL, relative to the service root: scheme, host and the
/// version segment (`v1.0`, `V1.0`, `v1`, `beta`) removed, query string dropped.
pub fn example_path(target: &str) -> String {
    let t = example_target(target);
    t.split(['?', '#']).next().unwrap_or("").to_string()
}

/// [`example_path`] with the query string kept: `/me/events?$top=3`.
pub fn example_target(target: &str) -> String {
    let mut t = target.trim();
    if let Some(i) = t.find("://") {
        let after = &t[i + 3..];
        t = after.find('/').map_or("", |j| &after[j..]);
    }
    let t = t.split('#').next().unwrap_or("");
    let t = t.strip_prefix('/').unwrap_or(t);
    let first_end = t.find(['/', '?']).unwrap_or(t.len());
    let t = if is_version_segment(&t[..first_end]) { &t[first_end..] } else { t };
    let t = t.strip_prefix('/').unwrap_or(t);
    format!("/{t}")
}

/// `v1.0`, `V1.0`, `v1`, `beta`: the service version an example URL starts with.
fn is_version_segment(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    lower == "beta"
        || lower.strip_prefix('v').is_some_and(|v| !v.is_empty() && v.chars().all(|c| c.is_ascii_digit() || c == '.'))
}

/// Whether an example request goes to the documented service: a path, or a URL on the
/// service's host. Other hosts are callbacks the service makes to the application (a bot's
/// `https://bot.contoso.com/api/calls`) or downloads it redirects to: not calls of the API.
pub fn is_service_url(target: &str) -> bool {
    let t = target.trim();
    let Some(i) = t.find("://") else { return true };
    let host = t[i + 3..].split(['/', '?', '#']).next().unwrap_or("").to_ascii_lowercase();
    host == SERVICE_HOST || host.ends_with(&format!(".{SERVICE_HOST}"))
}

/// The host of the service root every example of the docs calls.
const SERVICE_HOST: &str = "graph.microsoft.com";

/// Whether an example path fits a template: same segment count, `{...}` matches any
/// segment, literal segments compare case-insensitively; `key={x}` and `(…)` parts likewise.
///
/// Beyond that, the addressing conventions of the docs: `/me` is
/// `/users/{id | userPrincipalName}`; a drive's `root` is `items/{item-id}`; a drive item path
/// (`root:/Folder/File.txt:`) is one segment however many slashes it holds; a function's
/// parameters (`range(address='A1:B2')`, `rowsAbove(count=2)`) are values, and optional (the
/// function's name decides); a trailing type cast (`/members/microsoft.graph.user`) narrows the
/// result without changing the operation; a `{placeholder}` left in the example matches any
/// segment, and so does a sample id (a GUID) written in the template.
pub fn matches_template(path: &str, template: &str) -> bool {
    let template = template.split('?').next().unwrap_or(template);
    let mut p = conventional_segments(path);
    let t = conventional_segments(template);
    while p.len() > t.len() && p.last().is_some_and(|s| is_type_cast(s)) {
        p.pop();
    }
    p.len() == t.len() && p.iter().zip(&t).all(|(ps, ts)| segment_matches(ps, ts))
}

/// The segments of a path, with the aliases of [`matches_template`] spelt out.
fn conventional_segments(path: &str) -> Vec<String> {
    let path = path.split('?').next().unwrap_or(path).trim().trim_end_matches('/');
    let mut segs = Vec::new();
    let mut current = String::new();
    // Inside `root:/a/b:`: slashes belong to the item path.
    let mut in_item_path = false;
    let chars: Vec<char> = path.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            ':' if !in_item_path && chars.get(i + 1) == Some(&'/') => {
                in_item_path = true;
                current.push(c);
            }
            ':' if in_item_path => {
                in_item_path = false;
                current.push(c);
            }
            '/' if !in_item_path => {
                if !current.is_empty() {
                    segs.push(std::mem::take(&mut current));
                }
            }
            _ => current.push(c),
        }
    }
    if !current.is_empty() {
        segs.push(current);
    }
    let mut out = Vec::with_capacity(segs.len() + 2);
    for (i, seg) in segs.into_iter().enumerate() {
        if i == 0 && seg.eq_ignore_ascii_case("me") {
            out.extend(["users".to_string(), "{me}".to_string()]);
        } else if seg.eq_ignore_ascii_case("root") && i > 0 {
            out.extend(["items".to_string(), "{root}".to_string()]);
        } else {
            out.push(seg);
        }
    }
    out
}

/// `microsoft.graph.user`: a namespace-qualified type name used as a path segment.
fn is_type_cast(segment: &str) -> bool {
    let parts: Vec<&str> = segment.split('.').collect();
    parts.len() >= 3 && parts.iter().all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// `acdefc6b-2dc6-4e71-b1e9-6d9810ab1793`: a sample id.
fn is_guid(segment: &str) -> bool {
    let groups: Vec<&str> = segment.split('-').collect();
    groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && groups.iter().all(|g| g.chars().all(|c| c.is_ascii_hexdigit()))
}

fn segment_matches(actual: &str, template: &str) -> bool {
    let braced = |s: &str| s.starts_with('{') && s.ends_with('}');
    // `(team-id)` is a placeholder in parentheses.
    let template_placeholder = braced(template) || (template.starts_with('(') && template.ends_with(')'));
    if braced(actual) || template_placeholder || is_guid(template) {
        return true;
    }
    if let (Some(a), Some(t)) = (function_name(actual), function_name(template)) {
        return a.eq_ignore_ascii_case(t);
    }
    if template.contains('{') || template.contains('<') {
        // Compare the literal parts around each placeholder.
        let literal: String = strip_placeholders(template);
        let prefix = literal.split('\u{0}').next().unwrap_or("");
        return actual.to_ascii_lowercase().starts_with(&prefix.to_ascii_lowercase());
    }
    actual.eq_ignore_ascii_case(template)
}

/// The name of a function segment, `rowsAbove` of `rowsAbove(count=2)` and of `rowsAbove`:
/// `None` when the name itself holds a placeholder.
fn function_name(segment: &str) -> Option<&str> {
    let name = segment.split('(').next().unwrap_or(segment);
    (!name.is_empty() && !name.contains(['{', '<', ':'])).then_some(name)
}

/// Replaces `{...}` and `<...>` with NUL, so the literal text around them remains.
fn strip_placeholders(s: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in s.chars() {
        match c {
            '{' | '<' => {
                if depth == 0 {
                    out.push('\u{0}');
                }
                depth += 1;
            }
            '}' | '>' => depth = (depth - 1).max(0),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_with_headers_and_body() {
        let text = "POST https://graph.microsoft.com/beta/me/profile/account\nContent-Type: application/json\n\n{\n  \"a\": 1\n}";
        let m = parse_message(text, Pos::new(70, 1)).unwrap();
        let HttpMessage::Request { method, target, body, .. } = m else { panic!("not a request") };
        assert_eq!(method, "POST");
        assert_eq!(example_path(&target), "/me/profile/account");
        let body = body.unwrap();
        assert_eq!(body.start, Pos::new(73, 1));
        assert!(body.text.starts_with('{'));
    }

    #[test]
    fn response_without_blank_line_before_body() {
        let text = "HTTP/1.1 201 Created\nContent-Type: application/json\n{\n \"id\": \"x\"\n}";
        let m = parse_message(text, Pos::new(1, 1)).unwrap();
        assert!(matches!(m, HttpMessage::Response { status: 201, location: None, body: Some(_) }));
        let no_body = parse_message("HTTP/1.1 204 No Content", Pos::new(1, 1)).unwrap();
        assert_eq!(no_body, HttpMessage::Response { status: 204, location: None, body: None });
    }

    #[test]
    fn response_location_header() {
        let text = "HTTP/1.1 200 OK\nlocation: https://graph.microsoft.com/v1.0/calls/1/operations/2\nContent-Type: application/json\n\n{\"a\": \"Location: no\"}";
        let Some(HttpMessage::Response { location, body, .. }) = parse_message(text, Pos::new(1, 1)) else {
            panic!("not a response")
        };
        assert_eq!(location.as_deref(), Some("https://graph.microsoft.com/v1.0/calls/1/operations/2"));
        assert!(body.is_some());
    }

    #[test]
    fn templates_match_example_paths() {
        assert!(matches_template("/me/profile/account", "/me/profile/account"));
        assert!(matches_template("/user/{userId}/profile/account", "/user/{userId}/profile/account"));
        assert!(matches_template(
            "/users/abc@x.com/profile/account",
            "/users/{id | userPrincipalName}/profile/account"
        ));
        assert!(!matches_template("/me/profile/account", "/me/profile/account/$ref"));
        assert_eq!(
            example_path("https://graph.microsoft.com/docs\\api/me/profile/account"),
            "/docs\\api/me/profile/account"
        );
        assert!(!matches_template(
            &example_path("https://graph.microsoft.com/docs\\api/me/profile/account"),
            "/me/profile/account/$ref"
        ));
    }

    #[test]
    fn request_lines_in_http_request_block() {
        let lines = request_lines(
            "POST /me/profile/account\nPOST /users/{id | userPrincipalName}/profile/account\n",
            Pos::new(5, 1),
        );
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[1].1, "/users/{id | userPrincipalName}/profile/account");
        assert_eq!(lines[1].2, Pos::new(6, 1));
    }
}
