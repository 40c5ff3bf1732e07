//! Renders the quiz's first screen to HTML with Yew's server-side rendering, from the same `App`
//! component the browser runs, so the page paints it before the WebAssembly arrives.
//!
//! Usage: `prerender <protocol.json> <language> [<theme.css>]`; prints the HTML. The build's
//! post-build hook (tools/postbuild.mjs) puts it inside `<main id="app">`. When the protocol has
//! a theme, its custom properties are written to `<theme.css>` for the prerendered screen (the
//! app sets the same ones when it takes over); without one, that file is not written.

use std::process::ExitCode;

use candidacy_quiz::app::{App, AppProps, ProtocolHandle};
use candidacy_quiz::{theme, Date, Protocol};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (path, language, theme_css) = match args.as_slice() {
        [path, language] => (path, language, None),
        [path, language, theme_css] => (path, language, Some(theme_css)),
        _ => {
            eprintln!("usage: prerender <protocol.json> <language> [<theme.css>]");
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
    let protocol = match Protocol::from_json(&json) {
        Ok(protocol) => protocol,
        Err(errors) => {
            eprintln!("prerender: {path}: {}", errors[0]);
            return ExitCode::from(1);
        }
    };
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
