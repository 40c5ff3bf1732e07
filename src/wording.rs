//! Visitor-facing texts that name the protocol's values instead of writing them out, so that a
//! clinic's change to a window changes every sentence that states it.
//!
//! A text may hold `{window:ID}` (the length of `windows.ID`: "6 months", "6 meses", "6 أشهر")
//! and `{price:AREA}` (the price of one session on an area of `pricing.per_session`). `{{` and
//! `}}` stand for a brace. Rendering picks the language's template and fills each placeholder
//! with the interface's words and a [`Numbers`]: the browser's `Intl` in the quiz, the native
//! one at build time and in the CLI. Nothing here touches the web.

use crate::date::{Span, Unit};
use crate::i18n::{self, NativeNumbers, Numbers, Ui};
use crate::protocol::{Protocol, Text};

/// One part of a text: words to show as they are, or a value of the protocol.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Piece<'t> {
    Words(&'t str),
    /// `{window:ID}`.
    Window(&'t str),
    /// `{price:AREA}`.
    Price(&'t str),
}

/// What a text may name, for the messages.
pub const SYNTAX: &str = "{window:ID} or {price:AREA}";

/// The pieces of `template`, or what is wrong with its braces.
pub fn pieces(template: &str) -> Result<Vec<Piece<'_>>, String> {
    let mut pieces = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find(['{', '}']) {
        if open > 0 {
            pieces.push(Piece::Words(&rest[..open]));
        }
        let after = &rest[open + 1..];
        let brace = &rest[open..=open];
        if after.starts_with(brace) {
            pieces.push(Piece::Words(brace));
            rest = &after[1..];
            continue;
        }
        if brace == "}" {
            return Err("a \"}\" without its \"{\"; write }} for a brace".to_string());
        }
        let Some(close) = after.find('}') else {
            return Err(format!(
                "\"{{{}\" is not closed; a placeholder is {SYNTAX}, and {{{{ writes a brace",
                after.chars().take(20).collect::<String>()
            ));
        };
        let inside = &after[..close];
        let piece = match inside.split_once(':') {
            Some(("window", id)) => Piece::Window(id),
            Some(("price", area)) => Piece::Price(area),
            _ => {
                return Err(format!(
                    "unknown placeholder \"{{{inside}}}\"; a text can name {SYNTAX}, and {{{{ writes a brace"
                ))
            }
        };
        pieces.push(piece);
        rest = &after[close + 1..];
    }
    if !rest.is_empty() {
        pieces.push(Piece::Words(rest));
    }
    Ok(pieces)
}

/// Whether a plain string (a source, a name) holds something that looks like a placeholder:
/// those strings are shown as they are, so the placeholder would reach a reader unfilled.
pub fn looks_like_placeholder(plain: &str) -> bool {
    plain.contains("{window:") || plain.contains("{price:")
}

/// What is wrong with the placeholders of `template` in `protocol`.
pub fn problems(protocol: &Protocol, template: &str) -> Vec<String> {
    let pieces = match pieces(template) {
        Ok(pieces) => pieces,
        Err(problem) => return vec![problem],
    };
    let mut problems = Vec::new();
    for piece in pieces {
        match piece {
            Piece::Words(_) => {}
            Piece::Window(id) if !protocol.windows.contains_key(id) => {
                problems.push(format!("{{window:{id}}} names no window in `windows`"))
            }
            Piece::Window(_) => {}
            Piece::Price(area) => match &protocol.pricing {
                None => problems.push(format!(
                    "{{price:{area}}} needs `pricing`, and this protocol sets no prices"
                )),
                Some(pricing) if !pricing.per_session.contains_key(area) => problems.push(format!(
                    "{{price:{area}}} names no area in `pricing.per_session`"
                )),
                Some(_) => {}
            },
        }
    }
    problems
}

/// How to say things in one language: the protocol's texts in `lang`, the interface's words for
/// units, and how numbers are written.
#[derive(Clone, Copy)]
pub struct Locale<'a> {
    pub lang: &'a str,
    pub ui: &'static Ui,
    pub numbers: &'a dyn Numbers,
}

