//! Test helpers: spawn the real server on a random port against a fresh database, and talk
//! GraphQL over HTTP to it.
//!
//! The database is a fresh SQLite file per test by default. When `DATABASE_URL` names a
//! PostgreSQL server, each test gets a fresh PostgreSQL database on it instead; when `REDIS_URL`
//! is set, the cache is Redis (each test under its own key namespace).

use std::sync::atomic::{AtomicU64, Ordering};

pub mod tokens;

use api::config::Config;
use api::startup::Application;
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use serde_json::{Value, json};
use tokio::io::AsyncBufReadExt;

/// A running server and a handle on its database.
pub struct TestApp {
    pub address: String,
    pub db: DatabaseConnection,
    pub database_url: String,
    /// The cache namespace (replicas share it).
    namespace: String,
    client: reqwest::Client,
    server: Server,
}

/// How a test server runs.
enum Server {
    /// A task of this test process, told to stop through `stop`.
    Task {
        stop: std::sync::Mutex<Option<tokio::sync::oneshot::Sender<()>>>,
        handle: tokio::sync::Mutex<Option<tokio::task::JoinHandle<std::io::Result<()>>>>,
    },
    /// A `hitbridge` process of its own (killed when dropped; a test binary killed outright
    /// leaves it running).
    Process {
        child: tokio::sync::Mutex<tokio::process::Child>,
        pid: u32,
    },
}

/// Which database a test app should use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// PostgreSQL when `DATABASE_URL` points there, SQLite otherwise.
    FromEnv,
    Sqlite,
    Postgres,
}

static NEXT: AtomicU64 = AtomicU64::new(0);

fn unique(prefix: &str) -> String {
    format!(
        "{prefix}_{}_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed),
        uuid::Uuid::new_v4().simple()
    )
}

/// What a test server runs with: its database, an ephemeral port, its cache namespace, the
/// tests' JWT secret and the environment's Redis (if any), each unless `settings` says otherwise,
/// then the rest of `settings`.
fn settings_of(
    database_url: &str,
    namespace: &str,
    settings: &[(&str, &str)],
) -> Vec<(String, String)> {
    let mut all = vec![
        ("DATABASE_URL".to_owned(), database_url.to_owned()),
        ("HITBRIDGE_ADDR".to_owned(), "127.0.0.1:0".to_owned()),
        ("HITBRIDGE_CACHE_NAMESPACE".to_owned(), namespace.to_owned()),
        ("HITBRIDGE_JWT_SECRET".to_owned(), tokens::SECRET.to_owned()),
    ];
    if let Ok(redis) = std::env::var("REDIS_URL") {
        all.push(("REDIS_URL".to_owned(), redis));
    }
    for (key, value) in settings {
        all.retain(|(k, _)| k != key);
        all.push(((*key).to_owned(), (*value).to_owned()));
    }
    all
}

/// The `hitbridge-replica` binary: cargo puts a package's binaries in the directory above the
/// one holding its test executables.
fn replica_binary() -> std::path::PathBuf {
    let test = std::env::current_exe().expect("the test executable");
    let dir = test
        .parent()
        .and_then(std::path::Path::parent)
        .expect("cargo's target directory");
    let binary = dir.join("hitbridge-replica");
    assert!(
        binary.exists(),
        "{} is missing: run the tests with cargo",
        binary.display()
    );
    binary
}

/// The PostgreSQL server named by `DATABASE_URL`, if any.
pub fn postgres_url() -> Option<String> {
    std::env::var("DATABASE_URL")
        .ok()
        .filter(|u| u.starts_with("postgres"))
}

async fn fresh_database(backend: Backend) -> String {
    let postgres = match backend {
        Backend::Sqlite => None,
        Backend::FromEnv => postgres_url(),
        Backend::Postgres => Some(postgres_url().expect("DATABASE_URL must name PostgreSQL")),
    };
    match postgres {
        None => {
            let dir = std::env::temp_dir().join("hitbridge-tests");
            std::fs::create_dir_all(&dir).expect("temp dir");
            let path = dir.join(format!("{}.db", unique("t")));
            format!("sqlite://{}?mode=rwc", path.display())
        }
        Some(base) => {
            let name = unique("hb_test");
            let admin = Database::connect(&base)
                .await
                .expect("connect to PostgreSQL");
            // C collation: the same text order as SQLite, so both backends answer alike.
            admin
                .execute_unprepared(&format!(
                    "CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'"
                ))
                .await
                .expect("create test database");
            let _ = admin.close().await;
            let (prefix, _) = base
                .rsplit_once('/')
                .expect("DATABASE_URL has a database name");
            format!("{prefix}/{name}")
        }
    }
}

impl TestApp {
    /// Starts a server on the default backend with default settings.
    pub async fn spawn() -> Self {
        Self::spawn_with(Backend::FromEnv, &[]).await
    }

    /// Starts a server on the default backend, seeded with the demo consortium.
    pub async fn spawn_demo() -> Self {
        let app = Self::spawn().await;
        app.seed().await;
        app
    }

