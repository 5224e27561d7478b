//! YAML to a tree of nodes that remember where they were written.
//!
//! serde_yaml's `Value` forgets positions and its typed deserialisation
//! stops at the first mistake; editors need every mistake with its line.
//! So we read yaml-rust2's event stream (a maintained YAML 1.2 parser that
//! marks every event with its position) into our own small tree.
//!
//! Guards, so no input can exhaust memory or the stack: aliases are
//! refused (editors never need them, and they are how "billion laughs"
//! bombs work), nesting deeper than `MAX_DEPTH` is refused, and the tree is
//! built with an explicit stack, never recursion.

use crate::source::Span;
use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::TScalarStyle;

/// Deeper than any real front matter; deep enough for every field we know.
pub const MAX_DEPTH: usize = 32;

/// A YAML value with the place it starts at.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `~`, `null` or nothing at all.
    Null,
    /// Any scalar; `quoted` says whether the editor quoted it.
    Scalar {
        text: String,
        quoted: bool,
    },
    Seq(Vec<Node>),
    /// Keys in the order written (duplicates are kept for the validator).
    Map(Vec<(Node, Node)>),
}

impl Node {
    /// A word for messages: "a list", "a mapping", "text", "nothing".
    pub fn kind_name(&self) -> &'static str {
        match &self.value {
            Value::Null => "nothing",
            Value::Scalar { .. } => "a single value",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping (key: value lines)",
        }
    }
}

/// A YAML syntax or limit error, with its place in the YAML text.
#[derive(Debug, Clone, PartialEq)]
pub struct YamlError {
    pub message: String,
    pub span: Span,
}

enum Frame {
    Seq(Span, Vec<Node>),
    Map(Span, Vec<(Node, Node)>, Option<Node>),
}

/// The 1-based line and 0-based column of the character at `index` of
/// `text`, clamped to the text: an index past the end is its last place.
fn place(text: &str, index: usize) -> (usize, usize) {
    let offset = text.char_indices().nth(index).map_or(text.len(), |(i, _)| i);
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count());
    if offset == text.len() && text.ends_with('\n') && line > 1 {
        // Past a final line break: point at the end of the last line.
        let last = text[..text.len() - 1].rsplit('\n').next().map_or(0, |l| l.chars().count());
        return (line - 1, last);
    }
    (line, col)
}

/// Parses one YAML document. `first_line` is the file line where the YAML
/// text starts, so spans come out in file coordinates. Plain front matter
/// is read by the quick reader (`plain_yaml`); the rest, and every
/// mistake, by yaml-rust2.
pub fn parse(text: &str, first_line: usize) -> Result<Node, YamlError> {
    match super::plain_yaml::parse(text, first_line) {
        Some(node) => Ok(node),
        None => parse_fully(text, first_line),
    }
}

/// Parses one YAML document with yaml-rust2, whatever it holds.
pub(super) fn parse_fully(text: &str, first_line: usize) -> Result<Node, YamlError> {
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Frame> = Vec::new();
    let mut root: Option<Node> = None;
    let at = |line: usize, col: usize, len: usize| Span::new(line + first_line - 1, col + 1, len);
    loop {
        let (event, mark) = parser.next_token().map_err(|e| {
            // Placed from the text itself: the scanner's own line count can
            // run past the end (an error at the end of a file with no final
            // line break).
            let (line, col) = place(text, e.marker().index());
            YamlError { message: describe_scan_error(e.info()), span: at(line, col, 1) }
        })?;
        let span = at(mark.line(), mark.col(), 1);
        let finished = match event {
            Event::StreamEnd => break,
            Event::Nothing | Event::StreamStart | Event::DocumentEnd => None,
            Event::DocumentStart => {
                if root.is_some() {
                    // A second document would otherwise be dropped unseen.
                    return Err(YamlError {
                        message:
                            "a second YAML document starts here; this file holds one (remove the `...` or `---` line)"
                                .into(),
                        span,
                    });
                }
                None
            }
            Event::Alias(_) => {
                return Err(YamlError {
                    message: "YAML aliases (`*name`) are not supported here; write the value out in full".into(),
                    span,
                })
            }
            Event::Scalar(text, style, anchor, _) => {
                if anchor > 0 {
                    return Err(anchor_error(span));
                }
                let quoted = !matches!(style, TScalarStyle::Plain);
                let value = if !quoted && is_null(&text) { Value::Null } else { Value::Scalar { text, quoted } };
                let len = match &value {
                    Value::Scalar { text, .. } => text.lines().next().map_or(1, |l| l.chars().count()),
                    _ => 1,
                };
                Some(Node { value, span: Span { len: len.max(1), ..span } })
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if anchor > 0 {
                    return Err(anchor_error(span));
                }
                if stack.len() >= MAX_DEPTH {
                    return Err(YamlError {
                        message: format!("nesting deeper than {MAX_DEPTH} levels is not supported"),
                        span,
                    });
                }
                stack.push(if matches!(event, Event::SequenceStart(..)) {
                    Frame::Seq(span, Vec::new())
                } else {
                    Frame::Map(span, Vec::new(), None)
                });
                None
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                Some(Frame::Seq(span, items)) => Some(Node { value: Value::Seq(items), span }),
                Some(Frame::Map(span, entries, _)) => {
                    // Point at the first key: the parser marks a block
                    // mapping after its first key, which reads oddly.
                    let span = entries.first().map_or(span, |(k, _)| Span { len: 1, ..k.span });
                    Some(Node { value: Value::Map(entries), span })
                }
                None => None,
            },
        };
        if let Some(node) = finished {
            match stack.last_mut() {
                Some(Frame::Seq(_, items)) => items.push(node),
                Some(Frame::Map(_, entries, pending)) => match pending.take() {
                    Some(key) => entries.push((key, node)),
                    None => *pending = Some(node),
                },
                None => root = Some(node),
            }
        }
    }
    Ok(root.unwrap_or(Node { value: Value::Null, span: Span::new(first_line, 1, 1) }))
}

