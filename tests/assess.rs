//! The default protocol against the rules, windows and plan figures of
//! `shared/clinical/default-protocol.md`, one scenario at a time, with exact dates.

#![cfg(not(target_arch = "wasm32"))]

use candidacy_quiz::protocol::OutcomeKind;
use candidacy_quiz::{assess, Answers, Assessment, Date, Protocol, Verdict};
use serde_json::{json, Value};

fn d(text: &str) -> Date {
    Date::parse(text).unwrap()
}

const TODAY: &str = "2026-11-21";

/// A complete answer set with nothing of note: an adult with no contraindications, moderate acne
/// scars on the face, starting as soon as possible.
fn baseline() -> Value {
    json!({
        "age": "adult", "pregnancy": "no", "skin_cancer": "no", "bleeding": "no",
        "blood_thinners": "no", "isotretinoin": "never", "radiation": "no", "healing": "no",
        "keloids": "no", "allergies": ["none"], "active_skin": ["none"], "cold_sores": "no",
        "recent_treatments": ["none"], "topicals": ["none"], "nsaids": "no", "skin_type": "iii",
        "concerns": ["acne_scars"], "severity": "moderate", "areas": ["face"], "start": "asap"
    })
}

fn with(changes: Value) -> Value {
    let mut answers = baseline();
    for (key, value) in changes.as_object().unwrap() {
        answers[key] = value.clone();
    }
    answers
}

fn run_on(answers: Value, today: &str) -> Assessment {
    let protocol = Protocol::default_protocol();
    let answers = Answers::from_json(&answers.to_string(), &protocol, d(today)).unwrap();
    assert!(answers.missing(&protocol).is_empty());
    assess(
        &protocol,
        &answers,
        d(today),
        &candidacy_quiz::Locale::native("en"),
    )
}

fn run(answers: Value) -> Assessment {
    run_on(answers, TODAY)
}

fn kinds(assessment: &Assessment) -> Vec<(&str, &str, OutcomeKind)> {
    assessment
        .reasons
        .iter()
        .map(|r| (r.question.as_str(), r.option.as_str(), r.outcome))
        .collect()
}

#[test]
fn nothing_of_note_is_suitable_from_today() {
    let a = run(baseline());
    assert_eq!(a.verdict, Verdict::Suitable);
    assert!(a.reasons.is_empty());
    assert_eq!(a.earliest_start, Some(d(TODAY)));
    let plan = a.plan.unwrap();
    assert_eq!((plan.sessions.min, plan.sessions.max), (4, 6));
    assert_eq!((plan.interval_weeks.min, plan.interval_weeks.max), (4, 6));
    let dates: Vec<String> = plan.dates.iter().map(Date::to_string).collect();
    assert_eq!(
        dates,
        [
            "2026-11-21",
            "2026-12-19",
            "2027-01-16",
            "2027-02-13",
            "2027-03-13",
            "2027-04-10"
        ]
    );
    assert_eq!(plan.week_offsets, [0, 4, 8, 12, 16, 20]);
    assert!(!plan.after_consultation);
    let first = plan.results.first_visible.unwrap();
    assert_eq!((first.from, first.to), (d("2026-12-19"), d("2027-01-02")));
    let full = plan.results.full_result.unwrap();
    assert_eq!((full.from, full.to), (d("2027-07-10"), d("2027-10-10")));
    assert_eq!(plan.results.collagen_months, 12);
    assert_eq!(
        (
            plan.results.maintenance_months.min,
            plan.results.maintenance_months.max
        ),
        (6, 12)
    );
    assert_eq!(plan.visit.treatment_minutes, 30);
    assert_eq!(
        (plan.visit.total_hours.min, plan.visit.total_hours.max),
        (1, 2)
    );
    // Only the always-shown step; it starts today because the first session is today.
    assert_eq!(plan.pre_care.len(), 1);
    assert_eq!(plan.pre_care[0].id, "no_tanning");
    assert_eq!(plan.pre_care[0].date, Some(d(TODAY)));
    assert_eq!(plan.after_care.len(), 7);
    assert!(plan.price.is_none(), "the default protocol sets no prices");
}

