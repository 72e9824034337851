//! The outline of a page (which section each block is in) and what resource pages say
//! about the type they describe.

use super::{BaseClaim, BaseFact, ExampleFact, PageFacts, Place, Precedence, TypeFact, TypeMention};
use crate::diagnostics::Sink;
use crate::page::{Block, BlockKind, Page};

/// What a page is about, from its front matter or title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    /// Describes one type (`x resource type`, `doc_type: resourcePageType`).
    Resource,
    /// Describes one operation (`doc_type: apiPageType`, or an `HTTP request` section).
    Api,
    /// Anything else (overviews, enum lists).
    Other,
}

/// Section context of every block, and the page's title and kind.
#[derive(Debug, Clone)]
pub struct Outline {
    pub title: Option<String>,
    pub kind: PageKind,
    /// Per block: the lower-cased title of the level-2 section it is in ("" before the first).
    pub section: Vec<String>,
    /// The type a resource page describes (see [`described_type`]); `None` on other pages.
    pub described: Option<String>,
}

impl Outline {
    /// Computes the outline. Tab headings (`# [HTTP](#tab/http)`) do not open sections.
    pub fn of(page: &Page) -> Outline {
        let mut title = page.front_matter.get("title").map(|t| t.trim().to_string()).filter(|t| !t.is_empty());
        let mut h1: Option<&str> = None;
        let mut section = String::new();
        let mut sections = Vec::with_capacity(page.blocks.len());
        for block in &page.blocks {
            if let BlockKind::Heading { level, text } = &block.kind {
                let is_tab = text.links.iter().any(|l| l.target.starts_with("#tab/"));
                if !is_tab {
                    let t = text.text.trim().to_ascii_lowercase();
                    if *level == 1 && h1.is_none() {
                        h1 = Some(text.text.trim());
                        if title.is_none() || title.as_deref().is_some_and(|t| t.to_ascii_lowercase().contains("todo"))
                        {
                            title = Some(text.text.trim().to_string());
                        }
                    } else if *level <= 2 {
                        section = t;
                    }
                }
            }
            sections.push(section.clone());
        }
        // "Delete a user - Microsoft Graph API" over the heading "Delete a user": what follows
        // the heading's words is the site's name, not the page's.
        if let (Some(t), Some(h)) = (title.as_deref(), h1) {
            if !h.is_empty() && t.strip_prefix(h).is_some_and(|rest| rest.starts_with(" - ")) {
                title = Some(h.to_string());
            }
        }
        let kind = page_kind(page, [title.as_deref(), h1], &sections);
        let described = described_type(page, kind, title.as_deref(), &sections);
        Outline { title, kind, section: sections, described }
    }

    /// True when block `i` is in a section whose title starts with `name`.
    pub fn in_section(&self, i: usize, name: &str) -> bool {
        self.section[i].starts_with(name)
    }
}

/// The title or the first heading says it first ("x resource type"; some resource pages carry
/// `doc_type: apiPageType`, and a title such as "authenticationMethodConfigurations" over the
/// heading "authenticationMethodConfiguration resource type"), then the front matter's
/// `doc_type`, then the presence of `HTTP request`, then that of a JSON representation.
fn page_kind(page: &Page, titles: [Option<&str>; 2], sections: &[String]) -> PageKind {
    let names_a_type = |title: &str| {
        let title = title.to_ascii_lowercase();
        // "directory resource type (deleted items)": the parenthesis is a gloss.
        let title = match title.find(" (") {
            Some(i) if title.ends_with(')') => &title[..i],
            _ => &title,
        };
        title.ends_with("resource type") || title.ends_with("complex type") || title.ends_with("entity type")
    };
    if titles.iter().flatten().any(|t| names_a_type(t)) {
        return PageKind::Resource;
    }
    let title = titles[0].unwrap_or("").to_ascii_lowercase();
    // "Audio facet", "List resource": resource pages too, when they describe no request.
    let has_request = sections.iter().any(|s| s.starts_with("http request"));
    if !has_request
        && (title.ends_with(" facet") || title.ends_with(" resource"))
        && title.split_whitespace().count() == 2
    {
        return PageKind::Resource;
    }
    let doc_type = page.front_matter.get("doc_type").map(|d| d.to_ascii_lowercase());
    match doc_type.as_deref().map(|d| d.trim_end_matches(['_', ' '])) {
        Some("resourcepagetype") => return PageKind::Resource,
        Some("apipagetype") => return PageKind::Api,
        _ => {}
    }
    if has_request {
        return PageKind::Api;
    }
    // A type's JSON representation with no request to make: what resource pages hold, whatever
    // the title ("Configuring the invitation message"), and all plain text has to tell.
    if sections.iter().any(|s| s.starts_with("json representation")) {
        return PageKind::Resource;
    }
    PageKind::Other
}

