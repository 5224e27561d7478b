//! Images in bodies: how a page shows a picture of the site (its size, its
//! web copy, loading when scrolled to), and the problems of showing one
//! that is not a picture.

use super::LinkProblem;
use crate::diagnostics::Code;
use std::ops::Range;

/// The pictures among the static files, by path (see `crate::pictures`).
pub type Pictures = std::collections::BTreeMap<String, Result<crate::pictures::Picture, String>>;

/// An image being read: where its tag goes among the events, and what it
/// is made of.
pub(super) struct OpenImage {
    pub(super) at: usize,
    pub(super) src: String,
    pub(super) title: String,
    pub(super) alt: String,
    pub(super) size: Option<(u32, u32)>,
}

impl OpenImage {
    /// The image's tag: its size when known, so the page does not jump as
    /// it loads; loaded only when scrolled to unless it is the body's
    /// first (`lazy`).
    pub(super) fn tag(&self, lazy: bool) -> String {
        let mut out = String::from("<img src=\"");
        let _ = pulldown_cmark_escape::escape_href(&mut out, &self.src);
        out.push_str("\" alt=\"");
        let _ = pulldown_cmark_escape::escape_html(&mut out, &self.alt);
        out.push('"');
        if !self.title.is_empty() {
            out.push_str(" title=\"");
            let _ = pulldown_cmark_escape::escape_html(&mut out, &self.title);
            out.push('"');
        }
        if let Some((width, height)) = self.size {
            out.push_str(&format!(" width=\"{width}\" height=\"{height}\""));
        }
        if lazy {
            out.push_str(" loading=\"lazy\"");
        }
        out.push_str(" decoding=\"async\">");
        out
    }
}

/// How a page shows a picture: its size, and its web copy from the site
/// root when it has one.
pub(super) type Shown = (Option<(u32, u32)>, Option<String>);

/// What an image's `@/` target (at `range` of the body) is among the
/// site's pictures: how a page shows it, or the problem of showing it.
pub(super) fn picture_of(pictures: &Pictures, target: &str, range: &Range<usize>) -> Result<Shown, LinkProblem> {
    let types = "a PNG, JPEG, GIF, WebP or SVG file";
    let problem =
        |code, message, help| LinkProblem { range: range.clone(), warning: false, code, message, help: Some(help) };
    match pictures.get(target) {
        Some(Ok(p)) => {
            let size = p.shown_size();
            let web = p.has_web_copy().then(|| crate::pictures::web_path(target, p));
            Ok(((size.0 > 0 && size.1 > 0).then_some(size), web))
        }
        Some(Err(why)) => Err(problem(
            Code::BadPicture,
            format!("picture `@/{target}` cannot be shown: {why}"),
            format!("replace the file with {types}, at most {} megapixels", crate::pictures::MAX_PIXELS / 1_000_000),
        )),
        None => Err(problem(
            Code::NotAPicture,
            format!("`@/{target}` is not a picture; an image shows {types}"),
            "link to it instead, `[its name](@/...)`, or show a picture of it".into(),
        )),
    }
}
