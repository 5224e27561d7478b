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
}

/// A mistake in the file, at its line.
pub type ReadError = (u32, String);

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
    let empty = out.iter().all(|p| matches!(p, Piece::Text(t) if t.trim().is_empty()));
    Ok((!empty).then_some(out))
}

/// Reads an XLIFF file's text.
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
            // XLIFF 2 puts the texts in a segment; wsis writes one a unit.
            let holder = if v2 { child(unit, "segment").unwrap_or(unit) } else { unit };
            let source = content(&doc, holder, "source")?.unwrap_or_default();
            let target = content(&doc, holder, "target")?;
            units.push(ReadUnit { id, source, target, line });
        }
        files.push(ReadFile { original, units });
    }
    Ok(Read { target_language, files })
}
