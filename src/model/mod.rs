//! The typed content model: what validation produces and linking reads.
//!
//! Every field mirrors CONTENT-MODEL.md. References to other entities keep
//! the span they were written at (`At<T>`), so linking can point an editor
//! at the exact line of a reference that does not resolve.

use crate::date::Date;
use crate::source::Span;
pub use crate::vocabulary::{Format, PublicationKind, SourceStatus, Stakeholder, UngisKind, Unit};
use serde::Serialize;

mod item;
pub use item::Item;

/// A value with the place it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct At<T> {
    pub value: T,
    pub span: Span,
}

/// `site.yaml`.
#[derive(Debug, Clone, Serialize)]
pub struct SiteConfig {
    /// Site name shown in every page header.
    pub title: String,
    /// One sentence for the home page and feed.
    pub description: Option<String>,
    /// Absolute address of the published site; only for sitemap and feed.
    pub base_url: Option<String>,
    /// Where readers write to: an e-mail address (`wsis-info@itu.int`) or
    /// a web address, shown in every page's footer and on the briefs.
    pub contact: Option<String>,
    /// Let raw HTML in Markdown through (off: it is shown as text).
    pub unsafe_html: bool,
    /// Every language the site publishes in, the default first.
    pub languages: Vec<SiteLanguage>,
    /// Whether the default language has its own `<code>/` folder like the
    /// others (`default_language: folder`) rather than the site root.
    pub default_in_folder: bool,
    /// `lints:`: a level for each diagnostic code it names.
    pub lints: Vec<(crate::diagnostics::Code, crate::vocabulary::LintLevel)>,
}

impl SiteConfig {
    /// Where language `i` is written under the output folder: `""` for the
    /// default at the root, else `fr/`.
    pub fn prefix(&self, i: usize) -> String {
        if i == 0 && !self.default_in_folder {
            String::new()
        } else {
            self.languages.get(i).map_or_else(String::new, |l| format!("{}/", l.code))
        }
    }

    /// Whether the site publishes in more than one language.
    pub fn is_multilingual(&self) -> bool {
        self.languages.len() > 1
    }
}

/// One language a site publishes in (`site.yaml` `languages:`).
#[derive(Debug, Clone, Serialize)]
pub struct SiteLanguage {
    /// BCP 47 tag: `en`, `fr`, `zh`.
    pub code: String,
    /// `rtl` or `ltr`.
    pub dir: &'static str,
    /// The site's title and description in this language, where site.yaml
    /// gives them (else the default language's are shown).
    pub title: Option<String>,
    pub description: Option<String>,
}

/// One item of a list in a translation: its texts by key (`label`,
/// `title`, `text`, `role`...), and a distribution's part labels.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TranslatedItem {
    pub texts: std::collections::BTreeMap<String, String>,
    pub parts: Vec<Option<String>>,
}

impl TranslatedItem {
    /// The translated text of `key`, if the translation gives one.
    pub fn text(&self, key: &str) -> Option<&String> {
        self.texts.get(key)
    }
}

/// `<name>.<code>.md`: the language-bound text of a document in another
/// language. Everything else (dates, numbers, ids, references, URLs, tags)
/// comes from the original.
#[derive(Debug, Clone)]
pub struct Translation {
    /// The original, by its place in the tree.
    pub of: crate::load::DocKind,
    pub lang: String,
    pub title: Option<String>,
    pub description: Option<String>,
    /// A forum's theme.
    pub theme: Option<String>,
    /// A forum's venue, as this language writes it.
    pub venue: Option<String>,
    /// A forum's sources in this language (each UN publication has an
    /// address per language): replace the original's when given.
    pub sources: Option<Vec<String>>,
    /// A forum's notes on its sources in this language.
    pub source_notes: Option<Vec<String>>,
    /// A forum's lists (`key_figures`, `quotes`, `distributions`,
    /// `hlt_facilitators`...) and a session's people (`facilitators`,
    /// `speakers`), item by item in the original's order.
    pub lists: std::collections::BTreeMap<&'static str, Vec<At<TranslatedItem>>>,
    pub body: Body,
    pub file: usize,
}

/// One WSIS Action Line (C1..C11, C7 and its eight applications).
#[derive(Debug, Clone, Serialize)]
pub struct ActionLine {
    /// `C2`, `C7-e-health`.
    pub id: String,
    /// `C7` for the eight ICT applications.
    pub parent: Option<String>,
    pub title: String,
    /// Lead facilitators.
    pub lead: Vec<String>,
    /// Co-facilitators.
    pub co: Vec<String>,
    /// The title in other languages, by language code.
    #[serde(skip)]
    pub titles: std::collections::BTreeMap<String, String>,
    #[serde(skip)]
    pub span: Span,
}

/// One Sustainable Development Goal.
#[derive(Debug, Clone, Serialize)]
pub struct Sdg {
    pub number: u32,
    pub title: String,
    /// The official colour, `#RRGGBB`.
    pub color: String,
    /// The title in other languages, by language code.
    #[serde(skip)]
    pub titles: std::collections::BTreeMap<String, String>,
}

