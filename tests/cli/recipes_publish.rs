//! docs/recipes.md: the jobs that publish the site to GitHub Pages and GitLab Pages and
//! the store to a wiki. Every `yaml` block of the page is valid YAML; the steps of the
//! publishing jobs, read from that YAML, run as written (after installing saypro)
//! against local bare repositories that stand in for the project, its `gh-pages`
//! branch and its wiki; and a fresh clone then holds the pages.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};
use serde_json::Value;

use crate::harness::{CONFIDENTIAL_MARKERS, NOW, TestEnv};

/// The page's `yaml` blocks, parsed.
fn yaml_blocks() -> Vec<(String, Value)> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/recipes.md");
    let page = fs::read_to_string(path).unwrap();
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for event in Parser::new(&page) {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) if &*info == "yaml" => {
                current = Some(String::new());
            }
            Event::Text(t) => {
                if let Some(c) = current.as_mut() {
                    c.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some(text) = current.take() {
                    let value: Value = serde_saphyr::from_str(&text)
                        .unwrap_or_else(|e| panic!("docs/recipes.md: invalid YAML: {e}\n{text}"));
                    blocks.push((text, value));
                }
            }
            _ => {}
        }
    }
    blocks
}

/// The block whose text holds `marker`.
fn block(marker: &str) -> Value {
    yaml_blocks()
        .into_iter()
        .find(|(text, _)| text.contains(marker))
        .unwrap_or_else(|| panic!("no yaml block in docs/recipes.md holds {marker}"))
        .1
}

/// A temporary store with git set up, and where the job's checkout is.
struct Job {
    env: TestEnv,
}

impl Job {
    fn new() -> Job {
        let env = TestEnv::northwind_with_secrets();
        fs::write(
            env.tmp().join("gitconfig"),
            "[user]\n\tname = Test\n\temail = test@example.org\n[init]\n\tdefaultBranch = main\n",
        )
        .unwrap();
        Job { env }
    }

    fn tmp(&self) -> PathBuf {
        self.env.tmp().to_path_buf()
    }

