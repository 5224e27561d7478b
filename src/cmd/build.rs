//! `wsis build`: the site from the content, into the output folder.

use crate::{BuildArgs, Format};
use wsis::build;

pub fn run(args: &BuildArgs) -> i32 {
    let (_, mut opts) = args.sources.options(Some(args.output.as_deref()));
    opts.deny_warnings = args.deny_warnings;
    opts.force = args.force;
    opts.progress = super::show_progress();
    opts.base_url = args.base_url.clone();
    if let Some(url) = &args.base_url {
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            eprintln!("error: --base-url must be a web address starting with https://, found `{url}`");
            return 2;
        }
    }
    match build(&opts) {
        Ok(report) => {
            super::print_diagnostics(&report.warnings, args.format);
            let mut output = opts.output.as_deref().map(|o| o.display().to_string()).unwrap_or_default();
            // A link is kept, and its target replaced: say which folder.
            if let Some(link) = opts.output.as_deref().filter(|o| o.is_symlink()) {
                if let Ok(real) = link.canonicalize() {
                    output.push_str(&format!(" (a link: written in {}, the folder it names)", real.display()));
                }
            }
            let line = format!(
                "Built {} pages ({} files copied) into {output} in {:.2} s",
                report.pages,
                report.copied,
                report.elapsed.as_secs_f64()
            );
            // SARIF is one document on stdout; the summary goes aside.
            if args.format == Format::Sarif {
                eprintln!("{line}");
            } else {
                println!("{line}");
            }
            0
        }
        Err(e) => super::report_failure(&e, args.format),
    }
}
