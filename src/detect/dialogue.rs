//! Dialogue turns: the quotes of fiction and interviews that no mark opens, only a dash at the
//! start of a paragraph ("— Non, répondit Paul.").

use crate::model::Quote;

/// Dialogue turns: paragraphs that open with one of `dashes` and a space ("— Non, répondit
/// Paul.", the convention of French and Italian fiction and interviews). Each turn runs to its
/// paragraph's end. Turns count only in runs of two or more in consecutive paragraphs (a lone dash
/// line is a list item or an aside), and never where a marked quote already stands. The result
/// merges them with `quotes`, in order.
pub(crate) fn with_turns(text: &str, dashes: &[char], quotes: Vec<Quote>) -> Vec<Quote> {
    if !contains_any(text, dashes) {
        return quotes;
    }
    // (turn, paragraph index)
    let mut turns: Vec<(Quote, usize)> = Vec::new();
    let mut offset = 0;
    let mut pi = 0usize;
    for line in text.split_inclusive('\n') {
        let para_start = offset;
        offset += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        if body.trim().is_empty() {
            continue; // blank lines do not separate turns
        }
        pi += 1;
        let lead = body.len() - body.trim_start().len();
        let mut chars = body[lead..].chars();
        let (Some(d), Some(sp)) = (chars.next(), chars.next()) else {
            continue;
        };
        if !dashes.contains(&d) || !sp.is_whitespace() {
            continue;
        }
        let open = para_start + lead;
        let rest = &body[lead + d.len_utf8()..];
        let inner = rest.trim();
        let inner = inner.strip_suffix(['»', '”']).map_or(inner, str::trim_end);
        if inner.is_empty() {
            continue;
        }
        let start = open + d.len_utf8() + (rest.len() - rest.trim_start().len());
        let end = start + inner.len();
        let close = para_start + body.len();
        if quotes.iter().any(|q| q.open < close && open < q.close) {
            continue;
        }
        turns.push((
            Quote {
                open,
                start,
                end,
                close,
                unclosed: false,
                dialogue: true,
            },
            pi,
        ));
    }
    // keep turns that have a neighbour turn in the next or previous paragraph
    let keep: Vec<Quote> = turns
        .iter()
        .enumerate()
        .filter(|(i, (_, p))| {
            let near = |j: usize| turns[j].1.abs_diff(*p) == 1;
            (*i > 0 && near(i - 1)) || (i + 1 < turns.len() && near(i + 1))
        })
        .map(|(_, (q, _))| q.clone())
        .collect();
    if keep.is_empty() {
        return quotes;
    }
    let mut all = quotes;
    all.extend(keep);
    all.sort_by_key(|q| q.open);
    all
}

/// True when `text` holds one of `chars`. One SIMD substring search a character: most texts have
/// no dash, and a scan that decodes every character to compare it with the set costs ten times
/// more.
fn contains_any(text: &str, chars: &[char]) -> bool {
    chars.iter().any(|c| {
        let mut buf = [0; 4];
        memchr::memmem::find(text.as_bytes(), c.encode_utf8(&mut buf).as_bytes()).is_some()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::marks::marked;

    #[test]
    fn dialogue_turns_in_runs() {
        let text = "Elle hésita.\n— Tu viens ? demanda Marie.\n— Non, répondit Paul.\nFin.\n– Un point isolé.";
        let q = with_turns(text, &['—', '–'], marked(text));
        let got: Vec<&str> = q.iter().map(|q| &text[q.start..q.end]).collect();
        assert_eq!(got, ["Tu viens ? demanda Marie.", "Non, répondit Paul."]);
        assert!(q.iter().all(|q| q.dialogue));
        assert!(with_turns(text, &[], marked(text)).is_empty());
    }
}
