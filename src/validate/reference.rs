//! `site.yaml`, `action-lines.yaml` and `sdgs.yaml`: the settings and the
//! reference data every document points into.

use super::fields::{Reader, SDG_NUMBERS};
use super::parse_yaml_file;
use crate::diagnostics::Code;
use crate::load::yaml::{Node, Value};
use crate::locale::direction;
use crate::model::{ActionLine, At, Sdg, SiteConfig, SiteLanguage};
use std::collections::BTreeSet;

/// Whether `code` is a language a site can publish in (a BCP 47 code CLDR
/// can write dates and numbers for); reports it at `span` if not.
fn usable_language(r: &mut Reader, code: &str, span: crate::source::Span) -> bool {
    let usable = crate::load::is_language_code(code) && crate::locale::Locale::new(code).is_ok();
    if !usable {
        r.error(span, Code::InvalidLanguage, format!("`{code}` is not a language code")).help =
            Some("use a BCP 47 code in lowercase: ar, en, es, fr, ru, zh".into());
    }
    usable
}

/// One entry of `languages:`: a code, or a code with the site's title and
/// description in that language.
fn site_language(r: &mut Reader, node: &Node) -> Option<At<SiteLanguage>> {
    let (code, title, description) = match &node.value {
        Value::Map(_) => {
            let f = r.fields(node, "a language", &["code", "title", "description"])?;
            let code = r.req_str(&f, "code", "fr")?;
            (code, r.opt_str(&f, "title"), r.opt_str(&f, "description"))
        }
        _ => (r.scalar_text(node, "languages", "a language code like fr")?.trim().to_string(), None, None),
    };
    if !usable_language(r, &code, node.span) {
        return None;
    }
    let dir = direction(&code);
    Some(At { value: SiteLanguage { code, dir, title, description }, span: node.span })
}

/// `language: en` (one language) or `languages: [en, fr, ...]`.
fn site_languages(r: &mut Reader, f: &super::fields::Fields) -> Vec<SiteLanguage> {
    let single =
        r.opt_str(f, "language").filter(|code| usable_language(r, code, f.value_span("language").unwrap_or_default()));
    let list: Vec<At<SiteLanguage>> = r.list(f, "languages", site_language);
    if let (Some(code), Some(span)) = (&single, f.value_span("languages")) {
        r.error(span, Code::ConflictingKeys, format!("site.yaml gives both `language: {code}` and `languages`")).help =
            Some("keep `languages` (its first entry is the default language) and delete `language`".into());
    }
    let mut out: Vec<SiteLanguage> = Vec::new();
    for l in list {
        if out.iter().any(|o| o.code == l.value.code) {
            r.error(l.span, Code::DuplicateId, format!("language `{}` is listed twice", l.value.code));
        } else {
            out.push(l.value);
        }
    }
    if out.is_empty() {
        let code = single.unwrap_or_else(|| "en".into());
        let dir = direction(&code);
        out.push(SiteLanguage { code, dir, title: None, description: None });
    }
    out
}

pub fn site(r: &mut Reader) -> Option<SiteConfig> {
    let node = parse_yaml_file(r)?;
    let keys = [
        "title",
        "description",
        "language",
        "languages",
        "default_language",
        "base_url",
        "unsafe_html",
        "theme",
        "contact",
        "lints",
    ];
    let f = r.fields(&node, "site.yaml", &keys)?;
    // `theme` names a folder under themes/; it is read before the content
    // is checked (load::theme::choose), and only its spelling here.
    if let Some(name) = r.opt_str(&f, "theme") {
        if !crate::load::theme::is_theme_name(&name) {
            let span = f.value_span("theme").unwrap_or_default();
            r.error(span, Code::InvalidValue, format!("`theme: {name}` is not a folder name under themes/")).help =
                Some("write the name of a folder in `themes/`, like `theme: default`".into());
        }
    }
    let title = r.req_str(&f, "title", "WSIS Forum Outcomes");
    let description = r.opt_str(&f, "description");
    let languages = site_languages(r, &f);
    let default_in_folder = r.opt_enum(&f, "default_language", &["root", "folder"]).is_some_and(|w| w == "folder");
    let base_url = r.opt_url(&f, "base_url").map(|u| if u.ends_with('/') { u } else { format!("{u}/") });
    let unsafe_html = r.opt_bool(&f, "unsafe_html").unwrap_or(false);
    let contact = contact(r, &f);
    let lints = super::lints::site_lints(r, f.get("lints"));
    Some(SiteConfig { title: title?, description, base_url, contact, unsafe_html, languages, default_in_folder, lints })
}

