//! `json::read` takes a fast path (the input in memory, a pre-scan, `serde_json::from_slice`)
//! and falls back to the streaming reader on anything it is not certain of: on every input the
//! two agree — the same dataset, or the same error with the same place.

use std::io::{BufRead, BufReader, Read};

use engo_export::{Limits, ReadError, json};
use engo_model::Dataset;
use proptest::prelude::*;

use crate::fixture;

/// What the streaming reader makes of `input`: the reference.
fn streamed<R: BufRead>(input: R, limits: &Limits) -> Result<Dataset, ReadError> {
    let mut recs = Vec::new();
    let header = json::for_each_record(input, limits, |r| {
        recs.push(r);
        Ok(())
    })?;
    Ok(header.with_records(recs))
}

/// Asserts that `json::read` and the streaming reader agree on `bytes`, read from a slice and
/// through small buffers (the same reader for both: the byte-order mark is only recognised
/// when the reader's buffer holds its three bytes); returns what they read from the slice.
fn agree(bytes: &[u8], limits: &Limits) -> Result<Dataset, String> {
    for cap in [1, 7, 4096] {
        let input = || BufReader::with_capacity(cap, bytes);
        check(
            json::read(input(), limits),
            streamed(input(), limits),
            bytes,
            &format!("capacity {cap}"),
        );
    }
    agree_quick(bytes, limits)
}

/// [`agree`] on a slice only, for the many inputs of the property tests.
fn agree_quick(bytes: &[u8], limits: &Limits) -> Result<Dataset, String> {
    let reference = streamed(bytes, limits).map_err(|e| e.to_string());
    check(
        json::read(bytes, limits),
        streamed(bytes, limits),
        bytes,
        "slice",
    );
    reference
}

fn check(
    fast: Result<Dataset, ReadError>,
    reference: Result<Dataset, ReadError>,
    bytes: &[u8],
    how: &str,
) {
    let (fast, reference) = (
        fast.map_err(|e| e.to_string()),
        reference.map_err(|e| e.to_string()),
    );
    if fast != reference {
        let show = |r: &Result<Dataset, String>| match r {
            Ok(_) => "a dataset".to_owned(),
            Err(e) => e.clone(),
        };
        panic!(
            "{how}: json::read gave {}, the streaming reader {}, on {:?}",
            show(&fast),
            show(&reference),
            String::from_utf8_lossy(&bytes[..bytes.len().min(300)])
        );
    }
}

fn text(ds: &Dataset) -> String {
    String::from_utf8(json::write(ds, Vec::new()).unwrap()).unwrap()
}

fn compact(ds: &Dataset) -> String {
    serde_json::to_string(ds).unwrap()
}

/// The rich fixture with `edit` applied to its compact JSON (which must change it).
fn edited(edit: impl FnOnce(&str) -> String) -> String {
    let text = compact(&fixture::rich());
    let out = edit(&text);
    assert_ne!(out, text, "the edit changed nothing");
    out
}

#[test]
fn agree_on_the_fixtures() {
    let limits = Limits::default();
    let ds = fixture::rich();
    for doc in [text(&ds), compact(&ds)] {
        assert_eq!(agree(doc.as_bytes(), &limits), Ok(ds.clone()));
    }
    let example = engo_model::example::dataset();
    assert_eq!(agree(text(&example).as_bytes(), &limits), Ok(example));
    // A control character in a plain string: the header's, a record's, an event's.
    for key in [
        "\"schema_version\":\"",
        "\"announcement\":\"",
        "\"profile\":\"",
    ] {
        let doc = edited(|t| t.replacen(key, &format!("{key}\\u0005"), 1));
        let e = agree(doc.as_bytes(), &limits).unwrap_err();
        assert!(e.contains("U+0005"), "{key}: {e}");
    }
}

