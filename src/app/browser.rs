//! Browser glue at the edge: session storage, history, the local date, the page's language,
//! downloads and printing. Every call tolerates a browser that refuses (storage disabled or
//! full, no history): the quiz keeps working, it only remembers less.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{HtmlElement, Storage};

use crate::date::Date;

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

fn session_storage() -> Option<Storage> {
    // Reading `sessionStorage` itself throws where storage is disabled.
    window()?.session_storage().ok().flatten()
}

pub fn storage_get(key: &str) -> Option<String> {
    session_storage()?.get_item(key).ok().flatten()
}

/// Stores `value`; a full or disabled storage is ignored (the quiz still works, unsaved).
pub fn storage_set(key: &str, value: &str) {
    if let Some(storage) = session_storage() {
        let _ = storage.set_item(key, value);
    }
}

pub fn storage_remove(key: &str) {
    if let Some(storage) = session_storage() {
        let _ = storage.remove_item(key);
    }
}

/// The studio's draft, kept on this device when the clinic asks (`localStorage`).
#[cfg(feature = "studio")]
fn local_storage() -> Option<Storage> {
    window()?.local_storage().ok().flatten()
}

#[cfg(feature = "studio")]
pub fn local_get(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok().flatten()
}

#[cfg(feature = "studio")]
pub fn local_set(key: &str, value: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(key, value);
    }
}

#[cfg(feature = "studio")]
pub fn local_remove(key: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.remove_item(key);
    }
}

/// Today in the visitor's own time zone.
pub fn today() -> Date {
    let now = js_sys::Date::new_0();
    Date::new(
        now.get_full_year() as i32,
        (now.get_month() + 1) as u8,
        now.get_date() as u8,
    )
    .unwrap_or(Date::MIN)
}

/// Adds a history entry for `key` (or replaces the current one).
pub fn history_record(key: &str, replace: bool) {
    let Some(history) = window().and_then(|w| w.history().ok()) else {
        return;
    };
    let state = JsValue::from_str(key);
    let _ = if replace {
        history.replace_state_with_url(&state, "", None)
    } else {
        history.push_state_with_url(&state, "", None)
    };
}

/// A result handed over from another device (`#r=…`, src/handoff.rs), taken out of the page's
/// address so that the address bar, a reload and a link copied from here no longer carry it.
pub fn take_hand_off() -> Option<String> {
    let window = window()?;
    let location = window.location();
    let hash = location.hash().ok()?;
    hash.strip_prefix('#')?
        .starts_with(crate::handoff::KEY)
        .then_some(())?;
    let address = format!("{}{}", location.pathname().ok()?, location.search().ok()?);
    let _ = window
        .history()
        .ok()?
        .replace_state_with_url(&JsValue::NULL, "", Some(&address));
    Some(hash)
}

/// The address a phone opens this quiz at: the clinic's published quiz (`quiz_url`) when the
/// protocol gives it, else this page's own (without the host page's `host` and `result`
/// settings, which only mean something inside the clinic's page). `None` from a file (the
/// kiosk copy), which no phone can open, and in the studio's preview (its page is not the quiz,
/// and does not carry the QR module).
pub fn address_for_phone(quiz_url: Option<&str>) -> Option<String> {
    if cfg!(feature = "studio") {
        return None;
    }
    if let Some(url) = quiz_url {
        return Some(url.to_string());
    }
    let href = window()?.location().href().ok()?;
    let url = web_sys::Url::new(&href).ok()?;
    if !matches!(url.protocol().as_str(), "https:" | "http:") {
        return None;
    }
    let params = url.search_params();
    params.delete("host");
    params.delete("result");
    url.set_hash("");
    Some(url.href())
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// `tools/start.js`: `text` as a QR code's modules, from the quiz's QR module (fetched the
    /// first time); an error where the page does not define it (the studio) or the module cannot
    /// be had (offline, before the site was kept).
    #[wasm_bindgen(js_name = candidacyQrCode, catch)]
    fn qr_code(text: &str) -> Result<js_sys::Promise, JsValue>;
}

/// `text` as a QR code to draw, or `None` when it cannot be made here.
pub async fn qr_drawing(text: &str) -> Option<crate::qr::Drawing> {
    let modules = wasm_bindgen_futures::JsFuture::from(qr_code(text).ok()?)
        .await
        .ok()?;
    crate::qr::draw(&js_sys::Uint8Array::new(&modules).to_vec())
}

