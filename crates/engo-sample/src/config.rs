//! What to generate: the scale, the seed and the share of faults.

use std::num::TryFromIntError;

/// Why a configuration is refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// The scale is not in `0.0001..=10`.
    #[error("scale must be between 0.0001 and 10, found {0}")]
    Scale(f64),
    /// The share of faults is not in `0..=1`.
    #[error("faults must be a share between 0 and 1, found {0}")]
    Faults(f64),
}

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Config {
    /// Scale in millionths of the national volume (1 000 000 = scale 1).
    scale_ppm: u64,
    /// Seed of the random stream.
    pub(crate) seed: u64,
    /// Share of records given a fault, in millionths.
    pub(crate) faults_ppm: u32,
}

impl Config {
    /// A configuration: `scale` 1 is the national volume, `faults` the share of records that
    /// break a rule on purpose.
    ///
    /// ```
    /// use engo_sample::{Config, ConfigError};
    ///
    /// assert!(Config::new(0.05, 2026, 0.02).is_ok());
    /// assert_eq!(Config::new(11.0, 1, 0.0), Err(ConfigError::Scale(11.0)));
    /// ```
    pub fn new(scale: f64, seed: u64, faults: f64) -> Result<Config, ConfigError> {
        if !(0.0001..=10.0).contains(&scale) {
            return Err(ConfigError::Scale(scale));
        }
        if !(0.0..=1.0).contains(&faults) {
            return Err(ConfigError::Faults(faults));
        }
        // Rounded once to integers: every later step is exact integer arithmetic.
        let scale_ppm = (scale * 1e6).round() as u64;
        let faults_ppm = (faults * 1e6).round() as u32;
        Ok(Config {
            scale_ppm,
            seed,
            faults_ppm,
        })
    }

    /// `base` records at this scale, at least one.
    pub(crate) fn count(&self, base: u64) -> Result<usize, TryFromIntError> {
        usize::try_from((base * self.scale_ppm / 1_000_000).max(1))
    }
}
