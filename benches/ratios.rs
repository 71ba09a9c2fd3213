//! engo against its baselines, every figure a ratio of two measurements of the same run.
//!
//! `cargo bench -p engo-benches` generates the sample datasets at scales 0.1 and 1 (once), runs
//! every measurement with criterion, measures the peak memory of a streaming NDJSON export with
//! `benches/memory.sh`, and prints the ratio table with each target and verdict. See
//! `benches/README.md` for the targets and the last results.
//!
//! Without `--bench` (`cargo test --benches`, CI) it runs each case once on tiny datasets.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "a benchmark program: a failed setup step should stop it loudly"
)]

use std::{
    cell::RefCell,
    hint::black_box,
    io::BufRead,
    path::{Path, PathBuf},
    process::Command,
    time::{Duration, SystemTime},
};

use criterion::{BatchSize, BenchmarkGroup, Criterion, SamplingMode, measurement::WallTime};
use engo_criteria::{Checker, CriteriaProfile, Profiles, profile_for};
use engo_export::{Limits, PackageSettings, csv, json, ndjson, ocds, xml};
use engo_model::Dataset;

/// One dataset of the run, with its canonical JSON.
struct Input {
    /// The scale, as written in the table.
    label: &'static str,
    ds: Dataset,
    json: Vec<u8>,
    profile: &'static CriteriaProfile,
}

/// Output sizes of the exports (bytes), measured once per scale.
#[derive(Default, Clone, Copy)]
struct Sizes {
    json: u64,
    ndjson: u64,
    xml: u64,
    csv: u64,
    ocds: u64,
    json_file: u64,
    site: u64,
}

/// Where criterion writes its results: the same rule criterion follows.
fn criterion_dir() -> PathBuf {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return PathBuf::from(home);
    }
    if let Some(target) = std::env::var_os("CARGO_TARGET_DIR") {
        return PathBuf::from(target).join("criterion");
    }
    // The bench executable is <target>/release/deps/ratios-….
    std::env::current_exe()
        .ok()
        .and_then(|exe| Some(exe.parent()?.parent()?.parent()?.join("criterion")))
        .unwrap_or_else(|| PathBuf::from("target/criterion"))
}

/// Mean time (ns) of one benchmark from criterion's `estimates.json`, if it was written during
/// this run.
fn mean_ns(group: &str, id: &str, since: SystemTime) -> Option<f64> {
    let path = criterion_dir()
        .join(group)
        .join(id)
        .join("new")
        .join("estimates.json");
    let fresh = std::fs::metadata(&path)
        .and_then(|m| m.modified())
        .is_ok_and(|t| t >= since);
    if !fresh {
        return None;
    }
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).ok()?).ok()?;
    v.pointer("/mean/point_estimate")?.as_f64()
}

fn dir_size(dir: &Path) -> u64 {
    let mut total = 0;
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let Ok(meta) = entry.metadata() else { continue };
        if meta.is_dir() {
            total += dir_size(&entry.path());
        } else {
            total += meta.len();
        }
    }
    total
}

fn ocds_packages(ds: &Dataset, settings: &ocds::OcdsSettings) -> usize {
    let release = ocds::write_release_package(ds, settings, Vec::new()).expect("release package");
    let record = ocds::write_record_package(ds, settings, Vec::new()).expect("record package");
    release.len() + record.len()
}

fn make_input(label: &'static str, scale: f64) -> Input {
    let config = engo_sample::Config::new(scale, 1, 0.0).expect("scale");
    let generated = engo_sample::generate(&config).expect("sample").dataset;
    // Compact JSON (no indentation): the harder baseline; the canonical file is pretty-printed.
    let json = serde_json::to_vec(&generated).expect("JSON");
    drop(generated);
    // Every case works on the dataset as engo reads it from its file, as `engo validate` and
    // `engo export` do: its records and their strings lie in memory in file order. The
    // generator's own dataset does not (its log is sorted by time after it is synthesized
    // record by record, which scatters the events' strings): checks on it measured where the
    // generator had put things.
    let ds = json::read(&json[..], &Limits::default()).expect("the sample reads");
    let profile = profile_for(ds.published_at.date_naive()).expect("criteria profile");
    eprintln!(
        "scale {label}: {} records, {} events, {:.1} MB of JSON",
        ds.record_count(),
        ds.events.len(),
        json.len() as f64 / 1e6
    );
    Input {
        label,
        ds,
        json,
        profile,
    }
}

