//! A JSON reader, as much of JSON as the Keras fixtures use (no escapes), for the tests that
//! read `fixtures/keras_*.json`.

/// A JSON value, as much of JSON as the fixture uses.
#[derive(Clone, Debug, PartialEq)]
#[allow(missing_docs)]
pub enum Json {
    Null,
    Bool(bool),
    Num(f64),
    Str(String),
    Arr(Vec<Json>),
    Obj(Vec<(String, Json)>),
}

impl Json {
    /// Parses a whole document.
    pub fn parse(text: &str) -> Json {
        let bytes = text.as_bytes();
        let mut pos = 0;
        let v = value(bytes, &mut pos);
        skip(bytes, &mut pos);
        assert_eq!(pos, bytes.len(), "trailing characters in JSON");
        v
    }

    /// The value of an object's `key`.
    pub fn get(&self, key: &str) -> &Json {
        match self {
            Json::Obj(fields) => &fields.iter().find(|(k, _)| k == key).unwrap_or_else(|| panic!("no key {key}")).1,
            _ => panic!("not an object looking up {key}"),
        }
    }

    /// The value of an object's `key`, if it has one.
    pub fn field(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Obj(fields) => fields.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => panic!("not an object looking up {key}"),
        }
    }

    /// A number.
    pub fn num(&self) -> f64 {
        match self {
            Json::Num(v) => *v,
            other => panic!("not a number: {other:?}"),
        }
    }

    /// A string.
    pub fn str(&self) -> &str {
        match self {
            Json::Str(s) => s,
            other => panic!("not a string: {other:?}"),
        }
    }

    /// An array's items.
    pub fn arr(&self) -> &[Json] {
        match self {
            Json::Arr(a) => a,
            other => panic!("not an array: {other:?}"),
        }
    }

    /// An array of numbers as f32s.
    pub fn floats(&self) -> Vec<f32> {
        self.arr().iter().map(|v| v.num() as f32).collect()
    }

    /// A string of base64 (standard alphabet, `=` padding) holding little-endian float32s: how
    /// the wide fixtures store their data and weights exactly, in 5.3 characters a number.
    pub fn base64_f32s(&self) -> Vec<f32> {
        let sextet = |c: u8| match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => panic!("not base64: {:?}", c as char),
        } as u32;
        let text = self.str().trim_end_matches('=').as_bytes();
        let mut bytes = Vec::with_capacity(text.len() * 3 / 4);
        for chunk in text.chunks(4) {
            let word = chunk.iter().enumerate().fold(0u32, |w, (i, &c)| w | sextet(c) << (18 - 6 * i));
            bytes.extend_from_slice(&word.to_be_bytes()[1..chunk.len()]);
        }
        assert_eq!(bytes.len() % 4, 0, "base64 of float32s must decode to a multiple of 4 bytes");
        bytes.chunks_exact(4).map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect()
    }
}

fn skip(b: &[u8], pos: &mut usize) {
    while *pos < b.len() && b[*pos].is_ascii_whitespace() {
        *pos += 1;
    }
}

fn value(b: &[u8], pos: &mut usize) -> Json {
    skip(b, pos);
    match b[*pos] {
        b'{' => {
            *pos += 1;
            let mut fields = Vec::new();
            loop {
                skip(b, pos);
                if b[*pos] == b'}' {
                    *pos += 1;
                    return Json::Obj(fields);
                }
                let key = match value(b, pos) {
                    Json::Str(s) => s,
                    other => panic!("object key {other:?}"),
                };
                skip(b, pos);
                assert_eq!(b[*pos], b':');
                *pos += 1;
                fields.push((key, value(b, pos)));
                skip(b, pos);
                if b[*pos] == b',' {
                    *pos += 1;
                }
            }
        }
        b'[' => {
            *pos += 1;
            let mut items = Vec::new();
            loop {
                skip(b, pos);
                if b[*pos] == b']' {
                    *pos += 1;
                    return Json::Arr(items);
                }
                items.push(value(b, pos));
                skip(b, pos);
                if b[*pos] == b',' {
                    *pos += 1;
                }
            }
        }
        b'"' => {
            *pos += 1;
            let start = *pos;
            while b[*pos] != b'"' {
                assert_ne!(b[*pos], b'\\', "escapes are not needed by the fixture");
                *pos += 1;
            }
            *pos += 1;
            Json::Str(String::from_utf8(b[start..*pos - 1].to_vec()).unwrap())
        }
        b't' | b'f' | b'n' => {
            for (word, v) in [("true", Json::Bool(true)), ("false", Json::Bool(false)), ("null", Json::Null)] {
                if b[*pos..].starts_with(word.as_bytes()) {
                    *pos += word.len();
                    return v;
                }
            }
            panic!("bad literal at {pos}");
        }
        _ => {
            let start = *pos;
            while *pos < b.len() && matches!(b[*pos], b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E') {
                *pos += 1;
            }
            Json::Num(std::str::from_utf8(&b[start..*pos]).unwrap().parse().unwrap())
        }
    }
}
