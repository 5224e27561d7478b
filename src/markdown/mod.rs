//! Markdown bodies to HTML, with the rules of the content model applied:
//! `@/` links rewritten to relative URLs (or reported where they do not
//! resolve), raw HTML shown as text unless the site opts in (and the
//! editor told where), `javascript:` and `data:` targets refused, and
//! every heading given an anchor id unique on its page.

use crate::diagnostics::Code;
mod blocks;
mod ids;
pub mod parse;

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

/// The pictures among the static files, by path (see `crate::pictures`).
pub type Pictures = std::collections::BTreeMap<String, Result<crate::pictures::Picture, String>>;

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

/// An image being read: where its tag goes among the events, and what it
/// is made of.
struct OpenImage {
    at: usize,
    src: String,
    title: String,
    alt: String,
    size: Option<(u32, u32)>,
}

impl OpenImage {
    /// The image's tag: its size when known, so the page does not jump as
    /// it loads; loaded only when scrolled to unless it is the body's
    /// first (`lazy`).
    fn tag(&self, lazy: bool) -> String {
        let mut out = String::from("<img src=\"");
        let _ = pulldown_cmark_escape::escape_href(&mut out, &self.src);
        out.push_str("\" alt=\"");
        let _ = pulldown_cmark_escape::escape_html(&mut out, &self.alt);
        out.push('"');
        if !self.title.is_empty() {
            out.push_str(" title=\"");
            let _ = pulldown_cmark_escape::escape_html(&mut out, &self.title);
            out.push('"');
        }
        if let Some((width, height)) = self.size {
            out.push_str(&format!(" width=\"{width}\" height=\"{height}\""));
        }
        if lazy {
            out.push_str(" loading=\"lazy\"");
        }
        out.push_str(" decoding=\"async\">");
        out
    }
}

/// How a page shows a picture: its size, and its web copy from the site
/// root when it has one.
type Shown = (Option<(u32, u32)>, Option<String>);

/// What an image's `@/` target (at `range` of the body) is among the
/// site's pictures: how a page shows it, or the problem of showing it.
fn picture_of(pictures: &Pictures, target: &str, range: &Range<usize>) -> Result<Shown, LinkProblem> {
    let types = "a PNG, JPEG, GIF, WebP or SVG file";
    let problem =
        |code, message, help| LinkProblem { range: range.clone(), warning: false, code, message, help: Some(help) };
    match pictures.get(target) {
        Some(Ok(p)) => {
            let size = p.shown_size();
            let web = p.has_web_copy().then(|| crate::pictures::web_path(target, p));
            Ok(((size.0 > 0 && size.1 > 0).then_some(size), web))
        }
        Some(Err(why)) => Err(problem(
            Code::BadPicture,
            format!("picture `@/{target}` cannot be shown: {why}"),
            format!("replace the file with {types}, at most {} megapixels", crate::pictures::MAX_PIXELS / 1_000_000),
        )),
        None => Err(problem(
            Code::NotAPicture,
            format!("`@/{target}` is not a picture; an image shows {types}"),
            "link to it instead, `[its name](@/...)`, or show a picture of it".into(),
        )),
    }
}

/// How deeply Markdown structures (block quotes, lists and their items,
/// emphasis, links...) may sit inside each other in one body. Real
/// documents stay far below it; past it the brief's typesetter would run
/// out of stack, so it is a content error where the body crosses it.
pub const MAX_NESTING: usize = 32;

/// The longest link or image target, in bytes: what search engines and
/// sitemaps take (2,048), and far below what a PDF can hold in a string.
pub const MAX_TARGET: usize = 2048;

/// The longest word (a run of characters with no space or other place to
/// break a line), in characters: far more than any word or address, and
/// a quarter of what a PDF string can hold, which a brief's line needs.
pub const MAX_WORD: usize = 4096;

/// The most blocks (paragraphs, headings, list items, table rows, code
/// blocks) one body may hold: real bodies hold a few hundred, and a PDF
/// brief lays a block out for about a millisecond and 50 KB at most.
pub const MAX_BLOCKS: usize = 5000;

/// The largest body, in bytes (a book of some 300 pages): what a brief
/// typesets in about a second and a half and 350 MB.
pub const MAX_BODY: usize = 1024 * 1024;

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

