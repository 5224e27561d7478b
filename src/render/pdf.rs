//! PDF briefs, typeset by typst used as a library: the theme's
//! `brief/brief.typ` reads the forum's data as JSON and lays it out; no
//! browser or external program is involved.
//!
//! Deterministic: no timestamp, a stable document identifier, fonts from
//! the binary (typst's embedded set) and from the theme's `fonts/` folder.

use crate::load::theme::ThemeFiles;
use std::path::Path;
use std::sync::OnceLock;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_kit::fonts::FontStore;
use typst_layout::PagedDocument;

/// The fonts of a theme's briefs: typst's own, then the theme's `fonts/`
/// (Arabic and Chinese in the default theme). Loaded once a theme (see
/// `Theme::pdf_fonts`), so a font added while serving is seen when the
/// theme is loaded again.
pub(crate) fn load_fonts(theme: &ThemeFiles) -> FontStore {
    let mut store = FontStore::new();
    store.extend(typst_kit::fonts::embedded());
    for (_, file) in theme.under("fonts") {
        for font in Font::iter(Bytes::new(file.bytes.to_vec())) {
            let info = font.info().clone();
            store.push((font, info));
        }
    }
    store
}

fn library() -> &'static LazyHash<Library> {
    static LIBRARY: OnceLock<LazyHash<Library>> = OnceLock::new();
    LIBRARY.get_or_init(|| LazyHash::new(Library::default()))
}

/// The bytes of a picture a brief embeds, by the name its data gives it
/// (`/pictures/<hash>.<ext>`); `None` for no such picture.
pub type PictureBytes<'p> = &'p (dyn Fn(&str) -> Option<Vec<u8>> + Sync);

/// The files of one brief: the template, its data, and its pictures.
struct BriefWorld<'p> {
    main: FileId,
    data: FileId,
    template: Source,
    json: Bytes,
    fonts: &'p FontStore,
    pictures: PictureBytes<'p>,
}

fn file_id(path: &str) -> Result<FileId, String> {
    let vpath = VirtualPath::new(path).map_err(|e| format!("{path}: {e:?}"))?;
    Ok(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

impl World for BriefWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        library()
    }
    fn book(&self) -> &LazyHash<FontBook> {
        self.fonts.book()
    }
    fn main(&self) -> FileId {
        self.main
    }
    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main {
            Ok(self.template.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }
    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data {
            return Ok(self.json.clone());
        }
        let path = id.get().vpath().get_with_slash();
        if path.starts_with("/pictures/") {
            return (self.pictures)(path).map(Bytes::new).ok_or_else(|| FileError::NotFound(path.into()));
        }
        Err(FileError::AccessDenied)
    }
    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.font(index)
    }
    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        // No "today" in a brief: the same input gives the same bytes.
        None
    }
}

/// A brief from the cache when the same template, data and `wsis` version
/// made it before; otherwise `make` typesets it and the cache keeps it.
/// Typesetting a long brief takes seconds; an unchanged one is a copy.
pub fn cached(
    dir: Option<&Path>,
    template: &str,
    data: &serde_json::Value,
    conformance: Conformance,
    make: impl FnOnce() -> Result<Vec<u8>, String>,
) -> Result<Vec<u8>, String> {
    let Some(dir) = dir else { return make() };
    let json = serde_json::to_string(data).map_err(|e| e.to_string())?;
    let key = content_hash(&[env!("CARGO_PKG_VERSION"), template, &json, conformance.key()]);
    let path = dir.join(format!("{key}.pdf"));
    if let Ok(mut used) = USED.lock() {
        used.push(path);
    }
    super::cache::read_or_make(dir, &format!("{key}.pdf"), make)
}

/// Cache entries used by this run, so older ones can be pruned.
static USED: std::sync::Mutex<Vec<std::path::PathBuf>> = std::sync::Mutex::new(Vec::new());

/// Removes the cached briefs this build did not use (best effort), and
/// starts the count afresh, so a long `serve` does not keep every brief
/// it ever typeset.
pub fn prune_cache(dir: &Path) {
    let Ok(mut used) = USED.lock() else { return };
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            if !used.contains(&entry.path()) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
    used.clear();
}

/// A 128-bit FNV-1a hash, written out in hex: stable across runs and
/// platforms, unlike the standard library's hasher.
fn content_hash(parts: &[&str]) -> String {
    let mut h: u128 = 0x6c62272e07bb014262b821756295c58d;
    for part in parts {
        for b in part.bytes().chain([0xff]) {
            h ^= u128::from(b);
            h = h.wrapping_mul(0x0000000001000000000000000000013B);
        }
    }
    format!("{h:032x}")
}

/// Which standards a brief claims.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Conformance {
    /// PDF/A-2a and PDF/UA-1, checked by typst as it writes.
    Archival,
    /// No claim: the brief's sources hold a character no font has, which
    /// PDF/A forbids (it would print as an empty box). The build warns.
    Plain,
}

impl Conformance {
    fn key(self) -> &'static str {
        match self {
            Conformance::Archival => "pdf/a-2a+pdf/ua-1",
            Conformance::Plain => "plain",
        }
    }
}

/// Whether typst refused a document because a character has no glyph in
/// any font (PDF/A needs every glyph), rather than for a template mistake.
fn is_missing_glyph(diags: &[typst::diag::SourceDiagnostic]) -> bool {
    !diags.is_empty() && diags.iter().all(|d| d.message.contains("could not be displayed with font"))
}

