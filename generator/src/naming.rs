//! Naming: the one place where names from the docs become Rust identifiers.
