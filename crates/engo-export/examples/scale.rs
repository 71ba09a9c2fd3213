//! Times every format on the national-scale synthetic sample of `engo-sample`, without planted
//! faults: `cargo run --release -p engo-export --example scale -- <scale> <out dir>`.

use std::{path::PathBuf, process::ExitCode, time::Instant};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let scale: f64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(0.01);
    let Some(out) = args.next().map(PathBuf::from) else {
        eprintln!("usage: scale <scale> <output directory>");
        return ExitCode::from(2);
    };
    let config = match engo_sample::Config::new(scale, 1, 0.0) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let t = Instant::now();
    let ds = engo_sample::generate(&config).dataset;
    println!(
        "generated {} records in {:?}",
        ds.record_count(),
        t.elapsed()
    );
    let t = Instant::now();
    if let Err(e) = engo_export::export(&ds, &out, &Default::default()) {
        eprintln!("export failed: {e}");
        return ExitCode::FAILURE;
    }
    println!("exported every format in {:?}", t.elapsed());
    let t = Instant::now();
    let read = std::fs::File::open(out.join("engo.ndjson"))
        .map_err(engo_export::ReadError::from)
        .and_then(|f| engo_export::ndjson::read(std::io::BufReader::new(f), &Default::default()));
    match read {
        Ok(back) if back == ds => println!("NDJSON read back equal in {:?}", t.elapsed()),
        Ok(_) => {
            eprintln!("NDJSON read back differs");
            return ExitCode::FAILURE;
        }
        Err(e) => {
            eprintln!("NDJSON read failed: {e}");
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
