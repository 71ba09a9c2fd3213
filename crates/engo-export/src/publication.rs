//! The publisher's settings: where the open data is published, under which licence and policy,
//! with which OCDS ocid prefix and 360Giving prefix — read from a publisher file (TOML or JSON,
//! schema `schemas/publisher.schema.json`) so that a ministry publishes its own data without
//! writing Rust.
//!
//! ```toml
//! # Where the output directory is published: the files are under this address.
//! base_url = "https://data.example.kz/e-ngo/"
//! publication_policy = "https://data.example.kz/e-ngo/policy.html"
//!
//! [license]
//! id = "CC-BY-4.0"
//! url = "https://creativecommons.org/licenses/by/4.0/"
//! title = "Creative Commons Attribution 4.0"
//!
//! [ocds]
//! ocid_prefix = "ocds-abc123"   # registered with the Open Contracting Partnership
//!
//! [360giving]
//! prefix = "kz-engo"            # registered with 360Giving: grant ids are 360G-kz-engo-<id>
//! ```
//!
//! [`Publication::sample`] holds the placeholders of the sample (`example.org`, `ocds-engo00`,
//! `360G-engo`); [`Publication::placeholders`] says which of them a publication still uses.

use serde::{Deserialize, Serialize};

use engo_model::Lang;

use crate::{
    ExportSettings, PackageSettings,
    csv::{PACKAGE_NAME, PACKAGE_TITLE},
    giving::GivingSettings,
    ocds::{BIDS_EXTENSION, METRICS_EXTENSION, OcdsSettings},
};

/// Who publishes where, under which terms: see the [module](self).
///
/// ```
/// use engo_export::publication::{Publication, PublicationFormat};
///
/// let text = r#"
///     base_url = "https://data.example.kz/e-ngo/"
///     publication_policy = "https://data.example.kz/e-ngo/policy.html"
///     [license]
///     id = "CC-BY-4.0"
///     url = "https://creativecommons.org/licenses/by/4.0/"
///     title = "Creative Commons Attribution 4.0"
///     [ocds]
///     ocid_prefix = "ocds-abc123"
///     [360giving]
///     prefix = "kz-engo"
/// "#;
/// let publication = Publication::parse(text, PublicationFormat::Toml)?;
/// let settings = publication.export_settings();
/// assert_eq!(settings.ocds.base_uri, "https://data.example.kz/e-ngo/ocds/");
/// assert_eq!(settings.giving.prefix, "kz-engo");
/// assert!(publication.placeholders().is_empty());
/// assert_eq!(Publication::sample().placeholders().len(), 4);
/// # Ok::<(), engo_export::publication::PublicationError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Publication")]
pub struct Publication {
    /// The address where the output directory is published, ending in `/`: the files are at
    /// `<base_url>engo.json`, `<base_url>ocds/release-package.json`…, the website at
    /// `<base_url>index.html`. The 360Giving `dataSource` and the data package `id` are this
    /// address without its final `/`.
    #[schemars(regex(pattern = r"^https?://[^\s]+/$"))]
    pub base_url: String,
    /// The publication policy (OCDS `publicationPolicy`): an address.
    #[schemars(regex(pattern = r"^https?://[^\s]+$"))]
    pub publication_policy: String,
    /// The licence of the data.
    pub license: License,
    /// OCDS settings.
    pub ocds: OcdsPublication,
    /// 360Giving settings.
    #[serde(rename = "360giving")]
    pub giving: GivingPublication,
}

/// The licence of the data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "License")]
pub struct License {
    /// An SPDX or Open Definition id (`CC-BY-4.0`).
    pub id: String,
    /// The licence's address.
    #[schemars(regex(pattern = r"^https?://[^\s]+$"))]
    pub url: String,
    /// Its title (`Creative Commons Attribution 4.0`).
    pub title: String,
}

