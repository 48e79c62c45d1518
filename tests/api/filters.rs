//! Catalog filters: each one returns exactly the records that match it.

use std::collections::BTreeSet;

use hitbridge_tests::{TestApp, nodes};
use serde_json::{Value, json};

const PROGRAM_FIELDS: &str = "id name description credential modality cipCode nextStart hitRoles
    institution { slug state } skills { slug } ehrSystems { slug }";

fn ids(list: &[&Value]) -> BTreeSet<String> {
    list.iter()
        .map(|n| n["id"].as_str().unwrap_or_default().to_string())
        .collect()
}

fn has(list: &Value, slug: &str) -> bool {
    list.as_array()
        .is_some_and(|l| l.iter().any(|s| s["slug"] == slug))
}

async fn programs(app: &TestApp, filter: Value) -> Vec<Value> {
    let reply = app
        .gql(&format!("query($f: ProgramFilter) {{ programs(first: 100, filter: $f) {{ edges {{ node {{ {PROGRAM_FIELDS} }} }} }} }}"))
        .vars(json!({ "f": filter }))
        .send()
        .await;
    nodes(reply.data(), "programs")
        .into_iter()
        .cloned()
        .collect()
}

#[tokio::test]
async fn every_program_filter_returns_exactly_the_matching_programs() {
    let app = TestApp::spawn_demo().await;
    let all = programs(&app, json!({})).await;
    let sample = all
        .iter()
        .find(|p| {
            !p["nextStart"].is_null()
                && p["skills"][0].is_object()
                && p["ehrSystems"][0].is_object()
                && p["hitRoles"][0].is_string()
        })
        .expect("a program with a start date, skills, EHR systems and roles")
        .clone();
    let skill = sample["skills"][0]["slug"]
        .as_str()
        .expect("a skill")
        .to_string();
    let ehr = sample["ehrSystems"][0]["slug"]
        .as_str()
        .expect("an EHR system")
        .to_string();
    let role = sample["hitRoles"][0].clone();
    let start = sample["nextStart"].as_str().expect("date").to_string();
    let word = sample["name"]
        .as_str()
        .expect("name")
        .split_whitespace()
        .last()
        .expect("word")
        .to_lowercase();

    type Pred = Box<dyn Fn(&Value) -> bool>;
    let cases: Vec<(Value, Pred)> = vec![
        (
            json!({ "institution": sample["institution"]["slug"] }),
            Box::new({
                let s = sample.clone();
                move |p| p["institution"]["slug"] == s["institution"]["slug"]
            }),
        ),
        (
            json!({ "credential": sample["credential"] }),
            Box::new({
                let s = sample.clone();
                move |p| p["credential"] == s["credential"]
            }),
        ),
        (
            json!({ "modality": sample["modality"] }),
            Box::new({
                let s = sample.clone();
                move |p| p["modality"] == s["modality"]
            }),
        ),
        (
            json!({ "cipCode": sample["cipCode"] }),
            Box::new({
                let s = sample.clone();
                move |p| p["cipCode"] == s["cipCode"]
            }),
        ),
        (
            json!({ "skill": skill }),
            Box::new({
                let k = skill.clone();
                move |p| has(&p["skills"], &k)
            }),
        ),
        (
            json!({ "skill": ehr }),
            Box::new({
                let k = ehr.clone();
                move |p| has(&p["ehrSystems"], &k)
            }),
        ),
        (
            json!({ "hitRole": role }),
            Box::new({
                let r = role.clone();
                move |p| p["hitRoles"].as_array().is_some_and(|l| l.contains(&r))
            }),
        ),
        (
            json!({ "state": sample["institution"]["state"] }),
            Box::new({
                let s = sample.clone();
                move |p| p["institution"]["state"] == s["institution"]["state"]
            }),
        ),
        (
            json!({ "startingAfter": start }),
            Box::new({
                let d = start.clone();
                move |p| p["nextStart"].as_str().is_some_and(|n| n >= d.as_str())
            }),
        ),
        (
            json!({ "search": word.to_uppercase() }),
            Box::new({
                let w = word.clone();
                move |p| {
                    p["name"]
                        .as_str()
                        .unwrap_or_default()
                        .to_lowercase()
                        .contains(&w)
                        || p["description"]
                            .as_str()
                            .unwrap_or_default()
                            .to_lowercase()
                            .contains(&w)
                }
            }),
        ),
    ];
    for (filter, pred) in cases {
        let expected: Vec<&Value> = all.iter().filter(|p| pred(p)).collect();
        let got = programs(&app, filter.clone()).await;
        assert!(!expected.is_empty(), "filter {filter} matches something");
        assert_eq!(
            ids(&got.iter().collect::<Vec<_>>()),
            ids(&expected),
            "filter {filter}"
        );
    }
    let none = programs(&app, json!({ "search": "zz-no-such-words" })).await;
    assert!(none.is_empty());
    let combined = programs(
        &app,
        json!({ "state": sample["institution"]["state"], "credential": sample["credential"] }),
    )
    .await;
    assert!(
        combined
            .iter()
            .all(|p| p["credential"] == sample["credential"])
    );
}

