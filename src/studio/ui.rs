//! The studio's screens: they render the [`Draft`] and turn the clinic's input into [`Edit`]s.
//! Every field's element id is `f:` and its path in the file, so that a problem the validator
//! reports can take the focus to its field.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

use super::{changes, languages, propose_id, Draft, Edit, Path};
use crate::app::{browser, App, ProtocolHandle};
use crate::cases::{Case, Cases};
use crate::json::{self, Object, Value};
use crate::protocol::{Protocol, TREATMENTS};
use crate::theme;
use crate::validate::ProtocolError;

/// A protocol file is some tens of kilobytes; anything this large is not one.
const MAX_FILE_BYTES: usize = 2_000_000;
/// Where a draft the clinic asked to keep is stored (this device only).
const DRAFT_KEY: &str = "candidacy-studio-draft";

const UNITS: [&str; 4] = ["hours", "days", "weeks", "months"];
const OUTCOMES: [(&str, &str); 6] = [
    ("", "no effect"),
    ("info", "a note with the result (info)"),
    ("prepare", "a pre-care step (prepare)"),
    ("consult", "see a clinician first (consult)"),
    ("not_yet", "not yet: wait (not_yet)"),
    ("not_suitable", "not suitable"),
];

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Panel {
    Clinic,
    Windows,
    Questions,
    Texts,
    Plan,
    Cases,
    Changes,
    Problems,
    Raw,
    Publish,
}

const PANELS: [(Panel, &str); 10] = [
    (Panel::Problems, "Problems"),
    (Panel::Clinic, "Clinic and look"),
    (Panel::Windows, "Waiting times"),
    (Panel::Questions, "Questions"),
    (Panel::Texts, "Texts and languages"),
    (Panel::Plan, "Plan"),
    (Panel::Cases, "Cases"),
    (Panel::Changes, "Changes"),
    (Panel::Raw, "Raw JSON"),
    (Panel::Publish, "Publish"),
];

/// The panel that shows the field at `path`.
fn panel_of(path: &Path) -> Panel {
    match path.0.first() {
        Some(super::Step::Key(key)) => match key.as_str() {
            "clinic" | "theme" | "pricing" => Panel::Clinic,
            "windows" => Panel::Windows,
            "questions" | "sections" => Panel::Questions,
            "plan" => Panel::Plan,
            "review" => Panel::Publish,
            _ => Panel::Texts,
        },
        _ => Panel::Raw,
    }
}

pub fn field_id(path: &Path) -> String {
    format!("f:{path}")
}

/// The raw JSON view's text, while it is being edited or while the file does not parse.
#[derive(Clone, PartialEq)]
struct Raw {
    text: String,
    error: Option<String>,
}

#[derive(Clone)]
pub struct Studio {
    draft: Option<Draft>,
    /// The name the file was opened as (and is downloaded as).
    name: String,
    panel: Panel,
    raw: Option<Raw>,
    /// What the last action could not do, said as an alert.
    alert: Option<String>,
    /// Said politely: what the last action did.
    status: String,
    cases: Option<Cases>,
    /// The preview's progress (saved-progress format), kept across edits.
    preview: Option<String>,
    /// Bumped when the preview must start again from `preview`.
    preview_serial: u32,
    /// The last valid protocol, which the preview runs while the draft has errors.
    last_valid: Option<ProtocolHandle>,
    /// A field to move the focus to after the next render.
    focus: Option<(String, u32)>,
    /// On a narrow screen, the preview shown instead of the editor.
    show_preview: bool,
    /// Opened in a frame by a page of the same site that keeps the protocol (the WordPress
    /// plugin's settings page), which the studio saves to: `studio/?embedded`.
    embedded: bool,
    /// Questions shown open in the questions panel.
    open_questions: Vec<usize>,
    /// Texts copied here from the fallback language (a language added, a new item's words),
    /// shown as not yet translated for as long as they still read as the fallback's.
    untranslated: Vec<String>,
    today: crate::Date,
}

pub enum Action {
    Open {
        name: String,
        text: String,
    },
    Refused(String),
    Edit(Edit),
    /// Inserts a new item whose texts were written in one language and copied to the others.
    Insert(Path, usize, Value),
    Undo,
    Redo,
    Show(Panel),
    Raw(String),
    ApplyRaw,
    CasesOpened(String),
    AddCase(String),
    RemoveCase(usize),
    Progress(Option<String>),
    PreviewGoTo(String),
    RestartPreview,
    FocusField(String),
    ToggleQuestion(usize),
    AddLanguage(String),
    RemoveLanguage(String),
    KeepDraft,
    DiscardDraft,
    /// On a narrow screen: the preview (true) or the editor.
    ShowPreview(bool),
    /// The protocol sent to the page that opened the studio in a frame.
    SavedToHost,
}

impl Studio {
    fn new(today: crate::Date) -> Studio {
        Studio {
            draft: None,
            name: String::new(),
            panel: Panel::Problems,
            raw: None,
            alert: None,
            status: String::new(),
            cases: None,
            preview: None,
            preview_serial: 0,
            last_valid: None,
            focus: None,
            show_preview: false,
            embedded: false,
            open_questions: Vec::new(),
            untranslated: Vec::new(),
            today,
        }
    }

    fn after_edit(&mut self) {
        if let Some(draft) = &self.draft {
            if let Some(valid) = draft.checked().valid() {
                self.last_valid = Some(ProtocolHandle::new(valid.clone()));
                self.preview_serial += 1;
            }
            let errors = draft.checked().errors.len();
            self.status = match errors {
                0 => "Saved in the draft. No problems.".into(),
                1 => "Saved in the draft. 1 problem.".into(),
                n => format!("Saved in the draft. {n} problems."),
            };
        }
    }

    fn open(&mut self, name: String, text: &str) {
        self.alert = None;
        if text.len() > MAX_FILE_BYTES {
            self.alert = Some(format!(
                "{name} is {} KB: a protocol file is well under 1,000 KB, so this is not one. Nothing was opened.",
                text.len() / 1000
            ));
            return;
        }
        self.name = name;
        self.untranslated.clear();
        self.open_questions.clear();
        match json::parse(text) {
            Ok(document) => {
                self.draft = Some(Draft::open(document));
                self.raw = None;
                self.last_valid = None;
                self.preview = None;
                self.panel = if self
                    .draft
                    .as_ref()
                    .is_some_and(|d| d.checked().valid().is_some())
                {
                    Panel::Clinic
                } else {
                    Panel::Problems
                };
                self.after_edit();
            }
            Err(error) => {
                let (line, column) = json::line_column(text, error.at);
                self.draft = None;
                self.last_valid = None;
                self.raw = Some(Raw {
                    text: text.to_string(),
                    error: Some(format!(
                        "This is not JSON yet: {} (line {line}, column {column}). Fix it here and press \u{201c}Use this text\u{201d}.",
                        error.message
                    )),
                });
                self.panel = Panel::Raw;
            }
        }
    }

    fn current_protocol(&self) -> Option<&Protocol> {
        self.draft.as_ref().and_then(|d| d.checked().valid())
    }
}

impl Reducible for Studio {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.alert = None;
        match action {
            Action::Open { name, text } => next.open(name, &text),
            Action::Refused(message) => next.alert = Some(message),
            Action::Edit(edit) => {
                if let Some(draft) = &mut next.draft {
                    match draft.edit(edit) {
                        Ok(()) => next.after_edit(),
                        Err(refusal) => next.alert = Some(format!("Not done: {refusal}.")),
                    }
                }
            }
            Action::Insert(list, at, item) => {
                if let Some(draft) = &mut next.draft {
                    let languages = languages::declared(draft.document());
                    // The first item of an optional list (notices) brings the list with it.
                    let edit = if draft.get(&list).is_some() {
                        Edit::Insert(list.clone(), at, item.clone())
                    } else {
                        Edit::Set(list.clone(), Value::Array(vec![item.clone()]))
                    };
                    match draft.edit(edit) {
                        Ok(()) => {
                            let base = list.index(at);
                            for text in languages::text_paths(&item, &languages) {
                                for lang in languages.iter().skip(1) {
                                    let mut path = base.clone();
                                    path.0.extend(text.0.iter().cloned());
                                    next.untranslated.push(path.key(lang).to_string());
                                }
                            }
                            next.after_edit();
                        }
                        Err(refusal) => next.alert = Some(format!("Not done: {refusal}.")),
                    }
                }
            }
            Action::Undo => {
                if let Some(draft) = &mut next.draft {
                    draft.undo();
                    next.after_edit();
                    next.status = format!("Undone. {}", next.status);
                }
            }
            Action::Redo => {
                if let Some(draft) = &mut next.draft {
                    draft.redo();
                    next.after_edit();
                    next.status = format!("Redone. {}", next.status);
                }
            }
            Action::Show(panel) => next.panel = panel,
            Action::Raw(text) => {
                next.raw = Some(Raw { text, error: None });
            }
            Action::ApplyRaw => {
                let text = next
                    .raw
                    .as_ref()
                    .map(|r| r.text.clone())
                    .unwrap_or_default();
                match json::parse(&text) {
                    Ok(document) => {
                        match &mut next.draft {
                            Some(draft) => {
                                let _ = draft.edit(Edit::Replace(document));
                            }
                            None => next.draft = Some(Draft::open(document)),
                        }
                        next.raw = None;
                        next.after_edit();
                    }
                    Err(error) => {
                        let (line, column) = json::line_column(&text, error.at);
                        next.raw = Some(Raw {
                            text,
                            error: Some(format!(
                                "Not JSON: {} (line {line}, column {column}).",
                                error.message
                            )),
                        });
                    }
                }
            }
            Action::CasesOpened(text) => match Cases::parse(&text) {
                Ok(cases) => {
                    next.status = format!("{} cases opened.", cases.cases.len());
                    next.cases = Some(cases);
                }
                Err(message) => {
                    next.alert = Some(format!("The cases file was not opened: {message}."))
                }
            },
            Action::AddCase(name) => match case_from_preview(&next, &name) {
                Ok(case) => {
                    let cases = next.cases.get_or_insert_with(|| Cases {
                        today: None,
                        base: Object::default(),
                        cases: Vec::new(),
                    });
                    cases.cases.push(case);
                    next.status = format!("Case \u{201c}{name}\u{201d} added.");
                }
                Err(message) => next.alert = Some(message),
            },
            Action::RemoveCase(index) => {
                if let Some(cases) = &mut next.cases {
                    if index < cases.cases.len() {
                        cases.cases.remove(index);
                    }
                }
            }
            Action::Progress(saved) => next.preview = saved,
            Action::PreviewGoTo(key) => {
                if let Some(protocol) = next.last_valid.clone() {
                    if let Some(step) = crate::flow::Step::from_key(&key, &protocol.0) {
                        let saved = super::preview::jump(
                            &protocol.0,
                            next.preview.as_deref(),
                            step,
                            next.today,
                        );
                        next.preview = Some(saved);
                        next.preview_serial += 1;
                    }
                }
            }
            Action::RestartPreview => {
                next.preview = None;
                next.preview_serial += 1;
            }
            Action::FocusField(path) => {
                next.show_preview = false;
                if let Some(parsed) = Path::parse(&path) {
                    next.panel = panel_of(&parsed);
                    if let [super::Step::Key(k), super::Step::Index(i), ..] = parsed.0.as_slice() {
                        if k == "questions" && !next.open_questions.contains(i) {
                            next.open_questions.push(*i);
                        }
                    }
                }
                let serial = next.focus.as_ref().map_or(0, |f| f.1) + 1;
                next.focus = Some((path, serial));
            }
            Action::ToggleQuestion(index) => {
                if let Some(at) = next.open_questions.iter().position(|i| *i == index) {
                    next.open_questions.remove(at);
                } else {
                    next.open_questions.push(index);
                }
            }
            Action::AddLanguage(code) => add_language(&mut next, &code.trim().to_lowercase()),
            Action::RemoveLanguage(code) => remove_language(&mut next, &code),
            Action::KeepDraft => {
                if let Some(draft) = &next.draft {
                    let mut kept = Object::default();
                    kept.push("name", next.name.as_str());
                    kept.push("opened", draft.opened().clone());
                    kept.push("document", draft.document().clone());
                    browser::local_set(DRAFT_KEY, &Value::Object(kept).to_string());
                    next.status = "The draft is kept in this browser, on this device only.".into();
                }
            }
            Action::ShowPreview(shown) => next.show_preview = shown,
            Action::SavedToHost => {
                next.status = "Sent to the site to be saved.".into();
            }
            Action::DiscardDraft => {
                browser::local_remove(DRAFT_KEY);
                next.status = "The kept draft was discarded.".into();
            }
        }
        Rc::new(next)
    }
}

