//! What a body may hold: how deep, how long a word or address, how many
//! blocks and bytes, as the pages and the PDF briefs can lay out; and the
//! problems at the place a body crosses a limit or holds raw HTML.

use super::LinkProblem;
use crate::diagnostics::Code;
use pulldown_cmark::Tag;
use std::ops::Range;

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

/// Whether a tag opens a block that a brief lays out on its own.
pub(super) fn is_block(tag: &Tag) -> bool {
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
pub(super) fn word_longer_than(text: &str, max: usize) -> Option<usize> {
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

pub(super) fn too_deep_problem(markdown: &str, range: &Range<usize>) -> LinkProblem {
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
pub(super) fn raw_html_problem(markdown: &str, range: &Range<usize>) -> LinkProblem {
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
pub(super) fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
    }
}
