//! Seeded rounds: a small deterministic random number generator, the challenge code
//! that names a seed (`K7Q-2MU`), and the subset of a scene's hazards and decoys a seed
//! activates.
//!
//! Each round activates a seeded subset of the scene's hazards and decoys (as many as
//! the scene's `round` says), so a repeat visitor meets a different scene. The seed
//! shows as a short challenge code; typing that code (or opening `?seed=` with it) on
//! another screen recreates the same round. Everything here is integer arithmetic, so
//! a code gives the same round on every machine and in every build.
//!
//! A code is six characters, shown as two groups of three (`K7Q-2MU`): five carry the
//! seed, the sixth is a check character, so a mistyped character or two swapped
//! neighbours are caught instead of silently starting another round.

use crate::scene::Scene;
use serde::{Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// The characters of a challenge code: the digits 2–9 and the letters A–Z without I,
/// L and O, so nothing can be mistaken for 0, 1 or another letter. 31 of them, a
/// prime, which makes the check character catch every single mistyped character and
/// every swap of two neighbours.
pub const CODE_ALPHABET: &[u8; 31] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
/// Characters in a code, the check character included (shown with a dash after the
/// third).
pub const CODE_CHARS: usize = 6;
/// Characters that carry the seed.
const SEED_CHARS: usize = CODE_CHARS - 1;
/// How many different seeds (and codes) there are: 31⁵ = 28 629 151.
pub const SEEDS: u32 = 31 * 31 * 31 * 31 * 31;
/// A valid code, for messages that show what one looks like.
pub const EXAMPLE_CODE: &str = "K7Q-2MU";

/// A small, fast generator of pseudo-random numbers (SplitMix64): the same seed gives
/// the same numbers on every machine. Not for secrets.
#[derive(Clone, Debug)]
pub struct Rng {
    state: u64,
}

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng { state: seed }
    }

    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        mix(self.state)
    }

    /// A number in `0..n`, every one equally likely (`n` > 0; 0 for `n` = 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        // 2^64 mod n: skipping that many values leaves a whole number of each residue.
        let skip = n.wrapping_neg() % n;
        loop {
            let x = self.next_u64();
            if x >= skip {
                return x % n;
            }
        }
    }

    /// Puts `items` in a random order (Fisher–Yates).
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i as u64 + 1) as usize;
            items.swap(i, j);
        }
    }

    /// `k` of the numbers `0..n`, picked at random, in increasing order (all of them
    /// when `k` ≥ `n`).
    pub fn pick(&mut self, n: usize, k: usize) -> Vec<usize> {
        let mut all: Vec<usize> = (0..n).collect();
        let k = k.min(n);
        // The first k steps of Fisher–Yates from the front.
        for i in 0..k {
            let j = i + self.below((n - i) as u64) as usize;
            all.swap(i, j);
        }
        all.truncate(k);
        all.sort_unstable();
        all
    }
}

/// SplitMix64's finaliser: spreads every bit of `z` over the whole word.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// FNV-1a of `s`: mixes the scene id into a round's generator, so one code does not
/// pick the "same" positions in every scene.
fn fnv1a(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The seed of a round, `0..SEEDS`. Shown and typed as a challenge code.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Seed(u32);

impl Seed {
    /// The seed with this number, if it is below [`SEEDS`].
    pub fn new(n: u32) -> Option<Seed> {
        (n < SEEDS).then_some(Seed(n))
    }

    /// A seed made from any 64 bits (the time, `Math.random`): mixed, then folded into
    /// the range, so nearby inputs give unrelated seeds.
    pub fn from_bits(bits: u64) -> Seed {
        Seed((mix(bits) % u64::from(SEEDS)) as u32)
    }

    pub fn value(self) -> u32 {
        self.0
    }

    /// The challenge code, e.g. `K7Q-2MU`: two groups of three characters.
    pub fn code(self) -> String {
        let mut digits = [0u8; CODE_CHARS];
        let mut n = self.0;
        for d in digits[..SEED_CHARS].iter_mut().rev() {
            *d = (n % 31) as u8;
            n /= 31;
        }
        digits[SEED_CHARS] = check_digit(&digits[..SEED_CHARS]);
        let mut out = String::with_capacity(CODE_CHARS + 1);
        for (i, &d) in digits.iter().enumerate() {
            if i == 3 {
                out.push('-');
            }
            out.push(char::from(CODE_ALPHABET[usize::from(d)]));
        }
        out
    }

    /// Reads a challenge code as a person types it: upper or lower case, with or
    /// without the dash (spaces and full-width characters from a Chinese keyboard are
    /// fine too). Anything else is refused with a message that says what is wrong.
    pub fn parse(code: &str) -> Result<Seed, CodeError> {
        let chars: Vec<char> = code
            .chars()
            .map(half_width)
            .filter(|c| !c.is_whitespace() && !is_dash(*c))
            .collect();
        if chars.len() != CODE_CHARS {
            return Err(CodeError::Length { found: chars.len() });
        }
        let mut digits = [0u8; CODE_CHARS];
        for (i, c) in chars.iter().enumerate() {
            let up = c.to_ascii_uppercase();
            let at = CODE_ALPHABET
                .iter()
                .position(|&a| char::from(a) == up)
                .ok_or(CodeError::Character {
                    found: *c,
                    position: i + 1,
                })?;
            digits[i] = at as u8;
        }
        if check_digit(&digits[..SEED_CHARS]) != digits[SEED_CHARS] {
            return Err(CodeError::Check);
        }
        let n = digits[..SEED_CHARS]
            .iter()
            .fold(0u32, |n, &d| n * 31 + u32::from(d));
        Ok(Seed(n))
    }
}

/// The check character: the seed characters weighted 1, 2, 3, 4, 5, summed, modulo 31.
/// As 31 is prime, changing any one character or swapping two neighbours (the check
/// character included) always changes it.
fn check_digit(digits: &[u8]) -> u8 {
    let sum: u32 = digits
        .iter()
        .enumerate()
        .map(|(i, &d)| (i as u32 + 1) * u32::from(d))
        .sum();
    (sum % 31) as u8
}

/// Full-width ASCII forms (`Ｋ７Ｑ－２ＭＵ`, typed with a Chinese input method) as
/// their ordinary characters.
fn half_width(c: char) -> char {
    match u32::from(c) {
        n @ 0xff01..=0xff5e => char::from_u32(n - 0xfee0).unwrap_or(c),
        0x3000 => ' ',
        _ => c,
    }
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '_' | '\u{2010}'..='\u{2015}' | '\u{2212}')
}

