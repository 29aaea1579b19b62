//! Serde for the engine's [`Model`] by its GraphQL name (`"LAST_NON_DIRECT"`), so report
//! arguments and results that carry models can be cached as JSON.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::services::attribution::Model;

pub fn serialize<S: Serializer>(model: &Model, s: S) -> Result<S::Ok, S::Error> {
    model.name().serialize(s)
}

pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Model, D::Error> {
    let name = String::deserialize(d)?;
    parse(&name).ok_or_else(|| serde::de::Error::custom(format!("unknown model {name:?}")))
}

/// The model of a GraphQL name.
pub fn parse(name: &str) -> Option<Model> {
    Model::ALL.into_iter().find(|m| m.name() == name)
}

/// The same for a list of models.
pub mod list {
    use super::*;

    pub fn serialize<S: Serializer>(models: &[Model], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(models.iter().map(|m| m.name()))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Model>, D::Error> {
        Vec::<String>::deserialize(d)?
            .iter()
            .map(|name| {
                parse(name)
                    .ok_or_else(|| serde::de::Error::custom(format!("unknown model {name:?}")))
            })
            .collect()
    }
}
