import { describe, expect, it } from 'vitest'
import { formatDateTime, formatTimeRange } from './format'
import { portableDateText } from './portableDateText'

describe('portableDateText', () => {
  it('turns ICU’s thin and narrow no-break spaces into plain ones, and leaves the rest', () => {
    expect(portableDateText('Nov 28\u2009–\u2009Dec 5, 2026')).toBe('Nov 28 – Dec 5, 2026')
    expect(portableDateText('1:30\u202fPM')).toBe('1:30 PM')
    expect(portableDateText('28.\u00a0Nov')).toBe('28.\u00a0Nov')
  })

  it('is applied to the date text core formats (the same on a Node server as in a browser)', () => {
    const range = formatTimeRange({ start: '2026-11-28T00:00:00.000Z', end: '2026-12-06T00:00:00.000Z' }, { timeZone: 'UTC', locale: 'en-US' })
    expect(range).toBe('Nov 28 – Dec 5, 2026')
    expect(formatDateTime('2026-11-01T13:30:00.000Z', { timeZone: 'UTC', locale: 'en-US' })).toBe('Nov 1, 2026, 1:30 PM')
  })
})
