import { type TimeRange, comparedPeriods, portableDateText } from '@usagekit/core'
import { enBasicMessages } from '../i18n/enBasicMessages.js'
import { type Translate, createTranslate } from '../i18n/translate.js'

const HOUR = 3_600_000

/** Whether an instant is a local midnight in the zone. */
function atMidnight(ms: number, timeZone: string): boolean {
  const out = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: 'numeric', hourCycle: 'h23' }).formatToParts(ms)
  return out.filter((part) => part.type === 'hour' || part.type === 'minute').every((part) => Number(part.value) === 0)
}

/** "Oct 23 – Nov 5" (end inclusive), with the year when the two years differ. */
function days(startMs: number, lastMs: number, locale: string | undefined, timeZone: string): string {
  const years = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric' })
  const withYear = years.format(startMs) !== years.format(lastMs)
  return portableDateText(new Intl.DateTimeFormat(locale, { timeZone, month: 'short', day: 'numeric', ...(withYear ? { year: 'numeric' } : {}) }).formatRange(startMs, lastMs))
}

const time = (ms: number, locale: string | undefined, timeZone: string) => portableDateText(new Intl.DateTimeFormat(locale, { timeZone, hour: 'numeric', minute: '2-digit' }).format(ms))

export interface ComparedPeriodLabel {
  /** Beside the chip: "vs previous 7 days", "vs Oct 23 – Nov 5, 17:00", "vs Sep 1 – 30". */
  short: string
  /** In the tooltip and for screen readers: "vs same time last period: Oct 23, 1:00 AM – Nov 5, 5:00 PM". */
  detail: string
}

/**
 * Names the stretch a KPI delta compares with, by the equal-elapsed rule (docs/time.md): while the
 * range runs, the same elapsed part of the previous period ("vs same time last period"); a rolling
 * window, "vs previous N days/hours"; a finished range, the previous dates.
 */
export function comparedPeriodLabel(range: TimeRange, options: { now?: number; rolling?: boolean; locale?: string; timeZone: string; t?: Translate }): ComparedPeriodLabel {
  const { locale, timeZone } = options
  const t = options.t ?? createTranslate(enBasicMessages, locale)
  const { current, previous } = comparedPeriods(range, options.now)
  const length = Date.parse(range.end) - Date.parse(range.start)
  const running = current.endMs < Date.parse(range.end)
  const { startMs, endMs } = previous
  // An end at local midnight names the day before it (end exclusive); any other end names its time.
  const endsAtMidnight = atMidnight(endMs, timeZone)
  const whole = endsAtMidnight ? days(startMs, endMs - 1, locale, timeZone) : t('period.dayTime', { day: days(startMs, endMs, locale, timeZone), time: time(endMs, locale, timeZone) })
  const full =
    atMidnight(startMs, timeZone) && endsAtMidnight
      ? whole
      : t('period.span', {
          start: t('period.dayTime', { day: days(startMs, startMs, locale, timeZone), time: time(startMs, locale, timeZone) }),
          end: t('period.dayTime', { day: days(endMs, endMs, locale, timeZone), time: time(endMs, locale, timeZone) }),
        })
  if (running) return { short: t('period.vs', { period: whole }), detail: t('period.vsSameTime', { period: full }) }
  if (options.rolling) {
    const hours = Math.round(length / HOUR)
    const name = (hours <= 72 && hours % 24 !== 0) || hours === 24 ? t('period.hours', { count: hours }) : t('period.days', { count: Math.round(hours / 24) })
    return { short: t('period.vsPrevious', { length: name }), detail: t('period.vsPreviousDetail', { length: name, period: full }) }
  }
  return { short: t('period.vs', { period: whole }), detail: t('period.vsPreviousPeriod', { period: full }) }
}