/// Saved progress with one field replaced (the preview's step or language).
fn with_field(saved: &str, key: &str, value: &str) -> Option<String> {
    let Ok(Value::Object(mut object)) = json::parse(saved) else {
        return None;
    };
    object.0.retain(|m| m.key != key);
    object.push(key, value);
    Some(Value::Object(object).to_string())
}

/// A case from the preview's answers, expecting what the protocol gives them now.
fn case_from_preview(studio: &Studio, name: &str) -> Result<Case, String> {
    let name = name.trim();
    if name.is_empty() {
        return Err("Give the case a name first.".into());
    }
    let protocol = studio
        .current_protocol()
        .ok_or("Fix the protocol's problems first: a case records what a valid protocol says.")?;
    let saved = studio
        .preview
        .as_deref()
        .ok_or("Answer the questions in the preview first.")?;
    let (quiz, _) = crate::saved::restore(saved, protocol, studio.today).map_err(|_| {
        "The preview's answers no longer fit the protocol: start the preview again."
    })?;
    let answers = crate::cases::require_complete(quiz.answers, protocol)
        .map_err(|message| format!("Answer every question in the preview first ({message})."))?;
    let assessment = crate::assess(protocol, &answers, studio.today, &crate::Locale::wordless());
    let Value::Object(answers) = answers.to_value(protocol) else {
        return Err("The answers could not be written.".into());
    };
    Ok(Case::from_outcome(name, answers, &assessment, studio.today))
}

/// Adds a language: its texts start as copies of the fallback language's, marked as not yet
/// translated until they are edited.
fn add_language(studio: &mut Studio, code: &str) {
    let Some(draft) = &mut studio.draft else {
        return;
    };
    let added = match languages::add(draft.document(), code) {
        Ok(added) => added,
        Err(message) => {
            studio.alert = Some(message);
            return;
        }
    };
    match draft.edit(Edit::Replace(added.document)) {
        Ok(()) => {
            studio.untranslated.extend(added.copied);
            studio.after_edit();
            studio.status = format!(
                "{code} added: its texts are copies of the {} ones, marked \u{201c}not yet translated\u{201d}.",
                added.from
            );
        }
        Err(refusal) => studio.alert = Some(format!("Not done: {refusal}.")),
    }
}

fn remove_language(studio: &mut Studio, code: &str) {
    let Some(draft) = &mut studio.draft else {
        return;
    };
    match languages::remove(draft.document(), code).and_then(|document| {
        draft
            .edit(Edit::Replace(document))
            .map_err(|r| format!("Not done: {r}."))
    }) {
        Ok(()) => {
            let mark = format!(".{code}");
            studio.untranslated.retain(|path| !path.ends_with(&mark));
            studio.after_edit();
            studio.status = format!("{code} removed, with its texts. Undo brings them back.");
        }
        Err(message) => studio.alert = Some(message),
    }
}

/// Context every panel reads.
#[derive(Clone, PartialEq)]
struct Ctx {
    studio: UseReducerHandle<Studio>,
    dispatch: UseReducerDispatcher<Studio>,
}

impl Ctx {
    fn draft(&self) -> &Draft {
        self.studio
            .draft
            .as_ref()
            .expect("panels render only with a draft")
    }

    fn value(&self, path: &Path) -> Option<&Value> {
        self.draft().get(path)
    }

    fn string(&self, path: &Path) -> String {
        match self.value(path) {
            Some(Value::String(text)) => text.clone(),
            Some(Value::Number(n)) => n.clone(),
            Some(Value::Bool(b)) => b.to_string(),
            _ => String::new(),
        }
    }

    fn languages(&self) -> Vec<String> {
        languages::declared(self.draft().document())
    }

    fn edit(&self, edit: Edit) {
        self.dispatch.dispatch(Action::Edit(edit));
    }

    fn problems_at(&self, path: &Path) -> Vec<String> {
        let checked = self.draft().checked();
        let here = path.to_string();
        checked
            .errors
            .iter()
            .chain(&checked.warnings)
            .filter(|e| e.path == here)
            .map(|e| e.message.clone())
            .collect()
    }

    /// What a text in one language still needs: "missing", or "not yet translated" for a
    /// copy of the fallback language's words that has not been edited since.
    fn flag(&self, text: &Path, lang: &str, languages: &[String]) -> Option<&'static str> {
        let path = text.clone().key(lang);
        let value = self.value(&path);
        if value.is_none() {
            return Some("missing");
        }
        let copied = self.studio.untranslated.contains(&path.to_string())
            && languages.first().is_some_and(|first| {
                first != lang && value == self.value(&text.clone().key(first))
            });
        copied.then_some("not yet translated")
    }

    fn window_ids(&self) -> Vec<String> {
        match self.draft().document().get("windows") {
            Some(Value::Object(windows)) => windows.keys().map(str::to_string).collect(),
            _ => Vec::new(),
        }
    }
}

/// Every change of the studio's state is one its panels show.
impl PartialEq for Studio {
    fn eq(&self, _: &Self) -> bool {
        false
    }
}

#[derive(Properties, PartialEq, Clone)]
struct FieldProps {
    path: Path,
    label: AttrValue,
    #[prop_or_default]
    hint: Option<AttrValue>,
    #[prop_or_default]
    multiline: bool,
    /// `number`, `email`, `tel`, `url`, `color` or `text`.
    #[prop_or(AttrValue::Static("text"))]
    kind: AttrValue,
    /// An empty value removes the field (an optional one) instead of writing "".
    #[prop_or_default]
    optional: bool,
    #[prop_or_default]
    lang: Option<AttrValue>,
    #[prop_or_default]
    flag: Option<AttrValue>,
}

/// A labelled input bound to the value at a path, its problems beside it: reads the studio's
/// state, and hands [`FieldView`] only what it shows, so that an edit re-renders only the
/// fields it changed (the page of every text has about 450).
#[component]
fn Field(props: &FieldProps) -> Html {
    let ctx = use_context::<Ctx>().expect("inside the studio");
    html! {
        <FieldView field={props.clone()} value={ctx.string(&props.path)}
            problems={ctx.problems_at(&props.path)} dispatch={ctx.dispatch.clone()} />
    }
}

#[derive(Properties, PartialEq)]
struct FieldViewProps {
    field: FieldProps,
    value: String,
    problems: Vec<String>,
    dispatch: UseReducerDispatcher<Studio>,
}

