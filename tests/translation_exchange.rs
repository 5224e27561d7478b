//! The translators' round trip on the six-language fixture: what is left
//! to translate goes out as XLIFF (2.1 and 1.2), comes back translated,
//! and is taken in as `<name>.<code>.md` files that build; a file whose
//! originals changed since, or whose placeholders a translator broke, is
//! refused with the unit named, and nothing is written.

mod common;

use common::languages::*;
use common::*;
use std::fs;
use std::path::Path;

/// Runs `wsis` with `args` in `dir` (the translations commands read no theme).
fn run(dir: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_wsis")).current_dir(dir).args(args).output().unwrap()
}

/// `wsis translations export` of `site` into `lang`, with `args`; the
/// file's text.
fn export(site: &Path, lang: &str, args: &[&str]) -> String {
    let file = site.join(format!("{lang}-{}.xlf", args.join("-")));
    let mut all = vec!["translations", "export", "--language", lang, "--output"];
    let path = file.to_string_lossy().into_owned();
    all.push(&path);
    all.extend(args);
    let out = run(site, &all);
    assert!(out.status.success(), "export: {}", stderr(&out));
    fs::read_to_string(file).unwrap()
}

/// A text's words in reverse order, its edge spaces kept.
fn reversed(text: &str) -> String {
    let start = &text[..text.len() - text.trim_start().len()];
    let end = &text[text.trim_end().len()..];
    let words: Vec<&str> = text.split_whitespace().rev().collect();
    format!("{start}{}{end}", words.join(" "))
}

/// What a translator's tool returns: each unit's target set to its source
/// with each run of words between placeholders reversed, the placeholders
/// where they were. `keep`: the unit ids left untranslated.
fn translate(xliff: &str, keep: &[&str]) -> String {
    let mut out = String::new();
    let mut rest = xliff;
    let mut unit = String::new();
    while let Some(at) = rest.find("<source>") {
        let head = &rest[..at];
        if let Some(id) = head.rfind("id=\"").map(|i| &head[i + 4..]).and_then(|s| s.split('"').next()) {
            if head.contains("<unit ") || head.contains("<trans-unit ") {
                unit = id.to_string();
            }
        }
        let end = rest[at..].find("</source>").unwrap() + at;
        let source = &rest[at + 8..end];
        out.push_str(&rest[..end + 9]);
        rest = &rest[end + 9..];
        // A target the export gave (a translation already) is replaced.
        if let Some(t) = rest.find("<target").filter(|t| rest[..*t].trim().is_empty()) {
            let close = rest.find("</target>").unwrap();
            rest = &rest[close + 9..];
            let _ = t;
        }
        if keep.contains(&unit.as_str()) {
            continue;
        }
        let mut target = String::new();
        for (i, piece) in source.split('<').enumerate() {
            if i == 0 {
                target.push_str(&reversed(piece));
                continue;
            }
            let (tag, text) = piece.split_once('>').unwrap();
            target.push('<');
            target.push_str(tag);
            target.push('>');
            target.push_str(&reversed(text));
        }
        out.push_str(&format!("<target>{target}</target>"));
    }
    out.push_str(rest);
    out
}

fn import(site: &Path, file: &str, text: &str) -> std::process::Output {
    fs::write(site.join(file), text).unwrap();
    run(site, &["translations", "import", file])
}

