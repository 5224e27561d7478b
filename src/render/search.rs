//! The offline search index: plain `.js` files loaded by script tags, so
//! search works from file:// where `fetch` is blocked.
//!
//! Layout, all under `search/`:
//! - `meta.js`: the shard keys and the number of document chunks;
//! - `docs-N.js`: documents in chunks of `DOCS_PER_CHUNK` (title, kind,
//!   path, snippet), loaded only for the results shown;
//! - `terms-N.js`: for the terms whose first two characters hash to `N`
//!   (at most `MAX_SHARDS` files, fewer on a small site), the documents
//!   whose title (boosted) or text holds them, as base-36 deltas. A query
//!   loads only the shards of its own terms, so a phone never downloads the
//!   whole index, and a Chinese index is as few files as a French one.

use super::terms::PageTerms;
use crate::link::{Item, Linked};
use crate::load::strings::Strings;
use crate::model::{Person, Tags};
use crate::urls;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

pub const DOCS_PER_CHUNK: usize = 500;
const SNIPPET_CHARS: usize = 160;

/// One searchable page.
struct Doc {
    title: String,
    kind: String,
    path: String,
    snippet: String,
    /// Words of the title (boosted), then words of everything else.
    terms: PageTerms,
}

/// The text of some HTML: tags dropped, the entities pulldown-cmark writes
/// decoded, runs of white space folded. One pass.
pub fn html_to_text(html: &str) -> String {
    const ENTITIES: [(&str, char); 5] =
        [("&lt;", '<'), ("&gt;", '>'), ("&quot;", '"'), ("&#39;", '\''), ("&amp;", '&')];
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    let mut in_tag = false;
    let mut space = true;
    while let Some(c) = rest.chars().next() {
        let mut step = c.len_utf8();
        let mut push = None;
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                push = Some(' ');
            }
            _ if in_tag => {}
            '&' => match ENTITIES.iter().find(|(e, _)| rest.starts_with(e)) {
                Some((e, ch)) => {
                    step = e.len();
                    push = Some(*ch);
                }
                None => push = Some('&'),
            },
            c => push = Some(c),
        }
        if let Some(c) = push {
            if c.is_whitespace() {
                if !space {
                    out.push(' ');
                    space = true;
                }
            } else {
                out.push(c);
                space = false;
            }
        }
        rest = &rest[step..];
    }
    out.trim_end().to_string()
}

fn snippet(text: &str) -> String {
    if text.chars().count() <= SNIPPET_CHARS {
        return text.to_string();
    }
    let cut: String = text.chars().take(SNIPPET_CHARS).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{cut}…")
}

fn people_text(list: &[&Person]) -> String {
    list.iter()
        .map(|p| format!("{} {} {}", p.name, p.role.as_deref().unwrap_or(""), p.organization.as_deref().unwrap_or("")))
        .collect::<Vec<_>>()
        .join(" ")
}

fn tags_text(l: &Linked, t: &Tags) -> String {
    let m = &l.model;
    let mut text = String::new();
    for a in &t.action_lines {
        let title = m.action_lines.iter().find(|x| x.id == a.value).map_or("", |x| x.title.as_str());
        let _ = write!(text, " {} {title}", a.value);
    }
    for s in &t.sdgs {
        let title = m.sdgs.iter().find(|x| x.number == s.value).map_or("", |x| x.title.as_str());
        let _ = write!(text, " sdg{0} sdg {0} {title}", s.value);
    }
    text
}

/// A searchable page. Words come from the Markdown source (its markup is
/// not made of words, so it drops out); the snippet from the start of the
/// rendered HTML, which is cheaper than converting the whole body.
fn doc(title: &str, kind: &str, path: String, body: &crate::model::Body, extra: String) -> Doc {
    let head = body.html.char_indices().nth(SNIPPET_CHARS * 3).map_or(&*body.html, |(i, _)| &body.html[..i]);
    let snippet_text = html_to_text(head);
    Doc {
        title: title.to_string(),
        kind: kind.to_string(),
        path,
        snippet: snippet(&snippet_text),
        terms: PageTerms::new(title, &[body.markdown(), &extra]),
    }
}

/// The searchable page of one forum, session, UNGIS activity, roadmap or
/// free page.
fn item_doc(l: &Linked, t: &Strings, item: Item) -> Doc {
    let m = &l.model;
    match item {
        Item::Forum(i) => {
            let f = &m.forums[i];
            let people: Vec<&Person> = f.hlt_facilitators.iter().collect();
            let extra = format!(
                "{} {} {} {}",
                f.theme.as_deref().unwrap_or(""),
                f.venue.as_deref().unwrap_or(""),
                people_text(&people),
                tags_text(l, &f.tags)
            );
            doc(&f.title, t.get("kind_forum"), urls::forum(f.year), &f.body, format!("{extra} {}", f.year))
        }
        Item::Session(i) => {
            let s = &m.sessions[i];
            let people: Vec<&Person> = s.facilitators.iter().chain(&s.speakers).collect();
            let extra = format!("{} {} {}", people_text(&people), tags_text(l, &s.tags), s.year);
            doc(&s.title, t.get("kind_session"), urls::session(s.year, &s.slug), &s.body, extra)
        }
        Item::Ungis(i) => {
            let u = &m.ungis[i];
            let extra = format!("{} {} {}", u.chair.as_deref().unwrap_or(""), tags_text(l, &u.tags), u.date.year);
            doc(&u.title, t.get("kind_ungis"), urls::ungis(&u.slug), &u.body, extra)
        }
        Item::Roadmap(i) => {
            let r = &m.roadmaps[i];
            let extra = format!("{} {}", r.action_line.value, r.facilitator.as_deref().unwrap_or(""));
            doc(&r.title, t.get("kind_roadmap"), urls::roadmap(&r.slug), &r.body, extra)
        }
        Item::Page(i) => {
            let p = &m.pages[i];
            doc(&p.title, t.get("kind_page"), urls::page(&p.slug), &p.body, tags_text(l, &p.tags))
        }
    }
}

