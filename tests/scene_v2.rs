//! Scene format v2: labels, decoys, fixed looks and questions; version 1 files still
//! load (migrated in code); scenes serialize and read back the same; a file with
//! several problems reports every one.

use hazard_hunt::scene::{Scene, SceneError, FORMAT_VERSION};
use serde_json::{json, Value};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn v2() -> Value {
    serde_json::from_str(&fixture("minimal-v2.json")).unwrap()
}

/// Parses `v` (as `mini2.json`) and returns every problem as one line each.
fn problems(v: &Value) -> Vec<String> {
    match Scene::parse("mini2.json", &v.to_string()) {
        Ok(_) => Vec::new(),
        Err(e) => e.problems().iter().map(|p| p.to_string()).collect(),
    }
}

#[track_caller]
fn assert_problem(v: &Value, expect: &str) {
    let got = problems(v);
    assert!(
        got.iter().any(|p| p == &format!("mini2.json: {expect}")),
        "expected «mini2.json: {expect}» among {got:#?}"
    );
}

#[test]
fn a_v2_scene_parses_with_its_decoys_fixed_looks_and_questions() {
    let s = Scene::parse("mini2.json", &fixture("minimal-v2.json")).expect("valid");
    assert_eq!(s.version, 2);
    assert_eq!(s.decoys.len(), 1);
    assert_eq!(s.decoys[0].id, "cones-ok");
    let q = s.hazards[0].question.as_ref().unwrap();
    assert_eq!(q.answers.iter().filter(|a| a.right).count(), 1);
    assert_eq!(s.layers[1].label.as_ref().unwrap().en, "toolbox");
    // Fixed looks' sprites are loaded with the scene's own.
    assert_eq!(
        s.sprite_names(),
        vec![
            "sky",
            "toolbox",
            "tree",
            "cones-stack",
            "generator",
            "sign-folded"
        ]
    );
    // The decoy's inside point is worked out like a hazard's.
    assert!(hazard_hunt::geom::contains(
        s.decoys[0].polygon(),
        s.decoys[0].inside()
    ));
}

#[test]
fn version_1_files_are_migrated() {
    let s = Scene::parse("minimal.json", &fixture("minimal.json")).expect("v1 loads");
    assert_eq!(s.version, FORMAT_VERSION, "migrated in memory");
    assert!(s.decoys.is_empty());
    assert!(s
        .hazards
        .iter()
        .all(|h| h.fixed.is_none() && h.question.is_none()));
    // Written out, it is a v2 file without the v2 parts: a checker can convert it,
    // and v2's rules then ask for what is missing.
    let text = serde_json::to_string(&s).unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["version"], 2);
    let got = problems(&v);
    assert!(got.iter().any(|p| p.ends_with(
        "hazards[0].fixed: missing: how it looks when done right ({\"hide\": [...], \"show\": [...]})"
    )));
    assert!(
        got.iter()
            .any(|p| p
                .ends_with("hazards[1].question: missing: the \"what do you do now?\" question"))
    );
}

#[test]
fn scenes_serialize_and_read_back_the_same() {
    // The v2 fixture and every shipped scene already in v2 (a v1 file written out is
    // an incomplete v2 file: see `version_1_files_are_migrated`).
    let mut files = vec![("mini2.json".to_string(), fixture("minimal-v2.json"))];
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/scenes");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let raw: Value = match serde_json::from_str(&text) {
            Ok(v) => v,
            Err(_) => continue,
        };
        if raw["version"] == 2 {
            files.push((path.file_name().unwrap().to_str().unwrap().into(), text));
        }
    }
    for (file, text) in &files {
        let a = Scene::parse(file, text).unwrap();
        let written = serde_json::to_string_pretty(&a).unwrap();
        let b = Scene::parse(file, &written).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(a, b, "{file}: the written scene reads back the same");
        // Optional fields that are absent stay absent.
        assert!(!written.contains("\"flip\": false"), "{file}");
        assert!(!written.contains("null"), "{file}");
    }
}

