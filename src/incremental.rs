//! Rebuilding after an edit, for `wsis serve`: watch the sources' stamps,
//! and when one document changed in a way no other page shows (the body or
//! the people of a session, say), re-render that one page in place. Any
//! other change runs a full build, staged and swapped like `wsis build`.

use crate::diagnostics::Diagnostic;
use crate::link::Item;
use crate::plan::PageKind;
use crate::validate::Entity;
use crate::{prepare, write_site, BuildError, BuildOptions, Prepared};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

/// Modification time and size of every source file.
type Stamps = BTreeMap<PathBuf, (SystemTime, u64)>;

/// A file's stamp now, if it is a file.
fn stamp(path: &Path) -> Option<(SystemTime, u64)> {
    let meta = std::fs::metadata(path).ok().filter(|m| m.is_file())?;
    Some((meta.modified().unwrap_or(SystemTime::UNIX_EPOCH), meta.len()))
}

fn stamps(dirs: &[&Path]) -> Stamps {
    let mut out = Stamps::new();
    for dir in dirs {
        for entry in walkdir::WalkDir::new(dir).into_iter().flatten() {
            if let Ok(meta) = entry.metadata() {
                if meta.is_file() {
                    let modified = meta.modified().unwrap_or(SystemTime::UNIX_EPOCH);
                    out.insert(entry.into_path(), (modified, meta.len()));
                }
            }
        }
    }
    out
}

/// What a rebuild did.
#[derive(Debug)]
pub struct Rebuilt {
    /// Pages written: one for a quick update, all for a full build.
    pub pages: usize,
    pub full: bool,
    /// Why an edit was not written on the fast path (for the serve log).
    pub why_full: Option<&'static str>,
    pub elapsed: Duration,
    pub warnings: Vec<Diagnostic>,
}

/// A site being served: its options, its last good build, its sources.
pub struct Workspace {
    opts: BuildOptions,
    output: PathBuf,
    state: Option<Prepared>,
    stamps: Stamps,
    /// Large PDF briefs being re-typeset after a quick rebuild; each
    /// gives the path it wrote, or `None` when a later rebuild superseded
    /// it before it finished.
    pending: Vec<std::thread::JoinHandle<Result<Option<String>, String>>>,
    /// The latest generation of each background brief, by output path: a
    /// job writes only if no later job or full build has started since.
    generations: Arc<Mutex<HashMap<String, u64>>>,
    /// Called once a quick rebuild has written the edited page, before the
    /// rest: `serve` tells the open pages to reload then.
    page_written: Option<Box<dyn Fn() + Send>>,
    /// The search index's pages, kept from the first quick rebuild after a
    /// full build, each edit updating its own.
    search: Option<crate::render::search::SearchDocs>,
}

impl Workspace {
    /// A workspace for `opts`, not built yet.
    pub fn new(opts: BuildOptions, output: PathBuf) -> Workspace {
        Workspace {
            opts,
            output,
            state: None,
            stamps: Stamps::new(),
            pending: Vec::new(),
            generations: Arc::new(Mutex::new(HashMap::new())),
            page_written: None,
            search: None,
        }
    }

    /// Sets what to call when a quick rebuild has written the edited page.
    pub fn on_page_written(&mut self, call: Box<dyn Fn() + Send>) {
        self.page_written = Some(call);
    }

    fn scan(&self) -> Stamps {
        let theme = self.opts.theme_folder().ok().flatten();
        let mut dirs = vec![self.opts.content.as_path()];
        dirs.extend(theme.as_deref());
        stamps(&dirs)
    }

    /// The files that changed since the last rebuild (added, removed or edited).
    pub fn changed(&self) -> Vec<PathBuf> {
        let now = self.scan();
        let mut changed: Vec<PathBuf> =
            now.iter().filter(|(p, s)| self.stamps.get(*p) != Some(s)).map(|(p, _)| p.clone()).collect();
        changed.extend(self.stamps.keys().filter(|p| !now.contains_key(*p)).cloned());
        changed
    }

    /// The folders whose files the site is built from: the content, and the
    /// theme folder if there is one.
    pub fn sources(&self) -> Vec<PathBuf> {
        let mut dirs = vec![self.opts.content.clone()];
        dirs.extend(self.opts.theme_folder().ok().flatten());
        dirs
    }

