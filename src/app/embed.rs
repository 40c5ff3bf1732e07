//! Talking to the host page when the quiz runs in a clinic's frame: messages go only to the
//! host origin the loader named, and carry only what [`crate::embed`] allows.

use crate::json::Value;

use crate::embed::EmbedSettings;

/// The settings in this page's address (`?host=…&lang=…`), checked.
pub fn settings_from_address() -> EmbedSettings {
    let Some(search) = web_sys::window().and_then(|w| w.location().search().ok()) else {
        return EmbedSettings::default();
    };
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) else {
        return EmbedSettings::default();
    };
    let pairs: Vec<(String, String)> = [
        "host", "lang", "brand", "clinic", "phone", "booking", "protocol", "result",
    ]
    .iter()
    .filter_map(|key| params.get(key).map(|value| (key.to_string(), value)))
    .collect();
    EmbedSettings::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
}

/// Sends `message` to the host page, addressed to `host` only.
pub fn post(host: &str, message: &Value) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(Some(parent)) = window.parent() else {
        return;
    };
    if let Ok(value) = js_sys::JSON::parse(&message.to_string()) {
        let _ = parent.post_message(&value, host);
    }
}

/// Tells the host page the visitor followed the booking link, when the quiz is in a frame.
pub fn booked() {
    if let Some(host) = settings_from_address().host {
        post(&host, &crate::embed::book_message());
    }
}

/// The height of the quiz's content, in CSS pixels.
pub fn content_height() -> i32 {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .map(|root| root.scroll_height())
        .unwrap_or_default()
}
