//! `scene-check`: checks Hazard Hunt scene files and prints every problem, one a line,
//! as `file: field: what is wrong` (the messages of [`Scene::parse`]).
//!
//! ```text
//! cargo run --bin scene-check -- FILE…          check scene files
//! cargo run --bin scene-check -- --schema       print the JSON Schema of the format
//! cargo run --bin scene-check -- --upgrade FILE print a version-1 file as version 2
//! ```
//!
//! It never panics and never waits on its input: a file is refused from its metadata
//! when it is not a regular file or is over [`MAX_FILE_BYTES`], no more than that is
//! ever read, and everything after that is [`Scene::parse`], which has hard limits.

use hazard_hunt::scene::limits::MAX_FILE_BYTES;
use hazard_hunt::scene::{Scene, SceneError, FORMAT_VERSION};
use std::ffi::OsString;
use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The first lines of `--help`, also shown after a usage error.
const SYNOPSIS: &str = "\
Usage: scene-check FILE...          check Hazard Hunt scene files
       scene-check --schema         print the JSON Schema of the scene format
       scene-check --upgrade FILE   print a version-1 scene file as version 2
       scene-check --help           show this help";

const DETAILS: &str = "\
Checking prints one line per problem on standard output, as
`file: field: what is wrong`, or `file: ok (N hazards, M decoys)` for a good file,
and a count of the problems on standard error. A file in a folder named `scenes`
next to a folder named `sprites` also has its sprites looked up (sprites/NAME.svg)
and its id compared with its file name.

--upgrade prints the file as version 2 on standard output, and on standard error
what version 2 asks for that only an author can add.

Exit status: 0 every file is good, 1 some file has a problem, 2 wrong arguments.";

/// What the command line asks for.
#[derive(Debug)]
enum Command {
    Check(Vec<PathBuf>),
    Schema,
    Upgrade(PathBuf),
    Help,
}

fn parse_args(args: Vec<OsString>) -> Result<Command, String> {
    let mut files = Vec::new();
    let mut schema = false;
    let mut upgrade = false;
    let mut help = false;
    let mut options_done = false;
    for arg in args {
        let text = arg.to_string_lossy();
        if options_done || !text.starts_with('-') {
            files.push(PathBuf::from(arg));
            continue;
        }
        match text.as_ref() {
            "--" => options_done = true,
            "--schema" => schema = true,
            "--upgrade" => upgrade = true,
            "-h" | "--help" => help = true,
            "-" => return Err("reading a scene from standard input is not supported".into()),
            other => return Err(format!("unknown option {other}")),
        }
    }
    if help {
        return Ok(Command::Help);
    }
    match (schema, upgrade) {
        (true, true) => Err("--schema and --upgrade go one at a time".into()),
        (true, false) if files.is_empty() => Ok(Command::Schema),
        (true, false) => Err("--schema takes no file".into()),
        (false, true) => match <[PathBuf; 1]>::try_from(files) {
            Ok([file]) => Ok(Command::Upgrade(file)),
            Err(files) => Err(format!(
                "--upgrade takes exactly one file, not {}",
                files.len()
            )),
        },
        (false, false) if files.is_empty() => Err("no scene file given".into()),
        (false, false) => Ok(Command::Check(files)),
    }
}

/// `eprintln!` that ignores a failed write (a closed pipe) instead of panicking.
macro_rules! note {
    ($($arg:tt)*) => {{
        let _ = writeln!(io::stderr(), $($arg)*);
    }};
}

fn main() -> ExitCode {
    match parse_args(std::env::args_os().skip(1).collect()) {
        Ok(Command::Check(files)) => check_all(&files),
        Ok(Command::Schema) => print_schema(),
        Ok(Command::Upgrade(file)) => upgrade(&file),
        Ok(Command::Help) => {
            say(
                &mut io::stdout().lock(),
                &format!("{SYNOPSIS}\n\n{DETAILS}"),
            );
            ExitCode::SUCCESS
        }
        Err(problem) => {
            note!("scene-check: {problem}\n{SYNOPSIS}");
            ExitCode::from(2)
        }
    }
}

/// Writes one line; false when the output is gone (a closed pipe), which ends the
/// run quietly instead of panicking like `println!`.
fn say(out: &mut impl Write, line: &str) -> bool {
    writeln!(out, "{line}").is_ok()
}