/// The type a resource page describes: its annotation's `@odata.type`, else what its Methods
/// table's `Get` returns ([`got_by_methods`]), else its title or its file's name.
fn described_type(page: &Page, kind: PageKind, title: Option<&str>, sections: &[String]) -> Option<String> {
    if kind != PageKind::Resource {
        return None;
    }
    for block in &page.blocks {
        if let BlockKind::Code(code) = &block.kind {
            if let Some(a) = &code.annotation {
                if a.str("blockType") == Some("resource") {
                    if let Some(t) = a.str("@odata.type") {
                        return Some(t.trim().trim_start_matches('#').to_string());
                    }
                }
            }
        }
    }
    let title = title?;
    let first = title.split_whitespace().next().filter(|w| super::type_cell::is_type_name(w));
    if let Some(got) = first.and_then(|f| got_by_methods(page, sections, f)) {
        return Some(got);
    }
    // Pages are named after the type they describe (`resources/workbookpivottable.md`). When
    // the title names it otherwise ("pivotTable resource type", "Configuring the invitation
    // message") and the page spells the file's name as one identifier, that is the type.
    let stem = page_stem(&page.path);
    if first.is_some_and(|f| f.eq_ignore_ascii_case(stem)) {
        return first.map(str::to_string);
    }
    spelled_stem(page, stem).or_else(|| first.map(str::to_string))
}

/// The type the page's Methods table says its `Get` returns, when that is the title's name
/// with words in front: in "Get Chart | WorkbookChart | Read properties and relationships of
/// chart object." the page describes `WorkbookChart`, as every reference to it says, though
/// its title says "Chart resource type" (plain text has no annotation to tell). A `Get` of
/// something else (`Get content | Stream`) does not end with the title's name. Only the first
/// words of the row count: plain text does not split "Get Chart WorkbookChart Read ..." into
/// cells, and the description may name other types.
fn got_by_methods(page: &Page, sections: &[String], named: &str) -> Option<String> {
    let named = named.to_ascii_lowercase();
    let tables = page.blocks.iter().zip(sections).filter(|(_, s)| s.starts_with("methods"));
    let rows = tables.flat_map(|(b, _)| match &b.kind {
        BlockKind::Table(t) => t.rows.as_slice(),
        _ => &[],
    });
    rows.filter_map(|r| {
        let mut words = r.cells.iter().flat_map(|c| c.content.text.split_whitespace());
        if !words.next()?.eq_ignore_ascii_case("get") {
            return None;
        }
        words.take(3).map(|w| w.trim_matches(|c: char| !c.is_ascii_alphanumeric())).find(|w| {
            super::type_cell::is_type_name(w) && w.len() > named.len() && w.to_ascii_lowercase().ends_with(&named)
        })
    })
    .next()
    .map(str::to_string)
}

/// The file name of `path` without its directory and extension.
fn page_stem(path: &str) -> &str {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    name.rsplit_once('.').map_or(name, |(stem, _)| stem)
}