/// Inputs that `serde_json::from_slice::<Dataset>` accepts and the streaming reader refuses,
/// or reads differently: the pre-scan must send each of them the slow way.
#[test]
fn agree_where_a_typed_parse_alone_would_not() {
    let limits = Limits::default();
    let ds = fixture::rich();
    let refused = |doc: &str, what: &str| {
        let e = agree(doc.as_bytes(), &limits).unwrap_err();
        assert!(e.contains(what), "{e}");
    };
    // A dataset as an array (serde accepts a struct as a sequence of its fields).
    let header = serde_json::to_value(engo_export::Header::of(&ds)).unwrap();
    let array = serde_json::to_string(&[
        header["schema_version"].clone(),
        header["publisher"].clone(),
        header["published_at"].clone(),
    ])
    .unwrap();
    assert!(serde_json::from_str::<Dataset>(&array).is_ok());
    refused(&array, "expected an engo dataset object");
    // A repeated unknown top-level property (a typed parse ignores both).
    refused(
        &edited(|t| t.replacen('{', "{\"future\":1,\"future\":2,", 1)),
        "duplicate property",
    );
    // A repeated known one.
    refused(
        &edited(|t| t.replacen('{', "{\"organizations\":[],", 1)),
        "duplicate property",
    );
    // In an unknown field of a record: a number beyond f64, a lone surrogate, invalid UTF-8
    // (a `Value` refuses them, a typed parse skips them).
    let bin = ds.organizations[0].bin.to_string();
    let in_record = |extra: &str| {
        edited(|t| {
            t.replacen(
                &format!("\"bin\":\"{bin}\""),
                &format!("\"bin\":\"{bin}\",\"future\":{extra}"),
                1,
            )
        })
    };
    refused(&in_record("1e400"), "number out of range");
    refused(&in_record("[-123456789e999]"), "number out of range");
    refused(&in_record(&"9".repeat(400)), "number out of range");
    refused(&in_record("\"\\ud800\""), "hex escape");
    refused(&in_record("\"\\udc00x\""), "hex escape");
    refused(&in_record("\"\\ud800\\ud800\""), "hex escape");
    let mut bad = in_record("\"x\"").into_bytes();
    let at = bad.windows(3).position(|w| w == b"\"x\"").unwrap() + 1;
    bad[at] = 0xFF;
    let e = agree(&bad, &limits).unwrap_err();
    assert!(e.contains("invalid unicode code point"), "{e}");
    // Deeper than the limit, in an unknown field of a record.
    let deep = format!("{}1{}", "[".repeat(40), "]".repeat(40));
    refused(&in_record(&deep), "nesting deeper than the limit of 32");
    // Deeper than serde_json's recursion limit, with a depth limit above it.
    let deep = format!("{}1{}", "[".repeat(200), "]".repeat(200));
    let high = Limits {
        max_depth: 1000,
        ..Limits::default()
    };
    let e = agree(in_record(&deep).as_bytes(), &high).unwrap_err();
    assert!(e.contains("recursion limit"), "{e}");
}

/// Inputs the fast path cannot vouch for but the streaming reader accepts.
#[test]
fn agree_where_only_the_streaming_reader_accepts() {
    let limits = Limits::default();
    let ds = fixture::rich();
    let accepted = |doc: &[u8]| assert_eq!(agree(doc, &limits), Ok(ds.clone()));
    // An escaped property name.
    accepted(
        edited(|t| t.replacen("\"schema_version\"", "\"schema\\u005fversion\"", 1)).as_bytes(),
    );
    // Unknown top-level properties: many, repeated nowhere, with what a `Value` would refuse.
    let many: String = (0..100).map(|i| format!("\"future{i}\":{i},")).collect();
    accepted(edited(|t| t.replacen('{', &format!("{{{many}"), 1)).as_bytes());
    accepted(edited(|t| t.replacen('{', "{\"future\":[1e400,\"\\ud800\"],", 1)).as_bytes());
    let deep = format!("{}1{}", "[".repeat(1000), "]".repeat(1000));
    accepted(edited(|t| t.replacen('{', &format!("{{\"future\":{deep},"), 1)).as_bytes());
    let mut bad = edited(|t| t.replacen('{', "{\"future\":\"x\",", 1)).into_bytes();
    let at = bad.windows(3).position(|w| w == b"\"x\"").unwrap() + 1;
    bad[at] = 0xFF;
    accepted(&bad);
    // A long number and a long escaped string (shorter decoded than written).
    let long = format!("0.{}", "1".repeat(10_000));
    accepted(edited(|t| t.replacen('{', &format!("{{\"future\":{long},"), 1)).as_bytes());
    let tight = Limits {
        max_string_bytes: 600,
        ..Limits::default()
    };
    let doc = edited(|t| {
        t.replacen(
            '{',
            &format!("{{\"future\":\"{}\",", "\\u0430".repeat(300)),
            1,
        )
    });
    assert_eq!(agree(doc.as_bytes(), &tight), Ok(ds.clone()));
    // A repeated key inside a record: the last wins.
    let bin = ds.organizations[0].bin.to_string();
    accepted(
        edited(|t| {
            t.replacen(
                &format!("\"bin\":\"{bin}\""),
                &format!("\"bin\":\"not a BIN\",\"bin\":\"{bin}\""),
                1,
            )
        })
        .as_bytes(),
    );
    // A UTF-8 byte-order mark; whitespace around.
    accepted(&[&[0xEF, 0xBB, 0xBF][..], compact(&ds).as_bytes()].concat());
    accepted(format!(" \n\t{}\r\n ", text(&ds)).as_bytes());
}

