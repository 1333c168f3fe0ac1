//! Hybrid logical clock (Kulkarni et al., 2014): timestamps that follow wall time but never
//! run backwards and order every write of every device.
//!
//! A clock value prints as `2026-11-23T01:53:52.123Z-0000-<device>`: the physical part to the
//! millisecond, a logical counter, and the device id as the final tie-break. The text sorts
//! lexicographically in clock order, so SQLite can compare it as a string.

use std::fmt;

use chrono::{DateTime, TimeZone, Utc};

/// One clock reading.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Hlc {
    /// Milliseconds since the Unix epoch.
    pub millis: i64,
    /// Logical counter within the same millisecond.
    pub counter: u32,
    /// The device that issued it.
    pub device: String,
}

impl Hlc {
    /// Parses the text form written by [`fmt::Display`].
    pub fn parse(s: &str) -> Option<Hlc> {
        let (ts, rest) = s.split_at_checked(24)?;
        let rest = rest.strip_prefix('-')?;
        let (counter, device) = rest.split_once('-')?;
        let millis = DateTime::parse_from_rfc3339(ts).ok()?.timestamp_millis();
        Some(Hlc {
            millis,
            counter: u32::from_str_radix(counter, 16).ok()?,
            device: device.to_string(),
        })
    }

    /// The physical part as a UTC time.
    pub fn time(&self) -> DateTime<Utc> {
        Utc.timestamp_millis_opt(self.millis)
            .single()
            .unwrap_or_default()
    }
}

impl fmt::Display for Hlc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}-{:04x}-{}",
            self.time().format("%Y-%m-%dT%H:%M:%S%.3fZ"),
            self.counter,
            self.device
        )
    }
}

/// A device's clock: issues readings that are greater than every reading it has issued or
/// received, and as close to wall time as that allows.
#[derive(Debug, Clone)]
pub struct Clock {
    last: Hlc,
    now: fn() -> i64,
}

fn wall_millis() -> i64 {
    Utc::now().timestamp_millis()
}

impl Clock {
    /// A clock for `device` that has last issued `last` (or nothing yet).
    pub fn new(device: &str, last: Option<Hlc>) -> Clock {
        Clock::with_wall(device, last, wall_millis)
    }

    /// A clock reading wall time from `now` (tests use a frozen or retreating wall).
    pub fn with_wall(device: &str, last: Option<Hlc>, now: fn() -> i64) -> Clock {
        let last = last.unwrap_or(Hlc {
            millis: 0,
            counter: 0,
            device: device.to_string(),
        });
        Clock {
            last: Hlc {
                device: device.to_string(),
                ..last
            },
            now,
        }
    }

    /// Issues the next reading.
    pub fn tick(&mut self) -> Hlc {
        let wall = (self.now)();
        if wall > self.last.millis {
            self.last.millis = wall;
            self.last.counter = 0;
        } else {
            self.last.counter += 1;
        }
        self.last.clone()
    }

    /// Takes in a reading from another device so the next tick is later than it.
    pub fn observe(&mut self, remote: &Hlc) {
        if (remote.millis, remote.counter) > (self.last.millis, self.last.counter) {
            self.last.millis = remote.millis;
            self.last.counter = remote.counter;
        }
    }

    /// The last reading issued.
    pub fn last(&self) -> &Hlc {
        &self.last
    }
}
