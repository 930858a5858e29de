import { type Filters, type TimeRangeSelection, TIME_RANGE_PRESETS, type TimeRangePreset, isDimension } from '@usagekit/core'

/** What the page groups by: users, teams, or the host's end customers (a gateway's `end_user`). */
export type UsageView = 'user' | 'team' | 'customer'

export const USAGE_VIEWS: readonly UsageView[] = ['user', 'team', 'customer']

export function isUsageView(value: unknown): value is UsageView {
  return typeof value === 'string' && (USAGE_VIEWS as readonly string[]).includes(value)
}

/** What a reader chose on the page: the part a copied link should reopen. */
export interface UsageSelection {
  range: TimeRangeSelection
  view: UsageView
  filters: Filters
}

/** A link keeps at most this many values per dimension; the rest are ignored. */
export const MAX_URL_FILTER_VALUES = 100
/** Longer values are not names of anything: ignored. */
export const MAX_URL_FILTER_VALUE_LENGTH = 512

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/
const MIN_YEAR = 1970
const MAX_YEAR = 9999

/** A real calendar day `YYYY-MM-DD` between 1970 and 9999 (not 2026-13-45, not 99999-01-01). */
function isCalendarDay(text: string): boolean {
  const match = DAY.exec(text)
  if (!match) return false
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1) return false
  // Day 0 of the next month is the last day of this one (UTC: no zone can move it).
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/*
 * Filter values in the URL: `f.<dimension>=a,b`, one layer of encoding (URLSearchParams').
 * Inside the list `\` escapes the next character: a `,` inside a value is written `\,`, a `\` is
 * `\\` and a `%` is `\%` (the last so a value is never mistaken for the old format below).
 * The param may also repeat (`f.model=a&f.model=b`); the lists join.
 *
 * Before this scheme each value went through encodeURIComponent before URLSearchParams encoded it
 * again (`f.team=%25C3%2589quipe`); such links still open. After URLSearchParams' decoding they hold
 * only encodeURIComponent's alphabet and commas, with at least one `%XX`, and never a `\`.
 */
const LEGACY_LIST = /^(?:[A-Za-z0-9\-_.!~*'(),]|%[0-9A-Fa-f]{2})*$/
const PERCENT_ESCAPE = /%[0-9A-Fa-f]{2}/

function escapeListValue(value: string): string {
  return value.replace(/[\\,%]/g, (char) => `\\${char}`)
}

function splitList(text: string): string[] {
  if (!text.includes('\\') && LEGACY_LIST.test(text) && PERCENT_ESCAPE.test(text)) {
    const values: string[] = []
    for (const part of text.split(',')) {
      try {
        values.push(decodeURIComponent(part))
      } catch {
        // Malformed: ignored.
      }
    }
    return values
  }
  const values: string[] = []
  let current = ''
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!
    if (char === '\\' && i + 1 < text.length) {
      current += text[++i]
    } else if (char === ',') {
      values.push(current)
      current = ''
    } else {
      current += char
    }
  }
  values.push(current)
  return values
}

/**
 * Reads a selection from URL search params (`range`, `from`/`to`, `view`, `f.<dimension>`); absent
 * parts stay undefined. Never throws: whatever a link holds that is not a valid choice (an unknown
 * preset, view or dimension, an impossible day, From after To, empty or over-long values, more than
 * 100 values of one dimension) is ignored.
 */
export function selectionFromSearch(search: string): Partial<UsageSelection> {
  const out: Partial<UsageSelection> = {}
  let params: URLSearchParams
  try {
    params = new URLSearchParams(search)
  } catch {
    return out
  }
  const preset = params.get('range')
  const from = params.get('from')
  const to = params.get('to')
  if (preset && (TIME_RANGE_PRESETS as readonly string[]).includes(preset)) out.range = { preset: preset as TimeRangePreset }
  else if (from && to && isCalendarDay(from) && isCalendarDay(to) && from <= to) out.range = { from, to }
  const view = params.get('view')
  if (isUsageView(view)) out.view = view
  const filters = new Map<keyof Filters, string[]>()
  for (const [key, text] of params) {
    if (!key.startsWith('f.')) continue
    const dimension = key.slice(2)
    if (!isDimension(dimension) || !text) continue
    const values = filters.get(dimension) ?? []
    for (const value of splitList(text)) {
      if (values.length >= MAX_URL_FILTER_VALUES) break
      if (!value || value.length > MAX_URL_FILTER_VALUE_LENGTH || values.includes(value)) continue
      values.push(value)
    }
    if (values.length) filters.set(dimension, values)
  }
  if (filters.size) out.filters = Object.fromEntries(filters) as Filters
  return out
}

/** Writes a selection into URL search params, keeping the host's own params. */
export function selectionToSearch(selection: UsageSelection, search: string): string {
  const params = new URLSearchParams(search)
  for (const key of [...params.keys()]) {
    if (key === 'range' || key === 'from' || key === 'to' || key === 'view' || key.startsWith('f.')) params.delete(key)
  }
  if ('preset' in selection.range) params.set('range', selection.range.preset)
  else {
    params.set('from', selection.range.from)
    params.set('to', selection.range.to)
  }
  params.set('view', selection.view)
  for (const [dimension, values] of Object.entries(selection.filters)) {
    if (!isDimension(dimension) || !values || !values.length) continue
    const kept = values.filter((value) => typeof value === 'string' && value !== '').slice(0, MAX_URL_FILTER_VALUES)
    if (kept.length) params.set(`f.${dimension}`, kept.map(escapeListValue).join(','))
  }
  const text = params.toString()
  return text ? `?${text}` : ''
}
