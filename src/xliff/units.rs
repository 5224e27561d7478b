//! A document's translation units: each translatable text of its front
//! matter (the fields a translation may give: title, theme, each list
//! item's label or role...) and each segment of its body, identified by
//! the field's path (`title`, `key_figures.2.label`, `body.3`), with the
//! original's text and, where the document has a translation in the
//! language, what that translation gives for it.

use super::segments::{segments, Piece, Segment};
use crate::model::{Forum, Item, Model, Person, TranslatedItem, Translation};
use crate::validate::fields::MAX_FIELD;
use crate::validate::Entity;

/// One translatable text.
#[derive(Debug, Clone)]
pub struct Unit {
    /// The field's path in the document: unique in it, stable across
    /// exports while the original keeps its shape.
    pub id: String,
    /// The original's text.
    pub source: Vec<Piece>,
    /// The translation's text, where it gives one that is not the
    /// original's.
    pub previous: Option<Vec<Piece>>,
    /// What the text is, for the translator.
    pub note: String,
    /// For a body segment: where it is, and its placeholders' Markdown.
    pub segment: Option<Segment>,
    /// For an outdated translation, the original's text when it was made,
    /// where that differs (empty: the text is new since).
    pub was: Option<Vec<Piece>>,
}

/// An original document's units.
#[derive(Debug, Clone)]
pub struct DocUnits {
    /// The original's path in the content folder.
    pub original: String,
    /// What the document is, for the translator.
    pub context: String,
    pub units: Vec<Unit>,
    /// The original's body.
    pub body: String,
    /// Whether the translation's body has the original's blocks, block for
    /// block (then its blocks are the units' previous texts).
    pub same_shape: bool,
}

fn text(s: &str) -> Vec<Piece> {
    vec![Piece::Text(s.to_string())]
}

/// Collects the field units of a document.
struct Fields<'t> {
    units: Vec<Unit>,
    translation: Option<&'t Translation>,
}

impl Fields<'_> {
    /// A unit for `id` with the original's `value`, if it has one, and the
    /// translation's text `given` where it differs.
    fn add(&mut self, id: String, value: Option<&str>, given: Option<&String>, note: &str) {
        let Some(value) = value.filter(|v| !v.trim().is_empty()) else { return };
        let previous = given.filter(|g| g.as_str() != value).map(|g| text(g));
        let note = format!("{note} (at most {MAX_FIELD} characters)");
        self.units.push(Unit { id, source: text(value), previous, note, segment: None, was: None });
    }

    /// The translation's item `i` of list `key`.
    fn item(&self, key: &str, i: usize) -> Option<&TranslatedItem> {
        self.translation.and_then(|t| t.lists.get(key)).and_then(|l| l.get(i)).map(|at| &at.value)
    }

    /// A list's texts: for each item, each (field, original's text).
    fn list<'a>(&mut self, key: &str, items: impl Iterator<Item = Vec<(&'static str, Option<&'a str>)>>, note: &str) {
        for (i, fields) in items.enumerate() {
            for (field, value) in fields {
                let given = self.item(key, i).and_then(|t| t.text(field)).cloned();
                self.add(format!("{key}.{i}.{field}"), value, given.as_ref(), &format!("{note} {}: {field}", i + 1));
            }
        }
    }

    /// A list of items with a title each.
    fn titles<'a>(&mut self, key: &str, titles: impl Iterator<Item = &'a str>, note: &str) {
        self.list(key, titles.map(|t| vec![("title", Some(t))]), note);
    }

    fn people(&mut self, key: &str, people: &[Person], note: &str) {
        let items =
            people.iter().map(|p| vec![("role", p.role.as_deref()), ("organization", p.organization.as_deref())]);
        self.list(key, items, note);
    }

    fn forum(&mut self, f: &Forum) {
        let t = self.translation;
        self.add("theme".into(), f.theme.as_deref(), t.and_then(|t| t.theme.as_ref()), "the forum's theme");
        self.add("venue".into(), f.venue.as_deref(), t.and_then(|t| t.venue.as_ref()), "where the forum met");
        let items = f
            .key_figures
            .iter()
            .map(|k| vec![("label", Some(k.label.as_str())), ("qualifier", k.qualifier.as_deref())]);
        self.list("key_figures", items, "key figure");
        for (i, d) in f.distributions.iter().enumerate() {
            let given = self.item("distributions", i).and_then(|x| x.text("title")).cloned();
            self.add(
                format!("distributions.{i}.title"),
                Some(&d.title),
                given.as_ref(),
                &format!("chart {}: title", i + 1),
            );
            for (j, part) in d.parts.iter().enumerate() {
                let given = self.item("distributions", i).and_then(|x| x.parts.get(j)).cloned().flatten();
                let note = format!("chart {}, part {}: label", i + 1, j + 1);
                self.add(format!("distributions.{i}.parts.{j}.label"), Some(&part.label), given.as_ref(), &note);
            }
        }
        self.titles("special_tracks", f.special_tracks.iter().map(|x| x.title.as_str()), "special track");
        self.titles("consultation", f.consultation.iter().map(|x| x.title.as_str()), "consultation phase");
        self.titles("publications", f.publications.iter().map(|x| x.title.as_str()), "publication");
        let quotes = f.quotes.iter().map(|q| vec![("text", Some(q.text.as_str())), ("role", q.role.as_deref())]);
        self.list("quotes", quotes, "quote");
        self.titles("regional_events", f.regional_events.iter().map(|x| x.title.as_str()), "regional event");
        self.titles("prize_phases", f.prize_phases.iter().map(|x| x.title.as_str()), "prize phase");
        self.people("hlt_facilitators", &f.hlt_facilitators, "High-Level Track facilitator");
    }
}