/// The `Value` parse (the baseline) and the two cases that look records up at random:
/// criteria and replay.
fn bench_parse_and_checks(g: &mut BenchmarkGroup<'_, WallTime>, input: &Input) {
    let (bytes, ds) = (&input.json[..], &input.ds);
    g.bench_function("parse_value", |b| {
        b.iter_with_large_drop(|| serde_json::from_slice::<serde_json::Value>(black_box(bytes)))
    });
    g.bench_function("criteria", |b| {
        b.iter_with_large_drop(|| {
            Checker::new(
                black_box(ds),
                &engo_model::DatasetIndex::new(black_box(ds)),
                input.profile,
            )
            .check()
        })
    });
    g.bench_function("replay", |b| {
        b.iter_with_large_drop(|| {
            let index = engo_model::DatasetIndex::new(black_box(ds));
            engo_stages::replay(ds, &index, Profiles::embedded()).findings
        })
    });
}

/// Every measurement of one scale, in one criterion group named `scale-<label>`.
fn bench_scale(
    g: &mut BenchmarkGroup<'_, WallTime>,
    input: &Input,
    validator: &jsonschema::Validator,
    scratch: &Path,
) -> Sizes {
    let bytes = &input.json[..];
    let ds = &input.ds;
    let profile = input.profile;

    // The dataset must be valid for both validators, or the comparison measures error paths.
    let value: serde_json::Value = serde_json::from_slice(bytes).expect("JSON");
    assert!(validator.is_valid(&value), "the sample fails the schema");
    drop(value);
    let report = Checker::new(ds, &engo_model::DatasetIndex::new(ds), profile).check();
    assert!(!report.has_errors(), "the sample has error findings");
    let folder = |name: &str| {
        let dir = scratch.join(name);
        std::fs::create_dir_all(&dir).expect("scratch directory");
        dir
    };
    let csv_dir = &folder("csv");

    // The parse baseline, criteria and replay.
    bench_parse_and_checks(g, input);

    // Reading.
    g.bench_function("load_engo", |b| {
        b.iter_with_large_drop(|| json::read(black_box(bytes), &Limits::default()).expect("load"))
    });
    g.bench_function("load_serde", |b| {
        b.iter_with_large_drop(|| {
            serde_json::from_slice::<Dataset>(black_box(bytes)).expect("load")
        })
    });
    g.bench_function("validate_engo", |b| {
        b.iter_with_large_drop(|| {
            let ds = json::read(black_box(bytes), &Limits::default()).expect("load");
            let report = Checker::new(&ds, &engo_model::DatasetIndex::new(&ds), profile).check();
            (ds, report)
        })
    });
    g.bench_function("validate_jsonschema", |b| {
        b.iter_with_large_drop(|| {
            let v: serde_json::Value = serde_json::from_slice(black_box(bytes)).expect("JSON");
            let ok = validator.is_valid(&v);
            (v, ok)
        })
    });

    // The validators alone, on input already parsed (each into its own form).
    let value: serde_json::Value = serde_json::from_slice(bytes).expect("JSON");
    g.bench_function("jsonschema_only", |b| {
        b.iter(|| validator.is_valid(black_box(&value)))
    });
    drop(value);

    // Writing: each into memory except the CSV package (a directory of files, by its API).
    let sizes = RefCell::new(Sizes::default());
    g.bench_function("export_json", |b| {
        b.iter_with_large_drop(|| {
            let mut out = Vec::new();
            serde_json::to_writer(&mut out, black_box(ds)).expect("JSON");
            sizes.borrow_mut().json = out.len() as u64;
            out
        })
    });
    g.bench_function("export_ndjson", |b| {
        b.iter_with_large_drop(|| {
            let out = ndjson::write(black_box(ds), Vec::new()).expect("NDJSON");
            sizes.borrow_mut().ndjson = out.len() as u64;
            out
        })
    });
    g.bench_function("export_xml", |b| {
        b.iter_with_large_drop(|| {
            let out = xml::write(black_box(ds), Vec::new()).expect("XML");
            sizes.borrow_mut().xml = out.len() as u64;
            out
        })
    });
    let settings = PackageSettings::default();
    // Each iteration writes into a new empty directory, made (and removed) outside the timing,
    // as `engo export` does: rewriting the same files would time the file system's write-back
    // of the previous iteration's files (ext4 waits for it when a file is truncated again).
    // For the same reason the page cache is flushed (`sync`) outside the timing before each
    // iteration and after the case: the write-back of 57 MB of earlier files otherwise ran
    // during the timed iterations, of this case and of the next ones (CSV's ratio moved
    // between 0.47 and 0.69 from run to run).
    g.bench_function("export_csv", |b| {
        b.iter_batched(
            || {
                flush_page_cache();
                tempfile::tempdir_in(csv_dir).expect("CSV directory")
            },
            |dir| {
                csv::write(black_box(ds), dir.path(), &settings).expect("CSV");
                dir
            },
            BatchSize::PerIteration,
        )
    });
    csv::write(ds, csv_dir, &settings).expect("CSV");
    sizes.borrow_mut().csv = dir_size(csv_dir);
    flush_page_cache();
    let ocds_settings = ocds::OcdsSettings::default();
    g.bench_function("export_ocds", |b| {
        b.iter(|| {
            let n = ocds_packages(black_box(ds), &ocds_settings);
            sizes.borrow_mut().ocds = n as u64;
        })
    });

    // The website against the JSON export as `engo export` writes it (the canonical,
    // pretty-printed `engo.json`, into a file): the site's target is to take no longer. Both
    // write into a fresh directory each iteration, the page cache flushed outside the timing
    // (as for CSV). The site renders its pages on every core, the JSON export on one.
    let json_dir = &folder("json");
    g.bench_function("export_json_file", |b| {
        b.iter_batched(
            || {
                flush_page_cache();
                tempfile::tempdir_in(json_dir).expect("JSON directory")
            },
            |dir| {
                write_json_file(black_box(ds), dir.path());
                dir
            },
            BatchSize::PerIteration,
        )
    });
    write_json_file(ds, json_dir);
    sizes.borrow_mut().json_file = dir_size(json_dir);
    let publication = engo_export::publication::Publication::sample();
    let site = engo_site::Site::new(ds, &report, &publication).with_profile(profile);
    let site_dir = &folder("site");
    g.bench_function("export_site", |b| {
        b.iter_batched(
            || {
                flush_page_cache();
                tempfile::tempdir_in(site_dir).expect("site directory")
            },
            |dir| {
                black_box(&site).write(dir.path()).expect("site");
                dir
            },
            BatchSize::PerIteration,
        )
    });
    site.write(site_dir).expect("site");
    sizes.borrow_mut().site = dir_size(site_dir);
    flush_page_cache();
    sizes.into_inner()
}

