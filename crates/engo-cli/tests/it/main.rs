//! Integration tests of the `engo` binary: they run the built program.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::{path::Path, process::Command};

fn engo(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_engo"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[test]
fn sample_is_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.json");
    let b = dir.path().join("b.json");
    let c = dir.path().join("c.ndjson");
    for (path, seed) in [(&a, "5"), (&b, "5"), (&c, "5")] {
        let (code, out, err) = engo(&[
            "sample",
            "--scale",
            "0.01",
            "--seed",
            seed,
            "--out",
            p(path),
        ]);
        assert_eq!(code, 0, "{err}");
        assert!(out.contains("records"), "{out}");
    }
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    let first = std::fs::read_to_string(&c).unwrap();
    assert!(
        first.starts_with("{\"kind\":\"header\""),
        "NDJSON by extension"
    );
}

#[test]
fn validate_exit_codes_and_planted_faults() {
    let dir = tempfile::tempdir().unwrap();
    let clean = dir.path().join("clean.json");
    let faulty = dir.path().join("faulty.json");
    assert_eq!(
        engo(&[
            "sample",
            "--scale",
            "0.01",
            "--seed",
            "3",
            "--out",
            p(&clean),
            "-q"
        ])
        .0,
        0
    );
    assert_eq!(
        engo(&[
            "sample",
            "--scale",
            "0.02",
            "--seed",
            "3",
            "--faults",
            "0.3",
            "--out",
            p(&faulty),
            "-q"
        ])
        .0,
        0
    );

    let (code, out, err) = engo(&["validate", p(&clean)]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("0 errors"), "{out}");

    let (code, out, _) = engo(&["validate", p(&faulty), "--format", "json"]);
    assert_eq!(code, 1);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let codes: Vec<&str> = report["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["code"].as_str().unwrap())
        .collect();
    for planted in [
        "grant.own_support.exceeds_share",
        "coherence.tranches.exceed_amount",
        "privacy.personal_id",
        "project.duration.out_of_range",
    ] {
        assert!(codes.contains(&planted), "{planted} not in {codes:?}");
    }
    // The text report in Kazakh.
    let (code, out, _) = engo(&["validate", p(&faulty), "--lang", "kk"]);
    assert_eq!(code, 1);
    assert!(out.contains("қате"), "{out}");
}

#[test]
fn unusable_input_and_arguments_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = engo(&["validate", "/nonexistent/engo.json", "--lang", "kk"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("оқу мүмкін болмады"),
        "the error speaks Kazakh: {err}"
    );
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "{ \"schema_version\": \"1.0\", \"publisher\": ").unwrap();
    let (code, _, err) = engo(&["validate", p(&broken)]);
    assert_eq!(code, 2);
    assert!(err.contains("line 1"), "{err}");
    assert_eq!(
        engo(&[
            "export",
            p(&broken),
            "--out",
            p(dir.path()),
            "--formats",
            "pdf"
        ])
        .0,
        2
    );
    assert_eq!(engo(&["sample", "--scale", "20", "--out", p(&broken)]).0, 2);
    assert_eq!(engo(&["stages", "no_such_machine"]).0, 2);
    let txt = dir.path().join("data.txt");
    std::fs::write(&txt, "x").unwrap();
    assert_eq!(engo(&["validate", p(&txt)]).0, 2);
}

