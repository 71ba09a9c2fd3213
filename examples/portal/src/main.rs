//! `portal`: the reference E-NGO portal service. See `README.md`.

use std::{io::Write as _, net::SocketAddr, path::PathBuf, process::ExitCode};

use clap::{Parser, Subcommand, ValueEnum};
use portal::{Database, Limits, Options, Portal, SampleOptions, TokenRequest};

/// The E-NGO portal service over engo: HTTP JSON API, audit log in SQLite or PostgreSQL, open
/// data.
#[derive(Debug, Parser)]
#[command(name = "portal", version, args_conflicts_with_subcommands = true)]
struct Args {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    serve: ServeArgs,
}

#[derive(Debug, clap::Args)]
struct ServeArgs {
    /// The database: a SQLite file (created if missing) or postgres://user@host:port/db.
    #[arg(long)]
    db: Option<String>,
    /// Address to listen on (port 0 picks a free port; the address is printed).
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// Load the sample dataset into an empty database.
    #[arg(long)]
    sample: bool,
    /// Scale of the sample (1 = national volume).
    #[arg(long, default_value_t = 0.01, requires = "sample")]
    scale: f64,
    /// Seed of the sample.
    #[arg(long, default_value_t = 1, requires = "sample")]
    seed: u64,
    /// Where generated exports are kept (default: a temporary directory).
    #[arg(long)]
    cache_dir: Option<PathBuf>,
    /// Writes a second per credential (0: no limit).
    #[arg(long, default_value_t = Limits::default().write_rate)]
    write_rate: f64,
    /// Connections at once from one client address.
    #[arg(long, default_value_t = Limits::default().connections_per_client)]
    connections_per_client: usize,
    /// Request logs on stderr: text or one JSON object a line.
    #[arg(long, value_enum, default_value_t = LogFormat::Text)]
    log_format: LogFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// API tokens: issue, revoke, list.
    Token {
        #[command(subcommand)]
        action: TokenAction,
    },
    /// Create or migrate the database schema, then exit.
    Migrate {
        /// The database.
        #[arg(long)]
        db: String,
    },
}

#[derive(Debug, Subcommand)]
enum TokenAction {
    /// Issue a token; prints it once (only its SHA-256 is stored).
    ///
    /// Example: portal token issue --db portal.sqlite --bin 060640131583 --roles customer,expert_commission --label "Akimat"
    Issue {
        /// The database.
        #[arg(long)]
        db: String,
        /// The BIN of the organisation or state body.
        #[arg(long)]
        bin: String,
        /// Its roles, comma-separated: customer, grant_operator, authorized_body,
        /// expert_commission, competition_commission, review_body, registry, applicant,
        /// implementer, mediation.
        #[arg(long)]
        roles: String,
        /// Whose token it is.
        #[arg(long, default_value = "")]
        label: String,
        /// Days until it expires.
        #[arg(long, default_value_t = 90)]
        days: i64,
    },
    /// Revoke a token by its id (tok_…).
    Revoke {
        /// The database.
        #[arg(long)]
        db: String,
        /// The token's id.
        id: String,
    },
    /// List the tokens (ids, BINs, roles, expiry; never secrets).
    List {
        /// The database.
        #[arg(long)]
        db: String,
    },
}

/// Resolves when the process is asked to stop (Ctrl-C, or SIGTERM on Unix).
async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = term => {}
    }
    tracing::info!("shutting down");
}

fn init_logs(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let _ = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder.json().try_init(),
    };
}

fn token(action: TokenAction) -> Result<(), String> {
    match action {
        TokenAction::Issue {
            db,
            bin,
            roles,
            label,
            days,
        } => {
            let request = TokenRequest {
                bin: bin.parse().map_err(|e| format!("--bin {bin:?}: {e}"))?,
                roles: roles
                    .split(',')
                    .map(|r| r.trim().parse().map_err(|e| format!("--roles: {e}")))
                    .collect::<Result<_, _>>()?,
                label,
                valid_for: chrono::Duration::days(days),
            };
            let issued =
                portal::issue_token(&Database::parse(&db), &request).map_err(|e| e.to_string())?;
            eprintln!(
                "portal: token {} for {} expires {}; it is shown once:",
                issued.id,
                request.bin,
                issued.expires_at.to_rfc3339()
            );
            println!("{}", issued.token);
            Ok(())
        }
        TokenAction::Revoke { db, id } => {
            match portal::revoke_token(&Database::parse(&db), &id).map_err(|e| e.to_string())? {
                true => {
                    eprintln!("portal: token {id} revoked");
                    Ok(())
                }
                false => Err(format!("no token {id}")),
            }
        }
        TokenAction::List { db } => {
            for t in portal::list_tokens(&Database::parse(&db)).map_err(|e| e.to_string())? {
                println!(
                    "{}\t{}\t{}\t{}\texpires {}{}",
                    t.id,
                    t.bin,
                    t.roles,
                    t.label,
                    t.expires_at.to_rfc3339(),
                    t.revoked_at
                        .map(|r| format!("\trevoked {}", r.to_rfc3339()))
                        .unwrap_or_default()
                );
            }
            Ok(())
        }
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    let outcome = match args.command {
        Some(Command::Token { action }) => tokio::task::spawn_blocking(move || token(action))
            .await
            .unwrap_or_else(|e| Err(e.to_string())),
        Some(Command::Migrate { db }) => tokio::task::spawn_blocking(move || {
            portal::list_tokens(&Database::parse(&db))
                .map(|_| eprintln!("portal: {db}: schema up to date"))
                .map_err(|e| e.to_string())
        })
        .await
        .unwrap_or_else(|e| Err(e.to_string())),
        None => serve(args.serve).await,
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("portal: error: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(args: ServeArgs) -> Result<(), String> {
    init_logs(args.log_format);
    let db_text = args.db.ok_or("--db is required")?;
    let db = Database::parse(&db_text);
    let mut options = Options::new(db.clone());
    options.sample = args.sample.then_some(SampleOptions {
        scale: args.scale,
        seed: args.seed,
    });
    options.cache_dir = args.cache_dir;
    options.limits.write_rate = args.write_rate;
    options.limits.connections_per_client = args.connections_per_client;
    let portal = tokio::task::spawn_blocking(move || Portal::open(&options))
        .await
        .map_err(|e| format!("start-up task failed: {e}"))?
        .map_err(|e| e.to_string())?;
    let s = portal.summary();
    if portal.seeded() {
        eprintln!("portal: loaded the sample into {db}");
    } else if args.sample {
        eprintln!("portal: {db} already holds a dataset; --sample ignored");
    }
    eprintln!(
        "portal: {} records, {} events replayed; stages agree with the database{}",
        s.records,
        s.events,
        if s.guard_warnings > 0 {
            format!(
                " ({} guard warnings against today's data)",
                s.guard_warnings
            )
        } else {
            String::new()
        }
    );
    let listener = tokio::net::TcpListener::bind(args.listen)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", args.listen))?;
    match listener.local_addr() {
        Ok(addr) => {
            // The one line on stdout: scripts and tests read the address from it.
            println!("portal: listening on http://{addr}");
            let _ = std::io::stdout().flush();
        }
        Err(e) => eprintln!("portal: warning: no local address: {e}"),
    }
    portal::serve(listener, &portal, shutdown_signal())
        .await
        .map_err(|e| e.to_string())
}
