//! A period of days.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A period of days, both ends included. `start > end` is representable: the criteria report it
/// (`project.period.inverted`) rather than the parser refusing the whole record.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[schemars(rename = "Period")]
pub struct Period {
    /// First day.
    pub start: NaiveDate,
    /// Last day.
    pub end: NaiveDate,
}

impl Period {
    /// A period from its two ends.
    pub fn new(start: NaiveDate, end: NaiveDate) -> Period {
        Period { start, end }
    }

    /// Whether `start <= end`.
    pub fn is_ordered(&self) -> bool {
        self.start <= self.end
    }

    /// Whether `date` falls inside the period.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
    }

    /// Whether the period lasts at least `min` and at most `max` whole months: `start + min
    /// months <= end + 1 day <= start + max months`. One day beyond `max` months is out.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use engo_model::record::Period;
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// assert!(Period::new(d(2025, 3, 1), d(2028, 2, 29)).lasts_months(12, 36));
    /// assert!(!Period::new(d(2025, 3, 1), d(2028, 3, 1)).lasts_months(12, 36));
    /// assert!(!Period::new(d(2025, 3, 2), d(2026, 2, 28)).lasts_months(12, 36));
    /// ```
    pub fn lasts_months(&self, min: u32, max: u32) -> bool {
        let Some(after_end) = self.end.succ_opt() else {
            return false;
        };
        let lo = self.start.checked_add_months(chrono::Months::new(min));
        let hi = self.start.checked_add_months(chrono::Months::new(max));
        lo.is_some_and(|lo| lo <= after_end) && hi.is_none_or(|hi| after_end <= hi)
    }

    /// Whole calendar months from `start` to `end + 1 day` (a period 1 Jan – 31 Dec is 12).
    pub fn months(&self) -> i32 {
        use chrono::Datelike;
        let end = self.end.succ_opt().unwrap_or(self.end);
        let mut m =
            (end.year() - self.start.year()) * 12 + end.month() as i32 - self.start.month() as i32;
        if end.day() < self.start.day() {
            m -= 1;
        }
        m
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn months_of_a_period() {
        assert_eq!(Period::new(d(2025, 1, 1), d(2025, 12, 31)).months(), 12);
        assert_eq!(Period::new(d(2025, 3, 15), d(2025, 6, 14)).months(), 3);
        assert_eq!(Period::new(d(2025, 3, 15), d(2025, 6, 13)).months(), 2);
        assert_eq!(Period::new(d(2025, 1, 1), d(2027, 12, 31)).months(), 36);
    }
}
