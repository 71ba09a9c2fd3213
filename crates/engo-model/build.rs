//! Checks the reference data that engo-model embeds, before the library is compiled.
//!
//! The library embeds the JSON files of `data/` with `include_str!` and parses them on first use.
//! This script compiles the library's own parsers into itself (`src/format_version.rs`,
//! `src/text.rs`, `src/classifier.rs` and `src/money.rs`, and `src/id.rs` whose macros the
//! classifier codes use, as modules through `#[path]`), runs them
//! on the same files and stops the build on any error, naming the file, the line and column and
//! what is wrong. So no build of the crate, release or debug, embeds a file its parser refuses:
//! the parse at run time cannot fail, and the accessors' fallback arms are unreachable (see
//! `embedded` in `src/classifier.rs`). Every file of `data/` must have its check here; a file
//! without one stops the build too.
//!
//! The example dataset needs the whole model to deserialize, more than this script can compile:
//! here it is checked to be JSON; engo-criteria's build script, which depends on this crate,
//! deserializes it (see `src/example.rs`).

use std::{fmt::Display, fs, path::Path};

#[allow(dead_code, unreachable_pub)]
#[path = "src/classifier.rs"]
mod classifier;
#[allow(dead_code, unreachable_pub)]
#[path = "src/format_version.rs"]
mod format_version;
#[allow(dead_code, unreachable_pub)]
#[path = "src/id.rs"]
mod id;
#[allow(dead_code, unreachable_pub)]
#[path = "src/money.rs"]
mod money;
#[allow(dead_code, unreachable_pub)]
#[path = "src/text.rs"]
mod text;

use classifier::{Classifier, LegalFormAttrs, NoAttrs, RegionAttrs};

/// A check of one file: `Ok` or what is wrong, with its place.
type Check = fn(&str) -> Result<(), String>;

/// The result of a parser, kept for its error.
fn parsed<T, E: Display>(result: Result<T, E>) -> Result<(), String> {
    result.map(drop).map_err(|e| e.to_string())
}

/// Every file of `data/`, with the check of its contents.
const FILES: [(&str, Check); 6] = [
    ("regions.json", |json| {
        parsed(Classifier::<RegionAttrs>::from_json(json))
    }),
    ("legal_forms.json", |json| {
        parsed(Classifier::<LegalFormAttrs>::from_json(json))
    }),
    ("priority_areas.json", |json| {
        parsed(Classifier::<NoAttrs>::from_json(json))
    }),
    ("state_body_levels.json", |json| {
        parsed(Classifier::<NoAttrs>::from_json(json))
    }),
    ("mrp.json", |json| parsed(money::MrpTable::from_json(json))),
    ("example-dataset.json", |json| {
        parsed(serde_json::from_str::<serde_json::Value>(json))
    }),
];

fn main() {
    println!("cargo::rerun-if-changed=data");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let mut errors = Vec::new();
    for (file, check) in FILES {
        let outcome = fs::read_to_string(dir.join(file))
            .map_err(|e| e.to_string())
            .and_then(|json| check(&json));
        if let Err(e) = outcome {
            errors.push(format!("{file}: {e}"));
        }
    }
    match fs::read_dir(&dir) {
        Ok(entries) => {
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                if !FILES.iter().any(|(file, _)| *file == name) {
                    errors.push(format!("{name}: no check in build.rs for this file"));
                }
            }
        }
        Err(e) => errors.push(e.to_string()),
    }
    // Each `cargo::error` fails the build after the script ends, with its message alone.
    for e in errors {
        println!("cargo::error=data/{e}");
    }
}
