//! `candidacy`: the command-line tool for a clinic's web person and for automated checks.
//!
//! Exit codes: 0 success; 1 an invalid protocol or a failed case; 2 bad input (a missing file,
//! invalid JSON, an unknown question or option, a malformed date, a wrong argument), always as one
//! line naming the problem, never a panic.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(cli::run(std::env::args().skip(1).collect()));
}

// The app's wasm build compiles every binary of the package; the CLI has nothing to do there.
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use std::io::Write as _;
    use std::time::{SystemTime, UNIX_EPOCH};

    use candidacy_quiz::cases::{self, Cases};
    use candidacy_quiz::review::{self, Due, Status};
    use candidacy_quiz::validate::{self, Findings};
    use candidacy_quiz::{assess, Answers, Date, Protocol, ProtocolError};
    use serde_json::Value;

    /// Prints a line to stdout; a closed pipe (`candidacy assess … | head`) is not an error.
    macro_rules! say {
        ($($arg:tt)*) => {{
            let _ = writeln!(std::io::stdout().lock(), $($arg)*);
        }};
    }

    const USAGE: &str = "\
usage:
  candidacy validate [PROTOCOL] [--strict] [--today YYYY-MM-DD]
  candidacy explain [PROTOCOL] [--lang LANG]
  candidacy review --name NAME --role ROLE [--date YYYY-MM-DD] [--next-due YYYY-MM-DD] PROTOCOL
  candidacy assess --answers ANSWERS [--protocol PROTOCOL] [--today YYYY-MM-DD] [--lang LANG]
  candidacy check PROTOCOL --cases CASES [--today YYYY-MM-DD]
  candidacy compose [--check]

