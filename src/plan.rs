//! Plan: the list of every file the build writes, each with its template
//! and its data, before any HTML exists. Templates see only this resolved
//! data; they never reach back into loading.
//!
//! Every URL in a context is a path from the site root (`forums/2020/
//! index.html`); templates prefix it with `root`, the way back to the root
//! from the page being written. That keeps every link relative.

use crate::date::range_long;
use crate::link::{Item, Linked};
use crate::model::*;
use crate::urls;
use serde_json::{json, Value};

/// One output file to render.
#[derive(Debug)]
pub struct PlannedPage {
    /// Path under the output folder, `/`-separated.
    pub path: String,
    /// Template name in the theme.
    pub template: &'static str,
    pub context: Value,
}

/// The whole plan: pages to render and static files to copy.
#[derive(Debug)]
pub struct Plan {
    pub pages: Vec<PlannedPage>,
    /// (source file, output path) pairs copied byte for byte.
    pub copies: Vec<(std::path::PathBuf, String)>,
}

/// "15,000".
pub fn group_digits(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A key figure as a reader sees it: "about 150", "770+".
pub fn figure_text(k: &KeyFigure) -> String {
    let n = group_digits(k.value);
    match (k.approx, k.plus) {
        (true, true) => format!("about {n}+"),
        (true, false) => format!("about {n}"),
        (false, true) => format!("{n}+"),
        (false, false) => n,
    }
}

struct Planner<'a> {
    l: &'a Linked,
    site: Value,
    menu: Value,
}

fn date_json(d: &crate::date::Date) -> Value {
    json!({ "iso": d.iso(), "long": d.long() })
}

/// A session's day, or its period as "20–29 July 2020".
fn session_date_json(s: &Session) -> Value {
    match s.date_end {
        Some(end) => json!({ "iso": s.date.value.iso(), "long": range_long(s.date.value, end) }),
        None => date_json(&s.date.value),
    }
}

fn opt_date_json(d: &Option<crate::date::Date>) -> Value {
    d.as_ref().map(date_json).unwrap_or(Value::Null)
}

impl<'a> Planner<'a> {
    fn m(&self) -> &'a Model {
        &self.l.model
    }

    fn page(
        &self,
        path: String,
        template: &'static str,
        title: &str,
        crumbs: Vec<(&str, String)>,
        mut data: Value,
    ) -> PlannedPage {
        let crumbs: Vec<Value> = crumbs.into_iter().map(|(t, p)| json!({ "title": t, "path": p })).collect();
        if let Value::Object(map) = &mut data {
            map.insert("root".into(), Value::String(urls::root_prefix(&path)));
            map.insert("path".into(), Value::String(path.clone()));
            let section = path.split('/').next().unwrap_or_default().to_string();
            map.insert("section".into(), Value::String(section));
            map.insert("site".into(), self.site.clone());
            map.insert("menu".into(), self.menu.clone());
            map.insert("page_title".into(), Value::String(title.to_string()));
            map.insert("breadcrumbs".into(), Value::Array(crumbs));
        }
        PlannedPage { path, template, context: data }
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
                json!({ "kind": "Forum", "title": f.title, "path": urls::forum(f.year), "date": date_json(&f.start), "year": f.year })
            }
            Item::Session(i) => {
                let s = &m.sessions[i];
                json!({ "kind": "High-Level Track session", "title": s.title, "path": urls::session(s.year, &s.slug), "date": session_date_json(s), "year": s.year })
            }
            Item::Ungis(i) => {
                let u = &m.ungis[i];
                json!({ "kind": "UNGIS activity", "title": u.title, "path": urls::ungis(&u.slug), "date": date_json(&u.date), "year": u.date.year })
            }
            Item::Roadmap(i) => {
                let r = &m.roadmaps[i];
                json!({ "kind": "Roadmap", "title": r.title, "path": urls::roadmap(&r.slug), "date": opt_date_json(&r.updated), "year": r.updated.map(|d| d.year) })
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
            "key_figures": f.key_figures.iter().map(|k| json!({ "label": k.label, "text": figure_text(k) })).collect::<Vec<_>>(),
        })
    }

    fn session_summary(&self, s: &Session) -> Value {
        let (als, sdgs) = self.tags(&s.tags);
        json!({ "title": s.title, "path": urls::session(s.year, &s.slug), "date": session_date_json(s), "time": s.time, "action_lines": als, "sdgs": sdgs })
    }

    fn ungis_summary(&self, u: &Ungis) -> Value {
        json!({ "title": u.title, "path": urls::ungis(&u.slug), "date": date_json(&u.date), "time": u.time, "kind": kind_label(&u.kind) })
    }
}

