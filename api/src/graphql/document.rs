//! Parsing a GraphQL document within budgets, before async-graphql validates or runs it.
//!
//! async-graphql's own depth, complexity and recursion checks walk fragment spreads without
//! memoization, so a small document of doubling spreads costs exponential time and memory before
//! they answer, and its parser recurses once per nesting level. So every check here is linear in
//! the size of the text:
//! 1. a lexical scan bounds bracket nesting and the number of tokens before the parser runs;
//! 2. one memoized pass over the parsed document counts fields, aliases and root fields as if
//!    every fragment spread were expanded (the "height"), and refuses fragment cycles.
//!
//! Only a document within every budget is handed to async-graphql (`Request::set_parsed_query`),
//! whose validation is then bounded by the height budget too.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use async_graphql::parser::types::{
    DocumentOperations, ExecutableDocument, OperationType, Selection, SelectionSet,
};
use async_graphql::{Pos, ServerError};

use crate::error::{ErrorCode, coded};

/// The bounds a document must keep (settings, see `config::Limits`).
#[derive(Debug, Clone, Copy)]
pub struct Budgets {
    /// Deepest nesting of `{`, `(` and `[` in the text (and of selection sets plus fragment
    /// spreads in the document).
    pub max_nesting: usize,
    /// Most lexical tokens in the text.
    pub max_tokens: usize,
    /// Most field selections once every fragment spread is expanded, over all operations.
    pub max_height: usize,
    /// Most aliased fields once every fragment spread is expanded.
    pub max_aliases: usize,
    /// Most fields at the root of one operation (looking through fragments).
    pub max_root_fields: usize,
}

impl From<&crate::config::Limits> for Budgets {
    fn from(limits: &crate::config::Limits) -> Self {
        Self {
            max_nesting: limits.parser_max_nesting,
            max_tokens: limits.parser_max_tokens,
            max_height: limits.max_height,
            max_aliases: limits.max_aliases,
            max_root_fields: limits.max_root_fields,
        }
    }
}

/// A document that kept every budget.
#[derive(Debug)]
pub struct Checked {
    /// The parsed document, ready for `Request::set_parsed_query`.
    pub document: ExecutableDocument,
    /// Whether the operation the request selects writes (or, when the selection is ambiguous
    /// and will fail later, whether any operation in the document would).
    pub writes: bool,
    /// Whether any operation selects the federation SDL (`_service`) at its root: it is served
    /// only to whom `authz::may_read_sdl` allows, and never shared through the response cache.
    pub reads_sdl: bool,
    /// Whether the parsed document came from the cache of documents.
    pub reused: bool,
}

impl Checked {
    /// The name of the document's only operation, when it has exactly one and it is named (for
    /// records of a request whose client did not send `operationName`).
    pub fn sole_operation_name(&self) -> Option<&str> {
        match &self.document.operations {
            DocumentOperations::Multiple(ops) if ops.len() == 1 => {
                ops.keys().next().map(|name| name.as_str())
            }
            _ => None,
        }
    }
}

fn too_complex(message: String) -> ServerError {
    coded(ServerError::new(message, None), ErrorCode::QueryTooComplex)
}

/// Scans, parses and measures `text`; the error says which budget was exceeded, or where the
/// syntax is wrong.
fn parse_within(text: &str, budgets: &Budgets) -> Result<ExecutableDocument, ServerError> {
    scan(text, budgets)?;
    let document = async_graphql::parser::parse_query(text).map_err(|err| match err {
        async_graphql::parser::Error::RecursionLimitExceeded => {
            too_complex("the document is nested too deeply".into())
        }
        other => {
            let mut error = ServerError::new(other.to_string(), None);
            error.locations = other.positions().collect();
            coded(error, ErrorCode::BadUserInput)
        }
    })?;
    measure(&document, budgets)?;
    super::text_inputs::check_document(&document)?;
    Ok(document)
}