/// `contact:`: an e-mail address, or a web address; anything else is an
/// error at its line.
fn contact(r: &mut Reader, f: &super::fields::Fields) -> Option<String> {
    let text = r.opt_str(f, "contact")?;
    let text = text.trim().to_string();
    let mail = text.split_once('@').is_some_and(|(user, host)| {
        !user.is_empty() && host.contains('.') && !text.contains(char::is_whitespace) && !text.contains(['<', '>', '"'])
    });
    if mail || text.starts_with("https://") || text.starts_with("http://") {
        return Some(text);
    }
    let span = f.value_span("contact").unwrap_or_default();
    r.error(
        span,
        Code::InvalidUrl,
        format!("`contact` should be an e-mail address or a web address, found `{text}`"),
    )
    .help = Some("write one address, like `contact: wsis-info@itu.int`".into());
    None
}

fn items<'n>(r: &mut Reader, node: &'n Node, what: &str) -> &'n [Node] {
    match &node.value {
        Value::Seq(items) => items,
        Value::Null => &[],
        _ => {
            let found = node.kind_name();
            r.error(node.span, Code::ExpectedList, format!("{what} should be a list of `- ` entries, found {found}"));
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
        let Some(f) = r.fields(item, "an action line", &["id", "parent", "title", "titles", "lead", "co"]) else {
            continue;
        };
        let id = r.req_str(&f, "id", "C2");
        let parent = r.opt_str(&f, "parent");
        let title = r.req_str(&f, "title", "Information and communication infrastructure");
        let titles = r.titles(&f, "titles");
        let lead = r.str_list(&f, "lead");
        let co = r.str_list(&f, "co");
        declared.extend(id.clone());
        let (Some(id), Some(title)) = (id, title) else {
            continue;
        };
        let valid_id =
            id.starts_with('C') && id.len() > 1 && id[1..].bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
        if !valid_id {
            r.error(
                item.span,
                Code::InvalidId,
                format!("action line id `{id}` should look like `C2` or `C7-e-health`"),
            );
            continue;
        }
        if let Some(first) = out.iter().find(|a| a.id == id) {
            let line = first.span.line;
            r.error(item.span, Code::DuplicateId, format!("action line `{id}` is defined twice (also on line {line})"));
            continue;
        }
        out.push(ActionLine { id, parent, title, titles, lead, co, span: item.span });
    }
    let ids: Vec<String> = out.iter().map(|a| a.id.clone()).collect();
    for a in &out {
        if let Some(p) = &a.parent {
            if !ids.contains(p) {
                r.error(
                    a.span,
                    Code::UnknownActionLine,
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
        let Some(f) = r.fields(item, "an SDG", &["number", "title", "titles", "color"]) else {
            continue;
        };
        let number = r.req_small(&f, "number", "3", SDG_NUMBERS);
        let title = r.req_str(&f, "title", "Good health and well-being");
        let titles = r.titles(&f, "titles");
        let color = r.req_str(&f, "color", "\"#4C9F38\"");
        declared.extend(number);
        let (Some(number), Some(title), Some(color)) = (number, title, color) else {
            continue;
        };
        let is_hex = color.len() == 7 && color.starts_with('#') && color[1..].bytes().all(|b| b.is_ascii_hexdigit());
        if !is_hex {
            r.error(item.span, Code::InvalidColor, format!("SDG {number}: colour `{color}` should be `\"#RRGGBB\"`"));
            continue;
        }
        if out.iter().any(|s| s.number == number) {
            r.error(item.span, Code::DuplicateId, format!("SDG {number} is defined twice"));
            continue;
        }
        out.push(Sdg { number, title, titles, color: color.to_ascii_uppercase() });
    }
    out.sort_by_key(|s| s.number);
    (out, declared)
}
