use std::collections::BTreeSet;

use engo_criteria::{Code, Finding, UnknownCode};
use engo_model::{Lang, ShapeRule};

fn placeholders(template: &str) -> BTreeSet<&str> {
    template
        .split('{')
        .skip(1)
        .filter_map(|p| p.split_once('}').map(|(n, _)| n))
        .collect()
}

#[test]
fn codes_are_sorted_unique_and_dotted() {
    let codes: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    assert!(
        codes.windows(2).all(|w| w[0] < w[1]),
        "Code::ALL must stay sorted by text (parsing searches it) and unique: {codes:?}"
    );
    for c in codes {
        assert!(
            c.split('.').count() >= 2
                && c.chars()
                    .all(|ch| ch.is_ascii_lowercase() || ch == '.' || ch == '_'),
            "{c}"
        );
    }
    let mut sorted = Code::ALL.to_vec();
    sorted.sort();
    assert_eq!(sorted, Code::ALL, "codes order by their text");
}

/// Codes are stable: never renamed, never removed, never reused. A new code is added to
/// `snapshots/codes.txt` with the rule that raises it.
#[test]
fn codes_are_stable() {
    let listed: Vec<&str> = include_str!("snapshots/codes.txt").lines().collect();
    let codes: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(codes, listed);
}

#[test]
fn every_code_round_trips_through_its_text_and_json() {
    for &code in Code::ALL {
        assert_eq!(code.as_str().parse::<Code>(), Ok(code));
        assert_eq!(code.to_string(), code.as_str());
        let json = serde_json::to_string(&code).unwrap();
        assert_eq!(json, format!("\"{}\"", code.as_str()));
        assert_eq!(serde_json::from_str::<Code>(&json).unwrap(), code);
    }
    assert_eq!(
        "ngo.made.up".parse::<Code>(),
        Err(UnknownCode {
            code: "ngo.made.up".to_owned()
        })
    );
    let err = serde_json::from_str::<Code>("\"ngo.made.up\"").unwrap_err();
    assert!(err.to_string().contains("\"ngo.made.up\""), "{err}");
}

#[test]
fn every_shape_rule_is_a_code_of_the_same_text() {
    for rule in [
        ShapeRule::Email,
        ShapeRule::Length,
        ShapeRule::Range,
        ShapeRule::SchemaVersion,
        ShapeRule::Url,
    ] {
        assert_eq!(Code::from(rule).as_str(), rule.as_str());
        assert_eq!(
            serde_json::to_string(&rule).unwrap(),
            serde_json::to_string(&Code::from(rule)).unwrap()
        );
    }
}

#[test]
fn every_code_has_three_languages_and_every_placeholder_is_filled() {
    for &code in Code::ALL {
        let rule = code.rule();
        let declared: BTreeSet<&str> = rule.params.iter().copied().collect();
        for (lang, template) in [
            (Lang::Kk, rule.kk),
            (Lang::Ru, rule.ru),
            (Lang::En, rule.en),
        ] {
            assert!(!template.trim().is_empty(), "{code} has no {lang} message");
            let used = placeholders(template);
            assert!(
                used.is_subset(&declared),
                "{code} {lang}: {used:?} not all in {declared:?}"
            );
            let params = rule.params.iter().map(|p| (*p, format!("<{p}>")));
            let message = Finding::new(code, "/x", None, params).message(lang);
            assert!(
                !message.contains('{') && !message.contains('}'),
                "{code} {lang}: {message}"
            );
        }
        // Kazakh and Russian messages are not copies of the English one.
        assert_ne!(rule.kk, rule.en, "{code}");
        assert_ne!(rule.ru, rule.en, "{code}");
        assert!(!rule.basis.is_empty(), "{code} has no legal basis");
    }
}
