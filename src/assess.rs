//! Answers → verdict, reasons and earliest start: "why did the quiz say not yet?" in one place.
//!
//! The verdict is the most severe outcome triggered (`not_suitable` > `not_yet` > `consult` >
//! `suitable`). `earliest_start` is the latest of every dated `not_yet`, the visitor's chosen
//! start date and today plus the longest `prepare` lead time; there is none when microneedling is
//! not suitable or when some `not_yet` has no date. `today` is always an input.

use serde::Serialize;

use crate::answers::{Answer, Answers};
use crate::date::Date;
use crate::plan::{self, Plan};
use crate::protocol::{CountFrom, Outcome, OutcomeKind, Protocol, Question};
use crate::wording::Locale;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Suitable,
    Consult,
    NotYet,
    NotSuitable,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Suitable => "suitable",
            Verdict::Consult => "consult",
            Verdict::NotYet => "not_yet",
            Verdict::NotSuitable => "not_suitable",
        }
    }
}

/// One triggered outcome and the answer behind it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Reason {
    pub question: String,
    pub option: String,
    pub outcome: OutcomeKind,
    /// For a dated `not_yet`: the first day a session may take place.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<Date>,
    /// The pre-care step this answer adds, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub step: Option<String>,
    /// What the answer means and what to do, in the visitor's language.
    pub explanation: String,
    /// Why the rule is there; [`Reason::rule`] has its evidence and references.
    pub source: String,
    /// The first day this reason no longer holds a session back (a `not_yet` date, or today plus a
    /// `prepare` lead time); `None` when it holds nothing back.
    #[serde(skip)]
    pub clears_on: Option<Date>,
}

impl Reason {
    /// The rule behind this reason, with its evidence and references.
    pub fn rule<'p>(&self, protocol: &'p Protocol) -> Option<&'p Outcome> {
        protocol
            .question(&self.question)?
            .option(&self.option)?
            .outcome
            .as_ref()
    }

    /// Whether this reason holds every session back with no date to wait for.
    pub fn is_undated_wait(&self) -> bool {
        self.outcome == OutcomeKind::NotYet && self.until.is_none()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Assessment {
    pub verdict: Verdict,
    pub earliest_start: Option<Date>,
    pub reasons: Vec<Reason>,
    /// `None` when microneedling is not suitable, or the goals are not answered yet.
    pub plan: Option<Plan>,
}

/// The outcomes one answer triggers, in the order of the question's options. An answer the
/// protocol does not know triggers nothing: answers are checked before they are assessed.
pub fn reasons_for(
    protocol: &Protocol,
    question: &Question,
    answer: &Answer,
    today: Date,
    locale: &Locale,
) -> Vec<Reason> {
    question
        .options
        .iter()
        .filter(|option| answer.has(&option.id))
        .filter_map(|option| {
            let outcome = option.outcome.as_ref()?;
            let mut kind = outcome.kind;
            let mut until = None;
            let mut clears_on = None;
            match kind {
                OutcomeKind::NotYet => {
                    let start = match outcome.from {
                        Some(CountFrom::AnswerDate) => answer.date,
                        Some(CountFrom::Today) => Some(today),
                        None => None,
                    };
                    let window = outcome.window.as_deref().and_then(|w| protocol.window(w));
                    until = start.zip(window).map(|(start, window)| start + window);
                    if until.is_some_and(|date| date <= today) {
                        // The waiting time has already passed: it no longer holds anything
                        // back, but the visitor still sees that it was considered.
                        kind = OutcomeKind::Info;
                    } else {
                        clears_on = until;
                    }
                }
                OutcomeKind::Prepare => {
                    let lead = outcome
                        .step
                        .as_deref()
                        .and_then(|id| protocol.pre_care_step(id))
                        .and_then(|step| protocol.window(&step.before));
                    clears_on = lead.map(|lead| today + lead);
                }
                _ => {}
            }
            Some(Reason {
                question: question.id.clone(),
                option: option.id.clone(),
                outcome: kind,
                until,
                step: outcome.step.clone(),
                explanation: locale.render(protocol, &outcome.explain),
                source: outcome.source.clone(),
                clears_on,
            })
        })
        .collect()
}

/// What the reasons add up to. Small and `Copy` so that the exhaustive safety test can fold it
/// down every branch of the answer tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tally {
    verdict: Verdict,
    /// Latest date any reason or the chosen start holds the first session to.
    latest: Date,
    /// Some `not_yet` has no date.
    undated: bool,
}

impl Tally {
    pub fn new(today: Date) -> Tally {
        Tally {
            verdict: Verdict::Suitable,
            latest: today,
            undated: false,
        }
    }

    pub fn add(&mut self, reason: &Reason) {
        let severity = match reason.outcome {
            OutcomeKind::NotSuitable => Verdict::NotSuitable,
            OutcomeKind::NotYet => Verdict::NotYet,
            OutcomeKind::Consult => Verdict::Consult,
            OutcomeKind::Prepare | OutcomeKind::Info => Verdict::Suitable,
        };
        self.verdict = self.verdict.max(severity);
        self.undated |= reason.is_undated_wait();
        if let Some(date) = reason.clears_on {
            self.latest = self.latest.max(date);
        }
    }

    /// The visitor asked to start no earlier than `date`.
    pub fn start_no_earlier_than(&mut self, date: Date) {
        self.latest = self.latest.max(date);
    }

    pub fn verdict(&self) -> Verdict {
        self.verdict
    }

    pub fn earliest_start(&self) -> Option<Date> {
        (self.verdict != Verdict::NotSuitable && !self.undated).then_some(self.latest)
    }
}

/// Assesses `answers` (checked, possibly incomplete) on `today`, with texts in `locale`.
pub fn assess(protocol: &Protocol, answers: &Answers, today: Date, locale: &Locale) -> Assessment {
    let mut tally = Tally::new(today);
    let mut reasons = Vec::new();
    for question in &protocol.questions {
        if let Some(answer) = answers.get(&question.id) {
            for reason in reasons_for(protocol, question, answer, today, locale) {
                tally.add(&reason);
                reasons.push(reason);
            }
        }
    }
    if let Some(start) = chosen_start(protocol, answers) {
        tally.start_no_earlier_than(start);
    }
    let verdict = tally.verdict();
    let earliest_start = tally.earliest_start();
    let plan = match verdict {
        Verdict::NotSuitable => None,
        _ => plan::build(
            protocol,
            answers,
            &reasons,
            verdict,
            earliest_start,
            today,
            locale,
        ),
    };
    Assessment {
        verdict,
        earliest_start,
        reasons,
        plan,
    }
}

/// The start date the visitor chose, if they chose one.
pub fn chosen_start(protocol: &Protocol, answers: &Answers) -> Option<Date> {
    answers.get(&protocol.plan.start_question)?.date
}
