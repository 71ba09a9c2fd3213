//! Durability and concurrency: racing writers (two processes on PostgreSQL), SIGKILL after a
//! 201, and the start-up check of the stored log.

use std::{net::SocketAddr, sync::Arc, time::Duration};

use portal::{Portal, StartError};

use crate::{
    http::{get, post_as},
    support::{Binary, Fresh, Server, both, event, order_and_customer},
};

/// Where the racing clients send their requests: one in-process server (SQLite), or two
/// processes on the same database (PostgreSQL).
enum Servers {
    One(Server),
    Two(Binary, Binary),
}

impl Servers {
    fn addrs(&self) -> Vec<SocketAddr> {
        match self {
            Servers::One(s) => vec![s.addr],
            Servers::Two(a, b) => vec![a.addr, b.addr],
        }
    }

    async fn stop(self) {
        match self {
            Servers::One(s) => s.stop().await,
            Servers::Two(a, b) => {
                a.kill();
                b.kill();
            }
        }
    }
}

/// Waits until every server shows `seq` for the record at `path` (followers are asynchronous).
async fn converge(addrs: &[SocketAddr], path: &str, seq: u64) -> serde_json::Value {
    let mut last = serde_json::Value::Null;
    for addr in addrs {
        for _ in 0..100 {
            last = get(*addr, path).await.json();
            if last["seq"] == seq {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert_eq!(last["seq"], seq, "{addr} did not follow the log");
    }
    last
}

both!(eight_clients_racing_on_one_order_apply_each_seq_once);
async fn eight_clients_racing_on_one_order_apply_each_seq_once(fresh: Fresh) {
    let servers = if fresh.is_postgres() {
        let a = Binary::start(&fresh, true);
        let b = Binary::start(&fresh, false);
        Servers::Two(a, b)
    } else {
        Servers::One(Server::start(&fresh).await)
    };
    let addrs = servers.addrs();
    let (id, start_seq, token) = order_and_customer(&fresh, addrs[0]).await;
    let path = format!("/social-orders/{id}/events");
    let view_path = format!("/social-orders/{id}");
    converge(&addrs, &view_path, start_seq).await;

    // Round 1: eight clients post the same seq at once (to both processes); exactly one wins.
    let barrier = Arc::new(tokio::sync::Barrier::new(8));
    let mut tasks = Vec::new();
    for i in 0..8 {
        let (barrier, path, body, token) = (
            Arc::clone(&barrier),
            path.clone(),
            event(start_seq + 1, "fail"),
            token.clone(),
        );
        let addr = addrs[i % addrs.len()];
        tasks.push(tokio::spawn(async move {
            barrier.wait().await;
            post_as(addr, &token, &path, "en", &body).await
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
    for i in 0..8 {
        let (view_path, path, token) = (view_path.clone(), path.clone(), token.clone());
        let read_from = addrs[i % addrs.len()];
        let write_to = addrs[(i / 2) % addrs.len()];
        tasks.push(tokio::spawn(async move {
            let mut won = Vec::new();
            for _ in 0..6 {
                let now = get(read_from, &view_path).await.json();
                let seq = now["seq"].as_u64().unwrap();
                let next = match now["stage"].as_str().unwrap() {
                    "failed" => "announce",
                    "announced" => "open_bid_review",
                    "bid_review" => "fail",
                    other => panic!("unexpected stage {other}"),
                };
                let r = post_as(write_to, &token, &path, "en", &event(seq + 1, next)).await;
                match r.status {
                    201 => won.push(r.json()["seq"].as_u64().unwrap()),
                    // The seq check comes first, so a refusal is always stale.
                    409 => assert_eq!(r.json()["error"]["kind"], "stale_seq", "{}", r.text()),
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
    let final_seq = *won.last().unwrap_or(&(start_seq + 1));
    // Every acknowledged seq once, and every seq after round 1 acknowledged to someone.
    assert_eq!(won, (start_seq + 2..=final_seq).collect::<Vec<_>>());
    assert!(final_seq >= start_seq + 7, "progress: {final_seq}");
    let final_view = converge(&addrs, &view_path, final_seq).await;
    let history: Vec<u64> = final_view["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["seq"].as_u64().unwrap())
        .collect();
    assert_eq!(history, (1..=final_seq).collect::<Vec<_>>());
    servers.stop().await;

    // The database agrees: gap-free, one row per seq; the global log has no hole; and a
    // restart replays it.
    let seqs = fresh.column(&format!(
        "SELECT seq FROM events WHERE machine = 'social_order' AND entity = '{id}' ORDER BY seq"
    ));
    let expected: Vec<String> = (1..=final_seq).map(|s| s.to_string()).collect();
    assert_eq!(seqs, expected);
    let indexes = fresh.column("SELECT count(*) - max(log_index) - 1 FROM events");
    assert_eq!(indexes, ["0"], "log indexes are gap-free");
    let again = Server::with(fresh.options(false)).await;
    let view = get(again.addr, &view_path).await.json();
    assert_eq!(view["seq"], final_seq);
    assert_eq!(view["stage"], final_view["stage"]);
    again.stop().await;
}

both!(a_killed_server_keeps_every_acknowledged_event);
async fn a_killed_server_keeps_every_acknowledged_event(fresh: Fresh) {
    let bin = Binary::start(&fresh, true);
    let (id, seq, token) = order_and_customer(&fresh, bin.addr).await;
    let path = format!("/social-orders/{id}/events");
    let mut acknowledged = Vec::new();
    for (i, ev) in ["fail", "announce", "open_bid_review"].iter().enumerate() {
        let s = seq + 1 + i as u64;
        let r = post_as(bin.addr, &token, &path, "en", &event(s, ev)).await;
        assert_eq!(r.status, 201, "{}", r.text());
        acknowledged.push((s, ev.to_string()));
    }
    // Killed right after the last 201.
    bin.kill();

    let bin = Binary::start(&fresh, false);
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
    let r = post_as(bin.addr, &token, &path, "en", &event(seq + 4, "fail")).await;
    assert_eq!(r.status, 201, "{}", r.text());
    bin.kill();
}

both!(refuses_to_start_when_the_database_disagrees_with_its_log);
async fn refuses_to_start_when_the_database_disagrees_with_its_log(fresh: Fresh) {
    let opened = |sample: bool| {
        let options = fresh.options(sample);
        std::thread::spawn(move || Portal::open(&options))
            .join()
            .unwrap()
    };
    // An empty database without --sample.
    match opened(false) {
        Err(StartError::Empty { .. }) => {}
        other => panic!("{other:?}"),
    }
    let portal = opened(true).unwrap();
    assert!(portal.seeded());
    assert!(portal.summary().events > 100);
    drop(portal);
    assert!(!opened(true).unwrap().seeded(), "loaded once");

    // The stage column says closed; the log does not get there.
    let ids = fresh.column(
        "SELECT id FROM records WHERE collection = 'social_orders' AND stage = 'bid_review' ORDER BY position LIMIT 1",
    );
    let id = &ids[0];
    fresh.execute(&format!(
        "UPDATE records SET stage = 'closed' WHERE collection = 'social_orders' AND id = '{id}'"
    ));
    let err = opened(false).unwrap_err();
    assert!(matches!(err, StartError::StageMismatch { .. }), "{err}");
    let text = err.to_string();
    assert!(
        text.contains(id.as_str()) && text.contains("closed") && text.contains("refusing"),
        "{text}"
    );
    // The binary says so and exits non-zero.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_portal"))
        .arg("--db")
        .arg(fresh.arg())
        .args(["--listen", "127.0.0.1:0"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("portal: error:") && stderr.contains(id.as_str()),
        "{stderr}"
    );

    // The record's own JSON says closed: the replay itself disagrees.
    fresh.execute(&format!(
        "UPDATE records SET stage = 'bid_review', body = replace(body, '\"stage\":\"bid_review\"', '\"stage\":\"closed\"') \
         WHERE collection = 'social_orders' AND id = '{id}'"
    ));
    let err = opened(false).unwrap_err();
    assert!(matches!(err, StartError::Replay { .. }), "{err}");
    assert!(err.to_string().contains("stage.replay.mismatch"), "{err}");
    fresh.execute(&format!(
        "UPDATE records SET body = replace(body, '\"stage\":\"closed\"', '\"stage\":\"bid_review\"') \
         WHERE collection = 'social_orders' AND id = '{id}'"
    ));
    assert!(opened(false).is_ok(), "repaired");

    // The log is append-only: the database itself refuses to delete an event …
    let refused = fresh
        .try_execute("DELETE FROM events WHERE log_index = 10")
        .unwrap_err();
    assert!(refused.contains("append-only"), "{refused}");
    // … and if someone removes one anyway (with the trigger dropped), the start refuses.
    if fresh.is_postgres() {
        fresh.execute(
            "ALTER TABLE events DISABLE TRIGGER events_append_only; DELETE FROM events WHERE log_index = 10",
        );
    } else {
        fresh.execute("DROP TRIGGER events_no_delete; DELETE FROM events WHERE log_index = 10");
    }
    let err = opened(false).unwrap_err();
    assert!(err.to_string().contains("hole"), "{err}");
}
