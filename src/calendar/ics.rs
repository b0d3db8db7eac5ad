//! An iCalendar (RFC 5545) content-line writer: the few rules a feed needs, written straight
//! into one `String`.
//!
//! - Each content line ends in CRLF (§3.1).
//! - A line longer than 75 octets is folded: CRLF and one space, so no physical line (the
//!   space included) is longer than 75 octets. A fold never splits a UTF-8 character or an
//!   escape sequence.
//! - TEXT values (§3.3.11) escape `\`, `;` and `,` with a backslash and write a line break as
//!   `\n`; a carriage return is dropped (a stored note's CRLF becomes one `\n`).
//!
//! Values are written through `fmt::Write`, so amounts, dates and descriptions go from their
//! `Display` into the feed without a `String` of their own. The feed used the `icalendar`
//! crate before; it builds a map of properties per component, and for the ~600 events of a
//! household's feed that was ~60,000 allocations and most of its CPU (docs/benchmarks.md §6).

use std::fmt::{self, Write as _};

/// The longest physical line, in octets, without its CRLF.
const MAX_OCTETS: usize = 75;

/// An iCalendar text being written, line by line.
pub struct Ics {
    text: String,
    /// Octets on the current physical line.
    column: usize,
}

impl Ics {
    /// An empty text with room for `capacity` bytes.
    pub fn with_capacity(capacity: usize) -> Self {
        Self {
            text: String::with_capacity(capacity),
            column: 0,
        }
    }

    /// `BEGIN:<component>`.
    pub fn begin(&mut self, component: &str) {
        self.raw("BEGIN", component);
    }

    /// `END:<component>`.
    pub fn end(&mut self, component: &str) {
        self.raw("END", component);
    }

    /// `<name>:<value>` with `value` as is: for values that cannot hold a line break, `\`, `;`
    /// or `,` (dates, durations, our own identifiers). `name` may carry parameters
    /// (`DTSTART;VALUE=DATE`).
    pub fn raw(&mut self, name: &str, value: impl fmt::Display) {
        self.property(name, false, |line| write!(line, "{value}"));
    }

    /// `<name>:<value>` with `value` escaped as TEXT.
    pub fn text(&mut self, name: &str, value: impl fmt::Display) {
        self.property(name, true, |line| write!(line, "{value}"));
    }

    /// `<name>:` and a TEXT value written by `write`, in as many pieces as it likes: a line
    /// break written there is a line break in the value.
    pub fn text_with(&mut self, name: &str, write: impl FnOnce(&mut Line<'_>) -> fmt::Result) {
        self.property(name, true, write);
    }

    /// Bytes written so far.
    pub fn written(&self) -> usize {
        self.text.len()
    }

    /// The text written so far.
    pub fn finish(self) -> String {
        self.text
    }

    fn property(
        &mut self,
        name: &str,
        escape: bool,
        write: impl FnOnce(&mut Line<'_>) -> fmt::Result,
    ) {
        debug_assert_eq!(self.column, 0, "a property starts a line");
        self.plain(name);
        self.plain(":");
        // Writing into a `String` cannot fail, and the values' `Display`s do not fail either.
        let _ = write(&mut Line { ics: self, escape });
        self.text.push_str("\r\n");
        self.column = 0;
    }

    /// Appends `run`, which holds no line break, folding where the line would pass 75 octets
    /// but never inside a character or between a backslash and the character it escapes (a
    /// backslash in `run` is always the start of an escape: raw values hold none, and TEXT is
    /// escaped by [`escape`] or on the way by [`Line`]).
    fn plain(&mut self, mut run: &str) {
        debug_assert!(!run.contains(['\r', '\n']), "{run:?}");
        while !run.is_empty() {
            let room = MAX_OCTETS - self.column;
            if run.len() <= room {
                self.text.push_str(run);
                self.column += run.len();
                return;
            }
            let mut cut = room;
            while !run.is_char_boundary(cut) {
                cut -= 1;
            }
            let backslashes = cut - run[..cut].trim_end_matches('\\').len();
            if backslashes % 2 == 1 {
                cut -= 1;
            }
            self.text.push_str(&run[..cut]);
            self.fold();
            run = &run[cut..];
        }
    }

    /// Appends an escape sequence whole: on this line if it fits, else on the next.
    fn atom(&mut self, escaped: &str) {
        if self.column + escaped.len() > MAX_OCTETS {
            self.fold();
        }
        self.text.push_str(escaped);
        self.column += escaped.len();
    }

    fn fold(&mut self) {
        self.text.push_str("\r\n ");
        self.column = 1;
    }
}

/// `text` escaped as a TEXT value (RFC 5545 §3.3.11), for [`Line::escaped`]: text written in
/// many events is escaped once.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | ';' | ',' => {
                escaped.push('\\');
                escaped.push(c);
            }
            '\n' => escaped.push_str("\\n"),
            '\r' => {}
            c => escaped.push(c),
        }
    }
    escaped
}

