//! Hard limits on scene files (`hazard_hunt::scene::limits`): each hostile file is
//! refused with a message naming the file, the field and the limit, and the refusal is
//! quick. The big files are built here from `assets/scenes/sewer.json` rather than
//! committed; the small ones live in `tests/fixtures/broken/`.

use hazard_hunt::scene::limits::*;
use hazard_hunt::scene::{Scene, SceneError};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

/// How long one parse may take. Generous on purpose: the old code froze the tab on
/// these files (minutes, then the browser killed it), refusing them now takes
/// milliseconds, and the bound only has to tell "bounded" from "frozen" in a debug
/// build on a slow, busy two-core CI machine.
const BOUND: Duration = Duration::from_secs(2);

/// The sewer scene, slimmed to the version-1 parts (no decoys, fixed looks,
/// questions, clues or labels), so the counts and sizes below stay what they say whatever
/// the shipped scene grows into.
fn sewer() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/scenes/sewer.json");
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let o = v.as_object_mut().unwrap();
    o.insert("version".into(), json!(1));
    o.remove("decoys");
    o.remove("thumbnail");
    // Version 1 had no views nor round sizes: drop them and the hazards inside views.
    o.remove("views");
    o.remove("round");
    v["hazards"]
        .as_array_mut()
        .unwrap()
        .retain(|h| h.get("view").is_none());
    for h in v["hazards"].as_array_mut().unwrap() {
        let h = h.as_object_mut().unwrap();
        h.remove("fixed");
        h.remove("question");
        h.remove("clue");
    }
    for l in v["layers"].as_array_mut().unwrap() {
        l.as_object_mut().unwrap().remove("label");
    }
    v
}

fn to_json(v: &Value) -> String {
    serde_json::to_string(v).unwrap()
}

/// `v` as JSON, with the value at `pointer` replaced by the raw JSON text `raw` (quicker
/// than building a `Value` with a million entries).
fn with_raw(mut v: Value, pointer: &str, raw: &str) -> String {
    const MARK: &str = "@@RAW@@";
    *v.pointer_mut(pointer)
        .unwrap_or_else(|| panic!("no {pointer}")) = json!(MARK);
    let text = to_json(&v);
    let at = text.find(&format!("\"{MARK}\"")).unwrap();
    format!("{}{raw}{}", &text[..at], &text[at + MARK.len() + 2..])
}

/// `[item,item,...]` with `n` items.
fn repeat(item: &str, n: usize) -> String {
    format!("[{}]", vec![item; n].join(","))
}

fn parse_timed(file: &str, json: &str) -> Result<Scene, SceneError> {
    parse_within(BOUND, file, json)
}

fn parse_within(bound: Duration, file: &str, json: &str) -> Result<Scene, SceneError> {
    let start = Instant::now();
    let result = Scene::parse(file, json);
    let took = start.elapsed();
    assert!(
        took < bound,
        "{file}: parse took {took:?}, more than {bound:?}"
    );
    result
}

/// Parses and expects exactly `file: expect`.
#[track_caller]
fn assert_refused(file: &str, json: &str, expect: &str) {
    match parse_timed(file, json) {
        Ok(_) => panic!("{file}: accepted, expected «{expect}»"),
        Err(e) => assert_eq!(e.to_string(), format!("{file}: {expect}")),
    }
}

fn file_size_message(len: usize) -> String {
    format!(
        "(file): the file is {:.1} MiB ({len} bytes); a scene file may be at most 1 MiB (1048576 bytes)",
        len as f64 / (1024.0 * 1024.0)
    )
}

