import { NONE_KEY, OTHER_KEY, STANDARD_METRICS } from '@usagekit/core'
import { describe, expect, it } from 'vitest'
import { metricLabel, dimensionLabel, groupLabel, presetLabel } from './coreLabels.js'
import { deMessages } from './catalogs/de.js'
import { createTranslate } from './translate.js'

const t = createTranslate(deMessages, 'de-DE')

describe('core labels in the page language', () => {
  it("maps core's metric, dimension and preset ids to the catalog", () => {
    expect(metricLabel(STANDARD_METRICS.cost, t)).toBe('Kosten')
    expect(metricLabel({ id: 'successRate', label: 'Success rate' }, t)).toBe('Erfolgsquote')
    expect(dimensionLabel('apiKey', t)).toBe('API-Schlüssel')
    expect(presetLabel('7d', t)).toBe('Letzte 7 Tage')
  })

  it("keeps the host's own label for a metric it defines or relabels", () => {
    expect(metricLabel({ id: 'gpuHours', label: 'GPU hours' }, t)).toBe('GPU hours')
    expect(metricLabel({ id: 'requests', label: 'Calls' }, t)).toBe('Calls')
  })

  it('names the reserved groups in the language and leaves data names as they are', () => {
    expect(groupLabel({ key: NONE_KEY, label: '(none)' }, t)).toBe('(keine Angabe)')
    expect(groupLabel({ key: OTHER_KEY, label: 'Other' }, t)).toBe('Sonstige')
    expect(groupLabel({ key: 'research', label: 'Research' }, t)).toBe('Research')
  })
})
