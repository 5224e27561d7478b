//! A body as a tree of plain blocks for typesetters that do not read
//! Markdown (the typst briefs): headings, paragraphs, lists (nested,
//! ordered or not), block quotes holding blocks, tables with a header
//! row, code, and footnotes. A paragraph keeps its emphasis, strong text,
//! inline code, struck text and web links as runs; a web link keeps its
//! address after its text too, as on paper.
//!
//! The shapes, as JSON: `{"heading": level, "text", "lang"}`, `{"para",
//! "runs"?, "lang"}` (`runs` only where the text is not all plain: each
//! `[text, styles, link]`, styles a string of `i` italic, `b` bold, `c`
//! code, `s` struck, link an address or null), `{"list": [[block...]...],
//! "start": n | null}`, `{"quote": [block...]}`, `{"code"}`, `{"table":
//! {"head": [cell...], "rows": [[cell...]...]}}`, `{"note": n, "blocks":
//! [block...]}`.

use super::{level_number, parse};
use crate::language::script_language;
use pulldown_cmark::{Event, Tag, TagEnd};
use serde_json::{json, Value};
use std::collections::HashMap;

/// A container being filled: the blocks so far, and what closes it.
enum Frame {
    Root,
    Item,
    List {
        start: Option<u64>,
        items: Vec<Value>,
    },
    Quote,
    Note(usize),
    /// A container past `MAX_LEVELS`: its blocks join the one around it.
    Flat,
}

/// How many lists, quotes and notes a brief shows inside each other;
/// deeper ones are laid flat into the innermost shown, their text kept.
/// A typesetter's stack has room for this many whatever the template
/// (typst's limit on nested show rules is reached near 14 nested quotes).
pub const MAX_LEVELS: usize = 8;

struct Builder {
    /// Open containers, innermost last, each with its blocks so far.
    stack: Vec<(Frame, Vec<Value>)>,
    /// The inline text being gathered.
    text: String,
    /// The same text as runs of one style and link each.
    runs: Vec<(String, String, Option<String>)>,
    /// Open emphasis, strong, code and strikethrough.
    italic: usize,
    bold: usize,
    struck: usize,
    link: Option<String>,
    head: Vec<String>,
    rows: Vec<Vec<String>>,
    row: Vec<String>,
    notes: HashMap<String, usize>,
}

impl Builder {
    fn push(&mut self, block: Value) {
        if let Some((_, blocks)) = self.stack.last_mut() {
            blocks.push(block);
        }
    }

    /// Adds inline text in the current style (`code`: inline code).
    fn inline(&mut self, text: &str, code: bool) {
        self.text.push_str(text);
        let mut styles = String::new();
        for (on, flag) in [(self.italic > 0, 'i'), (self.bold > 0, 'b'), (code, 'c'), (self.struck > 0, 's')] {
            if on {
                styles.push(flag);
            }
        }
        let link =
            self.link.clone().filter(|u| is_web_address(u) || u.starts_with("#session-") || u.starts_with("#annex-"));
        match self.runs.last_mut() {
            Some((t, s, l)) if *s == styles && *l == link => t.push_str(text),
            _ => self.runs.push((text.to_string(), styles, link)),
        }
    }

    /// Text gathered outside a paragraph (a tight list item) becomes one.
    fn flush(&mut self) {
        let text = std::mem::take(&mut self.text);
        let runs = std::mem::take(&mut self.runs);
        let text = text.trim();
        if !text.is_empty() {
            let mut para = json!({ "para": text, "lang": script_language(text) });
            if runs.iter().any(|(_, styles, link)| !styles.is_empty() || link.is_some()) {
                let runs: Vec<Value> = runs.into_iter().map(|(t, s, l)| json!([t, s, l])).collect();
                para["runs"] = Value::Array(runs);
            }
            self.push(para);
        }
    }

    /// Takes the text gathered so far, as a heading, cell or code takes it.
    fn take_text(&mut self) -> String {
        self.runs.clear();
        std::mem::take(&mut self.text)
    }

    fn open(&mut self, frame: Frame) {
        self.flush();
        let levels =
            self.stack.iter().filter(|(f, _)| matches!(f, Frame::List { .. } | Frame::Quote | Frame::Note(_))).count();
        let flat = match frame {
            Frame::Item => matches!(self.stack.last(), Some((Frame::Flat, _))),
            Frame::List { .. } | Frame::Quote | Frame::Note(_) => levels >= MAX_LEVELS,
            Frame::Root | Frame::Flat => false,
        };
        self.stack.push((if flat { Frame::Flat } else { frame }, Vec::new()));
    }

