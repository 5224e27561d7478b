//! Translations (`<name>.<code>.md`): their front matter carries only the
//! language-bound text of the original (title, description, theme, key
//! figure labels, quote text, the body). Every other key the original
//! knows is an error at its line saying it comes from the original; a
//! translation of nothing, or in a language the site does not declare, is
//! an error too.

use super::documents::{PAGE_KEYS, ROADMAP_KEYS, SESSION_KEYS, UNGIS_KEYS};
use super::fields::{Fields, Reader};
use crate::diagnostics::Code;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::yaml::Node;
use crate::load::DocKind;
use crate::model::{At, Body, Forum, Model, TranslatedItem, Translation};
use crate::source::Span;

/// What of a forum a translation may carry: its title and theme, and the
/// texts of its lists' items.
const FORUM_TEXT: &[&str] = &[
    "title",
    "theme",
    "venue",
    "sources",
    "source_notes",
    "hlt_facilitators",
    "key_figures",
    "distributions",
    "special_tracks",
    "consultation",
    "publications",
    "quotes",
    "regional_events",
    "prize_phases",
];

/// What a kind of document knows, and what of it a translation may carry.
fn keys(kind: &DocKind) -> (&'static [&'static str], &'static [&'static str], &'static str) {
    match kind {
        DocKind::Forum { .. } => (super::forum::KEYS, FORUM_TEXT, "a forum"),
        DocKind::Session { .. } => (SESSION_KEYS, &["title", "facilitators", "speakers"], "a High-Level Track session"),
        DocKind::Ungis { .. } => (UNGIS_KEYS, &["title"], "a UNGIS activity"),
        DocKind::Roadmap { .. } => (ROADMAP_KEYS, &["title"], "a roadmap"),
        DocKind::Page { .. } => (PAGE_KEYS, &["title", "description"], "a page"),
    }
}

/// Reports each key of `f` that the original has but a translation may
/// not carry.
fn only_translatable(r: &mut Reader, f: &Fields, translatable: &[&str], original: &str) {
    let given: Vec<(&str, Span)> = f.keys().filter(|(k, _)| !translatable.contains(k)).collect();
    for (key, span) in given {
        let message = format!("`{key}` cannot be translated: it comes from the original, `{original}`");
        r.error(span, Code::TranslationField, message).help = Some(format!(
            "delete this line; a translation carries only {}",
            translatable.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
        ));
    }
}

/// The items of a list in a translation, by position, each with only
/// `allowed` keys (`parts`: a list of `label`s).
fn items(
    r: &mut Reader,
    f: &Fields,
    key: &str,
    known: &[&str],
    allowed: &[&str],
    original: &str,
) -> Vec<At<TranslatedItem>> {
    r.list(f, key, |r, n| {
        let item = r.fields(n, &format!("an item of `{key}`"), known)?;
        only_translatable(r, &item, allowed, original);
        let mut out = TranslatedItem::default();
        for k in allowed.iter().filter(|k| **k != "parts") {
            // A publication's address in this language is checked as the
            // original's is.
            let text = if *k == "url" { r.opt_url(&item, k) } else { r.opt_str(&item, k) };
            if let Some(text) = text {
                out.texts.insert(k.to_string(), text);
            }
        }
        if allowed.contains(&"parts") {
            out.parts = r.list(&item, "parts", |r, p| {
                let part = r.fields(p, "a part", super::forum::PART_KEYS)?;
                only_translatable(r, &part, &["label"], original);
                Some(r.opt_str(&part, "label"))
            });
        }
        Some(At { value: out, span: n.span })
    })
}

/// Reads a translation's front matter.
pub fn translation(
    r: &mut Reader,
    node: &Node,
    of: &DocKind,
    lang: &str,
    body: Body,
    file: usize,
) -> Option<Translation> {
    let (known, translatable, what) = keys(of);
    let before = r.diags.len();
    let f = r.fields(node, &format!("a translation of {what}"), known);
    // Where the help would list every key the original knows, it lists
    // those a translation carries.
    let carries = translatable.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
    for d in &mut r.diags[before..] {
        if d.help.as_deref().is_some_and(|h| h.starts_with("known keys:")) {
            d.help = Some(format!("a translation carries {carries}, each as `key: text` on a line of its own"));
        }
    }
    let f = f?;
    let original = original_path(r.file.rel_path.as_str(), lang);
    only_translatable(r, &f, translatable, &original);
    let mut lists = std::collections::BTreeMap::new();
    let translatable_lists = match of {
        DocKind::Forum { .. } => super::forum::TRANSLATABLE_LISTS,
        DocKind::Session { .. } => super::forum::SESSION_TRANSLATABLE_LISTS,
        _ => &[],
    };
    for (key, known, allowed) in translatable_lists {
        lists.insert(*key, items(r, &f, key, known, allowed, &original));
    }
    let sources = f.get("sources").is_some().then(|| r.str_list(&f, "sources"));
    let source_notes = f.get("source_notes").is_some().then(|| r.str_list(&f, "source_notes"));
    Some(Translation {
        of: of.clone(),
        lang: lang.to_string(),
        title: r.opt_str(&f, "title"),
        description: r.opt_str(&f, "description"),
        theme: r.opt_str(&f, "theme"),
        venue: r.opt_str(&f, "venue"),
        sources,
        source_notes,
        lists,
        body,
        file,
    })
}

