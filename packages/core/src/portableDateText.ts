/**
 * Intl's date text with its thin spaces (U+2009, around a range's dash: "Nov 28 – Dec 5") and
 * narrow no-break spaces (U+202F, before "PM") made plain spaces. ICU builds disagree on these:
 * Node 20's writes them, Chrome's writes plain spaces. Text a Node server renders would then differ
 * from the browser's by a space, and React's hydration fails on it. Plain spaces are what both agree on.
 */
export function portableDateText(text: string): string {
  return text.replace(/[\u2009\u202f]/g, ' ')
}
