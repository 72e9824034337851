//! Property tables: `Properties` and `Relationships` on resource pages, `Request body` on API pages.

use super::sections::{described_type, Outline, PageKind};
use super::text::{clean_description, collapse_ws, inherited_from_in, possible_values_in, representation_of};
use super::type_cell::{parse_type_cell, TypeRef};
use super::{AncestryFact, PageFacts, Place, Precedence, PropFact};
use crate::diagnostics::{Code, Sink};
use crate::page::{BlockKind, Page, Table};

/// Which column holds what, from a table's header row.
#[derive(Debug, Clone, Copy)]
struct Columns {
    name: usize,
    ty: usize,
    description: Option<usize>,
}

/// Reads the header: the name column (`Property`, `Name`, `Parameter`, ...) and a `Type` column.
fn columns(table: &Table) -> Option<Columns> {
    let heads: Vec<String> =
        table.header.iter().map(|c| c.content.text.trim().trim_matches(['*', '`', ' ']).to_ascii_lowercase()).collect();
    let name = heads.iter().position(|h| {
        matches!(
            h.as_str(),
            "property"
                | "property name"
                | "name"
                | "parameter"
                | "relationship"
                | "relationship name"
                | "field"
                | "properties"
                | "parameter name"
        )
    })?;
    let ty = heads
        .iter()
        .position(|h| matches!(h.as_str(), "type" | "property type" | "value type" | "data type" | "return type"))?;
    let description = heads.iter().position(|h| h.starts_with("description") || h == "notes" || h == "remarks");
    (name != ty).then_some(Columns { name, ty, description })
}

/// Extracts every property table of the page into `facts.props` (and ancestry evidence).
pub fn extract_tables(page: &Page, outline: &Outline, facts: &mut PageFacts, sink: &mut Sink) {
    let resource = described_type(page, outline);
    for (i, block) in page.blocks.iter().enumerate() {
        let BlockKind::Table(table) = &block.kind else { continue };
        let section = outline.section[i].as_str();
        let (owner, navigation, precedence) = match outline.kind {
            PageKind::Resource if section.starts_with("properties") => (resource.clone(), false, Precedence::Resource),
            PageKind::Resource if section.starts_with("relationships") => {
                (resource.clone(), true, Precedence::Resource)
            }
            PageKind::Api if section.starts_with("request body") => {
                (request_body_owner(page, outline, i), false, Precedence::Request)
            }
            _ => continue,
        };
        let Some(owner) = owner else { continue };
        if !navigation && precedence == Precedence::Resource && under_sub_object_heading(page, i) {
            continue;
        }
        let Some(cols) = columns(table) else { continue };
        read_rows(page, table, cols, &owner, navigation, precedence, facts, sink);
    }
}

/// Whether the nearest heading before block `i` (at any level) is "Properties of a(n) ..."
/// naming an object in prose: "Properties of an activity-based timeout policy definition"
/// introduces the keys of the JSON a property's value holds (a policy's `definition` string),
/// not properties of the resource the page describes.
fn under_sub_object_heading(page: &Page, i: usize) -> bool {
    page.blocks[..i]
        .iter()
        .rev()
        .find_map(|b| match &b.kind {
            BlockKind::Heading { level, text } if *level > 1 => Some(text.text.trim().to_ascii_lowercase()),
            _ => None,
        })
        .and_then(|h| h.strip_prefix("properties of ").map(str::to_string))
        .is_some_and(|rest| ["a ", "an ", "the "].iter().any(|article| rest.starts_with(article)))
}

/// The type a request-body table describes: "supply a JSON representation of the X object".
fn request_body_owner(page: &Page, outline: &Outline, table_index: usize) -> Option<String> {
    page.blocks[..table_index]
        .iter()
        .enumerate()
        .rev()
        .take_while(|(j, _)| outline.section[*j] == outline.section[table_index])
        .find_map(|(_, b)| match &b.kind {
            BlockKind::Paragraph(inline) => representation_of(&inline.text).map(|(name, _)| name),
            _ => None,
        })
}

