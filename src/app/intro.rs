//! The first screen: what the quiz does, that answers stay on the device, that the result is an
//! estimate, and the Start button.

use yew::prelude::*;

use super::{Action, Env};

#[component]
pub fn Intro() -> Html {
    let env = use_context::<Env>().expect("Env is provided by App");
    let protocol = &env.protocol.0;
    let onclick = env.on(|_: MouseEvent| Action::NEXT);
    let ui = env.ui();
    html! {
        <section class="screen intro" aria-labelledby="step-heading">
            <h1 id="step-heading" tabindex="-1">{ env.text(&protocol.title) }</h1>
            <p class="lead">{ env.text(&protocol.intro) }</p>
            <ul class="assurances">
                <li class="privacy">{ env.text(&protocol.privacy) }</li>
                <li class="disclaimer">{ env.text(&protocol.disclaimer) }</li>
            </ul>
            <div class="actions">
                <button type="button" class="primary" {onclick}>{ ui.start }</button>
            </div>
            // Filled by tools/start.js (and said by the quiz's status region) when Start is
            // pressed on the prerendered page before the app is ready; once the app runs, Start
            // acts at once and this stays empty.
            <p class="starting" data-starting={ui.starting} data-slow={ui.starting_slow}></p>
        </section>
    }
}
