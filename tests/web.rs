//! Component tests in headless Chromium (`cargo test --target wasm32-unknown-unknown --test web`):
//! the app mounted on its own, clicked like a visitor would, rendering finished with
//! `yew::scheduler::flush()`.

#![cfg(target_arch = "wasm32")]

use candidacy_quiz::app::{App, AppProps, ProtocolHandle};
use candidacy_quiz::{Date, Protocol};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Every language's words at hand, as the quiz has them once it has loaded them (its wasm
/// carries English only).
fn every_language() {
    use candidacy_quiz::i18n;
    i18n::learn(&i18n::words_json(i18n::LANGUAGES)).unwrap();
}

/// Mounts the app into a fresh element and waits for it to render.
async fn mount(protocol: Protocol, language: Option<&str>) -> HtmlElement {
    every_language();
    let document = gloo::utils::document();
    let root: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&root).unwrap();
    let props = yew::props!(AppProps {
        protocol: ProtocolHandle::new(protocol),
        today: Some(Date::parse("2026-11-21").unwrap()),
        language: language.map(str::to_string),
        browser_integration: false,
    });
    yew::Renderer::<App>::with_root_and_props(root.clone().into(), props).render();
    yew::scheduler::flush().await;
    root
}

fn find(root: &HtmlElement, selector: &str) -> Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
}

fn text_of(root: &HtmlElement, selector: &str) -> String {
    find(root, selector).text_content().unwrap_or_default()
}

async fn click(root: &HtmlElement, selector: &str) {
    find(root, selector).unchecked_into::<HtmlElement>().click();
    yew::scheduler::flush().await;
}

#[wasm_bindgen_test]
async fn intro_renders_the_protocol_texts_and_a_start_button() {
    let root = mount(Protocol::default_protocol(), None).await;
    assert_eq!(text_of(&root, "h1"), "Is microneedling right for you?");
    assert!(text_of(&root, ".privacy").contains("stay on this device"));
    assert!(text_of(&root, ".disclaimer").contains("not medical advice"));
    let start = find(&root, ".intro button");
    assert_eq!(start.text_content().unwrap(), "Start");
    assert_eq!(start.get_attribute("type").as_deref(), Some("button"));
}

#[wasm_bindgen_test]
async fn a_question_is_a_labelled_fieldset_of_native_controls() {
    let root = mount(Protocol::default_protocol(), None).await;
    click(&root, ".intro button").await;
    assert_eq!(text_of(&root, "fieldset legend h1"), "How old are you?");
    assert_eq!(text_of(&root, ".progress-text"), "Health · 1 of 10");
    assert_eq!(
        text_of(&root, "[role=status]"),
        "Health · 1 of 10",
        "announced politely"
    );
    let progress = find(&root, "progress");
    assert_eq!(
        progress.get_attribute("aria-label").as_deref(),
        Some("Question 1 of 20")
    );
    let radios = root
        .query_selector_all("fieldset input[type=radio]")
        .unwrap();
    assert_eq!(radios.length(), 2);
    for i in 0..radios.length() {
        let input: HtmlInputElement = radios.get(i).unwrap().unchecked_into();
        let label = find(&root, &format!("label[for=\"{}\"]", input.id()));
        assert!(!label.text_content().unwrap().is_empty());
    }
}

#[wasm_bindgen_test]
async fn next_without_an_answer_explains_the_problem_on_the_field() {
    let root = mount(Protocol::default_protocol(), None).await;
    click(&root, ".intro button").await;
    click(&root, "button[type=submit]").await;
    let error = find(&root, ".error");
    assert!(error
        .text_content()
        .unwrap()
        .contains("Please choose an answer."));
    let described = find(&root, "fieldset")
        .get_attribute("aria-describedby")
        .unwrap();
    assert!(described.split(' ').any(|id| id == error.id()));
    assert_eq!(
        find(&root, "#opt-age-adult")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );
    click(&root, "#opt-age-adult").await;
    assert!(
        root.query_selector(".error").unwrap().is_none(),
        "cleared by an answer"
    );
    click(&root, "button[type=submit]").await;
    assert_eq!(
        text_of(&root, "h1"),
        "Are you pregnant, trying to get pregnant, or breastfeeding?"
    );
}

