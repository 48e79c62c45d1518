//! The CSV form of graduate records (the columns are documented in the README, with an example
//! file in `examples/graduates.csv`): every row parsed into a [`GraduateRecord`], every bad
//! cell reported with its line and column, nothing written here.

use std::collections::HashMap;

use chrono::NaiveDate;
use entity::enums::{Background, GraduationTerm};

use super::relations::{Held, MAX_LIST};
use super::write::{GraduateRecord, Seeking};
use crate::domain::text::{REFUSED, refused_control};
use crate::domain::{Email, Label, Phone, Slug, StateCode, WebUrl, bounded, plausible_date};
use crate::error::{ApiError, ApiResult};

/// Most rows in one import.
pub const MAX_ROWS: usize = 50_000;

/// The columns, in the order of the example file; the first ten are required.
pub const COLUMNS: [&str; 22] = [
    "email",
    "given_name",
    "family_name",
    "program",
    "graduation_year",
    "graduation_term",
    "background",
    "city",
    "state",
    "region",
    "phone",
    "prior_industry",
    "years_experience",
    "open_to_rural",
    "open_to_relocation",
    "seeking",
    "available_from",
    "headline",
    "portfolio_links",
    "skills",
    "ehr_systems",
    "certifications",
];

const REQUIRED: usize = 10;

/// A bad row (or header): where, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// Line in the file, counting from 1 (the header is line 1).
    pub line: u64,
    /// The column at fault, when it is one column.
    pub column: Option<String>,
    pub message: String,
}

/// One parsed row and the line it came from.
#[derive(Debug, Clone)]
pub struct Row {
    pub line: u64,
    pub record: GraduateRecord,
}

/// One row's cells, collecting an error per bad cell instead of stopping at the first.
struct Cells<'a> {
    line: u64,
    values: HashMap<&'static str, &'a str>,
    errors: Vec<RowError>,
}

impl<'a> Cells<'a> {
    fn get(&self, column: &'static str) -> &'a str {
        self.values.get(column).copied().unwrap_or("").trim()
    }

    /// Reports a bad cell (once per cell: the first reason is the one to fix).
    fn fail(&mut self, column: &str, message: String) {
        if self
            .errors
            .iter()
            .any(|e| e.column.as_deref() == Some(column))
        {
            return;
        }
        self.errors.push(RowError {
            line: self.line,
            column: Some(column.to_owned()),
            message,
        });
    }

    /// Reports (and drops) every cell holding a control character (`domain::text`).
    fn refuse_controls(&mut self) {
        let bad: Vec<&'static str> = self
            .values
            .iter()
            .filter(|(_, v)| refused_control(v).is_some())
            .map(|(c, _)| *c)
            .collect();
        for column in bad {
            self.values.remove(column);
            self.fail(column, REFUSED.into());
        }
    }

    /// A required cell parsed by `parse`.
    fn required<T>(
        &mut self,
        column: &'static str,
        parse: impl Fn(&str, &str) -> ApiResult<T>,
    ) -> Option<T> {
        if self.get(column).is_empty() {
            self.fail(column, "required".into());
            return None;
        }
        self.optional(column, parse)
    }

    /// An optional cell parsed by `parse` (empty: none).
    fn optional<T>(
        &mut self,
        column: &'static str,
        parse: impl Fn(&str, &str) -> ApiResult<T>,
    ) -> Option<T> {
        let value = self.get(column);
        if value.is_empty() {
            return None;
        }
        parse(column, value)
            .map_err(|e| self.fail(column, e.message()))
            .ok()
    }

    /// A `;`-separated list, each item parsed by `parse`.
    fn list<T>(
        &mut self,
        column: &'static str,
        parse: impl Fn(&str, &str) -> ApiResult<T>,
    ) -> Vec<T> {
        let items: Vec<&str> = self
            .get(column)
            .split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        if items.len() > MAX_LIST {
            self.fail(column, format!("at most {MAX_LIST} entries"));
            return Vec::new();
        }
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            match parse(column, item) {
                Ok(v) => out.push(v),
                Err(e) => {
                    self.fail(column, e.message());
                    break;
                }
            }
        }
        out
    }

