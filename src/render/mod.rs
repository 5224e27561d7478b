//! Render: the theme's tera templates applied to the planned pages, in
//! parallel. Templates get only the page's resolved context.

pub mod cache;
pub mod charts;
pub mod data;
pub mod glyphs;
pub mod pdf;
pub mod pictures;
pub mod search;
pub mod terms;
pub mod webfonts;

use crate::load::theme::ThemeFiles;
use tera::Tera;

/// The loaded theme: its templates, ready to render, and its files.
pub struct Theme {
    tera: Tera,
    /// The same templates once a language, each speaking it through
    /// `{{ t.key }}` (see `speak`).
    teras: Vec<Tera>,
    files: ThemeFiles,
    /// `brief/brief.typ`: the typst template of the PDF briefs.
    brief_typ: Option<String>,
    /// Where typeset briefs are kept by the hash of what made them.
    pub brief_cache: Option<std::path::PathBuf>,
    /// The briefs' fonts, loaded on first use: the theme's own, so a new
    /// theme (a font added while serving) brings its fonts.
    pdf_fonts: std::sync::OnceLock<typst_kit::fonts::FontStore>,
    /// How many briefs typeset after it a brief's layouts outlive unused
    /// (0, as in a build: forgotten once it is written; see
    /// `pdf::brief_pdf`). Set by `serve` once its full build is done.
    brief_layouts_kept: std::sync::atomic::AtomicUsize,
}

/// Flattens tera's error chain into one readable line.
fn describe(e: &tera::Error) -> String {
    let mut text = match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => r.message().to_string(),
        _ => e.to_string(),
    };
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text.replace('\n', " ")
}

/// Where in which template a tera error points, when it points anywhere:
/// the template's name and `line:column` (both 1-based).
fn error_place(e: &tera::Error) -> Option<(&str, String)> {
    match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            let span = r.span();
            Some((r.filename(), format!("{}:{}", span.start_line, span.start_col + 1)))
        }
        _ => None,
    }
}

/// A template mistake found while parsing: `file:line:col: message`,
/// with the file the template came from; one line for each mistake when
/// tera found several.
fn template_error(files: &ThemeFiles, e: &tera::Error) -> String {
    let at = |name: &str, place: &str, message: &str| {
        let file = files.display(&format!("templates/{name}"));
        format!("{file}:{place}: the template cannot be read: {message}")
    };
    if let Some((name, place)) = error_place(e) {
        return at(name, &place, &describe(e));
    }
    // Several mistakes come as one report: `error: what` then ` --> name:line:col`.
    let text = e.to_string();
    let mut lines = text.lines();
    let mut found = Vec::new();
    while let Some(line) = lines.next() {
        let Some(message) = line.strip_prefix("error: ") else { continue };
        let place = lines.next().and_then(|l| l.trim_start().strip_prefix("--> "));
        if let Some((name, place)) = place.and_then(|p| p.split_once(':')) {
            found.push(at(name, place, message));
        }
    }
    if found.is_empty() {
        format!("{}: {}", files.display("templates"), describe(e))
    } else {
        found.join("\n")
    }
}

