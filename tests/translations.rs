//! The translator's side of a six-language site (`tests/fixtures/languages`):
//! `wsis new translation`, what a scaffolded, partial or complete
//! translation publishes and how `check --translations` counts it, a
//! translation's headings, people and publications per language, and its
//! date from git.

mod common;

use common::languages::*;
use common::*;
use std::fs;
use std::path::Path;

/// `wsis new ...` in `dir` (it takes no theme).
fn wsis_new(dir: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_wsis")).current_dir(dir).arg("new").args(args).output().unwrap()
}

#[test]
fn new_translation_writes_the_originals_text_to_replace_and_builds() {
    let tmp = languages_site();
    let out = wsis_new(tmp.path(), &["translation", "content/forums/2020/hlt/e-health.md", "es"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let path = tmp.path().join("content/forums/2020/hlt/e-health.es.md");
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains("title: \"E-health for everyone\""), "{text}");
    assert!(text.contains("Participants discussed digital health services."), "the body to translate");
    assert!(!text.contains("date:") && !text.contains("sdgs:"), "nothing that comes from the original");
    let forum = wsis_new(tmp.path(), &["translation", "forums/2020/forum.md", "ru"]);
    assert!(!forum.status.success() && stderr(&forum).contains("already exists"), "never over a file");
    let fresh = tempfile::tempdir().unwrap();
    copy_dir(&fixture("languages").join("content"), &fresh.path().join("content"));
    fs::remove_file(fresh.path().join("content/forums/2020/forum.ru.md")).unwrap();
    let forum = wsis_new(fresh.path(), &["translation", "forums/2020/forum.md", "ru"]);
    assert!(forum.status.success(), "{}", stderr(&forum));
    let text = fs::read_to_string(fresh.path().join("content/forums/2020/forum.ru.md")).unwrap();
    assert!(text.contains("key_figures:\n  - { label: \"Cumulative attendance\" }"), "{text}");
    assert!(text.contains("quotes:\n  - { text: \"Connectivity is a right for everyone.\" }"), "{text}");
    let distribution =
        "distributions:\n  - { title: \"Participation by gender\", parts: [{ label: \"Women\" }, { label: \"Men\" }] }";
    assert!(text.contains(distribution), "{text}");
    let check = wsis(fresh.path(), &["check", "--deny-warnings"]);
    assert!(check.status.success(), "a new translation checks as written:\n{}", stderr(&check));
    let de = wsis_new(tmp.path(), &["translation", "pages/about.md", "de"]);
    assert!(stderr(&de).contains("`de` is not a language of this site"), "{}", stderr(&de));
    let en = wsis_new(tmp.path(), &["translation", "pages/about.md", "en"]);
    assert!(stderr(&en).contains("default language"), "{}", stderr(&en));
}

/// The e-health session's English body, marked as English and left to
/// right where a page in another language shows it.
const ENGLISH_E_HEALTH_BODY: &str =
    "lang=\"en\" dir=\"ltr\">\n<h2 id=\"recommendations\">Recommendations</h2>\n<p>Participants discussed";

/// The table `wsis check --translations` prints for `site`.
fn translation_table(site: &Path) -> String {
    String::from_utf8_lossy(&wsis(site, &["check", "--translations"]).stdout).into_owned()
}

/// The page of `rel` in `lang` once `wsis build --no-pdf` has run in `site`.
fn built_page(site: &Path, path: &str) -> String {
    fs::read_to_string(site.join("output").join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn a_scaffolded_translation_built_as_is_is_published_and_counted_as_the_original() {
    let tmp = languages_site();
    let out = wsis_new(tmp.path(), &["translation", "content/forums/2020/hlt/e-health.md", "ar"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let scaffold = fs::read_to_string(tmp.path().join("content/forums/2020/hlt/e-health.ar.md")).unwrap();
    assert!(scaffold.contains("title: \"E-health for everyone\"  # translate"), "the line to translate is marked");
    let built = wsis(tmp.path(), &["build", "--no-pdf"]);
    assert!(built.status.success(), "{}", stderr(&built));
    let page = built_page(tmp.path(), "ar/forums/2020/hlt/e-health/index.html");
    assert!(page.contains("<p class=\"notice\" role=\"note\">هذه الصفحة غير متاحة بعد باللغة العربية"), "{page}");
    assert!(page.contains("<h1 dir=\"auto\" lang=\"en\">E-health for everyone</h1>"), "{page}");
    assert!(page.contains(ENGLISH_E_HEALTH_BODY), "the English body runs left to right");
    let table = translation_table(tmp.path());
    assert!(table.contains("ar: untranslated: forums/2020/hlt/e-health.ar.md:"), "{table}");
    assert!(table.contains("(title, body)"), "{table}");
    assert!(
        table.contains("ar           1 of 5             2        2         0"),
        "not counted as translated:\n{table}"
    );
    for format in ["json", "sarif"] {
        let out = wsis(tmp.path(), &["check", "--translations", "--format", format]);
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(text.contains("translation-incomplete") && text.contains("e-health.ar.md"), "{format}: {text}");
    }
    let json = wsis(tmp.path(), &["check", "--translations", "--format", "json"]);
    let line = String::from_utf8_lossy(&json.stdout)
        .lines()
        .find(|l| l.contains("e-health.ar.md"))
        .map(str::to_string)
        .unwrap_or_default();
    let title_line = scaffold.lines().position(|l| l.starts_with("title:")).unwrap() + 1;
    assert!(line.contains(&format!("\"line\":{title_line},")), "the title's line: {line}");
    let denied = wsis(tmp.path(), &["check", "--translations", "--deny-warnings"]);
    assert_eq!(denied.status.code(), Some(1), "{}", stderr(&denied));
}

#[test]
fn a_translation_of_the_title_alone_marks_the_rest_as_the_originals_on_a_mixed_page() {
    let tmp = languages_site();
    let out = wsis_new(tmp.path(), &["translation", "content/forums/2020/hlt/e-health.md", "ar"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let path = tmp.path().join("content/forums/2020/hlt/e-health.ar.md");
    let text = fs::read_to_string(&path).unwrap();
    let text = text.replace("title: \"E-health for everyone\"  # translate", "title: \"الصحة الإلكترونية للجميع\"");
    fs::write(&path, text).unwrap();
    let built = wsis(tmp.path(), &["build", "--no-pdf"]);
    assert!(built.status.success(), "{}", stderr(&built));
    let page = built_page(tmp.path(), "ar/forums/2020/hlt/e-health/index.html");
    assert!(page.contains("بعض أجزاء هذه الصفحة غير متاحة بعد باللغة العربية"), "the partial notice: {page}");
    assert!(!page.contains("<h1 dir=\"auto\" lang=\"en\""), "the translated title is not marked English");
    assert!(page.contains("الصحة الإلكترونية للجميع</h1>"));
    assert!(page.contains(ENGLISH_E_HEALTH_BODY), "the English body runs left to right");
    let table = translation_table(tmp.path());
    assert!(table.contains("ar: incomplete: forums/2020/hlt/e-health.ar.md:"), "{table}");
    assert!(table.contains("(body)"), "{table}");
    // A forum translation with fewer list items: the rest keep English, marked.
    let zh = built_page(tmp.path(), "zh/forums/2020/index.html");
    assert!(zh.contains("本页部分内容尚无中文版本"), "the partial notice in Chinese");
    assert!(zh.contains("<bdi lang=\"en\" dir=\"ltr\">Cumulative attendance</bdi>"), "an untranslated key figure");
}

#[test]
fn a_translation_s_headings_keep_the_original_s_ids_so_links_to_sections_hold() {
    let (_tmp, tree) = build_languages_site();
    for code in ["en", "fr", "ar", "zh"] {
        let path = format!("{}forums/2020/hlt/digital-inclusion/index.html", prefix(code));
        let html = page(&tree, &path);
        assert!(html.contains("<h2 id=\"recommendations\""), "{path}: the section's id is the original's");
    }
    let ar = page(&tree, "ar/forums/2020/hlt/digital-inclusion/index.html");
    assert!(!ar.contains("id=\"النتائج\""), "no id made from the translated heading");
    let brief = page(&tree, "ar/forums/2020/brief/index.html");
    assert!(brief.contains("id=\"session-digital-inclusion_recommendations\""), "the brief's too");
}

#[test]
fn venue_sources_roles_and_a_publication_s_address_are_given_per_language() {
    let tmp = languages_site();
    let content = tmp.path().join("content/forums/2020");
    let forum = fs::read_to_string(content.join("forum.md")).unwrap();
    let forum = forum.replace(
        "action_lines: [C2]",
        "publications:\n  - { title: Outcome report, kind: outcome-document, url: \"https://www.itu.int/report-en\" }\n\
         hlt_facilitators:\n  - { name: A. Moderator, role: Moderator, organization: ITU }\n\
         sources:\n  - \"https://www.itu.int/sources-en\"\naction_lines: [C2]",
    );
    fs::write(content.join("forum.md"), forum).unwrap();
    let ar = fs::read_to_string(content.join("forum.ar.md")).unwrap();
    let ar = ar.replacen(
        "key_figures:",
        "venue: \"عبر الإنترنت\"\npublications:\n  - { title: \"تقرير النتائج\", url: \"https://www.itu.int/report-ar\" }\n\
         hlt_facilitators:\n  - { role: \"ميسّر\", organization: \"الاتحاد الدولي للاتصالات\" }\n\
         sources:\n  - \"https://www.itu.int/sources-ar\"\nkey_figures:",
        1,
    );
    fs::write(content.join("forum.ar.md"), ar).unwrap();
    let built = wsis(tmp.path(), &["build", "--no-pdf"]);
    assert!(built.status.success(), "{}", stderr(&built));
    let page = built_page(tmp.path(), "ar/forums/2020/index.html");
    assert!(page.contains("<bdi>عبر الإنترنت</bdi>"), "the venue in Arabic");
    assert!(
        page.contains("href=\"https://www.itu.int/report-ar\"") && !page.contains("report-en"),
        "the Arabic address"
    );
    assert!(page.contains("ميسّر") && page.contains("الاتحاد الدولي للاتصالات"), "the role and organization");
    let brief = built_page(tmp.path(), "ar/forums/2020/brief/index.html");
    assert!(brief.contains("https://www.itu.int/sources-ar") && !brief.contains("sources-en"), "the Arabic sources");
    let fr = built_page(tmp.path(), "fr/forums/2020/index.html");
    assert!(fr.contains("report-en") && fr.contains("Moderator"), "other languages keep the original's");
    // A translated address is checked as the original's is.
    let bad = fs::read_to_string(content.join("forum.ar.md"))
        .unwrap()
        .replace("https://www.itu.int/report-ar", "javascript:x");
    fs::write(content.join("forum.ar.md"), bad).unwrap();
    let check = wsis(tmp.path(), &["check"]);
    assert!(
        stderr(&check).contains("forum.ar.md:") && stderr(&check).contains("should be a web address"),
        "{}",
        stderr(&check)
    );
}

#[test]
fn counts_take_each_language_s_plural_forms() {
    let tmp = languages_site();
    let forum = tmp.path().join("content/forums/2020/forum.md");
    let text = fs::read_to_string(&forum)
        .unwrap()
        .replace("{ title: ICTs and Youth }", "{ title: ICTs and Youth, sessions: 3 }");
    fs::write(&forum, text).unwrap();
    let built = wsis(tmp.path(), &["build", "--no-pdf"]);
    assert!(built.status.success(), "{}", stderr(&built));
    for (code, form) in [("en", "(3 sessions)"), ("ru", "(3 сессии)"), ("ar", "(3 جلسات)"), ("zh", "（3 场会议）")]
    {
        let page = built_page(tmp.path(), &format!("{}forums/2020/index.html", prefix(code)));
        assert!(page.contains(form), "{code}: {form}");
    }
    let text = fs::read_to_string(&forum).unwrap().replace("sessions: 3 }", "sessions: 1 }");
    fs::write(&forum, text).unwrap();
    assert!(wsis(tmp.path(), &["build", "--no-pdf"]).status.success());
    assert!(built_page(tmp.path(), "forums/2020/index.html").contains("(1 session)"));
    assert!(built_page(tmp.path(), "ar/forums/2020/index.html").contains("(جلسة واحدة)"));
    // The search page gives its script each form the language has.
    let search = built_page(tmp.path(), "ru/search/index.html");
    for category in ["one", "few", "many", "other"] {
        assert!(search.contains(&format!("data-results-{category}=")), "ru: {category}");
    }
}

#[test]
fn check_translations_reports_missing_and_outdated_translations_per_language() {
    let tmp = languages_site();
    let content = tmp.path().join("content");
    let long_ago = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_600_000_000);
    for entry in walkdir::WalkDir::new(&content).into_iter().filter_map(Result::ok).filter(|e| e.file_type().is_file())
    {
        fs::File::options().write(true).open(entry.path()).unwrap().set_modified(long_ago).unwrap();
    }
    // The original changes after its French translation was written.
    let original = content.join("forums/2020/hlt/digital-inclusion.md");
    fs::File::options().write(true).open(&original).unwrap().set_modified(std::time::SystemTime::now()).unwrap();
    let out = wsis(tmp.path(), &["check", "--translations"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let table = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(table.contains("language  translated  incomplete  missing  outdated"), "{table}");
    assert!(table.contains("es           0 of 5             1        4         0"), "{table}");
    // The Spanish forum translates its title and body, not its lists.
    assert!(table.contains("es: incomplete: forums/2020/forum.es.md:"), "{table}");
    assert!(table.contains("fr: outdated: forums/2020/hlt/digital-inclusion.fr.md"), "{table}");
    assert!(table.contains("ru: missing: forums/2020/hlt/digital-inclusion.md"), "{table}");
    let json = wsis(tmp.path(), &["check", "--translations", "--format", "json"]);
    let lines = String::from_utf8_lossy(&json.stdout).into_owned();
    assert!(lines.lines().all(|l| l.starts_with('{')), "one JSON object a line:\n{lines}");
    assert!(lines.contains("\"code\":\"translation-outdated\"") && lines.contains("\"code\":\"translation-missing\""));
    // --deny-warnings means it for translations too, in every format.
    for format in ["human", "json", "sarif"] {
        let denied = wsis(tmp.path(), &["check", "--translations", "--deny-warnings", "--format", format]);
        assert_eq!(denied.status.code(), Some(1), "{format}: {}", stderr(&denied));
    }
    let denied = wsis(tmp.path(), &["check", "--translations", "--deny-warnings"]);
    assert!(stderr(&denied).contains("error: --deny-warnings:"), "{}", stderr(&denied));
}

#[test]
fn in_a_git_repository_a_translation_is_dated_by_its_last_commit() {
    let tmp = languages_site();
    let git = |args: &[&str], date: &str| git_at(tmp.path(), args, date);
    git(&["init", "-q"], "2024-01-01T00:00:00Z");
    git(&["add", "."], "2024-01-01T00:00:00Z");
    git(&["commit", "-q", "-m", "content"], "2024-01-01T00:00:00Z");
    let page = tmp.path().join("content/pages/about.md");
    fs::write(&page, fs::read_to_string(&page).unwrap() + "\nIt meets every year.\n").unwrap();
    git(&["commit", "-q", "-am", "about: one more sentence"], "2024-06-01T00:00:00Z");
    // A checkout gives every file the same time; the history still tells.
    let now = std::time::SystemTime::now();
    for entry in walkdir::WalkDir::new(tmp.path().join("content")).into_iter().filter_map(Result::ok) {
        if entry.file_type().is_file() {
            fs::File::options().write(true).open(entry.path()).unwrap().set_modified(now).unwrap();
        }
    }
    let out = wsis(tmp.path(), &["check", "--translations"]);
    let table = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        table.contains(
            "fr: outdated: pages/about.fr.md (pages/about.md changed 2024-06-01, the translation 2024-01-01)"
        ),
        "{table}"
    );
    assert_eq!(table.matches("outdated: ").count(), 1, "only that one:\n{table}");
}
