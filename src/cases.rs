//! A clinic's scenarios: the cases file `candidacy check` runs and the studio runs after every
//! edit. Shared `base` answers that each case's `answers` override, and for each case the verdict
//! and earliest start it expects (README, "Checking a protocol against your own cases").

use crate::answers::Answers;
use crate::assess::{assess, Assessment};
use crate::date::Date;
use crate::json::{self, Object, Value};
use crate::protocol::Protocol;
use crate::wording::Locale;

/// The verdicts a case may expect, as written in the file.
pub const VERDICTS: [&str; 4] = ["suitable", "consult", "not_yet", "not_suitable"];

#[derive(Clone, Debug, PartialEq)]
pub struct Cases {
    /// The file's `today`, when it sets one (each case may set its own).
    pub today: Option<Date>,
    pub base: Object,
    pub cases: Vec<Case>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Case {
    pub name: String,
    /// The case's own `today`, when it sets one.
    pub today: Option<Date>,
    pub answers: Object,
    pub verdict: String,
    /// `YYYY-MM-DD`, or none.
    pub earliest_start: Option<String>,
}

/// What a case gave: `Ok` with a summary, or `Err` saying what differed.
pub type Outcome = Result<String, String>;

fn bad<T>(message: impl Into<String>) -> Result<T, String> {
    Err(message.into())
}

fn date_field(value: &Value, what: &str) -> Result<Date, String> {
    match value {
        Value::String(text) => {
            Date::parse(text).map_err(|error| format!("{what} \"{text}\" {error}"))
        }
        other => bad(format!(
            "{what} must be a \"YYYY-MM-DD\" string, found {other}"
        )),
    }
}

fn unknown_field(fields: &Object, known: &[&str]) -> Option<String> {
    fields
        .keys()
        .find(|k| !known.contains(k))
        .map(str::to_string)
}

impl Cases {
    /// Reads a cases file, or says what is wrong with it.
    pub fn parse(text: &str) -> Result<Cases, String> {
        let value = json::parse(text).map_err(|error| {
            let (line, column) = json::line_column(text, error.at);
            format!(
                "not valid JSON: {} (line {line}, column {column})",
                error.message
            )
        })?;
        let Value::Object(file) = value else {
            return bad("expected an object with \"cases\"");
        };
        if let Some(unknown) = unknown_field(&file, &["today", "base", "cases"]) {
            return bad(format!(
                "unknown field \"{unknown}\" (expected \"today\", \"base\" and \"cases\")"
            ));
        }
        let today = file
            .get("today")
            .map(|value| date_field(value, "today"))
            .transpose()?;
        let base = match file.get("base") {
            None => Object::default(),
            Some(Value::Object(base)) => base.clone(),
            Some(_) => return bad("\"base\" must be an answers object"),
        };
        let Some(Value::Array(items)) = file.get("cases") else {
            return bad("\"cases\" must be a list of cases");
        };
        let cases = items
            .iter()
            .enumerate()
            .map(|(i, item)| Case::parse(i, item))
            .collect::<Result<Vec<_>, _>>()?;
        if cases.is_empty() {
            return bad("\"cases\" is empty");
        }
        Ok(Cases { today, base, cases })
    }

    /// The file, as `candidacy check` reads it (one case per line, like the examples).
    pub fn to_json(&self) -> String {
        let mut out = String::from("{\n");
        if let Some(today) = self.today {
            out.push_str(&format!("  \"today\": \"{today}\",\n"));
        }
        out.push_str(&format!(
            "  \"base\": {},\n",
            Value::Object(self.base.clone())
        ));
        out.push_str("  \"cases\": [\n");
        let lines: Vec<String> = self
            .cases
            .iter()
            .map(|c| format!("    {}", c.to_value()))
            .collect();
        out.push_str(&lines.join(",\n"));
        out.push_str("\n  ]\n}\n");
        out
    }

