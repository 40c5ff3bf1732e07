//! The protocol a clinic is editing: its JSON document, the edits made to it (with undo and
//! redo), and what the project's validator says about it after each one.
//!
//! The studio edits the document rather than the model, so that a file that does not validate
//! still opens, every problem's path (`questions[2].options[0].label`) names the field it is
//! about, and the file downloaded keeps the order it was opened with. The model is read from the
//! document after every edit, by the quiz's own reader, and runs the preview and the cases.

use std::fmt;
use std::rc::Rc;

use crate::json::{Member, Object, Value};
use crate::protocol::Protocol;
use crate::validate::{self, ProtocolError};

/// Where a value is in the document: `plan.pre_care[1].text.es`, as the validator writes it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Path(pub Vec<Step>);

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Step {
    Key(String),
    Index(usize),
}

impl Path {
    pub fn root() -> Path {
        Path(Vec::new())
    }

    /// Reads `a.b[2].c`; `None` for text that is not a path.
    pub fn parse(text: &str) -> Option<Path> {
        let mut steps = Vec::new();
        for part in text.split('.').filter(|p| !p.is_empty()) {
            let (key, mut rest) = part.split_at(part.find('[').unwrap_or(part.len()));
            if !key.is_empty() {
                steps.push(Step::Key(key.to_string()));
            }
            while let Some(inner) = rest.strip_prefix('[') {
                let end = inner.find(']')?;
                steps.push(Step::Index(inner[..end].parse().ok()?));
                rest = &inner[end + 1..];
            }
            if !rest.is_empty() {
                return None;
            }
        }
        Some(Path(steps))
    }

    pub fn key(mut self, key: &str) -> Path {
        self.0.push(Step::Key(key.to_string()));
        self
    }

    pub fn index(mut self, index: usize) -> Path {
        self.0.push(Step::Index(index));
        self
    }

    pub fn parent(&self) -> Option<(Path, &Step)> {
        let (last, rest) = self.0.split_last()?;
        Some((Path(rest.to_vec()), last))
    }

    /// Whether `self` is `other` or inside it.
    pub fn within(&self, other: &Path) -> bool {
        self.0.starts_with(&other.0)
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, step) in self.0.iter().enumerate() {
            match step {
                Step::Key(key) if i == 0 => f.write_str(key)?,
                Step::Key(key) => write!(f, ".{key}")?,
                Step::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

/// The value at `path`.
pub fn get<'a>(value: &'a Value, path: &Path) -> Option<&'a Value> {
    path.0
        .iter()
        .try_fold(value, |value, step| match (value, step) {
            (Value::Object(object), Step::Key(key)) => object.get(key),
            (Value::Array(items), Step::Index(i)) => items.get(*i),
            _ => None,
        })
}

pub(crate) fn get_mut<'a>(value: &'a mut Value, path: &Path) -> Option<&'a mut Value> {
    path.0
        .iter()
        .try_fold(value, |value, step| match (value, step) {
            (Value::Object(object), Step::Key(key)) => object
                .0
                .iter_mut()
                .rev()
                .find(|m| &m.key == key)
                .map(|m| &mut m.value),
            (Value::Array(items), Step::Index(i)) => items.get_mut(*i),
            _ => None,
        })
}

/// One change to the document, as the forms make it.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Sets the value at a path, adding the member (and the objects above it) when missing.
    Set(Path, Value),
    /// Removes an object's member or a list's item.
    Remove(Path),
    /// Inserts an item into the list at the path.
    Insert(Path, usize, Value),
    /// Moves a list's item from one place to another.
    Move(Path, usize, usize),
    /// The whole document (the raw JSON view, a file opened).
    Replace(Value),
}

/// Why an edit was not made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The path is not in the document (or not of the kind the edit needs).
    NoSuchPlace(String),
    /// Removing it would leave these places referring to nothing: each problem the validator
    /// would then report that it does not report now.
    StillReferred(Vec<ProtocolError>),
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::NoSuchPlace(path) => write!(f, "there is nothing at {path}"),
            Refusal::StillReferred(places) => {
                f.write_str("it is still referred to: ")?;
                let places: Vec<String> = places.iter().map(ToString::to_string).collect();
                f.write_str(&places.join("; "))
            }
        }
    }
}

