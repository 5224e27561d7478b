//! Plan: the list of every file the build writes, with its template and
//! what it shows, before any HTML exists. A plan is plain data, so it can be
//! tested without templates and rendered in any order.
//!
//! The data a template gets is built per page by `context`, inside the
//! parallel render loop, so a large site never holds every page's data in
//! memory at once.

pub mod context;
mod record;

use crate::link::localize::Coverage;
use crate::link::Linked;
use crate::load::strings::Strings;
use crate::locale::Locale;
use crate::model::SiteConfig;
use crate::urls;

pub use context::Contexts;
pub use record::{Lists, Placing};

/// One language the site is written in, as a build sees it: where its
/// pages go, its interface strings, its date and number forms, and the
/// model as it shows it.
pub struct Language {
    /// Position in the site's languages (0: the default).
    pub index: usize,
    pub code: String,
    pub dir: &'static str,
    /// Where its pages go under the output folder: `""` or `fr/`.
    pub prefix: String,
    pub strings: Strings,
    pub locale: Locale,
    /// Which documents it shows in the original's words.
    pub coverage: Coverage,
    /// The translated model; `None` for the default language, which shows
    /// the linked model itself, and for every language of a build that
    /// makes each view in turn, as it writes that language's pages
    /// (`Views::InTurn`).
    pub view: Option<Linked>,
}

/// When the languages' views of the model are made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Views {
    /// All at once, before any page: for `serve`, which edits them, and
    /// for builds that typeset PDF briefs, which take turns across
    /// languages.
    AtOnce,
    /// Each as its language's pages are written, and let go after them, so
    /// that a build holds one language's translated bodies at a time.
    InTurn,
}

/// Each language of the site with its interface strings (`strings`, in
/// the site's order), its date and number forms, its coverage and (with
/// `Views::AtOnce`) its view of the model, built in parallel; an error if
/// CLDR cannot write a language.
pub fn languages(
    strings: Vec<Strings>,
    linked: &Linked,
    translations: &[crate::model::Translation],
    site: &SiteConfig,
    views: Views,
) -> Result<Vec<Language>, String> {
    use rayon::prelude::*;
    strings
        .into_par_iter()
        .enumerate()
        .map(|(index, strings)| {
            let own = &site.languages[index];
            let locale = Locale::new(&own.code)?;
            // The default language at the site root shows the linked model
            // as it is; any other tree has its own view.
            let prefix = site.prefix(index);
            let (view, coverage) = match (prefix.is_empty(), views) {
                (true, _) => (None, Coverage::default()),
                (false, Views::AtOnce) => {
                    let (view, coverage) = crate::link::localize::localize(linked, translations, site, index);
                    (Some(view), coverage)
                }
                (false, Views::InTurn) => (None, crate::link::localize::coverage(linked, translations, site, index)),
            };
            Ok(Language { index, code: own.code.clone(), dir: own.dir, prefix, strings, locale, coverage, view })
        })
        .collect()
}

impl Language {
    /// The model this language's pages show.
    pub fn linked<'a>(&'a self, base: &'a Linked) -> &'a Linked {
        self.view.as_ref().unwrap_or(base)
    }
}

/// How many entries a listing shows on one page: a forum's sessions, what
/// names an action line or a goal. A longer listing goes on over numbered
/// pages (`page/2/index.html`...), each linked from the others, so every
/// entry stays a link away without a script.
pub const LISTING_PAGE_SIZE: usize = 100;

/// A listing long enough to run over several pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listing {
    /// A forum's HLT sessions.
    Forum(usize),
    /// What names an action line.
    ActionLine(usize),
    /// What names an SDG.
    Sdg(usize),
}

/// The number of pages a listing of `entries` takes.
pub fn listing_pages(entries: usize) -> usize {
    entries.div_ceil(LISTING_PAGE_SIZE).max(1)
}