#[test]
fn limits_are_what_the_readme_says() {
    assert_eq!(MAX_FILE_BYTES, 1024 * 1024);
    assert_eq!(MAX_LAYERS, 500);
    assert_eq!(MAX_SPRITES, 128);
    assert_eq!(MAX_HAZARDS, 64);
    assert_eq!(MAX_REGION_POINTS, 256);
    assert_eq!(MAX_TOTAL_POINTS, 4096);
    assert_eq!(MAX_HAZARD_LAYERS, 32);
    assert_eq!(MAX_TEXT_CHARS, 2000);
    assert_eq!(MAX_NAME_CHARS, 64);
    assert_eq!((MIN_SCENE_SIDE, MAX_SCENE_SIDE), (100.0, 16384.0));
    assert_eq!(MAX_LAYER_SCALE, 4.0);
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for row in [
        "| file size | 1 MiB |",
        "| layers | 500 |",
        "| different sprites | 128 |",
        "| hazards | 64 |",
        "| points in one region | 256 |",
        "| points in all regions | 4,096 |",
        "| entries in a hazard's `layers` | 32 |",
        "| characters in each `zh` / `en` text | 2,000 |",
        "| characters in an id or sprite name | 64 |",
        "| scene width and height | 100 to 16,384 units |",
        "| layer width and height | 4 × the scene's |",
    ] {
        assert!(readme.contains(row), "README.md lacks the row {row}");
    }
}

#[test]
fn file_over_1_mib_is_refused_before_parsing() {
    let two_mib = 2 * 1024 * 1024;
    // A valid scene padded with spaces, and the same size of unclosed brackets (which
    // would be a syntax error if it were parsed at all).
    let mut padded = to_json(&sewer());
    padded.push_str(&" ".repeat(two_mib - padded.len()));
    let brackets = "[".repeat(two_mib);
    for (name, json) in [("big.json", &padded), ("brackets.json", &brackets)] {
        assert_refused(
            name,
            json,
            "(file): the file is 2.0 MiB (2097152 bytes); a scene file may be at most 1 MiB (1048576 bytes)",
        );
    }
    // One byte over is refused, exactly 1 MiB is read.
    let mut at_limit = to_json(&sewer());
    at_limit.push_str(&" ".repeat(MAX_FILE_BYTES - at_limit.len()));
    parse_timed("sewer.json", &at_limit).expect("a 1 MiB file is allowed");
    at_limit.push(' ');
    assert_refused(
        "sewer.json",
        &at_limit,
        &file_size_message(MAX_FILE_BYTES + 1),
    );
}

#[test]
fn polygon_with_200000_points_is_refused() {
    // 200,000 points take at least 1.2 MB of JSON, so the file size refuses it.
    let json = with_raw(sewer(), "/hazards/3/region", &repeat("[1,1]", 200_000));
    assert!(json.len() > MAX_FILE_BYTES);
    assert_refused("sewer.json", &json, &file_size_message(json.len()));
    // As many as fit in 1 MiB are refused while reading, counted but not built.
    let json = with_raw(sewer(), "/hazards/3/region", &repeat("[1,1]", 150_000));
    assert_refused(
        "sewer.json",
        &json,
        "hazards[3].region: a region may have at most 256 points, this one has 150000",
    );
}

#[test]
fn region_points_limit_is_exact() {
    // 256 points in a valid outline (a triangle whose base has 254 more points on
    // it) are read; the 257th is refused.
    let points = |n: usize| -> String {
        let mut pts: Vec<String> = (0..n - 1)
            .map(|i| format!("[{},{}]", 10 + i * 3, 600))
            .collect();
        pts.push("[10,700]".into());
        format!("[{}]", pts.join(","))
    };
    let mut v = sewer();
    v["hazards"][3]["layers"] = json!([]);
    // The long outline reaches under moving layers, which may not move over a hazard.
    for l in v["layers"].as_array_mut().unwrap() {
        l.as_object_mut().unwrap().remove("motion");
    }
    parse_timed(
        "sewer.json",
        &with_raw(v.clone(), "/hazards/3/region", &points(256)),
    )
    .expect("256 points are allowed");
    assert_refused(
        "sewer.json",
        &with_raw(v, "/hazards/3/region", &points(257)),
        "hazards[3].region: a region may have at most 256 points, this one has 257",
    );
}

