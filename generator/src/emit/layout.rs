//! Code written as text, laid out as prettyplease lays it out, for the shapes the model and
//! endpoint items are made of (signatures, calls, arrays, generic types, match
//! arms, method chains, `impl` headers).
//!
//! Building tokens with `quote`, parsing them back with `syn` and printing them with
//! prettyplease was most of the time spent on an item; these few shapes need none of it. The
//! layout rules are prettyplease's for these shapes: a line holds at most [`MARGIN`] bytes; a
//! construct that does not fit breaks at its outermost list, one element per line with a
//! trailing comma, and an element that still does not fit breaks the same way inside; a
//! trailing comma, an arm's comma and a block's closing brace may pass the margin, as
//! prettyplease lets them. The graph-v1.0 crate came out byte-identical when its items moved
//! here, and a test checks that prettyplease leaves every model and endpoint file as it is.

use proc_macro2::{Delimiter, TokenStream, TokenTree};

/// The widest line prettyplease fills (its `MARGIN`).
const MARGIN: usize = 89;

/// One level of indentation.
const INDENT: &str = "    ";

/// A Rust string literal for `text`, escaped as `quote` and prettyplease write it.
pub(crate) fn string_literal(text: &str) -> String {
    proc_macro2::Literal::string(text).to_string()
}

/// Lines of code at a current indentation level.
#[derive(Default)]
pub(crate) struct Lines {
    text: String,
    depth: usize,
}

impl Lines {
    /// The text written so far.
    pub(crate) fn into_text(self) -> String {
        self.text
    }

    /// Writes one line at the current depth (extra levels in `more`).
    pub(crate) fn line(&mut self, more: usize, line: &str) {
        for _ in 0..self.depth + more {
            self.text.push_str(INDENT);
        }
        self.text.push_str(line);
        self.text.push('\n');
    }

    /// Whether `line` fits at the current depth (extra levels in `more`).
    pub(crate) fn fits(&self, more: usize, line: &str) -> bool {
        (self.depth + more) * INDENT.len() + line.len() <= MARGIN
    }

    /// `///` doc lines, one per line of [`super::docs::doc_lines`], as prettyplease prints
    /// `#[doc]` attributes: `///` and the line without trailing spaces; a line prettyplease
    /// would print as an attribute instead (one starting with `/`) is written as one.
    pub(crate) fn docs(&mut self, lines: &[String]) {
        for l in lines {
            if l.starts_with('/') {
                self.line(0, &format!("#[doc = {}]", string_literal(l)));
            } else {
                self.line(0, &format!("///{}", l.trim_end_matches(' ')));
            }
        }
    }

    /// The `#[cfg(...)]` line an item or field needs, if any (see `Plan::cfg_line`).
    pub(crate) fn cfg(&mut self, cfg: Option<&str>) {
        if let Some(cfg) = cfg {
            self.line(0, cfg);
        }
    }

    /// Opens a block: `head {`, then one level deeper.
    pub(crate) fn open(&mut self, head: &str) {
        self.line(0, &format!("{head} {{"));
        self.depth += 1;
    }

    /// Closes a block opened with [`Lines::open`].
    pub(crate) fn close(&mut self) {
        self.depth = self.depth.saturating_sub(1);
        self.line(0, "}");
    }

    /// `head(a, b)tail` on one line, or broken: `head(`, each argument on a line of its own
    /// with a trailing comma, `)tail`.
    pub(crate) fn call(&mut self, head: &str, args: &[String], tail: &str) {
        self.list(head, ('(', ')'), args, tail);
    }

    /// `head[a, b]tail` (an array expression `&[...]`), laid out as [`Lines::call`] lays out
    /// arguments.
    pub(crate) fn array(&mut self, head: &str, items: &[String], tail: &str) {
        self.list(head, ('[', ']'), items, tail);
    }

