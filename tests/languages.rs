//! A site in the six UN languages (`tests/fixtures/languages`): some
//! documents translated, some not. Every page exists in every language,
//! says which language it is in and which way it reads, links to itself in
//! the others, and shows an untranslated original under a notice with the
//! original's `lang`; dates, numbers, briefs, search, feeds and open data
//! follow the language.

mod common;

use common::languages::*;
use common::*;
use std::fs;
use std::path::Path;

#[test]
fn every_page_exists_in_every_language_with_its_lang_dir_and_alternates() {
    let (tmp, tree) = build_languages_site();
    let english: Vec<&String> = tree
        .keys()
        .filter(|p| p.ends_with(".html") && !LANGUAGES.iter().any(|l| p.starts_with(&format!("{l}/"))))
        .collect();
    assert!(english.len() > 20, "the English tree has its pages");
    for code in LANGUAGES {
        for rel in &english {
            let path = format!("{}{rel}", prefix(code));
            let html = page(&tree, &path);
            let dir = if code == "ar" { "rtl" } else { "ltr" };
            assert!(html.contains(&format!("<html lang=\"{code}\" dir=\"{dir}\">")), "{path}: lang and dir");
            if rel.as_str() == "404.html" {
                continue;
            }
            for other in LANGUAGES {
                let alternate = format!(
                    "<link rel=\"alternate\" hreflang=\"{other}\" href=\"https://example.org/wsis/{}{rel}\">",
                    prefix(other)
                );
                // A page that shows the original for want of a translation
                // is no alternate: it points to the original instead.
                let fallback = page(&tree, &format!("{}{rel}", prefix(other)))
                    .contains("<p class=\"notice\" role=\"note\">")
                    && page(&tree, &format!("{}{rel}", prefix(other))).contains("rel=\"canonical\"");
                assert_eq!(html.contains(&alternate), !fallback, "{path}: the hreflang alternate for {other}");
            }
            let default = format!("hreflang=\"x-default\" href=\"https://example.org/wsis/{rel}\"");
            assert!(html.contains(&default), "{path}: x-default is the English page");
        }
    }
    // Every link resolves: the switcher's, the menus', the bodies' (a static
    // file from a translated body leads to the one copy at the root).
    let broken = broken_references(&tmp.path().join("output"));
    assert!(broken.is_empty(), "broken references:\n{}", broken.join("\n"));
    assert!(!tree.keys().any(|p| p.starts_with("fr/static/")), "static files are not copied per language");
}

#[test]
fn a_page_shown_in_the_original_is_no_alternate_and_points_to_the_original() {
    let (_tmp, tree) = build_languages_site();
    // e-health has no Spanish translation: the Spanish page is English.
    let es = page(&tree, "es/forums/2020/hlt/e-health/index.html");
    let canonical = "<link rel=\"canonical\" href=\"https://example.org/wsis/forums/2020/hlt/e-health/index.html\">";
    assert!(es.contains(canonical), "{es}");
    let en = page(&tree, "forums/2020/hlt/e-health/index.html");
    assert!(!en.contains("hreflang=\"es\" href"), "the English page names no Spanish alternate");
    assert!(!en.contains("rel=\"canonical\""), "the original is its own");
    let sitemap = page(&tree, "sitemap.xml");
    let entry = sitemap
        .lines()
        .find(|l| l.contains("<loc>https://example.org/wsis/forums/2020/hlt/e-health/index.html</loc>"))
        .expect("the page is in the sitemap");
    assert!(!entry.contains("hreflang=\"es\""), "{entry}");
    assert!(
        entry.contains("hreflang=\"x-default\" href=\"https://example.org/wsis/forums/2020/hlt/e-health/index.html\"")
    );
    let translated = sitemap
        .lines()
        .find(|l| l.contains("<loc>https://example.org/wsis/forums/2020/hlt/digital-inclusion/index.html</loc>"))
        .unwrap();
    assert!(translated.contains("hreflang=\"fr\""), "a translated page keeps its alternates: {translated}");
}

