//! The Markdown reader: pulldown-cmark events -> blocks of the page model.
//!
//! pulldown-cmark is iterative, so deep nesting cannot overflow the stack; this walker keeps
//! its own small stacks and never recurses either.

use super::annotation;
use super::text::{json_end, LineIndex};
use crate::diagnostics::{Code, Diagnostic, Pos};
use crate::page::{Annotation, Block, BlockKind, Cell, CodeBlock, Inline, Link, Row, Table};
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use std::borrow::Cow;
use std::ops::Range;

/// Reads the Markdown body of `text`, which starts at byte `body_start` (after front matter).
///
/// Positions are those of `text`, through `lines`.
pub fn read(path: &str, text: &str, body_start: usize, lines: &LineIndex) -> (Vec<Block>, Vec<Diagnostic>) {
    let mut tab_diags = Vec::new();
    let text = delimiter_tabs_as_spaces(text, body_start, |offset| {
        tab_diags.push(Diagnostic::new(
            path,
            lines.pos(offset),
            Code::TabInTable,
            "a table's delimiter row holds tabs, which Markdown tables do not allow (the table would be \
             read as a paragraph); they were read as spaces",
        ));
    });
    let mut walker = Walker::new(path, &text, lines);
    walker.diags = tab_diags;
    let mut start = body_start.min(text.len());
    let mut restarts = 0;
    while let Some(resume) = walker.run(start) {
        // An unterminated comment swallowed the rest; read on after it (the walker has reset).
        if resume <= start {
            break;
        }
        start = resume;
        restarts += 1;
        // Each fresh parse reads the whole rest of the page: past this many, further
        // unterminated comments swallow the rest, so a page of them stays linear.
        walker.may_restart = restarts < MAX_RESTARTS;
    }
    (walker.blocks, walker.diags)
}

/// `text` with the tabs of table delimiter rows (`| --- |---\t\t| --- |`) made spaces, one
/// byte for one so that every offset and column stays; `report` gets each such row's offset.
/// Rows inside fenced code are code. Borrowed when there is none, as on almost every page.
fn delimiter_tabs_as_spaces(text: &str, from: usize, mut report: impl FnMut(usize)) -> Cow<'_, str> {
    let body = text.get(from..).unwrap_or("");
    if !body.contains('\t') {
        return Cow::Borrowed(text);
    }
    let is_delimiter_row = |line: &str| {
        line.contains('|')
            && line.contains('-')
            && line.contains('\t')
            && line.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t' | '\r'))
    };
    let mut rows = Vec::new();
    let mut offset = from;
    // The fence a code block was opened with: rows inside it are code, left as they are.
    let mut fence: Option<&str> = None;
    for line in body.split_inclusive('\n') {
        let opening = line.trim_start_matches(' ');
        let marker = ["```", "~~~"].into_iter().find(|m| opening.starts_with(m));
        match (fence, marker) {
            (None, Some(m)) => fence = Some(m),
            (Some(open), Some(m)) if open == m => fence = None,
            (None, None) if is_delimiter_row(line.trim_end_matches('\n')) => rows.push(offset..offset + line.len()),
            _ => {}
        }
        offset += line.len();
    }
    if rows.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut fixed = text.to_string();
    for row in rows {
        report(row.start);
        fixed.replace_range(row.clone(), &text[row].replace('\t', " "));
    }
    Cow::Owned(fixed)
}

/// How many unterminated comments a page may have before the next one hides the rest.
const MAX_RESTARTS: usize = 32;

/// Inline content being gathered for a paragraph, heading, cell or list item.
#[derive(Debug, Default)]
struct InlineBuf {
    text: String,
    links: Vec<Link>,
    code_spans: Vec<String>,
    /// Links not closed yet: where their text starts in `text`, and their target.
    open_links: Vec<(usize, String)>,
    /// Images open; their alt text is not shown on the rendered page, so it is left out.
    images: usize,
    /// Byte offset of the first inline event, for the position of list item text.
    first: Option<usize>,
}

impl InlineBuf {
    fn note_start(&mut self, offset: usize) {
        self.first.get_or_insert(offset);
    }

