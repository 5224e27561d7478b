//! Dates and numbers written the reader's way, from CLDR data through
//! ICU4X (its crates are already in the tree through typst): "22 June
//! 2020", "22 juin 2020", "22 июня 2020 г.", "2020年6月22日"; "15,000",
//! "15 000" (with the narrow no-break space French uses).
//!
//! A leaf module: it knows the model's `Date` and nothing else.

use crate::date::Date;
use icu_datetime::fieldsets::{D, MD, Y, YM, YMD};
use icu_datetime::DateTimeFormatter;
use icu_decimal::DecimalFormatter;

/// Languages written right to left.
const RTL_LANGUAGES: &[&str] = &["ar", "he", "fa", "ur", "ps", "sd", "yi", "dv", "ug", "ckb"];

/// `rtl` for a language written right to left, else `ltr`: what
/// `<html dir>` and the PDF briefs' direction follow.
pub fn direction(language: &str) -> &'static str {
    let primary = language.split('-').next().unwrap_or("").to_ascii_lowercase();
    if RTL_LANGUAGES.contains(&primary.as_str()) {
        "rtl"
    } else {
        "ltr"
    }
}

/// The formatters of one language.
pub struct Locale {
    tag: String,
    ymd: DateTimeFormatter<YMD>,
    ym: DateTimeFormatter<YM>,
    y: DateTimeFormatter<Y>,
    md: DateTimeFormatter<MD>,
    d: DateTimeFormatter<D>,
    numbers: DecimalFormatter,
    /// Whether the language writes the year before the day ("2020年6月22日"),
    /// so a range keeps the shared year on the left.
    year_first: bool,
}

impl std::fmt::Debug for Locale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Locale({})", self.tag)
    }
}

/// The CLDR locale a site language is formatted with. Plain `en` is
/// written as the United Nations write English, the British way
/// ("22 June 2020"); any other tag is taken as it is (`en-US` gives
/// "June 22, 2020").
pub(crate) fn cldr_tag(language: &str) -> &str {
    if language.eq_ignore_ascii_case("en") {
        "en-GB"
    } else {
        language
    }
}

fn iso(d: Date) -> Option<icu_datetime::input::Date<icu_calendar::Iso>> {
    let year = i32::try_from(d.year).ok()?;
    icu_datetime::input::Date::try_new_iso(year, d.month.max(1) as u8, d.day.max(1) as u8).ok()
}

impl Locale {
    /// The formatters for a BCP 47 tag (`fr`, `zh`, `ar`, `en-US`); the
    /// error says why the tag cannot be used.
    pub fn new(language: &str) -> Result<Locale, String> {
        let tag = cldr_tag(language);
        let locale = icu_locale_core::Locale::try_from_str(tag)
            .map_err(|e| format!("`{language}` is not a BCP 47 language tag ({e})"))?;
        let load = |e: icu_datetime::DateTimeFormatterLoadError| format!("no date formats for `{language}`: {e}");
        let ymd = DateTimeFormatter::try_new((&locale).into(), YMD::long()).map_err(load)?;
        let ym = DateTimeFormatter::try_new((&locale).into(), YM::long()).map_err(load)?;
        let y = DateTimeFormatter::try_new((&locale).into(), Y::long()).map_err(load)?;
        let md = DateTimeFormatter::try_new((&locale).into(), MD::long()).map_err(load)?;
        let d = DateTimeFormatter::try_new((&locale).into(), D::long()).map_err(load)?;
        let numbers = DecimalFormatter::try_new((&locale).into(), Default::default())
            .map_err(|e| format!("no number formats for `{language}`: {e}"))?;
        let mut l = Locale { tag: language.to_string(), ymd, ym, y, md, d, numbers, year_first: false };
        let sample = Date { year: 2020, month: 6, day: 22 };
        l.year_first = l.date(sample).starts_with(&l.year(sample));
        Ok(l)
    }

    /// The language tag as the site declares it.
    pub fn tag(&self) -> &str {
        &self.tag
    }

    fn year(&self, d: Date) -> String {
        iso(d).map_or_else(|| d.year.to_string(), |x| self.y.format(&x).to_string())
    }

    /// "22 June 2020", "January 2021" or "2020", at the date's precision.
    pub fn date(&self, d: Date) -> String {
        let Some(x) = iso(d) else { return d.iso() };
        match (d.month, d.day) {
            (0, _) => self.y.format(&x).to_string(),
            (_, 0) => self.ym.format(&x).to_string(),
            _ => self.ymd.format(&x).to_string(),
        }
    }

    /// "22 June – 10 September 2020", "12–16 June 2017": what both ends
    /// share is written once, on the side where the language puts the year.
    pub fn range(&self, start: Date, end: Date) -> String {
        if start == end {
            return self.date(start);
        }
        let (Some(a), Some(b)) = (iso(start), iso(end)) else {
            return format!("{} – {}", start.iso(), end.iso());
        };
        if !start.is_exact() || !end.is_exact() || start.year != end.year {
            return format!("{} – {}", self.date(start), self.date(end));
        }
        let same_month = start.month == end.month;
        match (self.year_first, same_month) {
            (false, true) => format!("{}–{}", self.d.format(&a), self.date(end)),
            (false, false) => format!("{} – {}", self.md.format(&a), self.date(end)),
            (true, true) => format!("{}–{}", self.date(start), self.d.format(&b)),
            (true, false) => format!("{} – {}", self.date(start), self.md.format(&b)),
        }
    }

    /// "15,000", "15 000", "15.000", in the language's digits.
    pub fn number(&self, n: u64) -> String {
        self.numbers.format(&icu_decimal::input::Decimal::from(n)).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn english_reads_as_un_documents_write_it() {
        let en = Locale::new("en").unwrap();
        assert_eq!(en.date(d("2020-06-22")), "22 June 2020");
        assert_eq!(en.date(d("2021-01")), "January 2021");
        assert_eq!(en.date(d("2020")), "2020");
        assert_eq!(en.range(d("2020-06-22"), d("2020-09-10")), "22 June – 10 September 2020");
        assert_eq!(en.range(d("2017-06-12"), d("2017-06-16")), "12–16 June 2017");
        assert_eq!(en.range(d("2021-01"), d("2021-05-21")), "January 2021 – 21 May 2021");
        assert_eq!(en.number(15000), "15,000");
    }

    #[test]
    fn each_un_language_has_its_own_forms() {
        let fr = Locale::new("fr").unwrap();
        assert_eq!(fr.range(d("2020-06-22"), d("2020-09-10")), "22 juin – 10 septembre 2020");
        assert_eq!(fr.number(15000), "15\u{202f}000", "French groups with a narrow no-break space");
        let ru = Locale::new("ru").unwrap();
        assert!(ru.date(d("2020-06-22")).starts_with("22 июня 2020"), "{}", ru.date(d("2020-06-22")));
        let zh = Locale::new("zh").unwrap();
        assert_eq!(zh.date(d("2020-06-22")), "2020年6月22日");
        assert_eq!(zh.range(d("2020-06-22"), d("2020-09-10")), "2020年6月22日 – 9月10日");
        let es = Locale::new("es").unwrap();
        assert_eq!(es.date(d("2020-06-22")), "22 de junio de 2020");
        let ar = Locale::new("ar").unwrap();
        assert!(ar.date(d("2020-06-22")).contains("يونيو"), "{}", ar.date(d("2020-06-22")));
    }

    #[test]
    fn a_tag_that_is_not_bcp_47_is_refused() {
        assert!(Locale::new("not a tag").unwrap_err().contains("BCP 47"));
    }
}
