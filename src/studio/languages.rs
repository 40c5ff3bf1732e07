//! A protocol's languages: every visitor-facing text found, a language added (its texts copied
//! from the fallback language, to be translated) or removed.

use super::draft::{get_mut, Path};
use crate::json::Value;

/// The protocol's declared languages, the fallback first.
pub fn declared(document: &Value) -> Vec<String> {
    match document.get("languages") {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        _ => Vec::new(),
    }
}

/// Every visitor-facing text in the document: an object whose keys are among `languages` and
/// whose values are strings. The review block is for clinicians and is left out.
pub fn text_paths(document: &Value, languages: &[String]) -> Vec<Path> {
    fn walk(value: &Value, path: Path, languages: &[String], out: &mut Vec<Path>) {
        match value {
            Value::Object(object) => {
                let is_text = !object.is_empty()
                    && object.iter().all(|(k, v)| {
                        languages.iter().any(|l| l == k) && matches!(v, Value::String(_))
                    });
                if is_text {
                    out.push(path);
                    return;
                }
                for (key, value) in object.iter() {
                    if key != "review" {
                        walk(value, path.clone().key(key), languages, out);
                    }
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    walk(item, path.clone().index(i), languages, out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(document, Path::root(), languages, &mut out);
    out
}

/// A language added.
#[derive(Debug)]
pub struct Added {
    pub document: Value,
    /// The language the texts were copied from.
    pub from: String,
    /// The places of the copied texts (to be shown as not yet translated).
    pub copied: Vec<String>,
}

/// The document with `code` added: each text gets a copy of its fallback-language wording.
pub fn add(document: &Value, code: &str) -> Result<Added, String> {
    let valid_code = (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase());
    if !valid_code {
        return Err("A language is a two- or three-letter code, such as fr or de.".into());
    }
    let languages = declared(document);
    if languages.iter().any(|l| l == code) {
        return Err(format!("The protocol already has {code}."));
    }
    let Some(from) = languages.first().cloned() else {
        return Err("The protocol declares no language to copy the texts from.".into());
    };
    let mut document = document.clone();
    let mut copied = Vec::new();
    for path in text_paths(&document, &languages) {
        if let Some(Value::Object(text)) = get_mut(&mut document, &path) {
            if let Some(source) = text.get(&from).cloned() {
                text.push(code, source);
                copied.push(path.key(code).to_string());
            }
        }
    }
    if let Some(Value::Array(items)) = get_mut(&mut document, &Path::root().key("languages")) {
        items.push(Value::from(code));
    }
    Ok(Added {
        document,
        from,
        copied,
    })
}

/// The document without `code`: out of the list and out of every text. The last language
/// cannot go.
pub fn remove(document: &Value, code: &str) -> Result<Value, String> {
    let languages = declared(document);
    if !languages.iter().any(|l| l == code) {
        return Err(format!("The protocol has no {code}."));
    }
    if languages.len() == 1 {
        return Err(format!(
            "{code} is the protocol's only language: add another before removing it."
        ));
    }
    let mut document = document.clone();
    for path in text_paths(&document, &languages) {
        if let Some(Value::Object(text)) = get_mut(&mut document, &path) {
            text.0.retain(|m| m.key != code);
        }
    }
    if let Some(Value::Array(items)) = get_mut(&mut document, &Path::root().key("languages")) {
        items.retain(|l| l.as_str() != Some(code));
    }
    Ok(document)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::studio::{check, get};

    fn shipped() -> Value {
        crate::json::parse(&std::fs::read_to_string("static/protocols/microneedling.json").unwrap())
            .unwrap()
    }

    #[test]
    fn a_language_added_copies_every_text_and_validates() {
        let document = shipped();
        let texts = text_paths(&document, &declared(&document)).len();
        assert!(texts > 100, "{texts} texts found");
        let added = add(&document, "fr").unwrap();
        assert_eq!(added.from, "en");
        assert_eq!(added.copied.len(), texts);
        assert_eq!(declared(&added.document), ["en", "es", "ar", "fr"]);
        let title = Path::root().key("title");
        assert_eq!(
            get(&added.document, &title.clone().key("fr")),
            get(&added.document, &title.key("en"))
        );
        assert!(check(&added.document).errors.is_empty());
        assert_eq!(
            add(&added.document, "fr").unwrap_err(),
            "The protocol already has fr."
        );
        assert!(add(&document, "French").is_err());
    }

    #[test]
    fn a_language_removed_leaves_no_text_behind_and_the_last_one_stays() {
        let document = shipped();
        let without = remove(&document, "es").unwrap();
        assert_eq!(declared(&without), ["en", "ar"]);
        assert!(!without.pretty().contains("\"es\":"));
        assert!(check(&without).errors.is_empty());
        let only = remove(&remove(&without, "ar").unwrap(), "en").unwrap_err();
        assert!(only.contains("only language"), "{only}");
        assert_eq!(
            remove(&document, "fr").unwrap_err(),
            "The protocol has no fr."
        );
    }
}
