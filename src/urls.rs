//! Where each entity is written in the output, and how to get there from
//! another page. Every URL is relative and names `index.html` explicitly,
//! so the site works from any sub-path of a host and from file://.

/// `forums/2020/index.html`.
pub fn forum(year: u32) -> String {
    format!("forums/{year}/index.html")
}

/// A forum's printable brief, as a page and as a PDF beside it.
pub fn brief(year: u32) -> String {
    format!("forums/{year}/brief/index.html")
}

pub fn brief_pdf(year: u32) -> String {
    format!("forums/{year}/brief.pdf")
}

pub fn session(year: u32, slug: &str) -> String {
    format!("forums/{year}/hlt/{slug}/index.html")
}

pub fn ungis(slug: &str) -> String {
    format!("ungis/{slug}/index.html")
}

pub fn roadmap(slug: &str) -> String {
    format!("roadmaps/{slug}/index.html")
}

pub fn page(slug: &str) -> String {
    format!("pages/{slug}/index.html")
}

pub fn action_line(id: &str) -> String {
    format!("action-lines/{}/index.html", id.to_ascii_lowercase())
}

pub fn sdg(number: u32) -> String {
    format!("sdgs/{number}/index.html")
}

/// The prefix that leads from the page at `path` back to the site root.
/// Page `number` (2 and up) of the listing whose first page is `first`
/// (`sdgs/4/index.html` -> `sdgs/4/page/2/index.html`).
pub fn listing_page(first: &str, number: usize) -> String {
    if number <= 1 {
        return first.to_string();
    }
    let folder = first.strip_suffix("index.html").unwrap_or(first);
    format!("{folder}page/{number}/index.html")
}

pub fn root_prefix(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_prefix_matches_depth() {
        assert_eq!(root_prefix("index.html"), "");
        assert_eq!(root_prefix(&forum(2020)), "../../");
        assert_eq!(root_prefix(&session(2020, "x")), "../../../../");
        assert_eq!(action_line("C7-e-health"), "action-lines/c7-e-health/index.html");
    }
}
