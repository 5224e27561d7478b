//! Which documents lack a translation, or have one older than their
//! original, in each language of a site: what `wsis check --translations`
//! reports. A file's age is its last commit when the site is a git
//! repository (the file's own time means nothing after a checkout), else
//! its modification time; a file changed since its last commit counts
//! from its modification time.

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

/// The state of one language's translations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LanguageStatus {
    pub language: String,
    /// Original documents in all.
    pub documents: usize,
    pub translated: usize,
    /// Originals with no translation in this language, by path in content/.
    pub missing: Vec<String>,
    pub outdated: Vec<Outdated>,
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
    let mut originals: BTreeMap<DocKind, String> = BTreeMap::new();
    originals.extend(m.forums.iter().map(|f| (DocKind::Forum { year: f.year }, rel(f.file))));
    originals.extend(m.sessions.iter().map(|s| (DocKind::Session { year: s.year, slug: s.slug.clone() }, rel(s.file))));
    originals.extend(m.ungis.iter().map(|u| (DocKind::Ungis { slug: u.slug.clone() }, rel(u.file))));
    originals.extend(m.roadmaps.iter().map(|r| (DocKind::Roadmap { slug: r.slug.clone() }, rel(r.file))));
    originals.extend(m.pages.iter().map(|p| (DocKind::Page { slug: p.slug.clone() }, rel(p.file))));
    let all: Vec<&str> = m.files.iter().map(|f| f.rel_path.as_str()).collect();
    let times = change_times(content, &all);
    site.languages
        .iter()
        .skip(1)
        .map(|lang| {
            let mine: HashMap<&DocKind, String> =
                m.translations.iter().filter(|t| t.lang == lang.code).map(|t| (&t.of, rel(t.file))).collect();
            let mut status = LanguageStatus {
                language: lang.code.clone(),
                documents: originals.len(),
                translated: 0,
                missing: Vec::new(),
                outdated: Vec::new(),
            };
            for (kind, original) in &originals {
                let Some(translation) = mine.get(kind) else {
                    status.missing.push(original.clone());
                    continue;
                };
                status.translated += 1;
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
            let d = Diagnostic::at_path(&format!("{content_name}/{original}"), "translation-missing", message);
            out.push(Diagnostic { severity: Severity::Warning, ..d });
        }
        for o in &s.outdated {
            let message = format!("this translation is older than its original, `{content_name}/{}`", o.original);
            let d = Diagnostic::at_path(&format!("{content_name}/{}", o.translation), "translation-outdated", message);
            out.push(Diagnostic { severity: Severity::Warning, ..d });
        }
    }
    out
}

/// The report as a table, for people.
pub fn table(statuses: &[LanguageStatus]) -> String {
    let date = |secs: u64| crate::date::Date::from_days_since_epoch((secs / 86_400) as i64).iso();
    let mut out = String::from("language  translated  missing  outdated\n");
    for s in statuses {
        out.push_str(&format!(
            "{:<8}  {:>4} of {:<3}  {:>7}  {:>8}\n",
            s.language,
            s.translated,
            s.documents,
            s.missing.len(),
            s.outdated.len()
        ));
    }
    for s in statuses {
        for original in &s.missing {
            out.push_str(&format!("{}: missing: {original}\n", s.language));
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
