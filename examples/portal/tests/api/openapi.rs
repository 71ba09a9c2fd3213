//! The OpenAPI description against the real server: every documented path is routed, and real
//! responses (successes and errors) validate against the schemas the document gives them.

use serde_json::{Value, json};

use crate::{
    http::{Reply, get, post, post_as, request},
    support::{Fresh, Server, both, event, order_and_customer},
};

/// Validates `reply` against the document's schema for (`template`, `method`, its status).
fn conforms(doc: &Value, template: &str, method: &str, reply: &Reply) {
    let status = reply.status.to_string();
    let operation = &doc["paths"][template][method];
    assert!(
        operation.is_object(),
        "{method} {template} is not documented"
    );
    let response = &operation["responses"][&status];
    assert!(
        response.is_object(),
        "{method} {template}: status {status} is not documented: {}",
        reply.text()
    );
    let Some(schema) = response["content"]["application/json"]["schema"].as_object() else {
        return;
    };
    let wrapper = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "components": doc["components"],
        "allOf": [Value::Object(schema.clone())],
    });
    let validator = jsonschema::validator_for(&wrapper).unwrap();
    let body = reply.json();
    let errors: Vec<String> = validator
        .iter_errors(&body)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{method} {template} {status}: {errors:?}\n{body}"
    );
}

both!(responses_conform_to_the_openapi_description);
async fn responses_conform_to_the_openapi_description(fresh: Fresh) {
    let server = Server::start(&fresh).await;
    let addr = server.addr;
    let doc = get(addr, "/openapi.json").await.json();
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(
        doc,
        serde_json::from_str::<Value>(portal::openapi()).unwrap()
    );

    // Every documented path is routed (no `no_route` 404), with ids filled in.
    for template in doc["paths"].as_object().unwrap().keys() {
        let concrete = template
            .replace("{machine}", "social_order")
            .replace("{format}", "json")
            .replace("{file}", "datapackage.json")
            .replace("{bin}", "940140000385")
            .replace("{id}", "X-1");
        let methods = doc["paths"][template].as_object().unwrap();
        let method = if methods.contains_key("get") {
            "GET"
        } else {
            "POST"
        };
        let r = request(
            addr,
            method,
            &concrete,
            &[],
            (method == "POST").then_some("{}"),
        )
        .await;
        if r.status == 404 {
            assert_ne!(
                r.json()["error"]["kind"],
                "no_route",
                "{template} is not routed"
            );
        }
    }

    let (id, seq, token) = order_and_customer(&fresh, addr).await;
    let events = format!("/social-orders/{id}/events");
    let cases: Vec<(&str, &str, Reply)> = vec![
        ("/health", "get", get(addr, "/health").await),
        ("/ready", "get", get(addr, "/ready").await),
        ("/log/head", "get", get(addr, "/log/head").await),
        ("/organizations", "get", get(addr, "/organizations?limit=3").await),
        ("/organizations", "get", get(addr, "/organizations?limit=0").await),
        ("/social-orders", "get", get(addr, "/social-orders?stage=bid_review").await),
        ("/milestones", "get", get(addr, "/milestones?limit=2").await),
        ("/social-orders/{id}", "get", get(addr, &format!("/social-orders/{id}")).await),
        ("/social-orders/{id}", "get", get(addr, "/social-orders/SO-NONE").await),
        ("/organizations/{bin}", "get", get(addr, "/organizations/940140000386").await),
        ("/stages/{machine}", "get", get(addr, "/stages/spaceship").await),
        ("/open-data/csv/{file}", "get", get(addr, "/open-data/csv/nope.csv").await),
        ("/social-orders/{id}/events", "post", post(addr, &events, "en", &event(seq + 1, "fail")).await),
        (
            "/social-orders/{id}/events",
            "post",
            post_as(addr, &token, &events, "ru", &json!({"seq": seq + 1, "event": "award", "payload": {"amount": "999999999999.00"}}).to_string()).await,
        ),
        ("/social-orders/{id}/events", "post", post_as(addr, &token, &events, "en", &event(seq, "fail")).await),
        ("/social-orders/{id}/events", "post", post_as(addr, &token, &events, "en", "{\"seq\": 1}").await),
        ("/social-orders/{id}/events", "post", post_as(addr, &token, &events, "kk", &event(seq + 1, "fail")).await),
        ("/social-orders/{id}", "get", request(addr, "DELETE", &format!("/social-orders/{id}"), &[], None).await),
    ];
    let mut statuses: Vec<u16> = cases.iter().map(|(_, _, r)| r.status).collect();
    for (template, method, reply) in &cases {
        let method = if reply.status == 405 { "get" } else { method };
        conforms(&doc, template, method, reply);
    }
    statuses.sort_unstable();
    statuses.dedup();
    assert_eq!(
        statuses,
        [200, 201, 400, 401, 404, 405, 409],
        "every kind of answer was checked"
    );
    server.stop().await;
}
