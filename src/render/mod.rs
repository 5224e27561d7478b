//! Render: the theme's tera templates applied to the planned pages, in
//! parallel. Templates get only the page's resolved context.

pub mod charts;
pub mod data;
pub mod search;

use crate::plan::PlannedPage;
use std::path::Path;
use tera::Tera;

/// The loaded theme templates.
pub struct Theme {
    tera: Tera,
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
        Ok(Theme { tera })
    }

    /// Renders one page with its data.
    pub fn render(&self, page: &PlannedPage, data: serde_json::Value) -> Result<String, String> {
        let context = tera::Context::from_value(data).map_err(|e| format!("{}: {}", page.path, describe(&e)))?;
        self.tera
            .render(page.template, &context)
            .map_err(|e| format!("{} (template {}): {}", page.path, page.template, describe(&e)))
    }
}
