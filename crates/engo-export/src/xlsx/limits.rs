//! The XLSX reader's input limits, checked on the ZIP archive before calamine parses any of it
//! (calamine holds the shared strings whole, and reserves what the file says it will need).

use std::io::{BufReader, Cursor, Read};

use quick_xml::events::Event;

use crate::{
    Limits, ReadCause, ReadError,
    limits::{Capped, overlong, too_large},
    xml::limits::XmlGuard,
};

/// Most entries of the archive (a workbook of the data package has about 50).
pub(super) const MAX_ENTRIES: usize = 10_000;

/// The highest compression ratio of an entry larger than [`RATIO_FROM`] bytes (a sheet of the
/// national sample compresses about 10:1; a ZIP bomb 1000:1).
pub(super) const MAX_RATIO: u64 = 200;

/// The size from which [`MAX_RATIO`] applies.
const RATIO_FROM: u64 = 1 << 20;

/// Most shared strings (the national sample has a few hundred thousand).
pub(super) const MAX_SHARED_STRINGS: u64 = 1 << 22;

/// The error of a part of the archive (`xl/sharedStrings.xml`).
fn refuse(part: &str, message: impl Into<String>) -> ReadError {
    ReadError::Xlsx {
        place: part.to_owned(),
        source: ReadCause::refused(message),
    }
}

/// Whether the part `name` is XML that the reader (calamine) may parse.
fn is_xml(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".xml") || lower.ends_with(".rels") || lower.ends_with(".vml")
}

/// Checks the archive `bytes` of a workbook: entries, what they unpack to, compression, and
/// every XML part's depth, DOCTYPE, pieces and shared strings — in bounded memory, before the
/// workbook is parsed.
pub(super) fn check(bytes: &[u8], limits: &Limits) -> Result<(), ReadError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| ReadError::Xlsx {
        place: "workbook".to_owned(),
        source: ReadCause::Zip(e),
    })?;
    if zip.len() > MAX_ENTRIES {
        return Err(refuse(
            "workbook",
            format!("{} ZIP entries, more than {MAX_ENTRIES}", zip.len()),
        ));
    }
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let entry = zip.by_index(i).map_err(|e| ReadError::Xlsx {
            place: format!("ZIP entry {i}"),
            source: ReadCause::Zip(e),
        })?;
        let name: String = entry
            .name()
            .map(|n| n.chars().take(200).collect())
            .unwrap_or_else(|_| format!("ZIP entry {i}"));
        let (size, packed) = (entry.size(), entry.compressed_size());
        total = total.saturating_add(size);
        if total > limits.max_bytes {
            return Err(refuse(
                &name,
                format!(
                    "the workbook unpacks to more than the limit of {} bytes",
                    limits.max_bytes
                ),
            ));
        }
        if size > RATIO_FROM && size / packed.max(1) > MAX_RATIO {
            return Err(refuse(
                &name,
                format!(
                    "{size} bytes compressed into {packed}: more than {MAX_RATIO} to 1 (a ZIP \
                     bomb?)"
                ),
            ));
        }
        if is_xml(&name) {
            scan_xml(entry, size, &name, limits)?;
        }
    }
    Ok(())
}

/// Reads the XML part `name` (declared `size` bytes unpacked) through the pre-scan: at most
/// `size` bytes, no piece over `max_string_bytes`, no DOCTYPE, no deeper than `max_depth`, and
/// for the shared strings at most [`MAX_SHARED_STRINGS`] of them, declared or found.
fn scan_xml<R: Read>(entry: R, size: u64, name: &str, limits: &Limits) -> Result<(), ReadError> {
    let guard = XmlGuard::new(
        BufReader::new(Capped::new(entry, size)),
        limits.max_string_bytes.max(1 << 16),
    );
    let mut reader = quick_xml::Reader::from_reader(guard);
    let shared_strings = name.ends_with("sharedStrings.xml");
    let mut buf = Vec::new();
    let mut depth = 0usize;
    let mut strings: u64 = 0;
    loop {
        buf.clear();
        let event = reader.read_event_into(&mut buf).map_err(|e| match &e {
            quick_xml::Error::Io(io) if too_large(io).is_some() => refuse(
                name,
                format!("unpacks to more than the {size} bytes it declares"),
            ),
            quick_xml::Error::Io(io) if overlong(io).is_some() => refuse(
                name,
                format!(
                    "a text or tag longer than the limit of {} bytes",
                    limits.max_string_bytes
                ),
            ),
            _ => ReadError::Xlsx {
                place: name.to_owned(),
                source: ReadCause::Xml(e),
            },
        })?;
        match event {
            Event::Start(e) => {
                depth += 1;
                if depth > limits.max_depth {
                    return Err(refuse(
                        name,
                        format!("XML nested deeper than the limit of {}", limits.max_depth),
                    ));
                }
                if shared_strings {
                    match e.local_name().as_ref() {
                        "si" => strings += 1,
                        "sst" => {
                            for a in e.attributes().flatten() {
                                let declared = a.value.trim().parse::<u64>().ok();
                                if matches!(a.key.as_ref(), "count" | "uniqueCount")
                                    && declared.is_none_or(|n| n > MAX_SHARED_STRINGS)
                                {
                                    return Err(refuse(
                                        name,
                                        format!(
                                            "declares more than {MAX_SHARED_STRINGS} shared \
                                             strings (or an unreadable count)"
                                        ),
                                    ));
                                }
                            }
                        }
                        _ => {}
                    }
                }
            }
            Event::Empty(e) if shared_strings && e.local_name().as_ref() == "si" => strings += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::DocType(_) => return Err(refuse(name, "a DOCTYPE (refused in a workbook)")),
            Event::Eof => break,
            _ => {}
        }
        if strings > MAX_SHARED_STRINGS {
            return Err(refuse(
                name,
                format!("more than {MAX_SHARED_STRINGS} shared strings"),
            ));
        }
    }
    // What the entry holds past the XML still counts: read it through the cap.
    let mut rest = reader.into_inner();
    std::io::copy(&mut rest, &mut std::io::sink()).map_err(|e| match too_large(&e) {
        Some(_) => refuse(
            name,
            format!("unpacks to more than the {size} bytes it declares"),
        ),
        None => ReadError::Xlsx {
            place: name.to_owned(),
            source: ReadCause::Io(e),
        },
    })?;
    Ok(())
}
