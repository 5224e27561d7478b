//! Writing units as XLIFF: 2.1 (the current OASIS standard) or 1.2 (what
//! many translation tools still expect). A document is a `<file>` whose
//! `original` is its path in the content folder; a unit's `id` is its
//! field's path in the document. Placeholders are `<ph>` (2.1) or `<x>`
//! (1.2) elements, their Markdown kept beside them for display.

use super::segments::Piece;
use super::units::{DocUnits, Unit};

/// The XLIFF version of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    V2,
    V12,
}

/// Text escaped for XML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Characters XML 1.0 cannot hold are left out.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// Pieces as inline XLIFF content.
fn inline(pieces: &[Piece], unit: &Unit, version: Version) -> String {
    let mut out = String::new();
    for p in pieces {
        match p {
            Piece::Text(t) => out.push_str(&escape(t)),
            Piece::Code(n) => {
                let markdown = unit.segment.as_ref().and_then(|s| s.codes.get(n - 1)).map_or("", String::as_str);
                match version {
                    // Shown as its Markdown; a tool must not delete or
                    // copy it.
                    Version::V2 => out.push_str(&format!(
                        "<ph id=\"{n}\" dataRef=\"d{n}\" disp=\"{}\" canCopy=\"no\" canDelete=\"no\"/>",
                        escape(markdown)
                    )),
                    Version::V12 => out.push_str(&format!("<x id=\"{n}\" equiv-text=\"{}\"/>", escape(markdown))),
                }
            }
        }
    }
    out
}

/// The original's text when a translation was made, as a translator reads
/// it: placeholders as `{n}`; a text new since says so.
fn was_text(was: &[Piece]) -> String {
    match was.is_empty() {
        true => "(no such text when the translation was made: it is new)".to_string(),
        false => super::segments::key_of(was),
    }
}

/// The start of an export from `source` into `target`.
pub fn head(source: &str, target: &str, version: Version) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    match version {
        Version::V2 => out.push_str(&format!(
            "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.1\" srcLang=\"{}\" trgLang=\"{}\">\n",
            escape(source),
            escape(target)
        )),
        Version::V12 => out.push_str("<xliff xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" version=\"1.2\">\n"),
    }
    out
}

/// One document of an export, its `n`th (from 1).
pub fn file(doc: &DocUnits, n: usize, source: &str, target: &str, version: Version) -> String {
    let mut out = String::new();
    match version {
        Version::V2 => file_v2(&mut out, doc, n),
        Version::V12 => file_v12(&mut out, doc, source, target),
    }
    out
}

/// The end of an export.
pub const TAIL: &str = "</xliff>\n";

fn file_v2(out: &mut String, doc: &DocUnits, n: usize) {
    out.push_str(&format!("  <file id=\"f{n}\" original=\"{}\">\n", escape(&doc.original)));
    out.push_str(&format!(
        "    <notes>\n      <note category=\"context\">{}</note>\n    </notes>\n",
        escape(&doc.context)
    ));
    for unit in &doc.units {
        out.push_str(&format!("    <unit id=\"{}\" xml:space=\"preserve\">\n", escape(&unit.id)));
        out.push_str(&format!("      <notes>\n        <note category=\"field\">{}</note>\n", escape(&unit.note)));
        if let Some(was) = &unit.was {
            out.push_str(&format!("        <note category=\"previous-source\">{}</note>\n", escape(&was_text(was))));
        }
        out.push_str("      </notes>\n");
        if let Some(segment) = unit.segment.as_ref().filter(|s| !s.codes.is_empty()) {
            out.push_str("      <originalData>\n");
            for (i, code) in segment.codes.iter().enumerate() {
                out.push_str(&format!("        <data id=\"d{}\">{}</data>\n", i + 1, escape(code)));
            }
            out.push_str("      </originalData>\n");
        }
        // A translation of an earlier text is a starting point, to review.
        let state = if unit.previous.is_some() && unit.was.is_none() { "translated" } else { "initial" };
        out.push_str(&format!("      <segment state=\"{state}\">\n"));
        out.push_str(&format!("        <source>{}</source>\n", inline(&unit.source, unit, Version::V2)));
        if let Some(previous) = &unit.previous {
            out.push_str(&format!("        <target>{}</target>\n", inline(previous, unit, Version::V2)));
        }
        out.push_str("      </segment>\n    </unit>\n");
    }
    out.push_str("  </file>\n");
}

fn file_v12(out: &mut String, doc: &DocUnits, source: &str, target: &str) {
    out.push_str(&format!(
        "  <file original=\"{}\" source-language=\"{}\" target-language=\"{}\" datatype=\"x-markdown\">\n    <body>\n",
        escape(&doc.original),
        escape(source),
        escape(target)
    ));
    for unit in &doc.units {
        // A front-matter field holds a bounded number of characters.
        let limit = match unit.segment {
            None => format!(" size-unit=\"char\" maxwidth=\"{}\"", crate::validate::fields::MAX_FIELD),
            Some(_) => String::new(),
        };
        out.push_str(&format!(
            "      <trans-unit id=\"{}\" resname=\"{}\"{limit} xml:space=\"preserve\">\n",
            escape(&unit.id),
            escape(&unit.id)
        ));
        out.push_str(&format!("        <source>{}</source>\n", inline(&unit.source, unit, Version::V12)));
        if let Some(previous) = &unit.previous {
            let state = if unit.was.is_some() { "needs-review-translation" } else { "translated" };
            out.push_str(&format!(
                "        <target state=\"{state}\">{}</target>\n",
                inline(previous, unit, Version::V12)
            ));
        }
        out.push_str(&format!("        <note from=\"wsis\">{}: {}</note>\n", escape(&doc.context), escape(&unit.note)));
        if let Some(was) = &unit.was {
            // What the translation translated, beside it, for comparison.
            out.push_str(&format!("        <alt-trans>\n          <source>{}</source>\n", escape(&was_text(was))));
            if let Some(previous) = &unit.previous {
                out.push_str(&format!("          <target>{}</target>\n", inline(previous, unit, Version::V12)));
            }
            out.push_str("        </alt-trans>\n");
        }
        out.push_str("      </trans-unit>\n");
    }
    out.push_str("    </body>\n  </file>\n");
}
