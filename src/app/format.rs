//! Dates, numbers, money and plurals in the visitor's language, by the browser's `Intl`.

use std::cell::RefCell;

use js_sys::{Array, Function, Intl, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use crate::date::{Date, Span};
use crate::i18n::{self, Forms, Numbers, Plural, Ui};
use crate::protocol::Range;

fn locales(lang: &str) -> Array {
    Array::of1(&JsValue::from_str(lang))
}

fn options(pairs: &[(&str, &str)]) -> Object {
    let object = Object::new();
    for (key, value) in pairs {
        let _ = Reflect::set(&object, &(*key).into(), &(*value).into());
    }
    object
}

thread_local! {
    /// The `Intl` formatters made so far, by kind, language and options: making one costs far
    /// more than using it, and a result screen formats dozens of dates and numbers.
    static MADE: RefCell<Vec<(String, JsValue)>> = const { RefCell::new(Vec::new()) };
}

/// The formatter `key` names, made by `make` the first time.
fn made(key: String, make: impl FnOnce() -> JsValue) -> JsValue {
    MADE.with(|made| {
        if let Some((_, formatter)) = made.borrow().iter().find(|(k, _)| *k == key) {
            return formatter.clone();
        }
        let formatter = make();
        made.borrow_mut().push((key, formatter.clone()));
        formatter
    })
}

fn call_format(format: JsValue, value: &JsValue) -> String {
    let format: Function = format.unchecked_into();
    format
        .call1(&JsValue::NULL, value)
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_default()
}

/// A calendar date, long form ("10 January 2027", "10 de enero de 2027", "10 يناير 2027").
pub fn date(lang: &str, date: Date) -> String {
    date_in(lang, date, "long")
}

/// A calendar date, short ("10 Jan 2027"): where space is tight (the plan's timeline).
pub fn short_date(lang: &str, date: Date) -> String {
    date_in(lang, date, "medium")
}

fn date_in(lang: &str, date: Date, style: &str) -> String {
    // The date is a calendar day, not an instant: format it at UTC midnight in UTC so no time
    // zone can move it to the day before.
    let millis = js_sys::Date::utc(f64::from(date.year()), f64::from(date.month() - 1))
        + f64::from(date.day() - 1) * 86_400_000.0;
    let format = made(format!("date {style} {lang}"), || {
        Intl::DateTimeFormat::new(
            &locales(lang),
            &options(&[("dateStyle", style), ("timeZone", "UTC")]),
        )
        .format()
        .into()
    });
    call_format(
        format,
        &js_sys::Date::new(&JsValue::from_f64(millis)).into(),
    )
}

pub fn number(lang: &str, n: i64) -> String {
    let format = made(format!("number {lang}"), || {
        Intl::NumberFormat::new(&locales(lang), &Object::new())
            .format()
            .into()
    });
    call_format(format, &JsValue::from_f64(n as f64))
}

pub fn money(lang: &str, currency: &str, amount: i64) -> String {
    let format = made(format!("money {currency} {lang}"), || {
        Intl::NumberFormat::new(
            &locales(lang),
            &options(&[
                ("style", "currency"),
                ("currency", currency),
                ("maximumFractionDigits", "0"),
            ]),
        )
        .format()
        .into()
    });
    call_format(format, &JsValue::from_f64(amount as f64))
}

fn plural(lang: &str, n: i64) -> Plural {
    let rules: Intl::PluralRules = made(format!("plural {lang}"), || {
        Intl::PluralRules::new(&locales(lang), &Object::new()).into()
    })
    .unchecked_into();
    Plural::from_cldr(&String::from(rules.select(n as f64)))
}

/// The browser's `Intl`, as the core's [`Numbers`].
pub struct IntlNumbers;

impl Numbers for IntlNumbers {
    fn number(&self, lang: &str, n: i64) -> String {
        number(lang, n)
    }

    fn plural(&self, lang: &str, n: i64) -> Plural {
        plural(lang, n)
    }

    fn money(&self, lang: &str, currency: &str, amount: i64) -> String {
        money(lang, currency, amount)
    }
}

/// "3 days", "4–6 weeks": the range's upper end chooses the plural form.
pub fn counted(ui: &Ui, forms: &Forms, range: Range) -> String {
    i18n::counted(ui, &IntlNumbers, forms, range)
}

pub fn span(ui: &Ui, span: Span) -> String {
    i18n::span(ui, &IntlNumbers, span)
}
