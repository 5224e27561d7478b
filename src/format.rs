//! How numbers and figures read, shared by every stage that shows them
//! (pages, charts, briefs): digit grouping and key-figure text. A leaf
//! module: it uses nothing but the model's types and the locale's numbers.

use crate::model::KeyFigure;

/// "15,000".
pub fn group_digits(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A key figure as a reader sees it: "about 150", "770+", with its number
/// in the reader's digits and `about` the reader's words for an
/// approximate figure ("about {n}").
pub fn figure_text(k: &KeyFigure, locale: &crate::locale::Locale, about: &str) -> String {
    let mut n = locale.number(k.value);
    if k.plus {
        n.push('+');
    }
    match (&k.qualifier, k.approx) {
        (Some(q), _) => format!("{q} {n}"),
        (None, true) => about.replace("{n}", &n),
        (None, false) => n,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_keep_their_qualifiers() {
        let k = |value, approx, plus| KeyFigure { label: String::new(), value, approx, plus, qualifier: None };
        let en = crate::locale::Locale::new("en").unwrap();
        let text = |k: &KeyFigure| figure_text(k, &en, "about {n}");
        assert_eq!(text(&k(15000, false, false)), "15,000");
        assert_eq!(text(&k(160, true, false)), "about 160");
        assert_eq!(text(&k(770, false, true)), "770+");
        assert_eq!(group_digits(1234567), "1,234,567");
        let more = KeyFigure { qualifier: Some("more than".into()), ..k(1800, false, false) };
        assert_eq!(text(&more), "more than 1,800");
    }
}
