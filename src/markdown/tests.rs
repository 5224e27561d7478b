//! The Markdown renderer's tests: links, ids, pictures, raw HTML and the
//! limits a body may not cross.

use super::*;

#[test]
fn a_body_retargeted_for_a_brief_is_the_body_rendered_for_it() {
    // The page's links and the brief's differ; so do their ids.
    let page = |path: &str| -> Result<String, String> {
        match path {
            "forums/2020/hlt/a.md" => Ok("forums/2020/hlt/a/index.html".into()),
            "static/plan.pdf" => Ok("static/plan.pdf".into()),
            _ => Err("no such file".into()),
        }
    };
    let brief = |path: &str| -> Result<String, String> {
        match path {
            "forums/2020/hlt/a.md" => Ok("#session-a".into()),
            "static/plan.pdf" => Ok("../../../static/plan.pdf".into()),
            _ => Err("unresolved".into()),
        }
    };
    let bodies = [
        "## Vision\n\nSee [the other](@/forums/2020/hlt/a.md#vision) and [plan](@/static/plan.pdf#page=2 \"T\").\n",
        "## Summary\n\n## Summary\n\n## Main {#main}\n\n### Vision\n\n## Vision\n\n## sdg 3\n",
        "# [Linked heading](@/static/plan.pdf)\n\n![a chart](@/static/plan.pdf)\n\n| a | b |\n|---|---|\n| [x](@/forums/2020/hlt/a.md) | y |\n",
        "## الرؤية\n\nنص [رابط](@/forums/2020/hlt/a.md).\n\n- [one](https://example.org/a b)\n- [two](@/static/plan.pdf)\n",
        "Text only, no heading, <em>raw</em> & [broken](@/nowhere.md).\n",
    ];
    for md in bodies {
        let on_page = render(
            md,
            &RenderOptions {
                root: "../../../../",
                unsafe_html: false,
                id_prefix: "",
                heading_ids: &[],
                pictures: None,
            },
            &page,
        );
        let in_brief = render(
            md,
            &RenderOptions { root: "", unsafe_html: false, id_prefix: "session-b_", heading_ids: &[], pictures: None },
            &brief,
        );
        assert!(on_page.html != in_brief.html || !md.contains('#'), "the two differ: {md}");
        let marks = on_page.marks.as_deref().expect("no footnotes: marked");
        assert_eq!(
            retarget(&on_page.html, marks, "session-b_", &brief).as_deref(),
            Some(in_brief.html.as_str()),
            "{md}"
        );
    }
    // Footnotes name their ids in their links: such a body is rendered again.
    let notes = render(
        "Text[^1].\n\n[^1]: A note.\n",
        &RenderOptions { root: "", unsafe_html: false, id_prefix: "", heading_ids: &[], pictures: None },
        &page,
    );
    assert!(notes.marks.is_none());
}

