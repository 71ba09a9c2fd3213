//! Hostile input (issue 7): every reader gives a clear typed error — or a correct acceptance —
//! with bounded memory and time, and never panics.
//!
//! | input | JSON | NDJSON | XML | CSV package |
//! |---|---|---|---|---|
//! | a 1 GB string | `StringTooLong` at a line and column after at most 2 × `max_string_bytes` read | `Ndjson` "line longer than" after `max_line_bytes` | `Xml` "longer than the limit" after `max_string_bytes` | `Csv` "a record longer than" after `max_line_bytes` |
//! | 10 000-deep nesting | `Json` "recursion limit exceeded" (skipped without recursion in an unknown property) | `Ndjson`, same | `Xml` "nested deeper than" | — |
//! | billion laughs, external entity | — | — | `Xml`: no DOCTYPE, no entity but the five predefined | — |
//! | UTF-16 (with or without BOM) | refused: "only UTF-8 is accepted" | same | same | refused (invalid UTF-8) |
//! | invalid UTF-8 | `Json` | `Ndjson` | `Xml` | `Csv` with the line |
//! | UTF-8 BOM | accepted (skipped) | accepted | accepted | accepted |
//! | duplicate keys | top level refused; inside a record the last wins | inside a record the last wins | a repeated element refused | the first column of a name is read |
//! | a missing column | — | — | — | a missing key or required column refused (line 1); a short row refused with its line |
//! | numbers beyond i64 | `Record`: not an i32 | `Ndjson` | `Xml` "must be an integer" | `Csv` with column |
//! | 2025-02-30 | `Record` "out of range" | `Ndjson` | `Xml` | `Csv` with the line |

use std::io::{BufReader, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use engo_export::{Limits, ReadCause, ReadError, csv, json, ndjson, xml};
use engo_model::{Dataset, LocalizedText};

use crate::fixture;

const GIB: u64 = 1 << 30;
const MIB: u64 = 1 << 20;

/// A lazily generated input: `prefix`, then `len` copies of `fill`, then `suffix`. Counts the
/// bytes handed out, so a test can prove a reader stopped after a bounded prefix.
struct Huge {
    prefix: Vec<u8>,
    fill: u8,
    len: u64,
    suffix: Vec<u8>,
    pos: u64,
    read: Arc<AtomicU64>,
}

impl Huge {
    fn new(prefix: &str, fill: u8, len: u64, suffix: &str) -> (BufReader<Huge>, Arc<AtomicU64>) {
        let read = Arc::new(AtomicU64::new(0));
        let h = Huge {
            prefix: prefix.as_bytes().to_vec(),
            fill,
            len,
            suffix: suffix.as_bytes().to_vec(),
            pos: 0,
            read: read.clone(),
        };
        (BufReader::new(h), read)
    }
}

impl Read for Huge {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let p = self.prefix.len() as u64;
        let mut n = 0;
        while n < buf.len() {
            let i = self.pos;
            let b = if i < p {
                self.prefix[i as usize]
            } else if i < p + self.len {
                self.fill
            } else if let Some(b) = self.suffix.get((i - p - self.len) as usize) {
                *b
            } else {
                break;
            };
            buf[n] = b;
            n += 1;
            self.pos += 1;
        }
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Peak resident memory of this process, in bytes (Linux), to show that a 1 GB input is never
/// held: the whole test binary stays far below it.
fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

fn assert_memory_bounded() {
    if let Some(peak) = peak_rss() {
        assert!(
            peak < 600 * MIB,
            "peak RSS {peak} bytes: a huge input was buffered"
        );
    }
}

fn json_text(ds: &Dataset) -> String {
    String::from_utf8(json::write(ds, Vec::new()).unwrap()).unwrap()
}

fn ndjson_text(ds: &Dataset) -> String {
    String::from_utf8(ndjson::write(ds, Vec::new()).unwrap()).unwrap()
}

fn xml_text(ds: &Dataset) -> String {
    String::from_utf8(xml::write(ds, Vec::new()).unwrap()).unwrap()
}

fn csv_dir(ds: &Dataset) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    csv::write(ds, dir.path(), &Default::default()).unwrap();
    dir
}

fn edit(dir: &tempfile::TempDir, file: &str, f: impl FnOnce(String) -> String) {
    let path = dir.path().join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, f(text)).unwrap();
}

