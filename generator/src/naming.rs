//! Naming: the one place where names from the docs become Rust identifiers.
//!
//! Every identifier in the generated crate goes through one of [`type_ident`],
//! [`variant_ident`], [`field_ident`], [`fn_ident`] or [`module_ident`], and, where several
//! names share a scope, through a [`Scope`] that resolves collisions. The rules:
//!
//! - Anything that is not an ASCII letter or digit (`@`, `.`, `-`, `|`, `$`, spaces, non-ASCII
//!   letters, ...) separates words; the words are then cased with `heck`
//!   (`displayName@odata.bind` -> `display_name_odata_bind`).
//! - A name with no word left becomes a fallback (`unnamed` / `Unnamed`).
//! - A leading digit gets a `_` prefix (`2fa` -> `_2fa`): still lint-clean in both cases.
//! - Keywords (strict, reserved, and those of the 2018 and 2024 editions) become raw
//!   identifiers (`type` -> `r#type`), except those that cannot be raw (`self`, `super`,
//!   `crate`), which get a `_` suffix (`self_`).
//! - Type names never shadow the prelude or `Self`: generated code writes `Option`, `String`,
//!   `Vec`, `Box`, `Result`, `From`, ... unqualified, so a type named like one of them gets a
//!   `Type` suffix (`String` -> `StringType`, `Self` -> `SelfType`). Enum variants are always
//!   written qualified (`Self::None`), so only `Self` needs a suffix there (`SelfValue`).
//!
//! The JSON name is never changed: the emitter keeps it in `#[serde(rename = "...")]`.

use heck::{ToSnakeCase, ToUpperCamelCase};
use std::collections::{BTreeMap, BTreeSet};

/// Keywords of every edition, strict and reserved: never usable as plain identifiers.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn", "else",
    "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod",
    "move", "mut", "override", "priv", "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait",
    "true", "try", "type", "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be written as raw identifiers (`r#self` is an error).
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Prelude items (and `Self`) that generated code names unqualified: no type may shadow them.
const SHADOWED_TYPE_NAMES: &[&str] = &[
    "AsMut",
    "AsRef",
    "Box",
    "Clone",
    "Copy",
    "Default",
    "DoubleEndedIterator",
    "Drop",
    "Eq",
    "Err",
    "ExactSizeIterator",
    "Extend",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "FromIterator",
    "Into",
    "IntoIterator",
    "Iterator",
    "None",
    "Ok",
    "Option",
    "Ord",
    "PartialEq",
    "PartialOrd",
    "Result",
    "Self",
    "Send",
    "Sized",
    "Some",
    "String",
    "Sync",
    "ToOwned",
    "ToString",
    "TryFrom",
    "TryInto",
    "Unpin",
    "Vec",
];

/// Used when a name has no ASCII letter or digit at all.
const FALLBACK_SNAKE: &str = "unnamed";
/// Used when a name has no ASCII letter or digit at all.
const FALLBACK_CAMEL: &str = "Unnamed";

/// How a kind of identifier is cased; decides how a [`Scope`] appends its numeric suffix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// Types and enum variants: `FooBar`, suffixed `FooBar2` (`Ipv4_2` after a digit).
    UpperCamel,
    /// Fields, functions, parameters, modules: `foo_bar`, suffixed `foo_bar_2`.
    Snake,
}

/// A struct, enum or endpoint type name: `userAccountInformation` -> `UserAccountInformation`.
pub fn type_ident(name: &str) -> String {
    let camel = camel_words(name);
    if SHADOWED_TYPE_NAMES.contains(&camel.as_str()) {
        return format!("{camel}Type");
    }
    camel
}

/// An enum variant: `unknownFutureValue` -> `UnknownFutureValue`.
pub fn variant_ident(name: &str) -> String {
    let camel = camel_words(name);
    if camel == "Self" {
        return "SelfValue".to_string();
    }
    camel
}

/// A struct field or function parameter: `displayName` -> `display_name`, `type` -> `r#type`.
pub fn field_ident(json_name: &str) -> String {
    snake_ident(json_name)
}

/// A function: `parse_response`, `me`, `users_mail_folders`.
pub fn fn_ident(name: &str) -> String {
    snake_ident(name)
}

/// A module, from a namespace: `microsoft.graph.callRecords` -> `microsoft_graph_call_records`.
pub fn module_ident(name: &str) -> String {
    snake_ident(name)
}