/// What a page shows; indices point into the model's lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    Home,
    Forums,
    Forum(usize),
    /// A forum's printable outcome brief, as HTML.
    Brief(usize),
    /// The same brief as a PDF, typeset by typst.
    BriefPdf(usize),
    Session(usize),
    UngisIndex,
    Ungis(usize),
    RoadmapsIndex,
    Roadmap(usize),
    Page(usize),
    ActionLinesIndex,
    ActionLine(usize),
    SdgsIndex,
    Sdg(usize),
    /// Page 2 and up of a long listing (the first is its owner's page).
    ListingPage(Listing, usize),
    Matrix,
    NotFound,
    Feed,
    /// `sitemap.xml`: the pages' addresses, or, when there are more than
    /// one file may hold, the index of the files that hold them.
    Sitemap,
    /// `sitemap-N.xml` (from 1), one of the files of a split sitemap.
    SitemapPart(usize),
    Search,
    /// The open-data page listing the files.
    DataIndex,
    /// The site root's page that lists the languages, when every language
    /// (the default too) has its own folder.
    Languages,
    /// One open-data file, written by Rust, not a template.
    Data(crate::data_files::DataFile),
}

impl PageKind {
    /// The page of a document.
    pub fn of(item: crate::model::Item) -> PageKind {
        use crate::model::Item;
        match item {
            Item::Forum(i) => PageKind::Forum(i),
            Item::Session(i) => PageKind::Session(i),
            Item::Ungis(i) => PageKind::Ungis(i),
            Item::Roadmap(i) => PageKind::Roadmap(i),
            Item::Page(i) => PageKind::Page(i),
        }
    }

    /// The theme template that renders this page; `None` for the files
    /// written without one (the PDF briefs, by typst; the open data).
    pub fn template(&self) -> Option<&'static str> {
        Some(match self {
            PageKind::Home => "home.html",
            PageKind::Forums => "forums.html",
            PageKind::Forum(_) => "forum.html",
            PageKind::Brief(_) => "brief.html",
            PageKind::Session(_) => "session.html",
            PageKind::UngisIndex => "ungis-list.html",
            PageKind::Ungis(_) => "ungis.html",
            PageKind::RoadmapsIndex => "roadmaps.html",
            PageKind::Roadmap(_) => "roadmap.html",
            PageKind::Page(_) => "page.html",
            PageKind::ActionLinesIndex => "action-lines.html",
            PageKind::ActionLine(_) => "action-line.html",
            PageKind::SdgsIndex => "sdgs.html",
            PageKind::Sdg(_) => "sdg.html",
            PageKind::ListingPage(..) => "listing.html",
            PageKind::Matrix => "matrix.html",
            PageKind::NotFound => "404.html",
            PageKind::Feed => "atom.xml",
            PageKind::Sitemap | PageKind::SitemapPart(_) => "sitemap.xml",
            PageKind::Search => "search.html",
            PageKind::DataIndex => "data.html",
            PageKind::Languages => "languages.html",
            PageKind::BriefPdf(_) | PageKind::Data(_) => return None,
        })
    }

    /// Whether rendering this page takes far longer than a template page
    /// (typesetting a PDF brief), so the build schedules it on its own.
    pub fn is_costly(&self) -> bool {
        matches!(self, PageKind::BriefPdf(_))
    }

    /// Whether this page shows a whole forum or the whole site (open data,
    /// an HTML brief, the feed, the sitemap): such pages are started first,
    /// so that none is left running alone at the end of a build.
    pub fn is_large(&self) -> bool {
        matches!(
            self,
            PageKind::Data(_) | PageKind::Brief(_) | PageKind::Feed | PageKind::Sitemap | PageKind::SitemapPart(_)
        )
    }
}

/// One output file to render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedPage {
    /// Path under the output folder, `/`-separated.
    pub path: String,
    pub kind: PageKind,
    /// The language it is in (an index into the site's languages).
    pub lang: usize,
    /// Whose listing fields it shows, recorded as it is planned.
    pub lists: Lists,
}

/// The whole plan: pages to render and static files to copy.
#[derive(Debug)]
pub struct Plan {
    pub pages: Vec<PlannedPage>,
    /// Whether PDF briefs are written (`--no-pdf` leaves them out).
    pub pdf_briefs: bool,
    /// (source file, output path) pairs copied byte for byte.
    pub copies: Vec<(std::path::PathBuf, String)>,
    /// The most addresses one sitemap file lists.
    pub sitemap_size: usize,
}

