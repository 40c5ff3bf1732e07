//! The language switcher: a native select of the languages both the interface and the protocol
//! speak. Changing it keeps every answer. The page carries the protocol and the interface's words
//! in one language (and English's words); the first switch to another loads the complete
//! protocol and the other languages' words, and when that fails (offline, and the files not kept
//! yet) the quiz says so and stays in its language.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::{Action, Env};
use crate::i18n::{self, NAMES};

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
            let lang = select.value();
            match i18n::ui(&lang) {
                Some(ui) if env.protocol.0.speaks(ui.lang) => {
                    env.dispatch.dispatch(Action::SetLanguage(ui));
                }
                _ => load_and_switch(&env, select, lang, current),
            }
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

#[cfg(target_arch = "wasm32")]
fn load_and_switch(env: &Env, select: HtmlSelectElement, lang: String, current: &'static str) {
    let protocol = std::rc::Rc::clone(&env.protocol.0);
    let dispatch = env.dispatch.clone();
    wasm_bindgen_futures::spawn_local(async move {
        match super::load::language(&protocol, &lang).await {
            Ok((complete, ui)) => {
                let protocol = complete.map_or(protocol, std::rc::Rc::new);
                dispatch.dispatch(Action::Translated(protocol, ui));
            }
            Err(_) => {
                select.set_value(current);
                dispatch.dispatch(Action::LanguageUnavailable);
            }
        }
    });
}

/// Prerendering never changes language.
#[cfg(not(target_arch = "wasm32"))]
fn load_and_switch(_: &Env, _: HtmlSelectElement, _: String, _: &'static str) {}
