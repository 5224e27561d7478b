//! Writing what an edit changed, in place, in every language that shows
//! it: the document's page first (the open pages reload then), the pages
//! that list it when listings show the change, its kind's open data, its
//! forum's briefs (a large PDF brief, or several languages' PDFs, in the
//! background), each language's search index, and the sitemap when a page
//! gained or lost a translation. A file is replaced whole (written beside
//! it, then renamed), so a reader never sees half a page.

use super::edit::Edited;
use super::Workspace;
use crate::plan::{PageKind, PlannedPage};
use crate::Prepared;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

/// An edit re-typesets its forum's PDF brief at once when the forum has at
/// most this many sessions (about 60 pages, a few tenths of a second) and
/// one language shows the edit; a larger brief, or several, is typeset in
/// the background.
const QUICK_PDF_SESSIONS: usize = 60;

/// How long a brief typeset in the background waits for the saves to
/// pause.
const BRIEF_SETTLE: Duration = Duration::from_millis(700);

impl Workspace {
    /// Writes everything `e` changed; how many files were written, or
    /// `None` when one could not be written in place.
    pub(super) fn write_outputs(&mut self, e: &Edited) -> Option<usize> {
        let state = self.state.as_ref()?;
        let m = &state.linked.model;
        for stale in &e.stale {
            let _ = std::fs::remove_file(self.output.join(stale));
        }
        let t = crate::Timer::start();
        let contexts = state.contexts();
        t.lap("edit: contexts");
        let mut written = 0;
        let signal = |written: usize| {
            if written > 0 {
                if let Some(call) = &self.page_written {
                    call();
                }
            }
        };
        // The document's own pages: in every language when its alternates
        // changed, else in those that show the edit, but where its listings
        // are rewritten (its page among them).
        let own = PageKind::of(e.item);
        let own_languages: Vec<usize> =
            if e.alternates { (0..state.languages.len()).collect() } else { e.languages.clone() };
        let own_pages: Vec<&PlannedPage> =
            own_languages.iter().filter(|l| !e.listings.contains(l)).filter_map(|&l| page(state, own, l)).collect();
        written += render_write(state, &contexts, &self.output, &own_pages, false)?;
        signal(written);
        if !e.listings.is_empty() {
            // The pages the plan's record says name the session, before or
            // after the edit (a tag may have moved it between listings).
            let crate::model::Item::Session(i) = e.item else { return None };
            let now = crate::plan::Placing::of_session(m, i);
            let before = e.placed_before.as_ref().unwrap_or(&now);
            let dirty: Vec<&PlannedPage> = (state.plan.pages.iter())
                .filter(|p| e.listings.contains(&p.lang) && (p.lists.names(before) || p.lists.names(&now)))
                .collect();
            let listed = render_write(state, &contexts, &self.output, &dirty, true)?;
            t.lap("edit: listings");
            signal(written.max(1));
            written += listed;
        }
        let mut pdfs: Vec<&PlannedPage> = Vec::new();
        let mut after: Vec<&PlannedPage> = Vec::new();
        let mut background: Vec<(usize, usize, String)> = Vec::new();
        let forum = forum_of(m, e.item);
        for &l in &e.languages {
            after.extend(page(state, PageKind::Data(e.item.data_file()), l));
            if let Some(f) = forum {
                let sessions = state.linked.index.sessions_by_year.get(&m.forums[f].year).map_or(0, Vec::len);
                let pdf = page(state, PageKind::BriefPdf(f), l);
                match pdf {
                    Some(p) if sessions <= QUICK_PDF_SESSIONS && e.languages.len() == 1 => pdfs.push(p),
                    Some(p) => background.push((f, l, p.path.clone())),
                    None => {}
                }
                after.extend(page(state, PageKind::Brief(f), l));
            }
        }
        if e.alternates {
            let sitemaps = |p: &&PlannedPage| matches!(p.kind, PageKind::Sitemap | PageKind::SitemapPart(_));
            after.extend(state.plan.pages.iter().filter(sitemaps));
        }
        // The PDFs first, so a reader who sees the HTML brief change finds
        // the PDF changed too.
        written += render_write(state, &contexts, &self.output, &pdfs, false)?;
        written += render_write(state, &contexts, &self.output, &after, false)?;
        t.lap("edit: data and briefs");
        written += self.rewrite_search(e)?;
        t.lap("edit: search");
        self.typeset_later(background)?;
        Some(written)
    }

