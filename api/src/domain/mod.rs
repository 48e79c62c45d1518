//! Parse, don't validate: client input becomes these types before a service sees it. Each parser
//! names the input field at fault (`BAD_USER_INPUT` with `extensions.field`).

use chrono::NaiveDate;

use crate::error::{ApiError, ApiResult};

pub mod text;

/// US states, DC and the territories, as two-letter postal codes.
const STATES: [&str; 56] = [
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA",
    "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM",
    "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA",
    "WV", "WI", "WY", "AS", "GU", "MP", "PR", "VI",
];

macro_rules! text_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct $name(String);

        impl $name {
            /// The validated text.
            pub fn into_inner(self) -> String {
                self.0
            }

            /// The validated text, borrowed.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }
    };
}

text_type!(
    /// A stable URL-safe identifier: lowercase letters, digits and single hyphens, 2–64 chars.
    Slug
);
text_type!(
    /// A CIP 2020 code, `NN.NNNN`.
    CipCode
);
text_type!(
    /// A SOC 2018 or O*NET-SOC code, `NN-NNNN` or `NN-NNNN.NN`.
    SocCode
);
text_type!(
    /// A two-letter US state or territory code, upper case.
    StateCode
);
text_type!(
    /// An e-mail address (shape only; delivery is not checked).
    Email
);
text_type!(
    /// An http(s) URL of at most 300 characters.
    WebUrl
);
text_type!(
    /// A short, non-empty, trimmed text (names, cities, titles): at most 200 characters.
    Label
);
text_type!(
    /// A longer text (descriptions): at most 5,000 characters.
    LongText
);
text_type!(
    /// Words to find in free text: trimmed, at most [`SearchText::MAX_CHARS`] characters.
    SearchText
);
text_type!(
    /// A phone number: 7–15 digits, with an optional leading `+` and spaces, dots, hyphens or
    /// parentheses between them (kept as written).
    Phone
);

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