/// Documents that kept every budget, by their text: a repeated query (the common case for an
/// integration) skips the scan, the parse and the measuring, and pays one copy of the tree.
/// Only the tree is kept: whether a request writes depends on the operation it names, and is
/// read afresh each time. Bounded by the total length of the texts held.
#[derive(Clone)]
pub struct DocumentCache {
    documents: moka::sync::Cache<String, Arc<ExecutableDocument>>,
}

impl DocumentCache {
    /// Documents longer than this are parsed each time (they are rare, and would crowd out the
    /// rest).
    const MAX_TEXT_BYTES: usize = 8 * 1024;

    /// The texts held add up to at most this (their trees take a small multiple of it).
    const CAPACITY_BYTES: u64 = 1024 * 1024;

    /// Parses `text` within the budgets (the error says which budget was exceeded, or where
    /// the syntax is wrong), from the cache when the same text kept them before.
    pub fn parse(
        &self,
        text: &str,
        operation_name: Option<&str>,
        budgets: &Budgets,
    ) -> Result<Checked, ServerError> {
        let found = self.documents.get(text);
        let reused = found.is_some();
        let document = match found {
            Some(document) => ExecutableDocument::clone(&document),
            None => {
                let document = parse_within(text, budgets)?;
                if text.len() <= Self::MAX_TEXT_BYTES {
                    self.documents
                        .insert(text.to_owned(), Arc::new(document.clone()));
                }
                document
            }
        };
        let writes = writes(&document, operation_name);
        let reads_sdl = reads_sdl(&document);
        Ok(Checked {
            document,
            writes,
            reads_sdl,
            reused,
        })
    }
}

impl Default for DocumentCache {
    /// An empty cache.
    fn default() -> Self {
        let documents = moka::sync::Cache::builder()
            .weigher(|text: &String, _: &Arc<ExecutableDocument>| {
                u32::try_from(text.len()).unwrap_or(u32::MAX)
            })
            .max_capacity(DocumentCache::CAPACITY_BYTES)
            .build();
        Self { documents }
    }
}

/// Bounds bracket nesting and the token count in one pass over the bytes, skipping strings and
/// comments (a malformed string is left for the parser to report).
fn scan(text: &str, budgets: &Budgets) -> Result<(), ServerError> {
    let bytes = text.as_bytes();
    let (mut i, mut depth, mut tokens) = (0usize, 0usize, 0usize);
    while i < bytes.len() {
        let byte = bytes[i];
        match byte {
            b' ' | b'\t' | b'\n' | b'\r' | b',' => {
                i += 1;
                continue;
            }
            b'#' => {
                while i < bytes.len() && !matches!(bytes[i], b'\n' | b'\r') {
                    i += 1;
                }
                continue;
            }
            b'"' => i = skip_string(bytes, i),
            b'{' | b'(' | b'[' => {
                depth += 1;
                if depth > budgets.max_nesting {
                    return Err(too_complex(format!(
                        "the document is nested too deeply (at most {} levels)",
                        budgets.max_nesting
                    )));
                }
                i += 1;
            }
            b'}' | b')' | b']' => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            b'.' => {
                while i < bytes.len() && bytes[i] == b'.' {
                    i += 1;
                }
            }
            b if b.is_ascii_alphanumeric() || b == b'_' || b == b'-' => {
                while i < bytes.len()
                    && (bytes[i].is_ascii_alphanumeric()
                        || matches!(bytes[i], b'_' | b'.' | b'+' | b'-'))
                {
                    i += 1;
                }
            }
            _ => i += 1,
        }
        tokens += 1;
        if tokens > budgets.max_tokens {
            return Err(too_complex(format!(
                "the document has too many tokens (at most {})",
                budgets.max_tokens
            )));
        }
    }
    Ok(())
}

