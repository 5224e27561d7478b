//! Scaffolding: the text of a new content file of each kind, with every
//! field present or shown as a comment with its allowed values, valid as
//! written (`wsis check` accepts it).

use crate::date::Date;
use crate::vocabulary::{Closed, Format, PublicationKind, Stakeholder, UngisKind};

/// A file name from a title: lowercase ASCII letters, digits and `-`.
/// `None` when the title has no ASCII letter or digit to build one from.
pub fn slug_from_title(title: &str) -> Option<String> {
    let mut slug = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-').to_string();
    (!slug.is_empty()).then_some(slug)
}

/// A YAML double-quoted string (JSON's syntax is valid YAML).
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into())
}

pub fn forum(year: u32) -> String {
    format!(
        r#"---
year: {year}
title: {title}
# theme: "The motto of the year"
start: {year}-01-01          # first day, YYYY-MM-DD (or YYYY-MM when only the month is known)
end: {year}-01-01            # last day, not before start
# venue: Geneva, Switzerland
# format: hybrid             # {formats}
key_figures: []              # - {{ label: Participants, value: 1800, qualifier: more than }}  (also approx: true, plus: true)
distributions: []            # - {{ title: Gender participation, unit: percent, parts: [{{ label: Female, value: 45 }}, {{ label: Male, value: 55 }}] }}
special_tracks: []           # - {{ title: ICTs and Youth, sessions: 4 }}
consultation: []             # - {{ phase: I, title: Launch of the OCP, date: {prev}-09-09, time: "14:00-15:00 CET" }}
prize_phases: []             # - {{ phase: I, title: Submission phase, start: {prev}-11-05, end: {year}-01-25 }}
hlt_facilitators: []         # - {{ name: Ms. Jane Doe, role: Professor, organization: University, stakeholder: academia }}
publications: []             # - {{ title: WSIS Forum {year} Outcome Document, kind: outcome-document, url: "https://..." }}
quotes: []                   # - {{ by: Mr. John Doe, role: Secretary-General, text: "..." }}
regional_events: []          # - {{ title: WSIS Regional Review, date: {year}-08-11, time: "09:00-10:30", organizers: [UN ESCAP], url: "https://..." }}
# prizes: {{ submitted: 0, nominated: 0, winners: 18, champions: 72 }}
sources: []                  # the documents the facts come from: [WSIS Forum {year} Outcome Document]
action_lines: []             # ids from action-lines.yaml: [C2, C7-e-health]
sdgs: []                     # goal numbers 1 to 17: [3, 17]
# draft: true                # keeps the file out of the build until removed
# Stakeholders: {stakeholders}
# Publication kinds: {kinds}
---
Overview and outcomes of the forum, in Markdown.
"#,
        title = quoted(&format!("WSIS Forum {year}")),
        formats = Format::SPELLINGS.join(" | "),
        prev = year.saturating_sub(1),
        stakeholders = Stakeholder::SPELLINGS.join(", "),
        kinds = PublicationKind::SPELLINGS.join(", "),
    )
}

pub fn session(title: &str, date: Date) -> String {
    format!(
        r#"---
title: {title}
date: {date}                 # within the forum's dates; a period is written {date}..{date}
# time: "14:00-15:00 CEST"
facilitators: []             # - {{ name: Ms. Jane Doe, role: Professor, organization: University, stakeholder: academia }}
speakers: []                 # same shape; stakeholder is one of {stakeholders}
action_lines: []             # ids from action-lines.yaml: [C2, C4]
sdgs: []                     # goal numbers 1 to 17: [9, 17]
---
## Vision

## Emerging trends

## Opportunities

## Challenges

## Recommendations
"#,
        title = quoted(title),
        stakeholders = Stakeholder::SPELLINGS.join(" | "),
    )
}

pub fn ungis(title: &str, date: Date) -> String {
    format!(
        r#"---
title: {title}
kind: meeting                # {kinds}
date: {date}                 # or a period: {date}..{date}
# time: "16:00-17:00 CEST"
# chair: ITU
# forum: {year}              # the forum year it belongs to (must exist)
# url: "https://..."
action_lines: []
sdgs: []
---
What the activity is and what came of it.
"#,
        title = quoted(title),
        kinds = UngisKind::SPELLINGS.join(" | "),
        year = date.year,
    )
}

