//! The visitor's way through the quiz: which screen comes next, what Back does, where an early
//! "not suitable" result is offered, and how answers change as options are clicked.
//!
//! Pure: the Yew layer keeps a [`Quiz`] in its reducer and renders it; history and storage store
//! [`Step::key`] and the answers. A branch that is no longer chosen loses its data at once (a
//! stop date belongs to the "recent" option and goes when another option is chosen), so nothing
//! hidden can affect the verdict.

use crate::answers::{check_answer, Answer, AnswerError, Answers, Problem};
use crate::assess::{assess, Verdict};
use crate::date::Date;
use crate::protocol::{Protocol, QuestionKind};
use crate::wording::Locale;

/// A screen of the quiz. Questions are named by their index in the protocol.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Step {
    #[default]
    Intro,
    Question(usize),
    /// After question `n`, an answer made the verdict `not_suitable`: see the result now, or go on.
    EarlyResult(usize),
    Review,
    Result,
}

impl Step {
    /// A stable name for history and saved progress: question ids, not positions.
    pub fn key(self, protocol: &Protocol) -> String {
        let id = |n: usize| protocol.questions.get(n).map_or("", |q| q.id.as_str());
        match self {
            Step::Intro => "intro".into(),
            Step::Question(n) => format!("question:{}", id(n)),
            Step::EarlyResult(n) => format!("early:{}", id(n)),
            Step::Review => "review".into(),
            Step::Result => "result".into(),
        }
    }

    /// The step a key names, if the protocol still has it.
    pub fn from_key(key: &str, protocol: &Protocol) -> Option<Step> {
        let index = |id: &str| protocol.questions.iter().position(|q| q.id == id);
        match key.split_once(':') {
            None => match key {
                "intro" => Some(Step::Intro),
                "review" => Some(Step::Review),
                "result" => Some(Step::Result),
                _ => None,
            },
            Some(("question", id)) => index(id).map(Step::Question),
            Some(("early", id)) => index(id).map(Step::EarlyResult),
            Some(_) => None,
        }
    }
}

/// Where a question stands in the quiz, for "Health · 3 of 10" and the progress bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    /// Index of the question's section in `protocol.sections`.
    pub section: usize,
    /// 1-based number of the question within its section, and the section's question count.
    pub in_section: usize,
    pub section_total: usize,
    /// 1-based number of the question in the whole quiz, and the number of questions.
    pub overall: usize,
    pub total: usize,
}

pub fn position(protocol: &Protocol, question: usize) -> Option<Position> {
    let current = protocol.questions.get(question)?;
    let section = protocol
        .sections
        .iter()
        .position(|s| s.id == current.section)?;
    let same_section: Vec<usize> = (0..protocol.questions.len())
        .filter(|&n| protocol.questions[n].section == current.section)
        .collect();
    Some(Position {
        section,
        in_section: same_section.iter().position(|&n| n == question)? + 1,
        section_total: same_section.len(),
        overall: question + 1,
        total: protocol.questions.len(),
    })
}

/// The quiz in progress.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Quiz {
    pub step: Step,
    pub answers: Answers,
    /// Editing a question from the review screen: Next goes back to the review.
    pub editing_from_review: bool,
    /// The visitor chose to go on after the early result was offered; it is not offered again.
    pub early_result_declined: bool,
}

impl Quiz {
    pub fn new() -> Quiz {
        Quiz::default()
    }

    /// Chooses or unchooses an option. A single question keeps only the new option (and drops
    /// the date of the old one); a multi question toggles it, in the protocol's option order.
    pub fn choose(&mut self, protocol: &Protocol, question: usize, option: &str, chosen: bool) {
        let Some(q) = protocol.questions.get(question) else {
            return;
        };
        if q.option(option).is_none() {
            return;
        }
        let answer = match q.kind {
            QuestionKind::Single if chosen => {
                let keep_date = self
                    .answers
                    .get(&q.id)
                    .filter(|old| old.has(option))
                    .and_then(|old| old.date);
                Some(Answer {
                    options: vec![option.to_string()],
                    date: keep_date,
                })
            }
            QuestionKind::Single => None,
            QuestionKind::Multi => {
                let before = self.answers.get(&q.id);
                let options: Vec<String> = q
                    .options
                    .iter()
                    .filter(|o| {
                        if o.id == option {
                            chosen
                        } else {
                            before.is_some_and(|b| b.has(&o.id))
                        }
                    })
                    .map(|o| o.id.clone())
                    .collect();
                (!options.is_empty()).then_some(Answer {
                    options,
                    date: None,
                })
            }
        };
        match answer {
            Some(answer) => self.answers.set(&q.id, answer),
            None => {
                self.answers.remove(&q.id);
            }
        }
    }

