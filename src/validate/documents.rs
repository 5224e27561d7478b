//! High-Level Track sessions, UNGIS activities, roadmaps and free pages.

use super::fields::{Reader, YEARS};
use crate::load::yaml::Node;
use crate::model::*;

/// The front-matter keys of each kind of document.
pub const SESSION_KEYS: &[&str] = &["title", "date", "time", "facilitators", "speakers", "action_lines", "sdgs"];
pub const UNGIS_KEYS: &[&str] = &["title", "kind", "date", "time", "chair", "forum", "url", "action_lines", "sdgs"];
pub const ROADMAP_KEYS: &[&str] = &["action_line", "title", "facilitator", "updated", "activities"];
pub const PAGE_KEYS: &[&str] = &["title", "description", "weight", "forum", "action_lines", "sdgs"];

pub fn session(r: &mut Reader, node: &Node, year: u32, slug: &str, body: Body, file: usize) -> Option<Session> {
    let f = r.fields(node, "a High-Level Track session's front matter", SESSION_KEYS)?;
    let title = r.req_str(&f, "title", "Bridging digital divides");
    let (date, date_end) = r.req_date_or_period(&f, "date");
    let time = r.opt_str(&f, "time");
    let facilitators = r.list(&f, "facilitators", Reader::person);
    let speakers = r.list(&f, "speakers", Reader::person);
    let tags = r.tags(&f);
    Some(Session {
        year,
        slug: slug.to_string(),
        title: title?,
        date: date?,
        date_end,
        time,
        facilitators,
        speakers,
        tags,
        body,
        file,
    })
}

pub fn ungis(r: &mut Reader, node: &Node, slug: &str, body: Body, file: usize) -> Option<Ungis> {
    let f = r.fields(node, "a UNGIS activity's front matter", UNGIS_KEYS)?;
    let title = r.req_str(&f, "title", "UNGIS Side Event at HLPF 2020");
    let kind = r.req_closed::<UngisKind>(&f, "kind");
    let (date, date_end) = r.req_date_or_period(&f, "date");
    let time = r.opt_str(&f, "time");
    let chair = r.opt_str(&f, "chair");
    let forum = f.value_span("forum").and_then(|span| r.opt_small(&f, "forum", YEARS).map(|value| At { value, span }));
    let url = r.opt_url(&f, "url");
    let tags = r.tags(&f);
    Some(Ungis {
        slug: slug.to_string(),
        title: title?,
        kind: kind?,
        date: date?.value,
        date_end,
        time,
        chair,
        forum,
        url,
        tags,
        body,
        file,
    })
}

pub fn roadmap(r: &mut Reader, node: &Node, slug: &str, body: Body, file: usize) -> Option<Roadmap> {
    let f = r.fields(node, "a roadmap's front matter", ROADMAP_KEYS)?;
    let action_line_span = f.value_span("action_line").unwrap_or(node.span);
    let action_line = r.req_str(&f, "action_line", "C2").map(|value| At { value, span: action_line_span });
    let title = r.req_str(&f, "title", "ITU WSIS Action Line Roadmap C2");
    let facilitator = r.opt_str(&f, "facilitator");
    let updated = r.opt_date(&f, "updated").map(|d| d.value);
    let activities = r.list(&f, "activities", |r, n| {
        let f = r.fields(n, "an activity", &["title", "timeframe", "expected_results", "partners", "sdgs"])?;
        let title = r.req_str(&f, "title", "...");
        Some(Activity {
            timeframe: r.opt_str(&f, "timeframe"),
            expected_results: r.opt_str(&f, "expected_results"),
            partners: r.str_list(&f, "partners"),
            sdgs: r.tags(&f).sdgs,
            title: title?,
        })
    });
    Some(Roadmap {
        slug: slug.to_string(),
        action_line: action_line?,
        title: title?,
        facilitator,
        updated,
        activities,
        body,
        file,
    })
}

pub fn page(r: &mut Reader, node: &Node, slug: &str, body: Body, file: usize) -> Option<Page> {
    let f = r.fields(node, "a page's front matter", PAGE_KEYS)?;
    let title = r.req_str(&f, "title", "About WSIS");
    let description = r.opt_str(&f, "description");
    let weight = r.opt_u64(&f, "weight");
    let forum = f.value_span("forum").and_then(|span| r.opt_small(&f, "forum", YEARS).map(|value| At { value, span }));
    let tags = r.tags(&f);
    Some(Page { slug: slug.to_string(), title: title?, description, weight, forum, tags, body, file })
}
