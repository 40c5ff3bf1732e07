//! The result handed to the visitor's own phone: the answers in a link's fragment (`#r=…`, the
//! part of an address browsers never send to a server), short enough for a QR code.
//!
//! `r=FORMAT.LANGUAGE.PROTOCOL.REVISION.A.B.…`: the format of this encoding, the visitor's
//! language, the protocol's id and revision (percent-encoded), then one field per question in the
//! protocol's order: empty when unanswered, else the chosen options' positions (`0-2`) and, for
//! an option with a date, `~YYYYMMDD`. Read back, it is checked exactly like saved progress
//! (src/saved.rs): another format, another protocol or revision, or answers that no longer fit
//! are refused with their reason, and the quiz starts fresh.

use std::fmt::Write;

use crate::answers::{Answer, Answers};
use crate::date::Date;
use crate::flow::{Quiz, Step};
use crate::protocol::Protocol;
use crate::saved::{self, RestoreError};

/// The encoding this build writes and reads.
pub const FORMAT: u32 = 1;

/// What starts a hand-off fragment (after the `#`).
pub const KEY: &str = "r=";

/// Longer than any real protocol's answers: refused unread.
const MAX_LEN: usize = 4000;

/// The fragment (without `#`) that carries `answers` to another device.
pub fn encode(answers: &Answers, protocol: &Protocol, language: &str) -> String {
    let mut out = format!(
        "{KEY}{FORMAT}.{}.{}.{}",
        escape(language),
        escape(&protocol.id),
        escape(&protocol.version)
    );
    for question in &protocol.questions {
        out.push('.');
        let Some(answer) = answers.get(&question.id) else {
            continue;
        };
        let positions = answer
            .options
            .iter()
            .filter_map(|id| question.options.iter().position(|o| &o.id == id));
        for (n, position) in positions.enumerate() {
            if n > 0 {
                out.push('-');
            }
            let _ = write!(out, "{position}");
        }
        if let Some(date) = answer.date {
            let _ = write!(
                out,
                "~{:04}{:02}{:02}",
                date.year(),
                date.month(),
                date.day()
            );
        }
    }
    out
}

/// A hand-off read back: the saved-progress form of its answers, on the result, and the
/// language it was in.
#[derive(Debug, PartialEq, Eq)]
pub struct HandOff {
    pub saved: String,
    pub language: String,
}

/// Reads a hand-off fragment (with or without its `#`) for `protocol` on `today`.
pub fn decode(fragment: &str, protocol: &Protocol, today: Date) -> Result<HandOff, RestoreError> {
    use RestoreError::*;
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let body = fragment
        .strip_prefix(KEY)
        .filter(|_| fragment.len() <= MAX_LEN)
        .ok_or(Corrupt)?;
    let mut fields = body.split('.');
    let mut text = || fields.next().and_then(unescape).ok_or(Corrupt);
    let format = text()?.parse::<u32>().map_err(|_| Corrupt)?;
    if format != FORMAT {
        return Err(OtherFormat);
    }
    let (language, id, version) = (text()?, text()?, text()?);
    if id != protocol.id || version != protocol.version {
        return Err(OtherProtocol);
    }
    let fields: Vec<&str> = fields.collect();
    if fields.len() != protocol.questions.len() {
        return Err(Corrupt);
    }
    let mut answers = Answers::new();
    for (question, field) in protocol.questions.iter().zip(fields) {
        if field.is_empty() {
            continue;
        }
        let (positions, date) = match field.split_once('~') {
            Some((positions, date)) => (positions, Some(read_date(date).ok_or(Corrupt)?)),
            None => (field, None),
        };
        let options = positions
            .split('-')
            .map(|p| {
                let option = question.options.get(p.parse::<usize>().ok()?)?;
                Some(option.id.clone())
            })
            .collect::<Option<Vec<_>>>()
            .ok_or(Corrupt)?;
        answers.set(&question.id, Answer { options, date });
    }
    let quiz = Quiz {
        answers,
        step: Step::Result,
        ..Quiz::new()
    };
    let saved = saved::save(&quiz, protocol, Some(&language));
    // The checks saved progress gets; and the answers must reach the result they were sent from.
    match saved::restore(&saved, protocol, today)? {
        (quiz, _) if quiz.step == Step::Result => Ok(HandOff { saved, language }),
        _ => Err(AnswersNoLongerFit),
    }
}

fn read_date(text: &str) -> Option<Date> {
    if text.len() != 8 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Date::new(
        text[..4].parse().ok()?,
        text[4..6].parse().ok()?,
        text[6..].parse().ok()?,
    )
}

