//! `hitbridge token`: the role claim a development token carries, from flags or from a demo
//! persona, checked against the database so that a mistyped slug or id is refused at once
//! (it would otherwise answer FORBIDDEN to every call, with no hint why).

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, Select};
use uuid::Uuid;

use crate::auth::RoleClaim;
use crate::seed::personas::persona;

/// What the token's flags name: a persona, or a subject with a role and its scope.
#[derive(Debug, Default, clap::Args)]
pub struct Flags {
    /// A demo persona (`hitbridge personas` lists them), instead of --sub and --role.
    #[arg(long, conflicts_with_all = ["sub", "role", "institution", "employer", "graduate"])]
    pub persona: Option<String>,
    /// The token's subject (`sub`).
    #[arg(long, required_unless_present = "persona")]
    pub sub: Option<String>,
    /// consortium_admin, school_admin, school_staff, employer or graduate.
    #[arg(long, required_unless_present = "persona")]
    pub role: Option<String>,
    /// Institution slug (school_admin, school_staff).
    #[arg(long)]
    pub institution: Option<String>,
    /// Employer slug (employer).
    #[arg(long)]
    pub employer: Option<String>,
    /// Graduate id (graduate).
    #[arg(long)]
    pub graduate: Option<String>,
}

const ROLES: &str = "--role must be consortium_admin, school_admin or school_staff (with \
                     --institution), employer (with --employer) or graduate (with --graduate ID)";

/// The token's subject and role claim, or why the flags name none.
pub fn claim(flags: Flags) -> Result<(String, RoleClaim), String> {
    if let Some(name) = flags.persona {
        let p = persona(&name).ok_or_else(|| {
            format!("no persona {name:?}: `hitbridge personas` lists the demo's people")
        })?;
        return Ok((p.name.to_owned(), p.claim()));
    }
    let (Some(sub), Some(role)) = (flags.sub, flags.role) else {
        return Err("give --persona NAME, or --sub and --role".into());
    };
    let graduate = flags
        .graduate
        .map(|id| Uuid::parse_str(&id).map_err(|_| format!("--graduate {id:?} is not an id")))
        .transpose()?;
    let claim = match (role.as_str(), flags.institution, flags.employer, graduate) {
        ("consortium_admin", None, None, None) => RoleClaim::ConsortiumAdmin {},
        ("school_admin", Some(institution), None, None) => RoleClaim::SchoolAdmin { institution },
        ("school_staff", Some(institution), None, None) => RoleClaim::SchoolStaff { institution },
        ("employer", None, Some(employer), None) => RoleClaim::Employer { employer },
        ("graduate", None, None, Some(graduate)) => RoleClaim::Graduate { graduate },
        _ => return Err(ROLES.into()),
    };
    Ok((sub, claim))
}

/// Refuses a claim whose school, employer or graduate this database does not have.
pub async fn check_target(db: &DatabaseConnection, claim: &RoleClaim) -> Result<(), String> {
    use entity::{employer_partner, graduate};
    match claim {
        RoleClaim::ConsortiumAdmin {} => Ok(()),
        RoleClaim::SchoolAdmin { institution: slug }
        | RoleClaim::SchoolStaff { institution: slug } => check_institution(db, slug).await,
        RoleClaim::Employer { employer: slug } => {
            let select =
                employer_partner::Entity::find().filter(employer_partner::Column::Slug.eq(slug));
            missing(db, select, format!("employer {slug:?}")).await
        }
        RoleClaim::Graduate { graduate: id } => {
            missing(
                db,
                graduate::Entity::find_by_id(*id),
                format!("graduate {id}"),
            )
            .await
        }
    }
}

/// Refuses an institution slug this database lacks; when it has no institutions at all, says
/// that it is likely not the database meant (run elsewhere, the SQLite default is a new file).
pub async fn check_institution(db: &DatabaseConnection, slug: &str) -> Result<(), String> {
    use entity::institution;
    let select = institution::Entity::find().filter(institution::Column::Slug.eq(slug));
    let why = match missing(db, select, format!("institution {slug:?}")).await {
        Ok(()) => return Ok(()),
        Err(why) => why,
    };
    match institution::Entity::find().count(db).await {
        Ok(0) => Err(format!(
            "{why}, which has no institutions at all: set DATABASE_URL, or run where \
             hitbridge.db is"
        )),
        _ => Err(why),
    }
}

/// `Err("no <what> in this database")` when `select` finds nothing.
async fn missing<E: EntityTrait>(
    db: &DatabaseConnection,
    select: Select<E>,
    what: String,
) -> Result<(), String>
where
    E::Model: Sync,
{
    match select.count(db).await {
        Ok(0) => Err(format!("no {what} in this database")),
        Ok(_) => Ok(()),
        Err(e) => Err(format!("the database did not answer: {e}")),
    }
}
