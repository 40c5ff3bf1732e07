//! Loading a clinic's protocol file from the quiz's own site (the widget's `data-protocol`), with
//! a time limit, and saying plainly what went wrong when it can't be used.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::i18n::{self, Ui};
use crate::protocol::Protocol;

/// How long a slow network gets before the quiz gives up on the file.
const TIME_LIMIT_MS: i32 = 15_000;

/// Fetches and validates the protocol at `path` (relative to the quiz page).
pub async fn protocol(path: &str) -> Result<Protocol, String> {
    let text = fetch_text(path).await?;
    let mut protocol = Protocol::from_json(&text)
        .map_err(|errors| format!("{path} is not a valid protocol: {}", errors[0]))?;
    keep_review_if_current(&mut protocol, &text).await;
    Ok(protocol)
}

/// The text of the file at `path` on the quiz's site, within the time limit.
async fn fetch_text(path: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("no window")?;
    let controller =
        web_sys::AbortController::new().map_err(|_| "no AbortController".to_string())?;
    let signal = controller.signal();
    let abort = wasm_bindgen::closure::Closure::once_into_js(move || controller.abort());
    let timer = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(abort.unchecked_ref(), TIME_LIMIT_MS)
        .ok();
    let init = web_sys::RequestInit::new();
    init.set_signal(Some(&signal));
    let outcome = async {
        let response: web_sys::Response =
            JsFuture::from(window.fetch_with_str_and_init(path, &init))
                .await
                .map_err(|error| describe(&error, path))?
                .unchecked_into();
        if !response.ok() {
            return Err(format!(
                "{path} answered {} {}",
                response.status(),
                response.status_text()
            ));
        }
        let text = JsFuture::from(response.text().map_err(|e| describe(&e, path))?)
            .await
            .map_err(|e| describe(&e, path))?;
        Ok(text.as_string().unwrap_or_default())
    }
    .await;
    if let Some(timer) = timer {
        window.clear_timeout_with_handle(timer);
    }
    outcome
}

/// The id of the element that carries the page's protocol (`tools/postbuild.mjs` writes it).
const PAGE_PROTOCOL: &str = "protocol-data";

/// The protocol the page carries: the default one in the page's language (in the kiosk file, in
/// every language), read but not checked, its review checked already (the build does both:
/// `prerender` refuses an invalid protocol and drops a review that does not cover it).
pub fn page_protocol() -> Result<Protocol, String> {
    let element = gloo::utils::document()
        .get_element_by_id(PAGE_PROTOCOL)
        .ok_or("the page carries no protocol (#protocol-data)")?;
    let json = element.text_content().unwrap_or_default();
    crate::validate::parse(&json).map_err(|error| format!("the page's protocol: {error}"))
}

/// The complete protocol the page carries a copy of, every language and every source in it: for
/// a language the page's copy lacks, and for the rules' sources, which it leaves out. Fetched
/// from the site (the service worker keeps it for offline use) and checked like any
/// protocol file.
pub async fn complete_protocol() -> Result<Protocol, String> {
    let path = page_attribute(PAGE_PROTOCOL, "data-complete")
        .ok_or("the page names no complete protocol")?;
    protocol(&path).await
}

/// The attribute `name` of the page's element `id` (where the build names the files that go
/// with the page's data).
fn page_attribute(id: &str, name: &str) -> Option<String> {
    gloo::utils::document()
        .get_element_by_id(id)?
        .get_attribute(name)
}

/// The element with the interface's words beyond English: those the page carries (its own
/// language's, or every language's in the kiosk file) as its content, the rest in the file
/// `data-src` names.
const INTERFACE_WORDS: &str = "interface-words";

/// Makes the interface's words the page carries at hand.
pub fn page_words() {
    let words = gloo::utils::document()
        .get_element_by_id(INTERFACE_WORDS)
        .and_then(|element| element.text_content())
        .filter(|text| !text.trim().is_empty());
    if let Some(words) = words {
        let _ = i18n::learn(&words);
    }
}

/// What the quiz needs to speak `lang`, when `protocol` (the page's copy, in one language) or
/// the interface's words lack it: the complete protocol to use instead, if it had to be loaded,
/// and the words.
pub async fn language(
    protocol: &Protocol,
    lang: &str,
) -> Result<(Option<Protocol>, &'static Ui), String> {
    let complete = if protocol.speaks(lang) {
        None
    } else {
        Some(complete_protocol().await?)
    };
    if i18n::ui(lang).is_none() {
        let path =
            page_attribute(INTERFACE_WORDS, "data-src").ok_or("the page names no file of words")?;
        i18n::learn(&fetch_text(&path).await?)?;
    }
    let ui = i18n::ui(lang).ok_or_else(|| format!("no words for {lang}"))?;
    Ok((complete, ui))
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// `performance.mark`: the steps of start-up, for `cargo xtask bench` (the browser's own
    /// timeline; nothing leaves the page).
    #[wasm_bindgen(js_namespace = performance)]
    pub fn mark(name: &str);

    /// `tools/start.js`; an error where the page does not define it (a component test).
    #[wasm_bindgen(js_name = candidacyContentDigest, catch)]
    fn content_digest(json: &str) -> Result<js_sys::Promise, JsValue>;
}

/// Drops a review that does not cover the content of `json`, so that the quiz never names a
/// reviewer for rules changed after the review. The digest (`crate::review` defines it) comes
/// from the page's `candidacyContentDigest` (`tools/start.js`, WebCrypto); without it, or where
/// the browser refuses WebCrypto (a page not served over https), no reviewer is named.
async fn keep_review_if_current(protocol: &mut Protocol, json: &str) {
    let Some(review) = &protocol.review else {
        return;
    };
    let digest = async {
        let promise = content_digest(json).ok()?;
        JsFuture::from(promise).await.ok()?.as_string()
    }
    .await;
    if !digest.is_some_and(|digest| digest.eq_ignore_ascii_case(&review.sha256)) {
        protocol.review = None;
    }
}

/// Resolves in a later task of the browser's event loop, after whatever is waiting (a paint,
/// input), so that start-up is not one long task.
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback(&resolve);
        }
    });
    let _ = JsFuture::from(promise).await;
}

fn describe(error: &JsValue, path: &str) -> String {
    let aborted = js_sys::Reflect::get(error, &"name".into())
        .ok()
        .and_then(|name| name.as_string())
        .is_some_and(|name| name == "AbortError");
    if aborted {
        format!("{path} took too long to load")
    } else {
        format!("{path} could not be loaded")
    }
}
