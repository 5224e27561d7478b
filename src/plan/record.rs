//! The plan's record of what each page shows of the sessions' listing
//! fields (title, date, time, tags: what a listing says of a session),
//! written as the pages are planned. `serve` reads it to rewrite, after an
//! edit that changes those fields, exactly the pages whose record names
//! the session before or after the edit.

use crate::model::Model;

/// Whose listing fields a page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lists {
    /// No session's: the page of one UNGIS activity, roadmap or free page,
    /// their indexes, a brief (written with every edit of its forum
    /// anyway), the search page, the open data of one kind.
    Nothing,
    /// The sessions of the forum of this year: the forum's page and its
    /// listing pages, and each of its sessions' pages (their neighbours).
    Forum(u32),
    /// The sessions tagged with the action line of this index: its page
    /// and listing pages.
    ActionLine(usize),
    /// The sessions tagged with the goal of this index.
    Sdg(usize),
    /// Any session's: the home page's recent sessions, the feed, the counts
    /// of the forums', action lines', goals' and matrix pages and of the
    /// matrix's open data, the sitemap (a listing's page count).
    Any,
}

/// Which listings name a session: its forum's year and its tags, as
/// indices into the model's action lines and goals. A sub-line's parent
/// counts it (its page shows how many items each sub-line has), so a
/// session tagged with a sub-line is named by its parent's pages too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placing {
    year: u32,
    action_lines: Vec<usize>,
    sdgs: Vec<usize>,
}

impl Placing {
    /// Where session `i` of `m` is listed.
    pub fn of_session(m: &Model, i: usize) -> Placing {
        let s = &m.sessions[i];
        let index_of = |id: &str| m.action_lines.iter().position(|x| x.id == id);
        let mut action_lines: Vec<usize> = s.tags.action_lines.iter().filter_map(|a| index_of(&a.value)).collect();
        let parents: Vec<usize> =
            action_lines.iter().filter_map(|&i| m.action_lines[i].parent.as_deref().and_then(index_of)).collect();
        action_lines.extend(parents);
        let sdgs = s.tags.sdgs.iter().filter_map(|g| m.sdgs.iter().position(|x| x.number == g.value)).collect();
        Placing { year: s.year, action_lines, sdgs }
    }
}

impl Lists {
    /// Whether a page with this record shows a session placed so.
    pub fn names(self, placing: &Placing) -> bool {
        match self {
            Lists::Nothing => false,
            Lists::Forum(year) => placing.year == year,
            Lists::ActionLine(i) => placing.action_lines.contains(&i),
            Lists::Sdg(i) => placing.sdgs.contains(&i),
            Lists::Any => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_is_named_by_its_forum_its_tags_and_the_site_wide_pages_alone() {
        let placing = Placing { year: 2020, action_lines: vec![1], sdgs: vec![0, 2] };
        let named = [Lists::Forum(2020), Lists::ActionLine(1), Lists::Sdg(0), Lists::Sdg(2), Lists::Any];
        let not_named = [Lists::Forum(2019), Lists::ActionLine(0), Lists::Sdg(1), Lists::Nothing];
        assert!(named.iter().all(|l| l.names(&placing)), "{named:?}");
        assert!(!not_named.iter().any(|l| l.names(&placing)), "{not_named:?}");
    }
}
