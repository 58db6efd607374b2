//! The JSON Schema of the scene format (`assets/scene.schema.json`) stays true to the
//! Rust types: the committed file is exactly what `scene-check --schema` derives from
//! them, every shipped scene and fixture passes it, and it rejects what the game
//! rejects where a schema can tell (unknown fields, wrong types, the limits).
//!
//! The schema is checked with a small validator of the part of JSON Schema that
//! schemars emits, written here: the `jsonschema` crate took over two minutes to build
//! on this project's 2-core machines. It refuses a keyword it does not know, so a
//! schemars upgrade that emits a new one fails here instead of being skipped.

use hazard_hunt::scene::limits::*;
use hazard_hunt::scene::{Scene, FORMAT_VERSION, OLDEST_VERSION};
use serde_json::{json, Value};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const REGENERATE: &str = "cargo run --bin scene-check -- --schema > assets/scene.schema.json";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn committed_schema() -> Value {
    serde_json::from_str(&read(&root().join("assets/scene.schema.json")))
        .expect("assets/scene.schema.json is JSON")
}

/// The JSON files in `dir` whose names start with `prefix`, sorted.
fn json_files(dir: &str, prefix: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = fs::read_dir(root().join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .filter(|p| p.file_name().unwrap().to_str().unwrap().starts_with(prefix))
        .collect();
    out.sort();
    out
}

/// Every way `value` breaks `schema`, as `path: what`.
fn violations(schema: &Value, value: &Value) -> Vec<String> {
    let mut out = Vec::new();
    Validator { root: schema }.check(schema, value, "", &mut out);
    out
}

/// The part of JSON Schema (2020-12) that schemars emits for the scene types.
struct Validator<'a> {
    root: &'a Value,
}

