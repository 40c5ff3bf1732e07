//! Every answer, grouped by section, each with a Change button back to its question.

use yew::prelude::*;

use super::{format, Action, Env};
use crate::answers::{Answer, Answers};
use crate::protocol::Question;

#[derive(Properties, PartialEq)]
pub struct ReviewProps {
    pub answers: Answers,
}

/// An answer in words: the chosen options' labels, and the date where one goes with them.
pub fn answer_text(env: &Env, question: &Question, answer: &Answer) -> String {
    let labels: Vec<String> = answer
        .options
        .iter()
        .filter_map(|id| question.option(id))
        .map(|option| env.text(&option.label))
        .collect();
    let mut text = labels.join("; ");
    if let Some(date) = answer.date {
        text.push_str(" — ");
        text.push_str(&format::date(env.ui().lang, date));
    }
    text
}

#[component]
pub fn Review(props: &ReviewProps) -> Html {
    let env = use_context::<Env>().expect("Env is provided by App");
    let protocol = &env.protocol.0;
    let ui = env.ui();
    let sections = protocol.sections.iter().map(|section| {
        let rows = protocol
            .questions
            .iter()
            .enumerate()
            .filter(|(_, q)| q.section == section.id)
            .map(|(index, question)| {
                let answer = props
                    .answers
                    .get(&question.id)
                    .map(|a| answer_text(&env, question, a))
                    .unwrap_or_else(|| ui.not_answered.to_string());
                let onclick = env.on(move |_: MouseEvent| Action::Edit(index));
                let question_text = env.text(&question.text);
                html! {
                    <div class="review-row" key={question.id.clone()}>
                        <dt>{ question_text.clone() }</dt>
                        <dd>
                            <span class="review-answer">{ answer }</span>
                            <button
                                type="button"
                                class="link"
                                aria-label={format!("{}: {question_text}", ui.change)}
                                {onclick}
                            >
                                { ui.change }
                            </button>
                        </dd>
                    </div>
                }
            });
        html! {
            <section class="review-section" key={section.id.clone()}>
                <h2>{ env.text(&section.title) }</h2>
                <dl>{ for rows }</dl>
            </section>
        }
    });
    let onresult = env.on(|_: MouseEvent| Action::NEXT);
    let onback = env.on(|_: MouseEvent| Action::Back);
    html! {
        <section class="screen review" aria-labelledby="step-heading">
            <h1 id="step-heading" tabindex="-1">{ ui.review_title }</h1>
            <p>{ ui.review_intro }</p>
            { for sections }
            <div class="actions">
                <button type="button" class="primary" onclick={onresult}>{ ui.see_result }</button>
                <button type="button" class="secondary" onclick={onback}>{ ui.back }</button>
            </div>
        </section>
    }
}
