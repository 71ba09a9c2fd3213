//! Readers refuse hostile input with typed, located errors, and never panic.

use engo_export::{Limits, ReadCause, ReadError, csv, json, ndjson, xml};
use proptest::prelude::*;

use crate::fixture;

fn xml_err(input: &str, limits: &Limits) -> ReadError {
    xml::read(input.as_bytes(), limits).unwrap_err()
}

#[test]
fn xml_refuses_doctype_and_entities() {
    let limits = Limits::default();
    let bomb = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>
<dataset xmlns="urn:engo:dataset:1"><schema_version>&lol2;</schema_version></dataset>"#;
    let e = xml_err(bomb, &limits);
    assert!(
        matches!(&e, ReadError::Xml { line: 2, source, .. } if source.to_string().contains("DOCTYPE")),
        "{e}"
    );
    let ent =
        "<dataset xmlns=\"urn:engo:dataset:1\">\n<schema_version>&ext;</schema_version></dataset>";
    let e = xml_err(ent, &limits);
    assert!(
        matches!(&e, ReadError::Xml { line: 2, source, .. } if source.to_string().contains("&ext;")),
        "{e}"
    );
}

#[test]
fn xml_accepts_only_utf8() {
    let e = xml_err(
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><dataset xmlns=\"urn:engo:dataset:1\"/>",
        &Limits::default(),
    );
    assert!(e.to_string().contains("UTF-8"), "{e}");
    let mut bytes = b"<dataset xmlns=\"urn:engo:dataset:1\"><schema_version>".to_vec();
    bytes.extend([0xff, 0xfe]);
    bytes.extend(b"</schema_version></dataset>");
    assert!(xml::read(&bytes[..], &Limits::default()).is_err());
}

#[test]
fn xml_caps_depth_and_size_and_string_length() {
    let deep = format!(
        "<dataset xmlns=\"urn:engo:dataset:1\">{}{}</dataset>",
        "<x>".repeat(100),
        "</x>".repeat(100)
    );
    let e = xml_err(&deep, &Limits::default());
    assert!(e.to_string().contains("deeper"), "{e}");
    let ds = fixture::rich();
    let bytes = xml::write(&ds, Vec::new()).unwrap();
    let small = Limits {
        max_bytes: 1000,
        ..Limits::default()
    };
    assert!(matches!(
        xml::read(&bytes[..], &small),
        Err(ReadError::TooLarge { limit: 1000 })
    ));
    let short = Limits {
        max_string_bytes: 10,
        ..Limits::default()
    };
    let e = xml::read(&bytes[..], &short).unwrap_err();
    assert!(e.to_string().contains("longer than 10"), "{e}");
}

#[test]
fn xml_errors_say_line_and_column() {
    let ds = fixture::rich();
    let text = String::from_utf8(xml::write(&ds, Vec::new()).unwrap()).unwrap();
    let broken = text.replacen("<bin>940140000385</bin>", "<bin>940140000386</bin>", 1);
    let line = broken
        .lines()
        .position(|l| l.contains("940140000386"))
        .unwrap() as u64
        + 1;
    match xml::read(broken.as_bytes(), &Limits::default()).unwrap_err() {
        ReadError::Xml {
            line: l,
            source: ReadCause::Invalid { what, source },
            ..
        } => {
            assert!(l >= line, "{l} < {line}");
            assert_eq!(what, "record /organizations/0");
            assert!(source.to_string().contains("check digit"), "{source}");
        }
        other => panic!("{other}"),
    }
    let e = xml_err("<dataset xmlns=\"urn:other\"/>", &Limits::default());
    assert!(e.to_string().contains("root"), "{e}");
}

