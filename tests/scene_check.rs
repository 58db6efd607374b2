//! The `scene-check` command: what it prints and its exit status for good files,
//! broken ones, files that are not scene files at all, `--upgrade` and bad arguments.

use hazard_hunt::scene::limits::MAX_FILE_BYTES;
use hazard_hunt::scene::Scene;
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs scene-check in the repository folder (so relative paths print as given).
fn run<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_scene-check"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("scene-check runs");
    Run {
        code: out.status.code().expect("scene-check exits, not killed"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

/// The JSON files of `dir` (relative to the repository), as relative paths, sorted.
fn json_files(dir: &str) -> Vec<String> {
    let mut out: Vec<String> = fs::read_dir(root().join(dir))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".json"))
        .map(|n| format!("{dir}/{n}"))
        .collect();
    out.sort();
    out
}

/// A fresh, empty folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("scene-check")
        .join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn shipped_scenes_are_ok() {
    let files = json_files("assets/scenes");
    assert!(!files.is_empty());
    let r = run(&files);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    for file in &files {
        assert!(
            r.stdout
                .lines()
                .any(|l| l.starts_with(&format!("{file}: ok ("))),
            "no ok line for {file} in:\n{}",
            r.stdout
        );
    }
    assert_eq!(r.stdout.lines().count(), files.len(), "{}", r.stdout);
    assert_eq!(r.stderr, "");
}

#[test]
fn the_ok_line_counts_hazards_and_decoys() {
    let r = run(&["tests/fixtures/minimal-v2.json"]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert_eq!(
        r.stdout,
        "tests/fixtures/minimal-v2.json: ok (2 hazards, 1 decoy)\n"
    );
    let r = run(&["tests/fixtures/minimal.json"]);
    assert_eq!(
        r.stdout,
        "tests/fixtures/minimal.json: ok (2 hazards, 0 decoys); \
         version 1: `scene-check --upgrade` converts it\n"
    );
}

#[test]
fn broken_fixtures_print_their_messages_and_exit_1() {
    let files = json_files("tests/fixtures/broken");
    assert!(files.len() >= 20);
    let r = run(&files);
    assert_eq!(r.code, 1, "{}", r.stdout);
    for file in &files {
        let expect = fs::read_to_string(root().join(file.replace(".json", ".expect")))
            .unwrap()
            .trim()
            .to_string();
        let prefix = format!("{file}: ");
        assert!(
            r.stdout
                .lines()
                .any(|l| l.starts_with(&prefix) && l.contains(&expect)),
            "{file}: expected a line with «{expect}» in:\n{}",
            r.stdout
        );
    }
    // Every line names its file; nothing says ok.
    for line in r.stdout.lines() {
        assert!(
            files.iter().any(|f| line.starts_with(&format!("{f}: "))),
            "a line that names no file: {line}"
        );
        assert!(!line.contains(": ok ("), "{line}");
    }
    assert!(
        r.stderr
            .contains(&format!("in {} of {} files", files.len(), files.len())),
        "{}",
        r.stderr
    );
}

#[test]
fn one_bad_file_among_good_ones_fails_the_run() {
    let r = run(&[
        "tests/fixtures/minimal-v2.json",
        "tests/fixtures/broken/bow-tie.json",
        "tests/fixtures/minimal.json",
    ]);
    assert_eq!(r.code, 1);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", r.stdout);
    assert!(lines[0].starts_with("tests/fixtures/minimal-v2.json: ok"));
    assert_eq!(
        lines[1],
        "tests/fixtures/broken/bow-tie.json: hazards[0].region: the outline crosses itself"
    );
    assert!(lines[2].starts_with("tests/fixtures/minimal.json: ok"));
    assert_eq!(r.stderr, "scene-check: 1 problem in 1 of 3 files\n");
}

#[test]
fn a_missing_file_is_one_clear_line() {
    let r = run(&["tests/fixtures/no-such-scene.json"]);
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stdout,
        "tests/fixtures/no-such-scene.json: (file): no such file\n"
    );
}

