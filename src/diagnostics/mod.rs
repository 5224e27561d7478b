//! Diagnostics: what went wrong in the content, where, and how to fix it.
//!
//! Every stage pushes into a `Diagnostics` list instead of stopping, so one
//! run reports every mistake. Rendering follows the compilers editors'
//! tools already understand: `path:line:col: error: message`, the line
//! quoted with a caret under the spot, an optional `help:`.

mod codes;

pub use codes::Code;

use crate::source::{SourceFile, Span};
use std::collections::BTreeSet;
use std::fmt::Write as _;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem found in the content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A stable short name for the kind of problem (`unknown-key`, ...).
    pub code: Code,
    /// Path relative to the content folder's parent.
    pub path: String,
    pub span: Span,
    pub message: String,
    pub help: Option<String>,
    /// The offending line as written, when there is one.
    pub quoted: Option<String>,
}

impl Diagnostic {
    /// An error at `span` in `file`; the line is quoted from the file.
    pub fn error(file: &SourceFile, span: Span, code: Code, message: String) -> Self {
        let span = file.clamp(span);
        Diagnostic {
            severity: Severity::Error,
            code,
            path: file.display_path.clone(),
            span,
            message,
            help: None,
            quoted: file.line_text(span.line).map(str::to_string),
        }
    }

    /// An error about a path that could not be read as text (line 1).
    pub fn at_path(path: &str, code: Code, message: String) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            path: path.to_string(),
            span: Span::new(1, 1, 1),
            message,
            help: None,
            quoted: None,
        }
    }

    /// An error at line `line` of the file at `path` (not a content file:
    /// an XLIFF file to import).
    pub fn at_line(path: &str, line: usize, code: Code, message: String) -> Self {
        Diagnostic { span: Span::new(line.max(1), 1, 1), ..Diagnostic::at_path(path, code, message) }
    }

    /// A warning: legal content that is probably a mistake.
    pub fn warning(file: &SourceFile, span: Span, code: Code, message: String) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(file, span, code, message) }
    }

    /// One JSON object (a single line) for tools: file, line, column, end,
    /// severity, code, message, help.
    pub fn to_json(&self) -> String {
        serde_json::json!({
            "file": self.path,
            "line": self.span.line,
            "column": self.span.col,
            "end": { "line": self.span.line, "column": self.span.col + self.span.len.max(1) },
            "severity": match self.severity { Severity::Error => "error", Severity::Warning => "warning" },
            "code": self.code,
            "message": self.message,
            "help": self.help,
        })
        .to_string()
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Renders the diagnostic for a terminal or a log.
    pub fn render(&self) -> String {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut out = format!("{}:{}:{}: {}: {}\n", self.path, self.span.line, self.span.col, label, self.message);
        if let Some(line) = &self.quoted {
            let number = self.span.line.to_string();
            let pad = " ".repeat(number.len());
            let (shown, col) = window(&line.replace('\t', " "), self.span.col.saturating_sub(1));
            let _ = writeln!(out, "{pad} |");
            let _ = writeln!(out, "{number} | {shown}");
            let caret_pad = " ".repeat(col);
            let width = self.span.len.max(1).min(shown.chars().count().saturating_sub(col).max(1));
            let _ = writeln!(out, "{pad} | {caret_pad}{}", "^".repeat(width));
        }
        if let Some(help) = &self.help {
            let _ = writeln!(out, "  = help: {help}");
        }
        // The code, for `wsis explain` and (in SARIF) the rule.
        let _ = writeln!(out, "  = code: {} (`wsis explain {}` says more)", self.code, self.code);
        out
    }
}

/// The widest quoted line, in characters; a longer one is cut around the
/// place it points at, with `…` where it is cut.
const QUOTE_WIDTH: usize = 120;

/// `line` cut to at most `QUOTE_WIDTH` characters around the character at
/// `col` (0-based), and where that character is in what is shown.
fn window(line: &str, col: usize) -> (String, usize) {
    let count = line.chars().count();
    if count <= QUOTE_WIDTH {
        return (line.to_string(), col);
    }
    let start = col.saturating_sub(QUOTE_WIDTH / 3).min(count - QUOTE_WIDTH);
    let mut shown: String = line.chars().skip(start).take(QUOTE_WIDTH).collect();
    if start + QUOTE_WIDTH < count {
        shown.push('…');
    }
    if start > 0 {
        return (format!("…{shown}"), col - start + 1);
    }
    (shown, col)
}

