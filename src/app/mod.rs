//! The Yew interface: renders the quiz state and turns events into actions. No clinical rule
//! lives here; everything the visitor is told comes from the protocol and the core.
//!
//! # Implementation Note
//! The root owns the reducer and every side effect (saving progress, browser history, focus,
//! the document's language); screens only read the shared [`Env`] and dispatch [`Action`]s.

pub mod browser;
mod early;
mod embed;
#[cfg(target_arch = "wasm32")]
pub mod fallback;
mod format;
mod intro;
mod language;
#[cfg(target_arch = "wasm32")]
pub mod load;
mod plan;
mod question;
mod result;
mod review;
mod stand_in;
mod state;
mod timeline;

use std::rc::Rc;

use gloo::events::EventListener;
use yew::prelude::*;

use crate::date::Date;
use crate::flow::Step;
use crate::i18n::{self, Ui};
use crate::protocol::Protocol;
use crate::saved::{self, STORAGE_KEY};
use early::EarlyResult;
pub use embed::settings_from_address as embed_settings;
pub use format::IntlNumbers;
use intro::Intro;
use language::LanguageSwitch;
use question::QuestionScreen;
use result::ResultScreen;
use review::Review;
pub use state::{Action, Notice, State, Words};

/// A shared protocol, compared by identity. It changes only when the page's copy in one
/// language gives way to the complete protocol (the visitor chose another language).
#[derive(Clone)]
pub struct ProtocolHandle(pub Rc<Protocol>);

impl ProtocolHandle {
    pub fn new(protocol: Protocol) -> ProtocolHandle {
        ProtocolHandle(Rc::new(protocol))
    }
}

impl PartialEq for ProtocolHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// What every screen reads: the protocol, the visitor's language and today, and the way to act.
#[derive(Clone, PartialEq)]
pub struct Env {
    pub protocol: ProtocolHandle,
    pub words: Words,
    pub today: Date,
    pub dispatch: UseReducerDispatcher<State>,
}

impl Env {
    pub fn ui(&self) -> &'static Ui {
        self.words.0
    }

    /// A callback that turns an event into an action.
    pub fn on<E: 'static>(&self, action: impl Fn(E) -> Action + 'static) -> Callback<E> {
        let dispatch = self.dispatch.clone();
        Callback::from(move |event| dispatch.dispatch(action(event)))
    }

    /// The visitor's language, with the browser's `Intl` for numbers (at build time, when the
    /// first screen is prerendered without a browser, the native numbers that match it).
    pub fn locale(&self) -> crate::Locale<'static> {
        let ui = self.ui();
        crate::Locale {
            lang: ui.lang,
            ui,
            #[cfg(target_arch = "wasm32")]
            numbers: &format::IntlNumbers,
            #[cfg(not(target_arch = "wasm32"))]
            numbers: &crate::i18n::NativeNumbers,
        }
    }

    /// A protocol text in the visitor's language, its placeholders filled in.
    pub fn text(&self, text: &crate::protocol::Text) -> String {
        self.locale().render(&self.protocol.0, text)
    }
}

/// What the app needs from its host page.
#[derive(Properties, PartialEq, Clone)]
pub struct AppProps {
    /// The protocol to run.
    pub protocol: ProtocolHandle,
    /// The date to treat as today; the visitor's local date when not given (tests set it).
    #[prop_or_default]
    pub today: Option<Date>,
    /// A language chosen by the host page (before the page's and the browser's own).
    #[prop_or_default]
    pub language: Option<AttrValue>,
    /// In a clinic's frame: the host page's origin, the only target of the quiz's messages.
    #[prop_or_default]
    pub embed_host: Option<AttrValue>,
    /// In a clinic's frame: the clinic asked for the verdict in `candidacy:complete`.
    #[prop_or_default]
    pub send_result: bool,
    /// Keep progress in `sessionStorage` and the steps in the browser's history (off in tests).
    #[prop_or(true)]
    pub browser_integration: bool,
    /// Start was pressed before the app was ready: open on the first question.
    #[prop_or_default]
    pub started: bool,
    /// The page shows the app's first screen, prerendered: it stands in for the app's own until
    /// the visitor acts on it (src/app/stand_in.rs).
    #[prop_or_default]
    pub prerendered: bool,
    /// Progress to open with (the saved-progress format), before any kept in this tab: a result
    /// handed over from another device, or the studio's preview.
    #[prop_or_default]
    pub resume: Option<AttrValue>,
    /// The address carried a handed-over result that could not be opened: say so.
    #[prop_or_default]
    pub hand_off_failed: bool,
    /// The studio's preview: where to report progress after every change, instead of the
    /// browser's storage. Only in the studio's build: the visitor's quiz does not carry it.
    #[cfg(feature = "studio")]
    #[prop_or_default]
    pub on_progress: Option<Callback<Option<String>>>,
}

