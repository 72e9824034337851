//! Lenient JSON: what the docs write as JSON, with trailing commas and comments, each reported.
//!
//! About one body in twenty in the docs is not strict JSON. Rather than give those up, the
//! text is repaired where the intent is unambiguous (a trailing comma, a comment, a
//! non-breaking space between tokens), every repair is a diagnostic at its exact spot, and the
//! result is parsed by `serde_json` (keys keep their order).

use crate::diagnostics::{Code, Pos, Sink};
use serde_json::Value;

/// The name of a JSON value's kind, for messages ("`x` is a string where ... is expected").
pub(crate) fn kind_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Where a piece of text starts in its file, to turn offsets inside it into file positions.
#[derive(Debug, Clone, Copy)]
pub struct Origin<'a> {
    pub file: &'a str,
    pub start: Pos,
}

impl Origin<'_> {
    /// The file position of (0-based line, 0-based char column) inside the text.
    fn at(&self, line: usize, col: usize) -> Pos {
        if line == 0 {
            Pos::new(self.start.line, self.start.column + col as u32)
        } else {
            Pos::new(self.start.line + line as u32, col as u32 + 1)
        }
    }
}

/// Parses `text` leniently. `None` (with a `json-invalid` diagnostic) when it is not JSON even so.
pub fn parse_lenient(text: &str, origin: Origin<'_>, sink: &mut Sink) -> Option<Value> {
    if let Ok(v) = serde_json::from_str::<Value>(text) {
        return Some(v);
    }
    let repaired = repair(text, origin, sink);
    match serde_json::from_str::<Value>(&repaired) {
        Ok(v) => Some(v),
        Err(e) => {
            let pos = origin.at(e.line().saturating_sub(1), e.column().saturating_sub(1));
            sink.push(
                origin.file,
                pos,
                Code::JsonInvalid,
                format!("JSON body is not valid JSON ({e}); it was not used"),
            );
            None
        }
    }
}

/// Blanks out comments and trailing commas (outside strings), keeping line and column layout.
fn repair(text: &str, origin: Origin<'_>, sink: &mut Sink) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out: Vec<char> = chars.clone();
    // (line, col) of every char index, 0-based.
    let mut line_col = Vec::with_capacity(chars.len());
    let (mut line, mut col) = (0usize, 0usize);
    for &c in &chars {
        line_col.push((line, col));
        if c == '\n' {
            line += 1;
            col = 0;
        } else {
            col += 1;
        }
    }
    let blank = |out: &mut Vec<char>, from: usize, to: usize| {
        for c in out.iter_mut().take(to).skip(from) {
            if *c != '\n' {
                *c = ' ';
            }
        }
    };
    let mut i = 0;
    let mut in_string = false;
    while i < chars.len() {
        let c = chars[i];
        if in_string {
            match c {
                '\\' => i += 1,
                '"' => in_string = false,
                _ => {}
            }
            i += 1;
            continue;
        }
        match c {
            '"' => in_string = true,
            '\u{a0}' | '\u{feff}' | '\u{200b}' => out[i] = ' ',
            '/' if chars.get(i + 1) == Some(&'/') => {
                let end = chars[i..].iter().position(|&c| c == '\n').map_or(chars.len(), |p| i + p);
                let (l, co) = line_col[i];
                sink.push(origin.file, origin.at(l, co), Code::JsonComment, "comment in a JSON body; it was ignored");
                blank(&mut out, i, end);
                i = end;
                continue;
            }
            '/' if chars.get(i + 1) == Some(&'*') => {
                let end = (i + 2..chars.len().saturating_sub(1))
                    .find(|&j| chars[j] == '*' && chars[j + 1] == '/')
                    .map_or(chars.len(), |j| j + 2);
                let (l, co) = line_col[i];
                sink.push(origin.file, origin.at(l, co), Code::JsonComment, "comment in a JSON body; it was ignored");
                blank(&mut out, i, end);
                i = end;
                continue;
            }
            ',' if next_significant(&chars, i + 1).is_some_and(|j| matches!(chars[j], '}' | ']')) => {
                let (l, co) = line_col[i];
                sink.push(
                    origin.file,
                    origin.at(l, co),
                    Code::JsonTrailingComma,
                    "trailing comma in a JSON body; it was ignored",
                );
                out[i] = ' ';
            }
            _ => {}
        }
        i += 1;
    }
    out.into_iter().collect()
}

