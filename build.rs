//! Compiles the default protocol into the CLI (and the tests) without the whitespace between its
//! tokens: the pretty-printed file is a third larger (78 KB against 56 KB). The file itself stays
//! readable for clinics; its review digest does not depend on layout. The quiz does not carry it:
//! the build puts it in the page (tools/postbuild.mjs).

use std::path::Path;

const PROTOCOL: &str = "static/protocols/microneedling.json";

fn main() {
    println!("cargo:rerun-if-changed={PROTOCOL}");
    // `full_checks`: the validator's warnings and band rules are compiled in (the CLI, the tests
    // and the studio); the quiz's wasm leaves them out.
    println!("cargo::rustc-check-cfg=cfg(full_checks)");
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|arch| arch == "wasm32");
    if !wasm || std::env::var_os("CARGO_FEATURE_STUDIO").is_some() {
        println!("cargo:rustc-cfg=full_checks");
    }
    let json = std::fs::read_to_string(PROTOCOL).expect("the default protocol is readable");
    let mut compact = String::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in json.chars() {
        if in_string {
            compact.push(c);
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
        } else if !c.is_ascii_whitespace() {
            in_string = c == '"';
            compact.push(c);
        }
    }
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("microneedling.min.json");
    std::fs::write(out, compact).expect("OUT_DIR is writable");
}