    fn push_text(&mut self, s: &str, offset: usize) {
        if self.images == 0 {
            self.note_start(offset);
            self.text.push_str(s);
        }
    }

    fn is_empty(&self) -> bool {
        self.text.trim().is_empty() && self.links.is_empty()
    }

    fn finish(self) -> Inline {
        Inline { text: super::text::collapse_ws_owned(self.text), links: self.links, code_spans: self.code_spans }
    }
}

/// What an open inline frame will become.
#[derive(Debug, Clone, Copy)]
enum FrameKind {
    Paragraph(Pos),
    Heading(u8, Pos),
    Cell(Pos),
    /// A list item: its direct (tight) text becomes a paragraph.
    Item,
}

#[derive(Debug)]
struct Frame {
    kind: FrameKind,
    buf: InlineBuf,
}

/// A table being gathered.
#[derive(Debug)]
struct TableBuf {
    pos: Pos,
    header: Vec<Cell>,
    rows: Vec<Row>,
    row: Option<Row>,
    in_head: bool,
}

/// A code block being gathered.
#[derive(Debug)]
struct CodeBuf {
    pos: Pos,
    lang: Option<String>,
    fenced: bool,
    text: String,
    first: Option<usize>,
    annotation: Option<Annotation>,
}

/// An annotation comment waiting for the code block it belongs to.
#[derive(Debug, Clone)]
struct Pending {
    pos: Pos,
    body: String,
}

/// Walks the events of one parse and builds blocks.
struct Walker<'t> {
    path: &'t str,
    text: &'t str,
    lines: &'t LineIndex<'t>,
    blocks: Vec<Block>,
    diags: Vec<Diagnostic>,
    frames: Vec<Frame>,
    table: Option<TableBuf>,
    code: Option<CodeBuf>,
    /// The HTML block being gathered: its text and, per piece, (offset in text, source offset).
    html: Option<(String, Vec<(usize, usize)>)>,
    pending: Option<Pending>,
    /// False once [`MAX_RESTARTS`] fresh parses were made.
    may_restart: bool,
}

impl<'t> Walker<'t> {
    fn new(path: &'t str, text: &'t str, lines: &'t LineIndex<'t>) -> Self {
        Walker {
            path,
            text,
            lines,
            blocks: Vec::new(),
            diags: Vec::new(),
            frames: Vec::new(),
            table: None,
            code: None,
            html: None,
            pending: None,
            may_restart: true,
        }
    }

    /// Drops half-built state before a fresh parse.
    fn reset(&mut self) {
        self.frames.clear();
        self.table = None;
        self.code = None;
        self.html = None;
        self.pending = None;
    }

    /// Parses `text[start..]`; returns where to resume when an unterminated comment ate the rest.
    fn run(&mut self, start: usize) -> Option<usize> {
        let body = self.text.get(start..).unwrap_or("");
        let parser = Parser::new_ext(body, Options::ENABLE_TABLES).into_offset_iter();
        for (event, range) in parser {
            let range = (range.start + start)..(range.end + start);
            if let Some(resume) = self.event(event, range) {
                return Some(resume);
            }
        }
        None
    }

    fn pos(&self, offset: usize) -> Pos {
        self.lines.pos(offset)
    }

