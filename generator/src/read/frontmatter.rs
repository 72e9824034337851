//! YAML front matter: the `---` block at the very start of a Markdown page.

use super::text::{to_u32, Lines};
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
    // Only the lines up to the closing fence are read, not the whole page.
    let mut lines = Lines::new(text);
    match lines.next() {
        Some((_, first)) if is_fence(first) => {}
        _ => return FrontMatter::default(),
    }
    // Line numbers below count from the opening fence (line 0).
    let after = lines;
    let numbered = || after.clone().enumerate().map(|(i, line)| (i + 1, line));
    let close = numbered().find(|(_, (_, l))| is_closing(l));
    let mut diagnostics = Vec::new();
    let (yaml_end, body_start) = match close {
        Some((_, (off, line))) => (off, next_line_start(text, off + line.len())),
        None => {
            let blank = numbered().find(|(_, (_, l))| l.trim().is_empty());
            let (end, start) = match blank {
                Some((i, (off, _))) => (i, off),
                None => (1 + after.clone().count(), text.len()),
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
            (start, start)
        }
    };
    let yaml_start = after.clone().next().map_or(text.len(), |(off, _)| off);
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
    match flat_pairs(yaml) {
        Some(values) => values,
        None => parse_with_yaml(path, yaml, diags),
    }
}

