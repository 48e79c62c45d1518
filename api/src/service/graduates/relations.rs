//! A graduate's lists — skills, EHR systems, certifications — and their program, checked against
//! the vocabularies and written for many graduates at once (one write, or a whole import, costs
//! a fixed number of statements, not a few per graduate).

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;
use entity::enums::SkillKind;
use entity::{certification, graduate, graduate_certification, graduate_skill, program, skill};
use sea_orm::DbErr;
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect,
};
use uuid::Uuid;

use super::write::GraduateRecord;
use crate::domain::{Slug, bounded};
use crate::error::{ApiError, ApiResult};

/// Most entries in one list of a graduate.
pub const MAX_LIST: usize = 50;

/// Rows per multi-row insert: well under the bound-parameter limits of SQLite and PostgreSQL.
const CHUNK: usize = 1000;

/// A certification a graduate holds: its vocabulary code and, when known, the year earned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Held {
    pub code: String,
    pub year: Option<i32>,
}

impl Held {
    /// Parses a code (any case, e.g. `chts-is`) and an optional year earned.
    pub fn parse(field: &str, code: &str, year: Option<i32>) -> ApiResult<Self> {
        let code = code.trim().to_ascii_uppercase();
        let ok = (2..=32).contains(&code.len())
            && code
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-');
        if !ok {
            return Err(ApiError::invalid(
                field,
                "a certification code such as RHIT or CHTS-IS",
            ));
        }
        let year = year.map(|y| bounded(field, y, 1970, 2100)).transpose()?;
        Ok(Self { code, year })
    }
}

/// The lists to write for one graduate; `None` leaves a list as it is.
#[derive(Debug, Clone, Default)]
pub struct Lists {
    pub skills: Option<Vec<Slug>>,
    pub ehr_systems: Option<Vec<Slug>>,
    pub certifications: Option<Vec<Held>>,
}

impl Lists {
    /// Every list of a full record (a create or an import row).
    pub fn all_of(record: &GraduateRecord) -> Self {
        Self {
            skills: Some(record.skills.clone()),
            ehr_systems: Some(record.ehr_systems.clone()),
            certifications: Some(record.certifications.clone()),
        }
    }
}

/// Checks a list's length, naming the field.
pub fn bounded_list<T>(field: &str, list: Vec<T>) -> ApiResult<Vec<T>> {
    if list.len() > MAX_LIST {
        Err(ApiError::invalid(
            field,
            format!("at most {MAX_LIST} entries"),
        ))
    } else {
        Ok(list)
    }
}

/// The error for a program of another institution.
pub fn not_at_institution() -> ApiError {
    ApiError::invalid(
        "input.program",
        "no such program at the graduate's institution",
    )
}

/// A program by slug: its id and institution.
pub async fn program_by_slug<C: ConnectionTrait>(db: &C, slug: &Slug) -> ApiResult<(Uuid, Uuid)> {
    program::Entity::find()
        .select_only()
        .column(program::Column::Id)
        .column(program::Column::InstitutionId)
        .filter(program::Column::Slug.eq(slug.as_str()))
        .into_tuple()
        .one(db)
        .await?
        .ok_or_else(not_at_institution)
}

/// The id of program `slug` of `institution`.
pub async fn program_of<C: ConnectionTrait>(
    db: &C,
    institution: Uuid,
    slug: &Slug,
) -> ApiResult<Uuid> {
    match program_by_slug(db, slug).await? {
        (id, school) if school == institution => Ok(id),
        _ => Err(not_at_institution()),
    }
}

/// The vocabularies, read once per write (or pool request).
pub struct Vocabulary {
    skills: HashMap<String, (Uuid, SkillKind)>,
    certifications: HashMap<String, Uuid>,
    /// Display name and slug by id (a certification's code is both).
    names: HashMap<Uuid, (String, String)>,
    /// Bit positions by id (skills and certifications number their bits apart).
    bits: HashMap<Uuid, i32>,
    /// Ids by bit position: skills, then certifications.
    skill_at: HashMap<i32, Uuid>,
    certification_at: HashMap<i32, Uuid>,
}