#[allow(clippy::too_many_arguments)]
fn read_rows(
    page: &Page,
    table: &Table,
    cols: Columns,
    owner: &str,
    navigation: bool,
    precedence: Precedence,
    facts: &mut PageFacts,
    sink: &mut Sink,
) {
    let mut inherited_order: Vec<String> = Vec::new();
    let mut runs: Vec<String> = Vec::new();
    let mut first_place = None;
    for row in &table.rows {
        let needed = cols.name.max(cols.ty) + 1;
        if row.cells.len() < needed {
            sink.push(
                &page.path,
                row.pos,
                Code::BadTableRow,
                format!(
                    "table row has {} cells where the header promises at least {needed}; the row was skipped",
                    row.cells.len()
                ),
            );
            continue;
        }
        let name_cell = &row.cells[cols.name];
        let name = name_cell.content.text.trim().trim_matches(['*', '`', ' ']).to_string();
        if name.is_empty() || name.starts_with('@') || name.contains("@odata") {
            continue;
        }
        if !is_property_name(&name) {
            sink.push(
                &page.path,
                name_cell.pos,
                Code::BadTableRow,
                format!("`{}` is not a property name; the row was skipped", collapse_ws(&name)),
            );
            continue;
        }
        let type_cell = &row.cells[cols.ty];
        let (type_ref, collection) = parse_type_cell(&type_cell.content);
        let alternatives = super::type_cell::alternatives(&type_cell.content);
        if let TypeRef::Unknown(text) = &type_ref {
            sink.push(
                &page.path,
                type_cell.pos,
                Code::UnknownTypeCell,
                format!(
                    "type cell `{}` of `{name}` names no primitive or type; the property is typed as any JSON value",
                    collapse_ws(text)
                ),
            );
        }
        let description =
            cols.description.and_then(|d| row.cells.get(d)).map(|c| c.content.text.as_str()).unwrap_or("");
        let ancestor = cols
            .description
            .and_then(|d| row.cells.get(d))
            .and_then(|c| inherited_from_in(&c.content))
            .filter(|a| !a.eq_ignore_ascii_case(owner));
        let prop_owner = match &ancestor {
            Some(a) => {
                if !inherited_order.iter().any(|x| x.eq_ignore_ascii_case(a)) {
                    inherited_order.push(a.clone());
                }
                if runs.last().is_none_or(|last| !last.eq_ignore_ascii_case(a)) {
                    runs.push(a.clone());
                }
                first_place.get_or_insert_with(|| Place { file: page.path.clone(), pos: row.pos });
                a.clone()
            }
            None => owner.to_string(),
        };
        facts.props.push(PropFact {
            owner: prop_owner,
            name,
            type_ref,
            collection,
            navigation,
            nullable: !description.to_ascii_lowercase().contains("not nullable"),
            description: clean_description(description),
            possible_values: cols
                .description
                .and_then(|d| row.cells.get(d))
                .map(|c| possible_values_in(&c.content))
                .unwrap_or_default(),
            place: Place { file: page.path.clone(), pos: row.pos },
            // A row about an ancestor is second-hand, whatever page it is on.
            precedence: if ancestor.is_some() { precedence.max(Precedence::Request) } else { precedence },
            inherited: ancestor.is_some(),
            alternatives,
        });
    }
    if let Some(place) = first_place {
        facts.ancestry.push(AncestryFact {
            derived: owner.to_string(),
            grouped: runs.len() == inherited_order.len(),
            ancestors: inherited_order,
            place,
        });
    }
}

/// Property names: identifier characters, as JSON keys in Graph are.
fn is_property_name(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 200
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !s.starts_with(|c: char| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use crate::extract::extract_page;
    use crate::read::read_page;

    #[test]
    fn tables_of_a_sub_object_under_properties_of_a_heading_are_not_the_types() {
        let page = "---\ntitle: \"policy resource type\"\n---\n\n# policy resource type\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| definition | String collection | The JSON definition. |\n\n### Properties of a policy definition\n\n| Property | Type | Description |\n|:--|:--|:--|\n| Version | Integer | Policy version. |\n\n### Properties of policy\n\n| Property | Type | Description |\n|:--|:--|:--|\n| kept | String | Named after the type, not prose. |\n";
        let plain = "policy resource type\n\nProperties\n\nProperty Type Description\ndefinition String collection The JSON definition.\n\nProperties of a policy definition\n\nProperty Type Description\nVersion Integer Policy version.\n\nProperties of policy\n\nProperty Type Description\nkept String Named after the type, not prose.\n";
        for (path, text) in [("policy.md", page), ("policy.txt", plain)] {
            let facts = extract_page(&read_page(path, text.as_bytes()));
            let names: Vec<&str> = facts.props.iter().map(|p| p.name.as_str()).collect();
            assert_eq!(names, ["definition", "kept"], "{path}");
        }
    }
}