#[tokio::test]
async fn a_search_term_with_wildcards_matches_them_literally() {
    let app = TestApp::spawn_demo().await;
    assert!(programs(&app, json!({ "search": "%" })).await.is_empty());
    assert!(programs(&app, json!({ "search": "_" })).await.is_empty());
}

async fn internships(app: &TestApp, filter: Value) -> Vec<Value> {
    let reply = app
        .gql("query($f: InternshipFilter) { internships(first: 100, filter: $f) { edges { node {
               id paid workMode rural state hitRole employer { slug rural } skills { slug } ehrSystems { slug } } } } }")
        .vars(json!({ "f": filter }))
        .send()
        .await;
    nodes(reply.data(), "internships")
        .into_iter()
        .cloned()
        .collect()
}

#[tokio::test]
async fn every_internship_filter_returns_exactly_the_matching_internships() {
    let app = TestApp::spawn_demo().await;
    let all = internships(&app, json!({})).await;
    let sample = all
        .iter()
        .find(|i| i["ehrSystems"][0].is_object())
        .expect("one wants an EHR system")
        .clone();
    let ehr = sample["ehrSystems"][0]["slug"]
        .as_str()
        .expect("slug")
        .to_string();
    type Pred = Box<dyn Fn(&Value) -> bool>;
    let cases: Vec<(Value, Pred)> = vec![
        (
            json!({ "employer": sample["employer"]["slug"] }),
            Box::new({
                let s = sample.clone();
                move |i| i["employer"]["slug"] == s["employer"]["slug"]
            }),
        ),
        (
            json!({ "skill": ehr }),
            Box::new({
                let k = ehr.clone();
                move |i| has(&i["ehrSystems"], &k)
            }),
        ),
        (json!({ "paid": true }), Box::new(|i| i["paid"] == true)),
        (json!({ "paid": false }), Box::new(|i| i["paid"] == false)),
        (
            json!({ "workMode": "REMOTE" }),
            Box::new(|i| i["workMode"] == "REMOTE"),
        ),
        (
            json!({ "workMode": "HYBRID" }),
            Box::new(|i| i["workMode"] == "HYBRID"),
        ),
        (json!({ "rural": true }), Box::new(|i| i["rural"] == true)),
        (
            json!({ "state": sample["state"] }),
            Box::new({
                let s = sample.clone();
                move |i| i["state"] == s["state"]
            }),
        ),
    ];
    for (filter, pred) in cases {
        let expected: Vec<&Value> = all.iter().filter(|i| pred(i)).collect();
        let got = internships(&app, filter.clone()).await;
        assert!(!expected.is_empty(), "filter {filter} matches something");
        assert_eq!(
            ids(&got.iter().collect::<Vec<_>>()),
            ids(&expected),
            "filter {filter}"
        );
    }
}

#[tokio::test]
async fn orderings_are_stable_and_as_documented() {
    let app = TestApp::spawn_demo().await;
    let reply = app
        .gql("{ programs(first: 100, orderBy: NEXT_START) { edges { node { nextStart } } } }")
        .send()
        .await;
    let starts: Vec<Option<String>> = nodes(reply.data(), "programs")
        .iter()
        .map(|p| p["nextStart"].as_str().map(String::from))
        .collect();
    let dated: Vec<&String> = starts.iter().flatten().collect();
    assert!(dated.windows(2).all(|w| w[0] <= w[1]), "soonest first");
    let first_undated = starts
        .iter()
        .position(Option::is_none)
        .unwrap_or(starts.len());
    assert!(
        starts[first_undated..].iter().all(Option::is_none),
        "undated programs last"
    );

    let q = "{ internships(first: 100, orderBy: TITLE) { edges { node { id title } } } }";
    let a = app.gql(q).send().await;
    let b = app.gql(q).send().await;
    assert_eq!(
        a.data(),
        b.data(),
        "the same query answers in the same order"
    );
    let titles: Vec<&str> = nodes(a.data(), "internships")
        .iter()
        .filter_map(|i| i["title"].as_str())
        .collect();
    assert!(titles.windows(2).all(|w| w[0] <= w[1]));
}
