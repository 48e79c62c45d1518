//! Outcome reports, checked figure by figure against counts made here, in Rust, on a fixture
//! school built for them; suppression of small cells for school viewers (never derivable from
//! the cells shown); the skills gap against an independent count; who may read reports.

use chrono::{NaiveDate, TimeDelta, Utc};
use entity::enums::{
    ApplicationStatus, Background, ConsentLevel, EmploymentType, GraduateStatus, GraduationTerm,
    InternshipStatus,
};
use entity::{
    application, employer_partner, graduate, graduate_skill, institution, internship,
    internship_skill, placement, program,
};
use hitbridge_tests::{Reply, TestApp, tokens};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::matrix::{World, expect_matrix, outcome};

const SCHOOL: &str = "fixture-college";

/// One fixture graduate: program (0 or 1), cohort, career changer, status, days from
/// graduation to the first placement, and whether a completed internship led to the hire.
struct Person {
    program: usize,
    cohort: (i32, GraduationTerm),
    changer: bool,
    status: GraduateStatus,
    placed_after: Option<i64>,
    internship: Option<bool>,
}

fn people() -> Vec<Person> {
    let mut out = Vec::new();
    // Program 0, spring 2025: 14 graduates, 9 placed, 4 of them through a completed internship
    // with the employer, 2 more completed an internship elsewhere and were hired directly.
    let days = [30, 45, 60, 61, 75, 90, 120, 150, 200];
    for i in 0..14 {
        let placed_after = days.get(i).copied();
        out.push(Person {
            program: 0,
            cohort: (2025, GraduationTerm::Spring),
            changer: i % 2 == 0,
            status: if placed_after.is_some() {
                GraduateStatus::Placed
            } else {
                GraduateStatus::Seeking
            },
            placed_after,
            internship: match i {
                0..=3 => Some(true),
                4 | 5 => Some(false),
                _ => None,
            },
        });
    }
    // Program 1, fall 2025: 6 graduates (a small group), 2 placed.
    for i in 0..6 {
        let placed_after = [40, 100].get(i).copied();
        out.push(Person {
            program: 1,
            cohort: (2025, GraduationTerm::Fall),
            changer: i < 4,
            status: if placed_after.is_some() {
                GraduateStatus::Placed
            } else {
                GraduateStatus::Seeking
            },
            placed_after,
            internship: None,
        });
    }
    out
}

fn commencement((year, term): (i32, GraduationTerm)) -> NaiveDate {
    let (m, d) = match term {
        GraduationTerm::Spring => (5, 15),
        GraduationTerm::Summer => (8, 15),
        GraduationTerm::Fall => (12, 15),
    };
    NaiveDate::from_ymd_opt(year, m, d).expect("date")
}

