//! The data of the pages that are not a forum's: home, a session, a UNGIS
//! activity, a roadmap, an action line, an SDG, the matrix and the feed.

use super::values::{people, texts, value};
use super::Contexts;
use crate::chart::{Bar, Chart};
use crate::link::Item;
use crate::model::*;
use crate::urls;
use tera::Value;

impl<'a> Contexts<'a> {
    pub(super) fn home(&self) -> Value {
        let m = self.m();
        // The latest forum whose sources report its outcomes; a later one
        // known only from an announcement or programme is named apart.
        let is_outcome = |f: &&Forum| f.status.is_none_or(|s| s == SourceStatus::Outcome);
        let latest = m.forums.iter().rev().find(is_outcome).map(|f| self.forum_summary(f));
        let announced = m.forums.last().filter(|f| !is_outcome(f)).map(|f| self.forum_summary(f));
        let mut recent: Vec<usize> = (0..m.sessions.len()).collect();
        let key = |i: &usize| (m.sessions[*i].date.value, &m.sessions[*i].title);
        recent.sort_by(|a, b| (key(b).0, key(a).1).cmp(&(key(a).0, key(b).1)));
        let recent: Vec<Value> = recent.iter().take(6).map(|i| self.session_summary(*i)).collect();
        obj! { "forums" => self.forums_desc.clone(), "latest" => latest, "announced" => announced, "recent_sessions" => recent, "action_lines" => self.action_lines.clone(), "sdgs" => self.sdgs.clone() }
    }

    pub(super) fn session(&self, i: usize, forum_title: &str) -> Value {
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
        let session = obj! {
            "title" => s.title.as_str(),
            "date" => self.session_date_json(i),
            "time" => s.time.as_deref(),
            "facilitators" => people(&s.facilitators),
            "speakers" => people(&s.speakers),
            "action_lines" => als,
            "sdgs" => sdgs,
            "body" => &*s.body.html,
            "has_body" => !s.body.html.is_empty(),
            "forum" => obj! { "title" => forum_title, "path" => urls::forum(s.year), "year" => s.year },
        };
        obj! { "session" => session, "prev" => prev, "next" => next }
    }

    pub(super) fn ungis(&self, i: usize) -> Value {
        let m = self.m();
        let u = &m.ungis[i];
        let (als, sdgs) = self.tags(&u.tags);
        let forum = u
            .forum
            .as_ref()
            .and_then(|y| m.forums.iter().find(|f| f.year == y.value))
            .map(|f| obj! { "title" => f.title.as_str(), "path" => urls::forum(f.year) });
        obj! { "activity" => obj! {
            "title" => u.title.as_str(), "kind" => self.t().get(&format!("ungis.{}", u.kind.spelling())), "date" => self.period_json(&u.date, u.date_end), "time" => u.time.as_deref(), "chair" => u.chair.as_deref(),
            "url" => u.url.as_deref(), "forum" => forum, "action_lines" => als, "sdgs" => sdgs, "body" => &*u.body.html, "has_body" => !u.body.html.is_empty(),
        }}
    }

    pub(super) fn roadmap(&self, i: usize) -> Value {
        let r = &self.m().roadmaps[i];
        let activities: Vec<Value> = r
            .activities
            .iter()
            .map(|a| {
                let mut sdgs: Vec<u32> = a.sdgs.iter().map(|s| s.value).collect();
                sdgs.sort_unstable();
                sdgs.dedup();
                let sdgs: Vec<Value> = sdgs.into_iter().map(|n| self.sdg_ref(n)).collect();
                obj! { "title" => a.title.as_str(), "timeframe" => a.timeframe.as_deref(), "expected_results" => a.expected_results.as_deref(), "partners" => texts(&a.partners), "sdgs" => sdgs }
            })
            .collect();
        obj! { "roadmap" => obj! {
            "title" => r.title.as_str(), "action_line" => self.action_line_ref(&r.action_line.value), "facilitator" => r.facilitator.as_deref(),
            "updated" => self.opt_date_json(&r.updated), "activities" => activities, "body" => &*r.body.html, "has_body" => !r.body.html.is_empty(),
        }}
    }

