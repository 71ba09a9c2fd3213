//! Exports a sample in every format into a directory (used by `conformance/run`): by default
//! the rich example dataset with its stage history synthesized by `engo-sample`; with
//! `--national <scale>` the synthetic national sample of `engo-sample` (no planted faults).
//!
//! ```sh
//! cargo run -p engo-export --example export_sample -- /tmp/engo-sample
//! cargo run -p engo-export --example export_sample -- --national 0.01 /tmp/engo-national
//! ```

use std::{path::PathBuf, process::ExitCode};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (ds, out) = match args.as_slice() {
        [out] => {
            let mut ds = engo_model::example::dataset();
            ds.events = engo_sample::synthesize(&ds);
            (ds, PathBuf::from(out))
        }
        [flag, scale, out] if flag == "--national" => {
            let sample = scale
                .parse::<f64>()
                .map_err(|e| e.to_string())
                .and_then(|s| engo_sample::Config::new(s, 1, 0.0).map_err(|e| e.to_string()))
                .and_then(|c| engo_sample::generate(&c).map_err(|e| e.to_string()));
            match sample {
                Ok(sample) => (sample.dataset, PathBuf::from(out)),
                Err(e) => {
                    eprintln!("no sample: {e}");
                    return ExitCode::from(2);
                }
            }
        }
        _ => {
            eprintln!("usage: export_sample [--national <scale>] <output directory>");
            return ExitCode::from(2);
        }
    };
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
