//! Enum types: open enums (an unknown value is kept in `Other`) and flags sets.
//!
//! Both (de)serialise through their wire strings with generated `Serialize`/`Deserialize`
//! impls, so a value added to the API after generation round-trips unchanged instead of
//! failing the whole response.

use super::docs::{code, described_lines, doc_lines};
use super::format::ident;
use super::layout::{string_literal, Lines};
use super::plan::TypeInfo;
use super::EmitError;
use crate::ir::{split_qualified, EnumMember};
use crate::naming::{self, Case, Scope};
use std::collections::BTreeSet;

/// The catch-all variant of every enum.
const OTHER_VARIANT: &str = "Other";
/// The catch-all field of every flags set.
const OTHER_FIELD: &str = "other";

/// Members with distinct wire names, in documentation order (a repeated name keeps its first
/// entry: two match arms on one string would be unreachable code).
fn distinct_members<'s>(info: &TypeInfo<'s>) -> Vec<&'s EnumMember> {
    let mut seen = BTreeSet::new();
    info.def.members.iter().filter(|m| seen.insert(m.name.as_str())).collect()
}

fn type_docs(info: &TypeInfo<'_>, what: &str) -> Vec<String> {
    let local = split_qualified(&info.def.name).1;
    let mut text =
        super::docs::description_or(info.def.description.as_deref(), || format!("The {} {what}.", code(local)));
    text.push_str(&format!("\n\nGenerated from the {} {what}.", code(&info.def.name)));
    doc_lines(&text)
}

/// The conversions both kinds share, after their own `impl`: `From<&str>` (given its body),
/// `FromStr`, `Display` (given its expression) and the serde impls (given `serialize`'s body).
fn conversions(out: &mut Lines, name: &str, from_body: impl FnOnce(&mut Lines), display: &str, serialize: &str) {
    out.open_trait_impl("", "From<&str>", name);
    out.open("fn from(value: &str) -> Self");
    from_body(out);
    out.close();
    out.close();
    out.open_trait_impl("", "std::str::FromStr", name);
    out.line(0, "type Err = std::convert::Infallible;");
    out.open("fn from_str(value: &str) -> Result<Self, Self::Err>");
    out.line(0, "Ok(Self::from(value))");
    out.close();
    out.close();
    out.open_trait_impl("", "std::fmt::Display", name);
    out.open("fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result");
    out.line(0, display);
    out.close();
    out.close();
    out.open_serialize(name);
    out.line(0, serialize);
    out.close();
    out.close();
    out.open_deserialize(name);
    out.line(0, "let value = <String as serde::Deserialize>::deserialize(deserializer)?;");
    out.line(0, "Ok(Self::from(value.as_str()))");
    out.close();
    out.close();
}

/// `pub enum X { A, B, Other(String) }` with string conversions and serde impls, written as
/// text (see [`super::layout`]).
pub(crate) fn enum_item(info: &TypeInfo<'_>) -> Result<String, EmitError> {
    let item = info.def.name.as_str();
    let members = distinct_members(info);
    let mut scope = Scope::new(Case::UpperCamel);
    scope.reserve(OTHER_VARIANT);
    let idents = scope.assign_names(members.iter().map(|m| m.name.as_str()), naming::variant_ident);
    let mut variants = Vec::new();
    for member in &members {
        let variant = idents.get(member.name.as_str()).map(String::as_str).unwrap_or_default();
        variants.push((ident(variant, &format!("{item}.{}", member.name))?.to_string(), *member));
    }
    let name = ident(&info.ident, item)?.to_string();
    let other = ident(OTHER_VARIANT, item)?;

    let mut out = Lines::default();
    out.docs(&type_docs(info, "enumeration"));
    out.line(0, "#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]");
    out.open(&format!("pub enum {name}"));
    for (variant, member) in &variants {
        out.docs(&described_lines(member.description.as_deref(), &format!("The value {}.", code(&member.name))));
        out.line(0, &format!("{variant},"));
    }
    out.docs(&[
        " A value this crate does not know (added to the API after it was generated),".to_string(),
        " kept exactly as received so that it is sent back unchanged.".to_string(),
    ]);
    out.line(0, &format!("{other}(String),"));
    out.close();

    out.open(&format!("impl {name}"));
    out.docs(&doc_lines("The value as it is sent on the wire."));
    out.open("pub fn as_str(&self) -> &str");
    if variants.is_empty() {
        out.line(0, &format!("let Self::{other}(value) = self;"));
        out.line(0, "value.as_str()");
    } else {
        out.open("match self");
        for (variant, member) in &variants {
            out.arm(&format!("Self::{variant}"), &string_literal(&member.name));
        }
        out.arm(&format!("Self::{other}(value)"), "value.as_str()");
        out.close();
    }
    out.close();
    out.close();

    conversions(
        &mut out,
        &name,
        |out| {
            if variants.is_empty() {
                out.line(0, &format!("Self::{other}(value.to_owned())"));
                return;
            }
            out.open("match value");
            for (variant, member) in &variants {
                out.arm(&string_literal(&member.name), &format!("Self::{variant}"));
            }
            out.arm("other", &format!("Self::{other}(other.to_owned())"));
            out.close();
        },
        "f.write_str(self.as_str())",
        "serializer.serialize_str(self.as_str())",
    );
    Ok(out.into_text())
}

