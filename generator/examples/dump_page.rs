//! Prints the page model of one file: `cargo run -p docs-codegen --example dump_page -- FILE`.
fn main() {
    for path in std::env::args().skip(1) {
        match std::fs::read(&path) {
            Ok(bytes) => println!("{:#?}", docs_codegen::read::read_page(&path, &bytes)),
            Err(e) => eprintln!("{path}: {e}"),
        }
    }
}
