//! Validate: turn loaded files into the typed model, reporting every field
//! that breaks a rule of CONTENT-MODEL.md. Files are validated in parallel;
//! each file's diagnostics stay together and are sorted at the end.
//!
//! Rules that need more than one file (references, dates within a forum)
//! belong to `link`, not here.

use crate::diagnostics::Code;
pub mod documents;
pub mod fields;
pub mod forum;
pub mod lints;
pub mod reference;
pub mod scripts;
pub mod statics;
pub mod translation;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::frontmatter;
use crate::load::yaml::{self, Node, Value};
use crate::load::{DocKind, Loaded};
use crate::model::{Body, Model, Translation};
use crate::source::{SourceFile, Span};
use fields::Reader;
use rayon::prelude::*;

/// One validated document.
pub enum Entity {
    Forum(Box<crate::model::Forum>),
    Session(crate::model::Session),
    Ungis(crate::model::Ungis),
    Roadmap(crate::model::Roadmap),
    Page(crate::model::Page),
}

/// Parses a whole `.yaml` file into a node, reporting syntax errors.
fn parse_yaml_file(r: &mut Reader) -> Option<Node> {
    match yaml::parse(&r.file.text, 1) {
        Ok(node) => Some(node),
        Err(e) => {
            r.error(e.span, Code::YamlSyntax, e.message);
            None
        }
    }
}

/// Splits a Markdown document and parses its front matter.
fn parse_doc(r: &mut Reader) -> Option<(Node, Body)> {
    let split = match frontmatter::split(&r.file.text) {
        Ok(s) => s,
        Err(e) => {
            r.error(Span::new(e.line, 1, 3), Code::FrontMatter, e.message).help = Some(e.help.into());
            return None;
        }
    };
    let node = match yaml::parse(split.yaml, split.yaml_line) {
        Ok(node) => node,
        Err(e) => {
            r.error(e.span, Code::YamlSyntax, e.message);
            return None;
        }
    };
    let body = Body { source: std::sync::Arc::clone(&r.file.text), offset: split.body_offset, ..Body::default() };
    Some((node, body))
}

/// Takes `draft:` out of a document's front matter; true when the document
/// is a draft. Every kind accepts the key, so it is handled here once.
fn take_draft(r: &mut Reader, node: &mut Node) -> bool {
    let Value::Map(entries) = &mut node.value else { return false };
    let Some(pos) = entries.iter().position(|(k, _)| matches!(&k.value, Value::Scalar { text, .. } if text == "draft"))
    else {
        return false;
    };
    let (_, value) = entries.remove(pos);
    match &value.value {
        Value::Scalar { text, .. } if text == "true" => true,
        Value::Scalar { text, .. } if text == "false" => false,
        Value::Null => false,
        _ => {
            let found = match &value.value {
                Value::Scalar { text, .. } => format!("`{text}`"),
                _ => value.kind_name().to_string(),
            };
            r.error(value.span, Code::NotABoolean, format!("`draft` should be true or false, found {found}"));
            false
        }
    }
}

/// What became of one document.
enum Outcome {
    Entity(Box<Entity>),
    Translation(Box<crate::model::Translation>),
    /// Left out: a draft, and drafts are not built.
    Draft,
    Invalid,
}

/// One document validated on its own (for a rebuild after an edit).
pub struct Validated {
    pub entity: Option<Entity>,
    pub draft: bool,
    pub diags: Vec<Diagnostic>,
    /// Its `allow:` entries.
    pub allowances: Vec<lints::Allowance>,
}

/// Validates one document on its own (for a rebuild after an edit).
pub fn validate_document(kind: &DocKind, file: &SourceFile, index: usize, drafts: bool) -> Validated {
    let (outcome, diags, allowances) = validate_doc(kind, None, file, index, drafts);
    let (entity, draft) = match outcome {
        Outcome::Entity(e) => (Some(*e), false),
        Outcome::Draft => (None, true),
        Outcome::Invalid | Outcome::Translation(_) => (None, false),
    };
    Validated { entity, draft, diags, allowances }
}

