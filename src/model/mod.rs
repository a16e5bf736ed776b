//! Records and their invariants. No I/O here.

mod action;
mod action_at;
pub mod agenda;
pub mod change;
pub mod confidential;
mod config;
pub mod dates;
pub mod diff;
pub mod discussed;
mod discussion;
pub mod duties;
mod enums;
mod feedback;
mod ids;
mod kpi;
mod meeting;
pub mod merge;
pub(crate) mod num;
mod objective;
mod record;
mod risk;
pub mod schedule;
mod schema;
mod update;
pub mod valid;
mod values;

pub use action::{Action, ActionKind, ActionStatus, Checkin};
pub use config::{Config, Defaults, Department, GitSettings, ME, Organization, Person, Reminders};
pub use enums::Choice;
pub use feedback::{Feedback, Question, Ratings};
pub(crate) use ids::{CHANGE_PREFIX_LEN, shortest_unique_prefix, unique_prefixes};
pub use ids::{IdError, RecordId, Slug};
pub(crate) use kpi::TREND_LEN;
pub use kpi::{Bounds, Direction, Kpi, KpiId, KpiStatus, KpiValue, Period, Trend};
pub(crate) use meeting::expected_departments;
pub use meeting::{
    Adjustment, AdjustmentKind, AgendaItem, Amendment, Decision, Discussion, DiscussionPoint,
    Meeting, MeetingKind, MeetingStatus,
};
pub use objective::{Initiative, Milestone, MilestoneStatus, Objective};
pub(crate) use record::{
    CLOSED, OPEN, config_references, config_text_problems, date_of_meeting_id, repointed,
    text_problems,
};
pub use record::{CONFIG_LISTS, lists_of};
pub use record::{Document, IdKind, IdPart, ListIdentity, Record, Reference};
pub use risk::{Risk, RiskLevel, RiskStatus};
pub use schema::SchemaKind;
pub use update::{
    ActionReview, Ask, Challenge, Effect, KpiReport, MilestoneReport, ResourceKind, ResourceNeed,
    Success, Update,
};
pub use values::{ClockTime, PeriodKey, Score};