#[test]
fn a_sitemap_file_is_split_before_it_passes_the_protocol_s_fifty_megabytes() {
    // Each address of a six-language sitemap names its page in seven
    // places: the plan splits files by a bound on an entry's bytes, which
    // must hold for every entry the theme writes.
    let (_tmp, tree) = build_languages_site();
    let sitemap = page(&tree, "sitemap.xml");
    let site = wsis::check(&fixture("languages").join("content"), false).expect("the fixture checks");
    let config = site.linked.model.site.expect("site.yaml");
    let longest = tree.keys().map(String::len).max().unwrap_or(0);
    let bound = wsis::plan::sitemap_entry_bound(&config, longest);
    let entries: Vec<&str> = sitemap.lines().filter(|l| l.contains("<url>")).collect();
    assert!(entries.len() > 50, "{} addresses", entries.len());
    for entry in entries {
        assert!(entry.len() < bound, "{} bytes over a bound of {bound}: {entry}", entry.len() + 1);
    }
    // At that bound, 50,000 such addresses would not fit in one file.
    assert!(bound * 50_000 > 45 * 1024 * 1024, "the bound {bound} splits nothing at the protocol's limit");
}

#[test]
fn the_switcher_names_each_language_in_itself_and_marks_the_current_one() {
    let (_tmp, tree) = build_languages_site();
    let html = page(&tree, "zh/forums/2020/index.html");
    let start = html.find("<nav class=\"languages\"").expect("a language switcher");
    let nav = &html[start..start + html[start..].find("</nav>").unwrap()];
    assert!(nav.contains("aria-label=\"语言\""), "the switcher is labelled in the page's language");
    for (code, name) in [("en", "English"), ("fr", "Français"), ("ar", "العربية"), ("ru", "Русский")] {
        let link = format!("lang=\"{code}\" hreflang=\"{code}\"");
        assert!(nav.contains(&link) && nav.contains(name), "{code} is offered as {name}");
    }
    assert!(nav.contains("href=\"../../../fr/forums/2020/index.html\""), "the same page in French");
    assert!(nav.contains("lang=\"zh\" hreflang=\"zh\" dir=\"ltr\" aria-current=\"true\""), "the current language");
}

#[test]
fn a_translated_page_shows_the_translation_and_an_untranslated_one_the_original_under_a_notice() {
    let (_tmp, tree) = build_languages_site();
    let fr = page(&tree, "fr/forums/2020/hlt/digital-inclusion/index.html");
    assert!(fr.contains("Réduire les fractures numériques"));
    assert!(fr.contains("connectivité abordable"));
    assert!(!fr.contains("class=\"notice\""), "a translated page has no notice");
    let es = page(&tree, "es/forums/2020/hlt/digital-inclusion/index.html");
    assert!(es.contains("<p class=\"notice\" role=\"note\">Esta página aún no está disponible en español"));
    assert!(es.contains("<h1 dir=\"auto\" lang=\"en\">Bridging digital divides</h1>"), "the original's lang");
    assert!(es.contains("lang=\"en\" dir=\"ltr\">\n<h2"), "the body is marked English, left to right");
    // On a right-to-left page, English text keeps its own direction.
    let ar = page(&tree, "ar/forums/2020/hlt/e-health/index.html");
    assert!(ar.contains("lang=\"en\" dir=\"ltr\">\n<h2"), "the English body on the Arabic page runs left to right");
    assert!(
        ar.contains("<span lang=\"en\" dir=\"ltr\">Outcome documents of the WSIS Forum</span>"),
        "the English site description in the Arabic footer is isolated"
    );
    let ar_home = page(&tree, "ar/index.html");
    assert!(ar_home.contains("<p class=\"lead\" lang=\"en\" dir=\"ltr\">Outcome documents of the WSIS Forum</p>"));
    assert!(es.contains("<h2 id=\"section-facilitators\">") || es.contains("Sesiones de alto nivel"));
    // Lists in an untranslated language mark the original titles too.
    let ru_forum = page(&tree, "ru/forums/2020/index.html");
    assert!(ru_forum.contains("dir=\"auto\" lang=\"en\">Bridging digital divides</a>"), "{ru_forum}");
    assert!(ru_forum.contains("Форум ВВУИО 2020 года"), "the forum itself is translated");
    // Reference titles come in the reader's language, English where none is given.
    let sdg = page(&tree, "ar/sdgs/3/index.html");
    assert!(sdg.contains("الصحة الجيدة والرفاه"));
    let c2 = page(&tree, "fr/action-lines/c2/index.html");
    assert!(c2.contains("Infrastructure de l’information") || c2.contains("Infrastructure de l&#39;information"));
}

