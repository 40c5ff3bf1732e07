//! What differs between the protocol as opened and as edited, in a clinician's words:
//! "isotretinoin wait: 6 months → 12 months", "question 'pacemaker' added", "price for neck:
//! 250 → 280 EUR". Items of a list that have ids are matched by id, so that a moved question is
//! "moved", not a dozen changed fields.

use crate::json::Value;

/// The changes from `before` to `after`, in document order.
pub fn changes(before: &Value, after: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let currency = after
        .get("pricing")
        .and_then(|p| p.get("currency"))
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    diff(&mut out, &Place::root(&currency), before, after);
    out
}

/// How a place in the document is spoken of.
#[derive(Clone)]
struct Place<'a> {
    /// Words for the place ("question 'keloids', option 'yes'"); empty at the root.
    words: String,
    /// The last key, to recognise windows, prices and texts.
    key: Option<String>,
    parent_key: Option<String>,
    currency: &'a str,
}

impl<'a> Place<'a> {
    fn root(currency: &'a str) -> Place<'a> {
        Place {
            words: String::new(),
            key: None,
            parent_key: None,
            currency,
        }
    }

    fn child_words(&self, words: &str) -> String {
        if self.words.is_empty() {
            words.to_string()
        } else {
            format!("{}, {words}", self.words)
        }
    }

    fn member(&self, key: &str) -> Place<'a> {
        let words = match self.key.as_deref() {
            Some("windows") => format!("{key} wait"),
            Some("per_session") => format!("price for {key}"),
            _ => self.child_words(&key.replace('_', " ")),
        };
        Place {
            words,
            key: Some(key.to_string()),
            parent_key: self.key.clone(),
            currency: self.currency,
        }
    }

    fn item(&self, id: Option<&str>, index: usize) -> Place<'a> {
        let kind = match self.key.as_deref() {
            Some("questions") => "question",
            Some("options") => "option",
            Some("sections") => "section",
            Some("pre_care") => "pre-care step",
            Some("after_care") => "after-care step",
            Some("notices") => "notice",
            Some("references") => "reference",
            Some("languages") => "language",
            _ => "item",
        };
        let name = match id {
            Some(id) => format!("{kind} '{id}'"),
            None => format!("{kind} {}", index + 1),
        };
        Place {
            words: if matches!(
                self.key.as_deref(),
                Some("questions" | "sections" | "notices")
            ) {
                name
            } else {
                self.child_words(&name)
            },
            key: None,
            parent_key: self.key.clone(),
            currency: self.currency,
        }
    }
}

fn id_of(value: &Value) -> Option<&str> {
    value.get("id").and_then(Value::as_str)
}

/// A short rendering of a value for "old → new".
fn shown(value: &Value) -> String {
    match value {
        Value::String(text) if text.chars().count() > 60 => {
            let cut: String = text.chars().take(57).collect();
            format!("“{cut}…”")
        }
        Value::String(text) => format!("“{text}”"),
        Value::Array(items) if items.iter().all(|i| matches!(i, Value::String(_))) => {
            let items: Vec<&str> = items.iter().filter_map(Value::as_str).collect();
            items.join(", ")
        }
        Value::Object(_) | Value::Array(_) => "…".into(),
        other => other.to_string(),
    }
}

/// A window as spoken: "6 months".
fn span(window: &Value) -> Option<String> {
    let amount = window.get("amount")?;
    let unit = window.get("unit").and_then(Value::as_str).unwrap_or("days");
    Some(format!("{amount} {unit}"))
}

fn diff(out: &mut Vec<String>, place: &Place, before: &Value, after: &Value) {
    if before == after {
        return;
    }
    // A window's length is one change, however it was made.
    if place.parent_key.as_deref() == Some("windows") {
        if let (Some(old), Some(new)) = (span(before), span(after)) {
            if old != new {
                out.push(format!("{}: {old} → {new}", place.words));
            }
            let rest = |v: &Value| match v {
                Value::Object(o) => {
                    let mut o = o.clone();
                    o.0.retain(|m| m.key != "amount" && m.key != "unit");
                    Value::Object(o)
                }
                other => other.clone(),
            };
            let (before, after) = (rest(before), rest(after));
            if before != after {
                let mut inner = place.clone();
                inner.key = None;
                diff_objects(out, &inner, &before, &after);
            }
            return;
        }
    }
    match (before, after) {
        (Value::Object(_), Value::Object(_)) => diff_objects(out, place, before, after),
        (Value::Array(old), Value::Array(new))
            if old.iter().chain(new).all(|v| id_of(v).is_some()) =>
        {
            diff_lists(out, place, old, new)
        }
        _ => {
            let price = place.parent_key.as_deref() == Some("per_session");
            let unit = if price && !place.currency.is_empty() {
                format!(" {}", place.currency)
            } else {
                String::new()
            };
            let words = if place.words.is_empty() {
                "the file"
            } else {
                &place.words
            };
            out.push(format!(
                "{words}: {}{unit} → {}{unit}",
                shown(before),
                shown(after)
            ));
        }
    }
}

