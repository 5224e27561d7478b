//! `wsis build`: the site from the content, into the output folder.

use wsis::{build, BuildOptions};

pub fn run(opts: BuildOptions) -> i32 {
    match build(&opts) {
        Ok(report) => {
            let output = opts.output.as_deref().map(|p| p.display().to_string()).unwrap_or_default();
            println!(
                "Built {} pages ({} files copied) into {} in {:.2} s",
                report.pages,
                report.copied,
                output,
                report.elapsed.as_secs_f64()
            );
            0
        }
        Err(e) => super::report_failure(&e),
    }
}
