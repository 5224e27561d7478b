//! Load: find every file under the content folder, decide what kind of
//! document each one is from where it sits, and read it as text.
//!
//! Nothing is skipped silently: a file that does not fit the layout, a
//! symlink, a bad slug or a file that is not UTF-8 is a diagnostic. Hidden
//! files (`.DS_Store`, `.gitkeep`) are the only ones ignored.

use crate::diagnostics::Code;
pub mod frontmatter;
mod plain_yaml;
pub mod strings;
pub mod theme;
pub mod yaml;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::source::{SourceFile, Span};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// What a Markdown document is, from its place in the tree.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DocKind {
    Forum { year: u32 },
    Session { year: u32, slug: String },
    Ungis { slug: String },
    Roadmap { slug: String },
    Page { slug: String },
}

impl DocKind {
    /// The page a document has, from its place in the tree alone.
    pub fn page(&self) -> String {
        match self {
            DocKind::Forum { year } => crate::urls::forum(*year),
            DocKind::Session { year, slug } => crate::urls::session(*year, slug),
            DocKind::Ungis { slug } => crate::urls::ungis(slug),
            DocKind::Roadmap { slug } => crate::urls::roadmap(slug),
            DocKind::Page { slug } => crate::urls::page(slug),
        }
    }
}

/// A Markdown document, read.
#[derive(Debug)]
pub struct Doc {
    pub kind: DocKind,
    /// The language of a translation (`forum.fr.md`); `None` for an
    /// original, which is in the site's default language.
    pub lang: Option<String>,
    pub source: SourceFile,
}

/// A file under `static/`, copied as it is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct StaticFile {
    /// Path relative to the content folder (`static/...`).
    pub rel_path: String,
    pub abs_path: PathBuf,
    /// The path as messages name it (`content/static/...`).
    pub shown: String,
}

/// Everything read from the content folder.
#[derive(Debug, Default)]
pub struct Loaded {
    pub site: Option<SourceFile>,
    pub action_lines: Option<SourceFile>,
    pub sdgs: Option<SourceFile>,
    pub docs: Vec<Doc>,
    pub statics: Vec<StaticFile>,
    /// Documents that exist but could not be read as text (their message
    /// is given), by path: they still exist for links and references.
    pub unreadable: Vec<(String, DocKind)>,
    /// `action-lines.yaml` or `sdgs.yaml` exists but could not be read.
    pub unreadable_action_lines: bool,
    pub unreadable_sdgs: bool,
}

/// Files larger than this are refused before they are read: no content
/// document comes near it, and it bounds memory on a mistaken commit.
const MAX_TEXT_FILE: u64 = 8 * 1024 * 1024;

enum Found {
    Text(Slot, PathBuf, String),
    Static(StaticFile),
}

#[derive(Clone)]
enum Slot {
    Site,
    ActionLines,
    Sdgs,
    /// A document, and the language of a translation.
    Doc(DocKind, Option<String>),
}

