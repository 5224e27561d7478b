//! Link: resolve every reference between documents, render bodies with
//! their `@/` links resolved, and build the derived indexes (what names
//! each action line and SDG, the action line x SDG matrix, what belongs to
//! each forum year). After this stage the model is read-only.

use crate::diagnostics::Code;
pub mod brief_size;
pub mod localize;
pub mod pending;
mod references;
mod warnings;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::{self, Heading, RenderOptions};
use crate::model::{Body, Model};
use crate::urls;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};

pub use crate::model::Item;

/// Derived indexes; every list is in a stable order.
#[derive(Debug, Default, Clone)]
pub struct Index {
    pub by_action_line: BTreeMap<String, Vec<Item>>,
    pub by_sdg: BTreeMap<u32, Vec<Item>>,
    /// (action line id, SDG number) -> what names both.
    pub matrix: BTreeMap<(String, u32), Vec<Item>>,
    pub sessions_by_year: BTreeMap<u32, Vec<usize>>,
    pub ungis_by_year: BTreeMap<u32, Vec<usize>>,
    /// Headings of each document body, keyed by source path.
    pub headings: HashMap<String, Vec<Heading>>,
}

impl Index {
    /// A copy of the indexes a language's pages read: not the headings
    /// (read by the checks only), which on a large site would be copied
    /// once a language.
    pub fn without_headings(&self) -> Index {
        Index {
            by_action_line: self.by_action_line.clone(),
            by_sdg: self.by_sdg.clone(),
            matrix: self.matrix.clone(),
            sessions_by_year: self.sessions_by_year.clone(),
            ungis_by_year: self.ungis_by_year.clone(),
            headings: HashMap::new(),
        }
    }
}

/// The model with every reference resolved.
#[derive(Debug, Clone)]
pub struct Linked {
    pub model: Model,
    pub index: Index,
}

/// Output path of every Markdown source and static file, by source path:
/// what an `@/` link resolves to.
pub fn link_targets(model: &Model) -> HashMap<String, String> {
    let mut targets = HashMap::new();
    let rel = |file: usize| model.files[file].rel_path.clone();
    for f in &model.forums {
        targets.insert(rel(f.file), urls::forum(f.year));
    }
    for s in &model.sessions {
        targets.insert(rel(s.file), urls::session(s.year, &s.slug));
    }
    for u in &model.ungis {
        targets.insert(rel(u.file), urls::ungis(&u.slug));
    }
    for r in &model.roadmaps {
        targets.insert(rel(r.file), urls::roadmap(&r.slug));
    }
    for p in &model.pages {
        targets.insert(rel(p.file), urls::page(&p.slug));
    }
    for s in &model.statics {
        targets.insert(s.rel_path.clone(), s.rel_path.clone());
    }
    // A file with errors still exists: a link to it is not broken (the
    // build fails on the file's own errors).
    for (rel_path, page) in &model.invalid {
        targets.insert(rel_path.clone(), page.clone());
    }
    targets
}

fn resolver<'a>(
    targets: &'a HashMap<String, String>,
    drafts: &'a [String],
) -> impl Fn(&str) -> Result<String, String> + 'a {
    move |path: &str| {
        if path.split('/').any(|part| part == ".." || part == ".") {
            return Err("`..` and `.` are not allowed in internal links; write the path from content/".into());
        }
        if drafts.iter().any(|d| d == path) {
            return Err(format!(
                "`content/{path}` is a draft, left out of this build (build with --drafts to include it)"
            ));
        }
        targets.get(path).cloned().ok_or_else(|| {
            let near = crate::diagnostics::nearest(path, targets.keys().map(String::as_str));
            match near {
                Some(n) => format!("no file `content/{path}` (did you mean `@/{n}`?)"),
                None => format!("no file `content/{path}`"),
            }
        })
    }
}

/// A body rendered for its own page: its HTML and marks, its headings and
/// the problems with its links.
struct RenderedBody {
    /// The source path of the body's file.
    path: String,
    /// The body's file, by index into the model's files.
    file: usize,
    /// Its `@/` links to a place in a page, at their place in the file.
    fragments: Vec<(markdown::Fragment, crate::source::Span)>,
    html: String,
    marks: Option<Vec<markdown::Mark>>,
    headings: Vec<Heading>,
    diags: Vec<Diagnostic>,
}

/// Renders every body for its own page, reporting broken links, in
/// [`body_jobs`] order. Reads the model only, so its references can be
/// checked meanwhile.
fn render_bodies(model: &Model) -> Vec<RenderedBody> {
    let targets = link_targets(model);
    let unsafe_html = model.site.as_ref().is_some_and(|s| s.unsafe_html);
    let jobs: Vec<(&Body, usize, String)> = body_jobs(model, "").collect();
    let resolve = resolver(&targets, &model.drafts);
    jobs.into_par_iter()
        .map(|(body, file, page_path)| render_body(body, model, file, &page_path, unsafe_html, &[], &resolve))
        .collect()
}

