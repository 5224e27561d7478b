//! wsis: a static-site generator for WSIS Forum outcome documents.
//!
//! The data flows one way, one module a stage:
//! `load` (files -> text with positions) -> `validate` (typed model and
//! every diagnostic) -> `link` (references, bodies, indexes) -> `plan`
//! (every output file as data) -> `render` (templates, in parallel) ->
//! `write` (staged, then swapped in).

use crate::diagnostics::Code;
pub mod chart;
pub mod data_files;
pub mod date;
pub mod diagnostics;
pub mod format;
pub mod incremental;
pub mod language;
pub mod link;
pub mod load;
pub mod locale;
pub mod markdown;
pub mod model;
pub mod pictures;
pub mod plan;
pub mod plurals;
mod progress;
pub mod render;
pub mod scaffold;
pub mod source;
pub mod translations;
pub mod urls;
pub mod validate;
pub mod vocabulary;
pub mod write;

use diagnostics::{Diagnostic, Diagnostics};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What to build from where.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub content: PathBuf,
    /// A theme folder laid over the built-in theme (`--theme`); `None`
    /// looks for the one `site.yaml` names, or `themes/default/` beside
    /// the content, and else uses the built-in theme alone.
    pub theme: Option<PathBuf>,
    /// Overrides `site.yaml`'s `base_url` for this build (`--base-url`).
    pub base_url: Option<String>,
    /// `None` checks the content without writing anything.
    pub output: Option<PathBuf>,
    /// Build documents marked `draft: true` too.
    pub drafts: bool,
    /// Treat warnings as errors.
    pub deny_warnings: bool,
    /// Show a progress line while rendering (on a terminal, outside CI).
    pub progress: bool,
    /// Typeset the PDF briefs (on by default; `--no-pdf` skips them).
    pub pdf: bool,
    /// Replace an output folder that wsis did not make (`--force`).
    pub force: bool,
}

impl BuildOptions {
    /// Options to build `content` into `output` (or only check it) with
    /// the theme found as `theme` says.
    pub fn new(content: PathBuf, theme: Option<PathBuf>, output: Option<PathBuf>) -> Self {
        BuildOptions {
            content,
            theme,
            base_url: None,
            output,
            drafts: false,
            deny_warnings: false,
            progress: false,
            pdf: true,
            force: false,
        }
    }

    /// The theme folder this build lays over the built-in theme, if any.
    pub fn theme_folder(&self) -> Result<Option<PathBuf>, BuildError> {
        load::theme::choose(&self.content, self.theme.as_deref()).map_err(|d| BuildError::Content(vec![*d]))
    }
}

/// A model that passed every check, with the warnings found on the way.
#[derive(Debug)]
pub struct Checked {
    pub linked: link::Linked,
    pub warnings: Vec<Diagnostic>,
}

/// What a successful run did.
#[derive(Debug)]
pub struct BuildReport {
    /// Legal but probably mistaken content, reported but not failing.
    pub warnings: Vec<Diagnostic>,
    pub pages: usize,
    pub copied: usize,
    pub elapsed: Duration,
}

/// Why a run failed. Content mistakes are diagnostics for editors; the
/// others keep the error they came from, for the message and for tools.
#[derive(Debug)]
pub enum BuildError {
    /// Mistakes in the content, sorted, all of them.
    Content(Vec<Diagnostic>),
    /// A theme file is wrong: a template, the brief template, a font.
    Theme(ThemeError),
    /// A file or folder could not be read or written.
    Io { doing: &'static str, path: PathBuf, source: std::io::Error },
    /// The folders given cannot work together (an output that holds the
    /// content, say).
    Folders(String),
}

/// A mistake in the theme, as its engine (tera, typst) describes it, with
/// the theme file and place in front.
#[derive(Debug)]
pub struct ThemeError {
    pub message: String,
}

impl From<String> for ThemeError {
    fn from(message: String) -> Self {
        ThemeError { message }
    }
}

impl std::fmt::Display for ThemeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ThemeError {}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BuildError::Content(diags) => f.write_str(&diagnostics::summary_line(diags)),
            BuildError::Theme(e) => write!(f, "theme: {e}"),
            BuildError::Io { doing, path, source } => write!(f, "{doing} {}: {source}", path.display()),
            BuildError::Folders(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for BuildError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            BuildError::Theme(e) => Some(e),
            BuildError::Io { source, .. } => Some(source),
            BuildError::Content(_) | BuildError::Folders(_) => None,
        }
    }
}