/// Reads the content folder at `root`. `display_prefix` is what paths are
/// shown relative to in messages (the content folder's own name).
pub fn load(root: &Path, diags: &mut Diagnostics) -> Loaded {
    let display_prefix = root.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "content".into());
    let shown = |rel: &str| format!("{display_prefix}/{rel}");
    let mut found = Vec::new();
    if !root.is_dir() {
        diags.push(Diagnostic::at_path(
            &root.display().to_string(),
            Code::NoContent,
            "the content folder does not exist or is not a folder".into(),
        ));
        return Loaded::default();
    }
    let walker = walkdir::WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().map(|p| p.display().to_string()).unwrap_or_default();
                diags.push(Diagnostic::at_path(&path, Code::Unreadable, format!("cannot read: {e}")));
                continue;
            }
        };
        if entry.depth() == 0 {
            continue;
        }
        let rel = relative(root, entry.path());
        if entry.path_is_symlink() {
            diags.push(
                Diagnostic::at_path(
                    &shown(&rel),
                    Code::Symlink,
                    "symbolic links are not followed in the content folder".into(),
                )
                .with_help("replace the link with the file itself"),
            );
            continue;
        }
        if entry.file_type().is_dir() {
            continue;
        }
        match classify(&rel) {
            Ok(Some(slot)) => found.push(Found::Text(slot, entry.path().to_path_buf(), rel)),
            Ok(None) => found.push(Found::Static(StaticFile {
                shown: shown(&rel),
                rel_path: rel,
                abs_path: entry.path().to_path_buf(),
            })),
            Err((code, message, help)) => {
                diags.push(Diagnostic::at_path(&shown(&rel), code, message).with_help(help));
            }
        }
    }

    let read: Vec<(Slot, String, Result<SourceFile, Box<Diagnostic>>)> = found
        .par_iter()
        .filter_map(|f| match f {
            Found::Text(slot, abs, rel) => Some((slot.clone(), rel.clone(), read_text(abs, rel, &shown(rel)))),
            Found::Static(_) => None,
        })
        .collect();

    let mut loaded = Loaded::default();
    for f in found {
        if let Found::Static(s) = f {
            loaded.statics.push(s);
        }
    }
    for (slot, rel, result) in read {
        match (slot, result) {
            (Slot::Site, Ok(s)) => loaded.site = Some(s),
            (Slot::ActionLines, Ok(s)) => loaded.action_lines = Some(s),
            (Slot::Sdgs, Ok(s)) => loaded.sdgs = Some(s),
            (Slot::Doc(kind, lang), Ok(source)) => loaded.docs.push(Doc { kind, lang, source }),
            (slot, Err(d)) => {
                diags.push(*d);
                match slot {
                    Slot::Doc(kind, None) => loaded.unreadable.push((rel, kind)),
                    Slot::Doc(_, Some(_)) => {}
                    Slot::ActionLines => loaded.unreadable_action_lines = true,
                    Slot::Sdgs => loaded.unreadable_sdgs = true,
                    Slot::Site => {}
                }
            }
        }
    }
    for name in ["site.yaml", "action-lines.yaml", "sdgs.yaml"] {
        // A file that exists but could not be read already has its message.
        if !root.join(name).exists() {
            diags.push(
                Diagnostic::at_path(
                    &shown(name),
                    Code::MissingFile,
                    format!("`{name}` is missing from the content folder"),
                )
                .with_help("see CONTENT-MODEL.md for what it holds"),
            );
        }
    }
    loaded.docs.sort_by(|a, b| (&a.kind, &a.lang).cmp(&(&b.kind, &b.lang)));
    loaded
}

fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/")
}

