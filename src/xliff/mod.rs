//! The translators' round trip: what is left to translate in a language,
//! out as one XLIFF file for a translation tool (`wsis translations
//! export`), and the translated file back in as `<name>.<code>.md`
//! translations (`wsis translations import`).
//!
//! A unit is identified by its document (the `<file>`'s `original`, the
//! original's path in the content folder) and its field in it (the unit's
//! `id`: `title`, `key_figures.2.label`, `body.3`); its source is the
//! original's text, which an import compares with the original as it now
//! is, so a file exported before the original changed is refused.

mod compose;
mod read;
pub mod segments;
mod units;
mod write;

use crate::diagnostics::{Code, Diagnostic};
use crate::link::Linked;
use crate::load::DocKind;
use crate::model::{Item, Translation};
use segments::{key_of, Piece};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
pub use write::Version;

/// Which documents an export holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Only {
    /// Those without a translation in the language.
    Missing,
    /// Those whose translation is older than the original.
    Outdated,
    /// Those that need work: missing, outdated, or translated in part.
    NeedsWork,
    /// Every document.
    All,
}

/// What an export holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    pub documents: usize,
    pub units: usize,
    /// Units with no translation yet.
    pub untranslated: usize,
}

/// The translations into `lang`, by the original they translate: looked
/// up once a document (a linear search was a third of a large export).
fn translations_into<'a>(linked: &'a Linked, lang: &str) -> HashMap<&'a DocKind, &'a Translation> {
    linked.model.translations.iter().filter(|t| t.lang == lang).map(|t| (&t.of, t)).collect()
}

/// Why an export stopped: the request (`Asked`), or writing it (`Io`).
#[derive(Debug)]
pub enum ExportError {
    Asked(String),
    Io(std::io::Error),
}

/// The export of `linked` (the checked content of `content`) into `lang`,
/// written to `out` a document at a time, so that a large site's export is
/// never whole in memory. Nothing is written when the request is refused.
pub fn export(
    content: &Path,
    linked: &Linked,
    lang: &str,
    version: Version,
    only: Only,
    out: &mut dyn std::io::Write,
) -> Result<Exported, ExportError> {
    let asked = ExportError::Asked;
    let m = &linked.model;
    let site = m.site.as_ref().ok_or_else(|| asked("site.yaml did not load".into()))?;
    let position = site.languages.iter().position(|l| l.code == lang);
    let source = &site.languages[0].code;
    match position {
        Some(0) => return Err(asked(format!("`{lang}` is the site's own language: the originals are written in it"))),
        None => {
            let codes: Vec<&str> = site.languages.iter().skip(1).map(|l| l.code.as_str()).collect();
            return Err(asked(format!(
                "`{lang}` is not a language of the site (site.yaml lists {})",
                codes.join(", ")
            )));
        }
        Some(_) => {}
    }
    let status = crate::translations::status(content, linked, site).into_iter().find(|s| s.language == lang);
    let status = status.ok_or_else(|| asked(format!("no translation state for `{lang}`")))?;
    let originals = |paths: Vec<&String>| paths.into_iter().cloned().collect::<std::collections::HashSet<String>>();
    let missing = originals(status.missing.iter().collect());
    let outdated = originals(status.outdated.iter().map(|o| &o.original).collect());
    let incomplete: std::collections::HashSet<&String> = status.incomplete.iter().map(|i| &i.translation).collect();
    let translations = translations_into(linked, lang);
    let mut exported = Exported { documents: 0, units: 0, untranslated: 0 };
    out.write_all(write::head(source, lang, version).as_bytes()).map_err(ExportError::Io)?;
    for item in m.items() {
        let original = &m.files[m.file_of(item)].rel_path;
        let kind = m.doc_kind(item);
        let translation = translations.get(&kind).copied();
        let partly = translation.is_some_and(|t| incomplete.contains(&m.files[t.file].rel_path));
        let wanted = match only {
            Only::Missing => missing.contains(original),
            Only::Outdated => outdated.contains(original),
            Only::NeedsWork => missing.contains(original) || outdated.contains(original) || partly,
            Only::All => true,
        };
        if wanted {
            let mut doc = units::of_document(m, item, translation);
            if let Some(t) = translation.filter(|_| outdated.contains(original)) {
                mark_changes(content, &mut doc, &kind, &m.files[t.file].rel_path);
            }
            if !doc.units.is_empty() {
                exported.documents += 1;
                exported.units += doc.units.len();
                exported.untranslated += doc.units.iter().filter(|u| u.previous.is_none()).count();
                let file = write::file(&doc, exported.documents, source, lang, version);
                out.write_all(file.as_bytes()).map_err(ExportError::Io)?;
            }
        }
    }
    out.write_all(write::TAIL.as_bytes()).map_err(ExportError::Io)?;
    Ok(exported)
}

