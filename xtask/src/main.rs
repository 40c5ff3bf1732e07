//! `cargo xtask`: set up a fresh machine, serve the app, run every test.
//!
//! Everything the project needs is installed from the project's own files (Cargo.lock,
//! Trunk.toml, package.json), each tool skipped when already present and announced with a
//! progress line before any long wait. Only the package registries are used.

use std::env;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

const TRUNK_VERSION: &str = "0.21.14";
const WASM_TARGET: &str = "wasm32-unknown-unknown";
const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// Reads the text of the printed PDF in the end-to-end tests.
const PDFTOTEXT: &str = "/usr/bin/pdftotext";
const NGINX: &str = "/usr/sbin/nginx";
/// Apache and Caddy run the host recipes in examples/ (tests/e2e/headers.test.mjs).
const APACHE: &str = "/usr/sbin/apache2";
const CADDY: &str = "/usr/bin/caddy";
/// WordPress with its PHP, database and a theme runs the plugin (tests/e2e/wordpress.test.mjs).
const WORDPRESS: &str = "/usr/share/wordpress/wp-settings.php";
const WORDPRESS_THEME: &str = "/usr/share/wordpress/wp-content/themes/twentytwentythree";
const MARIADB: &str = "/usr/sbin/mariadbd";
const PHP: &str = "/usr/bin/php";
/// The module that serves the build's `.br` files (examples/nginx).
const NGINX_BROTLI: &str = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so";

const USAGE: &str = "\
usage: cargo xtask <command>
  serve [--dev] [--protocol NAME]
                  install what is missing, build the app and serve it on http://127.0.0.1:8080
                  (the clinic's studio at /studio/)
  test            install what is missing and run every check and test, with a summary
  bench           build the release site and measure it behind nginx in Chromium (target/bench)
  build [--protocol NAME]
                  install what is missing and build the release site into dist/; with --protocol,
                  the page, its first screen and the kiosk file carry that shipped treatment
                  (rf-microneedling, prp-microneedling, rf-prp-microneedling; README, Treatments)
  wordpress       build the release site and the WordPress plugin around it
                  (target/candidacy-quiz-wordpress.zip; README, WordPress)
  setup           install what is missing (Rust target, Trunk, wasm-bindgen, npm packages, Chromium)";

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let root = project_root();
    env::set_current_dir(&root).expect("the project root is reachable");
    let treatment = args
        .iter()
        .position(|a| a == "--protocol")
        .map(|i| args.get(i + 1).cloned().unwrap_or_default());
    let outcome = match args.first().map(String::as_str) {
        _ if treatment.as_deref() == Some("") => Err("--protocol needs a treatment's name".into()),
        Some("serve") => serve(args.iter().any(|a| a == "--dev"), treatment.as_deref()),
        Some("test") => test(),
        Some("bench") => setup(true)
            .and_then(|()| build())
            .and_then(|()| run(command("node").arg("tools/bench.mjs"))),
        Some("build") => setup(false).and_then(|()| build_treatment(treatment.as_deref())),
        Some("wordpress") => setup(false)
            .and_then(|()| build())
            .and_then(|()| run(command("node").arg("tools/wordpress-plugin.mjs"))),
        Some("setup") => setup(true),
        _ => Err(USAGE.to_string()),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the project root")
        .to_path_buf()
}

/// PATH with the project's npm tools (wasm-opt) and cargo's installed binaries first.
fn tool_path() -> String {
    let mut dirs = vec![project_root().join("node_modules/.bin")];
    if let Some(cargo_home) = env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")))
    {
        dirs.push(cargo_home.join("bin"));
    }
    dirs.extend(env::split_paths(&env::var_os("PATH").unwrap_or_default()));
    env::join_paths(dirs)
        .expect("paths without separators")
        .to_string_lossy()
        .into_owned()
}

fn command(program: &str) -> Command {
    let mut command = Command::new(program);
    command.env("PATH", tool_path());
    command
}

fn progress(message: &str) {
    println!("setup: {message}");
}

/// Runs a command with inherited output; an error names it.
fn run(command: &mut Command) -> Result<(), String> {
    let status = command
        .status()
        .map_err(|error| format!("cannot run {:?}: {error}", command.get_program()))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{command:?} failed ({status})"))
    }
}

