//! `wsis translations export|import`: what is left to translate, out to a
//! translation tool as XLIFF, and the translated file back in.

use super::Site;
use crate::{ExportOnly, Format, TranslationsAction, TranslationsArgs, XliffFormat};
use std::io::Write;
use std::path::Path;
use wsis::xliff::{Only, Version};

pub fn run(args: &TranslationsArgs) -> i32 {
    let site = Site::find(args.content.as_deref());
    match &args.action {
        TranslationsAction::Export { language, format, only, output, force } => {
            let version = match format {
                XliffFormat::Xliff2 => Version::V2,
                XliffFormat::Xliff12 => Version::V12,
            };
            let only = match only {
                ExportOnly::Missing => Only::Missing,
                ExportOnly::Outdated => Only::Outdated,
                ExportOnly::NeedsWork => Only::NeedsWork,
                ExportOnly::All => Only::All,
            };
            export(&site.content, language, version, only, output.as_deref(), *force)
        }
        TranslationsAction::Import { file, format } => import(&site.content, file, *format),
    }
}

fn export(content: &Path, language: &str, version: Version, only: Only, output: Option<&Path>, force: bool) -> i32 {
    let checked = match wsis::check(content, false) {
        Ok(c) => c,
        Err(diags) => return super::report_failure(&wsis::BuildError::Content(diags), Format::Human),
    };
    let exported = match wsis::xliff::export(content, &checked.linked, language, version, only) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let written = match output {
        None => std::io::stdout().write_all(exported.xliff.as_bytes()).map_err(|e| format!("writing: {e}")),
        Some(path) => write_export(path, &exported.xliff, force),
    };
    if let Err(e) = written {
        eprintln!("error: {e}");
        return 1;
    }
    let to = output.map_or_else(|| "standard output".to_string(), |p| p.display().to_string());
    eprintln!(
        "Exported {} units of {} documents into `{language}` ({} not translated yet) to {to}",
        exported.units, exported.documents, exported.untranslated
    );
    0
}

/// Writes an export whole, never over an existing file unless `force`
/// (it may be a translator's finished work).
fn write_export(path: &Path, text: &str, force: bool) -> Result<(), String> {
    if path.exists() && !force {
        return Err(format!(
            "{} exists (a translated file, perhaps); nothing was written: name another file, or add --force",
            path.display()
        ));
    }
    let temporary = path.with_extension("wsis-export");
    std::fs::write(&temporary, text).and_then(|_| std::fs::rename(&temporary, path)).map_err(|e| {
        let _ = std::fs::remove_file(&temporary);
        format!("cannot write {}: {e}", path.display())
    })
}

fn import(content: &Path, file: &Path, format: Format) -> i32 {
    let text = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", file.display());
            return 1;
        }
    };
    let checked = match wsis::check(content, false) {
        Ok(c) => c,
        Err(diags) => return super::report_failure(&wsis::BuildError::Content(diags), format),
    };
    let name = file.display().to_string();
    match wsis::xliff::import(content, &checked.linked, &name, &text) {
        Ok(imported) => {
            let units: usize = imported.files.iter().map(|(_, n)| n).sum();
            for (path, n) in &imported.files {
                println!("  {path}: {n} units");
            }
            println!(
                "Imported {units} units into {} `{}` translations; the content checks",
                imported.files.len(),
                imported.language
            );
            0
        }
        Err(diags) => super::report_failure(&wsis::BuildError::Content(diags), format),
    }
}