/// Validates one translation on its own (for a rebuild after an edit),
/// then against its original in `model` as a full check does: the
/// translation, unless it had errors, with its problems and allowances.
pub fn validate_translation(
    model: &mut Model,
    kind: &DocKind,
    lang: &str,
    file: &SourceFile,
    index: usize,
) -> (Option<Translation>, Vec<Diagnostic>, Vec<lints::Allowance>) {
    let (outcome, mut diags, allowances) = validate_doc(kind, Some(lang), file, index, false);
    let Outcome::Translation(t) = outcome else { return (None, diags, allowances) };
    let mut checked = Diagnostics::new();
    let others = std::mem::take(&mut model.translations);
    translation::attach(model, vec![*t], &mut checked);
    let t = std::mem::replace(&mut model.translations, others).pop();
    diags.extend(checked.into_sorted());
    (t, diags, allowances)
}

fn validate_doc(
    kind: &DocKind,
    lang: Option<&str>,
    file: &SourceFile,
    index: usize,
    drafts: bool,
) -> (Outcome, Vec<Diagnostic>, Vec<lints::Allowance>) {
    let mut r = Reader::new(file);
    let Some((mut node, body)) = parse_doc(&mut r) else { return (Outcome::Invalid, r.diags, Vec::new()) };
    if take_draft(&mut r, &mut node) && !drafts {
        return (Outcome::Draft, Vec::new(), Vec::new());
    }
    let allowances = lints::take_allowances(&mut r, &mut node);
    r.diags.extend(scripts::mixed_words(file));
    if let Some(lang) = lang {
        let t = translation::translation(&mut r, &node, kind, lang, body, index);
        return (t.map_or(Outcome::Invalid, |t| Outcome::Translation(Box::new(t))), r.diags, allowances);
    }
    let entity = match kind {
        DocKind::Forum { year } => forum::forum(&mut r, &node, *year, body, index).map(|f| Entity::Forum(Box::new(f))),
        DocKind::Session { year, slug } => {
            documents::session(&mut r, &node, *year, slug, body, index).map(Entity::Session)
        }
        DocKind::Ungis { slug } => documents::ungis(&mut r, &node, slug, body, index).map(Entity::Ungis),
        DocKind::Roadmap { slug } => documents::roadmap(&mut r, &node, slug, body, index).map(Entity::Roadmap),
        DocKind::Page { slug } => documents::page(&mut r, &node, slug, body, index).map(Entity::Page),
    };
    (entity.map_or(Outcome::Invalid, |e| Outcome::Entity(Box::new(e))), r.diags, allowances)
}

