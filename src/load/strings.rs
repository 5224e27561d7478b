//! The theme's interface strings: `strings/<code>.yaml`, one flat
//! `key: text` file per language. A site language must have a file with
//! every key any of the theme's files has; a missing file or key is a
//! theme error naming the file and the key (no silent fallback to
//! English: a reader would get a page in two languages).

use super::theme::ThemeFiles;
use super::yaml::{self, Value};
use std::collections::BTreeMap;

/// The interface strings of one language.
#[derive(Debug, Clone)]
pub struct Strings {
    pub lang: String,
    map: BTreeMap<String, String>,
    /// The same, as the `t` object templates read.
    json: serde_json::Value,
}

/// The keys the generator itself asks for (templates ask for theirs, and
/// tera names a missing one): `load` refuses a theme whose strings lack one,
/// and in a debug build asking for a key not listed here is a bug caught by
/// the tests, so the list cannot fall behind the code.
pub const GENERATOR_KEYS: &[&str] = &[
    "about_figure",
    "across_years",
    "action_line",
    "action_lines",
    "action_lines_title",
    "brief_title",
    "brief_title_planned",
    "chart_coverage_action_lines",
    "chart_coverage_sdgs",
    "colon",
    "comma",
    "forum_brief",
    "forums",
    "hlt_sessions",
    "home",
    "kind_forum",
    "kind_page",
    "kind_roadmap",
    "kind_session",
    "kind_ungis",
    "language_name",
    "matrix",
    "matrix_title",
    "not_found",
    "open_data",
    "outcome_brief",
    "page_of",
    "percent",
    "prizes_champions",
    "prizes_nominated",
    "prizes_submitted",
    "prizes_winners",
    "roadmaps",
    "roadmaps_title",
    "sdg_short",
    "sdgs",
    "sdgs_title",
    "search",
    "status_as_of",
    "ungis",
    "ungis_activities",
];

/// The plural families the generator asks for (each needs `.other`).
pub const GENERATOR_PLURALS: &[&str] = &["coverage_each"];

/// The keys the generator makes from a closed list: `format.virtual`,
/// `ungis.side-event`, `status.announcement`, `status_note.programme`...
/// Worked out once.
fn generator_families() -> &'static [String] {
    static KEYS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    KEYS.get_or_init(families)
}

fn families() -> Vec<String> {
    use crate::vocabulary::{Closed, Format, SourceStatus, UngisKind};
    let family = |prefix: &str, spellings: &[&str]| -> Vec<String> {
        spellings.iter().map(|s| format!("{prefix}.{s}")).collect()
    };
    let mut keys = family("format", Format::SPELLINGS);
    keys.extend(family("ungis", UngisKind::SPELLINGS));
    keys.extend(family("status", SourceStatus::SPELLINGS));
    // A note for the statuses of sources written before a forum.
    keys.extend(family("status_note", &SourceStatus::SPELLINGS[1..]));
    // What each open-data file holds: `data_forums` for data/forums.json.
    keys.extend(crate::data_files::DataFile::ALL.iter().map(|f| f.about_key()));
    keys
}

/// Every key the generator may ask for, plural families by their `.other`.
pub fn generator_keys() -> Vec<String> {
    let mut keys: Vec<String> = GENERATOR_KEYS.iter().map(|k| k.to_string()).collect();
    keys.extend(GENERATOR_PLURALS.iter().map(|k| format!("{k}.other")));
    keys.extend(generator_families().iter().cloned());
    keys
}

impl Strings {
    /// The text of `key` (which `load` checked the theme has).
    pub fn get(&self, key: &str) -> &str {
        debug_assert!(
            GENERATOR_KEYS.contains(&key) || generator_families().iter().any(|k| k == key),
            "the generator asks for the interface string `{key}`: list it in GENERATOR_KEYS"
        );
        self.map.get(key).map_or("", String::as_str)
    }

    /// The text of `key` with each `{name}` replaced by its value.
    pub fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        let mut text = self.get(key).to_string();
        for (name, value) in values {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }

    /// The text of a plural family for `n` (`key.one`, `key.few`...,
    /// `key.other` where the category has none), `{n}` filled in.
    pub fn plural(&self, key: &str, category: &str, n: &str) -> Option<String> {
        let text = self.map.get(&format!("{key}.{category}")).or_else(|| self.map.get(&format!("{key}.other")))?;
        Some(text.replace("{n}", n))
    }

    /// The text the family `key` gives for `category` itself, if any.
    pub fn own_plural(&self, key: &str, category: &str) -> Option<&str> {
        self.map.get(&format!("{key}.{category}")).map(String::as_str)
    }

    /// All strings, for templates (`{{ t.key }}`).
    pub fn json(&self) -> &serde_json::Value {
        &self.json
    }
}

