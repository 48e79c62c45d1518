//! Small-cell suppression for reports shown outside the consortium admins: no count of fewer
//! than [`THRESHOLD`] graduates is shown, nor can one be worked out from counts shown, in one
//! report or across reports (other date ranges, groupings or institutions).
//!
//! Every figure is a sum over *fine cells*: the graduates of one institution, program, cohort,
//! employer kind and background. A count is shown only if it is at least the threshold and each
//! fine cell it sums is zero or at least the threshold too (counted in graduates): then any
//! difference of counts shown, whatever reports they come from, is again a sum of such cells,
//! so it is zero or at least the threshold. Parts of one whole hide together: seeking and placed
//! (they make up the graduates), and the completed internships with the conversions among them.

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

/// One fine cell: its counts, and how many graduates stand behind the internship columns (a
/// graduate may have completed several internships).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Fine {
    pub counts: Counts,
    /// Graduates who completed at least one internship.
    pub completers: i64,
    /// Graduates of whom a completed internship led to a placement with its employer.
    pub converters: i64,
}

/// Whether a count of graduates may appear as part of a figure: none, or enough.
fn safe(n: i64) -> bool {
    n == 0 || n >= THRESHOLD
}

/// The sum of some fine cells.
pub fn total(parts: &[Fine]) -> Counts {
    let mut sum = [0; COLUMNS];
    for part in parts {
        for (s, c) in sum.iter_mut().zip(part.counts) {
            *s += c;
        }
    }
    sum
}

/// Which counts of the figure summing `parts` are hidden (all of them when its graduates are).
pub fn hidden(parts: &[Fine]) -> Hidden {
    use Column::*;
    let sum = total(parts);
    let all = |ok: &dyn Fn(&Fine) -> bool| parts.iter().all(ok);
    let graduates =
        sum[Graduates as usize] < THRESHOLD || !all(&|f| safe(f.counts[Graduates as usize]));
    let split = graduates
        || sum[Seeking as usize] < THRESHOLD
        || sum[Placed as usize] < THRESHOLD
        || !all(&|f| safe(f.counts[Seeking as usize]) && safe(f.counts[Placed as usize]));
    let completers: i64 = parts.iter().map(|f| f.completers).sum();
    let internships = graduates
        || completers < THRESHOLD
        || sum[Completed as usize] < THRESHOLD
        || !all(&|f| safe(f.completers) && safe(f.converters) && safe(f.completers - f.converters));
    [graduates, split, split, internships, internships]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fine(graduates: i64, placed: i64, completers: i64, converters: i64) -> Fine {
        Fine {
            counts: [
                graduates,
                graduates - placed,
                placed,
                completers,
                converters,
            ],
            completers,
            converters,
        }
    }

    #[test]
    fn a_figure_of_large_cells_shows_and_one_small_cell_hides_it() {
        let big = [fine(40, 20, 20, 10), fine(30, 10, 0, 0)];
        assert_eq!(hidden(&big), [false; COLUMNS]);
        let with_small = [fine(40, 20, 20, 10), fine(3, 1, 0, 0)];
        assert_eq!(
            hidden(&with_small),
            [true; COLUMNS],
            "the small group hides the whole"
        );
        assert_eq!(
            hidden(&[fine(0, 0, 0, 0)]),
            [true; COLUMNS],
            "fewer than ten: zero too"
        );
    }

    #[test]
    fn parts_of_a_whole_hide_together() {
        // 25 graduates, 22 placed: 3 seeking would follow from the other two.
        let h = hidden(&[fine(25, 22, 0, 0)]);
        assert!(!h[Column::Graduates as usize]);
        assert!(h[Column::Seeking as usize] && h[Column::Placed as usize]);
        // 20 completers, 10 converted, 10 not: all shown; 12 and 10 would show 2 not converted.
        let h = hidden(&[fine(40, 20, 20, 10)]);
        assert!(!h[Column::Completed as usize] && !h[Column::Converted as usize]);
        let h = hidden(&[fine(40, 20, 12, 10)]);
        assert!(h[Column::Completed as usize] && h[Column::Converted as usize]);
    }

    /// Whatever figures are shown, the difference of any two that nest is zero or at least the
    /// threshold: a date range one cohort shorter, a narrower grouping.
    #[test]
    fn no_difference_of_shown_figures_is_a_small_count() {
        let cells = [
            fine(30, 12, 0, 0),
            fine(12, 12, 0, 0),
            fine(4, 2, 0, 0),
            fine(20, 10, 10, 10),
        ];
        let subsets: Vec<Vec<usize>> = (1u32..16)
            .map(|m| (0..4).filter(|i| m & (1 << i) != 0).collect())
            .collect();
        for a in &subsets {
            for b in &subsets {
                if !b.iter().all(|i| a.contains(i)) || a == b {
                    continue;
                }
                let pick = |s: &Vec<usize>| s.iter().map(|i| cells[*i]).collect::<Vec<_>>();
                let (outer, inner) = (pick(a), pick(b));
                let (ho, hi) = (hidden(&outer), hidden(&inner));
                for c in 0..COLUMNS {
                    if !ho[c] && !hi[c] {
                        let diff = total(&outer)[c] - total(&inner)[c];
                        assert!(safe(diff), "column {c}: {a:?} minus {b:?} shows {diff}");
                    }
                }
            }
        }
    }
}