/// Runs load, validate and link; returns the linked model or every
/// diagnostic of the run.
pub fn check(content: &Path, drafts: bool) -> Result<Checked, Vec<Diagnostic>> {
    let mut diags = Diagnostics::new();
    let t = Timer::start();
    let loaded = load::load(content, &mut diags);
    t.lap("load");
    let model = validate::validate(loaded, drafts, &mut diags);
    t.lap("validate");
    let linked = link::link(model, &mut diags);
    t.lap("link");
    if diags.has_errors() {
        Err(diags.into_sorted())
    } else {
        Ok(Checked { linked, warnings: diags.into_sorted() })
    }
}

/// Everything a build knows before it writes: the theme, the checked and
/// linked model, and the plan.
pub struct Prepared {
    /// Shared with the threads that re-typeset a brief in the background
    /// (`serve`).
    pub theme: std::sync::Arc<render::Theme>,
    pub linked: link::Linked,
    pub warnings: Vec<Diagnostic>,
    pub site: model::SiteConfig,
    pub plan: plan::Plan,
    /// Every language of the site, the default first, with the model as it
    /// shows it.
    pub languages: Vec<plan::Language>,
    /// Forums (by year) whose PDF brief has a character no font has, so it
    /// is written without the PDF/A and PDF/UA claims.
    pub plain_briefs: std::collections::BTreeSet<u32>,
}

impl Prepared {
    /// Renders one planned page; `contexts` holds one builder a language.
    pub fn render_page(&self, contexts: &[plan::Contexts], page: &plan::PlannedPage) -> Result<Vec<u8>, String> {
        let what = || match page.kind {
            plan::PageKind::Data(_) => "open data",
            plan::PageKind::BriefPdf(_) => "PDF briefs",
            kind => kind.template().unwrap_or("?"),
        };
        timed(what, || self.render_page_now(contexts, page))
    }

    fn render_page_now(&self, contexts: &[plan::Contexts], page: &plan::PlannedPage) -> Result<Vec<u8>, String> {
        let language = &self.languages[page.lang];
        let contexts = &contexts[page.lang];
        match page.kind {
            plan::PageKind::Data(file) => Ok(render::data::render(language.linked(&self.linked), file).into_bytes()),
            plan::PageKind::BriefPdf(i) => {
                let year = self.linked.model.forums[i].year;
                let conformance = if self.plain_briefs.contains(&year) {
                    render::pdf::Conformance::Plain
                } else {
                    render::pdf::Conformance::Archival
                };
                let ident = if page.lang == 0 {
                    format!("wsis-brief-{year}")
                } else {
                    format!("wsis-brief-{year}-{}", language.code)
                };
                let printable = render::pictures::printable(&self.linked.model);
                let cache = self.theme.brief_cache.as_deref().map(|c| c.with_file_name("pictures"));
                let pictures = |name: &str| render::pictures::print_bytes(&printable, name, cache.as_deref());
                self.theme.brief_pdf(&contexts.brief(i, true), &ident, conformance, &pictures)
            }
            kind => {
                let template = kind.template().ok_or_else(|| format!("{}: no template renders it", page.path))?;
                self.theme.render(template, &page.path, contexts.context(page), page.lang).map(String::into_bytes)
            }
        }
    }

