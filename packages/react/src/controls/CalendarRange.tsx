import type { LocalDate } from '@usagekit/core'
import { type ReactNode, useEffect, useId, useState } from 'react'
import { DayButton, type DayButtonProps, DayPicker } from 'react-day-picker'
import { useMessages } from '../i18n/useMessages.js'
import { useDayPickerLocale } from './useDayPickerLocale.js'

function toLocalDate(date: Date): LocalDate {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

function fromLocalDate(day: LocalDate): Date {
  const [y, m, d] = day.split('-').map(Number)
  return new Date(y!, m! - 1, d!)
}

const isLocalDate = (text: string): text is LocalDate => /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(fromLocalDate(text as LocalDate).getTime())
const monthOf = (date: Date) => new Date(date.getFullYear(), date.getMonth(), 1)
const addMonths = (date: Date, months: number) => new Date(date.getFullYear(), date.getMonth() + months, 1)
const DAY = 86_400_000

/** Two months side by side where there is room for them, one on a phone. */
const WIDE = '(min-width: 860px)'
function useWide(): boolean {
  const [wide, setWide] = useState(() => typeof window !== 'undefined' && window.matchMedia?.(WIDE).matches === true)
  useEffect(() => {
    const query = window.matchMedia?.(WIDE)
    if (!query) return
    const update = () => setWide(query.matches)
    query.addEventListener('change', update)
    return () => query.removeEventListener('change', update)
  }, [])
  return wide
}

/** Today is announced as the current date, not only drawn differently. */
function TodayAwareDayButton(props: DayButtonProps) {
  return <DayButton {...props} aria-current={props.modifiers.today ? 'date' : undefined} />
}

interface Selection {
  from?: Date
  to?: Date
}

/**
 * The custom From–To range (loaded on first use): From and To date fields kept in sync with a
 * calendar (two months on a wide screen, one on a phone), the range drawn as one band, today marked,
 * days after today disabled. One day or several; To is inclusive.
 */
export default function CalendarRange({
  from,
  to,
  onApply,
  onCancel,
  today,
  locale,
}: {
  from?: LocalDate
  to?: LocalDate
  onApply: (from: LocalDate, to: LocalDate) => void
  onCancel?: () => void
  today: LocalDate
  locale?: string
}): ReactNode {
  const end = fromLocalDate(today)
  const wide = useWide()
  const months = wide ? 2 : 1
  const [selected, setSelected] = useState<Selection>(from && to ? { from: fromLocalDate(from), to: fromLocalDate(to) } : {})
  const latest = (date: Date) => (wide && monthOf(date).getTime() >= monthOf(end).getTime() ? addMonths(end, -1) : monthOf(date))
  const [month, setMonth] = useState<Date>(() => latest(selected.to ?? end))
  useEffect(() => setMonth((current) => (wide && monthOf(current).getTime() === monthOf(end).getTime() ? addMonths(end, -1) : current)), [wide])
  const [fromText, setFromText] = useState(from ?? '')
  const [toText, setToText] = useState(to ?? '')
  const id = useId()
  const t = useMessages()
  const dayPickerLocale = useDayPickerLocale(locale)

  const choose = (next: Selection) => {
    setSelected(next)
    setFromText(next.from ? toLocalDate(next.from) : '')
    setToText(next.to ? toLocalDate(next.to) : '')
  }
  // The field a reader types in moves the calendar to it; a date after today or a To before From is refused.
  const typed = (field: 'from' | 'to', text: string) => {
    if (field === 'from') setFromText(text)
    else setToText(text)
    if (!isLocalDate(text)) return
    const date = fromLocalDate(text)
    if (date.getTime() > end.getTime()) return
    const next: Selection = { ...selected, [field]: date }
    if (next.from && next.to && next.from.getTime() > next.to.getTime()) {
      if (field === 'from') next.to = undefined
      else next.from = undefined
    }
    setSelected(next)
    if (field === 'from' && next.to === undefined) setToText('')
    if (field === 'to' && next.from === undefined) setFromText('')
    setMonth(latest(date))
  }
  // A click starts a new range once one is complete; the second click ends it (either order).
  const clicked = (day: Date) => {
    if (!selected.from || selected.to) return choose({ from: day, to: undefined })
    if (day.getTime() < selected.from.getTime()) return choose({ from: day, to: selected.from })
    return choose({ from: selected.from, to: day })
  }
  const last = selected.to ?? selected.from
  const days = selected.from && last ? Math.round((last.getTime() - selected.from.getTime()) / DAY) + 1 : 0
  const summary =
    selected.from && last
      ? t('calendar.summary', {
          dates: new Intl.DateTimeFormat(locale, { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' }).formatRange(
            Date.UTC(selected.from.getFullYear(), selected.from.getMonth(), selected.from.getDate()),
            Date.UTC(last.getFullYear(), last.getMonth(), last.getDate()),
          ),
          count: days,
        })
      : t('calendar.pick')

  return (
    <div className="uk-calendar">
      <div className="uk-calendar-fields">
        <label htmlFor={`${id}-from`}>
          <span>{t('calendar.from')}</span>
          <input id={`${id}-from`} className="uk-input" type="date" max={today} value={fromText} onChange={(event) => typed('from', event.target.value)} />
        </label>
        <label htmlFor={`${id}-to`}>
          <span>{t('calendar.to')}</span>
          <input id={`${id}-to`} className="uk-input" type="date" max={today} min={fromText || undefined} value={toText} onChange={(event) => typed('to', event.target.value)} />
        </label>
      </div>
      <DayPicker
        mode="range"
        selected={selected.from ? { from: selected.from, to: selected.to } : undefined}
        onSelect={(_range, day) => clicked(day)}
        disabled={{ after: end }}
        today={end}
        month={month}
        onMonthChange={setMonth}
        numberOfMonths={months}
        endMonth={end}
        weekStartsOn={1}
        locale={dayPickerLocale}
        components={{ DayButton: TodayAwareDayButton }}
      />
      <div className="uk-calendar-footer">
        <span className="uk-muted" aria-live="polite">
          {summary}
        </span>
        <span className="uk-calendar-actions">
          {onCancel ? (
            <button type="button" className="uk-button" data-variant="ghost" onClick={onCancel}>
              {t('common.cancel')}
            </button>
          ) : null}
          <button
            type="button"
            className="uk-button"
            data-variant="primary"
            disabled={!selected.from}
            onClick={() => selected.from && onApply(toLocalDate(selected.from), toLocalDate(selected.to ?? selected.from))}
          >
            {t('common.apply')}
          </button>
        </span>
      </div>
    </div>
  )
}
