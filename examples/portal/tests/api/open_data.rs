//! The open data: every format, generated once per position of the log, with ETag, Range and
//! gzip; the CSV package as a ZIP and file by file; a 404 builds nothing.

use std::io::Read as _;

use serde_json::Value;

use crate::{
    http::{get, post_as, request},
    support::{Fresh, Server, both, event, order_and_customer},
};

/// Files under `dir`, recursively.
fn files_under(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| {
                    if e.path().is_dir() {
                        files_under(&e.path())
                    } else {
                        1
                    }
                })
                .sum()
        })
        .unwrap_or(0)
}

fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).unwrap();
            let mut data = Vec::new();
            file.read_to_end(&mut data).unwrap();
            (file.name().unwrap().into_owned(), data)
        })
        .collect()
}

both!(open_data_is_served_in_every_format);
async fn open_data_is_served_in_every_format(fresh: Fresh) {
    let cache = fresh.scratch();
    let mut options = fresh.options(true);
    options.cache_dir = Some(cache.clone());
    let server = Server::with(options).await;
    let addr = server.addr;

    // A request for a file the package does not have is refused before anything is built.
    for name in ["nope.csv", "..%2Fportal.sqlite", "social_orders.csv.gz"] {
        let r = get(addr, &format!("/open-data/csv/{name}")).await;
        assert_eq!(r.status, 404, "{name}");
    }
    assert_eq!(files_under(&cache), 0, "a 404 writes nothing");

    let json = get(addr, "/open-data/json").await;
    assert_eq!(
        (json.status, json.header("content-type")),
        (200, Some("application/json"))
    );
    let etag = json.header("etag").unwrap().to_owned();
    let ds = json.json();
    // The tag names the position of the log; the file has every event but mediation's.
    let events = get(addr, "/log/head").await.json()["events"]
        .as_u64()
        .unwrap();
    let exported = ds["events"].as_array().unwrap().len();
    assert!(exported > 100);
    assert_eq!(etag, format!("\"json-{events}\""));

    // Conditional, partial and compressed.
    let r = request(
        addr,
        "GET",
        "/open-data/json",
        &[("If-None-Match", &etag)],
        None,
    )
    .await;
    assert_eq!(r.status, 304);
    assert!(r.body.is_empty());
    let r = request(
        addr,
        "GET",
        "/open-data/json",
        &[("Range", "bytes=0-9")],
        None,
    )
    .await;
    assert_eq!(r.status, 206);
    assert_eq!(r.body, json.body[..10]);
    assert!(r.header("content-range").unwrap().starts_with("bytes 0-9/"));
    let r = request(
        addr,
        "GET",
        "/open-data/json",
        &[("Accept-Encoding", "gzip")],
        None,
    )
    .await;
    assert_eq!(r.header("content-encoding"), Some("gzip"));
    let mut plain = Vec::new();
    flate2::read::GzDecoder::new(&r.body[..])
        .read_to_end(&mut plain)
        .unwrap();
    assert_eq!(plain, json.body);
    assert!(r.body.len() < json.body.len() / 3, "compressed");

    let nd = get(addr, "/open-data/ndjson").await;
    assert_eq!(nd.header("content-type"), Some("application/x-ndjson"));
    let lines: Vec<Value> = nd
        .text()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(lines.len() > exported);
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
    let (_, orders) = files
        .iter()
        .find(|(n, _)| n == "social_orders.csv")
        .unwrap();
    let one = get(addr, "/open-data/csv/social_orders.csv").await;
    assert_eq!(one.header("content-type"), Some("text/csv; charset=utf-8"));
    assert_eq!(&one.body, orders);
    let descriptor = get(addr, "/open-data/csv/datapackage.json").await.json();
    assert!(descriptor["resources"].as_array().unwrap().len() >= 10);

    // A write moves the log: the next download is a new generation with a new tag; the old
    // generation's files go.
    let before = files_under(&cache);
    let (id, seq, token) = order_and_customer(&fresh, addr).await;
    let r = post_as(
        addr,
        &token,
        &format!("/social-orders/{id}/events"),
        "en",
        &event(seq + 1, "fail"),
    )
    .await;
    assert_eq!(r.status, 201);
    let r = request(
        addr,
        "GET",
        "/open-data/json",
        &[("If-None-Match", &etag)],
        None,
    )
    .await;
    assert_eq!(r.status, 200, "a new generation");
    assert_eq!(
        r.header("etag").unwrap(),
        format!("\"json-{}\"", events + 1)
    );
    assert_eq!(
        files_under(&cache),
        before,
        "the old json files were replaced"
    );
    let zip_after = get(addr, "/open-data/csv").await;
    server.stop().await;

    // The same state gives the same bytes (a new server, a new cache).
    let again = Server::with(fresh.options(false)).await;
    let zip_again = get(again.addr, "/open-data/csv").await;
    let json_again = get(again.addr, "/open-data/json").await;
    assert_eq!(
        json_again.json()["events"].as_array().unwrap().len(),
        exported + 1
    );
    assert_eq!(zip_again.body, zip_after.body, "byte-identical");
    again.stop().await;
}