/// The language the quiz opens in, of `languages`: an explicit `?lang=` or the host page's
/// setting first, then the language chosen earlier in this tab, then the page's own and the
/// browser's.
fn opening_language(
    languages: &[String],
    host_language: Option<&String>,
    saved_language: Option<&String>,
    integrate: bool,
) -> &'static str {
    let hints = if integrate {
        browser::language_hints()
    } else {
        browser::LanguageHints::default()
    };
    let preferences = hints
        .explicit
        .iter()
        .chain(host_language)
        .chain(saved_language)
        .chain(&hints.page)
        .chain(&hints.browser)
        .map(String::as_str);
    i18n::choose_language(preferences, languages)
}

/// The protocol's languages the quiz can speak now: this copy has their texts (the page carries
/// one language) and the interface's words are at hand.
fn spoken(protocol: &Protocol) -> Vec<String> {
    let mut languages = protocol.languages.clone();
    languages.retain(|lang| protocol.speaks(lang) && i18n::ui(lang).is_some());
    languages
}

/// The language the visitor wants the quiz in, of all the protocol declares: when this copy
/// lacks its texts or the interface its words, the caller loads them before the app starts.
#[cfg(target_arch = "wasm32")]
pub fn wanted_language(protocol: &Protocol, host_language: Option<&String>) -> &'static str {
    let saved_language = browser::storage_get(STORAGE_KEY)
        .as_deref()
        .and_then(saved::language);
    opening_language(
        &protocol.languages,
        host_language,
        saved_language.as_ref(),
        true,
    )
}

/// Whether the quiz, started now, opens exactly as the prerendered page shows it: on its intro,
/// in `lang`, with nothing saved in this tab. Then it can take the page's markup over as it is.
#[cfg(target_arch = "wasm32")]
pub fn opens_as_prerendered(
    protocol: &Protocol,
    host_language: Option<&String>,
    lang: &str,
) -> bool {
    browser::storage_get(STORAGE_KEY).is_none()
        && opening_language(&spoken(protocol), host_language, None, true) == lang
}

#[cfg(target_arch = "wasm32")]
fn load_sources(dispatch: yew::UseReducerDispatcher<State>) {
    wasm_bindgen_futures::spawn_local(async move {
        if let Ok(complete) = load::complete_protocol().await {
            dispatch.dispatch(Action::Completed(Rc::new(complete)));
        }
    });
}

/// Prerendering shows the first screen only.
#[cfg(not(target_arch = "wasm32"))]
fn load_sources(_: yew::UseReducerDispatcher<State>) {}