/// What one brief is made of.
pub struct Brief<'a> {
    /// Where the template is, as messages name it.
    pub template_path: &'a str,
    /// The theme's `brief/brief.typ`.
    pub template: &'a str,
    /// The forum as JSON, read by the template as `/data.json`.
    pub data: &'a serde_json::Value,
    /// The PDF's document identifier.
    pub ident: &'a str,
    pub conformance: Conformance,
}

/// Typesets one brief. An archival brief that typst refuses only because a
/// character has no glyph is written without the claim rather than not at
/// all: the glyph check has already warned the editor with the file, line
/// and column.
///
/// typst remembers the layout of every paragraph, block and page it made,
/// and a second typeset of the same brief with one session changed reuses
/// all the rest. `layouts_kept` says how many later briefs a layout
/// outlives unused: 0 for a build, which never typesets a brief twice and
/// lets each brief's layouts go once it is written; more under `serve`.
pub fn brief_pdf(
    fonts: &FontStore,
    brief: &Brief,
    pictures: PictureBytes,
    layouts_kept: usize,
) -> Result<Vec<u8>, String> {
    let Brief { template_path, template, data, ident, conformance } = *brief;
    let main = file_id("/brief.typ")?;
    let world = BriefWorld {
        main,
        data: file_id("/data.json")?,
        template: Source::new(main, template.to_string()),
        json: Bytes::new(serde_json::to_vec(data).map_err(|e| e.to_string())?),
        fonts,
        pictures,
    };
    let describe = |diags: &[typst::diag::SourceDiagnostic]| describe(&world, template_path, diags);
    let started = std::time::Instant::now();
    let document: PagedDocument = typst::compile(&world).output.map_err(|d| describe(&d))?;
    // An outcome document is a record: PDF/A-2a for the archive (tagged,
    // Unicode text, fonts embedded) and PDF/UA-1 for screen readers. typst
    // checks both as it writes, so a theme that breaks them fails the
    // build with a message.
    let standards = |c: Conformance| match c {
        Conformance::Archival => {
            typst_pdf::PdfStandards::new(&[typst_pdf::PdfStandard::A_2a, typst_pdf::PdfStandard::Ua_1])
        }
        Conformance::Plain => typst_pdf::PdfStandards::new(&[]),
    };
    let options = |c: Conformance| -> Result<typst_pdf::PdfOptions, String> {
        Ok(typst_pdf::PdfOptions {
            ident: Smart::Custom(ident.to_string()),
            creator: Smart::Custom(Some("wsis".into())),
            timestamp: None,
            standards: standards(c).map_err(|e| format!("brief.typ: {}", e.message()))?,
            ..Default::default()
        })
    };
    let typeset = started.elapsed();
    let pdf = match typst_pdf::pdf(&document, &options(conformance)?) {
        Err(d) if conformance == Conformance::Archival && is_missing_glyph(&d) => {
            typst_pdf::pdf(&document, &options(Conformance::Plain)?).map_err(|d| describe(&d))
        }
        other => other.map_err(|d| describe(&d)),
    };
    let pdf = pdf.map(without_false_suspects);
    // typst memoises across compilations, and its cache is the process's:
    // each brief ages every layout by one, and those unused for
    // `layouts_kept` briefs go.
    typst::comemo::evict(layouts_kept);
    if std::env::var_os("WSIS_TIMINGS").is_some() {
        let written = started.elapsed() - typeset;
        eprintln!("  {ident}: {} pages, typeset {typeset:.2?}, written {written:.2?}", document.pages().len());
    }
    pdf
}

/// The PDF with its `/Suspects false` blanked out (the same number of
/// spaces, so every offset in the file holds). `false` is what PDF means
/// when the entry is absent, but poppler (Debian's 22.12, which many
/// readers and `pdftotext` use) reads it as a wrong type and prints a
/// syntax error for every brief.
fn without_false_suspects(mut pdf: Vec<u8>) -> Vec<u8> {
    const MARK_INFO: &[u8] = b"/MarkInfo<</Marked true/Suspects false>>";
    const SUSPECTS: &[u8] = b"/Suspects false";
    if let Some(at) = pdf.windows(MARK_INFO.len()).rposition(|w| w == MARK_INFO) {
        let start = at + MARK_INFO.len() - 2 - SUSPECTS.len();
        pdf[start..start + SUSPECTS.len()].fill(b' ');
    }
    pdf
}

/// typst's errors as one line each: the place in the theme's `brief.typ`
/// when there is one (`path:line:col:`), the message, and typst's hints.
fn describe(world: &BriefWorld<'_>, template: &str, diags: &[typst::diag::SourceDiagnostic]) -> String {
    use typst::WorldExt;
    let line = |d: &typst::diag::SourceDiagnostic| {
        let place = (d.span.id() == Some(world.main))
            .then(|| world.range(d.span))
            .flatten()
            .and_then(|range| world.template.lines().byte_to_line_column(range.start))
            .map(|(line, col)| format!(":{}:{}", line + 1, col + 1))
            .unwrap_or_default();
        let hints: String = d.hints.iter().map(|h| format!(" (hint: {})", h.v)).collect();
        format!("{template}{place}: {}{hints}", d.message)
    };
    diags.iter().map(line).collect::<Vec<_>>().join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_false_suspects_entry_is_blanked_keeping_every_offset() {
        let pdf = b"1 0 obj<</Type/Catalog/MarkInfo<</Marked true/Suspects false>>>>endobj".to_vec();
        let mended = without_false_suspects(pdf.clone());
        assert_eq!(mended.len(), pdf.len());
        assert_eq!(
            String::from_utf8(mended).unwrap(),
            "1 0 obj<</Type/Catalog/MarkInfo<</Marked true               >>>>endobj"
        );
    }
}
