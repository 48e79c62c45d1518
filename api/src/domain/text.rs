//! The one rule for characters in client text: no C0 control character but tab, line feed and
//! carriage return. PostgreSQL cannot store NUL in text at all and SQLite would keep it as is, so
//! a NUL would be an internal error on one database and stored on the other; the rest have no
//! place in a name, a slug or a headline either. Every text a request brings (variables and
//! literals in the document, `graphql::text_inputs`) and every CSV cell is checked against it.

/// What a refusal says (with the field it names).
pub const REFUSED: &str = "holds a control character (such as NUL); only tab, line feed and \
                           carriage return are allowed";

/// The first refused control character in `text`, if any.
pub fn refused_control(text: &str) -> Option<char> {
    text.chars()
        .find(|c| *c < '\u{20}' && !matches!(c, '\t' | '\n' | '\r'))
}

#[cfg(test)]
mod tests {
    use super::refused_control;

    #[test]
    fn c0_controls_but_tab_and_line_ends_are_refused() {
        assert_eq!(refused_control("a\u{0}b"), Some('\u{0}'));
        assert_eq!(refused_control("bell\u{7}"), Some('\u{7}'));
        assert_eq!(refused_control("esc\u{1b}[0m"), Some('\u{1b}'));
        assert_eq!(refused_control("tab\there\r\nnext line"), None);
        assert_eq!(refused_control("Zoë, DEL\u{7f} and émigré"), None);
    }
}
