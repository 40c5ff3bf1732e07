//! The rules of a protocol as tables a clinician reads without JSON: every answer, what it means,
//! how long it waits, how strong the reason is and where it comes from; the waiting and care times;
//! where the sources disagree; the references.
//! `candidacy explain` prints them; they are Markdown, so they read as text and paste into a
//! document.

use std::fmt::Write as _;

use crate::protocol::{CountFrom, Evidence, Outcome, OutcomeKind, Protocol, Reference};
use crate::wording::Locale;

/// A Markdown table cell: one line, no column breaks.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}

fn evidence(kind: Option<Evidence>) -> &'static str {
    kind.map_or("(not given)", Evidence::describe)
}

/// The rules of `protocol`, with its texts in `locale`, under a heading and `review` (a line
/// saying who reviewed the rules, or that nobody has).
pub fn rules(protocol: &Protocol, locale: &Locale, review: &str) -> String {
    let mut out = String::new();
    let mut notes: Vec<(String, String)> = Vec::new();
    let mut references: Vec<Reference> = Vec::new();
    let mut cite = |refs: &'_ [Reference]| -> String {
        let mut numbers = Vec::new();
        for reference in refs {
            let at = match references
                .iter()
                .position(|r| r.citation == reference.citation)
            {
                Some(at) => at,
                None => {
                    references.push(reference.clone());
                    references.len() - 1
                }
            };
            numbers.push(format!("[{}]", at + 1));
        }
        numbers.join(" ")
    };
    let span = |id: &str| {
        protocol
            .window(id)
            .map(|span| locale.span(span))
            .unwrap_or_else(|| format!("(no window \"{id}\")"))
    };

    // How long an outcome holds the visitor back, or which pre-care step it adds.
    let wait = |outcome: &Outcome| match (&outcome.window, outcome.from, &outcome.step) {
        (Some(window), Some(from), _) => format!(
            "{} from {} (`{window}`)",
            span(window),
            match from {
                CountFrom::AnswerDate => "the date given",
                CountFrom::Today => "today",
            }
        ),
        (None, _, _) if outcome.kind == OutcomeKind::NotYet => {
            "no date (until the reason has passed)".to_string()
        }
        (_, _, Some(step)) => match protocol.pre_care_step(step) {
            Some(pre) => format!(
                "pre-care `{step}`: {} before the first session",
                span(&pre.before)
            ),
            None => format!("pre-care `{step}`"),
        },
        _ => "—".to_string(),
    };

    let _ = writeln!(
        out,
        "# {} ({}, version {})\n\n{review}\n",
        locale.render(protocol, &protocol.title),
        protocol.id,
        protocol.version
    );
    out.push_str("## Answers and what they mean\n\n");
    out.push_str("| question | answer | outcome | wait | evidence | source | references |\n");
    out.push_str("|---|---|---|---|---|---|---|\n");
    for question in &protocol.questions {
        let asks = cell(&locale.render(protocol, &question.text));
        for option in &question.options {
            let row = match &option.outcome {
                None => None,
                Some(outcome) => {
                    if let Some(note) = &outcome.note {
                        notes.push((format!("{}: {}", question.id, option.id), note.clone()));
                    }
                    Some([
                        outcome.kind.as_str().replace('_', " "),
                        cell(&wait(outcome)),
                        evidence(outcome.evidence).to_string(),
                        cell(&outcome.source),
                        cite(&outcome.references),
                    ])
                }
            };
            let [kind, wait, evidence, source, references] =
                row.unwrap_or_else(|| ["none", "—", "—", "—", ""].map(String::from));
            let _ = writeln!(
                out,
                "| {asks} (`{}`) | {} (`{}`) | {kind} | {wait} | {evidence} | {source} | {references} |",
                question.id,
                cell(&locale.render(protocol, &option.label)),
                option.id,
            );
        }
    }

    out.push_str("\n## Waiting and care times\n\n");
    out.push_str("| window | length | evidence | source | references |\n");
    out.push_str("|---|---|---|---|---|\n");
    for (id, window) in &protocol.windows {
        let _ = writeln!(
            out,
            "| `{id}` | {} | {} | {} | {} |",
            span(id),
            evidence(window.evidence),
            cell(&window.source),
            cite(&window.references),
        );
        if let Some(note) = &window.note {
            notes.push((format!("window {id}"), note.clone()));
        }
    }

    out.push_str("\n## Before the first session and after each one\n\n");
    out.push_str("| step | when | shown | text | source |\n");
    out.push_str("|---|---|---|---|---|\n");
    for step in &protocol.plan.pre_care {
        let _ = writeln!(
            out,
            "| `{}` | {} before the first session (`{}`) | {} | {} | {} |",
            step.id,
            span(&step.before),
            step.before,
            if step.always {
                "always"
            } else {
                "when an answer names it"
            },
            cell(&locale.render(protocol, &step.text)),
            cell(&step.source),
        );
    }
    for step in &protocol.plan.after_care {
        let _ = writeln!(
            out,
            "| `{}` | for {} after each session (`{}`) | always | {} | {} |",
            step.id,
            span(&step.lasts),
            step.lasts,
            cell(&locale.render(protocol, &step.text)),
            cell(&step.source),
        );
    }

    if !notes.is_empty() {
        out.push_str("\n## Where the sources disagree\n\n");
        for (what, note) in &notes {
            let _ = writeln!(out, "- **{what}**: {note}");
        }
    }
    if !references.is_empty() {
        out.push_str("\n## References\n\n");
        for (i, reference) in references.iter().enumerate() {
            let _ = write!(out, "{}. {}", i + 1, reference.citation);
            if let Some(url) = &reference.url {
                let _ = write!(out, " <{url}>");
            }
            out.push('\n');
        }
    }
    out
}
