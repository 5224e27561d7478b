//! The built site in a real browser and a real validator:
//! - Debian's Chromium, driven by playwright-core, opens the site over
//!   file://, follows the navigation and the search, and runs axe-core's
//!   WCAG 2.1 A and AA rules on a sample of pages in both colour schemes;
//! - the Nu Html Checker (npm `vnu-jar`) reads every page.
//!
//! They need node, Chromium, Java and `npm ci` in tests/browser (CI's
//! `.ci/run` installs them). Where they are missing the tests say so and
//! pass, except under CI, where missing tools are a failure.

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::Command;

fn browser_dir() -> PathBuf {
    repo().join("tests/browser")
}

/// Whether the tools are here; under CI their absence fails the test.
fn tools_ready(what: &str, needed: &[(&str, bool)]) -> bool {
    let missing: Vec<&str> = needed.iter().filter(|(_, ok)| !ok).map(|(name, _)| *name).collect();
    if missing.is_empty() {
        return true;
    }
    let message = format!("{what}: missing {}; run .ci/run's install steps", missing.join(", "));
    assert!(std::env::var_os("CI").is_none(), "{message}");
    eprintln!("skipped: {message}");
    false
}

fn has(cmd: &str, arg: &str) -> bool {
    Command::new(cmd).arg(arg).output().is_ok_and(|o| o.status.success())
}

fn vnu_jar() -> PathBuf {
    browser_dir().join("node_modules/vnu-jar/build/dist/vnu.jar")
}

fn validate(out: &Path) -> (bool, String) {
    let result = Command::new("java")
        .args(["-jar"])
        .arg(vnu_jar())
        .args(["--errors-only", "--skip-non-html"])
        .arg(out)
        .output()
        .expect("java runs");
    (result.status.success(), String::from_utf8_lossy(&result.stderr).into_owned())
}

#[test]
fn every_page_is_valid_html() {
    if !tools_ready("HTML validation", &[("java", has("java", "-version")), ("vnu-jar (npm ci)", vnu_jar().exists())]) {
        return;
    }
    let (real, _) = build_real_site();
    let (ok, report) = validate(&real.path().join("output"));
    assert!(ok, "the Nu Html Checker found errors in the real site:\n{report}");
    let site = fixture_site();
    assert!(wsis(site.path(), &["build"]).status.success());
    let (ok, report) = validate(&site.path().join("output"));
    assert!(ok, "the Nu Html Checker found errors in the fixture site:\n{report}");
}

#[test]
fn the_site_reads_and_navigates_in_chromium_without_errors_or_violations() {
    let chromium = Path::new("/usr/bin/chromium").exists();
    let modules = browser_dir().join("node_modules/playwright-core").exists();
    if !tools_ready(
        "browser test",
        &[("node", has("node", "--version")), ("chromium", chromium), ("playwright-core (npm ci)", modules)],
    ) {
        return;
    }
    let (real, _) = build_real_site();
    let pages = [
        "index.html",
        "forums/2020/index.html",
        "forums/2020/hlt/e-learning/index.html",
        "matrix/index.html",
        "search/index.html",
        "action-lines/c5/index.html",
        "sdgs/17/index.html",
        "pages/wsis-process/index.html",
        "ungis/index.html",
        "data/index.html",
    ];
    let result = Command::new("node")
        .current_dir(browser_dir())
        .arg("run.mjs")
        .arg(real.path().join("output"))
        .env("WSIS_AXE_PAGES", pages.join(","))
        .env("WSIS_QUERY", "digital divides")
        .output()
        .expect("node runs");
    let report = String::from_utf8_lossy(&result.stdout);
    assert!(result.status.success(), "browser check failed:\n{report}\n{}", String::from_utf8_lossy(&result.stderr));
    let json: serde_json::Value = serde_json::from_str(&report).expect("the runner prints JSON");
    assert_eq!(json["violations"], 0);
    assert_eq!(json["pages_checked"], 20);
    let steps: Vec<&str> = json["steps"].as_array().unwrap().iter().filter_map(|s| s.as_str()).collect();
    assert!(steps.iter().any(|s| s.contains("/hlt/")), "navigated to a session: {steps:?}");
    assert!(steps.iter().any(|s| s.starts_with("search")), "followed a search result: {steps:?}");
}
