//! The small values many pages share: dates, references to action lines
//! and SDGs, listing items and the summaries of forums, sessions and UNGIS
//! activities. Each is built by one function, so every page that lists a
//! thing lists it the same way.

use super::Contexts;
use crate::link::Item;
use crate::model::*;
use crate::urls;
use tera::Value;

/// Any serialisable model value as a template value (model values always
/// serialise).
pub(super) fn value(x: &impl serde::Serialize) -> Value {
    Value::from_serializable(x)
}

/// People as template values: name, role, organization and stakeholder
/// (as spelled in files), each person a map. Built directly: through
/// serde it cost twice as much, on every session page and brief.
pub(super) fn people(list: &[Person]) -> Value {
    let person = |p: &Person| {
        obj! {
            "name" => p.name.as_str(),
            "role" => p.role.as_deref(),
            "organization" => p.organization.as_deref(),
            "stakeholder" => p.stakeholder.map(|s| s.spelling()),
        }
    };
    Value::from(list.iter().map(person).collect::<Vec<_>>())
}

/// A list of texts as a template value.
pub(super) fn texts(list: &[String]) -> Value {
    Value::from(list.iter().map(String::as_str).collect::<Vec<_>>())
}

impl<'a> Contexts<'a> {
    /// A date for `<time>`: ISO, and as the reader writes it.
    pub(super) fn date_json(&self, d: &crate::date::Date) -> Value {
        obj! { "iso" => d.iso(), "long" => self.lang.locale.date(*d) }
    }

    /// A day, or a period shown as "20–29 July 2020".
    pub(super) fn period_json(&self, start: &crate::date::Date, end: Option<crate::date::Date>) -> Value {
        match end {
            Some(end) => obj! { "iso" => start.iso(), "long" => self.lang.locale.range(*start, end) },
            None => self.date_json(start),
        }
    }

    /// Session `i`'s day or period, formatted once a session (its page,
    /// its forum's list, its brief and every listing that names it show it).
    pub(super) fn session_date_json(&self, i: usize) -> Value {
        let s = &self.m().sessions[i];
        self.session_dates[i].get_or_init(|| self.period_json(&s.date.value, s.date_end)).clone()
    }

    pub(super) fn opt_date_json(&self, d: &Option<crate::date::Date>) -> Value {
        d.as_ref().map(|d| self.date_json(d)).unwrap_or(Value::none())
    }

    /// A headline figure as read: "about 150", "770+", in the reader's digits.
    pub(super) fn figure_text(&self, k: &KeyFigure) -> String {
        crate::format::figure_text(k, &self.lang.locale, self.t().get("about_figure"))
    }

    /// What pages other than an item's own take from it, built by the very
    /// functions that build those pages: its entry in lists (action line
    /// and SDG pages, the feed, its neighbours' previous/next links), its
    /// summary (its forum's page, the home page, the UNGIS list, the footer
    /// menu) and what places it in the indexes (tags, forum). `serve`
    /// compares it before and after an edit: when it is the same, no other
    /// page changes.
    pub fn listing_view(&self, item: Item) -> Value {
        let m = self.m();
        let tag_view = |t: &Tags| {
            let als: Vec<&str> = t.action_lines.iter().map(|a| a.value.as_str()).collect();
            let sdgs: Vec<u32> = t.sdgs.iter().map(|s| s.value).collect();
            Value::from(vec![Value::from(als), Value::from(sdgs)])
        };
        let (summary, placing) = match item {
            Item::Forum(i) => (self.forum_summary(&m.forums[i]), tag_view(&m.forums[i].tags)),
            Item::Session(i) => (self.session_summary(i), tag_view(&m.sessions[i].tags)),
            Item::Ungis(i) => {
                let u = &m.ungis[i];
                (self.ungis_summary(u), Value::from(vec![tag_view(&u.tags), u.forum.as_ref().map(|f| f.value).into()]))
            }
            Item::Roadmap(i) => {
                let r = &m.roadmaps[i];
                let sdgs: Vec<Vec<u32>> =
                    r.activities.iter().map(|a| a.sdgs.iter().map(|s| s.value).collect()).collect();
                let summary: Vec<Value> =
                    vec![r.title.as_str().into(), r.facilitator.as_deref().into(), r.action_line.value.as_str().into()];
                (Value::from(summary), Value::from(sdgs))
            }
            Item::Page(i) => {
                let p = &m.pages[i];
                (Value::from(vec![Value::from(p.title.as_str()), value(&p.weight)]), tag_view(&p.tags))
            }
        };
        Value::from(vec![self.item(item), summary, placing])
    }

