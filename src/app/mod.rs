//! The Yew interface: renders the quiz state and turns events into actions. No clinical rule
//! lives here; everything the visitor is told comes from the protocol and the core.

mod intro;

use std::rc::Rc;

use yew::prelude::*;

use crate::protocol::Protocol;
use intro::Intro;

/// What the app needs from its host page.
#[derive(Properties, PartialEq, Clone)]
pub struct AppProps {
    /// The protocol to run.
    pub protocol: ProtocolHandle,
}

/// A shared protocol, compared by identity: it never changes while the app runs.
#[derive(Clone)]
pub struct ProtocolHandle(pub Rc<Protocol>);

impl ProtocolHandle {
    pub fn new(protocol: Protocol) -> ProtocolHandle {
        ProtocolHandle(Rc::new(protocol))
    }
}

impl PartialEq for ProtocolHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let protocol = &props.protocol.0;
    let language = protocol.languages[0].clone();
    let started = use_state(|| false);
    let onstart = {
        let started = started.clone();
        Callback::from(move |_| started.set(true))
    };
    html! {
        <div class="quiz" lang={language.clone()}>
            <Intro protocol={props.protocol.clone()} language={language} {onstart} />
        </div>
    }
}
