//! Driving load with wrk (a separate process): one POST body, a fixed number of connections and
//! seconds, and the figures it prints.

use std::process::Command;
use std::time::Duration;

/// What one wrk run measured.
#[derive(Debug, Clone, Default)]
pub struct Run {
    pub requests: u64,
    pub rps: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    /// Non-2xx answers plus socket errors.
    pub errors: u64,
}

/// Load settings.
#[derive(Debug, Clone, Copy)]
pub struct Load {
    pub connections: usize,
    pub threads: usize,
    pub duration: Duration,
}

/// POSTs `body` (JSON) to `url` under `load`.
pub fn post(url: &str, body: &str, load: Load) -> Result<Run, String> {
    let script = std::env::temp_dir().join(format!("hitbridge-bench-{}.lua", std::process::id()));
    let lua = format!(
        "wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\nwrk.body = [==[{body}]==]\n"
    );
    std::fs::write(&script, lua).map_err(|e| format!("writing the wrk script: {e}"))?;
    let output = Command::new("wrk")
        .arg(format!("-c{}", load.connections))
        .arg(format!("-t{}", load.threads))
        .arg(format!("-d{}s", load.duration.as_secs()))
        .arg("--latency")
        .arg("-s")
        .arg(&script)
        .arg(url)
        .output()
        .map_err(|e| format!("cannot run wrk (apt-get install wrk): {e}"))?;
    let text = String::from_utf8_lossy(&output.stdout).to_string();
    if !output.status.success() {
        return Err(format!("wrk failed: {text}"));
    }
    parse(&text).ok_or_else(|| format!("unreadable wrk output:\n{text}"))
}

fn millis(value: &str) -> Option<f64> {
    let (number, unit) = value.split_at(value.find(|c: char| c.is_ascii_alphabetic())?);
    let number: f64 = number.parse().ok()?;
    Some(match unit {
        "us" => number / 1000.0,
        "ms" => number,
        "s" => number * 1000.0,
        "m" => number * 60_000.0,
        _ => return None,
    })
}

fn parse(text: &str) -> Option<Run> {
    let mut run = Run::default();
    for line in text.lines().map(str::trim) {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            ["Requests/sec:", rps] => run.rps = rps.parse().ok()?,
            ["50%", v] => run.p50_ms = millis(v)?,
            ["99%", v] => run.p99_ms = millis(v)?,
            [n, "requests", "in", ..] => run.requests = n.parse().ok()?,
            ["Non-2xx", "or", "3xx", "responses:", n] => run.errors += n.parse::<u64>().ok()?,
            ["Socket", "errors:", rest @ ..] => {
                run.errors += rest
                    .iter()
                    .filter_map(|w| w.trim_end_matches(',').parse::<u64>().ok())
                    .sum::<u64>()
            }
            _ => {}
        }
    }
    (run.rps > 0.0).then_some(run)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_wrk_output() {
        let text = "Running 5s test @ http://127.0.0.1:1/graphql
  2 threads and 64 connections
  Latency Distribution
     50%    1.52ms
     75%    2.01ms
     90%    3.10ms
     99%   12.40ms
  41234 requests in 5.00s, 120.00MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
Requests/sec:   8246.80
Transfer/sec:     24.00MB";
        let run = parse(text).expect("parsed");
        assert_eq!(run.requests, 41234);
        assert!((run.rps - 8246.8).abs() < 0.01);
        assert!((run.p50_ms - 1.52).abs() < 0.001);
        assert!((run.p99_ms - 12.4).abs() < 0.001);
        assert_eq!(run.errors, 3);
    }
}
