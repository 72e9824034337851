//! Putting generated files on disk safely, and telling what would change.
//!
//! * [`plan`] compares what would be written to an output directory with what is there:
//!   missing, modified and extra (no longer generated) files. It reads, never writes.
//! * [`apply`] carries a plan out: each new or changed file is written to a temporary file
//!   in its own directory and renamed into place; unchanged files are not touched (so their
//!   modification times stay); extra files are removed.
//! * [`render_diff`] turns a plan into a readable, size-limited unified diff for `--check`.
//!
//! Nothing is ever written outside the output directory: every generated path is checked by
//! [`check_rel_path`] first. `target/` and `Cargo.lock` at the top of the output directory
//! belong to cargo and are never looked at.

use anyhow::{bail, Context, Result};
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::{ErrorKind, Write};
use std::path::{Component, Path, PathBuf};
use std::time::Duration;

/// Entries at the top of the output directory that belong to cargo, not to the generator.
pub const IGNORED_TOP_LEVEL: &[&str] = &["target", "Cargo.lock"];

/// Files with these extensions in the output directory are the generator's: one that is no
/// longer generated is stale (reported by `--check`, removed by a run).
pub const MANAGED_EXTENSIONS: &[&str] = &["rs", "toml"];

/// One difference between the output directory and what would be written to it.
/// Paths are relative to the output directory, with forward slashes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Would be created.
    Missing { path: String, new: Vec<u8> },
    /// Exists with other content.
    Modified { path: String, old: Vec<u8>, new: Vec<u8> },
    /// Exists but is no longer generated: would be removed.
    Extra { path: String, old: Vec<u8> },
}

impl Change {
    /// The path relative to the output directory.
    pub fn path(&self) -> &str {
        match self {
            Change::Missing { path, .. } | Change::Modified { path, .. } | Change::Extra { path, .. } => path,
        }
    }

    fn kind(&self) -> &'static str {
        match self {
            Change::Missing { .. } => "missing",
            Change::Modified { .. } => "modified",
            Change::Extra { .. } => "extra",
        }
    }
}

/// What a run would do to an output directory.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// Sorted by path.
    pub changes: Vec<Change>,
    /// Generated files already on disk with the right content.
    pub unchanged: usize,
}

impl Plan {
    /// True when nothing would change.
    pub fn is_up_to_date(&self) -> bool {
        self.changes.is_empty()
    }
}

/// Checks that a generated path stays inside the output directory and returns it as a
/// relative [`PathBuf`].
///
/// Rejects empty, absolute and drive-prefixed paths, `.` and `..` components, empty
/// components (`a//b`), backslashes, and cargo's own `target/` and `Cargo.lock`.
pub fn check_rel_path(rel: &str) -> Result<PathBuf> {
    let unsafe_path = || format!("the generator produced an unsafe output path `{rel}`");
    if rel.is_empty() || rel.contains('\\') || rel.contains(':') || rel.contains('\0') {
        bail!("{}: it must be a relative path with `/` separators", unsafe_path());
    }
    if rel.starts_with('/') || Path::new(rel).is_absolute() {
        bail!("{}: it is absolute", unsafe_path());
    }
    let parts: Vec<&str> = rel.split('/').collect();
    if parts.iter().any(|p| p.is_empty() || *p == "." || *p == "..") {
        bail!("{}: it must not contain `..`, `.` or empty components", unsafe_path());
    }
    if IGNORED_TOP_LEVEL.contains(&parts[0]) {
        bail!("{}: `{}` belongs to cargo", unsafe_path(), parts[0]);
    }
    let path = PathBuf::from(rel);
    // Belt and braces: whatever the platform makes of the string, only plain names pass.
    if !path.components().all(|c| matches!(c, Component::Normal(_))) {
        bail!("{}: it must be a plain relative path", unsafe_path());
    }
    Ok(path)
}

