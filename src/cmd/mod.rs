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
pub mod translations;

use crate::Format;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use wsis::diagnostics::Code;
use wsis::diagnostics::{summary_line, Diagnostic, Severity};
use wsis::BuildError;

/// Prints a failed run's messages and returns the exit code.
pub fn report_failure(err: &BuildError, format: Format) -> i32 {
    match err {
        BuildError::Content(diags) => print_diagnostics(diags, format),
        other if matches!(format, Format::Human | Format::Full) => eprintln!("error: {other}"),
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
            eprintln!("{}", human(diags, false));
        }
        Format::Human => eprintln!("{}", human(diags, false)),
        Format::Full => eprintln!("{}", human(diags, true)),
    }
}

/// How many warnings of one code the report for people shows in full; the
/// rest are counted by code, so the one new warning that matters does not
/// drown in the known ones.
const WARNINGS_IN_FULL: usize = 3;

/// The report for people: every error in full; every warning too when
/// `all`, else each code's first few, then the others counted by code.
fn human(diags: &[Diagnostic], all: bool) -> String {
    let mut out = String::new();
    let mut shown: std::collections::BTreeMap<Code, usize> = Default::default();
    // Per code: the warnings not shown, and the files they are in.
    let mut hidden: std::collections::BTreeMap<Code, (usize, std::collections::BTreeSet<&str>)> = Default::default();
    for d in diags {
        let seen = shown.entry(d.code).or_default();
        if all || d.severity == Severity::Error || *seen < WARNINGS_IN_FULL {
            *seen += 1;
            out.push_str(&d.render());
            out.push('\n');
        } else {
            let (n, files) = hidden.entry(d.code).or_default();
            *n += 1;
            files.insert(d.path.as_str());
        }
    }
    if !hidden.is_empty() {
        let more: usize = hidden.values().map(|(n, _)| n).sum();
        let width = hidden.keys().map(|c| c.name().len()).max().unwrap_or(0);
        out.push_str(&format!("warning: {more} more like those above, not shown in full:\n"));
        for (code, (n, files)) in &hidden {
            let f = files.len();
            out.push_str(&format!(
                "  {:width$}  {n:>4} in {f} {}\n",
                code.name(),
                if f == 1 { "file" } else { "files" }
            ));
        }
        out.push_str("  (`wsis check --format full` lists every one; `wsis explain <code>` says what each means)\n\n");
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
