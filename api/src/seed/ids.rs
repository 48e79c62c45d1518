//! Stable identities and the fixed demo clock: every UUID is a hash of a stable name and every
//! date is an offset from one anchor, so two runs produce byte-identical rows.

use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta, Utc};
use uuid::Uuid;

/// "Now" for the demo data: 2026-09-01 (midnight UTC). Never the wall clock.
pub const ANCHOR: NaiveDate = match NaiveDate::from_ymd_opt(2026, 9, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// A deterministic version-8 UUID for `kind:key` (128-bit FNV-1a of the name).
///
/// `kind` is the table (e.g. `"program"`), `key` a stable name such as the slug.
pub fn stable_id(kind: &str, key: &str) -> Uuid {
    const OFFSET: u128 = 0x6C62_272E_07BB_0142_62B8_2175_6295_C58D;
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013B;
    let hash = kind
        .bytes()
        .chain([b':'])
        .chain(key.bytes())
        .fold(OFFSET, |h, b| (h ^ u128::from(b)).wrapping_mul(PRIME));
    uuid::Builder::from_custom_bytes(hash.to_be_bytes()).into_uuid()
}

/// The date `days` after (negative: before) the anchor.
pub fn day(days: i64) -> NaiveDate {
    ANCHOR + TimeDelta::days(days)
}

/// The UTC instant `days` after the anchor at `hour`:00.
pub fn at(days: i64, hour: u32) -> DateTime<Utc> {
    let time = NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or(NaiveTime::MIN);
    day(days).and_time(time).and_utc()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_distinct() {
        assert_eq!(stable_id("program", "a"), stable_id("program", "a"));
        assert_ne!(stable_id("program", "a"), stable_id("skill", "a"));
        assert_eq!(stable_id("skill", "fhir").get_version_num(), 8);
    }

    #[test]
    fn clock_is_anchored() {
        assert_eq!(day(0).to_string(), "2026-09-01");
        assert_eq!(at(1, 14).to_rfc3339(), "2026-09-02T14:00:00+00:00");
    }
}