#[test]
fn each_hard_contraindication_is_not_suitable_with_no_plan() {
    for (question, option) in [
        ("age", "under_18"),
        ("skin_cancer", "yes"),
        ("bleeding", "yes"),
        ("keloids", "yes"),
    ] {
        let a = run(with(json!({ question: option })));
        assert_eq!(a.verdict, Verdict::NotSuitable, "{question}={option}");
        assert_eq!(a.earliest_start, None);
        assert!(a.plan.is_none());
        assert_eq!(kinds(&a), [(question, option, OutcomeKind::NotSuitable)]);
    }
}

#[test]
fn not_suitable_outranks_everything_else() {
    let a = run(with(json!({
        "keloids": "yes", "pregnancy": "yes", "healing": "yes",
        "recent_treatments": ["tanning"], "topicals": ["retinoids"]
    })));
    assert_eq!(a.verdict, Verdict::NotSuitable);
    assert_eq!(a.earliest_start, None);
    assert!(a.plan.is_none());
    assert_eq!(a.reasons.len(), 5, "every triggered outcome is listed");
}

#[test]
fn pregnancy_and_current_isotretinoin_wait_without_a_date() {
    for (question, option) in [("pregnancy", "yes"), ("isotretinoin", "current")] {
        let a = run(with(json!({ question: option })));
        assert_eq!(a.verdict, Verdict::NotYet);
        assert_eq!(a.earliest_start, None);
        assert_eq!(a.reasons[0].until, None);
        let plan = a.plan.unwrap();
        assert!(plan.dates.is_empty(), "durations instead of dates");
        assert_eq!(plan.week_offsets, [0, 4, 8, 12, 16, 20]);
        assert!(plan.results.first_visible.is_none());
        assert!(plan.pre_care.iter().all(|step| step.date.is_none()));
    }
}

#[test]
fn active_skin_problems_wait_until_healed_and_a_flare_needs_a_consultation() {
    for option in ["acne_flare", "infection", "wound", "sunburn"] {
        let a = run(with(json!({ "active_skin": [option] })));
        assert_eq!(a.verdict, Verdict::NotYet, "{option}");
        assert_eq!(a.earliest_start, None);
    }
    let a = run(with(json!({ "active_skin": ["flare"] })));
    assert_eq!(a.verdict, Verdict::Consult);
    assert_eq!(a.earliest_start, Some(d(TODAY)));
    assert!(a.plan.unwrap().after_consultation);
}

#[test]
fn recent_isotretinoin_waits_six_months_from_the_stop_date() {
    let a = run(with(
        json!({ "isotretinoin": {"option": "recent", "date": "2026-08-31"} }),
    ));
    assert_eq!(a.verdict, Verdict::NotYet);
    // 31 August + 6 months = the last day of February.
    assert_eq!(a.reasons[0].until, Some(d("2027-02-28")));
    assert_eq!(a.earliest_start, Some(d("2027-02-28")));
    assert_eq!(a.plan.unwrap().dates[0], d("2027-02-28"));
}

#[test]
fn a_stop_date_longer_ago_than_the_window_no_longer_holds_anything_back() {
    let a = run(with(
        json!({ "isotretinoin": {"option": "recent", "date": "2026-05-21"} }),
    ));
    assert_eq!(a.verdict, Verdict::Suitable);
    assert_eq!(kinds(&a), [("isotretinoin", "recent", OutcomeKind::Info)]);
    assert_eq!(a.reasons[0].until, Some(d("2026-11-21")));
    assert_eq!(a.earliest_start, Some(d(TODAY)));
}

#[test]
fn radiation_waits_twelve_months_from_the_last_treatment() {
    let a = run(with(
        json!({ "radiation": {"option": "yes", "date": "2026-02-10"} }),
    ));
    assert_eq!(a.verdict, Verdict::NotYet);
    assert_eq!(a.reasons[0].until, Some(d("2027-02-10")));
    assert_eq!(a.earliest_start, Some(d("2027-02-10")));
}

