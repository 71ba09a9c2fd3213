//! Identifier and value parsers: BIN, IIN, KATO, org-id, record ids, Money and Quantity.
//! Never panic; what parses prints and parses again to the same value (and the same text).
#![no_main]

use std::fmt::Display;
use std::str::FromStr;

use engo_model::id::ProjectId;
use engo_model::{Bin, Iin, Kato, Money, OrgId, Quantity};
use libfuzzer_sys::fuzz_target;

fn check<T: FromStr + Display + PartialEq + std::fmt::Debug>(s: &str) {
    if let Ok(v) = s.parse::<T>() {
        let text = v.to_string();
        let again = text.parse::<T>().ok();
        assert_eq!(again.as_ref(), Some(&v), "{s:?} -> {text:?} does not parse back");
        assert_eq!(again.map(|a| a.to_string()), Some(text));
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    check::<Bin>(s);
    check::<Iin>(s);
    check::<Kato>(s);
    check::<OrgId>(s);
    check::<ProjectId>(s);
    // Money's `Display` is for people (`1 500 000.50 ₸`); its exact text is `to_decimal_string`.
    if let Ok(m) = s.parse::<Money>() {
        let text = m.to_decimal_string();
        assert_eq!(text.parse::<Money>().ok(), Some(m), "{s:?} -> {text:?}");
        let _ = m.to_string();
    }
    check::<Quantity>(s);
    if let Ok(iin) = s.parse::<Iin>() {
        let _ = (iin.birth_date(), iin.sex());
    }
    if let Ok(bin) = s.parse::<Bin>() {
        let _ = (bin.registration_year_month(), bin.is_resident(), bin.org_id());
    }
    if let Ok(k) = s.parse::<Kato>() {
        let _ = (k.region(), k.is_region());
    }
    let _ = Iin::find_in(s).count();
});
