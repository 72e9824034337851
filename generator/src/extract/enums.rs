//! Enum types the docs define with a table of members:
//!
//! 1. "x enum type" pages (`# teamVisibilityType enum type`) with a `Members` table;
//! 2. `### x values` sections (in `enums*.md`, and inside resource and API pages) followed by a
//!    table of members.
//!
//! Member tables come as `Member | Value | Description`, `Member | Description`,
//! `Value | Description` (the values are the members), `Name | Value | Description`, or a
//! single `Member` / `Value` column; a plain-text page shows a single column as one line of
//! words (`Member missed subscriptionRemoved`). Members in "Possible values are: ..." prose
//! are read with the property they describe (see [`super::text::possible_values_in`]).

use super::sections::{intro, Outline};
use super::text::{clean_description, collapse_ws, is_identifier};
use super::type_cell::{is_type_name, TypeRef};
use super::{EnumFact, PageFacts, Place, Precedence, TypeFact};
use crate::diagnostics::{Code, Sink};
use crate::ir::EnumMember;
use crate::page::{Block, BlockKind, Inline, Page, Table};

/// Extracts the enums of "x enum type" pages and `### x values` sections into `facts.enums`.
pub fn extract_enums(page: &Page, outline: &Outline, facts: &mut PageFacts, sink: &mut Sink) {
    enum_page(page, outline, facts, sink);
    values_sections(page, facts, sink);
}

/// A heading that is not a tab heading (`# [HTTP](#tab/http)`).
fn heading(block: &Block) -> Option<(u8, &Inline)> {
    match &block.kind {
        BlockKind::Heading { level, text } if !text.links.iter().any(|l| l.target.starts_with("#tab/")) => {
            Some((*level, text))
        }
        _ => None,
    }
}

/// `x enum type` -> `x`, when that is a type name.
fn enum_title(title: &str) -> Option<&str> {
    let title = title.trim();
    let lower = title.to_ascii_lowercase();
    let rest = title[..lower.strip_suffix("enum type")?.len()].trim();
    let name = rest.split_whitespace().next()?.trim_matches(['`', '*']);
    is_type_name(name).then_some(name)
}

/// An "x enum type" page: the type named by its title (or resource annotation) and the
/// members of its `Members` table.
fn enum_page(page: &Page, outline: &Outline, facts: &mut PageFacts, sink: &mut Sink) {
    let Some(h1) = page.blocks.iter().position(|b| heading(b).is_some_and(|(level, _)| level == 1)) else {
        return;
    };
    let Some((_, h1_text)) = heading(&page.blocks[h1]) else { return };
    // The H1 first: front matter titles are sometimes a section's name ("Members").
    let Some(title_name) = enum_title(&h1_text.text).or_else(|| outline.title.as_deref().and_then(enum_title)) else {
        return;
    };
    let annotated = page.blocks.iter().find_map(|b| match &b.kind {
        BlockKind::Code(code) => code
            .annotation
            .as_ref()
            .filter(|a| a.str("blockType") == Some("resource"))
            .and_then(|a| a.str("@odata.type"))
            .map(|t| t.trim().trim_start_matches('#').to_string())
            .filter(|t| is_type_name(t)),
        _ => None,
    });
    let name = annotated.unwrap_or_else(|| title_name.to_string());
    let place = Place { file: page.path.clone(), pos: page.blocks[h1].pos };
    // The `Members` section's table; else the first members table before any other section.
    let in_members = |i: usize| outline.in_section(i, "members");
    let candidates: Vec<usize> = (h1 + 1..page.blocks.len()).filter(|&i| in_members(i)).collect();
    let before_sections: Vec<usize> =
        (h1 + 1..page.blocks.len()).take_while(|&i| heading(&page.blocks[i]).is_none()).collect();
    let members = [candidates, before_sections]
        .iter()
        .find_map(|blocks| blocks.iter().find_map(|&i| members_of_block(page, &page.blocks[i], sink)));
    facts.types.push(TypeFact {
        name: name.clone(),
        description: intro(page),
        entity: false,
        key_property: None,
        spelled_exactly: false,
        open_type: false,
        has_table: false,
        resource: false,
        is_abstract: false,
        place: place.clone(),
        precedence: Precedence::Resource,
    });
    facts.enums.push(EnumFact { name, members: members.unwrap_or_default(), place });
}

