import type { ReactNode } from 'react'
import { useMessages } from '../i18n/useMessages.js'

/** Deeper levels show "…" instead of their content. */
export const JSON_TREE_MAX_DEPTH = 8
/** Entries shown per object or array; the rest are counted. */
export const JSON_TREE_MAX_ENTRIES = 200

function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return typeof value === 'object' && value !== null
}

function entriesOf(value: Record<string, unknown> | unknown[]): [string, unknown][] {
  if (Array.isArray(value)) return value.map((item, i) => [String(i), item])
  // Own enumerable keys only (a `__proto__` key from JSON.parse is an own key and shows as text).
  return Object.keys(value).map((key) => [key, (value as Record<string, unknown>)[key]])
}

/** A primitive as text: strings as they are, `null`, numbers and booleans as JSON writes them. */
function primitiveText(value: unknown): string {
  if (value === null) return 'null'
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value)
  if (value === undefined) return 'undefined'
  return `[${typeof value}]`
}

/**
 * A metadata value: primitives as text, objects and arrays as a collapsible tree (`<details>` per
 * level, a `<dl>` of keys and values). Keys and values are React text, never HTML. Levels past
 * {@link JSON_TREE_MAX_DEPTH} show "…".
 */
export function JsonTree({ value, depth = 0, label }: { value: unknown; depth?: number; label?: string }): ReactNode {
  if (!isContainer(value)) {
    return (
      <span className="uk-code" data-json-type={value === null ? 'null' : typeof value}>
        {primitiveText(value)}
      </span>
    )
  }
  return <JsonContainer value={value} depth={depth} label={label} />
}

function JsonContainer({ value, depth, label }: { value: Record<string, unknown> | unknown[]; depth: number; label?: string }): ReactNode {
  const t = useMessages()
  const array = Array.isArray(value)
  const entries = entriesOf(value)
  const size = array ? t('json.items', { count: entries.length }) : t('json.keys', { count: entries.length })
  const summary = `${array ? '[…]' : '{…}'} ${size}`
  if (entries.length === 0) return <span className="uk-code uk-muted">{array ? '[]' : '{}'}</span>
  if (depth >= JSON_TREE_MAX_DEPTH) {
    return (
      <span className="uk-code uk-muted" title={t('json.tooDeep')}>
        {array ? '[…]' : '{…}'}
      </span>
    )
  }
  const shown = entries.slice(0, JSON_TREE_MAX_ENTRIES)
  return (
    <details className="uk-json-tree" open={depth === 0}>
      <summary aria-label={label ? t(array ? 'json.array' : 'json.object', { name: label, size }) : undefined}>
        <span className="uk-code uk-muted">{summary}</span>
      </summary>
      <dl>
        {shown.map(([key, item]) => (
          <div key={key} className="uk-json-entry">
            <dt className="uk-code">{array ? `[${key}]` : key}</dt>
            <dd>
              <JsonTree value={item} depth={depth + 1} label={label ? `${label}.${key}` : key} />
            </dd>
          </div>
        ))}
        {entries.length > shown.length ? <div className="uk-muted uk-json-more">{t('json.more', { count: entries.length - shown.length })}</div> : null}
      </dl>
    </details>
  )
}
