//! Partnership writes: a school's admins approve, change and end partnerships of their school.

use entity::enums::PartnershipStatus;
use entity::partnership;
use sea_orm::DatabaseConnection;
use uuid::Uuid;

use crate::auth::Caller;
use crate::authz::{self, Action, Resource};
use crate::domain::{IdempotencyKey, Slug};
use crate::error::ApiResult;
use crate::service::candidates::feed::FeedEntry;
use crate::service::write::{self, Versioned};
use crate::service::{Lookup, employers, institutions};

impl Versioned for partnership::Entity {
    const NAME: &'static str = "partnership";
    write::versioned_row!(partnership);
    async fn resource(
        _: &sea_orm::DatabaseTransaction,
        m: &partnership::Model,
    ) -> ApiResult<Resource> {
        Ok(Resource::Partnership {
            institution: m.institution_id,
            employer: m.employer_id,
        })
    }
    /// The school's graduates enter or leave this employer's pool (they may have been in it
    /// only if the partnership was active before).
    fn pool_change(
        before: Option<&partnership::Model>,
        after: &partnership::Model,
    ) -> Option<FeedEntry> {
        Some(FeedEntry {
            institution: Some(after.institution_id),
            employer: Some(after.employer_id),
            was_pooled: before.is_some_and(|b| b.status == PartnershipStatus::Active),
            ..FeedEntry::default()
        })
    }
}

/// Creates a partnership between a school and an employer (idempotent with a key).
pub async fn create(
    db: &DatabaseConnection,
    caller: &Caller,
    institution: Slug,
    employer: Slug,
    status: PartnershipStatus,
    key: Option<&IdempotencyKey>,
) -> ApiResult<partnership::Model> {
    let viewer = caller.viewer();
    let school = institutions::get(db, caller, Lookup::Slug(institution.into_inner()))
        .await
        .map_err(write::not_found_as_input("input.institution"))?;
    let partner = employers::get(db, caller, Lookup::Slug(employer.into_inner()))
        .await
        .map_err(write::not_found_as_input("input.employer"))?;
    authz::authorize(
        viewer,
        Action::Create,
        &Resource::Partnership {
            institution: school.id,
            employer: partner.core().id,
        },
    )?;
    let now = chrono::Utc::now();
    let model = partnership::Model {
        id: Uuid::now_v7(),
        institution_id: school.id,
        employer_id: partner.core().id,
        status,
        created_at: now,
        updated_at: now,
        version: 1,
    };
    write::idempotent_create(
        db,
        caller,
        key,
        "createPartnership",
        |txn| async move {
            write::insert_created::<partnership::Entity>(
                &txn,
                caller,
                key,
                "createPartnership",
                &model,
            )
            .await?;
            txn.commit().await?;
            Ok(model.id)
        },
        |id| super::get(db, caller, id),
    )
    .await
}

/// Sets a partnership's status if `expected` is still the current version; ENDED is `archive`.
pub async fn set_status(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    expected: i32,
    status: PartnershipStatus,
) -> ApiResult<partnership::Model> {
    let (action, verb) = match status {
        PartnershipStatus::Ended => (Action::Archive, "end"),
        PartnershipStatus::Active => (Action::Update, "activate"),
        PartnershipStatus::Pending => (Action::Update, "hold"),
    };
    write::apply::<partnership::Entity>(db, caller, id, expected, action, verb, |m| {
        m.status = status;
    })
    .await
}