/// The most addresses one sitemap file may list (the sitemap protocol's
/// limit); a larger site's `sitemap.xml` is an index of files this size.
pub const SITEMAP_SIZE: usize = 50_000;

/// The most bytes one sitemap file may hold (the protocol's 50 MB,
/// uncompressed), with a margin for a theme's own markup.
const SITEMAP_BYTES: usize = 45 * 1024 * 1024;

/// At most how many bytes one address takes in a sitemap: its `<loc>` and,
/// on a site of several languages, a link to the page in each language and
/// the default (`x-default`), each under its language's folder; `longest`
/// is the longest page path of the site.
pub fn sitemap_entry_bound(site: &SiteConfig, longest: usize) -> usize {
    const MARKUP: usize = 64;
    let base = site.base_url.as_deref().map_or(0, str::len);
    let links = if site.is_multilingual() { site.languages.len() + 1 } else { 0 };
    let prefix = (0..site.languages.len()).map(|i| site.prefix(i).len()).max().unwrap_or(0);
    (links + 1) * (base + prefix + longest + MARKUP) + MARKUP
}

/// Lists every output file of a linked model: every page in every
/// language, each language in its own tree (`fr/forums/...`), the
/// default at the root unless it has a folder too.
pub fn plan(l: &Linked, site: &SiteConfig, pdf_briefs: bool) -> Plan {
    plan_with(l, site, pdf_briefs, SITEMAP_SIZE)
}

/// [`plan`], with sitemap files of at most `sitemap_size` addresses.
pub fn plan_with(l: &Linked, site: &SiteConfig, pdf_briefs: bool, sitemap_size: usize) -> Plan {
    let mut pages = Vec::with_capacity((l.model.sessions.len() + 64) * site.languages.len());
    for lang in 0..site.languages.len() {
        plan_language(l, site, pdf_briefs, lang, &mut pages);
    }
    if site.default_in_folder {
        pages.push(PlannedPage {
            path: "index.html".into(),
            kind: PageKind::Languages,
            lang: 0,
            lists: Lists::Nothing,
        });
        // Hosts serve the root's 404.html for any missing address.
        pages.push(PlannedPage { path: "404.html".into(), kind: PageKind::NotFound, lang: 0, lists: Lists::Nothing });
    }
    // A file holds as many addresses as fit in the protocol's bytes too:
    // on a six-language site, each address names seven others.
    let longest = pages.iter().map(|p| p.path.len()).max().unwrap_or(0);
    let sitemap_size = sitemap_size.min(SITEMAP_BYTES / sitemap_entry_bound(site, longest)).max(1);
    if site.base_url.is_some() {
        let addresses = pages.iter().filter(|p| in_sitemap(p)).count();
        // A listing's page count, which a tag changes, is in the sitemap.
        pages.push(PlannedPage { path: "sitemap.xml".into(), kind: PageKind::Sitemap, lang: 0, lists: Lists::Any });
        let files = addresses.div_ceil(sitemap_size.max(1));
        if files > 1 {
            for n in 1..=files {
                let (path, kind) = (format!("sitemap-{n}.xml"), PageKind::SitemapPart(n));
                pages.push(PlannedPage { path, kind, lang: 0, lists: Lists::Any });
            }
        }
    }
    let copies = l.model.statics.iter().map(|s| (s.abs_path.clone(), s.rel_path.clone())).collect();
    Plan { pages, pdf_briefs, copies, sitemap_size: sitemap_size.max(1) }
}

/// A brief's PDF in a language: `brief.pdf` on a one-language site,
/// `brief.fr.pdf` where there are several, so a downloaded file says its
/// language.
pub fn brief_pdf(site: &SiteConfig, year: u32, lang: usize) -> String {
    match site.languages.get(lang).filter(|_| site.is_multilingual()) {
        Some(l) => format!("forums/{year}/brief.{}.pdf", l.code),
        None => urls::brief_pdf(year),
    }
}

