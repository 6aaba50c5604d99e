//! Latency statistics for the load generators (`bench_checkout`, `bench_checkin`).
//! Included with `#[path = "bench_support/stats.rs"] mod stats;`.

use std::time::Duration;

/// Nearest-rank percentile of sorted values, in ms.
pub fn percentile_ms(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    let i = rank.clamp(1, sorted.len()) - 1;
    sorted[i].as_secs_f64() * 1000.0
}

pub fn round(x: f64, digits: i32) -> f64 {
    let f = 10f64.powi(digits);
    (x * f).round() / f
}
