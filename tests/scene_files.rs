//! Scene files: the shipped scene and sprites are valid, and every broken file in
//! `tests/fixtures/broken/` fails with the message in its `.expect` file (which names
//! the file and the field).

use hazard_hunt::geom;
use hazard_hunt::i18n::Strings;
use hazard_hunt::scene::{Category, Scene, SceneError, Severity};
use std::fs;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The files in `dir` (relative to the repository) ending in `.ext`, sorted.
fn files(dir: &str, ext: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = fs::read_dir(root().join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    out.sort();
    out
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn minimal_fixture_parses() {
    let s = Scene::parse(
        "minimal.json",
        &read(&root().join("tests/fixtures/minimal.json")),
    )
    .expect("minimal.json is valid");
    assert_eq!(s.id, "mini");
    assert_eq!(s.hazards.len(), 2);
    assert_eq!(s.hazards[0].category, Category::Fire);
    assert_eq!(s.hazards[1].severity, Severity::Low);
    assert!(s.layers[2].flip);
    assert_eq!(s.sprite_names(), vec!["sky", "toolbox", "tree"]);
    assert_eq!(s.hazard_index("ell"), Some(1));
}

#[test]
fn every_broken_fixture_fails_with_its_message() {
    let mut checked = 0;
    for path in files("tests/fixtures/broken", "json") {
        let name = path.file_name().unwrap().to_str().unwrap();
        let expect = read(&path.with_extension("expect")).trim().to_string();
        let err = Scene::parse(name, &read(&path))
            .expect_err(name)
            .to_string();
        assert!(
            err.starts_with(&format!("{name}: ")),
            "{name}: message must name the file: {err}"
        );
        assert!(
            err.contains(&expect),
            "{name}: expected «{expect}» in «{err}»"
        );
        checked += 1;
    }
    assert!(checked >= 20, "only {checked} broken fixtures found");
}

#[test]
fn syntax_errors_give_line_and_column() {
    let err = Scene::parse("x.json", "{\n  \"id\": \"a\",\n  oops\n}").unwrap_err();
    match err {
        SceneError::Syntax { line, column, .. } => assert_eq!((line, column), (3, 3)),
        other => panic!("expected a syntax error, got {other:?}"),
    }
}

/// Every scene under assets/scenes parses, its id matches its file name, its sprites
/// exist, and each hazard's region lies over the pixels of the layers that draw it.
#[test]
fn shipped_scenes_are_valid() {
    let mut count = 0;
    for path in files("assets/scenes", "json") {
        let file = path.file_name().unwrap().to_str().unwrap().to_string();
        let scene = Scene::parse(&file, &read(&path)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            format!("{}.json", scene.id),
            file,
            "scene id must match its file name"
        );
        for name in scene.sprite_names() {
            let sprite = root().join(format!("assets/sprites/{name}.svg"));
            assert!(
                sprite.exists(),
                "{file}: sprite {name} has no file {}",
                sprite.display()
            );
        }
        assert!(
            scene.hazards.len() >= 6,
            "{file}: a scene hides at least 6 hazards"
        );
        // Hazards and decoys: (id, layers, region, click point, picture).
        type Item<'a> = (&'a str, &'a [String], &'a [geom::Point], geom::Point, usize);
        let items: Vec<Item> = scene
            .hazards
            .iter()
            .enumerate()
            .map(|(i, h)| {
                let stage = scene.hazard_stage(i);
                (h.id.as_str(), &h.layers[..], h.polygon(), h.inside(), stage)
            })
            .chain(scene.decoys.iter().enumerate().map(|(i, d)| {
                let stage = scene.decoy_stage(i);
                (d.id.as_str(), &d.layers[..], d.polygon(), d.inside(), stage)
            }))
            .collect();
        for (id, layers, _, p, stage) in &items {
            assert!(
                !layers.is_empty(),
                "{file}: {id} names no layer that draws it"
            );
            // None in the same picture may overlap so much that one hides another.
            let same = items.iter().filter(|o| o.0 != *id && o.4 == *stage);
            for (other, _, poly, _, _) in same {
                assert!(
                    !geom::contains(poly, *p),
                    "{file}: the click point of {id} lies inside {other}"
                );
            }
        }
        count += 1;
    }
    assert!(count >= 1);
}

/// The value of attribute `name` on the root `<svg>` element.
fn svg_attr(svg: &str, name: &str) -> Option<String> {
    let open = &svg[svg.find("<svg")?..];
    let open = &open[..open.find('>')?];
    let key = format!(" {name}=\"");
    let start = open.find(&key)? + key.len();
    Some(open[start..start + open[start..].find('"')?].to_string())
}

/// The rules in assets/sprites/README.md: intrinsic size, no external references, no
/// text, no scripts, no filters, small files.
#[test]
fn sprites_follow_the_library_rules() {
    let mut count = 0;
    for path in files("assets/sprites", "svg") {
        let name = path.file_stem().unwrap().to_str().unwrap();
        assert!(
            hazard_hunt::scene::is_safe_name(name),
            "{name}: bad sprite file name"
        );
        let svg = read(&path);
        assert!(
            svg.len() <= 16 * 1024,
            "{name}.svg is {} bytes (max 16 KiB)",
            svg.len()
        );
        let attr = |a: &str| svg_attr(&svg, a).unwrap_or_else(|| panic!("{name}: <svg> lacks {a}"));
        let (w, h) = (attr("width"), attr("height"));
        assert!(
            w.parse::<u32>().is_ok() && h.parse::<u32>().is_ok(),
            "{name}: integer width/height"
        );
        assert_eq!(
            attr("viewBox"),
            format!("0 0 {w} {h}"),
            "{name}: viewBox must match width/height"
        );
        for banned in [
            "<text",
            "<script",
            "<image",
            "<foreignObject",
            "filter=",
            "<filter",
            "@import",
            "http://",
            "https://",
        ] {
            let hay = svg.replace("http://www.w3.org/", "");
            assert!(!hay.contains(banned), "{name}.svg contains {banned}");
        }
        for href in svg.match_indices("href=\"").map(|(i, _)| &svg[i + 6..]) {
            assert!(href.starts_with('#'), "{name}.svg links outside itself");
        }
        count += 1;
    }
    assert!(count >= 20, "sprite library has {count} sprites");
}

/// Each layer keeps its sprite's proportions (within 2 %), so nothing is squashed.
#[test]
fn layers_keep_sprite_proportions() {
    let scene = Scene::parse(
        "sewer.json",
        &read(&root().join("assets/scenes/sewer.json")),
    )
    .unwrap();
    for (i, l) in scene.layers.iter().enumerate() {
        let svg = read(&root().join(format!("assets/sprites/{}.svg", l.sprite)));
        let num = |a: &str| -> f64 { svg_attr(&svg, a).unwrap().parse().unwrap() };
        let (sw, sh) = (num("width"), num("height"));
        let ratio = (l.w / l.h) / (sw / sh);
        assert!(
            (0.98..=1.02).contains(&ratio),
            "layers[{i}] ({}) is stretched by {ratio:.3}",
            l.sprite
        );
    }
}

#[test]
fn interface_strings_are_complete() {
    let s = Strings::parse(&read(&root().join("assets/i18n.json"))).expect("i18n.json");
    // Every key the code asks for exists in the table.
    let mut missing = Vec::new();
    for file in [
        "src/web/dom.rs",
        "src/scene.rs",
        "src/options.rs",
        "src/web/mod.rs",
        "src/web/results.rs",
        "src/web/help.rs",
        "src/howto.rs",
    ] {
        let code = read(&root().join(file));
        for (i, _) in code.match_indices('"') {
            let rest = &code[i + 1..];
            let Some(end) = rest.find('"') else { continue };
            let key = &rest[..end];
            let looks_like_key = key.contains('.')
                && key
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '.' || c == '_')
                && [
                    "game.", "title.", "hud.", "card.", "confirm.", "results.", "error.",
                    "notice.", "cat.", "sev.", "cause.", "lang.", "canvas.", "help.",
                ]
                .iter()
                .any(|p| key.starts_with(p));
            if looks_like_key && key != "lang.other" && s.keys().all(|k| k != key) {
                missing.push(format!("{file}: {key}"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "strings missing from i18n.json: {missing:?}"
    );
}
