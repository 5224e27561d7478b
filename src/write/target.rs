//! Where a build may write: the output folder as the file system sees it
//! (`..` and symbolic links resolved), refused when replacing it would
//! lose a file that wsis did not make.
//!
//! wsis replaces its output folder whole, so it only ever replaces a
//! folder that it made itself (one holding the mark file [`MARK`]), an
//! empty one, or, with `--force`, any folder; and never one that is,
//! holds or lies inside the sources or a git repository.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

/// The file that marks a folder as a wsis output, written into every
/// output: a folder without it is not replaced unless the user says so.
pub const MARK: &str = ".wsis-output";

/// What the mark file says to whoever opens it.
pub const MARK_TEXT: &str = "This folder was written by wsis, which replaces it whole on every build.\n\
Without this file, wsis leaves the folder alone unless run with --force.\n";

/// The folders an output must keep clear of.
pub struct Sources<'a> {
    /// The site's root folder (the one holding `content/`).
    pub root: &'a Path,
    pub content: &'a Path,
    pub theme: Option<&'a Path>,
}

/// `path` as the file system sees it: absolute, its longest existing part
/// resolved through symbolic links, and `.` and `..` worked out in the
/// rest (which does not exist, so holds no link to follow).
pub fn resolve(path: &Path) -> io::Result<PathBuf> {
    let absolute = std::path::absolute(path)?;
    let mut existing = absolute.as_path();
    let mut rest: Vec<Component> = Vec::new();
    let mut real = loop {
        match existing.canonicalize() {
            Ok(real) => break real,
            Err(_) => {
                let (Some(parent), Some(last)) = (existing.parent(), existing.components().next_back()) else {
                    break existing.to_path_buf();
                };
                rest.push(last);
                existing = parent;
            }
        }
    };
    for part in rest.into_iter().rev() {
        match part {
            Component::ParentDir => {
                real.pop();
            }
            Component::CurDir => {}
            other => real.push(other),
        }
    }
    Ok(real)
}

/// The real output folder for `output`, or why it must not be replaced.
pub fn vet(output: &Path, sources: &Sources, force: bool) -> Result<PathBuf, String> {
    let shown = output.display();
    let real = resolve(output).map_err(|e| format!("cannot work out where the output folder `{shown}` is: {e}"))?;
    let named = if real == output { format!("`{shown}`") } else { format!("`{shown}` (that is {})", real.display()) };
    let choose = "choose another --output";
    let folders = [("site", Some(sources.root)), ("content", Some(sources.content)), ("theme", sources.theme)];
    for (what, dir) in folders {
        let Some(dir) = dir else { continue };
        let Ok(dir) = resolve(dir) else { continue };
        if dir == real {
            return Err(format!("the output folder {named} is the {what} folder itself; {choose}"));
        }
        if dir.starts_with(&real) {
            return Err(format!(
                "the output folder {named} holds the {what} folder {}, which a build would replace; {choose}",
                dir.display()
            ));
        }
        if what != "site" && real.starts_with(&dir) {
            return Err(format!("the output folder {named} lies inside the {what} folder {}; {choose}", dir.display()));
        }
    }
    if real.components().any(|c| c.as_os_str() == ".git") {
        return Err(format!("the output folder {named} lies inside a git repository's .git folder; {choose}"));
    }
    let meta = match fs::metadata(&real) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(real),
        Err(e) => return Err(format!("cannot read the output folder {named}: {e}")),
    };
    if !meta.is_dir() {
        return Err(format!("the output {named} is a file, not a folder: a build writes a folder of pages; {choose}"));
    }
    if fs::symlink_metadata(real.join(".git")).is_ok() {
        return Err(format!(
            "the output folder {named} holds a git repository (.git), which a build would delete; {choose}"
        ));
    }
    if is_mount_point(&real, &meta) {
        return Err(format!(
            "the output folder {named} is a mount point, which a build cannot replace whole; \
             give a folder inside it, such as --output {}",
            Path::new(output).join("site").display()
        ));
    }
    if force || real.join(MARK).is_file() {
        return Ok(real);
    }
    let empty =
        fs::read_dir(&real).map_err(|e| format!("cannot read the output folder {named}: {e}"))?.next().is_none();
    if empty {
        return Ok(real);
    }
    Err(format!(
        "the output folder {named} holds files that wsis did not write (it has no {MARK} file), \
         and a build replaces its output folder whole; {choose}, or add --force to replace \
         the folder and everything in it"
    ))
}

