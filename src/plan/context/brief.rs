//! The data of a forum's outcome brief, for the HTML brief (tera) and the
//! PDF brief (typst) alike: the forum's sections (the same as on its
//! page), its sessions with their bodies in the form each brief reads, its
//! UNGIS activities and its coverage. Links inside it become in-page
//! anchors.

use super::values::{people, value};
use super::Contexts;
use crate::markdown::{self, RenderOptions};
use crate::model::*;
use crate::urls;
use std::collections::HashMap;
use tera::Value;

/// How a brief shows a body: plain blocks for typst, or HTML whose links
/// to the forum and its sessions are anchors inside the brief.
struct BriefBodies<'t> {
    pdf: bool,
    unsafe_html: bool,
    /// `@/` targets inside the brief (the forum, its sessions): anchors.
    inside: HashMap<String, String>,
    /// Every other `@/` target, from the brief's own folder.
    outside: Option<&'t HashMap<String, String>>,
    /// For the PDF: every `@/` target's published address, when the site
    /// has a `base_url`.
    published: Option<&'t HashMap<String, String>>,
    root: String,
    pictures: &'t markdown::Pictures,
}

impl BriefBodies<'_> {
    fn body(&self, body: &Body, id_prefix: &str) -> Value {
        if self.pdf {
            return self.text(body.markdown(), &body.heading_ids, id_prefix);
        }
        // The page's HTML with its links and ids made the brief's, when it
        // says where they are; else the body is rendered again.
        let retargeted =
            body.marks.as_deref().and_then(|m| markdown::retarget(&body.html, m, id_prefix, &|p| self.html_target(p)));
        match retargeted {
            Some(html) => eager(html),
            None => self.text(body.markdown(), &body.heading_ids, id_prefix),
        }
    }

    /// Where an `@/` target leads from the HTML brief.
    fn html_target(&self, path: &str) -> Result<String, String> {
        self.inside
            .get(path)
            .cloned()
            .or_else(|| self.outside?.get(path).map(|p| format!("{}{p}", self.root)))
            .ok_or_else(|| "unresolved".to_string())
    }

    /// Markdown (a body or part of one) in the form the brief reads.
    fn text(&self, markdown: &str, heading_ids: &[String], id_prefix: &str) -> Value {
        if self.pdf {
            // A link to a session of this forum leads to it in the brief;
            // to another page, to its published address when the site has
            // one, else it stays text (which names the page).
            let resolve = |target: &str| -> Option<String> {
                let (path, fragment) = target.split_once('#').unwrap_or((target, ""));
                let in_brief = |a: &&String| a.starts_with("#session-") || a.starts_with("#annex-");
                if let Some(anchor) = self.inside.get(path).filter(in_brief) {
                    return Some(anchor.clone());
                }
                let page = self.published?.get(path)?;
                Some(if fragment.is_empty() { page.clone() } else { format!("{page}#{fragment}") })
            };
            let picture = |target: &str| -> Option<(String, f64)> {
                let p = self.pictures.get(target)?.as_ref().ok()?;
                Some((crate::pictures::print_name(p), crate::pictures::print_width(p)))
            };
            return value(&markdown::blocks_linked(markdown, &resolve, &picture));
        }
        let opts = RenderOptions {
            root: "",
            unsafe_html: self.unsafe_html,
            id_prefix,
            heading_ids,
            pictures: Some(self.pictures),
        };
        eager(markdown::render(markdown, &opts, &|p| self.html_target(p)).html)
    }
}

/// A brief is printed whole: a picture left to load when scrolled to may
/// be missing from the printout. (Only a tag can hold the attribute: text
/// shows its quotes escaped.)
fn eager(html: String) -> Value {
    Value::from(html.replace(r#" loading="lazy""#, ""))
}

/// The sections of a body's HTML, each `<h2 id="...">` with its text (as
/// HTML, entities kept), for the HTML brief's contents. The generator
/// wrote that HTML itself, so its headings have this one form.
fn sections(html: &str) -> Vec<Value> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find("<h2 id=\"") {
        let tag = &rest[at + 8..];
        let (Some(quote), Some(open_end), Some(close)) = (tag.find('"'), tag.find('>'), tag.find("</h2>")) else {
            break;
        };
        let mut text = String::new();
        let mut in_tag = false;
        for c in tag[open_end + 1..close].chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => text.push(c),
                _ => {}
            }
        }
        out.push(obj! { "id" => &tag[..quote], "text" => text.trim() });
        rest = &tag[close..];
    }
    out
}

