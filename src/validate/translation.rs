//! Translations (`<name>.<code>.md`): their front matter carries only the
//! language-bound text of the original (title, description, theme, key
//! figure labels, quote text, the body). Every other key the original
//! knows is an error at its line saying it comes from the original; a
//! translation of nothing, or in a language the site does not declare, is
//! an error too.

use super::documents::{PAGE_KEYS, ROADMAP_KEYS, SESSION_KEYS, UNGIS_KEYS};
use super::fields::{Fields, Reader};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::yaml::Node;
use crate::load::DocKind;
use crate::model::{At, Body, Model, Translation};
use crate::source::Span;

/// What a kind of document knows, and what of it a translation may carry.
fn keys(kind: &DocKind) -> (&'static [&'static str], &'static [&'static str], &'static str) {
    match kind {
        DocKind::Forum { .. } => (super::forum::KEYS, &["title", "theme", "key_figures", "quotes"], "a forum"),
        DocKind::Session { .. } => (SESSION_KEYS, &["title"], "a High-Level Track session"),
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
        r.error(span, "translation-field", message).help = Some(format!(
            "delete this line; a translation carries only {}",
            translatable.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
        ));
    }
}

/// The items of a list in a translation, by position, each with only
/// `allowed` keys.
fn items(
    r: &mut Reader,
    f: &Fields,
    key: &str,
    known: &[&str],
    allowed: [&str; 2],
    original: &str,
) -> Vec<At<(Option<String>, Option<String>)>> {
    r.list(f, key, |r, n| {
        let item = r.fields(n, &format!("an item of `{key}`"), known)?;
        only_translatable(r, &item, &allowed, original);
        Some(At { value: (r.opt_str(&item, allowed[0]), r.opt_str(&item, allowed[1])), span: n.span })
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
    let f = r.fields(node, &format!("a translation of {what}"), known)?;
    let original = original_path(r.file.rel_path.as_str(), lang);
    only_translatable(r, &f, translatable, &original);
    let forum = matches!(of, DocKind::Forum { .. });
    let key_figures = if forum {
        items(r, &f, "key_figures", super::forum::KEY_FIGURE_KEYS, ["label", "qualifier"], &original)
    } else {
        Vec::new()
    };
    let quotes =
        if forum { items(r, &f, "quotes", super::forum::QUOTE_KEYS, ["text", "role"], &original) } else { Vec::new() };
    Some(Translation {
        of: of.clone(),
        lang: lang.to_string(),
        title: r.opt_str(&f, "title"),
        description: r.opt_str(&f, "description"),
        theme: r.opt_str(&f, "theme"),
        key_figures,
        quotes,
        body,
        file,
    })
}

/// `pages/about.fr.md` -> `content/pages/about.md`, as messages show it.
fn original_path(rel: &str, lang: &str) -> String {
    let original = rel.strip_suffix(&format!(".{lang}.md")).map_or(rel.to_string(), |stem| format!("{stem}.md"));
    format!("content/{original}")
}

/// Whether the original of `of` is in the model, and how many key figures
/// and quotes it has (a forum's).
fn original(model: &Model, of: &DocKind) -> Option<(usize, usize)> {
    match of {
        DocKind::Forum { year } => {
            model.forums.iter().find(|f| f.year == *year).map(|f| (f.key_figures.len(), f.quotes.len()))
        }
        DocKind::Session { year, slug } => {
            model.sessions.iter().any(|s| s.year == *year && s.slug == *slug).then_some((0, 0))
        }
        DocKind::Ungis { slug } => model.ungis.iter().any(|u| u.slug == *slug).then_some((0, 0)),
        DocKind::Roadmap { slug } => model.roadmaps.iter().any(|u| u.slug == *slug).then_some((0, 0)),
        DocKind::Page { slug } => model.pages.iter().any(|u| u.slug == *slug).then_some((0, 0)),
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
                let d = Diagnostic::error(file, whole_file, "undeclared-language", message)
                    .with_help(format!("add `{}` to `languages:` in site.yaml, or rename or delete this file", t.lang));
                diags.push(d);
                continue;
            }
        }
        if model.invalid.iter().any(|(_, p)| *p == page) {
            continue;
        }
        let Some((figures, quotes)) = original(model, &t.of) else {
            let d = Diagnostic::error(
                file,
                whole_file,
                "orphan-translation",
                format!("this translation has no original: there is no `{original_rel}`"),
            )
            .with_help("a translation sits beside its original, named `<name>.<code>.md` after it");
            diags.push(d);
            continue;
        };
        let mut extra = false;
        for (list, count, what) in [(&t.key_figures, figures, "key figures"), (&t.quotes, quotes, "quotes")] {
            if let Some(item) = list.get(count) {
                let message = format!("the original has {count} {what}; this translation gives more");
                diags.push(
                    Diagnostic::error(file, item.span, "translation-extra", message).with_help(
                        "translate the original's items in the same order, one `- ` item each, and add none",
                    ),
                );
                extra = true;
            }
        }
        if !extra {
            kept.push(t);
        }
    }
    kept.sort_by(|a, b| (&a.of, &a.lang).cmp(&(&b.of, &b.lang)));
    model.translations = kept;
}
