//! Mutation fuzzing of the protocol reader and validator: real protocol files with fields
//! deleted, duplicated and retyped, and bytes flipped, cut and inserted. Nothing may panic, and
//! every rejection must name its place (a JSON path, or a line and column).
//!
//! The test command runs a bounded number of mutations; `CANDIDACY_FUZZ_ITERATIONS=1000000
//! cargo test --release --test fuzz -- --nocapture` runs longer. Inputs that once failed are kept
//! in `tests/fuzz-regressions/` and replayed first.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use candidacy_quiz::protocol::DEFAULT_PROTOCOL_JSON;
use candidacy_quiz::Protocol;
use common::SplitMix as Random;
use serde_json::Value;

/// Every object or array reachable in `value`, as JSON pointers.
fn containers(value: &Value, pointer: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            out.push(pointer.clone());
            for (key, child) in map {
                containers(
                    child,
                    format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        Value::Array(items) => {
            out.push(pointer.clone());
            for (i, child) in items.iter().enumerate() {
                containers(child, format!("{pointer}/{i}"), out);
            }
        }
        _ => {}
    }
}

const REPLACEMENTS: [&str; 9] = [
    "null",
    "-1",
    "1e309",
    "\"\"",
    "[]",
    "{}",
    "true",
    "\"javascript:alert(1)\"",
    "\"<script>x</script>\"",
];

/// One structural mutation of `document`: delete, duplicate or retype a member.
fn mutate_structure(document: &Value, random: &mut Random) -> String {
    let mut value = document.clone();
    let mut places = Vec::new();
    containers(&value, String::new(), &mut places);
    let place = places[random.below(places.len())].clone();
    let replacement: Value =
        serde_json::from_str(REPLACEMENTS[random.below(REPLACEMENTS.len())]).unwrap_or(Value::Null);
    match value.pointer_mut(&place) {
        Some(Value::Object(map)) if !map.is_empty() => {
            let key = map.keys().nth(random.below(map.len())).cloned().unwrap();
            match random.below(3) {
                0 => {
                    map.remove(&key);
                }
                1 => {
                    map.insert(key, replacement);
                }
                _ => {
                    let copy = map[&key].clone();
                    map.insert(format!("{key}_copy"), copy);
                }
            }
        }
        Some(Value::Array(items)) if !items.is_empty() => {
            let i = random.below(items.len());
            match random.below(3) {
                0 => {
                    items.remove(i);
                }
                1 => items[i] = replacement,
                _ => {
                    let copy = items[i].clone();
                    items.push(copy);
                }
            }
        }
        _ => {}
    }
    value.to_string()
}

/// One byte-level mutation of `text`.
fn mutate_bytes(text: &str, random: &mut Random) -> String {
    const BYTES: &[u8] = b"{}[]\",:0-\\\x00\xff";
    let mut bytes = text.as_bytes().to_vec();
    if bytes.is_empty() {
        return String::new();
    }
    let at = random.below(bytes.len());
    match random.below(4) {
        0 => bytes.truncate(at),
        1 => bytes[at] = BYTES[random.below(BYTES.len())],
        2 => bytes.insert(at, b"{[\",:}]"[random.below(7)]),
        _ => {
            let end = (at + random.below(64)).min(bytes.len());
            bytes.drain(at..end);
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Reads `input` and checks the outcome is a protocol or errors that say where.
fn check(input: &str) {
    let outcome = std::panic::catch_unwind(|| Protocol::from_json(input));
    let Ok(outcome) = outcome else {
        let dir = std::path::Path::new("tests/fuzz-regressions");
        std::fs::create_dir_all(dir).unwrap();
        let name = format!(
            "crash-{:016x}.json",
            input.len() as u64 ^ input.bytes().map(u64::from).sum::<u64>()
        );
        std::fs::write(dir.join(&name), input).unwrap();
        panic!("the reader panicked; the input is kept as tests/fuzz-regressions/{name}");
    };
    if let Err(errors) = outcome {
        assert!(!errors.is_empty());
        for error in errors {
            assert!(
                !error.path.is_empty()
                    || error.position.is_some()
                    || error.message.starts_with("the file"),
                "an error without a place: {error}"
            );
        }
    }
}

#[test]
fn mutated_protocol_files_never_panic_and_every_rejection_says_where() {
    let regressions = std::fs::read_dir("tests/fuzz-regressions")
        .map(|dir| {
            dir.filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
                .collect()
        })
        .unwrap_or_else(|_| Vec::<String>::new());
    for input in &regressions {
        check(input);
    }

    let iterations: usize = std::env::var("CANDIDACY_FUZZ_ITERATIONS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(3_000);
    let minimal = std::fs::read_to_string("tests/fixtures/minimal.json").unwrap();
    let seeds: Vec<(String, Value)> = [DEFAULT_PROTOCOL_JSON, minimal.as_str()]
        .iter()
        .map(|text| (text.to_string(), serde_json::from_str(text).unwrap()))
        .collect();
    let mut random = Random(0x5EED);
    let started = std::time::Instant::now();
    let mut rejected = 0;
    for i in 0..iterations {
        let (text, document) = &seeds[i % seeds.len()];
        let mut input = match random.below(3) {
            0 => mutate_bytes(text, &mut random),
            _ => mutate_structure(document, &mut random),
        };
        // Now and then, stack a second mutation on the first.
        if random.below(4) == 0 {
            input = mutate_bytes(&input, &mut random);
        }
        check(&input);
        rejected += usize::from(Protocol::from_json(&input).is_err());
    }
    println!(
        "fuzz: {iterations} mutated protocol files ({rejected} rejected, each with its place) and {} kept regressions in {:.1?}",
        regressions.len(),
        started.elapsed()
    );
}

/// `src/json.rs` accepts exactly what serde_json accepts, and reads the same values.
fn agrees_with_serde_json(input: &str) {
    let ours = candidacy_quiz::json::parse(input);
    let theirs = serde_json::from_str::<Value>(input);
    match (&ours, &theirs) {
        (Ok(ours), Ok(theirs)) => {
            let again: Value = serde_json::from_str(&ours.to_string()).unwrap();
            assert_eq!(&again, theirs, "a different value read from {input:?}");
        }
        (Err(_), Err(_)) => {}
        _ => panic!(
            "json::parse gave {:?} and serde_json {:?} for {input:?}",
            ours.as_ref().map(|_| ()),
            theirs.as_ref().map(|_| ())
        ),
    }
}

#[test]
fn the_json_reader_agrees_with_serde_json() {
    let mut samples: Vec<String> = [
        "0",
        "-0",
        "01",
        "1.",
        ".5",
        "1e",
        "1e+",
        "1.5e-3",
        "-",
        "--1",
        "1_000",
        "123456789012345678901234567890",
        "\"\\u00e9\\ud83d\\ude00\"",
        "\"\\ud83d\"",
        "\"\\udc00\"",
        "\"\\x\"",
        "\"a\nb\"",
        "\"\\/\"",
        "\"é\"",
        "[1,]",
        "[,1]",
        "{\"a\":1,}",
        "{\"a\" 1}",
        "{a:1}",
        "{\"a\":1,\"a\":2}",
        "tru",
        "true false",
        " null ",
        "\u{feff}{}",
        "[] []",
        "",
        "  ",
        "{\"\\u0000\":\"\\u001f\"}",
        "\"\t\"",
        "[[]]",
        "NaN",
        "Infinity",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for depth in 120..135 {
        samples.push(format!("{}{}", "[".repeat(depth), "]".repeat(depth)));
        samples.push(format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth)));
    }
    for file in [
        "tests/fixtures/minimal.json",
        "static/protocols/microneedling.json",
        "examples/cases.json",
    ] {
        samples.push(std::fs::read_to_string(file).unwrap());
    }
    for entry in std::fs::read_dir("tests/broken").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            samples.push(std::fs::read_to_string(path).unwrap());
        }
    }
    for sample in &samples {
        agrees_with_serde_json(sample);
    }
    let mut random = Random(0xC0FFEE);
    for i in 0..3_000 {
        let seed = &samples[samples.len() - 1 - i % 20];
        agrees_with_serde_json(&mutate_bytes(seed, &mut random));
    }
}
