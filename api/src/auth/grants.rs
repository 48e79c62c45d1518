//! Resolves role claims (slugs and ids) into grants on existing records. A grant naming an
//! unknown institution, employer or graduate confers nothing.

use std::collections::HashMap;

use entity::{employer_partner, graduate, institution};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect};
use uuid::Uuid;

use super::{Grant, Organisation, RoleClaim};
use crate::error::ApiResult;

/// One statement per kind of scope the roles name (none for a consortium admin alone). Also
/// names the subject's organisation (see `Viewer::organisation`).
pub async fn resolve(
    db: &DatabaseConnection,
    roles: &[RoleClaim],
) -> ApiResult<(Vec<Grant>, Option<Organisation>)> {
    let mut institution_slugs = Vec::new();
    let mut employer_slugs = Vec::new();
    let mut graduate_ids = Vec::new();
    for role in roles {
        match role {
            RoleClaim::SchoolAdmin { institution } | RoleClaim::SchoolStaff { institution } => {
                institution_slugs.push(institution.clone())
            }
            RoleClaim::Employer { employer } => employer_slugs.push(employer.clone()),
            RoleClaim::Graduate { graduate } => graduate_ids.push(*graduate),
            RoleClaim::ConsortiumAdmin {} => {}
        }
    }
    let institutions: HashMap<String, Uuid> = if institution_slugs.is_empty() {
        HashMap::new()
    } else {
        institution::Entity::find()
            .select_only()
            .columns([institution::Column::Slug, institution::Column::Id])
            .filter(institution::Column::Slug.is_in(institution_slugs))
            .into_tuple::<(String, Uuid)>()
            .all(db)
            .await?
            .into_iter()
            .collect()
    };
    let employers: HashMap<String, Uuid> = if employer_slugs.is_empty() {
        HashMap::new()
    } else {
        employer_partner::Entity::find()
            .select_only()
            .columns([employer_partner::Column::Slug, employer_partner::Column::Id])
            .filter(employer_partner::Column::Slug.is_in(employer_slugs))
            .into_tuple::<(String, Uuid)>()
            .all(db)
            .await?
            .into_iter()
            .collect()
    };
    let graduates: Vec<Uuid> = if graduate_ids.is_empty() {
        Vec::new()
    } else {
        graduate::Entity::find()
            .select_only()
            .column(graduate::Column::Id)
            .filter(graduate::Column::Id.is_in(graduate_ids))
            .into_tuple::<Uuid>()
            .all(db)
            .await?
    };
    let mut grants = Vec::new();
    for role in roles {
        let grant = match role {
            RoleClaim::ConsortiumAdmin {} => Some(Grant::ConsortiumAdmin),
            RoleClaim::SchoolAdmin { institution } => institutions
                .get(institution)
                .map(|&id| Grant::SchoolAdmin { institution: id }),
            RoleClaim::SchoolStaff { institution } => institutions
                .get(institution)
                .map(|&id| Grant::SchoolStaff { institution: id }),
            RoleClaim::Employer { employer } => employers
                .get(employer)
                .map(|&id| Grant::Employer { employer: id }),
            RoleClaim::Graduate { graduate } => {
                graduates.contains(graduate).then_some(Grant::Graduate {
                    graduate: *graduate,
                })
            }
        };
        if let Some(grant) = grant
            && !grants.contains(&grant)
        {
            grants.push(grant);
        }
    }
    let organisation = roles
        .iter()
        .find_map(|role| match role {
            RoleClaim::Employer { employer } => {
                employers.get(employer).map(|&id| Organisation::Employer {
                    id,
                    slug: employer.clone(),
                })
            }
            _ => None,
        })
        .or_else(|| {
            roles.iter().find_map(|role| match role {
                RoleClaim::SchoolAdmin { institution } | RoleClaim::SchoolStaff { institution } => {
                    institutions
                        .get(institution)
                        .map(|&id| Organisation::Institution {
                            id,
                            slug: institution.clone(),
                        })
                }
                _ => None,
            })
        });
    Ok((grants, organisation))
}
