//! A kiosk's statistics: rounds a day, averages, hazards found / missed / hinted,
//! the stored JSON (and what happens to garbage), the CSV export; and the error log's
//! ring buffer and reload delays.

use hazard_hunt::errorlog::{self, CrashNames, ErrorLog, Source};
use hazard_hunt::game::{Action, EndReason, Event, Game};
use hazard_hunt::geom::{Point, Rect};
use hazard_hunt::i18n::Lang;
use hazard_hunt::seam::RoundSummary;
use hazard_hunt::stats::{self, KioskStats, CSV_HEADER};

mod common;

const VIEW: Rect = Rect::new(0.0, 0.0, 400.0, 300.0);
const SQUARE: Point = Point::new(150.0, 150.0);
const ELL: Point = Point::new(270.0, 150.0);

fn playing() -> Game {
    let mut g = Game::new(Lang::Zh);
    g.apply(Action::Resize { viewport: VIEW });
    g.apply(Action::Load {
        scene_id: "mini".into(),
    });
    g.apply(Action::Loaded(Box::new(common::scene("minimal.json"))));
    g.apply(Action::Start);
    g
}

fn ended(ev: Vec<Event>) -> RoundSummary {
    ev.into_iter()
        .find_map(|e| match e {
            Event::RoundEnded { summary } => Some(*summary),
            _ => None,
        })
        .expect("the round ended")
}

/// When a round's hint is asked for.
#[derive(Clone, Copy, PartialEq)]
enum HintAt {
    Never,
    /// Before the square is found: it points at the square.
    First,
    /// After: it points at the only hazard left, the L.
    Then,
}

/// Finds the square, then gives up: the L is missed. A hint when `hint` says.
fn square_then_give_up(hint: HintAt) -> RoundSummary {
    let mut g = playing();
    g.apply(Action::Tick { dt_ms: 1_000.0 });
    if hint == HintAt::First {
        g.apply(Action::Hint);
    }
    let ev = g.apply(Action::Tap {
        at: SQUARE,
        tolerance: 0.0,
    });
    assert!(
        ev.iter()
            .any(|e| matches!(e, Event::HazardFound { id, .. } if id == "square")),
        "{ev:?}"
    );
    g.apply(Action::Back);
    g.apply(Action::Back);
    if hint == HintAt::Then {
        g.apply(Action::Hint);
    }
    g.apply(Action::Tick { dt_ms: 2_000.0 });
    g.apply(Action::AskQuit);
    ended(g.apply(Action::ConfirmQuit))
}

fn all_found() -> RoundSummary {
    let mut g = playing();
    g.apply(Action::Tick { dt_ms: 500.0 });
    g.apply(Action::Tap {
        at: ELL,
        tolerance: 0.0,
    });
    g.apply(Action::Back);
    g.apply(Action::Back);
    let mut ev = g.apply(Action::Tap {
        at: SQUARE,
        tolerance: 0.0,
    });
    ev.extend(g.apply(Action::Back));
    ev.extend(g.apply(Action::Back));
    ended(ev)
}

/// The same round, played as a team.
fn team(mut s: RoundSummary) -> RoundSummary {
    s.team = true;
    s
}

fn abandoned() -> RoundSummary {
    let mut g = playing();
    g.apply(Action::Tick { dt_ms: 500.0 });
    let s = ended(g.apply(Action::ResetToTitle));
    assert_eq!(s.end, EndReason::Abandoned);
    s
}

