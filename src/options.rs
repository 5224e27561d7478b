//! What a run is asked to do (`BuildOptions`) and what it reports back
//! (`Checked`, `BuildReport`).

use crate::diagnostics::Diagnostic;
use crate::BuildError;
use crate::{link, load};
use std::path::PathBuf;
use std::time::Duration;

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