    /// Which of `paths` (named by file-system notifications) changed since
    /// the last rebuild, by their stamps alone: no walk of the whole site.
    /// `None` when a folder was among them (a folder moved or deleted
    /// changes what exists): then `changed` walks everything.
    pub fn changed_among(&self, paths: &[PathBuf]) -> Option<Vec<PathBuf>> {
        let mut changed = Vec::new();
        for path in paths {
            if path.is_dir() {
                return None;
            }
            let hidden = path.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'));
            let now = stamp(path);
            let before = self.stamps.get(path);
            let gone_folder = now.is_none() && before.is_none() && path.extension().is_none();
            if gone_folder && !hidden {
                return None;
            }
            if now.as_ref() != before && !(hidden && before.is_none()) && !changed.contains(path) {
                changed.push(path.clone());
            }
        }
        Some(changed)
    }

    /// The stamps after `changed`: the last build's, with those files
    /// stamped again (added, edited or gone).
    fn restamp(&self, changed: &[PathBuf]) -> Stamps {
        let mut seen = self.stamps.clone();
        for path in changed {
            match stamp(path) {
                Some(s) => seen.insert(path.clone(), s),
                None => seen.remove(path),
            };
        }
        seen
    }

    /// Builds everything.
    pub fn full_build(&mut self) -> Result<Rebuilt, BuildError> {
        let started = Instant::now();
        // A brief still being typeset in the background would write over
        // what this build writes: it is superseded.
        if let Ok(mut generations) = self.generations.lock() {
            generations.values_mut().for_each(|g| *g += 1);
        }
        self.stamps = self.scan();
        self.state = None;
        self.search = None;
        let prepared = prepare(&self.opts)?;
        let report = write_site(&prepared, &self.opts, &self.output)?;
        let warnings = prepared.warnings.clone();
        self.state = Some(prepared);
        Ok(Rebuilt { pages: report.pages, full: true, why_full: None, elapsed: started.elapsed(), warnings })
    }

    /// Rebuilds what `changed` needs: the edited document's own outputs
    /// when no other page shows what changed, else everything.
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Result<Rebuilt, BuildError> {
        // Files are stamped as they were before anything is read: a file
        // saved while this rebuild runs is seen by the next one.
        let seen = self.restamp(changed);
        if let [one] = changed {
            let started = Instant::now();
            match self.try_quick(one) {
                Quick::Done(pages, warnings) => {
                    self.stamps = seen;
                    return Ok(Rebuilt { pages, full: false, why_full: None, elapsed: started.elapsed(), warnings });
                }
                Quick::Failed(diags) => {
                    // The next change rebuilds everything from a clean state.
                    self.state = None;
                    self.stamps = seen;
                    return Err(BuildError::Content(diags));
                }
                Quick::NotApplicable(why) => return self.full_build().map(|r| Rebuilt { why_full: Some(why), ..r }),
            }
        }
        let why = if changed.len() > 1 { "several files changed at once" } else { "nothing to edit in place" };
        self.full_build().map(|r| Rebuilt { why_full: Some(why), ..r })
    }

    /// Whether PDF briefs are being typeset in the background.
    pub fn has_pending(&self) -> bool {
        !self.pending.is_empty()
    }

    /// Waits for the PDF briefs still being typeset in the background;
    /// the paths written (a superseded job writes nothing), or why not.
    pub fn wait_pending(&mut self) -> Vec<Result<String, String>> {
        let jobs: Vec<_> = self.pending.drain(..).collect();
        jobs.into_iter().filter_map(joined).collect()
    }

    /// The background briefs that have finished, as `wait_pending`.
    pub fn finished_pending(&mut self) -> Vec<Result<String, String>> {
        let (done, running): (Vec<_>, Vec<_>) = self.pending.drain(..).partition(|job| job.is_finished());
        self.pending = running;
        done.into_iter().filter_map(joined).collect()
    }

