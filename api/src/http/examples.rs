//! README's example operations, the one home of every example: a test runs each against the
//! demo as its persona, and those marked `tab` open as GraphiQL's preloaded tabs.
//!
//! In README each example is a ` ```graphql ` block (one operation) preceded by an HTML comment
//! saying who runs it, `<!-- as: PERSONA -->` or `<!-- as: PERSONA; tab -->` (`anonymous` for no
//! token), and optionally followed by a ` ```json ` block of its variables. A variable written
//! `"<FIELD from above>"` takes the first `FIELD` in the answer to the example before it.

use std::sync::LazyLock;

/// The README the binary was built with.
const README: &str = include_str!("../../../README.md");

/// One example operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    /// Demo persona whose token runs it (`anonymous`: none).
    pub persona: String,
    /// Also a GraphiQL tab.
    pub tab: bool,
    /// The operation.
    pub query: String,
    /// Its variables (JSON), if any.
    pub variables: Option<String>,
    /// README line of the block, for messages.
    pub line: usize,
}

/// The persona of an example that needs no token.
pub const ANONYMOUS: &str = "anonymous";

/// README's examples, in order.
pub fn readme() -> &'static [Example] {
    static EXAMPLES: LazyLock<Vec<Example>> = LazyLock::new(|| parse(README));
    &EXAMPLES
}

/// The examples of a Markdown text. A ` ```graphql ` block with no `as:` comment before it is
/// kept with an empty persona, for the test to name.
pub fn parse(markdown: &str) -> Vec<Example> {
    let mut examples = Vec::new();
    let mut lines = markdown.lines().enumerate().peekable();
    let mut said: Option<(String, bool)> = None;
    while let Some((n, line)) = lines.next() {
        let line = line.trim();
        if let Some(who) = line
            .strip_prefix("<!-- as:")
            .and_then(|rest| rest.strip_suffix("-->"))
        {
            let mut parts = who.split(';').map(str::trim);
            let persona = parts.next().unwrap_or_default().to_owned();
            said = Some((persona, parts.any(|p| p == "tab")));
        } else if line == "```graphql" {
            let query = block(&mut lines);
            while lines.next_if(|(_, l)| l.trim().is_empty()).is_some() {}
            let variables = lines
                .next_if(|(_, l)| l.trim() == "```json")
                .map(|_| block(&mut lines));
            let (persona, tab) = said.take().unwrap_or_default();
            examples.push(Example {
                persona,
                tab,
                query,
                variables,
                line: n + 1,
            });
        } else if line.starts_with('#') {
            // Prose may stand between a comment and its block; a heading ends the comment's reach.
            said = None;
        }
    }
    examples
}

/// The lines up to the closing fence, joined.
fn block<'a>(lines: &mut impl Iterator<Item = (usize, &'a str)>) -> String {
    let mut text = String::new();
    for (_, line) in lines.by_ref() {
        if line.trim_end() == "```" {
            break;
        }
        text.push_str(line);
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_take_the_persona_before_them_and_the_variables_after() {
        let text = "## A\n<!-- as: maya; tab -->\nSay:\n\n```graphql\n{ me { id } }\n```\n\n\
                    ```json\n{ \"a\": 1 }\n```\n```graphql\nquery Q { x }\n```\n";
        let found = parse(text);
        assert_eq!(found.len(), 2);
        assert_eq!((found[0].persona.as_str(), found[0].tab), ("maya", true));
        assert_eq!(found[0].query, "{ me { id } }\n");
        assert_eq!(found[0].variables.as_deref(), Some("{ \"a\": 1 }\n"));
        assert_eq!(
            found[1].persona, "",
            "a block says who runs it or is reported"
        );
        assert!(!readme().is_empty());
    }
}
