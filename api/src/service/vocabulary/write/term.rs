//! The two vocabularies' tables (skills, certifications) as one shape, so each write is written
//! once.

use entity::{certification, skill};
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel};
use uuid::Uuid;

/// Which vocabulary a write changes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Book {
    Skills,
    Certifications,
}

/// A vocabulary's table, as the writes below see it.
pub trait Term:
    EntityTrait<Model: serde::Serialize + Clone + IntoActiveModel<Self::ActiveModel>>
where
    Self::ActiveModel: ActiveModelTrait<Entity = Self> + Send,
{
    /// The name in audit entries.
    const NAME: &'static str;
    const BOOK: Book;
    /// The input field of the key (slug or code).
    const KEY_FIELD: &'static str;
    fn id_column() -> Self::Column;
    fn key_column() -> Self::Column;
    fn id(m: &Self::Model) -> Uuid;
    fn key(m: &Self::Model) -> &str;
    fn name(m: &Self::Model) -> &str;
    fn rename(m: &mut Self::Model, name: String);
}

impl Term for skill::Entity {
    const NAME: &'static str = "skill";
    const BOOK: Book = Book::Skills;
    const KEY_FIELD: &'static str = "input.slug";
    fn id_column() -> Self::Column {
        skill::Column::Id
    }
    fn key_column() -> Self::Column {
        skill::Column::Slug
    }
    fn id(m: &skill::Model) -> Uuid {
        m.id
    }
    fn key(m: &skill::Model) -> &str {
        &m.slug
    }
    fn name(m: &skill::Model) -> &str {
        &m.name
    }
    fn rename(m: &mut skill::Model, name: String) {
        m.name = name;
    }
}

impl Term for certification::Entity {
    const NAME: &'static str = "certification";
    const BOOK: Book = Book::Certifications;
    const KEY_FIELD: &'static str = "input.code";
    fn id_column() -> Self::Column {
        certification::Column::Id
    }
    fn key_column() -> Self::Column {
        certification::Column::Code
    }
    fn id(m: &certification::Model) -> Uuid {
        m.id
    }
    fn key(m: &certification::Model) -> &str {
        &m.code
    }
    fn name(m: &certification::Model) -> &str {
        &m.name
    }
    fn rename(m: &mut certification::Model, name: String) {
        m.name = name;
    }
}
