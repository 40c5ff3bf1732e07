//! The plan as a timeline to look at: today, the start of the pre-care, each session, the first
//! visible change and the full result, in the order they come (a first change is often visible
//! before the last session). Dates when the plan has an earliest start;
//! otherwise weeks and spans counted from the sessions. The result screen draws it as an SVG
//! (src/app/timeline.rs); the lists under it say the same in words.

use crate::date::{Date, Span};
use crate::plan::{DateRange, Plan};
use crate::protocol::Range;

/// What happens at a point of the timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event {
    Today,
    PreCare,
    /// The session's number, from 1.
    Session(usize),
    FirstVisible,
    FullResult,
}

/// When it happens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    Date(Date),
    Dates(DateRange),
    /// Weeks after the first session (the plan's week offsets).
    Week(i64),
    /// This long before the first session.
    Before(Span),
    /// Weeks after the first session.
    WeeksAfterFirst(Range),
    /// Months after the last session.
    MonthsAfterLast(Range),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Row {
    pub event: Event,
    pub when: When,
}

/// The timeline of `plan` seen on `today`; empty when the plan has no sessions.
pub fn rows(plan: &Plan, today: Date) -> Vec<Row> {
    if plan.sessions.max == 0 {
        return Vec::new();
    }
    let mut rows = Timeline::default();
    let results = &plan.results;
    if plan.dates.is_empty() {
        // Ordered by days from the first session, roughly (a month of 30).
        if let Some(before) = plan.pre_care.iter().map(|s| s.before).reduce(longer) {
            rows.place(i64::MIN, Event::PreCare, When::Before(before));
        }
        for (i, week) in plan.week_offsets.iter().enumerate() {
            rows.place(week * 7, Event::Session(i + 1), When::Week(*week));
        }
        let weeks = results.first_visible_weeks;
        rows.place(
            weeks.min * 7,
            Event::FirstVisible,
            When::WeeksAfterFirst(weeks),
        );
        let last = plan.week_offsets.last().copied().unwrap_or(0);
        let months = results.full_result_months;
        let after = last * 7 + months.min * 30;
        rows.place(after, Event::FullResult, When::MonthsAfterLast(months));
    } else {
        let mut dated = |event, when: When| {
            let from = match when {
                When::Dates(range) => range.from,
                When::Date(date) => date,
                _ => today,
            };
            rows.place(from.to_days(), event, when);
        };
        dated(Event::Today, When::Date(today));
        if let Some(first) = plan.pre_care.iter().filter_map(|s| s.date).min() {
            dated(Event::PreCare, When::Date(first));
        }
        for (i, date) in plan.dates.iter().enumerate() {
            dated(Event::Session(i + 1), When::Date(*date));
        }
        if let Some(range) = results.first_visible {
            dated(Event::FirstVisible, When::Dates(range));
        }
        if let Some(range) = results.full_result {
            dated(Event::FullResult, When::Dates(range));
        }
    }
    rows.0.into_iter().map(|(_, row)| row).collect()
}

/// Rows kept in order of when they start, each placed after those that start no later (no
/// sort: its code would be in the quiz's wasm for a handful of rows).
#[derive(Default)]
struct Timeline(Vec<(i64, Row)>);

impl Timeline {
    fn place(&mut self, key: i64, event: Event, when: When) {
        let at = self.0.iter().take_while(|(k, _)| *k <= key).count();
        self.0.insert(at, (key, Row { event, when }));
    }
}

/// The longer of two spans (the one that covers the other), `a` when neither does.
fn longer(a: Span, b: Span) -> Span {
    if b.covers(a) && !a.covers(b) {
        b
    } else {
        a
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::{Answer, Answers};
    use crate::protocol::Protocol;
    use crate::{assess, Locale};

    fn today() -> Date {
        Date::new(2026, 12, 7).unwrap()
    }

    fn plan(changes: &[(&str, &str)]) -> Plan {
        let protocol = Protocol::default_protocol();
        let mut answers = Answers::new();
        for question in &protocol.questions {
            let option = question
                .options
                .iter()
                .find(|o| o.exclusive || ["adult", "no", "never", "asap"].contains(&&*o.id))
                .or_else(|| question.options.iter().find(|o| o.date.is_none()))
                .unwrap();
            answers.set(&question.id, Answer::one(&option.id));
        }
        for (question, option) in changes {
            answers.set(question, Answer::one(option));
        }
        assess(&protocol, &answers, today(), &Locale::wordless())
            .plan
            .expect("a plan")
    }

    fn dates(rows: &[Row]) -> Vec<Date> {
        rows.iter()
            .map(|row| match row.when {
                When::Date(date) => date,
                When::Dates(range) => range.from,
                other => panic!("{other:?} in a dated timeline"),
            })
            .collect()
    }

    #[test]
    fn with_an_earliest_start_it_runs_from_today_by_date() {
        let plan = plan(&[]);
        let rows = rows(&plan, today());
        assert_eq!(
            rows[0],
            Row {
                event: Event::Today,
                when: When::Date(today())
            }
        );
        let events: Vec<Event> = rows.iter().map(|r| r.event).collect();
        let sessions = plan.dates.len();
        assert!(sessions > 0);
        assert_eq!(events.last(), Some(&Event::FullResult));
        assert_eq!(
            events
                .iter()
                .filter(|e| matches!(e, Event::Session(_)))
                .count(),
            sessions
        );
        let dates = dates(&rows);
        assert!(
            dates.windows(2).all(|w| w[0] <= w[1]),
            "in order: {dates:?}"
        );
        // A first change is visible before the last session.
        let visible = events
            .iter()
            .position(|e| *e == Event::FirstVisible)
            .unwrap();
        assert!(events[visible + 1..].contains(&Event::Session(sessions)));
        let first_session = rows.iter().find(|r| r.event == Event::Session(1)).unwrap();
        assert_eq!(first_session.when, When::Date(plan.dates[0]));
    }

    #[test]
    fn without_an_earliest_start_it_counts_weeks() {
        let plan = plan(&[("pregnancy", "yes")]);
        assert!(plan.dates.is_empty());
        let rows = rows(&plan, today());
        assert!(rows.iter().all(|r| r.event != Event::Today));
        assert_eq!(
            rows.iter()
                .filter(|r| matches!(r.when, When::Week(_)))
                .count(),
            plan.week_offsets.len()
        );
        assert_eq!(
            rows.last().map(|r| r.when),
            Some(When::MonthsAfterLast(plan.results.full_result_months))
        );
        if let Some(first) = rows.first().filter(|r| r.event == Event::PreCare) {
            // The longest lead time of the pre-care steps.
            let When::Before(before) = first.when else {
                panic!()
            };
            assert!(plan.pre_care.iter().all(|s| before.covers(s.before)));
        }
    }

    #[test]
    fn the_longer_span_wins() {
        assert_eq!(longer(Span::days(3), Span::days(14)), Span::days(14));
        assert_eq!(longer(Span::days(14), Span::days(3)), Span::days(14));
    }
}
