//! One module per subcommand; `main.rs` only parses and dispatches. This
//! file holds what they share: finding the site, and printing diagnostics.

pub mod build;
pub mod check;
pub mod explain;
mod formats;
pub mod init;
pub mod new;
pub mod serve;
pub mod theme;

use crate::Format;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use wsis::diagnostics::Code;
use wsis::diagnostics::{summary_line, Diagnostic};
use wsis::BuildError;

/// Prints a failed run's messages and returns the exit code.
pub fn report_failure(err: &BuildError, format: Format) -> i32 {
    match err {
        BuildError::Content(diags) => print_diagnostics(diags, format),
        other if format == Format::Human => eprintln!("error: {other}"),
        // Tools read every failure in the format they asked for.
        other => print_diagnostics(&[failure_diagnostic(other)], format),
    }
    1
}

/// A failure that is not a content mistake, as a diagnostic at the file
/// or folder it concerns (the theme's, for a theme error).
fn failure_diagnostic(err: &BuildError) -> Diagnostic {
    let (path, code) = match err {
        BuildError::Io { path, .. } => (path.display().to_string(), Code::IoError),
        BuildError::Theme(e) => {
            let file = e.message.split(':').next().filter(|p| Path::new(p).is_file());
            (file.unwrap_or("theme").to_string(), Code::ThemeError)
        }
        BuildError::Folders(_) | BuildError::Content(_) => ("output".to_string(), Code::OutputFolder),
    };
    Diagnostic::at_path(&path, code, err.to_string())
}

/// Prints diagnostics in `format`: for people on stderr with a closing
/// count; as JSON lines or one SARIF log on stdout; as GitHub annotations
/// on stdout followed by the report for people.
pub fn print_diagnostics(diags: &[Diagnostic], format: Format) {
    match format {
        Format::Sarif => println!("{}", formats::sarif(diags)),
        _ if diags.is_empty() => {}
        Format::Json => {
            let mut out = String::new();
            for d in diags {
                out.push_str(&d.to_json());
                out.push('\n');
            }
            print!("{out}");
        }
        Format::Github => {
            print!("{}", formats::github(diags));
            eprintln!("{}", human(diags));
        }
        Format::Human => eprintln!("{}", human(diags)),
    }
}

fn human(diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diags {
        out.push_str(&d.render());
        out.push('\n');
    }
    out.push_str(&summary_line(diags));
    out
}

/// Progress lines only for a person watching a terminal, never in CI.
pub fn show_progress() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("CI").is_none()
}

/// Where a site is: its root folder and its content folder.
pub struct Site {
    pub root: PathBuf,
    pub content: PathBuf,
}

impl Site {
    /// `--content` when given (the site is the folder around it); else the
    /// current folder or the nearest above it with `content/site.yaml`, as
    /// git and cargo find their roots, said aloud when it is not here.
    pub fn find(content: Option<&Path>) -> Site {
        if let Some(content) = content {
            let root = content.parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf);
            return Site { root, content: content.to_path_buf() };
        }
        let here = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        let found = here.ancestors().find(|dir| dir.join("content/site.yaml").is_file());
        match found {
            Some(root) if root != here => {
                eprintln!("Using the site at {}", root.display());
                Site { root: root.to_path_buf(), content: root.join("content") }
            }
            _ => Site { root: PathBuf::new(), content: PathBuf::from("content") },
        }
    }

    /// The output folder: `given`, else `output/` in the site.
    pub fn output(&self, given: Option<&Path>) -> PathBuf {
        given.map_or_else(|| self.root.join("output"), Path::to_path_buf)
    }
}

impl crate::Sources {
    /// The site these options name, and how to build it into `output`
    /// (the site's `output/` unless given; `None` only checks).
    pub fn options(&self, output: Option<Option<&Path>>) -> (Site, wsis::BuildOptions) {
        let site = Site::find(self.content.as_deref());
        let output = output.map(|given| site.output(given));
        let mut opts = wsis::BuildOptions::new(site.content.clone(), self.theme.clone(), output);
        opts.drafts = self.drafts;
        opts.pdf = !self.no_pdf;
        (site, opts)
    }
}
