//! CSV as RFC 4180 writes it, for the exports a teacher or an organiser opens in a
//! spreadsheet: fields separated by commas, records by CRLF, a field quoted when it
//! holds a comma, a quote, CR or LF (its quotes doubled). The download puts a UTF-8
//! byte-order mark first (`web/staff.rs`, `download`) so Excel reads Chinese as
//! UTF-8. The kiosk's statistics (`stats`) and the teacher view's rounds (`roundlog`)
//! both write through here.

/// A field as RFC 4180 writes it: quoted (inner quotes doubled) when it holds a
/// comma, a quote or a line break; one that starts with a character a spreadsheet
/// would take for a formula (`=`, `+`, `-`, `@`) gets a leading `'` first.
pub fn field(s: &str) -> String {
    let formula = s.starts_with(['=', '+', '-', '@']);
    let s = if formula {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// Appends one record (its fields quoted as needed) and the CRLF that ends it.
pub fn push_row<S: AsRef<str>>(out: &mut String, fields: &[S]) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&field(f.as_ref()));
    }
    out.push_str("\r\n");
}
