//! Who reviewed a protocol's rules, and whether that review still covers what the file says.
//!
//! A review is bound to the content it reviewed by the SHA-256 of the protocol's canonical form:
//! the file's JSON without its `review` member, object keys sorted by code point, no whitespace
//! between tokens, strings written as JSON writes them with non-ASCII characters as they are. Any
//! edit to the rules, words or settings changes the digest, and a review that no longer matches is
//! never shown to a visitor. The CLI computes the digest here; the quiz has the browser compute it
//! (WebCrypto, in `tools/start.js`), so that its wasm carries no SHA-256 and no second JSON
//! reader. Anyone can recompute the digest without this project:
//!
//! ```text
//! python3 -c 'import json,sys,hashlib; p=json.load(open(sys.argv[1])); p.pop("review",None);
//! print(hashlib.sha256(json.dumps(p,sort_keys=True,separators=(",",":"),ensure_ascii=False).encode()).hexdigest())' FILE
//! ```

use serde::Serialize;
#[cfg(not(target_arch = "wasm32"))]
use sha2::{Digest, Sha256};

use crate::date::Date;
#[cfg(not(target_arch = "wasm32"))]
use crate::protocol::Protocol;

/// A clinician's sign-off of the protocol's rules.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Review {
    /// Who reviewed the rules.
    pub name: String,
    /// Their role or credential ("Dermatologist, MD").
    pub role: String,
    /// The day of the review.
    pub date: Date,
    /// When the rules are next due for review.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_due: Option<Date>,
    /// The SHA-256 (lowercase hex) of the canonical form of what was reviewed.
    pub sha256: String,
}

/// The canonical form of a document already read (the CLI's, and the studio's, which has the
/// browser's WebCrypto hash it). Numbers are written as the file wrote them, which is Python's
/// and serde_json's form for the integers a protocol holds. Where a key is repeated, the last
/// value counts, as in JavaScript.
pub fn canonical_value(document: &crate::json::Value) -> String {
    use crate::json::Value;
    fn write(value: &Value, out: &mut String, omit: Option<&str>) {
        match value {
            Value::Object(object) => {
                let mut keys: Vec<&str> = object.keys().filter(|key| Some(*key) != omit).collect();
                keys.sort_unstable();
                keys.dedup();
                out.push('{');
                for (i, key) in keys.into_iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    let _ = crate::json::write_string(out, key);
                    out.push(':');
                    if let Some(value) = object.get(key) {
                        write(value, out, None);
                    }
                }
                out.push('}');
            }
            Value::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write(item, out, None);
                }
                out.push(']');
            }
            other => out.push_str(&other.to_string()),
        }
    }
    let mut out = String::new();
    write(document, &mut out, Some("review"));
    out
}

/// A review not renewed within this many months is stale when it names no due date.
pub const STALE_AFTER_MONTHS: u32 = 12;

#[cfg(not(target_arch = "wasm32"))]
/// The canonical form of a protocol file's JSON: see the module's documentation. `None` when
/// the text is not JSON.
pub fn canonical(json: &str) -> Option<String> {
    Some(canonical_value(&crate::json::parse(json).ok()?))
}

#[cfg(not(target_arch = "wasm32"))]
/// The SHA-256 of the canonical form, in lowercase hex.
pub fn content_sha256(json: &str) -> Option<String> {
    let digest = Sha256::digest(canonical(json)?.as_bytes());
    Some(digest.iter().map(|byte| format!("{byte:02x}")).collect())
}

/// Whether a protocol's review covers its content, and whether it is due.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    /// The file carries no review: its rules are an unreviewed template.
    Unreviewed,
    /// The content changed after the review (or the digest is not the content's).
    Changed { review: Review, content: String },
    /// The review covers this content.
    Current { review: Review, due: Due },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Due {
    /// Within its due date, or recent.
    InTime,
    /// The due date has passed.
    Overdue(Date),
    /// No due date, and reviewed more than [`STALE_AFTER_MONTHS`] ago.
    Stale,
}

#[cfg(not(target_arch = "wasm32"))]
/// The review status of `protocol`, read from `json`, on `today`.
pub fn status(protocol: &Protocol, json: &str, today: Date) -> Status {
    let Some(review) = protocol.review.clone() else {
        return Status::Unreviewed;
    };
    let content = content_sha256(json).unwrap_or_default();
    if !review.sha256.eq_ignore_ascii_case(&content) {
        return Status::Changed { review, content };
    }
    let due = match review.next_due {
        Some(next) if next < today => Due::Overdue(next),
        Some(_) => Due::InTime,
        None if review.date.add_months(STALE_AFTER_MONTHS) < today => Due::Stale,
        None => Due::InTime,
    };
    Status::Current { review, due }
}

#[cfg(not(target_arch = "wasm32"))]
/// Keeps `protocol.review` only when it covers the content of `json`, so that the quiz never
/// names a reviewer for rules changed after the review.
pub fn keep_if_current(protocol: &mut Protocol, json: &str) {
    if protocol.review.is_some() {
        let current = content_sha256(json)
            .zip(protocol.review.as_ref())
            .is_some_and(|(content, review)| review.sha256.eq_ignore_ascii_case(&content));
        if !current {
            protocol.review = None;
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn the_canonical_form_ignores_layout_order_and_the_review() {
        let a = r#"{ "b": [1, {"z": "é\n", "a": true}], "a": null, "review": {"name": "x"} }"#;
        let b = r#"{"a":null,"b":[1,{"a":true,"z":"é\n"}]}"#;
        assert_eq!(
            canonical(a).unwrap(),
            r#"{"a":null,"b":[1,{"a":true,"z":"é\n"}]}"#
        );
        assert_eq!(content_sha256(a), content_sha256(b));
        assert_ne!(content_sha256(a), content_sha256(r#"{"a":null,"b":[1]}"#));
        assert_eq!(canonical("not json"), None);
        assert_eq!(canonical(r#"{"a": 1} x"#), None);
        assert_eq!(
            canonical(r#"["\u00e9\ud83d\ude00\/\u0001", 10, true]"#).unwrap(),
            "[\"é😀/\\u0001\",10,true]"
        );
        assert_eq!(
            content_sha256("{}").unwrap(),
            "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"
        );
    }

    #[test]
    fn every_shipped_files_digest_is_pythons() {
        // The module's documentation says anyone can recompute the digest with Python: do.
        const PYTHON: &str = "import json,sys,hashlib; p=json.load(open(sys.argv[1])); \
            p.pop('review',None); print(hashlib.sha256(json.dumps(p,sort_keys=True,\
            separators=(',',':'),ensure_ascii=False).encode()).hexdigest())";
        for name in crate::protocol::TREATMENTS {
            let path = format!("static/protocols/{name}.json");
            let python = std::process::Command::new("python3")
                .args(["-c", PYTHON, &path])
                .output()
                .expect("python3 runs");
            let text = std::fs::read_to_string(&path).unwrap();
            assert_eq!(
                content_sha256(&text).unwrap(),
                String::from_utf8(python.stdout).unwrap().trim(),
                "{name}"
            );
        }
    }
}