    fn list(&mut self, head: &str, (open, close): (char, char), items: &[String], tail: &str) {
        let flat = format!("{head}{open}{}{close}{tail}", items.join(", "));
        if items.is_empty() || self.fits(0, &flat) {
            self.line(0, &flat);
            return;
        }
        self.line(0, &format!("{head}{open}"));
        let last = items.len() - 1;
        for (i, item) in items.iter().enumerate() {
            // A field access too long for its line breaks before the field, as prettyplease
            // breaks a method chain; the last element's comma may pass the margin.
            let counted = if i == last { item.clone() } else { format!("{item},") };
            match item.split_once('.').filter(|_| !self.fits(1, &counted)) {
                Some((receiver @ ("&self" | "&mut self" | "self"), field)) => {
                    self.line(1, receiver);
                    self.line(2, &format!(".{field},"));
                }
                _ => self.line(1, &format!("{item},")),
            }
        }
        self.line(0, &format!("{close}{tail}"));
    }

    /// A function signature and the opening brace of its body: `head(params) -> ret {` on
    /// one line, or with the parameters one per line and `) -> ret {` after them, the return
    /// type broken in turn if that line does not fit (see [`Lines::ty`]).
    pub(crate) fn signature(&mut self, head: &str, params: &[String], ret: &str) {
        let flat = format!("{head}({}) -> {ret} {{", params.join(", "));
        if params.is_empty() || self.fits(0, &flat) {
            self.line(0, &flat);
        } else {
            self.line(0, &format!("{head}("));
            for p in params {
                self.ty(1, "", p, ",");
            }
            self.ty(0, ") -> ", ret, " {");
        }
        self.depth += 1;
    }

    /// `prefix` `ty` `suffix` on one line, or with `ty`'s outermost generic arguments one per
    /// line (each broken in turn when it does not fit), the closing `>` before `suffix`.
    pub(crate) fn ty(&mut self, more: usize, prefix: &str, ty: &str, suffix: &str) {
        self.ty_free(more, prefix, ty, suffix, 0);
    }

    /// [`Lines::ty`] where the last `free` bytes of `suffix` may pass the margin: a trailing
    /// comma that only a broken list has (prettyplease does not count it).
    fn ty_free(&mut self, more: usize, prefix: &str, ty: &str, suffix: &str, free: usize) {
        let flat = format!("{prefix}{ty}{suffix}");
        let counted = &flat[..flat.len() - free.min(suffix.len())];
        match generic_args(ty) {
            Some((head, args)) if !self.fits(more, counted) => {
                self.line(more, &format!("{prefix}{head}<"));
                let last = args.len().saturating_sub(1);
                for (i, a) in args.iter().enumerate() {
                    self.ty_free(more + 1, "", a, ",", usize::from(i == last));
                }
                self.line(more, &format!(">{suffix}"));
            }
            _ => self.line(more, &flat),
        }
    }

    /// A match arm: `pat => expr,` on one line, or `pat => {`, `expr` one level deeper, `}`.
    /// The comma may pass the margin: prettyplease does not count it.
    pub(crate) fn arm(&mut self, pat: &str, expr: &str) {
        self.arm_with(pat, expr, "");
    }

    /// [`Lines::arm`] for an assignment, which prettyplease ends with `;` inside a block.
    pub(crate) fn assignment_arm(&mut self, pat: &str, expr: &str) {
        self.arm_with(pat, expr, ";");
    }

    fn arm_with(&mut self, pat: &str, expr: &str, in_block: &str) {
        let flat = format!("{pat} => {expr},");
        if self.fits(0, &flat[..flat.len() - 1]) {
            self.line(0, &flat);
            return;
        }
        let close = self.break_pattern(pat);
        let rest = format!("{close} => {expr},");
        if close != pat && self.fits(0, &rest[..rest.len() - 1]) {
            self.line(0, &rest);
        } else {
            self.open(&format!("{close} =>"));
            self.line(0, &format!("{expr}{in_block}"));
            self.close();
        }
    }

    /// A match arm whose expression is a call: `pat => head(args),`, or `pat => {`, the call
    /// laid out as [`Lines::call`] lays it out one level deeper, `}`.
    pub(crate) fn call_arm(&mut self, pat: &str, head: &str, args: &[String]) {
        let flat = format!("{pat} => {head}({}),", args.join(", "));
        if self.fits(0, &flat[..flat.len() - 1]) {
            self.line(0, &flat);
            return;
        }
        self.open(&format!("{pat} =>"));
        self.call(head, args, "");
        self.close();
    }

