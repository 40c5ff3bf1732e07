//! Reading a protocol file and checking it, with messages that name the place of each problem:
//! a JSON path such as `questions[4].options[2].outcome`, and a line and column where the JSON
//! itself is broken. A clinic's web person fixes the file from these messages alone.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use crate::protocol::{
    Choice, CountFrom, DateWhen, Evidence, OutcomeKind, Protocol, QuestionKind, Range, Reference,
    Text, FORMAT,
};
use crate::wording;

/// One problem in a protocol file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProtocolError {
    /// JSON path of the offending value; empty for the document as a whole.
    pub path: String,
    pub message: String,
    /// Line and column (1-based) where the JSON reader stopped, when it did.
    pub position: Option<(usize, usize)>,
}

impl fmt::Display for ProtocolError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        f.write_str(&self.message)?;
        if let Some((line, column)) = self.position {
            write!(f, " (line {line}, column {column})")?;
        }
        Ok(())
    }
}

/// Builds the model, or says where the JSON or its shape is wrong ([`crate::read`]).
pub fn parse(json: &str) -> Result<Protocol, ProtocolError> {
    crate::read::protocol(json)
}

/// Every problem that the types alone cannot rule out, in file order.
pub fn check(protocol: &Protocol) -> Vec<ProtocolError> {
    findings(protocol, false).errors
}

/// What `candidacy validate` reports: the errors, and the warnings that do not make a protocol
/// invalid (a written-out duration that equals a window the text could name instead).
pub struct Findings {
    pub errors: Vec<ProtocolError>,
    pub warnings: Vec<ProtocolError>,
}

/// The errors, and the warnings when `with_warnings` (the browser needs only the errors).
pub fn findings(protocol: &Protocol, with_warnings: bool) -> Findings {
    let mut checker = Checker {
        protocol,
        with_warnings,
        findings: Findings {
            errors: Vec::new(),
            warnings: Vec::new(),
        },
    };
    checker.run();
    checker.findings
}

struct Checker<'a> {
    protocol: &'a Protocol,
    /// Never read in the browser, which looks for errors only.
    #[cfg_attr(not(full_checks), allow(dead_code))]
    with_warnings: bool,
    findings: Findings,
}

fn finding(path: impl Into<String>, message: impl Into<String>) -> ProtocolError {
    ProtocolError {
        path: path.into(),
        message: message.into(),
        position: None,
    }
}

impl<'a> Checker<'a> {
    fn error(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.findings.errors.push(finding(path, message));
    }

    fn run(&mut self) {
        let p = self.protocol;
        if p.format != FORMAT {
            self.error(
                "format",
                format!(
                    "this build reads protocol format {FORMAT}, not {}",
                    p.format
                ),
            );
        }
        self.id("id", &p.id);
        self.languages();
        self.text("title", &p.title);
        self.text("intro", &p.intro);
        self.text("privacy", &p.privacy);
        self.text("disclaimer", &p.disclaimer);
        self.notices();
        self.clinic();
        if let Some(theme) = &self.protocol.theme {
            for (field, problem) in crate::theme::check(theme) {
                self.error(format!("theme.{field}"), problem);
            }
        }
        self.windows();
        self.sections();
        self.questions();
        self.plan();
        self.pricing();
        self.review();
    }

    fn review(&mut self) {
        let Some(review) = &self.protocol.review else {
            return;
        };
        for (field, value) in [("name", &review.name), ("role", &review.role)] {
            if value.trim().is_empty() {
                self.error(format!("review.{field}"), "say who reviewed the rules");
            }
            self.plain(format!("review.{field}"), value);
        }
        let hex = review.sha256.len() == 64 && review.sha256.bytes().all(|b| b.is_ascii_hexdigit());
        if !hex {
            self.error(
                "review.sha256",
                "must be the 64-digit SHA-256 of the reviewed content (`candidacy review` writes it)",
            );
        }
        if review.next_due.is_some_and(|due| due < review.date) {
            self.error(
                "review.next_due",
                "the next review is due before this one took place",
            );
        }
    }

    fn id(&mut self, path: &str, id: &str) {
        let well_formed = !id.is_empty()
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-');
        if !well_formed {
            self.error(
                path,
                format!("\"{id}\" is not a valid id (use lowercase letters, digits, _ and -)"),
            );
        }
    }

