//! The `candidacy` command as a clinic's web person runs it: exit codes, one-line errors, output.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::process::{Command, Output};

use serde_json::{json, Value};

fn candidacy(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_candidacy"))
        .args(args)
        .env("RUST_BACKTRACE", "1")
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// Runs and asserts exit code 2 with exactly one line on stderr, which is returned.
fn bad_input(args: &[&str]) -> String {
    let output = candidacy(args);
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
    assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
    assert!(!stderr.contains("panicked") && !stderr.contains("backtrace"));
    stderr.trim_end().to_string()
}

fn temp_file(name: &str, contents: &str) -> String {
    let dir = std::env::temp_dir().join(format!("candidacy-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn validate_accepts_the_default_protocol_with_or_without_a_file() {
    for args in [
        &["validate"][..],
        &["validate", "static/protocols/microneedling.json"],
    ] {
        let output = candidacy(args);
        assert_eq!(output.status.code(), Some(0));
        assert!(text(&output.stdout).contains("valid (20 questions in 3 sections"));
    }
}

#[test]
fn validate_lists_every_error_and_exits_1() {
    let output = candidacy(&["validate", "tests/broken/several-errors.json"]);
    assert_eq!(output.status.code(), Some(1));
    let stdout = text(&output.stdout);
    assert!(
        stdout.starts_with("tests/broken/several-errors.json: 3 errors\n"),
        "{stdout}"
    );
    let expected = std::fs::read_to_string("tests/broken/several-errors.expected").unwrap();
    for line in expected.lines() {
        assert!(
            stdout.contains(&format!("  {line}\n")),
            "{line} missing from {stdout}"
        );
    }
}

#[test]
fn assess_prints_the_json_of_the_spec() {
    let output = candidacy(&[
        "assess",
        "--answers",
        "examples/answers-suitable.json",
        "--today",
        "2026-11-21",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let result: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(result["verdict"], "not_yet");
    assert_eq!(result["earliest_start"], "2027-03-30");
    let reasons = result["reasons"].as_array().unwrap();
    assert_eq!(reasons[0]["question"], "isotretinoin");
    assert_eq!(reasons[0]["option"], "recent");
    assert_eq!(reasons[0]["outcome"], "not_yet");
    assert_eq!(reasons[0]["until"], "2027-03-30");
    assert_eq!(reasons[1]["outcome"], "prepare");
    let plan = &result["plan"];
    assert_eq!(plan["sessions"], serde_json::json!({"min": 4, "max": 6}));
    assert_eq!(
        plan["interval_weeks"],
        serde_json::json!({"min": 4, "max": 6})
    );
    assert_eq!(plan["dates"].as_array().unwrap().len(), 6);
    assert_eq!(plan["dates"][0], "2027-03-30");
    assert_eq!(plan["results"]["first_visible"]["from"], "2027-04-27");
}

#[test]
fn assess_with_a_protocol_file() {
    let answers = temp_file(
        "minimal-answers.json",
        r#"{"age": "under_18", "medicine": "never", "recent": ["none"], "concerns": ["scars"],
            "severity": "mild", "areas": ["face"], "start": "asap"}"#,
    );
    let output = candidacy(&[
        "assess",
        "--answers",
        &answers,
        "--protocol",
        "tests/fixtures/minimal.json",
        "--today",
        "2026-11-21",
        "--lang",
        "es",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let result: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(result["verdict"], "not_suitable");
    assert_eq!(result["earliest_start"], Value::Null);
    assert_eq!(result["plan"], Value::Null);
    assert_eq!(result["reasons"][0]["explanation"], "No.");
}

#[test]
fn bad_input_is_one_clear_line_and_exit_2() {
    let cases: Vec<(Vec<String>, &str)> = vec![
        (
            vec![
                "assess".into(),
                "--answers".into(),
                "no/such/file.json".into(),
            ],
            "candidacy: cannot read answers file \"no/such/file.json\"",
        ),
        (
            vec![
                "assess".into(),
                "--answers".into(),
                temp_file("invalid.json", "{\"age\": "),
            ],
            "the answers are not valid JSON",
        ),
        (
            vec![
                "assess".into(),
                "--answers".into(),
                temp_file("unknown-q.json", r#"{"colour": "red"}"#),
            ],
            "question \"colour\": there is no such question in the protocol",
        ),
        (
            vec![
                "assess".into(),
                "--answers".into(),
                temp_file("unknown-o.json", r#"{"age": "ancient"}"#),
            ],
            "question \"age\": there is no option \"ancient\" (options: under_18, adult)",
        ),
        (
            vec![
                "assess".into(),
                "--answers".into(),
                temp_file(
                    "bad-date.json",
                    r#"{"radiation": {"option": "yes", "date": "2026-02-30"}}"#,
                ),
            ],
            "question \"radiation\": the date \"2026-02-30\" is not a day on the calendar",
        ),
        (
            vec![
                "assess".into(),
                "--answers".into(),
                temp_file("partial.json", r#"{"age": "adult"}"#),
            ],
            "no answers given for questions: pregnancy, skin_cancer,",
        ),
        (
            vec![
                "assess".into(),
                "--answers".into(),
                "examples/answers-suitable.json".into(),
                "--today".into(),
                "2026-13-01".into(),
            ],
            "candidacy: --today \"2026-13-01\" is not a day on the calendar",
        ),
        (
            vec![
                "assess".into(),
                "--answers".into(),
                "examples/answers-suitable.json".into(),
                "--protocol".into(),
                "tests/broken/negative-window.json".into(),
            ],
            "is invalid: windows.wait.amount: a window cannot be negative (found -6)",
        ),
        (vec!["assess".into()], "candidacy: --answers is required"),
        (
            vec!["assess".into(), "--answers".into()],
            "candidacy: option \"--answers\" needs a value",
        ),
        (
            vec!["frobnicate".into()],
            "candidacy: unknown command \"frobnicate\"",
        ),
        (
            vec!["validate".into(), "missing.json".into()],
            "candidacy: cannot read protocol file \"missing.json\"",
        ),
        (
            vec![
                "check".into(),
                "static/protocols/microneedling.json".into(),
                "--cases".into(),
                temp_file("cases.json", "[]"),
            ],
            "expected an object with \"cases\"",
        ),
    ];
    for (args, expected) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let line = bad_input(&args);
        // Usage text after the first line goes to stderr too, so only the first line counts.
        assert!(line.contains(expected), "{args:?}: {line}");
    }
}

#[test]
fn check_runs_the_example_cases_and_reports_a_table() {
    let output = candidacy(&[
        "check",
        "static/protocols/microneedling.json",
        "--cases",
        "examples/cases.json",
    ]);
    let stdout = text(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("PASS  stopped isotretinoin on 31 Aug"));
    assert!(
        stdout.trim_end().ends_with("17 passed, 0 failed"),
        "{stdout}"
    );
}

#[test]
fn check_fails_with_exit_1_when_a_case_is_wrong() {
    let cases = std::fs::read_to_string("examples/cases.json")
        .unwrap()
        .replace(
            r#""earliest_start": "2027-02-28""#,
            r#""earliest_start": "2027-03-01""#,
        );
    let path = temp_file("wrong-cases.json", &cases);
    let output = candidacy(&[
        "check",
        "static/protocols/microneedling.json",
        "--cases",
        &path,
    ]);
    let stdout = text(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains(
        "FAIL  stopped isotretinoin on 31 Aug  expected not_yet, earliest start 2027-03-01; got not_yet, earliest start 2027-02-28"
    ), "{stdout}");
    assert!(stdout.trim_end().ends_with("16 passed, 1 failed"));
}

/// The default protocol's file with `change` made to it, written to a temporary file.
fn changed_default(name: &str, change: impl FnOnce(&mut Value)) -> String {
    let mut protocol: Value =
        serde_json::from_str(candidacy_quiz::protocol::DEFAULT_PROTOCOL_JSON).unwrap();
    change(&mut protocol);
    temp_file(name, &serde_json::to_string_pretty(&protocol).unwrap())
}

#[test]
fn validate_warns_of_a_written_out_window_and_strict_fails_on_it() {
    let path = changed_default("written-out.json", |p| {
        p["questions"][5]["options"][1]["label"]["en"] = json!("Yes, in the last 6 months");
    });
    let output = candidacy(&["validate", &path]);
    assert_eq!(output.status.code(), Some(0), "warnings alone keep exit 0");
    let stdout = text(&output.stdout);
    assert!(stdout.contains(": valid ("), "{stdout}");
    assert!(
        stdout.contains(
            "1 warning\n  questions[5].options[1].label.en: \"6 months\" is written out and equals windows.isotretinoin; write {window:isotretinoin} so the text follows the window\n"
        ),
        "{stdout}"
    );
    assert_eq!(
        candidacy(&["validate", "--strict", &path]).status.code(),
        Some(1)
    );
    assert_eq!(candidacy(&["validate", "--strict"]).status.code(), Some(0));
}

#[test]
fn a_review_binds_to_the_content_and_an_edit_undoes_it() {
    let path = changed_default("reviewed.json", |_| {});
    let output = candidacy(&[
        "review",
        "--name",
        "Dr Ana Ruiz",
        "--role",
        "Dermatologist",
        "--date",
        "2026-11-30",
        "--next-due",
        "2027-11-30",
        &path,
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let written: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let review = &written["review"];
    assert_eq!(review["name"], "Dr Ana Ruiz");
    assert_eq!(review["next_due"], "2027-11-30");
    let keys: Vec<&String> = written.as_object().unwrap().keys().collect();
    assert_eq!(keys[0], "format", "the file keeps its order of fields");
    assert_eq!(keys.last().unwrap().as_str(), "review");

    // The digest is the one anyone can compute with Python's json module.
    let python = Command::new("python3")
        .args([
            "-c",
            "import json,sys,hashlib; p=json.load(open(sys.argv[1])); p.pop('review',None); \
             print(hashlib.sha256(json.dumps(p,sort_keys=True,separators=(',',':'),ensure_ascii=False).encode()).hexdigest())",
            &path,
        ])
        .output()
        .expect("python3 recomputes the digest");
    assert_eq!(text(&python.stdout).trim(), review["sha256"]);

    let stdout = text(&candidacy(&["validate", &path, "--today", "2026-12-01"]).stdout);
    assert!(
        stdout.contains("review: by Dr Ana Ruiz (Dermatologist) on 2026-11-30, matches the content; next due 2027-11-30"),
        "{stdout}"
    );
    assert!(!stdout.contains("warning"), "{stdout}");
    let overdue = text(&candidacy(&["validate", &path, "--today", "2028-01-01"]).stdout);
    assert!(
        overdue.contains("review.next_due: the next review was due on 2027-11-30"),
        "{overdue}"
    );

    // Any edit to the content invalidates the review; its layout does not.
    let mut edited = written.clone();
    edited["windows"]["isotretinoin"]["amount"] = json!(12);
    std::fs::write(&path, serde_json::to_string(&edited).unwrap()).unwrap();
    let output = candidacy(&["validate", "--strict", &path, "--today", "2026-12-01"]);
    let stdout = text(&output.stdout);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout.contains("but the content changed after it"),
        "{stdout}"
    );
    std::fs::write(&path, serde_json::to_string(&written).unwrap()).unwrap();
    let stdout = text(&candidacy(&["validate", &path, "--today", "2026-12-01"]).stdout);
    assert!(
        stdout.contains("matches the content"),
        "compact layout: {stdout}"
    );
}

#[test]
fn review_refuses_an_invalid_protocol_and_asks_who_reviewed() {
    let output = candidacy(&[
        "review",
        "--name",
        "Dr A",
        "--role",
        "MD",
        "tests/broken/several-errors.json",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stdout).contains("an invalid protocol cannot be reviewed"));
    let message = bad_input(&["review", "--role", "MD", "tests/fixtures/minimal.json"]);
    assert!(message.contains("--name is required"), "{message}");
}

#[test]
fn explain_prints_every_rule_with_its_evidence_and_source() {
    let output = candidacy(&["explain"]);
    assert_eq!(output.status.code(), Some(0));
    let stdout = text(&output.stdout);
    for expected in [
        "Review: none. These rules are an unreviewed template.",
        "| question | answer | outcome | wait | evidence | source | references |",
        "| Have you taken isotretinoin for acne? (`isotretinoin`) | Yes, I stopped in the last 6 months (`recent`) | not yet | 6 months from the date given (`isotretinoin`) | drug labelling |",
        "| Do you have a bleeding or clotting disorder, such as haemophilia? (`bleeding`) | Yes (`yes`) | not suitable | — | device instructions for use |",
        "## Where the sources disagree",
        "<https://doi.org/10.1001/jamadermatol.2017.2077>",
    ] {
        assert!(stdout.contains(expected), "missing {expected:?}");
    }
    let spanish = text(&candidacy(&["explain", "--lang", "es"]).stdout);
    assert!(spanish.contains("Sí, lo dejé hace menos de 6 meses"));
}

/// Each shipped treatment through every command, and each of its specs' `not_suitable` rules
/// by name through `assess`: the answers of its cases file's base with one answer changed.
#[test]
fn every_command_works_on_each_treatment_and_names_its_refusals() {
    for name in common::treatments() {
        let rules = common::refusals(name);
        let protocol = format!("static/protocols/{name}.json");
        let cases = format!("examples/cases-{name}.json");

        let output = candidacy(&["validate", &protocol, "--strict"]);
        assert_eq!(output.status.code(), Some(0), "{}", text(&output.stdout));

        let output = candidacy(&["check", &protocol, "--cases", &cases]);
        let stdout = text(&output.stdout);
        assert_eq!(output.status.code(), Some(0), "{stdout}");
        assert!(stdout.trim_end().ends_with(" 0 failed"), "{stdout}");

        for language in ["en", "es", "ar"] {
            let output = candidacy(&["explain", &protocol, "--lang", language]);
            assert_eq!(output.status.code(), Some(0), "{name} {language}");
            assert!(
                !text(&output.stdout).contains("{window:"),
                "{name} {language}"
            );
        }

        let base: Value = serde_json::from_str::<Value>(&std::fs::read_to_string(&cases).unwrap())
            .unwrap()["base"]
            .clone();
        for (rule, question, option) in rules {
            let mut answers = base.clone();
            answers[question] = json!(option);
            let path = temp_file(&format!("{name}-{question}.json"), &answers.to_string());
            let output = candidacy(&[
                "assess",
                "--answers",
                &path,
                "--protocol",
                &protocol,
                "--today",
                "2026-11-21",
            ]);
            assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
            let result: Value = serde_json::from_slice(&output.stdout).unwrap();
            assert_eq!(result["verdict"], "not_suitable", "{name}: {rule}");
            assert_eq!(result["plan"], Value::Null, "{name}: {rule}");
        }
    }
}

#[test]
fn compose_check_finds_the_shipped_treatments_up_to_date() {
    let output = candidacy(&["compose", "--check"]);
    let stdout = text(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert_eq!(stdout.matches(": up to date").count(), 3, "{stdout}");
}
