//! The workbook: JSON → XLSX → JSON byte for byte, the sheets are the CSV tables, typed cells
//! as people type them, deterministic bytes, and hostile workbooks refused in bounded memory.

use std::io::{Cursor, Read, Write};

use calamine::{Data, Reader, Xlsx};
use engo_export::{Limits, ReadError, csv, json, xlsx};
use engo_model::{Dataset, Lang, Money};
use proptest::prelude::*;
use rust_xlsxwriter::{Format, Workbook};

use crate::fixture;

fn json_of(ds: &Dataset) -> Vec<u8> {
    json::write(ds, Vec::new()).unwrap()
}

/// JSON → XLSX → JSON gives the same bytes.
fn round_trip(ds: &Dataset) {
    let bytes = xlsx::write(ds, Vec::new()).unwrap();
    let back = xlsx::read(&bytes[..], &Limits::default()).unwrap();
    assert!(json_of(&back) == json_of(ds), "the JSON differs after XLSX");
}

fn read_err(bytes: &[u8]) -> String {
    match xlsx::read(bytes, &Limits::default()) {
        Ok(_) => panic!("read"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn rich_fixture_round_trips_byte_for_byte() {
    round_trip(&fixture::rich());
}

#[test]
fn a_sample_round_trips_byte_for_byte() {
    let sample = engo_sample::generate(&engo_sample::Config::new(0.01, 3, 0.05).unwrap()).unwrap();
    round_trip(&sample.dataset);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    #[test]
    fn generated_datasets_round_trip_through_xlsx(ds in fixture::datasets()) {
        round_trip(&ds);
    }
}

#[test]
fn amounts_beyond_exact_doubles_and_dates_before_1900_round_trip_as_text() {
    let mut ds = fixture::rich();
    ds.projects[0].budget = Money::MAX;
    ds.organizations[0].registered_on = chrono::NaiveDate::from_ymd_opt(1899, 12, 31).unwrap();
    round_trip(&ds);
    let bytes = xlsx::write(&ds, Vec::new()).unwrap();
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    let projects = wb.worksheet_range("projects").unwrap();
    assert_eq!(
        projects.get_value((1, 1)),
        Some(&Data::String("999999999999999.99".into()))
    );
    assert!(matches!(projects.get_value((2, 1)), Some(Data::Float(_))));
    let orgs = wb.worksheet_range("organizations").unwrap();
    assert_eq!(
        orgs.get_value((1, 8)),
        Some(&Data::String("1899-12-31".into()))
    );
    assert!(matches!(orgs.get_value((2, 8)), Some(Data::DateTime(_))));
}

#[test]
fn workbooks_and_templates_are_deterministic() {
    let ds = fixture::rich();
    let a = xlsx::write(&ds, Vec::new()).unwrap();
    let b = xlsx::write(&ds, Vec::new()).unwrap();
    assert!(a == b, "two writes differ");
    for lang in [Lang::Kk, Lang::Ru, Lang::En] {
        assert!(xlsx::template(lang).unwrap() == xlsx::template(lang).unwrap());
    }
    // The creation time is the publication time, not the time of writing.
    let mut wb = zip::ZipArchive::new(Cursor::new(a)).unwrap();
    let mut core = String::new();
    wb.by_name("docProps/core.xml")
        .unwrap()
        .read_to_string(&mut core)
        .unwrap();
    let published = ds.published_at.with_timezone(&chrono::Utc);
    assert!(
        core.contains(&published.format("%Y-%m-%dT%H:%M:%SZ").to_string()),
        "{core}"
    );
}

#[test]
fn the_sheets_are_the_csv_tables() {
    let ds = fixture::rich();
    let bytes = xlsx::write(&ds, Vec::new()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    csv::write(&ds, dir.path(), &Default::default()).unwrap();
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    let names = csv::table_names();
    let mut expected = vec!["readme".to_owned()];
    expected.extend(names.iter().cloned());
    expected.push("lists".to_owned());
    assert_eq!(wb.sheet_names(), expected);
    for name in &names {
        let text = std::fs::read_to_string(dir.path().join(format!("{name}.csv"))).unwrap();
        let mut rdr = ::csv::Reader::from_reader(text.as_bytes());
        let header: Vec<String> = rdr.headers().unwrap().iter().map(str::to_owned).collect();
        let rows = rdr.records().count();
        let range = wb.worksheet_range(name).unwrap();
        let sheet_header: Vec<String> = range
            .rows()
            .next()
            .unwrap()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(sheet_header, header, "{name}");
        let sheet_rows = range.height().saturating_sub(1);
        assert_eq!(sheet_rows, rows, "{name}");
    }
    // Typed cells: a BIN is text, an amount a number, a date an Excel date.
    let orgs = wb.worksheet_range("organizations").unwrap();
    assert!(matches!(orgs.get_value((1, 0)), Some(Data::String(_))));
    assert!(matches!(orgs.get_value((1, 8)), Some(Data::DateTime(_))));
    let projects = wb.worksheet_range("projects").unwrap();
    assert!(matches!(projects.get_value((1, 1)), Some(Data::Float(_))));
}

#[test]
fn an_export_writes_the_workbook_and_it_reads_back() {
    let ds = fixture::rich();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    engo_export::export(&ds, &out, &Default::default()).unwrap();
    let bytes = std::fs::read(out.join("engo.xlsx")).unwrap();
    assert!(bytes == xlsx::write(&ds, Vec::new()).unwrap());
    assert_eq!(xlsx::read(&bytes[..], &Limits::default()).unwrap(), ds);
}

/// A cell of a handmade workbook.
enum C<'a> {
    /// Text.
    S(&'a str),
    /// A number.
    N(f64),
    /// A date (an Excel serial with a date format).
    D(f64),
    /// A boolean.
    B(bool),
}

/// A workbook with these sheets, rows and cells, as a person might have made it.
fn handmade(sheets: &[(&str, Vec<Vec<C<'_>>>)]) -> Vec<u8> {
    let mut wb = Workbook::new();
    let date = Format::new().set_num_format("dd.mm.yyyy");
    for (name, rows) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match cell {
                    C::S("") => {}
                    C::S(s) => drop(ws.write_string(r, c, *s).unwrap()),
                    C::N(x) => drop(ws.write_number(r, c, *x).unwrap()),
                    C::D(x) => drop(ws.write_number_with_format(r, c, *x, &date).unwrap()),
                    C::B(b) => drop(ws.write_boolean(r, c, *b).unwrap()),
                }
            }
        }
    }
    wb.save_to_buffer().unwrap()
}

/// The `dataset` sheet of the example's header.
fn dataset_sheet() -> (&'static str, Vec<Vec<C<'static>>>) {
    let ds = engo_model::example::dataset();
    let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
    let names = [
        "publisher_name_kk",
        "publisher_name_ru",
        "publisher_name_en",
        "publisher_org_id",
        "published_at",
        "schema_version",
    ];
    let values = [
        leak(ds.publisher.name.get(Lang::Kk).to_owned()),
        leak(ds.publisher.name.get(Lang::Ru).to_owned()),
        leak(ds.publisher.name.get(Lang::En).to_owned()),
        leak(ds.publisher.org_id.to_string()),
        leak(ds.published_at.to_rfc3339()),
        leak(ds.schema_version.clone()),
    ];
    (
        "dataset",
        vec![names.map(C::S).into(), values.map(C::S).into()],
    )
}

const ORG_COLUMNS: [&str; 13] = [
    "bin",
    "charitable",
    "email",
    "legal_form",
    "name_kk",
    "name_ru",
    "name_en",
    "region",
    "registered_on",
    "status_since",
    "status_stage",
    "volunteer",
    "website",
];

const REPORT_COLUMNS: [&str; 13] = [
    "organization_bin",
    "index",
    "founders",
    "income_budget",
    "income_donations",
    "income_foreign",
    "income_other",
    "spending",
    "staff",
    "stage",
    "submitted_on",
    "volunteers",
    "year",
];

/// An organisation typed by a person: the BIN and the region as numbers (their leading zero
/// lost), dates as an Excel date and as `DD.MM.YYYY`, amounts as numbers and as text with
/// spaces and a decimal comma; `amount` is the text of one income cell.
fn typed_by_a_person(amount: &'static str, registered: C<'static>) -> Vec<u8> {
    let org = vec![
        C::N(71_040_095_467.0),
        C::B(true),
        C::S(""),
        C::S("public_association"),
        C::S("«Ауыл тынысы» қоғамдық бірлестігі"),
        C::S("Общественное объединение «Дыхание аула»"),
        C::S(""),
        C::N(790_000_000.0),
        registered,
        C::S("04.01.2021"),
        C::S("active"),
        C::B(false),
        C::S(""),
    ];
    let report = vec![
        C::S("071040095467"),
        C::N(0.0),
        C::N(12.0),
        C::S(amount),
        C::N(1500.5),
        C::S("0"),
        C::S("0"),
        C::S("12\u{a0}000"),
        C::N(3.0),
        C::S("accepted"),
        C::D(45_383.0),
        C::S("4"),
        C::N(2023.0),
    ];
    handmade(&[
        dataset_sheet(),
        ("organizations", vec![ORG_COLUMNS.map(C::S).into(), org]),
        (
            "organization_database_reports",
            vec![REPORT_COLUMNS.map(C::S).into(), report],
        ),
    ])
}

#[test]
fn cells_typed_by_people_are_read_when_unambiguous() {
    let bytes = typed_by_a_person("1 234,50", C::D(39_381.0));
    let ds = xlsx::read(&bytes[..], &Limits::default()).unwrap();
    let org = &ds.organizations[0];
    assert_eq!(org.bin.as_str(), "071040095467");
    assert_eq!(org.region.as_str(), "790000000");
    assert_eq!(org.registered_on.to_string(), "2007-10-26");
    assert_eq!(org.status.since.to_string(), "2021-01-04");
    assert!(org.charitable && !org.volunteer);
    let r = &org.database_reports[0];
    assert_eq!(r.income.budget.to_decimal_string(), "1234.50");
    assert_eq!(r.income.donations.to_decimal_string(), "1500.50");
    assert_eq!(r.spending.to_decimal_string(), "12000.00");
    assert_eq!(r.submitted_on.unwrap().to_string(), "2024-04-01");
    assert_eq!(
        (r.founders, r.staff, r.volunteers, r.year),
        (12, 3, 4, 2023)
    );
}

#[test]
fn ambiguous_cells_are_refused_with_their_cell() {
    let ambiguous = read_err(&typed_by_a_person("1,234", C::D(39_381.0)));
    assert!(
        ambiguous.starts_with("organization_database_reports!D2: income_budget:"),
        "{ambiguous}"
    );
    assert!(ambiguous.contains("ambiguous"), "{ambiguous}");
    let mixed = read_err(&typed_by_a_person("1,234.50", C::D(39_381.0)));
    assert!(mixed.contains("both a comma and a dot"), "{mixed}");
    let number = read_err(&typed_by_a_person("1234.50", C::N(39_381.0)));
    assert!(
        number.starts_with("organizations!I2: registered_on:"),
        "{number}"
    );
    assert!(number.contains("where a date is expected"), "{number}");
    let us = read_err(&typed_by_a_person("1234.50", C::S("10/26/2007")));
    assert!(us.contains("is not a date"), "{us}");
    let time = read_err(&typed_by_a_person("1234.50", C::D(39_381.5)));
    assert!(time.contains("time of day"), "{time}");
}

#[test]
fn a_record_that_does_not_fit_names_its_row() {
    // A second row with the same BIN.
    let mut rows: Vec<Vec<C<'_>>> = vec![ORG_COLUMNS.map(C::S).into()];
    for _ in 0..2 {
        rows.push(vec![
            C::S("071040095467"),
            C::B(false),
            C::S(""),
            C::S("foundation"),
            C::S("Қор"),
            C::S("Фонд"),
            C::S(""),
            C::S("790000000"),
            C::S("2007-10-26"),
            C::S("2007-10-26"),
            C::S("active"),
            C::B(false),
            C::S(""),
        ]);
    }
    let bytes = handmade(&[dataset_sheet(), ("organizations", rows)]);
    let err = read_err(&bytes);
    assert!(err.starts_with("organizations!A3: duplicate key"), "{err}");
}

/// The workbook `bytes` with the entry `name` replaced (or added) by `content`.
fn with_entry(bytes: &[u8], name: &str, content: &[u8]) -> Vec<u8> {
    let mut zin = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut replaced = false;
    for i in 0..zin.len() {
        let mut e = zin.by_index(i).unwrap();
        let n = e.name().unwrap().into_owned();
        out.start_file(n.as_str(), opts).unwrap();
        if n == name {
            out.write_all(content).unwrap();
            replaced = true;
        } else {
            std::io::copy(&mut e, &mut out).unwrap();
        }
    }
    if !replaced {
        out.start_file(name, opts).unwrap();
        out.write_all(content).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// The text of the entry `name` of the workbook `bytes`.
fn entry(bytes: &[u8], name: &str) -> String {
    let mut zin = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    zin.by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// The example's workbook and the part of its `organizations` sheet.
fn example_workbook() -> (Vec<u8>, String) {
    let bytes = xlsx::write(&engo_model::example::dataset(), Vec::new()).unwrap();
    let names = csv::table_names();
    let i = names.iter().position(|n| n == "organizations").unwrap();
    // Sheet 1 is the read-me; the tables follow in order.
    (bytes, format!("xl/worksheets/sheet{}.xml", i + 2))
}

#[test]
fn a_zip_bomb_is_refused_before_it_is_unpacked() {
    let (bytes, sheet) = example_workbook();
    let bomb = with_entry(&bytes, &sheet, &vec![b' '; 8 << 20]);
    assert!(bomb.len() < 100_000, "{}", bomb.len());
    let err = read_err(&bomb);
    assert!(err.contains("ZIP bomb"), "{err}");
    // Within the ratio, what the entries unpack to is still capped.
    let limits = Limits {
        max_bytes: 1 << 20,
        ..Limits::default()
    };
    let big = with_entry(&bytes, "xl/media/big.bin", &vec![7u8; 2 << 20]);
    let err = xlsx::read(&big[..], &limits).unwrap_err().to_string();
    assert!(err.contains("unpacks to more than the limit"), "{err}");
}

#[test]
fn a_huge_shared_string_table_is_refused() {
    let (bytes, _) = example_workbook();
    let sst = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4000000000" uniqueCount="4000000000"><si><t>x</t></si></sst>"#;
    let err = read_err(&with_entry(&bytes, "xl/sharedStrings.xml", sst.as_bytes()));
    assert!(
        err.starts_with("xl/sharedStrings.xml: declares more than"),
        "{err}"
    );
}

#[test]
fn deep_xml_and_doctypes_are_refused() {
    let (bytes, sheet) = example_workbook();
    let deep = format!(
        r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{}{}</worksheet>"#,
        "<x>".repeat(100),
        "</x>".repeat(100)
    );
    let err = read_err(&with_entry(&bytes, &sheet, deep.as_bytes()));
    assert!(err.contains("deeper than the limit"), "{err}");
    let laughs = r#"<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&b;</t></si></sst>"#;
    let err = read_err(&with_entry(
        &bytes,
        "xl/sharedStrings.xml",
        laughs.as_bytes(),
    ));
    assert!(err.contains("DOCTYPE"), "{err}");
}

#[test]
fn a_million_empty_rows_declared_or_written_read_in_bounded_time() {
    let (bytes, sheet) = example_workbook();
    let text = entry(&bytes, &sheet);
    let declared = regex_free_replace_dimension(&text, "A1:XFD1048576");
    let start = std::time::Instant::now();
    let ds = xlsx::read(
        &with_entry(&bytes, &sheet, declared.as_bytes())[..],
        &Limits::default(),
    )
    .unwrap();
    assert_eq!(ds, engo_model::example::dataset());
    // A million empty rows, written out.
    let last = text.matches("<row ").count();
    let mut rows = String::with_capacity(20 << 20);
    for r in last + 1..=1_048_576 {
        rows.push_str(&format!("<row r=\"{r}\"/>"));
    }
    let written = text.replace("</sheetData>", &format!("{rows}</sheetData>"));
    let ds = xlsx::read(
        &with_entry(&bytes, &sheet, written.as_bytes())[..],
        &Limits::default(),
    )
    .unwrap();
    assert_eq!(ds, engo_model::example::dataset());
    assert!(start.elapsed().as_secs() < 120, "{:?}", start.elapsed());
}

/// `text` with its `<dimension ref="…"/>` set to `range`.
fn regex_free_replace_dimension(text: &str, range: &str) -> String {
    let start = text.find("<dimension ref=\"").unwrap() + "<dimension ref=\"".len();
    let end = start + text[start..].find('"').unwrap();
    format!("{}{range}{}", &text[..start], &text[end..])
}

#[test]
fn cells_beyond_a_sheet_and_values_beyond_the_limit_are_refused() {
    let (bytes, sheet) = example_workbook();
    let text = entry(&bytes, &sheet);
    let beyond = text.replace(
        "</sheetData>",
        r#"<row r="1048577"><c r="A1048577" t="inlineStr"><is><t>x</t></is></c></row></sheetData>"#,
    );
    let err = read_err(&with_entry(&bytes, &sheet, beyond.as_bytes()));
    assert!(
        err.starts_with("organizations!A1048577: a cell beyond"),
        "{err}"
    );
    let limits = Limits {
        max_string_bytes: 20,
        ..Limits::default()
    };
    let err = xlsx::read(&bytes[..], &limits).unwrap_err().to_string();
    assert!(
        err.starts_with("dataset!A2: a value longer than the limit of 20 bytes"),
        "{err}"
    );
}

#[test]
fn not_a_workbook_is_refused_without_a_panic() {
    for bytes in [
        &b""[..],
        b"PK",
        b"PK\x03\x04garbage",
        b"{\"schema_version\": \"1.0\"}",
    ] {
        assert!(xlsx::read(bytes, &Limits::default()).is_err());
    }
    // A ZIP without a workbook in it.
    let zip = with_entry(&example_workbook().0, "xl/workbook.xml", b"<nope/>");
    assert!(read_err(&zip).starts_with("workbook: "));
    assert!(read_err(b"PK\x03\x04garbage").starts_with("workbook: invalid Zip archive"));
    let limits = Limits {
        max_bytes: 1000,
        ..Limits::default()
    };
    let err = xlsx::read(&example_workbook().0[..], &limits).unwrap_err();
    assert!(matches!(err, ReadError::TooLarge { limit: 1000 }), "{err}");
}
