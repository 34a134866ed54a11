/**
 * Words for text similarity (mentor matching, similar projects in the sector catalogue): one
 * tokeniser, one stop list and one plural folding, so both rank the same words the same way.
 */

/**
 * Function words, and words every council project uses: they say nothing about similarity.
 * (IDF would weigh them down anyway; leaving them out keeps "why" lists free of "council".)
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about after all also am an and any are as at be been being but by can could did do does doing done for from get got had has have how i if in into ' +
    'is it its just like made make many more most much my need needs new no not now of off on one only or other our out over own same so some such ' +
    'than that the their them then there these they this those through to too two up us use used using very was way ways we were what when where which ' +
    'while who why will with would you your council councils local people project projects residents resident team teams work worked working help helped ' +
    'service services day days week weeks month months year years time times take takes taken see seen tell tells told every without want wants ' +
    'know find again once still long first ten twenty hundred thousand thousands half go goes give gives online cannot nobody whether never ' +
    'already because instead everything else less build'
  ).split(' ')
)

export function stem(w: string): string {
  const n = w.length
  if (n <= 3 || w.charCodeAt(n - 1) !== 115 /* s */) return w
  if (w.endsWith('ies') && n > 4) return w.slice(0, -3) + 'y'
  if (w.endsWith('sses')) return w.slice(0, -2)
  if (w.endsWith('ss') || w.endsWith('us') || w.endsWith('is')) return w
  if (w.endsWith('ches') || w.endsWith('shes') || w.endsWith('xes')) return w.slice(0, -2)
  return w.slice(0, -1)
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u

function hasNonAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return true
  return false
}

function emit(w: string, fn: (stem: string, surface: string) => void, extraStop?: ReadonlySet<string>): void {
  if (w.length < 2 || STOP_WORDS.has(w) || extraStop?.has(w)) return
  fn(stem(w), w)
}

/**
 * Each word of `text` as (stem, surface form), stop words and single letters left out. A scan by
 * character code rather than a Unicode regex: tokenising 2,000 documents is most of a cold
 * ranking's cost. Accents are folded ("café" = "cafe"); any other letter or digit counts too.
 */
export function eachWord(text: string, fn: (stem: string, surface: string) => void, extraStop?: ReadonlySet<string>): void {
  let t = text.toLowerCase()
  if (hasNonAscii(t)) t = t.normalize('NFKD').replace(/\p{M}/gu, '')
  let start = -1
  const n = t.length
  for (let i = 0; i < n; i++) {
    const c = t.charCodeAt(i)
    const wordChar = c < 128 ? (c >= 97 && c <= 122) || (c >= 48 && c <= 57) : LETTER_OR_DIGIT.test(t.charAt(i))
    if (wordChar) {
      if (start < 0) start = i
    } else if (start >= 0) {
      emit(t.slice(start, i), fn, extraStop)
      start = -1
    }
  }
  if (start >= 0) emit(t.slice(start), fn, extraStop)
}

/** Tags as words ("garden-waste" reads as "garden waste"). */
export const tagWords = (tags: readonly string[]): string => tags.join(' ').replace(/-/g, ' ')
