import { type Dimension, type MetricDefinition, type TimeRangePreset, NONE_KEY, OTHER_KEY, getMetricDefinition } from '@usagekit/core'
import { isMessageKey } from './enMessages.js'
import type { Translate } from './translate.js'

/**
 * Core's ids in the page's language: `metric.cost`, `dimension.team`, `preset.7d`. A metric a host
 * defines (or relabels in its capabilities) keeps the host's own label.
 */
export function metricLabel(definition: Pick<MetricDefinition, 'id' | 'label'>, t: Translate): string {
  const key = `metric.${definition.id}`
  const core = getMetricDefinition(definition.id)
  return isMessageKey(key) && (!core || core.label === definition.label) ? t(key) : definition.label
}

export function dimensionLabel(dimension: Dimension, t: Translate): string {
  const key = `dimension.${dimension}`
  return isMessageKey(key) ? t(key) : dimension
}

export function presetLabel(preset: TimeRangePreset, t: Translate): string {
  const key = `preset.${preset}`
  return isMessageKey(key) ? t(key) : preset
}

/** A group's label: the reserved "(none)" and "Other" groups in the page's language, the data's own names as they are. */
export function groupLabel(group: { key: string; label: string }, t: Translate): string {
  if (group.key === NONE_KEY) return t('common.none')
  if (group.key === OTHER_KEY) return t('common.other')
  return group.label
}
