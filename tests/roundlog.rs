//! The teacher view's records (src/roundlog.rs): a record from a real round's
//! summary, what is and is not recorded, the stored text read back, garbage and caps,
//! the class summary's order, and the CSV export (RFC 4180, with a byte-order mark).

use hazard_hunt::csv;
use hazard_hunt::game::{Action, EndReason, Event, Game, Mode, RoundSummary};
use hazard_hunt::geom::{Point, Rect};
use hazard_hunt::i18n::{Lang, Strings};
use hazard_hunt::roundlog::{self, class_summary, Record, RoundLog};

mod common;

const SQUARE: Point = Point::new(150.0, 150.0);

/// A round of the fixture scene: the square found (its question skipped), then ended.
fn summary(lang: Lang) -> RoundSummary {
    let mut g = Game::new(lang);
    g.apply(Action::Resize {
        viewport: Rect::new(0.0, 0.0, 400.0, 300.0),
    });
    g.apply(Action::Load {
        scene_id: "mini".into(),
    });
    g.apply(Action::Loaded(Box::new(common::scene("minimal.json"))));
    g.apply(Action::Start);
    for _ in 0..6 {
        g.apply(Action::Tick { dt_ms: 250.0 });
    }
    g.apply(Action::Tap {
        at: SQUARE,
        tolerance: 0.0,
    });
    g.apply(Action::CloseCard);
    g.apply(Action::CloseCard);
    g.apply(Action::Hint);
    g.apply(Action::AskQuit);
    let ev = g.apply(Action::ConfirmQuit);
    match ev.last() {
        Some(Event::RoundEnded { summary }) => (**summary).clone(),
        other => panic!("{other:?}"),
    }
}

fn record(scene: &str, found: &[&str], missed: &[&str], score: u32) -> Record {
    Record {
        at: "2026-11-29 10:31".into(),
        scene: scene.into(),
        lang: "zh".into(),
        mode: "explore".into(),
        end: "gaveUp".into(),
        score,
        stars: 1,
        time_ms: 61_400,
        total: (found.len() + missed.len()) as u32,
        found: found.iter().map(|s| s.to_string()).collect(),
        missed: missed.iter().map(|s| s.to_string()).collect(),
        hints: 0,
        questions_right: 0,
        questions_asked: found.len() as u32,
        seed: "222-25H".into(),
    }
}

#[test]
fn a_finished_round_becomes_a_compact_record() {
    let s = summary(Lang::En);
    let r = Record::from_summary(&s, "2026-11-29 10:31").expect("recorded");
    assert_eq!(r.at, "2026-11-29 10:31");
    assert_eq!(r.scene, "mini");
    assert_eq!(r.lang, "en");
    assert_eq!(r.mode, "explore");
    assert_eq!(r.end, "gaveUp");
    assert_eq!(r.score, s.score.total);
    assert_eq!(r.stars, s.stars);
    assert_eq!(r.time_ms, 1500);
    assert_eq!(r.total, 2);
    assert_eq!(r.found, ["square"]);
    assert_eq!(r.missed, ["ell"]);
    assert_eq!(r.hints, s.hints);
    assert_eq!(r.questions_asked, s.questions_asked);
    assert_eq!(r.questions_right, 0);
    assert_eq!(r.seed, s.seed);
}

#[test]
fn abandoned_and_walked_away_rounds_are_not_recorded() {
    let mut s = summary(Lang::Zh);
    for end in [EndReason::Abandoned, EndReason::WalkedAway] {
        s.end = end;
        assert_eq!(
            Record::from_summary(&s, "2026-11-29 10:31"),
            None,
            "{end:?}"
        );
    }
    for (end, code) in [
        (EndReason::AllFound, "allFound"),
        (EndReason::TimeUp, "timeUp"),
    ] {
        s.end = end;
        s.mode = Mode::Challenge;
        let r = Record::from_summary(&s, "2026-11-29 10:31").unwrap();
        assert_eq!((r.end.as_str(), r.mode.as_str()), (code, "challenge"));
    }
    // A time that is not a date and time is refused, not stored.
    assert_eq!(Record::from_summary(&s, "<script>"), None);
}

