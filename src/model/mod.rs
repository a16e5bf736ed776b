//! Records and their invariants. No I/O here.

mod action;
pub mod agenda;
pub mod change;
mod config;
pub mod dates;
mod enums;
mod feedback;
mod ids;
mod kpi;
mod meeting;
pub mod merge;
mod num;
mod objective;
mod record;
mod risk;
pub mod schedule;
mod schema;
mod update;
mod values;

pub use action::{Action, ActionKind, ActionStatus, Checkin};
pub use config::{Config, Defaults, Department, Organization, Person};
pub use enums::Choice;
pub use feedback::{Feedback, Question, Ratings};
pub use ids::{
    ID_ALPHABET, ID_LEN, IdError, RecordId, Slug, shortest_unique_prefix, unique_prefixes,
};
pub use kpi::{
    Bounds, DEFAULT_AT_RISK, Direction, Kpi, KpiId, KpiStatus, KpiValue, Period, TREND_LEN,
};
pub use meeting::{
    Adjustment, AdjustmentKind, AgendaItem, Decision, Discussion, Meeting, MeetingKind,
    MeetingStatus,
};
pub use objective::{Initiative, Milestone, MilestoneStatus, Objective};
pub use record::{
    CLOSED, CONFIG_LISTS, Document, IdKind, IdPart, ListIdentity, OPEN, Record, Reference,
    config_references, year_of_meeting_id,
};
pub use risk::{Risk, RiskLevel, RiskStatus};
pub use schema::SchemaKind;
pub use update::{
    ActionReview, Challenge, Effect, KpiReport, MilestoneReport, ResourceKind, ResourceNeed,
    Success, Update,
};
pub use values::{ClockTime, PeriodKey, Score};
