//! A language's view of the linked model: each document's translation in
//! that language laid over its original (title, description, theme, key
//! figure labels, quote text, body), the reference data's titles in that
//! language, and every body rendered for that language's pages. What has
//! no translation keeps the original's text, and the view says which
//! documents those are, so their pages carry the original's `lang` and a
//! notice.

use super::pending::Pending;
use super::{render_language_bodies, Linked};
use crate::load::DocKind;
use crate::markdown::Heading;
use crate::model::{At, Body, Forum, Item, Model, Person, SiteConfig, TranslatedItem, Translation};
use std::collections::{BTreeSet, HashMap, HashSet};

/// Which documents a language shows, wholly or partly, in the original's
/// words: what its pages mark with the original's `lang` and a notice.
/// Small beside the view itself, so a build that makes each language's
/// view in turn keeps every language's coverage from the start (the
/// sitemap's alternates read all of them).
#[derive(Debug, Default, Clone)]
pub struct Coverage {
    /// Files (model indices) of the documents shown in the original's
    /// language because they have no translation in this one, or one that
    /// translates nothing.
    pub untranslated: BTreeSet<usize>,
    /// Files of the translated documents that still show some of the
    /// original's text, with what that is.
    pub pending: HashMap<usize, Pending>,
}

/// Lays a translation's body over the original's, with the HTML it was
/// rendered to for this language's page (its headings taking the
/// original's ids, `original`); false if it gives no body.
fn lay_body(body: &mut Body, t: &Translation, original: &[Heading]) -> bool {
    if t.body.markdown().trim().is_empty() {
        return false;
    }
    body.source.clone_from(&t.body.source);
    body.offset = t.body.offset;
    body.heading_ids = original.iter().map(|h| h.id.clone()).collect();
    body.html.clone_from(&t.body.html);
    body.marks.clone_from(&t.body.marks);
    true
}

/// Sets `target` to the item's text for `key`, if it gives one.
fn put(target: &mut String, item: &TranslatedItem, key: &str) {
    if let Some(text) = item.text(key) {
        target.clone_from(text);
    }
}

fn put_opt(target: &mut Option<String>, item: &TranslatedItem, key: &str) {
    if let Some(text) = item.text(key) {
        *target = Some(text.clone());
    }
}

/// A forum's lists with their items' translated texts laid over, item by
/// item in the original's order.
fn lay_lists(f: &mut Forum, t: &Translation) {
    let list = |key: &str| t.lists.get(key).map(Vec::as_slice).unwrap_or_default();
    for (x, i) in f.key_figures.iter_mut().zip(list("key_figures")) {
        put(&mut x.label, &i.value, "label");
        put_opt(&mut x.qualifier, &i.value, "qualifier");
    }
    for (x, i) in f.distributions.iter_mut().zip(list("distributions")) {
        put(&mut x.title, &i.value, "title");
        for (part, label) in x.parts.iter_mut().zip(&i.value.parts) {
            if let Some(label) = label {
                part.label.clone_from(label);
            }
        }
    }
    for (x, i) in f.special_tracks.iter_mut().zip(list("special_tracks")) {
        put(&mut x.title, &i.value, "title");
    }
    for (x, i) in f.consultation.iter_mut().zip(list("consultation")) {
        put(&mut x.title, &i.value, "title");
    }
    for (x, i) in f.publications.iter_mut().zip(list("publications")) {
        put(&mut x.title, &i.value, "title");
        put_opt(&mut x.url, &i.value, "url");
    }
    lay_people(&mut f.hlt_facilitators, list("hlt_facilitators"));
    for (x, i) in f.quotes.iter_mut().zip(list("quotes")) {
        put(&mut x.text, &i.value, "text");
        put_opt(&mut x.role, &i.value, "role");
    }
    for (x, i) in f.regional_events.iter_mut().zip(list("regional_events")) {
        put(&mut x.title, &i.value, "title");
    }
    for (x, i) in f.prize_phases.iter_mut().zip(list("prize_phases")) {
        put(&mut x.title, &i.value, "title");
    }
}

/// People with their roles and organizations in the translation's words.
fn lay_people(people: &mut [Person], items: &[At<TranslatedItem>]) {
    for (x, i) in people.iter_mut().zip(items) {
        put_opt(&mut x.role, &i.value, "role");
        put_opt(&mut x.organization, &i.value, "organization");
    }
}

fn lay(title: &mut String, t: &Translation) {
    if let Some(x) = &t.title {
        title.clone_from(x);
    }
}

/// A copy of the parts of `base` a language's pages read: not the
/// translations (laid over already) nor the headings (read by the checks
/// only), which on a large site would be copied once a language.
fn copy_for_pages(base: &Linked) -> Linked {
    Linked { model: Model { translations: Vec::new(), ..base.model.clone() }, index: base.index.without_headings() }
}