    pub(super) fn sdg(&self, s: &Sdg) -> Value {
        let l = self.l;
        let all = l.index.by_sdg.get(&s.number).map(Vec::as_slice).unwrap_or_default();
        let items = self.items(super::listing::page_of(all, 1));
        let pager = self.pager(&urls::sdg(s.number), all.len(), 1);
        let connected: Vec<Value> = self
            .m()
            .action_lines
            .iter()
            .filter_map(|a| {
                let n = l.index.matrix.get(&(a.id.clone(), s.number))?.len();
                Some(obj! { "action_line" => self.action_line_ref(&a.id), "count" => n, "path" => format!("{}#sdg-{}", urls::action_line(&a.id), s.number) })
            })
            .collect();
        let chart =
            self.by_year_chart(&format!("SDG {}: items by forum year", s.number), l.index.by_sdg.get(&s.number));
        obj! { "sdg" => self.sdg_json(s), "items" => items, "pager" => pager, "action_lines" => connected, "chart" => value(&chart) }
    }

    pub(super) fn matrix(&self) -> Value {
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
                        obj! { "sdg" => s.number, "color" => s.color.as_str(), "count" => n, "level" => level, "path" => format!("{}#sdg-{}", urls::action_line(&a.id), s.number) }
                    })
                    .collect();
                obj! { "action_line" => self.action_line_ref(&a.id), "cells" => cells }
            })
            .collect();
        obj! { "sdgs" => self.sdgs.clone(), "rows" => rows }
    }

    /// Items per forum year, for an action line's or an SDG's page.
    pub(super) fn by_year_chart(&self, title: &str, items: Option<&Vec<Item>>) -> Option<Chart> {
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

    pub(super) fn action_line(&self, a: &ActionLine) -> Value {
        let m = self.m();
        let l = self.l;
        let all = l.index.by_action_line.get(&a.id).map(Vec::as_slice).unwrap_or_default();
        let items = self.items(super::listing::page_of(all, 1));
        let pager = self.pager(&urls::action_line(&a.id), all.len(), 1);
        let paged = !pager.is_none();
        const GROUP_SHOWN: usize = 10;
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
            .map(|r| obj! { "title" => r.title.as_str(), "lang" => self.text_lang(r.file), "path" => urls::roadmap(&r.slug) })
            .collect();
        let by_sdg: Vec<Value> = m
            .sdgs
            .iter()
            .filter_map(|s| {
                // When the listing above runs over pages, each goal's group
                // shows its first few, and says how many more the listing holds.
                let items = l.index.matrix.get(&(a.id.clone(), s.number))?;
                let shown = if paged { &items[..items.len().min(GROUP_SHOWN)] } else { items };
                let more = items.len() - shown.len();
                Some(obj! { "sdg" => self.sdg_ref(s.number), "items" => self.items(shown), "more" => more })
            })
            .collect();
        let chart = self.by_year_chart(&format!("{}: items by forum year", a.id), l.index.by_action_line.get(&a.id));
        obj! { "action_line" => self.action_line_json(a), "parent" => parent, "children" => children, "roadmaps" => roadmaps, "items" => items, "pager" => pager, "by_sdg" => by_sdg, "chart" => value(&chart) }
    }

    pub(super) fn feed(&self) -> Value {
        let site = self.site_cfg;
        let m = self.m();
        let mut entries: Vec<(crate::date::Date, String, Value)> = Vec::new();
        let mut add = |date: crate::date::Date, id: String, title: &str, path: String, summary: Option<&str>| {
            let entry = obj! { "id" => id.as_str(), "title" => title, "path" => path, "updated" => format!("{}T00:00:00Z", date.first_day().iso()), "summary" => summary };
            entries.push((date, id, entry));
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
        entries.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        entries.truncate(50);
        let updated = entries
            .first()
            .map_or_else(|| "2000-01-01T00:00:00Z".to_string(), |e| format!("{}T00:00:00Z", e.0.first_day().iso()));
        // Entry ids never change with the address the site is published
        // at (adding `base_url` must not make every entry new to readers).
        let mut id_base = format!("urn:wsis-site:{}:", crate::markdown::slugify(&site.title));
        if self.lang.index > 0 {
            id_base = format!("{id_base}{}:", self.lang.code);
        }
        obj! { "entries" => entries.into_iter().map(|e| e.2).collect::<Vec<_>>(), "updated" => updated, "id_base" => id_base, "base_url" => site.base_url.as_deref() }
    }
}