/// Checks each file, printing its problems or its ok line; 1 if any has a problem.
fn check_all(files: &[PathBuf]) -> ExitCode {
    let mut out = io::stdout().lock();
    let (mut bad_files, mut problems) = (0, 0);
    for path in files {
        let lines = match check(path) {
            Ok(line) => vec![line],
            Err(lines) => {
                bad_files += 1;
                problems += lines.len();
                lines
            }
        };
        for line in &lines {
            if !say(&mut out, line) {
                return ExitCode::FAILURE;
            }
        }
    }
    if bad_files == 0 {
        return ExitCode::SUCCESS;
    }
    let _ = out.flush();
    note!(
        "scene-check: {problems} problem{} in {bad_files} of {} file{}",
        plural(problems),
        files.len(),
        plural(files.len())
    );
    ExitCode::FAILURE
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// One file: its ok line, or every problem, each a full line (`file: field: what`).
fn check(path: &Path) -> Result<String, Vec<String>> {
    let shown = path.display().to_string();
    let text =
        read_scene_file(path).map_err(|reason| vec![format!("{shown}: (file): {reason}")])?;
    let scene = Scene::parse(&shown, &text).map_err(|e| lines(&e))?;
    let problems = folder_checks(path, &shown, &scene);
    if !problems.is_empty() {
        return Err(problems);
    }
    let (h, d) = (scene.hazards.len(), scene.decoys.len());
    let mut line = format!(
        "{shown}: ok ({h} hazard{}, {d} decoy{})",
        plural(h),
        plural(d)
    );
    let version = written_version(&text);
    if version < FORMAT_VERSION {
        line.push_str(&format!(
            "; version {version}: `scene-check --upgrade` converts it"
        ));
    }
    Ok(line)
}

fn lines(e: &SceneError) -> Vec<String> {
    e.problems().iter().map(ToString::to_string).collect()
}

/// Reads a scene file as text, refusing what is not one before reading it: a folder,
/// anything but a regular file (a device or a pipe could never end), a file over
/// [`MAX_FILE_BYTES`]. Never reads more than that, even if the file grows meanwhile.
fn read_scene_file(path: &Path) -> Result<String, String> {
    let meta = fs::metadata(path).map_err(|e| cannot("read", &e))?;
    if meta.is_dir() {
        return Err("is a folder, not a scene file".into());
    }
    if !meta.is_file() {
        return Err("is not a regular file".into());
    }
    if meta.len() > MAX_FILE_BYTES as u64 {
        return Err(too_big(meta.len()));
    }
    let file = fs::File::open(path).map_err(|e| cannot("open", &e))?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| cannot("read", &e))?;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        let last_line = good.rsplit(|&b| b == b'\n').next().unwrap_or_default();
        let column = String::from_utf8_lossy(last_line).chars().count() + 1;
        format!(
            "not UTF-8 text: the bytes at line {line}, column {column} are not UTF-8 (save the file as UTF-8)"
        )
    })
}

/// An I/O error without the "(os error N)" that `io::Error` appends.
fn cannot(what: &str, e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file".into(),
        io::ErrorKind::PermissionDenied => format!("cannot {what} it: permission denied"),
        _ => {
            let msg = e.to_string();
            let msg = match msg.rfind(" (os error ") {
                Some(i) => &msg[..i],
                None => &msg,
            };
            format!("cannot {what} it: {msg}")
        }
    }
}

/// The same words as [`Scene::parse`] uses for a string over the limit.
fn too_big(len: u64) -> String {
    const MIB: f64 = 1024.0 * 1024.0;
    format!(
        "the file is {:.1} MiB ({len} bytes); a scene file may be at most {} MiB ({MAX_FILE_BYTES} bytes)",
        len as f64 / MIB,
        MAX_FILE_BYTES as f64 / MIB,
    )
}

/// The `version` the file itself gives (before [`Scene::parse`] migrates it), for a
/// file that has already parsed.
fn written_version(text: &str) -> u32 {
    #[derive(serde::Deserialize)]
    struct Version {
        version: u32,
    }
    serde_json::from_str::<Version>(text.trim_start_matches('\u{feff}'))
        .map_or(FORMAT_VERSION, |v| v.version)
}

/// Checks that need the files around a scene, for a scene in a `scenes` folder next to
/// a `sprites` folder (as `assets/scenes/` and `assets/sprites/`): the id is the file
/// name (the game loads `scenes/<id>.json`), and each sprite has `sprites/NAME.svg`.
fn folder_checks(path: &Path, shown: &str, scene: &Scene) -> Vec<String> {
    let Ok(full) = fs::canonicalize(path) else {
        return Vec::new();
    };
    let Some(folder) = full.parent() else {
        return Vec::new();
    };
    let sprites = folder.with_file_name("sprites");
    if folder.file_name().is_none_or(|n| n != "scenes") || !sprites.is_dir() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let expected = format!("{}.json", scene.id);
    if full.file_name().is_none_or(|n| *n != *expected) {
        out.push(format!(
            "{shown}: id: \"{}\" is not the file name: the game loads this scene from scenes/{expected}",
            scene.id
        ));
    }
    for name in scene.sprite_names() {
        // Sprite names passed `is_safe_name` in `Scene::parse`: a plain file name.
        if !sprites.join(format!("{name}.svg")).is_file() {
            out.push(format!(
                "{shown}: {}: no sprite file sprites/{name}.svg",
                sprite_field(scene, name)
            ));
        }
    }
    out
}

