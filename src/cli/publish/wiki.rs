//! Wiki pages: Markdown for GitHub and GitLab wikis.

use super::super::{CliError, Context};
use super::{Options, Page};
use crate::store::Store;

/// Every page of the wiki.
pub fn pages(_ctx: &Context, _store: &Store, _options: &Options) -> Result<Vec<Page>, CliError> {
    Err(CliError::failure(
        "publishing as a wiki is not available yet",
    ))
}
