//! `wsis check`: everything a build does but writing.

use wsis::{build, BuildOptions};

pub fn run(mut opts: BuildOptions) -> i32 {
    opts.output = None;
    match build(&opts) {
        Ok(report) => {
            println!("Content is valid: {} pages would be built ({:.2} s)", report.pages, report.elapsed.as_secs_f64());
            0
        }
        Err(e) => super::report_failure(&e),
    }
}
