//! Render: the theme's tera templates applied to the planned pages, in
//! parallel. Templates get only the page's resolved context.

pub mod charts;
pub mod data;
pub mod glyphs;
pub mod pdf;
pub mod search;

use crate::plan::PlannedPage;
use std::path::Path;
use tera::Tera;

/// The loaded theme templates.
pub struct Theme {
    tera: Tera,
    dir: std::path::PathBuf,
    /// `brief/brief.typ`: the typst template of the PDF briefs.
    brief_typ: Option<String>,
    /// Where typeset briefs are kept by the hash of what made them.
    pub brief_cache: Option<std::path::PathBuf>,
}

/// Flattens tera's error chain into one readable line.
fn describe(e: &tera::Error) -> String {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

/// Escapes text for HTML and XML. Unlike tera's default it leaves `/`
/// alone, so relative URLs stay readable in the output.
pub fn escape(text: &str) -> String {
    if !text.bytes().any(|b| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'')) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// `{{ title | text_attrs | safe }}`: ` dir="auto"`, plus ` lang="xx"` for a
/// text in another script, for the element that shows an editor's text.
fn text_attrs_filter(
    value: &tera::Value,
    _: &std::collections::HashMap<String, tera::Value>,
) -> tera::Result<tera::Value> {
    let text = value.as_str().unwrap_or("");
    let attrs = match crate::language::script_language(text) {
        Some(lang) => format!(r#" dir="auto" lang="{lang}""#),
        None => r#" dir="auto""#.to_string(),
    };
    Ok(tera::Value::String(attrs))
}

impl Theme {
    /// Loads every template under `<theme>/templates/`.
    pub fn load(theme_dir: &Path) -> Result<Theme, String> {
        let templates = theme_dir.join("templates");
        if !templates.is_dir() {
            return Err(format!("theme folder `{}` has no `templates/` folder", theme_dir.display()));
        }
        let glob = format!("{}/**/*", templates.display());
        let mut tera = Tera::new(&glob).map_err(|e| format!("theme `{}`: {}", theme_dir.display(), describe(&e)))?;
        tera.autoescape_on(vec![".html", ".xml"]);
        tera.set_escape_fn(escape);
        tera.register_filter("text_attrs", text_attrs_filter);
        let brief_typ = std::fs::read_to_string(theme_dir.join("brief/brief.typ")).ok();
        Ok(Theme { tera, dir: theme_dir.to_path_buf(), brief_typ, brief_cache: None })
    }

    /// Typesets a forum's PDF brief from its data.
    pub fn brief_pdf(
        &self,
        data: &serde_json::Value,
        ident: &str,
        conformance: pdf::Conformance,
    ) -> Result<Vec<u8>, String> {
        let template = self
            .brief_typ
            .as_deref()
            .ok_or_else(|| format!("theme `{}` has no brief/brief.typ", self.dir.display()))?;
        pdf::cached(self.brief_cache.as_deref(), template, data, conformance, || {
            pdf::brief_pdf(&self.dir, template, data, ident, conformance)
        })
    }

    /// Loads the fonts of the PDF briefs now rather than in the first brief.
    pub fn load_fonts(&self) {
        if self.brief_typ.is_some() {
            pdf::fonts(&self.dir);
        }
    }

    /// Warnings for characters of the briefs' sources that no font of
    /// the PDF briefs can print (none when the theme has no PDF template).
    pub fn missing_glyphs(&self, linked: &crate::link::Linked) -> glyphs::Coverage {
        if self.brief_typ.is_none() {
            return glyphs::Coverage::default();
        }
        glyphs::missing_glyphs(linked, pdf::fonts(&self.dir).book(), &self.dir.join("fonts"))
    }

    /// Whether `file` holds a character no font of the PDF briefs has.
    pub fn lacks_glyphs(&self, file: &crate::source::SourceFile) -> bool {
        self.brief_typ.is_some() && glyphs::first_missing(file, pdf::fonts(&self.dir).book(), &self.dir, &[]).is_some()
    }

    /// Renders one page with its data.
    pub fn render(&self, page: &PlannedPage, data: serde_json::Value) -> Result<String, String> {
        let context = tera::Context::from_value(data).map_err(|e| format!("{}: {}", page.path, describe(&e)))?;
        self.tera
            .render(page.template, &context)
            .map_err(|e| format!("{} (template {}): {}", page.path, page.template, describe(&e)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_leaves_slashes_alone() {
        assert_eq!(escape(r#"<a href="x">'&'</a>"#), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    }
}
