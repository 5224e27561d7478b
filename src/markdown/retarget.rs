//! A body rendered for its page, shown elsewhere (a brief) without parsing
//! it again: its `@/` links resolved anew and its heading ids claimed anew.

use super::{ids, internal_href, Mark, Marked};

/// `html`, a body rendered for one page with `marks`, as [`render`] writes
/// it with `id_prefix` and `resolve` (as a brief shows it, `root` empty),
/// without parsing it again: each `@/` link's address resolved anew and
/// each heading's id claimed anew with the prefix. `None` when a mark is not
/// where it should be.
pub fn retarget(
    html: &str,
    marks: &[Mark],
    id_prefix: &str,
    resolve: &dyn Fn(&str) -> Result<String, String>,
) -> Option<String> {
    let mut out = String::with_capacity(html.len() + marks.len() * 16);
    let mut taken = ids::Taken::default();
    let mut done = 0;
    for mark in marks {
        let tag = html.get(mark.at..)?;
        let (at, opening, value) = match &mark.what {
            Marked::Link(target) | Marked::Picture(target, _) => {
                let mut url = internal_href(target, "", resolve).unwrap_or_else(|_| "#".to_string());
                if let Marked::Picture(_, Some(web)) = &mark.what {
                    if let Some(prefix) = url.strip_suffix(target.as_str()) {
                        url = format!("{prefix}{web}");
                    }
                }
                let mut escaped = String::new();
                pulldown_cmark_escape::escape_href(&mut escaped, &url).ok()?;
                let opening = ["<a href=\"", "<img src=\""].into_iter().find(|o| tag.starts_with(o))?;
                (mark.at, opening.len(), escaped)
            }
            Marked::Heading(own) => {
                let id = taken.claim(format!("{id_prefix}{own}"));
                let mut escaped = String::new();
                pulldown_cmark_escape::escape_html(&mut escaped, &id).ok()?;
                let open = tag.strip_prefix('\n').unwrap_or(tag);
                let skipped = tag.len() - open.len();
                let id_at = open[..open.find('>')?].find(" id=\"")?;
                (mark.at + skipped + id_at, " id=\"".len(), escaped)
            }
        };
        let start = at + opening;
        let end = start + html.get(start..)?.find('"')?;
        out.push_str(html.get(done..start)?);
        out.push_str(&value);
        done = end;
    }
    out.push_str(&html[done..]);
    Some(out)
}
