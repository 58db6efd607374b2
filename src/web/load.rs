//! Loading a scene file and its sprites over the network (same origin only), or, in
//! the single-file build (`dist/hazard-hunt.html`, made by `scripts/single.mjs`), from
//! the files that page carries: it sets `globalThis.__hazardHuntFiles`, a map of path
//! (`assets/…`) to file text, before the wasm starts. When that map exists nothing is
//! fetched: a path it lacks fails like a missing file.

use crate::catalogue::Catalogue;
use crate::scene::{limits, Scene};
use std::collections::HashMap;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{HtmlImageElement, Response};

/// Sprite images by name, decoded and ready to draw.
pub type Sprites = HashMap<String, HtmlImageElement>;

pub const CATALOGUE_PATH: &str = "assets/catalogue.json";

pub fn scene_path(id: &str) -> String {
    format!("assets/scenes/{id}.json")
}

pub fn sprite_path(name: &str) -> String {
    format!("assets/sprites/{name}.svg")
}

/// Fetches, parses and checks a scene, then decodes the sprites of its main picture
/// (the views' follow: see [`view_sprites`]). The error is one line naming the file
/// that failed and why.
pub async fn load_scene(id: &str) -> Result<(Scene, Sprites), String> {
    let scene = load_scene_file(id).await?;
    let sprites = load_sprites(&scene.sprite_names_split().0).await?;
    Ok((scene, sprites))
}

/// Fetches, parses and checks a scene file alone, without its pictures (the teacher
/// view wants only its names).
pub async fn load_scene_file(id: &str) -> Result<Scene, String> {
    let text = fetch_text(&scene_path(id)).await?;
    Scene::parse(&format!("{id}.json"), &text).map_err(|e| e.to_string())
}

/// The sprites only the scene's views draw, loaded once the main picture plays.
pub async fn view_sprites(scene: &Scene) -> Result<Sprites, String> {
    load_sprites(&scene.sprite_names_split().1).await
}

/// Decodes these sprites. The error names the first picture that failed.
pub async fn load_sprites(names: &[&str]) -> Result<Sprites, String> {
    let mut sprites = Sprites::new();
    // Start every decode first, then wait: the browser fetches them in parallel.
    let mut pending = Vec::new();
    for name in names {
        let img = HtmlImageElement::new().map_err(js_text)?;
        let path = sprite_path(name);
        match bundled(&path) {
            // The page's own copy, as a data: URL (the single file's CSP allows
            // `img-src data:`); a name it lacks fails to decode below.
            Some(file) => img.set_src(&match file {
                Some(svg) => format!(
                    "data:image/svg+xml;charset=utf-8,{}",
                    String::from(js_sys::encode_uri_component(&svg))
                ),
                None => "data:,".to_string(),
            }),
            None => img.set_src(&path),
        }
        pending.push((name.to_string(), JsFuture::from(img.decode()), img));
    }
    for (name, decode, img) in pending {
        decode
            .await
            .map_err(|_| format!("{}: the picture could not be loaded", sprite_path(&name)))?;
        sprites.insert(name, img);
    }
    Ok(sprites)
}

/// Fetches and reads the list of scenes the picker shows.
pub async fn load_catalogue() -> Result<Catalogue, String> {
    let text = fetch_text(CATALOGUE_PATH).await?;
    Catalogue::parse(&text)
}

/// The single file's copy of `path`: `None` when the page carries no files (fetch
/// it), `Some(None)` when it carries files but not this one.
fn bundled(path: &str) -> Option<Option<String>> {
    let files =
        js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("__hazardHuntFiles")).ok()?;
    if !files.is_object() {
        return None;
    }
    // Own properties only: a path can never name something inherited.
    let key = JsValue::from_str(path);
    let own = js_sys::Object::has_own(files.unchecked_ref::<js_sys::Object>(), &key);
    if !own {
        return Some(None);
    }
    Some(
        js_sys::Reflect::get(&files, &key)
            .ok()
            .and_then(|v| v.as_string()),
    )
}

async fn fetch_text(path: &str) -> Result<String, String> {
    if let Some(file) = bundled(path) {
        return file.ok_or_else(|| format!("{path}: could not be fetched (not in this file)"));
    }
    let window = super::window().map_err(js_text)?;
    let resp = JsFuture::from(window.fetch_with_str(path))
        .await
        .map_err(|e| format!("{path}: could not be fetched ({})", js_text(e)))?;
    let resp: Response = resp.dyn_into().map_err(js_text)?;
    if !resp.ok() {
        return Err(format!(
            "{path}: could not be fetched (HTTP {})",
            resp.status()
        ));
    }
    // Refuse an oversized file before downloading it (when the server says its size);
    // `Scene::parse` checks the length again for servers that do not.
    let declared = resp
        .headers()
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|v| v.trim().parse::<u64>().ok());
    let max = limits::MAX_FILE_BYTES as u64;
    if declared.is_some_and(|n| n > max) {
        return Err(format!(
            "{path}: (file): the file is {} KiB; a scene file may be at most {} KiB",
            declared.unwrap_or(0) / 1024,
            max / 1024
        ));
    }
    let text = JsFuture::from(resp.text().map_err(js_text)?)
        .await
        .map_err(|e| format!("{path}: could not be read ({})", js_text(e)))?;
    text.as_string()
        .ok_or_else(|| format!("{path}: could not be read"))
}

/// A JS error as one line of text.
pub fn js_text(e: JsValue) -> String {
    if let Some(err) = e.dyn_ref::<js_sys::Error>() {
        return String::from(err.message());
    }
    e.as_string().unwrap_or_else(|| "unknown error".to_string())
}
