//! Career events hosted by the schools after the anchor date, with employers attending.

use chrono::TimeDelta;
use entity::enums::EventKind;
use entity::{event, event_attendance};

use super::employers::{PARTNERS, employer_id};
use super::ids::{at, stable_id};
use super::institutions::{SCHOOLS, home_city, institution_id};

/// One demo event.
pub struct Gathering {
    /// Stable slug (also the source of the id).
    pub slug: &'static str,
    /// Index into [`SCHOOLS`] of the host.
    pub host: usize,
    /// Display name.
    pub name: &'static str,
    /// Kind of event.
    pub kind: EventKind,
    /// Days after the anchor, start hour (UTC) and length in hours.
    pub when: (i64, u32, i64),
    /// Venue; virtual events say where to join.
    pub venue: &'static str,
    /// Online only.
    pub is_virtual: bool,
    /// Attending employers (indices into [`PARTNERS`]).
    pub employers: &'static [usize],
}

/// The demo events (one is the consortium's HIT Job Fair).
#[rustfmt::skip]
pub const GATHERINGS: &[Gathering] = &[
    Gathering { slug: "hit-job-fair-spring-2027", host: 0, name: "HIT Job Fair, Spring 2027",
        kind: EventKind::JobFair, when: (203, 14, 6), venue: "Peachtree State Student Center Ballroom",
        is_virtual: false, employers: &[0, 1, 2, 6, 10, 11, 12, 13] },
    Gathering { slug: "rural-health-it-career-day-2027", host: 2, name: "Rural Health IT Career Day",
        kind: EventKind::JobFair, when: (216, 15, 5), venue: "Cumberland Plateau Commons",
        is_virtual: false, employers: &[1, 4, 5, 6, 9, 11] },
    Gathering { slug: "careers-on-epic-and-meditech", host: 5,
        name: "Careers on Epic and MEDITECH: Info Session", kind: EventKind::InfoSession,
        when: (175, 22, 1), venue: "Online (link sent after registration)", is_virtual: true,
        employers: &[0, 3, 10] },
    Gathering { slug: "fhir-for-beginners-workshop", host: 3, name: "FHIR for Beginners Workshop",
        kind: EventKind::Workshop, when: (188, 14, 3), venue: "Building C, Room 210",
        is_virtual: false, employers: &[10, 2] },
    Gathering { slug: "carolinas-health-it-networking-night", host: 6,
        name: "Carolinas Health IT Networking Night", kind: EventKind::Networking,
        when: (227, 22, 3), venue: "Blue Ridge University Alumni Hall", is_virtual: false,
        employers: &[2, 3, 10, 13] },
];

/// The event rows with their attendance rows.
#[derive(Default)]
pub struct EventRows {
    /// `event` rows.
    pub events: Vec<event::Model>,
    /// `event_attendance` rows.
    pub attendance: Vec<event_attendance::Model>,
}

/// Every event row and who attends.
pub fn events() -> EventRows {
    let mut rows = EventRows::default();
    for g in GATHERINGS {
        let Some(host) = SCHOOLS.get(g.host) else {
            continue;
        };
        let id = stable_id("event", g.slug);
        let (days, hour, hours) = g.when;
        let attending: Vec<&str> = g
            .employers
            .iter()
            .filter_map(|&i| PARTNERS.get(i))
            .map(|p| p.slug)
            .collect();
        rows.events.push(event::Model {
            id,
            slug: g.slug.to_owned(),
            host_institution_id: institution_id(host.slug),
            name: g.name.to_owned(),
            kind: g.kind,
            description: format!(
                "{} hosted by {}. Meet {} employer partners hiring for health IT roles.",
                g.name,
                host.name,
                attending.len()
            ),
            starts_at: at(days, hour),
            ends_at: at(days, hour) + TimeDelta::hours(hours),
            venue: g.venue.to_owned(),
            city: home_city(host).to_owned(),
            state: host.state.to_owned(),
            is_virtual: g.is_virtual,
            status: entity::enums::EventStatus::Scheduled,
            registration_url: Some(format!(
                "https://{}.example.org/events/{}",
                host.slug, g.slug
            )),
            created_at: at(-40, 16),
            updated_at: at(-40, 16),
            version: 1,
        });
        rows.attendance
            .extend(attending.iter().map(|slug| event_attendance::Model {
                event_id: id,
                employer_id: employer_id(slug),
            }));
    }
    rows
}
