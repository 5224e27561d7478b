//! A body's translatable segments: the text of each block (paragraph,
//! heading, list item, table cell) with its inline markup (emphasis, the
//! two halves of a link and its target, code, footnote references, line
//! breaks) taken out as numbered placeholders, and the reverse: a
//! translated segment put back into the body's Markdown. What is not text
//! (the list markers, a heading's `#`, code blocks, HTML) stays where it is.

use crate::markdown::parse;
use pulldown_cmark::{Event, Tag, TagEnd};
use std::ops::Range;

/// A piece of a segment: text to translate, or markup kept as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    /// Placeholder `n` (from 1) of the segment.
    Code(usize),
}

/// One block's text in a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// Where it is in the body's Markdown.
    pub range: Range<usize>,
    pub pieces: Vec<Piece>,
    /// Each placeholder's Markdown, placeholder `n` at `n - 1`.
    pub codes: Vec<String>,
    /// Its Markdown as written, whose inline markup a translation must
    /// keep (parsed again only when a translation is taken in).
    markdown: String,
}

impl Segment {
    /// Its text with placeholders written `{n}`, for comparing two
    /// versions of a source.
    pub fn key(&self) -> String {
        key_of(&self.pieces)
    }

    /// Whether it holds any text to translate (not only markup or spaces).
    pub fn has_text(&self) -> bool {
        self.pieces.iter().any(|p| matches!(p, Piece::Text(t) if t.chars().any(char::is_alphanumeric)))
    }

    /// The Markdown of a translation of it, or why it breaks the markup:
    /// each placeholder must be there once, and the markup they make must
    /// keep the original's shape (a link still a link around some text).
    pub fn markdown_of(&self, pieces: &[Piece]) -> Result<String, String> {
        let mut seen = vec![0usize; self.codes.len()];
        let mut out = String::new();
        for piece in pieces {
            match piece {
                Piece::Text(text) => escape_into(text, out.is_empty(), &mut out),
                Piece::Code(n) => {
                    let code = n
                        .checked_sub(1)
                        .and_then(|i| self.codes.get(i))
                        .ok_or_else(|| format!("placeholder {n} is not in the source (it has {})", self.codes.len()))?;
                    seen[n - 1] += 1;
                    out.push_str(code);
                }
            }
        }
        if let Some(i) = seen.iter().position(|&count| count != 1) {
            let what = if seen[i] == 0 { "is missing" } else { "is there more than once" };
            return Err(format!("placeholder {} {what}: each of the source's must be there once", i + 1));
        }
        if shape(&out) != shape(&self.markdown) {
            return Err("its placeholders are out of order: the markup they make is not the source's".into());
        }
        Ok(out)
    }
}

/// `pieces` as text, each placeholder written `{n}`.
pub fn key_of(pieces: &[Piece]) -> String {
    let mut out = String::new();
    for p in pieces {
        match p {
            Piece::Text(t) => out.push_str(t),
            Piece::Code(n) => out.push_str(&format!("{{{n}}}")),
        }
    }
    out
}

/// The blocks whose inline content is text to translate.
fn is_text_block(tag: &Tag) -> bool {
    matches!(tag, Tag::Paragraph | Tag::Heading { .. } | Tag::TableCell | Tag::Item)
}

/// The segments of `markdown`, in order.
pub fn segments(markdown: &str) -> Vec<Segment> {
    let events = parse::events(markdown);
    let mut out = Vec::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(tag) = &events[i].0 {
            if is_text_block(tag) {
                let end = block_end(&events, i);
                // A loose list item's text is in its paragraphs; a tight
                // one's is its own.
                let inline: Vec<&(Event, Range<usize>)> =
                    events[i + 1..end].iter().take_while(|(e, _)| is_inline(e)).collect();
                if let Some(segment) = segment(markdown, &inline) {
                    out.push(segment);
                }
                i += 1 + inline.len();
                continue;
            }
        }
        i += 1;
    }
    out
}

