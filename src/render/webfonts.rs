//! Web fonts for the pages, so that every script reads on every reader's
//! machine (a fresh Linux desktop or a kiosk has no Chinese font): the
//! theme's `fonts/` (the ones the PDF briefs use), each subset to the
//! characters one language's pages use beyond Latin, Greek and Cyrillic
//! (which every system has), as WOFF2. They are written as
//! `assets/fonts/<code>.css`, one family, `WSIS Text`, with a face per font
//! and `font-display: swap`, which the theme's style sheets name first (it
//! has no Latin letter, so Latin text keeps the system's fonts; named after
//! them, Chromium drew some headings in Chinese with a Latin system font's
//! empty boxes); the fonts sit in the style sheet as `data:`
//! URLs, because a page opened from disk may not load a font file beside it.
//! A reader of the English pages downloads no Chinese.
//!
//! Subsetting is skera's (Google Fonts' port of HarfBuzz's subsetter, which
//! keeps the Arabic joining forms a shaper needs); WOFF2 is ttf2woff2's.

use crate::load::theme::ThemeFiles;
use read_fonts::collections::IntSet;
use read_fonts::{FontRef, TableProvider};
use std::collections::BTreeSet;

/// The family name the theme's style sheets name.
pub const FAMILY: &str = "WSIS Text";

/// Brotli's effort: 7 compresses within 3% of the maximum in a twentieth
/// of the time (a font of 3,000 Chinese characters in 70 ms).
const BROTLI_QUALITY: u8 = 7;

/// Where language `code`'s style sheet goes under the output folder.
pub fn stylesheet_path(code: &str) -> String {
    format!("assets/fonts/{code}.css")
}

/// Whether a character is one a system may lack a font for: beyond Latin,
/// Greek, Cyrillic and the punctuation and symbols every system font has.
pub fn needs_font(c: char) -> bool {
    c >= '\u{0590}' && !('\u{2000}'..='\u{2BFF}').contains(&c)
}

/// Calls `f` with each character of `text` that needs a font. Markup is
/// ASCII, and Latin, Greek and Cyrillic letters are two bytes led by less
/// than 0xD6 (U+0580): the scan skips to the lead byte of each character
/// from U+0580 on (it runs over every page).
/// The scan reads bytes, so a page just rendered is not checked to be
/// UTF-8 once more (a six-language site writes more than a gigabyte): a
/// byte that leads no character is passed over.
fn each_needing_font(bytes: &[u8], mut f: impl FnMut(char)) {
    let mut at = 0;
    while let Some(skip) = first_lead_from_u0580(&bytes[at..]) {
        at += skip;
        let Some((c, len)) = decode(&bytes[at..]) else {
            at += 1;
            continue;
        };
        at += len;
        if needs_font(c) {
            f(c);
        }
    }
}

/// Where the first byte of at least 0xD6 is: eight bytes at a time, since
/// most of a page is markup and Latin text. For a byte `b`, `b & 0x7F`
/// plus 0x2A reaches 0x80 exactly when `b & 0x7F` is at least 0x56, and
/// never carries into the next byte; with `b`'s own top bit, that is
/// `b >= 0xD6`.
fn first_lead_from_u0580(bytes: &[u8]) -> Option<usize> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const LOW: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    const ADD: u64 = 0x2A2A_2A2A_2A2A_2A2A;
    let mut words = bytes.chunks_exact(8);
    let mut at = 0;
    for word in words.by_ref() {
        let w = u64::from_le_bytes([word[0], word[1], word[2], word[3], word[4], word[5], word[6], word[7]]);
        let found = ((w & LOW) + ADD) & w & HIGH;
        if found != 0 {
            return Some(at + found.trailing_zeros() as usize / 8);
        }
        at += 8;
    }
    words.remainder().iter().position(|b| *b >= 0xD6).map(|i| at + i)
}

/// The character a UTF-8 sequence starts with, and its length, read
/// without checking the continuation bytes (a page the generator wrote is
/// UTF-8; a stray byte gives at worst a character no font has, left out).
fn decode(bytes: &[u8]) -> Option<(char, usize)> {
    let cont = |i: usize| bytes.get(i).map(|b| u32::from(b & 0x3F));
    let lead = u32::from(*bytes.first()?);
    match lead {
        0xC0..=0xDF => Some((char::from_u32(((lead & 0x1F) << 6) | cont(1)?)?, 2)),
        0xE0..=0xEF => Some((char::from_u32(((lead & 0x0F) << 12) | (cont(1)? << 6) | cont(2)?)?, 3)),
        0xF0..=0xF7 => {
            let c = ((lead & 0x07) << 18) | (cont(1)? << 12) | (cont(2)? << 6) | cont(3)?;
            Some((char::from_u32(c)?, 4))
        }
        _ => None,
    }
}

/// The characters of `text` that need a font.
pub fn chars_needing_font(text: &str) -> BTreeSet<u32> {
    let mut out = BTreeSet::new();
    each_needing_font(text.as_bytes(), |c| {
        out.insert(u32::from(c));
    });
    out
}