/// Marks each unit of `doc` (an original whose translation at
/// `translation` is outdated) with the original's text when the
/// translation was last committed, where that differs: what changed since.
fn mark_changes(content: &Path, doc: &mut units::DocUnits, kind: &DocKind, translation: &str) {
    let Some(text) = crate::translations::original_when_translated(content, &doc.original, translation) else { return };
    let file = crate::source::SourceFile::new(doc.original.clone(), doc.original.clone(), &text);
    let Some(old) = crate::validate::validate_document(kind, &file, 0, true).entity else { return };
    let old = units::of_entity(&old, doc.original.clone(), None);
    for unit in &mut doc.units {
        let before = old.units.iter().find(|u| u.id == unit.id).map(|u| u.source.clone()).unwrap_or_default();
        if before != unit.source {
            unit.was = Some(before);
        }
    }
}

/// What an import wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub language: String,
    /// Each file written, by path in the content folder, with how many
    /// units it took.
    pub files: Vec<(String, usize)>,
}

/// A unit's text as the Markdown it stands for, or why it cannot be.
fn unit_markdown(unit: &units::Unit, target: &[Piece]) -> Result<String, String> {
    match &unit.segment {
        Some(segment) => segment.markdown_of(target),
        None => {
            let mut text = String::new();
            for p in target {
                match p {
                    Piece::Text(t) => text.push_str(t),
                    Piece::Code(n) => return Err(format!("placeholder {n} in a text that has none")),
                }
            }
            let text = text.trim();
            let length = text.chars().count();
            if length > crate::validate::fields::MAX_FIELD {
                return Err(format!(
                    "{length} characters: a field holds at most {}",
                    crate::validate::fields::MAX_FIELD
                ));
            }
            Ok(text.to_string())
        }
    }
}