#[test]
fn scene_with_50000_layers_is_refused() {
    let layer = r#"{"sprite":"sky","x":0,"y":0,"w":1,"h":1}"#;
    let json = with_raw(sewer(), "/layers", &repeat(layer, 50_000));
    assert!(json.len() > MAX_FILE_BYTES);
    assert_refused("sewer.json", &json, &file_size_message(json.len()));
    let json = with_raw(sewer(), "/layers", &repeat(layer, 20_000));
    assert_refused(
        "sewer.json",
        &json,
        "layers: a scene may have at most 500 layers, this one has 20000",
    );
    let mut v = sewer();
    let layers = v["layers"].as_array_mut().unwrap();
    while layers.len() < MAX_LAYERS {
        layers.push(json!({"sprite": "sky", "x": 0, "y": 0, "w": 1, "h": 1}));
    }
    parse_timed("sewer.json", &to_json(&v)).expect("500 layers are allowed");
    v["layers"]
        .as_array_mut()
        .unwrap()
        .push(json!({"sprite": "sky", "x": 0, "y": 0, "w": 1, "h": 1}));
    assert_refused(
        "sewer.json",
        &to_json(&v),
        "layers: a scene may have at most 500 layers, this one has 501",
    );
}

#[test]
fn scene_with_20000_hazards_is_refused() {
    let hazard = to_json(&sewer()["hazards"][0]);
    let json = with_raw(sewer(), "/hazards", &repeat(&hazard, 20_000));
    assert!(json.len() > MAX_FILE_BYTES);
    assert_refused("sewer.json", &json, &file_size_message(json.len()));
    let json = with_raw(sewer(), "/hazards", &repeat(&hazard, 500));
    assert_refused(
        "sewer.json",
        &json,
        "hazards: a scene may have at most 64 hazards, this one has 500",
    );
    let json = with_raw(sewer(), "/hazards", &repeat(&hazard, 65));
    assert_refused(
        "sewer.json",
        &json,
        "hazards: a scene may have at most 64 hazards, this one has 65",
    );
}

#[test]
fn scene_of_1e9_by_1e9_is_refused() {
    let mut v = sewer();
    v["size"] = json!({"w": 1e9, "h": 1e9});
    assert_refused(
        "sewer.json",
        &to_json(&v),
        "size.w: the width must be between 100 and 16384 units, this one is 1000000000",
    );
    v["size"] = json!({"w": 1920, "h": 1e300});
    assert_refused(
        "sewer.json",
        &to_json(&v),
        "size.h: the height must be between 100 and 16384 units, this one is 1e300",
    );
    v["size"] = json!({"w": 99.5, "h": 1080});
    assert_refused(
        "sewer.json",
        &to_json(&v),
        "size.w: the width must be between 100 and 16384 units, this one is 99.5",
    );
    v["size"] = json!({"w": 16384, "h": 16384});
    parse_timed("sewer.json", &to_json(&v)).expect("16384 × 16384 is allowed");
}

#[test]
fn text_of_5000_characters_is_refused() {
    let mut v = sewer();
    v["hazards"][2]["why"]["en"] = json!("a".repeat(5000));
    assert_refused(
        "sewer.json",
        &to_json(&v),
        "hazards[2].why.en: a text may be at most 2000 characters, this one has 5000",
    );
    // Characters, not bytes: 2000 Chinese characters (6000 bytes) are fine, 2001 not.
    let mut v = sewer();
    v["title"]["zh"] = json!("找".repeat(2000));
    parse_timed("sewer.json", &to_json(&v)).expect("2000 characters are allowed");
    v["title"]["zh"] = json!("找".repeat(2001));
    assert_refused(
        "sewer.json",
        &to_json(&v),
        "title.zh: a text may be at most 2000 characters, this one has 2001",
    );
}