/// `### x values` sections: the enum `x` and the members of the table that follows.
fn values_sections(page: &Page, facts: &mut PageFacts, sink: &mut Sink) {
    for (i, block) in page.blocks.iter().enumerate() {
        let Some((level, text)) = heading(block) else { continue };
        if level < 2 {
            continue;
        }
        let t = collapse_ws(&text.text);
        // `get`: the heading may end in multi-byte characters (found by fuzzing).
        let Some(stem) = t
            .len()
            .checked_sub(" values".len())
            .filter(|&n| t.get(n..).is_some_and(|s| s.eq_ignore_ascii_case(" values")))
        else {
            continue;
        };
        let name = t[..stem].trim().trim_matches(['`', '*']).trim();
        // "Roles property values", "Prefer header values": not an enum's name.
        if !is_type_name(name) || is_property_values(facts, name) {
            continue;
        }
        let section = page.blocks[i + 1..].iter().take_while(|b| heading(b).is_none());
        let Some(members) = section.into_iter().find_map(|b| members_of_block(page, b, sink)) else { continue };
        let place = Place { file: page.path.clone(), pos: block.pos };
        facts.enums.push(EnumFact { name: name.to_string(), members, place });
    }
}

/// True when `name` is a property of this page that no type cell names: its `x values`
/// section lists the values of a string property (`mediaSizes values`), not an enum's members.
fn is_property_values(facts: &PageFacts, name: &str) -> bool {
    let simple = |n: &str| n.rsplit('.').next().unwrap_or(n).to_ascii_lowercase();
    let lower = name.to_ascii_lowercase();
    facts.props.iter().any(|p| p.name == name)
        && !facts.props.iter().any(|p| matches!(&p.type_ref, TypeRef::Named(n) if simple(n) == lower))
}

/// The members a block lists: a members table, or (plain text) a one-column list read as a
/// line of words, `Member a b c`.
fn members_of_block(page: &Page, block: &Block, sink: &mut Sink) -> Option<Vec<EnumMember>> {
    match &block.kind {
        BlockKind::Table(table) => members_of_table(page, table, sink),
        BlockKind::Paragraph(inline) => {
            let mut words = inline.text.split_whitespace();
            let head = words.next()?.to_ascii_lowercase();
            if !matches!(head.as_str(), "member" | "members" | "value" | "name") {
                return None;
            }
            let names: Vec<&str> = words.collect();
            (!names.is_empty() && names.iter().all(|w| is_identifier(w))).then(|| {
                names.iter().map(|n| EnumMember { name: n.to_string(), value: None, description: None }).collect()
            })
        }
        _ => None,
    }
}

/// Which column holds what in a members table.
#[derive(Debug, Clone, Copy)]
struct MemberColumns {
    name: usize,
    value: Option<usize>,
    description: Option<usize>,
}

/// A members table's columns: `Member`/`Name` (or `Value` when it is the only name-like
/// column), an integer `Value`, a `Description`. A table with a `Type` column describes
/// properties, not members.
fn member_columns(table: &Table) -> Option<MemberColumns> {
    let heads: Vec<String> = table
        .header
        .iter()
        .map(|c| collapse_ws(c.content.text.trim().trim_matches(['*', '`', ' '])).to_ascii_lowercase())
        .collect();
    if heads.iter().any(|h| h == "type" || h.ends_with(" type")) {
        return None;
    }
    let named = heads.iter().position(|h| matches!(h.as_str(), "member" | "members" | "name" | "member name"));
    let value = heads.iter().position(|h| matches!(h.as_str(), "value" | "int value" | "integer value"));
    let description = heads.iter().position(|h| h.starts_with("description"));
    match named {
        Some(name) => Some(MemberColumns { name, value, description }),
        None => Some(MemberColumns { name: value?, value: None, description }),
    }
}

