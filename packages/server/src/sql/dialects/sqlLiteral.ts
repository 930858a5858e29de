/** A checked literal in the SQL text (keys and separators from the mapping: no quotes, backslashes or NULs). */
export function literal(text: string): string {
  if (/['\\\u0000]/.test(text)) throw new TypeError(`createSqlAdapter: ${JSON.stringify(text)} cannot be written into SQL.`)
  return `'${text}'`
}
