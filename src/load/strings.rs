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

impl Strings {
    /// The text of `key`; empty if the theme lacks it (`load` checks the
    /// theme has every key the generator asks for).
    pub fn get(&self, key: &str) -> &str {
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