#[component]
fn FieldView(props: &FieldViewProps) -> Html {
    // The field's own properties are read as `props`, like every other component's.
    let FieldViewProps {
        field: props,
        value,
        problems,
        dispatch,
    } = props;
    let id = field_id(&props.path);
    let number = props.kind == "number";
    let oninput = {
        let dispatch = dispatch.clone();
        let path = props.path.clone();
        let optional = props.optional;
        Callback::from(move |event: InputEvent| {
            let Some(target) = event.target() else { return };
            let text = if let Some(input) = target.dyn_ref::<web_sys::HtmlInputElement>() {
                input.value()
            } else if let Some(area) = target.dyn_ref::<web_sys::HtmlTextAreaElement>() {
                area.value()
            } else {
                return;
            };
            let value = if number {
                match text.trim().parse::<i64>() {
                    Ok(n) => Value::from(n),
                    Err(_) if text.trim().is_empty() => return,
                    Err(_) => Value::String(text.clone()),
                }
            } else {
                Value::String(text.clone())
            };
            dispatch.dispatch(Action::Edit(if optional && text.is_empty() {
                Edit::Remove(path.clone())
            } else {
                Edit::Set(path.clone(), value)
            }));
        })
    };
    let described = (!problems.is_empty() || props.hint.is_some()).then(|| format!("{id}-about"));
    let dir = props
        .lang
        .as_deref()
        .map(|l| if l == "ar" { "rtl" } else { "ltr" });
    html! {
        <div class={classes!("field", (!problems.is_empty()).then_some("has-problem"))}>
            <label for={id.clone()}>
                { props.label.clone() }
                if let Some(flag) = &props.flag {
                    <span class="flag">{ format!(" ({flag})") }</span>
                }
            </label>
            if props.multiline {
                <textarea id={id.clone()} rows="3" value={value.clone()} oninput={oninput}
                    lang={props.lang.clone()} dir={dir}
                    aria-invalid={(!problems.is_empty()).then_some("true")}
                    aria-describedby={described.clone()} />
            } else {
                <input id={id.clone()} type={props.kind.clone()} value={value.clone()} oninput={oninput}
                    lang={props.lang.clone()} dir={dir}
                    inputmode={number.then_some("numeric")}
                    aria-invalid={(!problems.is_empty()).then_some("true")}
                    aria-describedby={described.clone()} />
            }
            if let Some(described) = described {
                <div id={described} class="about">
                    if let Some(hint) = &props.hint {
                        <p class="hint">{ hint.clone() }</p>
                    }
                    { for problems.iter().map(|p| html! { <p class="problem">{ p.clone() }</p> }) }
                </div>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct ChoiceProps {
    path: Path,
    label: AttrValue,
    /// (value, shown); an empty value removes the field.
    choices: Vec<(String, String)>,
    /// The value is `true` (chosen as "true") or absent.
    #[prop_or_default]
    boolean: bool,
    /// Emptying the last member of its object removes the object (an answer's band of time
    /// without either bound).
    #[prop_or_default]
    prune: bool,
}

#[component]
fn Choice(props: &ChoiceProps) -> Html {
    let ctx = use_context::<Ctx>().expect("inside the studio");
    let id = field_id(&props.path);
    let current = ctx.string(&props.path);
    let onchange = {
        let ctx = ctx.clone();
        let path = props.path.clone();
        let (boolean, prune) = (props.boolean, props.prune);
        Callback::from(move |event: Event| {
            let Some(select) = event.target_dyn_into::<web_sys::HtmlSelectElement>() else {
                return;
            };
            let value = select.value();
            if value.is_empty() {
                if ctx.value(&path).is_some() {
                    let parent = path.parent().map(|(parent, _)| parent);
                    let alone = parent.as_ref().and_then(|p| ctx.value(p)).is_some_and(
                        |p| matches!(p, Value::Object(members) if members.0.len() == 1),
                    );
                    ctx.edit(Edit::Remove(match parent {
                        Some(parent) if prune && alone => parent,
                        _ => path.clone(),
                    }));
                }
            } else if boolean {
                ctx.edit(Edit::Set(path.clone(), Value::Bool(value == "true")));
            } else {
                ctx.edit(Edit::Set(path.clone(), Value::String(value)));
            }
        })
    };
    let problems = ctx.problems_at(&props.path);
    html! {
        <div class={classes!("field", (!problems.is_empty()).then_some("has-problem"))}>
            <label for={id.clone()}>{ props.label.clone() }</label>
            <select id={id.clone()} onchange={onchange}
                aria-describedby={(!problems.is_empty()).then(|| format!("{id}-about"))}>
                { for props.choices.iter().map(|(value, shown)| html! {
                    <option value={value.clone()} selected={*value == current}>{ shown.clone() }</option>
                }) }
            </select>
            if !problems.is_empty() {
                <div id={format!("{id}-about")} class="about">
                    { for problems.iter().map(|p| html! { <p class="problem">{ p.clone() }</p> }) }
                </div>
            }
        </div>
    }
}

#[derive(Properties, PartialEq, Clone)]
struct TextProps {
    /// The text object (one string per language).
    path: Path,
    label: AttrValue,
    #[prop_or_default]
    multiline: bool,
}

/// One language of a text, as [`TextFieldsView`] shows it.
#[derive(Clone, PartialEq)]
struct TextRow {
    lang: String,
    value: String,
    flag: Option<&'static str>,
    problems: Vec<String>,
}

/// A visitor-facing text in every language, with the waiting times offered as placeholders:
/// reads the studio's state and hands [`TextFieldsView`] what it shows, so that only the texts
/// an edit changed render again.
#[component]
fn TextFields(props: &TextProps) -> Html {
    let ctx = use_context::<Ctx>().expect("inside the studio");
    let languages = ctx.languages();
    let rows: Vec<TextRow> = languages
        .iter()
        .map(|lang| {
            let path = props.path.clone().key(lang);
            TextRow {
                lang: lang.clone(),
                value: ctx.string(&path),
                flag: ctx.flag(&props.path, lang, &languages),
                problems: ctx.problems_at(&path),
            }
        })
        .collect();
    html! {
        <TextFieldsView text={props.clone()} rows={rows} windows={ctx.window_ids()}
            dispatch={ctx.dispatch.clone()} />
    }
}

#[derive(Properties, PartialEq)]
struct TextFieldsViewProps {
    text: TextProps,
    rows: Vec<TextRow>,
    windows: Vec<String>,
    dispatch: UseReducerDispatcher<Studio>,
}

#[component]
fn TextFieldsView(props: &TextFieldsViewProps) -> Html {
    let text = &props.text;
    html! {
        <fieldset class="text-fields">
            <legend>{ text.label.clone() }</legend>
            { for props.rows.iter().map(|row| {
                let lang = &row.lang;
                let path = text.path.clone().key(lang);
                let field = FieldProps {
                    path: path.clone(),
                    label: format!("{} ({lang})", text.label).into(),
                    hint: None,
                    multiline: text.multiline,
                    kind: AttrValue::Static("text"),
                    optional: false,
                    lang: Some(AttrValue::from(lang.clone())),
                    flag: row.flag.map(AttrValue::from),
                };
                html! {
                    <div class="text-field">
                        <FieldView field={field} value={row.value.clone()} problems={row.problems.clone()}
                            dispatch={props.dispatch.clone()} />
                        if !props.windows.is_empty() {
                            <InsertWindow label={format!("Insert a waiting time into {} ({lang})", text.label)}
                                windows={props.windows.clone()} path={path} text={row.value.clone()}
                                dispatch={props.dispatch.clone()} />
                        }
                    </div>
                }
            }) }
        </fieldset>
    }
}

#[derive(Properties, PartialEq)]
struct InsertWindowProps {
    label: AttrValue,
    windows: Vec<String>,
    /// The text it inserts into, and its words now.
    path: Path,
    text: String,
    dispatch: UseReducerDispatcher<Studio>,
}

/// "Insert a waiting time…": its options are rendered once it has the focus (which it gets
/// before it opens, by keyboard or pointer), so that a page of hundreds of texts does not carry
/// every window's name under each of them through every edit.
#[component]
fn InsertWindow(props: &InsertWindowProps) -> Html {
    let armed = use_state(|| false);
    let onfocus = {
        let armed = armed.clone();
        Callback::from(move |_: FocusEvent| armed.set(true))
    };
    let insert = {
        let (dispatch, path, text) = (
            props.dispatch.clone(),
            props.path.clone(),
            props.text.clone(),
        );
        Callback::from(move |event: Event| {
            let Some(select) = event.target_dyn_into::<web_sys::HtmlSelectElement>() else {
                return;
            };
            let window = select.value();
            select.set_value("");
            if !window.is_empty() {
                let text = format!("{text}{{window:{window}}}");
                dispatch.dispatch(Action::Edit(Edit::Set(path.clone(), Value::String(text))));
                browser::focus(&field_id(&path));
            }
        })
    };
    html! {
        <label class="insert">
            <span class="visually-hidden">{ props.label.clone() }</span>
            <select onchange={insert} onfocus={onfocus}>
                <option value="">{ "Insert a waiting time…" }</option>
                if *armed {
                    { for props.windows.iter().map(|w| html! { <option value={w.clone()}>{ w.clone() }</option> }) }
                }
            </select>
        </label>
    }
}

/// Ids as choices, shown with spaces for underscores.
fn choices<S: AsRef<str>>(ids: impl IntoIterator<Item = S>) -> Vec<(String, String)> {
    ids.into_iter()
        .map(|id| (id.as_ref().to_string(), id.as_ref().replace('_', " ")))
        .collect()
}

/// The kinds of evidence the validator knows, in a clinician's words (the protocol's own list).
fn evidence_choices() -> Vec<(String, String)> {
    let kinds = crate::protocol::Evidence::ALL
        .iter()
        .map(|e| (e.as_str().to_string(), e.describe().to_string()))
        .collect();
    with_none(kinds, "(not said)")
}

fn with_none(mut list: Vec<(String, String)>, none: &str) -> Vec<(String, String)> {
    list.insert(0, (String::new(), none.to_string()));
    list
}

#[component]
fn ClinicPanel() -> Html {
    let ctx = use_context::<Ctx>().expect("inside the studio");
    let root = Path::root();
    let brand = ctx.string(&root.clone().key("theme").key("brand"));
    let contrast = theme::parse_hex(&brand).map(|rgb| theme::contrast(rgb, [255, 255, 255]));
    let areas: Vec<String> = ctx
        .draft()
        .checked()
        .protocol
        .as_ref()
        .and_then(|p| p.question(&p.plan.areas_question))
        .map(|q| q.options.iter().map(|o| o.id.clone()).collect())
        .unwrap_or_default();
    let has_pricing = ctx.value(&root.clone().key("pricing")).is_some();
    let add_pricing = {
        let ctx = ctx.clone();
        let areas = areas.clone();
        Callback::from(move |_: MouseEvent| {
            let mut per_session = Object::default();
            for area in &areas {
                per_session.push(area, 0i64);
            }
            let mut pricing = Object::default();
            pricing.push("currency", "EUR");
            pricing.push("per_session", Value::Object(per_session));
            ctx.edit(Edit::Set(
                Path::root().key("pricing"),
                Value::Object(pricing),
            ));
        })
    };
    html! {
        <>
            <h2>{ "Clinic and look" }</h2>
            <fieldset>
                <legend>{ "The clinic (shown with the result)" }</legend>
                <Field path={root.clone().key("clinic").key("name")} label="Clinic name" />
                <Field path={root.clone().key("clinic").key("phone")} label="Phone" kind="tel" optional=true />
                <Field path={root.clone().key("clinic").key("email")} label="Email" kind="email" optional=true />
                <Field path={root.clone().key("clinic").key("booking_url")} label="Booking link" kind="url" optional=true
                    hint="An https: address, or tel: or mailto:." />
                <Field path={root.clone().key("clinic").key("quiz_url")} label="Address of your published quiz" kind="url" optional=true
                    hint="Where the result's QR code sends the visitor's phone, e.g. https://clinic.example/quiz/. Needed for the waiting-room (kiosk) file; elsewhere the quiz's own address is used." />
            </fieldset>
            <fieldset>
                <legend>{ "Look" }</legend>
                <Field path={root.clone().key("theme").key("brand")} label="Brand colour" optional=true
                    hint="#rrggbb, such as #1f6f78. White text on it must be readable." />
                if let Some(ratio) = contrast {
                    <p class={classes!("contrast", (ratio < theme::MIN_CONTRAST).then_some("low"))}>
                        { format!("White text on {brand}: contrast {ratio:.1} to 1 ({}).",
                            if ratio < theme::MIN_CONTRAST { "too low: 4.5 to 1 is needed" } else { "readable" }) }
                    </p>
                }
                <Field path={root.clone().key("theme").key("font")} label="Font" optional=true
                    hint="A CSS font list, such as \"Source Sans 3\", system-ui, sans-serif." />
                <Field path={root.clone().key("theme").key("radius")} label="Corner radius" optional=true hint="Such as 6px or 0.5rem." />
            </fieldset>
            <fieldset>
                <legend>{ "Prices per session" }</legend>
                if has_pricing {
                    <Field path={root.clone().key("pricing").key("currency")} label="Currency" hint="A three-letter code, such as EUR or USD." />
                    { for areas.iter().map(|area| html! {
                        <Field path={root.clone().key("pricing").key("per_session").key(area)} label={format!("Price for {}", area.replace('_', " "))} kind="number" />
                    }) }
                } else {
                    <p>{ "The quiz shows no prices." }</p>
                    <button type="button" onclick={add_pricing}>{ "Add prices" }</button>
                }
            </fieldset>
        </>
    }
}

#[component]
fn WindowsPanel() -> Html {
    let ctx = use_context::<Ctx>().expect("inside the studio");
    let add = {
        let ctx = ctx.clone();
        Callback::from(move |name: String| {
            let ids = ctx.window_ids();
            let id = propose_id(&name, ids.iter().map(String::as_str));
            let mut window = Object::default();
            window.push("amount", 1i64);
            window.push("unit", "weeks");
            window.push("source", "");
            window.push("evidence", "clinic_policy");
            ctx.edit(Edit::Set(
                Path::root().key("windows").key(&id),
                Value::Object(window),
            ));
            ctx.dispatch
                .dispatch(Action::FocusField(format!("windows.{id}.amount")));
        })
    };
    html! {
        <>
            <h2>{ "Waiting times" }</h2>
            <p>{ "Each waiting time is a rule: how long, and the source it rests on. Questions and texts refer to them by name, so a change here changes every text and date that uses it." }</p>
            { for ctx.window_ids().iter().map(|id| {
                let at = Path::root().key("windows").key(id);
                let remove = {
                    let ctx = ctx.clone();
                    let at = at.clone();
                    Callback::from(move |_: MouseEvent| ctx.edit(Edit::Remove(at.clone())))
                };
                html! {
                    <fieldset class="window">
                        <legend>{ id.replace('_', " ") }</legend>
                        <div class="row">
                            <Field path={at.clone().key("amount")} label="How long" kind="number" />
                            <Choice path={at.clone().key("unit")} label="Unit" choices={choices(UNITS)} />
                        </div>
                        <Field path={at.clone().key("source")} label="Source" multiline=true />
                        <Choice path={at.clone().key("evidence")} label="Kind of source" choices={evidence_choices()} />
                        <button type="button" class="quiet" onclick={remove}>{ format!("Remove the {} wait", id.replace('_', " ")) }</button>
                    </fieldset>
                }
            }) }
            <AddForm id="new-window" label="New waiting time's name" button="Add a waiting time" on_add={add} />
        </>
    }
}

#[derive(Properties, PartialEq)]
struct ListToolsProps {
    list: Path,
    index: usize,
    count: usize,
    /// What the item is called in the buttons' names ("isotretinoin", "the step shaving").
    name: AttrValue,
}

/// Moves an item of a list up or down, or removes it (refused while it is referred to). The
/// focus follows the item moved.
#[component]
fn ListTools(props: &ListToolsProps) -> Html {
    let ctx = use_context::<Ctx>().expect("inside the studio");
    let (i, last) = (props.index, props.count.saturating_sub(1));
    let button_id =
        |at: usize, way: &str| format!("{}-{way}", field_id(&props.list.clone().index(at)));
    let mover = |to: usize| {
        let (ctx, list) = (ctx.clone(), props.list.clone());
        // After the move the item is at `to`: the same button takes the focus, or the other one
        // at either end of the list, where that one is disabled.
        let way = if to == 0 || (to > i && to != last) {
            "down"
        } else {
            "up"
        };
        let focus = button_id(to, way);
        Callback::from(move |_: MouseEvent| {
            ctx.edit(Edit::Move(list.clone(), i, to));
            browser::focus(&focus);
        })
    };
    let remove = {
        let (ctx, at) = (ctx.clone(), props.list.clone().index(i));
        Callback::from(move |_: MouseEvent| ctx.edit(Edit::Remove(at.clone())))
    };
    let name = &props.name;
    html! {
        <span class="list-tools">
            <button type="button" class="quiet" id={button_id(i, "up")} disabled={i == 0}
                onclick={mover(i.saturating_sub(1))} aria-label={format!("Move {name} up")}>{ "↑" }</button>
            <button type="button" class="quiet" id={button_id(i, "down")} disabled={i >= last}
                onclick={mover((i + 1).min(last))} aria-label={format!("Move {name} down")}>{ "↓" }</button>
            <button type="button" class="quiet" onclick={remove} aria-label={format!("Remove {name}")}>{ "Remove" }</button>
        </span>
    }
}

/// The ids of a list's items.
fn ids_in(items: &[Value]) -> Vec<String> {
    items
        .iter()
        .filter_map(|item| item.get("id").and_then(Value::as_str))
        .map(str::to_string)
        .collect()
}

#[derive(Properties, PartialEq)]
struct NewItemProps {
    list: Path,
    /// The ids already in the list.
    taken: Vec<String>,
    id: AttrValue,
    label: AttrValue,
    button: AttrValue,
    /// The member that holds the words typed, in every language.
    text_key: AttrValue,
    /// The item's other members.
    #[prop_or_default]
    template: Vec<(&'static str, Value)>,
}

/// Adds an item at the end of a list from its words: its id proposed from them, the words
/// copied into every language (the others marked as not yet translated).
#[component]
fn NewItem(props: &NewItemProps) -> Html {
    let ctx = use_context::<Ctx>().expect("inside the studio");
    let on_add = {
        let ctx = ctx.clone();
        let (list, taken, text_key, template) = (
            props.list.clone(),
            props.taken.clone(),
            props.text_key.clone(),
            props.template.clone(),
        );
        Callback::from(move |words: String| {
            let words = words.trim();
            let mut item = Object::default();
            item.push("id", propose_id(words, taken.iter().map(String::as_str)));
            for (key, value) in &template {
                item.push(key, value.clone());
            }
            let mut text = Object::default();
            for lang in ctx.languages() {
                text.push(&lang, words);
            }
            item.push(&text_key, Value::Object(text));
            ctx.dispatch.dispatch(Action::Insert(
                list.clone(),
                taken.len(),
                Value::Object(item),
            ));
        })
    };
    html! {
        <AddForm id={props.id.clone()} label={props.label.clone()} button={props.button.clone()} on_add={on_add} />
    }
}

#[derive(Properties, PartialEq)]
struct AddFormProps {
    id: AttrValue,
    label: AttrValue,
    button: AttrValue,
    #[prop_or_default]
    maxlength: Option<AttrValue>,
    /// Called with the name typed; the field is emptied afterwards.
    on_add: Callback<String>,
}

/// A one-field form that adds something by name (a waiting time, a language, a case).
#[component]
fn AddForm(props: &AddFormProps) -> Html {
    let name = use_state(String::new);
    let onsubmit = {
        let (name, on_add) = (name.clone(), props.on_add.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            on_add.emit((*name).clone());
            name.set(String::new());
        })
    };
    html! {
        <form class="add" onsubmit={onsubmit}>
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            <input id={props.id.clone()} value={(*name).clone()} oninput={typed(name.clone())}
                required=true maxlength={props.maxlength.clone()} />
            <button type="submit">{ props.button.clone() }</button>
        </form>
    }
}

/// Keeps a text field's value in `state` as it is typed.
fn typed(state: UseStateHandle<String>) -> Callback<InputEvent> {
    Callback::from(move |e: InputEvent| {
        if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
            state.set(input.value());
        }
    })
}

fn outcome_fields(ctx: &Ctx, option: &Path) -> Html {
    let outcome = option.clone().key("outcome");
    let kind = ctx.string(&outcome.clone().key("kind"));
    let set_kind = {
        let ctx = ctx.clone();
        let outcome = outcome.clone();
        Callback::from(move |event: Event| {
            let Some(select) = event.target_dyn_into::<web_sys::HtmlSelectElement>() else {
                return;
            };
            let kind = select.value();
            if kind.is_empty() {
                if ctx.value(&outcome).is_some() {
                    ctx.edit(Edit::Remove(outcome.clone()));
                }
            } else if ctx.value(&outcome).is_some() {
                ctx.edit(Edit::Set(outcome.clone().key("kind"), Value::String(kind)));
            } else {
                ctx.edit(Edit::Set(
                    outcome.clone(),
                    new_outcome(&ctx.languages(), &kind),
                ));
            }
        })
    };
    let id = field_id(&outcome.clone().key("kind"));
    let windows = ctx.window_ids();
    let pre_care = match ctx.value(&Path::root().key("plan").key("pre_care")) {
        Some(Value::Array(steps)) => ids_in(steps),
        _ => Vec::new(),
    };
    html! {
        <div class="outcome">
            <div class="field">
                <label for={id.clone()}>{ "What this answer means" }</label>
                <select id={id} onchange={set_kind}>
                    { for OUTCOMES.iter().map(|(value, shown)| html! {
                        <option value={*value} selected={*value == kind}>{ *shown }</option>
                    }) }
                </select>
            </div>
            if !kind.is_empty() {
                if kind == "not_yet" {
                    <Choice path={outcome.clone().key("window")} label="Wait for"
                        choices={with_none(choices(&windows), "(no date: until it is over)")} />
                    if ctx.value(&outcome.clone().key("window")).is_some() {
                        <Choice path={outcome.clone().key("from")} label="Counted from"
                            choices={with_none(vec![
                                ("answer_date".to_string(), "the date the visitor gives".to_string()),
                                ("today".to_string(), "the day of the quiz".to_string()),
                            ], "(not said)")} />
                    }
                }
                <Choice path={outcome.clone().key("step")} label={if kind == "prepare" { "Pre-care step" } else { "Pre-care step (if any)" }}
                    choices={with_none(choices(&pre_care), "(none)")} />
                <TextFields path={outcome.clone().key("explain")} label="Explanation" multiline=true />
                <Field path={outcome.clone().key("source")} label="Source" multiline=true />
                <Choice path={outcome.clone().key("evidence")} label="Kind of source" choices={evidence_choices()} />
            }
        </div>
    }
}

/// An outcome's fields, empty for the clinic to fill (the validator says what is missing).
fn new_outcome(languages: &[String], kind: &str) -> Value {
    let mut explain = Object::default();
    for lang in languages {
        explain.push(lang, "");
    }
    let mut outcome = Object::default();
    outcome.push("kind", kind);
    outcome.push("explain", Value::Object(explain));
    outcome.push("source", "");
    outcome.push("evidence", "clinic_policy");
    Value::Object(outcome)
}

#[component]
fn QuestionsPanel() -> Html {
    let ctx = use_context::<Ctx>().expect("inside the studio");
    let document = ctx.draft().document();
    let questions: Vec<Value> = match document.get("questions") {
        Some(Value::Array(items)) => items.clone(),
        _ => Vec::new(),
    };
    let sections: Vec<(String, String)> = match document.get("sections") {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|s| s.get("id").and_then(Value::as_str))
            .map(|id| (id.to_string(), id.replace('_', " ")))
            .collect(),
        _ => Vec::new(),
    };
    let fallback = ctx.languages().first().cloned().unwrap_or_default();
    let count = questions.len();
    html! {
        <>
            <h2>{ "Questions" }</h2>
            <ol class="questions">
                { for questions.iter().enumerate().map(|(i, question)| {
                    let at = Path::root().key("questions").index(i);
                    let id = question.get("id").and_then(Value::as_str).unwrap_or("").to_string();
                    let text = question.get("text").and_then(|t| t.get(&fallback)).and_then(Value::as_str).unwrap_or("").to_string();
                    let open = ctx.studio.open_questions.contains(&i);
                    let toggle = ctx.dispatch.clone();
                    let options: Vec<Value> = match question.get("options") {
                        Some(Value::Array(items)) => items.clone(),
                        _ => Vec::new(),
                    };
                    html! {
                        <li class="question">
                            <div class="question-bar">
                                <button type="button" class="disclosure" aria-expanded={open.to_string()}
                                    aria-controls={format!("q-{i}")}
                                    onclick={Callback::from(move |_: MouseEvent| toggle.dispatch(Action::ToggleQuestion(i)))}>
                                    <span class="qid">{ id.clone() }</span>{ format!(" {text}") }
                                </button>
                                <ListTools list={Path::root().key("questions")} index={i} count={count} name={id.clone()} />
                            </div>
                            if open {
                                <div class="question-body" id={format!("q-{i}")}>
                                    <Choice path={at.clone().key("section")} label="Section" choices={sections.clone()} />
                                    <TextFields path={at.clone().key("text")} label="Question" />
                                    <TextFields path={at.clone().key("hint")} label="Hint" />
                                    <ol class="options">
                                        { for options.iter().enumerate().map(|(j, option)| {
                                            let option_at = at.clone().key("options").index(j);
                                            let option_id = option.get("id").and_then(Value::as_str).unwrap_or("").to_string();
                                            html! {
                                                <li>
                                                    <div class="item-bar">
                                                        <h4>{ format!("Answer '{option_id}'") }</h4>
                                                        <ListTools list={at.clone().key("options")} index={j} count={options.len()}
                                                            name={format!("the answer {option_id} of {id}")} />
                                                    </div>
                                                    <TextFields path={option_at.clone().key("label")} label="Answer" />
                                                    { outcome_fields(&ctx, &option_at) }
                                                    { option_fields(&ctx, &option_at) }
                                                </li>
                                            }
                                        }) }
                                    </ol>
                                    <NewItem list={at.clone().key("options")} taken={ids_in(&options)} id={format!("new-option-{i}")}
                                        label="Add an answer (its words)" button="Add the answer" text_key="label" />
                                </div>
                            }
                        </li>
                    }
                }) }
            </ol>
            <NewQuestion sections={sections.clone()} />
            <h3 id="sections-heading">{ "Sections" }</h3>
            <p>{ "The quiz's parts, in the order shown; each question names its section." }</p>
            <ol class="sections" aria-labelledby="sections-heading">
                { for sections.iter().enumerate().map(|(i, (id, shown))| html! {
                    <li>
                        <div class="item-bar">
                            <h4>{ format!("Section '{id}'") }</h4>
                            <ListTools list={Path::root().key("sections")} index={i} count={sections.len()}
                                name={format!("the section {shown}")} />
                        </div>
                        <TextFields path={Path::root().key("sections").index(i).key("title")} label="Title" />
                    </li>
                }) }
            </ol>
            <NewItem list={Path::root().key("sections")} taken={sections.iter().map(|s| s.0.clone()).collect::<Vec<_>>()}
                id="new-section" label="Add a section (its title)" button="Add the section" text_key="title" />
        </>
    }
}

#[derive(Properties, PartialEq)]
struct NewQuestionProps {
    sections: Vec<(String, String)>,
}

/// Adds a yes-or-no question: its "yes" answer's meaning chosen here, its texts in every
/// language starting from the label given (the other languages marked as not yet translated).
#[component]
fn NewQuestion(props: &NewQuestionProps) -> Html {
    let ctx = use_context::<Ctx>().expect("inside the studio");
    let label = use_state(String::new);
    let kind = use_state(|| "not_suitable".to_string());
    let section = use_state(|| {
        props
            .sections
            .first()
            .map(|s| s.0.clone())
            .unwrap_or_default()
    });
    let onsubmit = {
        let ctx = ctx.clone();
        let (label, kind, section) = (label.clone(), kind.clone(), section.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let document = ctx.draft().document();
            let taken = match document.get("questions") {
                Some(Value::Array(items)) => ids_in(items),
                _ => Vec::new(),
            };
            let id = propose_id(&label, taken.iter().map(String::as_str));
            let question =
                yes_no_question(document, &ctx.languages(), &id, &label, &section, &kind);
            ctx.dispatch.dispatch(Action::Insert(
                Path::root().key("questions"),
                taken.len().min(first_plan_question(document)),
                question,
            ));
            label.set(String::new());
        })
    };
    let set = |state: UseStateHandle<String>| {
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                state.set(select.value());
            }
        })
    };
    html! {
        <form class="add new-question" onsubmit={onsubmit}>
            <h3>{ "Add a yes-or-no question" }</h3>
            <label for="new-question">{ "The question" }</label>
            <input id="new-question" value={(*label).clone()} oninput={typed(label.clone())} required=true
                placeholder="Do you have a pacemaker?" />
            <label for="new-question-section">{ "Section" }</label>
            <select id="new-question-section" onchange={set(section.clone())}>
                { for props.sections.iter().map(|(id, shown)| html! { <option value={id.clone()} selected={*id == *section}>{ shown.clone() }</option> }) }
            </select>
            <label for="new-question-yes">{ "A \u{201c}yes\u{201d} means" }</label>
            <select id="new-question-yes" onchange={set(kind.clone())}>
                { for OUTCOMES.iter().skip(1).map(|(value, shown)| html! { <option value={*value} selected={*value == *kind}>{ *shown }</option> }) }
            </select>
            <button type="submit">{ "Add the question" }</button>
        </form>
    }
}

