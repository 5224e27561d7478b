//! The pictures among the static files (`content/static/**.png|jpg|gif|
//! webp|svg`): what each is and how large, read from its header without
//! decoding it, or why it cannot be shown (not the picture its name says,
//! too large to decode). Bodies that show one get its size for `width` and
//! `height`; the web pages get a smaller copy of a large photo, the PDF
//! briefs one at print resolution (`render::pictures`). A leaf module:
//! it uses no other stage.

use crate::load::StaticFile;
use rayon::prelude::*;
use std::collections::BTreeMap;

/// The widest a picture is shown on a web page, in pixels: a larger one
/// gets a copy this wide (twice the text column, for sharp screens).
pub const WEB_WIDTH: u32 = 1600;

/// The most pixels a picture may have (a 50-megapixel photo): past this,
/// decoding it would take more memory than a build should.
pub const MAX_PIXELS: u64 = 50_000_000;

/// The longest side a picture may have, in pixels.
pub const MAX_SIDE: u32 = 20_000;

/// The largest SVG file read for its size, in bytes (a content file's
/// limit).
const MAX_SVG: u64 = 8 * 1024 * 1024;

/// What a picture is encoded as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PictureKind {
    Png,
    Jpeg,
    Gif,
    Webp,
    /// Vector graphics: shown as they are on the web and kept as vectors
    /// in the PDF.
    Svg,
}

impl PictureKind {
    /// The file extension of the kind.
    pub fn extension(self) -> &'static str {
        match self {
            PictureKind::Png => "png",
            PictureKind::Jpeg => "jpg",
            PictureKind::Gif => "gif",
            PictureKind::Webp => "webp",
            PictureKind::Svg => "svg",
        }
    }
}

/// A picture that can be shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    pub kind: PictureKind,
    /// Its size in pixels (an SVG's in its own units); 0 when an SVG gives
    /// none.
    pub width: u32,
    pub height: u32,
    /// A hash of its bytes, in hex: the key of its smaller copies in the
    /// cache and in a brief's data, so a changed picture is never shown
    /// from an old copy.
    pub hash: String,
}

impl Picture {
    /// Whether the web pages show a smaller copy of it: a photo or
    /// drawing wider than [`WEB_WIDTH`] (an animation or vector drawing is
    /// shown as it is).
    pub fn has_web_copy(&self) -> bool {
        matches!(self.kind, PictureKind::Png | PictureKind::Jpeg | PictureKind::Webp) && self.width > WEB_WIDTH
    }

    /// The size a page shows it at: its own, or its web copy's.
    pub fn shown_size(&self) -> (u32, u32) {
        if self.has_web_copy() {
            (WEB_WIDTH, scaled(self.height, WEB_WIDTH, self.width))
        } else {
            (self.width, self.height)
        }
    }
}

/// `value * num / den`, rounded, at least 1.
pub fn scaled(value: u32, num: u32, den: u32) -> u32 {
    let den = u64::from(den.max(1));
    ((u64::from(value) * u64::from(num) + den / 2) / den).max(1) as u32
}

/// Where a picture's web copy is written, from the site root:
/// `static/img/photo.jpg` -> `assets/pictures/img/photo-1600w.jpg`
/// (a folder of the generator's own, so no editor's file is overwritten).
/// A WebP picture's copy is a PNG.
pub fn web_path(rel_path: &str, picture: &Picture) -> String {
    let inside = rel_path.strip_prefix("static/").unwrap_or(rel_path);
    let stem = inside.rsplit_once('.').map_or(inside, |(stem, _)| stem);
    let ext = match picture.kind {
        PictureKind::Webp => "png",
        kind => kind.extension(),
    };
    format!("assets/pictures/{stem}-{WEB_WIDTH}w.{ext}")
}

