//! Byte offsets to 1-based line and column. Columns count UTF-16 code units,
//! as JavaScript editors and V8's `JSON.parse` messages do.

/// A 1-based line and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineColumn {
    pub line: u32,
    pub column: u32,
}

/// Resolves many offsets in one pass over `src`: sort them, then walk.
/// Returns positions in the order of `offsets`.
pub fn resolve(src: &str, offsets: &[usize]) -> Vec<LineColumn> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_by_key(|&i| offsets.get(i).copied().unwrap_or(0));
    let mut out = vec![LineColumn { line: 1, column: 1 }; offsets.len()];
    let (mut line, mut column) = (1u32, 1u32);
    let mut chars = src.char_indices().peekable();
    for i in order {
        let target = offsets.get(i).copied().unwrap_or(0).min(src.len());
        while let Some(&(offset, c)) = chars.peek() {
            if offset >= target {
                break;
            }
            chars.next();
            if c == '\n' {
                line += 1;
                column = 1;
            } else {
                column += c.len_utf16() as u32;
            }
        }
        if let Some(slot) = out.get_mut(i) {
            *slot = LineColumn { line, column };
        }
    }
    out
}

/// The position of one offset.
pub fn of(src: &str, offset: usize) -> LineColumn {
    resolve(src, &[offset]).first().copied().unwrap_or(LineColumn { line: 1, column: 1 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns() {
        let src = "{\n  \"a\": 1,\n  \"é\": \"😀x\"\n}";
        assert_eq!(of(src, 0), LineColumn { line: 1, column: 1 });
        assert_eq!(of(src, 4), LineColumn { line: 2, column: 3 });
        let x = src.find('x').unwrap();
        // `"é": "` is 6 UTF-16 units after the indent, the emoji two more.
        assert_eq!(of(src, x), LineColumn { line: 3, column: 3 + 6 + 2 });
        assert_eq!(of(src, src.len() + 10), LineColumn { line: 4, column: 2 });
    }

    #[test]
    fn resolves_in_input_order() {
        let src = "a\nb\nc";
        let got = resolve(src, &[4, 0, 2]);
        assert_eq!(got.iter().map(|p| p.line).collect::<Vec<_>>(), vec![3, 1, 2]);
    }
}