/// New questions go before the plan's questions (concerns, severity, areas, start), with the
/// health and skin questions.
fn first_plan_question(document: &Value) -> usize {
    let plan_ids: Vec<&str> = [
        "concerns_question",
        "severity_question",
        "areas_question",
        "start_question",
    ]
    .iter()
    .filter_map(|k| {
        document
            .get("plan")
            .and_then(|p| p.get(k))
            .and_then(Value::as_str)
    })
    .collect();
    match document.get("questions") {
        Some(Value::Array(items)) => items
            .iter()
            .position(|q| {
                q.get("id")
                    .and_then(Value::as_str)
                    .is_some_and(|id| plan_ids.contains(&id))
            })
            .unwrap_or(items.len()),
        _ => 0,
    }
}

/// A yes-or-no question; "Yes" and "No" are the words the protocol already uses for them.
fn yes_no_question(
    document: &Value,
    languages: &[String],
    id: &str,
    label: &str,
    section: &str,
    kind: &str,
) -> Value {
    let existing = |option: &str| -> Option<Value> {
        let Some(Value::Array(questions)) = document.get("questions") else {
            return None;
        };
        questions.iter().find_map(|q| match q.get("options") {
            Some(Value::Array(options)) => options
                .iter()
                .find(|o| o.get("id").and_then(Value::as_str) == Some(option))
                .and_then(|o| o.get("label").cloned()),
            _ => None,
        })
    };
    let text = |words: &str| {
        let mut text = Object::default();
        for lang in languages {
            text.push(lang, words);
        }
        Value::Object(text)
    };
    let option = |option: &str, words: &str, outcome: Option<Value>| {
        let mut o = Object::default();
        o.push("id", option);
        o.push("label", existing(option).unwrap_or_else(|| text(words)));
        if let Some(outcome) = outcome {
            o.push("outcome", outcome);
        }
        Value::Object(o)
    };
    let mut question = Object::default();
    question.push("id", id);
    question.push("section", section);
    question.push("kind", "single");
    question.push("text", text(label));
    question.push(
        "options",
        Value::Array(vec![
            option("yes", "Yes", Some(new_outcome(languages, kind))),
            option("no", "No", None),
        ]),
    );
    Value::Object(question)
}

