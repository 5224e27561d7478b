//! Markdown bodies to HTML, with the rules of the content model applied:
//! `@/` links rewritten to relative URLs (or reported where they do not
//! resolve), raw HTML shown as text unless the site opts in (and the
//! editor told where), `javascript:` and `data:` targets refused, and
//! every heading given an anchor id unique on its page. Beside it: `ids`
//! (heading ids), `pictures` (images of the site's pictures), `limits`
//! (what a body may hold), `retarget` (a page's HTML shown in a brief),
//! `blocks` (the form the PDF briefs read), `parse` (the one parser).

use crate::diagnostics::Code;
mod blocks;
mod ids;
mod limits;
pub mod parse;
mod pictures;
mod retarget;
#[cfg(test)]
mod tests;

use limits::{is_block, raw_html_problem, shorten, too_deep_problem, word_longer_than};
pub use limits::{MAX_BLOCKS, MAX_BODY, MAX_NESTING, MAX_TARGET, MAX_WORD};
pub use pictures::Pictures;
use pictures::{picture_of, OpenImage};
pub use retarget::retarget;

pub use blocks::{blocks, blocks_linked};
pub use ids::{is_theme_id, THEME_IDS};

use crate::language::script_language;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};
use std::ops::Range;

/// How one body is rendered.
pub struct RenderOptions<'a> {
    /// Prefix from the page the body appears on to the site root (`../../`).
    pub root: &'a str,
    pub unsafe_html: bool,
    /// Put before every heading id, where several bodies share a page
    /// (a brief), so their ids stay unique.
    pub id_prefix: &'a str,
    /// The ids the headings take by position, where the body has as many
    /// headings (a translation takes its original's): else made from their
    /// text. A heading's own `{#id}` wins either way.
    pub heading_ids: &'a [String],
    /// The site's pictures, so an image of one gets its size and, for a
    /// large photo, its smaller web copy; and an image of a file that is
    /// not a picture is a problem. `None`: images are shown as written.
    pub pictures: Option<&'a Pictures>,
}

/// A problem in a body (a link that does not resolve, raw HTML shown as
/// text), at a byte range of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkProblem {
    pub range: Range<usize>,
    /// A warning rather than an error (raw HTML escaped).
    pub warning: bool,
    pub code: Code,
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
    /// The `@/` links that name a place in their page (`#id`), to check
    /// once every page's headings are known.
    pub fragments: Vec<Fragment>,
    /// Where the HTML holds what another page showing the same body (a
    /// brief) writes differently; `None` for a body with footnotes.
    pub marks: Option<Vec<Mark>>,
}

/// An `@/` link to a place in a page: the file it names, the id, and
/// where the link is in the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fragment {
    pub path: String,
    pub id: String,
    pub range: Range<usize>,
}

/// A place in a rendered body that depends on the page showing it: where
/// an `@/` link's or a heading's tag starts in the HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub at: usize,
    pub what: Marked,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Marked {
    /// The link's target as written, without `@/`.
    Link(String),
    /// The id the heading asked for, before it was made unique.
    Heading(String),
    /// An image's target, without `@/`, and where its web copy is from
    /// the site root when pages show one.
    Picture(String, Option<String>),
}

/// Where an `@/` target leads from a page whose way back to the site root
/// is `root`: its page (and fragment), or an anchor already inside the
/// page (a brief's, which keeps no fragment).
fn internal_href(target: &str, root: &str, resolve: &dyn Fn(&str) -> Result<String, String>) -> Result<String, String> {
    let (path, fragment) = match target.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (target, None),
    };
    Ok(match (resolve(path)?, fragment) {
        (url, _) if url.starts_with('#') => url,
        (url, Some(f)) => format!("{root}{url}#{f}"),
        (url, None) => format!("{root}{url}"),
    })
}

