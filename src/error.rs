//! Why a run fails: content mistakes as diagnostics for editors, the
//! theme's mistakes and file-system failures with what they came from.

use crate::diagnostics::Diagnostic;
use crate::{diagnostics, write};
use std::path::{Path, PathBuf};

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

/// Why the output could not be readied: busy with another build, or a
/// file-system error there.
pub(crate) fn staging_failed(e: write::StagingError, output: &Path) -> BuildError {
    match e {
        write::StagingError::Busy(message) => BuildError::Folders(message),
        write::StagingError::Io(source) => BuildError::Io { doing: "writing", path: output.to_path_buf(), source },
    }
}
