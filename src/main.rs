//! The browser app's entry point (built by Trunk for `wasm32`).

#[cfg(target_arch = "wasm32")]
fn main() {
    let root = gloo::utils::document()
        .get_element_by_id("app")
        .expect("index.html has an element with id \"app\"");
    let props = candidacy_quiz::app::AppProps {
        protocol: candidacy_quiz::app::ProtocolHandle::new(
            candidacy_quiz::Protocol::default_protocol(),
        ),
    };
    yew::Renderer::<candidacy_quiz::app::App>::with_root_and_props(root, props).render();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("candidacy-quiz is the browser app: run `cargo xtask serve` to build and serve it.");
    std::process::exit(1);
}
