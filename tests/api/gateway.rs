//! A real Apollo federation in CI: Apollo's composition library composes our SDL with a second
//! small subgraph, and a real `@apollo/gateway` (the gateway of docker-compose.yml, in
//! `gateway/`, its packages pinned there and installed here with `npm ci` from the committed
//! lock) resolves our Program, Institution,
//! EmployerPartner, Internship and Graduate entities through `_entities`, forwarding the caller's
//! token. Through the gateway a viewer gets what they get from us directly: masked fields stay
//! masked and refused records stay refused.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Once;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::Child;

use hitbridge_tests::{Backend, TestApp, nodes, tokens};
use serde_json::{Value, json};

const SECRET: &str = "gateway-secret-for-the-federation-test";

pub(crate) fn gateway_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../gateway")
}

/// Whether Node.js is here: without it the test says so and passes (as the Redis tests do
/// without redis-server); CI machines have it.
pub(crate) fn node_is_installed() -> bool {
    let found = Command::new("node")
        .arg("--version")
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !found {
        eprintln!("Node.js is not installed here: the gateway test needs Node.js 20 and npm");
    }
    found
}

/// Installs the pinned packages (`npm ci` from package-lock.json; install scripts are not needed
/// and not run), again whenever the lock file is newer than the installed tree.
pub(crate) fn install() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let dir = gateway_dir();
        let modified = |path: PathBuf| std::fs::metadata(path).and_then(|m| m.modified()).ok();
        let installed = modified(dir.join("node_modules/.package-lock.json"));
        if installed.is_some() && installed >= modified(dir.join("package-lock.json")) {
            return;
        }
        let status = Command::new("npm")
            .args(["ci", "--ignore-scripts", "--no-audit", "--no-fund"])
            .current_dir(&dir)
            .status()
            .expect("the gateway test needs Node.js 20 and npm on the PATH");
        assert!(status.success(), "npm ci in gateway/ failed");
    });
}

/// The gateway process (killed when dropped) and where it serves.
struct Gateway {
    _process: Child,
    url: String,
    client: reqwest::Client,
}

impl Gateway {
    /// Starts the gateway in front of `app` and the workforce subgraph, which references
    /// `spotlight` (ids by type name). Async all the way: the gateway reads our SDL from the
    /// server this test's runtime serves.
    async fn start(app: &TestApp, spotlight: &Value) -> Self {
        tokio::task::spawn_blocking(install)
            .await
            .expect("install the gateway");
        let mut child = tokio::process::Command::new("node")
            .arg(gateway_dir().join("test/harness.mjs"))
            .env("HITBRIDGE_URL", app.url("/graphql"))
            .env("GATEWAY_SECRET", SECRET)
            .env("SPOTLIGHT", spotlight.to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .expect("node starts");
        // Apollo Server may log to stdout before the gateway says where it serves; what it
        // writes later is read too, so that it never writes into a closed pipe. Its errors go
        // to the test's stderr.
        let mut stdout = BufReader::new(child.stdout.take().expect("stdout")).lines();
        let ready = tokio::time::timeout(Duration::from_secs(120), async {
            while let Ok(Some(line)) = stdout.next_line().await {
                if let Some(url) = line.strip_prefix("READY ") {
                    return Some(url.to_owned());
                }
            }
            None
        })
        .await;
        let Ok(Some(url)) = ready else {
            panic!("the gateway did not start (its errors are above)");
        };
        tokio::spawn(async move { while let Ok(Some(_)) = stdout.next_line().await {} });
        Self {
            url,
            _process: child,
            client: reqwest::Client::builder()
                .timeout(Duration::from_secs(30))
                .build()
                .expect("client"),
        }
    }

    /// Sends a query through the gateway, with a bearer token when given.
    async fn query(&self, query: &str, token: Option<&str>) -> Value {
        let mut request = self.client.post(&self.url).json(&json!({ "query": query }));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let reply = request.send().await.expect("gateway answers");
        reply.json().await.expect("JSON from the gateway")
    }
}

/// One record of each entity type, read from us directly (the graduate by a consortium admin).
async fn spotlight(app: &TestApp) -> (Value, Value) {
    let public = app
        .gql(
            "{ programs(first: 1) { edges { node { id name institution { name } } } }
               institutions(first: 1) { edges { node { id name } } }
               employerPartners(first: 1) { edges { node { id name slug } } }
               internships(first: 1) { edges { node { id title } } } }",
        )
        .send()
        .await;
    let admin = app
        .gql("{ graduates(first: 1) { edges { node { id givenName institution { slug } } } } }")
        .bearer(tokens::consortium_admin())
        .send()
        .await;
    let first = |data: &Value, field: &str| nodes(data, field)[0].clone();
    let direct = json!({
        "Program": first(public.data(), "programs"),
        "Institution": first(public.data(), "institutions"),
        "EmployerPartner": first(public.data(), "employerPartners"),
        "Internship": first(public.data(), "internships"),
        "Graduate": first(admin.data(), "graduates"),
    });
    let ids = direct
        .as_object()
        .expect("object")
        .iter()
        .map(|(kind, record)| (kind.clone(), record["id"].clone()))
        .collect();
    (direct, Value::Object(ids))
}

