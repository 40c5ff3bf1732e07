//! The browser app's entry point (built by Trunk for `wasm32`).

#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::TalckWasm = unsafe { talc::TalckWasm::new_global() };

#[cfg(target_arch = "wasm32")]
fn main() {
    use candidacy_quiz::app::{
        browser, embed_settings, fallback, load, opens_as_prerendered, wanted_language, App,
        AppProps, ProtocolHandle,
    };

    // In a clinic's frame, the loader passes the clinic's details and the host's origin.
    let settings = embed_settings();
    let given_contact =
        fallback::contact_line([settings.clinic_name.as_deref(), settings.phone.as_deref()]);
    fallback::on_panic(given_contact.clone(), settings.host.clone());
    let root = gloo::utils::document()
        .get_element_by_id("app")
        .expect("index.html has an element with id \"app\"");
    // The page shows the default protocol's first screen, prerendered; a clinic's own protocol
    // file has its own.
    if settings.protocol.is_some() {
        root.set_inner_html("");
    }
    // A result handed over from another device (the QR code on a result): its answers are in the
    // address's fragment, which is taken out of the address at once.
    let hand_off = browser::take_hand_off();
    wasm_bindgen_futures::spawn_local(async move {
        let language = root
            .get_attribute("data-language")
            .or_else(|| settings.language.clone());
        let protocol = match &settings.protocol {
            None => load::page_protocol(),
            Some(path) => load::protocol(path).await,
        };
        // The page carries the default protocol and the interface's words in its own language
        // (and English): for another, what is missing first (if it cannot be had, the quiz
        // opens in a language it has).
        load::page_words();
        // Checked like saved progress; it opens in the language it was sent in.
        let handed = hand_off
            .zip(protocol.as_ref().ok())
            .map(|(fragment, protocol)| {
                candidacy_quiz::handoff::decode(&fragment, protocol, browser::today())
            });
        let language = language.or_else(|| Some(handed.as_ref()?.as_ref().ok()?.language.clone()));
        let protocol = match protocol {
            Ok(protocol) => {
                let wanted = wanted_language(&protocol, language.as_ref());
                match load::language(&protocol, wanted).await {
                    Ok((Some(complete), _)) => Ok(complete),
                    _ => Ok(protocol),
                }
            }
            problem => problem,
        };
        match protocol {
            Ok(mut protocol) => {
                settings.apply(&mut protocol);
                load::mark("candidacy:protocol-read");
                // Reading the protocol and building the screen are two pieces of work: the
                // browser gets to paint and answer input between them.
                load::next_task().await;
                fallback::on_panic(
                    fallback::clinic_contact(protocol.clinic.as_ref()),
                    settings.host.clone(),
                );
                // Start pressed or a language chosen on the prerendered screen (tools/early.js).
                let started = root.has_attribute("data-started");
                // A language chosen on the prerendered screen while the protocol loaded.
                let language = root.get_attribute("data-language").or(language);
                let prerendered_lang = root
                    .query_selector(".prerendered:not([hidden])")
                    .ok()
                    .flatten()
                    .and_then(|screen| screen.get_attribute("lang"));
                let prerendered = !started
                    && handed.is_none()
                    && prerendered_lang.is_some_and(|lang| {
                        opens_as_prerendered(&protocol, language.as_ref(), &lang)
                    });
                let props = yew::props!(AppProps {
                    protocol: ProtocolHandle::new(protocol),
                    language,
                    embed_host: settings.host.clone(),
                    send_result: settings.send_result,
                    started,
                    prerendered,
                    hand_off_failed: matches!(handed, Some(Err(_))),
                    resume: handed.and_then(Result::ok).map(|handed| handed.saved),
                });
                let host = if prerendered {
                    // The page shows exactly what the app would: that screen stands in for the
                    // app's until the visitor acts on it (src/app/stand_in.rs), and the app
                    // renders beside it, into an element of its own (Yew empties its root).
                    let host = gloo::utils::document()
                        .create_element("div")
                        .expect("a document makes elements");
                    host.set_class_name("app-host");
                    let _ = root.append_child(&host);
                    host
                } else {
                    // Something else (progress saved in this tab, another language): the app
                    // takes the prerendered screen's place. Yew renders in a microtask of this
                    // same task, so no frame is painted in between.
                    root.clone()
                };
                yew::Renderer::<App>::with_root_and_props(host, props).render();
                // From here the first screen is the app's (tools/early.js stands aside).
                let _ = root.set_attribute("data-running", "");
                load::mark("candidacy:taking-over");
            }
            // The page's own message (in every language, with the clinic's contact), and the
            // reason as text for whoever maintains the site.
            Err(problem) => fallback::show("fallback", Some(&problem), &given_contact),
        }
    });
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("candidacy-quiz is the browser app: run `cargo xtask serve` to build and serve it.");
    std::process::exit(1);
}
