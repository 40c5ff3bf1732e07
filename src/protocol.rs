//! The protocol file: the clinical content of the quiz as data (questions, outcomes, windows,
//! the session plan, clinic details), and how it is read.
//!
//! Reading is two steps: [`crate::read`] builds the model (rejecting unknown fields and wrong
//! types with the JSON path of the offending value), then [`crate::validate`] checks what types
//! cannot (dangling ids, exclusive options, languages, links). Nothing here touches the web.
//! The model serializes with serde (the CLI's outputs, the studio's file).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::date::{Date, Span, Unit};
use crate::validate::{self, ProtocolError};

/// The default protocol (`static/protocols/microneedling.json`), compiled in for the CLI and the
/// tests, without the whitespace between tokens (`build.rs`). The quiz's wasm does not refer to
/// it: the page carries the protocol (`app::load::page_protocol`).
pub const DEFAULT_PROTOCOL_JSON: &str =
    include_str!(concat!(env!("OUT_DIR"), "/microneedling.min.json"));

/// The treatments the site ships, by the name a clinic gives the widget's `data-protocol` (or
/// the page's `?protocol=`): each is `protocols/<name>.json` on the quiz's site. README,
/// "Treatments", says which to pick for which treatment.
pub const TREATMENTS: [&str; 4] = [
    "microneedling",
    "rf-microneedling",
    "prp-microneedling",
    "rf-prp-microneedling",
];

/// The protocol format this build reads.
pub const FORMAT: u32 = 1;

/// Visitor-facing text, one entry per declared language (`{"en": "…", "es": "…"}`).
pub type Text = BTreeMap<String, String>;

#[derive(Clone, Debug, Serialize)]
pub struct Protocol {
    /// Format version of the file; must be [`FORMAT`].
    pub format: u32,
    /// Stable id of this protocol; saved progress from another protocol is discarded.
    pub id: String,
    /// The clinic's revision of the protocol (free text, e.g. a date).
    pub version: String,
    /// Languages every visitor-facing text must have; the first is the fallback.
    pub languages: Vec<String>,
    pub title: Text,
    /// What the quiz does, shown on the intro screen.
    pub intro: Text,
    /// That answers stay on the device.
    pub privacy: Text,
    /// That the result is an estimate, not medical advice.
    pub disclaimer: Text,
    /// Shown with every result, whatever the answers: a treatment's safety warning, a use the
    /// regulator has not approved.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notices: Vec<Notice>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clinic: Option<Clinic>,
    /// The clinic's brand colour, font and corner radius.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub theme: Option<crate::theme::Theme>,
    /// Named waiting times and lead times, referred to by outcomes and care steps.
    pub windows: BTreeMap<String, Window>,
    pub sections: Vec<Section>,
    pub questions: Vec<Question>,
    pub plan: PlanRules,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pricing: Option<Pricing>,
    /// Who reviewed the rules, bound to the content they reviewed ([`crate::review`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub review: Option<crate::review::Review>,
}

/// A statement shown with every result of the protocol, with its source like a rule's.
#[derive(Clone, Debug, Serialize)]
pub struct Notice {
    pub id: String,
    pub text: Text,
    pub source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub references: Vec<Reference>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Clinic {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Where to book: `https:`, `http:`, `tel:` or `mailto:`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub booking_url: Option<String>,
    /// The public address of the clinic's published quiz (`https:`): where the result's QR code
    /// sends the visitor's phone. Needed where the quiz runs from a file (the kiosk); elsewhere
    /// the page's own address is used.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quiz_url: Option<String>,
}

/// A length of time as written in the file. The amount is read as a signed number so that a
/// negative one gets a message of its own rather than a type error. A window is a rule, with the
/// same `evidence`, `references` and `note` as an [`Outcome`].
#[derive(Clone, Debug, Serialize)]
pub struct Window {
    pub amount: i64,
    pub unit: Option<Unit>,
    pub source: String,
    /// The kind of source the rule rests on; required (validation says so when it is missing,
    /// rather than the reader refusing the file's shape).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
    /// The works the rule rests on.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub references: Vec<Reference>,
    /// For clinicians: where the sources disagree, and which choice the protocol makes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The kind of source a rule rests on, roughly from the most to the least formal. A clinic's own
/// choice is `clinic_policy`: say so rather than borrow a stronger source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Evidence {
    /// A device's instructions for use (the maker's contraindications).
    DeviceInstructions,
    /// A medicine's official labelling.
    DrugLabelling,
    /// A health regulator's communication or decision (a safety notice, a device classification).
    Regulator,
    /// A systematic review of studies.
    SystematicReview,
    /// A consensus statement or guideline of a professional body.
    Consensus,
    /// A consensus statement or guideline written for another field of medicine (PRP's comes
    /// from musculoskeletal medicine), applied here by analogy.
    ConsensusOutsideAesthetics,
    /// A clinical study.
    ClinicalStudy,
    /// A narrative review.
    Review,
    /// The clinic's own policy (consent forms, pre- and after-care pages).
    ClinicPolicy,
}

impl Evidence {
    pub const ALL: [Evidence; 9] = [
        Evidence::DeviceInstructions,
        Evidence::DrugLabelling,
        Evidence::Regulator,
        Evidence::SystematicReview,
        Evidence::Consensus,
        Evidence::ConsensusOutsideAesthetics,
        Evidence::ClinicalStudy,
        Evidence::Review,
        Evidence::ClinicPolicy,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Evidence::DeviceInstructions => "device_instructions",
            Evidence::DrugLabelling => "drug_labelling",
            Evidence::Regulator => "regulator",
            Evidence::SystematicReview => "systematic_review",
            Evidence::Consensus => "consensus",
            Evidence::ConsensusOutsideAesthetics => "consensus_outside_aesthetics",
            Evidence::ClinicalStudy => "clinical_study",
            Evidence::Review => "review",
            Evidence::ClinicPolicy => "clinic_policy",
        }
    }

