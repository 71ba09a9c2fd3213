//! The errors of this crate: one enum for reading, one for writing.

use std::path::PathBuf;

/// Why an input could not be read into a dataset. Every variant says where: a line and column,
/// a JSON pointer, or a file with a line.
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
    #[error("JSON at line {line}, column {column}: {message}")]
    Json {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// A record does not fit its type.
    #[error("record {pointer}: {message}")]
    Record {
        /// JSON pointer of the record (`/organizations/3`), with the line where known.
        pointer: String,
        /// What is wrong.
        message: String,
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
    #[error("NDJSON line {line}: {message}")]
    Ndjson {
        /// 1-based line number.
        line: u64,
        /// What is wrong.
        message: String,
    },
    /// An XML document is refused or does not fit the dataset format.
    #[error("XML at line {line}, column {column}: {message}")]
    Xml {
        /// 1-based line.
        line: u64,
        /// 1-based column (in bytes).
        column: u64,
        /// What is wrong.
        message: String,
    },
    /// A CSV file of a data package is wrong.
    #[error("{file}, line {line}: {message}")]
    Csv {
        /// The file (`projects.csv`).
        file: String,
        /// 1-based line (0 when the whole file is concerned).
        line: u64,
        /// What is wrong.
        message: String,
    },
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
