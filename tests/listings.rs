//! Long listings run over numbered pages: a forum with more HLT sessions
//! than a page lists, and an action line and a goal naming them all.

mod common;

use common::*;
use std::fs;

fn read(out: &std::path::Path, rel: &str) -> String {
    fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The fixture with `n` more sessions, built without PDFs; its output.
fn built_with_sessions(n: usize) -> (tempfile::TempDir, std::path::PathBuf) {
    let site = fixture_site_with_sessions(n);
    let out = wsis(site.path(), &["build", "--no-pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let output = site.path().join("output");
    (site, output)
}

/// How many of the listed sessions a page links to.
fn listed_on(html: &str) -> Vec<usize> {
    (0..1000).filter(|i| html.contains(&format!("listed-{i:03}/index.html"))).collect()
}

#[test]
fn long_listings_go_on_over_linked_pages_and_list_every_entry_once() {
    let (_site, output) = built_with_sessions(130);

    // The forum's sessions: 133 (the fixture's 3 and 130 more) over two pages.
    let first = read(&output, "forums/2020/index.html");
    let second = read(&output, "forums/2020/page/2/index.html");
    assert!(!output.join("forums/2020/page/3").exists(), "133 sessions take two pages of 100");
    let (on_first, on_second) = (listed_on(&first), listed_on(&second));
    assert_eq!(on_first.len() + on_second.len(), 130, "every session is listed once");
    assert!(on_first.iter().all(|i| !on_second.contains(i)));
    assert!(first.contains("Page 1 of 2") && second.contains("Page 2 of 2"));
    assert!(first.contains(r#"<a rel="next" href="../../forums/2020/page/2/index.html">"#), "page 1 leads to page 2");
    assert!(second.contains(r#"<a rel="prev" href="../../../../forums/2020/index.html">"#), "and back");
    assert!(second.contains(r#"aria-current="page">2</a>"#));
    assert!(second.contains("Fixture Forum 2020"), "a later page names whose listing it is");

    // The action line and the goal: each page lists at most 100, all listed.
    for first_page in ["action-lines/c1/index.html", "sdgs/17/index.html"] {
        let folder = first_page.trim_end_matches("index.html");
        let mut seen = listed_on(read(&output, first_page).split("id=\"by-sdg\"").next().unwrap_or_default());
        assert!(seen.len() <= 100, "{first_page}: {} entries", seen.len());
        let later = listed_on(&read(&output, &format!("{folder}page/2/index.html")));
        assert!(later.len() <= 100);
        seen.extend(later);
        seen.sort_unstable();
        assert_eq!(seen, (0..130).collect::<Vec<_>>(), "{first_page}: every session, once");
    }
    // The action line's group by goal shows a few and says how many more.
    let c1 = read(&output, "action-lines/c1/index.html");
    let group = c1.split("id=\"sdg-17\"").nth(1).unwrap_or_default();
    assert_eq!(listed_on(group).len(), 10, "{group}");
    assert!(group.contains("and 121 more"), "131 with the fixture's side event: {group}");

    // The pages join the sitemap, and nothing they link to is missing.
    assert!(read(&output, "sitemap.xml").contains("forums/2020/page/2/index.html"));
    assert_eq!(broken_references(&output), Vec::<String>::new());
}

#[test]
fn a_listing_that_fits_on_a_page_has_no_page_links() {
    let (_site, output) = built_with_sessions(97);
    assert!(!output.join("forums/2020/page").exists(), "100 sessions fit on the forum's page");
    assert!(!read(&output, "forums/2020/index.html").contains("class=\"pages\""));
}
