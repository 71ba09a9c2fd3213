//! The rules of a social order: customer, area and regions in force, budget, its project's period
//! and indicators, and amounts within its budget.

use chrono::NaiveDate;
use engo_model::{Money, classifier::priority_areas, id::RecordRef, record::SocialOrder};

use super::Checker;
use crate::{Code, Finding, pointer::Pointer};

impl Checker<'_> {
    /// The period rules of a social order's project (`project.period.inverted`,
    /// `project.duration.out_of_range`): what must hold for the order to be formed.
    pub fn order_period(&self, order: &SocialOrder, path: &str) -> Vec<Finding> {
        let record = || Some(RecordRef::from(&order.id));
        self.apply_profile(self.project_period(&order.period, Pointer::Text(path), &record))
    }

    /// The rules of a social order: customer, area and regions in force, budget, duration,
    /// indicators.
    pub fn order_rules(&self, order: &SocialOrder, path: &str) -> Vec<Finding> {
        self.order_rules_at(order, Pointer::Text(path))
    }

    pub(super) fn order_rules_at(&self, order: &SocialOrder, path: Pointer<'_>) -> Vec<Finding> {
        let record = || Some(RecordRef::from(&order.id));
        let mut out = Vec::new();
        if self
            .index
            .state_body(self.ds, order.customer.as_str())
            .is_none()
        {
            out.push(Finding::new(
                Code::OrderCustomerNotStateBody,
                format!("{path}/customer"),
                record(),
                [("customer", order.customer.to_string())],
            ));
        }
        // The lists in force when the order is formed: the start of its financial year.
        let date =
            NaiveDate::from_ymd_opt(order.financial_year, 1, 1).unwrap_or(order.period.start);
        if priority_areas().at(order.area.as_str(), date).is_none() {
            out.push(Finding::new(
                Code::OrderAreaUnknown,
                format!("{path}/area"),
                record(),
                [("area", order.area.to_string()), ("date", date.to_string())],
            ));
        }
        for region in order.regions.iter().filter(|r| !r.is_valid_at(date)) {
            out.push(Finding::new(
                Code::OrderRegionUnknown,
                format!("{path}/regions"),
                record(),
                [("region", region.to_string()), ("date", date.to_string())],
            ));
        }
        if order.budget.is_zero() {
            out.push(Finding::new(
                Code::OrderBudgetNotPositive,
                format!("{path}/budget"),
                record(),
                [],
            ));
        }
        out.extend(self.project_period(&order.period, path, &record));
        if order.indicators.is_empty() {
            out.push(Finding::new(
                Code::ProjectIndicatorsMissing,
                format!("{path}/indicators"),
                record(),
                [],
            ));
        }
        self.apply_profile(out)
    }

    /// `project.amount.exceeds_order`: `amount` is above the order's budget.
    pub fn amount_within_order(
        &self,
        order: &SocialOrder,
        amount: Money,
        path: &str,
    ) -> Vec<Finding> {
        self.amount_within_order_at(order, amount, Pointer::Text(path))
    }

    pub(super) fn amount_within_order_at(
        &self,
        order: &SocialOrder,
        amount: Money,
        path: Pointer<'_>,
    ) -> Vec<Finding> {
        if amount <= order.budget {
            return Vec::new();
        }
        self.apply_profile(vec![Finding::new(
            Code::ProjectAmountExceedsOrder,
            path.to_string(),
            Some(RecordRef::from(&order.id)),
            [
                ("amount", amount.to_string()),
                ("budget", order.budget.to_string()),
            ],
        )])
    }
}
