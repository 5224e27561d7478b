//! Write: every output file goes into a fresh folder beside the output,
//! which replaces the output only once everything is written. A failed
//! build leaves the previous output exactly as it was; a successful one
//! leaves no stale file behind; an interrupted one leaves the old output
//! or the new one, never neither. Where the output may be is `target`'s
//! to say, and one build at a time writes it (`lock`).

pub mod lock;
pub mod target;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// A build being written.
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    _lock: lock::OutputLock,
}

fn sibling(target: &Path, tag: &str) -> PathBuf {
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "output".into());
    target.with_file_name(format!(".{name}.{tag}-{}", std::process::id()))
}

/// Why a staging folder could not be made or swapped in.
#[derive(Debug)]
pub enum StagingError {
    /// Another build holds the output (the message says which).
    Busy(String),
    Io(io::Error),
}

impl From<io::Error> for StagingError {
    fn from(e: io::Error) -> Self {
        StagingError::Io(e)
    }
}

impl Staging {
    /// Creates an empty staging folder beside `target`, the output as
    /// `target::vet` resolved it, once no other build is writing there.
    /// What an interrupted earlier build left is cleared first, and an
    /// output it had moved aside is put back.
    pub fn new(target: &Path) -> Result<Staging, StagingError> {
        if let Some(parent) = target.parent() {
            if !parent.as_os_str().is_empty() {
                fs::create_dir_all(parent)?;
            }
        }
        let lock = tidy(target)?;
        let dir = sibling(target, "building");
        fs::create_dir_all(&dir)?;
        Ok(Staging { dir, target: target.to_path_buf(), _lock: lock })
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

    /// Marks the staged folder as wsis's and swaps it in for the target.
    /// On failure the staged folder is removed and the target is as it was.
    pub fn commit(self) -> io::Result<()> {
        let swapped = fs::write(self.dir.join(target::MARK), target::MARK_TEXT).and_then(|_| self.swap());
        if swapped.is_err() {
            let _ = remove_tree(&self.dir);
        }
        swapped
    }

    fn swap(&self) -> io::Result<()> {
        if fs::symlink_metadata(&self.target).is_err() {
            return fs::rename(&self.dir, &self.target);
        }
        match exchange(&self.dir, &self.target) {
            // The staging name now holds the previous output.
            Ok(true) => {
                let _ = remove_tree(&self.dir);
                return Ok(());
            }
            Ok(false) => {}
            Err(e) => return Err(e),
        }
        // No atomic exchange here: two renames, with the previous output
        // put back by the next build if this one is stopped between them.
        let old = sibling(&self.target, "old");
        if fs::symlink_metadata(&old).is_ok() {
            remove_tree(&old)?;
        }
        fs::rename(&self.target, &old)?;
        if let Err(e) = fs::rename(&self.dir, &self.target) {
            let _ = fs::rename(&old, &self.target);
            return Err(e);
        }
        let _ = remove_tree(&old);
        Ok(())
    }

    /// Removes the staged folder; the target is untouched.
    pub fn abandon(self) {
        let _ = remove_tree(&self.dir);
    }
}

/// Puts right what an interrupted earlier build left beside the output
/// `target`: an output it had moved aside is put back, its staging folder
/// removed. A build that fails before it writes calls this too, so the
/// previous output is in place whatever this build does.
pub fn recover(target: &Path) -> Result<(), StagingError> {
    if target.parent().is_some_and(Path::exists) {
        tidy(target)?;
    }
    Ok(())
}

/// Takes the output's lock and tidies up beside it.
fn tidy(target: &Path) -> Result<lock::OutputLock, StagingError> {
    let lock = lock::acquire(target).map_err(StagingError::Busy)?;
    restore_moved_aside(target);
    remove_leftovers(target);
    Ok(lock)
}

/// Swaps two folders in one step (Linux's `renameat2` with
/// `RENAME_EXCHANGE`), so there is no moment without an output. `Ok(false)`
/// where the system or the file system cannot.
fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    #[cfg(target_os = "linux")]
    {
        use std::ffi::CString;
        use std::os::unix::ffi::OsStrExt;
        let (Ok(a), Ok(b)) = (CString::new(a.as_os_str().as_bytes()), CString::new(b.as_os_str().as_bytes())) else {
            return Ok(false);
        };
        // SAFETY: both paths are NUL-terminated strings that outlive the call.
        let done = unsafe {
            libc::syscall(
                libc::SYS_renameat2,
                libc::AT_FDCWD,
                a.as_ptr(),
                libc::AT_FDCWD,
                b.as_ptr(),
                libc::RENAME_EXCHANGE,
            )
        };
        if done == 0 {
            return Ok(true);
        }
        let err = io::Error::last_os_error();
        match err.raw_os_error() {
            Some(libc::ENOSYS | libc::EINVAL | libc::ENOTSUP) => Ok(false),
            _ => Err(err),
        }
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (a, b);
        Ok(false)
    }
}

