//! Rebuilding after an edit, for `wsis serve`: watch the sources' stamps,
//! and when one document changed in a way no other page shows (the body or
//! the people of a session, say), re-render that one page in place. Any
//! other change runs a full build, staged and swapped like `wsis build`.

use crate::diagnostics::Diagnostic;
use crate::link::Item;
use crate::plan::PageKind;
use crate::validate::Entity;
use crate::{prepare, write_site, BuildError, BuildOptions, Prepared};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

/// Modification time and size of every source file.
type Stamps = BTreeMap<PathBuf, (SystemTime, u64)>;

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
    pub elapsed: Duration,
    pub warnings: Vec<Diagnostic>,
}

/// A site being served: its options, its last good build, its sources.
pub struct Workspace {
    opts: BuildOptions,
    output: PathBuf,
    state: Option<Prepared>,
    stamps: Stamps,
}

impl Workspace {
    /// A workspace for `opts`, not built yet.
    pub fn new(opts: BuildOptions, output: PathBuf) -> Workspace {
        Workspace { opts, output, state: None, stamps: Stamps::new() }
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

    /// Builds everything.
    pub fn full_build(&mut self) -> Result<Rebuilt, BuildError> {
        let started = Instant::now();
        self.stamps = self.scan();
        self.state = None;
        let prepared = prepare(&self.opts)?;
        let report = write_site(&prepared, &self.opts, &self.output)?;
        let warnings = prepared.warnings.clone();
        self.state = Some(prepared);
        Ok(Rebuilt { pages: report.pages, full: true, elapsed: started.elapsed(), warnings })
    }

    /// Rebuilds what `changed` needs: one page when that is enough, else all.
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Result<Rebuilt, BuildError> {
        if let [one] = changed {
            let started = Instant::now();
            match self.try_quick(one) {
                Quick::Done(pages, warnings) => {
                    self.stamps = self.scan();
                    return Ok(Rebuilt { pages, full: false, elapsed: started.elapsed(), warnings });
                }
                Quick::Failed(diags) => {
                    // The next change rebuilds everything from a clean state.
                    self.state = None;
                    self.stamps = self.scan();
                    return Err(BuildError::Content(diags));
                }
                Quick::NotApplicable => {}
            }
        }
        self.full_build()
    }

    fn try_quick(&mut self, path: &Path) -> Quick {
        let Some(state) = self.state.as_mut() else { return Quick::NotApplicable };
        let Ok(rel) = path.strip_prefix(&self.opts.content) else { return Quick::NotApplicable };
        let rel = rel.to_string_lossy().replace('\\', "/");
        let Some(kind) = crate::load::doc_kind(&rel) else { return Quick::NotApplicable };
        let model = &mut state.linked.model;
        let Some(index) = model.files.iter().position(|f| f.rel_path == rel) else { return Quick::NotApplicable };
        let source = match crate::load::read_source(&self.opts.content, &rel) {
            Ok(s) => s,
            Err(d) => return Quick::Failed(vec![*d]),
        };
        let (entity, draft, mut warnings) = crate::validate::validate_document(&kind, &source, index, self.opts.drafts);
        if has_errors(&warnings) {
            return Quick::Failed(warnings);
        }
        // A character no font has changes what the brief claims: a full
        // build finds it and says so.
        if self.opts.pdf && state.theme.lacks_glyphs(&source) {
            return Quick::NotApplicable;
        }
        let Some(entity) = entity.filter(|_| !draft) else { return Quick::NotApplicable };
        let Some((item, page_path)) = replace_if_only_its_page_changes(model, entity) else {
            return Quick::NotApplicable;
        };
        let old_source = std::mem::replace(&mut model.files[index], source);
        let (headings, diags) = rerender(model, item, &page_path);
        if has_errors(&diags) {
            model.files[index] = old_source;
            return Quick::Failed(diags);
        }
        warnings.extend(diags);
        state.linked.index.headings.insert(rel, headings);
        let kind = match item {
            Item::Session(i) => PageKind::Session(i),
            Item::Ungis(i) => PageKind::Ungis(i),
            Item::Roadmap(i) => PageKind::Roadmap(i),
            Item::Page(i) => PageKind::Page(i),
            Item::Forum(i) => PageKind::Forum(i),
        };
        if !state.plan.pages.iter().any(|p| p.kind == kind) {
            return Quick::NotApplicable;
        }
        let mut kinds = vec![kind];
        // A session's outcomes and facilitators are also in its forum's
        // brief: the HTML brief always, the PDF when typesetting it takes
        // well under a second.
        if let Item::Session(i) = item {
            let year = state.linked.model.sessions[i].year;
            if let Some(f) = state.linked.model.forums.iter().position(|f| f.year == year) {
                let sessions = state.linked.index.sessions_by_year.get(&year).map_or(0, Vec::len);
                if sessions <= QUICK_PDF_SESSIONS {
                    kinds.push(PageKind::BriefPdf(f));
                }
                // Last, so a reader who sees the HTML brief change finds the
                // PDF changed too.
                kinds.push(PageKind::Brief(f));
            }
        }
        let contexts = state.contexts();
        let mut written = 0;
        for kind in kinds {
            // A brief left out of the plan (`--no-pdf`) is simply not written.
            let Some(page) = state.plan.pages.iter().find(|p| p.kind == kind) else { continue };
            let Ok(bytes) = state.render_page(&contexts, page) else { return Quick::NotApplicable };
            if write_in_place(&self.output, &page.path, &bytes).is_err() {
                return Quick::NotApplicable;
            }
            written += 1;
        }
        Quick::Done(written, warnings)
    }
}

fn has_errors(diags: &[Diagnostic]) -> bool {
    diags.iter().any(|d| d.severity == crate::diagnostics::Severity::Error)
}

/// A session edit re-typesets its forum's PDF brief at once when the forum
/// has at most this many sessions (about 60 pages, a few tenths of a
/// second); a larger brief waits for the next full build.
const QUICK_PDF_SESSIONS: usize = 60;

enum Quick {
    /// Pages written, and the warnings of the edited file.
    Done(usize, Vec<Diagnostic>),
    Failed(Vec<Diagnostic>),
    NotApplicable,
}

/// Puts `entity` in place of the one from the same file when nothing but
/// its own page shows what changed; returns where it is and its page.
fn replace_if_only_its_page_changes(model: &mut crate::model::Model, entity: Entity) -> Option<(Item, String)> {
    let same_tags = |a: &crate::model::Tags, b: &crate::model::Tags| {
        a.action_lines.iter().map(|x| &x.value).eq(b.action_lines.iter().map(|x| &x.value))
            && a.sdgs.iter().map(|x| x.value).eq(b.sdgs.iter().map(|x| x.value))
    };
    match entity {
        Entity::Session(new) => {
            let i = model.sessions.iter().position(|s| s.file == new.file)?;
            let old = &model.sessions[i];
            let listed_same = old.title == new.title
                && old.date.value == new.date.value
                && old.date_end == new.date_end
                && old.time == new.time
                && same_tags(&old.tags, &new.tags);
            if !listed_same {
                return None;
            }
            let path = crate::urls::session(new.year, &new.slug);
            model.sessions[i] = new;
            Some((Item::Session(i), path))
        }
        Entity::Ungis(new) => {
            let i = model.ungis.iter().position(|u| u.file == new.file)?;
            let old = &model.ungis[i];
            let listed_same = old.title == new.title
                && old.date == new.date
                && old.date_end == new.date_end
                && old.time == new.time
                && old.kind == new.kind
                && old.forum.as_ref().map(|f| f.value) == new.forum.as_ref().map(|f| f.value)
                && same_tags(&old.tags, &new.tags);
            if !listed_same {
                return None;
            }
            let path = crate::urls::ungis(&new.slug);
            model.ungis[i] = new;
            Some((Item::Ungis(i), path))
        }
        Entity::Page(new) => {
            let i = model.pages.iter().position(|p| p.file == new.file)?;
            let old = &model.pages[i];
            if old.title != new.title || old.weight != new.weight || !same_tags(&old.tags, &new.tags) {
                return None;
            }
            let path = crate::urls::page(&new.slug);
            model.pages[i] = new;
            Some((Item::Page(i), path))
        }
        Entity::Roadmap(_) | Entity::Forum(_) => None,
    }
}

/// Renders the body of `item` again; returns its headings and problems.
fn rerender(
    model: &mut crate::model::Model,
    item: Item,
    page_path: &str,
) -> (Vec<crate::markdown::Heading>, Vec<Diagnostic>) {
    let (mut body, file) = match item {
        Item::Session(i) => (std::mem::take(&mut model.sessions[i].body), model.sessions[i].file),
        Item::Ungis(i) => (std::mem::take(&mut model.ungis[i].body), model.ungis[i].file),
        Item::Page(i) => (std::mem::take(&mut model.pages[i].body), model.pages[i].file),
        Item::Forum(_) | Item::Roadmap(_) => return (Vec::new(), Vec::new()),
    };
    let result = crate::link::rerender_body(model, &mut body, file, page_path);
    match item {
        Item::Session(i) => model.sessions[i].body = body,
        Item::Ungis(i) => model.ungis[i].body = body,
        Item::Page(i) => model.pages[i].body = body,
        Item::Forum(_) | Item::Roadmap(_) => {}
    }
    result
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
