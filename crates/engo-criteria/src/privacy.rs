//! Personal data in free text: IINs (`privacy.personal_id`) and e-mail addresses
//! (`privacy.email_in_text`) in any text that would be published, record ids included.

use engo_model::{Dataset, Iin, LocalizedText, id::RecordRef};

use crate::{Code, Finding, pointer::Pointer};

/// Whether `text` contains something that looks like an e-mail address: a local part, `@`, and a
/// domain with a dot.
pub fn contains_email(text: &str) -> bool {
    email_spans(text).next().is_some()
}

/// The byte ranges of the e-mail addresses in `text` (a local part, `@`, a domain with a dot).
fn email_spans(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let local = |c: char| c.is_alphanumeric() || "._%+-".contains(c);
    let domain = |c: char| c.is_alphanumeric() || ".-".contains(c);
    text.match_indices('@').filter_map(move |(at, _)| {
        let before = text.get(..at)?;
        let after = text.get(at + 1..)?;
        let start = before
            .char_indices()
            .rev()
            .take_while(|(_, c)| local(*c))
            .last()
            .map(|(i, _)| i)?;
        let host_len: usize = after
            .chars()
            .take_while(|c| domain(*c))
            .map(char::len_utf8)
            .sum();
        let host = after.get(..host_len)?.trim_end_matches('.');
        (host.contains('.') && !host.starts_with('.')).then(|| start..at + 1 + host.len())
    })
}

/// What masks a personal identification number in published text.
pub const IIN_MASK: &str = "••••••••••••";
/// What masks an e-mail address in published text.
pub const EMAIL_MASK: &str = "•••@•••";

/// `text` with every IIN (a valid check digit and birth date, as [`engo_model::Iin::find_in`]
/// finds them) and every e-mail address masked; borrowed when it has none.
///
/// ```
/// use engo_criteria::privacy::mask;
///
/// let text = "Жауапты: 061211600012, aigerim.n@mail.kz; БСН 940140000385.";
/// assert_eq!(mask(text), "Жауапты: ••••••••••••, •••@•••; БСН 940140000385.");
/// assert!(matches!(mask("Қоғамдық бірлестік"), std::borrow::Cow::Borrowed(_)));
/// ```
pub fn mask(text: &str) -> std::borrow::Cow<'_, str> {
    let mut spans: Vec<(std::ops::Range<usize>, &str)> = Vec::new();
    if at_least_12_digits(text.as_bytes()) {
        spans.extend(Iin::find_in(text).map(|(at, _)| (at..at + 12, IIN_MASK)));
    }
    if text.contains('@') {
        spans.extend(email_spans(text).map(|r| (r, EMAIL_MASK)));
    }
    if spans.is_empty() {
        return std::borrow::Cow::Borrowed(text);
    }
    spans.sort_by_key(|(r, _)| r.start);
    let mut out = String::with_capacity(text.len());
    let mut done = 0;
    for (range, mask) in spans {
        if range.start < done {
            continue;
        }
        out.push_str(text.get(done..range.start).unwrap_or_default());
        out.push_str(mask);
        done = range.end;
    }
    out.push_str(text.get(done..).unwrap_or_default());
    std::borrow::Cow::Owned(out)
}

/// Whether `bytes` has 12 ASCII digits or more (an IIN needs 12): a quick filter before the IIN
/// search. Counts a chunk at a time, which the compiler vectorizes.
fn at_least_12_digits(bytes: &[u8]) -> bool {
    let mut digits = 0usize;
    for chunk in bytes.chunks(64) {
        digits += chunk
            .iter()
            .map(|b| usize::from(b.wrapping_sub(b'0') < 10))
            .sum::<usize>();
        if digits >= 12 {
            return true;
        }
    }
    false
}

/// Visits every published free text and identifier of a dataset. The JSON pointer and the
/// record id are built only for a text that has a finding: most texts have none.
struct Scan {
    out: Vec<Finding>,
}

impl Scan {
    fn text(
        &mut self,
        path: impl FnOnce() -> String,
        record: &dyn Fn() -> Option<RecordRef>,
        text: &str,
    ) {
        let has_digits = at_least_12_digits(text.as_bytes());
        let iin = has_digits && Iin::find_in(text).next().is_some();
        let email = text.contains('@') && contains_email(text);
        if !iin && !email {
            return;
        }
        let path = path();
        // The field is the last token that is neither a position nor a language.
        let field = path
            .rsplit('/')
            .find(|t| t.parse::<usize>().is_err() && t.parse::<engo_model::Lang>().is_err())
            .unwrap_or_default()
            .to_owned();
        if iin {
            // The number itself never goes into the finding: reports are published too.
            self.out.push(Finding::new(
                Code::PrivacyPersonalId,
                path.clone(),
                record(),
                [("field", field.clone())],
            ));
        }
        if email {
            self.out.push(Finding::new(
                Code::PrivacyEmailInText,
                path,
                record(),
                [("field", field)],
            ));
        }
    }

