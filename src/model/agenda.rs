//! Agenda templates per meeting kind, and timeboxes that fit the meeting's length.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::enums::choice;
use super::{AgendaItem, MeetingKind, RecordId, Slug};

/// An agenda template: the items of one meeting kind. A store overrides a built-in
/// template with `templates/<kind>.yaml` in the same shape.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Template {
    /// Default length in minutes for meetings of this kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "super::valid::de::duration_opt")]
    #[schemars(range(min = 1, max = 1440))]
    pub duration: Option<u32>,
    /// Items in order.
    pub items: Vec<TemplateItem>,
}

choice! {
    /// Who presents a template item.
    #[derive(JsonSchema)]
    pub enum Presenter("a presenter") {
        /// The meeting's chair.
        Chair("chair", "chair"),
        /// The head of the item's department (for items repeated per department).
        Head("head", "head"),
        /// The owner of the item's action (for items repeated per action).
        Owner("owner", "owner"),
    }
}

choice! {
    /// What an item is repeated for.
    #[derive(JsonSchema)]
    pub enum Repeat("a repeat") {
        /// Once per department taking part; `{department}` in the topic is its name.
        Department("department", "department"),
        /// Once per outstanding action; `{action}` is its title, `{owner}` its owner's name.
        Action("action", "action"),
    }
}

/// One item of a template.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TemplateItem {
    /// Topic; may contain `{department}`, `{action}` or `{owner}`.
    pub topic: String,
    /// Kind of item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Relative weight in minutes; timeboxes are scaled to fit the meeting.
    #[serde(deserialize_with = "super::valid::de::timebox")]
    #[schemars(range(min = 0, max = 1440))]
    pub minutes: u32,
    /// Who presents it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub presenter: Option<Presenter>,
    /// Repeat the item per department or per outstanding action.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repeat: Option<Repeat>,
    /// Shown instead when there is nothing to repeat over.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub otherwise: Option<String>,
}

fn item(topic: &str, kind: &str, minutes: u32, presenter: Option<Presenter>) -> TemplateItem {
    TemplateItem {
        topic: topic.to_string(),
        kind: Some(kind.to_string()),
        minutes,
        presenter,
        repeat: None,
        otherwise: None,
    }
}

fn per(repeat: Repeat, mut item: TemplateItem) -> TemplateItem {
    item.repeat = Some(repeat);
    item
}

/// The built-in template of a meeting kind, drawn from the meeting practice saypro follows.
pub fn builtin(kind: MeetingKind) -> Template {
    use Presenter::*;
    match kind {
        MeetingKind::Collaborative => Template {
            duration: None,
            items: vec![
                item("Opening and review of goals", "opening", 10, Some(Chair)),
                per(
                    Repeat::Department,
                    item(
                        "{department} progress: KPIs against targets, challenges and solutions, last period's actions, successes",
                        "update",
                        10,
                        Some(Head),
                    ),
                ),
                item(
                    "Cross-department discussion: synergies, resource sharing, feedback, best practices",
                    "discussion",
                    20,
                    Some(Chair),
                ),
                item(
                    "Strategic adjustments and risks",
                    "adjustments",
                    15,
                    Some(Chair),
                ),
                item("Action items and owners", "actions", 10, Some(Chair)),
                item("Next steps", "next-steps", 5, Some(Chair)),
            ],
        },
        MeetingKind::DepartmentReview => Template {
            duration: None,
            items: vec![
                item("Opening: goals and objectives", "opening", 5, Some(Chair)),
                per(
                    Repeat::Department,
                    item(
                        "{department}: progress against objectives and milestones",
                        "update",
                        15,
                        Some(Head),
                    ),
                ),
                item(
                    "Challenges: obstacles, process issues, employee feedback",
                    "challenges",
                    15,
                    None,
                ),
                item(
                    "Support needed: resources, roadblocks, direction",
                    "support",
                    15,
                    Some(Chair),
                ),
                item(
                    "Adjustments to strategies and goals",
                    "adjustments",
                    10,
                    Some(Chair),
                ),
                item("Action items and next steps", "actions", 10, Some(Chair)),
            ],
        },
        MeetingKind::CheckIn => Template {
            duration: Some(30),
            items: vec![
                TemplateItem {
                    otherwise: Some("Outstanding actions: status and blockers".to_string()),
                    ..per(
                        Repeat::Action,
                        item("{action}", "action-review", 5, Some(Owner)),
                    )
                },
                item(
                    "Emerging issues and next check-in",
                    "next-steps",
                    5,
                    Some(Chair),
                ),
            ],
        },
    }
}

/// A department taking part, as the agenda needs it.
#[derive(Debug, Clone)]
pub struct DeptRef<'a> {
    /// Id.
    pub id: &'a Slug,
    /// Display name.
    pub name: &'a str,
    /// Its head.
    pub head: Option<&'a Slug>,
}

/// An outstanding action, as the agenda needs it.
#[derive(Debug, Clone)]
pub struct ActionRef<'a> {
    /// Id.
    pub id: &'a RecordId,
    /// Title.
    pub title: &'a str,
    /// Owner.
    pub owner: &'a Slug,
    /// Owner's display name.
    pub owner_name: &'a str,
}

