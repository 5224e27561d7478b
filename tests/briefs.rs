//! Outcome briefs: every forum gets an HTML brief laid out for A4 and a PDF
//! written by `wsis` itself; the PDF holds the forum's title, key figures
//! and sessions, has an outline, and is the same bytes on every build.

mod common;

use common::*;
use std::fs;

fn pdf_text(doc: &lopdf::Document) -> String {
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages).unwrap_or_default().split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_forum_gets_a_pdf_and_an_html_brief_holding_its_outcomes() {
    let (site, _) = build_real_site();
    let output = site.path().join("output");
    let linked = wsis::check(&site.path().join("content"), false).expect("real content is valid").linked;
    let m = &linked.model;
    for f in &m.forums {
        let pdf_path = output.join(wsis::urls::brief_pdf(f.year));
        let html_path = output.join(wsis::urls::brief(f.year));
        assert!(html_path.exists(), "{} has no HTML brief", f.title);
        let doc =
            lopdf::Document::load(&pdf_path).unwrap_or_else(|e| panic!("{}: the PDF does not parse: {e}", f.title));
        assert!(doc.get_pages().len() >= 2, "{}: a brief has a cover and content", f.title);
        let text = pdf_text(&doc);
        assert!(text.contains(&f.title), "{}: title not in the PDF text", f.title);
        for k in &f.key_figures {
            let figure = wsis::plan::figure_text(k);
            assert!(text.contains(&figure), "{}: key figure {figure:?} not in the PDF", f.title);
        }
        for s in m.sessions.iter().filter(|s| s.year == f.year) {
            assert!(text.contains(&s.title), "{}: session {:?} not in the PDF", f.title, s.title);
        }
        let toc = doc.get_toc().unwrap_or_else(|e| panic!("{}: no outline: {e:?}", f.title));
        let titles: Vec<&str> = toc.toc.iter().map(|t| t.title.as_str()).collect();
        assert!(titles.contains(&"Executive summary"), "{}: outline {titles:?}", f.title);
        let html = fs::read_to_string(&html_path).unwrap();
        let pdf_link = format!("href=\"../../../forums/{}/brief.pdf\"", f.year);
        assert!(html.contains(&pdf_link), "the HTML brief links to its PDF");
        assert!(!html.contains("aria-label=\"Site\""), "no site navigation in the brief");
    }
    let forum = fs::read_to_string(output.join("forums/2020/index.html")).unwrap();
    assert!(
        forum.contains(r#"href="../../forums/2020/brief/index.html""#)
            && forum.contains(r#"href="../../forums/2020/brief.pdf""#)
    );
    let home = fs::read_to_string(output.join("index.html")).unwrap();
    assert!(home.contains("brief.pdf"), "the home page links to the latest brief");
}

#[test]
fn pdf_briefs_are_the_same_bytes_on_every_build() {
    let site = fixture_site();
    assert!(wsis(site.path(), &["build", "--output", "a"]).status.success());
    assert!(wsis(site.path(), &["build", "--output", "b"]).status.success());
    let a = fs::read(site.path().join("a/forums/2020/brief.pdf")).unwrap();
    let b = fs::read(site.path().join("b/forums/2020/brief.pdf")).unwrap();
    assert!(a == b, "two builds gave different PDF bytes");
    let doc = lopdf::Document::load_mem(&a).unwrap();
    let info = doc.trailer.get(b"Info").and_then(|i| i.as_reference()).and_then(|r| doc.get_dictionary(r)).unwrap();
    let title = info.get(b"Title").unwrap();
    assert!(format!("{title:?}").contains("Fixture Forum 2020"), "{title:?}");
}

#[test]
fn pdf_briefs_declare_the_archive_and_accessibility_standards() {
    let site = fixture_site();
    assert!(wsis(site.path(), &["build"]).status.success());
    let pdf = fs::read(site.path().join("output/forums/2020/brief.pdf")).unwrap();
    let has = |needle: &str| pdf.windows(needle.len()).any(|w| w == needle.as_bytes());
    // PDF/A-2a (archival, tagged) and PDF/UA-1, which typst validated as it wrote.
    assert!(has("<pdfaid:part>2</pdfaid:part><pdfaid:conformance>A</pdfaid:conformance>"), "not PDF/A-2a");
    assert!(has("<pdfuaid:part>1</pdfuaid:part>"), "not PDF/UA-1");
    assert!(has("/Lang(en)") && has("/Marked true"), "language and tags");
    // The document date is the forum's last day, not the day of the build.
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let info = doc.trailer.get(b"Info").and_then(|i| i.as_reference()).and_then(|r| doc.get_dictionary(r)).unwrap();
    let date = info.get(b"CreationDate").and_then(|d| d.as_str()).unwrap();
    let fixture_forum = fs::read_to_string(site.path().join("content/forums/2020/forum.md")).unwrap();
    let end = fixture_forum.lines().find_map(|l| l.strip_prefix("end: ")).unwrap().replace('-', "");
    assert!(String::from_utf8_lossy(date).starts_with(&format!("D:{end}")), "{date:?} vs end {end}");
}

#[test]
fn links_inside_the_html_brief_stay_inside_it() {
    let site = fixture_site();
    assert!(wsis(site.path(), &["build"]).status.success());
    let html = fs::read_to_string(site.path().join("output/forums/2020/brief/index.html")).unwrap();
    // The forum links to its e-health session: in the brief that is an anchor.
    assert!(html.contains(r##"href="#session-e-health-session""##), "{html}");
    assert!(html.contains(r#"id="session-e-health-session""#));
    assert!(html.contains("15,000") && html.contains("E-health and SDG 3"));
    let css = fs::read_to_string(site.path().join("output/assets/brief.css")).unwrap();
    assert!(css.contains("@page { size: A4"), "the brief's stylesheet lays it out for A4");
    assert!(css.contains("break-before: page") && css.contains("counter(page)"));
}

#[test]
fn no_pdf_skips_the_pdfs_and_their_links() {
    let site = fixture_site();
    assert!(wsis(site.path(), &["build", "--no-pdf"]).status.success());
    let out = site.path().join("output");
    assert!(!out.join("forums/2020/brief.pdf").exists());
    assert!(out.join("forums/2020/brief/index.html").exists(), "the HTML brief stays");
    let forum = fs::read_to_string(out.join("forums/2020/index.html")).unwrap();
    assert!(!forum.contains("brief.pdf"), "no link to a PDF that was not written");
    assert!(broken_references(&out).is_empty());
}

#[test]
fn arabic_text_in_a_brief_is_set_in_an_embedded_arabic_font() {
    let site = fixture_site();
    assert!(wsis(site.path(), &["build"]).status.success());
    let pdf = fs::read(site.path().join("output/forums/2020/brief.pdf")).unwrap();
    let has = |needle: &[u8]| pdf.windows(needle.len()).any(|w| w == needle);
    assert!(has(b"NotoNaskhArabic"), "the Arabic session title needs the theme's Arabic font in the PDF");
    assert!(has(b"/Lang(ar)"), "the Arabic title and text are tagged as Arabic for screen readers");
    let html = fs::read_to_string(site.path().join("output/forums/2020/brief/index.html")).unwrap();
    assert!(html.contains(r#"dir="auto" lang="ar">التحول الرقمي للجميع</h3>"#));
}

#[test]
fn heading_ids_stay_unique_when_bodies_share_the_brief() {
    let site = fixture_site();
    assert!(wsis(site.path(), &["build"]).status.success());
    let problems = duplicate_ids(&site.path().join("output"));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let html = fs::read_to_string(site.path().join("output/forums/2020/brief/index.html")).unwrap();
    assert!(
        html.contains(r#"id="session-e-health-session-vision""#)
            && html.contains(r#"id="session-arabic-session-vision""#)
    );
}

#[test]
fn characters_no_font_can_print_are_warned_with_file_and_line() {
    let site = fixture_site();
    let session = site.path().join("content/forums/2020/hlt/chinese-session.md");
    // A source note in a front-matter comment never reaches paper.
    fs::write(
        &session,
        "---\n# 来源: seed\ntitle: Digital inclusion 数字包容\ndate: 2020-07-21\n---\n## Vision\n\n人人享有 — Café.\n",
    )
    .unwrap();
    let site_yaml = site.path().join("content/site.yaml");
    let config = fs::read_to_string(&site_yaml).unwrap().replace("title: Fixture Forum Site", "title: Fixture 网站");
    fs::write(&site_yaml, config).unwrap();
    let out = wsis(site.path(), &["check"]);
    let err = stderr(&out);
    assert!(out.status.success(), "a missing font is a warning, not an error:\n{err}");
    assert!(err.contains("content/site.yaml:1:16: warning: the PDF brief has no font for `网`"), "{err}");
    assert!(
        err.contains(
            "content/forums/2020/hlt/chinese-session.md:3:26: warning: the PDF brief has no font for `数` (U+6570) and 6 other characters"
        ),
        "{err}"
    );
    assert!(err.contains("themes/default/fonts`"), "the help names the theme's fonts folder:\n{err}");
    assert!(!err.contains("arabic-session.md:2"), "Arabic has its font in the theme:\n{err}");
    let denied = wsis(site.path(), &["build", "--deny-warnings"]);
    assert_eq!(denied.status.code(), Some(1));
    // Without PDFs there is nothing to warn about.
    let no_pdf = wsis(site.path(), &["check", "--no-pdf"]);
    assert!(!stderr(&no_pdf).contains("no-font"), "{}", stderr(&no_pdf));
    assert!(!stderr(&no_pdf).contains("no font"), "{}", stderr(&no_pdf));
}

/// Builds the fixture site with a copy of the default theme whose
/// `brief/brief.typ` went through `edit`; returns the exit code and stderr.
fn build_with_brief_template(edit: impl Fn(&str) -> String) -> (Option<i32>, String, tempfile::TempDir) {
    let site = fixture_site();
    let theme = site.path().join("theme");
    copy_dir(&repo().join("themes/default"), &theme);
    let typ = theme.join("brief/brief.typ");
    fs::write(&typ, edit(&fs::read_to_string(&typ).unwrap())).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_wsis"))
        .current_dir(site.path())
        .args(["build", "--theme", "theme"])
        .output()
        .unwrap();
    (out.status.code(), stderr(&out), site)
}

#[test]
fn a_mistake_in_the_brief_template_names_its_line_and_column() {
    let (code, err, site) = build_with_brief_template(|t| t.replacen("[#f.title]", "[#f.titel]", 1));
    let typ = fs::read_to_string(site.path().join("theme/brief/brief.typ")).unwrap();
    let line = typ.lines().position(|l| l.contains("#f.titel]")).unwrap() + 1;
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains(&format!("brief/brief.typ:{line}:")), "the line of the mistake:\n{err}");
    assert!(err.contains(r#"dictionary does not contain key "titel""#), "{err}");
    assert!(!site.path().join("output").exists(), "nothing half-written");
}

#[test]
fn a_brief_template_that_breaks_pdf_ua_fails_with_typst_hint() {
    // An image without alternative text: screen readers would find nothing.
    let image = r#"#image(bytes("<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'/>"))"#;
    let (code, err, _site) = build_with_brief_template(|t| format!("{t}\n{image}\n"));
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("PDF/UA-1 error: missing alt text"), "{err}");
    assert!(err.contains("hint: "), "typst's hint is passed on:\n{err}");
}