/// Builds the fixture school with two programs and its graduates, placements and applications;
/// also an archived graduate and one who graduated long before the window (both left out).
async fn fixture(app: &TestApp) -> (Vec<Uuid>, Vec<Person>) {
    let db = &app.db;
    let template = institution::Entity::find()
        .one(db)
        .await
        .expect("q")
        .expect("a school");
    let school = institution::Model {
        id: Uuid::new_v4(),
        slug: SCHOOL.into(),
        name: "Fixture College".into(),
        ..template
    };
    school
        .clone()
        .into_active_model()
        .reset_all()
        .insert(db)
        .await
        .expect("school");
    let template = program::Entity::find()
        .one(db)
        .await
        .expect("q")
        .expect("a program");
    let mut programs = Vec::new();
    for n in 0..2 {
        let p = program::Model {
            id: Uuid::new_v4(),
            slug: format!("fixture-program-{n}"),
            institution_id: school.id,
            ..template.clone()
        };
        p.clone()
            .into_active_model()
            .reset_all()
            .insert(db)
            .await
            .expect("program");
        programs.push(p.id);
    }
    let hospital = employer_partner::Entity::find()
        .filter(employer_partner::Column::Slug.eq(crate::internships::HOSPITAL))
        .one(db)
        .await
        .expect("q")
        .expect("hospital");
    let elsewhere = employer_partner::Entity::find()
        .filter(employer_partner::Column::Id.ne(hospital.id))
        .one(db)
        .await
        .expect("q")
        .expect("another employer");
    let posting = |employer: &employer_partner::Model| {
        let employer = employer.id;
        async move {
            internship::Entity::find()
                .filter(internship::Column::EmployerId.eq(employer))
                .one(db)
                .await
                .expect("q")
                .expect("an internship")
                .id
        }
    };
    let (ours, theirs) = (posting(&hospital).await, posting(&elsewhere).await);
    let template = graduate::Entity::find()
        .one(db)
        .await
        .expect("q")
        .expect("a graduate");
    let people = people();
    let now = Utc::now();
    let extra = [
        (GraduateStatus::Archived, (2025, GraduationTerm::Spring)),
        (GraduateStatus::Seeking, (2019, GraduationTerm::Spring)),
    ];
    let everyone = people
        .iter()
        .map(|p| (p.program, p.cohort, p.changer, p.status))
        .chain(extra.iter().map(|(s, c)| (0, *c, false, *s)));
    for (n, (prog, cohort, changer, status)) in everyone.enumerate() {
        let id = Uuid::new_v4();
        graduate::Model {
            id,
            institution_id: school.id,
            program_id: programs[prog],
            email: format!("fixture-{n}@example.org"),
            graduation_year: cohort.0,
            graduation_term: cohort.1,
            background: if changer {
                Background::CareerChanger
            } else {
                Background::Clinical
            },
            status,
            consent: ConsentLevel::Anonymous,
            ..template.clone()
        }
        .into_active_model()
        .reset_all()
        .insert(db)
        .await
        .expect("graduate");
        let Some(p) = people.get(n) else { continue };
        if let Some(posting) = p.internship.map(|hired| if hired { ours } else { theirs }) {
            application::Model {
                id: Uuid::new_v4(),
                graduate_id: id,
                internship_id: posting,
                status: ApplicationStatus::Completed,
                cover_note: None,
                created_at: now,
                updated_at: now,
                version: 1,
            }
            .into_active_model()
            .insert(db)
            .await
            .expect("application");
        }
        if let Some(after) = p.placed_after {
            placement::Model {
                id: Uuid::new_v4(),
                graduate_id: id,
                employer_id: hospital.id,
                internship_id: None,
                title: "Analyst".into(),
                soc_code: None,
                employment_type: EmploymentType::FullTime,
                start_date: commencement(p.cohort) + TimeDelta::days(after),
                recorded_by: "fixture".into(),
                created_at: now,
                updated_at: now,
                version: 1,
            }
            .into_active_model()
            .insert(db)
            .await
            .expect("placement");
        }
    }
    (programs, people)
}

const REPORT: &str = "query($g: [ReportDimension!]) {
    consortiumReport(from: \"2024-01-01\", to: \"2026-12-31\", institution: \"fixture-college\", groupBy: $g) {
      suppressionThreshold
      rows { program { id } graduationYear graduationTerm careerChanger ...F }
      total { ...F } } }
    fragment F on OutcomeRow { graduates { value suppressed } seeking { value suppressed }
      placed { value suppressed } placementRate { value suppressed }
      medianDaysToPlacement { value suppressed } internshipsCompleted { value suppressed }
      internshipToHireConversion { value suppressed } dataProfile }";

/// The figures of a group of fixture people, counted here: graduates, seeking, placed,
/// placement rate, median days, internships completed, conversion.
fn expected(group: &[&Person]) -> Value {
    let n = group.len() as i64;
    let placed: Vec<i64> = group.iter().filter_map(|p| p.placed_after).collect();
    let mut days = placed.clone();
    days.sort();
    let median = match days.len() {
        0 => Value::Null,
        k if k % 2 == 1 => json!(days[k / 2] as f64),
        k => json!((days[k / 2 - 1] + days[k / 2]) as f64 / 2.0),
    };
    let completed = group.iter().filter(|p| p.internship.is_some()).count() as i64;
    let converted = group.iter().filter(|p| p.internship == Some(true)).count() as i64;
    let rate = |a: i64, b: i64| {
        if b == 0 {
            Value::Null
        } else {
            json!(a as f64 / b as f64)
        }
    };
    json!({
        "graduates": n, "seeking": n - placed.len() as i64, "placed": placed.len(),
        "placementRate": rate(placed.len() as i64, n), "medianDaysToPlacement": median,
        "internshipsCompleted": completed, "internshipToHireConversion": rate(converted, completed),
    })
}

fn figures(row: &Value) -> Value {
    let keys = [
        "graduates",
        "seeking",
        "placed",
        "placementRate",
        "medianDaysToPlacement",
        "internshipsCompleted",
        "internshipToHireConversion",
    ];
    let mut out = json!({});
    for k in keys {
        out[k] = row[k]["value"].clone();
    }
    out
}

async fn report(app: &TestApp, token: &str, group_by: Value) -> Reply {
    let reply = app
        .gql(REPORT)
        .vars(json!({ "g": group_by }))
        .bearer(token)
        .send()
        .await;
    reply.data();
    reply
}