/// What a document is, for the translator.
fn context(entity: &Entity) -> String {
    match entity {
        Entity::Forum(f) => format!("WSIS Forum {}: the forum's own page and brief", f.year),
        Entity::Session(s) => format!("WSIS Forum {}: a High-Level Track session", s.year),
        Entity::Ungis(u) => format!("UNGIS activity of {}", u.date.year),
        Entity::Roadmap(r) => format!("Action Line roadmap ({})", r.action_line.value),
        Entity::Page(_) => "a page of the site".to_string(),
    }
}

/// The units of the document at `item`, with what `translation` (its
/// translation in the target language, if any) gives.
pub fn of_document(m: &Model, item: Item, translation: Option<&Translation>) -> DocUnits {
    of_entity(&m.entity(item), m.files[m.file_of(item)].rel_path.clone(), translation)
}

/// The units of a document (`entity`, from `original` in the content
/// folder), with what `translation` gives.
pub fn of_entity(entity: &Entity, original: String, translation: Option<&Translation>) -> DocUnits {
    let mut fields = Fields { units: Vec::new(), translation };
    let t = translation;
    let (title, body) = match entity {
        Entity::Forum(f) => (&f.title, &f.body),
        Entity::Session(x) => (&x.title, &x.body),
        Entity::Ungis(x) => (&x.title, &x.body),
        Entity::Roadmap(x) => (&x.title, &x.body),
        Entity::Page(x) => (&x.title, &x.body),
    };
    fields.add("title".into(), Some(title), t.and_then(|t| t.title.as_ref()), "the title");
    match entity {
        Entity::Forum(f) => fields.forum(f),
        Entity::Session(s) => {
            fields.people("facilitators", &s.facilitators, "facilitator");
            fields.people("speakers", &s.speakers, "speaker");
        }
        Entity::Page(p) => {
            let d = p.description.as_deref();
            fields.add("description".into(), d, t.and_then(|t| t.description.as_ref()), "the page's description");
        }
        Entity::Ungis(_) | Entity::Roadmap(_) => {}
    }
    let mut units = fields.units;
    let body = body.markdown();
    let originals = segments(body);
    // The translation's body segment by segment, where it has the
    // original's blocks and markup.
    let translated: Vec<Segment> = translation.map(|t| segments(t.body.markdown())).unwrap_or_default();
    let same_shape =
        translated.len() == originals.len() && translated.iter().zip(&originals).all(|(a, b)| a.codes == b.codes);
    for (n, s) in originals.into_iter().enumerate().filter(|(_, s)| s.has_text()) {
        let previous = translated.get(n).filter(|x| same_shape && x.pieces != s.pieces).map(|x| x.pieces.clone());
        units.push(Unit {
            id: format!("body.{}", n + 1),
            source: s.pieces.clone(),
            previous,
            note: format!("the body, block {}", n + 1),
            segment: Some(s),
            was: None,
        });
    }
    DocUnits { original, context: context(entity), units, body: body.to_string(), same_shape }
}
