//! `serve`'s fast path held to the truth: for each kind of document and
//! each kind of edit, the output after serve's rebuild is byte for byte
//! the output of a fresh full build of the edited content. The fast path
//! decides what to rewrite by comparing what other pages take from the
//! document; this test is what keeps that decision honest.

mod common;

use common::languages::languages_site;
use common::*;
use std::fs;
use std::path::{Path, PathBuf};
use wsis::incremental::Workspace;

/// An edit: the file (under content/) and what becomes of it (`None`
/// deletes it).
struct Edit {
    name: &'static str,
    file: &'static str,
    change: fn(&str) -> Option<String>,
    /// Whether serve may take its fast path (nothing but the document's own
    /// outputs change), rather than a full build.
    quick: bool,
}

/// The site's options: its own `theme/` folder if it has one, else the
/// default theme.
fn options(site: &Path, output: &str) -> wsis::BuildOptions {
    let own = site.join("theme");
    let theme = if own.is_dir() { own } else { repo().join("themes/default") };
    wsis::BuildOptions::new(site.join("content"), Some(theme), Some(site.join(output)))
}

/// Runs `edits`, one after the other, through one serve's rebuilds and
/// then a fresh build; returns the files that differ.
fn differences(edits: &[&Edit]) -> Vec<String> {
    differences_in(fixture_site(), edits)
}

/// As `differences`, on `site`.
fn differences_in(site: tempfile::TempDir, edits: &[&Edit]) -> Vec<String> {
    let served = site.path().join("served");
    let mut workspace = Workspace::new(options(site.path(), "served"), served.clone());
    workspace.full_build().expect("the fixture builds");
    for edit in edits {
        // `theme/...` is the site's own theme folder; anything else, content.
        let path: PathBuf = match edit.file.starts_with("theme/") {
            true => site.path().join(edit.file),
            false => site.path().join("content").join(edit.file),
        };
        let before = fs::read_to_string(&path).unwrap_or_default();
        // File systems stamp to the tick: make sure the edit is seen.
        std::thread::sleep(std::time::Duration::from_millis(20));
        match (edit.change)(&before) {
            Some(text) => {
                assert_ne!(text, before, "{}: the edit changes nothing", edit.name);
                fs::create_dir_all(path.parent().unwrap()).unwrap();
                fs::write(&path, text).unwrap();
            }
            None => fs::remove_file(&path).unwrap(),
        }
        let changed = workspace.changed();
        assert!(!changed.is_empty(), "{}: the edit was not seen", edit.name);
        let rebuilt = workspace.rebuild(&changed);
        let (full, why) = match &rebuilt {
            Ok(r) => (r.full, r.why_full),
            Err(e) => panic!("{}: {e:?}", edit.name),
        };
        let taken = if full { "not " } else { "" };
        assert_eq!(!full, edit.quick, "{}: the fast path was {taken}taken ({why:?}; {changed:?})", edit.name);
        for done in workspace.wait_pending() {
            assert!(done.is_ok(), "{}: {done:?}", edit.name);
        }
    }
    wsis::build(&options(site.path(), "fresh")).expect("the edited fixture builds");
    let (a, b) = (read_tree(&served), read_tree(&site.path().join("fresh")));
    let mut diffs: Vec<String> = a.keys().chain(b.keys()).filter(|k| a.get(*k) != b.get(*k)).cloned().collect();
    diffs.sort();
    diffs.dedup();
    diffs
}

fn replace(text: &str, from: &str, to: &str) -> Option<String> {
    assert!(text.contains(from), "the fixture lacks {from:?}");
    Some(text.replacen(from, to, 1))
}

const SESSION: &str = "forums/2020/hlt/e-health-session.md";
const UNGIS: &str = "ungis/side-event.md";
const PAGE: &str = "pages/about.md";
const FORUM: &str = "forums/2020/forum.md";
const ROADMAP: &str = "roadmaps/c2.md";

