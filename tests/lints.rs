//! Lint levels: a document excuses a warning for itself with a reason,
//! once, next to what it excuses; an allowance that excuses nothing is a
//! warning; `site.yaml`'s `lints` allows a code site-wide or makes it an
//! error. The real record passes `check --deny-warnings` this way.

mod common;

use common::*;
use std::fs;

/// The fixture site with `lines` added at the end of its 2020 forum's
/// front matter.
fn site_with_forum_lines(lines: &str) -> tempfile::TempDir {
    let site = fixture_site();
    let forum = site.path().join("content/forums/2020/forum.md");
    let text = fs::read_to_string(&forum).unwrap();
    let end = text[4..].find("\n---\n").unwrap() + 5;
    fs::write(&forum, format!("{}{lines}{}", &text[..end], &text[end..])).unwrap();
    site
}

#[test]
fn a_document_excuses_a_warning_with_its_reason_and_deny_warnings_passes() {
    let before = wsis(fixture_site().path(), &["check", "--deny-warnings"]);
    assert!(stderr(&before).contains("warning: publication `Fixture Stocktaking Report` has no address"));
    let site = site_with_forum_lines("allow:\n  publication-without-url: \"the sources give no address\"\n");
    let out = wsis(site.path(), &["check", "--deny-warnings"]);
    let err = stderr(&out);
    assert!(!err.contains("Fixture Stocktaking Report` has no address"), "{err}");
    // The fixture's other warnings (a session without outcome sections)
    // are not this document's: they stay.
    assert!(err.contains("no-outcome-sections"), "{err}");
}

#[test]
fn an_allowance_that_excuses_nothing_is_a_warning_at_its_line() {
    let site = site_with_forum_lines("allow:\n  mixed-script: \"a name written in two alphabets\"\n");
    let out = wsis(site.path(), &["check"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    let line = fs::read_to_string(site.path().join("content/forums/2020/forum.md"))
        .unwrap()
        .lines()
        .position(|l| l.trim_start().starts_with("mixed-script:"))
        .unwrap()
        + 1;
    assert!(
        err.contains(&format!(
            "content/forums/2020/forum.md:{line}:3: warning: `mixed-script` is allowed here, but this document has no such warning"
        )),
        "{err}"
    );
    assert!(err.contains("code: unused-allowance"), "{err}");
}

#[test]
fn the_site_sets_a_level_per_code() {
    // `deny`: the warning is an error, and the build writes nothing.
    let site = fixture_site();
    let yaml = site.path().join("content/site.yaml");
    let text = fs::read_to_string(&yaml).unwrap();
    fs::write(&yaml, format!("{text}lints:\n  publication-without-url: deny\n")).unwrap();
    let out = wsis(site.path(), &["build", "--no-pdf"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("error: publication `Fixture Stocktaking Report` has no address"),
        "{}",
        stderr(&out)
    );
    // Why a warning's text is an error, said where it shows.
    assert!(stderr(&out).contains("(an error: `lints:` in site.yaml denies it)"), "{}", stderr(&out));
    assert!(!site.path().join("output").exists());
    // `allow`: gone everywhere.
    fs::write(&yaml, format!("{text}lints:\n  publication-without-url: allow\n  no-outcome-sections: allow\n"))
        .unwrap();
    let out = wsis(site.path(), &["check", "--deny-warnings"]);
    assert!(!stderr(&out).contains("has no address"), "{}", stderr(&out));
    // A level that is none.
    fs::write(&yaml, format!("{text}lints:\n  publication-without-url: never\n")).unwrap();
    let out = wsis(site.path(), &["check"]);
    assert!(stderr(&out).contains("`publication-without-url: never` is not a level"), "{}", stderr(&out));
}

#[test]
fn the_real_record_passes_check_with_deny_warnings() {
    let (site, _) = build_real_site();
    let out = wsis(site.path(), &["check", "--deny-warnings"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));
}

/// The report for people shows each kind of warning a few times, then
/// counts the rest by code, naming the command that lists every one.
#[test]
fn many_warnings_of_one_kind_are_shown_a_few_times_then_counted() {
    let site = fixture_site();
    let forum = site.path().join("content/forums/2020/forum.md");
    let text = fs::read_to_string(&forum).unwrap();
    let more: String = (1..=5).map(|n| format!("  - {{ title: Report without address {n}, kind: other }}\n")).collect();
    fs::write(&forum, text.replacen("publications:\n", &format!("publications:\n{more}"), 1)).unwrap();
    let out = wsis(site.path(), &["check"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    let in_full = err.matches("warning: publication `").count();
    assert_eq!(in_full, 3, "{err}");
    assert!(err.contains("warning: 3 more like those above, not shown in full:"), "{err}");
    assert!(
        err.lines().any(|l| l.trim_start().starts_with("publication-without-url") && l.ends_with("3 in 1 file")),
        "{err}"
    );
    assert!(err.contains("`wsis check --format full` lists every one"), "{err}");
    // The closing count is of every warning.
    assert!(err.contains("warning: 8 warnings in 2 files"), "{err}");
    let full = stderr(&wsis(site.path(), &["check", "--format", "full"]));
    assert_eq!(full.matches("warning: publication `").count(), 6, "{full}");
    assert!(!full.contains("not shown in full"), "{full}");
}

/// The lint levels hold for what `check --translations` reports too: a
/// site that allows missing translations (it publishes while it
/// translates) does not see them as warnings; one that denies them fails.
#[test]
fn the_translation_report_follows_the_site_s_lint_levels() {
    let site = tempfile::tempdir().unwrap();
    copy_dir(&fixture("languages").join("content"), &site.path().join("content"));
    let yaml = site.path().join("content/site.yaml");
    let text = fs::read_to_string(&yaml).unwrap();
    let codes = |out: &std::process::Output| {
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        stdout
            .lines()
            .filter(|l| l.starts_with('{'))
            .map(|l| l.split("\"code\":\"").nth(1).unwrap_or("").split('"').next().unwrap_or("").to_string())
            .collect::<Vec<_>>()
    };
    let before = wsis(site.path(), &["check", "--translations", "--format", "json"]);
    assert!(codes(&before).iter().any(|c| c == "translation-missing"), "{:?}", codes(&before));
    fs::write(&yaml, format!("{text}lints:\n  translation-missing: allow\n")).unwrap();
    let allowed = wsis(site.path(), &["check", "--translations", "--format", "json"]);
    assert!(!codes(&allowed).iter().any(|c| c == "translation-missing"), "{:?}", codes(&allowed));
    assert!(codes(&allowed).iter().any(|c| c == "translation-incomplete"), "only the code allowed goes");
    fs::write(&yaml, format!("{text}lints:\n  translation-missing: deny\n")).unwrap();
    let denied = wsis(site.path(), &["check", "--translations", "--format", "json"]);
    assert_eq!(denied.status.code(), Some(1));
}
