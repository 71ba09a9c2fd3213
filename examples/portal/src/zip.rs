//! A minimal ZIP writer: stored entries (no compression), CRC-32, UTF-8 names, no ZIP64.
//!
//! Enough for the CSV data package (a few dozen files of a few megabytes); every reader (unzip,
//! Python's `zipfile`, Windows Explorer, Frictionless) opens it. The archive is deterministic:
//! entries in the order added, one fixed timestamp.

use std::io::{self, Write};

use chrono::{Datelike, NaiveDateTime, Timelike};

/// The CRC-32 (IEEE 802.3, reflected, polynomial `0xEDB88320`) of `data`, continuing `crc`
/// (start with 0).
pub(crate) fn crc32(crc: u32, data: &[u8]) -> u32 {
    let mut crc = !crc;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (0xEDB8_8320 & mask);
        }
    }
    !crc
}

/// One entry of the central directory.
struct Central {
    name: String,
    crc: u32,
    size: u32,
    offset: u32,
}

/// Writes a ZIP archive of stored entries to `out`.
pub(crate) struct ZipWriter<W: Write> {
    out: W,
    offset: u64,
    entries: Vec<Central>,
    time: u16,
    date: u16,
}

/// The error for an archive beyond the limits of ZIP without ZIP64.
fn too_large(what: &str) -> io::Error {
    io::Error::other(format!(
        "{what} exceeds the limits of a ZIP archive without ZIP64"
    ))
}

impl<W: Write> ZipWriter<W> {
    /// An archive whose entries all carry the MS-DOS timestamp of `modified` (clamped to
    /// 1980–2107, the range MS-DOS time has).
    pub(crate) fn new(out: W, modified: NaiveDateTime) -> ZipWriter<W> {
        let year = modified.year().clamp(1980, 2107);
        let (month, day, hour, minute, second) = if year == modified.year() {
            (
                modified.month(),
                modified.day(),
                modified.hour(),
                modified.minute(),
                modified.second(),
            )
        } else {
            (1, 1, 0, 0, 0)
        };
        let date =
            u16::try_from((((year - 1980) as u32) << 9) | (month << 5) | day).unwrap_or(0x21);
        let time = u16::try_from((hour << 11) | (minute << 5) | (second / 2)).unwrap_or(0);
        ZipWriter {
            out,
            offset: 0,
            entries: Vec::new(),
            time,
            date,
        }
    }

    fn put(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.out.write_all(bytes)?;
        self.offset += bytes.len() as u64;
        Ok(())
    }

    /// Adds the file `name` (a relative path with `/`) with contents `data`.
    pub(crate) fn add(&mut self, name: &str, data: &[u8]) -> io::Result<()> {
        let offset = u32::try_from(self.offset).map_err(|_| too_large("the archive"))?;
        let size = u32::try_from(data.len()).map_err(|_| too_large(name))?;
        let name_len = u16::try_from(name.len()).map_err(|_| too_large(name))?;
        if self.entries.len() >= usize::from(u16::MAX) {
            return Err(too_large("the number of entries"));
        }
        let crc = crc32(0, data);
        let mut header = Vec::with_capacity(30 + name.len());
        header.extend_from_slice(&0x0403_4b50_u32.to_le_bytes());
        header.extend_from_slice(&20_u16.to_le_bytes()); // version needed: 2.0
        header.extend_from_slice(&0x0800_u16.to_le_bytes()); // flags: UTF-8 names
        header.extend_from_slice(&0_u16.to_le_bytes()); // method: stored
        header.extend_from_slice(&self.time.to_le_bytes());
        header.extend_from_slice(&self.date.to_le_bytes());
        header.extend_from_slice(&crc.to_le_bytes());
        header.extend_from_slice(&size.to_le_bytes()); // compressed size
        header.extend_from_slice(&size.to_le_bytes()); // uncompressed size
        header.extend_from_slice(&name_len.to_le_bytes());
        header.extend_from_slice(&0_u16.to_le_bytes()); // extra field length
        header.extend_from_slice(name.as_bytes());
        self.put(&header)?;
        self.put(data)?;
        self.entries.push(Central {
            name: name.to_owned(),
            crc,
            size,
            offset,
        });
        Ok(())
    }

