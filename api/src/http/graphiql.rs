//! GraphiQL, whole from the binary: the page at `/graphql` (a browser's plain GET) and its
//! scripts and stylesheet under `/graphiql/<version>/`, so the IDE works with no internet access
//! (the assets and their licences are in `api/assets/graphiql/`). The path carries the version,
//! so browsers may keep the assets for a year. The page opens with README's examples marked
//! `tab`, one per kind of user, each saying how to set its token.

use std::sync::LazyLock;

use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};

use serde_json::{Value, json};

use super::answer::{Media, Refusal};
use super::examples::{self, ANONYMOUS};
use crate::error::ErrorCode;
use crate::seed::personas::persona;

/// The page.
pub fn page() -> Html<&'static str> {
    static PAGE: LazyLock<String> = LazyLock::new(|| {
        let tabs = crate::jsonld::script_text(&tabs());
        include_str!("graphiql.html").replace("/*TABS*/[]", &tabs)
    });
    Html(PAGE.as_str())
}

/// GraphiQL's opening tabs: each example with a note on whose token it needs and how to set it.
fn tabs() -> Value {
    let tab = |e: &examples::Example| {
        let who = persona(&e.persona);
        let (note, headers) = match who {
            Some(p) if e.persona != ANONYMOUS => (
                format!(
                    "# As the demo persona {name} ({role}). Mint its token with\n\
                     #   hitbridge token --persona {name}\n\
                     # (same HITBRIDGE_JWT_SECRET as the server) and put it in Headers below,\n\
                     # in place of TOKEN. Then press the run button.\n",
                    name = p.name,
                    role = p.role_text()
                ),
                Some("{\n  \"Authorization\": \"Bearer TOKEN\"\n}"),
            ),
            _ => (
                "# Anyone may run this one, with no token: press the run button.\n".to_owned(),
                None,
            ),
        };
        json!({ "query": note + &e.query, "variables": e.variables, "headers": headers })
    };
    Value::Array(
        examples::readme()
            .iter()
            .filter(|e| e.tab)
            .map(tab)
            .collect(),
    )
}

/// Each asset: file name, media type, bytes.
const ASSETS: [(&str, &str, &[u8]); 4] = [
    (
        "graphiql.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../assets/graphiql/graphiql.min.js"),
    ),
    (
        "graphiql.min.css",
        "text/css; charset=utf-8",
        include_bytes!("../../assets/graphiql/graphiql.min.css"),
    ),
    (
        "react.production.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../assets/graphiql/react.production.min.js"),
    ),
    (
        "react-dom.production.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../assets/graphiql/react-dom.production.min.js"),
    ),
];

/// The version the page asks for (and the only one served).
const VERSION: &str = "3.8.3";

/// `GET /graphiql/{version}/{file}`.
pub async fn asset(Path((version, file)): Path<(String, String)>) -> Response {
    let found = ASSETS.iter().find(|(name, _, _)| *name == file);
    match found {
        Some((_, media, bytes)) if version == VERSION => (
            [
                (header::CONTENT_TYPE, *media),
                (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
            ],
            *bytes,
        )
            .into_response(),
        _ => Refusal::new(
            StatusCode::NOT_FOUND,
            ErrorCode::NotFound,
            "no such GraphiQL asset",
        )
        .into_response(Media::Json),
    }
}
