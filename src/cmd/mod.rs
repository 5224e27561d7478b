//! One module per subcommand; `main.rs` only parses and dispatches.

pub mod build;
pub mod check;
pub mod new;
pub mod serve;

use crate::Format;
use std::io::IsTerminal;
use wsis::diagnostics::{summary_line, Diagnostic};
use wsis::BuildError;

/// Prints a failed run's messages to stderr and returns the exit code.
pub fn report_failure(err: &BuildError, format: Format) -> i32 {
    match err {
        BuildError::Content(diags) => print_diagnostics(diags, format),
        BuildError::Theme(msg) => eprintln!("error: theme: {msg}"),
        BuildError::Io(msg) => eprintln!("error: {msg}"),
    }
    1
}

/// Prints diagnostics: for people on stderr with a closing count, or as
/// JSON lines on stdout.
pub fn print_diagnostics(diags: &[Diagnostic], format: Format) {
    if diags.is_empty() {
        return;
    }
    match format {
        Format::Json => {
            let mut out = String::new();
            for d in diags {
                out.push_str(&d.to_json());
                out.push('\n');
            }
            print!("{out}");
        }
        Format::Human => {
            let mut out = String::new();
            for d in diags {
                out.push_str(&d.render());
                out.push('\n');
            }
            out.push_str(&summary_line(diags));
            eprintln!("{out}");
        }
    }
}

/// Progress lines only for a person watching a terminal, never in CI.
pub fn show_progress() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("CI").is_none()
}

impl crate::Sources {
    pub fn options(&self, output: Option<std::path::PathBuf>) -> wsis::BuildOptions {
        let mut opts = wsis::BuildOptions::new(self.content.clone(), self.theme.clone(), output);
        opts.drafts = self.drafts;
        opts.pdf = !self.no_pdf;
        opts
    }
}