/// Builds the agenda of a meeting from a template: items repeated per department or
/// action, presenters filled in, timeboxes scaled so that they add up to `duration`.
pub fn build(
    template: &Template,
    chair: Option<&Slug>,
    departments: &[DeptRef],
    actions: &[ActionRef],
    duration: u32,
) -> Vec<AgendaItem> {
    let mut items = Vec::new();
    let mut weights = Vec::new();
    let mut push =
        |topic: String, t: &TemplateItem, presenter: Option<&Slug>, dept: Option<&Slug>| {
            weights.push(t.minutes);
            items.push(AgendaItem {
                topic,
                kind: t.kind.clone(),
                presenter: presenter.cloned(),
                department: dept.cloned(),
                minutes: None,
                notes: Vec::new(),
                outcome: None,
                confidential: false,
            });
        };
    for t in &template.items {
        let fixed_presenter = match t.presenter {
            Some(Presenter::Chair) => chair,
            _ => None,
        };
        match t.repeat {
            Some(Repeat::Department) if !departments.is_empty() => {
                for d in departments {
                    let presenter = match t.presenter {
                        Some(Presenter::Head) => d.head,
                        _ => fixed_presenter,
                    };
                    push(
                        t.topic.replace("{department}", d.name),
                        t,
                        presenter,
                        Some(d.id),
                    );
                }
            }
            Some(Repeat::Action) if !actions.is_empty() => {
                for a in actions {
                    let presenter = match t.presenter {
                        Some(Presenter::Owner) => Some(a.owner),
                        _ => fixed_presenter,
                    };
                    let topic = t
                        .topic
                        .replace("{action}", &format!("{} [{}]", a.title, a.id))
                        .replace("{owner}", a.owner_name);
                    push(topic, t, presenter, None);
                }
            }
            Some(_) => {
                if let Some(other) = &t.otherwise {
                    push(other.clone(), t, fixed_presenter, None);
                }
            }
            None => push(t.topic.clone(), t, fixed_presenter, None),
        }
    }
    for (item, minutes) in items.iter_mut().zip(fit(&weights, duration)) {
        item.minutes = Some(minutes);
    }
    items
}

/// Scales `weights` to whole minutes that add up to `total`, each at least 1 minute
/// (when the total allows), using largest remainders so rounding never drifts.
pub(crate) fn fit(weights: &[u32], total: u32) -> Vec<u32> {
    let n = weights.len();
    let mut out = vec![0u32; n];
    // Items pinned at one minute because their share rounded to nothing.
    let mut pinned = vec![false; n];
    loop {
        let free: Vec<usize> = (0..n).filter(|i| !pinned[*i]).collect();
        let budget = total.saturating_sub(pinned.iter().filter(|p| **p).count() as u32);
        let shares = apportion(
            &free.iter().map(|i| weights[*i]).collect::<Vec<_>>(),
            budget,
        );
        let mut changed = false;
        for (k, i) in free.iter().enumerate() {
            out[*i] = shares[k];
            if shares[k] == 0 && total as usize >= n {
                pinned[*i] = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    for (i, p) in pinned.iter().enumerate() {
        if *p {
            out[i] = 1;
        }
    }
    out
}

/// Largest-remainder apportionment of `total` in proportion to `weights`.
fn apportion(weights: &[u32], total: u32) -> Vec<u32> {
    let sum: u64 = weights.iter().map(|w| u64::from((*w).max(1))).sum();
    if sum == 0 {
        return Vec::new();
    }
    let total = u64::from(total);
    let mut out = Vec::with_capacity(weights.len());
    let mut remainders = Vec::with_capacity(weights.len());
    for (i, w) in weights.iter().enumerate() {
        let share = u64::from((*w).max(1)) * total;
        out.push(share / sum);
        remainders.push((share % sum, i));
    }
    let left = total - out.iter().sum::<u64>();
    remainders.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for (_, i) in remainders.iter().take(left as usize) {
        out[*i] += 1;
    }
    out.into_iter().map(|m| m as u32).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeboxes_add_up_to_the_meeting() {
        assert_eq!(fit(&[10, 20, 30], 60), vec![10, 20, 30]);
        assert_eq!(fit(&[10, 20, 30], 90), vec![15, 30, 45]);
        assert_eq!(fit(&[10, 10, 10], 20).iter().sum::<u32>(), 20);
        let many = vec![10; 25];
        let fitted = fit(&many, 90);
        assert_eq!(fitted.iter().sum::<u32>(), 90);
        assert!(fitted.iter().all(|m| *m >= 3), "{fitted:?}");
        assert_eq!(fit(&[5, 5, 5], 2).iter().sum::<u32>(), 2);
        assert_eq!(fit(&[], 30), Vec::<u32>::new());
    }

    #[test]
    fn collaborative_agenda_has_an_update_per_department() {
        let (sales, ops, amina, grace) = (
            "sales".parse().unwrap(),
            "ops".parse().unwrap(),
            "amina".parse().unwrap(),
            "grace".parse().unwrap(),
        );
        let depts = [
            DeptRef {
                id: &sales,
                name: "Sales",
                head: Some(&amina),
            },
            DeptRef {
                id: &ops,
                name: "Operations",
                head: None,
            },
        ];
        let items = build(
            &builtin(MeetingKind::Collaborative),
            Some(&grace),
            &depts,
            &[],
            90,
        );
        assert_eq!(items.len(), 7);
        assert!(items[1].topic.starts_with("Sales progress"));
        assert_eq!(items[1].presenter.as_ref(), Some(&amina));
        assert_eq!(items[0].presenter.as_ref(), Some(&grace));
        assert_eq!(items.iter().map(|i| i.minutes.unwrap()).sum::<u32>(), 90);
    }
}