impl AsRef<str> for Slug {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Slug {
    /// Parses a slug.
    pub fn parse(field: &str, value: &str) -> ApiResult<Self> {
        let ok = (2..=64).contains(&value.len())
            && value.split('-').all(|part| {
                !part.is_empty()
                    && part
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            });
        if ok {
            Ok(Self(value.to_owned()))
        } else {
            Err(ApiError::invalid(
                field,
                "a slug is 2-64 lowercase letters or digits in words joined by single hyphens, e.g. peachtree-state",
            ))
        }
    }
}

impl CipCode {
    /// Parses a CIP code.
    pub fn parse(field: &str, value: &str) -> ApiResult<Self> {
        match value.split_once('.') {
            Some((a, b)) if a.len() == 2 && b.len() == 4 && all_digits(a) && all_digits(b) => {
                Ok(Self(value.to_owned()))
            }
            _ => Err(ApiError::invalid(
                field,
                "a CIP code looks like 51.0707 (NN.NNNN)",
            )),
        }
    }
}

impl SocCode {
    /// Parses a SOC code.
    pub fn parse(field: &str, value: &str) -> ApiResult<Self> {
        let (base, detail) = value
            .split_once('.')
            .map_or((value, None), |(b, d)| (b, Some(d)));
        let base_ok = base
            .split_once('-')
            .is_some_and(|(a, b)| a.len() == 2 && b.len() == 4 && all_digits(a) && all_digits(b));
        let detail_ok = detail.is_none_or(|d| d.len() == 2 && all_digits(d));
        if base_ok && detail_ok {
            Ok(Self(value.to_owned()))
        } else {
            Err(ApiError::invalid(
                field,
                "a SOC code looks like 29-2072 or 15-1211.01",
            ))
        }
    }
}

impl StateCode {
    /// Parses a state code (any case).
    pub fn parse(field: &str, value: &str) -> ApiResult<Self> {
        let upper = value.trim().to_ascii_uppercase();
        if STATES.contains(&upper.as_str()) {
            Ok(Self(upper))
        } else {
            Err(ApiError::invalid(
                field,
                "a two-letter US state code, e.g. GA",
            ))
        }
    }
}

impl Email {
    /// Parses an e-mail address. Addresses compare case-insensitively everywhere, so one form is
    /// kept: lower case (what imports match on and the unique index sees; migration 000014
    /// brought earlier records to it).
    pub fn parse(field: &str, value: &str) -> ApiResult<Self> {
        let value = value.trim();
        let ok = value.len() <= 254
            && !value.contains(char::is_whitespace)
            && value.split_once('@').is_some_and(|(local, domain)| {
                !local.is_empty()
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !domain.contains('@')
            });
        if ok {
            Ok(Self(value.to_lowercase()))
        } else {
            Err(ApiError::invalid(field, "not an e-mail address"))
        }
    }
}

impl WebUrl {
    /// Parses a web address.
    pub fn parse(field: &str, value: &str) -> ApiResult<Self> {
        let value = value.trim();
        let rest = value
            .strip_prefix("https://")
            .or_else(|| value.strip_prefix("http://"));
        if rest.is_some_and(|r| !r.is_empty() && !r.starts_with('/'))
            && value.len() <= 300
            && !value.contains(char::is_whitespace)
        {
            Ok(Self(value.to_owned()))
        } else {
            Err(ApiError::invalid(
                field,
                "an http(s) URL of at most 300 characters",
            ))
        }
    }
}

impl AsRef<str> for Label {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Label {
    /// Parses a short text.
    pub fn parse(field: &str, value: &str) -> ApiResult<Self> {
        let value = value.trim();
        if value.is_empty() || value.chars().count() > 200 {
            Err(ApiError::invalid(field, "must be 1 to 200 characters"))
        } else {
            Ok(Self(value.to_owned()))
        }
    }
}

impl SearchText {
    /// Longest search accepted: longer ones cost the database much and find nothing more.
    pub const MAX_CHARS: usize = 200;

    /// Parses a search argument.
    pub fn parse(field: &str, value: &str) -> ApiResult<Self> {
        let value = value.trim();
        if value.chars().count() > Self::MAX_CHARS {
            Err(ApiError::invalid(
                field,
                format!("must be at most {} characters", Self::MAX_CHARS),
            ))
        } else {
            Ok(Self(value.to_owned()))
        }
    }
}

impl LongText {
    /// Parses a long text (may be empty).
    pub fn parse(field: &str, value: &str) -> ApiResult<Self> {
        let value = value.trim();
        if value.chars().count() > 5000 {
            Err(ApiError::invalid(field, "must be at most 5000 characters"))
        } else {
            Ok(Self(value.to_owned()))
        }
    }
}

/// A client's idempotency key (1–128 printable ASCII characters) with the fingerprint of the
/// request it came with: a retry of the same request replays the first result; the same key
/// with another request is a `CONFLICT`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdempotencyKey {
    key: String,
    request: String,
}

impl IdempotencyKey {
    /// Parses an idempotency key sent with the request whose fingerprint is `request`.
    pub fn parse(field: &str, value: &str, request: String) -> ApiResult<Self> {
        if (1..=128).contains(&value.len()) && value.bytes().all(|b| b.is_ascii_graphic()) {
            Ok(Self {
                key: value.to_owned(),
                request,
            })
        } else {
            Err(ApiError::invalid(
                field,
                "1 to 128 printable ASCII characters",
            ))
        }
    }

    /// The key as the client sent it.
    pub fn as_str(&self) -> &str {
        &self.key
    }

