//! Which documents lack a translation, have one that leaves parts in the
//! original's words, or have one older than their original, in each
//! language of a site: what `wsis check --translations`
//! reports. A file's age is its last commit when the site is a git
//! repository (the file's own time means nothing after a checkout), else
//! its modification time; a file changed since its last commit counts
//! from its modification time.

use crate::diagnostics::Code;
use crate::diagnostics::{Diagnostic, Severity};
use crate::link::Linked;
use crate::load::DocKind;
use crate::model::SiteConfig;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// A translation older than its original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outdated {
    pub translation: String,
    pub original: String,
    /// Seconds since 1970 of each file's last change.
    pub original_changed: u64,
    pub translation_changed: u64,
}

/// A translation that leaves some of its original's text untranslated
/// (left out, or given unchanged as the scaffold writes it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Incomplete {
    pub translation: String,
    /// What is still the original's: `title`, `theme`, `key_figures 2`,
    /// `body`.
    pub parts: Vec<String>,
    /// The line of the first of them in the translation.
    pub line: usize,
    /// True when the translation translates nothing at all.
    pub nothing: bool,
}

/// The state of one language's translations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LanguageStatus {
    pub language: String,
    /// Original documents in all.
    pub documents: usize,
    /// Documents translated in full.
    pub translated: usize,
    /// Originals with no translation in this language, by path in content/.
    pub missing: Vec<String>,
    pub incomplete: Vec<Incomplete>,
    pub outdated: Vec<Outdated>,
}

/// Where the first untranslated part of a translation is: its key's line
/// in the front matter, else the body's first line.
fn first_line(file: &crate::source::SourceFile, parts: &[String], body_offset: usize) -> usize {
    let key = parts.first().and_then(|p| p.split(' ').next()).unwrap_or("body");
    if key != "body" {
        let found = file.text.lines().position(|l| l.strip_prefix(key).is_some_and(|rest| rest.starts_with(':')));
        if let Some(n) = found {
            return n + 1;
        }
    }
    if file.text.is_empty() {
        1
    } else {
        file.position(body_offset.min(file.text.len())).0
    }
}

/// When each file under `content` last changed: its last commit, or its
/// modification time if git does not know it or it changed since.
fn change_times(content: &Path, files: &[&str]) -> HashMap<String, u64> {
    let mtime = |rel: &str| {
        std::fs::metadata(content.join(rel))
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_secs())
    };
    let committed = git_times(content).unwrap_or_default();
    let dirty = git_dirty(content).unwrap_or_default();
    files
        .iter()
        .map(|rel| {
            let time = match committed.get(*rel) {
                Some(t) if !dirty.iter().any(|d| d == rel) => *t,
                _ => mtime(rel),
            };
            (rel.to_string(), time)
        })
        .collect()
}

/// The text of the original at `original` (from `content`) as it was when
/// its translation at `translation` was last committed: what the
/// translation translates. `None` outside git, or when either file is not
/// in its history.
pub fn original_when_translated(content: &Path, original: &str, translation: &str) -> Option<String> {
    let commit = git(content, &["log", "-1", "--format=%H", "--", translation])?;
    let commit = commit.trim();
    if commit.is_empty() {
        return None;
    }
    git(content, &["show", &format!("{commit}:./{original}")])
}

