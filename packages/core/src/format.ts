import { bucketStart } from './bucketBoundaries'
import type { Bucket, TimeBucket, TimeRange } from './types'
import type { MetricDefinition } from './metrics'
import { portableDateText } from './portableDateText'
import { offsetMinutes } from './timeZone'
import { type InstantInput, toEpochMs } from './timeRange'

export interface FormatOptions {
  /** BCP 47 locale; default the runtime's. */
  locale?: string
}

export interface MoneyFormatOptions extends FormatOptions {
  /** ISO 4217 code, the data's own (from the adapter's capabilities). */
  currency: string
  /** Short axis form: "$1.2K". */
  compact?: boolean
}

export interface DateFormatOptions extends FormatOptions {
  timeZone: string
}

/** What a missing value (a gap) shows as. */
export const EMPTY_VALUE = '—'

const numberFormats = new Map<string, Intl.NumberFormat>()
function numberFormat(locale: string | undefined, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`
  let format = numberFormats.get(key)
  if (!format) {
    format = new Intl.NumberFormat(locale, options)
    numberFormats.set(key, format)
  }
  return format
}

/** An Intl.DateTimeFormat whose text is the same on every ICU build (see portableDateText). */
interface PortableDateFormat {
  format(ms: number): string
  formatRange(startMs: number, endMs: number): string
}

const dateFormats = new Map<string, PortableDateFormat>()
function dateFormat(locale: string | undefined, options: Intl.DateTimeFormatOptions): PortableDateFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`
  let format = dateFormats.get(key)
  if (!format) {
    const intl = new Intl.DateTimeFormat(locale, options)
    format = {
      format: (ms) => portableDateText(intl.format(ms)),
      formatRange: (startMs, endMs) => portableDateText(intl.formatRange(startMs, endMs)),
    }
    dateFormats.set(key, format)
  }
  return format
}

function isMissing(value: number | null | undefined): value is null | undefined {
  return value === null || value === undefined || Number.isNaN(value)
}

/** A count: "1,234", or compact "1.2K". */
export function formatCount(value: number | null | undefined, options: FormatOptions & { compact?: boolean } = {}): string {
  if (isMissing(value)) return EMPTY_VALUE
  if (options.compact) return numberFormat(options.locale, { notation: 'compact', maximumFractionDigits: 1 }).format(value)
  return numberFormat(options.locale, { maximumFractionDigits: Number.isInteger(value) ? 0 : 1 }).format(value)
}

export type TokenNotation = 'compact' | 'standard' | 'thousands'

/**
 * Tokens: `compact` "1.2M" (default), `standard` "1,234,567", or `thousands` "1,234.6" for a
 * column headed "K tokens" (seed 004).
 */
export function formatTokens(
  value: number | null | undefined,
  options: FormatOptions & { notation?: TokenNotation } = {},
): string {
  if (isMissing(value)) return EMPTY_VALUE
  const notation = options.notation ?? 'compact'
  if (notation === 'thousands') {
    return numberFormat(options.locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value / 1000)
  }
  if (notation === 'standard') return numberFormat(options.locale, { maximumFractionDigits: 0 }).format(value)
  return numberFormat(options.locale, { notation: 'compact', maximumFractionDigits: 1 }).format(value)
}

/** The unit a token column is headed with in a notation: "K tokens" for `thousands`. */
export function tokenUnitLabel(notation: TokenNotation = 'compact'): string {
  return notation === 'thousands' ? 'K tokens' : 'tokens'
}

/**
 * Money in the data's currency. Amounts under one unit keep two significant digits, so a non-zero
 * cost never reads "$0.00": 0.000042 → "$0.000042", 0.0102 → "$0.010", 0.5 → "$0.50".
 */
export function formatMoney(value: number | null | undefined, options: MoneyFormatOptions): string {
  if (isMissing(value)) return EMPTY_VALUE
  const base: Intl.NumberFormatOptions = { style: 'currency', currency: options.currency }
  if (options.compact && Math.abs(value) >= 1000) {
    return numberFormat(options.locale, { ...base, notation: 'compact', maximumFractionDigits: 1 }).format(value)
  }
  // Below one unit, two significant digits keep a column of small costs readable and
  // consistent ($0.50, $0.010, $0.0081) and never round a real cost to zero.
  if (value !== 0 && Math.abs(value) < 1) {
    return numberFormat(options.locale, { ...base, minimumSignificantDigits: 2, maximumSignificantDigits: 2 }).format(value)
  }
  return numberFormat(options.locale, base).format(value)
}