#[test]
fn recent_treatments_wait_their_windows_from_today() {
    for (option, until) in [
        ("tanning", "2026-12-05"),
        ("injectables", "2026-12-05"),
        ("resurfacing", "2026-12-19"),
    ] {
        let a = run(with(json!({ "recent_treatments": [option] })));
        assert_eq!(a.verdict, Verdict::NotYet);
        assert_eq!(a.reasons[0].until, Some(d(until)), "{option}");
        assert_eq!(a.earliest_start, Some(d(until)));
    }
    let a = run(with(
        json!({ "recent_treatments": ["tanning", "resurfacing", "injectables"] }),
    ));
    assert_eq!(a.reasons.len(), 3);
    assert_eq!(
        a.earliest_start,
        Some(d("2026-12-19")),
        "the latest date wins"
    );
}

#[test]
fn consult_outcomes() {
    for changes in [
        json!({"skin_cancer": "unsure"}),
        json!({"blood_thinners": "yes"}),
        json!({"healing": "yes"}),
        json!({"allergies": ["metal"]}),
        json!({"allergies": ["numbing", "metal"]}),
        json!({"cold_sores": "yes"}),
    ] {
        let a = run(with(changes.clone()));
        assert_eq!(a.verdict, Verdict::Consult, "{changes}");
        assert_eq!(a.earliest_start, Some(d(TODAY)));
        assert!(a.plan.unwrap().after_consultation);
    }
}

#[test]
fn cold_sores_add_the_antiviral_step_without_delaying_the_start() {
    let a = run(with(json!({"cold_sores": "yes"})));
    let plan = a.plan.unwrap();
    let antiviral = plan.pre_care.iter().find(|s| s.id == "antiviral").unwrap();
    assert_eq!(antiviral.date, Some(d(TODAY)), "never before today");
    assert_eq!(a.earliest_start, Some(d(TODAY)));
}

#[test]
fn prepare_leads_delay_the_start_by_the_longest_lead() {
    let a = run(with(json!({"topicals": ["retinoids", "vitamin_c"]})));
    assert_eq!(a.verdict, Verdict::Suitable);
    assert_eq!(a.reasons.len(), 2);
    assert!(a.reasons.iter().all(|r| r.outcome == OutcomeKind::Prepare));
    assert_eq!(a.earliest_start, Some(d("2026-11-26")));
    let plan = a.plan.unwrap();
    let pause = plan
        .pre_care
        .iter()
        .find(|s| s.id == "pause_topicals")
        .unwrap();
    assert_eq!(pause.date, Some(d(TODAY)), "5 days before the 26th");
    assert_eq!(
        plan.pre_care
            .iter()
            .filter(|s| s.id == "pause_topicals")
            .count(),
        1
    );

    let a = run(with(json!({"nsaids": "yes"})));
    assert_eq!(a.verdict, Verdict::Suitable);
    assert_eq!(a.earliest_start, Some(d("2026-11-24")));

    let a = run(with(json!({"nsaids": "yes", "topicals": ["acids"]})));
    assert_eq!(a.earliest_start, Some(d("2026-11-26")));
}

#[test]
fn a_chosen_start_date_is_respected_and_pre_care_is_dated_back_from_it() {
    let a = run(with(json!({
        "start": {"option": "date", "date": "2027-01-31"},
        "topicals": ["retinoids"], "nsaids": "yes"
    })));
    assert_eq!(a.earliest_start, Some(d("2027-01-31")));
    let plan = a.plan.unwrap();
    assert_eq!(plan.dates[1], d("2027-02-28"));
    let by_id = |id: &str| plan.pre_care.iter().find(|s| s.id == id).unwrap().date;
    assert_eq!(by_id("no_tanning"), Some(d("2027-01-17")));
    assert_eq!(by_id("pause_topicals"), Some(d("2027-01-26")));
    assert_eq!(by_id("pause_nsaids"), Some(d("2027-01-28")));
    let order: Vec<&str> = plan.pre_care.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(order, ["no_tanning", "pause_topicals", "pause_nsaids"]);

    // A not_yet date later than the chosen date wins.
    let a = run(with(json!({
        "start": {"option": "date", "date": "2026-12-01"},
        "recent_treatments": ["resurfacing"]
    })));
    assert_eq!(a.earliest_start, Some(d("2026-12-19")));
}

