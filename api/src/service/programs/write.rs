//! Program writes: a school's admins (and consortium admins) create, update, publish and
//! archive its programs; staff may read drafts but not change them.

use chrono::NaiveDate;
use entity::enums::{Credential, HitRole, Modality, ProgramStatus, RecordStatus};
use entity::{program, program_hit_role, program_skill};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait,
    QueryFilter,
};
use uuid::Uuid;

use crate::auth::Caller;
use crate::authz::{self, Action, Resource};
use crate::cache::Domain;
use crate::domain::{CipCode, IdempotencyKey, Label, LongText, Slug, SocCode};
use crate::error::ApiResult;
use crate::service::candidates::feed::FeedEntry;
use crate::service::vocabulary::Vocabulary;
use crate::service::write::{self, Versioned};
use crate::service::{Lookup, institutions};

impl Versioned for program::Entity {
    const NAME: &'static str = "program";
    const INVALIDATES: &'static [Domain] = &[Domain::Programs];
    write::versioned_row!(program);
    async fn resource(txn: &DatabaseTransaction, m: &program::Model) -> ApiResult<Resource> {
        let school = entity::institution::Entity::find_by_id(m.institution_id)
            .one(txn)
            .await?;
        Ok(Resource::Program {
            institution: m.institution_id,
            status: m.status,
            institution_active: school.is_some_and(|s| s.status == RecordStatus::Active),
        })
    }
    /// A program's HIT roles (a required criterion) may change with any update.
    fn pool_change(before: Option<&program::Model>, after: &program::Model) -> Option<FeedEntry> {
        before.map(|_| FeedEntry {
            program: Some(after.id),
            was_pooled: true,
            ..FeedEntry::default()
        })
    }
}

/// A new program, validated.
pub struct NewProgram {
    /// Slug of the institution offering it.
    pub institution: Slug,
    pub slug: Slug,
    pub name: Label,
    pub description: LongText,
    pub credential: Credential,
    pub cip_code: CipCode,
    pub soc_code: Option<SocCode>,
    pub modality: Modality,
    pub duration_months: i32,
    pub status: ProgramStatus,
    pub next_start: Option<NaiveDate>,
    /// Skills and EHR systems taught, each by slug, name or alias.
    pub skills: Vec<Label>,
    pub hit_roles: Vec<HitRole>,
}

/// Changes to a program; `None` leaves a field as it is. Lists replace the whole list.
#[derive(Default)]
pub struct ProgramChanges {
    pub name: Option<Label>,
    pub description: Option<LongText>,
    pub credential: Option<Credential>,
    pub cip_code: Option<CipCode>,
    pub soc_code: Option<Option<SocCode>>,
    pub modality: Option<Modality>,
    pub duration_months: Option<i32>,
    pub status: Option<ProgramStatus>,
    pub next_start: Option<Option<NaiveDate>>,
    pub skills: Option<Vec<Label>>,
    pub hit_roles: Option<Vec<HitRole>>,
}

/// Replaces a program's skills and HIT roles (within the write's transaction).
async fn set_relations(
    txn: &DatabaseTransaction,
    program_id: Uuid,
    skills: Option<Vec<Label>>,
    roles: Option<Vec<HitRole>>,
) -> ApiResult<()> {
    if let Some(terms) = skills {
        let vocabulary = Vocabulary::load(txn).await?;
        let found = vocabulary.any_skill_ids("input.skills", &terms)?;
        program_skill::Entity::delete_many()
            .filter(program_skill::Column::ProgramId.eq(program_id))
            .exec(txn)
            .await?;
        if !found.is_empty() {
            program_skill::Entity::insert_many(found.into_iter().map(|skill_id| {
                program_skill::ActiveModel {
                    program_id: Set(program_id),
                    skill_id: Set(skill_id),
                }
            }))
            .exec_without_returning(txn)
            .await?;
        }
    }
    if let Some(mut roles) = roles {
        roles.sort_by_key(|r| format!("{r:?}"));
        roles.dedup();
        program_hit_role::Entity::delete_many()
            .filter(program_hit_role::Column::ProgramId.eq(program_id))
            .exec(txn)
            .await?;
        if !roles.is_empty() {
            program_hit_role::Entity::insert_many(roles.into_iter().map(|hit_role| {
                program_hit_role::ActiveModel {
                    program_id: Set(program_id),
                    hit_role: Set(hit_role),
                }
            }))
            .exec_without_returning(txn)
            .await?;
        }
    }
    Ok(())
}

