//! The eight fidelity metrics: how much of the official CSDL the schema built from the docs
//! reproduces, restricted to what the docs document.

use super::csdl::{Csdl, CsdlKind, CsdlProperty, CsdlType};
use docs_codegen::ir::{Property, Schema, TypeDef, TypeKind};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt;
use std::path::Path;

/// A share: `num` of `den`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Ratio {
    pub num: usize,
    pub den: usize,
}

impl Ratio {
    pub const fn new(num: usize, den: usize) -> Ratio {
        Ratio { num, den }
    }

    /// `num / den` in percent; 100 when there is nothing to count.
    pub fn percent(&self) -> f64 {
        if self.den == 0 {
            100.0
        } else {
            self.num as f64 * 100.0 / self.den as f64
        }
    }

    /// Counts one item, a hit or not.
    fn count(&mut self, hit: bool) {
        self.den += 1;
        self.num += usize::from(hit);
    }
}

impl fmt::Display for Ratio {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.1}% ({}/{})", self.percent(), self.num, self.den)
    }
}

/// One of the eight scored figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Metric {
    TypeRecall,
    KindAccuracy,
    BaseAccuracy,
    PropertyRecall,
    PropertyTypeAccuracy,
    PropertyPrecision,
    NavigationRecall,
    EnumMemberRecall,
}

/// The minimum percentage each metric should reach, in report order.
pub const TARGETS: [(Metric, f64); 8] = [
    (Metric::TypeRecall, 99.0),
    (Metric::KindAccuracy, 99.0),
    (Metric::BaseAccuracy, 92.0),
    (Metric::PropertyRecall, 96.0),
    (Metric::PropertyTypeAccuracy, 98.0),
    (Metric::PropertyPrecision, 97.0),
    (Metric::NavigationRecall, 93.0),
    (Metric::EnumMemberRecall, 97.0),
];

impl Metric {
    /// Every metric, in report order.
    pub const ALL: [Metric; 8] = [
        Metric::TypeRecall,
        Metric::KindAccuracy,
        Metric::BaseAccuracy,
        Metric::PropertyRecall,
        Metric::PropertyTypeAccuracy,
        Metric::PropertyPrecision,
        Metric::NavigationRecall,
        Metric::EnumMemberRecall,
    ];

    /// Human-readable name, e.g. `property recall`.
    pub fn label(self) -> &'static str {
        match self {
            Metric::TypeRecall => "type recall",
            Metric::KindAccuracy => "kind accuracy",
            Metric::BaseAccuracy => "base accuracy",
            Metric::PropertyRecall => "property recall",
            Metric::PropertyTypeAccuracy => "property type accuracy",
            Metric::PropertyPrecision => "property precision",
            Metric::NavigationRecall => "navigation recall",
            Metric::EnumMemberRecall => "enum member recall",
        }
    }

    /// Identifier used as the JSON key, e.g. `property_recall`.
    pub fn key(self) -> &'static str {
        match self {
            Metric::TypeRecall => "type_recall",
            Metric::KindAccuracy => "kind_accuracy",
            Metric::BaseAccuracy => "base_accuracy",
            Metric::PropertyRecall => "property_recall",
            Metric::PropertyTypeAccuracy => "property_type_accuracy",
            Metric::PropertyPrecision => "property_precision",
            Metric::NavigationRecall => "navigation_recall",
            Metric::EnumMemberRecall => "enum_member_recall",
        }
    }

    /// The minimum percentage from [`TARGETS`].
    pub fn target(self) -> f64 {
        TARGETS.iter().find(|(m, _)| *m == self).map_or(100.0, |(_, t)| *t)
    }

    /// What one missed item of this metric is, for the misses report.
    pub fn miss_heading(self) -> &'static str {
        match self {
            Metric::TypeRecall => "documented official types missing from our schema",
            Metric::KindAccuracy => "matched types whose kind class (struct vs enum) differs",
            Metric::BaseAccuracy => "matched struct types whose base type differs",
            Metric::PropertyRecall => "official structural properties we do not have",
            Metric::PropertyTypeAccuracy => "recalled properties whose type or collection-ness differs",
            Metric::PropertyPrecision => "our properties that the official type does not have",
            Metric::NavigationRecall => "official navigation properties we do not have",
            Metric::EnumMemberRecall => "official enum members we do not have",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// The figures, with every missed item for the report.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Scores {
    /// Documented official types that our schema has (qualified name, ignoring case).
    pub type_recall: Ratio,
    /// Matched types whose kind class agrees (struct-like vs enum).
    pub kind_accuracy: Ratio,
    /// Matched struct types with an official base whose base equals ours (ignoring case).
    pub base_accuracy: Ratio,
    /// Official structural properties (flattened) of matched struct types that we have.
    pub property_recall: Ratio,
    /// Recalled structural properties whose type and collection-ness agree.
    pub property_type_accuracy: Ratio,
    /// Our properties (flattened) of matched struct types that exist officially.
    pub property_precision: Ratio,
    /// Official navigation properties (flattened) of matched struct types that we have.
    pub navigation_recall: Ratio,
    /// Official members of matched enum types that we have (case-sensitive).
    pub enum_member_recall: Ratio,
    /// Extra: matched types that are struct-like on both sides whose entity/complex kind agrees.
    pub entity_complex_agreement: Ratio,
    /// Matched types whose name differs from the official one in letter case only.
    pub case_only_matches: usize,
    /// Missed items per metric (indexed by [`Metric`]), each line starting with the official name.
    misses: [Vec<String>; 8],
    /// `official: ours` for every case-only match.
    pub case_only_names: Vec<String>,
    /// Struct types whose entity/complex kind differs.
    pub entity_complex_misses: Vec<String>,
    /// Matched struct types with no official base to which ours gives one (not a metric: the
    /// base accuracy counts only types with an official base, but such a base drags foreign
    /// properties into every descendant and so shows up in the property precision).
    pub unexpected_bases: Vec<String>,
}

