//! Candidacy Quiz: "am I a candidate for microneedling?", answered in the visitor's browser.
//!
//! The core (protocol, validation, answers, assessment, plan, calendar export) is plain Rust with
//! no web types, compiled and tested natively. The Yew interface in [`app`] exists on `wasm32`,
//! and natively with the `ssr` feature to render the first screen into the page at build time;
//! it only renders state and dispatches actions.

pub mod answers;
pub mod assess;
pub mod cases;
#[cfg(not(target_arch = "wasm32"))]
pub mod compose;
pub mod date;
pub mod embed;
pub mod explain;
pub mod flow;
pub mod handoff;
pub mod i18n;
pub mod ics;
pub mod json;
pub mod plan;
pub mod protocol;
pub mod qr;
pub mod read;
pub mod review;
pub mod saved;
pub mod studio;
pub mod summary;
pub mod theme;
pub mod timeline;
pub mod validate;
pub mod wording;

#[cfg(any(target_arch = "wasm32", feature = "ssr"))]
pub mod app;

pub use answers::{Answer, AnswerError, Answers};
pub use assess::{assess, Assessment, Reason, Verdict};
pub use date::Date;
pub use plan::Plan;
pub use protocol::Protocol;
pub use validate::ProtocolError;
pub use wording::Locale;
