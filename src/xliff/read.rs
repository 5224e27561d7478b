//! Reading an XLIFF file back (2.x or 1.2, whichever the translation tool
//! returns): each document's units with their source and target as text
//! and placeholders, and where each unit is in the file for messages.

use super::segments::Piece;

/// A unit as the file gives it.
#[derive(Debug, Clone)]
pub struct ReadUnit {
    pub id: String,
    pub source: Vec<Piece>,
    /// `None` when the unit has no target, or an empty one.
    pub target: Option<Vec<Piece>>,
    /// Its line in the file.
    pub line: u32,
}

/// A `<file>`: one document.
#[derive(Debug, Clone)]
pub struct ReadFile {
    pub original: String,
    pub units: Vec<ReadUnit>,
}

/// What an XLIFF file holds.
#[derive(Debug, Clone)]
pub struct Read {
    /// The language translated into.
    pub target_language: String,
    pub files: Vec<ReadFile>,
    /// The units that could not be read, each at its line (left out of
    /// `files`).
    pub mistakes: Vec<ReadError>,
}

/// A mistake in the file, at its line.
pub type ReadError = (u32, String);

/// The text of an XLIFF file's bytes: UTF-8, or UTF-16 with its byte
/// order mark (as XML allows, and some translation tools save), else the
/// line where it stops being text.
pub fn text_of(bytes: Vec<u8>) -> Result<String, ReadError> {
    let utf16 = |bytes: &[u8], unit: fn([u8; 2]) -> u16| {
        let units: Vec<u16> = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]])).collect();
        let whole = bytes.len().is_multiple_of(2);
        whole
            .then(|| String::from_utf16(&units).ok())
            .flatten()
            .ok_or_else(|| (1, "the file is UTF-16 with a broken or cut character in it".to_string()))
    };
    match bytes.as_slice() {
        [0xFF, 0xFE, rest @ ..] => utf16(rest, u16::from_le_bytes),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, u16::from_be_bytes),
        _ => String::from_utf8(bytes).map_err(|e| {
            let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = good.iter().filter(|b| **b == b'\n').count() + 1;
            (line as u32, "the file is not UTF-8 text from here on (save it as UTF-8 or UTF-16)".to_string())
        }),
    }
}

fn line_of(doc: &roxmltree::Document, node: roxmltree::Node) -> u32 {
    doc.text_pos_at(node.range().start).row
}

/// The pieces of inline content: text, and placeholders by number.
fn pieces(doc: &roxmltree::Document, node: roxmltree::Node, out: &mut Vec<Piece>) -> Result<(), ReadError> {
    for child in node.children() {
        if let Some(text) = child.text().filter(|_| child.is_text()) {
            match out.last_mut() {
                Some(Piece::Text(last)) => last.push_str(text),
                _ => out.push(Piece::Text(text.to_string())),
            }
            continue;
        }
        if !child.is_element() {
            continue;
        }
        match child.tag_name().name() {
            "ph" | "x" => {
                let id = child.attribute("id").unwrap_or("");
                let n: usize = id.parse().map_err(|_| {
                    (line_of(doc, child), format!("a placeholder with the id `{id}`, where wsis writes a number"))
                })?;
                out.push(Piece::Code(n));
            }
            // An annotation (a term, a comment) around text keeps the text.
            "mrk" => pieces(doc, child, out)?,
            other => {
                return Err((
                    line_of(doc, child),
                    format!("`<{other}>` inside a text: wsis writes only placeholders (`<ph/>`, `<x/>`) there"),
                ))
            }
        }
    }
    Ok(())
}

fn child<'a, 'i>(node: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
    node.children().find(|c| c.is_element() && c.tag_name().name() == name)
}

/// The pieces of `node`'s child `name`, if it has one with some content.
fn content(doc: &roxmltree::Document, node: roxmltree::Node, name: &str) -> Result<Option<Vec<Piece>>, ReadError> {
    let Some(element) = child(node, name) else { return Ok(None) };
    let mut out = Vec::new();
    pieces(doc, element, &mut out)?;
    Ok((!blank(&out)).then_some(out))
}

/// A 2.x unit's source and target: wsis writes one segment a unit, and a
/// tool that splits it into sentences (more segments, the spaces between
/// them as `<ignorable>`) gives them back in order, joined here. A unit
/// with a segment left untranslated has no target.
fn segments_of(
    doc: &roxmltree::Document,
    unit: roxmltree::Node,
) -> Result<(Vec<Piece>, Option<Vec<Piece>>), ReadError> {
    let (mut source, mut target, mut whole) = (Vec::new(), Vec::new(), true);
    for part in unit.children().filter(|c| c.is_element() && matches!(c.tag_name().name(), "segment" | "ignorable")) {
        let (mut from, mut to) = (Vec::new(), Vec::new());
        if let Some(element) = child(part, "source") {
            pieces(doc, element, &mut from)?;
        }
        if let Some(element) = child(part, "target") {
            pieces(doc, element, &mut to)?;
        }
        if !blank(&to) {
            target.extend(to);
        } else if part.tag_name().name() == "ignorable" || blank(&from) {
            // Spaces between sentences stand as they are.
            target.extend(from.iter().cloned());
        } else {
            whole = false;
        }
        source.extend(from);
    }
    Ok((merge(source), (whole && !blank(&target)).then(|| merge(target))))
}