// ---------------------------------------------------------------------------------------------
// A 1 GB string field.

#[test]
fn json_one_gigabyte_string_stops_after_a_bounded_prefix() {
    let limits = Limits::default();
    let cases = [
        // A record's string value.
        ("{\"organizations\": [{\"bin\": \"", b'a', "\"}]}"),
        // A header value.
        ("{\"schema_version\": \"", b'a', "\"}"),
        // A property name.
        ("{\"organizations\": [{\"", b'k', "\": 1}]}"),
        // An ignored top-level property.
        ("{\"future\": \"", b'a', "\"}"),
        // A number.
        ("{\"organizations\": [{\"bin\": ", b'9', "}]}"),
    ];
    for (prefix, fill, suffix) in cases {
        let (input, read) = Huge::new(prefix, fill, GIB, suffix);
        let e = json::read(input, &limits).unwrap_err();
        assert!(
            matches!(&e, ReadError::StringTooLong { pointer, limit } if pointer.starts_with("line 1, column ") && *limit == 2 * MIB as usize),
            "{prefix}: {e}"
        );
        let n = read.load(Ordering::Relaxed);
        assert!(n < 2 * MIB + 64 * 1024, "{prefix}: read {n} bytes");
    }
    // Escapes are counted as the bytes they decode to.
    let escaped = "\\u0430".repeat(600_000); // 1.2 MB decoded, 3.6 MB of text
    let doc = format!("{{\"organizations\": [{{\"bin\": \"{escaped}\"}}]}}");
    let e = json::read(doc.as_bytes(), &limits).unwrap_err();
    assert!(
        matches!(&e, ReadError::StringTooLong { pointer, .. } if pointer == "/organizations/0/bin"),
        "{e}"
    );
    assert_memory_bounded();
}

/// `json::read` holds its input in memory (at most `max_bytes`); the streaming API still
/// streams: the same 1 GB string stops it after the same bounded prefix.
#[test]
fn json_streaming_reader_stops_after_a_bounded_prefix_too() {
    let limits = Limits::default();
    for (prefix, fill, suffix) in [
        ("{\"organizations\": [{\"bin\": \"", b'a', "\"}]}"),
        ("{\"future\": \"", b'a', "\"}"),
        ("{\"organizations\": [{\"bin\": ", b'9', "}]}"),
    ] {
        let (input, read) = Huge::new(prefix, fill, GIB, suffix);
        let e = json::for_each_record(input, &limits, |_| Ok(())).unwrap_err();
        assert!(
            matches!(&e, ReadError::StringTooLong { pointer, .. } if pointer.starts_with("line 1, column ")),
            "{prefix}: {e}"
        );
        let n = read.load(Ordering::Relaxed);
        assert!(n < 2 * MIB + 64 * 1024, "{prefix}: read {n} bytes");
    }
    assert_memory_bounded();
}

/// A well-formed input over `max_bytes` (1 GB of whitespace inside an unknown property):
/// `json::read` holds at most `max_bytes` of it before it says so.
#[test]
fn json_read_holds_at_most_max_bytes() {
    let limits = Limits {
        max_bytes: 8 * MIB,
        ..Limits::default()
    };
    let (input, read) = Huge::new("{\"future\": [", b' ', GIB, "]}");
    let e = json::read(input, &limits).unwrap_err();
    assert!(
        matches!(e, ReadError::TooLarge { limit } if limit == 8 * MIB),
        "{e}"
    );
    let n = read.load(Ordering::Relaxed);
    assert!(n < 8 * MIB + 64 * 1024, "read {n} bytes");
    assert_memory_bounded();
}

#[test]
fn json_string_just_over_the_limit_names_its_pointer() {
    let ds = fixture::rich();
    let mut long = ds.clone();
    long.organizations[0].website = Some("w".repeat(MIB as usize + 1));
    let e = json::read(json_text(&long).as_bytes(), &Limits::default()).unwrap_err();
    assert!(
        matches!(&e, ReadError::StringTooLong { pointer, .. } if pointer == "/organizations/0/website"),
        "{e}"
    );
    // Header strings are checked too.
    let mut long = ds;
    long.publisher.name = LocalizedText::from_kk("п".repeat(600_000)).unwrap();
    let e = json::read(json_text(&long).as_bytes(), &Limits::default()).unwrap_err();
    assert!(
        matches!(&e, ReadError::StringTooLong { pointer, .. } if pointer.starts_with("/publisher/name")),
        "{e}"
    );
}

