//! A small JSON reader and writer: the one the quiz, the CLI and the tests use for protocol
//! files, answers, saved progress and the widget's messages.
//!
//! It is here instead of serde_json for the visitor's first load: serde_json's machinery and the
//! derived readers of the protocol model were about 100 KB of the quiz's WebAssembly (before
//! `wasm-opt`), this module and [`crate::read`] a fraction of that. It reads exactly the JSON of
//! RFC 8259 (tested against serde_json on every file the project has and on mutated ones) into
//! a tree that remembers where each object key stood, so that a message can name the line.
//!
//! Numbers keep the text they were written with: the quiz reads only integers, and no float is
//! ever parsed or printed.

use std::fmt::{self, Write as _};

/// Arrays and objects may nest to one less than this (serde_json's limit): a hostile file fails with a
/// message instead of exhausting the stack.
pub const MAX_DEPTH: usize = 128;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Null,
    Bool(bool),
    /// A number as written (`-6`, `1.5e3`).
    Number(String),
    String(String),
    Array(Vec<Value>),
    Object(Object),
}

/// An object's members in file order, each with the byte offset of its key.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Object(pub Vec<Member>);

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    pub key: String,
    pub value: Value,
    /// Byte offset of the key's opening quote in the text it was read from (0 when built).
    pub at: usize,
}

impl Object {
    /// The value of `key` (the last one, where a key is repeated, as in JavaScript).
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.iter().rev().find(|m| m.key == key).map(|m| &m.value)
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|m| m.key.as_str())
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.0.iter().map(|m| (m.key.as_str(), &m.value))
    }

    /// Adds a member (for writing; no check for a repeated key).
    pub fn push(&mut self, key: &str, value: impl Into<Value>) {
        self.0.push(Member {
            key: key.to_string(),
            value: value.into(),
            at: 0,
        });
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Value {
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(object) => object.get(key),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(text) => Some(text),
            _ => None,
        }
    }

    /// The number as an integer, when it is written as one that fits (`6`, `-6`; not `6.0`).
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Value::Number(text) => text.parse().ok(),
            _ => None,
        }
    }

    /// What a message calls the value's kind.
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "a list",
            Value::Object(_) => "an object",
        }
    }
}

impl From<&str> for Value {
    fn from(text: &str) -> Value {
        Value::String(text.to_string())
    }
}

impl From<String> for Value {
    fn from(text: String) -> Value {
        Value::String(text)
    }
}

impl From<bool> for Value {
    fn from(value: bool) -> Value {
        Value::Bool(value)
    }
}

impl From<u32> for Value {
    fn from(value: u32) -> Value {
        Value::Number(value.to_string())
    }
}

impl From<i64> for Value {
    fn from(value: i64) -> Value {
        Value::Number(value.to_string())
    }
}

impl From<Object> for Value {
    fn from(object: Object) -> Value {
        Value::Object(object)
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(value: Option<T>) -> Value {
        value.map_or(Value::Null, Into::into)
    }
}

/// Compact JSON, as serde_json writes it (no spaces; `"`, `\` and control characters escaped).
impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Null => f.write_str("null"),
            Value::Bool(value) => write!(f, "{value}"),
            Value::Number(text) => f.write_str(text),
            Value::String(text) => write_string(f, text),
            Value::Array(items) => {
                f.write_char('[')?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_char(',')?;
                    }
                    write!(f, "{item}")?;
                }
                f.write_char(']')
            }
            Value::Object(object) => {
                f.write_char('{')?;
                for (i, member) in object.0.iter().enumerate() {
                    if i > 0 {
                        f.write_char(',')?;
                    }
                    write_string(f, &member.key)?;
                    write!(f, ":{}", member.value)?;
                }
                f.write_char('}')
            }
        }
    }
}

impl Value {
    /// Pretty-printed JSON as serde_json's `to_string_pretty` writes it (two spaces, members in
    /// their order), with a final newline: the layout of the project's protocol files.
    pub fn pretty(&self) -> String {
        let mut out = String::new();
        self.write_pretty(&mut out, 0);
        out.push('\n');
        out
    }

