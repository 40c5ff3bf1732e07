//! The result: a plain headline for the verdict, every reason with the answer behind it, the
//! earliest start, the plan, the clinic's details, and print, calendar and start-again actions.

use yew::prelude::*;

use super::plan::PlanView;
use super::review::answer_text;
use super::{browser, format, Action, Env};
use crate::answers::Answers;
use crate::assess::{assess, Reason, Verdict};
use crate::i18n::{self, fill, Ui};
use crate::ics;
use crate::protocol::{Evidence, OutcomeKind, Reference};
use crate::summary::{fit, Part};

#[derive(Properties, PartialEq)]
pub struct ResultScreenProps {
    pub answers: Answers,
}

fn headline(ui: &Ui, verdict: Verdict) -> (&'static str, &'static str) {
    match verdict {
        Verdict::Suitable => (ui.verdict_suitable, ui.summary_suitable),
        Verdict::Consult => (ui.verdict_consult, ui.summary_consult),
        Verdict::NotYet => (ui.verdict_not_yet, ui.summary_not_yet),
        Verdict::NotSuitable => (ui.verdict_not_suitable, ui.summary_not_suitable),
    }
}

fn kind_label(ui: &Ui, kind: OutcomeKind) -> &'static str {
    match kind {
        OutcomeKind::NotSuitable => ui.kind_not_suitable,
        OutcomeKind::NotYet => ui.kind_not_yet,
        OutcomeKind::Consult => ui.kind_consult,
        OutcomeKind::Prepare => ui.kind_prepare,
        OutcomeKind::Info => ui.kind_info,
    }
}

fn reason_item(env: &Env, answers: &Answers, reason: &Reason) -> Html {
    let ui = env.ui();
    let question = env.protocol.0.question(&reason.question);
    let question_text = question.map(|q| env.text(&q.text)).unwrap_or_default();
    let answer = question
        .zip(answers.get(&reason.question))
        .map(|(q, a)| answer_text(env, q, a))
        .unwrap_or_default();
    html! {
        <li class={classes!("reason", reason.outcome.as_str().replace('_', "-"))}>
            <p class="reason-kind">{ kind_label(ui, reason.outcome) }</p>
            <p class="reason-question">{ question_text.clone() }</p>
            <p class="reason-answer">{ ui.your_answer }{ " " }<strong>{ answer }</strong></p>
            <p>{ reason.explanation.clone() }</p>
            if let (OutcomeKind::NotYet, Some(until)) = (reason.outcome, reason.until) {
                <p class="reason-until">{ fill(ui.until, &[("date", &format::date(ui.lang, until))]) }</p>
            }
            { why(env, reason, &question_text) }
        </li>
    }
}

/// "Why?": the rule's evidence in the visitor's words, its source and references as the clinic
/// wrote them (in the protocol's first language).
fn why(env: &Env, reason: &Reason, question_text: &str) -> Html {
    match reason.rule(&env.protocol.0) {
        Some(rule) => basis(
            env,
            rule.evidence,
            &rule.source,
            &rule.references,
            question_text,
        ),
        None => Html::default(),
    }
}

/// A rule's or a notice's evidence, source and references, folded away under "Why?"; `about`
/// tells a screen reader which one it is.
fn basis(
    env: &Env,
    evidence: Option<Evidence>,
    source: &str,
    references: &[Reference],
    about: &str,
) -> Html {
    let ui = env.ui();
    let written_in = env
        .protocol
        .0
        .languages
        .first()
        .cloned()
        .unwrap_or_default();
    html! {
        <details class="why">
            <summary>{ ui.why }<span class="visually-hidden">{ " " }{ about }</span></summary>
            if let Some(kind) = evidence {
                <p>{ fill(ui.based_on, &[("evidence", i18n::evidence_words(ui, kind))]) }</p>
            }
            if source.is_empty() {
                <p>{ ui.sources_unavailable }</p>
            } else {
                <p>{ ui.source_label }{ " " }<span lang={written_in.clone()}>{ source.to_string() }</span></p>
            }
            if !references.is_empty() {
                <ul class="references" lang={written_in} dir="auto">
                    for reference in references {
                        <li>
                            if let Some(url) = &reference.url {
                                <a href={url.clone()} target="_blank" rel="noopener noreferrer">{ reference.citation.clone() }</a>
                            } else {
                                { reference.citation.clone() }
                            }
                        </li>
                    }
                </ul>
            }
        </details>
    }
}

