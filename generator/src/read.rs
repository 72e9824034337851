//! Reading: bytes of one file -> [`Page`], whichever form the page was written in.
//!
//! The form is told from the content ([`detect_form`]); Markdown goes through pulldown-cmark
//! ([`markdown`]), text copied from the rendered site through a line-shape reader ([`plain`]).
//! Both give the same page model, so extraction does not care which it got.

mod annotation;
mod frontmatter;
mod markdown;
mod plain;
pub(crate) mod text;

#[cfg(test)]
mod tests;

use crate::diagnostics::{Code, Diagnostic};
use crate::page::{Page, PageForm};
use std::collections::BTreeMap;
use text::LineIndex;

/// Reads one file. Never fails: undecodable bytes, bad front matter and the like become diagnostics.
pub fn read_page(path: &str, bytes: &[u8]) -> Page {
    let decoded = text::decode(bytes);
    let text: &str = &decoded.text;
    let lines = LineIndex::new(text);
    let mut diagnostics = Vec::new();
    if let Some((at, count)) = decoded.invalid {
        diagnostics.push(Diagnostic::new(
            path,
            lines.pos(at),
            Code::InvalidUtf8,
            format!("{count} byte sequence(s) are not UTF-8, the first here; each was read as U+FFFD"),
        ));
    }
    if let Some((at, count)) = decoded.nul {
        diagnostics.push(Diagnostic::new(
            path,
            lines.pos(at),
            Code::InvalidUtf8,
            format!("{count} NUL character(s), the first here; each was read as U+FFFD"),
        ));
    }
    let form = detect_form(text);
    let (front_matter, blocks) = match form {
        PageForm::Markdown => {
            let fm = frontmatter::split(path, text);
            diagnostics.extend(fm.diagnostics);
            let (blocks, diags) = markdown::read(path, text, fm.body_start, &lines);
            diagnostics.extend(diags);
            (fm.values, blocks)
        }
        PageForm::PlainText => (BTreeMap::new(), plain::read(text)),
    };
    Page { path: path.into(), form, front_matter, blocks, diagnostics }
}

/// Tells Markdown from text copied from the rendered site, by content only (file names lie:
/// Markdown is often saved as `.txt`).
///
/// Rendered text has no front matter, fences, comments, `#` headings or pipe tables; a page
/// with enough of those is Markdown.
pub fn detect_form(text: &str) -> PageForm {
    if markdown_score(text) >= MARKDOWN_THRESHOLD {
        PageForm::Markdown
    } else {
        PageForm::PlainText
    }
}

/// The score from which a page counts as Markdown.
const MARKDOWN_THRESHOLD: u32 = 3;

/// How much Markdown syntax `text` shows; stops counting once the threshold is reached.
///
/// Strong signs (front matter, a fence, an HTML comment, a table delimiter row, a `#` title on
/// the first line) decide alone; weak ones (other `#` headings, pipe rows, `](` links) add up.
fn markdown_score(text: &str) -> u32 {
    // Lines are read lazily: a Markdown page usually decides on its first line or two.
    let mut lines = text::Lines::new(text).map(|(_, l)| l).enumerate();
    let mut score = 0;
    if let Some((i, line)) = lines.find(|(_, l)| !l.trim().is_empty()) {
        let closes = || lines.clone().any(|(_, l)| l.trim_end() == "---");
        if i == 0 && line.trim_end() == "---" && closes() {
            score += 5;
        }
        if is_atx_heading(line) {
            score += 3;
        }
    }
    for (_, line) in lines {
        if score >= MARKDOWN_THRESHOLD {
            break;
        }
        score += line_score(line.trim());
    }
    score
}

/// The Markdown score of one trimmed line.
fn line_score(t: &str) -> u32 {
    if t.starts_with("```") || t.starts_with("~~~") || t.starts_with("<!--") || is_delimiter_row(t) {
        3
    } else if is_atx_heading(t) || (t.len() >= 2 && t.starts_with('|') && t.ends_with('|')) || t.contains("](") {
        1
    } else {
        0
    }
}

/// `# Title` to `###### Title` (up to three spaces of indent).
fn is_atx_heading(line: &str) -> bool {
    let t = line.trim_start_matches(' ');
    if line.len() - t.len() > 3 {
        return false;
    }
    let hashes = t.bytes().take_while(|&b| b == b'#').count();
    (1..=6).contains(&hashes) && t[hashes..].chars().next().is_none_or(|c| c == ' ' || c == '\t')
}

/// A table delimiter row: `|:---|---:|`, `--- | ---`.
fn is_delimiter_row(t: &str) -> bool {
    t.contains('|') && t.contains("--") && t.chars().all(|c| matches!(c, '|' | ':' | '-' | ' ' | '\t'))
}
