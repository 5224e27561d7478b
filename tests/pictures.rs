//! Pictures in bodies: a page gives each its size (no jump as it loads),
//! loads those below the first only when scrolled to, and shows a large
//! photo from a smaller copy, the original kept; the PDF brief embeds every
//! picture (a photo at print resolution, a drawing as vectors) with its
//! alternative text; a changed picture changes the brief.

mod common;

use common::*;
use std::fs;
use std::path::Path;

fn site_with_pictures() -> tempfile::TempDir {
    let site = fixture_site();
    copy_dir(&fixture("pictures").join("content"), &site.path().join("content"));
    let out = wsis(site.path(), &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    site
}

/// The widths of the raster pictures a PDF embeds, and the alternative
/// texts of its figures.
fn pdf_pictures(path: &Path) -> (Vec<i64>, Vec<String>) {
    let doc = lopdf::Document::load(path).expect("the brief parses");
    let (mut widths, mut alts) = (Vec::new(), Vec::new());
    for object in doc.objects.values() {
        let dict = match object {
            lopdf::Object::Stream(s) => &s.dict,
            lopdf::Object::Dictionary(d) => d,
            _ => continue,
        };
        let is = |key: &[u8], name: &[u8]| dict.get(key).and_then(|v| v.as_name()).is_ok_and(|n| n == name);
        if is(b"Subtype", b"Image") {
            if let Ok(w) = dict.get(b"Width").and_then(|w| w.as_i64()) {
                widths.push(w);
            }
        }
        if is(b"S", b"Figure") {
            if let Ok(alt) = dict.get(b"Alt").and_then(lopdf::decode_text_string) {
                alts.push(alt);
            }
        }
    }
    widths.sort_unstable();
    (widths, alts)
}

#[test]
fn a_page_sizes_its_pictures_and_shows_a_large_photo_from_a_smaller_copy() {
    let site = site_with_pictures();
    let out = site.path().join("output");
    let page = fs::read_to_string(out.join("forums/2020/hlt/pictures-session/index.html")).unwrap();
    // The first picture loads at once; the ones after it when scrolled to.
    assert!(
        page.contains(r#"<img src="../../../../assets/pictures/img/plenary-hall-1600w.jpg" alt="Delegates in the plenary hall at the opening" width="1600" height="847" decoding="async">"#),
        "{page}"
    );
    assert!(page.contains(r#"<img src="../../../../static/img/chart.png" alt="Sessions by Action Line, in blue" width="300" height="150" loading="lazy" decoding="async">"#), "{page}");
    assert!(page.contains(r#"<img src="../../../../static/img/diagram.svg" alt="Diagram of Action Line C7" width="240" height="120" loading="lazy""#), "{page}");
    let copy = image::open(out.join("assets/pictures/img/plenary-hall-1600w.jpg")).expect("the web copy is a picture");
    assert_eq!((copy.width(), copy.height()), (1600, 847));
    let original = fixture("pictures").join("content/static/img/plenary-hall.jpg");
    assert_eq!(
        fs::read(out.join("static/img/plenary-hall.jpg")).unwrap(),
        fs::read(original).unwrap(),
        "the original is kept"
    );
    assert!(broken_references(&out).is_empty(), "{:?}", broken_references(&out));

    // The HTML brief, printed whole, loads every picture at once.
    let brief = fs::read_to_string(out.join("forums/2020/brief/index.html")).unwrap();
    assert!(brief.contains(r#"<img src="../../../assets/pictures/img/plenary-hall-1600w.jpg""#), "{brief}");
    assert!(brief.contains(r#"src="../../../static/img/diagram.svg""#));
    assert!(!brief.contains(r#"loading="lazy""#), "a lazy picture may be missing from the printout");
}

#[test]
fn the_pdf_brief_embeds_every_picture_with_its_alternative_text() {
    let site = site_with_pictures();
    let pdf = site.path().join("output/forums/2020/brief.pdf");
    let (widths, alts) = pdf_pictures(&pdf);
    // The photo (1,700 pixels: under print resolution, kept) and the chart;
    // the SVG diagram is drawn as vectors, not as pixels.
    assert!(widths.contains(&1700) && widths.contains(&300), "{widths:?}");
    assert!(!widths.contains(&240), "the SVG drawing was made pixels: {widths:?}");
    for alt in [
        "Delegates in the plenary hall at the opening",
        "Sessions by Action Line, in blue",
        "Diagram of Action Line C7",
    ] {
        assert!(alts.iter().any(|a| a == alt), "no figure says {alt:?}: {alts:?}");
    }

    // A picture replaced under the same name is the new one in the brief
    // (the cache of typeset briefs knows the picture changed).
    image::RgbImage::from_pixel(200, 100, image::Rgb([200, 30, 30]))
        .save(site.path().join("content/static/img/chart.png"))
        .unwrap();
    let out = wsis(site.path(), &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let (widths, _) = pdf_pictures(&pdf);
    assert!(widths.contains(&200) && !widths.contains(&300), "the old picture is still in the brief: {widths:?}");
    let page = fs::read_to_string(site.path().join("output/forums/2020/hlt/pictures-session/index.html")).unwrap();
    assert!(page.contains(r#"width="200" height="100""#), "the page has the new size");
}

#[test]
fn a_photo_wider_than_print_needs_is_embedded_at_print_resolution() {
    let site = fixture_site();
    copy_dir(&fixture("pictures").join("content"), &site.path().join("content"));
    let wide = image::RgbImage::from_fn(3000, 1000, |x, _| image::Rgb([(x % 256) as u8, 90, 170]));
    wide.save(site.path().join("content/static/img/plenary-hall.jpg")).unwrap();
    let out = wsis(site.path(), &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let (widths, _) = pdf_pictures(&site.path().join("output/forums/2020/brief.pdf"));
    assert!(widths.contains(&2000) && !widths.contains(&3000), "{widths:?}");
}
