//! How a sample size is planned, as a value: attribute sampling or monetary-unit sampling.

use super::size::{Model, SizeError, attribute_size, mus_size};

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Planning {
    Attribute {
        confidence: f64,
        tolerable_rate: f64,
        expected: u64,
        model: Model,
    },
    Mus {
        confidence: f64,
        materiality_cents: i64,
        total_cents: i64,
    },
}

impl Planning {
    pub fn size(&self) -> Result<u64, SizeError> {
        match *self {
            Planning::Attribute {
                confidence,
                tolerable_rate,
                expected,
                model,
            } => attribute_size(confidence, tolerable_rate, expected, model),
            Planning::Mus {
                confidence,
                materiality_cents,
                total_cents,
            } => mus_size(total_cents, materiality_cents, confidence),
        }
    }

    /// The planning as stored with a sample (`planned_by`).
    pub fn describe(&self, year: Option<u16>) -> serde_json::Value {
        match *self {
            Planning::Attribute {
                confidence,
                tolerable_rate,
                expected,
                model,
            } => {
                let (name, population) = match model {
                    Model::Binomial => ("binomial", None),
                    Model::Poisson => ("poisson", None),
                    Model::Hypergeometric { population } => ("hypergeometric", Some(population)),
                };
                serde_json::json!({"attribute": {"confidence": confidence, "tolerable_rate": tolerable_rate,
                    "expected": expected, "model": name, "population": population}})
            }
            Planning::Mus {
                confidence,
                materiality_cents,
                total_cents,
            } => serde_json::json!({"mus": {"confidence": confidence, "materiality_cents": materiality_cents,
                "total_cents": total_cents, "year": year}}),
        }
    }
}
