//! The data of a forum: its page, and the sections its page and its briefs
//! both show, each built once from the model's typed values.

use super::values::{people, value};
use super::Contexts;
use crate::chart::{Bar, Chart};
use crate::model::*;
use crate::urls;
use tera::value::Key;
use tera::{Map, Value};

/// How many items name each action line and each SDG.
pub(super) type Coverage<'a> = (Vec<(&'a ActionLine, u64)>, Vec<(&'a Sdg, u64)>);

impl<'a> Contexts<'a> {
    /// A forum's page: its summary and sections, its sessions and UNGIS
    /// activities, and the forums before and after it.
    pub(super) fn forum(&self, i: usize) -> Value {
        let m = self.m();
        let f = &m.forums[i];
        let index = &self.l.index;
        let all_sessions = index.sessions_by_year.get(&f.year).map(Vec::as_slice).unwrap_or_default();
        let sessions: Vec<Value> =
            super::listing::page_of(all_sessions, 1).iter().map(|j| self.session_summary(*j)).collect();
        let ungis: Vec<Value> =
            index.ungis_by_year.get(&f.year).into_iter().flatten().map(|j| self.ungis_summary(&m.ungis[*j])).collect();
        let neighbour = |x: &Forum| obj! { "title" => x.title.as_str(), "path" => urls::forum(x.year) };
        let prev = i.checked_sub(1).and_then(|j| m.forums.get(j)).map(neighbour);
        let next = m.forums.get(i + 1).map(neighbour);
        let mut map = self.forum_summary(f).into_map().unwrap_or_default();
        let (als, sdgs) = self.tags(&f.tags);
        let (al_chart, sdg_chart) = self.coverage_charts(f);
        map.extend(self.forum_sections(f));
        map.insert(Key::from("end"), self.date_json(&f.end));
        // A chart whose bars are all equal says nothing a list does not.
        let (al_even, sdg_even) = (self.even_coverage(al_chart.as_ref()), self.even_coverage(sdg_chart.as_ref()));
        map.insert(Key::from("coverage_action_lines"), value(&al_chart.filter(|_| al_even.is_none())));
        map.insert(Key::from("coverage_sdgs"), value(&sdg_chart.filter(|_| sdg_even.is_none())));
        map.insert(Key::from("coverage_action_lines_even"), al_even.into());
        map.insert(Key::from("coverage_sdgs_even"), sdg_even.into());
        map.insert(Key::from("action_lines"), als);
        map.insert(Key::from("sdgs"), sdgs);
        map.insert(Key::from("body"), (&*f.body.html).into());
        map.insert(Key::from("has_body"), (!f.body.html.is_empty()).into());
        let summary = Value::from(map);
        let pager = self.pager(&urls::forum(f.year), all_sessions.len(), 1);
        obj! { "forum" => summary, "sessions" => sessions, "pager" => pager, "ungis" => ungis, "prev" => prev, "next" => next }
    }

    /// The sections of a forum that its page and its briefs both show.
    pub(super) fn forum_sections(&self, f: &Forum) -> Map {
        let mut map = Map::new();
        map.insert(Key::from("format_label"), self.format_label(f).into());
        map.insert(Key::from("prize_phases"), self.prize_phases(f));
        map.insert(Key::from("distributions"), self.distributions(f));
        map.insert(Key::from("special_tracks"), value(&f.special_tracks));
        map.insert(Key::from("consultation"), self.consultation(f));
        map.insert(Key::from("hlt_facilitators"), people(&f.hlt_facilitators));
        map.insert(Key::from("publications"), self.publications(f));
        map.insert(Key::from("quotes"), value(&f.quotes));
        map.insert(Key::from("sources"), value(&f.sources));
        // Each note with the original's language where a translation
        // leaves it in the original's words.
        let notes: Vec<Value> = (f.source_notes.iter().enumerate())
            .map(|(i, n)| obj! { "text" => n.as_str(), "lang" => self.item_lang(f.file, "source_notes", i) })
            .collect();
        map.insert(Key::from("source_notes"), Value::from(notes));
        map.insert(Key::from("regional_events"), self.regional_events(f));
        map.insert(Key::from("prizes"), self.prizes(f));
        // Each list a translation gives item by item (key figures are not
        // among these sections: `key_figures` marks them).
        for (key, _, _) in crate::validate::forum::TRANSLATABLE_LISTS {
            if let Some(list) = map.get_mut(&Key::from(*key)) {
                *list = self.mark_items(f, key, std::mem::replace(list, Value::none()));
            }
        }
        map
    }

    /// `list` (a forum's list `key`) with each item's `lang`: the
    /// original's where a translation leaves it in the original's words.
    pub(super) fn mark_items(&self, f: &Forum, key: &'static str, list: Value) -> Value {
        let Some(items) = list.as_array() else { return list };
        let marked: Vec<Value> = items
            .iter()
            .enumerate()
            .map(|(i, item)| match item.as_map() {
                Some(map) => {
                    let mut map = map.clone();
                    map.insert(Key::from("lang"), self.item_lang(f.file, key, i).into());
                    Value::from(map)
                }
                None => item.clone(),
            })
            .collect();
        Value::from(marked)
    }

    /// How many of a forum year's items (the forum, its sessions, its UNGIS
    /// activities) name each action line and each SDG, as bar charts.
    pub(super) fn coverage_charts(&self, f: &Forum) -> (Option<Chart>, Option<Chart>) {
        let (als, sdgs) = self.coverage_counts(f);
        let al_bars: Vec<Bar> = als
            .iter()
            .map(|(a, n)| Bar { label: super::values::action_line_label(a), value: *n, color: None, text: None })
            .collect();
        let sdg_bars: Vec<Bar> = sdgs
            .iter()
            .map(|(s, n)| Bar {
                label: format!("{} {} {}", self.t().get("sdg_short"), s.number, s.title),
                value: *n,
                color: Some(s.color.clone()),
                text: None,
            })
            .collect();
        let title = |key: &str| self.t().fill(key, &[("title", &f.title)]);
        (
            Chart::bars("coverage-al", &title("chart_coverage_action_lines"), al_bars),
            Chart::bars("coverage-sdg", &title("chart_coverage_sdgs"), sdg_bars),
        )
    }

    /// When every bar of a coverage chart is equal (each Action Line named
    /// once, say): what they share, "Each is named by one of this forum's
    /// items:", and their labels, to show as a list instead.
    pub(super) fn even_coverage(&self, chart: Option<&Chart>) -> Option<Value> {
        let bars = &chart?.bars;
        let n = bars.first()?.value;
        if bars.len() < 2 || bars.iter().any(|b| b.value != n) {
            return None;
        }
        let category = crate::plurals::Plurals::new(&self.lang.code).map_or("other", |p| p.category(n));
        let text = self.t().plural("coverage_each", category, &self.lang.locale.number(n)).unwrap_or_default();
        let items: Vec<Value> = bars.iter().map(|b| b.label.as_str().into()).collect();
        Some(obj! { "text" => text, "items" => items })
    }

    /// How many of a forum year's items name each action line and SDG.
    pub(super) fn coverage_counts(&self, f: &Forum) -> Coverage<'a> {
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
}

impl<'a> Contexts<'a> {
    /// The format, unless the venue already says it ("Virtual").
    pub(super) fn format_label(&self, f: &Forum) -> Option<&'a str> {
        let said = |label: &str| f.venue.as_deref().is_some_and(|v| v.eq_ignore_ascii_case(label));
        // The venue is compared with the English label, as editors write it.
        let format = f.format.filter(|x| !said(x.label()))?;
        Some(self.t().get(&format!("format.{}", format.spelling())))
    }

    fn prize_phases(&self, f: &Forum) -> Value {
        let phases: Vec<Value> = f
            .prize_phases
            .iter()
            .map(|x| {
                let dates = match (x.start, x.end) {
                    (Some(s), Some(e)) => Some(self.lang.locale.range(s, e)),
                    (Some(d), None) | (None, Some(d)) => Some(self.lang.locale.date(d)),
                    (None, None) => None,
                };
                obj! { "phase" => x.phase.as_str(), "title" => x.title.as_str(), "dates" => dates }
            })
            .collect();
        Value::from(phases)
    }

    /// A part's value as read: "55%" ("55 %" in French, as CLDR writes
    /// it) or "1,800", in the reader's digits.
    fn part_text(&self, unit: Unit, value: u64) -> String {
        match unit {
            Unit::Percent => self.t().fill("percent", &[("n", &self.lang.locale.number(value))]),
            Unit::Count => self.lang.locale.number(value),
        }
    }

    /// Each distribution with its parts, their shares and its chart.
    fn distributions(&self, f: &Forum) -> Value {
        let all: Vec<Value> = f
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
                    obj! { "label" => x.label.as_str(), "value" => x.value, "text" => self.part_text(d.unit, x.value), "share" => share }
                })
                .collect();
            let bars: Vec<Bar> = d
                .parts
                .iter()
                .map(|x| Bar {
                    label: x.label.clone(),
                    value: x.value,
                    color: None,
                    text: Some(self.part_text(d.unit, x.value)),
                })
                .collect();
            let id = format!("distribution-{n}");
            let chart = match d.unit {
                Unit::Percent => Chart::shares(&id, &d.title, bars),
                Unit::Count => Chart::bars(&id, &d.title, bars),
            };
            obj! { "title" => d.title.as_str(), "unit" => value(&d.unit), "parts" => parts, "chart" => value(&chart) }
        })
        .collect();
        Value::from(all)
    }

    fn consultation(&self, f: &Forum) -> Value {
        let phases: Vec<Value> = f
            .consultation
            .iter()
            .map(|c| obj! { "phase" => c.phase.as_str(), "title" => c.title.as_str(), "date" => self.opt_date_json(&c.date), "time" => c.time.as_deref() })
            .collect();
        Value::from(phases)
    }

    fn regional_events(&self, f: &Forum) -> Value {
        let events: Vec<Value> = f
        .regional_events
        .iter()
        .map(|e| obj! { "title" => e.title.as_str(), "date" => self.opt_date_json(&e.date), "time" => e.time.as_deref(), "organizers" => value(&e.organizers), "url" => e.url.as_deref() })
        .collect();
        Value::from(events)
    }

    fn publications(&self, f: &Forum) -> Value {
        let all: Vec<Value> = f
            .publications
            .iter()
            .map(|x| obj! { "title" => x.title.as_str(), "kind" => value(&x.kind), "url" => x.url.as_deref() })
            .collect();
        Value::from(all)
    }

    /// The prize figures the sources give, or null.
    fn prizes(&self, f: &Forum) -> Value {
        let Some(x) = &f.prizes else { return Value::none() };
        let rows: Vec<Value> = [
            ("prizes_submitted", x.submitted),
            ("prizes_nominated", x.nominated),
            ("prizes_winners", x.winners),
            ("prizes_champions", x.champions),
        ]
        .into_iter()
        .filter_map(|(key, v)| v.map(|v| obj! { "label" => self.t().get(key), "text" => self.lang.locale.number(v) }))
        .collect();
        Value::from(rows)
    }
}
