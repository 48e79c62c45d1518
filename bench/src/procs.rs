//! The processes a benchmark run starts: our server, the bare reference handler, PostGraphile.
//! Each is its own OS process, stopped when its handle drops.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A child process serving HTTP on `port`, killed on drop.
pub struct Server {
    pub port: u16,
    child: Child,
}

impl Server {
    /// Starts `command` and waits until `port` accepts connections.
    pub fn start(name: &'static str, mut command: Command, port: u16) -> Result<Self, String> {
        let child = command
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| format!("cannot start {name}: {e}"))?;
        let mut server = Self { port, child };
        let deadline = Instant::now() + Duration::from_secs(60);
        while Instant::now() < deadline {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return Ok(server);
            }
            if let Ok(Some(status)) = server.child.try_wait() {
                return Err(format!("{name} exited at start: {status}"));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        server.stop();
        Err(format!("{name} did not open port {port} within a minute"))
    }

    /// The URL of `/graphql`.
    pub fn graphql_url(&self) -> String {
        format!("http://127.0.0.1:{}/graphql", self.port)
    }

    /// Resident and peak resident memory in KiB, from /proc (Linux).
    pub fn memory_kib(&self) -> Option<(u64, u64)> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        let field = |name: &str| {
            status
                .lines()
                .find(|l| l.starts_with(name))?
                .split_whitespace()
                .nth(1)?
                .parse()
                .ok()
        };
        Some((field("VmRSS:")?, field("VmHWM:")?))
    }

    fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A port nobody listens on right now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// The workspace root (the bench runs from anywhere inside it).
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("bench/ is inside the workspace")
        .to_path_buf()
}

/// Builds the release `hitbridge` binary and returns its path (or the path in
/// `HITBRIDGE_BENCH_SERVER`, a binary built before, measured as it is).
///
/// The build runs without the variables `cargo run` set for the bench itself
/// (`LD_LIBRARY_PATH`, the bench's package metadata): with them, build scripts see another
/// environment and every run rebuilt the TLS and database crates and the server.
pub fn build_server() -> Result<PathBuf, String> {
    // A binary built before (say, of another commit) is measured as it is.
    if let Some(binary) = std::env::var_os("HITBRIDGE_BENCH_SERVER") {
        return Ok(PathBuf::from(binary));
    }
    let mut command = Command::new(env!("CARGO"));
    for (name, _) in std::env::vars_os() {
        let name = name.to_string_lossy();
        if name.starts_with("CARGO_PKG_")
            || name.starts_with("CARGO_MANIFEST_")
            || name == "LD_LIBRARY_PATH"
            || name == "RUST_RECURSION_COUNT"
        {
            command.env_remove(name.as_ref());
        }
    }
    let status = command
        .args([
            "build",
            "--release",
            "--locked",
            "-p",
            "api",
            "--bin",
            "hitbridge",
        ])
        .current_dir(workspace())
        .status()
        .map_err(|e| format!("cargo build: {e}"))?;
    if !status.success() {
        return Err("building the server failed".into());
    }
    Ok(workspace().join("target/release/hitbridge"))
}

/// Our server on `database_url`, on a free port, with the response cache on or off; returns
/// once it accepts connections.
pub fn start_hitbridge(binary: &Path, database_url: &str, cached: bool) -> Result<Server, String> {
    let port = free_port();
    Server::start(
        "hitbridge",
        hitbridge(binary, database_url, port, cached),
        port,
    )
}

fn hitbridge(binary: &Path, database_url: &str, port: u16, cached: bool) -> Command {
    let mut command = Command::new(binary);
    command
        .args(["serve", "--no-migrate"])
        .env_clear()
        .env("DATABASE_URL", database_url)
        .env("HITBRIDGE_ADDR", format!("127.0.0.1:{port}"))
        .env(
            "HITBRIDGE_PUBLIC_CACHE_TTL_SECS",
            if cached { "300" } else { "0" },
        )
        // Access logs off for every server measured (PostGraphile runs --disable-query-log), and
        // no request budget: the load generator is one client sending tens of thousands a second.
        .env("RUST_LOG", "warn")
        .env("HITBRIDGE_RATE_LIMITS", "off")
        .env("HITBRIDGE_JWT_SECRET", JWT_SECRET);
    command
}

/// The HS256 secret the benchmarked server verifies tokens with.
pub const JWT_SECRET: &str = "hitbridge-bench-secret-not-for-production";

/// A development token minted by `hitbridge token` with the bench's secret.
pub fn token(binary: &Path, database_url: &str, args: &[&str]) -> Result<String, String> {
    let output = Command::new(binary)
        .arg("token")
        .args(args)
        .env_clear()
        .env("DATABASE_URL", database_url)
        .env("HITBRIDGE_JWT_SECRET", JWT_SECRET)
        .output()
        .map_err(|e| format!("hitbridge token: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "hitbridge token failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// A one-off `hitbridge` command (migrate, seed) on `database_url`.
pub fn hitbridge_once(binary: &Path, database_url: &str, args: &[&str]) -> Result<(), String> {
    let output = Command::new(binary)
        .args(args)
        .env_clear()
        .env("DATABASE_URL", database_url)
        .env("RUST_LOG", "warn")
        .output()
        .map_err(|e| format!("hitbridge {args:?}: {e}"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "hitbridge {args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

/// Installs PostGraphile 4 (pinned in bench/node/package.json) with npm, once.
pub fn install_postgraphile() -> Result<PathBuf, String> {
    let dir = workspace().join("bench/node");
    let bin = dir.join("node_modules/.bin/postgraphile");
    if !bin.exists() {
        let status = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&dir)
            .status()
            .map_err(|e| format!("npm: {e}"))?;
        if !status.success() {
            return Err("npm ci in bench/node failed".into());
        }
    }
    Ok(bin)
}

/// PostGraphile 4 on `database_url`, one worker per core, query log off.
pub fn postgraphile(bin: &Path, database_url: &str, port: u16, workers: usize) -> Command {
    let mut command = Command::new("node");
    command.arg(bin).args([
        "--connection",
        database_url,
        "--host",
        "127.0.0.1",
        "--port",
        &port.to_string(),
        "--disable-query-log",
        "--disable-graphiql",
        "--cluster-workers",
        &workers.to_string(),
    ]);
    command
}