/// Whether pieces hold nothing but spaces.
fn blank(pieces: &[Piece]) -> bool {
    pieces.iter().all(|p| matches!(p, Piece::Text(t) if t.trim().is_empty()))
}

/// Neighbouring text pieces joined.
fn merge(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
    for p in pieces {
        match (out.last_mut(), p) {
            (Some(Piece::Text(last)), Piece::Text(t)) => last.push_str(&t),
            (_, p) => out.push(p),
        }
    }
    out
}

/// Reads an XLIFF file's text; a unit that cannot be read is one of its
/// `mistakes`, so every one is said at once.
pub fn read(text: &str) -> Result<Read, ReadError> {
    let options = roxmltree::ParsingOptions { allow_dtd: false, ..Default::default() };
    let doc = roxmltree::Document::parse_with_options(text, options).map_err(|e| {
        let pos = e.pos();
        (pos.row, format!("not well-formed XML (column {}): {e}", pos.col))
    })?;
    let root = doc.root_element();
    if root.tag_name().name() != "xliff" {
        return Err((
            line_of(&doc, root),
            format!("`<{}>` where an XLIFF file starts with `<xliff>`", root.tag_name().name()),
        ));
    }
    let mut mistakes = Vec::new();
    let v2 = root.attribute("version").is_some_and(|v| v.starts_with('2'));
    let mut target_language = root.attribute("trgLang").unwrap_or("").to_string();
    let mut files = Vec::new();
    for file in root.children().filter(|c| c.is_element() && c.tag_name().name() == "file") {
        let original = file.attribute("original").unwrap_or("").to_string();
        if !v2 {
            if let Some(t) = file.attribute("target-language").filter(|_| target_language.is_empty()) {
                target_language = t.to_string();
            }
        }
        let mut units = Vec::new();
        let unit_tag = if v2 { "unit" } else { "trans-unit" };
        for unit in file.descendants().filter(|c| c.is_element() && c.tag_name().name() == unit_tag) {
            let id = unit.attribute("id").unwrap_or("").to_string();
            let line = line_of(&doc, unit);
            let texts = if v2 {
                segments_of(&doc, unit)
            } else {
                content(&doc, unit, "source")
                    .and_then(|source| Ok((source.unwrap_or_default(), content(&doc, unit, "target")?)))
            };
            match texts {
                Ok((source, target)) => units.push(ReadUnit { id, source, target, line }),
                Err(e) => mistakes.push(e),
            }
        }
        files.push(ReadFile { original, units });
    }
    Ok(Read { target_language, files, mistakes })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="en" trgLang="fr"><file id="f1" original="a.md">"#;

    #[test]
    fn a_unit_a_tool_split_into_sentences_reads_back_whole() {
        let split = format!(
            r#"{HEAD}<unit id="body.1"><segment><source>One. </source><target>Un. </target></segment><ignorable><source> </source></ignorable><segment><source>Two <ph id="1"/>x<ph id="2"/>.</source><target>Deux <ph id="1"/>x<ph id="2"/>.</target></segment></unit></file></xliff>"#
        );
        let read = read(&split).unwrap();
        let unit = &read.files[0].units[0];
        assert_eq!(super::super::segments::key_of(&unit.source), "One.  Two {1}x{2}.");
        assert_eq!(
            unit.target.as_ref().map(|t| super::super::segments::key_of(t)).as_deref(),
            Some("Un.  Deux {1}x{2}.")
        );
        // One sentence left untranslated: the unit is not translated.
        let half = split.replace("<target>Deux <ph id=\"1\"/>x<ph id=\"2\"/>.</target>", "");
        assert!(read_one(&half).target.is_none());
    }

    fn read_one(text: &str) -> ReadUnit {
        read(text).unwrap().files.remove(0).units.remove(0)
    }

    #[test]
    fn mistakes_in_the_file_are_said_at_their_line() {
        let (line, message) = read("<xliff>\n<file>\n<unit></file></xliff>").unwrap_err();
        assert_eq!(line, 3, "{message}");
        // Every unit's mistake, each at its line.
        let unit =
            "<unit id=\"title\"><segment><source>A</source><target><pc id=\"1\">A</pc></target></segment></unit>";
        let bad = format!("{HEAD}\n{unit}\n{unit}</file></xliff>");
        let errors = read(&bad).unwrap().mistakes;
        assert_eq!(errors.iter().map(|e| e.0).collect::<Vec<_>>(), [2, 3]);
        assert!(errors[0].1.contains("`<pc>` inside a text"), "{}", errors[0].1);
    }
}
