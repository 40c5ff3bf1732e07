//! The language switcher: a native select of the languages both the interface and the protocol
//! speak. Changing it keeps every answer. The page carries the protocol in one language; the
//! first switch to another loads the complete protocol, and when that fails (offline, and the
//! file not kept yet) the quiz says so and stays in its language.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::{Action, Env};
use crate::i18n::{self, LANGUAGES};

#[component]
pub fn LanguageSwitch() -> Html {
    let env = use_context::<Env>().expect("Env is provided by App");
    let available: Vec<_> = LANGUAGES
        .iter()
        .filter(|ui| env.protocol.0.languages.iter().any(|l| l == ui.lang))
        .collect();
    if available.len() < 2 {
        return Html::default();
    }
    let current = env.ui().lang;
    let onchange = {
        let env = env.clone();
        Callback::from(move |event: Event| {
            let select: HtmlSelectElement = event.target_unchecked_into();
            let ui = i18n::ui(&select.value()).unwrap_or(&i18n::ENGLISH);
            if env.protocol.0.speaks(ui.lang) {
                env.dispatch.dispatch(Action::SetLanguage(ui));
            } else {
                load_and_switch(env.dispatch.clone(), select, ui, current);
            }
        })
    };
    html! {
        <div class="language">
            <label for="language-select">{ env.ui().language_label }</label>
            <select id="language-select" {onchange}>
                for ui in available {
                    <option value={ui.lang} lang={ui.lang} selected={ui.lang == current}>{ ui.name }</option>
                }
            </select>
        </div>
    }
}

#[cfg(target_arch = "wasm32")]
fn load_and_switch(
    dispatch: yew::UseReducerDispatcher<super::State>,
    select: HtmlSelectElement,
    ui: &'static i18n::Ui,
    current: &'static str,
) {
    wasm_bindgen_futures::spawn_local(async move {
        match super::load::complete_protocol().await {
            Ok(protocol) => dispatch.dispatch(Action::Complete(std::rc::Rc::new(protocol), ui)),
            Err(_) => {
                select.set_value(current);
                dispatch.dispatch(Action::LanguageUnavailable);
            }
        }
    });
}

/// Prerendering never changes language.
#[cfg(not(target_arch = "wasm32"))]
fn load_and_switch(
    _: yew::UseReducerDispatcher<super::State>,
    _: HtmlSelectElement,
    _: &'static i18n::Ui,
    _: &'static str,
) {
}