impl fmt::Display for Seed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code())
    }
}

impl FromStr for Seed {
    type Err = CodeError;

    fn from_str(s: &str) -> Result<Seed, CodeError> {
        Seed::parse(s)
    }
}

/// A seed serializes as its challenge code (`state().seed`, the round summary).
impl Serialize for Seed {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.code())
    }
}

/// Why a challenge code cannot be used. The text says it in English; [`CodeError::key`]
/// names the interface string that says it in both languages, with `{n}` or `{char}`
/// filled in from [`CodeError::value`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    #[error("a challenge code has 6 characters (like {EXAMPLE_CODE}); this one has {found}")]
    Length { found: usize },
    #[error("“{found}” (character {position}) is not in challenge codes: they use the digits 2–9 and the letters A–Z except I, L and O")]
    Character { found: char, position: usize },
    #[error("this code has a typing mistake (its last character does not match the others): check each character")]
    Check,
}

impl CodeError {
    pub fn key(&self) -> &'static str {
        match self {
            CodeError::Length { .. } => "code.bad_length",
            CodeError::Character { .. } => "code.bad_char",
            CodeError::Check => "code.bad_check",
        }
    }

    /// What fills the string's placeholder: the number of characters found (`{n}`) or
    /// the character that is not used (`{char}`); empty for a failed check.
    pub fn value(&self) -> String {
        match self {
            CodeError::Length { found } => found.to_string(),
            CodeError::Character { found, .. } => found.to_string(),
            CodeError::Check => String::new(),
        }
    }
}

/// Which of the scene's hazards and decoys the round with this seed shows, each list
/// in scene order: as many as the scene's `round` says (all of them without it).
///
/// The same scene and seed always give the same lists. Every view that holds
/// hazards keeps at least one in the round (while the round has room for one per
/// picture), so stepping into it is never for nothing.
pub fn pick_subset(scene: &Scene, seed: Seed) -> (Vec<usize>, Vec<usize>) {
    let n_hazards = scene.hazards.len();
    let n_decoys = scene.decoys.len();
    let (k_hazards, k_decoys) = match scene.round {
        Some(r) => (r.hazards, r.decoys.unwrap_or(n_decoys)),
        None => (n_hazards, n_decoys),
    };
    let mut rng = Rng::new(fnv1a(&scene.id) ^ u64::from(seed.value()));
    let mut hazards = rng.pick(n_hazards, k_hazards.max(1));
    let decoys = rng.pick(n_decoys, k_decoys);
    for stage in 1..scene.stages() {
        let inside: Vec<usize> = (0..n_hazards)
            .filter(|&i| scene.hazard_stage(i) == stage)
            .collect();
        if inside.is_empty() || hazards.iter().any(|i| inside.contains(i)) {
            continue;
        }
        // Swap one hazard of the main picture (if the main picture keeps another)
        // for one of the view's.
        let main: Vec<usize> = hazards
            .iter()
            .copied()
            .filter(|&i| scene.hazard_stage(i) == 0)
            .collect();
        if main.len() < 2 {
            continue;
        }
        let out = main[rng.below(main.len() as u64) as usize];
        let into = inside[rng.below(inside.len() as u64) as usize];
        hazards.retain(|&i| i != out);
        hazards.push(into);
        hazards.sort_unstable();
    }
    (hazards, decoys)
}
