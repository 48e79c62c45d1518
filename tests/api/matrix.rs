//! The shared shape of the authorization matrix tests: the viewers in a fixed order, the demo
//! consortium with the records each matrix is about, and the answer of one cell as a character:
//! `A` allowed, `N` NOT_FOUND, `F` FORBIDDEN, `U` UNAUTHENTICATED.

use entity::enums::{InternshipStatus, ProgramStatus};
use entity::{employer_partner, graduate, institution, internship, program};
use hitbridge_tests::{Reply, TestApp, nodes, tokens};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::Value;
use uuid::Uuid;

/// The viewers, in the order of every expectation string.
pub const ROLES: [&str; 7] = [
    "anonymous",
    "graduate",
    "staff of X",
    "admin of X",
    "admin of Z",
    "employer Y",
    "consortium admin",
];

/// The demo consortium, with the records the matrix is about.
pub struct World {
    pub app: TestApp,
    /// School X: has a draft program and graduate `graduate`; Z: another school.
    pub x: institution::Model,
    pub z: institution::Model,
    /// Employer Y: has a non-open internship.
    pub y: employer_partner::Model,
    pub draft: program::Model,
    pub published: program::Model,
    pub hidden_internship: internship::Model,
    pub graduate: Uuid,
}

impl World {
    pub async fn new() -> Self {
        let app = TestApp::spawn_demo().await;
        let db = &app.db;
        let draft = program::Entity::find()
            .filter(program::Column::Status.eq(ProgramStatus::Draft))
            .order_by_asc(program::Column::Slug)
            .one(db)
            .await
            .expect("query")
            .expect("a draft program");
        let x = institution::Entity::find_by_id(draft.institution_id)
            .one(db)
            .await
            .expect("query")
            .expect("X");
        let published = program::Entity::find()
            .filter(program::Column::InstitutionId.eq(x.id))
            .filter(program::Column::Status.eq(ProgramStatus::Published))
            .one(db)
            .await
            .expect("query")
            .expect("X has a published program");
        let z = institution::Entity::find()
            .filter(institution::Column::Id.ne(x.id))
            .order_by_asc(institution::Column::Slug)
            .one(db)
            .await
            .expect("query")
            .expect("Z");
        let hidden_internship = internship::Entity::find()
            .filter(internship::Column::Status.ne(InternshipStatus::Open))
            .order_by_asc(internship::Column::Id)
            .one(db)
            .await
            .expect("query")
            .expect("a closed or draft internship");
        let y = employer_partner::Entity::find_by_id(hidden_internship.employer_id)
            .one(db)
            .await
            .expect("query")
            .expect("Y");
        let graduate = graduate::Entity::find()
            .filter(graduate::Column::InstitutionId.eq(x.id))
            .order_by_asc(graduate::Column::Id)
            .one(db)
            .await
            .expect("query")
            .expect("X has a graduate")
            .id;
        Self {
            app,
            x,
            z,
            y,
            draft,
            published,
            hidden_internship,
            graduate,
        }
    }

    pub fn token(&self, role: usize) -> Option<String> {
        match role {
            0 => None,
            1 => Some(tokens::graduate(&self.graduate.to_string())),
            2 => Some(tokens::school_staff(&self.x.slug)),
            3 => Some(tokens::school_admin(&self.x.slug)),
            4 => Some(tokens::school_admin(&self.z.slug)),
            5 => Some(tokens::employer(&self.y.slug)),
            _ => Some(tokens::consortium_admin()),
        }
    }

    pub async fn send(&self, role: usize, query: &str, vars: Value) -> Reply {
        let mut request = self.app.gql(query).vars(vars);
        if let Some(token) = self.token(role) {
            request = request.bearer(token);
        }
        let reply = request.send().await;
        assert_eq!(reply.status, 200, "{}: {}", ROLES[role], reply.body);
        reply
    }

    /// The current version of a row, read straight from the database.
    pub async fn version_of<E: EntityTrait>(&self, id: Uuid) -> i32
    where
        E::Model: serde::Serialize,
        <E::PrimaryKey as sea_orm::PrimaryKeyTrait>::ValueType: From<Uuid>,
    {
        let row = E::find_by_id(id)
            .one(&self.app.db)
            .await
            .expect("query")
            .expect("row");
        serde_json::to_value(row).expect("json")["version"]
            .as_i64()
            .expect("version") as i32
    }
}

pub fn outcome(reply: &Reply) -> char {
    match reply.codes().first().map(String::as_str) {
        None => 'A',
        Some("NOT_FOUND") => 'N',
        Some("FORBIDDEN") => 'F',
        Some("UNAUTHENTICATED") => 'U',
        Some(other) => panic!("unexpected error code {other}: {}", reply.body),
    }
}

/// Runs `check` for every role and compares the answers with `expected`.
pub async fn expect_matrix<F, Fut>(what: &str, expected: &str, check: F)
where
    F: Fn(usize) -> Fut,
    Fut: Future<Output = char>,
{
    let mut got = String::new();
    for role in 0..ROLES.len() {
        got.push(check(role).await);
    }
    assert_eq!(got, expected, "{what} (roles: {ROLES:?})");
}

pub fn ids(reply: &Reply, path: &[&str]) -> Vec<String> {
    let mut data = reply.data();
    for key in &path[..path.len() - 1] {
        data = &data[*key];
    }
    nodes(data, path[path.len() - 1])
        .iter()
        .filter_map(|n| n["id"].as_str().map(String::from))
        .collect()
}
