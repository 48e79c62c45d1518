//! The authorization matrix of the contract, cell by cell.
//!
//! Each row is (resource, action, expected answers for the nine viewers below, in order):
//! `A` allow, `N` not found (hidden), `F` forbidden (visible but not allowed).

use uuid::Uuid;

use super::*;
use crate::auth::Grant;

const X: Uuid = Uuid::from_u128(0x10); // the school in question
const Z: Uuid = Uuid::from_u128(0x20); // another school
const Y: Uuid = Uuid::from_u128(0x30); // the employer in question
const W: Uuid = Uuid::from_u128(0x40); // another employer
const G: Uuid = Uuid::from_u128(0x50); // a graduate

fn viewers() -> [(&'static str, Viewer); 9] {
    let v = |grants: Vec<Grant>| Viewer::new("subject", grants);
    [
        ("anonymous", Viewer::anonymous()),
        ("graduate", v(vec![Grant::Graduate { graduate: G }])),
        ("staff of X", v(vec![Grant::SchoolStaff { institution: X }])),
        ("admin of X", v(vec![Grant::SchoolAdmin { institution: X }])),
        ("staff of Z", v(vec![Grant::SchoolStaff { institution: Z }])),
        ("admin of Z", v(vec![Grant::SchoolAdmin { institution: Z }])),
        ("employer Y", v(vec![Grant::Employer { employer: Y }])),
        ("employer W", v(vec![Grant::Employer { employer: W }])),
        ("consortium admin", v(vec![Grant::ConsortiumAdmin])),
    ]
}

use Action::{Archive, Create, Read, Update};
use entity::enums::{
    ConsentLevel as CL, GraduateStatus as GS, InternshipStatus as IS, ProgramStatus as PS,
};

#[rustfmt::skip]
fn matrix() -> Vec<(&'static str, Resource, Action, &'static str)> {
    let institution = Resource::Institution { id: X, active: true };
    let archived_institution = Resource::Institution { id: X, active: false };
    let employer = Resource::Employer { id: Y, active: true };
    let suspended_employer = Resource::Employer { id: Y, active: false };
    let program = |status, institution_active| Resource::Program { institution: X, status, institution_active };
    let internship = |status, employer_active| Resource::Internship { employer: Y, status, employer_active };
    let published = program(PS::Published, true);
    let draft = program(PS::Draft, true);
    let archived_program = program(PS::Archived, true);
    let published_of_archived_school = program(PS::Published, false);
    let open = internship(IS::Open, true);
    let draft_internship = internship(IS::Draft, true);
    let open_of_suspended_employer = internship(IS::Open, false);
    let partnership = Resource::Partnership { institution: X, employer: Y };
    let trail_x = Resource::AuditTrail { institution: Some(X) };
    let trail_all = Resource::AuditTrail { institution: None };
    let graduate = Resource::Graduate { graduate: G, institution: X };
    let own_profile = Resource::OwnProfile { graduate: G, institution: X };
    let consent = |to| Resource::Consent { graduate: G, institution: X, to };
    //                                                      anon grad stX adX stZ adZ emY emW admin
    vec![
        ("institution",          institution,          Read,    "AAAAAAAAA"),
        ("institution",          institution,          Create,  "FFFFFFFFA"),
        ("institution",          institution,          Update,  "FFFAFFFFA"),
        ("institution",          institution,          Archive, "FFFFFFFFA"),
        ("archived institution", archived_institution, Read,    "NNAANNNNA"),
        ("archived institution", archived_institution, Update,  "NNFANNNNA"),
        ("archived institution", archived_institution, Archive, "NNFFNNNNA"),
        ("employer profile",     employer,             Read,    "AAAAAAAAA"),
        ("employer profile",     employer,             Create,  "FFFFFFFFA"),
        ("employer profile",     employer,             Update,  "FFFFFFAFA"),
        ("employer profile",     employer,             Archive, "FFFFFFFFA"),
        ("suspended employer",   suspended_employer,   Read,    "NNNNNNANA"),
        ("suspended employer",   suspended_employer,   Archive, "NNNNNNFNA"),
        ("published program",    published,            Read,    "AAAAAAAAA"),
        ("published program",    published,            Create,  "FFFAFFFFA"),
        ("published program",    published,            Update,  "FFFAFFFFA"),
        ("published program",    published,            Archive, "FFFAFFFFA"),
        ("draft program",        draft,                Read,    "NNAANNNNA"),
        ("draft program",        draft,                Create,  "FFFAFFFFA"),
        ("draft program",        draft,                Update,  "NNFANNNNA"),
        ("draft program",        draft,                Archive, "NNFANNNNA"),
        ("archived program",     archived_program,     Read,    "NNAANNNNA"),
        ("archived program",     archived_program,     Update,  "NNFANNNNA"),
        ("program of archived school", published_of_archived_school, Read, "NNAANNNNA"),
        ("open internship",      open,                 Read,    "AAAAAAAAA"),
        ("internship of suspended employer", open_of_suspended_employer, Read, "NNNNNNANA"),
        ("open internship",      open,                 Update,  "FFFFFFAFA"),
        ("draft internship",     draft_internship,     Read,    "NNNNNNANA"),
        ("draft internship",     draft_internship,     Update,  "NNNNNNANA"),
        ("partnership",          partnership,          Read,    "NNAANNANA"),
        ("partnership",          partnership,          Create,  "FFFAFFFFA"),
        ("partnership",          partnership,          Update,  "NNFANNFNA"),
        ("partnership",          partnership,          Archive, "NNFANNFNA"),
        ("audit trail of X",     trail_x,              Read,    "NNNANNNNA"),
        ("consortium audit",     trail_all,            Read,    "NNNNNNNNA"),
        ("graduate record",      graduate,             Read,    "NAAANNNNA"),
        ("graduate record",      graduate,             Create,  "FFAAFFFFA"),
        ("graduate record",      graduate,             Update,  "NFAANNNNA"),
        ("graduate record",      graduate,             Archive, "NFFANNNNA"),
        ("own profile",          own_profile,          Update,  "NAFFNNNNF"),
        ("consent to PRIVATE",   consent(CL::Private), Update,  "NAFANNNNA"),
        ("consent raised",       consent(CL::Contact), Update,  "NAFFNNNNF"),
    ]
}

#[test]
fn every_cell_of_the_matrix() {
    let viewers = viewers();
    let mut wrong = Vec::new();
    for (what, resource, action, expected) in matrix() {
        for ((who, viewer), want) in viewers.iter().zip(expected.chars()) {
            let want = match want {
                'A' => Decision::Allow,
                'N' => Decision::NotFound,
                _ => Decision::Forbidden,
            };
            let got = decide(viewer, action, &resource);
            if got != want {
                wrong.push(format!(
                    "{who} {action:?} {what}: expected {want:?}, got {got:?}"
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "matrix cells wrong:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn list_scopes_agree_with_single_decisions() {
    for (_, viewer) in viewers() {
        for status in [PS::Draft, PS::Published, PS::Archived] {
            for school in [X, Z] {
                let single = decide(
                    &viewer,
                    Read,
                    &Resource::Program {
                        institution: school,
                        status,
                        institution_active: true,
                    },
                );
                let listed = program_read_scope(&viewer).allows(
                    status == PUBLIC_PROGRAM_STATUS,
                    Some(school),
                    None,
                );
                assert_eq!(single == Decision::Allow, listed);
            }
        }
    }
}

#[test]
fn only_the_employer_and_admins_see_private_employer_fields() {
    let [
        anon,
        grad,
        staff,
        admin_x,
        _,
        _,
        employer_y,
        employer_w,
        admin,
    ] = viewers();
    assert!(employer_tiers(&employer_y.1, Y).contact);
    assert!(employer_tiers(&admin.1, Y).contact);
    for (_, viewer) in [anon, grad, staff, admin_x, employer_w] {
        assert!(!employer_tiers(&viewer, Y).contact);
    }
}

#[test]
fn only_anonymous_responses_share_the_cache() {
    let [anon, rest @ ..] = viewers();
    assert_eq!(shared_cache_scope(&anon.1), Some("public"));
    assert!(rest.iter().all(|(_, v)| shared_cache_scope(v).is_none()));
}

#[test]
fn the_sdl_is_open_with_introspection_and_else_only_to_the_gateway_secret() {
    let secret = Secret::new("s".repeat(32));
    assert!(may_read_sdl(true, None, None));
    assert!(may_read_sdl(
        false,
        Some(&secret),
        Some("s".repeat(32).as_bytes())
    ));
    for presented in [None, Some(&b"wrong"[..]), Some("s".repeat(33).as_bytes())] {
        assert!(!may_read_sdl(false, Some(&secret), presented));
    }
    assert!(
        !may_read_sdl(false, None, Some(b"anything")),
        "no secret set: no one"
    );
}

#[test]
fn one_scope_shape_with_an_explicit_denial() {
    let [anon, grad, staff, admin_x, _, _, employer_y, _, admin] = viewers();
    for (_, viewer) in [&anon, &grad, &staff, &employer_y] {
        assert_eq!(audit_trail_scope(viewer), Scope::Denied);
    }
    assert_eq!(audit_trail_scope(&admin.1), Scope::All);
    let own = audit_trail_scope(&admin_x.1);
    assert!(own.allows(false, Some(X), None));
    assert!(!own.allows(false, Some(Z), None));
    assert!(
        !own.allows(false, None, None),
        "consortium-wide entries are admins' only"
    );
    let partnerships = partnership_scope(&employer_y.1);
    assert!(partnerships.allows(false, Some(Z), Some(Y)));
    assert!(
        !partnerships.allows(true, Some(Z), Some(W)),
        "no partnership is public"
    );
}

/// The tier each viewer gets of graduate G of school X, by consent level, when employer Y is
/// approved by X and W is not: `-` nothing, `a` anonymous, `p` profile, `c` contact, `R` the
/// whole record (upper case when the viewer is inside the school, lower when outside).
#[test]
fn graduate_tiers_follow_consent_and_vetting() {
    use crate::auth::EmployerStanding;
    let standing = |employer| EmployerStanding {
        employer,
        active: true,
        approved_by: if employer == Y { vec![X] } else { vec![] },
    };
    let tier = |viewer: &Viewer, consent, status| {
        let employer = viewer.employers().next().map(standing);
        let facts = GraduateFacts {
            id: G,
            institution: X,
            consent,
            status,
        };
        match graduate_access(viewer, employer.as_ref(), &facts) {
            None => '-',
            Some(a) => {
                let c = match a.tier {
                    GraduateTier::Anonymous => 'a',
                    GraduateTier::Profile => 'p',
                    GraduateTier::Contact => 'c',
                    GraduateTier::Record => 'r',
                };
                if a.outside { c } else { c.to_ascii_uppercase() }
            }
        }
    };
    //                                              anon grad stX adX stZ adZ emY emW admin
    let expected = [
        (CL::Private, GS::Seeking, "-RRR----r"),
        (CL::Anonymous, GS::Seeking, "-RRR--a-r"),
        (CL::Profile, GS::Placed, "-RRR--p-r"),
        (CL::Contact, GS::Seeking, "-RRR--c-r"),
        (CL::Contact, GS::Archived, "-RRR----r"),
    ];
    for (consent, status, want) in expected {
        let got: String = viewers()
            .iter()
            .map(|(_, v)| tier(v, consent, status))
            .collect();
        assert_eq!(got, want, "{consent:?} {status:?}");
    }
    // A suspended employer reaches nobody, approved or not.
    let (_, employer_y) = &viewers()[6];
    let suspended = EmployerStanding {
        active: false,
        ..standing(Y)
    };
    let facts = GraduateFacts {
        id: G,
        institution: X,
        consent: CL::Contact,
        status: GS::Seeking,
    };
    assert_eq!(graduate_access(employer_y, Some(&suspended), &facts), None);
}

#[test]
fn graduate_lists_and_disclosure_logs_reach_their_owners_only() {
    let [anon, grad, staff, admin_x, _, _, employer_y, _, admin] = viewers();
    for (_, viewer) in [&anon, &grad, &employer_y] {
        assert_eq!(graduate_list_scope(viewer), Scope::Denied);
    }
    assert_eq!(graduate_list_scope(&admin.1), Scope::All);
    for (_, viewer) in [&staff, &admin_x] {
        let scope = graduate_list_scope(viewer);
        assert!(scope.allows(false, Some(X), None) && !scope.allows(true, Some(Z), None));
    }
    assert!(party_scope(&anon.1).is_denied());
    let owners = |scope: Scope| match scope {
        Scope::Rows { public, owners } if !public => owners,
        other => panic!("not a party's own rows: {other:?}"),
    };
    assert_eq!(owners(party_scope(&grad.1)).graduates, vec![G]);
    assert_eq!(owners(party_scope(&staff.1)).institutions, vec![X]);
    assert_eq!(owners(party_scope(&employer_y.1)).employers, vec![Y]);
    assert_eq!(party_scope(&admin.1), Scope::All);
}

#[test]
fn the_pool_is_for_employers_in_good_standing_and_consortium_admins() {
    use crate::auth::EmployerStanding;
    let standing = |employer, active| EmployerStanding {
        employer,
        active,
        approved_by: vec![X],
    };
    let answers: Vec<String> = viewers()
        .iter()
        .map(|(_, v)| {
            let employer = v.employers().next().map(|e| standing(e, true));
            match pool_scope(v, employer.as_ref()) {
                Ok(Scope::All) => "all".to_owned(),
                Ok(Scope::Rows { owners, .. }) => format!("{}", owners.institutions.len()),
                Ok(Scope::Denied) => "denied".to_owned(),
                Err(e) => e.code().as_str().to_owned(),
            }
        })
        .collect();
    //           anon               grad         stX          adX          stZ          adZ          emY  emW  admin
    let want = [
        "UNAUTHENTICATED",
        "FORBIDDEN",
        "FORBIDDEN",
        "FORBIDDEN",
        "FORBIDDEN",
        "FORBIDDEN",
        "1",
        "1",
        "all",
    ];
    assert_eq!(answers, want);
    let (_, employer_y) = &viewers()[6];
    let suspended = pool_scope(employer_y, Some(&standing(Y, false)));
    assert!(matches!(suspended, Err(ApiError::Forbidden)));
}
