//! Every kind of problem `wsis` reports, in one place: its code (as
//! messages, SARIF rules and `allow` lists name it), what it means, and
//! how an editor fixes it (`wsis explain <code>` prints both). A new kind
//! is one line here; a diagnostic can only be made with a code from this
//! list.

macro_rules! codes {
    ($($variant:ident => $name:literal: $summary:literal, $fix:literal;)+) => {
        /// A kind of problem in the content (see the module).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $($variant),+
        }

        impl Code {
            /// Every code, in the order listed.
            pub const ALL: &'static [Code] = &[$(Code::$variant),+];

            /// The code as messages write it: `unknown-key`.
            pub fn name(self) -> &'static str {
                match self {
                    $(Code::$variant => $name),+
                }
            }

            /// What the problem is, in a sentence.
            pub fn summary(self) -> &'static str {
                match self {
                    $(Code::$variant => $summary),+
                }
            }

            /// Why it matters and how to fix it.
            pub fn fix(self) -> &'static str {
                match self {
                    $(Code::$variant => $fix),+
                }
            }
        }
    };
}

impl Code {
    /// The code named `name`, if there is one.
    pub fn from_name(name: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.name() == name)
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

codes! {
    Layout => "layout": "A file that does not fit the content layout.",
        "Only the files of the content model are read; a file elsewhere would be silently skipped. Move it to where its kind belongs (the help lists the layout), or under `static/` if it is to be published as it is.";
    Symlink => "symlink": "A symbolic link in the content folder.",
        "A link could lead outside the content folder, and a build must read only what the repository holds. Replace it with the file itself.";
    NotUtf8 => "not-utf8": "A text file that is not UTF-8.",
        "Characters would be read wrongly in every language. Save the file as UTF-8 (most editors offer it under \"Save with encoding\").";
    TooLarge => "too-large": "A content file larger than `wsis` reads (8 MB).",
        "No document needs that much text. Split it, or put large files under `static/`.";
    MissingFile => "missing-file": "A file the site needs is missing (`site.yaml`, `action-lines.yaml`, `sdgs.yaml`).",
        "Pages cannot be made without the site's settings and reference lists. Add the file; `wsis init` writes a complete one.";
    NoContent => "no-content": "The content folder holds no documents.",
        "There is nothing to build. Add a forum, or start from `wsis init`.";
    Unreadable => "unreadable": "A file that cannot be read.",
        "Its permissions or the disk refuse it, so what it says cannot be shown. Give it read permission.";
    ControlCharacter => "control-character": "An invisible control character in a text file.",
        "Pasted from another program, it shows as a box or breaks the line in some readers and cannot be seen in most editors. Delete it; the message says where.";
    FrontMatter => "front-matter": "The file does not start with `---`, or its front matter is never closed.",
        "Every document starts with a front matter block between two `---` lines, holding its YAML fields; the body follows the second line. Add the missing `---` line where the message says.";
    YamlSyntax => "yaml-syntax": "The front matter's YAML cannot be read.",
        "Nothing in the file can be trusted until the YAML reads. Look at the line and column given: a missing quote, a tab used for indentation, or a colon in an unquoted value (`title: \"WSIS: the forum\"`) are the usual causes.";
    UnknownKey => "unknown-key": "A key the content model does not have.",
        "The key would be silently ignored, so what it says would never reach a page. Fix its spelling (the help names the nearest known key) or delete it.";
    DuplicateKey => "duplicate-key": "The same key is given twice in one mapping.",
        "Only one of the two values could be used, and which one is not obvious to a reader of the file. Keep one line and delete the other.";
    BadKey => "bad-key": "A key that is not text (a number or a list used as a key).",
        "Keys are the names of fields and are always text. Write the field's name, followed by a colon and its value.";
    MissingKey => "missing-key": "A required field is absent.",
        "Pages and briefs need this field to say what the document is. Add it, as the help shows.";
    EmptyValue => "empty-value": "A required field is blank.",
        "A blank title or date shows as nothing on the page. Write the value, or remove the key if the field is optional.";
    WrongType => "wrong-type": "A value of the wrong kind: text where a list is expected, a list where a number is.",
        "The field cannot be read as its kind, so nothing of it is shown. Write the value in the form the help gives.";
    ExpectedList => "expected-list": "A field that holds a list was given a single value.",
        "Lists are written `[a, b]` or as lines starting with `- `. Put the value in a list, even when there is one item.";
    ExpectedMapping => "expected-mapping": "A mapping (`key: value` lines) was expected here.",
        "The front matter and each entry of a list of records are mappings. Write `key: value` lines, indented under the entry.";
    ConflictingKeys => "conflicting-keys": "Two keys that cannot be given together.",
        "They say the same thing in two ways that may disagree. Keep the one the help names.";
    FieldTooLong => "field-too-long": "A text field is longer than a page or a brief can show.",
        "Very long values break layouts and PDF strings. Shorten it, or move the text into the document's body.";
    NotANumber => "not-a-number": "A number field holds something that is not a whole, non-negative number.",
        "Figures are counted and formatted per language, so they must be numbers. Write digits only (`1500`), and use `approx`, `plus` or `qualifier` for \"about\" or \"more than\".";
    OutOfRange => "out-of-range": "A number outside the range its field allows.",
        "A year or count far outside what is possible is almost always a typing slip. Check the value against the source.";
    NotABoolean => "not-a-boolean": "A yes/no field holds something other than `true` or `false`.",
        "Write `true` or `false` without quotes.";
    InvalidDate => "invalid-date": "A date that is not a real `YYYY-MM-DD` date (or `YYYY-MM`, `YYYY`).",
        "Dates are sorted, compared with their forum's and shown per language, so each must exist. Check the day and month; write only the month or the year when the source gives no more.";
    EndBeforeStart => "end-before-start": "An end that comes before its start.",
        "A period must run forwards. Swap the two dates or correct the one that is wrong.";
    InvalidValue => "invalid-value": "A value outside its list of allowed values.",
        "Fields such as `format`, `kind` or `status` take one of a few spellings, which pages translate. Use one of those the message lists; the help names the closest.";
    InvalidLanguage => "invalid-language": "A language code the site does not know or that is not a language code.",
        "Languages are named by their codes (`en`, `fr`, `es`, `ar`, `zh`, `ru`), in `site.yaml` and in translation file names. Use one of the site's codes; the help suggests the nearest.";
    InvalidUrl => "invalid-url": "An address that is not a web (`https://`) or mail address.",
        "Readers follow it from pages and briefs, so it must be complete. Write the full address, starting with `https://`.";
    InvalidId => "invalid-id": "An id that is not written as ids are.",
        "Ids appear in addresses and links. Use letters, digits and dashes, as in the reference files.";
    InvalidColor => "invalid-color": "A colour that is not a `#rrggbb` value.",
        "SDG colours are drawn in charts and tags. Write six hexadecimal digits after `#`, quoted: `\"#e5243b\"`.";
    PercentSum => "percent-sum": "The parts of a percent distribution do not add up to 100.",
        "A share chart of parts that do not add up misleads its readers. Check the figures against the source; use `unit: count` for counts.";
    YearMismatch => "year-mismatch": "`year:` differs from the forum's folder.",
        "A forum's year is its folder's name, which its address uses. Make the two agree: fix `year:` or move the file.";
    DuplicateId => "duplicate-id": "The same id is given twice in a list that needs unique ids.",
        "Links and tags name an entry by its id, so two entries with one id cannot both be reached. Give each entry its own id.";
    UnknownActionLine => "unknown-action-line": "An Action Line that `action-lines.yaml` does not list.",
        "Tags link to the Action Line's page and count in the matrix; an unknown one would lead nowhere. Use an id from `action-lines.yaml` (the help names the closest).";
    UnknownSdg => "unknown-sdg": "An SDG number outside 1 to 17, or one `sdgs.yaml` does not list.",
        "There are seventeen Sustainable Development Goals. Use their numbers.";
    UnknownForum => "unknown-forum": "A year for which there is no forum in `content/forums/`.",
        "The document says it belongs to a forum that the site does not have, so it cannot be listed with it. Use a year the help lists, or add that forum.";
    MissingForum => "missing-forum": "A session or translation in a forum folder that has no `forum.md`.",
        "Sessions are shown on their forum's page and in its brief. Add the folder's `forum.md`, or move the file to an existing forum.";
    DateOutsideForum => "date-outside-forum": "A High-Level Track session dated outside its forum's dates.",
        "A session happens during its forum. Check the date against the source, or the forum's `start` and `end`.";
    BrokenLink => "broken-link": "An `@/` link to a file, or a section, that does not exist.",
        "Readers who follow it reach nothing. Correct the path under `content/` (the help names similar files) or the `#section` after it.";
    UnsafeLink => "unsafe-link": "A `javascript:` or `data:` link target.",
        "Such links run code or carry content in the reader's browser, where a site's pages should do neither. Link to a web address or, with `@/`, to a file of the site.";
    LinkTooLong => "link-too-long": "A link target longer than 2,048 bytes.",
        "Search engines, sitemaps and PDF readers cut or refuse addresses this long. Link to a shorter address, such as the page that holds what this one names.";
    WordTooLong => "word-too-long": "A run of characters with no space longer than a PDF line can hold.",
        "A brief cannot break it across lines. Put spaces in it; a long address belongs in a link, `[its name](https://...)`.";
    BodyTooLarge => "body-too-large": "A body larger than a brief can typeset (1 MB, or 5,000 paragraphs and rows).",
        "Typesetting it would take minutes and gigabytes. Split it into several documents, such as a page for an annex, and link them.";
    NestingTooDeep => "nesting-too-deep": "Markdown nested deeper than a page or brief can lay out (quotes in quotes in lists...).",
        "Past a few levels the typesetter runs out of room and readers lose their way. Flatten the structure.";
    BriefTooLarge => "brief-too-large": "A forum whose sessions add up to more than a brief can typeset.",
        "Typesetting it would take minutes and gigabytes. Move detail into pages that the brief links to.";
    RawHtml => "raw-html": "Raw HTML in a body, shown as text.",
        "HTML from content could run scripts or break a page's structure, so it is shown as written. Use Markdown instead, or set `unsafe_html: true` in `site.yaml` if every editor is trusted.";
    BadPicture => "bad-picture": "A picture file that is not the image its name says, or too large to decode.",
        "The page and the brief would show a broken image. Save the picture again as PNG, JPEG, GIF, WebP or SVG, at most 20,000 pixels a side and 50 megapixels.";
    NotAPicture => "not-a-picture": "An image (`![...](@/...)`) of a file that is not a picture.",
        "Browsers and the PDF brief cannot draw a page, a PDF or a text file as an image. Link to it instead: `[its name](@/...)`.";
    RemotePicture => "remote-picture": "A picture from another host.",
        "Pages load nothing from another host: readers offline, behind a firewall or reading a copy from disk would see nothing, and the other host would see every reader. Save the picture under `content/static/` and show it with `@/static/...`.";
    UnreadableStatic => "unreadable-static": "A static file that cannot be read, or is a pipe or device.",
        "Static files are copied into the output as they are. Give it read permission, or remove it from `content/static/`.";
    StaticScript => "static-script": "A static SVG or HTML file that runs a script.",
        "It would run in the browser of everyone who opens it. Remove the script, or allow it for the whole site with `unsafe_html: true`.";
    UndeclaredLanguage => "undeclared-language": "A translation in a language `site.yaml` does not list.",
        "The site builds only its declared languages, so the file would be ignored. Add the code to `languages:` in `site.yaml`, or rename the file.";
    OrphanTranslation => "orphan-translation": "A translation whose original does not exist.",
        "There is nothing for it to translate. Rename it after its original, or add the original.";
    TranslationField => "translation-field": "A translation carries a field that comes from the original.",
        "Dates, figures and tags are the same in every language and are read from the original only. Delete the line from the translation.";
    TranslationExtra => "translation-extra": "A translation gives more list items than its original has.",
        "An item with no original has nothing to translate. Delete the extra items.";
    TranslationMissing => "translation-missing": "A document has no translation in a site language.",
        "Readers of that language see the original, with a notice. Add `<name>.<code>.md`; `wsis new translation` writes one.";
    TranslationIncomplete => "translation-incomplete": "A translation that leaves parts in the original's words.",
        "Those parts are shown in the original's language under a notice. Translate the parts the message lists.";
    TranslationOutdated => "translation-outdated": "A translation older than the original's last change.",
        "It may no longer say what the original says. Bring it up to date with the original's changes.";
    TranslationImport => "translation-import": "A translated XLIFF file that cannot be taken in as it is.",
        "`wsis translations import` takes a file exported by `wsis translations export` and translated in a translation tool. It refuses the whole file, writing nothing, when a unit's source is no longer the original's (the original changed since the export: export again and carry the translation over in the tool, whose memory offers it), when a unit or document no longer exists, or when a translated text breaks its placeholders (each must stay, once, in an order that keeps the markup: a link's two halves around its text), or when a translated field is longer than a field holds (4,096 characters). The message names the unit and its line in the file.";
    NoOutcomeSections => "no-outcome-sections": "A High-Level Track session with none of the five outcome sections.",
        "Briefs report each session's vision, trends, challenges, opportunities and recommendations. Add the sections the sources give; when they give none, the warning records the gap.";
    NoKeyFigures => "no-key-figures": "A forum without key figures.",
        "The cover of a brief and the home page lead with them. Add the headline numbers the sources give; when they give none, the warning records the gap.";
    PublicationWithoutUrl => "publication-without-url": "A publication with no address.",
        "Readers cannot open it. Add `url:` when the sources give one; when they give none, the warning records the gap.";
    MixedScript => "mixed-script": "A word mixing Latin, Cyrillic or Greek letters that look alike.",
        "Search never finds such a word, and screen readers spell it out. Retype the letter the message names in the word's own alphabet.";
    NoFontForCharacter => "no-font-for-character": "A character that no font of the PDF briefs has.",
        "It would print as an empty box, so the brief is written without its PDF/A claim. Replace the character, or add a font that has it to the theme's `fonts/`.";
    UnusedAllowance => "unused-allowance": "A document allows a code of warning that it does not have.",
        "An allowance records why a known gap is accepted; once the gap is filled, the line excuses nothing and would hide the warning if the gap came back. Delete it.";
    IoError => "io-error": "Reading or writing a file failed.",
        "The disk or its permissions refused the operation; the message names the file. Free space or fix permissions, then run again.";
    ThemeError => "theme-error": "The theme has a mistake: a template, a string file or the brief template.",
        "Pages cannot be rendered until it is fixed. The message names the theme's file and line.";
    OutputFolder => "output-folder": "The output folder cannot be used.",
        "`wsis` writes only into a folder it made, never over an editor's files or the content. Choose another `--output`, or delete the folder if it is one `wsis` made.";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_named_once_and_explained() {
        let mut names: Vec<&str> = Code::ALL.iter().map(|c| c.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Code::ALL.len(), "a code named twice");
        for code in Code::ALL {
            assert_eq!(Code::from_name(code.name()), Some(*code));
            assert!(code.summary().ends_with('.') && code.fix().ends_with('.'), "{code}");
            assert!(!code.fix().contains("TODO"), "{code} is not explained");
        }
    }
}
