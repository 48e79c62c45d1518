//! The FERPA record of disclosures: every graduate whose identifying fields reached a viewer
//! outside the graduate's school in one request becomes one `disclosure` row, written for the
//! whole request in one statement after it ran (reading the log is `service::disclosures`).

use std::collections::{BTreeMap, BTreeSet};

use chrono::Utc;
use entity::disclosure;
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait};
use uuid::Uuid;

use crate::auth::{Caller, Organisation};
use crate::error::ApiResult;

/// The redisclosure notice of 34 CFR 99.33, carried in `extensions.ferpa` of every response that
/// discloses a graduate's identifying fields outside their school.
pub const NOTICE: &str = "This response contains personally identifiable information from \
education records, disclosed under the Family Educational Rights and Privacy Act (FERPA). Under \
34 CFR 99.33 you may not disclose it to any other party without the prior written consent of the \
graduate it is about. This disclosure has been recorded.";

/// Operation name recorded when the client gave none.
const UNNAMED: &str = "(unnamed operation)";

/// The disclosure rows of one operation, from the fields its caller noted.
pub fn rows_of(caller: &Caller) -> Vec<disclosure::ActiveModel> {
    rows(caller, caller.effects().take_disclosures())
}

fn rows(
    caller: &Caller,
    disclosed: BTreeMap<Uuid, BTreeSet<&'static str>>,
) -> Vec<disclosure::ActiveModel> {
    let viewer = caller.viewer();
    let organisation = caller.organisation().map(|o| match o {
        Organisation::Institution { slug, .. } | Organisation::Employer { slug, .. } => {
            slug.clone()
        }
    });
    let now = Utc::now();
    disclosed
        .into_iter()
        .map(|(graduate, fields)| disclosure::ActiveModel {
            id: Set(Uuid::now_v7()),
            graduate_id: Set(graduate),
            recipient_sub: Set(viewer.subject.clone().unwrap_or_default()),
            recipient_org: Set(organisation.clone()),
            fields: Set(serde_json::Value::Array(
                fields
                    .into_iter()
                    .map(|f| serde_json::Value::String(f.to_owned()))
                    .collect(),
            )),
            operation: Set(caller.operation().unwrap_or(UNNAMED).to_owned()),
            request_id: Set(Some(caller.request_id().to_owned())),
            disclosed_at: Set(now),
        })
        .collect()
}

/// Writes a request's disclosure rows in one statement (nothing when there are none).
pub async fn write<C: ConnectionTrait>(
    db: &C,
    rows: Vec<disclosure::ActiveModel>,
) -> ApiResult<()> {
    if rows.is_empty() {
        return Ok(());
    }
    disclosure::Entity::insert_many(rows)
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// The `extensions.ferpa` entry of an operation that wrote `count` disclosure rows.
pub fn extension(count: usize) -> serde_json::Value {
    serde_json::json!({ "notice": NOTICE, "disclosuresRecorded": count })
}
