//! The plan as a picture: an SVG timeline from today to the full result (src/timeline.rs orders
//! it), one row per moment, the axis on the side the visitor's language starts from. Its name
//! says the same dates are in the lists under it, which are its text equivalent.

use yew::prelude::*;

use super::{format, Env};
use crate::i18n::fill;
use crate::plan::Plan;
use crate::timeline::{rows, Event, When};

/// Width of the drawing in its own units (it scales to the column, up to a limit set in CSS).
const WIDTH: i32 = 300;
const ROW: i32 = 44;
/// Where the axis is, and where the text starts, from the start side.
const AXIS: i32 = 10;
const TEXT: i32 = 28;

/// The timeline of `plan`, nothing when it has no sessions.
pub fn timeline(env: &Env, plan: &Plan) -> Html {
    let ui = env.ui();
    let rows = rows(plan, env.today);
    if rows.is_empty() {
        return Html::default();
    }
    let lang = ui.lang;
    let date = |d| format::short_date(lang, d);
    let n = |n: i64| format::number(lang, n);
    // Right to left, the axis and the text start from the right.
    let x = |from_start: i32| {
        if ui.dir == "rtl" {
            WIDTH - from_start
        } else {
            from_start
        }
    };
    let height = ROW * rows.len() as i32;
    let last = ROW * (rows.len() as i32 - 1) + ROW / 2;
    html! {
        <section class="timeline" aria-labelledby="timeline-heading">
            <h3 id="timeline-heading">{ ui.timeline_title }</h3>
            <svg viewBox={format!("0 0 {WIDTH} {height}")} role="img" aria-label={ui.timeline_alt}>
                <line class="axis" x1={x(AXIS).to_string()} x2={x(AXIS).to_string()} y1={(ROW / 2).to_string()} y2={last.to_string()} />
                for (i, row) in rows.iter().enumerate() {
                    {{
                        let y = ROW * i as i32 + ROW / 2;
                        let (label, kind) = match row.event {
                            Event::Today => (ui.today.to_string(), "today"),
                            Event::PreCare => (ui.pre_care_begins.to_string(), "pre-care"),
                            Event::Session(k) => (fill(ui.session_n, &[("n", &n(k as i64))]), "session"),
                            Event::FirstVisible => (ui.first_change.to_string(), "result"),
                            Event::FullResult => (ui.full_result_label.to_string(), "result"),
                        };
                        let when = match row.when {
                            When::Date(d) => date(d),
                            When::Dates(range) if range.from == range.to => date(range.from),
                            When::Dates(range) => format!("{} – {}", date(range.from), date(range.to)),
                            When::Week(week) => fill(ui.week_n, &[("n", &n(week))]),
                            When::Before(span) => fill(ui.before_session_1, &[("span", &format::span(ui, span))]),
                            When::WeeksAfterFirst(weeks) => fill(ui.after_session_1, &[("span", &format::counted(ui, &ui.weeks, weeks))]),
                            When::MonthsAfterLast(months) => fill(ui.after_last_session, &[("span", &format::counted(ui, &ui.months, months))]),
                        };
                        html! {
                            <g class={kind}>
                                <circle class="dot" cx={x(AXIS).to_string()} cy={y.to_string()} r="6" />
                                <text class="label" x={x(TEXT).to_string()} y={(y - 3).to_string()}>{ label }</text>
                                <text class="when" x={x(TEXT).to_string()} y={(y + 14).to_string()}>{ when }</text>
                            </g>
                        }
                    }}
                }
            </svg>
        </section>
    }
}