#[test]
fn a_folder_is_refused() {
    let r = run(&["tests/fixtures"]);
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stdout,
        "tests/fixtures: (file): is a folder, not a scene file\n"
    );
}

/// A device never ends: it is refused from its metadata, without reading it.
#[cfg(target_os = "linux")]
#[test]
fn a_device_is_refused_without_reading_it() {
    let start = Instant::now();
    let r = run(&["/dev/zero"]);
    assert_eq!(r.code, 1);
    assert_eq!(r.stdout, "/dev/zero: (file): is not a regular file\n");
    assert!(start.elapsed() < Duration::from_secs(10));
}

#[test]
fn a_file_that_is_not_utf8_is_one_clear_line() {
    let dir = scratch("not-utf8");
    let path = dir.join("latin1.json");
    // "Café" in Latin-1, on the second line.
    fs::write(&path, b"{\n  \"id\": \"caf\xe9\"\n}").unwrap();
    let r = run(&[&path]);
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stdout,
        format!(
            "{}: (file): not UTF-8 text: the bytes at line 2, column 13 are not UTF-8 \
             (save the file as UTF-8)\n",
            path.display()
        )
    );
}

/// An 8 GiB file (sparse: it takes no room) is refused from its size, at once.
#[test]
fn a_file_over_the_size_limit_is_refused_quickly() {
    let dir = scratch("too-big");
    let path = dir.join("huge.json");
    let file = fs::File::create(&path).unwrap();
    file.set_len(8 << 30).unwrap();
    drop(file);
    let start = Instant::now();
    let r = run(&[&path]);
    let took = start.elapsed();
    let _ = fs::remove_file(&path);
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stdout,
        format!(
            "{}: (file): the file is 8192.0 MiB (8589934592 bytes); \
             a scene file may be at most 1 MiB ({MAX_FILE_BYTES} bytes)\n",
            path.display()
        )
    );
    assert!(took < Duration::from_secs(10), "took {took:?}");
}

/// Just over the limit: the same message as the game's.
#[test]
fn a_file_just_over_the_limit_gets_the_games_message() {
    let dir = scratch("just-over");
    let path = dir.join("big.json");
    fs::write(&path, vec![b' '; MAX_FILE_BYTES + 1]).unwrap();
    let r = run(&[&path]);
    assert_eq!(r.code, 1);
    let game =
        Scene::parse(&path.display().to_string(), &" ".repeat(MAX_FILE_BYTES + 1)).unwrap_err();
    assert_eq!(r.stdout, format!("{game}\n"));
}

#[test]
fn sprites_and_id_are_checked_in_a_scenes_folder() {
    let dir = scratch("assets");
    fs::create_dir_all(dir.join("scenes")).unwrap();
    fs::create_dir_all(dir.join("sprites")).unwrap();
    let v2 = fs::read_to_string(root().join("tests/fixtures/minimal-v2.json")).unwrap();
    // Sprites: sky, toolbox, tree, cones-stack, generator (fixed look), sign-folded (fixed look).
    for name in ["sky", "tree", "cones-stack", "sign-folded"] {
        fs::write(dir.join(format!("sprites/{name}.svg")), "<svg/>").unwrap();
    }
    let good_name = dir.join("scenes/mini2.json");
    fs::write(&good_name, &v2).unwrap();
    let r = run(&[&good_name]);
    assert_eq!(r.code, 1);
    let shown = good_name.display();
    assert_eq!(
        r.stdout,
        format!(
            "{shown}: layers[1].sprite: no sprite file sprites/toolbox.svg\n\
             {shown}: hazards[0].fixed.show[0].sprite: no sprite file sprites/generator.svg\n"
        )
    );
    for name in ["toolbox", "generator"] {
        fs::write(dir.join(format!("sprites/{name}.svg")), "<svg/>").unwrap();
    }
    let r = run(&[&good_name]);
    assert_eq!(r.code, 0, "{}", r.stdout);

    let wrong_name = dir.join("scenes/other.json");
    fs::write(&wrong_name, &v2).unwrap();
    let r = run(&[&wrong_name]);
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stdout,
        format!(
            "{}: id: \"mini2\" is not the file name: the game loads this scene from scenes/mini2.json\n",
            wrong_name.display()
        )
    );
    // Outside a scenes folder neither is checked (the fixtures' ids are not their names).
    let r = run(&["tests/fixtures/minimal-v2.json"]);
    assert_eq!(r.code, 0);
}

