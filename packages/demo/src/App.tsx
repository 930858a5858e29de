import { QueryClient } from '@tanstack/react-query'
import { createHttpAdapter } from '@usagekit/core/http'
import { UsagePage, UsageProvider } from '@usagekit/react'
import { useEffect, useMemo, useState } from 'react'

interface DemoUser {
  id: string
  name: string
  role: string
}

const NAV = ['Overview', 'Models', 'Playground', 'API keys', 'Usage', 'Settings']

/**
 * "Now" to the minute: everyone who opens the page in the same minute asks for the same ranges, so
 * the server answers them with one statement each and a 5-second cache (server.mjs). With the clock
 * to the millisecond no two viewers' queries are ever the same. The data is generated to the hour.
 */
const nowToTheMinute = () => Math.floor(Date.now() / 60_000) * 60_000

/** The host console: its own navigation and user switcher, with usagekit's page in the middle. */
export function App() {
  const [users, setUsers] = useState<DemoUser[]>([])
  const [userId, setUserId] = useState(() => localStorage.getItem('demo-user') ?? 'admin')
  const [dark, setDark] = useState(false)
  useEffect(() => {
    void fetch('/api/users')
      .then((response) => response.json())
      .then(setUsers)
  }, [])
  useEffect(() => localStorage.setItem('demo-user', userId), [userId])
  // A new signed-in user gets a new adapter and a fresh cache: nothing of another user's answers lingers.
  const adapter = useMemo(() => createHttpAdapter({ baseUrl: '/api/usage', headers: { 'x-demo-user': userId } }), [userId])
  const queryClient = useMemo(() => new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false } } }), [userId])
  const user = users.find((u) => u.id === userId)
  const isAdmin = userId === 'admin'

  return (
    <div className={`console${dark ? ' console-dark' : ''}`}>
      <aside className="console-nav" aria-label="Console">
        <div className="console-brand">Acme AI Console</div>
        <nav>
          <ul>
            {NAV.map((item) => (
              <li key={item}>
                <a href={item === 'Usage' ? '#usage' : '#'} aria-current={item === 'Usage' ? 'page' : undefined}>
                  {item}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </aside>
      <div className="console-main">
        <header className="console-top">
          <span className="console-crumb">Organization / Usage</span>
          <div className="console-user">
            <button type="button" className="console-theme" onClick={() => setDark(!dark)} aria-pressed={dark}>
              {dark ? 'Light' : 'Dark'} theme
            </button>
            <label htmlFor="demo-user">Signed in as</label>
            <select id="demo-user" value={userId} onChange={(event) => setUserId(event.target.value)}>
              {users.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name} — {u.role}
                </option>
              ))}
            </select>
          </div>
        </header>
        <main id="usage">
          <UsageProvider
            key={userId}
            adapter={adapter}
            queryClient={queryClient}
            theme={dark ? 'dark' : 'light'}
            now={nowToTheMinute}
            syncUrl
            permissions={{ requestContent: userId !== 'lead', otherUsers: userId !== 'member' }}
          >
            <UsagePage
              title="Usage"
              description={user ? `What ${isAdmin ? 'the organization' : user.role.includes('lead') ? 'the Research team' : 'you'} consumed: spend, tokens and requests.` : undefined}
              sections={isAdmin ? ['team', 'llm', 'requests'] : ['team', 'requests']}
              view={userId !== 'member'}
              filters={userId === 'member' ? ['model'] : ['apiKey', 'tag', 'team']}
              requestColumns={['timestamp', 'status', 'userName', 'providerModel', 'totalTokens', 'latencyMs', 'cost', 'id']}
            />
          </UsageProvider>
        </main>
      </div>
    </div>
  )
}