#[test]
fn malformed_ndjson_records_are_reported_not_fatal() {
    let dir = tempfile::tempdir().unwrap();
    let nd = dir.path().join("d.ndjson");
    assert_eq!(
        engo(&[
            "sample",
            "--scale",
            "0.01",
            "--seed",
            "9",
            "--out",
            p(&nd),
            "-q"
        ])
        .0,
        0
    );
    let mut lines: Vec<String> = std::fs::read_to_string(&nd)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    lines[3] = "{\"kind\":\"organization\",\"record\":{\"bin\":\"123\"}}".to_owned();
    lines[7] = "not json".to_owned();
    std::fs::write(&nd, lines.join("\n") + "\n").unwrap();
    let (code, out, _) = engo(&["validate", p(&nd), "--format", "json"]);
    assert_eq!(code, 1);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let malformed = report["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["code"] == "input.malformed")
        .unwrap();
    assert_eq!(malformed["count"], 2);
}

#[test]
fn export_writes_every_format_and_streams_ndjson() {
    let dir = tempfile::tempdir().unwrap();
    let nd = dir.path().join("d.ndjson");
    assert_eq!(
        engo(&[
            "sample",
            "--scale",
            "0.01",
            "--seed",
            "4",
            "--out",
            p(&nd),
            "-q"
        ])
        .0,
        0
    );
    let all = dir.path().join("all");
    let (code, _, err) = engo(&["export", p(&nd), "--out", p(&all)]);
    assert_eq!(code, 0, "{err}");
    for f in engo_export_files() {
        assert!(all.join(f).is_file(), "{f}");
    }
    assert!(all.join("csv/projects.csv").is_file());
    let streamed = dir.path().join("streamed");
    assert_eq!(
        engo(&[
            "export",
            p(&nd),
            "--out",
            p(&streamed),
            "--formats",
            "ndjson,json"
        ])
        .0,
        0
    );
    // The sample's log carries no chain: both exports link it, the same way.
    assert_eq!(
        std::fs::read(streamed.join("engo.ndjson")).unwrap(),
        std::fs::read(all.join("engo.ndjson")).unwrap(),
        "streamed NDJSON is byte-identical"
    );
    let again = dir.path().join("again");
    let from_streamed = streamed.join("engo.ndjson");
    let args = [
        "export",
        p(&from_streamed),
        "--out",
        p(&again),
        "--formats",
        "ndjson",
    ];
    assert_eq!(engo(&args).0, 0);
    assert_eq!(
        std::fs::read(again.join("engo.ndjson")).unwrap(),
        std::fs::read(&from_streamed).unwrap(),
        "a linked log is exported as it is"
    );
    assert_eq!(
        std::fs::read(streamed.join("engo.json")).unwrap(),
        std::fs::read(all.join("engo.json")).unwrap()
    );
    assert!(!streamed.join("engo.xml").exists());
}

fn engo_export_files() -> [&'static str; 8] {
    [
        "engo.json",
        "engo.ndjson",
        "engo.xml",
        "datapackage.json",
        "engo.xlsx",
        "ocds/release-package.json",
        "ocds/record-package.json",
        "360giving/grants.json",
    ]
}

#[test]
fn schema_matches_the_checked_in_files() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(engo(&["schema", "--out", p(dir.path())]).0, 0);
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schemas");
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let name = entry.unwrap().file_name();
        let written = std::fs::read(dir.path().join(&name)).unwrap();
        assert_eq!(
            written,
            std::fs::read(repo.join(&name)).unwrap(),
            "{name:?}"
        );
    }
}

