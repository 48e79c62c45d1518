//! JSON-LD for partner websites: every property and type name is schema.org's, the properties
//! Google's job search requires of a JobPosting are there, and the program's facts come through
//! (ISO 8601 duration, CIP identifier, SOC occupational category).

use std::collections::BTreeSet;

use hitbridge_tests::{TestApp, nodes, tokens};
use serde_json::{Value, json};

use crate::internships::{HOSPITAL, create, posting};

/// The vocabulary shipped with the tests: (types, properties).
fn vocabulary() -> (BTreeSet<String>, BTreeSet<String>) {
    let text = std::fs::read_to_string(tokens::fixture("schema-org-vocabulary.txt"))
        .expect("the vocabulary fixture");
    let mut types = BTreeSet::new();
    let mut properties = BTreeSet::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        match line.strip_prefix("type ") {
            Some(name) => types.insert(name.to_owned()),
            None => properties.insert(line.to_owned()),
        };
    }
    (types, properties)
}

/// Every name in a JSON-LD value that is not schema.org's, as `path: name`.
fn foreign_names(value: &Value, path: &str, out: &mut Vec<String>) {
    let (types, properties) = vocabulary();
    walk(value, path, &types, &properties, out);
}

fn walk(
    value: &Value,
    path: &str,
    types: &BTreeSet<String>,
    properties: &BTreeSet<String>,
    out: &mut Vec<String>,
) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                match key.as_str() {
                    "@context" => assert_eq!(inner, "https://schema.org", "{path}"),
                    "@type" => {
                        let name = inner.as_str().unwrap_or_default();
                        if !types.contains(name) {
                            out.push(format!("{path}: type {name}"));
                        }
                    }
                    name if !properties.contains(name) => out.push(format!("{path}: {name}")),
                    _ => walk(inner, &format!("{path}.{key}"), types, properties, out),
                }
            }
        }
        Value::Array(items) => items
            .iter()
            .for_each(|v| walk(v, path, types, properties, out)),
        _ => {}
    }
}

#[tokio::test]
async fn every_published_program_and_open_internship_speaks_schema_org() {
    let app = TestApp::spawn_demo().await;
    let hr = tokens::employer(HOSPITAL);
    for mode in ["REMOTE", "ON_SITE"] {
        create(&app, &hr, posting(HOSPITAL, json!({ "workMode": mode })))
            .await
            .data();
    }
    let reply = app
        .gql("{ programs(first: 100) { edges { node { name durationMonths cipCode socCode jsonLd } } }
               internships(first: 100) { edges { node { title workMode paid jsonLd } } } }")
        .send()
        .await;
    let data = reply.data();
    let mut foreign = Vec::new();
    let programs = nodes(data, "programs");
    assert!(!programs.is_empty());
    for p in &programs {
        let ld = &p["jsonLd"];
        foreign_names(ld, "program", &mut foreign);
        assert_eq!(ld["@type"], "EducationalOccupationalProgram");
        assert_eq!(ld["name"], p["name"]);
        assert_eq!(ld["timeToComplete"], format!("P{}M", p["durationMonths"]));
        assert_eq!(ld["identifier"]["value"], p["cipCode"]);
        assert!(
            ld["provider"]["name"].is_string() && ld["educationalCredentialAwarded"].is_object()
        );
        assert!(ld["educationalProgramMode"].is_string());
        if p["socCode"].is_string() {
            assert_eq!(ld["occupationalCategory"]["codeValue"], p["socCode"]);
        }
    }
    let internships = nodes(data, "internships");
    let mut modes = BTreeSet::new();
    let mut salaries = 0;
    for i in &internships {
        let ld = &i["jsonLd"];
        foreign_names(ld, "internship", &mut foreign);
        assert_eq!(ld["@type"], "JobPosting");
        assert_eq!(ld["employmentType"], "INTERN");
        for required in [
            "title",
            "description",
            "datePosted",
            "validThrough",
            "hiringOrganization",
        ] {
            assert!(ld.get(required).is_some(), "{required} in {ld}");
        }
        if i["workMode"] == "REMOTE" {
            assert_eq!(ld["jobLocationType"], "TELECOMMUTE");
            assert!(ld["applicantLocationRequirements"].is_object());
        } else {
            assert!(
                ld["jobLocation"]["address"]["addressRegion"].is_string(),
                "{ld}"
            );
        }
        if ld["baseSalary"].is_object() {
            assert_eq!(i["paid"], true);
            assert_eq!(ld["baseSalary"]["currency"], "USD");
            salaries += 1;
        }
        modes.insert(i["workMode"].as_str().unwrap_or_default().to_owned());
    }
    assert!(modes.contains("REMOTE") && modes.contains("ON_SITE"));
    assert!(salaries > 0, "paid postings state their pay");
    assert!(
        foreign.is_empty(),
        "names schema.org does not define: {foreign:?}"
    );
}

#[tokio::test]
async fn events_speak_schema_org_and_every_script_text_is_safe_in_a_script_tag() {
    let app = TestApp::spawn_demo().await;
    let admin = tokens::school_admin("peachtree-state-university");
    let hostile = "Informatics </script><script>alert(1)</script> & <!-- more";
    let created = app
        .gql(
            "mutation($name: String!) { createProgram(input: {
                institution: \"peachtree-state-university\", slug: \"psu-hostile-name\",
                name: $name, credential: CERTIFICATE, cipCode: \"51.2706\", modality: ONLINE,
                durationMonths: 6, status: PUBLISHED }) { jsonLd jsonLdScript } }",
        )
        .vars(json!({ "name": hostile }))
        .bearer(&admin)
        .send()
        .await;
    let program = &created.data()["createProgram"];
    let script = program["jsonLdScript"].as_str().unwrap_or_default();
    assert!(!script.is_empty());
    assert!(!script.contains('<') && !script.contains('>') && !script.contains('&'));
    let parsed: Value = serde_json::from_str(script).expect("JSON");
    assert_eq!(parsed, program["jsonLd"]);
    assert_eq!(parsed["name"], hostile);

    let reply = app
        .gql(
            "{ events(first: 50) { edges { node { name startsAt isVirtual jsonLd jsonLdScript } } }
               internships(first: 1) { edges { node { jsonLdScript } } } }",
        )
        .send()
        .await;
    let events = nodes(reply.data(), "events");
    assert!(!events.is_empty());
    let mut foreign = Vec::new();
    for e in &events {
        let ld = &e["jsonLd"];
        foreign_names(ld, "event", &mut foreign);
        assert_eq!(ld["@type"], "Event");
        assert_eq!(ld["name"], e["name"]);
        assert!(ld["organizer"]["name"].is_string() && ld["startDate"].is_string());
        let place = if e["isVirtual"] == true {
            "VirtualLocation"
        } else {
            "Place"
        };
        assert_eq!(ld["location"]["@type"], place);
        let script = e["jsonLdScript"].as_str().unwrap_or_default();
        assert_eq!(
            serde_json::from_str::<Value>(script).ok().as_ref(),
            Some(ld)
        );
    }
    assert!(
        foreign.is_empty(),
        "names schema.org does not define: {foreign:?}"
    );
    assert!(nodes(reply.data(), "internships")[0]["jsonLdScript"].is_string());
}