#[component]
fn TextsPanel() -> Html {
    let ctx = use_context::<Ctx>().expect("inside the studio");
    let languages = ctx.languages();
    let only_to_do = use_state(|| false);
    let paths = languages::text_paths(ctx.draft().document(), &languages);
    // Each text's flags, read once: the counts and the filter come from them.
    let flagged: Vec<(&Path, Vec<&str>)> = paths
        .iter()
        .map(|p| {
            let flags = languages.iter().filter_map(|l| ctx.flag(p, l, &languages));
            (p, flags.collect())
        })
        .collect();
    let count = |flag: &str| -> usize {
        flagged
            .iter()
            .map(|(_, flags)| flags.iter().filter(|f| **f == flag).count())
            .sum()
    };
    let (missing, untranslated) = (count("missing"), count("not yet translated"));
    let shown: Vec<&Path> = flagged
        .iter()
        .filter(|(_, flags)| !*only_to_do || !flags.is_empty())
        .map(|(p, _)| *p)
        .collect();
    let toggle = {
        let only_to_do = only_to_do.clone();
        Callback::from(move |e: Event| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                only_to_do.set(input.checked());
            }
        })
    };
    let add = ctx.dispatch.to_callback().reform(Action::AddLanguage);
    let unspoken: Vec<&str> = languages
        .iter()
        .map(String::as_str)
        .filter(|l| !crate::i18n::NAMES.iter().any(|(spoken, _)| spoken == l))
        .collect();
    html! {
        <>
            <h2>{ "Texts and languages" }</h2>
            <p id="texts-summary">{ format!("{} texts in {}: {} missing, {} not yet translated.", paths.len(), languages.join(", "),
                missing, untranslated) }</p>
            <ul class="languages" aria-label="Languages">
                { for languages.iter().enumerate().map(|(i, lang)| {
                    let remove = ctx.dispatch.to_callback().reform({
                        let lang = lang.clone();
                        move |_: MouseEvent| Action::RemoveLanguage(lang.clone())
                    });
                    html! {
                        <li>
                            { lang.clone() }
                            if i == 0 { { " (the fallback language, the first one)" } }
                            <button type="button" class="quiet" onclick={remove} disabled={languages.len() == 1}
                                aria-label={format!("Remove the language {lang}")}>{ "Remove" }</button>
                        </li>
                    }
                }) }
            </ul>
            if !unspoken.is_empty() {
                <p id="interface-languages" class="problem">{ format!(
                    "{}: the quiz's own words (its buttons, headings and messages) come in English, Spanish and Arabic only, so visitors cannot choose {} yet. Its texts here are kept in the file for when they can.",
                    unspoken.join(", "), if unspoken.len() == 1 { "it" } else { "them" }) }</p>
            }
            <AddForm id="new-language" label="Add a language (its code, such as fr)" button="Add the language" maxlength="3" on_add={add} />
            <div class="field checkbox">
                <input id="texts-to-do" type="checkbox" checked={*only_to_do} onchange={toggle} />
                <label for="texts-to-do">{ "Show only the texts that still need a translation" }</label>
            </div>
            if shown.is_empty() {
                <p class="ok">{ "Every text is written in every language." }</p>
            }
            { for shown.iter().map(|path| html! {
                <TextFields path={(*path).clone()} label={describe(path)} multiline=true />
            }) }
        </>
    }
}

/// A path in words: "questions 3, options 1, label".
fn describe(path: &Path) -> String {
    let parts: Vec<String> = path
        .0
        .iter()
        .map(|step| match step {
            super::Step::Key(key) => key.replace('_', " "),
            super::Step::Index(i) => format!("{}", i + 1),
        })
        .collect();
    parts.join(" › ")
}

#[component]
fn PlanPanel() -> Html {
    let ctx = use_context::<Ctx>().expect("inside the studio");
    fn numbers(value: &Value, path: Path, out: &mut Vec<Path>) {
        match value {
            Value::Number(_) => out.push(path),
            Value::Object(object) => {
                for (key, value) in object.iter() {
                    numbers(value, path.clone().key(key), out);
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    numbers(item, path.clone().index(i), out);
                }
            }
            _ => {}
        }
    }
    let mut paths = Vec::new();
    if let Some(plan) = ctx.value(&Path::root().key("plan")) {
        numbers(plan, Path::root().key("plan"), &mut paths);
    }
    html! {
        <>
            <h2>{ "Plan" }</h2>
            <p>{ "Sessions per concern and severity, the interval between sessions, when results show, the visit, and what to do before and after a session." }</p>
            <div class="numbers">
                { for paths.iter().map(|p| html! {
                    <Field path={p.clone()} label={describe(&Path(p.0[1..].to_vec()))} kind="number" />
                }) }
            </div>
            { care_steps(&ctx, "pre_care", "Before the first session", "before", "Starts this long before the first session") }
            { care_steps(&ctx, "after_care", "After each session", "lasts", "Lasts this long after each session") }
            { notices(&ctx) }
        </>
    }
}

/// The items of the list at `list` (`plan.pre_care`, `notices`), each under a heading naming it
/// ("Step 'shaving'") with its move and remove buttons, then the fields `body` gives it; the list's
/// items for the caller's "add" form.
fn listed_items(
    ctx: &Ctx,
    list: &Path,
    kind: &str,
    body: impl Fn(&Path) -> Html,
) -> (Html, Vec<Value>) {
    let items: Vec<Value> = match ctx.value(list) {
        Some(Value::Array(items)) => items.clone(),
        _ => Vec::new(),
    };
    let html = html! {
        <ol class="care-steps">
            { for items.iter().enumerate().map(|(i, item)| {
                let id = item.get("id").and_then(Value::as_str).unwrap_or("");
                html! {
                    <li>
                        <div class="item-bar">
                            <h4>{ format!("{}{} '{id}'", kind[..1].to_uppercase(), &kind[1..]) }</h4>
                            <ListTools list={list.clone()} index={i} count={items.len()} name={format!("the {kind} {id}")} />
                        </div>
                        { body(&list.clone().index(i)) }
                    </li>
                }
            }) }
        </ol>
    };
    (html, items)
}