const EDITS: &[Edit] = &[
    Edit { name: "session body", file: SESSION, change: |t| replace(t, "A vision.", "A sharper vision."), quick: true },
    // New characters for the pages' web fonts: they are made anew.
    Edit {
        name: "session body in another script",
        file: SESSION,
        change: |t| replace(t, "A vision.", "A vision (信息社会)."),
        quick: false,
    },
    Edit {
        name: "session title",
        file: SESSION,
        change: |t| replace(t, "title: E-health and SDG 3", "title: E-health for all"),
        quick: true,
    },
    Edit {
        name: "session date",
        file: SESSION,
        change: |t| replace(t, "date: 2020-07-20", "date: 2020-07-22"),
        quick: true,
    },
    Edit {
        name: "session reference",
        file: SESSION,
        change: |t| replace(t, "action_lines: [C7-e-health, C2]", "action_lines: [C7-e-health, C2, C5]"),
        quick: true,
    },
    Edit { name: "session tag", file: SESSION, change: |t| replace(t, "sdgs: [3, 9]", "sdgs: [3]"), quick: true },
    Edit {
        name: "session people",
        file: SESSION,
        change: |t| replace(t, "Ms. Fixture Speaker", "Ms. Other Speaker"),
        quick: true,
    },
    Edit {
        name: "UNGIS body",
        file: UNGIS,
        change: |t| replace(t, "A side event.", "A side event, well attended."),
        quick: true,
    },
    Edit {
        name: "UNGIS URL",
        file: UNGIS,
        change: |t| replace(t, "url: https://example.org/ungis", "url: https://example.org/ungis-2020"),
        quick: true,
    },
    Edit {
        name: "UNGIS title",
        file: UNGIS,
        change: |t| replace(t, "title: Fixture UNGIS Side Event", "title: Fixture UNGIS Event"),
        quick: false,
    },
    Edit { name: "UNGIS chair", file: UNGIS, change: |t| replace(t, "chair: ITU", "chair: UNESCO"), quick: true },
    Edit { name: "page body", file: PAGE, change: |t| replace(t, "About. See", "About us. See"), quick: true },
    Edit {
        name: "page title",
        file: PAGE,
        change: |t| replace(t, "title: About the fixture", "title: About this fixture"),
        quick: false,
    },
    Edit {
        name: "page description",
        file: PAGE,
        change: |t| replace(t, "description: What this fixture is", "description: What it is"),
        quick: true,
    },
    Edit {
        name: "forum body",
        file: FORUM,
        change: |t| replace(t, "Raw HTML is shown as text", "Raw HTML is still shown as text"),
        quick: true,
    },
    Edit { name: "forum figure", file: FORUM, change: |t| replace(t, "value: 15000", "value: 16000"), quick: false },
    Edit {
        name: "roadmap title",
        file: ROADMAP,
        change: |t| replace(t, "title: Build infrastructure", "title: Build more infrastructure"),
        quick: true,
    },
    Edit {
        name: "new session",
        file: "forums/2020/hlt/added.md",
        change: |_| Some("---\ntitle: Added session\ndate: 2020-07-21\n---\n## Vision\n\nNew.\n".into()),
        quick: false,
    },
    Edit { name: "deleted page", file: "pages/process.md", change: |_| None, quick: false },
];

#[test]
fn after_every_kind_of_edit_serve_writes_what_a_full_build_writes() {
    let failures: Vec<String> = EDITS
        .iter()
        .filter_map(|edit| {
            let diffs = differences(&[edit]);
            (!diffs.is_empty()).then(|| format!("{}: {}", edit.name, diffs.join(", ")))
        })
        .collect();
    assert!(failures.is_empty(), "serve's output drifted from a full build:\n{}", failures.join("\n"));
}

#[test]
fn a_session_moved_by_its_new_date_keeps_serve_and_a_full_build_alike() {
    // The body edit gives serve its search pages; the date edit then moves
    // the session among the forum's (and in the search index's order); the
    // title edit moves it again.
    let edit = |name: &str| EDITS.iter().find(|e| e.name == name).expect("a listed edit");
    let diffs = differences(&[edit("session body"), edit("session date"), edit("session title")]);
    assert!(diffs.is_empty(), "serve's output drifted from a full build: {}", diffs.join(", "));
}

