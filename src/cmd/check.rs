//! `wsis check`: everything a build does but writing.

use crate::{CheckArgs, Format};
use wsis::build;

pub fn run(args: &CheckArgs) -> i32 {
    let (_, mut opts) = args.sources.options(None);
    opts.deny_warnings = args.deny_warnings;
    if args.translations {
        return translations(&opts, args.format);
    }
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

/// `--translations`: the state of each language's translations, as a
/// table for people or as warnings in the machine formats.
fn translations(opts: &wsis::BuildOptions, format: Format) -> i32 {
    let checked = match wsis::check(&opts.content, opts.drafts) {
        Ok(c) => c,
        Err(diags) => return super::report_failure(&wsis::BuildError::Content(diags), format),
    };
    let Some(site) = checked.linked.model.site.clone() else { return 1 };
    let statuses = wsis::translations::status(&opts.content, &checked.linked, &site);
    let name = opts.content.file_name().map_or("content".into(), |n| n.to_string_lossy().into_owned());
    let pending = wsis::translations::as_diagnostics(&statuses, &name);
    if format == Format::Human {
        if statuses.is_empty() {
            println!("The site has one language ({}): there is nothing to translate.", site.languages[0].code);
        } else {
            print!("{}", wsis::translations::table(&statuses));
        }
    } else {
        super::print_diagnostics(&pending, format);
    }
    // --deny-warnings means it here too: a translation missing or older
    // than its original fails the check, as any content warning does.
    if opts.deny_warnings && !(pending.is_empty() && checked.warnings.is_empty()) {
        if format == Format::Human {
            eprintln!(
                "error: --deny-warnings: {} translations missing or outdated, {} content warnings",
                pending.len(),
                checked.warnings.len()
            );
        }
        return 1;
    }
    0
}
