//! Writing: the happy path, malformed input, unknown records, refusals with findings.

use std::collections::BTreeMap;

use serde_json::json;

use crate::{
    http::{get, get_in, post_as, request},
    support::{Fresh, Server, both, codes, event, first_in, order_and_customer},
};

both!(happy_path_moves_records_and_keeps_their_history);
async fn happy_path_moves_records_and_keeps_their_history(fresh: Fresh) {
    let server = Server::start(&fresh).await;
    let addr = server.addr;
    let (id, seq, token) = order_and_customer(&fresh, addr).await;
    let path = format!("/social-orders/{id}/events");

    let r = post_as(addr, &token, &path, "en", &event(seq + 1, "fail")).await;
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
    assert_eq!(v["actor"]["role"], "customer", "derived from the token");
    // The server's clock: within a minute of now.
    let at = chrono::DateTime::parse_from_rfc3339(v["at"].as_str().unwrap()).unwrap();
    assert!(
        (chrono::Utc::now() - at.to_utc()).num_seconds().abs() < 60,
        "{at}"
    );

    let r = post_as(addr, &token, &path, "en", &event(seq + 2, "announce")).await;
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

    // A project: planned → active by its implementer.
    let (pid, pseq, project) = first_in(addr, "projects", "planned").await;
    let implementer = project["record"]["implementer"].as_str().unwrap();
    let ngo = fresh.token(implementer, &["implementer", "applicant"]);
    let r = post_as(
        addr,
        &ngo,
        &format!("/projects/{pid}/events"),
        "ru",
        &event(pseq + 1, "start"),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(r.json()["actor"]["role"], "implementer");
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

both!(reads_organizations_and_transition_tables);
async fn reads_organizations_and_transition_tables(fresh: Fresh) {
    let server = Server::start(&fresh).await;
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
    for o in list {
        assert_eq!(o["region"], region);
        assert!(o["areas"].as_array().unwrap().iter().any(|a| a == area));
        assert_eq!(o["status"]["stage"], status);
    }
    // Pages link to each other.
    let page = get(addr, "/organizations?limit=2&offset=1").await;
    assert!(page.header("link").unwrap().contains("rel=\"next\""));
    let page = page.json();
    assert_eq!(page["organizations"].as_array().unwrap().len(), 2);
    assert_eq!(
        page["organizations"][0]["bin"],
        all["organizations"][1]["bin"]
    );
    assert_eq!(page["links"]["next"], "/organizations?limit=2&offset=3");
    assert_eq!(page["links"]["prev"], "/organizations?limit=2&offset=0");
    let next = get(addr, page["links"]["next"].as_str().unwrap())
        .await
        .json();
    assert_eq!(
        next["organizations"][0]["bin"],
        all["organizations"][3]["bin"]
    );

    let one = get(addr, &format!("/organizations/{bin}")).await;
    assert_eq!(one.status, 200);
    let one = one.json();
    assert_eq!(one["machine"], "organization");
    assert_eq!(one["stage"], status);
    assert!(one["seq"].as_u64().unwrap() >= 1);

    // Every machine has its list and its records.
    for route in [
        "social-orders",
        "grants",
        "applications",
        "projects",
        "milestones",
        "ngo-reports",
        "awards",
    ] {
        let list = get(addr, &format!("/{route}?limit=1")).await;
        assert_eq!(list.status, 200, "{route}");
        let list = list.json();
        if let Some(item) = list["items"].as_array().unwrap().first() {
            let id = item["id"].as_str().unwrap();
            let one = get(addr, &format!("/{route}/{id}")).await;
            assert_eq!(one.status, 200, "{route}/{id}");
            assert!(one.json()["record"].is_object(), "{route}/{id}");
        }
    }
    // Mediation is confidential: no list, no case (its figures are open data).
    for path in ["/mediation-cases?limit=1", "/mediation-cases/MC-1"] {
        assert_eq!(get(addr, path).await.status, 403, "{path}");
    }

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
        engo::model::lifecycle::Machine::ALL.len()
    );
    server.stop().await;
}

both!(malformed_input_is_400_with_the_reason);
async fn malformed_input_is_400_with_the_reason(fresh: Fresh) {
    let server = Server::start(&fresh).await;
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

    let (id, seq, token) = order_and_customer(&fresh, addr).await;
    let path = format!("/social-orders/{id}/events");
    let long = "ы".repeat(2001);
    for body in [
        "not json".to_owned(),
        "{}".to_owned(),
        json!({"seq": seq + 1, "event": "fly"}).to_string(),
        json!({"seq": -1, "event": "fail"}).to_string(),
        // The client may not say who acts, nor when.
        json!({"seq": seq + 1, "event": "fail", "actor": {"role": "customer", "org": "940140000385"}}).to_string(),
        json!({"seq": seq + 1, "event": "fail", "at": "2018-01-01T10:00:00+05:00"}).to_string(),
        json!({"seq": seq + 1, "event": "fail", "extra": 1}).to_string(),
        // Unknown fields inside the payload and the reason are refused, not dropped.
        json!({"seq": seq + 1, "event": "award", "payload": {"amount": "1.00", "bonus": "1.00"}}).to_string(),
        json!({"seq": seq + 1, "event": "fail", "reason": {"ru": "x", "de": "y"}}).to_string(),
        json!({"seq": seq + 1, "event": "award", "payload": {"amount": 12.5}}).to_string(),
        // A text over its limit.
        json!({"seq": seq + 1, "event": "fail", "reason": {"ru": long}}).to_string(),
    ] {
        let r = post_as(addr, &token, &path, "kk", &body).await;
        assert_eq!(r.status, 400, "{body}: {}", r.text());
        let e = r.json();
        assert_eq!(e["error"]["kind"], "malformed");
        assert!(
            e["error"]["message"]
                .as_str()
                .unwrap()
                .starts_with("Сұрау дұрыс емес")
        );
    }
    // The body must be declared JSON.
    let auth = format!("Bearer {token}");
    for content_type in ["text/plain", "application/x-www-form-urlencoded"] {
        let r = request(
            addr,
            "POST",
            &path,
            &[("Authorization", &auth), ("Content-Type", content_type)],
            Some(&event(seq + 1, "fail")),
        )
        .await;
        assert_eq!(r.status, 415, "{}", r.text());
        assert_eq!(r.json()["error"]["kind"], "unsupported_media_type");
    }
    // An id that is not a record id.
    let r = post_as(
        addr,
        &token,
        "/social-orders/SO%20X/events",
        "en",
        &event(1, "fail"),
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
        "/social-orders?page=2",
    ] {
        let r = get(addr, q).await;
        assert_eq!(r.status, 400, "{q}");
        assert_eq!(r.json()["error"]["status"], 400);
    }
    // Nothing was written.
    assert_eq!(
        get(addr, &format!("/social-orders/{id}")).await.json()["seq"],
        seq
    );
    server.stop().await;
}

both!(unknown_things_are_404);
async fn unknown_things_are_404(fresh: Fresh) {
    let server = Server::start(&fresh).await;
    let addr = server.addr;
    for path in [
        "/social-orders/SO-NONE",
        "/projects/PRJ-NONE",
        "/grants/GR-NONE",
        "/applications/APP-NONE",
        "/milestones/PRJ-NONE.M1",
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
    let (_, _, token) = order_and_customer(&fresh, addr).await;
    let r = post_as(
        addr,
        &token,
        "/social-orders/SO-NONE/events",
        "en",
        &event(1, "form"),
    )
    .await;
    assert_eq!(r.status, 404);
    assert_eq!(
        r.json()["error"]["message"],
        "Not found: social_order SO-NONE."
    );
    server.stop().await;
}

both!(refusals_are_409_with_localized_findings);
async fn refusals_are_409_with_localized_findings(fresh: Fresh) {
    let server = Server::start(&fresh).await;
    let addr = server.addr;
    let (id, seq, token) = order_and_customer(&fresh, addr).await;
    let path = format!("/social-orders/{id}/events");

    // A guard rejects: the award exceeds the order's budget.
    let award = json!({
        "seq": seq + 1, "event": "award", "payload": {"amount": "999999999999.00"},
    })
    .to_string();
    let mut messages = BTreeMap::new();
    for lang in ["kk", "ru", "en"] {
        let r = post_as(addr, &token, &path, lang, &award).await;
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

    // The table does not allow it.
    for ev in ["contract", "close"] {
        let r = post_as(addr, &token, &path, "en", &event(seq + 1, ev)).await;
        assert_eq!(r.status, 409, "{}", r.text());
        let e = r.json();
        assert_eq!(e["error"]["kind"], "not_allowed");
        assert_eq!(codes(&e), ["stage.transition.not_allowed"]);
        let m = e["error"]["message"].as_str().unwrap();
        assert!(m.contains("bid_review") && m.contains(ev), "{m}");
    }

    // A stale sequence number (someone wrote seq already), and one from the future.
    for wrong in [seq, seq + 2, 1] {
        let r = post_as(addr, &token, &path, "ru", &event(wrong, "fail")).await;
        assert_eq!(r.status, 409, "{}", r.text());
        let e = r.json();
        assert_eq!(e["error"]["kind"], "stale_seq");
        assert_eq!(e["error"]["expected_seq"], seq + 1);
        assert_eq!(codes(&e), ["stage.sequence.gap"]);
    }

    // Nothing of it was written: same stage, same seq; then the right event passes.
    let now = get(addr, &format!("/social-orders/{id}")).await.json();
    assert_eq!(
        (now["stage"].as_str(), now["seq"].as_u64()),
        (Some("bid_review"), Some(seq))
    );
    let r = post_as(addr, &token, &path, "en", &event(seq + 1, "fail")).await;
    assert_eq!(r.status, 201, "{}", r.text());
    // A terminal stage refuses everything.
    let (closed, cseq, c) = first_in(addr, "social-orders", "closed").await;
    let ctoken = fresh.token(c["record"]["customer"].as_str().unwrap(), &["customer"]);
    let r = post_as(
        addr,
        &ctoken,
        &format!("/social-orders/{closed}/events"),
        "kk",
        &event(cseq + 1, "cancel"),
    )
    .await;
    assert_eq!(r.status, 409);
    assert_eq!(codes(&r.json()), ["stage.transition.not_allowed"]);
    server.stop().await;
}
