//! What every test needs: a fresh database on either store, a portal served in-process or the
//! built binary, tokens, and a few readers of the API.

use std::{
    io::{BufRead, BufReader},
    net::SocketAddr,
    path::PathBuf,
    process::{Child, Command, Stdio},
    time::Duration,
};

use portal::{Database, Limits, Options, Portal, SampleOptions, TokenRequest};
use serde_json::{Value, json};
use tokio::{sync::oneshot, task::JoinHandle};

use crate::http::get;

/// Runs a test against SQLite, and against PostgreSQL when `ENGO_TEST_POSTGRES` names a
/// server (`postgres://postgres@127.0.0.1:55432/postgres`): each test gets its own schema.
/// `both!(alone name)` runs while no other test runs (it measures latency).
macro_rules! both {
    (alone $name:ident) => {
        crate::support::both!(@ $name, write);
    };
    ($name:ident) => {
        crate::support::both!(@ $name, read);
    };
    (@ $name:ident, $access:ident) => {
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let _turn = crate::support::turns().$access().await;
                super::$name(crate::support::Fresh::sqlite()).await
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let _turn = crate::support::turns().$access().await;
                match crate::support::Fresh::postgres() {
                    Some(fresh) => super::$name(fresh).await,
                    None => eprintln!("skipped: ENGO_TEST_POSTGRES is not set"),
                }
            }
        }
    };
}
pub(crate) use both;

/// Turns of the tests: most share (read), a test that measures latency runs alone (write), so
/// that another test's exports or races do not load the two cores while it measures.
pub fn turns() -> &'static tokio::sync::RwLock<()> {
    static TURNS: std::sync::OnceLock<tokio::sync::RwLock<()>> = std::sync::OnceLock::new();
    TURNS.get_or_init(|| tokio::sync::RwLock::new(()))
}

/// Runs blocking work (a synchronous database client) off the async test's runtime thread.
pub fn blocking<T: Send>(work: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|s| s.spawn(work).join().unwrap())
}

/// A fresh, empty database for one test (removed at the end).
pub struct Fresh {
    pub db: Database,
    /// The test's directory: the SQLite file, the export caches, scratch files.
    dir: tempfile::TempDir,
    /// The PostgreSQL server and schema to drop.
    pg: Option<(String, String)>,
}

impl Fresh {
    pub fn sqlite() -> Fresh {
        let dir = tempfile::tempdir().unwrap();
        Fresh {
            db: Database::Sqlite(dir.path().join("portal.sqlite")),
            dir,
            pg: None,
        }
    }

    pub fn postgres() -> Option<Fresh> {
        let server = std::env::var("ENGO_TEST_POSTGRES").ok()?;
        let mut random = [0u8; 6];
        getrandom::fill(&mut random).unwrap();
        let schema = format!(
            "t_{}",
            random
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect::<String>()
        );
        blocking(|| {
            let mut client = postgres::Client::connect(&server, postgres::NoTls).unwrap();
            client
                .batch_execute(&format!("CREATE SCHEMA {schema}"))
                .unwrap();
        });
        let sep = if server.contains('?') { '&' } else { '?' };
        let url = format!("{server}{sep}options=-c%20search_path%3D{schema}");
        Some(Fresh {
            db: Database::Postgres(url),
            dir: tempfile::tempdir().unwrap(),
            pg: Some((server, schema)),
        })
    }

    pub fn is_postgres(&self) -> bool {
        self.pg.is_some()
    }

    /// The `--db` argument of the binary.
    pub fn arg(&self) -> String {
        match &self.db {
            Database::Sqlite(p) => p.display().to_string(),
            Database::Postgres(u) => u.clone(),
        }
    }

