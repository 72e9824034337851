//! Tests of the whole reader: the seeds in `docs/`, odd input, and the corpus when present.

use super::{detect_form, read_page};
use crate::diagnostics::{Code, Pos};
use crate::page::{Block, BlockKind, CodeBlock, Inline, Page, PageForm, Table};
use std::path::{Path, PathBuf};

/// A file under the workspace, by path relative to the generator crate.
fn manifest_path(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// Reads a seed from `docs/`.
fn seed(name: &str) -> Page {
    let path = manifest_path(&format!("../docs/{name}"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    read_page(name, &bytes)
}

const SEEDS: [&str; 5] = [
    "000_ab44d0b31e107d6d.txt",
    "001_80bea5d8a108aa88.txt",
    "002_b1241f6da8fd8cb5.txt",
    "003_cffcb497cfd3d403.txt",
    "004_e45f48337745c309.txt",
];

fn headings(page: &Page) -> Vec<(u8, String)> {
    page.blocks
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::Heading { level, text } => Some((*level, text.text.clone())),
            _ => None,
        })
        .collect()
}

fn codes(page: &Page) -> Vec<(&Block, &CodeBlock)> {
    page.blocks
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::Code(c) => Some((b, c)),
            _ => None,
        })
        .collect()
}

fn tables(page: &Page) -> Vec<(&Block, &Table)> {
    page.blocks
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::Table(t) => Some((b, t)),
            _ => None,
        })
        .collect()
}

fn paragraphs(page: &Page) -> Vec<&Inline> {
    page.blocks
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::Paragraph(p) => Some(p),
            _ => None,
        })
        .collect()
}

fn md(text: &str) -> Page {
    read_page("t.md", text.as_bytes())
}

#[test]
fn form_of_every_seed() {
    for name in SEEDS {
        let page = seed(name);
        let want = if name.starts_with("001") { PageForm::PlainText } else { PageForm::Markdown };
        assert_eq!(page.form, want, "{name}");
    }
    assert_eq!(detect_form("Title\n\nSome text.\n\nGET /me\n"), PageForm::PlainText);
    assert_eq!(detect_form("# Title\n\nSome text.\n"), PageForm::Markdown);
    assert_eq!(detect_form("Title\n\n|a|b|\n|---|---|\n"), PageForm::Markdown);
    assert_eq!(detect_form(""), PageForm::PlainText);
}

#[test]
fn seed_000_positions_front_matter_and_annotations() {
    let page = seed("000_ab44d0b31e107d6d.txt");
    assert!(page.diagnostics.is_empty(), "{:?}", page.diagnostics);
    assert_eq!(page.front_matter.get("title").map(String::as_str), Some("Create userAccountInformation"));
    assert!(page.front_matter.get("author").is_some_and(|a| a.starts_with("**TODO:")));
    assert_eq!(page.front_matter.get("doc_type").map(String::as_str), Some("apiPageType"));

    let first = &page.blocks[0];
    assert_eq!(first.pos, Pos::new(10, 1));
    assert!(
        matches!(&first.kind, BlockKind::Heading { level: 1, text } if text.text == "Create userAccountInformation")
    );

    let (_, body) = tables(&page)[2];
    assert_eq!(body.header.len(), 3);
    let row = &body.rows[1];
    assert_eq!(row.pos, Pos::new(48, 1));
    assert_eq!(row.cells[0].pos, Pos::new(48, 2));
    assert_eq!(row.cells[1].pos, Pos::new(48, 19));
    let desc = &row.cells[2].content;
    assert!(desc.text.starts_with("TODO: Add Description Inherited from itemFacet. Possible values are: me, family,"));
    assert_eq!(desc.links.len(), 1);
    assert_eq!(desc.links[0].text, "itemFacet");
    assert_eq!(desc.links[0].target, "../resources/itemfacet.md");
    assert_eq!(desc.code_spans.first().map(String::as_str), Some("me"));
    assert_eq!(desc.code_spans.len(), 8);

    let blocks = codes(&page);
    assert_eq!(blocks.len(), 3);
    let (block, http) = blocks[0];
    assert_eq!(block.pos, Pos::new(30, 1));
    assert_eq!(http.content_pos, Pos::new(31, 1));
    assert_eq!(http.lang.as_deref(), Some("http"));
    assert_eq!(http.text, "POST /user/{userId}/profile/account");
    assert_eq!(http.annotation.as_ref().and_then(|a| a.str("blockType")), Some("ignored"));

    let (_, request) = blocks[1];
    let ann = request.annotation.as_ref();
    assert_eq!(ann.and_then(|a| a.str("name")), Some("create_useraccountinformation_from_"));
    assert!(request.text.starts_with("POST https://graph.microsoft.com/beta/user/{userId}/profile/account\n"));
    assert!(request.text.ends_with("\"userPrincipalName\": \"String\"\n}"));

    let (_, response) = blocks[2];
    let ann = response.annotation.as_ref();
    assert_eq!(ann.map(|a| a.pos), Some(Pos::new(103, 1)));
    assert_eq!(ann.and_then(|a| a.str("blockType")), Some("response"));
    assert_eq!(ann.and_then(|a| a.bool("truncated")), Some(true));
    assert_eq!(ann.and_then(|a| a.str("@odata.type")), Some("microsoft.graph.useraccountinformation"));
    assert_eq!(response.content_pos, Pos::new(110, 1));
}

