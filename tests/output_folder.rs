//! The output folder as a careless user gives it: a build never deletes
//! or replaces what wsis did not make, and an interrupted or refused
//! build leaves the previous output whole.

mod common;

use common::{fixture_site, read_tree, stderr, wsis};
use std::fs;
use std::path::Path;

fn build(dir: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["build", "--no-pdf"];
    args.extend_from_slice(extra);
    wsis(dir, &args)
}

/// The fixture site as a git repository would hold it.
fn site_with_git() -> tempfile::TempDir {
    let tmp = fixture_site();
    fs::create_dir_all(tmp.path().join(".git/refs")).unwrap();
    fs::write(tmp.path().join(".git/HEAD"), "ref: refs/heads/main\n").unwrap();
    tmp
}

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[test]
fn an_output_that_names_the_site_itself_through_dot_dot_is_refused() {
    let tmp = site_with_git();
    let before = read_tree(tmp.path());
    let name = tmp.path().file_name().unwrap().to_string_lossy().into_owned();
    for output in [format!("../{name}"), ".".to_string(), "..".to_string(), "content/../content".to_string()] {
        let out = build(tmp.path(), &["--output", &output, "--force"]);
        assert_eq!(out.status.code(), Some(1), "--output {output} must be refused");
        let err = stderr(&out);
        assert!(err.contains(&format!("`{output}`")) && err.contains("choose another --output"), "{err}");
        assert_eq!(read_tree(tmp.path()), before, "--output {output} changed the site");
    }
    let inside_git = build(tmp.path(), &["--output", ".git/site"]);
    assert_eq!(inside_git.status.code(), Some(1));
    assert!(stderr(&inside_git).contains("inside a git repository"), "{}", stderr(&inside_git));
    assert_eq!(read_tree(tmp.path()), before);
}

