//! Reading typed fields out of a YAML mapping, one diagnostic per mistake.
//!
//! A `Reader` wraps one file. Each accessor takes what it can and reports
//! what it cannot, then returns `None` so validation goes on and finds the
//! next mistake too. Unknown and repeated keys are reported when the
//! mapping is opened, with the nearest known key as help.

use crate::date::Date;
use crate::diagnostics::Code;
use crate::diagnostics::{nearest, Diagnostic};
use crate::load::yaml::{Node, Value};
use crate::model::{At, Person, Stakeholder, Tags};
use crate::source::{SourceFile, Span};
use crate::vocabulary::Closed;

/// The longest text a front-matter field may hold, in characters: titles
/// and names run to a few hundred, and a brief's PDF keeps a title in a
/// string of at most 32,767 bytes.
pub const MAX_FIELD: usize = 4096;

/// The largest count a file may give: search and open data are read by
/// JavaScript, whose numbers are exact up to 2^53 - 1.
pub const MAX_COUNT: u64 = (1 << 53) - 1;

/// Forum years: their folders are named by four digits.
pub const YEARS: std::ops::RangeInclusive<u32> = 1000..=9999;

/// The Sustainable Development Goals are numbered 1 to 17.
pub const SDG_NUMBERS: std::ops::RangeInclusive<u32> = 1..=17;

/// Collects the diagnostics of one file.
pub struct Reader<'a> {
    pub file: &'a SourceFile,
    pub diags: Vec<Diagnostic>,
}

/// An opened mapping: its entries by key, and where it starts.
pub struct Fields<'n> {
    /// (key, where the key is written, value).
    entries: Vec<(&'n str, Span, &'n Node)>,
    span: Span,
}

impl<'n> Fields<'n> {
    /// Where the value of `key` is written, if it is.
    pub fn value_span(&self, key: &str) -> Option<Span> {
        self.entries.iter().find(|(k, _, _)| *k == key).map(|(_, _, v)| v.span)
    }

    /// Every key given, with where it is written.
    pub fn keys(&self) -> impl Iterator<Item = (&'n str, Span)> + '_ {
        self.entries.iter().map(|(k, span, _)| (*k, *span))
    }

    pub fn get(&self, key: &str) -> Option<&'n Node> {
        self.entries.iter().find(|(k, _, v)| *k == key && v.value != Value::Null).map(|(_, _, v)| *v)
    }
}

fn text_of(node: &Node) -> Option<&str> {
    match &node.value {
        Value::Scalar { text, .. } => Some(text),
        _ => None,
    }
}

impl<'a> Reader<'a> {
    pub fn new(file: &'a SourceFile) -> Self {
        Reader { file, diags: Vec::new() }
    }

    /// Reports an error; returns it so a caller may add help.
    pub fn error(&mut self, span: Span, code: Code, message: String) -> &mut Diagnostic {
        self.diags.push(Diagnostic::error(self.file, span, code, message));
        let last = self.diags.len() - 1;
        &mut self.diags[last]
    }