    /// A shell in `dir` with saypro on the PATH and the test's pinned environment.
    fn shell(&self, dir: &Path, script: &str, vars: &[(&str, &Path)]) {
        let bin = Path::new(env!("CARGO_BIN_EXE_saypro")).parent().unwrap();
        let path = format!(
            "{}:{}",
            bin.display(),
            std::env::var("PATH").unwrap_or_default()
        );
        let tmp = self.tmp();
        let mut cmd = Command::new("bash");
        cmd.args(["--noprofile", "--norc", "-eo", "pipefail", "-c", script])
            .current_dir(dir)
            .env_clear()
            .env("PATH", path)
            .env("HOME", &tmp)
            .env("SAYPRO_NOW", NOW)
            .env("SAYPRO_CONFIG", tmp.join("user-config.toml"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", tmp.join("gitconfig"))
            .env("NO_COLOR", "1");
        for (k, v) in vars {
            cmd.env(k, v);
        }
        let out = cmd.output().expect("bash runs");
        assert!(
            out.status.success(),
            "in {}:\n{script}\nfailed:\n{}{}",
            dir.display(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }

    fn git(&self, dir: &Path, args: &str) {
        self.shell(dir, &format!("git {args}"), &[]);
    }

    /// A bare repository with one commit holding `first` (a wiki's first page, made by
    /// hand), as `name.git` under the temporary folder.
    fn remote(&self, name: &str, first: &str) -> PathBuf {
        let tmp = self.tmp();
        let bare = tmp.join(format!("{name}.git"));
        self.git(&tmp, &format!("init -q --bare {}", bare.display()));
        let seed = tmp.join(format!("{name}-seed"));
        self.git(
            &tmp,
            &format!("clone -q {} {}", bare.display(), seed.display()),
        );
        fs::write(seed.join(first), "Welcome.\n").unwrap();
        self.git(&seed, "add -A");
        self.git(&seed, "commit -q -m First");
        self.git(&seed, "push -q origin HEAD");
        bare
    }

    /// A fresh clone of `bare` at `branch`.
    fn clone(&self, bare: &Path, branch: &str, name: &str) -> PathBuf {
        let dir = self.tmp().join(name);
        let _ = fs::remove_dir_all(&dir);
        self.git(
            &self.tmp(),
            &format!(
                "clone -q --branch {branch} {} {}",
                bare.display(),
                dir.display()
            ),
        );
        dir
    }

    /// Runs a GitHub Actions job's `run` steps but the install, each in its
    /// `working-directory`, as a new runner would: without the folders of a last run.
    fn github(&self, workflow: &Value, job: &str, vars: &[(&str, &Path)], fresh: &str) {
        let job = &workflow["jobs"][job];
        for (name, _) in vars {
            assert!(
                job["env"][name].is_string(),
                "the job's env sets {name}: {job}"
            );
        }
        let _ = fs::remove_dir_all(self.tmp().join(fresh));
        let store = self.env.root();
        let steps = job["steps"].as_array().expect("steps");
        let mut ran = 0;
        for step in steps {
            let Some(run) = step["run"].as_str() else {
                continue;
            };
            if run.contains("cargo install") {
                continue;
            }
            let dir = match step["working-directory"].as_str() {
                Some(d) => store.join(d),
                None => store.clone(),
            };
            self.shell(&dir, run, vars);
            ran += 1;
        }
        assert!(ran >= 3, "only {ran} steps ran");
    }

    /// Runs a GitLab CI job's `script` lines in one shell, as the runner does.
    fn gitlab(&self, jobs: &Value, job: &str, vars: &[(&str, &Path)], fresh: &str) {
        let job = &jobs[job];
        for (name, _) in vars {
            assert!(
                job["variables"][name].is_string(),
                "the job's variables set {name}: {job}"
            );
        }
        let _ = fs::remove_dir_all(self.tmp().join(fresh));
        let lines: Vec<&str> = job["script"]
            .as_array()
            .expect("script")
            .iter()
            .map(|l| l.as_str().expect("a script line is a string"))
            .collect();
        self.shell(&self.env.root(), &lines.join("\n"), vars);
    }

    /// The number of commits on `branch` of `bare`.
    fn commits(&self, bare: &Path, branch: &str) -> usize {
        let out = Command::new("git")
            .args(["rev-list", "--count", branch])
            .current_dir(bare)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).trim().parse().unwrap()
    }

    /// A change to the store that changes the published pages.
    fn change(&self) {
        self.env
            .saypro(&[
                "action",
                "checkin",
                "51ywmc13m2",
                "Costed two options",
                "--status",
                "blocked",
            ])
            .success();
    }
}

fn assert_no_secrets(dir: &Path) {
    for entry in walk(dir) {
        let text = fs::read_to_string(&entry).unwrap_or_default();
        for m in CONFIDENTIAL_MARKERS {
            assert!(!text.contains(m), "{} shows {m}", entry.display());
        }
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.file_name().is_some_and(|n| n == ".git") {
            continue;
        }
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn every_yaml_block_is_valid_yaml() {
    let blocks = yaml_blocks();
    assert!(blocks.len() >= 6, "only {} yaml blocks", blocks.len());
}

#[test]
fn the_github_pages_job_pushes_the_site_to_a_gh_pages_branch() {
    let job = Job::new();
    let workflow = block("# .github/workflows/pages.yml");
    let bare = job.remote("project", "README.md");
    let vars = [("SITE_REPO", bare.as_path())];
    // The first run starts the branch, a later one adds to it.
    job.github(&workflow, "pages", &vars, "site");
    let site = job.clone(&bare, "gh-pages", "check");
    for page in ["index.html", "style.css", ".nojekyll", "actions.html"] {
        assert!(site.join(page).exists(), "no {page} on gh-pages");
    }
    assert!(
        site.join("meetings/2026-11-23-november-strategy-review.html")
            .exists()
    );
    assert!(
        !site.join("README.md").exists(),
        "gh-pages holds the site alone"
    );
    assert_no_secrets(&site);
    assert_eq!(job.commits(&bare, "gh-pages"), 1);
    job.github(&workflow, "pages", &vars, "site");
    assert_eq!(
        job.commits(&bare, "gh-pages"),
        1,
        "nothing changed, no commit"
    );
    job.change();
    job.github(&workflow, "pages", &vars, "site");
    assert_eq!(job.commits(&bare, "gh-pages"), 2);
    let site = job.clone(&bare, "gh-pages", "check");
    let actions = fs::read_to_string(site.join("actions.html")).unwrap();
    assert!(actions.contains("Costed two options"));
}

#[test]
fn the_gitlab_pages_job_leaves_the_site_in_public() {
    let job = Job::new();
    let ci = block("pages:\n  stage: report");
    assert_eq!(ci["pages"]["artifacts"]["paths"][0], "public");
    job.gitlab(&ci, "pages", &[], "unused");
    let public = job.env.root().join("public");
    assert!(public.join("index.html").exists());
    assert!(public.join("style.css").exists());
    assert_no_secrets(&public);
}

#[test]
fn the_github_wiki_job_pushes_the_pages_to_the_wiki() {
    let job = Job::new();
    let workflow = block("# .github/workflows/wiki.yml");
    let bare = job.remote("project.wiki", "Home.md");
    let vars = [("WIKI_REPO", bare.as_path())];
    job.github(&workflow, "wiki", &vars, "wiki");
    let wiki = job.clone(&bare, "main", "check");
    for page in ["Home.md", "_Sidebar.md", "Objectives.md", "KPIs.md"] {
        assert!(wiki.join(page).exists(), "no {page} in the wiki");
    }
    let home = fs::read_to_string(wiki.join("Home.md")).unwrap();
    assert!(home.contains("Strategy meetings of"), "{home}");
    assert!(fs::read_dir(wiki.join("charts")).unwrap().count() > 0);
    assert_no_secrets(&wiki);
    job.change();
    job.github(&workflow, "wiki", &vars, "wiki");
    assert_eq!(job.commits(&bare, "main"), 3);
}

#[test]
fn the_gitlab_wiki_job_uses_gitlabs_page_names_without_copying() {
    let job = Job::new();
    let ci = block("wiki:\n  stage: report");
    let script = ci["wiki"]["script"].to_string();
    assert!(!script.contains("cp "), "the job copies pages: {script}");
    let bare = job.remote("project.wiki", "home.md");
    let vars = [("WIKI_REPO", bare.as_path())];
    job.gitlab(&ci, "wiki", &vars, "wiki");
    let wiki = job.clone(&bare, "main", "check");
    let names: Vec<String> = fs::read_dir(&wiki)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for page in ["home.md", "_sidebar.md", "Objectives.md"] {
        assert!(names.iter().any(|n| n == page), "no {page} in {names:?}");
    }
    for page in ["Home.md", "_Sidebar.md"] {
        assert!(!names.iter().any(|n| n == page), "{page} in {names:?}");
    }
    let home = fs::read_to_string(wiki.join("home.md")).unwrap();
    assert!(home.contains("Strategy meetings of"), "{home}");
    assert_no_secrets(&wiki);
}