#[test]
fn upgrade_prints_a_version_1_file_as_version_2() {
    let r = run(&["--upgrade", "tests/fixtures/minimal.json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).expect("--upgrade prints JSON");
    assert_eq!(v["version"], 2);
    // Arrays of numbers stay on one line, whole numbers without ".0".
    assert!(r.stdout.contains("        [100, 100],\n"), "{}", r.stdout);
    assert!(r.stdout.contains("\"layers\": [\"box\"]"), "{}", r.stdout);

    // Nothing is lost: read as version 1 again, it is the same scene.
    let mut v1 = v.clone();
    v1["version"] = 1.into();
    let original = fs::read_to_string(root().join("tests/fixtures/minimal.json")).unwrap();
    assert_eq!(
        Scene::parse("m.json", &v1.to_string()).unwrap(),
        Scene::parse("m.json", &original).unwrap()
    );

    // As version 2 it still lacks what only an author can write, and stderr says what.
    let todo: Vec<String> = Scene::parse("tests/fixtures/minimal.json", &r.stdout)
        .unwrap_err()
        .problems()
        .iter()
        .map(|p| p.to_string())
        .collect();
    assert!(todo.iter().any(|p| p.contains("hazards[0].fixed: missing")));
    assert!(todo
        .iter()
        .any(|p| p.contains("hazards[1].question: missing")));
    assert!(todo.iter().any(|p| p.contains("layers[1].label: missing")));
    for p in &todo {
        assert!(
            r.stderr.contains(p.as_str()),
            "stderr lacks «{p}»:\n{}",
            r.stderr
        );
    }
    assert!(r.stderr.contains("was version 1, printed as version 2"));
}

#[test]
fn upgrade_of_a_version_2_file_keeps_it() {
    let r = run(&["--upgrade", "tests/fixtures/minimal-v2.json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let original = fs::read_to_string(root().join("tests/fixtures/minimal-v2.json")).unwrap();
    assert_eq!(
        Scene::parse("m.json", &r.stdout).unwrap(),
        Scene::parse("m.json", &original).unwrap()
    );
    assert!(r.stderr.contains("already version 2"), "{}", r.stderr);
}

#[test]
fn upgrade_refuses_a_broken_file() {
    let r = run(&["--upgrade", "tests/fixtures/broken/bow-tie.json"]);
    assert_eq!(r.code, 1);
    assert_eq!(r.stdout, "");
    assert!(r.stderr.contains(
        "tests/fixtures/broken/bow-tie.json: hazards[0].region: the outline crosses itself"
    ));
}

#[test]
fn no_arguments_print_the_usage_and_exit_2() {
    let r = run::<&str>(&[]);
    assert_eq!(r.code, 2);
    assert_eq!(r.stdout, "");
    assert!(r
        .stderr
        .starts_with("scene-check: no scene file given\nUsage: scene-check FILE"));
}

#[test]
fn wrong_arguments_exit_2() {
    for args in [
        &["--frobnicate", "x.json"][..],
        &["--upgrade"],
        &["--upgrade", "a.json", "b.json"],
        &["--schema", "a.json"],
        &["-"],
    ] {
        let r = run(args);
        assert_eq!(r.code, 2, "{args:?}");
        assert!(
            r.stderr.contains("Usage: scene-check"),
            "{args:?}: {}",
            r.stderr
        );
    }
}

#[test]
fn help_prints_the_usage_and_exits_0() {
    let r = run(&["--help"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.starts_with("Usage: scene-check FILE"));
    assert!(r.stdout.contains("Exit status"));
}

#[test]
fn a_file_named_like_an_option_after_double_dash() {
    let r = run(&["--", "--schema"]);
    assert_eq!(r.code, 1);
    assert_eq!(r.stdout, "--schema: (file): no such file\n");
}