#[test]
fn ndjson_one_gigabyte_line_stops_at_the_line_limit() {
    let header = ndjson_text(&fixture::rich())
        .lines()
        .next()
        .unwrap()
        .to_owned()
        + "\n";
    let limits = Limits::default();
    let (input, read) = Huge::new(
        &format!("{header}{{\"kind\":\"organization\",\"record\":{{\"bin\":\""),
        b'a',
        GIB,
        "\"}}\n",
    );
    let e = ndjson::read(input, &limits).unwrap_err();
    assert!(
        matches!(&e, ReadError::Ndjson { line: 2, source } if source.to_string().contains("longer than")),
        "{e}"
    );
    let n = read.load(Ordering::Relaxed);
    assert!(n < limits.max_line_bytes as u64 + MIB, "read {n} bytes");
    // The streaming reader reports it too, then stops.
    let (input, _) = Huge::new(&header, b'a', GIB, "\n");
    let mut r = ndjson::NdjsonReader::new(input, limits).unwrap();
    assert!(r.next().unwrap().is_err());
    assert!(r.next().is_none());
    assert_memory_bounded();
}

#[test]
fn xml_one_gigabyte_text_tag_or_comment_stops_after_a_bounded_prefix() {
    let limits = Limits::default();
    let root = "<dataset xmlns=\"urn:engo:dataset:1\">";
    let cases = [
        (
            format!("{root}<organizations><bin>"),
            b'a',
            "</bin></organizations></dataset>",
        ),
        (format!("{root}<!--"), b'a', "--></dataset>"),
        (format!("{root}<![CDATA["), b'a', "]]></dataset>"),
        (
            "<dataset xmlns=\"urn:engo:dataset:1\" x=\"".to_owned(),
            b'>',
            "\"></dataset>",
        ),
        (format!("{root}<"), b'n', "/></dataset>"),
        (format!("{root}<?pi "), b'a', "?></dataset>"),
        ("<!DOCTYPE d [<!ENTITY e \"".to_owned(), b'>', "\">]>"),
    ];
    for (prefix, fill, suffix) in &cases {
        let (input, read) = Huge::new(prefix, *fill, GIB, suffix);
        let e = xml::read(input, &limits).unwrap_err();
        assert!(
            matches!(&e, ReadError::Xml { line: 1, source, .. } if source.to_string().contains("longer than")),
            "{prefix}: {e}"
        );
        let n = read.load(Ordering::Relaxed);
        assert!(n < MIB + 64 * 1024, "{prefix}: read {n} bytes");
    }
    assert_memory_bounded();
}

#[test]
fn csv_one_gigabyte_record_stops_at_the_record_limit() {
    let ds = fixture::rich();
    for quoted in [true, false] {
        let dir = csv_dir(&ds);
        let path = dir.path().join("organizations.csv");
        let text = std::fs::read_to_string(&path).unwrap();
        let first = text.lines().next().unwrap();
        let start = if quoted { "\"" } else { "x" };
        std::fs::write(&path, format!("{first}\r\n{start}")).unwrap();
        // A sparse file: 1 GiB of NUL bytes that take no disk space.
        let f = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
        f.set_len(GIB).unwrap();
        drop(f);
        let e = csv::read(dir.path(), &Limits::default()).unwrap_err();
        assert!(
            matches!(&e, ReadError::Csv { file, line: 2, source } if file == "organizations.csv" && source.to_string().contains("longer than")),
            "{e}"
        );
    }
    assert_memory_bounded();
}

// ---------------------------------------------------------------------------------------------
// 10 000-deep nesting.

