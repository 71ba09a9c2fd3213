use engo_criteria::{Checker, Report};
use engo_model::{Dataset, testing};
use proptest::prelude::*;

/// The report without JSON pointers, which say where each record is in the file.
fn without_paths(r: &Report) -> Report {
    let mut r = r.clone();
    for g in &mut r.groups {
        for f in &mut g.findings {
            f.path = f
                .path
                .splitn(4, '/')
                .enumerate()
                .map(|(i, t)| if i == 2 { "#" } else { t })
                .collect::<Vec<_>>()
                .join("/");
        }
        g.findings
            .sort_by(|a, b| (&a.record, &a.path, &a.params).cmp(&(&b.record, &b.path, &b.params)));
    }
    r
}

fn reversed(ds: &Dataset) -> Dataset {
    let mut ds = ds.clone();
    ds.organizations.reverse();
    ds.state_bodies.reverse();
    ds.social_orders.reverse();
    ds.grants.reverse();
    ds.awards.reverse();
    ds.applications.reverse();
    ds.evaluations.reverse();
    ds.experts.reverse();
    ds.projects.reverse();
    ds.mediation_cases.reverse();
    ds
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn valid_generated_datasets_raise_no_error(ds in testing::dataset()) {
        let r = crate::report(&ds);
        prop_assert_eq!(r.totals.error, 0, "{}", r.to_text(engo_model::Lang::En, 5));
    }

    #[test]
    fn the_report_does_not_depend_on_record_order(ds in testing::dataset(), break_it in any::<bool>()) {
        let mut ds = ds;
        if break_it {
            // Make some findings so the comparison is not between empty reports.
            for o in &mut ds.organizations {
                o.areas.clear();
                o.database_reports.clear();
            }
        }
        let profile = crate::profile(&ds);
        let a = Checker::new(&ds, &engo_model::DatasetIndex::new(&ds), profile).check();
        let back = reversed(&ds);
        let b = Checker::new(&back, &engo_model::DatasetIndex::new(&back), profile).check();
        prop_assert_eq!(without_paths(&a), without_paths(&b));
        prop_assert_eq!(a.totals, b.totals);
    }
}