#[test]
fn skin_types_v_and_vi_add_a_precaution_only() {
    for option in ["v", "vi"] {
        let a = run(with(json!({"skin_type": option})));
        assert_eq!(a.verdict, Verdict::Suitable);
        assert_eq!(kinds(&a), [("skin_type", option, OutcomeKind::Info)]);
    }
}

#[test]
fn the_course_is_the_maximum_over_the_chosen_concerns() {
    let course = |concerns: Value, severity: &str| {
        let plan = run(with(json!({"concerns": concerns, "severity": severity})))
            .plan
            .unwrap();
        (
            plan.sessions.min,
            plan.sessions.max,
            plan.dates.len() as i64,
        )
    };
    assert_eq!(course(json!(["acne_scars"]), "mild"), (3, 4, 4));
    assert_eq!(course(json!(["acne_scars"]), "severe"), (6, 8, 8));
    assert_eq!(course(json!(["fine_lines"]), "moderate"), (4, 5, 5));
    assert_eq!(course(json!(["laxity"]), "severe"), (4, 6, 6));
    assert_eq!(course(json!(["pigmentation"]), "moderate"), (4, 6, 6));
    assert_eq!(course(json!(["large_pores"]), "severe"), (3, 4, 4));
    assert_eq!(course(json!(["uneven_tone"]), "mild"), (3, 4, 4));
    assert_eq!(course(json!(["stretch_marks"]), "mild"), (3, 5, 5));
    assert_eq!(course(json!(["stretch_marks"]), "severe"), (6, 8, 8));
    assert_eq!(
        course(json!(["large_pores", "fine_lines"]), "moderate"),
        (4, 5, 5)
    );
    assert_eq!(
        course(json!(["stretch_marks", "fine_lines"]), "mild"),
        (3, 5, 5)
    );
    assert_eq!(course(json!(["hair_loss"]), "severe"), (0, 0, 0));
}

#[test]
fn hair_loss_is_not_offered() {
    let a = run(with(json!({"concerns": ["hair_loss", "large_pores"]})));
    assert_eq!(a.verdict, Verdict::Suitable);
    assert_eq!(kinds(&a), [("concerns", "hair_loss", OutcomeKind::Info)]);
    let plan = a.plan.unwrap();
    assert_eq!(plan.concerns_without_sessions, ["hair_loss"]);
    assert_eq!((plan.sessions.min, plan.sessions.max), (3, 4));
}

#[test]
fn the_plan_is_computed_from_today_as_given() {
    let a = run_on(baseline(), "2028-02-29");
    assert_eq!(a.earliest_start, Some(d("2028-02-29")));
    let plan = a.plan.unwrap();
    assert_eq!(plan.dates[1], d("2028-03-28"));
    // Last session 2028-07-18; + 3 and + 6 months.
    let full = plan.results.full_result.unwrap();
    assert_eq!((full.from, full.to), (d("2028-10-18"), d("2029-01-18")));
}

