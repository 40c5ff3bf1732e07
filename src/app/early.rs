//! Offered once an answer makes microneedling unsuitable: see the result now, or go on.

use yew::prelude::*;

use super::{Action, Env};

#[component]
pub fn EarlyResult() -> Html {
    let env = use_context::<Env>().expect("Env is provided by App");
    let ui = env.ui();
    let onresult = env.on(|_: MouseEvent| Action::SeeResultNow);
    let oncontinue = env.on(|_: MouseEvent| Action::NEXT);
    let onback = env.on(|_: MouseEvent| Action::Back);
    html! {
        <section class="screen early" aria-labelledby="step-heading">
            <h1 id="step-heading" tabindex="-1">{ ui.early_title }</h1>
            <p>{ ui.early_text }</p>
            <div class="actions">
                <button type="button" class="primary" onclick={onresult}>{ ui.see_result_now }</button>
                <button type="button" class="secondary" onclick={oncontinue}>{ ui.continue_questions }</button>
                <button type="button" class="secondary" onclick={onback}>{ ui.back }</button>
            </div>
        </section>
    }
}
