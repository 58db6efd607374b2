//! The scene picker: without `?scene=` Start leads to a list of scenes; picking one
//! loads it and starts the round. Every action on the picker screen.

use common::kinds;
use hazard_hunt::catalogue::Catalogue;
use hazard_hunt::game::{Action, Game, LoadState, Screen};
use hazard_hunt::geom::Rect;
use hazard_hunt::i18n::Lang;
use hazard_hunt::scene::Scene;

mod common;

fn scene() -> Scene {
    common::scene("minimal.json")
}

fn catalogue() -> Catalogue {
    Catalogue::from_scenes(&[scene()])
}

fn title() -> Game {
    let mut g = Game::new(Lang::Zh).with_picker();
    g.apply(Action::Resize {
        viewport: Rect::new(0.0, 0.0, 400.0, 300.0),
    });
    g
}

fn picker() -> Game {
    let mut g = title();
    g.apply(Action::Start);
    g.apply(Action::CatalogueLoaded(Box::new(catalogue())));
    g
}

fn pick(id: &str) -> Action {
    Action::PickScene {
        scene_id: id.into(),
    }
}

#[test]
fn start_opens_the_picker_and_asks_for_the_catalogue_once() {
    let mut g = title();
    assert!(g.can_start(), "nothing to wait for before the picker");
    assert_eq!(
        kinds(&g.apply(Action::Start)),
        ["pickerShown", "catalogueRequested"]
    );
    assert_eq!(g.screen(), Screen::Select);
    assert_eq!(g.catalogue_load(), &LoadState::Loading);
    assert_eq!(
        kinds(&g.apply(Action::CatalogueLoaded(Box::new(catalogue())))),
        ["catalogueLoaded"]
    );
    assert_eq!(g.catalogue().unwrap().scenes[0].id, "mini");
    // Back to the title and in again: the list is already there.
    assert_eq!(kinds(&g.apply(Action::Back)), ["returnedToTitle"]);
    assert_eq!(kinds(&g.apply(Action::Start)), ["pickerShown"]);
}

#[test]
fn picking_a_scene_loads_it_and_starts_the_round() {
    let mut g = picker();
    assert!(g.apply(pick("nowhere")).is_empty(), "not in the catalogue");
    assert_eq!(
        kinds(&g.apply(pick("mini"))),
        ["scenePicked", "loadRequested"]
    );
    assert_eq!(
        g.screen(),
        Screen::Select,
        "waits on the picker while loading"
    );
    assert!(g.apply(pick("mini")).is_empty(), "one pick at a time");
    assert_eq!(
        kinds(&g.apply(Action::Loaded(Box::new(scene())))),
        ["sceneLoaded", "roundStarted"]
    );
    assert_eq!(g.screen(), Screen::Play);
    // After the round, Start leads to the picker again; the scene is still loaded,
    // so picking it again starts at once.
    g.apply(Action::AskQuit);
    g.apply(Action::ConfirmQuit);
    g.apply(Action::PlayAgain);
    g.apply(Action::Start);
    assert_eq!(
        kinds(&g.apply(pick("mini"))),
        ["scenePicked", "roundStarted"]
    );
}

#[test]
fn a_scene_that_fails_to_load_is_explained_on_the_title_and_can_be_retried() {
    let mut g = picker();
    g.apply(pick("mini"));
    let ev = g.apply(Action::LoadFailed {
        message: "mini.json: broken".into(),
    });
    assert_eq!(kinds(&ev), ["loadFailed"]);
    assert_eq!(g.screen(), Screen::Title);
    assert_eq!(kinds(&g.apply(Action::Retry)), ["loadRequested"]);
    assert_eq!(
        kinds(&g.apply(Action::Loaded(Box::new(scene())))),
        ["sceneLoaded", "roundStarted"]
    );
}

#[test]
fn leaving_the_picker_while_loading_does_not_start_a_round() {
    let mut g = picker();
    g.apply(pick("mini"));
    g.apply(Action::Back);
    assert_eq!(
        kinds(&g.apply(Action::Loaded(Box::new(scene())))),
        ["sceneLoaded"]
    );
    assert_eq!(g.screen(), Screen::Title);
}

#[test]
fn a_catalogue_that_fails_can_be_retried() {
    let mut g = title();
    g.apply(Action::Start);
    let ev = g.apply(Action::CatalogueFailed {
        message: "catalogue.json: gone".into(),
    });
    assert_eq!(kinds(&ev), ["catalogueFailed"]);
    assert!(matches!(g.catalogue_load(), LoadState::Failed(_)));
    assert_eq!(kinds(&g.apply(Action::Retry)), ["catalogueRequested"]);
}

#[test]
fn every_action_on_the_picker() {
    let all: Vec<(&str, Action)> = vec![
        ("start", Action::Start),
        ("pick", pick("mini")),
        (
            "tap",
            Action::Tap {
                at: hazard_hunt::geom::Point::new(150.0, 150.0),
                tolerance: 0.0,
            },
        ),
        ("close", Action::CloseCard),
        ("hint", Action::Hint),
        ("ask-quit", Action::AskQuit),
        ("confirm-quit", Action::ConfirmQuit),
        ("back", Action::Back),
        ("play-again", Action::PlayAgain),
        ("reset", Action::ResetToTitle),
        ("lang", Action::ToggleLang),
        ("choose", Action::ChooseResult(Some(0))),
        ("tick", Action::Tick { dt_ms: 10.0 }),
        ("retry", Action::Retry),
        (
            "zoom",
            Action::Zoom {
                at: hazard_hunt::geom::Point::new(1.0, 1.0),
                factor: 2.0,
            },
        ),
    ];
    for (name, action) in all {
        let mut g = picker();
        let ev = g.apply(action);
        let (want, screen): (&[&str], &str) = match name {
            "pick" => (&["scenePicked", "loadRequested"], "select"),
            "back" | "reset" => (&["returnedToTitle"], "title"),
            "lang" => (&["languageChanged"], "select"),
            _ => (&[], "select"),
        };
        assert_eq!(kinds(&ev), want, "{name} on the picker");
        assert_eq!(g.screen().name(), screen, "{name} on the picker");
    }
}