    /// Writes an open-data file into `file` as it is serialised (buffered),
    /// so that sessions.json is never whole in memory.
    fn write_data(
        &self,
        page: &plan::PlannedPage,
        data: render::data::DataFile,
        file: std::fs::File,
    ) -> std::io::Result<()> {
        timed(
            || "open data",
            || {
                let mut out = std::io::BufWriter::with_capacity(1 << 16, file);
                render::data::write(self.languages[page.lang].linked(&self.linked), data, &mut out)?;
                out.into_inner().map(drop).map_err(std::io::IntoInnerError::into_error)
            },
        )
    }

    /// Lets the sources' texts go (a tenth of a large site's memory): once
    /// checked, the pages need only their paths. Every language's model
    /// shares the one smaller list. The texts are freed on a thread of
    /// their own while the pages are written.
    pub fn release_sources(&mut self) {
        let names: Vec<source::SourceFile> = self.linked.model.files.par_iter().map(|f| f.names_only()).collect();
        let names = std::sync::Arc::new(names);
        let mut texts = vec![std::mem::replace(&mut self.linked.model.files, std::sync::Arc::clone(&names))];
        for language in &mut self.languages {
            if let Some(view) = language.view.as_mut() {
                texts.push(std::mem::replace(&mut view.linked.model.files, std::sync::Arc::clone(&names)));
            }
        }
        drop_in_background(texts);
    }

    /// The page-context builders, one a language.
    pub fn contexts(&self) -> Vec<plan::Contexts<'_>> {
        (0..self.languages.len())
            .map(|i| plan::Contexts::new(&self.linked, &self.site, &self.plan, &self.languages, i))
            .collect()
    }
}

/// Loads the theme, checks and links the content, and plans the output.
pub fn prepare(opts: &BuildOptions) -> Result<Prepared, BuildError> {
    // The theme (templates, and the briefs' fonts) loads while the
    // content is checked.
    let theme_folder = opts.theme_folder()?;
    let (theme, checked) = rayon::join(
        || -> Result<render::Theme, String> {
            let theme = render::Theme::load(load::theme::ThemeFiles::load(theme_folder.as_deref())?)?;
            if opts.pdf {
                theme.load_fonts();
            }
            Ok(theme)
        },
        || check(&opts.content, opts.drafts),
    );
    let mut theme = theme.map_err(|e| BuildError::Theme(ThemeError::from(e)))?;
    theme.brief_cache = opts.output.as_deref().map(brief_cache_dir);
    let Checked { mut linked, mut warnings } = checked.map_err(BuildError::Content)?;
    let mut plain_briefs = std::collections::BTreeSet::new();
    if opts.pdf {
        let coverage = theme.missing_glyphs(&linked);
        warnings.extend(coverage.warnings);
        plain_briefs = coverage.plain_briefs;
        diagnostics::sort(&mut warnings);
        let too_large = link::brief_size::check(&linked.model, &linked.index.sessions_by_year);
        if !too_large.is_empty() {
            warnings.extend(too_large);
            diagnostics::sort(&mut warnings);
            return Err(BuildError::Content(warnings));
        }
    }
    if opts.deny_warnings && !warnings.is_empty() {
        return Err(BuildError::Content(warnings));
    }
    let Some(mut site) = linked.model.site.clone() else {
        let missing = Diagnostic::at_path(
            &format!("{}/site.yaml", opts.content.file_name().map_or("content".into(), |n| n.to_string_lossy())),
            Code::MissingFile,
            "`site.yaml` did not load".into(),
        );
        return Err(BuildError::Content(vec![missing]));
    };
    if let Some(url) = &opts.base_url {
        site.base_url = Some(if url.ends_with('/') { url.clone() } else { format!("{url}/") });
    }
    let t = Timer::start();
    // The translations are laid over each language's view; the default
    // language's model does not carry them further.
    let translations = std::mem::take(&mut linked.model.translations);
    let codes: Vec<String> = site.languages.iter().map(|l| l.code.clone()).collect();
    let strings = theme.strings(&codes).map_err(|e| BuildError::Theme(e.into()))?;
    let languages = plan::languages(strings, &linked, &translations, &site).map_err(|e| BuildError::Theme(e.into()))?;
    drop(translations);
    theme.speak(&languages.iter().map(|l| l.strings.clone()).collect::<Vec<_>>());
    t.lap("languages");
    let plan = plan::plan(&linked, &site, opts.pdf);
    t.lap("plan");
    Ok(Prepared { theme: std::sync::Arc::new(theme), linked, warnings, site, plan, languages, plain_briefs })
}

