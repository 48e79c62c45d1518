//! Relay connections: bounded page sizes, opaque cursors, complete and stable paging.

use std::collections::HashSet;

use entity::enums::ProgramStatus;
use entity::program;
use hitbridge_tests::{TestApp, nodes};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder,
};
use serde_json::{Value, json};

#[tokio::test]
async fn first_defaults_to_twenty_and_is_bounded() {
    let app = TestApp::spawn_demo().await;
    let reply = app
        .gql("{ programs { totalCount edges { node { id } } pageInfo { hasNextPage } } }")
        .send()
        .await;
    let data = reply.data();
    assert_eq!(nodes(data, "programs").len(), 20);
    assert!(data["programs"]["totalCount"].as_i64().expect("count") > 20);
    assert_eq!(data["programs"]["pageInfo"]["hasNextPage"], true);

    let max = app
        .gql("{ programs(first: 100) { edges { node { id } } } }")
        .send()
        .await;
    assert!(max.body.get("errors").is_none());
    for bad in [101, -1] {
        let reply = app
            .gql(&format!(
                "{{ programs(first: {bad}) {{ edges {{ node {{ id }} }} }} }}"
            ))
            .send()
            .await;
        assert_eq!(reply.code(), "BAD_USER_INPUT", "first: {bad}");
        assert_eq!(reply.body["errors"][0]["extensions"]["field"], "first");
    }
    let nested = app
        .gql(
            "{ institutions(first: 1) { edges { node { programs(first: 500) { totalCount } } } } }",
        )
        .send()
        .await;
    assert_eq!(nested.codes(), vec!["BAD_USER_INPUT"]);
}

#[tokio::test]
async fn paging_with_cursors_visits_every_record_once_in_order() {
    let app = TestApp::spawn_demo().await;
    let all = app
        .gql("{ programs(first: 100) { totalCount edges { node { id } } } }")
        .send()
        .await;
    let everything: Vec<String> = nodes(all.data(), "programs")
        .iter()
        .map(|p| p["id"].to_string())
        .collect();

    let mut seen = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let reply = app
            .gql(
                "query($after: String) { programs(first: 7, after: $after) {
                    edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }",
            )
            .vars(json!({ "after": after }))
            .send()
            .await;
        let data = reply.data();
        seen.extend(nodes(data, "programs").iter().map(|p| p["id"].to_string()));
        if data["programs"]["pageInfo"]["hasNextPage"] != true {
            break;
        }
        after = data["programs"]["pageInfo"]["endCursor"]
            .as_str()
            .map(String::from);
    }
    assert_eq!(seen, everything, "pages concatenate to the full list");
    assert_eq!(
        seen.iter().collect::<HashSet<_>>().len(),
        seen.len(),
        "no duplicates"
    );
}

#[tokio::test]
async fn a_malformed_cursor_is_bad_input() {
    let app = TestApp::spawn_demo().await;
    for cursor in ["garbage", "cG9zOng", ""] {
        let reply = app
            .gql("query($a: String) { programs(after: $a) { edges { node { id } } } }")
            .vars(json!({ "a": cursor }))
            .send()
            .await;
        assert_eq!(reply.code(), "BAD_USER_INPUT", "cursor {cursor:?}");
        assert_eq!(reply.body["errors"][0]["extensions"]["field"], "after");
    }
}

/// Pages through a query with `$after` (the connection at `path`), as `token` when given,
/// returning the ids in order and whether each page said it had a previous one.
async fn page_through(
    app: &TestApp,
    query: &str,
    path: &[&str],
    token: Option<&str>,
) -> (Vec<String>, Vec<bool>) {
    let mut ids = Vec::new();
    let mut previous = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let mut request = app.gql(query).vars(json!({ "after": after }));
        if let Some(token) = token {
            request = request.bearer(token);
        }
        let reply = request.send().await;
        let mut conn = reply.data();
        for step in path {
            conn = &conn[*step];
        }
        let edges = conn["edges"].as_array().expect("edges");
        ids.extend(edges.iter().map(|e| e["node"]["id"].to_string()));
        previous.push(conn["pageInfo"]["hasPreviousPage"] == true);
        if conn["pageInfo"]["hasNextPage"] != true {
            return (ids, previous);
        }
        after = conn["pageInfo"]["endCursor"].as_str().map(String::from);
    }
}

