//! The access log: one info line per request with what an operator needs, and nothing private.

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

use hitbridge_tests::{TestApp, tokens};
use serde_json::{Value, json};

/// Log output of this test process, captured once for every test that reads it.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("log buffer").extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn captured() -> &'static Captured {
    static LOGS: OnceLock<Captured> = OnceLock::new();
    LOGS.get_or_init(|| {
        let logs = Captured::default();
        let writer = logs.clone();
        tracing_subscriber::fmt()
            .json()
            .with_max_level(tracing::Level::INFO)
            .with_writer(move || writer.clone())
            .try_init()
            .expect("the only subscriber in this test binary");
        logs
    })
}

/// The captured JSON lines that mention `needle`.
fn lines_with(needle: &str) -> Vec<Value> {
    let bytes = captured().0.lock().expect("log buffer").clone();
    String::from_utf8_lossy(&bytes)
        .lines()
        .filter(|line| line.contains(needle))
        .filter_map(|line| serde_json::from_str(line).ok())
        .collect()
}

/// Every captured line of the request, and its one "request finished" line (asserted to be
/// exactly one).
fn finished_line(request_id: &str) -> (Vec<Value>, Value) {
    let lines = lines_with(request_id);
    let finished: Vec<&Value> = lines
        .iter()
        .filter(|l| l["fields"]["message"] == "request finished")
        .collect();
    assert_eq!(finished.len(), 1, "one line per request: {lines:?}");
    let line = finished[0].clone();
    (lines, line)
}

#[tokio::test]
async fn each_request_logs_one_line_without_its_token_or_body() {
    captured();
    let app = TestApp::spawn().await;
    let request_id = format!("log-check-{}", uuid::Uuid::new_v4());
    let token = tokens::hs256(&tokens::claims(
        "log-subject-7",
        json!([{ "role": "consortium_admin" }]),
    ));
    let response = app
        .client()
        .post(app.url("/graphql"))
        .header("content-type", "application/json")
        .header("x-request-id", &request_id)
        .header(
            "traceparent",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        )
        .bearer_auth(&token)
        .body(
            json!({
                "query": "query LogCheck { programs(filter: { search: \"private-words\" }) { totalCount } }",
                "operationName": "LogCheck",
            })
            .to_string(),
        )
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 200);
    let (lines, finished) = finished_line(&request_id);
    let fields = &finished["fields"];
    assert_eq!(fields["http.method"], "POST");
    assert_eq!(fields["http.route"], "/graphql");
    assert_eq!(fields["http.status"], 200);
    assert!(fields["duration.ms"].as_f64().is_some());
    assert_eq!(fields["graphql.operation"], "LogCheck");
    assert_eq!(fields["viewer.sub"], "log-subject-7");
    assert_eq!(
        fields["trace.id"], "4bf92f3577b34da6a3ce929d0e0e4736",
        "the gateway's trace continues here"
    );
    let all = format!("{lines:?}");
    assert!(!all.contains(&token), "never the token");
    assert!(!all.contains("private-words"), "never the body");
}

#[tokio::test]
async fn an_unknown_path_is_logged_as_unmatched_never_as_sent() {
    captured();
    let app = TestApp::spawn().await;
    let request_id = format!("log-path-{}", uuid::Uuid::new_v4());
    let response = app
        .client()
        .get(app.url("/graphql/../secret-path-words"))
        .header("x-request-id", &request_id)
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 404);
    let (lines, finished) = finished_line(&request_id);
    assert_eq!(finished["fields"]["http.route"], "unmatched");
    assert_eq!(finished["fields"]["http.status"], 404);
    assert!(!format!("{lines:?}").contains("secret-path-words"));
}

/// A document with one named operation names the log line even when the request does not send
/// `operationName` (as the metrics count it).
#[tokio::test]
async fn the_log_names_the_documents_only_operation() {
    captured();
    let app = TestApp::spawn().await;
    let request_id = format!("log-name-{}", uuid::Uuid::new_v4());
    let response = app
        .client()
        .post(app.url("/graphql"))
        .header("content-type", "application/json")
        .header("x-request-id", &request_id)
        .body(json!({ "query": "query CountSchools { institutions { totalCount } }" }).to_string())
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 200);
    let (_, finished) = finished_line(&request_id);
    assert_eq!(finished["fields"]["graphql.operation"], "CountSchools");
}