/** Milliseconds as "850 ms", "1.24 s", "2 min 5 s". */
export function formatDuration(ms: number | null | undefined, options: FormatOptions = {}): string {
  if (isMissing(ms)) return EMPTY_VALUE
  const { locale } = options
  const abs = Math.abs(ms)
  if (abs < 1000) return `${numberFormat(locale, { maximumFractionDigits: abs < 10 ? 1 : 0 }).format(ms)} ms`
  if (abs < 60_000) return `${numberFormat(locale, { maximumFractionDigits: 2 }).format(ms / 1000)} s`
  const minutes = Math.floor(abs / 60_000)
  const seconds = Math.round((abs - minutes * 60_000) / 1000)
  const sign = ms < 0 ? '-' : ''
  if (minutes < 60) return `${sign}${minutes} min${seconds ? ` ${seconds} s` : ''}`
  const hours = Math.floor(minutes / 60)
  return `${sign}${hours} h${minutes % 60 ? ` ${minutes % 60} min` : ''}`
}

/** A fraction as a percentage: 0.985 → "98.5%"; a tiny non-zero share reads "<0.1%", never "0%". */
export function formatPercent(fraction: number | null | undefined, options: FormatOptions = {}): string {
  if (isMissing(fraction)) return EMPTY_VALUE
  const format = numberFormat(options.locale, { style: 'percent', maximumFractionDigits: 1 })
  if (fraction > 0 && fraction < 0.001) return `<${format.format(0.001)}`
  if (fraction < 1 && fraction > 0.9995) return `>${format.format(0.999)}`
  return format.format(fraction)
}