#[test]
fn stages_render_in_three_forms() {
    let (code, out, _) = engo(&["stages", "social_order"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("stateDiagram-v2"), "{out}");
    assert!(out.contains("bid_review --> awarded: award [winner_eligible, amount_within_budget]"));
    let (_, csv, _) = engo(&["stages", "--format", "csv"]);
    assert!(csv.lines().count() > 80);
    let (_, json, _) = engo(&["stages", "project", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v[0]["machine"], "project");
}

#[test]
fn publish_layout_and_refusal() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("open-data");
    let (code, stdout, err) = engo(&[
        "publish",
        "--sample",
        "--scale",
        "0.01",
        "--seed",
        "1",
        "--out",
        p(&out),
    ]);
    assert_eq!(code, 0, "{stdout}{err}");
    assert!(stdout.contains("published"), "{stdout}");
    for f in engo_export_files()
        .iter()
        .chain(&["report.json", "index.html"])
    {
        assert!(out.join(f).is_file(), "{f}");
    }
    // The website beside the files: its home, and a page per organisation in three languages.
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(html.contains("<html lang=\"kk\">") && html.contains("kk/downloads.html"));
    let downloads = std::fs::read_to_string(out.join("en/downloads.html")).unwrap();
    assert!(downloads.contains("../engo.ndjson") && downloads.contains("tender/tenderPeriod"));
    assert!(out.join("schemas/publisher.schema.json").is_file());
    let first_org = std::fs::read_dir(out.join("ru/org")).unwrap().count();
    assert!(first_org >= 200, "{first_org}");
    // The sample is published with placeholders, without a warning.
    assert!(!err.contains("WARNING"), "{err}");
    // The same seed publishes the same bytes.
    let again = dir.path().join("again");
    assert_eq!(
        engo(&[
            "publish",
            "--sample",
            "--scale",
            "0.01",
            "--seed",
            "1",
            "--out",
            p(&again),
            "-q"
        ])
        .0,
        0
    );
    for f in [
        "engo.json",
        "engo.xml",
        "ocds/release-package.json",
        "report.json",
        "index.html",
        "ru/downloads.html",
        "assets/search-index.js",
    ] {
        assert_eq!(
            std::fs::read(out.join(f)).unwrap(),
            std::fs::read(again.join(f)).unwrap(),
            "{f}"
        );
    }

    // A dataset with error findings is not published, and an earlier publication stays.
    let faulty = dir.path().join("faulty.json");
    assert_eq!(
        engo(&[
            "sample",
            "--scale",
            "0.01",
            "--faults",
            "0.3",
            "--out",
            p(&faulty),
            "-q"
        ])
        .0,
        0
    );
    let before = std::fs::read(out.join("engo.json")).unwrap();
    let (code, _, _) = engo(&["publish", p(&faulty), "--out", p(&out)]);
    assert_eq!(code, 1);
    assert_eq!(std::fs::read(out.join("engo.json")).unwrap(), before);
    let (code, _, _) = engo(&[
        "publish",
        p(&faulty),
        "--out",
        p(&out),
        "--allow-errors",
        "-q",
    ]);
    assert_eq!(
        code, 1,
        "published, and the exit code still says the data has errors"
    );
    assert_ne!(std::fs::read(out.join("engo.json")).unwrap(), before);
}

/// A publisher file sets the identifiers and addresses of every format and the site; real data
/// published with the sample's placeholders is warned about; a bad file is refused with its
/// line.
#[test]
fn publisher_file() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("d.json");
    assert_eq!(
        engo(&["sample", "--scale", "0.002", "--out", p(&data), "-q"]).0,
        0
    );
    let toml = dir.path().join("publisher.toml");
    std::fs::write(
        &toml,
        r#"# The ministry's open data.
base_url = "https://data.example.kz/engo/"
publication_policy = "https://data.example.kz/engo/policy"
[license]
id = "CC-BY-4.0"
url = "https://creativecommons.org/licenses/by/4.0/"
title = "Creative Commons Attribution 4.0"
[ocds]
ocid_prefix = "ocds-kz0001"
[360giving]
prefix = "kz-engo"
"#,
    )
    .unwrap();
    let out = dir.path().join("out");
    let (code, stdout, err) = engo(&[
        "publish",
        p(&data),
        "--publisher",
        p(&toml),
        "--out",
        p(&out),
        "--allow-errors",
    ]);
    assert!(code <= 1, "{stdout}{err}");
    assert!(!err.contains("WARNING"), "{err}");
    let ocds = std::fs::read_to_string(out.join("ocds/record-package.json")).unwrap();
    assert!(ocds.contains("\"ocid\": \"ocds-kz0001-"));
    assert!(ocds.contains("https://data.example.kz/engo/ocds/release-package.json"));
    let grants = std::fs::read_to_string(out.join("360giving/grants.json")).unwrap();
    assert!(!grants.contains("360G-engo-"));
    let site = std::fs::read_to_string(out.join("en/downloads.html")).unwrap();
    assert!(
        site.contains("ocds-kz0001") && site.contains("https://data.example.kz/engo/engo.json")
    );
    assert!(!site.contains("sample placeholders"));

    // Real data without a publisher file: published, with a warning naming the placeholders.
    let (_, _, err) = engo(&["publish", p(&data), "--out", p(&out), "--allow-errors"]);
    assert!(
        err.contains("WARNING") && err.contains("ocds.ocid_prefix"),
        "{err}"
    );

    // `engo export` reads it too.
    let (code, _, err) = engo(&[
        "export",
        p(&data),
        "--publisher",
        p(&toml),
        "--formats",
        "ocds",
        "--out",
        p(&dir.path().join("x")),
    ]);
    assert_eq!(code, 0, "{err}");

    // A bad file: exit 2, the field and what it must be.
    std::fs::write(&toml, "base_url = \"https://x.kz/\"\nocds = 5\n").unwrap();
    let (code, _, err) = engo(&[
        "publish",
        p(&data),
        "--publisher",
        p(&toml),
        "--out",
        p(&out),
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("line 2"), "{err}");
}

#[test]
fn custom_profile_by_file_or_id() {
    let dir = tempfile::tempdir().unwrap();
    let ds = dir.path().join("d.json");
    assert_eq!(
        engo(&[
            "sample",
            "--scale",
            "0.01",
            "--seed",
            "2",
            "--out",
            p(&ds),
            "-q"
        ])
        .0,
        0
    );
    let strict = dir.path().join("strict.json");
    std::fs::write(
        &strict,
        r#"{"extends":"kz-2025-07","id":"strict","params":{"own_support_max_percent":1}}"#,
    )
    .unwrap();
    let (code, out, _) = engo(&[
        "validate",
        p(&ds),
        "--profile",
        p(&strict),
        "--format",
        "json",
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("grant.own_support.exceeds_share"));
    assert_eq!(
        engo(&["validate", p(&ds), "--profile", "kz-2018-09", "-q"]).0,
        0
    );
    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        r#"{"extends":"kz-2025-07","params":{"own_suport":1}}"#,
    )
    .unwrap();
    let (code, _, err) = engo(&["validate", p(&ds), "--profile", p(&bad)]);
    assert_eq!(code, 2);
    assert!(err.contains("/params/own_suport"), "{err}");
}

#[test]
fn every_command_has_help_with_an_example() {
    for cmd in [
        "sample", "validate", "export", "template", "schema", "stages", "publish", "verify",
    ] {
        let (code, out, _) = engo(&[cmd, "--help"]);
        assert_eq!(code, 0);
        assert!(out.contains("Example"), "{cmd}: {out}");
    }
}

#[test]
fn template_then_a_workbook_validated_with_its_cells() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.xlsx"), dir.path().join("b.xlsx"));
    let (code, out, err) = engo(&["template", "--lang", "kk", "--out", p(&a)]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("engo validate"), "{out}");
    assert_eq!(
        engo(&["template", "--lang", "kk", "--out", p(&b), "-q"]).0,
        0
    );
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    // The template as it is lacks the row that says who publishes.
    let (code, _, err) = engo(&["validate", p(&a)]);
    assert_eq!(code, 2);
    assert!(err.contains("dataset: no header row"), "{err}");

    // A dataset with planted faults, as a workbook: findings name their cells.
    let faulty = dir.path().join("faulty.json");
    let args = [
        "sample", "--scale", "0.02", "--seed", "3", "--faults", "0.3",
    ];
    assert_eq!(
        engo(&[&args[..], &["--out", p(&faulty), "-q"]].concat()).0,
        0
    );
    let out = dir.path().join("x");
    let (code, _, err) = engo(&[
        "export",
        p(&faulty),
        "--out",
        p(&out),
        "--formats",
        "xlsx,json",
    ]);
    assert_eq!(code, 0, "{err}");
    let book = out.join("engo.xlsx");
    let (code, text, _) = engo(&["validate", p(&book)]);
    assert_eq!(code, 1);
    assert!(text.contains("/date_met [project_milestones!C"), "{text}");
    let (code, json, _) = engo(&["validate", p(&book), "--format", "json"]);
    assert_eq!(code, 1);
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    let finding = &report["groups"][0]["findings"][0];
    let cell = finding["cell"].as_str().unwrap();
    assert!(cell.contains('!'), "{finding}");
    // The same report as from the JSON, but for the cells.
    let (_, from_json, _) = engo(&["validate", p(&faulty), "--format", "json"]);
    let mut from_book = report.clone();
    for g in from_book["groups"].as_array_mut().unwrap() {
        for f in g["findings"].as_array_mut().unwrap() {
            f.as_object_mut().unwrap().remove("cell");
        }
    }
    assert_eq!(
        from_book,
        serde_json::from_str::<serde_json::Value>(&from_json).unwrap()
    );
    // Back out of the workbook: the same JSON.
    let back = dir.path().join("back");
    assert_eq!(
        engo(&[
            "export",
            p(&book),
            "--out",
            p(&back),
            "--formats",
            "json",
            "-q"
        ])
        .0,
        0
    );
    assert_eq!(
        std::fs::read(back.join("engo.json")).unwrap(),
        std::fs::read(out.join("engo.json")).unwrap()
    );
}

