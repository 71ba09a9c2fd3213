//! Writes the website of a dataset file and says how long it took (the dataset read and checked
//! first, not timed): `cargo run --release -p engo-site --example write_site -- DATA.json OUT`.

use std::time::Instant;

/// CPU seconds of this process so far, user and system (Linux; zero elsewhere).
fn cpu() -> (f64, f64) {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // After the command name in parentheses: fields 14 and 15 are utime and stime, in ticks.
    let rest = stat.rsplit(')').next().unwrap_or_default();
    let field = |n: usize| {
        rest.split_whitespace()
            .nth(n)
            .and_then(|t| t.parse::<f64>().ok())
            .unwrap_or(0.0)
            / 100.0
    };
    (field(11), field(12))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(input), Some(out)) = (args.next(), args.next()) else {
        return Err("usage: write_site DATA.json OUT".into());
    };
    let file = std::io::BufReader::new(std::fs::File::open(&input)?);
    let limits = engo_export::Limits {
        max_bytes: u64::MAX,
        ..Default::default()
    };
    let ds = engo_export::json::read(file, &limits)?;
    let profile = engo_criteria::profile_for(ds.published_at.date_naive())?;
    let index = engo_model::DatasetIndex::new(&ds);
    let report = engo_criteria::Checker::new(&ds, &index, profile).check();
    let publication = engo_export::publication::Publication::sample();
    std::fs::create_dir_all(&out)?;
    let (user0, sys0) = cpu();
    let start = Instant::now();
    let site = engo_site::Site::new(&ds, &report, &publication);
    let built = start.elapsed();
    let written = site.write(std::path::Path::new(&out))?;
    let total = start.elapsed();
    let (user1, sys1) = cpu();
    println!(
        "{} pages, {} files, {:.1} MB in {:.2} s, CPU {:.2} s user + {:.2} s system (index {:.2} s); largest {} ({} bytes)",
        written.pages,
        written.files,
        written.bytes as f64 / 1e6,
        total.as_secs_f64(),
        user1 - user0,
        sys1 - sys0,
        built.as_secs_f64(),
        written.largest.0,
        written.largest.1
    );
    Ok(())
}
