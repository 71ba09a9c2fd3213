//! Prometheus-style metrics: requests by route and status, request latency, committed writes,
//! connections open and refused, and the position of the log.

use std::{
    collections::BTreeMap,
    fmt::Write as _,
    sync::{
        Mutex,
        atomic::{AtomicU64, Ordering},
    },
    time::Duration,
};

/// Upper bounds of the latency buckets, in seconds.
const BUCKETS: [f64; 11] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0,
];

/// The counters.
#[derive(Debug, Default)]
pub(crate) struct Metrics {
    requests: Mutex<BTreeMap<(String, u16), u64>>,
    /// Per bucket of [`BUCKETS`] (plus `+Inf`): requests that took at most that long.
    latency: [AtomicU64; 12],
    latency_micros: AtomicU64,
    committed: AtomicU64,
    connections_open: AtomicU64,
    connections_refused: AtomicU64,
}

impl Metrics {
    /// Counts one answered request.
    pub(crate) fn request(&self, route: &str, status: u16, took: Duration) {
        let mut requests = self.requests.lock().unwrap_or_else(|p| p.into_inner());
        *requests.entry((route.to_owned(), status)).or_insert(0) += 1;
        drop(requests);
        let seconds = took.as_secs_f64();
        let bucket = BUCKETS
            .iter()
            .position(|b| seconds <= *b)
            .unwrap_or(BUCKETS.len());
        if let Some(b) = self.latency.get(bucket) {
            b.fetch_add(1, Ordering::Relaxed);
        }
        self.latency_micros.fetch_add(
            u64::try_from(took.as_micros()).unwrap_or(u64::MAX),
            Ordering::Relaxed,
        );
    }

    /// Counts one committed write.
    pub(crate) fn committed(&self) {
        self.committed.fetch_add(1, Ordering::Relaxed);
    }

    /// A connection opened (`true`) or closed (`false`).
    pub(crate) fn connection(&self, open: bool) {
        if open {
            self.connections_open.fetch_add(1, Ordering::Relaxed);
        } else {
            self.connections_open.fetch_sub(1, Ordering::Relaxed);
        }
    }

    /// A connection refused by a cap.
    pub(crate) fn refused(&self) {
        self.connections_refused.fetch_add(1, Ordering::Relaxed);
    }

    /// The text format.
    pub(crate) fn render(&self, log_index: usize) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# HELP portal_requests_total Requests answered, by route and status."
        );
        let _ = writeln!(out, "# TYPE portal_requests_total counter");
        let requests = self.requests.lock().unwrap_or_else(|p| p.into_inner());
        for ((route, status), n) in requests.iter() {
            let route = route.replace('\\', "\\\\").replace('"', "\\\"");
            let _ = writeln!(
                out,
                "portal_requests_total{{route=\"{route}\",status=\"{status}\"}} {n}"
            );
        }
        drop(requests);
        let _ = writeln!(
            out,
            "# HELP portal_request_seconds Time to answer a request (to the response head)."
        );
        let _ = writeln!(out, "# TYPE portal_request_seconds histogram");
        let mut cumulative = 0;
        for (i, counter) in self.latency.iter().enumerate() {
            cumulative += counter.load(Ordering::Relaxed);
            let le = BUCKETS
                .get(i)
                .map_or_else(|| "+Inf".to_owned(), |b| b.to_string());
            let _ = writeln!(
                out,
                "portal_request_seconds_bucket{{le=\"{le}\"}} {cumulative}"
            );
        }
        let micros = self.latency_micros.load(Ordering::Relaxed);
        let _ = writeln!(out, "portal_request_seconds_sum {}", micros as f64 / 1e6);
        let _ = writeln!(out, "portal_request_seconds_count {cumulative}");
        for (name, help, kind, value) in [
            (
                "portal_events_committed_total",
                "Events written by this process.",
                "counter",
                self.committed.load(Ordering::Relaxed),
            ),
            (
                "portal_connections_open",
                "Connections open.",
                "gauge",
                self.connections_open.load(Ordering::Relaxed),
            ),
            (
                "portal_connections_refused_total",
                "Connections refused by a cap.",
                "counter",
                self.connections_refused.load(Ordering::Relaxed),
            ),
            (
                "portal_log_events",
                "Events in the log (this process's snapshot).",
                "gauge",
                u64::try_from(log_index).unwrap_or(u64::MAX),
            ),
        ] {
            let _ = writeln!(out, "# HELP {name} {help}");
            let _ = writeln!(out, "# TYPE {name} {kind}");
            let _ = writeln!(out, "{name} {value}");
        }
        out
    }
}