    fn write_pretty(&self, out: &mut String, depth: usize) {
        let indent = |out: &mut String, depth: usize| {
            out.push('\n');
            out.extend(std::iter::repeat_n("  ", depth));
        };
        match self {
            Value::Array(items) if !items.is_empty() => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    indent(out, depth + 1);
                    item.write_pretty(out, depth + 1);
                }
                indent(out, depth);
                out.push(']');
            }
            Value::Object(object) if !object.is_empty() => {
                out.push('{');
                for (i, member) in object.0.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    indent(out, depth + 1);
                    let _ = write_string(out, &member.key);
                    out.push_str(": ");
                    member.value.write_pretty(out, depth + 1);
                }
                indent(out, depth);
                out.push('}');
            }
            other => {
                let _ = write!(out, "{other}");
            }
        }
    }
}

/// `text` as a JSON string, as serde_json and Python's `json.dumps(…, ensure_ascii=False)` write
/// it: `"`, `\` and control characters escaped, every other character as it is.
pub fn write_string(f: &mut impl fmt::Write, text: &str) -> fmt::Result {
    f.write_char('"')?;
    for c in text.chars() {
        match c {
            '"' => f.write_str("\\\"")?,
            '\\' => f.write_str("\\\\")?,
            '\n' => f.write_str("\\n")?,
            '\r' => f.write_str("\\r")?,
            '\t' => f.write_str("\\t")?,
            '\u{8}' => f.write_str("\\b")?,
            '\u{c}' => f.write_str("\\f")?,
            c if c < ' ' => write!(f, "\\u{:04x}", c as u32)?,
            c => f.write_char(c)?,
        }
    }
    f.write_char('"')
}

/// Where and why a text is not JSON.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub message: String,
    /// The text ended before the value did.
    pub early_end: bool,
    /// Byte offset where reading stopped.
    pub at: usize,
}

impl SyntaxError {
    /// At the end of the text, says what was left open (the innermost).
    fn unclosed(mut self, what: &str) -> SyntaxError {
        if self.early_end && !self.message.ends_with("is not closed") {
            self.message = format!("{what} is not closed");
        }
        self
    }
}