#[test]
fn answers_are_checked_with_messages_that_name_the_question() {
    let protocol = Protocol::default_protocol();
    let today = d(TODAY);
    let error = |changes: Value| {
        Answers::from_json(&with(changes).to_string(), &protocol, today)
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        error(json!({"pregnancy": "maybe"})),
        "question \"pregnancy\": there is no option \"maybe\" (options: yes, no)"
    );
    assert_eq!(
        error(json!({"favourite_colour": "blue"})),
        "question \"favourite_colour\": there is no such question in the protocol"
    );
    assert_eq!(
        error(json!({"allergies": ["none", "metal"]})),
        "question \"allergies\": option \"none\" cannot be combined with other choices"
    );
    assert_eq!(
        error(json!({"allergies": []})),
        "question \"allergies\": choose at least one option"
    );
    assert_eq!(
        error(json!({"isotretinoin": {"option": "recent", "date": "2026-02-30"}})),
        "question \"isotretinoin\": the date \"2026-02-30\" is not a day on the calendar"
    );
    assert_eq!(
        error(json!({"isotretinoin": {"option": "recent", "date": "30/09/2026"}})),
        "question \"isotretinoin\": the date \"30/09/2026\" is not a date of the form YYYY-MM-DD"
    );
    assert_eq!(
        error(json!({"isotretinoin": "recent"})),
        "question \"isotretinoin\": option \"recent\" needs a date: {\"option\": \"recent\", \"date\": \"YYYY-MM-DD\"}"
    );
    assert_eq!(
        error(json!({"isotretinoin": {"option": "recent", "date": "2026-12-01"}})),
        "question \"isotretinoin\": the date 2026-12-01 is in the future; this asks when something happened (today is 2026-11-21)"
    );
    assert_eq!(
        error(json!({"start": {"option": "date", "date": "2026-11-20"}})),
        "question \"start\": the date 2026-11-20 has already passed; choose today or a later date (today is 2026-11-21)"
    );
    assert_eq!(
        error(json!({"pregnancy": ["no"]})),
        "question \"pregnancy\": expected one option id, or {\"option\": …, \"date\": …}, found [\"no\"]"
    );
    assert_eq!(
        error(json!({"concerns": "acne_scars"})),
        "question \"concerns\": this question takes a list of option ids, found \"acne_scars\""
    );
    assert_eq!(
        error(json!({"radiation": {"option": "no", "date": "2026-01-01"}})),
        "question \"radiation\": option \"no\" takes no date"
    );
}

#[test]
fn answers_round_trip_through_the_answers_file_format() {
    let protocol = Protocol::default_protocol();
    let source = with(json!({
        "isotretinoin": {"option": "recent", "date": "2026-09-30"},
        "topicals": ["retinoids", "acids"]
    }));
    let answers = Answers::from_json(&source.to_string(), &protocol, d(TODAY)).unwrap();
    let again: Value = serde_json::from_str(&answers.to_json(&protocol)).unwrap();
    assert_eq!(again, source);
}

#[test]
fn the_pre_care_checklist_reads_longest_lead_first_and_ties_keep_the_protocols_order() {
    // PRP: no_tanning leads by 14 days, pause_nsaids by 7, no_smoking by 3; blood_draw and
    // hydrate by a day and no_alcohol by 24 hours, in that order in the file.
    let protocol = Protocol::from_json(
        &std::fs::read_to_string("static/protocols/prp-microneedling.json").unwrap(),
    )
    .unwrap();
    let base: Value = serde_json::from_str::<Value>(
        &std::fs::read_to_string("examples/cases-prp-microneedling.json").unwrap(),
    )
    .unwrap()["base"]
        .clone();
    let mut answers = base;
    for (question, option) in [("nsaids", "otc"), ("smoking", "yes"), ("fainting", "yes")] {
        answers[question] = json!(option);
    }
    let answers = Answers::from_json(&answers.to_string(), &protocol, d(TODAY)).unwrap();
    let a = assess(
        &protocol,
        &answers,
        d(TODAY),
        &candidacy_quiz::Locale::native("en"),
    );
    let order: Vec<&str> = a
        .plan
        .as_ref()
        .unwrap()
        .pre_care
        .iter()
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(
        order,
        [
            "no_tanning",
            "pause_nsaids",
            "no_smoking",
            "blood_draw",
            "hydrate",
            "no_alcohol"
        ]
    );
}
