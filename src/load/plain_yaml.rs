//! A quick reader for the plain YAML that nearly all front matter is
//! written in: block mappings and lists, one-line flow lists and mappings
//! (`[C3, C11]`, `{name: …, role: …}`), plain and quoted one-line values.
//!
//! It gives the same tree, with the same places, as the full parser
//! (`yaml.rs`, on yaml-rust2) for what it accepts, and gives up (`None`)
//! on everything else: comments after a value, multi-line values, block
//! scalars, escapes, anchors, tags, empty values, any mistake. Given up,
//! the text goes to the full parser, so every message an editor sees still
//! comes from it. A test reads every YAML text of the fixtures and the real
//! content both ways and compares.

use super::yaml::{Node, Value};
use crate::source::Span;

/// Deeper than this, the full parser reads it (and enforces its limit).
const MAX_DEPTH: usize = 8;

/// One line that holds something: where it is and what it says.
#[derive(Clone, Copy)]
struct Line<'t> {
    /// 0-based line in the text.
    number: usize,
    /// Columns (characters) before `content`.
    indent: usize,
    content: &'t str,
}

/// The tree of `text`, or `None` when the full parser must read it.
/// `first_line` is the file line the text starts at.
pub fn parse(text: &str, first_line: usize) -> Option<Node> {
    let mut lines = Vec::new();
    for (number, raw) in text.split('\n').enumerate() {
        // Tabs, and line breaks other than `\n`, follow rules of their own.
        if raw.contains(['\t', '\r', '\u{feff}', '\u{85}', '\u{2028}', '\u{2029}']) {
            return None;
        }
        let content = raw.trim_start_matches(' ');
        let indent = raw.len() - content.len();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        if indent == 0 && (content.starts_with("---") || content.starts_with("...") || content.starts_with('%')) {
            return None;
        }
        lines.push(Line { number, indent, content: content.trim_end_matches(' ') });
    }
    let mut reader = Reader { lines, pos: 0, first_line };
    if reader.lines.is_empty() {
        return None;
    }
    let indent = reader.lines[0].indent;
    let node = reader.block(indent, 0)?;
    (reader.pos == reader.lines.len()).then_some(node)
}

struct Reader<'t> {
    lines: Vec<Line<'t>>,
    pos: usize,
    first_line: usize,
}

/// A character that cannot start a plain value, or needs the full
/// parser's rules when it does.
fn is_indicator(c: char) -> bool {
    matches!(
        c,
        '-' | '?'
            | ':'
            | ','
            | '['
            | ']'
            | '{'
            | '}'
            | '#'
            | '&'
            | '*'
            | '!'
            | '|'
            | '>'
            | '\''
            | '"'
            | '%'
            | '@'
            | '`'
    )
}

/// A key as editors write them: letters, digits, `_`, `-` and `.`.
fn is_simple_key(key: &str) -> bool {
    !key.is_empty()
        && !key.starts_with(['-', '.'])
        && key.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
}

/// Where `key: ` ends a simple key at the start of `content`: the key and
/// what follows the colon.
fn split_key(content: &str) -> Option<(&str, &str)> {
    let colon = content.find(':')?;
    let (key, rest) = (&content[..colon], &content[colon + 1..]);
    if !is_simple_key(key) || !(rest.is_empty() || rest.starts_with(' ')) {
        return None;
    }
    Some((key, rest))
}

/// A plain value as the full parser reads it: text, or null.
fn plain_value(text: &str) -> Value {
    if super::yaml::is_null(text) {
        Value::Null
    } else {
        Value::Scalar { text: text.to_string(), quoted: false }
    }
}

/// Whether a line (or what follows a dash) starts a list item.
fn is_item(content: &str) -> bool {
    content == "-" || content.starts_with("- ")
}

