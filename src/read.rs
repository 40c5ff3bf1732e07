//! Reading a protocol file into the model: the one reader the quiz, the CLI and the studio use.
//!
//! Each record refuses a field it does not know and a repeated one, and says which field is
//! missing or of the wrong kind; every message names the JSON path of the value and the line of
//! its key. What the shapes cannot rule out (dangling ids, languages, links) is
//! [`crate::validate::check`]'s work.

use std::collections::BTreeMap;

use crate::date::{Date, Unit};
use crate::json::{self, Object, Value};
use crate::protocol::*;
use crate::review::Review;
use crate::theme::Theme;
use crate::validate::ProtocolError;

/// Reads a protocol file's JSON into the model, or says where the JSON or its shape is wrong.
pub fn protocol(text: &str) -> Result<Protocol, ProtocolError> {
    let located = |message: String, at: Option<usize>| ProtocolError {
        path: String::new(),
        message,
        position: at.map(|at| json::line_column(text, at)),
    };
    let value = json::parse(text).map_err(|error| {
        let kind = if error.early_end {
            "the file ends too early"
        } else {
            "the file is not valid JSON"
        };
        located(format!("{kind}: {}", error.message), Some(error.at))
    })?;
    Protocol::read(&value, &Place::ROOT).map_err(|error| ProtocolError {
        path: error.path,
        ..located(error.message, error.at)
    })
}

/// Reads JSON already parsed (the studio's document) into the model; a problem names its path.
pub fn protocol_from_value(value: &Value) -> Result<Protocol, ProtocolError> {
    Protocol::read(value, &Place::ROOT).map_err(|error| ProtocolError {
        path: error.path,
        message: error.message,
        position: None,
    })
}

/// A shape problem: where, and what.
pub struct ReadError {
    pub path: String,
    pub message: String,
    /// Byte offset of the nearest key.
    pub at: Option<usize>,
}

/// Where a value is, as a chain to the document's root; a path is written out only for a
/// message.
pub struct Place<'a> {
    parent: Option<&'a Place<'a>>,
    step: Step<'a>,
    /// Byte offset of the key this value is under, or of the nearest one above.
    at: Option<usize>,
}

enum Step<'a> {
    Root,
    Key(&'a str),
    Index(usize),
}

impl<'a> Place<'a> {
    pub const ROOT: Place<'static> = Place {
        parent: None,
        step: Step::Root,
        at: None,
    };

    fn key(&'a self, key: &'a str, at: usize) -> Place<'a> {
        Place {
            parent: Some(self),
            step: Step::Key(key),
            at: Some(at),
        }
    }

    fn index(&'a self, index: usize) -> Place<'a> {
        Place {
            parent: Some(self),
            step: Step::Index(index),
            at: self.at,
        }
    }

    /// `questions[2].options[0].label` (serde_path_to_error's form).
    pub fn path(&self) -> String {
        let mut path = self.parent.map(Place::path).unwrap_or_default();
        match self.step {
            Step::Root => {}
            Step::Key(key) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Step::Index(index) => {
                path.push('[');
                path.push_str(&index.to_string());
                path.push(']');
            }
        }
        path
    }

    #[cold]
    #[inline(never)]
    pub fn error(&self, message: String) -> Box<ReadError> {
        Box::new(ReadError {
            path: self.path(),
            message,
            at: self.at,
        })
    }

    #[cold]
    #[inline(never)]
    fn expected(&self, what: &str, found: &Value) -> Box<ReadError> {
        let found = match found {
            Value::String(text) => format!("the string {}", Value::String(text.clone())),
            Value::Number(text) => format!("the number {text}"),
            other => other.kind().to_string(),
        };
        self.error(format!("expected {what}, found {found}"))
    }
}

/// Boxed, so that the many `Result`s on the way up stay small (the quiz's wasm is smaller).
type Result<T, E = Box<ReadError>> = std::result::Result<T, E>;

/// A value of the model that can be read from JSON.
pub trait Read: Sized {
    fn read(value: &Value, place: &Place) -> Result<Self>;

    /// A stand-in for a field that could not be read, so that a record is read to its end
    /// without a way out at every field (which made the reader twice the size); the record is
    /// then refused with the first problem.
    fn placeholder() -> Self;
}

impl Read for String {
    fn placeholder() -> String {
        String::new()
    }

    fn read(value: &Value, place: &Place) -> Result<String> {
        match value {
            Value::String(text) => Ok(text.clone()),
            other => Err(place.expected("a string", other)),
        }
    }
}

impl Read for bool {
    fn placeholder() -> bool {
        false
    }

    fn read(value: &Value, place: &Place) -> Result<bool> {
        match value {
            Value::Bool(value) => Ok(*value),
            other => Err(place.expected("true or false", other)),
        }
    }
}

