//! Progress of long steps on stderr, when stderr is a terminal and `--quiet` is not given.

use std::{
    io::{IsTerminal, Write},
    time::Instant,
};

use engo::model::Lang;

use crate::messages::Msg;

/// Where progress and summaries go.
pub(crate) struct Progress {
    /// Print the short summary lines (stdout).
    summary: bool,
    /// Print step lines (stderr is a terminal).
    steps: bool,
}

/// A step in progress; says how long it took when done.
pub(crate) struct Step {
    started: Option<Instant>,
}

impl Progress {
    pub(crate) fn new(quiet: bool) -> Progress {
        Progress {
            summary: !quiet,
            steps: !quiet && std::io::stderr().is_terminal(),
        }
    }

    /// Starts a step.
    pub(crate) fn step(&self, lang: Lang, what: Msg) -> Step {
        if !self.steps {
            return Step { started: None };
        }
        let _ = write!(std::io::stderr(), "… {}", what.render(lang));
        let _ = std::io::stderr().flush();
        Step {
            started: Some(Instant::now()),
        }
    }

    /// A summary line on stdout.
    pub(crate) fn say(&self, line: &str) {
        if self.summary {
            let _ = writeln!(std::io::stdout(), "{line}");
        }
    }
}

impl Step {
    pub(crate) fn done(self) {
        if let Some(t) = self.started {
            let _ = writeln!(std::io::stderr(), " ({:.1} s)", t.elapsed().as_secs_f64());
        }
    }
}
