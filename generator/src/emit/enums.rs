//! Enum types: open enums (an unknown value is kept in `Other`) and flags sets.
//!
//! Both (de)serialise through their wire strings with generated `Serialize`/`Deserialize`
//! impls, so a value added to the API after generation round-trips unchanged instead of
//! failing the whole response.

use super::docs::{code, described, doc_attrs};
use super::format::ident;
use super::plan::TypeInfo;
use super::EmitError;
use crate::ir::{split_qualified, EnumMember};
use crate::naming::{self, Case, Scope};
use proc_macro2::TokenStream;
use quote::quote;
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

fn type_docs(info: &TypeInfo<'_>, what: &str) -> TokenStream {
    let local = split_qualified(&info.def.name).1;
    let mut text =
        super::docs::description_or(info.def.description.as_deref(), || format!("The {} {what}.", code(local)));
    text.push_str(&format!("\n\nGenerated from the {} {what}.", code(&info.def.name)));
    doc_attrs(&text)
}

/// `pub enum X { A, B, Other(String) }` with string conversions and serde impls.
pub(crate) fn enum_item(info: &TypeInfo<'_>) -> Result<TokenStream, EmitError> {
    let item = info.def.name.as_str();
    let members = distinct_members(info);
    let mut scope = Scope::new(Case::UpperCamel);
    scope.reserve(OTHER_VARIANT);
    let idents = scope.assign_names(members.iter().map(|m| m.name.as_str()), naming::variant_ident);
    let mut variants = Vec::new();
    let mut wires = Vec::new();
    let mut docs = Vec::new();
    for member in &members {
        let variant = idents.get(member.name.as_str()).map(String::as_str).unwrap_or_default();
        variants.push(ident(variant, &format!("{item}.{}", member.name))?);
        wires.push(member.name.as_str());
        docs.push(described(member.description.as_deref(), &format!("The value {}.", code(&member.name))));
    }
    let name = ident(&info.ident, item)?;
    let other = ident(OTHER_VARIANT, item)?;
    let type_docs = type_docs(info, "enumeration");
    let (as_str, from_str) = if members.is_empty() {
        (quote! { let Self::#other(value) = self; value.as_str() }, quote! { Self::#other(value.to_owned()) })
    } else {
        (
            quote! {
                match self {
                    #( Self::#variants => #wires, )*
                    Self::#other(value) => value.as_str(),
                }
            },
            quote! {
                match value {
                    #( #wires => Self::#variants, )*
                    other => Self::#other(other.to_owned()),
                }
            },
        )
    };
    Ok(quote! {
        #type_docs
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum #name {
            #( #docs #variants, )*
            /// A value this crate does not know (added to the API after it was generated),
            /// kept exactly as received so that it is sent back unchanged.
            #other(String),
        }

        impl #name {
            /// The value as it is sent on the wire.
            pub fn as_str(&self) -> &str {
                #as_str
            }
        }

        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                #from_str
            }
        }

        impl std::str::FromStr for #name {
            type Err = std::convert::Infallible;

            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Ok(Self::from(value))
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <String as serde::Deserialize>::deserialize(deserializer)?;
                Ok(Self::from(value.as_str()))
            }
        }
    })
}

/// A flags enum as a struct of booleans plus the unknown members, (de)serialised as the
/// comma-separated list Graph uses (`"me,family"`).
pub(crate) fn flags_item(info: &TypeInfo<'_>) -> Result<TokenStream, EmitError> {
    let item = info.def.name.as_str();
    let members = distinct_members(info);
    let mut scope = Scope::new(Case::Snake);
    scope.reserve(OTHER_FIELD);
    let idents = scope.assign_names(members.iter().map(|m| m.name.as_str()), naming::field_ident);
    let mut fields = Vec::new();
    let mut wires = Vec::new();
    let mut docs = Vec::new();
    for member in &members {
        let field = idents.get(member.name.as_str()).map(String::as_str).unwrap_or_default();
        fields.push(ident(field, &format!("{item}.{}", member.name))?);
        wires.push(member.name.as_str());
        let mut text = format!("Whether {} is set.", code(&member.name));
        if let Some(description) = member.description.as_deref() {
            if !super::docs::doc_lines(description).is_empty() {
                text = format!("{description}\n\n{text}");
            }
        }
        docs.push(doc_attrs(&text));
    }
    let name = ident(&info.ident, item)?;
    let other = ident(OTHER_FIELD, item)?;
    let type_docs = type_docs(info, "flags enumeration");
    let names_body = if members.is_empty() {
        quote! { self.#other.iter().map(String::as_str).collect() }
    } else {
        quote! {
            let mut names = Vec::new();
            #( if self.#fields { names.push(#wires); } )*
            names.extend(self.#other.iter().map(String::as_str));
            names
        }
    };
    let insert_body = if members.is_empty() {
        quote! {
            if !self.#other.iter().any(|known| known == name) {
                self.#other.push(name.to_owned());
            }
        }
    } else {
        quote! {
            match name {
                #( #wires => self.#fields = true, )*
                _ if !self.#other.iter().any(|known| known == name) => self.#other.push(name.to_owned()),
                _ => {}
            }
        }
    };
    Ok(quote! {
        #type_docs
        ///
        /// A set of members, sent as their comma-separated wire names (`"a,b"`).
        #[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
        pub struct #name {
            #( #docs pub #fields: bool, )*
            /// Members this crate does not know (added to the API after it was generated),
            /// kept as received so that they are sent back unchanged.
            pub #other: Vec<String>,
        }

        impl #name {
            /// The wire names of the members that are set: the known ones in documentation
            /// order, then the unknown ones.
            pub fn names(&self) -> Vec<&str> {
                #names_body
            }

            /// Sets the member whose wire name is `name`; an unknown name is kept in `other`.
            pub fn insert(&mut self, name: &str) {
                #insert_body
            }
        }

        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                let mut set = Self::default();
                for name in value.split(',').map(str::trim).filter(|name| !name.is_empty()) {
                    set.insert(name);
                }
                set
            }
        }

        impl std::str::FromStr for #name {
            type Err = std::convert::Infallible;

            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Ok(Self::from(value))
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.names().join(","))
            }
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <String as serde::Deserialize>::deserialize(deserializer)?;
                Ok(Self::from(value.as_str()))
            }
        }
    })
}
