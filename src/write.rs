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
        let dir = sibling(target, "building");
        if dir.exists() {
            fs::remove_dir_all(&dir)?;
        }
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

    pub fn copy(&self, from: &Path, rel: &str) -> io::Result<()> {
        fs::copy(from, self.dir.join(rel)).map(|_| ())
    }

    /// Copies a whole folder (a theme's assets) to `rel`.
    pub fn copy_tree(&self, from: &Path, rel: &str) -> io::Result<usize> {
        let mut n = 0;
        for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
            let entry = entry.map_err(io::Error::other)?;
            let inner = entry.path().strip_prefix(from).unwrap_or(entry.path());
            let dest = self.dir.join(rel).join(inner);
            if entry.file_type().is_dir() {
                fs::create_dir_all(&dest)?;
            } else if entry.file_type().is_file() {
                fs::copy(entry.path(), &dest)?;
                n += 1;
            }
        }
        Ok(n)
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
            fs::remove_dir_all(&old)?;
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
}
