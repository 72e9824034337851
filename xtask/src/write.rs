//! Putting generated files on disk safely, and telling what would change.
//!
//! * [`plan`] compares what would be written to an output directory with what is there:
//!   missing, modified and extra (no longer generated) files. It reads, never writes.
//! * [`apply`] carries a plan out as one change: the whole new tree is built beside the
//!   output directory (unchanged files hard-linked, so their modification times stay; new and
//!   changed ones written; extra ones left out) and swapped in with two renames, so a failure
//!   leaves the previous output whole. [`recover`] tidies up after a run that was killed
//!   between the renames.
//! * [`render_diff`] turns a plan into a readable, size-limited unified diff for `--check`.
//!
//! Nothing is ever written outside the output directory: every generated path is checked by
//! [`check_rel_path`] first. `target/` and `Cargo.lock` at the top of the output directory
//! belong to cargo and are never looked at.

use anyhow::{bail, Context, Result};
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::{ErrorKind, Read, Write};
use std::path::{Component, Path, PathBuf};
use std::time::Duration;

/// Entries at the top of the output directory that belong to cargo, not to the generator.
pub const IGNORED_TOP_LEVEL: &[&str] = &["target", "Cargo.lock"];

/// Files with these extensions in the output directory are the generator's: one that is no
/// longer generated is stale (reported by `--check`, removed by a run).
pub const MANAGED_EXTENSIONS: &[&str] = &["rs", "toml"];

/// One difference between the output directory and what would be written to it.
/// Paths are relative to the output directory, with forward slashes. The new content is
/// borrowed from what was generated: the crate is megabytes, and a plan need not copy it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change<'a> {
    /// Would be created.
    Missing { path: String, new: &'a [u8] },
    /// Exists with other content.
    Modified { path: String, old: Vec<u8>, new: &'a [u8] },
    /// Exists but is no longer generated: would be removed.
    Extra { path: String, old: Vec<u8> },
}

impl Change<'_> {
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
pub struct Plan<'a> {
    /// Sorted by path.
    pub changes: Vec<Change<'a>>,
    /// Generated files already on disk with the right content.
    pub unchanged: usize,
}

