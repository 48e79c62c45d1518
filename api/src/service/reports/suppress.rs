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
pub fn safe(n: i64) -> bool {
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

/// Which parts of one finest cell may stand in a shown figure: its graduates; its seeking and
/// placed; its internship columns (each needs the ones before).
fn shows(f: &Fine) -> [bool; 3] {
    use Column::*;
    let graduates = safe(f.counts[Graduates as usize]);
    let split = graduates && safe(f.counts[Seeking as usize]) && safe(f.counts[Placed as usize]);
    let internships =
        graduates && safe(f.completers) && safe(f.converters) && safe(f.completers - f.converters);
    [graduates, split, internships]
}

/// Which counts of the figure summing `parts` are hidden (all of them when its graduates are).
pub fn hidden(parts: &[Fine]) -> Hidden {
    use Column::*;
    let sum = total(parts);
    let all = |i: usize| parts.iter().all(|f| shows(f)[i]);
    let graduates = sum[Graduates as usize] < THRESHOLD || !all(0);
    let split = graduates
        || sum[Seeking as usize] < THRESHOLD
        || sum[Placed as usize] < THRESHOLD
        || !all(1);
    let completers: i64 = parts.iter().map(|f| f.completers).sum();
    let internships =
        graduates || completers < THRESHOLD || sum[Completed as usize] < THRESHOLD || !all(2);
    [graduates, split, split, internships, internships]
}

/// What of a pooled atom no figure of finest cells can ever include: per column, the sum over
/// its cells that may not stand in a shown figure for that column ([`shows`]). A pooled figure
/// minus any finer figure shown within it is its atoms' residuals plus cells that are each none
/// or enough, so it may show a column only where each atom's residual is none or enough too.
pub fn residual(cells: &[Fine]) -> Fine {
    use Column::*;
    let mut rest = Fine::default();
    for cell in cells {
        let [graduates, split, internships] = shows(cell);
        let mut add = |column: Column| rest.counts[column as usize] += cell.counts[column as usize];
        if !graduates {
            add(Graduates);
        }
        if !split {
            add(Seeking);
            add(Placed);
        }
        if !internships {
            add(Completed);
            add(Converted);
            rest.completers += cell.completers;
            rest.converters += cell.converters;
        }
    }
    rest
}

/// Whether an atom pooling these finest cells may show its graduates at all.
pub fn poolable(cells: &[Fine]) -> bool {
    let g = Column::Graduates as usize;
    safe(total(cells)[g]) && safe(residual(cells).counts[g])
}

/// Which counts of a pooled figure are hidden, given each atom's whole and residual: as
/// [`hidden`] over the wholes, and also where a residual is a small count.
pub fn hidden_pooled(atoms: &[(Fine, Fine)]) -> Hidden {
    use Column::*;
    let wholes: Vec<Fine> = atoms.iter().map(|(whole, _)| *whole).collect();
    let mut h = hidden(&wholes);
    let any_small = |ok: &dyn Fn(&Fine) -> bool| atoms.iter().any(|(_, rest)| !ok(rest));
    if any_small(&|r| safe(r.counts[Graduates as usize])) {
        return [true; COLUMNS];
    }
    if any_small(&|r| safe(r.counts[Seeking as usize]) && safe(r.counts[Placed as usize])) {
        h[Seeking as usize] = true;
        h[Placed as usize] = true;
    }
    if any_small(&|r| safe(r.completers) && safe(r.converters) && safe(r.completers - r.converters))
    {
        h[Completed as usize] = true;
        h[Converted as usize] = true;
    }
    h
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

    /// Every non-empty subset of `0..n`.
    fn subsets(n: usize) -> Vec<Vec<usize>> {
        (1u32..1 << n)
            .map(|m| (0..n).filter(|i| m & (1 << i) != 0).collect())
            .collect()
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
        let figures: Vec<(Vec<usize>, Hidden)> = subsets(4)
            .into_iter()
            .map(|set| {
                let parts: Vec<Fine> = set.iter().map(|i| cells[*i]).collect();
                (set, hidden(&parts))
            })
            .collect();
        assert_no_small_difference(&cells, &figures);
    }

    /// Pooled figures beside the finest ones: any two shown figures that nest (of cells, or
    /// of whole atoms) differ by none or at least the threshold, in every column shown in both.
    #[test]
    fn pooled_figures_never_difference_into_a_small_count() {
        let cells = [
            fine(12, 6, 0, 0),
            fine(3, 1, 0, 0),
            fine(8, 4, 0, 0),
            fine(20, 10, 10, 10),
            fine(5, 5, 2, 1),
            fine(10, 0, 0, 0),
        ];
        let atoms: [&[usize]; 3] = [&[0, 1, 2], &[3, 4], &[5]];
        let mut figures: Vec<(Vec<usize>, Hidden)> = Vec::new();
        for set in subsets(6) {
            let parts: Vec<Fine> = set.iter().map(|i| cells[*i]).collect();
            figures.push((set, hidden(&parts)));
        }
        for pick in subsets(3) {
            let chosen: Vec<&[usize]> = pick.iter().map(|i| atoms[*i]).collect();
            let parts: Vec<(Fine, Fine)> = chosen
                .iter()
                .map(|atom| {
                    let pooled: Vec<Fine> = atom.iter().map(|i| cells[*i]).collect();
                    let whole = Fine {
                        counts: total(&pooled),
                        completers: pooled.iter().map(|f| f.completers).sum(),
                        converters: pooled.iter().map(|f| f.converters).sum(),
                    };
                    (whole, residual(&pooled))
                })
                .collect();
            let mut set: Vec<usize> = chosen.concat();
            set.sort();
            figures.push((set, hidden_pooled(&parts)));
        }
        let shown_pooled = figures[63..].iter().filter(|(_, h)| !h[0]).count();
        assert!(shown_pooled > 0, "some pooled figure shows");
        assert_no_small_difference(&cells, &figures);
    }

    /// Any two shown figures (sets of cells with what they hide) that nest differ by none or
    /// at least the threshold, in every column shown in both.
    fn assert_no_small_difference(cells: &[Fine], figures: &[(Vec<usize>, Hidden)]) {
        let sum = |set: &[usize], c: usize| set.iter().map(|i| cells[*i].counts[c]).sum::<i64>();
        for (outer, ho) in figures {
            for (inner, hi) in figures {
                if outer == inner || !inner.iter().all(|i| outer.contains(i)) {
                    continue;
                }
                for c in 0..COLUMNS {
                    if !ho[c] && !hi[c] {
                        let diff = sum(outer, c) - sum(inner, c);
                        assert!(
                            safe(diff),
                            "column {c}: {outer:?} minus {inner:?} is {diff}"
                        );
                    }
                }
            }
        }
    }
}
