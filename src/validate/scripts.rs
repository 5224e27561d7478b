//! Words that mix alphabets: a Latin `C` typed into the Cyrillic `Cессия`
//! (the two look alike, and keyboards switch layouts), or a Cyrillic `о`
//! in `Fоrum`. Such a word reads right and is never found by search, and
//! no reader can tell why: each is a warning at its line and column, naming
//! the letter to retype.

use crate::diagnostics::Code;
use crate::diagnostics::Diagnostic;
use crate::language::is_letter;
use crate::source::{SourceFile, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Latin,
    Cyrillic,
    Greek,
}

impl Script {
    fn of(c: char) -> Option<Script> {
        match c {
            'a'..='z' | 'A'..='Z' | '\u{00C0}'..='\u{024F}' if is_letter(c) => Some(Script::Latin),
            '\u{0400}'..='\u{052F}' if is_letter(c) => Some(Script::Cyrillic),
            '\u{0370}'..='\u{03FF}' if is_letter(c) => Some(Script::Greek),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Script::Latin => "Latin",
            Script::Cyrillic => "Cyrillic",
            Script::Greek => "Greek",
        }
    }
}

/// Latin letters and the Cyrillic letters drawn the same.
const LOOK_ALIKES: &[(char, char)] = &[
    ('A', 'А'),
    ('B', 'В'),
    ('C', 'С'),
    ('E', 'Е'),
    ('H', 'Н'),
    ('K', 'К'),
    ('M', 'М'),
    ('O', 'О'),
    ('P', 'Р'),
    ('T', 'Т'),
    ('X', 'Х'),
    ('a', 'а'),
    ('c', 'с'),
    ('e', 'е'),
    ('o', 'о'),
    ('p', 'р'),
    ('x', 'х'),
    ('y', 'у'),
    ('i', 'і'),
];

/// The letter of `script` drawn like `c`, if there is one.
fn look_alike(c: char, script: Script) -> Option<char> {
    LOOK_ALIKES.iter().find_map(|&(latin, cyrillic)| match script {
        Script::Cyrillic if c == latin => Some(cyrillic),
        Script::Latin if c == cyrillic => Some(latin),
        _ => None,
    })
}

/// The warning for one word, if it mixes alphabets: the letters of the
/// alphabet it has fewer of are the ones typed by mistake.
fn check_word(file: &SourceFile, line: usize, col: usize, word: &str) -> Option<Diagnostic> {
    // Almost every word is of one alphabet: said without collecting.
    let mut alphabets = word.chars().filter_map(Script::of);
    let one = alphabets.next()?;
    alphabets.find(|s| *s != one)?;
    let scripts: Vec<(char, Script)> = word.chars().filter_map(|c| Script::of(c).map(|s| (c, s))).collect();
    let first = scripts.first()?.1;
    let other = scripts.iter().map(|x| x.1).find(|s| *s != first)?;
    let count = |s: Script| scripts.iter().filter(|x| x.1 == s).count();
    let (main, stray) = if count(other) > count(first) { (other, first) } else { (first, other) };
    let strays: Vec<char> = scripts.iter().filter(|x| x.1 == stray).map(|x| x.0).collect();
    let letters = strays.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", ");
    let message = format!(
        "`{word}` mixes {} letters with {} {letters}: the word reads right, but no search finds it",
        main.name(),
        stray.name()
    );
    let fixes: Vec<String> = strays
        .iter()
        .map(|&c| match look_alike(c, main) {
            Some(m) => format!("`{c}` (U+{:04X}) as {} `{m}` (U+{:04X})", u32::from(c), main.name(), u32::from(m)),
            None => format!("`{c}` (U+{:04X}) in {}", u32::from(c), main.name()),
        })
        .collect();
    let span = Span::new(line, col, word.chars().count());
    Some(Diagnostic::warning(file, span, Code::MixedScript, message).with_help(format!("retype {}", fixes.join(", "))))
}

/// A warning at each word of `file` that mixes Latin, Cyrillic or Greek
/// letters.
pub fn mixed_words(file: &SourceFile) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (n, line) in file.text.lines().enumerate() {
        // Most lines are ASCII: one alphabet only; and a word mixes
        // Latin with Cyrillic or Greek, so a line with neither is of one.
        if line.is_ascii() || !line.chars().any(|c| matches!(c, '\u{0370}'..='\u{03FF}' | '\u{0400}'..='\u{052F}')) {
            continue;
        }
        let mut start: Option<(usize, usize)> = None;
        let mut col = 0;
        let finish = |start: Option<(usize, usize)>, end: usize, out: &mut Vec<Diagnostic>| {
            if let Some((byte, col)) = start {
                out.extend(check_word(file, n + 1, col, &line[byte..end]));
            }
        };
        for (i, c) in line.char_indices() {
            col += 1;
            if crate::language::is_word_char(c) {
                start.get_or_insert((i, col));
            } else {
                finish(start.take(), i, &mut out);
            }
        }
        finish(start, line.len(), &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn warnings(text: &str) -> Vec<Diagnostic> {
        mixed_words(&SourceFile::new("content/x.md".into(), "x.md".into(), text))
    }

    #[test]
    fn a_latin_letter_in_a_russian_word_is_named_with_its_fix() {
        let found = warnings("---\ntitle: Итоги\n---\nПленарная Cессия форума.\n");
        assert_eq!(found.len(), 1, "{found:?}");
        let d = &found[0];
        assert_eq!((d.span.line, d.span.col, d.span.len), (4, 11, 6));
        assert!(d.message.contains("`Cессия` mixes Cyrillic letters with Latin `C`"), "{}", d.message);
        assert!(d.help.as_deref().unwrap().contains("as Cyrillic `С` (U+0421)"), "{:?}", d.help);
    }

    #[test]
    fn words_in_one_alphabet_and_words_side_by_side_pass() {
        assert!(warnings("WSIS Forum — Форум ВВУИО, Développement, Ελλάδα, 信息社会, e-Сессия\n").is_empty());
        assert_eq!(warnings("The Fоrum met.\n").len(), 1, "a Cyrillic о in an English word");
    }
}
