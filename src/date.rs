//! Calendar dates as editors write them (`YYYY-MM-DD`), checked to be real.
//!
//! Hand-written rather than a date crate: the model needs parsing, ordering
//! and two display forms, nothing with times or zones.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u32,
    pub month: u32,
    pub day: u32,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// Parses `YYYY-MM-DD`; the error says what is wrong with it.
    pub fn parse(text: &str) -> Result<Date, String> {
        let b = text.as_bytes();
        let shape_ok = b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
        if !shape_ok {
            return Err(format!("`{text}` is not a date in the form YYYY-MM-DD"));
        }
        let num = |r: std::ops::Range<usize>| text[r].parse::<u32>().unwrap_or(0);
        let (year, month, day) = (num(0..4), num(5..7), num(8..10));
        if !(1..=12).contains(&month) {
            return Err(format!("`{text}` has month {month}; months run from 01 to 12"));
        }
        let last = days_in_month(year, month);
        if day == 0 || day > last {
            return Err(format!("`{text}` is not a real date: {} {year} has {last} days", MONTHS[month as usize - 1]));
        }
        Ok(Date { year, month, day })
    }

    /// "22 June 2020".
    pub fn long(&self) -> String {
        format!("{} {} {}", self.day, MONTHS[self.month as usize - 1], self.year)
    }

    /// ISO form, as used in `<time datetime>` and feeds.
    pub fn iso(&self) -> String {
        self.to_string()
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.iso())
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// "22 June – 10 September 2020", without repeating what both ends share.
pub fn range_long(start: Date, end: Date) -> String {
    if start == end {
        start.long()
    } else if start.year != end.year {
        format!("{} – {}", start.long(), end.long())
    } else if start.month != end.month {
        format!("{} {} – {}", start.day, MONTHS[start.month as usize - 1], end.long())
    } else {
        format!("{}–{}", start.day, end.long())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_real_dates_only() {
        assert_eq!(Date::parse("2020-06-22"), Ok(Date { year: 2020, month: 6, day: 22 }));
        assert!(Date::parse("2020-02-29").is_ok());
        assert!(Date::parse("2019-02-29").unwrap_err().contains("28 days"));
        assert!(Date::parse("2024-13-45").unwrap_err().contains("month 13"));
        assert!(Date::parse("22/06/2020").unwrap_err().contains("YYYY-MM-DD"));
        assert!(Date::parse("2020-6-22").is_err());
    }

    #[test]
    fn ranges_read_naturally() {
        let d = |s| Date::parse(s).unwrap();
        assert_eq!(range_long(d("2020-06-22"), d("2020-09-10")), "22 June – 10 September 2020");
        assert_eq!(range_long(d("2017-06-12"), d("2017-06-16")), "12–16 June 2017");
        assert_eq!(range_long(d("2017-06-12"), d("2017-06-12")), "12 June 2017");
    }
}