/// Percent-encodes everything but letters, digits, `-`, `_` and `~`.
fn escape(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_~".contains(&byte) {
            out.push(byte as char);
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

fn unescape(text: &str) -> Option<String> {
    let mut bytes = Vec::new();
    let mut rest = text.as_bytes();
    while let Some((&byte, tail)) = rest.split_first() {
        if byte == b'%' {
            let hex = std::str::from_utf8(tail.get(..2)?).ok()?;
            bytes.push(u8::from_str_radix(hex, 16).ok()?);
            rest = &tail[2..];
        } else {
            bytes.push(byte);
            rest = tail;
        }
    }
    String::from_utf8(bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn default_protocol() -> Protocol {
        Protocol::default_protocol()
    }

    fn today() -> Date {
        Date::new(2026, 12, 7).unwrap()
    }

    /// A complete set of answers for the default protocol: each question's "none" where it has
    /// one, else its first option that asks for no date.
    fn answers(protocol: &Protocol) -> Answers {
        let mut answers = Answers::new();
        for question in &protocol.questions {
            let option = question
                .options
                .iter()
                .find(|o| o.exclusive)
                .or_else(|| question.options.iter().find(|o| o.date.is_none()))
                .expect("an option without a date");
            answers.set(&question.id, Answer::one(&option.id));
        }
        answers.check(protocol, today()).expect("valid answers");
        answers
    }

    #[test]
    fn a_result_round_trips_compactly() {
        let protocol = default_protocol();
        let answers = answers(&protocol);
        let fragment = encode(&answers, &protocol, "es");
        assert!(
            fragment.starts_with("r=1.es.microneedling-default."),
            "{fragment}"
        );
        assert!(
            fragment.len() < 150,
            "{} characters: {fragment}",
            fragment.len()
        );
        let handed = decode(&format!("#{fragment}"), &protocol, today()).unwrap();
        assert_eq!(handed.language, "es");
        let (quiz, language) = saved::restore(&handed.saved, &protocol, today()).unwrap();
        assert_eq!(quiz.step, Step::Result);
        assert_eq!(quiz.answers, answers);
        assert_eq!(language.as_deref(), Some("es"));
    }

    #[test]
    fn dates_and_several_options_round_trip() {
        let protocol = default_protocol();
        let mut answers = answers(&protocol);
        let isotretinoin = protocol
            .question("isotretinoin")
            .expect("the default asks it");
        let dated = isotretinoin
            .options
            .iter()
            .find(|o| o.date.is_some())
            .expect("a dated option");
        let stopped = Date::new(2025, 1, 31).unwrap();
        answers.set(
            "isotretinoin",
            Answer {
                options: vec![dated.id.clone()],
                date: Some(stopped),
            },
        );
        let fragment = encode(&answers, &protocol, "en");
        assert!(fragment.contains("~20250131"), "{fragment}");
        let handed = decode(&fragment, &protocol, today()).unwrap();
        let (quiz, _) = saved::restore(&handed.saved, &protocol, today()).unwrap();
        assert_eq!(
            quiz.answers.get("isotretinoin").unwrap().date,
            Some(stopped)
        );
    }

    #[test]
    fn what_does_not_fit_is_refused_with_its_reason() {
        let protocol = default_protocol();
        let good = encode(&answers(&protocol), &protocol, "en");
        let check = |fragment: &str| decode(fragment, &protocol, today());
        assert_eq!(
            check(&good.replacen("r=1.", "r=2.", 1)),
            Err(RestoreError::OtherFormat)
        );
        let other = good.replacen("microneedling-default", "another-protocol", 1);
        assert_eq!(check(&other), Err(RestoreError::OtherProtocol));
        let revision = escape(&protocol.version);
        let older = good.replacen(&revision, "2020-01-01", 1);
        assert_eq!(check(&older), Err(RestoreError::OtherProtocol));
        for corrupt in [
            "",
            "r=",
            "r=x",
            "q=1.en",
            "r=1.en.microneedling-default",
            &format!("{good}.0"),
            &good[..good.len() - 2],
            &good.replacen(".0.", ".99.", 1),
            &good.replacen("r=1.en", "r=1.e%Gn", 1),
            &format!("{good}~20261341"),
            &format!("{good}~2026é201"),
            &format!("{good}~2026-1-1"),
            &"r=1.".repeat(2000),
        ] {
            assert_eq!(check(corrupt), Err(RestoreError::Corrupt), "{corrupt:.80}");
        }
        // Unanswered questions cannot reach the result.
        let mut partial = Answers::new();
        partial.set("age", Answer::one("adult"));
        let fragment = encode(&partial, &protocol, "en");
        assert_eq!(check(&fragment), Err(RestoreError::AnswersNoLongerFit));
        // A date on an option that takes none.
        let mut dated = answers(&protocol);
        dated.set(
            "age",
            Answer {
                options: vec!["adult".into()],
                date: Some(today()),
            },
        );
        let fragment = encode(&dated, &protocol, "en");
        assert_eq!(check(&fragment), Err(RestoreError::AnswersNoLongerFit));
    }

    #[test]
    fn an_early_not_suitable_result_is_handed_off_as_it_is() {
        let protocol = default_protocol();
        let mut answers = Answers::new();
        answers.set("age", Answer::one("under_18"));
        let handed = decode(&encode(&answers, &protocol, "en"), &protocol, today()).unwrap();
        let (quiz, _) = saved::restore(&handed.saved, &protocol, today()).unwrap();
        assert_eq!(quiz.step, Step::Result);
    }

    #[test]
    fn escaping_round_trips_any_text() {
        for text in ["plain-id_1", "v1.2", "clínica 2026/12", "%", "~"] {
            assert_eq!(unescape(&escape(text)).as_deref(), Some(text));
            assert!(!escape(text).contains('.'));
        }
    }
}