#[test]
fn deep_nesting_is_refused() {
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let limits = Limits::default();
    let e = json::read(
        format!("{{\"organizations\": [{deep}]}}").as_bytes(),
        &limits,
    )
    .unwrap_err();
    assert!(
        matches!(&e, ReadError::Json { line: 1, source: ReadCause::Json(cause), .. } if cause.to_string().contains("recursion limit")),
        "{e}"
    );
    let objects = format!("{}1{}", "{\"a\":".repeat(10_000), "}".repeat(10_000));
    // In an ignored (unknown) property serde_json skips it without recursion: no limit is
    // needed there, and the document is then judged on its own (here: no header).
    let e = json::read(format!("{{\"future\": {objects}}}").as_bytes(), &limits).unwrap_err();
    assert!(
        e.to_string().contains("missing field `schema_version`"),
        "{e}"
    );

    let header = ndjson_text(&fixture::rich())
        .lines()
        .next()
        .unwrap()
        .to_owned();
    let e = ndjson::read(format!("{header}\n{deep}\n").as_bytes(), &limits).unwrap_err();
    assert!(
        matches!(&e, ReadError::Ndjson { line: 2, source } if source.to_string().contains("recursion limit")),
        "{e}"
    );

    let x = format!(
        "<dataset xmlns=\"urn:engo:dataset:1\">{}{}</dataset>",
        "<x>".repeat(10_000),
        "</x>".repeat(10_000)
    );
    let e = xml::read(x.as_bytes(), &limits).unwrap_err();
    assert!(
        matches!(&e, ReadError::Xml { source, .. } if source.to_string().contains("deeper than 32")),
        "{e}"
    );
    let e = xml::read(
        format!(
            "<dataset xmlns=\"urn:engo:dataset:1\">{}",
            "<x>".repeat(10_000)
        )
        .as_bytes(),
        &limits,
    )
    .unwrap_err();
    assert!(e.to_string().contains("deeper"), "{e}");
}

// ---------------------------------------------------------------------------------------------
// Billion laughs and external entities.

#[test]
fn xml_billion_laughs_and_external_entities_are_refused() {
    let limits = Limits::default();
    let mut dtd = String::from("<!ENTITY lol \"lol\">");
    for i in 1..=9 {
        let prev = if i == 1 {
            "lol".to_owned()
        } else {
            format!("lol{}", i - 1)
        };
        dtd.push_str(&format!(
            "<!ENTITY lol{i} \"{}\">",
            format!("&{prev};").repeat(10)
        ));
    }
    let laughs = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [{dtd}]>\n<dataset xmlns=\"urn:engo:dataset:1\"><schema_version>&lol9;</schema_version></dataset>"
    );
    let (input, read) = Huge::new(&laughs, b' ', 0, "");
    let e = xml::read(input, &limits).unwrap_err();
    assert!(
        matches!(&e, ReadError::Xml { line: 2, source, .. } if source.to_string().contains("DOCTYPE")),
        "{e}"
    );
    assert!(read.load(Ordering::Relaxed) <= laughs.len() as u64);

    for doc in [
        "<?xml version=\"1.0\"?>\n<!DOCTYPE d [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n<dataset xmlns=\"urn:engo:dataset:1\"><schema_version>&xxe;</schema_version></dataset>",
        "<?xml version=\"1.0\"?>\n<!DOCTYPE d SYSTEM \"http://example.org/evil.dtd\">\n<dataset xmlns=\"urn:engo:dataset:1\"/>",
        "<?xml version=\"1.0\"?>\n<!DOCTYPE d [<!ENTITY % p SYSTEM \"http://example.org/p\"> %p;]>\n<dataset xmlns=\"urn:engo:dataset:1\"/>",
    ] {
        let e = xml::read(doc.as_bytes(), &limits).unwrap_err();
        assert!(
            matches!(&e, ReadError::Xml { line: 2, source, .. } if source.to_string().contains("DOCTYPE")),
            "{e}"
        );
    }
    // A reference to an undeclared entity, without a DOCTYPE: refused, nothing is fetched.
    let doc =
        "<dataset xmlns=\"urn:engo:dataset:1\"><schema_version>&xxe;</schema_version></dataset>";
    let e = xml::read(doc.as_bytes(), &limits).unwrap_err();
    assert!(e.to_string().contains("&xxe;"), "{e}");
    // XInclude is not processed: an unknown element in another namespace is refused.
    let doc = "<dataset xmlns=\"urn:engo:dataset:1\"><xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"/etc/passwd\"/></dataset>";
    assert!(xml::read(doc.as_bytes(), &limits).is_err());
}

// ---------------------------------------------------------------------------------------------
// Encodings: UTF-16, invalid UTF-8, a UTF-8 BOM.