/// The first line a command prints, if it runs.
fn output_of(program: &str, args: &[&str]) -> Option<String> {
    let output = command(program).args(args).output().ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_string())
}

/// The version of `package` recorded in Cargo.lock.
fn locked_version(package: &str) -> Result<String, String> {
    let lock = std::fs::read_to_string("Cargo.lock").map_err(|e| format!("Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == format!("name = \"{package}\"") {
            if let Some(version) = lines
                .next()
                .and_then(|l| l.strip_prefix("version = \""))
                .and_then(|l| l.strip_suffix('"'))
            {
                return Ok(version.to_string());
            }
        }
    }
    Err(format!("{package} is not in Cargo.lock"))
}

fn setup(with_browser: bool) -> Result<(), String> {
    let started = Instant::now();
    let installed_targets =
        output_of("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed_targets.lines().any(|t| t == WASM_TARGET) {
        progress(&format!("Rust target {WASM_TARGET}: present"));
    } else {
        progress(&format!("Rust target {WASM_TARGET}: installing…"));
        run(command("rustup").args(["target", "add", WASM_TARGET]))?;
    }

    if output_of("trunk", &["--version"]).as_deref() == Some(&format!("trunk {TRUNK_VERSION}")) {
        progress(&format!("Trunk {TRUNK_VERSION}: present"));
    } else {
        progress(&format!(
            "Trunk {TRUNK_VERSION}: installing with cargo (about 6 minutes on 2 cores; cargo shows its progress)…"
        ));
        run(command("cargo").args(["install", "--locked", &format!("trunk@{TRUNK_VERSION}")]))?;
    }

    let bindgen = locked_version("wasm-bindgen")?;
    let trunk_toml =
        std::fs::read_to_string("Trunk.toml").map_err(|e| format!("Trunk.toml: {e}"))?;
    if !trunk_toml.contains(&format!("wasm_bindgen = \"{bindgen}\"")) {
        return Err(format!(
            "Trunk.toml must pin wasm_bindgen = \"{bindgen}\", the version in Cargo.lock"
        ));
    }
    if output_of("wasm-bindgen", &["--version"]).as_deref()
        == Some(&format!("wasm-bindgen {bindgen}"))
    {
        progress(&format!("wasm-bindgen-cli {bindgen}: present"));
    } else {
        // `--locked` fails for this crate against the registry mirror (its lockfile wants a
        // version the index lacks), so the install is unlocked, pinned to the exact version.
        progress(&format!(
            "wasm-bindgen-cli {bindgen}: installing with cargo (about 4 minutes; cargo shows its progress)…"
        ));
        run(command("cargo").args(["install", "wasm-bindgen-cli", "--version", &bindgen]))?;
    }

    // npm records what it installed in node_modules/.package-lock.json; an install older than
    // the project's lockfile is out of date.
    let modified = |path: &str| std::fs::metadata(path).and_then(|m| m.modified()).ok();
    let npm_ready = matches!(
        (modified("node_modules/.package-lock.json"), modified("package-lock.json")),
        (Some(installed), Some(wanted)) if installed >= wanted
    ) && output_of("node_modules/.bin/wasm-opt", &["--version"])
        .is_some_and(|v| v.contains("version 132"));
    if npm_ready {
        progress("npm packages (binaryen 132, playwright-core, axe-core, ical.js): present");
    } else {
        progress("npm packages (binaryen 132, playwright-core, axe-core, ical.js): installing with npm ci…");
        run(command("npm").args(["ci", "--no-audit", "--no-fund"]))?;
    }

    progress("crates for the offline Trunk build: cargo fetch --locked…");
    run(command("cargo").args(["fetch", "--locked"]))?;

    if with_browser {
        setup_browser()?;
    }
    progress(&format!("ready in {:.0?}", started.elapsed()));
    Ok(())
}