#[test]
fn an_export_translated_and_imported_builds_in_that_language() {
    for format in ["xliff2", "xliff12"] {
        let tmp = languages_site();
        let site = tmp.path();
        let xliff = export(site, "es", &["--format", format]);
        assert!(xliff.contains("original=\"forums/2020/hlt/e-health.md\""), "the missing translation is there");
        // The link's halves and the picture are placeholders.
        assert!(xliff.contains("summarised in the <"), "{xliff}");
        let out = import(site, "es-done.xlf", &translate(&xliff, &[]));
        assert!(out.status.success(), "{format}: import: {}", stderr(&out));
        let said = String::from_utf8_lossy(&out.stdout);
        assert!(said.contains("forums/2020/hlt/e-health.es.md"), "{said}");
        let written = fs::read_to_string(site.join("content/forums/2020/hlt/e-health.es.md")).unwrap();
        assert!(written.contains("title: \"everyone for E-health\""), "{written}");
        let forum = fs::read_to_string(site.join("content/forums/2020/forum.es.md")).unwrap();
        assert!(forum.contains("[report](@/pages/about.md)"), "the link and its target survive: {forum}");
        let built = wsis(site, &["build", "--no-pdf"]);
        assert!(built.status.success(), "{}", stderr(&built));
        let tree = read_tree(&site.join("output"));
        let page = page(&tree, "es/forums/2020/hlt/e-health/index.html");
        assert!(page.contains("everyone for E-health"), "the Spanish page shows the imported title");
        assert!(!page.contains("<p class=\"notice\" role=\"note\">"), "and no notice: it is translated");
        // Every unit of Spanish was imported: every document counts as translated.
        let report = run(site, &["check", "--translations"]);
        let table = String::from_utf8_lossy(&report.stdout);
        let es = table.lines().find(|l| l.starts_with("es ")).unwrap_or_default().to_string();
        assert!(es.contains("5 of 5"), "{table}");
    }
}

#[test]
fn a_partial_import_leaves_the_rest_in_the_original_s_words_under_a_notice() {
    let tmp = languages_site();
    let site = tmp.path();
    let xliff = export(site, "es", &[]);
    // Only the title of the session without a Spanish translation.
    let keep: Vec<&str> = ["body.1", "body.2", "body.3", "body.4", "speakers.0.role", "facilitators.0.role"].to_vec();
    let out = import(site, "es-done.xlf", &translate(&xliff, &keep));
    assert!(out.status.success(), "{}", stderr(&out));
    let built = wsis(site, &["build", "--no-pdf"]);
    assert!(built.status.success(), "{}", stderr(&built));
    let tree = read_tree(&site.join("output"));
    let page = page(&tree, "es/forums/2020/hlt/e-health/index.html");
    assert!(page.contains("everyone for E-health"), "the title is Spanish (reversed)");
    assert!(page.contains("lang=\"en\""), "the body, still English, says so");
    let report = run(site, &["check", "--translations"]);
    let table = String::from_utf8_lossy(&report.stdout);
    assert!(table.contains("es: incomplete: forums/2020/hlt/e-health.es.md"), "{table}");
}

#[test]
fn an_import_whose_originals_changed_is_refused_unit_by_unit_and_writes_nothing() {
    let tmp = languages_site();
    let site = tmp.path();
    let xliff = export(site, "es", &[]);
    let original = site.join("content/forums/2020/hlt/e-health.md");
    let text = fs::read_to_string(&original).unwrap();
    fs::write(&original, text.replacen("title: E-health for everyone", "title: E-health for all", 1)).unwrap();
    let before = read_tree(&site.join("content"));
    let out = import(site, "es-done.xlf", &translate(&xliff, &[]));
    assert!(!out.status.success(), "refused");
    let err = stderr(&out);
    assert!(err.contains("es-done.xlf:"), "the message names the file and line: {err}");
    assert!(err.contains("forums/2020/hlt/e-health.md `title`: the original changed since the export"), "{err}");
    assert!(err.contains("E-health for all"), "and says what the original reads now: {err}");
    let mut after = read_tree(&site.join("content"));
    after.remove("es-done.xlf");
    assert_eq!(before.keys().collect::<Vec<_>>(), after.keys().collect::<Vec<_>>(), "no file was written");
    assert!(before == after, "no file was changed");
}

