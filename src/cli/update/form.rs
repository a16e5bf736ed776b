//! `update submit` on a terminal: the update as a form, question by question. Each
//! answer is checked as it is typed, by the rules the files keep, and kept in the draft
//! at once, so that stopping (Ctrl-C, a closed window, a crash) loses nothing: the next
//! `update submit` picks up at the first question not answered.

/// A line for the person answering, on stderr: control characters shown, and a closed
/// stderr loses the words, not the answers.
macro_rules! say {
    ($($t:tt)*) => {
        crate::cli::context::to_stderr(&format!($($t)*))
    };
}

use std::path::Path;

use dialoguer::{Confirm, Input, Select};

use super::super::{CliError, Context};
use super::draft::{self, Draft};
use crate::model::valid::{self, Lines};
use crate::model::{
    Challenge, Choice, Effect, MilestoneStatus, ResourceKind, ResourceNeed, Success, Update,
};
use crate::report::update_template::{Prefill, action_about, kpi_about};
use crate::report::{Names, fmt_num, show};
use crate::store::Located;

/// What the form is about, and how to check the finished update.
pub struct Setup<'a> {
    /// Names of people and departments.
    pub names: Names<'a>,
    /// The meeting's title and id.
    pub title: &'a str,
    /// The meeting's id.
    pub meeting: &'a str,
    /// The command that submits this update, for messages.
    pub command: String,
    /// What the store says the update covers.
    pub prefill: Prefill<'a>,
    /// The update as the store would start it.
    pub fresh: Update,
    /// Who submits it, for the preview.
    pub by: Option<crate::model::Slug>,
    /// When updates are due.
    pub due: chrono::NaiveDate,
    /// Whether the department has submitted an update already.
    pub replaces: bool,
}

/// Walks the head through the update and returns it once they choose to submit it and
/// `accept` takes the draft's text; `None` when they stop and keep the draft.
pub fn run(
    ctx: &Context,
    setup: Setup,
    draft: &Draft,
    mut accept: impl FnMut(&str, &Path) -> Result<Update, Vec<Located>>,
) -> Result<Option<Update>, CliError> {
    say!(
        "{} update for {} ({}), due {}.{}",
        setup.names.dept(setup.fresh.department.as_str()),
        setup.title,
        setup.meeting,
        setup.due.format("%A %-d %B %Y"),
        if setup.replaces {
            "\nThe department has submitted one already: submitting again replaces it."
        } else {
            ""
        }
    );
    let mut form = Form::start(&setup, draft)?;
    say!(
        "Your answers are kept as you go in {}.\n\
         Stop at any time with Ctrl-C; `{}` picks up where you left off.\n\
         Enter keeps the value in [brackets]; - clears it.",
        draft.path().display(),
        setup.command,
    );
    loop {
        form.walk(&setup)?;
        let mut preview = form.update.clone();
        preview.submitted = Some(ctx.now);
        preview.submitted_by = setup.by.clone();
        say!(
            "\nYour update, as it will be submitted:\n\n{}",
            show::update::text(setup.names, setup.title, setup.meeting, &preview, &|_| None)
                .trim_end()
        );
        loop {
            say!("");
            let choice = Select::new()
                .with_prompt("What next")
                .items([
                    "Submit it",
                    "Go through the answers again",
                    "Stop here and keep the draft",
                ])
                .default(0)
                .interact()
                .map_err(|e| form.stopped(e))?;
            match choice {
                0 => {
                    let text = form.save_text()?;
                    match accept(&text, draft.path()) {
                        Ok(update) => return Ok(Some(update)),
                        Err(problems) => {
                            for p in &problems {
                                say!("error: {p}");
                            }
                            say!("Go through the answers again to fix it.");
                        }
                    }
                }
                1 => {
                    form.answered.clear();
                    form.save_text()?;
                    break;
                }
                _ => return Ok(None),
            }
        }
    }
}

/// An answer to a question of text.
enum Text {
    /// Some text.
    Given(String),
    /// Nothing, or cleared with `-`.
    Empty,
}