impl Validator<'_> {
    fn check(&self, schema: &Value, v: &Value, path: &str, out: &mut Vec<String>) {
        let at = if path.is_empty() { "(top level)" } else { path };
        let schema = match schema {
            Value::Bool(true) => return,
            Value::Bool(false) => return out.push(format!("{at}: nothing is allowed here")),
            Value::Object(map) => map,
            other => panic!("a schema is an object or a boolean, not {other}"),
        };
        for (key, rule) in schema {
            match key.as_str() {
                // Annotations: they describe, they do not constrain.
                "$schema" | "title" | "description" | "default" | "format" | "$defs" => {}
                "$ref" => {
                    let target = rule
                        .as_str()
                        .and_then(|r| r.strip_prefix('#'))
                        .and_then(|pointer| self.root.pointer(pointer))
                        .unwrap_or_else(|| panic!("unresolved $ref {rule}"));
                    self.check(target, v, path, out);
                }
                "type" => {
                    let types: Vec<&str> = match rule {
                        Value::String(t) => vec![t.as_str()],
                        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
                        other => panic!("type is {other}"),
                    };
                    if !types.iter().any(|t| has_type(v, t)) {
                        out.push(format!("{at}: expected {}, found {v}", types.join(" or ")));
                    }
                }
                "enum" => {
                    let options = rule.as_array().expect("enum is a list");
                    if !options.contains(v) {
                        out.push(format!("{at}: {v} is not one of {rule}"));
                    }
                }
                "const" => {
                    if v != rule {
                        out.push(format!("{at}: must be {rule}"));
                    }
                }
                "properties" => {
                    let (Some(props), Some(obj)) = (rule.as_object(), v.as_object()) else {
                        continue;
                    };
                    for (name, sub) in props {
                        if let Some(item) = obj.get(name) {
                            self.check(sub, item, &join(path, name), out);
                        }
                    }
                }
                "required" => {
                    if let Some(obj) = v.as_object() {
                        for name in rule.as_array().expect("required is a list") {
                            let name = name.as_str().expect("a required name");
                            if !obj.contains_key(name) {
                                out.push(format!("{at}: missing field `{name}`"));
                            }
                        }
                    }
                }
                "additionalProperties" => {
                    let Some(obj) = v.as_object() else { continue };
                    let known = schema.get("properties").and_then(Value::as_object);
                    for (name, item) in obj {
                        if known.is_some_and(|k| k.contains_key(name)) {
                            continue;
                        }
                        match rule {
                            Value::Bool(false) => out.push(format!("{at}: unknown field `{name}`")),
                            _ => self.check(rule, item, &join(path, name), out),
                        }
                    }
                }
                "items" => {
                    if let Some(items) = v.as_array() {
                        for (i, item) in items.iter().enumerate() {
                            self.check(rule, item, &format!("{path}[{i}]"), out);
                        }
                    }
                }
                "minItems" | "maxItems" => {
                    if let Some(items) = v.as_array() {
                        bound(key, rule, items.len() as f64, at, "entries", out);
                    }
                }
                "minLength" | "maxLength" => {
                    if let Some(s) = v.as_str() {
                        bound(key, rule, s.chars().count() as f64, at, "characters", out);
                    }
                }
                "minimum" | "maximum" | "exclusiveMinimum" | "exclusiveMaximum" => {
                    if let Some(n) = v.as_f64() {
                        bound(key, rule, n, at, "", out);
                    }
                }
                "pattern" => {
                    if let Some(s) = v.as_str() {
                        let pattern = rule.as_str().expect("pattern is a string");
                        if !matches_pattern(pattern, s) {
                            out.push(format!("{at}: {s:?} does not match {pattern}"));
                        }
                    }
                }
                "anyOf" | "oneOf" | "allOf" => {
                    let branches = rule.as_array().expect("a list of schemas");
                    let failures: Vec<Vec<String>> = branches
                        .iter()
                        .map(|b| {
                            let mut o = Vec::new();
                            self.check(b, v, path, &mut o);
                            o
                        })
                        .collect();
                    let passed = failures.iter().filter(|f| f.is_empty()).count();
                    let ok = match key.as_str() {
                        "anyOf" => passed >= 1,
                        "oneOf" => passed == 1,
                        _ => passed == branches.len(),
                    };
                    if !ok {
                        out.push(format!("{at}: {key} fails: {failures:?}"));
                    }
                }
                other => panic!(
                    "the validator in tests/schema.rs does not know the keyword `{other}`: \
                     teach it, or the schema is not checked"
                ),
            }
        }
    }
}

fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_string()
    } else {
        format!("{path}.{name}")
    }
}

fn has_type(v: &Value, t: &str) -> bool {
    match t {
        "object" => v.is_object(),
        "array" => v.is_array(),
        "string" => v.is_string(),
        "number" => v.is_number(),
        "integer" => v.is_i64() || v.is_u64() || v.as_f64().is_some_and(|f| f.fract() == 0.0),
        "boolean" => v.is_boolean(),
        "null" => v.is_null(),
        other => panic!("unknown type {other}"),
    }
}

fn bound(key: &str, rule: &Value, n: f64, at: &str, unit: &str, out: &mut Vec<String>) {
    let limit = rule.as_f64().unwrap_or_else(|| panic!("{key} is {rule}"));
    let ok = match key {
        "minItems" | "minLength" | "minimum" => n >= limit,
        "maxItems" | "maxLength" | "maximum" => n <= limit,
        "exclusiveMinimum" => n > limit,
        _ => n < limit,
    };
    if !ok {
        out.push(format!("{at}: {n} {unit} breaks {key} {limit}"));
    }
}

/// The patterns the schema uses, each matched by hand (no regex crate here). A new
/// pattern must be added here before the test passes.
fn matches_pattern(pattern: &str, s: &str) -> bool {
    match pattern {
        "^[a-z0-9-]+$" => {
            !s.is_empty()
                && s.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        }
        // Not only white space (an unanchored pattern matches anywhere in the text).
        r"\S" => s.chars().any(|c| !c.is_whitespace()),
        "^#[0-9a-fA-F]{6}$" => {
            s.len() == 7 && s.starts_with('#') && s[1..].bytes().all(|b| b.is_ascii_hexdigit())
        }
        other => panic!("tests/schema.rs cannot match the pattern {other}: add it"),
    }
}