#[component]
pub fn App(props: &AppProps) -> Html {
    let integrate = props.browser_integration;
    let started = props.started;
    let state = {
        let protocol = Rc::clone(&props.protocol.0);
        let today = props.today.unwrap_or_else(browser::today);
        let host_language = props.language.as_ref().map(|l| l.to_string());
        let resume = props.resume.as_ref().map(|r| r.to_string());
        let hand_off_failed = props.hand_off_failed;
        use_reducer(move || {
            let saved = resume.or_else(|| {
                integrate
                    .then(|| browser::storage_get(STORAGE_KEY))
                    .flatten()
            });
            let saved_language = saved.as_deref().and_then(saved::language);
            let lang = opening_language(
                &spoken(&protocol),
                host_language.as_ref(),
                saved_language.as_ref(),
                integrate,
            );
            let ui = i18n::ui(lang).unwrap_or(&i18n::ENGLISH);
            let mut state = State::new(protocol, today, Words(ui), saved);
            if started {
                state.start();
            }
            if hand_off_failed {
                state.notice = Some(Notice::HandOffFailed);
            }
            state
        })
    };
    let dispatch = state.dispatcher();
    let standing = stand_in::use_stand_in(
        props.prerendered,
        Rc::clone(&state.protocol),
        dispatch.clone(),
    );

    // The browser's Back and Forward buttons move between the quiz's steps.
    {
        let dispatch = dispatch.clone();
        let protocol = Rc::clone(&props.protocol.0);
        use_effect_with((), move |()| {
            let listener = integrate.then(|| {
                EventListener::new(&gloo::utils::window(), "popstate", move |event| {
                    let step = browser::history_key(event)
                        .and_then(|key| Step::from_key(&key, &protocol))
                        .unwrap_or(Step::Intro);
                    dispatch.dispatch(Action::FromHistory(step));
                })
            });
            move || drop(listener)
        });
    }

    // Keep progress and history in step with the state.
    {
        let state = state.clone();
        #[cfg(feature = "studio")]
        let on_progress = props.on_progress.clone();
        use_effect_with(
            (state.quiz.clone(), state.words, state.screen_serial),
            move |_| {
                #[cfg(feature = "studio")]
                if let Some(on_progress) = on_progress {
                    on_progress.emit(state.to_saved());
                }
                if integrate {
                    match state.to_saved() {
                        Some(json) => browser::storage_set(STORAGE_KEY, &json),
                        None => browser::storage_remove(STORAGE_KEY),
                    }
                    let key = state.quiz.step.key(&state.protocol);
                    match state.record {
                        state::Record::Push => browser::history_record(&key, false),
                        state::Record::Replace => browser::history_record(&key, true),
                        state::Record::Nothing => {}
                    }
                }
            },
        );
    }

    // The page's copy of the protocol leaves the rules' sources out (the first screens do not
    // show them): once the visitor has answered the first question, the complete file comes
    // (never before the first question is answerable, so the first load does not grow), and
    // "Why?" has them on the result. Offline, the service worker has it; if it cannot come,
    // "Why?" says so.
    {
        let dispatch = dispatch.clone();
        let past_first = !matches!(state.quiz.step, Step::Intro | Step::Question(0));
        let wanted = integrate && past_first && state.protocol.lacks_sources();
        use_effect_with(wanted, move |wanted| {
            if *wanted {
                load_sources(dispatch);
            }
        });
    }

    // The document speaks the visitor's language, in its direction.
    {
        let ui = state.words.0;
        let title = state
            .protocol
            .text(&state.protocol.title, ui.lang)
            .to_string();
        use_effect_with(state.words, move |_| {
            if integrate {
                browser::set_document_language(ui.lang, ui.dir, &title);
            }
        });
    }

    // In a clinic's frame: say when ready, which question, that the result is reached (with the
    // verdict only when the clinic asked), and the content's height. The early "not suitable"
    // offer says nothing: the events of every journey look alike whatever the answers.
    {
        let host = props.embed_host.clone();
        let send_result = props.send_result;
        let step = state.quiz.step;
        let protocol = Rc::clone(&state.protocol);
        let answers = state.quiz.answers.clone();
        let today = state.today;
        use_effect_with(step, move |step| {
            if let Some(host) = &host {
                let total = protocol.questions.len() + 2;
                let message = match *step {
                    Step::Result => {
                        let assessment = send_result.then(|| {
                            crate::assess(&protocol, &answers, today, &crate::Locale::wordless())
                        });
                        Some(crate::embed::complete_message(assessment.as_ref()))
                    }
                    Step::EarlyResult(_) => None,
                    Step::Intro => Some(crate::embed::step_message(0, total)),
                    Step::Question(n) => Some(crate::embed::step_message(n + 1, total)),
                    Step::Review => Some(crate::embed::step_message(total - 1, total)),
                };
                if let Some(message) = message {
                    embed::post(host, &message);
                }
            }
        });
    }
    {
        let host = props.embed_host.clone();
        use_effect_with((), move |()| {
            let listener = host.map(|host| {
                embed::post(&host, &crate::embed::ready_message());
                EventListener::new(&gloo::utils::window(), "resize", move |_| {
                    embed::post(
                        &host,
                        &crate::embed::height_message(embed::content_height()),
                    );
                })
            });
            move || drop(listener)
        });
    }
    {
        // After every render, the content's height if it changed.
        let host = props.embed_host.clone();
        let last_height = use_mut_ref(|| 0);
        use_effect(move || {
            if let Some(host) = host {
                let height = embed::content_height();
                if *last_height.borrow() != height {
                    *last_height.borrow_mut() = height;
                    embed::post(&host, &crate::embed::height_message(height));
                }
            }
        });
    }

    // The clinic's theme, as custom properties on the quiz (through the CSSOM, which a strict
    // Content-Security-Policy allows, unlike a `style` attribute in the markup): on the
    // prerendered screen while it stands in, then on the app's own.
    let root = use_node_ref();
    {
        let root = root.clone();
        let theme = state.protocol.theme.clone();
        let standing = standing.clone();
        use_effect_with(standing.is_some(), move |_| {
            let element = standing.or_else(|| root.cast::<web_sys::Element>());
            if let (Some(theme), Some(element)) = (theme, element) {
                let style =
                    wasm_bindgen::JsCast::unchecked_into::<web_sys::HtmlElement>(element).style();
                for (name, value) in crate::theme::custom_properties(&theme) {
                    let _ = style.set_property(name, &value);
                }
            }
        });
    }

    // Focus follows the screen: the new heading, or the field a problem is about.
    {
        use_effect_with(state.screen_serial, |serial| {
            if *serial > 0 {
                browser::focus("step-heading");
            }
        });
        let problem = state.problem.clone();
        let protocol = Rc::clone(&state.protocol);
        use_effect_with(state.problem_serial, move |_| {
            if let Some(problem) = problem {
                browser::focus(&question::problem_target(&protocol, &problem));
            }
        });
    }

    if standing.is_some() {
        return Html::default();
    }
    let env = Env {
        protocol: ProtocolHandle(Rc::clone(&state.protocol)),
        words: state.words,
        today: state.today,
        dispatch: dispatch.clone(),
    };
    let ui = state.words.0;
    let notice = state.notice.map(|notice| match notice {
        Notice::Forgotten => ui.forgotten,
        Notice::RestoreFailed => ui.restore_failed,
        Notice::HandOffFailed => ui.handoff_failed,
        Notice::LanguageUnavailable => ui.language_unavailable,
    });
    let step = state.quiz.step;
    // Said politely after the heading the focus moves to: a notice, or where the visitor is.
    let announcement = match (notice, step) {
        (Some(text), _) => text.to_string(),
        (None, Step::Question(n)) => question::progress_text(&env, n).0,
        (None, _) => String::new(),
    };
    let screen = match step {
        Step::Intro => html! { <Intro /> },
        Step::Question(n) => html! {
            <QuestionScreen
                index={n}
                answers={state.quiz.answers.clone()}
                problem={state.problem.clone()}
                editing_from_review={state.quiz.editing_from_review}
            />
        },
        Step::EarlyResult(_) => html! { <EarlyResult /> },
        Step::Review => html! { <Review answers={state.quiz.answers.clone()} /> },
        Step::Result => html! { <ResultScreen answers={state.quiz.answers.clone()} /> },
    };
    let touched = step != Step::Intro || !state.quiz.answers.is_empty();
    let onforget = env.on(|_: MouseEvent| Action::Forget);
    html! {
        <ContextProvider<Env> context={env}>
            <div class="quiz" lang={ui.lang} dir={ui.dir} ref={root}>
                <header class="quiz-bar">
                    <LanguageSwitch />
                </header>
                <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
                    { announcement }
                </div>
                if let Some(text) = notice {
                    <p class="notice" aria-hidden="true">{ text }</p>
                }
                { screen }
                <footer class="quiz-footer">
                    if touched {
                        <button type="button" class="quiet forget" onclick={onforget}>{ ui.forget }</button>
                    }
                    <p class="kept">{ ui.kept_in_tab }</p>
                </footer>
            </div>
        </ContextProvider<Env>>
    }
}
