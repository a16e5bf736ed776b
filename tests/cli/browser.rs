//! A real browser for the published site: headless Chromium loads a page from disk,
//! prints its DOM, takes a 1280×800 screenshot and logs what went wrong.
//!
//! Chromium is `$SAYPRO_CHROMIUM` when set (then it must work: a broken path fails the
//! test), else the first of `chromium`, `chromium-browser`, `google-chrome` and
//! `google-chrome-stable` on `PATH`. `.ci/run` installs Debian's `chromium` when none is
//! there. Without one, browser tests print why and pass without checking anything.
//!
//! What counts as a problem on a page, from what Chromium 156 (Debian 12) prints with
//! `--enable-logging=stderr --v=0`:
//!
//! - every console message, of any level, and every uncaught exception:
//!   `[…:INFO:CONSOLE:1] "Uncaught ReferenceError: f is not defined", source: file:///…`
//!   (older versions write `CONSOLE(1)`). A static page has nothing to say there.
//! - a file the page asks for that is not on disk. Headless Chromium does not log a
//!   failed `file://` load at all, so `--vmodule=file_url_loader_factory=1` makes it log
//!   every load (`FileURLLoader::Start: file:///…/missing.png`) and each one is looked
//!   up here. Versions that do report failures (`Failed to load resource:
//!   net::ERR_FILE_NOT_FOUND`) are caught too.
//!
//! Browsers run one at a time (the machine has two cores shared by the whole test
//! suite), each with its own profile folder and a hard time limit.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long one page may take before its browser is killed.
const TIME_LIMIT: Duration = Duration::from_secs(20);

/// The window, and so the screenshot.
pub const WIDTH: u32 = 1280;
pub const HEIGHT: u32 = 800;

/// Less than this share of pixels unlike the background, and a screenshot is blank.
const MIN_INK: f64 = 0.005;

/// One browser at a time.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// A Chromium that can be run.
pub struct Browser {
    exe: PathBuf,
}

/// A page as the browser loaded it.
pub struct Loaded {
    /// The DOM after scripts ran, serialised (`--dump-dom`).
    pub dom: String,
    /// What went wrong while loading: console messages, uncaught exceptions, files
    /// that are not there. Empty for a good page.
    pub problems: Vec<String>,
    /// Everything Chromium wrote to stderr, for failure messages.
    pub log: String,
}

impl Loaded {
    /// The text a reader sees in the body: no markup, scripts or styles, entities
    /// decoded, runs of white space made one space.
    pub fn text(&self) -> String {
        visible_text(&self.dom)
    }
}

impl Browser {
    /// The browser to test with, or `None` after printing why the browser tests are
    /// skipped. Panics when `$SAYPRO_CHROMIUM` names something that is not there.
    pub fn find() -> Option<Browser> {
        if let Some(exe) = std::env::var_os("SAYPRO_CHROMIUM").filter(|v| !v.is_empty()) {
            let exe = PathBuf::from(exe);
            let exe = if exe.components().count() == 1 {
                on_path(&exe.to_string_lossy())
                    .unwrap_or_else(|| panic!("SAYPRO_CHROMIUM={exe:?} is not on PATH"))
            } else {
                exe
            };
            assert!(
                exe.is_file(),
                "SAYPRO_CHROMIUM={} is not a file: set it to Chromium's path, or unset it",
                exe.display()
            );
            return Some(Browser { exe });
        }
        for name in [
            "chromium",
            "chromium-browser",
            "google-chrome",
            "google-chrome-stable",
        ] {
            if let Some(exe) = on_path(name) {
                return Some(Browser { exe });
            }
        }
        // Written past the test harness's capture, so `cargo test` shows it.
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED browser test: no Chromium found (chromium, chromium-browser, \
             google-chrome, or $SAYPRO_CHROMIUM). Install it (`apt-get install chromium`) \
             to check the published site in a real browser."
        );
        None
    }

    /// Loads `page` (a file) and returns its DOM and problems; with `screenshot`, also
    /// writes a 1280×800 PNG of it there. Panics when the browser fails or hangs.
    pub fn load(&self, page: &Path, screenshot: Option<&Path>) -> Loaded {
        let page = page
            .canonicalize()
            .unwrap_or_else(|e| panic!("{}: {e}", page.display()));
        let url = file_url(&page);
        let scratch = tempfile::tempdir().expect("temporary directory");
        let out_path = scratch.path().join("dom.html");
        let err_path = scratch.path().join("stderr.log");
        let mut cmd = Command::new(&self.exe);
        cmd.args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-extensions",
            &format!("--window-size={WIDTH},{HEIGHT}"),
            "--enable-logging=stderr",
            "--v=0",
            "--vmodule=file_url_loader_factory=1",
        ])
        .arg(format!(
            "--user-data-dir={}",
            scratch.path().join("profile").display()
        ));
        if let Some(png) = screenshot {
            if png.exists() {
                std::fs::remove_file(png).expect("remove the old screenshot");
            }
            cmd.arg(format!("--screenshot={}", png.display()));
        }
        cmd.arg("--dump-dom")
            .arg(&url)
            .env("HOME", scratch.path())
            .stdin(Stdio::null())
            .stdout(std::fs::File::create(&out_path).expect("DOM file"))
            .stderr(std::fs::File::create(&err_path).expect("log file"));
        // Its own process group, so a hung browser is killed with all its children.
        std::os::unix::process::CommandExt::process_group(&mut cmd, 0);

        let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
        let mut child = cmd
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", self.exe.display()));
        let started = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().expect("wait for the browser") {
                break status;
            }
            if started.elapsed() > TIME_LIMIT {
                let _ = Command::new("kill")
                    .args(["-KILL", "--", &format!("-{}", child.id())])
                    .status();
                let _ = child.kill();
                let _ = child.wait();
                let log = std::fs::read_to_string(&err_path).unwrap_or_default();
                panic!(
                    "{} did not finish {url} within {TIME_LIMIT:?}; its log:\n{}",
                    self.exe.display(),
                    tail(&log)
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        let dom = std::fs::read_to_string(&out_path).expect("read the DOM");
        let log =
            String::from_utf8_lossy(&std::fs::read(&err_path).expect("read the log")).into_owned();
        assert!(
            status.success(),
            "{} exited with {status} on {url}; its log:\n{}",
            self.exe.display(),
            tail(&log)
        );
        if let Some(png) = screenshot {
            assert!(
                png.is_file(),
                "{} wrote no screenshot of {url}; its log:\n{}",
                self.exe.display(),
                tail(&log)
            );
        }
        let problems = problems(&log, &page);
        Loaded { dom, problems, log }
    }
}