fn plan_language(l: &Linked, site: &SiteConfig, pdf_briefs: bool, lang: usize, pages: &mut Vec<PlannedPage>) {
    let m = &l.model;
    let prefix = site.prefix(lang);
    let mut add = |path: String, kind: PageKind, lists: Lists| {
        pages.push(PlannedPage { path: format!("{prefix}{path}"), kind, lang, lists });
    };
    add("index.html".into(), PageKind::Home, Lists::Any);
    add("forums/index.html".into(), PageKind::Forums, Lists::Any);
    let parts = |first: String, entries: usize, listing: Listing, add: &mut dyn FnMut(String, PageKind, Lists)| {
        let lists = match listing {
            Listing::Forum(i) => Lists::Forum(m.forums[i].year),
            Listing::ActionLine(i) => Lists::ActionLine(i),
            Listing::Sdg(i) => Lists::Sdg(i),
        };
        for number in 2..=listing_pages(entries) {
            add(urls::listing_page(&first, number), PageKind::ListingPage(listing, number), lists);
        }
    };
    let index = &l.index;
    let count = |list: Option<&Vec<crate::link::Item>>| list.map_or(0, Vec::len);
    for (i, f) in m.forums.iter().enumerate() {
        add(urls::forum(f.year), PageKind::Forum(i), Lists::Forum(f.year));
        let sessions = index.sessions_by_year.get(&f.year).map_or(0, Vec::len);
        parts(urls::forum(f.year), sessions, Listing::Forum(i), &mut add);
        add(urls::brief(f.year), PageKind::Brief(i), Lists::Nothing);
        if pdf_briefs {
            add(brief_pdf(site, f.year, lang), PageKind::BriefPdf(i), Lists::Nothing);
        }
    }
    for (i, s) in m.sessions.iter().enumerate() {
        // Its neighbours' titles, in its forum's order.
        add(urls::session(s.year, &s.slug), PageKind::Session(i), Lists::Forum(s.year));
    }
    add("ungis/index.html".into(), PageKind::UngisIndex, Lists::Nothing);
    for (i, u) in m.ungis.iter().enumerate() {
        add(urls::ungis(&u.slug), PageKind::Ungis(i), Lists::Nothing);
    }
    add("roadmaps/index.html".into(), PageKind::RoadmapsIndex, Lists::Nothing);
    for (i, r) in m.roadmaps.iter().enumerate() {
        add(urls::roadmap(&r.slug), PageKind::Roadmap(i), Lists::Nothing);
    }
    for (i, p) in m.pages.iter().enumerate() {
        add(urls::page(&p.slug), PageKind::Page(i), Lists::Nothing);
    }
    // The indexes count what names each action line and goal.
    add("action-lines/index.html".into(), PageKind::ActionLinesIndex, Lists::Any);
    for (i, a) in m.action_lines.iter().enumerate() {
        add(urls::action_line(&a.id), PageKind::ActionLine(i), Lists::ActionLine(i));
        parts(urls::action_line(&a.id), count(index.by_action_line.get(&a.id)), Listing::ActionLine(i), &mut add);
    }
    add("sdgs/index.html".into(), PageKind::SdgsIndex, Lists::Any);
    for (i, s) in m.sdgs.iter().enumerate() {
        add(urls::sdg(s.number), PageKind::Sdg(i), Lists::Sdg(i));
        parts(urls::sdg(s.number), count(index.by_sdg.get(&s.number)), Listing::Sdg(i), &mut add);
    }
    add("matrix/index.html".into(), PageKind::Matrix, Lists::Any);
    add("search/index.html".into(), PageKind::Search, Lists::Nothing);
    add("data/index.html".into(), PageKind::DataIndex, Lists::Nothing);
    for file in crate::data_files::DataFile::ALL {
        // Of the open data, the matrix's counts; the sessions' file is
        // written with every edit of a session anyway.
        let lists = if file == crate::data_files::DataFile::Matrix { Lists::Any } else { Lists::Nothing };
        add(file.path().into(), PageKind::Data(file), lists);
    }
    add("404.html".into(), PageKind::NotFound, Lists::Nothing);
    add("atom.xml".into(), PageKind::Feed, Lists::Any);
}

fn in_sitemap(p: &PlannedPage) -> bool {
    p.path.ends_with(".html") && !matches!(p.kind, PageKind::NotFound | PageKind::Languages)
}

