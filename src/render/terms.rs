//! How text becomes search terms, the same way `search.js` turns a query
//! into terms, so what a reader types finds what an editor wrote in any of
//! the six UN languages:
//! - case and accents fold (`developpement` finds `développement`, `е`
//!   finds `ё`): text is decomposed (NFD) and its combining marks dropped;
//! - Arabic is normalised: diacritics go with the marks, as do the hamza
//!   of `أ إ آ ؤ ئ`; `ٱ` reads as `ا`, `ى` as `ي`, the tatweel is dropped,
//!   and the article `ال` is optional (taken off both sides);
//! - Chinese has no spaces: a run of Han characters becomes each of its
//!   characters and its overlapping pairs (`信息社会` -> `信 信息 息 息社
//!   社 社会 会`), so a query of one character, or of two or more (its
//!   pairs, all required), finds a word of any length;
//! - Arabic writes the conjunctions `و ف` and the prepositions `ب ك ل` as
//!   part of the next word: a word that starts with one is indexed with
//!   and without it (`والاتصال` as itself and as `اتصال`), so the
//!   dictionary form finds it; Persian `ی ک` read as Arabic `ي ك`.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// A Han (Chinese) character: the ranges `search.js` uses too.
pub fn is_han(c: char) -> bool {
    matches!(u32::from(c), 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

/// Lowercase, decomposed (NFD), without marks, Arabic letter variants
/// folded. ASCII, most of most texts, takes the short way.
fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        // The letters most of the six languages' text is in, which fold
        // to themselves or (Cyrillic capitals) to their small letter,
        // without the decomposition table (a test compares every one).
        match u32::from(c) {
            0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0x0621 | 0x0627..=0x063A | 0x0641..=0x0648 | 0x064A => {
                out.push(c);
                continue;
            }
            0x0430..=0x0438 | 0x043A..=0x044F => {
                out.push(c);
                continue;
            }
            0x0410..=0x0418 | 0x041A..=0x042F => {
                out.extend(char::from_u32(u32::from(c) + 0x20));
                continue;
            }
            _ => {}
        }
        fold_slowly(c, &mut out);
    }
    out
}

/// One character folded by the tables: decomposed, marks dropped, lowercase.
fn fold_slowly(c: char, out: &mut String) {
    decompose_canonical(c, |d| {
        if is_combining_mark(d) || d == '\u{0640}' {
            return;
        }
        match d {
            '\u{0671}' => out.push('\u{0627}'),
            '\u{0649}' | '\u{06CC}' => out.push('\u{064A}'),
            '\u{06A9}' => out.push('\u{0643}'),
            d => out.extend(d.to_lowercase()),
        }
    });
}

/// A word without the Arabic article, when what is left is still a word.
fn without_article(word: &str) -> &str {
    match word.strip_prefix("\u{0627}\u{0644}") {
        Some(rest) if rest.chars().count() >= 2 => rest,
        _ => word,
    }
}

/// The letters that join a word as a prefix in Arabic: the conjunctions
/// `و` and `ف`, and the prepositions `ب`, `ك` and `ل`.
const CLITICS: [char; 5] = ['\u{0648}', '\u{0641}', '\u{0628}', '\u{0643}', '\u{0644}'];

/// An Arabic word's form without a leading clitic (`والاتصال` ->
/// `اتصال`, `للنساء` -> `نساء`, where `ل` and the article contract),
/// when what is left is a word of three letters or more. The index holds
/// it beside the word itself, so a query in the dictionary form finds the
/// word with its clitic, and a word that only looks like it has one (`فريق`)
/// is still found as written.
fn without_clitic(word: &str) -> Option<&str> {
    let first = word.chars().next().filter(|c| CLITICS.contains(c))?;
    let rest = &word[first.len_utf8()..];
    let rest = match (first, rest.strip_prefix('\u{0644}')) {
        ('\u{0644}', Some(contracted)) => contracted,
        _ => without_article(rest),
    };
    (rest.chars().nth(2).is_some()).then_some(rest)
}

