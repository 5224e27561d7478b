//! What `wsis serve` tells the editor while it works in the background,
//! read from a running server's log.

mod common;

use common::served::free_port;
use common::*;
use std::fs;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

#[test]
fn an_edit_of_the_brief_layout_says_it_typesets_every_brief_again_and_names_each_one_written() {
    let site = fixture_site();
    copy_dir(&repo().join("themes/default"), &site.path().join("theme"));
    let port = free_port().to_string();
    let mut child = Command::new(env!("CARGO_BIN_EXE_wsis"))
        .current_dir(site.path())
        .args(["serve", "--port", &port, "--theme", "theme"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let (lines, said) = mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = lines.send(line);
        }
    });
    let next = |until: Instant| said.recv_timeout(until.saturating_duration_since(Instant::now())).ok();
    let started = Instant::now() + Duration::from_secs(60);
    while !next(started).is_some_and(|l| l.starts_with("Serving")) {
        assert!(Instant::now() < started, "the server did not start");
    }
    let brief = site.path().join("output/forums/2020/brief.pdf");
    let before = fs::read(&brief).unwrap();
    let layout = site.path().join("theme/brief/brief.typ");
    let text = fs::read_to_string(&layout).unwrap();
    let edited = text.replace(r##"#let accent = rgb("#0b5cad")"##, r##"#let accent = rgb("#0a5cad")"##);
    assert_ne!(edited, text, "the default brief has its accent colour");
    fs::write(&layout, edited).unwrap();
    let mut log = Vec::new();
    let until = Instant::now() + Duration::from_secs(120);
    while log.iter().filter(|l: &&String| l.starts_with("Rewrote ")).count() < 2 {
        match next(until) {
            Some(line) => log.push(line),
            None => break,
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    let log = log.join("\n");
    assert!(log.contains("Rebuilt 0 files in"), "{log}");
    assert!(log.contains("; typesetting 2 PDF briefs in the background"), "{log}");
    assert!(!log.contains("all of them"), "not a full build: {log}");
    for year in ["2020", "2021"] {
        assert!(log.contains(&format!("Rewrote forums/{year}/brief.pdf")), "{log}");
    }
    assert_ne!(fs::read(&brief).unwrap(), before, "the brief was typeset with the new colour");
}