/// What went wrong in a page load, from Chromium's log. `page` is the file loaded: a log
/// that never shows it loading means the log is not what this reads, and says so.
pub fn problems(log: &str, page: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut saw_page = false;
    for line in log.lines() {
        let message = line.split_once("] ").map_or(line, |(_, m)| m);
        if let Some(url) = message.strip_prefix("FileURLLoader::Start: ") {
            let url = url.trim();
            match file_path(url) {
                Some(path) if path == page => saw_page = true,
                Some(path) if !path.exists() => found.push(format!("missing file: {url}")),
                Some(_) => {}
                None => found.push(format!("unreadable URL: {url}")),
            }
        } else if line.contains(":CONSOLE")
            || line.contains("Uncaught")
            || line.contains("Failed to load resource")
            || line.contains("net::ERR_FILE_NOT_FOUND")
        {
            found.push(message.to_string());
        }
    }
    if !saw_page {
        found.push(format!(
            "the browser's log never shows {} loading, so missing files cannot be seen: \
             has Chromium's log changed?",
            page.display()
        ));
    }
    found
}

/// How a screenshot fails to show anything: `Err` says why it looks blank.
pub fn check_not_blank(png: &Path) -> Result<(), String> {
    let file = std::fs::File::open(png).map_err(|e| format!("{}: {e}", png.display()))?;
    let mut decoder = png::Decoder::new(std::io::BufReader::new(file));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder
        .read_info()
        .map_err(|e| format!("{}: not a PNG: {e}", png.display()))?;
    let size = reader
        .output_buffer_size()
        .ok_or_else(|| format!("{}: image too large", png.display()))?;
    let mut buf = vec![0; size];
    let info = reader
        .next_frame(&mut buf)
        .map_err(|e| format!("{}: cannot decode: {e}", png.display()))?;
    let pixels = &buf[..info.buffer_size()];
    let bytes = info.color_type.samples();
    let total = (info.width as usize) * (info.height as usize);
    if total == 0 {
        return Err(format!("{}: the image is empty", png.display()));
    }
    // The background is the most common colour.
    let mut counts = std::collections::HashMap::<&[u8], usize>::new();
    for px in pixels.chunks_exact(bytes) {
        *counts.entry(px).or_default() += 1;
    }
    let (_, background) = counts
        .iter()
        .max_by_key(|(_, n)| **n)
        .expect("at least one pixel");
    let ink = (total - background) as f64 / total as f64;
    if counts.len() == 1 {
        Err(format!("{}: every pixel is the same colour", png.display()))
    } else if ink < MIN_INK {
        Err(format!(
            "{}: only {:.2}% of the pixels differ from the background (at least {:.1}% expected)",
            png.display(),
            ink * 100.0,
            MIN_INK * 100.0
        ))
    } else {
        Ok(())
    }
}