#[tokio::test]
async fn every_figure_matches_a_count_made_on_the_fixture() {
    let app = TestApp::spawn_demo().await;
    let (programs, people) = fixture(&app).await;
    let admin = tokens::consortium_admin();

    let by_program = report(&app, &admin, json!(["PROGRAM"])).await;
    let data = &by_program.data()["consortiumReport"];
    assert!(
        data["suppressionThreshold"].is_null(),
        "admins see every figure"
    );
    let rows = data["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 2);
    for row in rows {
        let prog = programs
            .iter()
            .position(|p| row["program"]["id"] == p.to_string())
            .expect("program");
        let group: Vec<&Person> = people.iter().filter(|p| p.program == prog).collect();
        assert_eq!(figures(row), expected(&group), "program {prog}");
    }
    let all: Vec<&Person> = people.iter().collect();
    assert_eq!(figures(&data["total"]), expected(&all), "total");
    let profile = &data["total"]["dataProfile"];
    assert_eq!(profile["qdata:holdersInSet"][0]["schema:value"], 20);
    assert_eq!(profile["qdata:employmentRate"][0]["qdata:percentage"], 55.0);

    let by_cohort = report(&app, &admin, json!(["COHORT", "BACKGROUND"])).await;
    let rows = by_cohort.data()["consortiumReport"]["rows"]
        .as_array()
        .expect("rows")
        .clone();
    assert_eq!(rows.len(), 4, "two cohorts by two backgrounds");
    for row in &rows {
        let term = match row["graduationTerm"].as_str() {
            Some("SPRING") => GraduationTerm::Spring,
            _ => GraduationTerm::Fall,
        };
        let changer = row["careerChanger"] == true;
        let group: Vec<&Person> = people
            .iter()
            .filter(|p| p.cohort == (2025, term) && p.changer == changer)
            .collect();
        assert_eq!(row["graduationYear"], 2025);
        assert_eq!(figures(row), expected(&group), "{term:?} changer={changer}");
    }

    // By the kind of employer of the first placement: every fixture placement is with the
    // hospital; the graduates never placed form the row without a kind.
    let by_kind = app
        .gql("query($g: [ReportDimension!]) { consortiumReport(from: \"2024-01-01\", to: \"2026-12-31\",
              institution: \"fixture-college\", groupBy: $g) { rows { employerKind graduates { value }
              placed { value } medianDaysToPlacement { value } internshipsCompleted { value } } } }")
        .vars(json!({ "g": ["EMPLOYER_KIND"] }))
        .bearer(&admin)
        .send()
        .await;
    let rows = by_kind.data()["consortiumReport"]["rows"]
        .as_array()
        .expect("rows")
        .clone();
    assert_eq!(rows.len(), 2);
    for row in &rows {
        let placed = !row["employerKind"].is_null();
        if placed {
            assert_eq!(row["employerKind"], "HOSPITAL");
        }
        let group: Vec<&Person> = people
            .iter()
            .filter(|p| p.placed_after.is_some() == placed)
            .collect();
        let want = expected(&group);
        for k in [
            "graduates",
            "placed",
            "medianDaysToPlacement",
            "internshipsCompleted",
        ] {
            assert_eq!(row[k]["value"], want[k], "{k} placed={placed}");
        }
    }
}

