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
}

impl BriefBodies<'_> {
    fn body(&self, body: &Body, id_prefix: &str) -> Value {
        if self.pdf {
            // A link to a session of this forum leads to it in the brief;
            // to another page, to its published address when the site has
            // one, else it stays text (which names the page).
            let resolve = |target: &str| -> Option<String> {
                let (path, fragment) = target.split_once('#').unwrap_or((target, ""));
                if let Some(anchor) = self.inside.get(path).filter(|a| a.starts_with("#session-")) {
                    return Some(anchor.clone());
                }
                let page = self.published?.get(path)?;
                Some(if fragment.is_empty() { page.clone() } else { format!("{page}#{fragment}") })
            };
            return value(&markdown::blocks_linked(&body.markdown, &resolve));
        }
        let resolve = |path: &str| -> Result<String, String> {
            self.inside
                .get(path)
                .cloned()
                .or_else(|| self.outside?.get(path).map(|p| format!("{}{p}", self.root)))
                .ok_or_else(|| "unresolved".to_string())
        };
        // The page's HTML with its links and ids made the brief's, when it
        // says where they are; else the body is rendered again.
        let retargeted = body.marks.as_deref().and_then(|m| markdown::retarget(&body.html, m, id_prefix, &resolve));
        let html = retargeted.unwrap_or_else(|| {
            let opts =
                RenderOptions { root: "", unsafe_html: self.unsafe_html, id_prefix, heading_ids: &body.heading_ids };
            markdown::render(&body.markdown, &opts, &resolve).html
        });
        Value::from(html)
    }
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
        let bodies = BriefBodies {
            pdf,
            unsafe_html: self.site_cfg.unsafe_html,
            inside,
            outside: (!pdf).then(|| self.brief_targets()),
            published: if pdf { self.published_targets() } else { None },
            root: urls::root_prefix(&urls::brief(f.year)),
        };
        let sessions: Vec<Value> = indexes.iter().map(|j| self.brief_session(*j, &bodies)).collect();
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
            "summary" => bodies.body(&f.body, "summary_"),
            "path" => urls::forum(f.year),
            "pdf" => self.pdf_briefs.then(|| crate::plan::brief_pdf(self.site_cfg, f.year, self.lang.index)),
        };
        forum.extend(facts.into_map().unwrap_or_default());
        Value::from(forum)
    }

    fn brief_session(&self, i: usize, bodies: &BriefBodies) -> Value {
        let s = &self.m().sessions[i];
        let (als, sdgs) = self.tags(&s.tags);
        obj! {
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
            "body" => bodies.body(&s.body, &format!("session-{}_", s.slug)),
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
            .map(|(a, n)| obj! { "id" => a.id.as_str(), "title" => a.title.as_str(), "count" => *n })
            .collect();
        let sdgs: Vec<Value> = sdg_counts
            .iter()
            .map(|(s, n)| obj! { "number" => s.number, "title" => s.title.as_str(), "color" => s.color.as_str(), "count" => *n })
            .collect();
        obj! { "action_lines" => als, "sdgs" => sdgs, "action_lines_chart" => value(&al_chart), "sdgs_chart" => value(&sdg_chart) }
    }
}
