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
            let items = value
                .get("all")
                .or_else(|| value.get("any"))
                .cloned()
                .unwrap_or(Value::Null);
            let field = match key.as_str() {
                "importance" => continue,
                "skills" | "ehrSystems" | "certifications" | "backgrounds"
                    if out.get(key).is_none() =>
                {
                    key.as_str()
                }
                _ => {
                    unsaid.push(format!("preferred {key} {value}"));
                    continue;
                }
            };
            out[field] = items;
            if decisive {
                let weight = if field == "backgrounds" {
                    "backgroundWeight".to_owned()
                } else {
                    format!("{field}Weight")
                };
                out[weight] = json!(100);
            }
        }
    }
    out
}