/// The size of a PNG.
pub fn png_size(png: &Path) -> (u32, u32) {
    let file = std::fs::File::open(png).unwrap_or_else(|e| panic!("{}: {e}", png.display()));
    let reader = png::Decoder::new(std::io::BufReader::new(file))
        .read_info()
        .unwrap_or_else(|e| panic!("{}: {e}", png.display()));
    (reader.info().width, reader.info().height)
}

/// The text of an HTML document's body as a reader sees it.
pub fn visible_text(html: &str) -> String {
    let hidden = regex::Regex::new(
        r"(?is)<head\b.*?</head>|<script\b.*?</script>|<style\b.*?</style>|<!--.*?-->",
    )
    .unwrap();
    let tag = regex::Regex::new(r"(?s)<[^>]*>").unwrap();
    let text = hidden.replace_all(html, " ");
    let text = tag.replace_all(&text, " ");
    let text = decode_entities(&text);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Decodes the entities a serialised DOM uses: the five named ones, `&nbsp;` and
/// numeric references.
fn decode_entities(s: &str) -> String {
    let entity = regex::Regex::new(r"&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z]+);").unwrap();
    entity
        .replace_all(s, |c: &regex::Captures| {
            let name = &c[1];
            let ch = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ if name.starts_with("#x") || name.starts_with("#X") => {
                    u32::from_str_radix(&name[2..], 16)
                        .ok()
                        .and_then(char::from_u32)
                }
                _ if name.starts_with('#') => name[1..].parse().ok().and_then(char::from_u32),
                _ => None,
            };
            ch.map_or_else(|| c[0].to_string(), String::from)
        })
        .into_owned()
}

/// The `file://` URL of an absolute path, with everything but unreserved characters and
/// `/` percent-encoded.
pub fn file_url(path: &Path) -> String {
    let mut url = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            url.push(b as char);
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url
}

/// The path a `file://` URL names, without its query or fragment.
fn file_path(url: &str) -> Option<PathBuf> {
    let rest = url.strip_prefix("file://")?;
    let rest = rest.split(['?', '#']).next().unwrap_or_default();
    let mut bytes = Vec::with_capacity(rest.len());
    let mut it = rest.bytes();
    while let Some(b) = it.next() {
        if b == b'%' {
            let hex = [it.next()?, it.next()?];
            bytes.push(u8::from_str_radix(std::str::from_utf8(&hex).ok()?, 16).ok()?);
        } else {
            bytes.push(b);
        }
    }
    Some(PathBuf::from(String::from_utf8(bytes).ok()?))
}

/// An executable called `name` in a folder of `PATH`.
fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// The last lines of a log, enough to see why it failed.
fn tail(log: &str) -> String {
    let lines: Vec<&str> = log.lines().collect();
    lines[lines.len().saturating_sub(40)..].join("\n")
}

// The checks above must be able to fail: each is shown a page that should fail it.

/// Writes `html` as `name` in a new temporary folder.
fn page(name: &str, html: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join(name);
    std::fs::write(&path, html).unwrap();
    (dir, path)
}

