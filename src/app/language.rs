//! The language switcher: a native select of the languages both the interface and the protocol
//! speak. Changing it keeps every answer.

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
    let onchange = env.on(|event: Event| {
        let select: HtmlSelectElement = event.target_unchecked_into();
        Action::SetLanguage(i18n::ui(&select.value()).unwrap_or(&i18n::ENGLISH))
    });
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