/// A facilitator, speaker or quoted person.
#[derive(Debug, Clone, Serialize)]
pub struct Person {
    pub name: String,
    pub role: Option<String>,
    pub organization: Option<String>,
    pub stakeholder: Option<Stakeholder>,
}

/// A headline number.
#[derive(Debug, Clone, Serialize)]
pub struct KeyFigure {
    pub label: String,
    pub value: u64,
    /// Extension: the words the source puts before the number ("more than",
    /// "over"), kept so a figure reads as the source gives it.
    pub qualifier: Option<String>,
    /// "about 150".
    pub approx: bool,
    /// "770+".
    pub plus: bool,
}

/// One part of a distribution chart.
#[derive(Debug, Clone, Serialize)]
pub struct Part {
    pub label: String,
    pub value: u64,
}

/// A breakdown drawn as a chart (gender, region, stakeholder type).
#[derive(Debug, Clone, Serialize)]
pub struct Distribution {
    pub title: String,
    /// `percent` or `count`.
    pub unit: Unit,
    pub parts: Vec<Part>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SpecialTrack {
    pub title: String,
    pub sessions: Option<u64>,
}

/// A phase of the Open Consultation Process.
#[derive(Debug, Clone, Serialize)]
pub struct ConsultationPhase {
    pub phase: String,
    pub title: String,
    pub date: Option<Date>,
    /// Extension: time of day, when the seeds give one.
    pub time: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Publication {
    pub title: String,
    pub kind: PublicationKind,
    pub url: Option<String>,
    #[serde(skip)]
    pub span: Span,
}

#[derive(Debug, Clone, Serialize)]
pub struct Quote {
    pub by: String,
    pub role: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct RegionalEvent {
    pub title: String,
    pub date: Option<Date>,
    pub time: Option<String>,
    pub organizers: Vec<String>,
    pub url: Option<String>,
}

/// WSIS Prizes figures for a forum year.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Prizes {
    pub submitted: Option<u64>,
    pub nominated: Option<u64>,
    pub winners: Option<u64>,
    pub champions: Option<u64>,
}

/// One phase of a WSIS Prizes contest.
#[derive(Debug, Clone, Serialize)]
pub struct PrizePhase {
    pub phase: String,
    pub title: String,
    pub start: Option<Date>,
    pub end: Option<Date>,
}

/// What every document that names action lines and SDGs carries.
#[derive(Debug, Clone, Default)]
pub struct Tags {
    pub action_lines: Vec<At<String>>,
    pub sdgs: Vec<At<u32>>,
}

/// The rendered body of a document, produced by linking. Its texts are
/// shared, not copied, by the view of each language that shows them (a
/// six-language site holds each translation's text once).
#[derive(Debug, Clone, Default)]
pub struct Body {
    /// The text of the file the body is in, shared with it (the body is
    /// not copied out of it): its Markdown starts at `offset`.
    pub source: std::sync::Arc<str>,
    /// Byte offset of the body in its file.
    pub offset: usize,
    /// HTML for the document's own page (filled in by linking).
    pub html: std::sync::Arc<str>,
    /// Where `html` depends on its page, so a brief can show it without
    /// rendering it again (`None`: render it again).
    pub marks: Option<std::sync::Arc<[crate::markdown::Mark]>>,
    /// For a translation's body laid over its original's: the original's
    /// heading ids, which its headings take by position when it has as
    /// many, so a link to a section (`#recommendations`) holds in every
    /// language. Empty for an original.
    pub heading_ids: Vec<String>,
}

impl Body {
    /// The Markdown as written.
    pub fn markdown(&self) -> &str {
        self.source.get(self.offset..).unwrap_or_default()
    }
}

/// `forums/<year>/forum.md`.
#[derive(Debug, Clone)]
pub struct Forum {
    pub year: u32,
    pub title: String,
    pub theme: Option<String>,
    pub start: Date,
    pub end: Date,
    /// Required by the model; optional here (an extension) because some
    /// sources do not name the venue, and nothing is invented.
    pub venue: Option<String>,
    /// Likewise optional when the sources do not say.
    pub format: Option<Format>,
    pub key_figures: Vec<KeyFigure>,
    pub distributions: Vec<Distribution>,
    pub special_tracks: Vec<SpecialTrack>,
    pub consultation: Vec<ConsultationPhase>,
    pub hlt_facilitators: Vec<Person>,
    pub publications: Vec<Publication>,
    pub quotes: Vec<Quote>,
    pub regional_events: Vec<RegionalEvent>,
    /// Extension: the documents the forum's facts come from, as the site's
    /// sources page names them; shown on the forum page and in its briefs.
    pub sources: Vec<String>,
    /// Extension: what the sources are (an outcome report, or an
    /// announcement or programme written before the forum); `None` when
    /// the file does not say, read as an outcome.
    pub status: Option<SourceStatus>,
    /// The date the sources describe the forum as of.
    pub as_of: Option<Date>,
    /// Extension: notes on the sources (where they disagree, what they
    /// leave out), shown beside them, not in the forum's text.
    pub source_notes: Vec<String>,
    pub prizes: Option<Prizes>,
    /// Extension: the phases of that year's WSIS Prizes contest.
    pub prize_phases: Vec<PrizePhase>,
    pub tags: Tags,
    pub body: Body,
    pub file: usize,
}

/// `forums/<year>/hlt/<slug>.md`: a High-Level Track policy session.
#[derive(Debug, Clone)]
pub struct Session {
    pub year: u32,
    pub slug: String,
    pub title: String,
    /// The day, or the first day of `date: a..b` when the sources give
    /// only the period the session fell in.
    pub date: At<Date>,
    /// Last day of such a period.
    pub date_end: Option<Date>,
    pub time: Option<String>,
    pub facilitators: Vec<Person>,
    pub speakers: Vec<Person>,
    pub tags: Tags,
    pub body: Body,
    pub file: usize,
}

impl Session {
    /// Where a session stands among all of them: by forum, day, title,
    /// then file.
    pub fn order(&self) -> (u32, Date, &str, &str) {
        (self.year, self.date.value, &self.title, &self.slug)
    }
}

/// `ungis/<slug>.md`.
#[derive(Debug, Clone)]
pub struct Ungis {
    pub slug: String,
    pub title: String,
    pub kind: UngisKind,
    pub date: Date,
    /// Last day when `date` is a period (`a..b`).
    pub date_end: Option<Date>,
    pub time: Option<String>,
    pub chair: Option<String>,
    pub forum: Option<At<u32>>,
    pub url: Option<String>,
    pub tags: Tags,
    pub body: Body,
    pub file: usize,
}

/// One planned activity in a roadmap.
#[derive(Debug, Clone)]
pub struct Activity {
    pub title: String,
    pub timeframe: Option<String>,
    pub expected_results: Option<String>,
    pub partners: Vec<String>,
    pub sdgs: Vec<At<u32>>,
}

/// `roadmaps/<slug>.md`.
#[derive(Debug, Clone)]
pub struct Roadmap {
    pub slug: String,
    pub action_line: At<String>,
    pub title: String,
    pub facilitator: Option<String>,
    pub updated: Option<Date>,
    pub activities: Vec<Activity>,
    pub body: Body,
    pub file: usize,
}

/// `pages/<slug>.md`.
#[derive(Debug, Clone)]
pub struct Page {
    pub slug: String,
    pub title: String,
    /// Extension: one-line summary for lists and `<meta name=description>`.
    pub description: Option<String>,
    /// Extension: position in the footer menu (lower first, then title).
    pub weight: Option<u64>,
    /// Extension: the forum the page belongs to (`forum: 2020`): its briefs
    /// carry the page as an annex, and links to it lead there.
    pub forum: Option<At<u32>>,
    /// Extension: the action lines and SDGs the page is about, so it is
    /// listed under them and counted in the matrix.
    pub tags: Tags,
    pub body: Body,
    pub file: usize,
}

/// The whole validated model. `files[i]` is the source of an entity whose
/// `file` is `i`, so later stages can quote lines.
#[derive(Debug, Default, Clone)]
pub struct Model {
    /// Shared, not copied, by the model each language is shown from.
    pub files: std::sync::Arc<Vec<crate::source::SourceFile>>,
    /// `site.yaml`, `action-lines.yaml` and `sdgs.yaml`, as loaded.
    pub reference_files: Vec<crate::source::SourceFile>,
    pub site: Option<SiteConfig>,
    pub action_lines: Vec<ActionLine>,
    pub sdgs: Vec<Sdg>,
    /// Every id written in action-lines.yaml, valid entry or not, so a
    /// mistake there is reported once and not again at every reference.
    pub declared_action_lines: std::collections::BTreeSet<String>,
    /// Likewise every number written in sdgs.yaml.
    pub declared_sdgs: std::collections::BTreeSet<u32>,
    pub forums: Vec<Forum>,
    pub sessions: Vec<Session>,
    pub ungis: Vec<Ungis>,
    pub roadmaps: Vec<Roadmap>,
    pub pages: Vec<Page>,
    /// Translations whose original and language exist.
    pub translations: Vec<Translation>,
    pub statics: Vec<crate::load::StaticFile>,
    /// The documents' `allow:` entries: a code of warning each excuses.
    pub allowances: Vec<crate::validate::lints::Allowance>,
    /// The pictures among them, by path: each one's size, or why it
    /// cannot be shown.
    pub pictures: crate::markdown::Pictures,
    /// Source paths of drafts left out of this build.
    pub drafts: Vec<String>,
    /// Documents that exist but have errors, by source path, with the page
    /// each would have: a link or reference to one is not a second mistake.
    pub invalid: Vec<(String, String)>,
    /// `action-lines.yaml` or `sdgs.yaml` could not be read at all (its YAML
    /// is broken): the references to it are not checked, since each would
    /// repeat that one mistake.
    pub unread_action_lines: bool,
    pub unread_sdgs: bool,
}
