//! One question per screen: a fieldset of native radio buttons or checkboxes, a date when the
//! chosen option asks for one, the problem (if any) tied to the field, Back and Next.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};
use yew::prelude::*;

use super::{format, Action, Env};
use crate::answers::{AnswerError, Answers, Problem};
use crate::date::Date;
use crate::flow;
use crate::i18n::fill;
use crate::protocol::{DateWhen, Protocol, Question, QuestionKind};

#[derive(Properties, PartialEq)]
pub struct QuestionScreenProps {
    /// Index of the question in the protocol.
    pub index: usize,
    /// Every answer so far (this question's is shown as chosen).
    pub answers: Answers,
    /// The problem with this question's answer, after Next.
    pub problem: Option<AnswerError>,
    /// Opened from the review screen: Next returns there.
    pub editing_from_review: bool,
}

fn option_input_id(question: &str, option: &str) -> String {
    format!("opt-{question}-{option}")
}

fn date_input_id(question: &str) -> String {
    format!("date-{question}")
}

/// The id of the control a problem is about, to move focus there.
pub fn problem_target(protocol: &Protocol, problem: &AnswerError) -> String {
    let question = problem.question.as_str();
    match problem.problem {
        Problem::DateRequired { .. }
        | Problem::DateUnreadable { .. }
        | Problem::DateInFuture { .. }
        | Problem::DatePassed { .. }
        | Problem::DateOutsideBand { .. } => date_input_id(question),
        _ => {
            let first = protocol
                .question(question)
                .and_then(|q| q.options.first())
                .map_or("", |o| o.id.as_str());
            option_input_id(question, first)
        }
    }
}

/// The problem in the visitor's words.
fn problem_text(env: &Env, question: &Question, problem: &Problem) -> String {
    let ui = env.ui();
    let kind = question.kind;
    let lang = ui.lang;
    match problem {
        Problem::Required | Problem::ChooseOne => match kind {
            QuestionKind::Single => ui.required_single.to_string(),
            QuestionKind::Multi => ui.required_multi.to_string(),
        },
        Problem::ExclusiveCombined { option } => {
            let label = env
                .protocol
                .0
                .questions
                .iter()
                .find_map(|q| q.option(option))
                .map(|o| env.text(&o.label))
                .unwrap_or_default();
            fill(ui.exclusive, &[("option", &label)])
        }
        Problem::DateRequired { .. } => ui.date_required.to_string(),
        Problem::DateUnreadable { .. } => ui.date_unreadable.to_string(),
        Problem::DateInFuture { today, .. } => {
            fill(ui.date_in_future, &[("today", &format::date(lang, *today))])
        }
        Problem::DatePassed { today, .. } => {
            fill(ui.date_passed, &[("today", &format::date(lang, *today))])
        }
        Problem::DateOutsideBand { fits, .. } => {
            match fits.as_deref().and_then(|id| question.option(id)) {
                Some(option) => fill(
                    ui.date_outside_band_choose,
                    &[("option", &env.text(&option.label))],
                ),
                None => ui.date_outside_band.to_string(),
            }
        }
        Problem::Invalid(_) => ui.required_single.to_string(),
    }
}

/// "Health · 3 of 10" and "Question 3 of 20" for question `index`.
pub fn progress_text(env: &Env, index: usize) -> (String, String) {
    let ui = env.ui();
    let protocol = &env.protocol.0;
    let Some(p) = flow::position(protocol, index) else {
        return Default::default();
    };
    let section = protocol
        .sections
        .get(p.section)
        .map(|s| env.text(&s.title))
        .unwrap_or_default();
    let n = |n: usize| format::number(ui.lang, n as i64);
    (
        fill(
            ui.progress,
            &[
                ("section", &section),
                ("n", &n(p.in_section)),
                ("total", &n(p.section_total)),
            ],
        ),
        fill(
            ui.progress_overall,
            &[("n", &n(p.overall)), ("total", &n(p.total))],
        ),
    )
}

