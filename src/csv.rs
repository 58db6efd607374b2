//! CSV as RFC 4180 writes it, for the exports a teacher or an organiser opens in a
//! spreadsheet: fields separated by commas, records by CRLF, a field quoted when it
//! holds a comma, a quote, CR or LF (its quotes doubled). The file starts with a
//! UTF-8 byte-order mark so Excel reads Chinese text as UTF-8.

/// The UTF-8 byte-order mark that starts every export.
pub const BOM: &str = "\u{feff}";

/// One field, quoted if it must be.
pub fn field(s: &str) -> String {
    if s.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
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