/// Renders every translation's body once, as its own language's page shows
/// it: links into that language's tree, its headings taking the ids of the
/// original's (`headings`, by source path), so a link to a section finds
/// it in every language. The language's view takes this HTML as it is.
fn render_translations(model: &Model, headings: &HashMap<String, Vec<Heading>>) -> Vec<RenderedBody> {
    let Some(site) = model.site.as_ref() else { return Vec::new() };
    let targets: Vec<HashMap<String, String>> =
        (0..site.languages.len()).map(|i| language_targets(model, &site.prefix(i))).collect();
    let originals: HashMap<crate::load::DocKind, &str> =
        model.items().map(|item| (model.doc_kind(item), model.files[model.file_of(item)].rel_path.as_str())).collect();
    model
        .translations
        .par_iter()
        .map(|t| {
            let i = site.languages.iter().position(|l| l.code == t.lang).unwrap_or(0);
            let page_path = format!("{}{}", site.prefix(i), t.of.page());
            let ids: Vec<String> = originals
                .get(&t.of)
                .and_then(|rel| headings.get(*rel))
                .map(|hs| hs.iter().map(|h| h.id.clone()).collect())
                .unwrap_or_default();
            let resolve = resolver(&targets[i], &model.drafts);
            render_body(&t.body, model, t.file, &page_path, site.unsafe_html, &ids, &resolve)
        })
        .collect()
}

/// Renders translation `t`'s body again (after an edit, under `serve`) as
/// [`render_translations`] does; the problems of its links, those to
/// places in pages checked against `headings` (every original's).
pub fn rerender_translation(
    model: &Model,
    headings: &HashMap<String, Vec<Heading>>,
    t: &mut crate::model::Translation,
) -> Vec<Diagnostic> {
    let Some(site) = model.site.as_ref() else { return Vec::new() };
    let i = site.languages.iter().position(|l| l.code == t.lang).unwrap_or(0);
    let prefix = site.prefix(i);
    let targets = language_targets(model, &prefix);
    let original = model.items().find(|item| model.doc_kind(*item) == t.of);
    let ids: Vec<String> = original
        .and_then(|item| headings.get(&model.files[model.file_of(item)].rel_path))
        .map(|hs| hs.iter().map(|h| h.id.clone()).collect())
        .unwrap_or_default();
    let page_path = format!("{prefix}{}", t.of.page());
    let resolve = resolver(&targets, &model.drafts);
    let mut r = render_body(&t.body, model, t.file, &page_path, site.unsafe_html, &ids, &resolve);
    (t.body.html, t.body.marks) = (std::mem::take(&mut r.html).into(), r.marks.take().map(Into::into));
    let fragments: Vec<_> = r.fragments.drain(..).map(|(f, span)| (t.file, f, span)).collect();
    let ids_of = |path: &str| headings.get(path).map(Vec::as_slice).unwrap_or_default();
    r.diags.extend(check_fragments(model, ids_of, &fragments));
    r.diags
}

/// Where each `@/` target leads from the language tree at `prefix`: its
/// documents' pages in that tree, static files at the one copy at the root.
fn language_targets(model: &Model, prefix: &str) -> HashMap<String, String> {
    let mut targets = link_targets(model);
    if !prefix.is_empty() {
        let statics: std::collections::HashSet<&str> = model.statics.iter().map(|s| s.rel_path.as_str()).collect();
        for (source, page) in targets.iter_mut() {
            if !statics.contains(source.as_str()) {
                page.insert_str(0, prefix);
            }
        }
    }
    targets
}

/// Every body of `model` (forums, sessions, UNGIS activities, roadmaps,
/// pages), with its file and the page it is shown on in the language tree
/// at `prefix`.
fn body_jobs<'m>(model: &'m Model, prefix: &'m str) -> impl Iterator<Item = (&'m Body, usize, String)> {
    let Model { forums, sessions, ungis, roadmaps, pages, .. } = model;
    let forums = forums.iter().map(move |f| (&f.body, f.file, format!("{prefix}{}", urls::forum(f.year))));
    let sessions =
        sessions.iter().map(move |s| (&s.body, s.file, format!("{prefix}{}", urls::session(s.year, &s.slug))));
    let ungis = ungis.iter().map(move |u| (&u.body, u.file, format!("{prefix}{}", urls::ungis(&u.slug))));
    let roadmaps = roadmaps.iter().map(move |r| (&r.body, r.file, format!("{prefix}{}", urls::roadmap(&r.slug))));
    let pages = pages.iter().map(move |p| (&p.body, p.file, format!("{prefix}{}", urls::page(&p.slug))));
    forums.chain(sessions).chain(ungis).chain(roadmaps).chain(pages)
}

