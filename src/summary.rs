//! The result as a short plain text the visitor keeps or passes on themselves (copy, the share
//! sheet, an email they send): the quiz builds the lines in the visitor's language and this fits
//! them under the length common mail programs open from a `mailto:` link.

/// The most characters a summary holds (the "about 1,500", for `mailto:` bodies).
pub const MAX_CHARS: usize = 1_500;

/// One part of the summary, in the order shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    pub lines: Vec<String>,
    /// Lines that may be left out, last first, when the whole is too long (the dates of later
    /// sessions, pre-care steps): the rest always stays.
    pub optional: bool,
}

/// The parts joined into one text of at most [`MAX_CHARS`] characters: optional lines are
/// dropped from the last part backwards, and `more` says something was left out.
pub fn fit(mut parts: Vec<Part>, more: &str) -> String {
    let mut cut = false;
    loop {
        let mut text = String::new();
        for part in parts.iter().filter(|p| !p.lines.is_empty()) {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            text.push_str(&part.lines.join("\n"));
        }
        if cut {
            text.push_str("\n\n");
            text.push_str(more);
        }
        if text.chars().count() <= MAX_CHARS {
            return text;
        }
        match parts
            .iter_mut()
            .rev()
            .find(|p| p.optional && !p.lines.is_empty())
        {
            Some(part) => {
                part.lines.pop();
                cut = true;
            }
            // Only what must stay is left: cut it at a character boundary.
            None => return text.chars().take(MAX_CHARS).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(lines: &[&str], optional: bool) -> Part {
        Part {
            lines: lines.iter().map(|l| l.to_string()).collect(),
            optional,
        }
    }

    #[test]
    fn a_short_summary_is_kept_whole() {
        let text = fit(
            vec![
                part(&["Suitable", "From 1 May"], false),
                part(&["Session 1"], true),
            ],
            "…",
        );
        assert_eq!(text, "Suitable\nFrom 1 May\n\nSession 1");
    }

    #[test]
    fn optional_lines_go_last_first_and_the_cut_is_said() {
        let long = "x".repeat(700);
        let parts = vec![
            part(&["Not yet", &long], false),
            part(&["Session 1", "Session 2"], true),
            part(&[&long, &long], true),
        ];
        let text = fit(parts, "(more in the quiz)");
        assert!(
            text.chars().count() <= MAX_CHARS,
            "{}",
            text.chars().count()
        );
        assert!(text.starts_with("Not yet\n"));
        assert!(text.ends_with("(more in the quiz)"));
        assert!(text.contains("Session 2"));
        // Arabic counts in characters, not bytes.
        let arabic = "ب".repeat(1_400);
        let text = fit(vec![part(&[&arabic], false), part(&["جلسة ١"], true)], "…");
        assert_eq!(text.chars().count(), 1_408);
    }
}