#[test]
fn long_ids_and_names_are_refused_with_the_limit() {
    let cases: [(&str, Value, &str); 5] = [
        ("/id", json!("a".repeat(65)), "id"),
        ("/layers/9/id", json!("x".repeat(100_000)), "layers[9].id"),
        (
            "/layers/0/sprite",
            json!("s".repeat(1000)),
            "layers[0].sprite",
        ),
        ("/hazards/1/id", json!("h".repeat(65)), "hazards[1].id"),
        (
            "/hazards/1/layers/0",
            json!("y".repeat(70)),
            "hazards[1].layers[0]",
        ),
    ];
    for (pointer, value, field) in cases {
        let n = value.as_str().unwrap().len();
        let mut v = sewer();
        *v.pointer_mut(pointer).unwrap() = value;
        assert_refused(
            "sewer.json",
            &to_json(&v),
            &format!("{field}: a name may be at most 64 characters, this one has {n}"),
        );
    }
}

#[test]
fn hazard_naming_40_layers_is_refused() {
    let json = with_raw(sewer(), "/hazards/0/layers", &repeat("\"detector\"", 40));
    assert_refused(
        "sewer.json",
        &json,
        "hazards[0].layers: a hazard may name at most 32 layers, this one names 40",
    );
    // Past the file limit's worth of entries, still counted, not looked up.
    let json = with_raw(sewer(), "/hazards/0/layers", &repeat("\"d\"", 250_000));
    assert_refused(
        "sewer.json",
        &json,
        "hazards[0].layers: a hazard may name at most 32 layers, this one names 250000",
    );
}

