//! The language of an editor's text, guessed from its script, so a title
//! or paragraph in Arabic or Chinese inside an English site gets its own
//! `lang` in the HTML and in the PDF's tags (read and shaped right).

/// The language a script is written in here, for the scripts that name
/// one language well enough to tag it; `None` for Latin and the rest.
fn script_of(c: char) -> Option<&'static str> {
    match c as u32 {
        0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => Some("ar"),
        0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0xF900..=0xFAFF => Some("zh"),
        0x0400..=0x04FF => Some("ru"),
        0x0590..=0x05FF => Some("he"),
        0x3040..=0x30FF => Some("ja"),
        0xAC00..=0xD7AF => Some("ko"),
        _ => None,
    }
}

/// Whether `c` is a letter (Unicode Alphabetic), answered without the
/// slow table lookup for ASCII and for the blocks the six UN languages
/// write most of their text in (every character of these is alphabetic).
pub fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    common_letter(c) || c.is_alphabetic()
}

/// Letters of the blocks the six UN languages write most of their text in:
/// accented Latin, Cyrillic, the Arabic letters and the common CJK
/// ideographs (every character of these ranges is alphabetic).
fn common_letter(c: char) -> bool {
    matches!(
        u32::from(c),
        0x00C0..=0x00D6
            | 0x00D8..=0x00F6
            | 0x00F8..=0x024F
            | 0x0400..=0x0481
            | 0x048A..=0x052F
            | 0x0621..=0x064A
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
    )
}

/// Whether `c` belongs to a word (Unicode alphanumeric, as
/// `char::is_alphanumeric`), answered without the slow table lookup for
/// ASCII, the common letters of the six languages, and the punctuation and
/// spaces between their words. Every word split of the site's text (search
/// terms, mixed-alphabet checks) asks it of every character.
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    if common_letter(c) {
        return true;
    }
    // General punctuation and spaces, CJK punctuation, full-width
    // punctuation: none is a letter or a digit.
    if matches!(u32::from(c), 0x2000..=0x206F | 0x3000..=0x3004 | 0x3008..=0x3020 | 0xFF01..=0xFF0F) {
        return false;
    }
    c.is_alphanumeric()
}

/// The language of a text written mostly in a script other than Latin:
/// more than half of its letters, and at least two, are of that script.
/// A name in Cyrillic inside an English sentence does not make the
/// sentence Russian.
pub fn script_language(text: &str) -> Option<&'static str> {
    // Most paragraphs of most sites: no letter of any script named here.
    if text.is_ascii() {
        return None;
    }
    let mut letters = 0usize;
    let mut counts: Vec<(&'static str, usize)> = Vec::new();
    for c in text.chars().filter(|c| is_letter(*c)) {
        letters += 1;
        if let Some(lang) = script_of(c) {
            match counts.iter_mut().find(|(l, _)| *l == lang) {
                Some((_, n)) => *n += 1,
                None => counts.push((lang, 1)),
            }
        }
    }
    let (lang, n) = counts.into_iter().max_by_key(|&(_, n)| n)?;
    (n >= 2 && n * 2 > letters).then_some(lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quick_word_test_agrees_with_unicode_for_every_character() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "U+{:04X}", u32::from(c));
            assert_eq!(is_letter(c), c.is_alphabetic(), "U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn a_script_that_holds_most_of_the_letters_names_the_language() {
        assert_eq!(script_language("التحول الرقمي"), Some("ar"));
        assert_eq!(script_language("2025 信息社会"), Some("zh"));
        assert_eq!(script_language("Цифровая трансформация"), Some("ru"));
        assert_eq!(script_language("Bridging divides"), None);
    }

    #[test]
    fn one_letter_or_a_name_in_another_script_does_not() {
        assert_eq!(script_language("Remarks by Ӓ. Smith on digital inclusion"), None);
        assert_eq!(script_language("Ӓ"), None);
        assert_eq!(script_language("The word 信息 means information"), None);
    }
}