/// A build stopped between the two renames of a swap left the output
/// moved aside (`.output.old-*`) and no output: put it back.
fn restore_moved_aside(target: &Path) {
    if fs::symlink_metadata(target).is_ok() {
        return;
    }
    let mut aside: Vec<(std::time::SystemTime, PathBuf)> = leftovers(target)
        .into_iter()
        .filter(|(kind, _)| *kind == "old")
        .filter_map(|(_, path)| Some((fs::symlink_metadata(&path).ok()?.modified().ok()?, path)))
        .collect();
    aside.sort();
    if let Some((_, newest)) = aside.pop() {
        let _ = fs::rename(newest, target);
    }
}

/// What earlier builds left beside the target: (`building` or `old`, path).
fn leftovers(target: &Path) -> Vec<(&'static str, PathBuf)> {
    let (Some(parent), Some(name)) = (target.parent(), target.file_name()) else { return Vec::new() };
    let parent = if parent.as_os_str().is_empty() { Path::new(".") } else { parent };
    let prefix = format!(".{}.", name.to_string_lossy());
    let Ok(entries) = fs::read_dir(parent) else { return Vec::new() };
    let mut found = Vec::new();
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if let Some(rest) = file_name.strip_prefix(&prefix) {
            for kind in ["building", "old"] {
                if rest.strip_prefix(kind).is_some_and(|pid| pid.starts_with('-')) {
                    found.push((kind, entry.path()));
                }
            }
        }
    }
    found
}

/// Removes what an interrupted earlier build left beside the target
/// (`.output.building-*`, `.output.old-*`). Called only under the output's
/// lock, so no build that is still running owns them. Best effort: a
/// leftover that cannot be removed is harmless and is tried again next time.
fn remove_leftovers(target: &Path) {
    for (_, path) in leftovers(target) {
        let _ = remove_tree(&path);
    }
}

/// Removes a folder tree that wsis wrote, its files in parallel: on a
/// large site the old output has as many files as the new one. A symbolic
/// link inside is removed, never followed; a folder that is not writable
/// is made so first (the tree is wsis's own). A tree holding a `.git` is
/// left whole: it is someone's repository.
fn remove_tree(dir: &Path) -> io::Result<()> {
    use rayon::prelude::*;
    if !fs::symlink_metadata(dir)?.is_dir() {
        return fs::remove_file(dir);
    }
    let mut files = Vec::new();
    let mut dirs = Vec::new();
    for entry in walkdir::WalkDir::new(dir).follow_links(false).follow_root_links(false) {
        let entry = entry.map_err(io::Error::other)?;
        if entry.file_name() == ".git" {
            return Err(io::Error::other(format!("{} holds a git repository", dir.display())));
        }
        if entry.file_type().is_dir() {
            dirs.push((entry.depth(), entry.into_path()));
        } else {
            files.push(entry.into_path());
        }
    }
    make_writable(&dirs);
    files.par_iter().try_for_each(fs::remove_file)?;
    // Deepest first, so each folder is empty when it is removed.
    dirs.sort_by_key(|d| std::cmp::Reverse(d.0));
    for same_depth in dirs.chunk_by(|a, b| a.0 == b.0) {
        same_depth.par_iter().try_for_each(|(_, d)| fs::remove_dir(d))?;
    }
    Ok(())
}