#[test]
fn a_word_added_then_removed_leaves_no_search_file_behind() {
    // The word makes search shards of its own (`zq`, and its docs), which
    // the second edit empties: the output must lose them, as a fresh build
    // never had them.
    let add = Edit {
        name: "a new word",
        file: SESSION,
        change: |t| replace(t, "A vision.", "A vision of zqxv1 zqxv2."),
        quick: true,
    };
    let remove =
        Edit { name: "the word gone", file: SESSION, change: |t| replace(t, " of zqxv1 zqxv2.", "."), quick: true };
    let diffs = differences(&[&add, &remove]);
    assert!(diffs.is_empty(), "serve's output drifted from a full build: {}", diffs.join(", "));
}

#[test]
fn a_save_that_takes_the_slow_path_says_why() {
    let why = |site: &Path, file: &str, from: &str, to: &str| {
        let mut workspace = Workspace::new(options(site, "served"), site.join("served"));
        workspace.full_build().expect("the fixture builds");
        let path = site.join("content").join(file);
        std::thread::sleep(std::time::Duration::from_millis(20));
        fs::write(&path, replace(&fs::read_to_string(&path).unwrap(), from, to).unwrap()).unwrap();
        let rebuilt = workspace.rebuild(&workspace.changed()).expect("the edit builds");
        assert!(rebuilt.full);
        rebuilt.why_full.unwrap_or_default()
    };
    let one = fixture_site();
    let said = why(one.path(), FORUM, "value: 15000", "value: 16000");
    assert!(said.contains("changes what other pages list"), "{said}");
    let six = languages_site();
    let said = why(six.path(), "pages/about.fr.md", "title: À propos du forum", "title: À propos");
    assert!(said.contains("changes what other pages list"), "{said}");
}

const INCLUSION: &str = "forums/2020/hlt/digital-inclusion.md";
const INCLUSION_FR: &str = "forums/2020/hlt/digital-inclusion.fr.md";
const INCLUSION_ZH: &str = "forums/2020/hlt/digital-inclusion.zh.md";
const E_HEALTH: &str = "forums/2020/hlt/e-health.md";

/// Edits of a six-language site: of originals, which every language shows
/// (translated or not), and of translations, which one language shows.
const SIX_LANGUAGE_EDITS: &[Edit] = &[
    Edit {
        name: "body of a session no language translates",
        file: E_HEALTH,
        change: |t| replace(t, "digital health services.", "digital health services and records."),
        quick: true,
    },
    Edit {
        name: "title of a session no language translates",
        file: E_HEALTH,
        change: |t| replace(t, "title: E-health for everyone", "title: E-health for all"),
        quick: true,
    },
    Edit {
        name: "date of a translated session",
        file: INCLUSION,
        change: |t| replace(t, "date: 2020-07-01", "date: 2020-07-03"),
        quick: true,
    },
    Edit {
        name: "body of a translated original",
        file: INCLUSION,
        change: |t| replace(t, "affordable connectivity", "affordable, meaningful connectivity"),
        quick: true,
    },
    Edit {
        name: "body of a French translation",
        file: INCLUSION_FR,
        change: |t| replace(t, "une connectivité abordable", "une connectivité abordable et sûre"),
        quick: true,
    },
    Edit {
        name: "title of a Chinese translation",
        file: INCLUSION_ZH,
        change: |t| replace(t, "title: 弥合数字鸿沟", "title: 弥合数字鸿沟与发展"),
        quick: true,
    },
    // Back to the original's words: no translation any more, so the page
    // stops being an alternate in every language and in the sitemap.
    Edit {
        name: "French translation that translates nothing",
        file: INCLUSION_FR,
        change: |_| {
            Some(
                "---\ntitle: Bridging digital divides\n---\n## Recommendations\n\nParticipants called for affordable connectivity and sustainable development for all.\n"
                    .into(),
            )
        },
        quick: true,
    },
    // Tags move a session between listings: the pages of the action line
    // and goal it joins and of those it leaves, in every language.
    Edit {
        name: "action line added to a translated session",
        file: INCLUSION,
        change: |t| replace(t, "action_lines: [C2]", "action_lines: [C2, C7]"),
        quick: true,
    },
    // Its parent action line's page counts the sub-line's sessions.
    Edit {
        name: "sub-line of an action line taken off a session",
        file: E_HEALTH,
        change: |t| replace(t, "action_lines: [C7-e-health]", "action_lines: [C2]"),
        quick: true,
    },
    Edit {
        name: "goal of a translated session changed",
        file: INCLUSION,
        change: |t| replace(t, "sdgs: [9]", "sdgs: [3]"),
        quick: true,
    },
    Edit {
        name: "body of a forum's Spanish translation",
        file: "forums/2020/forum.es.md",
        change: |t| Some(format!("{t}\nUna frase más.\n")),
        quick: true,
    },
];