    /// Opens `node` as a mapping with the given known keys.
    pub fn fields<'n>(&mut self, node: &'n Node, what: &str, known: &[&str]) -> Option<Fields<'n>> {
        let Value::Map(pairs) = &node.value else {
            let found = node.kind_name();
            self.error(
                node.span,
                Code::ExpectedMapping,
                format!("expected {what} as `key: value` lines, found {found}"),
            )
            .help = Some(format!("known keys: {}", known.join(", ")));
            return None;
        };
        let mut entries: Vec<(&'n str, Span, &'n Node)> = Vec::with_capacity(pairs.len());
        for (key, value) in pairs {
            let Some(name) = text_of(key) else {
                self.error(key.span, Code::BadKey, format!("a key must be a plain word, found {}", key.kind_name()));
                continue;
            };
            if let Some((_, first, _)) = entries.iter().find(|(k, _, _)| *k == name) {
                let first_line = first.line;
                self.error(
                    key.span,
                    Code::DuplicateKey,
                    format!("`{name}` is given twice (also on line {first_line})"),
                )
                .help = Some("keep one of them".into());
                continue;
            }
            if !known.contains(&name) {
                let d = self.error(key.span, Code::UnknownKey, format!("unknown key `{name}` in {what}"));
                d.help = Some(match nearest(name, known.iter().copied()) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("known keys: {}", known.join(", ")),
                });
                continue;
            }
            entries.push((name, key.span, value));
        }
        Some(Fields { entries, span: node.span })
    }

    fn missing(&mut self, f: &Fields, key: &str, example: &str) {
        self.error(f.span, Code::MissingKey, format!("missing required key `{key}`")).help =
            Some(format!("add a line like `{key}: {example}`"));
    }

    pub fn scalar_text<'n>(&mut self, node: &'n Node, key: &str, expected: &str) -> Option<&'n str> {
        match text_of(node) {
            Some(t) if t.len() > MAX_FIELD && t.chars().count() > MAX_FIELD => {
                let length = t.chars().count();
                self.error(
                    node.span,
                    Code::FieldTooLong,
                    format!("`{key}` is {length} characters long; a field holds at most {MAX_FIELD}"),
                )
                .help = Some("shorten it; longer text belongs in the body, below the front matter".into());
                None
            }
            Some(t) => Some(t),
            None => {
                let found = node.kind_name();
                self.error(node.span, Code::WrongType, format!("`{key}` should be {expected}, found {found}"));
                None
            }
        }
    }

    /// Optional single-line text.
    pub fn opt_str(&mut self, f: &Fields, key: &str) -> Option<String> {
        let node = f.get(key)?;
        let text = self.scalar_text(node, key, "text")?;
        Some(text.trim().to_string())
    }

    /// Required text: missing or blank is an error.
    pub fn req_str(&mut self, f: &Fields, key: &str, example: &str) -> Option<String> {
        if f.get(key).is_none() {
            if let Some((_, key_span, _)) = f.entries.iter().find(|(k, _, _)| *k == key) {
                let mut help = format!("write a value, like `{key}: {example}`");
                if example.contains('#') {
                    help.push_str("; quote it, since an unquoted `#` starts a comment");
                }
                self.error(*key_span, Code::EmptyValue, format!("`{key}` is empty")).help = Some(help);
            } else {
                self.missing(f, key, example);
            }
            return None;
        }
        let value = self.opt_str(f, key)?;
        if value.is_empty() {
            let span = f.get(key).map_or(f.span, |n| n.span);
            self.error(span, Code::EmptyValue, format!("`{key}` is empty"));
            return None;
        }
        Some(value)
    }

    /// Optional whole number, never negative.
    pub fn opt_u64(&mut self, f: &Fields, key: &str) -> Option<u64> {
        let node = f.get(key)?;
        self.number(node, key)
    }

    /// A count or a weight: a whole number from 0 up to [`MAX_COUNT`].
    pub fn number(&mut self, node: &Node, key: &str) -> Option<u64> {
        self.number_in(node, key, 0..=MAX_COUNT)
    }

    /// A whole number within `range`; a number outside it (however many
    /// digits it has) is an error naming the value and the range, never
    /// cut down to fit.
    pub fn number_in(&mut self, node: &Node, key: &str, range: std::ops::RangeInclusive<u64>) -> Option<u64> {
        let text = self.scalar_text(node, key, "a whole number")?;
        let digits = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
        if !digits {
            let why = if text.starts_with('-') { "cannot be negative" } else { "should be a whole number" };
            self.error(node.span, Code::NotANumber, format!("`{key}` {why}, found `{text}`")).help =
                Some("write digits only, without separators or signs, e.g. `15000`".into());
            return None;
        }
        match text.parse::<u64>() {
            Ok(n) if range.contains(&n) => Some(n),
            parsed => {
                let side = if parsed.is_ok_and(|n| n < *range.start()) { "too small" } else { "too large" };
                let allowed = format!("from {} to {}", range.start(), range.end());
                self.error(node.span, Code::OutOfRange, format!("`{key}` is {side}: `{text}`; it must be {allowed}"))
                    .help = Some(format!("write a whole number {allowed}"));
                None
            }
        }
    }

    /// A whole number within `range` that fits a `u32` (a year, an SDG).
    pub fn small_number(&mut self, node: &Node, key: &str, range: std::ops::RangeInclusive<u32>) -> Option<u32> {
        let wide = u64::from(*range.start())..=u64::from(*range.end());
        self.number_in(node, key, wide).and_then(|n| u32::try_from(n).ok())
    }

    /// Optional whole number within `range` that fits a `u32`.
    pub fn opt_small(&mut self, f: &Fields, key: &str, range: std::ops::RangeInclusive<u32>) -> Option<u32> {
        let node = f.get(key)?;
        self.small_number(node, key, range)
    }

    pub fn req_small(
        &mut self,
        f: &Fields,
        key: &str,
        example: &str,
        range: std::ops::RangeInclusive<u32>,
    ) -> Option<u32> {
        if f.get(key).is_none() {
            self.missing(f, key, example);
            return None;
        }
        self.opt_small(f, key, range)
    }

    pub fn req_u64(&mut self, f: &Fields, key: &str, example: &str) -> Option<u64> {
        if f.get(key).is_none() {
            self.missing(f, key, example);
            return None;
        }
        self.opt_u64(f, key)
    }

    pub fn opt_bool(&mut self, f: &Fields, key: &str) -> Option<bool> {
        let node = f.get(key)?;
        let text = self.scalar_text(node, key, "true or false")?;
        match text {
            "true" => Some(true),
            "false" => Some(false),
            other => {
                self.error(node.span, Code::NotABoolean, format!("`{key}` should be true or false, found `{other}`"));
                None
            }
        }
    }

    pub fn date_at(&mut self, node: &Node, key: &str) -> Option<At<Date>> {
        let text = self.scalar_text(node, key, "a date (YYYY-MM-DD)")?;
        match Date::parse(text.trim()) {
            Ok(d) => Some(At { value: d, span: node.span }),
            Err(why) => {
                self.error(node.span, Code::InvalidDate, format!("`{key}`: {why}")).help =
                    Some("dates are written YYYY-MM-DD, e.g. `2020-06-22`".into());
                None
            }
        }
    }

    pub fn opt_date(&mut self, f: &Fields, key: &str) -> Option<At<Date>> {
        let node = f.get(key)?;
        self.date_at(node, key)
    }

    pub fn req_date(&mut self, f: &Fields, key: &str) -> Option<At<Date>> {
        if f.get(key).is_none() {
            self.missing(f, key, "2020-06-22");
            return None;
        }
        self.opt_date(f, key)
    }

    /// A required `date` that may also be a period, `2020-07-20..2020-07-29`,
    /// when the sources give only the span something fell in. Returns the
    /// start (with its place) and the end of a period.
    pub fn req_date_or_period(&mut self, f: &Fields, key: &str) -> (Option<At<Date>>, Option<Date>) {
        let Some(span) = f.value_span(key) else { return (self.req_date(f, key), None) };
        let text = self.opt_str(f, key);
        let Some((a, b)) = text.as_deref().and_then(|t| t.split_once("..")) else {
            return (self.req_date(f, key), None);
        };
        let mut parse = |t: &str| match Date::parse(t.trim()) {
            Ok(d) => Some(d),
            Err(why) => {
                self.error(span, Code::InvalidDate, format!("`{key}`: {why}")).help =
                    Some("a period is written `2020-07-20..2020-07-29`".into());
                None
            }
        };
        let (start, end) = (parse(a), parse(b));
        if let (Some(s), Some(e)) = (start, end) {
            if e.last_day() < s.first_day() {
                self.error(span, Code::EndBeforeStart, format!("the period `{a}..{b}` ends before it starts"));
                return (None, None);
            }
        }
        (start.map(|value| At { value, span }), end)
    }

    /// Optional value that must be one of `allowed`.
    pub fn opt_enum(&mut self, f: &Fields, key: &str, allowed: &[&str]) -> Option<String> {
        let node = f.get(key)?;
        let text = self.scalar_text(node, key, "one word")?;
        if allowed.contains(&text) {
            return Some(text.to_string());
        }
        let d = self.error(
            node.span,
            Code::InvalidValue,
            format!("`{key}` cannot be `{text}`; expected one of: {}", allowed.join(", ")),
        );
        if let Some(near) = nearest(text, allowed.iter().copied()) {
            d.help = Some(format!("did you mean `{near}`?"));
        }
        None
    }

    /// Optional value of a closed list (`vocabulary`).
    pub fn opt_closed<K: Closed>(&mut self, f: &Fields, key: &str) -> Option<K> {
        self.opt_enum(f, key, K::SPELLINGS).and_then(|text| K::parse(&text))
    }

    /// Required value of a closed list.
    pub fn req_closed<K: Closed>(&mut self, f: &Fields, key: &str) -> Option<K> {
        self.req_enum(f, key, K::SPELLINGS).and_then(|text| K::parse(&text))
    }

    pub fn req_enum(&mut self, f: &Fields, key: &str, allowed: &[&str]) -> Option<String> {
        if f.get(key).is_none() {
            self.missing(f, key, allowed.first().copied().unwrap_or("..."));
            return None;
        }
        self.opt_enum(f, key, allowed)
    }

    /// Optional list; each item read by `item`. A missing key is an empty list.
    pub fn list<T>(&mut self, f: &Fields, key: &str, mut item: impl FnMut(&mut Self, &Node) -> Option<T>) -> Vec<T> {
        let Some(node) = f.get(key) else {
            return Vec::new();
        };
        match &node.value {
            Value::Seq(items) => items.iter().filter_map(|n| item(self, n)).collect(),
            _ => {
                let found = node.kind_name();
                self.error(node.span, Code::ExpectedList, format!("`{key}` should be a list, found {found}")).help =
                    Some(format!("write `{key}: [a, b]` or one `- item` per line"));
                Vec::new()
            }
        }
    }

    /// Optional list of plain texts.
    pub fn str_list(&mut self, f: &Fields, key: &str) -> Vec<String> {
        self.list(f, key, |r, n| r.scalar_text(n, key, "text").map(|t| t.trim().to_string()))
    }

    /// `titles:`, a title per language code (`fr: Titre`), for reference
    /// data; a key that is not a language code is an error at its line.
    pub fn titles(&mut self, f: &Fields, key: &str) -> std::collections::BTreeMap<String, String> {
        let mut out = std::collections::BTreeMap::new();
        let Some(node) = f.get(key) else { return out };
        let Value::Map(pairs) = &node.value else {
            let found = node.kind_name();
            self.error(
                node.span,
                Code::ExpectedMapping,
                format!("`{key}` should be `code: title` lines, found {found}"),
            )
            .help = Some(format!("write `{key}:` then one line per language, like `  fr: Titre`"));
            return out;
        };
        for (k, v) in pairs {
            let Some(code) = text_of(k) else { continue };
            if !crate::load::is_language_code(code) {
                self.error(k.span, Code::InvalidLanguage, format!("`{code}` is not a language code")).help =
                    Some("use a BCP 47 code in lowercase: ar, en, es, fr, ru, zh".into());
                continue;
            }
            if let Some(text) = self.scalar_text(v, key, "text") {
                out.insert(code.to_string(), text.trim().to_string());
            }
        }
        out
    }

    /// Optional mapping value.
    pub fn opt_map<'n>(&mut self, f: &Fields<'n>, key: &str, known: &[&str]) -> Option<Fields<'n>> {
        let node = f.get(key)?;
        self.fields(node, &format!("`{key}`"), known)
    }

    /// `action_lines` and `sdgs`, kept with their spans for linking.
    pub fn tags(&mut self, f: &Fields) -> Tags {
        let action_lines = self.list(f, "action_lines", |r, n| {
            r.scalar_text(n, "action_lines", "an action line id like C2")
                .map(|t| At { value: t.to_string(), span: n.span })
        });
        let sdgs =
            self.list(f, "sdgs", |r, n| r.small_number(n, "sdgs", SDG_NUMBERS).map(|v| At { value: v, span: n.span }));
        Tags { action_lines, sdgs }
    }

    /// A facilitator, speaker or HLT facilitator entry.
    pub fn person(&mut self, node: &Node) -> Option<Person> {
        let f = self.fields(node, "a person", PERSON_KEYS)?;
        Some(Person {
            name: self.req_str(&f, "name", "Ms. Jane Doe")?,
            role: self.opt_str(&f, "role"),
            organization: self.opt_str(&f, "organization"),
            stakeholder: self.opt_closed::<Stakeholder>(&f, "stakeholder"),
        })
    }

    /// An optional web address: `http(s)://` or `mailto:`; scripts refused.
    pub fn opt_url(&mut self, f: &Fields, key: &str) -> Option<String> {
        let node = f.get(key)?;
        let text = self.scalar_text(node, key, "a web address")?.trim().to_string();
        let lower = text.to_ascii_lowercase();
        if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:") {
            Some(text)
        } else {
            self.error(
                node.span,
                Code::InvalidUrl,
                format!("`{key}` should be a web address starting with https://, found `{text}`"),
            );
            None
        }
    }
}

