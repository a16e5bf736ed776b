//! The wiki a publish writes for, and the names it gives its front page and sidebar.
//!
//! GitHub shows `Home.md` as a wiki's front page and `_Sidebar.md` beside every page;
//! GitLab shows `home.md` and `_sidebar.md`. Both follow a relative link to a page by
//! its file name without `.md`, so only these two names differ.

/// The host of the wiki: `--wiki github|gitlab`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Host {
    /// A GitHub wiki: `Home` and `_Sidebar`.
    #[default]
    Github,
    /// A GitLab wiki: `home` and `_sidebar`.
    Gitlab,
}

impl Host {
    /// The page name of the front page.
    pub fn home(self) -> &'static str {
        match self {
            Host::Github => "Home",
            Host::Gitlab => "home",
        }
    }

    /// The page name of the sidebar.
    pub fn sidebar(self) -> &'static str {
        match self {
            Host::Github => "_Sidebar",
            Host::Gitlab => "_sidebar",
        }
    }
}