#[test]
fn broken_placeholders_are_refused_with_the_unit_and_its_line() {
    let tmp = languages_site();
    let site = tmp.path();
    let xliff = export(site, "es", &["--only", "all"]);
    let done = translate(&xliff, &[]);
    // A translator deleted the link's closing half in the forum's body.
    let closing =
        "<ph id=\"2\" dataRef=\"d2\" disp=\"](@/pages/about.md)\" canCopy=\"no\" canDelete=\"no\"/>.</target>";
    let broken = done.replacen(closing, ".</target>", 1);
    assert_ne!(broken, done, "the fixture has the link");
    // And a tool wrapped a word of a title in markup of its own: both
    // mistakes are said at once.
    let wrapped = broken.replacen(
        "<target>everyone for E-health</target>",
        "<target><pc id=\"1\">everyone</pc> for E-health</target>",
        1,
    );
    assert_ne!(wrapped, broken, "the fixture has the title");
    let broken = wrapped;
    let lines: Vec<&str> = broken.lines().collect();
    let forum = lines.iter().position(|l| l.contains("original=\"forums/2020/forum.md\"")).unwrap();
    let unit_line = forum + lines[forum..].iter().position(|l| l.contains("<unit id=\"body.1\"")).unwrap() + 1;
    let out = import(site, "es-done.xlf", &broken);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains(&format!("es-done.xlf:{unit_line}:")), "line {unit_line}: {err}");
    assert!(err.contains("forums/2020/forum.md `body.1`: placeholder 2 is missing"), "{err}");
    assert!(err.contains("`<pc>` inside a text"), "{err}");
    assert!(!site.join("content/forums/2020/hlt/e-health.es.md").exists(), "nothing is written");
}

#[test]
fn an_export_never_replaces_a_file_and_names_only_site_languages() {
    let tmp = languages_site();
    let site = tmp.path();
    fs::write(site.join("fr.xlf"), "a translator's finished work").unwrap();
    let out = run(site, &["translations", "export", "--language", "fr", "--output", "fr.xlf"]);
    assert!(!out.status.success(), "refused");
    assert!(stderr(&out).contains("fr.xlf exists"), "{}", stderr(&out));
    assert_eq!(fs::read_to_string(site.join("fr.xlf")).unwrap(), "a translator's finished work");
    let out = run(site, &["translations", "export", "--language", "de"]);
    assert!(stderr(&out).contains("`de` is not a language of the site"), "{}", stderr(&out));
    let out = run(site, &["translations", "export", "--language", "en"]);
    assert!(stderr(&out).contains("the site's own language"), "{}", stderr(&out));
    for lang in LANGUAGES.iter().skip(1) {
        let xliff = export(site, lang, &["--only", "all"]);
        assert!(xliff.contains(&format!("trgLang=\"{lang}\"")), "{lang}");
    }
}

#[test]
fn an_outdated_translation_goes_out_with_its_text_to_review_and_the_original_it_translated() {
    let tmp = languages_site();
    let site = tmp.path();
    let git = |args: &[&str], date: &str| git_at(site, args, date);
    git(&["init", "-q"], "2024-01-01T00:00:00Z");
    git(&["add", "content"], "2024-01-01T00:00:00Z");
    git(&["commit", "-q", "-m", "content"], "2024-01-01T00:00:00Z");
    let original = site.join("content/forums/2020/hlt/digital-inclusion.md");
    let text = fs::read_to_string(&original).unwrap();
    fs::write(&original, text.replace("title: Bridging digital divides", "title: Bridging every digital divide"))
        .unwrap();
    git(&["commit", "-q", "-am", "a new title"], "2024-06-01T00:00:00Z");
    for (format, state) in
        [("xliff2", "<segment state=\"initial\">"), ("xliff12", "state=\"needs-review-translation\"")]
    {
        let xliff = export(site, "fr", &["--only", "outdated", "--format", format]);
        assert_eq!(xliff.matches("original=\"").count(), 1, "{format}: only the outdated document:\n{xliff}");
        let title = &xliff[xliff.find("id=\"title\"").unwrap()..];
        let title = &title[..title.find("</unit>").or_else(|| title.find("</trans-unit>")).unwrap()];
        assert!(title.contains("Bridging every digital divide"), "{format}: the original now:\n{title}");
        assert!(title.contains("Réduire les fractures numériques"), "{format}: the translation to review:\n{title}");
        assert!(title.contains(state), "{format}: marked for review:\n{title}");
        let was = if format == "xliff2" {
            "<note category=\"previous-source\">Bridging digital divides</note>"
        } else {
            "<alt-trans>\n          <source>Bridging digital divides</source>"
        };
        assert!(title.contains(was), "{format}: what the translation translated:\n{title}");
        // The body did not change: its translation stays translated.
        let body = &xliff[xliff.find("id=\"body.2\"").unwrap()..];
        assert!(!body[..body.find("</source>").unwrap()].contains("previous-source"), "{format}");
    }
}

