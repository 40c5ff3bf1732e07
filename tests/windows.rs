//! A clinic's change to a window changes every sentence that states it and every date that
//! depends on it: for each window of the default protocol, a longer, a shorter and another unit,
//! in every language, in the core and through the CLI, with a visitor on each side of the new
//! boundary.

#![cfg(not(target_arch = "wasm32"))]

use std::process::Command;

use candidacy_quiz::date::{Span, Unit};
use candidacy_quiz::protocol::{CountFrom, OutcomeKind, DEFAULT_PROTOCOL_JSON};
use candidacy_quiz::validate;
use candidacy_quiz::{assess, Answers, Date, Locale, Protocol, Verdict};
use serde_json::{json, Value};

const LANGUAGES: [&str; 3] = ["en", "es", "ar"];

fn today() -> Date {
    Date::parse("2026-12-02").unwrap()
}

/// Answers that trigger nothing, for every question.
fn calm_answers() -> serde_json::Map<String, Value> {
    let Value::Object(answers) = json!({
        "age": "adult", "pregnancy": "no", "skin_cancer": "no", "bleeding": "no",
        "blood_thinners": "no", "isotretinoin": "never", "radiation": "no", "healing": "no",
        "keloids": "no", "allergies": ["none"], "active_skin": ["none"], "cold_sores": "no",
        "recent_treatments": ["none"], "topicals": ["none"], "nsaids": "no", "skin_type": "iii",
        "concerns": ["acne_scars"], "severity": "moderate", "areas": ["face"], "start": "asap"
    }) else {
        unreachable!()
    };
    answers
}

/// The default protocol's file with one window changed.
fn with_window(id: &str, span: Span) -> String {
    let mut file: Value = serde_json::from_str(DEFAULT_PROTOCOL_JSON).unwrap();
    file["windows"][id]["amount"] = json!(span.amount);
    file["windows"][id]["unit"] = json!(span.unit.as_str());
    serde_json::to_string_pretty(&file).unwrap()
}

/// A longer window, a shorter one, and the same amount in another unit.
fn variants(span: Span) -> [Span; 3] {
    let smaller = match span.unit {
        Unit::Months => Span::weeks(3),
        Unit::Weeks => Span::days(4),
        Unit::Days | Unit::Hours => Span {
            amount: 0,
            unit: span.unit,
        },
    };
    let shorter = if span.amount > 1 {
        Span {
            amount: span.amount - 1,
            unit: span.unit,
        }
    } else {
        smaller
    };
    let other = match span.unit {
        Unit::Months => Unit::Weeks,
        Unit::Weeks => Unit::Months,
        Unit::Days => Unit::Weeks,
        Unit::Hours => Unit::Days,
    };
    [
        Span {
            amount: span.amount * 2 + 1,
            unit: span.unit,
        },
        shorter,
        Span {
            amount: span.amount,
            unit: other,
        },
    ]
}