    /// Updates the search index of each language that shows the edit, and
    /// writes its changed files; how many.
    fn rewrite_search(&mut self, e: &Edited) -> Option<usize> {
        let state = self.state.as_ref()?;
        let mut written = 0;
        self.search.resize_with(state.languages.len(), || None);
        self.search_written.resize_with(state.languages.len(), Default::default);
        for (l, language) in state.languages.iter().enumerate() {
            let linked = language.linked(&state.linked);
            let search = &mut self.search[l];
            // Each language's index holds the sessions in the order of its
            // model: a move is made in every one already made.
            if let (Some(docs), Some((from, to))) = (search.as_mut(), e.moved) {
                docs.move_session(from, to);
            }
            if !e.languages.contains(&l) {
                continue;
            }
            let docs = search.get_or_insert_with(|| crate::render::search::SearchDocs::new(linked, &language.strings));
            docs.update(linked, &language.strings, e.item);
            let files = docs.files();
            let mut now = std::collections::HashMap::new();
            for (rel, text) in &files {
                let hash = {
                    use std::hash::{Hash, Hasher};
                    let mut h = std::collections::hash_map::DefaultHasher::new();
                    text.hash(&mut h);
                    h.finish()
                };
                if self.search_written[l].get(rel) != Some(&hash) {
                    write_in_place(&self.output, &format!("{}{rel}", language.prefix), text.as_bytes()).ok()?;
                    written += 1;
                }
                now.insert(rel.clone(), hash);
            }
            self.search_written[l] = now;
            remove_stale_search_files(&self.output.join(&language.prefix), &files);
        }
        Some(written)
    }

    /// Has every PDF brief of the plan typeset again in the background (the
    /// brief's typst template changed).
    pub(super) fn typeset_every_brief_later(&mut self) -> Option<()> {
        let briefs: Vec<(usize, usize, String)> = (self.state.as_ref()?.plan.pages.iter())
            .filter_map(|p| match p.kind {
                PageKind::BriefPdf(f) => Some((f, p.lang, p.path.clone())),
                _ => None,
            })
            .collect();
        self.typeset_later(briefs)
    }

    /// Typesets each `(forum, language, path)` PDF brief on a thread of its
    /// own, once the saves pause, one brief at a time; each is written only
    /// if no later edit or full build started since.
    fn typeset_later(&mut self, briefs: Vec<(usize, usize, String)>) -> Option<()> {
        let state = self.state.as_ref()?;
        if briefs.is_empty() {
            return Some(());
        }
        let contexts = state.contexts();
        let printable = Arc::new(crate::render::pictures::printable(&state.linked.model));
        // A brief's data holds each of its sessions' bodies as blocks: made
        // on every core (sixty briefs take half a second on one).
        let data: Vec<Option<tera::Value>> = {
            use rayon::prelude::*;
            briefs.par_iter().map(|(f, lang, _)| Some(contexts.get(*lang)?.brief(*f, true))).collect()
        };
        for ((f, lang, path), data) in briefs.into_iter().zip(data) {
            let data = data?;
            let job = Brief { ident: state.brief_ident(f, lang), conformance: state.brief_conformance(f), path };
            let job = self.typeset_one_later(state, data, job, Arc::clone(&printable))?;
            self.pending.push(job);
        }
        Some(())
    }

