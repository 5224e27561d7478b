//! Every kind of mistake an editor can make: each has a fixture under
//! `tests/fixtures/mistakes/<case>/` (files laid over the fixture site, and
//! `expect.txt`, lines that must all appear in the report), and a test that
//! the build fails with exit 1 and a message naming the file and line.

mod common;

use common::*;
use std::fs;
use std::path::Path;

/// Builds the fixture site with `case` laid over it; returns stderr.
fn build_with_mistake(case: &str) -> String {
    let site = fixture_site();
    copy_dir(&fixture("mistakes").join(case).join("content"), &site.path().join("content"));
    let out = wsis(site.path(), &["build"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "case {case} should fail with exit 1; stderr:\n{err}");
    assert!(!site.path().join("output").exists(), "case {case}: a failed build writes nothing");
    err
}

fn assert_reports(case: &str) {
    let err = build_with_mistake(case);
    let expect = fs::read_to_string(fixture("mistakes").join(case).join("expect.txt")).unwrap();
    for line in expect.lines().filter(|l| !l.trim().is_empty()) {
        assert!(err.contains(line), "case {case}: the report lacks\n  {line}\nreport:\n{err}");
    }
    assert!(
        err.trim_end().lines().last().unwrap_or("").starts_with("error: "),
        "case {case} ends with a count:\n{err}"
    );
}

macro_rules! mistakes {
    ($($name:ident => $case:literal,)*) => {
        $( #[test] fn $name() { assert_reports($case); } )*

        #[test]
        fn every_fixture_has_a_test() {
            let listed = [$($case),*];
            for entry in fs::read_dir(fixture("mistakes")).unwrap() {
                let name = entry.unwrap().file_name().to_string_lossy().into_owned();
                assert!(listed.contains(&name.as_str()), "mistake fixture `{name}` has no test");
            }
        }
    };
}

mistakes! {
    unknown_key => "unknown-key",
    invalid_date => "invalid-date",
    date_outside_forum => "date-outside-forum",
    unknown_action_line_and_sdg => "unknown-action-line",
    invalid_enum => "invalid-enum",
    invalid_status => "invalid-status",
    bad_allowance => "bad-allowance",
    bad_picture => "bad-picture",
    missing_required => "missing-required",
    yaml_syntax => "yaml-syntax",
    unquoted_colon => "unquoted-colon",
    no_front_matter => "no-front-matter",
    unclosed_front_matter => "unclosed-front-matter",
    empty_file => "empty-file",
    broken_link => "broken-link",
    unsafe_link => "unsafe-link",
    unquoted_color => "unquoted-color",
    bad_slug => "bad-slug",
    stray_file => "stray-file",
    year_mismatch => "year-mismatch",
    end_before_start => "end-before-start",
    percent_sum => "percent-sum",
    not_a_number => "not-a-number",
    duplicate_key => "duplicate-key",
    unknown_forum => "unknown-forum",
    missing_forum => "missing-forum",
    wrong_stakeholder_and_person_key => "wrong-stakeholder",
    alias_bomb => "alias-bomb",
    wrong_type => "wrong-type",
    mistakes_in_many_files_are_all_reported => "many-files",
    numbers_too_large_are_errors_not_wrapped => "number-too-large",
    a_forum_that_fails_to_parse_is_one_mistake_not_fourteen => "cascade",
    a_translation_carries_only_language_bound_text => "translation-field",
    a_translation_without_an_original => "orphan-translation",
    a_translation_in_a_language_the_site_does_not_declare => "undeclared-language",
    languages_in_site_yaml_are_checked => "invalid-language",
    a_single_language_is_checked_too => "invalid-single-language",
    a_lone_carriage_return_ends_a_line_in_messages_too => "lone-carriage-return",
    a_control_character_is_named_at_its_place => "control-character",
    a_yaml_error_at_the_end_of_a_file_is_inside_it => "yaml-error-at-end",
    a_file_with_only_a_yaml_tag_is_named_inside_it => "empty-tagged-yaml",
    an_unreadable_forum_is_one_mistake_not_six => "unreadable-forum",
    nesting_past_what_a_typesetter_can_hold => "too-deep",
    words_links_and_fields_too_long_for_a_pdf => "too-long",
    a_body_past_what_a_brief_can_lay_out => "too-large",
    a_link_to_a_section_its_page_lacks => "broken-fragment",
    a_translation_s_file_name_without_a_language_code => "translation-file-name",
    a_translation_s_front_matter_that_is_no_mapping_lists_what_a_translation_carries => "translation-not-a-mapping",
    a_contact_that_is_no_address => "invalid-contact",
}

#[test]
fn a_mistaken_language_code_in_a_file_name_is_an_invalid_language_not_a_layout_error() {
    let site = fixture_site();
    fs::write(site.path().join("content/pages/about.French.md"), "---\ntitle: À propos\n---\n").unwrap();
    let out = wsis(site.path(), &["check", "--format", "json"]);
    let json = String::from_utf8_lossy(&out.stdout).into_owned();
    let line = json.lines().find(|l| l.contains("about.French.md")).unwrap_or_else(|| panic!("{json}"));
    assert!(line.contains("\"code\":\"invalid-language\""), "{line}");
}

#[test]
fn a_file_saved_as_utf16_is_named_as_such_not_as_a_pasted_control_character() {
    let site = fixture_site();
    let text = "---\ntitle: Café\n---\n";
    let little: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let big: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let with_mark: Vec<u8> = [0xFF, 0xFE].into_iter().chain(little.iter().copied()).collect();
    for (name, bytes, order) in
        [("le.md", &little, "little-endian"), ("be.md", &big, "big-endian"), ("bom.md", &with_mark, "little-endian")]
    {
        fs::write(site.path().join("content/pages").join(name), bytes).unwrap();
        let out = wsis(site.path(), &["check"]);
        assert_eq!(out.status.code(), Some(1));
        let expected =
            format!("content/pages/{name}:1:1: error: the file is saved as UTF-16 ({order}), not as UTF-8 text");
        assert!(stderr(&out).contains(&expected), "{}", stderr(&out));
        assert!(stderr(&out).contains("save it as UTF-8"), "{}", stderr(&out));
        fs::remove_file(site.path().join("content/pages").join(name)).unwrap();
    }
}

#[test]
fn invalid_utf8_names_the_file_and_line() {
    let site = fixture_site();
    fs::write(site.path().join("content/pages/process.md"), b"---\ntitle: Caf\xe9\n---\n").unwrap();
    let out = wsis(site.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("content/pages/process.md:2:11: error: the file is not valid UTF-8 text"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_look_alike_letter_from_another_alphabet_is_a_warning_at_its_word() {
    let site = fixture_site();
    let text = "---\ntitle: Пленарная Cессия\n---\nThe Fоrum met.\n";
    fs::write(site.path().join("content/pages/mixed.md"), text).unwrap();
    let out = wsis(site.path(), &["check"]);
    assert_eq!(out.status.code(), Some(0), "a warning, not an error: {}", stderr(&out));
    let err = stderr(&out);
    for expected in [
        "content/pages/mixed.md:2:18: warning: `Cессия` mixes Cyrillic letters with Latin `C`",
        "help: retype `C` (U+0043) as Cyrillic `С` (U+0421)",
        "content/pages/mixed.md:4:5: warning: `Fоrum` mixes Latin letters with Cyrillic `о`",
    ] {
        assert!(err.contains(expected), "the report lacks {expected}:\n{err}");
    }
    let denied = wsis(site.path(), &["check", "--deny-warnings"]);
    assert_eq!(denied.status.code(), Some(1), "{}", stderr(&denied));
}

#[cfg(unix)]
#[test]
fn symlinks_are_refused_by_path() {
    let site = fixture_site();
    std::os::unix::fs::symlink("/etc/passwd", site.path().join("content/pages/link.md")).unwrap();
    let out = wsis(site.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("content/pages/link.md:1:1: error: symbolic links are not followed"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn deep_nesting_fails_fast_with_a_line() {
    let site = fixture_site();
    let deep = format!("---\ntitle: x\nextra: {}\n---\n", "[".repeat(100_000));
    fs::write(site.path().join("content/pages/process.md"), deep).unwrap();
    let out = wsis(site.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("content/pages/process.md:3:"), "{}", stderr(&out));
    assert!(stderr(&out).contains("nesting deeper than"), "{}", stderr(&out));
}

#[test]
fn bom_and_crlf_are_accepted_and_lines_still_match() {
    let site = fixture_site();
    let text = "\u{feff}---\r\ntitle: Process\r\nwieght: 2\r\n---\r\nBody\r\n";
    fs::write(site.path().join("content/pages/process.md"), text).unwrap();
    let out = wsis(site.path(), &["check"]);
    assert!(stderr(&out).contains("content/pages/process.md:3:1: error: unknown key `wieght`"), "{}", stderr(&out));
    assert!(stderr(&out).contains("did you mean `weight`?"));
}

#[test]
fn missing_reference_files_are_named() {
    let site = fixture_site();
    fs::remove_file(site.path().join("content/site.yaml")).unwrap();
    let out = wsis(site.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("content/site.yaml:1:1: error: `site.yaml` is missing"), "{}", stderr(&out));
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let site = fixture_site();
    assert!(wsis(site.path(), &["build"]).status.success());
    let before = read_tree(&site.path().join("output"));
    copy_dir(&fixture("mistakes/unknown-key/content"), &site.path().join("content"));
    let out = wsis(site.path(), &["build"]);
    assert_eq!(out.status.code(), Some(1));
    let after = read_tree(&site.path().join("output"));
    assert!(before == after, "the output changed after a failed build");
    let names: Vec<String> =
        fs::read_dir(site.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(
        !names.iter().any(|n| n.starts_with(".output.building") || n.starts_with(".output.old")),
        "no staging folder left: {names:?}"
    );
}

#[test]
fn content_folder_that_does_not_exist() {
    let tmp = tempfile::tempdir().unwrap();
    let out = wsis(tmp.path(), &["build", "--content", "nowhere"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("nowhere"), "{}", stderr(&out));
    assert!(!Path::new(&tmp.path().join("output")).exists());
}

#[test]
fn malformed_inputs_are_reported_never_panic() {
    let nasty: &[&[u8]] = &[
        b"---\n: :\n---\n",
        b"---\n- a\n- b\n---\n",
        b"---\n[\n---\n",
        b"---\ntitle: x\nweight:\n\t- 1\n---\n",
        b"---\ntitle: !!binary aGVsbG8=\nweight: 1e9\n---\n",
        b"---\n? [complex, key]\n: value\n---\n",
        b"---\ntitle: x\n...\nweight: 2\n---\n",
        b"---\ntitle: x\nweight: 99999999999999999999999999\n---\n",
        b"---\ntitle: {a: b}\n---\n",
        b"---\ntitle: |\n  multi\n  line\ndescription: >\n  folded\nweight: [1]\n---\n",
        b"---\n\"unterminated: x\n---\n",
        b"\0\0\0\0",
        b"---\n---\n---\n",
    ];
    for (i, input) in nasty.iter().enumerate() {
        let site = fixture_site();
        fs::write(site.path().join("content/pages/process.md"), input).unwrap();
        let out = wsis(site.path(), &["check"]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "input {i} should fail cleanly:\n{err}");
        assert!(err.contains("content/pages/process.md:"), "input {i}: the message names the file:\n{err}");
        assert!(!err.contains("panicked"), "input {i} panicked:\n{err}");
    }
}

/// Each message names its code, and `wsis explain` says what the code
/// means and how to fix it; a mistyped code gets the nearest one.
#[test]
fn a_message_names_its_code_and_explain_says_what_it_means() {
    let err = build_with_mistake("unknown-key");
    // The error's own block: from its first line to the code line.
    let block = &err[err.find(": error: ").expect("an error")..];
    let code = block
        .lines()
        .find_map(|l| l.trim().strip_prefix("= code: "))
        .and_then(|rest| rest.split_whitespace().next())
        .expect("the report names a code");
    assert_eq!(code, "unknown-key", "{err}");
    let explain = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_wsis")).arg("explain").args(args).output().unwrap()
    };
    let out = explain(&[code]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("unknown-key: A key the content model does not have."), "{text}");
    assert!(text.contains("Fix its spelling"), "{text}");
    let all = explain(&[]);
    let listed = String::from_utf8_lossy(&all.stdout);
    assert!(listed.lines().any(|l| l.starts_with("publication-without-url ")), "{listed}");
    assert!(listed.lines().count() > 60, "every code is listed");
    let typo = explain(&["unknown-kye"]);
    assert_eq!(typo.status.code(), Some(2));
    assert!(stderr(&typo).contains("did you mean `unknown-key`?"), "{}", stderr(&typo));
}