fn kind_label(kind: &str) -> &'static str {
    match kind {
        "side-event" => "Side event",
        "joint-statement" => "Joint statement",
        "dialogue" => "Dialogue",
        "repository" => "Repository",
        _ => "Meeting",
    }
}

fn format_label(format: &str) -> &'static str {
    match format {
        "in-person" => "In person",
        "virtual" => "Virtual",
        _ => "Hybrid",
    }
}

/// Makes the plan for a linked model. `site` must be present (validation
/// guarantees a build only gets here without errors).
pub fn plan(l: &Linked, site: &SiteConfig) -> Plan {
    let m = &l.model;
    let menu = json!([
        { "title": "Forums", "path": "forums/index.html" },
        { "title": "Action Lines", "path": "action-lines/index.html" },
        { "title": "SDGs", "path": "sdgs/index.html" },
        { "title": "Matrix", "path": "matrix/index.html" },
        { "title": "UNGIS", "path": "ungis/index.html" },
        { "title": "Roadmaps", "path": "roadmaps/index.html" },
    ]);
    let footer_pages: Vec<Value> =
        m.pages.iter().map(|p| json!({ "title": p.title, "path": urls::page(&p.slug) })).collect();
    let site_json = json!({
        "title": site.title,
        "description": site.description,
        "language": site.language,
        "dir": site.dir,
        "pages": footer_pages,
    });
    let p = Planner { l, site: site_json, menu };
    let mut pages = Vec::new();
    let home = ("Home", "index.html".to_string());
    let forums_crumb = ("Forums", "forums/index.html".to_string());

    // Home.
    let forums_desc: Vec<Value> = m.forums.iter().rev().map(|f| p.forum_summary(f)).collect();
    let latest = m.forums.last().map(|f| p.forum_summary(f));
    let mut recent_sessions: Vec<&Session> = m.sessions.iter().collect();
    recent_sessions.sort_by(|a, b| (b.date.value, &a.title).cmp(&(a.date.value, &b.title)));
    let recent: Vec<Value> = recent_sessions.iter().take(6).map(|s| p.session_summary(s)).collect();
    let action_lines: Vec<Value> = m.action_lines.iter().map(|a| action_line_json(&p, a)).collect();
    let sdgs: Vec<Value> = m.sdgs.iter().map(|s| sdg_json(&p, s)).collect();
    pages.push(p.page(
        "index.html".into(),
        "home.html",
        &site.title,
        vec![],
        json!({ "forums": forums_desc, "latest": latest, "recent_sessions": recent, "action_lines": action_lines, "sdgs": sdgs }),
    ));

    // Forums.
    pages.push(p.page(
        "forums/index.html".into(),
        "forums.html",
        "Forums",
        vec![home.clone()],
        json!({ "forums": forums_desc }),
    ));
    for (i, f) in m.forums.iter().enumerate() {
        pages.push(forum_page(&p, i, f, vec![home.clone(), forums_crumb.clone()]));
    }
    for (i, s) in m.sessions.iter().enumerate() {
        let forum = m.forums.iter().find(|f| f.year == s.year);
        let forum_title = forum.map_or_else(|| format!("WSIS Forum {}", s.year), |f| f.title.clone());
        let siblings = l.index.sessions_by_year.get(&s.year).cloned().unwrap_or_default();
        let pos = siblings.iter().position(|x| *x == i).unwrap_or(0);
        let prev = pos.checked_sub(1).and_then(|j| siblings.get(j)).map(|j| p.session_summary(&m.sessions[*j]));
        let next = siblings.get(pos + 1).map(|j| p.session_summary(&m.sessions[*j]));
        let (als, sdgs) = p.tags(&s.tags);
        let path = urls::session(s.year, &s.slug);
        let crumbs = vec![home.clone(), forums_crumb.clone(), (forum_title.as_str(), urls::forum(s.year))];
        pages.push(p.page(
            path.clone(),
            "session.html",
            &s.title,
            crumbs,
            json!({
                "session": {
                    "title": s.title, "date": session_date_json(s), "time": s.time,
                    "facilitators": s.facilitators, "speakers": s.speakers,
                    "action_lines": als, "sdgs": sdgs, "body": s.body.html,
                    "forum": { "title": forum_title, "path": urls::forum(s.year), "year": s.year },
                },
                "prev": prev, "next": next,
            }),
        ));
    }

    // UNGIS.
    let ungis_all: Vec<Value> = m.ungis.iter().rev().map(|u| p.ungis_summary(u)).collect();
    pages.push(p.page(
        "ungis/index.html".into(),
        "ungis-list.html",
        "UNGIS activities",
        vec![home.clone()],
        json!({ "activities": ungis_all }),
    ));
    for u in &m.ungis {
        let (als, sdgs) = p.tags(&u.tags);
        let forum = u
            .forum
            .as_ref()
            .and_then(|y| m.forums.iter().find(|f| f.year == y.value))
            .map(|f| json!({ "title": f.title, "path": urls::forum(f.year) }));
        pages.push(p.page(
            urls::ungis(&u.slug),
            "ungis.html",
            &u.title,
            vec![home.clone(), ("UNGIS", "ungis/index.html".into())],
            json!({ "activity": {
                "title": u.title, "kind": kind_label(&u.kind), "date": date_json(&u.date), "time": u.time, "chair": u.chair,
                "url": u.url, "forum": forum, "action_lines": als, "sdgs": sdgs, "body": u.body.html,
            }}),
        ));
    }

    // Roadmaps.
    let roadmap_list: Vec<Value> = m.roadmaps.iter().map(|r| json!({ "title": r.title, "path": urls::roadmap(&r.slug), "action_line": p.action_line_ref(&r.action_line.value), "facilitator": r.facilitator })).collect();
    pages.push(p.page(
        "roadmaps/index.html".into(),
        "roadmaps.html",
        "Action Line roadmaps",
        vec![home.clone()],
        json!({ "roadmaps": roadmap_list }),
    ));
    for r in &m.roadmaps {
        let activities: Vec<Value> = r.activities.iter().map(|a| {
            let mut sdgs: Vec<u32> = a.sdgs.iter().map(|s| s.value).collect();
            sdgs.sort_unstable();
            sdgs.dedup();
            json!({ "title": a.title, "timeframe": a.timeframe, "expected_results": a.expected_results, "partners": a.partners, "sdgs": sdgs.into_iter().map(|n| p.sdg_ref(n)).collect::<Vec<_>>() })
        }).collect();
        pages.push(p.page(
            urls::roadmap(&r.slug),
            "roadmap.html",
            &r.title,
            vec![home.clone(), ("Roadmaps", "roadmaps/index.html".into())],
            json!({ "roadmap": {
                "title": r.title, "action_line": p.action_line_ref(&r.action_line.value), "facilitator": r.facilitator,
                "updated": opt_date_json(&r.updated), "activities": activities, "body": r.body.html,
            }}),
        ));
    }

    // Free pages.
    for pg in &m.pages {
        pages.push(p.page(
            urls::page(&pg.slug),
            "page.html",
            &pg.title,
            vec![home.clone()],
            json!({ "page": { "title": pg.title, "description": pg.description, "body": pg.body.html } }),
        ));
    }

    // Action lines and SDGs.
    pages.push(p.page(
        "action-lines/index.html".into(),
        "action-lines.html",
        "WSIS Action Lines",
        vec![home.clone()],
        json!({ "action_lines": action_lines }),
    ));
    for a in &m.action_lines {
        pages.push(action_line_page(&p, a, vec![home.clone(), ("Action Lines", "action-lines/index.html".into())]));
    }
    pages.push(p.page(
        "sdgs/index.html".into(),
        "sdgs.html",
        "Sustainable Development Goals",
        vec![home.clone()],
        json!({ "sdgs": sdgs }),
    ));
    for s in &m.sdgs {
        let items = p.items(l.index.by_sdg.get(&s.number));
        let connected: Vec<Value> = m.action_lines.iter().filter_map(|a| {
            let n = l.index.matrix.get(&(a.id.clone(), s.number))?.len();
            Some(json!({ "action_line": p.action_line_ref(&a.id), "count": n, "path": format!("{}#sdg-{}", urls::action_line(&a.id), s.number) }))
        }).collect();
        let title = format!("SDG {}: {}", s.number, s.title);
        pages.push(p.page(
            urls::sdg(s.number),
            "sdg.html",
            &title,
            vec![home.clone(), ("SDGs", "sdgs/index.html".into())],
            json!({ "sdg": sdg_json(&p, s), "items": items, "action_lines": connected }),
        ));
    }

    // Matrix.
    let max = l.index.matrix.values().map(Vec::len).max().unwrap_or(0);
    let rows: Vec<Value> = m.action_lines.iter().map(|a| {
        let cells: Vec<Value> = m.sdgs.iter().map(|s| {
            let n = l.index.matrix.get(&(a.id.clone(), s.number)).map_or(0, Vec::len);
            let level = if n == 0 || max == 0 { 0 } else { 1 + (n * 3 - 1) / max };
            json!({ "sdg": s.number, "count": n, "level": level, "path": format!("{}#sdg-{}", urls::action_line(&a.id), s.number) })
        }).collect();
        json!({ "action_line": p.action_line_ref(&a.id), "cells": cells })
    }).collect();
    pages.push(p.page(
        "matrix/index.html".into(),
        "matrix.html",
        "WSIS–SDG Matrix",
        vec![home.clone()],
        json!({ "sdgs": sdgs, "rows": rows }),
    ));

    // 404, feed and sitemap.
    pages.push(p.page("404.html".into(), "404.html", "Page not found", vec![], json!({})));
    pages.push(p.page("atom.xml".into(), "atom.xml", &site.title, vec![], feed_context(&p, site)));
    if let Some(base) = &site.base_url {
        let mut urls_list: Vec<String> = pages
            .iter()
            .filter(|pg| pg.path.ends_with(".html") && pg.path != "404.html")
            .map(|pg| pg.path.clone())
            .collect();
        urls_list.sort();
        pages.push(p.page(
            "sitemap.xml".into(),
            "sitemap.xml",
            &site.title,
            vec![],
            json!({ "base_url": base, "urls": urls_list }),
        ));
    }

    let copies = m.statics.iter().map(|s| (s.abs_path.clone(), s.rel_path.clone())).collect();
    Plan { pages, copies }
}