    fn try_quick(&mut self, path: &Path) -> Quick {
        let Some(state) = self.state.as_mut() else { return Quick::NotApplicable("the last build failed") };
        let Ok(rel) = path.strip_prefix(&self.opts.content) else {
            return Quick::NotApplicable("a theme file changed");
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        let Some(kind) = crate::load::doc_kind(&rel) else {
            return Quick::NotApplicable("the file is not a document (site.yaml, a reference list, a static file)");
        };
        // Every language's pages show an edit: a full build writes them all.
        if state.site.is_multilingual() {
            return Quick::NotApplicable("the site has several languages, and each language's pages show the edit");
        }
        let Some(index) = state.linked.model.files.iter().position(|f| f.rel_path == rel) else {
            return Quick::NotApplicable("a new document, or a translation");
        };
        // A deleted file changes what exists: a full build.
        if !path.is_file() {
            return Quick::NotApplicable("a file was removed");
        }
        let source = match crate::load::read_source(&self.opts.content, &rel) {
            Ok(s) => s,
            Err(d) => return Quick::Failed(vec![*d]),
        };
        let crate::validate::Validated { entity, draft, diags: mut warnings, allowances } =
            crate::validate::validate_document(&kind, &source, index, self.opts.drafts);
        if has_errors(&warnings) {
            return Quick::Failed(warnings);
        }
        // What the briefs claim depends on the fonts covering every
        // character: a full build decides it.
        if self.opts.pdf && (state.theme.lacks_glyphs(&source) || !state.plain_briefs.is_empty()) {
            return Quick::NotApplicable("the briefs' fonts lack a character of the site");
        }
        // The pages' web fonts hold the characters the site uses: an edit
        // that adds or drops one makes them anew.
        let font_chars = crate::render::webfonts::chars_needing_font;
        if font_chars(&state.linked.model.files[index].text) != font_chars(&source.text) {
            return Quick::NotApplicable("the edit adds or removes a character the pages' web fonts hold");
        }
        let Some(entity) = entity.filter(|_| !draft) else { return Quick::NotApplicable("the document is a draft") };
        let Some(item) = item_of(&state.linked.model, &entity) else {
            return Quick::NotApplicable("the document was a draft or had errors");
        };
        let t = crate::Timer::start();
        let before = state.contexts()[0].listing_view(item);
        t.lap("edit: before");
        // From here the model holds the edit; if it reaches other pages,
        // the full build that follows starts afresh from the files.
        std::sync::Arc::make_mut(&mut state.linked.model.files)[index] = source;
        put(&mut state.linked.model, item, entity);
        let (headings, diags) = rerender(&mut state.linked.model, &state.linked.index.headings, item, &kind.page());
        t.lap("edit: body");
        if has_errors(&diags) {
            return Quick::Failed(diags);
        }
        // Other pages may link to a heading this edit renamed or removed:
        // a full build checks every link again.
        let ids = |hs: &[crate::markdown::Heading]| hs.iter().map(|h| h.id.clone()).collect::<Vec<_>>();
        if state.linked.index.headings.get(&rel).map(|old| ids(old)) != Some(ids(&headings)) {
            return Quick::NotApplicable("the document's headings changed, and links to them are checked anew");
        }
        let listings = state.contexts()[0].listing_view(item) != before;
        // A session's listings (its forum's, its action lines' and goals',
        // the home page's, the feed's) are rewritten with it; what else
        // lists things rebuilds everything.
        if listings && !matches!(item, Item::Session(_)) {
            return Quick::NotApplicable("the edit changes what other pages list (a title, a date, a tag)");
        }
        t.lap("edit: after");
        warnings.extend(diags);
        state.linked.index.headings.insert(rel, headings);
        let mut item = item;
        if let (true, Item::Session(i)) = (listings, item) {
            // Sessions are kept in their order (`Session::order`): a new
            // date or title may move this one.
            let sessions = &mut state.linked.model.sessions;
            let moved = sessions.remove(i);
            let at = sessions.partition_point(|s| s.order() < moved.order());
            sessions.insert(at, moved);
            if let Some(search) = self.search.as_mut() {
                search.move_session(i, at);
            }
            item = Item::Session(at);
        }
        if listings {
            let mut diags = crate::diagnostics::Diagnostics::new();
            crate::link::relink(&state.linked.model, &mut state.linked.index, &mut diags);
            if diags.has_errors() {
                return Quick::Failed(diags.into_sorted());
            }
            let before: Vec<String> = state.plan.pages.iter().map(|p| p.path.clone()).collect();
            state.plan = crate::plan::plan(&state.linked, &state.site, self.opts.pdf);
            // The pages of a listing that got shorter go.
            let now: std::collections::HashSet<&str> = state.plan.pages.iter().map(|p| p.path.as_str()).collect();
            for stale in before.iter().filter(|p| !now.contains(p.as_str())) {
                let _ = std::fs::remove_file(self.output.join(stale));
            }
            t.lap("edit: relink");
        }
        // The document's allowances and the site's lint levels, over its
        // warnings (a level `deny` makes one an error). Whether an
        // allowance is used is for a full build to say: the warnings of the
        // whole model (a session without outcome sections) are not made
        // again here.
        let model = &mut state.linked.model;
        model.allowances.retain(|a| a.path != model.files[index].display_path);
        model.allowances.extend(allowances.iter().cloned());
        let lints = model.site.as_ref().map(|s| s.lints.clone()).unwrap_or_default();
        let warnings = crate::validate::lints::apply(&allowances, &lints, warnings, false);
        if has_errors(&warnings) {
            return Quick::Failed(warnings);
        }
        match self.write_outputs(item, listings) {
            Some(written) => Quick::Done(written, warnings),
            None => Quick::NotApplicable("a page could not be written in place"),
        }
    }

    /// Writes everything an edit of `item` can change: its page, its
    /// kind's open data, the search index, and its forum's briefs (a large
    /// PDF brief in the background); when `listings` show the change (a
    /// session's title, date or tags), every page that lists sessions too
    /// (see [`lists_session_of`]), each only if its bytes changed. Returns
    /// how many files were written.
    fn write_outputs(&mut self, item: Item, listings: bool) -> Option<usize> {
        let state = self.state.as_ref()?;
        let m = &state.linked.model;
        let mut written = 0;
        let mut kinds = vec![PageKind::Data(data_file(item))];
        match (listings, item) {
            (true, Item::Session(i)) => {
                // The edited page is among the listings' pages: open pages
                // may reload once they are written.
                written += self.rewrite_listings(m.sessions[i].year)?;
                if let Some(call) = &self.page_written {
                    call();
                }
            }
            _ => kinds.insert(0, page_kind(item)),
        }
        let forum_year = match item {
            Item::Session(i) => Some(m.sessions[i].year),
            Item::Ungis(i) => Some(m.ungis[i].forum.as_ref().map_or(m.ungis[i].date.year, |f| f.value)),
            Item::Forum(i) => Some(m.forums[i].year),
            Item::Roadmap(_) | Item::Page(_) => None,
        };
        let forum = forum_year.and_then(|y| m.forums.iter().position(|f| f.year == y));
        let mut background = None;
        if let Some(f) = forum {
            let sessions = state.linked.index.sessions_by_year.get(&m.forums[f].year).map_or(0, Vec::len);
            if sessions <= QUICK_PDF_SESSIONS {
                kinds.push(PageKind::BriefPdf(f));
            } else {
                background = Some(f);
            }
            // After the PDF, so a reader who sees the HTML brief change
            // finds the PDF changed too.
            kinds.push(PageKind::Brief(f));
        }
        let t = crate::Timer::start();
        let contexts = state.contexts();
        t.lap("edit: contexts");
        for kind in kinds {
            // A brief left out of the plan (`--no-pdf`) is simply not written.
            let Some(page) = state.plan.pages.iter().find(|p| p.kind == kind) else { continue };
            let bytes = state.render_page(&contexts, page).ok()?;
            write_in_place(&self.output, &page.path, &bytes).ok()?;
            if written == 0 {
                if let Some(call) = &self.page_written {
                    call();
                }
            }
            written += 1;
            t.lap("edit: a page");
        }
        let strings = &state.languages[0].strings;
        let search = self.search.get_or_insert_with(|| crate::render::search::SearchDocs::new(&state.linked, strings));
        search.update(&state.linked, strings, item);
        let files = search.files();
        for (rel, text) in &files {
            write_in_place(&self.output, rel, text.as_bytes()).ok()?;
            written += 1;
        }
        remove_stale_search_files(&self.output, &files);
        t.lap("edit: search");
        let background =
            background.and_then(|f| Some((f, state.plan.pages.iter().find(|p| p.kind == PageKind::BriefPdf(f))?)));
        if let Some((f, page)) = background {
            let data = contexts[0].brief(f, true);
            let (theme, output, path) = (Arc::clone(&state.theme), self.output.clone(), page.path.clone());
            let ident = format!("wsis-brief-{}", m.forums[f].year);
            let printable = crate::render::pictures::printable(m);
            let picture_cache = theme.brief_cache.as_deref().map(|c| c.with_file_name("pictures"));
            let generations = Arc::clone(&self.generations);
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
            self.pending.push(std::thread::spawn(move || {
                // An editor saves again and again: typeset only once the
                // saves pause, so superseded briefs cost nothing.
                std::thread::sleep(BRIEF_SETTLE);
                if !current() {
                    return Ok(None);
                }
                let pictures =
                    |name: &str| crate::render::pictures::print_bytes(&printable, name, picture_cache.as_deref());
                let pdf = theme.brief_pdf(&data, &ident, crate::render::pdf::Conformance::Archival, &pictures)?;
                // Checked and written under the lock, so a later job or a
                // full build cannot start in between.
                let all = generations.lock().map_err(|_| "typesetting failed".to_string())?;
                if all.get(&path) != Some(&generation) {
                    return Ok(None);
                }
                write_in_place(&output, &path, &pdf).map_err(|e| e.to_string())?;
                Ok(Some(path))
            }));
        }
        Some(written)
    }

    /// After an edit of a session of forum `year` that listings show:
    /// renders every page that lists sessions or shows that forum's, and
    /// writes those whose bytes changed. Returns how many files were
    /// written.
    fn rewrite_listings(&self, year: u32) -> Option<usize> {
        use rayon::prelude::*;
        let state = self.state.as_ref()?;
        let t = crate::Timer::start();
        let contexts = state.contexts();
        let output = &self.output;
        let dirty: Vec<&crate::plan::PlannedPage> =
            state.plan.pages.iter().filter(|p| lists_session_of(&state.linked.model, p.kind, year)).collect();
        let written = dirty
            .par_iter()
            .map(|page| {
                let bytes = state.render_page(&contexts, page).map_err(|_| ())?;
                if std::fs::read(output.join(&page.path)).is_ok_and(|old| old == bytes) {
                    return Ok(0);
                }
                write_in_place(output, &page.path, &bytes).map_err(|_| ())?;
                Ok(1)
            })
            .collect::<Result<Vec<usize>, ()>>()
            .ok()?
            .into_iter()
            .sum();
        t.lap("edit: listings");
        Some(written)
    }
}

/// Whether page `kind` shows something of a session of forum `year` that
/// listings show (its title, date, time or tags): the session pages of that
/// forum (their neighbours' titles), its forum's pages, every listing by
/// action line, goal and year, the home page, the feed, the matrix, the
/// sitemap and the matrix's open data. The forum's briefs are written with
/// every edit, the PDF first.
fn lists_session_of(m: &crate::model::Model, kind: PageKind, year: u32) -> bool {
    use crate::plan::Listing;
    let same_forum = |f: usize| m.forums.get(f).is_some_and(|f| f.year == year);
    match kind {
        PageKind::Session(j) => m.sessions[j].year == year,
        PageKind::Forum(f) | PageKind::ListingPage(Listing::Forum(f), _) => same_forum(f),
        // Of the open data, the sessions (written with the edit anyway) and
        // the matrix's counts.
        PageKind::Data(file) => file == crate::data_files::DataFile::Matrix,
        PageKind::Brief(_) | PageKind::BriefPdf(_) | PageKind::Search | PageKind::Languages | PageKind::NotFound => {
            false
        }
        PageKind::Ungis(_) | PageKind::Roadmap(_) | PageKind::Page(_) => false,
        _ => true,
    }
}

/// Where `entity` sits in the model (the document from the same file).
fn item_of(m: &crate::model::Model, entity: &Entity) -> Option<Item> {
    match entity {
        Entity::Session(new) => m.sessions.iter().position(|s| s.file == new.file).map(Item::Session),
        Entity::Ungis(new) => m.ungis.iter().position(|u| u.file == new.file).map(Item::Ungis),
        Entity::Page(new) => m.pages.iter().position(|p| p.file == new.file).map(Item::Page),
        Entity::Roadmap(new) => m.roadmaps.iter().position(|r| r.file == new.file).map(Item::Roadmap),
        Entity::Forum(new) => m.forums.iter().position(|f| f.file == new.file).map(Item::Forum),
    }
}

/// Puts `entity` at `item` (where `item_of` found it).
fn put(m: &mut crate::model::Model, item: Item, entity: Entity) {
    match (item, entity) {
        (Item::Session(i), Entity::Session(new)) => m.sessions[i] = new,
        (Item::Ungis(i), Entity::Ungis(new)) => m.ungis[i] = new,
        (Item::Page(i), Entity::Page(new)) => m.pages[i] = new,
        (Item::Roadmap(i), Entity::Roadmap(new)) => m.roadmaps[i] = new,
        (Item::Forum(i), Entity::Forum(new)) => m.forums[i] = *new,
        _ => {}
    }
}

fn page_kind(item: Item) -> PageKind {
    match item {
        Item::Session(i) => PageKind::Session(i),
        Item::Ungis(i) => PageKind::Ungis(i),
        Item::Roadmap(i) => PageKind::Roadmap(i),
        Item::Page(i) => PageKind::Page(i),
        Item::Forum(i) => PageKind::Forum(i),
    }
}

fn data_file(item: Item) -> crate::data_files::DataFile {
    use crate::data_files::DataFile;
    match item {
        Item::Session(_) => DataFile::Sessions,
        Item::Ungis(_) => DataFile::Ungis,
        Item::Roadmap(_) => DataFile::Roadmaps,
        Item::Page(_) => DataFile::Pages,
        Item::Forum(_) => DataFile::Forums,
    }
}

/// A finished background job: the path it wrote, why it failed, or
/// nothing when it was superseded.
fn joined(job: std::thread::JoinHandle<Result<Option<String>, String>>) -> Option<Result<String, String>> {
    match job.join() {
        Ok(Ok(written)) => written.map(Ok),
        Ok(Err(e)) => Some(Err(e)),
        Err(_) => Some(Err("typesetting a PDF brief failed".into())),
    }
}

fn has_errors(diags: &[Diagnostic]) -> bool {
    diags.iter().any(|d| d.severity == crate::diagnostics::Severity::Error)
}

/// An edit re-typesets its forum's PDF brief at once when the forum has at
/// most this many sessions (about 60 pages, a few tenths of a second); a
/// larger brief is typeset in the background.
const QUICK_PDF_SESSIONS: usize = 60;

/// How long a large brief waits for the saves to pause before it is
/// typeset in the background.
const BRIEF_SETTLE: Duration = Duration::from_millis(700);

enum Quick {
    /// Pages written, and the warnings of the edited file.
    Done(usize, Vec<Diagnostic>),
    Failed(Vec<Diagnostic>),
    /// The fast path does not apply; why, for the serve log.
    NotApplicable(&'static str),
}

/// Renders the body of `item` again; returns its headings and problems.
fn rerender(
    model: &mut crate::model::Model,
    headings: &std::collections::HashMap<String, Vec<crate::markdown::Heading>>,
    item: Item,
    page_path: &str,
) -> (Vec<crate::markdown::Heading>, Vec<Diagnostic>) {
    let (mut body, file) = match item {
        Item::Session(i) => (std::mem::take(&mut model.sessions[i].body), model.sessions[i].file),
        Item::Ungis(i) => (std::mem::take(&mut model.ungis[i].body), model.ungis[i].file),
        Item::Page(i) => (std::mem::take(&mut model.pages[i].body), model.pages[i].file),
        Item::Forum(i) => (std::mem::take(&mut model.forums[i].body), model.forums[i].file),
        Item::Roadmap(i) => (std::mem::take(&mut model.roadmaps[i].body), model.roadmaps[i].file),
    };
    let result = crate::link::rerender_body(model, headings, &mut body, file, page_path);
    match item {
        Item::Session(i) => model.sessions[i].body = body,
        Item::Ungis(i) => model.ungis[i].body = body,
        Item::Page(i) => model.pages[i].body = body,
        Item::Forum(i) => model.forums[i].body = body,
        Item::Roadmap(i) => model.roadmaps[i].body = body,
    }
    result
}

/// Removes the search index's shards (`search/terms-*.js`,
/// `search/docs-*.js`) that an edit emptied: what the index is now is
/// `files`, and a fresh build would not have the others.
fn remove_stale_search_files(output: &Path, files: &[(String, String)]) {
    let current: std::collections::HashSet<&str> = files.iter().map(|(rel, _)| rel.as_str()).collect();
    let Ok(entries) = std::fs::read_dir(output.join("search")) else { return };
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
fn write_in_place(output: &Path, rel: &str, bytes: &[u8]) -> std::io::Result<()> {
    let target = output.join(rel);
    let mut tmp = target.clone().into_os_string();
    tmp.push(".wsis-tmp");
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, &target)
}