    fn close(&mut self) {
        self.flush();
        let Some((frame, blocks)) = self.stack.pop() else { return };
        match frame {
            Frame::Item => {
                if let Some((Frame::List { items, .. }, _)) = self.stack.last_mut() {
                    items.push(Value::Array(blocks));
                }
            }
            Frame::List { start, items } => self.push(json!({ "list": items, "start": start })),
            Frame::Quote => self.push(json!({ "quote": blocks })),
            Frame::Note(n) => self.push(json!({ "note": n, "blocks": blocks })),
            Frame::Root => self.stack.push((Frame::Root, blocks)),
            Frame::Flat => {
                if let Some((_, outer)) = self.stack.last_mut() {
                    outer.extend(blocks);
                }
            }
        }
    }

    fn note_number(&mut self, name: &str) -> usize {
        let next = self.notes.len() + 1;
        *self.notes.entry(name.to_string()).or_insert(next)
    }
}

/// Where an `@/` link (its target, without `@/`) leads from a brief: a
/// web address, or `#session-...` / `#annex-...` for a section of the
/// brief itself;
/// `None` where the page has no address a reader of paper can use.
pub type Resolve<'r> = &'r dyn Fn(&str) -> Option<String>;

/// An address a reader of paper can type: the web or mail, not a place
/// in the site (which the brief names by its text).
fn is_web_address(url: &str) -> bool {
    url.starts_with("http://") || url.starts_with("https://") || url.starts_with("mailto:")
}

/// What a brief embeds for an image's `@/` target (without `@/`): the
/// name the typesetter reads its bytes by and its natural width in
/// points; `None` where the target is no picture (its alternative text
/// is shown instead).
pub type PictureFor<'r> = &'r dyn Fn(&str) -> Option<(String, f64)>;

/// The blocks of `markdown`, its `@/` links left as text, its images as
/// their alternative text.
pub fn blocks(markdown: &str) -> Vec<Value> {
    blocks_linked(markdown, &|_| None, &|_| None)
}

/// The blocks of `markdown`, each `@/` link leading where `resolve` says,
/// each image of a picture a block of its own (`{"image": name, "alt",
/// "width"}`, as `picture` says).
pub fn blocks_linked(markdown: &str, resolve: Resolve, picture: PictureFor) -> Vec<Value> {
    let mut b = Builder {
        stack: vec![(Frame::Root, Vec::new())],
        text: String::new(),
        runs: Vec::new(),
        italic: 0,
        bold: 0,
        struck: 0,
        link: None,
        head: Vec::new(),
        rows: Vec::new(),
        row: Vec::new(),
        notes: HashMap::new(),
    };
    // The image being read (its picture and alternative text so far), and
    // whether the text is a heading's or a cell's, which hold no block.
    let mut image: Option<(Option<(String, f64)>, String)> = None;
    let mut inline_only = false;
    for (event, _) in parse::events(markdown) {
        if let Some((found, alt)) = &mut image {
            match event {
                Event::End(TagEnd::Image) => {
                    let (found, alt) = (found.take(), std::mem::take(alt));
                    image = None;
                    match found {
                        Some((name, width)) => {
                            b.flush();
                            b.push(json!({ "image": name, "alt": alt.trim(), "width": width }));
                        }
                        None => b.inline(&alt, false),
                    }
                }
                Event::Text(t) | Event::Code(t) => alt.push_str(&t),
                Event::SoftBreak | Event::HardBreak => alt.push(' '),
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::Image { dest_url, .. }) => {
                let found = dest_url.strip_prefix("@/").filter(|_| !inline_only).and_then(picture);
                image = Some((found, String::new()));
            }
            Event::Start(Tag::TableCell | Tag::Heading { .. }) => {
                inline_only = true;
                finish(&mut b, event, resolve);
            }
            Event::End(TagEnd::TableCell | TagEnd::Heading(_)) => {
                inline_only = false;
                finish(&mut b, event, resolve);
            }
            event => finish(&mut b, event, resolve),
        }
    }
    while b.stack.len() > 1 {
        b.close();
    }
    b.flush();
    b.stack.pop().map(|(_, blocks)| blocks).unwrap_or_default()
}