/// The characters needing a font that one language's pages use, gathered
/// from pages rendered on several threads at once: a bit a code point, set
/// without a lock (a page of Chinese sets thousands).
pub struct UsedChars {
    bits: Vec<std::sync::atomic::AtomicU64>,
}

impl Default for UsedChars {
    fn default() -> Self {
        UsedChars { bits: (0..0x11_0000 / 64).map(|_| Default::default()).collect() }
    }
}

impl UsedChars {
    /// Takes the characters of one page.
    pub fn add(&self, html: &[u8]) {
        use std::sync::atomic::Ordering::Relaxed;
        each_needing_font(html, |c| {
            let (word, bit) = (c as usize / 64, 1u64 << (c as usize % 64));
            // Most characters are seen already: a read, not a write.
            if self.bits[word].load(Relaxed) & bit == 0 {
                self.bits[word].fetch_or(bit, Relaxed);
            }
        });
    }

    /// Every character taken, in order.
    pub fn chars(&self) -> BTreeSet<u32> {
        use std::sync::atomic::Ordering::Relaxed;
        let mut out = BTreeSet::new();
        for (word, bits) in self.bits.iter().enumerate() {
            let mut bits = bits.load(Relaxed);
            while bits != 0 {
                let bit = bits.trailing_zeros();
                out.insert((word * 64) as u32 + bit);
                bits &= bits - 1;
            }
        }
        out
    }
}

/// One font of the theme, read once.
struct ThemeFont<'a> {
    /// The file's name without its extension.
    name: &'a str,
    /// The fonts of one family share a group (`NotoNaskhArabic-Bold` and
    /// `-Regular`: `NotoNaskhArabic`), which takes the same characters.
    group: &'a str,
    bytes: &'a [u8],
    glyphs: u16,
    /// Its weight (`usWeightClass`: 400 regular, 700 bold).
    weight: u16,
}

fn theme_fonts(theme: &ThemeFiles) -> Vec<ThemeFont<'_>> {
    theme
        .under("fonts")
        .filter(|(rel, _)| rel.ends_with(".ttf") || rel.ends_with(".otf"))
        .filter_map(|(rel, file)| {
            let font = FontRef::new(file.bytes.as_ref()).ok()?;
            let name = rel.rsplit_once('.').map_or(rel, |(stem, _)| stem);
            Some(ThemeFont {
                name,
                group: name.split_once('-').map_or(name, |(family, _)| family),
                bytes: file.bytes.as_ref(),
                glyphs: font.maxp().map_or(u16::MAX, |m| m.num_glyphs()),
                weight: font.os2().map_or(400, |o| o.us_weight_class()),
            })
        })
        .collect()
}

/// Whether the font's character map has a glyph for `c`.
fn covers(cmap: &read_fonts::tables::cmap::Cmap, c: u32) -> bool {
    cmap.map_codepoint(c).is_some_and(|g| g.to_u32() != 0)
}

/// The style sheet of one language whose pages use `chars`: a face for
/// each font of the theme that has some of them, holding those (each taken
/// by the family with the fewest glyphs that has it: the most specific).
/// Empty when no font is needed.
pub fn stylesheet(theme: &ThemeFiles, chars: &BTreeSet<u32>) -> Result<String, String> {
    if chars.is_empty() {
        return Ok(String::new());
    }
    let fonts = theme_fonts(theme);
    let mut groups: Vec<&str> = fonts.iter().map(|f| f.group).collect();
    groups.sort_unstable();
    groups.dedup();
    // The smallest font of each group stands for it when sharing out, its
    // character map read once.
    let mut order: Vec<(u16, &str, read_fonts::tables::cmap::Cmap)> = groups
        .iter()
        .filter_map(|g| fonts.iter().filter(|f| f.group == *g).min_by_key(|f| f.glyphs))
        .filter_map(|f| Some((f.glyphs, f.group, FontRef::new(f.bytes).ok()?.cmap().ok()?)))
        .collect();
    order.sort_by_key(|(glyphs, group, _)| (*glyphs, *group));
    let mut taken: Vec<(&str, BTreeSet<u32>)> = Vec::new();
    for &c in chars {
        if let Some((_, group, _)) = order.iter().find(|(_, _, cmap)| covers(cmap, c)) {
            match taken.iter_mut().find(|(g, _)| g == group) {
                Some((_, set)) => {
                    set.insert(c);
                }
                None => taken.push((group, BTreeSet::from([c]))),
            }
        }
    }
    // One face a family, its regular (the weight nearest 400), all with the
    // same descriptors: a browser picks the faces of the nearest weight
    // first and only then looks at their ranges, so a bold face of one
    // script would hide the regular face of another; bold is drawn from
    // the regular.
    let mut css = String::new();
    for (group, set) in &taken {
        let Some(font) = fonts.iter().filter(|f| f.group == *group).min_by_key(|f| f.weight.abs_diff(400)) else {
            continue;
        };
        let woff2 = subset(font.bytes, set).map_err(|e| format!("fonts/{}: {e}", font.name))?;
        css.push_str(&format!(
            "@font-face {{ font-family: \"{FAMILY}\"; font-weight: 400; font-display: swap; \
             src: url(\"data:font/woff2;base64,{}\") format(\"woff2\"); unicode-range: {}; }}\n",
            base64(&woff2),
            unicode_range(set)
        ));
    }
    Ok(css)
}

