//! Open data beside the pages: the whole model as JSON, one file a kind,
//! and the action line x SDG matrix as CSV. Keys and order are stable, so
//! the files diff cleanly between builds.

pub use crate::data_files::DataFile;
use crate::link::Linked;
use crate::model::{Body, Person, Tags};
use rayon::prelude::*;
use serde_json::{json, Value};

fn tags(t: &Tags) -> Value {
    serde_json::to_value(TagsRecord::of(t)).unwrap_or_default()
}

fn body(b: &Body) -> &str {
    b.markdown()
}

/// The text of one data file.
pub fn render(l: &Linked, file: DataFile) -> String {
    let mut out = Vec::new();
    // Writing into memory cannot fail, and the JSON and CSV are UTF-8.
    let _ = write(l, file, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Writes one data file to `out` (buffer it: records go out one by one).
/// sessions.json, the one file that grows with the site (36 MB at 10,000
/// sessions), is never whole in memory.
pub fn write(l: &Linked, file: DataFile, out: &mut impl std::io::Write) -> std::io::Result<()> {
    let m = &l.model;
    let records: Vec<Value> = match file {
        // Serialised straight from the model, without a JSON tree.
        DataFile::Sessions => return json_lines(m.sessions.iter().map(SessionRecord::of), out),
        DataFile::Matrix => return out.write_all(matrix_csv(l).as_bytes()),
        DataFile::Forums => m
            .forums
            .par_iter()
            .map(|f| json!({
                "year": f.year, "title": f.title, "theme": f.theme, "start": f.start, "end": f.end,
                "venue": f.venue, "format": f.format, "key_figures": f.key_figures, "distributions": f.distributions,
                "special_tracks": f.special_tracks, "consultation": f.consultation, "prize_phases": f.prize_phases,
                "hlt_facilitators": f.hlt_facilitators, "publications": f.publications, "quotes": f.quotes,
                "regional_events": f.regional_events, "prizes": f.prizes, "tags": tags(&f.tags), "body": body(&f.body),
                "page": crate::urls::forum(f.year),
            }))
            .collect::<Vec<Value>>(),
        DataFile::Ungis => m
            .ungis
            .par_iter()
            .map(|u| json!({
                "slug": u.slug, "title": u.title, "kind": u.kind, "date": u.date, "date_end": u.date_end, "time": u.time,
                "chair": u.chair, "forum": u.forum.as_ref().map(|f| f.value), "url": u.url, "tags": tags(&u.tags),
                "body": body(&u.body), "page": crate::urls::ungis(&u.slug),
            }))
            .collect::<Vec<Value>>(),
        DataFile::Roadmaps => m
            .roadmaps
            .par_iter()
            .map(|r| json!({
                "slug": r.slug, "action_line": r.action_line.value, "title": r.title, "facilitator": r.facilitator,
                "updated": r.updated,
                "activities": r.activities.iter().map(|a| json!({
                    "title": a.title, "timeframe": a.timeframe, "expected_results": a.expected_results,
                    "partners": a.partners, "sdgs": a.sdgs.iter().map(|s| s.value).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
                "body": body(&r.body), "page": crate::urls::roadmap(&r.slug),
            }))
            .collect::<Vec<Value>>(),
        DataFile::Pages => m
            .pages
            .par_iter()
            .map(|p| json!({
                "slug": p.slug, "title": p.title, "description": p.description, "tags": tags(&p.tags),
                "body": body(&p.body), "page": crate::urls::page(&p.slug),
            }))
            .collect::<Vec<Value>>(),
        DataFile::ActionLines => m
            .action_lines
            .par_iter()
            .map(|a| json!({ "id": a.id, "parent": a.parent, "title": a.title, "lead": a.lead, "co": a.co, "page": crate::urls::action_line(&a.id) }))
            .collect::<Vec<Value>>(),
        DataFile::Sdgs => m
            .sdgs
            .par_iter()
            .map(|s| json!({ "number": s.number, "title": s.title, "color": s.color, "page": crate::urls::sdg(s.number) }))
            .collect::<Vec<Value>>(),
    };
    json_lines(records.iter(), out)
}

/// A JSON array written one record a line: compact and diff-friendly. The
/// records are written one after the other, without a string a record.
fn json_lines<R: serde::Serialize>(
    records: impl Iterator<Item = R>,
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    let mut any = false;
    out.write_all(b"[")?;
    for record in records {
        out.write_all(if any { b",\n" } else { b"\n" })?;
        any = true;
        serde_json::to_writer(&mut *out, &record)?;
    }
    out.write_all(if any { b"\n]\n" } else { b"]\n" })
}

#[derive(serde::Serialize)]
struct TagsRecord<'a> {
    action_lines: Vec<&'a str>,
    sdgs: Vec<u32>,
}

impl<'a> TagsRecord<'a> {
    fn of(t: &'a Tags) -> Self {
        TagsRecord {
            action_lines: t.action_lines.iter().map(|a| a.value.as_str()).collect(),
            sdgs: t.sdgs.iter().map(|s| s.value).collect(),
        }
    }
}

#[derive(serde::Serialize)]
struct SessionRecord<'a> {
    forum: u32,
    slug: &'a str,
    title: &'a str,
    date: crate::date::Date,
    date_end: Option<crate::date::Date>,
    time: Option<&'a str>,
    facilitators: &'a [Person],
    speakers: &'a [Person],
    tags: TagsRecord<'a>,
    body: &'a str,
    page: String,
}

impl<'a> SessionRecord<'a> {
    fn of(s: &'a crate::model::Session) -> Self {
        SessionRecord {
            forum: s.year,
            slug: &s.slug,
            title: &s.title,
            date: s.date.value,
            date_end: s.date_end,
            time: s.time.as_deref(),
            facilitators: &s.facilitators,
            speakers: &s.speakers,
            tags: TagsRecord::of(&s.tags),
            body: s.body.markdown(),
            page: crate::urls::session(s.year, &s.slug),
        }
    }
}

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

fn matrix_csv(l: &Linked) -> String {
    let m = &l.model;
    let mut out = String::from("action_line,title");
    for s in &m.sdgs {
        out.push_str(&format!(",sdg_{}", s.number));
    }
    out.push('\n');
    for a in &m.action_lines {
        out.push_str(&format!("{},{}", csv_field(&a.id), csv_field(&a.title)));
        for s in &m.sdgs {
            let n = l.index.matrix.get(&(a.id.clone(), s.number)).map_or(0, Vec::len);
            out.push_str(&format!(",{n}"));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_when_needed() {
        assert_eq!(csv_field("C1"), "C1");
        assert_eq!(csv_field("Cultural diversity, identity"), "\"Cultural diversity, identity\"");
        assert_eq!(csv_field("a \"b\""), "\"a \"\"b\"\"\"");
    }
}