#[test]
fn on_a_six_language_site_serve_writes_what_a_full_build_writes_after_every_edit() {
    let failures: Vec<String> = SIX_LANGUAGE_EDITS
        .iter()
        .filter_map(|edit| {
            let diffs = differences_in(languages_site(), &[edit]);
            (!diffs.is_empty()).then(|| format!("{}: {}", edit.name, diffs.join(", ")))
        })
        .collect();
    assert!(failures.is_empty(), "serve's output drifted from a full build:\n{}", failures.join("\n"));
}

#[test]
fn an_original_s_new_title_that_moves_it_reorders_every_language_s_listings() {
    // Same day as e-health, then a title after it: the session moves in
    // the order every language lists, though the French, Arabic and
    // Chinese pages show their own titles, unchanged.
    let same_day = Edit {
        name: "same day",
        file: INCLUSION,
        change: |t| replace(t, "date: 2020-07-01", "date: 2020-07-02"),
        quick: true,
    };
    let retitled = Edit {
        name: "title that sorts after",
        file: INCLUSION,
        change: |t| replace(t, "title: Bridging digital divides", "title: Zero digital divides"),
        quick: true,
    };
    let diffs = differences_in(languages_site(), &[&same_day, &retitled]);
    assert!(diffs.is_empty(), "serve's output drifted from a full build: {}", diffs.join(", "));
}

#[test]
fn a_sequence_of_edits_in_several_languages_keeps_serve_and_a_full_build_alike() {
    let all: Vec<&Edit> = SIX_LANGUAGE_EDITS.iter().collect();
    let diffs = differences_in(languages_site(), &all);
    assert!(diffs.is_empty(), "serve's output drifted from a full build: {}", diffs.join(", "));
}

#[test]
fn serve_refuses_a_link_to_a_missing_section_as_a_build_does() {
    let site = fixture_site();
    let session = site.path().join("content").join(SESSION);
    let original = fs::read_to_string(&session).unwrap();
    let mut workspace = Workspace::new(options(site.path(), "served"), site.path().join("served"));
    workspace.full_build().expect("the fixture builds");
    let mut edit = |text: String| {
        std::thread::sleep(std::time::Duration::from_millis(20));
        fs::write(&session, text).unwrap();
        workspace.rebuild(&workspace.changed())
    };
    // A new link in the edited body, to a section its page lacks.
    let broken =
        replace(&original, "A vision.", "A vision, see [it](@/forums/2020/forum.md#no-such-section).").unwrap();
    match edit(broken) {
        Err(wsis::BuildError::Content(diags)) => {
            assert!(
                diags
                    .iter()
                    .any(|d| d.code == wsis::diagnostics::Code::BrokenLink && d.message.contains("#no-such-section")),
                "{diags:?}"
            )
        }
        other => panic!("the fast path took a broken section link: {:?}", other.map(|r| r.full)),
    }
    // The heading another page links to (`#vision`, from the forum) renamed.
    match edit(replace(&original, "## Vision", "## Outlook").unwrap()) {
        Err(wsis::BuildError::Content(diags)) => {
            assert!(diags.iter().any(|d| d.path.ends_with("forum.md") && d.message.contains("#vision")), "{diags:?}")
        }
        other => panic!("a link to the renamed heading was not checked: {:?}", other.map(|r| r.full)),
    }
}

