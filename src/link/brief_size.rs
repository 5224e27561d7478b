//! A forum's PDF brief holds the forum's body and every session's: each
//! body is within its own limits (`markdown::MAX_BODY`, `MAX_BLOCKS`), and
//! this bounds what they add up to, so a forum of many large sessions
//! cannot make a brief that takes gigabytes to typeset. The session whose
//! body crosses the limit is named, at its first line. Only a run that
//! typesets the briefs applies it (`--no-pdf` does not).

use crate::diagnostics::Code;
use crate::diagnostics::Diagnostic;
use crate::model::{Body, Model};

/// The most text one forum's brief may hold, in bytes of Markdown: about
/// ten times the largest real forum.
pub const MAX_BRIEF_BYTES: usize = 4 * 1024 * 1024;

/// The most lines of Markdown one forum's brief may hold (a line is at
/// most one paragraph, list item or table row a brief lays out).
pub const MAX_BRIEF_LINES: usize = 20_000;

/// An error for each forum whose brief would hold more than the limits.
pub fn check(model: &Model, sessions_by_year: &std::collections::BTreeMap<u32, Vec<usize>>) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for forum in &model.forums {
        let sessions = sessions_by_year.get(&forum.year).map(Vec::as_slice).unwrap_or_default();
        let bodies = std::iter::once((&forum.body, forum.file))
            .chain(sessions.iter().map(|&i| (&model.sessions[i].body, model.sessions[i].file)));
        let (mut bytes, mut lines) = (0usize, 0usize);
        for (body, file) in bodies {
            bytes += body.markdown().len();
            lines += line_count(body);
            if bytes > MAX_BRIEF_BYTES || lines > MAX_BRIEF_LINES {
                let source = &model.files[file];
                let span = source.span_of(body.offset, body.offset + 1);
                diags.push(
                    Diagnostic::error(
                        source,
                        span,
                        Code::BriefTooLarge,
                        format!(
                            "with this body, the {} forum's brief holds {} KiB in {lines} lines, past the {} KiB or \
                             {MAX_BRIEF_LINES} lines a brief may hold",
                            forum.year,
                            bytes / 1024,
                            MAX_BRIEF_BYTES / 1024
                        ),
                    )
                    .with_help("shorten the sessions' records, or move annexes to pages of their own and link them"),
                );
                break;
            }
        }
    }
    diags
}

fn line_count(body: &Body) -> usize {
    body.markdown().lines().filter(|l| !l.trim().is_empty()).count()
}
