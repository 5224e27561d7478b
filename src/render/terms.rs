//! How text becomes search terms, the same way `search.js` turns a query
//! into terms, so what a reader types finds what an editor wrote in any of
//! the six UN languages:
//! - case and accents fold (`developpement` finds `développement`, `е`
//!   finds `ё`): text is decomposed (NFD) and its combining marks dropped;
//! - Arabic is normalised: diacritics go with the marks, as do the hamza
//!   of `أ إ آ ؤ ئ`; `ٱ` reads as `ا`, `ى` as `ي`, the tatweel is dropped,
//!   and the article `ال` is optional (taken off both sides);
//! - Chinese has no spaces: a run of Han characters becomes its
//!   overlapping pairs (`信息社会` -> `信息 息社 社会`), so a query of two
//!   characters finds a word of any length; a lone character is its own
//!   term.

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
        decompose_canonical(c, |d| {
            if is_combining_mark(d) || d == '\u{0640}' {
                return;
            }
            match d {
                '\u{0671}' => out.push('\u{0627}'),
                '\u{0649}' => out.push('\u{064A}'),
                d => out.extend(d.to_lowercase()),
            }
        });
    }
    out
}

/// A word without the Arabic article, when what is left is still a word.
fn without_article(word: &str) -> &str {
    match word.strip_prefix("\u{0627}\u{0644}") {
        Some(rest) if rest.chars().count() >= 2 => rest,
        _ => word,
    }
}

/// Calls `f` with each term of `folded` text, in order, repeats kept, each
/// a slice of the text (a Chinese pair is two neighbouring characters).
fn each_term<'t>(folded: &'t str, mut f: impl FnMut(&'t str)) {
    if folded.is_ascii() {
        return each_ascii_term(folded, f);
    }
    for word in folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if word.is_ascii() {
            if word.len() > 1 {
                f(word);
            }
            continue;
        }
        // Runs of other letters are words; runs of Han characters become
        // their overlapping pairs (a lone one is its own term).
        let mut run_start = None;
        // The current Han run: where its last character starts, and how
        // many it has had.
        let mut han: Option<(usize, usize)> = None;
        let emit_run = |start: Option<usize>, end: usize, f: &mut dyn FnMut(&'t str)| {
            if let Some(start) = start {
                let w = without_article(&word[start..end]);
                if w.chars().nth(1).is_some() {
                    f(w);
                }
            }
        };
        let emit_lone_han = |han: Option<(usize, usize)>, end: usize, f: &mut dyn FnMut(&'t str)| {
            if let Some((start, 1)) = han {
                f(&word[start..end]);
            }
        };
        for (i, c) in word.char_indices() {
            if is_han(c) {
                emit_run(run_start.take(), i, &mut f);
                han = Some(match han {
                    None => (i, 1),
                    Some((previous, n)) => {
                        f(&word[previous..i + c.len_utf8()]);
                        (i, n + 1)
                    }
                });
            } else {
                emit_lone_han(han.take(), i, &mut f);
                run_start.get_or_insert(i);
            }
        }
        emit_run(run_start, word.len(), &mut f);
        emit_lone_han(han, word.len(), &mut f);
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
        assert_eq!(terms("信息社会"), ["信息", "息社", "社会"]);
        assert_eq!(terms("2020年论坛"), ["2020", "年论", "论坛"]);
        assert_eq!(terms("会"), ["会"]);
        assert_eq!(terms("会a信息"), ["会", "信息"], "a lone character beside other letters");
    }

    #[test]
    fn a_page_keeps_each_term_once_and_the_title_s_apart() {
        let page = PageTerms::new("Bridging the Gap", &["the gap, the GAP and 信息社会", "bridging 2020"]);
        assert_eq!(page.title().collect::<Vec<_>>(), ["bridging", "the", "gap"]);
        assert_eq!(page.text().collect::<Vec<_>>(), ["and", "信息", "息社", "社会", "2020"]);
    }
}