/// The OCDS settings of a publication.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "OcdsPublication")]
pub struct OcdsPublication {
    /// The ocid prefix the Open Contracting Partnership registered for the publisher
    /// (`ocds-` and six lowercase letters or digits).
    #[schemars(regex(pattern = r"^ocds-[a-z0-9]{6}$"))]
    pub ocid_prefix: String,
}

/// The 360Giving settings of a publication.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "GivingPublication")]
pub struct GivingPublication {
    /// The prefix 360Giving registered for the publisher, after `360G-` (grant ids are
    /// `360G-<prefix>-<grant id>`).
    #[schemars(regex(pattern = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$"))]
    pub prefix: String,
}

/// The format of a publisher file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum PublicationFormat {
    /// TOML (`.toml`).
    Toml,
    /// JSON (`.json`).
    Json,
}

impl PublicationFormat {
    /// The format a file name says (`.toml` or `.json`, any case).
    pub fn from_path(path: &std::path::Path) -> Option<PublicationFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "toml" => Some(PublicationFormat::Toml),
            "json" => Some(PublicationFormat::Json),
            _ => None,
        }
    }
}

/// Why a publisher file cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PublicationError {
    /// The text does not parse, or does not have the fields of a [`Publication`].
    #[error("publisher file, line {line}, column {column}: {message}")]
    Syntax {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// A field has a value of the wrong form.
    #[error("publisher file: {field} = {found:?}: {expected}")]
    Value {
        /// The field (`ocds.ocid_prefix`).
        field: &'static str,
        /// The value found (cut to 80 characters).
        found: String,
        /// What the field must be.
        expected: &'static str,
    },
}

/// The sample's placeholders: each field with its placeholder value.
const SAMPLE_BASE_URL: &str = "https://example.org/e-ngo/open-data/";
const SAMPLE_POLICY: &str = "https://example.org/e-ngo/publication-policy";
const SAMPLE_OCID_PREFIX: &str = "ocds-engo00";
const SAMPLE_GIVING_PREFIX: &str = "engo";

impl Publication {
    /// The settings of the sample: every identifier and address is a placeholder (the licence,
    /// CC BY 4.0, is a real one).
    pub fn sample() -> Publication {
        Publication {
            base_url: SAMPLE_BASE_URL.to_owned(),
            publication_policy: SAMPLE_POLICY.to_owned(),
            license: License {
                id: "CC-BY-4.0".to_owned(),
                url: "https://creativecommons.org/licenses/by/4.0/".to_owned(),
                title: "Creative Commons Attribution 4.0".to_owned(),
            },
            ocds: OcdsPublication {
                ocid_prefix: SAMPLE_OCID_PREFIX.to_owned(),
            },
            giving: GivingPublication {
                prefix: SAMPLE_GIVING_PREFIX.to_owned(),
            },
        }
    }

    /// Reads a publisher file's text, and checks the form of every field.
    pub fn parse(text: &str, format: PublicationFormat) -> Result<Publication, PublicationError> {
        let publication: Publication = match format {
            PublicationFormat::Toml => toml::from_str(text).map_err(|e| {
                let (line, column) = e
                    .span()
                    .map_or((1, 1), |span| line_column(text, span.start));
                PublicationError::Syntax {
                    line,
                    column,
                    message: e.message().to_owned(),
                }
            })?,
            PublicationFormat::Json => {
                serde_json::from_str(text).map_err(|e| PublicationError::Syntax {
                    line: e.line(),
                    column: e.column(),
                    message: e.to_string(),
                })?
            }
        };
        publication.check()?;
        Ok(publication)
    }