/// `r#type` -> `type`: the identifier as the compiler compares it (and as a file is named).
pub fn unraw(ident: &str) -> &str {
    ident.strip_prefix("r#").unwrap_or(ident)
}

/// Whether `ident` can be written in Rust 2021 source as an identifier (raw or not).
///
/// The emitter checks every identifier with this before building tokens, so a bug here
/// becomes an error naming the item instead of a panic inside `proc_macro2`.
pub fn is_valid_ident(ident: &str) -> bool {
    let (raw, body) = match ident.strip_prefix("r#") {
        Some(body) => (true, body),
        None => (false, ident),
    };
    let mut chars = body.chars();
    let first_ok = matches!(chars.next(), Some(c) if c == '_' || c.is_ascii_alphabetic());
    if !first_ok || body == "_" || !chars.all(|c| c == '_' || c.is_ascii_alphanumeric()) {
        return false;
    }
    if raw {
        !NOT_RAW.contains(&body)
    } else {
        !KEYWORDS.contains(&body)
    }
}

/// Splits a name into ASCII words: everything else is a separator.
fn ascii_words(name: &str) -> String {
    name.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' }).collect()
}

fn camel_words(name: &str) -> String {
    let camel = ascii_words(name).to_upper_camel_case();
    if camel.is_empty() {
        return FALLBACK_CAMEL.to_string();
    }
    if camel.starts_with(|c: char| c.is_ascii_digit()) {
        return format!("_{camel}");
    }
    camel
}

fn snake_ident(name: &str) -> String {
    let snake = ascii_words(name).to_snake_case();
    let snake = if snake.is_empty() {
        FALLBACK_SNAKE.to_string()
    } else if snake.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{snake}")
    } else {
        snake
    };
    escape_keyword(snake)
}

/// `type` -> `r#type`; `self` -> `self_`; anything else unchanged.
fn escape_keyword(ident: String) -> String {
    if NOT_RAW.contains(&ident.as_str()) {
        format!("{ident}_")
    } else if KEYWORDS.contains(&ident.as_str()) {
        format!("r#{ident}")
    } else {
        ident
    }
}

/// One namespace of identifiers (the fields of a struct, the types of a module, the variants
/// of an enum, ...): hands out unique identifiers deterministically.
///
/// Names are assigned in sorted order of their keys (the original names): the first key whose
/// identifier is free gets it unchanged, every later one gets the smallest numeric suffix that
/// is neither taken nor the unsuffixed identifier of another key, so adding a name never renames
/// one that did not collide with it.
#[derive(Debug, Clone)]
pub struct Scope {
    case: Case,
    /// Unraw identifiers already handed out or reserved.
    taken: BTreeSet<String>,
}

impl Scope {
    /// An empty scope for identifiers of `case`.
    pub fn new(case: Case) -> Self {
        Scope { case, taken: BTreeSet::new() }
    }

    /// Marks `ident` as used by generated code (`odata_type`, `Other`, `parse_response`, ...).
    pub fn reserve(&mut self, ident: &str) {
        self.taken.insert(unraw(ident).to_string());
    }

    /// Assigns an identifier to each key; `items` pairs a key (the original name, or anything
    /// that sorts in a stable order) with the identifier it would like. Duplicate keys keep
    /// their first wish.
    pub fn assign<K: Ord + Clone>(&mut self, items: Vec<(K, String)>) -> BTreeMap<K, String> {
        let mut wished: BTreeMap<K, String> = BTreeMap::new();
        for (key, ident) in items {
            wished.entry(key).or_insert(ident);
        }
        let wanted: BTreeSet<String> = wished.values().map(|i| unraw(i).to_string()).collect();
        let mut out = BTreeMap::new();
        for (key, ident) in wished {
            let plain = unraw(&ident).to_string();
            if self.taken.insert(plain.clone()) {
                out.insert(key, ident);
                continue;
            }
            let mut n: u64 = 2;
            loop {
                let candidate = self.suffixed(&plain, n);
                if !wanted.contains(&candidate) && self.taken.insert(candidate.clone()) {
                    out.insert(key, escape_keyword(candidate));
                    break;
                }
                n += 1;
            }
        }
        out
    }