/// Compares `files` (relative path -> content) with what is in `out_dir`.
///
/// Every path is checked with [`check_rel_path`] before anything is read. A missing
/// `out_dir` is fine: every file is then missing.
pub fn plan(out_dir: &Path, files: &BTreeMap<String, String>) -> Result<Plan> {
    for rel in files.keys() {
        check_rel_path(rel)?;
    }
    let mut changes = Vec::new();
    let mut unchanged = 0;
    for (rel, content) in files {
        let path = out_dir.join(rel);
        match fs::read(&path) {
            Ok(old) if old == content.as_bytes() => unchanged += 1,
            Ok(old) => changes.push(Change::Modified { path: rel.clone(), old, new: content.clone().into_bytes() }),
            Err(e) if e.kind() == ErrorKind::NotFound => {
                changes.push(Change::Missing { path: rel.clone(), new: content.clone().into_bytes() })
            }
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
        }
    }
    let generated: BTreeSet<&str> = files.keys().map(String::as_str).collect();
    for rel in managed_files(out_dir)? {
        if !generated.contains(rel.as_str()) {
            let path = out_dir.join(&rel);
            let old = fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
            changes.push(Change::Extra { path: rel, old });
        }
    }
    changes.sort_by(|a, b| a.path().cmp(b.path()));
    Ok(Plan { changes, unchanged })
}

/// Every file in `out_dir` that the generator manages (see [`MANAGED_EXTENSIONS`]), as
/// relative paths with forward slashes, sorted. Skips cargo's top-level entries, hidden
/// directories, and symbolic links (never followed, never removed).
pub fn managed_files(out_dir: &Path) -> Result<Vec<String>> {
    let mut found = Vec::new();
    if out_dir.is_dir() {
        walk(out_dir, "", &mut found)?;
    }
    found.sort();
    Ok(found)
}

fn walk(dir: &Path, prefix: &str, found: &mut Vec<String>) -> Result<()> {
    let entries = fs::read_dir(dir).with_context(|| format!("cannot list {}", dir.display()))?;
    for entry in entries {
        let entry = entry.with_context(|| format!("cannot list {}", dir.display()))?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if prefix.is_empty() && IGNORED_TOP_LEVEL.contains(&name) {
            continue;
        }
        let file_type = entry.file_type().with_context(|| format!("cannot stat {}", entry.path().display()))?;
        let rel = if prefix.is_empty() { name.to_string() } else { format!("{prefix}/{name}") };
        if file_type.is_dir() {
            if !name.starts_with('.') {
                walk(&entry.path(), &rel, found)?;
            }
        } else if file_type.is_file() {
            let ext = Path::new(name).extension().and_then(|e| e.to_str());
            if ext.is_some_and(|e| MANAGED_EXTENSIONS.contains(&e)) {
                found.push(rel);
            }
        }
    }
    Ok(())
}

/// What [`apply`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Applied {
    pub written: usize,
    pub removed: usize,
}

/// Carries out `plan` in `out_dir`: writes missing and modified files atomically, removes
/// extra ones (and directories left empty by that), creating directories as needed.
pub fn apply(out_dir: &Path, plan: &Plan) -> Result<Applied> {
    let mut applied = Applied::default();
    fs::create_dir_all(out_dir).with_context(|| format!("cannot create {}", out_dir.display()))?;
    for change in &plan.changes {
        let rel = check_rel_path(change.path())?;
        let path = out_dir.join(&rel);
        match change {
            Change::Missing { new, .. } | Change::Modified { new, .. } => {
                if let Some(parent) = path.parent() {
                    fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
                }
                write_atomic(&path, new)?;
                applied.written += 1;
            }
            Change::Extra { .. } => {
                fs::remove_file(&path).with_context(|| format!("cannot remove {}", path.display()))?;
                applied.removed += 1;
                prune_empty_dirs(out_dir, &rel);
            }
        }
    }
    Ok(applied)
}

