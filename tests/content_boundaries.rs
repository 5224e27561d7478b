//! Content that crosses into another language of the web (CSS, a script
//! in a static file) or that a build cannot read: named by `check`, kept
//! out of where it would act, and reported in every output format.

mod common;

use common::*;
use std::fs;

#[test]
fn a_forum_title_never_reaches_the_brief_s_style_as_css() {
    let site = fixture_site();
    let style_of = |site: &std::path::Path| {
        let brief = fs::read_to_string(site.join("output/forums/2020/brief/index.html")).unwrap();
        brief.split("<style>").nth(1).and_then(|s| s.split("</style>").next()).unwrap().to_string()
    };
    assert!(wsis(site.path(), &["build", "--no-pdf"]).status.success());
    let plain = style_of(site.path());
    let forum = site.path().join("content/forums/2020/forum.md");
    let text = fs::read_to_string(&forum).unwrap();
    let evil = r#"title: "Fixture \"\n} body { display: none } </style><script>x()</script>""#;
    fs::write(&forum, text.replacen("title: Fixture Forum 2020", evil, 1)).unwrap();
    let out = wsis(site.path(), &["build", "--no-pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let brief = fs::read_to_string(site.path().join("output/forums/2020/brief/index.html")).unwrap();
    let style = brief.split("<style>").nth(1).and_then(|s| s.split("</style>").next()).unwrap();
    assert!(!style.contains('\n') && !style.contains('<'), "{style}");
    assert_eq!(style.matches('{').count(), plain.matches('{').count(), "the title opened a rule: {style}");
    assert_eq!(style.matches('}').count(), plain.matches('}').count(), "the title closed a rule: {style}");
    assert!(style.contains(r"\a \7d  body \7b  display: none \7d  \3c /style\3e \3c script\3e x()"), "{style}");
    // The only script element is the page's JSON-LD (data, never run),
    // and the title inside it cannot close it.
    assert_eq!(brief.matches("<script").count(), 1, "{brief}");
    assert_eq!(brief.matches(r#"<script type="application/ld+json">"#).count(), 1, "{brief}");
    assert_eq!(brief.matches("</script>").count(), 1, "the title closed the JSON-LD: {brief}");
}

#[test]
fn a_script_in_a_static_svg_or_html_file_is_named_unless_the_site_allows_it() {
    let site = fixture_site();
    let img = site.path().join("content/static/img");
    fs::write(img.join("badge.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\">\n  <rect onload=\"x()\"/>\n</svg>\n")
        .unwrap();
    fs::write(site.path().join("content/static/annex.html"), "<p>Annex</p>\n<SCRIPT src=\"a.js\"></SCRIPT>\n").unwrap();
    fs::write(img.join("plain.svg"), "<svg><text>Only online content</text></svg>\n").unwrap();
    let out = wsis(site.path(), &["check"]);
    assert!(out.status.success(), "a warning, not an error: {}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("content/static/img/badge.svg:2:9: warning: `onload` here runs in the browser"), "{err}");
    assert!(err.contains("content/static/annex.html:2:1: warning: `<SCRIPT` here runs in the browser"), "{err}");
    assert!(!err.contains("plain.svg"), "{err}");

    let yaml = site.path().join("content/site.yaml");
    let allowed = fs::read_to_string(&yaml).unwrap().replace("unsafe_html: false", "unsafe_html: true");
    fs::write(&yaml, allowed).unwrap();
    let out = wsis(site.path(), &["check"]);
    assert!(!stderr(&out).contains("static-script") && !stderr(&out).contains("runs in the browser"));
}

#[cfg(unix)]
#[test]
fn a_static_file_that_cannot_be_read_fails_check_and_build_alike_naming_it() {
    let site = fixture_site();
    let pipe = site.path().join("content/static/feed");
    let made = std::process::Command::new("mkfifo").arg(&pipe).status();
    if !made.is_ok_and(|s| s.success()) {
        panic!("mkfifo is needed for this test");
    }
    let check = wsis(site.path(), &["check"]);
    let build = wsis(site.path(), &["build", "--no-pdf"]);
    for out in [&check, &build] {
        assert_eq!(out.status.code(), Some(1));
        assert!(
            stderr(out).contains("content/static/feed:1:1: error: this is not a file but a pipe"),
            "{}",
            stderr(out)
        );
    }
    assert!(!site.path().join("output").exists());
}

#[test]
fn a_failure_that_is_no_content_mistake_keeps_the_format_asked_for() {
    let site = fixture_site();
    fs::write(site.path().join("output"), "notes").unwrap();
    let out = wsis(site.path(), &["build", "--no-pdf", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let line = String::from_utf8_lossy(&out.stdout);
    let json: serde_json::Value = serde_json::from_str(line.trim()).expect("one JSON object");
    assert_eq!(json["severity"], "error");
    assert!(json["message"].as_str().unwrap().contains("is a file, not a folder"), "{json}");
    let sarif = wsis(site.path(), &["build", "--no-pdf", "--format", "sarif"]);
    let log: serde_json::Value = serde_json::from_slice(&sarif.stdout).expect("a SARIF log");
    assert_eq!(log["runs"][0]["results"][0]["level"], "error", "{log}");
}
