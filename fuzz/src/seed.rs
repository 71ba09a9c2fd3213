//! Writes the seed corpora under `corpus/<target>/seed-*` from the example dataset, a tiny
//! generated sample and the criteria profiles in `crates/engo-criteria/data/criteria/`.
//!
//! `cargo run --manifest-path fuzz/Cargo.toml --features seed --bin seed` (from the repository
//! root; run it without the fuzzing RUSTFLAGS).

use std::error::Error;
use std::fs;
use std::path::Path;

use engo_export::{PackageSettings, csv, json, ndjson, xlsx, xml};
use engo_model::Dataset;

fn put(target: &str, name: &str, bytes: &[u8]) -> Result<(), Box<dyn Error>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus").join(target);
    fs::create_dir_all(&dir)?;
    fs::write(dir.join(format!("seed-{name}")), bytes)?;
    println!("{target}/seed-{name}: {} bytes", bytes.len());
    Ok(())
}

/// The data package of `ds` in the csv target's format: `datapackage.json`, 0xFF,
/// `dataset.csv`, then for two tables 0xFF, the table's index, its CSV.
fn csv_input(ds: &Dataset, tables: [&str; 2]) -> Result<Vec<u8>, Box<dyn Error>> {
    let tmp = tempfile::tempdir()?;
    csv::write(ds, tmp.path(), &PackageSettings::default())?;
    let names = csv::table_names();
    let mut out = fs::read(tmp.path().join("datapackage.json"))?;
    out.push(0xFF);
    out.extend(fs::read(tmp.path().join("dataset.csv"))?);
    for t in tables {
        let i = names.iter().position(|n| n == t).ok_or("unknown table")?;
        out.push(0xFF);
        out.push(u8::try_from(i)?);
        out.extend(fs::read(tmp.path().join(format!("{t}.csv")))?);
    }
    Ok(out)
}

/// Seeds of single parts of the example's workbook (the example without its events, as the
/// xlsx target builds it): the first byte picks the part among the XML parts, as the target
/// does.
fn xlsx_parts() -> Result<(), Box<dyn Error>> {
    use std::io::Read;
    let bytes = xlsx::write(&engo_model::example::dataset(), Vec::new())?;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))?;
    let mut xml_parts = Vec::new();
    for i in 0..zip.len() {
        let name = zip.by_index(i)?.name()?.into_owned();
        if name.ends_with(".xml") || name.ends_with(".rels") {
            xml_parts.push((i, name));
        }
    }
    for (seed, wanted) in [
        ("strings", "xl/sharedStrings.xml"),
        ("dataset-sheet", "xl/worksheets/sheet2.xml"),
        ("organizations-sheet", "xl/worksheets/sheet3.xml"),
    ] {
        let Some(k) = xml_parts.iter().position(|(_, n)| n == wanted) else {
            return Err(format!("no part {wanted}").into());
        };
        let mut content = Vec::new();
        zip.by_index(xml_parts[k].0)?.read_to_end(&mut content)?;
        let mut input = vec![u8::try_from(2 * k + 1)?];
        input.extend(content);
        put("xlsx", seed, &input)?;
    }
    Ok(())
}

fn main() -> Result<(), Box<dyn Error>> {
    let mut example = engo_model::example::dataset();
    example.events = engo_sample::synthesize(&example);
    let sample = engo_sample::generate(&engo_sample::Config::new(0.0005, 1, 0.0)?)?.dataset;
    let mut example_copy = engo_model::example::dataset();
    example_copy.organizations.truncate(1);
    let mut small = Dataset::new(example_copy.publisher, example_copy.published_at);
    small.organizations = example_copy.organizations;

    for (name, ds) in [("example", &example), ("sample", &sample), ("small", &small)] {
        put("json", &format!("{name}.json"), &json::write(ds, Vec::new())?)?;
        put("ndjson", &format!("{name}.ndjson"), &ndjson::write(ds, Vec::new())?)?;
        put("xml", &format!("{name}.xml"), &xml::write(ds, Vec::new())?)?;
        let mut book = vec![0u8];
        book.extend(xlsx::write(ds, Vec::new())?);
        put("xlsx", &format!("{name}.xlsx"), &book)?;
    }
    // Parts of the example's workbook for the xlsx target's odd first bytes: the shared
    // strings, the `dataset` sheet and the `organizations` sheet.
    xlsx_parts()?;
    put("csv", "example", &csv_input(&example, ["organizations", "projects"])?)?;
    put("csv", "sample", &csv_input(&sample, ["applications", "grants"])?)?;
    put("csv", "small", &csv_input(&small, ["organizations", "organizations"])?)?;

    let criteria = Path::new(env!("CARGO_MANIFEST_DIR")).join("../crates/engo-criteria/data/criteria");
    for e in fs::read_dir(criteria)? {
        let p = e?.path();
        let name = p.file_name().and_then(|n| n.to_str()).ok_or("file name")?.to_owned();
        put("criteria", &name, &fs::read(&p)?)?;
    }
    put(
        "criteria",
        "user.json",
        br#"{"extends": "kz-2025-07", "id": "akimat-almaty-2026", "params": {"own_support_max_percent": 5}}"#,
    )?;

    for (name, s) in [
        ("bin", "940140000385"),
        ("iin", "061211600012"),
        ("kato", "751110000"),
        ("orgid", "KZ-BIN-940140000385"),
        ("money", "1500000.50"),
        ("quantity", "-12.345"),
        ("recordid", "SO-2025-000123"),
    ] {
        put("ids", name, s.as_bytes())?;
    }

    let mut log = vec![0u8];
    log.extend(serde_json::to_vec(&example.events)?);
    put("replay", "example-log.json", &log)?;
    put("replay", "example-edits", &[1, 0, 3, 1, 2, 7, 2, 5, 1, 3, 9, 0])?;
    Ok(())
}