#[test]
fn the_stored_text_reads_back_the_same() {
    let mut log = RoundLog::default();
    log.push(Record::from_summary(&summary(Lang::Zh), "2026-11-29 10:31").unwrap());
    log.push(record(
        "sewer",
        &["no-air-test"],
        &["blower-off", "no-sign"],
        230,
    ));
    let text = log.to_text();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], roundlog::HEADER);
    assert_eq!(
        lines[2],
        "2026-11-29 10:31\tsewer\tzh\texplore\tgaveUp\t230\t1\t61400\t3\tno-air-test\t\
         blower-off no-sign\t0\t0\t1\t222-25H"
    );
    assert_eq!(RoundLog::parse(&text), log);
    // The test hook's JSON: plain JSON any reader takes.
    let v: serde_json::Value = serde_json::from_str(&log.rounds_json()).unwrap();
    assert_eq!(v[1]["missed"][1], "no-sign");
    assert_eq!(v[1]["questionsAsked"], 1);
    assert_eq!(v[0]["timeMs"], 1500);
    assert_eq!(v[0]["found"][0], "square");
    assert_eq!(RoundLog::default().rounds_json(), "[]");
}

#[test]
fn garbage_reads_as_no_rounds_and_never_panics() {
    let good = {
        let mut log = RoundLog::default();
        log.push(record("sewer", &["a"], &["b"], 100));
        log.to_text()
    };
    for text in [
        "",
        "null",
        "{\"version\":1,\"rounds\":[]}",
        "not ours\n2026-11-29 10:31\tsewer",
        &good.replace("rounds v1", "rounds v2"),
        &good.replace('\n', "\r\n").replace(roundlog::HEADER, "x"),
        &format!("{}{}", good, "x".repeat(roundlog::MAX_BYTES)),
    ] {
        assert_eq!(RoundLog::parse(text).rounds(), &[], "{text:.80}");
    }
    // CRLF line ends (a file edited elsewhere) still read.
    assert_eq!(
        RoundLog::parse(&good.replace('\n', "\r\n")).rounds().len(),
        1
    );
    // A line that does not check out is left out; the others stay.
    for bad in [
        good.replace("\tsewer\t", "\t../x\t"),
        good.replace("\t100\t", "\t-5\t"),
        good.replace("\t100\t", "\t100\textra\t"),
        good.replace("\t100\t", "\t"),
        good.replace("\tzh\t", "\tfr\t"),
        good.replace("\tgaveUp\t", "\tabandoned\t"),
        good.replace("\t222-25H", "\t\"}"),
        good.replace("\ta\t", "\tBad\t"),
    ] {
        let mixed = format!("{bad}{}", good.lines().nth(1).unwrap());
        let read = RoundLog::parse(&mixed);
        assert_eq!(read.rounds().len(), 1, "{bad:?}");
    }
    for bad in [
        Record {
            stars: 4,
            ..record("sewer", &[], &[], 0)
        },
        Record {
            lang: "fr".into(),
            ..record("sewer", &[], &[], 0)
        },
        Record {
            end: "abandoned".into(),
            ..record("sewer", &[], &[], 0)
        },
        Record {
            seed: "\"}".into(),
            ..record("sewer", &[], &[], 0)
        },
        Record {
            at: "10:31\t".into(),
            ..record("sewer", &[], &[], 0)
        },
        record("sewer", &["Bad Id"], &[], 0),
    ] {
        assert!(!bad.is_valid(), "{bad:?}");
        let mut log = RoundLog::default();
        log.push(bad);
        assert!(log.rounds().is_empty());
    }
}

#[test]
fn only_the_newest_rounds_are_kept() {
    let mut log = RoundLog::default();
    for i in 0..roundlog::MAX_ROUNDS + 7 {
        log.push(record("sewer", &["a"], &["b"], i as u32));
    }
    assert_eq!(log.rounds().len(), roundlog::MAX_ROUNDS);
    assert_eq!(log.rounds()[0].score, 7, "the oldest went first");
    let text = log.to_text();
    assert!(text.len() <= roundlog::MAX_BYTES, "{} bytes", text.len());
    assert_eq!(RoundLog::parse(&text), log);
}

#[test]
fn the_class_summary_puts_the_most_missed_first() {
    let order = vec![
        (
            "sewer".to_string(),
            vec!["a".to_string(), "b".to_string(), "c".to_string()],
        ),
        ("site".to_string(), vec!["x".to_string(), "y".to_string()]),
    ];
    let rounds = [
        record("sewer", &["a"], &["c", "b"], 0),
        record("sewer", &["b"], &["c", "a"], 0),
        record("site", &["x"], &["y"], 0),
        record("sewer", &["a", "b", "c"], &[], 0),
        record("mystery", &[], &["zz"], 0),
    ];
    let rows = class_summary(&rounds, &order);
    let view: Vec<(&str, &str, u32, u32)> = rows
        .iter()
        .map(|m| (m.scene.as_str(), m.id.as_str(), m.missed, m.shown))
        .collect();
    assert_eq!(
        view,
        [
            ("sewer", "c", 2, 3),
            // One miss each: scene order, then hazard order; an unknown scene last.
            ("sewer", "a", 1, 3),
            ("sewer", "b", 1, 3),
            ("site", "y", 1, 1),
            ("mystery", "zz", 1, 1),
            ("site", "x", 0, 1),
        ]
    );
    assert!(class_summary(&[], &order).is_empty());
    let t = roundlog::totals(&rounds);
    assert_eq!((t.rounds, t.found, t.shown), (5, 6, 12));
}