    /// A directory for the test's own files.
    pub fn scratch(&self) -> PathBuf {
        let base = self.dir.path().to_owned();
        let mut random = [0u8; 6];
        getrandom::fill(&mut random).unwrap();
        let dir = base.join(format!(
            "scratch-{}",
            random
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect::<String>()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    /// Runs SQL on the test's database (to tamper with it, or to check it).
    pub fn execute(&self, sql: &str) {
        self.try_execute(sql).unwrap()
    }

    /// Runs SQL; the database's refusal as text.
    pub fn try_execute(&self, sql: &str) -> Result<(), String> {
        blocking(|| match &self.db {
            Database::Sqlite(p) => {
                let conn = rusqlite::Connection::open(p).unwrap();
                conn.execute_batch(sql).map_err(|e| e.to_string())
            }
            Database::Postgres(url) => {
                let mut client = postgres::Client::connect(url, postgres::NoTls).unwrap();
                client.batch_execute(sql).map_err(|e| {
                    e.as_db_error()
                        .map_or_else(|| e.to_string(), |d| d.message().to_owned())
                })
            }
        })
    }

    /// The first column of every row of a query, as text.
    pub fn column(&self, sql: &str) -> Vec<String> {
        blocking(|| self.column_here(sql))
    }

    fn column_here(&self, sql: &str) -> Vec<String> {
        match &self.db {
            Database::Sqlite(p) => {
                let conn = rusqlite::Connection::open(p).unwrap();
                let mut select = conn.prepare(sql).unwrap();
                select
                    .query_map([], |r| {
                        Ok(match r.get_ref(0)? {
                            rusqlite::types::ValueRef::Integer(i) => i.to_string(),
                            rusqlite::types::ValueRef::Text(t) => {
                                String::from_utf8_lossy(t).into_owned()
                            }
                            other => format!("{other:?}"),
                        })
                    })
                    .unwrap()
                    .map(Result::unwrap)
                    .collect()
            }
            Database::Postgres(url) => {
                let mut client = postgres::Client::connect(url, postgres::NoTls).unwrap();
                client
                    .simple_query(sql)
                    .unwrap()
                    .into_iter()
                    .filter_map(|m| match m {
                        postgres::SimpleQueryMessage::Row(r) => r.get(0).map(str::to_owned),
                        _ => None,
                    })
                    .collect()
            }
        }
    }

    pub fn options(&self, sample: bool) -> Options {
        let mut options = Options::new(self.db.clone());
        options.sample = sample.then(SampleOptions::default);
        options.limits = test_limits();
        options.cache_dir = Some(self.scratch());
        options
    }

    /// Issues a token for `bin` with `roles` (valid a day).
    pub fn token(&self, bin: &str, roles: &[&str]) -> String {
        blocking(|| self.token_here(bin, roles))
    }

    fn token_here(&self, bin: &str, roles: &[&str]) -> String {
        portal::issue_token(
            &self.db,
            &TokenRequest {
                bin: bin.parse().unwrap(),
                roles: roles.iter().map(|r| r.parse().unwrap()).collect(),
                label: "test".to_owned(),
                valid_for: chrono::Duration::days(1),
            },
        )
        .unwrap()
        .token
    }
}

impl Drop for Fresh {
    fn drop(&mut self) {
        if let Some((server, schema)) = &self.pg {
            blocking(|| {
                if let Ok(mut client) = postgres::Client::connect(server, postgres::NoTls) {
                    let _ = client.batch_execute(&format!("DROP SCHEMA {schema} CASCADE"));
                }
            });
        }
    }
}

/// Limits for tests: the defaults with no write rate limit (tests write in bursts) and
/// generous connection caps (every test client is on 127.0.0.1).
pub fn test_limits() -> Limits {
    Limits {
        write_rate: 0.0,
        connections_per_client: 512,
        ..Limits::default()
    }
}

/// A portal served in-process on 127.0.0.1:0.
pub struct Server {
    pub addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<std::io::Result<()>>,
}

impl Server {
    pub async fn start(fresh: &Fresh) -> Server {
        Server::with(fresh.options(true)).await
    }

    pub async fn with(options: Options) -> Server {
        let portal = tokio::task::spawn_blocking(move || Portal::open(&options))
            .await
            .unwrap()
            .unwrap_or_else(|e| panic!("start: {e}"));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            portal::serve(listener, &portal, async {
                let _ = stopped.await;
            })
            .await
        });
        Server {
            addr,
            stop: Some(stop),
            task,
        }
    }

    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        tokio::time::timeout(Duration::from_secs(40), &mut self.task)
            .await
            .expect("graceful shutdown")
            .unwrap()
            .unwrap();
    }
}

/// The built binary, started on 127.0.0.1:0; its address read from its first stdout line.
pub struct Binary {
    child: Child,
    pub addr: SocketAddr,
}

impl Binary {
    pub fn start(fresh: &Fresh, sample: bool) -> Binary {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_portal"));
        cmd.arg("--db")
            .arg(fresh.arg())
            .arg("--cache-dir")
            .arg(fresh.scratch())
            .args(["--listen", "127.0.0.1:0", "--write-rate", "0"]);
        if sample {
            cmd.arg("--sample");
        }
        let mut child = cmd
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = tx.send(line);
        });
        let line = rx
            .recv_timeout(Duration::from_secs(120))
            .expect("the binary prints its address");
        let addr = line
            .trim()
            .strip_prefix("portal: listening on http://")
            .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
            .parse()
            .unwrap();
        Binary { child, addr }
    }

    /// SIGKILL: no shutdown, no flush, nothing but what is on disk survives.
    pub fn kill(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

/// The first record of `route` in `stage`: (id, last seq, the record view).
pub async fn first_in(addr: SocketAddr, route: &str, stage: &str) -> (String, u64, Value) {
    let list = get(addr, &format!("/{route}?stage={stage}&limit=1000")).await;
    assert_eq!(list.status, 200, "{}", list.text());
    let items = list.json()["items"].as_array().unwrap().clone();
    let first = items
        .first()
        .unwrap_or_else(|| panic!("no {route} in stage {stage}"));
    let id = first["id"].as_str().unwrap().to_owned();
    let one = get(addr, &format!("/{route}/{id}")).await;
    assert_eq!(one.status, 200);
    let v = one.json();
    assert_eq!(v["stage"], stage);
    (id, v["seq"].as_u64().unwrap(), v)
}

/// An event body.
pub fn event(seq: u64, event: &str) -> String {
    json!({ "seq": seq, "event": event }).to_string()
}

/// The finding codes of an error body.
pub fn codes(reply: &Value) -> Vec<String> {
    reply["error"]["findings"]
        .as_array()
        .map(|f| {
            f.iter()
                .map(|x| x["code"].as_str().unwrap().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// An order in `bid_review` with a token of its customer: (id, last seq, token).
pub async fn order_and_customer(fresh: &Fresh, addr: SocketAddr) -> (String, u64, String) {
    let (id, seq, order) = first_in(addr, "social-orders", "bid_review").await;
    let customer = order["record"]["customer"].as_str().unwrap().to_owned();
    let token = fresh.token(&customer, &["customer"]);
    (id, seq, token)
}
