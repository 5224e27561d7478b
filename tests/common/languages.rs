//! The six-language fixture (`tests/fixtures/languages`: English, French,
//! Spanish, Arabic, Chinese, Russian; some documents translated, some not)
//! and reading what it builds.

use super::*;
use std::collections::BTreeMap;

pub const LANGUAGES: [&str; 6] = ["en", "fr", "es", "ar", "zh", "ru"];

/// Where language `code`'s tree is in the output (English at the root).
pub fn prefix(code: &str) -> String {
    if code == "en" {
        String::new()
    } else {
        format!("{code}/")
    }
}

/// A copy of the six-language fixture's content in a folder of its own.
pub fn languages_site() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixture("languages").join("content"), &tmp.path().join("content"));
    tmp
}

/// The six-language fixture, built; its output by path.
pub fn build_languages_site() -> (tempfile::TempDir, BTreeMap<String, Vec<u8>>) {
    let tmp = languages_site();
    let out = wsis(tmp.path(), &["build", "--deny-warnings"]);
    assert!(out.status.success(), "the six-language fixture failed to build:\n{}", stderr(&out));
    let tree = read_tree(&tmp.path().join("output"));
    (tmp, tree)
}

/// Runs git with `args` in `dir` as an editor would, the commit dated
/// `date` (author and committer).
pub fn git_at(dir: &std::path::Path, args: &[&str], date: &str) {
    let out = std::process::Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=Editor", "-c", "user.email=editor@example.org"])
        .args(args)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}