#[test]
fn all_markdown_seeds_read_cleanly() {
    for name in SEEDS.iter().filter(|n| !n.starts_with("001")) {
        let page = seed(name);
        assert!(page.diagnostics.is_empty(), "{name}: {:?}", page.diagnostics);
        assert_eq!(headings(&page).first().map(|h| h.0), Some(1), "{name}");
        let annotated = codes(&page).iter().filter(|(_, c)| c.annotation.is_some()).count();
        assert_eq!(annotated, codes(&page).len(), "{name}: every code block is annotated");
    }
}

#[test]
fn inline_markup_is_removed() {
    let page = md("# T\n\nA **bold** *em* [link](x.md) `code`<br>next\nline <span>tag</span> ![img](i.png).\n");
    let p = paragraphs(&page);
    assert_eq!(p[0].text, "A bold em link code next line tag .");
    assert_eq!(p[0].links.len(), 1);
    assert_eq!(p[0].code_spans, vec!["code".to_string()]);
}

#[test]
fn escaped_pipe_stays_in_one_cell() {
    let page = md("# T\n\n|Name|Type|\n|:--|:--|\n|a \\| b|`x\\|y`|\n");
    let (_, t) = tables(&page)[0];
    assert_eq!(t.rows[0].cells.len(), 2);
    assert_eq!(t.rows[0].cells[0].content.text, "a | b");
    assert_eq!(t.rows[0].cells[1].content.code_spans, vec!["x|y".to_string()]);
}

#[test]
fn tabs_in_a_delimiter_row_still_make_a_table() {
    let page =
        md("# T\n\n| Property | Type\t \t| Description |\n| --- |---\t \t| --- |\n| id\t| String\t| The id. |\n");
    let found = tables(&page);
    assert_eq!(found.len(), 1, "{:?}", page.blocks);
    let (block, t) = found[0];
    assert_eq!(block.pos, Pos { line: 3, column: 1 });
    assert_eq!(t.rows[0].cells[0].content.text, "id");
    assert_eq!(t.rows[0].cells[2].content.text, "The id.");
    assert_eq!(t.rows[0].pos.line, 5);
    let told: Vec<_> = page.diagnostics.iter().filter(|d| d.code == Code::TabInTable).collect();
    assert_eq!(told.len(), 1, "{:?}", page.diagnostics);
    assert_eq!((told[0].line, told[0].column), (4, 1));
    // Tabs elsewhere (in cells, in code) change nothing and are not reported.
    let page = md("# T\n\n|Name|Type|\n|:--|:--|\n|a\tb|c|\n\n```\n|--\t|\n```\n");
    assert!(page.diagnostics.iter().all(|d| d.code != Code::TabInTable));
}

#[test]
fn tabs_includes_and_list_items() {
    let text = "# T\n\n# [HTTP](#tab/http)\n[!INCLUDE [sample-code](../x.md)]\n\n- one\n- two [x](y.md)\n  - nested\n\n1. loose\n\n   para\n";
    let page = md(text);
    let h = headings(&page);
    assert_eq!(h[1], (1, "HTTP".to_string()));
    let tab = page.blocks.iter().find_map(|b| match &b.kind {
        BlockKind::Heading { text, .. } if text.text == "HTTP" => Some(text),
        _ => None,
    });
    assert_eq!(tab.map(|t| t.links[0].target.as_str()), Some("#tab/http"));
    let p: Vec<&str> = paragraphs(&page).iter().map(|p| p.text.as_str()).collect();
    assert_eq!(p, ["[!INCLUDE sample-code]", "one", "two x", "nested", "loose", "para"]);
    let two = page.blocks.iter().find(|b| matches!(&b.kind, BlockKind::Paragraph(p) if p.text == "two x"));
    assert_eq!(two.map(|b| b.pos), Some(Pos::new(7, 3)));
}

