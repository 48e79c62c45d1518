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
