//! Output is a function of the input alone: not of page order, nor of thread count.

mod common;

use common::*;

fn schema_json(sources: &[docs_codegen::SourceFile], threads: usize) -> String {
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("thread pool");
    let schema = pool.install(|| docs_codegen::build_schema(sources));
    serde_json::to_string_pretty(&schema).expect("schema serialises")
}

#[test]
fn page_order_and_threads_do_not_change_the_schema() {
    let sources = docs_sources();
    let reference = schema_json(&sources, 1);
    let mut reversed = sources.clone();
    reversed.reverse();
    assert_eq!(schema_json(&reversed, 1), reference);
    let mut rotated = sources.clone();
    rotated.rotate_left(2);
    assert_eq!(schema_json(&rotated, 4), reference);
    assert_eq!(schema_json(&sources, 3), reference);
}

#[test]
fn a_larger_corpus_is_order_independent_too() {
    let Some(shared) = shared() else {
        eprintln!("skipped: ../shared is not present");
        return;
    };
    let dir = shared.join("corpus/graph-profile");
    let (mut sources, _) = docs_codegen::collect_sources(&dir, "graph-profile").expect("corpus readable");
    let reference = schema_json(&sources, 2);
    // A deterministic shuffle: interleave from both ends.
    let mut shuffled = Vec::with_capacity(sources.len());
    while !sources.is_empty() {
        shuffled.push(sources.remove(0));
        if let Some(last) = sources.pop() {
            shuffled.push(last);
        }
    }
    assert_eq!(schema_json(&shuffled, 1), reference);
}
