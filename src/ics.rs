//! The plan as an iCalendar (RFC 5545) document: one all-day event per planned session and per
//! pre-care reminder, for the visitor to import into their own calendar app.
//!
//! Lines end in CRLF and are folded at 75 octets without splitting a UTF-8 character; text is
//! escaped (§3.3.11). UIDs depend only on the protocol, the event and its date, so importing the
//! same plan twice updates the events instead of duplicating them.

use crate::date::Date;
use crate::plan::Plan;

/// Words the calendar needs, in the visitor's language.
pub struct CalendarText<'a> {
    /// Calendar name, e.g. "Microneedling plan".
    pub calendar_name: &'a str,
    /// Session title for number `n` of `total` (1-based).
    pub session_title: &'a dyn Fn(usize, usize) -> String,
    /// Description of every session event (the estimate disclaimer, clinic contact).
    pub session_description: &'a str,
    /// Title prefix for a pre-care reminder, e.g. "Before your first session".
    pub pre_care_title: &'a str,
}

/// The calendar for `plan`; `None` when the plan has no dates to put in a calendar.
pub fn calendar(
    plan: &Plan,
    protocol_id: &str,
    stamp: Date,
    text: &CalendarText,
) -> Option<String> {
    if plan.dates.is_empty() {
        return None;
    }
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, "PRODID:-//Candidacy Quiz//Session plan//EN");
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, "METHOD:PUBLISH");
    line(
        &mut out,
        &format!("X-WR-CALNAME:{}", escape(text.calendar_name)),
    );
    let total = plan.dates.len();
    for (i, &date) in plan.dates.iter().enumerate() {
        event(
            &mut out,
            &format!("session-{}", i + 1),
            protocol_id,
            date,
            stamp,
            &(text.session_title)(i + 1, total),
            text.session_description,
        );
    }
    for step in &plan.pre_care {
        if let Some(date) = step.date {
            event(
                &mut out,
                &format!("pre-care-{}", step.id),
                protocol_id,
                date,
                stamp,
                &format!("{}: {}", text.pre_care_title, step.text),
                &step.text,
            );
        }
    }
    line(&mut out, "END:VCALENDAR");
    Some(out)
}

fn event(
    out: &mut String,
    key: &str,
    protocol_id: &str,
    date: Date,
    stamp: Date,
    summary: &str,
    description: &str,
) {
    line(out, "BEGIN:VEVENT");
    line(
        out,
        &format!("UID:{key}-{}@{protocol_id}.candidacy-quiz", compact(date)),
    );
    line(out, &format!("DTSTAMP:{}T000000Z", compact(stamp)));
    line(out, &format!("DTSTART;VALUE=DATE:{}", compact(date)));
    line(
        out,
        &format!("DTEND;VALUE=DATE:{}", compact(date.add_days(1))),
    );
    line(out, &format!("SUMMARY:{}", escape(summary)));
    line(out, &format!("DESCRIPTION:{}", escape(description)));
    line(out, "TRANSP:TRANSPARENT");
    line(out, "END:VEVENT");
}

fn compact(date: Date) -> String {
    format!("{:04}{:02}{:02}", date.year(), date.month(), date.day())
}

/// Escapes TEXT values: backslash, semicolon, comma and newlines.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => escaped.push_str("\\\\"),
            ';' => escaped.push_str("\\;"),
            ',' => escaped.push_str("\\,"),
            '\n' => escaped.push_str("\\n"),
            '\r' => {}
            c => escaped.push(c),
        }
    }
    escaped
}

/// Appends one content line, folded so that no physical line exceeds 75 octets before its CRLF.
fn line(out: &mut String, content: &str) {
    let mut width = 0;
    for c in content.chars() {
        let octets = c.len_utf8();
        if width + octets > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += octets;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_at_75_octets_without_splitting_characters() {
        let mut out = String::new();
        let long = format!("SUMMARY:{}", "é".repeat(60));
        line(&mut out, &long);
        for physical in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(
                physical.len() <= 75,
                "{} octets: {physical}",
                physical.len()
            );
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("{long}\r\n"));
    }

    #[test]
    fn escapes_text_values() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }
}
