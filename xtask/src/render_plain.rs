//! `cargo xtask render-plain`: renders Markdown reference pages as the text a reader gets by
//! copying the rendered documentation site, like seed `docs/001_80bea5d8a108aa88.txt` (the
//! site's copy of `graph-profile/api/profile-post-accounts.md`).
//!
//! The site's conventions, as seed 001 shows them:
//! - front matter and HTML comments (the annotations) are not shown;
//! - a heading is its text on a line of its own, with a blank line before and after;
//! - a paragraph is one line of text without markup (links become their text, code spans
//!   their content, emphasis goes); blocks are separated by one blank line;
//! - list items are one line each; a `> ` quote is its text; an alert (`> [!NOTE]`) shows its
//!   label (`Note`) on a line of its own, then its text;
//! - a table is its header line, then one line per row, cells joined by single spaces (no
//!   pipes); `<br>` in a cell is a space;
//! - a code block is its content lines, without fences, between blank lines (blank lines at
//!   either end of the content are left out, so they cannot read as block boundaries);
//! - DocFX tabs: the `# [HTTP](#tab/http)` heading is not shown but its content is; the other
//!   tabs (`# [C#](#tab/csharp)` ... up to the next tab heading or the closing `---`) are not
//!   shown, nor is the `---`; `[!INCLUDE ...]` references (snippets, disclaimers) are dropped,
//!   as their content is not at hand.
//!
//! DocFX extensions (tabs, includes) are removed line by line first, outside fenced code;
//! the rest is walked with pulldown-cmark (tables enabled, as the generator reads them).
//! The output is a function of the input alone: the same bytes in, the same bytes out.

use anyhow::{bail, Context, Result};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The command line of `cargo xtask render-plain`, as given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Args {
    pub docs: Option<OsString>,
    pub out: Option<OsString>,
}

/// Runs `cargo xtask render-plain`: every `*.md` under `--docs` becomes `<same relative path
/// with .txt for .md>` under `--out`. Files whose content is already right are not rewritten.
pub fn run(args: &Args, stdout: &mut dyn Write) -> Result<ExitCode> {
    let (Some(docs), Some(out)) = (&args.docs, &args.out) else { bail!("--docs DIR and --out DIR are required") };
    let docs = PathBuf::from(docs);
    let out = PathBuf::from(out);
    if !docs.is_dir() {
        bail!("the docs directory `{}` does not exist or is not a directory", docs.display());
    }
    let (sources, unreadable) = docs_codegen::collect_sources(&docs, "")
        .with_context(|| format!("cannot read the docs in `{}`", docs.display()))?;
    for d in &unreadable {
        eprintln!("{d}");
    }
    let (mut written, mut same) = (0usize, 0usize);
    for src in sources.iter().filter(|s| is_markdown_path(&s.path)) {
        let text = render(&String::from_utf8_lossy(&src.bytes));
        let target = out.join(txt_path(&src.path));
        if std::fs::read(&target).is_ok_and(|old| old == text.as_bytes()) {
            same += 1;
            continue;
        }
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).with_context(|| format!("cannot create `{}`", parent.display()))?;
        }
        std::fs::write(&target, &text).with_context(|| format!("cannot write `{}`", target.display()))?;
        written += 1;
    }
    writeln!(
        stdout,
        "rendered {} Markdown page(s) of `{}` as plain text into `{}`: {written} written, {same} unchanged",
        written + same,
        docs.display(),
        out.display()
    )?;
    Ok(if unreadable.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

/// Whether a `/`-separated path names a Markdown page (`.md`, any case).
pub fn is_markdown_path(path: &str) -> bool {
    Path::new(path).extension().is_some_and(|e| e.eq_ignore_ascii_case("md"))
}

/// Where the plain-text form of a page goes: `.md` replaced by `.txt` (`api/user-get.md` ->
/// `api/user-get.txt`), so a page's stem, which the fidelity scorer keys resource pages on,
/// stays the same. Other paths get `.txt` appended.
pub fn txt_path(path: &str) -> String {
    match path.rsplit_once('.') {
        Some((stem, ext)) if ext.eq_ignore_ascii_case("md") && !stem.ends_with('/') => format!("{stem}.txt"),
        _ => format!("{path}.txt"),
    }
}

/// Renders one Markdown page as the rendered site's plain text. Ends with a newline unless empty.
pub fn render(markdown: &str) -> String {
    let body = strip_docfx(markdown);
    let mut r = Renderer::default();
    for event in Parser::new_ext(&body, Options::ENABLE_TABLES) {
        r.event(event);
    }
    let mut text = r.lines.join("\n");
    if !text.is_empty() {
        text.push('\n');
    }
    text
}

// ---------------------------------------------------------------------------------------------
// Line pass: front matter, DocFX tabs and includes.

/// The Markdown with front matter, DocFX tab headings, non-HTTP tab sections, tab terminators
/// and `[!INCLUDE ...]` references blanked out. Lines are kept (as empty lines), so what was
/// dropped still ends the paragraph around it.
fn strip_docfx(markdown: &str) -> String {
    let markdown = markdown.strip_prefix('\u{feff}').unwrap_or(markdown);
    let lines: Vec<&str> = markdown.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)).collect();
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut i = 0;
    // Front matter: `---` on the first line, up to the next `---` line.
    if lines.first().is_some_and(|l| l.trim_end() == "---") {
        if let Some(close) = lines.iter().skip(1).position(|l| l.trim_end() == "---") {
            i = close + 2;
            out.resize(i, String::new());
        }
    }
    let mut fence: Option<(char, usize)> = None;
    let mut in_tabs = false;
    let mut skipping = false;
    for line in &lines[i..] {
        if let Some((ch, len)) = fence {
            if closes_fence(line, ch, len) {
                fence = None;
            }
            out.push((*line).to_string());
            continue;
        }
        let trimmed = line.trim();
        if let Some(tab) = tab_heading(trimmed) {
            in_tabs = true;
            skipping = !tab.eq_ignore_ascii_case("http");
            out.push(String::new());
            continue;
        }
        if in_tabs && is_tab_terminator(trimmed) {
            in_tabs = false;
            skipping = false;
            out.push(String::new());
            continue;
        }
        if skipping {
            // An unterminated tab group ends at the next heading at the latest (none does in
            // the v1.0 corpus), so a missing `---` cannot hide the rest of a page.
            if !trimmed.starts_with('#') {
                out.push(String::new());
                continue;
            }
            skipping = false;
            in_tabs = false;
        }
        if let Some(open) = opens_fence(line) {
            fence = Some(open);
            out.push((*line).to_string());
            continue;
        }
        out.push(strip_includes(line));
    }
    out.join("\n")
}

