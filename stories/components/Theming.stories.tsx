import type { Meta, StoryObj } from '@storybook/react-vite'
import { UsagePage } from '@usagekit/react'
import { HostStylesheet } from '../support/HostStylesheet'

/*
 * A host app themes usagekit with its own CSS (docs/theming.md). These stories load that CSS before or
 * after usagekit's (the `order` control) and set it on a wrapper or on the page's own class (the
 * `placement` control); the page, its menus, the calendar and the request drawer look the same in
 * every combination, light, dark and system. e2e/theming.test.mjs measures each one.
 */

/** Acme's brand: its teal (a lighter teal in dark mode), square-ish corners, its font. */
const ACME_CSS = `
.acme-brand {
  --uk-accent: light-dark(#0f766e, #2dd4bf);
  --uk-accent-contrast: light-dark(#ffffff, #042f2e);
  /* One colour for both themes: the host's value stays in dark mode. */
  --uk-series-0: #0f766e;
  --uk-radius: 4px;
  font-family: 'DejaVu Sans', Verdana, sans-serif;
}
`

/**
 * A shadcn/ui app's tokens (on html or a wrapper, with .dark for dark mode), mapped onto usagekit's
 * variables once, on the class given to UsagePage.
 */
const SHADCN_CSS = `
.shadcn-app {
  --radius: 0.625rem;
  --font-sans: 'DejaVu Sans', Verdana, sans-serif;
  --background: oklch(1 0 0);
  --foreground: oklch(0.141 0.005 285.823);
  --card: oklch(1 0 0);
  --muted: oklch(0.967 0.001 286.375);
  --muted-foreground: oklch(0.48 0.016 285.938);
  --border: oklch(0.92 0.004 286.32);
  --primary: oklch(0.488 0.243 264.376);
  --primary-foreground: oklch(0.985 0 0);
}
.shadcn-app.dark {
  --background: oklch(0.141 0.005 285.823);
  --foreground: oklch(0.985 0 0);
  --card: oklch(0.21 0.006 285.885);
  --muted: oklch(0.274 0.006 286.033);
  --muted-foreground: oklch(0.745 0.015 286.067);
  --border: oklch(1 0 0 / 12%);
  --primary: oklch(0.707 0.165 254.624);
  --primary-foreground: oklch(0.141 0.005 285.823);
}
.usage {
  --uk-accent: var(--primary);
  --uk-accent-contrast: var(--primary-foreground);
  --uk-bg: var(--background);
  --uk-surface: var(--card);
  --uk-surface-muted: var(--muted);
  --uk-text: var(--foreground);
  --uk-text-muted: var(--muted-foreground);
  --uk-border: var(--border);
  --uk-radius: calc(var(--radius) - 2px);
  --uk-font-family: var(--font-sans);
}
`

interface ThemingArgs {
  /** Where the host's class goes: a wrapper around the page, or the page's own `className`. */
  placement: 'parent' | 'root'
  order: 'before' | 'after'
}

const meta: Meta<ThemingArgs> = {
  title: 'Components/Theming',
  parameters: { usage: { framed: false } },
  argTypes: {
    placement: { control: 'inline-radio', options: ['parent', 'root'] },
    order: { control: 'inline-radio', options: ['before', 'after'] },
  },
  args: { placement: 'parent', order: 'after' },
}
export default meta
type Story = StoryObj<ThemingArgs>

/** Acme's brand on a wrapper of the page (`order` and `placement` are controls). */
export const BrandOnParent: Story = {
  render: ({ placement, order }) => (
    <>
      <HostStylesheet css={ACME_CSS} order={order} />
      <div className={placement === 'parent' ? 'acme-brand' : undefined}>
        <UsagePage title="Acme usage" className={placement === 'root' ? 'acme-brand' : undefined} sections={['team', 'requests']} />
      </div>
    </>
  ),
}

/** The same brand on the class passed to UsagePage. */
export const BrandOnRoot: Story = { ...BrandOnParent, args: { placement: 'root' } }

/** A shadcn/ui token set (with its `.dark` class) mapped onto usagekit's variables. */
export const ShadcnTokens: Story = {
  render: ({ order }, context) => {
    const dark = context.globals.theme === 'dark' || (context.globals.theme === 'system' && window.matchMedia('(prefers-color-scheme: dark)').matches)
    return (
      <>
        <HostStylesheet css={SHADCN_CSS} order={order} />
        <div className={dark ? 'shadcn-app dark' : 'shadcn-app'}>
          <UsagePage title="Usage" className="usage" sections={['team']} />
        </div>
      </>
    )
  },
}
