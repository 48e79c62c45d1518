//! Dependencies that fail, and stopping: requests fail fast with SERVICE_UNAVAILABLE when the
//! database cannot serve them, a Redis outage costs no request, readiness always answers, and a
//! stopped server finishes what is in flight within its grace period.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use hitbridge_tests::{Backend, TestApp};
use sea_orm::{EntityTrait, TransactionTrait};
use serde_json::Value;

#[tokio::test]
async fn with_the_database_gone_requests_answer_503_and_readiness_names_it() {
    let app = TestApp::spawn().await;
    app.db.clone().close().await.expect("close the pool");
    let reply = app.gql("{ programs { totalCount } }").send().await;
    assert_eq!(reply.status, 503, "{}", reply.body);
    assert_eq!(reply.code(), "SERVICE_UNAVAILABLE");
    let ready = app.get("/readyz").await;
    assert_eq!(ready.status(), 503);
    let body: Value = ready.json().await.expect("json");
    assert_eq!(body["database"], "unavailable");
}

#[tokio::test]
async fn waiting_for_a_database_connection_is_bounded_by_its_own_timeout() {
    let app = TestApp::spawn_with(
        Backend::FromEnv,
        &[
            ("HITBRIDGE_DB_MAX_CONNECTIONS", "1"),
            ("HITBRIDGE_DB_ACQUIRE_TIMEOUT_MS", "200"),
            ("HITBRIDGE_REQUEST_TIMEOUT_MS", "30000"),
        ],
    )
    .await;
    let held = app.db.begin().await.expect("hold the only connection");
    let reply = app.gql("{ institutions { totalCount } }").send().await;
    assert_eq!(reply.status, 503);
    assert_eq!(reply.code(), "SERVICE_UNAVAILABLE");
    assert!(
        reply.body.to_string().contains("database"),
        "the acquire timeout answered, not the request timeout: {}",
        reply.body
    );
    drop(held);
    let after = app.gql("{ institutions { totalCount } }").send().await;
    assert_eq!(after.status, 200);
}

/// A redis-server of our own on a spare port, killed on drop.
struct OwnRedis {
    child: Child,
    port: u16,
}