/// The tab id of a DocFX tab heading `# [Label](#tab/id)` (any heading level), if it is one.
fn tab_heading(trimmed: &str) -> Option<&str> {
    let rest = trimmed.trim_start_matches('#');
    let hashes = trimmed.len() - rest.len();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    let rest = rest.trim_start().strip_prefix('[')?;
    let (_, after) = rest.split_once("](")?;
    let target = after.trim_end().strip_suffix(')')?;
    target.trim().strip_prefix("#tab/")
}

/// The `---` that closes a DocFX tab group.
fn is_tab_terminator(trimmed: &str) -> bool {
    trimmed.len() >= 3 && trimmed.chars().all(|c| c == '-')
}

/// A fence opening: ```` ``` ```` or `~~~` (three or more), with up to three spaces of indent.
fn opens_fence(line: &str) -> Option<(char, usize)> {
    let t = line.trim_start_matches(' ');
    if line.len() - t.len() > 3 {
        return None;
    }
    let ch = t.chars().next().filter(|&c| c == '`' || c == '~')?;
    let len = t.chars().take_while(|&c| c == ch).count();
    // A backtick fence's info string cannot hold a backtick.
    (len >= 3 && !(ch == '`' && t[len..].contains('`'))).then_some((ch, len))
}

/// Whether `line` closes a fence opened with `len` times `ch`.
fn closes_fence(line: &str, ch: char, len: usize) -> bool {
    let t = line.trim();
    let n = t.chars().take_while(|&c| c == ch).count();
    n >= len && t.len() == n * ch.len_utf8()
}