fn apply(document: &mut Value, edit: Edit) -> Result<(), Refusal> {
    let missing = |path: &Path| Refusal::NoSuchPlace(path.to_string());
    match edit {
        Edit::Replace(value) => *document = value,
        Edit::Set(path, value) => set(document, &path, value).ok_or_else(|| missing(&path))?,
        Edit::Remove(path) => {
            let (parent, last) = path.parent().ok_or_else(|| missing(&path))?;
            match (get_mut(document, &parent), last) {
                (Some(Value::Object(object)), Step::Key(key))
                    if object.0.iter().any(|m| &m.key == key) =>
                {
                    object.0.retain(|m| &m.key != key)
                }
                (Some(Value::Array(items)), Step::Index(i)) if *i < items.len() => {
                    items.remove(*i);
                }
                _ => return Err(missing(&path)),
            }
        }
        Edit::Insert(path, index, value) => match get_mut(document, &path) {
            Some(Value::Array(items)) if index <= items.len() => items.insert(index, value),
            _ => return Err(missing(&path)),
        },
        Edit::Move(path, from, to) => match get_mut(document, &path) {
            Some(Value::Array(items)) if from < items.len() && to < items.len() => {
                let item = items.remove(from);
                items.insert(to, item);
            }
            _ => return Err(missing(&path)),
        },
    }
    Ok(())
}

/// Sets the value at `path`, adding members and objects on the way; `None` where a step meets
/// something else than an object with that key or a list with that index.
fn set(document: &mut Value, path: &Path, value: Value) -> Option<()> {
    let Some((last, steps)) = path.0.split_last() else {
        *document = value;
        return Some(());
    };
    let mut at = document;
    for step in steps {
        at = match (at, step) {
            (Value::Object(object), Step::Key(key)) => {
                if object.get(key).is_none() {
                    object.push(key, Value::Object(Object::default()));
                }
                get_mut_member(object, key)?
            }
            (Value::Array(items), Step::Index(i)) => items.get_mut(*i)?,
            _ => return None,
        };
    }
    match (at, last) {
        (Value::Object(object), Step::Key(key)) => match get_mut_member(object, key) {
            Some(slot) => *slot = value,
            None => object.0.push(Member {
                key: key.clone(),
                value,
                at: 0,
            }),
        },
        (Value::Array(items), Step::Index(i)) => *items.get_mut(*i)? = value,
        _ => return None,
    }
    Some(())
}

fn get_mut_member<'a>(object: &'a mut Object, key: &str) -> Option<&'a mut Value> {
    object
        .0
        .iter_mut()
        .rev()
        .find(|m| m.key == key)
        .map(|m| &mut m.value)
}

/// What the validator says about a document: the model when it reads, and every problem.
#[derive(Clone, Debug)]
pub struct Checked {
    /// The model, when the document has the protocol's shape (it may still have errors).
    pub protocol: Option<Protocol>,
    pub errors: Vec<ProtocolError>,
    pub warnings: Vec<ProtocolError>,
}

impl Checked {
    /// The model, when the protocol is valid: what the preview and the cases run.
    pub fn valid(&self) -> Option<&Protocol> {
        self.protocol.as_ref().filter(|_| self.errors.is_empty())
    }
}

/// `candidacy validate`'s findings for a document (the reader's first shape problem, or the
/// checker's errors and warnings).
pub fn check(document: &Value) -> Checked {
    match crate::read::protocol_from_value(document) {
        Err(error) => Checked {
            protocol: None,
            errors: vec![error],
            warnings: Vec::new(),
        },
        Ok(protocol) => {
            let findings = validate::findings(&protocol, true);
            Checked {
                protocol: Some(protocol),
                errors: findings.errors,
                warnings: findings.warnings,
            }
        }
    }
}

/// The document being edited, the one it was opened as, and the way back and forth.
#[derive(Clone, Debug)]
pub struct Draft {
    opened: Rc<Value>,
    /// Shared, like the rest: the studio's state is copied on every action, and a copy of the
    /// draft must not copy the document and its model.
    document: Rc<Value>,
    checked: Rc<Checked>,
    /// Earlier documents, shared: the studio's state is copied on every action.
    undo: Vec<Rc<Value>>,
    redo: Vec<Rc<Value>>,
    /// The field the last edit set: typing in one field is one step of undo, not one per key.
    last_set: Option<Path>,
}

/// How many edits undo can take back.
const HISTORY: usize = 200;

impl Draft {
    pub fn open(document: Value) -> Draft {
        let document = Rc::new(document);
        Draft {
            checked: Rc::new(check(&document)),
            opened: Rc::clone(&document),
            document,
            undo: Vec::new(),
            redo: Vec::new(),
            last_set: None,
        }
    }