/// Lays translation `t` over the document at `item` of `m` (a copy of the
/// original); true if it gave a body, rendered for the language already.
fn lay_translation(m: &mut Model, item: Item, t: &Translation, headings: &[Heading]) -> bool {
    let list = |key: &str| t.lists.get(key).map(Vec::as_slice).unwrap_or_default();
    match item {
        Item::Forum(i) => {
            let f = &mut m.forums[i];
            lay(&mut f.title, t);
            if t.theme.is_some() {
                f.theme.clone_from(&t.theme);
            }
            lay_lists(f, t);
            if t.venue.is_some() {
                f.venue.clone_from(&t.venue);
            }
            if let Some(sources) = &t.sources {
                f.sources.clone_from(sources);
            }
            if let Some(notes) = &t.source_notes {
                f.source_notes.clone_from(notes);
            }
        }
        Item::Session(i) => {
            let s = &mut m.sessions[i];
            lay(&mut s.title, t);
            lay_people(&mut s.facilitators, list("facilitators"));
            lay_people(&mut s.speakers, list("speakers"));
        }
        Item::Ungis(i) => lay(&mut m.ungis[i].title, t),
        Item::Roadmap(i) => lay(&mut m.roadmaps[i].title, t),
        Item::Page(i) => {
            let p = &mut m.pages[i];
            lay(&mut p.title, t);
            if t.description.is_some() {
                p.description.clone_from(&t.description);
            }
        }
    }
    lay_body(m.body_mut(item), t, headings)
}

/// The original's headings of the document from `file`.
fn headings_of(base: &Linked, file: usize) -> &[Heading] {
    base.model.files.get(file).and_then(|f| base.index.headings.get(&f.rel_path)).map(Vec::as_slice).unwrap_or_default()
}

/// The coverage of language `lang` (an index into the site's languages):
/// the documents a translation leaves wholly (a translation that
/// translates nothing is no translation) or partly in the original's words.
pub fn coverage(base: &Linked, translations: &[Translation], site: &SiteConfig, lang: usize) -> Coverage {
    let m = &base.model;
    let mut translated = super::pending::of_language(m, translations, &site.languages[lang].code);
    translated.retain(|_, p| !p.nothing_translated());
    let untranslated = match lang {
        0 => BTreeSet::new(),
        _ => m.items().map(|item| m.file_of(item)).filter(|file| !translated.contains_key(file)).collect(),
    };
    translated.retain(|_, p| !p.complete());
    Coverage { untranslated, pending: translated }
}

/// Builds the view of language `lang` (an index into the site's
/// languages) from the default language's linked model and the site's
/// translations (taken out of it, so that no view copies them), with its
/// coverage.
pub fn localize(base: &Linked, translations: &[Translation], site: &SiteConfig, lang: usize) -> (Linked, Coverage) {
    let coverage = coverage(base, translations, site, lang);
    (view(base, translations, site, lang, &coverage), coverage)
}

/// The view of language `lang` whose `coverage` is known: each document it
/// does not show in the original's words laid over with its translation.
pub fn view(
    base: &Linked,
    translations: &[Translation],
    site: &SiteConfig,
    lang: usize,
    coverage: &Coverage,
) -> Linked {
    let code = site.languages[lang].code.as_str();
    let mut linked = copy_for_pages(base);
    let translations: HashMap<&DocKind, &Translation> =
        translations.iter().filter(|t| t.lang == code).map(|t| (&t.of, t)).collect();
    let mut rendered = HashSet::new();
    let m = &mut linked.model;
    let items: Vec<Item> = m.items().collect();
    for item in items {
        let file = m.file_of(item);
        let t = translations.get(&m.doc_kind(item)).copied().filter(|_| !coverage.untranslated.contains(&file));
        if let Some(t) = t {
            if lay_translation(m, item, t, headings_of(base, file)) {
                rendered.insert(file);
            }
        }
    }
    localize_reference_titles(m, code);
    render_language_bodies(m, &site.prefix(lang), &|file| rendered.contains(&file));
    linked
}

/// The action lines' and goals' titles in language `code`, where given.
fn localize_reference_titles(m: &mut Model, code: &str) {
    for a in m.action_lines.iter_mut() {
        if let Some(title) = a.titles.get(code) {
            a.title.clone_from(title);
        }
    }
    for s in m.sdgs.iter_mut() {
        if let Some(title) = s.titles.get(code) {
            s.title.clone_from(title);
        }
    }
}

/// Makes the document at `item` of language `lang`'s view anew from the
/// default language's (`base`, holding a new version of it) and its
/// translation in `translations`, if any: its text, its body rendered for
/// the language's pages, and whether it counts as translated. The rest of
/// the view is left as it was (`serve`, after an edit).
pub fn relocalize(
    view: &mut Linked,
    coverage: &mut Coverage,
    base: &Linked,
    translations: &[Translation],
    site: &SiteConfig,
    lang: usize,
    item: Item,
) {
    let code = site.languages[lang].code.as_str();
    let kind = base.model.doc_kind(item);
    let file = base.model.file_of(item);
    let m = &mut view.model;
    m.put(item, base.model.entity(item));
    coverage.untranslated.remove(&file);
    coverage.pending.remove(&file);
    let t = translations.iter().find(|t| t.lang == code && t.of == kind);
    let pending = t.map(|t| super::pending::of_document(&base.model, item, t)).filter(|p| !p.nothing_translated());
    let rendered = match (t, &pending) {
        (Some(t), Some(_)) => lay_translation(m, item, t, headings_of(base, file)),
        _ => {
            if lang > 0 {
                coverage.untranslated.insert(file);
            }
            false
        }
    };
    if !rendered {
        super::render_language_body(m, item, &site.prefix(lang));
    }
    if let Some(p) = pending.filter(|p| !p.complete()) {
        coverage.pending.insert(file, p);
    }
}