/// A session that allows its known warning keeps it allowed when saved on
/// the fast path: the fast path does not make the model's warnings again,
/// so it does not call the allowance unused.
#[test]
fn an_allowed_warning_stays_allowed_on_the_fast_path() {
    let site = fixture_site();
    let session = site.path().join("content/forums/2020/hlt/period-session.md");
    let text = fs::read_to_string(&session).unwrap();
    let allowed =
        text.replacen("sdgs: [17]\n", "sdgs: [17]\nallow:\n  no-outcome-sections: \"the source gives none\"\n", 1);
    fs::write(&session, &allowed).unwrap();
    let mut workspace = Workspace::new(options(site.path(), "served"), site.path().join("served"));
    let first = workspace.full_build().expect("the fixture builds");
    assert!(!first.warnings.iter().any(|d| d.path.ends_with("period-session.md")), "{:?}", first.warnings);
    std::thread::sleep(std::time::Duration::from_millis(20));
    fs::write(&session, allowed.replace("Back to", "Back again to")).unwrap();
    let rebuilt = workspace.rebuild(&workspace.changed()).expect("the edit builds");
    assert!(!rebuilt.full, "{:?}", rebuilt.why_full);
    assert!(rebuilt.warnings.is_empty(), "{:?}", rebuilt.warnings);
}

/// Edits of the theme a site is served with: a copy of the default theme
/// beside its content (`theme/`), as `wsis theme eject` writes one.
const THEME_EDITS: &[Edit] = &[
    Edit {
        name: "session template",
        file: "theme/templates/session.html",
        change: |t| replace(t, r#"<nav class="pager" aria-label"#, r#"<nav class="pager sessions" aria-label"#),
        quick: true,
    },
    Edit {
        name: "a partial two templates include",
        file: "theme/templates/partials/people.html",
        change: |t| replace(t, r#"<ul class="people">"#, r#"<ul class="people list">"#),
        quick: true,
    },
    Edit {
        name: "the template every page extends",
        file: "theme/templates/base.html",
        change: |t| replace(t, "</body>", "<!-- edited -->\n</body>"),
        quick: true,
    },
    // A character the pages' web fonts must now hold: the fonts are made anew.
    Edit {
        name: "a template that brings a new script",
        file: "theme/templates/session.html",
        change: |t| replace(t, r#"<nav class="pager" aria-label"#, r#"<p>信息社会</p><nav class="pager" aria-label"#),
        quick: false,
    },
    Edit {
        name: "stylesheet",
        file: "theme/assets/style.css",
        change: |t| replace(t, "--bg: #ffffff", "--bg: #fefefe"),
        quick: true,
    },
    // Every PDF brief typeset again (in the background), no page written.
    Edit {
        name: "the brief's typst layout",
        file: "theme/brief/brief.typ",
        change: |t| replace(t, r##"#let accent = rgb("#0b5cad")"##, r##"#let accent = rgb("#0a5cad")"##),
        quick: true,
    },
];

#[test]
fn after_a_theme_edit_serve_writes_what_a_full_build_writes() {
    let failures: Vec<String> = THEME_EDITS
        .iter()
        .filter_map(|edit| {
            let site = fixture_site();
            copy_dir(&repo().join("themes/default"), &site.path().join("theme"));
            let diffs = differences_in(site, &[edit]);
            (!diffs.is_empty()).then(|| format!("{}: {}", edit.name, diffs.join(", ")))
        })
        .collect();
    assert!(failures.is_empty(), "serve's output drifted from a full build:\n{}", failures.join("\n"));
}

#[test]
fn a_theme_edit_on_a_six_language_site_keeps_serve_and_a_full_build_alike() {
    let site = languages_site();
    copy_dir(&repo().join("themes/default"), &site.path().join("theme"));
    let edits: Vec<&Edit> = THEME_EDITS.iter().filter(|e| e.quick).chain(&SIX_LANGUAGE_EDITS[..2]).collect();
    let diffs = differences_in(site, &edits);
    assert!(diffs.is_empty(), "serve's output drifted from a full build: {}", diffs.join(", "));
}