/// Checks that paging `list` in `order`, `size` rows at a time, gives the whole list once.
async fn assert_pages_complete(
    app: &TestApp,
    list: &str,
    order: &str,
    size: u32,
    token: Option<&str>,
) {
    let mut all = app.gql(&format!(
        "{{ {list}(first: 100, orderBy: {order}) {{ edges {{ node {{ id }} }} }} }}"
    ));
    if let Some(token) = token {
        all = all.bearer(token);
    }
    let all = all.send().await;
    let everything: Vec<String> = nodes(all.data(), list)
        .iter()
        .map(|p| p["id"].to_string())
        .collect();
    let query = format!(
        "query($after: String) {{ {list}(first: {size}, after: $after, orderBy: {order}) {{
           edges {{ node {{ id }} }} pageInfo {{ hasNextPage hasPreviousPage endCursor }} }} }}"
    );
    let (paged, previous) = page_through(app, &query, &[list], token).await;
    assert_eq!(paged, everything, "{list} by {order}");
    assert!(
        !previous[0] && previous[1..].iter().all(|p| *p),
        "{list} by {order}"
    );
}

#[tokio::test]
async fn every_order_pages_completely_and_says_when_pages_came_before() {
    let app = TestApp::spawn_demo().await;
    for order in ["NAME", "NEXT_START", "NEWEST"] {
        assert_pages_complete(&app, "programs", order, 7, None).await;
    }
    let admin = hitbridge_tests::tokens::consortium_admin();
    for order in ["STARTS_ON", "TITLE", "NEWEST"] {
        assert_pages_complete(&app, "internships", order, 3, Some(&admin)).await;
    }
}

#[tokio::test]
async fn nested_connections_page_with_their_own_cursors() {
    let app = TestApp::spawn_demo().await;
    let all = app
        .gql("{ institutions(first: 20) { edges { node { slug programs(first: 50) { edges { node { id } } } } } } }")
        .send()
        .await;
    let institution = nodes(all.data(), "institutions")
        .into_iter()
        .max_by_key(|i| i["programs"]["edges"].as_array().map_or(0, Vec::len))
        .expect("institutions");
    let slug = institution["slug"].as_str().expect("slug").to_owned();
    let everything: Vec<String> = institution["programs"]["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| e["node"]["id"].to_string())
        .collect();
    assert!(everything.len() > 2, "enough to page");
    let query = format!(
        "query($after: String) {{ institution(slug: \"{slug}\") {{ programs(first: 2, after: $after) {{
           edges {{ node {{ id }} }} pageInfo {{ hasNextPage hasPreviousPage endCursor }} }} }} }}"
    );
    let (paged, previous) = page_through(&app, &query, &["institution", "programs"], None).await;
    assert_eq!(paged, everything);
    assert!(!previous[0] && previous[1..].iter().all(|p| *p));
}

