//! The application workflow: which status may follow which.
//!
//! APPLIED → SCREENING → INTERVIEW → OFFERED → ACCEPTED or DECLINED; REJECTED or WITHDRAWN from
//! any open state; COMPLETED after ACCEPTED. Who may make each move is authz's question.

use entity::enums::ApplicationStatus::{self, *};

use crate::error::{ApiError, ApiResult};

/// The statuses an application may move to from `from` (none once it has ended).
pub fn next(from: ApplicationStatus) -> &'static [ApplicationStatus] {
    match from {
        Applied => &[Screening, Rejected, Withdrawn],
        Screening => &[Interview, Rejected, Withdrawn],
        Interview => &[Offered, Rejected, Withdrawn],
        Offered => &[Accepted, Declined, Rejected, Withdrawn],
        Accepted => &[Completed, Withdrawn],
        Declined | Rejected | Withdrawn | Completed => &[],
    }
}

/// The statuses that fill one of an internship's slots.
pub const FILLING: [ApplicationStatus; 2] = [Accepted, Completed];

/// Checks a move; a move the workflow does not allow is BAD_USER_INPUT naming the allowed ones.
pub fn check(from: ApplicationStatus, to: ApplicationStatus) -> ApiResult<()> {
    let allowed = next(from);
    if allowed.contains(&to) {
        return Ok(());
    }
    let names: Vec<String> = allowed.iter().map(|s| graphql_name(*s)).collect();
    let message = if names.is_empty() {
        format!(
            "the application is {}: it cannot move any more",
            graphql_name(from)
        )
    } else {
        format!(
            "from {} the application can move to {}",
            graphql_name(from),
            names.join(", ")
        )
    };
    Err(ApiError::invalid("status", message))
}

/// The GraphQL name of a status (`INTERVIEW`).
fn graphql_name(status: ApplicationStatus) -> String {
    format!("{status:?}").to_uppercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::Iterable;

    #[test]
    fn the_hiring_path_is_allowed_step_by_step() {
        let path = [Applied, Screening, Interview, Offered, Accepted, Completed];
        for step in path.windows(2) {
            assert!(
                check(step[0], step[1]).is_ok(),
                "{:?} → {:?}",
                step[0],
                step[1]
            );
        }
        assert!(check(Offered, Declined).is_ok());
    }

    #[test]
    fn rejection_and_withdrawal_close_any_open_state_and_ended_ones_stay_ended() {
        for from in [Applied, Screening, Interview, Offered] {
            assert!(check(from, Rejected).is_ok() && check(from, Withdrawn).is_ok());
        }
        for ended in [Declined, Rejected, Withdrawn, Completed] {
            for to in ApplicationStatus::iter() {
                assert!(check(ended, to).is_err(), "{ended:?} → {to:?}");
            }
        }
    }

    #[test]
    fn a_refused_move_names_the_allowed_ones() {
        let err = check(Applied, Offered).expect_err("skips steps");
        let text = format!("{err:?}");
        assert!(text.contains("SCREENING, REJECTED, WITHDRAWN"), "{text}");
    }
}
