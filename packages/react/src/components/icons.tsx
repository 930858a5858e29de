import type { SVGProps } from 'react'

type IconProps = SVGProps<SVGSVGElement>

function Icon({ children, ...props }: IconProps & { children: React.ReactNode }) {
  return (
    <svg viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth={1.5} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false" className="uk-icon" {...props}>
      {children}
    </svg>
  )
}

export const RefreshIcon = (props: IconProps) => (
  <Icon {...props}>
    <path d="M13.5 8a5.5 5.5 0 1 1-1.6-3.9M13.5 2.5v3h-3" />
  </Icon>
)
export const DownloadIcon = (props: IconProps) => (
  <Icon {...props}>
    <path d="M8 2.5v8M4.5 7 8 10.5 11.5 7M3 13.5h10" />
  </Icon>
)
export const CloseIcon = (props: IconProps) => (
  <Icon {...props}>
    <path d="M4 4l8 8M12 4l-8 8" />
  </Icon>
)
export const ChevronDownIcon = (props: IconProps) => (
  <Icon {...props}>
    <path d="M4 6l4 4 4-4" />
  </Icon>
)
// "Previous" and "next" point the way the page reads: mirrored in a right-to-left page (styles.css).
export const ChevronLeftIcon = (props: IconProps) => (
  <Icon data-directional="" {...props}>
    <path d="M10 4 6 8l4 4" />
  </Icon>
)
export const ChevronRightIcon = (props: IconProps) => (
  <Icon data-directional="" {...props}>
    <path d="m6 4 4 4-4 4" />
  </Icon>
)
export const CalendarIcon = (props: IconProps) => (
  <Icon {...props}>
    <rect x="2.5" y="3.5" width="11" height="10" rx="1.5" />
    <path d="M2.5 6.5h11M5.5 2v3M10.5 2v3" />
  </Icon>
)
export const AlertIcon = (props: IconProps) => (
  <Icon {...props}>
    <path d="M8 1.8 14.5 13.5h-13Z" />
    <path d="M8 6.5v3M8 11.5v.01" />
  </Icon>
)
export const CheckIcon = (props: IconProps) => (
  <Icon {...props}>
    <path d="m3.5 8.5 3 3 6-7" />
  </Icon>
)
export const CopyIcon = (props: IconProps) => (
  <Icon {...props}>
    <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" />
    <path d="M10.5 5.5v-2a1 1 0 0 0-1-1h-6a1 1 0 0 0-1 1v6a1 1 0 0 0 1 1h2" />
  </Icon>
)
export const ArrowUpIcon = (props: IconProps) => (
  <Icon {...props}>
    <path d="M8 13V3M4 7l4-4 4 4" />
  </Icon>
)
export const ArrowDownIcon = (props: IconProps) => (
  <Icon {...props}>
    <path d="M8 3v10M4 9l4 4 4-4" />
  </Icon>
)
/** Live mode: a dot broadcasting (the dot is drawn by the caller's colour). */
export const LiveIcon = ({ on, ...props }: IconProps & { on?: boolean }) => (
  <Icon {...props}>
    <circle cx="8" cy="8" r="1.75" fill={on ? 'var(--_uk-good)' : 'currentColor'} stroke="none" />
    <path d="M5.2 10.8a4 4 0 0 1 0-5.6M10.8 5.2a4 4 0 0 1 0 5.6M3.4 12.6a6.5 6.5 0 0 1 0-9.2M12.6 3.4a6.5 6.5 0 0 1 0 9.2" />
  </Icon>
)
export const EyeIcon = (props: IconProps) => (
  <Icon {...props}>
    <path d="M1.5 8S4 3.5 8 3.5 14.5 8 14.5 8 12 12.5 8 12.5 1.5 8 1.5 8Z" />
    <circle cx={8} cy={8} r={2} />
  </Icon>
)
export const EyeOffIcon = (props: IconProps) => (
  <Icon {...props}>
    <path d="M6.6 3.7A6.4 6.4 0 0 1 8 3.5C12 3.5 14.5 8 14.5 8a11 11 0 0 1-1.7 2.2M4.4 4.8A11 11 0 0 0 1.5 8S4 12.5 8 12.5a6.3 6.3 0 0 0 3.2-.9M2.5 2.5l11 11M6.6 6.7a2 2 0 0 0 2.8 2.8" />
  </Icon>
)
export const CompareIcon = (props: IconProps) => (
  <Icon {...props}>
    <path d="M2 12.5 6 8l3 2.5 5-6" />
    <path d="M2 9.5 6 6l3 2 5-4.5" strokeDasharray="1.5 2" />
  </Icon>
)
export const RequestsIcon = (props: IconProps) => (
  <Icon {...props}>
    <path d="M5.5 4h8M5.5 8h8M5.5 12h8M2.5 4h.01M2.5 8h.01M2.5 12h.01" />
  </Icon>
)
/** A person: a consumer that is a user. */
export const UserIcon = (props: IconProps) => (
  <Icon {...props}>
    <circle cx="8" cy="5.5" r="2.5" />
    <path d="M3 13.5a5 5 0 0 1 10 0" />
  </Icon>
)
/** A bot's head: a consumer that is an agent. */
export const AgentIcon = (props: IconProps) => (
  <Icon {...props}>
    <rect x="2.5" y="5" width="11" height="8" rx="2" />
    <path d="M8 5V2.5M6 9v.01M10 9v.01" />
  </Icon>
)
