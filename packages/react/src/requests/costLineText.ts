import { type CostComponent, fromNanos, toNanos } from '@usagekit/core'
import type { Translate } from '../i18n/useMessages.js'
import { exactMoneyFormat } from './drawerFormat.js'

const PER_MILLION = 1_000_000
/** A per-unit price of at least a cent, exact at the nano precision, reads better "each" than "/ 1M". */
const EACH_MIN_NANOS = 10_000_000

/**
 * How a cost line came about, from the contract's optional `quantity`, `unit` and `rate` (per 1M
 * units): "12,400 tokens × $3.00 / 1M", "4 images × $0.04 each", or just "12,400 tokens" without a
 * rate; `undefined` for a line without a quantity (shown as before: label and amount). The rate is
 * written exactly, at the fewest digits that show it ($0.075, $0.0375). The line's amount is never
 * derived from this: it is shown as recorded.
 */
export function costLineText(line: CostComponent, options: { locale: string | undefined; currency: string; t: Translate }): string | undefined {
  if (line.quantity === undefined) return undefined
  const { locale, currency, t } = options
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 3 }).format(line.quantity)
  const quantity = line.unit ? t('design.costLine.quantity', { quantity: number, unit: line.unit }) : number
  if (line.rate === undefined) return quantity
  const rateNanos = toNanos(line.rate)
  if (rateNanos % PER_MILLION === 0 && rateNanos / PER_MILLION >= EACH_MIN_NANOS) {
    const each = fromNanos(rateNanos / PER_MILLION)
    return t('design.costLine.ratedEach', { quantity, rate: exactMoneyFormat([each], locale, currency)(each) })
  }
  const per = new Intl.NumberFormat(locale, { notation: 'compact' }).format(PER_MILLION)
  return t('design.costLine.rated', { quantity, rate: exactMoneyFormat([line.rate], locale, currency)(line.rate), per })
}