/// The protocol's notices: statements shown with every result, whatever the answers (a
/// treatment's safety warning), each sourced like a rule.
fn notices(ctx: &Ctx) -> Html {
    let list = Path::root().key("notices");
    let (listed, items) = listed_items(ctx, &list, "notice", |at| {
        html! {
            <>
                <TextFields path={at.clone().key("text")} label="What every visitor is told" multiline=true />
                <Field path={at.clone().key("source")} label="Source" multiline=true />
                <Choice path={at.clone().key("evidence")} label="Kind of source" choices={evidence_choices()} />
            </>
        }
    });
    let template = vec![
        ("source", Value::from("")),
        ("evidence", Value::from("clinic_policy")),
    ];
    html! {
        <section class="care" aria-labelledby="notices-heading">
            <h3 id="notices-heading">{ "Shown with every result (notices)" }</h3>
            <p>{ "Statements every visitor sees with their result, whatever they answered: a treatment's safety warning, a use no regulator has approved." }</p>
            { listed }
            <NewItem list={list.clone()} taken={ids_in(&items)} id="new-notice"
                label="Add a notice (what every visitor is told)" button="Add the notice" text_key="text" template={template} />
        </section>
    }
}

/// What an option carries besides its words and meaning: a date the visitor gives with it, and
/// the band of time before today it covers (bounded by waiting times).
fn option_fields(ctx: &Ctx, option: &Path) -> Html {
    let date = option.clone().key("date");
    let when = ctx.string(&date.clone().key("when"));
    let set_date = {
        let (ctx, date) = (ctx.clone(), date.clone());
        Callback::from(move |event: Event| {
            let Some(select) = event.target_dyn_into::<web_sys::HtmlSelectElement>() else {
                return;
            };
            let when = select.value();
            if when.is_empty() {
                ctx.edit(Edit::Remove(date.clone()));
            } else if ctx.value(&date).is_some() {
                ctx.edit(Edit::Set(date.clone().key("when"), Value::String(when)));
            } else {
                let mut label = Object::default();
                for lang in ctx.languages() {
                    label.push(&lang, "");
                }
                let mut new = Object::default();
                new.push("label", Value::Object(label));
                new.push("when", when);
                ctx.edit(Edit::Set(date.clone(), Value::Object(new)));
            }
        })
    };
    let date_id = field_id(&date.clone().key("when"));
    let ago = option.clone().key("ago");
    let bound_choices = with_none(choices(ctx.window_ids()), "(no bound)");
    html! {
        <div class="option-extra">
            <div class="field">
                <label for={date_id.clone()}>{ "The visitor gives a date with this answer" }</label>
                <select id={date_id} onchange={set_date}>
                    <option value="" selected={when.is_empty()}>{ "no" }</option>
                    <option value="past" selected={when == "past"}>{ "yes, a day in the past (when it was stopped, done…)" }</option>
                    <option value="future" selected={when == "future"}>{ "yes, a day in the future (a wished start…)" }</option>
                </select>
            </div>
            if !when.is_empty() {
                <TextFields path={date.clone().key("label")} label="The date's question" />
            }
            <fieldset class="ago">
                <legend>{ "Covers a time before today (optional)" }</legend>
                <p class="hint">{ "For answers such as \u{201c}in the last 3 months\u{201d}: bounded by waiting times, which the answer's words must name." }</p>
                <div class="row">
                    <Choice path={ago.clone().key("at_least")} label="At least this long ago"
                        choices={bound_choices.clone()} prune=true />
                    <Choice path={ago.clone().key("less_than")} label="Less than this long ago"
                        choices={bound_choices} prune=true />
                </div>
            </fieldset>
        </div>
    }
}

/// The care steps of `plan.<key>`: their words, their waiting time (`window_key`), their source.
fn care_steps(
    ctx: &Ctx,
    key: &str,
    title: &str,
    window_key: &'static str,
    window_label: &str,
) -> Html {
    let list = Path::root().key("plan").key(key);
    let windows = choices(ctx.window_ids());
    let (listed, steps) = listed_items(ctx, &list, "step", |at| {
        html! {
            <>
                <TextFields path={at.clone().key("text")} label="What to do" multiline=true />
                <Choice path={at.clone().key(window_key)} label={window_label.to_string()} choices={windows.clone()} />
                if key == "pre_care" {
                    <Choice path={at.clone().key("always")} label="Shown to" boolean=true
                        choices={vec![(String::new(), "only visitors whose answer asks for it".to_string()), ("true".to_string(), "every visitor".to_string())]} />
                }
                <Field path={at.clone().key("source")} label="Source" />
            </>
        }
    });
    let heading = format!("{key}-heading");
    let template = vec![
        (
            window_key,
            Value::from(windows.first().map_or("", |w| w.0.as_str())),
        ),
        ("source", Value::from("")),
    ];
    html! {
        <section class="care" aria-labelledby={heading.clone()}>
            <h3 id={heading}>{ title }</h3>
            { listed }
            <NewItem list={list.clone()} taken={ids_in(&steps)} id={format!("new-{key}")}
                label="Add a step (what to do)" button="Add the step" text_key="text" template={template} />
        </section>
    }
}

#[component]
fn ProblemsPanel() -> Html {
    let ctx = use_context::<Ctx>().expect("inside the studio");
    let checked = ctx.draft().checked();
    let item = |problem: &ProtocolError, kind: &str| {
        let dispatch = ctx.dispatch.clone();
        let path = problem.path.clone();
        let go = Callback::from(move |_: MouseEvent| {
            dispatch.dispatch(Action::FocusField(path.clone()))
        });
        html! {
            <li class={kind.to_string()}>
                <button type="button" class="link" onclick={go}>{ if problem.path.is_empty() { "the file".to_string() } else { problem.path.clone() } }</button>
                { format!(": {}", problem.message) }
            </li>
        }
    };
    html! {
        <>
            <h2>{ "Problems" }</h2>
            if checked.errors.is_empty() && checked.warnings.is_empty() {
                <p class="ok">{ "No problems: this protocol passes the same checks as candidacy validate." }</p>
            } else {
                <p>{ format!("{} to fix before the file can be used, {} to look at. Each opens its field.",
                    plural(checked.errors.len(), "problem"), plural(checked.warnings.len(), "warning")) }</p>
                <ul class="problems">
                    { for checked.errors.iter().map(|p| item(p, "error")) }
                    { for checked.warnings.iter().map(|p| item(p, "warning")) }
                </ul>
            }
        </>
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

#[component]
fn RawPanel() -> Html {
    let ctx = use_context::<Ctx>().expect("inside the studio");
    raw_view(&ctx.studio, &ctx.dispatch)
}

fn raw_view(studio: &Studio, dispatch: &UseReducerDispatcher<Studio>) -> Html {
    let text = match (&studio.raw, &studio.draft) {
        (Some(raw), _) => raw.text.clone(),
        (None, Some(draft)) => draft.file(),
        (None, None) => String::new(),
    };
    let error = studio.raw.as_ref().and_then(|r| r.error.clone());
    let oninput = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(area) = e.target_dyn_into::<web_sys::HtmlTextAreaElement>() {
                dispatch.dispatch(Action::Raw(area.value()));
            }
        })
    };
    let apply = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::ApplyRaw))
    };
    html! {
        <>
            <h2>{ "Raw JSON" }</h2>
            <p>{ "The file as it will be downloaded. Edit it for what the forms do not show, then use it." }</p>
            if let Some(error) = &error {
                <p class="problem" id="raw-error">{ error.clone() }</p>
            }
            <label for="raw">{ "The protocol file" }</label>
            <textarea id="raw" class="raw" spellcheck="false" value={text} oninput={oninput}
                aria-describedby={error.is_some().then_some("raw-error")} />
            <button type="button" onclick={apply}>{ "Use this text" }</button>
        </>
    }
}

#[component]
fn CasesPanel() -> Html {
    let ctx = use_context::<Ctx>().expect("inside the studio");
    let protocol = ctx.studio.current_protocol();
    let today = ctx.studio.today;
    let results: Vec<(String, Result<String, String>)> = match (&ctx.studio.cases, protocol) {
        (Some(cases), Some(protocol)) => cases
            .cases
            .iter()
            .map(|c| (c.name.clone(), cases.run(protocol, c, today)))
            .collect(),
        (Some(cases), None) => cases
            .cases
            .iter()
            .map(|c| {
                (
                    c.name.clone(),
                    Err("not run: the protocol has problems".to_string()),
                )
            })
            .collect(),
        _ => Vec::new(),
    };
    let failed = results.iter().filter(|r| r.1.is_err()).count();
    let open = {
        let dispatch = ctx.dispatch.clone();
        Callback::from(move |e: Event| {
            read_chosen_file(e, dispatch.clone(), |_, text| Action::CasesOpened(text))
        })
    };
    let add = ctx.dispatch.to_callback().reform(Action::AddCase);
    let export = ctx.studio.cases.as_ref().map(|cases| {
        let text = cases.to_json();
        Callback::from(move |_: MouseEvent| {
            browser::download("cases.json", "application/json", &text)
        })
    });
    html! {
        <>
            <h2>{ "Cases" }</h2>
            <p>{ "Your own scenarios, in the file candidacy check reads. They run after every edit: an edit that changes a verdict shows here at once." }</p>
            <div class="field">
                <label for="cases-file">{ "Open a cases file" }</label>
                <input id="cases-file" type="file" accept=".json,application/json" onchange={open} />
            </div>
            if !results.is_empty() {
                <p class={classes!("summary", (failed > 0).then_some("failing"))} id="cases-summary">
                    { format!("{} passed, {failed} failed", results.len() - failed) }
                </p>
                <ul class="cases">
                    { for results.iter().enumerate().map(|(i, (name, result))| {
                        let dispatch = ctx.dispatch.clone();
                        let remove = Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::RemoveCase(i)));
                        let (mark, detail) = match result { Ok(d) => ("PASS", d), Err(d) => ("FAIL", d) };
                        html! {
                            <li class={mark.to_lowercase()}>
                                <strong>{ mark }</strong>{ format!(" {name}: {detail} ") }
                                <button type="button" class="quiet" onclick={remove} aria-label={format!("Remove the case {name}")}>{ "Remove" }</button>
                            </li>
                        }
                    }) }
                </ul>
            }
            <AddForm id="case-name" label="Name for a case from the preview's answers" button="Add the preview's answers as a case" on_add={add} />
            if let Some(export) = export {
                <button type="button" onclick={export}>{ "Download the cases file" }</button>
            }
        </>
    }
}

#[component]
fn ChangesPanel() -> Html {
    let ctx = use_context::<Ctx>().expect("inside the studio");
    let draft = ctx.draft();
    let said = changes(draft.opened(), draft.document());
    let has_review = draft.document().get("review").is_some();
    let keep = {
        let dispatch = ctx.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::KeepDraft))
    };
    let discard = {
        let dispatch = ctx.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::DiscardDraft))
    };
    html! {
        <>
            <h2>{ "Changes" }</h2>
            if said.is_empty() {
                <p>{ format!("No changes to {}.", ctx.studio.name) }</p>
            } else {
                <p>{ format!("{} since {} was opened:", plural(said.len(), "change"), ctx.studio.name) }</p>
                <ul class="changes">{ for said.iter().map(|c| html! { <li>{ c.clone() }</li> }) }</ul>
                if has_review {
                    <ReviewStatus document={draft.document().clone()} />
                }
            }
            <p>{ "The draft lives in this page only. To come back to it later in this browser:" }</p>
            <button type="button" onclick={keep}>{ "Keep the draft on this device" }</button>
            <button type="button" class="quiet" onclick={discard}>{ "Discard the kept draft" }</button>
        </>
    }
}

