//! A translation file (`<name>.<code>.md`) made of translated units: the
//! translation's current text where the file has one, each imported unit
//! laid over it, written as the front matter a translation carries and its
//! body (the original's blocks with their text translated).

use super::segments::{segments, splice};
use super::units::DocUnits;
use crate::model::{TranslatedItem, Translation};
use std::collections::BTreeMap;

/// A YAML double-quoted string (JSON's syntax is valid YAML).
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into())
}

/// The lists a translation may carry, in the order a file gives them.
const LISTS: [&str; 11] = [
    "key_figures",
    "distributions",
    "special_tracks",
    "consultation",
    "publications",
    "quotes",
    "regional_events",
    "prize_phases",
    "hlt_facilitators",
    "facilitators",
    "speakers",
];

/// A list item as a YAML flow map.
fn item_yaml(item: &TranslatedItem) -> String {
    let mut fields: Vec<String> = item.texts.iter().map(|(k, v)| format!("{k}: {}", quoted(v))).collect();
    if !item.parts.is_empty() {
        let parts: Vec<String> = item
            .parts
            .iter()
            .map(|p| p.as_ref().map_or("{}".to_string(), |l| format!("{{ label: {} }}", quoted(l))))
            .collect();
        fields.push(format!("parts: [{}]", parts.join(", ")));
    }
    format!("{{ {} }}", fields.join(", "))
}

/// The text of the translation of `doc` into `lang`: `existing` (its
/// translation now, if any) with `translated` (unit id -> Markdown) laid
/// over it.
pub fn compose(
    doc: &DocUnits,
    existing: Option<&Translation>,
    translated: &BTreeMap<String, String>,
    lang: &str,
) -> String {
    let mut top: BTreeMap<&str, String> = BTreeMap::new();
    let mut lists: BTreeMap<&str, Vec<TranslatedItem>> = BTreeMap::new();
    let (mut sources, mut notes) = (None, None);
    if let Some(t) = existing {
        for (key, value) in
            [("title", &t.title), ("description", &t.description), ("theme", &t.theme), ("venue", &t.venue)]
        {
            if let Some(v) = value {
                top.insert(key, v.clone());
            }
        }
        for (key, items) in &t.lists {
            lists.insert(key, items.iter().map(|i| i.value.clone()).collect());
        }
        sources.clone_from(&t.sources);
        notes.clone_from(&t.source_notes);
    }
    let mut body_given: Vec<(usize, &String)> = Vec::new();
    for (id, markdown) in translated {
        let parts: Vec<&str> = id.split('.').collect();
        match parts.as_slice() {
            [key @ ("title" | "description" | "theme" | "venue")] => {
                top.insert(key, markdown.clone());
            }
            ["body", n] => body_given.extend(n.parse::<usize>().ok().map(|n| (n, markdown))),
            [key, i, rest @ ..] => {
                let Some(key) = LISTS.iter().find(|k| *k == key) else { continue };
                let Ok(i) = i.parse::<usize>() else { continue };
                let items = lists.entry(key).or_default();
                if items.len() <= i {
                    items.resize_with(i + 1, TranslatedItem::default);
                }
                match rest {
                    ["parts", j, "label"] => {
                        let Ok(j) = j.parse::<usize>() else { continue };
                        let parts = &mut items[i].parts;
                        if parts.len() <= j {
                            parts.resize(j + 1, None);
                        }
                        parts[j] = Some(markdown.clone());
                    }
                    [field] => {
                        items[i].texts.insert(field.to_string(), markdown.clone());
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    let mut out = format!(
        "---\n# The `{lang}` translation of content/{}, imported from a translation tool (XLIFF).\n",
        doc.original
    );
    for key in ["title", "description", "theme", "venue"] {
        if let Some(v) = top.get(key) {
            out.push_str(&format!("{key}: {}\n", quoted(v)));
        }
    }
    for (key, values) in [("sources", &sources), ("source_notes", &notes)] {
        if let Some(values) = values {
            out.push_str(&format!("{key}:\n"));
            for v in values {
                out.push_str(&format!("  - {}\n", quoted(v)));
            }
        }
    }
    for key in LISTS {
        if let Some(items) = lists.get(key).filter(|items| !items.is_empty()) {
            out.push_str(&format!("{key}:\n"));
            for item in items {
                out.push_str(&format!("  - {}\n", item_yaml(item)));
            }
        }
    }
    out.push_str("---\n");
    out.push_str(&body(doc, existing, &body_given));
    out
}

/// The translation's body: its blocks with the imported ones laid over;
/// without an imported block, the body the translation has (if any).
fn body(doc: &DocUnits, existing: Option<&Translation>, given: &[(usize, &String)]) -> String {
    let now = existing.map(|t| t.body.markdown()).unwrap_or_default();
    if given.is_empty() {
        return now.to_string();
    }
    // The translation's own blocks when they are the original's, block for
    // block (then a block not imported keeps its translation); else the
    // original's, a block not imported keeping the original's words.
    let skeleton = if doc.same_shape { now } else { doc.body.as_str() };
    let ranges: Vec<std::ops::Range<usize>> = segments(skeleton).into_iter().map(|s| s.range).collect();
    let mut replaced: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    for (n, markdown) in given {
        if let Some(range) = n.checked_sub(1).and_then(|i| ranges.get(i)) {
            replaced.push((range.clone(), (*markdown).clone()));
        }
    }
    replaced.sort_by_key(|(r, _)| r.start);
    splice(skeleton, &replaced)
}