fn utf16(text: &str, bom: bool, big_endian: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if bom {
        out.extend(if big_endian {
            [0xFE, 0xFF]
        } else {
            [0xFF, 0xFE]
        });
    }
    for u in text.encode_utf16() {
        out.extend(if big_endian {
            u.to_be_bytes()
        } else {
            u.to_le_bytes()
        });
    }
    out
}

#[test]
fn utf16_is_refused_clearly() {
    let ds = fixture::rich();
    let limits = Limits::default();
    for (bom, be) in [(true, false), (true, true), (false, false), (false, true)] {
        let e = json::read(&utf16(&json_text(&ds), bom, be)[..], &limits).unwrap_err();
        assert!(
            matches!(&e, ReadError::Json { line: 1, column: 1, source } if source.to_string().contains("only UTF-8")),
            "{e}"
        );
        let e = ndjson::read(&utf16(&ndjson_text(&ds), bom, be)[..], &limits).unwrap_err();
        assert!(
            matches!(&e, ReadError::Ndjson { line: 1, source } if source.to_string().contains("only UTF-8")),
            "{e}"
        );
        let e = xml::read(&utf16(&xml_text(&ds), bom, be)[..], &limits).unwrap_err();
        assert!(
            matches!(&e, ReadError::Xml { line: 1, column: 1, source } if source.to_string().contains("only UTF-8")),
            "{e}"
        );
        let dir = csv_dir(&ds);
        let path = dir.path().join("organizations.csv");
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, utf16(&text, bom, be)).unwrap();
        let e = csv::read(dir.path(), &limits).unwrap_err();
        assert!(
            matches!(&e, ReadError::Csv { file, .. } if file == "organizations.csv"),
            "{e}"
        );
    }
}