/// Each graduate's `skill_bits` and `certification_bits` from their lists (SQL shared by
/// both databases; `SUM` of distinct powers of two is their OR).
const BITS_OF: [(graduate::Column, &str); 2] = [
    (
        graduate::Column::SkillBits,
        "COALESCE((SELECT SUM(CAST(1 AS BIGINT) << \"skill\".\"bit\") FROM \"graduate_skill\" \
         JOIN \"skill\" ON \"skill\".\"id\" = \"graduate_skill\".\"skill_id\" \
         WHERE \"graduate_skill\".\"graduate_id\" = \"graduate\".\"id\"), 0)",
    ),
    (
        graduate::Column::CertificationBits,
        "COALESCE((SELECT SUM(CAST(1 AS BIGINT) << \"certification\".\"bit\") \
         FROM \"graduate_certification\" JOIN \"certification\" \
         ON \"certification\".\"id\" = \"graduate_certification\".\"certification_id\" \
         WHERE \"graduate_certification\".\"graduate_id\" = \"graduate\".\"id\"), 0)",
    ),
];

/// Rewrites the bits of these graduates (all of them when `None`) from their lists.
pub async fn refresh_bits<C: ConnectionTrait>(
    db: &C,
    graduates: Option<&[Uuid]>,
) -> Result<(), DbErr> {
    let update = || {
        let mut stmt = Query::update();
        stmt.table(graduate::Entity);
        for (column, sql) in BITS_OF {
            stmt.value(column, Expr::cust(sql));
        }
        stmt
    };
    match graduates {
        None => {
            db.execute(&update()).await?;
        }
        Some(ids) => {
            for chunk in ids.chunks(CHUNK) {
                let mut stmt = update();
                stmt.and_where(graduate::Column::Id.is_in(chunk.iter().copied()));
                db.execute(&stmt).await?;
            }
        }
    }
    Ok(())
}

