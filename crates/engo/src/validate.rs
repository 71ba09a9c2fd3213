//! The full report of a dataset: criteria and replay together.

use engo_criteria::{Checker, CriteriaProfile, Finding, Profiles, Report};
use engo_model::{Dataset, DatasetIndex};

/// Every finding of `dataset` in one criteria [`Report`] under `profile`: the findings given in
/// `extra` (records a reader could not read, `input.malformed`), then everything
/// [`Checker::findings`] reports (shape, duplicates, references, the rules of every record,
/// coherence, personal data), then the replay of the audit log ([`engo_stages::replay`], each
/// event under the profile it names, looked up in `profiles`).
///
/// The one place where "is this dataset valid?" has a single answer: `engo validate`,
/// `engo publish` and a portal ask it here.
///
/// ```
/// use engo::criteria::{Profiles, profile_for};
///
/// let mut ds = engo::model::example::dataset();
/// ds.events = engo::sample::synthesize(&ds);
/// let profile = profile_for(ds.published_at.date_naive())?;
/// let report = engo::validate(&ds, profile, Profiles::embedded(), []);
/// assert!(!report.has_errors(), "{}", report.to_text(engo::model::Lang::En, 5));
/// # Ok::<(), engo::criteria::ProfileError>(())
/// ```
pub fn validate(
    dataset: &Dataset,
    profile: &CriteriaProfile,
    profiles: &Profiles,
    extra: impl IntoIterator<Item = Finding>,
) -> Report {
    let index = DatasetIndex::new(dataset);
    let mut findings: Vec<Finding> = extra.into_iter().collect();
    findings.extend(Checker::new(dataset, &index, profile).findings());
    findings.extend(engo_stages::replay(dataset, &index, profiles).findings);
    Report::new(profile, findings)
}

#[cfg(test)]
mod tests {
    use engo_criteria::{Code, profile_for};
    use engo_model::{example, lifecycle::SocialOrderStage};

    use super::*;

    #[test]
    fn joins_extra_criteria_and_replay_findings() {
        let mut ds = example::dataset();
        ds.events = engo_sample::synthesize(&ds);
        ds.social_orders[1].stage = SocialOrderStage::Closed;
        let profile = profile_for(ds.published_at.date_naive()).unwrap();
        let extra = Finding::malformed("/line/3", "expected value");
        let report = validate(&ds, profile, Profiles::embedded(), [extra]);
        let codes: Vec<Code> = report.findings().map(|f| f.code).collect();
        assert!(codes.contains(&Code::InputMalformed), "{codes:?}");
        assert!(codes.contains(&Code::StageReplayMismatch), "{codes:?}");
    }
}
