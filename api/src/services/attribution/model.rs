//! The attribution models of DESIGN §4.

/// An attribution model: how a conversion's credit is split among its journey's touches.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Model {
    /// All credit to the first touch of the journey.
    FirstTouch,
    /// All credit to the last touch of the journey.
    LastTouch,
    /// All credit to the last touch that is not the direct channel (the last touch if all are).
    LastNonDirect,
    /// Equal credit to every touch.
    Linear,
    /// Weight 2^(−Δt / half-life) per touch, normalised per journey.
    TimeDecay,
    /// U-shaped: first and last weights, the rest shared by the middle touches.
    PositionBased,
    /// Data-driven: first-order Markov chain removal effects.
    Markov,
    /// Data-driven: Shapley values of channel coalitions.
    Shapley,
}

impl Model {
    /// Every model, rule-based first, in the order of DESIGN §4.
    pub const ALL: [Model; 8] = [
        Model::FirstTouch,
        Model::LastTouch,
        Model::LastNonDirect,
        Model::Linear,
        Model::TimeDecay,
        Model::PositionBased,
        Model::Markov,
        Model::Shapley,
    ];

    /// True for the models that split each journey by a fixed rule (and so can credit
    /// campaigns); false for the data-driven MARKOV and SHAPLEY, which credit channels only.
    pub fn is_rule_based(self) -> bool {
        !matches!(self, Model::Markov | Model::Shapley)
    }

    /// The GraphQL enum name, e.g. `"LAST_NON_DIRECT"` (stable: usable in cache keys).
    pub fn name(self) -> &'static str {
        match self {
            Model::FirstTouch => "FIRST_TOUCH",
            Model::LastTouch => "LAST_TOUCH",
            Model::LastNonDirect => "LAST_NON_DIRECT",
            Model::Linear => "LINEAR",
            Model::TimeDecay => "TIME_DECAY",
            Model::PositionBased => "POSITION_BASED",
            Model::Markov => "MARKOV",
            Model::Shapley => "SHAPLEY",
        }
    }
}
