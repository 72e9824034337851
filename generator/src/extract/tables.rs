//! Property tables: `Properties` and `Relationships` on resource pages, `Request body` on API pages.

use super::sections::{Outline, PageKind};
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
    let resource = outline.described.clone();
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
        if name.is_empty() {
            continue;
        }
        if let Some(what) = annotation_row(&name) {
            sink.push(&page.path, name_cell.pos, Code::AnnotationRow, what);
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

/// Property names: any plausible JSON key made of letters (any script), digits and `_`,
/// leading digits included (`2faMethod`, `naïveCafé`). Spaces, punctuation and bare numbers
/// are what prose, values and broken rows put in a name cell (`spoofing).`, `1`), so those
/// rows are still skipped; the sanitiser makes a Rust name of whatever passes.
fn is_property_name(s: &str) -> bool {
    !s.is_empty()
        && s.chars().count() <= 200
        && s.chars().all(|c| c.is_alphanumeric() || c == '_')
        && !s.chars().all(|c| c.is_ascii_digit())
}

/// What to say about a row named like an OData annotation rather than a property: an
/// instance annotation (`@odata.type`, `@odata.etag`) or a property annotation
/// (`members@odata.bind`), `term` being a dotted name. `None` for anything else.
///
/// Such rows are not made properties. `@odata.type` is what every generated struct reads into
/// `odata_type` and polymorphic fields dispatch on; a second field with the same JSON key
/// would fight it. The others are not part of the object's shape (`@odata.bind` is only ever
/// written, in request bodies) and a struct keeps them in `additional_data`, where they can be
/// read or set by their exact key and never count as unknown.
fn annotation_row(name: &str) -> Option<String> {
    let (property, term) = name.split_once('@')?;
    let dotted = |s: &str| {
        s.contains('.')
            && s.split('.').all(|part| !part.is_empty() && part.chars().all(|c| c.is_alphanumeric() || c == '_'))
    };
    if !dotted(term) || !(property.is_empty() || is_property_name(property)) {
        return None;
    }
    let not_made = "the row was not made a property";
    Some(if property.is_empty() && term.eq_ignore_ascii_case("odata.type") {
        format!(
            "`{name}` is the type annotation, which every generated struct already reads into `odata_type` (and \
             polymorphic fields use to pick the derived type); {not_made}"
        )
    } else if property.is_empty() {
        format!("`{name}` is an instance annotation, not a property; {not_made}: it is kept in `additional_data`")
    } else if term.eq_ignore_ascii_case("odata.bind") {
        format!(
            "`{name}` binds the navigation property `{property}` to existing objects by URL, in request bodies \
             only; {not_made}: to send it, put `{name}` in `additional_data`"
        )
    } else {
        format!(
            "`{name}` is an annotation of the property `{property}`, not a property; {not_made}: it is kept in \
             `additional_data`"
        )
    })
}

#[cfg(test)]
mod tests {
    use crate::extract::extract_page;
    use crate::read::read_page;
    use crate::Code;

    #[test]
    fn any_plausible_json_key_is_a_property_and_annotations_are_reported() {
        let page = "# holder resource type\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n\
                    | 2faMethod | String | Leading digit. |\n| naïveCafé | String | Non-ASCII. |\n| 日本語 | String | No ASCII. |\n\
                    | _ | String | Underscore. |\n| @odata.type | String | Type. |\n| @odata.etag | String | Tag. |\n\
                    | members@odata.bind | String collection | Bind. |\n| x@odata.nextLink | String | Link. |\n\
                    | spoofing). | String | Prose. |\n| 42 | String | A number. |\n| two words | String | Prose. |\n\
                    | a@b | String | Not an annotation. |\n";
        let facts = extract_page(&read_page("holder.md", page.as_bytes()));
        let names: Vec<&str> = facts.props.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["2faMethod", "naïveCafé", "日本語", "_"]);
        let said = |code: Code| -> Vec<(u32, String)> {
            facts.diagnostics.iter().filter(|d| d.code == code).map(|d| (d.line, d.message.clone())).collect()
        };
        let annotations = said(Code::AnnotationRow);
        assert_eq!(annotations.iter().map(|(l, _)| *l).collect::<Vec<_>>(), [11, 12, 13, 14], "{annotations:?}");
        for (_, message) in &annotations {
            assert!(message.contains("the row was not made a property"), "{message}");
        }
        assert!(annotations[0].1.contains("`odata_type`"), "{}", annotations[0].1);
        assert!(annotations[2].1.contains("navigation property `members`"), "{}", annotations[2].1);
        assert!(annotations[2].1.contains("`additional_data`"), "{}", annotations[2].1);
        let bad = said(Code::BadTableRow);
        assert_eq!(bad.iter().map(|(l, _)| *l).collect::<Vec<_>>(), [15, 16, 17, 18], "{bad:?}");
        assert!(bad[0].1.contains("`spoofing).` is not a property name; the row was skipped"), "{}", bad[0].1);
    }

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
