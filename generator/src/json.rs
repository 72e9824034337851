//! Lenient JSON: what the docs write as JSON, with trailing commas and comments, each reported.
