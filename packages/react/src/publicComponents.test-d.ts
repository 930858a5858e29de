import type { ComponentPropsWithRef, ComponentRef, MouseEventHandler } from 'react'
import { describe, expectTypeOf, it } from 'vitest'
import type {
  ActivityChart,
  BarList,
  BreakdownTable,
  Card,
  DimensionFilter,
  EmptyState,
  ErrorState,
  ExportButton,
  FilterBar,
  KpiCard,
  KpiGrid,
  LiveBanner,
  LiveToggle,
  RefreshButton,
  RequestDrawer,
  RequestLog,
  Skeleton,
  SpendChart,
  Sparkline,
  TimeChart,
  TimeRangePicker,
  TokensChart,
  TrendChart,
  UsageChart,
  UsagePage,
  UsagePageFilters,
  UsagePageHeader,
  UsagePageHeading,
  UsagePageRoot,
  UsagePageToolbar,
  UsageRoot,
  UsageSection,
  ViewToggle,
} from './index.js'

/** Native props every public component passes to its root element. */
interface NativeBasics {
  className?: string
  id?: string
  onClick?: unknown
  onKeyDown?: unknown
  style?: unknown
}

describe('public components', () => {
  it('forward a ref to the DOM node of their root', () => {
    expectTypeOf<ComponentRef<typeof TimeChart>>().toEqualTypeOf<HTMLElement>()
    expectTypeOf<ComponentRef<typeof UsageChart>>().toEqualTypeOf<HTMLElement>()
    expectTypeOf<ComponentRef<typeof ActivityChart>>().toEqualTypeOf<HTMLElement>()
    expectTypeOf<ComponentRef<typeof SpendChart>>().toEqualTypeOf<HTMLElement>()
    expectTypeOf<ComponentRef<typeof TokensChart>>().toEqualTypeOf<HTMLElement>()
    expectTypeOf<ComponentRef<typeof TrendChart>>().toEqualTypeOf<HTMLElement>()
    expectTypeOf<ComponentRef<typeof BarList>>().toEqualTypeOf<HTMLElement>()
    expectTypeOf<ComponentRef<typeof Sparkline>>().toEqualTypeOf<HTMLSpanElement>()
    expectTypeOf<ComponentRef<typeof KpiCard>>().toEqualTypeOf<HTMLElement>()
    expectTypeOf<ComponentRef<typeof KpiGrid>>().toEqualTypeOf<HTMLDivElement>()
    expectTypeOf<ComponentRef<typeof Card>>().toEqualTypeOf<HTMLElement>()
    expectTypeOf<ComponentRef<typeof BreakdownTable>>().toEqualTypeOf<HTMLElement>()
    expectTypeOf<ComponentRef<typeof RequestLog>>().toEqualTypeOf<HTMLElement>()
    expectTypeOf<ComponentRef<typeof RequestDrawer>>().toEqualTypeOf<HTMLDivElement>()
    expectTypeOf<ComponentRef<typeof LiveToggle>>().toEqualTypeOf<HTMLButtonElement>()
    expectTypeOf<ComponentRef<typeof RefreshButton>>().toEqualTypeOf<HTMLButtonElement>()
    expectTypeOf<ComponentRef<typeof LiveBanner>>().toEqualTypeOf<HTMLDivElement>()
    expectTypeOf<ComponentRef<typeof ExportButton>>().toEqualTypeOf<HTMLDivElement>()
    expectTypeOf<ComponentRef<typeof TimeRangePicker>>().toEqualTypeOf<HTMLDivElement>()
    expectTypeOf<ComponentRef<typeof FilterBar>>().toEqualTypeOf<HTMLDivElement>()
    expectTypeOf<ComponentRef<typeof DimensionFilter>>().toEqualTypeOf<HTMLDivElement>()
    expectTypeOf<ComponentRef<typeof ViewToggle>>().toEqualTypeOf<HTMLDivElement>()
    expectTypeOf<ComponentRef<typeof EmptyState>>().toEqualTypeOf<HTMLDivElement>()
    expectTypeOf<ComponentRef<typeof ErrorState>>().toEqualTypeOf<HTMLDivElement>()
    expectTypeOf<ComponentRef<typeof Skeleton>>().toEqualTypeOf<HTMLSpanElement>()
    expectTypeOf<ComponentRef<typeof UsageRoot>>().toEqualTypeOf<HTMLDivElement>()
    expectTypeOf<ComponentRef<typeof UsagePage>>().toEqualTypeOf<HTMLDivElement>()
    expectTypeOf<ComponentRef<typeof UsagePageRoot>>().toEqualTypeOf<HTMLDivElement>()
    expectTypeOf<ComponentRef<typeof UsagePageHeader>>().toEqualTypeOf<HTMLDivElement>()
    expectTypeOf<ComponentRef<typeof UsagePageHeading>>().toEqualTypeOf<HTMLDivElement>()
    expectTypeOf<ComponentRef<typeof UsagePageToolbar>>().toEqualTypeOf<HTMLDivElement>()
    expectTypeOf<ComponentRef<typeof UsagePageFilters>>().toEqualTypeOf<HTMLDivElement>()
    expectTypeOf<ComponentRef<typeof UsageSection>>().toEqualTypeOf<HTMLElement>()
  })

  it('take the native props of their root element', () => {
    expectTypeOf<ComponentPropsWithRef<typeof TimeChart>>().toMatchTypeOf<NativeBasics>()
    expectTypeOf<ComponentPropsWithRef<typeof Sparkline>>().toMatchTypeOf<NativeBasics>()
    expectTypeOf<ComponentPropsWithRef<typeof RequestDrawer>>().toMatchTypeOf<NativeBasics>()
    expectTypeOf<ComponentPropsWithRef<typeof LiveBanner>>().toMatchTypeOf<NativeBasics>()
    expectTypeOf<ComponentPropsWithRef<typeof EmptyState>>().toMatchTypeOf<NativeBasics>()
    expectTypeOf<ComponentPropsWithRef<typeof ErrorState>>().toMatchTypeOf<NativeBasics>()
    expectTypeOf<ComponentPropsWithRef<typeof Skeleton>>().toMatchTypeOf<NativeBasics>()
    expectTypeOf<ComponentPropsWithRef<typeof ViewToggle>>().toMatchTypeOf<NativeBasics>()
    expectTypeOf<ComponentPropsWithRef<typeof KpiCard>>().toMatchTypeOf<NativeBasics>()
    expectTypeOf<ComponentPropsWithRef<typeof BarList>>().toMatchTypeOf<NativeBasics>()
    expectTypeOf<ComponentPropsWithRef<typeof UsageChart>>().toMatchTypeOf<NativeBasics>()
    expectTypeOf<ComponentPropsWithRef<typeof BreakdownTable>>().toMatchTypeOf<NativeBasics>()
    expectTypeOf<ComponentPropsWithRef<typeof RequestLog>>().toMatchTypeOf<NativeBasics>()
    expectTypeOf<ComponentPropsWithRef<typeof UsagePage>>().toMatchTypeOf<NativeBasics>()
    expectTypeOf<ComponentPropsWithRef<typeof UsagePageRoot>>().toMatchTypeOf<NativeBasics>()
    expectTypeOf<ComponentPropsWithRef<typeof UsagePageToolbar>>().toMatchTypeOf<NativeBasics>()
    expectTypeOf<ComponentPropsWithRef<typeof UsagePageFilters>>().toMatchTypeOf<NativeBasics>()
    expectTypeOf<ComponentPropsWithRef<typeof UsageSection>>().toMatchTypeOf<NativeBasics>()
  })

  it('type a host’s handler on the buttons as the button’s own', () => {
    expectTypeOf<ComponentPropsWithRef<typeof LiveToggle>['onClick']>().toEqualTypeOf<MouseEventHandler<HTMLButtonElement> | undefined>()
    expectTypeOf<ComponentPropsWithRef<typeof RefreshButton>['onClick']>().toEqualTypeOf<MouseEventHandler<HTMLButtonElement> | undefined>()
    expectTypeOf<ComponentPropsWithRef<typeof LiveToggle>>().toHaveProperty('disabled')
  })

  it('take aria attributes on the chart’s figure', () => {
    expectTypeOf<ComponentPropsWithRef<typeof TimeChart>['aria-label']>().toEqualTypeOf<string | undefined>()
  })
})