/// The line without its `[!INCLUDE [name](path)]` references (any case, brackets balanced).
/// A line holding only references becomes empty.
fn strip_includes(line: &str) -> String {
    const MARKER: &str = "[!include";
    let lower = line.to_ascii_lowercase();
    if !lower.contains(MARKER) {
        return line.to_string();
    }
    let mut out = String::with_capacity(line.len());
    let mut at = 0;
    while let Some(found) = lower[at..].find(MARKER) {
        let start = at + found;
        out.push_str(&line[at..start]);
        let mut depth = 0usize;
        let mut end = line.len();
        for (k, c) in line[start..].char_indices() {
            match c {
                '[' => depth += 1,
                ']' => {
                    depth -= 1;
                    if depth == 0 {
                        end = start + k + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        at = end;
    }
    out.push_str(&line[at..]);
    if out.trim().is_empty() {
        String::new()
    } else {
        out
    }
}

// ---------------------------------------------------------------------------------------------
// Event walk.

/// What inline text is being gathered for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FrameKind {
    Paragraph,
    Heading,
    Cell,
    /// A list item's own text (tight lists have no paragraph inside the item).
    Item,
}

#[derive(Debug)]
struct Frame {
    kind: FrameKind,
    text: String,
}

#[derive(Debug, Default)]
struct Renderer {
    /// The output lines so far.
    lines: Vec<String>,
    /// A blank line goes before the next line (a block ended or a new one starts).
    blank: bool,
    frames: Vec<Frame>,
    /// Rows of the table being gathered (the header first) and the row being gathered.
    table: Option<(Vec<Vec<String>>, Vec<String>)>,
    /// The content of the code block being gathered.
    code: Option<String>,
    /// The HTML block being gathered.
    html: Option<String>,
    /// Images open: their alt text is not part of the copied text.
    images: usize,
    /// Lists open.
    lists: usize,
}

impl Renderer {
    /// Adds a line, after a blank line if a block boundary is pending.
    fn line(&mut self, text: String) {
        if self.blank && !self.lines.is_empty() {
            self.lines.push(String::new());
        }
        self.blank = false;
        self.lines.push(text);
    }

    /// Adds a block of its own: a blank line before and after.
    fn block(&mut self, text: String) {
        self.blank = true;
        self.line(text);
        self.blank = true;
    }

    fn push_text(&mut self, s: &str) {
        if let Some(code) = self.code.as_mut() {
            code.push_str(s);
        } else if self.images == 0 {
            if let Some(frame) = self.frames.last_mut() {
                frame.text.push_str(s);
            }
        }
    }

    /// A list item's own text ends where a nested block starts: it becomes a line.
    fn flush_item(&mut self) {
        let Some(frame) = self.frames.last_mut() else { return };
        if frame.kind != FrameKind::Item {
            return;
        }
        let text = collapse_ws(&std::mem::take(&mut frame.text));
        if !text.is_empty() {
            self.line(text);
        }
    }

    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => self.push_text(&t),
            Event::SoftBreak | Event::HardBreak => self.push_text(if self.code.is_some() { "\n" } else { " " }),
            Event::Html(t) => {
                if let Some(html) = self.html.as_mut() {
                    html.push_str(&t);
                }
            }
            Event::InlineHtml(t) => {
                if is_line_break_tag(&t) {
                    self.push_text(" ");
                }
            }
            Event::Rule => {
                self.flush_item();
                self.blank = true;
            }
            Event::FootnoteReference(_) | Event::TaskListMarker(_) => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => {
                self.flush_item();
                self.frames.push(Frame { kind: FrameKind::Paragraph, text: String::new() });
            }
            Tag::Heading { .. } => {
                self.flush_item();
                self.frames.push(Frame { kind: FrameKind::Heading, text: String::new() });
            }
            Tag::Item => {
                self.flush_item();
                self.frames.push(Frame { kind: FrameKind::Item, text: String::new() });
            }
            Tag::List(_) => {
                self.flush_item();
                if self.lists == 0 {
                    self.blank = true;
                }
                self.lists += 1;
            }
            Tag::BlockQuote(_) | Tag::FootnoteDefinition(_) | Tag::DefinitionList => {
                self.flush_item();
                self.blank = true;
            }
            Tag::Table(_) => {
                self.flush_item();
                self.table = Some((Vec::new(), Vec::new()));
            }
            Tag::TableCell => self.frames.push(Frame { kind: FrameKind::Cell, text: String::new() }),
            Tag::CodeBlock(_) => {
                self.flush_item();
                self.code = Some(String::new());
            }
            Tag::HtmlBlock => {
                self.flush_item();
                self.html = Some(String::new());
            }
            Tag::Image { .. } => self.images += 1,
            Tag::TableHead
            | Tag::TableRow
            | Tag::Link { .. }
            | Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::MetadataBlock(_)
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::DefinitionListTitle => self.close_frame(),
            TagEnd::TableCell => {
                if let Some(frame) = self.frames.pop() {
                    if let Some((_, row)) = self.table.as_mut() {
                        row.push(collapse_ws(&frame.text));
                    }
                }
            }
            TagEnd::TableHead | TagEnd::TableRow => {
                if let Some((rows, row)) = self.table.as_mut() {
                    rows.push(std::mem::take(row));
                }
            }
            TagEnd::Table => {
                if let Some((rows, _)) = self.table.take() {
                    self.blank = true;
                    for row in rows {
                        self.line(row.join(" ").trim_end().to_string());
                    }
                    self.blank = true;
                }
            }
            TagEnd::CodeBlock => {
                if let Some(code) = self.code.take() {
                    // Blank lines at either end of a block would read as block boundaries.
                    let code = code.replace("\r\n", "\n");
                    let first = code.find(|c: char| c != '\n').unwrap_or(code.len());
                    let code = code[first..].trim_end_matches(|c: char| c.is_whitespace());
                    if !code.is_empty() {
                        let mut lines = code.split('\n');
                        self.blank = true;
                        self.line(lines.next().unwrap_or_default().to_string());
                        // Lines inside the block keep their blank lines as they are.
                        self.lines.extend(lines.map(str::to_string));
                    }
                    self.blank = true;
                }
            }
            TagEnd::HtmlBlock => {
                if let Some(html) = self.html.take() {
                    let text = collapse_ws(&html_text(&html));
                    if !text.is_empty() {
                        self.block(text);
                    }
                }
            }
            TagEnd::List(_) => {
                self.lists = self.lists.saturating_sub(1);
                if self.lists == 0 {
                    self.blank = true;
                }
            }
            TagEnd::BlockQuote(_) | TagEnd::FootnoteDefinition | TagEnd::DefinitionList => self.blank = true,
            TagEnd::Image => self.images = self.images.saturating_sub(1),
            _ => {}
        }
    }

    /// Ends a paragraph, heading or list item and adds its text.
    fn close_frame(&mut self) {
        let Some(frame) = self.frames.pop() else { return };
        let text = collapse_ws(&frame.text);
        match frame.kind {
            FrameKind::Heading => {
                if !text.is_empty() {
                    self.block(text);
                }
            }
            FrameKind::Item => {
                if !text.is_empty() {
                    self.line(text);
                }
            }
            FrameKind::Paragraph | FrameKind::Cell => {
                let (label, text) = split_alert(&text);
                let in_list = self.lists > 0;
                if let Some(label) = label {
                    if in_list {
                        self.line(label.to_string());
                    } else {
                        self.block(label.to_string());
                    }
                }
                if text.is_empty() {
                    return;
                }
                if in_list {
                    self.line(text.to_string());
                } else {
                    self.block(text.to_string());
                }
            }
        }
    }
}

/// A DocFX alert's label and the text after the marker: `[!NOTE] Text` -> (`Note`, `Text`).
/// Other `[!...]` markers (`[!div ...]`, `[!VIDEO ...]`) are dropped without a label.
fn split_alert(text: &str) -> (Option<&'static str>, &str) {
    let Some(rest) = text.strip_prefix("[!") else { return (None, text) };
    let Some((marker, after)) = rest.split_once(']') else { return (None, text) };
    let label = match marker.trim().to_ascii_uppercase().as_str() {
        "NOTE" => Some("Note"),
        "TIP" => Some("Tip"),
        "IMPORTANT" => Some("Important"),
        "CAUTION" => Some("Caution"),
        "WARNING" => Some("Warning"),
        _ => None,
    };
    (label, after.trim())
}

/// The text of an HTML block: comments and tags removed.
fn html_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    loop {
        let comment = rest.find("<!--");
        let tag = rest.find('<');
        match (comment, tag) {
            (Some(c), _) if tag == Some(c) => {
                out.push_str(&rest[..c]);
                rest = rest[c..].find("-->").map_or("", |e| &rest[c + e + 3..]);
            }
            (_, Some(t)) => {
                out.push_str(&rest[..t]);
                out.push(' ');
                rest = rest[t..].find('>').map_or("", |e| &rest[t + e + 1..]);
            }
            _ => {
                out.push_str(rest);
                break;
            }
        }
    }
    out
}

