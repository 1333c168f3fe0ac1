//! The user's wall time, which Today and the ticket queue are asked at: the UTC moment it
//! names, and this computer's offset from UTC at it. Stored moments (a ticket's opening, its
//! first response) are UTC; due dates and times of tasks are wall time.

use chrono::{DateTime, Duration, Local, NaiveDateTime, Offset, TimeZone, Utc};

/// The moment of wall time `now` where the clocks are `offset_minutes` ahead of UTC (480 in
/// China, -300 in New York in winter).
pub fn in_utc(now: NaiveDateTime, offset_minutes: i32) -> DateTime<Utc> {
    Utc.from_utc_datetime(&(now - Duration::minutes(i64::from(offset_minutes))))
}

/// How far this computer's clocks are ahead of UTC at wall time `now`, in minutes (the
/// earlier reading where a change of summer time makes `now` happen twice; 0 where it
/// skipped `now`).
pub fn local_offset_minutes(now: NaiveDateTime) -> i32 {
    Local
        .offset_from_local_datetime(&now)
        .earliest()
        .map_or(0, |offset| offset.fix().local_minus_utc() / 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wall_time_ahead_of_utc_is_an_earlier_moment() {
        let now: NaiveDateTime = "2026-11-01T09:30:00".parse().unwrap();
        assert_eq!(in_utc(now, 480).to_rfc3339(), "2026-11-01T01:30:00+00:00");
        assert_eq!(in_utc(now, -300).to_rfc3339(), "2026-11-01T14:30:00+00:00");
        assert_eq!(in_utc(now, 0).naive_utc(), now);
    }

    #[test]
    fn the_local_offset_is_whole_minutes_within_a_day() {
        let now: NaiveDateTime = "2026-07-01T12:00:00".parse().unwrap();
        assert!(local_offset_minutes(now).abs() < 24 * 60);
    }
}