fn setup_browser() -> Result<(), String> {
    let packages =
        "chromium, chromium-driver, poppler-utils, nginx (with brotli), apache2, caddy, \
                    and wordpress with its theme, php and mariadb";
    if [
        CHROMIUM,
        CHROMEDRIVER,
        PDFTOTEXT,
        NGINX,
        NGINX_BROTLI,
        APACHE,
        CADDY,
        WORDPRESS,
        WORDPRESS_THEME,
        MARIADB,
        PHP,
    ]
    .iter()
    .all(|p| Path::new(p).exists())
    {
        progress(&format!("Debian {packages}: present"));
        return Ok(());
    }
    let root = output_of("id", &["-u"]).as_deref() == Some("0");
    if !root {
        return Err(format!(
            "the browser tests need Debian's {packages}; install them as root: apt-get install \
             chromium chromium-driver poppler-utils nginx libnginx-mod-http-brotli-static \
             apache2 caddy wordpress wordpress-theme-twentytwentythree mariadb-server php-cli php-mysql"
        ));
    }
    progress(&format!(
        "Debian {packages}: installing with apt-get (about 30 seconds)…"
    ));
    run(command("apt-get").arg("update").arg("-q"))?;
    run(command("apt-get")
        .args([
            "install",
            "-y",
            "-q",
            "--no-install-recommends",
            "chromium",
            "chromium-driver",
            "poppler-utils",
            "nginx",
            "libnginx-mod-http-brotli-static",
            "apache2",
            "caddy",
            "wordpress",
            "wordpress-theme-twentytwentythree",
            "mariadb-server",
            "php-cli",
            "php-mysql",
        ])
        .env("DEBIAN_FRONTEND", "noninteractive"))
}

fn build() -> Result<(), String> {
    build_treatment(None)
}

/// The release build, its page carrying `treatment` (tools/postbuild.mjs reads the variable).
fn build_treatment(treatment: Option<&str>) -> Result<(), String> {
    let mut trunk = command("trunk");
    trunk.args(["build", "--release"]);
    if let Some(treatment) = treatment {
        trunk.env("CANDIDACY_PROTOCOL", treatment);
    }
    run(&mut trunk)
}

fn serve(dev: bool, treatment: Option<&str>) -> Result<(), String> {
    setup(false)?;
    println!(
        "serve: building and serving on http://127.0.0.1:8080/ (the quiz) and \
         http://127.0.0.1:8080/studio/ (the clinic's Protocol Studio); Ctrl+C stops"
    );
    let mut trunk = command("trunk");
    if let Some(treatment) = treatment {
        trunk.env("CANDIDACY_PROTOCOL", treatment);
    }
    trunk.args(["serve", "--address", "127.0.0.1", "--port", "8080"]);
    if !dev {
        // Exactly what gets deployed: no live-reload script, which the page's strict
        // Content-Security-Policy would refuse anyway.
        trunk.args(["--release", "--no-autoreload"]);
    }
    run(&mut trunk)
}

/// Test counts read from the runners' own closing lines.
#[derive(Default)]
struct Counts {
    passed: u64,
    failed: u64,
}

impl Counts {
    /// Reads `test result: ok. 12 passed; 0 failed; …` (cargo) and `# pass 5` / `# fail 0` (node).
    fn read(&mut self, line: &str) {
        let number = |text: &str| {
            text.trim()
                .split(' ')
                .next()
                .and_then(|n| n.parse::<u64>().ok())
        };
        if let Some(rest) = line.strip_prefix("test result: ") {
            for part in rest.split(';') {
                let part = part
                    .trim()
                    .trim_start_matches("ok. ")
                    .trim_start_matches("FAILED. ");
                if let Some(n) = part.strip_suffix(" passed").and_then(number) {
                    self.passed += n;
                } else if let Some(n) = part.strip_suffix(" failed").and_then(number) {
                    self.failed += n;
                }
            }
        } else if let Some(n) = line.strip_prefix("# pass ").and_then(number) {
            self.passed += n;
        } else if let Some(n) = line.strip_prefix("# fail ").and_then(number) {
            self.failed += n;
        }
    }
}

struct Step {
    name: &'static str,
    ok: bool,
    seconds: f64,
    tests: Option<(u64, u64)>,
}