/// The index just past the string (plain or block) that starts at `start`.
fn skip_string(bytes: &[u8], start: usize) -> usize {
    if bytes[start..].starts_with(b"\"\"\"") {
        let mut i = start + 3;
        while i < bytes.len() {
            if bytes[i..].starts_with(b"\\\"\"\"") {
                i += 4;
            } else if bytes[i..].starts_with(b"\"\"\"") {
                return i + 3;
            } else {
                i += 1;
            }
        }
        return i;
    }
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            b'\n' | b'\r' => return i,
            _ => i += 1,
        }
    }
    i
}

/// What a selection set costs once every spread in it is expanded.
#[derive(Debug, Clone, Copy, Default)]
struct Size {
    /// Field selections, at every level.
    fields: usize,
    /// Aliased fields, at every level.
    aliases: usize,
    /// Fields at the top level of the set (looking through fragments).
    top: usize,
}

impl Size {
    fn plus(self, other: Size) -> Size {
        Size {
            fields: self.fields.saturating_add(other.fields),
            aliases: self.aliases.saturating_add(other.aliases),
            top: self.top.saturating_add(other.top),
        }
    }
}

/// Sizes each fragment once (memoized), so measuring is linear in the document.
struct Measure<'a> {
    doc: &'a ExecutableDocument,
    max_nesting: usize,
    sized: HashMap<&'a str, Size>,
    /// Fragments being sized right now: meeting one again is a cycle.
    open: Vec<&'a str>,
}

impl<'a> Measure<'a> {
    fn set(&mut self, set: &'a SelectionSet, depth: usize) -> Result<Size, ServerError> {
        if depth > self.max_nesting {
            return Err(too_complex(format!(
                "the document is nested too deeply (at most {} levels)",
                self.max_nesting
            )));
        }
        let mut size = Size::default();
        for item in &set.items {
            size = size.plus(match &item.node {
                Selection::Field(field) => {
                    let inner = self.set(&field.node.selection_set.node, depth + 1)?;
                    Size {
                        fields: inner.fields.saturating_add(1),
                        aliases: inner
                            .aliases
                            .saturating_add(usize::from(field.node.alias.is_some())),
                        top: 1,
                    }
                }
                Selection::InlineFragment(fragment) => {
                    self.set(&fragment.node.selection_set.node, depth + 1)?
                }
                Selection::FragmentSpread(spread) => {
                    self.fragment(&spread.node.fragment_name.node, spread.pos, depth + 1)?
                }
            });
        }
        Ok(size)
    }

    fn fragment(&mut self, name: &'a str, pos: Pos, depth: usize) -> Result<Size, ServerError> {
        if let Some(size) = self.sized.get(name) {
            return Ok(*size);
        }
        if self.open.contains(&name) {
            return Err(coded(
                ServerError::new(format!("fragment \"{name}\" spreads itself"), Some(pos)),
                ErrorCode::BadUserInput,
            ));
        }
        // An unknown fragment costs nothing here; validation reports it.
        let Some(definition) = self.doc.fragments.get(name) else {
            return Ok(Size::default());
        };
        self.open.push(name);
        let size = self.set(&definition.node.selection_set.node, depth)?;
        self.open.pop();
        self.sized.insert(name, size);
        Ok(size)
    }
}

/// Checks the height, alias and root-field budgets, and that no fragment spreads itself.
fn measure(doc: &ExecutableDocument, budgets: &Budgets) -> Result<(), ServerError> {
    let mut measure = Measure {
        doc,
        max_nesting: budgets.max_nesting,
        sized: HashMap::new(),
        open: Vec::new(),
    };
    for (name, definition) in &doc.fragments {
        measure.fragment(name.as_str(), definition.pos, 0)?;
    }
    let mut total = Size::default();
    for (_, operation) in doc.operations.iter() {
        let size = measure.set(&operation.node.selection_set.node, 0)?;
        if size.top > budgets.max_root_fields {
            return Err(too_complex(format!(
                "too many root fields: {} (at most {})",
                size.top, budgets.max_root_fields
            )));
        }
        total = total.plus(size);
    }
    if total.fields > budgets.max_height {
        return Err(too_complex(format!(
            "the document selects too many fields once its fragments are expanded ({}, at most {})",
            total.fields, budgets.max_height
        )));
    }
    if total.aliases > budgets.max_aliases {
        return Err(too_complex(format!(
            "too many aliases: {} (at most {})",
            total.aliases, budgets.max_aliases
        )));
    }
    Ok(())
}

