//! Progress kept between page loads (the browser's `sessionStorage`, gone when the tab closes).
//!
//! What is saved is checked like any input when it is read back: corrupt JSON, an older format,
//! another protocol (or another revision of it) or answers that no longer fit are refused, and
//! the quiz starts fresh. Only the step, the language and the answers are kept.

use crate::answers::Answers;
use crate::date::Date;
use crate::flow::{Quiz, Step};
use crate::json::{self, Object, Value};
use crate::protocol::Protocol;

/// The saved-progress format this build writes and reads.
pub const FORMAT: u32 = 1;

/// The one `sessionStorage` key the quiz writes.
pub const STORAGE_KEY: &str = "candidacy-quiz";

/// The fields of saved progress: `format`, `protocol` and `version` (which protocol revision the
/// answers belong to), `language` (when the visitor chose one), `step`, `early_result_declined`
/// and `answers` (the answers-file format).
const FIELDS: [&str; 7] = [
    "format",
    "protocol",
    "version",
    "language",
    "step",
    "early_result_declined",
    "answers",
];

/// Why saved progress was not restored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RestoreError {
    Corrupt,
    OtherFormat,
    OtherProtocol,
    AnswersNoLongerFit,
}

/// The saved form of `quiz`.
pub fn save(quiz: &Quiz, protocol: &Protocol, language: Option<&str>) -> String {
    let mut saved = Object::default();
    saved.push("format", FORMAT);
    saved.push("protocol", protocol.id.as_str());
    saved.push("version", protocol.version.as_str());
    if let Some(language) = language {
        saved.push("language", language);
    }
    saved.push("step", quiz.step.key(protocol));
    saved.push("early_result_declined", quiz.early_result_declined);
    saved.push("answers", quiz.answers.to_value(protocol));
    Value::Object(saved).to_string()
}

/// The language chosen in saved progress, if it can be read at all.
pub fn language(json: &str) -> Option<String> {
    Some(
        json::parse(json)
            .ok()?
            .get("language")?
            .as_str()?
            .to_string(),
    )
}

/// The quiz and language saved in `json`, checked against `protocol` on `today`.
pub fn restore(
    json: &str,
    protocol: &Protocol,
    today: Date,
) -> Result<(Quiz, Option<String>), RestoreError> {
    let value = json::parse(json).map_err(|_| RestoreError::Corrupt)?;
    let Value::Object(saved) = &value else {
        return Err(RestoreError::Corrupt);
    };
    match saved.get("format").and_then(Value::as_i64) {
        Some(format) if format == i64::from(FORMAT) => {}
        Some(_) => return Err(RestoreError::OtherFormat),
        None => return Err(RestoreError::Corrupt),
    }
    let known = saved.keys().all(|key| FIELDS.contains(&key));
    let text = |key: &str| saved.get(key).and_then(Value::as_str);
    let (Some(id), Some(version), Some(step), Some(answers), true) = (
        text("protocol"),
        text("version"),
        text("step"),
        saved.get("answers"),
        known,
    ) else {
        return Err(RestoreError::Corrupt);
    };
    let language = match saved.get("language") {
        None | Some(Value::Null) => None,
        Some(Value::String(language)) => Some(language.clone()),
        Some(_) => return Err(RestoreError::Corrupt),
    };
    let early_result_declined = match saved.get("early_result_declined") {
        None => false,
        Some(Value::Bool(declined)) => *declined,
        Some(_) => return Err(RestoreError::Corrupt),
    };
    if id != protocol.id || version != protocol.version {
        return Err(RestoreError::OtherProtocol);
    }
    let answers = Answers::from_value(answers, protocol, today)
        .map_err(|_| RestoreError::AnswersNoLongerFit)?;
    let mut quiz = Quiz {
        answers,
        early_result_declined,
        ..Quiz::new()
    };
    let step = Step::from_key(step, protocol).ok_or(RestoreError::Corrupt)?;
    quiz.go_to(protocol, step, today);
    if quiz.step != step {
        // A step the answers do not reach: resume at the first question still to answer.
        quiz.step = quiz
            .first_unanswered(protocol)
            .map_or(Step::Review, Step::Question);
    }
    let language = language.filter(|l| protocol.languages.iter().any(|known| known == l));
    Ok((quiz, language))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::Answer;

    fn today() -> Date {
        Date::parse("2026-11-21").unwrap()
    }

    fn sample(protocol: &Protocol) -> Quiz {
        let mut quiz = Quiz::new();
        quiz.answers.set("age", Answer::one("adult"));
        quiz.answers.set("pregnancy", Answer::one("no"));
        quiz.answers.set("skin_cancer", Answer::one("no"));
        quiz.step = Step::Question(3);
        assert_eq!(quiz.first_unanswered(protocol), Some(3));
        quiz
    }

    #[test]
    fn progress_survives_a_round_trip() {
        let p = Protocol::default_protocol();
        let quiz = sample(&p);
        let json = save(&quiz, &p, Some("en"));
        let (restored, language) = restore(&json, &p, today()).unwrap();
        assert_eq!(restored, quiz);
        assert_eq!(language.as_deref(), Some("en"));
    }

    #[test]
    fn anything_wrong_starts_fresh() {
        let p = Protocol::default_protocol();
        let good = save(&sample(&p), &p, None);
        let cases = [
            (good[..good.len() / 2].to_string(), RestoreError::Corrupt),
            ("not json".to_string(), RestoreError::Corrupt),
            ("{}".to_string(), RestoreError::Corrupt),
            (
                good.replace("\"format\":1", "\"format\":0"),
                RestoreError::OtherFormat,
            ),
            (
                good.replace("microneedling-default", "another"),
                RestoreError::OtherProtocol,
            ),
            (
                good.replace(&format!("\"{}\"", p.version), "\"2025-01-01\""),
                RestoreError::OtherProtocol,
            ),
            (
                good.replace("\"adult\"", "\"ancient\""),
                RestoreError::AnswersNoLongerFit,
            ),
            (
                good.replace("question:bleeding", "question:gone"),
                RestoreError::Corrupt,
            ),
            (
                good.replace("\"step\"", "\"extra\":1,\"step\""),
                RestoreError::Corrupt,
            ),
        ];
        for (json, expected) in cases {
            assert_eq!(restore(&json, &p, today()).unwrap_err(), expected, "{json}");
        }
    }

    #[test]
    fn a_saved_step_past_the_answers_is_not_trusted() {
        let p = Protocol::default_protocol();
        let json = save(&sample(&p), &p, None).replace("question:bleeding", "result");
        let (quiz, _) = restore(&json, &p, today()).unwrap();
        assert_eq!(
            quiz.step,
            Step::Question(3),
            "the first unanswered question"
        );
    }
}