/// The whole pipeline.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    // A refused output is said at once, before the content is read.
    if let Some(output) = &opts.output {
        let real = vet_output(output, opts, opts.theme_folder().ok().flatten().as_deref())?;
        write::recover(&real).map_err(|e| staging_failed(e, &real))?;
    }
    let started = Instant::now();
    let mut prepared = prepare(opts)?;
    prepared.release_sources();
    let mut report = match &opts.output {
        Some(output) => write_site(&prepared, opts, output)?,
        None => {
            // A check renders every template page too, so a theme mistake
            // is found. It skips what cannot hold a content mistake and costs
            // the most: the open-data files and typesetting the PDF briefs
            // (a brief.typ mistake is reported by `build`).
            let contexts = prepared.contexts();
            let checked =
                |p: &&plan::PlannedPage| !matches!(p.kind, plan::PageKind::Data(_) | plan::PageKind::BriefPdf(_));
            prepared
                .plan
                .pages
                .par_iter()
                .filter(checked)
                .try_for_each(|p| prepared.render_page(&contexts, p).map(|_| ()))
                .map_err(|e| BuildError::Theme(e.into()))?;
            BuildReport { warnings: Vec::new(), pages: prepared.plan.pages.len(), copied: 0, elapsed: Duration::ZERO }
        }
    };
    report.warnings = std::mem::take(&mut prepared.warnings);
    report.elapsed = started.elapsed();
    // Freeing a large site's model takes tens of milliseconds that the
    // caller need not wait for (the command line exits straight after).
    drop_in_background(prepared);
    Ok(report)
}

/// Frees `value` on a thread of its own, so nobody waits for it. When the
/// system gives no thread, the failed spawn frees it here instead of
/// panicking as `std::thread::spawn` would.
fn drop_in_background<T: Send + 'static>(value: T) {
    let _ = std::thread::Builder::new().spawn(move || drop(value));
}

