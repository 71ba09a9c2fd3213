//! Every format that reads back gives the same dataset; the same dataset gives the same bytes.

use engo_export::{Limits, csv, json, ndjson, xml};
use engo_model::Dataset;
use proptest::prelude::*;

use crate::fixture;

fn through_all(ds: &Dataset) {
    let limits = Limits::default();
    let j = json::write(ds, Vec::new()).unwrap();
    assert_eq!(&json::read(&j[..], &limits).unwrap(), ds, "JSON");
    let n = ndjson::write(ds, Vec::new()).unwrap();
    assert_eq!(&ndjson::read(&n[..], &limits).unwrap(), ds, "NDJSON");
    let x = xml::write(ds, Vec::new()).unwrap();
    assert_eq!(&xml::read(&x[..], &limits).unwrap(), ds, "XML");
    let dir = tempfile::tempdir().unwrap();
    csv::write(ds, dir.path(), &Default::default()).unwrap();
    assert_eq!(&csv::read(dir.path(), &limits).unwrap(), ds, "CSV");
}

#[test]
fn rich_fixture_round_trips_in_every_format() {
    through_all(&fixture::rich());
}

#[test]
fn empty_dataset_round_trips() {
    let ds = Dataset::new(
        engo_model::example::dataset().publisher,
        engo_model::example::dataset().published_at,
    );
    through_all(&ds);
}

#[test]
fn canonical_json_is_serde_pretty() {
    let ds = fixture::rich();
    let mut expected = serde_json::to_vec_pretty(&ds).unwrap();
    expected.push(b'\n');
    assert_eq!(json::write(&ds, Vec::new()).unwrap(), expected);
}

#[test]
fn exports_are_deterministic() {
    let ds = fixture::rich();
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    engo_export::export(&ds, &a.path().join("out"), &Default::default()).unwrap();
    engo_export::export(&ds, &b.path().join("out"), &Default::default()).unwrap();
    let fa = fixture::files(&a.path().join("out"));
    let fb = fixture::files(&b.path().join("out"));
    assert_eq!(fa.len(), fb.len());
    assert!(fa.len() > 30, "{} files", fa.len());
    for (x, y) in fa.iter().zip(&fb) {
        assert_eq!(x.file_name(), y.file_name());
        assert_eq!(
            std::fs::read(x).unwrap(),
            std::fs::read(y).unwrap(),
            "{}",
            x.display()
        );
    }
}

#[test]
fn streaming_writers_refuse_records_out_of_order() {
    let ds = fixture::rich();
    let header = engo_export::Header::of(&ds);
    let mut w = json::JsonWriter::new(Vec::new(), &header).unwrap();
    w.write(&engo_export::Record::StateBody(ds.state_bodies[0].clone()))
        .unwrap();
    let err = w
        .write(&engo_export::Record::Organization(
            ds.organizations[0].clone(),
        ))
        .unwrap_err();
    assert!(err.to_string().contains("dataset order"), "{err}");
    let mut x = xml::XmlWriter::new(Vec::new(), &header).unwrap();
    x.write(&engo_export::Record::Project(ds.projects[0].clone()))
        .unwrap();
    assert!(
        x.write(&engo_export::Record::Grant(ds.grants[0].clone()))
            .is_err()
    );
}

#[test]
fn ndjson_reader_streams_record_by_record() {
    let ds = fixture::rich();
    let bytes = ndjson::write(&ds, Vec::new()).unwrap();
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert_eq!(text.lines().count(), 1 + ds.record_count());
    assert!(
        text.lines()
            .next()
            .unwrap()
            .starts_with(r#"{"kind":"header","record":"#)
    );
    let reader = ndjson::NdjsonReader::new(&bytes[..], Limits::default()).unwrap();
    let kinds: Vec<_> = reader.map(|r| r.unwrap().kind()).collect();
    assert_eq!(kinds.len(), ds.record_count());
    assert!(kinds.windows(2).all(|w| w[0] <= w[1]));
    // The JSON reader streams too.
    let j = json::write(&ds, Vec::new()).unwrap();
    let mut n = 0;
    let header = json::for_each_record(&j[..], &Limits::default(), |_| {
        n += 1;
        Ok(())
    })
    .unwrap();
    assert_eq!(n, ds.record_count());
    assert_eq!(header, engo_export::Header::of(&ds));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn generated_datasets_round_trip(ds in fixture::datasets()) {
        through_all(&ds);
    }
}

#[test]
fn formats_convert_record_by_record_without_a_dataset() {
    // NDJSON in, JSON, XML and CSV out, one record in memory at a time: the same bytes as
    // exporting the whole dataset.
    let ds = fixture::rich();
    let nd = ndjson::write(&ds, Vec::new()).unwrap();
    let reader = ndjson::NdjsonReader::new(&nd[..], Limits::default()).unwrap();
    let header = reader.header().clone();
    let mut j = json::JsonWriter::new(Vec::new(), &header).unwrap();
    let mut x = xml::XmlWriter::new(Vec::new(), &header).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut c = csv::CsvWriter::new(dir.path(), &header, Default::default()).unwrap();
    for r in reader {
        let r = r.unwrap();
        j.write(&r).unwrap();
        x.write(&r).unwrap();
        c.write(&r).unwrap();
    }
    assert_eq!(j.finish().unwrap(), json::write(&ds, Vec::new()).unwrap());
    assert_eq!(x.finish().unwrap(), xml::write(&ds, Vec::new()).unwrap());
    c.finish().unwrap();
    let whole = tempfile::tempdir().unwrap();
    csv::write(&ds, whole.path(), &Default::default()).unwrap();
    for f in fixture::files(whole.path()) {
        let name = f.file_name().unwrap();
        assert_eq!(
            std::fs::read(&f).unwrap(),
            std::fs::read(dir.path().join(name)).unwrap(),
            "{name:?}"
        );
    }
}
