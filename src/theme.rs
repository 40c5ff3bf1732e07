//! A clinic's look: brand colour, font and corner radius, checked so that a clinic cannot make
//! the quiz unreadable, and turned into the CSS custom properties the stylesheet reads.

use serde::Serialize;

/// Optional theme of a protocol file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Theme {
    /// `#rrggbb`; white text on it and it as text on white must both reach 4.5:1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub brand: Option<String>,
    /// A CSS font-family list, such as `"Source Sans 3", system-ui, sans-serif`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub font: Option<String>,
    /// Corner radius in `px` or `rem`, such as `6px`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub radius: Option<String>,
}

/// Minimum contrast for normal text (WCAG 2.2, 1.4.3).
pub const MIN_CONTRAST: f64 = 4.5;

/// The red, green and blue of `#rrggbb`.
pub fn parse_hex(colour: &str) -> Option<[u8; 3]> {
    let hex = colour.strip_prefix('#')?;
    if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([channel(0)?, channel(2)?, channel(4)?])
}

fn luminance([r, g, b]: [u8; 3]) -> f64 {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.040_45 {
            c / 12.92
        } else {
            pow_2_4((c + 0.055) / 1.055)
        }
    };
    0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

/// `x`^2.4 for `x` in (0, 1], without the float library's `pow` (2 KB of the quiz's wasm):
/// x² times the fifth root of x², found by Newton's method from √x (a wasm instruction), which
/// lies within a factor of 1.4 of it here. Eight steps reach `powf` to the last bits (a test
/// compares them on every channel value).
fn pow_2_4(x: f64) -> f64 {
    let square = x * x;
    let mut root = x.sqrt();
    for _ in 0..8 {
        let fourth = root * root * root * root;
        root -= (fourth * root - square) / (5.0 * fourth);
    }
    square * root
}

/// The WCAG contrast ratio of two colours.
pub fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// `colour` darkened by a fifth, for hover states.
fn darker([r, g, b]: [u8; 3]) -> String {
    let d = |c: u8| (f64::from(c) * 0.8).round() as u8;
    format!("#{:02x}{:02x}{:02x}", d(r), d(g), d(b))
}

/// Why the theme cannot be used, per field.
pub fn check(theme: &Theme) -> Vec<(&'static str, String)> {
    let mut problems = Vec::new();
    if let Some(brand) = &theme.brand {
        match parse_hex(brand) {
            None => problems.push((
                "brand",
                format!("\"{brand}\" is not a colour of the form #rrggbb"),
            )),
            Some(rgb) => {
                let ratio = contrast(rgb, [255, 255, 255]);
                if ratio < MIN_CONTRAST {
                    problems.push((
                        "brand",
                        format!(
                            "\"{brand}\" is too light: white text on it has a contrast of {}:1, and it needs {}:1; choose a darker shade",
                            one_decimal(ratio),
                            one_decimal(MIN_CONTRAST)
                        ),
                    ));
                }
            }
        }
    }
    if let Some(font) = &theme.font {
        let safe = !font.trim().is_empty()
            && font.len() <= 200
            && font.chars().all(|c| {
                c.is_ascii_alphanumeric() || u32::from(c) > 0x9f || " ,-_'\".".contains(c)
            });
        if !safe {
            problems.push(("font", format!("\"{font}\" is not a font-family list (letters, digits, spaces, quotes, commas, - and _ only)")));
        }
    }
    if let Some(radius) = &theme.radius {
        let number = radius
            .strip_suffix("px")
            .map(|n| (n, 2400))
            .or_else(|| radius.strip_suffix("rem").map(|n| (n, 150)));
        let ok = number.is_some_and(|(n, max)| hundredths(n).is_some_and(|v| v <= max));
        if !ok {
            problems.push((
                "radius",
                format!("\"{radius}\" is not a radius from 0 to 24px (or 1.5rem)"),
            ));
        }
    }
    problems
}

// Numbers are read and written by hand here: Rust's float parsing and formatting cost the wasm
// 33 KB (21 KB gzip) for one message and one check.

/// `x` with one decimal, such as "3.2".
fn one_decimal(x: f64) -> String {
    let tenths = (x * 10.0).round() as u64;
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// A decimal such as "12", "0.5" or ".75" in hundredths; `None` for anything else (signs,
/// exponents, more than two decimals).
fn hundredths(text: &str) -> Option<u32> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let well_formed = all_digits(whole)
        && all_digits(fraction)
        && fraction.len() <= 2
        && (!whole.is_empty() || !fraction.is_empty())
        && !text.ends_with('.');
    if !well_formed {
        return None;
    }
    let whole: u32 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    // "5" → 50, "75" → 75 hundredths.
    let fraction: u32 = format!("{fraction:0<2}").parse().ok()?;
    whole.checked_mul(100)?.checked_add(fraction)
}

