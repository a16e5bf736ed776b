//! One attendee's feedback on a meeting.

use serde::{Deserialize, Serialize};

use super::{Score, Slug};

/// `meetings/<yyyy>/<meeting>/feedback/<id>.yaml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Feedback {
    /// The meeting.
    pub meeting: Slug,
    /// Who gave it; absent when anonymous.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<Slug>,
    /// Scores from 1 to 5.
    pub ratings: Ratings,
    /// What worked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub worked: Option<String>,
    /// What to improve.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub improve: Option<String>,
}

/// The four questions asked after every meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ratings {
    /// Were people prepared?
    pub preparation: Score,
    /// Did it stay on the agenda?
    pub focus: Score,
    /// Did departments work together?
    pub collaboration: Score,
    /// Was it worth the time?
    pub usefulness: Score,
}