fn git(content: &Path, args: &[&str]) -> Option<String> {
    let out = std::process::Command::new("git").arg("-C").arg(content).args(args).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The last commit time of each file git knows under `content`, by path
/// relative to it, from one walk of the history.
fn git_times(content: &Path) -> Option<HashMap<String, u64>> {
    let log = git(content, &["log", "--format=%x00%ct", "--name-only", "--relative", "--", "."])?;
    let mut times = HashMap::new();
    let mut current = 0;
    for line in log.lines() {
        if let Some(t) = line.strip_prefix('\0') {
            current = t.trim().parse().unwrap_or(0);
        } else if !line.is_empty() {
            times.entry(line.to_string()).or_insert(current);
        }
    }
    Some(times)
}

/// Files under `content` changed or new since the last commit.
fn git_dirty(content: &Path) -> Option<Vec<String>> {
    let status = git(content, &["status", "--porcelain", "--untracked-files=all", "--", "."])?;
    let prefix = git(content, &["rev-parse", "--show-prefix"]).unwrap_or_default();
    let prefix = prefix.trim();
    Some(status.lines().filter_map(|l| l.get(3..)).filter_map(|p| p.strip_prefix(prefix).map(str::to_string)).collect())
}

/// The translation state of every language but the default.
pub fn status(content: &Path, linked: &Linked, site: &SiteConfig) -> Vec<LanguageStatus> {
    let m = &linked.model;
    let rel = |file: usize| m.files[file].rel_path.clone();
    let mut originals: BTreeMap<DocKind, (String, usize)> = BTreeMap::new();
    let with = |file: usize| (rel(file), file);
    originals.extend(m.forums.iter().map(|f| (DocKind::Forum { year: f.year }, with(f.file))));
    originals
        .extend(m.sessions.iter().map(|s| (DocKind::Session { year: s.year, slug: s.slug.clone() }, with(s.file))));
    originals.extend(m.ungis.iter().map(|u| (DocKind::Ungis { slug: u.slug.clone() }, with(u.file))));
    originals.extend(m.roadmaps.iter().map(|r| (DocKind::Roadmap { slug: r.slug.clone() }, with(r.file))));
    originals.extend(m.pages.iter().map(|p| (DocKind::Page { slug: p.slug.clone() }, with(p.file))));
    let all: Vec<&str> = m.files.iter().map(|f| f.rel_path.as_str()).collect();
    let times = change_times(content, &all);
    site.languages
        .iter()
        .skip(1)
        .map(|lang| {
            let mine: HashMap<&DocKind, &crate::model::Translation> =
                m.translations.iter().filter(|t| t.lang == lang.code).map(|t| (&t.of, t)).collect();
            let pending = crate::link::pending::of_language(m, &m.translations, &lang.code);
            let mut status = LanguageStatus {
                language: lang.code.clone(),
                documents: originals.len(),
                translated: 0,
                missing: Vec::new(),
                incomplete: Vec::new(),
                outdated: Vec::new(),
            };
            for (kind, (original, original_file)) in &originals {
                let Some(t) = mine.get(kind) else {
                    status.missing.push(original.clone());
                    continue;
                };
                let translation = &rel(t.file);
                match pending.get(original_file).filter(|p| !p.complete()) {
                    Some(p) => {
                        let lead = if matches!(kind, DocKind::Forum { .. }) { "theme" } else { "description" };
                        let parts = p.names(lead);
                        status.incomplete.push(Incomplete {
                            translation: translation.clone(),
                            line: first_line(&m.files[t.file], &parts, t.body.offset),
                            parts,
                            nothing: p.nothing_translated(),
                        });
                    }
                    None => status.translated += 1,
                }
                let time = |rel: &String| times.get(rel).copied().unwrap_or(0);
                let (o, t) = (time(original), time(translation));
                if o > t {
                    status.outdated.push(Outdated {
                        translation: translation.clone(),
                        original: original.clone(),
                        original_changed: o,
                        translation_changed: t,
                    });
                }
            }
            status
        })
        .collect()
}

/// The report as diagnostics, for the machine formats: a note at each
/// original without a translation, a warning at each outdated translation.
pub fn as_diagnostics(statuses: &[LanguageStatus], content_name: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for s in statuses {
        for original in &s.missing {
            let message = format!("no `{}` translation of this document", s.language);
            let d = Diagnostic::at_path(&format!("{content_name}/{original}"), Code::TranslationMissing, message);
            out.push(Diagnostic { severity: Severity::Warning, ..d });
        }
        for x in &s.incomplete {
            let parts = x.parts.iter().map(|p| format!("`{p}`")).collect::<Vec<_>>().join(", ");
            let message = if x.nothing {
                format!("this `{}` translation translates nothing: {parts} are the original's text", s.language)
            } else {
                format!("untranslated in this `{}` translation: {parts}, still the original's text", s.language)
            };
            let mut d =
                Diagnostic::at_path(&format!("{content_name}/{}", x.translation), Code::TranslationIncomplete, message);
            d.span = crate::source::Span::new(x.line, 1, 1);
            d.help = Some(
                "translate them: text left out or equal to the original's is published in the original's language, \
                 under a notice, and not counted as translated"
                    .into(),
            );
            out.push(Diagnostic { severity: Severity::Warning, ..d });
        }
        for o in &s.outdated {
            let message = format!("this translation is older than its original, `{content_name}/{}`", o.original);
            let d =
                Diagnostic::at_path(&format!("{content_name}/{}", o.translation), Code::TranslationOutdated, message);
            out.push(Diagnostic { severity: Severity::Warning, ..d });
        }
    }
    out
}

/// The report as a table, for people.
pub fn table(statuses: &[LanguageStatus]) -> String {
    let date = |secs: u64| crate::date::Date::from_days_since_epoch((secs / 86_400) as i64).iso();
    let mut out = String::from("language  translated  incomplete  missing  outdated\n");
    for s in statuses {
        out.push_str(&format!(
            "{:<8}  {:>4} of {:<3}  {:>10}  {:>7}  {:>8}\n",
            s.language,
            s.translated,
            s.documents,
            s.incomplete.len(),
            s.missing.len(),
            s.outdated.len()
        ));
    }
    for s in statuses {
        for original in &s.missing {
            out.push_str(&format!("{}: missing: {original}\n", s.language));
        }
        for x in &s.incomplete {
            let what = if x.nothing { "untranslated" } else { "incomplete" };
            out.push_str(&format!("{}: {what}: {}:{} ({})\n", s.language, x.translation, x.line, x.parts.join(", ")));
        }
        for o in &s.outdated {
            out.push_str(&format!(
                "{}: outdated: {} ({} changed {}, the translation {})\n",
                s.language,
                o.translation,
                o.original,
                date(o.original_changed),
                date(o.translation_changed)
            ));
        }
    }
    out
}
