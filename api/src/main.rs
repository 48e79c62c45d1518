//! `hitbridge`: serve the API, migrate, seed demo data, print the schema.

use std::process::ExitCode;

use api::auth::RoleClaim;
use api::auth::token::{mint, parse_ttl};
use api::config::Config;
use api::startup::Application;
use api::telemetry::Exporter;
use clap::{Parser, Subcommand};

/// mimalloc rather than glibc malloc: allocation was a fifth of the server's profile under load
/// (see BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// HIT Bridge: the consortium's GraphQL API.
#[derive(Parser)]
#[command(name = "hitbridge", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the server (applies pending migrations first unless --no-migrate).
    Serve {
        /// Also load the demo consortium (idempotent).
        #[arg(long)]
        demo: bool,
        /// Listen address, overriding HITBRIDGE_ADDR.
        #[arg(long)]
        addr: Option<std::net::SocketAddr>,
        /// Do not apply pending migrations.
        #[arg(long)]
        no_migrate: bool,
    },
    /// Apply pending migrations and exit.
    Migrate,
    /// Load data (idempotent: a second run changes nothing).
    #[command(group(clap::ArgGroup::new("what").required(true).args(["demo", "vocabulary"])))]
    Seed {
        /// The demo consortium, vocabulary included.
        #[arg(long)]
        demo: bool,
        /// Only the curated health-IT vocabulary: where a real consortium starts.
        #[arg(long)]
        vocabulary: bool,
    },
    /// Print the federation SDL (equal to schema.graphql).
    Schema,
    /// Import records from a file.
    #[command(subcommand)]
    Import(Import),
    /// Mint a development token signed with HITBRIDGE_JWT_SECRET (refuses without one).
    Token {
        /// The token's subject (`sub`).
        #[arg(long)]
        sub: String,
        /// consortium_admin, school_admin, school_staff, employer or graduate.
        #[arg(long)]
        role: String,
        /// Institution slug (school_admin, school_staff).
        #[arg(long)]
        institution: Option<String>,
        /// Employer slug (employer).
        #[arg(long)]
        employer: Option<String>,
        /// Graduate id (graduate).
        #[arg(long)]
        graduate: Option<String>,
        /// Lifetime, e.g. 30m, 1h, 7d.
        #[arg(long, default_value = "1h")]
        ttl: String,
    },
}

#[derive(Subcommand)]
enum Import {
    /// Graduates from a CSV file (columns in the README), all or nothing; importing the same
    /// file again creates nothing.
    Graduates {
        /// The CSV file.
        file: std::path::PathBuf,
        /// Slug of the institution the graduates belong to.
        #[arg(long)]
        institution: String,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Command::Schema = cli.command {
        print!("{}", api::graphql::sdl());
        return ExitCode::SUCCESS;
    }
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(err) => {
            eprintln!("hitbridge: {err}");
            return ExitCode::from(2);
        }
    };
    // Outside the runtime: the span exporter's blocking HTTP client may be neither made nor
    // dropped on a runtime thread.
    let exporter = match config.otlp_endpoint.as_deref().map(Exporter::start) {
        None => None,
        Some(Ok(exporter)) => Some(exporter),
        Some(Err(err)) => {
            eprintln!("hitbridge: {err}");
            return ExitCode::from(2);
        }
    };
    // The server logs at info; a one-off command only says what went wrong (RUST_LOG overrides).
    let level = if matches!(cli.command, Command::Serve { .. }) {
        "info"
    } else {
        "warn"
    };
    api::telemetry::init(config.log_format, exporter.as_ref(), level);
    let result = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime.block_on(run(cli.command, config)),
        Err(err) => Err(err.into()),
    };
    if let Some(exporter) = exporter {
        exporter.shutdown();
    }
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("hitbridge: {err}");
            ExitCode::FAILURE
        }
    }
}

async fn run(command: Command, mut config: Config) -> Result<(), Box<dyn std::error::Error>> {
    match command {
        Command::Serve {
            demo,
            addr,
            no_migrate,
        } => {
            if let Some(addr) = addr {
                config.addr = addr;
            }
            let app = Application::build(&config, !no_migrate).await?;
            if demo {
                let report = api::seed::seed_demo(app.db()).await?;
                tracing::info!(%report, "demo data loaded");
            }
            let addr = app.local_addr()?;
            tracing::info!(database = %redact(&config.database_url), "listening on http://{addr}/graphql");
            println!("HIT Bridge is up: GraphiQL at http://{addr}/graphql");
            app.run().await?;
        }
        Command::Migrate => {
            let db = api::db::connect(&config, Default::default()).await?;
            api::db::migrate(&db).await?;
            println!("migrations applied");
        }
        Command::Seed { demo, .. } => {
            let db = api::db::connect(&config, Default::default()).await?;
            api::db::migrate(&db).await?;
            if demo {
                let report = api::seed::seed_demo(&db).await?;
                println!("demo data: {report}");
            } else {
                let (terms, aliases) = api::seed::seed_vocabulary(&db).await?;
                println!("vocabulary: {terms} terms and {aliases} aliases added");
            }
        }
        Command::Schema => print!("{}", api::graphql::sdl()),
        Command::Import(Import::Graduates { file, institution }) => {
            let db = api::db::connect(&config, Default::default()).await?;
            api::db::migrate(&db).await?;
            let report = api::cli::import_graduates(&db, &file, &institution).await?;
            if !report.errors.is_empty() {
                for e in &report.errors {
                    let column = e
                        .column
                        .as_deref()
                        .map(|c| format!(", column {c}"))
                        .unwrap_or_default();
                    eprintln!("line {}{column}: {}", e.line, e.message);
                }
                let mut lines: Vec<u64> = report.errors.iter().map(|e| e.line).collect();
                lines.dedup();
                let (problems, rows) = (report.errors.len(), lines.len());
                let plural = |n: usize, one: &str, many: &str| {
                    format!("{n} {}", if n == 1 { one } else { many })
                };
                return Err(format!(
                    "{} in {}; nothing was imported",
                    plural(problems, "problem", "problems"),
                    plural(rows, "line", "lines")
                )
                .into());
            }
            println!(
                "imported: {} created, {} updated, {} unchanged",
                report.created, report.updated, report.unchanged
            );
        }
        Command::Token {
            sub,
            role,
            institution,
            employer,
            graduate,
            ttl,
        } => {
            let claim = serde_json::json!({
                "role": role, "institution": institution, "employer": employer, "graduate": graduate,
            });
            let claim = serde_json::Value::Object(
                claim
                    .as_object()
                    .into_iter()
                    .flatten()
                    .filter(|(_, v)| !v.is_null())
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect(),
            );
            let role: RoleClaim = serde_json::from_value(claim).map_err(|_| {
                "--role must be consortium_admin, school_admin or school_staff (with --institution), \
                 employer (with --employer) or graduate (with --graduate ID)"
                    .to_string()
            })?;
            let ttl = parse_ttl(&ttl)?;
            let target = [&institution, &employer, &graduate].map(|t| t.as_deref());
            if target.iter().any(Option::is_some) {
                let db = api::db::connect(&config, Default::default()).await?;
                api::cli::check_token_target(&db, target[0], target[1], target[2])
                    .await
                    .map_err(|why| format!("{why} ({})", redact(&config.database_url)))?;
            }
            println!("{}", mint(&config.jwt, &sub, role, ttl)?);
        }
    }
    Ok(())
}

/// The database URL without its password, for logs.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            format!("{}://***{}", &url[..scheme], &url[at..])
        }
        _ => url.to_owned(),
    }
}
