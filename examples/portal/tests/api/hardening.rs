//! Hardening: slow readers and slowloris clients do not take the service down, caps and
//! limits answer in the JSON envelope, writes are rate-limited; health, readiness, metrics,
//! CORS and request ids.

use std::{
    net::{IpAddr, Ipv4Addr, SocketAddr},
    time::{Duration, Instant},
};

use portal::Limits;
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::{TcpSocket, TcpStream},
};

use crate::{
    http::{get, post_as, request},
    support::{Fresh, Server, both, event, first_in, order_and_customer, test_limits},
};

/// A connection from the loopback address `127.0.0.<n>` (a client of its own).
async fn connect_from(n: u8, to: SocketAddr) -> std::io::Result<TcpStream> {
    let socket = TcpSocket::new_v4()?;
    socket.set_recv_buffer_size(4096)?;
    socket.bind(SocketAddr::new(IpAddr::V4(Ipv4Addr::new(127, 0, 0, n)), 0))?;
    socket.connect(to).await
}

/// Reads what the server sends until it closes or `wait` passes.
async fn read_some(stream: &mut TcpStream, wait: Duration) -> Option<Vec<u8>> {
    let mut buf = vec![0u8; 4096];
    match tokio::time::timeout(wait, stream.read(&mut buf)).await {
        Ok(Ok(n)) => Some(buf[..n].to_vec()),
        Ok(Err(_)) => Some(Vec::new()),
        Err(_) => None,
    }
}

both!(alone slow_readers_leave_the_service_answering);
async fn slow_readers_leave_the_service_answering(fresh: Fresh) {
    let mut options = fresh.options(true);
    options.limits = Limits {
        connections_per_client: 32,
        idle_timeout: Duration::from_secs(3),
        ..test_limits()
    };
    let server = Server::with(options).await;
    let addr = server.addr;
    let (id, mut seq, token) = order_and_customer(&fresh, addr).await;

    // 300 clients on two addresses ask for the biggest exports and never read.
    let mut slow = Vec::new();
    let mut refused = 0;
    for i in 0..300 {
        let from = 2 + (i % 2) as u8;
        let path = if i % 3 == 0 {
            "/open-data/ocds"
        } else {
            "/open-data/json"
        };
        match connect_from(from, addr).await {
            Ok(mut s) => {
                let head = format!("GET {path} HTTP/1.1\r\nHost: x\r\n\r\n");
                if s.write_all(head.as_bytes()).await.is_ok() {
                    slow.push(s);
                } else {
                    refused += 1;
                }
            }
            Err(_) => refused += 1,
        }
    }
    tokio::time::sleep(Duration::from_millis(500)).await;

    // Others are answered fast, reads and writes, while the slow ones hang on.
    let mut took = Vec::new();
    for i in 0..150 {
        let started = Instant::now();
        let r = get(addr, &format!("/social-orders/{id}")).await;
        assert_eq!(r.status, 200);
        took.push(started.elapsed());
        if i % 30 == 0 {
            let next = if r.json()["stage"] == "bid_review" {
                "fail"
            } else {
                "announce"
            };
            let next = if r.json()["stage"] == "announced" {
                "open_bid_review"
            } else {
                next
            };
            let started = Instant::now();
            let w = post_as(
                addr,
                &token,
                &format!("/social-orders/{id}/events"),
                "en",
                &event(seq + 1, next),
            )
            .await;
            assert_eq!(w.status, 201, "{}", w.text());
            seq += 1;
            took.push(started.elapsed());
        }
    }
    took.sort_unstable();
    let p99 = took[took.len() * 99 / 100];
    assert!(
        p99 < Duration::from_millis(100),
        "p99 {p99:?} with {} slow readers",
        slow.len()
    );

    // Over the per-client cap the slow ones were refused with 429; the admitted ones are
    // dropped once nothing moved for the idle timeout.
    let metrics = get(addr, "/metrics").await.text();
    let refused_metric: u64 = metrics
        .lines()
        .find_map(|l| l.strip_prefix("portal_connections_refused_total "))
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        refused_metric + refused >= 300 - 64,
        "{refused_metric} refused"
    );
    tokio::time::sleep(Duration::from_secs(4)).await;
    let mut fresh_client = connect_from(2, addr).await.unwrap();
    fresh_client
        .write_all(b"GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let answer = read_some(&mut fresh_client, Duration::from_secs(5))
        .await
        .unwrap();
    assert!(
        answer.starts_with(b"HTTP/1.1 200"),
        "{}",
        String::from_utf8_lossy(&answer)
    );
    drop(slow);
    server.stop().await;
}