    /// Assigns identifiers to plain names, converting each with `to_ident`.
    pub fn assign_names<'a>(
        &mut self,
        names: impl IntoIterator<Item = &'a str>,
        to_ident: impl Fn(&str) -> String,
    ) -> BTreeMap<String, String> {
        let items = names.into_iter().map(|n| (n.to_string(), to_ident(n))).collect();
        self.assign(items)
    }

    fn suffixed(&self, plain: &str, n: u64) -> String {
        match self.case {
            // `self_` + 2 is `self_2`: `self__2` is not snake case (rustc warns).
            Case::Snake if plain.ends_with('_') => format!("{plain}{n}"),
            Case::Snake => format!("{plain}_{n}"),
            Case::UpperCamel if plain.ends_with(|c: char| c.is_ascii_digit()) => {
                format!("{plain}_{n}")
            }
            Case::UpperCamel => format!("{plain}{n}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_are_upper_camel() {
        assert_eq!(type_ident("userAccountInformation"), "UserAccountInformation");
        assert_eq!(type_ident("microsoft.graph.user"), "MicrosoftGraphUser");
        assert_eq!(type_ident("create_user_account_information"), "CreateUserAccountInformation");
        assert_eq!(type_ident("ipv4Address"), "Ipv4Address");
        assert_eq!(type_ident("HTTPResponse"), "HttpResponse");
    }

    #[test]
    fn fields_are_snake() {
        assert_eq!(field_ident("displayName"), "display_name");
        assert_eq!(field_ident("DisplayName"), "display_name");
        assert_eq!(field_ident("display_name"), "display_name");
        assert_eq!(field_ident("ipv4Address"), "ipv4_address");
        assert_eq!(field_ident("office365ActiveUsers"), "office365_active_users");
    }

    #[test]
    fn keywords_become_raw_identifiers() {
        for (name, expected) in [
            ("type", "r#type"),
            ("match", "r#match"),
            ("async", "r#async"),
            ("await", "r#await"),
            ("gen", "r#gen"),
            ("try", "r#try"),
            ("dyn", "r#dyn"),
            ("abstract", "r#abstract"),
            ("final", "r#final"),
            ("yield", "r#yield"),
            ("ref", "r#ref"),
            ("Type", "r#type"),
        ] {
            assert_eq!(field_ident(name), expected, "{name}");
            assert!(is_valid_ident(expected));
        }
        assert_eq!(fn_ident("move"), "r#move");
        assert_eq!(module_ident("mod"), "r#mod");
    }

    #[test]
    fn keywords_that_cannot_be_raw_get_a_suffix() {
        assert_eq!(field_ident("self"), "self_");
        assert_eq!(field_ident("super"), "super_");
        assert_eq!(field_ident("crate"), "crate_");
        assert_eq!(module_ident("Self"), "self_");
        assert_eq!(type_ident("self"), "SelfType");
        assert_eq!(variant_ident("self"), "SelfValue");
        assert_eq!(field_ident("_"), "unnamed");
        for ident in ["self_", "super_", "crate_", "SelfType", "SelfValue"] {
            assert!(is_valid_ident(ident), "{ident}");
        }
    }

    #[test]
    fn leading_digits_get_a_prefix() {
        assert_eq!(field_ident("2faEnabled"), "_2fa_enabled");
        assert_eq!(type_ident("3dModel"), "_3dModel");
        assert_eq!(variant_ident("24Hours"), "_24hours");
        assert!(is_valid_ident("_2fa_enabled") && is_valid_ident("_3dModel"));
    }

    #[test]
    fn punctuation_and_non_ascii_separate_words() {
        assert_eq!(field_ident("@odata.type"), "odata_type");
        assert_eq!(field_ident("displayName@odata.bind"), "display_name_odata_bind");
        assert_eq!(field_ident("odata.nextLink"), "odata_next_link");
        assert_eq!(field_ident("id | userPrincipalName"), "id_user_principal_name");
        assert_eq!(field_ident("$ref"), "r#ref");
        assert_eq!(field_ident("café-Größe"), "caf_gr_e");
        assert_eq!(type_ident("naïve"), "NaVe");
        assert_eq!(module_ident("microsoft.graph.callRecords"), "microsoft_graph_call_records");
    }

    #[test]
    fn empty_names_fall_back() {
        assert_eq!(field_ident(""), "unnamed");
        assert_eq!(field_ident("@."), "unnamed");
        assert_eq!(type_ident(""), "Unnamed");
        assert_eq!(variant_ident("😀"), "Unnamed");
        assert_eq!(module_ident("..."), "unnamed");
    }

    #[test]
    fn prelude_names_are_not_shadowed() {
        for (name, expected) in [
            ("Option", "OptionType"),
            ("result", "ResultType"),
            ("string", "StringType"),
            ("vec", "VecType"),
            ("Box", "BoxType"),
            ("default", "DefaultType"),
            ("some", "SomeType"),
            ("None", "NoneType"),
            ("ok", "OkType"),
            ("err", "ErrType"),
            ("send", "SendType"),
            ("sync", "SyncType"),
            ("copy", "CopyType"),
            ("clone", "CloneType"),
            ("from", "FromType"),
        ] {
            assert_eq!(type_ident(name), expected, "{name}");
        }
        assert_eq!(type_ident("stringValue"), "StringValue");
        // Variants are always written qualified, so they keep their names.
        assert_eq!(variant_ident("none"), "None");
    }

    #[test]
    fn valid_ident_check() {
        for ok in ["a", "_a", "A1", "r#type", "r#gen", "self_", "_2"] {
            assert!(is_valid_ident(ok), "{ok}");
        }
        for bad in ["", "_", "1a", "type", "self", "r#self", "r#crate", "a-b", "é", "r#", "a b"] {
            assert!(!is_valid_ident(bad), "{bad}");
        }
    }

    #[test]
    fn scope_resolves_field_collisions_in_sorted_order() {
        let mut scope = Scope::new(Case::Snake);
        let names = scope.assign_names(["displayName", "DisplayName", "display_name"], field_ident);
        assert_eq!(names["DisplayName"], "display_name");
        assert_eq!(names["displayName"], "display_name_2");
        assert_eq!(names["display_name"], "display_name_3");
    }

    #[test]
    fn scope_resolves_type_collisions() {
        let mut scope = Scope::new(Case::UpperCamel);
        let names = scope.assign_names(["fooBar", "FooBar", "ipv4", "Ipv4"], type_ident);
        assert_eq!(names["FooBar"], "FooBar");
        assert_eq!(names["fooBar"], "FooBar2");
        assert_eq!(names["Ipv4"], "Ipv4");
        assert_eq!(names["ipv4"], "Ipv4_2");
    }

    #[test]
    fn scope_never_steals_another_names_wish() {
        // `a_2` is wished for by its own key, so the second `a` must skip to `a_3`.
        let mut scope = Scope::new(Case::Snake);
        let names = scope.assign_names(["A", "a", "a_2"], field_ident);
        assert_eq!(names["A"], "a");
        assert_eq!(names["a"], "a_3");
        assert_eq!(names["a_2"], "a_2");
    }

    #[test]
    fn scope_respects_reservations_and_raw_identifiers() {
        let mut scope = Scope::new(Case::Snake);
        scope.reserve("odata_type");
        scope.reserve("additional_data");
        let names = scope.assign_names(["@odata.type", "additionalData", "type", "Type"], field_ident);
        assert_eq!(names["@odata.type"], "odata_type_2");
        assert_eq!(names["additionalData"], "additional_data_2");
        assert_eq!(names["Type"], "r#type");
        assert_eq!(names["type"], "type_2");
        let mut variants = Scope::new(Case::UpperCamel);
        variants.reserve("Other");
        let names = variants.assign_names(["other", "me"], variant_ident);
        assert_eq!(names["other"], "Other2");
        assert_eq!(names["me"], "Me");
    }

    /// `self` and `Self` are both `self_`: the second was `self__2`, which rustc's
    /// `non_snake_case` lint rejects (found by the hostile corpus).
    #[test]
    fn suffixes_after_a_trailing_underscore_stay_snake_case() {
        let names = Scope::new(Case::Snake).assign_names(["self", "Self", "super", "Super", "SUPER"], field_ident);
        let mut idents: Vec<&str> = names.values().map(String::as_str).collect();
        idents.sort();
        assert_eq!(idents, ["self_", "self_2", "super_", "super_2", "super_3"]);
        assert!(idents.iter().all(|i| !i.contains("__")));
    }

    #[test]
    fn scope_is_deterministic_whatever_the_input_order() {
        let forward = Scope::new(Case::Snake).assign_names(["b", "B", "a"], field_ident);
        let backward = Scope::new(Case::Snake).assign_names(["a", "B", "b"], field_ident);
        assert_eq!(forward, backward);
    }
}
