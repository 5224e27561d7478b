//! The closed lists of the content model, each in one place: how a value
//! is spelled in a file and how it reads on a page. A new kind is one line
//! here; every `match` over the list elsewhere then fails to compile until
//! it handles it. A leaf module: it uses no other stage.

/// A closed list: its spellings (for validation and help), and the value a
/// spelling names.
pub trait Closed: Copy + 'static {
    /// Every spelling, in the order the list is given.
    const SPELLINGS: &'static [&'static str];
    fn parse(text: &str) -> Option<Self>;
}

macro_rules! closed_list {
    ($(#[$doc:meta])* $name:ident { $($variant:ident => ($spelling:literal, $label:literal)),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $($variant),+
        }

        impl $name {
            /// As written in a content file.
            pub fn spelling(self) -> &'static str {
                match self {
                    $($name::$variant => $spelling),+
                }
            }

            /// As shown to readers.
            pub fn label(self) -> &'static str {
                match self {
                    $($name::$variant => $label),+
                }
            }
        }

        impl Closed for $name {
            const SPELLINGS: &'static [&'static str] = &[$($spelling),+];

            fn parse(text: &str) -> Option<Self> {
                match text {
                    $($spelling => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        /// Serialised as it is spelled in files (templates and open data
        /// compare and show the spelling).
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.spelling())
            }
        }
    };
}

closed_list! {
    /// What kind of UNGIS activity.
    UngisKind {
        SideEvent => ("side-event", "Side event"),
        JointStatement => ("joint-statement", "Joint statement"),
        Dialogue => ("dialogue", "Dialogue"),
        Repository => ("repository", "Repository"),
        Meeting => ("meeting", "Meeting"),
    }
}

closed_list! {
    /// How a forum was held.
    Format {
        InPerson => ("in-person", "In person"),
        Virtual => ("virtual", "Virtual"),
        Hybrid => ("hybrid", "Hybrid"),
    }
}

closed_list! {
    /// What a forum's sources are: a report written after it, or an
    /// announcement or programme written before it (whose figures are
    /// planned, not results).
    SourceStatus {
        Outcome => ("outcome", "Outcome"),
        Announcement => ("announcement", "Announcement"),
        Programme => ("programme", "Programme"),
    }
}

closed_list! {
    /// How a diagnostic code is treated, site-wide (`site.yaml`'s `lints`).
    LintLevel {
        Allow => ("allow", "Allow"),
        Warn => ("warn", "Warn"),
        Deny => ("deny", "Deny"),
    }
}

closed_list! {
    /// What the parts of a distribution count.
    Unit {
        Percent => ("percent", "Share"),
        Count => ("count", "Number"),
    }
}

closed_list! {
    /// Who a person speaks for.
    Stakeholder {
        Government => ("government", "Government"),
        PrivateSector => ("private-sector", "Private sector"),
        CivilSociety => ("civil-society", "Civil society"),
        Academia => ("academia", "Academia"),
        TechnicalCommunity => ("technical-community", "Technical community"),
        InternationalOrganization => ("international-organization", "International organization"),
    }
}

closed_list! {
    /// What a publication is.
    PublicationKind {
        OutcomeDocument => ("outcome-document", "Outcome document"),
        HltOutcomes => ("hlt-outcomes", "High-Level Track outcomes"),
        ActionLinesReport => ("action-lines-report", "Action Lines report"),
        StocktakingReport => ("stocktaking-report", "Stocktaking report"),
        SuccessStories => ("success-stories", "Success stories"),
        RegionalReport => ("regional-report", "Regional report"),
        SdgMatrix => ("sdg-matrix", "WSIS–SDG matrix"),
        Other => ("other", "Other"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_parses_to_its_value_and_back() {
        for &s in UngisKind::SPELLINGS {
            assert_eq!(UngisKind::parse(s).map(UngisKind::spelling), Some(s));
        }
        assert_eq!(Format::parse("virtual").map(Format::label), Some("Virtual"));
        assert_eq!(serde_json::to_string(&Unit::Percent).ok().as_deref(), Some("\"percent\""));
        assert!(Stakeholder::parse("goverment").is_none());
    }
}