#[test]
fn headings_take_the_given_ids_by_position_when_as_many() {
    let given = ["vision".to_string(), "recommendations".to_string()];
    let opts = RenderOptions { root: "", unsafe_html: false, id_prefix: "", heading_ids: &given, pictures: None };
    let out = render("## Vision\n\n## Recommandations\n", &opts, &resolve);
    assert!(out.html.contains(r#"<h2 id="recommendations">Recommandations</h2>"#), "{}", out.html);
    let own = render("## Vision\n\n## Défis {#defis}\n", &opts, &resolve);
    assert!(own.html.contains(r#"<h2 id="defis">"#), "an editor's own id wins: {}", own.html);
    let more = render("## Vision\n\n## Tendances\n\n## Recommandations\n", &opts, &resolve);
    assert!(more.html.contains(r#"<h2 id="tendances">"#), "another count: ids from the text: {}", more.html);
}

#[test]
fn text_in_another_script_gets_its_language() {
    let opts = RenderOptions { root: "", unsafe_html: false, id_prefix: "", heading_ids: &[], pictures: None };
    let out = render("## الرؤية\n\nنص الجلسة.\n\nEnglish text.\n", &opts, &resolve);
    assert!(out.html.contains(r#"<h2 id="الرؤية" dir="auto" lang="ar">الرؤية</h2>"#), "{}", out.html);
    assert!(out.html.contains("<p dir=\"auto\" lang=\"ar\">نص الجلسة.</p>"), "{}", out.html);
    assert!(out.html.contains("<p>English text.</p>"), "{}", out.html);
}

fn resolve(path: &str) -> Result<String, String> {
    match path {
        "forums/2020/forum.md" => Ok("forums/2020/index.html".into()),
        _ => Err("no such file".into()),
    }
}

fn html(md: &str, unsafe_html: bool) -> Rendered {
    render(
        md,
        &RenderOptions { root: "../../", unsafe_html, id_prefix: "", heading_ids: &[], pictures: None },
        &resolve,
    )
}

#[test]
fn internal_links_become_relative_file_urls() {
    let r = html("See [2020](@/forums/2020/forum.md#outcomes).", false);
    assert!(r.html.contains(r#"href="../../forums/2020/index.html#outcomes""#), "{}", r.html);
    assert!(r.problems.is_empty());
}

#[test]
fn broken_and_unsafe_links_are_reported_with_their_place() {
    let md = "Intro\n\n[x](@/forums/1999/forum.md) and [y](javascript:alert(1))";
    let r = html(md, false);
    assert_eq!(r.problems.len(), 2, "{:?}", r.problems);
    assert_eq!(&md[r.problems[0].range.clone()], "[x](@/forums/1999/forum.md)");
    assert!(!r.html.contains("javascript"), "{}", r.html);
}

#[test]
fn limits_a_typesetter_cannot_pass_are_content_errors_at_their_place() {
    let deep = format!("Intro\n\n{}deep\n", "> ".repeat(40));
    let r = html(&deep, false);
    let codes: Vec<&str> = r.problems.iter().map(|p| p.code.name()).collect();
    assert_eq!(codes, ["nesting-too-deep"]);
    assert_eq!(deep[..r.problems[0].range.start].matches('\n').count(), 2, "on the third line");
    let lists: String = (0..40).map(|i| format!("{}- item\n", "  ".repeat(i))).collect();
    assert_eq!(html(&lists, false).problems.len(), 1);
    let fine: String = (0..8).map(|i| format!("{}- item\n", "  ".repeat(i))).collect();
    assert!(html(&format!("> > > {fine}"), false).problems.is_empty());

    let long = format!("See [it](https://example.org/{}).", "a".repeat(MAX_TARGET));
    assert_eq!(html(&long, false).problems[0].code, Code::LinkTooLong);
    let word = format!("One\n\ntwo {} three", "(".repeat(MAX_WORD + 1));
    let r = html(&word, false);
    assert_eq!(r.problems.iter().map(|p| p.code.name()).collect::<Vec<_>>(), ["word-too-long"]);
    assert_eq!(r.problems[0].range.start, 9);
    let many: String = (0..=MAX_BLOCKS).map(|i| format!("- item {i}\n")).collect();
    let r = html(&many, false);
    assert_eq!(r.problems.iter().map(|p| p.code.name()).collect::<Vec<_>>(), ["body-too-large"]);
    assert_eq!(&many[r.problems[0].range.start..][..12], "- item 5000\n");
    let huge = "Words and words.\n\n".repeat(MAX_BODY / 18 + 1);
    assert_eq!(html(&huge, false).problems.iter().map(|p| p.code.name()).collect::<Vec<_>>(), ["body-too-large"]);
    let chinese = "信息社会".repeat(MAX_WORD);
    assert!(html(&chinese, false).problems.is_empty(), "Chinese breaks between any two characters");
}

#[test]
fn links_in_code_are_text() {
    let r = html("`[x](@/nope.md)`\n\n    [y](@/nope.md)\n", false);
    assert!(r.problems.is_empty());
}

#[test]
fn raw_html_is_escaped_unless_allowed() {
    assert!(html("<script>x</script>", false).html.contains("&lt;script&gt;"));
    assert!(html("<b>x</b>", true).html.contains("<b>x</b>"));
}

#[test]
fn headings_get_unique_ids() {
    let r = html("## Vision\n\n## Vision\n\n## Emerging trends {#trends}\n", false);
    assert!(r.html.contains(r#"<h2 id="vision">"#));
    assert!(r.html.contains(r#"<h2 id="vision-1">"#));
    assert!(r.html.contains(r#"<h2 id="trends">"#));
    assert_eq!(r.headings.len(), 3);
}

#[test]
fn braces_at_the_end_of_a_heading_are_text_unless_an_id_or_class_block() {
    let r = html("## Budget {2020}\n\n## Set {a, b}\n\n## Trends {#trends .wide}\n", false);
    assert!(r.html.contains(r#"<h2 id="budget-2020">Budget {2020}</h2>"#), "{}", r.html);
    assert!(r.html.contains(r#"<h2 id="set-a-b">Set {a, b}</h2>"#), "{}", r.html);
    assert!(r.html.contains(r#"<h2 id="trends" class="wide">Trends</h2>"#), "{}", r.html);
}

#[test]
fn one_letter_of_another_script_does_not_change_a_paragraph_language() {
    let r = html("Remarks by &#1234;. Smith on digital inclusion.\n\nЦифровая трансформация для всех.\n", false);
    assert!(r.html.contains("<p>Remarks by \u{4d2}. Smith"), "{}", r.html);
    assert!(r.html.contains(r#"<p dir="auto" lang="ru">Цифровая"#), "{}", r.html);
}

#[test]
fn every_id_on_the_page_is_unique_footnotes_headings_and_the_theme() {
    let r = html("## Fn 1\n\n## Main\n\nText[^a] and again[^a].\n\n[^a]: The note.\n", false);
    let ids: Vec<&str> = r.html.split(" id=\"").skip(1).filter_map(|s| s.split('"').next()).collect();
    assert_eq!(ids, ["fn-1-1", "main-1", "fnref-1", "fnref-1-2", "fn-1"], "{}", r.html);
    assert!(r.html.contains(r##"<a href="#fn-1">1</a>"##), "{}", r.html);
    let brief = render(
        "## Vision\n\nText[^a].\n\n[^a]: Note.\n",
        &RenderOptions { root: "", unsafe_html: false, id_prefix: "session-x_", heading_ids: &[], pictures: None },
        &resolve,
    );
    assert!(
        brief.html.contains(r#"id="session-x_vision""#) && brief.html.contains(r#"id="session-x_fn-1""#),
        "{}",
        brief.html
    );
}

#[test]
fn escaped_raw_html_keeps_its_lines_and_warns_where_it_is() {
    let md = "Intro <b>bold</b> and <i>it</i>.\n\n<div>\n  <p>one</p>\n  <p>two</p>\n</div>\n";
    let r = html(md, false);
    assert!(r.html.contains("<pre class=\"raw-html\"><code>&lt;div&gt;\n  &lt;p&gt;one&lt;/p&gt;\n"), "{}", r.html);
    let warnings: Vec<&LinkProblem> = r.problems.iter().filter(|p| p.code == Code::RawHtml).collect();
    assert_eq!(warnings.len(), 2, "one for the line of inline tags, one for the block: {:?}", r.problems);
    assert!(warnings.iter().all(|p| p.warning));
    assert_eq!(&md[warnings[0].range.clone()], "<b>");
    assert!(md[warnings[1].range.clone()].starts_with("<div>"));
    assert!(warnings[0].help.as_deref().unwrap_or("").contains("unsafe_html: true"));
    assert!(html(md, true).problems.is_empty(), "allowed HTML is not warned about");
}

#[test]
fn tables_footnotes_and_smart_quotes() {
    let r = html("| a | b |\n|---|---|\n| 1 | 2 |\n\n\"Quoted\"[^1]\n\n[^1]: Note.\n\n~~old~~", false);
    assert!(r.html.contains("<table>"));
    assert!(r.html.contains("\u{201c}Quoted\u{201d}"));
    assert!(r.html.contains("footnote"));
    assert!(r.html.contains("<del>old</del>"));
}