fn action_line_json(p: &Planner, a: &ActionLine) -> Value {
    let count = p.l.index.by_action_line.get(&a.id).map_or(0, Vec::len);
    json!({ "id": a.id, "title": a.title, "parent": a.parent, "lead": a.lead, "co": a.co, "path": urls::action_line(&a.id), "count": count })
}

fn sdg_json(p: &Planner, s: &Sdg) -> Value {
    let count = p.l.index.by_sdg.get(&s.number).map_or(0, Vec::len);
    json!({ "number": s.number, "title": s.title, "color": s.color, "path": urls::sdg(s.number), "count": count })
}

fn forum_page(p: &Planner, i: usize, f: &Forum, crumbs: Vec<(&str, String)>) -> PlannedPage {
    let m = p.m();
    let l = p.l;
    let sessions: Vec<Value> = l
        .index
        .sessions_by_year
        .get(&f.year)
        .map(|v| v.iter().map(|j| p.session_summary(&m.sessions[*j])).collect())
        .unwrap_or_default();
    let ungis: Vec<Value> = l
        .index
        .ungis_by_year
        .get(&f.year)
        .map(|v| v.iter().map(|j| p.ungis_summary(&m.ungis[*j])).collect())
        .unwrap_or_default();
    let (als, sdgs) = p.tags(&f.tags);
    let prev = i
        .checked_sub(1)
        .and_then(|j| m.forums.get(j))
        .map(|x| json!({ "title": x.title, "path": urls::forum(x.year) }));
    let next = m.forums.get(i + 1).map(|x| json!({ "title": x.title, "path": urls::forum(x.year) }));
    let distributions: Vec<Value> = f
        .distributions
        .iter()
        .map(|d| {
            let total: u64 = d.parts.iter().map(|x| x.value).sum();
            let parts: Vec<Value> = d
                .parts
                .iter()
                .map(|x| {
                    let share = (x.value * 100).checked_div(total).unwrap_or(0);
                    let shown = if d.unit == "percent" { format!("{}%", x.value) } else { group_digits(x.value) };
                    json!({ "label": x.label, "value": x.value, "text": shown, "share": share })
                })
                .collect();
            json!({ "title": d.title, "unit": d.unit, "parts": parts })
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
    let mut summary = p.forum_summary(f);
    if let Value::Object(map) = &mut summary {
        map.insert("format_label".into(), json!(format_label(&f.format)));
        map.insert("end".into(), date_json(&f.end));
        map.insert("distributions".into(), Value::Array(distributions));
        map.insert("special_tracks".into(), serde_json::to_value(&f.special_tracks).unwrap_or_default());
        map.insert("consultation".into(), Value::Array(consultation));
        map.insert("hlt_facilitators".into(), serde_json::to_value(&f.hlt_facilitators).unwrap_or_default());
        map.insert("publications".into(), Value::Array(publications));
        map.insert("quotes".into(), serde_json::to_value(&f.quotes).unwrap_or_default());
        map.insert("regional_events".into(), Value::Array(regional));
        map.insert("prizes".into(), prizes.map(Value::Array).unwrap_or(Value::Null));
        map.insert("action_lines".into(), als);
        map.insert("sdgs".into(), sdgs);
        map.insert("body".into(), json!(f.body.html));
    }
    p.page(
        urls::forum(f.year),
        "forum.html",
        &f.title,
        crumbs,
        json!({ "forum": summary, "sessions": sessions, "ungis": ungis, "prev": prev, "next": next }),
    )
}

fn action_line_page(p: &Planner, a: &ActionLine, crumbs: Vec<(&str, String)>) -> PlannedPage {
    let m = p.m();
    let l = p.l;
    let items = p.items(l.index.by_action_line.get(&a.id));
    let children: Vec<Value> = m
        .action_lines
        .iter()
        .filter(|c| c.parent.as_deref() == Some(a.id.as_str()))
        .map(|c| action_line_json(p, c))
        .collect();
    let parent = a.parent.as_deref().map(|id| p.action_line_ref(id));
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
            Some(json!({ "sdg": p.sdg_ref(s.number), "items": p.items(Some(items)) }))
        })
        .collect();
    let title = format!("{}: {}", a.id, a.title);
    p.page(
        urls::action_line(&a.id),
        "action-line.html",
        &title,
        crumbs,
        json!({ "action_line": action_line_json(p, a), "parent": parent, "children": children, "roadmaps": roadmaps, "items": items, "by_sdg": by_sdg }),
    )
}