both!(slowloris_and_idle_connections_are_closed);
async fn slowloris_and_idle_connections_are_closed(fresh: Fresh) {
    let mut options = fresh.options(true);
    options.limits = Limits {
        header_timeout: Duration::from_secs(1),
        idle_timeout: Duration::from_secs(2),
        connections_per_client: 8,
        ..test_limits()
    };
    let server = Server::with(options).await;
    let addr = server.addr;
    // Half a request head, then nothing.
    let mut loris = Vec::new();
    for _ in 0..8 {
        let mut s = connect_from(5, addr).await.unwrap();
        s.write_all(b"GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ")
            .await
            .unwrap();
        loris.push(s);
    }
    // The ninth from the same client is over the cap: 429 in the envelope.
    let mut ninth = connect_from(5, addr).await.unwrap();
    let answer = read_some(&mut ninth, Duration::from_secs(5)).await.unwrap();
    let text = String::from_utf8_lossy(&answer);
    assert!(text.starts_with("HTTP/1.1 429"), "{text}");
    assert!(text.contains("\"kind\":\"too_many_connections\""), "{text}");
    // The server answers others meanwhile, and closes the slow heads after the timeout.
    assert_eq!(get(addr, "/health").await.status, 200);
    for s in &mut loris {
        let closed = read_some(s, Duration::from_secs(5)).await;
        assert!(closed.is_some(), "a slow head is closed within the timeout");
    }
    // An idle keep-alive connection is closed too.
    let mut idle = connect_from(6, addr).await.unwrap();
    idle.write_all(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .unwrap();
    let first = read_some(&mut idle, Duration::from_secs(5)).await.unwrap();
    assert!(first.starts_with(b"HTTP/1.1 200"));
    let started = Instant::now();
    let end = read_some(&mut idle, Duration::from_secs(10)).await;
    assert_eq!(end, Some(Vec::new()), "closed");
    assert!(started.elapsed() < Duration::from_secs(6));
    server.stop().await;
}

both!(limits_answer_in_the_json_envelope);
async fn limits_answer_in_the_json_envelope(fresh: Fresh) {
    let mut options = fresh.options(true);
    options.limits = Limits {
        write_rate: 1.0,
        write_burst: 2,
        ..test_limits()
    };
    let server = Server::with(options).await;
    let addr = server.addr;
    let (id, seq, token) = order_and_customer(&fresh, addr).await;
    let path = format!("/social-orders/{id}/events");
    let auth = format!("Bearer {token}");

    let check = |r: &crate::http::Reply, status: u16, kind: &str| {
        assert_eq!(r.status, status, "{}", r.text());
        assert_eq!(r.header("content-type"), Some("application/json"));
        let e = r.json();
        assert_eq!(e["error"]["status"], status);
        assert_eq!(e["error"]["kind"], kind);
        assert!(!e["error"]["message"].as_str().unwrap().is_empty());
    };
    // 405 keeps its Allow header.
    let r = request(
        addr,
        "DELETE",
        &format!("/social-orders/{id}"),
        &[("Accept-Language", "ru")],
        None,
    )
    .await;
    check(&r, 405, "method_not_allowed");
    assert!(r.header("allow").unwrap().contains("GET"));
    assert!(
        r.json()["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("Метод DELETE")
    );
    // 413: a body over 16 KiB.
    let big = format!(
        "{{\"seq\": 1, \"event\": \"fail\", \"reason\": {{\"ru\": \"{}\"}}}}",
        "x".repeat(20_000)
    );
    let r = request(addr, "POST", &path, &[("Authorization", &auth)], Some(&big)).await;
    check(&r, 413, "payload_too_large");
    // 414: a URI over 4 KiB.
    let r = get(addr, &format!("/social-orders?stage={}", "a".repeat(5000))).await;
    check(&r, 414, "uri_too_long");
    // 431: headers over 16 KiB.
    let cookie = "c".repeat(20_000);
    let r = request(addr, "GET", "/health", &[("Cookie", &cookie)], None).await;
    check(&r, 431, "headers_too_large");
    // 429: the third write in a burst of two.
    let mut statuses = Vec::new();
    for i in 0..3 {
        let r = post_as(
            addr,
            &token,
            &path,
            "en",
            &event(seq + 1 + i, if i % 2 == 0 { "fail" } else { "announce" }),
        )
        .await;
        if r.status == 429 {
            check(&r, 429, "rate_limited");
            assert!(r.header("retry-after").is_some());
        }
        statuses.push(r.status);
    }
    assert_eq!(statuses, [201, 201, 429]);
    server.stop().await;
}

both!(health_readiness_metrics_cors_and_request_ids);
async fn health_readiness_metrics_cors_and_request_ids(fresh: Fresh) {
    let server = Server::start(&fresh).await;
    let addr = server.addr;
    assert_eq!(get(addr, "/health").await.json()["status"], "ok");
    let ready = get(addr, "/ready").await;
    assert_eq!(ready.status, 200);
    assert!(ready.json()["log_index"].as_u64().unwrap() > 100);
    let r = request(
        addr,
        "GET",
        "/social-orders",
        &[("Origin", "https://example.org")],
        None,
    )
    .await;
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
    let id = r.header("x-request-id").unwrap().to_owned();
    assert!(!id.is_empty());
    let r = request(addr, "GET", "/health", &[("X-Request-Id", "abc-123")], None).await;
    assert_eq!(
        r.header("x-request-id"),
        Some("abc-123"),
        "a client's id is kept"
    );
    // Preflight of a write is not allowed cross-origin (CORS is for reads).
    let r = request(
        addr,
        "OPTIONS",
        "/social-orders/SO-1/events",
        &[
            ("Origin", "https://example.org"),
            ("Access-Control-Request-Method", "POST"),
        ],
        None,
    )
    .await;
    assert!(
        !r.header("access-control-allow-methods")
            .unwrap_or("")
            .contains("POST")
    );
    let (_, _, _) = first_in(addr, "social-orders", "bid_review").await;
    let metrics = get(addr, "/metrics").await;
    assert!(
        metrics
            .header("content-type")
            .unwrap()
            .starts_with("text/plain")
    );
    let text = metrics.text();
    assert!(
        text.contains("portal_requests_total{route=\"/social-orders\",status=\"200\"}"),
        "{text}"
    );
    assert!(text.contains("portal_request_seconds_bucket{le=\"+Inf\"}"));
    assert!(text.contains("portal_log_events "));
    // The head of the published log (mediation's events are not in it, but in the count).
    let head = get(addr, "/log/head").await.json();
    assert!(head["events"].as_u64().unwrap() > head["index"].as_u64().unwrap());
    assert_eq!(head["hash"].as_str().unwrap().len(), 64);
    server.stop().await;
}