pub fn roadmap(action_line: &str, action_line_title: &str) -> String {
    format!(
        r#"---
action_line: {action_line}
title: {title}
# facilitator: ITU
# updated: 2025-01-01
activities: []               # - {{ title: ..., timeframe: "2025-2027", expected_results: ..., partners: [UNDP], sdgs: [9] }}
---
The purpose of the roadmap.
"#,
        title = quoted(&format!("{action_line} roadmap: {action_line_title}")),
    )
}

pub fn page(title: &str) -> String {
    format!(
        r#"---
title: {title}
# description: One sentence shown under the title.
# weight: 10                 # place in the footer menu, lower first
action_lines: []
sdgs: []
---
The text of the page, in Markdown.
"#,
        title = quoted(title),
    )
}

/// Reads one key of a content file's front matter (or of a `.yaml` file's
/// list entries) without validating the rest: scaffolding must work while
/// other files are being edited.
fn front_matter(path: &std::path::Path) -> Result<crate::load::yaml::Node, String> {
    let raw = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let file = crate::source::SourceFile::new(path.display().to_string(), String::new(), &raw);
    let is_markdown = path.extension().is_some_and(|e| e == "md");
    let (yaml, line) = if is_markdown {
        let split =
            crate::load::frontmatter::split(&file.text).map_err(|e| format!("{}: {}", path.display(), e.message))?;
        (split.yaml.to_string(), split.yaml_line)
    } else {
        (file.text.to_string(), 1)
    };
    crate::load::yaml::parse(&yaml, line).map_err(|e| format!("{}:{}: {}", path.display(), e.span.line, e.message))
}

fn scalar<'a>(node: &'a crate::load::yaml::Node, key: &str) -> Option<&'a str> {
    use crate::load::yaml::Value;
    let Value::Map(entries) = &node.value else { return None };
    entries.iter().find_map(|(k, v)| match (&k.value, &v.value) {
        (Value::Scalar { text: name, .. }, Value::Scalar { text, .. }) if name == key => Some(text.as_str()),
        _ => None,
    })
}

/// The first day of a forum, for a new session's date.
pub fn forum_start(content: &std::path::Path, year: u32) -> Result<Date, String> {
    let path = content.join(format!("forums/{year}/forum.md"));
    if !path.exists() {
        return Err(format!("there is no forum {year} yet; create it first with `wsis new forum {year}`"));
    }
    let node = front_matter(&path)?;
    let start = scalar(&node, "start").ok_or_else(|| format!("{} has no `start` date", path.display()))?;
    Date::parse(start).map(|d| d.first_day()).map_err(|e| format!("{}: {e}", path.display()))
}

/// The title of an action line in `action-lines.yaml`.
pub fn action_line_title(content: &std::path::Path, id: &str) -> Result<String, String> {
    use crate::load::yaml::Value;
    let path = content.join("action-lines.yaml");
    let node = front_matter(&path)?;
    let Value::Seq(items) = &node.value else { return Err(format!("{} is not a list", path.display())) };
    let ids: Vec<&str> = items.iter().filter_map(|n| scalar(n, "id")).collect();
    items.iter().find(|n| scalar(n, "id") == Some(id)).and_then(|n| scalar(n, "title")).map(str::to_string).ok_or_else(
        || match crate::diagnostics::nearest(id, ids.iter().copied()) {
            Some(near) => format!("`{id}` is not an action line in action-lines.yaml (did you mean `{near}`?)"),
            None => format!("`{id}` is not an action line in action-lines.yaml"),
        },
    )
}

/// The languages `site.yaml` declares, the default first.
pub fn site_languages(content: &std::path::Path) -> Result<Vec<String>, String> {
    let source = crate::load::read_source(content, "site.yaml").map_err(|d| d.render())?;
    let mut reader = crate::validate::fields::Reader::new(&source);
    let site = crate::validate::reference::site(&mut reader);
    match (site, reader.diags.first()) {
        (Some(site), None) => Ok(site.languages.into_iter().map(|l| l.code).collect()),
        (_, Some(d)) => Err(d.render()),
        (None, None) => Err("site.yaml did not load".into()),
    }
}