    /// Sets (or clears) the date that goes with the chosen option of `question`.
    pub fn set_date(&mut self, protocol: &Protocol, question: usize, date: Option<Date>) {
        let Some(q) = protocol.questions.get(question) else {
            return;
        };
        if let Some(answer) = self.answers.get(&q.id) {
            let asks = answer
                .options
                .first()
                .and_then(|o| q.option(o))
                .is_some_and(|o| o.date.is_some());
            if asks {
                let mut answer = answer.clone();
                answer.date = date;
                self.answers.set(&q.id, answer);
            }
        }
    }

    /// Checks the current question's answer.
    pub fn check(
        &self,
        protocol: &Protocol,
        question: usize,
        today: Date,
    ) -> Result<(), AnswerError> {
        let Some(q) = protocol.questions.get(question) else {
            return Ok(());
        };
        match self.answers.get(&q.id) {
            Some(answer) => check_answer(protocol, q, answer, today),
            None => Err(AnswerError {
                question: q.id.clone(),
                problem: Problem::Required,
            }),
        }
    }

    /// Moves forward: from a question only once its answer is valid, offering the early result
    /// the first time the answers so far make microneedling unsuitable.
    pub fn next(&mut self, protocol: &Protocol, today: Date) -> Result<(), AnswerError> {
        let last = protocol.questions.len().saturating_sub(1);
        self.step = match self.step {
            Step::Intro => Step::Question(0),
            Step::Question(n) => {
                self.check(protocol, n, today)?;
                let unsuitable = assess(protocol, &self.answers, today, &Locale::wordless())
                    .verdict
                    == Verdict::NotSuitable;
                if unsuitable && !self.early_result_declined {
                    Step::EarlyResult(n)
                } else if self.editing_from_review || n >= last {
                    self.editing_from_review = false;
                    Step::Review
                } else {
                    Step::Question(n + 1)
                }
            }
            Step::EarlyResult(n) => {
                self.early_result_declined = true;
                if self.editing_from_review || n >= last {
                    self.editing_from_review = false;
                    Step::Review
                } else {
                    Step::Question(n + 1)
                }
            }
            Step::Review => match self.first_unanswered(protocol) {
                Some(n) => Step::Question(n),
                None => Step::Result,
            },
            Step::Result => Step::Result,
        };
        Ok(())
    }

    /// Moves back one screen (the intro stays the first).
    pub fn back(&mut self, protocol: &Protocol) {
        self.editing_from_review = false;
        self.step = match self.step {
            Step::Intro | Step::Question(0) => Step::Intro,
            Step::Question(n) => Step::Question(n - 1),
            Step::EarlyResult(n) => Step::Question(n),
            Step::Review => Step::Question(protocol.questions.len().saturating_sub(1)),
            Step::Result => Step::Review,
        };
    }

    /// Opens a question from the review screen.
    pub fn edit(&mut self, question: usize) {
        self.step = Step::Question(question);
        self.editing_from_review = true;
    }

    /// Shows the result now, after the early offer.
    pub fn see_result_now(&mut self) {
        self.step = Step::Result;
    }

    /// Goes to a step the browser's history names. Steps past the answered questions are not
    /// reachable that way: a result without answers would be wrong.
    pub fn go_to(&mut self, protocol: &Protocol, step: Step, today: Date) {
        let reachable = match step {
            Step::Intro => true,
            Step::Question(n) | Step::EarlyResult(n) => {
                n < protocol.questions.len()
                    && self.first_unanswered(protocol).is_none_or(|u| n <= u)
            }
            Step::Review => self.first_unanswered(protocol).is_none(),
            Step::Result => {
                self.first_unanswered(protocol).is_none()
                    || assess(protocol, &self.answers, today, &Locale::wordless()).verdict
                        == Verdict::NotSuitable
            }
        };
        if reachable {
            self.editing_from_review = false;
            self.step = step;
        }
    }

