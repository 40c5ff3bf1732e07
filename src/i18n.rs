//! The interface's own words in English, Spanish and Arabic (the protocol carries its own texts).
//!
//! Templates name their blanks (`{date}`, `{n}`); numbers are written and plural forms chosen
//! by a [`Numbers`]: in the browser, its `Intl` (`app::format`); at build time and in the CLI,
//! where there is no `Intl`, [`NativeNumbers`], which writes the interface's three languages the
//! way `Intl` does (a browser test compares the two for every window a protocol may set).

use crate::date::{Span, Unit};
use crate::protocol::{Evidence, Range};

/// A CLDR plural category, as `Intl.PluralRules.select` names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Plural {
    Zero,
    One,
    Two,
    Few,
    Many,
    Other,
}

impl Plural {
    pub fn from_cldr(name: &str) -> Plural {
        match name {
            "zero" => Plural::Zero,
            "one" => Plural::One,
            "two" => Plural::Two,
            "few" => Plural::Few,
            "many" => Plural::Many,
            _ => Plural::Other,
        }
    }
}

/// The forms of a counted word, `{n}` standing for the number. Missing categories use `other`.
/// Durations always follow a preposition in the templates ("for", "every", "after"), so the
/// Arabic duals of units are in the genitive (أسبوعين, not أسبوعان).
#[derive(Clone, Copy, Debug)]
pub struct Forms {
    pub one: &'static str,
    pub two: Option<&'static str>,
    pub few: Option<&'static str>,
    pub many: Option<&'static str>,
    pub other: &'static str,
}

impl Forms {
    /// The form for `category`. For a range ("4–6") only forms with a `{n}` fit, so a form that
    /// spells its number out (Arabic "جلستان", two sessions) gives way to `other`.
    pub fn pick(&self, category: Plural, range: bool) -> &'static str {
        let form = match category {
            Plural::One => Some(self.one),
            Plural::Two => self.two,
            Plural::Few => self.few,
            Plural::Many => self.many,
            Plural::Zero | Plural::Other => None,
        }
        .unwrap_or(self.other);
        if range && !form.contains("{n}") {
            self.other
        } else {
            form
        }
    }
}

/// How numbers are written and which plural form a count takes, in a language.
pub trait Numbers {
    /// `n` in the language's digits and grouping ("1,000", "10.000").
    fn number(&self, lang: &str, n: i64) -> String;
    /// The CLDR plural category of `n`.
    fn plural(&self, lang: &str, n: i64) -> Plural;
    /// A whole amount of money in `currency` (ISO 4217).
    fn money(&self, lang: &str, currency: &str, amount: i64) -> String;
}

/// [`Numbers`] without a browser, for English, Spanish and Arabic as CLDR (and so `Intl`) writes
/// them; other languages get Western digits without grouping and the plural `other`. Money is
/// the amount and the currency's code ("250 EUR"): the currency symbols and their placement are
/// left to the browser.
pub struct NativeNumbers;

impl Numbers for NativeNumbers {
    fn number(&self, lang: &str, n: i64) -> String {
        let digits = n.unsigned_abs().to_string();
        // Since CLDR 46, `ar` without a region writes Western digits, as Chromium's `Intl`
        // does; the browser test that compares the two would catch a change.
        let (separator, least) = match primary(lang).as_str() {
            "en" | "ar" => (',', 4),
            // Spanish groups only from five digits on ("1000", "10.000").
            "es" => ('.', 5),
            _ => (',', usize::MAX),
        };
        let mut out = String::new();
        if n < 0 {
            out.push('-');
        }
        for (i, digit) in digits.chars().enumerate() {
            if i > 0 && digits.len() >= least && (digits.len() - i) % 3 == 0 {
                out.push(separator);
            }
            out.push(digit);
        }
        out
    }

    fn plural(&self, lang: &str, n: i64) -> Plural {
        let n = n.unsigned_abs();
        match (primary(lang).as_str(), n, n % 100) {
            ("en" | "es", 1, _) => Plural::One,
            ("es", _, _) if n != 0 && n % 1_000_000 == 0 => Plural::Many,
            ("ar", 0, _) => Plural::Zero,
            ("ar", 1, _) => Plural::One,
            ("ar", 2, _) => Plural::Two,
            ("ar", _, 3..=10) => Plural::Few,
            ("ar", _, 11..=99) => Plural::Many,
            _ => Plural::Other,
        }
    }

    fn money(&self, lang: &str, currency: &str, amount: i64) -> String {
        format!("{} {currency}", self.number(lang, amount))
    }
}

fn primary(lang: &str) -> String {
    lang.split(['-', '_'])
        .next()
        .unwrap_or(lang)
        .to_ascii_lowercase()
}

/// "3 days", "4–6 weeks": the range's upper end chooses the plural form.
pub fn counted(ui: &Ui, numbers: &dyn Numbers, forms: &Forms, range: Range) -> String {
    let lang = ui.lang;
    let (text, is_range) = if range.min == range.max {
        (numbers.number(lang, range.max), false)
    } else {
        (
            format!(
                "{}–{}",
                numbers.number(lang, range.min),
                numbers.number(lang, range.max)
            ),
            true,
        )
    };
    fill(
        forms.pick(numbers.plural(lang, range.max), is_range),
        &[("n", &text)],
    )
}

/// The words for counting `unit`.
pub fn unit_forms(ui: &Ui, unit: Unit) -> &Forms {
    match unit {
        Unit::Hours => &ui.hours,
        Unit::Days => &ui.days,
        Unit::Weeks => &ui.weeks,
        Unit::Months => &ui.months,
    }
}

/// A window's length: "6 months", "6 meses", "6 أشهر".
pub fn span(ui: &Ui, numbers: &dyn Numbers, span: Span) -> String {
    let n = i64::from(span.amount);
    counted(
        ui,
        numbers,
        unit_forms(ui, span.unit),
        Range { min: n, max: n },
    )
}