/// Calls `f` with each term of `folded` text, in order, repeats kept, each
/// a slice of the text (a Chinese pair is two neighbouring characters).
fn each_term<'t>(folded: &'t str, mut f: impl FnMut(&'t str)) {
    if folded.is_ascii() {
        return each_ascii_term(folded, f);
    }
    for word in folded.split(|c: char| !crate::language::is_word_char(c)).filter(|w| !w.is_empty()) {
        if word.is_ascii() {
            if word.len() > 1 {
                f(word);
            }
            continue;
        }
        // Runs of other letters are words; runs of Han characters become
        // their characters and overlapping pairs.
        let mut run_start = None;
        // Where the Han run's last character starts, inside a run.
        let mut han: Option<usize> = None;
        let emit_run = |start: Option<usize>, end: usize, f: &mut dyn FnMut(&'t str)| {
            if let Some(start) = start {
                let w = without_article(&word[start..end]);
                if w.chars().nth(1).is_some() {
                    f(w);
                }
                if let Some(w) = without_clitic(w) {
                    f(w);
                }
            }
        };
        for (i, c) in word.char_indices() {
            if is_han(c) {
                emit_run(run_start.take(), i, &mut f);
                f(&word[i..i + c.len_utf8()]);
                if let Some(previous) = han.replace(i) {
                    f(&word[previous..i + c.len_utf8()]);
                }
            } else {
                han = None;
                run_start.get_or_insert(i);
            }
        }
        emit_run(run_start, word.len(), &mut f);
    }
}

/// [`each_term`] for ASCII text, most of most sites, a byte at a time:
/// runs of letters and digits longer than one.
fn each_ascii_term<'t>(folded: &'t str, mut f: impl FnMut(&'t str)) {
    let mut start = None;
    for (i, byte) in folded.bytes().enumerate() {
        if byte.is_ascii_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            if i - s > 1 {
                f(&folded[s..i]);
            }
        }
    }
    if let Some(s) = start.filter(|s| folded.len() - s > 1) {
        f(&folded[s..]);
    }
}

/// The terms of `text`, in order, repeats kept.
#[cfg(test)]
pub fn terms(text: &str) -> Vec<String> {
    let folded = fold(text);
    let mut out = Vec::new();
    each_term(&folded, |t| out.push(t.to_string()));
    out
}

/// The distinct terms of `text`, sorted.
#[cfg(test)]
pub fn term_set(text: &str) -> Vec<String> {
    let mut all = terms(text);
    all.sort_unstable();
    all.dedup();
    all
}

/// The terms of a searchable page: each distinct term of its title, then
/// each other distinct term of its text, in the order first met, in one
/// string (a term has no line break), not a string a term.
pub struct PageTerms {
    terms: String,
    /// Where the title's terms end in `terms`.
    title_end: usize,
}

impl PageTerms {
    /// The terms of `title` (boosted) and of the `parts` of its text.
    pub fn new(title: &str, parts: &[&str]) -> PageTerms {
        let folded_title = fold(title);
        let folded_parts: Vec<String> = parts.iter().map(|p| fold(p)).collect();
        // Room for the distinct words of a page (about one in eight of its
        // bytes), so the set is not grown and rehashed several times.
        let bytes: usize = folded_parts.iter().map(String::len).sum::<usize>() + folded_title.len();
        let mut seen: rustc_hash::FxHashSet<&str> =
            rustc_hash::FxHashSet::with_capacity_and_hasher(bytes / 8, Default::default());
        let mut terms = String::with_capacity(bytes / 2);
        let add = |t: &str, terms: &mut String| {
            terms.push_str(t);
            terms.push('\n');
        };
        each_term(&folded_title, |t| {
            if seen.insert(t) {
                add(t, &mut terms);
            }
        });
        let title_end = terms.len();
        for part in &folded_parts {
            each_term(part, |t| {
                if seen.insert(t) {
                    add(t, &mut terms);
                }
            });
        }
        terms.shrink_to_fit();
        PageTerms { terms, title_end }
    }