/// The mark on each line of a new translation still to translate.
const TO_TRANSLATE: &str = "translate";

/// A forum's lists as a translation gives them: each item's translatable
/// text, in the original's order.
fn forum_lists(yaml: &mut String, f: &crate::model::Forum) {
    let mut list = |key: &str, items: Vec<String>| {
        if !items.is_empty() {
            yaml.push_str(&format!("{key}:\n"));
            for item in items {
                yaml.push_str(&format!("  - {{ {item} }}  # {TO_TRANSLATE}\n"));
            }
        }
    };
    let with = |key: &str, value: &Option<String>| {
        value.as_deref().map_or(String::new(), |v| format!(", {key}: {}", quoted(v)))
    };
    list(
        "key_figures",
        f.key_figures
            .iter()
            .map(|k| format!("label: {}{}", quoted(&k.label), with("qualifier", &k.qualifier)))
            .collect(),
    );
    list(
        "distributions",
        f.distributions
            .iter()
            .map(|d| {
                let parts: Vec<String> = d.parts.iter().map(|p| format!("{{ label: {} }}", quoted(&p.label))).collect();
                format!("title: {}, parts: [{}]", quoted(&d.title), parts.join(", "))
            })
            .collect(),
    );
    let titles = |titles: Vec<&String>| titles.into_iter().map(|t| format!("title: {}", quoted(t))).collect::<Vec<_>>();
    list("special_tracks", titles(f.special_tracks.iter().map(|x| &x.title).collect()));
    list("consultation", titles(f.consultation.iter().map(|x| &x.title).collect()));
    list("publications", titles(f.publications.iter().map(|x| &x.title).collect()));
    list("quotes", f.quotes.iter().map(|q| format!("text: {}{}", quoted(&q.text), with("role", &q.role))).collect());
    list("regional_events", titles(f.regional_events.iter().map(|x| &x.title).collect()));
    list("prize_phases", titles(f.prize_phases.iter().map(|x| &x.title).collect()));
    people_list(yaml, "hlt_facilitators", &f.hlt_facilitators);
}

/// A list of people as a translation gives it: each one's role and
/// organization, to translate (names stay as written), in the original's
/// order; nothing when no one has either.
fn people_list(yaml: &mut String, key: &str, people: &[crate::model::Person]) {
    if people.iter().all(|p| p.role.is_none() && p.organization.is_none()) {
        return;
    }
    yaml.push_str(&format!("{key}:\n"));
    for p in people {
        let texts: Vec<String> = [("role", &p.role), ("organization", &p.organization)]
            .iter()
            .filter_map(|(k, v)| v.as_deref().map(|v| format!("{k}: {}", quoted(v))))
            .collect();
        yaml.push_str(&format!("  - {{ {} }}  # {TO_TRANSLATE} ({})\n", texts.join(", "), p.name));
    }
}

