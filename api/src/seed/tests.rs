//! Checks of the generated demo data: determinism, coverage, referential integrity and an
//! idempotent double run against SQLite.

use std::collections::HashSet;

use entity::enums::{ConsentLevel, EmployerKind, EventKind, InternshipStatus, ProgramStatus};
use sea_orm::{Database, EntityTrait, Iterable, PaginatorTrait};
use uuid::Uuid;

use super::employers::{PARTNERS, PARTNERSHIPS};
use super::events::GATHERINGS;
use super::institutions::SCHOOLS;
use super::internships::POSTINGS;
use super::programs::COURSES;
use super::vocab::{OCCUPATIONS, is_certification, is_skill};
use super::{DemoData, seed_demo};

/// Lowercase kebab-case: `a-z`, `0-9` and single inner hyphens.
pub fn is_kebab(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn unique<T: std::hash::Hash + Eq>(items: impl IntoIterator<Item = T>) -> bool {
    let mut seen = HashSet::new();
    items.into_iter().all(|x| seen.insert(x))
}

#[test]
fn generation_is_deterministic() {
    let (a, b) = (DemoData::generate(), DemoData::generate());
    assert_eq!(
        format!("{:?}", a.people.graduates),
        format!("{:?}", b.people.graduates)
    );
    assert_eq!(
        format!("{:?}", a.activity.status_changes),
        format!("{:?}", b.activity.status_changes)
    );
    assert_eq!(
        format!("{:?}", a.activity.placements),
        format!("{:?}", b.activity.placements)
    );
}

#[test]
fn tables_reference_known_rows() {
    let all_skills = COURSES
        .iter()
        .flat_map(|c| c.skills.iter())
        .chain(PARTNERS.iter().flat_map(|p| p.ehr.iter()))
        .chain(POSTINGS.iter().flat_map(|p| p.skills.iter()));
    for s in all_skills {
        assert!(is_skill(s), "unknown skill {s}");
    }
    for c in COURSES {
        assert!(c.school < SCHOOLS.len(), "{}", c.slug);
        assert!(c.certs.iter().all(|x| is_certification(x)), "{}", c.slug);
        assert!(OCCUPATIONS.iter().any(|o| o.0 == c.soc), "{}", c.soc);
        let cip: Vec<&str> = c.cip.split('.').collect();
        assert!(
            matches!(cip[..], [a, b] if a.len() == 2 && b.len() == 4),
            "{}",
            c.cip
        );
        assert!(c.cip.chars().all(|ch| ch.is_ascii_digit() || ch == '.'));
    }
    for &(s, e, _) in PARTNERSHIPS {
        assert!(s < SCHOOLS.len() && e < PARTNERS.len());
    }
    assert!(unique(PARTNERSHIPS.iter().map(|p| (p.0, p.1))));
    for p in POSTINGS {
        assert!(p.employer < PARTNERS.len() && p.schools.iter().all(|&s| s < SCHOOLS.len()));
    }
    for g in GATHERINGS {
        assert!(g.host < SCHOOLS.len() && g.employers.iter().all(|&e| e < PARTNERS.len()));
    }
    let slugs = SCHOOLS
        .iter()
        .map(|s| s.slug)
        .chain(COURSES.iter().map(|c| c.slug))
        .chain(PARTNERS.iter().map(|p| p.slug))
        .chain(POSTINGS.iter().map(|p| p.key))
        .chain(GATHERINGS.iter().map(|g| g.slug));
    for slug in slugs {
        assert!(is_kebab(slug) && slug.len() <= 64, "bad slug {slug}");
    }
}

#[test]
fn generated_rows_are_consistent() {
    let d = DemoData::generate();
    let ids = |v: &[Uuid]| v.iter().copied().collect::<HashSet<_>>();
    let institutions = ids(&d.institutions.iter().map(|r| r.id).collect::<Vec<_>>());
    let programs = ids(&d.programs.programs.iter().map(|r| r.id).collect::<Vec<_>>());
    let skills = ids(&d.skills.iter().map(|r| r.id).collect::<Vec<_>>());
    let graduates = ids(&d.people.graduates.iter().map(|r| r.id).collect::<Vec<_>>());
    let internships = ids(&d
        .internships
        .internships
        .iter()
        .map(|r| r.id)
        .collect::<Vec<_>>());
    let applications = ids(&d
        .activity
        .applications
        .iter()
        .map(|r| r.id)
        .collect::<Vec<_>>());
    assert_eq!(graduates.len(), d.people.graduates.len());
    assert_eq!(applications.len(), d.activity.applications.len());
    assert!(unique(d.people.graduates.iter().map(|g| g.email.clone())));
    assert!(unique(
        d.activity
            .applications
            .iter()
            .map(|a| (a.graduate_id, a.internship_id))
    ));
    assert!(unique(
        d.people.skills.iter().map(|s| (s.graduate_id, s.skill_id))
    ));
    for g in &d.people.graduates {
        assert!(institutions.contains(&g.institution_id) && programs.contains(&g.program_id));
        assert!((0..=15).contains(&g.years_experience));
    }
    assert!(d.people.skills.iter().all(|s| skills.contains(&s.skill_id)));
    assert!(
        d.programs
            .skills
            .iter()
            .all(|s| skills.contains(&s.skill_id))
    );
    for a in &d.activity.applications {
        assert!(graduates.contains(&a.graduate_id) && internships.contains(&a.internship_id));
    }
    assert!(
        d.activity
            .status_changes
            .iter()
            .all(|c| applications.contains(&c.application_id))
    );
    for p in &d.activity.placements {
        assert!(graduates.contains(&p.graduate_id));
        assert!(p.internship_id.is_none_or(|i| internships.contains(&i)));
    }
    let anchor = super::ids::at(0, 0);
    assert!(
        d.people
            .graduates
            .iter()
            .all(|g| g.created_at < anchor && g.updated_at < anchor)
    );
    assert!(
        d.activity
            .status_changes
            .iter()
            .all(|c| c.changed_at < anchor)
    );
    assert!(
        d.events
            .events
            .iter()
            .all(|e| e.starts_at > anchor && e.ends_at > e.starts_at)
    );
}

#[test]
fn demo_covers_the_issue() {
    let d = DemoData::generate();
    assert!(d.institutions.len() >= 6);
    assert_eq!(
        d.institutions
            .iter()
            .map(|i| i.kind)
            .collect::<HashSet<_>>()
            .len(),
        5
    );
    assert!(d.institutions.iter().any(|i| i.rural));
    let programs = &d.programs.programs;
    assert!(programs.len() >= 20);
    assert_eq!(
        programs
            .iter()
            .filter(|p| p.status == ProgramStatus::Archived)
            .count(),
        1
    );
    assert!(
        programs
            .iter()
            .filter(|p| p.status == ProgramStatus::Draft)
            .count()
            >= 2
    );
    let kinds: HashSet<EmployerKind> = d.employers.employers.iter().map(|e| e.kind).collect();
    assert_eq!(kinds.len(), 7);
    assert!(d.employers.employers.len() >= 12);
    assert!(d.internships.internships.len() >= 15);
    let open = d
        .internships
        .internships
        .iter()
        .filter(|i| i.status == InternshipStatus::Open);
    assert!(open.count() * 2 > d.internships.internships.len());
    assert!(d.events.events.iter().any(|e| e.kind == EventKind::JobFair));
    let graduates = &d.people.graduates;
    assert!(graduates.len() >= 200);
    let private = graduates
        .iter()
        .filter(|g| g.consent == ConsentLevel::Private)
        .count();
    assert!(
        (20..=40).contains(&(private * 100 / graduates.len())),
        "{private} private"
    );
    assert!(!d.activity.placements.is_empty());
    assert!(
        d.activity
            .placements
            .iter()
            .any(|p| p.internship_id.is_some())
    );
    assert!(
        d.activity
            .placements
            .iter()
            .any(|p| p.internship_id.is_none())
    );
    assert!(d.activity.status_changes.len() > d.activity.applications.len());
    // Applications at every status, and a job fair that employers attend.
    for status in entity::enums::ApplicationStatus::iter() {
        let n = d
            .activity
            .applications
            .iter()
            .filter(|a| a.status == status)
            .count();
        assert!(
            n > 0,
            "no {status:?} application of {}",
            d.activity.applications.len()
        );
    }
    let fairs: HashSet<_> = d
        .events
        .events
        .iter()
        .filter(|e| e.kind == EventKind::JobFair)
        .map(|e| e.id)
        .collect();
    assert!(
        d.events
            .attendance
            .iter()
            .any(|a| fairs.contains(&a.event_id))
    );
}

#[tokio::test]
async fn seeding_twice_inserts_once() -> Result<(), sea_orm::DbErr> {
    use migration::MigratorTrait;
    let db = Database::connect("sqlite::memory:").await?;
    migration::Migrator::up(&db, None).await?;
    let first = seed_demo(&db).await?;
    let d = DemoData::generate();
    assert_eq!(first.graduates, d.people.graduates.len() as u64);
    assert_eq!(
        first.application_status_changes,
        d.activity.status_changes.len() as u64
    );
    assert_eq!(
        entity::graduate::Entity::find().count(&db).await?,
        first.graduates
    );
    let second = seed_demo(&db).await?;
    assert_eq!(second.total(), 0, "{second:?}");
    assert_eq!(
        entity::skill::Entity::find().count(&db).await?,
        first.skills
    );
    Ok(())
}