    /// Reports ids that appear twice among `ids`, at the second occurrence.
    fn unique<'i>(&mut self, what: &str, ids: impl Iterator<Item = (String, &'i str)>) {
        let mut seen = BTreeSet::new();
        for (path, id) in ids {
            self.id(&path, id);
            if !seen.insert(id) {
                self.error(path, format!("duplicate {what} id \"{id}\""));
            }
        }
    }

    fn source(&mut self, path: String, source: &str) {
        if source.trim().is_empty() {
            self.error(path, "every rule needs a source (a short citation)");
        } else {
            self.plain(path, source);
        }
    }

    /// A rule's evidence kind (required) and references (`https:` links only).
    fn basis(
        &mut self,
        path: &str,
        evidence: Option<Evidence>,
        references: &[Reference],
        note: Option<&str>,
    ) {
        if evidence.is_none() {
            let kinds: Vec<&str> = Evidence::ALL.iter().map(|e| e.as_str()).collect();
            self.error(
                format!("{path}.evidence"),
                format!(
                    "every rule needs the kind of evidence it rests on: one of {}",
                    kinds.join(", ")
                ),
            );
        }
        for (i, reference) in references.iter().enumerate() {
            let at = format!("{path}.references[{i}]");
            if reference.citation.trim().is_empty() {
                self.error(format!("{at}.citation"), "the citation is empty");
            }
            self.plain(format!("{at}.citation"), &reference.citation);
            if let Some(url) = &reference.url {
                let https = url
                    .get(..8)
                    .is_some_and(|s| s.eq_ignore_ascii_case("https://"));
                let problem = match check_link(url) {
                    _ if !https => Some(format!("\"{url}\" must start with https://")),
                    Err(problem) => Some(problem),
                    Ok(()) => None,
                };
                if let Some(problem) = problem {
                    self.error(format!("{at}.url"), problem);
                }
            }
        }
        if let Some(note) = note {
            self.plain(format!("{path}.note"), note);
        }
    }

    /// A string shown as it is written: a placeholder in it would reach the reader unfilled.
    fn plain(&mut self, path: String, plain: &str) {
        if wording::looks_like_placeholder(plain) {
            self.error(
                path,
                "placeholders are filled in only in visitor-facing texts; write the value out here",
            );
        }
    }

    fn languages(&mut self) {
        let languages = &self.protocol.languages;
        if languages.is_empty() {
            self.error("languages", "declare at least one language");
        }
        let mut seen = BTreeSet::new();
        for (i, language) in languages.iter().enumerate() {
            let well_formed = language.split('-').enumerate().all(|(part, subtag)| {
                let letters = subtag.bytes().all(|b| b.is_ascii_alphanumeric());
                let length = if part == 0 { 2..=3 } else { 2..=8 };
                letters && length.contains(&subtag.len())
            });
            if !well_formed {
                self.error(
                    format!("languages[{i}]"),
                    format!("\"{language}\" is not a language tag such as \"en\" or \"es-MX\""),
                );
            }
            if !seen.insert(language) {
                self.error(
                    format!("languages[{i}]"),
                    format!("\"{language}\" is declared twice"),
                );
            }
        }
    }

    fn text(&mut self, path: &str, text: &Text) {
        for language in &self.protocol.languages {
            match text.get(language) {
                None => self.error(
                    path,
                    format!("missing text for declared language \"{language}\""),
                ),
                Some(words) if words.trim().is_empty() => {
                    self.error(format!("{path}.{language}"), "the text is empty")
                }
                Some(_) => {}
            }
        }
        for (language, words) in text {
            for problem in wording::problems(self.protocol, words) {
                self.error(format!("{path}.{language}"), problem);
            }
            // The browser needs only the errors; the warnings' spellings of every window in
            // every language stay out of the quiz's wasm.
            #[cfg(full_checks)]
            if self.with_warnings {
                for written in wording::written_out_windows(self.protocol, words, language) {
                    let names: Vec<String> = written
                        .windows
                        .iter()
                        .map(|id| format!("{{window:{id}}}"))
                        .collect();
                    let warning = finding(
                        format!("{path}.{language}"),
                        format!(
                            "\"{}\" is written out and equals {}; write {} so the text follows the window",
                            written.found,
                            written
                                .windows
                                .iter()
                                .map(|id| format!("windows.{id}"))
                                .collect::<Vec<_>>()
                                .join(", "),
                            names.join(" or "),
                        ),
                    );
                    self.findings.warnings.push(warning);
                }
            }
        }
        for language in text.keys() {
            if !self.protocol.languages.contains(language) {
                self.error(
                    format!("{path}.{language}"),
                    format!("\"{language}\" is not in `languages`; declare it or remove this text"),
                );
            }
        }
    }

    fn notices(&mut self) {
        let notices = &self.protocol.notices;
        self.unique(
            "notice",
            notices
                .iter()
                .enumerate()
                .map(|(i, notice)| (format!("notices[{i}].id"), notice.id.as_str())),
        );
        for (i, notice) in notices.iter().enumerate() {
            let path = format!("notices[{i}]");
            self.text(&format!("{path}.text"), &notice.text);
            self.source(format!("{path}.source"), &notice.source);
            self.basis(
                &path,
                notice.evidence,
                &notice.references,
                notice.note.as_deref(),
            );
        }
    }

    fn clinic(&mut self) {
        let Some(clinic) = &self.protocol.clinic else {
            return;
        };
        if clinic.name.trim().is_empty() {
            self.error("clinic.name", "the clinic's name is empty");
        }
        self.plain("clinic.name".into(), &clinic.name);
        if let Some(url) = &clinic.booking_url {
            if let Err(problem) = check_link(url) {
                self.error("clinic.booking_url", problem);
            }
        }
        if let Some(url) = &clinic.quiz_url {
            if let Err(problem) = check_web_address(url) {
                self.error("clinic.quiz_url", problem);
            }
        }
        if let Some(phone) = &clinic.phone {
            if !is_phone(phone) {
                self.error(
                    "clinic.phone",
                    format!(
                        "\"{phone}\" is not a phone number (digits, spaces and + - ( ) . only)"
                    ),
                );
            }
        }
        if let Some(email) = &clinic.email {
            let parts: Vec<&str> = email.split('@').collect();
            let plausible = parts.len() == 2
                && !parts[0].is_empty()
                && parts[1].contains('.')
                && !email.chars().any(|c| c.is_whitespace() || c.is_control());
            if !plausible {
                self.error(
                    "clinic.email",
                    format!("\"{email}\" is not an email address"),
                );
            }
        }
    }

    fn windows(&mut self) {
        for (id, window) in &self.protocol.windows {
            let path = format!("windows.{id}");
            self.id(&path, id);
            if window.amount < 0 {
                self.error(
                    format!("{path}.amount"),
                    format!("a window cannot be negative (found {})", window.amount),
                );
            } else if window.amount > 100_000 {
                self.error(
                    format!("{path}.amount"),
                    format!("{} is far too long for a window", window.amount),
                );
            }
            if window.unit.is_none() {
                self.error(
                    &path,
                    "the window is missing its unit (\"hours\", \"days\", \"weeks\" or \"months\")",
                );
            }
            self.source(format!("{path}.source"), &window.source);
            self.basis(
                &path,
                window.evidence,
                &window.references,
                window.note.as_deref(),
            );
        }
    }

    fn window_ref(&mut self, path: String, id: &str) {
        if !self.protocol.windows.contains_key(id) {
            self.error(path, format!("no window \"{id}\" in `windows`"));
        }
    }

    fn sections(&mut self) {
        let sections = &self.protocol.sections;
        if sections.is_empty() {
            self.error("sections", "declare at least one section");
        }
        self.unique(
            "section",
            sections
                .iter()
                .enumerate()
                .map(|(i, section)| (format!("sections[{i}].id"), section.id.as_str())),
        );
        for (i, section) in sections.iter().enumerate() {
            self.text(&format!("sections[{i}].title"), &section.title);
        }
    }

    fn questions(&mut self) {
        let protocol = self.protocol;
        if protocol.questions.is_empty() {
            self.error("questions", "declare at least one question");
        }
        self.unique(
            "question",
            protocol
                .questions
                .iter()
                .enumerate()
                .map(|(i, question)| (format!("questions[{i}].id"), question.id.as_str())),
        );
        for (i, question) in protocol.questions.iter().enumerate() {
            let path = format!("questions[{i}]");
            if !protocol.sections.iter().any(|s| s.id == question.section) {
                self.error(
                    format!("{path}.section"),
                    format!("no section \"{}\" in `sections`", question.section),
                );
            }
            self.text(&format!("{path}.text"), &question.text);
            if let Some(hint) = &question.hint {
                self.text(&format!("{path}.hint"), hint);
            }
            if question.options.len() < 2 {
                self.error(
                    format!("{path}.options"),
                    "a question needs at least two options",
                );
            }
            self.unique(
                "option",
                question
                    .options
                    .iter()
                    .enumerate()
                    .map(|(j, option)| (format!("{path}.options[{j}].id"), option.id.as_str())),
            );
            for (j, option) in question.options.iter().enumerate() {
                self.option(&format!("{path}.options[{j}]"), question.kind, option);
            }
            // The quiz's wasm leaves the band rules to `candidacy validate` and the build (the
            // prerender step refuses a page protocol that breaks them; a clinic's file fetched
            // by the widget is not checked for them in the browser): in the wasm they cost the
            // first load 2.1 KB gzip, 1.0 KB brotli. A date is still checked against its
            // option's band in the browser.
            #[cfg(full_checks)]
            self.bands(&path, question);
        }
    }

    /// Options bounded by how long ago something happened (`ago`): each band's windows exist and
    /// are named in its label, it is not empty, and together the bands follow one another with
    /// neither gap nor overlap, so that every date fits exactly one option. A dated option that
    /// waits counts the window its band ends at, so that the label and the wait agree.
    #[cfg(full_checks)]
    fn bands(&mut self, path: &str, question: &crate::protocol::Question) {
        let protocol = self.protocol;
        let span = |id: &Option<String>| id.as_deref().map(|id| protocol.window(id));
        let mut bands = Vec::new();
        for (j, option) in question.options.iter().enumerate() {
            let Some(ago) = &option.ago else { continue };
            let at = format!("{path}.options[{j}].ago");
            if ago.at_least.is_none() && ago.less_than.is_none() {
                self.error(&at, "a band needs \"at_least\", \"less_than\" or both");
                continue;
            }
            if question.kind != QuestionKind::Single {
                self.error(
                    &at,
                    "only the options of a single question can be bands of time",
                );
            }
            for (field, id) in [("at_least", &ago.at_least), ("less_than", &ago.less_than)] {
                let Some(id) = id else { continue };
                self.window_ref(format!("{at}.{field}"), id);
                let placeholder = format!("{{window:{id}}}");
                for (language, label) in &option.label {
                    if !label.contains(&placeholder) {
                        self.error(
                            format!("{path}.options[{j}].label.{language}"),
                            format!("the option covers a band of time; name its bound with {placeholder}"),
                        );
                    }
                }
            }
            if let (Some(Some(from)), Some(Some(to))) = (span(&ago.at_least), span(&ago.less_than))
            {
                if from.covers(to) {
                    self.error(
                        &at,
                        "the band is empty: \"at_least\" must be shorter than \"less_than\"",
                    );
                }
            }
            let waits = option.outcome.as_ref().filter(|outcome| {
                outcome.kind == OutcomeKind::NotYet && outcome.from == Some(CountFrom::AnswerDate)
            });
            if let Some(outcome) = waits {
                if outcome.window != ago.less_than {
                    self.error(
                        format!("{path}.options[{j}].outcome.window"),
                        format!(
                            "the option covers less than {} ago, so its wait must count that window",
                            ago.less_than.as_deref().map_or("(no bound)".into(), |id| format!("windows.{id}"))
                        ),
                    );
                }
            }
            bands.push((j, ago));
        }
        // Follow the chain from today: each band must start where the one before it ends. (No
        // sort: a question has a handful of options, and a sort costs the quiz's wasm 4 KB.)
        let Some(&(first, _)) = bands.iter().find(|(_, ago)| ago.at_least.is_none()) else {
            if let Some(&(j, _)) = bands.first() {
                self.error(
                    format!("{path}.options[{j}].ago.at_least"),
                    "no option covers the time up to today: the nearest band must start today (no \"at_least\")",
                );
            }
            return;
        };
        let mut reached = vec![first];
        let mut end = question.options[first]
            .ago
            .as_ref()
            .and_then(|ago| ago.less_than.as_ref());
        while let Some(&(next, ago)) = bands
            .iter()
            .find(|(j, ago)| !reached.contains(j) && ago.at_least.as_ref() == end)
        {
            reached.push(next);
            end = ago.less_than.as_ref();
        }
        for &(j, _) in &bands {
            if !reached.contains(&j) {
                self.error(
                    format!("{path}.options[{j}].ago.at_least"),
                    format!(
                        "the bands of time must follow one another from today: this one must start where another ends ({})",
                        end.map_or("the last one has no end".into(), |id| format!("windows.{id}"))
                    ),
                );
            }
        }
    }

    fn option(&mut self, path: &str, kind: QuestionKind, option: &Choice) {
        self.text(&format!("{path}.label"), &option.label);
        match kind {
            QuestionKind::Multi if option.id == "none" && !option.exclusive => self.error(
                format!("{path}.exclusive"),
                "option \"none\" of a multi question must be exclusive (\"exclusive\": true)",
            ),
            QuestionKind::Single if option.exclusive => self.error(
                format!("{path}.exclusive"),
                "only options of a multi question can be exclusive",
            ),
            _ => {}
        }
        if let Some(date) = &option.date {
            self.text(&format!("{path}.date.label"), &date.label);
        }
        let Some(outcome) = &option.outcome else {
            return;
        };
        let path = format!("{path}.outcome");
        self.text(&format!("{path}.explain"), &outcome.explain);
        self.source(format!("{path}.source"), &outcome.source);
        self.basis(
            &path,
            outcome.evidence,
            &outcome.references,
            outcome.note.as_deref(),
        );
        if outcome.kind == OutcomeKind::NotYet {
            match (&outcome.window, outcome.from) {
                (Some(window), Some(from)) => {
                    self.window_ref(format!("{path}.window"), window);
                    let asks_past_date =
                        matches!(&option.date, Some(date) if date.when == DateWhen::Past);
                    if from == CountFrom::AnswerDate && !asks_past_date {
                        self.error(
                            format!("{path}.from"),
                            "counts from the answer's date, but the option asks for no past date",
                        );
                    }
                }
                (Some(_), None) => self.error(
                    format!("{path}.from"),
                    "a window needs \"from\": \"answer_date\" or \"today\"",
                ),
                (None, Some(_)) => self.error(
                    format!("{path}.from"),
                    "\"from\" needs a \"window\" to count",
                ),
                (None, None) => {}
            }
        } else if outcome.window.is_some() || outcome.from.is_some() {
            self.error(
                format!("{path}.window"),
                format!(
                    "only a not_yet outcome waits for a window, not {}",
                    outcome.kind.as_str()
                ),
            );
        }
        match (&outcome.step, outcome.kind) {
            (Some(step), _) => {
                if self.protocol.pre_care_step(step).is_none() {
                    self.error(
                        format!("{path}.step"),
                        format!("no pre-care step \"{step}\" in `plan.pre_care`"),
                    );
                }
            }
            (None, OutcomeKind::Prepare) => self.error(
                format!("{path}.step"),
                "a prepare outcome must name its pre-care step",
            ),
            (None, _) => {}
        }
    }

    /// The question `id` named at `path`, which must exist and be of `kind`.
    fn plan_question(&mut self, path: &str, id: &str, kind: QuestionKind) -> Option<&'a Choice> {
        let protocol = self.protocol;
        match protocol.question(id) {
            None => self.error(path, format!("no question \"{id}\" in `questions`")),
            Some(question) if question.kind != kind => self.error(
                path,
                format!(
                    "question \"{id}\" must be a {} question",
                    match kind {
                        QuestionKind::Single => "single",
                        QuestionKind::Multi => "multi",
                    }
                ),
            ),
            Some(question) => return question.options.first(),
        }
        None
    }

    fn range(&mut self, path: &str, range: Range, least: i64) {
        if range.min < least {
            self.error(
                format!("{path}.min"),
                format!("must be at least {least} (found {})", range.min),
            );
        }
        if range.min > range.max {
            self.error(
                path,
                format!("min ({}) is greater than max ({})", range.min, range.max),
            );
        }
    }

    fn plan(&mut self) {
        let protocol = self.protocol;
        let plan = &protocol.plan;
        self.plan_question(
            "plan.concerns_question",
            &plan.concerns_question,
            QuestionKind::Multi,
        );
        self.plan_question(
            "plan.areas_question",
            &plan.areas_question,
            QuestionKind::Multi,
        );
        if self
            .plan_question(
                "plan.severity_question",
                &plan.severity_question,
                QuestionKind::Single,
            )
            .is_some()
        {
            // Lists, not sets: collecting a set sorts, and a sort costs the quiz's wasm 4 KB.
            let options: Vec<&str> = protocol
                .question(&plan.severity_question)
                .into_iter()
                .flat_map(|q| q.options.iter().map(|o| o.id.as_str()))
                .collect();
            let severities = ["mild", "moderate", "severe"];
            if options.len() != severities.len() || !severities.iter().all(|s| options.contains(s))
            {
                self.error(
                    "plan.severity_question",
                    "the severity question's options must be \"mild\", \"moderate\" and \"severe\"",
                );
            }
        }
        if protocol.question(&plan.start_question).is_none() {
            self.error(
                "plan.start_question",
                format!("no question \"{}\" in `questions`", plan.start_question),
            );
        }
        if let Some(concerns) = protocol.question(&plan.concerns_question) {
            for id in plan.sessions.keys() {
                if concerns.option(id).is_none() {
                    self.error(
                        format!("plan.sessions.{id}"),
                        format!("\"{id}\" is not an option of question \"{}\"", concerns.id),
                    );
                }
            }
            for (j, option) in concerns.options.iter().enumerate() {
                if !plan.sessions.contains_key(&option.id) && option.outcome.is_none() {
                    self.error(
                        format!("questions[{}].options[{j}]", self.question_index(&concerns.id)),
                        format!(
                            "concern \"{}\" has no session counts in `plan.sessions` and no outcome",
                            option.id
                        ),
                    );
                }
            }
        }
        for (id, counts) in &plan.sessions {
            let path = format!("plan.sessions.{id}");
            self.range(&format!("{path}.mild"), counts.mild, 1);
            self.range(&format!("{path}.moderate"), counts.moderate, 1);
            self.range(&format!("{path}.severe"), counts.severe, 1);
            if counts.severe.max > 100 || counts.moderate.max > 100 || counts.mild.max > 100 {
                self.error(&path, "more than 100 sessions is not a plan");
            }
            self.source(format!("{path}.source"), &counts.source);
        }
        self.range_rule("plan.interval_weeks", &plan.interval_weeks, 1);
        let results = &plan.results;
        self.range_rule(
            "plan.results.first_visible_weeks",
            &results.first_visible_weeks,
            0,
        );
        self.range_rule(
            "plan.results.full_result_months",
            &results.full_result_months,
            0,
        );
        self.range_rule(
            "plan.results.maintenance_months",
            &results.maintenance_months,
            1,
        );
        if results.collagen_months < 0 {
            self.error("plan.results.collagen_months", "must not be negative");
        }
        let visit = &plan.visit;
        if visit.treatment_minutes < 1 {
            self.error("plan.visit.treatment_minutes", "must be at least 1");
        }
        self.range("plan.visit.numbing_minutes", visit.numbing_minutes, 0);
        self.range("plan.visit.total_hours", visit.total_hours, 1);
        self.source("plan.visit.source".into(), &visit.source);
        self.care_steps();
    }

    fn range_rule(&mut self, path: &str, rule: &crate::protocol::RangeRule, least: i64) {
        self.range(path, rule.range(), least);
        self.source(format!("{path}.source"), &rule.source);
    }

    fn question_index(&self, id: &str) -> usize {
        self.protocol
            .questions
            .iter()
            .position(|q| q.id == id)
            .unwrap_or_default()
    }

    fn care_steps(&mut self) {
        let plan = &self.protocol.plan;
        self.unique(
            "pre-care step",
            plan.pre_care
                .iter()
                .enumerate()
                .map(|(i, step)| (format!("plan.pre_care[{i}].id"), step.id.as_str())),
        );
        let named: Vec<&str> = self
            .protocol
            .questions
            .iter()
            .flat_map(|q| &q.options)
            .filter_map(|o| o.outcome.as_ref()?.step.as_deref())
            .collect();
        for (i, step) in plan.pre_care.iter().enumerate() {
            let path = format!("plan.pre_care[{i}]");
            self.window_ref(format!("{path}.before"), &step.before);
            self.text(&format!("{path}.text"), &step.text);
            self.source(format!("{path}.source"), &step.source);
            if !step.always && !named.contains(&step.id.as_str()) {
                self.error(
                    &path,
                    format!(
                        "step \"{}\" is never shown: mark it \"always\" or name it in an outcome's \"step\"",
                        step.id
                    ),
                );
            }
        }
        self.unique(
            "after-care step",
            plan.after_care
                .iter()
                .enumerate()
                .map(|(i, step)| (format!("plan.after_care[{i}].id"), step.id.as_str())),
        );
        for (i, step) in plan.after_care.iter().enumerate() {
            let path = format!("plan.after_care[{i}]");
            self.window_ref(format!("{path}.lasts"), &step.lasts);
            self.text(&format!("{path}.text"), &step.text);
            self.source(format!("{path}.source"), &step.source);
        }
    }

    fn pricing(&mut self) {
        let Some(pricing) = &self.protocol.pricing else {
            return;
        };
        let code_ok =
            pricing.currency.len() == 3 && pricing.currency.bytes().all(|b| b.is_ascii_uppercase());
        if !code_ok {
            self.error(
                "pricing.currency",
                format!(
                    "\"{}\" is not a currency code such as \"EUR\" or \"USD\"",
                    pricing.currency
                ),
            );
        }
        let areas = self.protocol.question(&self.protocol.plan.areas_question);
        let prices: &BTreeMap<String, i64> = &pricing.per_session;
        for (area, price) in prices {
            let path = format!("pricing.per_session.{area}");
            if let Some(areas) = areas {
                if areas.option(area).is_none() {
                    self.error(
                        &path,
                        format!("\"{area}\" is not an option of question \"{}\"", areas.id),
                    );
                }
            }
            if *price < 0 {
                self.error(&path, format!("a price cannot be negative (found {price})"));
            }
        }
    }
}

