//! `wsis check`: everything a build does but writing.

use crate::{CheckArgs, Format};
use wsis::build;

pub fn run(args: &CheckArgs) -> i32 {
    let (_, mut opts) = args.sources.options(None);
    opts.deny_warnings = args.deny_warnings;
    match build(&opts) {
        Ok(report) => {
            super::print_diagnostics(&report.warnings, args.format);
            if args.format == Format::Human {
                println!(
                    "Content is valid: {} pages would be built ({:.2} s)",
                    report.pages,
                    report.elapsed.as_secs_f64()
                );
            }
            0
        }
        Err(e) => super::report_failure(&e, args.format),
    }
}
