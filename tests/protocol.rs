//! Protocol files: the default one implements the spec, and every broken file in
//! `tests/broken/` is rejected with exactly the errors in its `.expected` file.

#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

use candidacy_quiz::protocol::{CountFrom, OutcomeKind, QuestionKind, DEFAULT_PROTOCOL_JSON};
use candidacy_quiz::Protocol;

#[test]
fn the_default_protocol_is_valid() {
    let protocol = Protocol::from_json(DEFAULT_PROTOCOL_JSON).unwrap();
    assert_eq!(protocol.id, "microneedling-default");
}

#[test]
fn the_minimal_fixture_is_valid() {
    let json = std::fs::read_to_string("tests/fixtures/minimal.json").unwrap();
    Protocol::from_json(&json).unwrap();
}

#[test]
fn every_broken_file_is_rejected_with_its_expected_errors() {
    let mut checked = 0;
    let mut entries: Vec<_> = std::fs::read_dir("tests/broken")
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .collect();
    entries.sort();
    for path in entries {
        let expected_path = path.with_extension("expected");
        let expected = std::fs::read_to_string(&expected_path)
            .unwrap_or_else(|_| panic!("{} has no .expected file", path.display()));
        let json = std::fs::read_to_string(&path).unwrap();
        let errors = Protocol::from_json(&json)
            .err()
            .unwrap_or_else(|| panic!("{} was accepted", path.display()));
        let actual: Vec<String> = errors.iter().map(ToString::to_string).collect();
        if std::env::var_os("CANDIDACY_UPDATE_EXPECTED").is_some() {
            std::fs::write(&expected_path, actual.join("\n") + "\n").unwrap();
            continue;
        }
        let expected: Vec<&str> = expected.lines().collect();
        assert_eq!(actual, expected, "{}", path.display());
        checked += 1;
    }
    assert!(checked >= 15, "only {checked} broken protocol files");
}

#[test]
fn every_expected_file_has_its_broken_file() {
    for entry in std::fs::read_dir("tests/broken").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "expected") {
            assert!(
                Path::new(&path.with_extension("json")).exists(),
                "{}",
                path.display()
            );
        }
    }
}

/// One row of the spec: question, option, outcome, window (id, amount, unit), counted from.
type Rule = (
    &'static str,
    &'static str,
    Option<OutcomeKind>,
    Option<(&'static str, u32, &'static str)>,
    Option<CountFrom>,
);

