//! The driver: checks the content (load, validate, link), prepares a build
//! (theme, model, plan), and runs it; where its caches live and which
//! output folders it may write. Writing the site is `site.rs`.

use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::timing::{timed, Timer};
use crate::{diagnostics, link, load, model, plan, render, source, validate, write, ThemeError};
use crate::{staging_failed, BuildError, BuildOptions, BuildReport, Checked};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

mod site;

use site::drop_in_background;
pub use site::write_site;
pub(crate) use site::write_site_keeping;

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
    // The site's lint levels and the documents' allowances.
    let lints = linked.model.site.as_ref().map(|s| s.lints.as_slice()).unwrap_or_default();
    let mut all = validate::lints::apply(&linked.model.allowances, lints, diags.into_sorted(), true);
    diagnostics::sort(&mut all);
    if all.iter().any(|d| d.severity == diagnostics::Severity::Error) {
        Err(all)
    } else {
        Ok(Checked { linked, warnings: all })
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
    /// The site's translations, each laid over its original in its
    /// language's view already: kept for `serve`, which lays an edited one
    /// anew; a build lets them go with the sources.
    pub translations: Vec<model::Translation>,
    /// With views made in turn (`plan::Views::InTurn`), each language's
    /// translations (by language), until its view is made of them.
    awaiting: std::sync::Mutex<Vec<Vec<model::Translation>>>,
}

impl Prepared {
    /// Renders one planned page; `contexts` are its language's.
    pub fn render_page(&self, contexts: &plan::Contexts, page: &plan::PlannedPage) -> Result<Vec<u8>, String> {
        let what = || match page.kind {
            plan::PageKind::Data(_) => "open data",
            plan::PageKind::BriefPdf(_) => "PDF briefs",
            kind => kind.template().unwrap_or("?"),
        };
        timed(what, || self.render_page_now(contexts, page))
    }

    fn render_page_now(&self, contexts: &plan::Contexts, page: &plan::PlannedPage) -> Result<Vec<u8>, String> {
        match page.kind {
            plan::PageKind::Data(file) => Ok(render::data::render(contexts.linked(), file).into_bytes()),
            plan::PageKind::BriefPdf(i) => {
                let conformance = self.brief_conformance(i);
                let ident = self.brief_ident(i, page.lang);
                let printable = render::pictures::printable(&self.linked.model);
                let cache = self.theme.brief_cache.as_deref().map(|c| c.with_file_name("pictures"));
                let pictures = |name: &str| render::pictures::print_bytes(&printable, name, cache.as_deref());
                self.theme.brief_pdf(&contexts.brief(i, true), &ident, conformance, &pictures)
            }
            kind => {
                let template = kind.template().ok_or_else(|| format!("{}: no template renders it", page.path))?;
                self.theme.render(template, &page.path, contexts.context(page), page.lang)
            }
        }
    }

    /// Writes an open-data file into `file` as it is serialised (buffered),
    /// so that sessions.json is never whole in memory.
    fn write_data(contexts: &plan::Contexts, data: render::data::DataFile, file: std::fs::File) -> std::io::Result<()> {
        timed(
            || "open data",
            || {
                let mut out = std::io::BufWriter::with_capacity(1 << 16, file);
                render::data::write(contexts.linked(), data, &mut out)?;
                out.into_inner().map(drop).map_err(std::io::IntoInnerError::into_error)
            },
        )
    }

    /// Lets go what the pages no longer need once the content is checked:
    /// the translations (laid over their originals in each language's view
    /// already) and the files' texts, but where a body still holds its
    /// file's (a body is its file's text from its offset). Every language's
    /// model shares the one list of names. Freed on a thread of their own
    /// while the pages are written.
    pub fn release_sources(&mut self) {
        drop_in_background(std::mem::take(&mut self.translations));
        let names: Vec<source::SourceFile> = self.linked.model.files.par_iter().map(|f| f.names_only()).collect();
        let names = std::sync::Arc::new(names);
        let mut texts = vec![std::mem::replace(&mut self.linked.model.files, std::sync::Arc::clone(&names))];
        for language in &mut self.languages {
            if let Some(view) = language.view.as_mut() {
                texts.push(std::mem::replace(&mut view.model.files, std::sync::Arc::clone(&names)));
            }
        }
        drop_in_background(texts);
    }

    /// What forum `forum`'s PDF briefs claim: no standard when its sources
    /// hold a character no font has.
    pub fn brief_conformance(&self, forum: usize) -> render::pdf::Conformance {
        match self.plain_briefs.contains(&self.linked.model.forums[forum].year) {
            true => render::pdf::Conformance::Plain,
            false => render::pdf::Conformance::Archival,
        }
    }

