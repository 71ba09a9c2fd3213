//! Identity and rights: anonymous writes are 401, the wrong principal or role is 403, tokens
//! expire and are revoked, the actor is derived; every machine takes a write from the principal
//! that plays the role.

use serde_json::{Value, json};

use crate::{
    http::{get, post, post_as},
    support::{Fresh, Server, blocking, both, event, first_in, order_and_customer},
};

both!(anonymous_and_unknown_writers_are_401);
async fn anonymous_and_unknown_writers_are_401(fresh: Fresh) {
    let server = Server::start(&fresh).await;
    let addr = server.addr;
    let (id, seq, order) = first_in(addr, "social-orders", "in_implementation").await;
    let path = format!("/social-orders/{id}/events");
    // The attack of issue 16: an anonymous applicant terminates a social order.
    let attack = json!({"seq": seq + 1, "event": "terminate",
                        "actor": {"role": "applicant", "org": "940140000385"}})
    .to_string();
    let mut messages = Vec::new();
    for lang in ["kk", "ru", "en"] {
        let r = post(addr, &path, lang, &attack).await;
        assert_eq!(r.status, 401, "{}", r.text());
        assert_eq!(r.header("www-authenticate"), Some("Bearer realm=\"engo\""));
        let e = r.json();
        assert_eq!(e["error"]["kind"], "unauthorized");
        assert_eq!(e["error"]["lang"], lang);
        messages.push(e["error"]["message"].as_str().unwrap().to_owned());
    }
    assert!(
        messages[0] != messages[1] && messages[1] != messages[2],
        "{messages:?}"
    );
    // A token nobody issued, another scheme.
    for auth in ["Bearer engo_0000", "Basic dXNlcjpwYXNz", "Bearer"] {
        let r = crate::http::request(
            addr,
            "POST",
            &path,
            &[("Authorization", auth)],
            Some(&event(seq + 1, "terminate")),
        )
        .await;
        assert_eq!(r.status, 401, "{auth}: {}", r.text());
    }
    // Expired and revoked tokens.
    let customer = order["record"]["customer"].as_str().unwrap();
    let short = blocking(|| {
        portal::issue_token(
            &fresh.db,
            &portal::TokenRequest {
                bin: customer.parse().unwrap(),
                roles: vec!["customer".parse().unwrap()],
                label: "short".to_owned(),
                valid_for: chrono::Duration::seconds(1),
            },
        )
        .unwrap()
    });
    tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
    let r = post_as(
        addr,
        &short.token,
        &path,
        "en",
        &event(seq + 1, "terminate"),
    )
    .await;
    assert_eq!(r.status, 401, "{}", r.text());
    assert!(
        r.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("expired")
    );
    let token = fresh.token(customer, &["customer"]);
    let listed = blocking(|| portal::list_tokens(&fresh.db).unwrap());
    assert_eq!(listed.len(), 2);
    let revoked_id = listed.into_iter().find(|t| t.label == "test").unwrap().id;
    assert!(blocking(
        || portal::revoke_token(&fresh.db, &revoked_id).unwrap()
    ));
    let r = post_as(addr, &token, &path, "en", &event(seq + 1, "terminate")).await;
    assert_eq!(r.status, 401, "{}", r.text());
    assert!(
        r.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("revoked")
    );
    // Nothing was written.
    assert_eq!(
        get(addr, &format!("/social-orders/{id}")).await.json()["seq"],
        seq
    );
    server.stop().await;
}

both!(the_wrong_principal_or_role_is_403);
async fn the_wrong_principal_or_role_is_403(fresh: Fresh) {
    let server = Server::start(&fresh).await;
    let addr = server.addr;
    let (id, seq, customer_token) = order_and_customer(&fresh, addr).await;
    let path = format!("/social-orders/{id}/events");
    let order = get(addr, &format!("/social-orders/{id}")).await.json();
    let customer = order["record"]["customer"].as_str().unwrap().to_owned();

    // An NGO with a valid token cannot move a social order.
    let orgs = get(addr, "/organizations?limit=5").await.json();
    let ngo = orgs["organizations"][0]["bin"].as_str().unwrap().to_owned();
    let ngo_token = fresh.token(&ngo, &["applicant", "implementer"]);
    for lang in ["kk", "ru", "en"] {
        let r = post_as(addr, &ngo_token, &path, lang, &event(seq + 1, "cancel")).await;
        assert_eq!(r.status, 403, "{}", r.text());
        let e = r.json();
        assert_eq!(e["error"]["kind"], "forbidden");
        assert_eq!(e["error"]["roles"], json!(["customer"]));
        assert!(e["error"]["message"].as_str().unwrap().contains(&ngo));
    }
    // The customer's BIN with a role it was not granted.
    let wrong_role = fresh.token(&customer, &["registry"]);
    let r = post_as(addr, &wrong_role, &path, "en", &event(seq + 1, "fail")).await;
    assert_eq!(r.status, 403, "{}", r.text());
    // Another customer body cannot move this order.
    let other = get(addr, "/social-orders?limit=1000").await.json();
    let mut other_customer = None;
    for item in other["items"].as_array().unwrap() {
        let o = get(
            addr,
            &format!("/social-orders/{}", item["id"].as_str().unwrap()),
        )
        .await
        .json();
        let c = o["record"]["customer"].as_str().unwrap().to_owned();
        if c != customer {
            other_customer = Some(c);
            break;
        }
    }
    if let Some(other) = other_customer {
        let other_token = fresh.token(&other, &["customer"]);
        let r = post_as(addr, &other_token, &path, "en", &event(seq + 1, "fail")).await;
        assert_eq!(r.status, 403, "{}", r.text());
    }
    // Nothing was written; the customer itself may.
    assert_eq!(
        get(addr, &format!("/social-orders/{id}")).await.json()["seq"],
        seq
    );
    let r = post_as(addr, &customer_token, &path, "en", &event(seq + 1, "fail")).await;
    assert_eq!(r.status, 201, "{}", r.text());
    server.stop().await;
}