#[wasm_bindgen_test]
async fn a_dated_option_shows_its_date_field_and_another_option_removes_it() {
    let root = mount(Protocol::default_protocol(), None).await;
    click(&root, ".intro button").await;
    for option in [
        "#opt-age-adult",
        "#opt-pregnancy-no",
        "#opt-skin_cancer-no",
        "#opt-bleeding-no",
        "#opt-blood_thinners-no",
    ] {
        click(&root, option).await;
        click(&root, "button[type=submit]").await;
    }
    assert!(root.query_selector("#date-isotretinoin").unwrap().is_none());
    click(&root, "#opt-isotretinoin-recent").await;
    let date: HtmlInputElement = find(&root, "#date-isotretinoin").unchecked_into();
    assert_eq!(date.type_(), "date");
    assert_eq!(date.max(), "2026-11-21", "a past date is asked");
    assert_eq!(
        text_of(&root, "label[for=date-isotretinoin]"),
        "When did you take your last dose?"
    );
    click(&root, "#opt-isotretinoin-never").await;
    assert!(root.query_selector("#date-isotretinoin").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn arabic_is_right_to_left_and_translated() {
    let root = mount(Protocol::default_protocol(), Some("ar")).await;
    let quiz = find(&root, ".quiz");
    assert_eq!(quiz.get_attribute("dir").as_deref(), Some("rtl"));
    assert_eq!(quiz.get_attribute("lang").as_deref(), Some("ar"));
    assert_eq!(text_of(&root, ".intro button"), "ابدأ");
    click(&root, ".intro button").await;
    assert_eq!(text_of(&root, "h1"), "كم عمرك؟");
}

#[wasm_bindgen_test]
async fn intro_follows_the_protocol_it_is_given() {
    let json = include_str!("fixtures/minimal.json");
    let root = mount(Protocol::from_json(json).unwrap(), Some("es")).await;
    assert_eq!(text_of(&root, "h1"), "Cuestionario mínimo");
    assert_eq!(text_of(&root, "label[for=language-select]"), "Idioma");
}

#[wasm_bindgen_test]
async fn the_clinic_theme_becomes_custom_properties_on_the_quiz() {
    let json = include_str!("fixtures/minimal.json");
    let root = mount(Protocol::from_json(json).unwrap(), None).await;
    let quiz: HtmlElement = find(&root, ".quiz").unchecked_into();
    let style = quiz.style();
    assert_eq!(
        style.get_property_value("--clinic-brand").unwrap(),
        "#6b2d5c"
    );
    assert_eq!(
        style.get_property_value("--font").unwrap(),
        "Georgia, serif"
    );
    assert_eq!(style.get_property_value("--radius").unwrap(), "4px");
}

#[wasm_bindgen_test]
async fn the_result_shows_the_price_estimate_and_the_clinic_contact() {
    let json = include_str!("fixtures/minimal.json");
    let root = mount(Protocol::from_json(json).unwrap(), None).await;
    click(&root, ".intro button").await;
    for option in [
        "#opt-age-adult",
        "#opt-medicine-never",
        "#opt-recent-none",
        "#opt-concerns-scars",
        "#opt-severity-mild",
        "#opt-areas-face",
        "#opt-areas-neck",
        "#opt-start-asap",
    ] {
        click(&root, option).await;
        if !option.contains("areas-face") {
            click(&root, "button[type=submit]").await;
        }
    }
    assert_eq!(text_of(&root, "h1"), "Check your answers");
    click(&root, ".review button.primary").await;
    let result = text_of(&root, ".result");
    // Face 200 + neck 120 per session, 3 to 4 sessions.
    assert!(
        result.contains("€960") && result.contains("€1,280"),
        "{result}"
    );
    assert!(result.contains("Test Clinic"));
    let book = find(&root, ".clinic a.button");
    assert_eq!(
        book.get_attribute("href").as_deref(),
        Some("https://clinic.example/book")
    );
    assert_eq!(
        find(&root, ".clinic a[href^=tel]")
            .get_attribute("href")
            .as_deref(),
        Some("tel:+15550100")
    );
}

/// Every visitor-facing text of `protocol`.
fn all_texts(protocol: &Protocol) -> Vec<&candidacy_quiz::protocol::Text> {
    let mut texts = vec![
        &protocol.title,
        &protocol.intro,
        &protocol.privacy,
        &protocol.disclaimer,
    ];
    texts.extend(protocol.sections.iter().map(|s| &s.title));
    for question in &protocol.questions {
        texts.push(&question.text);
        texts.extend(&question.hint);
        for option in &question.options {
            texts.push(&option.label);
            texts.extend(option.date.as_ref().map(|d| &d.label));
            texts.extend(option.outcome.as_ref().map(|o| &o.explain));
        }
    }
    texts.extend(protocol.plan.pre_care.iter().map(|s| &s.text));
    texts.extend(protocol.plan.after_care.iter().map(|s| &s.text));
    texts
}

/// The CLI and the prerendered first screen write numbers without a browser; what they write
/// must be what the quiz writes with `Intl`, for any length a clinic may give a window.
#[wasm_bindgen_test]
fn native_numbers_write_what_the_browsers_intl_writes() {
    use candidacy_quiz::app::IntlNumbers;
    use candidacy_quiz::date::{Span, Unit};
    use candidacy_quiz::i18n::{self, NativeNumbers, Numbers, LANGUAGES};
    let amounts = (0..=250).chain([999, 1000, 1001, 9999, 10_000, 12_345, 100_000]);
    for amount in amounts {
        for ui in LANGUAGES {
            let n = i64::from(amount);
            assert_eq!(
                NativeNumbers.number(ui.lang, n),
                IntlNumbers.number(ui.lang, n),
                "{} {n}",
                ui.lang
            );
            assert_eq!(
                NativeNumbers.plural(ui.lang, n),
                IntlNumbers.plural(ui.lang, n),
                "{} {n}",
                ui.lang
            );
            for unit in [Unit::Hours, Unit::Days, Unit::Weeks, Unit::Months] {
                let span = Span { amount, unit };
                assert_eq!(
                    i18n::span(ui, &NativeNumbers, span),
                    i18n::span(ui, &IntlNumbers, span)
                );
            }
        }
    }
    for ui in LANGUAGES {
        assert_eq!(
            NativeNumbers.plural(ui.lang, 1_000_000),
            IntlNumbers.plural(ui.lang, 1_000_000)
        );
    }
}

#[wasm_bindgen_test]
fn every_text_of_the_default_protocol_reads_the_same_in_the_browser_and_the_cli() {
    use candidacy_quiz::app::IntlNumbers;
    use candidacy_quiz::i18n::LANGUAGES;
    use candidacy_quiz::Locale;
    every_language();
    let protocol = Protocol::default_protocol();
    let mut placeholders = 0;
    for text in all_texts(&protocol) {
        for ui in LANGUAGES {
            let browser = Locale {
                lang: ui.lang,
                ui,
                numbers: &IntlNumbers,
            };
            let rendered = browser.render(&protocol, text);
            assert_eq!(rendered, Locale::native(ui.lang).render(&protocol, text));
            assert!(!rendered.contains('{'), "{rendered}");
            placeholders += usize::from(text[ui.lang].contains("{window:"));
        }
    }
    assert!(placeholders >= 30, "{placeholders} texts name a window");
}