/// Turns heading text into an id: lowercase ASCII words joined by `-`.
pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if crate::language::is_word_char(c) {
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
    let mut fragments = Vec::new();
    let rewrite = |dest: CowStr<'_>,
                   range: &Range<usize>,
                   problems: &mut Vec<LinkProblem>,
                   fragments: &mut Vec<Fragment>|
     -> String {
        if dest.len() > MAX_TARGET {
            problems.push(LinkProblem {
                range: range.clone(),
                warning: false,
                code: Code::LinkTooLong,
                message: format!(
                    "link target `{}` is {} bytes long; a link target may be at most {MAX_TARGET}",
                    shorten(&dest, 40),
                    dest.len()
                ),
                help: Some("link to a shorter address, such as the page that holds what this one names".into()),
            });
            return "#".into();
        }
        if let Some(target) = dest.strip_prefix("@/") {
            match internal_href(target, opts.root, resolve) {
                Ok(url) => {
                    if let Some((path, id)) = target.split_once('#').filter(|(_, id)| !id.is_empty()) {
                        fragments.push(Fragment { path: path.to_string(), id: id.to_string(), range: range.clone() });
                    }
                    url
                }
                Err(why) => {
                    problems.push(LinkProblem {
                        range: range.clone(),
                        warning: false,
                        code: Code::BrokenLink,
                        message: format!("internal link `{dest}`: {why}"),
                        help: Some("internal links name a file under content/, e.g. `@/forums/2020/forum.md`".into()),
                    });
                    "#".into()
                }
            }
        } else if is_refused_scheme(&dest) {
            problems.push(LinkProblem {
                range: range.clone(),
                warning: false,
                code: Code::UnsafeLink,
                message: format!("link target `{dest}` is refused: `javascript:` and `data:` links are not allowed"),
                help: Some("link to a web address (https://...) or to a file with `@/`".into()),
            });
            "#".into()
        } else {
            dest.into_string()
        }
    };
    // The last line a raw-HTML warning was given for, counted as the
    // events go (events come in source order).
    let (mut line, mut counted_to, mut warned_line) = (0usize, 0usize, None);
    // The events of `@/` links, with their targets.
    let mut internal: Vec<(usize, Marked)> = Vec::new();
    // The image being read, and how many came before it.
    let (mut image, mut images): (Option<OpenImage>, usize) = (None, 0);
    let mut footnotes = false;
    let (mut depth, mut too_deep, mut blocks) = (0usize, false, 0usize);
    if markdown.len() > MAX_BODY {
        let at = markdown.floor_char_boundary(MAX_BODY);
        problems.push(LinkProblem {
            range: at..markdown.ceil_char_boundary(at + 1),
            warning: false,
            code: Code::BodyTooLarge,
            message: format!("the body is {} bytes long, past the {MAX_BODY} a body may hold here", markdown.len()),
            help: Some("split it into several documents (a page for an annex, say) and link them".into()),
        });
    }
    for (event, range) in parse::events(markdown) {
        match &event {
            Event::Start(tag) => {
                depth += 1;
                if depth > MAX_NESTING && !too_deep {
                    too_deep = true;
                    problems.push(too_deep_problem(markdown, &range));
                }
                if is_block(tag) {
                    blocks += 1;
                    if blocks == MAX_BLOCKS + 1 && markdown.len() <= MAX_BODY {
                        problems.push(LinkProblem {
                            range: range.start..markdown.ceil_char_boundary(range.start + 1),
                            warning: false,
                            code: Code::BodyTooLarge,
                            message: format!(
                                "the body holds more than {MAX_BLOCKS} paragraphs, list items and table rows; this is the first past it"
                            ),
                            help: Some("split it into several documents (a page for an annex, say) and link them".into()),
                        });
                    }
                }
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        // An image's text is its alternative text, not the page's.
        if let Some(open) = &mut image {
            match &event {
                Event::End(TagEnd::Image) => {
                    events[open.at] = Event::Html(open.tag(images > 0).into());
                    image = None;
                    images += 1;
                }
                Event::Text(t) | Event::Code(t) => open.alt.push_str(t),
                Event::SoftBreak | Event::HardBreak => open.alt.push(' '),
                _ => {}
            }
            continue;
        }
        if let Some(target) = internal_target(&event).filter(|_| !matches!(event, Event::Start(Tag::Image { .. }))) {
            internal.push((events.len(), Marked::Link(target.to_string())));
        }
        let event = match event {
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let dest_url = rewrite(dest_url, &range, &mut problems, &mut fragments).into();
                Event::Start(Tag::Link { link_type, dest_url, title, id })
            }
            Event::Start(Tag::Image { dest_url, title, .. }) => {
                let target = dest_url.strip_prefix("@/").map(str::to_string);
                let remote = ["http://", "https://", "//"].iter().any(|p| dest_url.to_ascii_lowercase().starts_with(p));
                let mut src = rewrite(dest_url, &range, &mut problems, &mut fragments);
                let (mut size, mut web) = (None, None);
                match (&target, opts.pictures) {
                    (Some(target), Some(pictures)) if src != "#" => match picture_of(pictures, target, &range) {
                        Ok(found) => (size, web) = found,
                        Err(problem) => problems.push(problem),
                    },
                    (None, Some(_)) if remote => problems.push(LinkProblem {
                        range: range.clone(),
                        warning: false,
                        code: Code::RemotePicture,
                        message: "this picture is on another host: pages load nothing from another host, so readers offline or behind a firewall would not see it".into(),
                        help: Some("save the picture under content/static/ and show it with `![...](@/static/...)`".into()),
                    }),
                    _ => {}
                }
                if let (Some(target), Some(web)) = (&target, &web) {
                    if let Some(prefix) = src.strip_suffix(target.as_str()) {
                        src = format!("{prefix}{web}");
                    }
                }
                if let Some(target) = target {
                    internal.push((events.len(), Marked::Picture(target, web)));
                }
                image = Some(OpenImage { at: events.len(), src, title: title.to_string(), alt: String::new(), size });
                Event::Html(CowStr::Borrowed(""))
            }
            e @ (Event::FootnoteReference(_) | Event::Start(Tag::FootnoteDefinition(_))) => {
                footnotes = true;
                e
            }
            // Raw HTML is shown as its source, line breaks kept, and the
            // editor is told where: once a block, once a line of text.
            Event::Start(Tag::HtmlBlock) if !opts.unsafe_html => {
                problems.push(raw_html_problem(markdown, &range));
                Event::Html(r#"<pre class="raw-html"><code>"#.into())
            }
            Event::End(TagEnd::HtmlBlock) if !opts.unsafe_html => Event::Html("</code></pre>\n".into()),
            Event::Html(html) if !opts.unsafe_html => Event::Text(html),
            Event::InlineHtml(html) if !opts.unsafe_html => {
                if range.start >= counted_to {
                    line += markdown[counted_to..range.start].matches('\n').count();
                    counted_to = range.start;
                }
                if warned_line != Some(line) {
                    warned_line = Some(line);
                    problems.push(raw_html_problem(markdown, &range));
                }
                Event::Text(html)
            }
            other => other,
        };
        events.push(event);
    }
    // A link target too long is already one.
    let long_target = problems.iter().any(|p| p.code == Code::LinkTooLong);
    if let Some(at) = word_longer_than(markdown, MAX_WORD).filter(|_| !long_target) {
        problems.push(LinkProblem {
            range: at..markdown.ceil_char_boundary(at + 1),
            warning: false,
            code: Code::WordTooLong,
            message: format!("a word here runs past {MAX_WORD} characters without a space"),
            help: Some("break it with spaces; a long address belongs in a link, `[its name](https://...)`".into()),
        });
    }
    let (headings, owns) = ids::assign(&mut events, opts.id_prefix, opts.heading_ids);
    mark_paragraph_languages(&mut events);
    // Each mark's event, in order, then where its HTML starts.
    let mut marked: Vec<(usize, Mark)> = internal
        .into_iter()
        .chain(owns.into_iter().map(|(i, own)| (i, Marked::Heading(own))))
        .map(|(i, what)| (i, Mark { at: 0, what }))
        .collect();
    marked.sort_by_key(|(i, _)| *i);
    let written = std::cell::Cell::new(0);
    let mut html = Counted { out: String::with_capacity(markdown.len() * 3 / 2), written: &written };
    let mut next = marked.iter_mut().peekable();
    let events = events.into_iter().enumerate().map(|(i, event)| {
        // pulldown-cmark writes each event before it takes the next.
        while let Some((_, mark)) = next.next_if(|(event, _)| *event == i) {
            mark.at = written.get();
        }
        event
    });
    let _ = pulldown_cmark::html::write_html_fmt(&mut html, events);
    let marks = (!footnotes).then(|| marked.into_iter().map(|(_, m)| m).collect());
    Rendered { html: html.out, headings, problems, fragments, marks }
}

/// A `String` that counts what is written to it.
struct Counted<'c> {
    out: String,
    written: &'c std::cell::Cell<usize>,
}

impl std::fmt::Write for Counted<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.out.push_str(s);
        self.written.set(self.out.len());
        Ok(())
    }
}

/// The target of an `@/` link or image, without `@/`.
fn internal_target<'e>(event: &'e Event) -> Option<&'e str> {
    match event {
        Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => dest_url.strip_prefix("@/"),
        _ => None,
    }
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