/// Every visitor-facing text of the file (an object whose values are all strings, keyed by the
/// protocol's languages), with its path.
fn texts(value: &Value, path: String, out: &mut Vec<(String, serde_json::Map<String, Value>)>) {
    match value {
        Value::Object(members) => {
            let is_text = !members.is_empty()
                && members.keys().all(|k| LANGUAGES.contains(&k.as_str()))
                && members.values().all(Value::is_string);
            if is_text {
                out.push((path, members.clone()));
            } else {
                for (key, member) in members {
                    texts(member, format!("{path}.{key}"), out);
                }
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                texts(item, format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

/// Every visitor-facing text of the default protocol's file, with its path.
fn default_texts() -> Vec<(String, serde_json::Map<String, Value>)> {
    let mut found = Vec::new();
    texts(
        &serde_json::from_str(DEFAULT_PROTOCOL_JSON).unwrap(),
        String::new(),
        &mut found,
    );
    found
}

/// How the protocol renders one text at `path` in `lang`.
fn rendered(protocol: &Protocol, text: &serde_json::Map<String, Value>, lang: &str) -> String {
    let text: candidacy_quiz::protocol::Text = text
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
        .collect();
    Locale::native(lang).render(protocol, &text)
}

fn assess_with(protocol: &Protocol, changes: Value) -> candidacy_quiz::Assessment {
    let mut answers = calm_answers();
    answers.extend(changes.as_object().unwrap().clone());
    let answers =
        Answers::from_json(&Value::Object(answers).to_string(), protocol, today()).unwrap();
    assess(protocol, &answers, today(), &Locale::native("en"))
}

/// Where an outcome counts the window: the question, option and what it counts from.
fn outcome_using(protocol: &Protocol, window: &str) -> Option<(String, String, CountFrom)> {
    protocol.questions.iter().find_map(|q| {
        q.options.iter().find_map(|o| {
            let outcome = o.outcome.as_ref()?;
            (outcome.window.as_deref() == Some(window))
                .then(|| (q.id.clone(), o.id.clone(), outcome.from.unwrap()))
        })
    })
}

/// An answer to `question` choosing `option` (with `date` when it asks one).
fn answer(protocol: &Protocol, question: &str, option: &str, date: Option<Date>) -> Value {
    let q = protocol.question(question).unwrap();
    let choice = match date {
        Some(date) => json!({"option": option, "date": date.to_string()}),
        None => json!(option),
    };
    let value = match q.kind {
        candidacy_quiz::protocol::QuestionKind::Multi => json!([choice]),
        candidacy_quiz::protocol::QuestionKind::Single => choice,
    };
    json!({ question: value })
}

#[test]
fn the_default_protocol_writes_out_no_window() {
    let protocol = Protocol::from_json(DEFAULT_PROTOCOL_JSON).unwrap();
    let findings = validate::findings(&protocol, true);
    let warnings: Vec<String> = findings.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(warnings, Vec::<String>::new());
}

#[test]
fn a_twelve_month_isotretinoin_window_reads_twelve_months_in_every_language() {
    let protocol = Protocol::from_json(&with_window("isotretinoin", Span::months(12))).unwrap();
    let question = protocol.question("isotretinoin").unwrap();
    let label = |option: &str, lang: &str| {
        Locale::native(lang).render(&protocol, &question.option(option).unwrap().label)
    };
    assert_eq!(
        label("recent", "en"),
        "Yes, I stopped in the last 12 months"
    );
    assert_eq!(
        label("past", "en"),
        "Yes, but I stopped more than 12 months ago"
    );
    assert_eq!(label("recent", "es"), "Sí, lo dejé hace menos de 12 meses");
    assert_eq!(
        label("past", "ar"),
        "نعم، لكنني توقفت عنه منذ أكثر من 12 شهرًا"
    );
    let explain = Locale::native("en").render(
        &protocol,
        &question
            .option("recent")
            .unwrap()
            .outcome
            .as_ref()
            .unwrap()
            .explain,
    );
    assert!(explain.contains("waits 12 months"), "{explain}");

    // Stopped 8 months ago: within the clinic's 12 months, so not yet, until 12 months after.
    let stopped = Date::parse("2026-04-02").unwrap();
    let assessment = assess_with(
        &protocol,
        answer(&protocol, "isotretinoin", "recent", Some(stopped)),
    );
    assert_eq!(assessment.verdict, Verdict::NotYet);
    assert_eq!(assessment.earliest_start, Date::parse("2027-04-02").ok());
}

#[test]
fn every_window_changed_changes_every_text_and_date_that_depend_on_it() {
    let default = Protocol::from_json(DEFAULT_PROTOCOL_JSON).unwrap();
    let file_texts = default_texts();
    let mut checked_texts = 0;
    for (id, window) in &default.windows {
        let original = window.span().unwrap();
        let naming: Vec<_> = file_texts
            .iter()
            .filter(|(_, text)| {
                text.values()
                    .any(|t| t.as_str().unwrap().contains(&format!("{{window:{id}}}")))
            })
            .collect();
        for span in variants(original) {
            let json = with_window(id, span);
            let protocol = Protocol::from_json(&json)
                .unwrap_or_else(|errors| panic!("{id} as {span:?}: {errors:?}"));
            for (path, text) in &naming {
                for lang in LANGUAGES {
                    let words = rendered(&protocol, text, lang);
                    let length = Locale::native(lang).span(span);
                    assert!(
                        words.contains(&length),
                        "{path}.{lang} with {id} = {span:?}: {words:?} lacks {length:?}"
                    );
                    checked_texts += 1;
                }
            }
            check_dates(&protocol, id, span);
        }
    }
    assert!(checked_texts > 100, "only {checked_texts} texts checked");
}

/// The dates that depend on window `id`, now `span`, follow it.
fn check_dates(protocol: &Protocol, id: &str, span: Span) {
    let context = format!("{id} = {span:?}");
    if let Some((question, option, from)) = outcome_using(protocol, id) {
        match from {
            CountFrom::AnswerDate => {
                // Stopped a day less than the window ago: one more day to wait.
                let inside = (today() - span).add_days(1);
                let a = assess_with(protocol, answer(protocol, &question, &option, Some(inside)));
                assert_eq!(a.verdict, Verdict::NotYet, "{context}, inside");
                assert_eq!(a.earliest_start, Some(inside + span), "{context}, inside");
                assert!(inside + span > today());
                // Stopped exactly the window ago: it no longer holds anything back.
                let outside = today() - span;
                if outside + span <= today() {
                    let a = assess_with(
                        protocol,
                        answer(protocol, &question, &option, Some(outside)),
                    );
                    assert_eq!(a.verdict, Verdict::Suitable, "{context}, outside");
                    assert_eq!(a.reasons[0].outcome, OutcomeKind::Info, "{context}");
                }
            }
            CountFrom::Today => {
                let a = assess_with(protocol, answer(protocol, &question, &option, None));
                let until = today() + span;
                if until > today() {
                    assert_eq!(a.verdict, Verdict::NotYet, "{context}");
                    assert_eq!(a.earliest_start, Some(until), "{context}");
                } else {
                    assert_eq!(a.verdict, Verdict::Suitable, "{context}: a zero wait");
                }
            }
        }
    }
    // A pre-care step counts back from the first session; after-care lasts after each one.
    for step in protocol.plan.pre_care.iter().filter(|s| s.before == id) {
        let trigger = protocol.questions.iter().find_map(|q| {
            q.options.iter().find_map(|o| {
                (o.outcome.as_ref()?.step.as_deref() == Some(&step.id))
                    .then(|| (q.id.clone(), o.id.clone()))
            })
        });
        let changes = match &trigger {
            Some((q, o)) => answer(protocol, q, o, None),
            None => json!({}),
        };
        let a = assess_with(protocol, changes);
        let plan = a.plan.unwrap();
        let shown = plan.pre_care.iter().find(|p| p.id == step.id).unwrap();
        assert_eq!(shown.before, span, "{context}");
        let first = plan.dates[0];
        assert_eq!(shown.date, Some((first - span).max(today())), "{context}");
    }
    for step in protocol.plan.after_care.iter().filter(|s| s.lasts == id) {
        let plan = assess_with(protocol, json!({})).plan.unwrap();
        let shown = plan.after_care.iter().find(|p| p.id == step.id).unwrap();
        assert_eq!(shown.lasts, span, "{context}");
    }
}

fn run(args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_candidacy"))
        .args(args)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn the_cli_says_the_changed_window_in_every_language() {
    let dir = std::env::temp_dir().join(format!("candidacy-windows-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let default = Protocol::from_json(DEFAULT_PROTOCOL_JSON).unwrap();
    let file_texts = default_texts();
    for (id, window) in &default.windows {
        for span in variants(window.span().unwrap()) {
            let path = dir.join(format!("{id}-{}-{}.json", span.amount, span.unit.as_str()));
            let json = with_window(id, span);
            std::fs::write(&path, &json).unwrap();
            let path = path.to_str().unwrap();
            let protocol = Protocol::from_json(&json).unwrap();
            for lang in LANGUAGES {
                // `explain` shows every question, option and care step.
                let explained = run(&["explain", path, "--lang", lang]);
                let length = Locale::native(lang).span(span);
                assert!(
                    explained.contains(&length),
                    "{id} = {span:?}, {lang}: explain lacks {length}"
                );
                for (text_path, text) in &file_texts {
                    let named = text
                        .values()
                        .any(|t| t.as_str().unwrap().contains(&format!("{{window:{id}}}")));
                    let words = rendered(&protocol, text, lang).replace('|', "\\|");
                    let shown_by_explain = text_path.contains(".text")
                        || text_path.ends_with(".label") && !text_path.contains(".date.");
                    if named && shown_by_explain {
                        assert!(words.contains(&length), "{text_path}.{lang}: {words}");
                        assert!(
                            explained.contains(&words),
                            "{id} = {span:?}, {lang}: explain lacks {text_path}: {words}"
                        );
                    }
                }
            }
            // `assess` says it in the explanation of the reason that waits for it.
            if let Some((question, option, from)) = outcome_using(&protocol, id) {
                let date = (from == CountFrom::AnswerDate).then(|| (today() - span).add_days(1));
                let mut answers = calm_answers();
                answers.extend(
                    answer(&protocol, &question, &option, date)
                        .as_object()
                        .unwrap()
                        .clone(),
                );
                let answers_path = dir.join(format!("{id}-answers.json"));
                std::fs::write(&answers_path, Value::Object(answers).to_string()).unwrap();
                for lang in LANGUAGES {
                    let output: Value = serde_json::from_str(&run(&[
                        "assess",
                        "--protocol",
                        path,
                        "--answers",
                        answers_path.to_str().unwrap(),
                        "--today",
                        &today().to_string(),
                        "--lang",
                        lang,
                    ]))
                    .unwrap();
                    let reason = output["reasons"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .find(|r| r["question"] == question.as_str())
                        .unwrap();
                    let explanation = reason["explanation"].as_str().unwrap();
                    let outcome = protocol
                        .question(&question)
                        .unwrap()
                        .option(&option)
                        .unwrap()
                        .outcome
                        .clone()
                        .unwrap();
                    if outcome.explain[lang].contains(&format!("{{window:{id}}}")) {
                        let length = Locale::native(lang).span(span);
                        assert!(
                            explanation.contains(&length),
                            "{id} = {span:?}, {lang}: {explanation}"
                        );
                    }
                    let until = date.map_or(today(), |d| d) + span;
                    if until > today() {
                        assert_eq!(reason["until"], json!(until.to_string()), "{id} {span:?}");
                    }
                }
            }
        }
    }
}