impl Text {
    fn given(self) -> Option<String> {
        match self {
            Text::Given(t) => Some(t),
            Text::Empty => None,
        }
    }
}

/// The update being filled in and the questions answered so far.
struct Form<'a> {
    draft: &'a Draft,
    note: String,
    update: Update,
    answered: Vec<String>,
}

impl<'a> Form<'a> {
    /// A fresh form, or the draft's when the head picks it up.
    fn start(setup: &Setup, draft: &'a Draft) -> Result<Self, CliError> {
        let note = format!(
            "Draft of the {} update for {} ({}).\n\
             `{}` picks it up where you left off;\n\
             `{} --file {}` submits it as it is.",
            setup.names.dept(setup.fresh.department.as_str()),
            setup.title,
            setup.meeting,
            setup.command,
            setup.command,
            draft::shell_word(draft.path()),
        );
        let mut form = Form {
            draft,
            note,
            update: setup.fresh.clone(),
            answered: Vec::new(),
        };
        if let Some(text) = draft.read() {
            let bytes = text.as_bytes();
            match crate::store::yaml::parse::<Update>(draft.path(), bytes) {
                Ok(mut found) => {
                    let answered = draft::answered(&text);
                    let resume = Confirm::new()
                        .with_prompt(format!(
                            "You have a draft of this update ({} answered). Pick up where you left off?",
                            crate::report::count(answered.len(), "question")
                        ))
                        .default(true)
                        .wait_for_newline(true)
                        .interact()
                        .map_err(|e| form.stopped(e))?;
                    if resume {
                        // A draft left by the editor may hold the template's empty texts.
                        found.tidy();
                        found.department = setup.fresh.department.clone();
                        found.meeting = setup.fresh.meeting.clone();
                        form.update = found;
                        form.answered = answered;
                    } else {
                        say!("Starting afresh; the draft is replaced as you answer.");
                    }
                }
                Err(problem) => {
                    say!("error: {problem}");
                    let afresh = Confirm::new()
                        .with_prompt("saypro cannot read your draft. Start afresh?")
                        .default(false)
                        .wait_for_newline(true)
                        .interact()
                        .map_err(|e| form.stopped(e))?;
                    if !afresh {
                        return Err(CliError::failure(format!(
                            "nothing was submitted; the draft is kept in {}: fix it with `{} --edit`",
                            draft.path().display(),
                            setup.command
                        )));
                    }
                    let old = draft.set_aside()?;
                    say!("The old draft is kept as {}.", old.display());
                }
            }
        }
        Ok(form)
    }

    /// The error for a prompt that could not go on, saying where the answers are.
    fn stopped(&self, e: dialoguer::Error) -> CliError {
        CliError::failure(format!(
            "the form stopped ({e}); your answers so far are kept in {}",
            self.draft.path().display()
        ))
    }

    fn done(&self, key: &str) -> bool {
        self.answered.iter().any(|k| k == key)
    }

    /// Keeps the draft as it stands; returns its text.
    fn save_text(&self) -> Result<String, CliError> {
        let text = draft::form_text(&self.note, &self.answered, &self.update)?;
        self.draft.write(&text)?;
        Ok(text)
    }

    /// Notes that `key` was answered and keeps the draft.
    fn answered(&mut self, key: String) -> Result<(), CliError> {
        if !self.done(&key) {
            self.answered.push(key);
        }
        self.save_text().map(|_| ())
    }

    /// A line of text; `required` is what to say when it is left empty.
    fn text(
        &self,
        prompt: &str,
        current: Option<&str>,
        required: Option<&str>,
    ) -> Result<Text, CliError> {
        let mut input = Input::<String>::new()
            .with_prompt(prompt)
            .allow_empty(true)
            .validate_with(|s: &String| -> Result<(), String> {
                let s = s.trim();
                if s == "-" {
                    return Ok(());
                }
                if s.is_empty()
                    && let Some(why) = required
                {
                    return Err(why.to_string());
                }
                valid::text(s, Lines::One).map_err(|why| format!("this answer {why}"))
            });
        if let Some(c) = current.filter(|c| !c.is_empty()) {
            input = input.default(c.to_string());
        }
        let answer = input.interact_text().map_err(|e| self.stopped(e))?;
        let answer = answer.trim();
        Ok(if answer.is_empty() || answer == "-" {
            Text::Empty
        } else {
            Text::Given(answer.to_string())
        })
    }

