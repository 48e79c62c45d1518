//! Every GraphQL example in README runs as pasted: in order, against a fresh demo, with the token
//! of the persona its comment names, its variables copied from the answer before it where it
//! says so; each answers without an error and with something in every root field.

use api::http::examples::{ANONYMOUS, Example, readme};
use api::seed::personas::persona;
use hitbridge_tests::TestApp;
use hitbridge_tests::tokens::{claims, hs256};
use serde_json::Value;

#[tokio::test]
async fn every_readme_example_runs_as_pasted_on_the_demo() {
    let app = TestApp::spawn_demo().await;
    let mut previous = Value::Null;
    let examples = readme();
    assert!(examples.len() >= 20, "{} examples", examples.len());
    for e in examples {
        let at = format!("README line {}", e.line);
        let mut request = app.gql(&e.query);
        if let Some(vars) = &e.variables {
            let vars: Value = serde_json::from_str(vars).unwrap_or_else(|_| panic!("{at}: JSON"));
            request = request.vars(fill(vars, &previous, &at));
        }
        if e.persona != ANONYMOUS {
            request = request.bearer(token(e, &at));
        }
        let reply = request.send().await;
        assert!(reply.codes().is_empty(), "{at}: {:?}", reply.body);
        let data = reply.data().clone();
        for (field, value) in data.as_object().into_iter().flatten() {
            assert!(!empty(value), "{at}: {field} is empty: {value}");
        }
        previous = data;
    }
    for tab in [
        "anonymous",
        "magnolia-recruiter",
        "maya",
        "cvcc-staff",
        "psu-admin",
    ] {
        assert!(
            examples.iter().any(|e| e.tab && e.persona == tab),
            "no GraphiQL tab for {tab}"
        );
    }
}

/// A token for the example's persona (the test server's secret).
fn token(e: &Example, at: &str) -> String {
    let p = persona(&e.persona)
        .unwrap_or_else(|| panic!("{at}: the example names no known persona ({:?})", e.persona));
    let role = serde_json::to_value(p.claim()).expect("claim");
    hs256(&claims(p.name, Value::Array(vec![role])))
}

/// The variables with each `"<PATH from above>"` replaced by the first PATH in `previous`.
fn fill(vars: Value, previous: &Value, at: &str) -> Value {
    let Value::Object(vars) = vars else {
        panic!("{at}: variables are an object");
    };
    let filled = vars.into_iter().map(|(name, value)| {
        let path = value
            .as_str()
            .and_then(|s| s.strip_prefix('<'))
            .and_then(|s| s.strip_suffix(" from above>"));
        let value = match path {
            Some(path) => first(previous, &path.split('.').collect::<Vec<_>>())
                .unwrap_or_else(|| panic!("{at}: no {path} in the answer above: {previous}")),
            None => value,
        };
        (name, value)
    });
    Value::Object(filled.collect())
}

/// The first value at `path` (keys) anywhere in `value`, depth first.
fn first(value: &Value, path: &[&str]) -> Option<Value> {
    let (head, rest) = path.split_first()?;
    match value {
        Value::Object(map) => map
            .get(*head)
            .and_then(|v| {
                if rest.is_empty() {
                    Some(v.clone())
                } else {
                    first(v, rest)
                }
            })
            .or_else(|| map.values().find_map(|v| first(v, path))),
        Value::Array(items) => items.iter().find_map(|v| first(v, path)),
        _ => None,
    }
}

/// Null, an empty list, or a connection without edges.
fn empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::Array(items) => items.is_empty(),
        Value::Object(map) => map.get("edges").is_some_and(empty),
        _ => false,
    }
}
