//! The scene catalogue (`assets/catalogue.json`) the picker reads: made from the scene
//! files, committed, and kept in step with them. Regenerate it with
//! `UPDATE_CATALOGUE=1 cargo test --test catalogue`.

use hazard_hunt::catalogue::{Catalogue, MAX_THUMB_LAYERS};
use hazard_hunt::scene::Scene;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every shipped scene, by id.
fn scenes() -> Vec<Scene> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root().join("assets/scenes"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let file = p.file_name().unwrap().to_str().unwrap();
            Scene::parse(file, &std::fs::read_to_string(p).unwrap()).unwrap()
        })
        .collect()
}

#[test]
fn the_catalogue_lists_every_scene_as_it_is() {
    let made = Catalogue::from_scenes(&scenes());
    let text = serde_json::to_string_pretty(&made).unwrap() + "\n";
    let path = root().join("assets/catalogue.json");
    if std::env::var_os("UPDATE_CATALOGUE").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == text,
        "assets/catalogue.json is stale: run `UPDATE_CATALOGUE=1 cargo test --test catalogue`"
    );
    let read = Catalogue::parse(&committed).expect("the committed catalogue reads");
    assert_eq!(read, made);
    for e in &read.scenes {
        assert!(e.total >= 1);
        assert!(!e.thumb.layers.is_empty() && e.thumb.layers.len() <= MAX_THUMB_LAYERS);
        // The thumbnail only needs sprites the scene itself uses.
        let scene = scenes().into_iter().find(|s| s.id == e.id).unwrap();
        for name in e.thumb.sprite_names() {
            assert!(scene.sprite_names().contains(&name), "{}: {name}", e.id);
        }
    }
}

#[test]
fn a_broken_catalogue_is_refused_with_a_reason() {
    for (json, expect) in [
        ("", "catalogue.json: EOF"),
        ("[]", "catalogue.json: invalid length"),
        (
            r#"{"version": 9, "scenes": []}"#,
            "version: this game reads version 1",
        ),
        (
            r#"{"version": 1, "scenes": []}"#,
            "scenes: between 1 and 64 scenes",
        ),
    ] {
        let err = Catalogue::parse(json).unwrap_err();
        assert!(err.contains(expect), "{json}: {err}");
    }
    let mut c: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("assets/catalogue.json")).unwrap(),
    )
    .unwrap();
    c["scenes"][0]["id"] = "../x".into();
    let err = Catalogue::parse(&c.to_string()).unwrap_err();
    assert!(err.contains("scenes[0].id"), "{err}");
}
