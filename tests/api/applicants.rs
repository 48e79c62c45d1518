//! What the employer applied to receives of an applicant, case by case: the profile and contact
//! tiers only while the graduate is not archived, the graduate's school approves the employer,
//! and the application has not ended (withdrawn, declined or rejected); otherwise the
//! application's status and history, with the applicant at the tier their pool consent gives
//! (none when PRIVATE).

use entity::enums::{ApplicationStatus, ConsentLevel, GraduateStatus, PartnershipStatus};
use entity::{application, disclosure, graduate, partnership};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter,
};
use serde_json::json;

use crate::applications::world_application;
use crate::graduates::approve_y;
use crate::matrix::World;

const READ: &str = "query($id: ID!) { application(id: $id) { status history { to }
    applicant { visibleTier givenName email } } }";

/// One case: the application's status, the graduate's consent and status, whether X approves Y.
struct Case {
    what: &'static str,
    status: ApplicationStatus,
    consent: ConsentLevel,
    archived: bool,
    approved: bool,
    /// The tier Y receives ("-": no applicant).
    expect: &'static str,
}

const CASES: [Case; 8] = [
    Case {
        what: "applied",
        status: ApplicationStatus::Applied,
        consent: ConsentLevel::Private,
        archived: false,
        approved: true,
        expect: "CONTACT",
    },
    Case {
        what: "interviewing",
        status: ApplicationStatus::Interview,
        consent: ConsentLevel::Private,
        archived: false,
        approved: true,
        expect: "CONTACT",
    },
    Case {
        what: "withdrawn",
        status: ApplicationStatus::Withdrawn,
        consent: ConsentLevel::Private,
        archived: false,
        approved: true,
        expect: "-",
    },
    Case {
        what: "offer declined",
        status: ApplicationStatus::Declined,
        consent: ConsentLevel::Private,
        archived: false,
        approved: true,
        expect: "-",
    },
    Case {
        what: "rejected",
        status: ApplicationStatus::Rejected,
        consent: ConsentLevel::Private,
        archived: false,
        approved: true,
        expect: "-",
    },
    Case {
        what: "rejected, in the pool",
        status: ApplicationStatus::Rejected,
        consent: ConsentLevel::Anonymous,
        archived: false,
        approved: true,
        expect: "ANONYMOUS",
    },
    Case {
        what: "archived graduate",
        status: ApplicationStatus::Applied,
        consent: ConsentLevel::Contact,
        archived: true,
        approved: true,
        expect: "-",
    },
    Case {
        what: "school no longer approves",
        status: ApplicationStatus::Applied,
        consent: ConsentLevel::Contact,
        archived: false,
        approved: false,
        expect: "-",
    },
];

#[tokio::test]
async fn the_employer_receives_the_applicant_only_while_the_application_shares_them() {
    let w = World::new().await;
    approve_y(&w).await;
    let id = world_application(&w).await;
    let mut got = Vec::new();
    for case in &CASES {
        application::ActiveModel {
            id: Set(id),
            status: Set(case.status),
            ..Default::default()
        }
        .update(&w.app.db)
        .await
        .expect("status");
        graduate::ActiveModel {
            id: Set(w.graduate),
            consent: Set(case.consent),
            status: Set(if case.archived {
                GraduateStatus::Archived
            } else {
                GraduateStatus::Seeking
            }),
            ..Default::default()
        }
        .update(&w.app.db)
        .await
        .expect("graduate");
        partnership::Entity::update_many()
            .col_expr(
                partnership::Column::Status,
                if case.approved {
                    PartnershipStatus::Active
                } else {
                    PartnershipStatus::Ended
                }
                .into(),
            )
            .filter(partnership::Column::InstitutionId.eq(w.x.id))
            .filter(partnership::Column::EmployerId.eq(w.y.id))
            .exec(&w.app.db)
            .await
            .expect("partnership");
        let logged_before = disclosures(&w).await;
        let reply = w.send(5, READ, json!({ "id": id })).await;
        let read = &reply.data()["application"];
        // The application itself, its status and history, stay the employer's to read.
        assert!(read["status"].is_string(), "{}: {}", case.what, reply.body);
        assert!(read["history"].is_array());
        let tier = read["applicant"]["visibleTier"].as_str().unwrap_or("-");
        let logged = disclosures(&w).await > logged_before;
        assert_eq!(
            logged,
            tier == "CONTACT",
            "{}: logged only what went out",
            case.what
        );
        if tier != "CONTACT" {
            assert!(read["applicant"]["email"].is_null(), "{}", case.what);
        }
        got.push(format!("{}={tier}", case.what));
    }
    let expected: Vec<String> = CASES
        .iter()
        .map(|c| format!("{}={}", c.what, c.expect))
        .collect();
    assert_eq!(got, expected);
}

async fn disclosures(w: &World) -> u64 {
    disclosure::Entity::find()
        .filter(disclosure::Column::GraduateId.eq(w.graduate))
        .count(&w.app.db)
        .await
        .expect("count")
}