    /// The fingerprint of the request it came with.
    pub fn request(&self) -> &str {
        &self.request
    }
}

impl Phone {
    /// Parses a phone number.
    pub fn parse(field: &str, value: &str) -> ApiResult<Self> {
        let value = value.trim();
        let digits = value.bytes().filter(u8::is_ascii_digit).count();
        let body = value.strip_prefix('+').unwrap_or(value);
        let ok = (7..=15).contains(&digits)
            && value.len() <= 30
            && body
                .bytes()
                .all(|b| b.is_ascii_digit() || b" .-()".contains(&b));
        if ok {
            Ok(Self(value.to_owned()))
        } else {
            Err(ApiError::invalid(
                field,
                "a phone number of 7 to 15 digits, e.g. (404) 555-0101",
            ))
        }
    }
}

/// A whole number within bounds.
pub fn bounded(field: &str, value: i32, min: i32, max: i32) -> ApiResult<i32> {
    if (min..=max).contains(&value) {
        Ok(value)
    } else {
        Err(ApiError::invalid(
            field,
            format!("must be between {min} and {max}"),
        ))
    }
}

/// A calendar date in a sane range (2000–2100).
pub fn plausible_date(field: &str, value: NaiveDate) -> ApiResult<NaiveDate> {
    let lo = NaiveDate::from_ymd_opt(2000, 1, 1);
    let hi = NaiveDate::from_ymd_opt(2100, 12, 31);
    if lo.is_some_and(|lo| value >= lo) && hi.is_some_and(|hi| value <= hi) {
        Ok(value)
    } else {
        Err(ApiError::invalid(
            field,
            "must be a date between 2000 and 2100",
        ))
    }
}

/// An `expectedVersion` argument: a version number, 1 or more.
pub fn expected_version(value: i32) -> ApiResult<i32> {
    bounded("expectedVersion", value, 1, i32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(Slug::parse("s", "peachtree-state-university").is_ok());
        for bad in [
            "",
            "a",
            "Peachtree",
            "two--hyphens",
            "-lead",
            "trail-",
            "sp ace",
            &"x".repeat(65),
        ] {
            assert!(Slug::parse("s", bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn codes() {
        assert!(CipCode::parse("c", "51.0707").is_ok());
        for bad in ["51.707", "5l.0707", "510707", "51.07071"] {
            assert!(CipCode::parse("c", bad).is_err(), "{bad}");
        }
        assert!(SocCode::parse("s", "29-2072").is_ok());
        assert!(SocCode::parse("s", "15-1211.01").is_ok());
        assert!(SocCode::parse("s", "29-207").is_err());
        assert!(SocCode::parse("s", "15-1211.1").is_err());
    }

    #[test]
    fn states_emails_urls_and_texts() {
        assert_eq!(
            StateCode::parse("s", "ga").map(StateCode::into_inner).ok(),
            Some("GA".into())
        );
        assert!(StateCode::parse("s", "XX").is_err());
        assert!(Email::parse("e", "hr@grady.example.org").is_ok());
        assert!(Email::parse("e", "nobody").is_err());
        assert!(WebUrl::parse("w", "https://example.org/x").is_ok());
        assert!(WebUrl::parse("w", "javascript:alert(1)").is_err());
        assert!(Label::parse("n", "  ").is_err());
        assert_eq!(
            Label::parse("n", " Name ").map(Label::into_inner).ok(),
            Some("Name".into())
        );
        assert!(LongText::parse("d", &"x".repeat(5001)).is_err());
        assert!(IdempotencyKey::parse("k", "retry-1", String::new()).is_ok());
        assert!(IdempotencyKey::parse("k", "has space", String::new()).is_err());
        assert!(Phone::parse("p", "(404) 555-0101").is_ok());
        assert!(Phone::parse("p", "+1 404.555.0101").is_ok());
        for bad in ["555", "call me", "404-555-0101 ext. 3", "++14045550101"] {
            assert!(Phone::parse("p", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_bad_field_is_named() {
        let err = CipCode::parse("input.cipCode", "nope").expect_err("invalid");
        assert!(
            matches!(err, ApiError::BadUserInput { field: Some(f), .. } if f == "input.cipCode")
        );
    }
}