/// The JSON path of the first layer that uses the sprite `name`.
fn sprite_field(scene: &Scene, name: &str) -> String {
    if let Some(i) = scene.layers.iter().position(|l| l.sprite == name) {
        return format!("layers[{i}].sprite");
    }
    for (i, h) in scene.hazards.iter().enumerate() {
        let show = h.fixed.as_ref().map_or(&[][..], |f| &f.show[..]);
        if let Some(k) = show.iter().position(|l| l.sprite == name) {
            return format!("hazards[{i}].fixed.show[{k}].sprite");
        }
    }
    "layers".into()
}

fn print_schema() -> ExitCode {
    let mut out = io::stdout().lock();
    if out.write_all(schema_text().as_bytes()).is_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// The JSON Schema of the scene format, as committed in `assets/scene.schema.json`:
/// derived by schemars from the Rust types (their doc comments become descriptions,
/// their serde attributes the shape, the `schemars` attributes the limits).
#[cfg(not(target_arch = "wasm32"))]
fn schema_text() -> String {
    let schema = schemars::schema_for!(Scene);
    let mut value = serde_json::Value::from(schema);
    if let Some(root) = value.as_object_mut() {
        root.insert("title".into(), "Hazard Hunt scene file".into());
        root.insert(
            "description".into(),
            format!(
                "A scene of Hazard Hunt (assets/scenes/<id>.json), format version {FORMAT_VERSION}. \
                 Generated by `cargo run --bin scene-check -- --schema`; `scene-check` also runs \
                 the checks a schema cannot express."
            )
            .into(),
        );
    }
    tidy_descriptions(&mut value);
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(target_arch = "wasm32")]
fn schema_text() -> String {
    String::new()
}

/// Doc comments are written for Rust readers: lines joined, and the limits they link
/// to (`[`MAX_LAYERS`]`) replaced by their values.
#[cfg(not(target_arch = "wasm32"))]
fn tidy_descriptions(v: &mut serde_json::Value) {
    use hazard_hunt::scene::limits;
    use serde_json::Value;
    const LIMITS: [(&str, f64); 10] = [
        ("MAX_LAYERS", limits::MAX_LAYERS as f64),
        ("MAX_SPRITES", limits::MAX_SPRITES as f64),
        ("MAX_HAZARDS", limits::MAX_HAZARDS as f64),
        ("MAX_DECOYS", limits::MAX_DECOYS as f64),
        ("MAX_HAZARD_LAYERS", limits::MAX_HAZARD_LAYERS as f64),
        ("MAX_FIXED_LAYERS", limits::MAX_FIXED_LAYERS as f64),
        ("MAX_REGION_POINTS", limits::MAX_REGION_POINTS as f64),
        ("MAX_TEXT_CHARS", limits::MAX_TEXT_CHARS as f64),
        ("MAX_LAYER_SCALE", limits::MAX_LAYER_SCALE),
        ("ANSWERS", limits::ANSWERS as f64),
    ];
    match v {
        Value::Object(map) => {
            for (key, item) in map.iter_mut() {
                match item {
                    Value::String(s) if key == "description" => {
                        let mut d = s.split_whitespace().collect::<Vec<_>>().join(" ");
                        for (name, n) in LIMITS {
                            d = d.replace(&format!("[`{name}`]"), &n.to_string());
                        }
                        *s = d.replace("[`", "`").replace("`]", "`");
                    }
                    _ => tidy_descriptions(item),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(tidy_descriptions),
        _ => {}
    }
}

/// `--upgrade FILE`: the file as version 2 on standard output; on standard error what
/// version 2 asks for that only the author can add.
fn upgrade(path: &Path) -> ExitCode {
    let shown = path.display().to_string();
    let fail = |lines: Vec<String>| {
        for line in lines {
            note!("{line}");
        }
        note!("scene-check: {shown} has problems; fix them before upgrading it");
        ExitCode::FAILURE
    };
    let text = match read_scene_file(path) {
        Ok(text) => text,
        Err(reason) => return fail(vec![format!("{shown}: (file): {reason}")]),
    };
    let scene = match Scene::parse(&shown, &text) {
        Ok(scene) => scene,
        Err(e) => return fail(lines(&e)),
    };
    let from = written_version(&text);
    let json = author_json(&scene);
    if io::stdout().lock().write_all(json.as_bytes()).is_err() {
        return ExitCode::FAILURE;
    }
    // What version 2 still asks for: the same checks, run on the converted text.
    let todo = match Scene::parse(&shown, &json) {
        Ok(_) => Vec::new(),
        Err(e) => lines(&e),
    };
    if from == FORMAT_VERSION {
        note!("scene-check: {shown} is already version {FORMAT_VERSION}; printed as it reads");
    } else {
        note!("scene-check: {shown} was version {from}, printed as version {FORMAT_VERSION}");
    }
    if !todo.is_empty() {
        note!(
            "scene-check: version {FORMAT_VERSION} also needs these, which only an author can write:"
        );
        for line in &todo {
            note!("  {line}");
        }
    }
    ExitCode::SUCCESS
}

/// A scene as JSON for people to edit: two-space indents, and arrays of numbers or
/// names on one line (`[100, 200]`, `["box"]`), whole numbers without `.0`.
fn author_json(scene: &Scene) -> String {
    let mut bytes = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut bytes, AuthorFormatter::default());
    if serde::Serialize::serialize(scene, &mut ser).is_err() {
        return String::new();
    }
    let mut text = String::from_utf8(bytes).unwrap_or_default();
    text.push('\n');
    text
}

/// A [`serde_json::ser::Formatter`] like the pretty one, except that an array whose
/// elements are not objects or arrays stays on one line.
#[derive(Default)]
struct AuthorFormatter {
    /// Open objects and arrays: true once the object has a member, or once the array
    /// has an element that is itself an object or array (it is then one a line).
    open: Vec<bool>,
    /// An array element is about to start (`Some(first)`); how it is laid out depends
    /// on whether it is a scalar.
    element: Option<bool>,
}

impl AuthorFormatter {
    fn indent<W: ?Sized + Write>(&self, w: &mut W) -> io::Result<()> {
        for _ in 0..self.open.len() {
            w.write_all(b"  ")?;
        }
        Ok(())
    }

    /// Starts an array element, or does nothing when no element is due.
    fn start<W: ?Sized + Write>(&mut self, w: &mut W, nested: bool) -> io::Result<()> {
        let Some(first) = self.element.take() else {
            return Ok(());
        };
        if nested {
            if let Some(lines) = self.open.last_mut() {
                *lines = true;
            }
            w.write_all(if first { b"\n" } else { b",\n" })?;
            self.indent(w)
        } else if first {
            Ok(())
        } else {
            w.write_all(b", ")
        }
    }

    fn close<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        if self.open.pop() == Some(true) {
            w.write_all(b"\n")?;
            self.indent(w)?;
        }
        w.write_all(bracket)
    }
}

/// Scalars: start the array element they may be, then as the compact formatter.
macro_rules! scalars {
    ($($name:ident($($v:ident: $ty:ty)?);)*) => {$(
        fn $name<W: ?Sized + Write>(&mut self, w: &mut W $(, $v: $ty)?) -> io::Result<()> {
            self.start(w, false)?;
            serde_json::ser::CompactFormatter.$name(w $(, $v)?)
        }
    )*};
}

impl serde_json::ser::Formatter for AuthorFormatter {
    scalars! {
        write_null();
        write_bool(v: bool);
        write_i8(v: i8);
        write_i16(v: i16);
        write_i32(v: i32);
        write_i64(v: i64);
        write_i128(v: i128);
        write_u8(v: u8);
        write_u16(v: u16);
        write_u32(v: u32);
        write_u64(v: u64);
        write_u128(v: u128);
        write_f32(v: f32);
        write_number_str(v: &str);
        begin_string();
    }

    fn write_f64<W: ?Sized + Write>(&mut self, w: &mut W, v: f64) -> io::Result<()> {
        self.start(w, false)?;
        if v.fract() == 0.0 && v.abs() < 1e15 {
            write!(w, "{}", v as i64)
        } else {
            serde_json::ser::CompactFormatter.write_f64(w, v)
        }
    }

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.start(w, true)?;
        self.open.push(false);
        w.write_all(b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, _: &mut W, first: bool) -> io::Result<()> {
        self.element = Some(first);
        Ok(())
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.start(w, true)?;
        self.open.push(false);
        w.write_all(b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        if let Some(members) = self.open.last_mut() {
            *members = true;
        }
        w.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(w)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        Ok(())
    }
}
