//! The static site: pages of HTML with one stylesheet and charts drawn in SVG.

use super::super::{CliError, Context};
use super::{Options, Page};
use crate::store::Store;

/// Every page of the site.
pub fn pages(_ctx: &Context, _store: &Store, _options: &Options) -> Result<Vec<Page>, CliError> {
    Err(CliError::failure("publishing as html is not available yet"))
}
