//! Languages and the interface strings. Chinese first, English second; every string
//! exists in both (checked when the table is parsed, and by `cargo test`).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// The BCP 47 tag for `<html lang>`.
    pub fn html_tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        match code.to_ascii_lowercase().as_str() {
            "zh" | "zh-cn" | "zh-hans" | "cn" => Some(Lang::Zh),
            "en" | "en-us" | "en-gb" => Some(Lang::En),
            _ => None,
        }
    }
}

/// One piece of text in both languages.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(
            description = "Chinese (简体中文), not blank.",
            regex(pattern = r"\S"),
            length(max = crate::scene::limits::MAX_TEXT_CHARS)
        )
    )]
    pub zh: String,
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(
            description = "English, not blank.",
            regex(pattern = r"\S"),
            length(max = crate::scene::limits::MAX_TEXT_CHARS)
        )
    )]
    pub en: String,
}

impl Text {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }

    /// Whether both languages have something to say.
    pub fn is_complete(&self) -> bool {
        !self.zh.trim().is_empty() && !self.en.trim().is_empty()
    }
}

/// The interface strings, from `assets/i18n.json` (compiled in: the interface must be
/// able to explain a failed scene load, so its words cannot depend on a fetch).
pub struct Strings {
    table: BTreeMap<String, Text>,
}

const UI_JSON: &str = include_str!("../assets/i18n.json");

impl Strings {
    /// Parses a string table; every entry must have both languages.
    pub fn parse(json: &str) -> Result<Strings, String> {
        let table: BTreeMap<String, Text> =
            serde_json::from_str(json).map_err(|e| format!("i18n.json: {e}"))?;
        if let Some((key, _)) = table.iter().find(|(_, t)| !t.is_complete()) {
            return Err(format!("i18n.json: \"{key}\" lacks a language"));
        }
        Ok(Strings { table })
    }

    /// The built-in table.
    pub fn builtin() -> Strings {
        // The table is compiled in and `cargo test` parses it, so this cannot fail
        // in a build that passed its tests.
        Strings::parse(UI_JSON).unwrap_or_else(|_| Strings {
            table: BTreeMap::new(),
        })
    }

    /// The string for `key`, or the key itself so a missing entry shows up plainly.
    pub fn get<'a>(&'a self, key: &'a str, lang: Lang) -> &'a str {
        self.table.get(key).map_or(key, |t| t.get(lang))
    }

    /// `get` with `{name}` placeholders filled in.
    pub fn fill(&self, key: &str, lang: Lang, args: &[(&str, &str)]) -> String {
        let mut s = self.get(key, lang).to_string();
        for (name, value) in args {
            s = s.replace(&format!("{{{name}}}"), value);
        }
        s
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.table.keys().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_table_is_complete() {
        let s = Strings::parse(UI_JSON).expect("assets/i18n.json parses");
        assert!(s.keys().count() > 10);
    }

    #[test]
    fn incomplete_entry_is_rejected() {
        let err = Strings::parse(r#"{"a": {"zh": "好", "en": " "}}"#)
            .err()
            .unwrap();
        assert!(err.contains("\"a\""), "{err}");
    }

    #[test]
    fn fill_replaces_placeholders() {
        let s = Strings::parse(r#"{"k": {"zh": "第{n}个", "en": "number {n}"}}"#).unwrap();
        assert_eq!(s.fill("k", Lang::En, &[("n", "3")]), "number 3");
        assert_eq!(s.fill("k", Lang::Zh, &[("n", "3")]), "第3个");
        assert_eq!(s.get("missing", Lang::Zh), "missing");
    }

    #[test]
    fn lang_codes() {
        assert_eq!(Lang::parse("EN"), Some(Lang::En));
        assert_eq!(Lang::parse("zh-CN"), Some(Lang::Zh));
        assert_eq!(Lang::parse("xx"), None);
    }
}