/// The bodies of [`body_jobs`], in its order, to write to.
fn bodies_mut(model: &mut Model) -> impl Iterator<Item = &mut Body> {
    let Model { forums, sessions, ungis, roadmaps, pages, .. } = model;
    let forums = forums.iter_mut().map(|f| &mut f.body);
    let sessions = sessions.iter_mut().map(|s| &mut s.body);
    let ungis = ungis.iter_mut().map(|u| &mut u.body);
    let roadmaps = roadmaps.iter_mut().map(|r| &mut r.body);
    forums.chain(sessions).chain(ungis).chain(roadmaps).chain(pages.iter_mut().map(|p| &mut p.body))
}

/// Renders the bodies of a language's model for that language's pages
/// under `prefix`, but those of the files `done` names, which hold a
/// translation's HTML already (rendered for that language when the content
/// was linked): links to documents stay in the language's tree, links to
/// static files lead to the one copy at the site root. Their problems were
/// reported when the content was linked.
pub fn render_language_bodies(model: &mut Model, prefix: &str, done: &(dyn Fn(usize) -> bool + Sync)) {
    let targets = language_targets(model, prefix);
    let unsafe_html = model.site.as_ref().is_some_and(|s| s.unsafe_html);
    let rendered: Vec<Option<markdown::Rendered>> = {
        let resolve = resolver(&targets, &model.drafts);
        let jobs: Vec<_> = body_jobs(model, prefix).collect();
        jobs.into_par_iter()
            .map(|(body, file, page_path)| {
                (!done(file)).then(|| render_for_language(model, body, &page_path, unsafe_html, &resolve))
            })
            .collect()
    };
    for (body, r) in bodies_mut(model).zip(rendered) {
        if let Some(r) = r {
            (body.html, body.marks) = (r.html.into(), r.marks.map(Into::into));
        }
    }
}

/// Renders the body of `item` again for its page in the language tree at
/// `prefix` (after an edit, under `serve`).
pub fn render_language_body(model: &mut Model, item: Item, prefix: &str) {
    let targets = language_targets(model, prefix);
    let unsafe_html = model.site.as_ref().is_some_and(|s| s.unsafe_html);
    let page_path = format!("{prefix}{}", model.page_of(item));
    let r = render_for_language(model, model.body(item), &page_path, unsafe_html, &resolver(&targets, &model.drafts));
    let body = model.body_mut(item);
    (body.html, body.marks) = (r.html.into(), r.marks.map(Into::into));
}

/// One body rendered for the page at `page_path`, its headings taking the
/// ids it was given.
fn render_for_language(
    model: &Model,
    body: &Body,
    page_path: &str,
    unsafe_html: bool,
    resolve: &dyn Fn(&str) -> Result<String, String>,
) -> markdown::Rendered {
    let root = urls::root_prefix(page_path);
    let options = RenderOptions {
        root: &root,
        unsafe_html,
        id_prefix: "",
        heading_ids: &body.heading_ids,
        pictures: Some(&model.pictures),
    };
    markdown::render(body.markdown(), &options, resolve)
}

/// Renders one body for the page at `page_path`, with its headings and
/// the problems with its links, as diagnostics in its file.
fn render_body(
    body: &Body,
    model: &Model,
    file: usize,
    page_path: &str,
    unsafe_html: bool,
    heading_ids: &[String],
    resolve: &dyn Fn(&str) -> Result<String, String>,
) -> RenderedBody {
    let source = &model.files[file];
    let root = urls::root_prefix(page_path);
    let rendered = markdown::render(
        body.markdown(),
        &RenderOptions { root: &root, unsafe_html, id_prefix: "", heading_ids, pictures: Some(&model.pictures) },
        resolve,
    );
    let fragments = rendered
        .fragments
        .into_iter()
        .map(|f| {
            let span = source.span_of(body.offset + f.range.start, body.offset + f.range.end);
            (f, span)
        })
        .collect();
    let diags = rendered
        .problems
        .into_iter()
        .map(|p| {
            let span = source.span_of(body.offset + p.range.start, body.offset + p.range.end);
            let mut d = if p.warning {
                Diagnostic::warning(source, span, p.code, p.message)
            } else {
                Diagnostic::error(source, span, p.code, p.message)
            };
            d.help = p.help;
            d
        })
        .collect();
    let path = source.rel_path.clone();
    RenderedBody {
        path,
        file,
        fragments,
        html: rendered.html,
        marks: rendered.marks,
        headings: rendered.headings,
        diags,
    }
}

