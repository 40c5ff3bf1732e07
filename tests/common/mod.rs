//! Pieces shared by the native test files.

// Each test binary compiles this module and uses only part of it.
#![allow(dead_code)]

/// A small deterministic generator (SplitMix64), so sampled tests are the same on every run.
pub struct SplitMix(pub u64);

impl SplitMix {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// The shipped treatments other than the default protocol (which the tests walk on their own).
pub fn treatments() -> impl Iterator<Item = &'static str> {
    candidacy_quiz::protocol::TREATMENTS
        .into_iter()
        .filter(|name| *name != "microneedling")
}

/// A shipped protocol by name, read from `static/protocols/`.
pub fn shipped(name: &str) -> candidacy_quiz::Protocol {
    let path = format!("static/protocols/{name}.json");
    let json = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    candidacy_quiz::Protocol::from_json(&json).unwrap_or_else(|e| panic!("{path}: {}", e[0]))
}

/// A spec's `not_suitable` rule: its name, question and option.
pub type Refusal = (&'static str, &'static str, &'static str);

const RF_REFUSALS: [Refusal; 4] = [
    (
        "a pacemaker or other implanted device",
        "implanted_device",
        "yes",
    ),
    (
        "metal or a permanent implant in the area",
        "metal_in_area",
        "yes",
    ),
    ("permanent filler", "filler", "permanent"),
    ("current cancer", "cancer", "current"),
];

const PRP_REFUSALS: [Refusal; 2] = [
    ("a platelet disorder", "bleeding", "yes"),
    (
        "current cancer, especially of the blood",
        "cancer",
        "current",
    ),
];

/// The `not_suitable` rules a treatment's spec adds to the default's; RF with PRP has both
/// treatments', each question once.
pub fn refusals(treatment: &str) -> Vec<Refusal> {
    match treatment {
        "rf-microneedling" => RF_REFUSALS.to_vec(),
        "prp-microneedling" => PRP_REFUSALS.to_vec(),
        "rf-prp-microneedling" => RF_REFUSALS
            .iter()
            .chain(
                PRP_REFUSALS
                    .iter()
                    .filter(|(_, question, _)| RF_REFUSALS.iter().all(|(_, q, _)| q != question)),
            )
            .copied()
            .collect(),
        other => panic!("no spec names the refusals of {other}"),
    }
}
