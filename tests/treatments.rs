//! The shipped treatments (RF microneedling, microneedling with PRP, RF with PRP): each file is
//! what its overlays make of the default protocol, each implements its spec's rules, and the
//! combination is at least as strict as either treatment on every question.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use candidacy_quiz::compose::{self, SHIPPED};
use candidacy_quiz::date::Date;
use candidacy_quiz::protocol::{CountFrom, Outcome, OutcomeKind, Protocol};
use candidacy_quiz::validate;
use common::shipped;

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn every_shipped_file_is_what_its_overlays_make() {
    for (output, overlays) in SHIPPED {
        let composed = compose::compose_files(overlays).unwrap();
        assert!(
            read(output) == composed,
            "{output} is out of date: run `cargo run --bin candidacy -- compose`"
        );
    }
}

#[test]
fn the_names_a_clinic_can_give_are_the_files_shipped() {
    let mut composed: Vec<&str> = SHIPPED
        .iter()
        .map(|(output, _)| {
            output
                .trim_start_matches("static/protocols/")
                .trim_end_matches(".json")
        })
        .collect();
    composed.insert(0, "microneedling");
    assert_eq!(composed, candidacy_quiz::protocol::TREATMENTS);
    for name in candidacy_quiz::protocol::TREATMENTS {
        assert_eq!(shipped(name).id.replace("-default", ""), name);
    }
}

#[test]
fn every_shipped_treatment_validates_without_warnings() {
    for (output, _) in SHIPPED {
        let protocol = validate::parse(&read(output)).unwrap();
        let findings = validate::findings(&protocol, true);
        assert!(
            findings.errors.is_empty(),
            "{output}: {:?}",
            findings.errors
        );
        assert!(
            findings.warnings.is_empty(),
            "{output}: {:?}",
            findings.warnings
        );
    }
}

fn outcome<'a>(protocol: &'a Protocol, question: &str, option: &str) -> Option<&'a Outcome> {
    protocol
        .questions
        .iter()
        .find(|q| q.id == question)
        .unwrap_or_else(|| panic!("{}: no question {question}", protocol.id))
        .options
        .iter()
        .find(|o| o.id == option)
        .unwrap_or_else(|| panic!("{}: no option {question}.{option}", protocol.id))
        .outcome
        .as_ref()
}

fn kind(protocol: &Protocol, question: &str, option: &str) -> Option<OutcomeKind> {
    outcome(protocol, question, option).map(|o| o.kind)
}

/// The spec's `not_suitable` rules, each by name: a visitor who gives one of these answers is
/// never told they could be a candidate.
#[test]
fn the_specs_not_suitable_rules_are_there_by_name() {
    let default = [
        ("under 18", "age", "under_18"),
        ("skin cancer in the area", "skin_cancer", "yes"),
        ("bleeding disorder", "bleeding", "yes"),
        ("keloids", "keloids", "yes"),
    ];
    for name in common::treatments() {
        let rules = common::refusals(name);
        let protocol = shipped(name);
        for (rule, question, option) in rules.iter().chain(&default) {
            assert_eq!(
                kind(&protocol, question, option),
                Some(OutcomeKind::NotSuitable),
                "{name}: {rule} ({question}.{option})"
            );
        }
    }
}

#[test]
fn the_specs_waits_and_consultations_are_there() {
    let rf = shipped("rf-microneedling");
    let prp = shipped("prp-microneedling");
    let days = |protocol: &Protocol, window: &str| {
        let today = Date::parse("2026-12-02").unwrap();
        today.days_until(today + protocol.window(window).unwrap())
    };
    assert_eq!(days(&rf, "nsaids_pause"), 7);
    assert_eq!(days(&rf, "filler"), 182, "6 months from 2 December");
    assert_eq!(days(&rf, "surgery"), 90);
    assert_eq!(days(&rf, "antiviral"), 3);
    assert_eq!(days(&prp, "oral_steroids"), 14);
    assert_eq!(days(&prp, "steroid_injection"), 28);
    assert_eq!(days(&prp, "no_smoking"), 3);
    assert_eq!(
        kind(&rf, "metal_in_area", "unsure"),
        Some(OutcomeKind::Consult)
    );
    assert_eq!(kind(&rf, "surgery", "year"), Some(OutcomeKind::Consult));
    assert_eq!(kind(&rf, "skin_type", "vi"), Some(OutcomeKind::Consult));
    assert_eq!(kind(&rf, "nsaids", "otc"), Some(OutcomeKind::Prepare));
    assert_eq!(
        kind(&rf, "nsaids", "prescribed"),
        Some(OutcomeKind::Consult)
    );
    assert_eq!(kind(&rf, "tattoo_area", "yes"), Some(OutcomeKind::Info));
    let unwell = outcome(&prp, "unwell", "yes").unwrap();
    assert_eq!(unwell.kind, OutcomeKind::NotYet);
    assert!(unwell.window.is_none(), "no date: once recovered");
    assert_eq!(kind(&prp, "blood_borne", "yes"), Some(OutcomeKind::Consult));
    assert_eq!(kind(&prp, "anaemia", "yes"), Some(OutcomeKind::Consult));
    assert_eq!(kind(&prp, "fainting", "yes"), Some(OutcomeKind::Prepare));
    assert!(rf.notices.iter().any(|n| n.id == "rf_heat"));
    assert!(prp.notices.iter().any(|n| n.id == "prp_off_label"));
    assert!(prp
        .plan
        .pre_care
        .iter()
        .any(|s| s.id == "hydrate" && s.always));
}

