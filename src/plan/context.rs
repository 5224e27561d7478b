//! The data each template gets: everything resolved, every URL a path from
//! the site root (`forums/2020/index.html`). Templates prefix URLs with
//! `root`, the way back to the root from the page being written, which
//! keeps every link relative.

use super::{PageKind, Plan, PlannedPage};
use crate::chart::{Bar, Chart};
use crate::date::range_long;
use crate::format::{figure_text, group_digits};
use crate::link::{Item, Linked};
use crate::model::*;
use crate::urls;
use serde_json::{json, Value};

/// A JSON object from values that are already `Value`s (or turn into one)
/// without serialising them again, as `json!` does: on the per-session hot
/// path that copy was a tenth of the build.
macro_rules! obj {
    ($($key:literal => $value:expr),* $(,)?) => {{
        let mut map = serde_json::Map::new();
        $( map.insert($key.to_string(), Value::from($value)); )*
        Value::Object(map)
    }};
}

/// Builds page contexts; what many pages share is built once.
pub struct Contexts<'a> {
    l: &'a Linked,
    site_cfg: &'a SiteConfig,
    site: Value,
    menu: Value,
    action_lines: Vec<Value>,
    sdgs: Vec<Value>,
    /// Forum summaries, latest first.
    forums_desc: Vec<Value>,
    /// Position of each session within its forum's list, for prev/next.
    session_pos: Vec<usize>,
    sitemap: Vec<String>,
    pdf_briefs: bool,
}

type Crumbs<'c> = Vec<(&'c str, String)>;