/// Escapes text for HTML and XML. Unlike tera's default it leaves `/`
/// alone, so relative URLs stay readable in the output.
pub fn escape(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len() + 8);
    // Writing to a Vec cannot fail.
    let _ = escape_to(text, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// [`escape`], written to `out`: tera's escape function.
///
/// A byte loop: the five characters are ASCII, so no byte of another
/// character can be taken for one, and a search for a set of `char`s
/// decodes every character on the way.
fn escape_to(text: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let bytes = text.as_bytes();
    let mut start = 0;
    for (i, byte) in bytes.iter().enumerate() {
        let entity: &[u8] = match byte {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            b'\'' => b"&#39;",
            _ => continue,
        };
        out.write_all(&bytes[start..i])?;
        out.write_all(entity)?;
        start = i + 1;
    }
    out.write_all(&bytes[start..])
}

/// A keyword argument that is text when given; none, left out or another
/// kind of value is `None`.
fn text_arg<'a>(args: &'a tera::Kwargs, name: &'a str) -> tera::TeraResult<Option<&'a str>> {
    Ok(args.get::<&tera::Value>(name)?.and_then(|v| v.as_str()))
}

/// `{{ chart | svg_chart(dir=site.dir) | safe }}`: a chart the plan
/// described, drawn as inline SVG (nothing for a null chart), mirrored when
/// `dir` is `rtl`.
fn svg_chart_filter(value: &tera::Value, args: tera::Kwargs, _: &tera::State) -> tera::TeraResult<String> {
    if value.is_none() || value.is_undefined() {
        return Ok(String::new());
    }
    let chart: crate::chart::Chart = serde_json::to_value(value)
        .and_then(serde_json::from_value)
        .map_err(|e| tera::Error::message(format!("not a chart: {e}")))?;
    let rtl = text_arg(&args, "dir")? == Some("rtl");
    Ok(charts::svg(&chart, rtl))
}

/// `{{ title | text_attrs | safe }}`: ` dir="auto"`, plus ` lang="xx"` for a
/// text in another script, for the element that shows an editor's text.
/// `text_attrs(lang=x)` names the language when it is known (an original
/// shown where its translation is missing).
fn text_attrs_filter(value: &tera::Value, args: tera::Kwargs, _: &tera::State) -> tera::TeraResult<String> {
    let text = value.as_str().unwrap_or("");
    let known = text_arg(&args, "lang")?.filter(|l| crate::load::is_language_code(l));
    Ok(match known.or_else(|| crate::language::script_language(text)) {
        Some(lang) => format!(r#" dir="auto" lang="{lang}""#),
        None => r#" dir="auto""#.to_string(),
    })
}

/// `{{ title | text_in(lang=x) | safe }}`: the text, escaped, and wrapped
/// in `<span lang="x" dir="...">` when `x` names the language it is in (an
/// original shown where its translation is missing), isolated from the
/// text around it in its own direction; the bare text otherwise.
fn text_in_filter(value: &tera::Value, args: tera::Kwargs, _: &tera::State) -> tera::TeraResult<String> {
    let text = escape(value.as_str().unwrap_or(""));
    let lang = text_arg(&args, "lang")?.filter(|l| crate::load::is_language_code(l));
    Ok(match lang {
        Some(lang) => format!(r#"<span lang="{lang}" dir="{}">{text}</span>"#, crate::locale::direction(lang)),
        None => text,
    })
}

/// `<p{{ text_lang | lang_attrs | safe }}>`: ` lang="xx" dir="ltr"` for an
/// element holding text in the language `xx`, other than the page's (an
/// original shown where its translation is missing): its direction is its
/// own, and the `dir` isolates it from the page's text around it (an
/// English sentence on an Arabic page keeps its full stop at its end).
/// Nothing when the value names no language.
fn lang_attrs_filter(value: &tera::Value, _: tera::Kwargs, _: &tera::State) -> tera::TeraResult<String> {
    Ok(match value.as_str().filter(|l| crate::load::is_language_code(l)) {
        Some(lang) => format!(r#" lang="{lang}" dir="{}""#, crate::locale::direction(lang)),
        None => String::new(),
    })
}

/// `{{ text | css_string | safe }}`: the text as the inside of a CSS
/// string in a `<style>` element. Every character that could end the
/// string, the rule or the element (quotes, backslash, line breaks, `<`,
/// `>`, `&`, braces, control characters) becomes a CSS escape (`\22 `).
fn css_string_filter(value: &tera::Value, _: tera::Kwargs, _: &tera::State) -> tera::TeraResult<String> {
    Ok(css_string(value.as_str().unwrap_or("")))
}

/// `{{ t.page_of | css_counters | safe }}`: an interface string such as
/// "Page {page} of {total}" as CSS generated content for a printed page's
/// margin: the words as CSS strings, `{page}` and `{total}` as the page
/// counters.
fn css_counters_filter(value: &tera::Value, _: tera::Kwargs, _: &tera::State) -> tera::TeraResult<String> {
    let text = value.as_str().unwrap_or("");
    let mut out = String::new();
    for (i, part) in text.split("{page}").enumerate() {
        if i > 0 {
            out.push_str(" counter(page) ");
        }
        for (j, words) in part.split("{total}").enumerate() {
            if j > 0 {
                out.push_str(" counter(pages) ");
            }
            if !words.is_empty() {
                out.push_str(&format!("\"{}\"", css_string(words)));
            }
        }
    }
    Ok(out)
}

pub fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control()
            || matches!(c, '"' | '\'' | '\\' | '<' | '>' | '&' | '{' | '}' | ';' | '\u{2028}' | '\u{2029}')
        {
            out.push_str(&format!("\\{:x} ", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

impl Theme {
    /// Parses every template under the theme's `templates/`; a mistake
    /// names the file (the overriding one, or the built-in one), its line
    /// and column.
    pub fn load(files: ThemeFiles) -> Result<Theme, String> {
        let mut sources = Vec::new();
        for (name, file) in files.under("templates") {
            let rel = format!("templates/{name}");
            let text = std::str::from_utf8(&file.bytes)
                .map_err(|_| format!("{}: a template must be UTF-8 text", files.display(&rel)))?;
            sources.push((name.to_string(), text.to_string()));
        }
        if sources.is_empty() {
            return Err("the theme has no templates".into());
        }
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html", ".xml"]);
        tera.set_escape_fn(escape_to);
        tera.register_filter("text_attrs", text_attrs_filter);
        tera.register_filter("svg_chart", svg_chart_filter);
        tera.register_filter("text_in", text_in_filter);
        tera.register_filter("css_string", css_string_filter);
        tera.register_filter("lang_attrs", lang_attrs_filter);
        tera.register_filter("css_counters", css_counters_filter);
        // Each language's `t` replaces this one (`speak`); tera wants every
        // function known before it reads the templates.
        tera.register_function("t", |_: tera::Kwargs, _: &tera::State| -> tera::TeraResult<String> {
            Err(tera::Error::message("no interface strings are loaded"))
        });
        tera.register_function("plural", |_: tera::Kwargs, _: &tera::State| -> tera::TeraResult<String> {
            Err(tera::Error::message("no interface strings are loaded"))
        });
        tera.register_function("plural_forms", |_: tera::Kwargs, _: &tera::State| -> tera::TeraResult<String> {
            Err(tera::Error::message("no interface strings are loaded"))
        });
        tera.add_raw_templates(sources).map_err(|e| template_error(&files, &e))?;
        let brief_typ = files.get("brief/brief.typ").map(|f| String::from_utf8_lossy(&f.bytes).into_owned());
        Ok(Theme {
            tera,
            teras: Vec::new(),
            files,
            brief_typ,
            brief_cache: None,
            pdf_fonts: Default::default(),
            brief_layouts_kept: Default::default(),
        })
    }

    /// Gives the templates each language's interface strings, for
    /// `render(.., lang)`: `{{ t.forums }}` (or `t[key]`, for a key the
    /// template computes) is that language's text, from a map every page
    /// sees (tera's global context), built once and not once a page. The
    /// function form `{{ t(k="forums") }}` is the same text, a key no
    /// strings file has being an error naming it; a lookup in the map costs
    /// less than a function call (3% of a build's CPU at 10,000 sessions).
    pub fn speak(&mut self, languages: &[crate::load::strings::Strings]) {
        self.teras = languages
            .iter()
            .map(|strings| {
                let mut tera = self.tera.clone();
                let mut by_key: rustc_hash::FxHashMap<String, tera::Value> = Default::default();
                let mut all = tera::Map::new();
                if let serde_json::Value::Object(map) = strings.json() {
                    for (key, text) in map {
                        let text = tera::Value::from_serializable(text);
                        all.insert(tera::value::Key::String(key.as_str().into()), text.clone());
                        by_key.insert(key.clone(), text);
                    }
                }
                tera.global_context().insert_value("t", tera::Value::from(all));
                let lang = strings.lang.clone();
                // `{{ plural(k="track_sessions", n=3) }}`: the family's text
                // for the count in this language's plural category.
                let rules = crate::plurals::Plurals::new(&strings.lang);
                // One copy of the strings, shared by both plural functions.
                let counted = std::sync::Arc::new(strings.clone());
                let forms = std::sync::Arc::clone(&counted);
                tera.register_function("plural", move |args: tera::Kwargs, _: &tera::State| {
                    let key = args.must_get::<&str>("k")?;
                    let n = args.must_get::<u64>("n")?;
                    let category = rules.as_ref().map_or("other", |r| r.category(n));
                    counted.plural(key, category, &n.to_string()).ok_or_else(|| {
                        tera::Error::message(format!(
                            "no interface string `{key}.other` for `{}` (add it to strings/*.yaml)",
                            counted.lang
                        ))
                    })
                });
                // `plural_forms(k="search_results")`: each category's text,
                // for a script that counts in the browser.
                tera.register_function("plural_forms", move |args: tera::Kwargs, _: &tera::State| {
                    let key = args.must_get::<&str>("k")?;
                    let mut all = tera::Map::new();
                    for category in crate::plurals::CATEGORIES {
                        if let Some(text) = forms.own_plural(key, category) {
                            all.insert(tera::value::Key::String(category.into()), text.into());
                        }
                    }
                    Ok(tera::Value::from(all))
                });
                tera.register_function("t", move |args: tera::Kwargs, _: &tera::State| {
                    let key = args.must_get::<&str>("k")?;
                    by_key.get(key).cloned().ok_or_else(|| {
                        tera::Error::message(format!(
                            "no interface string `{key}` for `{lang}` (add it to strings/*.yaml)"
                        ))
                    })
                });
                tera
            })
            .collect();
    }

    /// The interface strings of each of `languages`, in order; a missing
    /// file or key is an error naming them.
    pub fn strings(&self, languages: &[String]) -> Result<Vec<crate::load::strings::Strings>, String> {
        crate::load::strings::load(&self.files, languages)
    }

    /// The theme's files (for its assets).
    pub fn files(&self) -> &ThemeFiles {
        &self.files
    }

    /// Typesets a forum's PDF brief from its data.
    pub fn brief_pdf(
        &self,
        data: &tera::Value,
        ident: &str,
        conformance: pdf::Conformance,
        pictures: pdf::PictureBytes,
    ) -> Result<Vec<u8>, String> {
        // typst reads the data as JSON (keys in order, as the brief cache
        // hashes it).
        let data = serde_json::to_value(data).map_err(|e| e.to_string())?;
        let data = &data;
        let template = self.brief_typ.as_deref().ok_or("the theme has no brief/brief.typ")?;
        let path = self.files.display("brief/brief.typ");
        pdf::cached(self.brief_cache.as_deref(), template, data, conformance, || {
            let brief = pdf::Brief { template_path: &path, template, data, ident, conformance };
            pdf::brief_pdf(self.pdf_fonts(), &brief, pictures, self.brief_layouts_kept())
        })
    }

    /// Keeps typst's layouts of each brief typeset from now on until
    /// `briefs` more have been typeset without using them.
    pub fn keep_brief_layouts(&self, briefs: usize) {
        self.brief_layouts_kept.store(briefs, std::sync::atomic::Ordering::Relaxed);
    }

    /// How many later briefs a brief's layouts outlive unused.
    pub fn brief_layouts_kept(&self) -> usize {
        self.brief_layouts_kept.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The fonts of the PDF briefs, loaded on first use.
    fn pdf_fonts(&self) -> &typst_kit::fonts::FontStore {
        self.pdf_fonts.get_or_init(|| pdf::load_fonts(&self.files))
    }

    /// Loads the fonts of the PDF briefs now rather than in the first brief.
    pub fn load_fonts(&self) {
        if self.brief_typ.is_some() {
            self.pdf_fonts();
        }
    }

    /// Warnings for characters of the briefs' sources that no font of
    /// the PDF briefs can print (none when the theme has no PDF template).
    pub fn missing_glyphs(&self, linked: &crate::link::Linked) -> glyphs::Coverage {
        if self.brief_typ.is_none() {
            return glyphs::Coverage::default();
        }
        glyphs::missing_glyphs(linked, self.pdf_fonts().book(), &self.fonts_folder())
    }

    /// Whether `file` holds a character no font of the PDF briefs has.
    pub fn lacks_glyphs(&self, file: &crate::source::SourceFile) -> bool {
        self.brief_typ.is_some() && glyphs::any_missing(file, self.pdf_fonts().book())
    }

    /// Where a font for the briefs goes: the theme folder's `fonts/`, or
    /// for the built-in theme, a site theme's.
    fn fonts_folder(&self) -> String {
        match &self.files.dir {
            Some(dir) => format!("`{}`", dir.join("fonts").display()),
            None => "a `fonts/` folder in the site's theme folder (`wsis theme eject` writes one out)".into(),
        }
    }

    /// Renders the page at `path` (named in messages) with `template`, in
    /// language `lang` (an index into the languages given to `speak`): the
    /// page's bytes, UTF-8 as the template and data are (not checked again).
    pub fn render(&self, template: &str, path: &str, data: tera::Value, lang: usize) -> Result<Vec<u8>, String> {
        let mut context = tera::Context::new();
        for (key, value) in data.into_map().unwrap_or_default() {
            match key {
                tera::value::Key::Str(key) => context.insert_value(key, value),
                key => context.insert_value(key.to_string(), value),
            }
        }
        let mut out = Vec::with_capacity(16 * 1024);
        let tera = self.teras.get(lang).unwrap_or(&self.tera);
        tera.render_to(template, &context, &mut out).map(|()| out).map_err(|e| {
            // The template the mistake is in (an included or extended one,
            // perhaps), at its line and column when tera says.
            let (name, place) = error_place(&e).map_or((template, String::new()), |(n, p)| (n, format!(":{p}")));
            let file = self.files.display(&format!("templates/{name}"));
            format!("{file}{place}: rendering {path}: {}", describe(&e))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How many fonts a theme's briefs can use.
    fn font_count(theme: &Theme) -> usize {
        let book = theme.pdf_fonts().book();
        (0..).take_while(|i| book.info(*i).is_some()).count()
    }

    #[test]
    fn each_theme_brings_its_own_fonts_to_the_briefs() {
        let builtin = Theme::load(ThemeFiles::builtin()).unwrap();
        let mut files = ThemeFiles::builtin();
        let arabic = files.get("fonts/NotoNaskhArabic-Regular.ttf").unwrap().bytes.clone();
        files.files.insert("fonts/Another.ttf".into(), crate::load::theme::ThemeFile { bytes: arabic, origin: None });
        let with_font = Theme::load(files).unwrap();
        // Not one store for the whole process: the theme loaded later (as
        // serve loads it after a font is added) has the new font.
        assert_eq!(font_count(&with_font), font_count(&builtin) + 1);
    }

    #[test]
    fn escaping_leaves_slashes_alone() {
        assert_eq!(escape(r#"<a href="x">'&'</a>"#), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    }
}
