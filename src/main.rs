//! The browser app's entry point (built by Trunk for `wasm32`).

#[cfg(target_arch = "wasm32")]
fn main() {
    use candidacy_quiz::app::{embed_settings, load, App, AppProps, ProtocolHandle};
    use candidacy_quiz::Protocol;

    let document = gloo::utils::document();
    let root = document
        .get_element_by_id("app")
        .expect("index.html has an element with id \"app\"");
    // The app replaces what the page showed before it loaded (the no-script message).
    root.set_inner_html("");
    // In a clinic's frame, the loader passes the clinic's details and the host's origin.
    let settings = embed_settings();
    wasm_bindgen_futures::spawn_local(async move {
        let protocol = match &settings.protocol {
            None => Ok(Protocol::default_protocol()),
            Some(path) => load::protocol(path).await,
        };
        match protocol {
            Ok(mut protocol) => {
                settings.apply(&mut protocol);
                let props = yew::props!(AppProps {
                    protocol: ProtocolHandle::new(protocol),
                    language: settings.language.clone(),
                    embed_host: settings.host.clone(),
                });
                yew::Renderer::<App>::with_root_and_props(root, props).render();
            }
            Err(problem) => {
                // The page's own fallback message (in three languages, with the clinic's
                // contact), and the reason as text for whoever maintains the site.
                if let Some(fallback) = document.get_element_by_id("fallback") {
                    let detail = document.create_element("p").expect("a paragraph");
                    detail.set_class_name("fallback-detail");
                    detail.set_text_content(Some(&problem));
                    let _ = fallback.append_child(&detail);
                    let contact: Vec<&str> = [&settings.clinic_name, &settings.phone]
                        .into_iter()
                        .flatten()
                        .map(String::as_str)
                        .collect();
                    if !contact.is_empty() {
                        let line = document.create_element("p").expect("a paragraph");
                        line.set_class_name("fallback-contact");
                        line.set_text_content(Some(&contact.join(" · ")));
                        let _ = fallback.append_child(&line);
                    }
                    let _ = fallback.remove_attribute("hidden");
                }
            }
        }
    });
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("candidacy-quiz is the browser app: run `cargo xtask serve` to build and serve it.");
    std::process::exit(1);
}
