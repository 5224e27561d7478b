//! Every id a body puts on its page, unique by construction: heading ids
//! (the editor's `{#id}` or one made from the text), footnote ids
//! (`fn-1`, `fnref-1`), and the theme's own ids, which a body never
//! takes. A clash gets `-1`, `-2`... in the order it appears.

use super::{level_number, text_until, Heading};
use crate::language::script_language;
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use std::collections::{HashMap, HashSet};

/// The ids the default theme's templates write on a page that shows a
/// body (a test reads the templates to keep this list true). A body's
/// heading never takes one.
pub const THEME_IDS: &[&str] = &[
    "main",
    "top",
    "summary",
    "sessions",
    "publications",
    "key-figures",
    "coverage",
    "contents-title",
    "activities",
    "named",
    "als",
    "children",
    "roadmaps",
    "timeline",
    "latest",
    "announced",
    "by-sdg",
    "by-action-line",
    "q",
    "search-status",
    "search-results",
    "section-speakers",
    "section-facilitators",
    "section-activities",
    "section-ungis",
    "section-special-tracks",
    "section-regional",
    "section-quotes",
    "section-publications",
    "section-prizes",
    "section-ocp",
    "section-key-figures",
    "section-hltf",
    "section-hlt",
    "section-distributions",
    "section-coverage",
    "section-sources",
    "section-source-notes",
    "source-notes",
    "participation",
    "special-tracks",
    "consultation",
    "prizes",
    "hltf",
    "voices",
    "sources",
    "annexes",
];

/// Whether the theme writes `id` on a page: one of `THEME_IDS`, or an
/// SDG's `sdg-1` to `sdg-17`.
pub fn is_theme_id(id: &str) -> bool {
    THEME_IDS.contains(&id)
        || id.strip_prefix("sdg-").and_then(|n| n.parse::<u32>().ok()).is_some_and(|n| (1..=17).contains(&n))
}

/// The ids the body has taken so far (the theme's are never free).
#[derive(Default)]
pub(super) struct Taken {
    used: HashSet<String>,
}

impl Taken {
    /// `base`, or `base-1`, `base-2`... whichever is free; now taken.
    pub(super) fn claim(&mut self, base: String) -> String {
        let mut unique = base.clone();
        let mut n = 1;
        while is_theme_id(&unique) || !self.used.insert(unique.clone()) {
            unique = format!("{base}-{n}");
            n += 1;
        }
        unique
    }
}

/// Footnotes as HTML with prefixed ids, numbered by first appearance, and
/// headings with unique ids (in another script, also `dir` and `lang`).
/// The headings take `given` ids by position when there are as many of
/// them (a translation's take its original's). Returns the headings in
/// order, and for each its event and the id it asked for (its `{#id}`,
/// its given id or the slug of its text, without the prefix) before it was
/// made unique.
pub fn assign(events: &mut Vec<Event>, prefix: &str, given: &[String]) -> (Vec<Heading>, Vec<(usize, String)>) {
    let count = events.iter().filter(|e| matches!(e, Event::Start(Tag::Heading { .. }))).count();
    let mut given = given.iter().filter(|_| count == given.len());
    let mut taken = Taken::default();
    number_footnotes(events, prefix, &mut taken);
    let mut headings = Vec::new();
    let mut owns = Vec::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { level, .. }) = &events[i] {
            let level = *level;
            let (text, j) = text_until(events, i, |e| matches!(e, Event::End(TagEnd::Heading(_))));
            if let Event::Start(Tag::Heading { id, attrs, .. }) = &mut events[i] {
                if let Some(lang) = script_language(&text) {
                    attrs.push(("dir".into(), Some("auto".into())));
                    attrs.push(("lang".into(), Some(lang.into())));
                }
                let position = given.next();
                let own = match (id.as_deref(), position) {
                    (Some(own), _) => own.to_string(),
                    (None, Some(original)) => original.clone(),
                    (None, None) => super::slugify(&text),
                };
                let unique = taken.claim(format!("{prefix}{own}"));
                *id = Some(unique.clone().into());
                headings.push(Heading { level: level_number(level), id: unique, text });
                owns.push((i, own));
            }
            i = j;
        }
        i += 1;
    }
    (headings, owns)
}

/// Replaces footnote references and definitions with HTML whose ids carry
/// the prefix and cannot clash with a heading's.
fn number_footnotes(events: &mut [Event], prefix: &str, taken: &mut Taken) {
    let mut numbers: HashMap<String, usize> = HashMap::new();
    let mut number = |name: &str| {
        let next = numbers.len() + 1;
        *numbers.entry(name.to_string()).or_insert(next)
    };
    let mut references: HashMap<usize, usize> = HashMap::new();
    for event in events.iter_mut() {
        match event {
            Event::FootnoteReference(name) => {
                let n = number(name);
                let seen = references.entry(n).or_insert(0);
                *seen += 1;
                let back = if *seen == 1 { format!("{prefix}fnref-{n}") } else { format!("{prefix}fnref-{n}-{seen}") };
                let back = taken.claim(back);
                let target = format!("{prefix}fn-{n}");
                *event = Event::InlineHtml(CowStr::from(format!(
                    r##"<sup class="footnote-reference" id="{back}"><a href="#{target}">{n}</a></sup>"##
                )));
            }
            Event::Start(Tag::FootnoteDefinition(name)) => {
                let n = number(name);
                let id = taken.claim(format!("{prefix}fn-{n}"));
                *event = Event::Html(CowStr::from(format!(
                    r#"<div class="footnote-definition" id="{id}"><sup class="footnote-definition-label">{n}</sup>"#
                )));
            }
            Event::End(TagEnd::FootnoteDefinition) => *event = Event::Html("</div>\n".into()),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_theme_ids_list_holds_every_id_the_templates_write() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
        for entry in walkdir::WalkDir::new(dir).into_iter().flatten().filter(|e| e.file_type().is_file()) {
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            for (at, _) in text.match_indices(" id=\"") {
                let id = text[at + 5..].split('"').next().unwrap_or("");
                // `sdg-{{ n }}` (reserved for 1..=17) and the brief's
                // session and annex anchors (`session-<slug>`,
                // `annex-<slug>`, never a body id: body ids in a brief carry
                // a `_`) are made by the template.
                if id.contains("{{") {
                    let anchor = id.starts_with("{{ s.anchor }}") || id.starts_with("{{ a.anchor }}");
                    assert!(id.starts_with("sdg-") || anchor, "{id}");
                    continue;
                }
                assert!(THEME_IDS.contains(&id), "{}: id `{id}` is not in THEME_IDS", entry.path().display());
            }
        }
    }
}