/// `pages/about.fr.md` -> `content/pages/about.md`, as messages show it.
fn original_path(rel: &str, lang: &str) -> String {
    let original = rel.strip_suffix(&format!(".{lang}.md")).map_or(rel.to_string(), |stem| format!("{stem}.md"));
    format!("content/{original}")
}

/// How many items each of a forum's lists has (and each distribution,
/// parts), to check a translation gives no more.
fn list_lengths(f: &Forum) -> Vec<(&'static str, usize)> {
    vec![
        ("key_figures", f.key_figures.len()),
        ("distributions", f.distributions.len()),
        ("special_tracks", f.special_tracks.len()),
        ("consultation", f.consultation.len()),
        ("publications", f.publications.len()),
        ("quotes", f.quotes.len()),
        ("regional_events", f.regional_events.len()),
        ("prize_phases", f.prize_phases.len()),
        ("hlt_facilitators", f.hlt_facilitators.len()),
    ]
}

/// How many items an original's lists have (a forum's; none for the other
/// kinds), and how many parts each of its distributions has.
type Lengths = (Vec<(&'static str, usize)>, Vec<usize>);

/// Whether the original of `of` is in the model, with its list lengths.
fn original(model: &Model, of: &DocKind) -> Option<Lengths> {
    let found = |yes: bool| yes.then(|| (Vec::new(), Vec::new()));
    match of {
        DocKind::Forum { year } => model
            .forums
            .iter()
            .find(|f| f.year == *year)
            .map(|f| (list_lengths(f), f.distributions.iter().map(|d| d.parts.len()).collect())),
        DocKind::Session { year, slug } => model
            .sessions
            .iter()
            .find(|s| s.year == *year && s.slug == *slug)
            .map(|s| (vec![("facilitators", s.facilitators.len()), ("speakers", s.speakers.len())], Vec::new())),
        DocKind::Ungis { slug } => found(model.ungis.iter().any(|u| u.slug == *slug)),
        DocKind::Roadmap { slug } => found(model.roadmaps.iter().any(|u| u.slug == *slug)),
        DocKind::Page { slug } => found(model.pages.iter().any(|u| u.slug == *slug)),
    }
}

/// Keeps the translations whose language the site declares and whose
/// original exists; reports the others. A translation of a draft is left
/// out with it; one of an original with errors is not a second mistake.
pub fn attach(model: &mut Model, found: Vec<Translation>, diags: &mut Diagnostics) {
    let languages: Option<Vec<String>> =
        model.site.as_ref().map(|s| s.languages.iter().map(|l| l.code.clone()).collect());
    let mut kept = Vec::new();
    for t in found {
        let file = &model.files[t.file];
        let whole_file = Span::new(1, 1, 3);
        let original_rel = original_path(&file.rel_path, &t.lang);
        let page = t.of.page();
        let left_out = |list: &[String]| list.iter().any(|p| format!("content/{p}") == original_rel);
        if left_out(&model.drafts) {
            model.drafts.push(file.rel_path.clone());
            continue;
        }
        if let Some(langs) = &languages {
            let message = if langs[0] == t.lang {
                Some(format!(
                    "`{}` is the site's default language: the original, `{original_rel}`, is the text in it",
                    t.lang
                ))
            } else if !langs.contains(&t.lang) {
                Some(format!("`{}` is not a language of this site (site.yaml declares {})", t.lang, langs.join(", ")))
            } else {
                None
            };
            if let Some(message) = message {
                let help = if langs[0] == t.lang {
                    format!("put this text in `{original_rel}`, and delete this file")
                } else {
                    // A code one letter off a language of the site (not the
                    // default's, which takes no translation) is likely a typo.
                    let near = (langs.iter().skip(1))
                        .find(|l| strsim::damerau_levenshtein(l, &t.lang) <= 1)
                        .map_or_else(String::new, |n| format!(" (`{n}`?)"));
                    format!(
                        "rename this file to a language of the site{near}, or add `{}` to `languages:` in site.yaml",
                        t.lang
                    )
                };
                let d = Diagnostic::error(file, whole_file, Code::UndeclaredLanguage, message).with_help(help);
                diags.push(d);
                continue;
            }
        }
        if model.invalid.iter().any(|(_, p)| *p == page) {
            continue;
        }
        let Some((lengths, parts)) = original(model, &t.of) else {
            let d = Diagnostic::error(
                file,
                whole_file,
                Code::OrphanTranslation,
                format!("this translation has no original: there is no `{original_rel}`"),
            )
            .with_help("a translation sits beside its original, named `<name>.<code>.md` after it");
            diags.push(d);
            continue;
        };
        let mut extra = false;
        let mut more = |span: Span, count: usize, what: String| {
            let message = format!("the original has {count} {what}; this translation gives more");
            diags.push(
                Diagnostic::error(file, span, Code::TranslationExtra, message)
                    .with_help("translate the original's items in the same order, one `- ` item each, and add none"),
            );
            extra = true;
        };
        for (key, count) in &lengths {
            let list = t.lists.get(key).map(Vec::as_slice).unwrap_or_default();
            if let Some(item) = list.get(*count) {
                more(item.span, *count, key.replace('_', " "));
            }
        }
        let distributions = t.lists.get("distributions").map(Vec::as_slice).unwrap_or_default();
        for (d, count) in distributions.iter().zip(&parts) {
            if d.value.parts.len() > *count {
                more(d.span, *count, "parts in this distribution".into());
            }
        }
        if !extra {
            kept.push(t);
        }
    }
    kept.sort_by(|a, b| (&a.of, &a.lang).cmp(&(&b.of, &b.lang)));
    model.translations = kept;
}