#[test]
fn questions_need_three_answers_exactly_one_right() {
    let mut v = v2();
    v["hazards"][0]["question"]["answers"][1]["right"] = json!(true);
    assert_problem(
        &v,
        "hazards[0].question.answers: exactly one answer is right (\"right\": true), here 2 are",
    );
    let mut v = v2();
    v["hazards"][1]["question"]["answers"]
        .as_array_mut()
        .unwrap()
        .pop();
    assert_problem(
        &v,
        "hazards[1].question.answers: a question has exactly 3 answers, this one has 2",
    );
    let mut v = v2();
    v["hazards"][0]["question"]["answers"][2]["why"]["en"] = json!(" ");
    assert_problem(
        &v,
        "hazards[0].question.answers[2].why.en: the English text is empty",
    );
    let mut v = v2();
    let one = v["hazards"][0]["question"]["answers"][0].clone();
    v["hazards"][0]["question"]["answers"] = Value::Array(vec![one; 7]);
    assert_problem(
        &v,
        "hazards[0].question.answers: a question has exactly 3 answers, this one has 7",
    );
}

#[test]
fn fixed_looks_name_real_layers_and_change_something() {
    let mut v = v2();
    v["hazards"][0]["fixed"]["hide"] = json!(["nope"]);
    assert_problem(&v, "hazards[0].fixed.hide[0]: no layer has the id \"nope\"");
    let mut v = v2();
    v["hazards"][1]["fixed"] = json!({});
    assert_problem(
        &v,
        "hazards[1].fixed: a fixed look hides or shows at least one layer",
    );
    let mut v = v2();
    v["hazards"][1]["fixed"]["at"] = json!("gone");
    assert_problem(&v, "hazards[1].fixed.at: no layer has the id \"gone\"");
    let mut v = v2();
    v["hazards"][0]["fixed"]["show"][0]["w"] = json!(-3);
    assert_problem(
        &v,
        "hazards[0].fixed.show[0].w: position must be a number and size positive",
    );
}

#[test]
fn decoys_are_checked_like_hazards() {
    let mut v = v2();
    v["decoys"][0]["id"] = json!("square");
    assert_problem(
        &v,
        "decoys[0].id: \"square\" is used twice (hazard and decoy ids share one list)",
    );
    let mut v = v2();
    v["decoys"][0]["layers"] = json!(["box"]);
    v["decoys"][0]["region"] = json!([[300, 250], [390, 250], [390, 290]]);
    assert_problem(
        &v,
        "decoys[0].region: the region does not overlap the layer \"box\" that draws it",
    );
    let mut v = v2();
    v["decoys"][0]["why"]["zh"] = json!("");
    assert_problem(&v, "decoys[0].why.zh: the Chinese text is empty");
    let mut v = v2();
    let one = v["decoys"][0].clone();
    v["decoys"] = Value::Array(vec![one; 9]);
    assert_problem(
        &v,
        "decoys: a scene may have at most 8 decoys, this one has 9",
    );
}

#[test]
fn layers_a_hazard_names_need_a_label_in_v2() {
    let mut v = v2();
    v["layers"][2].as_object_mut().unwrap().remove("label");
    assert_problem(
        &v,
        "layers[2].label: missing: a hazard or decoy names the layer \"ell\", so it needs a short label",
    );
    // In version 1 no label is needed.
    let mut v1: Value = serde_json::from_str(&fixture("minimal.json")).unwrap();
    v1["hazards"][1]["layers"] = json!(["ell"]);
    assert!(Scene::parse("minimal.json", &v1.to_string()).is_ok());
}

#[test]
fn every_problem_in_a_file_is_reported() {
    let mut v = v2();
    v["backdrop"] = json!("blue");
    v["title"]["en"] = json!("");
    v["hazards"][0]["question"]["answers"][0]["right"] = json!(false);
    v["decoys"][0]["name"]["zh"] = json!("");
    let err = Scene::parse("mini2.json", &v.to_string()).unwrap_err();
    assert!(matches!(err, SceneError::Several(_)));
    assert_eq!(
        err.to_string(),
        [
            "mini2.json: backdrop: must be a colour like #1a2b3c",
            "mini2.json: title.en: the English text is empty",
            "mini2.json: hazards[0].question.answers: exactly one answer is right (\"right\": true), here 0 are",
            "mini2.json: decoys[0].name.zh: the Chinese text is empty",
        ]
        .join("\n")
    );
}

