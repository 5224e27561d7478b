//! Markdown bodies to HTML, with the rules of the content model applied:
//! `@/` links rewritten to relative URLs (or reported where they do not
//! resolve), raw HTML shown as text unless the site opts in, `javascript:`
//! and `data:` targets refused, and every heading given an anchor id.

use crate::language::script_language;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::HashSet;
use std::ops::Range;

/// How one body is rendered.
pub struct RenderOptions<'a> {
    /// Prefix from the page the body appears on to the site root (`../../`).
    pub root: &'a str,
    pub unsafe_html: bool,
    /// Put before every heading id, where several bodies share a page
    /// (a brief), so their ids stay unique.
    pub id_prefix: &'a str,
}

/// A problem with a link in a body, at a byte range of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkProblem {
    pub range: Range<usize>,
    pub code: &'static str,
    pub message: String,
    pub help: Option<String>,
}

/// A heading of a body, for tables of contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
    pub problems: Vec<LinkProblem>,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Turns heading text into an id: lowercase ASCII words joined by `-`.
pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let trimmed = out.trim_end_matches('-').to_string();
    if trimmed.is_empty() {
        "section".into()
    } else {
        trimmed
    }
}

fn is_refused_scheme(dest: &str) -> bool {
    let compact: String = dest.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
    let lower = compact.to_ascii_lowercase();
    lower.starts_with("javascript:") || lower.starts_with("data:") || lower.starts_with("vbscript:")
}

/// Renders `markdown`. `resolve` maps an `@/` path (without `@/` and
/// without fragment) to a path from the site root, or says why it cannot.
pub fn render(markdown: &str, opts: &RenderOptions, resolve: &dyn Fn(&str) -> Result<String, String>) -> Rendered {
    let mut problems = Vec::new();
    let mut events: Vec<Event> = Vec::new();
    let rewrite = |dest: CowStr<'_>, range: &Range<usize>, problems: &mut Vec<LinkProblem>| -> String {
        if let Some(target) = dest.strip_prefix("@/") {
            let (path, fragment) = match target.split_once('#') {
                Some((p, f)) => (p, Some(f)),
                None => (target, None),
            };
            match resolve(path) {
                // A target already inside the document (a brief's anchor).
                Ok(url) if url.starts_with('#') => url,
                Ok(url) => match fragment {
                    Some(f) => format!("{}{url}#{f}", opts.root),
                    None => format!("{}{url}", opts.root),
                },
                Err(why) => {
                    problems.push(LinkProblem {
                        range: range.clone(),
                        code: "broken-link",
                        message: format!("internal link `{dest}`: {why}"),
                        help: Some("internal links name a file under content/, e.g. `@/forums/2020/forum.md`".into()),
                    });
                    "#".into()
                }
            }
        } else if is_refused_scheme(&dest) {
            problems.push(LinkProblem {
                range: range.clone(),
                code: "unsafe-link",
                message: format!("link target `{dest}` is refused: `javascript:` and `data:` links are not allowed"),
                help: Some("link to a web address (https://...) or to a file with `@/`".into()),
            });
            "#".into()
        } else {
            dest.into_string()
        }
    };
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        let event = match event {
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let dest_url = rewrite(dest_url, &range, &mut problems).into();
                Event::Start(Tag::Link { link_type, dest_url, title, id })
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                let dest_url = rewrite(dest_url, &range, &mut problems).into();
                Event::Start(Tag::Image { link_type, dest_url, title, id })
            }
            Event::Html(html) | Event::InlineHtml(html) if !opts.unsafe_html => Event::Text(html),
            other => other,
        };
        events.push(event);
    }
    let headings = assign_heading_ids(&mut events, opts.id_prefix);
    mark_paragraph_languages(&mut events);
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    Rendered { html, headings, problems }
}

/// Gives every heading an id (its own `{#id}` if written, else from its
/// text), unique within the body, and returns the headings in order.
fn assign_heading_ids(events: &mut [Event], prefix: &str) -> Vec<Heading> {
    let mut used: HashSet<String> = HashSet::new();
    let mut headings = Vec::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { level, .. }) = &events[i] {
            let level = *level;
            let (text, j) = text_until(events, i, |e| matches!(e, Event::End(TagEnd::Heading(_))));
            if let Event::Start(Tag::Heading { id, attrs, .. }) = &mut events[i] {
                if let Some(lang) = script_language(&text) {
                    attrs.push(("dir".into(), Some("auto".into())));
                    attrs.push(("lang".into(), Some(lang.into())));
                }
                let base = format!("{prefix}{}", id.as_deref().map(str::to_string).unwrap_or_else(|| slugify(&text)));
                let mut unique = base.clone();
                let mut n = 1;
                while !used.insert(unique.clone()) {
                    unique = format!("{base}-{n}");
                    n += 1;
                }
                *id = Some(unique.clone().into());
                headings.push(Heading { level: level_number(level), id: unique, text });
            }
            i = j;
        }
        i += 1;
    }
    headings
}