/// Line and column (1-based; the column counts characters) of byte offset `at` in `text`.
pub fn line_column(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..floor_char_boundary(text, at)];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Reads one JSON value that fills `text` (whitespace around it allowed).
pub fn parse(text: &str) -> Result<Value, SyntaxError> {
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        at: 0,
    };
    let value = reader.value(0)?;
    reader.space();
    if reader.at < reader.bytes.len() {
        return Err(reader.error("more after the end of the JSON value"));
    }
    Ok(value)
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn error(&self, message: &str) -> SyntaxError {
        SyntaxError {
            message: message.to_string(),
            early_end: self.at >= self.bytes.len(),
            at: self.at,
        }
    }

    fn space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.at) {
            self.at += 1;
        }
    }

    fn peek(&mut self) -> Option<u8> {
        self.space();
        self.bytes.get(self.at).copied()
    }

    fn expect(&mut self, byte: u8, message: &str) -> Result<(), SyntaxError> {
        if self.peek() == Some(byte) {
            self.at += 1;
            Ok(())
        } else {
            Err(self.error(message))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value, SyntaxError> {
        let Some(byte) = self.peek() else {
            return Err(self.error("a value was expected"));
        };
        match byte {
            b'{' | b'[' if depth + 1 >= MAX_DEPTH => {
                Err(self.error("lists and objects are nested too deeply"))
            }
            b'{' => self
                .object(depth + 1)
                .map(Value::Object)
                .map_err(|e| e.unclosed("an object")),
            b'[' => self
                .array(depth + 1)
                .map(Value::Array)
                .map_err(|e| e.unclosed("a list")),
            b'"' => self
                .string()
                .map(Value::String)
                .map_err(|e| e.unclosed("a string")),
            b't' => self.word("true", Value::Bool(true)),
            b'f' => self.word("false", Value::Bool(false)),
            b'n' => self.word("null", Value::Null),
            b'-' | b'0'..=b'9' => self.number(),
            _ => Err(self.error("a value was expected")),
        }
    }

    fn word(&mut self, word: &str, value: Value) -> Result<Value, SyntaxError> {
        let rest = &self.bytes[self.at..];
        let matched = rest
            .iter()
            .zip(word.as_bytes())
            .take_while(|(a, b)| a == b)
            .count();
        self.at += matched;
        if matched == word.len() {
            Ok(value)
        } else {
            Err(self.error("a value was expected"))
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.at;
        while self.bytes.get(self.at).is_some_and(u8::is_ascii_digit) {
            self.at += 1;
        }
        self.at - start
    }

    fn number(&mut self) -> Result<Value, SyntaxError> {
        let start = self.at;
        if self.bytes[self.at] == b'-' {
            self.at += 1;
        }
        let first = self.bytes.get(self.at).copied();
        let whole = self.digits();
        if whole == 0 {
            return Err(self.error("a digit was expected"));
        }
        if first == Some(b'0') && whole > 1 {
            self.at = start + usize::from(self.bytes[start] == b'-') + 1;
            return Err(self.error("a number cannot start with 0"));
        }
        if self.bytes.get(self.at) == Some(&b'.') {
            self.at += 1;
            if self.digits() == 0 {
                return Err(self.error("a digit was expected after the decimal point"));
            }
        }
        if let Some(b'e' | b'E') = self.bytes.get(self.at) {
            self.at += 1;
            if let Some(b'+' | b'-') = self.bytes.get(self.at) {
                self.at += 1;
            }
            if self.digits() == 0 {
                return Err(self.error("a digit was expected in the exponent"));
            }
        }
        Ok(Value::Number(self.text[start..self.at].to_string()))
    }

    fn string(&mut self) -> Result<String, SyntaxError> {
        self.at += 1; // the opening quote
        let mut out = String::new();
        loop {
            let start = self.at;
            while let Some(&b) = self.bytes.get(self.at) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.at += 1;
            }
            // Every stop is at an ASCII byte, so the slice is whole characters.
            out.push_str(&self.text[start..self.at]);
            match self.bytes.get(self.at) {
                None => return Err(self.error("a string is not closed")),
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.at += 1;
                    let Some(&letter) = self.bytes.get(self.at) else {
                        return Err(self.error("a string is not closed"));
                    };
                    self.at += 1;
                    out.push(match letter {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => self.unicode_escape()?,
                        _ => {
                            self.at -= 1;
                            return Err(self.error("unknown escape in a string"));
                        }
                    });
                }
                Some(_) => {
                    return Err(self.error(
                        "a control character (such as a line break) must be escaped in a string",
                    ))
                }
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let digits = self.bytes.get(self.at..self.at + 4);
        let value = digits
            .filter(|d| d.iter().all(u8::is_ascii_hexdigit))
            .and_then(|d| u32::from_str_radix(std::str::from_utf8(d).ok()?, 16).ok());
        match value {
            Some(value) => {
                self.at += 4;
                Ok(value)
            }
            None => Err(self.error("\\u must be followed by four hexadecimal digits")),
        }
    }

    fn unicode_escape(&mut self) -> Result<char, SyntaxError> {
        let first = self.hex4()?;
        let code = match first {
            0xD800..=0xDBFF => {
                if self.bytes.get(self.at..self.at + 2) != Some(b"\\u") {
                    return Err(self.error("a lone surrogate (\\uD800 to \\uDFFF) in a string"));
                }
                self.at += 2;
                let second = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(self.error("a lone surrogate (\\uD800 to \\uDFFF) in a string"));
                }
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            0xDC00..=0xDFFF => {
                return Err(self.error("a lone surrogate (\\uD800 to \\uDFFF) in a string"))
            }
            code => code,
        };
        char::from_u32(code).ok_or_else(|| self.error("not a character"))
    }

    fn array(&mut self, depth: usize) -> Result<Vec<Value>, SyntaxError> {
        self.at += 1;
        let mut items = Vec::new();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(items);
        }
        loop {
            items.push(self.value(depth)?);
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    return Ok(items);
                }
                _ => return Err(self.error("expected `,` or `]`")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Object, SyntaxError> {
        self.at += 1;
        let mut members = Vec::new();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(Object(members));
        }
        loop {
            if self.peek() != Some(b'"') {
                return Err(self.error("a key in double quotes was expected"));
            }
            let at = self.at;
            let key = self.string()?;
            self.expect(b':', "expected `:`")?;
            let value = self.value(depth)?;
            members.push(Member { key, value, at });
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(Object(members));
                }
                _ => return Err(self.error("expected `,` or `}`")),
            }
        }
    }
}
