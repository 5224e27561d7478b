//! What `check` accepts, `build` builds, PDF briefs included: content at
//! each limit builds, and content past it is refused by both commands
//! with the same message at the file and line that crosses it.

mod common;

use common::*;
use std::fs;

const HEAD: &str = "---\ntitle: {title}\ndate: 2020-09-01\n---\n## Vision\n\nThe session discussed trust.\n\n";

fn session(title: &str, body: &str) -> String {
    format!("{}{body}\n", HEAD.replace("{title}", title))
}

#[test]
fn content_at_every_limit_checks_and_builds_with_its_pdf_brief() {
    let site = fixture_site();
    let hlt = site.path().join("content/forums/2020/hlt");
    let quotes = format!("{}Deep.", "> ".repeat(wsis::markdown::MAX_NESTING - 1));
    let lists: String =
        (0..wsis::markdown::MAX_NESTING / 2).map(|i| format!("{}- item {i}\n", "  ".repeat(i))).collect();
    let word = format!("A {} word.", "(".repeat(wsis::markdown::MAX_WORD));
    let link = format!("See [it](https://www.itu.int/{}).", "a".repeat(wsis::markdown::MAX_TARGET - 21));
    let title = format!("Long{}", " title".repeat((wsis::validate::fields::MAX_FIELD - 4) / 6));
    fs::write(hlt.join("quotes.md"), session("Quoted", &quotes)).unwrap();
    fs::write(hlt.join("lists.md"), session("Listed", &lists)).unwrap();
    fs::write(hlt.join("word.md"), session("Wordy", &word)).unwrap();
    fs::write(hlt.join("link.md"), session("Linked", &link)).unwrap();
    fs::write(hlt.join("title.md"), session(&title, "Body.")).unwrap();

    let check = wsis(site.path(), &["check"]);
    assert!(check.status.success(), "check refused content at the limits:\n{}", stderr(&check));
    let build = wsis(site.path(), &["build"]);
    assert!(build.status.success(), "build failed where check passed:\n{}", stderr(&build));
    let pdf = fs::read(site.path().join("output/forums/2020/brief.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF"), "the brief was typeset");
}

#[test]
fn check_refuses_what_build_refuses_with_the_same_messages() {
    for case in ["too-deep", "too-long", "too-large"] {
        let site = fixture_site();
        copy_dir(&fixture("mistakes").join(case).join("content"), &site.path().join("content"));
        let check = wsis(site.path(), &["check"]);
        let build = wsis(site.path(), &["build"]);
        assert_eq!(check.status.code(), Some(1), "{case}: check passed what build refuses");
        assert_eq!(build.status.code(), Some(1));
        assert_eq!(stderr(&check), stderr(&build), "{case}: check and build disagree");
        assert!(!site.path().join("output").exists());
    }
}

#[test]
fn a_forum_whose_sessions_add_up_past_a_brief_is_refused_at_the_session_that_crosses() {
    let site = fixture_site();
    let hlt = site.path().join("content/forums/2020/hlt");
    let items: String = (0..4500).map(|i| format!("- item {i}\n")).collect();
    for n in 1..=5 {
        fs::write(hlt.join(format!("big-{n}.md")), session(&format!("Big {n}"), &items)).unwrap();
    }
    let check = wsis(site.path(), &["check"]);
    let build = wsis(site.path(), &["build"]);
    assert_eq!(check.status.code(), Some(1), "{}", stderr(&check));
    assert_eq!(stderr(&check), stderr(&build));
    let err = stderr(&check);
    assert!(
        err.contains("content/forums/2020/hlt/big-5.md:5:1: error: with this body, the 2020 forum's brief holds"),
        "{err}"
    );
    assert_eq!(err.matches("brief holds").count(), 1, "{err}");
    // Without PDF briefs there is no brief to bound.
    let no_pdf = wsis(site.path(), &["check", "--no-pdf"]);
    assert!(no_pdf.status.success(), "{}", stderr(&no_pdf));
    // Four of them fit.
    fs::remove_file(hlt.join("big-5.md")).unwrap();
    let check = wsis(site.path(), &["check"]);
    assert!(check.status.success(), "{}", stderr(&check));
}
