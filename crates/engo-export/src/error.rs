//! The errors of this crate: one enum for reading, one for writing.

use std::path::PathBuf;

/// Why an input could not be read into a dataset. Every variant says where: a line and column,
/// a JSON pointer, or a file with a line.
///
/// The message ([`Display`](std::fmt::Display)) gives the place and the cause. Where the cause
/// is the parser's own error — serde_json's, quick-xml's, the csv crate's, or the input's
/// io error — it is kept, typed, in the variant's `source` field (a [`ReadCause`]) and returned
/// by [`source()`](std::error::Error::source), never flattened into a string.
///
/// ```
/// use engo_export::{Limits, ReadCause, ReadError};
///
/// let e = engo_export::json::read(&b"{\n  \"schema_version\": ]"[..], &Limits::default());
/// let Err(ReadError::Json { line, column, source: ReadCause::Json(cause) }) = e else {
///     panic!("not a JSON syntax error");
/// };
/// assert_eq!((line, column), (2, 21));
/// assert!(cause.is_syntax());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReadError {
    /// The underlying reader failed.
    #[error("read failed: {0}")]
    Io(#[from] std::io::Error),
    /// The input is larger than [`Limits::max_bytes`](crate::Limits::max_bytes).
    #[error("input is larger than the limit of {limit} bytes")]
    TooLarge {
        /// The limit.
        limit: u64,
    },
    /// A JSON document is not well-formed or does not fit the dataset format.
    #[error("JSON at line {line}, column {column}: {source}")]
    Json {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong: serde_json's error, or the encoding refused.
        source: ReadCause,
    },
    /// A record does not fit its type.
    #[error("record {pointer}: {source}")]
    Record {
        /// JSON pointer of the record (`/organizations/3`).
        pointer: String,
        /// What is wrong.
        source: serde_json::Error,
    },
    /// A nested value is deeper than [`Limits::max_depth`](crate::Limits::max_depth).
    #[error("{pointer}: nesting deeper than the limit of {limit}")]
    TooDeep {
        /// Where.
        pointer: String,
        /// The limit.
        limit: usize,
    },
    /// A string is longer than [`Limits::max_string_bytes`](crate::Limits::max_string_bytes).
    #[error("{pointer}: a string longer than the limit of {limit} bytes")]
    StringTooLong {
        /// Where.
        pointer: String,
        /// The limit.
        limit: usize,
    },
    /// An NDJSON line is wrong.
    #[error("NDJSON line {line}: {source}")]
    Ndjson {
        /// 1-based line number.
        line: u64,
        /// What is wrong.
        source: ReadCause,
    },
    /// An XML document is refused or does not fit the dataset format.
    #[error("XML at line {line}, column {column}: {source}")]
    Xml {
        /// 1-based line.
        line: u64,
        /// 1-based column (in bytes).
        column: u64,
        /// What is wrong.
        source: ReadCause,
    },
    /// A file of a data package (a CSV table or `datapackage.json`) is wrong.
    #[error("{file}, line {line}: {source}")]
    Csv {
        /// The file (`projects.csv`), as the descriptor names it.
        file: String,
        /// 1-based line (0 when the whole file is concerned).
        line: u64,
        /// What is wrong.
        source: ReadCause,
    },
    /// A workbook (XLSX) is refused or does not fit the dataset format.
    #[error("{place}: {source}")]
    Xlsx {
        /// Where: a cell as a spreadsheet names it (`organizations!B12`; a row's first cell for
        /// the row), a sheet, a part of the ZIP archive (`xl/sharedStrings.xml`), or
        /// `workbook`.
        place: String,
        /// What is wrong.
        source: ReadCause,
    },
    /// The shape that drives the reader could not be derived from the types (a bug in this
    /// crate).
    #[error(transparent)]
    Shape(#[from] crate::ShapeError),
}

/// What is wrong at the place a [`ReadError`] gives: the parser's own error, typed, or what
/// the reader refuses by the rules of the format.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReadCause {
    /// Reading the input failed.
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// serde_json refused the text: not well-formed, or a value of the wrong type.
    #[error(transparent)]
    Json(#[from] serde_json::Error),
    /// quick-xml refused the text: not well-formed, a bad attribute, character reference or
    /// encoding.
    #[error(transparent)]
    Xml(#[from] quick_xml::Error),
    /// The csv crate refused the text: unequal rows, invalid UTF-8.
    #[error(transparent)]
    Csv(#[from] csv::Error),
    /// The zip crate refused a workbook's archive.
    #[error(transparent)]
    Zip(#[from] zip::result::ZipError),
    /// calamine refused a workbook: a part missing or not as OOXML has it (boxed: calamine's
    /// error is large).
    #[error(transparent)]
    Xlsx(Box<calamine::XlsxError>),
    /// A record or the header, well-formed, does not fit its type.
    #[error("{what}: {source}")]
    Invalid {
        /// What (`record /organizations/0`, `organization record`, `header`).
        what: String,
        /// serde_json's error.
        source: serde_json::Error,
    },
    /// What the reader refuses by the rules of the format: a DOCTYPE, an encoding but UTF-8, a
    /// second header, a missing key column, a value beyond a limit…
    #[error("{0}")]
    Refused(String),
}

impl From<calamine::XlsxError> for ReadCause {
    fn from(e: calamine::XlsxError) -> Self {
        ReadCause::Xlsx(Box::new(e))
    }
}

impl ReadCause {
    /// A cause the reader states itself.
    pub(crate) fn refused(message: impl Into<String>) -> ReadCause {
        ReadCause::Refused(message.into())
    }

    /// `source` does not fit the type of `what`.
    pub(crate) fn invalid(what: impl Into<String>, source: serde_json::Error) -> ReadCause {
        ReadCause::Invalid {
            what: what.into(),
            source,
        }
    }
}

/// Why an export could not be written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WriteError {
    /// Writing failed.
    #[error("write to {path} failed: {source}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// Writing to a stream failed.
    #[error("write failed: {0}")]
    Stream(#[from] std::io::Error),
    /// A record could not be serialized.
    #[error("cannot serialize {what}: {message}")]
    Serialize {
        /// What (`/organizations/3`).
        what: String,
        /// Why.
        message: String,
    },
    /// A value cannot be represented in the format (e.g. a control character in XML 1.0).
    #[error("{pointer}: {message}")]
    Unrepresentable {
        /// Where.
        pointer: String,
        /// Why.
        message: String,
    },
    /// Records were given out of the dataset's order to a streaming writer.
    #[error("a {got} record after {last} records: write records in dataset order")]
    OutOfOrder {
        /// Kind of the record given.
        got: &'static str,
        /// Kind of the last record written.
        last: &'static str,
    },
    /// A workbook could not be written: rust_xlsxwriter's error, at a cell (`events!A1048577`:
    /// more rows than a sheet holds; a text over 32 767 characters), a sheet, or `workbook`.
    #[error("{place}: {source}")]
    Xlsx {
        /// Where.
        place: String,
        /// rust_xlsxwriter's error.
        source: rust_xlsxwriter::XlsxError,
    },
    /// The export shape could not be derived from the types (a bug in this crate).
    #[error(transparent)]
    Shape(#[from] crate::ShapeError),
}

impl WriteError {
    pub(crate) fn io(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> WriteError {
        let path = path.into();
        move |source| WriteError::Io { path, source }
    }
}

impl From<quick_xml::Error> for WriteError {
    fn from(e: quick_xml::Error) -> Self {
        match e {
            quick_xml::Error::Io(io) => WriteError::Stream(std::io::Error::new(io.kind(), io)),
            other => WriteError::Serialize {
                what: "XML".to_owned(),
                message: other.to_string(),
            },
        }
    }
}
