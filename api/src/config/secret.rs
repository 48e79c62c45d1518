//! Values that must never reach a log: [`Secret`] prints as `***`, [`SecretUrl`] without its
//! password. `expose()` gives the value whole, for the one place that uses it.

use std::fmt;

/// A string that never prints.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The secret's value, for the one place that needs it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// A connection URL that prints with its password as `***`, whether it comes as user info
/// (`postgres://user:***@host/db`) or as a `password=` query parameter.
#[derive(Clone)]
pub struct SecretUrl(String);

impl SecretUrl {
    /// Wraps a URL.
    pub fn new(url: impl Into<String>) -> Self {
        Self(url.into())
    }

    /// The whole URL, password included: only for opening the connection.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The text before the first `:`, e.g. `postgres`.
    pub fn scheme(&self) -> &str {
        self.0.split_once(':').map_or(&self.0, |(scheme, _)| scheme)
    }
}

impl fmt::Display for SecretUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.0.as_str();
        // User info ends at the last `@`: an unescaped `@` or `/` in a password stays hidden.
        if let Some((scheme, after)) = rest.split_once("://")
            && let Some((userinfo, host)) = after.rsplit_once('@')
            && let Some((user, _password)) = userinfo.split_once(':')
        {
            write!(f, "{scheme}://{user}:***@")?;
            rest = host;
        }
        while let Some((before, after)) = rest.split_once("password=") {
            write!(f, "{before}password=***")?;
            rest = &after[after.find('&').unwrap_or(after.len())..];
        }
        f.write_str(rest)
    }
}

impl fmt::Debug for SecretUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("SecretUrl")
            .field(&format_args!("{self}"))
            .finish()
    }
}
