//! Where each record lives (the store layout of DESIGN.md).

use std::path::{Path, PathBuf};

/// Name of the configuration file at the store root.
pub const CONFIG_FILE: &str = "saypro.toml";
/// Folders `init` creates.
pub const FOLDERS: &[&str] = &["plan", "kpis", "meetings", "actions/closed", "risks"];

/// `plan/<id>.yaml`.
pub fn objective(root: &Path, id: &str) -> PathBuf {
    root.join("plan").join(format!("{id}.yaml"))
}

/// `kpis/<department>/<name>.yaml`.
pub fn kpi(root: &Path, department: &str, name: &str) -> PathBuf {
    root.join("kpis")
        .join(department)
        .join(format!("{name}.yaml"))
}

/// `meetings/<yyyy>/<id>/`.
pub fn meeting_dir(root: &Path, year: i32, id: &str) -> PathBuf {
    root.join("meetings").join(format!("{year:04}")).join(id)
}

/// `meetings/<yyyy>/<id>/meeting.yaml`.
pub fn meeting(root: &Path, year: i32, id: &str) -> PathBuf {
    meeting_dir(root, year, id).join("meeting.yaml")
}

/// `meetings/<yyyy>/<meeting>/updates/<dept>.yaml`.
pub fn update(root: &Path, year: i32, meeting: &str, dept: &str) -> PathBuf {
    meeting_dir(root, year, meeting)
        .join("updates")
        .join(format!("{dept}.yaml"))
}

/// `meetings/<yyyy>/<meeting>/feedback/<id>.yaml`.
pub fn feedback(root: &Path, year: i32, meeting: &str, id: &str) -> PathBuf {
    meeting_dir(root, year, meeting)
        .join("feedback")
        .join(format!("{id}.yaml"))
}

/// `actions/<id>.yaml`: open, in progress or blocked.
pub fn open_action(root: &Path, id: &str) -> PathBuf {
    root.join("actions").join(format!("{id}.yaml"))
}

/// `actions/closed/<yyyy>/<id>.yaml`: done or cancelled, by the year it closed.
pub fn closed_action(root: &Path, year: i32, id: &str) -> PathBuf {
    root.join("actions")
        .join("closed")
        .join(format!("{year:04}"))
        .join(format!("{id}.yaml"))
}

/// `risks/<id>.yaml`.
pub fn risk(root: &Path, id: &str) -> PathBuf {
    root.join("risks").join(format!("{id}.yaml"))
}