impl Scores {
    /// The figure of one metric.
    pub fn get(&self, metric: Metric) -> Ratio {
        match metric {
            Metric::TypeRecall => self.type_recall,
            Metric::KindAccuracy => self.kind_accuracy,
            Metric::BaseAccuracy => self.base_accuracy,
            Metric::PropertyRecall => self.property_recall,
            Metric::PropertyTypeAccuracy => self.property_type_accuracy,
            Metric::PropertyPrecision => self.property_precision,
            Metric::NavigationRecall => self.navigation_recall,
            Metric::EnumMemberRecall => self.enum_member_recall,
        }
    }

    /// Whether one metric reaches its target.
    pub fn meets(&self, metric: Metric) -> bool {
        self.get(metric).percent() >= metric.target()
    }

    /// True when every metric reaches its target.
    pub fn meets_targets(&self) -> bool {
        Metric::ALL.iter().all(|&m| self.meets(m))
    }

    /// The metrics below their target.
    pub fn missed_targets(&self) -> Vec<Metric> {
        Metric::ALL.into_iter().filter(|&m| !self.meets(m)).collect()
    }

    /// The missed items of one metric, sorted, one readable line each.
    pub fn misses(&self, metric: Metric) -> &[String] {
        &self.misses[metric.index()]
    }

    fn miss(&mut self, metric: Metric, line: String) {
        self.misses[metric.index()].push(line);
    }
}

/// Names on one page -> (first line, `table row` or `JSON key`).
type Mentions = HashMap<String, (usize, &'static str)>;

/// What the docs document, as far as type recall is concerned: resource pages and headings.
#[derive(Debug, Clone, Default)]
pub struct DocsIndex {
    /// Lower-cased file stem of every page in a `resources` directory -> its path.
    resource_pages: HashMap<String, String>,
    /// Lower-cased word of any heading -> `path:line` of its first heading.
    heading_words: HashMap<String, String>,
    /// Lower-cased `X` of every line that is exactly `X values` or `X enum type` -> `path:line`.
    value_lines: HashMap<String, String>,
    /// Per resource page (lower-cased stem): each name in a table row's first cell or a JSON key,
    /// with its first line and which of the two it was. Tells extraction misses from docs gaps.
    mentions: HashMap<String, Mentions>,
}

impl DocsIndex {
    /// Scans every `*.md` and `*.txt` page under `dir` (recursively; unreadable entries are skipped).
    /// Paths are shown relative to `dir`.
    pub fn scan(dir: &Path) -> DocsIndex {
        let mut files = Vec::new();
        collect_pages(dir, dir, &mut files);
        files.sort();
        let pages = files.into_iter().filter_map(|(rel, path)| {
            let bytes = std::fs::read(path).ok()?;
            Some((rel, String::from_utf8_lossy(&bytes).into_owned()))
        });
        DocsIndex::from_pages(pages)
    }

    /// Indexes pages given as (`/`-separated path relative to the docs root, text).
    pub fn from_pages(pages: impl IntoIterator<Item = (String, String)>) -> DocsIndex {
        let mut index = DocsIndex::default();
        for (path, text) in pages {
            let mut parts: Vec<&str> = path.split('/').collect();
            let file = parts.pop().unwrap_or_default();
            let is_resource = parts.last().is_some_and(|d| d.eq_ignore_ascii_case("resources"));
            let stem = file.rsplit_once('.').map_or(file, |(s, _)| s).to_lowercase();
            if is_resource {
                index.resource_pages.entry(stem.clone()).or_insert_with(|| path.clone());
            }
            let mut mentions = HashMap::new();
            let mut in_comment = false;
            for (i, line) in text.lines().enumerate() {
                let line = line.trim();
                let at = || format!("{path}:{}", i + 1);
                // Names inside `<!-- ... -->` metadata blocks are not the page's properties.
                let was_in_comment = in_comment;
                if let Some(open) = line.rfind("<!--") {
                    in_comment = !line[open..].contains("-->");
                } else if in_comment && line.contains("-->") {
                    in_comment = false;
                }
                if is_resource && !was_in_comment && !line.starts_with("<!--") {
                    for (name, what) in line_mentions(line) {
                        mentions.entry(name).or_insert((i + 1, what));
                    }
                }
                if let Some(heading) = line.strip_prefix('#') {
                    for word in heading.split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|w| !w.is_empty()) {
                        index.heading_words.entry(word.to_lowercase()).or_insert_with(at);
                    }
                }
                let lower = line.to_lowercase();
                for suffix in [" values", " enum type"] {
                    if let Some(name) = lower.strip_suffix(suffix) {
                        let name = name.trim_end();
                        if !name.is_empty() {
                            index.value_lines.entry(name.to_string()).or_insert_with(at);
                        }
                    }
                }
            }
            if is_resource {
                index.mentions.entry(stem).or_insert(mentions);
            }
        }
        index
    }

    /// Where the official type's own resource page names `property` (table row or JSON key).
    pub fn mention(&self, type_name: &str, root_namespace: &str, property: &str) -> Option<String> {
        let (page, mentions) = self.own_page(type_name, root_namespace)?;
        mentions.get(property).map(|(line, what)| format!("{page}:{line} ({what})"))
    }

    /// The type's own resource page and its mentions.
    fn own_page(&self, type_name: &str, root_namespace: &str) -> Option<(&str, &Mentions)> {
        let ns = type_name.rsplit_once('.').map_or("", |(ns, _)| ns);
        let stems = page_stems(type_name);
        let candidates = if ns.eq_ignore_ascii_case(root_namespace) { &stems[..] } else { &stems[1..] };
        candidates.iter().find_map(|stem| {
            let page = self.resource_pages.get(stem)?;
            Some((page.as_str(), self.mentions.get(stem)?))
        })
    }

    /// Where the docs document this official type, if they do.
    ///
    /// A type is documented by `resources/<name>.md` (stem = simple name, lower-cased; for a
    /// type outside the root namespace the page is `resources/<last namespace segment>-<name>.md`,
    /// e.g. `callrecords-session.md`), and an enum also by a heading containing its name as a
    /// word or a line that is exactly `<name> values` / `<name> enum type` (ignoring case).
    pub fn documents(&self, t: &CsdlType, root_namespace: &str) -> Option<&str> {
        let (ns, simple) = t.name.rsplit_once('.').unwrap_or(("", &t.name));
        let simple = simple.to_lowercase();
        let last_segment = ns.rsplit('.').next().unwrap_or(ns).to_lowercase();
        let prefixed = format!("{last_segment}-{simple}");
        let in_root = ns.eq_ignore_ascii_case(root_namespace);
        let page = in_root.then(|| self.resource_pages.get(&simple)).flatten();
        let page = page.or_else(|| self.resource_pages.get(&prefixed));
        if let Some(p) = page {
            return Some(p);
        }
        if t.kind == CsdlKind::Enum {
            return self.heading_words.get(&simple).or_else(|| self.value_lines.get(&simple)).map(String::as_str);
        }
        None
    }
}