#[test]
fn the_fixed_look_changes_the_picture() {
    let s = Scene::parse("mini2.json", &fixture("minimal-v2.json")).unwrap();
    let names = |fixed: &[usize]| -> Vec<&str> {
        s.picture_layers(|i| fixed.contains(&i))
            .iter()
            .map(|l| l.sprite.as_str())
            .collect()
    };
    assert_eq!(names(&[]), ["sky", "toolbox", "tree", "cones-stack"]);
    // The square's fix replaces the toolbox with a generator in its place.
    assert_eq!(names(&[0]), ["sky", "generator", "tree", "cones-stack"]);
    // The L's fix adds a sign directly above the toolbox (its `at`).
    assert_eq!(
        names(&[1]),
        ["sky", "toolbox", "sign-folded", "tree", "cones-stack"]
    );
    assert_eq!(
        names(&[0, 1]),
        ["sky", "generator", "sign-folded", "tree", "cones-stack"]
    );
}

#[test]
fn every_v2_hazard_says_whether_it_is_an_act_or_a_condition() {
    use hazard_hunt::scene::Cause;
    let s = Scene::parse("mini2.json", &fixture("minimal-v2.json")).unwrap();
    assert_eq!(s.hazards[0].cause, Some(Cause::Act));
    assert_eq!(s.hazards[1].cause, Some(Cause::Condition));
    assert_eq!(Cause::Act.key(), "cause.act");
    assert_eq!(Cause::Condition.key(), "cause.condition");

    let mut v = v2();
    v["hazards"][1].as_object_mut().unwrap().remove("cause");
    assert_problem(
        &v,
        "hazards[1].cause: missing: \"act\" (an unsafe act of a person) or \"condition\" (an unsafe condition of a thing)",
    );
    let mut v = v2();
    v["hazards"][0]["cause"] = json!("weather");
    let got = problems(&v);
    assert!(
        got[0].starts_with("mini2.json: hazards[0].cause: unknown variant `weather`"),
        "{got:?}"
    );
    // Version 1 files have no cause and still load.
    let s = Scene::parse("minimal.json", &fixture("minimal.json")).unwrap();
    assert!(s.hazards.iter().all(|h| h.cause.is_none()));
}

#[test]
fn every_shipped_hazard_has_a_cause_and_both_kinds_appear() {
    use hazard_hunt::scene::Cause;
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/scenes");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let s = Scene::parse(&name, &std::fs::read_to_string(&path).unwrap()).unwrap();
        for cause in [Cause::Act, Cause::Condition] {
            assert!(
                s.hazards.iter().any(|h| h.cause == Some(cause)),
                "{name}: no hazard is a {cause:?}"
            );
        }
    }
}

#[test]
fn a_round_size_fits_the_scene() {
    use hazard_hunt::scene::RoundSize;
    let mut v = v2();
    v["round"] = json!({"hazards": 1});
    let s = Scene::parse("mini2.json", &v.to_string()).unwrap();
    assert_eq!(
        s.round,
        Some(RoundSize {
            hazards: 1,
            decoys: None
        })
    );
    v["round"] = json!({"hazards": 2, "decoys": 0});
    assert!(Scene::parse("mini2.json", &v.to_string()).is_ok());

    v["round"] = json!({"hazards": 0});
    assert_problem(&v, "round.hazards: a round shows at least 1 hazard");
    v["round"] = json!({"hazards": 3, "decoys": 2});
    assert_problem(
        &v,
        "round.hazards: the scene has 2 hazards, so a round cannot show 3",
    );
    assert_problem(
        &v,
        "round.decoys: the scene has 1 decoy, so a round cannot show 2",
    );
    v["round"] = json!({"decoys": 1});
    assert_problem(&v, "round: missing field `hazards`");
    v["round"] = json!({"hazards": 1, "views": 2});
    let got = problems(&v);
    assert!(
        got[0].starts_with("mini2.json: round.views: unknown field `views`"),
        "{got:?}"
    );
}
