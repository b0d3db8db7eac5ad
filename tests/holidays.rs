//! The holiday calendars against their reference, the `holidays` package for Python 0.108
//! (DESIGN §1 "Business days and holidays"), on every run of the suite:
//!
//! 1. the embedded table (`src/domain/holidays.tsv`) is what `scripts/holidays.py` generates
//!    today (not stale), and
//! 2. every date and name the server gives, for every calendar and every year 2000–2075, is
//!    the package's.
//!
//! The package lives in a venv that `scripts/python-env.sh` makes (once, then cached); it needs
//! `python3` with `venv` and the PyPI index. Without them this test fails and says so: a
//! reference that cannot be checked is not a pass.

#[path = "common/mod.rs"]
mod common;

use std::path::Path;
use std::process::Command;

use chrono::NaiveDate;
use wisewallet::domain::holidays::{FIRST_YEAR, Holidays, LAST_YEAR};

fn run(python: &str, args: &[&str]) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = Command::new(python)
        .arg(root.join("scripts/holidays.py"))
        .args(args)
        .env_remove("LANG")
        .env_remove("LANGUAGE")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap_or_else(|e| panic!("could not run scripts/holidays.py: {e}"));
    assert!(
        output.status.success(),
        "scripts/holidays.py {args:?} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn every_calendar_equals_the_python_holidays_package_from_2000_to_2075() {
    let python = common::reference_python();
    run(&python, &["check"]);

    let from = NaiveDate::from_ymd_opt(FIRST_YEAR, 1, 1).expect("a date");
    let to = NaiveDate::from_ymd_opt(LAST_YEAR, 12, 31).expect("a date");
    let mut total = 0;
    for calendar in Holidays::ALL.into_iter().skip(1) {
        let reference = run(
            &python,
            &["print", calendar.code(), &from.to_string(), &to.to_string()],
        );
        let ours: String = calendar
            .between(from, to)
            .iter()
            .map(|h| format!("{}\t{}\n", h.date, h.name))
            .collect();
        let (reference_lines, our_lines) = (reference.lines().count(), ours.lines().count());
        if let Some((theirs, mine)) = reference.lines().zip(ours.lines()).find(|(a, b)| a != b) {
            panic!("{calendar}: the package says {theirs:?}, we say {mine:?}");
        }
        assert_eq!(our_lines, reference_lines, "{calendar}: number of holidays");
        assert!(
            reference_lines > 300,
            "{calendar}: {reference_lines} holidays"
        );
        total += our_lines;
    }
    assert!(total > 3000, "{total} holidays in all");
    // Nothing outside the reference years.
    assert!(
        Holidays::Us
            .between(NaiveDate::MIN, from.pred_opt().expect("a date"))
            .is_empty()
    );
    assert!(
        Holidays::Us
            .between(to.succ_opt().expect("a date"), NaiveDate::MAX)
            .is_empty()
    );
}