#[test]
fn annotation_rules() {
    // Trailing comma accepted; other comments and blank lines in between are fine.
    let page = md("# T\n\n<!-- {\n  \"blockType\": \"request\",\n  \"name\": \"x\",\n} -->\n\n<!-- markdownlint-disable MD024 -->\n\n```HTTP\nGET /me\n```\n");
    assert!(page.diagnostics.is_empty(), "{:?}", page.diagnostics);
    let (_, c) = codes(&page)[0];
    assert_eq!(c.lang.as_deref(), Some("http"));
    assert_eq!(c.annotation.as_ref().map(|a| a.pos), Some(Pos::new(3, 1)));
    assert_eq!(c.annotation.as_ref().and_then(|a| a.str("name")), Some("x"));

    // `<!--` alone on its line, a blank line inside the comment, indented fence.
    let page = md("# T\n\n<!--\n{\n\n  \"blockType\": \"response\"\n}\n-->\n  ```json\n  {}\n  ```\n");
    let (_, c) = codes(&page)[0];
    assert_eq!(c.annotation.as_ref().and_then(|a| a.str("blockType")), Some("response"));
    assert_eq!(c.annotation.as_ref().map(|a| a.pos), Some(Pos::new(3, 1)));
    assert_eq!(c.content_pos, Pos::new(10, 3));

    // Malformed: a diagnostic where the comment starts, and no annotation.
    let page = md("# T\n\n<!-- { \"blockType\": \"request\" \"name\": } -->\n```http\nGET /me\n```\n");
    assert_eq!(page.diagnostics.len(), 1);
    assert_eq!(page.diagnostics[0].code, Code::BadAnnotation);
    assert_eq!((page.diagnostics[0].line, page.diagnostics[0].column), (3, 1));
    assert!(codes(&page)[0].1.annotation.is_none());

    // Text between the comment and the block: not its annotation, and no complaint.
    let page = md("<!-- { \"blockType\": \"ignored\" } -->\nSome text.\n```http\nGET /me\n```\n");
    assert!(codes(&page)[0].1.annotation.is_none());
    assert!(page.diagnostics.is_empty());

    // Non-JSON comments alone are ignored silently.
    let page = md("# T\n<!-- uuid: 8fcb5dbc\n2015-10-25 14:57:30 UTC -->\n```json\n{}\n```\n");
    assert!(page.diagnostics.is_empty() && codes(&page)[0].1.annotation.is_none());
}

#[test]
fn unterminated_comment_and_fence() {
    let page = md("# T\n<!-- { \"blockType\": \"request\" }\n```http\nGET /me\n```\n\n## After\n");
    assert!(page.diagnostics.iter().any(|d| d.code == Code::BadAnnotation), "{:?}", page.diagnostics);
    let c = codes(&page);
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].1.annotation.as_ref().and_then(|a| a.str("blockType")), Some("request"));
    assert_eq!(c[0].0.pos, Pos::new(3, 1));
    assert_eq!(headings(&page).last().map(|h| h.1.as_str()), Some("After"));

    let page = md("# T\n```json\n{ \"a\": 1\n");
    let c = codes(&page);
    assert_eq!(c[0].1.text, "{ \"a\": 1");
    let page = md("# T\n<!-- never closed\n\nText\n");
    assert_eq!(paragraphs(&page).first().map(|p| p.text.as_str()), Some("Text"));
}

#[test]
fn unterminated_comments_and_fences_are_reported_where_they_start() {
    let at = |page: &Page| -> Vec<(Code, u32, u32)> {
        page.diagnostics.iter().map(|d| (d.code, d.line, d.column)).collect()
    };
    let page = md("# T\n\n<!-- never closed\n\nText\n");
    assert_eq!(at(&page), [(Code::Unterminated, 3, 1)]);
    assert_eq!(paragraphs(&page).first().map(|p| p.text.as_str()), Some("Text"));
    let page = md("# T\n\n~~~~json\n{ \"a\": 1\n~~~\n");
    assert_eq!(at(&page), [(Code::Unterminated, 3, 1)]);
    assert_eq!(codes(&page)[0].1.text, "{ \"a\": 1\n~~~");
    // Closed fences, also at the very end and inside a quote, are fine.
    for text in ["# T\n\n```json\n{}\n```", "# T\n\n> ```\n> x\n> ```\n", "# T\n\n````\n```\n````\n\nText\n"] {
        assert!(md(text).diagnostics.is_empty(), "{text:?}: {:?}", md(text).diagnostics);
    }
}