/// Renders every planned page into a staging folder and swaps it in.
pub fn write_site(prepared: &Prepared, opts: &BuildOptions, output: &Path) -> Result<BuildReport, BuildError> {
    let started = Instant::now();
    let t = Timer::start();
    let planned = &prepared.plan;
    let contexts = prepared.contexts();
    let output = &vet_output(output, opts, prepared.theme.files().dir.as_deref())?;
    let assets: Vec<(String, &[u8])> =
        prepared.theme.files().under("assets").map(|(rel, f)| (format!("assets/{rel}"), f.bytes.as_ref())).collect();
    let io = |source: std::io::Error| BuildError::Io { doing: "writing", path: output.to_path_buf(), source };
    let model = &prepared.linked.model;
    let picture_cache = opts.output.as_deref().map(picture_cache_dir);
    let web_pictures = render::pictures::web_copies(&model.statics, &model.pictures, picture_cache.as_deref());
    let staging = write::Staging::new(output).map_err(|e| staging_failed(e, output))?;
    let search_metas: Vec<String> = prepared.languages.iter().map(|l| format!("{}search/meta.js", l.prefix)).collect();
    let font_sheets: Vec<String> =
        prepared.languages.iter().map(|l| render::webfonts::stylesheet_path(&l.code)).collect();
    // The characters each language's pages use that need a web font.
    let font_chars: Vec<render::webfonts::UsedChars> = prepared.languages.iter().map(|_| Default::default()).collect();
    let done = std::sync::atomic::AtomicUsize::new(0);
    let finished = std::sync::atomic::AtomicBool::new(false);
    let result = std::thread::scope(|scope| {
        if opts.progress {
            scope.spawn(|| progress::show(&done, planned.pages.len(), &finished));
        }
        let result = (|| {
            let render_write = |page: &&plan::PlannedPage| {
                if let plan::PageKind::Data(data) = page.kind {
                    prepared.write_data(page, data, staging.create(&page.path).map_err(io)?).map_err(io)?;
                } else {
                    let bytes = prepared.render_page(&contexts, page).map_err(|e| BuildError::Theme(e.into()))?;
                    if let Some(used) = font_chars.get(page.lang).filter(|_| page.path.ends_with(".html")) {
                        used.add(&bytes);
                    }
                    staging.write(&page.path, &bytes).map_err(io)?;
                }
                done.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                Ok(())
            };
            // A PDF brief takes seconds where a page takes microseconds, and
            // typst parallelises inside with rayon: typeset on rayon's own
            // threads, a brief waiting for its inner work would steal and
            // run other whole briefs, holding every document in memory at
            // once. So the briefs get their own threads, one a core (at
            // most MAX_BRIEF_WORKERS), and the pages and the search index
            // (which needs every document) fill rayon's pool around them.
            // The largest pages (open data, HTML briefs, feed, sitemap) go
            // first so that none of them is left to run alone at the end.
            let (costly, mut quick): (Vec<_>, Vec<_>) = planned.pages.iter().partition(|p| p.kind.is_costly());
            quick.sort_by_key(|p| !p.kind.is_large());
            let queue = WorkQueue::new(&costly);
            let (briefs, pages, search) = std::thread::scope(|scope| {
                let ((workers, pages), search) = rayon::join(
                    || {
                        // The search index is worked out meanwhile.
                        let made = staging
                            .make_dirs(
                                planned
                                    .pages
                                    .iter()
                                    .map(|p| p.path.as_str())
                                    .chain(planned.copies.iter().map(|c| c.1.as_str()))
                                    .chain(assets.iter().map(|a| a.0.as_str()))
                                    .chain(web_pictures.iter().map(|a| a.0.as_str()))
                                    .chain(search_metas.iter().map(String::as_str))
                                    .chain(font_sheets.iter().map(String::as_str)),
                            )
                            .map_err(io);
                        if let Err(e) = made {
                            return (Vec::new(), Err(e));
                        }
                        let workers: Vec<_> =
                            (0..rayon::current_num_threads().min(MAX_BRIEF_WORKERS).min(costly.len()))
                                .map(|_| scope.spawn(|| queue.run(render_write)))
                                .collect();
                        // Split into runs of at most PAGES_A_TASK pages, so a
                        // core that runs out of pages can take some from the
                        // other to the very end (rayon's own splitting left
                        // one core alone on hundreds of pages at the end).
                        (workers, quick.par_iter().with_max_len(PAGES_A_TASK).try_for_each(render_write))
                    },
                    || {
                        // One index a language, beside its search page.
                        let per_language: Vec<Vec<(String, String)>> = prepared
                            .languages
                            .par_iter()
                            .map(|lang| {
                                let files = render::search::index_files(lang.linked(&prepared.linked), &lang.strings);
                                files.into_iter().map(|(rel, text)| (format!("{}{rel}", lang.prefix), text)).collect()
                            })
                            .collect();
                        per_language.into_iter().flatten().collect::<Vec<_>>()
                    },
                );
                // Waited for here, not on a thread of rayon's pool: typst
                // needs the pool while it typesets.
                let briefs = workers.into_iter().try_for_each(|w| {
                    w.join()
                        .unwrap_or_else(|_| Err(BuildError::Theme("typesetting a PDF brief failed".to_string().into())))
                });
                (briefs, pages, search)
            });
            briefs?;
            pages?;
            search.par_iter().try_for_each(|(rel, text)| staging.write(rel, text.as_bytes()).map_err(io))?;
            planned.copies.par_iter().try_for_each(|(from, rel)| {
                staging.copy(from, rel).map_err(|source| BuildError::Io {
                    doing: "copying",
                    path: from.clone(),
                    source,
                })
            })?;
            assets.par_iter().try_for_each(|(rel, bytes)| staging.write(rel, bytes).map_err(io))?;
            web_pictures.par_iter().try_for_each(|(rel, bytes)| staging.write(rel, bytes).map_err(io))?;
            font_sheets.par_iter().zip(&font_chars).try_for_each(|(rel, chars)| {
                let css = render::webfonts::stylesheet(prepared.theme.files(), &chars.chars())
                    .map_err(|e| BuildError::Theme(e.into()))?;
                staging.write(rel, css.as_bytes()).map_err(io)
            })?;
            Ok(planned.copies.len() + assets.len() + web_pictures.len())
        })();
        finished.store(true, std::sync::atomic::Ordering::Relaxed);
        result
    });
    t.lap("pages");
    if let Some(costs) = page_costs() {
        costs.print();
    }
    match result {
        Ok(copied) => {
            staging.commit().map_err(io)?;
            if let Some(cache) = &prepared.theme.brief_cache {
                render::pdf::prune_cache(cache);
            }
            t.lap("swap");
            Ok(BuildReport { warnings: Vec::new(), pages: planned.pages.len(), copied, elapsed: started.elapsed() })
        }
        Err(e) => {
            staging.abandon();
            Err(e)
        }
    }
}

