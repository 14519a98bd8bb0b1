/**
 * Full-width and look-alike characters people type in Chinese text (full-width digits, ＋, －,
 * ｘ, the ideographic space), folded to ASCII before anything is detected or validated.
 */

const DASH_CLASS = '\\u2010-\\u2015\\u2212\\uFE58\\uFE63\\uFF0D';
/** Dashes that are not '-' even after NFKC (hyphens, en/em dash, minus sign). */
const DASHES = new RegExp(`[${DASH_CLASS}]`, 'g');
const IS_DASH = new RegExp(`^[${DASH_CLASS}]$`);

/** A whole value (a form field): NFKC folds full-width forms; dash look-alikes become '-'. */
export function foldValue(input: string): string {
  return input.normalize('NFKC').replace(DASHES, '-').trim();
}

/** Characters foldText replaces one-for-one: full-width ASCII, no-break and ideographic spaces, dashes. */
const FOLDABLE = new RegExp(`[\\u00A0\\u3000\\uFF01-\\uFF5E${DASH_CLASS}]`, 'g');

/**
 * Folds free text character by character, keeping its length, so a match found in the folded
 * text sits at the same indexes in the original (NFKC of a whole text can change its length:
 * "㍻" becomes two characters).
 */
export function foldText(text: string): string {
  return text.replace(FOLDABLE, (ch) => {
    if (IS_DASH.test(ch)) return '-';
    const folded = ch.normalize('NFKC');
    return folded.length === 1 ? folded : ch;
  });
}