/// The name a PDF brief reads a picture by (its print copy's): by its
/// hash, so a brief's data changes, and its cached PDF with it, when the
/// picture does. A photo stays a JPEG, an SVG drawing stays vectors,
/// anything else is a PNG.
pub fn print_name(picture: &Picture) -> String {
    let ext = match picture.kind {
        PictureKind::Jpeg => "jpg",
        PictureKind::Svg => "svg",
        PictureKind::Png | PictureKind::Gif | PictureKind::Webp => "png",
    };
    format!("/pictures/{}.{ext}", picture.hash)
}

/// A picture's natural width in a brief, in points: a photo at 150 dots
/// an inch, an SVG drawing at its CSS size (0 when it gives none: the
/// text width).
pub fn print_width(picture: &Picture) -> f64 {
    match picture.kind {
        PictureKind::Svg if picture.width == 0 => 10_000.0,
        PictureKind::Svg => f64::from(picture.width) * 0.75,
        _ => f64::from(picture.width) * 72.0 / 150.0,
    }
}

/// The kind a file's name says it is, if a picture.
pub fn kind_by_name(rel_path: &str) -> Option<PictureKind> {
    let ext = rel_path.rsplit_once('.')?.1.to_ascii_lowercase();
    Some(match ext.as_str() {
        "png" => PictureKind::Png,
        "jpg" | "jpeg" => PictureKind::Jpeg,
        "gif" => PictureKind::Gif,
        "webp" => PictureKind::Webp,
        "svg" => PictureKind::Svg,
        _ => return None,
    })
}

/// Every picture among `statics`, by its path from the content folder
/// (`static/img/photo.jpg`): its size, or why it cannot be shown.
pub fn survey(statics: &[StaticFile]) -> BTreeMap<String, Result<Picture, String>> {
    statics
        .par_iter()
        .filter_map(|s| Some((s.rel_path.clone(), read(&s.abs_path, kind_by_name(&s.rel_path)?))))
        .collect()
}

/// A 64-bit FNV-1a hash of `bytes`, in hex.
fn hash(bytes: &[u8]) -> String {
    format!("{:016x}", fnv(0xcbf2_9ce4_8422_2325, bytes))
}

fn fnv(mut h: u64, bytes: &[u8]) -> u64 {
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The same hash of a file, read a piece at a time: a huge file under a
/// picture's name costs time, not memory.
fn hash_file(path: &std::path::Path) -> std::io::Result<String> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let (mut h, mut buf) = (0xcbf2_9ce4_8422_2325, vec![0u8; 64 * 1024]);
    loop {
        match file.read(&mut buf)? {
            0 => return Ok(format!("{h:016x}")),
            n => h = fnv(h, &buf[..n]),
        }
    }
}

fn read(path: &std::path::Path, named: PictureKind) -> Result<Picture, String> {
    if named == PictureKind::Svg {
        let meta = std::fs::metadata(path).map_err(|e| format!("cannot read it: {e}"))?;
        if meta.len() > MAX_SVG {
            return Err(format!("it is {} bytes, past the {MAX_SVG} an SVG picture may have", meta.len()));
        }
        let bytes = std::fs::read(path).map_err(|e| format!("cannot read it: {e}"))?;
        let text = std::str::from_utf8(&bytes).map_err(|_| "it is not an SVG drawing (not UTF-8 text)".to_string())?;
        let (width, height) = svg_size(text).ok_or("it is not an SVG drawing (no <svg> element)")?;
        return Ok(Picture { kind: PictureKind::Svg, width, height, hash: hash(&bytes) });
    }
    // The header only, its kind told by its bytes, not its name (the
    // picture is decoded when a copy is made).
    let reader = std::fs::File::open(path)
        .and_then(|f| image::ImageReader::new(std::io::BufReader::new(f)).with_guessed_format())
        .map_err(|e| format!("cannot read it: {e}"))?;
    let kind = match reader.format() {
        Some(image::ImageFormat::Png) => PictureKind::Png,
        Some(image::ImageFormat::Jpeg) => PictureKind::Jpeg,
        Some(image::ImageFormat::Gif) => PictureKind::Gif,
        Some(image::ImageFormat::WebP) => PictureKind::Webp,
        Some(other) => {
            return Err(format!(
                "it is a {other:?} picture, which pages and briefs do not show; save it as PNG, JPEG, GIF, WebP or SVG"
            ))
        }
        None => return Err(format!("it is not a picture: its bytes are not those of a {} file", named.extension())),
    };
    let (width, height) = reader.into_dimensions().map_err(|e| format!("it cannot be decoded: {e}"))?;
    if width > MAX_SIDE || height > MAX_SIDE || u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(format!(
            "it is {width} x {height} pixels, too large to decode (at most {MAX_SIDE} a side and {} megapixels)",
            MAX_PIXELS / 1_000_000
        ));
    }
    let hash = hash_file(path).map_err(|e| format!("cannot read it: {e}"))?;
    Ok(Picture { kind, width, height, hash })
}