fn feed_context(p: &Planner, site: &SiteConfig) -> Value {
    let m = p.m();
    let mut entries: Vec<(crate::date::Date, Value)> = Vec::new();
    let mut add = |date: crate::date::Date, id: String, title: &str, path: String, summary: Option<&str>| {
        entries.push((date, json!({ "id": id, "title": title, "path": path, "updated": format!("{}T00:00:00Z", date.iso()), "summary": summary })));
    };
    for f in &m.forums {
        add(f.end, format!("forums/{}", f.year), &f.title, urls::forum(f.year), f.theme.as_deref());
    }
    for s in &m.sessions {
        add(s.date.value, format!("forums/{}/hlt/{}", s.year, s.slug), &s.title, urls::session(s.year, &s.slug), None);
    }
    for u in &m.ungis {
        add(u.date, format!("ungis/{}", u.slug), &u.title, urls::ungis(&u.slug), None);
    }
    entries.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1["id"].as_str().cmp(&b.1["id"].as_str())));
    entries.truncate(50);
    let updated =
        entries.first().map_or_else(|| "2000-01-01T00:00:00Z".to_string(), |e| format!("{}T00:00:00Z", e.0.iso()));
    let id_base =
        site.base_url.clone().unwrap_or_else(|| format!("urn:wsis-site:{}:", crate::markdown::slugify(&site.title)));
    json!({ "entries": entries.into_iter().map(|e| e.1).collect::<Vec<_>>(), "updated": updated, "id_base": id_base, "base_url": site.base_url })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_keep_their_qualifiers() {
        let k = |value, approx, plus| KeyFigure { label: String::new(), value, approx, plus };
        assert_eq!(figure_text(&k(15000, false, false)), "15,000");
        assert_eq!(figure_text(&k(160, true, false)), "about 160");
        assert_eq!(figure_text(&k(770, false, true)), "770+");
        assert_eq!(group_digits(1234567), "1,234,567");
    }
}
