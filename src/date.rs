//! Calendar dates as editors write them, checked to be real.
//!
//! `YYYY-MM-DD` is the norm. Where the sources give only a month or a year
//! (an extension to the content model), `YYYY-MM` and `YYYY` are accepted
//! and shown as such ("January 2021"), never padded with an invented day.
//! A missing part is stored as 0, so dates still sort: a month comes before
//! its days.
//!
//! Hand-written rather than a date crate: the model needs parsing and
//! ordering, nothing with times or zones; how a date reads in each
//! language is `locale`'s (CLDR through ICU4X).

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u32,
    /// 1-12, or 0 when only the year is known.
    pub month: u32,
    /// 1-31, or 0 when only the year or month is known.
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
    /// Parses `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`); the error says what is wrong.
    pub fn parse(text: &str) -> Result<Date, String> {
        let shape = |len: usize| {
            text.len() == len
                && text.bytes().enumerate().all(|(i, c)| if i == 4 || i == 7 { c == b'-' } else { c.is_ascii_digit() })
        };
        if !(shape(10) || shape(7) || shape(4)) {
            return Err(format!("`{text}` is not a date in the form YYYY-MM-DD"));
        }
        let num = |r: std::ops::Range<usize>| text.get(r).and_then(|s| s.parse::<u32>().ok()).unwrap_or(0);
        let (year, month, day) = (num(0..4), num(5..7), num(8..10));
        if text.len() >= 7 && !(1..=12).contains(&month) {
            return Err(format!("`{text}` has month {month}; months run from 01 to 12"));
        }
        if text.len() == 10 {
            let last = days_in_month(year, month);
            if day == 0 || day > last {
                return Err(format!(
                    "`{text}` is not a real date: {} {year} has {last} days",
                    MONTHS[month as usize - 1]
                ));
            }
        }
        Ok(Date { year, month, day })
    }

    /// Today's date (UTC), from the system clock.
    pub fn today() -> Date {
        let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
        Date::from_days_since_epoch((secs / 86_400) as i64)
    }

    /// The date of a reproducible build: the day of `SOURCE_DATE_EPOCH`
    /// (seconds since 1970, the reproducible-builds convention that CI
    /// sets, often to the last commit's time), `None` when it is not set
    /// or not a number. Never the clock: the same input gives the same
    /// bytes.
    pub fn source_date() -> Option<Date> {
        let secs: i64 = std::env::var("SOURCE_DATE_EPOCH").ok()?.trim().parse().ok()?;
        Some(Date::from_days_since_epoch(secs.div_euclid(86_400)))
    }

    /// The civil date `days` after 1970-01-01 (proleptic Gregorian).
    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as u32;
        Date { year, month, day }
    }

    /// True when the day is known.
    pub fn is_exact(&self) -> bool {
        self.day != 0
    }

    /// The first day this date can mean (`2021-01` -> 1 January 2021).
    pub fn first_day(&self) -> Date {
        Date { year: self.year, month: self.month.max(1), day: self.day.max(1) }
    }

    /// The last day this date can mean (`2021-05` -> 31 May 2021).
    pub fn last_day(&self) -> Date {
        let month = if self.month == 0 { 12 } else { self.month };
        let day = if self.day == 0 { days_in_month(self.year, month) } else { self.day };
        Date { year: self.year, month, day }
    }

    /// ISO form as written (`2020-06-22`, `2021-01`, `2020`): valid in
    /// `<time datetime>`.
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
        match (self.month, self.day) {
            (0, _) => write!(f, "{:04}", self.year),
            (m, 0) => write!(f, "{:04}-{m:02}", self.year),
            (m, d) => write!(f, "{:04}-{m:02}-{d:02}", self.year),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn parses_real_dates_only() {
        assert_eq!(Date::parse("2020-06-22"), Ok(Date { year: 2020, month: 6, day: 22 }));
        assert!(Date::parse("2020-02-29").is_ok());
        assert!(Date::parse("2019-02-29").unwrap_err().contains("28 days"));
        assert!(Date::parse("2024-13-45").unwrap_err().contains("month 13"));
        assert!(Date::parse("22/06/2020").unwrap_err().contains("YYYY-MM-DD"));
        assert!(Date::parse("2020-6-22").is_err());
        assert!(Date::parse("2021-00").is_err());
    }

    #[test]
    fn month_and_year_precision_is_kept() {
        assert_eq!(d("2021-01").iso(), "2021-01");
        assert_eq!(d("2021-05").last_day(), d("2021-05-31"));
        assert_eq!(d("2020").first_day(), d("2020-01-01"));
        assert!(d("2021-01") < d("2021-01-01"), "a month sorts before its days");
    }

    #[test]
    fn civil_dates_from_day_counts() {
        assert_eq!(Date::from_days_since_epoch(0), d("1970-01-01"));
        assert_eq!(Date::from_days_since_epoch(18_435), d("2020-06-22"));
        assert_eq!(Date::from_days_since_epoch(19_782), d("2024-02-29"));
        assert!(Date::today().year >= 2024);
    }
}