#[test]
fn scene_using_129_sprites_is_refused() {
    let mut v = sewer();
    let layers = v["layers"].as_array_mut().unwrap();
    let before = layers.len();
    for k in 0..200 {
        layers.push(json!({"sprite": format!("sprite-{k}"), "x": 0, "y": 0, "w": 10, "h": 10}));
    }
    let distinct = v["layers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["sprite"].as_str().unwrap())
        .collect::<std::collections::HashSet<_>>()
        .len();
    assert!(distinct > MAX_SPRITES);
    let sewer_sprites = distinct - 200;
    let index = before + (MAX_SPRITES - sewer_sprites);
    assert_refused(
        "sewer.json",
        &to_json(&v),
        &format!(
            "layers[{index}].sprite: a scene may use at most 128 different sprites; this layer's is the 129th"
        ),
    );
}

#[test]
fn giant_layer_is_refused() {
    let mut v = sewer();
    v["layers"][0]["w"] = json!(1e9);
    assert_refused(
        "sewer.json",
        &to_json(&v),
        "layers[0].w: a layer may be at most 4 times as wide as the scene (7680 units), this one is 1000000000",
    );
    let mut v = sewer();
    v["layers"][3]["h"] = json!(1e300);
    assert_refused(
        "sewer.json",
        &to_json(&v),
        "layers[3].h: a layer may be at most 4 times as tall as the scene (4320 units), this one is 1e300",
    );
    // Far away but small: the existing rule (it must overlap the scene) refuses it.
    let mut v = sewer();
    v["layers"][3]["x"] = json!(-1e300);
    assert_refused(
        "sewer.json",
        &to_json(&v),
        "layers[3].x: the layer lies entirely outside the scene",
    );
}

/// 20 regions of 256 points: each within its own limit, 5,120 in all. Refused before
/// any geometry (the points are all the same, which the crossing and area checks would
/// refuse too, later).
#[test]
fn points_in_all_regions_are_limited() {
    let region = repeat("[5,5]", 256);
    let hazard = to_json(&sewer()["hazards"][0])
        .replace(&to_json(&sewer()["hazards"][0]["region"]), &region);
    let json = with_raw(sewer(), "/hazards", &repeat(&hazard, 20));
    assert_refused(
        "sewer.json",
        &json,
        "hazards: the regions of a scene may have at most 4096 points in all, these have 5120",
    );
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    for (name, json) in [
        ("top.json", format!("{{\"id\":{}", "[".repeat(500_000))),
        (
            "region.json",
            with_raw(
                sewer(),
                "/hazards/0/region",
                &format!("{}{}", "[".repeat(10_000), "]".repeat(10_000)),
            ),
        ),
        (
            "extra.json",
            with_raw(
                sewer(),
                "/hazards/0/region",
                &format!(
                    "[[1,1],[2,2],[3,3],{}{}]",
                    "[".repeat(10_000),
                    "]".repeat(10_000)
                ),
            ),
        ),
    ] {
        let err = parse_timed(name, &json).expect_err(name).to_string();
        assert!(err.starts_with(&format!("{name}: ")), "{err}");
    }
}

#[test]
fn long_numbers_are_read_quickly() {
    let digits = "7".repeat(900_000);
    for (name, raw) in [
        ("long-integer.json", digits.clone()),
        ("long-fraction.json", format!("0.{digits}")),
        ("long-exponent.json", format!("1e{digits}")),
        ("tiny.json", format!("0.{}1", "0".repeat(900_000))),
    ] {
        let json = with_raw(sewer(), "/size/w", &raw);
        let err = parse_timed(name, &json).expect_err(name).to_string();
        assert!(err.starts_with(&format!("{name}: ")), "{err}");
    }
}

#[test]
fn messages_quoting_the_file_are_clipped() {
    let long = "z".repeat(500_000);
    let mut v = sewer();
    v["layers"][1][long.as_str()] = json!(1);
    let mut w = sewer();
    w["category"] = json!(long);
    for json in [to_json(&v), to_json(&w)] {
        let err = parse_timed("sewer.json", &json).unwrap_err().to_string();
        assert!(err.starts_with("sewer.json: "), "{err}");
        assert!(err.chars().count() < 700, "message of {} chars", err.len());
        assert!(err.contains('…'), "{err}");
    }
}

/// The slowest file within every limit: 15 regions of 255 points shaped like combs
/// (the worst case for the interior point), 49 more hazards, 500 layers of 128
/// sprites, each hazard naming 32 layers. It loads, in bounded time.
#[test]
fn scene_at_every_limit_loads_in_bounded_time() {
    let mut comb = Vec::new();
    for t in 0..63 {
        let x = 20 + t * 20;
        comb.extend([[x, 1000], [x, 20], [x + 10, 20], [x + 10, 1000]]);
    }
    comb.extend([[1280, 1000], [1280, 1010], [20, 1010]]);
    assert_eq!(comb.len(), 255);
    let triangle = json!([[1500, 100], [1600, 100], [1550, 200]]);
    let mut v = sewer();
    v["title"]["en"] = json!("t".repeat(MAX_TEXT_CHARS));
    v["intro"]["zh"] = json!("找".repeat(MAX_TEXT_CHARS));
    let layers: Vec<Value> = (0..MAX_LAYERS)
        .map(|i| {
            json!({"id": format!("l{i}"), "sprite": format!("s{}", i % MAX_SPRITES),
                   "x": 0, "y": 0, "w": 1920, "h": 1080})
        })
        .collect();
    v["layers"] = json!(layers);
    let names: Vec<String> = (0..MAX_HAZARD_LAYERS).map(|i| format!("l{i}")).collect();
    let template = sewer()["hazards"][0].clone();
    let hazards: Vec<Value> = (0..MAX_HAZARDS)
        .map(|i| {
            let mut h = template.clone();
            h["id"] = json!(format!("h{i}"));
            h["region"] = if i < 15 {
                json!(comb)
            } else {
                triangle.clone()
            };
            h["layers"] = json!(names);
            h
        })
        .collect();
    v["hazards"] = json!(hazards);
    let json = to_json(&v);
    assert!(json.len() <= MAX_FILE_BYTES);
    // This file is accepted, so it pays for the quadratic work the limits bound: about
    // 0.15 s in a release build, about 1 s in a debug build. The bound is generous on
    // purpose (a debug build on a busy two-core machine); without the limits the same
    // kind of file froze the tab.
    let start = Instant::now();
    let scene = parse_within(Duration::from_secs(10), "limits.json", &json)
        .unwrap_or_else(|e| panic!("{e}"));
    eprintln!("scene at every limit: {:?}", start.elapsed());
    assert_eq!(scene.hazards.len(), MAX_HAZARDS);
    assert_eq!(scene.sprite_names().len(), MAX_SPRITES);
    for h in &scene.hazards {
        assert!(hazard_hunt::geom::contains(h.polygon(), h.inside()));
    }
}
