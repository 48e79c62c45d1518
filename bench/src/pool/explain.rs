//! Reading PostgreSQL's auto_explain entries back from Debian's server log.

use std::path::{Path, PathBuf};

/// The PostgreSQL server's log file (Debian's), if there is one to read plans from.
pub fn server_log() -> Option<PathBuf> {
    std::fs::read_dir("/var/log/postgresql")
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "log"))
        .max_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok())
}

/// auto_explain's entries after `offset`: (milliseconds, query text, plan).
pub fn explained(log: &Path, offset: u64) -> Vec<(f64, String, String)> {
    let text = std::fs::read(log).unwrap_or_default();
    let text = String::from_utf8_lossy(text.get(offset as usize..).unwrap_or_default());
    let mut out: Vec<(f64, String, String)> = Vec::new();
    for line in text.lines() {
        if let Some(rest) = line.split("LOG:  duration: ").nth(1)
            && let Some((ms, tail)) = rest.split_once(" ms")
            && tail.contains("plan:")
        {
            out.push((ms.parse().unwrap_or(f64::NAN), String::new(), String::new()));
        } else if let Some(entry) = out.last_mut()
            && line.starts_with('\t')
        {
            let line = line.trim_start_matches('\t');
            match line.strip_prefix("Query Text: ") {
                Some(q) => entry.1 = q.to_owned(),
                None if entry.1.is_empty() => {}
                None => {
                    entry.2.push_str(line);
                    entry.2.push('\n');
                }
            }
        }
    }
    out
}
