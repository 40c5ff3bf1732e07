//! The shipped protocols other than the default are written once, as overlays on it
//! (`protocols/*.overlay.json`), and composed at build time into complete files
//! (`static/protocols/*.json`): a correction to a shared rule is made once, in the default, and
//! reaches every treatment; a clinic, the quiz and the CLI still read one complete, validated file.
//!
//! An overlay is JSON shaped like the part of the protocol it changes:
//!
//! - objects merge key by key, recursively; a key set to `null` is removed;
//! - a list whose items are objects with an `id` (questions, options, sections, care steps,
//!   notices) merges item by item: an item with a known `id` merges into it, a new one is added at
//!   the end or after the item named by `"$after": "id"`, and `"$remove": true` removes one
//!   (one already removed by an earlier overlay is no error);
//! - anything else (texts, numbers, lists of strings, references) replaces what was there.
//!
//! Native only: the CLI (`candidacy compose`) and the tests run it; the quiz reads the results.

use serde_json::{Map, Value};

/// The shipped treatments: each output file and the overlays applied, in order, to the default
/// protocol to make it.
pub const SHIPPED: &[(&str, &[&str])] = &[
    (
        "static/protocols/rf-microneedling.json",
        &["protocols/rf-microneedling.overlay.json"],
    ),
    (
        "static/protocols/prp-microneedling.json",
        &["protocols/prp-microneedling.overlay.json"],
    ),
    (
        "static/protocols/rf-prp-microneedling.json",
        &[
            "protocols/prp-microneedling.overlay.json",
            "protocols/rf-microneedling.overlay.json",
            "protocols/rf-prp-microneedling.overlay.json",
        ],
    ),
];

/// The file every shipped treatment starts from.
pub const BASE: &str = "static/protocols/microneedling.json";

const AFTER: &str = "$after";
const REMOVE: &str = "$remove";

/// Applies `overlay` to `base`. An error names the place in the overlay (`questions[nsaids]…`)
/// and what cannot be applied there.
pub fn apply(base: &mut Value, overlay: &Value) -> Result<(), String> {
    merge(base, overlay, "")
}

fn merge(base: &mut Value, overlay: &Value, at: &str) -> Result<(), String> {
    match (base, overlay) {
        (Value::Object(base), Value::Object(overlay)) => merge_objects(base, overlay, at),
        (Value::Array(base), Value::Array(overlay)) if keyed(overlay) && keyed(base) => {
            merge_lists(base, overlay, at)
        }
        (base, overlay) => {
            if let Some(key) = directive(overlay) {
                return Err(format!(
                    "{}: \"{key}\" is only for an item of a list with ids",
                    place(at)
                ));
            }
            *base = overlay.clone();
            Ok(())
        }
    }
}

fn merge_objects(
    base: &mut Map<String, Value>,
    overlay: &Map<String, Value>,
    at: &str,
) -> Result<(), String> {
    for (key, value) in overlay {
        if key.starts_with('$') {
            return Err(format!("{}: unknown directive \"{key}\"", place(at)));
        }
        let here = format!("{at}.{key}");
        match (value, base.get_mut(key)) {
            (Value::Null, Some(_)) => {
                base.shift_remove(key);
            }
            (Value::Null, None) => {
                return Err(format!("{}: nothing to remove", place(&here)));
            }
            (value, Some(existing)) => merge(existing, value, &here)?,
            (value, None) => {
                let mut fresh = Value::Null;
                merge(&mut fresh, value, &here)?;
                base.insert(key.clone(), fresh);
            }
        }
    }
    Ok(())
}

fn merge_lists(base: &mut Vec<Value>, overlay: &[Value], at: &str) -> Result<(), String> {
    for item in overlay {
        let id = id_of(item).expect("keyed lists have ids");
        let here = format!("{at}[{id}]");
        let found = base.iter().position(|existing| id_of(existing) == Some(id));
        let mut fields = item.as_object().expect("keyed lists hold objects").clone();
        let remove = fields.shift_remove(REMOVE);
        let after = fields.shift_remove(AFTER);
        if let Some(remove) = remove {
            if remove != Value::Bool(true) || !fields.keys().all(|k| k == "id") {
                return Err(format!(
                    "{}: \"$remove\" is true, with only the id beside it",
                    place(&here)
                ));
            }
            // Already gone is fine: overlays applied one after another may remove the same item.
            if let Some(index) = found {
                base.remove(index);
            }
            continue;
        }
        let merged = match found {
            Some(index) => {
                let mut existing = base.remove(index);
                merge(&mut existing, &Value::Object(fields), &here)?;
                if after.is_none() {
                    base.insert(index, existing);
                    continue;
                }
                existing
            }
            None => {
                let mut fresh = Value::Object(Map::new());
                merge(&mut fresh, &Value::Object(fields), &here)?;
                fresh
            }
        };
        let index = match &after {
            None => base.len(),
            Some(Value::String(previous)) => {
                match base
                    .iter()
                    .position(|existing| id_of(existing) == Some(previous))
                {
                    Some(index) => index + 1,
                    None => {
                        return Err(format!(
                            "{}: \"$after\" names \"{previous}\", which is not in the list",
                            place(&here)
                        ))
                    }
                }
            }
            Some(_) => return Err(format!("{}: \"$after\" is the id of an item", place(&here))),
        };
        base.insert(index, merged);
    }
    Ok(())
}

