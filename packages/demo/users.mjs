// The demo's signed-in users and what each may see: decided by the host, enforced by the server.
export const DEMO_USERS = [
  { id: 'admin', name: 'Ada Admin', role: 'Admin', scope: {} },
  { id: 'lead', name: 'Rita Research', role: 'Team lead · Research', scope: { filters: { team: ['Research'] }, requestContent: false } },
  { id: 'member', name: 'Priya Member', role: 'Member', scope: null },
]
