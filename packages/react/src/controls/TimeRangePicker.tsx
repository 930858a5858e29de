import * as Popover from '@radix-ui/react-popover'
import { type LocalDate, TIME_RANGE_PRESETS, type TimeRangePreset, formatTimeRange, portableDateText, resolveTimeRange, toLocalDate } from '@usagekit/core'
import { clsx } from 'clsx'
import { type HTMLAttributes, Suspense, forwardRef, lazy, useState } from 'react'
import { Skeleton } from '../components/WidgetState.js'
import { CalendarIcon, ChevronDownIcon } from '../components/icons.js'
import { useUsageConfig, useUsageSelection } from '../context/UsageProvider.js'
import { presetLabel } from '../i18n/coreLabels.js'
import { useMessages } from '../i18n/useMessages.js'
import { PopoverPanel } from './PopoverPanel.js'

const CalendarRange = lazy(() => import('./CalendarRange.js'))

/**
 * The presets offered when a page names none. `14d` (a rolling 336 hours) is left out: beside
 * "Last 2 weeks" (14 whole days with today) it reads as the same choice. Pass it explicitly where a
 * seed asks for it (seed 001's 24h / 7d / 14d / 30d).
 */
export const DEFAULT_PRESETS: readonly TimeRangePreset[] = TIME_RANGE_PRESETS.filter((preset) => preset !== '14d')

export interface TimeRangePickerProps extends HTMLAttributes<HTMLDivElement> {
  /** Which presets to offer (default 24h, 7d, 30d, last 2 weeks, this month). */
  presets?: TimeRangePreset[]
  /** Offer a custom From–To range with a calendar (default true). */
  custom?: boolean
}

/** "Nov 6 – 19, 2026": local calendar days, To inclusive, in the locale. */
export function formatLocalDays(from: LocalDate, to: LocalDate, locale?: string): string {
  const day = (date: LocalDate) => {
    const [y, m, d] = date.split('-').map(Number)
    return Date.UTC(y!, m! - 1, d!)
  }
  // Server-rendered in the trigger: the same text on Node as in the browser (portableDateText).
  return portableDateText(new Intl.DateTimeFormat(locale, { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' }).formatRange(day(from), day(to)))
}

/**
 * One control for the time range: a button that says the range in words ("Last 2 weeks ·
 * Nov 6 – 19, 2026", or "Nov 6 – 19, 2026" for a custom range) and opens the presets beside a
 * From–To calendar (loaded on first use). Local calendar days in the provider's zone, To inclusive.
 */
export const TimeRangePicker = forwardRef<HTMLDivElement, TimeRangePickerProps>(function TimeRangePicker({ presets = [...DEFAULT_PRESETS], custom = true, className, ...props }, ref) {
  const { range, setRange, anchor } = useUsageSelection()
  const { timeZone, locale } = useUsageConfig()
  const t = useMessages()
  const [open, setOpen] = useState(false)
  const isCustom = !('preset' in range)
  const value = 'preset' in range ? range.preset : 'custom'
  const known = anchor !== undefined && timeZone !== undefined
  const today = known ? toLocalDate(anchor, timeZone) : undefined
  const datesOf = (preset: TimeRangePreset) => (known ? formatTimeRange(resolveTimeRange({ preset }, { timeZone, now: anchor }).range, { locale, timeZone }) : '')
  // The calendar opens on the days the current range covers (a preset's too), ready to adjust.
  const resolved = known ? resolveTimeRange(range, { timeZone, now: anchor }).range : undefined
  const fromDay = isCustom ? range.from : resolved && timeZone ? toLocalDate(resolved.start, timeZone) : undefined
  const toDay = isCustom ? range.to : resolved && timeZone ? toLocalDate(Date.parse(resolved.end) - 1, timeZone) : undefined
  const label = 'preset' in range ? presetLabel(range.preset, t) : formatLocalDays(range.from, range.to, locale)
  const dates = 'preset' in range ? datesOf(range.preset) : ''
  // A preset the page does not offer (a shared link, the provider's default) is still shown as chosen.
  const offered = 'preset' in range && !presets.includes(range.preset) ? [...presets, range.preset] : presets
  return (
    <div ref={ref} className={clsx('uk-range', className)} data-range={value} {...props}>
      <Popover.Root open={open} onOpenChange={setOpen}>
        <Popover.Trigger className="uk-button uk-range-trigger" data-custom={isCustom || undefined} aria-label={dates ? t('range.triggerWithDates', { range: label, dates }) : t('range.trigger', { range: label })}>
          <CalendarIcon />
          <span className="uk-range-label">{label}</span>
          {dates ? <span className="uk-range-dates">{dates}</span> : null}
          <ChevronDownIcon className="uk-icon uk-range-chevron" />
        </Popover.Trigger>
        <PopoverPanel className="uk-range-popover" aria-label={t('range.dialog')}>
            <div className="uk-range-panel">
              <div role="group" aria-label={t('range.presets')} className="uk-range-presets">
                {offered.map((preset) => (
                  <button
                    key={preset}
                    type="button"
                    className="uk-range-preset"
                    aria-pressed={value === preset}
                    onClick={() => {
                      setRange({ preset })
                      setOpen(false)
                    }}
                  >
                    <span>{presetLabel(preset, t)}</span>
                    <span className="uk-range-preset-dates">{datesOf(preset)}</span>
                  </button>
                ))}
              </div>
              {custom && open && today ? (
                <Suspense fallback={<Skeleton className="uk-calendar-skeleton" height={340} width="100%" />}>
                  <CalendarRange
                    from={fromDay}
                    to={toDay}
                    today={today}
                    locale={locale}
                    onCancel={() => setOpen(false)}
                    onApply={(from, to) => {
                      setRange({ from, to })
                      setOpen(false)
                    }}
                  />
                </Suspense>
              ) : null}
            </div>
        </PopoverPanel>
      </Popover.Root>
    </div>
  )
})
TimeRangePicker.displayName = 'TimeRangePicker'