/// Whether `phone` looks like a phone number: at least three digits, and only digits, spaces
/// and `+ - ( ) .`.
pub fn is_phone(phone: &str) -> bool {
    phone
        .chars()
        .all(|c| c.is_ascii_digit() || " +-().".contains(c))
        && phone.chars().filter(char::is_ascii_digit).count() >= 3
}

/// Whether `url` is a link the quiz may show: `https:`, `http:`, `tel:` or `mailto:` only, so that
/// no `javascript:` or `data:` URL from a configuration ever reaches a page.
pub fn check_link(url: &str) -> Result<(), String> {
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!("\"{url}\" contains spaces or control characters"));
    }
    let lower = url.to_ascii_lowercase();
    let rest = ["https://", "http://", "tel:", "mailto:"]
        .iter()
        .find_map(|scheme| lower.strip_prefix(scheme));
    match rest {
        Some(rest) if !rest.is_empty() && !rest.starts_with('/') => Ok(()),
        Some(_) => Err(format!("\"{url}\" has nothing after its scheme")),
        None => Err(format!(
            "\"{url}\" must start with https://, http://, tel: or mailto:"
        )),
    }
}

/// A web page's address, `https://` or `http://`, without a fragment (the quiz's QR code adds
/// its own).
pub fn check_web_address(url: &str) -> Result<(), String> {
    let lower = url.to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://")) {
        return Err(format!("\"{url}\" must start with https:// or http://"));
    }
    if url.contains('#') {
        return Err(format!("\"{url}\" must not contain #"));
    }
    check_link(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quiz_address_is_a_web_page_without_a_fragment() {
        assert!(check_web_address("https://clinic.example/quiz/").is_ok());
        assert!(check_web_address("http://clinic.example/quiz/index.html").is_ok());
        for wrong in [
            "mailto:a@clinic.example",
            "clinic.example/quiz",
            "https://",
            "https://clinic.example/quiz#start",
            "https://clinic .example",
        ] {
            assert!(check_web_address(wrong).is_err(), "{wrong}");
        }
    }

    #[test]
    fn links_allow_only_safe_schemes() {
        assert!(check_link("https://clinic.example/book").is_ok());
        assert!(check_link("HTTP://clinic.example").is_ok());
        assert!(check_link("tel:+15551234567").is_ok());
        assert!(check_link("mailto:desk@clinic.example").is_ok());
        for bad in [
            "javascript:alert(1)",
            "data:text/html,hi",
            "//clinic.example",
            "clinic.example",
            "https://",
            "https:///x",
            "https://clinic.example/a b",
            "ftp://clinic.example",
            " https://clinic.example",
        ] {
            assert!(check_link(bad).is_err(), "{bad} must be rejected");
        }
    }
}
