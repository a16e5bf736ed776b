//! Closed sets of named values (statuses, kinds, …), each declared once with [`choice!`].
//!
//! A value has a wire name, which files and the command line use and which never
//! changes, and a label, which reports show to people. The description is the value's
//! doc comment, which also becomes its help on the command line.

/// A closed set of named values, declared with [`choice!`]. The command line builds its
/// value parsers from this, so the model needs no clap.
pub trait Choice: Copy + Eq + Send + Sync + 'static {
    /// What one value is called in messages, with its article: "an action status".
    const WHAT: &'static str;
    /// Every value, in the order declared.
    const VALUES: &'static [Self];

    /// The name in files and on the command line.
    fn as_str(self) -> &'static str;

    /// The name as people read it in reports.
    fn label(self) -> &'static str;

    /// What the value means, in one line.
    fn description(self) -> &'static str;

    /// The value with this wire name; the error lists the names expected.
    fn from_name(name: &str) -> Result<Self, String> {
        Self::VALUES
            .iter()
            .copied()
            .find(|v| v.as_str() == name)
            .ok_or_else(|| {
                format!(
                    "`{name}` is not {}: expected {}",
                    Self::WHAT,
                    one_of::<Self>()
                )
            })
    }
}

/// `a, b or c`: the wire names of every value.
fn one_of<E: Choice>() -> String {
    let names: Vec<&str> = E::VALUES.iter().map(|v| v.as_str()).collect();
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => names.concat(),
    }
}

/// Declares an enum of named values: each variant gets its wire name (what serde reads
/// and writes and the command line accepts) and its label (what reports show), and the
/// enum gets `ALL`, `as_str`, `label`, `Display` (the wire name), `FromStr` and
/// [`Choice`]. Each variant starts with a one-line doc comment, its description:
///
/// ```ignore
/// choice! {
///     /// Where an action stands.
///     #[derive(Default, JsonSchema)]
///     pub enum ActionStatus("an action status") {
///         /// Being worked on.
///         #[default]
///         InProgress("in-progress", "in progress"),
///     }
/// }
/// ```
///
/// The enum always derives `Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize,
/// Deserialize`; add other derives as attributes.
macro_rules! choice {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident($what:literal) {
            $(
                #[doc = $doc:literal]
                $(#[$vmeta:meta])*
                $variant:ident($wire:literal, $label:literal)
            ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ::serde::Serialize, ::serde::Deserialize)]
        $vis enum $name {
            $(
                #[doc = $doc]
                $(#[$vmeta])*
                #[serde(rename = $wire)]
                $variant,
            )+
        }

        impl $name {
            /// Every value, in the order declared.
            pub(crate) const ALL: [$name; [$(stringify!($variant)),+].len()] = [$($name::$variant),+];

            /// The name in files and on the command line.
            pub(crate) fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $wire,)+
                }
            }

            /// The name as people read it in reports.
            pub(crate) fn label(self) -> &'static str {
                match self {
                    $($name::$variant => $label,)+
                }
            }
        }

        impl $crate::model::Choice for $name {
            const WHAT: &'static str = $what;
            const VALUES: &'static [Self] = &$name::ALL;

            fn as_str(self) -> &'static str {
                $name::as_str(self)
            }

            fn label(self) -> &'static str {
                $name::label(self)
            }

            fn description(self) -> &'static str {
                match self {
                    $($name::$variant => $doc.trim(),)+
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                <$name as $crate::model::Choice>::from_name(s)
            }
        }
    };
}

pub(crate) use choice;

#[cfg(test)]
mod tests {
    use std::fmt::Debug;
    use std::str::FromStr;

    use serde::Serialize;
    use serde::de::DeserializeOwned;

    use super::Choice;
    use crate::model::agenda::{Presenter, Repeat};
    use crate::model::change::DiscussionKind;
    use crate::model::*;

    /// Serde, `Display` and `FromStr` all use the wire name, and every value has one
    /// of its own, a label and a description.
    fn names_agree<E>()
    where
        E: Choice
            + Debug
            + Serialize
            + DeserializeOwned
            + FromStr<Err = String>
            + std::fmt::Display,
    {
        let mut seen = std::collections::HashSet::new();
        for &v in E::VALUES {
            let wire = v.as_str();
            assert!(seen.insert(wire), "{wire} named twice");
            assert_eq!(serde_json::to_value(v).unwrap(), wire);
            assert_eq!(serde_json::from_value::<E>(wire.into()).unwrap(), v);
            assert_eq!(v.to_string(), wire);
            assert_eq!(wire.parse::<E>(), Ok(v));
            assert!(
                !v.label().is_empty() && !v.description().is_empty(),
                "{v:?}"
            );
        }
        let err = "nonsense".parse::<E>().unwrap_err();
        assert!(
            err.starts_with(&format!("`nonsense` is not {}", E::WHAT)),
            "{err}"
        );
        assert!(E::VALUES.iter().all(|v| err.contains(v.as_str())), "{err}");
    }

    #[test]
    fn every_enum_uses_its_wire_name_everywhere() {
        names_agree::<ActionStatus>();
        names_agree::<ActionKind>();
        names_agree::<AdjustmentKind>();
        names_agree::<Direction>();
        names_agree::<DiscussionKind>();
        names_agree::<Effect>();
        names_agree::<KpiStatus>();
        names_agree::<MeetingKind>();
        names_agree::<MeetingStatus>();
        names_agree::<MilestoneStatus>();
        names_agree::<Period>();
        names_agree::<Presenter>();
        names_agree::<Question>();
        names_agree::<Repeat>();
        names_agree::<ResourceKind>();
        names_agree::<RiskLevel>();
        names_agree::<RiskStatus>();
    }

    #[test]
    fn a_wrong_name_lists_the_expected_ones() {
        assert_eq!(
            "finished".parse::<ActionStatus>(),
            Err("`finished` is not an action status: expected open, in-progress, blocked, done or cancelled".to_string())
        );
        assert_eq!(
            "In-Progress".parse::<ActionStatus>().map_err(|_| ()),
            Err(()),
            "names are exact, as in files"
        );
    }

    #[test]
    fn labels_are_for_people_and_names_for_files() {
        assert_eq!(Effect::TooEarly.as_str(), "too-early");
        assert_eq!(Effect::TooEarly.label(), "too early to tell");
        assert_eq!(KpiStatus::OffTrack.label(), "off track");
        assert_eq!(
            Question::Focus.description(),
            "Did the meeting stay on the agenda?"
        );
    }
}