/// `engo.json` as `engo export --formats json` writes it, into `dir`.
fn write_json_file(ds: &Dataset, dir: &Path) {
    let file = std::fs::File::create(dir.join("engo.json")).expect("engo.json");
    let mut out = json::write(ds, std::io::BufWriter::new(file)).expect("JSON");
    std::io::Write::flush(&mut out).expect("flush");
}

/// Writes the file system's dirty pages out (`sync`), so that their write-back does not run
/// during a timed iteration.
fn flush_page_cache() {
    let _ = Command::new("sync").status();
}

/// One line of the table.
struct Row {
    what: String,
    ratio: Option<f64>,
    target: &'static str,
    met: Option<bool>,
}

fn row(
    what: impl Into<String>,
    ratio: Option<f64>,
    target: &'static str,
    ok: fn(f64) -> bool,
) -> Row {
    Row {
        what: what.into(),
        ratio,
        target,
        // "—": shown for information, no target.
        met: ratio.filter(|_| target != "—").map(ok),
    }
}

/// Runs `benches/memory.sh` and returns the peak resident memory (KiB) at scale 0.1 and 1.
fn memory() -> Option<(u64, u64)> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("memory.sh");
    let exe = std::env::current_exe().ok()?;
    let engo = exe.parent()?.parent()?.join("engo");
    let mut cmd = Command::new("bash");
    cmd.arg(&script);
    if engo.exists() {
        cmd.arg(&engo);
    }
    eprintln!("memory: {cmd:?}");
    let out = cmd.output().ok()?;
    if !out.status.success() {
        eprintln!("memory.sh failed: {}", String::from_utf8_lossy(&out.stderr));
        return None;
    }
    // The last line: `MEMORY <KiB at 0.1> <KiB at 1>`.
    let last = out.stdout.lines().map_while(Result::ok).last()?;
    let mut words = last.split_whitespace();
    (words.next()? == "MEMORY").then_some(())?;
    Some((words.next()?.parse().ok()?, words.next()?.parse().ok()?))
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let since = SystemTime::now();
    let scales: [(&str, f64); 2] = if full {
        [("0.1", 0.1), ("1", 1.0)]
    } else {
        [("0.001", 0.001), ("0.01", 0.01)]
    };
    let inputs: Vec<Input> = scales.iter().map(|(l, s)| make_input(l, *s)).collect();

    let schema_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schemas/dataset.schema.json");
    let schema: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&schema_path).expect("dataset schema"))
            .expect("schema JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let tmp = tempfile::tempdir().expect("temporary directory");

    let mut c = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .configure_from_args();
    // Past the processor's cache: scale 2 against scale 1 for the cases that look records up at
    // random (criteria, replay). From 0.1 to 1 their working set leaves the cache, so the
    // per-record cost rises; from 1 to 2 it does not change again, so this ratio shows whether
    // the work itself is linear.
    let past_cache = full.then(|| make_input("2", 2.0));
    if let Some(input) = &past_cache {
        let mut g = c.benchmark_group("scale-2");
        g.sampling_mode(SamplingMode::Flat);
        bench_parse_and_checks(&mut g, input);
        g.finish();
    }
    let mut sizes = Vec::new();
    for input in &inputs {
        let mut g = c.benchmark_group(format!("scale-{}", input.label));
        // Flat sampling: at scale 1 one iteration takes up to seconds; ten of them suffice.
        g.sampling_mode(SamplingMode::Flat);
        let scratch = tmp.path().join(format!("scale-{}", input.label));
        sizes.push(bench_scale(&mut g, input, &validator, &scratch));
        g.finish();
    }
    c.final_summary();
    if !full {
        return;
    }

    // The ratios, from criterion's means of this run.
    let t = |scale: &str, id: &str| mean_ns(&format!("scale-{scale}"), id, since);
    let div = |a: Option<f64>, b: Option<f64>| Some(a? / b?);
    let mut rows = Vec::new();
    for (input, size) in inputs.iter().zip(&sizes) {
        let s = input.label;
        rows.push(row(
            format!("scale {s}: jsonschema validation / engo load + check"),
            div(t(s, "validate_jsonschema"), t(s, "validate_engo")),
            "≥ 5",
            |r| r >= 5.0,
        ));
        rows.push(row(
            format!("scale {s}: jsonschema validation / serde load + check"),
            div(
                t(s, "validate_jsonschema"),
                t(s, "load_serde").zip(t(s, "criteria")).map(|(l, c)| l + c),
            ),
            "≥ 5",
            |r| r >= 5.0,
        ));
        rows.push(row(
            format!("scale {s}: jsonschema is_valid(Value) / engo check(Dataset), parsed input"),
            div(t(s, "jsonschema_only"), t(s, "criteria")),
            "—",
            |_| true,
        ));
        rows.push(row(
            format!("scale {s}: engo load (json::read) / serde_json Value parse"),
            div(t(s, "load_engo"), t(s, "parse_value")),
            "≤ 1.5",
            |r| r <= 1.5,
        ));
        rows.push(row(
            format!("scale {s}: serde typed load (from_slice::<Dataset>) / Value parse"),
            div(t(s, "load_serde"), t(s, "parse_value")),
            "≤ 1.5",
            |r| r <= 1.5,
        ));
        rows.push(row(
            format!("scale {s}: criteria / Value parse"),
            div(t(s, "criteria"), t(s, "parse_value")),
            "≤ 0.20",
            |r| r <= 0.20,
        ));
        rows.push(row(
            format!("scale {s}: replay / Value parse"),
            div(t(s, "replay"), t(s, "parse_value")),
            "≤ 0.10",
            |r| r <= 0.10,
        ));
        let throughput = |id: &str, bytes: u64| Some(bytes as f64 / t(s, id)?);
        let json = throughput("export_json", size.json);
        for (id, bytes, target, ok) in [
            (
                "export_ndjson",
                size.ndjson,
                "—",
                (|_| true) as fn(f64) -> bool,
            ),
            ("export_xml", size.xml, "≥ 0.5", |r| r >= 0.5),
            ("export_csv", size.csv, "≥ 0.5", |r| r >= 0.5),
            ("export_ocds", size.ocds, "—", |_| true),
        ] {
            rows.push(row(
                format!("scale {s}: {id} throughput / serde_json::to_writer"),
                div(throughput(id, bytes), json),
                target,
                ok,
            ));
        }
        rows.push(row(
            format!("scale {s}: website (engo-site) / engo.json written to a file, time"),
            div(t(s, "export_site"), t(s, "export_json_file")),
            "≤ 1",
            |r| r <= 1.0,
        ));
    }
    if let [small, big] = &inputs[..] {
        for id in [
            "load_engo",
            "criteria",
            "replay",
            "export_json",
            "export_ndjson",
            "export_xml",
            "export_csv",
            "export_ocds",
        ] {
            rows.push(row(
                format!("scaling {id}: scale {} / scale {}", big.label, small.label),
                div(t(big.label, id), t(small.label, id)),
                "9–11",
                |r| (9.0..=11.0).contains(&r),
            ));
        }
    }
    if let (Some(big), Some(biggest)) = (inputs.last(), &past_cache) {
        rows.push(row(
            "scale 2: replay / Value parse",
            div(t("2", "replay"), t("2", "parse_value")),
            "≤ 0.10",
            |r| r <= 0.10,
        ));
        for id in ["parse_value", "criteria", "replay"] {
            rows.push(row(
                format!(
                    "scaling {id} past the cache: scale {} / scale {}",
                    biggest.label, big.label
                ),
                div(t(biggest.label, id), t(big.label, id)),
                "— (linear: 2)",
                |_| true,
            ));
        }
    }
    let mem = memory();
    rows.push(row(
        "memory: peak RSS of streaming NDJSON export, scale 1 / scale 0.1",
        mem.map(|(small, big)| big as f64 / small as f64),
        "< 1.5",
        |r| r < 1.5,
    ));

    println!();
    println!("engo ratios (criterion means of this run)");
    println!();
    println!("| measure | ratio | target | met |");
    println!("|---|---:|---|---|");
    for r in &rows {
        let ratio = r
            .ratio
            .map_or_else(|| "n/a".to_owned(), |x| format!("{x:.3}"));
        let met = match r.met {
            Some(true) => "yes",
            Some(false) => "**no**",
            None => "—",
        };
        println!("| {} | {ratio} | {} | {met} |", r.what, r.target);
    }
    println!();
    println!("| scale | case | mean | bytes |");
    println!("|---|---|---:|---:|");
    for (input, size) in inputs.iter().zip(&sizes) {
        let s = input.label;
        for (id, bytes) in [
            ("parse_value", input.json.len() as u64),
            ("load_engo", input.json.len() as u64),
            ("load_serde", input.json.len() as u64),
            ("validate_engo", input.json.len() as u64),
            ("validate_jsonschema", input.json.len() as u64),
            ("jsonschema_only", input.json.len() as u64),
            ("criteria", 0),
            ("replay", 0),
            ("export_json", size.json),
            ("export_ndjson", size.ndjson),
            ("export_xml", size.xml),
            ("export_csv", size.csv),
            ("export_ocds", size.ocds),
            ("export_json_file", size.json_file),
            ("export_site", size.site),
        ] {
            let mean =
                t(s, id).map_or_else(|| "n/a".to_owned(), |ns| format!("{:.1} ms", ns / 1e6));
            println!("| {s} | {id} | {mean} | {bytes} |");
        }
    }
    if let Some(input) = &past_cache {
        for id in ["parse_value", "criteria", "replay"] {
            let mean =
                t("2", id).map_or_else(|| "n/a".to_owned(), |ns| format!("{:.1} ms", ns / 1e6));
            let bytes = if id == "parse_value" {
                input.json.len()
            } else {
                0
            };
            println!("| 2 | {id} | {mean} | {bytes} |");
        }
    }
    if let Some((small, big)) = mem {
        println!(
            "| 0.1 / 1 | peak RSS of `engo export X.ndjson --formats ndjson` | {small} KiB / {big} KiB | |"
        );
    }
}
