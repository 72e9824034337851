//! YAML front matter: the `---` block at the very start of a Markdown page.

use super::text::{lines_with_offsets, to_u32};
use crate::diagnostics::{Code, Diagnostic, Pos};
use std::collections::BTreeMap;
use yaml_rust2::{Yaml, YamlLoader};

/// What the front matter held, and where the Markdown body starts.
#[derive(Debug, Clone, Default)]
pub struct FrontMatter {
    /// Keys and scalar values, as strings. Nested values are left out.
    pub values: BTreeMap<String, String>,
    /// Byte offset of the first byte after the front matter (0 when there is none).
    pub body_start: usize,
    /// Unterminated or invalid front matter.
    pub diagnostics: Vec<Diagnostic>,
}

/// True when a line is a front matter delimiter (`---`, trailing blanks allowed).
fn is_fence(line: &str) -> bool {
    line.trim_end() == "---"
}

/// True when a line may close front matter: `---` or YAML's document end `...`.
fn is_closing(line: &str) -> bool {
    is_fence(line) || line.trim_end() == "..."
}

/// Splits off and parses the front matter at the start of `text`, if any.
///
/// Front matter that is never closed is taken to end at the first blank line, so a page whose
/// closing `---` was lost still has its title and body; both that and invalid YAML are
/// reported, and the body is read either way.
pub fn split(path: &str, text: &str) -> FrontMatter {
    let lines = lines_with_offsets(text);
    match lines.first() {
        Some((_, first)) if is_fence(first) => {}
        _ => return FrontMatter::default(),
    }
    let close = lines.iter().enumerate().skip(1).find(|(_, (_, l))| is_closing(l));
    let mut diagnostics = Vec::new();
    let (yaml_end_line, body_start) = match close {
        Some((i, &(off, line))) => (i, next_line_start(text, off + line.len())),
        None => {
            let blank = lines.iter().enumerate().skip(1).find(|(_, (_, l))| l.trim().is_empty());
            let (end, start) = match blank {
                Some((i, &(off, _))) => (i, off),
                None => (lines.len(), text.len()),
            };
            diagnostics.push(Diagnostic::new(
                path,
                Pos::new(1, 1),
                Code::FrontMatter,
                format!(
                    "front matter opened with `---` is never closed; took it to end at line {} and read the rest as the page body",
                    end + 1
                ),
            ));
            (end, start)
        }
    };
    let yaml_start = lines.get(1).map_or(text.len(), |(off, _)| *off);
    let yaml_end = lines.get(yaml_end_line).map_or(text.len(), |(off, _)| *off);
    let yaml = text.get(yaml_start..yaml_end.max(yaml_start)).unwrap_or("");
    let values = parse_yaml(path, yaml, &mut diagnostics);
    FrontMatter { values, body_start, diagnostics }
}

/// The offset just after the line terminator that starts at `end_of_line`.
fn next_line_start(text: &str, end_of_line: usize) -> usize {
    let rest = text.as_bytes().get(end_of_line..).unwrap_or(&[]);
    match rest {
        [b'\r', b'\n', ..] => end_of_line + 2,
        [b'\n', ..] | [b'\r', ..] => end_of_line + 1,
        _ => end_of_line.min(text.len()),
    }
}

/// Parses the YAML between the fences (which starts on line 2 of the file) into scalar values.
fn parse_yaml(path: &str, yaml: &str, diags: &mut Vec<Diagnostic>) -> BTreeMap<String, String> {
    // yaml-rust2 has had panics on odd input in the past; a reader must never panic.
    let loaded = std::panic::catch_unwind(|| YamlLoader::load_from_str(yaml));
    let docs = match loaded {
        Ok(Ok(docs)) => docs,
        Ok(Err(e)) => {
            let m = e.marker();
            let pos = Pos::new(to_u32(m.line() + 1), to_u32(m.col() + 1));
            diags.push(Diagnostic::new(
                path,
                pos,
                Code::FrontMatter,
                format!("front matter is not valid YAML ({}); its values were ignored", e.info()),
            ));
            return BTreeMap::new();
        }
        Err(_) => {
            diags.push(Diagnostic::new(
                path,
                Pos::new(2, 1),
                Code::FrontMatter,
                "front matter could not be parsed; its values were ignored",
            ));
            return BTreeMap::new();
        }
    };
    let mut out = BTreeMap::new();
    match docs.first() {
        None | Some(Yaml::Null) => {}
        Some(Yaml::Hash(h)) => {
            for (k, v) in h {
                if let (Some(k), Some(v)) = (scalar(k), scalar(v)) {
                    out.insert(k, v);
                }
            }
        }
        Some(_) => diags.push(Diagnostic::new(
            path,
            Pos::new(2, 1),
            Code::FrontMatter,
            "front matter is not a list of `key: value` pairs; it was ignored",
        )),
    }
    out
}

/// A scalar YAML value as a string; `None` for lists, maps and the like.
fn scalar(y: &Yaml) -> Option<String> {
    match y {
        Yaml::String(s) | Yaml::Real(s) => Some(s.clone()),
        Yaml::Integer(i) => Some(i.to_string()),
        Yaml::Boolean(b) => Some(b.to_string()),
        Yaml::Null => Some(String::new()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_scalars_and_finds_the_body() {
        let text = "---\r\ntitle: \"Create x\"\r\nauthor: \"**TODO: y**\"\r\nn: 3\r\ntags: [a]\r\n---\r\n# Body\r\n";
        let fm = split("p", text);
        assert!(fm.diagnostics.is_empty(), "{:?}", fm.diagnostics);
        assert_eq!(fm.values.get("title").map(String::as_str), Some("Create x"));
        assert_eq!(fm.values.get("author").map(String::as_str), Some("**TODO: y**"));
        assert_eq!(fm.values.get("n").map(String::as_str), Some("3"));
        assert!(!fm.values.contains_key("tags"));
        assert_eq!(&text[fm.body_start..], "# Body\r\n");
    }

    #[test]
    fn no_front_matter() {
        let fm = split("p", "# Title\n---\n");
        assert_eq!(fm.body_start, 0);
        assert!(fm.values.is_empty() && fm.diagnostics.is_empty());
        assert_eq!(split("p", "").body_start, 0);
    }

    #[test]
    fn unterminated_ends_at_first_blank_line() {
        let text = "---\ntitle: A\n\n# A\n";
        let fm = split("p", text);
        assert_eq!(fm.diagnostics.len(), 1);
        assert_eq!(fm.diagnostics[0].code, Code::FrontMatter);
        assert_eq!(fm.values.get("title").map(String::as_str), Some("A"));
        assert_eq!(&text[fm.body_start..], "\n# A\n");
        // Never closed and no blank line: everything is front matter, nothing panics.
        let fm = split("p", "---\ntitle: A");
        assert_eq!(fm.body_start, "---\ntitle: A".len());
        assert_eq!(fm.diagnostics.len(), 1);
        assert_eq!(split("p", "---").diagnostics.len(), 1);
    }

    #[test]
    fn invalid_yaml_is_reported_with_its_line() {
        let fm = split("p", "---\ntitle: A\nbad: [unclosed\n---\nbody\n");
        assert_eq!(fm.diagnostics.len(), 1);
        assert_eq!(fm.diagnostics[0].code, Code::FrontMatter);
        assert!(fm.diagnostics[0].line >= 3, "{:?}", fm.diagnostics[0]);
        assert!(fm.values.is_empty());
        let deep = format!("---\nk: {}\n---\n", "[".repeat(5000));
        let fm = split("p", &deep);
        assert_eq!(fm.diagnostics.len(), 1);
    }
}
