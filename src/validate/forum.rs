//! `forums/<year>/forum.md`: one WSIS Forum and all its figures.

use super::fields::{Fields, Reader, YEARS};
use crate::diagnostics::Code;
use crate::load::yaml::Node;
use crate::model::*;

/// The front-matter keys of a forum.
pub const KEYS: &[&str] = &[
    "year",
    "title",
    "theme",
    "start",
    "end",
    "venue",
    "format",
    "key_figures",
    "distributions",
    "special_tracks",
    "consultation",
    "hlt_facilitators",
    "publications",
    "quotes",
    "regional_events",
    "prizes",
    "prize_phases",
    "sources",
    "status",
    "as_of",
    "source_notes",
    "action_lines",
    "sdgs",
];

pub fn forum(r: &mut Reader, node: &Node, folder_year: u32, body: Body, file: usize) -> Option<Forum> {
    let f = r.fields(node, "a forum's front matter", KEYS)?;
    let year = r.req_small(&f, "year", &folder_year.to_string(), YEARS);
    if let Some(y) = year {
        if y != folder_year {
            let span = field_span(&f, node, "year");
            r.error(
                span,
                Code::YearMismatch,
                format!("`year: {y}` does not match the folder `forums/{folder_year}/`"),
            )
            .help = Some(format!("write `year: {folder_year}` or move the file to `forums/{y}/`"));
        }
    }
    let title = r.opt_str(&f, "title").unwrap_or_else(|| format!("WSIS Forum {folder_year}"));
    let theme = r.opt_str(&f, "theme");
    let start = r.req_date(&f, "start");
    let end = r.req_date(&f, "end");
    if let (Some(s), Some(e)) = (&start, &end) {
        if e.value.last_day() < s.value.first_day() {
            r.error(e.span, Code::EndBeforeStart, format!("`end` ({}) is before `start` ({})", e.value, s.value));
        }
    }
    let venue = r.opt_str(&f, "venue");
    let format = r.opt_closed::<Format>(&f, "format");
    let key_figures = r.list(&f, "key_figures", key_figure);
    let distributions = r.list(&f, "distributions", distribution);
    let special_tracks = r.list(&f, "special_tracks", |r, n| {
        let f = r.fields(n, "a special track", SPECIAL_TRACK_KEYS)?;
        Some(SpecialTrack { title: r.req_str(&f, "title", "ICTs and Youth")?, sessions: r.opt_u64(&f, "sessions") })
    });
    let consultation = r.list(&f, "consultation", |r, n| {
        let f = r.fields(n, "a consultation phase", CONSULTATION_KEYS)?;
        let phase = r.req_str(&f, "phase", "I");
        let title = r.req_str(&f, "title", "Launch of the OCP");
        let date = r.opt_date(&f, "date").map(|d| d.value);
        Some(ConsultationPhase { phase: phase?, title: title?, date, time: r.opt_str(&f, "time") })
    });
    let hlt_facilitators = r.list(&f, "hlt_facilitators", Reader::person);
    let publications = r.list(&f, "publications", |r, n| {
        let f = r.fields(n, "a publication", PUBLICATION_KEYS)?;
        let title = r.req_str(&f, "title", "WSIS Forum 2020 Outcome Document");
        let kind = r.opt_closed::<PublicationKind>(&f, "kind").unwrap_or(PublicationKind::Other);
        Some(Publication { title: title?, kind, url: r.opt_url(&f, "url"), span: n.span })
    });
    let quotes = r.list(&f, "quotes", |r, n| {
        let f = r.fields(n, "a quote", QUOTE_KEYS)?;
        let by = r.req_str(&f, "by", "Mr. Houlin Zhao");
        let role = r.opt_str(&f, "role");
        Some(Quote { by: by?, role, text: r.req_str(&f, "text", "\"...\"")? })
    });
    let regional_events = r.list(&f, "regional_events", |r, n| {
        let f = r.fields(n, "a regional event", REGIONAL_EVENT_KEYS)?;
        let title = r.req_str(&f, "title", "WSIS Regional Review");
        Some(RegionalEvent {
            date: r.opt_date(&f, "date").map(|d| d.value),
            time: r.opt_str(&f, "time"),
            organizers: r.str_list(&f, "organizers"),
            url: r.opt_url(&f, "url"),
            title: title?,
        })
    });
    let prizes = r.opt_map(&f, "prizes", &["submitted", "nominated", "winners", "champions"]).map(|p| Prizes {
        submitted: r.opt_u64(&p, "submitted"),
        nominated: r.opt_u64(&p, "nominated"),
        winners: r.opt_u64(&p, "winners"),
        champions: r.opt_u64(&p, "champions"),
    });
    let prize_phases = r.list(&f, "prize_phases", |r, n| {
        let f = r.fields(n, "a WSIS Prizes phase", PRIZE_PHASE_KEYS)?;
        let phase = r.req_str(&f, "phase", "I");
        let title = r.req_str(&f, "title", "Submission phase");
        let start = r.opt_date(&f, "start");
        let end = r.opt_date(&f, "end");
        if let (Some(s), Some(e)) = (&start, &end) {
            if e.value.last_day() < s.value.first_day() {
                r.error(e.span, Code::EndBeforeStart, format!("`end` ({}) is before `start` ({})", e.value, s.value));
            }
        }
        Some(PrizePhase { phase: phase?, title: title?, start: start.map(|d| d.value), end: end.map(|d| d.value) })
    });
    let sources = r.str_list(&f, "sources");
    let status = r.opt_closed::<SourceStatus>(&f, "status");
    let as_of = r.opt_date(&f, "as_of").map(|d| d.value);
    let source_notes = r.str_list(&f, "source_notes");
    let tags = r.tags(&f);
    Some(Forum {
        year: folder_year,
        title,
        theme,
        start: start?.value,
        end: end?.value,
        venue,
        format,
        key_figures,
        distributions,
        special_tracks,
        consultation,
        hlt_facilitators,
        publications,
        quotes,
        regional_events,
        prizes,
        prize_phases,
        sources,
        status,
        as_of,
        source_notes,
        tags,
        body,
        file,
    })
}