    /// A number, as `kpi record` takes one; empty or `-` for none.
    fn number(&self, prompt: &str, current: Option<f64>) -> Result<Option<f64>, CliError> {
        let mut input = Input::<String>::new()
            .with_prompt(prompt)
            .allow_empty(true)
            .validate_with(|s: &String| -> Result<(), String> {
                match s.trim() {
                    "" | "-" => Ok(()),
                    n => super::super::kpi::number(n).map(|_| ()),
                }
            });
        if let Some(c) = current {
            input = input.default(fmt_num(c));
        }
        let answer = input.interact_text().map_err(|e| self.stopped(e))?;
        Ok(match answer.trim() {
            "" | "-" => None,
            n => super::super::kpi::number(n).ok(),
        })
    }

    /// One of a closed set of values, picked from a list.
    fn pick<E: Choice>(&self, prompt: &str, current: Option<E>) -> Result<E, CliError> {
        let at = current
            .and_then(|c| E::VALUES.iter().position(|v| *v == c))
            .unwrap_or(0);
        let i = Select::new()
            .with_prompt(prompt)
            .items(
                E::VALUES
                    .iter()
                    .map(|v| format!("{:<10} {}", v.as_str(), v.description())),
            )
            .default(at)
            .interact()
            .map_err(|e| self.stopped(e))?;
        Ok(E::VALUES[i])
    }

    fn yes(&self, prompt: &str) -> Result<bool, CliError> {
        Confirm::new()
            .with_prompt(prompt)
            .default(false)
            .wait_for_newline(true)
            .interact()
            .map_err(|e| self.stopped(e))
    }

    /// Asks every question not answered yet, in the order of the update.
    fn walk(&mut self, setup: &Setup) -> Result<(), CliError> {
        if !self.done("summary") {
            let current = self.update.summary.clone();
            let a = self.text(
                "Summary: progress since the last meeting",
                current.as_deref(),
                None,
            )?;
            self.update.summary = a.given();
            self.answered("summary".into())?;
        }
        self.kpis(setup)?;
        self.milestones()?;
        self.challenges()?;
        self.successes()?;
        self.resource_needs()?;
        if !self.done("employee_feedback") {
            let current = self.update.employee_feedback.clone();
            let a = self.text(
                "Employee feedback: how your team is taking the changes",
                current.as_deref(),
                None,
            )?;
            self.update.employee_feedback = a.given();
            self.answered("employee_feedback".into())?;
        }
        self.action_review(setup)
    }

    fn kpis(&mut self, setup: &Setup) -> Result<(), CliError> {
        let n = self.update.kpis.len();
        for i in 0..n {
            let key = |f: &str| format!("kpis[{i}].{f}");
            if ["actual", "target", "note"]
                .iter()
                .all(|f| self.done(&key(f)))
            {
                continue;
            }
            let id = self.update.kpis[i].kpi.clone();
            let about = setup
                .prefill
                .kpis
                .iter()
                .find(|k| k.id == id)
                .map_or_else(|| id.clone(), |k| format!("{} ({id})", kpi_about(k)));
            say!("\nKPI {} of {n}: {about}", i + 1);
            if !self.done(&key("actual")) {
                let v = self.number("Actual value", self.update.kpis[i].actual)?;
                self.update.kpis[i].actual = v;
                self.answered(key("actual"))?;
            }
            if !self.done(&key("target")) {
                let v = self.number("Target", self.update.kpis[i].target)?;
                self.update.kpis[i].target = v;
                self.answered(key("target"))?;
            }
            if !self.done(&key("note")) {
                let current = self.update.kpis[i].note.clone();
                let a = self.text("Note: what moved it", current.as_deref(), None)?;
                self.update.kpis[i].note = a.given();
                self.answered(key("note"))?;
            }
        }
        Ok(())
    }

