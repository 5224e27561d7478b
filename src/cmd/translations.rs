//! `wsis translations export|import`: what is left to translate, out to a
//! translation tool as XLIFF, and the translated file back in.

use super::Site;
use crate::{ExportOnly, Format, TranslationsAction, TranslationsArgs, XliffFormat};
use std::io::Write;
use std::path::Path;
use wsis::xliff::{ExportError, Exported, Only, Version};

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
    if let Some(path) = output.filter(|p| inside(p, content)) {
        eprintln!(
            "error: {} is inside the content folder, where every file is content (the next check would refuse it); write the export beside the site",
            path.display()
        );
        return 2;
    }
    if let Some(path) = output.filter(|p| p.exists() && !force) {
        eprintln!(
            "error: {} exists (a translated file, perhaps); nothing was written: name another file, or add --force",
            path.display()
        );
        return 1;
    }
    let checked = match wsis::check(content, false) {
        Ok(c) => c,
        Err(diags) => return super::report_failure(&wsis::BuildError::Content(diags), Format::Human),
    };
    let export = |out: &mut dyn Write| wsis::xliff::export(content, &checked.linked, language, version, only, out);
    let result = match output {
        None => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            export(&mut out).and_then(|e| out.flush().map(|_| e).map_err(ExportError::Io))
        }
        Some(path) => write_export(path, export),
    };
    match result {
        Ok(exported) => {
            let to = output.map_or_else(|| "standard output".to_string(), |p| p.display().to_string());
            eprintln!(
                "Exported {} units of {} documents into `{language}` ({} not translated yet) to {to}",
                exported.units, exported.documents, exported.untranslated
            );
            0
        }
        Err(ExportError::Asked(why)) => {
            eprintln!("error: {why}");
            2
        }
        Err(ExportError::Io(e)) => {
            eprintln!("error: writing the export: {e}");
            1
        }
    }
}

/// Whether the file `path` would sit in the folder `dir` or under it,
/// `..` and links resolved as far as they exist.
fn inside(path: &Path, dir: &Path) -> bool {
    let real = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| std::path::absolute(p).unwrap_or_default());
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    real(parent).starts_with(real(dir))
}

/// Writes an export whole into `path`: into a file beside it, renamed over
/// it once complete (nothing is left of a failed one).
fn write_export(
    path: &Path,
    export: impl FnOnce(&mut dyn Write) -> Result<Exported, ExportError>,
) -> Result<Exported, ExportError> {
    let temporary = path.with_extension("wsis-export");
    let written = std::fs::File::create(&temporary).map_err(ExportError::Io).and_then(|file| {
        let mut out = std::io::BufWriter::new(file);
        let exported = export(&mut out)?;
        out.into_inner().map_err(|e| ExportError::Io(e.into_error()))?.sync_all().map_err(ExportError::Io)?;
        std::fs::rename(&temporary, path).map_err(ExportError::Io)?;
        Ok(exported)
    });
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written
}

fn import(content: &Path, file: &Path, format: Format) -> i32 {
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
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
    match wsis::xliff::import(content, &checked.linked, &name, bytes) {
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