/// Index of the next char that is neither white space nor inside a comment.
fn next_significant(chars: &[char], mut i: usize) -> Option<usize> {
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() || c == '\u{a0}' || c == '\u{feff}' {
            i += 1;
        } else if c == '/' && chars.get(i + 1) == Some(&'/') {
            i += chars[i..].iter().position(|&c| c == '\n')?;
        } else if c == '/' && chars.get(i + 1) == Some(&'*') {
            i = (i + 2..chars.len().saturating_sub(1)).find(|&j| chars[j] == '*' && chars[j + 1] == '/')? + 2;
        } else {
            return Some(i);
        }
    }
    None
}

/// An object's `@odata.type` member, found by going through its keys. The merge's example walk
/// asks it of every object on every pass; objects have few keys, and comparing them costs less
/// than hashing the name for the map's lookup (`examples::apply`, 10 alternating runs: median
/// 24.5 -> 23.0 ms on the Graph reference).
pub fn odata_type_field(obj: &serde_json::Map<String, Value>) -> Option<&Value> {
    obj.iter().find_map(|(k, v)| (k == "@odata.type").then_some(v))
}

/// Whether a key of a JSON object is control information rather than a property: an
/// annotation (`@odata.type`, `members@odata.bind`) or the same written without its `@`
/// (`odata.context`, as OData's older JSON format and some of the docs' examples spell it).
/// The generated runtime's `is_annotation` says the same.
pub fn is_annotation(key: &str) -> bool {
    key.contains('@') || key.starts_with("odata.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_odata_type_member_is_what_the_map_gives() {
        let objects = [
            serde_json::json!({}),
            serde_json::json!({"@odata.type": "#microsoft.graph.user", "id": "1"}),
            serde_json::json!({"id": "1", "displayName": "x", "@odata.type": "microsoft.graph.group"}),
            serde_json::json!({"odata.type": "x", "@odata.typeX": "y", "@odata.context": "z"}),
            serde_json::json!({"@odata.type": null}),
        ];
        for v in &objects {
            let obj = v.as_object().expect("an object");
            assert_eq!(odata_type_field(obj), obj.get("@odata.type"), "{v}");
        }
        assert_eq!(odata_type_field(objects[2].as_object().unwrap()), Some(&Value::from("microsoft.graph.group")));
    }

    fn parse(text: &str) -> (Option<Value>, Vec<crate::Diagnostic>) {
        let mut sink = Sink::default();
        let v = parse_lenient(text, Origin { file: "f.md", start: Pos::new(10, 1) }, &mut sink);
        (v, sink.take())
    }

    #[test]
    fn strict_json_has_no_diagnostics() {
        let (v, d) = parse(r#"{"a": [1, 2], "b": "x,}"}"#);
        assert_eq!(v.unwrap()["b"], "x,}");
        assert!(d.is_empty());
    }

    #[test]
    fn trailing_comma_is_accepted_and_reported_where_it_is() {
        let (v, d) = parse("{\n  \"allowedAudiences\": \"organization\",\n  \"countryCode\": \"NO\",\n}");
        assert_eq!(v.unwrap()["countryCode"], "NO");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, Code::JsonTrailingComma);
        assert_eq!((d[0].line, d[0].column), (12, 22));
    }

    #[test]
    fn comments_are_ignored_and_reported() {
        let (v, d) = parse("{\n \"a\": 1, // one\n /* two */ \"b\": \"// not a comment\"\n}");
        let v = v.unwrap();
        assert_eq!(v["a"], 1);
        assert_eq!(v["b"], "// not a comment");
        let codes: Vec<_> = d.iter().map(|d| (d.code, d.line, d.column)).collect();
        assert_eq!(codes, vec![(Code::JsonComment, 11, 10), (Code::JsonComment, 12, 2)]);
    }

    #[test]
    fn hopeless_json_is_reported_not_used() {
        let (v, d) = parse("{\n  \"a\": ...\n}");
        assert!(v.is_none());
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, Code::JsonInvalid);
        assert_eq!(d[0].line, 11);
    }

    #[test]
    fn key_order_is_kept() {
        let (v, _) = parse(r#"{"z": 1, "a": 2}"#);
        let keys: Vec<_> = v.unwrap().as_object().unwrap().keys().cloned().collect();
        assert_eq!(keys, ["z", "a"]);
    }
}