impl Plan<'_> {
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
pub fn plan<'a>(out_dir: &Path, files: &'a BTreeMap<String, String>) -> Result<Plan<'a>> {
    for rel in files.keys() {
        check_rel_path(rel)?;
    }
    let mut changes = Vec::new();
    let mut unchanged = 0;
    for (rel, content) in files {
        let path = out_dir.join(rel);
        match fs::read(&path) {
            Ok(old) if old == content.as_bytes() => unchanged += 1,
            Ok(old) => changes.push(Change::Modified { path: rel.clone(), old, new: content.as_bytes() }),
            Err(e) if e.kind() == ErrorKind::NotFound => {
                changes.push(Change::Missing { path: rel.clone(), new: content.as_bytes() })
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
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Applied {
    pub written: usize,
    pub removed: usize,
    /// The previous output's copy, when it could not be removed after the swap (the new output
    /// is in place; the next run removes the copy), with why.
    pub left_over: Option<(PathBuf, String)>,
}

/// A point in [`apply_with`] where a test can make it fail, to show that a failure at any
/// point leaves the previous output whole.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step<'a> {
    /// About to put this file (relative path) into the staging directory.
    Stage(&'a Path),
    /// Between moving the previous output aside and moving the new one into place.
    Swap,
}

/// Carries out `plan` for `out_dir` as one change: the whole new tree is built in a staging
/// directory beside `out_dir` and swapped in with two renames, so a failure at any point
/// leaves the previous output whole (and the next run tidies up after a crash, see
/// [`recover`]).
///
/// In the staging tree, every file that does not change (generated or not: `Cargo.lock`,
/// a human's notes, hidden directories) is a hard link to the one in `out_dir` (a copy with
/// its modification time when links are not supported), new and changed files are written
/// and synced, and extra ones are left out (with the directories that leaves empty). Cargo's
/// `target/` is moved across just before the swap rather than linked, as it can be large and
/// busy. With nothing to change, nothing is touched.
pub fn apply(out_dir: &Path, plan: &Plan<'_>) -> Result<Applied> {
    apply_with(out_dir, plan, &|_| Ok(()))
}

/// [`apply`], calling `hook` before each step it may fail at; an error from `hook` is a
/// failure there.
#[doc(hidden)]
pub fn apply_with(out_dir: &Path, plan: &Plan<'_>, hook: &dyn Fn(Step<'_>) -> std::io::Result<()>) -> Result<Applied> {
    let mut skip = BTreeSet::new();
    let mut applied = Applied::default();
    for change in &plan.changes {
        skip.insert(check_rel_path(change.path())?);
        match change {
            Change::Extra { .. } => applied.removed += 1,
            _ => applied.written += 1,
        }
    }
    if plan.changes.is_empty() {
        // Up to date: not even a directory is created or touched.
        return Ok(applied);
    }
    let dir = resolve_out_dir(out_dir, true)?;
    let staging = sibling(&dir, "staging", std::process::id());
    let old = sibling(&dir, "old", std::process::id());
    for leftover in [&staging, &old] {
        // Only this process's own names; another run's leftovers are `recover`'s business.
        if fs::symlink_metadata(leftover).is_ok() {
            fs::remove_dir_all(leftover).with_context(|| format!("cannot remove {}", leftover.display()))?;
        }
    }
    let nothing_changed = || format!("nothing in {} was changed", dir.display());
    if let Err(e) = build_staging(&dir, &staging, plan, &skip, hook) {
        let _ = fs::remove_dir_all(&staging);
        return Err(e.context(nothing_changed()));
    }
    swap(&dir, &staging, &old, hook).with_context(nothing_changed)?;
    match fs::remove_dir_all(&old) {
        // No previous output was moved aside (the directory is new).
        Err(e) if e.kind() == ErrorKind::NotFound => {}
        Err(e) => applied.left_over = Some((old.clone(), e.to_string())),
        Ok(()) => {}
    }
    sync_dir(dir.parent().unwrap_or(Path::new(".")));
    Ok(applied)
}

/// The staging directory or the previous output's copy beside `dir` (same parent, so renames
/// never cross file systems): `.NAME.codegen-staging-PID`, `.NAME.codegen-old-PID`.
fn sibling(dir: &Path, kind: &str, pid: u32) -> PathBuf {
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    dir.with_file_name(format!(".{name}.codegen-{kind}-{pid}"))
}

/// `out_dir` as an absolute path with no symbolic link in it, so that its siblings are next
/// to the real directory. With `create`, a missing parent is created (not `out_dir` itself);
/// without, `None` means the parent does not exist.
fn resolve_out_dir(out_dir: &Path, create: bool) -> Result<PathBuf> {
    let resolved = match fs::symlink_metadata(out_dir) {
        Ok(_) => fs::canonicalize(out_dir).with_context(|| format!("cannot resolve {}", out_dir.display()))?,
        Err(e) if e.kind() == ErrorKind::NotFound => {
            let name = out_dir.file_name().with_context(|| format!("{} names no directory", out_dir.display()))?;
            let parent = out_dir.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
            if create {
                fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
            }
            fs::canonicalize(parent).with_context(|| format!("cannot resolve {}", parent.display()))?.join(name)
        }
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", out_dir.display())),
    };
    if resolved.parent().is_none() || resolved.file_name().is_none() {
        bail!("{} cannot be replaced as a whole: it has no parent directory", resolved.display());
    }
    if fs::symlink_metadata(&resolved).is_ok_and(|m| !m.is_dir()) {
        bail!("{} is not a directory", resolved.display());
    }
    Ok(resolved)
}

/// Builds the new output tree in `staging` (see [`apply`]).
fn build_staging(
    dir: &Path,
    staging: &Path,
    plan: &Plan<'_>,
    skip: &BTreeSet<PathBuf>,
    hook: &dyn Fn(Step<'_>) -> std::io::Result<()>,
) -> Result<()> {
    fs::create_dir(staging).with_context(|| format!("cannot create {}", staging.display()))?;
    let mut dirs = vec![staging.to_path_buf()];
    if let Ok(meta) = fs::metadata(dir) {
        let _ = fs::set_permissions(staging, meta.permissions());
        link_tree(dir, staging, Path::new(""), skip, hook, &mut dirs)?;
    }
    // Files are synced in batches after they are written, not one by one: each one's
    // write-back is started as it is written, so the syncs find their data on its way and
    // share journal commits (v1.0's 69 files: `bench`'s write stage 20 and 18 -> 15 and 16 ms).
    let mut unsynced = Unsynced::default();
    for change in &plan.changes {
        let rel = check_rel_path(change.path())?;
        match change {
            Change::Missing { new, .. } | Change::Modified { new, .. } => {
                hook(Step::Stage(&rel)).with_context(|| format!("cannot write {}", change.path()))?;
                if let Some(parent) = rel.parent() {
                    real_dirs(staging, parent, &mut dirs)?;
                }
                let permissions = fs::metadata(dir.join(&rel)).ok().map(|m| m.permissions());
                let path = staging.join(&rel);
                let file = write_new(&path, new, permissions)?;
                unsynced.push(path, file)?;
            }
            Change::Extra { .. } => prune_empty_dirs(staging, &rel),
        }
    }
    unsynced.sync()?;
    // Deepest first, so each directory's entries are durable before its parent's.
    for d in dirs.iter().rev() {
        sync_dir(d);
    }
    Ok(())
}

/// Recreates the tree under `src` in `dst`: directories made anew, everything else
/// hard-linked (or copied), except the paths in `skip` (the plan's changes) and a top-level
/// `target` (moved at the swap).
fn link_tree(
    src: &Path,
    dst: &Path,
    rel: &Path,
    skip: &BTreeSet<PathBuf>,
    hook: &dyn Fn(Step<'_>) -> std::io::Result<()>,
    dirs: &mut Vec<PathBuf>,
) -> Result<()> {
    let entries = fs::read_dir(src).with_context(|| format!("cannot list {}", src.display()))?;
    for entry in entries {
        let entry = entry.with_context(|| format!("cannot list {}", src.display()))?;
        let name = entry.file_name();
        if rel.as_os_str().is_empty() && name == "target" {
            continue;
        }
        let child_rel = rel.join(&name);
        let (from, to) = (entry.path(), dst.join(&name));
        let file_type = entry.file_type().with_context(|| format!("cannot stat {}", from.display()))?;
        if file_type.is_dir() {
            fs::create_dir(&to).with_context(|| format!("cannot create {}", to.display()))?;
            if let Ok(meta) = entry.metadata() {
                let _ = fs::set_permissions(&to, meta.permissions());
            }
            dirs.push(to.clone());
            link_tree(&from, &to, &child_rel, skip, hook, dirs)?;
        } else if !skip.contains(&child_rel) {
            hook(Step::Stage(&child_rel)).with_context(|| format!("cannot link {}", from.display()))?;
            link_or_copy(&from, &to, file_type)?;
        }
    }
    Ok(())
}

/// A hard link at `to` to the file (or symbolic link) `from`; a copy with the same
/// modification time when the file system refuses links.
fn link_or_copy(from: &Path, to: &Path, file_type: fs::FileType) -> Result<()> {
    let linked = fs::hard_link(from, to);
    if linked.is_ok() {
        return Ok(());
    }
    let copied = (|| -> std::io::Result<()> {
        if file_type.is_symlink() {
            #[cfg(unix)]
            return std::os::unix::fs::symlink(fs::read_link(from)?, to);
            #[cfg(not(unix))]
            return Err(std::io::Error::other("symbolic links cannot be copied here"));
        }
        fs::copy(from, to)?;
        let modified = fs::metadata(from)?.modified()?;
        fs::File::options().write(true).open(to)?.set_modified(modified)
    })();
    copied.with_context(|| {
        let link_error = linked.err().map(|e| e.to_string()).unwrap_or_default();
        format!("cannot link ({link_error}) or copy {} to {}", from.display(), to.display())
    })
}

/// Makes sure every directory from `root` down to `root/rel` exists and is a real directory,
/// so that a generated file is never written through a symbolic link out of the tree.
fn real_dirs(root: &Path, rel: &Path, dirs: &mut Vec<PathBuf>) -> Result<()> {
    let mut path = root.to_path_buf();
    for part in rel.components() {
        path.push(part);
        match fs::symlink_metadata(&path) {
            Ok(meta) if meta.is_dir() => {}
            Ok(_) => bail!("{} is not a directory (generated files are never written through links)", path.display()),
            Err(e) if e.kind() == ErrorKind::NotFound => {
                fs::create_dir(&path).with_context(|| format!("cannot create {}", path.display()))?;
                dirs.push(path.clone());
            }
            Err(e) => return Err(e).with_context(|| format!("cannot stat {}", path.display())),
        }
    }
    Ok(())
}

/// Writes a new file (never following a link at `path`) with `permissions` if given, and
/// starts writing it back to disk; the caller syncs it (see [`Unsynced`]).
fn write_new(path: &Path, bytes: &[u8], permissions: Option<fs::Permissions>) -> Result<fs::File> {
    (|| -> std::io::Result<fs::File> {
        let mut file = fs::File::options().write(true).create_new(true).open(path)?;
        file.write_all(bytes)?;
        if let Some(p) = permissions {
            file.set_permissions(p)?;
        }
        start_write_back(&file);
        Ok(file)
    })()
    .with_context(|| format!("cannot write {}", path.display()))
}

/// Written files not synced yet, kept open (at most [`Unsynced::MAX_OPEN`] at a time).
#[derive(Default)]
struct Unsynced {
    files: Vec<(PathBuf, fs::File)>,
}

impl Unsynced {
    /// Open files are a limited resource: past this many, the batch is synced early.
    const MAX_OPEN: usize = 128;

    fn push(&mut self, path: PathBuf, file: fs::File) -> Result<()> {
        self.files.push((path, file));
        if self.files.len() >= Self::MAX_OPEN {
            self.sync()?;
        }
        Ok(())
    }

    /// Syncs every file of the batch, in the order written.
    fn sync(&mut self) -> Result<()> {
        for (path, file) in self.files.drain(..) {
            file.sync_all().with_context(|| format!("cannot write {}", path.display()))?;
        }
        Ok(())
    }
}

/// Asks the kernel to start writing `file`'s data to disk without waiting for it (Linux's
/// `sync_file_range`, as dpkg does before its syncs); elsewhere nothing. A hint only: the
/// file is synced later either way, so a failure here is ignored.
fn start_write_back(file: &fs::File) {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        // SAFETY: `sync_file_range` only reads its integer arguments, and the descriptor
        // belongs to `file`, which is open for the whole call.
        let _ = unsafe { libc::sync_file_range(file.as_raw_fd(), 0, 0, libc::SYNC_FILE_RANGE_WRITE) };
    }
    #[cfg(not(target_os = "linux"))]
    let _ = file;
}

/// Syncs a directory's entries to disk where the platform allows it (best effort: a
/// directory cannot be opened as a file everywhere).
fn sync_dir(dir: &Path) {
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Puts `staging` in the place of `dir` with two renames (`dir` -> `old`, `staging` ->
/// `dir`), moving `dir/target` into `staging` first. On failure, puts everything back.
fn swap(dir: &Path, staging: &Path, old: &Path, hook: &dyn Fn(Step<'_>) -> std::io::Result<()>) -> Result<()> {
    let target = dir.join("target");
    let moved_target = fs::symlink_metadata(&target).is_ok();
    let put_target_back = || {
        if moved_target {
            let _ = fs::rename(staging.join("target"), &target);
        }
    };
    let fail = |e: anyhow::Error| {
        let _ = fs::remove_dir_all(staging);
        Err(e)
    };
    if moved_target {
        if let Err(e) = fs::rename(&target, staging.join("target")) {
            return fail(anyhow::Error::new(e).context(format!("cannot move {} aside", target.display())));
        }
    }
    let had_dir = fs::symlink_metadata(dir).is_ok();
    if had_dir {
        if let Err(e) = fs::rename(dir, old) {
            put_target_back();
            return fail(anyhow::Error::new(e).context(format!("cannot move {} aside", dir.display())));
        }
    }
    let renamed = hook(Step::Swap).and_then(|()| fs::rename(staging, dir));
    if let Err(e) = renamed {
        if had_dir {
            if let Err(back) = fs::rename(old, dir) {
                bail!(
                    "cannot put the new output in place ({e}), nor the previous one back ({back}): the previous \
                     output is in {}; the next run puts it back",
                    old.display()
                );
            }
        }
        put_target_back();
        return fail(anyhow::Error::new(e).context(format!("cannot move the new output to {}", dir.display())));
    }
    Ok(())
}

/// A directory an interrupted run left beside the output, and the id of that run's process.
pub type Leftover = (PathBuf, u32);

/// Leftovers of runs that stopped between building the new tree and removing the old one:
/// `(staging directories, copies of the previous output)` beside `out_dir`, with the
/// process id in their names. Reads only.
pub fn leftovers(out_dir: &Path) -> Result<(Vec<Leftover>, Vec<Leftover>)> {
    let Ok(dir) = resolve_out_dir(out_dir, false) else { return Ok(Default::default()) };
    let (parent, name) = match (dir.parent(), dir.file_name()) {
        (Some(p), Some(n)) => (p, n.to_string_lossy().into_owned()),
        _ => return Ok(Default::default()),
    };
    let (mut staging, mut old) = (Vec::new(), Vec::new());
    let Ok(entries) = fs::read_dir(parent) else { return Ok(Default::default()) };
    let prefix = format!(".{name}.codegen-");
    for entry in entries.flatten() {
        let entry_name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = entry_name.strip_prefix(&prefix) else { continue };
        let (kind, pid) = rest.split_once('-').unwrap_or((rest, ""));
        let Ok(pid) = pid.parse::<u32>() else { continue };
        match kind {
            "staging" => staging.push((entry.path(), pid)),
            "old" => old.push((entry.path(), pid)),
            _ => {}
        }
    }
    staging.sort();
    old.sort();
    Ok((staging, old))
}

/// Whether process `pid` (not this one) is running. Only known on Linux; elsewhere `false`.
fn alive(pid: u32) -> bool {
    pid != std::process::id() && cfg!(target_os = "linux") && Path::new(&format!("/proc/{pid}")).exists()
}

/// Tidies up after a run that stopped between building the new tree and removing the old
/// one (see [`apply`]): when `out_dir` is missing, the previous output is moved back from its
/// copy; staging directories and copies left beside an existing `out_dir` are removed (with
/// `target/`, if it had been moved into a staging directory, put back). Returns one message
/// per thing done. Refuses, changing nothing, when a leftover belongs to a running process.
pub fn recover(out_dir: &Path) -> Result<Vec<String>> {
    let (staging, old) = leftovers(out_dir)?;
    if staging.is_empty() && old.is_empty() {
        return Ok(Vec::new());
    }
    if let Some((path, pid)) = staging.iter().chain(&old).find(|(_, pid)| alive(*pid)) {
        bail!(
            "{} belongs to process {pid}, which is still running: another run seems to be writing {}; wait for it \
             (or, if process {pid} is not one, remove {})",
            path.display(),
            out_dir.display(),
            path.display()
        );
    }
    let dir = resolve_out_dir(out_dir, false)?;
    let mut said = Vec::new();
    let mut old = old;
    if fs::symlink_metadata(&dir).is_err() {
        match old.as_slice() {
            [] => {}
            [(copy, _)] => {
                fs::rename(copy, &dir)
                    .with_context(|| format!("cannot move {} back to {}", copy.display(), dir.display()))?;
                said.push(format!(
                    "{} was missing after an interrupted run: the previous output was moved back from {}",
                    dir.display(),
                    copy.display()
                ));
                old.clear();
            }
            several => bail!(
                "{} is missing and interrupted runs left several copies of it ({}): rename the one to keep to {}",
                dir.display(),
                several.iter().map(|(p, _)| p.display().to_string()).collect::<Vec<_>>().join(", "),
                dir.display()
            ),
        }
    }
    for (path, _) in &staging {
        let target = dir.join("target");
        if dir.is_dir() && fs::symlink_metadata(&target).is_err() && fs::symlink_metadata(path.join("target")).is_ok() {
            fs::rename(path.join("target"), &target)
                .with_context(|| format!("cannot move {} back", path.join("target").display()))?;
        }
        fs::remove_dir_all(path).with_context(|| format!("cannot remove {}", path.display()))?;
        said.push(format!("removed {}, an unfinished output left by an interrupted run", path.display()));
    }
    for (path, _) in &old {
        fs::remove_dir_all(path).with_context(|| format!("cannot remove {}", path.display()))?;
        said.push(format!("removed {}, a previous output left by an interrupted run", path.display()));
    }
    Ok(said)
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
    match holds(path, bytes) {
        Ok(true) => return Ok(false),
        Ok(false) => {}
        Err(e) if e.kind() == ErrorKind::NotFound => {}
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    }
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
    }
    write_atomic(path, bytes)?;
    Ok(true)
}

/// Whether the file at `path` holds exactly `bytes`. A file of another length differs unread;
/// one of the same length is compared block by block, so a schema of many megabytes is not
/// read whole into fresh memory (the page faults of that copy cost more than the compare).
fn holds(path: &Path, bytes: &[u8]) -> std::io::Result<bool> {
    const BLOCK: usize = 256 * 1024;
    let mut file = fs::File::open(path)?;
    if file.metadata()?.len() != bytes.len() as u64 {
        return Ok(false);
    }
    let mut buf = vec![0u8; BLOCK.min(bytes.len())];
    for expected in bytes.chunks(BLOCK) {
        let got = &mut buf[..expected.len()];
        match file.read_exact(got) {
            // Shorter than its length said: changed meanwhile, so not the same.
            Err(e) if e.kind() == ErrorKind::UnexpectedEof => return Ok(false),
            result => result?,
        }
        if got != expected {
            return Ok(false);
        }
    }
    // Longer than its length said (growing meanwhile): not the same either.
    Ok(file.read(&mut [0u8; 1])? == 0)
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
pub fn render_diff(changes: &[Change<'_>], root: &str, max_lines: usize) -> String {
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
    fn more_files_than_are_kept_open_are_all_written() {
        // Past `Unsynced::MAX_OPEN` written files, a batch is synced early and a new one begun.
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("generated");
        let n = Unsynced::MAX_OPEN * 2 + 3;
        let f: BTreeMap<String, String> = (0..n).map(|i| (format!("src/m{i}.rs"), format!("// {i}\n"))).collect();
        assert_eq!(sync(&out, &f), Applied { written: n, removed: 0, left_over: None });
        for (path, content) in &f {
            assert_eq!(&fs::read_to_string(out.join(path)).unwrap(), content, "{path}");
        }
        assert!(plan(&out, &f).unwrap().is_up_to_date());
    }

    #[test]
    fn first_run_creates_files_and_directories() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("generated");
        let f = files(&[("Cargo.toml", "[package]\n"), ("src/lib.rs", "pub mod a;\n"), ("src/a/b.rs", "// b\n")]);
        let applied = sync(&out, &f);
        assert_eq!(applied, Applied { written: 3, removed: 0, left_over: None });
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
        let out = &dir.path().join("out");
        sync(out, &files(&[("src/lib.rs", "one\n"), ("src/other.rs", "two\n")]));
        let lib_time = age(&out.join("src/lib.rs"));
        let other_time = age(&out.join("src/other.rs"));

        // Nothing changed: nothing is written.
        let applied = sync(out, &files(&[("src/lib.rs", "one\n"), ("src/other.rs", "two\n")]));
        assert_eq!(applied, Applied { written: 0, removed: 0, left_over: None });
        assert_eq!(mtime(&out.join("src/lib.rs")), lib_time);
        assert_eq!(mtime(&out.join("src/other.rs")), other_time);

        // One file changed: only it is replaced.
        let applied = sync(out, &files(&[("src/lib.rs", "one\n"), ("src/other.rs", "three\n")]));
        assert_eq!(applied, Applied { written: 1, removed: 0, left_over: None });
        assert_eq!(mtime(&out.join("src/lib.rs")), lib_time);
        assert_ne!(mtime(&out.join("src/other.rs")), other_time);
        assert_eq!(fs::read_to_string(out.join("src/other.rs")).unwrap(), "three\n");
    }

    #[test]
    fn stale_generated_files_are_removed_and_everything_else_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let out = &dir.path().join("out");
        sync(out, &files(&[("Cargo.toml", "x\n"), ("src/lib.rs", "a\n"), ("src/old/gone.rs", "b\n")]));
        // Things that are not the generator's.
        fs::write(out.join("Cargo.lock"), "lock\n").unwrap();
        fs::create_dir_all(out.join("target/debug")).unwrap();
        fs::write(out.join("target/debug/build.rs"), "cargo's\n").unwrap();
        fs::write(out.join("target/CACHEDIR.toml"), "cargo's\n").unwrap();
        fs::write(out.join("src/notes.md"), "a human's\n").unwrap();

        let now = files(&[("Cargo.toml", "x\n"), ("src/lib.rs", "a\n")]);
        let p = plan(out, &now).unwrap();
        assert_eq!(p.changes.iter().map(|c| (c.kind(), c.path())).collect::<Vec<_>>(), [("extra", "src/old/gone.rs")]);
        let applied = apply(out, &p).unwrap();
        assert_eq!(applied, Applied { written: 0, removed: 1, left_over: None });
        assert!(!out.join("src/old/gone.rs").exists());
        assert!(!out.join("src/old").exists(), "the directory left empty is removed");
        assert!(out.join("src").is_dir());
        assert!(out.join("Cargo.lock").exists());
        assert!(out.join("target/debug/build.rs").exists());
        assert!(out.join("target/CACHEDIR.toml").exists());
        assert!(out.join("src/notes.md").exists());
    }

    /// Everything under `dir`: relative path -> (content, or the link target, or `None` for
    /// a directory; inode; modification time).
    #[cfg(unix)]
    fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (Option<Vec<u8>>, u64, SystemTime)> {
        use std::os::unix::fs::MetadataExt;
        fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, (Option<Vec<u8>>, u64, SystemTime)>) {
            for entry in fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                let meta = fs::symlink_metadata(&path).unwrap();
                let content = if meta.is_dir() {
                    None
                } else if meta.is_symlink() {
                    Some(fs::read_link(&path).unwrap().into_os_string().into_encoded_bytes())
                } else {
                    Some(fs::read(&path).unwrap())
                };
                let rel = path.strip_prefix(base).unwrap().to_path_buf();
                out.insert(rel, (content, meta.ino(), meta.modified().unwrap()));
                if meta.is_dir() {
                    walk(base, &path, out);
                }
            }
        }
        let mut out = BTreeMap::new();
        walk(dir, dir, &mut out);
        out
    }

    /// The entries of `dir`'s parent other than `dir`: where staging and old copies would be.
    fn siblings(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| Some(n.as_str()) != dir.file_name().and_then(|f| f.to_str()))
            .collect();
        names.sort();
        names
    }

    /// An output directory with generated files and things that are not the generator's:
    /// cargo's `target/` and `Cargo.lock`, a human's notes, a hidden directory, a symbolic link.
    #[cfg(unix)]
    fn populated(out: &Path) -> BTreeMap<String, String> {
        let f = files(&[
            ("Cargo.toml", "[package]\n"),
            ("src/lib.rs", "pub mod a;\n"),
            ("src/a.rs", "// a\n"),
            ("src/old/gone.rs", "// gone\n"),
        ]);
        sync(out, &f);
        fs::write(out.join("Cargo.lock"), "lock\n").unwrap();
        fs::create_dir_all(out.join("target/debug")).unwrap();
        fs::write(out.join("target/debug/big.rs"), "cargo's\n").unwrap();
        fs::write(out.join("src/notes.md"), "a human's\n").unwrap();
        fs::create_dir_all(out.join(".git/objects")).unwrap();
        fs::write(out.join(".git/objects/x.toml"), "hidden\n").unwrap();
        fs::create_dir_all(out.join("empty")).unwrap();
        std::os::unix::fs::symlink("../Cargo.toml", out.join("src/link.toml")).unwrap();
        for p in ["Cargo.toml", "src/lib.rs", "src/a.rs", "src/old/gone.rs", "Cargo.lock", "src/notes.md"] {
            age(&out.join(p));
        }
        f
    }

    #[cfg(unix)]
    #[test]
    fn an_unchanged_rerun_touches_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let f = populated(&out);
        let before = snapshot(&out);
        let dir_ino = std::os::unix::fs::MetadataExt::ino(&fs::metadata(&out).unwrap());
        let p = plan(&out, &f).unwrap();
        assert!(p.is_up_to_date(), "{:?}", p.changes);
        assert_eq!(apply(&out, &p).unwrap(), Applied::default());
        assert_eq!(snapshot(&out), before, "same content, inodes and modification times");
        assert_eq!(std::os::unix::fs::MetadataExt::ino(&fs::metadata(&out).unwrap()), dir_ino);
        assert!(siblings(&out).is_empty(), "{:?}", siblings(&out));
    }

    #[cfg(unix)]
    #[test]
    fn a_change_swaps_the_whole_tree_keeping_unchanged_and_foreign_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let mut f = populated(&out);
        let before = snapshot(&out);
        let dir_ino = std::os::unix::fs::MetadataExt::ino(&fs::metadata(&out).unwrap());
        f.remove("src/old/gone.rs");
        f.insert("src/a.rs".into(), "// a, changed\n".into());
        f.insert("src/b/new.rs".into(), "// new\n".into());
        let p = plan(&out, &f).unwrap();
        assert_eq!(apply(&out, &p).unwrap(), Applied { written: 2, removed: 1, left_over: None });
        let after = snapshot(&out);

        assert_ne!(std::os::unix::fs::MetadataExt::ino(&fs::metadata(&out).unwrap()), dir_ino, "a new tree");
        // Unchanged files, generated or not, are the same files (hard links): same inode and time.
        for same in
            ["Cargo.toml", "src/lib.rs", "Cargo.lock", "src/notes.md", ".git/objects/x.toml", "src/link.toml", "target"]
        {
            assert_eq!(after.get(Path::new(same)), before.get(Path::new(same)), "{same}");
        }
        assert_eq!(after[Path::new("target/debug/big.rs")], before[Path::new("target/debug/big.rs")]);
        assert!(after[Path::new("empty")].0.is_none(), "an empty foreign directory stays");
        assert_eq!(fs::read_link(out.join("src/link.toml")).unwrap(), Path::new("../Cargo.toml"));
        // Changed and new files are new; the stale one is gone with its directory.
        assert_eq!(after[Path::new("src/a.rs")].0.as_deref(), Some(&b"// a, changed\n"[..]));
        assert_ne!(after[Path::new("src/a.rs")].1, before[Path::new("src/a.rs")].1);
        assert_eq!(after[Path::new("src/b/new.rs")].0.as_deref(), Some(&b"// new\n"[..]));
        assert!(!after.contains_key(Path::new("src/old/gone.rs")) && !after.contains_key(Path::new("src/old")));
        assert!(siblings(&out).is_empty(), "{:?}", siblings(&out));
        assert!(plan(&out, &f).unwrap().is_up_to_date());
    }

    #[cfg(unix)]
    #[test]
    fn a_failure_at_any_step_leaves_the_previous_output_whole() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let mut f = populated(&out);
        f.remove("src/old/gone.rs");
        f.insert("src/a.rs".into(), "// a, changed\n".into());
        f.insert("src/z.rs".into(), "// new\n".into());
        let p = plan(&out, &f).unwrap();
        // Fail at the first, a middle and the last file staged, and between the two renames.
        let steps = std::cell::Cell::new(0usize);
        apply_with(&out, &p, &|s| {
            if matches!(s, Step::Stage(_)) {
                steps.set(steps.get() + 1);
            }
            Ok(())
        })
        .unwrap();
        let staged = steps.get();
        assert!(staged >= 6, "{staged}");
        // Start again from the previous output for each failure.
        let fresh = |out: &Path| {
            fs::remove_dir_all(out).unwrap();
            let f = populated(out);
            (snapshot(out), f)
        };
        for fail_at in [Some(1), Some(staged / 2), Some(staged), None] {
            let (before, _) = fresh(&out);
            let count = std::cell::Cell::new(0usize);
            let err = apply_with(&out, &p, &|s| match s {
                Step::Stage(_) => {
                    count.set(count.get() + 1);
                    if Some(count.get()) == fail_at {
                        Err(std::io::Error::other("injected"))
                    } else {
                        Ok(())
                    }
                }
                Step::Swap if fail_at.is_none() => Err(std::io::Error::other("injected")),
                Step::Swap => Ok(()),
            })
            .unwrap_err();
            assert!(format!("{err:#}").contains("injected"), "{err:#}");
            assert!(format!("{err:#}").contains("nothing in"), "{err:#}");
            assert_eq!(snapshot(&out), before, "failing at {fail_at:?}");
            assert!(siblings(&out).is_empty(), "{fail_at:?}: {:?}", siblings(&out));
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_run_interrupted_between_the_renames_is_recovered() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        populated(&out);
        let before = snapshot(&out);
        assert!(recover(&out).unwrap().is_empty());

        // Killed after moving the output aside (and target/ into the staging tree), before
        // moving the new one in: the previous output comes back, target/ included.
        let staging = sibling(&out, "staging", 999_999_999);
        let old = sibling(&out, "old", 999_999_999);
        fs::create_dir(&staging).unwrap();
        fs::write(staging.join("Cargo.toml"), "new\n").unwrap();
        fs::rename(out.join("target"), staging.join("target")).unwrap();
        fs::rename(&out, &old).unwrap();
        let said = recover(&out).unwrap();
        assert_eq!(said.len(), 2, "{said:?}");
        assert!(said[0].contains("was missing after an interrupted run"), "{said:?}");
        assert!(said[1].contains("an unfinished output"), "{said:?}");
        assert_eq!(snapshot(&out), before);
        assert!(siblings(&out).is_empty(), "{:?}", siblings(&out));

        // Killed after the swap, before removing the old copy: the copy goes.
        fs::create_dir(&old).unwrap();
        fs::write(old.join("Cargo.toml"), "old\n").unwrap();
        let (_, found) = leftovers(&out).unwrap();
        assert_eq!(found, [(old.clone(), 999_999_999)]);
        let said = recover(&out).unwrap();
        assert!(said[0].contains("a previous output left by an interrupted run"), "{said:?}");
        assert_eq!(snapshot(&out), before);
        assert!(siblings(&out).is_empty());

        // A leftover of a process that is still running (this one's parent) is left alone.
        #[cfg(target_os = "linux")]
        {
            let live = sibling(&out, "staging", std::os::unix::process::parent_id());
            fs::create_dir(&live).unwrap();
            let err = recover(&out).unwrap_err().to_string();
            assert!(err.contains("still running"), "{err}");
            assert!(live.is_dir());
        }
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
            let p = Plan { changes: vec![Change::Missing { path: bad.to_string(), new: b"evil\n" }], unchanged: 0 };
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
        let out = &dir.path().join("out");
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
        let changes = vec![Change::Missing { path: "big.rs".into(), new: new.as_bytes() }];
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
        // Same length, different last block: compared block by block, still rewritten.
        let big: Vec<u8> = (0..600_000u32).map(|i| b'a' + (i % 26) as u8).collect();
        assert!(write_if_changed(&path, &big).unwrap());
        let t = age(&path);
        assert!(!write_if_changed(&path, &big).unwrap());
        assert_eq!(mtime(&path), t);
        let mut changed = big.clone();
        *changed.last_mut().unwrap() = b'!';
        assert!(write_if_changed(&path, &changed).unwrap());
        assert_eq!(fs::read(&path).unwrap(), changed);
        assert!(write_if_changed(&path, &changed[..changed.len() - 1]).unwrap());
        assert!(write_if_changed(&path, b"").unwrap());
        assert!(!write_if_changed(&path, b"").unwrap());
    }
}