/// Where the block started at `start` ends.
fn block_end(events: &[(Event, Range<usize>)], start: usize) -> usize {
    let mut depth = 0;
    for (i, (e, _)) in events.iter().enumerate().skip(start) {
        match e {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    events.len()
}

/// Whether an event is inline content (not a block opening or closing).
fn is_inline(e: &Event) -> bool {
    match e {
        Event::Start(tag) => {
            matches!(tag, Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. })
        }
        Event::End(tag) => {
            matches!(tag, TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link | TagEnd::Image)
        }
        Event::Text(_)
        | Event::Code(_)
        | Event::InlineHtml(_)
        | Event::FootnoteReference(_)
        | Event::SoftBreak
        | Event::HardBreak
        | Event::InlineMath(_) => true,
        _ => false,
    }
}

/// A segment of the inline events of one block: its text pieces, and
/// the Markdown between them as placeholders.
fn segment(markdown: &str, inline: &[&(Event, Range<usize>)]) -> Option<Segment> {
    let start = inline.iter().map(|(_, r)| r.start).min()?;
    let end = inline.iter().map(|(_, r)| r.end).max()?;
    let mut pieces: Vec<Piece> = Vec::new();
    let mut codes: Vec<String> = Vec::new();
    let mut at = start;
    let code = |from: usize, to: usize, pieces: &mut Vec<Piece>, codes: &mut Vec<String>| {
        // A backslash that escapes the next character is part of the text.
        if to > from && !markdown[from..to].chars().all(|c| c == '\\') {
            let text = &markdown[from..to];
            // Markup next to markup is one placeholder.
            if let (Some(Piece::Code(_)), Some(last)) = (pieces.last(), codes.last_mut()) {
                last.push_str(text);
            } else {
                codes.push(text.to_string());
                pieces.push(Piece::Code(codes.len()));
            }
        }
    };
    for (e, r) in inline {
        let text = match e {
            Event::Text(t) => t.to_string(),
            // A line break inside a paragraph is a space to a translator.
            Event::SoftBreak => " ".to_string(),
            _ => continue,
        };
        if r.start < at {
            continue;
        }
        code(at, r.start, &mut pieces, &mut codes);
        match pieces.last_mut() {
            Some(Piece::Text(last)) => last.push_str(&text),
            _ => pieces.push(Piece::Text(text)),
        }
        at = r.end;
    }
    code(at, end, &mut pieces, &mut codes);
    Some(Segment { range: start..end, pieces, codes, markdown: markdown[start..end].to_string() })
}

/// The inline markup of `markdown` without its text: what a translation
/// must keep.
fn shape(markdown: &str) -> Vec<String> {
    parse::events(markdown)
        .into_iter()
        .filter_map(|(e, _)| match e {
            Event::Text(_) | Event::SoftBreak => None,
            Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => None,
            other => Some(format!("{other:?}")),
        })
        .collect()
}

/// Writes translated `text` as Markdown that reads back as that text: the
/// characters Markdown gives a meaning escaped, line breaks as spaces.
fn escape_into(text: &str, at_start: bool, out: &mut String) {
    let mut chars = text.chars().peekable();
    let mut first = at_start;
    while let Some(c) = chars.next() {
        match c {
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '|' | '~' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '!' if chars.peek() == Some(&'[') => out.push_str("\\!"),
            '&' if chars.peek().is_some_and(|n| n.is_ascii_alphanumeric() || *n == '#') => out.push_str("\\&"),
            // A segment that starts with a list marker or a number and a
            // dot would start a list.
            '-' | '+' | '=' if first => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
        if first && c.is_ascii_digit() {
            // `1.` or `1)` at the start: escape the mark after the digits.
            while let Some(d) = chars.next_if(char::is_ascii_digit) {
                out.push(d);
            }
            if let Some(mark) = chars.next_if(|m| *m == '.' || *m == ')') {
                out.push('\\');
                out.push(mark);
            }
        }
        first = false;
    }
}

/// `body` with each segment's range replaced by the Markdown given for it
/// (segments in order, as [`segments`] returns them).
pub fn splice(body: &str, replaced: &[(Range<usize>, String)]) -> String {
    let mut out = String::with_capacity(body.len());
    let mut at = 0;
    for (range, markdown) in replaced {
        out.push_str(&body[at..range.start]);
        out.push_str(markdown);
        at = range.end;
    }
    out.push_str(&body[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &Segment) -> String {
        key_of(&s.pieces)
    }

    #[test]
    fn blocks_become_segments_and_markup_placeholders() {
        let body = "## Recommendations\n\nParticipants called for **affordable** connectivity,\nsee the [report](@/pages/about.md).\n\n- one `code` item\n- two\n\n| A | B |\n|---|---|\n| x | y |\n\n```\nnot text\n```\n";
        let all = segments(body);
        let keys: Vec<String> = all.iter().map(texts).collect();
        assert_eq!(
            keys,
            [
                "Recommendations",
                "Participants called for {1}affordable{2} connectivity, see the {3}report{4}.",
                "one {1} item",
                "two",
                "A",
                "B",
                "x",
                "y"
            ]
        );
        assert_eq!(all[1].codes, ["**", "**", "[", "](@/pages/about.md)"]);
        assert_eq!(all[2].codes, ["`code`"]);
    }

    #[test]
    fn a_translation_goes_back_in_place_and_broken_placeholders_are_refused() {
        let body =
            "Intro.\n\nParticipants called for **affordable** connectivity, see the [report](@/pages/about.md).\n";
        let all = segments(body);
        let s = &all[1];
        let fr = [
            Piece::Text("Les participants ont appelé à une connectivité ".into()),
            Piece::Code(1),
            Piece::Text("abordable".into()),
            Piece::Code(2),
            Piece::Text(", voir le ".into()),
            Piece::Code(3),
            Piece::Text("rapport".into()),
            Piece::Code(4),
            Piece::Text(" (*sic*) & co.".into()),
        ];
        let md = s.markdown_of(&fr).unwrap();
        assert_eq!(
            md,
            "Les participants ont appelé à une connectivité **abordable**, voir le [rapport](@/pages/about.md) (\\*sic\\*) & co."
        );
        let spliced = splice(body, &[(all[0].range.clone(), "Intro FR.".into()), (s.range.clone(), md)]);
        assert!(spliced.starts_with("Intro FR.\n\nLes participants"), "{spliced}");
        let again = segments(&spliced);
        assert_eq!(texts(&again[1]).matches('{').count(), 4, "the markup reads back as the source's");
        // Placeholders missing, repeated, unknown or swapped are refused.
        let missing = [Piece::Text("x".into()), Piece::Code(1), Piece::Code(2), Piece::Code(3)];
        assert!(s.markdown_of(&missing).unwrap_err().contains("placeholder 4 is missing"));
        let twice = [Piece::Code(1), Piece::Code(1), Piece::Code(2), Piece::Code(3), Piece::Code(4)];
        assert!(s.markdown_of(&twice).unwrap_err().contains("more than once"));
        let unknown = [Piece::Code(9)];
        assert!(s.markdown_of(&unknown).unwrap_err().contains("placeholder 9 is not in the source"));
        let swapped = [
            Piece::Code(1),
            Piece::Text("a".into()),
            Piece::Code(2),
            Piece::Code(4),
            Piece::Text("b".into()),
            Piece::Code(3),
        ];
        assert!(s.markdown_of(&swapped).unwrap_err().contains("out of order"));
    }

    #[test]
    fn text_that_looks_like_markup_stays_text() {
        let s = &segments("Plain text.\n")[0];
        for text in [
            "# not a heading",
            "- not a list",
            "1. not a list",
            "<b>not html</b>",
            "a_b * c [d](e) `f`",
            "&amp; ![x](y)",
        ] {
            let md = s.markdown_of(&[Piece::Text(text.into())]).unwrap();
            let back = segments(&format!("{md}\n"));
            assert_eq!(back.len(), 1, "{text}: one paragraph");
            assert_eq!(texts(&back[0]), text, "{text} reads back as itself from {md}");
        }
    }
}