/// The BIN in an org-id (`KZ-BIN-…`).
fn bin_of(org_id: &Value) -> String {
    org_id
        .as_str()
        .unwrap()
        .trim_start_matches("KZ-BIN-")
        .to_owned()
}

both!(every_machine_takes_a_write_from_its_principal);
async fn every_machine_takes_a_write_from_its_principal(fresh: Fresh) {
    let server = Server::start(&fresh).await;
    let addr = server.addr;
    let publisher = bin_of(&get(addr, "/open-data/json").await.json()["publisher"]["org_id"]);
    // (route, stage, event, role): the principal is found from the record below.
    let scenarios = [
        ("social-orders", "bid_review", "fail", "customer"),
        (
            "grants",
            "in_implementation",
            "start_monitoring",
            "grant_operator",
        ),
        ("applications", "submitted", "withdraw", "applicant"),
        ("projects", "planned", "start", "implementer"),
        ("milestones", "scheduled", "meet", "payer"),
        ("ngo-reports", "submitted_late", "accept", "registry"),
        ("organizations", "active", "suspend", "registry"),
        ("awards", "paid", "close", "authorized_body"),
        ("mediation-cases", "in_mediation", "settle", "mediation"),
        // The sample's plan of the social order: its approving body, an akimat, as customer.
        ("plans", "public_discussion", "approve", "plan_approver"),
    ];
    for (route, stage, ev, role) in scenarios {
        let (id, seq, view) = if route == "organizations" {
            let orgs = get(addr, "/organizations?status=active&limit=1")
                .await
                .json();
            let bin = orgs["organizations"][0]["bin"].as_str().unwrap().to_owned();
            let v = get(addr, &format!("/organizations/{bin}")).await.json();
            (bin, v["seq"].as_u64().unwrap(), v)
        } else if route == "mediation-cases" {
            // Never read through the API (confidential): the mediator knows its case.
            mediation_case_in(&fresh, stage)
        } else {
            first_in(addr, route, stage).await
        };
        let record = &view["record"];
        let (role, bin) = match role {
            "customer" => (role, record["customer"].as_str().unwrap().to_owned()),
            "grant_operator" | "authorized_body" => {
                (role, record["funder"].as_str().unwrap().to_owned())
            }
            "applicant" => (role, record["applicant"].as_str().unwrap().to_owned()),
            "implementer" => (role, record["implementer"].as_str().unwrap().to_owned()),
            "registry" => (role, publisher.clone()),
            "plan_approver" => ("customer", record["approver"].as_str().unwrap().to_owned()),
            "mediation" => (role, record["parties"][0].as_str().unwrap().to_owned()),
            "payer" => {
                let project = get(
                    addr,
                    &format!("/projects/{}", record["project"].as_str().unwrap()),
                )
                .await
                .json();
                let source = &project["record"]["source"];
                let sid = source["id"].as_str().unwrap();
                if source["kind"] == "grant" {
                    let g = get(addr, &format!("/grants/{sid}")).await.json();
                    (
                        "grant_operator",
                        g["record"]["funder"].as_str().unwrap().to_owned(),
                    )
                } else {
                    let o = get(addr, &format!("/social-orders/{sid}")).await.json();
                    (
                        "customer",
                        o["record"]["customer"].as_str().unwrap().to_owned(),
                    )
                }
            }
            other => panic!("{other}"),
        };
        let token = fresh.token(&bin, &[role]);
        let path = format!("/{route}/{id}/events");
        let r = post_as(addr, &token, &path, "en", &event(seq + 1, ev)).await;
        assert_eq!(
            r.status,
            201,
            "{route} {id} {ev} as {role} {bin}: {}",
            r.text()
        );
        let v = r.json();
        assert_eq!(v["actor"], json!({"role": role, "org": bin}), "{route}");
        assert_eq!(v["seq"], seq + 1, "{route}");
        if route == "mediation-cases" {
            continue;
        }
        let after = get(addr, &format!("/{route}/{id}")).await.json();
        assert_eq!(after["seq"], seq + 1, "{route}");
        assert_eq!(after["stage"], v["stage"], "{route}");
    }
    server.stop().await;
}

/// A mediation case at `stage`, from the store: its id, last `seq` and `{"record": …}`.
fn mediation_case_in(fresh: &Fresh, stage: &str) -> (String, u64, Value) {
    let id = fresh
        .column(&format!(
            "SELECT id FROM records WHERE collection = 'mediation_cases' AND stage = '{stage}' \
             ORDER BY position LIMIT 1"
        ))
        .pop()
        .unwrap();
    let body = fresh
        .column(&format!(
            "SELECT body FROM records WHERE collection = 'mediation_cases' AND id = '{id}'"
        ))
        .pop()
        .unwrap();
    let seq = fresh
        .column(&format!(
            "SELECT COALESCE(MAX(seq), 0) FROM events \
             WHERE machine = 'mediation_case' AND entity = '{id}'"
        ))
        .pop()
        .unwrap()
        .parse()
        .unwrap();
    (
        id,
        seq,
        json!({ "record": serde_json::from_str::<Value>(&body).unwrap() }),
    )
}
