import type { UsageBudget } from '@usagekit/core'
import { describe, expect, it } from 'vitest'
import { applicableBudget, budgetMatchesFilters } from './applicableBudget.js'

const org: UsageBudget = { amount: 5000, period: 'month' }
const research = { amount: 1200, period: 'month' as const, filters: { team: ['Research'] }, label: 'Research' }
const two = { amount: 2000, period: 'week' as const, filters: { team: ['Sales', 'Finance'] } }

describe('budgetMatchesFilters', () => {
  it('an unfiltered budget applies to an unfiltered page only', () => {
    expect(budgetMatchesFilters(org, undefined)).toBe(true)
    expect(budgetMatchesFilters(org, { team: [] })).toBe(true)
    expect(budgetMatchesFilters(org, { team: ['Research'] })).toBe(false)
  })
  it('a filtered budget applies when the page selects the same values, in any order', () => {
    expect(budgetMatchesFilters(research, { team: ['Research'] })).toBe(true)
    expect(budgetMatchesFilters(two, { team: ['Finance', 'Sales'] })).toBe(true)
    expect(budgetMatchesFilters(two, { team: ['Finance'] })).toBe(false)
    expect(budgetMatchesFilters(research, { team: ['Research'], model: ['gpt-4o'] })).toBe(false)
  })
})

describe('applicableBudget', () => {
  it('picks the first budget whose filters match, or null', () => {
    expect(applicableBudget([research, org], {})).toBe(org)
    expect(applicableBudget([research, org], { team: ['Research'] })).toBe(research)
    expect(applicableBudget([research], { user: ['u_0001'] })).toBeNull()
  })
})