#[test]
fn dates_and_numbers_are_written_the_readers_way() {
    let (_tmp, tree) = build_languages_site();
    let fr = page(&tree, "fr/forums/2020/index.html");
    assert!(fr.contains("22 juin – 10 septembre 2020"), "French dates");
    assert!(fr.contains("15\u{202f}000"), "French digit groups with a narrow no-break space");
    assert!(fr.contains("environ 150"));
    assert!(fr.contains("Participation par genre") && fr.contains("Femmes"), "a distribution's title and labels");
    assert!(fr.contains("Les TIC et la jeunesse"), "a special track's title");
    assert!(page(&tree, "zh/forums/2020/index.html").contains("2020年6月22日"));
    assert!(page(&tree, "ru/forums/2020/index.html").contains("22 июня"));
    assert!(page(&tree, "es/forums/2020/index.html").contains("22 de junio"));
    assert!(page(&tree, "forums/2020/index.html").contains("22 June – 10 September 2020"));
    // Percentages and composed strings follow the language's conventions.
    assert!(fr.contains("<td>40\u{202f}%</td>"), "CLDR's French percent: a narrow space before %");
    assert!(page(&tree, "forums/2020/index.html").contains("<td>40%</td>"));
    assert!(
        page(&tree, "zh/action-lines/c2/index.html").contains("<h1>C2：信息和通信基础设施</h1>")
            || page(&tree, "zh/action-lines/c2/index.html").contains("<h1>C2：Information"),
        "a full-width colon in Chinese"
    );
    assert!(page(&tree, "fr/action-lines/c2/index.html").contains("<h1>C2\u{202f}: "), "a French colon");
}

#[test]
fn each_language_has_its_feed_open_data_and_search_index() {
    let (_tmp, tree) = build_languages_site();
    let feed = page(&tree, "fr/atom.xml");
    assert!(feed.contains("xml:lang=\"fr\"") && feed.contains("Réduire les fractures numériques"));
    assert!(feed.contains("https://example.org/wsis/fr/forums/2020/hlt/digital-inclusion/index.html"));
    let data = page(&tree, "ar/data/sessions.json");
    assert!(data.contains("سد الفجوات الرقمية"), "open data in Arabic");
    let terms = |code: &str| -> String {
        tree.iter()
            .filter(|(p, _)| p.starts_with(&format!("{}search/terms-", prefix(code))))
            .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
            .collect()
    };
    assert!(terms("zh").contains("\"数字\""), "Chinese is indexed in character pairs");
    assert!(terms("ar").contains("\"فجوات\""), "Arabic without its article");
    assert!(terms("fr").contains("\"developpement\""), "French without accents");
    assert!(!terms("en").contains("\"数字\""), "each language has its own index");
    assert!(page(&tree, "ar/search/index.html").contains("src=\"../../assets/search.js\""));
}

