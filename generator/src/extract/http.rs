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
    Request { method: String, target: String, target_pos: Pos, body: Option<Body> },
    Response { status: u16, body: Option<Body> },
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
    for (no, line) in lines {
        let t = line.trim();
        if t.starts_with(['{', '[']) {
            body_line = Some(no);
            break;
        }
        if t.is_empty() {
            continue;
        }
        if !t.contains(':') {
            // Not a header: a non-JSON body (text, binary placeholder).
            break;
        }
    }
    let body = body_line
        .map(|no| Body { text: text.lines().skip(no).collect::<Vec<_>>().join("\n"), start: line_pos(start, no, 0) });
    Some(match head {
        Head::Response(status) => HttpMessage::Response { status, body },
        Head::Request(method, target, target_pos) => HttpMessage::Request { method, target, target_pos, body },
    })
}

enum Head {
    Response(u16),
    Request(String, String, Pos),
}

/// The path of an example URL, relative to the service root: scheme, host and the
/// version segment (`v1.0`, `beta`) removed, query string dropped.
pub fn example_path(target: &str) -> String {
    let mut t = target.trim();
    if let Some(i) = t.find("://") {
        let after = &t[i + 3..];
        t = after.find('/').map_or("", |j| &after[j..]);
    }
    let t = t.split(['?', '#']).next().unwrap_or("");
    let t = t.strip_prefix("/v1.0").or_else(|| t.strip_prefix("/beta")).unwrap_or(t);
    if t.starts_with('/') {
        t.to_string()
    } else {
        format!("/{t}")
    }
}

/// Whether an example path fits a template: same segment count, `{...}` matches any
/// segment, literal segments compare case-insensitively; `key={x}` and `(…)` parts likewise.
pub fn matches_template(path: &str, template: &str) -> bool {
    let split = |s: &str| s.trim_end_matches('/').split('/').map(str::to_string).collect::<Vec<_>>();
    let (p, t) = (split(path), split(template.split('?').next().unwrap_or(template)));
    p.len() == t.len() && p.iter().zip(&t).all(|(ps, ts)| segment_matches(ps, ts))
}

fn segment_matches(actual: &str, template: &str) -> bool {
    if template.contains('{') || template.contains('<') {
        // Compare the literal parts around each placeholder.
        let literal: String = strip_placeholders(template);
        let prefix = literal.split('\u{0}').next().unwrap_or("");
        return actual.to_ascii_lowercase().starts_with(&prefix.to_ascii_lowercase());
    }
    actual.eq_ignore_ascii_case(template)
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
        assert!(matches!(m, HttpMessage::Response { status: 201, body: Some(_) }));
        let no_body = parse_message("HTTP/1.1 204 No Content", Pos::new(1, 1)).unwrap();
        assert_eq!(no_body, HttpMessage::Response { status: 204, body: None });
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
