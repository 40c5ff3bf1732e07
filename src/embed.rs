//! The quiz inside a clinic's page: the settings the embed loader passes in the frame's address,
//! checked like any input, and the messages the quiz sends to the host page.
//!
//! What leaves the frame is deliberately little, and none of it depends on the answers: that the
//! quiz is ready, which question it is on, that it is complete, that the visitor followed the
//! booking link. A verdict is health information ("not suitable" after a question about skin
//! cancer says something about a person), so the verdict, earliest start and session range reach
//! the host page only when the clinic asks for them (`data-send-result-to-page`). Never an
//! individual answer.

use crate::json::{Object, Value};

use crate::assess::Assessment;
use crate::protocol::{Clinic, Protocol};
use crate::theme::{self, Theme};
use crate::validate::{check_link, is_phone};

/// Settings from the loader (`data-` attributes of the host element, passed as query pairs).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EmbedSettings {
    /// The host page's origin: the only target of the quiz's messages.
    pub host: Option<String>,
    pub language: Option<String>,
    pub brand: Option<String>,
    pub clinic_name: Option<String>,
    pub phone: Option<String>,
    pub booking_url: Option<String>,
    /// A protocol file on the quiz's own origin, relative to the quiz page: given as a path, or
    /// as the name of a shipped treatment ([`crate::protocol::TREATMENTS`]).
    pub protocol: Option<String>,
    /// The clinic asked for the verdict in `candidacy:complete` (`result=page`).
    pub send_result: bool,
}

/// `scheme://host[:port]` and nothing else, or `None`.
pub fn origin(text: &str) -> Option<String> {
    let (scheme, rest) = text.split_once("://")?;
    let valid = matches!(scheme, "http" | "https")
        && !rest.is_empty()
        && rest
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c));
    valid.then(|| text.to_string())
}

impl EmbedSettings {
    /// Reads query pairs, keeping only values that pass their checks.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> EmbedSettings {
        let mut settings = EmbedSettings::default();
        for (key, value) in pairs {
            let value = value.trim();
            if value.is_empty() || value.len() > 300 {
                continue;
            }
            let text = Some(value.to_string());
            match key {
                "host" => settings.host = origin(value),
                "lang" => settings.language = text,
                "brand" => settings.brand = text,
                "clinic" => settings.clinic_name = text,
                "phone" => settings.phone = text,
                "booking" => settings.booking_url = check_link(value).ok().and(text),
                "protocol" => settings.protocol = protocol_path(value),
                "result" => settings.send_result = value == "page",
                _ => {}
            }
        }
        settings
    }

    /// Applies the clinic's details and brand colour to `protocol`; a brand colour that fails the
    /// contrast check is ignored rather than shown unreadable.
    pub fn apply(&self, protocol: &mut Protocol) {
        if let Some(brand) = &self.brand {
            let mut candidate = protocol.theme.clone().unwrap_or(Theme {
                brand: None,
                font: None,
                radius: None,
            });
            candidate.brand = Some(brand.clone());
            if theme::check(&candidate).is_empty() {
                protocol.theme = Some(candidate);
            }
        }
        if self.clinic_name.is_some() || self.phone.is_some() || self.booking_url.is_some() {
            let mut clinic = protocol.clinic.clone().unwrap_or(Clinic {
                name: String::new(),
                phone: None,
                email: None,
                booking_url: None,
                quiz_url: None,
            });
            if let Some(name) = &self.clinic_name {
                clinic.name = name.clone();
            }
            if let Some(phone) = self.phone.as_ref().filter(|p| is_phone(p)) {
                clinic.phone = Some(phone.clone());
            }
            if let Some(url) = &self.booking_url {
                clinic.booking_url = Some(url.clone());
            }
            if !clinic.name.trim().is_empty() {
                protocol.clinic = Some(clinic);
            }
        }
    }
}

/// The file a `protocol` setting names: a shipped treatment by name, or a relative `.json` path.
fn protocol_path(value: &str) -> Option<String> {
    if crate::protocol::TREATMENTS.contains(&value) {
        return Some(format!("protocols/{value}.json"));
    }
    relative_path(value).then(|| value.to_string())
}

/// A path on the quiz's own origin: no scheme, no `//`, no way up out of the site.
fn relative_path(path: &str) -> bool {
    !path.contains(':')
        && !path.starts_with('/')
        && !path.starts_with('\\')
        && !path.split('/').any(|part| part == "..")
        && path.ends_with(".json")
}

