/**
 * The English catalog: the source of every UI string and of the message keys. Other catalogs
 * (loaded per locale, see loadMessages.ts) and a host's `messages` prop override any subset.
 *
 * A message is text with `{name}` placeholders, or plural forms keyed by `Intl.PluralRules`
 * categories (`one`, `other`, … chosen by the `count` value). Numbers passed as values are
 * formatted in the page's locale.
 */
export const enMessages = {
  // Pagination and counts
  'pager.range': '{first}–{last} of {total}',
  'pager.rangeOpen': '{first}–{last}',
  'pager.many': 'many',
  'pager.noMore': 'No more requests',
  'count.requests': { one: '{count} request', other: '{count} requests' },

  // Cross-filter, drill-down, previous-period overlay and chart keyboard navigation (docs/components.md, "Gestures")
  'crossFilter.hintSegment': 'Click to filter by {label}',
  'crossFilter.hintBucket': 'Click to pin: filter or view requests',
  'crossFilter.otherNotFilter': 'Other folds several smaller groups: it is not a filter',
  'crossFilter.filterBy': 'Filter by {label}',
  'crossFilter.removeFilter': 'Remove the filter on {label}',
  'crossFilter.legendFilterTitle': 'Filter the page by {label} (Alt-click or the eye: hide it in this chart only)',
  'crossFilter.legendHideTitle': 'Hide or show {label} in this chart',
  'crossFilter.legendShow': 'Show {label} in this chart',
  'crossFilter.viewRequests': 'View requests',
  'crossFilter.viewRequestsOf': 'View requests of {label}',
  'crossFilter.rowFilterTitle': 'Click to filter the page by {label}',
  'crossFilter.drillDownSpan': 'Requests {span}',
  'crossFilter.drillDownClear': 'Show all requests',
  'crossFilter.keyboardHint': 'Arrow keys move between buckets, up and down between series; Enter filters by the series or views the bucket\'s requests; Escape closes.',
  'crossFilter.previousPeriod': 'Previous period',
  'crossFilter.previousOf': 'Previous {label}',
  'crossFilter.previousSpan': 'vs {span}',
  'crossFilter.change': 'Change',
  'crossFilter.compare': 'Compare',
  'crossFilter.compareTitle': 'Compare with the previous period (equal elapsed time)',
  'crossFilter.announceRow': '{label}: {value}',
} satisfies Record<string, MessageSource>

/** Plural forms: `other` is required, the rest follow the locale's plural categories. */
export type PluralMessage = { other: string } & Partial<Record<Intl.LDMLPluralRule, string>>
export type MessageSource = string | PluralMessage

export type UsageMessageKey = keyof typeof enMessages
/** A full catalog: every key of the English one. */
export type UsageMessages = Record<UsageMessageKey, MessageSource>