/// The translation of an original into `lang`: its translatable text,
/// quoted, to replace, and its body. Everything else stays with the
/// original and is not written.
pub fn translation(
    kind: &crate::load::DocKind,
    source: &crate::source::SourceFile,
    lang: &str,
) -> Result<String, String> {
    use crate::validate::Entity;
    let crate::validate::Validated { entity, diags, .. } = crate::validate::validate_document(kind, source, 0, true);
    let entity = entity.ok_or_else(|| {
        let first = diags.first().map_or_else(String::new, |d| format!(":\n{}", d.render()));
        format!("fix the original first{first}")
    })?;
    let mut yaml = format!(
        "---\n# The `{lang}` translation of content/{}: replace each text marked\n\
         # `{TO_TRANSLATE}`, and the body below the closing `---`, with its translation.\n\
         # Until then a text still equal to the original's is published in the\n\
         # original's language, under a notice, and `wsis check --translations`\n\
         # lists it. Dates, numbers, names, links and tags come from the original.\n",
        source.rel_path
    );
    let line = |yaml: &mut String, key: &str, value: &str| {
        yaml.push_str(&format!("{key}: {}  # {TO_TRANSLATE}\n", quoted(value)))
    };
    // The title, and the other texts the kind has (`None`: it has none).
    let (title, second, body) = match &entity {
        Entity::Forum(f) => (&f.title, Some(("theme", &f.theme)), &f.body),
        Entity::Session(x) => (&x.title, None, &x.body),
        Entity::Ungis(x) => (&x.title, None, &x.body),
        Entity::Roadmap(x) => (&x.title, None, &x.body),
        Entity::Page(x) => (&x.title, Some(("description", &x.description)), &x.body),
    };
    line(&mut yaml, "title", title);
    if let Some((key, Some(text))) = second {
        line(&mut yaml, key, text);
    }
    match &entity {
        Entity::Forum(f) => {
            if let Some(venue) = &f.venue {
                line(&mut yaml, "venue", venue);
            }
            forum_lists(&mut yaml, f);
        }
        Entity::Session(s) => {
            people_list(&mut yaml, "facilitators", &s.facilitators);
            people_list(&mut yaml, "speakers", &s.speakers);
        }
        _ => {}
    }
    yaml.push_str("---\n");
    yaml.push_str(body.markdown());
    Ok(yaml)
}

/// The files of a new site (`wsis init`), by path inside it: settings,
/// the reference data as in this project's `content/` (the 18 action
/// lines with C7 and their facilitators, the 17 SDGs), one example forum
/// with one High-Level Track session, and a `.gitignore`. It builds with
/// no warning as written.
pub fn new_site(year: u32) -> Vec<(String, String)> {
    let forum = format!(
        r#"---
year: {year}
title: "WSIS Forum {year}"
# theme: "The motto of the year"
start: {year}-05-04          # first and last day, YYYY-MM-DD
end: {year}-05-08
# venue: Geneva, Switzerland
format: hybrid               # {formats}
key_figures:                 # the headline numbers the sources give
  - {{ label: "Participants (example: replace with the real figure)", value: 1 }}
action_lines: [C1]
sdgs: [17]
---
An example forum written by `wsis init`: replace this text with the
forum's overview and outcomes, in Markdown. `wsis new forum <year>` writes
another, with every field shown.
"#,
        formats = Format::SPELLINGS.join(" | "),
    );
    let session = format!(
        r#"---
title: "Example High-Level Track session"
date: {year}-05-05
action_lines: [C1]
sdgs: [17]
---
An example session written by `wsis init`; `wsis new session {year} "Title"`
writes another. Record what the session concluded under these headings.

## Vision

## Emerging trends

## Opportunities

## Challenges

## Recommendations
"#
    );
    vec![
        (
            "content/site.yaml".into(),
            "title: WSIS Forum Outcomes\ndescription: Outcome documents of the WSIS Forum.\nlanguage: en\n\
             # base_url: https://example.org/wsis/   # where the site is published (for the sitemap and feed)\n"
                .into(),
        ),
        ("content/action-lines.yaml".into(), include_str!("../content/action-lines.yaml").into()),
        ("content/sdgs.yaml".into(), include_str!("../content/sdgs.yaml").into()),
        (format!("content/forums/{year}/forum.md"), forum),
        (format!("content/forums/{year}/hlt/example-session.md"), session),
        (
            ".gitignore".into(),
            "# What `wsis build` writes: the site and its cache of PDF briefs.\n/output/\n/.output.cache/\n".into(),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_from_titles() {
        assert_eq!(slug_from_title("Bridging Digital Divides!").as_deref(), Some("bridging-digital-divides"));
        assert_eq!(slug_from_title("  e-Trade & ICTs  ").as_deref(), Some("e-trade-icts"));
        assert_eq!(slug_from_title("التحول الرقمي"), None);
    }

    #[test]
    fn titles_are_quoted_safely() {
        assert!(page("Process: a \"timeline\"").contains(r#"title: "Process: a \"timeline\"""#));
    }
}
