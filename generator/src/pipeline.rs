//! Runs the stages over a docs tree: collect files, read and extract in parallel, merge.

use crate::diagnostics::Diagnostic;
use crate::ir::Schema;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// Why a docs tree could not be read at all (single bad pages are diagnostics, not errors).
#[derive(Debug, thiserror::Error)]
pub enum CollectError {
    #[error("{path}: cannot read the docs directory: {source}")]
    Walk {
        path: PathBuf,
        #[source]
        source: walkdir::Error,
    },
    #[error("{path}: not a directory")]
    NotADirectory { path: PathBuf },
}

/// One input file: its display path (used in diagnostics and `sources`) and its bytes.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Every `*.md` and `*.txt` under `dir`, recursively, sorted by path.
///
/// `display_root` is what paths are shown relative to (usually `dir` as the user typed it).
/// A file that cannot be read becomes an `io` diagnostic; the rest are still returned.
pub fn collect_sources(dir: &Path, display_root: &str) -> Result<(Vec<SourceFile>, Vec<Diagnostic>), CollectError> {
    if !dir.is_dir() {
        return Err(CollectError::NotADirectory { path: dir.to_path_buf() });
    }
    let mut paths = Vec::new();
    for entry in walkdir::WalkDir::new(dir).follow_links(false).sort_by_file_name() {
        let entry = entry.map_err(|source| CollectError::Walk { path: dir.to_path_buf(), source })?;
        if !entry.file_type().is_file() {
            continue;
        }
        let p = entry.path();
        let ext = p.extension().and_then(|e| e.to_str()).map(|e| e.to_ascii_lowercase());
        if matches!(ext.as_deref(), Some("md") | Some("txt")) {
            paths.push(p.to_path_buf());
        }
    }
    let read: Vec<Result<SourceFile, Diagnostic>> = paths
        .par_iter()
        .map(|p| {
            let rel = p.strip_prefix(dir).unwrap_or(p);
            let shown = display_path(display_root, rel);
            std::fs::read(p).map(|bytes| SourceFile { path: shown.clone(), bytes }).map_err(|e| {
                Diagnostic::new(
                    &shown,
                    crate::diagnostics::Pos::new(1, 1),
                    crate::Code::Io,
                    format!("cannot read the file: {e}; it was skipped"),
                )
            })
        })
        .collect();
    let mut files = Vec::new();
    let mut diags = Vec::new();
    for r in read {
        match r {
            Ok(f) => files.push(f),
            Err(d) => diags.push(d),
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((files, diags))
}

/// `root/rel` with forward slashes, whatever the platform, so output is the same everywhere.
fn display_path(root: &str, rel: &Path) -> String {
    let rel: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    let root = root.trim_end_matches(['/', '\\']);
    if root.is_empty() || root == "." {
        rel.join("/")
    } else {
        format!("{}/{}", root.replace('\\', "/"), rel.join("/"))
    }
}

/// Reads, extracts and merges every source into one schema. Never fails: problems are diagnostics.
///
/// The result does not depend on the order of `sources` or on the number of threads.
/// It is exactly `merge::merge(read_and_extract(sources))`: the two halves are public so they
/// can be timed apart (`cargo xtask bench`).
pub fn build_schema(sources: &[SourceFile]) -> Schema {
    crate::merge::merge(read_and_extract(sources))
}

/// The yardstick of `cargo xtask bench`: one bare pulldown-cmark pass over every source, on
/// the rayon pool, with the options the Markdown reader uses, keeping nothing. Returns the
/// number of events, so the work cannot be optimised away.
///
/// It lives here so that the parser is instantiated (it is generic) and optimised exactly as
/// the reader's is, whatever profile the caller is built with.
pub fn bare_markdown_pass(sources: &[SourceFile]) -> usize {
    use pulldown_cmark::{Options, Parser};
    sources
        .par_iter()
        .map(|src| {
            let text = String::from_utf8_lossy(&src.bytes);
            Parser::new_ext(&text, Options::ENABLE_TABLES).into_offset_iter().count()
        })
        .sum()
}

/// The schema as pretty JSON with a final newline: what `cargo xtask codegen --ir` writes.
///
/// It lives here so that the serialiser is instantiated in this crate, which is optimised
/// even in the dev profile: instantiated in an unoptimised caller (xtask in the dev profile)
/// it ran about ten times slower (0.3 s instead of 0.03 s on the Graph reference).
///
/// The arrays are serialised in slices on the rayon pool and joined exactly as serde_json's
/// pretty printer writes the whole; a test holds it to `serde_json::to_string_pretty`.
pub fn schema_json(schema: &Schema) -> Result<String, serde_json::Error> {
    assemble(schema, None)
}

/// [`build_schema`], calling `page_done` as each page is read and extracted (see
/// [`read_and_extract_with_progress`]) and `merging` once, when every page is done and the
/// merge (which runs mostly on one core) starts. The schema is the same; it comes with what
/// the merge leaves, to drop once the caller's next parallel stage is done (see
/// [`Leftovers`](crate::merge::Leftovers)), and, when `serialise_endpoints` (for a caller that
/// serialises the schema next), with the endpoints' JSON, made while the merge settles the
/// types on a core it leaves idle (see [`merge_overlapping`](crate::merge::merge_overlapping)):
/// hand it to [`schema_json_with`].
pub fn build_schema_with_progress(
    sources: &[SourceFile],
    page_done: &(dyn Fn() + Sync),
    merging: &dyn Fn(),
    serialise_endpoints: bool,
) -> (Schema, crate::merge::Leftovers, Option<EndpointsJson>) {
    let facts = read_and_extract_with_progress(sources, page_done);
    merging();
    crate::merge::merge_overlapping(facts, |endpoints| serialise_endpoints.then(|| endpoints_json(endpoints)))
}

/// The endpoints' part of [`schema_json`], made before the rest of the schema was done (see
/// [`build_schema_with_progress`]).
#[derive(Debug)]
pub struct EndpointsJson {
    /// How many endpoints it holds, to tell it from the JSON of other endpoints.
    count: usize,
    field: Result<String, serde_json::Error>,
}

/// Serialises `endpoints` as [`schema_json`] writes the schema's; for
/// [`merge_overlapping`](crate::merge::merge_overlapping).
pub fn endpoints_json(endpoints: &[crate::ir::Endpoint]) -> EndpointsJson {
    let field = item_slices(endpoints).map(|slices| {
        let mut json = String::new();
        push_array_field(&mut json, "endpoints", &slices);
        json
    });
    EndpointsJson { count: endpoints.len(), field }
}

/// [`schema_json`], using the endpoints' JSON made during the merge if there is one. It must
/// be of this schema's endpoints, unchanged; one of another number of endpoints is not used
/// (the endpoints are serialised again).
pub fn schema_json_with(schema: &Schema, endpoints: Option<EndpointsJson>) -> Result<String, serde_json::Error> {
    match endpoints {
        Some(e) if e.count == schema.endpoints.len() => assemble(schema, Some(e.field?)),
        _ => assemble(schema, None),
    }
}

/// Items per slice serialised as one job on the pool: enough to keep the workers busy with
/// little joining (the Graph reference has about 1,300 types and 2,100 endpoints).
const ITEMS_PER_JOB: usize = 128;

/// The schema's JSON, its endpoints' field given already serialised or not. Each array is
/// serialised in slices on the pool, one array after the other.
fn assemble(schema: &Schema, endpoints_field: Option<String>) -> Result<String, serde_json::Error> {
    // Destructured so that a field added to `Schema` fails to compile here.
    let Schema { types, endpoints, diagnostics, examples } = schema;
    let types = item_slices(types)?;
    let endpoints = if endpoints_field.is_some() { Vec::new() } else { item_slices(endpoints)? };
    let diagnostics = item_slices(diagnostics)?;
    // `Schema` leaves out an empty `examples`.
    let examples = if examples.is_empty() { None } else { Some(item_slices(examples)?) };
    let size =
        [&types, &endpoints, &diagnostics].into_iter().chain(&examples).flatten().map(|s| s.len() + 2).sum::<usize>()
            + endpoints_field.as_ref().map_or(0, String::len)
            + 128;
    let mut json = String::with_capacity(size);
    json.push('{');
    push_array_field(&mut json, "types", &types);
    json.push(',');
    match &endpoints_field {
        Some(field) => json.push_str(field),
        None => push_array_field(&mut json, "endpoints", &endpoints),
    }
    json.push(',');
    push_array_field(&mut json, "diagnostics", &diagnostics);
    if let Some(examples) = &examples {
        json.push(',');
        push_array_field(&mut json, "examples", examples);
    }
    json.push_str("\n}\n");
    Ok(json)
}

/// The items of `items`, a slice of [`ITEMS_PER_JOB`] at a time on the pool, as
/// [`array_items`] writes them.
fn item_slices<T: serde::Serialize + Sync>(items: &[T]) -> Result<Vec<String>, serde_json::Error> {
    items.par_chunks(ITEMS_PER_JOB).map(array_items).collect()
}

/// `\n  "name": [...]`: an array field of the schema's object from its items' texts (each
/// slice's items, as [`array_items`] writes them).
fn push_array_field(json: &mut String, name: &str, slices: &[String]) {
    json.push_str("\n  \"");
    json.push_str(name);
    json.push_str("\": [");
    if slices.is_empty() {
        json.push(']');
        return;
    }
    for (i, slice) in slices.iter().enumerate() {
        json.push_str(if i == 0 { "\n" } else { ",\n" });
        json.push_str(slice);
    }
    json.push_str("\n  ]");
}

/// The items of a non-empty slice as the pretty printer writes them inside an array that is a
/// field of the schema's object: four spaces in, `,\n` between them.
fn array_items<T: serde::Serialize>(items: &[T]) -> Result<String, serde_json::Error> {
    use serde::ser::Error as _;
    let text = serde_json::to_string_pretty(&Field("x", items))?;
    // `{\n  "x": [\n` + items + `\n  ]\n}`
    text.strip_prefix("{\n  \"x\": [\n")
        .and_then(|t| t.strip_suffix("\n  ]\n}"))
        .map(str::to_string)
        .ok_or_else(|| serde_json::Error::custom("an array slice did not serialise as expected"))
}

/// One field as the only entry of an object: `{"name": value}`.
struct Field<'a, T: ?Sized>(&'static str, &'a T);

impl<T: serde::Serialize + ?Sized> serde::Serialize for Field<'_, T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry(self.0, self.1)?;
        map.end()
    }
}

