//! Lessons: the host page's messages and commands, pause, a host's start, hints off,
//! answers shown, the scene list, and the address's lesson parameters.

mod common;

use common::{kinds, shipped_scenes};
use hazard_hunt::catalogue::Catalogue;
use hazard_hunt::game::{Action, EndReason, Event, Game, Mode, Screen};
use hazard_hunt::geom::Rect;
use hazard_hunt::host::{self, parse_command, Ignored};
use hazard_hunt::i18n::Lang;
use hazard_hunt::options::{parse_origin, Notice, Options};
use hazard_hunt::scene::Scene;
use hazard_hunt::seed::Seed;
use serde_json::json;

fn scene(id: &str) -> Scene {
    shipped_scenes().into_iter().find(|s| s.id == id).unwrap()
}

/// A game with the sewer loaded, on the title screen.
fn ready() -> Game {
    let mut g = Game::new(Lang::Zh);
    g.apply(Action::Resize {
        viewport: Rect::new(0.0, 0.0, 1280.0, 720.0),
    });
    g.apply(Action::Load {
        scene_id: "sewer".into(),
    });
    g.apply(Action::Loaded(Box::new(scene("sewer"))));
    g
}

fn find_one(g: &mut Game) -> Vec<Event> {
    let s = g.scene().unwrap().clone();
    let i = (0..s.hazards.len())
        .find(|&i| g.round().is_active(i) && s.hazard_stage(i) == 0 && !g.round().is_found(i))
        .unwrap();
    let at = g.camera().to_screen(s.hazards[i].inside());
    g.apply(Action::Tap { at, tolerance: 0.0 })
}

