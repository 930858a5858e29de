import { describe, expect, it } from 'vitest'
import { badgeWidth, fitModelBadges } from './fitModelBadges.js'

describe('fitModelBadges', () => {
  it('shows every model whole when they fit', () => {
    expect(fitModelBadges(['gpt-4.1', 'o4-mini'], 2, 316)).toEqual({ shown: ['gpt-4.1', 'o4-mini'], hidden: [], more: 0 })
  })

  it('folds the models that do not fit whole into "+N", keeping room for it', () => {
    const models = ['claude-sonnet-4.5', 'gemini-2.5-flash', 'public/deepseek-r1']
    const fitted = fitModelBadges(models, 3, 316)
    expect(fitted.shown).toEqual(['claude-sonnet-4.5', 'gemini-2.5-flash'])
    expect(fitted).toMatchObject({ hidden: ['public/deepseek-r1'], more: 1 })
    // What is shown, with its gaps and the "+1", fits the column.
    expect(fitted.shown.reduce((sum, model) => sum + badgeWidth(model), 0) + 4 * fitted.shown.length + 36).toBeLessThanOrEqual(316)
  })

  it('counts the models the adapter did not list in "+N"', () => {
    expect(fitModelBadges(['o4-mini', 'claude-sonnet-4.5', 'gemini-2.5-pro'], 6, 316)).toEqual({ shown: ['o4-mini', 'claude-sonnet-4.5'], hidden: ['gemini-2.5-pro'], more: 4 })
    expect(fitModelBadges(['gpt-4.1'], 5, 316)).toEqual({ shown: ['gpt-4.1'], hidden: [], more: 4 })
  })

  it('always shows the first model, however long', () => {
    expect(fitModelBadges(['a-very-long-fine-tuned-model-name-for-the-research-team-v12', 'gpt-4.1'], 2, 316)).toEqual({
      shown: ['a-very-long-fine-tuned-model-name-for-the-research-team-v12'],
      hidden: ['gpt-4.1'],
      more: 1,
    })
  })
})