fn diff_objects(out: &mut Vec<String>, place: &Place, before: &Value, after: &Value) {
    let (Value::Object(old), Value::Object(new)) = (before, after) else {
        return;
    };
    for (key, value) in new.iter() {
        let inner = place.member(key);
        match old.get(key) {
            Some(previous) => diff(out, &inner, previous, value),
            None => out.push(format!("{}: {} added", inner.words, shown(value))),
        }
    }
    for (key, value) in old.iter() {
        if new.get(key).is_none() {
            out.push(format!(
                "{}: {} removed",
                place.member(key).words,
                shown(value)
            ));
        }
    }
}

fn diff_lists(out: &mut Vec<String>, place: &Place, old: &[Value], new: &[Value]) {
    let ids = |items: &[Value]| -> Vec<String> {
        items.iter().filter_map(id_of).map(str::to_string).collect()
    };
    let (old_ids, new_ids) = (ids(old), ids(new));
    for (index, item) in new.iter().enumerate() {
        let id = id_of(item);
        let inner = place.item(id, index);
        match old.iter().find(|o| id_of(o) == id) {
            Some(previous) => diff(out, &inner, previous, item),
            None => out.push(format!("{} added", inner.words)),
        }
    }
    for (index, item) in old.iter().enumerate() {
        if !new.iter().any(|n| id_of(n) == id_of(item)) {
            out.push(format!("{} removed", place.item(id_of(item), index).words));
        }
    }
    let kept = |a: &[String], b: &[String]| -> Vec<String> {
        a.iter().filter(|id| b.contains(id)).cloned().collect()
    };
    if kept(&old_ids, &new_ids) != kept(&new_ids, &old_ids) {
        let what = place.item(None, 0).words;
        let kind = what.trim_end_matches(" 1");
        out.push(format!("order of the {kind}s changed"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json;

    fn default() -> Value {
        json::parse(&std::fs::read_to_string("static/protocols/microneedling.json").unwrap())
            .unwrap()
    }

    fn edited(edit: impl FnOnce(&mut crate::studio::Draft)) -> Vec<String> {
        let mut draft = crate::studio::Draft::open(default());
        edit(&mut draft);
        changes(draft.opened(), draft.document())
    }

    use crate::studio::{Edit, Path};

    fn path(text: &str) -> Path {
        Path::parse(text).unwrap()
    }

    #[test]
    fn nothing_changed_says_nothing() {
        assert!(changes(&default(), &default()).is_empty());
    }

    #[test]
    fn a_window_is_spoken_of_as_a_wait() {
        let said = edited(|d| {
            d.edit(Edit::Set(path("windows.isotretinoin.amount"), 12i64.into()))
                .unwrap()
        });
        assert_eq!(said, ["isotretinoin wait: 6 months → 12 months"]);
    }

    #[test]
    fn questions_added_removed_and_moved_are_named() {
        let said = edited(|d| {
            let q = d.get(&path("questions[0]")).unwrap().clone();
            d.edit(Edit::Move(path("questions"), 0, 1)).unwrap();
            let mut q2 = q.clone();
            if let Value::Object(o) = &mut q2 {
                o.0.iter_mut().find(|m| m.key == "id").unwrap().value = "pacemaker".into();
            }
            d.edit(Edit::Insert(path("questions"), 2, q2)).unwrap();
        });
        assert_eq!(
            said,
            [
                "question 'pacemaker' added",
                "order of the questions changed"
            ]
        );
    }

    #[test]
    fn prices_carry_their_currency_and_texts_their_language() {
        let mut before = default();
        let pricing = json::parse(r#"{"currency": "EUR", "per_session": {"neck": 250}}"#).unwrap();
        if let Value::Object(o) = &mut before {
            o.push("pricing", pricing);
        }
        let mut draft = crate::studio::Draft::open(before);
        draft
            .edit(Edit::Set(path("pricing.per_session.neck"), 280i64.into()))
            .unwrap();
        draft
            .edit(Edit::Set(path("title.es"), "Microneedling".into()))
            .unwrap();
        let said = changes(draft.opened(), draft.document());
        assert_eq!(
            said,
            [
                "title, es: “¿Es el microneedling adecuado para usted?” → “Microneedling”",
                "price for neck: 250 EUR → 280 EUR"
            ]
        );
    }
}