/// A list whose every item is an object with a string `id` (an empty list counts).
fn keyed(items: &[Value]) -> bool {
    items.iter().all(|item| id_of(item).is_some())
}

fn id_of(item: &Value) -> Option<&str> {
    item.get("id")?.as_str()
}

/// A list directive written where no list of ids is merged.
fn directive(value: &Value) -> Option<&str> {
    let object = value.as_object()?;
    [AFTER, REMOVE]
        .into_iter()
        .find(|key| object.contains_key(*key))
}

fn place(at: &str) -> String {
    match at.strip_prefix('.') {
        Some(rest) => rest.to_string(),
        None if at.is_empty() => "the overlay".to_string(),
        None => at.to_string(),
    }
}

/// The complete file made from `base` and the `overlays` (each already read as text, with a name
/// for messages), pretty-printed as the shipped files are.
pub fn compose(base: &str, overlays: &[(&str, &str)]) -> Result<String, String> {
    let mut protocol: Value =
        serde_json::from_str(base).map_err(|error| format!("the base protocol: {error}"))?;
    for (name, text) in overlays {
        let overlay: Value =
            serde_json::from_str(text).map_err(|error| format!("{name}: {error}"))?;
        apply(&mut protocol, &overlay).map_err(|error| format!("{name}: {error}"))?;
    }
    let mut text = serde_json::to_string_pretty(&protocol).expect("JSON values print");
    text.push('\n');
    Ok(text)
}

/// The complete file `overlays` (paths, in order) make of [`BASE`], read from the project's
/// folder: what `candidacy compose` writes and the tests compare with the shipped file.
pub fn compose_files(overlays: &[&str]) -> Result<String, String> {
    let read = |path: &str| {
        std::fs::read_to_string(path).map_err(|error| format!("cannot read \"{path}\": {error}"))
    };
    let base = read(BASE)?;
    let texts = overlays
        .iter()
        .map(|path| Ok((*path, read(path)?)))
        .collect::<Result<Vec<_>, String>>()?;
    let named: Vec<(&str, &str)> = texts.iter().map(|(p, t)| (*p, t.as_str())).collect();
    compose(&base, &named)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn applied(mut base: Value, overlay: Value) -> Result<Value, String> {
        apply(&mut base, &overlay).map(|()| base)
    }

    #[test]
    fn objects_merge_and_null_removes() {
        let out = applied(
            json!({"title": {"en": "A", "es": "B"}, "note": "x", "n": 1}),
            json!({"title": {"en": "C"}, "note": null, "extra": [1, 2]}),
        )
        .unwrap();
        assert_eq!(
            out,
            json!({"title": {"en": "C", "es": "B"}, "n": 1, "extra": [1, 2]})
        );
    }

    #[test]
    fn lists_with_ids_merge_by_id_and_keep_their_order() {
        let out = applied(
            json!({"q": [{"id": "a", "v": 1}, {"id": "b", "v": 2}, {"id": "c"}]}),
            json!({"q": [
                {"id": "b", "v": 3},
                {"id": "new", "$after": "a"},
                {"id": "c", "$remove": true},
                {"id": "c", "$remove": true},
                {"id": "last"},
                {"id": "a", "$after": "last"}
            ]}),
        )
        .unwrap();
        assert_eq!(
            out,
            json!({"q": [{"id": "new"}, {"id": "b", "v": 3}, {"id": "last"}, {"id": "a", "v": 1}]})
        );
    }

    #[test]
    fn other_lists_are_replaced() {
        let out = applied(
            json!({"languages": ["en", "es"], "refs": [{"citation": "x"}]}),
            json!({"languages": ["en"], "refs": [{"citation": "y"}]}),
        )
        .unwrap();
        assert_eq!(
            out,
            json!({"languages": ["en"], "refs": [{"citation": "y"}]})
        );
    }

    #[test]
    fn mistakes_are_named_with_their_place() {
        let base = json!({"q": [{"id": "a", "o": [{"id": "x"}]}]});
        let cases = [
            (
                json!({"q": [{"id": "a", "o": [{"id": "y", "$after": "w"}]}]}),
                "q[a].o[y]: \"$after\" names \"w\", which is not in the list",
            ),
            (
                json!({"q": [{"id": "a", "$remove": true, "text": "t"}]}),
                "q[a]: \"$remove\" is true, with only the id beside it",
            ),
            (json!({"gone": null}), "gone: nothing to remove"),
            (
                json!({"$after": "a"}),
                "the overlay: unknown directive \"$after\"",
            ),
            (
                json!({"title": {"$remove": true}}),
                "title: \"$remove\" is only for an item of a list with ids",
            ),
        ];
        for (overlay, message) in cases {
            assert_eq!(applied(base.clone(), overlay).unwrap_err(), message);
        }
    }
}