/// `<br>`, `<br/>`, `<br />` and the like.
fn is_line_break_tag(html: &str) -> bool {
    let inner = html.trim().trim_start_matches('<').trim_end_matches('>').trim_end_matches('/').trim();
    inner.eq_ignore_ascii_case("br")
}

/// Runs of white space as one space, none at either end.
fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `../shared` beside the checkout, when it is there.
    fn shared() -> Option<PathBuf> {
        let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared");
        p.is_dir().then_some(p)
    }

    fn seed_001() -> String {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/001_80bea5d8a108aa88.txt");
        std::fs::read_to_string(path).expect("seed 001 is in docs/")
    }

    /// Lines the site shows for `profile-post-accounts.md` that its Markdown (an older revision
    /// of the page) does not hold: content the site includes, and the newer permissions text
    /// and three-column permissions table.
    const SITE_ONLY: &[&str] = &[
        "This API is available in the following national cloud deployments.",
        "Global service US Government L4 US Government L5 (DOD) China operated by 21Vianet",
        "Choose the permission or permissions marked as least privileged for this API. Use a higher privileged permission or permissions only if your app requires it. For details about delegated and application permissions, see Permission types. To learn more about these permissions, see the permissions reference.",
        "Permission type Least privileged permissions Higher privileged permissions",
        "Delegated (work or school account) User.ReadWrite User.ReadWrite.All",
        "Delegated (personal Microsoft account) User.ReadWrite Not available.",
        "Application Not supported. Not supported.",
        "Authorization Bearer {token}. Required. Learn more about authentication and authorization.",
    ];

    /// Lines of the Markdown revision that the site's newer revision no longer has.
    const MARKDOWN_ONLY: &[&str] = &[
        "One of the following permissions is required to call this API. To learn more, including how to choose permissions, see Permissions.",
        "Permission type Permissions (from least to most privileged)",
        "Delegated (work or school account) User.ReadWrite, User.ReadWrite.All",
        "Delegated (personal Microsoft account) User.ReadWrite, User.ReadWrite.All",
        "Application User.ReadWrite.All",
        "Authorization Bearer {token}. Required.",
        "Content-length: 494",
    ];

    /// The lines of `text` without the tolerated ones, each tolerated line removed once, and
    /// with the blank lines those leave behind folded.
    fn without(text: &str, tolerated: &[&str]) -> Vec<String> {
        let mut left: Vec<&str> = tolerated.to_vec();
        let mut out: Vec<String> = Vec::new();
        for line in text.lines() {
            if let Some(i) = left.iter().position(|t| *t == line) {
                left.remove(i);
                continue;
            }
            if line.is_empty() && out.last().is_some_and(|l| l.is_empty()) {
                continue;
            }
            out.push(line.to_string());
        }
        assert!(left.is_empty(), "tolerated lines that are not there (stale list?): {left:?}");
        out
    }

    #[test]
    fn profile_post_accounts_renders_as_seed_001() {
        let Some(shared) = shared() else {
            eprintln!("skipped: ../shared is not present, so profile-post-accounts.md is not at hand");
            return;
        };
        let md = std::fs::read_to_string(shared.join("corpus/graph-profile/api/profile-post-accounts.md")).unwrap();
        let rendered = render(&md);
        let seed = seed_001();
        let ours = without(&rendered, MARKDOWN_ONLY);
        let site = without(&seed, SITE_ONLY);
        for (i, (a, b)) in ours.iter().zip(&site).enumerate() {
            assert_eq!(a, b, "line {} of the common part differs\nrendered:\n{rendered}", i + 1);
        }
        assert_eq!(ours.len(), site.len(), "rendered:\n{rendered}");
        // Byte-deterministic.
        assert_eq!(render(&md), rendered);
    }

    #[test]
    fn corpus_pages_render_without_markup() {
        let Some(shared) = shared() else {
            eprintln!("skipped: ../shared is not present");
            return;
        };
        let pages = [
            "graph-v1.0/resources/user.md",
            "graph-v1.0/resources/enums.md",
            "graph-v1.0/api/user-list.md",
            "graph-v1.0/api/group-post-groups.md",
            "graph-v1.0/resources/message.md",
            "graph-profile/resources/profile.md",
        ];
        for page in pages {
            let md = std::fs::read_to_string(shared.join("corpus").join(page)).unwrap();
            let text = render(&md);
            assert!(text.lines().count() > 10, "{page}:\n{text}");
            for (i, line) in text.lines().enumerate() {
                let t = line.trim();
                let at = format!("{page}: rendered line {}: {line:?}", i + 1);
                assert!(!t.starts_with('|') && !t.ends_with('|'), "table syntax at {at}");
                assert!(!(t.contains("|") && t.contains("---")), "table delimiter at {at}");
                assert!(!t.starts_with("```") && !t.starts_with("~~~"), "fence at {at}");
                assert!(!t.contains("<!--") && !t.contains("-->"), "comment at {at}");
                assert!(!t.starts_with('#'), "heading syntax at {at}");
                assert!(!t.to_ascii_lowercase().contains("[!include"), "include at {at}");
                assert!(!t.contains("#tab/"), "tab heading at {at}");
            }
            assert!(!text.contains("\n\n\n"), "{page}: two blank lines in a row");
            // (A link the Markdown gets wrong, e.g. `[x](x.md collection)` in user.md, is text on
            // the site too, so `](` can remain.)
        }
    }

    #[test]
    fn blocks_and_inline_markup() {
        let md = "---\ntitle: \"x\"\n---\n\n# Title\nNamespace: n\n\n<!-- note -->\nSee [user](user.md) and `id`, **bold** _em_.\nNext line.\n\n\
|Property|Type|Description|\n|:--|:--|:--|\n|id|String|One<br>two. [!INCLUDE [x](y.md)] Read-only.|\n|manager|[user](user.md)||\n\n\
- one\n- two [link](x)\n  - nested\n\n> [!NOTE]\n> Quoted `text`.\n\n```http\nGET /x\n\n{\n}\n```\n## Next\n***\nEnd  \nhard\n";
        let expected = "Title\n\nNamespace: n\n\nSee user and id, bold em. Next line.\n\n\
Property Type Description\nid String One two. Read-only.\nmanager user\n\n\
one\ntwo link\nnested\n\nNote\n\nQuoted text.\n\nGET /x\n\n{\n}\n\nNext\n\nEnd hard\n";
        assert_eq!(render(md), expected);
    }

    #[test]
    fn tabs_are_dropped_except_http() {
        let md = "## Examples\n\n# [HTTP](#tab/http)\n<!-- {\"blockType\": \"request\"} -->\n```http\nGET /me\n---\n```\n\
# [C#](#tab/csharp)\n[!INCLUDE [sample-code](a.md)]\n[!INCLUDE [sdk](b.md)]\n\n# [Java](#tab/java)\n[!INCLUDE [sample-code](c.md)]\n---\n\n### Response\nText\n";
        assert_eq!(render(md), "Examples\n\nGET /me\n---\n\nResponse\n\nText\n");
        // A non-HTTP tab that is never closed ends at the next heading.
        assert_eq!(render("# [C#](#tab/csharp)\nhidden\n## Shown\nyes\n"), "Shown\n\nyes\n");
    }

    #[test]
    fn paths_and_helpers() {
        assert_eq!(txt_path("api/user-get.md"), "api/user-get.txt");
        assert_eq!(txt_path("resources/x.MD"), "resources/x.txt");
        assert_eq!(txt_path("notes"), "notes.txt");
        assert!(is_markdown_path("a/b.md") && !is_markdown_path("a/b.txt"));
        assert_eq!(strip_includes("a [!INCLUDE [x](y.md)] b [!include [z](w)]"), "a  b ");
        assert_eq!(strip_includes("[!INCLUDE [x](y.md)]"), "");
        assert_eq!(tab_heading("# [C#](#tab/csharp)"), Some("csharp"));
        assert_eq!(tab_heading("## [HTTP](#tab/http)"), Some("http"));
        assert_eq!(tab_heading("# Title"), None);
        assert_eq!(html_text("<p>a <b>b</b></p><!-- c -->d"), " a  b  d");
        assert_eq!(render(""), "");
    }

    #[test]
    fn run_writes_txt_files_and_is_idempotent() {
        let dir = tempfile::tempdir().unwrap();
        let docs = dir.path().join("docs");
        std::fs::create_dir_all(docs.join("api")).unwrap();
        std::fs::write(docs.join("api/a.md"), "# A\n\n|x|y|\n|-|-|\n|1|2|\n").unwrap();
        std::fs::write(docs.join("seed.txt"), "already plain").unwrap();
        let out = dir.path().join("out");
        let args = Args { docs: Some(docs.into()), out: Some(out.clone().into()) };
        let mut stdout = Vec::new();
        assert_eq!(run(&args, &mut stdout).unwrap(), ExitCode::SUCCESS);
        assert_eq!(std::fs::read_to_string(out.join("api/a.txt")).unwrap(), "A\n\nx y\n1 2\n");
        assert!(!out.join("seed.txt").exists());
        let mut stdout = Vec::new();
        run(&args, &mut stdout).unwrap();
        assert!(String::from_utf8(stdout).unwrap().contains("0 written, 1 unchanged"));
        assert!(run(&Args::default(), &mut Vec::new()).is_err());
    }
}
