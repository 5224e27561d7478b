//! Helpers shared by the integration tests: running the `wsis` binary,
//! copying fixtures, and reading what a build wrote.
#![allow(dead_code)]

pub mod languages;
pub mod served;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures").join(name)
}

/// Runs `wsis` with `args` in `dir`, with the default theme.
pub fn wsis(dir: &Path, args: &[&str]) -> Output {
    wsis_env(dir, args, &[])
}

pub fn wsis_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let theme = repo().join("themes/default");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_wsis"));
    cmd.current_dir(dir).args(args).arg("--theme").arg(theme);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("the wsis binary runs")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let dest = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&dest).unwrap();
        } else {
            fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// A temporary folder holding a copy of the fixture site's `content/`.
pub fn fixture_site() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixture("site"), tmp.path());
    tmp
}

/// The fixture site with `n` more sessions in its 2020 forum, each naming
/// C1 and SDG 17, numbered so their order is known (by date, then title).
pub fn fixture_site_with_sessions(n: usize) -> tempfile::TempDir {
    let tmp = fixture_site();
    let hlt = tmp.path().join("content/forums/2020/hlt");
    for i in 0..n {
        let text = format!(
            "---\ntitle: Listed session {i:03}\ndate: 2020-09-01\naction_lines: [C1]\nsdgs: [17]\n---\n## Vision\n\nBody {i}.\n"
        );
        fs::write(hlt.join(format!("listed-{i:03}.md")), text).unwrap();
    }
    tmp
}

/// Builds a copy of the real `content/` in a temporary folder; returns the
/// folder (holding `content/` and `output/`) and what the build printed.
pub fn build_real_site() -> (tempfile::TempDir, String) {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("content"), &tmp.path().join("content"));
    let out = wsis(tmp.path(), &["build"]);
    assert!(out.status.success(), "the real content failed to build:\n{}", stderr(&out));
    (tmp, String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Every file under `dir`, by relative path, with its bytes.
pub fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
            files.insert(rel, fs::read(entry.path()).unwrap());
        }
    }
    files
}

/// Text with white space collapsed and curly quotes straightened, so a
/// phrase is found whatever the line breaks and typography around it.
pub fn plain(text: &str) -> String {
    let text = text.replace(['\u{201c}', '\u{201d}'], "\"").replace('\u{2019}', "'");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text of an HTML page: tags removed, entities decoded, then `plain`.
pub fn html_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    let decoded = out.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">");
    plain(&decoded.replace("&amp;", "&"))
}

/// Values of `attr="..."` in `html`, entity-decoded.
pub fn attr_values(html: &str, attr: &str) -> Vec<String> {
    let needle = format!(" {attr}=\"");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        rest = &rest[i + needle.len()..];
        if let Some(end) = rest.find('"') {
            out.push(rest[..end].replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'"));
            rest = &rest[end..];
        }
    }
    out
}

/// Problems with the references of every HTML file of a built site: a
/// relative `href`/`src` that names no file inside it (or an `#id` that the
/// target does not have), a root-absolute reference, or an asset from
/// another host.
pub fn broken_references(out: &Path) -> Vec<String> {
    let tree = read_tree(out);
    let mut problems = Vec::new();
    for (path, bytes) in &tree {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(bytes);
        let dir = Path::new(path).parent().unwrap_or(Path::new("")).to_path_buf();
        let mut refs: Vec<(&str, String)> = attr_values(&html, "href").into_iter().map(|v| ("href", v)).collect();
        refs.extend(attr_values(&html, "src").into_iter().map(|v| ("src", v)));
        for (attr, value) in refs {
            if value.starts_with('/') {
                problems.push(format!("{path}: root-absolute {attr}=\"{value}\""));
                continue;
            }
            if value.starts_with("http://") || value.starts_with("https://") || value.starts_with("mailto:") {
                if attr == "src" {
                    problems.push(format!("{path}: asset from another host: {value}"));
                }
                continue;
            }
            let (file, fragment) = match value.split_once('#') {
                Some((f, frag)) => (f.to_string(), Some(frag.to_string())),
                None => (value.clone(), None),
            };
            let target = if file.is_empty() { path.clone() } else { normalize(&dir.join(&file)) };
            if !file.is_empty() && (file.ends_with('/') || !tree.contains_key(&target)) {
                problems.push(format!("{path}: {attr}=\"{value}\" names no file in the output"));
                continue;
            }
            if let Some(frag) = fragment.filter(|f| !f.is_empty()) {
                let target_html = String::from_utf8_lossy(&tree[&target]);
                if !target_html.contains(&format!("id=\"{frag}\"")) {
                    problems.push(format!("{path}: {attr}=\"{value}\": `{target}` has no id `{frag}`"));
                }
            }
        }
        for link in html.split("<link ").skip(1) {
            let tag = link.split('>').next().unwrap_or("");
            // A page's address in another language, or the original's that
            // an untranslated page stands for, is named, never fetched.
            let names_a_translation =
                tag.starts_with("rel=\"alternate\" hreflang=") || tag.starts_with("rel=\"canonical\" href=");
            if !names_a_translation && (tag.contains("href=\"http") || tag.contains("href=\"//")) {
                problems.push(format!("{path}: <link> to another host: {tag}"));
            }
        }
    }
    problems
}

/// Pages in which an `id` is used twice (anchors would jump to the first).
pub fn duplicate_ids(out: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    for (path, bytes) in read_tree(out) {
        if path.ends_with(".html") {
            let mut ids = attr_values(&String::from_utf8_lossy(&bytes), "id");
            ids.sort();
            for pair in ids.windows(2) {
                if pair[0] == pair[1] {
                    problems.push(format!("{path}: id `{}` is used twice", pair[0]));
                }
            }
        }
    }
    problems
}

/// Resolves `a/b/../c` to `a/c` without touching the file system.
fn normalize(p: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                if parts.pop().is_none() {
                    parts.push("..".into());
                }
            }
            std::path::Component::CurDir => {}
            other => parts.push(other.as_os_str().to_string_lossy().into_owned()),
        }
    }
    parts.join("/")
}

/// The text of the page at `path` of a built tree (`read_tree`).
pub fn page(tree: &BTreeMap<String, Vec<u8>>, path: &str) -> String {
    let bytes = tree.get(path).unwrap_or_else(|| panic!("no page {path}: it was not written"));
    String::from_utf8_lossy(bytes).into_owned()
}
