//! The real WSIS record in `content/`: every forum page shows its dates and
//! each of its key figures, and every action line and SDG page lists what
//! names it. Driven by the model itself, so new content is checked too.

mod common;

use common::*;
use std::fs;

fn decode(html: &str) -> String {
    html.replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
}

#[test]
fn the_real_record_reads_as_the_model_says() {
    let (tmp, _) = build_real_site();
    let output = tmp.path().join("output");
    let read = |path: &str| decode(&fs::read_to_string(output.join(path)).unwrap_or_else(|_| panic!("{path} missing")));
    let linked = wsis::check(&tmp.path().join("content"), false).expect("real content is valid").linked;
    let m = &linked.model;

    let years: Vec<u32> = m.forums.iter().map(|f| f.year).collect();
    assert_eq!(years, [2016, 2017, 2018, 2019, 2020, 2021, 2025], "every forum the seeds describe");

    for f in &m.forums {
        let page = read(&wsis::urls::forum(f.year));
        let dates = wsis::date::range_long(f.start, f.end);
        assert!(page.contains(&dates), "{}: dates {dates:?} not shown", f.title);
        for k in &f.key_figures {
            let text = wsis::plan::figure_text(k);
            assert!(page.contains(&text), "{}: figure {text:?} ({}) not shown", f.title, k.label);
            assert!(page.contains(&k.label), "{}: label {:?} not shown", f.title, k.label);
        }
    }

    for (id, items) in &linked.index.by_action_line {
        let page = read(&wsis::urls::action_line(id));
        for item in items {
            let title = item_title(m, *item);
            assert!(page.contains(&title), "action line {id} does not list {title:?}");
        }
    }
    for (n, items) in &linked.index.by_sdg {
        let page = read(&wsis::urls::sdg(*n));
        for item in items {
            let title = item_title(m, *item);
            assert!(page.contains(&title), "SDG {n} does not list {title:?}");
        }
    }
    // The links the seeds state: C7 e-health with SDG 3, C5 with blockchain.
    assert!(linked.index.matrix.contains_key(&("C7-e-health".to_string(), 3)));
    assert!(read("action-lines/c5/index.html").contains("Harnessing blockchain"));
    // 2020: the High-Level Policy Sessions the seed names, within 20-29 July.
    let sessions: Vec<&str> = m.sessions.iter().filter(|s| s.year == 2020).map(|s| s.title.as_str()).collect();
    assert!(sessions.len() >= 9, "{sessions:?}");
    assert!(sessions.contains(&"Bridging digital Divides"));
}

fn item_title(m: &wsis::model::Model, item: wsis::link::Item) -> String {
    use wsis::link::Item;
    match item {
        Item::Forum(i) => m.forums[i].title.clone(),
        Item::Session(i) => m.sessions[i].title.clone(),
        Item::Ungis(i) => m.ungis[i].title.clone(),
        Item::Roadmap(i) => m.roadmaps[i].title.clone(),
        Item::Page(i) => m.pages[i].title.clone(),
    }
}