#[test]
fn a_folder_wsis_did_not_make_is_left_alone_unless_forced() {
    let tmp = fixture_site();
    let docs = tmp.path().join("docs");
    fs::create_dir_all(docs.join("guide")).unwrap();
    fs::write(docs.join("guide/index.md"), "Hand-written for GitHub Pages").unwrap();
    fs::write(docs.join("CNAME"), "wsis.example.org").unwrap();
    let before = read_tree(&docs);

    let out = build(tmp.path(), &["--output", "docs"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("`docs`") && err.contains("did not write") && err.contains("--force"), "{err}");
    assert_eq!(read_tree(&docs), before, "the hand-written folder lost a file");
    assert_eq!(entries(tmp.path()), ["content", "docs"], "nothing was left beside it");

    let forced = build(tmp.path(), &["--output", "docs", "--force"]);
    assert!(forced.status.success(), "{}", stderr(&forced));
    assert!(!docs.join("CNAME").exists());
    assert!(docs.join("index.html").is_file() && docs.join(".wsis-output").is_file());

    // Now marked as wsis's own: the next build replaces it without asking.
    let again = build(tmp.path(), &["--output", "docs"]);
    assert!(again.status.success(), "{}", stderr(&again));

    // An empty folder is taken as it is.
    fs::create_dir_all(tmp.path().join("public")).unwrap();
    assert!(build(tmp.path(), &["--output", "public"]).status.success());
}

#[test]
fn an_output_that_is_a_file_is_refused_and_kept() {
    let tmp = fixture_site();
    fs::write(tmp.path().join("output"), "my notes").unwrap();
    for extra in [&[][..], &["--force"][..]] {
        let out = build(tmp.path(), extra);
        assert_eq!(out.status.code(), Some(1));
        assert!(stderr(&out).contains("is a file, not a folder"), "{}", stderr(&out));
        assert_eq!(fs::read_to_string(tmp.path().join("output")).unwrap(), "my notes");
    }
    assert_eq!(entries(tmp.path()), ["content", "output"]);
}

#[cfg(unix)]
#[test]
fn an_output_that_is_a_link_is_built_in_its_target_and_stays_a_link() {
    let tmp = fixture_site();
    let target = tmp.path().join("published");
    fs::create_dir_all(&target).unwrap();
    std::os::unix::fs::symlink(&target, tmp.path().join("output")).unwrap();
    for _ in 0..3 {
        let out = build(tmp.path(), &[]);
        assert!(out.status.success(), "{}", stderr(&out));
        let said = String::from_utf8_lossy(&out.stdout);
        assert!(said.contains("(a link: written in ") && said.contains("published, the folder it names)"), "{said}");
        assert!(fs::symlink_metadata(tmp.path().join("output")).unwrap().file_type().is_symlink());
        assert!(target.join("index.html").is_file() && target.join(".wsis-output").is_file());
    }

    // A link to a folder of someone else's: refused, and not a file lost.
    let theirs = tmp.path().join("theirs");
    fs::create_dir_all(theirs.join("a")).unwrap();
    fs::write(theirs.join("a/keep.txt"), "keep").unwrap();
    std::os::unix::fs::symlink(&theirs, tmp.path().join("linked")).unwrap();
    let out = build(tmp.path(), &["--output", "linked"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("did not write"), "{}", stderr(&out));
    assert_eq!(fs::read_to_string(theirs.join("a/keep.txt")).unwrap(), "keep");
    assert!(fs::symlink_metadata(tmp.path().join("linked")).unwrap().file_type().is_symlink());
}

#[cfg(target_os = "linux")]
#[test]
fn a_mount_point_is_refused_with_what_to_give_instead() {
    let tmp = fixture_site();
    let out = build(tmp.path(), &["--output", "/proc", "--force"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("is a mount point") && err.contains("--output /proc/site"), "{err}");
}

#[test]
fn a_second_build_into_the_same_output_waits_its_turn() {
    let tmp = fixture_site();
    assert!(build(tmp.path(), &[]).status.success());
    let output = tmp.path().join("output");
    let before = read_tree(&output);
    // A build in progress: it holds the lock and has a staging folder.
    let real = output.canonicalize().unwrap();
    let held = wsis::write::lock::acquire(&real).unwrap();
    let staging = tmp.path().join(".output.building-999999");
    fs::create_dir_all(&staging).unwrap();
    fs::write(staging.join("index.html"), "being written").unwrap();

    let out = build(tmp.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("is writing the output folder"), "{}", stderr(&out));
    assert_eq!(fs::read_to_string(staging.join("index.html")).unwrap(), "being written");
    assert_eq!(read_tree(&output), before);

    // Once it is done (or has crashed: the system lets go of its lock),
    // the next build goes ahead and clears what it left.
    drop(held);
    let out = build(tmp.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!staging.exists());
}

#[test]
fn a_build_stopped_mid_swap_leaves_the_old_output_for_the_next_build_to_put_back() {
    let tmp = fixture_site();
    assert!(build(tmp.path(), &[]).status.success());
    let output = tmp.path().join("output");
    let before = read_tree(&output);
    // What a build killed between its two renames leaves: the old output
    // moved aside, the new one not yet in place.
    fs::rename(&output, tmp.path().join(".output.old-424242")).unwrap();
    fs::create_dir_all(tmp.path().join(".output.building-424242")).unwrap();

    // The next build fails on a content mistake, and the old output is back.
    let session = tmp.path().join("content/forums/2020/hlt/broken.md");
    fs::write(&session, "---\ntitle: Broken\ndate: 2020-13-45\n---\nBody.\n").unwrap();
    let out = build(tmp.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(read_tree(&output), before);
    assert_eq!(entries(tmp.path()), [".output.cache", "content", "output"]);
}

#[test]
fn a_failed_build_leaves_the_previous_output_byte_for_byte() {
    let tmp = fixture_site();
    assert!(build(tmp.path(), &[]).status.success());
    let before = read_tree(&tmp.path().join("output"));
    fs::write(tmp.path().join("content/forums/2020/hlt/broken.md"), "---\ntitle: [unclosed\n---\n").unwrap();
    let out = build(tmp.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(read_tree(&tmp.path().join("output")), before);
    assert_eq!(entries(tmp.path()), [".output.cache", "content", "output"]);
}