/// The protocol's notices, shown with every result whatever the answers.
fn notices(env: &Env) -> Html {
    let protocol = &env.protocol.0;
    if protocol.notices.is_empty() {
        return Html::default();
    }
    let ui = env.ui();
    html! {
        <section class="notices" aria-labelledby="notices-heading">
            <h2 id="notices-heading">{ ui.notices_title }</h2>
            for notice in &protocol.notices {
                <div class="notice" key={notice.id.clone()}>
                    <p>{ env.text(&notice.text) }</p>
                    { basis(env, notice.evidence, &notice.source, &notice.references, ui.notices_title) }
                </div>
            }
        </section>
    }
}

/// "Rules reviewed by …": only for a review that covers the protocol's content (one that does not
/// was dropped when the protocol was read).
fn reviewed(env: &Env) -> Html {
    let ui = env.ui();
    let Some(review) = &env.protocol.0.review else {
        return Html::default();
    };
    html! {
        <p class="note reviewed">{ fill(ui.reviewed_by, &[
            ("name", &review.name),
            ("role", &review.role),
            ("date", &format::date(ui.lang, review.date)),
        ]) }</p>
    }
}

#[component]
pub fn ResultScreen(props: &ResultScreenProps) -> Html {
    let env = use_context::<Env>().expect("Env is provided by App");
    let protocol = &env.protocol.0;
    let ui = env.ui();
    let assessment = assess(protocol, &props.answers, env.today, &env.locale());
    let (title, summary) = headline(ui, assessment.verdict);

    let start = match (assessment.verdict, assessment.earliest_start) {
        (Verdict::NotSuitable, _) => Html::default(),
        (_, Some(date)) => html! {
            <p class="earliest">{ fill(ui.earliest_start, &[("date", &format::date(ui.lang, date))]) }</p>
        },
        (_, None) => html! { <p class="earliest">{ ui.no_start_date }</p> },
    };

    let calendar_file = assessment.plan.as_ref().and_then(|plan| {
        let session_title = |n: usize, total: usize| {
            fill(
                ui.calendar_session,
                &[
                    ("n", &format::number(ui.lang, n as i64)),
                    ("total", &format::number(ui.lang, total as i64)),
                ],
            )
        };
        let text = ics::CalendarText {
            calendar_name: ui.calendar_name,
            session_title: &session_title,
            session_description: &env.text(&protocol.disclaimer),
            pre_care_title: ui.pre_care_title,
        };
        ics::calendar(plan, &protocol.id, env.today, &text)
    });
    let oncalendar = calendar_file.map(|contents| {
        Callback::from(move |_: MouseEvent| {
            browser::download("microneedling-plan.ics", "text/calendar", &contents)
        })
    });
    let summary_text = summary_text(&env, &assessment, title, summary);
    let quiz_url = protocol.clinic.as_ref().and_then(|c| c.quiz_url.as_deref());
    let phone_url = browser::address_for_phone(quiz_url).map(|address| {
        let fragment = crate::handoff::encode(&props.answers, protocol, ui.lang);
        format!("{address}#{fragment}")
    });
    let onprint = Callback::from(|_: MouseEvent| browser::print());
    let onrestart = env.on(|_: MouseEvent| Action::Forget);
    let onback = env.on(|_: MouseEvent| Action::Back);

    let clinic = protocol.clinic.as_ref().map(|clinic| {
        html! {
            <section class="clinic" aria-labelledby="clinic-heading">
                <h2 id="clinic-heading">{ ui.contact_title }</h2>
                <p class="clinic-name">{ clinic.name.clone() }</p>
                <ul class="clinic-links">
                    if let Some(phone) = &clinic.phone {
                        <li><a href={format!("tel:{}", phone.replace(' ', ""))}>{ fill(ui.call, &[("phone", phone)]) }</a></li>
                    }
                    if let Some(email) = &clinic.email {
                        <li><a href={format!("mailto:{email}")}>{ fill(ui.email, &[("email", email)]) }</a></li>
                    }
                    if let Some(url) = &clinic.booking_url {
                        <li><a class="button primary" href={url.clone()} target="_blank" rel="noopener noreferrer" onclick={Callback::from(|_: MouseEvent| super::embed::booked())}>{ ui.book }</a></li>
                    }
                </ul>
            </section>
        }
    });

    html! {
        <section class={classes!("screen", "result", assessment.verdict.as_str().replace('_', "-"))} aria-labelledby="step-heading">
            <h1 id="step-heading" tabindex="-1">{ title }</h1>
            <p class="summary">{ summary }</p>
            { start }
            <p class="disclaimer">{ env.text(&protocol.disclaimer) }</p>
            { notices(&env) }
            if !assessment.reasons.is_empty() {
                <section aria-labelledby="reasons-heading">
                    <h2 id="reasons-heading">{ ui.reasons_title }</h2>
                    <ul class="reasons">
                        { for assessment.reasons.iter().map(|r| reason_item(&env, &props.answers, r)) }
                    </ul>
                </section>
            }
            if let Some(plan) = assessment.plan {
                <PlanView {plan} />
            }
            { clinic.unwrap_or_default() }
            { reviewed(&env) }
            <KeepSummary text={summary_text} email={protocol.clinic.as_ref().and_then(|c| c.email.clone())} {phone_url} />
            <div class="actions no-print">
                <button type="button" class="primary" onclick={onprint}>{ ui.print }</button>
                if let Some(oncalendar) = oncalendar {
                    <button type="button" class="secondary" onclick={oncalendar}>{ ui.calendar }</button>
                }
                <button type="button" class="secondary" onclick={onback}>{ ui.back }</button>
                <button type="button" class="secondary" onclick={onrestart}>{ ui.start_again }</button>
            </div>
        </section>
    }
}

