//! `portal`: the E-NGO portal example service. See `README.md`.

use std::{io::Write as _, net::SocketAddr, path::PathBuf, process::ExitCode};

use clap::Parser;
use portal::{Options, Portal, SampleOptions};

/// A small E-NGO portal service over engo: HTTP JSON API, SQLite audit log, open data.
#[derive(Debug, Parser)]
#[command(name = "portal", version)]
struct Args {
    /// The SQLite database (created if missing).
    #[arg(long)]
    db: PathBuf,
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
    eprintln!("portal: shutting down");
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    let options = Options {
        db: args.db.clone(),
        sample: args.sample.then_some(SampleOptions {
            scale: args.scale,
            seed: args.seed,
        }),
    };
    let opened = tokio::task::spawn_blocking(move || Portal::open(&options)).await;
    let portal = match opened {
        Ok(Ok(p)) => p,
        Ok(Err(e)) => {
            eprintln!("portal: error: {e}");
            return ExitCode::FAILURE;
        }
        Err(e) => {
            eprintln!("portal: error: start-up task failed: {e}");
            return ExitCode::FAILURE;
        }
    };
    let s = portal.summary();
    if portal.seeded() {
        eprintln!("portal: loaded the sample into {}", args.db.display());
    } else if args.sample {
        eprintln!(
            "portal: {} already holds a dataset; --sample ignored",
            args.db.display()
        );
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
    let listener = match tokio::net::TcpListener::bind(args.listen).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("portal: error: cannot listen on {}: {e}", args.listen);
            return ExitCode::FAILURE;
        }
    };
    match listener.local_addr() {
        Ok(addr) => {
            // The one line on stdout: scripts and tests read the address from it.
            println!("portal: listening on http://{addr}");
            let _ = std::io::stdout().flush();
        }
        Err(e) => eprintln!("portal: warning: no local address: {e}"),
    }
    match portal::serve(listener, &portal, shutdown_signal()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("portal: error: {e}");
            ExitCode::FAILURE
        }
    }
}
