//! Who reviewed a protocol's rules, and whether that review still covers what the file says.
//!
//! A review is bound to the content it reviewed by the SHA-256 of the protocol's canonical form:
//! the file's JSON without its `review` member, object keys sorted by code point, no whitespace
//! between tokens, strings written as JSON writes them with non-ASCII characters as they are. Any
//! edit to the rules, words or settings changes the digest, and a review that no longer matches is
//! never shown to a visitor. Anyone can recompute the digest without this project:
//!
//! ```text
//! python3 -c 'import json,sys,hashlib; p=json.load(open(sys.argv[1])); p.pop("review",None);
//! print(hashlib.sha256(json.dumps(p,sort_keys=True,separators=(",",":"),ensure_ascii=False).encode()).hexdigest())' FILE
//! ```

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::date::Date;
use crate::protocol::Protocol;

/// A clinician's sign-off of the protocol's rules.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    /// Who reviewed the rules.
    pub name: String,
    /// Their role or credential ("Dermatologist, MD").
    pub role: String,
    /// The day of the review.
    pub date: Date,
    /// When the rules are next due for review.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_due: Option<Date>,
    /// The SHA-256 (lowercase hex) of the canonical form of what was reviewed.
    pub sha256: String,
}

/// A review not renewed within this many months is stale when it names no due date.
pub const STALE_AFTER_MONTHS: u32 = 12;

/// The canonical form of a protocol file's JSON: see the module's documentation. `None` when
/// the text is not JSON, or holds a number that is not an integer (a valid protocol has none).
///
/// A reader of its own rather than `serde_json::Value`: the quiz checks reviews in the browser,
/// and a general JSON tree costs its wasm several times what this does.
pub fn canonical(json: &str) -> Option<String> {
    let mut reader = Reader {
        bytes: json.as_bytes(),
        at: 0,
        depth: 0,
    };
    let mut out = String::with_capacity(json.len());
    reader.value(&mut out, true)?;
    reader.space();
    (reader.at == reader.bytes.len()).then_some(out)
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    depth: usize,
}

impl Reader<'_> {
    fn space(&mut self) {
        while self
            .bytes
            .get(self.at)
            .is_some_and(|b| b" \t\n\r".contains(b))
        {
            self.at += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        self.space();
        let found = self.bytes.get(self.at) == Some(&byte);
        self.at += usize::from(found);
        found
    }

    /// Reads one value and writes its canonical form; `top` drops the document's `review`.
    fn value(&mut self, out: &mut String, top: bool) -> Option<()> {
        self.space();
        self.depth += 1;
        if self.depth > 128 {
            return None;
        }
        match *self.bytes.get(self.at)? {
            b'{' => {
                self.at += 1;
                let mut members: Vec<(String, String)> = Vec::new();
                if !self.eat(b'}') {
                    loop {
                        self.space();
                        let key = self.string()?;
                        if !self.eat(b':') {
                            return None;
                        }
                        let mut value = String::new();
                        self.value(&mut value, false)?;
                        if !(top && key == "review") {
                            // Kept in order as they come (a sort of its own would cost the wasm
                            // more than this does; objects here have few members).
                            let at = members.partition_point(|(k, _)| *k < key);
                            members.insert(at, (key, value));
                        }
                        if self.eat(b'}') {
                            break;
                        }
                        if !self.eat(b',') {
                            return None;
                        }
                    }
                }
                out.push('{');
                for (i, (key, value)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_string(key, out);
                    out.push(':');
                    out.push_str(value);
                }
                out.push('}');
            }
            b'[' => {
                self.at += 1;
                out.push('[');
                if !self.eat(b']') {
                    loop {
                        self.value(out, false)?;
                        if self.eat(b']') {
                            break;
                        }
                        if !self.eat(b',') {
                            return None;
                        }
                        out.push(',');
                    }
                }
                out.push(']');
            }
            b'"' => {
                let text = self.string()?;
                write_string(&text, out);
            }
            _ => {
                let start = self.at;
                while self
                    .bytes
                    .get(self.at)
                    .is_some_and(|b| b.is_ascii_alphanumeric() || b"-+.".contains(b))
                {
                    self.at += 1;
                }
                let token = std::str::from_utf8(&self.bytes[start..self.at]).ok()?;
                let digits = token.strip_prefix('-').unwrap_or(token);
                let integer = !digits.is_empty()
                    && digits.bytes().all(|b| b.is_ascii_digit())
                    && (digits == "0" || !digits.starts_with('0'));
                if !(integer || ["true", "false", "null"].contains(&token)) {
                    return None;
                }
                // -0 is the integer 0.
                out.push_str(if digits == "0" { "0" } else { token });
            }
        }
        self.depth -= 1;
        Some(())
    }

    /// A string token, its escapes decoded.
    fn string(&mut self) -> Option<String> {
        if self.bytes.get(self.at) != Some(&b'"') {
            return None;
        }
        self.at += 1;
        let mut text = String::new();
        loop {
            let start = self.at;
            while self
                .bytes
                .get(self.at)
                .is_some_and(|b| *b != b'"' && *b != b'\\' && *b >= 0x20)
            {
                self.at += 1;
            }
            text.push_str(std::str::from_utf8(&self.bytes[start..self.at]).ok()?);
            match *self.bytes.get(self.at)? {
                b'"' => {
                    self.at += 1;
                    return Some(text);
                }
                b'\\' => {
                    let escape = *self.bytes.get(self.at + 1)?;
                    self.at += 2;
                    let c = match escape {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let high = self.hex4()?;
                            if (0xD800..0xDC00).contains(&high) {
                                if self.bytes.get(self.at..self.at + 2) != Some(b"\\u") {
                                    return None;
                                }
                                self.at += 2;
                                let low = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&low) {
                                    return None;
                                }
                                char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))?
                            } else {
                                char::from_u32(high)?
                            }
                        }
                        _ => return None,
                    };
                    text.push(c);
                }
                _ => return None,
            }
        }
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = std::str::from_utf8(self.bytes.get(self.at..self.at + 4)?).ok()?;
        if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        self.at += 4;
        u32::from_str_radix(digits, 16).ok()
    }
}

/// A JSON string as Python's `json.dumps(…, ensure_ascii=False)` and serde_json write it.
fn write_string(text: &str, out: &mut String) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

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

#[cfg(test)]
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
        assert_eq!(
            canonical(r#"{"a": 1.5}"#),
            None,
            "a valid protocol holds integers only"
        );
        assert_eq!(canonical(r#"{"a": 1} x"#), None);
        assert_eq!(
            canonical(r#"["\u00e9\ud83d\ude00\/\u0001", -0, 10, true]"#).unwrap(),
            "[\"é😀/\\u0001\",0,10,true]"
        );
        assert_eq!(
            content_sha256("{}").unwrap(),
            "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"
        );
    }
}
