//! One edited file taken into a site being served, through the stages a
//! build runs: the file read and validated (an original, or a translation
//! against its original), the new version of its document put in the
//! default language's model and laid anew into the view of every language
//! that shows it, its body rendered for each; then what the edit changed,
//! for `outputs` to write: the languages whose pages show it, those whose
//! listings do, and whether a page went from the original's text to a
//! translation or back (which every language's page of it names).

use super::{has_errors, Quick};
use crate::diagnostics::Diagnostic;
use crate::load::DocKind;
use crate::model::{Item, Model};
use crate::{link, validate, Prepared};
use std::path::Path;
use std::sync::Arc;

/// What an edit changed.
pub(super) struct Edited {
    pub item: Item,
    /// The languages (indices) whose pages of the document show the edit.
    pub languages: Vec<usize>,
    /// The languages whose listings show it (a title, date, tag, or a
    /// title now translated).
    pub listings: Vec<usize>,
    /// Whether some language's page of the document went from showing the
    /// original for want of a translation to a translation, or back: every
    /// language's page of it, and the sitemap, name its alternates.
    pub alternates: bool,
    /// A session moved in the order by the edit: from, to.
    pub moved: Option<(usize, usize)>,
    /// Which listings named the session before the edit.
    pub placed_before: Option<crate::plan::Placing>,
    /// The pages the plan no longer has (a listing that got shorter).
    pub stale: Vec<String>,
    pub warnings: Vec<Diagnostic>,
}

/// What the edited file is.
enum Edit {
    Original(DocKind),
    /// A translation, with the index of its language.
    Translation(DocKind, usize),
}

