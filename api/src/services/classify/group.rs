//! The channel groups a touch can be classified into: GA4's default groups plus AI_ASSISTANT and EVENTS.

/// A channel group. Declared in GA4's evaluation order, with the two Leadsource groups before UNASSIGNED.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ChannelGroup {
    Direct,
    CrossNetwork,
    PaidShopping,
    PaidSearch,
    PaidSocial,
    PaidVideo,
    Display,
    PaidOther,
    OrganicShopping,
    OrganicSocial,
    OrganicVideo,
    OrganicSearch,
    Referral,
    Email,
    Affiliates,
    Audio,
    Sms,
    MobilePush,
    AiAssistant,
    Events,
    Unassigned,
}

impl ChannelGroup {
    /// Every group, in declaration order (the order `Ord` uses).
    pub const ALL: [ChannelGroup; 21] = [
        Self::Direct,
        Self::CrossNetwork,
        Self::PaidShopping,
        Self::PaidSearch,
        Self::PaidSocial,
        Self::PaidVideo,
        Self::Display,
        Self::PaidOther,
        Self::OrganicShopping,
        Self::OrganicSocial,
        Self::OrganicVideo,
        Self::OrganicSearch,
        Self::Referral,
        Self::Email,
        Self::Affiliates,
        Self::Audio,
        Self::Sms,
        Self::MobilePush,
        Self::AiAssistant,
        Self::Events,
        Self::Unassigned,
    ];

    /// The stable machine name, as used by the GraphQL enum and the database (`"PAID_SEARCH"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Direct => "DIRECT",
            Self::CrossNetwork => "CROSS_NETWORK",
            Self::PaidShopping => "PAID_SHOPPING",
            Self::PaidSearch => "PAID_SEARCH",
            Self::PaidSocial => "PAID_SOCIAL",
            Self::PaidVideo => "PAID_VIDEO",
            Self::Display => "DISPLAY",
            Self::PaidOther => "PAID_OTHER",
            Self::OrganicShopping => "ORGANIC_SHOPPING",
            Self::OrganicSocial => "ORGANIC_SOCIAL",
            Self::OrganicVideo => "ORGANIC_VIDEO",
            Self::OrganicSearch => "ORGANIC_SEARCH",
            Self::Referral => "REFERRAL",
            Self::Email => "EMAIL",
            Self::Affiliates => "AFFILIATES",
            Self::Audio => "AUDIO",
            Self::Sms => "SMS",
            Self::MobilePush => "MOBILE_PUSH",
            Self::AiAssistant => "AI_ASSISTANT",
            Self::Events => "EVENTS",
            Self::Unassigned => "UNASSIGNED",
        }
    }

    /// Inverse of [`as_str`](Self::as_str), case-insensitive and trimmed.
    /// The display name is accepted too (`"Paid Search"`), since CSV imports carry either.
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        Self::ALL.into_iter().find(|g| {
            g.as_str().eq_ignore_ascii_case(s) || g.display_name().eq_ignore_ascii_case(s)
        })
    }

    /// The human name shown in dashboards; GA4's wording where GA4 has the group.
    pub fn display_name(self) -> &'static str {
        match self {
            Self::Direct => "Direct",
            Self::CrossNetwork => "Cross-network",
            Self::PaidShopping => "Paid Shopping",
            Self::PaidSearch => "Paid Search",
            Self::PaidSocial => "Paid Social",
            Self::PaidVideo => "Paid Video",
            Self::Display => "Display",
            Self::PaidOther => "Paid Other",
            Self::OrganicShopping => "Organic Shopping",
            Self::OrganicSocial => "Organic Social",
            Self::OrganicVideo => "Organic Video",
            Self::OrganicSearch => "Organic Search",
            Self::Referral => "Referral",
            Self::Email => "Email",
            Self::Affiliates => "Affiliates",
            Self::Audio => "Audio",
            Self::Sms => "SMS",
            Self::MobilePush => "Mobile Push Notifications",
            Self::AiAssistant => "AI Assistant",
            Self::Events => "Events",
            Self::Unassigned => "Unassigned",
        }
    }

    /// Whether the group is bought media, i.e. carries ad spend.
    ///
    /// Audio counts as paid because GA4 defines it as traffic from ads on audio platforms.
    /// Affiliates (commission on results) and Events (a budget, but not media) are not.
    pub fn is_paid(self) -> bool {
        matches!(
            self,
            Self::CrossNetwork
                | Self::PaidShopping
                | Self::PaidSearch
                | Self::PaidSocial
                | Self::PaidVideo
                | Self::Display
                | Self::PaidOther
                | Self::Audio
        )
    }
}

impl std::fmt::Display for ChannelGroup {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