    /// Starts a server with extra settings (`HITBRIDGE_*` name, value).
    pub async fn spawn_with(backend: Backend, settings: &[(&str, &str)]) -> Self {
        let database_url = fresh_database(backend).await;
        Self::start(database_url, unique("hbtest"), settings, true).await
    }

    /// Starts a server on the database at `database_url` (migrated at start).
    pub async fn spawn_on(database_url: String, settings: &[(&str, &str)]) -> Self {
        Self::start(database_url, unique("hbtest"), settings, true).await
    }

    /// Starts a second server on this one's database and cache namespace (a replica behind the
    /// same load balancer): a `hitbridge` process of its own, sharing PostgreSQL or the SQLite
    /// file, and Redis when configured.
    pub async fn spawn_replica(&self) -> Self {
        self.spawn_replica_with(&[]).await
    }

    /// Runs the `hitbridge` command line (this package's build of it, `hitbridge-replica`) on
    /// this server's database and settings, and waits for it.
    pub async fn run_cli(&self, args: &[&str]) -> std::process::Output {
        tokio::process::Command::new(replica_binary())
            .args(args)
            .env_clear()
            .env("RUST_LOG", "error")
            .envs(settings_of(&self.database_url, &self.namespace, &[]))
            .output()
            .await
            .expect("the command line runs")
    }

    /// [`Self::spawn_replica`] with extra settings (they should match the first server's).
    ///
    /// The process runs `hitbridge-replica`, this package's build of the `hitbridge` binary
    /// (the same `main.rs`), which cargo builds beside the test executables.
    pub async fn spawn_replica_with(&self, settings: &[(&str, &str)]) -> Self {
        let mut command = tokio::process::Command::new(replica_binary());
        command
            .args(["serve", "--no-migrate"])
            .env_clear()
            .env("RUST_LOG", "error")
            .envs(settings_of(&self.database_url, &self.namespace, settings));
        let mut child = command
            .stdout(std::process::Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .expect("the replica starts");
        let pid = child.id().expect("a running replica has a pid");
        // It prints where it serves once it is listening.
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = tokio::io::BufReader::new(stdout).lines();
        let address = tokio::time::timeout(std::time::Duration::from_secs(60), async {
            while let Ok(Some(line)) = lines.next_line().await {
                if let Some(url) = line.split("GraphiQL at ").nth(1) {
                    return url.trim_end_matches("/graphql").to_owned();
                }
            }
            panic!("the replica exited before serving");
        })
        .await
        .expect("the replica serves within a minute");
        let db = Database::connect(&self.database_url)
            .await
            .expect("connect to the replica's database");
        Self {
            address,
            db,
            database_url: self.database_url.clone(),
            namespace: self.namespace.clone(),
            client: reqwest::Client::new(),
            server: Server::Process {
                child: tokio::sync::Mutex::new(child),
                pid,
            },
        }
    }

    async fn start(
        database_url: String,
        namespace: String,
        settings: &[(&str, &str)],
        migrate: bool,
    ) -> Self {
        let settings = settings_of(&database_url, &namespace, settings);
        let config = Config::from_lookup(|key| {
            settings
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.clone())
        })
        .expect("valid test configuration");
        let app = Application::build(&config, migrate)
            .await
            .expect("app starts");
        let address = format!("http://{}", app.local_addr().expect("bound"));
        let db = app.db().clone();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(app.run_until(async {
            let _ = stopped.await;
        }));
        Self {
            address,
            db,
            database_url,
            namespace,
            client: reqwest::Client::new(),
            server: Server::Task {
                stop: std::sync::Mutex::new(Some(stop)),
                handle: tokio::sync::Mutex::new(Some(server)),
            },
        }
    }

    /// Tells the server to shut down, as SIGTERM does (a replica process gets SIGTERM).
    pub fn stop(&self) {
        match &self.server {
            Server::Task { stop, .. } => {
                if let Some(stop) = stop.lock().expect("lock").take() {
                    let _ = stop.send(());
                }
            }
            Server::Process { pid, .. } => {
                let _ = std::process::Command::new("kill")
                    .args(["-TERM", &pid.to_string()])
                    .status();
            }
        }
    }

    /// Waits until the server has stopped serving.
    pub async fn stopped(&self) {
        match &self.server {
            Server::Task { handle, .. } => {
                if let Some(server) = handle.lock().await.take() {
                    server
                        .await
                        .expect("server task")
                        .expect("server ran cleanly");
                }
            }
            Server::Process { child, .. } => {
                let status = child.lock().await.wait().await.expect("the replica exits");
                assert!(status.success(), "the replica ran cleanly: {status}");
            }
        }
    }

    /// The full URL of a path on this server.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    /// The HTTP client, for requests the `gql` builder does not make (odd headers, methods).
    pub fn client(&self) -> &reqwest::Client {
        &self.client
    }