/// Takes one event of a body (an image's aside) into the blocks.
fn finish(b: &mut Builder, event: Event, resolve: Resolve) {
    {
        match event {
            Event::Text(t) | Event::InlineHtml(t) | Event::InlineMath(t) => b.inline(&t, false),
            Event::Code(t) => b.inline(&t, true),
            Event::Html(t) => b.text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => b.inline(" ", false),
            Event::FootnoteReference(name) => {
                let n = b.note_number(&name);
                b.inline(&format!("[{n}]"), false);
            }
            Event::Start(Tag::Emphasis) => b.italic += 1,
            Event::End(TagEnd::Emphasis) => b.italic = b.italic.saturating_sub(1),
            Event::Start(Tag::Strong) => b.bold += 1,
            Event::End(TagEnd::Strong) => b.bold = b.bold.saturating_sub(1),
            Event::Start(Tag::Strikethrough) => b.struck += 1,
            Event::End(TagEnd::Strikethrough) => b.struck = b.struck.saturating_sub(1),
            Event::Start(Tag::Link { dest_url, link_type, .. }) => {
                b.link = match dest_url.strip_prefix("@/") {
                    Some(target) => resolve(target),
                    // `<name@example.org>`: its address is a mail address.
                    None if link_type == pulldown_cmark::LinkType::Email => Some(format!("mailto:{dest_url}")),
                    None => Some(dest_url.into_string()),
                }
            }
            Event::End(TagEnd::Link) => {
                if let Some(url) = b.link.take().filter(|u| u.starts_with("http")) {
                    if !b.text.ends_with(&url) {
                        // A left-to-right isolate: on a right-to-left
                        // page the address reads as written. (The runs
                        // carry the address with the link's text.)
                        b.text.push_str(&format!(" \u{2066}({url})\u{2069}"));
                    }
                }
            }
            Event::Start(Tag::List(start)) => b.open(Frame::List { start, items: Vec::new() }),
            Event::Start(Tag::Item) => b.open(Frame::Item),
            Event::Start(Tag::BlockQuote(_)) => b.open(Frame::Quote),
            Event::Start(Tag::FootnoteDefinition(name)) => {
                let n = b.note_number(&name);
                b.open(Frame::Note(n));
            }
            Event::End(TagEnd::List(_) | TagEnd::Item | TagEnd::BlockQuote(_) | TagEnd::FootnoteDefinition) => {
                b.close()
            }
            Event::Start(Tag::Heading { .. } | Tag::CodeBlock(_) | Tag::Table(_) | Tag::HtmlBlock) => b.flush(),
            Event::End(TagEnd::Heading(level)) => {
                let text = b.take_text();
                let text = text.trim();
                b.push(json!({ "heading": level_number(level), "text": text, "lang": script_language(text) }));
            }
            Event::End(TagEnd::Paragraph) => b.flush(),
            Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock) => {
                let code = b.take_text();
                b.push(json!({ "code": code }));
            }
            Event::End(TagEnd::TableCell) => {
                let cell = b.take_text().trim().to_string();
                b.row.push(cell);
            }
            Event::End(TagEnd::TableHead) => b.head = std::mem::take(&mut b.row),
            Event::End(TagEnd::TableRow) => {
                let row = std::mem::take(&mut b.row);
                b.rows.push(row);
            }
            Event::End(TagEnd::Table) => {
                let head = std::mem::take(&mut b.head);
                let width = head.len();
                let rows: Vec<Vec<String>> = std::mem::take(&mut b.rows)
                    .into_iter()
                    .map(|mut r| {
                        r.resize(width, String::new());
                        r
                    })
                    .collect();
                b.push(json!({ "table": { "head": head, "rows": rows } }));
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_keep_structure_and_link_addresses() {
        let b = blocks("## Vision\n\nText with [a link](https://example.org).\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert_eq!(b[0]["heading"], 2);
        assert_eq!(b[1]["para"], "Text with a link \u{2066}(https://example.org)\u{2069}.");
        assert_eq!(
            b[1]["runs"],
            json!([["Text with ", "", null], ["a link", "", "https://example.org"], [".", "", null]])
        );
        assert_eq!(b[2]["list"][1][0]["para"], "two");
        assert_eq!(b[3]["table"]["head"], json!(["a", "b"]));
        assert_eq!(b[3]["table"]["rows"][0][0], "1");
    }

    #[test]
    fn emphasis_strong_code_and_strikethrough_are_kept_as_runs() {
        let b = blocks("Plain, *italic*, **bold *both***, `code` and ~~gone~~.\n\nAll plain.\n");
        assert_eq!(
            b[0]["runs"],
            json!([
                ["Plain, ", "", null],
                ["italic", "i", null],
                [", ", "", null],
                ["bold ", "b", null],
                ["both", "ib", null],
                [", ", "", null],
                ["code", "c", null],
                [" and ", "", null],
                ["gone", "s", null],
                [".", "", null]
            ])
        );
        assert_eq!(b[0]["para"], "Plain, italic, bold both, code and gone.");
        assert!(b[1].get("runs").is_none(), "a plain paragraph is its text alone");
    }

    #[test]
    fn links_to_pages_of_the_site_lead_where_the_brief_says() {
        let resolve = |target: &str| match target {
            "pages/prizes.md" => Some("https://example.org/wsis/pages/prizes/index.html".to_string()),
            "forums/2020/hlt/e-health.md" => Some("#session-e-health".to_string()),
            _ => None,
        };
        let b = blocks_linked(
            "See [the prizes](@/pages/prizes.md), [e-health](@/forums/2020/hlt/e-health.md) and [x](@/pages/x.md).\n",
            &resolve,
            &|_| None,
        );
        assert_eq!(b[0]["runs"][1], json!(["the prizes", "", "https://example.org/wsis/pages/prizes/index.html"]));
        assert_eq!(b[0]["runs"][3], json!(["e-health", "", "#session-e-health"]));
        assert_eq!(b[0]["runs"][4], json!([" and x.", "", null]), "a page with no address stays text");
        let mail = blocks("Write to <wsis-info@itu.int>.\n");
        assert_eq!(mail[0]["runs"][1], json!(["wsis-info@itu.int", "", "mailto:wsis-info@itu.int"]));
    }

    #[test]
    fn a_picture_is_a_block_of_its_own_and_elsewhere_its_alternative_text() {
        let picture = |target: &str| (target == "static/a.png").then(|| ("/pictures/1.png".to_string(), 144.0));
        let b = blocks_linked(
            "Before ![A *chart*](@/static/a.png) after.\n\n| ![In a cell](@/static/a.png) |\n|---|\n\n![Gone](@/static/b.pdf)\n",
            &|_| None,
            &picture,
        );
        assert_eq!(b[0]["para"], "Before");
        assert_eq!(b[1], json!({ "image": "/pictures/1.png", "alt": "A chart", "width": 144.0 }));
        assert_eq!(b[2]["para"], "after.");
        assert_eq!(b[3]["table"]["head"][0], "In a cell", "a cell holds text, not a figure");
        assert_eq!(b[4]["para"], "Gone", "no picture: its alternative text");
    }

    #[test]
    fn quotes_hold_their_text_and_nested_lists_stay_nested() {
        let b = blocks("> Quoted words.\n>\n> More.\n\n1. one\n   - inner a\n   - inner b\n2. two\n");
        assert_eq!(b[0]["quote"][0]["para"], "Quoted words.");
        assert_eq!(b[0]["quote"][1]["para"], "More.");
        assert_eq!(b.len(), 2, "{b:?}");
        let list = &b[1]["list"];
        assert_eq!(b[1]["start"], 1);
        assert_eq!(list[0][0]["para"], "one");
        assert_eq!(list[0][1]["list"][1][0]["para"], "inner b");
        assert_eq!(list[1][0]["para"], "two");
    }

    #[test]
    fn containers_past_the_levels_a_brief_shows_are_laid_flat_with_their_text() {
        let deep = format!("{}Deep.\n", "> ".repeat(30));
        let mut b = blocks(&deep)[0].clone();
        for _ in 1..MAX_LEVELS {
            b = b["quote"][0].clone();
        }
        assert_eq!(b["quote"][0]["para"], "Deep.", "{b}");
        let lists: String = (0..20).map(|i| format!("{}- item {i}\n", "  ".repeat(i))).collect();
        let text = blocks(&lists)[0].to_string();
        assert!((0..20).all(|i| text.contains(&format!("\"item {i}\""))), "{text}");
        assert_eq!(text.matches("\"list\"").count(), MAX_LEVELS);
    }

    #[test]
    fn braces_in_headings_are_text_and_footnotes_are_numbered() {
        let b = blocks("## Budget {2020}\n\nSee[^a].\n\n[^a]: The note.\n");
        assert_eq!(b[0]["text"], "Budget {2020}");
        assert_eq!(b[1]["para"], "See[1].");
        assert_eq!(b[2]["note"], 1);
        assert_eq!(b[2]["blocks"][0]["para"], "The note.");
    }
}