#[test]
fn rounds_are_counted_by_day_and_hazards_by_scene() {
    let gave_up = square_then_give_up(HintAt::First);
    assert_eq!(gave_up.end, EndReason::GaveUp);
    assert!(
        gave_up.breakdown.finds[0].hint.is_some(),
        "the square's hint"
    );
    let all = all_found();
    assert_eq!(all.end, EndReason::AllFound);

    let mut s = KioskStats::new();
    assert!(s.is_empty());
    assert!(s.record(&gave_up, "2026-11-28"));
    assert!(s.record(&team(all.clone()), "2026-11-29"));
    assert!(s.record(&square_then_give_up(HintAt::Never), "2026-11-29"));
    assert!(s.record(&abandoned(), "2026-11-29"));
    // Kiosk mode: nobody answered "Are you still playing?".
    let mut walked = square_then_give_up(HintAt::Never);
    walked.end = EndReason::WalkedAway;
    assert!(s.record(&walked, "2026-11-29"));
    assert!(!s.record(&all, "29/11/2026"), "not a date");
    assert!(!s.record(&all, "2026-02-30"), "no such day");

    let d = s.day("2026-11-29").unwrap();
    assert_eq!((d.rounds, d.abandoned, d.team), (2, 2, 1));
    assert_eq!(
        d.score,
        u64::from(all.score.total) + {
            let again = square_then_give_up(HintAt::Never);
            u64::from(again.score.total)
        }
    );
    assert_eq!(
        d.time_ms,
        (all.time_ms.round() + square_then_give_up(HintAt::Never).time_ms.round()) as u64
    );
    let d = s.day("2026-11-28").unwrap();
    assert_eq!((d.rounds, d.abandoned, d.team), (1, 0, 0));

    let sq = s.hazard("mini", "square").unwrap();
    assert_eq!((sq.found, sq.missed, sq.hinted), (3, 0, 1));
    let ell = s.hazard("mini", "ell").unwrap();
    assert_eq!((ell.found, ell.missed, ell.hinted), (1, 2, 0));
    assert_eq!(ell.miss_rate(), Some(67));
    assert_eq!(sq.miss_rate(), Some(0));
}

#[test]
fn a_hint_for_a_hazard_that_is_then_missed_counts_as_hinted() {
    // The square found, then a hint (at the L), and the round given up: the L was
    // hinted and still missed.
    let summary = square_then_give_up(HintAt::Then);
    assert_eq!(summary.hinted, vec!["ell".to_string()]);
    assert_eq!(summary.missed, vec!["ell".to_string()]);
    let mut s = KioskStats::new();
    assert!(s.record(&summary, "2026-11-29"));
    let ell = s.hazard("mini", "ell").unwrap();
    assert_eq!((ell.found, ell.missed, ell.hinted), (0, 1, 1));
    let sq = s.hazard("mini", "square").unwrap();
    assert_eq!((sq.found, sq.missed, sq.hinted), (1, 0, 0));
}

#[test]
fn the_summary_lists_fourteen_days_and_the_most_missed_first() {
    let mut s = KioskStats::new();
    let all = all_found();
    let gave_up = square_then_give_up(HintAt::Never);
    s.record(&all, "2026-11-01");
    s.record(&gave_up, "2026-11-20");
    s.record(&all, "2026-11-29");
    s.record(&abandoned(), "2026-11-29");
    let sum = s.summary("2026-11-29");
    assert_eq!(sum.days.len(), stats::SUMMARY_DAYS);
    assert_eq!(sum.days[0].day, "2026-11-29");
    assert_eq!(sum.days[13].day, "2026-11-16");
    assert_eq!((sum.days[0].rounds, sum.days[0].abandoned), (1, 1));
    assert_eq!(sum.days[9].day, "2026-11-20");
    assert_eq!(sum.days[9].rounds, 1);
    assert_eq!(sum.days[1].rounds, 0);
    assert_eq!(sum.days[1].average_score, None);
    // Every day kept counts in the totals, the 1st of November too.
    assert_eq!((sum.rounds, sum.abandoned), (3, 1));
    let avg = (2.0 * f64::from(all.score.total) + f64::from(gave_up.score.total)) / 3.0;
    assert!((sum.average_score.unwrap() - avg).abs() < 1e-9);
    let avg_t = (2.0 * all.time_ms.round() + gave_up.time_ms.round()) / 3.0;
    assert!((sum.average_time_ms.unwrap() - avg_t).abs() < 1e-9);
    let order: Vec<(&str, u32)> = sum
        .hazards
        .iter()
        .map(|h| (h.id.as_str(), h.missed))
        .collect();
    assert_eq!(order, vec![("ell", 1), ("square", 0)]);
    assert_eq!(sum.hazards[0].miss_rate, Some(33));

    // Month and year ends.
    let s = KioskStats::new().summary("2027-01-03");
    assert_eq!(s.days[3].day, "2026-12-31");
    let s = KioskStats::new().summary("2028-03-01");
    assert_eq!(s.days[1].day, "2028-02-29");
    assert!(KioskStats::new().summary("today").days.is_empty());
}