impl Read for i64 {
    fn placeholder() -> i64 {
        0
    }

    fn read(value: &Value, place: &Place) -> Result<i64> {
        value
            .as_i64()
            .ok_or_else(|| place.expected("a whole number", value))
    }
}

impl Read for u32 {
    fn placeholder() -> u32 {
        0
    }

    fn read(value: &Value, place: &Place) -> Result<u32> {
        value
            .as_i64()
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| place.expected("a whole number from 0", value))
    }
}

impl<T: Read> Read for Vec<T> {
    fn placeholder() -> Vec<T> {
        Vec::new()
    }

    fn read(value: &Value, place: &Place) -> Result<Vec<T>> {
        match value {
            Value::Array(items) => {
                let mut read = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    read.push(T::read(item, &place.index(i))?);
                }
                Ok(read)
            }
            other => Err(place.expected("a list", other)),
        }
    }
}

/// A map keeps the last of a repeated key, as JavaScript's `JSON.parse` does.
impl<T: Read> Read for BTreeMap<String, T> {
    fn placeholder() -> BTreeMap<String, T> {
        BTreeMap::new()
    }

    fn read(value: &Value, place: &Place) -> Result<BTreeMap<String, T>> {
        match value {
            Value::Object(object) => {
                let mut read = BTreeMap::new();
                for m in &object.0 {
                    read.insert(m.key.clone(), T::read(&m.value, &place.key(&m.key, m.at))?);
                }
                Ok(read)
            }
            other => Err(place.expected("an object", other)),
        }
    }
}

/// The fields of a record: unknown and repeated ones are refused when it is opened; the first
/// field that cannot be read is kept until [`Fields::finish`].
pub struct Fields<'a> {
    object: &'a Object,
    place: &'a Place<'a>,
    problem: std::cell::Cell<Option<Box<ReadError>>>,
}

impl<'a> Fields<'a> {
    pub fn open(value: &'a Value, place: &'a Place<'a>, known: &[&str]) -> Result<Fields<'a>> {
        let Value::Object(object) = value else {
            return Err(place.expected("an object", value));
        };
        for (i, member) in object.0.iter().enumerate() {
            let here = place.key(&member.key, member.at);
            if !known.contains(&member.key.as_str()) {
                let known: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
                return Err(here.error(format!(
                    "unknown field `{}`, expected one of {}",
                    member.key,
                    known.join(", ")
                )));
            }
            if object.0[..i].iter().any(|m| m.key == member.key) {
                return Err(here.error(format!("duplicate field `{}`", member.key)));
            }
        }
        Ok(Fields {
            object,
            place,
            problem: std::cell::Cell::new(None),
        })
    }

    /// The record read, or the first problem with its fields.
    pub fn finish<T>(self, record: T) -> Result<T> {
        match self.problem.into_inner() {
            Some(problem) => Err(problem),
            None => Ok(record),
        }
    }

    fn keep<T: Read>(&self, read: Result<T>) -> T {
        read.unwrap_or_else(|problem| {
            self.note(problem);
            T::placeholder()
        })
    }

    /// Keeps the first problem.
    #[cold]
    #[inline(never)]
    fn note(&self, problem: Box<ReadError>) {
        let first = self.problem.take().unwrap_or(problem);
        self.problem.set(Some(first));
    }

    #[inline(never)]
    fn member(&self, key: &str) -> Option<&'a json::Member> {
        self.object.0.iter().find(|m| m.key == key)
    }

    /// A field that must be there.
    pub fn req<T: Read>(&self, key: &str) -> T {
        let read = match self.member(key) {
            Some(m) => T::read(&m.value, &self.place.key(key, m.at)),
            None => Err(self.missing(key)),
        };
        self.keep(read)
    }

    #[cold]
    #[inline(never)]
    fn missing(&self, key: &str) -> Box<ReadError> {
        if self.place.parent.is_none() {
            self.place.error(format!("the file has no `{key}` field"))
        } else {
            self.place.error(format!("missing field `{key}`"))
        }
    }

    /// A field that may be left out (or be `null`).
    pub fn opt<T: Read>(&self, key: &str) -> Option<T> {
        match self.member(key) {
            None => None,
            Some(m) if m.value == Value::Null => None,
            Some(m) => Some(self.keep(T::read(&m.value, &self.place.key(key, m.at)))),
        }
    }

    /// A field that is its type's default when left out (`false`, an empty list).
    pub fn or_default<T: Read + Default>(&self, key: &str) -> T {
        self.opt(key).unwrap_or_default()
    }
}

/// One of a fixed set of strings.
fn variant<T: Copy>(value: &Value, place: &Place, names: &[(&str, T)]) -> Result<T> {
    let Value::String(text) = value else {
        return Err(place.expected("a string", value));
    };
    match names.iter().find(|(name, _)| name == text) {
        Some((_, variant)) => Ok(*variant),
        None => {
            let known: Vec<String> = names.iter().map(|(n, _)| format!("`{n}`")).collect();
            Err(place.error(format!(
                "unknown variant `{text}`, expected one of {}",
                known.join(", ")
            )))
        }
    }
}