impl<'a> Locale<'a> {
    /// For the CLI, the build and tests: the native [`Numbers`], and the interface's words in
    /// `lang` (English when the interface doesn't speak it).
    pub fn native(lang: &'a str) -> Locale<'a> {
        Locale {
            lang,
            ui: i18n::ui(lang).unwrap_or(&i18n::ENGLISH),
            numbers: &NativeNumbers,
        }
    }

    /// For a verdict alone (the quiz's flow after each answer, the host page's events): the
    /// words are never shown, so numbers are left out, and the browser's wasm carries no
    /// second way of writing them.
    pub fn wordless() -> Locale<'static> {
        Locale {
            lang: "",
            ui: &i18n::ENGLISH,
            numbers: &Wordless,
        }
    }

    /// A window's length in words.
    pub fn span(&self, span: Span) -> String {
        i18n::span(self.ui, self.numbers, span)
    }

    /// `text` in this language with every placeholder filled in. A placeholder the protocol
    /// cannot fill (only in a file that failed validation) is shown as written.
    pub fn render(&self, protocol: &Protocol, text: &Text) -> String {
        let template = protocol.text(text, self.lang);
        let Ok(pieces) = pieces(template) else {
            return template.to_string();
        };
        let mut out = String::with_capacity(template.len());
        for piece in pieces {
            match piece {
                Piece::Words(words) => out.push_str(words),
                Piece::Window(id) => match protocol.window(id) {
                    Some(span) => out.push_str(&self.span(span)),
                    None => out.push_str(&format!("{{window:{id}}}")),
                },
                Piece::Price(area) => {
                    let price = protocol.pricing.as_ref().and_then(|pricing| {
                        let amount = *pricing.per_session.get(area)?;
                        Some(self.numbers.money(self.lang, &pricing.currency, amount))
                    });
                    out.push_str(&price.unwrap_or_else(|| format!("{{price:{area}}}")));
                }
            }
        }
        out
    }
}

struct Wordless;

impl Numbers for Wordless {
    fn number(&self, _: &str, _: i64) -> String {
        String::new()
    }

    fn plural(&self, _: &str, _: i64) -> i18n::Plural {
        i18n::Plural::Other
    }

    fn money(&self, _: &str, _: &str, _: i64) -> String {
        String::new()
    }
}

/// A duration written out in a text that equals a window it could name instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WrittenOut {
    /// The words as they appear in the text ("6 months").
    pub found: String,
    /// The windows of that length, by id.
    pub windows: Vec<String>,
}

/// The durations `template` writes out (in `lang`) that equal a window of `protocol`: "6 months"
/// while `windows.isotretinoin` is 6 months, or "2 weeks" while a window is 14 days. Words inside
/// placeholders are not looked at.
pub fn written_out_windows(protocol: &Protocol, template: &str, lang: &str) -> Vec<WrittenOut> {
    let Some(ui) = i18n::ui(lang) else {
        return Vec::new();
    };
    let words: String = match pieces(template) {
        Ok(pieces) => pieces
            .iter()
            .map(|piece| match piece {
                Piece::Words(words) => *words,
                _ => " ",
            })
            .collect(),
        Err(_) => return Vec::new(),
    };
    let haystack = words.to_lowercase();
    let mut found: Vec<WrittenOut> = Vec::new();
    for (id, window) in &protocol.windows {
        let Some(span) = window.span() else { continue };
        for spelling in spellings(ui, span) {
            let needle = spelling.to_lowercase();
            if !contains_as_words(&haystack, &needle) {
                continue;
            }
            match found.iter_mut().find(|w| w.found.to_lowercase() == needle) {
                Some(known) if !known.windows.contains(id) => known.windows.push(id.clone()),
                Some(_) => {}
                None => found.push(WrittenOut {
                    found: spelling,
                    windows: vec![id.clone()],
                }),
            }
        }
    }
    found
}