    fn milestones(&mut self) -> Result<(), CliError> {
        let n = self.update.milestones.len();
        for i in 0..n {
            let key = |f: &str| format!("milestones[{i}].{f}");
            if ["status", "note"].iter().all(|f| self.done(&key(f))) {
                continue;
            }
            let m = &self.update.milestones[i];
            let due = m.due.map(|d| format!(", due {d}")).unwrap_or_default();
            let objective = m
                .objective
                .as_ref()
                .map(|o| format!(" ({o})"))
                .unwrap_or_default();
            say!("\nMilestone {} of {n}: {}{objective}{due}", i + 1, m.name);
            if !self.done(&key("status")) {
                let s: MilestoneStatus = self.pick("Status", m.status)?;
                self.update.milestones[i].status = Some(s);
                self.answered(key("status"))?;
            }
            if !self.done(&key("note")) {
                let current = self.update.milestones[i].note.clone();
                let a = self.text("Note: what is behind it", current.as_deref(), None)?;
                self.update.milestones[i].note = a.given();
                self.answered(key("note"))?;
            }
        }
        Ok(())
    }

    /// Asks whether there is another item of a list, unless the draft holds it already.
    /// Returns false once the head says there is no more.
    fn another<T>(
        &mut self,
        key: &str,
        first: &str,
        len: usize,
        j: usize,
        push: impl FnOnce(&mut Update, T),
        new: T,
    ) -> Result<bool, CliError> {
        if j < len {
            return Ok(true);
        }
        if self.done(key) {
            return Ok(false);
        }
        let prompt = if j == 0 {
            say!("");
            first
        } else {
            "Another one?"
        };
        let yes = self.yes(prompt)?;
        if yes {
            push(&mut self.update, new);
        }
        self.answered(key.to_string())?;
        Ok(yes)
    }

    /// Forgets the answers about the items of `section` from `j` on, after item `j` was
    /// dropped and the later ones moved up.
    fn forget_from(&mut self, section: &str, j: usize) {
        self.answered.retain(|k| {
            k.strip_prefix(section)
                .and_then(|r| r.strip_prefix('['))
                .and_then(|r| r.split(']').next())
                .and_then(|n| n.parse::<usize>().ok())
                .is_none_or(|n| n < j)
        });
    }

    fn challenges(&mut self) -> Result<(), CliError> {
        let mut j = 0;
        loop {
            let key = format!("challenges[{j}]");
            let len = self.update.challenges.len();
            let new = Challenge {
                description: String::new(),
                actions_taken: None,
                support_needed: None,
            };
            if !self.another(
                &key,
                "Any challenge to report (an obstacle, what was tried, the help needed)?",
                len,
                j,
                |u, c| u.challenges.push(c),
                new,
            )? {
                return Ok(());
            }
            if !self.done(&format!("{key}.description")) {
                say!("\nChallenge {}", j + 1);
                let current = self.update.challenges[j].description.clone();
                match self.text(
                    "Description (- to drop this challenge)",
                    Some(&current),
                    Some("a challenge needs a description: say what stood in the way"),
                )? {
                    Text::Given(d) => self.update.challenges[j].description = d,
                    Text::Empty => {
                        self.update.challenges.remove(j);
                        self.forget_from("challenges", j);
                        self.save_text()?;
                        continue;
                    }
                }
                self.answered(format!("{key}.description"))?;
            }
            if !self.done(&format!("{key}.actions_taken")) {
                let current = self.update.challenges[j].actions_taken.clone();
                let a = self.text("What was tried", current.as_deref(), None)?;
                self.update.challenges[j].actions_taken = a.given();
                self.answered(format!("{key}.actions_taken"))?;
            }
            if !self.done(&format!("{key}.support_needed")) {
                let current = self.update.challenges[j].support_needed.clone();
                let a = self.text("Support needed", current.as_deref(), None)?;
                self.update.challenges[j].support_needed = a.given();
                self.answered(format!("{key}.support_needed"))?;
            }
            j += 1;
        }
    }