    /// The kind in a clinician's words.
    pub fn describe(self) -> &'static str {
        match self {
            Evidence::DeviceInstructions => "device instructions for use",
            Evidence::DrugLabelling => "drug labelling",
            Evidence::Regulator => "regulator communication",
            Evidence::SystematicReview => "systematic review",
            Evidence::Consensus => "consensus statement",
            Evidence::ConsensusOutsideAesthetics => "consensus statement (outside aesthetics)",
            Evidence::ClinicalStudy => "clinical study",
            Evidence::Review => "review article",
            Evidence::ClinicPolicy => "clinic policy",
        }
    }
}

/// A work a rule rests on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Reference {
    /// Authors, title, where and when, with an identifier where there is one.
    pub citation: String,
    /// Where to read it: `https:` only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl Window {
    /// The window as a span; `None` until validation has accepted it.
    pub fn span(&self) -> Option<Span> {
        Some(Span {
            amount: u32::try_from(self.amount).ok()?,
            unit: self.unit?,
        })
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Section {
    pub id: String,
    pub title: Text,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// Exactly one option.
    Single,
    /// One or more options; an `exclusive` option (such as `none`) stands alone.
    Multi,
}

#[derive(Clone, Debug, Serialize)]
pub struct Question {
    pub id: String,
    pub section: String,
    pub kind: QuestionKind,
    pub text: Text,
    /// A plain-words hint under the question.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<Text>,
    pub options: Vec<Choice>,
}

impl Question {
    pub fn option(&self, id: &str) -> Option<&Choice> {
        self.options.iter().find(|option| option.id == id)
    }
}

/// One option of a question (named `Choice` to keep clear of `Option`).
#[derive(Clone, Debug, Serialize)]
pub struct Choice {
    pub id: String,
    pub label: Text,
    /// Must stand alone in a multi question's answer (`none`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub exclusive: bool,
    /// A date the visitor gives with this option.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<DateFollowUp>,
    /// How long ago what the option describes happened, between two windows ("in the last
    /// {window:surgery}", "{window:surgery} to {window:surgery_year} ago"): options of one question
    /// that differ only in their boundary. The label names the windows; a date given with the
    /// option must fall in the band.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ago: Option<Ago>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
}

/// A band of time before today, bounded by windows (ids in `windows`); at least one bound.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Ago {
    /// The band starts this long ago (inclusive); none: it reaches today.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at_least: Option<String>,
    /// The band ends this long ago (exclusive); none: it has no end.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub less_than: Option<String>,
}

