//! The rules of a grant: term bands, own-support share, language, funding source, and its
//! recipient.

use engo_model::{Lang, Money, id::RecordRef, record::*};

use super::{BEYOND_MONEY, Checker, Purpose, dangling, inverted_period};
use crate::{Code, Finding, names::wire_name, pointer::Pointer, profile::GrantTerms};

impl Checker<'_> {
    /// The rules of a grant: term bands, own-support share, language, funding source,
    /// references, and the recipient's eligibility at the award date.
    pub fn grant_rules(&self, grant: &Grant, path: &str) -> Vec<Finding> {
        self.grant_rules_at(grant, Pointer::Text(path))
    }

    pub(super) fn grant_rules_at(&self, grant: &Grant, path: Pointer<'_>) -> Vec<Finding> {
        let record = || Some(RecordRef::from(&grant.id));
        let mut out = Vec::new();
        let params = &self.profile.params;
        if self
            .index
            .state_body(self.ds, grant.funder.as_str())
            .is_none()
        {
            out.push(dangling(
                format!("{path}/funder"),
                "state_body",
                grant.funder,
            ));
        }
        if let Some(inverted) = inverted_period(&grant.period, path, &record) {
            out.push(inverted);
        }
        // The law divides state grants alone into terms (Art. 6-1 §2), and only since the
        // bands came in force: before, a profile has none.
        if let (GrantKind::State, Some(bands)) = (grant.kind, &params.grant_terms) {
            out.extend(self.term_band_rules(grant, bands, path, &record));
        }
        if let Some(amount) = grant.amount_awarded.or(grant.amount_requested) {
            out.extend(self.own_support_over_share(
                Some(grant.own_support),
                amount,
                Pointer::Field(&path, "own_support"),
                &record,
            ));
        }
        out.extend(self.language_not_allowed(grant.language, path, &record));
        let funding_ok = matches!(
            (grant.kind, grant.funding),
            (GrantKind::State, FundingSource::Budget)
                | (GrantKind::NonState, FundingSource::ExtraBudgetary)
        );
        if !funding_ok {
            out.push(Finding::new(
                Code::GrantFundingMismatch,
                format!("{path}/funding"),
                record(),
                [
                    ("kind", wire_name(&grant.kind)),
                    ("funding", wire_name(&grant.funding)),
                ],
            ));
        }
        if let Some(recipient) = &grant.recipient {
            let recipient_path = Pointer::Field(&path, "recipient");
            if let Some(date) = grant.award_date {
                out.extend(self.eligibility_at(recipient, Purpose::Grant, date, recipient_path));
            } else if self
                .index
                .organization(self.ds, recipient.as_str())
                .is_none()
            {
                out.push(dangling(
                    recipient_path.to_string(),
                    "organization",
                    recipient,
                ));
            }
            out.extend(self.area_declared_at(recipient, &grant.area, recipient_path));
        }
        self.apply_profile(out)
    }

    /// `grant.application.language`: a grant or its application, at `path`, in a language the
    /// profile does not accept.
    /// `grant.term.duration_mismatch` and `grant.term.amount_out_of_range`: a state grant's
    /// period and amount against the band of its term, in MRP in force on its decisive date.
    fn term_band_rules(
        &self,
        grant: &Grant,
        bands: &GrantTerms,
        path: Pointer<'_>,
        record: &dyn Fn() -> Option<RecordRef>,
    ) -> Vec<Finding> {
        let mut out = Vec::new();
        let (term, band) = match grant.term {
            GrantTerm::Short => ("short", bands.short),
            GrantTerm::Medium => ("medium", bands.medium),
            GrantTerm::Long => ("long", bands.long),
        };
        let months = grant.period.months();
        if grant.period.is_ordered() && !grant.period.lasts_months(band.min_months, band.max_months)
        {
            out.push(Finding::new(
                Code::GrantTermDurationMismatch,
                format!("{path}/period"),
                record(),
                [
                    ("term", term.to_string()),
                    ("months", months.to_string()),
                    ("min", band.min_months.to_string()),
                    ("max", band.max_months.to_string()),
                ],
            ));
        }
        let Some(amount) = grant.amount_awarded.or(grant.amount_requested) else {
            return out;
        };
        let field = if grant.amount_awarded.is_some() {
            "amount_awarded"
        } else {
            "amount_requested"
        };
        let date = grant.award_date.unwrap_or(grant.period.start);
        let bounds = self.mrp_in_money(band.min_mrp, date, path).and_then(|min| {
            band.max_mrp
                .map(|max_mrp| self.mrp_in_money(max_mrp, date, path))
                .transpose()
                .map(|max| (min, max))
        });
        match bounds {
            Err(unknown) => out.push(unknown),
            Ok((min, max)) => {
                if amount < min || max.is_some_and(|max| amount > max) {
                    let in_mrp = self
                        .mrp
                        .to_mrp(amount, date)
                        .map(|mrp| mrp.to_string())
                        .unwrap_or_default();
                    out.push(Finding::new(
                        Code::GrantTermAmountOutOfRange,
                        format!("{path}/{field}"),
                        record(),
                        [
                            ("term", term.to_string()),
                            ("amount", amount.to_string()),
                            ("mrp", in_mrp),
                            ("min_mrp", band.min_mrp.to_string()),
                            (
                                "max_mrp",
                                band.max_mrp
                                    .map_or_else(|| "∞".to_owned(), |max| max.to_string()),
                            ),
                            ("date", date.to_string()),
                        ],
                    ));
                }
            }
        }
        out
    }

    pub(super) fn language_not_allowed(
        &self,
        language: Lang,
        path: Pointer<'_>,
        record: &dyn Fn() -> Option<RecordRef>,
    ) -> Option<Finding> {
        let accepted = &self.profile.params.application_languages;
        (!accepted.contains(&language)).then(|| {
            Finding::new(
                Code::GrantApplicationLanguage,
                format!("{path}/language"),
                record(),
                [("language", language.to_string())],
            )
        })
    }

    /// `grant.own_support.exceeds_share`: the NGO's own support, at `path` (`None` when it is
    /// too large to add up), above the profile's share of `amount`.
    pub(super) fn own_support_over_share(
        &self,
        own_support: Option<Money>,
        amount: Money,
        path: Pointer<'_>,
        record: &dyn Fn() -> Option<RecordRef>,
    ) -> Option<Finding> {
        let percent = self.profile.params.own_support_max_percent;
        let limit = amount
            .checked_ratio(u64::from(percent), 100)
            .unwrap_or(amount);
        match own_support {
            Some(own) if own <= limit => None,
            own => Some(Finding::new(
                Code::GrantOwnSupportExceedsShare,
                path.to_string(),
                record(),
                [
                    (
                        "own_support",
                        own.map_or_else(|| BEYOND_MONEY.to_owned(), |own| own.to_string()),
                    ),
                    ("limit", limit.to_string()),
                    ("percent", percent.to_string()),
                ],
            )),
        }
    }
}
