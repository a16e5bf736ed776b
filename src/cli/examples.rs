//! The examples at the end of every command's `--help`, kept in one table so that a test
//! can check that every command has some and that each one still parses.

use clap::builder::StyledStr;

/// Each command's examples, by its path under `saypro`. A line starting with `#` says
/// what the example after it does. A path the command line does not have is passed over.
pub(crate) const EXAMPLES: &[(&str, &[&str])] = &[
    (
        "init",
        &[
            "saypro init strategy --org \"Northwind Health Trust\"",
            "# put the new store in git, with saypro's merge driver",
            "saypro init strategy --org Northwind --git",
        ],
    ),
    (
        "dept add",
        &["saypro dept add ops --name Operations --head tomas"],
    ),
    (
        "dept list",
        &["saypro dept list", "saypro dept list --format csv"],
    ),
    ("dept update", &["saypro dept update ops --head olu"]),
    ("dept rename", &["saypro dept rename ops operations"]),
    (
        "dept remove",
        &[
            "# move its people, actions and KPIs to another department first",
            "saypro dept remove ops --reassign fin",
        ],
    ),
    (
        "person add",
        &["saypro person add mei --name \"Mei Lin\" --email mei@example.org --dept ops"],
    ),
    (
        "person list",
        &[
            "saypro person list",
            "saypro person list --dept ops --format json",
        ],
    ),
    ("person update", &["saypro person update mei --dept ops"]),
    ("person rename", &["saypro person rename mei mei-lin"]),
    (
        "person remove",
        &[
            "# hand their open actions and risks to someone else",
            "saypro person remove olu --reassign mei",
        ],
    ),
    (
        "plan add",
        &["saypro plan add timely-care --name \"Timely care\" --dept operations"],
    ),
    (
        "plan milestone",
        &[
            "saypro plan milestone timely-care \"Discharge lounge open\" --due 2027-02-01 --owner tomas",
            "# mark a milestone done",
            "saypro plan milestone timely-care \"Discharge lounge open\" --status done",
        ],
    ),
    (
        "plan list",
        &["saypro plan list", "saypro plan list --dept operations"],
    ),
    (
        "plan show",
        &[
            "saypro plan show timely-care",
            "saypro plan show timely-care --format json",
        ],
    ),
    (
        "kpi add",
        &[
            "saypro kpi add sales/win-rate --name \"Win rate\" --target 30 --direction increase --period month --unit %",
        ],
    ),
    (
        "kpi record",
        &[
            "saypro kpi record sales/win-rate 2026-11 27.5",
            "saypro kpi record operations/discharge-wait 2026-Q4 5.2 --note \"Lounge opened\"",
        ],
    ),
    (
        "kpi import",
        &[
            "# a CSV file of kpi,period,value[,note] rows",
            "saypro kpi import values.csv",
        ],
    ),
    (
        "import",
        &[
            "# see what a tracker would create, update and skip, row by row",
            "saypro import actions trackers.xlsx --dry-run",
            "saypro import people staff.csv --map \"Staff member=name\"",
            "# day-first text dates, and add the owners the store does not have yet",
            "saypro import actions trackers.xlsx --sheet \"Action log\" --date-format %d/%m/%Y --create-missing",
        ],
    ),
    (
        "kpi list",
        &[
            "saypro kpi list",
            "saypro kpi list --dept sales --status off-track",
        ],
    ),
    (
        "kpi show",
        &[
            "saypro kpi show sales/win-rate",
            "saypro kpi show sales/win-rate --format json",
        ],
    ),
    (
        "meeting new",
        &[
            "saypro meeting new",
            "saypro meeting new --title \"Q1 strategy review\" --date 2027-01-11 --time 09:30 --chair grace",
            "# a monthly series of three",
            "saypro meeting new --title \"Strategy review\" --date 2027-01-11 --every 1m --count 3",
        ],
    ),
    (
        "meeting list",
        &[
            "saypro meeting list",
            "saypro meeting list --from 2026-10-01 --status planned",
        ],
    ),
    (
        "meeting show",
        &[
            "saypro meeting show next",
            "saypro meeting show 2026-11-23 --format json",
        ],
    ),
    ("meeting status", &["saypro meeting status next"]),
    (
        "meeting ics",
        &[
            "saypro meeting ics next -o meeting.ics",
            "saypro meeting ics next --series -o series.ics",
        ],
    ),
    (
        "meeting run",
        &["saypro meeting run", "saypro meeting run 2026-11-23"],
    ),
    (
        "meeting note",
        &["saypro meeting note latest --item 2 \"Backlog down by 40 cases\""],
    ),
    (
        "meeting decide",
        &["saypro meeting decide latest \"Open the discharge lounge in January\" --owner tomas"],
    ),
    (
        "meeting discuss",
        &["saypro meeting discuss latest --synergy \"Share the triage checklist with ED\""],
    ),
    (
        "meeting adjust",
        &["saypro meeting adjust latest --kind timeline --dept it \"Go-live moves to March\""],
    ),
    ("meeting close", &["saypro meeting close latest"]),
    (
        "meeting update",
        &["saypro meeting update latest --date 2027-03-15"],
    ),
    (
        "meeting cancel",
        &["saypro meeting cancel 2027-03-08 --reason \"Clashes with the board meeting\""],
    ),
    (
        "update template",
        &["saypro update template next --dept sales -o sales.yaml"],
    ),
    (
        "update submit",
        &[
            "# answer a form on the terminal",
            "saypro update submit next --dept sales",
            "saypro update submit next --dept sales --file sales.yaml",
        ],
    ),
    (
        "update show",
        &[
            "saypro update show next",
            "saypro update show next --dept sales",
        ],
    ),
    (
        "report agenda",
        &[
            "saypro report agenda next",
            "# as an email, ready for sendmail",
            "saypro report agenda next --email | sendmail -t",
        ],
    ),
    (
        "report minutes",
        &["saypro report minutes latest -o minutes.md"],
    ),
    (
        "report summary",
        &[
            "saypro report summary latest",
            "saypro report summary latest --public -o summary.md",
        ],
    ),
    (
        "report actions",
        &[
            "saypro report actions",
            "saypro report actions --dept sales --overdue",
        ],
    ),
    (
        "report kpis",
        &[
            "saypro report kpis",
            "saypro report kpis --dept sales -o kpis.md",
            "saypro report kpis --format xlsx -o kpis.xlsx",
        ],
    ),
    (
        "report risks",
        &[
            "saypro report risks",
            "saypro report risks --public -o risks.md",
        ],
    ),
    (
        "action add",
        &[
            "saypro action add \"Cost the retention payment\" --owner daniel --due 2026-12-15",
            "saypro action add \"Share the checklist\" --owner lena --due 2027-01-10 --meeting latest --kind synergy",
        ],
    ),
    (
        "action list",
        &[
            "saypro action list",
            "saypro action list --overdue",
            "saypro action list --owner tomas --format csv",
            "saypro action list --all --format xlsx -o actions.xlsx",
        ],
    ),
    ("action show", &["saypro action show o7iy"]),
    (
        "action update",
        &["saypro action update o7iy --due 2027-01-15 --owner priya"],
    ),
    ("action done", &["saypro action done o7iy"]),
    (
        "action cancel",
        &["saypro action cancel o7iy --note \"Overtaken by the new rota\""],
    ),
    (
        "action checkin",
        &["saypro action checkin o7iy \"Costed at 4% of base pay\" --status in-progress"],
    ),
    (
        "action review",
        &["saypro action review o7iy --effect effective --note \"Vacancies down by half\""],
    ),
    (
        "remind",
        &[
            "saypro remind",
            "# one email per person, ready for sendmail",
            "saypro remind --email -o outbox",
        ],
    ),
    ("me", &["saypro me", "saypro me --as tomas"]),
    (
        "risk add",
        &["saypro risk add \"Agency costs keep rising\" --likelihood 4 --impact 3 --owner daniel"],
    ),
    (
        "risk list",
        &["saypro risk list", "saypro risk list --min-score 12"],
    ),
    ("risk show", &["saypro risk show a1yt"]),
    (
        "risk update",
        &["saypro risk update a1yt --likelihood 2 --status mitigated"],
    ),
    (
        "feedback add",
        &[
            "saypro feedback add latest --preparation 4 --focus 5 --collaboration 4 --usefulness 5",
            "saypro feedback add latest --preparation 3 --focus 3 --collaboration 4 --usefulness 4 --anonymous",
        ],
    ),
    (
        "feedback summary",
        &["saypro feedback summary", "saypro feedback summary latest"],
    ),
    ("check", &["saypro check", "saypro check --format json"]),
    (
        "schema",
        &["saypro schema action", "saypro schema --dir schemas"],
    ),
    (
        "git setup",
        &["saypro git setup", "saypro git setup --global"],
    ),
    (
        "sync",
        &[
            "saypro sync",
            "# after settling a conflict",
            "saypro sync --continue",
        ],
    ),
    (
        "publish",
        &[
            "saypro publish site --public",
            "saypro publish ../wiki --format wiki --public",
            "saypro publish site --since 2026-01-01",
        ],
    ),
    ("resolve", &["saypro resolve actions/o7iy.yaml --theirs"]),
    (
        "log",
        &[
            "saypro log",
            "saypro log o7iy",
            "saypro log --since 2026-11-01",
        ],
    ),
    ("whoami", &["saypro whoami", "saypro whoami --as grace"]),
    (
        "completions",
        &[
            "mkdir -p ~/.local/share/bash-completion/completions && saypro completions bash > ~/.local/share/bash-completion/completions/saypro",
            "mkdir -p ~/.zfunc && saypro completions zsh > ~/.zfunc/_saypro",
            "mkdir -p ~/.config/fish/completions && saypro completions fish > ~/.config/fish/completions/saypro.fish",
        ],
    ),
    (
        "man",
        &["saypro man", "saypro man --dir ~/.local/share/man/man1"],
    ),
];