/// The value of the property being written (see [`Ics::text_with`]).
pub struct Line<'a> {
    ics: &'a mut Ics,
    escape: bool,
}

impl Line<'_> {
    /// Appends text that is already escaped (by [`escape`]) or has nothing to escape: copied
    /// without looking at each byte.
    pub fn escaped(&mut self, text: &str) {
        self.ics.plain(text);
    }
}

impl fmt::Write for Line<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        if !self.escape {
            self.ics.plain(s);
            return Ok(());
        }
        let mut start = 0;
        for (at, byte) in s.bytes().enumerate() {
            let escaped = match byte {
                b'\\' => "\\\\",
                b';' => "\\;",
                b',' => "\\,",
                b'\n' => "\\n",
                b'\r' => "",
                _ => continue,
            };
            self.ics.plain(&s[start..at]);
            self.ics.atom(escaped);
            start = at + 1;
        }
        self.ics.plain(&s[start..]);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<&str> {
        let body = text.strip_suffix("\r\n").expect("ends in CRLF");
        body.split("\r\n").collect()
    }

    fn unfold(text: &str) -> String {
        text.replace("\r\n ", "")
    }

    #[test]
    fn a_short_property_is_one_line() {
        let mut ics = Ics::with_capacity(0);
        ics.begin("VEVENT");
        ics.raw("DTSTART;VALUE=DATE", "20260105");
        ics.end("VEVENT");
        assert_eq!(
            ics.finish(),
            "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20260105\r\nEND:VEVENT\r\n"
        );
    }

    #[test]
    fn text_escapes_backslash_semicolon_comma_and_line_breaks() {
        let mut ics = Ics::with_capacity(0);
        ics.text("SUMMARY", "a\\b;c,d\r\ne\nf:g");
        assert_eq!(ics.finish(), "SUMMARY:a\\\\b\\;c\\,d\\ne\\nf:g\r\n");
    }

    #[test]
    fn long_lines_fold_at_75_octets_and_unfold_to_the_same_text() {
        for value in [
            "x".repeat(500),
            "é".repeat(200),
            "–".repeat(150),
            "😀a".repeat(90),
            ";,\\\n".repeat(60),
            "Rent – 1550.00 USD; Landlord: Ann, pay by transfer ".repeat(8),
        ] {
            let mut ics = Ics::with_capacity(0);
            ics.text("DESCRIPTION", &value);
            let text = ics.finish();
            for line in lines(&text) {
                assert!(line.len() <= MAX_OCTETS, "{} octets: {line:?}", line.len());
                assert!(!line.contains(['\r', '\n']));
            }
            // `escape` (pinned by the test above) against the writer's escaping on the way.
            assert_eq!(unfold(&text), format!("DESCRIPTION:{}\r\n", escape(&value)));
            // No escape sequence is split by a fold.
            for line in lines(&text) {
                let trailing = line.len() - line.trim_end_matches('\\').len();
                assert!(trailing % 2 == 0, "a fold splits an escape: {line:?}");
            }
        }
    }

    #[test]
    fn escaped_text_written_whole_reads_back_like_text_escaped_on_the_way() {
        for value in [
            "x".repeat(500),
            "–,".repeat(150),
            "\\;".repeat(100),
            "a\\".repeat(100),
            "Rent, flat; 2nd \\ floor 🏠\r\nnotes".repeat(9),
        ] {
            for offset in 0..4 {
                let mut direct = Ics::with_capacity(0);
                let mut once = Ics::with_capacity(0);
                let name = &"DESCRIPTION"[..8 + offset];
                direct.text(name, &value);
                once.text_with(name, |line| {
                    line.escaped(&escape(&value));
                    Ok(())
                });
                let (direct, once) = (direct.finish(), once.finish());
                assert_eq!(unfold(&once), unfold(&direct));
                for line in lines(&once) {
                    assert!(line.len() <= MAX_OCTETS, "{} octets: {line:?}", line.len());
                    let trailing = line.len() - line.trim_end_matches('\\').len();
                    assert!(trailing % 2 == 0, "a fold splits an escape: {line:?}");
                }
            }
        }
    }

    #[test]
    fn a_value_written_in_pieces_folds_like_one_written_whole() {
        let whole =
            "Bills from Mon Jan 5 to Sun Jan 18:\n- Mon Jan 5 Rent: 1550.00 USD\n".repeat(4);
        let mut pieces = Ics::with_capacity(0);
        pieces.text_with("DESCRIPTION", |line| {
            for piece in whole.split_inclusive([' ', ':']) {
                line.write_str(piece)?;
            }
            Ok(())
        });
        let mut once = Ics::with_capacity(0);
        once.text("DESCRIPTION", &whole);
        assert_eq!(pieces.finish(), once.finish());
    }
}