#[test]
fn invalid_utf8_is_refused_with_a_place() {
    let ds = fixture::rich();
    let limits = Limits::default();
    let spoil = |text: String| {
        let mut b = text.into_bytes();
        let i = b.windows(7).position(|w| w == b"Jastar ").unwrap_or(0);
        let i = if i == 0 {
            b.windows(5)
                .position(|w| w == b"info@")
                .expect("a place to spoil")
        } else {
            i
        };
        b[i] = 0xFF;
        b
    };
    let e = json::read(&spoil(json_text(&ds))[..], &limits).unwrap_err();
    assert!(
        matches!(&e, ReadError::Json { line, .. } if *line > 1),
        "{e}"
    );
    let e = ndjson::read(&spoil(ndjson_text(&ds))[..], &limits).unwrap_err();
    assert!(
        matches!(&e, ReadError::Ndjson { line, .. } if *line > 1),
        "{e}"
    );
    let e = xml::read(&spoil(xml_text(&ds))[..], &limits).unwrap_err();
    assert!(
        matches!(&e, ReadError::Xml { line, .. } if *line > 1),
        "{e}"
    );
    let dir = csv_dir(&ds);
    let path = dir.path().join("organizations.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, spoil(text)).unwrap();
    let e = csv::read(dir.path(), &limits).unwrap_err();
    assert!(
        matches!(&e, ReadError::Csv { file, line: 2, source } if file == "organizations.csv" && source.to_string().contains("UTF-8")),
        "{e}"
    );
}

/// Found by the `xml` fuzz target: a raw control character in text was read, and the writer
/// then refused to write the dataset back. XML 1.0 forbids it raw and as a reference.
#[test]
fn xml_characters_outside_xml_1_0_are_refused_with_a_place() {
    let ds = fixture::rich();
    let limits = Limits::default();
    let text = xml_text(&ds);
    let kk = "<text xml:lang=\"kk\">";
    let at = text.find(kk).expect("a place to spoil") + kk.len();
    for spoiled in ["\u{5}", "&#5;", "&#x1F;", "<![CDATA[\u{1}]]>", "&#xFFFE;"] {
        let doc = format!("{}{spoiled}{}", &text[..at], &text[at..]);
        let e = xml::read(doc.as_bytes(), &limits).unwrap_err();
        assert!(
            matches!(&e, ReadError::Xml { line, source, .. }
                if *line > 1 && source.to_string().contains("not allowed in XML 1.0")),
            "{spoiled:?}: {e}"
        );
    }
    // Tab, newline and carriage return (as a reference) are XML 1.0 characters.
    let doc = format!("{}&#9;&#13;{}", &text[..at], &text[at..]);
    let back = xml::read(doc.as_bytes(), &limits).unwrap();
    let again = xml::read(&xml::write(&back, Vec::new()).unwrap()[..], &limits).unwrap();
    assert_eq!(again, back);
}

/// What XML cannot carry no format reads: a control character in a text is refused by the
/// model (`LocalizedText`), so JSON and NDJSON refuse it with its place too, and a dataset that
/// reads in one format can be written in every other.
#[test]
fn control_characters_in_text_are_refused_in_json_and_ndjson() {
    let ds = fixture::rich();
    let limits = Limits::default();
    let kk = "\"kk\": \"";
    let text = json_text(&ds);
    let at = text.find(kk).expect("a Kazakh text") + kk.len();
    let doc = format!("{}\\u0005{}", &text[..at], &text[at..]);
    let e = json::read(doc.as_bytes(), &limits).unwrap_err();
    assert!(e.to_string().contains("U+0005"), "{e}");
    let lines = ndjson_text(&ds);
    let kk = "\"kk\":\"";
    let at = lines.find(kk).expect("a Kazakh text") + kk.len();
    let doc = format!("{}\\u0005{}", &lines[..at], &lines[at..]);
    let e = ndjson::read(doc.as_bytes(), &limits).unwrap_err();
    assert!(
        matches!(&e, ReadError::Ndjson { source, .. } if source.to_string().contains("U+0005")),
        "{e}"
    );
}

/// The model's plain strings (announcement numbers, criteria profile ids, URLs, e-mail
/// addresses, the schema version) follow the same rule as its texts: JSON and NDJSON refuse a
/// control character in them with its place, so the dataset never reaches an XML export that
/// cannot write it.
#[test]
fn control_characters_in_plain_strings_are_refused_in_json_and_ndjson() {
    let ds = fixture::rich();
    let limits = Limits::default();
    let text = json_text(&ds);
    let lines = ndjson_text(&ds);
    for key in ["\"profile\":", "\"announcement\":", "\"schema_version\":"] {
        for (doc, compact) in [(&text, false), (&lines, true)] {
            let key = if compact {
                key.to_owned()
            } else {
                format!("{key} ")
            };
            let at = doc
                .find(&format!("{key}\""))
                .unwrap_or_else(|| panic!("{key}"))
                + key.len()
                + 1;
            let spoiled = format!("{}\\u0005{}", &doc[..at], &doc[at..]);
            let e = if compact {
                ndjson::read(spoiled.as_bytes(), &limits).unwrap_err()
            } else {
                json::read(spoiled.as_bytes(), &limits).unwrap_err()
            };
            assert!(e.to_string().contains("U+0005"), "{key}: {e}");
        }
    }
}

#[test]
fn a_utf8_bom_is_accepted_everywhere() {
    let ds = fixture::rich();
    let limits = Limits::default();
    let bom = |t: String| [&[0xEF, 0xBB, 0xBF][..], t.as_bytes()].concat();
    assert_eq!(json::read(&bom(json_text(&ds))[..], &limits).unwrap(), ds);
    assert_eq!(
        ndjson::read(&bom(ndjson_text(&ds))[..], &limits).unwrap(),
        ds
    );
    assert_eq!(xml::read(&bom(xml_text(&ds))[..], &limits).unwrap(), ds);
    let dir = csv_dir(&ds);
    for file in ["dataset.csv", "organizations.csv"] {
        let path = dir.path().join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, bom(text)).unwrap();
    }
    assert_eq!(csv::read(dir.path(), &limits).unwrap(), ds);
    // A BOM anywhere but at the start is not skipped.
    let doubled = [&[0xEF, 0xBB, 0xBF][..], &bom(json_text(&ds))].concat();
    assert!(json::read(&doubled[..], &limits).is_err());
}

// ---------------------------------------------------------------------------------------------
// Duplicate keys.