/// [`parse_yaml`] by the YAML parser.
fn parse_with_yaml(path: &str, yaml: &str, diags: &mut Vec<Diagnostic>) -> BTreeMap<String, String> {
    // yaml-rust2 builds (and drops) nested values recursively, without a depth limit for block
    // collections: thousands of levels overflow the stack, which no `catch_unwind` survives.
    // Front matter is flat `key: value` pairs, so deep nesting is refused before parsing.
    if let Some(line) = too_deep(yaml) {
        diags.push(Diagnostic::new(
            path,
            Pos::new(to_u32(line + 2), 1),
            Code::FrontMatter,
            format!("front matter nests more than {MAX_YAML_DEPTH} levels deep; its values were ignored"),
        ));
        return BTreeMap::new();
    }
    // yaml-rust2 has had panics on odd input in the past; a reader must never panic.
    let loaded = std::panic::catch_unwind(|| YamlLoader::load_from_str(yaml));
    let docs = match loaded {
        Ok(Ok(docs)) => docs,
        Ok(Err(e)) => {
            let m = e.marker();
            // An error at the end of the input is placed past its last line: keep it on the
            // last line of the front matter, inside the file (found by fuzzing).
            let last_line = to_u32(yaml.lines().count() + 1).max(2);
            let pos = Pos::new(to_u32(m.line() + 1).min(last_line), to_u32(m.col() + 1));
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

/// Front matter written as the docs write it, one `key: value` pair a line, each value a
/// plain word or phrase or a double-quoted string without escapes: the values the YAML parser
/// would give, read without it (it was a few percent of reading a page). `None` for anything
/// else (comments, numbers, dates, `true`, escapes, nesting, repeated keys), which the parser
/// reads.
fn flat_pairs(yaml: &str) -> Option<BTreeMap<String, String>> {
    // Words YAML reads as booleans or null, not strings: left to the parser.
    const NOT_STRINGS: [&str; 9] = ["true", "True", "TRUE", "false", "False", "FALSE", "null", "Null", "NULL"];
    let word = |w: &str, more: fn(char) -> bool| {
        w.starts_with(|c: char| c.is_ascii_alphabetic()) && w.chars().all(more) && !NOT_STRINGS.contains(&w)
    };
    let mut out = BTreeMap::new();
    for line in yaml.lines() {
        if line.trim().is_empty() {
            continue;
        }
        let (key, rest) = line.split_once(':')?;
        if !word(key, |c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-')) {
            return None;
        }
        let value = rest.strip_prefix(' ')?.trim_matches(' ');
        let value = match value.strip_prefix('"') {
            Some(quoted) => quoted.strip_suffix('"').filter(|v| !v.contains(['"', '\\']))?,
            None if word(value, |c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '_' | '.' | '-' | '/')) => value,
            None => return None,
        };
        if out.insert(key.to_string(), value.to_string()).is_some() {
            return None;
        }
    }
    Some(out)
}

/// How deep front matter may nest (as bounded by [`too_deep`]) before it is refused.
const MAX_YAML_DEPTH: usize = 64;

/// The 0-based line of `yaml` from which its nesting may exceed [`MAX_YAML_DEPTH`], if any.
///
/// An upper bound, cheap and conservative: a block collection is at most as deep as the
/// indentation and the `- `, `? ` and `: ` indicators that lead its line, and a flow collection
/// as deep as the brackets open (outside quotes) at that point.
fn too_deep(yaml: &str) -> Option<usize> {
    let mut flow = 0usize;
    for (i, line) in yaml.lines().enumerate() {
        let lead = line.chars().take_while(|c| matches!(c, ' ' | '\t' | '-' | '?' | ':')).count();
        let mut quote = None;
        for c in line.chars() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '#') => break,
                (None, '[' | '{') => flow += 1,
                (None, ']' | '}') => flow = flow.saturating_sub(1),
                _ => {}
            }
            if flow > MAX_YAML_DEPTH {
                return Some(i);
            }
        }
        if lead > MAX_YAML_DEPTH {
            return Some(i);
        }
    }
    None
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

    /// What the YAML parser makes of `yaml`, with no diagnostics.
    fn by_parser(yaml: &str) -> BTreeMap<String, String> {
        let mut diags = Vec::new();
        let values = parse_with_yaml("p", yaml, &mut diags);
        assert!(diags.is_empty(), "{yaml:?}: {diags:?}");
        values
    }

    #[test]
    fn flat_pairs_read_what_the_parser_reads_or_leave_it_to_it() {
        let read = [
            "title: \"Get a user\"\ndoc_type: apiPageType\nms.prod: \"users\"\n",
            "a: b c  \nb:   \"x: y # z\"\n\nc: inf\nd: v1.0/beta-x\n",
            "title: \"caf\u{e9}\ttab\"\r\nauthor: \"**TODO: y**\"\r\n",
            "",
        ];
        for yaml in read {
            assert_eq!(flat_pairs(yaml).as_ref(), Some(&by_parser(yaml)), "{yaml:?}");
        }
        let left = [
            "n: 3\n",
            "ok: true\n",
            "null: x\n",
            "d: 09/14/2020\n",
            "a: b # note\n",
            "a: \"q\\\"q\"\n",
            "a: b\na: c\n",
            "  a: b\n",
            "# c\na: b\n",
            "a:\tb\n",
            "a:\n",
            "tags: [a]\n",
            "a: 'b'\n",
        ];
        for yaml in left {
            assert_eq!(flat_pairs(yaml), None, "{yaml:?}");
        }
    }

    /// Every page's front matter that the fast path reads comes out as the parser reads it.
    #[test]
    fn flat_pairs_agree_with_the_parser_on_the_corpus() {
        let shared = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/corpus");
        let Ok(corpora) = std::fs::read_dir(shared) else {
            eprintln!("skipped: {shared} is not present");
            return;
        };
        let (mut fast, mut all) = (0, 0);
        for corpus in corpora.flatten() {
            for entry in walkdir::WalkDir::new(corpus.path()).into_iter().flatten() {
                let Ok(text) = std::fs::read_to_string(entry.path()) else { continue };
                let mut lines = Lines::new(&text);
                if !lines.next().is_some_and(|(_, l)| is_fence(l)) {
                    continue;
                }
                let Some((end, _)) = lines.clone().find(|(_, l)| is_closing(l)) else { continue };
                let start = lines.next().map_or(end, |(off, _)| off);
                let yaml = &text[start..end.max(start)];
                all += 1;
                if let Some(values) = flat_pairs(yaml) {
                    fast += 1;
                    assert_eq!(values, by_parser(yaml), "{}", entry.path().display());
                }
            }
        }
        eprintln!("front matter read without the parser: {fast} of {all}");
        assert!(all == 0 || fast * 2 > all, "the fast path read only {fast} of {all}");
    }

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

    /// YAML ending in an error at its very end was reported on a line past the end of the
    /// file (found by fuzzing).
    #[test]
    fn yaml_errors_at_the_end_stay_inside_the_file() {
        let text = "---\ntitle: \"A\"\nauthor: \"\"\n~~~x: y\u{e9}#o/p: q e";
        let fm = split("p", text);
        assert_eq!(fm.diagnostics.len(), 2, "{:?}", fm.diagnostics);
        let lines = text.lines().count() as u32;
        assert!(fm.diagnostics.iter().all(|d| (1..=lines).contains(&d.line)), "{:?}", fm.diagnostics);
    }

    /// Block mappings nested thousands deep overflowed the stack inside yaml-rust2 (found by
    /// the hostile corpus); now they are refused with a diagnostic, on a small stack too.
    #[test]
    fn deep_nesting_is_refused_not_a_stack_overflow() {
        let nested = |n: usize| (0..n).map(|i| format!("{}k:", " ".repeat(i))).collect::<Vec<_>>().join("\n");
        let seqs = |n: usize| format!("k:\n{}x", "- ".repeat(n));
        let run = |yaml: String| {
            std::thread::Builder::new()
                .stack_size(256 * 1024)
                .spawn(move || split("p", &format!("---\ntitle: A\n{yaml}\n---\n# Body\n")))
                .expect("spawn")
                .join()
                .expect("no panic")
        };
        for yaml in [nested(5000), seqs(5000), format!("k: {}", "{a: ".repeat(5000))] {
            let fm = run(yaml);
            assert_eq!(fm.diagnostics.len(), 1, "{:?}", fm.diagnostics);
            assert!(fm.diagnostics[0].message.contains("nests more than"), "{:?}", fm.diagnostics);
            assert!(fm.diagnostics[0].line >= 3, "{:?}", fm.diagnostics);
            assert!(fm.values.is_empty());
        }
        // Up to the limit, YAML is parsed as before.
        let fm = run(nested(MAX_YAML_DEPTH));
        assert!(fm.diagnostics.is_empty(), "{:?}", fm.diagnostics);
        assert_eq!(fm.values.get("title").map(String::as_str), Some("A"));
        let fm = run(seqs(MAX_YAML_DEPTH / 2 - 1));
        assert!(fm.diagnostics.is_empty(), "{:?}", fm.diagnostics);
    }
}
