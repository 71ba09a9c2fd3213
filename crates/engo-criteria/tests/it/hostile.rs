//! Hostile criteria profiles (issue 7): clear typed errors, no panic.
//!
//! Profiles are human-authored and parsed from text already in memory: a caller reading a file
//! bounds its size first. Duplicate keys: `CriteriaProfile::from_json` refuses them ("duplicate
//! field"); `Profiles::parse_user` reads the user's partial profile as a JSON map first, where the
//! last value of a repeated key wins. A UTF-8 BOM is accepted; trailing text is refused.

use engo_criteria::{CriteriaProfile, ProfileError, Profiles};

fn base_text() -> String {
    serde_json::to_string_pretty(Profiles::embedded().by_id("kz-2025-07").unwrap()).unwrap()
}

fn json_err(e: &ProfileError) -> (&str, &str) {
    match e {
        ProfileError::Json {
            pointer, message, ..
        } => (pointer, message),
        other => panic!("not a JSON error: {other}"),
    }
}

#[test]
fn deep_nesting_is_refused() {
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    // Strict typed parsing refuses the first `[` where an object is expected: no descent.
    let e = CriteriaProfile::from_json(&deep).unwrap_err();
    assert!(json_err(&e).1.contains("invalid type: sequence"), "{e}");
    let e =
        CriteriaProfile::from_json(&format!("{{\"severity\": {{\"a\": {deep}}}}}")).unwrap_err();
    assert_eq!(json_err(&e).0, "/severity/a", "{e}");
    // A user profile is read as a JSON value first: serde_json's recursion limit applies.
    let user = format!("{{\"extends\": \"kz-2025-07\", \"params\": {deep}}}");
    let e = Profiles::embedded().parse_user(&user).unwrap_err();
    assert!(json_err(&e).1.contains("recursion limit"), "{e}");
}

#[test]
fn duplicate_keys() {
    let text = base_text();
    let doubled = text.replacen("\"id\":", "\"id\": \"x\", \"id\":", 1);
    let e = CriteriaProfile::from_json(&doubled).unwrap_err();
    assert!(json_err(&e).1.contains("duplicate field `id`"), "{e}");
    // In a user profile the last value of a repeated key wins.
    let user = r#"{"extends": "kz-2025-07", "id": "a", "id": "b"}"#;
    assert_eq!(Profiles::embedded().parse_user(user).unwrap().id, "b");
}

#[test]
fn numbers_beyond_i64_are_refused() {
    let user = r#"{"extends": "kz-2025-07", "params": {"award_min_mrp": 99999999999999999999}}"#;
    let e = Profiles::embedded().parse_user(user).unwrap_err();
    let (pointer, message) = json_err(&e);
    assert_eq!(pointer, "/params/award_min_mrp", "{e}");
    assert!(message.contains("floating point"), "{e}");
    let text = base_text();
    let p = CriteriaProfile::from_json(&text).unwrap();
    let big = text.replacen(
        &format!("\"award_min_mrp\": {}", p.params.award_min_mrp),
        "\"award_min_mrp\": 99999999999999999999",
        1,
    );
    assert_ne!(big, text);
    let e = CriteriaProfile::from_json(&big).unwrap_err();
    assert_eq!(json_err(&e).0, "/params/award_min_mrp", "{e}");
}

#[test]
fn impossible_dates_are_refused() {
    let user = r#"{"extends": "kz-2025-07", "id": "x", "effective_from": "2025-02-30"}"#;
    let e = Profiles::embedded().parse_user(user).unwrap_err();
    let (pointer, message) = json_err(&e);
    assert_eq!(pointer, "/effective_from", "{e}");
    assert!(message.contains("out of range"), "{e}");
}

#[test]
fn encodings_and_trailing_text() {
    let text = base_text();
    let p = CriteriaProfile::from_json(&text).unwrap();
    // A UTF-8 BOM (a Windows editor's) is accepted.
    assert_eq!(
        CriteriaProfile::from_json(&format!("\u{feff}{text}")).unwrap(),
        p
    );
    let user = "\u{feff}{\"extends\": \"kz-2025-07\", \"id\": \"u\"}";
    assert_eq!(Profiles::embedded().parse_user(user).unwrap().id, "u");
    // Text after the profile is refused, with its place.
    let e = CriteriaProfile::from_json(&format!("{text}\n{{}}")).unwrap_err();
    assert!(json_err(&e).1.contains("trailing"), "{e}");
    let e = Profiles::embedded()
        .parse_user("{\"extends\": \"kz-2025-07\"} x")
        .unwrap_err();
    assert!(json_err(&e).1.contains("trailing"), "{e}");
    // A NUL or a lone control character inside a string is refused by JSON itself.
    let e =
        CriteriaProfile::from_json(&text.replacen("\"id\": \"", "\"id\": \"\u{0}", 1)).unwrap_err();
    assert!(json_err(&e).1.contains("control character"), "{e}");
}

#[test]
fn a_huge_string_is_only_as_big_as_the_text() {
    // The text is already in memory; parsing it allocates at most the string once more.
    let user = format!(
        "{{\"extends\": \"kz-2025-07\", \"id\": \"{}\"}}",
        "x".repeat(4 << 20)
    );
    let p = Profiles::embedded().parse_user(&user).unwrap();
    assert_eq!(p.id.len(), 4 << 20);
}