    fn successes(&mut self) -> Result<(), CliError> {
        let mut j = 0;
        loop {
            let key = format!("successes[{j}]");
            let len = self.update.successes.len();
            let new = Success {
                description: String::new(),
                drivers: None,
            };
            if !self.another(
                &key,
                "Any success to share (what went well, what drove it)?",
                len,
                j,
                |u, s| u.successes.push(s),
                new,
            )? {
                return Ok(());
            }
            if !self.done(&format!("{key}.description")) {
                say!("\nSuccess {}", j + 1);
                let current = self.update.successes[j].description.clone();
                match self.text(
                    "Description (- to drop this success)",
                    Some(&current),
                    Some("a success needs a description: say what went well"),
                )? {
                    Text::Given(d) => self.update.successes[j].description = d,
                    Text::Empty => {
                        self.update.successes.remove(j);
                        self.forget_from("successes", j);
                        self.save_text()?;
                        continue;
                    }
                }
                self.answered(format!("{key}.description"))?;
            }
            if !self.done(&format!("{key}.drivers")) {
                let current = self.update.successes[j].drivers.clone();
                let a = self.text(
                    "What drove it, so others can copy it",
                    current.as_deref(),
                    None,
                )?;
                self.update.successes[j].drivers = a.given();
                self.answered(format!("{key}.drivers"))?;
            }
            j += 1;
        }
    }

    fn resource_needs(&mut self) -> Result<(), CliError> {
        let mut j = 0;
        loop {
            let key = format!("resource_needs[{j}]");
            let len = self.update.resource_needs.len();
            let new = ResourceNeed {
                kind: ResourceKind::Staff,
                description: String::new(),
            };
            if !self.another(
                &key,
                "Do you need resources (staff, budget, tools, training)?",
                len,
                j,
                |u, r| u.resource_needs.push(r),
                new,
            )? {
                return Ok(());
            }
            if !self.done(&format!("{key}.kind")) {
                say!("\nResource need {}", j + 1);
                let k: ResourceKind =
                    self.pick("Kind", Some(self.update.resource_needs[j].kind))?;
                self.update.resource_needs[j].kind = k;
                self.answered(format!("{key}.kind"))?;
            }
            if !self.done(&format!("{key}.description")) {
                let current = self.update.resource_needs[j].description.clone();
                match self.text(
                    "What exactly, and from when (- to drop it)",
                    Some(&current),
                    Some("say what is needed, or type - to drop it"),
                )? {
                    Text::Given(d) => self.update.resource_needs[j].description = d,
                    Text::Empty => {
                        self.update.resource_needs.remove(j);
                        self.forget_from("resource_needs", j);
                        self.save_text()?;
                        continue;
                    }
                }
                self.answered(format!("{key}.description"))?;
            }
            j += 1;
        }
    }

    fn action_review(&mut self, setup: &Setup) -> Result<(), CliError> {
        let n = self.update.action_review.len();
        for i in 0..n {
            let key = |f: &str| format!("action_review[{i}].{f}");
            if ["effect", "note"].iter().all(|f| self.done(&key(f))) {
                continue;
            }
            let id = self.update.action_review[i].action.clone();
            let about = setup
                .prefill
                .actions
                .iter()
                .find(|a| a.id == id)
                .map_or_else(
                    || id.to_string(),
                    |a| format!("{} [{id}]", action_about(&setup.names, a)),
                );
            if i == 0 {
                say!("\nDid the actions agreed earlier have the effect wanted?");
            }
            say!("\nAction {} of {n}: {about}", i + 1);
            if !self.done(&key("effect")) {
                let e: Effect = self.pick("Effect", Some(self.update.action_review[i].effect))?;
                self.update.action_review[i].effect = e;
                self.answered(key("effect"))?;
            }
            if !self.done(&key("note")) {
                let current = self.update.action_review[i].note.clone();
                let a = self.text("Note: what you saw", current.as_deref(), None)?;
                self.update.action_review[i].note = a.given();
                self.answered(key("note"))?;
            }
        }
        Ok(())
    }
}