macro_rules! variants {
    ($($kind:ty => [$($name:literal => $variant:expr),+ $(,)?];)+) => {$(
        impl Read for $kind {
            fn placeholder() -> $kind {
                [$($variant),+][0]
            }

            fn read(value: &Value, place: &Place) -> Result<$kind> {
                variant(value, place, &[$(($name, $variant)),+])
            }
        }
    )+};
}

variants! {
    Unit => ["hours" => Unit::Hours, "days" => Unit::Days, "weeks" => Unit::Weeks, "months" => Unit::Months];
    QuestionKind => ["single" => QuestionKind::Single, "multi" => QuestionKind::Multi];
    DateWhen => ["past" => DateWhen::Past, "future" => DateWhen::Future];
    CountFrom => ["answer_date" => CountFrom::AnswerDate, "today" => CountFrom::Today];
    OutcomeKind => [
        "info" => OutcomeKind::Info,
        "prepare" => OutcomeKind::Prepare,
        "consult" => OutcomeKind::Consult,
        "not_yet" => OutcomeKind::NotYet,
        "not_suitable" => OutcomeKind::NotSuitable,
    ];
}

impl Read for Evidence {
    fn placeholder() -> Evidence {
        Evidence::ALL[0]
    }

    fn read(value: &Value, place: &Place) -> Result<Evidence> {
        let names = Evidence::ALL.map(|kind| (kind.as_str(), kind));
        variant(value, place, &names)
    }
}

impl Read for Date {
    fn placeholder() -> Date {
        Date::MIN
    }

    fn read(value: &Value, place: &Place) -> Result<Date> {
        let text = String::read(value, place)?;
        Date::parse(&text).map_err(|error| place.error(format!("\"{text}\" {error}")))
    }
}

macro_rules! placeholder {
    (req) => {
        Read::placeholder()
    };
    (opt) => {
        None
    };
    (or_default) => {
        Default::default()
    };
}

/// Records: `records! { Type { field: how, … } … }` where `how` is `req`, `opt` or `or_default`.
macro_rules! records {
    ($($record:ident { $($field:ident: $how:ident),+ $(,)? })+) => {$(
        impl Read for $record {
            fn placeholder() -> $record {
                $record { $($field: placeholder!($how)),+ }
            }

            fn read(value: &Value, place: &Place) -> Result<$record> {
                let fields = Fields::open(value, place, &[$(stringify!($field)),+])?;
                let record = $record { $($field: fields.$how(stringify!($field))),+ };
                fields.finish(record)
            }
        }
    )+};
}

records! {
    Protocol {
        format: req, id: req, version: req, languages: req, title: req, intro: req,
        privacy: req, disclaimer: req, notices: or_default, clinic: opt, theme: opt, windows: req, sections: req,
        questions: req, plan: req, pricing: opt, review: opt,
    }
    Clinic { name: req, phone: opt, email: opt, booking_url: opt, quiz_url: opt }
    Theme { brand: opt, font: opt, radius: opt }
    Window { amount: req, unit: opt, source: req, evidence: opt, references: or_default, note: opt }
    Reference { citation: req, url: opt }
    Section { id: req, title: req }
    Question { id: req, section: req, kind: req, text: req, hint: opt, options: req }
    Choice { id: req, label: req, exclusive: or_default, date: opt, ago: opt, outcome: opt }
    Ago { at_least: opt, less_than: opt }
    Notice {
        id: req, text: req, source: req, evidence: opt, references: or_default, note: opt,
    }
    DateFollowUp { label: req, when: req }
    Outcome {
        kind: req, window: opt, from: opt, step: opt, explain: req, source: req, evidence: opt,
        references: or_default, note: opt,
    }
    Range { min: req, max: req }
    SessionCounts { mild: req, moderate: req, severe: req, source: req }
    PlanRules {
        concerns_question: req, severity_question: req, start_question: req,
        areas_question: req, sessions: req, interval_weeks: req, results: req, visit: req,
        pre_care: req, after_care: req,
    }
    RangeRule { min: req, max: req, source: req }
    ResultsRules {
        first_visible_weeks: req, full_result_months: req, collagen_months: req,
        maintenance_months: req,
    }
    VisitRules { treatment_minutes: req, numbing_minutes: req, total_hours: req, source: req }
    PreCareStep { id: req, before: req, always: or_default, text: req, source: req }
    AfterCareStep { id: req, lasts: req, text: req, source: req }
    Pricing { currency: req, per_session: req }
    Review { name: req, role: req, date: req, next_due: opt, sha256: req }
}
