//! Checks the criteria profiles that engo-criteria embeds, before the library is compiled.
//!
//! The library embeds the profiles of `data/criteria/` with `include_str!` and parses them on
//! first use. This script compiles the library's own parser and the rule catalogue it checks codes
//! against (`src/profile.rs`, `src/catalogue.rs` and `src/code.rs`, as modules through `#[path]`; the types they
//! use from engo-model come from engo-model itself, a build dependency), runs
//! `CriteriaProfile::from_json` on every embedded file and stops the build on any error, naming the
//! file, the JSON pointer, the line and column and what is wrong. So no build of the crate, release
//! or debug, embeds a profile its parser refuses: the parse at run time cannot fail (see `EMBEDDED`
//! in `src/profile.rs`). The embedded list must be every file of `data/criteria/`.
//!
//! It also deserializes engo-model's example dataset and checks its shape: engo-model's own build
//! script cannot (a dataset needs the whole model), and every crate that uses the example outside
//! tests depends on this one (see `src/example.rs` in engo-model).

use std::{fs, path::Path};

#[allow(dead_code, unreachable_pub)]
#[path = "src/catalogue.rs"]
mod catalogue;
#[allow(dead_code, unreachable_pub)]
#[path = "src/code.rs"]
mod code;
use code::Code;
#[allow(dead_code, unreachable_pub)]
#[path = "src/profile.rs"]
mod profile;

fn main() {
    println!("cargo::rerun-if-changed=data");
    let mut errors = Vec::new();
    for (file, json) in profile::EMBEDDED_FILES {
        if let Err(e) = profile::CriteriaProfile::from_json(json) {
            errors.push(format!("data/criteria/{file}: {e}"));
        }
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/criteria");
    match fs::read_dir(&dir) {
        Ok(entries) => {
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                if !profile::EMBEDDED_FILES
                    .iter()
                    .any(|(file, _)| *file == name)
                {
                    errors.push(format!(
                        "data/criteria/{name}: not embedded (add it to EMBEDDED_FILES in src/profile.rs)"
                    ));
                }
            }
        }
        Err(e) => errors.push(format!("data/criteria: {e}")),
    }
    match serde_json::from_str::<engo_model::Dataset>(engo_model::example::JSON) {
        Ok(example) => {
            for violation in example.check_shape() {
                errors.push(format!("engo-model's example dataset: {violation}"));
            }
        }
        Err(e) => errors.push(format!("engo-model's example dataset: {e}")),
    }
    // Each `cargo::error` fails the build after the script ends, with its message alone.
    for e in errors {
        println!("cargo::error={e}");
    }
}
