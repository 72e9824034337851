//! `src/runtime.rs`: the fixed support code of the generated crate, kept in
//! `runtime.rs.txt` so that it reads (and diffs) as ordinary Rust.

use super::format::RS_HEADER;

/// The template, without the `@generated` header.
const TEMPLATE: &str = include_str!("runtime.rs.txt");

/// The content of `src/runtime.rs`.
pub(crate) fn file() -> String {
    format!("{RS_HEADER}{TEMPLATE}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_is_rust_and_has_what_endpoints_call() {
        let parsed = syn::parse_file(TEMPLATE);
        assert!(parsed.is_ok(), "{:?}", parsed.err());
        for function in [
            "pub fn base_url(",
            "pub fn push_param(",
            "pub fn empty_request(",
            "pub fn json_request<",
            "pub fn bytes_request(",
            "pub fn parse_json<",
            "pub struct RequestBuilder<E>",
            "pub fn build(self)",
            "pub fn json_body<",
            "pub fn bytes_body(",
            "pub enum Patch<T>",
            "pub fn is_absent(",
            "pub fn parse_empty(",
            "pub fn parse_bytes(",
        ] {
            assert!(TEMPLATE.contains(function), "{function}");
        }
    }
}
