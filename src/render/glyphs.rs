//! Font coverage of the PDF briefs. typst prints a character no font
//! covers as an empty box and says nothing; this finds such characters in
//! the files a brief is made from (the forum, its sessions, that year's
//! UNGIS activities, the site's reference data) and reports each file's
//! first one as a warning with its line and column, so the editor adds a
//! font before delegates see boxes on paper.

use crate::diagnostics::Code;
use crate::diagnostics::Diagnostic;
use crate::link::Linked;
use crate::source::{SourceFile, Span};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use typst::text::FontBook;

/// What the glyph check found: a warning per file, and the forums whose
/// PDF brief must go without its PDF/A and PDF/UA claims (both standards
/// forbid a character printed as an empty box).
#[derive(Debug, Default)]
pub struct Coverage {
    pub warnings: Vec<Diagnostic>,
    pub plain_briefs: BTreeSet<u32>,
}

/// Warnings for the characters of brief sources that no font can print.
/// `fonts` is the theme's fonts folder, named in the help.
pub fn missing_glyphs(linked: &Linked, book: &FontBook, fonts: &str) -> Coverage {
    let m = &linked.model;
    let index = &linked.index;
    // Which forums' briefs each source file reaches.
    let mut years_of: BTreeMap<usize, Vec<u32>> = BTreeMap::new();
    for f in &m.forums {
        let sessions = index.sessions_by_year.get(&f.year).into_iter().flatten().map(|&j| m.sessions[j].file);
        let ungis = index.ungis_by_year.get(&f.year).into_iter().flatten().map(|&j| m.ungis[j].file);
        for file in std::iter::once(f.file).chain(sessions).chain(ungis) {
            years_of.entry(file).or_default().push(f.year);
        }
    }
    let all_years: Vec<u32> = m.forums.iter().map(|f| f.year).collect();
    // Every brief also shows reference data: the site's name, Action Line
    // and SDG titles.
    let sources: Vec<(&SourceFile, &[u32])> = m
        .reference_files
        .iter()
        .map(|file| (file, all_years.as_slice()))
        .chain(years_of.iter().map(|(&i, years)| (&m.files[i], years.as_slice())))
        .collect();
    let found: Vec<(Diagnostic, &[u32])> = sources
        .par_iter()
        .filter_map(|&(file, years)| first_missing(file, book, fonts, years).map(|d| (d, years)))
        .collect();
    let mut coverage = Coverage::default();
    for (warning, years) in found {
        coverage.plain_briefs.extend(years);
        coverage.warnings.push(warning);
    }
    coverage
}

/// The warning for the first character of `file` no font covers, counting
/// the others, and naming the briefs (of forums `years`) it reaches.
fn first_missing(file: &SourceFile, book: &FontBook, fonts: &str, years: &[u32]) -> Option<Diagnostic> {
    let mut known: HashMap<char, bool> = HashMap::new();
    let mut missing = printed_chars(&file.text).filter(|&(_, c)| !*known.entry(c).or_insert_with(|| covered(book, c)));
    let (offset, c) = missing.next()?;
    let mut others: Vec<char> = missing.map(|(_, o)| o).filter(|&o| o != c).collect();
    others.sort_unstable();
    others.dedup();
    let (line, col) = file.position(offset);
    let more = match others.len() {
        0 => String::new(),
        1 => " and 1 other character".to_string(),
        n => format!(" and {n} other characters"),
    };
    let briefs = match years {
        [] => String::new(),
        [year] => format!("; the {year} PDF brief is written without its PDF/A-2a and PDF/UA-1 claims"),
        _ => "; the PDF briefs are written without their PDF/A-2a and PDF/UA-1 claims".to_string(),
    };
    let message = format!("the PDF brief has no font for `{c}` (U+{:04X}){more}{briefs}", u32::from(c));
    let help = format!(
        "they would print as empty boxes: add a font file that has them (a Noto font for the script, say) to {fonts}"
    );
    Some(Diagnostic::warning(file, Span::new(line, col, 1), Code::NoFontForCharacter, message).with_help(help))
}

/// Whether `file` holds a character that could reach paper and that no
/// font has.
pub(crate) fn any_missing(file: &SourceFile, book: &FontBook) -> bool {
    printed_chars(&file.text).any(|(_, c)| !covered(book, c))
}

/// Whether any font in the book has a glyph for `c`.
fn covered(book: &FontBook, c: char) -> bool {
    (0..).map_while(|i| book.info(i)).any(|info| info.coverage.contains(u32::from(c)))
}

/// The characters of `text` that could reach paper, with their byte
/// offsets: not ASCII (every font has it), not white space or control
/// characters, not invisible format characters, and not in front-matter
/// comment lines (source notes).
fn printed_chars(text: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let front_matter_end = text.strip_prefix("---\n").and_then(|rest| rest.find("\n---").map(|i| i + 4)).unwrap_or(0);
    let mut offset = 0;
    text.split_inclusive('\n').flat_map(move |line| {
        let start = offset;
        offset += line.len();
        let comment = start < front_matter_end && line.trim_start().starts_with('#');
        let chars = if comment || line.is_ascii() { "" } else { line };
        chars
            .char_indices()
            .map(move |(i, c)| (start + i, c))
            .filter(|&(_, c)| !c.is_ascii() && !c.is_whitespace() && !c.is_control() && !invisible(c))
    })
}

/// Format characters that have no glyph of their own (joiners, marks of
/// direction, variation selectors, the byte-order mark, soft hyphens).
fn invisible(c: char) -> bool {
    matches!(u32::from(c),
        0x00AD | 0x034F | 0x061C | 0x180B..=0x180F | 0x200B..=0x200F | 0x202A..=0x202E
        | 0x2060..=0x206F | 0xFE00..=0xFE0F | 0xFEFF | 0xE0000..=0xE0FFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_in_front_matter_and_ascii_never_count() {
        let text = "---\n# source: 数字\ntitle: Café 数\n---\n# Heading é\n";
        let found: Vec<char> = printed_chars(text).map(|(_, c)| c).collect();
        assert_eq!(found, vec!['é', '数', 'é']);
        let (offset, c) = printed_chars(text).nth(1).unwrap();
        assert_eq!(&text[offset..offset + c.len_utf8()], "数");
    }

    #[test]
    fn joiners_and_marks_of_direction_are_not_reported() {
        assert_eq!(printed_chars("a\u{200D}b\u{200F}\u{FE0F}").count(), 0);
    }
}
