//! `Vocabulary`: both vocabularies read once per write, import or pool request, to resolve what
//! clients name (slugs, codes) to ids and tags, and tags back to names.

use std::collections::{BTreeSet, HashMap};

use entity::enums::SkillKind;
use entity::{certification, skill};
use sea_orm::{ConnectionTrait, EntityTrait};
use uuid::Uuid;

use super::tags;
use crate::domain::Slug;
use crate::error::{ApiError, ApiResult};
use crate::service::graduates::relations::Held;

/// The vocabularies, resolved both ways.
pub struct Vocabulary {
    skills: HashMap<String, (Uuid, SkillKind)>,
    certifications: HashMap<String, Uuid>,
    /// Display name and slug by id (a certification's code is both).
    names: HashMap<Uuid, (String, String)>,
    /// Tags by id (skills and certifications number their tags apart).
    tags: HashMap<Uuid, i32>,
    /// Ids by tag: skills, then certifications.
    skill_at: HashMap<i32, Uuid>,
    certification_at: HashMap<i32, Uuid>,
}

impl Vocabulary {
    /// Reads both vocabularies (two statements).
    pub async fn load<C: ConnectionTrait>(db: &C) -> ApiResult<Self> {
        let skills = skill::Entity::find().all(db).await?;
        let certifications = certification::Entity::find().all(db).await?;
        let mut out = Self {
            skills: HashMap::with_capacity(skills.len()),
            certifications: HashMap::with_capacity(certifications.len()),
            names: HashMap::with_capacity(skills.len() + certifications.len()),
            tags: HashMap::new(),
            skill_at: HashMap::new(),
            certification_at: HashMap::new(),
        };
        for s in skills {
            if let Some(tag) = s.tag {
                out.tags.insert(s.id, tag);
                out.skill_at.insert(tag, s.id);
            }
            out.names.insert(s.id, (s.name, s.slug.clone()));
            out.skills.insert(s.slug, (s.id, s.kind));
        }
        for c in certifications {
            if let Some(tag) = c.tag {
                out.tags.insert(c.id, tag);
                out.certification_at.insert(tag, c.id);
            }
            out.names.insert(c.id, (c.code.clone(), c.code.clone()));
            out.certifications.insert(c.code, c.id);
        }
        Ok(out)
    }

    /// The tags of these entries (skills, or certifications; an entry without one yet gets -1,
    /// which nobody holds).
    pub fn tags(&self, ids: &[Uuid]) -> Vec<i32> {
        ids.iter()
            .map(|id| self.tags.get(id).copied().unwrap_or(-1))
            .collect()
    }

    /// The skills and certifications a graduate's tags say they hold.
    pub fn held(&self, skill_tags: &str, certification_tags: &str) -> BTreeSet<Uuid> {
        let skills = tags::parse(skill_tags).filter_map(|t| self.skill_at.get(&t));
        let certifications =
            tags::parse(certification_tags).filter_map(|t| self.certification_at.get(&t));
        skills.chain(certifications).copied().collect()
    }

    /// The skills (or certifications) with these tags, in the tags' order.
    pub fn ids_of(&self, tags: &[i32], certifications: bool) -> Vec<Uuid> {
        let at = if certifications {
            &self.certification_at
        } else {
            &self.skill_at
        };
        tags.iter().filter_map(|t| at.get(t).copied()).collect()
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