/// Names a line puts forward as properties: the first cell of a table row (link text,
/// backticks and emphasis removed) and every JSON key (`"name":`).
fn line_mentions(line: &str) -> Vec<(String, &'static str)> {
    let mut out = Vec::new();
    if let Some(row) = line.strip_prefix('|') {
        let cell = row.split('|').next().unwrap_or_default().trim();
        let cell = cell.trim_matches(|c| c == '*' || c == '`' || c == '_').trim();
        let cell = match cell.strip_prefix('[').and_then(|c| c.split_once(']')) {
            Some((text, _)) => text,
            None => cell,
        };
        let cell = cell.trim_matches(|c| c == '*' || c == '`').trim();
        if !cell.is_empty() && cell.chars().all(|c| c.is_alphanumeric() || "@._-".contains(c)) {
            out.push((cell.to_string(), "table row"));
        }
    }
    let mut rest = line;
    while let Some(start) = rest.find('"') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('"') else { break };
        let key = &after[..end];
        let tail = after[end + 1..].trim_start();
        if tail.starts_with(':') && !key.is_empty() {
            out.push((key.to_string(), "JSON key"));
        }
        rest = &after[end + 1..];
    }
    out
}

fn collect_pages(root: &Path, dir: &Path, out: &mut Vec<(String, std::path::PathBuf)>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let Ok(file_type) = entry.file_type() else { continue };
        let path = entry.path();
        if file_type.is_dir() {
            collect_pages(root, &path, out);
        } else if file_type.is_file() {
            let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
            if matches!(ext.as_deref(), Some("md" | "txt")) {
                let rel = path.strip_prefix(root).unwrap_or(&path);
                let rel: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
                out.push((rel.join("/"), path));
            }
        }
    }
}

/// The namespace whose types' pages carry no namespace prefix: the shortest declared one.
fn root_namespace(csdl: &Csdl) -> &str {
    csdl.namespaces.iter().min_by_key(|n| (n.len(), n.as_str())).map_or("", String::as_str)
}

/// Our types, looked up by qualified name exactly or ignoring case.
struct Ours<'a> {
    exact: HashMap<&'a str, &'a TypeDef>,
    lower: HashMap<String, &'a TypeDef>,
    by_simple: HashMap<String, Vec<&'a str>>,
}

impl<'a> Ours<'a> {
    fn new(schema: &'a Schema) -> Ours<'a> {
        let mut ours = Ours { exact: HashMap::new(), lower: HashMap::new(), by_simple: HashMap::new() };
        for t in &schema.types {
            ours.exact.entry(t.name.as_str()).or_insert(t);
            ours.lower.entry(t.name.to_lowercase()).or_insert(t);
            let simple = t.name.rsplit('.').next().unwrap_or(&t.name).to_lowercase();
            ours.by_simple.entry(simple).or_default().push(&t.name);
        }
        ours
    }

    fn get(&self, name: &str) -> Option<&'a TypeDef> {
        self.exact.get(name).copied().or_else(|| self.lower.get(&name.to_lowercase()).copied())
    }

