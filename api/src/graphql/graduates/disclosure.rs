//! The `Disclosure` type: one record of a graduate's identifying fields leaving their school.

use async_graphql::{ComplexObject, Context, ID, SimpleObject};
use chrono::{DateTime, Utc};
use entity::disclosure;
use uuid::Uuid;

use super::Graduate;
use crate::error::GqlResult;
use crate::graphql::context::{load_one, to_id};
use crate::graphql::loaders::GraduateById;

/// Who received which of a graduate's identifying fields, when, and through which operation.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct Disclosure {
    /// Stable UUID.
    pub id: ID,
    #[graphql(skip)]
    pub graduate_id: Uuid,
    /// The `sub` of the recipient.
    pub recipient: String,
    /// The recipient's organisation (an employer's slug), if any.
    pub recipient_organisation: Option<String>,
    /// The fields that went out, by their GraphQL names.
    pub fields: Vec<String>,
    /// The GraphQL operation that disclosed them.
    pub operation: String,
    /// The request id, as in the server's logs.
    pub request_id: Option<String>,
    /// When.
    pub disclosed_at: DateTime<Utc>,
}

impl From<disclosure::Model> for Disclosure {
    fn from(m: disclosure::Model) -> Self {
        let fields = match m.fields {
            serde_json::Value::Array(items) => items
                .into_iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect(),
            _ => Vec::new(),
        };
        Self {
            id: to_id(m.id),
            graduate_id: m.graduate_id,
            recipient: m.recipient_sub,
            recipient_organisation: m.recipient_org,
            fields,
            operation: m.operation,
            request_id: m.request_id,
            disclosed_at: m.disclosed_at,
        }
    }
}

#[ComplexObject]
impl Disclosure {
    /// The graduate's id.
    async fn graduate_id(&self) -> ID {
        to_id(self.graduate_id)
    }

    /// The graduate, as you may see them now.
    async fn graduate(&self, ctx: &Context<'_>) -> GqlResult<Option<Graduate>> {
        let found = load_one(ctx, GraduateById(self.graduate_id)).await?;
        Ok(found.map(Graduate::from))
    }
}
