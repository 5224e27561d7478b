//! A content file as the editor wrote it: its display path, its text, and
//! the mapping from byte offsets to the line and column an editor sees.
//!
//! Invariant: `text` is valid UTF-8 with any BOM removed and CRLF (or a lone
//! CR) folded to LF, so line numbers are the ones shown in the editor's
//! window.

/// One loaded text file.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path shown in messages: relative to the content folder's parent.
    pub display_path: String,
    /// Path relative to the content folder, with `/` separators.
    pub rel_path: String,
    /// The normalised text, shared with the bodies of its documents.
    pub text: std::sync::Arc<str>,
    /// Byte offset of the start of each line, found the first time a
    /// message needs a place in the file (most files never get one).
    line_starts: std::sync::OnceLock<Vec<usize>>,
}

/// A place in a file, 1-based, with the width of what is pointed at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    pub line: usize,
    pub col: usize,
    /// Width in characters of the offending text (at least 1 when shown).
    pub len: usize,
}

impl Span {
    pub fn new(line: usize, col: usize, len: usize) -> Span {
        Span { line, col, len }
    }
}

impl SourceFile {
    /// The file's names without its text: what is left once every
    /// diagnostic has quoted its line (a build's pages need only the
    /// paths; `serve`, which checks edits again, keeps the texts).
    pub fn names_only(&self) -> SourceFile {
        SourceFile {
            display_path: self.display_path.clone(),
            rel_path: self.rel_path.clone(),
            text: "".into(),
            line_starts: std::sync::OnceLock::new(),
        }
    }

    /// Normalises `raw` (BOM, CRLF).
    pub fn new(display_path: String, rel_path: String, raw: &str) -> SourceFile {
        SourceFile::from_text(display_path, rel_path, raw.to_string())
    }

    /// [`SourceFile::new`], keeping `raw`'s buffer when it needs no change.
    pub fn from_text(display_path: String, rel_path: String, raw: String) -> SourceFile {
        // CRLF and a lone CR (old Mac files) both end a line, as they do in
        // editors and in the YAML parser, so every tool counts the same lines.
        let text = match raw.strip_prefix('\u{feff}') {
            Some(rest) => rest.replace("\r\n", "\n").replace('\r', "\n"),
            None if raw.contains('\r') => raw.replace("\r\n", "\n").replace('\r', "\n"),
            None => raw,
        };
        SourceFile { display_path, rel_path, text: text.into(), line_starts: std::sync::OnceLock::new() }
    }

    /// Byte offset of the start of each line.
    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            let mut starts = vec![0];
            starts.extend(self.text.match_indices('\n').map(|(i, _)| i + 1));
            starts
        })
    }

    /// `span` moved inside the file when it points past its end (a parser's
    /// place after the last line, say): every message names a real place.
    pub fn clamp(&self, span: Span) -> Span {
        let last = self.line_starts().len().max(1);
        let line = span.line.clamp(1, last);
        let width = self.line_text(line).map_or(0, |l| l.chars().count());
        let col = if line < span.line { width + 1 } else { span.col.clamp(1, width + 1) };
        Span { line, col, len: span.len }
    }

    /// The text of line `line` (1-based), without its newline.
    pub fn line_text(&self, line: usize) -> Option<&str> {
        let start = *self.line_starts().get(line.checked_sub(1)?)?;
        let rest = &self.text[start..];
        Some(rest.split('\n').next().unwrap_or(rest))
    }

    /// Line and column (1-based, column in characters) of a byte offset.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let starts = self.line_starts();
        let line_index = match starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = starts[line_index];
        let col = self.text[start..offset].chars().count() + 1;
        (line_index + 1, col)
    }

    /// A span covering the bytes `start..end` (clipped to the first line).
    pub fn span_of(&self, start: usize, end: usize) -> Span {
        let (line, col) = self.position(start);
        let start = start.min(self.text.len());
        let end = end.clamp(start, self.text.len());
        let piece = self.text.get(start..end).unwrap_or("");
        let first_line = piece.split('\n').next().unwrap_or(piece);
        Span::new(line, col, first_line.chars().count().max(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(raw: &str) -> SourceFile {
        SourceFile::new("content/x.md".into(), "x.md".into(), raw)
    }

    #[test]
    fn positions_are_one_based_and_count_characters() {
        let f = file("ab\nçd: x\n");
        assert_eq!(f.position(0), (1, 1));
        assert_eq!(f.position(3), (2, 1));
        // 'ç' is two bytes but one column.
        assert_eq!(f.position(5), (2, 2));
        assert_eq!(f.line_text(2), Some("çd: x"));
        assert_eq!(f.line_text(9), None);
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line_as_in_editors_and_yaml() {
        let f = file("---\ntitle: a\rweight: 2\n---\n");
        assert_eq!(f.line_text(3), Some("weight: 2"));
        assert_eq!(f.position(f.text.find("weight").unwrap()), (3, 1));
    }

    #[test]
    fn a_place_past_the_end_is_moved_to_the_end() {
        let f = file("!3");
        assert_eq!(f.clamp(Span::new(2, 1, 1)), Span::new(1, 3, 1));
        assert_eq!(f.clamp(Span::new(1, 9, 1)), Span::new(1, 3, 1));
        let g = file("a: b\n");
        assert_eq!(g.clamp(Span::new(2, 1, 1)), Span::new(2, 1, 1), "the empty line after a final line break is real");
    }

    #[test]
    fn bom_and_crlf_do_not_shift_lines() {
        let f = file("\u{feff}---\r\ntitle: x\r\n---\r\n");
        assert_eq!(f.line_text(1), Some("---"));
        assert_eq!(f.line_text(2), Some("title: x"));
        assert_eq!(f.position(f.text.find("x").unwrap()), (2, 8));
    }
}