/// Applies the edit of `path` (under `content`) to `state`; what changed,
/// or why the fast path cannot take it (the caller builds everything).
pub(super) fn apply(
    state: &mut Prepared,
    content: &Path,
    path: &Path,
    drafts: bool,
    pdf: bool,
) -> Result<Edited, Quick> {
    let Ok(rel) = path.strip_prefix(content) else { return Err(Quick::NotApplicable("a theme file changed")) };
    let rel = rel.to_string_lossy().replace('\\', "/");
    let codes: Vec<String> = state.site.languages.iter().map(|l| l.code.clone()).collect();
    let edit = match (crate::load::doc_kind(&rel), crate::load::translation_of(&rel)) {
        (Some(kind), _) => Edit::Original(kind),
        (None, Some((kind, lang))) => match codes.iter().position(|c| *c == lang).filter(|l| *l > 0) {
            Some(l) => Edit::Translation(kind, l),
            None => return Err(Quick::NotApplicable("a translation into a language the site does not have")),
        },
        _ => {
            return Err(Quick::NotApplicable("the file is not a document (site.yaml, a reference list, a static file)"))
        }
    };
    let Some(index) = state.linked.model.files.iter().position(|f| f.rel_path == rel) else {
        return Err(Quick::NotApplicable("a new document or translation"));
    };
    // A deleted file changes what exists: a full build.
    if !path.is_file() {
        return Err(Quick::NotApplicable("a file was removed"));
    }
    let source = crate::load::read_source(content, &rel).map_err(|d| Quick::Failed(vec![*d]))?;
    // What the briefs claim depends on the fonts covering every
    // character: a full build decides it.
    if pdf && (state.theme.lacks_glyphs(&source) || !state.plain_briefs.is_empty()) {
        return Err(Quick::NotApplicable("the briefs' fonts lack a character of the site"));
    }
    // The pages' web fonts hold the characters the site uses: an edit
    // that adds or drops one makes them anew.
    let font_chars = crate::render::webfonts::chars_needing_font;
    if font_chars(&state.linked.model.files[index].text) != font_chars(&source.text) {
        return Err(Quick::NotApplicable("the edit adds or removes a character the pages' web fonts hold"));
    }
    let m = &state.linked.model;
    let item = match &edit {
        Edit::Original(_) => m.item_of_file(index),
        Edit::Translation(kind, _) => m.items().find(|i| m.doc_kind(*i) == *kind),
    };
    let Some(item) = item else { return Err(Quick::NotApplicable("the document was a draft or had errors")) };
    let t = crate::Timer::start();
    let before = listing_views(state, item);
    let placed_before = match item {
        Item::Session(i) => Some(crate::plan::Placing::of_session(&state.linked.model, i)),
        _ => None,
    };
    t.lap("edit: before");
    // From here the model holds the edit; if it reaches other pages,
    // the full build that follows starts afresh from the files.
    let (languages, warnings, allowances) = match edit {
        Edit::Original(kind) => {
            let v = validate::validate_document(&kind, &source, index, drafts);
            if has_errors(&v.diags) {
                return Err(Quick::Failed(v.diags));
            }
            let Some(entity) = v.entity.filter(|_| !v.draft) else {
                return Err(Quick::NotApplicable("the document is a draft"));
            };
            Arc::make_mut(&mut state.linked.model.files)[index] = source;
            state.linked.model.put(item, entity);
            let mut warnings = v.diags;
            warnings.extend(rerender_original(state, item, &rel)?);
            ((0..codes.len()).collect(), warnings, v.allowances)
        }
        Edit::Translation(kind, lang) => {
            let m = &mut state.linked.model;
            let (t, mut warnings, allowances) = validate::validate_translation(m, &kind, &codes[lang], &source, index);
            if has_errors(&warnings) {
                return Err(Quick::Failed(warnings));
            }
            let Some(mut t) = t else { return Err(Quick::NotApplicable("the translation was left out")) };
            Arc::make_mut(&mut m.files)[index] = source;
            let diags = link::rerender_translation(m, &state.linked.index.headings, &mut t);
            if has_errors(&diags) {
                return Err(Quick::Failed(diags));
            }
            warnings.extend(diags);
            let all = &mut state.translations;
            match all.iter().position(|x| x.of == t.of && x.lang == t.lang) {
                Some(at) => all[at] = t,
                None => {
                    all.push(t);
                    all.sort_by(|a, b| (&a.of, &a.lang).cmp(&(&b.of, &b.lang)));
                }
            }
            (vec![lang], warnings, allowances)
        }
    };
    let fallback_before = fallbacks(state, item);
    let Prepared { linked, languages: views, translations, site, .. } = &mut *state;
    for &l in &languages {
        let language = &mut views[l];
        if let Some(view) = language.view.as_mut() {
            link::localize::relocalize(view, &mut language.coverage, linked, translations, site, l, item);
        }
    }
    t.lap("edit: languages");
    let after = listing_views(state, item);
    let mut listings: Vec<usize> = (0..before.len()).filter(|l| before[*l] != after[*l]).collect();
    // A session's listings (its forum's, its action lines' and goals',
    // the home page's, the feed's) are rewritten with it; what else
    // lists things rebuilds everything.
    if !listings.is_empty() && !matches!(item, Item::Session(_)) {
        return Err(Quick::NotApplicable("the edit changes what other pages list (a title, a date, a tag)"));
    }
    let alternates = fallbacks(state, item) != fallback_before;
    // The default language's listings show the original itself: when they
    // changed, the order and the indexes may have too (a translated title
    // alone changes neither).
    let (moved, stale) = if listings.contains(&0) { relist(state, item, pdf)? } else { (None, Vec::new()) };
    if moved.is_some_and(|(from, to)| from != to) {
        // Every language lists the sessions in the original's order.
        listings = (0..before.len()).collect();
    }
    let item = moved.map_or(item, |(_, to)| Item::Session(to));
    t.lap("edit: after");
    // The document's allowances and the site's lint levels, over its
    // warnings (a level `deny` makes one an error). Whether an allowance
    // is used is for a full build to say: the warnings of the whole model
    // (a session without outcome sections) are not made again here.
    let model = &mut state.linked.model;
    model.allowances.retain(|a| a.path != model.files[index].display_path);
    model.allowances.extend(allowances.iter().cloned());
    let lints = model.site.as_ref().map(|s| s.lints.clone()).unwrap_or_default();
    let warnings = validate::lints::apply(&allowances, &lints, warnings, false);
    if has_errors(&warnings) {
        return Err(Quick::Failed(warnings));
    }
    Ok(Edited { item, languages, listings, alternates, moved, placed_before, stale, warnings })
}

