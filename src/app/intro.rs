//! The first screen: what the quiz does, that answers stay on the device, that the result is an
//! estimate, and the Start button.

use yew::prelude::*;

use super::{Action, Env};

#[component]
pub fn Intro() -> Html {
    let env = use_context::<Env>().expect("Env is provided by App");
    let protocol = &env.protocol.0;
    let onclick = env.on(|_: MouseEvent| Action::NEXT);
    html! {
        <section class="screen intro" aria-labelledby="step-heading">
            <h1 id="step-heading" tabindex="-1">{ env.text(&protocol.title) }</h1>
            <p class="lead">{ env.text(&protocol.intro) }</p>
            <ul class="assurances">
                <li class="privacy">{ env.text(&protocol.privacy) }</li>
                <li class="disclaimer">{ env.text(&protocol.disclaimer) }</li>
            </ul>
            <div class="actions">
                <button type="button" class="primary" {onclick}>{ env.ui().start }</button>
            </div>
        </section>
    }
}
