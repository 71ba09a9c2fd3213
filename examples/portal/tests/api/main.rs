//! Integration tests of the portal: the real server on a loopback port, real HTTP.
//!
//! Most tests run the server in-process (`portal::Portal` + `portal::serve`); the crash test
//! runs the built binary and kills it after a 201.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs,
    unreachable_pub
)]

mod http;

use std::{
    collections::BTreeMap,
    io::{BufRead, BufReader},
    net::SocketAddr,
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    sync::Arc,
    time::Duration,
};

use http::{get, get_in, post};
use portal::{Options, Portal, SampleOptions, StartError};
use serde_json::{Value, json};
use tokio::{sync::oneshot, task::JoinHandle};

/// A portal served in-process on 127.0.0.1:0.
struct Server {
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<std::io::Result<()>>,
}

impl Server {
    async fn start(db: &Path) -> Server {
        let options = Options {
            db: db.to_owned(),
            sample: Some(SampleOptions::default()),
        };
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

    async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        tokio::time::timeout(Duration::from_secs(30), &mut self.task)
            .await
            .expect("graceful shutdown")
            .unwrap()
            .unwrap();
    }
}

fn db_in(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("portal.sqlite")
}

/// The first record of `route` in `stage`: (id, last seq, the record).
async fn first_in(addr: SocketAddr, route: &str, stage: &str) -> (String, u64, Value) {
    let list = get(addr, &format!("/{route}?stage={stage}")).await;
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

fn event(seq: u64, event: &str, role: &str, org: &str) -> String {
    json!({ "seq": seq, "event": event, "actor": { "role": role, "org": org } }).to_string()
}

fn codes(reply: &Value) -> Vec<String> {
    reply["error"]["findings"]
        .as_array()
        .map(|f| {
            f.iter()
                .map(|x| x["code"].as_str().unwrap().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn happy_path_moves_records_and_keeps_their_history() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(&db_in(&dir)).await;
    let addr = server.addr;

    let (id, seq, order) = first_in(addr, "social-orders", "bid_review").await;
    let customer = order["record"]["customer"].as_str().unwrap().to_owned();
    assert_eq!(order["history"].as_array().unwrap().len() as u64, seq);
    let path = format!("/social-orders/{id}/events");

    let r = post(
        addr,
        &path,
        "en",
        &event(seq + 1, "fail", "customer", &customer),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(
        r.header("location"),
        Some(format!("/social-orders/{id}").as_str())
    );
    let v = r.json();
    assert_eq!(
        (v["from"].as_str(), v["stage"].as_str()),
        (Some("bid_review"), Some("failed"))
    );
    assert_eq!(v["seq"], seq + 1);
    assert_eq!(v["transition"], "social_order.fail");

    let r = post(
        addr,
        &path,
        "en",
        &event(seq + 2, "announce", "customer", &customer),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(r.json()["stage"], "announced");

    let now = get(addr, &format!("/social-orders/{id}")).await.json();
    assert_eq!(now["stage"], "announced");
    assert_eq!(now["seq"], seq + 2);
    assert_eq!(now["record"]["stage"], "announced");
    let history = now["history"].as_array().unwrap();
    let seqs: Vec<u64> = history.iter().map(|h| h["seq"].as_u64().unwrap()).collect();
    assert_eq!(seqs, (1..=seq + 2).collect::<Vec<_>>());
    let last_two: Vec<(&str, &str, &str)> = history[history.len() - 2..]
        .iter()
        .map(|h| {
            (
                h["event"].as_str().unwrap(),
                h["from"].as_str().unwrap(),
                h["to"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        last_two,
        [
            ("fail", "bid_review", "failed"),
            ("announce", "failed", "announced")
        ]
    );

    // A project: planned → active, and its history in GET /projects/{id}.
    let (pid, pseq, project) = first_in(addr, "projects", "planned").await;
    let implementer = project["record"]["implementer"]
        .as_str()
        .unwrap()
        .to_owned();
    let r = post(
        addr,
        &format!("/projects/{pid}/events"),
        "ru",
        &event(pseq + 1, "start", "implementer", &implementer),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let p = get(addr, &format!("/projects/{pid}")).await.json();
    assert_eq!(p["stage"], "active");
    assert_eq!(
        p["history"].as_array().unwrap().last().unwrap()["to"],
        "active"
    );

    // The open data shows the new stages.
    let export = get(addr, "/open-data/json").await;
    assert_eq!(export.status, 200);
    let ds = export.json();
    let exported = ds["social_orders"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == id.as_str())
        .unwrap();
    assert_eq!(exported["stage"], "announced");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reads_organizations_and_transition_tables() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(&db_in(&dir)).await;
    let addr = server.addr;

    let all = get(addr, "/organizations?limit=1000").await.json();
    let total = all["total"].as_u64().unwrap();
    assert!(total > 10);
    let first = &all["organizations"][0];
    let bin = first["bin"].as_str().unwrap();
    let region = first["region"].as_str().unwrap();
    let area = first["areas"][0].as_str().unwrap();
    let status = first["status"]["stage"].as_str().unwrap();

    let filtered = get(
        addr,
        &format!("/organizations?region={region}&area={area}&status={status}&limit=1000"),
    )
    .await
    .json();
    let list = filtered["organizations"].as_array().unwrap();
    assert!(list.iter().any(|o| o["bin"] == bin));
    assert!(filtered["total"].as_u64().unwrap() <= total);
    for o in list {
        assert_eq!(o["region"], region);
        assert!(o["areas"].as_array().unwrap().iter().any(|a| a == area));
        assert_eq!(o["status"]["stage"], status);
    }
    let page = get(addr, "/organizations?limit=2&offset=1").await.json();
    assert_eq!(page["organizations"].as_array().unwrap().len(), 2);
    assert_eq!(
        page["organizations"][0]["bin"],
        all["organizations"][1]["bin"]
    );

    let one = get(addr, &format!("/organizations/{bin}")).await;
    assert_eq!(one.status, 200);
    let one = one.json();
    assert_eq!(one["machine"], "organization");
    assert_eq!(one["stage"], status);
    assert!(one["seq"].as_u64().unwrap() >= 1);

    let table = get(addr, "/stages/social_order").await.json();
    assert_eq!(table["initial"], "proposed");
    assert!(
        table["transitions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["code"] == "social_order.award"
                && t["guards"] == json!(["winner_eligible", "amount_within_budget"]))
    );
    assert_eq!(get(addr, "/stages/social-order").await.json(), table);
    assert_eq!(
        get(addr, "/stages").await.json()["machines"]
            .as_array()
            .unwrap()
            .len(),
        10
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_input_is_400_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(&db_in(&dir)).await;
    let addr = server.addr;

    // A BIN with a wrong check digit: 400, the reason, in the language asked.
    let r = get_in(addr, "/organizations/940140000386", "en").await;
    assert_eq!(r.status, 400);
    let msg = r.json()["error"]["message"].as_str().unwrap().to_owned();
    assert!(
        msg.starts_with("Malformed request") && msg.contains("check digit"),
        "{msg}"
    );
    let r = get_in(addr, "/organizations/12345", "ru").await;
    assert_eq!(r.status, 400);
    assert!(
        r.json()["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("Некорректный запрос")
    );
    assert_eq!(r.header("content-language"), Some("ru"));

    let (id, seq, order) = first_in(addr, "social-orders", "bid_review").await;
    let customer = order["record"]["customer"].as_str().unwrap().to_owned();
    let path = format!("/social-orders/{id}/events");
    for body in [
        "not json".to_owned(),
        "{}".to_owned(),
        json!({"seq": seq + 1, "event": "fly", "actor": {"role": "customer", "org": customer}})
            .to_string(),
        json!({"seq": seq + 1, "event": "fail"}).to_string(),
        json!({"seq": -1, "event": "fail", "actor": {"role": "customer", "org": customer}})
            .to_string(),
        json!({"seq": seq + 1, "event": "fail", "actor": {"role": "customer", "org": "940140000386"}})
            .to_string(),
        json!({"seq": seq + 1, "event": "fail", "actor": {"role": "customer", "org": customer}, "extra": 1})
            .to_string(),
        json!({"seq": seq + 1, "event": "award", "actor": {"role": "customer", "org": customer},
               "payload": {"amount": 12.5}})
        .to_string(),
        json!({"seq": seq + 1, "event": "fail", "actor": {"role": "customer", "org": customer},
               "at": "2100-01-01T10:00:00+05:00"})
        .to_string(),
    ] {
        let r = post(addr, &path, "kk", &body).await;
        assert_eq!(r.status, 400, "{body}: {}", r.text());
        let e = r.json();
        assert_eq!(e["error"]["kind"], "malformed");
        assert!(e["error"]["message"].as_str().unwrap().starts_with("Сұрау дұрыс емес"));
    }
    // An id that is not a record id.
    let r = post(
        addr,
        "/social-orders/SO%20X/events",
        "en",
        &event(1, "fail", "customer", &customer),
    )
    .await;
    assert_eq!(r.status, 400, "{}", r.text());
    // Queries.
    for q in [
        "/organizations?status=sleeping",
        "/organizations?region=abc",
        "/organizations?limit=0",
        "/organizations?limit=x",
        "/organizations?colour=red",
        "/social-orders?stage=asleep",
    ] {
        assert_eq!(get(addr, q).await.status, 400, "{q}");
    }
    // Nothing was written.
    assert_eq!(
        get(addr, &format!("/social-orders/{id}")).await.json()["seq"],
        seq
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_things_are_404() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(&db_in(&dir)).await;
    let addr = server.addr;
    for path in [
        "/social-orders/SO-NONE",
        "/projects/PRJ-NONE",
        "/grants/GR-NONE",
        "/applications/APP-NONE",
        "/organizations/940140000385",
        "/stages/spaceship",
        "/open-data/pdf",
        "/open-data/csv/nope.csv",
        "/nowhere",
    ] {
        let r = get_in(addr, path, "en").await;
        assert_eq!(r.status, 404, "{path}: {}", r.text());
        assert_eq!(r.json()["error"]["status"], 404);
    }
    let r = post(
        addr,
        "/social-orders/SO-NONE/events",
        "en",
        &event(1, "form", "customer", "940140000385"),
    )
    .await;
    assert_eq!(r.status, 404);
    assert_eq!(
        r.json()["error"]["message"],
        "Not found: social_order SO-NONE."
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refusals_are_409_with_localized_findings() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(&db_in(&dir)).await;
    let addr = server.addr;
    let (id, seq, order) = first_in(addr, "social-orders", "bid_review").await;
    let customer = order["record"]["customer"].as_str().unwrap().to_owned();
    let path = format!("/social-orders/{id}/events");

    // A guard rejects: the award exceeds the order's budget.
    let award = json!({
        "seq": seq + 1, "event": "award",
        "actor": {"role": "customer", "org": customer},
        "payload": {"amount": "999999999999.00"},
    })
    .to_string();
    let mut messages = BTreeMap::new();
    for lang in ["kk", "ru", "en"] {
        let r = post(addr, &path, lang, &award).await;
        assert_eq!(r.status, 409, "{}", r.text());
        assert_eq!(r.header("content-language"), Some(lang));
        let e = r.json();
        assert_eq!(e["error"]["kind"], "guard_failed");
        assert_eq!(e["error"]["transition"], "social_order.award");
        assert!(
            codes(&e).contains(&"project.amount.exceeds_order".to_owned()),
            "{e}"
        );
        let finding = e["error"]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["code"] == "project.amount.exceeds_order")
            .unwrap()
            .clone();
        messages.insert(lang, finding["message"].as_str().unwrap().to_owned());
    }
    assert!(messages["en"].contains("exceeds"), "{messages:?}");
    assert_ne!(messages["kk"], messages["en"]);
    assert_ne!(messages["ru"], messages["en"]);

    // The table does not allow it: `start` is a project's event; `contract` needs `awarded`.
    for ev in ["start", "contract"] {
        let r = post(
            addr,
            &path,
            "en",
            &event(seq + 1, ev, "customer", &customer),
        )
        .await;
        assert_eq!(r.status, 409, "{}", r.text());
        let e = r.json();
        assert_eq!(e["error"]["kind"], "not_allowed");
        assert_eq!(codes(&e), ["stage.transition.not_allowed"]);
        let m = e["error"]["message"].as_str().unwrap();
        assert!(m.contains("bid_review") && m.contains(ev), "{m}");
    }

    // A stale sequence number (someone wrote seq already), and one from the future.
    for wrong in [seq, seq + 2, 1] {
        let r = post(
            addr,
            &path,
            "ru",
            &event(wrong, "fail", "customer", &customer),
        )
        .await;
        assert_eq!(r.status, 409, "{}", r.text());
        let e = r.json();
        assert_eq!(e["error"]["kind"], "stale_seq");
        assert_eq!(e["error"]["expected_seq"], seq + 1);
        assert_eq!(codes(&e), ["stage.sequence.gap"]);
    }

    // Time going backwards within the record.
    let back = json!({
        "seq": seq + 1, "event": "fail", "actor": {"role": "customer", "org": customer},
        "at": "2000-01-03T10:00:00+05:00",
    })
    .to_string();
    let r = post(addr, &path, "en", &back).await;
    assert_eq!(r.status, 409, "{}", r.text());
    assert_eq!(codes(&r.json()), ["stage.time.backwards"]);

    // Nothing of it was written: same stage, same seq; then the right event passes.
    let now = get(addr, &format!("/social-orders/{id}")).await.json();
    assert_eq!(
        (now["stage"].as_str(), now["seq"].as_u64()),
        (Some("bid_review"), Some(seq))
    );
    let r = post(
        addr,
        &path,
        "en",
        &event(seq + 1, "fail", "customer", &customer),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.text());
    // A terminal stage refuses everything.
    let (closed, cseq, c) = first_in(addr, "social-orders", "closed").await;
    let ccust = c["record"]["customer"].as_str().unwrap().to_owned();
    let r = post(
        addr,
        &format!("/social-orders/{closed}/events"),
        "kk",
        &event(cseq + 1, "cancel", "customer", &ccust),
    )
    .await;
    assert_eq!(r.status, 409);
    assert_eq!(codes(&r.json()), ["stage.transition.not_allowed"]);
    server.stop().await;
}

/// CRC-32 (IEEE), to check the archive independently of the server's implementation.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// The entries of a stored-only ZIP, read through its central directory: (name, data).
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let end = &bytes[bytes.len() - 22..];
    assert_eq!(&end[..4], b"PK\x05\x06");
    let count = u16::from_le_bytes([end[10], end[11]]) as usize;
    let mut at = u32::from_le_bytes(end[16..20].try_into().unwrap()) as usize;
    let mut out = Vec::new();
    for _ in 0..count {
        let c = &bytes[at..];
        assert_eq!(&c[..4], b"PK\x01\x02");
        assert_eq!(u16::from_le_bytes([c[10], c[11]]), 0, "stored");
        let crc = u32::from_le_bytes(c[16..20].try_into().unwrap());
        let size = u32::from_le_bytes(c[24..28].try_into().unwrap()) as usize;
        let name_len = u16::from_le_bytes([c[28], c[29]]) as usize;
        let offset = u32::from_le_bytes(c[42..46].try_into().unwrap()) as usize;
        let name = String::from_utf8(c[46..46 + name_len].to_vec()).unwrap();
        let local = &bytes[offset..];
        assert_eq!(&local[..4], b"PK\x03\x04");
        let data = local[30 + name_len..30 + name_len + size].to_vec();
        assert_eq!(crc32(&data), crc, "{name}");
        out.push((name, data));
        at += 46 + name_len;
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn open_data_is_served_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(&db_in(&dir)).await;
    let addr = server.addr;

    let json = get(addr, "/open-data/json").await;
    assert_eq!(
        (json.status, json.header("content-type")),
        (200, Some("application/json"))
    );
    assert_eq!(
        json.header("transfer-encoding"),
        Some("chunked"),
        "streamed"
    );
    let ds = json.json();
    let events = ds["events"].as_array().unwrap().len();
    assert!(events > 100);

    let nd = get(addr, "/open-data/ndjson").await;
    assert_eq!(nd.header("content-type"), Some("application/x-ndjson"));
    let lines: Vec<Value> = nd
        .text()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(lines.len() > events);

    let xml = get(addr, "/open-data/xml").await;
    assert_eq!(xml.header("content-type"), Some("application/xml"));
    assert!(xml.text().starts_with("<?xml"));

    for (format, key) in [
        ("ocds", "releases"),
        ("ocds-records", "records"),
        ("360giving", "grants"),
    ] {
        let r = get(addr, &format!("/open-data/{format}")).await;
        assert_eq!(r.status, 200, "{format}");
        assert!(r.json()[key].is_array(), "{format}");
    }

    let zip = get(addr, "/open-data/csv").await;
    assert_eq!(zip.header("content-type"), Some("application/zip"));
    let files = unzip(&zip.body);
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert!(names.contains(&"datapackage.json"), "{names:?}");
    assert!(names.contains(&"social_orders.csv"), "{names:?}");
    let mut sorted = names.clone();
    sorted.sort_unstable();
    assert_eq!(names, sorted, "deterministic order");
    // The same bytes twice (deterministic), and each file also on its own.
    assert_eq!(get(addr, "/open-data/csv").await.body, zip.body);
    let (_, orders) = files
        .iter()
        .find(|(n, _)| n == "social_orders.csv")
        .unwrap();
    let one = get(addr, "/open-data/csv/social_orders.csv").await;
    assert_eq!(one.header("content-type"), Some("text/csv; charset=utf-8"));
    assert_eq!(&one.body, orders);
    let descriptor = get(addr, "/open-data/csv/datapackage.json").await.json();
    assert!(descriptor["resources"].as_array().unwrap().len() >= 10);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn eight_clients_racing_on_one_order_apply_each_seq_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(&dir);
    let server = Server::start(&db).await;
    let addr = server.addr;
    let (id, start_seq, order) = first_in(addr, "social-orders", "bid_review").await;
    let customer = order["record"]["customer"].as_str().unwrap().to_owned();
    let path = format!("/social-orders/{id}/events");

    // Round 1: eight clients post the same seq at once; exactly one wins.
    let barrier = Arc::new(tokio::sync::Barrier::new(8));
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let (barrier, path, body) = (
            Arc::clone(&barrier),
            path.clone(),
            event(start_seq + 1, "fail", "customer", &customer),
        );
        tasks.push(tokio::spawn(async move {
            barrier.wait().await;
            post(addr, &path, "en", &body).await
        }));
    }
    let mut statuses = Vec::new();
    for t in tasks {
        let r = t.await.unwrap();
        if r.status == 409 {
            assert_eq!(r.json()["error"]["kind"], "stale_seq");
        }
        statuses.push(r.status);
    }
    statuses.sort_unstable();
    assert_eq!(statuses, [201, 409, 409, 409, 409, 409, 409, 409]);

    // Round 2: each client reads the stage and posts the next event of the cycle
    // failed → announced → bid_review → failed …, six attempts each.
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let (id, path, customer) = (id.clone(), path.clone(), customer.clone());
        tasks.push(tokio::spawn(async move {
            let mut won = Vec::new();
            for _ in 0..6 {
                let now = get(addr, &format!("/social-orders/{id}")).await.json();
                let seq = now["seq"].as_u64().unwrap();
                let next = match now["stage"].as_str().unwrap() {
                    "failed" => "announce",
                    "announced" => "open_bid_review",
                    "bid_review" => "fail",
                    other => panic!("unexpected stage {other}"),
                };
                let r = post(
                    addr,
                    &path,
                    "en",
                    &event(seq + 1, next, "customer", &customer),
                )
                .await;
                match r.status {
                    201 => won.push(r.json()["seq"].as_u64().unwrap()),
                    409 => {
                        let kind = r.json()["error"]["kind"].as_str().unwrap().to_owned();
                        // A client that read a stage another client had just left may send an
                        // event the table refuses for the new stage only if its seq also
                        // moved: the seq check comes first, so a refusal is always stale.
                        assert_eq!(kind, "stale_seq");
                    }
                    s => panic!("status {s}: {}", r.text()),
                }
            }
            won
        }));
    }
    let mut won: Vec<u64> = Vec::new();
    for t in tasks {
        won.extend(t.await.unwrap());
    }
    won.sort_unstable();
    let final_view = get(addr, &format!("/social-orders/{id}")).await.json();
    let final_seq = final_view["seq"].as_u64().unwrap();
    // Every acknowledged seq once, and every seq after round 1 acknowledged to someone.
    assert_eq!(won, (start_seq + 2..=final_seq).collect::<Vec<_>>());
    assert!(final_seq >= start_seq + 7, "progress: {final_seq}");
    let history: Vec<u64> = final_view["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["seq"].as_u64().unwrap())
        .collect();
    assert_eq!(history, (1..=final_seq).collect::<Vec<_>>());
    server.stop().await;

    // The database agrees: gap-free, one row per seq; and a restart replays it.
    let conn = rusqlite::Connection::open(&db).unwrap();
    let seqs: Vec<u64> = conn
        .prepare(
            "SELECT seq FROM events WHERE machine = 'social_order' AND entity = ?1 ORDER BY seq",
        )
        .unwrap()
        .query_map([&id], |r| r.get::<_, i64>(0))
        .unwrap()
        .map(|s| s.unwrap() as u64)
        .collect();
    assert_eq!(seqs, (1..=final_seq).collect::<Vec<_>>());
    drop(conn);
    let again = Server::start(&db).await;
    let view = get(again.addr, &format!("/social-orders/{id}"))
        .await
        .json();
    assert_eq!(view["seq"], final_seq);
    assert_eq!(view["stage"], final_view["stage"]);
    again.stop().await;
}

/// The built binary, started on 127.0.0.1:0; its address read from its first stdout line.
struct Binary {
    child: Child,
    addr: SocketAddr,
}

impl Binary {
    fn start(db: &Path, sample: bool) -> Binary {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_portal"));
        cmd.arg("--db").arg(db).args(["--listen", "127.0.0.1:0"]);
        if sample {
            cmd.arg("--sample");
        }
        let mut child = cmd
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
            .recv_timeout(Duration::from_secs(60))
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
    fn kill(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_killed_server_keeps_every_acknowledged_event() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(&dir);
    let bin = Binary::start(&db, true);
    let (id, seq, order) = first_in(bin.addr, "social-orders", "bid_review").await;
    let customer = order["record"]["customer"].as_str().unwrap().to_owned();
    let path = format!("/social-orders/{id}/events");
    let mut acknowledged = Vec::new();
    for (i, ev) in ["fail", "announce", "open_bid_review"].iter().enumerate() {
        let s = seq + 1 + i as u64;
        let r = post(bin.addr, &path, "en", &event(s, ev, "customer", &customer)).await;
        assert_eq!(r.status, 201, "{}", r.text());
        acknowledged.push((s, ev.to_string()));
    }
    // Killed right after the last 201.
    bin.kill();

    let bin = Binary::start(&db, false);
    let view = get(bin.addr, &format!("/social-orders/{id}")).await.json();
    assert_eq!(view["seq"], seq + 3);
    assert_eq!(view["stage"], "bid_review");
    let tail: Vec<(u64, String)> = view["history"].as_array().unwrap()[seq as usize..]
        .iter()
        .map(|h| {
            (
                h["seq"].as_u64().unwrap(),
                h["event"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(tail, acknowledged);
    // And it goes on from there.
    let r = post(
        bin.addr,
        &path,
        "en",
        &event(seq + 4, "fail", "customer", &customer),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.text());
    bin.kill();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refuses_to_start_when_the_database_disagrees_with_its_log() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(&dir);
    let open = |sample: bool| {
        Portal::open(&Options {
            db: db.clone(),
            sample: sample.then(SampleOptions::default),
        })
    };
    // An empty database without --sample.
    match open(false) {
        Err(StartError::Empty { .. }) => {}
        other => panic!("{other:?}"),
    }
    let portal = open(true).unwrap();
    assert!(portal.seeded());
    assert!(portal.summary().events > 100);
    drop(portal);
    assert!(!open(true).unwrap().seeded(), "loaded once");

    let conn = rusqlite::Connection::open(&db).unwrap();
    // The stage column says closed; the log does not get there.
    let (id, stage): (String, String) = conn
        .query_row(
            "SELECT id, stage FROM records WHERE collection = 'social_orders' AND stage = 'bid_review' ORDER BY position LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    conn.execute(
        "UPDATE records SET stage = 'closed' WHERE collection = 'social_orders' AND id = ?1",
        [&id],
    )
    .unwrap();
    let err = open(false).unwrap_err();
    assert!(matches!(err, StartError::StageMismatch { .. }), "{err}");
    let text = err.to_string();
    assert!(
        text.contains(&id) && text.contains("closed") && text.contains("refusing"),
        "{text}"
    );
    // The binary says so and exits non-zero.
    let out = Command::new(env!("CARGO_BIN_EXE_portal"))
        .arg("--db")
        .arg(&db)
        .args(["--listen", "127.0.0.1:0"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("portal: error:") && stderr.contains(&id),
        "{stderr}"
    );

    // The record's own JSON says closed: the replay itself disagrees.
    conn.execute(
        "UPDATE records SET stage = ?2, body = replace(body, '\"stage\":\"bid_review\"', '\"stage\":\"closed\"') \
         WHERE collection = 'social_orders' AND id = ?1",
        [&id, &stage],
    )
    .unwrap();
    let err = open(false).unwrap_err();
    assert!(matches!(err, StartError::Replay { .. }), "{err}");
    assert!(err.to_string().contains("stage.replay.mismatch"), "{err}");
    conn.execute(
        "UPDATE records SET body = replace(body, '\"stage\":\"closed\"', '\"stage\":\"bid_review\"') \
         WHERE collection = 'social_orders' AND id = ?1",
        [&id],
    )
    .unwrap();
    assert!(open(false).is_ok(), "repaired");

    // An event removed from the middle of the log.
    conn.execute("DELETE FROM events WHERE log_index = 10", [])
        .unwrap();
    let err = open(false).unwrap_err();
    assert!(err.to_string().contains("hole"), "{err}");
}