/// The one identifier on the page (prose, tables, code) equal to `stem` but for letter case;
/// `None` when there is none, or when the page spells it in more than one way.
fn spelled_stem(page: &Page, stem: &str) -> Option<String> {
    if !super::type_cell::is_type_name(stem) {
        return None;
    }
    let mut texts: Vec<&str> = Vec::new();
    for block in &page.blocks {
        match &block.kind {
            BlockKind::Heading { text, .. } | BlockKind::Paragraph(text) => texts.push(&text.text),
            BlockKind::Table(t) => texts.extend(
                t.header.iter().chain(t.rows.iter().flat_map(|r| r.cells.iter())).map(|c| c.content.text.as_str()),
            ),
            BlockKind::Code(c) => texts.push(&c.text),
        }
    }
    let mut found: Option<&str> = None;
    let mut ambiguous = false;
    let words = texts.into_iter().flat_map(|t| t.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')));
    for word in words {
        if word.len() == stem.len() && word.eq_ignore_ascii_case(stem) && super::type_cell::is_type_name(word) {
            match found {
                None => found = Some(word),
                Some(f) if f != word => ambiguous = true,
                Some(_) => {}
            }
        }
    }
    // A name written in lower case only is no evidence of how the type is spelled.
    found.filter(|f| !ambiguous && f.chars().any(|c| c.is_ascii_uppercase())).map(str::to_string)
}

/// Whether the described type's name comes from the resource annotation (exact spelling) rather
/// than the title (whose first letter may be capitalised: "BaseItem resource type").
fn named_by_annotation(page: &Page) -> bool {
    page.blocks.iter().any(|b| {
        matches!(&b.kind, BlockKind::Code(c) if c.annotation.as_ref().is_some_and(|a| a.str("blockType") == Some("resource") && a.str("@odata.type").is_some()))
    })
}

/// Resource pages: the described type, its description, base, key and JSON representation.
pub fn extract_resource(page: &Page, outline: &Outline, facts: &mut PageFacts, sink: &mut Sink) {
    let Some(name) = outline.described.clone() else { return };
    let spelled_exactly = named_by_annotation(page);
    let place_of = |b: &Block| Place { file: page.path.clone(), pos: b.pos };
    let heading_place = page
        .blocks
        .iter()
        .find(|b| matches!(&b.kind, BlockKind::Heading { level: 1, .. }))
        .map(place_of)
        .unwrap_or(Place { file: page.path.clone(), pos: crate::diagnostics::Pos::new(1, 1) });
    let mut fact = TypeFact {
        name: name.clone(),
        description: intro(page),
        entity: outline.section.iter().any(|s| s.starts_with("relationships")) && has_relationship_rows(page, outline)
            || reads_relationships(page, outline),
        key_property: None,
        spelled_exactly,
        open_type: false,
        resource: true,
        has_table: page.blocks.iter().enumerate().any(|(i, b)| {
            (outline.in_section(i, "properties") || outline.in_section(i, "relationships"))
                && matches!(&b.kind, BlockKind::Table(t) if !t.rows.is_empty())
        }),
        is_abstract: false,
        place: heading_place,
        precedence: Precedence::Resource,
    };
    for (i, block) in page.blocks.iter().enumerate() {
        match &block.kind {
            BlockKind::Paragraph(inline) if outline.section[i].is_empty() || speaks_of(inline, &name) => {
                // "This is an _open type_ that represents ...", "It is an Open Type.": what the
                // `openType` annotation says, in words (all plain text has).
                if inline.text.to_ascii_lowercase().contains("is an open type") {
                    fact.open_type = true;
                }
                if let Some(base) = stated_base(inline) {
                    facts.bases.push(BaseFact {
                        derived: name.clone(),
                        base,
                        claim: BaseClaim::Stated,
                        place: place_of(block),
                    });
                }
            }
            BlockKind::Code(code) => {
                let Some(a) = &code.annotation else { continue };
                if a.str("blockType") != Some("resource") {
                    continue;
                }
                let place = Place { file: page.path.clone(), pos: a.pos };
                if let Some(base) = a.str("baseType").map(str::trim).filter(|b| !b.is_empty()) {
                    facts.bases.push(BaseFact {
                        derived: name.clone(),
                        base: base.trim_start_matches('#').to_string(),
                        claim: BaseClaim::Stated,
                        place: place.clone(),
                    });
                }
                if let Some(k) = a.str("keyProperty").map(str::trim).filter(|k| !k.is_empty()) {
                    fact.entity = true;
                    fact.key_property = Some(k.to_string());
                }
                if a.bool("openType") == Some(true) {
                    fact.open_type = true;
                }
                if a.bool("abstract") == Some(true) {
                    fact.is_abstract = true;
                }
                if let Some(t) = a.str("@odata.type") {
                    facts.mentions.push(TypeMention::odata_type(t, place.clone()));
                }
                let origin = crate::json::Origin { file: &page.path, start: code.content_pos };
                if let Some(value) = crate::json::parse_lenient(&code.text, origin, sink) {
                    let collection = value.is_array();
                    facts.examples.push(ExampleFact {
                        type_name: Some(name.clone()),
                        collection,
                        value,
                        place,
                        representation: true,
                        annotated: None,
                        location: None,
                    });
                }
            }
            _ => {}
        }
    }
    if !facts.examples.iter().any(|e| e.representation) {
        unannotated_representation(page, outline, &name, facts, sink);
    }
    facts.bases.extend(super::derived::listed_derived(page, &name));
    facts.types.push(fact);
}

/// With no `blockType: resource` annotation (text copied from the rendered site shows none),
/// the first JSON object under the `JSON representation` heading is the representation.
fn unannotated_representation(page: &Page, outline: &Outline, name: &str, facts: &mut PageFacts, sink: &mut Sink) {
    let block = page.blocks.iter().enumerate().find_map(|(i, b)| match &b.kind {
        // In copied text the sentence under the heading may read as a heading of its own
        // ("Here is a JSON representation of the resource").
        BlockKind::Code(code)
            if outline.section[i].contains("json representation") && code.text.trim_start().starts_with('{') =>
        {
            Some(code)
        }
        _ => None,
    });
    let Some(code) = block else { return };
    let origin = crate::json::Origin { file: &page.path, start: code.content_pos };
    if let Some(value) = crate::json::parse_lenient(&code.text, origin, sink).filter(serde_json::Value::is_object) {
        facts.examples.push(ExampleFact {
            type_name: Some(name.to_string()),
            collection: false,
            value,
            place: Place { file: page.path.clone(), pos: code.content_pos },
            representation: true,
            annotated: None,
            location: None,
        });
    }
}

/// The phrases after which a resource page names its base (the plain-text reader also uses
/// them: a line with one is a sentence, not a heading).
pub(crate) const STATED_BASE_PHRASES: &[&str] = &[
    "inherits from ",
    "derives from ",
    "derived from ",
    "subclass of ",
    "subclass from ",
    "inherit from ",
    "inherits all the properties from ",
    "inherits all the properties of ",
    "inherits the properties from ",
    "inherits the properties of ",
    "inherits properties from ",
    "following properties are inherited from ",
];

/// The base a resource page's introduction states: "Inherits from [x](x.md)", "derives
/// from", "is a subclass of", "creates a subclass from". The linked name when a link follows the phrase; otherwise the
/// next word, if it reads as a type name (`Inherits from the [userAgent]` skips `the`; in
/// "inherits from base policy type" nothing is taken: `base` is a word, not a name).
fn stated_base(inline: &crate::page::Inline) -> Option<String> {
    let stated = super::text::name_after_phrase(inline, STATED_BASE_PHRASES);
    // "Inherited from X entity." states a base; "inherited from a group" in prose does not.
    stated.or_else(|| {
        let name = super::text::name_after_phrase(inline, &["inherited from "])?;
        let lower = inline.text.to_ascii_lowercase();
        let after = lower.find(&name.to_ascii_lowercase()).map(|i| lower[i + name.len()..].trim_start().to_string())?;
        ["entity", "type", "resource", "class"].iter().any(|w| after.starts_with(w)).then_some(name)
    })
}

/// A paragraph whose subject is the described type ("chatMessageHostedContent derives from
/// ...", "The **driveItem** resource is derived from ...", "This type inherits from ...", "The
/// following properties are inherited from [baseItem]"): a statement about the type wherever it stands, where
/// other prose after the introduction ("properties derived from descendants") is not.
fn speaks_of(inline: &crate::page::Inline, name: &str) -> bool {
    let text = inline.text.trim_start_matches(['*', '`', ' ']);
    let mut lower = text.to_ascii_lowercase();
    if let Some(rest) = lower.strip_prefix("the ") {
        lower = rest.trim_start_matches(['*', '`']).to_string();
    }
    let local = name.rsplit('.').next().unwrap_or(name).to_ascii_lowercase();
    lower.starts_with("this type ")
        || lower.starts_with("following properties are inherited from ")
        || lower.starts_with("this resource ")
        || lower.strip_prefix(&local).is_some_and(|r| r.starts_with(|c: char| !c.is_alphanumeric()))
}

/// The Methods table offers to "read the properties and relationships of" the object: the
/// docs' wording for an entity (a complex value has no relationships to read).
fn reads_relationships(page: &Page, outline: &Outline) -> bool {
    page.blocks.iter().enumerate().any(|(i, b)| {
        outline.in_section(i, "methods")
            && matches!(&b.kind, BlockKind::Table(t) if t.rows.iter().any(|r| r.cells.iter().any(|c| {
                c.content.text.to_ascii_lowercase().contains("properties and relationships of")
            })))
    })
}

/// True when the Relationships section has a table with at least one row.
fn has_relationship_rows(page: &Page, outline: &Outline) -> bool {
    page.blocks.iter().enumerate().any(|(i, b)| {
        outline.in_section(i, "relationships") && matches!(&b.kind, BlockKind::Table(t) if !t.rows.is_empty())
    })
}

/// The first descriptive paragraph after the title: not the namespace line, an include or a note.
pub(super) fn intro(page: &Page) -> Option<String> {
    let mut after_title = false;
    for block in &page.blocks {
        match &block.kind {
            BlockKind::Heading { level: 1, text } if !text.links.iter().any(|l| l.target.starts_with("#tab/")) => {
                after_title = true
            }
            BlockKind::Heading { .. } if after_title => return None,
            BlockKind::Paragraph(inline) if after_title => {
                let t = inline.text.trim();
                let lower = t.to_ascii_lowercase();
                if t.is_empty()
                    || lower.starts_with("namespace:")
                    || t.starts_with("[!")
                    || lower.starts_with("> ")
                    || lower.starts_with("inherits from")
                    || lower.starts_with("**note")
                    || lower.starts_with("note:")
                {
                    continue;
                }
                return super::text::without_placeholders(t);
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::{Inline, Link};

    #[test]
    fn bases_are_stated_in_the_docs_many_wordings() {
        let linked = |text: &str, name: &str| Inline {
            text: text.to_string(),
            links: vec![Link { text: name.to_string(), target: format!("{}.md", name.to_ascii_lowercase()) }],
            code_spans: Vec::new(),
        };
        for text in [
            "This resource is a subclass of [educationResource].",
            "This creates a subclass from [educationResource], which adds who graded.",
            "Inherits from [educationResource].",
            "The following properties are inherited from [educationResource].",
        ] {
            let p = linked(&text.replace(['[', ']'], ""), "educationResource");
            assert_eq!(stated_base(&p).as_deref(), Some("educationResource"), "{text}");
        }
        assert_eq!(stated_base(&Inline::plain("Inherited from baseItem type.")).as_deref(), Some("baseItem"));
        assert_eq!(stated_base(&Inline::plain("Settings are inherited from a group.")), None);
    }

    /// The facts of one page read from `text` at `path`.
    fn facts(path: &str, text: &str) -> PageFacts {
        crate::extract::extract_page(&crate::read::read_page(path, text.as_bytes()))
    }

    #[test]
    fn a_page_is_named_after_its_file_when_the_title_names_it_otherwise() {
        let text = "pivotTable resource type\n\nNamespace: microsoft.graph\n\nRepresents an Excel PivotTable.\n\n\
            Properties\n\nProperty Type Description\nname String Name of the PivotTable.\n\n\
            JSON representation\n\nHere is a JSON representation of the resource\n\n\
            {\n  \"name\": \"String\",\n  \"worksheet\": {\"@odata.type\": \"microsoft.graph.workbookWorksheet\"}\n}\n\n\
            workbookPivotTable is returned by the pivotTables relationship.\n";
        let f = facts("resources/workbookpivottable.txt", text);
        assert_eq!(f.types.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(), ["workbookPivotTable"]);
        // With no annotation, the JSON under the heading is the representation (its keys are
        // properties even where the table leaves them out).
        let rep: Vec<_> = f.examples.iter().filter(|e| e.representation).collect();
        assert_eq!(rep.len(), 1, "{:?}", f.examples);
        assert_eq!(rep[0].type_name.as_deref(), Some("workbookPivotTable"));
        assert!(rep[0].value.get("worksheet").is_some());
        // The title decides when it agrees with the file, or when the page never spells the
        // file's name (in lower case only it says nothing about the spelling).
        let f = facts("resources/pivottable.txt", text);
        assert_eq!(f.types[0].name, "pivotTable");
        let f =
            facts("resources/workbookpivottable.txt", &text.replace("workbookPivotTable is", "workbookpivottable is"));
        assert_eq!(f.types[0].name, "pivotTable");
    }

    #[test]
    fn a_json_representation_without_a_request_makes_a_resource_page() {
        // The title names no type and plain text has no `doc_type`: the representation, with
        // no request to make, says what the page is, and the file and the prose name the type.
        let text = "Configuring the invitation message\n\nNamespace: microsoft.graph\n\n\
            The invitedUserMessageInfo object allows you to configure the invitation message.\n\n\
            Properties\n\nProperty Type Description\nmessageLanguage String The language.\n\n\
            JSON representation\n\n{\n  \"messageLanguage\": \"string\"\n}\n";
        let f = facts("resources/invitedusermessageinfo.txt", text);
        assert_eq!(f.types.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(), ["invitedUserMessageInfo"]);
        assert_eq!(f.props.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["messageLanguage"]);
        // An API page shows JSON too, but has a request to make.
        let api = "Get the message\n\nNamespace: microsoft.graph\n\nHTTP request\n\nGET /me/message\n\n\
            JSON representation\n\n{\n  \"messageLanguage\": \"string\"\n}\n";
        assert!(facts("api/invitedusermessageinfo-get.txt", api).types.is_empty());
    }

    #[test]
    fn the_type_a_pages_get_method_returns_names_the_page() {
        // "Chart resource type" describes `WorkbookChart`, as its Methods table's `Get` (and
        // every reference) says; plain text has no annotation to tell it.
        let page = |get: &str| {
            format!(
                "Chart resource type\n\nNamespace: microsoft.graph\n\nRepresents a chart object in a workbook.\n\n\
                 Methods\n\nMethod Return Type Description\n{get}\n\
                 List WorkbookChart collection Get chart object collection.\n\n\
                 Properties\n\nProperty Type Description\nheight double The height.\n\n\
                 JSON representation\n\n{{\n  \"height\": 1024\n}}\n"
            )
        };
        let named =
            |text: &str| facts("resources/chart.txt", text).types.iter().map(|t| t.name.clone()).collect::<Vec<_>>();
        let get = "Get Chart WorkbookChart Read properties and relationships of chart object.";
        assert_eq!(named(&page(get)), ["WorkbookChart"]);
        // A `Get` of something else, or a type only the description names, says nothing.
        assert_eq!(named(&page("Get content Stream Read the chart's image, a WorkbookChart.")), ["Chart"]);
        assert_eq!(named(&page("Get chart image base64 string Renders a WorkbookChart.")), ["Chart"]);
    }

    #[test]
    fn a_title_with_the_sites_name_after_the_heading_is_the_heading() {
        let page = |title: &str| {
            format!("---\ntitle: \"{title}\"\ndoc_type: apiPageType\n---\n\n# Delete a user\n\nDelete a user.\n")
        };
        let title = |t: &str| Outline::of(&crate::read::read_page("api/user-delete.md", page(t).as_bytes())).title;
        assert_eq!(title("Delete a user - Microsoft Graph API").as_deref(), Some("Delete a user"));
        // A title that says more than the heading in other ways stays.
        assert_eq!(title("Delete a user account").as_deref(), Some("Delete a user account"));
        assert_eq!(title("Delete a user-defined thing").as_deref(), Some("Delete a user-defined thing"));
    }

    #[test]
    fn a_heading_that_names_a_resource_type_makes_a_resource_page() {
        // The front matter calls it an API page and titles it in the plural; the page's own
        // heading says what it is.
        let text = "---\ntitle: \"authenticationMethodConfigurations\"\ndoc_type: \"apiPageType\"\n---\n\n\
            # authenticationMethodConfiguration resource type\nNamespace: microsoft.graph\n\n\
            Represents an authentication method policy.\n\n## Properties\n|Property|Type|Description|\n|:---|:---|:---|\n\
            |id|String|The policy name.|\n|state|authenticationMethodState|The state of the policy.|\n";
        let f = facts("resources/authenticationmethodconfiguration.md", text);
        assert_eq!(f.types.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(), ["authenticationMethodConfiguration"]);
        assert_eq!(f.props.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["id", "state"]);
    }
}
