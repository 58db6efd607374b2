//! Helpers the native tests share: fixture scenes and event types.
// Each test file uses only some of these.
#![allow(dead_code)]

use hazard_hunt::game::Event;
use hazard_hunt::scene::Scene;

/// The text of `tests/fixtures/<name>`.
pub fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The fixture scene `tests/fixtures/<name>`, parsed and checked.
pub fn scene(name: &str) -> Scene {
    Scene::parse(name, &fixture(name)).unwrap_or_else(|e| panic!("{e}"))
}

/// The `type` of each event, as a host page sees it.
pub fn kinds(ev: &[Event]) -> Vec<String> {
    ev.iter()
        .map(|e| {
            serde_json::to_value(e).unwrap()["type"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect()
}

/// Every shipped scene (`assets/scenes/*.json`), parsed as the game parses it, by id.
pub fn shipped_scenes() -> Vec<Scene> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/scenes");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let name = path.file_name().unwrap().to_str().unwrap().to_string();
            let text = std::fs::read_to_string(&path).unwrap();
            out.push(Scene::parse(&name, &text).unwrap_or_else(|e| panic!("{e}")));
        }
    }
    assert!(out.len() >= 2, "found only {} scenes", out.len());
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}
