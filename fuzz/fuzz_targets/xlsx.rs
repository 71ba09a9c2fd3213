//! XLSX workbook. First byte even: the rest is a workbook's bytes (a ZIP archive). First byte
//! odd: the rest is the XML of one part (picked by the first byte) of the example workbook,
//! zipped back in — so the mutations reach calamine's and the reader's XML, not only the ZIP.
//! Never panics; a workbook that reads is written and read again to the same value.
#![no_main]

use std::io::{Cursor, Read, Write};
use std::sync::OnceLock;

use engo_export::{Limits, xlsx};
use libfuzzer_sys::fuzz_target;

/// The example's workbook, as its parts (name, content).
fn parts() -> &'static Vec<(String, Vec<u8>)> {
    static PARTS: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    PARTS.get_or_init(|| {
        let bytes = xlsx::write(&engo_model::example::dataset(), Vec::new()).expect("workbook");
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
        (0..zip.len())
            .map(|i| {
                let mut part = zip.by_index(i).expect("part");
                let name = part.name().expect("name").into_owned();
                let mut content = Vec::new();
                part.read_to_end(&mut content).expect("read");
                (name, content)
            })
            .collect()
    })
}

/// The example's workbook with part `pick` (of the XML parts) replaced by `xml`.
fn with_part(pick: usize, xml: &[u8]) -> Vec<u8> {
    let parts = parts();
    let xml_parts: Vec<usize> = (0..parts.len())
        .filter(|i| parts[*i].0.ends_with(".xml") || parts[*i].0.ends_with(".rels"))
        .collect();
    let chosen = xml_parts[pick % xml_parts.len()];
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored);
    for (i, (name, content)) in parts.iter().enumerate() {
        out.start_file(name.as_str(), options).expect("start");
        out.write_all(if i == chosen { xml } else { content }).expect("write");
    }
    out.finish().expect("finish").into_inner()
}

fuzz_target!(|data: &[u8]| {
    let Some((pick, rest)) = data.split_first() else {
        return;
    };
    let workbook = if pick % 2 == 0 {
        rest.to_vec()
    } else {
        with_part(usize::from(pick / 2), rest)
    };
    let limits = Limits::default();
    if let Ok(ds) = xlsx::read(&workbook[..], &limits) {
        let bytes = xlsx::write(&ds, Vec::new()).expect("a dataset read from XLSX writes as XLSX");
        let again = xlsx::read(&bytes[..], &limits).expect("written XLSX reads back");
        assert_eq!(again, ds, "XLSX round trip changed the dataset");
    }
});