impl Ago {
    /// Whether `date` lies in the band on `today`; `None` when a bound names no window.
    pub fn holds(&self, protocol: &Protocol, date: Date, today: Date) -> Option<bool> {
        let bound = |id: &Option<String>| match id {
            None => Some(None),
            Some(id) => protocol.window(id).map(Some),
        };
        let (at_least, less_than) = (bound(&self.at_least)?, bound(&self.less_than)?);
        Some(
            at_least.is_none_or(|span| date + span <= today)
                && less_than.is_none_or(|span| date + span > today),
        )
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct DateFollowUp {
    /// The question for the date ("When did you stop?").
    pub label: Text,
    /// Whether the date lies in the past (a stop date) or in the future (a wished start).
    pub when: DateWhen,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateWhen {
    /// Today or earlier.
    Past,
    /// Today or later.
    Future,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeKind {
    /// No effect on the verdict; a note shown with the result.
    Info,
    /// No effect on the verdict; a pre-care step with a lead time.
    Prepare,
    /// A clinician must review this before booking.
    Consult,
    /// A temporary reason; a date where one can be computed.
    NotYet,
    /// Microneedling is not recommended.
    NotSuitable,
}

impl OutcomeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OutcomeKind::Info => "info",
            OutcomeKind::Prepare => "prepare",
            OutcomeKind::Consult => "consult",
            OutcomeKind::NotYet => "not_yet",
            OutcomeKind::NotSuitable => "not_suitable",
        }
    }
}

/// What choosing an option means. One flat shape for every kind keeps the file easy to edit and
/// the error messages precise; validation checks which fields each kind allows.
#[derive(Clone, Debug, Serialize)]
pub struct Outcome {
    pub kind: OutcomeKind,
    /// `not_yet` only: the window (an id in `windows`) to wait. Without one, no date can be
    /// computed ("once healed", "after pregnancy").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub window: Option<String>,
    /// `not_yet` with a window: what the window counts from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<CountFrom>,
    /// A pre-care step (an id in `plan.pre_care`) this answer adds; required for `prepare`,
    /// whose step's lead time then also delays the earliest start.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub step: Option<String>,
    /// What the answer means and what to do, in plain words.
    pub explain: Text,
    /// Why the rule is there (a short citation).
    pub source: String,
    /// The kind of source the rule rests on; required (validation says so when it is missing,
    /// rather than the reader refusing the file's shape).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
    /// The works the rule rests on.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub references: Vec<Reference>,
    /// For clinicians: where the sources disagree, and which choice the protocol makes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CountFrom {
    /// The date the visitor gave with the option (a stop date, a last treatment).
    AnswerDate,
    /// The day of the quiz (a treatment "in the last two weeks").
    Today,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Range {
    pub min: i64,
    pub max: i64,
}

#[derive(Clone, Debug, Serialize)]
pub struct SessionCounts {
    pub mild: Range,
    pub moderate: Range,
    pub severe: Range,
    pub source: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct PlanRules {
    /// The multi question whose options are the concerns in `sessions`.
    pub concerns_question: String,
    /// The single question with options `mild`, `moderate` and `severe`.
    pub severity_question: String,
    /// The question whose date answer is the visitor's chosen start date.
    pub start_question: String,
    /// The multi question whose options are the areas in `pricing`.
    pub areas_question: String,
    /// Sessions per concern, by severity; the course is the maximum over the chosen concerns.
    pub sessions: BTreeMap<String, SessionCounts>,
    pub interval_weeks: RangeRule,
    pub results: ResultsRules,
    pub visit: VisitRules,
    pub pre_care: Vec<PreCareStep>,
    pub after_care: Vec<AfterCareStep>,
}

#[derive(Clone, Debug, Serialize)]
pub struct RangeRule {
    pub min: i64,
    pub max: i64,
    pub source: String,
}

impl RangeRule {
    pub fn range(&self) -> Range {
        Range {
            min: self.min,
            max: self.max,
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct ResultsRules {
    /// Weeks after the first session until a first visible change.
    pub first_visible_weeks: RangeRule,
    /// Months after the last session until the full result can be judged.
    pub full_result_months: RangeRule,
    /// Months over which collagen keeps building.
    pub collagen_months: i64,
    /// One maintenance session every so many months.
    pub maintenance_months: RangeRule,
}

#[derive(Clone, Debug, Serialize)]
pub struct VisitRules {
    pub treatment_minutes: i64,
    /// Numbing cream before treatment of the face.
    pub numbing_minutes: Range,
    /// Time to plan in the clinic in all.
    pub total_hours: Range,
    pub source: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct PreCareStep {
    pub id: String,
    /// How long before the first session the step starts (an id in `windows`).
    pub before: String,
    /// Shown to everyone, or only when an answer's outcome names this step.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub always: bool,
    pub text: Text,
    pub source: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct AfterCareStep {
    pub id: String,
    /// How long after each session the step lasts (an id in `windows`).
    pub lasts: String,
    pub text: Text,
    pub source: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Pricing {
    /// ISO 4217 code, such as `EUR`.
    pub currency: String,
    /// Price of one session per area option id, in whole currency units.
    pub per_session: BTreeMap<String, i64>,
}

impl Protocol {
    /// Reads and validates a protocol file, reporting every problem found.
    pub fn from_json(json: &str) -> Result<Protocol, Vec<ProtocolError>> {
        let protocol = validate::parse(json).map_err(|error| vec![error])?;
        let errors = validate::check(&protocol);
        if errors.is_empty() {
            Ok(protocol)
        } else {
            Err(errors)
        }
    }

    /// The compiled-in default protocol (the CLI's, the tests'). Only read, not checked: the
    /// tests and the build check it (the prerender step refuses an invalid one).
    ///
    /// A review it carries is kept only when it covers the content; where there is no SHA-256
    /// (a component test in the browser), the review is dropped.
    pub fn default_protocol() -> Protocol {
        let mut protocol =
            validate::parse(DEFAULT_PROTOCOL_JSON).expect("the embedded default protocol is valid");
        #[cfg(not(target_arch = "wasm32"))]
        crate::review::keep_if_current(&mut protocol, DEFAULT_PROTOCOL_JSON);
        #[cfg(target_arch = "wasm32")]
        {
            protocol.review = None;
        }
        protocol
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|question| question.id == id)
    }

    pub fn window(&self, id: &str) -> Option<Span> {
        self.windows.get(id).and_then(Window::span)
    }

    pub fn pre_care_step(&self, id: &str) -> Option<&PreCareStep> {
        self.plan.pre_care.iter().find(|step| step.id == id)
    }

    /// Whether this copy has the texts of `language`: a copy for one language
    /// ([`Protocol::in_language`]) keeps every declared language but the texts of one.
    pub fn speaks(&self, language: &str) -> bool {
        self.title.contains_key(language)
    }

    /// This protocol with the texts of `language` only (the quiz's first load carries one
    /// language; the others come with the complete file when the visitor asks for them).
    pub fn in_language(&self, language: &str) -> Protocol {
        let mut copy = self.clone();
        copy.texts_mut(|text| text.retain(|lang, _| lang == language));
        copy
    }

    /// The copy a visitor's page carries, for the first screens: without what only a clinician
    /// reads (every `note`; the sources and references of windows, of the plan's figures and of
    /// care steps, which `candidacy explain` and the complete file keep), and without the
    /// sources and references "Why?" shows on the result (evidence kinds stay): the quiz loads
    /// the complete file after the first answer ([`Protocol::lacks_sources`]).
    pub fn for_page(mut self) -> Protocol {
        for window in self.windows.values_mut() {
            window.source.clear();
            window.references.clear();
            window.note = None;
        }
        for notice in &mut self.notices {
            notice.source.clear();
            notice.references.clear();
            notice.note = None;
        }
        for question in &mut self.questions {
            for outcome in question
                .options
                .iter_mut()
                .filter_map(|o| o.outcome.as_mut())
            {
                outcome.source.clear();
                outcome.references.clear();
                outcome.note = None;
            }
        }
        let plan = &mut self.plan;
        for counts in plan.sessions.values_mut() {
            counts.source.clear();
        }
        let results = &mut plan.results;
        for rule in [
            &mut plan.interval_weeks,
            &mut results.first_visible_weeks,
            &mut results.full_result_months,
            &mut results.maintenance_months,
        ] {
            rule.source.clear();
        }
        plan.visit.source.clear();
        for step in &mut plan.pre_care {
            step.source.clear();
        }
        for step in &mut plan.after_care {
            step.source.clear();
        }
        self
    }

    /// Whether this is a copy made by [`Protocol::for_page`]: a file that validates names a
    /// source for every rule, so a rule without one means the sources were left out.
    pub fn lacks_sources(&self) -> bool {
        let outcomes = self
            .questions
            .iter()
            .flat_map(|q| &q.options)
            .filter_map(|o| o.outcome.as_ref());
        outcomes
            .map(|o| &o.source)
            .chain(self.notices.iter().map(|n| &n.source))
            .any(String::is_empty)
    }

    /// Calls `f` on every visitor-facing text.
    pub fn texts_mut(&mut self, mut f: impl FnMut(&mut Text)) {
        for text in [
            &mut self.title,
            &mut self.intro,
            &mut self.privacy,
            &mut self.disclaimer,
        ] {
            f(text);
        }
        for notice in &mut self.notices {
            f(&mut notice.text);
        }
        for section in &mut self.sections {
            f(&mut section.title);
        }
        for question in &mut self.questions {
            f(&mut question.text);
            if let Some(hint) = &mut question.hint {
                f(hint);
            }
            for option in &mut question.options {
                f(&mut option.label);
                if let Some(date) = &mut option.date {
                    f(&mut date.label);
                }
                if let Some(outcome) = &mut option.outcome {
                    f(&mut outcome.explain);
                }
            }
        }
        for step in &mut self.plan.pre_care {
            f(&mut step.text);
        }
        for step in &mut self.plan.after_care {
            f(&mut step.text);
        }
    }

    /// The text in `language`, else in the protocol's first language.
    pub fn text<'a>(&self, text: &'a Text, language: &str) -> &'a str {
        text.get(language)
            .or_else(|| self.languages.first().and_then(|first| text.get(first)))
            .map(String::as_str)
            .unwrap_or("")
    }
}
