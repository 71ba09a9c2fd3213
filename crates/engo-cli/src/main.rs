//! `engo`: generate, validate, export and publish the open data of Kazakhstan's E-NGO portal.
//!
//! Exit codes: 0 success, 1 the data has error findings, 2 unusable input or arguments.

mod input;
mod messages;
mod progress;
mod report;
mod verify;

use std::{
    io::Write,
    path::{Path, PathBuf},
    process::ExitCode,
};

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};
use engo::{
    criteria::{CriteriaProfile, Profiles, Report},
    model::{Dataset, Lang, lifecycle::Machine},
};

use crate::{messages::Msg, progress::Progress};

/// Generate, validate, export and publish the open data of Kazakhstan's E-NGO portal.
#[derive(Debug, Parser)]
#[command(
    name = "engo",
    version,
    after_help = "Examples:\n  engo publish --sample --out open-data\n  engo validate open-data/engo.json --lang kk\n  engo verify open-data/engo.json\n  engo template --lang kk --out registry.xlsx\n\nExit codes: 0 success, 1 the data has error findings, 2 unusable input or arguments."
)]
struct Cli {
    /// Language of messages and reports: kk, ru or en.
    #[arg(long, global = true, value_parser = parse_lang, default_value = "en")]
    lang: Lang,
    /// Print nothing but errors.
    #[arg(long, short, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    s.parse()
        .map_err(|e: engo::model::text::UnknownLang| e.to_string())
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|e| format!("{s:?} is not a date YYYY-MM-DD: {e}"))
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Generate a deterministic synthetic dataset (same seed, same bytes).
    #[command(
        after_help = "Example:\n  engo sample --scale 0.1 --seed 7 --faults 0.02 --out sample.json"
    )]
    Sample {
        /// 1 is Kazakhstan's volume (about 25 000 organisations).
        #[arg(long, default_value_t = 1.0)]
        scale: f64,
        /// Seed of the random stream.
        #[arg(long, default_value_t = 2026)]
        seed: u64,
        /// Share of records that break a rule on purpose (0 to 1).
        #[arg(long, default_value_t = 0.0)]
        faults: f64,
        /// Where to write the dataset (JSON, or NDJSON when the name ends in .ndjson).
        #[arg(long)]
        out: PathBuf,
    },
    /// Check a dataset: shape, criteria, coherence, privacy and stage replay.
    #[command(
        after_help = "Example:\n  engo validate open-data/engo.ndjson --at 2025-09-01 --lang ru --format json"
    )]
    Validate {
        /// The dataset: .json, .ndjson, .xml, .xlsx, or a datapackage.json.
        file: PathBuf,
        #[command(flatten)]
        criteria: CriteriaArgs,
        /// Output format of the report.
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
    /// Export a dataset in every open format (or some).
    #[command(
        after_help = "Examples:\n  engo export sample.json --out open-data --formats json,ocds,csv\n  engo export registry.xlsx --out open-data --formats json,xlsx"
    )]
    Export {
        /// The dataset: .json, .ndjson, .xml, .xlsx, or a datapackage.json.
        file: PathBuf,
        /// The directory to write (replaced atomically).
        #[arg(long)]
        out: PathBuf,
        /// Formats to write, comma-separated: json, ndjson, xml, csv, xlsx, ocds, 360giving (all
        /// by default). From an NDJSON input, json, ndjson, xml, csv and xlsx are converted record
        /// by record.
        #[arg(long, value_delimiter = ',', value_parser = parse_format)]
        formats: Vec<engo::export::Format>,
        /// The publisher file (TOML or JSON, schemas/publisher.schema.json): ocid and 360Giving
        /// prefixes, address of the files, licence, publication policy. The sample's
        /// placeholders without it.
        #[arg(long)]
        publisher: Option<PathBuf>,
    },
    /// Write an empty workbook to fill in: a sheet per table of the data package, drop-down
    /// lists of the codes, a read-me in kk/ru/en and a note on each column in --lang.
    #[command(
        after_help = "Example:\n  engo template --lang kk --out registry.xlsx\n  engo validate registry.xlsx --lang kk"
    )]
    Template {
        /// The workbook to write (.xlsx; replaced atomically).
        #[arg(long)]
        out: PathBuf,
    },
    /// Write the JSON Schemas and the XSD.
    #[command(after_help = "Example:\n  engo schema --out schemas")]
    Schema {
        /// The directory to write.
        #[arg(long)]
        out: PathBuf,
    },
    /// Print the transition tables of the lifecycles.
    #[command(after_help = "Example:\n  engo stages social_order --format mermaid")]
    Stages {
        /// One machine (`social_order`, `grant`, `project`, …); all when omitted.
        #[arg(value_parser = parse_machine)]
        machine: Option<Machine>,
        /// Rendering.
        #[arg(long, value_enum, default_value_t = StagesFormat::Mermaid)]
        format: StagesFormat,
    },
    /// What a change of the criteria would do: the findings that appear and disappear, the
    /// organisations that become ineligible or eligible, the applications and projects whose
    /// verdict changes, and the money, by region, priority area, legal form, year and size.
    #[command(
        after_help = "Example:\n  engo impact open-data/engo.json --from kz-2025-07 --to proposal.json --format html --out impact.html\n\nExit codes: 0 the analysis ran (whatever it found), 2 unusable input or arguments."
    )]
    Impact {
        /// The dataset: .json, .ndjson, .xml, or a datapackage.json.
        file: PathBuf,
        /// The criteria today: the id of an embedded profile, or a JSON file.
        #[arg(long)]
        from: String,
        /// The criteria proposed: the id of an embedded profile, or a JSON file (usually one
        /// that `extends` the profile in force and changes what it names).
        #[arg(long)]
        to: String,
        /// Output: a text summary, the JSON report, or one HTML page.
        #[arg(long, value_enum, default_value_t = ImpactFormat::Text)]
        format: ImpactFormat,
        /// Where to write it (standard output when omitted).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Check that a file's audit log was never rewritten: recompute its hash chain.
    #[command(
        after_help = "Example:\n  engo verify open-data/engo.json\n\nExit codes: 0 every link holds (the head is printed: compare it with the one the portal publishes), 1 a link is broken (the first is named) or the log carries no chain, 2 the file cannot be read."
    )]
    Verify {
        /// The file: .json, .ndjson, .xml, .xlsx, or a datapackage.json.
        file: PathBuf,
    },
    /// Criteria profiles: check a proposal before anyone relies on it.
    #[command(after_help = "Example:\n  engo profile check proposal.json --lang ru")]
    Profile {
        #[command(subcommand)]
        action: ProfileAction,
    },
    /// The main job: (generate the sample,) validate, replay, export every format, and write
    /// report.json, the schemas and the website (open index.html).
    #[command(
        after_help = "Examples:\n  engo publish --sample --out open-data\n  engo publish my-data.json --publisher publisher.toml --out open-data --allow-errors"
    )]
    Publish {
        /// The dataset to publish (or --sample).
        #[arg(required_unless_present = "sample", conflicts_with = "sample")]
        file: Option<PathBuf>,
        /// Publish the national-scale sample.
        #[arg(long)]
        sample: bool,
        /// Scale of the sample.
        #[arg(long, default_value_t = 1.0, requires = "sample")]
        scale: f64,
        /// Seed of the sample.
        #[arg(long, default_value_t = 2026, requires = "sample")]
        seed: u64,
        /// The directory to write (replaced atomically).
        #[arg(long)]
        out: PathBuf,
        /// Publish even when the data has error findings.
        #[arg(long)]
        allow_errors: bool,
        /// The publisher file (TOML or JSON, schemas/publisher.schema.json): ocid and 360Giving
        /// prefixes, address of the files, licence, publication policy. The sample's
        /// placeholders without it (a warning when the data is not the sample).
        #[arg(long)]
        publisher: Option<PathBuf>,
        #[command(flatten)]
        criteria: CriteriaArgs,
    },
}