/// The SHA-256 of the document's canonical form (src/review.rs), computed by the browser's
/// WebCrypto, so that the studio's wasm carries no SHA-256 either. Reached through `js_sys`:
/// web-sys's `Crypto` and `SubtleCrypto` features, shared with the quiz's build, made the
/// quiz's wasm larger (1,776,119 -> 1,789,787 B before wasm-opt) though it never calls them.
async fn content_digest(document: &Value) -> Option<String> {
    use js_sys::{Function, Reflect, Uint8Array};
    let canonical = crate::review::canonical_value(document);
    let crypto = Reflect::get(&js_sys::global(), &"crypto".into()).ok()?;
    let subtle = Reflect::get(&crypto, &"subtle".into()).ok()?;
    let digest: Function = Reflect::get(&subtle, &"digest".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let promise: js_sys::Promise = digest
        .call2(
            &subtle,
            &"SHA-256".into(),
            &Uint8Array::from(canonical.as_bytes()),
        )
        .ok()?
        .dyn_into()
        .ok()?;
    let buffer = JsFuture::from(promise).await.ok()?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    Some(bytes.iter().map(|byte| format!("{byte:02x}")).collect())
}

/// The digest of the draft's content, recomputed after each edit (`None` until it is known, or
/// where the browser refuses WebCrypto).
#[hook]
fn use_content_digest(document: &Value) -> Option<String> {
    let digest = use_state(|| None::<String>);
    {
        let digest = digest.clone();
        use_effect_with(document.clone(), move |document| {
            let document = document.clone();
            wasm_bindgen_futures::spawn_local(async move {
                digest.set(content_digest(&document).await);
            });
        });
    }
    (*digest).clone()
}

/// Whether the file's review covers its rules as they are now, in a clinician's words.
#[derive(Properties, PartialEq)]
struct ReviewStatusProps {
    document: Value,
}

#[component]
fn ReviewStatus(props: &ReviewStatusProps) -> Html {
    let digest = use_content_digest(&props.document);
    let Some(review) = props.document.get("review") else {
        return html! {
            <p id="review-status">{ "No clinician's review: the quiz names no reviewer for these rules." }</p>
        };
    };
    let field = |key: &str| {
        review
            .get(key)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    let who = format!("{} ({}) on {}", field("name"), field("role"), field("date"));
    let (class, text) = match digest {
        None => ("", format!("Reviewed by {who}. Checking whether the review covers these rules…")),
        Some(digest) if digest.eq_ignore_ascii_case(&field("sha256")) => (
            "ok",
            format!("Reviewed by {who}: the review covers these rules as they are now, and the quiz names the reviewer."),
        ),
        Some(_) => (
            "problem",
            format!("Reviewed by {who}, but the rules have changed since: the quiz will not name the reviewer until a clinician reviews this version."),
        ),
    };
    html! { <p id="review-status" class={class}>{ text }</p> }
}

/// Records a clinician's sign-off of the rules as they are now, as `candidacy review` does: the
/// review names the digest of the content it covers.
#[component]
fn ReviewForm() -> Html {
    let ctx = use_context::<Ctx>().expect("inside the studio");
    let today = ctx.studio.today.to_string();
    let name = use_state(String::new);
    let role = use_state(String::new);
    let date = use_state(|| today.clone());
    let next_due = use_state(String::new);
    let onsubmit = {
        let ctx = ctx.clone();
        let (name, role, date, next_due) =
            (name.clone(), role.clone(), date.clone(), next_due.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let invalid = |text: &str| !text.is_empty() && text.parse::<crate::Date>().is_err();
            if invalid(&date) || invalid(&next_due) {
                ctx.dispatch.dispatch(Action::Refused(
                    "Not recorded: a date is a day of the calendar, such as 2027-01-31.".into(),
                ));
                return;
            }
            let document = ctx.draft().document().clone();
            let (ctx, name, role, date, next_due) = (
                ctx.clone(),
                name.trim().to_string(),
                role.trim().to_string(),
                (*date).clone(),
                (*next_due).clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                let Some(digest) = content_digest(&document).await else {
                    ctx.dispatch.dispatch(Action::Refused(
                        "Not recorded: this browser will not compute the file's digest here (it needs a page served over https or from this computer). Use candidacy review instead.".into(),
                    ));
                    return;
                };
                let mut review = Object::default();
                review.push("name", name);
                review.push("role", role);
                review.push("date", date);
                if !next_due.is_empty() {
                    review.push("next_due", next_due);
                }
                review.push("sha256", digest);
                ctx.edit(Edit::Set(Path::root().key("review"), Value::Object(review)));
            });
        })
    };
    let date_input = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                state.set(input.value());
            }
        })
    };
    html! {
        <form class="review-form" onsubmit={onsubmit} aria-labelledby="review-form-heading">
            <h4 id="review-form-heading">{ "Record a clinician's sign-off" }</h4>
            <p>{ "Only for the clinician who has read these rules as they are now (Problems, Changes and the preview help). An edit after this ends the review." }</p>
            <label for="review-name">{ "Clinician's name" }</label>
            <input id="review-name" value={(*name).clone()} oninput={typed(name.clone())} required=true autocomplete="name" />
            <label for="review-role">{ "Role or credential" }</label>
            <input id="review-role" value={(*role).clone()} oninput={typed(role.clone())} required=true
                placeholder="Dermatologist" />
            <label for="review-date">{ "Reviewed on" }</label>
            <input id="review-date" type="date" value={(*date).clone()} oninput={date_input(&date)} required=true max={today} />
            <label for="review-next-due">{ "Next review due (optional)" }</label>
            <input id="review-next-due" type="date" value={(*next_due).clone()} oninput={date_input(&next_due)} />
            <button type="submit">{ "Record the review" }</button>
        </form>
    }
}

#[component]
fn PublishPanel() -> Html {
    let ctx = use_context::<Ctx>().expect("inside the studio");
    let draft = ctx.draft();
    let valid = draft.checked().valid().is_some();
    let name = if ctx.studio.name.ends_with(".json") && !ctx.studio.name.contains('/') {
        ctx.studio.name.clone()
    } else {
        format!(
            "{}.json",
            ctx.studio
                .name
                .rsplit('/')
                .next()
                .unwrap_or("protocol")
                .trim_end_matches(".json")
        )
    };
    let download = {
        let (text, name) = (draft.file(), name.clone());
        Callback::from(move |_: MouseEvent| browser::download(&name, "application/json", &text))
    };
    let save_to_host = {
        let (text, dispatch) = (draft.file(), ctx.dispatch.clone());
        Callback::from(move |_: MouseEvent| {
            let mut message = Object::default();
            message.push("save", text.as_str());
            post_to_host(&Value::Object(message).to_string());
            dispatch.dispatch(Action::SavedToHost);
        })
    };
    let snippet = format!(
        "<div data-candidacy-quiz data-protocol=\"protocols/{name}\"></div>\n<script src=\"https://your-quiz-site.example/embed.js\" async></script>"
    );
    html! {
        <>
            <h2>{ "Publish" }</h2>
            if !valid {
                <p class="problem">{ "The protocol has problems: the quiz would refuse this file. Fix them first (Problems)." }</p>
            }
            if ctx.studio.embedded {
                <button type="button" class="primary" onclick={save_to_host} disabled={!valid}>{ "Save to the site" }</button>
                <p>{ "Saves the protocol in your site's settings; the quiz on your pages uses it from then on." }</p>
            }
            <button type="button" onclick={download} disabled={!valid}>{ format!("Download {name}") }</button>
            // Where the site keeps the protocol itself (the WordPress plugin), there is no file to
            // put anywhere and no snippet to paste.
            if !ctx.studio.embedded {
                <ol class="steps">
                    <li>{ format!("Put {name} in the protocols folder of your quiz site (beside index.html).") }</li>
                    <li>{ "Check it once more, if you like, with: candidacy validate protocols/" }{ name.clone() }</li>
                    <li>{ "Point the widget at it on your clinic's pages:" }</li>
                </ol>
                <label for="snippet">{ "The widget snippet" }</label>
                <textarea id="snippet" class="snippet" readonly=true value={snippet} rows="3" />
            }
            <section class="review" aria-labelledby="review-heading">
                <h3 id="review-heading">{ "Clinician's review" }</h3>
                <ReviewStatus document={draft.document().clone()} />
                if valid {
                    <ReviewForm />
                }
            </section>
        </>
    }
}

/// Whether the studio was opened in a frame to save to the page around it (`?embedded`).
fn embedded() -> bool {
    let window = gloo::utils::window();
    let framed = window
        .parent()
        .ok()
        .flatten()
        .is_some_and(|parent| !js_sys::Object::is(&parent, &window));
    framed
        && window
            .location()
            .search()
            .is_ok_and(|search| search.split(['?', '&']).any(|p| p == "embedded"))
}

/// Posts `message` (JSON text) to the page around the studio, on the studio's own origin only.
fn post_to_host(message: &str) {
    let window = gloo::utils::window();
    if let (Ok(Some(parent)), Ok(origin)) = (window.parent(), window.location().origin()) {
        if !js_sys::Object::is(&parent, &window) {
            let _ = parent.post_message(&message.into(), &origin);
        }
    }
}

/// Reads the file chosen in a file input; the action gets its name and text.
fn read_chosen_file(
    event: Event,
    dispatch: UseReducerDispatcher<Studio>,
    action: fn(String, String) -> Action,
) {
    let Some(input) = event.target_dyn_into::<web_sys::HtmlInputElement>() else {
        return;
    };
    let Some(file) = input.files().and_then(|files| files.get(0)) else {
        return;
    };
    read_file(file, dispatch, action);
    input.set_value("");
}

fn read_file(
    file: web_sys::File,
    dispatch: UseReducerDispatcher<Studio>,
    action: fn(String, String) -> Action,
) {
    let name = file.name();
    if file.size() > MAX_FILE_BYTES as f64 {
        dispatch.dispatch(Action::Refused(format!(
            "{name} is {:.0} KB: a protocol file is well under 1,000 KB, so this is not one. Nothing was opened.",
            file.size() / 1000.0
        )));
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        match JsFuture::from(file.text()).await {
            Ok(text) => dispatch.dispatch(action(name, text.as_string().unwrap_or_default())),
            Err(_) => dispatch.dispatch(Action::Refused(format!("{name} could not be read."))),
        }
    });
}

async fn fetch_text(path: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("no window")?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(path))
        .await
        .map_err(|_| format!("{path} could not be fetched"))?
        .unchecked_into();
    if !response.ok() {
        return Err(format!("{path} answered {}", response.status()));
    }
    let text = JsFuture::from(response.text().map_err(|_| "no text".to_string())?)
        .await
        .map_err(|_| format!("{path} could not be read"))?;
    Ok(text.as_string().unwrap_or_default())
}

/// The address of a protocol published in the site's `protocols/` folder, from its name
/// (`clinic` or `clinic.json`); `None` for anything that could lead elsewhere.
fn published_path(name: &str) -> Option<String> {
    let name = name.trim();
    let name = name.strip_prefix("protocols/").unwrap_or(name);
    let name = name.strip_suffix(".json").unwrap_or(name);
    let plain = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    plain.then(|| format!("../protocols/{name}.json"))
}

fn open_published(dispatch: UseReducerDispatcher<Studio>, path: String) {
    wasm_bindgen_futures::spawn_local(async move {
        match fetch_text(&path).await {
            Ok(text) => dispatch.dispatch(Action::Open {
                name: path.trim_start_matches("../").to_string(),
                text,
            }),
            Err(message) => dispatch.dispatch(Action::Refused(format!("Not opened: {message}."))),
        }
    });
}

