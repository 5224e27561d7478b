//! The editor's loop: `wsis serve` (answers on loopback, reflects edits,
//! shows and clears diagnostics, refuses path traversal), `wsis new` for
//! every kind, `check --format json`, warnings and drafts.

mod common;

use common::served::*;
use common::*;
use std::fs;
use std::net::TcpListener;
use std::process::Command;
use std::time::Duration;

#[test]
fn serve_reflects_edits_and_shows_then_clears_diagnostics() {
    let site = fixture_site();
    let served = serve(site.path());
    let (status, home) = get(served.port, "/");
    assert_eq!(status, 200);
    assert!(home.contains("Fixture Forum Site"));
    assert!(home.contains("/__wsis/wait"), "served pages reload themselves");
    assert!(
        !fs::read_to_string(site.path().join("output/index.html")).unwrap().contains("__wsis"),
        "the script is not in the output"
    );

    // An open page waits on the server for the next build, and hears of the
    // edit as soon as its page is written.
    let (_, seen) = get(served.port, "/__wsis/version");
    let (_, same) = get(served.port, &format!("/__wsis/wait?v={}", seen.trim().parse::<u64>().unwrap() + 7));
    assert_eq!(same.trim(), seen.trim(), "a page that missed builds hears the current one at once");
    let port = served.port;
    let waiting = std::thread::spawn(move || get(port, &format!("/__wsis/wait?v={}", seen.trim())).1);
    std::thread::sleep(Duration::from_millis(200));
    let session = site.path().join("content/forums/2020/hlt/e-health-session.md");
    let text = fs::read_to_string(&session).unwrap().replace("A vision.", "A freshly edited vision.");
    fs::write(&session, text).unwrap();
    let told = waiting.join().unwrap();
    let (_, page) = get(served.port, "/forums/2020/hlt/e-health-session/index.html");
    assert!(page.contains("A freshly edited vision."), "when the page is told to reload, its new text is there");
    assert_ne!(told.trim(), "", "the wait is answered with the new build's number");
    // The forum's briefs hold the session's outcomes too, and follow the edit.
    wait_for(served.port, "/forums/2020/brief/index.html", |b| b.contains("A freshly edited vision."));
    let pdf = fs::read(site.path().join("output/forums/2020/brief.pdf")).unwrap();
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc.extract_text(&pages).unwrap_or_default().split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("A freshly edited vision."), "the PDF brief follows the edit");

    let forum = site.path().join("content/forums/2020/forum.md");
    let good = fs::read_to_string(&forum).unwrap();
    fs::write(&forum, good.replace("venue: Virtual", "venu: Virtual")).unwrap();
    let broken = wait_for(served.port, "/forums/2020/index.html", |b| b.contains("unknown key"));
    assert!(broken.contains("content/forums/2020/forum.md:"), "the page names the file and line:\n{broken}");
    fs::write(&forum, good).unwrap();
    wait_for(served.port, "/forums/2020/index.html", |b| {
        b.contains("Fixture Forum 2020") && !b.contains("unknown key")
    });
}

#[test]
fn when_the_first_build_fails_every_address_shows_the_message() {
    let site = fixture_site();
    copy_dir(&fixture("mistakes/unknown-key/content"), &site.path().join("content"));
    let served = serve(site.path());
    for path in ["/", "/forums/2020/index.html", "/forums/2020/"] {
        let (status, body) = get(served.port, path);
        assert_eq!(status, 500, "{path}: {body}");
        assert!(body.contains("unknown key") && body.contains("/__wsis/wait"), "{path}: {body}");
    }
    // Fixed, the site appears.
    let fixed = fixture_site();
    copy_dir(&fixed.path().join("content"), &site.path().join("content"));
    wait_for(served.port, "/", |b| b.contains("Fixture Forum Site") && !b.contains("unknown key"));
}

#[test]
fn serve_builds_what_check_calls_a_warning() {
    let site = fixture_site();
    let session = site.path().join("content/forums/2020/hlt/tibetan.md");
    fs::write(&session, "---\ntitle: བོད་ཡིག\ndate: 2020-07-21\n---\n## Vision\n\nText.\n").unwrap();
    let served = serve(site.path());
    let (status, body) = get(served.port, "/forums/2020/hlt/tibetan/index.html");
    assert_eq!(status, 200, "{body}");
    assert!(site.path().join("output/forums/2020/brief.pdf").exists());
}

#[test]
fn serve_never_serves_outside_the_output() {
    let site = fixture_site();
    fs::write(site.path().join("secret.txt"), "top secret").unwrap();
    let served = serve(site.path());
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/..%5csecret.txt",
        "//etc/passwd",
        "/static/../../secret.txt",
    ] {
        let (status, body) = get(served.port, path);
        assert!(status == 404 || status == 400, "{path} answered {status}");
        assert!(!body.contains("top secret") && !body.contains("root:"), "{path} leaked a file");
    }
    assert_eq!(get(served.port, "/static/report.txt").0, 200);
}

#[test]
fn serve_says_when_the_port_is_taken() {
    let site = fixture_site();
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let out = wsis(site.path(), &["serve", "--port", &port]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains(&format!("port {port} is already in use")), "{}", stderr(&out));
}