/// A flags enum as a struct of booleans plus the unknown members, (de)serialised as the
/// comma-separated list Graph uses (`"me,family"`), written as text (see [`super::layout`]).
pub(crate) fn flags_item(info: &TypeInfo<'_>) -> Result<String, EmitError> {
    let item = info.def.name.as_str();
    let members = distinct_members(info);
    let mut scope = Scope::new(Case::Snake);
    scope.reserve(OTHER_FIELD);
    let idents = scope.assign_names(members.iter().map(|m| m.name.as_str()), naming::field_ident);
    let mut fields = Vec::new();
    for member in &members {
        let field = idents.get(member.name.as_str()).map(String::as_str).unwrap_or_default();
        fields.push((ident(field, &format!("{item}.{}", member.name))?.to_string(), *member));
    }
    let name = ident(&info.ident, item)?.to_string();
    let other = ident(OTHER_FIELD, item)?.to_string();

    let mut out = Lines::default();
    let mut docs = type_docs(info, "flags enumeration");
    docs.push(String::new());
    docs.push(" A set of members, sent as their comma-separated wire names (`\"a,b\"`).".to_string());
    out.docs(&docs);
    out.line(0, "#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]");
    out.open(&format!("pub struct {name}"));
    for (field, member) in &fields {
        let mut text = format!("Whether {} is set.", code(&member.name));
        if let Some(description) = member.description.as_deref() {
            if !doc_lines(description).is_empty() {
                text = format!("{description}\n\n{text}");
            }
        }
        out.docs(&doc_lines(&text));
        out.line(0, &format!("pub {field}: bool,"));
    }
    out.docs(&[
        " Members this crate does not know (added to the API after it was generated),".to_string(),
        " kept as received so that they are sent back unchanged.".to_string(),
    ]);
    out.line(0, &format!("pub {other}: Vec<String>,"));
    out.close();

    out.open(&format!("impl {name}"));
    out.docs(&[
        " The wire names of the members that are set: the known ones in documentation".to_string(),
        " order, then the unknown ones.".to_string(),
    ]);
    out.open("pub fn names(&self) -> Vec<&str>");
    if fields.is_empty() {
        out.line(0, &format!("self.{other}.iter().map(String::as_str).collect()"));
    } else {
        out.line(0, "let mut names = Vec::new();");
        for (field, member) in &fields {
            out.open(&format!("if self.{field}"));
            out.call("names.push", &[string_literal(&member.name)], ";");
            out.close();
        }
        out.line(0, &format!("names.extend(self.{other}.iter().map(String::as_str));"));
        out.line(0, "names");
    }
    out.close();
    out.docs(&doc_lines("Sets the member whose wire name is `name`; an unknown name is kept in `other`."));
    out.open("pub fn insert(&mut self, name: &str)");
    if fields.is_empty() {
        out.open(&format!("if !self.{other}.iter().any(|known| known == name)"));
        out.line(0, &format!("self.{other}.push(name.to_owned());"));
        out.close();
    } else {
        out.open("match name");
        for (field, member) in &fields {
            out.assignment_arm(&string_literal(&member.name), &format!("self.{field} = true"));
        }
        out.arm(
            &format!("_ if !self.{other}.iter().any(|known| known == name)"),
            &format!("self.{other}.push(name.to_owned())"),
        );
        out.line(0, "_ => {}");
        out.close();
    }
    out.close();
    out.close();

    conversions(
        &mut out,
        &name,
        |out| {
            out.line(0, "let mut set = Self::default();");
            out.open("for name in value.split(',').map(str::trim).filter(|name| !name.is_empty())");
            out.line(0, "set.insert(name);");
            out.close();
            out.line(0, "set");
        },
        "f.write_str(&self.names().join(\",\"))",
        "serializer.collect_str(self)",
    );
    Ok(out.into_text())
}