/// The size an SVG drawing gives itself: its `width` and `height` in
/// pixels, else its `viewBox`; (0, 0) when it gives none. `None` when
/// there is no `<svg` element.
fn svg_size(text: &str) -> Option<(u32, u32)> {
    let start = text.find("<svg")?;
    let tag = &text[start..start + text[start..].find('>')?];
    let attr = |name: &str| -> Option<&str> {
        let at = tag.match_indices(name).find(|(i, _)| tag[..*i].ends_with(char::is_whitespace))?.0 + name.len();
        let rest = tag[at..].trim_start().strip_prefix('=')?.trim_start();
        let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let rest = &rest[1..];
        Some(&rest[..rest.find(quote)?])
    };
    let pixels = |v: &str| -> Option<u32> {
        let v = v.trim().strip_suffix("px").unwrap_or(v.trim());
        v.parse::<f64>()
            .ok()
            .filter(|n| n.is_finite() && *n > 0.0 && *n < f64::from(MAX_SIDE))
            .map(|n| n.round() as u32)
    };
    if let (Some(w), Some(h)) = (attr("width").and_then(pixels), attr("height").and_then(pixels)) {
        return Some((w, h));
    }
    let view: Vec<f64> = attr("viewBox")
        .map(|v| v.split([' ', ',']).filter(|p| !p.is_empty()).filter_map(|p| p.parse().ok()).collect())
        .unwrap_or_default();
    match view.as_slice() {
        [_, _, w, h] if *w > 0.0 && *h > 0.0 && *w < f64::from(MAX_SIDE) && *h < f64::from(MAX_SIDE) => {
            Some((w.round().max(1.0) as u32, h.round().max(1.0) as u32))
        }
        _ => Some((0, 0)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_svg_gives_its_size_in_pixels_or_by_its_view_box() {
        assert_eq!(svg_size(r#"<svg xmlns="x" width="640px" height='480'>"#), Some((640, 480)));
        assert_eq!(svg_size(r#"<svg viewBox="0 0 120.4 60">"#), Some((120, 60)));
        assert_eq!(svg_size(r#"<svg width="100%" viewBox="0,0,20,10">"#), Some((20, 10)));
        assert_eq!(svg_size("<svg>"), Some((0, 0)));
        assert_eq!(svg_size("<html>"), None);
    }

    #[test]
    fn a_file_is_hashed_a_piece_at_a_time_as_its_bytes_would_be() {
        let path = std::env::temp_dir().join(format!("wsis-hash-{}", std::process::id()));
        let bytes: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&path, &bytes).unwrap();
        assert_eq!(hash_file(&path).unwrap(), hash(&bytes));
        let _ = std::fs::remove_file(path);
    }

    #[test]
    fn a_large_photo_is_shown_from_a_copy_in_the_generators_folder() {
        let photo = Picture { kind: PictureKind::Jpeg, width: 4000, height: 3000, hash: "0".into() };
        assert_eq!(photo.shown_size(), (WEB_WIDTH, 1200));
        assert_eq!(web_path("static/img/opening.jpeg", &photo), "assets/pictures/img/opening-1600w.jpg");
        let logo = Picture { kind: PictureKind::Png, width: 300, height: 100, hash: "0".into() };
        assert!(!logo.has_web_copy());
        assert_eq!(logo.shown_size(), (300, 100));
    }
}