/// A body's opening paragraph and the rest, when it opens with one (not a
/// heading, list, table, quote, picture or code).
fn opening_paragraph(markdown: &str) -> Option<(&str, &str)> {
    let text = markdown.trim_start();
    let first = text.lines().next()?.trim_start();
    let opens_block = ["#", "-", "*", "+", ">", "|", "!", "`", "~", "<", "[^"].iter().any(|p| first.starts_with(p))
        || first.split_once(['.', ')']).is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    if opens_block {
        return None;
    }
    // The paragraph ends at the first blank line.
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        if line.trim().is_empty() {
            break;
        }
        at += line.len();
    }
    Some((text[..at].trim_end(), text[at..].trim_start()))
}

/// The opening paragraphs that several of a forum's sessions share, word
/// for word (white space aside), each with the positions of its sessions;
/// in the order they first appear.
fn shared_openings(bodies: &[&str]) -> Vec<(String, Vec<usize>)> {
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    for (i, body) in bodies.iter().enumerate() {
        let Some((opening, _)) = opening_paragraph(body) else { continue };
        let words = opening.split_whitespace().collect::<Vec<_>>().join(" ");
        match groups.iter_mut().find(|(w, _)| *w == words) {
            Some((_, sessions)) => sessions.push(i),
            None => groups.push((words, vec![i])),
        }
    }
    groups.retain(|(_, sessions)| sessions.len() > 1);
    groups
}

impl<'a> Contexts<'a> {
    /// Where the HTML brief's links lead, from its language's root: the
    /// documents in the same language's tree, the static files at the
    /// site root.
    /// Built once a language, by its first brief.
    fn brief_targets(&self) -> &HashMap<String, String> {
        self.brief_targets.get_or_init(|| {
            let m = self.m();
            let up = urls::root_prefix(&self.lang.prefix);
            let mut targets = crate::link::link_targets(m);
            for s in &m.statics {
                if let Some(t) = targets.get_mut(&s.rel_path) {
                    t.insert_str(0, &up);
                }
            }
            targets
        })
    }

    /// Where each `@/` target is published, for the PDF, which a reader
    /// may hold far from the site: the documents in this language's tree,
    /// the static files at the site root; `None` without a `base_url`.
    /// Built once a language, by its first PDF brief.
    fn published_targets(&self) -> Option<&HashMap<String, String>> {
        self.published_targets.get_or_init(|| self.new_published_targets()).as_ref()
    }

    fn new_published_targets(&self) -> Option<HashMap<String, String>> {
        let base = self.site_cfg.base_url.as_deref()?;
        let m = self.m();
        let statics: std::collections::HashSet<&str> = m.statics.iter().map(|s| s.rel_path.as_str()).collect();
        let targets = crate::link::link_targets(m);
        Some(
            targets
                .into_iter()
                .map(|(source, page)| {
                    let prefix = if statics.contains(source.as_str()) { "" } else { self.lang.prefix.as_str() };
                    let address = format!("{base}{prefix}{page}");
                    (source, address)
                })
                .collect(),
        )
    }

    /// A brief's title: an outcome brief, or a forum brief that says what
    /// its sources are ("WSIS Forum 2021: forum brief (Announcement, as of
    /// 22 January 2021)").
    pub(super) fn brief_title(&self, f: &Forum) -> String {
        match self.status_text(f).filter(|_| f.status.is_some_and(|s| s != SourceStatus::Outcome)) {
            Some(status) => self.t().fill("brief_title_planned", &[("title", &f.title), ("status", &status)]),
            None => self.t().fill("brief_title", &[("title", &f.title)]),
        }
    }

