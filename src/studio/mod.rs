//! The clinic's studio: edit a protocol with forms, see the real quiz run it, run the clinic's
//! cases after every edit, and download the file (README, "For clinics: the studio").
//!
//! The editing (a document, its edits, undo and redo, what changed) is plain Rust here, tested
//! natively; the screens in `ui` render it and the quiz's own [`crate::app::App`] previews it.

mod changes;
mod draft;
pub mod languages;
pub mod preview;
#[cfg(all(target_arch = "wasm32", feature = "studio"))]
pub mod ui;

pub use changes::changes;
pub use draft::{check, get, propose_id, Checked, Draft, Edit, Path, Refusal, Step};