/// The custom properties a checked theme sets on the page.
pub fn custom_properties(theme: &Theme) -> Vec<(&'static str, String)> {
    let mut properties = Vec::new();
    if let Some(rgb) = theme.brand.as_deref().and_then(parse_hex) {
        properties.push(("--clinic-brand", theme.brand.clone().unwrap_or_default()));
        properties.push(("--clinic-brand-strong", darker(rgb)));
    }
    if let Some(font) = &theme.font {
        properties.push(("--font", font.clone()));
    }
    if let Some(radius) = &theme.radius {
        properties.push(("--radius", radius.clone()));
    }
    properties
}

/// The theme as a stylesheet rule for `selector`, or `None` when it sets nothing. The build uses
/// it for the prerendered first screen, which paints before the app sets the same properties
/// itself (the values are checked first: they hold no `;`, `{` or `}`).
pub fn stylesheet(theme: &Theme, selector: &str) -> Option<String> {
    let properties = custom_properties(theme);
    if properties.is_empty() {
        return None;
    }
    let mut css = format!("{selector} {{\n");
    for (name, value) in properties {
        css.push_str(&format!("  {name}: {value};\n"));
    }
    css.push_str("}\n");
    Some(css)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn theme(brand: &str, font: &str, radius: &str) -> Theme {
        Theme {
            brand: Some(brand.into()),
            font: Some(font.into()),
            radius: Some(radius.into()),
        }
    }

    #[test]
    fn numbers_by_hand() {
        assert_eq!(one_decimal(3.249), "3.2");
        assert_eq!(one_decimal(3.25), "3.3");
        assert_eq!(one_decimal(21.0), "21.0");
        for (text, value) in [
            ("12", Some(1200)),
            ("0.5", Some(50)),
            (".75", Some(75)),
            ("1.5", Some(150)),
        ] {
            assert_eq!(hundredths(text), value, "{text}");
        }
        for text in [
            "",
            ".",
            "5.",
            "-1",
            "1e1",
            "1.255",
            "inf",
            "1,5",
            " 1",
            "99999999999",
        ] {
            assert_eq!(hundredths(text), None, "{text}");
        }
    }

    #[test]
    fn the_power_is_powf_on_every_channel_value() {
        for c in 11..=255u8 {
            let x = (f64::from(c) / 255.0 + 0.055) / 1.055;
            let (ours, std) = (pow_2_4(x), x.powf(2.4));
            assert!(
                (ours - std).abs() <= std * 1e-15,
                "{c}: {ours} against {std}"
            );
        }
    }

    #[test]
    fn contrast_matches_wcag_examples() {
        assert!((contrast([0, 0, 0], [255, 255, 255]) - 21.0).abs() < 0.01);
        assert!((contrast([0x76, 0x76, 0x76], [255, 255, 255]) - 4.54).abs() < 0.01);
    }

    #[test]
    fn readable_themes_pass_and_others_are_named() {
        assert!(check(&theme(
            "#1f6f78",
            "\"Source Sans 3\", system-ui, sans-serif",
            "6px"
        ))
        .is_empty());
        let problems = check(&theme("#ffcc00", "x; background: url(evil)", "3em"));
        let fields: Vec<&str> = problems.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, ["brand", "font", "radius"]);
        assert!(problems[0].1.contains("too light"));
        assert_eq!(
            check(&theme("teal", "serif", "0px"))[0].1,
            "\"teal\" is not a colour of the form #rrggbb"
        );
    }

    #[test]
    fn properties_include_a_darker_hover_shade() {
        let properties = custom_properties(&theme("#1f6f78", "serif", "4px"));
        assert_eq!(properties[0], ("--clinic-brand", "#1f6f78".to_string()));
        assert_eq!(
            properties[1],
            ("--clinic-brand-strong", "#195960".to_string())
        );
        assert_eq!(properties.len(), 4);
    }

    #[test]
    fn the_stylesheet_sets_the_same_properties_or_is_none() {
        assert_eq!(
            stylesheet(&theme("#1f6f78", "serif", "4px"), ".quiz.prerendered").as_deref(),
            Some(
                ".quiz.prerendered {\n  --clinic-brand: #1f6f78;\n  --clinic-brand-strong: #195960;\n  \
                 --font: serif;\n  --radius: 4px;\n}\n"
            )
        );
        let nothing = Theme {
            brand: None,
            font: None,
            radius: None,
        };
        assert_eq!(stylesheet(&nothing, ".quiz"), None);
    }
}