    /// The distinct terms of the title.
    pub fn title(&self) -> impl Iterator<Item = &str> {
        self.terms[..self.title_end].lines()
    }

    /// The distinct terms of the text that are not in the title.
    pub fn text(&self) -> impl Iterator<Item = &str> {
        self.terms[self.title_end..].lines()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quick_fold_agrees_with_the_tables_for_every_character() {
        for c in (0x80..=0x10FFFFu32).filter_map(char::from_u32) {
            let mut slow = String::new();
            fold_slowly(c, &mut slow);
            assert_eq!(fold(&c.to_string()), slow, "U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn latin_and_cyrillic_fold_case_and_accents() {
        assert_eq!(terms("Développement DURABLE"), ["developpement", "durable"]);
        assert_eq!(terms("Ёлка й"), ["елка"], "a one-letter word is no term");
        assert_eq!(terms("E-health, SDG 3"), ["health", "sdg"]);
    }

    #[test]
    fn ascii_text_splits_as_any_text_does() {
        let text = "a bb, c-dd: e2e 42 x_y  trail";
        let mut ascii = Vec::new();
        each_ascii_term(text, |t| ascii.push(t));
        assert_eq!(ascii, ["bb", "dd", "e2e", "42", "trail"]);
        // The same words as the general path, which this text would take
        // with one letter outside ASCII appended as its own word.
        assert_eq!(terms(&format!("{text} é")), ascii);
    }

    #[test]
    fn arabic_is_normalised_and_the_article_is_optional() {
        assert_eq!(terms("المعلومات"), terms("معلومات"));
        assert_eq!(terms("مُجْتَمَع"), ["مجتمع"], "diacritics go");
        assert_eq!(terms("أمن إدارة آفاق"), ["امن", "ادارة", "افاق"], "hamza forms fold to alef");
        assert_eq!(terms("مـعـلـومـات"), terms("معلومات"), "tatweel goes");
        assert_eq!(terms("مستوى"), terms("مستوي"), "alef maqsura reads as ya");
    }

    #[test]
    fn chinese_runs_become_overlapping_pairs() {
        assert_eq!(terms("信息社会"), ["信", "息", "信息", "社", "息社", "会", "社会"]);
        assert_eq!(terms("2020年论坛"), ["2020", "年", "论", "年论", "坛", "论坛"]);
        assert_eq!(terms("会"), ["会"]);
        assert_eq!(terms("会a信息"), ["会", "信", "息", "信息"], "a lone character beside other letters");
    }

    #[test]
    fn arabic_words_are_indexed_without_their_clitics_too() {
        // The query's form (the article optional) is among each word's terms.
        assert!(terms("والاتصال").contains(&terms("الاتصال")[0]), "{:?}", terms("والاتصال"));
        assert!(terms("للنساء").contains(&terms("النساء")[0]), "{:?}", terms("للنساء"));
        assert!(terms("بالمعلومات").contains(&"معلومات".to_string()));
        assert!(terms("وتنمية").contains(&"تنمية".to_string()));
        // A word that only starts like one keeps its own form.
        assert_eq!(terms("فريق")[0], "فريق");
        assert_eq!(terms("لها"), ["لها"], "what is left must be a word of three letters");
    }

    #[test]
    fn persian_letter_forms_read_as_arabic() {
        assert_eq!(terms("کی"), terms("كي"));
    }

    #[test]
    fn a_page_keeps_each_term_once_and_the_title_s_apart() {
        let page = PageTerms::new("Bridging the Gap", &["the gap, the GAP and 信息社会", "bridging 2020"]);
        assert_eq!(page.title().collect::<Vec<_>>(), ["bridging", "the", "gap"]);
        assert_eq!(page.text().collect::<Vec<_>>(), ["and", "信", "息", "信息", "社", "息社", "会", "社会", "2020"]);
    }
}