#[test]
fn a_translated_field_past_its_limit_is_refused_at_its_unit() {
    let tmp = languages_site();
    let site = tmp.path();
    let xliff = export(site, "ru", &["--format", "xliff12"]);
    assert!(xliff.contains("size-unit=\"char\" maxwidth=\"4096\""), "the tool is told the limit");
    let long = "слово ".repeat(1000);
    let done = translate(&xliff, &[]).replacen(
        "<target>everyone for E-health</target>",
        &format!("<target>{long}</target>"),
        1,
    );
    let out = import(site, "ru-done.xlf", &done);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("forums/2020/hlt/e-health.md `title`: 5999 characters: a field holds at most 4096"), "{err}");
    assert!(!site.join("content/forums/2020/hlt/e-health.ru.md").exists(), "nothing is written");
}

#[test]
fn a_file_returned_untouched_changes_no_translation() {
    let tmp = languages_site();
    let site = tmp.path();
    let xliff = export(site, "fr", &["--only", "all"]);
    assert!(xliff.contains("<target>"), "the French translations go out as targets");
    let before = read_tree(&site.join("content"));
    let out = import(site, "fr-back.xlf", &xliff);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("Imported 0 units into 0"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let mut after = read_tree(&site.join("content"));
    after.remove("fr-back.xlf");
    assert!(before == after, "no translation file was written again");
}

#[test]
fn an_export_is_never_written_into_the_content_folder() {
    let tmp = languages_site();
    let site = tmp.path();
    for output in ["content/fr.xlf", "content/pages/../fr.xlf", "./content/forums/fr.xlf"] {
        let out = run(site, &["translations", "export", "--language", "fr", "--output", output]);
        assert_eq!(out.status.code(), Some(2), "{output}");
        assert!(stderr(&out).contains("is inside the content folder"), "{output}: {}", stderr(&out));
    }
    assert!(!site.join("content/fr.xlf").exists() && !site.join("content/forums/fr.xlf").exists());
    let checked = wsis(site, &["check", "--no-pdf"]);
    assert!(checked.status.success(), "the content still checks: {}", stderr(&checked));
}

/// Translation tools may save XLIFF as UTF-16 (XML allows it, with a byte
/// order mark): it is read as the same file; bytes that are no text are
/// refused at their line.
#[test]
fn a_file_saved_as_utf_16_imports_and_one_that_is_not_text_is_refused_at_its_line() {
    let tmp = languages_site();
    let site = tmp.path();
    let xliff = translate(&export(site, "es", &[]), &[]).replacen("encoding=\"UTF-8\"", "encoding=\"UTF-16\"", 1);
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(xliff.encode_utf16().flat_map(u16::to_le_bytes));
    fs::write(site.join("es-utf16.xlf"), bytes).unwrap();
    let out = run(site, &["translations", "import", "es-utf16.xlf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let written = fs::read_to_string(site.join("content/forums/2020/hlt/e-health.es.md")).unwrap();
    assert!(written.contains("title: \"everyone for E-health\""), "{written}");

    let mut broken = xliff.into_bytes();
    let line = 1 + broken.iter().take(200).filter(|b| **b == b'\n').count();
    broken.insert(200, 0xFF);
    fs::write(site.join("es-broken.xlf"), broken).unwrap();
    let out = run(site, &["translations", "import", "es-broken.xlf"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(&format!("es-broken.xlf:{line}:1: error: the file is not UTF-8 text")),
        "{}",
        stderr(&out)
    );
}