/// Whether running the request may write: its selected operation is a mutation, or the
/// selection is ambiguous (it will fail) and some operation is one.
fn writes(doc: &ExecutableDocument, operation_name: Option<&str>) -> bool {
    let selected = match (&doc.operations, operation_name) {
        (DocumentOperations::Single(op), None) => Some(op),
        (DocumentOperations::Multiple(ops), Some(name)) => ops.get(name),
        (DocumentOperations::Multiple(ops), None) if ops.len() == 1 => ops.values().next(),
        _ => None,
    };
    match selected {
        Some(op) => op.node.ty == OperationType::Mutation,
        None => doc
            .operations
            .iter()
            .any(|(_, op)| op.node.ty == OperationType::Mutation),
    }
}

fn reads_sdl(doc: &ExecutableDocument) -> bool {
    let mut seen = HashSet::new();
    doc.operations
        .iter()
        .any(|(_, op)| selects_service(doc, &op.node.selection_set.node, &mut seen))
}

/// Whether `set`, at an operation's root, selects `_service`; each fragment is looked into once
/// (one already seen did not select it, or the search would have stopped there).
fn selects_service<'a>(
    doc: &'a ExecutableDocument,
    set: &'a SelectionSet,
    seen: &mut HashSet<&'a str>,
) -> bool {
    set.items.iter().any(|item| match &item.node {
        Selection::Field(field) => field.node.name.node == "_service",
        Selection::InlineFragment(fragment) => {
            selects_service(doc, &fragment.node.selection_set.node, seen)
        }
        Selection::FragmentSpread(spread) => {
            let name = spread.node.fragment_name.node.as_str();
            seen.insert(name)
                && doc
                    .fragments
                    .get(name)
                    .is_some_and(|f| selects_service(doc, &f.node.selection_set.node, seen))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const BUDGETS: Budgets = Budgets {
        max_nesting: 32,
        max_tokens: 2_000,
        max_height: 500,
        max_aliases: 10,
        max_root_fields: 5,
    };

    /// Parsing with nothing cached.
    fn parse(text: &str, name: Option<&str>, budgets: &Budgets) -> Result<Checked, ServerError> {
        DocumentCache::default().parse(text, name, budgets)
    }

    #[test]
    fn a_cached_document_reads_the_operation_each_request_names() {
        let cache = DocumentCache::default();
        let doc = "query Read { a } mutation Write { b }";
        let first = cache.parse(doc, Some("Read"), &BUDGETS).expect("parses");
        assert!(!first.writes);
        let again = cache.parse(doc, Some("Write"), &BUDGETS).expect("cached");
        assert!(again.writes, "the same text naming the mutation writes");
        cache.documents.run_pending_tasks();
        assert_eq!(cache.documents.entry_count(), 1);
    }

    #[test]
    fn the_sdl_is_found_at_the_root_through_fragments_and_aliases() {
        let reads = |doc: &str| parse(doc, None, &BUDGETS).expect("parses").reads_sdl;
        assert!(reads("{ _service { sdl } }"));
        assert!(reads("{ s: _service { sdl } }"));
        assert!(reads(
            "{ ...F } fragment F on Query { ... on Query { _service { sdl } } }"
        ));
        assert!(reads("query A { a } query B { _service { sdl } }"));
        assert!(!reads("{ programs { _service } }"), "only at the root");
        assert!(!reads("{ ...F ...F } fragment F on Query { a }"));
    }

    fn code(result: Result<Checked, ServerError>) -> String {
        let err = result.expect_err("refused");
        match err.extensions.as_ref().and_then(|e| e.get("code")) {
            Some(async_graphql::Value::String(code)) => code.clone(),
            other => format!("{other:?}"),
        }
    }

    /// `{ ...F0 } fragment F0 on Query { ...F1 ...F1 } … fragment Fn on Query { __typename }`.
    fn doubling(levels: usize) -> String {
        let mut text = String::from("{ ...F0 }");
        for i in 0..levels {
            text.push_str(&format!(
                " fragment F{i} on Query {{ ...F{n} ...F{n} }}",
                n = i + 1
            ));
        }
        text.push_str(&format!(" fragment F{levels} on Query {{ __typename }}"));
        text
    }

    #[test]
    fn doubling_fragments_are_measured_without_expanding_them() {
        let budgets = Budgets {
            max_root_fields: 100,
            ..BUDGETS
        };
        assert!(parse(&doubling(5), None, &budgets).is_ok(), "32 fields fit");
        for levels in [10, 30, 64, 200] {
            assert_eq!(
                code(parse(&doubling(levels), None, &budgets)),
                "QUERY_TOO_COMPLEX"
            );
        }
    }

    #[test]
    fn fragment_cycles_are_refused() {
        let text = "{ ...A } fragment A on Query { ...B } fragment B on Query { ...A ...A }";
        assert_eq!(code(parse(text, None, &BUDGETS)), "BAD_USER_INPUT");
    }

    #[test]
    fn nesting_and_tokens_are_bounded_before_parsing() {
        let deep = format!("{}{}", "{ a ".repeat(10_000), "}".repeat(10_000));
        assert_eq!(code(parse(&deep, None, &BUDGETS)), "QUERY_TOO_COMPLEX");
        let list = format!("{{ a(x: {}1{}) }}", "[".repeat(50_000), "]".repeat(50_000));
        assert_eq!(code(parse(&list, None, &BUDGETS)), "QUERY_TOO_COMPLEX");
        let wide = format!("{{ {} }}", "a ".repeat(3_000));
        assert_eq!(code(parse(&wide, None, &BUDGETS)), "QUERY_TOO_COMPLEX");
        let in_strings = format!(
            "{{ a(x: \"{}\", y: \"\"\"{}\"\"\") }}",
            "{".repeat(500),
            "[ a ".repeat(900)
        );
        assert!(
            parse(&in_strings, None, &BUDGETS).is_ok(),
            "brackets in strings do not count"
        );
    }

    #[test]
    fn aliases_and_root_fields_count_through_fragments() {
        let aliases = "{ ...A ...A } fragment A on Query { a: x b: x c: x d: x e: x f: x }";
        assert_eq!(code(parse(aliases, None, &BUDGETS)), "QUERY_TOO_COMPLEX");
        let roots = "{ ...R } fragment R on Query { a b c ... on Query { d e f } }";
        assert_eq!(code(parse(roots, None, &BUDGETS)), "QUERY_TOO_COMPLEX");
    }

    #[test]
    fn syntax_errors_are_bad_input_with_a_location() {
        let err = parse("{ programs { ", None, &BUDGETS).expect_err("syntax");
        assert!(!err.locations.is_empty());
        assert_eq!(
            code(parse("{ programs { ", None, &BUDGETS)),
            "BAD_USER_INPUT"
        );
    }

    #[test]
    fn writes_follow_the_selected_operation() {
        let doc = "query Q { a } mutation M { b }";
        let writes = |name| parse(doc, name, &BUDGETS).expect("parses").writes;
        assert!(!writes(Some("Q")));
        assert!(writes(Some("M")));
        assert!(writes(None), "ambiguous: treated as a write");
        assert!(!parse("{ a }", None, &BUDGETS).expect("parses").writes);
        assert!(
            parse("mutation { a }", None, &BUDGETS)
                .expect("parses")
                .writes
        );
    }
}