/// The ways a language writes `span` and the spans equal to it (14 days, 2 weeks). Arabic is
/// also looked for in Arabic-Indic digits ("٦ أشهر"), as people often type it, although `Intl`
/// writes Western ones.
fn spellings(ui: &Ui, span: Span) -> Vec<String> {
    let mut spans = vec![span];
    let amount = span.amount;
    match span.unit {
        Unit::Hours if amount % 24 == 0 => spans.push(Span::days(amount / 24)),
        Unit::Days if amount % 7 == 0 => spans.push(Span::weeks(amount / 7)),
        Unit::Weeks => spans.push(Span::days(amount * 7)),
        _ => {}
    }
    let mut out = Vec::new();
    for span in spans {
        let written = i18n::span(ui, &NativeNumbers, span);
        if ui.lang == "ar" && written.bytes().any(|b| b.is_ascii_digit()) {
            let arabic_indic = written
                .chars()
                .map(|c| match c.to_digit(10) {
                    Some(digit) => char::from_u32(0x660 + digit).unwrap_or(c),
                    None => c,
                })
                .collect();
            out.push(arabic_indic);
        }
        out.push(written);
    }
    out
}

/// Whether `needle` occurs in `haystack` with no letter or digit right before or after it.
fn contains_as_words(haystack: &str, needle: &str) -> bool {
    haystack.match_indices(needle).any(|(at, _)| {
        let before = haystack[..at].chars().next_back();
        let after = haystack[at + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_and_braces_are_read() {
        assert_eq!(
            pieces("Wait {window:iso}, {{not}} this").unwrap(),
            vec![
                Piece::Words("Wait "),
                Piece::Window("iso"),
                Piece::Words(", "),
                Piece::Words("{"),
                Piece::Words("not"),
                Piece::Words("}"),
                Piece::Words(" this"),
            ]
        );
        assert_eq!(pieces("{price:face}").unwrap(), vec![Piece::Price("face")]);
        assert!(pieces("Wait {window:iso")
            .unwrap_err()
            .contains("not closed"));
        assert!(pieces("Wait {months}")
            .unwrap_err()
            .contains("unknown placeholder"));
        assert!(pieces("Wait {wndow:iso}")
            .unwrap_err()
            .contains("unknown placeholder"));
        assert!(pieces("a } b").unwrap_err().contains("without its"));
    }

    #[test]
    fn native_numbers_write_each_language_as_intl_does() {
        let n = NativeNumbers;
        assert_eq!(n.number("en", 1234567), "1,234,567");
        assert_eq!(n.number("es", 1000), "1000");
        assert_eq!(n.number("es", 10000), "10.000");
        assert_eq!(n.number("ar", 12), "12");
        assert_eq!(n.number("ar", 1000), "1,000");
        let six_months = Span::months(6);
        assert_eq!(Locale::native("en").span(six_months), "6 months");
        assert_eq!(Locale::native("es").span(six_months), "6 meses");
        assert_eq!(Locale::native("ar").span(six_months), "6 أشهر");
        assert_eq!(Locale::native("en").span(Span::months(1)), "1 month");
        assert_eq!(Locale::native("ar").span(Span::weeks(2)), "أسبوعين");
    }

    #[test]
    fn a_written_out_window_is_found_in_either_digits() {
        let protocol = Protocol::default_protocol();
        for (text, lang) in [
            ("Wait 6 months.", "en"),
            ("Espere 6 meses.", "es"),
            ("انتظر 6 أشهر.", "ar"),
            ("انتظر ٦ أشهر.", "ar"),
        ] {
            let found = written_out_windows(&protocol, text, lang);
            assert_eq!(found.len(), 1, "{text}");
            assert_eq!(found[0].windows, vec!["isotretinoin".to_string()], "{text}");
        }
        assert!(written_out_windows(&protocol, "Wait {window:isotretinoin}.", "en").is_empty());
    }

    #[test]
    fn written_out_durations_match_whole_words_only() {
        assert!(contains_as_words("wait 6 months.", "6 months"));
        assert!(!contains_as_words("wait 16 months.", "6 months"));
        assert!(!contains_as_words("wait 6 monthsx", "6 months"));
    }
}
