//! A judged request, as a recruiter states it, turned into the API's `CandidateCriteria`; what
//! the API cannot state yet is dropped and reported.

use serde_json::{Value, json};

use super::SCHOOL;

/// The API's required criteria for a request's, and what they could not say.
pub(super) fn required(said: &Value, unsaid: &mut Vec<String>) -> Value {
    let mut out = json!({ "institutions": [SCHOOL] });
    for (key, value) in said.as_object().into_iter().flatten() {
        let list = |mode: &str| value[mode].clone();
        match key.as_str() {
            "skills" | "ehrSystems" | "certifications" => {
                let (items, mode) = if value.get("any").is_some() {
                    (list("any"), "ANY")
                } else {
                    (list("all"), "ALL")
                };
                out[key] = items;
                out[format!("{key}Match")] = json!(mode);
            }
            "seeking" | "backgrounds" | "regions" => out[key] = list("any"),
            "openToRural" => out[key] = value.clone(),
            other => unsaid.push(format!("required {other}")),
        }
    }
    out
}

/// The API's preferred criteria for a request's preferences, and what they could not say.
pub(super) fn preferred(said: &Value, unsaid: &mut Vec<String>) -> Value {
    let mut out = json!({});
    for preference in said.as_array().into_iter().flatten() {
        let decisive = preference["importance"] == "DECISIVE";
        for (key, value) in preference.as_object().into_iter().flatten() {
            let (field, stated, weight) = match key.as_str() {
                "importance" => continue,
                "skills" | "ehrSystems" | "certifications" | "backgrounds" => {
                    let items = value.get("all").or_else(|| value.get("any")).cloned();
                    let weight = match key.as_str() {
                        "backgrounds" => "backgroundWeight".to_owned(),
                        other => format!("{other}Weight"),
                    };
                    (key.clone(), items.unwrap_or(Value::Null), weight)
                }
                "yearsOfExperience" => (
                    "minYearsOfExperience".to_owned(),
                    value["atLeast"].clone(),
                    "yearsOfExperienceWeight".to_owned(),
                ),
                "graduatedAfter" => (
                    key.clone(),
                    value.clone(),
                    "graduatedAfterWeight".to_owned(),
                ),
                "openToRelocation" => (key.clone(), value.clone(), "relocationWeight".to_owned()),
                _ => {
                    unsaid.push(format!("preferred {key} {value}"));
                    continue;
                }
            };
            if out.get(&field).is_some() {
                // Two preferences on one list (the API takes one per list, for now).
                unsaid.push(format!("preferred {key} {value}"));
                continue;
            }
            out[&field] = stated;
            if decisive {
                out[weight] = json!(100);
            }
        }
    }
    out
}
