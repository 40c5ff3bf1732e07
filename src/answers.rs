//! A visitor's answers, and the answers-file format shared by the CLI, the tests and saved
//! progress: question id → `"option"`, `["option", …]` or `{"option": "…", "date": "YYYY-MM-DD"}`.
//!
//! Answers are checked against a protocol and a `today` before anything is assessed, so the
//! assessment never sees an unknown option, a `none` beside another choice or an impossible date.

use std::collections::BTreeMap;
use std::fmt;

use crate::json::{self, Object, Value};

use crate::date::Date;
use crate::protocol::{DateWhen, Protocol, Question, QuestionKind};

/// The answer to one question: the chosen options, and the date that goes with a single choice
/// that asks for one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    pub options: Vec<String>,
    pub date: Option<Date>,
}

impl Answer {
    pub fn one(option: &str) -> Answer {
        Answer {
            options: vec![option.to_string()],
            date: None,
        }
    }

    pub fn many<S: AsRef<str>>(options: &[S]) -> Answer {
        Answer {
            options: options.iter().map(|o| o.as_ref().to_string()).collect(),
            date: None,
        }
    }

    pub fn dated(option: &str, date: Date) -> Answer {
        Answer {
            options: vec![option.to_string()],
            date: Some(date),
        }
    }

    pub fn has(&self, option: &str) -> bool {
        self.options.iter().any(|chosen| chosen == option)
    }
}

/// Answers by question id.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Answers(BTreeMap<String, Answer>);

/// Why an answer cannot be used; always names the question.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnswerError {
    /// The question id, or empty when the file as a whole is wrong.
    pub question: String,
    pub problem: Problem,
}

/// What is wrong with an answer. The quiz shows the visitor-facing kinds in the visitor's
/// language; `Display` gives the English the CLI prints.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// Nothing chosen.
    Required,
    /// More than one option for a single question.
    ChooseOne,
    /// An exclusive option (`none`) together with others.
    ExclusiveCombined { option: String },
    /// The chosen option asks for a date and none was given.
    DateRequired { option: String },
    /// A date that lies after today where the past is asked.
    DateInFuture { date: Date, today: Date },
    /// A date before today where a future date is asked.
    DatePassed { date: Date, today: Date },
    /// A date outside the band of time the chosen option covers (`ago`); `fits` is the option
    /// whose band holds it, if there is one.
    DateOutsideBand {
        option: String,
        date: Date,
        fits: Option<String>,
    },
    /// A date field whose text is not a real day, such as 30 February (the quiz only: the
    /// browser gives no value for it; files report a malformed date as `Invalid`).
    DateUnreadable { option: String },
    /// Anything else: unknown ids, wrong shapes, malformed dates (files only).
    Invalid(String),
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Required => f.write_str("choose at least one option"),
            Problem::ChooseOne => f.write_str("choose exactly one option"),
            Problem::ExclusiveCombined { option } => {
                write!(f, "option \"{option}\" cannot be combined with other choices")
            }
            Problem::DateRequired { option } => write!(
                f,
                "option \"{option}\" needs a date: {{\"option\": \"{option}\", \"date\": \"YYYY-MM-DD\"}}"
            ),
            Problem::DateInFuture { date, today } => write!(
                f,
                "the date {date} is in the future; this asks when something happened (today is {today})"
            ),
            Problem::DatePassed { date, today } => write!(
                f,
                "the date {date} has already passed; choose today or a later date (today is {today})"
            ),
            Problem::DateOutsideBand { option, date, fits } => {
                write!(f, "the date {date} lies outside the time option \"{option}\" covers")?;
                match fits {
                    Some(fits) => write!(f, "; it fits option \"{fits}\""),
                    None => f.write_str("; check the date"),
                }
            }
            Problem::DateUnreadable { option } => write!(
                f,
                "option \"{option}\" needs a date, and the one typed does not exist or is incomplete"
            ),
            Problem::Invalid(message) => f.write_str(message),
        }
    }
}

impl fmt::Display for AnswerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.question.is_empty() {
            write!(f, "{}", self.problem)
        } else {
            write!(f, "question \"{}\": {}", self.question, self.problem)
        }
    }
}

