//! The XML reader's input limit that quick-xml cannot enforce itself: the length of one piece it
//! buffers whole.

use crate::limits::{Position, read_buffered};

/// The lexical state of [`XmlGuard`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum XmlLex {
    /// Character data.
    Text,
    /// After `&`, up to `;`.
    Ref,
    /// After `<`, deciding what follows.
    Open,
    /// After `<!`: the bytes matched so far of `--` or `[CDATA[`.
    Bang(u8),
    /// A start or end tag; the open quote, if any.
    Tag(Option<u8>),
    /// A comment; trailing `-` seen.
    Comment(u8),
    /// A CDATA section; trailing `]` seen.
    CData(u8),
    /// A processing instruction; whether `?` was the last byte.
    Pi(bool),
    /// A DOCTYPE or other `<!…>` declaration; `[` depth.
    Decl(u32),
}

/// A streaming pre-scan of an XML document that fails as soon as one piece that the parser
/// buffers whole — a run of text, a tag with its attributes, a comment, a CDATA section, a
/// processing instruction or a declaration — is longer than `limit` bytes. Text is counted
/// between markup and entity references, so its count equals the decoded length.
pub(crate) struct XmlGuard<R> {
    inner: R,
    limit: usize,
    lex: XmlLex,
    len: usize,
    pos: Position,
    /// Bytes at the front of `inner`'s buffer that were already scanned.
    scanned: usize,
}

impl<R> XmlGuard<R> {
    pub(crate) fn new(inner: R, limit: usize) -> Self {
        XmlGuard {
            inner,
            limit,
            lex: XmlLex::Text,
            len: 0,
            pos: Position::new(),
            scanned: 0,
        }
    }

    /// The next state after byte `b`, and whether `b` starts a new piece.
    fn next(lex: XmlLex, b: u8) -> (XmlLex, bool) {
        use XmlLex::*;
        const CDATA: &[u8] = b"[CDATA[";
        match (lex, b) {
            (Text, b'<') => (Open, true),
            (Text, b'&') => (Ref, true),
            (Text, _) => (Text, false),
            (Ref, b';') => (Text, true),
            (Ref, b'<') => (Open, true),
            (Ref, _) => (Ref, false),
            (Open, b'!') => (Bang(0), false),
            (Open, b'?') => (Pi(false), false),
            (Open, b'>') => (Text, true),
            (Open, q @ (b'"' | b'\'')) => (Tag(Some(q)), false),
            (Open, _) => (Tag(None), false),
            (Bang(0), b'-') => (Bang(1), false),
            (Bang(1), b'-') => (Comment(0), false),
            (Bang(n), _) if n >= 2 && CDATA.get(usize::from(n - 2)) == Some(&b) => {
                if usize::from(n - 1) == CDATA.len() {
                    (CData(0), false)
                } else {
                    (Bang(n + 1), false)
                }
            }
            (Bang(0), b'[') => (Bang(3), false),
            (Bang(_), b'>') => (Text, true),
            (Bang(_), b'[') => (Decl(1), false),
            (Bang(_), _) => (Decl(0), false),
            (Tag(None), b'>') => (Text, true),
            (Tag(None), q @ (b'"' | b'\'')) => (Tag(Some(q)), false),
            (Tag(Some(q)), c) if c == q => (Tag(None), false),
            (Tag(q), _) => (Tag(q), false),
            (Comment(n), b'-') => (Comment((n + 1).min(2)), false),
            (Comment(2), b'>') => (Text, true),
            (Comment(_), _) => (Comment(0), false),
            (CData(n), b']') => (CData((n + 1).min(2)), false),
            (CData(2), b'>') => (Text, true),
            (CData(_), _) => (CData(0), false),
            (Pi(true), b'>') => (Text, true),
            (Pi(_), c) => (Pi(c == b'?'), false),
            (Decl(d), b'[') => (Decl(d.saturating_add(1)), false),
            (Decl(d), b']') => (Decl(d.saturating_sub(1)), false),
            (Decl(0), b'>') => (Text, true),
            (Decl(d), _) => (Decl(d), false),
        }
    }
}

impl<R: std::io::BufRead> std::io::Read for XmlGuard<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        read_buffered(self, buf)
    }
}

impl<R: std::io::BufRead> std::io::BufRead for XmlGuard<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        let limit = self.limit;
        let mut scanned = self.scanned;
        let (mut lex, mut len, mut pos) = (self.lex, self.len, self.pos);
        let buf = self.inner.fill_buf()?;
        let mut over = false;
        for b in buf.iter().skip(scanned) {
            let (next, fresh) = Self::next(lex, *b);
            let n = if fresh { 0 } else { len.saturating_add(1) };
            if n > limit {
                over = true;
                break;
            }
            pos.advance(*b);
            (lex, len) = (next, n);
            scanned += 1;
        }
        if over && scanned == 0 {
            pos.advance(0);
            return Err(pos.over(limit));
        }
        let ok = buf.get(..scanned).unwrap_or(buf);
        (self.lex, self.len, self.pos, self.scanned) = (lex, len, pos, scanned);
        Ok(ok)
    }
    fn consume(&mut self, amt: usize) {
        self.scanned = self.scanned.saturating_sub(amt);
        self.inner.consume(amt);
    }
}