/// Fills `{name}` blanks in `template`.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut text = template.to_string();
    for (name, value) in values {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

/// Declares [`Ui`] and the walks over its words in declaration order ([`Ui::each_word`]), by
/// which a language's words travel as a JSON list (`words_json`, `words_from_json`): the quiz's
/// first load carries English and the page's language, the others come when asked for.
macro_rules! interface_words {
    ($(#[$meta:meta])* pub struct Ui { $($(#[$doc:meta])* pub $field:ident: $ty:ty,)+ }) => {
        $(#[$meta])*
        pub struct Ui { $($(#[$doc])* pub $field: $ty,)+ }

        impl Ui {
            /// Shows `visit` every word, in declaration order. Not inlined: one walk, called
            /// through `visit`'s table (the quiz's wasm is a few KB smaller).
            #[inline(never)]
            pub fn each_word(&mut self, visit: &mut dyn Visit) {
                $(EachWord::each(&mut self.$field, visit);)+
            }
        }
    };
}

/// What walks a language's words ([`Ui::each_word`]).
pub trait Visit {
    fn word(&mut self, word: &mut &'static str);
    /// A plural form a language may leave out.
    fn optional(&mut self, word: &mut Option<&'static str>);
}

trait EachWord {
    fn each(&mut self, visit: &mut dyn Visit);
}

impl EachWord for &'static str {
    fn each(&mut self, visit: &mut dyn Visit) {
        visit.word(self);
    }
}

impl<const N: usize> EachWord for [&'static str; N] {
    fn each(&mut self, visit: &mut dyn Visit) {
        for word in self {
            visit.word(word);
        }
    }
}

impl EachWord for Forms {
    fn each(&mut self, visit: &mut dyn Visit) {
        visit.word(&mut self.one);
        visit.optional(&mut self.two);
        visit.optional(&mut self.few);
        visit.optional(&mut self.many);
        visit.word(&mut self.other);
    }
}

interface_words! {
/// Every word of the interface in one language.
#[derive(Clone, Copy, Debug)]
pub struct Ui {
    pub lang: &'static str,
    /// `ltr` or `rtl`.
    pub dir: &'static str,
    /// The language's own name, for the switcher.
    pub name: &'static str,
    pub language_label: &'static str,

    pub start: &'static str,
    /// Shown when Start is pressed on the page's first screen before the app is ready.
    pub starting: &'static str,
    /// …and when that has taken long.
    pub starting_slow: &'static str,
    pub next: &'static str,
    pub back: &'static str,
    pub save_and_review: &'static str,
    pub progress: &'static str,
    pub progress_overall: &'static str,
    pub choose_all_that_apply: &'static str,
    pub date_hint_past: &'static str,
    pub date_hint_future: &'static str,

    pub required_single: &'static str,
    pub required_multi: &'static str,
    pub exclusive: &'static str,
    pub date_required: &'static str,
    pub date_unreadable: &'static str,
    pub date_in_future: &'static str,
    pub date_passed: &'static str,
    pub date_outside_band: &'static str,
    pub date_outside_band_choose: &'static str,

    pub early_title: &'static str,
    pub early_text: &'static str,
    pub see_result_now: &'static str,
    pub continue_questions: &'static str,

    pub review_title: &'static str,
    pub review_intro: &'static str,
    pub change: &'static str,
    pub see_result: &'static str,
    pub not_answered: &'static str,

    pub verdict_suitable: &'static str,
    pub verdict_consult: &'static str,
    pub verdict_not_yet: &'static str,
    pub verdict_not_suitable: &'static str,
    pub summary_suitable: &'static str,
    pub summary_consult: &'static str,
    pub summary_not_yet: &'static str,
    pub summary_not_suitable: &'static str,

    pub reasons_title: &'static str,
    pub notices_title: &'static str,
    pub your_answer: &'static str,
    pub kind_not_suitable: &'static str,
    pub kind_not_yet: &'static str,
    pub kind_consult: &'static str,
    pub kind_prepare: &'static str,
    pub kind_info: &'static str,
    pub until: &'static str,
    pub earliest_start: &'static str,
    pub no_start_date: &'static str,

    pub plan_title: &'static str,
    pub after_consultation: &'static str,
    pub sessions_label: &'static str,
    pub interval_label: &'static str,
    pub every: &'static str,
    pub schedule_title: &'static str,
    pub schedule_note: &'static str,
    pub weeks_note: &'static str,
    pub session_n: &'static str,
    pub week_n: &'static str,
    pub no_sessions: &'static str,
    pub results_title: &'static str,
    pub first_visible: &'static str,
    pub between: &'static str,
    pub full_result: &'static str,
    pub collagen: &'static str,
    pub maintenance: &'static str,
    pub visit_title: &'static str,
    pub visit_treatment: &'static str,
    pub visit_numbing: &'static str,
    pub visit_total: &'static str,
    pub pre_care_title: &'static str,
    pub from_date: &'static str,
    pub before_first: &'static str,
    pub after_care_title: &'static str,
    pub for_span: &'static str,
    pub price_title: &'static str,
    pub price_value: &'static str,
    pub price_unpriced: &'static str,
    pub contact_title: &'static str,
    pub call: &'static str,
    pub email: &'static str,
    pub book: &'static str,

    pub print: &'static str,
    /// Keeping and passing on the result (the visitor's own acts; the quiz sends nothing).
    pub copy_summary: &'static str,
    pub copied: &'static str,
    pub copy_refused: &'static str,
    pub share: &'static str,
    pub email_summary: &'static str,
    pub email_shown: &'static str,
    pub open_mail: &'static str,
    pub mail_subject: &'static str,
    /// The result on the visitor's own phone, by a QR code of a link carrying the answers.
    pub phone_show: &'static str,
    pub phone_help: &'static str,
    pub phone_code: &'static str,
    pub phone_unavailable: &'static str,
    /// A hand-off link whose answers could not be opened.
    pub handoff_failed: &'static str,
    /// The plan's timeline (src/app/timeline.rs).
    pub timeline_title: &'static str,
    pub timeline_alt: &'static str,
    pub today: &'static str,
    pub pre_care_begins: &'static str,
    pub first_change: &'static str,
    pub full_result_label: &'static str,
    pub before_session_1: &'static str,
    pub after_session_1: &'static str,
    pub after_last_session: &'static str,
    pub calendar: &'static str,
    pub calendar_name: &'static str,
    pub calendar_session: &'static str,
    pub forget: &'static str,
    pub forgotten: &'static str,
    pub start_again: &'static str,
    pub restore_failed: &'static str,
    /// A language chosen in the switcher could not be loaded.
    pub language_unavailable: &'static str,
    pub kept_in_tab: &'static str,

    /// Opens a reason's source.
    pub why: &'static str,
    pub based_on: &'static str,
    pub source_label: &'static str,
    /// In place of a rule's source when the complete protocol, which carries the sources, could
    /// not be loaded (the page's copy leaves them out).
    pub sources_unavailable: &'static str,
    /// Each evidence kind in plain words, in the order of [`Evidence::ALL`].
    pub evidence: [&'static str; 9],
    /// Shown only when the protocol's review covers its content.
    pub reviewed_by: &'static str,

    pub sessions: Forms,
    pub minutes: Forms,
    pub hours: Forms,
    pub days: Forms,
    pub weeks: Forms,
    pub months: Forms,
}
}

pub const ENGLISH: Ui = Ui {
    lang: "en",
    dir: "ltr",
    name: "English",
    language_label: "Language",
    start: "Start",
    starting: "Opening the quiz…",
    starting_slow: "This is taking longer than usual. If the quiz doesn't open, check your connection or contact the clinic.",
    next: "Next",
    back: "Back",
    save_and_review: "Save and go back to my answers",
    progress: "{section} · {n} of {total}",
    progress_overall: "Question {n} of {total}",
    choose_all_that_apply: "Choose all that apply.",
    date_hint_past: "If you don't know the exact day, give your best guess.",
    date_hint_future: "Choose today or a later date.",
    required_single: "Please choose an answer.",
    required_multi: "Please choose at least one answer.",
    exclusive: "“{option}” can't be chosen together with other answers. Please untick one of them.",
    date_required: "Please enter the date.",
    date_unreadable: "This date doesn't exist or isn't complete. Please check the day, month and year.",
    date_in_future: "This date is in the future. Please enter a date no later than today, {today}.",
    date_passed: "This date has already passed. Please choose today, {today}, or a later date.",
    date_outside_band: "This date does not fit the answer you chose. Please check it.",
    date_outside_band_choose: "This date does not fit the answer you chose. Please check it, or choose “{option}”.",
    early_title: "Microneedling is not recommended for you",
    early_text: "Because of your answer, microneedling would not be safe for you. You can see your result now, or answer the rest of the questions.",
    see_result_now: "See my result now",
    continue_questions: "Answer the other questions",
    review_title: "Check your answers",
    review_intro: "You can change any answer before you see your result.",
    change: "Change",
    see_result: "See my result",
    not_answered: "Not answered",
    verdict_suitable: "Microneedling could be right for you",
    verdict_consult: "Microneedling may suit you, after a consultation",
    verdict_not_yet: "Not yet, but maybe later",
    verdict_not_suitable: "Microneedling is not recommended for you",
    summary_suitable: "Nothing in your answers rules it out. A clinician will confirm this at your consultation.",
    summary_consult: "Some of your answers need a clinician's review before you book. The plan below applies after that consultation.",
    summary_not_yet: "Something in your answers means you should wait before you start. See why below.",
    summary_not_suitable: "Because of your answers, microneedling would not be safe for you. A doctor can talk with you about other options.",
    reasons_title: "What your answers mean",
    notices_title: "Important to know",
    your_answer: "Your answer:",
    kind_not_suitable: "Not recommended",
    kind_not_yet: "Wait",
    kind_consult: "Talk to a clinician",
    kind_prepare: "Prepare",
    kind_info: "Good to know",
    until: "Until {date}",
    earliest_start: "Earliest start: {date}",
    no_start_date: "We can't give a start date yet. Once the reason to wait has passed, take the quiz again or contact the clinic.",
    plan_title: "Your estimated plan",
    after_consultation: "After your consultation",
    sessions_label: "Sessions",
    interval_label: "Time between sessions",
    every: "Every {span}",
    schedule_title: "Session dates",
    schedule_note: "Planned at the shortest gap. The clinic will confirm each date.",
    weeks_note: "We can't give dates yet, so the plan counts weeks from your first session.",
    session_n: "Session {n}",
    week_n: "Week {n}",
    no_sessions: "None of the goals you chose are treated with microneedling here.",
    results_title: "When to expect results",
    first_visible: "First visible change: {span} after the first session",
    between: "between {from} and {to}",
    full_result: "Full result: {span} after the last session",
    collagen: "Collagen keeps building for up to {span}.",
    maintenance: "To keep the result: one session every {span}.",
    visit_title: "Each visit",
    visit_treatment: "About {span} of treatment.",
    visit_numbing: "For the face, numbing cream goes on {span} before.",
    visit_total: "Plan on {span} at the clinic.",
    pre_care_title: "Before your first session",
    from_date: "From {date}",
    before_first: "{span} before",
    after_care_title: "After each session",
    for_span: "For {span}",
    price_title: "Estimated cost",
    price_value: "{min} to {max} for the whole course",
    price_unpriced: "Ask the clinic about the price for: {areas}.",
    contact_title: "Contact the clinic",
    call: "Call {phone}",
    email: "Email {email}",
    book: "Book a consultation",
    print: "Print or save as PDF",
    copy_summary: "Copy the summary",
    copied: "The summary is copied. Paste it wherever you like.",
    copy_refused: "Not done. The summary is below: select it and copy it.",
    share: "Share…",
    email_summary: "Email the summary",
    email_shown: "Your email program will open with this text. Nothing is sent until you send it.",
    open_mail: "Open my email program",
    mail_subject: "My microneedling estimate",
    phone_show: "Open on my phone",
    phone_help: "Scan this code with your phone's camera to open this result there. Your answers travel inside the code's link, after the #, which browsers never send to a website; anyone who scans it can see them.",
    phone_code: "QR code that opens this result on your phone",
    phone_unavailable: "The code can't be made right now (you may be offline). Please try again later.",
    handoff_failed: "The link couldn't open those answers (it is damaged, from an older version of this quiz, or for different questions), so the quiz starts fresh.",
    timeline_title: "Your plan at a glance",
    timeline_alt: "Your plan at a glance, from today to the full result. The same dates are in the lists below.",
    today: "Today",
    pre_care_begins: "Pre-care begins",
    first_change: "First visible change",
    full_result_label: "Full result",
    before_session_1: "{span} before session 1",
    after_session_1: "{span} after session 1",
    after_last_session: "{span} after the last session",
    calendar: "Add to calendar",
    calendar_name: "Microneedling plan",
    calendar_session: "Microneedling session {n} of {total} (estimate)",
    forget: "Forget my answers",
    forgotten: "Your answers have been cleared.",
    start_again: "Start again",
    restore_failed: "We couldn't restore your earlier answers, so the quiz starts fresh.",
    language_unavailable: "That language can't be loaded right now (you may be offline), so the quiz stays in English.",
    kept_in_tab: "Your answers are kept only in this browser tab, until you close it.",
    why: "Why?",
    based_on: "Based on: {evidence}.",
    source_label: "Source:",
    sources_unavailable: "The sources for this could not be loaded just now. Open the quiz again later, or ask the clinic for them.",
    evidence: [
        "the instructions for use of the treatment device",
        "the medicine's official label",
        "a health regulator's communication",
        "a systematic review of published studies",
        "an agreed statement by experts",
        "an agreed statement by experts in another field of medicine",
        "a clinical study",
        "a review article by experts",
        "this clinic's own policy",
    ],
    reviewed_by: "Rules reviewed by {name} ({role}) on {date}.",
    sessions: Forms {
        one: "{n} session",
        two: None,
        few: None,
        many: None,
        other: "{n} sessions",
    },
    minutes: Forms {
        one: "{n} minute",
        two: None,
        few: None,
        many: None,
        other: "{n} minutes",
    },
    hours: Forms {
        one: "{n} hour",
        two: None,
        few: None,
        many: None,
        other: "{n} hours",
    },
    days: Forms {
        one: "{n} day",
        two: None,
        few: None,
        many: None,
        other: "{n} days",
    },
    weeks: Forms {
        one: "{n} week",
        two: None,
        few: None,
        many: None,
        other: "{n} weeks",
    },
    months: Forms {
        one: "{n} month",
        two: None,
        few: None,
        many: None,
        other: "{n} months",
    },
};

pub const SPANISH: Ui = Ui {
    lang: "es",
    dir: "ltr",
    name: "Español",
    language_label: "Idioma",
    start: "Empezar",
    starting: "Abriendo el cuestionario…",
    starting_slow: "Está tardando más de lo habitual. Si el cuestionario no se abre, compruebe su conexión o contacte con la clínica.",
    next: "Siguiente",
    back: "Atrás",
    save_and_review: "Guardar y volver a mis respuestas",
    progress: "{section} · {n} de {total}",
    progress_overall: "Pregunta {n} de {total}",
    choose_all_that_apply: "Marque todas las que correspondan.",
    date_hint_past: "Si no recuerda el día exacto, indique una fecha aproximada.",
    date_hint_future: "Elija hoy o una fecha posterior.",
    required_single: "Elija una respuesta.",
    required_multi: "Elija al menos una respuesta.",
    exclusive: "«{option}» no se puede marcar junto con otras respuestas. Desmarque una de ellas.",
    date_required: "Indique la fecha.",
    date_unreadable: "Esta fecha no existe o está incompleta. Revise el día, el mes y el año.",
    date_in_future: "Esta fecha todavía no ha llegado. Indique una fecha que no sea posterior a hoy, {today}.",
    date_passed: "Esta fecha ya ha pasado. Elija hoy, {today}, o una fecha posterior.",
    date_outside_band: "Esta fecha no corresponde a la respuesta elegida. Compruébela, por favor.",
    date_outside_band_choose: "Esta fecha no corresponde a la respuesta elegida. Compruébela o elija «{option}».",
    early_title: "No le recomendamos el microneedling",
    early_text: "Por su respuesta, el microneedling no sería seguro para usted. Puede ver su resultado ahora o responder el resto de las preguntas.",
    see_result_now: "Ver mi resultado ahora",
    continue_questions: "Responder las demás preguntas",
    review_title: "Revise sus respuestas",
    review_intro: "Puede cambiar cualquier respuesta antes de ver su resultado.",
    change: "Cambiar",
    see_result: "Ver mi resultado",
    not_answered: "Sin responder",
    verdict_suitable: "El microneedling podría ser adecuado para usted",
    verdict_consult: "El microneedling podría ser adecuado para usted, tras una consulta",
    verdict_not_yet: "Todavía no, pero quizá más adelante",
    verdict_not_suitable: "No le recomendamos el microneedling",
    summary_suitable: "Nada de lo que ha respondido lo descarta. Un profesional lo confirmará en la consulta.",
    summary_consult: "Algunas respuestas necesitan la valoración de un profesional antes de reservar. El plan que verá abajo se aplica después de esa consulta.",
    summary_not_yet: "Algo de lo que ha respondido indica que conviene esperar antes de empezar. Abajo le explicamos por qué.",
    summary_not_suitable: "Por sus respuestas, el microneedling no sería seguro para usted. Un médico puede hablarle de otras opciones.",
    reasons_title: "Qué significan sus respuestas",
    notices_title: "Importante",
    your_answer: "Su respuesta:",
    kind_not_suitable: "No recomendado",
    kind_not_yet: "Esperar",
    kind_consult: "Consultar con un profesional",
    kind_prepare: "Prepararse",
    kind_info: "Conviene saber",
    until: "Hasta el {date}",
    earliest_start: "Inicio más temprano: {date}",
    no_start_date: "Todavía no podemos darle una fecha de inicio. Cuando ya no tenga motivo para esperar, vuelva a hacer el cuestionario o contacte con la clínica.",
    plan_title: "Su plan estimado",
    after_consultation: "Después de su consulta",
    sessions_label: "Sesiones",
    interval_label: "Tiempo entre sesiones",
    every: "Cada {span}",
    schedule_title: "Fechas de las sesiones",
    schedule_note: "Calculadas con la separación más corta. La clínica confirmará cada fecha.",
    weeks_note: "Aún no podemos darle fechas, así que el plan cuenta las semanas desde su primera sesión.",
    session_n: "Sesión {n}",
    week_n: "Semana {n}",
    no_sessions: "Ninguno de los objetivos que eligió se trata aquí con microneedling.",
    results_title: "Cuándo esperar resultados",
    first_visible: "Primer cambio visible: {span} después de la primera sesión",
    between: "entre el {from} y el {to}",
    full_result: "Resultado completo: {span} después de la última sesión",
    collagen: "El colágeno sigue formándose durante un máximo de {span}.",
    maintenance: "Para mantener el resultado: una sesión cada {span}.",
    visit_title: "Cada visita",
    visit_treatment: "Unos {span} de tratamiento.",
    visit_numbing: "En la cara, la crema anestésica se aplica {span} antes.",
    visit_total: "Cuente con pasar {span} en la clínica.",
    pre_care_title: "Antes de su primera sesión",
    from_date: "Desde el {date}",
    before_first: "{span} antes",
    after_care_title: "Después de cada sesión",
    for_span: "Durante {span}",
    price_title: "Coste estimado",
    price_value: "De {min} a {max} por el tratamiento completo",
    price_unpriced: "Pregunte a la clínica el precio de: {areas}.",
    contact_title: "Contactar con la clínica",
    call: "Llamar al {phone}",
    email: "Escribir a {email}",
    book: "Reservar una consulta",
    print: "Imprimir o guardar en PDF",
    copy_summary: "Copiar el resumen",
    copied: "El resumen está copiado. Péguelo donde quiera.",
    copy_refused: "No se ha hecho. El resumen está abajo: selecciónelo y cópielo.",
    share: "Compartir…",
    email_summary: "Enviar el resumen por correo",
    email_shown: "Su programa de correo se abrirá con este texto. No se envía nada hasta que usted lo envíe.",
    open_mail: "Abrir mi programa de correo",
    mail_subject: "Mi estimación de microneedling",
    phone_show: "Abrir en mi teléfono",
    phone_help: "Escanee este código con la cámara de su teléfono para abrir allí este resultado. Sus respuestas viajan dentro del enlace del código, después del #, que los navegadores nunca envían a ningún sitio web; cualquiera que lo escanee puede verlas.",
    phone_code: "Código QR que abre este resultado en su teléfono",
    phone_unavailable: "Ahora no se puede crear el código (quizá no tenga conexión). Inténtelo más tarde.",
    handoff_failed: "El enlace no ha podido abrir esas respuestas (está dañado, es de una versión anterior de este cuestionario o es de otras preguntas), así que el cuestionario empieza de nuevo.",
    timeline_title: "Su plan de un vistazo",
    timeline_alt: "Su plan de un vistazo, de hoy al resultado completo. Las mismas fechas están en las listas de abajo.",
    today: "Hoy",
    pre_care_begins: "Empieza la preparación",
    first_change: "Primer cambio visible",
    full_result_label: "Resultado completo",
    before_session_1: "{span} antes de la sesión 1",
    after_session_1: "{span} después de la sesión 1",
    after_last_session: "{span} después de la última sesión",
    calendar: "Añadir al calendario",
    calendar_name: "Plan de microneedling",
    calendar_session: "Sesión de microneedling {n} de {total} (estimación)",
    forget: "Olvidar mis respuestas",
    forgotten: "Sus respuestas se han borrado.",
    start_again: "Empezar de nuevo",
    restore_failed: "No hemos podido recuperar sus respuestas anteriores, así que el cuestionario empieza de nuevo.",
    language_unavailable: "Ese idioma no se puede cargar ahora (quizá no tiene conexión), así que el cuestionario sigue en español.",
    kept_in_tab: "Sus respuestas se guardan solo en esta pestaña del navegador, hasta que la cierre.",
    why: "¿Por qué?",
    based_on: "Se basa en: {evidence}.",
    source_label: "Fuente:",
    sources_unavailable: "No se han podido cargar ahora las fuentes de esta información. Vuelva a abrir el cuestionario más tarde o pídaselas a la clínica.",
    evidence: [
        "las instrucciones de uso del dispositivo de tratamiento",
        "el prospecto oficial del medicamento",
        "un comunicado de una autoridad sanitaria",
        "una revisión sistemática de estudios publicados",
        "una declaración de consenso de expertos",
        "una declaración de consenso de expertos de otro campo de la medicina",
        "un estudio clínico",
        "un artículo de revisión de expertos",
        "la política propia de esta clínica",
    ],
    reviewed_by: "Reglas revisadas por {name} ({role}) el {date}.",
    sessions: Forms {
        one: "{n} sesión",
        two: None,
        few: None,
        many: None,
        other: "{n} sesiones",
    },
    minutes: Forms {
        one: "{n} minuto",
        two: None,
        few: None,
        many: None,
        other: "{n} minutos",
    },
    hours: Forms {
        one: "{n} hora",
        two: None,
        few: None,
        many: None,
        other: "{n} horas",
    },
    days: Forms {
        one: "{n} día",
        two: None,
        few: None,
        many: None,
        other: "{n} días",
    },
    weeks: Forms {
        one: "{n} semana",
        two: None,
        few: None,
        many: None,
        other: "{n} semanas",
    },
    months: Forms {
        one: "{n} mes",
        two: None,
        few: None,
        many: None,
        other: "{n} meses",
    },
};

pub const ARABIC: Ui = Ui {
    lang: "ar",
    dir: "rtl",
    name: "العربية",
    language_label: "اللغة",
    start: "ابدأ",
    starting: "جارٍ فتح الاختبار…",
    starting_slow: "يستغرق هذا وقتًا أطول من المعتاد. إذا لم يُفتح الاختبار، فتحقّق من اتصالك أو تواصل مع العيادة.",
    next: "التالي",
    back: "السابق",
    save_and_review: "احفظ وارجع إلى إجاباتي",
    progress: "{section} · {n} من {total}",
    progress_overall: "السؤال {n} من {total}",
    choose_all_that_apply: "اختر كل ما ينطبق عليك.",
    date_hint_past: "إذا لم تتذكر اليوم بالضبط، فاختر أقرب تاريخ تتذكره.",
    date_hint_future: "اختر اليوم أو تاريخًا لاحقًا.",
    required_single: "يُرجى اختيار إجابة.",
    required_multi: "يُرجى اختيار إجابة واحدة على الأقل.",
    exclusive: "لا يمكن اختيار «{option}» مع إجابات أخرى. يُرجى إلغاء تحديد إحداها.",
    date_required: "يُرجى إدخال التاريخ.",
    date_unreadable: "هذا التاريخ غير موجود أو غير مكتمل. يُرجى التحقق من اليوم والشهر والسنة.",
    date_in_future: "هذا التاريخ لم يأتِ بعد. يُرجى إدخال تاريخ لا يتجاوز اليوم، {today}.",
    date_passed: "هذا التاريخ قد مضى. يُرجى اختيار اليوم، {today}، أو تاريخ لاحق.",
    date_outside_band: "هذا التاريخ لا يناسب الإجابة التي اخترتها. يُرجى التحقق منه.",
    date_outside_band_choose: "هذا التاريخ لا يناسب الإجابة التي اخترتها. يُرجى التحقق منه، أو اختيار «{option}».",
    early_title: "لا نوصي لك بالوخز بالإبر الدقيقة",
    early_text: "بناءً على إجابتك، لن يكون الوخز بالإبر الدقيقة آمنًا لك. يمكنك أن ترى نتيجتك الآن، أو أن تجيب عن بقية الأسئلة.",
    see_result_now: "اعرض نتيجتي الآن",
    continue_questions: "أجب عن بقية الأسئلة",
    review_title: "راجع إجاباتك",
    review_intro: "يمكنك تغيير أي إجابة قبل أن ترى نتيجتك.",
    change: "تغيير",
    see_result: "اعرض نتيجتي",
    not_answered: "لم تُجب بعد",
    verdict_suitable: "قد يكون الوخز بالإبر الدقيقة مناسبًا لك",
    verdict_consult: "قد يناسبك الوخز بالإبر الدقيقة، بعد استشارة",
    verdict_not_yet: "ليس الآن، لكن ربما لاحقًا",
    verdict_not_suitable: "لا نوصي لك بالوخز بالإبر الدقيقة",
    summary_suitable: "لا شيء في إجاباتك يمنع ذلك. سيؤكد أحد المختصين ذلك في موعد الاستشارة.",
    summary_consult: "تحتاج بعض إجاباتك إلى مراجعة أحد المختصين قبل الحجز. تنطبق الخطة أدناه بعد تلك الاستشارة.",
    summary_not_yet: "تشير بعض إجاباتك إلى أن عليك الانتظار قبل البدء. ستجد السبب أدناه.",
    summary_not_suitable: "بناءً على إجاباتك، لن يكون الوخز بالإبر الدقيقة آمنًا لك. يمكن للطبيب أن يحدثك عن خيارات أخرى.",
    reasons_title: "ماذا تعني إجاباتك",
    notices_title: "معلومات مهمة",
    your_answer: "إجابتك:",
    kind_not_suitable: "غير موصى به",
    kind_not_yet: "انتظر",
    kind_consult: "استشر مختصًا",
    kind_prepare: "استعد",
    kind_info: "من المفيد أن تعرف",
    until: "حتى {date}",
    earliest_start: "أقرب موعد للبدء: {date}",
    no_start_date: "لا يمكننا تحديد موعد للبدء بعد. عندما يزول سبب الانتظار، أعد الاختبار أو تواصل مع العيادة.",
    plan_title: "خطتك التقديرية",
    after_consultation: "بعد استشارتك",
    sessions_label: "عدد الجلسات",
    interval_label: "المدة بين الجلسات",
    every: "كل {span}",
    schedule_title: "مواعيد الجلسات",
    schedule_note: "حُسبت على أقصر فاصل بين الجلسات. ستؤكد العيادة كل موعد.",
    weeks_note: "لا يمكننا تحديد التواريخ بعد، لذا تحسب الخطة الأسابيع من جلستك الأولى.",
    session_n: "الجلسة {n}",
    week_n: "الأسبوع {n}",
    no_sessions: "لا يُعالَج أي من الأهداف التي اخترتها بالوخز بالإبر الدقيقة هنا.",
    results_title: "متى تتوقع النتائج",
    first_visible: "أول تغيير ملحوظ: بعد {span} من الجلسة الأولى",
    between: "بين {from} و{to}",
    full_result: "النتيجة الكاملة: بعد {span} من الجلسة الأخيرة",
    collagen: "يستمر تكوّن الكولاجين مدة تصل إلى {span}.",
    maintenance: "للحفاظ على النتيجة: جلسة واحدة كل {span}.",
    visit_title: "كل زيارة",
    visit_treatment: "نحو {span} من العلاج.",
    visit_numbing: "للوجه، يوضع كريم مخدّر قبل العلاج بـ{span}.",
    visit_total: "خصّص {span} لزيارتك إلى العيادة.",
    pre_care_title: "قبل جلستك الأولى",
    from_date: "ابتداءً من {date}",
    before_first: "قبل {span}",
    after_care_title: "بعد كل جلسة",
    for_span: "لمدة {span}",
    price_title: "التكلفة التقديرية",
    price_value: "من {min} إلى {max} للعلاج كاملًا",
    price_unpriced: "اسأل العيادة عن سعر: {areas}.",
    contact_title: "تواصل مع العيادة",
    call: "اتصل على {phone}",
    email: "راسلنا على {email}",
    book: "احجز استشارة",
    print: "اطبع أو احفظ بصيغة PDF",
    copy_summary: "انسخ الملخص",
    copied: "تم نسخ الملخص. الصقه حيث تشاء.",
    copy_refused: "لم يتم ذلك. الملخص أدناه: حدده وانسخه.",
    share: "مشاركة…",
    email_summary: "أرسل الملخص بالبريد الإلكتروني",
    email_shown: "سيفتح برنامج بريدك بهذا النص. لا يُرسل شيء حتى ترسله أنت.",
    open_mail: "افتح برنامج بريدي",
    mail_subject: "تقديري للميكرونيدلينغ",
    phone_show: "افتح على هاتفي",
    phone_help: "امسح هذا الرمز بكاميرا هاتفك لفتح هذه النتيجة عليه. تنتقل إجاباتك داخل رابط الرمز، بعد العلامة #، التي لا ترسلها المتصفحات أبدًا إلى أي موقع؛ ويمكن لأي شخص يمسحه رؤيتها.",
    phone_code: "رمز QR يفتح هذه النتيجة على هاتفك",
    phone_unavailable: "لا يمكن إنشاء الرمز الآن (ربما أنت غير متصل بالإنترنت). يُرجى المحاولة لاحقًا.",
    handoff_failed: "تعذّر على الرابط فتح تلك الإجابات (فهو تالف، أو من إصدار أقدم من هذا الاختبار، أو لأسئلة مختلفة)، لذا يبدأ الاختبار من جديد.",
    timeline_title: "خطتك في لمحة",
    timeline_alt: "خطتك في لمحة، من اليوم حتى النتيجة الكاملة. التواريخ نفسها في القوائم أدناه.",
    today: "اليوم",
    pre_care_begins: "بدء التحضير",
    first_change: "أول تغيير مرئي",
    full_result_label: "النتيجة الكاملة",
    before_session_1: "{span} قبل الجلسة 1",
    after_session_1: "{span} بعد الجلسة 1",
    after_last_session: "{span} بعد الجلسة الأخيرة",
    calendar: "أضف إلى التقويم",
    calendar_name: "خطة الوخز بالإبر الدقيقة",
    calendar_session: "جلسة الوخز بالإبر الدقيقة {n} من {total} (تقديرية)",
    forget: "امسح إجاباتي",
    forgotten: "تم مسح إجاباتك.",
    start_again: "ابدأ من جديد",
    restore_failed: "تعذّر استرجاع إجاباتك السابقة، لذا يبدأ الاختبار من جديد.",
    language_unavailable: "تعذّر تحميل تلك اللغة الآن (ربما لا يوجد اتصال بالإنترنت)، لذا يبقى الاختبار بالعربية.",
    kept_in_tab: "تُحفظ إجاباتك في علامة التبويب هذه فقط، إلى أن تغلقها.",
    why: "لماذا؟",
    based_on: "يستند ذلك إلى: {evidence}.",
    source_label: "المصدر:",
    sources_unavailable: "تعذّر تحميل مصادر هذه المعلومة الآن. افتح الاستبيان مرة أخرى لاحقًا، أو اطلبها من العيادة.",
    evidence: [
        "تعليمات استخدام جهاز العلاج",
        "النشرة الرسمية للدواء",
        "بيان صادر عن جهة تنظيمية صحية",
        "مراجعة منهجية للدراسات المنشورة",
        "بيان توافقي من الخبراء",
        "بيان توافقي من خبراء في مجال طبي آخر",
        "دراسة سريرية",
        "مقالة مراجعة علمية من خبراء",
        "سياسة هذه العيادة",
    ],
    reviewed_by: "راجع هذه القواعد {name} ({role}) بتاريخ {date}.",
    sessions: Forms {
        one: "جلسة واحدة",
        two: Some("جلستان"),
        few: Some("{n} جلسات"),
        many: Some("{n} جلسة"),
        other: "{n} جلسة",
    },
    minutes: Forms {
        one: "دقيقة واحدة",
        two: Some("دقيقتين"),
        few: Some("{n} دقائق"),
        many: Some("{n} دقيقة"),
        other: "{n} دقيقة",
    },
    hours: Forms {
        one: "ساعة واحدة",
        two: Some("ساعتين"),
        few: Some("{n} ساعات"),
        many: Some("{n} ساعة"),
        other: "{n} ساعة",
    },
    days: Forms {
        one: "يوم واحد",
        two: Some("يومين"),
        few: Some("{n} أيام"),
        many: Some("{n} يومًا"),
        other: "{n} يوم",
    },
    weeks: Forms {
        one: "أسبوع واحد",
        two: Some("أسبوعين"),
        few: Some("{n} أسابيع"),
        many: Some("{n} أسبوعًا"),
        other: "{n} أسبوع",
    },
    months: Forms {
        one: "شهر واحد",
        two: Some("شهرين"),
        few: Some("{n} أشهر"),
        many: Some("{n} شهرًا"),
        other: "{n} شهر",
    },
};

/// An evidence kind in the visitor's words.
pub fn evidence_words(ui: &Ui, kind: Evidence) -> &'static str {
    // The kinds are declared in the order of `Evidence::ALL`, which `evidence` follows.
    ui.evidence[kind as usize]
}

/// The languages the interface speaks.
pub const LANGUAGES: [&Ui; 3] = [&ENGLISH, &SPANISH, &ARABIC];

/// Each language's tag and its own name, for the switcher before its words are loaded (the same
/// as `LANGUAGES`' `lang` and `name`).
pub const NAMES: [(&str, &str); 3] = [("en", "English"), ("es", "Español"), ("ar", "العربية")];

/// The languages whose words are at hand. Natively, all; in the quiz, English and those loaded
/// so far ([`learn`]).
#[cfg(not(target_arch = "wasm32"))]
fn known() -> Vec<&'static Ui> {
    LANGUAGES.to_vec()
}

#[cfg(target_arch = "wasm32")]
thread_local! {
    static LEARNED: std::cell::RefCell<Vec<&'static Ui>> = const { std::cell::RefCell::new(Vec::new()) };
}

#[cfg(target_arch = "wasm32")]
fn known() -> Vec<&'static Ui> {
    let mut known = vec![&ENGLISH];
    LEARNED.with(|learned| known.extend(learned.borrow().iter()));
    known
}

/// Makes the words read from `json` ([`words_from_json`]) at hand; a language already known
/// keeps its words.
#[cfg(target_arch = "wasm32")]
pub fn learn(json: &str) -> Result<(), String> {
    for ui in words_from_json(json)? {
        if self::ui(ui.lang).is_none() {
            LEARNED.with(|learned| learned.borrow_mut().push(Box::leak(Box::new(ui))));
        }
    }
    Ok(())
}

/// The words of `languages` as `{"es": ["es", "ltr", "Español", …], …}`: every word of a
/// language in [`Ui::each_word`]'s order, `null` for an optional word left out.
pub fn words_json<'a>(languages: impl IntoIterator<Item = &'a Ui>) -> String {
    struct Write(Vec<crate::json::Value>);
    impl Visit for Write {
        fn word(&mut self, word: &mut &'static str) {
            self.0.push((*word).into());
        }
        fn optional(&mut self, word: &mut Option<&'static str>) {
            self.0.push((*word).into());
        }
    }
    let mut object = crate::json::Object::default();
    for ui in languages {
        let mut write = Write(Vec::new());
        let mut ui = *ui;
        ui.each_word(&mut write);
        object.push(ui.lang, crate::json::Value::Array(write.0));
    }
    crate::json::Value::Object(object).to_string()
}

/// What a language read from JSON starts as (in memory once, not built field by field).
static TEMPLATE: &Ui = &ENGLISH;

/// The languages in `json` ([`words_json`]), each checked to have every word.
pub fn words_from_json(json: &str) -> Result<Vec<Ui>, String> {
    /// Fills a language's words in from a list, noting what does not fit.
    struct Read<'a> {
        words: std::slice::Iter<'a, crate::json::Value>,
        fits: bool,
    }
    impl Read<'_> {
        fn next(&mut self, optional: bool) -> Option<&'static str> {
            match self.words.next() {
                Some(crate::json::Value::String(word)) => {
                    Some(Box::leak(word.clone().into_boxed_str()))
                }
                Some(crate::json::Value::Null) if optional => None,
                _ => {
                    self.fits = false;
                    None
                }
            }
        }
    }
    impl Visit for Read<'_> {
        fn word(&mut self, word: &mut &'static str) {
            if let Some(read) = self.next(false) {
                *word = read;
            }
        }
        fn optional(&mut self, word: &mut Option<&'static str>) {
            *word = self.next(true);
        }
    }
    let crate::json::Value::Object(languages) =
        crate::json::parse(json).map_err(|e| format!("the words are not JSON: {}", e.message))?
    else {
        return Err("the words are not a JSON object".to_string());
    };
    let mut read = Vec::new();
    for (lang, words) in languages.iter() {
        let crate::json::Value::Array(words) = words else {
            return Err(format!("the words of {lang} are not a list"));
        };
        let mut ui = *TEMPLATE;
        let mut reader = Read {
            words: words.iter(),
            fits: true,
        };
        ui.each_word(&mut reader);
        if !reader.fits || reader.words.next().is_some() || ui.lang != lang {
            return Err(format!("the words of {lang} do not fit this build"));
        }
        read.push(ui);
    }
    Ok(read)
}