#[test]
fn committed_schema_is_the_one_the_types_give() {
    let out = Command::new(env!("CARGO_BIN_EXE_scene-check"))
        .arg("--schema")
        .output()
        .expect("scene-check runs");
    assert!(out.status.success(), "scene-check --schema failed");
    let generated = String::from_utf8(out.stdout).expect("UTF-8");
    let committed = read(&root().join("assets/scene.schema.json"));
    assert!(
        generated == committed,
        "assets/scene.schema.json is out of date with the Rust types in src/scene.rs and \
         src/i18n.rs; regenerate it with\n    {REGENERATE}\nand commit it"
    );
    let v: Value = serde_json::from_str(&generated).expect("the schema is JSON");
    assert_eq!(v["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert!(
        v.get("$id").is_none(),
        "no $id: the file is used where it lies"
    );
    assert!(v["title"].is_string());
}

#[test]
fn shipped_scenes_and_fixtures_pass_the_schema() {
    let schema = committed_schema();
    let files: Vec<PathBuf> = json_files("assets/scenes", "")
        .into_iter()
        .chain(json_files("tests/fixtures", "minimal"))
        .collect();
    assert!(files.len() >= 3, "found only {files:?}");
    for path in files {
        let text = read(&path);
        let v: Value = serde_json::from_str(&text).unwrap();
        let bad = violations(&schema, &v);
        assert!(bad.is_empty(), "{}: {bad:#?}", path.display());
        // The same scene as the game writes it back (version 2) passes too.
        let scene = Scene::parse("x.json", &text).expect("a valid scene");
        let written = serde_json::to_value(&scene).unwrap();
        let bad = violations(&schema, &written);
        assert!(bad.is_empty(), "{} written back: {bad:#?}", path.display());
    }
}

fn minimal_v2() -> Value {
    serde_json::from_str(&read(&root().join("tests/fixtures/minimal-v2.json"))).unwrap()
}

#[test]
fn schema_rejects_an_unknown_field() {
    let schema = committed_schema();
    let mut v = minimal_v2();
    v["layers"][1]["colour"] = json!("red");
    assert_eq!(
        violations(&schema, &v),
        vec!["layers[1]: unknown field `colour`"]
    );
    let mut v = minimal_v2();
    v["$schema"] = json!("../scene.schema.json");
    assert_eq!(
        violations(&schema, &v),
        vec!["(top level): unknown field `$schema`"],
        "the format denies unknown fields, $schema among them"
    );
}

#[test]
fn schema_rejects_a_wrong_type() {
    let schema = committed_schema();
    let mut v = minimal_v2();
    v["hazards"][0]["region"] = json!("[[1, 2], [3, 4], [5, 6]]");
    let bad = violations(&schema, &v);
    assert!(
        bad.iter()
            .any(|p| p.starts_with("hazards[0].region: expected array")),
        "{bad:#?}"
    );
    let mut v = minimal_v2();
    v["hazards"][0]["severity"] = json!("extreme");
    let bad = violations(&schema, &v);
    assert!(
        bad.iter()
            .any(|p| p.starts_with("hazards[0].severity: \"extreme\" is not one of")),
        "{bad:#?}"
    );
    let mut v = minimal_v2();
    v["title"] = json!({"zh": "标题"});
    assert_eq!(violations(&schema, &v), vec!["title: missing field `en`"]);
}

/// The limits of `scene::limits` appear in the schema with their values.
#[test]
fn schema_carries_the_limits() {
    let s = committed_schema();
    let defs = &s["$defs"];
    let props = &s["properties"];
    assert_eq!(props["version"]["minimum"], OLDEST_VERSION);
    assert_eq!(props["version"]["maximum"], FORMAT_VERSION);
    assert_eq!(props["layers"]["maxItems"], MAX_LAYERS);
    assert_eq!(props["hazards"]["maxItems"], MAX_HAZARDS);
    assert_eq!(props["decoys"]["maxItems"], MAX_DECOYS);
    assert_eq!(props["id"]["maxLength"], MAX_NAME_CHARS);
    assert_eq!(defs["Polygon"]["maxItems"], MAX_REGION_POINTS);
    assert_eq!(defs["Polygon"]["minItems"], 3);
    assert_eq!(
        defs["Hazard"]["properties"]["layers"]["maxItems"],
        MAX_HAZARD_LAYERS
    );
    assert_eq!(
        defs["FixedLook"]["properties"]["show"]["maxItems"],
        MAX_FIXED_LAYERS
    );
    assert_eq!(
        defs["Question"]["properties"]["answers"]["minItems"],
        ANSWERS
    );
    assert_eq!(
        defs["Question"]["properties"]["answers"]["maxItems"],
        ANSWERS
    );
    assert_eq!(
        defs["Text"]["properties"]["en"]["maxLength"],
        MAX_TEXT_CHARS
    );
    assert_eq!(defs["Size"]["properties"]["w"]["minimum"], MIN_SCENE_SIDE);
    assert_eq!(defs["Size"]["properties"]["h"]["maximum"], MAX_SCENE_SIDE);
    // Descriptions read as plain sentences: the Rust links to the limits are resolved.
    let text = s.to_string();
    assert!(!text.contains("[`"), "an unresolved doc link is left");
}

/// What an editor catches with the schema alone, and what only `scene-check` does:
/// each broken fixture is on exactly one of the two lists.
#[test]
fn schema_catches_the_broken_fixtures_it_can() {
    const SCHEMA_CATCHES: &[&str] = &[
        "bad-backdrop",
        "bad-category",
        "blank-chinese",
        "depth-out-of-range",
        "future-version",
        "hazard-names-33-layers",
        "huge-scene",
        "long-layer-id",
        "long-text",
        "missing-english",
        "missing-region",
        "motion-bad-kind",
        "motion-period-zero",
        "negative-size",
        "no-hazards",
        "region-257-points",
        "region-wrong-type",
        "tiny-scene",
        "two-answers",
        "two-points",
        "unknown-field",
        "unsafe-sprite",
    ];
    // Geometry, references between fields, and files that are not a JSON object.
    const ONLY_SCENE_CHECK: &[&str] = &[
        "bom-then-text",
        "bow-tie",
        "decoy-same-id",
        "depth-on-hazard-layer",
        "duplicate-hazard",
        "empty-file",
        "fixed-unknown-layer",
        "flat-region",
        "giant-layer",
        "missing-label",
        "missing-question",
        "motion-covered",
        "motion-drifts-decoy",
        "motion-over-hazard",
        "motion-too-big",
        "not-json",
        "point-outside",
        "question-two-right",
        "region-off-layer",
        "region-twice-round",
        "too-many-moving",
        "top-level-array",
        "truncated",
        "unknown-layer",
    ];
    let schema = committed_schema();
    let mut seen = 0;
    for path in json_files("tests/fixtures/broken", "") {
        let name = path.file_stem().unwrap().to_str().unwrap();
        let caught = match serde_json::from_str::<Value>(&read(&path)) {
            Ok(v @ Value::Object(_)) => !violations(&schema, &v).is_empty(),
            _ => false,
        };
        if SCHEMA_CATCHES.contains(&name) {
            assert!(caught, "{name}: the schema should reject it");
        } else {
            assert!(
                ONLY_SCENE_CHECK.contains(&name),
                "{name}: a new broken fixture; add it to one of the two lists"
            );
            assert!(
                !caught,
                "{name}: the schema rejects it; move it to SCHEMA_CATCHES"
            );
        }
        seen += 1;
    }
    assert_eq!(seen, SCHEMA_CATCHES.len() + ONLY_SCENE_CHECK.len());
}