    /// Checks the form of every field (what the schema's patterns say).
    fn check(&self) -> Result<(), PublicationError> {
        let bad = |field, found: &str, expected| PublicationError::Value {
            field,
            found: found.chars().take(80).collect(),
            expected,
        };
        let is_url = |s: &str| {
            (s.starts_with("https://") || s.starts_with("http://"))
                && !s.chars().any(char::is_whitespace)
                && s.split("://").nth(1).is_some_and(|rest| !rest.is_empty())
        };
        if !is_url(&self.base_url) || !self.base_url.ends_with('/') {
            let expected = "an http(s) address ending in /";
            return Err(bad("base_url", &self.base_url, expected));
        }
        if !is_url(&self.publication_policy) {
            let found = &self.publication_policy;
            return Err(bad("publication_policy", found, "an http(s) address"));
        }
        if !is_url(&self.license.url) {
            return Err(bad("license.url", &self.license.url, "an http(s) address"));
        }
        for (field, text) in [
            ("license.id", &self.license.id),
            ("license.title", &self.license.title),
        ] {
            if text.trim().is_empty() {
                return Err(bad(field, text, "a non-empty text"));
            }
        }
        let prefix = self.ocds.ocid_prefix.as_bytes();
        let ocid_ok = prefix.len() == 11
            && prefix.starts_with(b"ocds-")
            && prefix
                .iter()
                .skip(5)
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
        if !ocid_ok {
            let expected = "ocds- and six lowercase letters or digits";
            return Err(bad("ocds.ocid_prefix", &self.ocds.ocid_prefix, expected));
        }
        let giving = &self.giving.prefix;
        let giving_ok = (1..=64).contains(&giving.len())
            && giving.starts_with(|c: char| c.is_ascii_alphanumeric())
            && giving
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if !giving_ok {
            let expected = "1 to 64 letters, digits, - or _ (what follows 360G-)";
            return Err(bad("360giving.prefix", giving, expected));
        }
        Ok(())
    }

    /// The fields that still hold the sample's placeholders, by name (`base_url`,
    /// `publication_policy`, `ocds.ocid_prefix`, `360giving.prefix`): real data published with
    /// any of them is not findable where it says it is, or collides with other publishers'
    /// identifiers.
    pub fn placeholders(&self) -> Vec<&'static str> {
        let on_example = |url: &str| {
            url.split("://")
                .nth(1)
                .and_then(|rest| rest.split(['/', ':']).next())
                .is_some_and(|host| host == "example.org" || host.ends_with(".example.org"))
        };
        let mut out = Vec::new();
        if on_example(&self.base_url) {
            out.push("base_url");
        }
        if on_example(&self.publication_policy) {
            out.push("publication_policy");
        }
        if self.ocds.ocid_prefix == SAMPLE_OCID_PREFIX {
            out.push("ocds.ocid_prefix");
        }
        if self.giving.prefix == SAMPLE_GIVING_PREFIX {
            out.push("360giving.prefix");
        }
        out
    }

    /// The address of a published file, `path` relative to the output directory.
    pub fn url_of(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path.trim_start_matches('/'))
    }

    /// The OCDS settings of this publication: its ocid prefix, `<base_url>ocds/`, licence and
    /// policy; the dataset's publisher, releases in Russian (with kk/en copies), the metrics and
    /// bids extensions.
    pub fn ocds_settings(&self) -> OcdsSettings {
        OcdsSettings {
            ocid_prefix: self.ocds.ocid_prefix.clone(),
            base_uri: self.url_of("ocds/"),
            publisher_name: None,
            license: self.license.url.clone(),
            publication_policy: self.publication_policy.clone(),
            language: Lang::Ru,
            extensions: vec![METRICS_EXTENSION.to_owned(), BIDS_EXTENSION.to_owned()],
        }
    }

    /// The 360Giving settings of this publication.
    pub fn giving_settings(&self) -> GivingSettings {
        GivingSettings {
            prefix: self.giving.prefix.clone(),
            data_source: self.base_url.trim_end_matches('/').to_owned(),
            license: self.license.url.clone(),
        }
    }

    /// The data package settings of this publication (tables beside `datapackage.json`).
    pub fn package_settings(&self) -> PackageSettings {
        PackageSettings {
            name: PACKAGE_NAME.to_owned(),
            title: PACKAGE_TITLE.to_owned(),
            id: self.base_url.trim_end_matches('/').to_owned(),
            license: (
                self.license.id.clone(),
                self.license.url.clone(),
                self.license.title.clone(),
            ),
            tables_dir: String::new(),
        }
    }

    /// The settings of a full export of this publication (every format; the CSV tables in
    /// `csv/`).
    pub fn export_settings(&self) -> ExportSettings {
        ExportSettings {
            formats: Vec::new(),
            package: PackageSettings {
                tables_dir: "csv".to_owned(),
                ..self.package_settings()
            },
            ocds: self.ocds_settings(),
            giving: self.giving_settings(),
        }
    }
}