/// A message of `kind` with `fields`.
fn message(kind: &str, fields: impl IntoIterator<Item = (&'static str, Value)>) -> Value {
    let mut object = Object::default();
    object.push("type", kind);
    for (key, value) in fields {
        object.push(key, value);
    }
    Value::Object(object)
}

/// `candidacy:ready`.
pub fn ready_message() -> Value {
    message("candidacy:ready", [])
}

/// `candidacy:step`: which screen (0 is the introduction) of how many.
pub fn step_message(index: usize, total: usize) -> Value {
    let number = |n: usize| Value::Number(n.to_string());
    message(
        "candidacy:step",
        [("index", number(index)), ("total", number(total))],
    )
}

/// `candidacy:complete`: that the visitor reached the result; with the verdict and what it allows
/// only when the clinic asked for them, and never the answers behind it.
pub fn complete_message(result: Option<&Assessment>) -> Value {
    let Some(assessment) = result else {
        return message("candidacy:complete", []);
    };
    let sessions = assessment.plan.as_ref().map(|plan| {
        let mut range = Object::default();
        range.push("min", plan.sessions.min);
        range.push("max", plan.sessions.max);
        range
    });
    message(
        "candidacy:complete",
        [
            ("verdict", assessment.verdict.as_str().into()),
            (
                "earliest_start",
                assessment.earliest_start.map(|d| d.to_string()).into(),
            ),
            ("sessions", sessions.into()),
        ],
    )
}

/// `candidacy:book`: the visitor followed the clinic's booking link.
pub fn book_message() -> Value {
    message("candidacy:book", [])
}

/// The frame's content height.
pub fn height_message(height: i32) -> Value {
    message(
        "candidacy:height",
        [("height", Value::Number(height.to_string()))],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_keep_only_what_passes_its_check() {
        let settings = EmbedSettings::from_pairs([
            ("host", "https://clinic.example"),
            ("lang", "es"),
            ("brand", "#6b2d5c"),
            ("clinic", "Clínica Sol"),
            ("phone", "+34 600 000 000"),
            ("booking", "javascript:alert(1)"),
            ("protocol", "../secrets.json"),
        ]);
        assert_eq!(settings.host.as_deref(), Some("https://clinic.example"));
        assert_eq!(settings.booking_url, None);
        assert_eq!(settings.protocol, None);
        for bad in [
            "javascript:x",
            "https://a/b",
            "https://",
            "ftp://x",
            "https://a b",
        ] {
            assert_eq!(origin(bad), None, "{bad}");
        }
        assert_eq!(
            EmbedSettings::from_pairs([("protocol", "protocols/clinic.json")])
                .protocol
                .as_deref(),
            Some("protocols/clinic.json")
        );
        assert_eq!(
            EmbedSettings::from_pairs([("protocol", "rf-microneedling")])
                .protocol
                .as_deref(),
            Some("protocols/rf-microneedling.json"),
            "a shipped treatment by name"
        );
        for bad in [
            "rf-microneedling2",
            "https://evil.example/p.json",
            "//evil.example/p.json",
            "/etc/p.json",
            "a/../../p.json",
            "p.txt",
        ] {
            assert_eq!(
                EmbedSettings::from_pairs([("protocol", bad)]).protocol,
                None,
                "{bad}"
            );
        }
    }

    #[test]
    fn clinic_details_and_a_readable_brand_apply() {
        let mut protocol = Protocol::default_protocol();
        EmbedSettings::from_pairs([
            ("clinic", "Clínica Sol"),
            ("phone", "+34 600 000 000"),
            ("booking", "https://sol.example/cita"),
            ("brand", "#6b2d5c"),
        ])
        .apply(&mut protocol);
        let clinic = protocol.clinic.unwrap();
        assert_eq!(clinic.name, "Clínica Sol");
        assert_eq!(
            clinic.booking_url.as_deref(),
            Some("https://sol.example/cita")
        );
        assert_eq!(protocol.theme.unwrap().brand.as_deref(), Some("#6b2d5c"));

        let mut protocol = Protocol::default_protocol();
        EmbedSettings::from_pairs([("brand", "#ffff00"), ("phone", "call us")])
            .apply(&mut protocol);
        assert!(protocol.theme.is_none(), "an unreadable brand is ignored");
        assert!(protocol.clinic.is_none(), "no clinic without a name");
    }

    #[test]
    fn the_complete_message_carries_no_answers() {
        let protocol = Protocol::default_protocol();
        let answers = crate::Answers::from_json(
            r#"{"age":"adult","keloids":"yes"}"#,
            &protocol,
            crate::Date::parse("2026-11-21").unwrap(),
        )
        .unwrap();
        let assessment = crate::assess(
            &protocol,
            &answers,
            crate::Date::parse("2026-11-21").unwrap(),
            &crate::Locale::native("en"),
        );
        assert_eq!(
            complete_message(Some(&assessment)).to_string(),
            r#"{"type":"candidacy:complete","verdict":"not_suitable","earliest_start":null,"sessions":null}"#
        );
        assert_eq!(
            complete_message(None).to_string(),
            r#"{"type":"candidacy:complete"}"#,
            "the verdict only when the clinic asks for it"
        );
    }
}
