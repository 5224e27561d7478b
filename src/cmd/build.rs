//! `wsis build`: the site from the content, into the output folder.

use crate::{BuildArgs, Format};
use wsis::build;

pub fn run(args: &BuildArgs) -> i32 {
    let mut opts = args.sources.options(Some(args.output.clone()));
    opts.deny_warnings = args.deny_warnings;
    opts.progress = super::show_progress();
    match build(&opts) {
        Ok(report) => {
            super::print_diagnostics(&report.warnings, Format::Human);
            println!(
                "Built {} pages ({} files copied) into {} in {:.2} s",
                report.pages,
                report.copied,
                args.output.display(),
                report.elapsed.as_secs_f64()
            );
            0
        }
        Err(e) => super::report_failure(&e, Format::Human),
    }
}