/// Sorts `items` (stably) by `cmp`, moving each item once: a sort moves
/// items many times over, which costs for structs as large as a session.
fn sort_moving_once<T>(items: &mut Vec<T>, mut cmp: impl FnMut(&T, &T) -> std::cmp::Ordering) {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by(|&a, &b| cmp(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = std::mem::take(items).into_iter().map(Some).collect();
    let mut sorted = Vec::with_capacity(slots.len());
    sorted.extend(order.into_iter().filter_map(|i| slots[i].take()));
    *items = sorted;
}

/// Whether a file's diagnostics say its YAML could not be read at all.
fn unread(diags: &[Diagnostic]) -> bool {
    diags.iter().any(|d| matches!(d.code, Code::YamlSyntax | Code::FrontMatter))
}

/// Builds the model from what was loaded; drafts are left out unless
/// `drafts` is set.
pub fn validate(loaded: Loaded, drafts: bool, diags: &mut Diagnostics) -> Model {
    let mut model = Model {
        statics: loaded.statics,
        // A file that could not be read still exists: links and references
        // to it are not mistakes of their own.
        invalid: loaded.unreadable.iter().map(|(rel, kind)| (rel.clone(), kind.page())).collect(),
        unread_action_lines: loaded.unreadable_action_lines,
        unread_sdgs: loaded.unreadable_sdgs,
        ..Model::default()
    };

    if let Some(file) = &loaded.site {
        let mut r = Reader::new(file);
        model.site = reference::site(&mut r);
        diags.extend(r.diags);
    }
    let unsafe_html = model.site.as_ref().is_some_and(|s| s.unsafe_html);
    diags.extend(statics::check(&model.statics, unsafe_html));
    model.pictures = crate::pictures::survey(&model.statics);
    if let Some(file) = &loaded.action_lines {
        let mut r = Reader::new(file);
        (model.action_lines, model.declared_action_lines) = reference::action_lines(&mut r);
        model.unread_action_lines = unread(&r.diags);
        diags.extend(r.diags);
    }
    if let Some(file) = &loaded.sdgs {
        let mut r = Reader::new(file);
        (model.sdgs, model.declared_sdgs) = reference::sdgs(&mut r);
        model.unread_sdgs = unread(&r.diags);
        diags.extend(r.diags);
    }

    let results: Vec<(Outcome, Vec<Diagnostic>, Vec<lints::Allowance>)> = loaded
        .docs
        .par_iter()
        .enumerate()
        .map(|(i, doc)| validate_doc(&doc.kind, doc.lang.as_deref(), &doc.source, i, drafts))
        .collect();
    let mut translations = Vec::new();
    // Sessions are most of a site's documents, and large: moved once.
    let sessions =
        results.iter().filter(|(o, _, _)| matches!(o, Outcome::Entity(e) if matches!(**e, Entity::Session(_))));
    model.sessions.reserve_exact(sessions.count());
    for ((outcome, ds, allowances), doc) in results.into_iter().zip(&loaded.docs) {
        diags.extend(ds);
        model.allowances.extend(allowances);
        match outcome {
            Outcome::Entity(entity) => match *entity {
                Entity::Forum(x) => model.forums.push(*x),
                Entity::Session(x) => model.sessions.push(x),
                Entity::Ungis(x) => model.ungis.push(x),
                Entity::Roadmap(x) => model.roadmaps.push(x),
                Entity::Page(x) => model.pages.push(x),
            },
            Outcome::Translation(t) => translations.push(*t),
            Outcome::Draft => model.drafts.push(doc.source.rel_path.clone()),
            // A translation with errors is no page of its own to link to.
            Outcome::Invalid if doc.lang.is_some() => {}
            Outcome::Invalid => model.invalid.push((doc.source.rel_path.clone(), doc.kind.page())),
        }
    }
    // The sessions of a draft forum are drafts too.
    let draft_years: Vec<u32> = model
        .drafts
        .iter()
        .filter_map(|p| p.strip_prefix("forums/")?.strip_suffix("/forum.md")?.parse().ok())
        .collect();
    if !draft_years.is_empty() {
        let files = &loaded.docs;
        let (drafted, kept): (Vec<_>, Vec<_>) = model.sessions.drain(..).partition(|s| draft_years.contains(&s.year));
        model.sessions = kept;
        model.drafts.extend(drafted.iter().map(|s| files[s.file].source.rel_path.clone()));
    }
    model.files = std::sync::Arc::new(loaded.docs.into_iter().map(|d| d.source).collect());
    model.reference_files = [loaded.site, loaded.action_lines, loaded.sdgs].into_iter().flatten().collect();
    translation::attach(&mut model, translations, diags);
    model.forums.sort_by_key(|f| f.year);
    sort_moving_once(&mut model.sessions, |a, b| a.order().cmp(&b.order()));
    model.ungis.sort_by(|a, b| (a.date, &a.slug).cmp(&(b.date, &b.slug)));
    model.roadmaps.sort_by(|a, b| (&a.action_line.value, &a.slug).cmp(&(&b.action_line.value, &b.slug)));
    model.pages.sort_by(|a, b| (a.weight.unwrap_or(u64::MAX), &a.title).cmp(&(b.weight.unwrap_or(u64::MAX), &b.title)));
    model
}

#[cfg(test)]
mod tests {
    use super::sort_moving_once;

    #[test]
    fn sorting_once_keeps_equal_items_in_their_order() {
        let mut items = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        sort_moving_once(&mut items, |x, y| x.0.cmp(&y.0));
        assert_eq!(items, [(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
    }
}
