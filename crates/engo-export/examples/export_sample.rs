//! Exports the rich example dataset, with its stage history synthesized by `engo-stages`, in
//! every format into a directory (used by `conformance/run`).
//!
//! ```sh
//! cargo run -p engo-export --example export_sample -- /tmp/engo-sample
//! ```

use std::{path::PathBuf, process::ExitCode};

fn main() -> ExitCode {
    let Some(out) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: export_sample <output directory>");
        return ExitCode::from(2);
    };
    let mut ds = engo_model::example::dataset();
    ds.events = engo_stages::synthesize(&ds);
    match engo_export::export(&ds, &out, &engo_export::ExportSettings::default()) {
        Ok(()) => {
            println!(
                "exported {} records ({} stage events) to {}",
                ds.record_count(),
                ds.events.len(),
                out.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("export failed: {e}");
            ExitCode::FAILURE
        }
    }
}
