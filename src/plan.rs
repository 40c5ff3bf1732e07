//! The estimated session plan: how many sessions, how far apart, on which dates, when results
//! show, what a visit takes, what to do before and after, and what it may cost.
//!
//! Dates are planned at the shortest interval from `earliest_start`; without an earliest start
//! (a `not_yet` with no date) the plan gives week offsets only.

use serde::Serialize;

use crate::answers::Answers;
use crate::assess::{Reason, Verdict};
use crate::date::{Date, Span};
use crate::protocol::{Protocol, Range};
use crate::wording::Locale;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Plan {
    /// Sessions in the course (the maximum over the chosen concerns).
    pub sessions: Range,
    pub interval_weeks: Range,
    /// The verdict was `consult`: every date is "after your consultation".
    pub after_consultation: bool,
    /// One date per session up to the maximum, at the shortest interval; empty without an
    /// earliest start.
    pub dates: Vec<Date>,
    /// Weeks from the first session to each session.
    pub week_offsets: Vec<i64>,
    pub results: ResultsTimeline,
    pub visit: Visit,
    pub pre_care: Vec<PreCare>,
    pub after_care: Vec<AfterCare>,
    /// Concerns chosen that the protocol plans no sessions for (with their reason given).
    pub concerns_without_sessions: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub price: Option<PriceEstimate>,
}