    fn localized(
        &mut self,
        path: &dyn Fn() -> String,
        record: &dyn Fn() -> Option<RecordRef>,
        t: &LocalizedText,
    ) {
        for (lang, text) in t.iter() {
            self.text(|| format!("{}/{lang}", path()), record, text);
        }
    }
}

/// Every IIN and e-mail address in published free text, and every IIN inside an id: one
/// `privacy.personal_id` or `privacy.email_in_text` finding per text, whose path points at the
/// text (the number itself is never in a finding). Whatever the criteria profile says, these
/// texts are masked ([`mask`]) in every open output.
pub fn scan(ds: &Dataset) -> Vec<Finding> {
    let mut scan = Scan { out: Vec::new() };
    scan.localized(
        &|| "/publisher/name".to_owned(),
        &|| None,
        &ds.publisher.name,
    );
    for (i, o) in ds.organizations.iter().enumerate() {
        let r = || Some(RecordRef::from(&o.bin));
        scan.localized(&|| format!("/organizations/{i}/name"), &r, &o.name);
    }
    for (i, b) in ds.state_bodies.iter().enumerate() {
        let r = || Some(RecordRef::from(&b.bin));
        scan.localized(&|| format!("/state_bodies/{i}/name"), &r, &b.name);
    }
    for (i, o) in ds.social_orders.iter().enumerate() {
        let r = || Some(RecordRef::from(&o.id));
        let at = Pointer::Item("social_orders", i);
        scan.text(|| format!("{at}/id"), &r, o.id.as_str());
        scan.localized(&|| format!("{at}/title"), &r, &o.title);
        if let Some(d) = &o.description {
            scan.localized(&|| format!("{at}/description"), &r, d);
        }
        for (j, ind) in o.indicators.iter().enumerate() {
            scan.localized(&|| format!("{at}/indicators/{j}/title"), &r, &ind.title);
            scan.localized(&|| format!("{at}/indicators/{j}/unit"), &r, &ind.unit);
        }
        if let Some(pr) = &o.procurement {
            scan.text(
                || format!("{at}/procurement/announcement"),
                &r,
                &pr.announcement,
            );
        }
    }
    for (i, g) in ds.grants.iter().enumerate() {
        let r = || Some(RecordRef::from(&g.id));
        let at = Pointer::Item("grants", i);
        scan.text(|| format!("{at}/id"), &r, g.id.as_str());
        scan.localized(&|| format!("{at}/programme"), &r, &g.programme);
        scan.localized(&|| format!("{at}/title"), &r, &g.title);
    }
    for (i, a) in ds.awards.iter().enumerate() {
        let r = || Some(RecordRef::from(&a.id));
        scan.text(|| format!("/awards/{i}/id"), &r, a.id.as_str());
        scan.localized(&|| format!("/awards/{i}/nomination"), &r, &a.nomination);
    }
    for (i, a) in ds.applications.iter().enumerate() {
        let r = || Some(RecordRef::from(&a.id));
        let at = Pointer::Item("applications", i);
        scan.text(|| format!("{at}/id"), &r, a.id.as_str());
        for (j, l) in a.budget_lines.iter().enumerate() {
            scan.localized(&|| format!("{at}/budget_lines/{j}/title"), &r, &l.title);
        }
        for (j, ind) in a.indicators.iter().enumerate() {
            scan.localized(&|| format!("{at}/indicators/{j}/title"), &r, &ind.title);
            scan.localized(&|| format!("{at}/indicators/{j}/unit"), &r, &ind.unit);
        }
    }
    for (i, e) in ds.evaluations.iter().enumerate() {
        let r = || Some(RecordRef::from(&e.id));
        scan.text(|| format!("/evaluations/{i}/id"), &r, e.id.as_str());
        if let Some(c) = &e.conclusion {
            scan.localized(&|| format!("/evaluations/{i}/conclusion"), &r, c);
        }
    }
    for (i, e) in ds.experts.iter().enumerate() {
        let r = || Some(RecordRef::from(&e.id));
        scan.text(|| format!("/experts/{i}/id"), &r, e.id.as_str());
    }
    for (i, pr) in ds.projects.iter().enumerate() {
        let r = || Some(RecordRef::from(&pr.id));
        let at = Pointer::Item("projects", i);
        scan.text(|| format!("{at}/id"), &r, pr.id.as_str());
        scan.localized(&|| format!("{at}/title"), &r, &pr.title);
        for (j, m) in pr.milestones.iter().enumerate() {
            scan.localized(&|| format!("{at}/milestones/{j}/title"), &r, &m.title);
        }
        for (j, ind) in pr.indicators.iter().enumerate() {
            scan.localized(&|| format!("{at}/indicators/{j}/title"), &r, &ind.title);
            scan.localized(&|| format!("{at}/indicators/{j}/unit"), &r, &ind.unit);
        }
    }
    for (i, m) in ds.mediation_cases.iter().enumerate() {
        let r = || Some(RecordRef::from(&m.id));
        scan.localized(&|| format!("/mediation_cases/{i}/subject"), &r, &m.subject);
    }
    for (i, p) in ds.plans.iter().enumerate() {
        let r = || Some(RecordRef::from(&p.id));
        let at = Pointer::Item("plans", i);
        scan.text(|| format!("{at}/id"), &r, p.id.as_str());
        scan.localized(&|| format!("{at}/title"), &r, &p.title);
        for (j, t) in p.topics.iter().enumerate() {
            scan.localized(&|| format!("{at}/topics/{j}/title"), &r, &t.title);
        }
    }
    for (i, o) in ds.partnership_orders.iter().enumerate() {
        let r = || Some(RecordRef::from(&o.id));
        let at = Pointer::Item("partnership_orders", i);
        scan.text(|| format!("{at}/id"), &r, o.id.as_str());
        scan.text(|| format!("{at}/agreement_number"), &r, &o.agreement_number);
        scan.localized(&|| format!("{at}/topic"), &r, &o.topic);
    }
    for (i, f) in ds.foreign_funding_entries.iter().enumerate() {
        let r = || Some(RecordRef::from(&f.id));
        scan.text(
            || format!("/foreign_funding_entries/{i}/id"),
            &r,
            f.id.as_str(),
        );
    }
    for (i, b) in ds.bodies.iter().enumerate() {
        let r = || Some(RecordRef::from(&b.id));
        let at = Pointer::Item("bodies", i);
        scan.text(|| format!("{at}/id"), &r, b.id.as_str());
        scan.localized(&|| format!("{at}/name"), &r, &b.name);
        for (j, m) in b.members.iter().enumerate() {
            if let Some(role) = &m.public_role {
                scan.localized(&|| format!("{at}/members/{j}/public_role"), &r, role);
            }
        }
        for (j, m) in b.meetings.iter().enumerate() {
            for (k, decision) in m.decisions.iter().enumerate() {
                let path = || format!("{at}/meetings/{j}/decisions/{k}/text");
                scan.localized(&path, &r, &decision.text);
            }
        }
    }
    for (i, v) in ds.volunteer_activities.iter().enumerate() {
        let r = || Some(RecordRef::from(&v.id));
        let at = Pointer::Item("volunteer_activities", i);
        scan.text(|| format!("{at}/id"), &r, v.id.as_str());
        scan.localized(&|| format!("{at}/title"), &r, &v.title);
    }
    for (i, e) in ds.events.iter().enumerate() {
        if let Some(reason) = &e.reason {
            let r = || Some(e.entity.clone());
            scan.localized(&|| format!("/events/{i}/reason"), &r, reason);
        }
    }
    scan.out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digit_filter() {
        assert!(!at_least_12_digits(b""));
        assert!(!at_least_12_digits("жылы 2025, № 12345".as_bytes()));
        assert!(at_least_12_digits(b"IIN 880101300123"));
        let spread = format!("{}1{}", "1 ".repeat(11), "x".repeat(100));
        assert!(at_least_12_digits(spread.as_bytes()));
        assert!(!at_least_12_digits("1 ".repeat(11).as_bytes()));
    }

    #[test]
    fn email_detection() {
        for yes in [
            "жазыңыз: aigerim.n@mail.kz",
            "a@b.kz.",
            "x+y@school-7.edu.kz",
        ] {
            assert!(contains_email(yes), "{yes}");
        }
        for no in ["@home", "cost @ 5", "user@localhost", "a@.kz", "no at all"] {
            assert!(!contains_email(no), "{no}");
        }
    }
}
