//! Rebuilding after an edit, for `wsis serve`: watch the sources' stamps,
//! and when one document or translation changed, take it through the
//! stages again (`edit`) and write, in every language that shows it, what
//! it changed (`outputs`): its pages, and those that list it when a title,
//! date or tag of a session changed; when a theme's template or asset
//! changed, the pages of the templates that use it, and when the brief's
//! typst layout changed, every PDF brief in the background (`theme`). Any
//! other change (a new or removed file, site.yaml, the theme's strings or
//! fonts, a heading others may link to) runs a full build, staged and
//! swapped like `wsis build`.

mod edit;
mod outputs;
mod theme;

use crate::diagnostics::Diagnostic;
use crate::{prepare, BuildError, BuildOptions, Prepared};
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
    /// PDF briefs still being typeset in the background.
    pub typesetting: usize,
}

/// How many briefs typeset after it a brief's layouts outlive unused.
const BRIEF_LAYOUTS_KEPT: usize = 2;

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
    /// Held while a brief is typeset in the background: one at a time, so
    /// an edit of the briefs' layout does not typeset them all at once.
    typesetting: Arc<Mutex<()>>,
    /// The latest generation of each background brief, by output path: a
    /// job writes only if no later job or full build has started since.
    generations: Arc<Mutex<HashMap<String, u64>>>,
    /// Called once a quick rebuild has written the edited page, before the
    /// rest: `serve` tells the open pages to reload then.
    page_written: Option<Box<dyn Fn() + Send>>,
    /// Each language's search index, kept from the first quick rebuild
    /// after a full build that changes it, each edit updating its own.
    search: Vec<Option<crate::render::search::SearchDocs>>,
    /// A hash of each language's search files as last written, by path:
    /// an edit rewrites only the shards it changed.
    search_written: Vec<HashMap<String, u64>>,
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
            typesetting: Arc::default(),
            generations: Arc::new(Mutex::new(HashMap::new())),
            page_written: None,
            search: Vec::new(),
            search_written: Vec::new(),
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
        self.search = Vec::new();
        self.search_written.clear();
        let prepared = prepare(&self.opts)?;
        let (report, search) = crate::write_site_keeping(&prepared, &self.opts, &self.output, true)?;
        self.search = search.into_iter().map(Some).collect();
        let warnings = prepared.warnings.clone();
        // The full build let each brief's layouts go, as a build does (a
        // large site has hundreds of briefs); from now on, typst keeps the
        // layouts of the last two briefs edits typeset, so a brief edited
        // again is typeset from what did not change: a one-language site's,
        // or one language's brief when a translation is edited. Not the six
        // briefs an original's edit typesets on a six-language site: their
        // layouts took 770 MB more of serve's memory (1.25 GB against 0.48
        // at 1,000 sessions) for briefs typeset in the background anyway.
        prepared.theme.keep_brief_layouts(BRIEF_LAYOUTS_KEPT);
        self.state = Some(prepared);
        let (pages, elapsed) = (report.pages, started.elapsed());
        Ok(Rebuilt { pages, full: true, why_full: None, elapsed, warnings, typesetting: 0 })
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
                    let typesetting = self.pending.iter().filter(|job| !job.is_finished()).count();
                    let elapsed = started.elapsed();
                    return Ok(Rebuilt { pages, full: false, why_full: None, elapsed, warnings, typesetting });
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

    /// Takes the edit of `path` through the stages and writes what it
    /// changed, if the fast path can.
    fn try_quick(&mut self, path: &Path) -> Quick {
        let Some(state) = self.state.as_mut() else { return Quick::NotApplicable("the last build failed") };
        if !path.starts_with(&self.opts.content) {
            let Some(dir) = self.opts.theme_folder().ok().flatten() else {
                return Quick::NotApplicable("a file outside the content changed");
            };
            return match theme::apply(state, &dir, &self.output, path) {
                Ok(applied) => {
                    if applied.briefs && self.typeset_every_brief_later().is_none() {
                        return Quick::NotApplicable("a PDF brief could not be typeset in the background");
                    }
                    if let Some(call) = &self.page_written {
                        call();
                    }
                    Quick::Done(applied.written, Vec::new())
                }
                Err(quick) => quick,
            };
        }
        let edited = match edit::apply(state, &self.opts.content, path, self.opts.drafts, self.opts.pdf) {
            Ok(edited) => edited,
            Err(quick) => return quick,
        };
        match self.write_outputs(&edited) {
            Some(written) => Quick::Done(written, edited.warnings),
            None => Quick::NotApplicable("a page could not be written in place"),
        }
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

enum Quick {
    /// Pages written, and the warnings of the edited file.
    Done(usize, Vec<Diagnostic>),
    Failed(Vec<Diagnostic>),
    /// The fast path does not apply; why, for the serve log.
    NotApplicable(&'static str),
}