#[test]
fn commands_are_read_and_anything_else_is_ignored() {
    let start =
        parse_command(r#"{"type":"start","scene":"Site","mode":"challenge","seed":"k7q-2mu"}"#);
    match start {
        Ok(Action::HostStart {
            scene_id,
            mode,
            seed,
        }) => {
            assert_eq!(scene_id.as_deref(), Some("site"));
            assert_eq!(mode, Some(Mode::Challenge));
            assert_eq!(seed, Some(Seed::parse("K7Q-2MU").unwrap()));
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        parse_command(r#"{"type":"start","version":1,"source":"hazard-hunt"}"#),
        Ok(Action::HostStart {
            scene_id: None,
            mode: None,
            seed: None
        })
    ));
    assert!(matches!(
        parse_command(r#"{"type":"setLang","lang":"en"}"#),
        Ok(Action::SetLang(Lang::En))
    ));
    assert!(matches!(
        parse_command(r#"{"type":"pause"}"#),
        Ok(Action::Pause)
    ));
    assert!(matches!(
        parse_command(r#"{"type":"resume"}"#),
        Ok(Action::Resume)
    ));

    let huge = format!(r#"{{"type":"start","scene":"{}"}}"#, "a".repeat(5000));
    assert!(matches!(parse_command(&huge), Err(Ignored::TooLong(_))));
    for bad in [
        "",
        "null",
        "42",
        "\"start\"",
        "[]",
        "{}",
        r#"{"type":"launchMissiles"}"#,
        r#"{"type":"start","scene":7}"#,
        r#"{"type":"start","extra":true}"#,
        r#"{"type":"pause","now":1}"#,
        r#"{"type":"setLang"}"#,
        r#"{"type":"START"}"#,
    ] {
        assert!(
            matches!(parse_command(bad), Err(Ignored::Malformed(_))),
            "{bad}"
        );
    }
    for (bad, field) in [
        (r#"{"type":"start","scene":"../etc"}"#, "scene"),
        (r#"{"type":"start","mode":"kiosk"}"#, "mode"),
        (r#"{"type":"start","seed":"nope"}"#, "seed"),
        (r#"{"type":"setLang","lang":"fr"}"#, "lang"),
    ] {
        assert_eq!(
            parse_command(bad).err(),
            Some(Ignored::BadValue(field)),
            "{bad}"
        );
    }
}

#[test]
fn the_host_hears_a_round_start_finds_answers_and_its_summary() {
    let mut g = ready();
    let mut sent = Vec::new();
    let mut send = |ev: &[Event]| {
        for e in ev {
            if let Some(m) = host::outgoing(e) {
                sent.push(serde_json::to_value(&m).unwrap());
            }
        }
    };
    send(&g.apply(Action::Start));
    send(&find_one(&mut g));
    send(&g.apply(Action::CloseCard));
    let Screen::Question(i) = g.screen() else {
        panic!("a question follows the card")
    };
    let right = g.scene().unwrap().hazards[i]
        .question
        .as_ref()
        .unwrap()
        .answers
        .iter()
        .position(|a| a.right)
        .unwrap();
    send(&g.apply(Action::Answer { choice: right }));
    send(&g.apply(Action::CloseCard));
    send(&g.apply(Action::AskQuit));
    send(&g.apply(Action::ConfirmQuit));
    let types: Vec<&str> = sent.iter().map(|m| m["type"].as_str().unwrap()).collect();
    assert_eq!(
        types,
        [
            "roundStarted",
            "hazardFound",
            "questionAnswered",
            "roundFinished"
        ]
    );
    for m in &sent {
        assert_eq!(m["source"], "hazard-hunt");
        assert_eq!(m["version"], 1);
    }
    assert_eq!(sent[0]["sceneId"], "sewer");
    assert_eq!(sent[1]["found"], 1);
    assert_eq!(sent[2]["right"], true);
    let summary = &sent[3]["summary"];
    assert_eq!(summary["end"], "gaveUp");
    assert_eq!(summary["found"].as_array().unwrap().len(), 1);
    assert_eq!(summary["score"]["total"], json!(g.score().total));
    let ready = serde_json::to_value(host::ready(Lang::En, Some("site"))).unwrap();
    assert_eq!(
        ready,
        json!({"source": "hazard-hunt", "version": 1, "type": "ready", "lang": "en", "scene": "site"})
    );
}

#[test]
fn a_host_start_abandons_the_round_and_plays_what_it_asks() {
    let mut g = ready();
    g.apply(Action::Start);
    find_one(&mut g);
    let seed = Seed::parse("K7Q-2MU").unwrap();
    let ev = g.apply(Action::HostStart {
        scene_id: Some("site".into()),
        mode: Some(Mode::Challenge),
        seed: Some(seed),
    });
    let ended = ev.iter().find_map(|e| match e {
        Event::RoundEnded { summary } => Some(summary.end),
        _ => None,
    });
    assert_eq!(ended, Some(EndReason::Abandoned));
    assert!(ev.contains(&Event::ModeChanged {
        mode: Mode::Challenge
    }));
    assert!(ev.contains(&Event::LoadRequested {
        scene_id: "site".into()
    }));
    let ev = g.apply(Action::Loaded(Box::new(scene("site"))));
    let started = ev.iter().find_map(|e| match e {
        Event::RoundStarted {
            scene_id,
            mode,
            seed,
            ..
        } => Some((scene_id.clone(), *mode, seed.clone())),
        _ => None,
    });
    assert_eq!(
        started,
        Some(("site".to_string(), Mode::Challenge, seed.code()))
    );
    assert_eq!(g.screen(), Screen::Play);
    // The seed was for that round only.
    g.apply(Action::AskQuit);
    g.apply(Action::ConfirmQuit);
    g.apply(Action::PlayAgain);
    let ev = g.apply(Action::Start);
    let again = ev.iter().find_map(|e| match e {
        Event::RoundStarted { seed, .. } => Some(seed.clone()),
        _ => None,
    });
    assert_ne!(again, Some(seed.code()));
    // Without a scene: the one loaded, at once.
    let ev = g.apply(Action::HostStart {
        scene_id: None,
        mode: None,
        seed: None,
    });
    assert!(kinds(&ev).contains(&"roundStarted".to_string()), "{ev:?}");
}

#[test]
fn a_paused_game_stops_its_clock_and_waits_for_input() {
    let mut g = ready();
    g.apply(Action::Start);
    g.apply(Action::Tick { dt_ms: 100.0 });
    assert_eq!(kinds(&g.apply(Action::Pause)), ["paused"]);
    assert!(g.paused());
    let t = g.round().elapsed_ms;
    for _ in 0..100 {
        g.apply(Action::Tick { dt_ms: 100.0 });
    }
    assert_eq!(g.round().elapsed_ms, t, "the round's clock stopped");
    assert!(find_one(&mut g).is_empty(), "taps wait");
    assert!(g.apply(Action::Hint).is_empty());
    assert!(g.apply(Action::Pause).is_empty(), "paused once");
    // The language may still change.
    assert_eq!(
        kinds(&g.apply(Action::SetLang(Lang::En))),
        ["languageChanged"]
    );
    assert_eq!(kinds(&g.apply(Action::Resume)), ["resumed"]);
    assert!(g.apply(Action::Resume).is_empty());
    g.apply(Action::Tick { dt_ms: 100.0 });
    assert!(g.round().elapsed_ms > t);
    assert!(kinds(&find_one(&mut g)).contains(&"hazardFound".to_string()));
}

#[test]
fn without_hints_there_is_no_hint_and_no_nudge() {
    let mut g = ready().with_lesson(false, false, Vec::new());
    g.apply(Action::Start);
    assert!(!g.hints_on());
    assert!(g.apply(Action::Hint).is_empty());
    for _ in 0..400 {
        g.apply(Action::Tick { dt_ms: 100.0 });
    }
    assert!(!g.hint_suggested());
    let mut g = ready();
    g.apply(Action::Start);
    assert_eq!(kinds(&g.apply(Action::Hint)), ["hintShown"]);
}

#[test]
fn the_scene_list_orders_and_limits_the_picker() {
    let scenes = shipped_scenes();
    let ids: Vec<String> = scenes.iter().map(|s| s.id.clone()).collect();
    let reversed: Vec<String> = ids.iter().rev().cloned().collect();
    let mut g = Game::new(Lang::Zh)
        .with_picker()
        .with_lesson(true, true, reversed.clone());
    assert!(g.showing_answers());
    g.apply(Action::Start);
    g.apply(Action::CatalogueLoaded(Box::new(Catalogue::from_scenes(
        &scenes,
    ))));
    let shown: Vec<String> = g
        .catalogue()
        .unwrap()
        .scenes
        .iter()
        .map(|e| e.id.clone())
        .collect();
    assert_eq!(shown, reversed);
    // A list naming one known scene and one unknown: just the known one.
    let mut g = Game::new(Lang::Zh).with_picker().with_lesson(
        true,
        false,
        vec!["nosuch".into(), ids[0].clone()],
    );
    g.apply(Action::Start);
    g.apply(Action::CatalogueLoaded(Box::new(Catalogue::from_scenes(
        &scenes,
    ))));
    assert_eq!(g.catalogue().unwrap().scenes.len(), 1);
    // None known: every scene, rather than none.
    let mut g =
        Game::new(Lang::Zh)
            .with_picker()
            .with_lesson(true, false, vec!["x".into(), "y".into()]);
    g.apply(Action::Start);
    g.apply(Action::CatalogueLoaded(Box::new(Catalogue::from_scenes(
        &scenes,
    ))));
    assert_eq!(g.catalogue().unwrap().scenes.len(), scenes.len());
}

#[test]
fn lesson_address_parameters_are_read_and_bad_ones_named() {
    let o = Options::from_query(
        "?scene=site,sewer,site&hints=off&answers=show&embed=1&parentOrigin=https%3A%2F%2FSchool.Example%3A443%2F",
    );
    assert_eq!(o.scenes, ["site", "sewer"]);
    assert_eq!(o.scene.as_deref(), Some("site"));
    assert!(!o.hints && o.show_answers && o.embed);
    assert_eq!(o.parent_origin.as_deref(), Some("https://school.example"));
    assert!(o.notices.is_empty(), "{:?}", o.notices);

    let o = Options::from_query(
        "?scene=sewer,../x&hints=maybe&answers=all&embed=yesplease&parentOrigin=javascript:alert(1)",
    );
    assert_eq!(o.scenes, ["sewer"]);
    assert_eq!(
        o.notices,
        [
            Notice::BadScene("../x".into()),
            Notice::BadHints("maybe".into()),
            Notice::BadAnswers("all".into()),
            Notice::BadEmbed("yesplease".into()),
            Notice::BadParentOrigin("javascript:alert(1)".into()),
        ]
    );
    assert!(o.hints && !o.show_answers && !o.embed && o.parent_origin.is_none());
    // One scene behaves as before.
    let o = Options::from_query("?scene=sewer");
    assert_eq!((o.scene.as_deref(), o.scenes.len()), (Some("sewer"), 1));
}

#[test]
fn origins_are_written_as_browsers_write_them() {
    for (given, want) in [
        ("https://school.example", Some("https://school.example")),
        ("HTTPS://School.Example/", Some("https://school.example")),
        ("http://127.0.0.1:8080", Some("http://127.0.0.1:8080")),
        ("http://localhost:80", Some("http://localhost")),
        ("https://[::1]:8443", Some("https://[::1]:8443")),
        ("https://school.example/lesson", None),
        ("https://school.example?x=1", None),
        ("ftp://school.example", None),
        ("file://", None),
        ("null", None),
        ("*", None),
        ("https://", None),
        ("https://a.example:0", None),
        ("https://a.example:99999", None),
        ("https://a b.example", None),
    ] {
        assert_eq!(parse_origin(given).as_deref(), want, "{given}");
    }
}

#[test]
fn lesson_notices_have_strings_in_both_languages() {
    let strings = hazard_hunt::i18n::Strings::builtin();
    for n in [
        Notice::BadHints("x".into()),
        Notice::BadAnswers("x".into()),
        Notice::BadEmbed("x".into()),
        Notice::BadParentOrigin("x".into()),
    ] {
        let (key, _) = n.parts();
        for lang in [Lang::Zh, Lang::En] {
            let text = strings.get(key, lang);
            assert!(text.contains("{value}"), "{key} {lang:?}");
        }
    }
}

#[test]
fn a_scene_list_goes_on_to_the_next_scene_from_the_results() {
    let mut g = Game::new(Lang::Zh).with_lesson(true, false, vec!["sewer".into(), "site".into()]);
    g.apply(Action::Resize {
        viewport: Rect::new(0.0, 0.0, 1280.0, 720.0),
    });
    g.apply(Action::Load {
        scene_id: "sewer".into(),
    });
    g.apply(Action::Loaded(Box::new(scene("sewer"))));
    g.apply(Action::Start);
    assert_eq!(g.next_scene(), Some("site"));
    // Only from the results.
    assert!(g.apply(Action::NextScene).is_empty());
    g.apply(Action::AskQuit);
    g.apply(Action::ConfirmQuit);
    let ev = g.apply(Action::NextScene);
    assert!(ev.contains(&Event::LoadRequested {
        scene_id: "site".into()
    }));
    let ev = g.apply(Action::Loaded(Box::new(scene("site"))));
    assert!(kinds(&ev).contains(&"roundStarted".to_string()));
    assert_eq!(g.scene_id(), "site");
    assert_eq!(g.next_scene(), None, "the last of the list");
    // Without a list there is no next scene.
    let mut g = ready();
    g.apply(Action::Start);
    assert_eq!(g.next_scene(), None);
}