/// Gives every skill and certification without a bit the next free ones, in slug (or code)
/// order: each vocabulary has at most 63 entries.
pub async fn assign_bits<C: ConnectionTrait>(db: &C) -> Result<(), DbErr> {
    let skills = skill::Entity::find().all(db).await?;
    let skills = skills.into_iter().map(|s| (s.id, s.slug, s.bit));
    for (id, bit) in new_bits(skills, "skill")? {
        skill::Entity::update_many()
            .col_expr(skill::Column::Bit, Expr::value(bit))
            .filter(skill::Column::Id.eq(id))
            .exec(db)
            .await?;
    }
    let certifications = certification::Entity::find().all(db).await?;
    let certifications = certifications.into_iter().map(|c| (c.id, c.code, c.bit));
    for (id, bit) in new_bits(certifications, "certification")? {
        certification::Entity::update_many()
            .col_expr(certification::Column::Bit, Expr::value(bit))
            .filter(certification::Column::Id.eq(id))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// The bits to give the entries (id, key, bit) that have none: the next free ones, in key order.
fn new_bits(
    entries: impl Iterator<Item = (Uuid, String, Option<i32>)>,
    what: &str,
) -> Result<Vec<(Uuid, i32)>, DbErr> {
    let entries: Vec<_> = entries.collect();
    let top = entries.iter().filter_map(|e| e.2).max().unwrap_or(-1);
    let mut unset: Vec<_> = entries.into_iter().filter(|e| e.2.is_none()).collect();
    unset.sort_by(|a, b| a.1.cmp(&b.1));
    unset
        .into_iter()
        .enumerate()
        .map(|(i, (id, _, _))| {
            let bit = top + 1 + i as i32;
            if bit > 62 {
                Err(DbErr::Custom(format!(
                    "the {what} vocabulary is limited to 63 entries"
                )))
            } else {
                Ok((id, bit))
            }
        })
        .collect()
}

impl Vocabulary {
    /// Reads both vocabularies (two statements).
    pub async fn load<C: ConnectionTrait>(db: &C) -> ApiResult<Self> {
        let skills = skill::Entity::find().all(db).await?;
        let certifications = certification::Entity::find().all(db).await?;
        let names = skills
            .iter()
            .map(|s| (s.id, (s.name.clone(), s.slug.clone())))
            .chain(
                certifications
                    .iter()
                    .map(|c| (c.id, (c.code.clone(), c.code.clone()))),
            )
            .collect();
        let bits = skills
            .iter()
            .filter_map(|s| s.bit.map(|b| (s.id, b)))
            .chain(
                certifications
                    .iter()
                    .filter_map(|c| c.bit.map(|b| (c.id, b))),
            )
            .collect();
        let skill_at = skills
            .iter()
            .filter_map(|s| s.bit.map(|b| (b, s.id)))
            .collect();
        let certification_at = certifications
            .iter()
            .filter_map(|c| c.bit.map(|b| (b, c.id)))
            .collect();
        Ok(Self {
            skills: skills
                .into_iter()
                .map(|s| (s.slug, (s.id, s.kind)))
                .collect(),
            certifications: certifications.into_iter().map(|c| (c.code, c.id)).collect(),
            names,
            bits,
            skill_at,
            certification_at,
        })
    }

    /// The OR of the bits of these entries (skills, or certifications).
    pub fn mask(&self, ids: &[Uuid]) -> i64 {
        ids.iter()
            .filter_map(|id| self.bits.get(id))
            .fold(0, |mask, bit| mask | (1_i64 << bit))
    }

    /// The bit of one entry as a mask (0 when it has none yet).
    pub fn bit_mask(&self, id: Uuid) -> i64 {
        self.mask(std::slice::from_ref(&id))
    }

    /// The skills and certifications a graduate's bits say they hold.
    pub fn held(&self, skill_bits: i64, certification_bits: i64) -> BTreeSet<Uuid> {
        self.ids_of(skill_bits, false)
            .into_iter()
            .chain(self.ids_of(certification_bits, true))
            .collect()
    }

    /// The skills (or certifications) whose bits are set in `mask`, in bit order.
    pub fn ids_of(&self, mask: i64, certifications: bool) -> Vec<Uuid> {
        let at = if certifications {
            &self.certification_at
        } else {
            &self.skill_at
        };
        (0..63)
            .filter(|b| mask & (1_i64 << b) != 0)
            .filter_map(|b| at.get(&b).copied())
            .collect()
    }

    /// The display name of a skill (or the code of a certification) by id.
    pub fn name(&self, id: Uuid) -> &str {
        self.names.get(&id).map_or("?", |(name, _)| name.as_str())
    }

    /// The slug of a skill (or the code of a certification) by id.
    pub fn slug(&self, id: Uuid) -> &str {
        self.names.get(&id).map_or("?", |(_, slug)| slug.as_str())
    }

    /// The ids of skill slugs of the wanted kind (EHR systems or not), naming the first unknown
    /// or misplaced one.
    pub fn skill_ids(&self, field: &str, slugs: &[Slug], ehr: bool) -> ApiResult<BTreeSet<Uuid>> {
        slugs
            .iter()
            .map(|slug| match self.skills.get(slug.as_str()) {
                Some((id, kind)) if (*kind == SkillKind::EhrSystem) == ehr => Ok(*id),
                Some(_) if ehr => Err(ApiError::invalid(
                    field,
                    format!(
                        "{:?} is not an EHR system; list it in skills",
                        slug.as_str()
                    ),
                )),
                Some(_) => Err(ApiError::invalid(
                    field,
                    format!(
                        "{:?} is an EHR system; list it in ehrSystems",
                        slug.as_str()
                    ),
                )),
                None => Err(ApiError::invalid(
                    field,
                    format!(
                        "unknown {} {:?}",
                        if ehr { "EHR system" } else { "skill" },
                        slug.as_str()
                    ),
                )),
            })
            .collect()
    }

    /// The certification ids of held certifications, naming the first unknown code.
    pub fn certification_ids(
        &self,
        field: &str,
        held: &[Held],
    ) -> ApiResult<Vec<(Uuid, Option<i32>)>> {
        let mut seen = BTreeSet::new();
        let mut out = Vec::with_capacity(held.len());
        for h in held {
            let id = self.certifications.get(&h.code).ok_or_else(|| {
                ApiError::invalid(field, format!("unknown certification {:?}", h.code))
            })?;
            if seen.insert(*id) {
                out.push((*id, h.year));
            }
        }
        Ok(out)
    }
}

/// Replaces one graduate's lists (in the write's transaction).
pub async fn replace<C: ConnectionTrait>(db: &C, graduate: Uuid, lists: Lists) -> ApiResult<()> {
    if lists.skills.is_none() && lists.ehr_systems.is_none() && lists.certifications.is_none() {
        return Ok(());
    }
    let vocabulary = Vocabulary::load(db).await?;
    replace_many(db, &vocabulary, vec![(graduate, lists)], "input.").await
}

/// Replaces the lists of many graduates with a fixed number of statements. `prefix` is put
/// before field names in errors (`input.` for one write).
pub async fn replace_many<C: ConnectionTrait>(
    db: &C,
    vocabulary: &Vocabulary,
    lists: Vec<(Uuid, Lists)>,
    prefix: &str,
) -> ApiResult<()> {
    let mut skill_rows = Vec::new();
    let mut cert_rows = Vec::new();
    let (mut skills_of, mut ehr_of, mut certs_of) = (Vec::new(), Vec::new(), Vec::new());
    for (graduate, lists) in lists {
        if let Some(slugs) = lists.skills {
            let ids = vocabulary.skill_ids(&format!("{prefix}skills"), &slugs, false)?;
            skill_rows.extend(ids.into_iter().map(|s| (graduate, s)));
            skills_of.push(graduate);
        }
        if let Some(slugs) = lists.ehr_systems {
            let ids = vocabulary.skill_ids(&format!("{prefix}ehrSystems"), &slugs, true)?;
            skill_rows.extend(ids.into_iter().map(|s| (graduate, s)));
            ehr_of.push(graduate);
        }
        if let Some(held) = lists.certifications {
            let ids = vocabulary.certification_ids(&format!("{prefix}certifications"), &held)?;
            cert_rows.extend(ids.into_iter().map(|(c, year)| (graduate, c, year)));
            certs_of.push(graduate);
        }
    }
    delete_skills(db, &skills_of, false).await?;
    delete_skills(db, &ehr_of, true).await?;
    for chunk in certs_of.chunks(CHUNK) {
        graduate_certification::Entity::delete_many()
            .filter(graduate_certification::Column::GraduateId.is_in(chunk.iter().copied()))
            .exec(db)
            .await?;
    }
    for chunk in skill_rows.chunks(CHUNK) {
        graduate_skill::Entity::insert_many(chunk.iter().map(|(g, s)| {
            graduate_skill::ActiveModel {
                graduate_id: Set(*g),
                skill_id: Set(*s),
            }
        }))
        .exec_without_returning(db)
        .await?;
    }
    for chunk in cert_rows.chunks(CHUNK) {
        graduate_certification::Entity::insert_many(chunk.iter().map(|(g, c, year)| {
            graduate_certification::ActiveModel {
                graduate_id: Set(*g),
                certification_id: Set(*c),
                earned_on: Set(year.and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1))),
            }
        }))
        .exec_without_returning(db)
        .await?;
    }
    let changed: BTreeSet<Uuid> = skills_of
        .iter()
        .chain(&ehr_of)
        .chain(&certs_of)
        .copied()
        .collect();
    let changed: Vec<Uuid> = changed.into_iter().collect();
    refresh_bits(db, Some(&changed)).await?;
    Ok(())
}