/// Is `s` a valid slug: lowercase ASCII letters, digits and `-`?
pub fn is_slug(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Whether `code` has the shape of a BCP 47 language tag as file names
/// carry it: a 2-3 letter language, then subtags (`fr`, `zh-hans`, `es-419`).
pub fn is_language_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let first = parts.next().unwrap_or("");
    (2..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// `about.md` -> (`about`, None); `about.fr.md` -> (`about`, Some(`fr`)).
/// Why a file does not fit the content layout: the diagnostic's code, its
/// message and its help.
type Misfit = (Code, String, String);

fn name_of(file: &str) -> Result<(String, Option<String>), Misfit> {
    let Some((stem, code)) = file.strip_suffix(".md").and_then(|s| s.rsplit_once('.')) else {
        return slug_of(file).map(|slug| (slug, None));
    };
    if !is_language_code(code) {
        return Err((
            Code::InvalidLanguage,
            format!("`{file}`: `{code}` is not a language code; a translation is named `<name>.<code>.md`"),
            format!("name it like `{stem}.fr.md`, with the BCP 47 code of its language in lowercase"),
        ));
    }
    Ok((slug_of(&format!("{stem}.md"))?, Some(code.to_string())))
}

fn slug_of(file: &str) -> Result<String, Misfit> {
    let Some(stem) = file.strip_suffix(".md") else {
        return Err((
            Code::Layout,
            format!("`{file}` is not a Markdown file; only `.md` files belong here"),
            "images and PDFs go under `static/`".into(),
        ));
    };
    if is_slug(stem) {
        Ok(stem.to_string())
    } else {
        let suggestion: String =
            stem.to_lowercase().chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
        Err((
            Code::Layout,
            format!("`{stem}` is not a valid slug: use lowercase ASCII letters, digits and `-` only"),
            format!("rename the file to `{}.md`", suggestion.trim_matches('-')),
        ))
    }
}

fn year_of(folder: &str) -> Result<u32, Misfit> {
    if folder.len() == 4 && folder.bytes().all(|b| b.is_ascii_digit()) {
        folder.parse().map_err(|_| (Code::Layout, String::new(), String::new()))
    } else {
        Err((
            Code::Layout,
            format!("`forums/{folder}` is not a year folder"),
            "forum folders are named by their year, e.g. `forums/2020/`".into(),
        ))
    }
}

/// Where does `rel` belong? `Ok(None)` is a static file.
fn classify(rel: &str) -> Result<Option<Slot>, Misfit> {
    let parts: Vec<&str> = rel.split('/').collect();
    let layout_help = || {
        "content/ holds site.yaml, action-lines.yaml, sdgs.yaml, forums/<year>/forum.md, \
         forums/<year>/hlt/<slug>.md, ungis/<slug>.md, roadmaps/<slug>.md, pages/<slug>.md and static/"
            .to_string()
    };
    let misplaced = || Err((Code::Layout, format!("`{rel}` does not fit the content layout"), layout_help()));
    match parts.as_slice() {
        ["site.yaml"] => Ok(Some(Slot::Site)),
        ["action-lines.yaml"] => Ok(Some(Slot::ActionLines)),
        ["sdgs.yaml"] => Ok(Some(Slot::Sdgs)),
        ["static", ..] => Ok(None),
        ["forums", year, file] if file.starts_with("forum.") => match name_of(file)? {
            (name, lang) if name == "forum" => Ok(Some(Slot::Doc(DocKind::Forum { year: year_of(year)? }, lang))),
            _ => misplaced(),
        },
        ["forums", year, "hlt", file] => {
            let year = year_of(year)?;
            let (slug, lang) = name_of(file)?;
            Ok(Some(Slot::Doc(DocKind::Session { year, slug }, lang)))
        }
        ["ungis", file] => name_of(file).map(|(slug, lang)| Some(Slot::Doc(DocKind::Ungis { slug }, lang))),
        ["roadmaps", file] => name_of(file).map(|(slug, lang)| Some(Slot::Doc(DocKind::Roadmap { slug }, lang))),
        ["pages", file] => name_of(file).map(|(slug, lang)| Some(Slot::Doc(DocKind::Page { slug }, lang))),
        _ => misplaced(),
    }
}

/// What kind of Markdown document the file at `rel` (relative to the
/// content folder) is, if it is an original document.
pub fn doc_kind(rel: &str) -> Option<DocKind> {
    match classify(rel) {
        Ok(Some(Slot::Doc(kind, None))) => Some(kind),
        _ => None,
    }
}

/// The document `rel` translates and the language it is in, if `rel` is a
/// translation (`pages/about.fr.md`).
pub fn translation_of(rel: &str) -> Option<(DocKind, String)> {
    match classify(rel) {
        Ok(Some(Slot::Doc(kind, Some(lang)))) => Some((kind, lang)),
        _ => None,
    }
}

/// Where the translation of the original at `rel` into `lang` goes:
/// `pages/about.md` -> `pages/about.fr.md`.
pub fn translation_path(rel: &str, lang: &str) -> Option<String> {
    doc_kind(rel)?;
    Some(format!("{}.{lang}.md", rel.strip_suffix(".md")?))
}

/// Reads one content file as text, as a build does.
pub fn read_source(root: &Path, rel: &str) -> Result<SourceFile, Box<Diagnostic>> {
    let prefix = root.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "content".into());
    read_text(&root.join(rel), rel, &format!("{prefix}/{rel}"))
}

fn read_text(abs: &Path, rel: &str, shown: &str) -> Result<SourceFile, Box<Diagnostic>> {
    let unreadable = |e: std::io::Error| {
        Box::new(Diagnostic::at_path(shown, Code::Unreadable, format!("cannot read the file: {e}")))
    };
    // One open: the size comes from the open file, and the read stops past
    // the limit even if the file grows meanwhile.
    let file = std::fs::File::open(abs).map_err(unreadable)?;
    let size = file.metadata().map_err(unreadable)?.len();
    let too_large = |size: u64| {
        let message = format!("the file is {size} bytes; content files are limited to {MAX_TEXT_FILE} bytes");
        Box::new(Diagnostic::at_path(shown, Code::TooLarge, message))
    };
    if size > MAX_TEXT_FILE {
        return Err(too_large(size));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0) + 1);
    std::io::Read::read_to_end(&mut std::io::Read::take(file, MAX_TEXT_FILE + 1), &mut bytes).map_err(unreadable)?;
    if bytes.len() as u64 > MAX_TEXT_FILE {
        return Err(too_large(bytes.len() as u64));
    }
    if let Some(order) = utf16(&bytes) {
        let message = format!("the file is saved as UTF-16 ({order}), not as UTF-8 text");
        let help = "save it as UTF-8 in your editor (\"Save with encoding\" or \"Save as\": UTF-8)";
        return Err(Box::new(Diagnostic::at_path(shown, Code::NotUtf8, message).with_help(help)));
    }
    match String::from_utf8(bytes) {
        Ok(text) => {
            let file = SourceFile::from_text(shown.to_string(), rel.to_string(), text);
            match control_character(&file) {
                Some(d) => Err(Box::new(d)),
                None => Ok(file),
            }
        }
        Err(e) => {
            let good = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let prefix = String::from_utf8_lossy(&bytes[..good]).into_owned();
            let file = SourceFile::new(shown.to_string(), rel.to_string(), &prefix);
            let (line, col) = file.position(file.text.len());
            let message = "the file is not valid UTF-8 text".to_string();
            let mut d = Diagnostic::error(&file, Span::new(line, col, 1), Code::NotUtf8, message)
                .with_help("save the file as UTF-8 in your editor");
            d.quoted = None;
            Err(Box::new(d))
        }
    }
}

