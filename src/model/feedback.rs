//! One attendee's feedback on a meeting.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Score, Slug};

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

/// One of the four questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Question {
    /// Were people prepared?
    Preparation,
    /// Did it stay on the agenda?
    Focus,
    /// Did departments work together?
    Collaboration,
    /// Was it worth the time?
    Usefulness,
}

impl Question {
    /// The questions in the order they are asked and shown.
    pub const ALL: [Question; 4] = [
        Question::Preparation,
        Question::Focus,
        Question::Collaboration,
        Question::Usefulness,
    ];

    /// The field name in files and the flag name on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Question::Preparation => "preparation",
            Question::Focus => "focus",
            Question::Collaboration => "collaboration",
            Question::Usefulness => "usefulness",
        }
    }

    /// The name as a heading or column title.
    pub fn label(self) -> &'static str {
        match self {
            Question::Preparation => "Preparation",
            Question::Focus => "Focus",
            Question::Collaboration => "Collaboration",
            Question::Usefulness => "Usefulness",
        }
    }

    /// The question as asked.
    pub fn text(self) -> &'static str {
        match self {
            Question::Preparation => "Were people prepared?",
            Question::Focus => "Did the meeting stay on the agenda?",
            Question::Collaboration => "Did departments work together?",
            Question::Usefulness => "Was it worth the time?",
        }
    }
}

impl Ratings {
    /// The rating given to one question.
    pub fn get(&self, q: Question) -> Score {
        match q {
            Question::Preparation => self.preparation,
            Question::Focus => self.focus,
            Question::Collaboration => self.collaboration,
            Question::Usefulness => self.usefulness,
        }
    }
}
