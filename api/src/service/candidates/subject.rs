//! What the engine ranks: the facts its criteria test, as SQL over the rows being ranked.
//! Requirements (`criteria`), scores (`preference`, `score`) and merit keys (`merit`) are written
//! against a [`Subject`], never against a table's columns, so the same engine can rank another
//! table given that table's `Subject` (opportunities for a graduate, next).

use entity::graduate;
use sea_orm::sea_query::{Expr, ExprTrait, SimpleExpr};

use super::criteria::{COMMENCEMENT, SeekingKind};
use crate::service::vocabulary::tags::tagged;

/// The facts of one ranked row, each an SQL expression.
#[derive(Debug, Clone)]
pub struct Subject {
    /// The row's id: the stable last key of the order.
    pub id: Expr,
    /// Tags text (see `vocabulary::tags`) of its skills and EHR systems, and of its
    /// certifications.
    pub skill_tags: Expr,
    pub certification_tags: Expr,
    pub background: Expr,
    pub state: Expr,
    pub region: Expr,
    pub open_to_rural: Expr,
    pub open_to_relocation: Expr,
    /// The day it is available from (null: now).
    pub available_from: Expr,
    pub years_experience: Expr,
    /// The graduation's year and term (see [`Subject::graduation_day`]).
    pub graduation_year: Expr,
    pub graduation_term: Expr,
    /// The kinds of position it seeks, one flag each.
    pub seeking_internship: Expr,
    pub seeking_full_time: Expr,
    pub seeking_part_time: Expr,
    /// The school and the program it belongs to.
    pub institution: Expr,
    pub program: Expr,
}

impl Subject {
    /// Graduates, as the candidate pool ranks them.
    pub fn graduates() -> Self {
        let col = |c: graduate::Column| Expr::col((graduate::Entity, c));
        Self {
            id: col(graduate::Column::Id),
            skill_tags: col(graduate::Column::SkillTags),
            certification_tags: col(graduate::Column::CertificationTags),
            background: col(graduate::Column::Background),
            state: col(graduate::Column::State),
            region: col(graduate::Column::Region),
            open_to_rural: col(graduate::Column::OpenToRural),
            open_to_relocation: col(graduate::Column::OpenToRelocation),
            available_from: col(graduate::Column::AvailableFrom),
            years_experience: col(graduate::Column::YearsExperience),
            graduation_year: col(graduate::Column::GraduationYear),
            graduation_term: col(graduate::Column::GraduationTerm),
            seeking_internship: col(graduate::Column::SeekingInternship),
            seeking_full_time: col(graduate::Column::SeekingFullTime),
            seeking_part_time: col(graduate::Column::SeekingPartTime),
            institution: col(graduate::Column::InstitutionId),
            program: col(graduate::Column::ProgramId),
        }
    }

    /// Whether it holds the skill (or, with `certification`, the certification) tagged `tag`.
    pub fn holds(&self, certification: bool, tag: i32) -> SimpleExpr {
        let tags = if certification {
            &self.certification_tags
        } else {
            &self.skill_tags
        };
        tagged(tags.clone(), tag)
    }

    /// Whether it seeks this kind of position.
    pub fn seeks(&self, kind: SeekingKind) -> SimpleExpr {
        let flag = match kind {
            SeekingKind::Internship => &self.seeking_internship,
            SeekingKind::FullTime => &self.seeking_full_time,
            SeekingKind::PartTime => &self.seeking_part_time,
        };
        flag.clone().eq(true)
    }

    /// Whether it seeks any of `kinds`.
    pub fn seeks_any(&self, kinds: &[SeekingKind]) -> SimpleExpr {
        kinds
            .iter()
            .map(|kind| self.seeks(*kind))
            .reduce(|any, one| any.or(one))
            .unwrap_or_else(|| Expr::val(false))
    }

    /// A sortable day number (`YYYYMMDD`) of its graduation: the term's usual commencement
    /// (comparable with `criteria::day_number`).
    pub fn graduation_day(&self) -> SimpleExpr {
        let [(spring, spring_day), (summer, summer_day), (_, fall_day)] = COMMENCEMENT;
        let term = &self.graduation_term;
        let day = Expr::case(term.clone().eq(spring), spring_day)
            .case(term.clone().eq(summer), summer_day)
            .finally(fall_day);
        self.graduation_year.clone().mul(10_000).add(day)
    }
}
