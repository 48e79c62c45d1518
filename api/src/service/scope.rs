//! The one translator of an authz [`Scope`] into a row filter. Each table says how its rows
//! relate to the scope's owners (a column, or a subquery for rows about a school's graduates);
//! the scope says which owners, and whether public rows count.

use entity::graduate;
use sea_orm::sea_query::{Expr, Query, SimpleExpr};
use sea_orm::{ColumnTrait, Condition};
use uuid::Uuid;

use crate::authz::Scope;

/// Whether a row is owned by one of these parties.
type OwnedBy<'a> = Box<dyn FnOnce(&[Uuid]) -> SimpleExpr + 'a>;

/// How a table's rows relate to a scope: which are public, and how each kind of owner is told
/// (a kind the table does not have is left out: no row is owned by it).
#[derive(Default)]
pub(crate) struct Rows<'a> {
    public: Option<Condition>,
    institution: Option<OwnedBy<'a>>,
    employer: Option<OwnedBy<'a>>,
    graduate: Option<OwnedBy<'a>>,
}

impl<'a> Rows<'a> {
    /// The table's public rows.
    pub fn public(mut self, rows: Condition) -> Self {
        self.public = Some(rows);
        self
    }

    /// Rows owned by institutions, told by `test`.
    pub fn institution(mut self, test: impl FnOnce(&[Uuid]) -> SimpleExpr + 'a) -> Self {
        self.institution = Some(Box::new(test));
        self
    }

    /// Rows owned by employers, told by `test`.
    pub fn employer(mut self, test: impl FnOnce(&[Uuid]) -> SimpleExpr + 'a) -> Self {
        self.employer = Some(Box::new(test));
        self
    }

    /// Rows about graduates, told by `test`.
    pub fn graduate(mut self, test: impl FnOnce(&[Uuid]) -> SimpleExpr + 'a) -> Self {
        self.graduate = Some(Box::new(test));
        self
    }

    /// Rows whose `column` names the owning institution.
    pub fn institution_column(self, column: impl ColumnTrait + 'a) -> Self {
        self.institution(move |ids| column.is_in(ids.iter().copied()))
    }

    /// Rows whose `column` names the owning employer.
    pub fn employer_column(self, column: impl ColumnTrait + 'a) -> Self {
        self.employer(move |ids| column.is_in(ids.iter().copied()))
    }

    /// Rows about the graduate `column` names (disclosures, applications, placements): the
    /// graduate's own, and their school's.
    pub fn about_graduate(self, column: impl ColumnTrait + Copy + 'a) -> Self {
        self.graduate(move |ids| column.is_in(ids.iter().copied()))
            .institution(move |ids| {
                let theirs = Query::select()
                    .column(graduate::Column::Id)
                    .from(graduate::Entity)
                    .and_where(graduate::Column::InstitutionId.is_in(ids.iter().copied()))
                    .to_owned();
                column.in_subquery(theirs)
            })
    }
}

/// The row filter of `scope` on a table whose rows relate to owners as `rows` says: no filter for
/// `All`, no rows for `Denied`, else the public rows (when the scope includes them) and the rows
/// of its owners. An AND-condition, safe to extend.
pub(crate) fn condition(scope: &Scope, rows: Rows<'_>) -> Condition {
    match scope {
        Scope::All => Condition::all(),
        Scope::Denied => Condition::all().add(nothing()),
        Scope::Rows { public, owners } => {
            let mut any = Condition::any();
            if let Some(public_rows) = rows.public.filter(|_| *public) {
                any = any.add(public_rows);
            }
            let kinds = [
                (&owners.institutions, rows.institution),
                (&owners.employers, rows.employer),
                (&owners.graduates, rows.graduate),
            ];
            for (ids, owned_by) in kinds {
                if let Some(owned_by) = owned_by.filter(|_| !ids.is_empty()) {
                    any = any.add(owned_by(ids));
                }
            }
            // Never empty, so it never matches everything by accident.
            if any.is_empty() {
                any = any.add(nothing());
            }
            // Wrapped in `all` so that callers can `.add` further filters (AND, not OR).
            Condition::all().add(any)
        }
    }
}

/// A condition no row meets, written out (not bound), so a plan never depends on its value.
fn nothing() -> SimpleExpr {
    Expr::cust("1 = 0")
}
