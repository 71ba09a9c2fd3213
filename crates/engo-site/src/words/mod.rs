//! The words of the site's pages in Kazakh, Russian and English: one [`Words`] per language,
//! every field required, so that no page can lack a word in one of them. Kazakh comes first.

mod en;
mod kk;
mod ru;

use engo_model::Lang;

/// The words of the pages in one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Words {
    /// The site's name.
    pub site_name: &'static str,
    /// What the site is, under its name.
    pub tagline: &'static str,
    /// The skip link.
    pub skip: &'static str,
    /// Name of the main menu.
    pub nav_main: &'static str,
    /// Name of the language switch.
    pub nav_langs: &'static str,
    /// Name of the trail of links above a title.
    pub breadcrumbs: &'static str,
    /// Home.
    pub home: &'static str,
    /// Organisations.
    pub organizations: &'static str,
    /// Social orders.
    pub social_orders: &'static str,
    /// A social order.
    pub social_order: &'static str,
    /// Grants.
    pub grants: &'static str,
    /// A grant.
    pub grant: &'static str,
    /// Awards.
    pub awards: &'static str,
    /// An award.
    pub award: &'static str,
    /// Projects.
    pub projects: &'static str,
    /// A project.
    pub project: &'static str,
    /// An organisation.
    pub organization: &'static str,
    /// Regions.
    pub regions: &'static str,
    /// A region.
    pub region: &'static str,
    /// Priority areas.
    pub areas: &'static str,
    /// A priority area.
    pub area: &'static str,
    /// Downloads.
    pub downloads: &'static str,
    /// Findings.
    pub findings: &'static str,
    /// Search.
    pub search: &'static str,
    /// Title of the search.
    pub search_title: &'static str,
    /// Label of the search field.
    pub search_label: &'static str,
    /// The search button.
    pub search_button: &'static str,
    /// Help under the search field.
    pub search_hint: &'static str,
    /// What the search page says without scripts.
    pub search_noscript: &'static str,
    /// Before the number of results.
    pub search_found: &'static str,
    /// No result.
    pub search_none: &'static str,
    /// When only the first results are shown.
    pub search_first: &'static str,
    /// Before the publisher.
    pub published_by: &'static str,
    /// Before the date of publication.
    pub published_at: &'static str,
    /// Licence.
    pub license: &'static str,
    /// Publication policy.
    pub policy: &'static str,
    /// Warning that placeholders are in use.
    pub placeholders: &'static str,
    /// Heading of the links to the data behind a page.
    pub data_behind: &'static str,
    /// Credit in the footer.
    pub made_by: &'static str,
    /// Key figures.
    pub key_figures: &'static str,
    /// Organisations by status.
    pub orgs_by_status: &'static str,
    /// Money of social orders.
    pub orders_money: &'static str,
    /// Social orders by financial year.
    pub orders_by_year: &'static str,
    /// Money of social orders by priority area.
    pub orders_by_area: &'static str,
    /// Social orders by stage.
    pub orders_by_stage: &'static str,
    /// Organisations by region.
    pub orgs_by_region: &'static str,
    /// Grants by year of award.
    pub grants_by_year: &'static str,
    /// Awards by year.
    pub awards_by_year: &'static str,
    /// Summary of a chart's table.
    pub chart_data: &'static str,
    /// Heading of the links to lists.
    pub browse: &'static str,
    /// Number.
    pub count: &'static str,
    /// Amount.
    pub amount: &'static str,
    /// Total.
    pub total: &'static str,
    /// Year.
    pub year: &'static str,
    /// Status.
    pub status: &'static str,
    /// Stage.
    pub stage: &'static str,
    /// Name.
    pub name: &'static str,
    /// Title.
    pub title: &'static str,
    /// When a record has no year.
    pub no_year: &'static str,
    /// BIN.
    pub bin: &'static str,
    /// Legal form.
    pub legal_form: &'static str,
    /// Registered on.
    pub registered_on: &'static str,
    /// Status since.
    pub status_since: &'static str,
    /// Charitable organisation.
    pub charitable: &'static str,
    /// Volunteer organisation.
    pub volunteer: &'static str,
    /// Yes.
    pub yes: &'static str,
    /// No.
    pub no: &'static str,
    /// Website.
    pub website: &'static str,
    /// The names in the other languages.
    pub other_names: &'static str,
    /// Registry data.
    pub registry: &'static str,
    /// Reports to the NGO database.
    pub ngo_reports: &'static str,
    /// Chart of income and spending.
    pub income_spending: &'static str,
    /// Submitted on.
    pub submitted_on: &'static str,
    /// Income.
    pub income: &'static str,
    /// Spending.
    pub spending: &'static str,
    /// Income from the budget.
    pub from_budget: &'static str,
    /// Income from abroad.
    pub from_abroad: &'static str,
    /// Donations.
    pub donations: &'static str,
    /// Other income.
    pub other_income: &'static str,
    /// Staff.
    pub staff: &'static str,
    /// Volunteers.
    pub volunteers: &'static str,
    /// Founders.
    pub founders: &'static str,
    /// Disqualifications.
    pub restrictions: &'static str,
    /// Kind.
    pub kind: &'static str,
    /// From.
    pub from: &'static str,
    /// To.
    pub to: &'static str,
    /// Still in force.
    pub in_force: &'static str,
    /// Social orders won.
    pub orders_won: &'static str,
    /// Grants received.
    pub grants_received: &'static str,
    /// Awards received.
    pub awards_received: &'static str,
    /// Applications.
    pub applications: &'static str,
    /// Projects it implements.
    pub its_projects: &'static str,
    /// Nothing to list.
    pub none: &'static str,
    /// What an application is for.
    pub applied_for: &'static str,
    /// Customer.
    pub customer: &'static str,
    /// Financial year.
    pub financial_year: &'static str,
    /// Budget.
    pub budget: &'static str,
    /// Period.
    pub period: &'static str,
    /// Regions covered.
    pub regions_covered: &'static str,
    /// Competition notice.
    pub announcement: &'static str,
    /// Procurement method.
    pub method: &'static str,
    /// Description.
    pub description: &'static str,
    /// Expected results.
    pub expected_results: &'static str,
    /// Indicator.
    pub indicator: &'static str,
    /// Unit.
    pub unit: &'static str,
    /// Baseline.
    pub baseline: &'static str,
    /// Target.
    pub target: &'static str,
    /// Actual.
    pub actual: &'static str,
    /// Lifecycle timeline.
    pub timeline: &'static str,
    /// Event.
    pub event: &'static str,
    /// Date.
    pub date: &'static str,
    /// Who.
    pub actor: &'static str,
    /// Reason.
    pub reason: &'static str,
    /// No event in the log.
    pub no_events: &'static str,
    /// Applicant.
    pub applicant: &'static str,
    /// Requested.
    pub requested: &'static str,
    /// Score.
    pub score: &'static str,
    /// Winner.
    pub winner: &'static str,
    /// OCDS identifier.
    pub ocid: &'static str,
    /// Implementer.
    pub implementer: &'static str,
    /// What pays for a project.
    pub funded_by: &'static str,
    /// Milestones.
    pub milestones: &'static str,
    /// Due.
    pub due: &'static str,
    /// Met on.
    pub met_on: &'static str,
    /// Tranches.
    pub tranches: &'static str,
    /// Paid on.
    pub paid_on: &'static str,
    /// Payer.
    pub payer: &'static str,
    /// Paid in all.
    pub paid_total: &'static str,
    /// Reports.
    pub reports: &'static str,
    /// Accepted on.
    pub accepted_on: &'static str,
    /// Evaluation.
    pub evaluation: &'static str,
    /// Criterion.
    pub criterion: &'static str,
    /// Conclusion.
    pub conclusion: &'static str,
    /// Indicators: planned and actual.
    pub indicators: &'static str,
    /// Link to a project's page.
    pub see_project: &'static str,
    /// Funder.
    pub funder: &'static str,
    /// Funding source.
    pub funding: &'static str,
    /// Term.
    pub term: &'static str,
    /// Programme.
    pub programme: &'static str,
    /// Amount awarded.
    pub amount_awarded: &'static str,
    /// Amount disbursed.
    pub amount_disbursed: &'static str,
    /// Own contribution.
    pub own_support: &'static str,
    /// Award date.
    pub award_date: &'static str,
    /// Recipient.
    pub recipient: &'static str,
    /// 360Giving identifier.
    pub grant_id_360: &'static str,
    /// Nomination.
    pub nomination: &'static str,
    /// Laureate.
    pub laureate: &'static str,
    /// When a record names nobody yet.
    pub not_named: &'static str,
    /// Link to a list.
    pub open_list: &'static str,
    /// Organisations of the place.
    pub orgs_here: &'static str,
    /// Social orders of the place.
    pub orders_here: &'static str,
    /// Social orders by region.
    pub orders_by_region: &'static str,
    /// Organisations by priority area.
    pub orgs_by_area: &'static str,
    /// Previous page.
    pub previous: &'static str,
    /// Next page.
    pub next: &'static str,
    /// Name of the page links.
    pub pages: &'static str,
    /// An empty list.
    pub empty_list: &'static str,
    /// All.
    pub all: &'static str,
    /// What the downloads page is.
    pub downloads_intro: &'static str,
    /// File.
    pub file: &'static str,
    /// What it is for.
    pub what_for: &'static str,
    /// Size.
    pub size: &'static str,
    /// Schema.
    pub schema: &'static str,
    /// How to open.
    pub how_to_open: &'static str,
    /// Address of the files.
    pub base_address: &'static str,
    /// Identifiers.
    pub identifiers: &'static str,
    /// OCDS ocid prefix.
    pub ocid_prefix: &'static str,
    /// 360Giving prefix.
    pub giving_prefix: &'static str,
    /// CSV tables.
    pub csv_tables: &'static str,
    /// OCDS field coverage.
    pub coverage: &'static str,
    /// What the coverage table is.
    pub coverage_intro: &'static str,
    /// Field.
    pub field: &'static str,
    /// Processes.
    pub processes: &'static str,
    /// Share.
    pub share: &'static str,
    /// Other files.
    pub other_files: &'static str,
    /// What the findings page is.
    pub findings_intro: &'static str,
    /// No finding.
    pub findings_none: &'static str,
    /// Criteria profile.
    pub profile: &'static str,
    /// Errors.
    pub errors: &'static str,
    /// Warnings.
    pub warnings: &'static str,
    /// Information.
    pub infos: &'static str,
    /// Code.
    pub code: &'static str,
    /// Basis.
    pub basis: &'static str,
    /// Examples.
    pub examples: &'static str,
    /// Where.
    pub location: &'static str,
    /// Message.
    pub message: &'static str,
    /// Where the rest of the findings are.
    pub more_in_report: &'static str,
}

/// The words in `lang`.
pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Kk => &kk::KK,
        Lang::Ru => &ru::RU,
        Lang::En => &en::EN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Kazakh words are written in Kazakh Cyrillic (with its own letters somewhere), Russian in
    /// Cyrillic; none is empty.
    #[test]
    fn every_word_in_every_language() {
        let kk = format!("{:?}", words(Lang::Kk));
        assert!(kk.chars().any(|c| "әғқңөұүһі".contains(c)));
        for lang in Lang::ALL {
            let text = format!("{:?}", words(lang));
            assert!(!text.contains(": \"\""), "an empty word in {lang}");
        }
        assert_ne!(words(Lang::Kk).organizations, words(Lang::Ru).organizations);
    }
}