    /// The data of forum `i`'s brief; `pdf` selects the form of the bodies
    /// (each form renders only what it shows).
    pub fn brief(&self, i: usize, pdf: bool) -> Value {
        let m = self.m();
        let f = &m.forums[i];
        let indexes: &[usize] = self.l.index.sessions_by_year.get(&f.year).map(Vec::as_slice).unwrap_or_default();
        let mut inside = HashMap::new();
        inside.insert(m.files[f.file].rel_path.clone(), "#top".to_string());
        for s in indexes.iter().map(|j| &m.sessions[*j]) {
            inside.insert(m.files[s.file].rel_path.clone(), format!("#session-{}", s.slug));
        }
        // The pages that belong to the forum are its brief's annexes.
        let annexes: Vec<&Page> =
            m.pages.iter().filter(|p| p.forum.as_ref().is_some_and(|y| y.value == f.year)).collect();
        for p in &annexes {
            inside.insert(m.files[p.file].rel_path.clone(), format!("#annex-{}", p.slug));
        }
        let bodies = BriefBodies {
            pdf,
            unsafe_html: self.site_cfg.unsafe_html,
            inside,
            outside: (!pdf).then(|| self.brief_targets()),
            published: if pdf { self.published_targets() } else { None },
            root: urls::root_prefix(&urls::brief(f.year)),
            pictures: &m.pictures,
        };
        // Sessions that open with the same paragraph (a forum's standard
        // introduction) have it shown once, before a table of them.
        let markdowns: Vec<&str> = indexes.iter().map(|j| m.sessions[*j].body.markdown()).collect();
        let groups = shared_openings(&markdowns);
        let in_group = |pos: usize| groups.iter().any(|(_, members)| members.contains(&pos));
        let sessions: Vec<Value> =
            indexes.iter().enumerate().map(|(pos, j)| self.brief_session(*j, &bodies, in_group(pos))).collect();
        let annexes: Vec<Value> = annexes
            .iter()
            .map(|p| {
                obj! {
                    "anchor" => format!("annex-{}", p.slug),
                    "title" => p.title.as_str(),
                    "lang" => self.text_lang(p.file).or_else(|| crate::language::script_language(&p.title)),
                    "text_lang" => self.part_lang(p.file, |x| x.body),
                    "body" => bodies.body(&p.body, &format!("annex-{}_", p.slug)),
                }
            })
            .collect();
        let shared: Vec<Value> = groups
            .iter()
            .enumerate()
            .map(|(g, (_, members))| {
                let first = &m.sessions[indexes[members[0]]];
                let opening = opening_paragraph(first.body.markdown()).map_or("", |(o, _)| o);
                let rows: Vec<Value> = members
                    .iter()
                    .filter_map(|p| {
                        let s = sessions[*p].as_map()?;
                        let keep = ["anchor", "title", "lang", "date", "action_lines", "only"];
                        Some(Value::from(
                            s.iter()
                                .filter(|(k, _)| k.as_str().is_some_and(|k| keep.contains(&k)))
                                .map(|(k, v)| (k.clone(), v.clone()))
                                .collect::<tera::Map>(),
                        ))
                    })
                    .collect();
                obj! {
                    "intro" => bodies.text(opening, &[], &format!("shared-{g}_")),
                    "lang" => self.part_lang(first.file, |p| p.body),
                    "sessions" => rows,
                }
            })
            .collect();
        obj! {
            "site" => self.site_title(),
            "contact" => self.site_cfg.contact.as_deref(),
            "contact_href" => self.site_cfg.contact.as_deref().map(super::contact_href),
            "language" => self.lang.code.as_str(),
            "dir" => self.lang.dir,
            "t" => value(self.t().json()),
            "text_lang" => self.doc_lang(f.file),
            "partly_lang" => self.partly_lang(f.file),
            "title_lang" => self.text_lang(f.file),
            "lead_lang" => self.part_lang(f.file, |p| p.lead),
            "body_lang" => self.part_lang(f.file, |p| p.body),
            "forum" => self.brief_forum(f, &bodies),
            "sessions" => sessions,
            "shared" => shared,
            "annexes" => annexes,
            "ungis" => self.brief_ungis(f),
            "coverage" => self.brief_coverage(f),
        }
    }

    /// The forum's own facts and sections, and its overview as the summary.
    fn brief_forum(&self, f: &Forum, bodies: &BriefBodies) -> Value {
        let mut forum = self.forum_sections(f);
        // The brief's date of issue: the reproducible build's date when
        // CI gives one, else (for the document's metadata only) the date
        // the sources describe the forum as of, or its last day: the same
        // content gives the same PDF.
        let source_date = crate::date::Date::source_date();
        let issued = source_date.or(f.as_of).unwrap_or(f.end).last_day();
        let planned = f.status.is_some_and(|s| s != SourceStatus::Outcome);
        let summary = bodies.body(&f.body, "summary_");
        let facts = obj! {
            "status" => self.status_text(f),
            "planned" => planned,
            "status_note" => self.status_note(f),
            "date_of_issue" => source_date.map(|d| self.lang.locale.date(d)),
            "brief_title" => self.brief_title(f),
            "brief_label" => self.t().get(if planned { "forum_brief" } else { "outcome_brief" }),
            "year" => f.year,
            "title" => f.title.as_str(),
            "theme" => f.theme.as_deref(),
            "dates" => self.lang.locale.range(f.start, f.end),
            "issued" => obj! { "year" => issued.year, "month" => issued.month, "day" => issued.day },
            "venue" => f.venue.as_deref(),
            "format" => self.format_label(f),
            "key_figures" => self.key_figures(f),
            "summary_sections" => if bodies.pdf { Vec::new() } else { sections(summary.as_str().unwrap_or_default()) },
            "summary" => summary,
            "path" => urls::forum(f.year),
            "pdf" => self.pdf_briefs.then(|| crate::plan::brief_pdf(self.site_cfg, f.year, self.lang.index)),
        };
        forum.extend(facts.into_map().unwrap_or_default());
        Value::from(forum)
    }