/// The pages listed in a sitemap, with their language: every HTML page
/// but the 404s and the language list.
pub fn sitemap_paths(plan: &Plan) -> Vec<(String, usize, PageKind)> {
    let mut paths: Vec<(String, usize, PageKind)> =
        plan.pages.iter().filter(|p| in_sitemap(p)).map(|p| (p.path.clone(), p.lang, p.kind)).collect();
    paths.sort_by(|a, b| a.0.cmp(&b.0));
    paths
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn fixture_plan() -> (crate::link::Linked, Plan) {
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/site/content");
        let linked = crate::check(&content, false).expect("the fixture site is valid").linked;
        let site = linked.model.site.clone().expect("site.yaml loads");
        let plan = plan(&linked, &site, true);
        (linked, plan)
    }

    #[test]
    fn plan_lists_each_entity_once_at_its_url() {
        let (_, plan) = fixture_plan();
        let paths: Vec<&str> = plan.pages.iter().map(|p| p.path.as_str()).collect();
        let mut unique = paths.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), paths.len(), "no output path is planned twice");
        assert!(paths.contains(&"forums/2020/hlt/e-health-session/index.html"));
        assert!(paths.contains(&"action-lines/c7-e-health/index.html"));
        assert!(paths.contains(&"sitemap.xml"), "the fixture sets base_url");
        assert!(plan.copies.iter().any(|(_, rel)| rel == "static/img/logo.svg"));
    }

    /// The fixture site checked and planned, without PDF briefs.
    fn fixture_prepared() -> crate::Prepared {
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/site/content");
        let mut opts = crate::BuildOptions::new(content, None, None);
        opts.pdf = false;
        crate::prepare(&opts).expect("the fixture site is valid")
    }

    /// A page's data as JSON, to read by key and index.
    fn json(data: tera::Value) -> serde_json::Value {
        serde_json::to_value(data).unwrap()
    }

    #[test]
    fn a_sitemap_past_the_protocol_s_limit_becomes_an_index_of_files() {
        let prepared = fixture_prepared();
        let all = sitemap_paths(&prepared.plan);
        let split = plan_with(&prepared.linked, &prepared.site, false, 10);
        let parts: Vec<&PlannedPage> =
            split.pages.iter().filter(|p| matches!(p.kind, PageKind::SitemapPart(_))).collect();
        assert_eq!(parts.len(), all.len().div_ceil(10), "files of at most 10 addresses");
        assert_eq!(parts[0].path, "sitemap-1.xml");
        assert!(!prepared.plan.pages.iter().any(|p| matches!(p.kind, PageKind::SitemapPart(_))), "one file is enough");

        let contexts = Contexts::new(&prepared.linked, &prepared.site, &split, &prepared.languages, 0);
        let index = split.pages.iter().find(|p| p.kind == PageKind::Sitemap).unwrap();
        assert_eq!(json(contexts.context(index))["files"][0], "sitemap-1.xml");
        let mut listed: Vec<String> = Vec::new();
        for part in parts {
            let urls = json(contexts.context(part))["urls"].as_array().unwrap().clone();
            assert!(urls.len() <= 10);
            listed.extend(urls.iter().map(|u| u["loc"].as_str().unwrap().to_string()));
        }
        assert_eq!(listed, all.iter().map(|(p, _, _)| p.clone()).collect::<Vec<_>>(), "each address once, in order");
    }

    #[test]
    fn contexts_hold_resolved_relative_data() {
        let prepared = fixture_prepared();
        let plan = &prepared.plan;
        let contexts = &prepared.contexts()[0];
        let session = plan.pages.iter().find(|p| p.path == "forums/2020/hlt/e-health-session/index.html").unwrap();
        let data = json(contexts.context(session));
        assert_eq!(data["root"], "../../../../");
        assert_eq!(data["session"]["forum"]["path"], "forums/2020/index.html");
        assert_eq!(data["session"]["action_lines"][0]["id"], "C2", "action lines in reference order");
        assert_eq!(data["breadcrumbs"][2]["title"], "Fixture Forum 2020");
        let sitemap = plan.pages.iter().find(|p| p.kind == PageKind::Sitemap).unwrap();
        let urls = json(contexts.context(sitemap))["urls"].as_array().unwrap().len();
        assert_eq!(urls, plan.pages.iter().filter(|p| p.path.ends_with(".html")).count() - 1, "all but the 404");
    }
}
