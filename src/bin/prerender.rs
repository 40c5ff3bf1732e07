//! Renders the quiz's first screen to HTML with Yew's server-side rendering, from the same `App`
//! component the browser runs, so the page paints it before the WebAssembly arrives.
//!
//! Usage: `prerender <protocol.json> <language> <data.json> <complete.json> [<theme.css>]`;
//! prints the HTML. The build's post-build hook (tools/postbuild.mjs) puts it inside
//! `<main id="app">`.
//!
//! `<data.json>` gets the protocol the page carries for the app: the texts of `<language>` only
//! (the complete file comes when the visitor chooses another language), and its review only if
//! the review covers the content (checked here, so the browser need not). `<complete.json>` gets
//! the file itself without whitespace, and without its review when that no longer covers it
//! (the kiosk file carries it as it is). When the protocol has
//! a theme, its custom properties are written to `<theme.css>` for the prerendered screen (the
//! app sets the same ones when it takes over); without one, that file is not written.

use std::process::ExitCode;

use candidacy_quiz::app::{App, AppProps, ProtocolHandle};
use candidacy_quiz::{review, theme, Date, Protocol};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (path, language, data, complete, theme_css) = match args.as_slice() {
        [path, language, data, complete] => (path, language, data, complete, None),
        [path, language, data, complete, css] => (path, language, data, complete, Some(css)),
        _ => {
            eprintln!(
                "usage: prerender <protocol.json> <language> <data.json> <complete.json> [<theme.css>]"
            );
            return ExitCode::from(2);
        }
    };
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
    let one_language =
        serde_json::to_string(&protocol.in_language(language)).expect("the model serializes");
    let mut file: serde_json::Value = serde_json::from_str(&json).expect("read above");
    if protocol.review.is_none() {
        file.as_object_mut()
            .map(|members| members.shift_remove("review"));
    }
    for (target, text) in [(data, one_language), (complete, file.to_string())] {
        if let Err(error) = std::fs::write(target, text) {
            eprintln!("prerender: {target}: {error}");
            return ExitCode::from(2);
        }
    }
    let stylesheet = protocol
        .theme
        .as_ref()
        .and_then(|theme| theme::stylesheet(theme, ".quiz.prerendered"));
    if let (Some(target), Some(css)) = (theme_css, stylesheet) {
        if let Err(error) = std::fs::write(target, css) {
            eprintln!("prerender: {target}: {error}");
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
    // With the markers the browser's app needs to take these elements over (hydration).
    .hydratable(true);
    println!("{}", futures::executor::block_on(renderer.render()));
    ExitCode::SUCCESS
}