/// Removes the directories between `out_dir` and `rel` that are now empty (not `out_dir`).
fn prune_empty_dirs(out_dir: &Path, rel: &Path) {
    let mut dir = rel.parent();
    while let Some(d) = dir {
        if d.as_os_str().is_empty() || fs::remove_dir(out_dir.join(d)).is_err() {
            break;
        }
        dir = d.parent();
    }
}

/// Writes `bytes` to `path` through a temporary file in the same directory and a rename, so
/// readers never see a half-written file. An existing file's permissions are kept.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path.file_name().with_context(|| format!("{} has no file name", path.display()))?;
    let tmp = dir.join(format!(".{}.xtask-tmp-{}", name.to_string_lossy(), std::process::id()));
    let result = (|| -> std::io::Result<()> {
        let mut file = fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        if let Ok(meta) = fs::metadata(path) {
            file.set_permissions(meta.permissions())?;
        }
        file.sync_all()?;
        drop(file);
        fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp);
        return Err(e).with_context(|| format!("cannot write {}", path.display()));
    }
    Ok(())
}

/// Writes `bytes` to `path` (atomically) unless it already holds exactly them; creates the
/// parent directory. Returns whether it wrote.
pub fn write_if_changed(path: &Path, bytes: &[u8]) -> Result<bool> {
    match fs::read(path) {
        Ok(old) if old == bytes => return Ok(false),
        Ok(_) => {}
        Err(e) if e.kind() == ErrorKind::NotFound => {}
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    }
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
    }
    write_atomic(path, bytes)?;
    Ok(true)
}

/// `root/rel` for display; `rel` alone when `root` is empty.
pub fn join_display(root: &str, rel: &str) -> String {
    let root = root.trim_end_matches('/');
    if root.is_empty() {
        rel.to_string()
    } else {
        format!("{root}/{rel}")
    }
}

