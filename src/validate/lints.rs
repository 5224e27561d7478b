//! Lint levels, as Cargo's `[lints]` and ESLint's rule levels: `site.yaml`'s
//! `lints:` sets a level per diagnostic code (`allow`, `warn`, `deny`), and
//! a document's `allow:` excuses a code for itself, with its reason, once
//! and next to what it excuses (`allow: { publication-without-url: "the
//! sources give no address" }`). `apply` runs both over a run's
//! diagnostics; an allowance that excuses nothing is itself a warning, so
//! a gap once filled does not stay excused.

use super::fields::Reader;
use crate::diagnostics::{Code, Diagnostic, Severity};
use crate::load::yaml::{Node, Value};
use crate::source::Span;
use crate::vocabulary::LintLevel;

/// A document's excuse for one code of warning.
#[derive(Debug, Clone)]
pub struct Allowance {
    /// The document, as its diagnostics name it.
    pub path: String,
    pub code: Code,
    pub reason: String,
    /// Where the allowance is written, for an unused one.
    pub span: Span,
}

/// Codes whose warnings come after the content is checked: from the build
/// (a glyph no font of the briefs has) or from `check --translations`.
/// The content's check cannot tell if their allowance is used.
const FOUND_LATER: &[Code] =
    &[Code::NoFontForCharacter, Code::TranslationMissing, Code::TranslationIncomplete, Code::TranslationOutdated];

/// The code a key names, or an error at it with the nearest code.
fn code_at(r: &mut Reader, key: &Node) -> Option<Code> {
    let Value::Scalar { text, .. } = &key.value else {
        r.error(key.span, Code::BadKey, "a diagnostic code is text, like `publication-without-url`".into());
        return None;
    };
    if let Some(code) = Code::from_name(text) {
        return Some(code);
    }
    let nearest = Code::ALL.iter().map(|c| c.name()).min_by_key(|c| strsim::levenshtein(c, text));
    let help = match nearest.filter(|n| strsim::levenshtein(n, text) <= 3) {
        Some(n) => format!("did you mean `{n}`? `wsis explain` lists every code"),
        None => "`wsis explain` lists every code".into(),
    };
    r.error(key.span, Code::InvalidValue, format!("`{text}` is not a diagnostic code")).help = Some(help);
    None
}

/// Removes a document's `allow:` from its front matter and reads it: each
/// entry a code and the reason it is excused here.
pub fn take_allowances(r: &mut Reader, node: &mut Node) -> Vec<Allowance> {
    let Value::Map(entries) = &mut node.value else { return Vec::new() };
    let Some(pos) = entries.iter().position(|(k, _)| matches!(&k.value, Value::Scalar { text, .. } if text == "allow"))
    else {
        return Vec::new();
    };
    let (_, value) = entries.remove(pos);
    let Value::Map(pairs) = &value.value else {
        r.error(value.span, Code::ExpectedMapping, "`allow` lists codes, each with its reason".into()).help =
            Some("write `allow: { publication-without-url: \"the sources give no address\" }`".into());
        return Vec::new();
    };
    let mut out = Vec::new();
    for (key, reason) in pairs {
        let Some(code) = code_at(r, key) else { continue };
        match &reason.value {
            Value::Scalar { text, .. } if !text.trim().is_empty() => out.push(Allowance {
                path: r.file.display_path.clone(),
                code,
                reason: text.trim().to_string(),
                span: key.span,
            }),
            _ => {
                let message = format!("`allow: {code}` gives no reason");
                // Nothing written: the place is the code's.
                let span = if matches!(reason.value, Value::Null) { key.span } else { reason.span };
                r.error(span, Code::EmptyValue, message).help = Some(format!(
                    "say why this document has the warning, for the next editor: `{code}: \"the sources give none\"`"
                ));
            }
        }
    }
    out
}

/// `site.yaml`'s `lints:`: a level for each code it names.
pub fn site_lints(r: &mut Reader, node: Option<&Node>) -> Vec<(Code, LintLevel)> {
    let Some(node) = node else { return Vec::new() };
    let Value::Map(pairs) = &node.value else {
        r.error(node.span, Code::ExpectedMapping, "`lints` gives codes, each with a level".into()).help =
            Some("write `lints: { raw-html: deny, no-key-figures: allow }`".into());
        return Vec::new();
    };
    let mut out = Vec::new();
    for (key, level) in pairs {
        let Some(code) = code_at(r, key) else { continue };
        let text = match &level.value {
            Value::Scalar { text, .. } => text.as_str(),
            _ => "",
        };
        match <LintLevel as crate::vocabulary::Closed>::parse(text) {
            Some(level) => out.push((code, level)),
            None => {
                let message = format!("`{code}: {text}` is not a level");
                r.error(level.span, Code::InvalidValue, message).help =
                    Some("a level is `allow`, `warn` or `deny`".into());
            }
        }
    }
    out
}

/// The diagnostics of a run with the lints applied: a warning the site
/// allows, or its document allows with a reason, is left out; one the site
/// denies is an error. `judge_unused`: an allowance that excused no
/// warning is itself one (not for warnings only a build finds).
pub fn apply(
    allowances: &[Allowance],
    lints: &[(Code, LintLevel)],
    diags: Vec<Diagnostic>,
    judge_unused: bool,
) -> Vec<Diagnostic> {
    let level = |code: Code| lints.iter().rev().find(|(c, _)| *c == code).map(|(_, l)| *l);
    let mut used = vec![false; allowances.len()];
    // By document and code: a large site may allow a code in thousands of
    // documents, each with its warning.
    let mut by_place: std::collections::HashMap<(&str, Code), usize> = std::collections::HashMap::new();
    for (i, a) in allowances.iter().enumerate() {
        by_place.entry((a.path.as_str(), a.code)).or_insert(i);
    }
    let mut out = Vec::with_capacity(diags.len());
    for mut d in diags {
        if d.severity == Severity::Warning {
            if let Some(&i) = by_place.get(&(d.path.as_str(), d.code)) {
                used[i] = true;
                continue;
            }
            match level(d.code) {
                Some(LintLevel::Allow) => continue,
                Some(LintLevel::Deny) => {
                    // Said where it shows, so nobody hunts for why a
                    // warning's text fails the build.
                    d.severity = Severity::Error;
                    d.message.push_str(" (an error: `lints:` in site.yaml denies it)");
                }
                Some(LintLevel::Warn) | None => {}
            }
        }
        out.push(d);
    }
    if judge_unused {
        for (a, _) in allowances.iter().zip(&used).filter(|(a, used)| !**used && !FOUND_LATER.contains(&a.code)) {
            let mut d = Diagnostic::at_path(
                &a.path,
                Code::UnusedAllowance,
                format!("`{}` is allowed here, but this document has no such warning", a.code),
            )
            .with_help("delete the line: what it excused is no longer there");
            d.severity = Severity::Warning;
            d.span = a.span;
            out.push(d);
        }
    }
    out
}
