//! The tamper-evident log: the head `GET /log/head` announces is the head of the chain the
//! open data carry, a restart checks every stored link, and a rewritten event stops the start.

use engo::{
    model::{Dataset, lifecycle::EventRecord},
    stages::chain,
};
use serde_json::{Value, json};

use crate::{
    http::{get, post_as},
    support::{Fresh, Server, both, order_and_customer},
};

/// The position in the portal's log of the first event that is published (not mediation's).
fn first_published(fresh: &Fresh) -> String {
    fresh
        .column("SELECT MIN(log_index) FROM events WHERE machine <> 'mediation_case'")
        .remove(0)
}

/// Lifts the database's own guard against changing the log, as someone with the database's
/// keys could: what the chain is for.
fn bypass_append_only(fresh: &Fresh) {
    if fresh.is_postgres() {
        fresh.execute("ALTER TABLE events DISABLE TRIGGER events_append_only");
    } else {
        fresh.execute("DROP TRIGGER events_no_update");
    }
}

/// The start-up error of the portal on `fresh`'s database.
fn start_error(fresh: &Fresh) -> String {
    let options = fresh.options(false);
    crate::support::blocking(move || match portal::Portal::open(&options) {
        Ok(_) => panic!("the portal started on a rewritten log"),
        Err(e) => e.to_string(),
    })
}

both!(the_announced_head_is_the_head_of_the_open_data);
async fn the_announced_head_is_the_head_of_the_open_data(fresh: Fresh) {
    let server = Server::start(&fresh).await;
    let addr = server.addr;
    let before = get(addr, "/log/head").await.json();

    // An event whose reason names a person: published masked, and chained as published.
    let (id, seq, token) = order_and_customer(&fresh, addr).await;
    let reason = "Жетекшісі ЖСН 061211600012 ауысты, жоба тоқтатылды";
    let body = json!({"seq": seq + 1, "event": "fail", "reason": {"kk": reason}});
    let path = format!("/social-orders/{id}/events");
    let r = post_as(addr, &token, &path, "kk", &body.to_string()).await;
    assert_eq!(r.status, 201, "{}", r.text());

    let head = get(addr, "/log/head").await.json();
    assert_eq!(head["index"], before["index"].as_u64().unwrap() + 1);
    assert_eq!(head["events"], before["events"].as_u64().unwrap() + 1);
    assert_ne!(head["hash"], before["hash"]);
    // Confidential events count in the portal's log, not in the published one.
    assert!(head["events"].as_u64().unwrap() > head["index"].as_u64().unwrap() + 1);

    // Whoever downloads the open data reaches the announced head from the file alone.
    let download: Dataset =
        serde_json::from_slice(&get(addr, "/open-data/json").await.body).unwrap();
    let last = download.events.last().unwrap();
    assert_eq!(
        last.reason.as_ref().unwrap().get(engo::model::Lang::Kk),
        "Жетекшісі ЖСН •••••••••••• ауысты, жоба тоқтатылды"
    );
    let verified = chain::verify(&download.events).unwrap().unwrap();
    assert_eq!(
        serde_json::to_value(&verified).unwrap(),
        json!({"index": head["index"], "hash": head["hash"], "time": head["time"]})
    );
    server.stop().await;

    // A restart checks every stored link and announces the same head.
    let server = Server::with(fresh.options(false)).await;
    assert_eq!(get(server.addr, "/log/head").await.json(), head);
    server.stop().await;
}

both!(a_rewritten_event_stops_the_start);
async fn a_rewritten_event_stops_the_start(fresh: Fresh) {
    let server = Server::start(&fresh).await;
    server.stop().await;
    let at = first_published(&fresh);
    let body = fresh
        .column(&format!("SELECT body FROM events WHERE log_index = {at}"))
        .remove(0);
    let original: EventRecord = serde_json::from_str(&body).unwrap();
    bypass_append_only(&fresh);

    // Someone changes the profile an event was judged under, in the body only.
    let mut forged = original.clone();
    forged.profile = if original.profile == "kz-2018-09" {
        "kz-2025-07".into()
    } else {
        "kz-2018-09".into()
    };
    let forged_json = serde_json::to_string(&forged).unwrap().replace('\'', "''");
    fresh.execute(&format!(
        "UPDATE events SET body = '{forged_json}' WHERE log_index = {at}"
    ));
    let error = start_error(&fresh);
    assert!(
        error.contains(&format!("event {at} of the log: its stored hash is")),
        "{error}"
    );

    // A careful forger rewrites the stored hash too: the next published event's link breaks.
    let forged_hash = chain::hash(&engo::open_event(&forged).unwrap()).unwrap();
    fresh.execute(&format!(
        "UPDATE events SET hash = '{forged_hash}' WHERE log_index = {at}"
    ));
    let error = start_error(&fresh);
    assert!(error.contains("broken link"), "{error}");
    let next: u64 = fresh
        .column(&format!(
            "SELECT MIN(log_index) FROM events WHERE machine <> 'mediation_case' AND log_index > {at}"
        ))
        .remove(0)
        .parse()
        .unwrap();
    assert!(
        error.contains(&format!("event {next} of the log")),
        "{error}"
    );

    // Put back as it was, the log starts again.
    let original_json = body.replace('\'', "''");
    let original_hash = chain::hash(&engo::open_event(&original).unwrap()).unwrap();
    fresh.execute(&format!(
        "UPDATE events SET body = '{original_json}', hash = '{original_hash}' WHERE log_index = {at}"
    ));
    let server = Server::with(fresh.options(false)).await;
    let head: Value = get(server.addr, "/log/head").await.json();
    assert!(head["hash"].is_string());
    server.stop().await;
}
