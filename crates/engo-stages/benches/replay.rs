//! Replay cost against parsing cost, on a dataset of many copies of the example (each copy with
//! its own ids) and its synthesized log. Run with `cargo bench -p engo-stages`; the size with
//! `ENGO_BENCH_COPIES` (default 3 000 copies, about 200 000 events).
//!
//! A plain `main` (no bench framework): it prints the time of each step and the ratio of replay
//! to parsing, for several sizes, so that linear growth is visible.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]

use std::time::{Duration, Instant};

use engo_criteria::Profiles;
use engo_model::{
    Dataset, example,
    record::{ApplicationTarget, EvaluationSubject, ProjectSource},
};
use engo_stages::{replay, synthesize};

/// `copies` copies of the example's orders, grants, awards, applications, evaluations, projects
/// and mediation cases, every id suffixed with the copy number; organisations and state bodies
/// are shared.
fn big(copies: usize) -> Dataset {
    let base = example::dataset();
    let mut ds = base.clone();
    ds.social_orders.clear();
    ds.grants.clear();
    ds.awards.clear();
    ds.applications.clear();
    ds.evaluations.clear();
    ds.projects.clear();
    ds.mediation_cases.clear();
    for k in 0..copies {
        let id = |s: &str| format!("{s}-{k}");
        for o in &base.social_orders {
            let mut o = o.clone();
            o.id = id(o.id.as_str()).parse().unwrap();
            ds.social_orders.push(o);
        }
        for g in &base.grants {
            let mut g = g.clone();
            g.id = id(g.id.as_str()).parse().unwrap();
            ds.grants.push(g);
        }
        for a in &base.awards {
            let mut a = a.clone();
            a.id = id(a.id.as_str()).parse().unwrap();
            ds.awards.push(a);
        }
        for a in &base.applications {
            let mut a = a.clone();
            a.id = id(a.id.as_str()).parse().unwrap();
            a.target = match &a.target {
                ApplicationTarget::SocialOrder(o) => {
                    ApplicationTarget::SocialOrder(id(o.as_str()).parse().unwrap())
                }
                ApplicationTarget::Grant(g) => {
                    ApplicationTarget::Grant(id(g.as_str()).parse().unwrap())
                }
                ApplicationTarget::Award(w) => {
                    ApplicationTarget::Award(id(w.as_str()).parse().unwrap())
                }
            };
            ds.applications.push(a);
        }
        for e in &base.evaluations {
            let mut e = e.clone();
            e.id = id(e.id.as_str()).parse().unwrap();
            e.subject = match &e.subject {
                EvaluationSubject::Project(p) => {
                    EvaluationSubject::Project(id(p.as_str()).parse().unwrap())
                }
                EvaluationSubject::Application(a) => {
                    EvaluationSubject::Application(id(a.as_str()).parse().unwrap())
                }
            };
            ds.evaluations.push(e);
        }
        for p in &base.projects {
            let mut p = p.clone();
            p.id = id(p.id.as_str()).parse().unwrap();
            p.source = match &p.source {
                ProjectSource::SocialOrder(o) => {
                    ProjectSource::SocialOrder(id(o.as_str()).parse().unwrap())
                }
                ProjectSource::Grant(g) => ProjectSource::Grant(id(g.as_str()).parse().unwrap()),
            };
            ds.projects.push(p);
        }
        for c in &base.mediation_cases {
            let mut c = c.clone();
            c.id = id(c.id.as_str()).parse().unwrap();
            ds.mediation_cases.push(c);
        }
    }
    ds.events = synthesize(&ds);
    ds
}

fn time<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let out = f();
    (out, start.elapsed())
}

fn main() {
    // `cargo test --benches` runs bench targets with `--bench`-less args; keep that quick.
    let quick =
        std::env::args().any(|a| a == "--test") || !std::env::args().any(|a| a == "--bench");
    let copies: usize = std::env::var("ENGO_BENCH_COPIES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(if quick { 10 } else { 3_000 });
    for n in [copies / 4, copies / 2, copies]
        .into_iter()
        .filter(|n| *n > 0)
    {
        let ds = big(n);
        let json = serde_json::to_string(&ds).unwrap();
        let (parsed, parse) = time(|| serde_json::from_str::<Dataset>(&json).unwrap());
        let (r, replay_time) = time(|| replay(&parsed, Profiles::embedded()));
        let (_, synth) = time(|| synthesize(&parsed));
        assert!(!r.has_errors(), "{:?}", r.findings.first());
        let mut unguarded = parsed.clone();
        for e in &mut unguarded.events {
            e.profile = "none".into();
        }
        let (_, no_guards) = time(|| replay(&unguarded, Profiles::embedded()));
        println!("    without guards: {no_guards:>9.1?}");
        println!(
            "{:>8} events, {:>6.1} MB: parse {:>9.1?}  replay {:>9.1?} ({:>5.1}% of parse, {:>6.0} ns/event)  synthesize {:>9.1?}",
            parsed.events.len(),
            json.len() as f64 / 1e6,
            parse,
            replay_time,
            100.0 * replay_time.as_secs_f64() / parse.as_secs_f64(),
            replay_time.as_nanos() as f64 / parsed.events.len().max(1) as f64,
            synth,
        );
    }
}
