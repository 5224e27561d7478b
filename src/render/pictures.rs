//! Pictures made smaller: the web copy of a large photo (at most
//! [`WEB_WIDTH`] pixels wide, the original kept beside it for download)
//! and the copy a PDF brief embeds (at most 300 dpi across the text
//! width, so a brief stays small). Both are the same bytes on every build,
//! and kept in a cache beside the output, keyed by the picture's hash, so
//! an unchanged photo is resized once.

use crate::pictures::{scaled, web_path, Picture, PictureKind, WEB_WIDTH};
use std::io::Cursor;
use std::path::Path;

/// The widest a picture is embedded in a brief, in pixels: the text width
/// of an A4 page (170 mm) at 300 dpi.
pub const PRINT_WIDTH: u32 = 2000;

/// The web copies of every picture that has one: (path from the site
/// root, bytes). `cache`: where copies made before are kept. A picture
/// whose header reads but whose data does not decode is copied as it is
/// (the page still shows what the browser can), never a failed build.
pub fn web_copies(
    statics: &[crate::load::StaticFile],
    pictures: &crate::markdown::Pictures,
    cache: Option<&Path>,
) -> Vec<(String, Vec<u8>)> {
    use rayon::prelude::*;
    let wanted: Vec<(&crate::load::StaticFile, &Picture)> = statics
        .iter()
        .filter_map(|s| match pictures.get(&s.rel_path) {
            Some(Ok(p)) if p.has_web_copy() => Some((s, p)),
            _ => None,
        })
        .collect();
    wanted
        .into_par_iter()
        .filter_map(|(s, p)| {
            let bytes = cached(cache, &format!("{}-{WEB_WIDTH}w", p.hash), || smaller(&s.abs_path, p, WEB_WIDTH))
                .or_else(|_| std::fs::read(&s.abs_path))
                .ok()?;
            Some((web_path(&s.rel_path, p), bytes))
        })
        .collect()
}

/// The pictures a brief may embed, each by the name its data gives it
/// (`crate::pictures::print_name`), with its file.
pub fn printable(model: &crate::model::Model) -> Vec<(String, std::path::PathBuf, Picture)> {
    model
        .statics
        .iter()
        .filter_map(|s| {
            let p = model.pictures.get(&s.rel_path)?.as_ref().ok()?;
            Some((crate::pictures::print_name(p), s.abs_path.clone(), p.clone()))
        })
        .collect()
}

/// The bytes of the picture a brief names `name`, from `printable`.
pub fn print_bytes(
    printable: &[(String, std::path::PathBuf, Picture)],
    name: &str,
    cache: Option<&Path>,
) -> Option<Vec<u8>> {
    let (_, path, picture) = printable.iter().find(|(n, _, _)| n == name)?;
    print_copy(path, picture, cache).ok()
}

/// A picture as a brief embeds it: an SVG as it is (vectors), a raster
/// picture no wider than [`PRINT_WIDTH`], as PNG or JPEG.
pub fn print_copy(abs_path: &Path, picture: &Picture, cache: Option<&Path>) -> Result<Vec<u8>, String> {
    let as_is = picture.kind == PictureKind::Svg
        || (picture.width <= PRINT_WIDTH && matches!(picture.kind, PictureKind::Png | PictureKind::Jpeg));
    if as_is {
        return std::fs::read(abs_path).map_err(|e| e.to_string());
    }
    cached(cache, &format!("{}-print", picture.hash), || smaller(abs_path, picture, PRINT_WIDTH))
}

/// The bytes `make` gives, kept in `cache` under `key`.
fn cached(cache: Option<&Path>, key: &str, make: impl FnOnce() -> Result<Vec<u8>, String>) -> Result<Vec<u8>, String> {
    match cache {
        Some(dir) => super::cache::read_or_make(dir, key, make),
        None => make(),
    }
}

/// The picture at most `width` pixels wide: a JPEG stays a JPEG
/// (quality 85), anything else becomes a PNG (lossless, transparency
/// kept).
fn smaller(abs_path: &Path, picture: &Picture, width: u32) -> Result<Vec<u8>, String> {
    let bytes = std::fs::read(abs_path).map_err(|e| e.to_string())?;
    let mut reader = image::ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(|e| e.to_string())?;
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(crate::pictures::MAX_SIDE);
    limits.max_image_height = Some(crate::pictures::MAX_SIDE);
    reader.limits(limits);
    let img = reader.decode().map_err(|e| format!("cannot decode it: {e}"))?;
    let img = if picture.width > width {
        img.resize_exact(width, scaled(picture.height, width, picture.width), image::imageops::FilterType::Lanczos3)
    } else {
        img
    };
    let mut out = Vec::new();
    if picture.kind == PictureKind::Jpeg {
        let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85);
        img.to_rgb8().write_with_encoder(encoder).map_err(|e| e.to_string())?;
    } else {
        img.write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png).map_err(|e| e.to_string())?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wide_photo_is_resized_to_the_web_width_keeping_its_shape() {
        let dir = tempfile_dir();
        let path = dir.join("wide.png");
        image::RgbImage::from_pixel(3200, 800, image::Rgb([10, 90, 170])).save(&path).unwrap();
        let picture = Picture { kind: PictureKind::Png, width: 3200, height: 800, hash: "x".into() };
        let small = smaller(&path, &picture, WEB_WIDTH).unwrap();
        let decoded = image::load_from_memory(&small).unwrap();
        assert_eq!((decoded.width(), decoded.height()), (WEB_WIDTH, 400));
        let _ = std::fs::remove_dir_all(dir);
    }

    fn tempfile_dir() -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("wsis-pictures-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }
}