/// Every item of the model, in the index's order: forums, sessions, UNGIS
/// activities, roadmaps, pages.
fn items(l: &Linked) -> Vec<Item> {
    let m = &l.model;
    let mut all: Vec<Item> = (0..m.forums.len()).map(Item::Forum).collect();
    all.extend((0..m.sessions.len()).map(Item::Session));
    all.extend((0..m.ungis.len()).map(Item::Ungis));
    all.extend((0..m.roadmaps.len()).map(Item::Roadmap));
    all.extend((0..m.pages.len()).map(Item::Page));
    all
}

fn documents(l: &Linked, t: &Strings) -> Vec<Doc> {
    let m = &l.model;
    let mut docs: Vec<Doc> = items(l).into_par_iter().map(|item| item_doc(l, t, item)).collect();
    for a in &m.action_lines {
        let extra = format!("{} {}", a.lead.join(" "), a.co.join(" "));
        docs.push(doc(
            &format!("{}: {}", a.id, a.title),
            t.get("action_line"),
            urls::action_line(&a.id),
            &Default::default(),
            extra,
        ));
    }
    for s in &m.sdgs {
        docs.push(doc(
            &format!("{} {}: {}", t.get("sdg_short"), s.number, s.title),
            t.get("sdg_short"),
            urls::sdg(s.number),
            &Default::default(),
            format!("sdg{}", s.number),
        ));
    }
    docs
}

/// The searchable pages of a site, kept by `serve` between edits so that
/// an edit of one document extracts the words of that one again, not of
/// every document.
pub struct SearchDocs {
    docs: Vec<Doc>,
    /// Where each item's page sits in `docs`.
    positions: HashMap<Item, usize>,
}

impl SearchDocs {
    pub fn new(l: &Linked, t: &Strings) -> SearchDocs {
        let positions = items(l).into_iter().enumerate().map(|(i, item)| (item, i)).collect();
        SearchDocs { docs: documents(l, t), positions }
    }

    /// Takes `item` as it now is in `l`.
    pub fn update(&mut self, l: &Linked, t: &Strings, item: Item) {
        if let Some(&i) = self.positions.get(&item) {
            self.docs[i] = item_doc(l, t, item);
        }
    }

    /// Follows a session moving from place `from` to place `to` among the
    /// model's sessions (its date or title changed its order).
    pub fn move_session(&mut self, from: usize, to: usize) {
        let Some(&first) = self.positions.get(&Item::Session(0)) else { return };
        if from.max(to) + first < self.docs.len() {
            let doc = self.docs.remove(first + from);
            self.docs.insert(first + to, doc);
        }
    }

    /// Every file of the index, as (path under the output, text).
    pub fn files(&self) -> Vec<(String, String)> {
        files_of(&self.docs)
    }
}

/// The most shard files an index has, whatever its size and script.
const MAX_SHARDS: u32 = 256;
/// The size a shard is aimed at, so a small site has few files and a query
/// on a large one downloads a few tens of kilobytes a term.
const SHARD_BYTES: usize = 48 * 1024;

/// How many shards an index of `bytes` of terms gets: one per
/// `SHARD_BYTES`, at most `MAX_SHARDS`.
fn shard_count(bytes: usize) -> u32 {
    u32::try_from(bytes.div_ceil(SHARD_BYTES)).unwrap_or(MAX_SHARDS).clamp(1, MAX_SHARDS)
}

/// The shard of a term among `count`: a hash (32-bit FNV-1a over code
/// points, as `search.js` computes it) of its first two characters, so that
/// every term a typed prefix of two characters can complete is in one file,
/// and Chinese pairs, each its own prefix, spread over a bounded number.
pub fn shard_of(term: &str, count: u32) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for c in first_two(term).chars() {
        hash ^= u32::from(c);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash % count
}

/// A term's first two characters (the whole of a shorter one).
fn first_two(term: &str) -> &str {
    &term[..term.char_indices().nth(2).map_or(term.len(), |(i, _)| i)]
}

/// Writes ids as base-36 gaps from the previous id, comma-separated.
fn push_deltas(out: &mut String, ids: &[u32]) {
    let mut last = 0;
    for (i, id) in ids.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_base36(out, (id - last) as u64);
        last = *id;
    }
}