/// Renders a body of `model` again (after an edit) for the page at
/// `page_path`, resolving its links against the whole model.
/// Its links to places in pages are checked against `headings` (every
/// body's, by source path), its own taken from this render.
pub fn rerender_body(
    model: &Model,
    headings: &HashMap<String, Vec<Heading>>,
    body: &mut Body,
    file: usize,
    page_path: &str,
) -> (Vec<Heading>, Vec<Diagnostic>) {
    let targets = link_targets(model);
    let resolve = resolver(&targets, &model.drafts);
    let unsafe_html = model.site.as_ref().is_some_and(|s| s.unsafe_html);
    let mut r = render_body(body, model, file, page_path, unsafe_html, &[], &resolve);
    (body.html, body.marks) = (std::mem::take(&mut r.html).into(), r.marks.take().map(Into::into));
    let fragments: Vec<_> = r.fragments.drain(..).map(|(f, span)| (file, f, span)).collect();
    let ids_of = |path: &str| {
        if path == r.path {
            r.headings.as_slice()
        } else {
            headings.get(path).map(Vec::as_slice).unwrap_or_default()
        }
    };
    let broken = check_fragments(model, ids_of, &fragments);
    r.diags.extend(broken);
    (r.headings, r.diags)
}

/// Checks the references of `model` again and indexes it anew, keeping
/// the body headings `index` holds: `serve`, after an edit that changes
/// what listings show (a title, a date, a tag).
pub fn relink(model: &Model, index: &mut Index, diags: &mut Diagnostics) {
    references::check(model, diags);
    let headings = std::mem::take(&mut index.headings);
    *index = references::build_index(model);
    index.headings = headings;
}

/// Reports each `@/` link to a place its page does not have: neither a
/// heading of the page's body nor a section the theme writes.
fn check_fragments<'h>(
    model: &Model,
    headings: impl Fn(&str) -> &'h [Heading],
    fragments: &[(usize, markdown::Fragment, crate::source::Span)],
) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for (file, f, span) in fragments {
        let ids = headings(&f.path);
        if markdown::is_theme_id(&f.id) || ids.iter().any(|h| h.id == f.id) {
            continue;
        }
        // A static file's places are its own business.
        if model.statics.iter().any(|s| s.rel_path == f.path) {
            continue;
        }
        let known = ids.iter().map(|h| h.id.as_str()).chain(markdown::THEME_IDS.iter().copied());
        let help = match crate::diagnostics::nearest(&f.id, known) {
            Some(near) => format!("did you mean `#{near}`?"),
            None if ids.is_empty() => "the page has no headings to link to; link to the page itself".into(),
            None => format!(
                "its sections are {}",
                ids.iter().map(|h| format!("`#{}`", h.id)).collect::<Vec<_>>().join(", ")
            ),
        };
        diags.push(
            Diagnostic::error(
                &model.files[*file],
                *span,
                Code::BrokenLink,
                format!("internal link `@/{}#{}`: the page has no section `#{}`", f.path, f.id, f.id),
            )
            .with_help(help),
        );
    }
    diags
}

/// Resolves and indexes `model`.
pub fn link(mut model: Model, diags: &mut Diagnostics) -> Linked {
    // The references are checked and indexed while the bodies render.
    let ((checked, mut index), rendered) = rayon::join(
        || {
            let mut checked = Diagnostics::new();
            references::check(&model, &mut checked);
            (checked, references::build_index(&model))
        },
        || render_bodies(&model),
    );
    diags.append(checked);
    let mut headings = HashMap::with_capacity(rendered.len());
    let mut fragments = Vec::new();
    let mut take = |body: &mut Body, r: RenderedBody| {
        diags.extend(r.diags);
        headings.insert(r.path, r.headings);
        (body.html, body.marks) = (r.html.into(), r.marks.map(Into::into));
        fragments.extend(r.fragments.into_iter().map(|(f, span)| (r.file, f, span)));
    };
    for (body, r) in bodies_mut(&mut model).zip(rendered) {
        take(body, r);
    }
    // The translations, once the originals' headings are known.
    let translated = render_translations(&model, &headings);
    for (t, r) in model.translations.iter_mut().zip(translated) {
        diags.extend(r.diags);
        (t.body.html, t.body.marks) = (r.html.into(), r.marks.map(Into::into));
        fragments.extend(r.fragments.into_iter().map(|(f, span)| (r.file, f, span)));
    }
    index.headings = headings;
    let ids_of = |path: &str| index.headings.get(path).map(Vec::as_slice).unwrap_or_default();
    diags.extend(check_fragments(&model, ids_of, &fragments));
    warnings::check(&model, &index, diags);
    Linked { model, index }
}
