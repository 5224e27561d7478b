//! Pages that travel well: a shared link shows a title, description and
//! language (Open Graph, Twitter cards), each forum is a schema.org
//! `Event` and each brief a `Report` with its PDF (JSON-LD, parsed and
//! checked here), and the theme's icons are there, from the site itself.

mod common;

use common::*;
use std::fs;

/// The JSON-LD of a page, parsed.
fn json_ld(html: &str) -> serde_json::Value {
    let open = r#"<script type="application/ld+json">"#;
    let start = html.find(open).expect("the page has JSON-LD") + open.len();
    let end = start + html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..end]).expect("the JSON-LD parses")
}

/// The content of `<meta property|name="key" content="...">`.
fn meta(html: &str, key: &str) -> Option<String> {
    let pattern = format!("=\"{key}\" content=\"");
    let at = html.find(&pattern)? + pattern.len();
    Some(html[at..at + html[at..].find('"')?].to_string())
}

#[test]
fn a_forum_is_an_event_and_its_brief_a_report_with_its_pdf() {
    let site = fixture_site();
    assert!(wsis(site.path(), &["build"]).status.success());
    let out = site.path().join("output");
    let page = fs::read_to_string(out.join("forums/2020/index.html")).unwrap();
    let event = json_ld(&page);
    assert_eq!(event["@context"], "https://schema.org");
    assert_eq!(event["@type"], "Event");
    assert_eq!(event["name"], "Fixture Forum 2020");
    assert_eq!(event["startDate"], "2020-06-22");
    assert_eq!(event["endDate"], "2020-09-10");
    assert_eq!(event["url"], "https://example.org/wsis/forums/2020/");
    assert!(event.get("location").is_some() || event.get("eventAttendanceMode").is_some(), "{event}");
    assert!(event.get("organizer").is_none(), "no organiser the content does not give");

    let brief = fs::read_to_string(out.join("forums/2020/brief/index.html")).unwrap();
    let report = json_ld(&brief);
    assert_eq!(report["@type"], "Report");
    assert_eq!(report["about"]["@type"], "Event");
    assert_eq!(report["about"]["name"], "Fixture Forum 2020");
    assert_eq!(report["encoding"]["@type"], "MediaObject");
    assert_eq!(report["encoding"]["encodingFormat"], "application/pdf");
    assert_eq!(report["encoding"]["contentUrl"], "https://example.org/wsis/forums/2020/brief.pdf");
    assert!(out.join("forums/2020/brief.pdf").exists());
    // Other pages carry none.
    let about = fs::read_to_string(out.join("pages/about/index.html")).unwrap();
    assert!(!about.contains("application/ld+json"));
}

#[test]
fn a_shared_link_shows_the_page_s_title_description_language_and_address() {
    let site = fixture_site();
    assert!(wsis(site.path(), &["build", "--no-pdf"]).status.success());
    let out = site.path().join("output");
    let about = fs::read_to_string(out.join("pages/about/index.html")).unwrap();
    assert_eq!(meta(&about, "og:title").as_deref(), Some("About the fixture"));
    assert_eq!(meta(&about, "og:description").as_deref(), Some("What this fixture is"), "the page's own description");
    assert_eq!(meta(&about, "description").as_deref(), Some("What this fixture is"));
    assert_eq!(meta(&about, "og:url").as_deref(), Some("https://example.org/wsis/pages/about/"));
    assert_eq!(meta(&about, "og:locale").as_deref(), Some("en"));
    assert_eq!(meta(&about, "twitter:card").as_deref(), Some("summary"));
    assert!(meta(&about, "og:image").is_none(), "no image the theme does not provide");
    // The icons, from the site itself (a copy read from disk shows them).
    assert!(about.contains(r#"<link rel="icon" href="../../assets/favicon.svg" type="image/svg+xml">"#), "{about}");
    for icon in ["favicon.svg", "favicon.ico", "apple-touch-icon.png"] {
        assert!(out.join("assets").join(icon).exists(), "{icon}");
    }
}

#[test]
fn without_a_base_url_no_address_is_made_up() {
    let site = fixture_site();
    let yaml = site.path().join("content/site.yaml");
    let text = fs::read_to_string(&yaml).unwrap().replace("base_url: https://example.org/wsis/\n", "");
    fs::write(&yaml, text).unwrap();
    assert!(wsis(site.path(), &["build"]).status.success());
    let out = site.path().join("output");
    let page = fs::read_to_string(out.join("forums/2020/index.html")).unwrap();
    assert!(meta(&page, "og:url").is_none());
    assert!(json_ld(&page).get("url").is_none());
    let brief = fs::read_to_string(out.join("forums/2020/brief/index.html")).unwrap();
    assert_eq!(json_ld(&brief)["encoding"]["contentUrl"], "../../../forums/2020/brief.pdf");
}

#[test]
fn a_shared_session_or_roadmap_says_what_it_is_in_the_reader_s_language() {
    let site = fixture_site();
    assert!(wsis(site.path(), &["build", "--no-pdf"]).status.success());
    let out = site.path().join("output");
    let session = fs::read_to_string(out.join("forums/2020/hlt/e-health-session/index.html")).unwrap();
    assert_eq!(
        meta(&session, "og:description").as_deref(),
        Some("High-Level Track session, Fixture Forum 2020, 20 July 2020"),
        "what the session is, its forum and its day, not the site's description"
    );
    let roadmap = fs::read_to_string(out.join("roadmaps/c2/index.html")).unwrap();
    assert_eq!(
        meta(&roadmap, "description").as_deref(),
        Some("Roadmap, C2 Information and communication infrastructure")
    );

    // A French page says it in French, the forum's title as translated.
    let (_languages, tree) = common::languages::build_languages_site();
    let page = String::from_utf8(tree["fr/forums/2020/hlt/digital-inclusion/index.html"].clone()).unwrap();
    assert_eq!(
        meta(&page, "og:description").as_deref(),
        Some("Session du débat de haut niveau, Forum du SMSI 2020, 1 juillet 2020")
    );
}
