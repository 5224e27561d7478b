//! Arbitrary bytes as one content file of the fixture site in six
//! languages (the first byte picks which: a forum, a session, a UNGIS
//! activity, a roadmap, a page, one of the three YAML files, or a
//! translation of a forum or a session), run through load, validate,
//! link, plan and the render of every template page in every language.
//! Nothing may panic, and every diagnostic must point inside the file it
//! names.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const SLOTS: &[&str] = &[
    "forums/2020/forum.md",
    "forums/2020/hlt/fuzzed.md",
    "ungis/fuzzed.md",
    "roadmaps/fuzzed.md",
    "pages/fuzzed.md",
    "site.yaml",
    "action-lines.yaml",
    "sdgs.yaml",
    "forums/2020/forum.fr.md",
    "forums/2020/hlt/digital-inclusion.zh.md",
];

/// A private copy of the fixture site, on tmpfs when there is one.
fn site() -> &'static PathBuf {
    static SITE: OnceLock<PathBuf> = OnceLock::new();
    SITE.get_or_init(|| {
        let base = if Path::new("/dev/shm").is_dir() { PathBuf::from("/dev/shm") } else { std::env::temp_dir() };
        let dir = base.join(format!("wsis-fuzz-{}", std::process::id()));
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures");
        copy(&fixtures.join("site/content"), &dir.join("content"));
        // The six-language fixture laid over it: its languages, its 2020
        // forum and sessions, and their translations.
        copy(&fixtures.join("languages/content"), &dir.join("content"));
        dir
    })
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("fuzz site folder");
    for entry in std::fs::read_dir(from).expect("fixture site").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("fixture file");
        }
    }
}

/// Checks the content and renders every template page in every language
/// (the PDF briefs and the open data aside), as `wsis check` does: the
/// diagnostics, or a panic for a template that cannot render it (a finding
/// too).
fn check_and_render(content: &std::path::Path) -> Vec<wsis::diagnostics::Diagnostic> {
    let mut opts = wsis::BuildOptions::new(content.to_path_buf(), None, None);
    opts.pdf = false;
    match wsis::build(&opts) {
        Ok(report) => report.warnings,
        Err(wsis::BuildError::Content(diags)) => diags,
        Err(other) => panic!("{other}"),
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else { return };
    let slot = SLOTS[usize::from(pick) % SLOTS.len()];
    let content = site().join("content");
    let path = content.join(slot);
    let original = std::fs::read(&path).ok();
    std::fs::write(&path, bytes).expect("write fuzzed file");

    let diags = check_and_render(&content);
    let text = String::from_utf8_lossy(bytes);
    // Lines as an editor shows them: CRLF and a lone CR end a line.
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text).replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<&str> = text.split('\n').collect();
    for d in diags.iter().filter(|d| d.path == format!("content/{slot}")) {
        let line = lines.get(d.span.line.wrapping_sub(1));
        let width = line.map_or(0, |l| l.chars().count());
        assert!(
            d.span.line >= 1 && line.is_some() && d.span.col >= 1 && d.span.col <= width + 1,
            "{}:{}:{} lies outside the file ({} lines): {}",
            d.path,
            d.span.line,
            d.span.col,
            lines.len(),
            d.message
        );
    }

    match original {
        Some(bytes) => std::fs::write(&path, bytes).expect("restore"),
        None => std::fs::remove_file(&path).expect("remove fuzzed file"),
    }
});
