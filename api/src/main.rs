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
        #[command(flatten)]
        flags: api::cli::token::Flags,
        /// Lifetime, e.g. 30m, 1h, 7d.
        #[arg(long, default_value = "1h")]
        ttl: String,
    },
    /// List the demo's people, for `token --persona NAME`.
    Personas,
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
    match cli.command {
        Command::Schema => {
            print!("{}", api::graphql::sdl());
            return ExitCode::SUCCESS;
        }
        Command::Personas => {
            print!("{}", api::seed::personas::table());
            return ExitCode::SUCCESS;
        }
        _ => {}
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
            tracing::info!(database = %config.database_url, "listening on http://{addr}/graphql");
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
        Command::Import(Import::Graduates { file, institution }) => {
            let db = api::db::connect(&config, Default::default()).await?;
            api::db::migrate(&db).await?;
            let report = api::cli::import_graduates(
                &db,
                &config.database_url.to_string(),
                &file,
                &institution,
            )
            .await?;
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
        Command::Schema | Command::Personas => {}
        Command::Token { flags, ttl } => {
            let by_persona = flags.persona.is_some();
            let (sub, claim) = api::cli::token::claim(flags)?;
            let ttl = parse_ttl(&ttl)?;
            if !matches!(claim, RoleClaim::ConsortiumAdmin {}) {
                let db = api::db::connect(&config, Default::default()).await?;
                let hint = if by_persona {
                    "; `hitbridge seed --demo` loads the demo's people"
                } else {
                    ""
                };
                api::cli::token::check_target(&db, &claim)
                    .await
                    .map_err(|why| format!("{why} ({}){hint}", config.database_url))?;
            }
            println!("{}", mint(&config.jwt, &sub, claim, ttl)?);
        }
    }
    Ok(())
}
