import * as Popover from '@radix-ui/react-popover'
import { type Dimension, NONE_KEY } from '@usagekit/core'
import { clsx } from 'clsx'
import { type HTMLAttributes, forwardRef, useDeferredValue, useId, useState } from 'react'
import { ErrorState, Skeleton } from '../components/WidgetState.js'
import { ChevronDownIcon } from '../components/icons.js'
import { useUsageConfig, useUsageSelection } from '../context/UsageProvider.js'
import { PopoverPanel } from './PopoverPanel.js'
import { useLimits, useSupport } from '../hooks/useCapabilities.js'
import { useDimensionValues } from '../hooks/useDimensionValues.js'
import { dimensionLabel, groupLabel } from '../i18n/coreLabels.js'
import { isMessageKey } from '../i18n/enMessages.js'
import { useMessages } from '../i18n/useMessages.js'

export interface DimensionFilterProps extends Omit<HTMLAttributes<HTMLDivElement>, 'onChange'> {
  dimension: Dimension
  label?: string
  /** One value at a time (seed 004's API key and model menus); default several. */
  single?: boolean
}

/** A multi-select with search over a dimension's values; "All" when nothing is chosen. Not shown when the adapter does not offer the dimension. */
export const DimensionFilter = forwardRef<HTMLDivElement, DimensionFilterProps>(function DimensionFilter({ dimension, label, single = false, className, ...props }, ref) {
  const { filters, setFilter } = useUsageSelection()
  const { locale } = useUsageConfig()
  const [open, setOpen] = useState(false)
  const [search, setSearch] = useState('')
  const deferred = useDeferredValue(search)
  const values = useDimensionValues(dimension, { search: deferred, enabled: open })
  const chosen = filters[dimension] ?? []
  // The adapter's limits: a choice it would refuse (413) is not offered.
  const limits = useLimits()
  const full = !single && chosen.length >= limits.maxFilterValues
  const t = useMessages()
  const name = label ?? dimensionLabel(dimension, t)
  const searchKey = `dimension.${dimension}.search`
  const searchLabel = isMessageKey(searchKey) ? t(searchKey) : name
  const listId = useId()
  const support = useSupport()
  const labelOf = (key: string) => groupLabel({ key, label: values.data?.find((v) => v.key === key)?.label ?? key }, t)
  const summary = chosen.length === 0 ? t('filter.all') : chosen.length === 1 ? labelOf(chosen[0]!) : t('filter.selected', { count: chosen.length })
  const choose = (key: string) => {
    if (single) {
      setFilter(dimension, chosen[0] === key ? [] : [key])
      setOpen(false)
    } else {
      setFilter(dimension, chosen.includes(key) ? chosen.filter((k) => k !== key) : [...chosen, key])
    }
  }
  if (support.known && !support.dimension(dimension)) return null
  return (
    <div ref={ref} className={clsx('uk-filter', className)} data-dimension={dimension} data-active={chosen.length > 0 || undefined} {...props}>
      <Popover.Root open={open} onOpenChange={setOpen}>
        <Popover.Trigger className="uk-button" data-state={chosen.length ? 'on' : 'off'} aria-label={t('filter.trigger', { dimension: name, choice: summary })}>
          <span className="uk-muted">{name}:</span>
          <span style={{ maxWidth: 180, overflow: 'hidden', textOverflow: 'ellipsis' }}>{summary}</span>
          <ChevronDownIcon />
        </Popover.Trigger>
        <PopoverPanel aria-label={t('filter.panel', { dimension: name })}>
            <input
              type="search"
              className="uk-input"
              style={{ width: '100%' }}
              placeholder={searchLabel}
              aria-label={searchLabel}
              aria-controls={listId}
              value={search}
              maxLength={limits.maxSearchLength}
              onChange={(event) => setSearch(event.target.value)}
            />
            <ul id={listId} className="uk-option-list" aria-label={name}>
              <li>
                <label className="uk-option">
                  <input type={single ? 'radio' : 'checkbox'} name={listId} checked={chosen.length === 0} onChange={() => setFilter(dimension, [])} />
                  <span className="uk-option-label">{t('filter.all')}</span>
                </label>
              </li>
              {values.isError ? (
                <li>
                  <ErrorState error={values.error} onRetry={() => void values.refetch()} />
                </li>
              ) : values.isPending ? (
                <li>
                  <Skeleton height={120} />
                </li>
              ) : (
                values.data.map((value) => (
                  <li key={value.key}>
                    <label className="uk-option" title={value.secondary ? `${groupLabel(value, t)} — ${value.secondary}` : groupLabel(value, t)}>
                      <input
                        type={single ? 'radio' : 'checkbox'}
                        name={listId}
                        checked={chosen.includes(value.key)}
                        disabled={full && !chosen.includes(value.key)}
                        onChange={() => choose(value.key)}
                      />
                      <span className={clsx('uk-option-label', value.key === NONE_KEY && 'uk-none')}>{groupLabel(value, t)}</span>
                      {value.count !== undefined ? <span className="uk-option-count">{value.count.toLocaleString(locale)}</span> : null}
                    </label>
                  </li>
                ))
              )}
              {values.data && values.data.length === 0 ? <li className="uk-state">{t('filter.noMatch')}</li> : null}
              {full ? (
                <li className="uk-state" role="status">
                  {t('filter.limit', { max: limits.maxFilterValues })}
                </li>
              ) : null}
            </ul>
        </PopoverPanel>
      </Popover.Root>
    </div>
  )
})
DimensionFilter.displayName = 'DimensionFilter'
