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
    let en = wsis::locale::Locale::new("en").expect("CLDR has English");
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
            let figure = wsis::format::figure_text(k, &en, "about {n}");
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
    // The contents list the summary's own sections, as the PDF's do.
    assert!(html.contains(r##"<a href="#summary_outcomes">Outcomes</a>"##), "{html}");
    let css = fs::read_to_string(site.path().join("output/assets/brief.css")).unwrap();
    assert!(css.contains("@page { size: A4"), "the brief's stylesheet lays it out for A4");
    // The contents follow the cover on its page, whole, when they fit.
    assert!(css.contains(".contents { break-inside: avoid; }") && css.contains("counter(page)"));
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
        html.contains(r#"id="session-e-health-session_vision""#)
            && html.contains(r#"id="session-arabic-session_vision""#)
    );
}

/// Whether the PDF claims PDF/A-2a and PDF/UA-1.
fn claims_archival_standards(pdf: &[u8]) -> bool {
    let has = |needle: &str| pdf.windows(needle.len()).any(|w| w == needle.as_bytes());
    has("<pdfaid:part>2</pdfaid:part><pdfaid:conformance>A</pdfaid:conformance>")
        && has("<pdfuaid:part>1</pdfuaid:part>")
}

#[test]
fn text_in_the_six_un_languages_is_typeset_in_embedded_fonts_and_stays_archival() {
    let site = fixture_site();
    copy_dir(&fixture("six-scripts").join("content"), &site.path().join("content"));
    let out = wsis(site.path(), &["build"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(!err.contains("no font"), "every UN script has a font:\n{err}");
    let pdf = fs::read(site.path().join("output/forums/2021/brief.pdf")).unwrap();
    assert!(claims_archival_standards(&pdf), "still PDF/A-2a and PDF/UA-1");
    let has = |needle: &[u8]| pdf.windows(needle.len()).any(|w| w == needle);
    assert!(has(b"DroidSansFallback"), "a Chinese font is embedded");
    assert!(has(b"NotoNaskhArabic"), "an Arabic font is embedded");
    for lang in ["zh", "ar", "ru"] {
        assert!(has(format!("/Lang({lang})").as_bytes()), "text tagged as {lang}");
    }
    let text = pdf_text(&lopdf::Document::load_mem(&pdf).unwrap());
    for words in ["弥合数字鸿沟", "Преодоление цифрового разрыва", "développement durable", "brecha digital"]
    {
        assert!(text.contains(words), "{words:?} is not in the PDF's text:\n{text}");
    }
}

#[test]
fn a_character_no_font_has_is_a_warning_and_its_brief_is_written_without_the_claim() {
    let site = fixture_site();
    let session = site.path().join("content/forums/2020/hlt/tibetan-session.md");
    // A source note in a front-matter comment never reaches paper.
    fs::write(
        &session,
        "---\n# source: བོད\ntitle: Digital inclusion བོད་ཡིག\ndate: 2020-07-21\n---\n## Vision\n\nབོད — Café.\n",
    )
    .unwrap();
    let expected =
        "content/forums/2020/hlt/tibetan-session.md:3:26: warning: the PDF brief has no font for `བ` (U+0F56) and";
    let check = wsis(site.path(), &["check"]);
    let err = stderr(&check);
    assert!(check.status.success(), "a missing font is a warning, not an error:\n{err}");
    assert!(err.contains(expected), "{err}");
    assert!(err.contains("the 2020 PDF brief is written without its PDF/A-2a and PDF/UA-1 claims"), "{err}");
    assert!(err.contains("themes/default/fonts`"), "the help names the theme's fonts folder:\n{err}");
    assert!(!err.contains("arabic-session.md:2"), "Arabic has its font in the theme:\n{err}");

    // What check calls a warning, build calls a warning too, and builds.
    let build = wsis(site.path(), &["build"]);
    let build_err = stderr(&build);
    assert!(build.status.success(), "{build_err}");
    assert!(build_err.contains(expected), "{build_err}");
    assert!(!build_err.contains("error"), "a content problem is not a theme error:\n{build_err}");
    let plain = fs::read(site.path().join("output/forums/2020/brief.pdf")).unwrap();
    assert!(!claims_archival_standards(&plain), "the brief with an empty box claims no standard");
    let other = fs::read(site.path().join("output/forums/2021/brief.pdf")).unwrap();
    assert!(claims_archival_standards(&other), "the other forum's brief keeps its claim");

    let denied = wsis(site.path(), &["build", "--deny-warnings", "--output", "denied"]);
    assert_eq!(denied.status.code(), Some(1));
    // Without PDFs there is nothing to warn about.
    let no_pdf = wsis(site.path(), &["check", "--no-pdf"]);
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

/// The structure element types of a tagged PDF (`H3`, `TH`, `BlockQuote`...),
/// each with the type of its parent element.
fn struct_elements(doc: &lopdf::Document) -> Vec<(String, String)> {
    let kind = |d: &lopdf::Dictionary| {
        d.get(b"S").ok().and_then(|s| s.as_name().ok()).map(|n| String::from_utf8_lossy(n).into_owned())
    };
    let mut out = Vec::new();
    for object in doc.objects.values() {
        let Ok(dict) = object.as_dict() else { continue };
        if dict.get(b"Type").ok().and_then(|t| t.as_name().ok()) != Some(b"StructElem".as_slice()) {
            continue;
        }
        let Some(own) = kind(dict) else { continue };
        let parent = dict
            .get(b"P")
            .ok()
            .and_then(|p| p.as_reference().ok())
            .and_then(|r| doc.get_dictionary(r).ok())
            .and_then(kind)
            .unwrap_or_default();
        out.push((own, parent));
    }
    out
}

#[test]
fn the_pdf_brief_keeps_the_structure_of_the_bodies() {
    let site = fixture_site();
    let body = "## Vision\n\n> Quoted words of the session.\n\n| Region | Projects |\n|---|---|\n| Africa | 12 |\n\n\
                1. First point\n   - inner detail\n2. Second point\n\n### Detail heading\n\nClosing text.\n";
    fs::write(
        site.path().join("content/forums/2020/hlt/structure.md"),
        format!("---\ntitle: Structured session\ndate: 2020-07-21\n---\n{body}"),
    )
    .unwrap();
    let out = wsis(site.path(), &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc = lopdf::Document::load(site.path().join("output/forums/2020/brief.pdf")).unwrap();

    // Body headings are headings: in the outline, under their session.
    let toc = doc.get_toc().unwrap().toc;
    let at = |title: &str| {
        toc.iter().position(|t| t.title.trim() == title).unwrap_or_else(|| panic!("{title} not in the outline"))
    };
    let (session, detail) = (at("Structured session"), at("Detail heading"));
    assert!(detail > session && toc[detail].level > toc[session].level, "nested under the session: {:?}", toc);
    assert!(toc[session + 1].title.trim() == "Vision" && toc[session + 1].level == toc[session].level + 1);

    let elements = struct_elements(&doc);
    let has = |kind: &str| elements.iter().any(|(k, _)| k == kind);
    assert!(has("H3") && has("H4"), "body headings are tagged as headings: {elements:?}");
    let headers = elements.iter().filter(|(k, _)| k == "TH").count();
    assert!(headers >= 2 + 4, "the body table and both coverage tables have header cells: {headers}");
    assert!(has("BlockQuote"), "the quote is tagged as one");
    assert!(
        elements.iter().any(|(k, parent)| k == "L" && matches!(parent.as_str(), "LBody" | "LI" | "L")),
        "the inner list is nested in an item: {elements:?}"
    );
    let text = pdf_text(&doc);
    assert_eq!(text.matches("Quoted words of the session.").count(), 1, "{text}");
    let first = text.find("First point").unwrap();
    assert!(text[first..].find("inner detail") < text[first..].find("Second point"), "{text}");
}

#[test]
fn each_brief_carries_the_whole_forum_in_both_forms() {
    let (site, _) = build_real_site();
    let output = site.path().join("output");
    let linked = wsis::check(&site.path().join("content"), false).unwrap().linked;
    let forum = |year: u32| linked.model.forums.iter().find(|f| f.year == year).unwrap();
    let both = |year: u32| {
        let pdf = lopdf::Document::load(output.join(wsis::urls::brief_pdf(year))).unwrap();
        let html = fs::read_to_string(output.join(wsis::urls::brief(year))).unwrap();
        (plain(&pdf_text(&pdf)), html_text(&html))
    };
    let holds = |year: u32, what: &str, phrases: Vec<String>| {
        let (pdf, html) = both(year);
        for phrase in &phrases {
            assert!(pdf.contains(phrase.as_str()), "the {year} PDF brief lacks {what}: {phrase:?}");
            assert!(html.contains(phrase.as_str()), "the {year} HTML brief lacks {what}: {phrase:?}");
        }
    };

    let f2020 = forum(2020);
    let gender = &f2020.distributions[0];
    let mut split = vec![gender.title.clone()];
    split.extend(gender.parts.iter().map(|p| p.label.clone()));
    split.extend(["55%".to_string(), "45%".to_string()]);
    holds(2020, "the gender split", split);
    assert_eq!(f2020.special_tracks.len(), 5);
    holds(2020, "the special tracks", f2020.special_tracks.iter().map(|t| t.title.clone()).collect());
    holds(2020, "the WSIS+15 name", vec!["WSIS+15 Forum 2020".into()]);

    let f2021 = forum(2021);
    assert_eq!(f2021.hlt_facilitators.len(), 11);
    holds(2021, "the facilitators", f2021.hlt_facilitators.iter().map(|p| p.name.clone()).collect());
    holds(2021, "the consultation phases", f2021.consultation.iter().map(|c| c.title.clone()).collect());
    holds(2021, "the prize phases", vec!["Selection of winning projects by the ITU Expert Group".into()]);

    let f2018 = forum(2018);
    assert_eq!(f2018.quotes.len(), 3);
    holds(2018, "the quotes", f2018.quotes.iter().map(|q| plain(&q.text)).collect());
    holds(2018, "who said them", f2018.quotes.iter().map(|q| q.by.clone()).collect());
    holds(2018, "the theme on the cover", vec![f2018.theme.clone().unwrap()]);
    for f in &linked.model.forums {
        holds(f.year, "its sources", f.sources.iter().map(|s| plain(s)).collect());
    }
}

/// The web address of each link annotation of `doc`.
fn link_targets(doc: &lopdf::Document) -> Vec<String> {
    let mut out = Vec::new();
    for object in doc.objects.values() {
        let Ok(dict) = object.as_dict() else { continue };
        if !dict.get(b"Subtype").and_then(|s| s.as_name()).is_ok_and(|s| s == b"Link") {
            continue;
        }
        // The action sits in the annotation, or as an object of its own.
        let action = match dict.get(b"A") {
            Ok(lopdf::Object::Dictionary(a)) => a,
            Ok(lopdf::Object::Reference(id)) => match doc.get_dictionary(*id) {
                Ok(a) => a,
                Err(_) => continue,
            },
            _ => continue,
        };
        if let Some(uri) = action.get(b"URI").ok().and_then(|u| u.as_str().ok()) {
            out.push(String::from_utf8_lossy(uri).into_owned());
        }
    }
    out
}

#[test]
fn the_pdf_keeps_a_body_s_emphasis_strong_text_code_and_links() {
    let site = fixture_site();
    let address = "https://www.itu.int/net4/wsis/forum/2020/Files/outcomes/draft/WSISForum2020_OutcomeDocument.pdf";
    let body = format!(
        "## Vision\n\nThe forum's *main* outcome was **a call to act**, with `inline code`, \
         and the [outcome report]({address}) for all.\n"
    );
    fs::write(
        site.path().join("content/forums/2020/hlt/emphasis.md"),
        format!("---\ntitle: Emphasis session\ndate: 2020-07-21\n---\n{body}"),
    )
    .unwrap();
    let out = wsis(site.path(), &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pdf = fs::read(site.path().join("output/forums/2020/brief.pdf")).unwrap();
    let has = |needle: &[u8]| pdf.windows(needle.len()).any(|w| w == needle);
    assert!(has(b"LibertinusSerif-Italic"), "an italic font for the emphasis");
    assert!(has(b"LibertinusSerif-Bold"), "a bold font for the strong text");
    assert!(has(b"DejaVuSansMono"), "a monospaced font for the code");
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let links = link_targets(&doc);
    assert!(links.iter().filter(|l| *l == address).count() >= 2, "the link's text and its address: {links:?}");
    assert!(claims_archival_standards(&pdf), "still PDF/A-2a and PDF/UA-1");
}

/// Whether an annotation of `doc` is a link to a place inside it.
fn has_internal_link(doc: &lopdf::Document) -> bool {
    doc.objects.values().filter_map(|o| o.as_dict().ok()).any(|d| {
        let is_link = d.get(b"Subtype").and_then(|s| s.as_name()).is_ok_and(|s| s == b"Link");
        let goes_to = match d.get(b"A") {
            Ok(lopdf::Object::Dictionary(a)) => a.get(b"S").and_then(|s| s.as_name()).is_ok_and(|s| s == b"GoTo"),
            _ => d.has(b"Dest"),
        };
        is_link && goes_to
    })
}

#[test]
fn a_reference_to_a_page_of_the_site_is_a_link_in_the_pdf_and_the_organisers_are_named() {
    let site = fixture_site();
    let body = "## Vision\n\nSee [the process](@/pages/process.md) and the [e-health session](@/forums/2020/hlt/e-health-session.md).\n";
    fs::write(
        site.path().join("content/forums/2020/hlt/references.md"),
        format!("---\ntitle: References session\ndate: 2020-07-21\n---\n{body}"),
    )
    .unwrap();
    let out = wsis(site.path(), &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc = lopdf::Document::load(site.path().join("output/forums/2020/brief.pdf")).unwrap();
    let links = link_targets(&doc);
    // The site has a base_url: the page's published address.
    assert!(links.iter().any(|l| l == "https://example.org/wsis/pages/process/index.html"), "{links:?}");
    assert!(has_internal_link(&doc), "a session of the forum is a link inside the brief");
    let text = pdf_text(&doc);
    assert!(text.contains("(UN ESCAP)"), "the regional event's organisers, as on the page");
}

#[test]
fn a_page_that_belongs_to_a_forum_is_an_annex_of_its_briefs_and_links_lead_there() {
    let site = fixture_site();
    let about = site.path().join("content/pages/about.md");
    let text = fs::read_to_string(&about).unwrap();
    fs::write(&about, text.replacen("---\n", "---\nforum: 2020\n", 1)).unwrap();
    let out = wsis(site.path(), &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = fs::read_to_string(site.path().join("output/forums/2020/brief/index.html")).unwrap();
    assert!(html.contains(r#"<article class="annex" id="annex-about""#), "{html}");
    assert!(html.contains(r##"href="#annex-about""##), "the forum's link to the page leads to the annex");
    let doc = lopdf::Document::load(site.path().join("output/forums/2020/brief.pdf")).unwrap();
    let links = link_targets(&doc);
    assert!(!links.iter().any(|l| l.ends_with("pages/about/index.html")), "the link leaves the brief: {links:?}");
    let text = pdf_text(&doc);
    assert!(text.contains("Annexes"), "{text}");
    // Another forum's brief does not carry it.
    let other = fs::read_to_string(site.path().join("output/forums/2021/brief/index.html")).unwrap();
    assert!(!other.contains("annex-about"));
}