/// Every row of the spec's health and skin tables: (question, option, outcome, window, counted from).
#[test]
fn the_default_protocol_implements_every_rule_of_the_spec() {
    use OutcomeKind::*;
    let protocol = Protocol::default_protocol();
    let rows: &[Rule] = &[
        ("age", "under_18", Some(NotSuitable), None, None),
        ("age", "adult", None, None, None),
        ("pregnancy", "yes", Some(NotYet), None, None),
        ("pregnancy", "no", None, None, None),
        ("skin_cancer", "yes", Some(NotSuitable), None, None),
        ("skin_cancer", "unsure", Some(Consult), None, None),
        ("skin_cancer", "no", None, None, None),
        ("bleeding", "yes", Some(NotSuitable), None, None),
        ("bleeding", "no", None, None, None),
        ("blood_thinners", "yes", Some(Consult), None, None),
        ("blood_thinners", "no", None, None, None),
        ("isotretinoin", "current", Some(NotYet), None, None),
        (
            "isotretinoin",
            "recent",
            Some(NotYet),
            Some(("isotretinoin", 6, "months")),
            Some(CountFrom::AnswerDate),
        ),
        ("isotretinoin", "past", None, None, None),
        ("isotretinoin", "never", None, None, None),
        (
            "radiation",
            "yes",
            Some(NotYet),
            Some(("radiation", 12, "months")),
            Some(CountFrom::AnswerDate),
        ),
        ("radiation", "no", None, None, None),
        ("healing", "yes", Some(Consult), None, None),
        ("healing", "no", None, None, None),
        ("keloids", "yes", Some(NotSuitable), None, None),
        ("keloids", "no", None, None, None),
        ("allergies", "metal", Some(Consult), None, None),
        ("allergies", "numbing", Some(Consult), None, None),
        ("allergies", "none", None, None, None),
        ("active_skin", "acne_flare", Some(NotYet), None, None),
        ("active_skin", "infection", Some(NotYet), None, None),
        ("active_skin", "wound", Some(NotYet), None, None),
        ("active_skin", "sunburn", Some(NotYet), None, None),
        ("active_skin", "flare", Some(Consult), None, None),
        ("active_skin", "none", None, None, None),
        ("cold_sores", "yes", Some(Consult), None, None),
        ("cold_sores", "no", None, None, None),
        (
            "recent_treatments",
            "tanning",
            Some(NotYet),
            Some(("tanning", 14, "days")),
            Some(CountFrom::Today),
        ),
        (
            "recent_treatments",
            "injectables",
            Some(NotYet),
            Some(("injectables", 14, "days")),
            Some(CountFrom::Today),
        ),
        (
            "recent_treatments",
            "resurfacing",
            Some(NotYet),
            Some(("resurfacing", 28, "days")),
            Some(CountFrom::Today),
        ),
        ("recent_treatments", "none", None, None, None),
        ("topicals", "retinoids", Some(Prepare), None, None),
        ("topicals", "acids", Some(Prepare), None, None),
        ("topicals", "vitamin_c", Some(Prepare), None, None),
        ("topicals", "benzoyl_peroxide", Some(Prepare), None, None),
        ("topicals", "none", None, None, None),
        ("nsaids", "yes", Some(Prepare), None, None),
        ("nsaids", "no", None, None, None),
        ("skin_type", "i", None, None, None),
        ("skin_type", "ii", None, None, None),
        ("skin_type", "iii", None, None, None),
        ("skin_type", "iv", None, None, None),
        ("skin_type", "v", Some(Info), None, None),
        ("skin_type", "vi", Some(Info), None, None),
        ("concerns", "hair_loss", Some(Info), None, None),
    ];
    for &(question_id, option_id, kind, window, from) in rows {
        let question = protocol
            .question(question_id)
            .unwrap_or_else(|| panic!("{question_id}"));
        let option = question
            .option(option_id)
            .unwrap_or_else(|| panic!("{question_id}.{option_id}"));
        let outcome = option.outcome.as_ref();
        assert_eq!(outcome.map(|o| o.kind), kind, "{question_id}.{option_id}");
        if let Some(outcome) = outcome {
            assert!(!outcome.source.trim().is_empty());
            assert_eq!(outcome.from, from, "{question_id}.{option_id}");
            match window {
                Some((id, amount, unit)) => {
                    assert_eq!(outcome.window.as_deref(), Some(id));
                    let span = protocol.window(id).unwrap();
                    assert_eq!((span.amount, span.unit.as_str()), (amount, unit), "{id}");
                }
                None => assert_eq!(outcome.window, None, "{question_id}.{option_id}"),
            }
        }
    }
    // Every option of the health and skin questions is in the table above.
    let listed = |q: &str, o: &str| rows.iter().any(|r| r.0 == q && r.1 == o);
    for question in protocol.questions.iter().filter(|q| q.section != "goals") {
        for option in &question.options {
            assert!(
                listed(&question.id, &option.id),
                "{}.{} is not in the spec",
                question.id,
                option.id
            );
        }
    }
    let multi = [
        "allergies",
        "active_skin",
        "recent_treatments",
        "topicals",
        "concerns",
        "areas",
    ];
    for question in &protocol.questions {
        let expected = if multi.contains(&question.id.as_str()) {
            QuestionKind::Multi
        } else {
            QuestionKind::Single
        };
        assert_eq!(question.kind, expected, "{}", question.id);
    }
    let leads = [
        ("pause_topicals", 5),
        ("pause_nsaids", 3),
        ("antiviral", 2),
        ("no_tanning", 14),
    ];
    for (step, days) in leads {
        let step = protocol.pre_care_step(step).unwrap();
        assert_eq!(
            protocol.window(&step.before).unwrap().amount,
            days,
            "{}",
            step.id
        );
    }
    assert!(protocol.pricing.is_none(), "never invent prices");
}

