//! CLDR's plural categories for interface strings: a string that counts
//! (`track_sessions`, `search_results`) comes as a family of keys, one per
//! category the language uses (`track_sessions.one`, `.few`, `.many`,
//! `.other`: Russian has four, Arabic six, Chinese one), and the count picks
//! one by the language's rules (ICU4X's `icu_plurals`), `.other` standing
//! for any the theme leaves out.

/// The categories, as the keys' suffixes name them.
pub const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// A key of a plural family and its category: `linked.few` -> (`linked`,
/// `few`).
pub fn split(key: &str) -> Option<(&str, &str)> {
    let (family, category) = key.rsplit_once('.')?;
    CATEGORIES.contains(&category).then_some((family, category))
}

/// One language's plural rules for whole numbers.
pub struct Plurals(icu_plurals::PluralRules);

impl Plurals {
    /// The rules of a BCP 47 tag; `None` when CLDR has none for it (the
    /// strings then always take `.other`).
    pub fn new(language: &str) -> Option<Plurals> {
        let locale = icu_locale_core::Locale::try_from_str(crate::locale::cldr_tag(language)).ok()?;
        icu_plurals::PluralRules::try_new_cardinal((&locale).into()).ok().map(Plurals)
    }

    /// The category of `n`.
    pub fn category(&self, n: u64) -> &'static str {
        use icu_plurals::PluralCategory as C;
        match self.0.category_for(n) {
            C::Zero => "zero",
            C::One => "one",
            C::Two => "two",
            C::Few => "few",
            C::Many => "many",
            C::Other => "other",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_counts_by_its_own_rules() {
        let cat = |lang: &str, n: u64| Plurals::new(lang).unwrap().category(n);
        assert_eq!([cat("en", 1), cat("en", 2), cat("en", 0)], ["one", "other", "other"]);
        assert_eq!([cat("fr", 0), cat("fr", 1), cat("fr", 2)], ["one", "one", "other"]);
        assert_eq!([cat("ru", 1), cat("ru", 3), cat("ru", 5), cat("ru", 21)], ["one", "few", "many", "one"]);
        assert_eq!(
            [cat("ar", 0), cat("ar", 2), cat("ar", 3), cat("ar", 11), cat("ar", 100)],
            ["zero", "two", "few", "many", "other"]
        );
        assert_eq!(cat("zh", 1), "other");
        assert_eq!(split("linked.few"), Some(("linked", "few")));
        assert_eq!(split("site.title"), None);
    }
}