both!(reads_and_open_data_never_show_an_iin_or_a_mediation_case);
async fn reads_and_open_data_never_show_an_iin_or_a_mediation_case(fresh: Fresh) {
    const IIN: &str = "061211600012";
    let server = Server::start(&fresh).await;
    let addr = server.addr;

    // The sample has mediation cases: the reads refuse them, whoever asks.
    for path in [
        "/mediation-cases",
        "/mediation-cases?stage=settled",
        "/mediation-cases/MC-1",
    ] {
        let r = get(addr, path).await;
        assert_eq!(r.status, 403, "{path}");
        assert_eq!(r.json()["error"]["kind"], "confidential", "{path}");
    }

    // A reason naming a person by IIN is stored as given, and shown masked.
    let (id, seq, token) = order_and_customer(&fresh, addr).await;
    let reason = format!("Жетекшісі ЖСН {IIN}, хат: aigerim.n@mail.kz");
    let body = serde_json::json!({"seq": seq + 1, "event": "fail", "reason": {"kk": reason}});
    let r = post_as(
        addr,
        &token,
        &format!("/social-orders/{id}/events"),
        "en",
        &body.to_string(),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let view = get(addr, &format!("/social-orders/{id}")).await;
    assert_eq!(view.status, 200);
    let last = view.json()["history"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(
        last["reason"]["kk"],
        "Жетекшісі ЖСН ••••••••••••, хат: •••@•••"
    );

    // No open format shows the IIN, the address, a mediation case or an event of one.
    for format in ["json", "ndjson", "xml", "ocds", "ocds-records", "360giving"] {
        let r = get(addr, &format!("/open-data/{format}")).await;
        assert_eq!(r.status, 200, "{format}");
        let text = r.text();
        assert!(!text.contains(IIN), "{format} shows the IIN");
        assert!(
            !text.contains("aigerim.n@mail.kz"),
            "{format} shows the address"
        );
        assert!(!text.contains("MC-"), "{format} shows a mediation case");
    }
    let zip = get(addr, "/open-data/csv").await;
    for (name, data) in unzip(&zip.body) {
        let text = String::from_utf8(data).unwrap();
        assert!(!text.contains(IIN), "{name} shows the IIN");
        assert!(!text.contains("MC-"), "{name} shows a mediation case");
    }
    let json = get(addr, "/open-data/json").await.json();
    assert!(json["mediation_cases"].as_array().is_none_or(Vec::is_empty));
    let machines: Vec<&str> = json["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["machine"].as_str().unwrap())
        .collect();
    assert!(!machines.contains(&"mediation_case"));

    // Mediation is published as figures: as many cases as the log's mediation records.
    let figures = get(addr, "/open-data/mediation").await;
    assert_eq!(figures.status, 200);
    assert_eq!(figures.header("content-type"), Some("application/json"));
    let figures = figures.json();
    let cases: u64 = figures["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["cases"].as_u64().unwrap())
        .sum();
    assert!(cases > 0, "the sample has mediation cases: {figures}");
    server.stop().await;
}
