//! Property tests: calendar arithmetic against `chrono` as an oracle, and the plan's invariants
//! over random answer sets and random days.

#![cfg(not(target_arch = "wasm32"))]

use candidacy_quiz::assess::Verdict;
use candidacy_quiz::protocol::{DateWhen, OutcomeKind, QuestionKind};
use candidacy_quiz::{assess, Answer, Answers, Date, Protocol};
use chrono::{Datelike, Months, NaiveDate};
use proptest::prelude::*;

fn to_chrono(date: Date) -> NaiveDate {
    NaiveDate::from_ymd_opt(date.year(), date.month().into(), date.day().into()).unwrap()
}

fn any_date() -> impl Strategy<Value = Date> {
    // 1900-01-01 to 2199-12-31.
    (-25_567i64..84_000).prop_map(|days| Date::from_days(days).unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn days_match_chrono(date in any_date(), days in -5000i64..5000) {
        let ours = date.add_days(days);
        let theirs = to_chrono(date) + chrono::Duration::days(days);
        prop_assert_eq!(to_chrono(ours), theirs);
        prop_assert_eq!(date.days_until(ours), days);
    }

    #[test]
    fn months_match_chrono_including_the_clamp(date in any_date(), months in 0u32..240) {
        let ours = date.add_months(months);
        let theirs = to_chrono(date).checked_add_months(Months::new(months)).unwrap();
        prop_assert_eq!(to_chrono(ours), theirs);
    }

    #[test]
    fn printing_and_parsing_round_trip(date in any_date()) {
        let text = date.to_string();
        prop_assert_eq!(Date::parse(&text), Ok(date));
        prop_assert_eq!(text, to_chrono(date).format("%Y-%m-%d").to_string());
    }

    #[test]
    fn parse_agrees_with_chrono_on_any_ten_characters(y in 0u32..10000, m in 0u32..14, d in 0u32..33) {
        let text = format!("{y:04}-{m:02}-{d:02}");
        let theirs = NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok().filter(|n| n.year() >= 1);
        prop_assert_eq!(Date::parse(&text).ok().map(to_chrono), theirs);
    }
}

/// A random, complete, valid answer set for the default protocol.
fn any_answers(protocol: &'static Protocol) -> impl Strategy<Value = (Date, Answers)> {
    let per_question: Vec<_> = protocol
        .questions
        .iter()
        .map(|question| {
            let options = question.options.len();
            (
                0..options,
                prop::collection::vec(any::<bool>(), options),
                0i64..800,
            )
                .prop_map(move |(pick, mask, offset)| (question, pick, mask, offset))
        })
        .collect();
    (any_date(), per_question).prop_map(|(today, picks)| {
        let mut answers = Answers::new();
        for (question, pick, mask, offset) in picks {
            let answer = match question.kind {
                QuestionKind::Single => {
                    let option = &question.options[pick];
                    match option.date.as_ref().map(|d| d.when) {
                        Some(DateWhen::Past) => Answer::dated(&option.id, today.add_days(-offset)),
                        Some(DateWhen::Future) => Answer::dated(&option.id, today.add_days(offset)),
                        None => Answer::one(&option.id),
                    }
                }
                QuestionKind::Multi => {
                    let chosen: Vec<&str> = question
                        .options
                        .iter()
                        .zip(&mask)
                        .filter(|(option, &on)| on && !option.exclusive)
                        .map(|(option, _)| option.id.as_str())
                        .collect();
                    match chosen.is_empty() {
                        true => Answer::one(&question.options[pick].id),
                        false => Answer::many(&chosen),
                    }
                }
            };
            answers.set(&question.id, answer);
        }
        (today, answers)
    })
}

fn default_protocol() -> &'static Protocol {
    static PROTOCOL: std::sync::OnceLock<Protocol> = std::sync::OnceLock::new();
    PROTOCOL.get_or_init(Protocol::default_protocol)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn plan_invariants((today, answers) in any_answers(default_protocol())) {
        let protocol = default_protocol();
        // Multi answers where the exclusive pick collides with nothing are valid by construction.
        prop_assume!(answers.check(protocol, today).is_ok());
        let assessment = assess(protocol, &answers, today, &candidacy_quiz::Locale::native("en"));
        let Some(plan) = &assessment.plan else {
            prop_assert_eq!(assessment.verdict, Verdict::NotSuitable);
            return Ok(());
        };
        match assessment.earliest_start {
            None => prop_assert!(plan.dates.is_empty()),
            Some(start) => {
                prop_assert!(start >= today);
                prop_assert_eq!(plan.dates.len() as i64, plan.sessions.max);
                if let Some(first) = plan.dates.first() {
                    prop_assert_eq!(*first, start);
                }
                for pair in plan.dates.windows(2) {
                    prop_assert!(pair[0] < pair[1], "dates strictly increasing");
                    prop_assert_eq!(pair[0].days_until(pair[1]), plan.interval_weeks.min * 7);
                }
                for reason in &assessment.reasons {
                    if let (OutcomeKind::NotYet, Some(until), Some(first)) =
                        (reason.outcome, reason.until, plan.dates.first())
                    {
                        prop_assert!(*first >= until);
                    }
                }
                for step in &plan.pre_care {
                    // No sessions (only concerns that are not offered): nothing to prepare for.
                    prop_assert_eq!(step.date.is_some(), !plan.dates.is_empty());
                    if let Some(date) = step.date {
                        prop_assert!(date >= today && date <= start);
                    }
                }
            }
        }
        prop_assert_eq!(plan.week_offsets.len() as i64, plan.sessions.max);
        prop_assert!(plan.sessions.min <= plan.sessions.max);
    }
}