/// A paragraph in another script (Arabic, Chinese…) inside a page in the
/// site's language gets `dir="auto"` and its `lang`, so it is aligned,
/// shaped and read aloud as its own language.
fn mark_paragraph_languages(events: &mut [Event]) {
    let mut i = 0;
    while i < events.len() {
        if matches!(events[i], Event::Start(Tag::Paragraph)) {
            let (text, j) = text_until(events, i, |e| matches!(e, Event::End(TagEnd::Paragraph)));
            if let (Some(lang), true) = (script_language(&text), j < events.len()) {
                events[i] = Event::Html(format!(r#"<p dir="auto" lang="{lang}">"#).into());
                events[j] = Event::Html("</p>\n".into());
            }
            i = j;
        }
        i += 1;
    }
}

/// The text of the element starting at `events[start]`, and the index of
/// the event that ends it (`events.len()` if none does).
fn text_until(events: &[Event], start: usize, is_end: impl Fn(&Event) -> bool) -> (String, usize) {
    let mut text = String::new();
    let mut j = start + 1;
    while j < events.len() && !is_end(&events[j]) {
        if let Event::Text(t) | Event::Code(t) = &events[j] {
            text.push_str(t);
        }
        j += 1;
    }
    (text, j)
}

fn level_number(level: HeadingLevel) -> u8 {
    level as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_in_another_script_gets_its_language() {
        let opts = RenderOptions { root: "", unsafe_html: false, id_prefix: "" };
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
        render(md, &RenderOptions { root: "../../", unsafe_html, id_prefix: "" }, &resolve)
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
    fn tables_footnotes_and_smart_quotes() {
        let r = html("| a | b |\n|---|---|\n| 1 | 2 |\n\n\"Quoted\"[^1]\n\n[^1]: Note.\n\n~~old~~", false);
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("\u{201c}Quoted\u{201d}"));
        assert!(r.html.contains("footnote"));
        assert!(r.html.contains("<del>old</del>"));
    }
}

/// A body as plain blocks (headings, paragraphs, lists, tables, quotes,
/// code), for typesetters that do not read Markdown. Emphasis is dropped;
/// a web link keeps its address after its text, as on paper.
pub fn blocks(markdown: &str) -> Vec<serde_json::Value> {
    use serde_json::json;
    let mut out = Vec::new();
    let mut text = String::new();
    let mut items: Vec<String> = Vec::new();
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let mut link: Option<String> = None;
    let mut list_depth = 0;
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::Start(Tag::Link { dest_url, .. }) => link = Some(dest_url.into_string()),
            Event::End(TagEnd::Link) => {
                if let Some(url) = link.take().filter(|u| u.starts_with("http")) {
                    if !text.ends_with(&url) {
                        text.push_str(&format!(" ({url})"));
                    }
                }
            }
            Event::Start(Tag::List(_)) => list_depth += 1,
            Event::End(TagEnd::List(_)) => {
                list_depth -= 1;
                if list_depth == 0 {
                    out.push(json!({ "list": std::mem::take(&mut items) }));
                }
            }
            Event::End(TagEnd::Item) => items.push(std::mem::take(&mut text).trim().to_string()),
            Event::End(TagEnd::Heading(level)) => {
                let text = std::mem::take(&mut text);
                let text = text.trim();
                out.push(json!({ "heading": level_number(level), "text": text, "lang": script_language(text) }))
            }
            Event::End(TagEnd::Paragraph) if list_depth == 0 => {
                let text = std::mem::take(&mut text);
                let text = text.trim();
                out.push(json!({ "para": text, "lang": script_language(text) }))
            }
            Event::End(TagEnd::Paragraph) => text.push(' '),
            Event::End(TagEnd::TableCell) => row.push(std::mem::take(&mut text).trim().to_string()),
            Event::End(TagEnd::TableHead) | Event::End(TagEnd::TableRow) => rows.push(std::mem::take(&mut row)),
            Event::End(TagEnd::Table) => out.push(json!({ "table": std::mem::take(&mut rows) })),
            Event::End(TagEnd::BlockQuote(_)) => out.push(json!({ "quote": std::mem::take(&mut text).trim() })),
            Event::End(TagEnd::CodeBlock) => out.push(json!({ "code": std::mem::take(&mut text) })),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod block_tests {
    use super::*;

    #[test]
    fn blocks_keep_structure_and_link_addresses() {
        let b = blocks("## Vision\n\nText with [a link](https://example.org).\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert_eq!(b[0]["heading"], 2);
        assert_eq!(b[1]["para"], "Text with a link (https://example.org).");
        assert_eq!(b[2]["list"][1], "two");
        assert_eq!(b[3]["table"][1][0], "1");
    }
}
