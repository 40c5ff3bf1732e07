//! The studio's preview jumps to any step of the quiz: the questions before it that have no
//! answer yet get the answer that changes nothing (an option without an outcome: "No", "None of
//! these"), so that the step is one a visitor could reach.

use crate::answers::Answer;
use crate::date::Date;
use crate::flow::{Quiz, Step};
use crate::protocol::{Protocol, Question, QuestionKind};
use crate::saved;

/// The answer to `question` that has no effect on the result, if it has one: an option with no
/// outcome and no date: a multi question's exclusive "none", a "no" or "never", else the first.
pub fn neutral_answer(question: &Question) -> Option<Answer> {
    let plain: Vec<&crate::protocol::Choice> = question
        .options
        .iter()
        .filter(|o| o.outcome.is_none() && o.date.is_none())
        .collect();
    let option = plain
        .iter()
        .find(|o| o.exclusive && question.kind == QuestionKind::Multi)
        .or_else(|| {
            plain
                .iter()
                .find(|o| ["no", "never", "none"].contains(&o.id.as_str()))
        })
        .or_else(|| plain.first())?;
    Some(Answer::one(&option.id))
}

/// Saved progress (the preview's, or none) moved to `step`, the unanswered questions before it
/// answered with [`neutral_answer`]. A question without such an answer stops the jump there.
pub fn jump(protocol: &Protocol, saved: Option<&str>, step: Step, today: Date) -> String {
    let (mut quiz, language) = saved
        .and_then(|s| saved::restore(s, protocol, today).ok())
        .unwrap_or_else(|| (Quiz::new(), None));
    let before = match step {
        Step::Intro => 0,
        Step::Question(n) | Step::EarlyResult(n) => n,
        Step::Review | Step::Result => protocol.questions.len(),
    };
    for question in &protocol.questions[..before.min(protocol.questions.len())] {
        if quiz.answers.get(&question.id).is_none() {
            match neutral_answer(question) {
                Some(answer) => quiz.answers.set(&question.id, answer),
                None => break,
            }
        }
    }
    quiz.go_to(protocol, step, today);
    if quiz.step != step {
        quiz.step = quiz
            .first_unanswered(protocol)
            .map_or(Step::Review, Step::Question);
    }
    saved::save(&quiz, protocol, language.as_deref())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_jump_answers_what_comes_before_with_what_changes_nothing() {
        let protocol = Protocol::default_protocol();
        let today = Date::parse("2026-12-04").unwrap();
        let keloids = protocol
            .questions
            .iter()
            .position(|q| q.id == "keloids")
            .unwrap();
        let saved = jump(&protocol, None, Step::Question(keloids), today);
        let (quiz, _) = saved::restore(&saved, &protocol, today).unwrap();
        assert_eq!(quiz.step, Step::Question(keloids));
        assert_eq!(quiz.answers.len(), keloids);
        assert!(quiz.answers.get("isotretinoin").unwrap().has("never"));
        // Up to the result: every question answered, nothing of note.
        let saved = jump(&protocol, Some(&saved), Step::Result, today);
        let (quiz, _) = saved::restore(&saved, &protocol, today).unwrap();
        assert_eq!(quiz.step, Step::Result);
        let verdict =
            crate::assess(&protocol, &quiz.answers, today, &crate::Locale::wordless()).verdict;
        assert_eq!(verdict, crate::Verdict::Suitable, "{:?}", quiz.answers);
    }
}
