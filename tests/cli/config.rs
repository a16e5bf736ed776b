//! Departments, people, and keeping `saypro.toml` as the user wrote it.

use crate::harness::{TestEnv, transcript};

#[test]
fn add_and_list_departments_and_people() {
    let env = TestEnv::new();
    env.run_in(env.tmp(), &["init", "store", "--org", "Acme"])
        .success();
    let t = transcript([
        env.saypro(&[
            "person",
            "add",
            "amina",
            "--name",
            "Amina Diallo",
            "--email",
            "amina@acme.example",
        ]),
        env.saypro(&["dept", "add", "sales", "--name", "Sales", "--head", "amina"]),
        env.saypro(&["dept", "add", "customer-care"]),
        env.saypro(&["person", "add", "jon", "--dept", "sales"]),
        env.saypro(&["dept", "list"]),
        env.saypro(&["person", "list"]),
        env.saypro(&["person", "list", "--dept", "sales", "--format", "json"]),
        env.saypro(&["dept", "list", "--format", "md"]),
    ]);
    insta::assert_snapshot!(t, @r#"
    $ saypro person add amina --name "Amina Diallo" --email amina@acme.example
    [stderr] Added person amina (Amina Diallo)
    [exit 0]

    $ saypro dept add sales --name Sales --head amina
    [stderr] Added department sales (Sales)
    [stderr] amina is now one of the people of sales
    [exit 0]

    $ saypro dept add customer-care
    [stderr] Added department customer-care (Customer care)
    [exit 0]

    $ saypro person add jon --dept sales
    [stderr] Added person jon (Jon)
    [exit 0]

    $ saypro dept list
    ID             NAME           HEAD          PEOPLE
    sales          Sales          Amina Diallo  2
    customer-care  Customer care                0
    [exit 0]

    $ saypro person list
    ID     NAME          EMAIL               DEPARTMENT
    amina  Amina Diallo  amina@acme.example  sales
    jon    Jon                               sales
    [exit 0]

    $ saypro person list --dept sales --format json
    [
      {
        "id": "amina",
        "name": "Amina Diallo",
        "email": "amina@acme.example",
        "department": "sales"
      },
      {
        "id": "jon",
        "name": "Jon",
        "email": null,
        "department": "sales"
      }
    ]
    [exit 0]

    $ saypro dept list --format md
    | id | name | head | people |
    | --- | --- | --- | --- |
    | sales | Sales | Amina Diallo | 2 |
    | customer-care | Customer care |  | 0 |
    [exit 0]
    "#);
}

#[test]
fn adding_refuses_duplicates_and_unknown_references() {
    let env = TestEnv::with_store();
    let before = env.read("saypro.toml");
    let t = transcript([
        env.saypro(&["dept", "add", "sales"]),
        env.saypro(&["person", "add", "amina"]),
        env.saypro(&["person", "add", "max", "--dept", "sale"]),
        env.saypro(&["dept", "add", "it", "--head", "aminah"]),
        env.saypro(&[
            "person",
            "add",
            "max",
            "--email",
            "max@x.org\nBcc: evil@x.org",
        ]),
    ]);
    insta::assert_snapshot!(t, @r#"
    $ saypro dept add sales
    [stderr] error: department `sales` already exists: to change it, run `saypro dept update sales --name … --head PERSON`
    [exit 1]

    $ saypro person add amina
    [stderr] error: person `amina` already exists: to change them, run `saypro person update amina --name …`
    [exit 1]

    $ saypro person add max --dept sale
    [stderr] error: department `sale` not found; did you mean `sales`?
    [exit 2]

    $ saypro dept add it --head aminah
    [stderr] error: person `aminah` not found; did you mean `amina`?
    [exit 2]

    $ saypro person add max --email "max@x.org\nBcc: evil@x.org"
    [stderr] error: invalid value 'max@x.org
    [stderr] Bcc: evil@x.org' for '--email <ADDR>': `max@x.org
    [stderr] Bcc: evil@x.org` is not an email address (it contains a line break): expected name@example.org
    [stderr] 
    [stderr] For more information, try '--help'.
    [exit 2]
    "#);
    assert_eq!(env.read("saypro.toml"), before, "nothing written");
}

#[test]
fn csv_output_quotes_commas_and_quotes() {
    let env = TestEnv::with_store();
    env.saypro(&["person", "add", "eve", "--name", "Eve \"E\", Jr."])
        .success();
    let run = env.saypro(&["person", "list", "--format", "csv"]).success();
    let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
    let names: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[1].to_string())
        .collect();
    assert!(names.contains(&"Eve \"E\", Jr.".to_string()), "{names:?}");
}

#[test]
fn comments_and_layout_of_saypro_toml_survive_a_rewrite() {
    let env = TestEnv::new();
    env.run_in(env.tmp(), &["init", "store", "--org", "Acme"])
        .success();
    let hand_written = "\
# Our store. Grace owns this file.
[organization]
name = \"Acme\"   # legal name is longer

[defaults]
meeting_minutes = 60 # we keep it short

[[departments]]
# Sales covers EMEA only.
id = \"sales\"
name = \"Sales\"
";
    env.write("saypro.toml", hand_written);
    env.saypro(&["person", "add", "amina", "--dept", "sales"])
        .success();
    let after = env.read("saypro.toml");
    assert!(
        after.starts_with(hand_written),
        "rewrite changed the user's text:\n{after}"
    );
    insta::assert_snapshot!(&after[hand_written.len()..], @r#"

    [[people]]
    id = "amina"
    name = "Amina"
    department = "sales"
    "#);
}

#[test]
fn whoami_follows_as_then_env_then_user_config_then_git() {
    let env = TestEnv::with_store();
    let none = env.saypro(&["whoami"]).success();
    assert_eq!(none.stdout, "");
    let by_flag = env.saypro(&["--as", "jon", "whoami"]).success();
    assert_eq!(by_flag.stdout, "jon\n");
    let unknown = env.saypro(&["--as", "jno", "whoami"]);
    assert_eq!(unknown.code, 2);
    assert!(unknown.stderr.contains("did you mean `jon`?"), "{unknown}");

    std::fs::write(env.tmp().join("user-config.toml"), "user = \"lena\"\n").unwrap();
    assert_eq!(env.saypro(&["whoami"]).success().stdout, "lena\n");
    let by_env = env
        .command(&env.root(), &["whoami"])
        .env("SAYPRO_USER", "amina")
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&by_env.stdout), "amina\n");
    std::fs::remove_file(env.tmp().join("user-config.toml")).unwrap();

    std::fs::write(
        env.tmp().join("gitconfig"),
        "[user]\n\temail = LENA@acme.example\n",
    )
    .unwrap();
    let by_git = env.saypro(&["whoami"]).success();
    assert_eq!(by_git.stdout, "lena\n");
    assert!(by_git.stderr.contains("git user.email"), "{by_git}");
}