/// Whether a plain (unquoted) value is YAML's null: nothing, `~` or
/// `null` as the core schema spells it.
pub(super) fn is_null(plain: &str) -> bool {
    matches!(plain, "" | "~" | "null" | "Null" | "NULL")
}

fn anchor_error(span: Span) -> YamlError {
    YamlError { message: "YAML anchors (`&name`) are not supported here; write each value out in full".into(), span }
}

/// Turns the parser's wording into something an editor can act on.
fn describe_scan_error(info: &str) -> String {
    if info.contains("recursion limit") {
        format!("nesting deeper than {MAX_DEPTH} levels is not supported")
    } else if info.contains("mapping values are not allowed") {
        "a `:` here starts a new key; if it belongs to the text, put the whole value in quotes".into()
    } else if info.contains("did not find expected key") || info.contains("did not find expected '-'") {
        format!("the indentation does not line up with the lines above ({info})")
    } else if info.contains("found character that cannot start any token") {
        "this character cannot start a value (a tab used for indentation? `@` or a backtick at the start?); put the value in quotes".into()
    } else if info.contains("quoted scalar")
        || info.contains("unclosed quoted")
        || info.contains("found unexpected end of stream")
    {
        format!("a quote or bracket is not closed ({info})")
    } else {
        format!("invalid YAML: {info}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scalar(n: &Node) -> &str {
        match &n.value {
            Value::Scalar { text, .. } => text,
            _ => panic!("not a scalar: {n:?}"),
        }
    }

    #[test]
    fn spans_are_in_file_coordinates() {
        let node = parse("title: Hello\nvenue:  Geneva\n", 2).unwrap();
        let Value::Map(entries) = &node.value else { panic!() };
        assert_eq!(scalar(&entries[1].0), "venue");
        assert_eq!(entries[1].0.span, Span::new(3, 1, 5));
        assert_eq!(entries[1].1.span, Span::new(3, 9, 6));
    }

    #[test]
    fn empty_and_null_values_are_null() {
        let node = parse("a:\nb: ~\nc: \"\"\n", 2).unwrap();
        let Value::Map(entries) = &node.value else { panic!() };
        assert_eq!(entries[0].1.value, Value::Null);
        assert_eq!(entries[1].1.value, Value::Null);
        assert_eq!(entries[2].1.value, Value::Scalar { text: String::new(), quoted: true });
    }

    #[test]
    fn aliases_and_anchors_are_refused() {
        let bomb = "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n";
        let err = parse(bomb, 2).unwrap_err();
        assert!(err.message.contains("anchors"), "{err:?}");
        assert_eq!(err.span.line, 2);
    }

    #[test]
    fn deep_nesting_is_refused_quickly() {
        let deep = "[".repeat(10_000);
        let err = parse(&deep, 2).unwrap_err();
        assert!(err.message.contains("nesting"), "{err:?}");
    }

    #[test]
    fn an_error_at_the_end_of_the_text_stays_inside_it() {
        let text = "- number: 3\n  color: x\n(";
        let e = parse(text, 1).unwrap_err();
        assert!(e.span.line <= 3, "{e:?}");
        let e = parse("a: [1, 2\n", 1).unwrap_err();
        assert_eq!(e.span.line, 1, "{e:?}");
    }

    #[test]
    fn syntax_errors_have_a_file_line() {
        let err = parse("title: a\nvenue: \"Geneva\n", 2).unwrap_err();
        assert!(err.span.line >= 3, "{err:?}");
        let err = parse("title: a: b\n", 2).unwrap_err();
        assert_eq!(err.span.line, 2, "{err:?}");
        assert!(err.message.contains("quotes"), "{err:?}");
    }
}
