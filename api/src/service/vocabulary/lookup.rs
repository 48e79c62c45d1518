//! `Vocabulary`: both vocabularies read once per write, import or pool request, to resolve what
//! clients name to ids and tags, and tags back to names. A term is named by its slug (a
//! certification by its code), its name or any of its aliases, ignoring case ("Cerner",
//! "cerner millennium" and "oracle-health" are one EHR system); an unknown one is a
//! BAD_USER_INPUT naming the field and the closest known terms.

use std::collections::{BTreeSet, HashMap};

use entity::enums::SkillKind;
use entity::{certification, certification_alias, skill, skill_alias};
use sea_orm::{ConnectionTrait, EntityTrait};
use uuid::Uuid;

use super::tags;
use crate::error::{ApiError, ApiResult};
use crate::service::graduates::relations::Held;

/// The vocabularies, resolved both ways.
pub struct Vocabulary {
    /// Skills by every word that names them (slug, name, aliases), in lower case.
    skills: HashMap<String, (Uuid, SkillKind)>,
    /// Certifications by code, name and aliases, in lower case.
    certifications: HashMap<String, Uuid>,
    /// Display name and slug by id (a certification's code is both).
    names: HashMap<Uuid, (String, String)>,
    /// Tags by id (skills and certifications number their tags apart).
    tags: HashMap<Uuid, i32>,
    /// Ids by tag: skills, then certifications.
    skill_at: HashMap<i32, Uuid>,
    certification_at: HashMap<i32, Uuid>,
    /// Each term's aliases as written, in alphabetical order.
    aliases: HashMap<Uuid, Vec<String>>,
}

impl Vocabulary {
    /// The vocabulary as it is now (kept in memory while its version stays; see `cache`).
    pub async fn load<C: ConnectionTrait>(db: &C) -> ApiResult<std::sync::Arc<Self>> {
        super::cache::current(db).await
    }

    /// Reads both vocabularies and their aliases (four statements).
    pub(super) async fn read<C: ConnectionTrait>(db: &C) -> ApiResult<Self> {
        let skills = skill::Entity::find().all(db).await?;
        let certifications = certification::Entity::find().all(db).await?;
        let skill_aliases = skill_alias::Entity::find().all(db).await?;
        let certification_aliases = certification_alias::Entity::find().all(db).await?;
        let mut out = Self {
            skills: HashMap::with_capacity(skills.len()),
            certifications: HashMap::with_capacity(certifications.len()),
            names: HashMap::with_capacity(skills.len() + certifications.len()),
            tags: HashMap::new(),
            skill_at: HashMap::new(),
            certification_at: HashMap::new(),
            aliases: HashMap::new(),
        };
        for s in skills {
            if let Some(tag) = s.tag {
                out.tags.insert(s.id, tag);
                out.skill_at.insert(tag, s.id);
            }
            out.skills.insert(s.name.to_lowercase(), (s.id, s.kind));
            out.skills.insert(s.slug.clone(), (s.id, s.kind));
            out.names.insert(s.id, (s.name, s.slug));
        }
        for c in certifications {
            if let Some(tag) = c.tag {
                out.tags.insert(c.id, tag);
                out.certification_at.insert(tag, c.id);
            }
            out.certifications.insert(c.name.to_lowercase(), c.id);
            out.certifications.insert(c.code.to_lowercase(), c.id);
            out.names.insert(c.id, (c.code.clone(), c.code));
        }
        for a in skill_aliases {
            out.aliases
                .entry(a.skill_id)
                .or_default()
                .push(a.alias.clone());
            let kind = out.skills.get(&out.names[&a.skill_id].1).map(|(_, k)| *k);
            if let Some(kind) = kind {
                out.skills
                    .entry(a.alias.to_lowercase())
                    .or_insert((a.skill_id, kind));
            }
        }
        for a in certification_aliases {
            let named = out.aliases.entry(a.certification_id).or_default();
            named.push(a.alias.clone());
            let alias = a.alias.to_lowercase();
            out.certifications
                .entry(alias)
                .or_insert(a.certification_id);
        }
        for list in out.aliases.values_mut() {
            list.sort_by_key(|a| a.to_lowercase());
        }
        Ok(out)
    }