#[test]
fn each_language_has_its_brief_with_its_language_and_fonts_and_the_same_bytes_twice() {
    let (tmp, tree) = build_languages_site();
    for (code, title) in [("fr", "Forum du SMSI 2020"), ("ar", "منتدى القمة العالمية"), ("zh", "信息社会世界峰会论坛")]
    {
        let path = format!("{code}/forums/2020/brief.{code}.pdf");
        let pdf = tree.get(&path).unwrap_or_else(|| panic!("no {path}"));
        let has = |needle: &[u8]| pdf.windows(needle.len()).any(|w| w == needle);
        assert!(has(format!("/Lang({code})").as_bytes()), "{path}: /Lang is {code}");
        assert!(has(b"<pdfuaid:part>1</pdfuaid:part>"), "{path}: still PDF/UA-1");
        let doc = lopdf::Document::load_mem(pdf).unwrap();
        let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
        let text = doc.extract_text(&pages).unwrap_or_default();
        let text: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let words: String = title.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(text.contains(&words) || code == "ar", "{path}: the title is in its text");
    }
    assert!(tree.contains_key("forums/2020/brief.en.pdf"), "the default language's brief names its language");
    assert!(page(&tree, "fr/forums/2020/index.html").contains("forums/2020/brief.fr.pdf\">"));
    let again = wsis(tmp.path(), &["build"]);
    assert!(again.status.success());
    for code in LANGUAGES {
        let path = format!("{}forums/2020/brief.{code}.pdf", prefix(code));
        let second = fs::read(tmp.path().join("output").join(&path)).unwrap();
        assert!(tree[&path] == second, "{path} is byte-identical across builds");
    }
}

