//! The data each template gets: everything resolved, every URL a path from
//! the root of the page's language (`forums/2020/index.html`). Templates
//! prefix URLs with `root`, the way back to that root from the page being
//! written, and the shared files (stylesheets, static files, the other
//! languages) with `site_root`, the way back to the output folder, which
//! keeps every link relative.

use super::{Language, PageKind, Plan, PlannedPage};
use crate::link::pending::Pending;
use crate::link::Linked;
use crate::load::strings::Strings;
use crate::model::*;
use crate::urls;
use tera::Value;

/// A template value: a map from literal keys (which tera keeps without
/// copying) to values that turn into one. Page data is built as tera's own
/// values, which share lists and maps by reference count: nothing is
/// converted again when the page is rendered.
macro_rules! obj {
    ($($key:literal => $value:expr),* $(,)?) => {{
        #[allow(unused_mut)]
        let mut map = tera::Map::with_capacity(<[&str]>::len(&[$($key),*]));
        $( map.insert(tera::value::Key::from($key), Value::from($value)); )*
        Value::from(map)
    }};
}

mod brief;
mod forum;
mod listing;
mod meta;
mod pages;
mod values;

/// Builds the page contexts of one language; what many pages share is
/// built once.
pub struct Contexts<'a> {
    l: &'a Linked,
    site_cfg: &'a SiteConfig,
    lang: &'a Language,
    /// Every language: code, autonym, where its tree is, direction (for
    /// the switcher and the `hreflang` alternates).
    languages: Vec<(&'a str, &'a str, &'a str, &'a str)>,
    site: Value,
    menu: Value,
    action_lines: Value,
    sdgs: Value,
    /// Forum summaries, latest first.
    forums_desc: Value,
    /// Each action line as a tag, in the model's order.
    action_line_refs: Vec<Value>,
    /// Each SDG as a tag, by number.
    sdg_refs: Vec<Option<Value>>,
    /// Each session's date, once formatted.
    session_dates: Vec<std::sync::OnceLock<Value>>,
    /// Position of each session within its forum's list, for prev/next.
    session_pos: Vec<usize>,
    /// Worked out when a sitemap is rendered (serve's edits need none).
    sitemap: std::sync::OnceLock<Vec<(String, usize, PageKind)>>,
    plan: &'a Plan,
    /// Every language of the site, to tell which show a translation.
    all_languages: &'a [Language],
    sitemap_size: usize,
    /// The files a split sitemap's index lists (none when it is one file).
    sitemap_files: std::sync::OnceLock<Vec<String>>,
    pdf_briefs: bool,
    /// Where the HTML briefs' links lead (built by the first brief).
    brief_targets: std::sync::OnceLock<std::collections::HashMap<String, String>>,
    /// Where the PDF briefs' links lead: published addresses, with a
    /// `base_url` (built by the first PDF brief).
    published_targets: std::sync::OnceLock<Option<std::collections::HashMap<String, String>>>,
}

type Crumbs<'c> = Vec<(&'c str, String)>;

/// The link to a contact address: `mailto:` for an e-mail address.
fn contact_href(contact: &str) -> String {
    if contact.starts_with("http") {
        contact.to_string()
    } else {
        format!("mailto:{contact}")
    }
}