    /// Our properties along our base chain (cycle-safe), nearest declaration first, one per name,
    /// each with the name of the type that declares it.
    fn flattened(&self, t: &'a TypeDef) -> Vec<(&'a Property, &'a str)> {
        let mut out = Vec::new();
        let mut names = HashSet::new();
        let mut seen = HashSet::new();
        let mut next = Some(t);
        while let Some(t) = next {
            if !seen.insert(t.name.as_str()) {
                break;
            }
            for p in &t.properties {
                if names.insert(p.name.as_str()) {
                    out.push((p, t.name.as_str()));
                }
            }
            next = t.base.as_deref().and_then(|b| self.get(b));
        }
        out
    }
}

/// Official properties along the official base chain, nearest first, one per name, with the declaring type.
fn official_flattened<'a>(
    csdl: &'a Csdl,
    t: &'a CsdlType,
    pick: impl Fn(&'a CsdlType) -> &'a [CsdlProperty],
) -> Vec<(&'a CsdlProperty, &'a str)> {
    let mut out = Vec::new();
    let mut names = HashSet::new();
    for ty in csdl.chain(t) {
        for p in pick(ty) {
            if names.insert(p.name.as_str()) {
                out.push((p, ty.name.as_str()));
            }
        }
    }
    out
}

fn is_struct(kind: TypeKind) -> bool {
    kind != TypeKind::Enum
}

fn kind_str(kind: TypeKind) -> &'static str {
    match kind {
        TypeKind::Entity => "entity",
        TypeKind::Complex => "complex",
        TypeKind::Enum => "enum",
    }
}

fn same_kind(official: CsdlKind, ours: TypeKind) -> bool {
    matches!(
        (official, ours),
        (CsdlKind::Entity, TypeKind::Entity)
            | (CsdlKind::Complex, TypeKind::Complex)
            | (CsdlKind::Enum, TypeKind::Enum)
    )
}

fn type_text(name: &str, collection: bool) -> String {
    if collection {
        format!("Collection({name})")
    } else {
        name.to_string()
    }
}

/// `[a, b, c +N more]`: the first line of at most three distinct files, the type's own
/// resource page first (when `own` names it), then other `resources/` pages, then the rest.
fn sources_text(sources: &[String], own: Option<&str>) -> String {
    if sources.is_empty() {
        return "[no sources]".into();
    }
    let own_stems: Vec<String> = own.map(page_stems).unwrap_or_default();
    let split = |s: &str| -> (String, usize) {
        match s.rsplit_once(':') {
            Some((path, line)) if line.bytes().all(|b| b.is_ascii_digit()) => {
                (path.to_string(), line.parse().unwrap_or(0))
            }
            _ => (s.to_string(), 0),
        }
    };
    let mut sorted: Vec<(bool, bool, String, usize, &String)> = sources
        .iter()
        .map(|s| {
            let (path, line) = split(s);
            let file = path.rsplit('/').next().unwrap_or(&path);
            let stem = file.rsplit_once('.').map_or(file, |(stem, _)| stem).to_lowercase();
            (!own_stems.contains(&stem), !path.contains("resources/"), path, line, s)
        })
        .collect();
    sorted.sort();
    let mut shown: Vec<&str> = Vec::new();
    let mut files: Vec<&str> = Vec::new();
    for (_, _, path, _, s) in &sorted {
        if shown.len() == 3 {
            break;
        }
        if !files.contains(&path.as_str()) {
            files.push(path);
            shown.push(s);
        }
    }
    let more = sources.len() - shown.len();
    if more > 0 {
        format!("[{} +{more} more]", shown.join(", "))
    } else {
        format!("[{}]", shown.join(", "))
    }
}

/// The lower-cased file stems a type's own resource page may have: `user`, `callrecords-session`.
fn page_stems(qualified: &str) -> Vec<String> {
    let (ns, simple) = qualified.rsplit_once('.').unwrap_or(("", qualified));
    let last_segment = ns.rsplit('.').next().unwrap_or(ns);
    vec![simple.to_lowercase(), format!("{last_segment}-{simple}").to_lowercase()]
}

fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// Scores `schema` (built from the pages in `docs_dir`) against the official `csdl`.
pub fn score(schema: &Schema, csdl: &Csdl, docs_dir: &Path) -> Scores {
    score_with_index(schema, csdl, &DocsIndex::scan(docs_dir))
}