/// The step key a `popstate` event carries, if it is one of ours.
pub fn history_key(event: &web_sys::Event) -> Option<String> {
    event
        .dyn_ref::<web_sys::PopStateEvent>()
        .and_then(|e| e.state().as_string())
}

/// Where the visitor's language may come from.
#[derive(Default)]
pub struct LanguageHints {
    /// An explicit `?lang=` in the page's address.
    pub explicit: Option<String>,
    /// The `lang` the page was authored with.
    pub page: Option<String>,
    /// The browser's languages, most preferred first.
    pub browser: Vec<String>,
}

pub fn language_hints() -> LanguageHints {
    let Some(window) = window() else {
        return LanguageHints::default();
    };
    let explicit = window.location().search().ok().and_then(|search| {
        search
            .trim_start_matches('?')
            .split('&')
            .find_map(|pair| pair.strip_prefix("lang="))
            .map(str::to_string)
    });
    let page = window
        .document()
        .and_then(|d| d.document_element())
        .and_then(|root| root.get_attribute("lang"))
        .filter(|lang| !lang.is_empty());
    let browser = window
        .navigator()
        .languages()
        .iter()
        .filter_map(|lang| lang.as_string())
        .collect();
    LanguageHints {
        explicit,
        page,
        browser,
    }
}

/// Sets the document's language, direction and title.
pub fn set_document_language(lang: &str, dir: &str, title: &str) {
    let Some(document) = window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(root) = document.document_element() {
        let _ = root.set_attribute("lang", lang);
        let _ = root.set_attribute("dir", dir);
    }
    document.set_title(title);
}

/// Moves keyboard and screen-reader focus to the element with `id`.
pub fn focus(id: &str) {
    if let Some(element) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}

/// Offers `contents` as a file download named `name`.
pub fn download(name: &str, mime: &str, contents: &str) {
    let Some(document) = window().and_then(|w| w.document()) else {
        return;
    };
    let parts = js_sys::Array::of1(&JsValue::from_str(contents));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Some(anchor) = document
        .create_element("a")
        .ok()
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        anchor.set_href(&url);
        anchor.set_download(name);
        anchor.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

pub fn print() {
    if let Some(window) = window() {
        let _ = window.print();
    }
}

/// `navigator[name]`, where the browser has it.
fn navigator_member(name: &str) -> Option<JsValue> {
    let navigator = js_sys::Reflect::get(&js_sys::global(), &"navigator".into()).ok()?;
    let member = js_sys::Reflect::get(&navigator, &name.into()).ok()?;
    (!member.is_undefined() && !member.is_null()).then_some(member)
}

/// Calls `target.method(argument)` and waits for the promise it returns; false when the method
/// is missing, throws or its promise is rejected (permission denied, the visitor cancelled).
async fn settled(target: &JsValue, method: &str, argument: &JsValue) -> bool {
    let Some(function) = js_sys::Reflect::get(target, &method.into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    else {
        return false;
    };
    match function.call1(target, argument) {
        Ok(promise) => match promise.dyn_into::<js_sys::Promise>() {
            Ok(promise) => wasm_bindgen_futures::JsFuture::from(promise).await.is_ok(),
            Err(_) => false,
        },
        Err(_) => false,
    }
}

/// Whether the browser has a share sheet (the Web Share API).
pub fn can_share() -> bool {
    navigator_member("share").is_some()
}

/// Copies `text` to the clipboard, or with `share` offers it to the system's share sheet; false
/// where the browser or the host page refuses, or the visitor cancels.
pub async fn pass_on(share: bool, title: &str, text: &str) -> bool {
    let (target, method, argument) = if share {
        let data = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&data, &"title".into(), &title.into());
        let _ = js_sys::Reflect::set(&data, &"text".into(), &text.into());
        let navigator = js_sys::Reflect::get(&js_sys::global(), &"navigator".into());
        (navigator.ok(), "share", JsValue::from(data))
    } else {
        (
            navigator_member("clipboard"),
            "writeText",
            JsValue::from_str(text),
        )
    };
    match target {
        Some(target) => settled(&target, method, &argument).await,
        None => false,
    }
}

/// A `mailto:` link with `subject` and `body`, to `to` (may be empty).
pub fn mailto(to: &str, subject: &str, body: &str) -> String {
    let encode = |text: &str| String::from(js_sys::encode_uri_component(text));
    format!(
        "mailto:{}?subject={}&body={}",
        encode(to),
        encode(subject),
        encode(body)
    )
}