#[test]
fn duplicate_keys() {
    let ds = fixture::rich();
    let limits = Limits::default();
    let text = json_text(&ds);
    // At the top level a repeated property is ambiguous (replace or append?): refused.
    for key in ["\"schema_version\": \"x\",", "\"organizations\": [],"] {
        let doubled = text.replacen('{', &format!("{{{key}"), 1);
        let e = json::read(doubled.as_bytes(), &limits).unwrap_err();
        assert!(
            matches!(&e, ReadError::Json { source, .. } if source.to_string().contains("duplicate property")),
            "{e}"
        );
    }
    // Inside a record the last value wins (records go through a serde_json map).
    let bin = ds.organizations[0].bin.to_string();
    let doubled = text.replacen(
        &format!("\"bin\": \"{bin}\""),
        &format!("\"bin\": \"not a BIN\", \"bin\": \"{bin}\""),
        1,
    );
    assert_ne!(doubled, text);
    assert_eq!(json::read(doubled.as_bytes(), &limits).unwrap(), ds);
    let nd = ndjson_text(&ds).replacen(
        &format!("\"bin\":\"{bin}\""),
        &format!("\"bin\":\"not a BIN\",\"bin\":\"{bin}\""),
        1,
    );
    assert_eq!(ndjson::read(nd.as_bytes(), &limits).unwrap(), ds);
    // XML: a repeated element is refused.
    let x = xml_text(&ds).replacen(
        &format!("<bin>{bin}</bin>"),
        &format!("<bin>{bin}</bin><bin>{bin}</bin>"),
        1,
    );
    let e = xml::read(x.as_bytes(), &limits).unwrap_err();
    assert!(e.to_string().contains("repeats <bin>"), "{e}");
}

// ---------------------------------------------------------------------------------------------
// Numbers beyond i64, impossible dates.

#[test]
fn numbers_beyond_i64_are_refused() {
    let ds = fixture::rich();
    let limits = Limits::default();
    let year = ds.social_orders[0].financial_year;
    let huge = "99999999999999999999";
    let text = json_text(&ds).replacen(
        &format!("\"financial_year\": {year}"),
        &format!("\"financial_year\": {huge}"),
        1,
    );
    let e = json::read(text.as_bytes(), &limits).unwrap_err();
    assert!(
        matches!(&e, ReadError::Record { pointer, source } if pointer == "/social_orders/0" && source.to_string().contains("i32")),
        "{e}"
    );
    let text = ndjson_text(&ds).replacen(
        &format!("\"financial_year\":{year}"),
        &format!("\"financial_year\":{huge}"),
        1,
    );
    let e = ndjson::read(text.as_bytes(), &limits).unwrap_err();
    assert!(
        matches!(&e, ReadError::Ndjson { source: ReadCause::Invalid { what, source }, .. } if what == "social_order record" && source.to_string().contains("i32")),
        "{e}"
    );
    let text = xml_text(&ds).replacen(
        &format!("<financial_year>{year}</financial_year>"),
        &format!("<financial_year>{huge}</financial_year>"),
        1,
    );
    let e = xml::read(text.as_bytes(), &limits).unwrap_err();
    assert!(e.to_string().contains("must be an integer"), "{e}");
    let dir = csv_dir(&ds);
    edit(&dir, "social_orders.csv", |t| {
        t.replacen(&format!(",{year},"), &format!(",{huge},"), 1)
    });
    let e = csv::read(dir.path(), &limits).unwrap_err();
    assert!(
        matches!(&e, ReadError::Csv { file, line: 2, .. } if file == "social_orders.csv"),
        "{e}"
    );
}

#[test]
fn impossible_dates_are_refused() {
    let ds = fixture::rich();
    let limits = Limits::default();
    let date = ds.organizations[0].registered_on.to_string();
    let bad = "2025-02-30";
    let e = json::read(json_text(&ds).replacen(&date, bad, 1).as_bytes(), &limits).unwrap_err();
    assert!(
        matches!(&e, ReadError::Record { pointer, source } if pointer == "/organizations/0" && source.to_string().contains("out of range")),
        "{e}"
    );
    let e = ndjson::read(ndjson_text(&ds).replacen(&date, bad, 1).as_bytes(), &limits).unwrap_err();
    assert!(
        matches!(&e, ReadError::Ndjson { source, .. } if source.to_string().contains("out of range")),
        "{e}"
    );
    let e = xml::read(xml_text(&ds).replacen(&date, bad, 1).as_bytes(), &limits).unwrap_err();
    assert!(
        matches!(&e, ReadError::Xml { source, .. } if source.to_string().contains("out of range")),
        "{e}"
    );
    let dir = csv_dir(&ds);
    edit(&dir, "organizations.csv", |t| t.replacen(&date, bad, 1));
    let e = csv::read(dir.path(), &limits).unwrap_err();
    assert!(
        matches!(&e, ReadError::Csv { file, source, .. } if file == "organizations.csv" && source.to_string().contains("out of range")),
        "{e}"
    );
}

