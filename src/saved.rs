//! Progress kept between page loads (the browser's `sessionStorage`, gone when the tab closes).
//!
//! What is saved is checked like any input when it is read back: corrupt JSON, an older format,
//! another protocol (or another revision of it) or answers that no longer fit are refused, and
//! the quiz starts fresh. Only the step, the language and the answers are kept.

use serde::{Deserialize, Serialize};

use crate::answers::Answers;
use crate::date::Date;
use crate::flow::{Quiz, Step};
use crate::protocol::Protocol;

/// The saved-progress format this build writes and reads.
pub const FORMAT: u32 = 1;

/// The one `sessionStorage` key the quiz writes.
pub const STORAGE_KEY: &str = "candidacy-quiz";

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Saved {
    format: u32,
    protocol: String,
    version: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    language: Option<String>,
    step: String,
    #[serde(default)]
    early_result_declined: bool,
    answers: serde_json::Value,
}

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
    let saved = Saved {
        format: FORMAT,
        protocol: protocol.id.clone(),
        version: protocol.version.clone(),
        language: language.map(str::to_string),
        step: quiz.step.key(protocol),
        early_result_declined: quiz.early_result_declined,
        answers: serde_json::from_str(&quiz.answers.to_json(protocol)).unwrap_or_default(),
    };
    serde_json::to_string(&saved).unwrap_or_default()
}

/// The language chosen in saved progress, if it can be read at all.
pub fn language(json: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(json).ok()?;
    Some(value.get("language")?.as_str()?.to_string())
}

/// The quiz and language saved in `json`, checked against `protocol` on `today`.
pub fn restore(
    json: &str,
    protocol: &Protocol,
    today: Date,
) -> Result<(Quiz, Option<String>), RestoreError> {
    let format = serde_json::from_str::<serde_json::Value>(json)
        .map_err(|_| RestoreError::Corrupt)?
        .get("format")
        .and_then(serde_json::Value::as_u64);
    if format != Some(u64::from(FORMAT)) {
        return Err(match format {
            Some(_) => RestoreError::OtherFormat,
            None => RestoreError::Corrupt,
        });
    }
    let saved: Saved = serde_json::from_str(json).map_err(|_| RestoreError::Corrupt)?;
    if saved.protocol != protocol.id || saved.version != protocol.version {
        return Err(RestoreError::OtherProtocol);
    }
    let answers = Answers::from_json(&saved.answers.to_string(), protocol, today)
        .map_err(|_| RestoreError::AnswersNoLongerFit)?;
    let mut quiz = Quiz {
        answers,
        early_result_declined: saved.early_result_declined,
        ..Quiz::new()
    };
    let step = Step::from_key(&saved.step, protocol).ok_or(RestoreError::Corrupt)?;
    quiz.go_to(protocol, step, today);
    if quiz.step != step {
        // A step the answers do not reach: resume at the first question still to answer.
        quiz.step = quiz
            .first_unanswered(protocol)
            .map_or(Step::Review, Step::Question);
    }
    let language = saved
        .language
        .filter(|l| protocol.languages.iter().any(|known| known == l));
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