/// Every unterminated comment made the reader parse the rest of the page again: 20,000 of
/// them took minutes (found by the hostile corpus). Past a few, the next one hides the rest.
#[test]
fn many_unterminated_comments_stay_linear() {
    let text = format!("# T\n\n{}", "<!--\n\n".repeat(20_000));
    let started = std::time::Instant::now();
    let page = md(&text);
    assert!(started.elapsed().as_secs() < 5, "took {:?}", started.elapsed());
    let unterminated: Vec<_> = page.diagnostics.iter().filter(|d| d.code == Code::Unterminated).collect();
    assert_eq!(unterminated.len(), 33);
    assert!(unterminated[32].message.contains("the rest of the page was skipped"), "{:?}", unterminated[32]);
    assert_eq!((unterminated[32].line, unterminated[32].column), (3 + 2 * 32, 1));
}

#[test]
fn unterminated_front_matter_is_reported() {
    let page = md("---\ntitle: \"X\"\n\n# X\n\n```http\nGET /x\n```\n");
    assert_eq!(page.form, PageForm::Markdown);
    assert_eq!(page.diagnostics.len(), 1);
    assert_eq!(page.diagnostics[0].code, Code::FrontMatter);
    assert_eq!(page.front_matter.get("title").map(String::as_str), Some("X"));
    assert_eq!(headings(&page), vec![(1, "X".to_string())]);
    assert_eq!(page.blocks[0].pos, Pos::new(4, 1));

    let page = md("---\ntitle: [\n---\n# X\n");
    assert_eq!(page.diagnostics.len(), 1);
    assert_eq!(page.diagnostics[0].code, Code::FrontMatter);
    assert_eq!(page.blocks[0].pos, Pos::new(4, 1));
}

#[test]
fn odd_bytes_do_not_panic_and_keep_positions() {
    let lf = std::fs::read(manifest_path("../docs/000_ab44d0b31e107d6d.txt")).unwrap_or_default();
    let crlf: Vec<u8> = String::from_utf8_lossy(&lf).replace('\n', "\r\n").into_bytes();
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(&crlf);
    let a = read_page("a", &lf);
    let b = read_page("b", &bom);
    assert!(b.diagnostics.is_empty(), "{:?}", b.diagnostics);
    assert_eq!(a.blocks, b.blocks, "CRLF and a BOM change nothing");
    assert_eq!(a.front_matter, b.front_matter);

    let bad = read_page("x", b"# T\n\nok \xFF\xFE here\n");
    assert_eq!(bad.diagnostics.len(), 1);
    assert_eq!(bad.diagnostics[0].code, Code::InvalidUtf8);
    assert_eq!((bad.diagnostics[0].line, bad.diagnostics[0].column), (3, 4));
    assert_eq!(paragraphs(&bad)[0].text, "ok \u{FFFD}\u{FFFD} here");

    let nul = read_page("x", b"# T\0\n\nA\0B\n");
    assert_eq!(nul.diagnostics.len(), 1);
    assert!(!format!("{:?}", nul.blocks).contains('\0'));

    for input in [&b""[..], b"\n\n", b"\xEF\xBB\xBF", b"---", b"---\n---", b"\r", b"\0", b"```", b"<!--", b"|", b"{"] {
        let page = read_page("e", input);
        assert!(page.blocks.len() <= 2, "{input:?}: {:?}", page.blocks);
    }
}

#[test]
fn deep_nesting_does_not_panic() {
    let quotes = format!("# T\n\n{} deep\n", ">".repeat(5000));
    let page = md(&quotes);
    assert_eq!(paragraphs(&page).last().map(|p| p.text.as_str()), Some("deep"));
    let mut list = String::from("# T\n\n");
    for depth in 0..5000 {
        list.push_str(&" ".repeat(depth * 2));
        list.push_str("- item\n");
    }
    let page = md(&list);
    assert!(!page.blocks.is_empty());
    let brackets = format!("# T\n\n{}{}\n", "[".repeat(5000), "]".repeat(5000));
    let _ = md(&brackets);
    let plain = read_page("p", format!("Title\n\n{}\n", "{".repeat(5000)).as_bytes());
    assert_eq!(codes(&plain).len(), 1);
}