    /// Runs one case against `protocol`; a case without its own date counts from the file's,
    /// else from `today`.
    pub fn run(&self, protocol: &Protocol, case: &Case, today: Date) -> Outcome {
        let today = case.today.or(self.today).unwrap_or(today);
        let mut merged = self.base.clone();
        for (key, value) in case.answers.iter() {
            merged.0.retain(|m| m.key != key);
            merged.push(key, value.clone());
        }
        let answers = complete_answers(&Value::Object(merged), protocol, today)
            .map_err(|message| format!("answers rejected: {message}"))?;
        let Assessment {
            verdict,
            earliest_start,
            ..
        } = assess(protocol, &answers, today, &Locale::wordless());
        let got_start = earliest_start.map(|d| d.to_string());
        let show = |start: &Option<String>| start.clone().unwrap_or_else(|| "none".into());
        if verdict.as_str() == case.verdict && got_start == case.earliest_start {
            Ok(format!(
                "{}, earliest start {}",
                case.verdict,
                show(&got_start)
            ))
        } else {
            Err(format!(
                "expected {}, earliest start {}; got {}, earliest start {}",
                case.verdict,
                show(&case.earliest_start),
                verdict.as_str(),
                show(&got_start)
            ))
        }
    }
}

/// Complete, checked answers: every question answered, each answer one the protocol accepts.
pub fn complete_answers(
    value: &Value,
    protocol: &Protocol,
    today: Date,
) -> Result<Answers, String> {
    let answers = Answers::from_value(value, protocol, today).map_err(|error| error.to_string())?;
    require_complete(answers, protocol)
}

/// `answers`, if they answer every question of `protocol`.
pub fn require_complete(answers: Answers, protocol: &Protocol) -> Result<Answers, String> {
    match answers.missing(protocol).as_slice() {
        [] => Ok(answers),
        [one] => bad(format!("question \"{one}\": no answer given")),
        many => bad(format!(
            "no answers given for questions: {}",
            many.join(", ")
        )),
    }
}

impl Case {
    fn parse(index: usize, item: &Value) -> Result<Case, String> {
        let at = format!("cases[{index}]");
        let Value::Object(fields) = item else {
            return bad(format!("{at} must be an object"));
        };
        if let Some(unknown) = unknown_field(fields, &["name", "today", "answers", "expect"]) {
            return bad(format!(
                "{at}: unknown field \"{unknown}\" (expected \"name\", \"today\", \"answers\" and \"expect\")"
            ));
        }
        let Some(Value::String(name)) = fields.get("name") else {
            return bad(format!("{at} needs a \"name\" string"));
        };
        let at = format!("case \"{name}\"");
        let today = fields
            .get("today")
            .map(|value| date_field(value, &format!("{at}: today")))
            .transpose()?;
        let answers = match fields.get("answers") {
            Some(Value::Object(answers)) => answers.clone(),
            None => Object::default(),
            Some(_) => return bad(format!("{at}: \"answers\" must be an object")),
        };
        let Some(Value::Object(expect)) = fields.get("expect") else {
            return bad(format!(
                "{at} needs \"expect\": {{\"verdict\": …, \"earliest_start\": …}}"
            ));
        };
        let verdict = match expect.get("verdict") {
            Some(Value::String(verdict)) if VERDICTS.contains(&verdict.as_str()) => verdict.clone(),
            other => {
                return bad(format!(
                "{at}: expect.verdict must be suitable, consult, not_yet or not_suitable, found {}",
                other.map_or("nothing".to_string(), Value::to_string)
            ))
            }
        };
        let earliest_start = match expect.get("earliest_start") {
            None => {
                return bad(format!(
                    "{at}: expect.earliest_start is required (a date or null)"
                ))
            }
            Some(Value::Null) => None,
            Some(value) => {
                Some(date_field(value, &format!("{at}: expect.earliest_start"))?.to_string())
            }
        };
        Ok(Case {
            name: name.clone(),
            today,
            answers,
            verdict,
            earliest_start,
        })
    }

    fn to_value(&self) -> Value {
        let mut expect = Object::default();
        expect.push("verdict", self.verdict.as_str());
        expect.push("earliest_start", self.earliest_start.clone());
        let mut case = Object::default();
        case.push("name", self.name.as_str());
        if let Some(today) = self.today {
            case.push("today", today.to_string());
        }
        if !self.answers.is_empty() {
            case.push("answers", Value::Object(self.answers.clone()));
        }
        case.push("expect", Value::Object(expect));
        Value::Object(case)
    }

    /// A case for `answers` (complete, as the preview has them), expecting what the protocol
    /// gives them today: a clinic records today's outcome, and is told when an edit changes it.
    pub fn from_outcome(name: &str, answers: Object, assessment: &Assessment, today: Date) -> Case {
        Case {
            name: name.to_string(),
            today: Some(today),
            answers,
            verdict: assessment.verdict.as_str().to_string(),
            earliest_start: assessment.earliest_start.map(|d| d.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_cases_pass_and_survive_a_round_trip() {
        let protocol = Protocol::default_protocol();
        let text = std::fs::read_to_string("examples/cases.json").unwrap();
        let cases = Cases::parse(&text).unwrap();
        let today = Date::parse("2020-01-01").unwrap();
        for case in &cases.cases {
            assert!(cases.run(&protocol, case, today).is_ok(), "{}", case.name);
        }
        // Positions differ after rewriting, so compare what the file says.
        let written = cases.to_json();
        let reread = Cases::parse(&written).unwrap();
        assert_eq!(reread.to_json(), written);
        assert_eq!(reread.cases.len(), cases.cases.len());
        assert_eq!(reread.today, cases.today);
    }

    #[test]
    fn a_case_that_expects_otherwise_says_what_it_got() {
        let protocol = Protocol::default_protocol();
        let text = std::fs::read_to_string("examples/cases.json")
            .unwrap()
            .replacen("\"verdict\": \"suitable\"", "\"verdict\": \"consult\"", 1);
        let cases = Cases::parse(&text).unwrap();
        let outcome = cases.run(
            &protocol,
            &cases.cases[0],
            Date::parse("2020-01-01").unwrap(),
        );
        assert_eq!(
            outcome.unwrap_err(),
            "expected consult, earliest start 2026-11-21; got suitable, earliest start 2026-11-21"
        );
    }
}
