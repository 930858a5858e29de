import type { LocalDate } from '@usagekit/core'
import { type ReactNode, useState } from 'react'
import { DayPicker, type DateRange } from 'react-day-picker'

function toLocalDate(date: Date): LocalDate {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

function fromLocalDate(day: LocalDate): Date {
  const [y, m, d] = day.split('-').map(Number)
  return new Date(y!, m! - 1, d!)
}

/** The custom From–To calendar (loaded on first use): one day or several; To is inclusive. */
export default function CalendarRange({ from, to, onApply, today }: { from?: LocalDate; to?: LocalDate; onApply: (from: LocalDate, to: LocalDate) => void; today: LocalDate }): ReactNode {
  const [selected, setSelected] = useState<DateRange | undefined>(from && to ? { from: fromLocalDate(from), to: fromLocalDate(to) } : undefined)
  const end = fromLocalDate(today)
  return (
    <div className="uk-calendar">
      <DayPicker
        mode="range"
        selected={selected}
        onSelect={setSelected}
        disabled={{ after: end }}
        defaultMonth={selected?.from ?? end}
        endMonth={end}
        weekStartsOn={1}
      />
      <div className="uk-toolbar" style={{ justifyContent: 'space-between', marginTop: 8 }}>
        <span className="uk-muted" aria-live="polite">
          {selected?.from ? `${toLocalDate(selected.from)} – ${toLocalDate(selected.to ?? selected.from)}` : 'Pick a day or a range'}
        </span>
        <button
          type="button"
          className="uk-button"
          data-variant="primary"
          disabled={!selected?.from}
          onClick={() => selected?.from && onApply(toLocalDate(selected.from), toLocalDate(selected.to ?? selected.from))}
        >
          Apply
        </button>
      </div>
    </div>
  )
}
