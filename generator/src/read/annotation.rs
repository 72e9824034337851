//! Annotations: `<!-- { "blockType": "request", ... } -->` comments before code blocks.
//!
//! The docs' annotations are hand-written JSON: trailing commas, `//` comments and
//! non-breaking spaces occur, so they are cleaned up before `serde_json` sees them.

use serde_json::{Map, Value};

/// One HTML comment found in an HTML block.
#[derive(Debug, Clone, PartialEq)]
pub struct Comment<'a> {
    /// Byte offset of `<!--` in the text searched.
    pub offset: usize,
    /// What is between `<!--` and `-->` (to the end when unterminated).
    pub body: &'a str,
    /// False when the text ended before `-->`.
    pub terminated: bool,
}

/// The comments in an HTML block, and whether it holds anything besides comments and blanks.
#[derive(Debug, Clone, PartialEq)]
pub struct HtmlComments<'a> {
    /// The comments, in order.
    pub comments: Vec<Comment<'a>>,
    /// True when the block has text or tags outside comments (then it is content, not a note).
    pub other_content: bool,
}

/// Splits the text of an HTML block into its comments.
pub fn comments(html: &str) -> HtmlComments<'_> {
    let mut comments = Vec::new();
    let mut other_content = false;
    let mut rest = 0;
    while let Some(found) = html.get(rest..).and_then(|s| s.find("<!--")) {
        let start = rest + found;
        other_content |= html.get(rest..start).is_some_and(|s| !s.trim().is_empty());
        let body_start = start + 4;
        match html.get(body_start..).and_then(|s| s.find("-->")) {
            Some(len) => {
                let body = html.get(body_start..body_start + len).unwrap_or("");
                comments.push(Comment { offset: start, body, terminated: true });
                rest = body_start + len + 3;
            }
            None => {
                let body = html.get(body_start..).unwrap_or("");
                comments.push(Comment { offset: start, body, terminated: false });
                rest = html.len();
            }
        }
    }
    other_content |= html.get(rest..).is_some_and(|s| !s.trim().is_empty());
    HtmlComments { comments, other_content }
}

/// True when a comment's body is meant as an annotation: it starts with `{`.
/// Other comments (`markdownlint-disable`, `uuid: ...`) are notes for humans.
pub fn looks_like_annotation(body: &str) -> bool {
    body.trim_start().starts_with('{')
}

/// Parses an annotation body leniently into a JSON object.
///
/// The error says what was wrong, for a `bad-annotation` diagnostic.
pub fn parse(body: &str) -> Result<Map<String, Value>, String> {
    let cleaned = lenient_json(body);
    match serde_json::from_str::<Value>(&cleaned) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(other) => Err(format!("it is JSON but not an object ({})", crate::json::kind_name(&other))),
        Err(e) => Err(format!("it is not valid JSON: {e}")),
    }
}

/// Rewrites hand-written JSON into strict JSON where the intent is clear: drops trailing commas
/// before `}`/`]`, `//` and `/* */` comments and `...` outside strings, quotes bare keys
/// (`isCollection: true`), turns non-breaking spaces outside strings into spaces, and escapes
/// raw control characters inside strings.
pub fn lenient_json(src: &str) -> String {
    let mut out = String::with_capacity(src.len());
    let mut chars = src.chars().peekable();
    let mut in_string = false;
    while let Some(c) = chars.next() {
        if in_string {
            match c {
                '\\' => {
                    out.push(c);
                    if let Some(n) = chars.next() {
                        out.push(n);
                    }
                }
                '"' => {
                    in_string = false;
                    out.push(c);
                }
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
                c => out.push(c),
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '/' if chars.peek() == Some(&'/') => {
                for n in chars.by_ref() {
                    if n == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut prev = '\0';
                for n in chars.by_ref() {
                    if n == '\n' {
                        out.push('\n');
                    }
                    if prev == '*' && n == '/' {
                        break;
                    }
                    prev = n;
                }
            }
            '.' if chars.peek() == Some(&'.') => {
                while chars.peek() == Some(&'.') {
                    chars.next();
                }
            }
            '\u{2026}' => {}
            '}' | ']' => {
                drop_trailing_comma(&mut out);
                out.push(c);
            }
            '\u{A0}' | '\u{FEFF}' => out.push(' '),
            c if is_key_start(c) && out.trim_end().ends_with(['{', ',']) => {
                let mut word = String::from(c);
                while let Some(&n) = chars.peek().filter(|&&n| is_key_char(n)) {
                    word.push(n);
                    chars.next();
                }
                let rest: String = chars.clone().take_while(|n| n.is_whitespace()).collect();
                let colon = chars.clone().nth(rest.chars().count()) == Some(':');
                if colon {
                    out.push('"');
                    out.push_str(&word);
                    out.push('"');
                } else {
                    out.push_str(&word);
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// A character that may start an unquoted key (`isCollection: true`).
fn is_key_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_' || c == '@' || c == '$'
}

/// A character that may continue an unquoted key.
fn is_key_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '@' | '$' | '.' | '-')
}

/// Removes a `,` that is followed only by whitespace at the end of `out`.
fn drop_trailing_comma(out: &mut String) {
    let trimmed = out.trim_end().len();
    if out[..trimmed].ends_with(',') {
        out.truncate(trimmed - 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_comments_and_other_content() {
        let c = comments("<!-- a -->\n<!-- { \"b\": 1 } -->\n");
        assert_eq!(c.comments.len(), 2);
        assert_eq!(c.comments[1].offset, 11);
        assert_eq!(c.comments[1].body.trim(), "{ \"b\": 1 }");
        assert!(!c.other_content);
        let c = comments("<div>\n<!-- x");
        assert!(c.other_content);
        assert!(!c.comments[0].terminated);
    }

    #[test]
    fn lenient_parsing() {
        let m = parse("{\n \"blockType\": \"request\",\n \"name\": \"x\", // why\n}\n");
        let m = m.unwrap_or_default();
        assert_eq!(m.get("blockType"), Some(&Value::from("request")));
        assert_eq!(m.get("name"), Some(&Value::from("x")));
        let m = parse("{ \"a\": [1, 2,], \"url\": \"http://x//y\", \u{A0}\"b\": \"t\tab\" }").unwrap_or_default();
        assert_eq!(m.get("url"), Some(&Value::from("http://x//y")));
        assert_eq!(m.get("b"), Some(&Value::from("t\tab")));
        assert_eq!(m.get("a"), Some(&serde_json::json!([1, 2])));
        let m = parse("{\"a\": 1,\n  isCollection : true, @odata.x: [true, null] }").unwrap_or_default();
        assert_eq!(m.get("isCollection"), Some(&Value::Bool(true)));
        assert_eq!(m.get("@odata.x"), Some(&serde_json::json!([true, null])));
        assert!(parse("{ \"a\": }").is_err());
        assert!(parse("[1]").is_err());
        assert!(looks_like_annotation("\n  { x"));
        assert!(!looks_like_annotation(" markdownlint-disable "));
    }
}