/// What a facilitator, speaker or HLT facilitator entry knows.
pub const PERSON_KEYS: &[&str] = &["name", "role", "organization", "stakeholder"];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::yaml;

    fn read(yaml_text: &str, check: impl FnOnce(&mut Reader, &Fields)) -> Vec<String> {
        let text = format!("---\n{yaml_text}---\n");
        let file = SourceFile::new("content/t.md".into(), "t.md".into(), &text);
        let node = yaml::parse(yaml_text, 2).unwrap();
        let mut r = Reader::new(&file);
        if let Some(f) = r.fields(&node, "the test", &["title", "venue", "count", "start", "format"]) {
            check(&mut r, &f);
        }
        r.diags
            .iter()
            .map(|d| format!("{}:{} {} {}", d.span.line, d.span.col, d.message, d.help.clone().unwrap_or_default()))
            .collect()
    }

    #[test]
    fn unknown_and_duplicate_keys_are_reported_with_help() {
        let out = read("title: a\nvenu: b\ntitle: c\n", |_, _| {});
        assert_eq!(out.len(), 2, "{out:?}");
        assert!(out[0].starts_with("3:1 unknown key `venu`") && out[0].contains("did you mean `venue`?"), "{out:?}");
        assert!(out[1].starts_with("4:1 `title` is given twice (also on line 2)"), "{out:?}");
    }

    #[test]
    fn every_bad_field_is_reported_not_just_the_first() {
        let out = read("count: -3\nstart: 2024-13-45\nformat: virtul\n", |r, f| {
            r.opt_u64(f, "count");
            r.req_date(f, "start");
            r.req_enum(f, "format", &["in-person", "virtual", "hybrid"]);
            r.req_str(f, "title", "x");
        });
        assert_eq!(out.len(), 4, "{out:?}");
        assert!(out[0].contains("cannot be negative"));
        assert!(out[1].starts_with("3:8") && out[1].contains("month 13"));
        assert!(out[2].contains("did you mean `virtual`?"));
        assert!(out[3].contains("missing required key `title`"));
    }
}
