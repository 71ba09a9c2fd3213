//! Atomic output: a failure leaves no partial output and keeps an earlier export.

use engo_export::{WriteError, write_dir_atomically, write_file_atomically};

use crate::fixture;

fn leftovers(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-"))
        .collect()
}

#[test]
fn failed_file_write_keeps_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("engo.json");
    write_file_atomically(&path, |w| Ok(w.write_all(b"old")?)).unwrap();
    let err = write_file_atomically(&path, |w| {
        w.write_all(b"half of the new")?;
        Err(WriteError::Serialize {
            what: "test".into(),
            message: "boom".into(),
        })
    })
    .unwrap_err();
    assert!(err.to_string().contains("boom"));
    assert_eq!(std::fs::read(&path).unwrap(), b"old");
    assert!(leftovers(dir.path()).is_empty());
}

#[test]
fn failed_export_keeps_the_earlier_export_and_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("open-data");
    let ds = fixture::rich();
    engo_export::export(&ds, &out, &Default::default()).unwrap();
    let before: Vec<_> = fixture::files(&out)
        .iter()
        .map(|f| (f.clone(), std::fs::read(f).unwrap()))
        .collect();
    // A text XML 1.0 cannot carry: JSON, NDJSON are written, then XML fails.
    let mut bad = ds.clone();
    bad.organizations[0].website = Some("https://x.kz/\u{1}".into());
    let err = engo_export::export(&bad, &out, &Default::default()).unwrap_err();
    assert!(err.to_string().contains("U+0001"), "{err}");
    let after: Vec<_> = fixture::files(&out)
        .iter()
        .map(|f| (f.clone(), std::fs::read(f).unwrap()))
        .collect();
    assert_eq!(before, after);
    assert!(
        leftovers(dir.path()).is_empty(),
        "{:?}",
        leftovers(dir.path())
    );
}

#[test]
fn failed_first_export_leaves_no_directory() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("open-data");
    let r = write_dir_atomically(&out, |d| {
        std::fs::write(d.join("a.csv"), "x").unwrap();
        Err(WriteError::Serialize {
            what: "test".into(),
            message: "boom".into(),
        })
    });
    assert!(r.is_err());
    assert!(!out.exists());
    assert!(leftovers(dir.path()).is_empty());
}

#[test]
fn a_second_export_replaces_the_first() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("open-data");
    let mut ds = fixture::rich();
    engo_export::export(&ds, &out, &Default::default()).unwrap();
    ds.grants.clear();
    engo_export::export(&ds, &out, &Default::default()).unwrap();
    let back = engo_export::json::read(
        std::io::BufReader::new(std::fs::File::open(out.join("engo.json")).unwrap()),
        &Default::default(),
    )
    .unwrap();
    assert!(back.grants.is_empty());
    assert!(leftovers(dir.path()).is_empty());
}