/// [`score`] with the docs already indexed.
pub fn score_with_index(schema: &Schema, csdl: &Csdl, docs: &DocsIndex) -> Scores {
    let mut s = Scores::default();
    let ours = Ours::new(schema);
    let root = root_namespace(csdl);

    for official in csdl.types.values() {
        let Some(documented_by) = docs.documents(official, root) else { continue };
        let Some(our) = ours.get(&official.name) else {
            s.type_recall.count(false);
            let simple = official.name.rsplit('.').next().unwrap_or(&official.name).to_lowercase();
            let similar = ours.by_simple.get(&simple).map(|v| v.join(", "));
            let hint = similar.map(|v| format!("; ours has {v}")).unwrap_or_default();
            s.miss(
                Metric::TypeRecall,
                format!("{} ({}; documented by {documented_by}){hint}", official.name, official.kind.as_str()),
            );
            continue;
        };
        s.type_recall.count(true);
        if our.name != official.name {
            s.case_only_matches += 1;
            s.case_only_names.push(format!(
                "{}: ours {} {}",
                official.name,
                our.name,
                sources_text(&our.sources, Some(&our.name))
            ));
        }

        let official_struct = official.is_struct();
        let kind_ok = official_struct == is_struct(our.kind);
        s.kind_accuracy.count(kind_ok);
        let kind_line = || {
            format!(
                "{}: official {}; ours {} {}",
                official.name,
                official.kind.as_str(),
                kind_str(our.kind),
                sources_text(&our.sources, Some(&our.name))
            )
        };
        if !kind_ok {
            s.miss(Metric::KindAccuracy, kind_line());
        } else if official_struct {
            let ok = same_kind(official.kind, our.kind);
            s.entity_complex_agreement.count(ok);
            if !ok {
                s.entity_complex_misses.push(kind_line());
            }
        }

        if official_struct {
            score_struct(&mut s, (csdl, docs, root), &ours, official, our);
        } else {
            let have: HashSet<&str> = our.members.iter().map(|m| m.name.as_str()).collect();
            for m in &official.members {
                let ok = have.contains(m.name.as_str());
                s.enum_member_recall.count(ok);
                if !ok {
                    let mut listed: Vec<&str> = our.members.iter().take(8).map(|m| m.name.as_str()).collect();
                    if our.members.len() > listed.len() {
                        listed.push("...");
                    }
                    let listed = if listed.is_empty() { String::new() } else { format!(": {}", listed.join(", ")) };
                    let near = our.members.iter().find(|o| o.name.eq_ignore_ascii_case(&m.name));
                    let near = near.map(|o| format!("; ours has `{}` differing in case", o.name)).unwrap_or_default();
                    s.miss(
                        Metric::EnumMemberRecall,
                        format!(
                            "{}.{}: absent (ours has {}{listed}){near} {}",
                            official.name,
                            m.name,
                            plural(our.members.len(), "member"),
                            sources_text(&our.sources, Some(&our.name))
                        ),
                    );
                }
            }
        }
    }
    for list in &mut s.misses {
        list.sort();
    }
    s.case_only_names.sort();
    s.entity_complex_misses.sort();
    s.unexpected_bases.sort();
    s
}