impl std::error::Error for AnswerError {}

fn problem<T>(question: &str, problem: Problem) -> Result<T, AnswerError> {
    Err(AnswerError {
        question: question.to_string(),
        problem,
    })
}

fn fail<T>(question: &str, message: impl Into<String>) -> Result<T, AnswerError> {
    problem(question, Problem::Invalid(message.into()))
}

impl Answers {
    pub fn new() -> Answers {
        Answers::default()
    }

    pub fn get(&self, question: &str) -> Option<&Answer> {
        self.0.get(question)
    }

    pub fn set(&mut self, question: &str, answer: Answer) {
        self.0.insert(question.to_string(), answer);
    }

    pub fn remove(&mut self, question: &str) -> Option<Answer> {
        self.0.remove(question)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &Answer)> {
        self.0.iter().map(|(id, answer)| (id.as_str(), answer))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Reads an answers file and checks every answer against `protocol` on `today`.
    pub fn from_json(json: &str, protocol: &Protocol, today: Date) -> Result<Answers, AnswerError> {
        let value = json::parse(json).or_else(|error| {
            let (line, column) = json::line_column(json, error.at);
            fail(
                "",
                format!(
                    "the answers are not valid JSON: {} (line {line}, column {column})",
                    error.message
                ),
            )
        })?;
        Answers::from_value(&value, protocol, today)
    }

    /// [`Answers::from_json`] of JSON already read (saved progress carries its answers inside).
    pub fn from_value(
        value: &Value,
        protocol: &Protocol,
        today: Date,
    ) -> Result<Answers, AnswerError> {
        let Value::Object(entries) = value else {
            return fail(
                "",
                "the answers must be a JSON object of question id to answer",
            );
        };
        let mut answers = Answers::new();
        for (id, value) in entries.iter() {
            let Some(question) = protocol.question(id) else {
                return fail(id, "there is no such question in the protocol");
            };
            answers.set(id, answer_from_value(question, value)?);
        }
        answers.check(protocol, today)?;
        Ok(answers)
    }

    /// Checks every answer against its question: known options, the right number of them, an
    /// exclusive option alone, and a date exactly where the option asks for one, on the right
    /// side of `today`.
    pub fn check(&self, protocol: &Protocol, today: Date) -> Result<(), AnswerError> {
        for (id, answer) in self.iter() {
            let Some(question) = protocol.question(id) else {
                return fail(id, "there is no such question in the protocol");
            };
            check_answer(protocol, question, answer, today)?;
        }
        Ok(())
    }

    /// The protocol's questions that have no answer, in the protocol's order.
    pub fn missing<'p>(&self, protocol: &'p Protocol) -> Vec<&'p str> {
        protocol
            .questions
            .iter()
            .map(|question| question.id.as_str())
            .filter(|id| !self.0.contains_key(*id))
            .collect()
    }
}

fn answer_from_value(question: &Question, value: &Value) -> Result<Answer, AnswerError> {
    let id = question.id.as_str();
    let text = |value: &Value| -> Result<String, AnswerError> {
        match value {
            Value::String(option) => Ok(option.clone()),
            other => fail(
                id,
                format!("expected an option id as a string, found {other}"),
            ),
        }
    };
    match (question.kind, value) {
        (QuestionKind::Single, Value::String(option)) => Ok(Answer::one(option)),
        (QuestionKind::Single, Value::Object(fields)) => {
            if let Some(unknown) = fields.keys().find(|k| *k != "option" && *k != "date") {
                return fail(
                    id,
                    format!("unknown field \"{unknown}\" (expected \"option\" and \"date\")"),
                );
            }
            let option = match fields.get("option") {
                Some(option) => text(option)?,
                None => return fail(id, "the answer object needs an \"option\""),
            };
            let date = match fields.get("date") {
                None | Some(Value::Null) => None,
                Some(Value::String(date)) => Some(
                    Date::parse(date)
                        .or_else(|error| fail(id, format!("the date \"{date}\" {error}")))?,
                ),
                Some(other) => {
                    return fail(
                        id,
                        format!("the date must be a \"YYYY-MM-DD\" string, found {other}"),
                    )
                }
            };
            Ok(Answer {
                options: vec![option],
                date,
            })
        }
        (QuestionKind::Single, other) => fail(
            id,
            format!("expected one option id, or {{\"option\": …, \"date\": …}}, found {other}"),
        ),
        (QuestionKind::Multi, Value::Array(items)) => Ok(Answer {
            options: items.iter().map(text).collect::<Result<_, _>>()?,
            date: None,
        }),
        (QuestionKind::Multi, other) => fail(
            id,
            format!("this question takes a list of option ids, found {other}"),
        ),
    }
}

