//! The result's QR code drawn as SVG. The encoding is done by the quiz's QR module (qr/, fetched
//! only when a visitor asks for a code); this draws the modules it gives back, each row's runs of
//! dark modules as rectangles, one module per unit (the view adds the quiet zone around them).

use std::fmt::Write;

/// A QR code's modules: its width in modules and the SVG path of its dark ones.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Drawing {
    pub width: usize,
    pub path: String,
}

/// Draws a code's modules, one byte each (non-zero for dark), row by row; `None` when they do
/// not make a square.
pub fn draw(modules: &[u8]) -> Option<Drawing> {
    let width = (1..=modules.len()).find(|w| w * w >= modules.len())?;
    if width * width != modules.len() {
        return None;
    }
    let mut path = String::new();
    for (y, row) in modules.chunks(width).enumerate() {
        let mut x = 0;
        while x < width {
            let run = row[x..].iter().take_while(|m| **m != 0).count();
            if run > 0 {
                let _ = write!(path, "M{x} {y}h{run}v1h-{run}z");
            }
            x += run.max(1);
        }
    }
    Some(Drawing { width, path })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The modules the path paints, back from its `M x y h run` commands.
    #[cfg(not(target_arch = "wasm32"))]
    fn painted(drawing: &Drawing) -> Vec<u8> {
        let mut modules = vec![0; drawing.width * drawing.width];
        for command in drawing.path.split('M').skip(1) {
            let numbers: Vec<usize> = command
                .split(|c: char| !c.is_ascii_digit())
                .filter(|n| !n.is_empty())
                .filter_map(|n| n.parse().ok())
                .collect();
            let [x, y, run, ..] = numbers[..] else {
                panic!("{command}")
            };
            for dx in 0..run {
                modules[y * drawing.width + x + dx] = 1;
            }
        }
        modules
    }

    /// Natively, with the module's own encoder (a native dev-dependency).
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn the_path_paints_exactly_the_dark_modules() {
        let text = "https://clinic.example/quiz/#r=1.en.microneedling-default.2026-12-02.1.0.0";
        let (width, modules) = candidacy_qr::modules(text.as_bytes()).unwrap();
        let drawing = draw(&modules).unwrap();
        assert_eq!(drawing.width, width);
        assert_eq!(painted(&drawing), modules);
    }

    #[test]
    fn modules_that_are_not_a_square_are_refused() {
        assert_eq!(draw(&[]), None);
        assert_eq!(draw(&[1, 0, 1]), None);
        assert_eq!(draw(&[1, 0, 0, 1]).map(|d| d.width), Some(2));
    }
}