    /// A session as its brief shows it; `shared`: its opening paragraph is
    /// shown once for all the sessions that share it, so its body is the
    /// rest (and a session with nothing more to say is only a row of their
    /// table: `only`).
    fn brief_session(&self, i: usize, bodies: &BriefBodies, shared: bool) -> Value {
        let s = &self.m().sessions[i];
        let (als, sdgs) = self.tags(&s.tags);
        let prefix = format!("session-{}_", s.slug);
        let rest = opening_paragraph(s.body.markdown()).filter(|_| shared).map(|(_, rest)| rest);
        let body = match rest {
            Some(rest) => bodies.text(rest, &s.body.heading_ids, &prefix),
            None => bodies.body(&s.body, &prefix),
        };
        let only = rest.is_some_and(|r| r.trim().is_empty()) && s.facilitators.is_empty() && s.speakers.is_empty();
        obj! {
            "only" => only,
            "anchor" => format!("session-{}", s.slug),
            "title" => s.title.as_str(),
            // The language of a title in another script, so the PDF tags it
            // for screen readers as the HTML does.
            "lang" => self.text_lang(s.file).or_else(|| crate::language::script_language(&s.title)),
            "text_lang" => self.part_lang(s.file, |p| p.body),
            "date" => self.session_date_json(i),
            "time" => s.time.as_deref(),
            "facilitators" => people(&s.facilitators),
            "speakers" => people(&s.speakers),
            "action_lines" => als,
            "sdgs" => sdgs,
            "body" => body,
        }
    }

    fn brief_ungis(&self, f: &Forum) -> Value {
        let m = self.m();
        let all: Vec<Value> = self
            .l
            .index
            .ungis_by_year
            .get(&f.year)
            .into_iter()
            .flatten()
            .map(|j| {
                let u = &m.ungis[*j];
                obj! { "title" => u.title.as_str(), "kind" => self.t().get(&format!("ungis.{}", u.kind.spelling())), "date" => self.period_json(&u.date, u.date_end), "url" => u.url.as_deref() }
            })
            .collect();
        Value::from(all)
    }

    fn brief_coverage(&self, f: &Forum) -> Value {
        let (al_counts, sdg_counts) = self.coverage_counts(f);
        let (al_chart, sdg_chart) = self.coverage_charts(f);
        let als: Vec<Value> = al_counts
            .iter()
            .map(|(a, n)| obj! { "id" => a.id.as_str(), "title" => a.title.as_str(), "label" => super::values::action_line_label(a), "count" => *n })
            .collect();
        let sdgs: Vec<Value> = sdg_counts
            .iter()
            .map(|(s, n)| obj! { "number" => s.number, "title" => s.title.as_str(), "color" => s.color.as_str(), "count" => *n })
            .collect();
        let (al_even, sdg_even) = (self.even_coverage(al_chart.as_ref()), self.even_coverage(sdg_chart.as_ref()));
        obj! {
            "action_lines" => als,
            "sdgs" => sdgs,
            "action_lines_chart" => value(&al_chart.filter(|_| al_even.is_none())),
            "sdgs_chart" => value(&sdg_chart.filter(|_| sdg_even.is_none())),
            "action_lines_even" => al_even,
            "sdgs_even" => sdg_even,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sections_of_a_body_are_its_second_level_headings_with_their_text() {
        let html = "<p>Intro.</p>\n<h2 id=\"summary_key\" class=\"wide\">Key <em>elements</em> &amp; more</h2>\n<h3 id=\"x\">Not this</h3><h2 id=\"summary_agenda\">Draft agenda</h2>";
        let found = serde_json::to_value(sections(html)).unwrap();
        assert_eq!(found.as_array().map(Vec::len), Some(2));
        assert_eq!(found[0]["id"], "summary_key");
        assert_eq!(found[0]["text"], "Key elements &amp; more");
        assert_eq!(found[1]["text"], "Draft agenda");
    }

    #[test]
    fn a_body_s_opening_paragraph_is_found_up_to_its_blank_line() {
        assert_eq!(
            opening_paragraph("One of the 11 sessions,\nheld in July.\n\nMore."),
            Some(("One of the 11 sessions,\nheld in July.", "More."))
        );
        assert_eq!(opening_paragraph("Only this."), Some(("Only this.", "")));
        for opens_otherwise in
            ["## Vision\n\nText.", "- a list", "1. a list", "| a | b |", "![a picture](@/static/a.png)"]
        {
            assert_eq!(opening_paragraph(opens_otherwise), None, "{opens_otherwise}");
        }
    }

    #[test]
    fn sessions_that_open_alike_share_their_opening_and_others_do_not() {
        let bodies =
            ["Shared words,\nwrapped.\n\nFirst's own.", "Other words.", "Shared   words, wrapped.", "## Heading"];
        assert_eq!(shared_openings(&bodies), vec![("Shared words, wrapped.".to_string(), vec![0, 2])]);
        assert!(shared_openings(&["Alone."]).is_empty(), "one session shares nothing");
    }
}