    /// A call statement behind an attribute (`#[cfg(...)]`, if any): `#[attr] head(args);` on
    /// one line when it fits, as prettyplease keeps a statement's attribute, else the attribute
    /// on a line of its own and the call laid out as [`Lines::call`] lays it out.
    pub(crate) fn attributed_call(&mut self, attribute: Option<&str>, head: &str, args: &[String], tail: &str) {
        if let Some(attribute) = attribute {
            let flat = format!("{attribute} {head}({}){tail}", args.join(", "));
            if self.fits(0, &flat) {
                self.line(0, &flat);
                return;
            }
            self.line(0, attribute);
        }
        self.call(head, args, tail);
    }

    /// Opens an arm whose body is a block: `pat => {`, or, when even that is too long (its
    /// brace aside), a call-like pattern broken as [`Lines::call`] breaks one: `Some(`, the
    /// argument, `) => {`.
    pub(crate) fn open_arm(&mut self, pat: &str) {
        let close = self.break_pattern(pat);
        self.open(&format!("{close} =>"));
    }

    /// Writes the head of a call-like pattern too long for `pat => {` (its brace aside):
    /// `Some(` and the argument; returns what remains to write (`)`), or `pat` itself when it
    /// fits or cannot break.
    fn break_pattern<'p>(&mut self, pat: &'p str) -> &'p str {
        let call = pat.strip_suffix(')').and_then(|p| p.split_once('('));
        match call {
            Some((head, arg)) if !self.fits(0, &format!("{pat} => ")) && !head.is_empty() => {
                self.line(0, &format!("{head}("));
                self.line(1, &format!("{arg},"));
                ")"
            }
            _ => pat,
        }
    }

    /// A tuple variant holding `ty`: `Name(ty),`, or `Name(`, `ty` (broken in turn when it
    /// does not fit) and `),`.
    pub(crate) fn tuple_variant(&mut self, name: &str, ty: &str) {
        let flat = format!("{name}({ty}),");
        if self.fits(0, &flat) {
            self.line(0, &flat);
        } else {
            self.line(0, &format!("{name}("));
            self.ty_free(1, "", ty, ",", 1);
            self.line(0, "),");
        }
    }

    /// `head.a.b()tail` (a method chain), or `head` and each link on a line of its own one
    /// level deeper, the last one followed by `tail`.
    pub(crate) fn chain(&mut self, head: &str, links: &[String], tail: &str) {
        let flat = format!("{head}{}{tail}", links.concat());
        if self.fits(0, &flat) {
            self.line(0, &flat);
            return;
        }
        self.line(0, head);
        let last = links.len().saturating_sub(1);
        for (i, link) in links.iter().enumerate() {
            self.line(1, &if i == last { format!("{link}{tail}") } else { link.clone() });
        }
    }

    /// `impl head<arg> {` (an `impl` of a generic type for one argument), broken as
    /// prettyplease breaks it when too long: `impl head<`, the argument and a comma, `> {`.
    pub(crate) fn open_impl_generic(&mut self, head: &str, arg: &str) {
        let flat = format!("impl {head}<{arg}> {{");
        if self.fits(0, &flat) {
            self.line(0, &flat);
        } else {
            self.line(0, &format!("impl {head}<"));
            self.line(1, &format!("{arg},"));
            self.line(0, "> {");
        }
        self.depth += 1;
    }

    /// Opens `impl serde::Serialize for ty` and its `fn serialize`: two blocks to close.
    pub(crate) fn open_serialize(&mut self, ty: &str) {
        self.open_trait_impl("", "serde::Serialize", ty);
        self.signature(
            "fn serialize<S: serde::Serializer>",
            &["&self".to_string(), "serializer: S".to_string()],
            "Result<S::Ok, S::Error>",
        );
    }

    /// Opens `impl<'de> serde::Deserialize<'de> for ty` and its `fn deserialize`: two blocks
    /// to close.
    pub(crate) fn open_deserialize(&mut self, ty: &str) {
        self.open_trait_impl("<'de>", "serde::Deserialize<'de>", ty);
        self.signature(
            "fn deserialize<D: serde::Deserializer<'de>>",
            &["deserializer: D".to_string()],
            "Result<Self, D::Error>",
        );
    }

    /// `impl trait for ty {}`, or `impl trait` and `for ty {}` on two lines when too long.
    pub(crate) fn empty_trait_impl(&mut self, trait_path: &str, ty: &str) {
        let head = self.impl_head("", trait_path, ty);
        self.line(0, &format!("{head} {{}}"));
    }

    /// Opens `impl<generics> trait for ty {`, or `impl<generics> trait` and `for ty {` on two
    /// lines when too long.
    pub(crate) fn open_trait_impl(&mut self, generics: &str, trait_path: &str, ty: &str) {
        let head = self.impl_head(generics, trait_path, ty);
        self.open(&head);
    }

    /// The head of a trait impl up to its opening brace: `impl trait for ty` when that line
    /// and ` {` fit (a closing brace after it may pass the margin, as prettyplease lets it),
    /// else `impl trait` written on a line of its own and `for ty` returned.
    fn impl_head(&mut self, generics: &str, trait_path: &str, ty: &str) -> String {
        let flat = format!("impl{generics} {trait_path} for {ty}");
        if self.fits(0, &format!("{flat} {{")) {
            return flat;
        }
        self.line(0, &format!("impl{generics} {trait_path}"));
        format!("for {ty}")
    }

    /// `left op right;` (a binary expression ending a statement), or `left` and, one level
    /// deeper, `op right;` laid out as a call (see [`Lines::call`]).
    pub(crate) fn binary_call(&mut self, left: &str, op: &str, head: &str, args: &[String], tail: &str) {
        let flat = format!("{left} {op} {head}({}){tail}", args.join(", "));
        if self.fits(0, &flat) {
            self.line(0, &flat);
            return;
        }
        self.line(0, left);
        self.depth += 1;
        self.call(&format!("{op} {head}"), args, tail);
        self.depth -= 1;
    }
}