/// A readable report of `changes`: a list of the files that differ, then a unified diff of
/// each, cut after about `max_lines` lines. Paths are shown under `root` (as the user typed
/// the output directory; empty when the paths are already display paths).
pub fn render_diff(changes: &[Change], root: &str, max_lines: usize) -> String {
    let mut out = String::new();
    for c in changes {
        let note = match c {
            Change::Missing { .. } => " (would be created)",
            Change::Modified { .. } => " (content differs)",
            Change::Extra { .. } => " (no longer generated; would be removed)",
        };
        out.push_str(&format!("  {:<8} {}{}\n", c.kind(), join_display(root, c.path()), note));
    }
    let mut shown = 0usize;
    let mut hidden = 0usize;
    for c in changes {
        let shown_path = join_display(root, c.path());
        let (old, new, old_label, new_label) = match c {
            Change::Missing { new, .. } => (
                String::new(),
                String::from_utf8_lossy(new).into_owned(),
                "/dev/null".to_string(),
                format!("{shown_path}\t(generated)"),
            ),
            Change::Modified { old, new, .. } => (
                String::from_utf8_lossy(old).into_owned(),
                String::from_utf8_lossy(new).into_owned(),
                format!("{shown_path}\t(on disk)"),
                format!("{shown_path}\t(generated)"),
            ),
            Change::Extra { old, .. } => (
                String::from_utf8_lossy(old).into_owned(),
                String::new(),
                format!("{shown_path}\t(on disk)"),
                "/dev/null".to_string(),
            ),
        };
        let diff = similar::TextDiff::configure().timeout(Duration::from_secs(2)).diff_lines(&old, &new);
        let text = diff.unified_diff().context_radius(3).header(&old_label, &new_label).to_string();
        for line in text.lines() {
            if shown < max_lines {
                out.push_str(line);
                out.push('\n');
                shown += 1;
            } else {
                hidden += 1;
            }
        }
    }
    if hidden > 0 {
        out.push_str(&format!("... diff cut after {max_lines} lines ({hidden} more not shown)\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, SystemTime};

    fn files(items: &[(&str, &str)]) -> BTreeMap<String, String> {
        items.iter().map(|(p, c)| (p.to_string(), c.to_string())).collect()
    }

    fn sync(out: &Path, f: &BTreeMap<String, String>) -> Applied {
        apply(out, &plan(out, f).unwrap()).unwrap()
    }

    fn mtime(p: &Path) -> SystemTime {
        fs::metadata(p).unwrap().modified().unwrap()
    }

    /// Sets a file's modification time far in the past, so a rewrite is always visible.
    fn age(p: &Path) -> SystemTime {
        let old = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
        fs::File::options().write(true).open(p).unwrap().set_modified(old).unwrap();
        assert_eq!(mtime(p), old);
        old
    }

    #[test]
    fn first_run_creates_files_and_directories() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("generated");
        let f = files(&[("Cargo.toml", "[package]\n"), ("src/lib.rs", "pub mod a;\n"), ("src/a/b.rs", "// b\n")]);
        let applied = sync(&out, &f);
        assert_eq!(applied, Applied { written: 3, removed: 0 });
        assert_eq!(fs::read_to_string(out.join("src/a/b.rs")).unwrap(), "// b\n");
        assert!(plan(&out, &f).unwrap().is_up_to_date());
        // No temporary files are left behind.
        let names: Vec<String> = fs::read_dir(out.join("src"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(names.iter().all(|n| !n.contains("xtask-tmp")), "{names:?}");
    }

    #[test]
    fn unchanged_files_keep_their_mtime_and_changed_ones_are_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        sync(out, &files(&[("src/lib.rs", "one\n"), ("src/other.rs", "two\n")]));
        let lib_time = age(&out.join("src/lib.rs"));
        let other_time = age(&out.join("src/other.rs"));

        // Nothing changed: nothing is written.
        let applied = sync(out, &files(&[("src/lib.rs", "one\n"), ("src/other.rs", "two\n")]));
        assert_eq!(applied, Applied { written: 0, removed: 0 });
        assert_eq!(mtime(&out.join("src/lib.rs")), lib_time);
        assert_eq!(mtime(&out.join("src/other.rs")), other_time);

        // One file changed: only it is replaced.
        let applied = sync(out, &files(&[("src/lib.rs", "one\n"), ("src/other.rs", "three\n")]));
        assert_eq!(applied, Applied { written: 1, removed: 0 });
        assert_eq!(mtime(&out.join("src/lib.rs")), lib_time);
        assert_ne!(mtime(&out.join("src/other.rs")), other_time);
        assert_eq!(fs::read_to_string(out.join("src/other.rs")).unwrap(), "three\n");
    }

    #[test]
    fn stale_generated_files_are_removed_and_everything_else_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        sync(out, &files(&[("Cargo.toml", "x\n"), ("src/lib.rs", "a\n"), ("src/old/gone.rs", "b\n")]));
        // Things that are not the generator's.
        fs::write(out.join("Cargo.lock"), "lock\n").unwrap();
        fs::create_dir_all(out.join("target/debug")).unwrap();
        fs::write(out.join("target/debug/build.rs"), "cargo's\n").unwrap();
        fs::write(out.join("target/CACHEDIR.toml"), "cargo's\n").unwrap();
        fs::write(out.join("src/notes.md"), "a human's\n").unwrap();

        let p = plan(out, &files(&[("Cargo.toml", "x\n"), ("src/lib.rs", "a\n")])).unwrap();
        assert_eq!(p.changes.iter().map(|c| (c.kind(), c.path())).collect::<Vec<_>>(), [("extra", "src/old/gone.rs")]);
        let applied = apply(out, &p).unwrap();
        assert_eq!(applied, Applied { written: 0, removed: 1 });
        assert!(!out.join("src/old/gone.rs").exists());
        assert!(!out.join("src/old").exists(), "the directory left empty is removed");
        assert!(out.join("src").is_dir());
        assert!(out.join("Cargo.lock").exists());
        assert!(out.join("target/debug/build.rs").exists());
        assert!(out.join("target/CACHEDIR.toml").exists());
        assert!(out.join("src/notes.md").exists());
    }

    #[test]
    fn paths_leaving_the_output_directory_are_rejected_before_anything_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        for bad in [
            "../evil.rs",
            "src/../../evil.rs",
            "src/../lib.rs",
            "/etc/evil.rs",
            "./lib.rs",
            "src//lib.rs",
            "",
            "..",
            "src\\..\\..\\evil.rs",
            "C:/evil.rs",
            "target/debug/x.rs",
            "Cargo.lock",
        ] {
            let f = files(&[("src/lib.rs", "fine\n"), (bad, "evil\n")]);
            let err = plan(&out, &f).unwrap_err().to_string();
            assert!(err.contains("unsafe output path"), "{bad:?}: {err}");
            let p = Plan {
                changes: vec![Change::Missing { path: bad.to_string(), new: b"evil\n".to_vec() }],
                unchanged: 0,
            };
            assert!(apply(&out, &p).is_err(), "{bad:?}");
        }
        assert!(!dir.path().join("evil.rs").exists());
        assert!(!out.join("src/lib.rs").exists());
        for good in ["Cargo.toml", "src/lib.rs", "src/a.b/c.rs", "tests/t.rs", "README.md"] {
            assert!(check_rel_path(good).is_ok(), "{good}");
        }
    }

    #[test]
    fn check_detects_a_modified_a_missing_and_an_extra_file() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        let f = files(&[("Cargo.toml", "[package]\n"), ("src/lib.rs", "a\nb\nc\n"), ("src/new.rs", "fresh\n")]);
        sync(out, &files(&[("Cargo.toml", "[package]\n"), ("src/lib.rs", "a\nB\nc\n"), ("src/gone.rs", "old\n")]));
        let before = managed_files(out).unwrap();

        let p = plan(out, &f).unwrap();
        assert!(!p.is_up_to_date());
        assert_eq!(p.unchanged, 1);
        let kinds: Vec<(&str, &str)> = p.changes.iter().map(|c| (c.kind(), c.path())).collect();
        assert_eq!(kinds, [("extra", "src/gone.rs"), ("modified", "src/lib.rs"), ("missing", "src/new.rs")]);
        // Planning writes nothing.
        assert_eq!(managed_files(out).unwrap(), before);

        let report = render_diff(&p.changes, "generated/", 1000);
        for expected in [
            "  extra    generated/src/gone.rs (no longer generated; would be removed)",
            "--- generated/src/lib.rs\t(on disk)",
            "+++ generated/src/lib.rs\t(generated)",
            "-B\n+b\n",
            "--- /dev/null",
            "+++ generated/src/new.rs\t(generated)",
            "+fresh",
            "--- generated/src/gone.rs\t(on disk)",
            "-old",
        ] {
            assert!(report.contains(expected), "missing {expected:?} in\n{report}");
        }

        apply(out, &p).unwrap();
        assert!(plan(out, &f).unwrap().is_up_to_date());
    }

    #[test]
    fn long_diffs_are_cut() {
        let new: String = (0..500).map(|i| format!("line {i}\n")).collect();
        let changes = vec![Change::Missing { path: "big.rs".into(), new: new.into_bytes() }];
        let report = render_diff(&changes, "", 50);
        assert!(report.lines().count() < 60, "{report}");
        assert!(report.contains("diff cut after 50 lines"), "{report}");
    }

    #[test]
    fn write_if_changed_only_writes_new_content() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ir/schema.json");
        assert!(write_if_changed(&path, b"{}\n").unwrap());
        let t = age(&path);
        assert!(!write_if_changed(&path, b"{}\n").unwrap());
        assert_eq!(mtime(&path), t);
        assert!(write_if_changed(&path, b"{ }\n").unwrap());
        assert_eq!(fs::read(&path).unwrap(), b"{ }\n");
    }
}
