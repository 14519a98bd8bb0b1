/**
 * Whether a document holds only queries, which are safe to send twice. Errs towards "no": any
 * `mutation` or `subscription` word outside strings and comments makes the document unsafe.
 */
export function isQueryOnly(document: string): boolean {
  const code = document
    .replace(/"""[\s\S]*?"""/g, '""')
    .replace(/"(?:[^"\\\n]|\\.)*"/g, '""')
    .replace(/#[^\n\r]*/g, '');
  return !/\b(?:mutation|subscription)\b/.test(code);
}
