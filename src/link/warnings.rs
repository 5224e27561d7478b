//! Warnings: content that is legal but probably a mistake. They are shown
//! and do not fail a build, unless the editor asks (`--deny-warnings`).

use super::Index;
use crate::diagnostics::Code;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::Model;
use crate::source::Span;
use rayon::prelude::*;

/// The sections High-Level Track Facilitators capture for each session.
pub const OUTCOME_SECTIONS: &[&str] = &["Vision", "Emerging trends", "Opportunities", "Challenges", "Recommendations"];

pub fn check(model: &Model, index: &Index, diags: &mut Diagnostics) {
    // Sessions are most of a site: looked at in parallel, reported in order.
    let sessions: Vec<Diagnostic> = model
        .sessions
        .par_iter()
        .filter_map(|s| {
            let file = &model.files[s.file];
            let headings = index.headings.get(&file.rel_path).map(Vec::as_slice).unwrap_or_default();
            let has_section =
                headings.iter().any(|h| OUTCOME_SECTIONS.iter().any(|name| h.text.trim().eq_ignore_ascii_case(name)));
            if has_section {
                return None;
            }
            let (line, _) = file.position(s.body.offset);
            let d = Diagnostic::warning(
                file,
                Span::new(line, 1, 1),
                Code::NoOutcomeSections,
                "this High-Level Track session has none of the outcome sections".into(),
            )
            .with_help(format!("sessions usually record `## {}`", OUTCOME_SECTIONS.join("`, `## ")));
            Some(d)
        })
        .collect();
    diags.extend(sessions);
    for f in &model.forums {
        let file = &model.files[f.file];
        if f.key_figures.is_empty() {
            let d = Diagnostic::warning(
                file,
                Span::new(1, 1, 3),
                Code::NoKeyFigures,
                format!("{} has no key figures", f.title),
            )
            .with_help("add `key_figures:` with the headline numbers the sources give");
            diags.push(d);
        }
        for p in &f.publications {
            if p.url.is_none() {
                let message = format!("publication `{}` has no address", p.title);
                let d = Diagnostic::warning(file, p.span, Code::PublicationWithoutUrl, message)
                    .with_help("add `url: https://...` so readers can open it");
                diags.push(d);
            }
        }
    }
}