/// The rendered-site copy of a page (seed 001) reads like its Markdown source where
/// extraction looks: section headings, the request body table, the HTTP code blocks.
#[test]
fn plain_text_reads_like_its_markdown() {
    let md_path = manifest_path("../../shared/corpus/graph-profile/api/profile-post-accounts.md");
    let Ok(md_bytes) = std::fs::read(&md_path) else {
        eprintln!("skipped: {} is not there", md_path.display());
        return;
    };
    let markdown = read_page("profile-post-accounts.md", &md_bytes);
    let plain = seed("001_80bea5d8a108aa88.txt");
    assert_eq!(markdown.form, PageForm::Markdown);
    assert_eq!(plain.form, PageForm::PlainText);

    let is_tab = |b: &&Block| matches!(&b.kind, BlockKind::Heading { text, .. } if text.links.iter().any(|l| l.target.starts_with("#tab/")));
    let section_headings = |p: &Page| -> Vec<(u8, String)> {
        p.blocks
            .iter()
            .filter(|b| !is_tab(b))
            .filter_map(|b| match &b.kind {
                BlockKind::Heading { level, text } => Some((*level, text.text.clone())),
                _ => None,
            })
            .collect()
    };
    assert_eq!(section_headings(&plain), section_headings(&markdown));

    let body_table = |p: &Page| -> Vec<Vec<String>> {
        let after = p
            .blocks
            .iter()
            .position(|b| matches!(&b.kind, BlockKind::Heading { text, .. } if text.text == "Request body"));
        let table = p.blocks.iter().skip(after.unwrap_or(usize::MAX)).find_map(|b| match &b.kind {
            BlockKind::Table(t) => Some(t),
            _ => None,
        });
        table.map_or_else(Vec::new, |t| {
            t.rows.iter().map(|r| r.cells.iter().map(|c| c.content.text.clone()).collect()).collect()
        })
    };
    let want = body_table(&markdown);
    assert_eq!(want.len(), 5);
    assert_eq!(body_table(&plain), want);

    let http = |p: &Page| -> Vec<String> {
        codes(p)
            .iter()
            .filter(|(_, c)| c.lang.as_deref() == Some("http"))
            .map(|(_, c)| c.text.lines().filter(|l| !l.starts_with("Content-length")).collect::<Vec<_>>().join("\n"))
            .collect()
    };
    let want = http(&markdown);
    assert_eq!(want.len(), 3);
    assert_eq!(want[0], "POST /me/profile/account\nPOST /users/{id | userPrincipalName}/profile/account");
    assert_eq!(http(&plain), want);

    // Positions in the plain text are its own lines.
    let (block, _) = codes(&plain)[0];
    assert_eq!(block.pos, Pos::new(22, 1));
}

/// Every page of the v1.0 corpus: no panic, a heading on every page, and how many
/// annotations could not be read.
#[test]
fn corpus_reads_without_panic() {
    let root = manifest_path("../../shared/corpus/graph-v1.0");
    if !root.is_dir() {
        eprintln!("skipped: {} is not there", root.display());
        return;
    }
    let started = std::time::Instant::now();
    let mut pages = 0;
    let mut annotations = 0;
    let mut bad = Vec::new();
    let mut no_heading = Vec::new();
    let mut plain = Vec::new();
    let mut all_diags = Vec::new();
    for entry in walkdir::WalkDir::new(&root).sort_by_file_name().into_iter().flatten() {
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(bytes) = std::fs::read(entry.path()) else {
            continue;
        };
        let name = entry.path().strip_prefix(&root).unwrap_or(entry.path()).display().to_string();
        let page = read_page(&name, &bytes);
        // The plain reader must survive Markdown too: form detection could be wrong.
        let _ = super::plain::read(&String::from_utf8_lossy(&bytes));
        pages += 1;
        annotations += codes(&page).iter().filter(|(_, c)| c.annotation.is_some()).count();
        all_diags.extend(page.diagnostics.iter().cloned());
        bad.extend(page.diagnostics.iter().filter(|d| d.code == Code::BadAnnotation).map(|d| d.to_string()));
        if headings(&page).is_empty() {
            no_heading.push(name.clone());
        }
        if page.form == PageForm::PlainText {
            plain.push(name);
        }
    }
    eprintln!(
        "corpus: {pages} pages in {:.2?}, {annotations} annotations attached, {} could not be parsed",
        started.elapsed(),
        bad.len()
    );
    eprintln!("corpus diagnostics: {}", crate::diagnostics::summary(&all_diags));
    for d in &bad {
        eprintln!("  {d}");
    }
    assert!(pages > 3000, "{pages} pages");
    assert!(no_heading.is_empty(), "pages without a heading: {no_heading:?}");
    assert!(plain.is_empty(), "Markdown pages taken for plain text: {plain:?}");
}

