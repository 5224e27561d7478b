//! Diagnostics in the formats CI services read: one SARIF 2.1.0 log
//! (code-scanning services import it) and GitHub Actions workflow
//! commands (annotations on a pull request's changed lines).

use wsis::diagnostics::{Code, Diagnostic, Severity};

fn level(d: &Diagnostic) -> &'static str {
    match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// One SARIF 2.1.0 log with one run: a rule per code that occurs (id,
/// description, help), a result per diagnostic with its file, line and
/// column (counted in Unicode code points, as the messages are).
pub fn sarif(diags: &[Diagnostic]) -> String {
    use serde_json::json;
    let mut codes: Vec<Code> = diags.iter().map(|d| d.code).collect();
    codes.sort_unstable();
    codes.dedup();
    let rules: Vec<_> = codes
        .iter()
        .map(|code| {
            json!({
                "id": code,
                "shortDescription": { "text": code.summary() },
                "help": { "text": format!("{} {} (`wsis explain {code}` says the same.)", code.summary(), code.fix()) },
            })
        })
        .collect();
    let results: Vec<_> = diags
        .iter()
        .map(|d| {
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                message.push_str(&format!(" (help: {help})"));
            }
            let rule_index = codes.iter().position(|c| *c == d.code).unwrap_or(0);
            json!({
                "ruleId": d.code,
                "ruleIndex": rule_index,
                "level": level(d),
                "message": { "text": message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri(&d.path) },
                        "region": {
                            "startLine": d.span.line,
                            "startColumn": d.span.col,
                            "endLine": d.span.line,
                            "endColumn": d.span.col + d.span.len.max(1),
                        },
                    },
                }],
            })
        })
        .collect();
    let log = json!({
        "$schema": "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "wsis",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    serde_json::to_string_pretty(&log).unwrap_or_default()
}

/// A relative path as a URI reference: `/` separators, and each byte
/// outside the unreserved set percent-encoded.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The most annotations of each kind GitHub shows for one step.
const ANNOTATIONS_PER_KIND: usize = 10;

/// GitHub workflow commands: the first ten errors and the first ten
/// warnings as annotations, and a notice saying how many more the
/// report below lists.
pub fn github(diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    for severity in [Severity::Error, Severity::Warning] {
        let all: Vec<&Diagnostic> = diags.iter().filter(|d| d.severity == severity).collect();
        for d in all.iter().take(ANNOTATIONS_PER_KIND) {
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                message.push_str(&format!("\nhelp: {help}"));
            }
            out.push_str(&format!(
                "::{} file={},line={},col={},endColumn={},title={}::{}\n",
                level(d),
                property(&d.path),
                d.span.line,
                d.span.col,
                d.span.col + d.span.len.max(1),
                property(d.code.name()),
                data(&message)
            ));
        }
        if all.len() > ANNOTATIONS_PER_KIND {
            let more = all.len() - ANNOTATIONS_PER_KIND;
            out.push_str(&format!(
                "::notice::{more} more {}s are not shown as annotations; the full list is in the log\n",
                level(all[0])
            ));
        }
    }
    out
}

/// A workflow command's message, escaped.
fn data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// A workflow command's property value, escaped.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use wsis::source::{SourceFile, Span};

    fn diag(severity: Severity, n: usize) -> Diagnostic {
        let file = SourceFile::new("content/a, b.md".into(), "a, b.md".into(), "x\n");
        let mut d = Diagnostic::error(&file, Span::new(1, 1, 1), Code::UnknownKey, format!("bad: 100% {n}\nsecond"));
        d.severity = severity;
        d
    }

    #[test]
    fn every_code_has_a_sarif_rule_of_its_own() {
        let file = SourceFile::new("content/a.md".into(), "a.md".into(), "x\n");
        for code in Code::ALL {
            let d = Diagnostic::error(&file, Span::new(1, 1, 1), *code, "m".into());
            let log: serde_json::Value = serde_json::from_str(&sarif(&[d])).unwrap();
            let rule = &log["runs"][0]["tool"]["driver"]["rules"][0];
            assert_eq!(rule["id"], code.name());
            assert_eq!(rule["shortDescription"]["text"], code.summary());
            assert!(rule["help"]["text"].as_str().unwrap_or("").contains(code.fix()), "{code}");
        }
    }

    #[test]
    fn github_annotations_are_escaped_and_capped_at_ten_of_each_kind() {
        let diags: Vec<Diagnostic> =
            (0..12).map(|n| diag(Severity::Error, n)).chain((0..3).map(|n| diag(Severity::Warning, n))).collect();
        let out = github(&diags);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.iter().filter(|l| l.starts_with("::error ")).count(), 10, "{out}");
        assert_eq!(lines.iter().filter(|l| l.starts_with("::warning ")).count(), 3, "{out}");
        assert!(lines.contains(&"::notice::2 more errors are not shown as annotations; the full list is in the log"));
        assert_eq!(
            lines[0],
            "::error file=content/a%2C b.md,line=1,col=1,endColumn=2,title=unknown-key::bad: 100%25 0%0Asecond"
        );
    }
}