#[test]
fn stored_statistics_read_back_and_garbage_reads_as_empty() {
    let mut s = KioskStats::new();
    s.record(&team(all_found()), "2026-11-29");
    s.record(&square_then_give_up(HintAt::First), "2026-11-29");
    let json = s.to_json();
    assert!(json.starts_with("{\"version\":1,"), "{json}");
    assert_eq!(KioskStats::parse(&json), s);

    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["days"]["2026-11-29"]["rounds"], 2);
    assert_eq!(v["hazards"]["mini"]["ell"]["missed"], 1);

    let empty = KioskStats::new();
    for garbage in [
        "",
        "null",
        "[]",
        "{",
        "not json at all",
        "{\"version\":2,\"days\":{},\"hazards\":{}}",
        "{\"version\":1,\"days\":{},\"hazards\":{},\"extra\":1}",
        "{\"version\":1,\"days\":{\"yesterday\":{\"rounds\":1,\"abandoned\":0,\"score\":1,\"timeMs\":1,\"team\":0}},\"hazards\":{}}",
        "{\"version\":1,\"days\":{\"2026-11-29\":{\"rounds\":-1,\"abandoned\":0,\"score\":1,\"timeMs\":1,\"team\":0}},\"hazards\":{}}",
        "{\"version\":1,\"days\":{\"2026-11-29\":{\"rounds\":1,\"abandoned\":0,\"score\":1,\"timeMs\":-5,\"team\":0}},\"hazards\":{}}",
        "{\"version\":1,\"days\":{},\"hazards\":{\"<script>\":{}}}",
        "{\"version\":1,\"days\":{},\"hazards\":{\"mini\":{\"a b\":{\"found\":1,\"missed\":0,\"hinted\":0}}}}",
        "{\"best\":{\"sewer\":10},\"version\":1}",
    ] {
        assert_eq!(KioskStats::parse(garbage), empty, "{garbage:?}");
    }
    let huge = format!(
        "{{\"version\":1,\"days\":{{}},\"hazards\":{{}}, \"x\":\"{}\"}}",
        "a".repeat(stats::MAX_BYTES)
    );
    assert_eq!(KioskStats::parse(&huge), empty);

    // More days than kept: refused when read, the oldest dropped when recorded.
    let mut many = KioskStats::new();
    let all = all_found();
    for n in 0..(stats::MAX_DAYS as i64 + 5) {
        let day = stats::civil_from_days(stats::days_from_civil(2025, 1, 1) + n);
        many.record(&all, &day);
    }
    assert_eq!(many.summary("2026-02-09").rounds, stats::MAX_DAYS as u32);
    assert!(
        many.day("2025-01-01").is_none(),
        "the oldest day went first"
    );
    assert_eq!(KioskStats::parse(&many.to_json()), many);
    assert!(many.to_json().len() < stats::MAX_BYTES);
}

#[test]
fn at_most_so_many_scenes_and_hazards_are_counted() {
    let mut s = KioskStats::new();
    let base = all_found();
    for k in 0..(stats::MAX_SCENES + 3) {
        let mut r = base.clone();
        r.scene_id = format!("scene-{k}");
        s.record(&r, "2026-11-29");
    }
    assert_eq!(
        s.day("2026-11-29").unwrap().rounds,
        stats::MAX_SCENES as u32 + 3
    );
    assert!(s.hazard("scene-0", "ell").is_some());
    assert!(s
        .hazard(&format!("scene-{}", stats::MAX_SCENES), "ell")
        .is_none());
    let mut r = square_then_give_up(HintAt::Never);
    r.missed = (0..100).map(|k| format!("h{k}")).collect();
    let mut s = KioskStats::new();
    s.record(&r, "2026-11-29");
    assert_eq!(s.summary("2026-11-29").hazards.len(), stats::MAX_HAZARDS);
    assert_eq!(KioskStats::parse(&s.to_json()), s);
}