/** A relative change, signed: "+12.3%", "−4%". */
export function formatDeltaPercent(relative: number | null | undefined, options: FormatOptions = {}): string {
  if (isMissing(relative)) return EMPTY_VALUE
  return numberFormat(options.locale, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(relative)
}

/** A value in its metric's unit. */
export function formatMetricValue(
  value: number | null | undefined,
  definition: Pick<MetricDefinition, 'unit'>,
  options: FormatOptions & { currency?: string; compact?: boolean; tokenNotation?: TokenNotation } = {},
): string {
  switch (definition.unit) {
    case 'money':
      return formatMoney(value, { locale: options.locale, currency: options.currency ?? 'USD', compact: options.compact })
    case 'tokens':
      return formatTokens(value, { locale: options.locale, notation: options.tokenNotation ?? (options.compact ? 'compact' : 'standard') })
    case 'milliseconds':
      return formatDuration(value, options)
    case 'fraction':
      return formatPercent(value, options)
    case 'coreHours':
    case 'gbHours':
      if (isMissing(value)) return EMPTY_VALUE
      return numberFormat(options.locale, {
        notation: options.compact ? 'compact' : 'standard',
        maximumFractionDigits: Math.abs(value) < 10 ? 2 : 1,
      }).format(value)
    default:
      return formatCount(value, { locale: options.locale, compact: options.compact })
  }
}

/** "GMT-4", "GMT+5:30" — the zone's offset at an instant. */
export function formatOffset(instant: InstantInput, timeZone: string): string {
  const minutes = offsetMinutes(timeZone, toEpochMs(instant))
  if (minutes === 0) return 'GMT'
  const sign = minutes > 0 ? '+' : '-'
  const abs = Math.abs(minutes)
  const hours = Math.floor(abs / 60)
  const rest = abs % 60
  return `GMT${sign}${hours}${rest ? `:${String(rest).padStart(2, '0')}` : ''}`
}

/** A date and time in the zone: "Nov 1, 2026, 1:30 PM". */
export function formatDateTime(instant: InstantInput, options: DateFormatOptions & { seconds?: boolean }): string {
  return dateFormat(options.locale, {
    timeZone: options.timeZone,
    dateStyle: 'medium',
    timeStyle: options.seconds ? 'medium' : 'short',
  }).format(toEpochMs(instant))
}

/** A calendar date in the zone: "Nov 1, 2026". */
export function formatDate(instant: InstantInput, options: DateFormatOptions): string {
  return dateFormat(options.locale, { timeZone: options.timeZone, dateStyle: 'medium' }).format(toEpochMs(instant))
}

const HOUR = 3_600_000

/** Whether an instant's wall-clock time is near a DST change (so it needs its offset to be unambiguous). */
function nearOffsetChange(ms: number, timeZone: string): boolean {
  return offsetMinutes(timeZone, ms - 3 * HOUR) !== offsetMinutes(timeZone, ms + 3 * HOUR)
}

function isSubDay(bucket: Bucket): boolean {
  return bucket !== '1d' && bucket !== '1w' && bucket !== '1mo'
}

/**
 * Times follow the locale's hour cycle everywhere (tables, tooltips, axes): "2:00 PM" in en-US,
 * "14:00" in en-GB and de-DE.
 *
 * A short axis label for a bucket in the zone: "2:00 PM" ("Nov 3" at local midnight), "Nov 3",
 * "Nov 2026". Buckets next to a DST change carry their offset, so the repeated hour reads
 * "1:00 AM GMT-4" then "1:00 AM GMT-5".
 */
export function formatBucketLabel(bucket: TimeBucket, size: Bucket, options: DateFormatOptions): string {
  const ms = Date.parse(bucket.start)
  const { locale, timeZone } = options
  if (size === '1mo') return dateFormat(locale, { timeZone, month: 'short', year: 'numeric' }).format(ms)
  if (!isSubDay(size)) return dateFormat(locale, { timeZone, month: 'short', day: 'numeric' }).format(ms)
  // A sub-day bucket that starts a local day is labelled with its date, so multi-day axes read.
  if (bucketStart(ms, '1d', timeZone) === ms) return dateFormat(locale, { timeZone, month: 'short', day: 'numeric' }).format(ms)
  const time = dateFormat(locale, { timeZone, hour: 'numeric', minute: '2-digit' }).format(ms)
  return nearOffsetChange(ms, timeZone) ? `${time} ${formatOffset(ms, timeZone)}` : time
}

/**
 * A bucket's full date range for tooltips, in the zone: "Nov 1, 2026, 1:00 AM – 2:00 AM GMT-4",
 * "Nov 3, 2026", "Nov 3 – 9, 2026" (a week).
 */
export function formatBucketRange(bucket: TimeBucket, size: Bucket, options: DateFormatOptions): string {
  const start = Date.parse(bucket.start)
  const end = Date.parse(bucket.end)
  const { locale, timeZone } = options
  if (isSubDay(size)) {
    const full = dateFormat(locale, {
      timeZone,
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
    })
    const time = dateFormat(locale, { timeZone, hour: 'numeric', minute: '2-digit' })
    const sameDay = dateFormat(locale, { timeZone, dateStyle: 'short' })
    const endText = sameDay.format(start) === sameDay.format(end - 1) ? time.format(end) : full.format(end)
    const startOffset = formatOffset(start, timeZone)
    const endOffset = formatOffset(end, timeZone)
    // Written out rather than with formatRange, which collapses the repeated hour to one time.
    return startOffset === endOffset
      ? `${full.format(start)} – ${endText} ${startOffset}`
      : `${full.format(start)} ${startOffset} – ${endText} ${endOffset}`
  }
  if (size === '1d') return dateFormat(locale, { timeZone, dateStyle: 'medium' }).format(start)
  // Weeks and months name their last day (the end is exclusive).
  const format = dateFormat(locale, { timeZone, year: 'numeric', month: 'short', day: 'numeric' })
  return format.formatRange(start, end - 1)
}

/** A whole range for headings and file names: "Nov 1 – 14, 2026" in the zone (end exclusive). */
export function formatTimeRange(range: TimeRange, options: DateFormatOptions & { withTime?: boolean }): string {
  const start = Date.parse(range.start)
  const end = Date.parse(range.end)
  const format = dateFormat(options.locale, {
    timeZone: options.timeZone,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    ...(options.withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
  })
  return format.formatRange(start, options.withTime ? end : end - 1)
}