/// At most this many pages are rendered one after another as one task of
/// rayon's: a quarter of a millisecond of work or so.
const PAGES_A_TASK: usize = 16;

/// At most this many briefs are typeset at once: typst holds a whole
/// document in memory while it works (about 700 MB for a brief of 550
/// pages), so a many-core machine must not start one per core.
const MAX_BRIEF_WORKERS: usize = 4;

/// Items handed out one at a time to several worker threads.
struct WorkQueue<'a, T> {
    items: &'a [T],
    next: std::sync::atomic::AtomicUsize,
}

impl<'a, T: Sync> WorkQueue<'a, T> {
    fn new(items: &'a [T]) -> Self {
        WorkQueue { items, next: std::sync::atomic::AtomicUsize::new(0) }
    }

    /// Runs `work` on each item no other worker took, until none is left
    /// or one fails; a failure stops the other workers too.
    fn run<E>(&self, work: impl Fn(&T) -> Result<(), E>) -> Result<(), E> {
        use std::sync::atomic::Ordering::Relaxed;
        while let Some(item) = self.items.get(self.next.fetch_add(1, Relaxed)) {
            if let Err(e) = work(item) {
                self.next.store(self.items.len(), Relaxed);
                return Err(e);
            }
        }
        Ok(())
    }
}

/// Prints how long each stage took when `WSIS_TIMINGS` is set: a tool
/// for the benchmark, silent otherwise.
pub(crate) struct Timer {
    start: std::cell::Cell<Instant>,
    cpu: std::cell::Cell<f64>,
    on: bool,
}

impl Timer {
    pub(crate) fn start() -> Timer {
        let on = std::env::var_os("WSIS_TIMINGS").is_some();
        let cpu = if on { cpu_ms() } else { 0.0 };
        Timer { start: std::cell::Cell::new(Instant::now()), cpu: std::cell::Cell::new(cpu), on }
    }

    pub(crate) fn lap(&self, stage: &str) {
        if self.on {
            let cpu = cpu_ms();
            eprintln!(
                "  {stage:<10} {:>8.1} ms {:>8.0} ms CPU {:>6} MB resident",
                self.start.get().elapsed().as_secs_f64() * 1000.0,
                cpu - self.cpu.get(),
                resident_mb().map_or("?".to_string(), |mb| mb.to_string())
            );
            self.cpu.set(cpu);
        }
        self.start.set(Instant::now());
    }
}