/// Characters (not bytes) in `s`.
fn width(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

impl<'t> Reader<'t> {
    fn span(&self, line: usize, col: usize, len: usize) -> Span {
        Span::new(line + self.first_line, col + 1, len.max(1))
    }

    /// A simple key (ASCII: its length is its width) at `col`.
    fn key(&self, key: &str, line: usize, col: usize) -> Node {
        Node { value: Value::Scalar { text: key.to_string(), quoted: false }, span: self.span(line, col, key.len()) }
    }

    /// The mapping or list that starts at the current line, at `indent`.
    fn block(&mut self, indent: usize, depth: usize) -> Option<Node> {
        if depth > MAX_DEPTH {
            return None;
        }
        let line = *self.lines.get(self.pos)?;
        if line.indent != indent {
            return None;
        }
        if is_item(line.content) {
            self.list(indent, depth, false)
        } else {
            self.mapping(indent, depth)
        }
    }

    fn mapping(&mut self, indent: usize, depth: usize) -> Option<Node> {
        let mut entries = Vec::new();
        while let Some(&line) = self.lines.get(self.pos) {
            if line.indent < indent {
                break;
            }
            if line.indent > indent || line.content.starts_with('-') {
                return None;
            }
            let (key, rest) = split_key(line.content)?;
            let key_node = self.key(key, line.number, line.indent);
            self.pos += 1;
            let after = rest.trim_start_matches(' ');
            let value = if after.is_empty() {
                // The value is the block below: deeper, or a list at the
                // key's own indent.
                let next = *self.lines.get(self.pos)?;
                if next.indent == indent && is_item(next.content) {
                    self.list(indent, depth + 1, true)?
                } else if next.indent > indent {
                    self.block(next.indent, depth + 1)?
                } else {
                    return None;
                }
            } else {
                let col = line.indent + key.len() + 1 + (rest.len() - after.len());
                self.inline(after, line.number, col)?
            };
            entries.push((key_node, value));
        }
        let span = Span { len: 1, ..entries.first()?.0.span };
        Some(Node { value: Value::Map(entries), span })
    }

    /// A block list at `indent`; `indentless` when its dashes line up with
    /// the key above it, where the full parser places the list at its
    /// first item rather than at its first dash.
    fn list(&mut self, indent: usize, depth: usize, indentless: bool) -> Option<Node> {
        if depth > MAX_DEPTH {
            return None;
        }
        let first = self.lines[self.pos];
        let mut span = self.span(first.number, first.indent, 1);
        let mut items = Vec::new();
        while let Some(&line) = self.lines.get(self.pos) {
            if line.indent < indent {
                break;
            }
            if line.indent > indent {
                return None;
            }
            let rest = if line.content == "-" {
                return None;
            } else if let Some(rest) = line.content.strip_prefix("- ") {
                rest
            } else {
                // A key at the list's indent ends an indentless list.
                break;
            };
            let after = rest.trim_start_matches(' ');
            let col = line.indent + 2 + (rest.len() - after.len());
            if indentless && items.is_empty() {
                span = self.span(line.number, col, 1);
            }
            if split_key(after).is_some() {
                // `- key: value`: a mapping whose keys line up after the dash.
                self.lines[self.pos] = Line { number: line.number, indent: col, content: after };
                items.push(self.mapping(col, depth + 1)?);
            } else if is_item(after) {
                return None;
            } else {
                self.pos += 1;
                items.push(self.inline(after, line.number, col)?);
            }
        }
        Some(Node { value: Value::Seq(items), span })
    }

    /// A value written on one line after `key: ` or `- `, starting at
    /// column `col`; all of `text` must be the value.
    fn inline(&self, text: &str, line: usize, col: usize) -> Option<Node> {
        let (node, rest) = match text.as_bytes()[0] {
            b'[' => self.flow_list(text, line, col)?,
            b'{' => self.flow_mapping(text, line, col)?,
            _ => self.scalar(text, line, col, false)?,
        };
        rest.trim_start_matches(' ').is_empty().then_some(node)
    }

    /// A quoted or plain scalar at the start of `text`, and what follows it.
    /// In a flow collection a plain value stops at `,`, `]` and `}`.
    fn scalar<'s>(&self, text: &'s str, line: usize, col: usize, in_flow: bool) -> Option<(Node, &'s str)> {
        let first = text.chars().next()?;
        let (value, len, rest) = if first == '"' || first == '\'' {
            let body = &text[1..];
            let end = body.find(first)?;
            let inner = &body[..end];
            if inner.contains('\\') || first == '\'' && body[end + 1..].starts_with('\'') {
                return None;
            }
            let rest = &body[end + 1..];
            if !(rest.is_empty() || rest.starts_with(' ') || in_flow && rest.starts_with([',', ']', '}'])) {
                return None;
            }
            (Value::Scalar { text: inner.to_string(), quoted: true }, width(inner), rest)
        } else {
            if is_indicator(first) {
                return None;
            }
            let end = if in_flow { text.find([',', '[', ']', '{', '}']).unwrap_or(text.len()) } else { text.len() };
            let plain = text[..end].trim_end_matches(' ');
            if plain.contains(": ") || plain.ends_with(':') || plain.contains(" #") {
                return None;
            }
            if in_flow && text[end..].starts_with(['[', '{']) {
                return None;
            }
            let value = plain_value(plain);
            // A null is one column wide in the full parser's places.
            let len = if value == Value::Null { 1 } else { width(plain) };
            (value, len, &text[plain.len()..])
        };
        Some((Node { value, span: self.span(line, col, len) }, rest))
    }

    fn flow_list<'s>(&self, text: &'s str, line: usize, col: usize) -> Option<(Node, &'s str)> {
        let span = self.span(line, col, 1);
        let mut items = Vec::new();
        let mut rest = text[1..].trim_start_matches(' ');
        if let Some(after) = rest.strip_prefix(']') {
            return Some((Node { value: Value::Seq(items), span }, after));
        }
        loop {
            let at = col + width(&text[..text.len() - rest.len()]);
            if rest.starts_with(['[', '{']) {
                return None;
            }
            let (item, after) = self.scalar(rest, line, at, true)?;
            if matches!(item.value, Value::Null) {
                return None;
            }
            items.push(item);
            rest = after.trim_start_matches(' ');
            if let Some(after) = rest.strip_prefix(']') {
                return Some((Node { value: Value::Seq(items), span }, after));
            }
            rest = rest.strip_prefix(',')?.trim_start_matches(' ');
            if rest.is_empty() || rest.starts_with(']') {
                return None;
            }
        }
    }

    fn flow_mapping<'s>(&self, text: &'s str, line: usize, col: usize) -> Option<(Node, &'s str)> {
        let mut entries = Vec::new();
        let mut rest = text[1..].trim_start_matches(' ');
        if rest.starts_with('}') {
            return None;
        }
        loop {
            let at = col + width(&text[..text.len() - rest.len()]);
            let (key, after) = split_key(rest)?;
            let key_node = self.key(key, line, at);
            let after_space = after.trim_start_matches(' ');
            if after_space.is_empty() || after_space.starts_with([',', '}', '[', '{']) {
                return None;
            }
            let value_at = col + width(&text[..text.len() - after_space.len()]);
            let (value, after) = self.scalar(after_space, line, value_at, true)?;
            if matches!(value.value, Value::Null) {
                return None;
            }
            entries.push((key_node, value));
            rest = after.trim_start_matches(' ');
            if let Some(after) = rest.strip_prefix('}') {
                let span = Span { len: 1, ..entries[0].0.span };
                return Some((Node { value: Value::Map(entries), span }, after));
            }
            rest = rest.strip_prefix(',')?.trim_start_matches(' ');
            if rest.is_empty() || rest.starts_with('}') {
                return None;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{frontmatter, yaml};

    /// `text` read both ways: when the quick reader takes it, it must give
    /// what the full parser gives. Whether it took it.
    fn same_as_full(text: &str, first_line: usize) -> bool {
        match super::parse(text, first_line) {
            Some(quick) => {
                assert_eq!(Ok(quick), yaml::parse_fully(text, first_line), "read differently:\n{text}");
                true
            }
            None => false,
        }
    }

    #[test]
    fn every_yaml_text_of_the_fixtures_and_the_content_reads_as_the_full_parser_reads_it() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let (mut texts, mut taken) = (0, 0);
        for dir in ["content", "tests/fixtures", "themes/default/strings"] {
            for entry in walkdir::WalkDir::new(root.join(dir)).into_iter().filter_map(Result::ok) {
                let path = entry.path();
                let Ok(text) = std::fs::read_to_string(path) else { continue };
                let text = text.replace("\r\n", "\n");
                let yaml = match path.extension().and_then(|e| e.to_str()) {
                    Some("yaml") => Some((text.as_str(), 1)),
                    Some("md") => frontmatter::split(&text).ok().map(|s| (s.yaml, s.yaml_line)),
                    _ => None,
                };
                if let Some((yaml, line)) = yaml {
                    texts += 1;
                    taken += usize::from(same_as_full(yaml, line));
                }
            }
        }
        assert!(texts > 100 && taken * 2 > texts, "the quick reader took {taken} of {texts} texts");
    }

    /// Every text a one-character edit away from real front matter: the
    /// edits editors make by mistake (a stray colon, quote, bracket, dash,
    /// space or line break) must never make the two readers disagree.
    #[test]
    fn texts_one_edit_away_read_as_the_full_parser_reads_them() {
        let samples = [
            "title: Telecommunication initiative\ndate: 1000-08-07\ntime: \"10:00-11:00 CEST\"\nfacilitators:\n- {name: Mei Kowalska, role: Deputy Director, organization: FAO, stakeholder: academia}\nspeakers:\n  - name: Jonas Tanaka\n    role: Researcher\naction_lines: [C3, C11]\nsdgs: [11]\n",
            "title: Société de l'information\nsummary: 信息社会 مجتمع\nitems:\n- 'one'\n- two\nmap: {a: b, c: \"d\"}\nempty: ~\n",
        ];
        let inserts = [
            ':', ' ', '#', '-', '"', '\'', '[', ']', '{', '}', ',', '\n', 'é', '~', '|', '>', '&', '*', '!', '?', '%',
            '@', '`', '\t',
        ];
        for sample in samples {
            let places: Vec<usize> = sample.char_indices().map(|(i, _)| i).chain([sample.len()]).collect();
            for &at in &places {
                for c in inserts {
                    let mut text = sample.to_string();
                    text.insert(at, c);
                    same_as_full(&text, 2);
                }
                if at < sample.len() {
                    let mut text = sample.to_string();
                    text.remove(at);
                    same_as_full(&text, 2);
                }
            }
        }
    }

    #[test]
    fn what_it_takes_it_reads_as_the_full_parser_does() {
        let cases = [
            "title: Hello\nvenue:  Geneva\n",
            "title: Développement durable\ndate: 2020-07-20..2020-07-29\n",
            "time: \"10:00-11:00 CEST\"\nname: 'Ada'\nempty: \"\"\n",
            "a: [C3, C11]\nb: []\nc: [1, 2 , 3]\nd: [\"x\", 'y']\n",
            "speakers:\n- {name: Mei Kowalska, role: Deputy Director, organization: FAO}\n- {name: Élodie, role: \"Chair, Board\"}\nsdgs: [11]\n",
            "people:\n  - name: A\n    role: B\n  - name: C\nnext: x\n",
            "nested:\n  inner:\n    deep: value\n  other: 2\ntop: ~\nn: null\n",
            "# a comment\nkey: value\n\n# another\nlist:\n- one\n- two\n",
            "- number: 3\n  color: \"#4C9F38\"\n- number: 4\n  color: '#C5192D'\n",
            "title: 信息社会\nsummary: مجتمع المعلومات\nitems: [信息, مجتمع]\nmap: {a: 信息, b: x}\n",
            "k: v\n",
            "k:   spaced   \n",
            "a: b\n   \nc: d",
        ];
        for case in cases {
            assert!(same_as_full(case, 2), "the quick reader gave up on a plain text:\n{case}");
        }
    }

    #[test]
    fn what_needs_the_full_parser_goes_to_it() {
        let cases = [
            "title: a # comment\n",
            "title: a\n  continued\n",
            "text: |\n  block\n",
            "text: >\n  folded\n",
            "a: \"esc\\n\"\n",
            "a: 'it''s'\n",
            "a: &x 1\nb: *x\n",
            "a: !tag x\n",
            "a:\nb: c\n",
            "a: [x, [y]]\n",
            "a: {b: {c: d}}\n",
            "a: [x,\n  y]\n",
            "a: b: c\n",
            "\"quoted key\": v\n",
            "a: v\n---\nb: w\n",
            "a:\tb\n",
            "a: b\n c: d\n",
            "- a\nb: c\n",
            "a: [x, ]\n",
            "a: {}\n",
            "a: -1\n",
            "",
            "# only a comment\n",
        ];
        for case in cases {
            assert!(super::parse(case, 2).is_none(), "the quick reader took what it should not:\n{case}");
        }
    }
}