    /// Writes the central directory and returns the output.
    pub(crate) fn finish(mut self) -> io::Result<W> {
        let start = u32::try_from(self.offset).map_err(|_| too_large("the archive"))?;
        let count = u16::try_from(self.entries.len()).map_err(|_| too_large("the entries"))?;
        let mut directory = Vec::new();
        for e in &self.entries {
            let name_len = u16::try_from(e.name.len()).map_err(|_| too_large(&e.name))?;
            directory.extend_from_slice(&0x0201_4b50_u32.to_le_bytes());
            directory.extend_from_slice(&20_u16.to_le_bytes()); // made by: 2.0, MS-DOS
            directory.extend_from_slice(&20_u16.to_le_bytes()); // version needed
            directory.extend_from_slice(&0x0800_u16.to_le_bytes());
            directory.extend_from_slice(&0_u16.to_le_bytes());
            directory.extend_from_slice(&self.time.to_le_bytes());
            directory.extend_from_slice(&self.date.to_le_bytes());
            directory.extend_from_slice(&e.crc.to_le_bytes());
            directory.extend_from_slice(&e.size.to_le_bytes());
            directory.extend_from_slice(&e.size.to_le_bytes());
            directory.extend_from_slice(&name_len.to_le_bytes());
            directory.extend_from_slice(&[0; 8]); // extra, comment, disk number, internal attrs
            directory.extend_from_slice(&0_u32.to_le_bytes()); // external attributes
            directory.extend_from_slice(&e.offset.to_le_bytes());
            directory.extend_from_slice(e.name.as_bytes());
        }
        let size = u32::try_from(directory.len()).map_err(|_| too_large("the directory"))?;
        self.put(&directory)?;
        let mut end = Vec::with_capacity(22);
        end.extend_from_slice(&0x0605_4b50_u32.to_le_bytes());
        end.extend_from_slice(&[0; 4]); // this disk, disk of the directory
        end.extend_from_slice(&count.to_le_bytes());
        end.extend_from_slice(&count.to_le_bytes());
        end.extend_from_slice(&size.to_le_bytes());
        end.extend_from_slice(&start.to_le_bytes());
        end.extend_from_slice(&0_u16.to_le_bytes()); // comment length
        self.put(&end)?;
        self.out.flush()?;
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn crc32_matches_the_check_value() {
        assert_eq!(crc32(0, b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(crc32(0, b"1234"), b"56789"), 0xCBF4_3926);
        assert_eq!(crc32(0, b""), 0);
    }

    #[test]
    fn writes_a_readable_archive() {
        let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 20)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap();
        let mut z = ZipWriter::new(Vec::new(), at);
        z.add("a.csv", b"x,y\r\n1,2\r\n").unwrap();
        z.add("datapackage.json", b"{}\n").unwrap();
        let bytes = z.finish().unwrap();
        // End of central directory: two entries, the directory right after the data.
        let end = &bytes[bytes.len() - 22..];
        assert_eq!(&end[..4], &[0x50, 0x4b, 0x05, 0x06]);
        assert_eq!(u16::from_le_bytes([end[10], end[11]]), 2);
        let start = u32::from_le_bytes([end[16], end[17], end[18], end[19]]) as usize;
        assert_eq!(&bytes[start..start + 4], &[0x50, 0x4b, 0x01, 0x02]);
        // The first local header, its name and data.
        assert_eq!(&bytes[..4], &[0x50, 0x4b, 0x03, 0x04]);
        assert_eq!(&bytes[30..35], b"a.csv");
        assert_eq!(&bytes[35..45], b"x,y\r\n1,2\r\n");
        // 2026-11-20 10:00:00 in MS-DOS form.
        assert_eq!(
            u16::from_le_bytes([bytes[12], bytes[13]]),
            (46 << 9) | (11 << 5) | 20
        );
        assert_eq!(u16::from_le_bytes([bytes[10], bytes[11]]), 10 << 11);
    }
}
