//! Writing a prepared site: every planned page rendered in parallel into a
//! staging folder (PDF briefs on threads of their own), the static files,
//! assets, web fonts and pictures beside them, then the swap.

use super::{picture_cache_dir, Prepared};
use crate::timing::{page_costs, Timer};
use crate::{plan, progress, render, write};
use crate::{staging_failed, vet_output, BuildError, BuildOptions, BuildReport};
use rayon::prelude::*;
use std::path::Path;
use std::time::Instant;

/// Frees `value` on a thread of its own, so nobody waits for it. When the
/// system gives no thread, the failed spawn frees it here instead of
/// panicking as `std::thread::spawn` would.
pub(super) fn drop_in_background<T: Send + 'static>(value: T) {
    let _ = std::thread::Builder::new().spawn(move || drop(value));
}

/// Renders every planned page into a staging folder and swaps it in.
pub fn write_site(prepared: &Prepared, opts: &BuildOptions, output: &Path) -> Result<BuildReport, BuildError> {
    write_site_keeping(prepared, opts, output, false).map(|(report, _)| report)
}

/// As [`write_site`]; with `keep_search`, also each language's search
/// documents, which `serve` updates an edit at a time (a build lets them
/// go as soon as the index is written).
pub(crate) fn write_site_keeping(
    prepared: &Prepared,
    opts: &BuildOptions,
    output: &Path,
    keep_search: bool,
) -> Result<(BuildReport, Vec<render::search::SearchDocs>), BuildError> {
    let started = Instant::now();
    let t = Timer::start();
    let planned = &prepared.plan;
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
            let render_write = |contexts: &plan::Contexts, page: &plan::PlannedPage| {
                if let plan::PageKind::Data(data) = page.kind {
                    Prepared::write_data(contexts, data, staging.create(&page.path).map_err(io)?).map_err(io)?;
                } else {
                    let bytes = prepared.render_page(contexts, page).map_err(|e| BuildError::Theme(e.into()))?;
                    if let Some(used) = font_chars.get(page.lang).filter(|_| page.path.ends_with(".html")) {
                        used.add(&bytes);
                    }
                    staging.write(&page.path, &bytes).map_err(io)?;
                }
                done.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                Ok(())
            };
            let (costly, quick): (Vec<_>, Vec<_>) = planned.pages.iter().partition(|p| p.kind.is_costly());
            // A build whose languages' views are made in turn writes one
            // language at a time, its view let go after its pages; one that
            // typesets briefs, or keeps what serve needs, all at once.
            let languages = prepared.languages.len();
            let steps: Vec<Vec<usize>> = match costly.is_empty() && !keep_search && prepared.views_in_turn() {
                true => (0..languages).collect::<Vec<_>>().chunks(2).map(<[usize]>::to_vec).collect(),
                false => vec![(0..languages).collect()],
            };
            let make_views = |step: Option<&Vec<usize>>| -> Option<Views> {
                let step = step?;
                Some(
                    (0..languages)
                        .map(|lang| step.contains(&lang).then(|| prepared.make_view(lang)).flatten())
                        .collect(),
                )
            };
            // The first step's views are made while the folders are.
            let (made, mut views_made) = rayon::join(
                || {
                    staging.make_dirs(
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
                },
                || make_views(steps.first()),
            );
            made.map_err(io)?;
            let mut kept = Vec::new();
            for (i, step) in steps.iter().enumerate() {
                let views = views_made.take().or_else(|| make_views(Some(step))).unwrap_or_default();
                let contexts: Vec<Option<plan::Contexts>> = (0..languages)
                    .map(|lang| {
                        let own = views.get(lang).and_then(Option::as_ref);
                        let view = own.unwrap_or_else(|| prepared.languages[lang].linked(&prepared.linked));
                        step.contains(&lang).then(|| prepared.contexts_on(view, lang))
                    })
                    .collect();
                let render_write = |page: &&plan::PlannedPage| match &contexts[page.lang] {
                    Some(contexts) => render_write(contexts, page),
                    None => Err(BuildError::Theme(format!("{}: its language's view is not made", page.path).into())),
                };
                // The largest pages (open data, HTML briefs, feed, sitemap)
                // go first so that none of them is left to run alone at the
                // end.
                let mut pages: Vec<&&plan::PlannedPage> = quick.iter().filter(|p| step.contains(&p.lang)).collect();
                pages.sort_by_key(|p| !p.kind.is_large());
                let search = |lang: usize| {
                    let language = &prepared.languages[lang];
                    let Some(contexts) = &contexts[lang] else { return Ok(None) };
                    let docs = render::search::SearchDocs::new(contexts.linked(), &language.strings);
                    docs.files().par_iter().try_for_each(|(rel, text)| {
                        staging.write(&format!("{}{rel}", language.prefix), text.as_bytes()).map_err(io)
                    })?;
                    Ok::<_, BuildError>(keep_search.then_some(docs))
                };
                let (briefs, pages, (search, next)) = write_pages(&costly, &pages, &render_write, || {
                    // One search index a language, beside its search page,
                    // made and written a language at a time: six languages'
                    // indexes held at once cost a large site 170 MB. Then
                    // the next step's views, while this step's pages are
                    // still being written.
                    let search = step.iter().map(|lang| search(*lang)).collect::<Result<Vec<_>, _>>();
                    (search, make_views(steps.get(i + 1)))
                });
                briefs?;
                pages?;
                kept.extend(search?.into_iter().flatten());
                views_made = next;
                drop(contexts);
                drop_in_background(views);
            }
            let docs = kept;
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
            Ok((planned.copies.len() + assets.len() + web_pictures.len(), docs))
        })();
        finished.store(true, std::sync::atomic::Ordering::Relaxed);
        result
    });
    t.lap("pages");
    if let Some(costs) = page_costs() {
        costs.print();
    }
    match result {
        Ok((copied, docs)) => {
            staging.commit().map_err(io)?;
            if let Some(cache) = &prepared.theme.brief_cache {
                render::pdf::prune_cache(cache);
            }
            t.lap("swap");
            let report =
                BuildReport { warnings: Vec::new(), pages: planned.pages.len(), copied, elapsed: started.elapsed() };
            Ok((report, docs))
        }
        Err(e) => {
            staging.abandon();
            Err(e)
        }
    }
}