fn field_span(f: &Fields, node: &Node, key: &str) -> crate::source::Span {
    f.value_span(key).unwrap_or(node.span)
}

/// The keys of the items of a forum's lists.
pub const KEY_FIGURE_KEYS: &[&str] = &["label", "value", "approx", "plus", "qualifier"];
pub const QUOTE_KEYS: &[&str] = &["by", "role", "text"];
pub const SPECIAL_TRACK_KEYS: &[&str] = &["title", "sessions"];
pub const CONSULTATION_KEYS: &[&str] = &["phase", "title", "date", "time"];
pub const PUBLICATION_KEYS: &[&str] = &["title", "kind", "url"];
pub const REGIONAL_EVENT_KEYS: &[&str] = &["title", "date", "time", "organizers", "url"];
pub const PRIZE_PHASE_KEYS: &[&str] = &["phase", "title", "start", "end"];
pub const DISTRIBUTION_KEYS: &[&str] = &["title", "unit", "parts"];
pub const PART_KEYS: &[&str] = &["label", "value"];

/// A forum's lists whose items carry language-bound text: the list's key,
/// its items' keys, and those of them a translation may set (`parts`: a
/// distribution's parts, each with its `label`).
pub const TRANSLATABLE_LISTS: &[(&str, &[&str], &[&str])] = &[
    ("key_figures", KEY_FIGURE_KEYS, &["label", "qualifier"]),
    ("distributions", DISTRIBUTION_KEYS, &["title", "parts"]),
    ("special_tracks", SPECIAL_TRACK_KEYS, &["title"]),
    ("consultation", CONSULTATION_KEYS, &["title"]),
    ("publications", PUBLICATION_KEYS, &["title", "url"]),
    ("quotes", QUOTE_KEYS, &["text", "role"]),
    ("regional_events", REGIONAL_EVENT_KEYS, &["title"]),
    ("prize_phases", PRIZE_PHASE_KEYS, &["title"]),
    ("hlt_facilitators", super::fields::PERSON_KEYS, PERSON_TEXT),
];

/// What of a person a translation gives: the role and the organization,
/// in that language (names are as the person writes them).
pub const PERSON_TEXT: &[&str] = &["role", "organization"];

/// A session's lists of which a translation gives each item's text.
pub const SESSION_TRANSLATABLE_LISTS: &[(&str, &[&str], &[&str])] =
    &[("facilitators", super::fields::PERSON_KEYS, PERSON_TEXT), ("speakers", super::fields::PERSON_KEYS, PERSON_TEXT)];

fn key_figure(r: &mut Reader, n: &Node) -> Option<KeyFigure> {
    let f = r.fields(n, "a key figure", KEY_FIGURE_KEYS)?;
    let label = r.req_str(&f, "label", "Countries engaged");
    let value = r.req_u64(&f, "value", "150");
    Some(KeyFigure {
        approx: r.opt_bool(&f, "approx").unwrap_or(false),
        plus: r.opt_bool(&f, "plus").unwrap_or(false),
        qualifier: r.opt_str(&f, "qualifier"),
        label: label?,
        value: value?,
    })
}

fn distribution(r: &mut Reader, n: &Node) -> Option<Distribution> {
    let f = r.fields(n, "a distribution", DISTRIBUTION_KEYS)?;
    let title = r.req_str(&f, "title", "Gender participation");
    let unit = r.opt_closed::<Unit>(&f, "unit").unwrap_or(Unit::Count);
    let parts = r.list(&f, "parts", |r, n| {
        let f = r.fields(n, "a part", PART_KEYS)?;
        let label = r.req_str(&f, "label", "Female");
        Some(Part { label: label?, value: r.req_u64(&f, "value", "45")? })
    });
    if unit == Unit::Percent && !parts.is_empty() {
        let sum: u64 = parts.iter().map(|p| p.value).sum();
        if sum != 100 {
            let span = f.value_span("parts").unwrap_or(n.span);
            r.error(span, Code::PercentSum, format!("the parts of a percent distribution add up to {sum}, not 100"))
                .help = Some("check the values, or use `unit: count`".into());
        }
    }
    Some(Distribution { title: title?, unit, parts })
}
