//! Cross-references between documents: every action line id, SDG number
//! and forum year must exist, and a session must fall within its forum.
//! Also builds the indexes of what names what.

use super::{Index, Item};
use crate::diagnostics::Code;
use crate::diagnostics::{nearest, Diagnostic, Diagnostics};
use crate::model::{At, Model, Tags};
use crate::source::Span;
use std::collections::{BTreeMap, BTreeSet};

struct Known<'a> {
    model: &'a Model,
    action_lines: BTreeSet<&'a str>,
    sdgs: BTreeSet<u32>,
}

impl Known<'_> {
    fn error(&self, file: usize, span: Span, code: Code, message: String) -> Diagnostic {
        Diagnostic::error(&self.model.files[file], span, code, message)
    }

    fn check_action_line(&self, file: usize, id: &At<String>, diags: &mut Diagnostics) {
        if self.model.unread_action_lines || self.action_lines.contains(id.value.as_str()) {
            return;
        }
        let mut d = self.error(
            file,
            id.span,
            Code::UnknownActionLine,
            format!("`{}` is not an action line in action-lines.yaml", id.value),
        );
        if let Some(near) = nearest(&id.value, self.action_lines.iter().copied()) {
            d = d.with_help(format!("did you mean `{near}`?"));
        } else {
            d = d.with_help("action lines are C1 to C11, C7 and the C7 sub-lines such as C7-e-health");
        }
        diags.push(d);
    }

    fn check_sdg(&self, file: usize, n: &At<u32>, diags: &mut Diagnostics) {
        if !self.model.unread_sdgs && !self.sdgs.contains(&n.value) {
            let d = self.error(file, n.span, Code::UnknownSdg, format!("SDG {} is not in sdgs.yaml", n.value));
            diags.push(d.with_help("the Sustainable Development Goals are numbered 1 to 17"));
        }
    }

    fn check_tags(&self, file: usize, tags: &Tags, diags: &mut Diagnostics) {
        for id in &tags.action_lines {
            self.check_action_line(file, id, diags);
        }
        for n in &tags.sdgs {
            self.check_sdg(file, n, diags);
        }
    }
}

/// Reports every reference that does not resolve.
pub fn check(model: &Model, diags: &mut Diagnostics) {
    let known = Known {
        model,
        action_lines: model.declared_action_lines.iter().map(String::as_str).collect(),
        sdgs: model.declared_sdgs.clone(),
    };
    let forums: BTreeMap<u32, &crate::model::Forum> = model.forums.iter().map(|f| (f.year, f)).collect();
    let forum_years = || forums.keys().map(|y| y.to_string()).collect::<Vec<_>>().join(", ");
    // A forum file that exists but has its own errors (or could not be
    // read) is not missing: what refers to it is not a second mistake.
    let failed: std::collections::BTreeSet<&str> = model.invalid.iter().map(|(p, _)| p.as_str()).collect();
    let forum_failed = |year: u32| failed.contains(format!("forums/{year}/forum.md").as_str());
    for f in &model.forums {
        known.check_tags(f.file, &f.tags, diags);
    }
    for s in &model.sessions {
        known.check_tags(s.file, &s.tags, diags);
        match forums.get(&s.year) {
            None => {
                let file = &model.files[s.file];
                if !forum_failed(s.year) {
                    diags.push(
                        known
                            .error(
                                s.file,
                                Span::new(1, 1, 3),
                                Code::MissingForum,
                                format!("this session is in `forums/{}/`, which has no forum.md", s.year),
                            )
                            .with_help(format!(
                                "add `{}/forums/{}/forum.md`",
                                file.display_path.split('/').next().unwrap_or("content"),
                                s.year
                            )),
                    );
                }
            }
            Some(forum) => {
                let date = s.date.value;
                let last = s.date_end.unwrap_or(date);
                if date.first_day() < forum.start.first_day() || last.last_day() > forum.end.last_day() {
                    diags.push(
                        known
                            .error(
                                s.file,
                                s.date.span,
                                Code::DateOutsideForum,
                                format!("{date} is outside {} ({} to {})", forum.title, forum.start, forum.end),
                            )
                            .with_help("a High-Level Track session's date falls within its forum's start..end"),
                    );
                }
            }
        }
    }
    let mut check_forum = |file: usize, year: &Option<At<u32>>| {
        let Some(year) = year else { return };
        if !forums.contains_key(&year.value) && !forum_failed(year.value) {
            diags.push(
                known
                    .error(
                        file,
                        year.span,
                        Code::UnknownForum,
                        format!("there is no forum {} in content/forums/", year.value),
                    )
                    .with_help(format!("forums: {}", forum_years())),
            );
        }
    };
    for u in &model.ungis {
        check_forum(u.file, &u.forum);
    }
    for p in &model.pages {
        check_forum(p.file, &p.forum);
    }
    for u in &model.ungis {
        known.check_tags(u.file, &u.tags, diags);
    }
    for p in &model.pages {
        known.check_tags(p.file, &p.tags, diags);
    }
    for r in &model.roadmaps {
        known.check_action_line(r.file, &r.action_line, diags);
        for a in &r.activities {
            for n in &a.sdgs {
                known.check_sdg(r.file, n, diags);
            }
        }
    }
}

/// Builds the indexes; call after `check` (unknown ids are simply skipped).
pub fn build_index(model: &Model) -> Index {
    let mut index = Index::default();
    let mut name = |item: Item, action_lines: Vec<&str>, sdgs: Vec<u32>| {
        let action_lines: BTreeSet<&str> = action_lines.into_iter().collect();
        let sdgs: BTreeSet<u32> = sdgs.into_iter().collect();
        for a in &action_lines {
            index.by_action_line.entry(a.to_string()).or_default().push(item);
            for s in &sdgs {
                index.matrix.entry((a.to_string(), *s)).or_default().push(item);
            }
        }
        for s in &sdgs {
            index.by_sdg.entry(*s).or_default().push(item);
        }
    };
    fn tag_lists(t: &Tags) -> (Vec<&str>, Vec<u32>) {
        (t.action_lines.iter().map(|a| a.value.as_str()).collect(), t.sdgs.iter().map(|s| s.value).collect())
    }
    for (i, f) in model.forums.iter().enumerate() {
        let (a, s) = tag_lists(&f.tags);
        name(Item::Forum(i), a, s);
    }
    for (i, x) in model.sessions.iter().enumerate() {
        let (a, s) = tag_lists(&x.tags);
        name(Item::Session(i), a, s);
    }
    for (i, x) in model.ungis.iter().enumerate() {
        let (a, s) = tag_lists(&x.tags);
        name(Item::Ungis(i), a, s);
    }
    for (i, r) in model.roadmaps.iter().enumerate() {
        let sdgs = r.activities.iter().flat_map(|a| a.sdgs.iter().map(|s| s.value)).collect();
        name(Item::Roadmap(i), vec![r.action_line.value.as_str()], sdgs);
    }
    for (i, p) in model.pages.iter().enumerate() {
        let (a, s) = tag_lists(&p.tags);
        name(Item::Page(i), a, s);
    }
    for (i, s) in model.sessions.iter().enumerate() {
        index.sessions_by_year.entry(s.year).or_default().push(i);
    }
    for (i, u) in model.ungis.iter().enumerate() {
        let year = u.forum.as_ref().map_or(u.date.year, |f| f.value);
        index.ungis_by_year.entry(year).or_default().push(i);
    }
    index
}
