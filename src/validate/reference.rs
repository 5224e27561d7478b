//! `site.yaml`, `action-lines.yaml` and `sdgs.yaml`: the settings and the
//! reference data every document points into.

use super::fields::{Reader, SDG_NUMBERS};
use super::parse_yaml_file;
use crate::load::yaml::{Node, Value};
use crate::model::{ActionLine, Sdg, SiteConfig};
use std::collections::BTreeSet;

/// Languages written right to left; drives `<html dir>`.
const RTL_LANGUAGES: &[&str] = &["ar", "he", "fa", "ur", "ps", "sd", "yi", "dv", "ug", "ckb"];

pub fn site(r: &mut Reader) -> Option<SiteConfig> {
    let node = parse_yaml_file(r)?;
    let keys = ["title", "description", "language", "base_url", "unsafe_html", "theme"];
    let f = r.fields(&node, "site.yaml", &keys)?;
    // `theme` names a folder under themes/; it is read before the content
    // is checked (load::theme::choose), and only its spelling here.
    if let Some(name) = r.opt_str(&f, "theme") {
        if !crate::load::theme::is_theme_name(&name) {
            let span = f.value_span("theme").unwrap_or_default();
            r.error(span, "invalid-value", format!("`theme: {name}` is not a folder name under themes/")).help =
                Some("write the name of a folder in `themes/`, like `theme: default`".into());
        }
    }
    let title = r.req_str(&f, "title", "WSIS Forum Outcomes");
    let description = r.opt_str(&f, "description");
    let language = r.opt_str(&f, "language").unwrap_or_else(|| "en".into());
    let primary = language.split('-').next().unwrap_or("").to_ascii_lowercase();
    let base_url = r.opt_url(&f, "base_url").map(|u| if u.ends_with('/') { u } else { format!("{u}/") });
    let unsafe_html = r.opt_bool(&f, "unsafe_html").unwrap_or(false);
    Some(SiteConfig {
        title: title?,
        description,
        dir: if RTL_LANGUAGES.contains(&primary.as_str()) { "rtl" } else { "ltr" },
        language,
        base_url,
        unsafe_html,
    })
}

fn items<'n>(r: &mut Reader, node: &'n Node, what: &str) -> &'n [Node] {
    match &node.value {
        Value::Seq(items) => items,
        Value::Null => &[],
        _ => {
            let found = node.kind_name();
            r.error(node.span, "expected-list", format!("{what} should be a list of `- ` entries, found {found}"));
            &[]
        }
    }
}

/// The action lines, and every id written (valid entry or not).
pub fn action_lines(r: &mut Reader) -> (Vec<ActionLine>, BTreeSet<String>) {
    let mut declared = BTreeSet::new();
    let Some(node) = parse_yaml_file(r) else {
        return (Vec::new(), declared);
    };
    let mut out: Vec<ActionLine> = Vec::new();
    for item in items(r, &node, "action-lines.yaml") {
        let Some(f) = r.fields(item, "an action line", &["id", "parent", "title", "lead", "co"]) else {
            continue;
        };
        let id = r.req_str(&f, "id", "C2");
        let parent = r.opt_str(&f, "parent");
        let title = r.req_str(&f, "title", "Information and communication infrastructure");
        let lead = r.str_list(&f, "lead");
        let co = r.str_list(&f, "co");
        declared.extend(id.clone());
        let (Some(id), Some(title)) = (id, title) else {
            continue;
        };
        let valid_id =
            id.starts_with('C') && id.len() > 1 && id[1..].bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
        if !valid_id {
            r.error(item.span, "invalid-id", format!("action line id `{id}` should look like `C2` or `C7-e-health`"));
            continue;
        }
        if let Some(first) = out.iter().find(|a| a.id == id) {
            let line = first.span.line;
            r.error(item.span, "duplicate-id", format!("action line `{id}` is defined twice (also on line {line})"));
            continue;
        }
        out.push(ActionLine { id, parent, title, lead, co, span: item.span });
    }
    let ids: Vec<String> = out.iter().map(|a| a.id.clone()).collect();
    for a in &out {
        if let Some(p) = &a.parent {
            if !ids.contains(p) {
                r.error(
                    a.span,
                    "unknown-action-line",
                    format!("parent `{p}` of `{}` is not an action line in this file", a.id),
                );
            }
        }
    }
    (out, declared)
}

/// The SDGs, and every number written (valid entry or not).
pub fn sdgs(r: &mut Reader) -> (Vec<Sdg>, BTreeSet<u32>) {
    let mut declared = BTreeSet::new();
    let Some(node) = parse_yaml_file(r) else {
        return (Vec::new(), declared);
    };
    let mut out: Vec<Sdg> = Vec::new();
    for item in items(r, &node, "sdgs.yaml") {
        let Some(f) = r.fields(item, "an SDG", &["number", "title", "color"]) else {
            continue;
        };
        let number = r.req_small(&f, "number", "3", SDG_NUMBERS);
        let title = r.req_str(&f, "title", "Good health and well-being");
        let color = r.req_str(&f, "color", "\"#4C9F38\"");
        declared.extend(number);
        let (Some(number), Some(title), Some(color)) = (number, title, color) else {
            continue;
        };
        let is_hex = color.len() == 7 && color.starts_with('#') && color[1..].bytes().all(|b| b.is_ascii_hexdigit());
        if !is_hex {
            r.error(item.span, "invalid-color", format!("SDG {number}: colour `{color}` should be `\"#RRGGBB\"`"));
            continue;
        }
        if out.iter().any(|s| s.number == number) {
            r.error(item.span, "duplicate-id", format!("SDG {number} is defined twice"));
            continue;
        }
        out.push(Sdg { number, title, color: color.to_ascii_uppercase() });
    }
    out.sort_by_key(|s| s.number);
    (out, declared)
}
