//! One attendee's feedback on a meeting.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::enums::choice;
use super::{Choice, Score, Slug};

/// One attendee's feedback on a meeting: `meetings/<yyyy>/<meeting>/feedback/<id>.yaml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
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

choice! {
    /// One of the four questions.
    pub enum Question("a question") {
        /// Were people prepared?
        Preparation("preparation", "Preparation"),
        /// Did the meeting stay on the agenda?
        Focus("focus", "Focus"),
        /// Did departments work together?
        Collaboration("collaboration", "Collaboration"),
        /// Was it worth the time?
        Usefulness("usefulness", "Usefulness"),
    }
}

impl Question {
    /// The question as asked.
    pub(crate) fn text(self) -> &'static str {
        Choice::description(self)
    }
}

impl Ratings {
    /// The rating given to one question.
    pub(crate) fn get(&self, q: Question) -> Score {
        match q {
            Question::Preparation => self.preparation,
            Question::Focus => self.focus,
            Question::Collaboration => self.collaboration,
            Question::Usefulness => self.usefulness,
        }
    }
}