/// Time spent rendering pages, by template (and the open data and PDF
/// briefs): for `WSIS_TIMINGS`, which shows theme authors where a build's
/// time goes.
pub(crate) struct PageCosts(std::sync::Mutex<std::collections::BTreeMap<&'static str, (usize, Duration)>>);

impl PageCosts {
    fn add(&self, what: &'static str, took: Duration) {
        if let Ok(mut all) = self.0.lock() {
            let entry = all.entry(what).or_default();
            entry.0 += 1;
            entry.1 += took;
        }
    }

    /// Prints the costs, the largest first, and starts again.
    fn print(&self) {
        let Ok(mut all) = self.0.lock() else { return };
        let mut rows: Vec<(&str, (usize, Duration))> = std::mem::take(&mut *all).into_iter().collect();
        rows.sort_by_key(|row| std::cmp::Reverse(row.1 .1));
        for (what, (n, took)) in rows {
            let ms = took.as_secs_f64() * 1000.0;
            eprintln!("    {what:<18} {n:>7} pages {ms:>9.1} ms {:>8.3} ms a page", ms / n.max(1) as f64);
        }
    }
}

/// Runs `work`, adding its time to `what`'s when `WSIS_TIMINGS` is set
/// (neither the clock nor `what` is looked at otherwise).
fn timed<T>(what: impl FnOnce() -> &'static str, work: impl FnOnce() -> T) -> T {
    match page_costs() {
        Some(costs) => {
            let started = Instant::now();
            let result = work();
            costs.add(what(), started.elapsed());
            result
        }
        None => work(),
    }
}

/// The page costs being gathered, when `WSIS_TIMINGS` is set.
fn page_costs() -> Option<&'static PageCosts> {
    static COSTS: std::sync::OnceLock<Option<PageCosts>> = std::sync::OnceLock::new();
    COSTS
        .get_or_init(|| std::env::var_os("WSIS_TIMINGS").map(|_| PageCosts(std::sync::Mutex::new(Default::default()))))
        .as_ref()
}

/// The process's resident memory now, in MB, where the system says
/// (Linux's `/proc`): for `WSIS_TIMINGS`.
fn resident_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}

/// The CPU time the process has used so far (user and system, every
/// thread), in ms: for `WSIS_TIMINGS`, which shows how well a stage keeps
/// the cores busy. Zero where the system does not say.
fn cpu_ms() -> f64 {
    #[cfg(unix)]
    {
        // SAFETY: getrusage fills the zeroed struct it is given and nothing else.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) } == 0 {
            let ms = |t: libc::timeval| t.tv_sec as f64 * 1000.0 + t.tv_usec as f64 / 1000.0;
            return ms(usage.ru_utime) + ms(usage.ru_stime);
        }
    }
    0.0
}

/// Where typeset PDF briefs are cached: `.<output>.cache/briefs` beside
/// the output folder, so a rebuild reuses every brief whose data did not
/// change.
pub fn brief_cache_dir(output: &Path) -> PathBuf {
    let name = output.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "output".into());
    output.with_file_name(format!(".{name}.cache")).join("briefs")
}

/// Where the smaller copies of pictures are cached, beside the briefs'.
pub fn picture_cache_dir(output: &Path) -> PathBuf {
    brief_cache_dir(output).with_file_name("pictures")
}

/// Why the output could not be readied: busy with another build, or a
/// file-system error there.
fn staging_failed(e: write::StagingError, output: &Path) -> BuildError {
    match e {
        write::StagingError::Busy(message) => BuildError::Folders(message),
        write::StagingError::Io(source) => BuildError::Io { doing: "writing", path: output.to_path_buf(), source },
    }
}

/// The real folder a build writes for `output` (`..` and links resolved),
/// or why it must not: it would swallow the sources, a repository, or a
/// folder that wsis did not make (unless `force`).
pub fn vet_output(output: &Path, opts: &BuildOptions, theme: Option<&Path>) -> Result<PathBuf, BuildError> {
    let root = match opts.content.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let sources = write::target::Sources { root, content: &opts.content, theme };
    write::target::vet(output, &sources, opts.force).map_err(BuildError::Folders)
}
