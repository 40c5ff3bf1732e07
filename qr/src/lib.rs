//! The quiz's QR encoder, a WebAssembly module of its own: the result's code for the visitor's
//! phone is its only user, so the quiz's first load does not carry it (about 5 KB brotli in the
//! quiz's wasm); the quiz fetches this module when a visitor asks for the code.
//!
//! No bindings, three functions over the module's memory: `input(len)` makes room for the text
//! and says where to write it, `encode()` encodes it and returns the code's width in modules (0
//! when the text does not fit a code), `output()` says where its modules are, one byte each (1
//! for dark), row by row. src/qr.rs in the quiz draws them.

use std::sync::Mutex;

use qrcodegen::{QrCode, QrCodeEcc};

static INPUT: Mutex<Vec<u8>> = Mutex::new(Vec::new());
static OUTPUT: Mutex<Vec<u8>> = Mutex::new(Vec::new());

/// `text` as a QR code (error correction M: a code on a screen, read by a phone's camera): its
/// width and its modules, row by row, 1 for dark; `None` when it is too long for one code.
pub fn modules(text: &[u8]) -> Option<(usize, Vec<u8>)> {
    let text = std::str::from_utf8(text).ok()?;
    let code = QrCode::encode_text(text, QrCodeEcc::Medium).ok()?;
    let size = code.size();
    let modules = (0..size)
        .flat_map(|y| (0..size).map(move |x| (x, y)))
        .map(|(x, y)| u8::from(code.get_module(x, y)))
        .collect();
    Some((size as usize, modules))
}

/// Room for `len` bytes of text: where to write them.
#[no_mangle]
pub extern "C" fn input(len: usize) -> *mut u8 {
    let mut input = INPUT.lock().unwrap_or_else(|e| e.into_inner());
    input.clear();
    input.resize(len, 0);
    input.as_mut_ptr()
}

/// Encodes the text written at `input`: the code's width in modules, 0 when it does not fit.
#[no_mangle]
pub extern "C" fn encode() -> usize {
    let input = INPUT.lock().unwrap_or_else(|e| e.into_inner());
    let mut output = OUTPUT.lock().unwrap_or_else(|e| e.into_inner());
    match modules(&input) {
        Some((width, modules)) => {
            *output = modules;
            width
        }
        None => 0,
    }
}

/// Where the last code's modules are.
#[no_mangle]
pub extern "C" fn output() -> *const u8 {
    OUTPUT.lock().unwrap_or_else(|e| e.into_inner()).as_ptr()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_is_a_square_of_modules_with_its_finder_patterns() {
        let (width, modules) = modules(b"https://clinic.example/quiz/#r=1.en.x.1.0.0").unwrap();
        assert_eq!(modules.len(), width * width);
        assert_eq!((width - 17) % 4, 0, "a version's width");
        // The top-left finder pattern: a dark 7 x 7 ring around a light ring and a dark 3 x 3.
        let at = |x: usize, y: usize| modules[y * width + x];
        assert_eq!((0..7).map(|x| at(x, 0)).collect::<Vec<_>>(), [1; 7]);
        assert_eq!(
            (0..7).map(|x| at(x, 1)).collect::<Vec<_>>(),
            [1, 0, 0, 0, 0, 0, 1]
        );
        assert_eq!(
            (0..7).map(|x| at(x, 3)).collect::<Vec<_>>(),
            [1, 0, 1, 1, 1, 0, 1]
        );
    }

    #[test]
    fn through_the_module_s_memory_as_the_quiz_calls_it() {
        let text = b"https://clinic.example/";
        let at = input(text.len());
        unsafe { std::ptr::copy_nonoverlapping(text.as_ptr(), at, text.len()) };
        let width = encode();
        let (expected_width, expected) = modules(text).unwrap();
        assert_eq!(width, expected_width);
        let written = unsafe { std::slice::from_raw_parts(output(), width * width) };
        assert_eq!(written, &expected[..]);
    }

    #[test]
    fn too_long_for_a_code_is_none() {
        assert_eq!(modules(&[b'x'; 5000]), None);
        assert_eq!(modules(&[0xff, 0xfe]), None, "not UTF-8");
    }
}
