//! The lifecycle tables' renderings: snapshots, compared byte for byte with the checked-in files
//! (`ENGO_UPDATE_SNAPSHOTS=1` rewrites them).

use std::path::{Path, PathBuf};

use engo_model::lifecycle::Machine;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/snapshots")
}

fn check(path: &Path, actual: &str) {
    if std::env::var_os("ENGO_UPDATE_SNAPSHOTS").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run with ENGO_UPDATE_SNAPSHOTS=1 to create it",
            path.display()
        )
    });
    assert!(
        expected == actual,
        "{} differs from the rendering; run with ENGO_UPDATE_SNAPSHOTS=1 to update it\n--- actual ---\n{actual}",
        path.display()
    );
}

#[test]
fn mermaid_of_every_machine() {
    for m in Machine::ALL {
        check(
            &dir().join(format!("{}.mmd", m.as_str())),
            &engo_model::lifecycle::mermaid(*m),
        );
    }
}

#[test]
fn csv_of_every_table() {
    check(
        &dir().join("transitions.csv"),
        &engo_model::lifecycle::to_csv(),
    );
}

#[test]
fn json_of_every_table() {
    check(
        &dir().join("transitions.json"),
        &engo_model::lifecycle::to_json(),
    );
}

#[test]
fn readme_shows_the_diagrams_of_social_order_and_project() {
    let readme = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lifecycle/README.md"),
    )
    .unwrap();
    for m in [Machine::SocialOrder, Machine::Project] {
        let block = format!("```mermaid\n{}```\n", engo_model::lifecycle::mermaid(m));
        assert!(
            readme.contains(&block),
            "README lacks the current diagram of {m}:\n{block}"
        );
    }
}
