import type { Preview } from '@storybook/react-vite'
import '@usagekit/react/styles.css'
import { withUsage } from '../stories/support/withUsage'

const preview: Preview = {
  globalTypes: {
    theme: {
      description: 'usagekit theme',
      toolbar: { title: 'Theme', icon: 'mirror', items: ['light', 'dark', 'system'], dynamicTitle: true },
    },
  },
  initialGlobals: { theme: 'light' },
  parameters: {
    layout: 'fullscreen',
    viewport: {
      options: {
        narrow: { name: 'Narrow (360 px)', styles: { width: '360px', height: '800px' } },
        tablet: { name: 'Tablet (768 px)', styles: { width: '768px', height: '1024px' } },
        desktop: { name: 'Desktop (1440 px)', styles: { width: '1440px', height: '900px' } },
      },
    },
  },
  tags: ['autodocs'],
  decorators: [
    withUsage,
    (Story, context) => {
      // Stand in for a host app: its font and background (usagekit inherits the font).
      const dark = context.globals.theme === 'dark' || (context.globals.theme === 'system' && window.matchMedia('(prefers-color-scheme: dark)').matches)
      document.body.style.background = dark ? '#0f1115' : '#ffffff'
      document.body.style.fontFamily = 'Inter, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif'
      return <Story />
    },
  ],
}
export default preview