/// How strict an outcome is, for comparing two protocols' answers: a wait with no date is
/// stricter than any dated one, and any outcome stricter than none.
fn strictness(outcome: Option<&Outcome>) -> u8 {
    match outcome.map(|o| (o.kind, o.window.is_some())) {
        None => 0,
        Some((OutcomeKind::Info, _)) => 1,
        Some((OutcomeKind::Prepare, _)) => 2,
        Some((OutcomeKind::Consult, _)) => 3,
        Some((OutcomeKind::NotYet, true)) => 4,
        Some((OutcomeKind::NotYet, false)) => 5,
        Some((OutcomeKind::NotSuitable, _)) => 6,
    }
}

/// The days an outcome holds a session back, from a fixed day: its wait, or its pre-care lead.
fn wait_days(protocol: &Protocol, outcome: Option<&Outcome>) -> i64 {
    let today = Date::parse("2026-12-02").unwrap();
    let window = outcome.and_then(|o| {
        o.window.clone().or_else(|| {
            let step = o.step.as_deref()?;
            Some(protocol.pre_care_step(step)?.before.clone())
        })
    });
    window.map_or(0, |w| {
        today.days_until(today + protocol.window(&w).unwrap())
    })
}

/// Options a treatment replaces with finer ones, and the option that now covers the same answer:
/// "yes" to painkillers becomes "bought without a prescription" (or "prescribed", a consultation);
/// "botox or filler lately" becomes "botox lately", with filler asked about on its own.
/// A question's id and one of its options' ids.
type Choice = (&'static str, &'static str);

const REPLACED: &[(Choice, Choice)] = &[
    (("nsaids", "yes"), ("nsaids", "otc")),
    (
        ("recent_treatments", "injectables"),
        ("recent_treatments", "toxin"),
    ),
];

/// The option of `protocol` that answers what `question.option` asked elsewhere.
fn counterpart<'a>(protocol: &'a Protocol, question: &str, option: &str) -> Option<&'a Outcome> {
    let (question, option) = REPLACED
        .iter()
        .find(|(from, _)| *from == (question, option))
        .filter(|_| {
            !protocol
                .questions
                .iter()
                .any(|q| q.id == question && q.options.iter().any(|o| o.id == option))
        })
        .map_or((question, option), |(_, to)| *to);
    outcome(protocol, question, option)
}

/// For every option of every question in RF or PRP, the combination's outcome is at least as
/// strict, holds a session back at least as long, and counts from the same point.
#[test]
fn rf_with_prp_takes_the_stricter_outcome_and_the_longer_window_everywhere() {
    let combined = shipped("rf-prp-microneedling");
    let mut compared = 0;
    for part in [shipped("rf-microneedling"), shipped("prp-microneedling")] {
        for question in &part.questions {
            for option in &question.options {
                let theirs = option.outcome.as_ref();
                let ours = counterpart(&combined, &question.id, &option.id);
                let at = format!("{}: {}.{}", part.id, question.id, option.id);
                assert!(strictness(ours) >= strictness(theirs), "{at}: milder");
                assert!(
                    wait_days(&combined, ours) >= wait_days(&part, theirs),
                    "{at}: a shorter wait"
                );
                if let (Some(ours), Some(theirs)) = (ours, theirs) {
                    assert!(
                        ours.from == theirs.from || ours.from == Some(CountFrom::AnswerDate),
                        "{at}: counted from another day"
                    );
                }
                compared += 1;
            }
        }
    }
    assert!(compared > 100, "{compared} options compared");
}

/// The same holds against the default protocol: a treatment only ever tightens a shared rule.
#[test]
fn no_treatment_is_milder_than_the_default_on_a_shared_rule() {
    let default = Protocol::default_protocol();
    for name in [
        "rf-microneedling",
        "prp-microneedling",
        "rf-prp-microneedling",
    ] {
        let treatment = shipped(name);
        for question in &default.questions {
            let Some(theirs) = treatment.questions.iter().find(|q| q.id == question.id) else {
                panic!("{name} drops the default's question {}", question.id);
            };
            assert!(theirs.kind == question.kind, "{name}: {}", question.id);
            for option in &question.options {
                let at = format!("{name}: {}.{}", question.id, option.id);
                let ours = counterpart(&treatment, &question.id, &option.id);
                let base = option.outcome.as_ref();
                assert!(strictness(ours) >= strictness(base), "{at}: milder");
                assert!(
                    wait_days(&treatment, ours) >= wait_days(&default, base),
                    "{at}: a shorter wait"
                );
            }
        }
    }
}
