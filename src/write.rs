//! Write: every output file goes into a fresh folder beside the output,
//! which replaces the output only once everything is written. A failed
//! build leaves the previous output exactly as it was; a successful one
//! leaves no stale file behind.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// A build being written.
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
}

fn sibling(target: &Path, tag: &str) -> PathBuf {
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "output".into());
    target.with_file_name(format!(".{name}.{tag}-{}", std::process::id()))
}

impl Staging {
    /// Creates an empty staging folder beside `target`.
    pub fn new(target: &Path) -> io::Result<Staging> {
        if let Some(parent) = target.parent() {
            if !parent.as_os_str().is_empty() {
                fs::create_dir_all(parent)?;
            }
        }
        remove_leftovers(target);
        let dir = sibling(target, "building");
        fs::create_dir_all(&dir)?;
        Ok(Staging { dir, target: target.to_path_buf() })
    }

    /// Creates the folders for `paths` (relative, `/`-separated), once each.
    pub fn make_dirs<'a>(&self, paths: impl Iterator<Item = &'a str>) -> io::Result<()> {
        let mut dirs: Vec<&str> = paths.filter_map(|p| p.rsplit_once('/').map(|(d, _)| d)).collect();
        dirs.sort_unstable();
        dirs.dedup();
        for d in dirs {
            fs::create_dir_all(self.dir.join(d))?;
        }
        Ok(())
    }

    pub fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        fs::write(self.dir.join(rel), bytes)
    }

    /// A new file at `rel`, to write into as its content is made.
    pub fn create(&self, rel: &str) -> io::Result<fs::File> {
        fs::File::create(self.dir.join(rel))
    }

    pub fn copy(&self, from: &Path, rel: &str) -> io::Result<()> {
        fs::copy(from, self.dir.join(rel)).map(|_| ())
    }

    /// Swaps the staged folder in for the target.
    pub fn commit(self) -> io::Result<()> {
        if self.target.exists() {
            let old = sibling(&self.target, "old");
            if old.exists() {
                fs::remove_dir_all(&old)?;
            }
            fs::rename(&self.target, &old)?;
            if let Err(e) = fs::rename(&self.dir, &self.target) {
                // Put the previous output back before reporting.
                let _ = fs::rename(&old, &self.target);
                return Err(e);
            }
            remove_tree(&old)?;
        } else {
            fs::rename(&self.dir, &self.target)?;
        }
        Ok(())
    }

    /// Removes the staged folder; the target is untouched.
    pub fn abandon(self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// Removes what an interrupted earlier build left beside the target
/// (`.output.building-*`, `.output.old-*`). Best effort: a leftover that
/// cannot be removed is harmless and is tried again next time.
fn remove_leftovers(target: &Path) {
    let (Some(parent), Some(name)) = (target.parent(), target.file_name()) else { return };
    let parent = if parent.as_os_str().is_empty() { Path::new(".") } else { parent };
    let prefix = format!(".{}.", name.to_string_lossy());
    let Ok(entries) = fs::read_dir(parent) else { return };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if let Some(rest) = file_name.strip_prefix(&prefix) {
            if rest.starts_with("building-") || rest.starts_with("old-") {
                let _ = remove_tree(&entry.path());
            }
        }
    }
}

/// Removes a folder tree, its files in parallel: on a large site the old
/// output has as many files as the new one.
fn remove_tree(dir: &Path) -> io::Result<()> {
    use rayon::prelude::*;
    let mut files = Vec::new();
    let mut dirs = Vec::new();
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.map_err(io::Error::other)?;
        if entry.file_type().is_dir() {
            dirs.push((entry.depth(), entry.into_path()));
        } else {
            files.push(entry.into_path());
        }
    }
    files.par_iter().try_for_each(fs::remove_file)?;
    // Deepest first, so each folder is empty when it is removed.
    dirs.sort_by_key(|d| std::cmp::Reverse(d.0));
    for same_depth in dirs.chunk_by(|a, b| a.0 == b.0) {
        same_depth.par_iter().try_for_each(|(_, d)| fs::remove_dir(d))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commit_replaces_and_abandon_keeps() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("output");
        fs::create_dir_all(target.join("stale")).unwrap();
        fs::write(target.join("stale/old.html"), "old").unwrap();

        let s = Staging::new(&target).unwrap();
        s.write("index.html", b"new").unwrap();
        s.abandon();
        assert!(target.join("stale/old.html").exists());

        let s = Staging::new(&target).unwrap();
        s.make_dirs(["a/b/index.html"].into_iter()).unwrap();
        s.write("a/b/index.html", b"new").unwrap();
        s.commit().unwrap();
        assert!(!target.join("stale").exists());
        assert_eq!(fs::read_to_string(target.join("a/b/index.html")).unwrap(), "new");
        let leftovers: Vec<_> = fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "only the output remains");
    }

    #[test]
    fn leftovers_of_an_interrupted_build_are_cleared() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("output");
        fs::create_dir_all(tmp.path().join(".output.old-12345/forums")).unwrap();
        fs::write(tmp.path().join(".output.old-12345/forums/index.html"), "x").unwrap();
        fs::create_dir_all(tmp.path().join(".output.building-777")).unwrap();
        fs::create_dir_all(tmp.path().join(".other")).unwrap();
        let s = Staging::new(&target).unwrap();
        s.commit().unwrap();
        let mut names: Vec<String> =
            fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        assert_eq!(names, [".other", "output"]);
    }
}