/// Deletes the skill rows (EHR systems when `ehr`, other skills otherwise) of these graduates.
async fn delete_skills<C: ConnectionTrait>(db: &C, graduates: &[Uuid], ehr: bool) -> ApiResult<()> {
    for chunk in graduates.chunks(CHUNK) {
        let kind = Expr::col((skill::Entity, skill::Column::Kind));
        let kind = if ehr {
            kind.eq(SkillKind::EhrSystem)
        } else {
            kind.ne(SkillKind::EhrSystem)
        };
        let of_kind = Query::select()
            .column(skill::Column::Id)
            .from(skill::Entity)
            .and_where(kind)
            .to_owned();
        graduate_skill::Entity::delete_many()
            .filter(graduate_skill::Column::GraduateId.is_in(chunk.iter().copied()))
            .filter(graduate_skill::Column::SkillId.in_subquery(of_kind))
            .exec(db)
            .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_entries_get_the_next_free_bits_in_key_order_up_to_63() {
        let (a, b, c) = (Uuid::from_u128(1), Uuid::from_u128(2), Uuid::from_u128(3));
        let entries = vec![
            (a, "sql".to_owned(), None),
            (b, "epic".to_owned(), Some(4)),
            (c, "fhir".to_owned(), None),
        ];
        let bits = new_bits(entries.into_iter(), "skill").expect("room");
        assert_eq!(bits, vec![(c, 5), (a, 6)]);
        let full = vec![(a, "x".to_owned(), Some(62)), (b, "y".to_owned(), None)];
        assert!(new_bits(full.into_iter(), "skill").is_err());
    }
}