/// The first, per-page half of [`build_schema`]: reads and extracts every source on the rayon
/// pool (each page on one worker; only its facts are kept) and returns one
/// [`PageFacts`](crate::extract::PageFacts) per source, sorted by path, ready for
/// [`merge::merge`](crate::merge::merge), the second half.
pub fn read_and_extract(sources: &[SourceFile]) -> Vec<crate::extract::PageFacts> {
    read_and_extract_with_progress(sources, &|| {})
}

/// [`read_and_extract`], calling `page_done` once per page as soon as it is extracted, from
/// whichever worker did it, so a caller can show progress on a large corpus (the library
/// draws nothing itself). The result does not depend on when or where it is called.
pub fn read_and_extract_with_progress(
    sources: &[SourceFile],
    page_done: &(dyn Fn() + Sync),
) -> Vec<crate::extract::PageFacts> {
    let mut facts: Vec<crate::extract::PageFacts> = sources
        .par_iter()
        .map(|src| {
            let page = crate::read::read_page(&src.path, &src.bytes);
            let facts = crate::extract::extract_page(&page);
            page_done();
            facts
        })
        .collect();
    facts.sort_by(|a, b| a.path.cmp(&b.path));
    facts
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn the_schema_json_is_what_serde_json_writes() {
        let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs");
        let (sources, _) = collect_sources(&docs, "docs").expect("the seeds are readable");
        let seeds = build_schema(&sources);
        let parts = [seeds.types.len(), seeds.endpoints.len(), seeds.diagnostics.len(), seeds.examples.len()];
        assert!(parts.iter().all(|n| *n > 0), "the seeds give every part of a schema: {parts:?}");
        let without_examples = Schema { examples: Vec::new(), ..seeds.clone() };
        // Arrays longer than a job's slice, so that slices are joined (one exactly a slice long).
        fn repeat<T: Clone>(items: &[T], len: usize) -> Vec<T> {
            items.iter().cycle().take(len).cloned().collect()
        }
        let long = Schema {
            types: repeat(&seeds.types, ITEMS_PER_JOB * 2 + 5),
            endpoints: repeat(&seeds.endpoints, ITEMS_PER_JOB),
            diagnostics: repeat(&seeds.diagnostics, ITEMS_PER_JOB * 8 + 1),
            examples: repeat(&seeds.examples, ITEMS_PER_JOB + 1),
        };
        let only_types = Schema { types: seeds.types.clone(), ..Schema::default() };
        for schema in [seeds, without_examples, long, only_types, Schema::default()] {
            let expected = serde_json::to_string_pretty(&schema).unwrap() + "\n";
            assert_eq!(schema_json(&schema).unwrap(), expected);
            // The endpoints serialised beforehand give the same text...
            assert_eq!(schema_json_with(&schema, Some(endpoints_json(&schema.endpoints))).unwrap(), expected);
            // ...and those of other endpoints are not used.
            let other = endpoints_json(&schema.endpoints[..schema.endpoints.len().saturating_sub(1)]);
            assert_eq!(schema_json_with(&schema, Some(other)).unwrap(), expected);
        }
    }

    #[test]
    fn building_for_json_gives_the_same_schema_and_json() {
        let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs");
        let (sources, _) = collect_sources(&docs, "docs").expect("the seeds are readable");
        let (schema, _leftovers, endpoints) = build_schema_with_progress(&sources, &|| {}, &|| {}, true);
        assert!(endpoints.is_some());
        assert_eq!(schema, build_schema(&sources));
        assert_eq!(schema_json_with(&schema, endpoints).unwrap(), schema_json(&schema).unwrap());
        let (schema, _leftovers, endpoints) = build_schema_with_progress(&sources, &|| {}, &|| {}, false);
        assert!(endpoints.is_none());
        assert_eq!(schema, build_schema(&sources));
    }

    #[test]
    fn progress_is_reported_once_per_page_and_changes_nothing() {
        let sources: Vec<SourceFile> = (0..40)
            .map(|i| SourceFile {
                path: format!("docs/t{i:02}.md"),
                bytes: format!(
                    "# t{i} resource type\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| p{i} | String | A. |\n"
                )
                .into_bytes(),
            })
            .collect();
        let done = AtomicUsize::new(0);
        let merges = AtomicUsize::new(0);
        let (schema, _leftovers, _) = build_schema_with_progress(
            &sources,
            &|| {
                done.fetch_add(1, Ordering::Relaxed);
            },
            &|| {
                assert_eq!(done.load(Ordering::Relaxed), 40, "merging starts after every page");
                merges.fetch_add(1, Ordering::Relaxed);
            },
            false,
        );
        assert_eq!((done.into_inner(), merges.into_inner()), (40, 1));
        assert_eq!(schema, build_schema(&sources));
        assert_eq!(schema.types.len(), 40);
    }
}