/// Reads one strings file: its keys and texts, or what is wrong with it.
fn parse(shown: &str, bytes: &[u8]) -> Result<BTreeMap<String, String>, String> {
    let text = std::str::from_utf8(bytes).map_err(|_| format!("{shown}: a strings file must be UTF-8 text"))?;
    let node = yaml::parse(text, 1).map_err(|e| format!("{shown}:{}:{}: {}", e.span.line, e.span.col, e.message))?;
    let Value::Map(pairs) = node.value else {
        return Err(format!("{shown}: expected `key: text` lines"));
    };
    let mut map = BTreeMap::new();
    for (k, v) in pairs {
        match (k.value, v.value) {
            (Value::Scalar { text: key, .. }, Value::Scalar { text, .. }) => {
                map.insert(key, text);
            }
            (Value::Scalar { text: key, .. }, Value::Null) => {
                map.insert(key, String::new());
            }
            _ => return Err(format!("{shown}:{}:{}: expected `key: text`", k.span.line, k.span.col)),
        }
    }
    Ok(map)
}

/// The file of a language: `strings/zh-hans.yaml`, else `strings/zh.yaml`.
fn file_of(files: &ThemeFiles, lang: &str) -> Option<String> {
    let lower = lang.to_ascii_lowercase();
    let primary = lower.split('-').next().unwrap_or_default().to_string();
    [lower, primary].into_iter().map(|code| format!("strings/{code}.yaml")).find(|rel| files.get(rel).is_some())
}

/// The strings of each of `languages`, in order; every mistake at once.
pub fn load(files: &ThemeFiles, languages: &[String]) -> Result<Vec<Strings>, String> {
    let mut all: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    let mut problems = Vec::new();
    for (name, file) in files.under("strings") {
        match parse(&files.display(&format!("strings/{name}")), &file.bytes) {
            Ok(map) => {
                all.insert(format!("strings/{name}"), map);
            }
            Err(e) => problems.push(e),
        }
    }
    let keys: std::collections::BTreeSet<&String> = all.values().flat_map(|m| m.keys()).collect();
    let generator = generator_keys();
    let mut out = Vec::new();
    for lang in languages {
        let Some(rel) = file_of(files, lang) else {
            let have: Vec<&str> =
                all.keys().filter_map(|k| k.strip_prefix("strings/")?.strip_suffix(".yaml")).collect();
            problems.push(format!(
                "the theme has no interface strings for `{lang}`: add `strings/{lang}.yaml` (it has {})",
                if have.is_empty() { "none".to_string() } else { have.join(", ") }
            ));
            continue;
        };
        let Some(map) = all.get(&rel) else { continue };
        let shown = files.display(&rel);
        // A plural family needs its `.other` in every language, and only
        // the categories a language uses (`.few` in Russian, not English).
        let needed = |k: &&&String| crate::plurals::split(k).is_none_or(|(_, category)| category == "other");
        for key in keys.iter().filter(needed).filter(|k| !map.contains_key(k.as_str())) {
            let other = all.iter().find(|(_, m)| m.contains_key(key.as_str())).map_or("", |(f, _)| f.as_str());
            problems
                .push(format!("{shown}: the key `{key}` is missing (`{other}` has it): the `{lang}` pages need it"));
        }
        // Keys no file of the theme has, which the generator asks for.
        for key in generator.iter().filter(|k| !map.contains_key(k.as_str()) && !keys.contains(k)) {
            problems.push(format!("{shown}: the key `{key}` is missing: `wsis` writes it on the `{lang}` pages"));
        }
        let json = serde_json::Value::Object(
            map.iter().map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone()))).collect(),
        );
        out.push(Strings { lang: lang.clone(), map: map.clone(), json });
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems.join("\n"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_theme_whose_strings_lack_a_key_the_generator_writes_is_refused() {
        let mut files = ThemeFiles::builtin();
        // Every language file without `kind_forum` (the built-in theme has it).
        for (_, file) in files.files.iter_mut().filter(|(rel, _)| rel.starts_with("strings/")) {
            let text = String::from_utf8_lossy(&file.bytes)
                .lines()
                .filter(|l| !l.starts_with("kind_forum:"))
                .collect::<Vec<_>>()
                .join("\n");
            file.bytes = text.into_bytes().into();
        }
        let err = load(&files, &["en".to_string()]).unwrap_err();
        assert!(err.contains("the key `kind_forum` is missing: `wsis` writes it on the `en` pages"), "{err}");
    }

    #[test]
    fn the_default_theme_speaks_the_six_un_languages_completely() {
        let files = ThemeFiles::builtin();
        let six: Vec<String> = ["en", "fr", "es", "ar", "zh", "ru"].iter().map(|s| s.to_string()).collect();
        let strings = load(&files, &six).unwrap();
        assert_eq!(strings[1].get("forums"), "Forums");
        assert_eq!(strings[0].plural("linked", "other", "3").as_deref(), Some("3 linked"));
        // Russian counts in four forms, and a form the theme leaves out is
        // `.other`'s.
        assert_eq!(strings[5].plural("track_sessions", "few", "3").as_deref(), Some("(3 сессии)"));
        assert_eq!(strings[0].plural("track_sessions", "few", "3").as_deref(), Some("(3 sessions)"));
        assert_eq!(load(&files, &["zh-hans".to_string()]).unwrap()[0].get("language_name"), "中文");
        let err = load(&files, &["de".to_string()]).unwrap_err();
        assert!(err.contains("no interface strings for `de`"), "{err}");
    }
}