#[cfg(test)]
fn deltas(ids: &[u32]) -> String {
    let mut out = String::new();
    push_deltas(&mut out, ids);
    out
}

fn push_base36(out: &mut String, mut n: u64) {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut buf = [0u8; 13];
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = DIGITS[(n % 36) as usize];
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.extend(buf[at..].iter().map(|&b| char::from(b)));
}

/// `s` as a JSON string, which is a JS string; `</` is written `<\/` so no
/// file can end a script.
fn js_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into()).replace("</", "<\\/")
}

/// Documents holding a term: in their title, and in their text only.
type Postings = (Vec<u32>, Vec<u32>);

/// Every file of the index, as (path under the output, text).
/// `t`: the interface strings of the index's language (the kinds shown).
pub fn index_files(l: &Linked, t: &Strings) -> Vec<(String, String)> {
    files_of(&documents(l, t))
}

fn files_of(docs: &[Doc]) -> Vec<(String, String)> {
    let mut postings: rustc_hash::FxHashMap<&str, Postings> = Default::default();
    for (id, d) in (0u32..).zip(docs) {
        for t in d.terms.title() {
            postings.entry(t).or_default().0.push(id);
        }
        for t in d.terms.text() {
            postings.entry(t).or_default().1.push(id);
        }
    }
    let mut postings: Vec<(&str, Postings)> = postings.into_iter().collect();
    postings.sort_unstable_by(|a, b| a.0.cmp(b.0));
    // The index's size, roughly: each term and each document holding it.
    let bytes: usize = postings.iter().map(|(t, (a, b))| t.len() + 8 + 3 * (a.len() + b.len())).sum();
    let count = shard_count(bytes);
    let mut shards: BTreeMap<u32, String> = BTreeMap::new();
    // Sorted terms with the same first two characters are neighbours: one
    // shard at a time.
    let mut prefix = None;
    let mut shard = &mut String::new();
    for (term, (title, text)) in &postings {
        let term: &str = term;
        if prefix != Some(first_two(term)) {
            prefix = Some(first_two(term));
            shard = shards.entry(shard_of(term, count)).or_default();
        }
        if !shard.is_empty() {
            shard.push(',');
        }
        shard.push_str(&js_string(term));
        shard.push_str(":[\"");
        push_deltas(shard, title);
        shard.push_str("\",\"");
        push_deltas(shard, text);
        shard.push_str("\"]");
    }
    let mut files = Vec::new();
    let chunks = docs.len().div_ceil(DOCS_PER_CHUNK);
    let keys: Vec<String> = shards.keys().map(u32::to_string).collect();
    files.push((
        "search/meta.js".to_string(),
        format!(
            "wsisSearch.meta({{\"docs\":{},\"chunk\":{DOCS_PER_CHUNK},\"chunks\":{chunks},\"count\":{count},\"shards\":[{}]}});\n",
            docs.len(),
            keys.join(",")
        ),
    ));
    for (n, chunk) in docs.chunks(DOCS_PER_CHUNK).enumerate() {
        let mut text = format!("wsisSearch.docs({n},[\n");
        for (i, d) in chunk.iter().enumerate() {
            if i > 0 {
                text.push_str(",\n");
            }
            for (j, field) in [&d.title, &d.kind, &d.path, &d.snippet].into_iter().enumerate() {
                text.push(if j == 0 { '[' } else { ',' });
                text.push_str(&js_string(field));
            }
            text.push(']');
        }
        text.push_str("\n]);\n");
        files.push((format!("search/docs-{n}.js"), text));
    }
    for (key, body) in shards {
        files.push((format!("search/terms-{key}.js"), format!("wsisSearch.terms({key},{{{body}}});\n")));
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_terms_and_keys() {
        assert_eq!(html_to_text("<p>A &amp; B</p><ul><li>x</li></ul>"), "A & B x");
        assert_eq!(
            super::super::terms::term_set("E-health, SDG 3 and Bridging health"),
            ["and", "bridging", "health", "sdg"]
        );
        // FNV-1a of the first two code points, as search.js computes it.
        assert_eq!(shard_of("digital", u32::MAX), shard_of("di", u32::MAX));
        assert_eq!(shard_of("di", u32::MAX), 0x601c_d4ee);
        assert_eq!(shard_count(0), 1);
        assert_eq!(shard_count(usize::MAX), MAX_SHARDS);
        assert_eq!(deltas(&[3, 5, 40]), "3,2,z");
        assert!(js_string("</script>").contains("<\\/script>"));
        // The index's strings read as JSON reads them: every character
        // JSON escapes, escaped the same way.
        for text in
            ["plain", "a \"quote\" and \\", "tab\tline\nreturn\r\u{8}\u{c}\u{1}\u{1f}", "/ </ <\\/ é 中文 \u{2028}"]
        {
            let ours: serde_json::Value = serde_json::from_str(&js_string(text).replace("<\\/", "</")).unwrap();
            assert_eq!(ours, text);
            assert_eq!(js_string(text), serde_json::to_string(text).unwrap().replace("</", "<\\/"));
        }
    }
}