/// A minimal RFC 4180 reader for the test: records of fields.
fn read_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "CRLF line ends");
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, '\n') => panic!("a bare LF"),
            (false, c) => field.push(c),
        }
    }
    assert!(
        row.is_empty() && field.is_empty(),
        "the last record ends in CRLF"
    );
    rows
}

#[test]
fn the_csv_export_is_one_table_days_then_hazards_most_missed_first() {
    let mut s = KioskStats::new();
    s.record(&team(all_found()), "2026-11-28");
    s.record(&square_then_give_up(HintAt::First), "2026-11-29");
    s.record(&square_then_give_up(HintAt::Never), "2026-11-29");
    s.record(&abandoned(), "2026-11-29");
    let title = |scene: &str, id: &str| {
        (scene == "mini" && id == "ell").then(|| "L形, \"弯\"\n两行".to_string())
    };
    let csv = s.to_csv(&title);
    let rows = read_csv(&csv);
    assert_eq!(rows[0], CSV_HEADER.map(String::from).to_vec());
    assert!(rows.iter().all(|r| r.len() == CSV_HEADER.len()), "{rows:?}");
    let col = |name: &str| CSV_HEADER.iter().position(|h| *h == name).unwrap();
    let days: Vec<&Vec<String>> = rows.iter().filter(|r| r[0] == "day").collect();
    assert_eq!(days.len(), 2);
    assert_eq!(days[0][col("day")], "2026-11-28");
    assert_eq!(days[0][col("team_rounds")], "1");
    assert_eq!(days[1][col("day")], "2026-11-29");
    assert_eq!(days[1][col("rounds")], "2");
    assert_eq!(days[1][col("abandoned")], "1");
    assert!(days[1][col("average_time_s")].parse::<f64>().unwrap() > 0.0);
    assert_eq!(days[1][col("hazard")], "");
    let hazards: Vec<&Vec<String>> = rows.iter().filter(|r| r[0] == "hazard").collect();
    assert_eq!(hazards.len(), 2);
    assert_eq!(hazards[0][col("hazard")], "ell");
    assert_eq!(hazards[0][col("scene")], "mini");
    assert_eq!(hazards[0][col("title")], "L形, \"弯\"\n两行");
    assert_eq!(hazards[0][col("found")], "1");
    assert_eq!(hazards[0][col("missed")], "2");
    assert_eq!(hazards[0][col("miss_rate_percent")], "67");
    assert_eq!(hazards[1][col("hazard")], "square");
    assert_eq!(hazards[1][col("hinted")], "1");
    assert_eq!(hazards[1][col("title")], "");
    assert_eq!(hazards[1][col("day")], "");
    assert_eq!(rows.len(), 1 + 2 + 2);

    assert_eq!(stats::csv_field("a,b"), "\"a,b\"");
    assert_eq!(stats::csv_field("=1+1"), "'=1+1");
    assert_eq!(stats::csv_field("plain"), "plain");
    // An empty export is the header alone.
    assert_eq!(read_csv(&KioskStats::new().to_csv(&|_, _| None)).len(), 1);
}

