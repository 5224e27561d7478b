//! A language's view of the linked model: each document's translation in
//! that language laid over its original (title, description, theme, key
//! figure labels, quote text, body), the reference data's titles in that
//! language, and every body rendered for that language's pages. What has
//! no translation keeps the original's text, and the view says which
//! documents those are, so their pages carry the original's `lang` and a
//! notice.

use super::pending::Pending;
use super::{render_language_bodies, Index, Linked};
use crate::load::DocKind;
use crate::markdown::Heading;
use crate::model::{At, Body, Forum, Model, Person, SiteConfig, TranslatedItem, Translation};
use std::collections::{BTreeSet, HashMap};

/// The model as one language shows it.
#[derive(Debug)]
pub struct LanguageModel {
    pub linked: Linked,
    /// Files (model indices) of the documents shown in the original's
    /// language because they have no translation in this one, or one that
    /// translates nothing.
    pub untranslated: BTreeSet<usize>,
    /// Files of the translated documents that still show some of the
    /// original's text, with what that is.
    pub pending: HashMap<usize, Pending>,
}

/// Lays a translation's body over the original's, its headings to take
/// the original's ids (`original`).
fn lay_body(body: &mut Body, t: &Translation, original: &[Heading]) {
    if !t.body.markdown.trim().is_empty() {
        body.markdown.clone_from(&t.body.markdown);
        body.offset = t.body.offset;
        body.heading_ids = original.iter().map(|h| h.id.clone()).collect();
    }
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
    let index = &base.index;
    Linked {
        model: Model { translations: Vec::new(), ..base.model.clone() },
        index: Index {
            by_action_line: index.by_action_line.clone(),
            by_sdg: index.by_sdg.clone(),
            matrix: index.matrix.clone(),
            sessions_by_year: index.sessions_by_year.clone(),
            ungis_by_year: index.ungis_by_year.clone(),
            headings: HashMap::new(),
        },
    }
}

/// Builds the view of language `lang` (an index into the site's
/// languages) from the default language's linked model and the site's
/// translations (taken out of it, so that no view copies them).
pub fn localize(base: &Linked, translations: &[Translation], site: &SiteConfig, lang: usize) -> LanguageModel {
    let code = site.languages[lang].code.as_str();
    let mut linked = copy_for_pages(base);
    let mut pending = super::pending::of_language(&base.model, translations, code);
    // A translation that translates nothing is no translation.
    pending.retain(|_, p| !p.nothing_translated());
    let translations: HashMap<&DocKind, &Translation> =
        translations.iter().filter(|t| t.lang == code).map(|t| (&t.of, t)).collect();
    let mut untranslated = BTreeSet::new();
    let mut pick = |kind: DocKind, file: usize| {
        let t = translations.get(&kind).copied().filter(|_| pending.contains_key(&file));
        if t.is_none() && lang > 0 {
            untranslated.insert(file);
        }
        t
    };
    let headings = |file: usize| {
        base.model
            .files
            .get(file)
            .and_then(|f| base.index.headings.get(&f.rel_path))
            .map(Vec::as_slice)
            .unwrap_or_default()
    };
    let m = &mut linked.model;
    for f in m.forums.iter_mut() {
        let Some(t) = pick(DocKind::Forum { year: f.year }, f.file) else { continue };
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
        lay_body(&mut f.body, t, headings(f.file));
    }
    for s in m.sessions.iter_mut() {
        let Some(t) = pick(DocKind::Session { year: s.year, slug: s.slug.clone() }, s.file) else { continue };
        lay(&mut s.title, t);
        let list = |key: &str| t.lists.get(key).map(Vec::as_slice).unwrap_or_default();
        lay_people(&mut s.facilitators, list("facilitators"));
        lay_people(&mut s.speakers, list("speakers"));
        lay_body(&mut s.body, t, headings(s.file));
    }
    for u in m.ungis.iter_mut() {
        let Some(t) = pick(DocKind::Ungis { slug: u.slug.clone() }, u.file) else { continue };
        lay(&mut u.title, t);
        lay_body(&mut u.body, t, headings(u.file));
    }
    for r in m.roadmaps.iter_mut() {
        let Some(t) = pick(DocKind::Roadmap { slug: r.slug.clone() }, r.file) else { continue };
        lay(&mut r.title, t);
        lay_body(&mut r.body, t, headings(r.file));
    }
    for p in m.pages.iter_mut() {
        let Some(t) = pick(DocKind::Page { slug: p.slug.clone() }, p.file) else { continue };
        lay(&mut p.title, t);
        if t.description.is_some() {
            p.description.clone_from(&t.description);
        }
        lay_body(&mut p.body, t, headings(p.file));
    }
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
    render_language_bodies(m, &site.prefix(lang));
    pending.retain(|_, p| !p.complete());
    LanguageModel { linked, untranslated, pending }
}
