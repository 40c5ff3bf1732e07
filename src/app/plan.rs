//! The estimated plan: sessions, spacing, dates (or week numbers), results, each visit, the
//! pre-care checklist, after-care and the estimated cost.

use yew::prelude::*;

use super::timeline::timeline;
use super::{format, Env};
use crate::date::Span;
use crate::i18n::fill;
use crate::plan::Plan;
use crate::protocol::Range;

#[derive(Properties, PartialEq)]
pub struct PlanViewProps {
    pub plan: Plan,
}

#[component]
pub fn PlanView(props: &PlanViewProps) -> Html {
    let env = use_context::<Env>().expect("Env is provided by App");
    let ui = env.ui();
    let lang = ui.lang;
    let plan = &props.plan;
    let date = |d| format::date(lang, d);
    let n = |n: i64| format::number(lang, n);

    if plan.sessions.max == 0 {
        return html! {
            <section class="plan" aria-labelledby="plan-heading">
                <h2 id="plan-heading">{ ui.plan_title }</h2>
                <p>{ ui.no_sessions }</p>
            </section>
        };
    }

    let schedule = if plan.dates.is_empty() {
        html! {
            <>
                <p class="note">{ ui.weeks_note }</p>
                <ol class="schedule">
                    for (i, week) in plan.week_offsets.iter().enumerate() {
                        <li>
                            <span class="session-name">{ fill(ui.session_n, &[("n", &n(i as i64 + 1))]) }</span>
                            <span>{ fill(ui.week_n, &[("n", &n(*week))]) }</span>
                        </li>
                    }
                </ol>
            </>
        }
    } else {
        html! {
            <>
                <p class="note">{ ui.schedule_note }</p>
                <ol class="schedule">
                    for (i, d) in plan.dates.iter().enumerate() {
                        <li>
                            <span class="session-name">{ fill(ui.session_n, &[("n", &n(i as i64 + 1))]) }</span>
                            <time datetime={d.to_string()}>{ date(*d) }</time>
                        </li>
                    }
                </ol>
            </>
        }
    };

    let results = &plan.results;
    let between = |range: Option<crate::plan::DateRange>| {
        range
            .map(|r| {
                format!(
                    " ({})",
                    fill(ui.between, &[("from", &date(r.from)), ("to", &date(r.to))])
                )
            })
            .unwrap_or_default()
    };
    let first_visible = fill(
        ui.first_visible,
        &[(
            "span",
            &format::counted(ui, &ui.weeks, results.first_visible_weeks),
        )],
    ) + &between(results.first_visible);
    let full_result = fill(
        ui.full_result,
        &[(
            "span",
            &format::counted(ui, &ui.months, results.full_result_months),
        )],
    ) + &between(results.full_result);
    let single = |value: i64| Range {
        min: value,
        max: value,
    };

    let visit = &plan.visit;
    let price = plan.price.as_ref().map(|price| {
        let money = |amount| format::money(lang, &price.currency, amount);
        let areas = env.protocol.0.question(&env.protocol.0.plan.areas_question);
        let unpriced: Vec<String> = price
            .unpriced_areas
            .iter()
            .filter_map(|id| areas.and_then(|q| q.option(id)))
            .map(|o| env.text(&o.label))
            .collect();
        html! {
            <section aria-labelledby="price-heading">
                <h3 id="price-heading">{ ui.price_title }</h3>
                <p>{ fill(ui.price_value, &[("min", &money(price.min)), ("max", &money(price.max))]) }</p>
                if !unpriced.is_empty() {
                    <p>{ fill(ui.price_unpriced, &[("areas", &unpriced.join(", "))]) }</p>
                }
            </section>
        }
    });
    let span = |s: Span| format::span(ui, s);

    html! {
        <section class="plan" aria-labelledby="plan-heading">
            <h2 id="plan-heading">{ ui.plan_title }</h2>
            if plan.after_consultation {
                <p class="badge">{ ui.after_consultation }</p>
            }
            <dl class="plan-figures">
                <div>
                    <dt>{ ui.sessions_label }</dt>
                    <dd>{ format::counted(ui, &ui.sessions, plan.sessions) }</dd>
                </div>
                <div>
                    <dt>{ ui.interval_label }</dt>
                    <dd>{ fill(ui.every, &[("span", &format::counted(ui, &ui.weeks, plan.interval_weeks))]) }</dd>
                </div>
            </dl>
            { timeline(&env, plan) }
            <section aria-labelledby="schedule-heading">
                <h3 id="schedule-heading">{ ui.schedule_title }</h3>
                { schedule }
            </section>
            <section aria-labelledby="results-heading">
                <h3 id="results-heading">{ ui.results_title }</h3>
                <ul>
                    <li>{ first_visible }</li>
                    <li>{ full_result }</li>
                    <li>{ fill(ui.collagen, &[("span", &format::counted(ui, &ui.months, single(results.collagen_months)))]) }</li>
                    <li>{ fill(ui.maintenance, &[("span", &format::counted(ui, &ui.months, results.maintenance_months))]) }</li>
                </ul>
            </section>
            <section aria-labelledby="visit-heading">
                <h3 id="visit-heading">{ ui.visit_title }</h3>
                <ul>
                    <li>{ fill(ui.visit_treatment, &[("span", &format::counted(ui, &ui.minutes, single(visit.treatment_minutes)))]) }</li>
                    <li>{ fill(ui.visit_numbing, &[("span", &format::counted(ui, &ui.minutes, visit.numbing_minutes))]) }</li>
                    <li>{ fill(ui.visit_total, &[("span", &format::counted(ui, &ui.hours, visit.total_hours))]) }</li>
                </ul>
            </section>
            <section aria-labelledby="pre-care-heading">
                <h3 id="pre-care-heading">{ ui.pre_care_title }</h3>
                <ul class="checklist">
                    for step in &plan.pre_care {
                        <li>
                            <span class="when">
                                { match step.date {
                                    Some(d) => fill(ui.from_date, &[("date", &date(d))]),
                                    None => fill(ui.before_first, &[("span", &span(step.before))]),
                                } }
                            </span>
                            { step.text.clone() }
                        </li>
                    }
                </ul>
            </section>
            <section aria-labelledby="after-care-heading">
                <h3 id="after-care-heading">{ ui.after_care_title }</h3>
                <ul class="checklist">
                    for step in &plan.after_care {
                        <li>
                            <span class="when">{ fill(ui.for_span, &[("span", &span(step.lasts))]) }</span>
                            { step.text.clone() }
                        </li>
                    }
                </ul>
            </section>
            { price.unwrap_or_default() }
        </section>
    }
}
