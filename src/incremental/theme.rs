//! A theme file edited under `serve`: a template's pages rendered again,
//! and only theirs (the pages of every template that extends, includes or
//! imports it, through any chain), with the theme loaded anew; an asset
//! written in place; the brief's typst template, every PDF brief typeset
//! again in the background. What else a theme holds (interface strings,
//! fonts) changes what the model or the briefs are: a full build.

use super::outputs::{render_write, write_in_place};
use super::Quick;
use crate::load::theme::ThemeFiles;
use crate::render::Theme;
use crate::Prepared;
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;

/// At most how many PDF briefs an edit of the brief's typst template has
/// typeset again in the background, one after the other (the seven forums
/// of the real site in six languages would have 42; ten forums of 100
/// sessions in six languages, 60, typeset in about a minute and a half);
/// a larger site is built anew.
const BRIEFS_TYPESET_AGAIN: usize = 60;

/// What a theme edit wrote.
pub(super) struct Applied {
    pub written: usize,
    /// Whether every PDF brief is to be typeset again.
    pub briefs: bool,
}

/// Takes the edit of `path`, a file of the theme folder `dir`; what was
/// written, or why the fast path does not apply.
pub(super) fn apply(state: &mut Prepared, dir: &Path, output: &Path, path: &Path) -> Result<Applied, Quick> {
    let Ok(rel) = path.strip_prefix(dir) else { return Err(Quick::NotApplicable("a theme file changed")) };
    let rel = rel.to_string_lossy().replace('\\', "/");
    if !path.is_file() {
        return Err(Quick::NotApplicable("a theme file was added or removed"));
    }
    let is_template = rel.starts_with("templates/") && !rel.ends_with(".typ");
    let is_brief = rel == "brief/brief.typ";
    if !is_template && !is_brief && !rel.starts_with("assets/") {
        return Err(Quick::NotApplicable(
            "a theme file other than a page template, the brief's layout or an asset changed (strings, fonts)",
        ));
    }
    let pdfs = state.plan.pages.iter().filter(|p| matches!(p.kind, crate::plan::PageKind::BriefPdf(_))).count();
    if is_brief && pdfs > BRIEFS_TYPESET_AGAIN {
        return Err(Quick::NotApplicable(
            "the brief's layout changed, and the site has more briefs than serve typesets in the background",
        ));
    }
    // The theme as it is now, every template parsed: a mistake in one is
    // for a full build to report.
    let files = ThemeFiles::load(Some(dir)).map_err(|_| Quick::NotApplicable("the theme did not load"))?;
    if state.theme.files().get(&rel).is_none() {
        return Err(Quick::NotApplicable("a theme file was added"));
    }
    let mut theme = Theme::load(files).map_err(|_| Quick::NotApplicable("a template has a mistake"))?;
    theme.brief_cache = state.theme.brief_cache.clone();
    theme.keep_brief_layouts(state.theme.brief_layouts_kept());
    theme.speak(&state.languages.iter().map(|l| l.strings.clone()).collect::<Vec<_>>());
    let changed = changed_templates(state.theme.files(), theme.files());
    // The pages' web fonts hold the characters the pages use, as for a
    // content edit: a template that adds or drops one makes them anew.
    let font_chars = |files: &ThemeFiles| {
        let texts = changed.iter().filter_map(|name| files.get(&format!("templates/{name}")));
        texts
            .map(|f| crate::render::webfonts::chars_needing_font(&String::from_utf8_lossy(&f.bytes)))
            .collect::<Vec<_>>()
    };
    if font_chars(state.theme.files()) != font_chars(theme.files()) {
        return Err(Quick::NotApplicable("the edit adds or removes a character the pages' web fonts hold"));
    }
    let asset = rel.strip_prefix("assets/").map(|_| rel.clone());
    state.theme = Arc::new(theme);
    let mut written = 0;
    if let Some(asset) = asset {
        let bytes = state.theme.files().get(&asset).map(|f| f.bytes.to_vec()).unwrap_or_default();
        write_in_place(output, &asset, &bytes).map_err(|_| Quick::NotApplicable("an asset could not be written"))?;
        written += 1;
    }
    let affected = with_dependents(state.theme.files(), &changed);
    let contexts = state.contexts();
    let pages: Vec<&crate::plan::PlannedPage> =
        state.plan.pages.iter().filter(|p| p.kind.template().is_some_and(|t| affected.contains(t))).collect();
    written += render_write(state, &contexts, output, &pages, true)
        .ok_or(Quick::NotApplicable("a page could not be rendered in place"))?;
    Ok(Applied { written, briefs: is_brief && pdfs > 0 })
}

/// The templates (by name under `templates/`) whose text differs between
/// `old` and `new`.
fn changed_templates(old: &ThemeFiles, new: &ThemeFiles) -> BTreeSet<String> {
    let text = |files: &ThemeFiles, name: &str| files.get(&format!("templates/{name}")).map(|f| f.bytes.to_vec());
    let names: BTreeSet<&str> = old.under("templates").chain(new.under("templates")).map(|(n, _)| n).collect();
    names.into_iter().filter(|n| text(old, n) != text(new, n)).map(str::to_string).collect()
}

/// `changed` and every template that extends, includes or imports one of
/// them, through any chain.
fn with_dependents(files: &ThemeFiles, changed: &BTreeSet<String>) -> BTreeSet<String> {
    let uses: Vec<(String, Vec<String>)> = files
        .under("templates")
        .map(|(name, f)| (name.to_string(), referenced(&String::from_utf8_lossy(&f.bytes))))
        .collect();
    let mut affected = changed.clone();
    loop {
        let more: Vec<String> = uses
            .iter()
            .filter(|(name, refs)| !affected.contains(name) && refs.iter().any(|r| affected.contains(r)))
            .map(|(name, _)| name.clone())
            .collect();
        if more.is_empty() {
            return affected;
        }
        affected.extend(more);
    }
}

/// The templates a template's text names in `{% extends %}`,
/// `{% include %}` and `{% import %}` tags.
fn referenced(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for tag in text.split("{%").skip(1) {
        let tag = tag.trim_start_matches('-').trim_start();
        let Some(rest) = ["extends", "include", "import"].iter().find_map(|k| tag.strip_prefix(k)) else { continue };
        let rest = rest.trim_start();
        let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') else { continue };
        if let Some(name) = rest[1..].split(quote).next() {
            out.push(name.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::referenced;

    #[test]
    fn the_templates_a_template_uses_are_read_from_its_tags() {
        let text =
            r#"{% extends "base.html" %}{%- include 'partials/meta.html' -%}{% import "macros.html" as m %}{% if x %}"#;
        assert_eq!(referenced(text), ["base.html", "partials/meta.html", "macros.html"]);
    }
}
