//! Calendar dates without a time of day, and the arithmetic the plan needs.
//!
//! Pure and small on purpose: the plan only ever needs proleptic Gregorian dates, day counts and
//! "+ N months" (which keeps the day of the month, clamped to the month's last day). A date crate
//! would add tens of kilobytes to the WebAssembly for these few functions.

use std::fmt;

use serde::{Serialize, Serializer};

/// A calendar date (proleptic Gregorian), years 1 to 9999.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

/// Why a `YYYY-MM-DD` string is not a date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateError {
    /// Not of the form `YYYY-MM-DD`.
    Format,
    /// Well formed, but no such day (`2026-02-30`, month 13, year 0).
    NoSuchDay,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::Format => f.write_str("is not a date of the form YYYY-MM-DD"),
            DateError::NoSuchDay => f.write_str("is not a day on the calendar"),
        }
    }
}

/// A length of time as a protocol states it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Hours,
    Days,
    Weeks,
    Months,
}

impl Unit {
    /// The unit's name for messages and machine-readable output.
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Hours => "hours",
            Unit::Days => "days",
            Unit::Weeks => "weeks",
            Unit::Months => "months",
        }
    }
}

/// An amount of a unit of time, never negative.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Span {
    pub amount: u32,
    pub unit: Unit,
}

impl Span {
    /// Whether this span reaches at least as far as `other` from any day: its shortest length in
    /// days (a month of 28) is at least the other's longest (a month of 31).
    pub fn covers(self, other: Span) -> bool {
        let days = |span: Span, month: u64| {
            let unit = match span.unit {
                Unit::Hours => return u64::from(span.amount).div_ceil(24),
                Unit::Days => 1,
                Unit::Weeks => 7,
                Unit::Months => month,
            };
            u64::from(span.amount) * unit
        };
        days(self, 28) >= days(other, 31)
    }

    pub const fn days(amount: u32) -> Span {
        Span {
            amount,
            unit: Unit::Days,
        }
    }

    pub const fn weeks(amount: u32) -> Span {
        Span {
            amount,
            unit: Unit::Weeks,
        }
    }

    pub const fn months(amount: u32) -> Span {
        Span {
            amount,
            unit: Unit::Months,
        }
    }
}

pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// The date, or `None` when there is no such day.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let valid = (1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u8 {
        self.month
    }

    pub fn day(self) -> u8 {
        self.day
    }

    /// Parses exactly `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Result<Date, DateError> {
        let bytes = text.as_bytes();
        let shape_ok = bytes.len() == 10
            && bytes[4] == b'-'
            && bytes[7] == b'-'
            && bytes
                .iter()
                .enumerate()
                .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
        if !shape_ok {
            return Err(DateError::Format);
        }
        let number = |range: std::ops::Range<usize>| -> i32 {
            text[range].parse().expect("checked to be ASCII digits")
        };
        let (year, month, day) = (number(0..4), number(5..7), number(8..10));
        Date::new(year, month as u8, day as u8).ok_or(DateError::NoSuchDay)
    }

    /// Days since 1970-01-01 (negative before it).
    pub fn to_days(self) -> i64 {
        // Howard Hinnant's days_from_civil, with March as the first month of the year so that
        // the leap day is the last day of the shifted year.
        let year = i64::from(self.year) - i64::from(self.month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let month = i64::from(self.month);
        let day_of_year =
            (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// The date `days` days after 1970-01-01, if it is within years 1 to 9999.
    pub fn from_days(days: i64) -> Option<Date> {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z - era * 146_097;
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let shifted_month = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
        let month = if shifted_month < 10 {
            shifted_month + 3
        } else {
            shifted_month - 9
        };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        Date::new(i32::try_from(year).ok()?, month as u8, day as u8)
    }

    /// The date `days` days later (earlier when negative); saturates at the calendar's ends.
    pub fn add_days(self, days: i64) -> Date {
        let target = self.to_days().saturating_add(days);
        Date::from_days(target).unwrap_or(if days < 0 { Date::MIN } else { Date::MAX })
    }

    /// The same day of the month `months` months later, clamped to that month's last day
    /// (31 January + 1 month = 28 or 29 February); saturates at the calendar's end.
    pub fn add_months(self, months: u32) -> Date {
        self.shift_months(i64::from(months))
    }

    fn shift_months(self, months: i64) -> Date {
        let index = i64::from(self.year) * 12 + i64::from(self.month - 1) + months;
        let year = index.div_euclid(12);
        if year > 9999 {
            return Date::MAX;
        }
        if year < 1 {
            return Date::MIN;
        }
        let year = year as i32;
        let month = (index.rem_euclid(12) + 1) as u8;
        let day = self.day.min(days_in_month(year, month));
        Date { year, month, day }
    }

    /// The date a span later (`sign` 1) or earlier (`sign` -1). Hours count as whole days
    /// started: 48 hours is 2 days, 1 hour is 1 day.
    fn shift(self, span: Span, sign: i64) -> Date {
        let amount = i64::from(span.amount);
        match span.unit {
            Unit::Hours => self.add_days(sign * ((amount + 23) / 24)),
            Unit::Days => self.add_days(sign * amount),
            Unit::Weeks => self.add_days(sign * amount * 7),
            Unit::Months => self.shift_months(sign * amount),
        }
    }

    /// Whole days from `self` to `other` (positive when `other` is later).
    pub fn days_until(self, other: Date) -> i64 {
        other.to_days() - self.to_days()
    }

    pub const MIN: Date = Date {
        year: 1,
        month: 1,
        day: 1,
    };

    pub const MAX: Date = Date {
        year: 9999,
        month: 12,
        day: 31,
    };
}

impl std::ops::Add<Span> for Date {
    type Output = Date;

    fn add(self, span: Span) -> Date {
        self.shift(span, 1)
    }
}

impl std::ops::Sub<Span> for Date {
    type Output = Date;

    /// The date a span earlier, with the same month clamping as addition.
    fn sub(self, span: Span) -> Date {
        self.shift(span, -1)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl std::str::FromStr for Date {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Date, DateError> {
        Date::parse(text)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn parses_only_real_days() {
        assert_eq!(d("2024-02-29").to_string(), "2024-02-29");
        assert_eq!(Date::parse("2026-02-29"), Err(DateError::NoSuchDay));
        assert_eq!(Date::parse("2026-02-30"), Err(DateError::NoSuchDay));
        assert_eq!(Date::parse("2026-13-01"), Err(DateError::NoSuchDay));
        assert_eq!(Date::parse("0000-01-01"), Err(DateError::NoSuchDay));
        assert_eq!(Date::parse("2026-4-01"), Err(DateError::Format));
        assert_eq!(Date::parse("2026/04/01"), Err(DateError::Format));
        assert_eq!(Date::parse("２０２６-04-01"), Err(DateError::Format));
        assert_eq!(Date::parse(" 2026-04-01"), Err(DateError::Format));
        assert_eq!(Date::parse("+026-04-01"), Err(DateError::Format));
    }

    #[test]
    fn months_keep_the_day_and_clamp_at_month_ends() {
        assert_eq!(d("2026-01-31").add_months(1), d("2026-02-28"));
        assert_eq!(d("2028-01-31").add_months(1), d("2028-02-29"));
        assert_eq!(d("2026-03-31").add_months(6), d("2026-09-30"));
        assert_eq!(d("2026-08-31").add_months(6), d("2027-02-28"));
        assert_eq!(d("2027-08-29").add_months(6), d("2028-02-29"));
        assert_eq!(d("2024-02-29").add_months(12), d("2025-02-28"));
        assert_eq!(d("2024-02-29").add_months(48), d("2028-02-29"));
        assert_eq!(d("2026-12-15").add_months(1), d("2027-01-15"));
        assert_eq!(d("2026-11-21").add_months(12), d("2027-11-21"));
        assert_eq!(d("2026-05-10").add_months(0), d("2026-05-10"));
    }

    #[test]
    fn months_back_clamp_the_same_way() {
        assert_eq!(d("2026-03-31") - Span::months(1), d("2026-02-28"));
        assert_eq!(d("2027-01-15") - Span::months(1), d("2026-12-15"));
        assert_eq!(d("2028-02-29") - Span::months(12), d("2027-02-28"));
    }

    #[test]
    fn days_cross_month_year_and_leap_day() {
        assert_eq!(d("2026-12-31").add_days(1), d("2027-01-01"));
        assert_eq!(d("2028-02-28").add_days(1), d("2028-02-29"));
        assert_eq!(d("2027-02-28").add_days(1), d("2027-03-01"));
        assert_eq!(d("2026-11-21") + Span::weeks(4), d("2026-12-19"));
        assert_eq!(d("2026-12-19") + Span::weeks(4), d("2027-01-16"));
        assert_eq!(d("2027-01-05").add_days(-10), d("2026-12-26"));
        assert_eq!(d("1970-01-01").to_days(), 0);
        assert_eq!(d("2000-03-01").to_days(), 11_017);
        assert_eq!(d("2026-11-21").days_until(d("2027-11-21")), 365);
        assert_eq!(d("2027-11-21").days_until(d("2028-11-21")), 366);
    }

    #[test]
    fn hours_round_up_to_whole_days() {
        assert_eq!(
            d("2026-11-21")
                + Span {
                    amount: 48,
                    unit: Unit::Hours
                },
            d("2026-11-23")
        );
        assert_eq!(
            d("2026-11-21")
                + Span {
                    amount: 72,
                    unit: Unit::Hours
                },
            d("2026-11-24")
        );
        assert_eq!(
            d("2026-11-21")
                + Span {
                    amount: 1,
                    unit: Unit::Hours
                },
            d("2026-11-22")
        );
    }

    #[test]
    fn saturates_instead_of_overflowing() {
        assert_eq!(Date::MAX.add_days(1), Date::MAX);
        assert_eq!(Date::MIN.add_days(-1), Date::MIN);
        assert_eq!(Date::MAX.add_months(u32::MAX), Date::MAX);
        assert_eq!(Date::MIN - Span::months(13), Date::MIN);
    }
}
