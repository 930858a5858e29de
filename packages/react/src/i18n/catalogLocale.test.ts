import { describe, expect, it } from 'vitest'
import { matchCatalogLocale } from './catalogLocale.js'

describe('matchCatalogLocale', () => {
  it('takes the exact locale, then its language, else English', () => {
    expect(matchCatalogLocale('de')).toBe('de')
    expect(matchCatalogLocale('de-DE')).toBe('de')
    expect(matchCatalogLocale('de-AT')).toBe('de')
    expect(matchCatalogLocale('fr-CA')).toBe('fr')
    expect(matchCatalogLocale('es-419')).toBe('es')
    expect(matchCatalogLocale('ja-JP')).toBe('ja')
    expect(matchCatalogLocale('EN-gb')).toBe('en')
    expect(matchCatalogLocale('pt-BR')).toBe('en')
    expect(matchCatalogLocale(undefined)).toBe('en')
    expect(matchCatalogLocale('not a locale!')).toBe('en')
  })

  it('matches Chinese by script: Simplified to zh-CN, Traditional to English (no zh-TW catalog yet)', () => {
    expect(matchCatalogLocale('zh')).toBe('zh-CN')
    expect(matchCatalogLocale('zh-CN')).toBe('zh-CN')
    expect(matchCatalogLocale('zh-cn')).toBe('zh-CN')
    expect(matchCatalogLocale('zh-Hans-CN')).toBe('zh-CN')
    expect(matchCatalogLocale('zh-SG')).toBe('zh-CN')
    expect(matchCatalogLocale('zh-TW')).toBe('en')
    expect(matchCatalogLocale('zh-HK')).toBe('en')
    expect(matchCatalogLocale('zh-Hant-TW')).toBe('en')
    expect(matchCatalogLocale('zh-Hans-HK')).toBe('zh-CN')
  })
})