/// Creates a program at an institution the viewer administers (idempotent with a key).
pub async fn create(
    db: &DatabaseConnection,
    caller: &Caller,
    new: NewProgram,
    key: Option<&IdempotencyKey>,
) -> ApiResult<program::Model> {
    let viewer = caller.viewer();
    let school = institutions::get(db, caller, Lookup::Slug(new.institution.into_inner()))
        .await
        .map_err(write::not_found_as_input("input.institution"))?;
    authz::authorize(
        viewer,
        Action::Create,
        &Resource::Program {
            institution: school.id,
            status: new.status,
            institution_active: school.status == RecordStatus::Active,
        },
    )?;
    let now = chrono::Utc::now();
    let model = program::Model {
        id: Uuid::now_v7(),
        slug: new.slug.into_inner(),
        institution_id: school.id,
        name: new.name.into_inner(),
        description: new.description.into_inner(),
        credential: new.credential,
        cip_code: new.cip_code.into_inner(),
        soc_code: new.soc_code.map(SocCode::into_inner),
        modality: new.modality,
        duration_months: new.duration_months,
        status: new.status,
        next_start: new.next_start,
        created_at: now,
        updated_at: now,
        version: 1,
    };
    let (skills, roles) = (new.skills, new.hit_roles);
    write::idempotent_create(
        db,
        caller,
        key,
        "createProgram",
        |txn| async move {
            write::insert_created::<program::Entity>(&txn, caller, key, "createProgram", &model)
                .await?;
            set_relations(&txn, model.id, Some(skills), Some(roles)).await?;
            txn.commit().await?;
            Ok(model.id)
        },
        |id| super::get(db, caller, Lookup::Id(id)),
    )
    .await
}

/// Applies changes if `expected` is still the current version.
pub async fn update(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    expected: i32,
    changes: ProgramChanges,
) -> ApiResult<program::Model> {
    let txn = write::begin(db).await?;
    let (skills, roles) = (changes.skills, changes.hit_roles);
    let after = write::change::<program::Entity>(
        &txn,
        caller,
        id,
        expected,
        Action::Update,
        "update",
        |m| {
            if let Some(v) = changes.name {
                m.name = v.into_inner()
            }
            if let Some(v) = changes.description {
                m.description = v.into_inner()
            }
            if let Some(v) = changes.credential {
                m.credential = v
            }
            if let Some(v) = changes.cip_code {
                m.cip_code = v.into_inner()
            }
            if let Some(v) = changes.soc_code {
                m.soc_code = v.map(SocCode::into_inner)
            }
            if let Some(v) = changes.modality {
                m.modality = v
            }
            if let Some(v) = changes.duration_months {
                m.duration_months = v
            }
            if let Some(v) = changes.status {
                m.status = v
            }
            if let Some(v) = changes.next_start {
                m.next_start = v
            }
        },
    )
    .await?;
    set_relations(&txn, id, skills, roles).await?;
    txn.commit().await?;
    Ok(after)
}

/// Archives a program: it leaves the public catalog but stays readable by its school.
pub async fn archive(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    expected: i32,
) -> ApiResult<program::Model> {
    write::apply::<program::Entity>(db, caller, id, expected, Action::Archive, "archive", |m| {
        m.status = ProgramStatus::Archived;
    })
    .await
}
