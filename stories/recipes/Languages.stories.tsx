// The Usage page in the reader's language: German and Japanese from usagekit's catalogs (loaded
// for the provider's locale), and a right-to-left page (the host's <html dir="rtl">) whose strings
// a host passes as `messages` (Hebrew here, in part); its charts keep time running left to right.
import type { Meta, StoryObj } from '@storybook/react-vite'
import { UsagePage, type UsageMessages } from '@usagekit/react'
import { type ReactNode, useLayoutEffect } from 'react'

function LanguagePage(): ReactNode {
  return <UsagePage sections={['team', 'requests']} />
}

/**
 * A Hebrew host's own strings for what this page shows first (usagekit ships no Hebrew catalog):
 * the `messages` prop overrides any keys, the rest stay English.
 */
const hebrew: Partial<UsageMessages> = {
  'page.title': 'שימוש',
  'section.team': 'סקירה כללית',
  'section.requests': 'בקשות',
  'view.user': 'לפי משתמש',
  'view.team': 'לפי צוות',
  'preset.7d': '7 הימים האחרונים',
  'range.triggerWithDates': 'טווח זמן: {range}, {dates}',
  'filter.all': 'הכול',
  'dimension.apiKey': 'מפתח API',
  'dimension.tag': 'תגית',
  'dimension.team': 'צוות',
  'dimension.user': 'משתמש',
  'dimension.user.count': { one: 'משתמש אחד', two: '{count} משתמשים', other: '{count} משתמשים' },
  'refresh.button': 'רענון',
  'live.toggle': 'שידור חי',
  'metric.activeUsers': 'משתמשים פעילים',
  'metric.requestsPerActiveUser': 'ממוצע בקשות למשתמש',
  'metric.requests': 'בקשות',
  'metric.totalTokens': 'סך הטוקנים',
  'kpi.spend': 'הוצאה',
  'crossFilter.compare': 'השוואה',
  'kpi.sub.inOut': '{input} קלט · {output} פלט',
  'kpi.delta.noChange': 'ללא שינוי',
  'period.vsPrevious': 'לעומת {length} הקודמים',
  'period.days': { one: 'יום אחד', two: 'יומיים', other: '{count} ימים' },
  'chart.activeUsersPerDay': 'משתמשים פעילים ליום',
  'chart.dataTable': 'טבלת נתונים',
  'breakdown.title': 'פירוט',
  'breakdown.showing': 'מוצגים {shown} מתוך {all}',
  'breakdown.searchUsers': 'חיפוש לפי שם או אימייל',
  'breakdown.trend': 'מגמה',
  'breakdown.models': 'מודלים',
  'breakdown.column.requests': 'בקשות',
  'breakdown.column.inputTokens': 'קלט',
  'breakdown.column.outputTokens': 'פלט',
  'breakdown.column.cost': 'עלות',
  'breakdown.header.tokens': '{column} (טוקנים)',
  'breakdown.showMore': 'הצגת {count} נוספים',
  'breakdown.showAll': 'הצגת הכול',
  'export.button': 'ייצוא CSV',
  'requests.title': 'בקשות',
  'requests.search': 'חיפוש בקשות',
  'requests.column.timestamp': 'זמן',
  'requests.column.status': 'סטטוס',
  'requests.column.inputTokens': 'הנחיה',
  'requests.column.outputTokens': 'השלמה',
  'requests.column.totalTokens': 'סך הטוקנים',
  'requests.column.latencyMs': 'השהיה (ms)',
  'requests.column.cost': 'עלות',
  'requests.column.id': 'בקשה',
  'requests.status.success': 'הצליחה',
  'requests.status.error': 'שגיאה',
  'pager.range': '{first}–{last} מתוך {total}',
  'common.previous': 'הקודם',
  'common.next': 'הבא',
}

/** Stands in for a right-to-left host page: the document's direction, as a Hebrew or Arabic app sets it (portals follow it too). */
function RightToLeftPage(): ReactNode {
  useLayoutEffect(() => {
    const root = document.documentElement
    const before = root.dir
    root.dir = 'rtl'
    return () => {
      root.dir = before
    }
  }, [])
  return <UsagePage sections={['team', 'requests']} />
}

const meta = {
  title: 'Recipes/Languages',
  component: LanguagePage,
  parameters: { usage: { framed: false } },
} satisfies Meta<typeof LanguagePage>
export default meta
type Story = StoryObj<typeof meta>

export const German: Story = { parameters: { usage: { framed: false, provider: { locale: 'de-DE', timeZone: 'Europe/Berlin' } } } }
export const Japanese: Story = { parameters: { usage: { framed: false, provider: { locale: 'ja-JP', timeZone: 'Asia/Tokyo' } } } }
export const RightToLeft: Story = {
  render: () => <RightToLeftPage />,
  parameters: { usage: { framed: false, provider: { locale: 'he-IL', timeZone: 'Asia/Jerusalem', messages: hebrew } } },
}
