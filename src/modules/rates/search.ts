/**
 * The bounds of a tariff search. Each word is one indexed condition on the description, so the
 * number of words bounds the work of a query whatever the client sends; a description is one
 * sentence, and no word of it is near 64 characters long.
 */
export const MAX_SEARCH_WORDS = 8;
export const MAX_SEARCH_WORD_LENGTH = 64;
export const MAX_SEARCH_LENGTH = 200;

export type SearchRefusal =
  | { readonly reason: 'SEARCH_TOO_LONG'; readonly message: string }
  | { readonly reason: 'TOO_MANY_WORDS'; readonly message: string }
  | { readonly reason: 'WORD_TOO_LONG'; readonly message: string };

/**
 * The words of a search text, or why it is refused. The length is checked before the text is
 * split, so a huge text costs no more than one comparison.
 */
export function searchWords(text: string): { words: string[] } | { refusal: SearchRefusal } {
  if (text.length > MAX_SEARCH_LENGTH) {
    // Many words fail both bounds; the word count is the one a client can act on.
    const manyWords = text.trim().split(/\s+/, MAX_SEARCH_WORDS + 1).length > MAX_SEARCH_WORDS;
    return {
      refusal: manyWords
        ? tooManyWords()
        : { reason: 'SEARCH_TOO_LONG', message: `Search at most ${MAX_SEARCH_LENGTH} characters.` },
    };
  }
  const words = text.split(/\s+/).filter(Boolean);
  if (words.length > MAX_SEARCH_WORDS) return { refusal: tooManyWords() };
  if (words.some((word) => word.length > MAX_SEARCH_WORD_LENGTH)) {
    return {
      refusal: { reason: 'WORD_TOO_LONG', message: `Each word may have at most ${MAX_SEARCH_WORD_LENGTH} characters.` },
    };
  }
  return { words };
}

function tooManyWords(): SearchRefusal {
  return { reason: 'TOO_MANY_WORDS', message: `Search by at most ${MAX_SEARCH_WORDS} words.` };
}