/// All diagnostics of a run, in a stable order.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(ds);
    }

    /// Moves `other`'s diagnostics after these, in their order.
    pub fn append(&mut self, mut other: Diagnostics) {
        self.items.append(&mut other.items);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.severity == Severity::Error).count()
    }

    /// Sorted by file, then position, then message: the same input always
    /// prints the same report, whatever the thread count.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        sort(&mut self.items);
        self.items
    }
}

/// Puts diagnostics in the order a report shows them (by file, line,
/// column) and drops repeats.
pub fn sort(items: &mut Vec<Diagnostic>) {
    items.sort_by(|a, b| {
        (&a.path, a.span.line, a.span.col, &a.message).cmp(&(&b.path, b.span.line, b.span.col, &b.message))
    });
    items.dedup();
}

/// The closing line of a report: `error: 3 problems in 2 files`, or for
/// warnings alone `warning: 2 warnings in 2 files`.
pub fn summary_line(diags: &[Diagnostic]) -> String {
    let errors: Vec<_> = diags.iter().filter(|d| d.severity == Severity::Error).collect();
    if errors.is_empty() {
        let files: BTreeSet<&str> = diags.iter().map(|d| d.path.as_str()).collect();
        let (n, f) = (diags.len(), files.len());
        return format!(
            "warning: {n} {} in {f} {}",
            if n == 1 { "warning" } else { "warnings" },
            if f == 1 { "file" } else { "files" }
        );
    }
    let files: BTreeSet<&str> = errors.iter().map(|d| d.path.as_str()).collect();
    format!(
        "error: {} {} in {} {}",
        errors.len(),
        if errors.len() == 1 { "problem" } else { "problems" },
        files.len(),
        if files.len() == 1 { "file" } else { "files" }
    )
}

/// The nearest candidate to `found`, if one is close enough to be a typo.
pub fn nearest<'a>(found: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = found.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(&lower, &c.to_lowercase()), c))
        .filter(|(distance, c)| *distance <= (c.chars().count() / 3).max(2))
        .min_by_key(|(distance, c)| (*distance, *c))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_quotes_the_line_with_a_caret_and_help() {
        let file = SourceFile::new("content/a.md".into(), "a.md".into(), "---\nvenu: Geneva\n---\n");
        let d = Diagnostic::error(&file, Span::new(2, 1, 4), Code::UnknownKey, "unknown key `venu`".into())
            .with_help("did you mean `venue`?");
        let text = d.render();
        assert!(text.starts_with("content/a.md:2:1: error: unknown key `venu`\n"));
        assert!(text.contains("2 | venu: Geneva\n  | ^^^^\n"));
        assert!(text.contains("help: did you mean `venue`?"));
    }

    #[test]
    fn a_long_line_is_quoted_around_its_place() {
        let long = format!("---\ntitle: {}x{}\n---\n", "a".repeat(5000), "b".repeat(5000));
        let file = SourceFile::new("content/a.md".into(), "a.md".into(), &long);
        let d = Diagnostic::error(&file, Span::new(2, 5008, 1), Code::UnknownKey, "here".into());
        let text = d.render();
        let quoted = text.lines().nth(2).unwrap();
        let caret = text.lines().nth(3).unwrap();
        assert!(quoted.chars().count() < 140 && quoted.contains("…a") && quoted.contains("b…"), "{text}");
        let at = caret.chars().position(|c| c == '^').unwrap();
        assert_eq!(quoted.chars().nth(at), Some('x'), "{text}");
    }

    #[test]
    fn nearest_finds_typos_but_not_unrelated_words() {
        let keys = ["venue", "format", "start", "end"];
        assert_eq!(nearest("venu", keys), Some("venue"));
        assert_eq!(nearest("Formatt", keys), Some("format"));
        assert_eq!(nearest("speakers", keys), None);
    }
}