/// Lets the owner write into each folder of `dirs` that it cannot, so its
/// files can be removed.
fn make_writable(dirs: &[(usize, PathBuf)]) {
    #[cfg(unix)]
    for (_, dir) in dirs {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = fs::symlink_metadata(dir) {
            let mode = meta.permissions().mode();
            if mode & 0o300 != 0o300 {
                let _ = fs::set_permissions(dir, fs::Permissions::from_mode(mode | 0o700));
            }
        }
    }
    #[cfg(not(unix))]
    let _ = dirs;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> =
            fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        names
    }

    #[test]
    fn commit_replaces_and_marks_and_abandon_keeps() {
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
        assert_eq!(fs::read_to_string(target.join(target::MARK)).unwrap(), target::MARK_TEXT);
        assert_eq!(names(tmp.path()), [".output.cache", "output"], "only the output and its lock remain");
    }

    #[test]
    fn leftovers_of_an_interrupted_build_are_cleared() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("output");
        fs::create_dir_all(&target).unwrap();
        fs::create_dir_all(tmp.path().join(".output.old-12345/forums")).unwrap();
        fs::write(tmp.path().join(".output.old-12345/forums/index.html"), "x").unwrap();
        fs::create_dir_all(tmp.path().join(".output.building-777")).unwrap();
        fs::create_dir_all(tmp.path().join(".other")).unwrap();
        fs::create_dir_all(tmp.path().join(".output.oldest")).unwrap();
        let s = Staging::new(&target).unwrap();
        s.commit().unwrap();
        assert_eq!(names(tmp.path()), [".other", ".output.cache", ".output.oldest", "output"]);
    }

    #[test]
    fn an_output_moved_aside_by_a_stopped_swap_is_put_back() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("output");
        fs::create_dir_all(tmp.path().join(".output.old-12345")).unwrap();
        fs::write(tmp.path().join(".output.old-12345/index.html"), "old").unwrap();
        fs::create_dir_all(tmp.path().join(".output.building-12345")).unwrap();
        // The next build fails: the old output is back all the same.
        Staging::new(&target).unwrap().abandon();
        assert_eq!(fs::read_to_string(target.join("index.html")).unwrap(), "old");
        assert_eq!(names(tmp.path()), [".output.cache", "output"]);
    }

    #[test]
    fn a_link_inside_an_old_output_is_removed_not_followed() {
        let tmp = tempfile::tempdir().unwrap();
        let kept = tmp.path().join("kept");
        fs::create_dir_all(&kept).unwrap();
        fs::write(kept.join("precious.txt"), "mine").unwrap();
        let target = tmp.path().join("output");
        fs::create_dir_all(&target).unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(&kept, target.join("link")).unwrap();
        Staging::new(&target).unwrap().commit().unwrap();
        assert_eq!(fs::read_to_string(kept.join("precious.txt")).unwrap(), "mine");
        assert!(fs::symlink_metadata(target.join("link")).is_err());
    }

    #[test]
    fn a_folder_without_write_permission_in_the_old_output_is_removed() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("output");
        fs::create_dir_all(target.join("locked")).unwrap();
        fs::write(target.join("locked/page.html"), "old").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(target.join("locked"), fs::Permissions::from_mode(0o555)).unwrap();
            fs::set_permissions(&target, fs::Permissions::from_mode(0o555)).unwrap();
        }
        Staging::new(&target).unwrap().commit().unwrap();
        assert!(!target.join("locked").exists());
        assert_eq!(names(tmp.path()), [".output.cache", "output"]);
    }
}
