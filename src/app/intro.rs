//! The first screen: what the quiz does, that answers stay on the device, that the result is an
//! estimate, and the Start button.

use yew::prelude::*;

use super::ProtocolHandle;

#[derive(Properties, PartialEq)]
pub struct IntroProps {
    /// The protocol whose title and texts are shown.
    pub protocol: ProtocolHandle,
    /// The visitor's language (one of the protocol's).
    pub language: AttrValue,
    /// Called when the visitor presses Start.
    pub onstart: Callback<()>,
}

#[component]
pub fn Intro(props: &IntroProps) -> Html {
    let protocol = &props.protocol.0;
    let text = |text| protocol.text(text, &props.language).to_string();
    let onclick = props.onstart.reform(|_: MouseEvent| ());
    html! {
        <section class="screen intro" aria-labelledby="intro-title">
            <h1 id="intro-title">{ text(&protocol.title) }</h1>
            <p class="lead">{ text(&protocol.intro) }</p>
            <ul class="assurances">
                <li class="privacy">{ text(&protocol.privacy) }</li>
                <li class="disclaimer">{ text(&protocol.disclaimer) }</li>
            </ul>
            <button type="button" class="primary" {onclick}>{ "Start" }</button>
        </section>
    }
}