    pub fn document(&self) -> &Value {
        &self.document
    }

    pub fn opened(&self) -> &Value {
        &self.opened
    }

    pub fn checked(&self) -> &Checked {
        &self.checked
    }

    pub fn get(&self, path: &Path) -> Option<&Value> {
        get(&self.document, path)
    }

    /// Makes an edit, or says why not. A removal that would leave a reference dangling (a
    /// window an outcome waits for, a question the plan reads) is refused with those places.
    /// Edits of the same field in a row are one step of undo.
    pub fn edit(&mut self, edit: Edit) -> Result<(), Refusal> {
        let removal = matches!(edit, Edit::Remove(_));
        let set = match &edit {
            Edit::Set(path, _) => Some(path.clone()),
            _ => None,
        };
        let mut document = Value::clone(&self.document);
        apply(&mut document, edit)?;
        if document == *self.document {
            return Ok(());
        }
        let checked = check(&document);
        if removal {
            let new: Vec<ProtocolError> = checked
                .errors
                .iter()
                .filter(|e| !self.checked.errors.contains(e))
                .cloned()
                .collect();
            if !new.is_empty() {
                return Err(Refusal::StillReferred(new));
            }
        }
        let previous = std::mem::replace(&mut self.document, Rc::new(document));
        if set.is_none() || set != self.last_set || self.undo.is_empty() {
            self.undo.push(previous);
            if self.undo.len() > HISTORY {
                self.undo.remove(0);
            }
        }
        self.last_set = set;
        self.redo.clear();
        self.checked = Rc::new(checked);
        Ok(())
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn undo(&mut self) {
        if let Some(previous) = self.undo.pop() {
            let current = std::mem::replace(&mut self.document, previous);
            self.redo.push(current);
            self.checked = Rc::new(check(&self.document));
            self.last_set = None;
        }
    }

    pub fn redo(&mut self) {
        if let Some(next) = self.redo.pop() {
            let current = std::mem::replace(&mut self.document, next);
            self.undo.push(current);
            self.checked = Rc::new(check(&self.document));
            self.last_set = None;
        }
    }

    /// The file to download: pretty-printed, members in the order they were opened or added.
    pub fn file(&self) -> String {
        self.document.pretty()
    }
}

/// An id for a new item, from its label: lower case, words joined by `_`, unlike any in `taken`.
pub fn propose_id<'a>(label: &str, taken: impl IntoIterator<Item = &'a str> + Clone) -> String {
    let mut id = String::new();
    for c in label.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            id.push(c);
        } else if !id.is_empty() && !id.ends_with('_') {
            id.push('_');
        }
    }
    let id = id.trim_end_matches('_');
    let base = if id.is_empty() { "item" } else { id }.to_string();
    let free = |candidate: &str| !taken.clone().into_iter().any(|t| t == candidate);
    if free(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}_{n}"))
        .find(|candidate| free(candidate))
        .expect("some number is free")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json;

    fn default_draft() -> Draft {
        let text = std::fs::read_to_string("static/protocols/microneedling.json").unwrap();
        Draft::open(json::parse(&text).unwrap())
    }

    fn path(text: &str) -> Path {
        Path::parse(text).unwrap()
    }

    #[test]
    fn paths_read_as_the_validator_writes_them() {
        for text in [
            "questions[2].options[0].label",
            "windows.isotretinoin",
            "plan.pre_care[1].text.es",
        ] {
            assert_eq!(path(text).to_string(), text);
        }
        assert_eq!(Path::parse("a[x]"), None);
        assert_eq!(Path::parse("a[1]b"), None);
    }

    #[test]
    fn the_shipped_files_are_written_back_exactly() {
        for name in crate::protocol::TREATMENTS {
            let text = std::fs::read_to_string(format!("static/protocols/{name}.json")).unwrap();
            let draft = Draft::open(json::parse(&text).unwrap());
            assert_eq!(draft.file(), text, "{name}");
            assert!(draft.checked().valid().is_some(), "{name}");
        }
    }

    #[test]
    fn an_edit_is_checked_and_can_be_undone_and_redone() {
        let mut draft = default_draft();
        let amount = path("windows.isotretinoin.amount");
        draft.edit(Edit::Set(amount.clone(), 12i64.into())).unwrap();
        assert_eq!(draft.get(&amount), Some(&Value::from(12i64)));
        assert_eq!(
            draft
                .checked()
                .valid()
                .unwrap()
                .window("isotretinoin")
                .unwrap()
                .amount,
            12
        );
        draft
            .edit(Edit::Set(path("windows.isotretinoin.unit"), "weeks".into()))
            .unwrap();
        draft.undo();
        // Typing "-1" in one field: two edits, one step back.
        draft.edit(Edit::Set(amount.clone(), "-".into())).unwrap();
        draft
            .edit(Edit::Set(amount.clone(), (-1i64).into()))
            .unwrap();
        assert!(draft.checked().valid().is_none());
        assert!(draft.checked().errors[0]
            .path
            .starts_with("windows.isotretinoin"));
        draft.undo();
        assert_eq!(draft.get(&amount), Some(&Value::from(12i64)));
        assert!(draft.checked().valid().is_some());
        draft.undo();
        assert_eq!(draft.document(), draft.opened());
        assert!(!draft.can_undo());
        draft.redo();
        draft.redo();
        assert_eq!(draft.get(&amount), Some(&Value::from(-1i64)));
        assert!(!draft.can_redo());
    }

    #[test]
    fn removing_what_is_referred_to_is_refused_with_the_places() {
        let mut draft = default_draft();
        let refused = draft
            .edit(Edit::Remove(path("windows.isotretinoin")))
            .unwrap_err();
        let Refusal::StillReferred(places) = refused else {
            panic!("{refused:?}")
        };
        assert!(
            places.iter().any(|p| p.path.starts_with("questions[")),
            "{places:?}"
        );
        assert_eq!(draft.document(), draft.opened());
        // A question the plan does not read can go.
        let questions = draft.get(&path("questions")).unwrap().clone();
        let Value::Array(items) = &questions else {
            panic!()
        };
        let keloids = items
            .iter()
            .position(|q| q.get("id").and_then(Value::as_str) == Some("keloids"))
            .unwrap();
        draft
            .edit(Edit::Remove(path("questions").index(keloids)))
            .unwrap();
        assert!(draft.checked().valid().is_some());
        assert!(draft
            .checked()
            .valid()
            .unwrap()
            .question("keloids")
            .is_none());
        // The plan's concerns question cannot.
        let concerns = items
            .iter()
            .position(|q| q.get("id").and_then(Value::as_str) == Some("concerns"))
            .unwrap();
        let index = if concerns > keloids {
            concerns - 1
        } else {
            concerns
        };
        assert!(draft
            .edit(Edit::Remove(path("questions").index(index)))
            .is_err());
    }

    #[test]
    fn set_adds_what_is_missing_and_refuses_what_cannot_be() {
        let mut draft = default_draft();
        draft
            .edit(Edit::Set(path("clinic.name"), "Clínica Sol".into()))
            .unwrap();
        assert_eq!(
            draft
                .checked()
                .valid()
                .unwrap()
                .clinic
                .as_ref()
                .unwrap()
                .name,
            "Clínica Sol"
        );
        assert!(draft
            .file()
            .contains("\"clinic\": {\n    \"name\": \"Clínica Sol\"\n  }"));
        assert_eq!(
            draft.edit(Edit::Set(path("questions[999].id"), "x".into())),
            Err(Refusal::NoSuchPlace("questions[999].id".into()))
        );
        assert_eq!(
            draft.edit(Edit::Set(path("format.x"), "x".into())),
            Err(Refusal::NoSuchPlace("format.x".into()))
        );
    }

    #[test]
    fn moving_and_inserting_reorder_a_list() {
        let mut draft = default_draft();
        let first = draft.get(&path("sections[0].id")).cloned();
        draft.edit(Edit::Move(path("sections"), 0, 1)).unwrap();
        assert_eq!(draft.get(&path("sections[1].id")).cloned(), first);
        let section = json::parse(
            r#"{"id": "extra", "title": {"en": "Extra", "es": "Extra", "ar": "إضافي"}}"#,
        )
        .unwrap();
        draft
            .edit(Edit::Insert(path("sections"), 0, section))
            .unwrap();
        assert_eq!(
            draft.get(&path("sections[0].id")),
            Some(&Value::from("extra"))
        );
    }

    #[test]
    fn ids_are_proposed_from_labels() {
        assert_eq!(
            propose_id("Do you have a pacemaker?", ["x"]),
            "do_you_have_a_pacemaker"
        );
        assert_eq!(propose_id("Pacemaker", ["pacemaker"]), "pacemaker_2");
        assert_eq!(propose_id("¿?", std::iter::empty()), "item");
    }
}
