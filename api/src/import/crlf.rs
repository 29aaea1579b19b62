//! A reader that turns the CRLF line ends of a CSV file into LF, outside quoted cells.
//!
//! The csv parser ends a record at the `\r` of `\r\n` and counts the `\n` only when it reads the
//! next record, after taking that record's position: every line number of a CRLF file (what
//! Excel and Python's csv module write) came out one too low. Without the `\r` the counts are
//! right, and a `\r\n` inside a quoted cell is kept as it was.

use std::io::{self, Read};

/// Wraps a reader; see the module documentation.
pub struct CrlfToLf<R> {
    inner: R,
    in_quotes: bool,
    /// A `\r` outside quotes at the end of the last chunk, not yet known to precede `\n`.
    pending_cr: bool,
    chunk: Vec<u8>,
    /// Converted bytes not yet handed out, from `ready_at` on.
    ready: Vec<u8>,
    ready_at: usize,
}

impl<R: Read> CrlfToLf<R> {
    pub fn new(inner: R) -> Self {
        Self {
            inner,
            in_quotes: false,
            pending_cr: false,
            chunk: vec![0; 64 * 1024],
            ready: Vec::with_capacity(64 * 1024),
            ready_at: 0,
        }
    }

    /// Converts the next chunk of the inner reader; false at its end with nothing left.
    fn refill(&mut self) -> io::Result<bool> {
        self.ready.clear();
        self.ready_at = 0;
        while self.ready.is_empty() {
            let n = self.inner.read(&mut self.chunk)?;
            if n == 0 {
                if self.pending_cr {
                    self.pending_cr = false;
                    self.ready.push(b'\r');
                    return Ok(true);
                }
                return Ok(false);
            }
            for &byte in &self.chunk[..n] {
                if self.pending_cr {
                    self.pending_cr = false;
                    if byte != b'\n' {
                        self.ready.push(b'\r');
                    }
                }
                if byte == b'"' {
                    self.in_quotes = !self.in_quotes;
                } else if byte == b'\r' && !self.in_quotes {
                    self.pending_cr = true;
                    continue;
                }
                self.ready.push(byte);
            }
        }
        Ok(true)
    }
}

impl<R: Read> Read for CrlfToLf<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if out.is_empty() {
            return Ok(0);
        }
        if self.ready_at >= self.ready.len() && !self.refill()? {
            return Ok(0);
        }
        let available = &self.ready[self.ready_at..];
        let n = available.len().min(out.len());
        out[..n].copy_from_slice(&available[..n]);
        self.ready_at += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that hands out at most `step` bytes per call, to cross every chunk boundary.
    struct Trickle<'a>(&'a [u8], usize);

    impl Read for Trickle<'_> {
        fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
            let n = self.0.len().min(self.1).min(out.len());
            out[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    fn convert(input: &[u8], chunk: usize) -> Vec<u8> {
        let mut reader = CrlfToLf::new(Trickle(input, chunk));
        let mut out = Vec::new();
        let mut buf = vec![0; chunk];
        loop {
            let n = reader.read(&mut buf).expect("reading a slice");
            if n == 0 {
                return out;
            }
            out.extend_from_slice(&buf[..n]);
        }
    }

    #[test]
    fn crlf_becomes_lf_outside_quotes_whatever_the_chunk_size() {
        let input = b"a,b\r\n1,\"x\r\ny\"\r\n2,\"\"\"q\"\r\n3,lone\rcr\r\n";
        let expected = b"a,b\n1,\"x\r\ny\"\n2,\"\"\"q\"\n3,lone\rcr\n".to_vec();
        for chunk in [1, 2, 3, 5, 7, 64] {
            assert_eq!(convert(input, chunk), expected, "chunk {chunk}");
        }
    }

    #[test]
    fn a_final_cr_is_kept() {
        assert_eq!(convert(b"a\r", 2), b"a\r".to_vec());
    }

    #[test]
    fn csv_line_numbers_of_a_crlf_file_are_the_lines_of_the_file() {
        let text = b"h1,h2\r\na,1\r\nb,\"two\r\nlines\"\r\nc,3\r\n";
        let mut reader = csv::Reader::from_reader(CrlfToLf::new(&text[..]));
        let lines: Vec<u64> = reader
            .records()
            .map(|r| {
                r.expect("a well-formed record")
                    .position()
                    .map_or(0, csv::Position::line)
            })
            .collect();
        assert_eq!(lines, [2, 3, 5]);
    }
}