#[test]
fn the_default_language_can_have_its_own_folder_with_a_language_list_at_the_root() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixture("languages").join("content"), &tmp.path().join("content"));
    let site = tmp.path().join("content/site.yaml");
    let yaml = fs::read_to_string(&site).unwrap();
    fs::write(&site, yaml.replace("base_url:", "default_language: folder\nbase_url:")).unwrap();
    let out = wsis(tmp.path(), &["build", "--no-pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let output = tmp.path().join("output");
    let root = fs::read_to_string(output.join("index.html")).unwrap();
    for code in LANGUAGES {
        assert!(root.contains(&format!("href=\"{code}/index.html\" lang=\"{code}\"")), "the root lists {code}");
        assert!(output.join(code).join("forums/2020/index.html").exists());
    }
    assert!(!output.join("forums").exists(), "no language sits at the root");
    // Hosts answer a missing address with the root's 404.html: it exists,
    // in the default language, its links leading into that language's folder.
    let not_found = fs::read_to_string(output.join("404.html")).expect("a 404 page at the root");
    assert!(not_found.contains("<html lang=\"en\"") && not_found.contains("href=\"en/forums/index.html\""));
    let broken = broken_references(Path::new(&output));
    assert!(broken.is_empty(), "broken references:\n{}", broken.join("\n"));
}

#[test]
fn a_template_reads_interface_strings_as_a_map_or_through_the_function_alike() {
    let tmp = languages_site();
    let templates = tmp.path().join("themes/default/templates");
    fs::create_dir_all(&templates).unwrap();
    let forms =
        r#"<html><p>{{ t(k="not_found") }}|{{ t.not_found }}|{% set key = "not_" ~ "found" %}{{ t[key] }}</p></html>"#;
    fs::write(templates.join("404.html"), forms).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_wsis"))
        .current_dir(tmp.path())
        .args(["build", "--no-pdf"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    for (path, text) in
        [("404.html", "Page not found"), ("fr/404.html", "Page introuvable"), ("ar/404.html", "الصفحة غير موجودة")]
    {
        let html = fs::read_to_string(tmp.path().join("output").join(path)).unwrap();
        assert!(html.contains(&format!("<p>{text}|{text}|{text}</p>")), "{path}: {html}");
    }
}

#[test]
fn a_theme_whose_strings_lack_a_key_or_a_language_is_an_error_naming_them() {
    let tmp = languages_site();
    let theme = tmp.path().join("themes/default/strings");
    fs::create_dir_all(&theme).unwrap();
    let fr = fs::read_to_string(repo().join("themes/default/strings/fr.yaml")).unwrap();
    let without: String = fr.lines().filter(|l| !l.starts_with("search_button:")).map(|l| format!("{l}\n")).collect();
    fs::write(theme.join("fr.yaml"), without).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_wsis"))
        .current_dir(tmp.path())
        .args(["build", "--no-pdf"])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("strings/fr.yaml: the key `search_button` is missing"), "{err}");
    assert!(!tmp.path().join("output").exists(), "nothing is written");
    let site = tmp.path().join("content/site.yaml");
    fs::write(&site, fs::read_to_string(&site).unwrap().replace("  - code: ru", "  - de\n  - code: ru")).unwrap();
    let err = stderr(
        &std::process::Command::new(env!("CARGO_BIN_EXE_wsis"))
            .current_dir(tmp.path())
            .args(["build", "--no-pdf"])
            .output()
            .unwrap(),
    );
    assert!(err.contains("no interface strings for `de`: add `strings/de.yaml`"), "{err}");
}

#[test]
fn the_printed_brief_and_the_page_arrows_speak_the_reader_s_language_and_direction() {
    let (_tmp, tree) = build_languages_site();
    for (code, words) in [
        ("ar", r#"content: "الصفحة " counter(page) " من " counter(pages)"#),
        ("fr", r#"content: "Page " counter(page) " sur " counter(pages)"#),
        ("zh", r#"content: "第 " counter(page) " 页，共 " counter(pages) " 页""#),
    ] {
        let brief = page(&tree, &format!("{code}/forums/2020/brief/index.html"));
        assert!(brief.contains(words), "{code}: the printed footer is not in the reader's language");
    }
    let ar = page(&tree, "ar/forums/2020/hlt/digital-inclusion/index.html");
    assert!(ar.contains("<bdi>E-health for everyone</bdi> ←</a>"), "next points left on a right-to-left page");
    let en = page(&tree, "forums/2020/hlt/digital-inclusion/index.html");
    assert!(en.contains("<bdi>E-health for everyone</bdi> →</a>"));
}

/// A build without PDF briefs makes each language's view of the model as
/// it writes that language's pages and lets it go after them; serve makes
/// them all at once. Both must write the same site, byte for byte, with
/// the default language at the root or in a folder of its own (then its
/// tree has a view too), untranslated and partly translated pages included.
#[test]
fn views_made_in_turn_write_the_site_that_views_made_at_once_write() {
    for folder in [false, true] {
        let tmp = languages_site();
        if folder {
            let site = tmp.path().join("content/site.yaml");
            let yaml = fs::read_to_string(&site).unwrap();
            fs::write(&site, yaml.replace("base_url:", "default_language: folder\nbase_url:")).unwrap();
        }
        let options = |output: &str| {
            let mut o = wsis::BuildOptions::new(
                tmp.path().join("content"),
                Some(repo().join("themes/default")),
                Some(tmp.path().join(output)),
            );
            o.pdf = false;
            o
        };
        wsis::build(&options("in-turn")).expect("the fixture builds");
        let at_once = options("at-once");
        let prepared = wsis::prepare(&at_once).expect("the fixture prepares");
        assert!(!prepared.views_in_turn(), "serve's preparation makes every view at once");
        wsis::write_site(&prepared, &at_once, &tmp.path().join("at-once")).expect("the fixture writes");
        let (a, b) = (read_tree(&tmp.path().join("in-turn")), read_tree(&tmp.path().join("at-once")));
        assert!(a.len() > 100, "the site has its pages in every language");
        let differ: Vec<&String> = a.keys().chain(b.keys()).filter(|p| a.get(*p) != b.get(*p)).collect();
        assert!(differ.is_empty(), "default language in a folder: {folder}; files that differ: {differ:?}");
        let untranslated = page(&a, "es/forums/2020/hlt/e-health/index.html");
        assert!(untranslated.contains("<p class=\"notice\" role=\"note\">"), "the untranslated page keeps its notice");
    }
}
