//! GraphiQL, whole from the binary: the page at `/graphql` (a browser's plain GET) and its
//! scripts and stylesheet under `/graphiql/<version>/`, so the IDE works with no internet access
//! (the assets and their licences are in `api/assets/graphiql/`). The path carries the version,
//! so browsers may keep the assets for a year.

use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};

use super::answer::{Media, Refusal};
use crate::error::ErrorCode;

/// The page.
pub fn page() -> Html<&'static str> {
    Html(include_str!("graphiql.html"))
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
