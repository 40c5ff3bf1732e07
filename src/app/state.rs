//! The app's state and the actions that change it. Every rule of the way through the quiz is in
//! [`crate::flow`]; this adds what only the screen needs: the language, the problem shown under
//! the current question, a notice to announce, and how history should record the step.

use std::rc::Rc;

use yew::Reducible;

use crate::answers::{AnswerError, Problem};
use crate::date::Date;
use crate::flow::{Quiz, Step};
use crate::i18n::Ui;
use crate::protocol::Protocol;
use crate::saved;

/// The interface's words, compared by identity.
#[derive(Clone, Copy, Debug)]
pub struct Words(pub &'static Ui);

impl PartialEq for Words {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

/// Something to tell the visitor once, politely.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Notice {
    Forgotten,
    RestoreFailed,
    /// A result handed over from another device could not be opened (src/handoff.rs).
    HandOffFailed,
    /// The visitor chose a language whose texts could not be loaded (offline, say).
    LanguageUnavailable,
}

/// How the browser's history should record the current step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Record {
    /// A new entry (a step forward or back in the quiz).
    Push,
    /// The same entry (start-up, or a forgotten quiz).
    Replace,
    /// Nothing: the browser moved itself (its Back or Forward buttons).
    Nothing,
}

#[derive(Clone, Debug)]
pub struct State {
    pub protocol: Rc<Protocol>,
    pub today: Date,
    pub words: Words,
    pub quiz: Quiz,
    /// The problem with the current answer, after Next was pressed.
    pub problem: Option<AnswerError>,
    pub notice: Option<Notice>,
    pub record: Record,
    /// Changes whenever the screen changes, to move focus to its heading.
    pub screen_serial: u32,
    /// Changes whenever a problem is shown, to move focus to the field.
    pub problem_serial: u32,
}

pub enum Action {
    Choose {
        question: usize,
        option: String,
        chosen: bool,
    },
    SetDate {
        question: usize,
        date: Option<Date>,
    },
    Next {
        /// The question's date field holds text that is not a real day, such as 30 February
        /// (the browser gives no value for it).
        unreadable_date: bool,
    },
    Back,
    Edit(usize),
    SeeResultNow,
    /// The browser's Back or Forward buttons reached this step.
    FromHistory(Step),
    Forget,
    SetLanguage(&'static Ui),
    /// What the quiz needed to speak `Ui`'s language arrived (the complete protocol, where the
    /// page's copy lacked its texts, and the interface's words): run that protocol, in that
    /// language. Same id and revision, so every answer stays.
    Translated(Rc<Protocol>, &'static Ui),
    LanguageUnavailable,
    /// The complete protocol arrived for a page whose copy left the rules' sources out: run it,
    /// in the same language. Same id and revision, so every answer stays.
    Completed(Rc<Protocol>),
}

impl Action {
    /// Next, from a screen without a date field.
    pub const NEXT: Action = Action::Next {
        unreadable_date: false,
    };
}

/// `complete` (a copy just loaded) with the clinic's details and theme of `running`, which the
/// widget's settings may have changed ([`crate::embed::EmbedSettings::apply`]): another copy of
/// the same file must not undo them.
fn with_settings_of(running: &Protocol, mut complete: Rc<Protocol>) -> Rc<Protocol> {
    if let Some(fresh) = Rc::get_mut(&mut complete) {
        fresh.clinic = running.clinic.clone();
        fresh.theme = running.theme.clone();
    }
    complete
}

impl State {
    /// A fresh quiz, or the one saved in this tab when it is still valid.
    pub fn new(
        protocol: Rc<Protocol>,
        today: Date,
        words: Words,
        saved_json: Option<String>,
    ) -> State {
        let mut state = State {
            protocol,
            today,
            words,
            quiz: Quiz::new(),
            problem: None,
            notice: None,
            record: Record::Replace,
            screen_serial: 0,
            problem_serial: 0,
        };
        if let Some(json) = saved_json {
            match saved::restore(&json, &state.protocol, today) {
                Ok((quiz, _)) => state.quiz = quiz,
                Err(_) => state.notice = Some(Notice::RestoreFailed),
            }
        }
        state
    }

    /// Leaves the intro for the first question (Start pressed before the app was ready).
    pub fn start(&mut self) {
        if self.quiz.step == Step::Intro && self.quiz.next(&self.protocol, self.today).is_ok() {
            self.screen_serial += 1;
        }
    }

    /// The saved form of this state, or `None` when there is nothing worth keeping.
    pub fn to_saved(&self) -> Option<String> {
        let untouched = self.quiz.step == Step::Intro && self.quiz.answers.is_empty();
        (!untouched).then(|| saved::save(&self.quiz, &self.protocol, Some(self.words.0.lang)))
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        let step_before = next.quiz.step;
        let notice_before = next.notice;
        let protocol = Rc::clone(&next.protocol);
        next.record = Record::Push;
        match action {
            Action::Choose {
                question,
                option,
                chosen,
            } => {
                next.quiz.choose(&protocol, question, &option, chosen);
                next.problem = None;
            }
            Action::SetDate { question, date } => {
                next.quiz.set_date(&protocol, question, date);
                next.problem = None;
            }
            Action::Next { unreadable_date } => match next.quiz.next(&protocol, next.today) {
                Ok(()) => next.problem = None,
                Err(mut problem) => {
                    if let (Problem::DateRequired { option }, true) =
                        (&problem.problem, unreadable_date)
                    {
                        problem.problem = Problem::DateUnreadable {
                            option: option.clone(),
                        };
                    }
                    next.problem = Some(problem);
                    next.problem_serial += 1;
                }
            },
            Action::Back => {
                next.quiz.back(&protocol);
                next.problem = None;
            }
            Action::Edit(question) => next.quiz.edit(question),
            Action::SeeResultNow => next.quiz.see_result_now(),
            Action::FromHistory(step) => {
                next.quiz.go_to(&protocol, step, next.today);
                next.problem = None;
                next.record = if next.quiz.step == step {
                    Record::Nothing
                } else {
                    // The browser asked for a step the answers don't reach: stay, and make the
                    // current entry say where the visitor really is.
                    Record::Replace
                };
            }
            Action::Forget => {
                next.quiz = Quiz::new();
                next.problem = None;
                next.notice = Some(Notice::Forgotten);
                next.record = Record::Replace;
                next.screen_serial += 1;
            }
            Action::SetLanguage(ui) => {
                next.words = Words(ui);
                next.record = Record::Nothing;
            }
            Action::Translated(protocol, ui) => {
                next.protocol = with_settings_of(&next.protocol, protocol);
                next.words = Words(ui);
                next.record = Record::Nothing;
            }
            Action::Completed(protocol) => {
                if protocol.id == next.protocol.id {
                    next.protocol = with_settings_of(&next.protocol, protocol);
                }
                next.record = Record::Nothing;
            }
            Action::LanguageUnavailable => {
                next.notice = Some(Notice::LanguageUnavailable);
                next.record = Record::Nothing;
            }
        }
        if next.quiz.step != step_before {
            next.screen_serial += 1;
            // A notice is said once: the next screen no longer carries it.
            if next.notice == notice_before {
                next.notice = None;
            }
        } else if next.record == Record::Push {
            next.record = Record::Nothing;
        }
        Rc::new(next)
    }
}
