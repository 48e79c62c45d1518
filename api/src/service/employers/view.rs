//! An employer partner as one viewer may see it: the public core, plus the contact tier only
//! when authz grants it. The graduate record follows the same pattern with more tiers.

use entity::employer_partner as employer;

use crate::auth::Viewer;
use crate::authz;

/// The recruiting contact, withheld from everyone but the employer and consortium admins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmployerContact {
    pub email: Option<String>,
}

/// An employer partner masked for one viewer.
#[derive(Debug, Clone)]
pub struct EmployerView {
    /// The public fields. Private columns are always emptied here: they live in the tiers.
    core: employer::Model,
    contact: Option<EmployerContact>,
}

impl EmployerView {
    /// Masks a record for `viewer`, with one authz question for the record.
    pub fn for_viewer(viewer: &Viewer, mut model: employer::Model) -> Self {
        let tiers = authz::employer_tiers(viewer, model.id);
        let email = model.contact_email.take();
        Self {
            core: model,
            contact: tiers.contact.then_some(EmployerContact { email }),
        }
    }

    /// The always-visible fields.
    pub fn core(&self) -> &employer::Model {
        &self.core
    }

    /// The contact tier, when the viewer may see it.
    pub fn contact(&self) -> Option<&EmployerContact> {
        self.contact.as_ref()
    }

    /// The identifying fields this view carries beyond the public core (for a disclosure
    /// record), by their GraphQL names.
    pub fn disclosed_fields(&self) -> Vec<&'static str> {
        match &self.contact {
            Some(EmployerContact { email: Some(_) }) => vec!["contactEmail"],
            _ => Vec::new(),
        }
    }

    /// The core and the contact tier, for building the API type.
    pub fn into_parts(self) -> (employer::Model, Option<EmployerContact>) {
        (self.core, self.contact)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::Grant;

    fn record(id: uuid::Uuid) -> employer::Model {
        employer::Model {
            id,
            slug: "grady-health".into(),
            name: "Grady Health".into(),
            kind: entity::enums::EmployerKind::Hospital,
            city: "Atlanta".into(),
            state: "GA".into(),
            region: "Metro Atlanta".into(),
            rural: false,
            website: None,
            description: String::new(),
            contact_email: Some("talent@grady.example".into()),
            status: entity::enums::EmployerStatus::Active,
            version: 1,
            created_at: chrono::Utc::now(),
            updated_at: chrono::Utc::now(),
        }
    }

    #[test]
    fn the_contact_tier_reaches_only_the_employer_and_admins() {
        let id = uuid::Uuid::new_v4();
        let own = Viewer::new("e", vec![Grant::Employer { employer: id }]);
        let admin = Viewer::new("a", vec![Grant::ConsortiumAdmin]);
        for viewer in [&own, &admin] {
            let view = EmployerView::for_viewer(viewer, record(id));
            assert_eq!(
                view.contact().and_then(|c| c.email.as_deref()),
                Some("talent@grady.example")
            );
            assert_eq!(view.disclosed_fields(), vec!["contactEmail"]);
            assert!(
                view.core().contact_email.is_none(),
                "the core never carries it"
            );
        }
        let other = Viewer::new(
            "o",
            vec![Grant::Employer {
                employer: uuid::Uuid::new_v4(),
            }],
        );
        for viewer in [&Viewer::anonymous(), &other] {
            let view = EmployerView::for_viewer(viewer, record(id));
            assert!(view.contact().is_none());
            assert!(view.disclosed_fields().is_empty());
            assert!(view.core().contact_email.is_none());
        }
    }
}
