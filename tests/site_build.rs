//! Building whole sites: the real content and the fixture that uses every
//! field, checked the way a reader and a host would see the output.

mod common;

use common::*;
use std::fs;

/// Every page the content model's output layout promises, for the fixture.
const FIXTURE_PAGES: &[&str] = &[
    "index.html",
    "404.html",
    "atom.xml",
    "sitemap.xml",
    "forums/index.html",
    "forums/2020/index.html",
    "forums/2021/index.html",
    "forums/2020/hlt/e-health-session/index.html",
    "forums/2020/hlt/period-session/index.html",
    "ungis/index.html",
    "ungis/side-event/index.html",
    "ungis/repository/index.html",
    "roadmaps/index.html",
    "roadmaps/c2/index.html",
    "pages/about/index.html",
    "pages/process/index.html",
    "action-lines/index.html",
    "action-lines/c1/index.html",
    "action-lines/c7/index.html",
    "action-lines/c7-e-health/index.html",
    "sdgs/index.html",
    "sdgs/3/index.html",
    "sdgs/17/index.html",
    "matrix/index.html",
    "static/img/logo.svg",
    "static/report.txt",
    "assets/style.css",
];

fn build_fixture() -> (tempfile::TempDir, std::collections::BTreeMap<String, Vec<u8>>) {
    let site = fixture_site();
    let out = wsis(site.path(), &["build"]);
    assert!(out.status.success(), "fixture build failed:\n{}", stderr(&out));
    assert!(!stderr(&out).contains('\r'), "no progress line when not on a terminal");
    let tree = read_tree(&site.path().join("output"));
    (site, tree)
}

#[test]
fn fixture_site_writes_every_page_of_the_layout() {
    let (_site, tree) = build_fixture();
    for p in FIXTURE_PAGES {
        assert!(tree.contains_key(*p), "missing {p}; wrote {:?}", tree.keys().collect::<Vec<_>>());
    }
    assert!(!tree.keys().any(|k| k.contains(".gitkeep") || k.contains(".DS_Store")), "hidden files are not copied");
}