#[test]
fn verify_finds_the_edited_event_of_an_export() {
    let dir = tempfile::tempdir().unwrap();
    let sample = dir.path().join("s.json");
    let args = [
        "sample",
        "--scale",
        "0.01",
        "--seed",
        "3",
        "--out",
        p(&sample),
        "-q",
    ];
    assert_eq!(engo(&args).0, 0);
    // A log that was never linked: nothing to verify against.
    let (code, out, _) = engo(&["verify", p(&sample)]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("no hash chain"), "{out}");

    let export = dir.path().join("open-data");
    assert_eq!(
        engo(&["export", p(&sample), "--out", p(&export), "-q"]).0,
        0
    );
    let json = export.join("engo.json");
    let (code, holds, err) = engo(&["verify", p(&json)]);
    assert_eq!(code, 0, "{holds}{err}");
    let mut dataset: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let events = dataset["events"].as_array().unwrap().len();
    assert!(
        holds.contains(&format!("{events} events; head #{}", events - 1)),
        "{holds}"
    );
    // Every format engo writes verifies, with the same head.
    let head = holds
        .split("head ")
        .nth(1)
        .unwrap()
        .split(' ')
        .take(2)
        .collect::<Vec<_>>();
    for other in ["engo.ndjson", "engo.xml", "datapackage.json", "engo.xlsx"] {
        let (code, out, err) = engo(&["verify", p(&export.join(other))]);
        assert_eq!(code, 0, "{other}: {out}{err}");
        assert!(out.contains(&head.join(" ")), "{other}: {out}");
    }

    // Someone rewrites one event's time in the published JSON.
    let k = events / 2;
    let at = dataset["events"][k]["at"]
        .as_str()
        .unwrap()
        .replace("+05:00", "+06:00");
    dataset["events"][k]["at"] = at.into();
    let edited = dir.path().join("edited.json");
    std::fs::write(&edited, serde_json::to_string_pretty(&dataset).unwrap()).unwrap();
    let (code, out, err) = engo(&["verify", p(&edited)]);
    assert_eq!(code, 1, "{out}{err}");
    let link = k + 1;
    assert!(
        out.contains(&format!(
            "broken at event #{link} (/events/{link}/prev_hash;"
        )),
        "{out}"
    );
    let (_, kk, _) = engo(&["verify", p(&edited), "--lang", "kk"]);
    assert!(kk.contains(&format!("№{link} оқиғада үзілген")), "{kk}");
    let (_, ru, _) = engo(&["verify", p(&edited), "--lang", "ru"]);
    assert!(ru.contains(&format!("нарушена на событии №{link}")), "{ru}");
    // Validation names it too.
    let (code, report, _) = engo(&["validate", p(&edited), "--format", "json"]);
    assert_eq!(code, 1);
    assert!(
        report.contains(&format!("/events/{link}/prev_hash")),
        "{report}"
    );
    assert!(report.contains("stage.chain.broken"));
    // Converting the edited file does not mend it.
    let converted = dir.path().join("converted");
    let args = [
        "export",
        p(&edited),
        "--out",
        p(&converted),
        "--formats",
        "csv",
    ];
    assert_eq!(engo(&args).0, 0);
    let (code, out, _) = engo(&["verify", p(&converted.join("datapackage.json"))]);
    assert_eq!(code, 1, "{out}");

    // Unusable input.
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "{").unwrap();
    assert_eq!(engo(&["verify", p(&broken)]).0, 2);
}

