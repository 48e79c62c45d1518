//! An event (job fair, information session, workshop) as a schema.org `Event`, hosted by its
//! school: where (a place, or online), when, whether it still takes place, where to register.

use chrono::{DateTime, Utc};
use serde_json::{Map, Value, json};

use super::{Organization, address};

/// What an event's JSON-LD says.
pub struct EventFacts<'a> {
    pub name: &'a str,
    pub description: &'a str,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub venue: &'a str,
    pub city: &'a str,
    pub state: &'a str,
    pub online: bool,
    pub registration_url: Option<&'a str>,
    pub cancelled: bool,
    pub host: Organization<'a>,
}

/// An `Event`.
pub fn event(f: &EventFacts<'_>) -> Value {
    let mut out = Map::new();
    out.insert("@context".into(), json!("https://schema.org"));
    out.insert("@type".into(), json!("Event"));
    out.insert("name".into(), json!(f.name));
    if !f.description.is_empty() {
        out.insert("description".into(), json!(f.description));
    }
    out.insert("startDate".into(), json!(f.starts_at.to_rfc3339()));
    out.insert("endDate".into(), json!(f.ends_at.to_rfc3339()));
    let status = if f.cancelled {
        "EventCancelled"
    } else {
        "EventScheduled"
    };
    out.insert(
        "eventStatus".into(),
        json!(format!("https://schema.org/{status}")),
    );
    let mode = if f.online { "Online" } else { "Offline" };
    out.insert(
        "eventAttendanceMode".into(),
        json!(format!("https://schema.org/{mode}EventAttendanceMode")),
    );
    let location = if f.online {
        let mut online = json!({ "@type": "VirtualLocation" });
        if let Some(url) = f.registration_url {
            online["url"] = json!(url);
        }
        online
    } else {
        json!({ "@type": "Place", "name": f.venue, "address": address(f.city, f.state) })
    };
    out.insert("location".into(), location);
    out.insert("organizer".into(), f.host.to_json());
    if let Some(url) = f.registration_url {
        out.insert("url".into(), json!(url));
    }
    Value::Object(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jsonld::tests::org;

    #[test]
    fn an_event_says_when_where_and_whether_it_takes_place() {
        let at = |h: i64| DateTime::from_timestamp(1_804_000_000 + h * 3600, 0).unwrap_or_default();
        let facts = |online, cancelled| EventFacts {
            name: "Spring HIT Job Fair",
            description: "",
            starts_at: at(0),
            ends_at: at(4),
            venue: "Student Center",
            city: "Atlanta",
            state: "GA",
            online,
            registration_url: Some("https://psu.example.edu/fair"),
            cancelled,
            host: org(),
        };
        let held = event(&facts(false, false));
        assert_eq!(held["location"]["@type"], "Place");
        assert_eq!(held["location"]["address"]["addressLocality"], "Atlanta");
        assert_eq!(held["eventStatus"], "https://schema.org/EventScheduled");
        assert!(held.get("description").is_none());
        let online = event(&facts(true, true));
        assert_eq!(online["location"]["@type"], "VirtualLocation");
        assert_eq!(online["eventStatus"], "https://schema.org/EventCancelled");
        assert_eq!(
            online["eventAttendanceMode"],
            "https://schema.org/OnlineEventAttendanceMode"
        );
    }
}
