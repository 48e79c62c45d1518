//! The CSV import of a 10,000-row cohort, timed through `hitbridge import graduates` (its own
//! process, as an operator runs it) on each database: first as new records, then the same file
//! again (every row unchanged, nothing written). Then the school grows to about 50,000 graduates
//! and a one-row file is timed there, beside the same one-row import timed into the demo-sized
//! school first: its cost should follow the file, not the school.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// Rows in the timed file.
pub const ROWS: usize = 10_000;
/// The demo school the cohort joins, and two of its programs.
const SCHOOL: &str = "chattahoochee-valley-community-college";
const PROGRAMS: [&str; 2] = [
    "chattahoochee-aas-health-information-technology",
    "chattahoochee-medical-coding-certificate",
];

/// Graduates the school holds when the one-row file is timed in it.
pub const LARGE_SCHOOL: usize = 50_000;

/// Seconds for the first import and for the second (unchanged) one, and for a one-row import
/// into the demo-sized school and into one of about [`LARGE_SCHOOL`] graduates.
#[derive(Debug, Clone, Copy)]
pub struct ImportTimes {
    pub first_s: f64,
    pub again_s: f64,
    pub one_row_small_s: f64,
    pub one_row_large_s: f64,
}

/// Writes the cohort file: every column filled, lists included, e-mails unique.
pub fn cohort_file() -> Result<PathBuf, String> {
    rows_file("cohort", ROWS)
}

/// A file of `rows` new graduates whose e-mails start with `prefix`.
fn rows_file(prefix: &str, rows: usize) -> Result<PathBuf, String> {
    let mut csv = String::from(
        "email,given_name,family_name,program,graduation_year,graduation_term,background,city,state,\
         region,phone,prior_industry,years_experience,open_to_rural,open_to_relocation,seeking,\
         available_from,headline,portfolio_links,skills,ehr_systems,certifications\n",
    );
    let backgrounds = [
        "clinical",
        "it",
        "career_changer",
        "new_graduate",
        "clinical_and_it",
    ];
    let terms = ["spring", "summer", "fall"];
    for n in 0..rows {
        let _ = writeln!(
            csv,
            "{prefix}{n:05}@mail.example,Given{n},Family{n},{},{},{},{},Columbus,GA,West Georgia,\
             (706) 555-{:04},Retail,{},{},no,full_time;internship,2027-01-04,\"Graduate {n}, ready to start\",\
             https://code.example/cohort{n},medical-coding;hipaa;excel,epic;meditech,RHIT:2026;CCA",
            PROGRAMS[n % 2],
            2024 + (n % 3),
            terms[n % 3],
            backgrounds[n % 5],
            n % 10_000,
            n % 12,
            if n % 2 == 0 { "yes" } else { "no" },
        );
    }
    let path = std::env::temp_dir().join(format!(
        "hitbridge-bench-{prefix}-{}.csv",
        std::process::id()
    ));
    std::fs::write(&path, csv).map_err(|e| e.to_string())?;
    Ok(path)
}

/// Runs the import once, checking what it reports; returns the seconds it took.
fn import_once(binary: &Path, url: &str, file: &Path, expect: &str) -> Result<f64, String> {
    let started = Instant::now();
    let output = Command::new(binary)
        .args(["import", "graduates"])
        .arg(file)
        .args(["--institution", SCHOOL])
        .env_clear()
        .env("DATABASE_URL", url)
        .env("RUST_LOG", "warn")
        .output()
        .map_err(|e| format!("hitbridge import: {e}"))?;
    let seconds = started.elapsed().as_secs_f64();
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() || !stdout.contains(expect) {
        return Err(format!(
            "hitbridge import: expected {expect:?}, got {stdout} {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(seconds)
}

/// Times a one-row file, the new cohort and its re-import on a seeded database, then grows the
/// school to about [`LARGE_SCHOOL`] graduates and times a one-row file again.
pub fn time(binary: &Path, url: &str, file: &Path) -> Result<ImportTimes, String> {
    let one_row = |prefix: &str| -> Result<f64, String> {
        let single = rows_file(prefix, 1)?;
        let seconds = import_once(binary, url, &single, "1 created, 0 updated");
        let _ = std::fs::remove_file(&single);
        seconds
    };
    let one_row_small_s = one_row("single-small")?;
    let first_s = import_once(binary, url, file, &format!("{ROWS} created, 0 updated"))?;
    let again_s = import_once(
        binary,
        url,
        file,
        &format!("0 created, 0 updated, {ROWS} unchanged"),
    )?;
    let growth = LARGE_SCHOOL - ROWS;
    let grow = rows_file("grow", growth)?;
    import_once(binary, url, &grow, &format!("{growth} created, 0 updated"))?;
    let _ = std::fs::remove_file(&grow);
    let one_row_large_s = one_row("single-large")?;
    Ok(ImportTimes {
        first_s,
        again_s,
        one_row_small_s,
        one_row_large_s,
    })
}