Without PROTOCOL, the default protocol built into the quiz is used. validate exits 1 when the
protocol is invalid, and with --strict also when it has warnings. compose writes the shipped
treatments (static/protocols/*.json) from the default protocol and the overlays in protocols/
(run it from the project's folder); with --check it changes nothing and exits 1 when a shipped
file is not what its overlays make.";

    /// A problem with the input: printed as one line, exit code 2.
    struct BadInput(String);

    type Result<T> = std::result::Result<T, BadInput>;

    fn bad<T>(message: impl Into<String>) -> Result<T> {
        Err(BadInput(message.into()))
    }

    pub fn run(args: Vec<String>) -> i32 {
        let outcome = match args.first().map(String::as_str) {
            Some("validate") => validate(&args[1..]),
            Some("assess") => assess_command(&args[1..]),
            Some("check") => check(&args[1..]),
            Some("review") => review_command(&args[1..]),
            Some("explain") => explain(&args[1..]),
            Some("compose") => compose(&args[1..]),
            Some("-h" | "--help" | "help") => {
                say!("{USAGE}");
                Ok(0)
            }
            Some(other) => bad(format!(
                "unknown command \"{other}\"; see `candidacy --help`"
            )),
            None => bad("no command given; see `candidacy --help`"),
        };
        outcome.unwrap_or_else(|BadInput(message)| {
            eprintln!("candidacy: {message}");
            2
        })
    }

    /// Parsed arguments: positional ones and `--name value` pairs from the allowed names.
    struct Args {
        positional: Vec<String>,
        named: Vec<(String, String)>,
        flags: Vec<String>,
    }

    impl Args {
        /// `allowed` names take a value; `flags` stand alone (`--strict`).
        fn parse(
            args: &[String],
            allowed: &[&str],
            flags: &[&str],
            max_positional: usize,
        ) -> Result<Args> {
            let mut parsed = Args {
                positional: Vec::new(),
                named: Vec::new(),
                flags: Vec::new(),
            };
            let mut rest = args.iter();
            while let Some(arg) = rest.next() {
                if let Some(name) = arg.strip_prefix("--") {
                    if flags.contains(&name) {
                        parsed.flags.push(name.to_string());
                        continue;
                    }
                    if !allowed.contains(&name) {
                        return bad(format!("unknown option \"{arg}\"; see `candidacy --help`"));
                    }
                    let Some(value) = rest.next() else {
                        return bad(format!("option \"{arg}\" needs a value"));
                    };
                    if parsed.get(name).is_some() {
                        return bad(format!("option \"{arg}\" is given twice"));
                    }
                    parsed.named.push((name.to_string(), value.clone()));
                } else {
                    parsed.positional.push(arg.clone());
                }
            }
            if parsed.positional.len() > max_positional {
                return bad(format!(
                    "unexpected argument \"{}\"; see `candidacy --help`",
                    parsed.positional[max_positional]
                ));
            }
            Ok(parsed)
        }

        fn flag(&self, name: &str) -> bool {
            self.flags.iter().any(|f| f == name)
        }

        fn get(&self, name: &str) -> Option<&str> {
            self.named
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.as_str())
        }

        fn require(&self, name: &str) -> Result<&str> {
            match self.get(name) {
                Some(value) => Ok(value),
                None => bad(format!("--{name} is required; see `candidacy --help`")),
            }
        }

        fn today(&self) -> Result<Date> {
            match self.get("today") {
                Some(text) => {
                    Date::parse(text).or_else(|error| bad(format!("--today \"{text}\" {error}")))
                }
                None => Ok(system_today()),
            }
        }
    }

    /// Today's date in UTC, from the system clock.
    fn system_today() -> Date {
        let seconds = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|elapsed| elapsed.as_secs())
            .unwrap_or(0);
        Date::from_days((seconds / 86_400) as i64).unwrap_or(Date::MIN)
    }

    fn read(path: &str, what: &str) -> Result<String> {
        std::fs::read_to_string(path)
            .or_else(|error| bad(format!("cannot read {what} file \"{path}\": {error}")))
    }

    /// The protocol at `path` (or the default), or the reason it cannot be used.
    fn load_protocol(path: Option<&str>) -> Result<Protocol> {
        let Some(path) = path else {
            return Ok(Protocol::default_protocol());
        };
        protocol_from(path, &read(path, "protocol")?)
    }

    /// The protocol in `json` (read from `path`), or the reason it cannot be used.
    fn protocol_from(path: &str, json: &str) -> Result<Protocol> {
        Protocol::from_json(json).or_else(|errors| {
            let first = &errors[0];
            let more = match errors.len() {
                1 => String::new(),
                n => format!(" (and {} more; run `candidacy validate {path}`)", n - 1),
            };
            bad(format!("protocol \"{path}\" is invalid: {first}{more}"))
        })
    }

    /// The protocol file named by the first positional argument, or the default: its name for
    /// messages and its text.
    fn protocol_text(args: &Args) -> Result<(String, String)> {
        Ok(match args.positional.first() {
            Some(path) => (path.clone(), read(path, "protocol")?),
            None => (
                "the default protocol".to_string(),
                candidacy_quiz::protocol::DEFAULT_PROTOCOL_JSON.to_string(),
            ),
        })
    }

    fn plural(n: usize, one: &str, many: &str) -> String {
        format!("{n} {}", if n == 1 { one } else { many })
    }

    fn validate(args: &[String]) -> Result<i32> {
        let args = Args::parse(args, &["today"], &["strict"], 1)?;
        let (name, json) = protocol_text(&args)?;
        let today = args.today()?;
        let protocol = match validate::parse(&json) {
            Ok(protocol) => protocol,
            Err(error) => {
                say!("{name}: 1 error");
                say!("  {error}");
                return Ok(1);
            }
        };
        let Findings {
            errors,
            mut warnings,
        } = validate::findings(&protocol, true);
        if !errors.is_empty() {
            say!("{name}: {}", plural(errors.len(), "error", "errors"));
            for error in errors {
                say!("  {error}");
            }
            return Ok(1);
        }
        say!(
            "{name}: valid ({} questions in {} sections, languages: {})",
            protocol.questions.len(),
            protocol.sections.len(),
            protocol.languages.join(", ")
        );
        let at = |path: &str, message: String| ProtocolError {
            path: path.to_string(),
            message,
            position: None,
        };
        match review::status(&protocol, &json, today) {
            Status::Unreviewed => say!(
                "review: none. The rules are an unreviewed template until a clinician signs them off (`candidacy review`)"
            ),
            Status::Changed { review, content } => {
                say!(
                    "review: by {} ({}) on {}, but the content changed after it: visitors are not shown it",
                    review.name, review.role, review.date
                );
                warnings.push(at(
                    "review.sha256",
                    format!(
                        "the review was of content {}, this file's content is {content}; review the rules again",
                        review.sha256
                    ),
                ));
            }
            Status::Current { review, due } => {
                let next = review
                    .next_due
                    .map(|d| format!("; next due {d}"))
                    .unwrap_or_default();
                say!(
                    "review: by {} ({}) on {}, matches the content{next}",
                    review.name, review.role, review.date
                );
                match due {
                    Due::InTime => {}
                    Due::Overdue(date) => warnings.push(at(
                        "review.next_due",
                        format!("the next review was due on {date}"),
                    )),
                    Due::Stale => warnings.push(at(
                        "review.date",
                        format!(
                            "reviewed more than {} months ago and no next review is due; review the rules again",
                            review::STALE_AFTER_MONTHS
                        ),
                    )),
                }
            }
        }
        if warnings.is_empty() {
            return Ok(0);
        }
        say!("{}", plural(warnings.len(), "warning", "warnings"));
        for warning in &warnings {
            say!("  {warning}");
        }
        Ok(if args.flag("strict") { 1 } else { 0 })
    }

    /// Writes (or with `--check`, compares) every shipped treatment made from the default protocol
    /// and its overlays; a composed file must validate before it is written.
    fn compose(args: &[String]) -> Result<i32> {
        use candidacy_quiz::compose::{self, SHIPPED};
        let args = Args::parse(args, &[], &["check"], 0)?;
        let mut stale = 0;
        for (output, overlays) in SHIPPED {
            let composed = compose::compose_files(overlays).or_else(bad)?;
            let protocol = protocol_from(output, &composed)?;
            let current = std::fs::read_to_string(output).unwrap_or_default();
            if current == composed {
                say!(
                    "{output}: up to date ({} questions)",
                    protocol.questions.len()
                );
            } else if args.flag("check") {
                say!("{output}: differs from what its overlays make; run `candidacy compose`");
                stale += 1;
            } else {
                std::fs::write(output, &composed)
                    .or_else(|error| bad(format!("cannot write \"{output}\": {error}")))?;
                say!("{output}: written ({} questions)", protocol.questions.len());
            }
        }
        Ok(i32::from(stale > 0))
    }

    /// Prints the rules as tables a clinician reads without JSON.
    fn explain(args: &[String]) -> Result<i32> {
        let args = Args::parse(args, &["lang", "today"], &[], 1)?;
        let (name, json) = protocol_text(&args)?;
        let protocol = protocol_from(&name, &json)?;
        let language = language_of(&args, &protocol)?;
        let review = match review::status(&protocol, &json, args.today()?) {
            Status::Unreviewed => {
                "Review: none. These rules are an unreviewed template.".to_string()
            }
            Status::Changed { review, .. } => format!(
                "Review: by {} ({}) on {}, but the rules changed after it: it no longer applies.",
                review.name, review.role, review.date
            ),
            Status::Current { review, .. } => format!(
                "Review: by {} ({}) on {}; it covers this content.",
                review.name, review.role, review.date
            ),
        };
        let locale = candidacy_quiz::Locale::native(&language);
        say!("<!-- {name} -->");
        say!(
            "{}",
            candidacy_quiz::explain::rules(&protocol, &locale, &review)
        );
        Ok(0)
    }

    /// `--lang`, which must be one of the protocol's languages; else its first.
    fn language_of(args: &Args, protocol: &Protocol) -> Result<String> {
        match args.get("lang") {
            Some(language) if !protocol.languages.iter().any(|l| l == language) => bad(format!(
                "--lang \"{language}\" is not one of the protocol's languages ({})",
                protocol.languages.join(", ")
            )),
            Some(language) => Ok(language.to_string()),
            None => Ok(protocol.languages[0].clone()),
        }
    }

    /// Records a clinician's review in the protocol file, bound to its content.
    fn review_command(args: &[String]) -> Result<i32> {
        let args = Args::parse(args, &["name", "role", "date", "next-due"], &[], 1)?;
        let Some(path) = args.positional.first() else {
            return bad("review needs the protocol file to sign; see `candidacy --help`");
        };
        let name = args.require("name")?.trim().to_string();
        let role = args.require("role")?.trim().to_string();
        if name.is_empty() || role.is_empty() {
            return bad("--name and --role must say who reviewed the rules");
        }
        let date_of = |option: &str| -> Result<Option<Date>> {
            args.get(option)
                .map(|text| {
                    Date::parse(text).or_else(|error| bad(format!("--{option} \"{text}\" {error}")))
                })
                .transpose()
        };
        let date = date_of("date")?.unwrap_or_else(system_today);
        let next_due = date_of("next-due")?;
        if next_due.is_some_and(|due| due <= date) {
            return bad("--next-due must be after the review's date");
        }
        let json = read(path, "protocol")?;
        if let Err(errors) = Protocol::from_json(&json) {
            say!(
                "{path}: {}; an invalid protocol cannot be reviewed",
                plural(errors.len(), "error", "errors")
            );
            for error in errors {
                say!("  {error}");
            }
            return Ok(1);
        }
        // The file's own order of fields is kept (serde_json's `preserve_order` in the CLI).
        let mut value: Value = serde_json::from_str(&json)
            .or_else(|error| bad(format!("{path} is not JSON: {error}")))?;
        let review = review::Review {
            name,
            role,
            date,
            next_due,
            sha256: review::content_sha256(&json).unwrap_or_default(),
        };
        let Value::Object(members) = &mut value else {
            return bad(format!("{path} is not a protocol object"));
        };
        let block = serde_json::to_value(&review)
            .or_else(|error| bad(format!("cannot write the review: {error}")))?;
        members.insert("review".to_string(), block);
        let text = serde_json::to_string_pretty(&value)
            .or_else(|error| bad(format!("cannot write the review: {error}")))?;
        std::fs::write(path, format!("{text}\n"))
            .or_else(|error| bad(format!("cannot write \"{path}\": {error}")))?;
        say!(
            "{path}: reviewed by {} ({}) on {}; content sha256 {}",
            review.name,
            review.role,
            review.date,
            review.sha256
        );
        Ok(0)
    }

    /// Complete, checked answers from an answers JSON text.
    fn complete_answers(json: &str, protocol: &Protocol, today: Date) -> Result<Answers> {
        let answers =
            Answers::from_json(json, protocol, today).or_else(|error| bad(error.to_string()))?;
        cases::require_complete(answers, protocol).or_else(bad)
    }

    fn assess_command(args: &[String]) -> Result<i32> {
        let args = Args::parse(args, &["answers", "protocol", "today", "lang"], &[], 0)?;
        let answers_path = args.require("answers")?;
        let protocol = load_protocol(args.get("protocol"))?;
        let today = args.today()?;
        let language = language_of(&args, &protocol)?;
        let json = read(answers_path, "answers")?;
        let answers = complete_answers(&json, &protocol, today)
            .or_else(|BadInput(message)| bad(format!("{answers_path}: {message}")))?;
        let locale = candidacy_quiz::Locale::native(&language);
        let assessment = assess(&protocol, &answers, today, &locale);
        let mut output = serde_json::to_value(&assessment)
            .or_else(|error| bad(format!("cannot write the result: {error}")))?;
        // Each reason with the evidence and references of the rule behind it.
        let reasons = output["reasons"].as_array_mut().into_iter().flatten();
        for (reason, value) in assessment.reasons.iter().zip(reasons) {
            if let (Some(rule), Value::Object(fields)) = (reason.rule(&protocol), value) {
                if let Some(evidence) = rule.evidence {
                    fields.insert("evidence".into(), evidence.as_str().into());
                }
                if !rule.references.is_empty() {
                    let references = serde_json::to_value(&rule.references)
                        .or_else(|error| bad(format!("cannot write the result: {error}")))?;
                    fields.insert("references".into(), references);
                }
            }
        }
        // The protocol's notices, shown with every result.
        if !protocol.notices.is_empty() {
            let notices: Vec<Value> = protocol
                .notices
                .iter()
                .map(|notice| {
                    serde_json::json!({
                        "id": notice.id,
                        "text": locale.render(&protocol, &notice.text),
                    })
                })
                .collect();
            output["notices"] = Value::Array(notices);
        }
        let output = serde_json::to_string_pretty(&output)
            .or_else(|error| bad(format!("cannot write the result: {error}")))?;
        say!("{output}");
        Ok(0)
    }

    fn check(args: &[String]) -> Result<i32> {
        let args = Args::parse(args, &["cases", "today"], &[], 1)?;
        let Some(protocol_path) = args.positional.first() else {
            return bad("check needs a protocol file; see `candidacy --help`");
        };
        let protocol = load_protocol(Some(protocol_path))?;
        let cases_path = args.require("cases")?;
        let cases = Cases::parse(&read(cases_path, "cases")?)
            .or_else(|message| bad(format!("{cases_path}: {message}")))?;
        let today = args.today()?;

        let width = cases
            .cases
            .iter()
            .map(|c| c.name.len())
            .max()
            .unwrap_or(4)
            .max(4);
        say!("{:<6}{:<width$}  {}", "", "case", "result");
        let mut failed = 0;
        for case in &cases.cases {
            let result = cases.run(&protocol, case, today);
            let (mark, detail) = match &result {
                Ok(detail) => ("PASS", detail.clone()),
                Err(detail) => ("FAIL", detail.clone()),
            };
            failed += usize::from(result.is_err());
            say!("{mark:<6}{:<width$}  {detail}", case.name);
        }
        let total = cases.cases.len();
        say!("{} passed, {failed} failed", total - failed);
        Ok(if failed == 0 { 0 } else { 1 })
    }
}