#[test]
fn a_copy_in_one_language_has_no_other_language_anywhere() {
    // What the page carries: every text of the default protocol in one language, nothing else
    // changed. A text field that `Protocol::texts_mut` forgot would keep its other languages.
    let protocol = Protocol::from_json(DEFAULT_PROTOCOL_JSON).unwrap();
    for lang in ["en", "es", "ar"] {
        let copy = protocol.in_language(lang);
        assert!(copy.speaks(lang));
        assert_eq!(
            copy.languages, protocol.languages,
            "every language stays declared"
        );
        let others: Vec<&str> = ["en", "es", "ar"]
            .into_iter()
            .filter(|l| *l != lang)
            .collect();
        assert!(others.iter().all(|other| !copy.speaks(other)));
        fn walk(value: &serde_json::Value, others: &[&str], path: &str) {
            match value {
                serde_json::Value::Object(members) => {
                    for (key, value) in members {
                        assert!(
                            !others.contains(&key.as_str()),
                            "{path}.{key} is still there"
                        );
                        walk(value, others, &format!("{path}.{key}"));
                    }
                }
                serde_json::Value::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        walk(item, others, &format!("{path}[{i}]"));
                    }
                }
                _ => {}
            }
        }
        let written = serde_json::to_value(&copy).unwrap();
        walk(&written, &others, "");
        // It reads back as the same protocol, and the rules are untouched.
        let again = Protocol::from_json(&written.to_string());
        assert!(
            again.is_err(),
            "a copy in one language is not a complete protocol"
        );
        let again = candidacy_quiz::validate::parse(&written.to_string()).unwrap();
        assert_eq!(serde_json::to_value(&again).unwrap(), written);
        // Everything but the texts is the protocol's own.
        let without_texts = |p: &Protocol| {
            let mut p = p.clone();
            p.texts_mut(|text| text.clear());
            p.review = None;
            serde_json::to_value(&p).unwrap()
        };
        assert_eq!(without_texts(&copy), without_texts(&protocol));
    }
}

/// The page's copy keeps every text and rule the first screens and the plan need, and leaves the
/// rules' sources (and clinicians' notes) to the complete file, which the quiz loads on starting.
#[test]
fn the_page_copy_leaves_sources_out_and_keeps_every_rule() {
    let protocol = Protocol::default_protocol();
    assert!(!protocol.lacks_sources());
    let page = protocol.clone().in_language("es").for_page();
    assert!(page.lacks_sources());
    let json = serde_json::to_string(&page).unwrap();
    let read = candidacy_quiz::validate::parse(&json).expect("the page's copy reads");
    assert!(read.lacks_sources());
    for (full, copy) in protocol.questions.iter().zip(&read.questions) {
        assert_eq!(full.id, copy.id);
        for (a, b) in full.options.iter().zip(&copy.options) {
            let (a, b) = (a.outcome.as_ref(), b.outcome.as_ref());
            assert_eq!(
                a.map(|o| (o.kind, &o.window, o.evidence)),
                b.map(|o| (o.kind, &o.window, o.evidence))
            );
            assert_eq!(a.map(|o| &o.explain["es"]), b.map(|o| &o.explain["es"]));
            assert!(b.is_none_or(|o| o.source.is_empty()
                && o.references.is_empty()
                && o.note.is_none()));
        }
    }
    assert!(!json.contains("\"note\""), "no clinicians' notes");
}