#[component]
fn Preview() -> Html {
    let ctx = use_context::<Ctx>().expect("inside the studio");
    let studio = &ctx.studio;
    let Some(protocol) = studio.last_valid.clone() else {
        return html! {
            <section class="preview" aria-labelledby="preview-heading">
                <h2 id="preview-heading">{ "Preview" }</h2>
                <p>{ "The preview starts once the protocol passes its checks (see Problems)." }</p>
            </section>
        };
    };
    let stale = studio.current_protocol().is_none();
    let on_progress = {
        let dispatch = ctx.dispatch.clone();
        Callback::from(move |saved: Option<String>| dispatch.dispatch(Action::Progress(saved)))
    };
    let go_to = {
        let dispatch = ctx.dispatch.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                let step = select.value();
                select.set_value("");
                if !step.is_empty() {
                    dispatch.dispatch(Action::PreviewGoTo(step));
                }
            }
        })
    };
    let restart = {
        let dispatch = ctx.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::RestartPreview))
    };
    // The preview's progress, bound to the protocol as it is now (its id or revision may
    // have been edited).
    let resume = studio.preview.as_deref().and_then(|saved| {
        with_field(saved, "protocol", &protocol.0.id)
            .and_then(|s| with_field(&s, "version", &protocol.0.version))
    });
    let steps: Vec<(String, String)> = protocol
        .0
        .questions
        .iter()
        .map(|q| {
            (
                format!("question:{}", q.id),
                format!("Question: {}", q.id.replace('_', " ")),
            )
        })
        .chain([
            ("review".to_string(), "The answers' review".to_string()),
            ("result".to_string(), "The result".to_string()),
        ])
        .collect();
    html! {
        <section class="preview" aria-labelledby="preview-heading">
            <div class="preview-bar">
                <h2 id="preview-heading">{ "Preview" }</h2>
                <label for="preview-go">{ "Go to" }</label>
                <select id="preview-go" onchange={go_to}>
                    <option value="" selected=true>{ "…" }</option>
                    { for steps.iter().map(|(key, shown)| html! { <option value={key.clone()}>{ shown.clone() }</option> }) }
                </select>
                <button type="button" class="quiet" onclick={restart}>{ "Start over" }</button>
            </div>
            if stale {
                <p class="problem" role="status">{ "The preview shows the last version without problems; fix the problems to see your latest edits." }</p>
            }
            <div class="preview-frame">
                <App key={studio.preview_serial} protocol={protocol} browser_integration={false}
                    resume={resume.map(AttrValue::from)} on_progress={on_progress} />
            </div>
        </section>
    }
}

#[component]
fn OpenBar() -> Html {
    let ctx = use_context::<Ctx>().expect("inside the studio");
    let published = use_state(|| TREATMENTS[0].to_string());
    let dragging = use_state(|| false);
    let open_default = {
        let dispatch = ctx.dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            open_published(dispatch.clone(), "../protocols/microneedling.json".into())
        })
    };
    let open_chosen = {
        let (dispatch, published) = (ctx.dispatch.clone(), published.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match published_path(&published) {
                Some(path) => open_published(dispatch.clone(), path),
                None => dispatch.dispatch(Action::Refused(
                    "A protocol of this site is named by its file in protocols/, such as rf-microneedling or clinic.json.".into(),
                )),
            }
        })
    };
    let open_file = {
        let dispatch = ctx.dispatch.clone();
        Callback::from(move |e: Event| {
            read_chosen_file(e, dispatch.clone(), |name, text| Action::Open {
                name,
                text,
            })
        })
    };
    let ondragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(true);
        })
    };
    let ondragleave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let ondrop = {
        let (dispatch, dragging) = (ctx.dispatch.clone(), dragging.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            if let Some(file) = e
                .data_transfer()
                .and_then(|d| d.files())
                .and_then(|f| f.get(0))
            {
                read_file(file, dispatch.clone(), |name, text| Action::Open {
                    name,
                    text,
                });
            }
        })
    };
    html! {
        <section class={classes!("open", (*dragging).then_some("dragging"))} aria-labelledby="open-heading"
            ondragover={ondragover} ondragleave={ondragleave} ondrop={ondrop}>
            <h2 id="open-heading">{ "Open a protocol" }</h2>
            <div class="open-ways">
                <button type="button" onclick={open_default}>{ "Open the default protocol" }</button>
                <form onsubmit={open_chosen} class="inline">
                    <label for="published">{ "A protocol of this site, in protocols/" }</label>
                    <input id="published" list="published-list" value={(*published).clone()} oninput={typed(published.clone())}
                        required=true spellcheck="false" autocapitalize="none" />
                    <datalist id="published-list">
                        { for TREATMENTS.iter().map(|t| html! { <option value={*t} /> }) }
                    </datalist>
                    <button type="submit">{ "Open" }</button>
                </form>
                <div class="field">
                    <label for="protocol-file">{ "A file from this computer (or drop it here)" }</label>
                    <input id="protocol-file" type="file" accept=".json,application/json" onchange={open_file} />
                </div>
            </div>
        </section>
    }
}

#[component]
pub fn StudioApp() -> Html {
    let studio = use_reducer(|| Studio {
        embedded: embedded(),
        ..Studio::new(browser::today())
    });
    let dispatch = studio.dispatcher();
    // A draft kept on this device opens as it was left.
    {
        let dispatch = dispatch.clone();
        use_effect_with((), move |()| {
            if let Some(kept) = browser::local_get(DRAFT_KEY) {
                if let Ok(value) = json::parse(&kept) {
                    let name = value
                        .get("name")
                        .and_then(Value::as_str)
                        .unwrap_or("draft.json")
                        .to_string();
                    if let (Some(opened), Some(document)) =
                        (value.get("opened"), value.get("document"))
                    {
                        dispatch.dispatch(Action::Open {
                            name,
                            text: opened.to_string(),
                        });
                        dispatch.dispatch(Action::Edit(Edit::Replace(document.clone())));
                    }
                }
            }
        });
    }
    // In a frame of the site's own page (the WordPress plugin), that page sends the protocol
    // it keeps: `{"open": {"name": …, "text": …}}` as a JSON string, from the same origin only.
    {
        let dispatch = dispatch.clone();
        let embedded = studio.embedded;
        use_effect_with((), move |()| {
            let listener = embedded.then(|| {
                gloo::events::EventListener::new(&gloo::utils::window(), "message", move |event| {
                    let Some(event) = event.dyn_ref::<web_sys::MessageEvent>() else {
                        return;
                    };
                    if Some(event.origin()) != gloo::utils::window().location().origin().ok() {
                        return;
                    }
                    let Some(Ok(message)) = event.data().as_string().map(|t| json::parse(&t))
                    else {
                        return;
                    };
                    let open = message.get("open");
                    let field = |key| open.and_then(|o| o.get(key)).and_then(Value::as_str);
                    if let (Some(name), Some(text)) = (field("name"), field("text")) {
                        dispatch.dispatch(Action::Open {
                            name: name.to_string(),
                            text: text.to_string(),
                        });
                    }
                })
            });
            if embedded {
                post_to_host(r#"{"ready":true}"#);
            }
            move || drop(listener)
        });
    }
    // Focus to a field a problem is about (or the nearest field around it), after it renders.
    {
        let focus = studio.focus.clone();
        use_effect_with(focus.as_ref().map(|f| f.1), move |_| {
            if let Some((path, _)) = focus {
                let mut at = Path::parse(&path);
                while let Some(path) = at {
                    let id = field_id(&path);
                    if gloo::utils::document().get_element_by_id(&id).is_some() {
                        browser::focus(&id);
                        return;
                    }
                    at = path.parent().map(|(parent, _)| parent);
                }
                browser::focus("panel");
            }
        });
    }
    let ctx = Ctx {
        studio: studio.clone(),
        dispatch: dispatch.clone(),
    };
    let undo = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Undo))
    };
    let redo = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Redo))
    };
    let onkeydown = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: KeyboardEvent| {
            let in_text = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
                .is_some_and(|t| matches!(t.tag_name().as_str(), "INPUT" | "TEXTAREA"));
            if (e.ctrl_key() || e.meta_key()) && !in_text && e.key().eq_ignore_ascii_case("z") {
                e.prevent_default();
                dispatch.dispatch(if e.shift_key() {
                    Action::Redo
                } else {
                    Action::Undo
                });
            }
        })
    };
    let draft = studio.draft.as_ref();
    let errors = draft.map_or(0, |d| d.checked().errors.len());
    let panel = studio.panel;
    let body = match (draft, panel) {
        (None, _) if studio.raw.is_some() => raw_view(&studio, &dispatch),
        (None, _) => html! {
            <p>{ "Open the default protocol to start from it, or a file of your own. Nothing you open or change leaves this browser." }</p>
        },
        (Some(_), Panel::Clinic) => html! { <ClinicPanel /> },
        (Some(_), Panel::Windows) => html! { <WindowsPanel /> },
        (Some(_), Panel::Questions) => html! { <QuestionsPanel /> },
        (Some(_), Panel::Texts) => html! { <TextsPanel /> },
        (Some(_), Panel::Plan) => html! { <PlanPanel /> },
        (Some(_), Panel::Cases) => html! { <CasesPanel /> },
        (Some(_), Panel::Changes) => html! { <ChangesPanel /> },
        (Some(_), Panel::Problems) => html! { <ProblemsPanel /> },
        (Some(_), Panel::Raw) => html! { <RawPanel /> },
        (Some(_), Panel::Publish) => html! { <PublishPanel /> },
    };
    html! {
        <ContextProvider<Ctx> context={ctx}>
            <div class="studio" onkeydown={onkeydown}>
                <header class="studio-bar">
                    <h1>{ "Protocol Studio" }</h1>
                    if let Some(draft) = draft {
                        <p class="file">{ format!("Editing {}", studio.name) }</p>
                        <div class="history">
                            <button type="button" onclick={undo} disabled={!draft.can_undo()}>{ "Undo" }</button>
                            <button type="button" onclick={redo} disabled={!draft.can_redo()}>{ "Redo" }</button>
                        </div>
                    }
                </header>
                <div class="visually-hidden" role="status" aria-live="polite">{ studio.status.clone() }</div>
                if let Some(alert) = &studio.alert {
                    <p class="alert" role="alert">{ alert.clone() }</p>
                }
                <OpenBar />
                if draft.is_some() {
                    <div class="view-switch" role="group" aria-label="Show">
                        { for [(false, "Editor"), (true, "Preview")].into_iter().map(|(preview, name)| {
                            let dispatch = dispatch.clone();
                            html! {
                                <button type="button" aria-pressed={(studio.show_preview == preview).to_string()}
                                    onclick={Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::ShowPreview(preview)))}>{ name }</button>
                            }
                        }) }
                    </div>
                }
                <div class={classes!("workspace", if studio.show_preview { "showing-preview" } else { "showing-editor" })}>
                    <section class="editor" aria-label="Editor">
                        if draft.is_some() {
                            <nav aria-label="Parts of the protocol">
                                <ul class="panels">
                                    { for PANELS.iter().map(|(p, name)| {
                                        let dispatch = dispatch.clone();
                                        let p = *p;
                                        let shown = if p == Panel::Problems { format!("{name} ({errors})") } else { name.to_string() };
                                        html! {
                                            <li><button type="button" aria-current={(p == panel).then_some("true")}
                                                onclick={Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Show(p)))}>{ shown }</button></li>
                                        }
                                    }) }
                                </ul>
                            </nav>
                        }
                        <div class="panel" id="panel" tabindex="-1">{ body }</div>
                    </section>
                    if draft.is_some() {
                        <Preview />
                    }
                </div>
            </div>
        </ContextProvider<Ctx>>
    }
}
