//! Component tests in headless Chromium (`cargo test --target wasm32-unknown-unknown --test web`).

#![cfg(target_arch = "wasm32")]

use candidacy_quiz::app::{App, AppProps, ProtocolHandle};
use candidacy_quiz::Protocol;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts the app with `protocol` into a fresh element and waits for it to render.
async fn mount(protocol: Protocol) -> HtmlElement {
    let document = gloo::utils::document();
    let root: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&root).unwrap();
    let props = yew::props!(AppProps {
        protocol: ProtocolHandle::new(protocol),
        today: Some(candidacy_quiz::Date::parse("2026-11-21").unwrap()),
        browser_integration: false,
    });
    yew::Renderer::<App>::with_root_and_props(root.clone().into(), props).render();
    yew::scheduler::flush().await;
    root
}

fn text_of(root: &HtmlElement, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .text_content()
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn intro_renders_the_protocol_texts_and_a_start_button() {
    let root = mount(Protocol::default_protocol()).await;
    assert_eq!(text_of(&root, "h1"), "Is microneedling right for you?");
    assert!(text_of(&root, ".privacy").contains("stay on this device"));
    assert!(text_of(&root, ".disclaimer").contains("not medical advice"));
    let start = root.query_selector("button").unwrap().unwrap();
    assert_eq!(start.text_content().unwrap(), "Start");
    assert_eq!(start.get_attribute("type").as_deref(), Some("button"));
}

#[wasm_bindgen_test]
async fn intro_follows_the_protocol_it_is_given() {
    let json = include_str!("fixtures/minimal.json");
    let root = mount(Protocol::from_json(json).unwrap()).await;
    assert_eq!(text_of(&root, "h1"), "Minimal quiz");
    assert_eq!(
        root.query_selector(".quiz")
            .unwrap()
            .unwrap()
            .get_attribute("lang")
            .as_deref(),
        Some("en")
    );
}
