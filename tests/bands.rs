//! Options bounded by how long ago something happened (`ago`), and notices shown with every
//! result: what the validator accepts and refuses, and how a date is checked against its band.
//! The protocol is the default one with a surgery question split at a boundary, as the RF
//! microneedling spec asks for ("in the last 3 months" / "3 to 12 months ago").

#![cfg(not(target_arch = "wasm32"))]

use candidacy_quiz::answers::{check_answer, Problem};
use candidacy_quiz::date::Date;
use candidacy_quiz::protocol::{Protocol, DEFAULT_PROTOCOL_JSON};
use candidacy_quiz::{assess, Answer, Answers, Locale, Verdict};
use serde_json::{json, Value};

fn today() -> Date {
    Date::parse("2026-12-02").unwrap()
}

fn window(amount: u32) -> Value {
    json!({ "amount": amount, "unit": "months", "source": "test", "evidence": "clinic_policy" })
}

fn label(words: &str) -> Value {
    json!({ "en": words, "es": words, "ar": words })
}

/// The default protocol with a surgery question whose options are bands of time.
fn with_surgery(edit: impl FnOnce(&mut Value)) -> String {
    let mut protocol: Value = serde_json::from_str(DEFAULT_PROTOCOL_JSON).unwrap();
    protocol["windows"]["surgery"] = window(3);
    protocol["windows"]["surgery_year"] = window(12);
    let question = json!({
        "id": "surgery", "section": "skin", "kind": "single",
        "text": label("Surgery in the area in the last year?"),
        "options": [
            {
                "id": "recent", "label": label("Yes, in the last {window:surgery}"),
                "date": { "label": label("When?"), "when": "past" },
                "ago": { "less_than": "surgery" },
                "outcome": {
                    "kind": "not_yet", "window": "surgery", "from": "answer_date",
                    "explain": label("Wait {window:surgery} after surgery."),
                    "source": "test", "evidence": "device_instructions"
                }
            },
            {
                "id": "year", "label": label("Yes, {window:surgery} to {window:surgery_year} ago"),
                "ago": { "at_least": "surgery", "less_than": "surgery_year" },
                "outcome": {
                    "kind": "consult", "explain": label("A clinician checks the healing."),
                    "source": "test", "evidence": "device_instructions"
                }
            },
            { "id": "no", "label": label("No") }
        ]
    });
    protocol["questions"]
        .as_array_mut()
        .unwrap()
        .insert(16, question);
    edit(&mut protocol);
    protocol.to_string()
}

fn errors(json: &str) -> Vec<String> {
    match Protocol::from_json(json) {
        Ok(_) => Vec::new(),
        Err(errors) => errors.iter().map(ToString::to_string).collect(),
    }
}

fn surgery(protocol: &Value) -> usize {
    protocol["questions"]
        .as_array()
        .unwrap()
        .iter()
        .position(|q| q["id"] == "surgery")
        .unwrap()
}

#[test]
fn bands_that_follow_one_another_and_name_their_windows_are_valid() {
    assert_eq!(errors(&with_surgery(|_| {})), Vec::<String>::new());
}

#[test]
fn a_band_must_name_its_windows_in_its_label() {
    let found = errors(&with_surgery(|p| {
        let q = surgery(p);
        p["questions"][q]["options"][1]["label"]["es"] = json!("Sí, hace 3 a 12 meses");
    }));
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].contains("options[1].label.es") && found[0].contains("{window:surgery}"));
    assert!(found[1].contains("{window:surgery_year}"));
}

#[test]
fn bands_with_a_gap_or_an_overlap_are_refused() {
    let gap = errors(&with_surgery(|p| {
        p["windows"]["surgery_half"] = window(6);
        let q = surgery(p);
        p["questions"][q]["options"][1]["ago"]["at_least"] = json!("surgery_half");
        p["questions"][q]["options"][1]["label"] =
            label("{window:surgery_half} to {window:surgery_year} ago");
    }));
    assert!(
        gap.iter().any(|e| e.contains("must follow one another")),
        "{gap:?}"
    );
    let empty = errors(&with_surgery(|p| {
        let q = surgery(p);
        p["questions"][q]["options"][1]["ago"] =
            json!({ "at_least": "surgery_year", "less_than": "surgery" });
        p["questions"][q]["options"][1]["label"] =
            label("{window:surgery_year} to {window:surgery} ago");
    }));
    assert!(
        empty.iter().any(|e| e.contains("the band is empty")),
        "{empty:?}"
    );
}

