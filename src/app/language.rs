//! The language switcher: a native select of the languages both the interface and the protocol
//! speak. Changing it keeps every answer. The page carries the protocol and the interface's words
//! in one language (and English's words); the first switch to another loads the complete
//! protocol and the other languages' words, and when that fails (offline, and the files not kept
//! yet) the quiz says so and stays in its language.

use std::rc::Rc;

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::{Action, Env, State};
use crate::i18n::{self, NAMES};
use crate::protocol::Protocol;

#[component]
pub fn LanguageSwitch() -> Html {
    let env = use_context::<Env>().expect("Env is provided by App");
    let available: Vec<_> = NAMES
        .iter()
        .filter(|(lang, _)| env.protocol.0.languages.iter().any(|l| l == lang))
        .collect();
    if available.len() < 2 {
        return Html::default();
    }
    let current = env.ui().lang;
    let onchange = {
        let env = env.clone();
        Callback::from(move |event: Event| {
            let select: HtmlSelectElement = event.target_unchecked_into();
            let revert = select.clone();
            // When the language cannot be had, the select shows the current one again.
            switch(
                &env.protocol.0,
                &env.dispatch,
                select.value(),
                Box::new(move || revert.set_value(current)),
            );
        })
    };
    html! {
        <div class="language">
            <label for="language-select">{ env.ui().language_label }</label>
            <select id="language-select" {onchange}>
                for (lang, name) in available {
                    <option value={*lang} lang={*lang} selected={*lang == current}>{ *name }</option>
                }
            </select>
        </div>
    }
}

/// Switches the quiz to `lang`: at once when the protocol at hand speaks it, once its texts have
/// loaded otherwise; `unavailable` runs when they cannot be had (the quiz says so and stays in
/// its language).
pub fn switch(
    protocol: &Rc<Protocol>,
    dispatch: &UseReducerDispatcher<State>,
    lang: String,
    unavailable: Box<dyn FnOnce()>,
) {
    match i18n::ui(&lang) {
        Some(ui) if protocol.speaks(ui.lang) => dispatch.dispatch(Action::SetLanguage(ui)),
        _ => load_and_switch(Rc::clone(protocol), dispatch.clone(), lang, unavailable),
    }
}

#[cfg(target_arch = "wasm32")]
fn load_and_switch(
    protocol: Rc<Protocol>,
    dispatch: UseReducerDispatcher<State>,
    lang: String,
    unavailable: Box<dyn FnOnce()>,
) {
    wasm_bindgen_futures::spawn_local(async move {
        match super::load::language(&protocol, &lang).await {
            Ok((complete, ui)) => {
                let protocol = complete.map_or(protocol, Rc::new);
                dispatch.dispatch(Action::Translated(protocol, ui));
            }
            Err(_) => {
                unavailable();
                dispatch.dispatch(Action::LanguageUnavailable);
            }
        }
    });
}

/// Prerendering never changes language.
#[cfg(not(target_arch = "wasm32"))]
fn load_and_switch(
    _: Rc<Protocol>,
    _: UseReducerDispatcher<State>,
    _: String,
    _: Box<dyn FnOnce()>,
) {
}
