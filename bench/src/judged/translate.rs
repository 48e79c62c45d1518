//! A judged request, as a recruiter states it, turned into the API's `CandidateCriteria`; what
//! the API cannot state is dropped and reported.

use serde_json::{Value, json};

use super::SCHOOL;

/// A list as the request states it (`{"all": [...]}` or `{"any": [...]}`) and its match mode.
fn list(value: &Value) -> (Value, &'static str) {
    match value.get("any") {
        Some(items) => (items.clone(), "ANY"),
        None => (value["all"].clone(), "ALL"),
    }
}

/// One group of required criteria (the request's, or one of its `anyOf` alternatives).
fn group(said: &Value, unsaid: &mut Vec<String>) -> Value {
    let mut out = json!({});
    for (key, value) in said.as_object().into_iter().flatten() {
        match key.as_str() {
            "skills" | "ehrSystems" | "certifications" | "seeking" | "hitRoles" => {
                let (items, mode) = list(value);
                out[key] = items;
                out[format!("{key}Match")] = json!(mode);
            }
            // A graduate has one background and one region: any of them.
            "backgrounds" | "regions" => out[key] = list(value).0,
            "openToRural" | "openToRelocation" => out[key] = value.clone(),
            "anyOf" => {
                let groups: Vec<Value> = value
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|g| group(g, unsaid))
                    .collect();
                out[key] = json!(groups);
            }
            other => unsaid.push(format!("required {other}")),
        }
    }
    out
}

/// The API's required criteria for a request's (within the fixture's school).
pub(super) fn required(said: &Value, unsaid: &mut Vec<String>) -> Value {
    let mut out = group(said, unsaid);
    out["institutions"] = json!([SCHOOL]);
    out
}

/// One preference as a `PreferredCriteria` block of its own.
fn block(preference: &Value, unsaid: &mut Vec<String>) -> Value {
    let mut out = json!({});
    for (key, value) in preference.as_object().into_iter().flatten() {
        match key.as_str() {
            "importance" => out[key] = value.clone(),
            "skills" | "ehrSystems" | "certifications" | "seeking" => {
                let (items, mode) = list(value);
                out[key] = items;
                out[format!("{key}Match")] = json!(mode);
            }
            "backgrounds" | "regions" => out[key] = list(value).0,
            "yearsOfExperience" => out["minYearsOfExperience"] = value["atLeast"].clone(),
            "graduatedAfter" | "openToRelocation" | "openToRural" => out[key] = value.clone(),
            _ => unsaid.push(format!("preferred {key} {value}")),
        }
    }
    out
}

/// The API's preferred criteria for a request's preferences: normal ones share the top block
/// unless they name the same list; the others go in `alsoPreferred`, each in its own block.
pub(super) fn preferred(said: &Value, unsaid: &mut Vec<String>) -> Value {
    let mut top = json!({});
    let mut also = Vec::new();
    for preference in said.as_array().into_iter().flatten() {
        let b = block(preference, unsaid);
        let fields = b.as_object().cloned().unwrap_or_default();
        let clashes = fields.keys().any(|k| top.get(k).is_some());
        if b.get("importance").is_some() || clashes {
            also.push(b);
        } else {
            for (k, v) in fields {
                top[k] = v;
            }
        }
    }
    if !also.is_empty() {
        top["alsoPreferred"] = json!(also);
    }
    top
}