/// Whether `dir` is the root of a file system of its own: it cannot be
/// renamed, so the output cannot be swapped there.
fn is_mount_point(dir: &Path, meta: &fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match dir.parent() {
            None => true,
            Some(parent) => fs::metadata(parent).is_ok_and(|p| p.dev() != meta.dev()),
        }
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        dir.parent().is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(tmp: &Path) -> (PathBuf, PathBuf) {
        let root = tmp.join("site");
        fs::create_dir_all(root.join("content")).unwrap();
        (root.clone(), root.join("content"))
    }

    fn vet_in(root: &Path, content: &Path, output: &Path, force: bool) -> Result<PathBuf, String> {
        vet(output, &Sources { root, content, theme: None }, force)
    }

    #[test]
    fn dot_dot_is_resolved_before_comparing() {
        let tmp = tempfile::tempdir().unwrap();
        let (root, content) = site(tmp.path());
        let sneaky = root.join("content/../../site");
        let err = vet_in(&root, &content, &sneaky, true).unwrap_err();
        assert!(err.contains("is the site folder itself"), "{err}");
        let err = vet_in(&root, &content, &root.join("content/new/../sub"), true).unwrap_err();
        assert!(err.contains("lies inside the content folder"), "{err}");
        let err = vet_in(&root, &content, tmp.path(), true).unwrap_err();
        assert!(err.contains("holds the site folder"), "{err}");
    }

    #[test]
    fn a_symbolic_link_is_followed_to_its_target() {
        let tmp = tempfile::tempdir().unwrap();
        let (root, content) = site(tmp.path());
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&content, tmp.path().join("link")).unwrap();
            let err = vet_in(&root, &content, &tmp.path().join("link"), true).unwrap_err();
            assert!(err.contains("is the content folder itself"), "{err}");
        }
        let fresh = vet_in(&root, &content, &root.join("output/../public"), false).unwrap();
        assert_eq!(fresh, root.canonicalize().unwrap().join("public"));
    }

    #[test]
    fn only_empty_or_marked_folders_are_replaced_without_force() {
        let tmp = tempfile::tempdir().unwrap();
        let (root, content) = site(tmp.path());
        let docs = root.join("docs");
        fs::create_dir_all(&docs).unwrap();
        assert!(vet_in(&root, &content, &docs, false).is_ok(), "an empty folder is fine");
        fs::write(docs.join("index.md"), "hand-written").unwrap();
        let err = vet_in(&root, &content, &docs, false).unwrap_err();
        assert!(err.contains("did not write") && err.contains("--force"), "{err}");
        assert!(vet_in(&root, &content, &docs, true).is_ok());
        fs::write(docs.join(MARK), MARK_TEXT).unwrap();
        assert!(vet_in(&root, &content, &docs, false).is_ok());
        fs::create_dir(docs.join(".git")).unwrap();
        let err = vet_in(&root, &content, &docs, true).unwrap_err();
        assert!(err.contains("git repository"), "{err}");
    }

    #[test]
    fn a_file_is_never_an_output() {
        let tmp = tempfile::tempdir().unwrap();
        let (root, content) = site(tmp.path());
        fs::write(root.join("notes.txt"), "mine").unwrap();
        let err = vet_in(&root, &content, &root.join("notes.txt"), true).unwrap_err();
        assert!(err.contains("is a file, not a folder"), "{err}");
    }
}