#[test]
fn every_new_kind_passes_check_and_is_never_overwritten() {
    let site = fixture_site();
    let dir = site.path();
    let steps: &[(&[&str], &str)] = &[
        (&["new", "forum", "2026"], "content/forums/2026/forum.md"),
        (
            &["new", "session", "2026", "Bridging digital divides: next steps"],
            "content/forums/2026/hlt/bridging-digital-divides-next-steps.md",
        ),
        (&["new", "ungis", "UNGIS meeting"], "content/ungis/ungis-meeting.md"),
        (&["new", "roadmap", "C5"], "content/roadmaps/c5.md"),
        (&["new", "page", "About \"us\""], "content/pages/about-us.md"),
    ];
    for (args, path) in steps {
        let out = Command::new(env!("CARGO_BIN_EXE_wsis")).current_dir(dir).args(*args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(dir.join(path).exists(), "{args:?} did not write {path}");
        let check = wsis(dir, &["check"]);
        assert!(check.status.success(), "{args:?} wrote a file check refuses:\n{}", stderr(&check));
        let before = fs::read(dir.join(path)).unwrap();
        let again = Command::new(env!("CARGO_BIN_EXE_wsis")).current_dir(dir).args(*args).output().unwrap();
        assert_eq!(again.status.code(), Some(1), "{args:?} twice must refuse");
        assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
        assert_eq!(fs::read(dir.join(path)).unwrap(), before, "{path} was overwritten");
    }
    let session = fs::read_to_string(dir.join(steps[1].1)).unwrap();
    for section in ["## Vision", "## Emerging trends", "## Opportunities", "## Challenges", "## Recommendations"] {
        assert!(session.contains(section), "a new session has {section}");
    }
    let orphan = Command::new(env!("CARGO_BIN_EXE_wsis"))
        .current_dir(dir)
        .args(["new", "session", "1999", "x"])
        .output()
        .unwrap();
    assert_eq!(orphan.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&orphan.stderr).contains("wsis new forum 1999"));
}

#[test]
fn json_diagnostics_carry_file_and_line_for_each_error() {
    let site = fixture_site();
    copy_dir(&fixture("mistakes/many-files/content"), &site.path().join("content"));
    let out = wsis(site.path(), &["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let diags: Vec<serde_json::Value> =
        stdout.lines().map(|l| serde_json::from_str(l).expect("each line is JSON")).collect();
    let errors: Vec<&serde_json::Value> = diags.iter().filter(|d| d["severity"] == "error").collect();
    assert_eq!(errors.len(), 5, "{stdout}");
    for d in &errors {
        assert!(d["file"].as_str().unwrap().starts_with("content/"));
        assert!(d["line"].as_u64().unwrap() >= 1 && d["column"].as_u64().unwrap() >= 1);
        assert!(d["end"]["column"].as_u64().unwrap() > d["column"].as_u64().unwrap());
        assert!(!d["code"].as_str().unwrap().is_empty() && !d["message"].as_str().unwrap().is_empty());
    }
    let unknown = errors.iter().find(|d| d["code"] == "unknown-key").unwrap();
    assert_eq!(unknown["file"], "content/pages/process.md");
    assert_eq!(unknown["line"], 2);
    assert_eq!(unknown["help"], "did you mean `title`?");
}

#[test]
fn warnings_show_but_fail_only_when_denied() {
    let site = fixture_site();
    let out = wsis(site.path(), &["check"]);
    assert!(out.status.success());
    let err = stderr(&out);
    assert!(err.contains("warning: this High-Level Track session has none of the outcome sections"), "{err}");
    assert!(err.contains("warning: publication `Fixture Stocktaking Report` has no address"), "{err}");
    // Raw HTML is shown as text, and the editor is told where.
    assert!(
        err.contains("content/forums/2020/forum.md:53:28: warning: raw HTML `<script>` is shown as text, not as HTML"),
        "{err}"
    );
    assert!(err.contains("`unsafe_html: true` in site.yaml"), "{err}");
    assert!(err.trim_end().ends_with("warning: 3 warnings in 2 files"), "{err}");
    let denied = wsis(site.path(), &["check", "--deny-warnings"]);
    assert_eq!(denied.status.code(), Some(1));
}

#[test]
fn drafts_stay_out_unless_asked() {
    let site = fixture_site();
    let page = site.path().join("content/pages/process.md");
    let text = fs::read_to_string(&page).unwrap().replacen("---\n", "---\ndraft: true\n", 1);
    fs::write(&page, text).unwrap();
    assert!(wsis(site.path(), &["build"]).status.success());
    assert!(!site.path().join("output/pages/process/index.html").exists());
    assert!(wsis(site.path(), &["build", "--drafts"]).status.success());
    assert!(site.path().join("output/pages/process/index.html").exists());
    // A link to a draft says so.
    let about = site.path().join("content/pages/about.md");
    fs::write(&about, "---\ntitle: About\n---\nSee [process](@/pages/process.md).\n").unwrap();
    let out = wsis(site.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("is a draft, left out of this build"), "{}", stderr(&out));
}