#[test]
fn a_dated_wait_must_count_the_window_its_band_ends_at() {
    let found = errors(&with_surgery(|p| {
        let q = surgery(p);
        p["questions"][q]["options"][0]["outcome"]["window"] = json!("surgery_year");
    }));
    assert!(
        found
            .iter()
            .any(|e| e.contains("options[0].outcome.window") && e.contains("windows.surgery")),
        "{found:?}"
    );
}

#[test]
fn a_date_outside_its_band_is_refused_with_the_option_that_fits() {
    let protocol = Protocol::from_json(&with_surgery(|_| {})).unwrap();
    let question = protocol.question("surgery").unwrap();
    let inside = Answer::dated("recent", today().add_days(-60));
    assert_eq!(check_answer(&protocol, question, &inside, today()), Ok(()));
    // Three months ago to the day is no longer "in the last 3 months".
    let boundary = Answer::dated("recent", Date::parse("2026-09-02").unwrap());
    let error = check_answer(&protocol, question, &boundary, today()).unwrap_err();
    assert_eq!(
        error.problem,
        Problem::DateOutsideBand {
            option: "recent".into(),
            date: Date::parse("2026-09-02").unwrap(),
            fits: Some("year".into()),
        }
    );
    assert_eq!(
        error.to_string(),
        "question \"surgery\": the date 2026-09-02 lies outside the time option \"recent\" covers; it fits option \"year\""
    );
    let day_after = Answer::dated("recent", Date::parse("2026-09-03").unwrap());
    assert_eq!(
        check_answer(&protocol, question, &day_after, today()),
        Ok(())
    );
    let long_ago = Answer::dated("recent", Date::parse("2020-01-01").unwrap());
    let error = check_answer(&protocol, question, &long_ago, today()).unwrap_err();
    assert!(matches!(
        error.problem,
        Problem::DateOutsideBand { fits: None, .. }
    ));
}

#[test]
fn the_wait_inside_the_band_holds_the_first_session_back() {
    let protocol = Protocol::from_json(&with_surgery(|_| {})).unwrap();
    let mut answers = Answers::new();
    answers.set(
        "surgery",
        Answer::dated("recent", Date::parse("2026-10-15").unwrap()),
    );
    let assessment = assess(&protocol, &answers, today(), &Locale::native("en"));
    assert_eq!(assessment.verdict, Verdict::NotYet);
    assert_eq!(
        assessment.earliest_start,
        Some(Date::parse("2027-01-15").unwrap())
    );
}

#[test]
fn notices_are_checked_like_rules() {
    let notice = json!({
        "id": "heat", "text": label("RF heats the skin."),
        "source": "FDA safety communication", "evidence": "regulator",
        "references": [{ "citation": "FDA", "url": "https://www.fda.gov/" }]
    });
    let valid = with_surgery(|p| p["notices"] = json!([notice.clone()]));
    let protocol = Protocol::from_json(&valid).unwrap();
    assert_eq!(protocol.notices[0].id, "heat");

    let broken = with_surgery(|p| {
        let mut bad = notice.clone();
        bad["evidence"] = Value::Null;
        bad.as_object_mut().unwrap().remove("evidence");
        bad["text"]["ar"] = json!(" ");
        bad["references"][0]["url"] = json!("javascript:alert(1)");
        p["notices"] = json!([bad, notice.clone()]);
    });
    let found = errors(&broken);
    for expected in [
        "notices[0].text.ar: the text is empty",
        "notices[0].evidence: every rule needs the kind of evidence",
        "notices[0].references[0].url",
        "notices[1].id: duplicate notice id \"heat\"",
    ] {
        assert!(
            found.iter().any(|e| e.starts_with(expected)),
            "{expected} in {found:?}"
        );
    }
}
