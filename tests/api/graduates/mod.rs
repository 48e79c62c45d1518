//! Graduate records over HTTP: the matrix of who reads and writes them, the consent tiers field
//! by field, the FERPA disclosure log, and the writes' rules.

mod access;
mod disclosures;
mod emails;
mod import;
mod tiers;
mod writes;

use chrono::Utc;
use entity::enums::{ConsentLevel, PartnershipStatus};
use entity::{graduate, partnership};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::matrix::World;

/// Every field of a graduate, for checking tiers field by field.
pub const ALL_FIELDS: &str = "id visibleTier graduationYear graduationTerm background yearsOfExperience
    state region openToRural openToRelocation seeking availableFrom skills { slug } ehrSystems { slug }
    certifications { code yearEarned } program { slug } institution { slug }
    givenName familyName headline city priorIndustry portfolioLinks email phone
    consent consentUpdatedAt consentHistory { from to } status createdAt updatedAt version";

/// Sets a graduate's consent straight in the database (the test's arrangement, not the API's).
pub async fn set_consent(w: &World, graduate: Uuid, level: ConsentLevel) {
    graduate::Entity::update_many()
        .col_expr(
            graduate::Column::Consent,
            sea_orm::sea_query::Expr::value(level),
        )
        .filter(graduate::Column::Id.eq(graduate))
        .exec(&w.app.db)
        .await
        .expect("set consent");
}

/// Makes sure school X has an active partnership with employer Y (so X's consenting graduates
/// reach Y).
pub async fn approve_y(w: &World) {
    let found = partnership::Entity::find()
        .filter(partnership::Column::InstitutionId.eq(w.x.id))
        .filter(partnership::Column::EmployerId.eq(w.y.id))
        .one(&w.app.db)
        .await
        .expect("query");
    let now = Utc::now();
    match found {
        Some(p) => {
            partnership::Entity::update(partnership::ActiveModel {
                id: Set(p.id),
                status: Set(PartnershipStatus::Active),
                ..Default::default()
            })
            .exec(&w.app.db)
            .await
            .expect("activate");
        }
        None => {
            partnership::Entity::insert(partnership::ActiveModel {
                id: Set(Uuid::new_v4()),
                institution_id: Set(w.x.id),
                employer_id: Set(w.y.id),
                status: Set(PartnershipStatus::Active),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
            })
            .exec_without_returning(&w.app.db)
            .await
            .expect("insert partnership");
        }
    }
}

/// A graduate's query by id, with all fields.
pub fn by_id_query() -> String {
    format!("query($id: ID!) {{ graduate(id: $id) {{ {ALL_FIELDS} }} }}")
}
