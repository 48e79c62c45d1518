//! Small-cell suppression for reports shown outside the consortium admins: a count of fewer
//! than [`THRESHOLD`] graduates is never shown, and no hidden count can be worked out from the
//! ones shown (by subtracting a row's parts from its whole, or the other rows from the total).
//!
//! The columns of a row are [`Column`]s; `graduates = seeking + placed` in every row (archived
//! records are not counted), and every column adds up to the total over the rows.

/// Counts below this are suppressed.
pub const THRESHOLD: i64 = 10;

/// The count columns of a report row, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Graduates = 0,
    Seeking = 1,
    Placed = 2,
    /// Internships completed.
    Completed = 3,
    /// Completed internships followed by a placement with the same employer.
    Converted = 4,
}

/// How many columns a row has.
pub const COLUMNS: usize = 5;

/// Counts of one row, by [`Column`].
pub type Counts = [i64; COLUMNS];

/// Which counts are hidden, by [`Column`].
pub type Hidden = [bool; COLUMNS];

/// Hides within one row: everything when the row's group is small; the parts of a hidden whole
/// (seeking and placed make up the graduates) and the parts together; the conversions with the
/// internships they come from.
fn within(counts: &Counts, hidden: &mut Hidden) {
    for (h, c) in hidden.iter_mut().zip(counts) {
        *h |= *c < THRESHOLD;
    }
    if counts[Column::Graduates as usize] < THRESHOLD {
        *hidden = [true; COLUMNS];
    }
    let (seeking, placed) = (Column::Seeking as usize, Column::Placed as usize);
    if hidden[Column::Graduates as usize] || hidden[seeking] != hidden[placed] {
        hidden[seeking] = true;
        hidden[placed] = true;
    }
    if hidden[Column::Completed as usize] {
        hidden[Column::Converted as usize] = true;
    }
}

/// Which counts of `rows` and of their `total` to hide. Rows first hide their own small
/// counts; then, column by column, a count hidden in exactly one row would follow from the
/// total and the other rows, so the smallest shown count of that column is hidden as well; and
/// a total made of one row hides what that row hides. Repeated until nothing changes.
pub fn suppress(rows: &[Counts], total: &Counts) -> (Vec<Hidden>, Hidden) {
    let mut hidden = vec![[false; COLUMNS]; rows.len()];
    let mut total_hidden = [false; COLUMNS];
    loop {
        let before = (hidden.clone(), total_hidden);
        for (counts, h) in rows.iter().zip(hidden.iter_mut()) {
            within(counts, h);
        }
        within(total, &mut total_hidden);
        for column in 0..COLUMNS {
            let hidden_rows = hidden.iter().filter(|h| h[column]).count();
            if hidden_rows == 1 && rows.len() > 1 {
                let smallest = rows
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| !hidden[*i][column])
                    .min_by_key(|(_, counts)| counts[column])
                    .map(|(i, _)| i);
                if let Some(i) = smallest {
                    hidden[i][column] = true;
                }
            }
            if rows.len() == 1 && hidden[0][column] {
                total_hidden[column] = true;
            }
        }
        if (hidden.clone(), total_hidden) == before {
            return (hidden, total_hidden);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(graduates: i64, seeking: i64, completed: i64, converted: i64) -> Counts {
        [
            graduates,
            seeking,
            graduates - seeking,
            completed,
            converted,
        ]
    }

    fn sum(rows: &[Counts]) -> Counts {
        let mut total = [0; COLUMNS];
        for r in rows {
            for (t, c) in total.iter_mut().zip(r) {
                *t += c;
            }
        }
        total
    }

    /// No hidden count can be worked out: in every column, zero or at least two rows hide it
    /// (or the total hides it too), and within a row seeking and placed hide together.
    fn underivable(rows: &[Counts], hidden: &[Hidden], total_hidden: &Hidden) {
        for column in 0..COLUMNS {
            let n = hidden.iter().filter(|h| h[column]).count();
            assert!(
                n != 1 || total_hidden[column],
                "column {column}: {hidden:?}"
            );
        }
        for (r, h) in rows.iter().zip(hidden) {
            for column in 0..COLUMNS {
                assert!(h[column] || r[column] >= THRESHOLD, "{r:?} {h:?}");
            }
            assert_eq!(h[1], h[2], "seeking and placed hide together");
        }
    }

    #[test]
    fn small_counts_hide_and_cannot_be_derived_from_the_rest() {
        let cases = [
            vec![row(40, 25, 12, 10), row(30, 20, 11, 10), row(7, 4, 0, 0)],
            vec![row(40, 35, 12, 3), row(30, 10, 15, 11)],
            vec![row(12, 6, 0, 0)],
            vec![
                row(50, 30, 20, 15),
                row(60, 30, 25, 20),
                row(45, 20, 22, 12),
            ],
        ];
        for rows in cases {
            let total = sum(&rows);
            let (hidden, total_hidden) = suppress(&rows, &total);
            underivable(&rows, &hidden, &total_hidden);
        }
    }

    #[test]
    fn a_small_group_hides_whole_and_a_large_one_shows_everything() {
        let rows = [row(9, 5, 0, 0), row(120, 60, 30, 20), row(80, 50, 20, 12)];
        let (hidden, total_hidden) = suppress(&rows, &sum(&rows));
        assert_eq!(hidden[0], [true; COLUMNS]);
        assert!(hidden[1][0] ^ hidden[2][0], "one more group hides its size");
        assert_eq!(total_hidden, [false; COLUMNS]);
        let big = [row(120, 60, 30, 20), row(80, 50, 20, 12)];
        let (hidden, _) = suppress(&big, &sum(&big));
        assert_eq!(hidden, vec![[false; COLUMNS]; 2]);
    }
}