/// Which criteria to apply.
#[derive(Debug, clap::Args)]
struct CriteriaArgs {
    /// Judge every record by this criteria profile: the id of an embedded one, or a JSON file
    /// (complete or `extends`). By default each record is judged by the profile in force on its
    /// own date (a grant's award, an order's formation, an application's submission…).
    #[arg(long)]
    profile: Option<String>,
    /// Judge every record by the profile in force on this date.
    #[arg(long, value_parser = parse_date)]
    at: Option<NaiveDate>,
}

fn parse_format(s: &str) -> Result<engo::export::Format, String> {
    s.parse()
        .map_err(|e: engo::export::UnknownFormat| e.to_string())
}

fn parse_machine(s: &str) -> Result<Machine, String> {
    s.parse()
        .map_err(|e: engo::model::lifecycle::UnknownName| e.to_string())
}

/// What `engo profile` does.
#[derive(Debug, Subcommand)]
enum ProfileAction {
    /// Check a profile file: its format, every parameter's name and type, every rule it names;
    /// say where each problem is (JSON pointer, line and column) and what it changes.
    #[command(
        after_help = "Example:\n  engo profile check proposal.json\n\nExit codes: 0 the profile is valid, 1 it is not, 2 the file cannot be read."
    )]
    Check {
        /// The profile: a complete profile, or one that `extends` an embedded profile.
        file: PathBuf,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ImpactFormat {
    Text,
    Json,
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ReportFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum StagesFormat {
    Mermaid,
    Json,
    Csv,
}

/// Why the command could not do its work (exit code 2).
#[derive(Debug)]
struct Failure(Msg);

impl From<Msg> for Failure {
    fn from(m: Msg) -> Failure {
        Failure(m)
    }
}

/// What a successful command found.
enum Outcome {
    /// Done, nothing wrong.
    Done,
    /// Done, and the data has error findings.
    Errors,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = cli.lang;
    match run(cli) {
        Ok(Outcome::Done) => ExitCode::SUCCESS,
        Ok(Outcome::Errors) => ExitCode::from(1),
        Err(Failure(msg)) => {
            let _ = writeln!(std::io::stderr(), "engo: {}", msg.render(lang));
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<Outcome, Failure> {
    let lang = cli.lang;
    let progress = Progress::new(cli.quiet);
    match cli.command {
        Command::Sample {
            scale,
            seed,
            faults,
            out,
        } => {
            let config = engo::sample::Config::new(scale, seed, faults)
                .map_err(|e| Msg::BadArgument(e.to_string()))?;
            let step = progress.step(lang, Msg::StepGenerate);
            let sample =
                engo::sample::generate(&config).map_err(|e| Msg::Internal(e.to_string()))?;
            step.done();
            let step = progress.step(lang, Msg::StepWrite(out.display().to_string()));
            input::write_dataset(&sample.dataset, &out)?;
            step.done();
            progress.say(
                &Msg::Sampled {
                    records: sample.dataset.record_count(),
                    events: sample.dataset.events.len(),
                    faults: sample.faults.len(),
                    path: out.display().to_string(),
                }
                .render(lang),
            );
            Ok(Outcome::Done)
        }
        Command::Validate {
            file,
            criteria,
            format,
        } => {
            let step = progress.step(lang, Msg::StepRead(file.display().to_string()));
            let loaded = input::load(&file)?;
            step.done();
            let step = progress.step(lang, Msg::StepValidate);
            let (report, _) = validate(&loaded, &criteria)?;
            step.done();
            let text = report::render(&report, &loaded.places, format, lang, 20)?;
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
            Ok(if report.has_errors() {
                Outcome::Errors
            } else {
                Outcome::Done
            })
        }
        Command::Export {
            file,
            out,
            formats,
            publisher,
        } => {
            let settings = engo::export::ExportSettings {
                formats,
                ..publication(publisher.as_deref())?.export_settings()
            };
            // The log is written linked: what carries no link is linked, a chain is kept as it
            // is (a broken one stays broken, for `engo verify` to find).
            if input::is_ndjson(&file) && settings.formats().iter().all(|f| f.streams()) {
                let step = progress.step(lang, Msg::StepExport(out.display().to_string()));
                input::stream_ndjson(&file, &out, &settings)?;
                step.done();
                return Ok(Outcome::Done);
            }
            let step = progress.step(lang, Msg::StepRead(file.display().to_string()));
            let mut loaded = input::load(&file)?;
            step.done();
            let step = progress.step(lang, Msg::StepExport(out.display().to_string()));
            engo::stages::chain::fill(&mut loaded.dataset.events)
                .map_err(|e| Msg::Internal(e.to_string()))?;
            engo::export::export(&loaded.dataset, &out, &settings)
                .map_err(|e| Msg::Write(out.display().to_string(), e.to_string()))?;
            step.done();
            Ok(Outcome::Done)
        }
        Command::Template { out } => {
            let step = progress.step(lang, Msg::StepWrite(out.display().to_string()));
            let bytes =
                engo::export::xlsx::template(lang).map_err(|e| Msg::Internal(e.to_string()))?;
            engo::export::write_file_atomically(&out, |w| Ok(w.write_all(&bytes)?))
                .map_err(|e| Msg::Write(out.display().to_string(), e.to_string()))?;
            step.done();
            progress.say(
                &Msg::Template {
                    path: out.display().to_string(),
                    sheets: engo::export::csv::table_names().len(),
                }
                .render(lang),
            );
            Ok(Outcome::Done)
        }
        Command::Schema { out } => {
            let files = engo::schemas::all().map_err(|e| Msg::Internal(e.to_string()))?;
            std::fs::create_dir_all(&out)
                .map_err(|e| Msg::Write(out.display().to_string(), e.to_string()))?;
            for (name, content) in files {
                let path = out.join(&name);
                engo::export::write_file_atomically(
                    &path,
                    |w| Ok(w.write_all(content.as_bytes())?),
                )
                .map_err(|e| Msg::Write(path.display().to_string(), e.to_string()))?;
            }
            Ok(Outcome::Done)
        }
        Command::Stages { machine, format } => {
            let machines: Vec<Machine> = machine.map_or_else(|| Machine::ALL.to_vec(), |m| vec![m]);
            let text = match format {
                StagesFormat::Mermaid => machines
                    .iter()
                    .map(|m| engo::model::lifecycle::mermaid(*m))
                    .collect::<Vec<_>>()
                    .join("\n"),
                StagesFormat::Csv => engo::model::lifecycle::machines_csv(&machines),
                StagesFormat::Json => {
                    let tables: Vec<_> = machines
                        .iter()
                        .map(|m| engo::model::lifecycle::machine_table(*m))
                        .collect();
                    serde_json::to_string_pretty(&tables)
                        .map_err(|e| Msg::Internal(e.to_string()))?
                        + "\n"
                }
            };
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
            Ok(Outcome::Done)
        }
        Command::Impact {
            file,
            from,
            to,
            format,
            out,
        } => {
            let step = progress.step(lang, Msg::StepRead(file.display().to_string()));
            let loaded = input::load(&file)?;
            step.done();
            let (from, _) = resolve_profile(&from)?;
            let (to, profiles) = resolve_profile(&to)?;
            let step = progress.step(lang, Msg::StepValidate);
            let report = engo::impact::impact(&loaded.dataset, &from, &to, &profiles);
            step.done();
            let text = match format {
                ImpactFormat::Text => engo::impact::to_text(&report, lang),
                ImpactFormat::Json => {
                    serde_json::to_string_pretty(&report)
                        .map_err(|e| Msg::Internal(e.to_string()))?
                        + "\n"
                }
                ImpactFormat::Html => engo::impact::to_html(&report, lang),
            };
            match out {
                Some(path) => {
                    engo::export::write_file_atomically(
                        &path,
                        |w| Ok(w.write_all(text.as_bytes())?),
                    )
                    .map_err(|e| Msg::Write(path.display().to_string(), e.to_string()))?
                }
                None => {
                    let _ = std::io::stdout().lock().write_all(text.as_bytes());
                }
            }
            Ok(Outcome::Done)
        }
        Command::Verify { file } => {
            let step = progress.step(lang, Msg::StepRead(file.display().to_string()));
            let (msg, outcome) = verify::run(&file)?;
            step.done();
            let _ = writeln!(std::io::stdout().lock(), "{}", msg.render(lang));
            Ok(outcome)
        }
        Command::Profile {
            action: ProfileAction::Check { file },
        } => {
            let json = std::fs::read_to_string(&file)
                .map_err(|e| Msg::Read(file.display().to_string(), e.to_string()))?;
            let shown = file.display().to_string();
            match Profiles::embedded().parse_user(&json) {
                Ok(profile) => {
                    let _ = std::io::stdout()
                        .lock()
                        .write_all(profile_summary(&shown, &profile, &json).as_bytes());
                    Ok(Outcome::Done)
                }
                Err(e) => {
                    let _ = writeln!(
                        std::io::stdout().lock(),
                        "{}",
                        Msg::Profile(format!("{shown}: {e}")).render(lang)
                    );
                    Ok(Outcome::Errors)
                }
            }
        }
        Command::Publish {
            file,
            sample,
            scale,
            seed,
            out,
            allow_errors,
            publisher,
            criteria,
        } => {
            let publication = publication(publisher.as_deref())?;
            let loaded = match (file, sample) {
                (Some(file), _) => {
                    let step = progress.step(lang, Msg::StepRead(file.display().to_string()));
                    let loaded = input::load(&file)?;
                    step.done();
                    loaded
                }
                (None, _) => {
                    let config = engo::sample::Config::new(scale, seed, 0.0)
                        .map_err(|e| Msg::BadArgument(e.to_string()))?;
                    let step = progress.step(lang, Msg::StepGenerate);
                    let sample = engo::sample::generate(&config)
                        .map_err(|e| Msg::Internal(e.to_string()))?;
                    step.done();
                    engo::Loaded::from(sample.dataset)
                }
            };
            let step = progress.step(lang, Msg::StepValidate);
            let (report, profile) = validate(&loaded, &criteria)?;
            step.done();
            if report.has_errors() && !allow_errors {
                let text = report::render(&report, &loaded.places, ReportFormat::Text, lang, 10)?;
                let _ = std::io::stdout().lock().write_all(text.as_bytes());
                progress.say(&Msg::Refused(report.totals.error).render(lang));
                return Ok(Outcome::Errors);
            }
            let step = progress.step(lang, Msg::StepExport(out.display().to_string()));
            let published =
                engo::publish_with(&loaded.dataset, &report, &profile, &publication, &out)
                    .map_err(|e| Msg::Write(out.display().to_string(), e.to_string()))?;
            step.done();
            progress.say(&Msg::Published(Box::new(published)).render(lang));
            let placeholders = publication.placeholders();
            if !sample && !placeholders.is_empty() {
                let _ = writeln!(
                    std::io::stderr(),
                    "engo: {}",
                    Msg::Placeholders(placeholders).render(lang)
                );
            }
            Ok(if report.has_errors() {
                Outcome::Errors
            } else {
                Outcome::Done
            })
        }
    }
}

/// The publication settings of a publisher file, or the sample's.
fn publication(file: Option<&Path>) -> Result<engo::export::publication::Publication, Failure> {
    use engo::export::publication::{Publication, PublicationFormat};
    let Some(file) = file else {
        return Ok(Publication::sample());
    };
    let name = file.display().to_string();
    let format = PublicationFormat::from_path(file)
        .ok_or_else(|| Msg::Publisher(name.clone(), "expected a .toml or .json file".to_owned()))?;
    let text = std::fs::read_to_string(file).map_err(|e| Msg::Read(name.clone(), e.to_string()))?;
    Ok(Publication::parse(&text, format).map_err(|e| Msg::Publisher(name, e.to_string()))?)
}

/// The profile chosen by the arguments, for a dataset published on `published`.
fn choose_profile(
    args: &CriteriaArgs,
    published: NaiveDate,
) -> Result<(CriteriaProfile, Profiles), Failure> {
    let embedded = Profiles::embedded();
    let date = args.at.unwrap_or(published);
    let Some(arg) = &args.profile else {
        // Without --at, a dataset published before every profile is still judged record by
        // record (see `engo::Rules::by_date`).
        let p = match embedded.for_date(date) {
            Ok(p) => p,
            Err(e) => match engo::Rules::by_date(embedded, date) {
                Some(rules) if args.at.is_none() => rules.overall(),
                _ => return Err(Msg::Profile(e.to_string()).into()),
            },
        };
        return Ok((p.clone(), embedded.clone()));
    };
    resolve_profile(arg)
}

/// A profile named on the command line: the id of an embedded profile, or a JSON file (complete
/// or `extends`); with the profiles it is to be found among (the embedded ones, and it).
fn resolve_profile(arg: &str) -> Result<(CriteriaProfile, Profiles), Failure> {
    let embedded = Profiles::embedded();
    if let Ok(p) = embedded.by_id(arg) {
        return Ok((p.clone(), embedded.clone()));
    }
    let json =
        std::fs::read_to_string(arg).map_err(|e| Msg::Read(arg.to_owned(), e.to_string()))?;
    let user = embedded
        .parse_user(&json)
        .map_err(|e| Msg::Profile(format!("{arg}: {e}")))?;
    Ok((user.clone(), embedded.with(user)))
}

/// What `engo profile check` says of a valid profile: its id, dates and base, and every
/// parameter it changes from its base.
fn profile_summary(file: &str, profile: &CriteriaProfile, json: &str) -> String {
    let mut out = format!(
        "{file}: profile {} is valid, in force from {}{}\n",
        profile.id,
        profile.effective_from,
        profile
            .effective_to
            .map(|to| format!(" to {to}"))
            .unwrap_or_default()
    );
    let base = serde_json::from_str::<serde_json::Value>(json)
        .ok()
        .and_then(|v| v.get("extends")?.as_str().map(str::to_owned))
        .and_then(|id| Profiles::embedded().by_id(&id).ok());
    let Some(base) = base else {
        return out;
    };
    out.push_str(&format!("  extends {}\n", base.id));
    let (old, new) = (
        serde_json::to_value(&base.params).unwrap_or_default(),
        serde_json::to_value(&profile.params).unwrap_or_default(),
    );
    for name in engo::criteria::profile::Params::NAMES {
        let (a, b) = (old.get(name), new.get(name));
        if a != b {
            let show = |v: Option<&serde_json::Value>| v.map(|v| v.to_string()).unwrap_or_default();
            out.push_str(&format!("  {name}: {} → {}\n", show(a), show(b)));
        }
    }
    for (code, severity) in &profile.severity {
        if base.severity.get(code) != Some(severity) {
            out.push_str(&format!("  severity of {code}: {}\n", severity.as_str()));
        }
    }
    for code in profile.disabled.difference(&base.disabled) {
        out.push_str(&format!("  disabled: {code}\n"));
    }
    out
}

/// The full report of a loaded dataset: records that could not be read, shape, criteria,
/// coherence, privacy and the replay of the audit log.
fn validate(
    loaded: &engo::Loaded,
    args: &CriteriaArgs,
) -> Result<(Report, CriteriaProfile), Failure> {
    let ds: &Dataset = &loaded.dataset;
    let published = ds.published_at.date_naive();
    let (profile, profiles) = choose_profile(args, published)?;
    // By default each record is judged by the criteria of its own date; --profile or --at
    // force one profile for every record.
    let forced = args.profile.is_some() || args.at.is_some();
    let rules = match engo::Rules::by_date(&profiles, published) {
        Some(rules) if !forced => rules,
        _ => engo::Rules::Forced(&profile),
    };
    let overall = rules.overall().clone();
    let report = engo::validate(ds, rules, &profiles, loaded.malformed.iter().cloned());
    Ok((report, overall))
}