/// Runs a step, echoing its output and counting the tests it reports.
fn step(name: &'static str, command: &mut Command) -> Step {
    let shown: Vec<_> = std::iter::once(command.get_program())
        .chain(command.get_args())
        .map(|part| part.to_string_lossy())
        .collect();
    println!("\n==> {name}: {}", shown.join(" "));
    let started = Instant::now();
    let mut counts = Counts::default();
    let mut counted = false;
    let ok = match command.stdout(Stdio::piped()).spawn() {
        Err(error) => {
            eprintln!("cannot start: {error}");
            false
        }
        Ok(mut child) => {
            if let Some(stdout) = child.stdout.take() {
                for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                    println!("{line}");
                    let before = (counts.passed, counts.failed);
                    counts.read(&line);
                    counted |= before != (counts.passed, counts.failed);
                    counted |= line.starts_with("test result: ") || line.starts_with("# pass ");
                }
            }
            child.wait().is_ok_and(|status| status.success())
        }
    };
    Step {
        name,
        ok,
        seconds: started.elapsed().as_secs_f64(),
        tests: counted.then_some((counts.passed, counts.failed)),
    }
}

fn skipped(name: &'static str) -> Step {
    println!("\n==> {name}: skipped (the build failed)");
    Step {
        name,
        ok: false,
        seconds: 0.0,
        tests: None,
    }
}

fn test() -> Result<(), String> {
    setup(true)?;
    let cargo = |args: &[&str]| {
        let mut c = command("cargo");
        c.args(args);
        c
    };
    let mut steps = vec![
        step("format", &mut cargo(&["fmt", "--all", "--", "--check"])),
        step(
            "clippy (native)",
            &mut cargo(&[
                "clippy",
                "--workspace",
                "--all-targets",
                "--all-features",
                "--locked",
                "--",
                "-D",
                "warnings",
            ]),
        ),
        step(
            "clippy (wasm)",
            &mut cargo(&[
                "clippy",
                "-p",
                "candidacy-quiz",
                "--target",
                WASM_TARGET,
                "--all-targets",
                "--locked",
                "--",
                "-D",
                "warnings",
            ]),
        ),
        step(
            "clippy (wasm, the studio)",
            &mut cargo(&[
                "clippy",
                "-p",
                "candidacy-quiz",
                "--target",
                WASM_TARGET,
                "--bin",
                "studio",
                "--features",
                "studio",
                "--locked",
                "--",
                "-D",
                "warnings",
            ]),
        ),
        step(
            "native tests",
            &mut cargo(&["test", "--workspace", "--locked", "--", "--show-output"]),
        ),
        step(
            "component tests (wasm-bindgen-test, headless Chromium)",
            cargo(&[
                "test",
                "-p",
                "candidacy-quiz",
                "--target",
                WASM_TARGET,
                "--test",
                "web",
                "--locked",
            ])
            .env("CHROMEDRIVER", CHROMEDRIVER),
        ),
    ];
    let built = step(
        "release build (trunk build --release)",
        command("trunk").args(["build", "--release"]),
    );
    let built_ok = built.ok;
    steps.push(built);
    steps.push(if built_ok {
        step(
            "end-to-end tests (Playwright, Chromium, axe)",
            command("node").args([
                "--test",
                "--test-concurrency=1",
                // A test that hangs fails after 5 minutes instead of holding the run.
                "--test-timeout=300000",
                "tests/e2e/",
            ]),
        )
    } else {
        skipped("end-to-end tests (Playwright, Chromium, axe)")
    });

    println!("\n{:<58}{:<8}{:>8}  tests", "step", "result", "time");
    let (mut passed, mut failed) = (0, 0);
    for step in &steps {
        let tests = match step.tests {
            Some((p, f)) => {
                passed += p;
                failed += f;
                format!("{p} passed, {f} failed")
            }
            None => String::new(),
        };
        // A step that failed without a failing test (a lint, a build, a crash) counts once.
        if !step.ok && step.tests.is_none_or(|(_, f)| f == 0) {
            failed += 1;
        }
        let result = if step.ok { "ok" } else { "FAILED" };
        println!(
            "{:<58}{result:<8}{:>7.1}s  {tests}",
            step.name, step.seconds
        );
    }
    // The summary is the last line printed, for CI to read.
    println!("summary: {passed} passed, {failed} failed");
    if steps.iter().all(|s| s.ok) {
        Ok(())
    } else {
        std::process::exit(1)
    }
}