#[test]
fn publish_writes_the_head_of_the_published_log() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("open-data");
    let args = [
        "publish",
        "--sample",
        "--scale",
        "0.01",
        "--seed",
        "2",
        "--out",
        p(&out),
        "-q",
    ];
    let (code, _, err) = engo(&args);
    assert_eq!(code, 0, "{err}");
    let head: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("log-head.json")).unwrap()).unwrap();
    let (code, verified, _) = engo(&["verify", p(&out.join("engo.json"))]);
    assert_eq!(code, 0, "{verified}");
    let expected = format!("head #{} {}", head["index"], head["hash"].as_str().unwrap());
    assert!(verified.contains(&expected), "{verified} / {head}");
    // The mediation cases' events are not published, and the published chain holds without them.
    let published = std::fs::read_to_string(out.join("engo.json")).unwrap();
    assert!(!published.contains("\"machine\": \"mediation_case\""));
}

/// The shipped example dataset (it validates clean; its grant gives 8 % to own support).
fn example_dataset() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../engo-model/data/example-dataset.json")
}

#[test]
fn impact_of_a_proposal_in_json_text_and_html() {
    let dir = tempfile::tempdir().unwrap();
    let data = example_dataset();
    // The same profile twice: nothing added, nothing removed.
    let (code, out, err) = engo(&[
        "impact",
        p(&data),
        "--from",
        "kz-2025-07",
        "--to",
        "kz-2025-07",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let same: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(same["added"], serde_json::json!([]));
    assert_eq!(same["removed"], serde_json::json!([]));

    // A proposal of 5 % for own support: the example's grant (8 %) fails it, and nothing else.
    let proposal = dir.path().join("proposal.json");
    std::fs::write(
        &proposal,
        r#"{"extends":"kz-2025-07","id":"wg-own-support","params":{"own_support_max_percent":5}}"#,
    )
    .unwrap();
    let (code, out, err) = engo(&[
        "impact",
        p(&data),
        "--from",
        "kz-2025-07",
        "--to",
        p(&proposal),
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["to"], "wg-own-support");
    let added = report["added"].as_array().unwrap();
    assert_eq!(added.len(), 1, "{added:?}");
    assert_eq!(added[0]["code"], "grant.own_support.exceeds_share");
    assert_eq!(added[0]["record"], "GR-2025-0001");
    assert_eq!(report["removed"], serde_json::json!([]));
    assert_eq!(report["errors"]["before"], 0);
    assert_eq!(report["errors"]["after"], 1);

    let (code, text, _) = engo(&[
        "--lang",
        "kk",
        "impact",
        p(&data),
        "--from",
        "kz-2025-07",
        "--to",
        p(&proposal),
    ]);
    assert_eq!(code, 0);
    assert!(
        text.contains("grant.own_support.exceeds_share × 1"),
        "{text}"
    );
    assert!(text.contains("Қателер: 0 → 1"), "{text}");

    let page = dir.path().join("impact.html");
    let (code, _, err) = engo(&[
        "impact",
        p(&data),
        "--from",
        "kz-2025-07",
        "--to",
        p(&proposal),
        "--format",
        "html",
        "--lang",
        "ru",
        "--out",
        p(&page),
    ]);
    assert_eq!(code, 0, "{err}");
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains(r#"<html lang="ru">"#));
    assert!(html.contains("<svg"));
    // Self-contained: nothing to fetch, no script.
    for outside in ["<script", "<link", " src=", "url("] {
        assert!(!html.contains(outside), "{outside}");
    }

    // Unusable input: a profile that does not exist, a dataset that does not exist.
    let missing = dir.path().join("missing.json");
    assert_eq!(
        engo(&[
            "impact",
            p(&data),
            "--from",
            "kz-2025-07",
            "--to",
            p(&missing)
        ])
        .0,
        2
    );
    assert_eq!(
        engo(&[
            "impact",
            p(&missing),
            "--from",
            "kz-2025-07",
            "--to",
            "kz-2025-07"
        ])
        .0,
        2
    );
}

#[test]
fn profile_check_explains_with_the_place_in_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let good =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/proposals/wg-2026-reform.json");
    let (code, out, err) = engo(&["profile", "check", p(&good)]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("own_support_max_percent: 10 → 5"), "{out}");

    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        "{\n  \"extends\": \"kz-2025-07\",\n  \"params\": {\n    \"own_suport\": 1\n  }\n}\n",
    )
    .unwrap();
    let (code, out, _) = engo(&["--lang", "en", "profile", "check", p(&bad)]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("own_suport"), "{out}");
    assert!(out.contains("line 4"), "{out}");
}