#[component]
pub fn QuestionScreen(props: &QuestionScreenProps) -> Html {
    let env = use_context::<Env>().expect("Env is provided by App");
    let protocol = &env.protocol.0;
    let ui = env.ui();
    let Some(question) = protocol.questions.get(props.index) else {
        return Html::default();
    };
    let index = props.index;
    let qid = question.id.as_str();
    let answer = props.answers.get(qid);
    let position = flow::position(protocol, index);

    let hint_id = format!("hint-{qid}");
    let error_id = format!("error-{qid}");
    let problem = props
        .problem
        .as_ref()
        .filter(|p| p.question == qid)
        .map(|p| &p.problem);
    let date_problem = matches!(
        problem,
        Some(
            Problem::DateRequired { .. }
                | Problem::DateInFuture { .. }
                | Problem::DatePassed { .. }
                | Problem::DateOutsideBand { .. }
        )
    );
    let options_problem = problem.is_some() && !date_problem;
    let hint = match (&question.hint, question.kind) {
        (Some(hint), _) => Some(env.text(hint)),
        (None, QuestionKind::Multi) => Some(ui.choose_all_that_apply.to_string()),
        (None, QuestionKind::Single) => None,
    };
    let described_by = {
        let mut ids = Vec::new();
        if hint.is_some() {
            ids.push(hint_id.clone());
        }
        if options_problem {
            ids.push(error_id.clone());
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    };
    let input_type = match question.kind {
        QuestionKind::Single => "radio",
        QuestionKind::Multi => "checkbox",
    };

    let options = question.options.iter().map(|option| {
        let input_id = option_input_id(qid, &option.id);
        let chosen = answer.is_some_and(|a| a.has(&option.id));
        let onchange = {
            let option = option.id.clone();
            env.on(move |event: Event| {
                let input: HtmlInputElement = event.target_unchecked_into();
                Action::Choose {
                    question: index,
                    option: option.clone(),
                    chosen: input.checked(),
                }
            })
        };
        html! {
            <div class="choice" key={option.id.clone()}>
                <input
                    type={input_type}
                    id={input_id.clone()}
                    name={qid.to_string()}
                    value={option.id.clone()}
                    checked={chosen}
                    aria-invalid={options_problem.then_some("true")}
                    {onchange}
                />
                <label for={input_id}>{ env.text(&option.label) }</label>
            </div>
        }
    });

    let follow_up = answer
        .and_then(|a| a.options.first())
        .and_then(|o| question.option(o))
        .and_then(|o| o.date.as_ref())
        .map(|follow_up| {
            let input_id = date_input_id(qid);
            let date_hint_id = format!("date-hint-{qid}");
            let (min, max, hint_text) = match follow_up.when {
                DateWhen::Past => (env.today.add_days(-365 * 20), env.today, ui.date_hint_past),
                DateWhen::Future => (env.today, env.today.add_days(365 * 3), ui.date_hint_future),
            };
            let oninput = env.on(move |event: InputEvent| {
                let input: HtmlInputElement = event.target_unchecked_into();
                Action::SetDate {
                    question: index,
                    date: Date::parse(&input.value()).ok(),
                }
            });
            let described = if date_problem {
                format!("{date_hint_id} {error_id}")
            } else {
                date_hint_id.clone()
            };
            html! {
                <div class="follow-up">
                    <label for={input_id.clone()}>{ env.text(&follow_up.label) }</label>
                    <p class="hint" id={date_hint_id}>{ hint_text }</p>
                    <input
                        type="date"
                        id={input_id}
                        min={min.to_string()}
                        max={max.to_string()}
                        value={answer.and_then(|a| a.date).map(|d| d.to_string()).unwrap_or_default()}
                        aria-describedby={described}
                        aria-invalid={date_problem.then_some("true")}
                        {oninput}
                    />
                </div>
            }
        });

    let error = problem.map(|problem| {
        html! {
            <p class="error" id={error_id.clone()}>
                <span class="error-mark" aria-hidden="true">{ "!" }</span>
                { problem_text(&env, question, problem) }
            </p>
        }
    });

    let onsubmit = env.on(|event: SubmitEvent| {
        event.prevent_default();
        // Text that isn't a real day (30 February) leaves the field without a value and fires
        // no input event; the field's validity still knows.
        let form: Element = event.target_unchecked_into();
        let unreadable_date = form
            .query_selector("input[type=date]")
            .ok()
            .flatten()
            .and_then(|input| input.dyn_into::<HtmlInputElement>().ok())
            .is_some_and(|input| input.validity().bad_input());
        Action::Next { unreadable_date }
    });
    let onback = env.on(|_: MouseEvent| Action::Back);
    let (progress_text, progress_label) = progress_text(&env, index);
    let next_label = if props.editing_from_review {
        ui.save_and_review
    } else {
        ui.next
    };
    html! {
        <section class="screen question" aria-labelledby="step-heading">
            <p class="progress-text">{ progress_text }</p>
            <progress
                max={position.map(|p| p.total).unwrap_or(1).to_string()}
                value={position.map(|p| p.overall).unwrap_or(0).to_string()}
                aria-label={progress_label}
            ></progress>
            <form novalidate=true {onsubmit}>
                <fieldset aria-describedby={described_by}>
                    <legend>
                        <h1 id="step-heading" tabindex="-1">{ env.text(&question.text) }</h1>
                    </legend>
                    if let Some(hint) = hint {
                        <p class="hint" id={hint_id}>{ hint }</p>
                    }
                    if options_problem {
                        { error.clone().unwrap_or_default() }
                    }
                    <div class="choices">{ for options }</div>
                    { follow_up.unwrap_or_default() }
                    if date_problem {
                        { error.unwrap_or_default() }
                    }
                </fieldset>
                <div class="actions">
                    <button type="submit" class="primary">{ next_label }</button>
                    <button type="button" class="secondary" onclick={onback}>{ ui.back }</button>
                </div>
            </form>
        </section>
    }
}
