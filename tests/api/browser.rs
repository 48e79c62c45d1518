//! GraphiQL in a real browser with no way out: Debian's headless Chromium, driven over WebDriver
//! by its ChromeDriver, may reach only this machine (every other host goes to a dead proxy and
//! no name resolves). The page loads from the API alone, opens with an example for each kind of
//! user, and the anonymous one runs and shows the demo's data. Without `chromium` and
//! `chromedriver` the test says so and passes (as the gateway test does without Node.js); CI
//! installs both (`.ci/run`).

use std::process::Stdio;
use std::time::Duration;

use hitbridge_tests::{TestApp, nodes};
use serde_json::{Value, json};
use tokio::process::{Child, Command};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// WebDriver's key for an element reference.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A ChromeDriver process (killed when dropped) and one browser session in it.
struct Browser {
    _driver: Child,
    http: reqwest::Client,
    session: String,
}

impl Browser {
    async fn start() -> Option<Self> {
        if !(std::path::Path::new(CHROMIUM).exists() && std::path::Path::new(CHROMEDRIVER).exists())
        {
            eprintln!(
                "chromium and chromedriver are not installed here: the browser test needs them"
            );
            return None;
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("chromedriver starts");
        let http = reqwest::Client::new();
        let base = format!("http://127.0.0.1:{port}");
        let ready = || async {
            let status = http.get(format!("{base}/status")).send().await.ok()?;
            let body: Value = status.json().await.ok()?;
            body["value"]["ready"].as_bool()
        };
        wait_for("chromedriver to be ready", || async {
            ready().await == Some(true)
        })
        .await;
        let args = [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            // Only this machine: other hosts go to a proxy that is not there, names do not resolve.
            "--proxy-server=http://127.0.0.1:9",
            "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
        ];
        let capabilities = json!({ "capabilities": { "alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": { "binary": CHROMIUM, "args": args },
        } } });
        let created: Value = http
            .post(format!("{base}/session"))
            .json(&capabilities)
            .send()
            .await
            .expect("new session")
            .json()
            .await
            .expect("session JSON");
        let id = created["value"]["sessionId"]
            .as_str()
            .expect("a session id");
        Some(Self {
            _driver: driver,
            http,
            session: format!("{base}/session/{id}"),
        })
    }

    async fn call(&self, path: &str, body: Value) -> Value {
        let reply: Value = self
            .http
            .post(format!("{}/{path}", self.session))
            .json(&body)
            .send()
            .await
            .expect("WebDriver answers")
            .json()
            .await
            .expect("WebDriver JSON");
        reply["value"].clone()
    }

    async fn script(&self, source: &str) -> Value {
        self.call("execute/sync", json!({ "script": source, "args": [] }))
            .await
    }
}

/// Polls `done` every 100 ms, failing after a minute (a ceiling, not a timing assumption).
async fn wait_for<F, Fut>(what: &str, done: F)
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    for _ in 0..600 {
        if done().await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("gave up waiting for {what}");
}

#[tokio::test]
async fn graphiql_runs_an_example_with_no_network_beyond_the_api() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let app = TestApp::spawn_demo().await;
    // What the first tab's example answers over plain HTTP.
    let example = &api::http::examples::readme()
        .iter()
        .find(|e| e.tab)
        .expect("a tab")
        .query;
    let reply = app.gql(example).send().await;
    let want = nodes(reply.data(), "programs")[0]["name"]
        .as_str()
        .expect("a program")
        .to_owned();

    browser
        .call("url", json!({ "url": app.url("/graphql") }))
        .await;
    let find = json!({ "using": "css selector", "value": ".graphiql-execute-button" });
    wait_for("GraphiQL to render", || async {
        browser.call("element", find.clone()).await[ELEMENT].is_string()
    })
    .await;
    let titles = browser
        .script("return [...document.querySelectorAll('.graphiql-tab')].map(t => t.innerText).join(' ')")
        .await;
    for operation in [
        "ProgramsTeachingFhirInGeorgia",
        "EpicTrainedCandidates",
        "MyRecord",
    ] {
        assert!(
            titles.as_str().unwrap_or_default().contains(operation),
            "tab {operation} in {titles}"
        );
    }
    let button = browser.call("element", find).await;
    let button = button[ELEMENT].as_str().expect("the run button");
    browser
        .call(&format!("element/{button}/click"), json!({}))
        .await;
    let result = "return document.querySelector('.result-window')?.innerText ?? ''";
    wait_for("the result", || async {
        browser
            .script(result)
            .await
            .as_str()
            .is_some_and(|text| text.contains(&want))
    })
    .await;
    // Everything the page fetched came from the API.
    let fetched = browser
        .script("return performance.getEntriesByType('resource').map(e => e.name)")
        .await;
    let fetched = fetched.as_array().expect("resource list");
    assert!(fetched.len() >= 4, "{fetched:?}");
    for url in fetched {
        let url = url.as_str().unwrap_or_default();
        assert!(url.starts_with(&app.url("/")), "{url}");
    }
    let _ = browser.http.delete(&browser.session).send().await;
}