/// Base, property and navigation figures of one matched official struct type.
fn score_struct(
    s: &mut Scores,
    (csdl, docs, root): (&Csdl, &DocsIndex, &str),
    ours: &Ours<'_>,
    official: &CsdlType,
    our: &TypeDef,
) {
    if let (None, Some(ours_base)) = (&official.base, &our.base) {
        s.unexpected_bases.push(format!(
            "{}: official base none; ours {ours_base} {}",
            official.name,
            sources_text(&our.sources, Some(&our.name))
        ));
    }
    if let Some(base) = &official.base {
        let ok = our.base.as_deref().is_some_and(|b| csdl.resolve_alias(b).eq_ignore_ascii_case(base));
        s.base_accuracy.count(ok);
        if !ok {
            s.miss(
                Metric::BaseAccuracy,
                format!(
                    "{}: official base {base}; ours {} {}",
                    official.name,
                    our.base.as_deref().unwrap_or("none"),
                    sources_text(&our.sources, Some(&our.name))
                ),
            );
        }
    }

    let our_props = ours.flattened(our);
    let by_name: HashMap<&str, (&Property, &str)> = our_props.iter().map(|&(p, t)| (p.name.as_str(), (p, t))).collect();
    let absent = |p: &CsdlProperty, declared_on: &str| {
        let inherited =
            if declared_on == official.name { String::new() } else { format!(", inherited from {declared_on}") };
        let near = our_props.iter().find(|(o, _)| o.name.eq_ignore_ascii_case(&p.name));
        let near = near.map(|(o, _)| format!("; ours has `{}` differing in case", o.name)).unwrap_or_default();
        let page = match docs.mention(&official.name, root, &p.name) {
            Some(at) => format!("; its page names it at {at}"),
            None if docs.own_page(&official.name, root).is_some() => "; not named on its page".to_string(),
            None => String::new(),
        };
        format!(
            "{}.{}: official {}{inherited}; ours: absent (type has {}){near}{page} {}",
            official.name,
            p.name,
            type_text(&p.type_name, p.collection),
            plural(our_props.len(), "prop"),
            sources_text(&our.sources, Some(&our.name))
        )
    };

    let structural = official_flattened(csdl, official, |t| &t.properties);
    for &(p, declared_on) in &structural {
        match by_name.get(p.name.as_str()) {
            None => {
                s.property_recall.count(false);
                s.miss(Metric::PropertyRecall, absent(p, declared_on));
            }
            Some(&(o, _)) => {
                s.property_recall.count(true);
                let ours_type = csdl.resolve_alias(&o.type_name);
                let ok = ours_type.eq_ignore_ascii_case(&p.type_name) && o.collection == p.collection;
                s.property_type_accuracy.count(ok);
                if !ok {
                    s.miss(
                        Metric::PropertyTypeAccuracy,
                        format!(
                            "{}.{}: official {}; ours {} {}",
                            official.name,
                            p.name,
                            type_text(&p.type_name, p.collection),
                            type_text(&o.type_name, o.collection),
                            sources_text(&o.sources, None)
                        ),
                    );
                }
            }
        }
    }

    let navigation = official_flattened(csdl, official, |t| &t.navigation);
    for &(p, declared_on) in &navigation {
        let ok = by_name.contains_key(p.name.as_str());
        s.navigation_recall.count(ok);
        if !ok {
            s.miss(Metric::NavigationRecall, absent(p, declared_on));
        }
    }

    let official_names: BTreeSet<&str> = structural.iter().chain(&navigation).map(|(p, _)| p.name.as_str()).collect();
    for &(o, declared_on) in &our_props {
        if o.name.contains('@') {
            continue;
        }
        let ok = official_names.contains(o.name.as_str());
        s.property_precision.count(ok);
        if !ok {
            let inherited =
                if declared_on == our.name { String::new() } else { format!(", inherited from {declared_on}") };
            let near = official_names.iter().find(|n| n.eq_ignore_ascii_case(&o.name));
            let near = near.map(|n| format!("; official has `{n}` differing in case")).unwrap_or_default();
            s.miss(
                Metric::PropertyPrecision,
                format!(
                    "{}.{}: ours {}{}{inherited}; not in the official type ({}){near} {}",
                    official.name,
                    o.name,
                    type_text(&o.type_name, o.collection),
                    if o.navigation { " (navigation)" } else { "" },
                    plural(official_names.len(), "official prop"),
                    sources_text(&o.sources, None)
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use docs_codegen::ir::EnumMember;

    const CSDL: &str = r#"<edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>
  <Schema Namespace="n.sub">
    <ComplexType Name="scope" BaseType="a.entity"><Property Name="value" Type="Edm.String"/></ComplexType>
  </Schema>
  <Schema Namespace="n" Alias="a">
    <EntityType Name="entity" Abstract="true"><Property Name="id" Type="Edm.String" Nullable="false"/></EntityType>
    <EntityType Name="user" BaseType="a.entity" OpenType="true">
      <Property Name="name" Type="Edm.String"/>
      <Property Name="tags" Type="Collection(Edm.String)"/>
      <Property Name="color" Type="a.color"/>
      <Property Name="born" Type="Edm.DateTimeOffset"/>
      <NavigationProperty Name="manager" Type="a.user"/>
      <NavigationProperty Name="reports" Type="Collection(n.user)"/>
    </EntityType>
    <EntityType Name="admin" BaseType="n.user">
      <Property Name="level" Type="Edm.Int32"/>
      <NavigationProperty Name="scopes" Type="Collection(n.sub.scope)"/>
    </EntityType>
    <ComplexType Name="address"><Property Name="city" Type="Edm.String"/><Property Name="zip" Type="Edm.String"/></ComplexType>
    <ComplexType Name="hidden"><Property Name="secret" Type="Edm.String"/></ComplexType>
    <ComplexType Name="missing"><Property Name="gone" Type="Edm.String"/></ComplexType>
    <EnumType Name="color" IsFlags="true"><Member Name="red" Value="1"/><Member Name="green" Value="2"/><Member Name="blue" Value="4"/></EnumType>
    <EnumType Name="status"><Member Name="on" Value="0"/><Member Name="off" Value="1"/></EnumType>
    <EnumType Name="weird"><Member Name="x" Value="0"/><Member Name="y" Value="1"/></EnumType>
    <EnumType Name="shade"><Member Name="dark" Value="0"/></EnumType>
    <Function Name="f"><ReturnType Type="a.user"/></Function>
  </Schema>
</edmx:DataServices></edmx:Edmx>"#;

    fn pages() -> Vec<(String, String)> {
        [
            ("resources/entity.md", "# entity resource type\n"),
            ("resources/user.md", "# user resource type\n\n## Properties\n"),
            ("resources/admin.md", "# admin resource type\n"),
            (
                "resources/address.md",
                "# address resource type\n\n| city | String |\n<!-- {\n  \"city\": 1, \"street\": 2 } -->\n```json\n{ \"zip\" : \"1\", \"no\" }\n```\n",
            ),
            ("resources/scope.md", "# an unrelated page for a root-namespace `scope`\n"),
            ("resources/sub-scope.md", "# scope resource type\n"),
            ("resources/missing.md", "# missing resource type\n"),
            ("api/colors.md", "# Colors\n\n### color values\n\n### shaded things\n"),
            ("api/status.md", "text\n## Status enum\n"),
            ("plain/weird.txt", "Some enums\n\n  Weird enum type  \n"),
        ]
        .into_iter()
        .map(|(p, t)| (p.to_string(), t.to_string()))
        .collect()
    }

    fn prop(name: &str, ty: &str, collection: bool, navigation: bool) -> Property {
        Property {
            name: name.into(),
            type_name: ty.into(),
            collection,
            nullable: true,
            navigation,
            description: None,
            sources: vec![format!("resources/x.md:{}", name.len())],
        }
    }

    fn ty(name: &str, kind: TypeKind, base: Option<&str>, properties: Vec<Property>, members: &[&str]) -> TypeDef {
        let simple = name.rsplit('.').next().unwrap().to_lowercase();
        TypeDef {
            name: name.into(),
            kind,
            base: base.map(Into::into),
            is_abstract: false,
            description: None,
            properties,
            members: members
                .iter()
                .map(|m| EnumMember { name: m.to_string(), value: None, description: None })
                .collect(),
            flags: false,
            sources: vec![format!("api/other.md:7"), format!("resources/{simple}.md:3")],
            area: None,
            any_json: false,
            map_values: None,
        }
    }

    fn schema() -> Schema {
        let mut types = vec![
            ty("n.entity", TypeKind::Entity, None, vec![prop("id", "Edm.String", false, false)], &[]),
            ty(
                "n.User",
                TypeKind::Entity,
                Some("n.entity"),
                vec![
                    prop("name", "Edm.String", false, false),
                    prop("tags", "Edm.String", false, false),
                    prop("color", "a.color", false, false),
                    prop("born", "Edm.String", false, false),
                    prop("manager", "n.user", false, true),
                    prop("nickname", "Edm.String", false, false),
                    prop("@odata.type", "Edm.String", false, false),
                ],
                &[],
            ),
            ty(
                "n.admin",
                TypeKind::Complex,
                Some("n.User"),
                vec![prop("level", "Edm.Int32", false, false), prop("scopes", "n.sub.scope", true, true)],
                &[],
            ),
            ty("n.address", TypeKind::Complex, Some("n.entity"), vec![prop("city", "Edm.String", false, false)], &[]),
            ty("n.sub.scope", TypeKind::Complex, None, vec![prop("value", "Edm.String", false, false)], &[]),
            ty("n.color", TypeKind::Enum, None, vec![], &["red", "Green", "blue"]),
            ty("n.status", TypeKind::Complex, None, vec![], &[]),
            ty("n.weird", TypeKind::Enum, None, vec![], &["x"]),
            ty("other.missing", TypeKind::Complex, None, vec![], &[]),
        ];
        types.sort_by(|a, b| a.name.cmp(&b.name));
        Schema { types, ..Schema::default() }
    }

    #[test]
    fn every_metric_counts_exactly() {
        let csdl = Csdl::parse(CSDL).unwrap();
        let s = score_with_index(&schema(), &csdl, &DocsIndex::from_pages(pages()));
        assert_eq!(s.type_recall, Ratio::new(8, 9), "{:#?}", s.misses(Metric::TypeRecall));
        assert_eq!(s.case_only_matches, 1);
        assert_eq!(s.kind_accuracy, Ratio::new(7, 8));
        assert_eq!(s.entity_complex_agreement, Ratio::new(4, 5));
        assert_eq!(s.base_accuracy, Ratio::new(2, 3));
        assert_eq!(s.property_recall, Ratio::new(14, 16));
        assert_eq!(s.property_type_accuracy, Ratio::new(10, 14));
        assert_eq!(s.property_precision, Ratio::new(17, 20));
        assert_eq!(s.navigation_recall, Ratio::new(3, 5));
        assert_eq!(s.enum_member_recall, Ratio::new(3, 7));
        for m in Metric::ALL {
            let r = s.get(m);
            assert_eq!(s.misses(m).len(), r.den - r.num, "{m:?}");
        }

        assert_eq!(
            s.misses(Metric::TypeRecall),
            ["n.missing (complex; documented by resources/missing.md); ours has other.missing"]
        );
        assert_eq!(s.case_only_names, ["n.user: ours n.User [resources/user.md:3, api/other.md:7]"]);
        assert_eq!(
            s.misses(Metric::KindAccuracy),
            ["n.status: official enum; ours complex [resources/status.md:3, api/other.md:7]"]
        );
        assert_eq!(
            s.entity_complex_misses,
            ["n.admin: official entity; ours complex [resources/admin.md:3, api/other.md:7]"]
        );
        assert_eq!(
            s.unexpected_bases,
            ["n.address: official base none; ours n.entity [resources/address.md:3, api/other.md:7]"]
        );
        assert_eq!(
            s.misses(Metric::BaseAccuracy),
            ["n.sub.scope: official base n.entity; ours none [resources/scope.md:3, api/other.md:7]"]
        );
        assert_eq!(
            s.misses(Metric::PropertyRecall),
            [
                "n.address.zip: official Edm.String; ours: absent (type has 2 props); its page names it at resources/address.md:7 (JSON key) [resources/address.md:3, api/other.md:7]",
                "n.sub.scope.id: official Edm.String, inherited from n.entity; ours: absent (type has 1 prop); not named on its page [resources/scope.md:3, api/other.md:7]",
            ]
        );
        assert_eq!(
            s.misses(Metric::PropertyTypeAccuracy),
            [
                "n.admin.born: official Edm.DateTimeOffset; ours Edm.String [resources/x.md:4]",
                "n.admin.tags: official Collection(Edm.String); ours Edm.String [resources/x.md:4]",
                "n.user.born: official Edm.DateTimeOffset; ours Edm.String [resources/x.md:4]",
                "n.user.tags: official Collection(Edm.String); ours Edm.String [resources/x.md:4]",
            ]
        );
        assert_eq!(
            s.misses(Metric::PropertyPrecision),
            [
                "n.address.id: ours Edm.String, inherited from n.entity; not in the official type (2 official props) [resources/x.md:2]",
                "n.admin.nickname: ours Edm.String, inherited from n.User; not in the official type (9 official props) [resources/x.md:8]",
                "n.user.nickname: ours Edm.String; not in the official type (7 official props) [resources/x.md:8]",
            ]
        );
        assert_eq!(
            s.misses(Metric::NavigationRecall),
            [
                "n.admin.reports: official Collection(n.user), inherited from n.user; ours: absent (type has 10 props); not named on its page [resources/admin.md:3, api/other.md:7]",
                "n.user.reports: official Collection(n.user); ours: absent (type has 8 props); not named on its page [resources/user.md:3, api/other.md:7]",
            ]
        );
        assert_eq!(
            s.misses(Metric::EnumMemberRecall),
            [
                "n.color.green: absent (ours has 3 members: red, Green, blue); ours has `Green` differing in case [resources/color.md:3, api/other.md:7]",
                "n.status.off: absent (ours has 0 members) [resources/status.md:3, api/other.md:7]",
                "n.status.on: absent (ours has 0 members) [resources/status.md:3, api/other.md:7]",
                "n.weird.y: absent (ours has 1 member: x) [resources/weird.md:3, api/other.md:7]",
            ]
        );
        assert!(!s.meets_targets());
        assert_eq!(s.missed_targets().len(), 8, "every figure is below its target");
    }

    #[test]
    fn documented_means_a_resource_page_or_an_enum_heading() {
        let csdl = Csdl::parse(CSDL).unwrap();
        let docs = DocsIndex::from_pages(pages());
        let by = |name: &str| docs.documents(csdl.get(name).unwrap(), "n");
        assert_eq!(by("n.user"), Some("resources/user.md"));
        assert_eq!(by("n.sub.scope"), Some("resources/sub-scope.md"), "not the root namespace's scope.md");
        assert_eq!(by("n.color"), Some("api/colors.md:3"));
        assert_eq!(by("n.status"), Some("api/status.md:2"));
        assert_eq!(by("n.weird"), Some("plain/weird.txt:3"));
        assert_eq!(by("n.shade"), None, "`shaded` is not the word `shade`");
        assert_eq!(by("n.hidden"), None);
        assert_eq!(docs.mention("n.address", "n", "zip").as_deref(), Some("resources/address.md:7 (JSON key)"));
        assert_eq!(docs.mention("n.address", "n", "city").as_deref(), Some("resources/address.md:3 (table row)"));
        assert_eq!(docs.mention("n.address", "n", "street"), None, "metadata comments are skipped");
        assert_eq!(docs.mention("n.sub.scope", "n", "value"), None);
        // Headings document enums only.
        let docs = DocsIndex::from_pages([("api/a.md".to_string(), "## hidden values\n".to_string())]);
        assert_eq!(docs.documents(csdl.get("n.hidden").unwrap(), "n"), None);
    }

    #[test]
    fn scanning_a_directory_equals_the_pages() {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in pages() {
            let p = dir.path().join(&path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        std::fs::write(dir.path().join("resources/ignored.json"), "{}").unwrap();
        let csdl = Csdl::parse(CSDL).unwrap();
        let from_disk = score(&schema(), &csdl, dir.path());
        assert_eq!(from_disk, score_with_index(&schema(), &csdl, &DocsIndex::from_pages(pages())));
    }

    #[test]
    fn table_rows_and_json_keys_are_mentions() {
        let m = |line: &str| line_mentions(line).into_iter().map(|(n, w)| format!("{n}/{w}")).collect::<Vec<_>>();
        assert_eq!(m("| **aboutMe** | String | x |"), ["aboutMe/table row"]);
        assert_eq!(m("|[manager](user.md)|[user](user.md)|x|"), ["manager/table row"]);
        assert_eq!(m("| `id` | String |"), ["id/table row"]);
        assert_eq!(m("|:---|:---|"), Vec::<String>::new());
        assert_eq!(m("| Property | Type |"), ["Property/table row"]);
        assert_eq!(m(r#""a": "b", "c" : 1, "d""#), ["a/JSON key", "c/JSON key"]);
    }

    #[test]
    fn base_chains_with_cycles_terminate() {
        let csdl = Csdl::parse(
            r#"<Schema Namespace="n">
                 <ComplexType Name="a" BaseType="n.b"><Property Name="pa" Type="Edm.String"/></ComplexType>
                 <ComplexType Name="b" BaseType="n.a"><Property Name="pb" Type="Edm.String"/></ComplexType>
               </Schema>"#,
        )
        .unwrap();
        let schema = Schema {
            types: vec![
                ty("n.a", TypeKind::Complex, Some("n.b"), vec![prop("pa", "Edm.String", false, false)], &[]),
                ty("n.b", TypeKind::Complex, Some("N.A"), vec![prop("pb", "Edm.String", false, false)], &[]),
            ],
            ..Schema::default()
        };
        let docs = DocsIndex::from_pages(["resources/a.md", "resources/b.md"].map(|p| (p.to_string(), String::new())));
        let s = score_with_index(&schema, &csdl, &docs);
        assert_eq!(s.type_recall, Ratio::new(2, 2));
        assert_eq!(s.base_accuracy, Ratio::new(2, 2));
        assert_eq!(s.property_recall, Ratio::new(4, 4));
        assert_eq!(s.property_precision, Ratio::new(4, 4));
        assert!(s.meets_targets(), "{}", s.table());
        assert!(s.missed_targets().is_empty());
    }

    #[test]
    fn ratios_and_targets() {
        assert_eq!(Ratio::new(0, 0).percent(), 100.0);
        assert_eq!(Ratio::new(1, 4).percent(), 25.0);
        assert_eq!(Ratio::new(1, 3).to_string(), "33.3% (1/3)");
        assert_eq!(Metric::ALL.map(|m| m.target()), TARGETS.map(|(_, t)| t));
        assert_eq!(Metric::ALL, TARGETS.map(|(m, _)| m));
        let s = Scores::default();
        assert!(s.meets_targets(), "nothing to count meets every target");
    }
}
