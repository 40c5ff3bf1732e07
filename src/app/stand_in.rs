//! The prerendered first screen stands in for the app's own until the visitor acts on it.
//!
//! The page paints the intro before any script runs (src/bin/prerender.rs). When the app would
//! open on exactly that screen, it leaves those elements where they are, the largest paint of
//! the page and whatever the visitor has focused or is pointing at, and listens to them: Start
//! or another language removes them and the app's own screen takes their place in the same task.
//! This does what Yew's hydration did for the first screen without its code in the wasm (every
//! component's hydrating path, about 12 KB brotli).

use std::rc::Rc;

use yew::prelude::*;

use super::{language, Action, State};
use crate::protocol::Protocol;

/// What the app does while a prerendered screen stands in for it: renders nothing, and acts on
/// that screen's Start and language select. Returns the standing screen, or `None` once the
/// app's own screen is shown (at once when `prerendered` is false).
#[hook]
pub fn use_stand_in(
    prerendered: bool,
    protocol: Rc<Protocol>,
    dispatch: UseReducerDispatcher<State>,
) -> Option<web_sys::Element> {
    let standing = use_state_eq(|| prerendered.then(standing_screen).flatten());
    // A language chosen on the standing screen: its select keeps the focus once it is the app's.
    let refocus = use_mut_ref(|| false);
    {
        let standing = standing.clone();
        use_effect_with(standing.is_some(), move |_| {
            if std::mem::take(&mut *refocus.borrow_mut()) {
                super::browser::focus("language-select");
            }
            let listeners = standing.as_ref().map(|screen| {
                // From now on the screen is the app's (as when hydration took it over: the
                // tests wait for this).
                let _ = screen.class_list().remove_1("prerendered");
                let take_over = {
                    let standing = standing.clone();
                    let screen = screen.clone();
                    move || {
                        screen.remove();
                        standing.set(None);
                    }
                };
                let start = {
                    let take_over = take_over.clone();
                    let dispatch = dispatch.clone();
                    gloo::events::EventListener::new(screen, "click", move |event| {
                        if closest(event, ".intro button").is_some() {
                            take_over();
                            dispatch.dispatch(Action::NEXT);
                        }
                    })
                };
                let choose = gloo::events::EventListener::new(screen, "change", move |event| {
                    let Some(select) = closest(event, "#language-select") else {
                        return;
                    };
                    let lang =
                        wasm_bindgen::JsCast::unchecked_into::<web_sys::HtmlSelectElement>(select)
                            .value();
                    take_over();
                    *refocus.borrow_mut() = true;
                    language::switch(&protocol, &dispatch, lang, Box::new(|| ()));
                });
                (start, choose)
            });
            move || drop(listeners)
        });
    }
    (*standing).clone()
}

/// The page's prerendered screen, where it is shown.
fn standing_screen() -> Option<web_sys::Element> {
    gloo::utils::document()
        .query_selector(".quiz.prerendered:not([hidden])")
        .ok()
        .flatten()
}

/// The element matching `selector` that `event` happened on or in.
fn closest(event: &web_sys::Event, selector: &str) -> Option<web_sys::Element> {
    let target = event.target()?;
    wasm_bindgen::JsCast::dyn_ref::<web_sys::Element>(&target)?
        .closest(selector)
        .ok()
        .flatten()
}