/// Checks one answer against its question on `today` (see [`Answers::check`]).
pub fn check_answer(
    protocol: &Protocol,
    question: &Question,
    answer: &Answer,
    today: Date,
) -> Result<(), AnswerError> {
    let id = question.id.as_str();
    if answer.options.is_empty() {
        return problem(id, Problem::Required);
    }
    if question.kind == QuestionKind::Single && answer.options.len() > 1 {
        return problem(id, Problem::ChooseOne);
    }
    for (i, chosen) in answer.options.iter().enumerate() {
        let Some(option) = question.option(chosen) else {
            let known: Vec<&str> = question.options.iter().map(|o| o.id.as_str()).collect();
            return fail(
                id,
                format!(
                    "there is no option \"{chosen}\" (options: {})",
                    known.join(", ")
                ),
            );
        };
        if answer.options[..i].contains(chosen) {
            return fail(id, format!("option \"{chosen}\" is chosen twice"));
        }
        if option.exclusive && answer.options.len() > 1 {
            return problem(
                id,
                Problem::ExclusiveCombined {
                    option: chosen.clone(),
                },
            );
        }
    }
    let chosen = question.option(&answer.options[0]);
    let asks = chosen.and_then(|option| option.date.as_ref());
    match (asks, answer.date) {
        (None, None) => Ok(()),
        (None, Some(_)) => fail(
            id,
            format!("option \"{}\" takes no date", answer.options[0]),
        ),
        (Some(_), None) => problem(
            id,
            Problem::DateRequired {
                option: answer.options[0].clone(),
            },
        ),
        (Some(follow_up), Some(date)) => match follow_up.when {
            DateWhen::Past if date > today => problem(id, Problem::DateInFuture { date, today }),
            DateWhen::Future if date < today => problem(id, Problem::DatePassed { date, today }),
            _ => match chosen.and_then(|option| option.ago.as_ref()) {
                Some(ago) if ago.holds(protocol, date, today) == Some(false) => {
                    let fits = question.options.iter().find(|option| {
                        option
                            .ago
                            .as_ref()
                            .and_then(|ago| ago.holds(protocol, date, today))
                            == Some(true)
                    });
                    problem(
                        id,
                        Problem::DateOutsideBand {
                            option: answer.options[0].clone(),
                            date,
                            fits: fits.map(|option| option.id.clone()),
                        },
                    )
                }
                _ => Ok(()),
            },
        },
    }
}

impl Answers {
    /// The answers in the answers-file format, given which questions are single-choice.
    pub fn to_json(&self, protocol: &Protocol) -> String {
        self.to_value(protocol).to_string()
    }

    /// [`Answers::to_json`] before it is written out.
    pub fn to_value(&self, protocol: &Protocol) -> Value {
        let mut map = Object::default();
        for (id, answer) in self.iter() {
            let single = protocol
                .question(id)
                .is_some_and(|q| q.kind == QuestionKind::Single);
            let value = match (single, answer.options.as_slice(), answer.date) {
                (true, [option], None) => Value::from(option.as_str()),
                (_, [option], Some(date)) => {
                    let mut pair = Object::default();
                    pair.push("option", option.as_str());
                    pair.push("date", date.to_string());
                    Value::Object(pair)
                }
                (_, options, _) => {
                    Value::Array(options.iter().map(|o| Value::from(o.as_str())).collect())
                }
            };
            map.push(id, value);
        }
        Value::Object(map)
    }
}
