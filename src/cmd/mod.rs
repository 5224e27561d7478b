//! One module per subcommand; `main.rs` only parses and dispatches.

pub mod build;
pub mod check;

use wsis::diagnostics::{summary_line, Diagnostic};
use wsis::BuildError;

/// Prints a failed run's messages to stderr and returns the exit code.
pub fn report_failure(err: &BuildError) -> i32 {
    match err {
        BuildError::Content(diags) => print_diagnostics(diags),
        BuildError::Theme(msg) => eprintln!("error: theme: {msg}"),
        BuildError::Io(msg) => eprintln!("error: {msg}"),
    }
    1
}

pub fn print_diagnostics(diags: &[Diagnostic]) {
    let mut out = String::new();
    for d in diags {
        out.push_str(&d.render());
        out.push('\n');
    }
    out.push_str(&summary_line(diags));
    eprintln!("{out}");
}