/// The members of a table, or `None` if it is not a members table. Rows whose name is not
/// an identifier are skipped with a `bad-table-row` diagnostic.
fn members_of_table(page: &Page, table: &Table, sink: &mut Sink) -> Option<Vec<EnumMember>> {
    let cols = member_columns(table)?;
    let mut members: Vec<EnumMember> = Vec::new();
    for row in &table.rows {
        let Some(name_cell) = row.cells.get(cols.name) else {
            sink.push(
                &page.path,
                row.pos,
                Code::BadTableRow,
                format!(
                    "enum member row has {} cells where the header promises at least {}; the row was skipped",
                    row.cells.len(),
                    cols.name + 1
                ),
            );
            continue;
        };
        let name = name_cell.content.text.trim().trim_matches(['*', '`', ' ']).trim();
        // `null` rows say the property may be absent (`ageGroup values`): not a member.
        if name.is_empty() || name == "null" {
            continue;
        }
        if !is_identifier(name) {
            sink.push(
                &page.path,
                name_cell.pos,
                Code::BadTableRow,
                format!("`{}` is not an enum member name; the row was skipped", collapse_ws(name)),
            );
            continue;
        }
        let cell_text = |c: Option<usize>| c.and_then(|c| row.cells.get(c)).map(|c| c.content.text.trim());
        let value = cell_text(cols.value).and_then(|v| v.trim_matches(['`', '*']).parse::<i64>().ok());
        let description = cell_text(cols.description).and_then(clean_description);
        if !members.iter().any(|m| m.name == name) {
            members.push(EnumMember { name: name.to_string(), value, description });
        }
    }
    Some(members)
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::Code;
    use crate::extract::{extract_page, EnumFact, PageFacts};
    use crate::read::read_page;

    fn facts(path: &str, text: &str) -> PageFacts {
        extract_page(&read_page(path, text.as_bytes()))
    }

    fn names(e: &EnumFact) -> Vec<&str> {
        e.members.iter().map(|m| m.name.as_str()).collect()
    }

    fn values(e: &EnumFact) -> Vec<Option<i64>> {
        e.members.iter().map(|m| m.value).collect()
    }

    const ENUM_PAGE: &str = "---\ntitle: \"Members\"\ndoc_type: enumPageType\n---\n\n# clonableTeamParts enum type\n\nNamespace: microsoft.graph\n\nDescribes which part of a team should be cloned.\n\n## Members\n\n| Member | Value| Description |\n|:-------|:-----|:------------|\n|apps|1|Copy the list of installed apps.|\n|tabs|2|copies the tabs within channels.|\n|settings|4|Copies all settings. TODO: more|\n|bad name|8|Not a member.|\n";

    #[test]
    fn enum_type_pages() {
        let f = facts("resources/clonableteamparts.md", ENUM_PAGE);
        assert_eq!(f.enums.len(), 1);
        let e = &f.enums[0];
        assert_eq!(e.name, "clonableTeamParts");
        assert_eq!(names(e), ["apps", "tabs", "settings"]);
        assert_eq!(values(e), [Some(1), Some(2), Some(4)]);
        assert_eq!(e.members[0].description.as_deref(), Some("Copy the list of installed apps."));
        assert_eq!(e.members[2].description.as_deref(), Some("Copies all settings."));
        assert_eq!(e.place.pos.line, 6);
        assert!(f.types.iter().any(|t| t.name == "clonableTeamParts"
            && t.description.as_deref() == Some("Describes which part of a team should be cloned.")));
        let bad: Vec<_> = f.diagnostics.iter().filter(|d| d.code == Code::BadTableRow).collect();
        assert_eq!(bad.len(), 1, "{bad:?}");
        assert!(bad[0].message.contains("`bad name`"));
    }

    /// A heading ending in multi-byte characters sliced a `str` inside one (found by fuzzing).
    #[test]
    fn headings_ending_in_multibyte_characters_do_not_panic() {
        for heading in
            ["## Propertie\u{FFFD}\u{FFFD}\u{FFFD}", "## \u{FFFD}\u{FFFD}", "## x vALUES\u{e9}", "## 日本語の values"]
        {
            let f = facts("r.md", &format!("# t\n\n{heading}\n\n|Member|Value|\n|--|--|\n|a|1|\n"));
            assert!(f.enums.len() <= 1, "{heading}");
        }
    }

    #[test]
    fn enum_type_pages_with_other_headers() {
        let page = "# teamVisibilityType enum type\n\n## Members\n\n| Value | Description |\n|:--|:--|\n|private|Only owners add.|\n|public|Anyone can join.|\n";
        let f = facts("resources/teamvisibilitytype.md", page);
        assert_eq!(names(&f.enums[0]), ["private", "public"]);
        assert_eq!(values(&f.enums[0]), [None, None]);
        let page = "# x enum type\n\n## Members\n\n| Name | Value | Description |\n|:--|:--|:--|\n|a|0|A.|\n|b|1|B.|\n";
        let f = facts("resources/x.md", page);
        assert_eq!(f.enums[0].name, "x");
        assert_eq!(values(&f.enums[0]), [Some(0), Some(1)]);
        let page = "# nothing here\n\n## Members\n\n| Value |\n|:--|\n|a|\n";
        assert!(facts("resources/y.md", page).enums.is_empty());
    }

    #[test]
    fn values_sections_in_enum_lists_and_resource_pages() {
        let page = "# External connectors enum values\n\nNamespace: microsoft.graph.externalConnectors\n\n### accessType values\n\n| Member\n|:--------------\n| grant\n| deny\n| unknownFutureValue\n\n### `label` values\n\n|Member|Description|\n|:--|:--|\n|title|The title.|\n|url|The URL.|\n\n### Prefer header values\n\n|Member|\n|:--|\n|a|\n";
        let f = facts("resources/enums-externalConnectors.md", page);
        assert_eq!(f.namespace, "microsoft.graph.externalConnectors");
        let got: Vec<(&str, Vec<&str>)> = f.enums.iter().map(|e| (e.name.as_str(), names(e))).collect();
        assert_eq!(got, [("accessType", vec!["grant", "deny", "unknownFutureValue"]), ("label", vec!["title", "url"])]);
        assert_eq!(f.enums[0].place.pos.line, 5);
        assert_eq!(f.enums[1].members[1].description.as_deref(), Some("The URL."));
        // No "x enum type" page here, so no type fact either.
        assert!(f.types.is_empty());

        let page = "---\ndoc_type: resourcePageType\n---\n# printerStatus resource type\n\n## Properties\n|Property|Type|Description|\n|:---|:---|:---|\n|state|printerProcessingState|The state. Valid values are described in the following table.|\n|mediaSizes|String collection|Sizes. Valid values are in the following table.|\n\n### printerProcessingState values\n\n|Member|Value|Description|\n|:---|:---|:---|\n|unknown|0|Unknown.|\n|idle|1|Idle.|\n\n### mediaSizes values\n\n|Value|\n|:---|\n|A4|\n|JIS B4|\n\n## JSON representation\n";
        let f = facts("resources/printerstatus.md", page);
        assert_eq!(f.enums.len(), 1, "{:?}", f.enums);
        assert_eq!(f.enums[0].name, "printerProcessingState");
        assert_eq!(values(&f.enums[0]), [Some(0), Some(1)]);
        assert!(!f.diagnostics.iter().any(|d| d.code == Code::BadTableRow), "{:?}", f.diagnostics);
    }

    #[test]
    fn plain_text_values_sections() {
        let page = "printerStatus resource type\n\nNamespace: microsoft.graph\n\nProperties\n\nProperty Type Description\nstate printerProcessingState The current state.\n\nprinterProcessingState values\n\nMember Value Description\nunknown 0 The processing state is unknown.\nidle 1 The printer is idle.\nJIS-B4 2 Not a member.\n\nlifecycleEventType values\n\nMember\nmissed\nsubscriptionRemoved\n";
        let f = facts("printerstatus.txt", page);
        let got: Vec<(&str, Vec<&str>)> = f.enums.iter().map(|e| (e.name.as_str(), names(e))).collect();
        assert_eq!(
            got,
            [
                ("printerProcessingState", vec!["unknown", "idle"]),
                ("lifecycleEventType", vec!["missed", "subscriptionRemoved"])
            ]
        );
        assert_eq!(values(&f.enums[0]), [Some(0), Some(1)]);
        assert_eq!(f.enums[0].members[1].description.as_deref(), Some("The printer is idle."));
        assert_eq!(f.enums[0].place.pos.line, 10);
        assert!(f.diagnostics.iter().any(|d| d.code == Code::BadTableRow && d.message.contains("`JIS-B4`")));

        let page = "teamsAsyncOperationStatus enum type\n\nNamespace: microsoft.graph\n\nDescribes the current status.\n\nMembers\n\nMember Value Description\ninvalid 0 Invalid value.\nnotStarted 1 The operation has not started.\n";
        let f = facts("teamsasyncoperationstatus.txt", page);
        assert_eq!(f.enums.len(), 1);
        assert_eq!(f.enums[0].name, "teamsAsyncOperationStatus");
        assert_eq!(names(&f.enums[0]), ["invalid", "notStarted"]);
        assert_eq!(values(&f.enums[0]), [Some(0), Some(1)]);
    }

    #[test]
    fn possible_values_in_property_tables() {
        let page = "---\ndoc_type: resourcePageType\n---\n# channel resource type\n\n## Properties\n|Property|Type|Description|\n|:---|:---|:---|\n|membershipType|[channelMembershipType](../resources/enums.md#channelmembershiptype-values)|The type. Possible values are: `standard` - Channel inherits the list of members of the parent team; `private` - Channel can have members that are a subset.|\n|scope|lobbyBypassScope|Who. Possible values are listed in the following table. Optional.|\n";
        let f = facts("resources/channel.md", page);
        let pv: Vec<(&str, Vec<&str>)> =
            f.props.iter().map(|p| (p.name.as_str(), p.possible_values.iter().map(String::as_str).collect())).collect();
        assert_eq!(pv, [("membershipType", vec!["standard", "private"]), ("scope", vec![])]);
    }
}