    /// A forum's headline figures as read: "about 150", "770+".
    pub(super) fn key_figures(&self, f: &Forum) -> Value {
        let all: Vec<Value> =
            f.key_figures.iter().map(|k| obj! { "label" => k.label.as_str(), "text" => self.figure_text(k) }).collect();
        self.mark_items(f, "key_figures", Value::from(all))
    }

    /// An action line as a tag or a link: id, title and page (shared by
    /// every page that names it).
    pub(super) fn action_line_ref(&self, id: &str) -> Value {
        match self.m().action_lines.iter().position(|a| a.id == id) {
            Some(i) => self.action_line_refs[i].clone(),
            None => self.new_action_line_ref(id),
        }
    }

    pub(super) fn new_action_line_ref(&self, id: &str) -> Value {
        let found = self.m().action_lines.iter().find(|a| a.id == id);
        let title = found.map_or("", |a| a.title.as_str());
        let label = found.map_or_else(|| id.to_string(), action_line_label);
        obj! { "id" => id, "title" => title, "label" => label, "path" => urls::action_line(id) }
    }

    /// An SDG as a tag or a link: number, title, colour and page (shared by
    /// every page that names it).
    pub(super) fn sdg_ref(&self, n: u32) -> Value {
        match self.sdg_refs.get(n as usize) {
            Some(Some(v)) => v.clone(),
            _ => self.new_sdg_ref(n),
        }
    }

    pub(super) fn new_sdg_ref(&self, n: u32) -> Value {
        let sdg = self.m().sdgs.iter().find(|s| s.number == n);
        obj! {
            "number" => n,
            "title" => sdg.map_or("", |s| s.title.as_str()),
            "color" => sdg.map_or("#555555", |s| s.color.as_str()),
            "path" => urls::sdg(n),
        }
    }

    pub(super) fn tags(&self, t: &Tags) -> (Value, Value) {
        let mut als: Vec<&str> = t.action_lines.iter().map(|a| a.value.as_str()).collect();
        als.sort_by_key(|id| self.action_line_order(id));
        als.dedup();
        let mut sdgs: Vec<u32> = t.sdgs.iter().map(|s| s.value).collect();
        sdgs.sort_unstable();
        sdgs.dedup();
        (
            Value::from(als.into_iter().map(|a| self.action_line_ref(a)).collect::<Vec<_>>()),
            Value::from(sdgs.into_iter().map(|n| self.sdg_ref(n)).collect::<Vec<_>>()),
        )
    }

    pub(super) fn action_line_order(&self, id: &str) -> usize {
        self.m().action_lines.iter().position(|a| a.id == id).unwrap_or(usize::MAX)
    }

    pub(super) fn item(&self, item: Item) -> Value {
        let m = self.m();
        match item {
            Item::Forum(i) => {
                let f = &m.forums[i];
                obj! { "kind" => self.t().get("kind_forum"), "lang" => self.text_lang(f.file), "title" => f.title.as_str(), "path" => urls::forum(f.year), "date" => self.date_json(&f.start), "year" => f.year }
            }
            Item::Session(i) => {
                let s = &m.sessions[i];
                obj! { "kind" => self.t().get("kind_session"), "lang" => self.text_lang(s.file), "title" => s.title.as_str(), "path" => urls::session(s.year, &s.slug), "date" => self.session_date_json(i), "year" => s.year }
            }
            Item::Ungis(i) => {
                let u = &m.ungis[i];
                obj! { "kind" => self.t().get("kind_ungis"), "lang" => self.text_lang(u.file), "title" => u.title.as_str(), "path" => urls::ungis(&u.slug), "date" => self.period_json(&u.date, u.date_end), "year" => u.date.year }
            }
            Item::Page(i) => {
                let p = &m.pages[i];
                obj! { "kind" => self.t().get("kind_page"), "lang" => self.text_lang(p.file), "title" => p.title.as_str(), "path" => urls::page(&p.slug), "date" => Value::none(), "year" => Value::none() }
            }
            Item::Roadmap(i) => {
                let r = &m.roadmaps[i];
                obj! { "kind" => self.t().get("kind_roadmap"), "lang" => self.text_lang(r.file), "title" => r.title.as_str(), "path" => urls::roadmap(&r.slug), "date" => self.opt_date_json(&r.updated), "year" => r.updated.map(|d| d.year) }
            }
        }
    }