#[test]
fn agree_at_every_limit() {
    let ds = fixture::rich();
    for doc in [text(&ds), compact(&ds)] {
        let bytes = doc.as_bytes();
        let n = bytes.len() as u64;
        for max_bytes in [0, 1, 100, n - 1, n, n + 1] {
            let limits = Limits {
                max_bytes,
                ..Limits::default()
            };
            let r = agree(bytes, &limits);
            assert_eq!(r.is_ok(), max_bytes >= n, "{max_bytes}: {r:?}");
            // The byte-order mark is not counted.
            let bom = [&[0xEF, 0xBB, 0xBF][..], bytes].concat();
            assert_eq!(agree(&bom, &limits).is_ok(), max_bytes >= n);
        }
        for max_depth in 0..8 {
            let limits = Limits {
                max_depth,
                ..Limits::default()
            };
            agree(bytes, &limits).ok();
        }
        let longest = longest_string(&ds);
        for max_string_bytes in [0, 1, 8, 30, longest - 1, longest, longest + 1] {
            let limits = Limits {
                max_string_bytes,
                ..Limits::default()
            };
            let r = agree(bytes, &limits);
            assert_eq!(
                r.is_ok(),
                max_string_bytes >= longest,
                "{max_string_bytes}: {r:?}"
            );
        }
    }
}

/// Bytes of the longest string (key or value) of the dataset's JSON.
fn longest_string(ds: &Dataset) -> usize {
    fn walk(v: &serde_json::Value) -> usize {
        match v {
            serde_json::Value::String(s) => s.len(),
            serde_json::Value::Array(a) => a.iter().map(walk).max().unwrap_or(0),
            serde_json::Value::Object(m) => m
                .iter()
                .map(|(k, v)| k.len().max(walk(v)))
                .max()
                .unwrap_or(0),
            _ => 0,
        }
    }
    walk(&serde_json::to_value(ds).unwrap())
}

#[test]
fn agree_on_every_prefix_and_on_odd_documents() {
    let limits = Limits::default();
    let doc = text(&engo_model::example::dataset());
    for end in (0..doc.len()).step_by(97) {
        assert!(agree_quick(&doc.as_bytes()[..end], &limits).is_err());
    }
    for odd in [
        "",
        " ",
        "{",
        "}",
        "[]",
        "{}",
        "null",
        "1",
        "\"x\"",
        "{\"a\":}",
        "{} {}",
        "{}x",
        "{\"schema_version\":\"1\"}",
        "[\"1\"]",
        "\u{FEFF}",
        "\u{FEFF}\u{FEFF}{}",
    ] {
        assert!(agree(odd.as_bytes(), &limits).is_err(), "{odd}");
    }
    for utf16 in [
        &[0xFF, 0xFE, b'{', 0][..],
        &[0xFE, 0xFF, 0, b'{'],
        &[b'{', 0],
    ] {
        assert!(agree(utf16, &limits).is_err());
    }
}

/// A reader that fails after `at` bytes.
struct FailsAt<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Read for FailsAt<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.at == 0 {
            return Err(std::io::Error::other("disk on fire"));
        }
        let n = buf.len().min(self.at).min(self.bytes.len());
        buf[..n].copy_from_slice(&self.bytes[..n]);
        self.bytes = &self.bytes[n..];
        self.at -= n;
        Ok(n)
    }
}

#[test]
fn agree_on_read_errors() {
    let limits = Limits::default();
    let doc = text(&fixture::rich());
    for at in [0, 1, 100, doc.len() / 2, doc.len() - 1] {
        let input = || {
            BufReader::with_capacity(
                64,
                FailsAt {
                    bytes: doc.as_bytes(),
                    at,
                },
            )
        };
        let fast = json::read(input(), &limits).map_err(|e| e.to_string());
        let reference = streamed(input(), &limits).map_err(|e| e.to_string());
        assert_eq!(fast, reference, "{at}");
        assert!(fast.is_err());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn agree_on_generated_datasets(ds in fixture::datasets()) {
        let limits = Limits::default();
        prop_assert_eq!(agree(text(&ds).as_bytes(), &limits), Ok(ds.clone()));
        prop_assert_eq!(agree(compact(&ds).as_bytes(), &limits), Ok(ds));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// One to four bytes of the rich fixture replaced, inserted or deleted, by bytes that mean
    /// something in JSON.
    #[test]
    fn agree_on_mutated_documents(
        edits in proptest::collection::vec(
            (0usize..1_000_000, 0u8..3, prop::sample::select(&b"\"\\{}[],:0-9.eE+ tfnu\xFF\xC3\x01x"[..])),
            1..5,
        ),
        pretty in any::<bool>(),
    ) {
        let ds = fixture::rich();
        let mut doc = if pretty { text(&ds) } else { compact(&ds) }.into_bytes();
        for (pos, op, byte) in edits {
            let i = pos % doc.len();
            match op {
                0 => doc[i] = byte,
                1 => doc.insert(i, byte),
                _ => {
                    doc.remove(i);
                }
            }
        }
        agree_quick(&doc, &Limits::default()).ok();
        let tight = Limits { max_depth: 5, max_string_bytes: 40, ..Limits::default() };
        agree_quick(&doc, &tight).ok();
    }
}