/// Takes the XLIFF file at `file` (its bytes `bytes`) into the content of
/// `linked`: the translation of each document with a translated unit,
/// written or updated. Every mistake of the file is said at once, at its
/// line, and then nothing is written.
pub fn import(content: &Path, linked: &Linked, file: &str, bytes: Vec<u8>) -> Result<Imported, Vec<Diagnostic>> {
    let at = |line: u32, message: String| Diagnostic::at_line(file, line as usize, Code::TranslationImport, message);
    let read =
        read::text_of(bytes).and_then(|text| read::read(&text)).map_err(|(line, message)| vec![at(line, message)])?;
    let m = &linked.model;
    let lang = read.target_language.clone();
    if lang.is_empty() {
        let missing = "the file names no language it translates into (`trgLang` on `<xliff>` in 2.x, `target-language` on `<file>` in 1.2)";
        return Err(vec![at(1, missing.into())]);
    }
    let known = m.site.as_ref().is_some_and(|s| s.languages.iter().skip(1).any(|l| l.code == lang));
    if !known {
        return Err(vec![at(
            1,
            format!("the file translates into `{lang}`, which is not a translated language of the site"),
        )]);
    }
    let translations = translations_into(linked, &lang);
    let documents: HashMap<&str, Item> = m.items().map(|i| (m.files[m.file_of(i)].rel_path.as_str(), i)).collect();
    // The units the file could not give, and every other mistake after.
    let mut errors: Vec<Diagnostic> = read.mistakes.iter().map(|(line, message)| at(*line, message.clone())).collect();
    let mut writes: Vec<(String, String, usize)> = Vec::new();
    for f in &read.files {
        let Some(&item) = documents.get(f.original.as_str()) else {
            let line = f.units.first().map_or(1, |u| u.line);
            errors.push(at(
                line,
                format!("`{}` is no document of the site (moved or deleted since the export?)", f.original),
            ));
            continue;
        };
        let existing = translations.get(&m.doc_kind(item)).copied();
        let doc = units::of_document(m, item, existing);
        let mut translated: BTreeMap<String, String> = BTreeMap::new();
        for u in &f.units {
            let Some(unit) = doc.units.iter().find(|x| x.id == u.id) else {
                errors.push(at(
                    u.line,
                    format!("{}: no unit `{}` in it now (the original changed since the export)", f.original, u.id),
                ));
                continue;
            };
            if key_of(&u.source) != key_of(&unit.source) {
                errors.push(at(
                    u.line,
                    format!(
                        "{} `{}`: the original changed since the export: the file's source reads {:?}, the original now {:?}",
                        f.original,
                        u.id,
                        key_of(&u.source),
                        key_of(&unit.source)
                    ),
                ));
                continue;
            }
            let Some(target) = &u.target else { continue };
            // A target that is the translation's own text (as exported)
            // changes nothing: its file is not written again.
            if unit.previous.as_ref().is_some_and(|p| key_of(p) == key_of(target)) {
                continue;
            }
            match unit_markdown(unit, target) {
                Ok(markdown) if !markdown.trim().is_empty() => {
                    translated.insert(u.id.clone(), markdown);
                }
                Ok(_) => {}
                Err(why) => errors.push(at(u.line, format!("{} `{}`: {why}", f.original, u.id))),
            }
        }
        if !translated.is_empty() {
            let count = translated.len();
            let Some(path) = crate::load::translation_path(&f.original, &lang) else { continue };
            writes.push((path, compose::compose(&doc, existing, &translated, &lang), count));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let before = write_all(content, &writes).map_err(|e| vec![at(1, e)])?;
    // What was written is checked as `check` checks it; a translation the
    // content does not accept is taken back, and the messages say so (they
    // name lines of files no longer there).
    if let Err(diags) = crate::check(content, false) {
        restore(&before);
        let taken_back = "the translations this file makes do not check (below), so none was written";
        return Err(std::iter::once(at(1, taken_back.into())).chain(diags).collect());
    }
    Ok(Imported { language: lang, files: writes.into_iter().map(|(path, _, n)| (path, n)).collect() })
}

/// Writes each file whole (beside it, then renamed over it); on a failure
/// the files written so far are put back as they were. Each file as it
/// was, to put back.
fn write_all(content: &Path, writes: &[(String, String, usize)]) -> Result<Vec<Before>, String> {
    let mut done: Vec<Before> = Vec::new();
    for (rel, text, _) in writes {
        let path = content.join(rel);
        let before = std::fs::read(&path).ok();
        let temporary = path.with_extension("md.wsis-import");
        let written = std::fs::write(&temporary, text).and_then(|_| std::fs::rename(&temporary, &path));
        if let Err(e) = written {
            let _ = std::fs::remove_file(&temporary);
            restore(&done);
            return Err(format!("writing {rel}: {e}"));
        }
        done.push((path, before));
    }
    Ok(done)
}

/// A file as it was before an import: its bytes, `None` if it was not there.
type Before = (PathBuf, Option<Vec<u8>>);

/// Puts files back as they were before an import.
fn restore(files: &[Before]) {
    for (path, before) in files {
        let _ = match before {
            Some(bytes) => std::fs::write(path, bytes),
            None => std::fs::remove_file(path),
        };
    }
}