    /// Loads the demo consortium.
    pub async fn seed(&self) {
        api::seed::seed_demo(&self.db)
            .await
            .expect("demo data loads");
    }

    /// Hits so far of the cache of `kind` (`response`, `persisted_query`, `document`).
    pub async fn cache_hits(&self, kind: &str) -> f64 {
        self.metric(&format!("hitbridge_cache_hits_total{{kind=\"{kind}\"}}"))
            .await
    }

    /// A GraphQL request to send.
    pub fn gql(&self, query: &str) -> Gql<'_> {
        Gql {
            app: self,
            body: json!({ "query": query }),
            token: None,
            accept: None,
            headers: Vec::new(),
        }
    }

    /// A plain GET on a path.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.address))
            .send()
            .await
            .expect("request sent")
    }

    /// A raw POST to /graphql with any body.
    pub async fn post_raw(&self, body: impl Into<reqwest::Body>) -> Reply {
        let response = self
            .client
            .post(format!("{}/graphql", self.address))
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .expect("request sent");
        Reply::from(response).await
    }

    /// The current value of a Prometheus counter from /metrics.
    pub async fn metric(&self, name: &str) -> f64 {
        let text = self
            .get("/metrics")
            .await
            .text()
            .await
            .expect("metrics text");
        text.lines()
            .find_map(|line| {
                let (key, value) = line.rsplit_once(' ')?;
                (key == name).then(|| value.parse().ok())?
            })
            .unwrap_or(0.0)
    }
}

/// A GraphQL request being built.
pub struct Gql<'a> {
    app: &'a TestApp,
    body: Value,
    token: Option<String>,
    accept: Option<String>,
    headers: Vec<(String, String)>,
}

impl Gql<'_> {
    /// Sets the variables.
    pub fn vars(mut self, variables: Value) -> Self {
        self.body["variables"] = variables;
        self
    }

    /// Sets the protocol extensions (a persisted query's hash, say).
    pub fn extensions(mut self, extensions: Value) -> Self {
        self.body["extensions"] = extensions;
        self
    }

    /// Sets the operation name.
    pub fn operation(mut self, name: &str) -> Self {
        self.body["operationName"] = Value::String(name.into());
        self
    }

    /// Sends a bearer token.
    pub fn bearer(mut self, token: impl Into<String>) -> Self {
        self.token = Some(token.into());
        self
    }

    /// Sets the Accept header.
    pub fn accept(mut self, accept: &str) -> Self {
        self.accept = Some(accept.into());
        self
    }

    /// Adds a header.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Sends it.
    pub async fn send(self) -> Reply {
        let mut request = self
            .app
            .client
            .post(format!("{}/graphql", self.app.address))
            .json(&self.body);
        if let Some(token) = self.token {
            request = request.bearer_auth(token);
        }
        if let Some(accept) = self.accept {
            request = request.header("accept", accept);
        }
        for (name, value) in self.headers {
            request = request.header(name, value);
        }
        Reply::from(request.send().await.expect("request sent")).await
    }
}

/// A response: status, headers and JSON body.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
}

impl Reply {
    /// Reads a response (a body that is not JSON is kept as a JSON string).
    pub async fn from(response: reqwest::Response) -> Self {
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let text = response.text().await.expect("body");
        let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
        Self {
            status,
            headers,
            body,
        }
    }

    /// `data`, asserting there were no errors.
    pub fn data(&self) -> &Value {
        assert!(
            self.body.get("errors").is_none(),
            "unexpected errors: {}",
            self.body
        );
        &self.body["data"]
    }

    /// The `extensions.code` of every error.
    pub fn codes(&self) -> Vec<String> {
        self.body["errors"]
            .as_array()
            .map(|errors| {
                errors
                    .iter()
                    .map(|e| {
                        e["extensions"]["code"]
                            .as_str()
                            .unwrap_or("<none>")
                            .to_string()
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The one error code, asserting there is exactly one error.
    pub fn code(&self) -> String {
        let codes = self.codes();
        assert_eq!(codes.len(), 1, "expected one error: {}", self.body);
        codes[0].clone()
    }
}

/// The nodes of a connection at `data[field]`.
pub fn nodes<'a>(data: &'a Value, field: &str) -> Vec<&'a Value> {
    data[field]["edges"]
        .as_array()
        .map(|edges| edges.iter().map(|e| &e["node"]).collect())
        .unwrap_or_default()
}

/// Undoes the migration `name` and every one after it, then applies them all again: how a
/// test replays a data migration over rows written as they were before it.
pub async fn reapply_migrations_from(db: &DatabaseConnection, name: &str) {
    use migration::{Migrator, MigratorTrait};
    let from = Migrator::migrations()
        .iter()
        .rev()
        .position(|m| m.name() == name)
        .unwrap_or_else(|| panic!("no migration {name}"))
        + 1;
    Migrator::down(db, Some(from as u32)).await.expect("down");
    Migrator::up(db, None).await.expect("up");
}
