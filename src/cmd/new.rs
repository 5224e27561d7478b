//! `wsis new`: a new content file in the right place, valid as written,
//! never over an existing one.

use crate::{NewArgs, NewKind};
use std::io::Write;
use std::path::{Path, PathBuf};
use wsis::date::Date;
use wsis::scaffold;

fn slug(title: &str, given: &Option<String>) -> Result<String, String> {
    if let Some(s) = given {
        return if wsis::load::is_slug(s) {
            Ok(s.clone())
        } else {
            Err(format!("`{s}` is not a valid slug: use lowercase ASCII letters, digits and `-`"))
        };
    }
    scaffold::slug_from_title(title)
        .ok_or_else(|| format!("cannot make a file name from `{title}`; give one with --slug"))
}

fn plan(content: &Path, kind: &NewKind) -> Result<(PathBuf, String), String> {
    Ok(match kind {
        NewKind::Forum { year } => {
            if !(1000..=9999).contains(year) {
                return Err(format!("`{year}` is not a four-digit year"));
            }
            (content.join(format!("forums/{year}/forum.md")), scaffold::forum(*year))
        }
        NewKind::Session { year, title, slug: given } => {
            let start = scaffold::forum_start(content, *year)?;
            let slug = slug(title, given)?;
            (content.join(format!("forums/{year}/hlt/{slug}.md")), scaffold::session(title, start))
        }
        NewKind::Ungis { title, slug: given } => {
            let slug = slug(title, given)?;
            (content.join(format!("ungis/{slug}.md")), scaffold::ungis(title, Date::today()))
        }
        NewKind::Roadmap { action_line } => {
            let title = scaffold::action_line_title(content, action_line)?;
            let file = action_line.to_ascii_lowercase();
            (content.join(format!("roadmaps/{file}.md")), scaffold::roadmap(action_line, &title))
        }
        NewKind::Page { title, slug: given } => {
            let slug = slug(title, given)?;
            (content.join(format!("pages/{slug}.md")), scaffold::page(title))
        }
        NewKind::Translation { file, language } => translation(content, file, language)?,
    })
}

/// The original's path from the content folder, as given or under it.
fn original_rel(content: &Path, file: &Path) -> Result<String, String> {
    let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let given = if file.is_file() { abs(file) } else { abs(&content.join(file)) };
    let rel = given
        .strip_prefix(abs(content))
        .map_err(|_| format!("`{}` is not a file in the content folder", file.display()))?;
    Ok(rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/"))
}

/// A translation of `file` into `language`, holding the original's
/// translatable text to replace.
fn translation(content: &Path, file: &Path, language: &str) -> Result<(PathBuf, String), String> {
    let rel = original_rel(content, file)?;
    let kind = wsis::load::doc_kind(&rel).ok_or_else(|| {
        format!("`{rel}` is not an original document (a forum, session, UNGIS activity, roadmap or page)")
    })?;
    let languages = scaffold::site_languages(content)?;
    if languages.first().map(String::as_str) == Some(language) {
        return Err(format!("`{language}` is the site's default language: `{rel}` is already in it"));
    }
    if !languages.iter().any(|l| l == language) {
        return Err(format!(
            "`{language}` is not a language of this site; add it to `languages:` in site.yaml (now: {})",
            languages.join(", ")
        ));
    }
    let source = wsis::load::read_source(content, &rel).map_err(|d| d.render())?;
    let text = scaffold::translation(&kind, &source, language)?;
    let path = wsis::load::translation_path(&rel, language).ok_or_else(|| format!("`{rel}` cannot be translated"))?;
    Ok((content.join(path), text))
}

pub(super) fn write_new(path: &Path, text: &str) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            format!("{} already exists; nothing was written", path.display())
        } else {
            format!("cannot create {}: {e}", path.display())
        }
    })?;
    file.write_all(text.as_bytes()).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

pub fn run(args: &NewArgs) -> i32 {
    let site = super::Site::find(args.content.as_deref());
    if !site.content.is_dir() {
        eprintln!(
            "error: the content folder `{}` does not exist (`wsis init` creates a new site)",
            site.content.display()
        );
        return 1;
    }
    match plan(&site.content, &args.kind).and_then(|(path, text)| write_new(&path, &text).map(|_| path)) {
        Ok(path) => {
            println!("Created {}", path.display());
            0
        }
        Err(e) => {
            eprintln!("error: {e}");
            1
        }
    }
}
