// Vietnamese text: stored NFC; searched with diacritics and case folded away.

/** NFC, trimmed: the one form in which names and titles are stored. */
export function normalizeText(value: string): string {
  return value.normalize('NFC').trim();
}

/**
 * 'Hà Nội' → 'ha noi', 'Đắk Lắk' → 'dak lak'. Unicode decomposition strips the
 * tone and vowel marks but leaves Đ/đ (a letter of its own), so it is mapped by hand.
 * Whitespace runs collapse so that 'ha  noi' still matches.
 */
export function foldForSearch(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[Đđ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
