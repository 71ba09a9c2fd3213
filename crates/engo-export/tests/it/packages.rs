//! The OCDS and 360Giving packages written into any `io::Write`: the same bytes as the files of
//! an export, a typed error from a writer that fails, and record packages whose compiled
//! releases are the OCDS merge of the releases, byte for byte.

use std::io::{self, Write};

use engo_export::{
    ExportSettings, Format, WriteError,
    giving::{self, GivingSettings},
    ocds::{self, OcdsSettings},
};
use engo_model::Dataset;
use serde::{
    Deserialize, Deserializer, Serialize, Serializer,
    de::{MapAccess, Visitor},
    ser::{SerializeMap, SerializeSeq},
};
use serde_json::value::RawValue;

use crate::fixture;

/// The three packages of `ds`, written into memory.
fn packages(ds: &Dataset) -> [(&'static str, Vec<u8>); 3] {
    let (o, g) = (OcdsSettings::default(), GivingSettings::default());
    [
        (
            "ocds/release-package.json",
            ocds::write_release_package(ds, &o, Vec::new()).unwrap(),
        ),
        (
            "ocds/record-package.json",
            ocds::write_record_package(ds, &o, Vec::new()).unwrap(),
        ),
        (
            "360giving/grants.json",
            giving::write_package(ds, &g, Vec::new()).unwrap(),
        ),
    ]
}

#[test]
fn written_into_memory_as_into_the_export_files() {
    let ds = fixture::rich();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let settings = ExportSettings {
        formats: vec![Format::Ocds, Format::Giving],
        ..Default::default()
    };
    engo_export::export(&ds, &out, &settings).unwrap();
    for (file, bytes) in packages(&ds) {
        assert_eq!(std::fs::read(out.join(file)).unwrap(), bytes, "{file}");
        assert!(bytes.ends_with(b"}\n"), "{file}");
    }
}

/// A writer that takes `left` bytes, then fails.
struct FailAfter {
    left: usize,
}

impl Write for FailAfter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.left == 0 {
            return Err(io::Error::new(io::ErrorKind::StorageFull, "disk full"));
        }
        let n = buf.len().min(self.left);
        self.left -= n;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_failing_writer_gives_a_write_error() {
    let ds = fixture::rich();
    let (o, g) = (OcdsSettings::default(), GivingSettings::default());
    for (file, bytes) in packages(&ds) {
        let len = bytes.len();
        for left in [0, 1, 100, len / 3, len / 2, len - 2, len - 1] {
            let w = FailAfter { left };
            let result = match file {
                "ocds/release-package.json" => ocds::write_release_package(&ds, &o, w),
                "ocds/record-package.json" => ocds::write_record_package(&ds, &o, w),
                _ => giving::write_package(&ds, &g, w),
            };
            match result {
                Err(WriteError::Stream(e)) => {
                    assert_eq!(e.kind(), io::ErrorKind::StorageFull, "{file} after {left}")
                }
                other => panic!("{file} after {left} bytes: {:?}", other.map(|_| ())),
            }
        }
        let w = FailAfter { left: len };
        let whole = match file {
            "ocds/release-package.json" => ocds::write_release_package(&ds, &o, w),
            "ocds/record-package.json" => ocds::write_record_package(&ds, &o, w),
            _ => giving::write_package(&ds, &g, w),
        };
        assert_eq!(whole.unwrap().left, 0, "{file} fits exactly");
    }
}

/// JSON with its properties in document order, and every scalar as its exact text.
#[derive(Debug, Clone)]
enum Json {
    Obj(Vec<(String, Json)>),
    Arr(Vec<Json>),
    Scalar(Box<RawValue>),
}

/// Equal when written the same (property order included).
impl PartialEq for Json {
    fn eq(&self, other: &Json) -> bool {
        self.text() == other.text()
    }
}

/// The properties of an object, in order, each value unparsed.
struct Entries(Vec<(String, Box<RawValue>)>);

impl<'de> Deserialize<'de> for Entries {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Entries;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entries, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(Entries(entries))
            }
        }
        d.deserialize_map(V)
    }
}

impl Json {
    fn parse(text: &str) -> Json {
        match text.trim_start().as_bytes()[0] {
            b'{' => Json::Obj(
                serde_json::from_str::<Entries>(text)
                    .unwrap()
                    .0
                    .into_iter()
                    .map(|(k, v)| (k, Json::parse(v.get())))
                    .collect(),
            ),
            b'[' => Json::Arr(
                serde_json::from_str::<Vec<Box<RawValue>>>(text)
                    .unwrap()
                    .iter()
                    .map(|v| Json::parse(v.get()))
                    .collect(),
            ),
            _ => Json::Scalar(serde_json::from_str(text).unwrap()),
        }
    }

    fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Obj(props) => props.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    fn items(&self) -> &[Json] {
        match self {
            Json::Arr(items) => items,
            _ => &[],
        }
    }

    fn text(&self) -> String {
        serde_json::to_string_pretty(self).unwrap()
    }

