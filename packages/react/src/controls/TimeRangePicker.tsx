import * as Popover from '@radix-ui/react-popover'
import { PRESET_LABELS, TIME_RANGE_PRESETS, type TimeRangePreset, toLocalDate } from '@usagekit/core'
import { clsx } from 'clsx'
import { type HTMLAttributes, Suspense, forwardRef, lazy, useId, useState } from 'react'
import { Skeleton } from '../components/WidgetState.js'
import { CalendarIcon } from '../components/icons.js'
import { useUsageConfig, useUsageSelection } from '../context/UsageProvider.js'

const CalendarRange = lazy(() => import('./CalendarRange.js'))

export interface TimeRangePickerProps extends HTMLAttributes<HTMLDivElement> {
  /** Which presets to offer (default all: 24h, 7d, 14d, 30d, last 2 weeks, this month). */
  presets?: TimeRangePreset[]
  /** Offer a custom From–To range with a calendar (default true). */
  custom?: boolean
}

/** Presets and a custom From–To range (local calendar days, To inclusive) in the provider's zone. */
export const TimeRangePicker = forwardRef<HTMLDivElement, TimeRangePickerProps>(function TimeRangePicker({ presets = [...TIME_RANGE_PRESETS], custom = true, className, ...props }, ref) {
  const { range, setRange, anchor } = useUsageSelection()
  const { timeZone } = useUsageConfig()
  const [open, setOpen] = useState(false)
  const id = useId()
  const isCustom = !('preset' in range)
  const value = 'preset' in range ? range.preset : 'custom'
  const today = anchor !== undefined && timeZone ? toLocalDate(anchor, timeZone) : undefined
  return (
    <div ref={ref} className={clsx('uk-toolbar', className)} data-range={value} {...props}>
      <label htmlFor={id} className="uk-visually-hidden">
        Time range
      </label>
      <select
        id={id}
        className="uk-select"
        value={value}
        onChange={(event) => {
          if (event.target.value === 'custom') setOpen(true)
          else setRange({ preset: event.target.value as TimeRangePreset })
        }}
      >
        {presets.map((preset) => (
          <option key={preset} value={preset}>
            {PRESET_LABELS[preset]}
          </option>
        ))}
        {custom ? <option value="custom">{isCustom ? `${range.from} – ${range.to}` : 'Custom…'}</option> : null}
      </select>
      {custom ? (
        <Popover.Root open={open} onOpenChange={setOpen}>
          <Popover.Trigger className="uk-button" aria-label="Pick a custom date range" data-state={isCustom ? 'on' : 'off'}>
            <CalendarIcon />
            {isCustom ? `${range.from} – ${range.to}` : 'Custom'}
          </Popover.Trigger>
          <Popover.Portal>
            <Popover.Content className="uk-root uk-popover" align="end" sideOffset={6} style={{ maxWidth: 'none' }}>
              {open && today ? (
                <Suspense fallback={<Skeleton height={300} width={280} />}>
                  <CalendarRange
                    from={isCustom ? range.from : undefined}
                    to={isCustom ? range.to : undefined}
                    today={today}
                    onApply={(from, to) => {
                      setRange({ from, to })
                      setOpen(false)
                    }}
                  />
                </Suspense>
              ) : null}
            </Popover.Content>
          </Popover.Portal>
        </Popover.Root>
      ) : null}
    </div>
  )
})
TimeRangePicker.displayName = 'TimeRangePicker'