// ---------------------------------------------------------------------------------------------
// CSV: a quoted newline, a missing column.

#[test]
fn csv_quoted_newlines_round_trip() {
    let mut ds = fixture::rich();
    ds.organizations[0].website = Some("line one\nline \"two\", with a comma\r\nthree\r".into());
    let dir = csv_dir(&ds);
    let text = std::fs::read_to_string(dir.path().join("organizations.csv")).unwrap();
    assert!(text.contains("\"line one\nline \"\"two\"\", with a comma\r\nthree\r\""));
    assert_eq!(csv::read(dir.path(), &Limits::default()).unwrap(), ds);
}

#[test]
fn csv_missing_columns_are_refused() {
    let ds = fixture::rich();
    let limits = Limits::default();
    // A required column is missing from the header and the rows.
    let dir = csv_dir(&ds);
    edit(&dir, "organizations.csv", |t| {
        let mut r = ::csv::Reader::from_reader(t.as_bytes());
        let mut w = ::csv::Writer::from_writer(Vec::new());
        let headers = r.headers().unwrap().clone();
        let skip = headers.iter().position(|h| h == "registered_on").unwrap();
        let keep = |rec: &::csv::StringRecord| -> Vec<String> {
            rec.iter()
                .enumerate()
                .filter(|(i, _)| *i != skip)
                .map(|(_, c)| c.to_owned())
                .collect()
        };
        w.write_record(keep(&headers)).unwrap();
        for rec in r.records() {
            w.write_record(keep(&rec.unwrap())).unwrap();
        }
        String::from_utf8(w.into_inner().unwrap()).unwrap()
    });
    let e = csv::read(dir.path(), &limits).unwrap_err();
    assert!(
        matches!(&e, ReadError::Csv { file, line: 1, source } if file == "organizations.csv" && source.to_string().contains("required column \"registered_on\"")),
        "{e}"
    );
    // The key column is missing.
    let dir = csv_dir(&ds);
    edit(&dir, "organizations.csv", |t| t.replacen("bin,", "nib,", 1));
    let e = csv::read(dir.path(), &limits).unwrap_err();
    assert!(
        matches!(&e, ReadError::Csv { file, line: 1, source } if file == "organizations.csv" && source.to_string().contains("key column \"bin\"")),
        "{e}"
    );
    // A row has a cell fewer than the header.
    let dir = csv_dir(&ds);
    edit(&dir, "organizations.csv", |t| {
        let mut lines: Vec<String> = t.lines().map(str::to_owned).collect();
        let cut = lines[1].rfind(',').unwrap();
        lines[1].truncate(cut);
        lines.join("\r\n") + "\r\n"
    });
    let e = csv::read(dir.path(), &limits).unwrap_err();
    assert!(
        matches!(&e, ReadError::Csv { file, line: 2, source: ReadCause::Csv(cause) } if file == "organizations.csv" && cause.to_string().contains("fields")),
        "{e}"
    );
}

// ---------------------------------------------------------------------------------------------
// The pre-scans keep their state across buffer boundaries.

#[test]
fn pre_scans_work_with_tiny_buffers() {
    let ds = fixture::rich();
    let limits = Limits::default();
    for cap in [1, 2, 7] {
        let x = xml_text(&ds);
        let r = BufReader::with_capacity(cap, x.as_bytes());
        assert_eq!(xml::read(r, &limits).unwrap(), ds, "capacity {cap}");
        let j = json_text(&ds);
        let r = BufReader::with_capacity(cap, j.as_bytes());
        assert_eq!(json::read(r, &limits).unwrap(), ds, "capacity {cap}");
    }
    // A limit hit exactly at a buffer boundary.
    let tight = Limits {
        max_string_bytes: 1 << 16,
        ..Limits::default()
    };
    let doc = format!(
        "<dataset xmlns=\"urn:engo:dataset:1\"><schema_version>{}</schema_version></dataset>",
        "a".repeat((1 << 16) + 1)
    );
    let e = xml::read(BufReader::with_capacity(4096, doc.as_bytes()), &tight).unwrap_err();
    assert!(e.to_string().contains("longer than"), "{e}");
}