/// The interface in `lang` (`es`, `es-MX` → Spanish), if its words are at hand.
pub fn ui(lang: &str) -> Option<&'static Ui> {
    let primary = primary(lang);
    known().into_iter().find(|ui| ui.lang == primary)
}

/// The tag of the language to use: the first of `preferences` (explicit choice, page, browser,
/// in that order) that both the interface and `languages` speak, else the first of `languages`
/// the interface speaks, else English.
pub fn choose_language<'a>(
    preferences: impl IntoIterator<Item = &'a str>,
    languages: &[String],
) -> &'static str {
    let interface = |lang: &str| {
        let primary = primary(lang);
        NAMES
            .iter()
            .map(|(tag, _)| *tag)
            .find(|tag| *tag == primary)
    };
    let usable = |tag: &&'static str| languages.iter().any(|l| l == tag);
    preferences
        .into_iter()
        .filter_map(interface)
        .find(usable)
        .or_else(|| languages.iter().filter_map(|l| interface(l)).next())
        .unwrap_or("en")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_travels_as_json_and_back_word_for_word() {
        let json = words_json(LANGUAGES);
        let read = words_from_json(&json).unwrap();
        assert_eq!(read.len(), LANGUAGES.len());
        for (read, ui) in read.iter().zip(LANGUAGES) {
            assert_eq!(format!("{read:?}"), format!("{ui:?}"));
        }
        // The switcher's names before a language's words are loaded are its words' own.
        let names: Vec<(&str, &str)> = LANGUAGES.iter().map(|ui| (ui.lang, ui.name)).collect();
        assert_eq!(names, NAMES);
        // Words from another build (one word more or less, a word missing) are refused.
        let mut words: Vec<crate::json::Value> = match crate::json::parse(&words_json([&SPANISH])) {
            Ok(crate::json::Value::Object(o)) => match o.get("es") {
                Some(crate::json::Value::Array(words)) => words.clone(),
                _ => unreachable!(),
            },
            _ => unreachable!(),
        };
        let refused = |words: &[crate::json::Value]| {
            let mut object = crate::json::Object::default();
            object.push("es", crate::json::Value::Array(words.to_vec()));
            words_from_json(&crate::json::Value::Object(object).to_string()).is_err()
        };
        assert!(!refused(&words));
        assert!(refused(&words[1..]));
        words.push("more".into());
        assert!(refused(&words));
        words.pop();
        words[3] = crate::json::Value::Null;
        assert!(refused(&words), "a word that must be there");
        assert!(words_from_json("[]").is_err() && words_from_json("{").is_err());
    }

    #[test]
    fn the_best_common_language_wins() {
        let all = ["en".to_string(), "es".to_string(), "ar".to_string()];
        assert_eq!(choose_language(["fr", "es-MX", "en"], &all), "es");
        assert_eq!(choose_language(["AR"], &all), "ar");
        assert_eq!(choose_language(["de", "fr"], &all), "en");
        let spanish_only = ["es".to_string()];
        assert_eq!(choose_language(["ar", "en"], &spanish_only), "es");
    }

    #[test]
    fn plural_forms_fall_back_to_other_and_ranges_keep_their_number() {
        assert_eq!(ARABIC.weeks.pick(Plural::Two, false), "أسبوعين");
        assert_eq!(ARABIC.weeks.pick(Plural::Two, true), "{n} أسبوع");
        assert_eq!(ARABIC.weeks.pick(Plural::Few, true), "{n} أسابيع");
        assert_eq!(ENGLISH.weeks.pick(Plural::Few, false), "{n} weeks");
        assert_eq!(SPANISH.sessions.pick(Plural::One, false), "{n} sesión");
    }

    #[test]
    fn every_evidence_kind_has_its_own_words() {
        for ui in LANGUAGES {
            let words: Vec<&str> = Evidence::ALL
                .iter()
                .map(|k| evidence_words(ui, *k))
                .collect();
            assert_eq!(words, ui.evidence, "{}", ui.lang);
            assert_eq!(
                evidence_words(ui, Evidence::ClinicPolicy),
                ui.evidence[8],
                "{}",
                ui.lang
            );
        }
        assert_eq!(
            evidence_words(&ENGLISH, Evidence::DrugLabelling),
            "the medicine's official label"
        );
    }

    #[test]
    fn blanks_are_filled_by_name() {
        assert_eq!(
            fill(ENGLISH.until, &[("date", "1 May 2027")]),
            "Until 1 May 2027"
        );
        assert_eq!(
            fill(
                SPANISH.progress,
                &[("section", "Salud"), ("n", "3"), ("total", "10")]
            ),
            "Salud · 3 de 10"
        );
    }
}
