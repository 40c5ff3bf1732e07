//! When the quiz can't start or stops working, the page's own messages take over: `#fallback`
//! (it can't start here) and `#crashed` (it stopped), both written in index.html in every
//! interface language, so they need nothing from the app to be readable. This fills in the
//! clinic's contact details and the reason, and shows them.

use crate::embed::height_message;
use crate::protocol::Clinic;

/// Contact details on one line, such as "Clinic · 01234 567890" ("" when there are none).
pub fn contact_line<'a>(parts: impl IntoIterator<Item = Option<&'a str>>) -> String {
    parts
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The clinic's name, phone and email on one line ("" when there is no clinic).
pub fn clinic_contact(clinic: Option<&Clinic>) -> String {
    clinic.map_or_else(String::new, |clinic| {
        contact_line([
            Some(clinic.name.as_str()),
            clinic.phone.as_deref(),
            clinic.email.as_deref(),
        ])
    })
}

/// Shows the page's message `id` with the clinic's contact and, for whoever maintains the site,
/// the reason; the quiz itself is hidden. Only elements already in the page are touched, so this
/// works even when the failure was in building the page.
pub fn show(id: &str, reason: Option<&str>, contact: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(message) = document.get_element_by_id(id) else {
        return;
    };
    for (selector, text) in [
        (".fallback-detail", reason),
        (".fallback-contact", Some(contact)),
    ] {
        let Some(text) = text.filter(|text| !text.is_empty()) else {
            continue;
        };
        if let Ok(Some(line)) = message.query_selector(selector) {
            line.set_text_content(Some(text));
            let _ = line.remove_attribute("hidden");
        }
    }
    if let Some(app) = document.get_element_by_id("app") {
        let _ = app.set_attribute("hidden", "");
    }
    let _ = message.remove_attribute("hidden");
}

/// From now on, a panic anywhere in the quiz shows `#crashed` with the clinic's contact instead
/// of leaving a page that no longer responds, and in a clinic's frame tells the host page the
/// new height. Set through Yew, so Yew doesn't replace it with its own when the app renders;
/// calling this again replaces the contact details.
pub fn on_panic(contact: String, embed_host: Option<String>) {
    yew::set_custom_panic_hook(Box::new(move |info| {
        web_sys::console::error_1(&format!("The quiz stopped: {info}").into());
        show("crashed", None, &contact);
        if let Some(host) = &embed_host {
            super::embed::post(host, &height_message(super::embed::content_height()));
        }
    }));
}
