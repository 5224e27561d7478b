//! The theme's files: the default theme built into the binary, with the
//! files of a theme folder laid over it one by one, so a site may
//! override one template and keep the rest (or override them all).

use super::yaml::{self, Value};
use crate::diagnostics::Code;
use crate::diagnostics::Diagnostic;
use crate::source::SourceFile;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

mod builtin {
    include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));
}

/// One file of the theme.
#[derive(Debug, Clone)]
pub struct ThemeFile {
    pub bytes: Cow<'static, [u8]>,
    /// The file that overrides the built-in one, for messages; `None` for
    /// a built-in file.
    pub origin: Option<PathBuf>,
}

/// Every file of the theme by its path inside the theme
/// (`templates/base.html`, `fonts/...`), and the folder laid over the
/// built-in theme, if any.
#[derive(Debug, Clone)]
pub struct ThemeFiles {
    pub files: BTreeMap<String, ThemeFile>,
    pub dir: Option<PathBuf>,
}

impl ThemeFiles {
    /// The default theme, as built into the binary.
    pub fn builtin() -> ThemeFiles {
        let files = builtin::FILES
            .iter()
            .map(|(rel, bytes)| (rel.to_string(), ThemeFile { bytes: Cow::Borrowed(*bytes), origin: None }))
            .collect();
        ThemeFiles { files, dir: None }
    }

    /// The built-in theme with the files of `dir` (when given) laid over
    /// it. Hidden files are skipped.
    pub fn load(dir: Option<&Path>) -> Result<ThemeFiles, String> {
        let mut theme = ThemeFiles::builtin();
        let Some(dir) = dir else { return Ok(theme) };
        if !dir.is_dir() {
            return Err(format!("theme folder `{}` does not exist", dir.display()));
        }
        let walk = walkdir::WalkDir::new(dir).sort_by_file_name().into_iter();
        let visible = walk.filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        for entry in visible {
            let entry = entry.map_err(|e| format!("reading theme folder `{}`: {e}", dir.display()))?;
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path()).to_string_lossy().replace('\\', "/");
            let bytes =
                std::fs::read(entry.path()).map_err(|e| format!("reading `{}`: {e}", entry.path().display()))?;
            theme.files.insert(rel, ThemeFile { bytes: Cow::Owned(bytes), origin: Some(entry.path().to_path_buf()) });
        }
        theme.dir = Some(dir.to_path_buf());
        Ok(theme)
    }

    /// The file at `rel`, if the theme has one.
    pub fn get(&self, rel: &str) -> Option<&ThemeFile> {
        self.files.get(rel)
    }

    /// The files under `folder/`, with their paths inside it.
    pub fn under<'a>(&'a self, folder: &'a str) -> impl Iterator<Item = (&'a str, &'a ThemeFile)> + 'a {
        self.files.iter().filter_map(move |(rel, file)| {
            rel.strip_prefix(folder).and_then(|r| r.strip_prefix('/')).map(|r| (r, file))
        })
    }

    /// How to name `rel` in a message: the overriding file's path, or
    /// where the built-in file lives (`wsis theme eject` writes it out).
    pub fn display(&self, rel: &str) -> String {
        match self.files.get(rel).and_then(|f| f.origin.as_ref()) {
            Some(path) => path.display().to_string(),
            None => format!("built-in theme: {rel}"),
        }
    }

    /// Writes every built-in file under `dir`, never over an existing
    /// file; returns the paths written and those left alone.
    pub fn eject(dir: &Path) -> std::io::Result<(Vec<PathBuf>, Vec<PathBuf>)> {
        let (mut written, mut kept) = (Vec::new(), Vec::new());
        for (rel, bytes) in builtin::FILES {
            let path = dir.join(rel);
            if path.exists() {
                kept.push(path);
                continue;
            }
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(&path, bytes)?;
            written.push(path);
        }
        Ok((written, kept))
    }
}

/// Whether `name` can name a folder under `themes/`.
pub fn is_theme_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.')
}

/// The theme folder to lay over the built-in theme: `explicit` (the
/// command line's `--theme`), else the folder `site.yaml` names
/// (`theme: name` is `themes/name/` beside `content/`), else
/// `themes/default/` beside `content/` when the site has one, else none.
/// A named folder that does not exist is a mistake at its line.
pub fn choose(content: &Path, explicit: Option<&Path>) -> Result<Option<PathBuf>, Box<Diagnostic>> {
    if let Some(dir) = explicit {
        return Ok(Some(dir.to_path_buf()));
    }
    let root = content.parent().unwrap_or(Path::new(""));
    let site_yaml = content.join("site.yaml");
    if let Some((name, span, file)) = named_theme(&site_yaml) {
        let dir = root.join("themes").join(&name);
        if !is_theme_name(&name) {
            return Ok(None); // validation reports the spelling
        }
        if !dir.is_dir() {
            let d = Diagnostic::error(&file, span, Code::MissingFile, format!("there is no theme folder `themes/{name}/`"))
                .with_help(format!(
                    "create `{}` (`wsis theme eject {}` writes the built-in theme there), or remove `theme:` to use the built-in theme",
                    dir.display(),
                    dir.display()
                ));
            return Err(Box::new(d));
        }
        return Ok(Some(dir));
    }
    let default = root.join("themes/default");
    Ok(default.is_dir().then_some(default))
}

/// `theme:` in site.yaml, with its place, when it is a plain text value.
fn named_theme(site_yaml: &Path) -> Option<(String, crate::source::Span, SourceFile)> {
    let content = site_yaml.parent()?;
    let file = super::read_source(content, "site.yaml").ok()?;
    let node = yaml::parse(&file.text, 1).ok()?;
    let Value::Map(pairs) = &node.value else { return None };
    let (_, value) = pairs.iter().find(|(k, _)| matches!(&k.value, Value::Scalar { text, .. } if text == "theme"))?;
    let Value::Scalar { text, .. } = &value.value else { return None };
    Some((text.trim().to_string(), value.span, file))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_theme_holds_templates_assets_brief_and_fonts() {
        let theme = ThemeFiles::builtin();
        for rel in ["templates/base.html", "assets/style.css", "brief/brief.typ", "fonts/DroidSansFallbackFull.ttf"] {
            assert!(theme.get(rel).is_some(), "{rel} is not built in");
        }
        assert_eq!(theme.display("templates/base.html"), "built-in theme: templates/base.html");
    }

    #[test]
    fn a_folder_overrides_file_by_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("templates")).unwrap();
        std::fs::write(dir.path().join("templates/page.html"), "mine").unwrap();
        std::fs::write(dir.path().join(".hidden"), "no").unwrap();
        let theme = ThemeFiles::load(Some(dir.path())).unwrap();
        assert_eq!(theme.get("templates/page.html").unwrap().bytes.as_ref(), b"mine");
        assert!(theme.get("templates/base.html").unwrap().origin.is_none(), "the rest stays built in");
        assert!(theme.get(".hidden").is_none());
        assert!(theme.display("templates/page.html").ends_with("templates/page.html"));
    }
}