impl OwnRedis {
    /// Starts one, or `None` on a machine without redis-server (the embedded default needs none).
    fn start() -> Option<Self> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .ok()?
            .port();
        Self::start_on(port)
    }

    /// Starts one on `port` (again, after a kill).
    fn start_on(port: u16) -> Option<Self> {
        let child = Command::new("redis-server")
            .args(["--port", &port.to_string(), "--bind", "127.0.0.1"])
            .args(["--save", "", "--appendonly", "no"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .ok()?;
        let own = Self { child, port };
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return Some(own);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }

    fn url(&self) -> String {
        format!("redis://127.0.0.1:{}", self.port)
    }

    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// `CONFIG SET name value` on it.
    fn config(&self, name: &str, value: &str) {
        let status = Command::new("redis-cli")
            .args(["-p", &self.port.to_string(), "config", "set", name, value])
            .stdout(Stdio::null())
            .status()
            .expect("redis-cli");
        assert!(status.success(), "config set {name} {value}");
    }
}

impl Drop for OwnRedis {
    fn drop(&mut self) {
        self.kill();
    }
}

/// A server with the demo data whose cache is `redis`, without rate limits (the tests' streams
/// come from one client address as fast as it can send).
async fn seeded_on(redis: &OwnRedis) -> TestApp {
    let url = redis.url();
    let settings = [
        ("REDIS_URL", url.as_str()),
        ("HITBRIDGE_RATE_LIMITS", "off"),
    ];
    let app = TestApp::spawn_with(Backend::FromEnv, &settings).await;
    app.seed().await;
    app
}

/// Anonymous catalog reads and signed-in reads, sent without pause by four clients until
/// `stop`: how many were sent, and how many failed.
fn steady_stream(app: &TestApp, stop: Arc<AtomicBool>) -> tokio::task::JoinHandle<(usize, usize)> {
    let url = app.url("/graphql");
    let admin = hitbridge_tests::tokens::consortium_admin();
    tokio::spawn(async move {
        let client = reqwest::Client::new();
        let clients: Vec<_> = (0..4)
            .map(|n| {
                let (client, url, admin, stop) =
                    (client.clone(), url.clone(), admin.clone(), stop.clone());
                async move {
                    let (mut sent, mut failed) = (0, 0);
                    while !stop.load(Ordering::Relaxed) {
                        let mut request = client.post(&url).json(&serde_json::json!({
                        "query": "{ programs(first: 5) { edges { node { slug } } } }" }));
                        if n % 2 == 1 {
                            request = request.bearer_auth(&admin);
                        }
                        let ok = match request.send().await {
                            Ok(r) if r.status() == 200 => r
                                .json::<Value>()
                                .await
                                .is_ok_and(|b| b.get("errors").is_none()),
                            _ => false,
                        };
                        sent += 1;
                        if !ok {
                            failed += 1;
                        }
                    }
                    (sent, failed)
                }
            })
            .map(tokio::spawn)
            .collect();
        let mut total = (0, 0);
        for client in clients {
            let (sent, failed) = client.await.expect("client");
            total = (total.0 + sent, total.1 + failed);
        }
        total
    })
}

async fn readiness(app: &TestApp) -> (u16, Value, Duration) {
    let started = std::time::Instant::now();
    let ready = app
        .client()
        .get(app.url("/readyz"))
        .timeout(Duration::from_secs(3))
        .send()
        .await
        .expect("readiness answers");
    let status = ready.status().as_u16();
    (status, ready.json().await.expect("json"), started.elapsed())
}

#[tokio::test]
async fn a_redis_outage_under_traffic_fails_no_request_and_caching_comes_back_by_itself() {
    let Some(mut redis) = OwnRedis::start() else {
        eprintln!("redis-server is not installed here; the outage test needs one");
        return;
    };
    let app = seeded_on(&redis).await;
    let stop = Arc::new(AtomicBool::new(false));
    let stream = steady_stream(&app, stop.clone());
    tokio::time::sleep(Duration::from_millis(300)).await;

    redis.kill();
    let (status, body, took) = readiness(&app).await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert!(
        app.metric("hitbridge_cache_failures_total").await > 0.0,
        "fallbacks are counted"
    );
    assert_eq!((status, body["cache"].as_str()), (503, Some("unavailable")));
    assert_eq!(body["database"], "ok");
    assert!(took < Duration::from_secs(1), "readiness took {took:?}");
    tokio::time::sleep(Duration::from_millis(500)).await;

    let port = redis.port;
    let _back = OwnRedis::start_on(port).expect("redis-server again");
    let mut ready = false;
    for _ in 0..50 {
        if readiness(&app).await.0 == 200 {
            ready = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(ready, "readiness recovers by itself");
    tokio::time::sleep(Duration::from_millis(300)).await;
    stop.store(true, Ordering::Relaxed);
    let (sent, failed) = stream.await.expect("stream");
    assert!(sent > 40, "a steady stream: {sent} requests");
    assert_eq!(failed, 0, "{failed} of {sent} requests failed");

    // Caching works again: the same anonymous read is answered from the cache.
    let catalog = "{ programs(first: 5) { edges { node { slug } } } }";
    app.gql(catalog).send().await.data();
    let hits = app.cache_hits("response").await;
    app.gql(catalog).send().await.data();
    assert_eq!(app.cache_hits("response").await, hits + 1.0);
}

#[tokio::test]
async fn a_write_whose_invalidation_redis_refused_is_never_hidden_by_a_cached_page() {
    let Some(redis) = OwnRedis::start() else {
        eprintln!("redis-server is not installed here; this test needs one");
        return;
    };
    let app = seeded_on(&redis).await;
    let list = app
        .gql("{ institutions(first: 1) { edges { node { id version } } } }")
        .send()
        .await;
    let school = hitbridge_tests::nodes(list.data(), "institutions")[0].clone();
    let page = format!(
        "{{ institution(id: \"{}\") {{ name }} }}",
        school["id"].as_str().expect("id")
    );
    let page = page.as_str();
    app.gql(page).send().await.data();
    let hits = app.cache_hits("response").await;
    app.gql(page).send().await.data();
    assert_eq!(app.cache_hits("response").await, hits + 1.0, "stored");

    // Out of memory, Redis still answers reads but refuses writes: the rename's bump is lost.
    redis.config("maxmemory", "1");
    let rename = app
        .gql(
            "mutation($id: ID!, $v: Int!) { updateInstitution(id: $id, expectedVersion: $v,
                input: { name: \"Renamed While Redis Was Full\" }) { name } }",
        )
        .vars(serde_json::json!({ "id": school["id"], "v": school["version"] }))
        .bearer(hitbridge_tests::tokens::consortium_admin())
        .send()
        .await;
    rename.data();
    let read = app.gql(page).send().await;
    assert_eq!(
        read.data()["institution"]["name"],
        "Renamed While Redis Was Full",
        "the stored page is not served while its invalidation is missing"
    );

    // Redis takes writes again: the missed bump is made, and the cache is used again.
    redis.config("maxmemory", "0");
    app.gql(page).send().await.data();
    let hits = app.cache_hits("response").await;
    let again = app.gql(page).send().await;
    assert_eq!(app.cache_hits("response").await, hits + 1.0);
    assert_eq!(
        again.data()["institution"]["name"],
        "Renamed While Redis Was Full"
    );
}

#[tokio::test]
async fn a_replica_process_stops_cleanly_on_sigterm() {
    let app = TestApp::spawn().await;
    let replica = app.spawn_replica().await;
    replica
        .gql("{ programs { totalCount } }")
        .send()
        .await
        .data();
    replica.stop();
    tokio::time::timeout(Duration::from_secs(15), replica.stopped())
        .await
        .expect("the process exits within its grace period, with success");
    let gone = reqwest::Client::new()
        .get(replica.url("/healthz"))
        .send()
        .await;
    assert!(gone.is_err(), "nothing listens any more");
}

/// A server whose only pooled connection is held (so requests wait for it), with a request
/// already waiting: the server, the held connection, and the waiting request's status.
async fn server_with_a_waiting_request(
    settings: &[(&str, &str)],
) -> (
    TestApp,
    sea_orm::DatabaseTransaction,
    tokio::task::JoinHandle<Result<u16, reqwest::Error>>,
) {
    let mut all = vec![("HITBRIDGE_DB_MAX_CONNECTIONS", "1")];
    all.extend_from_slice(settings);
    let app = TestApp::spawn_with(Backend::FromEnv, &all).await;
    let held = app.db.begin().await.expect("hold the only connection");
    let url = app.url("/graphql");
    let waiting = tokio::spawn(async move {
        reqwest::Client::new()
            .post(url)
            .header("content-type", "application/json")
            .body(r#"{"query": "{ institutions { totalCount } }"}"#)
            .send()
            .await
            .map(|r| r.status().as_u16())
    });
    tokio::time::sleep(Duration::from_millis(300)).await;
    (app, held, waiting)
}

#[tokio::test]
async fn a_stopped_server_takes_no_new_connections_and_finishes_what_is_in_flight() {
    let (app, held, in_flight) = server_with_a_waiting_request(&[
        ("HITBRIDGE_DB_ACQUIRE_TIMEOUT_MS", "10000"),
        ("HITBRIDGE_SHUTDOWN_GRACE_MS", "10000"),
    ])
    .await;
    app.stop();
    tokio::time::sleep(Duration::from_millis(200)).await;
    let refused = reqwest::Client::new().get(app.url("/healthz")).send().await;
    assert!(refused.is_err(), "no new connections once stopping");
    drop(held);
    let status = in_flight
        .await
        .expect("task")
        .expect("the in-flight request was answered");
    assert_eq!(status, 200);
    tokio::time::timeout(Duration::from_secs(10), app.stopped())
        .await
        .expect("the server stops once idle");
}

#[tokio::test]
async fn a_stopped_server_exits_after_its_grace_period_even_with_requests_stuck() {
    let (app, held, stuck) = server_with_a_waiting_request(&[
        ("HITBRIDGE_DB_ACQUIRE_TIMEOUT_MS", "60000"),
        ("HITBRIDGE_REQUEST_TIMEOUT_MS", "60000"),
        ("HITBRIDGE_SHUTDOWN_GRACE_MS", "300"),
    ])
    .await;
    app.stop();
    tokio::time::timeout(Duration::from_secs(10), app.stopped())
        .await
        .expect("the grace period ends the wait");
    stuck.abort();
    drop(held);
}

/// A PostgreSQL cluster of our own (initdb in a temporary directory, on a spare port), so that
/// restarting it disturbs no other test; stopped and removed on drop. Run as the `postgres`
/// user when the tests run as root (the server refuses root).
struct OwnPostgres {
    bin: PathBuf,
    dir: PathBuf,
    port: u16,
}

impl OwnPostgres {
    /// Starts one, or `None` on a machine without PostgreSQL's server binaries.
    fn start() -> Option<Self> {
        let bin = std::fs::read_dir("/usr/lib/postgresql")
            .ok()?
            .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
            .find(|b| b.join("initdb").exists())?;
        let dir = std::env::temp_dir().join(format!("hb-pg-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).ok()?;
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .ok()?
            .port();
        let own = Self { bin, dir, port };
        if Self::as_root() {
            Command::new("chown")
                .args(["postgres:postgres"])
                .arg(&own.dir)
                .status()
                .ok()?;
        }
        let data = own.dir.join("data");
        let initdb = own
            .command("initdb")
            .arg("-D")
            .arg(&data)
            .args(["-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .ok()?;
        if !initdb.success() {
            return None;
        }
        own.pg_ctl(&["start", "-w"]).then_some(own)
    }

    fn as_root() -> bool {
        Command::new("id")
            .arg("-u")
            .output()
            .is_ok_and(|o| o.stdout.trim_ascii() == b"0")
    }

    /// One of the server's programs, as the `postgres` user when we are root.
    fn command(&self, program: &str) -> Command {
        let path = self.bin.join(program);
        if Self::as_root() {
            let mut command = Command::new("runuser");
            command.args(["-u", "postgres", "--"]).arg(path);
            command
        } else {
            Command::new(path)
        }
    }

    fn pg_ctl(&self, action: &[&str]) -> bool {
        let options = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1",
            self.port,
            self.dir.display()
        );
        self.command("pg_ctl")
            .arg("-D")
            .arg(self.dir.join("data"))
            .args(["-m", "fast", "-o", &options, "-l"])
            .arg(self.dir.join("log"))
            .args(action)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    }

    fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }
}

impl Drop for OwnPostgres {
    fn drop(&mut self) {
        self.pg_ctl(&["stop", "-w"]);
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[tokio::test]
async fn a_postgresql_restart_under_traffic_loses_no_committed_write_and_heals_by_itself() {
    let Some(pg) = OwnPostgres::start() else {
        eprintln!(
            "PostgreSQL's server binaries are not installed here; the restart test needs them"
        );
        return;
    };
    let app = TestApp::spawn_on(pg.url(), &[("HITBRIDGE_RATE_LIMITS", "off")]).await;
    let admin = hitbridge_tests::tokens::consortium_admin();
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (url, stop) = (app.url("/graphql"), stop.clone());
        tokio::spawn(async move {
            let client = reqwest::Client::new();
            let mut outcomes = Vec::new();
            let mut n = 0;
            while !stop.load(Ordering::Relaxed) {
                n += 1;
                let slug = format!("restart-school-{n}");
                let started = std::time::Instant::now();
                let sent = client
                    .post(&url)
                    .bearer_auth(&admin)
                    .json(&serde_json::json!({
                        "query": "mutation($i: CreateInstitutionInput!) { createInstitution(input: $i) { id } }",
                        "variables": { "i": { "slug": slug, "name": "Restart School",
                            "kind": "COMMUNITY_COLLEGE", "city": "Macon", "state": "GA", "region": "Middle Georgia" } } }))
                    .send()
                    .await;
                let answer = match sent {
                    Ok(r) => (
                        r.status().as_u16(),
                        r.json::<Value>().await.unwrap_or(Value::Null),
                    ),
                    Err(_) => (0, Value::Null),
                };
                outcomes.push((slug, answer, started.elapsed()));
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            outcomes
        })
    };
    tokio::time::sleep(Duration::from_millis(500)).await;
    let restarted = tokio::task::spawn_blocking(move || (pg.pg_ctl(&["restart", "-w"]), pg))
        .await
        .expect("restart");
    assert!(restarted.0, "pg_ctl restart");
    let _pg = restarted.1;

    // Service resumes by itself.
    let mut healed = false;
    for _ in 0..100 {
        let reply = app
            .gql("{ institutions(first: 1) { totalCount } }")
            .send()
            .await;
        if reply.status == 200 && reply.codes().is_empty() {
            healed = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(healed, "requests succeed again after the restart");
    tokio::time::sleep(Duration::from_millis(300)).await;
    stop.store(true, Ordering::Relaxed);
    let outcomes = writer.await.expect("writer");

    let mut committed = Vec::new();
    for (slug, (status, body), took) in &outcomes {
        if *status == 200 && body.get("errors").is_none() {
            committed.push(slug.clone());
            continue;
        }
        let code = body["errors"][0]["extensions"]["code"]
            .as_str()
            .unwrap_or_default();
        assert_eq!(
            (*status, code),
            (503, "SERVICE_UNAVAILABLE"),
            "{slug}: {body}"
        );
        assert!(
            *took < Duration::from_secs(3),
            "{slug} failed slowly: {took:?}"
        );
    }
    let refused = outcomes.len() - committed.len();
    eprintln!(
        "restart: {} acknowledged, {refused} refused",
        committed.len()
    );
    assert!(
        committed.len() >= 10,
        "writes went through: {}",
        committed.len()
    );
    let stored: Vec<String> = entity::institution::Entity::find()
        .all(&app.db)
        .await
        .expect("read after the restart")
        .into_iter()
        .map(|i| i.slug)
        .collect();
    for slug in &committed {
        assert!(stored.contains(slug), "acknowledged write {slug} was lost");
    }
}