/// The workforce subgraph's figure for a program: its id's first four hex digits.
fn regional_openings(id: &Value) -> u32 {
    let id = id.as_str().expect("id");
    u32::from_str_radix(&id[..4], 16).expect("hex")
}

const SPOTLIGHT: &str = "{ spotlight {
    program { name regionalOpenings institution { name } }
    institution { name }
    employer { name contactEmail }
    internship { title }
    graduate { id givenName } } }";

#[tokio::test]
async fn a_real_gateway_resolves_our_entities_as_its_caller_may_see_them() {
    if !node_is_installed() {
        return;
    }
    // Introspection off: the gateway reads our SDL with the shared secret.
    let app = TestApp::spawn_with(
        Backend::FromEnv,
        &[
            ("HITBRIDGE_INTROSPECTION", "off"),
            ("HITBRIDGE_GATEWAY_SECRET", SECRET),
        ],
    )
    .await;
    app.seed().await;
    let (direct, ids) = spotlight(&app).await;
    let gateway = Gateway::start(&app, &ids).await;

    // Anonymous: the public records resolve; the employer's contact is masked; the graduate is
    // refused as it is when asked directly.
    let anonymous = gateway.query(SPOTLIGHT, None).await;
    let seen = &anonymous["data"]["spotlight"];
    assert_eq!(
        seen["program"]["name"], direct["Program"]["name"],
        "{anonymous}"
    );
    assert_eq!(
        seen["program"]["institution"]["name"],
        direct["Program"]["institution"]["name"]
    );
    assert_eq!(
        seen["program"]["regionalOpenings"],
        regional_openings(&ids["Program"]),
        "the workforce subgraph's field on our entity"
    );
    assert_eq!(seen["institution"]["name"], direct["Institution"]["name"]);
    assert_eq!(seen["employer"]["name"], direct["EmployerPartner"]["name"]);
    assert_eq!(seen["employer"]["contactEmail"], Value::Null, "masked");
    assert_eq!(seen["internship"]["title"], direct["Internship"]["title"]);
    // The workforce subgraph knows the graduate's id; nothing of ours comes with it.
    assert_eq!(seen["graduate"]["givenName"], Value::Null, "{anonymous}");
    let refusal = &anonymous["errors"][0];
    assert_eq!(refusal["extensions"]["code"], "NOT_FOUND", "{anonymous}");
    assert_eq!(refusal["extensions"]["serviceName"], "hitbridge");
    assert_eq!(refusal["path"][1], "graduate");

    // The graduate's school sees the graduate; the employer sees its own contact.
    let school = tokens::school_admin(
        direct["Graduate"]["institution"]["slug"]
            .as_str()
            .expect("slug"),
    );
    let as_school = gateway.query(SPOTLIGHT, Some(&school)).await;
    let graduate = &as_school["data"]["spotlight"]["graduate"];
    assert_eq!(graduate["id"], ids["Graduate"], "{as_school}");
    assert_eq!(graduate["givenName"], direct["Graduate"]["givenName"]);
    let employer = tokens::employer(direct["EmployerPartner"]["slug"].as_str().expect("slug"));
    let as_employer = gateway.query(SPOTLIGHT, Some(&employer)).await;
    assert!(
        as_employer["data"]["spotlight"]["employer"]["contactEmail"]
            .as_str()
            .is_some_and(|e| e.contains('@')),
        "{as_employer}"
    );

    // Our root fields through the gateway, joined with the other subgraph's field.
    let listed = gateway
        .query(
            "{ programs(first: 5) { edges { node { id regionalOpenings } } } }",
            None,
        )
        .await;
    let programs = nodes(&listed["data"], "programs");
    assert_eq!(programs.len(), 5, "{listed}");
    for program in programs {
        assert_eq!(
            program["regionalOpenings"],
            regional_openings(&program["id"])
        );
    }
}
