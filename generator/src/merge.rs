//! Merging: the facts of every page -> one [`Schema`], settling disagreements by precedence.

use crate::extract::PageFacts;
use crate::ir::Schema;

/// Merges all pages' facts.
pub fn merge(facts: Vec<PageFacts>) -> Schema {
    let mut schema = Schema::default();
    for f in facts {
        schema.diagnostics.extend(f.diagnostics);
    }
    schema.diagnostics.sort();
    schema
}
