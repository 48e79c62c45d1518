//! The GraphQL-over-HTTP conformance audits of graphql-http (the spec's reference suite, pinned
//! in `gateway/package.json` and run by `gateway/test/audit.mjs`): every MUST, SHOULD and MAY
//! audit passes. Needs Node.js, as the gateway test does; without it the test says so.

use std::collections::BTreeMap;

use hitbridge_tests::TestApp;
use serde_json::Value;

use crate::gateway::{gateway_dir, install, node_is_installed};

#[tokio::test]
async fn every_graphql_over_http_audit_passes() {
    if !node_is_installed() {
        return;
    }
    let app = TestApp::spawn().await;
    tokio::task::spawn_blocking(install)
        .await
        .expect("install the audit suite");
    let output = tokio::process::Command::new("node")
        .arg(gateway_dir().join("test/audit.mjs"))
        .env("HITBRIDGE_URL", app.url("/graphql"))
        .output()
        .await
        .expect("node runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut passed: BTreeMap<String, usize> = BTreeMap::new();
    let mut failed = Vec::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Ok(audit) = serde_json::from_str::<Value>(line) else {
            continue;
        };
        let name = audit["name"].as_str().unwrap_or_default().to_owned();
        if audit["status"] == "ok" {
            let level = name.split(' ').next().unwrap_or_default().to_owned();
            *passed.entry(level).or_default() += 1;
        } else {
            failed.push(audit);
        }
    }
    assert!(failed.is_empty(), "audits that did not pass: {failed:#?}");
    // The suite's 1.23.1 release holds 13 MUST, 23 SHOULD and 25 MAY audits.
    let counts: Vec<(&str, usize)> = passed.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    assert_eq!(counts, vec![("MAY", 25), ("MUST", 13), ("SHOULD", 23)]);
}