/// The 1-based line and column of byte `at` of `text`.
fn line_column(text: &str, at: usize) -> (usize, usize) {
    let before = text.get(..at).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toml_of(p: &Publication) -> String {
        toml::to_string(p).unwrap()
    }

    /// The sample's files name the sample's addresses: the directory for 360Giving and the
    /// data package, its `ocds/` folder for OCDS.
    #[test]
    fn sample_addresses() {
        let s = ExportSettings::default();
        assert_eq!(s.giving.data_source, "https://example.org/e-ngo/open-data");
        assert_eq!(s.package.id, "https://example.org/e-ngo/open-data");
        assert_eq!(s.ocds.base_uri, "https://example.org/e-ngo/open-data/ocds/");
        assert_eq!(s.package.tables_dir, "csv");
        assert_eq!(s.ocds.ocid_prefix, "ocds-engo00");
    }

    #[test]
    fn toml_and_json_read_the_same() {
        let p = Publication::sample();
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(
            Publication::parse(&json, PublicationFormat::Json).unwrap(),
            p
        );
        assert_eq!(
            Publication::parse(&toml_of(&p), PublicationFormat::Toml).unwrap(),
            p
        );
    }

    #[test]
    fn errors_say_what_and_where() {
        let text = toml_of(&Publication::sample()).replace("ocid_prefix", "ocid_prefx");
        let e = Publication::parse(&text, PublicationFormat::Toml).unwrap_err();
        assert!(
            matches!(&e, PublicationError::Syntax { line, message, .. } if *line > 1 && message.contains("ocid_prefx")),
            "{e}"
        );
        let text = toml_of(&Publication::sample()).replace("ocds-engo00", "ocds-ENGO00");
        let e = Publication::parse(&text, PublicationFormat::Toml).unwrap_err();
        assert_eq!(
            e.to_string(),
            "publisher file: ocds.ocid_prefix = \"ocds-ENGO00\": ocds- and six lowercase letters or digits"
        );
        let text = toml_of(&Publication::sample()).replace("open-data/\"", "open-data\"");
        let e = Publication::parse(&text, PublicationFormat::Toml).unwrap_err();
        assert!(e.to_string().contains("base_url"), "{e}");
        let e = Publication::parse("{\"base_url\": 5}", PublicationFormat::Json).unwrap_err();
        assert!(matches!(e, PublicationError::Syntax { line: 1, .. }), "{e}");
    }

    #[test]
    fn placeholders_are_named() {
        let mut p = Publication::sample();
        assert_eq!(
            p.placeholders(),
            [
                "base_url",
                "publication_policy",
                "ocds.ocid_prefix",
                "360giving.prefix"
            ]
        );
        p.base_url = "https://example.org.kz/data/".to_owned();
        p.ocds.ocid_prefix = "ocds-abc123".to_owned();
        assert_eq!(p.placeholders(), ["publication_policy", "360giving.prefix"]);
    }

    #[test]
    fn line_and_column() {
        assert_eq!(line_column("ab\ncd", 4), (2, 2));
        assert_eq!(line_column("ab", 0), (1, 1));
    }
}
