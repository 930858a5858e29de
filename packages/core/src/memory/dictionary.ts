/**
 * Interns strings as dense integer codes (0, 1, 2, …); `-1` stands for "no value" — null, undefined
 * and the empty string alike, since an empty dimension value is `__none__` in every adapter.
 */
export class Dictionary {
  readonly keys: string[] = []
  private readonly codes = new Map<string, number>()

  code(key: string | null | undefined): number {
    if (key === null || key === undefined || key === '') return -1
    let code = this.codes.get(key)
    if (code === undefined) {
      code = this.keys.length
      this.keys.push(key)
      this.codes.set(key, code)
    }
    return code
  }

  /** The code of a key already seen, or `undefined`. */
  lookup(key: string): number | undefined {
    return this.codes.get(key)
  }

  get size(): number {
    return this.keys.length
  }
}