    /// Handles one event; `Some(offset)` asks to stop and resume parsing there.
    fn event(&mut self, event: Event<'_>, range: Range<usize>) -> Option<usize> {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => return self.end(tag),
            Event::Text(t) => self.text_event(&t, range.start),
            Event::Code(t) => {
                if let Some(buf) = self.inline_buf() {
                    buf.push_text(&t, range.start);
                    if buf.images == 0 {
                        buf.code_spans.push(t.to_string());
                    }
                }
            }
            Event::InlineMath(t) | Event::DisplayMath(t) => self.text_event(&t, range.start),
            Event::Html(t) => {
                if let Some((text, pieces)) = self.html.as_mut() {
                    pieces.push((text.len(), range.start));
                    text.push_str(&t);
                }
            }
            Event::InlineHtml(t) => {
                if is_line_break_tag(&t) {
                    self.text_event(" ", range.start);
                }
            }
            Event::SoftBreak | Event::HardBreak => self.text_event(" ", range.start),
            Event::Rule => {
                self.flush_item_text();
                self.pending = None;
            }
            Event::FootnoteReference(_) | Event::TaskListMarker(_) => {}
        }
        None
    }

    /// The innermost inline buffer, if text is being gathered.
    fn inline_buf(&mut self) -> Option<&mut InlineBuf> {
        self.frames.last_mut().map(|f| &mut f.buf)
    }

    fn text_event(&mut self, t: &str, offset: usize) {
        if let Some(code) = self.code.as_mut() {
            code.first.get_or_insert(offset);
            code.text.push_str(t);
        } else if let Some(buf) = self.inline_buf() {
            buf.push_text(t, offset);
        }
    }

    /// A list item's own text ends where a nested block starts: emit it as a paragraph.
    fn flush_item_text(&mut self) {
        let Some(frame) = self.frames.last_mut() else {
            return;
        };
        if !matches!(frame.kind, FrameKind::Item) || frame.buf.is_empty() {
            return;
        }
        let buf = std::mem::take(&mut frame.buf);
        let pos = self.pos(buf.first.unwrap_or(0));
        self.blocks.push(Block { pos, kind: BlockKind::Paragraph(buf.finish()) });
    }

    fn push_frame(&mut self, kind: FrameKind) {
        self.frames.push(Frame { kind, buf: InlineBuf::default() });
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        // The position is worked out only for the blocks that keep it: inline tags are many.
        match tag {
            Tag::Paragraph => {
                self.flush_item_text();
                self.pending = None;
                self.push_frame(FrameKind::Paragraph(self.pos(range.start)));
            }
            Tag::Heading { level, .. } => {
                self.flush_item_text();
                self.pending = None;
                self.push_frame(FrameKind::Heading(level as u8, self.pos(range.start)));
            }
            Tag::Item => {
                self.flush_item_text();
                self.pending = None;
                self.push_frame(FrameKind::Item);
            }
            Tag::List(_) | Tag::BlockQuote(_) | Tag::FootnoteDefinition(_) | Tag::DefinitionList => {
                self.flush_item_text();
                self.pending = None;
            }
            Tag::Table(_) => {
                self.flush_item_text();
                self.pending = None;
                self.table = Some(TableBuf {
                    pos: self.pos(range.start),
                    header: Vec::new(),
                    rows: Vec::new(),
                    row: None,
                    in_head: false,
                });
            }
            Tag::TableHead => {
                if let Some(t) = self.table.as_mut() {
                    t.in_head = true;
                }
            }
            Tag::TableRow => {
                let pos = self.lines.pos_skipping_space(range.start, range.end);
                if let Some(t) = self.table.as_mut() {
                    t.row = Some(Row { pos, cells: Vec::new() });
                }
            }
            Tag::TableCell => {
                let pos = self.lines.pos_skipping_space(range.start, range.end);
                self.push_frame(FrameKind::Cell(pos));
            }
            Tag::CodeBlock(kind) => {
                self.flush_item_text();
                let (lang, fenced) = match kind {
                    CodeBlockKind::Fenced(info) => (fence_lang(&info), true),
                    CodeBlockKind::Indented => (None, false),
                };
                if fenced {
                    self.check_fence_closed(range.clone());
                }
                let annotation = self.take_annotation();
                let pos = self.pos(range.start);
                self.code = Some(CodeBuf { pos, lang, fenced, text: String::new(), first: None, annotation });
            }
            Tag::HtmlBlock => {
                self.flush_item_text();
                self.html = Some((String::new(), Vec::new()));
            }
            Tag::Link { dest_url, .. } => {
                if let Some(buf) = self.inline_buf() {
                    buf.note_start(range.start);
                    let at = buf.text.len();
                    buf.open_links.push((at, dest_url.to_string()));
                }
            }
            Tag::Image { .. } => {
                if let Some(buf) = self.inline_buf() {
                    buf.images += 1;
                }
            }
            Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::MetadataBlock(_)
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition => {}
        }
    }

    fn end(&mut self, tag: TagEnd) -> Option<usize> {
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item => self.close_frame(),
            TagEnd::TableCell => self.close_cell(),
            TagEnd::TableHead => {
                if let Some(t) = self.table.as_mut() {
                    t.in_head = false;
                }
            }
            TagEnd::TableRow => {
                if let Some(t) = self.table.as_mut() {
                    if let Some(row) = t.row.take() {
                        t.rows.push(row);
                    }
                }
            }
            TagEnd::Table => {
                if let Some(t) = self.table.take() {
                    let table = Table { header: t.header, rows: t.rows };
                    self.blocks.push(Block { pos: t.pos, kind: BlockKind::Table(table) });
                }
            }
            TagEnd::CodeBlock => self.close_code(),
            TagEnd::HtmlBlock => return self.close_html(),
            TagEnd::Link => {
                if let Some(buf) = self.inline_buf() {
                    if let Some((at, target)) = buf.open_links.pop() {
                        let text = super::text::collapse_ws(buf.text.get(at..).unwrap_or(""));
                        buf.links.push(Link { text, target });
                    }
                }
            }
            TagEnd::Image => {
                if let Some(buf) = self.inline_buf() {
                    buf.images = buf.images.saturating_sub(1);
                }
            }
            _ => {}
        }
        None
    }

    /// Ends a table cell and files it under the header or the current row.
    fn close_cell(&mut self) {
        let Some(Frame { kind: FrameKind::Cell(pos), buf }) = self.frames.pop() else {
            return;
        };
        let cell = Cell { pos, content: buf.finish() };
        if let Some(t) = self.table.as_mut() {
            match t.row.as_mut() {
                Some(row) if !t.in_head => row.cells.push(cell),
                _ => t.header.push(cell),
            }
        }
    }

    /// Ends a paragraph, heading or list item and emits what it held.
    fn close_frame(&mut self) {
        let Some(frame) = self.frames.pop() else {
            return;
        };
        let kind = match frame.kind {
            FrameKind::Paragraph(pos) => (pos, false, 0),
            FrameKind::Heading(level, pos) => (pos, true, level),
            FrameKind::Item => {
                let pos = self.pos(frame.buf.first.unwrap_or(0));
                (pos, false, 0)
            }
            FrameKind::Cell(_) => return,
        };
        let (pos, heading, level) = kind;
        if heading {
            self.blocks.push(Block { pos, kind: BlockKind::Heading { level, text: frame.buf.finish() } });
        } else if !frame.buf.is_empty() {
            self.blocks.push(Block { pos, kind: BlockKind::Paragraph(frame.buf.finish()) });
        }
    }

    fn close_code(&mut self) {
        let Some(code) = self.code.take() else { return };
        let content_pos = match code.first {
            Some(off) => self.pos(off),
            None if code.fenced => Pos::new(code.pos.line.saturating_add(1), 1),
            None => code.pos,
        };
        // Line ends as `\n`; the text is copied only when it holds a `\r` (rarely: code blocks
        // are most of a page). Only `\r\n` is left to replace: decoding made every lone `\r`
        // a `\n` (see `text::lone_cr_as_lf`).
        let mut text = code.text;
        if text.contains('\r') {
            text = text.replace("\r\n", "\n");
        }
        if text.ends_with('\n') {
            text.pop();
        }
        let block = CodeBlock { lang: code.lang, text, content_pos, annotation: code.annotation };
        self.blocks.push(Block { pos: code.pos, kind: BlockKind::Code(block) });
    }

    /// Ends an HTML block: annotation comments are kept for the next code block; anything
    /// else breaks the link between an earlier annotation and a later block.
    fn close_html(&mut self) -> Option<usize> {
        let (html, pieces) = self.html.take()?;
        let found = annotation::comments(&html);
        if found.other_content {
            self.pending = None;
        }
        let source_offset = |at: usize| -> usize {
            let i = pieces.partition_point(|&(p, _)| p <= at).saturating_sub(1);
            pieces.get(i).map_or(0, |&(p, src)| src + (at - p))
        };
        for c in &found.comments {
            let src = source_offset(c.offset);
            let pos = self.pos(src);
            if !c.terminated {
                if !self.may_restart {
                    self.diags.push(Diagnostic::new(
                        self.path,
                        pos,
                        Code::Unterminated,
                        format!(
                            "comment is never closed with `-->`, after {MAX_RESTARTS} others that were not; \
                             the rest of the page was skipped"
                        ),
                    ));
                    return None;
                }
                return Some(self.unterminated(c.body, src, pos));
            }
            if !found.other_content && annotation::looks_like_annotation(c.body) {
                self.pending = Some(Pending { pos, body: c.body.to_string() });
            }
        }
        None
    }

    /// A comment with no `-->` runs to the end of the page, hiding the rest. Takes it to end
    /// where its JSON object closes (annotations) or at the end of its first line, and says so.
    fn unterminated(&mut self, body: &str, src: usize, pos: Pos) -> usize {
        let body_start = src + 4;
        let rest = self.text.get(body_start..).unwrap_or("");
        let line_end = |from: usize| rest.get(from..).and_then(|s| s.find('\n')).map_or(rest.len(), |i| from + i + 1);
        let is_annotation = annotation::looks_like_annotation(body);
        let end = match json_end(rest) {
            Some(end) if is_annotation => line_end(end),
            _ => line_end(0),
        };
        let end_line = self.pos(body_start + end.saturating_sub(1)).line;
        if is_annotation {
            let json = rest.get(..end).unwrap_or("");
            self.pending = Some(Pending { pos, body: json.to_string() });
            self.diags.push(Diagnostic::new(
                self.path,
                pos,
                Code::BadAnnotation,
                format!("annotation comment is never closed with `-->`; took it to end at line {end_line} and read on after it"),
            ));
        } else {
            self.diags.push(Diagnostic::new(
                self.path,
                pos,
                Code::Unterminated,
                format!("comment is never closed with `-->`; took it to end at line {end_line} and read on after it"),
            ));
        }
        let resume = body_start + end;
        // Keep the annotation across the fresh parse that `read` starts.
        let pending = self.pending.take();
        self.reset();
        self.pending = pending;
        resume
    }

    /// Reports a fenced code block (its whole `range`) that runs to the end of the page
    /// because its closing fence is missing: the rest of the page was read as code.
    fn check_fence_closed(&mut self, range: Range<usize>) {
        let Some(block) = self.text.get(range.clone()) else { return };
        if !self.text.get(range.end..).is_some_and(|rest| rest.trim().is_empty()) {
            return;
        }
        let opener = block.trim_start_matches([' ', '\t', '>']);
        let Some(fence_char) = opener.chars().next().filter(|c| matches!(c, '`' | '~')) else { return };
        let width = opener.chars().take_while(|&c| c == fence_char).count();
        let mut lines = block.lines();
        lines.next();
        let closed = lines.last().is_some_and(|last| {
            let t = last.trim_start_matches([' ', '\t', '>']).trim_end();
            t.chars().take_while(|&c| c == fence_char).count() >= width && t.chars().all(|c| c == fence_char)
        });
        if !closed {
            self.diags.push(Diagnostic::new(
                self.path,
                self.pos(range.start),
                Code::Unterminated,
                "code fence is never closed; the rest of the page was read as its code",
            ));
        }
    }

    /// The pending annotation, parsed, for the code block starting now.
    fn take_annotation(&mut self) -> Option<Annotation> {
        let pending = self.pending.take()?;
        match annotation::parse(&pending.body) {
            Ok(fields) => Some(Annotation { pos: pending.pos, fields }),
            Err(why) => {
                self.diags.push(Diagnostic::new(
                    self.path,
                    pending.pos,
                    Code::BadAnnotation,
                    format!("annotation before the code block cannot be read: {why}; the block was read without it"),
                ));
                None
            }
        }
    }
}

/// The language of a fence's info string: its first word, lower-cased.
fn fence_lang(info: &str) -> Option<String> {
    info.split_whitespace().next().map(str::to_lowercase)
}

/// `<br>`, `<br/>`, `<br />` and the like: a line break in rendered text.
fn is_line_break_tag(html: &str) -> bool {
    let inner = html.trim().trim_start_matches('<').trim_end_matches('>').trim_end_matches('/').trim();
    inner.eq_ignore_ascii_case("br")
}
