//! Criteria profiles: `CriteriaProfile::from_json` and `Profiles::parse_user` never panic; a
//! profile that parses serializes and parses again to the same value.
#![no_main]

use engo_criteria::{CriteriaProfile, Profiles};
use libfuzzer_sys::fuzz_target;

fn round_trip(p: &CriteriaProfile) {
    let text = serde_json::to_string(p).expect("a profile serializes");
    let again = CriteriaProfile::from_json(&text).expect("a serialized profile parses");
    assert_eq!(&again, p, "profile round trip changed it");
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(p) = CriteriaProfile::from_json(text) {
        round_trip(&p);
    }
    if let Ok(p) = Profiles::embedded().parse_user(text) {
        round_trip(&p);
        let _ = Profiles::embedded().with(p);
    }
});
