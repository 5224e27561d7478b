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
            if matches!(args.format, Format::Human | Format::Full) {
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
    // The site's lint levels and the documents' allowances hold here too.
    let mut pending = wsis::validate::lints::apply(&checked.linked.model.allowances, &site.lints, pending, false);
    // --deny-warnings means it here too: a translation missing or older
    // than its original fails the check, as any content warning does, and
    // the warnings it fails on are shown with the report. A code the site
    // denies fails it without.
    let errors = pending.iter().any(|d| d.severity == wsis::diagnostics::Severity::Error);
    let denied = errors || (opts.deny_warnings && !(pending.is_empty() && checked.warnings.is_empty()));
    let translations = pending.len();
    if denied {
        pending.extend(checked.warnings.iter().cloned());
    }
    if matches!(format, Format::Human | Format::Full) {
        if denied && !checked.warnings.is_empty() {
            super::print_diagnostics(&checked.warnings, format);
        }
        if statuses.is_empty() {
            println!("The site has one language ({}): there is nothing to translate.", site.languages[0].code);
        } else {
            print!("{}", wsis::translations::table(&statuses));
        }
        if denied {
            eprintln!(
                "error: --deny-warnings: {translations} translations missing, incomplete or outdated, {} content warnings",
                checked.warnings.len()
            );
        }
    } else {
        super::print_diagnostics(&pending, format);
    }
    i32::from(denied)
}