/// How each language's listings show `item`.
fn listing_views(state: &Prepared, item: Item) -> Vec<tera::Value> {
    state.contexts().iter().map(|c| c.listing_view(item)).collect()
}

/// In which languages `item`'s page shows the original for want of a
/// translation.
fn fallbacks(state: &Prepared, item: Item) -> Vec<bool> {
    let file = state.linked.model.file_of(item);
    state.languages.iter().map(|l| l.coverage.untranslated.contains(&file)).collect()
}

/// Renders the edited original's body again, with the problems of its
/// links; refused when its headings changed, since other pages' links to
/// them are checked anew by a full build.
fn rerender_original(state: &mut Prepared, item: Item, rel: &str) -> Result<Vec<Diagnostic>, Quick> {
    let model = &mut state.linked.model;
    let file = model.file_of(item);
    let page = model.page_of(item);
    let mut body = std::mem::take(model.body_mut(item));
    let (headings, diags) = link::rerender_body(model, &state.linked.index.headings, &mut body, file, &page);
    *model.body_mut(item) = body;
    if has_errors(&diags) {
        return Err(Quick::Failed(diags));
    }
    let ids = |hs: &[crate::markdown::Heading]| hs.iter().map(|h| h.id.clone()).collect::<Vec<_>>();
    if state.linked.index.headings.get(rel).map(|old| ids(old)) != Some(ids(&headings)) {
        return Err(Quick::NotApplicable("the document's headings changed, and links to them are checked anew"));
    }
    state.linked.index.headings.insert(rel.to_string(), headings);
    Ok(diags)
}

/// After an edit that listings show: the session moved to its place in
/// the order (`Session::order`: a new date or title may move it) in every
/// language's model, the indexes and the plan made anew. Where the session
/// moved, and the pages the plan no longer has.
type Relisted = (Option<(usize, usize)>, Vec<String>);

fn relist(state: &mut Prepared, item: Item, pdf: bool) -> Result<Relisted, Quick> {
    let Item::Session(i) = item else { return Ok((None, Vec::new())) };
    let sessions = &state.linked.model.sessions;
    let at = {
        let order = sessions[i].order();
        let others = sessions.iter().enumerate().filter(|(j, _)| *j != i).map(|(_, s)| s);
        others.take_while(|s| s.order() < order).count()
    };
    move_session(&mut state.linked.model, i, at);
    for view in state.languages.iter_mut().filter_map(|l| l.view.as_mut()) {
        move_session(&mut view.model, i, at);
    }
    let mut diags = crate::diagnostics::Diagnostics::new();
    link::relink(&state.linked.model, &mut state.linked.index, &mut diags);
    if diags.has_errors() {
        return Err(Quick::Failed(diags.into_sorted()));
    }
    for view in state.languages.iter_mut().filter_map(|l| l.view.as_mut()) {
        view.index = state.linked.index.without_headings();
    }
    let before: Vec<String> = state.plan.pages.iter().map(|p| p.path.clone()).collect();
    state.plan = crate::plan::plan(&state.linked, &state.site, pdf);
    let now: std::collections::HashSet<&str> = state.plan.pages.iter().map(|p| p.path.as_str()).collect();
    let stale = before.into_iter().filter(|p| !now.contains(p.as_str())).collect();
    Ok((Some((i, at)), stale))
}

fn move_session(m: &mut Model, from: usize, to: usize) {
    if from != to {
        let moved = m.sessions.remove(from);
        m.sessions.insert(to, moved);
    }
}
