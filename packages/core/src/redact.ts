/**
 * Redaction for what a usage page shows of secrets and personal data. Adapters redact before
 * answering; the UI never receives the full value.
 */

/** An API key or its id as its last four characters: `sk-…3f9a`. */
export function redactApiKey(key: string): string {
  if (key.length <= 8) return `…${key.slice(-2)}`
  const prefix = /^[a-z]+[-_]/i.exec(key)?.[0] ?? ''
  return `${prefix}…${key.slice(-4)}`
}

/** An IP address without its host part: `203.0.113.xxx`, `2001:db8:85a3:…`. */
export function redactIp(ip: string): string {
  if (ip.includes('.') && !ip.includes(':')) {
    const parts = ip.split('.')
    return parts.length === 4 ? `${parts.slice(0, 3).join('.')}.xxx` : 'xxx'
  }
  const groups = ip.split(':').filter(Boolean)
  return `${groups.slice(0, 3).join(':')}:…`
}