#[test]
fn json_errors_say_where() {
    let ds = fixture::rich();
    let text = String::from_utf8(json::write(&ds, Vec::new()).unwrap()).unwrap();
    let broken = text.replacen("\"940140000385\"", "\"940140000386\"", 1);
    let e = json::read(broken.as_bytes(), &Limits::default()).unwrap_err();
    assert!(
        matches!(&e, ReadError::Record { pointer, source } if pointer == "/organizations/0" && source.to_string().contains("check digit")),
        "{e}"
    );
    let e = json::read(&b"{\n  \"schema_version\": 1"[..], &Limits::default()).unwrap_err();
    assert!(
        matches!(&e, ReadError::Json { line: 2, source: ReadCause::Json(cause), .. } if cause.line() == 2),
        "{e}"
    );
    // The parser's own error is the source, not a copy of its message.
    let source = std::error::Error::source(&e).unwrap();
    assert!(e.to_string().ends_with(&source.to_string()), "{e}");
    let small = Limits {
        max_bytes: 100,
        ..Limits::default()
    };
    assert!(matches!(
        json::read(text.as_bytes(), &small),
        Err(ReadError::TooLarge { limit: 100 })
    ));
    let short = Limits {
        max_string_bytes: 8,
        ..Limits::default()
    };
    // Header strings are checked too, and come first.
    let e = json::read(text.as_bytes(), &short).unwrap_err();
    assert!(
        matches!(&e, ReadError::StringTooLong { pointer, .. } if pointer.starts_with("/publisher/")),
        "{e}"
    );
    let mut ds = ds;
    ds.publisher.name = engo_model::LocalizedText::from_kk("short").unwrap();
    let text = String::from_utf8(json::write(&ds, Vec::new()).unwrap()).unwrap();
    let short = Limits {
        max_string_bytes: 30,
        ..Limits::default()
    };
    let e = json::read(text.as_bytes(), &short).unwrap_err();
    assert!(
        matches!(&e, ReadError::StringTooLong { pointer, .. } if pointer.starts_with("/organizations/0/")),
        "{e}"
    );
}

#[test]
fn ndjson_errors_say_the_line() {
    let ds = fixture::rich();
    let text = String::from_utf8(ndjson::write(&ds, Vec::new()).unwrap()).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    lines[3] = "{\"kind\":\"organization\",\"record\":{}}";
    let broken = lines.join("\n");
    let e = ndjson::read(broken.as_bytes(), &Limits::default()).unwrap_err();
    assert!(matches!(e, ReadError::Ndjson { line: 4, .. }), "{e}");
    let e = ndjson::read(
        &b"{\"kind\":\"organization\",\"record\":{}}\n"[..],
        &Limits::default(),
    )
    .unwrap_err();
    assert!(e.to_string().contains("header"), "{e}");
    let small = Limits {
        max_bytes: 200,
        ..Limits::default()
    };
    assert!(matches!(
        ndjson::read(text.as_bytes(), &small),
        Err(ReadError::TooLarge { limit: 200 })
    ));
    let tight = Limits {
        max_line_bytes: 64,
        ..Limits::default()
    };
    let e = ndjson::read(text.as_bytes(), &tight).unwrap_err();
    assert!(e.to_string().contains("longer than"), "{e}");
}

#[test]
fn csv_errors_say_file_and_line() {
    let ds = fixture::rich();
    let dir = tempfile::tempdir().unwrap();
    csv::write(&ds, dir.path(), &Default::default()).unwrap();
    let path = dir.path().join("project_milestones.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("PRJ-SO-2025-0001", "PRJ-NOPE", 1)).unwrap();
    let e = csv::read(dir.path(), &Limits::default()).unwrap_err();
    assert!(
        matches!(&e, ReadError::Csv { file, line: 2, source } if file == "project_milestones.csv" && source.to_string().contains("no parent")),
        "{e}"
    );
    std::fs::write(&path, text).unwrap();
    let orgs = dir.path().join("organizations.csv");
    let t = std::fs::read_to_string(&orgs).unwrap();
    std::fs::write(&orgs, t.replacen(",false,", ",maybe,", 1)).unwrap();
    let e = csv::read(dir.path(), &Limits::default()).unwrap_err();
    assert!(e.to_string().contains("organizations.csv"), "{e}");
    assert!(e.to_string().contains("boolean"), "{e}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn readers_never_panic_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let limits = Limits::default();
        let _ = json::read(&bytes[..], &limits);
        let _ = ndjson::read(&bytes[..], &limits);
        let _ = xml::read(&bytes[..], &limits);
    }

    #[test]
    fn readers_never_panic_on_mutated_documents(pos in 0usize..100_000, byte in any::<u8>()) {
        let ds = engo_model::example::dataset();
        let limits = Limits::default();
        for mut doc in [
            json::write(&ds, Vec::new()).unwrap(),
            ndjson::write(&ds, Vec::new()).unwrap(),
            xml::write(&ds, Vec::new()).unwrap(),
        ] {
            let i = pos % doc.len();
            doc[i] = byte;
            let _ = json::read(&doc[..], &limits);
            let _ = ndjson::read(&doc[..], &limits);
            let _ = xml::read(&doc[..], &limits);
        }
    }
}