    /// The OCDS merge (the rules engo's compiled releases follow): objects merge property by
    /// property, a new property is appended; arrays of objects that all have an `id` merge by
    /// `id`, a new object is appended; anything else is replaced.
    fn merge(&mut self, update: &Json) {
        let by_id = |items: &[Json]| items.iter().all(|x| x.get("id").is_some());
        match (&mut *self, update) {
            (Json::Obj(props), Json::Obj(new)) => {
                for (k, v) in new {
                    match props.iter_mut().find(|(old, _)| old == k) {
                        Some((_, old)) => old.merge(v),
                        None => props.push((k.clone(), v.clone())),
                    }
                }
            }
            (Json::Arr(old), Json::Arr(new)) if by_id(old) && by_id(new) => {
                for item in new {
                    match old.iter_mut().find(|o| o.get("id") == item.get("id")) {
                        Some(o) => o.merge(item),
                        None => old.push(item.clone()),
                    }
                }
            }
            (old, new) => *old = new.clone(),
        }
    }
}

impl Serialize for Json {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Json::Obj(props) => {
                let mut map = s.serialize_map(Some(props.len()))?;
                for (k, v) in props {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
            Json::Arr(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for x in items {
                    seq.serialize_element(x)?;
                }
                seq.end()
            }
            Json::Scalar(raw) => raw.serialize(s),
        }
    }
}

fn scalar(json: &str) -> Json {
    Json::Scalar(RawValue::from_string(json.to_owned()).unwrap())
}

/// Checks each record of the record package against the OCDS merge of its releases in the
/// release package; gives how many compiled tenders have their `tenderers` after their
/// `targets` (the tenderers came in a later release than the tender: a property that the merge
/// appended, out of the release's order).
fn check_records(ds: &Dataset) -> usize {
    let s = OcdsSettings::default();
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    let releases = Json::parse(&text(
        ocds::write_release_package(ds, &s, Vec::new()).unwrap(),
    ));
    let records = Json::parse(&text(
        ocds::write_record_package(ds, &s, Vec::new()).unwrap(),
    ));
    let releases = releases.get("releases").unwrap().items();
    let records = records.get("records").unwrap().items();
    assert_eq!(records.len(), ds.social_orders.len());
    let mut next = 0;
    let mut late = 0;
    for record in records {
        let ocid = record.get("ocid").unwrap();
        let mine: Vec<&Json> = releases[next..]
            .iter()
            .take_while(|r| r.get("ocid") == Some(ocid))
            .collect();
        next += mine.len();
        assert!(!mine.is_empty());
        let mut compiled = Json::Obj(Vec::new());
        let mut links = Vec::new();
        for r in &mine {
            let id = r.get("id").unwrap().text();
            let url = format!(
                "{}release-package.json#{}",
                s.base_uri,
                id.trim_matches('"')
            );
            links.push(Json::Obj(vec![
                ("url".into(), scalar(&serde_json::to_string(&url).unwrap())),
                ("date".into(), r.get("date").unwrap().clone()),
                ("tag".into(), r.get("tag").unwrap().clone()),
            ]));
            let Json::Obj(props) = r else { panic!() };
            let body = props
                .iter()
                .filter(|(k, _)| !matches!(k.as_str(), "id" | "date" | "tag"))
                .cloned()
                .collect();
            compiled.merge(&Json::Obj(body));
        }
        let ocid_text = ocid.text();
        let mut expected = vec![
            ("ocid".to_owned(), ocid.clone()),
            (
                "id".to_owned(),
                scalar(&format!("\"{}-compiled\"", ocid_text.trim_matches('"'))),
            ),
            (
                "date".to_owned(),
                mine.last().unwrap().get("date").unwrap().clone(),
            ),
            ("tag".to_owned(), Json::Arr(vec![scalar("\"compiled\"")])),
        ];
        let Json::Obj(props) = compiled else { panic!() };
        expected.extend(props.into_iter().filter(|(k, _)| k != "ocid"));
        let expected = Json::Obj(expected);
        let got = record.get("compiledRelease").unwrap();
        assert_eq!(
            got.text(),
            expected.text(),
            "compiled release of {ocid_text}"
        );
        assert_eq!(record.get("releases").unwrap(), &Json::Arr(links));
        if let Some(Json::Obj(tender)) = got.get("tender") {
            let at = |key: &str| tender.iter().position(|(k, _)| k == key);
            if let (Some(targets), Some(tenderers)) = (at("targets"), at("tenderers")) {
                late += usize::from(targets < tenderers);
            }
        }
    }
    assert_eq!(next, releases.len(), "releases of no record");
    late
}

#[test]
fn compiled_releases_are_the_merge_of_the_releases() {
    let late = check_records(&fixture::rich());
    assert!(
        late > 0,
        "the fixture has no tender whose tenderers came later"
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 16, ..Default::default() })]

    #[test]
    fn generated_compiled_releases_are_the_merge_of_the_releases(ds in fixture::datasets()) {
        check_records(&ds);
    }
}