/// `html`, a body rendered for one page with `marks`, as [`render`] writes
/// it with `id_prefix` and `resolve` (as a brief shows it, `root` empty),
/// without parsing it again: each `@/` link's address resolved anew and
/// each heading's id claimed anew with the prefix. `None` when a mark is not
/// where it should be.
pub fn retarget(
    html: &str,
    marks: &[Mark],
    id_prefix: &str,
    resolve: &dyn Fn(&str) -> Result<String, String>,
) -> Option<String> {
    let mut out = String::with_capacity(html.len() + marks.len() * 16);
    let mut taken = ids::Taken::default();
    let mut done = 0;
    for mark in marks {
        let tag = html.get(mark.at..)?;
        let (at, opening, value) = match &mark.what {
            Marked::Link(target) | Marked::Picture(target, _) => {
                let mut url = internal_href(target, "", resolve).unwrap_or_else(|_| "#".to_string());
                if let Marked::Picture(_, Some(web)) = &mark.what {
                    if let Some(prefix) = url.strip_suffix(target.as_str()) {
                        url = format!("{prefix}{web}");
                    }
                }
                let mut escaped = String::new();
                pulldown_cmark_escape::escape_href(&mut escaped, &url).ok()?;
                let opening = ["<a href=\"", "<img src=\""].into_iter().find(|o| tag.starts_with(o))?;
                (mark.at, opening.len(), escaped)
            }
            Marked::Heading(own) => {
                let id = taken.claim(format!("{id_prefix}{own}"));
                let mut escaped = String::new();
                pulldown_cmark_escape::escape_html(&mut escaped, &id).ok()?;
                let open = tag.strip_prefix('\n').unwrap_or(tag);
                let skipped = tag.len() - open.len();
                let id_at = open[..open.find('>')?].find(" id=\"")?;
                (mark.at + skipped + id_at, " id=\"".len(), escaped)
            }
        };
        let start = at + opening;
        let end = start + html.get(start..)?.find('"')?;
        out.push_str(html.get(done..start)?);
        out.push_str(&value);
        done = end;
    }
    out.push_str(&html[done..]);
    Some(out)
}

/// Whether a tag opens a block that a brief lays out on its own.
fn is_block(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::Item
            | Tag::TableRow
            | Tag::TableHead
            | Tag::CodeBlock(_)
            | Tag::HtmlBlock
    )
}

/// Where the first run of more than `max` characters without a place to
/// break a line starts: white space, or a CJK character (those scripts
/// break between any two).
fn word_longer_than(text: &str, max: usize) -> Option<usize> {
    if text.len() <= max {
        return None;
    }
    let (mut start, mut run) = (0, 0);
    for (i, c) in text.char_indices() {
        let breaks = c.is_whitespace()
            || matches!(c, '\u{2E80}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}');
        if breaks {
            run = 0;
        } else {
            if run == 0 {
                start = i;
            }
            run += 1;
            if run > max {
                return Some(start);
            }
        }
    }
    None
}

fn too_deep_problem(markdown: &str, range: &Range<usize>) -> LinkProblem {
    let line_end = markdown[range.start..range.end].find('\n').map_or(range.end, |i| range.start + i);
    LinkProblem {
        range: range.start..line_end.max(range.start + 1).min(markdown.len()),
        warning: false,
        code: Code::NestingTooDeep,
        message: format!(
            "this is nested more than {MAX_NESTING} levels deep (block quotes, lists, emphasis and links inside each other)"
        ),
        help: Some("flatten the structure: a quote or a list inside a few others reads as well".into()),
    }
}

/// The warning for raw HTML shown as text, at its first line.
fn raw_html_problem(markdown: &str, range: &Range<usize>) -> LinkProblem {
    let line_end = markdown[range.start..range.end].find('\n').map_or(range.end, |i| range.start + i);
    let tag = markdown[range.start..line_end].trim();
    LinkProblem {
        range: range.start..line_end.max(range.start + 1).min(markdown.len()),
        warning: true,
        code: Code::RawHtml,
        message: format!("raw HTML `{}` is shown as text, not as HTML", shorten(tag, 40)),
        help: Some(
            "write it in Markdown, or let HTML through for the whole site with `unsafe_html: true` in site.yaml".into(),
        ),
    }
}

/// At most `max` characters of `text`, with `…` when cut.
fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
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

#[cfg(test)]
mod tests {
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
                &RenderOptions {
                    root: "",
                    unsafe_html: false,
                    id_prefix: "session-b_",
                    heading_ids: &[],
                    pictures: None,
                },
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
}
