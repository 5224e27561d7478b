//! Long listings over numbered pages: which entries a page of a listing
//! shows, the links between its pages (`pager`), and the data of pages 2
//! and up (the first is its owner's page: the forum, action line or SDG).

use super::{Contexts, Crumbs};
use crate::link::Item;
use crate::plan::{listing_pages, Listing, LISTING_PAGE_SIZE};
use crate::urls;
use tera::Value;

/// The entries of page `number` (from 1) of a listing.
pub(super) fn page_of<T>(entries: &[T], number: usize) -> &[T] {
    let start = (number.saturating_sub(1) * LISTING_PAGE_SIZE).min(entries.len());
    &entries[start..(start + LISTING_PAGE_SIZE).min(entries.len())]
}

impl<'a> Contexts<'a> {
    /// The links between the pages of a listing of `entries` whose first
    /// page is `first`, as seen from page `number`; null when it fits on
    /// one page.
    pub(super) fn pager(&self, first: &str, entries: usize, number: usize) -> Value {
        let total = listing_pages(entries);
        if total <= 1 {
            return Value::none();
        }
        let path = |n: usize| urls::listing_page(first, n);
        let pages: Vec<Value> =
            (1..=total).map(|n| obj! { "number" => n, "path" => path(n), "current" => n == number }).collect();
        obj! {
            "number" => number,
            "total" => total,
            "label" => self.t().fill("page_of", &[("page", &number.to_string()), ("total", &total.to_string())]),
            "prev" => (number > 1).then(|| path(number - 1)),
            "next" => (number < total).then(|| path(number + 1)),
            "pages" => pages,
        }
    }

    /// Page `number` (2 and up) of a listing: its title, breadcrumbs (the
    /// last, its owner's page, as title and path) and data (`owner`,
    /// `heading`, `items`, `pager`).
    pub(super) fn listing_page(
        &self,
        listing: Listing,
        number: usize,
    ) -> (String, Crumbs<'a>, (String, String), Value) {
        let m = self.m();
        let t = self.t();
        let index = &self.l.index;
        let home = (t.get("home"), "index.html".to_string());
        // Only this page's entries become data: a listing's page costs the
        // same whatever the listing's length.
        let on_page = |items: &[Item]| -> Vec<Value> { page_of(items, number).iter().map(|i| self.item(*i)).collect() };
        let (owner, lang, first, section, heading, entries, items) = match listing {
            Listing::Forum(i) => {
                let f = &m.forums[i];
                let sessions = index.sessions_by_year.get(&f.year).map(Vec::as_slice).unwrap_or_default();
                let items = page_of(sessions, number).iter().map(|j| self.item(Item::Session(*j))).collect();
                let section = (t.get("forums"), "forums/index.html".to_string());
                let heading = t.get("hlt_sessions");
                (f.title.clone(), self.text_lang(f.file), urls::forum(f.year), section, heading, sessions.len(), items)
            }
            Listing::ActionLine(i) => {
                let a = &m.action_lines[i];
                let section = (t.get("action_lines"), "action-lines/index.html".to_string());
                let all = index.by_action_line.get(&a.id).map(Vec::as_slice).unwrap_or_default();
                let owner = format!("{}{}{}", a.id, t.get("colon"), a.title);
                (owner, None, urls::action_line(&a.id), section, t.get("across_years"), all.len(), on_page(all))
            }
            Listing::Sdg(i) => {
                let s = &m.sdgs[i];
                let section = (t.get("sdgs"), "sdgs/index.html".to_string());
                let all = index.by_sdg.get(&s.number).map(Vec::as_slice).unwrap_or_default();
                let owner = format!("{} {}{}{}", t.get("sdg_short"), s.number, t.get("colon"), s.title);
                (owner, None, urls::sdg(s.number), section, t.get("across_years"), all.len(), on_page(all))
            }
        };
        let pager = self.pager(&first, entries, number);
        let label = pager.get_from_path("label").and_then(Value::as_str).unwrap_or_default();
        let title = format!("{owner} · {label}");
        let data = obj! {
            "owner" => obj! { "title" => owner.as_str(), "path" => first.as_str(), "lang" => lang },
            "heading" => heading,
            "items" => items,
            "pager" => pager,
        };
        (title, vec![home, section], (owner, first), data)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_of_a_listing_hold_each_entry_once() {
        let entries: Vec<usize> = (0..250).collect();
        assert_eq!(page_of(&entries, 1), &entries[..100]);
        assert_eq!(page_of(&entries, 3), &entries[200..]);
        assert!(page_of(&entries, 4).is_empty());
        assert_eq!(listing_pages(250), 3);
        assert_eq!(listing_pages(0), 1, "an empty listing still has its page");
        assert_eq!(urls::listing_page("sdgs/4/index.html", 2), "sdgs/4/page/2/index.html");
        assert_eq!(urls::listing_page("sdgs/4/index.html", 1), "sdgs/4/index.html");
    }
}
