//! The browser app's entry point (built by Trunk for `wasm32`).

#[cfg(target_arch = "wasm32")]
fn main() {
    use candidacy_quiz::app::{embed_settings, App, AppProps, ProtocolHandle};
    use candidacy_quiz::Protocol;

    let root = gloo::utils::document()
        .get_element_by_id("app")
        .expect("index.html has an element with id \"app\"");
    // The app replaces what the page showed before it loaded (the no-script message).
    root.set_inner_html("");
    // In a clinic's frame, the loader passes the clinic's details and the host's origin.
    let settings = embed_settings();
    let mut protocol = Protocol::default_protocol();
    settings.apply(&mut protocol);
    let props = yew::props!(AppProps {
        protocol: ProtocolHandle::new(protocol),
        language: settings.language.clone(),
        embed_host: settings.host.clone(),
    });
    yew::Renderer::<App>::with_root_and_props(root, props).render();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("candidacy-quiz is the browser app: run `cargo xtask serve` to build and serve it.");
    std::process::exit(1);
}