/// `Head<A, B<C>>` -> (`Head`, [`A`, `B<C>`]): the outermost generic arguments of a type
/// written by [`type_text`]; `None` when it has none.
fn generic_args(ty: &str) -> Option<(&str, Vec<&str>)> {
    let open = ty.find('<')?;
    let inner = ty.strip_suffix('>')?.get(open + 1..)?;
    let mut args = Vec::new();
    let (mut depth, mut start) = (0usize, 0usize);
    for (i, c) in inner.char_indices() {
        match c {
            '<' | '(' | '[' => depth += 1,
            '>' | ')' | ']' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                args.push(inner[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    args.push(inner[start..].trim());
    Some((&ty[..open], args))
}

/// A type's tokens as text: `crate::models::a::B`, `chrono::DateTime<chrono::FixedOffset>`,
/// `&[T]`, `()`: paths, generic arguments, references, slices and tuples, the types the plan
/// makes. Only `, ` between arguments and the space in `&mut T` are spaced.
pub(crate) fn type_text(tokens: &TokenStream) -> String {
    let mut out = String::new();
    write_type(tokens.clone(), &mut out);
    out
}

fn write_type(tokens: TokenStream, out: &mut String) {
    for tt in tokens {
        match tt {
            TokenTree::Ident(i) => {
                if out.ends_with(|c: char| c.is_alphanumeric() || c == '_') {
                    out.push(' ');
                }
                out.push_str(&i.to_string());
            }
            TokenTree::Punct(p) => {
                out.push(p.as_char());
                if p.as_char() == ',' {
                    out.push(' ');
                }
            }
            TokenTree::Literal(l) => out.push_str(&l.to_string()),
            TokenTree::Group(g) => {
                let (open, close) = match g.delimiter() {
                    Delimiter::Parenthesis => ("(", ")"),
                    Delimiter::Bracket => ("[", "]"),
                    Delimiter::Brace => ("{", "}"),
                    Delimiter::None => ("", ""),
                };
                out.push_str(open);
                write_type(g.stream(), out);
                out.push_str(close);
            }
        }
    }
}

/// The attributes that put an item of a split area's group behind the group's feature: the
/// `cfg`, and the `doc(cfg)` that shows the feature on docs.rs (as the area modules have it).
pub(crate) fn group_cfg(feature: &str) -> String {
    format!("#[cfg(feature = {})]\n{}\n", string_literal(feature), doc_cfg_line(feature))
}

/// `#[cfg_attr(docsrs, doc(cfg(feature = "feature")))]`: shows on docs.rs which feature an
/// item needs.
pub(crate) fn doc_cfg_line(feature: &str) -> String {
    format!("#[cfg_attr(docsrs, doc(cfg(feature = {})))]", string_literal(feature))
}

/// `text` (whole items, laid out, a blank line between each two) with [`group_cfg`] before
/// each top-level item: an item starts at a line at column 0 that is the
/// first line or follows a blank one, and is not a closing bracket. For the items of a group of
/// a split area, which share the area's module.
pub(crate) fn gate_items(text: &str, feature: &str) -> String {
    let cfg = group_cfg(feature);
    let mut out = String::with_capacity(text.len() + 8 * cfg.len());
    let mut after_blank = true;
    for line in text.split_inclusive('\n') {
        if after_blank && line.starts_with(|c: char| !c.is_whitespace() && !matches!(c, '}' | ')' | ']')) {
            out.push_str(&cfg);
        }
        out.push_str(line);
        after_blank = line.trim().is_empty();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    #[test]
    fn types_print_as_written() {
        assert_eq!(type_text(&quote!(crate::models::a::B)), "crate::models::a::B");
        assert_eq!(
            type_text(&quote!(&[chrono::DateTime<chrono::FixedOffset>])),
            "&[chrono::DateTime<chrono::FixedOffset>]"
        );
        assert_eq!(
            type_text(&quote!(Result<(), crate::runtime::ResponseError>)),
            "Result<(), crate::runtime::ResponseError>"
        );
        assert_eq!(type_text(&quote!(&mut r#type)), "&mut r#type");
    }

    #[test]
    fn generic_arguments_split_at_the_outer_level() {
        assert_eq!(generic_args("Result<A<B, C>, D>"), Some(("Result", vec!["A<B, C>", "D"])));
        assert_eq!(generic_args("crate::x::Y"), None);
    }

    #[test]
    fn long_constructs_break_one_element_per_line() {
        let mut l = Lines::default();
        l.call("uri.push_str", &[format!("\"{}\"", "x".repeat(90))], ";");
        l.call("f", &["a".into(), "b".into()], ";");
        let long = format!("crate::runtime::Page<crate::models::{}::Item>", "m".repeat(70));
        l.ty(0, ") -> ", &format!("Result<{long}, crate::runtime::ResponseError>"), " {");
        let x = "x".repeat(90);
        let expected = format!(
            "uri.push_str(\n    \"{x}\",\n);\nf(a, b);\n) -> Result<\n    crate::runtime::Page<\n        \
             crate::models::{}::Item,\n    >,\n    crate::runtime::ResponseError,\n> {{\n",
            "m".repeat(70)
        );
        assert_eq!(l.into_text(), expected);
    }

    #[test]
    fn each_top_level_item_is_gated() {
        let text = "/// A.\n#[derive(Debug)]\npub struct A {\n    x: i32,\n}\n\nimpl A {\n    fn f() {}\n\n    fn g() {}\n}\n\npub type B = A;\n";
        let cfg = "#[cfg(feature = \"a-b\")]\n#[cfg_attr(docsrs, doc(cfg(feature = \"a-b\")))]\n";
        assert_eq!(group_cfg("a-b"), cfg);
        assert_eq!(
            gate_items(text, "a-b"),
            format!(
                "{cfg}/// A.\n#[derive(Debug)]\npub struct A {{\n    x: i32,\n}}\n\n\
                 {cfg}impl A {{\n    fn f() {{}}\n\n    fn g() {{}}\n}}\n\n{cfg}pub type B = A;\n"
            )
        );
    }
}