/// `font` reduced to the glyphs of `chars` (and what they need: joining
/// forms, components), as WOFF2.
fn subset(font: &[u8], chars: &BTreeSet<u32>) -> Result<Vec<u8>, String> {
    let font = FontRef::new(font).map_err(|e| e.to_string())?;
    let unicodes: IntSet<u32> = chars.iter().copied().collect();
    let features = skera::DEFAULT_LAYOUT_FEATURES.iter().copied().collect();
    let plan = skera::Plan::new(
        &IntSet::empty(),
        &unicodes,
        &font,
        skera::SubsetFlags::default(),
        &IntSet::empty(),
        &IntSet::all(),
        &features,
        &IntSet::empty(),
        &IntSet::empty(),
    );
    let ttf = skera::subset_font(&font, &plan).map_err(|e| e.to_string())?;
    ttf2woff2::encode(&ttf, ttf2woff2::BrotliQuality::from(BROTLI_QUALITY)).map_err(|e| e.to_string())
}

/// `U+627,U+644-646,...`: the characters as CSS ranges.
fn unicode_range(chars: &BTreeSet<u32>) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut run: Option<(u32, u32)> = None;
    let mut push = |(a, b): (u32, u32)| {
        out.push(if a == b { format!("U+{a:X}") } else { format!("U+{a:X}-{b:X}") });
    };
    for &c in chars {
        run = match run {
            Some((a, b)) if b + 1 == c => Some((a, c)),
            Some(done) => {
                push(done);
                Some((c, c))
            }
            None => Some((c, c)),
        };
    }
    if let Some(done) = run {
        push(done);
    }
    out.join(",")
}

/// Standard base64 with padding.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_is_read_back_from_its_utf8() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32).filter(|c| !c.is_ascii()) {
            let mut buf = [0; 4];
            let text = c.encode_utf8(&mut buf);
            assert_eq!(decode(text.as_bytes()), Some((c, text.len())), "U+{:04X}", u32::from(c));
        }
        let mut seen = Vec::new();
        each_needing_font("a é 中 ع".as_bytes(), |c| seen.push(c));
        assert_eq!(seen, ['中', 'ع'], "in the order written, Latin needing none");
    }

    #[test]
    fn the_word_scan_finds_the_first_byte_from_0xd6_wherever_it_is() {
        for b in 0..=255u8 {
            for at in 0..20 {
                for len in at + 1..=21 {
                    let mut bytes = vec![b'a'; len];
                    bytes[at] = b;
                    // Bytes just under the bound around it, which must not count.
                    if at > 0 {
                        bytes[at - 1] = 0xD5;
                    }
                    let slow = bytes.iter().position(|x| *x >= 0xD6);
                    assert_eq!(first_lead_from_u0580(&bytes), slow, "byte {b:#04x} at {at} of {len}");
                }
            }
        }
    }

    #[test]
    fn base64_and_ranges_are_written_as_css_reads_them() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(unicode_range(&BTreeSet::from([0x627, 0x644, 0x645, 0x646, 0x4E00])), "U+627,U+644-646,U+4E00");
    }

    #[test]
    fn only_characters_beyond_latin_greek_and_cyrillic_need_a_font() {
        let text = "Forum — Форум, Développement, «55 %», 信息 العربية";
        let chars = chars_needing_font(text);
        let found: String = chars.iter().filter_map(|c| char::from_u32(*c)).collect();
        assert_eq!(found, "ابةرعلي信息");
        let used = UsedChars::default();
        used.add(text.as_bytes());
        used.add("English only".as_bytes());
        assert_eq!(used.chars(), chars, "the shared set takes the same");
    }

    #[test]
    fn each_script_takes_the_theme_font_made_for_it() {
        let theme = ThemeFiles::builtin();
        let chars: BTreeSet<u32> = "信息社会 العربية".chars().filter(|c| needs_font(*c)).map(u32::from).collect();
        let css = stylesheet(&theme, &chars).unwrap();
        assert_eq!(css.matches("@font-face").count(), 2, "Arabic (its regular), Chinese: {css}");
        assert_eq!(css.matches("font-weight: 400;").count(), 2, "one weight for all faces: {css}");
        assert!(css.contains("font-display: swap"));
        assert!(css.contains("unicode-range: U+4F1A,U+4FE1,U+606F,U+793E;"), "the Chinese face: {css}");
        assert!(stylesheet(&theme, &BTreeSet::new()).unwrap().is_empty(), "English pages load no font");
    }
}
