//! The command line names what it could not use: the file it could not read, the address it
//! could not listen on.

use hitbridge_tests::TestApp;

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[tokio::test]
async fn a_missing_import_file_is_named() {
    let app = TestApp::spawn_demo().await;
    let file = format!("/tmp/no-such-cohort-{}.csv", uuid::Uuid::new_v4());
    let args = [
        "import",
        "graduates",
        &file,
        "--institution",
        "peachtree-state-university",
    ];
    let output = app.run_cli(&args).await;
    assert!(!output.status.success());
    let said = stderr(&output);
    assert!(said.contains(&file), "{said}");
}

/// Run where the database is not (the SQLite default is then a new, empty file), the import
/// names the institution it could not find and the database it looked in, and says why.
#[tokio::test]
async fn an_import_into_a_database_without_the_school_names_both() {
    let app = TestApp::spawn().await;
    let file = std::env::temp_dir().join(format!("cohort-{}.csv", uuid::Uuid::new_v4()));
    std::fs::write(&file, "external_id,first_name,last_name,email\n").expect("a temp file");
    let path = file.to_string_lossy().into_owned();
    let args = [
        "import",
        "graduates",
        &path,
        "--institution",
        "central-valley-cc",
    ];
    let output = app.run_cli(&args).await;
    let _ = std::fs::remove_file(&file);
    assert!(!output.status.success());
    let said = stderr(&output);
    assert!(said.contains("\"central-valley-cc\""), "{said}");
    assert!(said.contains("no institutions at all"), "{said}");
    let without_options = app.database_url.split('?').next().unwrap_or_default();
    let name = without_options.rsplit('/').next().unwrap_or_default();
    assert!(said.contains(name), "names the database {name}: {said}");
}

#[tokio::test]
async fn a_busy_address_is_named() {
    let app = TestApp::spawn().await;
    let busy = app.address.trim_start_matches("http://").to_owned();
    let output = app
        .run_cli(&["serve", "--no-migrate", "--addr", &busy])
        .await;
    assert!(!output.status.success());
    let said = stderr(&output);
    assert!(said.contains(&busy), "{said}");
}

#[tokio::test]
async fn a_token_for_a_school_or_employer_this_database_lacks_is_refused() {
    let app = TestApp::spawn_demo().await;
    let args = |slug: &'static str| {
        [
            "token",
            "--sub",
            "someone",
            "--role",
            "school_admin",
            "--institution",
            slug,
        ]
    };
    let mistyped = app.run_cli(&args("peachtree-state-universty")).await;
    assert!(!mistyped.status.success());
    let said = stderr(&mistyped);
    assert!(said.contains("peachtree-state-universty"), "{said}");
    let minted = app.run_cli(&args("peachtree-state-university")).await;
    assert!(minted.status.success(), "{}", stderr(&minted));
    assert_eq!(
        String::from_utf8_lossy(&minted.stdout).matches('.').count(),
        2,
        "a JWT"
    );
    let employer = app
        .run_cli(&[
            "token",
            "--sub",
            "ats",
            "--role",
            "employer",
            "--employer",
            "no-such-employer",
        ])
        .await;
    assert!(stderr(&employer).contains("no-such-employer"));
}

#[tokio::test]
async fn a_persona_token_shows_what_the_persona_table_promises() {
    let app = TestApp::spawn_demo().await;
    let listed = app.run_cli(&["personas"]).await;
    let table = String::from_utf8_lossy(&listed.stdout).into_owned();
    for name in ["magnolia-recruiter", "maya", "devon", "ellis", "cvcc-staff"] {
        assert!(table.contains(&format!("`{name}`")), "{table}");
    }
    let mint = |name: &'static str| {
        let app = &app;
        async move {
            let out = app.run_cli(&["token", "--persona", name]).await;
            assert!(out.status.success(), "{}", stderr(&out));
            String::from_utf8_lossy(&out.stdout).trim().to_owned()
        }
    };
    // Devon withdrew consent: PRIVATE now, with the history to show it.
    let devon = app
        .gql("{ me { consent status consentHistory { from to } } }")
        .bearer(mint("devon").await)
        .send()
        .await;
    let me = &devon.data()["me"];
    assert_eq!(me["consent"], "PRIVATE");
    assert_eq!(me["consentHistory"].as_array().map(Vec::len), Some(2));
    // Ellis is archived and still reads their record and disclosure log.
    let ellis = app
        .gql("{ me { status } disclosures { totalCount } }")
        .bearer(mint("ellis").await)
        .send()
        .await;
    assert_eq!(ellis.data()["me"]["status"], "ARCHIVED");
    assert_eq!(ellis.data()["disclosures"]["totalCount"], 1);
    // The suspended employer's recruiter is refused the pool.
    let oak = app
        .gql("{ candidatePool(first: 1, criteria: {}) { totalCount } }")
        .bearer(mint("oak-hollow-recruiter").await)
        .send()
        .await;
    assert_eq!(oak.code(), "FORBIDDEN");
    let unknown = app.run_cli(&["token", "--persona", "mayaa"]).await;
    assert!(!unknown.status.success());
    assert!(stderr(&unknown).contains("hitbridge personas"));
}