    /// The identifier of a forum's PDF brief in language `lang`, which its
    /// PDF's metadata and tags carry.
    pub fn brief_ident(&self, forum: usize, lang: usize) -> String {
        let year = self.linked.model.forums[forum].year;
        match lang {
            0 => format!("wsis-brief-{year}"),
            _ => format!("wsis-brief-{year}-{}", self.languages[lang].code),
        }
    }

    /// The page-context builders, one a language (each on its language's
    /// view: made already unless views are made in turn).
    pub fn contexts(&self) -> Vec<plan::Contexts<'_>> {
        (0..self.languages.len()).map(|i| self.contexts_on(self.languages[i].linked(&self.linked), i)).collect()
    }

    /// The page-context builder of language `lang` on its view `view`.
    pub fn contexts_on<'a>(&'a self, view: &'a link::Linked, lang: usize) -> plan::Contexts<'a> {
        plan::Contexts::new(view, &self.site, &self.plan, &self.languages, lang)
    }

    /// Whether the languages' views are made as their pages are written.
    pub fn views_in_turn(&self) -> bool {
        !self.awaiting.lock().unwrap_or_else(std::sync::PoisonError::into_inner).is_empty()
    }

    /// Makes language `lang`'s view of the model of its translations, when
    /// views are made in turn (the translations are let go, the view now
    /// holding what of them its pages show); `None` if the language already
    /// has its view, or shows the linked model itself.
    pub fn make_view(&self, lang: usize) -> Option<link::Linked> {
        let translations = {
            let mut awaiting = self.awaiting.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            std::mem::take(awaiting.get_mut(lang)?)
        };
        let language = &self.languages[lang];
        if language.view.is_some() || language.prefix.is_empty() {
            return None;
        }
        Some(link::localize::view(&self.linked, &translations, &self.site, lang, &language.coverage))
    }
}

/// Loads the theme, checks and links the content, and plans the output,
/// with every language's view made.
pub fn prepare(opts: &BuildOptions) -> Result<Prepared, BuildError> {
    prepare_with(opts, plan::Views::AtOnce)
}

/// [`prepare`], with the languages' views made when `views` says.
pub fn prepare_with(opts: &BuildOptions, views: plan::Views) -> Result<Prepared, BuildError> {
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
        let lints = linked.model.site.as_ref().map(|s| s.lints.as_slice()).unwrap_or_default();
        let found = validate::lints::apply(&linked.model.allowances, lints, coverage.warnings, false);
        // A glyph warning the site denies fails the build like any error.
        let denied = found.iter().any(|d| d.severity == diagnostics::Severity::Error);
        warnings.extend(found);
        plain_briefs = coverage.plain_briefs;
        diagnostics::sort(&mut warnings);
        if denied {
            return Err(BuildError::Content(warnings));
        }
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
    let languages =
        plan::languages(strings, &linked, &translations, &site, views).map_err(|e| BuildError::Theme(e.into()))?;
    theme.speak(&languages.iter().map(|l| l.strings.clone()).collect::<Vec<_>>());
    t.lap("languages");
    let plan = plan::plan(&linked, &site, opts.pdf);
    t.lap("plan");
    let theme = std::sync::Arc::new(theme);
    let (translations, awaiting) = match views {
        plan::Views::AtOnce => (translations, Vec::new()),
        plan::Views::InTurn => {
            let mut by_language: Vec<Vec<model::Translation>> = site.languages.iter().map(|_| Vec::new()).collect();
            for t in translations {
                if let Some(i) = site.languages.iter().position(|l| l.code == t.lang) {
                    by_language[i].push(t);
                }
            }
            (Vec::new(), by_language)
        }
    };
    let awaiting = std::sync::Mutex::new(awaiting);
    Ok(Prepared { theme, linked, warnings, site, plan, languages, plain_briefs, translations, awaiting })
}

/// The whole pipeline.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    // A refused output is said at once, before the content is read.
    if let Some(output) = &opts.output {
        let real = vet_output(output, opts, opts.theme_folder().ok().flatten().as_deref())?;
        write::recover(&real).map_err(|e| staging_failed(e, &real))?;
    }
    let started = Instant::now();
    // A build that writes no PDF brief makes each language's view as it
    // writes that language's pages, and lets it go after them; briefs take
    // turns across languages, and a check renders every page at once.
    let views = match opts.output.is_some() && !opts.pdf {
        true => plan::Views::InTurn,
        false => plan::Views::AtOnce,
    };
    let mut prepared = prepare_with(opts, views)?;
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
                .try_for_each(|p| prepared.render_page(&contexts[p.lang], p).map(|_| ()))
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
