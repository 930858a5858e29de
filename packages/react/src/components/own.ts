/**
 * `record[key]` when `key` is the record's own property, else undefined: a key taken from data
 * (a team called `constructor`, a metric called `toString`) never reads `Object.prototype`.
 */
export function own<V>(record: Readonly<Record<string, V>> | Partial<Record<string, V>> | null | undefined, key: string): V | undefined {
  return record != null && Object.hasOwn(record, key) ? record[key] : undefined
}