/// A range of calendar dates, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct DateRange {
    pub from: Date,
    pub to: Date,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ResultsTimeline {
    /// Weeks after the first session until a first visible change.
    pub first_visible_weeks: Range,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_visible: Option<DateRange>,
    /// Months after the last session until the full result can be judged.
    pub full_result_months: Range,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub full_result: Option<DateRange>,
    pub collagen_months: i64,
    pub maintenance_months: Range,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Visit {
    pub treatment_minutes: i64,
    pub numbing_minutes: Range,
    pub total_hours: Range,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PreCare {
    pub id: String,
    /// How long before the first session the step starts.
    pub before: Span,
    /// The day to start: the lead time before the first session, never before today.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AfterCare {
    pub id: String,
    /// How long after each session the step lasts.
    pub lasts: Span,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PriceEstimate {
    pub currency: String,
    /// Whole currency units for the shortest and the longest course, over the priced areas.
    pub min: i64,
    pub max: i64,
    /// Chosen areas the clinic set no price for: the estimate leaves them out.
    pub unpriced_areas: Vec<String>,
}

/// The course for the chosen concerns and severity: the maximum of the minimums and the maximum
/// of the maximums; `None` until both are answered. Concerns without session counts add none.
pub fn course(protocol: &Protocol, answers: &Answers) -> Option<Range> {
    let rules = &protocol.plan;
    let concerns = answers.get(&rules.concerns_question)?;
    let severity = answers.get(&rules.severity_question)?.options.first()?;
    let mut course = Range { min: 0, max: 0 };
    for concern in &concerns.options {
        if let Some(counts) = rules.sessions.get(concern) {
            let range = match severity.as_str() {
                "mild" => counts.mild,
                "moderate" => counts.moderate,
                _ => counts.severe,
            };
            course.min = course.min.max(range.min);
            course.max = course.max.max(range.max);
        }
    }
    Some(course)
}

/// Session dates: `count` sessions from `first`, `interval_weeks` apart.
pub fn session_dates(first: Date, count: i64, interval_weeks: i64) -> Vec<Date> {
    (0..count)
        .map(|n| first + Span::weeks((n * interval_weeks) as u32))
        .collect()
}

/// Builds the plan once the goals are answered; `None` before that.
pub fn build(
    protocol: &Protocol,
    answers: &Answers,
    reasons: &[Reason],
    verdict: Verdict,
    earliest_start: Option<Date>,
    today: Date,
    locale: &Locale,
) -> Option<Plan> {
    let rules = &protocol.plan;
    let sessions = course(protocol, answers)?;
    let interval_weeks = rules.interval_weeks.range();
    let dates = earliest_start
        .map(|first| session_dates(first, sessions.max, interval_weeks.min))
        .unwrap_or_default();
    let week_offsets = (0..sessions.max).map(|n| n * interval_weeks.min).collect();

    let results_rules = &rules.results;
    let first_visible_weeks = results_rules.first_visible_weeks.range();
    let full_result_months = results_rules.full_result_months.range();
    let weeks = |n: i64| Span::weeks(n as u32);
    let months = |n: i64| Span::months(n as u32);
    let results = ResultsTimeline {
        first_visible_weeks,
        first_visible: dates.first().map(|&first| DateRange {
            from: first + weeks(first_visible_weeks.min),
            to: first + weeks(first_visible_weeks.max),
        }),
        full_result_months,
        full_result: dates.last().map(|&last| DateRange {
            from: last + months(full_result_months.min),
            to: last + months(full_result_months.max),
        }),
        collagen_months: results_rules.collagen_months,
        maintenance_months: results_rules.maintenance_months.range(),
    };

    let named_steps: Vec<&str> = reasons.iter().filter_map(|r| r.step.as_deref()).collect();
    let steps = rules
        .pre_care
        .iter()
        .filter(|step| step.always || named_steps.contains(&step.id.as_str()))
        .filter_map(|step| {
            let before = protocol.window(&step.before)?;
            Some(PreCare {
                id: step.id.clone(),
                before,
                date: dates.first().map(|first| (*first - before).max(today)),
                text: locale.render(protocol, &step.text),
            })
        });
    // Longest lead first: the checklist reads in the order the visitor acts on it; steps with
    // the same lead keep the protocol's order. Inserted one by one (a handful of steps), which
    // keeps a sort's code out of the quiz's wasm.
    let mut pre_care: Vec<PreCare> = Vec::new();
    for step in steps {
        let lead = approximate_days(step.before);
        let at = pre_care
            .iter()
            .position(|placed| approximate_days(placed.before) < lead)
            .unwrap_or(pre_care.len());
        pre_care.insert(at, step);
    }

    let after_care = rules
        .after_care
        .iter()
        .filter_map(|step| {
            Some(AfterCare {
                id: step.id.clone(),
                lasts: protocol.window(&step.lasts)?,
                text: locale.render(protocol, &step.text),
            })
        })
        .collect();

    let concerns_without_sessions = answers
        .get(&rules.concerns_question)
        .map(|concerns| {
            concerns
                .options
                .iter()
                .filter(|c| !rules.sessions.contains_key(*c))
                .cloned()
                .collect()
        })
        .unwrap_or_default();

    let visit_rules = &rules.visit;
    Some(Plan {
        sessions,
        interval_weeks,
        after_consultation: verdict == Verdict::Consult,
        dates,
        week_offsets,
        results,
        visit: Visit {
            treatment_minutes: visit_rules.treatment_minutes,
            numbing_minutes: visit_rules.numbing_minutes,
            total_hours: visit_rules.total_hours,
        },
        pre_care,
        after_care,
        concerns_without_sessions,
        price: price(protocol, answers, sessions),
    })
}

/// Orders spans of mixed units; exactness is not needed to sort a checklist.
fn approximate_days(span: Span) -> i64 {
    let amount = i64::from(span.amount);
    match span.unit {
        crate::date::Unit::Hours => amount / 24,
        crate::date::Unit::Days => amount,
        crate::date::Unit::Weeks => amount * 7,
        crate::date::Unit::Months => amount * 30,
    }
}

fn price(protocol: &Protocol, answers: &Answers, sessions: Range) -> Option<PriceEstimate> {
    let pricing = protocol.pricing.as_ref()?;
    let areas = answers.get(&protocol.plan.areas_question)?;
    let mut per_session = 0;
    let mut unpriced_areas = Vec::new();
    for area in &areas.options {
        match pricing.per_session.get(area) {
            Some(price) => per_session += price,
            None => unpriced_areas.push(area.clone()),
        }
    }
    Some(PriceEstimate {
        currency: pricing.currency.clone(),
        min: per_session * sessions.min,
        max: per_session * sessions.max,
        unpriced_areas,
    })
}