/// Pages stitched from tricky pieces, in a fixed pseudo-random order: both readers, no panic.
#[test]
fn stitched_pieces_do_not_panic() {
    const PIECES: &[&str] = &[
        "---\n",
        "title: x\n",
        "# ",
        "## Response\n",
        "|a|b|\n",
        "|---|---|\n",
        "| `x\\|y` | [l](t) |\n",
        "```http\n",
        "```\n",
        "<!-- { \"blockType\": \"request\", } -->\n",
        "<!--",
        "-->",
        "{\n",
        "}\n",
        "[\n",
        "\"a\": \"b\",\n",
        "GET /me\n",
        "HTTP/1.1 200 OK\n",
        "Content-Type: x\n",
        "\n",
        "\r\n",
        "\r",
        "\u{0}",
        "\u{FEFF}",
        "> ",
        "- ",
        "1. ",
        "    ",
        "*",
        "**",
        "[",
        "]",
        "(",
        ")",
        "<br>",
        "é",
        "Property Type Description\n",
        "Delegated (work\n",
        "Method Return type Description\n",
    ];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..2000 {
        let len = (next() % 60) as usize;
        let mut page = String::new();
        for _ in 0..len {
            let k = (next() % PIECES.len() as u64) as usize;
            page.push_str(PIECES[k]);
        }
        let mut bytes = page.into_bytes();
        if next() % 7 == 0 && !bytes.is_empty() {
            let at = (next() % bytes.len() as u64) as usize;
            bytes.insert(at, 0xFF);
        }
        let read = read_page("fuzz", &bytes);
        let _ = super::plain::read(&String::from_utf8_lossy(&bytes));
        for b in &read.blocks {
            assert!(b.pos.line >= 1 && b.pos.column >= 1, "{b:?}");
        }
    }
}

/// A code block's lines end in `\n` whatever the page's line ends, and text with no `\r` is
/// kept as it came (the reader copies it only to replace one).
#[test]
fn code_block_lines_end_in_newlines() {
    let text = |page: &Page| codes(page).iter().map(|(_, c)| c.text.clone()).collect::<Vec<_>>();
    let lf = md("# T\n\n```json\n{\n  \"a\": 1\n}\n```\n\n    indented\n    code\n");
    assert_eq!(text(&lf), ["{\n  \"a\": 1\n}", "indented\ncode"]);
    let crlf = md("# T\r\n\r\n```json\r\n{\r\n  \"a\": 1\r\n}\r\n```\r\n\r\n    indented\r\n    code\r\n");
    assert_eq!(text(&crlf), text(&lf));
    let inside = md("# T\n\n```text\na\rb\r\nc\n```\n");
    assert_eq!(text(&inside), ["a\nb\nc"]);
}

/// Lone `\r` line ends (classic Mac) are line ends, as CommonMark has it: a page written with
/// them reads as the same page with `\n`, positions included. pulldown-cmark 0.13 opens no
/// fenced code block after a lone `\r`, so the reader hands it `\n` instead, byte for byte.
#[test]
fn lone_carriage_returns_end_lines() {
    for seed_name in SEEDS {
        let lf = std::fs::read(manifest_path(&format!("../docs/{seed_name}"))).unwrap_or_default();
        let cr: Vec<u8> = lf.iter().map(|&b| if b == b'\n' { b'\r' } else { b }).collect();
        let (a, b) = (read_page("a", &lf), read_page("a", &cr));
        assert_eq!(a.form, b.form, "{seed_name}");
        assert_eq!(a.front_matter, b.front_matter, "{seed_name}");
        assert_eq!(a.blocks, b.blocks, "{seed_name}: lone CR line ends read otherwise than LF");
        assert_eq!(a.diagnostics, b.diagnostics, "{seed_name}");
    }
    // Mixed: a CRLF page with one lone `\r` line end before a fence.
    let mixed = read_page("m", b"# T\r\n\r\nText\r\r```json\r\n{ \"a\": 1 }\r\n```\r\n");
    let lf = read_page("m", b"# T\n\nText\n\n```json\n{ \"a\": 1 }\n```\n");
    assert_eq!(mixed.blocks, lf.blocks);
    assert_eq!(codes(&mixed).len(), 1);
}