const GOOD_PAGE: &str = r#"<!doctype html>
<html><head><title>Quarterly review</title>
<style>body { font: 20px sans-serif; margin: 2em } h1 { background: #fc0; color: #036 }</style>
</head><body>
<h1>Quarterly review &amp; outlook</h1>
<p>Commercial pipeline at <b>3.1×</b> quota.</p>
<img src="dot.svg" width="40" height="40" alt="">
<script>document.body.insertAdjacentHTML("beforeend", "<p>Added by script</p>")</script>
</body></html>
"#;

#[test]
fn a_good_page_renders_its_text_and_a_screenshot() {
    let Some(browser) = Browser::find() else {
        return;
    };
    let (dir, path) = page("good.html", GOOD_PAGE);
    std::fs::write(
        dir.path().join("dot.svg"),
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 2 2"><circle cx="1" cy="1" r="1"/></svg>"#,
    )
    .unwrap();
    let png = dir.path().join("good.png");
    let loaded = browser.load(&path, Some(&png));
    assert_eq!(
        loaded.problems,
        Vec::<String>::new(),
        "log:\n{}",
        loaded.log
    );
    let text = loaded.text();
    assert!(
        text.contains("Quarterly review & outlook")
            && text.contains("Commercial pipeline at 3.1× quota.")
            && text.contains("Added by script"),
        "{text}"
    );
    assert!(
        !text.contains("insertAdjacentHTML") && !text.contains("font:"),
        "{text}"
    );
    assert_eq!(png_size(&png), (WIDTH, HEIGHT));
    check_not_blank(&png).unwrap();
}

#[test]
fn a_blank_page_is_blank() {
    let Some(browser) = Browser::find() else {
        return;
    };
    let (dir, path) = page(
        "blank.html",
        "<!doctype html><html><body style='background:#eef'></body></html>",
    );
    let png = dir.path().join("blank.png");
    let loaded = browser.load(&path, Some(&png));
    assert_eq!(
        loaded.problems,
        Vec::<String>::new(),
        "log:\n{}",
        loaded.log
    );
    let err = check_not_blank(&png).unwrap_err();
    assert!(err.contains("every pixel is the same colour"), "{err}");
}

#[test]
fn a_speck_on_an_empty_screenshot_is_blank_and_a_little_more_is_not() {
    let dir = tempfile::tempdir().expect("temporary directory");
    // A white 1280×800 image with `inked` dark pixels in its first rows.
    let image = |name: &str, inked: usize| {
        let path = dir.path().join(name);
        let mut pixels = vec![255u8; (WIDTH * HEIGHT * 3) as usize];
        pixels[..inked * 3].fill(20);
        let file = std::fs::File::create(&path).unwrap();
        let mut encoder = png::Encoder::new(std::io::BufWriter::new(file), WIDTH, HEIGHT);
        encoder.set_color(png::ColorType::Rgb);
        let mut writer = encoder.write_header().unwrap();
        writer.write_image_data(&pixels).unwrap();
        writer.finish().unwrap();
        path
    };
    let total = (WIDTH * HEIGHT) as usize;
    let err = check_not_blank(&image("speck.png", 40)).unwrap_err();
    assert!(err.contains("only 0.00% of the pixels differ"), "{err}");
    let err = check_not_blank(&image("under.png", total / 250)).unwrap_err();
    assert!(err.contains("only 0.40% of the pixels differ"), "{err}");
    check_not_blank(&image("enough.png", total / 100)).unwrap();
}

#[test]
fn a_script_error_is_a_problem() {
    let Some(browser) = Browser::find() else {
        return;
    };
    let (_dir, path) = page(
        "broken.html",
        "<!doctype html><html><body><h1>Broken</h1><script>undefinedFunction()</script></body></html>",
    );
    let loaded = browser.load(&path, None);
    assert!(
        loaded.problems.iter().any(|p| p.contains(
            "\"Uncaught ReferenceError: undefinedFunction is not defined\", source: file://"
        )),
        "{:?}\nlog:\n{}",
        loaded.problems,
        loaded.log
    );
    assert!(loaded.text().contains("Broken"));
}

#[test]
fn a_missing_image_or_stylesheet_is_a_problem() {
    let Some(browser) = Browser::find() else {
        return;
    };
    let (dir, path) = page(
        "missing.html",
        "<!doctype html><html><head><link rel='stylesheet' href='gone.css'></head>\
         <body><h1>Pictures</h1><img src='img/no%20such.png' alt='chart'></body></html>",
    );
    let loaded = browser.load(&path, None);
    let folder = file_url(&dir.path().canonicalize().unwrap());
    assert_eq!(
        loaded.problems,
        [
            format!("missing file: {folder}/gone.css"),
            format!("missing file: {folder}/img/no%20such.png"),
        ],
        "log:\n{}",
        loaded.log
    );
}

#[test]
fn problems_are_read_from_the_log_of_other_versions() {
    let page = Path::new("/site/index.html");
    let log = "[1:1:0101/000000.000000:VERBOSE1:file_url_loader_factory.cc:477] FileURLLoader::Start: file:///site/index.html\n\
               [1:1:0101/000000.000001:INFO:CONSOLE(12)] \"Failed to load resource: net::ERR_FILE_NOT_FOUND\", source: file:///site/x.png (0)\n\
               [1:1:0101/000000.000002:ERROR:dbus/bus.cc:405] Failed to connect to the bus\n";
    assert_eq!(
        problems(log, page),
        ["\"Failed to load resource: net::ERR_FILE_NOT_FOUND\", source: file:///site/x.png (0)"]
    );
    // A log that never shows the page loading cannot show missing files either.
    let quiet = problems(
        "[1:1:0101/000000.000002:ERROR:dbus/bus.cc:405] Failed\n",
        page,
    );
    assert!(
        quiet[0].contains("never shows /site/index.html loading"),
        "{quiet:?}"
    );
}

#[test]
fn visible_text_leaves_out_markup() {
    assert_eq!(
        visible_text(
            "<html><head><title>T</title></head><body><h1>A &amp; B</h1><!-- c -->\
             <style>p{}</style><p>x&lt;y&#233;&#x2192;\n  z</p><script>s()</script></body></html>"
        ),
        "A & B x<y\u{e9}\u{2192} z"
    );
}