    /// A yes/no cell (empty: no).
    fn flag(&mut self, column: &'static str) -> bool {
        match self.get(column).to_ascii_lowercase().as_str() {
            "" | "no" | "n" | "false" | "0" => false,
            "yes" | "y" | "true" | "1" => true,
            _ => {
                self.fail(column, "yes or no".into());
                false
            }
        }
    }
}

fn term(field: &str, value: &str) -> ApiResult<GraduationTerm> {
    match value.to_ascii_lowercase().as_str() {
        "spring" => Ok(GraduationTerm::Spring),
        "summer" => Ok(GraduationTerm::Summer),
        "fall" => Ok(GraduationTerm::Fall),
        _ => Err(ApiError::invalid(field, "spring, summer or fall")),
    }
}

fn background(field: &str, value: &str) -> ApiResult<Background> {
    match value.to_ascii_lowercase().as_str() {
        "clinical" => Ok(Background::Clinical),
        "it" => Ok(Background::It),
        "clinical_and_it" => Ok(Background::ClinicalAndIt),
        "career_changer" => Ok(Background::CareerChanger),
        "new_graduate" => Ok(Background::NewGraduate),
        _ => Err(ApiError::invalid(
            field,
            "clinical, it, clinical_and_it, career_changer or new_graduate",
        )),
    }
}

fn number(field: &str, value: &str, min: i32, max: i32) -> ApiResult<i32> {
    let n = value
        .parse::<i32>()
        .map_err(|_| ApiError::invalid(field, "a whole number"))?;
    bounded(field, n, min, max)
}

fn date(field: &str, value: &str) -> ApiResult<NaiveDate> {
    let d = value
        .parse::<NaiveDate>()
        .map_err(|_| ApiError::invalid(field, "a date written YYYY-MM-DD"))?;
    plausible_date(field, d)
}

/// `CODE` or `CODE:YEAR`.
fn held(field: &str, value: &str) -> ApiResult<Held> {
    match value.split_once(':') {
        Some((code, year)) => {
            Held::parse(field, code, Some(number(field, year.trim(), 1970, 2100)?))
        }
        None => Held::parse(field, value, None),
    }
}

fn seeking(field: &str, value: &str) -> ApiResult<&'static str> {
    match value.to_ascii_lowercase().as_str() {
        "internship" => Ok("internship"),
        "full_time" => Ok("full_time"),
        "part_time" => Ok("part_time"),
        _ => Err(ApiError::invalid(
            field,
            "internship, full_time or part_time",
        )),
    }
}

/// Every cell of a row is read (so each bad one is reported), then the record is put together.
fn row(cells: &mut Cells<'_>) -> Option<GraduateRecord> {
    let email = cells.required("email", Email::parse);
    let given_name = cells.required("given_name", Label::parse);
    let family_name = cells.required("family_name", Label::parse);
    let program = cells.required("program", Slug::parse);
    let graduation_year = cells.required("graduation_year", |f, v| number(f, v, 1990, 2100));
    let graduation_term = cells.required("graduation_term", term);
    let background = cells.required("background", background);
    let city = cells.required("city", Label::parse);
    let state = cells.required("state", StateCode::parse);
    let region = cells.required("region", Label::parse);
    let kinds = cells.list("seeking", seeking);
    let record = GraduateRecord {
        phone: cells.optional("phone", Phone::parse),
        prior_industry: cells.optional("prior_industry", Label::parse),
        years_experience: cells
            .optional("years_experience", |f, v| number(f, v, 0, 60))
            .unwrap_or(0),
        open_to_rural: cells.flag("open_to_rural"),
        open_to_relocation: cells.flag("open_to_relocation"),
        seeking: Seeking {
            internship: kinds.contains(&"internship"),
            full_time: kinds.contains(&"full_time"),
            part_time: kinds.contains(&"part_time"),
        },
        available_from: cells.optional("available_from", date),
        headline: cells.optional("headline", Label::parse),
        portfolio_links: cells.list("portfolio_links", WebUrl::parse),
        skills: cells.list("skills", Label::parse),
        ehr_systems: cells.list("ehr_systems", Label::parse),
        certifications: cells.list("certifications", held),
        email: email?,
        given_name: given_name?,
        family_name: family_name?,
        program: program?,
        graduation_year: graduation_year?,
        graduation_term: graduation_term?,
        background: background?,
        city: city?,
        state: state?,
        region: region?,
    };
    Some(record)
}

