//! A small JSON reader for `config.json`, `metadata.json` and the checkpoint entry: values,
//! arrays and objects (keys kept in order), numbers as f64; and the string escaping the writers
//! share. Errors say where the text went wrong.

use crate::error::Invalid;
use crate::invalid;

/// A parsed JSON value.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    /// null
    Null,
    /// true or false
    Bool(bool),
    /// A number.
    Num(f64),
    /// A string.
    Str(String),
    /// An array.
    Arr(Vec<Json>),
    /// An object, keys in the file's order.
    Obj(Vec<(String, Json)>),
}

/// The most nesting accepted: Keras's configs go about 12 deep.
const MAX_DEPTH: usize = 64;

impl Json {
    /// Parses `text` (the whole of it) as one JSON value; `what` names it in errors.
    pub fn parse(text: &str, what: &str) -> Result<Json, Invalid> {
        let mut p = Parser { b: text.as_bytes(), at: 0 };
        let value = p.value(0).map_err(|e| Invalid(format!("{what} is not valid JSON: {e} at byte {}", p.at)))?;
        p.space();
        if p.at != p.b.len() {
            return invalid!("{what} is not valid JSON: unexpected text after the value at byte {}", p.at);
        }
        Ok(value)
    }

    /// The member `key` of an object (`Null` when absent or not an object).
    pub fn get(&self, key: &str) -> &Json {
        match self {
            Json::Obj(members) => members.iter().find(|(k, _)| k == key).map_or(&Json::Null, |(_, v)| v),
            _ => &Json::Null,
        }
    }

    /// The string, if this is one.
    pub fn str(&self) -> Option<&str> {
        match self {
            Json::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The number, if this is one.
    pub fn num(&self) -> Option<f64> {
        match self {
            Json::Num(v) => Some(*v),
            _ => None,
        }
    }

    /// The items, if this is an array.
    pub fn arr(&self) -> Option<&[Json]> {
        match self {
            Json::Arr(items) => Some(items),
            _ => None,
        }
    }
}

struct Parser<'a> {
    b: &'a [u8],
    at: usize,
}

impl Parser<'_> {
    fn space(&mut self) {
        while matches!(self.b.get(self.at), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn eat(&mut self, word: &str) -> bool {
        let hit = self.b[self.at..].starts_with(word.as_bytes());
        if hit {
            self.at += word.len();
        }
        hit
    }

    fn value(&mut self, depth: usize) -> Result<Json, String> {
        if depth > MAX_DEPTH {
            return Err(format!("nested deeper than {MAX_DEPTH}"));
        }
        self.space();
        match self.b.get(self.at) {
            None => Err("the text ends where a value should be".into()),
            Some(b'{') => {
                self.at += 1;
                let mut members = Vec::new();
                self.space();
                if self.eat("}") {
                    return Ok(Json::Obj(members));
                }
                loop {
                    self.space();
                    let key = self.string()?;
                    self.space();
                    if !self.eat(":") {
                        return Err("':' expected".into());
                    }
                    members.push((key, self.value(depth + 1)?));
                    self.space();
                    if self.eat("}") {
                        return Ok(Json::Obj(members));
                    }
                    if !self.eat(",") {
                        return Err("',' or '}' expected".into());
                    }
                }
            }
            Some(b'[') => {
                self.at += 1;
                let mut items = Vec::new();
                self.space();
                if self.eat("]") {
                    return Ok(Json::Arr(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    self.space();
                    if self.eat("]") {
                        return Ok(Json::Arr(items));
                    }
                    if !self.eat(",") {
                        return Err("',' or ']' expected".into());
                    }
                }
            }
            Some(b'"') => Ok(Json::Str(self.string()?)),
            _ if self.eat("null") => Ok(Json::Null),
            _ if self.eat("true") => Ok(Json::Bool(true)),
            _ if self.eat("false") => Ok(Json::Bool(false)),
            // Python's json writes these for non-finite floats.
            _ if self.eat("NaN") => Ok(Json::Num(f64::NAN)),
            _ if self.eat("Infinity") => Ok(Json::Num(f64::INFINITY)),
            _ if self.eat("-Infinity") => Ok(Json::Num(f64::NEG_INFINITY)),
            Some(_) => {
                let start = self.at;
                while matches!(self.b.get(self.at), Some(b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E')) {
                    self.at += 1;
                }
                let text = std::str::from_utf8(&self.b[start..self.at]).unwrap_or("");
                text.parse().map(Json::Num).map_err(|_| "a value expected".into())
            }
        }
    }

    fn string(&mut self) -> Result<String, String> {
        if !self.eat("\"") {
            return Err("'\"' expected".into());
        }
        let mut out = Vec::new();
        loop {
            let Some(&c) = self.b.get(self.at) else { return Err("unterminated string".into()) };
            self.at += 1;
            match c {
                b'"' => return String::from_utf8(out).map_err(|_| "a string that is not UTF-8".into()),
                b'\\' => {
                    let Some(&e) = self.b.get(self.at) else { return Err("unterminated string".into()) };
                    self.at += 1;
                    let ch = match e {
                        b'n' => '\n',
                        b't' => '\t',
                        b'r' => '\r',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'u' => {
                            let hex = self.b.get(self.at..self.at + 4).and_then(|h| std::str::from_utf8(h).ok());
                            let code = hex.and_then(|h| u32::from_str_radix(h, 16).ok()).ok_or("a bad \\u escape")?;
                            self.at += 4;
                            // A surrogate half (an emoji in a layer name) reads as U+FFFD.
                            char::from_u32(code).unwrap_or('\u{fffd}')
                        }
                        other => other as char,
                    };
                    out.extend_from_slice(ch.encode_utf8(&mut [0; 4]).as_bytes());
                }
                _ => out.push(c),
            }
        }
    }
}

/// `s` as a JSON string literal.
pub fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out += "\\\"",
            '\\' => out += "\\\\",
            c if (c as u32) < 0x20 => out += &format!("\\u{:04x}", c as u32),
            c => out.push(c),
        }
    }
    out + "\""
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_what_keras_writes() {
        let j = Json::parse(r#"{"a": [1, -2.5e-3, null, true], "b": {"c": "x\"\u00e9"}, "n": NaN}"#, "t").unwrap();
        assert_eq!(j.get("a").arr().unwrap()[1].num(), Some(-0.0025));
        assert_eq!(j.get("b").get("c").str(), Some("x\"é"));
        assert!(j.get("n").num().unwrap().is_nan());
        assert_eq!(j.get("missing"), &Json::Null);
        assert_eq!(Json::parse(&quote("a\"\\\n"), "t").unwrap().str(), Some("a\"\\\n"));
    }

    #[test]
    fn errors_say_where() {
        let e = Json::parse("{\"a\": [1, 2}", "config.json").unwrap_err().0;
        assert!(e.starts_with("config.json is not valid JSON: ',' or ']' expected at byte 11"), "{e}");
        assert!(Json::parse("[1] x", "t").unwrap_err().0.contains("after the value"));
        assert!(Json::parse(&"[".repeat(100), "t").unwrap_err().0.contains("nested deeper"));
    }
}
