//! Splits a Markdown file into its YAML front matter and its body, keeping
//! where each starts so that every later message points into the file as
//! written (the opening `---` is line 1, the first YAML line is line 2).

/// A file's two parts, as byte ranges into the normalised text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// File line of the first YAML line (always 2).
    pub yaml_line: usize,
    pub body: &'a str,
    /// Byte offset of the body in the file text.
    pub body_offset: usize,
}

/// Why a file could not be split, with the 1-based line to point at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitError {
    pub line: usize,
    pub message: String,
    pub help: &'static str,
}

fn is_fence(line: &str) -> bool {
    line.trim_end() == "---"
}

/// Splits `text` (already BOM-free with LF endings).
pub fn split(text: &str) -> Result<Split<'_>, SplitError> {
    let first = text.split('\n').next().unwrap_or("");
    if !is_fence(first) {
        let message = if text.trim().is_empty() {
            "the file is empty".to_string()
        } else {
            "expected front matter: the first line must be `---`".to_string()
        };
        return Err(SplitError {
            line: 1,
            message,
            help: "start the file with `---`, then `title: ...` and the other fields, then `---` and the text",
        });
    }
    let yaml_start = first.len() + 1;
    let mut offset = yaml_start.min(text.len());
    while offset < text.len() {
        let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        if is_fence(&text[offset..line_end]) {
            let body_offset = (line_end + 1).min(text.len());
            return Ok(Split {
                yaml: &text[yaml_start.min(offset)..offset],
                yaml_line: 2,
                body: &text[body_offset..],
                body_offset,
            });
        }
        offset = line_end + 1;
    }
    Err(SplitError {
        line: 1,
        message: "the front matter opened here is never closed".into(),
        help: "add a line with only `---` after the last field",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_of_splits() {
        let cases: &[(&str, Option<(&str, &str)>)] = &[
            ("---\ntitle: a\n---\nBody\n", Some(("title: a\n", "Body\n"))),
            ("---\n---\n", Some(("", ""))),
            ("---   \ntitle: a\n---", Some(("title: a\n", ""))),
            ("---\ntitle: a\n----\n---\nx", Some(("title: a\n----\n", "x"))),
            ("title: a\n", None),
            ("", None),
            ("---\ntitle: a\n", None),
        ];
        for (input, expected) in cases {
            let got = split(input).ok().map(|s| (s.yaml, s.body));
            assert_eq!(got, *expected, "input {input:?}");
        }
    }

    #[test]
    fn body_offset_points_at_the_body() {
        let text = "---\na: 1\n---\n# Heading\n";
        let s = split(text).unwrap();
        assert_eq!(&text[s.body_offset..], "# Heading\n");
    }

    #[test]
    fn errors_say_what_is_missing() {
        assert!(split("").unwrap_err().message.contains("empty"));
        assert!(split("---\na: 1\n").unwrap_err().message.contains("never closed"));
    }
}
