//! The calendar export, read back with the `ical` crate (an independent RFC 5545 parser).

#![cfg(not(target_arch = "wasm32"))]

use candidacy_quiz::ics::{calendar, CalendarText};
use candidacy_quiz::{assess, Answers, Date, Protocol};
use serde_json::json;

fn plan_calendar(start: &str) -> Option<String> {
    let protocol = Protocol::default_protocol();
    let today = Date::parse("2026-11-21").unwrap();
    let answers = json!({
        "age": "adult", "pregnancy": "no", "skin_cancer": "no", "bleeding": "no",
        "blood_thinners": "no", "isotretinoin": "never", "radiation": "no", "healing": "no",
        "keloids": "no", "allergies": ["none"], "active_skin": ["none"], "cold_sores": "yes",
        "recent_treatments": ["none"], "topicals": ["retinoids"], "nsaids": "no", "skin_type": "iii",
        "concerns": ["acne_scars"], "severity": "severe", "areas": ["face"],
        "start": {"option": "date", "date": start}
    });
    let answers = Answers::from_json(&answers.to_string(), &protocol, today).unwrap();
    let plan = assess(
        &protocol,
        &answers,
        today,
        &candidacy_quiz::Locale::native("en"),
    )
    .plan
    .unwrap();
    let title = |n: usize, total: usize| {
        format!("Microneedling session {n} of {total}; estimate, confirm with the clinic")
    };
    let text = CalendarText {
        calendar_name: "Microneedling plan, Clinic \"Ñandú\"",
        session_title: &title,
        session_description: "An estimate, not medical advice.\nConfirm every date at your consultation; bring your questions, a list of medicines, and your calendar.",
        pre_care_title: "Before your first session",
    };
    calendar(&plan, &protocol.id, today, &text)
}

#[test]
fn sessions_and_pre_care_reminders_parse_as_all_day_events() {
    let ics = plan_calendar("2027-01-31").unwrap();
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "line of {} octets: {line}", line.len());
        assert!(!line.contains('\n'));
    }
    let mut parser = ical::IcalParser::new(ics.as_bytes());
    let calendar = parser.next().expect("one calendar").expect("parses");
    assert!(parser.next().is_none());
    let property = |props: &[ical::property::Property], name: &str| {
        props
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.clone())
            .unwrap_or_default()
    };
    assert_eq!(property(&calendar.properties, "VERSION"), "2.0");
    assert_eq!(
        calendar.events.len(),
        8 + 3,
        "8 sessions, 3 pre-care reminders"
    );
    let sessions: Vec<_> = calendar.events.iter().take(8).collect();
    let starts: Vec<String> = sessions
        .iter()
        .map(|e| property(&e.properties, "DTSTART"))
        .collect();
    assert_eq!(
        starts,
        [
            "20270131", "20270228", "20270328", "20270425", "20270523", "20270620", "20270718",
            "20270815"
        ]
    );
    for event in &sessions {
        let dtstart = event
            .properties
            .iter()
            .find(|p| p.name == "DTSTART")
            .unwrap();
        let params = dtstart.params.clone().unwrap_or_default();
        assert!(params
            .iter()
            .any(|(k, v)| k == "VALUE" && v == &vec!["DATE".to_string()]));
    }
    // Escaped commas and semicolons come back as they were written (the parser keeps escapes).
    assert_eq!(
        property(&sessions[0].properties, "SUMMARY"),
        "Microneedling session 1 of 8\\; estimate\\, confirm with the clinic"
    );
    let uids: std::collections::BTreeSet<String> = calendar
        .events
        .iter()
        .map(|e| property(&e.properties, "UID"))
        .collect();
    assert_eq!(uids.len(), calendar.events.len(), "UIDs are unique");
    let reminders: Vec<String> = calendar.events[8..]
        .iter()
        .map(|e| property(&e.properties, "DTSTART"))
        .collect();
    assert_eq!(reminders, ["20270117", "20270126", "20270129"]);
}

#[test]
fn uids_are_stable_for_the_same_plan() {
    assert_eq!(plan_calendar("2027-01-31"), plan_calendar("2027-01-31"));
    assert_ne!(plan_calendar("2027-01-31"), plan_calendar("2027-02-01"));
}