#[test]
fn fixture_references_all_resolve_and_stay_local() {
    let (site, _) = build_fixture();
    let mut problems = broken_references(&site.path().join("output"));
    problems.extend(duplicate_ids(&site.path().join("output")));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn real_content_builds_and_its_references_resolve() {
    let (tmp, stdout) = build_real_site();
    assert!(stdout.starts_with("Built "), "{stdout}");
    let output = tmp.path().join("output");
    let mut problems = broken_references(&output);
    problems.extend(duplicate_ids(&output));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let home = fs::read_to_string(output.join("index.html")).unwrap();
    assert!(home.contains("WSIS Forum 2020"));
    assert!(output.join("action-lines/c7-e-health/index.html").exists());
    assert!(output.join("sdgs/17/index.html").exists());
}

#[test]
fn forum_page_shows_what_the_front_matter_gives() {
    let (_site, tree) = build_fixture();
    let forum = page(&tree, "forums/2020/index.html");
    for expected in [
        "Fixture Forum 2020",
        "Fixture theme: testing every field",
        "22 June – 10 September 2020",
        "15,000",
        "about 150",
        "770+",
        "Gender participation",
        "55%",
        "ICTs and Older Persons",
        "Launch of the OCP",
        "09:10-10:10 CEST",
        "Ms. Fixture Facilitator",
        "https://example.org/outcome.pdf",
        "Connecting the unconnected is crucial.",
        "Fixture Regional Review",
        "685",
        "E-health and SDG 3",
        "Fixture UNGIS Side Event",
        "../../forums/2021/index.html",
    ] {
        assert!(forum.contains(expected), "forum page lacks {expected:?}");
    }
    // Raw HTML in a body is text; code spans are not links.
    assert!(forum.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!forum.contains("<script>"));
    assert!(forum.contains("[not a link](@/nowhere.md)"));
    assert!(forum.contains(r#"href="../../forums/2020/hlt/e-health-session/index.html#vision""#));
    assert!(
        forum.contains("<table>")
            && forum.contains("<del>struck</del>")
            && forum.contains("\u{201c}smart quotes\u{201d}")
    );
}

#[test]
fn entities_link_to_their_action_lines_and_sdgs_and_back() {
    let (_site, tree) = build_fixture();
    let session = page(&tree, "forums/2020/hlt/e-health-session/index.html");
    assert!(session.contains(r#"href="../../../../action-lines/c7-e-health/index.html""#));
    assert!(session.contains(r#"href="../../../../sdgs/3/index.html""#));
    assert!(session.contains("Dr. Fixture Facilitator") && session.contains("H.E. Fixture Minister"));
    assert!(
        session.contains(r#"<a rel="prev" href="../../../../forums/2020/hlt/period-session/index.html">"#),
        "a session links to the previous one of its forum"
    );
    let al = page(&tree, "action-lines/c7-e-health/index.html");
    assert!(al.contains("E-health and SDG 3"));
    assert!(al.contains("WHO") && al.contains("ITU"));
    assert!(al.contains(r#"id="sdg-3""#));
    let c7 = page(&tree, "action-lines/c7/index.html");
    assert!(c7.contains("C7-e-health: E-health"), "C7 lists its applications");
    let c2 = page(&tree, "action-lines/c2/index.html");
    assert!(c2.contains("Fixture Roadmap C2") && c2.contains("Fixture Forum 2020"));
    let sdg = page(&tree, "sdgs/17/index.html");
    assert!(sdg.contains("Fixture UNGIS Side Event") && sdg.contains("A session known only by its period"));
}

#[test]
fn matrix_cells_count_and_link_what_connects_each_pair() {
    let (_site, tree) = build_fixture();
    let matrix = page(&tree, "matrix/index.html");
    // C2 x SDG 3: the forum and the e-health session.
    assert!(
        matrix.contains(r#"href="../action-lines/c2/index.html#sdg-3" aria-label="2 linked to C2 and SDG 3">2</a>"#),
        "{matrix}"
    );
    // C2 x SDG 9: the session and the roadmap activity.
    assert!(matrix.contains(r#"aria-label="2 linked to C2 and SDG 9""#));
    assert!(!matrix.contains("linked to C1 and SDG 3"), "empty cells have no link");
}

#[test]
fn session_period_is_shown_as_a_range() {
    let (_site, tree) = build_fixture();
    assert!(page(&tree, "forums/2020/hlt/period-session/index.html").contains("20–29 July 2020"));
}

#[test]
fn feed_and_sitemap_use_the_base_url() {
    let (_site, tree) = build_fixture();
    let sitemap = page(&tree, "sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.org/wsis/forums/2020/index.html</loc>"));
    assert!(!sitemap.contains("404.html"));
    let atom = page(&tree, "atom.xml");
    assert!(atom.contains("<title>E-health and SDG 3</title>"));
    assert!(atom.contains(r#"href="https://example.org/wsis/forums/2020/hlt/e-health-session/index.html""#));
}

#[test]
fn the_feed_names_itself_and_its_entry_ids_do_not_depend_on_base_url() {
    let ids = |atom: &str| -> Vec<String> {
        atom.split("<id>").skip(1).filter_map(|s| s.split("</id>").next()).map(str::to_string).collect()
    };
    let (site, tree) = build_fixture();
    let with_base = page(&tree, "atom.xml");
    assert!(
        with_base
            .contains(r#"<link rel="self" type="application/atom+xml" href="https://example.org/wsis/atom.xml"/>"#),
        "{with_base}"
    );
    let site_yaml = site.path().join("content/site.yaml");
    let config = fs::read_to_string(&site_yaml).unwrap();
    let without: String = config.lines().filter(|l| !l.starts_with("base_url:")).map(|l| format!("{l}\n")).collect();
    assert_ne!(config, without, "the fixture sets base_url");
    fs::write(&site_yaml, without).unwrap();
    assert!(wsis(site.path(), &["build"]).status.success());
    let no_base = fs::read_to_string(site.path().join("output/atom.xml")).unwrap();
    assert!(no_base.contains(r#"<link rel="self" type="application/atom+xml" href="atom.xml"/>"#), "{no_base}");
    assert!(ids(&with_base).len() > 2 && ids(&with_base) == ids(&no_base), "{with_base}\n{no_base}");
    assert!(ids(&no_base).iter().all(|id| id.starts_with("urn:")), "{no_base}");
}

#[test]
fn no_sitemap_without_base_url() {
    let (tmp, _) = build_real_site();
    assert!(!tmp.path().join("output/sitemap.xml").exists());
    assert!(tmp.path().join("output/atom.xml").exists());
}

#[test]
fn two_builds_and_thread_counts_give_identical_bytes() {
    let site = fixture_site();
    assert!(wsis_env(site.path(), &["build", "--output", "a"], &[("RAYON_NUM_THREADS", "1")]).status.success());
    assert!(wsis_env(site.path(), &["build", "--output", "b"], &[("RAYON_NUM_THREADS", "4")]).status.success());
    let a = read_tree(&site.path().join("a"));
    let b = read_tree(&site.path().join("b"));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(bytes == &b[path], "{path} differs between builds");
    }
}

#[test]
fn a_successful_build_leaves_no_stale_file() {
    let site = fixture_site();
    let output = site.path().join("output");
    assert!(wsis(site.path(), &["build"]).status.success());
    fs::create_dir_all(output.join("forums/1999")).unwrap();
    fs::write(output.join("forums/1999/index.html"), "stale").unwrap();
    assert!(wsis(site.path(), &["build"]).status.success());
    assert!(!output.join("forums/1999").exists());
    let siblings: Vec<_> = fs::read_dir(site.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(
        !siblings.iter().any(|n| {
            let n = n.to_string_lossy();
            n.starts_with(".output.building") || n.starts_with(".output.old")
        }),
        "no staging folder left: {siblings:?}"
    );
}

#[test]
fn check_writes_nothing() {
    let site = fixture_site();
    let out = wsis(site.path(), &["check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!site.path().join("output").exists());
}

#[test]
fn a_wrong_command_line_exits_2() {
    let site = fixture_site();
    assert_eq!(wsis(site.path(), &["build", "--no-such-flag"]).status.code(), Some(2));
    assert_eq!(wsis(site.path(), &["publish"]).status.code(), Some(2));
}

#[test]
fn partial_dates_qualifiers_and_prize_phases_read_as_written() {
    let (_site, tree) = build_fixture();
    let forum = page(&tree, "forums/2021/index.html");
    assert!(forum.contains("January 2021 – 21 May 2021"), "a month-only start is not padded with a day");
    assert!(forum.contains("more than 1,800"));
    assert!(forum.contains("Submission phase") && forum.contains("5 November 2020 – 25 January 2021"));
    assert!(!forum.contains(" · Hybrid") && !forum.contains("Virtual"), "no venue or format is invented");
    let ungis = page(&tree, "ungis/repository/index.html");
    assert!(ungis.contains("1 February 2021 – March 2021"));
}

#[test]
fn tagged_pages_are_listed_under_their_action_lines_and_sdgs() {
    let (_site, tree) = build_fixture();
    assert!(page(&tree, "action-lines/c7-e-health/index.html").contains("Process timeline"));
    assert!(page(&tree, "sdgs/3/index.html").contains("Process timeline"));
    let page_html = page(&tree, "pages/process/index.html");
    assert!(page_html.contains(r#"href="../../sdgs/3/index.html""#), "a page links to its SDGs");
}

#[test]
fn open_data_holds_the_whole_model() {
    let (_site, tree) = build_fixture();
    let json = |path: &str| -> serde_json::Value { serde_json::from_slice(&tree[path]).expect("valid JSON") };
    let forums = json("data/forums.json");
    assert_eq!(forums.as_array().unwrap().len(), 2);
    assert_eq!(forums[0]["key_figures"][1]["value"], 150);
    let sessions = json("data/sessions.json");
    assert_eq!(sessions[1]["speakers"][0]["name"], "H.E. Fixture Minister");
    assert!(sessions[1]["body"].as_str().unwrap().contains("## Vision"));
    assert_eq!(json("data/action-lines.json").as_array().unwrap().len(), 5);
    let csv = String::from_utf8(tree["data/matrix.csv"].clone()).unwrap();
    assert!(csv.starts_with("action_line,title,sdg_3,sdg_9,sdg_17\n"), "{csv}");
    assert!(csv.contains("\nC2,Information and communication infrastructure,2,2,1\n"), "{csv}");
    assert!(page(&tree, "index.html").contains(r#"href="data/index.html""#), "linked from every page");
}

#[test]
fn search_index_ships_as_script_files_split_by_term() {
    let (_site, tree) = build_fixture();
    let meta = String::from_utf8(tree["search/meta.js"].clone()).unwrap();
    assert!(meta.starts_with("wsisSearch.meta({\"docs\":"), "{meta}");
    let shards: Vec<&String> = tree.keys().filter(|p| p.starts_with("search/terms-")).collect();
    assert!(!shards.is_empty() && shards.len() <= 256, "a bounded number of shards: {}", shards.len());
    let shard_of = |term: &str| {
        shards
            .iter()
            .map(|p| String::from_utf8(tree[p.as_str()].clone()).unwrap())
            .find(|text| text.contains(&format!("\"{term}\":")))
            .unwrap_or_else(|| panic!("no shard holds {term}"))
    };
    let shard = shard_of("fixture");
    assert!(shard.starts_with("wsisSearch.terms("), "{shard}");
    let docs = String::from_utf8(tree["search/docs-0.js"].clone()).unwrap();
    assert!(docs.contains(
        "\"E-health and SDG 3\",\"High-Level Track session\",\"forums/2020/hlt/e-health-session/index.html\""
    ));
    shard_of("facilitator"); // people's names and roles are searchable
    let page = page(&tree, "search/index.html");
    assert!(page.contains(r#"<script src="../assets/search.js"></script>"#));
    assert!(page.contains("<noscript>"), "without JavaScript the page says where to browse");
}

#[test]
fn titles_in_other_scripts_get_their_own_language_and_direction() {
    let (_site, tree) = build_fixture();
    let html = page(&tree, "pages/arabic-title/index.html");
    assert!(html.contains(r#"<h1 dir="auto" lang="ar">التحول الرقمي</h1>"#), "{html}");
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\" dir=\"ltr\">"));
    let home = page(&tree, "index.html");
    assert!(home.contains(r#"dir="auto" lang="ar">التحول الرقمي</a>"#), "the footer link too");
}
