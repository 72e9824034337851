//! End-to-end and snapshot tests live in `tests/`.
