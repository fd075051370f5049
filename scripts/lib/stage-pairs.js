// What the scripts that record the stance stage's encoder calls share: the encoder is handed one
// sentence's words and the token ranges of its names, and these find them again in the Doc.

/** The sentence of the Doc with exactly these (lower-cased) words. */
export function sentenceOf(doc, words) {
  return doc.sentences.find((s) => s.lastToken - s.firstToken + 1 === words.length && words.every((w, k) => doc.tokens[s.firstToken + k].lower === w));
}

/** The character span of a token range [first, last] of that sentence. */
export function spanIn(doc, sentence, [first, last]) {
  return { start: doc.tokens[sentence.firstToken + first].start, end: doc.tokens[sentence.firstToken + last].end };
}