/// How many items name each action line and each SDG.
type Coverage<'a> = (Vec<(&'a ActionLine, u64)>, Vec<(&'a Sdg, u64)>);

fn date_json(d: &crate::date::Date) -> Value {
    obj! { "iso" => d.iso(), "long" => d.long() }
}

/// A day, or a period shown as "20–29 July 2020".
fn period_json(start: &crate::date::Date, end: Option<crate::date::Date>) -> Value {
    match end {
        Some(end) => obj! { "iso" => start.iso(), "long" => range_long(*start, end) },
        None => date_json(start),
    }
}

fn session_date_json(s: &Session) -> Value {
    period_json(&s.date.value, s.date_end)
}

fn opt_date_json(d: &Option<crate::date::Date>) -> Value {
    d.as_ref().map(date_json).unwrap_or(Value::Null)
}

impl<'a> Contexts<'a> {
    /// Prepares the shared parts for `plan`.
    pub fn new(l: &'a Linked, site_cfg: &'a SiteConfig, plan: &Plan) -> Contexts<'a> {
        let m = &l.model;
        let menu = json!([
            { "title": "Forums", "path": "forums/index.html" },
            { "title": "Action Lines", "path": "action-lines/index.html" },
            { "title": "SDGs", "path": "sdgs/index.html" },
            { "title": "Matrix", "path": "matrix/index.html" },
            { "title": "UNGIS", "path": "ungis/index.html" },
            { "title": "Roadmaps", "path": "roadmaps/index.html" },
            { "title": "Search", "path": "search/index.html" },
        ]);
        let footer_pages: Vec<Value> =
            m.pages.iter().map(|p| json!({ "title": p.title, "path": urls::page(&p.slug) })).collect();
        let site = json!({
            "title": site_cfg.title,
            "description": site_cfg.description,
            "language": site_cfg.language,
            "dir": site_cfg.dir,
            "pages": footer_pages,
        });
        let mut session_pos = vec![0; m.sessions.len()];
        for list in l.index.sessions_by_year.values() {
            for (pos, i) in list.iter().enumerate() {
                session_pos[*i] = pos;
            }
        }
        let mut c = Contexts {
            l,
            site_cfg,
            site,
            menu,
            action_lines: Vec::new(),
            sdgs: Vec::new(),
            forums_desc: Vec::new(),
            session_pos,
            sitemap: super::sitemap_paths(plan),
            pdf_briefs: plan.pdf_briefs,
        };
        c.action_lines = m.action_lines.iter().map(|a| c.action_line_json(a)).collect();
        c.sdgs = m.sdgs.iter().map(|s| c.sdg_json(s)).collect();
        c.forums_desc = m.forums.iter().rev().map(|f| c.forum_summary(f)).collect();
        c
    }

    fn m(&self) -> &'a Model {
        &self.l.model
    }

    /// The data for one page's template.
    pub fn context(&self, page: &PlannedPage) -> Value {
        let m = self.m();
        let home = || ("Home", "index.html".to_string());
        let forums = || ("Forums", "forums/index.html".to_string());
        let (title, crumbs, data): (String, Crumbs, Value) = match page.kind {
            PageKind::Home => (self.site_cfg.title.clone(), vec![], self.home()),
            PageKind::Forums => ("Forums".into(), vec![home()], obj! { "forums" => self.forums_desc.clone() }),
            PageKind::Forum(i) => (m.forums[i].title.clone(), vec![home(), forums()], self.forum(i)),
            PageKind::Brief(i) => {
                let f = &m.forums[i];
                let crumbs = vec![home(), forums(), (f.title.as_str(), urls::forum(f.year))];
                let crumbs: Crumbs = crumbs.into_iter().collect();
                return self.finish(page, &format!("{}: outcome brief", f.title), crumbs, self.brief(i, false));
            }
            PageKind::BriefPdf(_) => (String::new(), vec![], json!({})),
            PageKind::Session(i) => {
                let s = &m.sessions[i];
                let forum_title = self.forum_title(s.year);
                let crumbs = vec![home(), forums(), (forum_title.as_str(), urls::forum(s.year))];
                let data = self.session(i, &forum_title);
                return self.finish(page, &s.title, crumbs, data);
            }
            PageKind::UngisIndex => {
                let all: Vec<Value> = m.ungis.iter().rev().map(|u| self.ungis_summary(u)).collect();
                ("UNGIS activities".into(), vec![home()], obj! { "activities" => all })
            }
            PageKind::Ungis(i) => {
                (m.ungis[i].title.clone(), vec![home(), ("UNGIS", "ungis/index.html".into())], self.ungis(i))
            }
            PageKind::RoadmapsIndex => {
                let list: Vec<Value> = m
                    .roadmaps
                    .iter()
                    .map(|r| json!({ "title": r.title, "path": urls::roadmap(&r.slug), "action_line": self.action_line_ref(&r.action_line.value), "facilitator": r.facilitator }))
                    .collect();
                ("Action Line roadmaps".into(), vec![home()], obj! { "roadmaps" => list })
            }
            PageKind::Roadmap(i) => {
                (m.roadmaps[i].title.clone(), vec![home(), ("Roadmaps", "roadmaps/index.html".into())], self.roadmap(i))
            }
            PageKind::Page(i) => {
                let pg = &m.pages[i];
                let (als, sdgs) = self.tags(&pg.tags);
                let data = obj! { "page" => obj! {
                    "title" => pg.title.as_str(),
                    "description" => pg.description.as_deref(),
                    "body" => pg.body.html.as_str(),
                    "action_lines" => als,
                    "sdgs" => sdgs,
                } };
                (pg.title.clone(), vec![home()], data)
            }
            PageKind::ActionLinesIndex => {
                ("WSIS Action Lines".into(), vec![home()], obj! { "action_lines" => self.action_lines.clone() })
            }
            PageKind::ActionLine(i) => {
                let a = &m.action_lines[i];
                let crumbs = vec![home(), ("Action Lines", "action-lines/index.html".into())];
                (format!("{}: {}", a.id, a.title), crumbs, self.action_line(a))
            }
            PageKind::SdgsIndex => {
                ("Sustainable Development Goals".into(), vec![home()], obj! { "sdgs" => self.sdgs.clone() })
            }
            PageKind::Sdg(i) => {
                let s = &m.sdgs[i];
                let crumbs = vec![home(), ("SDGs", "sdgs/index.html".into())];
                (format!("SDG {}: {}", s.number, s.title), crumbs, self.sdg(s))
            }
            PageKind::Matrix => ("WSIS–SDG Matrix".into(), vec![home()], self.matrix()),
            PageKind::NotFound => ("Page not found".into(), vec![], json!({})),
            PageKind::Feed => (self.site_cfg.title.clone(), vec![], self.feed()),
            PageKind::DataIndex => {
                let files: Vec<Value> = crate::data_files::DataFile::ALL
                    .iter()
                    .map(|f| obj! { "path" => f.path(), "name" => f.path().trim_start_matches("data/"), "about" => f.describe() })
                    .collect();
                ("Open data".into(), vec![home()], obj! { "files" => files })
            }
            PageKind::Data(_) => (String::new(), vec![], json!({})),
            PageKind::Search => ("Search".into(), vec![home()], json!({})),
            PageKind::Sitemap => {
                let data = json!({ "base_url": self.site_cfg.base_url, "urls": self.sitemap });
                (self.site_cfg.title.clone(), vec![], data)
            }
        };
        self.finish(page, &title, crumbs, data)
    }

    /// Adds what every page has: site, menu, root, breadcrumbs.
    fn finish(&self, page: &PlannedPage, title: &str, crumbs: Crumbs, mut data: Value) -> Value {
        let crumbs: Vec<Value> = crumbs.into_iter().map(|(t, p)| json!({ "title": t, "path": p })).collect();
        if let Value::Object(map) = &mut data {
            map.insert("root".into(), Value::String(urls::root_prefix(&page.path)));
            map.insert("path".into(), Value::String(page.path.clone()));
            let section = page.path.split('/').next().unwrap_or_default().to_string();
            map.insert("section".into(), Value::String(section));
            map.insert("site".into(), self.site.clone());
            map.insert("menu".into(), self.menu.clone());
            map.insert("page_title".into(), Value::String(title.to_string()));
            map.insert("breadcrumbs".into(), Value::Array(crumbs));
        }
        data
    }

    fn forum_title(&self, year: u32) -> String {
        self.m()
            .forums
            .iter()
            .find(|f| f.year == year)
            .map_or_else(|| format!("WSIS Forum {year}"), |f| f.title.clone())
    }

    fn home(&self) -> Value {
        let m = self.m();
        let latest = m.forums.last().map(|f| self.forum_summary(f));
        let mut recent: Vec<&Session> = m.sessions.iter().collect();
        recent.sort_by(|a, b| (b.date.value, &a.title).cmp(&(a.date.value, &b.title)));
        let recent: Vec<Value> = recent.iter().take(6).map(|s| self.session_summary(s)).collect();
        obj! { "forums" => self.forums_desc.clone(), "latest" => latest, "recent_sessions" => recent, "action_lines" => self.action_lines.clone(), "sdgs" => self.sdgs.clone() }
    }

    fn session(&self, i: usize, forum_title: &str) -> Value {
        let m = self.m();
        let s = &m.sessions[i];
        let siblings = self.l.index.sessions_by_year.get(&s.year).map(Vec::as_slice).unwrap_or_default();
        let pos = self.session_pos[i];
        let link = |j: &usize| {
            let other = &m.sessions[*j];
            obj! { "title" => other.title.as_str(), "path" => urls::session(other.year, &other.slug) }
        };
        let prev = pos.checked_sub(1).and_then(|j| siblings.get(j)).map(link);
        let next = siblings.get(pos + 1).map(link);
        let (als, sdgs) = self.tags(&s.tags);
        let people = |list: &Vec<Person>| serde_json::to_value(list).unwrap_or_default();
        let session = obj! {
            "title" => s.title.as_str(),
            "date" => session_date_json(s),
            "time" => s.time.as_deref(),
            "facilitators" => people(&s.facilitators),
            "speakers" => people(&s.speakers),
            "action_lines" => als,
            "sdgs" => sdgs,
            "body" => s.body.html.as_str(),
            "has_body" => !s.body.html.is_empty(),
            "forum" => obj! { "title" => forum_title, "path" => urls::forum(s.year), "year" => s.year },
        };
        obj! { "session" => session, "prev" => prev, "next" => next }
    }

    fn ungis(&self, i: usize) -> Value {
        let m = self.m();
        let u = &m.ungis[i];
        let (als, sdgs) = self.tags(&u.tags);
        let forum = u
            .forum
            .as_ref()
            .and_then(|y| m.forums.iter().find(|f| f.year == y.value))
            .map(|f| json!({ "title": f.title, "path": urls::forum(f.year) }));
        json!({ "activity": {
            "title": u.title, "kind": u.kind.label(), "date": period_json(&u.date, u.date_end), "time": u.time, "chair": u.chair,
            "url": u.url, "forum": forum, "action_lines": als, "sdgs": sdgs, "body": u.body.html, "has_body": !u.body.html.is_empty(),
        }})
    }

    fn roadmap(&self, i: usize) -> Value {
        let r = &self.m().roadmaps[i];
        let activities: Vec<Value> = r
            .activities
            .iter()
            .map(|a| {
                let mut sdgs: Vec<u32> = a.sdgs.iter().map(|s| s.value).collect();
                sdgs.sort_unstable();
                sdgs.dedup();
                let sdgs: Vec<Value> = sdgs.into_iter().map(|n| self.sdg_ref(n)).collect();
                json!({ "title": a.title, "timeframe": a.timeframe, "expected_results": a.expected_results, "partners": a.partners, "sdgs": sdgs })
            })
            .collect();
        json!({ "roadmap": {
            "title": r.title, "action_line": self.action_line_ref(&r.action_line.value), "facilitator": r.facilitator,
            "updated": opt_date_json(&r.updated), "activities": activities, "body": r.body.html, "has_body": !r.body.html.is_empty(),
        }})
    }

    fn sdg(&self, s: &Sdg) -> Value {
        let l = self.l;
        let items = self.items(l.index.by_sdg.get(&s.number));
        let connected: Vec<Value> = self
            .m()
            .action_lines
            .iter()
            .filter_map(|a| {
                let n = l.index.matrix.get(&(a.id.clone(), s.number))?.len();
                Some(json!({ "action_line": self.action_line_ref(&a.id), "count": n, "path": format!("{}#sdg-{}", urls::action_line(&a.id), s.number) }))
            })
            .collect();
        let chart =
            self.by_year_chart(&format!("SDG {}: items by forum year", s.number), l.index.by_sdg.get(&s.number));
        obj! { "sdg" => self.sdg_json(s), "items" => items, "action_lines" => connected, "chart" => json!(chart) }
    }

    fn matrix(&self) -> Value {
        let m = self.m();
        let matrix = &self.l.index.matrix;
        let max = matrix.values().map(Vec::len).max().unwrap_or(0);
        let rows: Vec<Value> = m
            .action_lines
            .iter()
            .map(|a| {
                let cells: Vec<Value> = m
                    .sdgs
                    .iter()
                    .map(|s| {
                        let n = matrix.get(&(a.id.clone(), s.number)).map_or(0, Vec::len);
                        let level = if n == 0 || max == 0 { 0 } else { 1 + (n * 3 - 1) / max };
                        json!({ "sdg": s.number, "color": s.color, "count": n, "level": level, "path": format!("{}#sdg-{}", urls::action_line(&a.id), s.number) })
                    })
                    .collect();
                obj! { "action_line" => self.action_line_ref(&a.id), "cells" => cells }
            })
            .collect();
        obj! { "sdgs" => self.sdgs.clone(), "rows" => rows }
    }

    fn action_line_ref(&self, id: &str) -> Value {
        let title = self.m().action_lines.iter().find(|a| a.id == id).map_or("", |a| a.title.as_str());
        json!({ "id": id, "title": title, "path": urls::action_line(id) })
    }

    fn sdg_ref(&self, n: u32) -> Value {
        let sdg = self.m().sdgs.iter().find(|s| s.number == n);
        json!({
            "number": n,
            "title": sdg.map_or("", |s| s.title.as_str()),
            "color": sdg.map_or("#555555", |s| s.color.as_str()),
            "path": urls::sdg(n),
        })
    }

    fn tags(&self, t: &Tags) -> (Value, Value) {
        let mut als: Vec<&str> = t.action_lines.iter().map(|a| a.value.as_str()).collect();
        als.sort_by_key(|id| self.action_line_order(id));
        als.dedup();
        let mut sdgs: Vec<u32> = t.sdgs.iter().map(|s| s.value).collect();
        sdgs.sort_unstable();
        sdgs.dedup();
        (
            Value::Array(als.into_iter().map(|a| self.action_line_ref(a)).collect()),
            Value::Array(sdgs.into_iter().map(|n| self.sdg_ref(n)).collect()),
        )
    }

    fn action_line_order(&self, id: &str) -> usize {
        self.m().action_lines.iter().position(|a| a.id == id).unwrap_or(usize::MAX)
    }

    fn item(&self, item: Item) -> Value {
        let m = self.m();
        match item {
            Item::Forum(i) => {
                let f = &m.forums[i];
                obj! { "kind" => "Forum", "title" => f.title.as_str(), "path" => urls::forum(f.year), "date" => date_json(&f.start), "year" => f.year }
            }
            Item::Session(i) => {
                let s = &m.sessions[i];
                obj! { "kind" => "High-Level Track session", "title" => s.title.as_str(), "path" => urls::session(s.year, &s.slug), "date" => session_date_json(s), "year" => s.year }
            }
            Item::Ungis(i) => {
                let u = &m.ungis[i];
                obj! { "kind" => "UNGIS activity", "title" => u.title.as_str(), "path" => urls::ungis(&u.slug), "date" => period_json(&u.date, u.date_end), "year" => u.date.year }
            }
            Item::Page(i) => {
                let p = &m.pages[i];
                obj! { "kind" => "Page", "title" => p.title.as_str(), "path" => urls::page(&p.slug), "date" => Value::Null, "year" => Value::Null }
            }
            Item::Roadmap(i) => {
                let r = &m.roadmaps[i];
                obj! { "kind" => "Roadmap", "title" => r.title.as_str(), "path" => urls::roadmap(&r.slug), "date" => opt_date_json(&r.updated), "year" => r.updated.map(|d| d.year) }
            }
        }
    }

    fn items(&self, items: Option<&Vec<Item>>) -> Value {
        Value::Array(items.map(|v| v.iter().map(|i| self.item(*i)).collect()).unwrap_or_default())
    }

    fn forum_summary(&self, f: &Forum) -> Value {
        json!({
            "year": f.year,
            "title": f.title,
            "theme": f.theme,
            "dates": range_long(f.start, f.end),
            "start": date_json(&f.start),
            "venue": f.venue,
            "format": f.format,
            "path": urls::forum(f.year),
            "brief": urls::brief(f.year),
            "brief_pdf": self.pdf_briefs.then(|| urls::brief_pdf(f.year)),
            "key_figures": f.key_figures.iter().map(|k| json!({ "label": k.label, "text": figure_text(k) })).collect::<Vec<_>>(),
        })
    }

    fn session_summary(&self, s: &Session) -> Value {
        obj! {
            "title" => s.title.as_str(),
            "path" => urls::session(s.year, &s.slug),
            "date" => session_date_json(s),
            "time" => s.time.as_deref(),
        }
    }

    fn ungis_summary(&self, u: &Ungis) -> Value {
        json!({ "title": u.title, "path": urls::ungis(&u.slug), "date": period_json(&u.date, u.date_end), "time": u.time, "kind": u.kind.label() })
    }

    fn action_line_json(&self, a: &ActionLine) -> Value {
        let count = self.l.index.by_action_line.get(&a.id).map_or(0, Vec::len);
        json!({ "id": a.id, "title": a.title, "parent": a.parent, "lead": a.lead, "co": a.co, "path": urls::action_line(&a.id), "count": count })
    }

    fn sdg_json(&self, s: &Sdg) -> Value {
        let count = self.l.index.by_sdg.get(&s.number).map_or(0, Vec::len);
        json!({ "number": s.number, "title": s.title, "color": s.color, "path": urls::sdg(s.number), "count": count })
    }

    fn forum(&self, i: usize) -> Value {
        let f = &self.m().forums[i];
        let m = self.m();
        let l = self.l;
        let sessions: Vec<Value> = l
            .index
            .sessions_by_year
            .get(&f.year)
            .map(|v| v.iter().map(|j| self.session_summary(&m.sessions[*j])).collect())
            .unwrap_or_default();
        let ungis: Vec<Value> = l
            .index
            .ungis_by_year
            .get(&f.year)
            .map(|v| v.iter().map(|j| self.ungis_summary(&m.ungis[*j])).collect())
            .unwrap_or_default();
        let (als, sdgs) = self.tags(&f.tags);
        let prev = i
            .checked_sub(1)
            .and_then(|j| m.forums.get(j))
            .map(|x| json!({ "title": x.title, "path": urls::forum(x.year) }));
        let next = m.forums.get(i + 1).map(|x| json!({ "title": x.title, "path": urls::forum(x.year) }));
        let distributions: Vec<Value> = f
            .distributions
            .iter()
            .enumerate()
            .map(|(n, d)| {
                let total: u64 = d.parts.iter().map(|x| x.value).sum();
                let parts: Vec<Value> = d
                    .parts
                    .iter()
                    .map(|x| {
                        let share = (x.value * 100).checked_div(total).unwrap_or(0);
                        let shown =
                            if d.unit == Unit::Percent { format!("{}%", x.value) } else { group_digits(x.value) };
                        json!({ "label": x.label, "value": x.value, "text": shown, "share": share })
                    })
                    .collect();
                let chart_parts: Vec<Bar> = d
                    .parts
                    .iter()
                    .map(|x| Bar {
                        label: x.label.clone(),
                        value: x.value,
                        color: None,
                        text: Some(if d.unit == Unit::Percent {
                            format!("{}%", x.value)
                        } else {
                            group_digits(x.value)
                        }),
                    })
                    .collect();
                let id = format!("distribution-{n}");
                let chart = if d.unit == Unit::Percent {
                    Chart::shares(&id, &d.title, chart_parts)
                } else {
                    Chart::bars(&id, &d.title, chart_parts)
                };
                json!({ "title": d.title, "unit": d.unit, "parts": parts, "chart": chart })
            })
            .collect();
        let consultation: Vec<Value> = f
            .consultation
            .iter()
            .map(|c| json!({ "phase": c.phase, "title": c.title, "date": opt_date_json(&c.date), "time": c.time }))
            .collect();
        let regional: Vec<Value> = f.regional_events.iter().map(|e| json!({ "title": e.title, "date": opt_date_json(&e.date), "time": e.time, "organizers": e.organizers, "url": e.url })).collect();
        let publications: Vec<Value> =
            f.publications.iter().map(|x| json!({ "title": x.title, "kind": x.kind, "url": x.url })).collect();
        let prizes = f.prizes.as_ref().map(|x| {
            let rows: Vec<Value> = [
                ("Projects submitted", x.submitted),
                ("Projects nominated", x.nominated),
                ("Winners", x.winners),
                ("Champions", x.champions),
            ]
            .into_iter()
            .filter_map(|(label, v)| v.map(|v| json!({ "label": label, "text": group_digits(v) })))
            .collect();
            rows
        });
        let mut summary = self.forum_summary(f);
        if let Value::Object(map) = &mut summary {
            // The format, unless the venue already says it ("Virtual").
            let format = f.format.map(Format::label);
            let said = |label: &str| f.venue.as_deref().is_some_and(|v| v.eq_ignore_ascii_case(label));
            map.insert("format_label".into(), json!(format.filter(|label| !said(label))));
            let phases: Vec<Value> = f
                .prize_phases
                .iter()
                .map(|x| {
                    let dates = match (x.start, x.end) {
                        (Some(s), Some(e)) => Some(range_long(s, e)),
                        (Some(d), None) | (None, Some(d)) => Some(d.long()),
                        (None, None) => None,
                    };
                    obj! { "phase" => x.phase.as_str(), "title" => x.title.as_str(), "dates" => dates }
                })
                .collect();
            map.insert("prize_phases".into(), Value::Array(phases));
            map.insert("end".into(), date_json(&f.end));
            map.insert("distributions".into(), Value::Array(distributions));
            let (al_chart, sdg_chart) = self.coverage_charts(f);
            map.insert("coverage_action_lines".into(), json!(al_chart));
            map.insert("coverage_sdgs".into(), json!(sdg_chart));
            map.insert("special_tracks".into(), serde_json::to_value(&f.special_tracks).unwrap_or_default());
            map.insert("consultation".into(), Value::Array(consultation));
            map.insert("hlt_facilitators".into(), serde_json::to_value(&f.hlt_facilitators).unwrap_or_default());
            map.insert("publications".into(), Value::Array(publications));
            map.insert("quotes".into(), serde_json::to_value(&f.quotes).unwrap_or_default());
            map.insert("sources".into(), json!(f.sources));
            map.insert("regional_events".into(), Value::Array(regional));
            map.insert("prizes".into(), prizes.map(Value::Array).unwrap_or(Value::Null));
            map.insert("action_lines".into(), als);
            map.insert("sdgs".into(), sdgs);
            map.insert("body".into(), json!(f.body.html));
            map.insert("has_body".into(), json!(!f.body.html.is_empty()));
        }
        obj! { "forum" => summary, "sessions" => sessions, "ungis" => ungis, "prev" => prev, "next" => next }
    }

    /// How many of a forum year's items (the forum, its sessions, its UNGIS
    /// activities) name each action line and each SDG, as bar charts.
    fn coverage_charts(&self, f: &Forum) -> (Option<Chart>, Option<Chart>) {
        let (als, sdgs) = self.coverage_counts(f);
        let al_bars: Vec<Bar> = als
            .iter()
            .map(|(a, n)| Bar { label: format!("{} {}", a.id, a.title), value: *n, color: None, text: None })
            .collect();
        let sdg_bars: Vec<Bar> = sdgs
            .iter()
            .map(|(s, n)| Bar {
                label: format!("SDG {} {}", s.number, s.title),
                value: *n,
                color: Some(s.color.clone()),
                text: None,
            })
            .collect();
        let title = |what: &str| format!("{}: items naming each {what}", f.title);
        (
            Chart::bars("coverage-al", &title("Action Line"), al_bars),
            Chart::bars("coverage-sdg", &title("SDG"), sdg_bars),
        )
    }

    /// The data of a forum's outcome brief, for the HTML brief (tera) and
    /// the PDF brief (typst) alike. Links inside it become in-page anchors.
    /// `pdf` selects the form: plain blocks for typst, or HTML with in-page
    /// anchors for the HTML brief; each form renders only what it shows.
    pub fn brief(&self, i: usize, pdf: bool) -> Value {
        let m = self.m();
        let f = &m.forums[i];
        let sessions: Vec<&Session> =
            self.l.index.sessions_by_year.get(&f.year).into_iter().flatten().map(|j| &m.sessions[*j]).collect();
        // An @/ link to this forum or one of its sessions stays in the brief.
        let targets: std::collections::HashMap<String, String> = {
            let mut t = std::collections::HashMap::new();
            t.insert(m.files[f.file].rel_path.clone(), "#top".to_string());
            for s in &sessions {
                t.insert(m.files[s.file].rel_path.clone(), format!("#session-{}", s.slug));
            }
            t
        };
        let outside = if pdf { Default::default() } else { crate::link::link_targets(m) };
        let root = urls::root_prefix(&urls::brief(f.year));
        let resolve = |path: &str| -> Result<String, String> {
            targets
                .get(path)
                .cloned()
                .or_else(|| outside.get(path).map(|p| format!("{root}{p}")))
                .ok_or_else(|| "unresolved".to_string())
        };
        let unsafe_html = self.site_cfg.unsafe_html;
        // The body in the chosen form: typst reads blocks, the page reads HTML.
        let body = |md: &str, id_prefix: &str| -> Value {
            if pdf {
                Value::Array(crate::markdown::blocks(md))
            } else {
                let opts = crate::markdown::RenderOptions { root: "", unsafe_html, id_prefix };
                Value::String(crate::markdown::render(md, &opts, &resolve).html)
            }
        };
        let (al_counts, sdg_counts) = self.coverage_counts(f);
        let sessions_json: Vec<Value> = sessions
            .iter()
            .map(|s| {
                let (als, sdgs) = self.tags(&s.tags);
                obj! {
                    "anchor" => format!("session-{}", s.slug),
                    "title" => s.title.as_str(),
                    // The language of a title in another script, so the PDF
                    // tags it for screen readers as the HTML does.
                    "lang" => crate::language::script_language(&s.title),
                    "date" => session_date_json(s),
                    "time" => s.time.as_deref(),
                    "facilitators" => serde_json::to_value(&s.facilitators).unwrap_or_default(),
                    "speakers" => serde_json::to_value(&s.speakers).unwrap_or_default(),
                    "action_lines" => als,
                    "sdgs" => sdgs,
                    "body" => body(&s.body.markdown, &format!("session-{}_", s.slug)),
                }
            })
            .collect();
        let summary = self.forum(i);
        let forum = &summary["forum"];
        let ungis: Vec<Value> = self
            .l
            .index
            .ungis_by_year
            .get(&f.year)
            .into_iter()
            .flatten()
            .map(|j| {
                let u = &m.ungis[*j];
                obj! { "title" => u.title.as_str(), "kind" => u.kind.label(), "date" => period_json(&u.date, u.date_end), "url" => u.url.as_deref() }
            })
            .collect();
        obj! {
            "site" => self.site_cfg.title.as_str(),
            "language" => self.site_cfg.language.as_str(),
            "forum" => obj! {
                "year" => f.year,
                "title" => f.title.as_str(),
                "theme" => f.theme.as_deref(),
                "dates" => forum["dates"].clone(),
                // The brief's document date: the forum's last day, so the
                // same content gives the same PDF.
                "issued" => {
                    let d = f.end.last_day();
                    obj! { "year" => d.year, "month" => d.month, "day" => d.day }
                },
                "venue" => f.venue.as_deref(),
                "format" => forum["format_label"].clone(),
                "key_figures" => forum["key_figures"].clone(),
                "prizes" => forum["prizes"].clone(),
                "prize_phases" => forum["prize_phases"].clone(),
                "distributions" => forum["distributions"].clone(),
                "special_tracks" => forum["special_tracks"].clone(),
                "consultation" => forum["consultation"].clone(),
                "hlt_facilitators" => forum["hlt_facilitators"].clone(),
                "regional_events" => forum["regional_events"].clone(),
                "publications" => forum["publications"].clone(),
                "quotes" => forum["quotes"].clone(),
                "sources" => forum["sources"].clone(),
                "summary" => body(&f.body.markdown, "summary_"),
                "path" => urls::forum(f.year),
                "pdf" => self.pdf_briefs.then(|| urls::brief_pdf(f.year)),
            },
            "sessions" => sessions_json,
            "ungis" => ungis,
            "coverage" => obj! {
                "action_lines" => al_counts.iter().map(|(a, n)| obj! { "id" => a.id.as_str(), "title" => a.title.as_str(), "count" => *n }).collect::<Vec<_>>(),
                "sdgs" => sdg_counts.iter().map(|(s, n)| obj! { "number" => s.number, "title" => s.title.as_str(), "color" => s.color.as_str(), "count" => *n }).collect::<Vec<_>>(),
                "action_lines_chart" => forum["coverage_action_lines"].clone(),
                "sdgs_chart" => forum["coverage_sdgs"].clone(),
            },
        }
    }

    /// How many of a forum year's items name each action line and SDG.
    fn coverage_counts(&self, f: &Forum) -> Coverage<'a> {
        let m = self.m();
        let index = &self.l.index;
        let mut tags: Vec<&Tags> = vec![&f.tags];
        tags.extend(index.sessions_by_year.get(&f.year).into_iter().flatten().map(|i| &m.sessions[*i].tags));
        tags.extend(index.ungis_by_year.get(&f.year).into_iter().flatten().map(|i| &m.ungis[*i].tags));
        let als = m
            .action_lines
            .iter()
            .map(|a| (a, tags.iter().filter(|t| t.action_lines.iter().any(|x| x.value == a.id)).count() as u64))
            .filter(|(_, n)| *n > 0)
            .collect();
        let sdgs = m
            .sdgs
            .iter()
            .map(|s| (s, tags.iter().filter(|t| t.sdgs.iter().any(|x| x.value == s.number)).count() as u64))
            .filter(|(_, n)| *n > 0)
            .collect();
        (als, sdgs)
    }

    /// Items per forum year, for an action line's or an SDG's page.
    fn by_year_chart(&self, title: &str, items: Option<&Vec<Item>>) -> Option<Chart> {
        let m = self.m();
        let mut years: std::collections::BTreeMap<u32, u64> = std::collections::BTreeMap::new();
        for item in items.into_iter().flatten() {
            let year = match *item {
                Item::Forum(i) => Some(m.forums[i].year),
                Item::Session(i) => Some(m.sessions[i].year),
                Item::Ungis(i) => Some(m.ungis[i].forum.as_ref().map_or(m.ungis[i].date.year, |f| f.value)),
                Item::Roadmap(_) | Item::Page(_) => None,
            };
            if let Some(y) = year {
                *years.entry(y).or_default() += 1;
            }
        }
        let bars: Vec<Bar> =
            years.into_iter().map(|(y, n)| Bar { label: y.to_string(), value: n, color: None, text: None }).collect();
        Chart::bars("by-year", title, bars)
    }

    fn action_line(&self, a: &ActionLine) -> Value {
        let m = self.m();
        let l = self.l;
        let items = self.items(l.index.by_action_line.get(&a.id));
        let children: Vec<Value> = m
            .action_lines
            .iter()
            .filter(|c| c.parent.as_deref() == Some(a.id.as_str()))
            .map(|c| self.action_line_json(c))
            .collect();
        let parent = a.parent.as_deref().map(|id| self.action_line_ref(id));
        let roadmaps: Vec<Value> = m
            .roadmaps
            .iter()
            .filter(|r| r.action_line.value == a.id)
            .map(|r| json!({ "title": r.title, "path": urls::roadmap(&r.slug) }))
            .collect();
        let by_sdg: Vec<Value> = m
            .sdgs
            .iter()
            .filter_map(|s| {
                let items = l.index.matrix.get(&(a.id.clone(), s.number))?;
                Some(obj! { "sdg" => self.sdg_ref(s.number), "items" => self.items(Some(items)) })
            })
            .collect();
        let chart = self.by_year_chart(&format!("{}: items by forum year", a.id), l.index.by_action_line.get(&a.id));
        obj! { "action_line" => self.action_line_json(a), "parent" => parent, "children" => children, "roadmaps" => roadmaps, "items" => items, "by_sdg" => by_sdg, "chart" => json!(chart) }
    }

    fn feed(&self) -> Value {
        let site = self.site_cfg;
        let m = self.m();
        let mut entries: Vec<(crate::date::Date, Value)> = Vec::new();
        let mut add = |date: crate::date::Date, id: String, title: &str, path: String, summary: Option<&str>| {
            entries.push((date, json!({ "id": id, "title": title, "path": path, "updated": format!("{}T00:00:00Z", date.first_day().iso()), "summary": summary })));
        };
        for f in &m.forums {
            add(f.end, format!("forums/{}", f.year), &f.title, urls::forum(f.year), f.theme.as_deref());
        }
        for s in &m.sessions {
            add(
                s.date.value,
                format!("forums/{}/hlt/{}", s.year, s.slug),
                &s.title,
                urls::session(s.year, &s.slug),
                None,
            );
        }
        for u in &m.ungis {
            add(u.date, format!("ungis/{}", u.slug), &u.title, urls::ungis(&u.slug), None);
        }
        entries.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1["id"].as_str().cmp(&b.1["id"].as_str())));
        entries.truncate(50);
        let updated = entries
            .first()
            .map_or_else(|| "2000-01-01T00:00:00Z".to_string(), |e| format!("{}T00:00:00Z", e.0.first_day().iso()));
        // Entry ids never change with the address the site is published
        // at (adding `base_url` must not make every entry new to readers).
        let id_base = format!("urn:wsis-site:{}:", crate::markdown::slugify(&site.title));
        json!({ "entries": entries.into_iter().map(|e| e.1).collect::<Vec<_>>(), "updated": updated, "id_base": id_base, "base_url": site.base_url })
    }
}