/// The result as plain text in the visitor's language, for them to copy, share or email: the
/// verdict, the earliest start, the sessions and their dates, the pre-care steps, the estimate's
/// disclaimer and the clinic (src/summary.rs fits it under 1,500 characters).
fn summary_text(
    env: &Env,
    assessment: &crate::assess::Assessment,
    title: &str,
    summary: &str,
) -> String {
    let ui = env.ui();
    let date = |d| format::date(ui.lang, d);
    let n = |n: i64| format::number(ui.lang, n);
    let mut head = vec![title.to_string(), summary.to_string()];
    match (assessment.verdict, assessment.earliest_start) {
        (Verdict::NotSuitable, _) => {}
        (_, Some(start)) => head.push(fill(ui.earliest_start, &[("date", &date(start))])),
        (_, None) => head.push(ui.no_start_date.to_string()),
    }
    let mut parts = vec![Part {
        lines: head,
        optional: false,
    }];
    if let Some(plan) = assessment.plan.as_ref().filter(|p| p.sessions.max > 0) {
        parts.push(Part {
            lines: vec![
                format!(
                    "{}: {}",
                    ui.sessions_label,
                    format::counted(ui, &ui.sessions, plan.sessions)
                ),
                format!(
                    "{}: {}",
                    ui.interval_label,
                    fill(
                        ui.every,
                        &[("span", &format::counted(ui, &ui.weeks, plan.interval_weeks))]
                    )
                ),
            ],
            optional: false,
        });
        let sessions = plan.dates.iter().enumerate().map(|(i, d)| {
            format!(
                "{}: {}",
                fill(ui.session_n, &[("n", &n(i as i64 + 1))]),
                date(*d)
            )
        });
        parts.push(Part {
            lines: sessions.collect(),
            optional: true,
        });
        if !plan.pre_care.is_empty() {
            let steps = plan.pre_care.iter().map(|step| match step.date {
                Some(from) => format!(
                    "- {} ({})",
                    step.text,
                    fill(ui.from_date, &[("date", &date(from))])
                ),
                None => format!("- {}", step.text),
            });
            parts.push(Part {
                lines: std::iter::once(format!("{}:", ui.pre_care_title))
                    .chain(steps)
                    .collect(),
                optional: true,
            });
        }
    }
    let protocol = &env.protocol.0;
    let mut end = vec![env.text(&protocol.disclaimer)];
    if let Some(clinic) = &protocol.clinic {
        end.push(
            [
                Some(clinic.name.as_str()),
                clinic.phone.as_deref(),
                clinic.booking_url.as_deref(),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · "),
        );
    }
    parts.push(Part {
        lines: end,
        optional: false,
    });
    fit(parts, "…")
}

#[derive(Properties, PartialEq)]
struct KeepSummaryProps {
    text: String,
    /// The clinic's address, for the email (the visitor may change it in their mail program).
    email: Option<String>,
    /// The link that opens this result on the visitor's phone (none from a file without the
    /// clinic's `quiz_url`).
    phone_url: Option<String>,
}

/// Copy, the share sheet, an email and a QR code for the visitor's phone, each started by the
/// visitor, each saying so (and showing the text) when the browser refuses; the quiz itself
/// sends nothing.
#[component]
fn KeepSummary(props: &KeepSummaryProps) -> Html {
    let env = use_context::<Env>().expect("Env is provided by App");
    let ui = env.ui();
    // What the last action said; any message but "copied" shows the text with the email link.
    let note = use_state(|| None::<&'static str>);
    let shown = note.is_some_and(|said| said != ui.copied);
    // Copy and share: one way, the share sheet or the clipboard; refused, the text is shown.
    let pass_on = |share: bool| {
        let (text, note) = (props.text.clone(), note.clone());
        Callback::from(move |_: MouseEvent| {
            let (text, note) = (text.clone(), note.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let done = browser::pass_on(share, ui.mail_subject, &text).await;
                note.set(match (done, share) {
                    (false, _) => Some(ui.copy_refused),
                    (true, false) => Some(ui.copied),
                    (true, true) => None,
                });
            });
        })
    };
    let oncopy = pass_on(false);
    let onshare = browser::can_share().then(|| pass_on(true));
    let onemail = {
        let note = note.clone();
        Callback::from(move |_: MouseEvent| note.set(Some(ui.email_shown)))
    };
    // "Open on my phone": the QR code of a link that opens this result on the visitor's phone,
    // made when asked for (its encoder is fetched then); a new link (an answer or the language
    // changed) needs a new code.
    let code = use_state(|| Code::Hidden);
    {
        let code = code.clone();
        use_effect_with(props.phone_url.clone(), move |_| code.set(Code::Hidden));
    }
    let onphone = {
        let (code, url) = (code.clone(), props.phone_url.clone().unwrap_or_default());
        Callback::from(move |_: MouseEvent| {
            if *code != Code::Hidden {
                return code.set(Code::Hidden);
            }
            code.set(Code::Loading);
            let (code, url) = (code.clone(), url.clone());
            wasm_bindgen_futures::spawn_local(async move {
                code.set(match browser::qr_drawing(&url).await {
                    Some(drawing) => Code::Shown(std::rc::Rc::new(drawing)),
                    None => Code::Unavailable,
                });
            });
        })
    };
    let open = *code != Code::Hidden;
    let mailto = browser::mailto(
        props.email.as_deref().unwrap_or(""),
        ui.mail_subject,
        &props.text,
    );
    html! {
        <section class="keep no-print" aria-label={ui.copy_summary}>
            <div class="actions">
                <button type="button" class="secondary" onclick={oncopy}>{ ui.copy_summary }</button>
                if let Some(onshare) = onshare {
                    <button type="button" class="secondary" onclick={onshare}>{ ui.share }</button>
                }
                <button type="button" class="secondary" onclick={onemail} aria-expanded={shown.to_string()}
                    aria-controls={shown.then_some("summary-text")}>{ ui.email_summary }</button>
            </div>
            <p class="keep-status" role="status">{ note.unwrap_or_default() }</p>
            if shown {
                <label class="visually-hidden" for="summary-text">{ ui.copy_summary }</label>
                <textarea id="summary-text" class="summary-text" readonly=true rows="10" value={props.text.clone()} />
                <p><a class="button primary" href={mailto}>{ ui.open_mail }</a></p>
            }
            if props.phone_url.is_some() {
                <div class="phone">
                    <button type="button" class="secondary" onclick={onphone} aria-expanded={open.to_string()}
                        aria-controls={open.then_some("phone-code")}>{ ui.phone_show }</button>
                    <div id="phone-code" role="status">
                        if let Code::Shown(drawing) = &*code {
                            <figure class="phone-code">
                                <svg viewBox={format!("-4 -4 {0} {0}", drawing.width + 8)} role="img"
                                    aria-labelledby="phone-code-title" shape-rendering="crispEdges">
                                    <title id="phone-code-title">{ ui.phone_code }</title>
                                    // Four modules of quiet zone, dark on white in any colour scheme.
                                    <rect x="-4" y="-4" width="100%" height="100%" fill="#fff" />
                                    <path d={drawing.path.clone()} fill="#000" />
                                </svg>
                                <figcaption>{ ui.phone_help }</figcaption>
                            </figure>
                        } else if *code == Code::Unavailable {
                            <p>{ ui.phone_unavailable }</p>
                        }
                    </div>
                </div>
            }
        </section>
    }
}

/// What "Open on my phone" shows.
#[derive(Clone, PartialEq)]
enum Code {
    Hidden,
    Loading,
    Shown(std::rc::Rc<crate::qr::Drawing>),
    Unavailable,
}