/// The examples of the command at `path`.
pub(crate) fn of(path: &str) -> Option<&'static [&'static str]> {
    EXAMPLES.iter().find(|(p, _)| *p == path).map(|(_, e)| *e)
}

/// Adds an "Examples:" section to the help of every command that has examples.
pub(crate) fn attach(cmd: clap::Command) -> clap::Command {
    attach_under(cmd, "")
}

fn attach_under(mut cmd: clap::Command, path: &str) -> clap::Command {
    if let Some(examples) = of(path) {
        cmd = cmd.after_help(section(examples));
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        let sub_path = if path.is_empty() {
            name.clone()
        } else {
            format!("{path} {name}")
        };
        cmd = cmd.mut_subcommand(&name, |sub| attach_under(sub, &sub_path));
    }
    cmd
}

/// The section: a heading styled as clap styles its own, then the examples indented.
fn section(examples: &[&str]) -> StyledStr {
    let heading = clap::builder::Styles::styled().get_header().to_owned();
    let mut text = format!("{heading}Examples:{heading:#}\n");
    for line in examples {
        text.push_str("  ");
        text.push_str(line);
        text.push('\n');
    }
    StyledStr::from(text.trim_end().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The saypro command lines of an example: the part of each line that runs saypro
    /// (before a pipe or a redirection, after `&&`), without comments.
    fn command_lines(examples: &[&'static str]) -> Vec<&'static str> {
        examples
            .iter()
            .filter(|l| !l.starts_with('#'))
            .map(|l| {
                let l = l.rsplit("&& ").next().unwrap_or(l);
                let end = [" | ", " > "]
                    .iter()
                    .filter_map(|sep| l.find(sep))
                    .min()
                    .unwrap_or(l.len());
                l[..end].trim()
            })
            .collect()
    }

    /// Every command a person runs, by its path: the leaves of the command tree.
    fn leaves(cmd: &clap::Command, path: &str, out: &mut Vec<String>) {
        let subs: Vec<&clap::Command> =
            cmd.get_subcommands().filter(|s| !s.is_hide_set()).collect();
        if subs.is_empty() && !path.is_empty() {
            out.push(path.to_string());
        }
        for sub in subs {
            let name = sub.get_name();
            if name == "help" {
                continue;
            }
            let p = if path.is_empty() {
                name.to_string()
            } else {
                format!("{path} {name}")
            };
            leaves(sub, &p, out);
        }
    }

    #[test]
    fn every_command_has_examples() {
        let mut paths = Vec::new();
        leaves(&super::super::command(), "", &mut paths);
        let missing: Vec<&String> = paths.iter().filter(|p| of(p).is_none()).collect();
        assert!(missing.is_empty(), "commands without examples: {missing:?}");
    }

    #[test]
    fn every_example_parses() {
        let cmd = super::super::command();
        for (path, examples) in EXAMPLES {
            // A command that is not part of the command line yet.
            let mut at = Some(&cmd);
            for name in path.split(' ') {
                at = at.and_then(|c| c.find_subcommand(name));
            }
            if at.is_none() {
                continue;
            }
            for line in command_lines(examples) {
                let args = shlex::split(line).unwrap_or_else(|| panic!("cannot split {line:?}"));
                assert_eq!(args[0], "saypro", "{line}");
                assert!(
                    line.starts_with(&format!("saypro {path}")),
                    "an example of `{path}` runs another command: {line}"
                );
                if let Err(e) = cmd.clone().try_get_matches_from(&args) {
                    panic!("the example `{line}` of `{path}` does not parse:\n{e}");
                }
            }
        }
    }
}