#[tokio::test]
async fn school_viewers_never_see_a_small_count_nor_one_they_could_derive() {
    let app = TestApp::spawn_demo().await;
    fixture(&app).await;
    let admin = report(&app, &tokens::consortium_admin(), json!(["PROGRAM"])).await;
    let staff = report(&app, &tokens::school_staff(SCHOOL), json!(["PROGRAM"])).await;
    let data = &staff.data()["consortiumReport"];
    assert_eq!(data["suppressionThreshold"], 10);
    let rows = data["rows"].as_array().expect("rows");
    let full = admin.data()["consortiumReport"]["rows"]
        .as_array()
        .expect("rows")
        .clone();
    let columns = ["graduates", "seeking", "placed", "internshipsCompleted"];
    for column in columns {
        let hidden = rows
            .iter()
            .filter(|r| r[column]["suppressed"] == true)
            .count();
        let total_hidden = data["total"][column]["suppressed"] == true;
        assert!(
            hidden != 1 || total_hidden,
            "{column}: one hidden cell follows from the total"
        );
        for (row, truth) in rows.iter().zip(&full) {
            match row[column]["value"].as_i64() {
                Some(v) => {
                    assert!(v >= 10, "{column} shows {v}");
                    assert_eq!(row[column]["value"], truth[column]["value"]);
                }
                None => assert_eq!(row[column]["suppressed"], true),
            }
        }
    }
    // Across reports too: a date range one cohort shorter (the spring cohort alone) never
    // shows a count that, subtracted from the longer range's, gives a small one.
    let range = |to: &str| {
        let query = format!(
            "{{ consortiumReport(from: \"2024-01-01\", to: \"{to}\", institution: \"{SCHOOL}\") {{
               total {{ graduates {{ value }} seeking {{ value }} placed {{ value }} internshipsCompleted {{ value }} }} }} }}"
        );
        let app = &app;
        async move {
            let reply = app
                .gql(&query)
                .bearer(tokens::school_staff(SCHOOL))
                .send()
                .await;
            reply.data()["consortiumReport"]["total"].clone()
        }
    };
    let (long, short) = (range("2026-12-31").await, range("2025-06-30").await);
    for column in columns {
        if let (Some(a), Some(b)) = (
            long[column]["value"].as_i64(),
            short[column]["value"].as_i64(),
        ) {
            let diff = a - b;
            assert!(diff == 0 || diff >= 10, "{column}: {a} - {b} = {diff}");
        }
    }

    // The small program is hidden whole, rates and median included.
    let small = rows
        .iter()
        .find(|r| r["graduates"]["suppressed"] == true)
        .expect("a hidden row");
    for k in ["placementRate", "medianDaysToPlacement", "placed"] {
        assert!(
            small[k]["value"].is_null() && small[k]["suppressed"] == true,
            "{k}"
        );
    }
    assert!(small["dataProfile"].get("qdata:holdersInSet").is_none());
}

/// Where the finest figures are hidden, the school's pooled report shows them: its one program
/// family's 2025 graduates together (20, every figure as counted here where it shows); the
/// lone 2019 graduate is left out as too few even pooled; and a range that cuts 2025 in half
/// leaves 2025 out whole rather than show a part that could be differenced.
#[tokio::test]
async fn a_hidden_school_report_is_offered_pooled_and_still_never_reveals_a_small_count() {
    let app = TestApp::spawn_demo().await;
    fixture(&app).await;
    let staff = tokens::school_staff(SCHOOL);
    let pooled = |to: &'static str| {
        let (app, staff) = (&app, &staff);
        async move {
            let query = format!(
                "{{ consortiumReport(from: \"2019-01-01\", to: \"{to}\", groupBy: [PROGRAM, COHORT]) {{
                   rows {{ graduates {{ suppressed }} }}
                   pooled {{ leftOut rows {{ pooled programFamily graduationYear
                     graduates {{ value }} seeking {{ value }} placed {{ value }} }}
                     total {{ graduates {{ value }} seeking {{ value }} placed {{ value }} }} }} }} }}"
            );
            let reply = app.gql(&query).bearer(staff).send().await;
            reply.data()["consortiumReport"].clone()
        }
    };
    let whole = pooled("2026-12-31").await;
    assert!(
        whole["rows"]
            .as_array()
            .expect("rows")
            .iter()
            .any(|r| r["graduates"]["suppressed"] == true),
        "the finest figures hide something"
    );
    let report = &whole["pooled"][0];
    let rows = report["rows"].as_array().expect("pooled rows");
    assert_eq!(rows.len(), 1, "{report}");
    assert_eq!(rows[0]["graduationYear"], 2025);
    assert!(rows[0]["programFamily"].is_string());
    assert!(
        rows[0]["pooled"]
            .as_str()
            .unwrap_or_default()
            .contains("2025")
    );
    let in_2025 = people().len() as i64;
    assert_eq!(rows[0]["graduates"]["value"], in_2025);
    assert_eq!(report["total"]["graduates"]["value"], in_2025);
    let left_out = report["leftOut"].to_string();
    assert!(
        left_out.contains("2019") && left_out.contains("too few"),
        "{left_out}"
    );
    for figure in rows.iter().chain([&report["total"]]) {
        for column in ["graduates", "seeking", "placed"] {
            if let Some(n) = figure[column]["value"].as_i64() {
                assert!(n >= 10, "{column} shows {n}");
            }
        }
    }
    // The spring 2025 cohort alone would be 14 of the 20: half a pooled year is left out.
    let cut = pooled("2025-06-30").await;
    let report = &cut["pooled"][0];
    assert!(
        report["rows"].as_array().is_some_and(Vec::is_empty),
        "{report}"
    );
    assert!(report["total"]["graduates"]["value"].is_null());
    assert!(
        report["leftOut"].to_string().contains("only part"),
        "{report}"
    );
}