#[test]
fn csv_quotes_as_rfc_4180_says() {
    assert_eq!(csv::field("plain"), "plain");
    assert_eq!(csv::field("a,b"), "\"a,b\"");
    assert_eq!(csv::field("say \"hi\""), "\"say \"\"hi\"\"\"");
    assert_eq!(csv::field("two\nlines"), "\"two\nlines\"");
    assert_eq!(csv::field("cr\r"), "\"cr\r\"");
    assert_eq!(csv::field("通风，检测"), "通风，检测");
    // Nothing a spreadsheet would run as a formula.
    assert_eq!(csv::field("=1+1"), "'=1+1");
    assert_eq!(csv::field("@x,y"), "\"'@x,y\"");
    // The kiosk's statistics quote the same way.
    assert_eq!(
        hazard_hunt::stats::csv_field("a,\"b\""),
        csv::field("a,\"b\"")
    );
    let mut row = String::new();
    csv::push_row(&mut row, &["1", "a,b", ""]);
    assert_eq!(row, "1,\"a,b\",\r\n");
}

#[test]
fn the_csv_export_has_a_heading_and_a_row_per_round() {
    let strings = Strings::builtin();
    let rounds = [
        record("sewer", &["a", "b"], &["c"], 230),
        record("site", &[], &["x"], 0),
    ];
    let heading: Vec<&str> = roundlog::CSV_COLUMNS
        .iter()
        .map(|k| strings.get(k, Lang::Zh))
        .collect();
    let name = |scene: &str, id: Option<&str>| match (scene, id) {
        ("sewer", None) => Some("城市污水管道".to_string()),
        ("sewer", Some("a")) => Some("未检测, \"先通风\"".to_string()),
        _ => None,
    };
    let text = roundlog::csv(&rounds, &heading, &name);
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert_eq!(
        lines.len(),
        4,
        "heading, two rows, and the final CRLF: {lines:?}"
    );
    assert_eq!(lines[3], "");
    assert_eq!(lines[0], heading.join(","));
    assert_eq!(
        lines[1],
        "2026-11-29 10:31,城市污水管道,zh,explore,gaveUp,230,1,61,2,3,\
         \"未检测, \"\"先通风\"\"; b\",c,0,0,2,222-25H"
    );
    assert_eq!(
        lines[2],
        "2026-11-29 10:31,site,zh,explore,gaveUp,0,1,61,0,1,,x,0,0,0,222-25H"
    );
}

#[test]
fn every_teacher_string_is_in_both_languages() {
    let strings = Strings::builtin();
    let keys: Vec<&str> = strings
        .keys()
        .filter(|k| k.starts_with("teacher.") || k.starts_with("embed."))
        .collect();
    assert!(keys.len() >= roundlog::CSV_COLUMNS.len() + 10, "{keys:?}");
    for k in roundlog::CSV_COLUMNS.iter().copied().chain(keys) {
        for lang in [Lang::Zh, Lang::En] {
            let s = strings.get(k, lang);
            assert!(!s.is_empty() && s != k, "{k} in {lang:?}");
        }
    }
}

#[test]
fn teacher_is_a_url_parameter_but_not_on_a_kiosk() {
    use hazard_hunt::options::{Notice, Options};
    assert!(!Options::from_query("").teacher);
    assert!(Options::from_query("?teacher=1").teacher);
    assert!(!Options::from_query("?teacher=0").teacher);
    let o = Options::from_query("?teacher=please");
    assert!(!o.teacher);
    assert_eq!(o.notices, [Notice::BadTeacher("please".into())]);
    assert!(!Options::from_query("?teacher=1&mode=kiosk").teacher);
    let strings = Strings::builtin();
    let (key, _) = Notice::BadTeacher("x".into()).parts();
    for lang in [Lang::Zh, Lang::En] {
        assert!(strings.get(key, lang).contains("{value}"), "{key} {lang:?}");
    }
}
