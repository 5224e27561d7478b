//! What a page says about itself to the programs that show a shared link
//! or list an event: a description (`<meta name="description">`, Open
//! Graph and Twitter cards), its published address when the site has a
//! `base_url`, and schema.org JSON-LD, each forum an `Event` and each brief
//! a `Report` with its PDF as a `MediaObject`. Only what the content gives:
//! no organiser, image or price is made up.

use super::Contexts;
use crate::model::{Format, Forum, SourceStatus};
use crate::plan::{PageKind, PlannedPage};
use serde_json::{json, Value};

impl Contexts<'_> {
    /// The one-line description of a page: a forum's theme (or its dates
    /// and venue); for a session, an activity or a roadmap what it is, with
    /// its forum and day or its Action Line; a page's own description; else
    /// the site's.
    pub(super) fn page_description(&self, page: &PlannedPage) -> Option<String> {
        let m = self.m();
        let t = self.t();
        let comma = t.get("comma");
        let when = |date, end: Option<_>| match end {
            Some(end) => self.lang.locale.range(date, end),
            None => self.lang.locale.date(date),
        };
        let forum = |f: &Forum| {
            f.theme.clone().unwrap_or_else(|| {
                let dates = self.lang.locale.range(f.start, f.end);
                match &f.venue {
                    Some(venue) => format!("{dates}{comma}{venue}"),
                    None => dates,
                }
            })
        };
        match page.kind {
            PageKind::Forum(i) | PageKind::Brief(i) => Some(forum(&m.forums[i])),
            PageKind::Page(i) => m.pages[i].description.clone(),
            PageKind::Session(i) => {
                let s = &m.sessions[i];
                let (kind, forum) = (t.get("kind_session"), self.forum_title(s.year));
                Some(format!("{kind}{comma}{forum}{comma}{}", when(s.date.value, s.date_end)))
            }
            PageKind::Ungis(i) => {
                let u = &m.ungis[i];
                Some(format!("{}{comma}{}", t.get("kind_ungis"), when(u.date, u.date_end)))
            }
            PageKind::Roadmap(i) => {
                let id = &m.roadmaps[i].action_line.value;
                // The language's view already carries the line's title in it.
                let found = m.action_lines.iter().find(|a| &a.id == id);
                let line = found.map_or_else(|| id.clone(), super::values::action_line_label);
                Some(format!("{}{comma}{line}", t.get("kind_roadmap")))
            }
            _ => None,
        }
        .or_else(|| self.site_cfg.description.clone())
    }

    /// The page's address on the published site, when it has one.
    pub(super) fn published(&self, page: &PlannedPage) -> Option<String> {
        let base = self.site_cfg.base_url.as_deref()?;
        let path = page.path.strip_suffix("index.html").unwrap_or(&page.path);
        Some(format!("{base}{path}"))
    }

    /// schema.org JSON-LD for a forum's page (an `Event`) and its brief (a
    /// `Report` about the event, its PDF a `MediaObject`), as text safe
    /// inside `<script>`; `None` for other pages.
    pub(super) fn structured_data(&self, page: &PlannedPage) -> Option<String> {
        let m = self.m();
        let data = match page.kind {
            PageKind::Forum(i) => self.event(&m.forums[i], self.published(page)),
            PageKind::Brief(i) => {
                let f = &m.forums[i];
                let title = self.brief_title(f);
                let forum_page = PlannedPage {
                    path: format!("{}{}", self.lang.prefix, crate::urls::forum(f.year)),
                    kind: PageKind::Forum(i),
                    lang: page.lang,
                    lists: crate::plan::Lists::Forum(f.year),
                };
                let mut report = json!({
                    "@context": "https://schema.org",
                    "@type": "Report",
                    "name": title,
                    "inLanguage": self.lang.code,
                    "about": self.event(f, self.published(&forum_page)),
                    "publisher": { "@type": "Organization", "name": self.site_title() },
                });
                if let Some(url) = self.published(page) {
                    report["url"] = url.into();
                }
                if self.pdf_briefs {
                    let pdf = crate::plan::brief_pdf(self.site_cfg, f.year, self.lang.index);
                    let mut object =
                        json!({ "@type": "MediaObject", "encodingFormat": "application/pdf", "name": title });
                    let from = self.site_cfg.base_url.clone().unwrap_or_else(|| crate::urls::root_prefix(&page.path));
                    object["contentUrl"] = format!("{from}{pdf}").into();
                    report["encoding"] = object;
                }
                report
            }
            _ => return None,
        };
        // No `<`, `>` or `&` inside the script element: `</script>` would
        // end it early, and `<script` or `<!--` would change how a browser
        // reads it. JSON says the same with \u escapes.
        Some(data.to_string().replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026"))
    }

    /// A forum as a schema.org `Event`: its name, dates, theme, place or
    /// online attendance as the content gives them.
    fn event(&self, f: &Forum, url: Option<String>) -> Value {
        let mut event = json!({
            "@context": "https://schema.org",
            "@type": "Event",
            "name": f.title,
            "startDate": f.start.iso(),
            "endDate": f.end.iso(),
            "inLanguage": self.lang.code,
        });
        if let Some(theme) = &f.theme {
            event["description"] = theme.as_str().into();
        }
        let mode = match f.format {
            Some(Format::InPerson) => Some("OfflineEventAttendanceMode"),
            Some(Format::Virtual) => Some("OnlineEventAttendanceMode"),
            Some(Format::Hybrid) => Some("MixedEventAttendanceMode"),
            None => None,
        };
        if let Some(mode) = mode {
            event["eventAttendanceMode"] = format!("https://schema.org/{mode}").into();
        }
        // The place the content names, and online attendance for a virtual
        // or hybrid forum; nothing where the sources say neither.
        let place = f
            .venue
            .as_ref()
            .filter(|_| f.format != Some(Format::Virtual))
            .map(|v| json!({ "@type": "Place", "name": v }));
        let online =
            matches!(f.format, Some(Format::Virtual | Format::Hybrid)).then(|| json!({ "@type": "VirtualLocation" }));
        match (place, online) {
            (Some(p), Some(o)) => event["location"] = json!([p, o]),
            (Some(l), None) | (None, Some(l)) => event["location"] = l,
            (None, None) => {}
        }
        if f.status.is_some_and(|s| s != SourceStatus::Outcome) {
            // Known from an announcement or programme: scheduled as given.
            event["eventStatus"] = "https://schema.org/EventScheduled".into();
        }
        if let Some(url) = url {
            event["url"] = url.into();
        }
        event
    }
}
