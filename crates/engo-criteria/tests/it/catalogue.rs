use std::collections::BTreeSet;

use engo_criteria::{Finding, catalogue::rules};
use engo_model::Lang;

fn placeholders(template: &str) -> BTreeSet<&str> {
    template
        .split('{')
        .skip(1)
        .filter_map(|p| p.split_once('}').map(|(n, _)| n))
        .collect()
}

#[test]
fn codes_are_sorted_unique_and_dotted() {
    let codes: Vec<_> = rules().iter().map(|r| r.code).collect();
    let mut sorted = codes.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(
        codes, sorted,
        "the catalogue must stay sorted (binary search) and unique"
    );
    for c in codes {
        assert!(
            c.split('.').count() >= 2
                && c.chars()
                    .all(|ch| ch.is_ascii_lowercase() || ch == '.' || ch == '_'),
            "{c}"
        );
    }
}

#[test]
fn every_code_has_three_languages_and_every_placeholder_is_filled() {
    for rule in rules() {
        let declared: BTreeSet<&str> = rule.params.iter().copied().collect();
        for (lang, template) in [
            (Lang::Kk, rule.kk),
            (Lang::Ru, rule.ru),
            (Lang::En, rule.en),
        ] {
            assert!(
                !template.trim().is_empty(),
                "{} has no {lang} message",
                rule.code
            );
            let used = placeholders(template);
            assert!(
                used.is_subset(&declared),
                "{} {lang}: {used:?} not all in {declared:?}",
                rule.code
            );
            let params = rule.params.iter().map(|p| (*p, format!("<{p}>")));
            let message = Finding::new(rule.code, "/x", None, params).message(lang);
            assert!(
                !message.contains('{') && !message.contains('}'),
                "{} {lang}: {message}",
                rule.code
            );
        }
        // Kazakh and Russian messages are not copies of the English one.
        assert_ne!(rule.kk, rule.en, "{}", rule.code);
        assert_ne!(rule.ru, rule.en, "{}", rule.code);
        assert!(!rule.basis.is_empty(), "{} has no legal basis", rule.code);
    }
}

#[test]
fn the_issue_codes_exist() {
    let required = [
        "ngo.legal_form.excluded",
        "ngo.status.not_active",
        "ngo.database.not_submitted",
        "ngo.registration.too_recent",
        "ngo.disqualified",
        "ngo.area.not_declared",
        "order.customer.not_state_body",
        "order.area.unknown",
        "order.region.unknown",
        "order.budget.not_positive",
        "project.duration.out_of_range",
        "project.amount.exceeds_order",
        "project.indicators.missing",
        "project.period.inverted",
        "project.milestone.outside_period",
        "grant.term.duration_mismatch",
        "grant.term.amount_out_of_range",
        "grant.own_support.exceeds_share",
        "grant.application.language",
        "grant.funding.mismatch",
        "award.amount.below_minimum",
        "evaluation.criteria.incomplete",
        "evaluation.score.out_of_scale",
        "evaluation.total.mismatch",
        "evaluation.expert.conflict_of_interest",
        "ref.dangling",
        "id.duplicate",
        "coherence.tranches.exceed_amount",
        "coherence.milestone.met_without_date",
        "coherence.date.in_future",
        "privacy.personal_id",
        "privacy.email_in_text",
        "input.malformed",
        "stage.transition.not_allowed",
        "stage.guard.failed",
        "stage.sequence.gap",
        "stage.time.backwards",
        "stage.replay.mismatch",
    ];
    for code in required {
        assert!(engo_criteria::catalogue::rule(code).is_some(), "{code}");
    }
}
