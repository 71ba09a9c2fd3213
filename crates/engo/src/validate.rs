//! The full report of a dataset: criteria and replay together.

use engo_criteria::{Checker, CriteriaProfile, Finding, Profiles, Report};
use engo_model::{Dataset, DatasetIndex};

/// Which criteria profiles judge a dataset's records.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum Rules<'a> {
    /// Each record under the profile of `profiles` in force on its decisive date (a grant's
    /// award, an order's formation, an application's submission…; see
    /// [`Checker::by_date`]); what has no date (shape, repeated ids, coherence, personal data)
    /// under `overall`.
    ByDate {
        /// The profiles to choose from.
        profiles: &'a Profiles,
        /// The profile of what has no date, and the report's `profile`.
        overall: &'a CriteriaProfile,
    },
    /// One profile for every record, whatever its date (`engo validate --profile` or `--at`).
    Forced(&'a CriteriaProfile),
}

impl<'a> Rules<'a> {
    /// Rules by each record's date from `profiles`, with the profile in force on `published`
    /// (or else the latest that starts before it, or else the first) for what has no date.
    ///
    /// ```
    /// use engo::criteria::Profiles;
    ///
    /// let ds = engo::model::example::dataset();
    /// let rules = engo::Rules::by_date(Profiles::embedded(), ds.published_at.date_naive());
    /// assert!(matches!(rules, Some(engo::Rules::ByDate { .. })));
    /// ```
    pub fn by_date(profiles: &'a Profiles, published: chrono::NaiveDate) -> Option<Rules<'a>> {
        let overall = profiles.for_date(published).ok().or_else(|| {
            let all = profiles.all();
            all.iter()
                .filter(|p| p.effective_from <= published)
                .max_by_key(|p| p.effective_from)
                .or_else(|| all.iter().min_by_key(|p| p.effective_from))
        })?;
        Some(Rules::ByDate { profiles, overall })
    }

    /// The profile of the dataset as a whole.
    pub fn overall(&self) -> &'a CriteriaProfile {
        match self {
            Rules::ByDate { overall, .. } => overall,
            Rules::Forced(profile) => profile,
        }
    }
}

/// Every finding of `dataset` in one criteria [`Report`]: the findings given in `extra` (records
/// a reader could not read, `input.malformed`), then everything [`Checker::findings`] reports
/// (shape, duplicates, references, the rules of every record, coherence, personal data) under
/// `rules`, then the replay of the audit log ([`engo_stages::replay`], each event under the
/// profile it names, looked up in `profiles`). The report lists every profile used.
///
/// The one place where "is this dataset valid?" has a single answer: `engo validate`,
/// `engo publish` and a portal ask it here. The dataset is indexed once, for the criteria and
/// the replay.
///
/// ```
/// use engo::criteria::Profiles;
///
/// let mut ds = engo::model::example::dataset();
/// ds.events = engo::sample::synthesize(&ds);
/// let profiles = Profiles::embedded();
/// let rules = engo::Rules::by_date(profiles, ds.published_at.date_naive()).ok_or("no profile")?;
/// let report = engo::validate(&ds, rules, profiles, []);
/// assert!(!report.has_errors(), "{}", report.to_text(engo::model::Lang::En, 5));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn validate(
    dataset: &Dataset,
    rules: Rules<'_>,
    profiles: &Profiles,
    extra: impl IntoIterator<Item = Finding>,
) -> Report {
    let index = DatasetIndex::new(dataset);
    let overall = rules.overall();
    let mut checker = Checker::new(dataset, &index, overall);
    if let Rules::ByDate { profiles, .. } = rules {
        checker = checker.by_date(profiles);
    }
    let mut used = checker.profiles_used();
    let mut findings = overall.apply(extra.into_iter().collect());
    findings.extend(checker.findings());
    let replay = engo_stages::replay(dataset, &index, profiles);
    findings.extend(overall.apply(replay.findings));
    // The guards of each event were judged under the profile the event names.
    used.extend(
        dataset
            .events
            .iter()
            .filter_map(|e| Some(profiles.by_id(&e.profile).ok()?.id.clone())),
    );
    Report::judged(used, findings).with_profile(overall)
}
