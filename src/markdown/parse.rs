//! The one Markdown parse both renderers read (the HTML pages and the
//! typst briefs): pulldown-cmark's events with their byte ranges, and the
//! heading attribute block `{#id .class}` applied.
//!
//! pulldown-cmark's own heading attributes take any braces at the end of
//! a heading (`## Budget {2020}` would lose `{2020}` and gain an attribute
//! `2020`), so they are off, and only a block that is exactly ids and
//! classes is read as one; any other braces stay text.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// The Markdown extensions a body may use.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
}

/// Parses `markdown` into events and their source ranges.
pub fn events(markdown: &str) -> Vec<(Event<'_>, Range<usize>)> {
    let mut events: Vec<(Event, Range<usize>)> = Parser::new_ext(markdown, options()).into_offset_iter().collect();
    let mut i = 0;
    while i < events.len() {
        if matches!(events[i].0, Event::Start(Tag::Heading { .. })) {
            i = apply_heading_attributes(markdown, &mut events, i);
        }
        i += 1;
    }
    events
}

/// An id and classes written at the end of a heading.
#[derive(Debug, PartialEq, Eq)]
struct Attributes<'a> {
    id: Option<&'a str>,
    classes: Vec<&'a str>,
}

/// Reads `{#id .class ...}`: at most one id, any classes, each name made
/// of ASCII letters, digits, `-` and `_`, starting with a letter. Anything
/// else is not an attribute block.
fn attribute_block(inner: &str) -> Option<Attributes<'_>> {
    let name_ok = |n: &str| {
        n.starts_with(|c: char| c.is_ascii_alphabetic())
            && n.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    };
    let mut attrs = Attributes { id: None, classes: Vec::new() };
    for token in inner.split_whitespace() {
        if let Some(id) = token.strip_prefix('#').filter(|n| name_ok(n)) {
            if attrs.id.replace(id).is_some() {
                return None;
            }
        } else if let Some(class) = token.strip_prefix('.').filter(|n| name_ok(n)) {
            attrs.classes.push(class);
        } else {
            return None;
        }
    }
    (attrs.id.is_some() || !attrs.classes.is_empty()).then_some(attrs)
}

/// Takes a trailing attribute block off the heading that starts at
/// `events[start]`; returns the index of the heading's end.
fn apply_heading_attributes(markdown: &str, events: &mut Vec<(Event<'_>, Range<usize>)>, start: usize) -> usize {
    let end = (start..events.len()).find(|&j| matches!(events[j].0, Event::End(TagEnd::Heading(_))));
    let Some(end) = end else { return events.len() };
    // The heading's last run of text, as the parser split it.
    let first_text = (start + 1..end).rev().take_while(|&j| matches!(events[j].0, Event::Text(_))).last();
    let Some(first_text) = first_text else { return end };
    let text: String = events[first_text..end]
        .iter()
        .filter_map(|(e, _)| if let Event::Text(t) = e { Some(t.as_ref()) } else { None })
        .collect();
    let trimmed = text.trim_end();
    let Some(open) = trimmed.ends_with('}').then(|| trimmed.rfind('{')).flatten() else { return end };
    let Some(attrs) = attribute_block(&trimmed[open + 1..trimmed.len() - 1]) else { return end };
    // As written, not escaped: `\{#id}` stays text.
    let source = &markdown[events[first_text].1.start..events[end - 1].1.end];
    if !source.trim_end().ends_with(&trimmed[open..]) || source.contains("\\{") {
        return end;
    }
    let id = attrs.id.map(|i| CowStr::from(i.to_string()));
    let classes: Vec<CowStr> = attrs.classes.iter().map(|c| CowStr::from(c.to_string())).collect();
    let kept = text[..open].trim_end().to_string();
    let range = events[first_text].1.start..events[end - 1].1.end;
    let removed = end - first_text;
    events.drain(first_text..end);
    let mut end = end - removed;
    if !kept.is_empty() {
        events.insert(first_text, (Event::Text(kept.into()), range));
        end += 1;
    }
    if let Event::Start(Tag::Heading { id: heading_id, classes: heading_classes, .. }) = &mut events[start].0 {
        *heading_id = id;
        *heading_classes = classes;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heading(md: &str) -> (Option<String>, Vec<String>, String) {
        let events = events(md);
        let (id, classes) = match &events[0].0 {
            Event::Start(Tag::Heading { id, classes, .. }) => {
                (id.as_ref().map(|i| i.to_string()), classes.iter().map(|c| c.to_string()).collect())
            }
            other => panic!("not a heading: {other:?}"),
        };
        let text = events
            .iter()
            .filter_map(|(e, _)| if let Event::Text(t) = e { Some(t.to_string()) } else { None })
            .collect();
        (id, classes, text)
    }

    #[test]
    fn an_id_and_classes_block_is_read() {
        assert_eq!(heading("## Emerging trends {#trends}"), (Some("trends".into()), vec![], "Emerging trends".into()));
        assert_eq!(heading("## A *b* {#x .wide .note}").1, vec!["wide".to_string(), "note".to_string()]);
    }

    #[test]
    fn other_braces_stay_text() {
        for md in ["## Budget {2020}", "## Set {a, b}", "## Set {}", "## Two {#a #b}", "## Esc \\{#x}", "## {#1x}"] {
            let (id, classes, text) = heading(md);
            assert_eq!((id, classes.len()), (None, 0), "{md}");
            let shown = md.trim_start_matches("## ").replace("\\{", "{");
            assert_eq!(text, shown, "{md}");
        }
    }
}