/// On the demo, a school admin (the README's persona) reads figures: pooled, where the finest
/// ones are hidden.
#[tokio::test]
async fn a_demo_school_admin_reads_figures() {
    let app = TestApp::spawn_demo().await;
    let persona = api::seed::personas::persona("psu-admin").expect("persona");
    let role = serde_json::to_value(persona.claim()).expect("claim");
    let token = tokens::hs256(&tokens::claims(persona.name, json!([role])));
    let reply = app
        .gql("{ consortiumReport(from: \"2023-01-01\", to: \"2026-12-31\", groupBy: [PROGRAM, COHORT]) {
               pooled { total { graduates { value } } rows { graduates { value } } } } }")
        .bearer(token)
        .send()
        .await;
    let pooled = &reply.data()["consortiumReport"]["pooled"][0];
    assert!(
        pooled["total"]["graduates"]["value"].as_i64() >= Some(10),
        "{pooled}"
    );
    assert!(!pooled["rows"].as_array().expect("rows").is_empty());
}

#[tokio::test]
async fn the_skills_gap_matches_an_independent_count() {
    let app = TestApp::spawn_demo().await;
    let db = &app.db;
    let reply = app
        .gql("{ skillsGap(state: \"GA\") { skill { slug } demand supply { value suppressed } gap } }")
        .bearer(tokens::consortium_admin())
        .send()
        .await;
    let lines = reply.data()["skillsGap"].as_array().expect("lines").clone();
    let open: Vec<internship::Model> = internship::Entity::find()
        .filter(internship::Column::Status.eq(InternshipStatus::Open))
        .filter(internship::Column::State.eq("GA"))
        .all(db)
        .await
        .expect("q");
    let active: Vec<Uuid> = employer_partner::Entity::find()
        .filter(employer_partner::Column::Status.eq(entity::enums::EmployerStatus::Active))
        .all(db)
        .await
        .expect("q")
        .into_iter()
        .map(|e| e.id)
        .collect();
    let wanted = internship_skill::Entity::find().all(db).await.expect("q");
    let seekers: Vec<Uuid> = graduate::Entity::find()
        .filter(graduate::Column::Status.eq(GraduateStatus::Seeking))
        .filter(graduate::Column::Consent.ne(ConsentLevel::Private))
        .filter(graduate::Column::State.eq("GA"))
        .all(db)
        .await
        .expect("q")
        .into_iter()
        .map(|g| g.id)
        .collect();
    let held = graduate_skill::Entity::find().all(db).await.expect("q");
    let skills = entity::skill::Entity::find().all(db).await.expect("q");
    assert_eq!(lines.len(), skills.len());
    let mut last_gap = i64::MAX;
    for line in &lines {
        let skill = skills
            .iter()
            .find(|s| line["skill"]["slug"] == s.slug.as_str())
            .expect("skill");
        let demand = open
            .iter()
            .filter(|i| active.contains(&i.employer_id))
            .filter(|i| {
                wanted
                    .iter()
                    .any(|w| w.internship_id == i.id && w.skill_id == skill.id)
            })
            .count() as i64;
        let supply = held
            .iter()
            .filter(|h| h.skill_id == skill.id && seekers.contains(&h.graduate_id))
            .count() as i64;
        assert_eq!(
            (line["demand"].as_i64(), line["supply"]["value"].as_i64()),
            (Some(demand), Some(supply)),
            "{}",
            skill.slug
        );
        let gap = line["gap"].as_i64().expect("gap");
        assert_eq!(gap, demand - supply);
        assert!(gap <= last_gap, "largest gap first");
        last_gap = gap;
    }
    assert!(lines.iter().any(|l| l["demand"].as_i64() > Some(0)));
}

#[tokio::test]
async fn reports_are_for_schools_about_themselves_and_for_consortium_admins() {
    let w = World::new().await;
    expect_matrix("consortiumReport of X", "UFAAFFA", |role| {
        let w = &w;
        async move {
            let query = "query($s: String) { consortiumReport(institution: $s) { total { graduates { suppressed } } } }";
            outcome(&w.send(role, query, json!({ "s": w.x.slug })).await)
        }
    })
    .await;
    expect_matrix("skillsGap", "UFAAAFA", |role| {
        let w = &w;
        async move { outcome(&w.send(role, "{ skillsGap { gap } }", json!({})).await) }
    })
    .await;
}
