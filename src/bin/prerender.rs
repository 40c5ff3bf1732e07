//! Renders the quiz's first screen to HTML with Yew's server-side rendering, from the same `App`
//! component the browser runs, so the page paints it before the WebAssembly arrives.
//!
//! Usage: `prerender <protocol.json> <language> <out-dir>`; prints the HTML, which the build's
//! post-build hook (tools/postbuild.mjs) puts inside `<main id="app">`, and writes into
//! `<out-dir>` what the page and the site carry for the app:
//!
//! - `data.json`: the protocol in `<language>` only, without the rules' sources
//!   ([`Protocol::for_page`]; the complete file comes when the visitor chooses another language
//!   or answers the first question), with its review only if the review covers the content
//!   (checked here, so the browser need not);
//! - `complete.json`: the file itself without whitespace, and without its review when that no
//!   longer covers it;
//! - `page-words.json`: the interface's words in `<language>` when that is not English (the
//!   quiz's wasm has English), else `{}`; `words.json`: every language's but English's;
//! - `theme.css`, when the protocol has a theme: its custom properties for the prerendered
//!   screen (the app sets the same ones when it takes over).

use std::process::ExitCode;

use candidacy_quiz::app::{App, AppProps, ProtocolHandle};
use candidacy_quiz::{i18n, review, theme, Date, Protocol};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [path, language, out] = args.as_slice() else {
        eprintln!("usage: prerender <protocol.json> <language> <out-dir>");
        return ExitCode::from(2);
    };
    let out = std::path::Path::new(out);
    let json = match std::fs::read_to_string(path) {
        Ok(json) => json,
        Err(error) => {
            eprintln!("prerender: {path}: {error}");
            return ExitCode::from(2);
        }
    };
    let mut protocol = match Protocol::from_json(&json) {
        Ok(protocol) => protocol,
        Err(errors) => {
            eprintln!("prerender: {path}: {}", errors[0]);
            return ExitCode::from(1);
        }
    };
    if !protocol.speaks(language) {
        eprintln!("prerender: {path} has no texts in {language:?}");
        return ExitCode::from(1);
    }
    review::keep_if_current(&mut protocol, &json);
    let one_language = serde_json::to_string(&protocol.in_language(language).for_page())
        .expect("the model serializes");
    let mut file: serde_json::Value = serde_json::from_str(&json).expect("read above");
    if protocol.review.is_none() {
        file.as_object_mut()
            .map(|members| members.shift_remove("review"));
    }
    let page_words = i18n::LANGUAGES
        .into_iter()
        .filter(|ui| ui.lang == language && ui.lang != "en");
    let other_words = i18n::LANGUAGES.into_iter().filter(|ui| ui.lang != "en");
    let stylesheet = protocol
        .theme
        .as_ref()
        .and_then(|theme| theme::stylesheet(theme, ".quiz.prerendered"));
    let outputs = [
        ("data.json", Some(one_language)),
        ("complete.json", Some(file.to_string())),
        ("page-words.json", Some(i18n::words_json(page_words))),
        ("words.json", Some(i18n::words_json(other_words))),
        ("theme.css", stylesheet),
    ];
    for (name, text) in outputs {
        let Some(text) = text else { continue };
        let target = out.join(name);
        if let Err(error) = std::fs::write(&target, text) {
            eprintln!("prerender: {}: {error}", target.display());
            return ExitCode::from(2);
        }
    }
    let language = language.clone();
    let renderer = yew::ServerRenderer::<App>::with_props(move || {
        yew::props!(AppProps {
            protocol: ProtocolHandle::new(protocol),
            language: Some(language),
            // The intro shows no date; any valid day will do.
            today: Some(Date::MIN),
            browser_integration: false,
        })
    })
    // Without hydration's markers: the app leaves this screen as it is until the visitor acts
    // on it (src/app/stand_in.rs).
    .hydratable(false);
    println!("{}", futures::executor::block_on(renderer.render()));
    ExitCode::SUCCESS
}