    pub(super) fn items(&self, items: &[Item]) -> Value {
        Value::from(items.iter().map(|i| self.item(*i)).collect::<Vec<_>>())
    }

    pub(super) fn forum_summary(&self, f: &Forum) -> Value {
        obj! {
            "year" => f.year,
            "title" => f.title.as_str(),
            "lang" => self.text_lang(f.file),
            "theme" => f.theme.as_deref(),
            "dates" => self.lang.locale.range(f.start, f.end),
            "start" => self.date_json(&f.start),
            "venue" => f.venue.as_deref(),
            "format" => value(&f.format),
            "path" => urls::forum(f.year),
            "brief" => urls::brief(f.year),
            "brief_pdf" => self.pdf_briefs.then(|| crate::plan::brief_pdf(self.site_cfg, f.year, self.lang.index)),
            "key_figures" => self.key_figures(f),
            "planned" => f.status.is_some_and(|s| s != SourceStatus::Outcome),
            "status" => self.status_text(f),
            "status_note" => self.status_note(f),
        }
    }

    /// What a forum's sources are, as its page and brief say it:
    /// "Announcement, as of 22 January 2021"; `None` when the file does
    /// not say.
    pub(super) fn status_text(&self, f: &Forum) -> Option<String> {
        let status = self.t().get(&format!("status.{}", f.status?.spelling())).to_string();
        Some(match f.as_of {
            Some(d) => self.t().fill("status_as_of", &[("status", &status), ("date", &self.lang.locale.date(d))]),
            None => status,
        })
    }

    /// For a forum known from sources written before it, what that means
    /// for its figures.
    pub(super) fn status_note(&self, f: &Forum) -> Option<&'a str> {
        let status = f.status.filter(|s| *s != SourceStatus::Outcome)?;
        Some(self.t().get(&format!("status_note.{}", status.spelling())))
    }

    pub(super) fn session_summary(&self, i: usize) -> Value {
        let s = &self.m().sessions[i];
        obj! {
            "title" => s.title.as_str(),
            "lang" => self.text_lang(s.file),
            "path" => urls::session(s.year, &s.slug),
            "date" => self.session_date_json(i),
            "time" => s.time.as_deref(),
        }
    }

    pub(super) fn ungis_summary(&self, u: &Ungis) -> Value {
        obj! { "title" => u.title.as_str(), "lang" => self.text_lang(u.file), "path" => urls::ungis(&u.slug), "date" => self.period_json(&u.date, u.date_end), "time" => u.time.as_deref(), "kind" => self.t().get(&format!("ungis.{}", u.kind.spelling())) }
    }

    pub(super) fn action_line_json(&self, a: &ActionLine) -> Value {
        let count = self.l.index.by_action_line.get(&a.id).map_or(0, Vec::len);
        obj! { "id" => a.id.as_str(), "title" => a.title.as_str(), "parent" => a.parent.as_deref(), "lead" => texts(&a.lead), "co" => texts(&a.co), "path" => urls::action_line(&a.id), "count" => count }
    }

    pub(super) fn sdg_json(&self, s: &Sdg) -> Value {
        let count = self.l.index.by_sdg.get(&s.number).map_or(0, Vec::len);
        obj! { "number" => s.number, "title" => s.title.as_str(), "color" => s.color.as_str(), "path" => urls::sdg(s.number), "count" => count }
    }
}

/// An Action Line as a printed document names it: its number and title
/// ("C5 Building confidence..."), a sub-line by its parent's number ("C7
/// E-learning", not the site's internal "C7-e-learning").
pub(super) fn action_line_label(a: &ActionLine) -> String {
    format!("{} {}", a.parent.as_deref().unwrap_or(&a.id), a.title)
}