#[test]
fn the_error_log_keeps_the_last_twenty_and_reads_garbage_as_empty() {
    let mut log = ErrorLog::new();
    for k in 0..25 {
        log.push(
            &format!("2026-11-29T10:00:{k:02}.000Z"),
            Source::Error,
            &format!("error {k}"),
        );
    }
    assert_eq!(log.entries().len(), errorlog::MAX_ENTRIES);
    assert_eq!(log.entries()[0].message, "error 5");
    log.push(
        "2026-11-29T10:00:59.000Z",
        Source::Error,
        "quote \" backslash \\ line\nbreak \u{2028} tab\t 中文 <>&",
    );
    log.push("2026-11-29T10:01:00.000Z", Source::Panic, &"x".repeat(1000));
    let last = log.entries().last().unwrap();
    assert_eq!(
        last.message.chars().count(),
        errorlog::MAX_MESSAGE_CHARS + 1
    );
    assert!(last.message.ends_with('…'));
    let json = log.to_json();
    assert_eq!(ErrorLog::parse(&json), log);
    assert_eq!(
        log.entries()[18].message,
        "quote \" backslash \\ line\nbreak \u{2028} tab 中文 <>&"
    );
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["errors"][19]["source"], "panic");
    assert_eq!(v["errors"][19]["time"], "2026-11-29T10:01:00.000Z");

    // What www/recovery.js writes reads the same.
    let js = r#"{"version":1,"errors":[{"time":"2026-11-29T09:59:59.123Z","source":"rejection","message":"boom"}]}"#;
    assert_eq!(ErrorLog::parse(js).entries()[0].source, Source::Rejection);
    for garbage in [
        "",
        "{}",
        "[1,2]",
        r#"{"version":2,"errors":[]}"#,
        r#"{"version":1,"errors":[{"time":"yesterday","source":"panic","message":"x"}]}"#,
        r#"{"version":1,"errors":[{"time":"2026-11-29T09:59:59Z","source":"oops","message":"x"}]}"#,
        r#"{"version":1,"errors":[{"time":"2026-11-29T09:59:59Z","source":"panic","message":"x","stack":""}]}"#,
    ] {
        assert_eq!(ErrorLog::parse(garbage), ErrorLog::new(), "{garbage:?}");
    }
    let many = format!(
        r#"{{"version":1,"errors":[{}]}}"#,
        vec![r#"{"time":"2026-11-29T09:59:59Z","source":"panic","message":"x"}"#; 21].join(",")
    );
    assert_eq!(ErrorLog::parse(&many), ErrorLog::new());
}

#[test]
fn a_crash_loop_waits_longer_before_the_next_reload() {
    let now = errorlog::iso_to_ms("2026-11-29T10:00:00.000Z").unwrap();
    assert_eq!(
        now,
        (stats::days_from_civil(2026, 11, 29) * 86_400_000 + 10 * 3_600_000) as f64
    );
    assert_eq!(errorlog::iso_to_ms("1970-01-01T00:00:01.5Z"), Some(1_500.0));
    assert_eq!(errorlog::iso_to_ms("2026-11-29 10:00:00Z"), None);
    let mut log = ErrorLog::new();
    // An old crash loop does not count.
    for k in 0..5 {
        log.push(&format!("2026-11-29T09:0{k}:00.000Z"), Source::Panic, "old");
    }
    for k in 0..3 {
        log.push(
            &format!("2026-11-29T09:59:{:02}.000Z", 10 + k),
            Source::Panic,
            "new",
        );
        assert_eq!(log.restart_delay_ms(now, 0), (errorlog::RESTART_MS, false));
    }
    log.push("2026-11-29T09:59:59.000Z", Source::Error, "fourth");
    assert_eq!(log.recent(now, errorlog::LOOP_WINDOW_MS), 4);
    assert_eq!(
        log.restart_delay_ms(now, 0),
        (errorlog::LOOP_RESTART_MS, true)
    );
    // Counted in the tab's name instead (storage refused: an empty log).
    assert_eq!(
        ErrorLog::new().restart_delay_ms(now, 4),
        (errorlog::LOOP_RESTART_MS, true)
    );
}

#[test]
fn the_tab_name_counts_crashes_where_storage_is_refused() {
    let now = 1_800_000_000_000.0;
    let (n, name) = CrashNames::add("", now).unwrap();
    assert_eq!((n, name.as_str()), (1, "hazard-hunt.crashes:1800000000000"));
    let mut name = name;
    for k in 1..=4 {
        let (n, next) = CrashNames::add(&name, now + f64::from(k) * 5_000.0).unwrap();
        assert_eq!(n, (k as usize + 1).min(errorlog::LOOP_CRASHES + 1));
        name = next;
    }
    assert_eq!(
        name.split(',').count(),
        errorlog::LOOP_CRASHES + 1,
        "a short list"
    );
    // A minute later the old ones no longer count.
    let (n, _) = CrashNames::add(&name, now + 90_000.0).unwrap();
    assert_eq!(n, 1);
    // Garbage in our name reads as no crashes; someone else's name is left alone.
    assert_eq!(
        CrashNames::add("hazard-hunt.crashes:x,,1e999,-5", now)
            .unwrap()
            .0,
        1
    );
    assert_eq!(CrashNames::add("lesson-frame", now), None);
}