/// The byte order of a file saved as UTF-16 (as some Windows editors save
/// "Unicode" text): its byte order mark, or, without one, NUL bytes in
/// every other place of its first line or so, which UTF-8 text never has.
fn utf16(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xFF, 0xFE, ..] => return Some("little-endian"),
        [0xFE, 0xFF, ..] => return Some("big-endian"),
        _ => {}
    }
    let head = &bytes[..bytes.len().min(64) & !1];
    if head.len() < 4 {
        return None;
    }
    let nul_at = |parity: usize| head.iter().skip(parity).step_by(2).all(|b| *b == 0);
    let text_at = |parity: usize| head.iter().skip(parity).step_by(2).all(|b| *b != 0);
    if nul_at(1) && text_at(0) {
        Some("little-endian")
    } else if nul_at(0) && text_at(1) {
        Some("big-endian")
    } else {
        None
    }
}

/// The first control character of a text file (NUL, escape, the C1
/// controls: anything but tab and line ends), which no editor shows and
/// YAML does not allow, as an error at its place.
fn control_character(file: &SourceFile) -> Option<Diagnostic> {
    // Read as bytes (every file of a site is read so): the C0 controls and
    // DEL are one byte each, the C1 controls two, led by 0xC2.
    let bytes = file.text.as_bytes();
    let offset = bytes.iter().enumerate().position(|(i, &b)| {
        (b < 0x20 && b != b'\t' && b != b'\n')
            || b == 0x7F
            || (b == 0xC2 && bytes.get(i + 1).is_some_and(|n| (0x80..=0x9F).contains(n)))
    })?;
    let c = file.text[offset..].chars().next()?;
    let (line, col) = file.position(offset);
    let message = format!("the file contains an invisible control character (U+{:04X})", u32::from(c));
    let mut d = Diagnostic::error(file, Span::new(line, col, 1), Code::ControlCharacter, message)
        .with_help("delete it: it may have come with text pasted from another program");
    // The quoted line would carry the character itself.
    d.quoted = d.quoted.map(|q| q.replace(|ch: char| ch.is_control() && ch != '\t', "\u{FFFD}"));
    Some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_control_character_and_no_other_is_found_where_it_is() {
        let found = |text: &str| {
            control_character(&SourceFile::new("content/x.md".into(), "x.md".into(), text))
                .map(|d| (d.span.line, d.span.col, d.message))
        };
        // Tab and line ends are text (a lone CR is a line end to SourceFile).
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32).filter(|c| !matches!(c, '\t' | '\n' | '\r')) {
            let hit = found(&format!("é中\n{c}x"));
            assert_eq!(hit.is_some(), c.is_control(), "U+{:04X}", u32::from(c));
            if let Some((line, col, message)) = hit {
                assert_eq!((line, col), (2, 1));
                assert!(message.contains(&format!("U+{:04X}", u32::from(c))), "{message}");
            }
        }
    }

    #[test]
    fn classify_table() {
        let ok = |rel: &str| classify(rel).is_ok();
        assert!(matches!(classify("forums/2020/forum.md"), Ok(Some(Slot::Doc(DocKind::Forum { year: 2020 }, None)))));
        assert_eq!(translation_of("forums/2020/forum.fr.md"), Some((DocKind::Forum { year: 2020 }, "fr".into())));
        assert_eq!(translation_of("pages/about.zh.md"), Some((DocKind::Page { slug: "about".into() }, "zh".into())));
        assert_eq!(translation_of("forums/2020/hlt/e-trade.ar.md").map(|t| t.1), Some("ar".into()));
        assert!(!ok("pages/about.French.md"), "a language code is lowercase and short");
        assert!(!ok("forums/2020/forums.fr.md"));
        assert_eq!(translation_path("pages/about.md", "es").as_deref(), Some("pages/about.es.md"));
        assert!(matches!(classify("static/img/a.png"), Ok(None)));
        assert!(ok("forums/2020/hlt/bridging-divides.md"));
        assert!(!ok("forums/20x0/forum.md"));
        assert!(!ok("forums/2020/hlt/Bridging Divides.md"));
        assert!(!ok("ungis/notes.txt"));
        assert!(!ok("README.md"));
        assert!(!ok("forums/2020/extra.md"));
    }

    #[test]
    fn slugs() {
        assert!(is_slug("c2-roadmap-2020"));
        assert!(!is_slug("C2"));
        assert!(!is_slug("a_b"));
        assert!(!is_slug(""));
        let (_, _, help) = slug_of("My File.md").unwrap_err();
        assert!(help.contains("my-file.md"), "{help}");
    }
}