#[tokio::test]
async fn pages_stay_correct_while_rows_come_and_go_between_them() {
    let app = TestApp::spawn_demo().await;
    let query = "query($after: String) { programs(first: 5, after: $after) {
        edges { node { id name } } pageInfo { hasNextPage endCursor } } }";
    let first = app.gql(query).vars(json!({ "after": null })).send().await;
    let page_one: Vec<Value> = nodes(first.data(), "programs")
        .into_iter()
        .cloned()
        .collect();
    let cursor = first.data()["programs"]["pageInfo"]["endCursor"].clone();
    let everything = program::Entity::find()
        .filter(program::Column::Status.eq(ProgramStatus::Published))
        .order_by_asc(program::Column::Name)
        .order_by_asc(program::Column::Id)
        .all(&app.db)
        .await
        .expect("programs");

    // Between the pages: one row already seen and one not yet seen are unpublished, and two
    // rows are added, one before the cursor and one after it.
    let seen_gone = everything[0].clone();
    let unseen_gone = everything[7].clone();
    for gone in [&seen_gone, &unseen_gone] {
        let mut row: program::ActiveModel = gone.clone().into();
        row.status = Set(ProgramStatus::Archived);
        row.update(&app.db).await.expect("unpublish");
    }
    let mut added = Vec::new();
    for name in ["!! Early Program", "~~ Late Program"] {
        let mut row: program::ActiveModel = everything[3].clone().into();
        row = row.reset_all();
        row.id = Set(uuid::Uuid::new_v4());
        row.slug = Set(format!("added-{}", added.len()));
        row.name = Set(name.into());
        added.push(row.insert(&app.db).await.expect("insert"));
    }

    let mut seen: Vec<String> = page_one.iter().map(|p| p["id"].to_string()).collect();
    let mut after = cursor.as_str().map(String::from);
    while let Some(cursor) = after {
        let reply = app.gql(query).vars(json!({ "after": cursor })).send().await;
        seen.extend(
            nodes(reply.data(), "programs")
                .iter()
                .map(|p| p["id"].to_string()),
        );
        let info = &reply.data()["programs"]["pageInfo"];
        after = (info["hasNextPage"] == true)
            .then(|| info["endCursor"].as_str().map(String::from))
            .flatten();
    }
    let id = |m: &program::Model| json!(m.id.to_string()).to_string();
    assert_eq!(
        seen.iter().collect::<HashSet<_>>().len(),
        seen.len(),
        "nothing repeated"
    );
    for row in &everything {
        if row.id != unseen_gone.id {
            assert!(seen.contains(&id(row)), "{} was skipped", row.name);
        }
    }
    assert!(
        !seen.contains(&id(&unseen_gone)),
        "a row removed before its page is not shown"
    );
    assert!(
        seen.contains(&id(&added[1])),
        "a row added after the cursor is shown"
    );
    assert!(
        !seen.contains(&id(&added[0])),
        "a row added before the cursor belongs to page one"
    );
}

#[tokio::test]
async fn a_cursor_only_continues_the_list_it_came_from() {
    let app = TestApp::spawn_demo().await;
    let first = app
        .gql("{ programs(first: 2) { pageInfo { endCursor } } }")
        .send()
        .await;
    let cursor = first.data()["programs"]["pageInfo"]["endCursor"].clone();
    for other in [
        "programs(first: 2, after: $a, orderBy: NEWEST)",
        "programs(first: 2, after: $a, filter: { credential: CERTIFICATE })",
        "institutions(first: 2, after: $a)",
    ] {
        let reply = app
            .gql(&format!("query($a: String) {{ {other} {{ totalCount }} }}"))
            .vars(json!({ "a": cursor }))
            .send()
            .await;
        assert_eq!(reply.code(), "BAD_USER_INPUT", "{other}");
        assert_eq!(reply.body["errors"][0]["extensions"]["field"], "after");
    }
}

#[tokio::test]
async fn the_total_is_the_same_on_every_page_and_zero_for_none() {
    let app = TestApp::spawn_demo().await;
    let all = app
        .gql("{ programs(first: 100) { edges { node { id } } } }")
        .send()
        .await;
    let count = nodes(all.data(), "programs").len() as i64;
    // With the institution selected the page is a join; without, a plain select.
    for node in ["id", "id institution { slug }"] {
        let query = format!(
            "query($after: String) {{ programs(first: 5, after: $after) {{
               totalCount edges {{ node {{ {node} }} }} pageInfo {{ endCursor }} }} }}"
        );
        let first = app.gql(&query).vars(json!({ "after": null })).send().await;
        assert_eq!(
            first.data()["programs"]["totalCount"].as_i64(),
            Some(count),
            "{node}"
        );
        let cursor = first.data()["programs"]["pageInfo"]["endCursor"].clone();
        let second = app
            .gql(&query)
            .vars(json!({ "after": cursor }))
            .send()
            .await;
        assert_eq!(
            second.data()["programs"]["totalCount"].as_i64(),
            Some(count),
            "{node}"
        );
    }
    let none = app
        .gql("{ programs(filter: { search: \"no program is called this\" }) { totalCount } }")
        .send()
        .await;
    assert_eq!(none.data()["programs"]["totalCount"], 0);
}