    pub fn first_unanswered(&self, protocol: &Protocol) -> Option<usize> {
        protocol
            .questions
            .iter()
            .position(|q| self.answers.get(&q.id).is_none())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn protocol() -> Protocol {
        Protocol::default_protocol()
    }

    fn today() -> Date {
        Date::parse("2026-11-21").unwrap()
    }

    fn index(protocol: &Protocol, id: &str) -> usize {
        protocol.questions.iter().position(|q| q.id == id).unwrap()
    }

    /// Answers every question from the current one up to `until` (exclusive) with its
    /// "nothing of note" option.
    fn answer_plainly(quiz: &mut Quiz, protocol: &Protocol, until: &str) {
        let plain = [
            ("age", "adult"),
            ("isotretinoin", "never"),
            ("skin_type", "iii"),
            ("concerns", "acne_scars"),
            ("severity", "moderate"),
            ("areas", "face"),
            ("start", "asap"),
        ];
        while let Step::Question(n) = quiz.step {
            let q = &protocol.questions[n];
            if q.id == until {
                return;
            }
            let option = plain
                .iter()
                .find(|(id, _)| *id == q.id)
                .map(|(_, o)| *o)
                .unwrap_or_else(|| {
                    if q.option("none").is_some() {
                        "none"
                    } else {
                        "no"
                    }
                });
            quiz.choose(protocol, n, option, true);
            quiz.next(protocol, today()).unwrap();
        }
    }

    #[test]
    fn steps_round_trip_through_their_keys() {
        let p = protocol();
        for step in [
            Step::Intro,
            Step::Question(0),
            Step::Question(7),
            Step::EarlyResult(8),
            Step::Review,
            Step::Result,
        ] {
            assert_eq!(Step::from_key(&step.key(&p), &p), Some(step));
        }
        assert_eq!(Step::key(Step::Question(4), &p), "question:blood_thinners");
        assert_eq!(Step::from_key("question:nope", &p), None);
        assert_eq!(Step::from_key("elsewhere", &p), None);
    }

    #[test]
    fn positions_count_within_sections() {
        let p = protocol();
        let first = position(&p, 0).unwrap();
        assert_eq!(
            (first.section, first.in_section, first.section_total),
            (0, 1, 10)
        );
        let skin = position(&p, index(&p, "cold_sores")).unwrap();
        assert_eq!(
            (skin.section, skin.in_section, skin.section_total),
            (1, 2, 6)
        );
        let last = position(&p, p.questions.len() - 1).unwrap();
        assert_eq!(
            (
                last.overall,
                last.total,
                last.in_section,
                last.section_total
            ),
            (20, 20, 4, 4)
        );
    }

    #[test]
    fn a_question_needs_a_valid_answer_before_next() {
        let p = protocol();
        let mut quiz = Quiz::new();
        quiz.next(&p, today()).unwrap();
        assert_eq!(quiz.step, Step::Question(0));
        let error = quiz.next(&p, today()).unwrap_err();
        assert_eq!(error.problem, Problem::Required);
        assert_eq!(quiz.step, Step::Question(0));

        let allergies = index(&p, "allergies");
        quiz.step = Step::Question(allergies);
        quiz.choose(&p, allergies, "metal", true);
        quiz.choose(&p, allergies, "none", true);
        let error = quiz.next(&p, today()).unwrap_err();
        assert_eq!(
            error.problem,
            Problem::ExclusiveCombined {
                option: "none".into()
            }
        );
        quiz.choose(&p, allergies, "metal", false);
        assert_eq!(quiz.answers.get("allergies").unwrap().options, ["none"]);
        quiz.next(&p, today()).unwrap();
    }

    #[test]
    fn a_dated_option_needs_its_date_on_the_right_side_of_today() {
        let p = protocol();
        let n = index(&p, "isotretinoin");
        let mut quiz = Quiz {
            step: Step::Question(n),
            ..Quiz::new()
        };
        quiz.choose(&p, n, "recent", true);
        assert!(matches!(
            quiz.next(&p, today()).unwrap_err().problem,
            Problem::DateRequired { .. }
        ));
        quiz.set_date(&p, n, Some(today().add_days(3)));
        assert!(matches!(
            quiz.next(&p, today()).unwrap_err().problem,
            Problem::DateInFuture { .. }
        ));
        quiz.set_date(&p, n, Some(today().add_days(-3)));
        quiz.next(&p, today()).unwrap();
        assert_eq!(quiz.step, Step::Question(n + 1));
    }

    #[test]
    fn changing_the_option_clears_the_stale_date() {
        let p = protocol();
        let n = index(&p, "isotretinoin");
        let mut quiz = Quiz::new();
        quiz.choose(&p, n, "recent", true);
        quiz.set_date(&p, n, Some(today().add_days(-30)));
        quiz.choose(&p, n, "recent", true);
        assert!(
            quiz.answers.get("isotretinoin").unwrap().date.is_some(),
            "same option keeps it"
        );
        quiz.choose(&p, n, "never", true);
        quiz.choose(&p, n, "recent", true);
        assert_eq!(quiz.answers.get("isotretinoin").unwrap().date, None);
        quiz.set_date(&p, index(&p, "pregnancy"), Some(today()));
        assert_eq!(
            quiz.answers.get("pregnancy"),
            None,
            "no date without an option asking for one"
        );
    }

    #[test]
    fn an_unsuitable_answer_offers_the_result_once() {
        let p = protocol();
        let mut quiz = Quiz::new();
        quiz.next(&p, today()).unwrap();
        quiz.choose(&p, 0, "under_18", true);
        quiz.next(&p, today()).unwrap();
        assert_eq!(quiz.step, Step::EarlyResult(0));
        quiz.back(&p);
        assert_eq!(quiz.step, Step::Question(0));
        quiz.next(&p, today()).unwrap();
        quiz.next(&p, today()).unwrap();
        assert_eq!(quiz.step, Step::Question(1), "continued");
        answer_plainly(&mut quiz, &p, "keloids");
        quiz.choose(&p, index(&p, "keloids"), "yes", true);
        quiz.next(&p, today()).unwrap();
        assert_eq!(
            quiz.step,
            Step::Question(index(&p, "keloids") + 1),
            "not offered again"
        );

        let mut quiz = Quiz::new();
        quiz.next(&p, today()).unwrap();
        quiz.choose(&p, 0, "under_18", true);
        quiz.next(&p, today()).unwrap();
        quiz.see_result_now();
        assert_eq!(quiz.step, Step::Result);
    }

    #[test]
    fn the_whole_way_through_review_edit_and_back() {
        let p = protocol();
        let mut quiz = Quiz::new();
        quiz.next(&p, today()).unwrap();
        answer_plainly(&mut quiz, &p, "");
        assert_eq!(quiz.step, Step::Review);
        assert_eq!(quiz.first_unanswered(&p), None);
        quiz.edit(index(&p, "nsaids"));
        quiz.choose(&p, index(&p, "nsaids"), "yes", true);
        quiz.next(&p, today()).unwrap();
        assert_eq!(quiz.step, Step::Review, "editing returns to the review");
        quiz.next(&p, today()).unwrap();
        assert_eq!(quiz.step, Step::Result);
        quiz.back(&p);
        assert_eq!(quiz.step, Step::Review);
        quiz.back(&p);
        assert_eq!(quiz.step, Step::Question(19));
    }

    #[test]
    fn history_cannot_skip_unanswered_questions() {
        let p = protocol();
        let mut quiz = Quiz::new();
        quiz.go_to(&p, Step::Question(5), today());
        assert_eq!(quiz.step, Step::Intro);
        quiz.go_to(&p, Step::Result, today());
        assert_eq!(quiz.step, Step::Intro);
        quiz.go_to(&p, Step::Question(0), today());
        assert_eq!(quiz.step, Step::Question(0));
    }
}
