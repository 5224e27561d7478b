//! The static files (`content/static/`), copied to the output as they
//! are: each must be a file that can be read, so `check` says what `build`
//! would fail on; and an SVG or HTML file that would run a script in a
//! reader's browser is named, since the raw-HTML rule of the bodies does
//! not reach it (a site that means it says `unsafe_html: true`).

use crate::diagnostics::Code;
use crate::diagnostics::Diagnostic;
use crate::load::StaticFile;
use crate::source::SourceFile;
use rayon::prelude::*;
use std::io::Read;

/// The most of a page-like static file that is looked through for
/// scripts, in bytes (a content file's limit).
const MAX_SCANNED: u64 = 8 * 1024 * 1024;

/// The diagnostics of every static file, in their order.
pub fn check(statics: &[StaticFile], unsafe_html: bool) -> Vec<Diagnostic> {
    statics.par_iter().filter_map(|s| check_one(s, unsafe_html)).collect()
}

fn check_one(file: &StaticFile, unsafe_html: bool) -> Option<Diagnostic> {
    let unreadable = |why: String| {
        Some(
            Diagnostic::at_path(&file.shown, Code::UnreadableStatic, format!("cannot read this file: {why}"))
                .with_help("give the file read permission, or remove it from content/static/"),
        )
    };
    match std::fs::metadata(&file.abs_path) {
        Ok(meta) if !meta.is_file() => {
            return Some(
                Diagnostic::at_path(
                    &file.shown,
                    Code::UnreadableStatic,
                    "this is not a file but a pipe, socket or device, which cannot be published".into(),
                )
                .with_help("remove it from content/static/"),
            )
        }
        Ok(_) => {}
        Err(e) => return unreadable(e.to_string()),
    }
    let opened = match std::fs::File::open(&file.abs_path) {
        Ok(f) => f,
        Err(e) => return unreadable(e.to_string()),
    };
    let ext = file.rel_path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    if unsafe_html || !matches!(ext.as_str(), "svg" | "html" | "htm" | "xhtml" | "xml") {
        return None;
    }
    let mut bytes = Vec::new();
    if let Err(e) = opened.take(MAX_SCANNED).read_to_end(&mut bytes) {
        return unreadable(e.to_string());
    }
    let text = String::from_utf8_lossy(&bytes);
    let (at, what) = script_in(&text)?;
    let source = SourceFile::new(file.shown.clone(), file.rel_path.clone(), &text);
    let span = source.span_of(at, at + what.len());
    Some(
        Diagnostic::warning(
            &source,
            span,
            Code::StaticScript,
            format!("`{what}` here runs in the browser of everyone who opens this file"),
        )
        .with_help("remove the script, or allow it for the whole site with `unsafe_html: true` in site.yaml"),
    )
}

/// Where `text` first holds something a browser runs: a `<script` tag, an
/// event handler attribute (`onload=`...), or a `javascript:` address.
fn script_in(text: &str) -> Option<(usize, &str)> {
    let lower = text.to_ascii_lowercase();
    let mut found: Vec<(usize, &str)> = Vec::new();
    if let Some(i) = lower.find("<script") {
        found.push((i, &text[i..i + 7]));
    }
    if let Some(i) = lower.find("javascript:") {
        found.push((i, &text[i..i + 11]));
    }
    let bytes = lower.as_bytes();
    let mut from = 0;
    while let Some(i) = lower[from..].find("on").map(|i| from + i) {
        from = i + 2;
        let before_ok = i > 0 && bytes[i - 1].is_ascii_whitespace();
        let name_end = bytes[i + 2..].iter().position(|b| !b.is_ascii_lowercase()).map_or(bytes.len(), |n| i + 2 + n);
        let after = lower[name_end..].trim_start();
        if before_ok && name_end > i + 2 && after.starts_with('=') {
            found.push((i, &text[i..name_end]));
            break;
        }
    }
    found.into_iter().min_by_key(|(i, _)| *i)
}

#[cfg(test)]
mod tests {
    use super::script_in;

    #[test]
    fn scripts_handlers_and_javascript_addresses_are_found_and_text_is_not() {
        assert_eq!(script_in("<svg>\n<SCRIPT>alert(1)</SCRIPT></svg>"), Some((6, "<SCRIPT")));
        assert_eq!(script_in("<svg onload = \"x()\">"), Some((5, "onload")));
        assert_eq!(script_in("<a href=\"javascript:x()\">"), Some((9, "javascript:")));
        assert_eq!(script_in("<svg><text>Only online content, one button</text></svg>"), None);
        assert_eq!(script_in("<p class=\"on\">done</p>"), None);
    }
}