/// Parses a whole file: every good row, and every error (the file is good when there is none).
pub fn parse(text: &str) -> (Vec<Row>, Vec<RowError>) {
    // Spreadsheets end lines with CRLF, after which the csv crate numbers each record one line
    // early: with LF endings every line number is the file's.
    let text: std::borrow::Cow<str> = if text.contains('\r') {
        text.replace("\r\n", "\n").into()
    } else {
        text.into()
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut errors = Vec::new();
    let header_error = |message: String| RowError {
        line: 1,
        column: None,
        message,
    };
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|c| c.to_ascii_lowercase()).collect(),
        Err(err) => {
            return (
                Vec::new(),
                vec![header_error(format!("unreadable header: {err}"))],
            );
        }
    };
    let mut index: Vec<Option<&'static str>> = Vec::with_capacity(headers.len());
    for name in &headers {
        match COLUMNS.iter().find(|c| **c == name.as_str()) {
            Some(c) if index.contains(&Some(*c)) => {
                errors.push(header_error(format!("column {name:?} appears twice")))
            }
            Some(c) => index.push(Some(*c)),
            None => {
                errors.push(header_error(format!("unknown column {name:?}")));
                index.push(None);
            }
        }
    }
    for required in &COLUMNS[..REQUIRED] {
        if !index.contains(&Some(*required)) {
            errors.push(header_error(format!("missing column {required:?}")));
        }
    }
    if !errors.is_empty() {
        return (Vec::new(), errors);
    }
    let mut rows = Vec::new();
    for (n, result) in reader.records().enumerate() {
        if n >= MAX_ROWS {
            errors.push(header_error(format!(
                "more than {MAX_ROWS} rows; split the file"
            )));
            break;
        }
        let record = match result {
            Ok(r) => r,
            Err(err) => {
                let line = err.position().map_or(0, |p| p.line());
                errors.push(RowError {
                    line,
                    column: None,
                    message: format!("unreadable row: {err}"),
                });
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        if record.len() > index.len() {
            errors.push(RowError {
                line,
                column: None,
                message: format!("{} cells, but the header has {}", record.len(), index.len()),
            });
            continue;
        }
        let values = index
            .iter()
            .zip(record.iter())
            .filter_map(|(c, v)| c.map(|c| (c, v)))
            .collect();
        let mut cells = Cells {
            line,
            values,
            errors: Vec::new(),
        };
        cells.refuse_controls();
        let parsed = row(&mut cells);
        match (parsed, cells.errors.is_empty()) {
            (Some(record), true) => rows.push(Row { line, record }),
            _ => errors.extend(cells.errors),
        }
    }
    (rows, errors)
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn a_cell_with_a_control_character_is_reported_once_with_its_line_and_column() {
        let text = "email,given_name,family_name,program,graduation_year,graduation_term,background,city,state,region\n\
                    a@b.example,Ana\u{0},Ruiz,health-it,2026,fall,it,Macon,GA,Central\n";
        let (rows, errors) = parse(text);
        assert!(rows.is_empty());
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(
            (errors[0].line, errors[0].column.as_deref()),
            (2, Some("given_name"))
        );
        assert!(errors[0].message.contains("control character"));
    }

    /// The header is line 1 whatever ends the lines (spreadsheets write CRLF).
    #[test]
    fn bad_rows_are_named_by_their_line_with_crlf_endings_too() {
        let header = "email,given_name,family_name,program,graduation_year,graduation_term,background,city,state,region";
        let good = "a@b.example,Ana,Ruiz,health-it,2026,fall,it,Macon,GA,Central";
        let bad = "c@d.example,Bo,Li,health-it,1800,fall,it,Macon,GA,Central";
        let other = "e@f.example,Cy,Ng,health-it,2025,spring,it,Macon,GA,Central";
        for end in ["\n", "\r\n"] {
            let text = [header, good, bad, other, bad].join(end) + end;
            let (_, errors) = parse(&text);
            let lines: Vec<u64> = errors.iter().map(|e| e.line).collect();
            assert_eq!(lines, [3, 5], "{end:?}: {errors:?}");
        }
    }
}