    /// The skill a word (slug, name or alias, any case) names, if any.
    pub fn skill_named(&self, word: &str) -> Option<Uuid> {
        self.skills
            .get(&word.trim().to_lowercase())
            .map(|(id, _)| *id)
    }

    /// The certification a word (code, name or alias, any case) names, if any.
    pub fn certification_named(&self, word: &str) -> Option<Uuid> {
        self.certifications
            .get(&word.trim().to_lowercase())
            .copied()
    }

    /// A term's aliases as written, in alphabetical order.
    pub fn aliases(&self, id: Uuid) -> &[String] {
        self.aliases.get(&id).map_or(&[], Vec::as_slice)
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

    /// The ids of skills of the wanted kind (EHR systems or not), each named by slug, name or
    /// alias; the first unknown or misplaced one is a BAD_USER_INPUT.
    pub fn skill_ids<T: AsRef<str>>(
        &self,
        field: &str,
        terms: &[T],
        ehr: bool,
    ) -> ApiResult<BTreeSet<Uuid>> {
        self.skills_of(field, terms, Some(ehr))
    }

    /// [`Self::skill_ids`] for a list that holds every kind (a program's skills).
    pub fn any_skill_ids<T: AsRef<str>>(
        &self,
        field: &str,
        terms: &[T],
    ) -> ApiResult<BTreeSet<Uuid>> {
        self.skills_of(field, terms, None)
    }

    fn skills_of<T: AsRef<str>>(
        &self,
        field: &str,
        terms: &[T],
        ehr: Option<bool>,
    ) -> ApiResult<BTreeSet<Uuid>> {
        let what = match ehr {
            Some(true) => "EHR system",
            _ => "skill",
        };
        let wanted = |kind: SkillKind| ehr.is_none_or(|e| (kind == SkillKind::EhrSystem) == e);
        terms
            .iter()
            .map(|term| {
                let term = term.as_ref().trim();
                match self.skills.get(&term.to_lowercase()) {
                    Some((id, kind)) if wanted(*kind) => Ok(*id),
                    Some((id, _)) => {
                        let other = if ehr == Some(true) {
                            "skills"
                        } else {
                            "ehrSystems"
                        };
                        let slug = self.slug(*id);
                        let why = format!("{term:?} ({slug}) is not a {what}; list it in {other}");
                        Err(ApiError::invalid(field, why))
                    }
                    None => {
                        let near = self.closest(
                            term,
                            self.skills
                                .iter()
                                .filter(|(_, (_, k))| wanted(*k))
                                .map(|(w, (id, _))| (w, *id)),
                        );
                        Err(ApiError::invalid(
                            field,
                            format!("unknown {what} {term:?}{near}"),
                        ))
                    }
                }
            })
            .collect()
    }

    /// "; closest: oracle-health, meditech, epic": the known terms nearest to `term` by edit
    /// distance over every word naming them (none when nothing is close).
    fn closest<'w>(&self, term: &str, words: impl Iterator<Item = (&'w String, Uuid)>) -> String {
        let term = term.to_lowercase();
        let mut scored: Vec<(f64, Uuid)> = words
            .map(|(word, id)| (strsim::normalized_damerau_levenshtein(&term, word), id))
            .filter(|(score, _)| *score >= 0.4)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut seen = BTreeSet::new();
        let near: Vec<&str> = scored
            .into_iter()
            .filter(|(_, id)| seen.insert(*id))
            .take(3)
            .map(|(_, id)| self.slug(id))
            .collect();
        if near.is_empty() {
            String::new()
        } else {
            format!("; closest: {}", near.join(", "))
        }
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
            let id = self
                .certifications
                .get(&h.term.to_lowercase())
                .ok_or_else(|| {
                    let words = self.certifications.iter().map(|(w, id)| (w, *id));
                    let near = self.closest(&h.term, words);
                    ApiError::invalid(field, format!("unknown certification {:?}{near}", h.term))
                })?;
            if seen.insert(*id) {
                out.push((*id, h.year));
            }
        }
        Ok(out)
    }
}