/// The views a step of the writing makes, by language (`None` where the
/// language has its view already, or shows the linked model itself).
type Views = Vec<Option<crate::link::Linked>>;

/// Writes `pages` and typesets the `costly` pages (PDF briefs) while
/// `search` makes the search indexes; what each of the three came to.
fn write_pages<'p, S: Send>(
    costly: &[&'p plan::PlannedPage],
    pages: &[&&'p plan::PlannedPage],
    render_write: &(dyn Fn(&&'p plan::PlannedPage) -> Result<(), BuildError> + Sync),
    search: impl FnOnce() -> S + Send,
) -> (Result<(), BuildError>, Result<(), BuildError>, S) {
    // A PDF brief takes seconds where a page takes microseconds, and typst
    // parallelises inside with rayon: typeset on rayon's own threads, a
    // brief waiting for its inner work would steal and run other whole
    // briefs, holding every document in memory at once. So the briefs get
    // their own threads, one a core (at most MAX_BRIEF_WORKERS), and the
    // pages and the search index fill rayon's pool around them.
    let queue = WorkQueue::new(costly);
    std::thread::scope(|scope| {
        let ((workers, pages), search) = rayon::join(
            || {
                let workers: Vec<_> = (0..rayon::current_num_threads().min(MAX_BRIEF_WORKERS).min(costly.len()))
                    .map(|_| scope.spawn(|| queue.run(render_write)))
                    .collect();
                // Split into runs of at most PAGES_A_TASK pages, so a core
                // that runs out of pages can take some from the other to the
                // very end (rayon's own splitting left one core alone on
                // hundreds of pages at the end).
                (workers, pages.par_iter().with_max_len(PAGES_A_TASK).try_for_each(|p| render_write(p)))
            },
            search,
        );
        // Waited for here, not on a thread of rayon's pool: typst needs the
        // pool while it typesets.
        let briefs = workers.into_iter().try_for_each(|w| {
            w.join().unwrap_or_else(|_| Err(BuildError::Theme("typesetting a PDF brief failed".to_string().into())))
        });
        (briefs, pages, search)
    })
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
