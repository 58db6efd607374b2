//! Kiosk mode's leaderboard: today's top 10, kept safely.

use hazard_hunt::board::{valid_initials, Board, SIZE};

const TODAY: &str = "2026-11-29";

#[test]
fn the_board_keeps_the_best_ten_best_first_and_ties_in_arrival_order() {
    let mut b = Board::empty(TODAY);
    assert_eq!(b.add("ABC", 500, "sewer"), Some(0));
    assert_eq!(b.add("XYZ", 700, "site"), Some(0));
    assert_eq!(b.add("DEF", 500, "sewer"), Some(2), "a tie goes below");
    for i in 0..20u32 {
        b.add("QQQ", 100 + i, "site");
    }
    assert_eq!(b.entries.len(), SIZE);
    assert_eq!(b.entries[0].initials, "XYZ");
    let scores: Vec<u32> = b.entries.iter().map(|e| e.score).collect();
    let mut sorted = scores.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(scores, sorted);
    // Too low for a full board, and nothing for a round that scored nothing.
    assert_eq!(b.place_for(50), None);
    assert_eq!(b.add("LOW", 50, "site"), None);
    assert_eq!(Board::empty(TODAY).place_for(0), None);
    assert_eq!(Board::empty(TODAY).place_for(1), Some(0));
}

#[test]
fn initials_are_three_capital_letters() {
    assert!(valid_initials("ABC"));
    for bad in ["AB", "ABCD", "abc", "A1C", "ÄBC", "", "<b>"] {
        assert!(!valid_initials(bad), "{bad}");
        assert_eq!(Board::empty(TODAY).add(bad, 100, "sewer"), None);
    }
}

#[test]
fn what_is_written_reads_back() {
    let mut b = Board::empty(TODAY);
    b.add("ABC", 500, "sewer");
    b.add("XYZ", 700, "site");
    let text = b.to_json();
    assert_eq!(Board::parse(Some(&text), TODAY), b);
}

#[test]
fn garbage_foreign_and_yesterdays_boards_read_as_empty() {
    let mut b = Board::empty("2026-11-28");
    b.add("ABC", 500, "sewer");
    let yesterday = b.to_json();
    let huge = format!(
        "{{\"version\":1,\"day\":\"{TODAY}\",\"entries\":[],\"pad\":\"{}\"}}",
        "x".repeat(20_000)
    );
    let eleven = format!(
        "{{\"version\":1,\"day\":\"{TODAY}\",\"entries\":[{}]}}",
        ["{\"initials\":\"ABC\",\"score\":1,\"scene\":\"site\"}"; 11].join(",")
    );
    for text in [
        None,
        Some(""),
        Some("not json"),
        Some("null"),
        Some("[]"),
        Some(yesterday.as_str()),
        Some(huge.as_str()),
        Some(eleven.as_str()),
        Some("{\"version\":2,\"day\":\"2026-11-29\",\"entries\":[]}"),
        Some("{\"version\":1,\"day\":\"2026-11-29\",\"entries\":[{\"initials\":\"<script>\",\"score\":1,\"scene\":\"site\"}]}"),
        Some("{\"version\":1,\"day\":\"2026-11-29\",\"entries\":[{\"initials\":\"ABC\",\"score\":-1,\"scene\":\"site\"}]}"),
        Some("{\"version\":1,\"day\":\"2026-11-29\",\"entries\":[],\"extra\":1}"),
    ] {
        assert_eq!(Board::parse(text, TODAY), Board::empty(TODAY), "{text:?}");
    }
}

#[test]
fn a_new_day_starts_an_empty_board() {
    let mut b = Board::empty(TODAY);
    b.add("ABC", 500, "sewer");
    b.roll_over(TODAY);
    assert_eq!(b.entries.len(), 1);
    b.roll_over("2026-11-30");
    assert_eq!(b, Board::empty("2026-11-30"));
}
