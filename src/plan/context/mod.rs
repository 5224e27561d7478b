//! The data each template gets: everything resolved, every URL a path from
//! the site root (`forums/2020/index.html`). Templates prefix URLs with
//! `root`, the way back to the root from the page being written, which
//! keeps every link relative.

use super::{PageKind, Plan, PlannedPage};
use crate::link::Linked;
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

mod brief;
mod forum;
mod pages;
mod values;

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
            PageKind::RoadmapsIndex => ("Action Line roadmaps".into(), vec![home()], self.roadmaps()),
            PageKind::Roadmap(i) => {
                (m.roadmaps[i].title.clone(), vec![home(), ("Roadmaps", "roadmaps/index.html".into())], self.roadmap(i))
            }
            PageKind::Page(i) => (m.pages[i].title.clone(), vec![home()], self.page(i)),
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
            PageKind::DataIndex => ("Open data".into(), vec![home()], data_index()),
            PageKind::Data(_) => (String::new(), vec![], json!({})),
            PageKind::Search => ("Search".into(), vec![home()], json!({})),
            PageKind::Sitemap => {
                let data = json!({ "base_url": self.site_cfg.base_url, "urls": self.sitemap });
                (self.site_cfg.title.clone(), vec![], data)
            }
        };
        self.finish(page, &title, crumbs, data)
    }

    /// A free page.
    fn page(&self, i: usize) -> Value {
        let pg = &self.m().pages[i];
        let (als, sdgs) = self.tags(&pg.tags);
        obj! { "page" => obj! {
            "title" => pg.title.as_str(),
            "description" => pg.description.as_deref(),
            "body" => pg.body.html.as_str(),
            "action_lines" => als,
            "sdgs" => sdgs,
        } }
    }

    /// The roadmaps, listed.
    fn roadmaps(&self) -> Value {
        let list: Vec<Value> = self
            .m()
            .roadmaps
            .iter()
            .map(|r| json!({ "title": r.title, "path": urls::roadmap(&r.slug), "action_line": self.action_line_ref(&r.action_line.value), "facilitator": r.facilitator }))
            .collect();
        obj! { "roadmaps" => list }
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
}

/// The open-data files, listed with what each holds.
fn data_index() -> Value {
    let files: Vec<Value> = crate::data_files::DataFile::ALL
        .iter()
        .map(|f| obj! { "path" => f.path(), "name" => f.path().trim_start_matches("data/"), "about" => f.describe() })
        .collect();
    obj! { "files" => files }
}