    /// The thread that typesets one brief of [`typeset_later`](Self::typeset_later).
    fn typeset_one_later(
        &self,
        state: &Prepared,
        data: tera::Value,
        brief: Brief,
        printable: Arc<Vec<(String, std::path::PathBuf, crate::pictures::Picture)>>,
    ) -> Option<std::thread::JoinHandle<Result<Option<String>, String>>> {
        let Brief { ident, conformance, path } = brief;
        let (theme, output) = (Arc::clone(&state.theme), self.output.clone());
        let picture_cache = theme.brief_cache.as_deref().map(|c| c.with_file_name("pictures"));
        let generations = Arc::clone(&self.generations);
        let typesetting = Arc::clone(&self.typesetting);
        let generation = {
            let mut all = generations.lock().ok()?;
            let g = all.entry(path.clone()).or_insert(0);
            *g += 1;
            *g
        };
        let current = {
            let generations = Arc::clone(&generations);
            let path = path.clone();
            move || generations.lock().is_ok_and(|all| all.get(&path) == Some(&generation))
        };
        Some(std::thread::spawn(move || {
            // An editor saves again and again: typeset only once the saves
            // pause, so superseded briefs cost nothing.
            std::thread::sleep(BRIEF_SETTLE);
            if !current() {
                return Ok(None);
            }
            let _one_at_a_time = typesetting.lock().map_err(|_| "typesetting failed".to_string())?;
            if !current() {
                return Ok(None);
            }
            let pictures =
                |name: &str| crate::render::pictures::print_bytes(&printable, name, picture_cache.as_deref());
            let pdf = theme.brief_pdf(&data, &ident, conformance, &pictures)?;
            // Checked and written under the lock, so a later job or a full
            // build cannot start in between.
            let all = generations.lock().map_err(|_| "typesetting failed".to_string())?;
            if all.get(&path) != Some(&generation) {
                return Ok(None);
            }
            write_in_place(&output, &path, &pdf).map_err(|e| e.to_string())?;
            Ok(Some(path))
        }))
    }
}

/// One PDF brief to typeset in the background.
struct Brief {
    ident: String,
    conformance: crate::render::pdf::Conformance,
    /// Where it is written, under the output folder.
    path: String,
}

/// The planned page of `kind` in language `lang`, if the plan has it (a
/// brief left out with `--no-pdf` is not written).
fn page(state: &Prepared, kind: PageKind, lang: usize) -> Option<&PlannedPage> {
    state.plan.pages.iter().find(|p| p.kind == kind && p.lang == lang)
}

/// The forum whose briefs show the document.
fn forum_of(m: &crate::model::Model, item: crate::model::Item) -> Option<usize> {
    use crate::model::Item;
    let year = match item {
        Item::Session(i) => m.sessions[i].year,
        Item::Ungis(i) => m.ungis[i].forum.as_ref().map_or(m.ungis[i].date.year, |f| f.value),
        Item::Forum(i) => m.forums[i].year,
        Item::Roadmap(_) | Item::Page(_) => return None,
    };
    m.forums.iter().position(|f| f.year == year)
}

/// Renders `pages` in parallel and writes them in place (when `if_changed`,
/// only those whose bytes changed); how many were written.
pub(super) fn render_write(
    state: &Prepared,
    contexts: &[crate::plan::Contexts],
    output: &Path,
    pages: &[&PlannedPage],
    if_changed: bool,
) -> Option<usize> {
    use rayon::prelude::*;
    let written: Result<Vec<usize>, ()> = pages
        .par_iter()
        .map(|page| {
            let bytes = state.render_page(&contexts[page.lang], page).map_err(|_| ())?;
            if if_changed && std::fs::read(output.join(&page.path)).is_ok_and(|old| old == bytes) {
                return Ok(0);
            }
            write_in_place(output, &page.path, &bytes).map_err(|_| ())?;
            Ok(1)
        })
        .collect();
    written.ok().map(|w| w.into_iter().sum())
}

/// Removes the search index's shards (`search/terms-*.js`,
/// `search/docs-*.js`) under `folder` that an edit emptied: what the index
/// is now is `files`, and a fresh build would not have the others.
fn remove_stale_search_files(folder: &Path, files: &[(String, String)]) {
    let current: std::collections::HashSet<&str> = files.iter().map(|(rel, _)| rel.as_str()).collect();
    let Ok(entries) = std::fs::read_dir(folder.join("search")) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let shard = (name.starts_with("terms-") || name.starts_with("docs-")) && name.ends_with(".js");
        if shard && !current.contains(format!("search/{name}").as_str()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Replaces one file of the output: written beside it, then renamed over
/// it, so a reader never sees half a page.
pub(super) fn write_in_place(output: &Path, rel: &str, bytes: &[u8]) -> std::io::Result<()> {
    let target = output.join(rel);
    let mut tmp = target.clone().into_os_string();
    tmp.push(".wsis-tmp");
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, &target)
}
