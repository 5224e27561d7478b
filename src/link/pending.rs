//! What of a translation is still its original's text: a title, theme,
//! description or body that the translation leaves out or gives unchanged
//! (as `wsis new translation` writes it, or as copied), and each list item
//! of a forum with no text of its own. Such text is published and counted
//! as the original's, never as translated.

use crate::load::DocKind;
use crate::model::{Body, Forum, Item, Model, TranslatedItem, Translation};
use std::collections::{BTreeSet, HashMap};

/// The parts of one translated document still in the original's words.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Pending {
    pub title: bool,
    /// A forum's theme or a page's description.
    pub lead: bool,
    pub body: bool,
    /// Forum list items, by list key and position.
    pub items: BTreeSet<(&'static str, usize)>,
    /// How many parts the translation does translate.
    pub translated: usize,
}

impl Pending {
    /// True when the translation translates nothing: the document is
    /// shown, and counted, as untranslated.
    pub fn nothing_translated(&self) -> bool {
        self.translated == 0
    }

    /// True when every part is translated.
    pub fn complete(&self) -> bool {
        !self.title && !self.lead && !self.body && self.items.is_empty()
    }

    /// The untranslated parts, named as in the front matter (`title`,
    /// `body`, `key_figures 2`), for the translation report.
    pub fn names(&self, lead: &str) -> Vec<String> {
        let mut out = Vec::new();
        if self.title {
            out.push("title".to_string());
        }
        if self.lead {
            out.push(lead.to_string());
        }
        for (key, i) in &self.items {
            out.push(format!("{key} {}", i + 1));
        }
        if self.body {
            out.push("body".to_string());
        }
        out
    }

    /// Counts one part: translated, or still the original's.
    fn part(&mut self, still_original: bool) -> bool {
        if !still_original {
            self.translated += 1;
        }
        still_original
    }
}

/// The two texts say the same, whitespace aside.
pub fn same_text(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

/// A text the translation gives (`given`) in place of `original`: still
/// the original when it is not given or given unchanged.
fn untranslated(original: &str, given: Option<&str>) -> bool {
    given.is_none_or(|g| same_text(original, g))
}

fn body_untranslated(original: &Body, t: &Translation) -> bool {
    let given = t.body.markdown().trim();
    given.is_empty() || same_text(original.markdown(), given)
}

/// A list item is still the original's when none of its texts differs.
fn item_untranslated(texts: &[(&str, Option<&str>)], parts: &[&str], item: Option<&TranslatedItem>) -> bool {
    let Some(item) = item else { return true };
    let own_text = texts.iter().any(|(key, original)| match (original, item.text(key)) {
        (Some(o), Some(g)) => !same_text(o, g),
        (None, Some(_)) => true,
        _ => false,
    });
    let own_part = parts.iter().zip(&item.parts).any(|(o, g)| g.as_deref().is_some_and(|g| !same_text(o, g)));
    !(own_text || own_part)
}

/// A list item whose one text is its title.
fn titled(title: &str) -> ItemTexts<'_> {
    (vec![("title", Some(title))], Vec::new())
}

/// A list item's texts by key, and its parts' labels.
type ItemTexts<'a> = (Vec<(&'static str, Option<&'a str>)>, Vec<&'a str>);

/// What of a forum's translation is still the original's.
fn forum(f: &Forum, t: &Translation) -> Pending {
    let mut p = Pending::default();
    p.title = p.part(untranslated(&f.title, t.title.as_deref()));
    if let Some(theme) = &f.theme {
        p.lead = p.part(untranslated(theme, t.theme.as_deref()));
    }
    if !f.body.markdown().trim().is_empty() {
        p.body = p.part(body_untranslated(&f.body, t));
    }
    let mut list = |key: &'static str, originals: Vec<ItemTexts>| {
        let given = t.lists.get(key).map(Vec::as_slice).unwrap_or_default();
        for (i, (texts, parts)) in originals.iter().enumerate() {
            if p.part(item_untranslated(texts, parts, given.get(i).map(|x| &x.value))) {
                p.items.insert((key, i));
            }
        }
    };
    list(
        "key_figures",
        f.key_figures
            .iter()
            .map(|k| (vec![("label", Some(k.label.as_str())), ("qualifier", k.qualifier.as_deref())], Vec::new()))
            .collect(),
    );
    list(
        "distributions",
        f.distributions
            .iter()
            .map(|d| (vec![("title", Some(d.title.as_str()))], d.parts.iter().map(|x| x.label.as_str()).collect()))
            .collect(),
    );
    list("special_tracks", f.special_tracks.iter().map(|x| titled(&x.title)).collect());
    list("consultation", f.consultation.iter().map(|x| titled(&x.title)).collect());
    list("publications", f.publications.iter().map(|x| titled(&x.title)).collect());
    list(
        "quotes",
        f.quotes
            .iter()
            .map(|q| (vec![("text", Some(q.text.as_str())), ("role", q.role.as_deref())], Vec::new()))
            .collect(),
    );
    list("regional_events", f.regional_events.iter().map(|x| titled(&x.title)).collect());
    list("prize_phases", f.prize_phases.iter().map(|x| titled(&x.title)).collect());
    // Notes on the sources are given as a whole list, each by position.
    let notes = t.source_notes.as_deref().unwrap_or_default();
    for (i, note) in f.source_notes.iter().enumerate() {
        if p.part(untranslated(note, notes.get(i).map(String::as_str))) {
            p.items.insert(("source_notes", i));
        }
    }
    p
}

/// What of a document with a title, perhaps a lead text and a body is
/// still the original's.
fn document(title: &str, lead: Option<(&str, Option<&str>)>, body: &Body, t: &Translation) -> Pending {
    let mut p = Pending::default();
    p.title = p.part(untranslated(title, t.title.as_deref()));
    if let Some((original, given)) = lead {
        p.lead = p.part(untranslated(original, given));
    }
    if !body.markdown().trim().is_empty() {
        p.body = p.part(body_untranslated(body, t));
    }
    p
}

/// What of each translation into `lang` is still its original's text,
/// by the original's file.
pub fn of_language(m: &Model, translations: &[Translation], lang: &str) -> HashMap<usize, Pending> {
    let mine: HashMap<&DocKind, &Translation> =
        translations.iter().filter(|t| t.lang == lang).map(|t| (&t.of, t)).collect();
    let mut out = HashMap::new();
    for item in m.items() {
        if let Some(t) = mine.get(&m.doc_kind(item)) {
            out.insert(m.file_of(item), of_document(m, item, t));
        }
    }
    out
}

/// What of the document at `item` its translation `t` leaves in the
/// original's words.
pub fn of_document(m: &Model, item: Item, t: &Translation) -> Pending {
    match item {
        Item::Forum(i) => forum(&m.forums[i], t),
        Item::Session(i) => document(&m.sessions[i].title, None, &m.sessions[i].body, t),
        Item::Ungis(i) => document(&m.ungis[i].title, None, &m.ungis[i].body, t),
        Item::Roadmap(i) => document(&m.roadmaps[i].title, None, &m.roadmaps[i].body, t),
        Item::Page(i) => {
            let p = &m.pages[i];
            let lead = p.description.as_deref();
            document(&p.title, lead.map(|d| (d, t.description.as_deref())), &p.body, t)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_does_not_make_a_translation() {
        assert!(same_text("The  session\ndiscussed trust.", " The session discussed trust. "));
        assert!(!same_text("The session discussed trust.", "La session a traité de la confiance."));
    }
}