impl<'a> Contexts<'a> {
    /// Prepares the shared parts of `languages[lang]`'s pages for `plan`;
    /// `l` is the model as that language shows it (its view).
    pub fn new(
        l: &'a Linked,
        site_cfg: &'a SiteConfig,
        plan: &'a Plan,
        languages: &'a [Language],
        lang: usize,
    ) -> Contexts<'a> {
        let language = &languages[lang];
        let m = &l.model;
        let t = &language.strings;
        // `section`: the folder the item's pages are in, which the page's
        // own `section` names when it is one of them.
        let menu_item = |key: &str, path: &'static str| {
            obj! { "title" => t.get(key), "path" => path, "section" => path.split('/').next().unwrap_or(path) }
        };
        let menu = Value::from(vec![
            menu_item("forums", "forums/index.html"),
            menu_item("action_lines", "action-lines/index.html"),
            menu_item("sdgs", "sdgs/index.html"),
            menu_item("matrix", "matrix/index.html"),
            menu_item("ungis", "ungis/index.html"),
            menu_item("roadmaps", "roadmaps/index.html"),
            menu_item("search", "search/index.html"),
        ]);
        let untranslated =
            |file: usize| language.coverage.untranslated.contains(&file).then(|| languages[0].code.as_str());
        let footer_pages: Vec<Value> = m
            .pages
            .iter()
            .map(
                |p| obj! { "title" => p.title.as_str(), "path" => urls::page(&p.slug), "lang" => untranslated(p.file) },
            )
            .collect();
        let own = &site_cfg.languages[lang];
        // The site's own title and description where this language has
        // none: in the default language, which the page marks.
        let original = (lang > 0).then(|| languages[0].code.as_str());
        let site = obj! {
            "title" => own.title.as_deref().unwrap_or(&site_cfg.title),
            "title_lang" => if own.title.is_none() { original } else { None },
            "description" => own.description.as_deref().or(site_cfg.description.as_deref()),
            "description_lang" => if own.description.is_none() { original } else { None },
            "language" => language.code.as_str(),
            "dir" => language.dir,
            "pages" => footer_pages,
            "multilingual" => site_cfg.is_multilingual(),
            "base_url" => site_cfg.base_url.as_deref(),
            "contact" => site_cfg.contact.as_deref(),
            "contact_href" => site_cfg.contact.as_deref().map(contact_href),
            "prefix" => language.prefix.as_str(),
        };
        let languages_list = languages
            .iter()
            .map(|x| (x.code.as_str(), x.strings.get("language_name"), x.prefix.as_str(), x.dir))
            .collect();
        let mut session_pos = vec![0; m.sessions.len()];
        for list in l.index.sessions_by_year.values() {
            for (pos, i) in list.iter().enumerate() {
                session_pos[*i] = pos;
            }
        }
        let mut c = Contexts {
            l,
            site_cfg,
            lang: language,
            languages: languages_list,
            site,
            menu,
            action_lines: Value::none(),
            sdgs: Value::none(),
            forums_desc: Value::none(),
            action_line_refs: Vec::new(),
            sdg_refs: Vec::new(),
            session_dates: (0..m.sessions.len()).map(|_| std::sync::OnceLock::new()).collect(),
            session_pos,
            sitemap: std::sync::OnceLock::new(),
            plan,
            all_languages: languages,
            sitemap_size: plan.sitemap_size,
            sitemap_files: std::sync::OnceLock::new(),
            pdf_briefs: plan.pdf_briefs,
            brief_targets: std::sync::OnceLock::new(),
            published_targets: std::sync::OnceLock::new(),
        };
        c.action_line_refs = m.action_lines.iter().map(|a| c.new_action_line_ref(&a.id)).collect();
        let top = m.sdgs.iter().map(|s| s.number as usize).max().unwrap_or(0);
        c.sdg_refs = vec![None; top + 1];
        for s in &m.sdgs {
            c.sdg_refs[s.number as usize] = Some(c.new_sdg_ref(s.number));
        }
        c.action_lines = Value::from(m.action_lines.iter().map(|a| c.action_line_json(a)).collect::<Vec<_>>());
        c.sdgs = Value::from(m.sdgs.iter().map(|s| c.sdg_json(s)).collect::<Vec<_>>());
        c.forums_desc = Value::from(m.forums.iter().rev().map(|f| c.forum_summary(f)).collect::<Vec<_>>());
        c
    }

    /// Every page the sitemap lists, in its order.
    fn sitemap(&self) -> &[(String, usize, PageKind)] {
        self.sitemap.get_or_init(|| super::sitemap_paths(self.plan))
    }

    /// The files a split sitemap's index lists (none when it is one file).
    fn sitemap_files(&self) -> &[String] {
        self.sitemap_files.get_or_init(|| {
            let parts = self.plan.pages.iter().filter(|p| matches!(p.kind, PageKind::SitemapPart(_)));
            parts.map(|p| p.path.clone()).collect()
        })
    }

    fn m(&self) -> &'a Model {
        &self.l.model
    }

    /// The model as this language shows it.
    pub fn linked(&self) -> &'a Linked {
        self.l
    }

    /// The interface strings of this language.
    fn t(&self) -> &'a Strings {
        &self.lang.strings
    }

    /// The language of a document's text when it is not this page's: the
    /// original's, for a document with no translation in this language.
    fn doc_lang(&self, file: usize) -> Option<&'a str> {
        self.lang.coverage.untranslated.contains(&file).then(|| self.languages[0].0)
    }

    /// The language of one part of a document (`part` picks it from what
    /// its translation still leaves in the original's words) when it is
    /// not this page's.
    fn part_lang(&self, file: usize, part: impl Fn(&Pending) -> bool) -> Option<&'a str> {
        let view = &self.lang.coverage;
        let original = view.untranslated.contains(&file) || view.pending.get(&file).is_some_and(part);
        original.then(|| self.languages[0].0)
    }

    /// The language of a document's title when it is not this page's.
    fn text_lang(&self, file: usize) -> Option<&'a str> {
        self.part_lang(file, |p| p.title)
    }

    /// The original's language, for a translated document that still shows
    /// some of the original's text (the page says so).
    fn partly_lang(&self, file: usize) -> Option<&'a str> {
        self.lang.coverage.pending.contains_key(&file).then(|| self.languages[0].0)
    }

    /// The language of a forum list's item, when it is not this page's.
    pub(super) fn item_lang(&self, file: usize, key: &'static str, i: usize) -> Option<&'a str> {
        self.part_lang(file, |p| p.items.contains(&(key, i)))
    }

    /// The data for one page's template.
    pub fn context(&self, page: &PlannedPage) -> Value {
        let m = self.m();
        let t = self.t();
        let home = || (t.get("home"), "index.html".to_string());
        let forums = || (t.get("forums"), "forums/index.html".to_string());
        let (title, crumbs, data): (String, Crumbs, Value) = match page.kind {
            PageKind::Home => (self.site_title().to_string(), vec![], self.home()),
            PageKind::Forums => (t.get("forums").into(), vec![home()], obj! { "forums" => self.forums_desc.clone() }),
            PageKind::Forum(i) => (m.forums[i].title.clone(), vec![home(), forums()], self.forum(i)),
            PageKind::Brief(i) => {
                let f = &m.forums[i];
                let crumbs = vec![home(), forums(), (f.title.as_str(), urls::forum(f.year))];
                let crumbs: Crumbs = crumbs.into_iter().collect();
                let title = self.brief_title(f);
                return self.finish(page, &title, crumbs, self.brief(i, false));
            }
            PageKind::BriefPdf(_) => (String::new(), vec![], obj! {}),
            PageKind::Session(i) => {
                let s = &m.sessions[i];
                let forum_title = self.forum_title(s.year);
                let crumbs = vec![home(), forums(), (forum_title.as_str(), urls::forum(s.year))];
                let data = self.session(i, &forum_title);
                return self.finish(page, &s.title, crumbs, data);
            }
            PageKind::UngisIndex => {
                let all: Vec<Value> = m.ungis.iter().rev().map(|u| self.ungis_summary(u)).collect();
                (t.get("ungis_activities").into(), vec![home()], obj! { "activities" => all })
            }
            PageKind::Ungis(i) => {
                (m.ungis[i].title.clone(), vec![home(), (t.get("ungis"), "ungis/index.html".into())], self.ungis(i))
            }
            PageKind::RoadmapsIndex => (t.get("roadmaps_title").into(), vec![home()], self.roadmaps()),
            PageKind::Roadmap(i) => {
                let crumbs = vec![home(), (t.get("roadmaps"), "roadmaps/index.html".into())];
                (m.roadmaps[i].title.clone(), crumbs, self.roadmap(i))
            }
            PageKind::Page(i) => (m.pages[i].title.clone(), vec![home()], self.page(i)),
            PageKind::ActionLinesIndex => {
                (t.get("action_lines_title").into(), vec![home()], obj! { "action_lines" => self.action_lines.clone() })
            }
            PageKind::ActionLine(i) => {
                let a = &m.action_lines[i];
                let crumbs = vec![home(), (t.get("action_lines"), "action-lines/index.html".into())];
                (format!("{}{}{}", a.id, t.get("colon"), a.title), crumbs, self.action_line(a))
            }
            PageKind::SdgsIndex => (t.get("sdgs_title").into(), vec![home()], obj! { "sdgs" => self.sdgs.clone() }),
            PageKind::Sdg(i) => {
                let s = &m.sdgs[i];
                let crumbs = vec![home(), (t.get("sdgs"), "sdgs/index.html".into())];
                (format!("{} {}{}{}", t.get("sdg_short"), s.number, t.get("colon"), s.title), crumbs, self.sdg(s))
            }
            PageKind::ListingPage(listing, number) => {
                let (title, mut crumbs, (owner, path), data) = self.listing_page(listing, number);
                crumbs.push((&owner, path));
                return self.finish(page, &title, crumbs, data);
            }
            PageKind::Matrix => (t.get("matrix_title").into(), vec![home()], self.matrix()),
            PageKind::NotFound => (t.get("not_found").into(), vec![], obj! {}),
            PageKind::Feed => (self.site_title().to_string(), vec![], self.feed()),
            PageKind::DataIndex => (t.get("open_data").into(), vec![home()], self.data_index()),
            PageKind::Data(_) => (String::new(), vec![], obj! {}),
            PageKind::Search => (t.get("search").into(), vec![home()], obj! {}),
            PageKind::Languages => (self.site_cfg.title.clone(), vec![], obj! {}),
            PageKind::Sitemap if !self.sitemap_files().is_empty() => {
                let files: Vec<&str> = self.sitemap_files().iter().map(String::as_str).collect();
                let data = obj! { "base_url" => self.site_cfg.base_url.as_deref(), "files" => files };
                (self.site_cfg.title.clone(), vec![], data)
            }
            PageKind::Sitemap | PageKind::SitemapPart(_) => {
                let part = match page.kind {
                    PageKind::SitemapPart(n) => n.saturating_sub(1),
                    _ => 0,
                };
                let start = (part * self.sitemap_size).min(self.sitemap().len());
                let end = (start + self.sitemap_size).min(self.sitemap().len());
                let data = obj! { "base_url" => self.site_cfg.base_url.as_deref(), "urls" => self.sitemap_entries(start..end) };
                (self.site_cfg.title.clone(), vec![], data)
            }
        };
        self.finish(page, &title, crumbs, data)
    }

    /// Whether language `lang`'s page of `kind` shows a document's original
    /// for want of a translation.
    fn is_fallback(&self, lang: usize, kind: PageKind) -> bool {
        let Some(file) = self.page_file(kind) else { return false };
        self.all_languages.get(lang).is_some_and(|l| l.coverage.untranslated.contains(&file))
    }

    /// The file of the document a page shows.
    fn page_file(&self, kind: PageKind) -> Option<usize> {
        let m = self.m();
        Some(match kind {
            PageKind::Forum(i) | PageKind::Brief(i) => m.forums[i].file,
            PageKind::Session(i) => m.sessions[i].file,
            PageKind::Ungis(i) => m.ungis[i].file,
            PageKind::Roadmap(i) => m.roadmaps[i].file,
            PageKind::Page(i) => m.pages[i].file,
            _ => return None,
        })
    }

    /// The languages of the parts of the document a page shows, where they
    /// are the original's: `text_lang` for all of it (no translation),
    /// `partly_lang` when a translation leaves some of it, and each part's
    /// (`title_lang`, `lead_lang` for a theme or description, `body_lang`).
    fn page_langs(&self, kind: PageKind) -> [(&'static str, Option<&'a str>); 5] {
        let file = self.page_file(kind);
        let lang = |f: &dyn Fn(usize) -> Option<&'a str>| file.and_then(f);
        [
            ("text_lang", lang(&|x| self.doc_lang(x))),
            ("partly_lang", lang(&|x| self.partly_lang(x))),
            ("title_lang", lang(&|x| self.text_lang(x))),
            ("lead_lang", lang(&|x| self.part_lang(x, |p| p.lead))),
            ("body_lang", lang(&|x| self.part_lang(x, |p| p.body))),
        ]
    }

    /// The site's title in this language.
    fn site_title(&self) -> &str {
        self.site.get_from_path("title").and_then(Value::as_str).unwrap_or_default()
    }

    /// The sitemap's entries, each with its page in every language.
    fn sitemap_entries(&self, range: std::ops::Range<usize>) -> Vec<Value> {
        let multilingual = self.languages.len() > 1;
        self.sitemap()[range]
            .iter()
            .map(|(path, lang, kind)| {
                let rel = path.strip_prefix(self.languages[*lang].2).unwrap_or(path);
                let mut alternates: Vec<Value> = Vec::new();
                if multilingual {
                    // The languages that translate the page, and the
                    // default for readers of any other.
                    alternates = (self.languages.iter().enumerate())
                        .filter(|(i, _)| !self.is_fallback(*i, *kind))
                        .map(|(_, (code, _, prefix, _))| obj! { "lang" => *code, "path" => format!("{prefix}{rel}") })
                        .collect();
                    let default = format!("{}{rel}", self.languages[0].2);
                    alternates.push(obj! { "lang" => "x-default", "path" => default });
                }
                obj! { "loc" => path.as_str(), "alternates" => alternates }
            })
            .collect()
    }

    /// A free page.
    fn page(&self, i: usize) -> Value {
        let pg = &self.m().pages[i];
        let (als, sdgs) = self.tags(&pg.tags);
        obj! { "page" => obj! {
            "title" => pg.title.as_str(),
            "description" => pg.description.as_deref(),
            "body" => &*pg.body.html,
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
            .map(|r| obj! { "title" => r.title.as_str(), "lang" => self.text_lang(r.file), "path" => urls::roadmap(&r.slug), "action_line" => self.action_line_ref(&r.action_line.value), "facilitator" => r.facilitator.as_deref() })
            .collect();
        obj! { "roadmaps" => list }
    }

    /// Adds what every page has: site, menu, roots, breadcrumbs, the
    /// interface strings, the page in every language, and the language of
    /// the document it shows when that is not the page's.
    fn finish(&self, page: &PlannedPage, title: &str, crumbs: Crumbs, data: Value) -> Value {
        let crumbs: Vec<Value> = crumbs.into_iter().map(|(t, p)| obj! { "title" => t, "path" => p }).collect();
        let inside = page.path.strip_prefix(self.lang.prefix.as_str());
        let rel = inside.unwrap_or(&page.path);
        let mut map = data.into_map().unwrap_or_default();
        let mut put = |key: &'static str, value: Value| {
            map.insert(tera::value::Key::from(key), value);
        };
        // From the page to its language's root: up, and for a page outside
        // its language's folder (the root's 404.html), down into it.
        let root = match inside {
            Some(_) => urls::root_prefix(rel),
            None => format!("{}{}", urls::root_prefix(&page.path), self.lang.prefix),
        };
        put("root", root.into());
        put("site_root", urls::root_prefix(&page.path).into());
        put("path", rel.into());
        put("section", rel.split('/').next().unwrap_or_default().into());
        let mut all: Vec<Value> = Vec::new();
        if self.languages.len() > 1 {
            all = self
                .languages
                .iter()
                .enumerate()
                .map(|(i, (code, name, prefix, dir))| {
                    let current = *code == self.lang.code;
                    // A language whose page shows the original for want of
                    // a translation is no alternate of it.
                    let alternate = !self.is_fallback(i, page.kind);
                    obj! { "code" => *code, "name" => *name, "dir" => *dir, "path" => format!("{prefix}{rel}"), "current" => current, "alternate" => alternate }
                })
                .collect();
        }
        put("languages", all.into());
        put("site", self.site.clone());
        put("menu", self.menu.clone());
        put("page_title", title.into());
        put("page_description", self.page_description(page).into());
        put("published", self.published(page).into());
        put("structured_data", self.structured_data(page).into());
        put("breadcrumbs", crumbs.into());
        for (key, lang) in self.page_langs(page.kind) {
            put(key, lang.into());
        }
        Value::from(map)
    }

    fn forum_title(&self, year: u32) -> String {
        self.m()
            .forums
            .iter()
            .find(|f| f.year == year)
            .map_or_else(|| format!("WSIS Forum {year}"), |f| f.title.clone())
    }
}

impl<'a> Contexts<'a> {
    /// The open-data files, listed with what each holds.
    fn data_index(&self) -> Value {
        let files: Vec<Value> = crate::data_files::DataFile::ALL
            .iter()
            .map(|f| {
                let name = f.path().trim_start_matches("data/");
                obj! { "path" => f.path(), "name" => name, "about" => self.t().get(&f.about_key()) }
            })
            .collect();
        obj! { "files" => files }
    }
}
